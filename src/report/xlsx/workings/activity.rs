//! The Activity sheet: courses, enrolled, completers and volunteers trained per municipality and
//! year, one block of municipalities per measure.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::super::Text;
use super::super::{Formats, HEAD, cell, finish};
use super::{
    COMPLETERS, COURSES, ENROLLED, Params, act_row, formula, number, year_col, years_header,
};
use crate::ledger::Activity;
use crate::model::Model;

/// Activity: courses, enrolled, completers and volunteers trained per municipality and year.
pub(super) fn sheet(
    model: &Model,
    params: &Params,
    act: &[Vec<Activity>],
    fm: &Formats,
    line: &str,
) -> Result<Worksheet, XlsxError> {
    let w = fm.w;
    let mut ws = super::super::sheet(w.sheets.activity, fm, &model.name, line, w.activity_note)?;
    years_header(&mut ws, fm, HEAD, model, &[w.measure, w.municipality])?;
    for (k, measure) in w.measures.iter().enumerate() {
        for (m, mu) in model.municipalities.iter().enumerate() {
            let x = act_row(model, k, m);
            ws.text(x, 0, *measure)?;
            ws.text(x, 1, &mu.name)?;
            for (t, a) in act[m].iter().enumerate() {
                let c = year_col(2, t);
                let own = |k: usize| cell(act_row(model, k, m), c, false);
                match k {
                    COURSES => {
                        // Times the probability it still runs them (`stop`), where below 1.
                        let running = mu.expected_running(t);
                        let times = if running == Decimal::ONE {
                            String::new()
                        } else {
                            format!("*{}", number(running))
                        };
                        match &mu.size {
                            None if times.is_empty() => {
                                params.write(&mut ws, x, c, mu.courses.0[t], &fm.ratio)?
                            }
                            None => formula(
                                &mut ws,
                                x,
                                c,
                                format!("={}{times}", params.text(mu.courses.0[t])),
                                a.courses,
                                &fm.ratio,
                            )?,
                            Some(s) => formula(
                                &mut ws,
                                x,
                                c,
                                format!(
                                    "={}*({}*{}*{}/10000){times}",
                                    params.text(mu.courses.0[t]),
                                    number(s.population),
                                    params.text(s.adult_share),
                                    params.text(s.per_10000_adults)
                                ),
                                a.courses,
                                &fm.ratio,
                            )?,
                        }
                    }
                    ENROLLED => formula(
                        &mut ws,
                        x,
                        c,
                        format!(
                            "={}*{}",
                            own(COURSES),
                            params.text(mu.participants_per_course.0[t])
                        ),
                        a.enrolled,
                        &fm.ratio,
                    )?,
                    COMPLETERS => formula(
                        &mut ws,
                        x,
                        c,
                        format!(
                            "={}*{}",
                            own(ENROLLED),
                            params.text(mu.completion_rate.0[t])
                        ),
                        a.completers,
                        &fm.ratio,
                    )?,
                    _ => match &mu.volunteers_trained {
                        Some(s) => params.write(&mut ws, x, c, s.0[t], &fm.ratio)?,
                        None => {
                            let trained = format!(
                                "{}*{}",
                                params.text(mu.peers_per_course.0[t]),
                                own(COURSES)
                            );
                            // The first active year trains every peer; later years the turnover.
                            let text = if t == 0 {
                                format!("={trained}")
                            } else {
                                let row = act_row(model, COURSES, m);
                                format!(
                                    "={trained}*IF(COUNTIF({}:{},\">0\")=0,1,{})",
                                    cell(row, 2, false),
                                    cell(row, c - 1, false),
                                    params.text(mu.volunteer_turnover.0[t])
                                )
                            };
                            formula(&mut ws, x, c, text, a.volunteers_trained, &fm.ratio)?;
                        }
                    },
                }
            }
        }
    }
    finish(&mut ws, &[20.0, 16.0, 11.0], 2 + model.horizon as u16)?;
    Ok(ws)
}

//! The Costs and Transfers sheets: each cost line's yearly amount per allocation group, and
//! each transfer per municipality it is split to.

use crate::decimal::to_f64;
use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::super::Text;
use super::super::parts::{Parts, Term};
use super::super::{Formats, HEAD, cell, finish, sheet_ref};
use super::{
    COMPLETERS, COURSES, ENROLLED, Key, Params, Sum, Terms, VOLUNTEERS, act_ref, all, all_range,
    checked, formula, served_terms, year_col, years_header,
};
use crate::ledger::{Activity, driver_count};
use crate::model::{Driver, Model, allocation_groups};

/// Municipality names of a slot list: `national` for the national lines.
fn slot_name(model: &Model, m: Option<usize>) -> &str {
    m.map_or(crate::report::NATIONAL, |m| &model.municipalities[m].name)
}

/// Costs: one row per cost line and allocation group; its amount per year is the driver's
/// count (of the municipalities it serves) × quantity × unit cost, split in the ledger by the
/// allocation key.
pub(super) fn costs(
    model: &Model,
    params: &Params,
    act: &[Vec<Activity>],
    fm: &Formats,
    line: &str,
    terms: &mut Terms,
) -> Result<Worksheet, XlsxError> {
    let w = fm.w;
    let mut ws = super::super::sheet(w.sheets.costs, fm, &model.name, line, w.costs_note)?;
    years_header(
        &mut ws,
        fm,
        HEAD,
        model,
        &[
            w.cost_line,
            w.driver,
            w.counts,
            w.split_into,
            w.payer,
            w.quantity_unit_cost,
        ],
    )?;
    let mut x = HEAD + 1;
    let mut parts = Parts::new(year_col(6, model.horizon) + 1);
    for c in &model.costs {
        let payer = &model.payers[c.payer];
        let at = (&mut x, &mut parts);
        let line_terms = line_rows(&mut ws, model, params, act, fm, c, payer, at)?;
        terms.costs.push(line_terms);
    }
    // Volunteer time: counted as cost lines are, borne by no payer (the Society sheet values
    // it; the Ledger does not sum it).
    for c in &model.society.volunteer_time {
        let at = (&mut x, &mut parts);
        let line_terms = line_rows(&mut ws, model, params, act, fm, c, w.volunteers, at)?;
        terms.volunteer_time.push(line_terms);
    }
    finish(
        &mut ws,
        &[28.0, 20.0, 22.0, 26.0, 10.0, 16.0, 14.0],
        6 + model.horizon as u16,
    )?;
    Ok(ws)
}

/// One cost line's rows, one per allocation group from row `next` on (long counts added up
/// in `parts`): what the ledger sums of it.
#[allow(clippy::too_many_arguments)]
fn line_rows(
    ws: &mut Worksheet,
    model: &Model,
    params: &Params,
    act: &[Vec<Activity>],
    fm: &Formats,
    c: &crate::model::CostLine,
    payer: &str,
    (next, parts): (&mut u32, &mut Parts),
) -> Result<HashMap<Key, Sum>, XlsxError> {
    let nm = model.municipalities.len();
    let costs = sheet_ref(fm.w.sheets.costs);
    let mut line_terms: HashMap<Key, Sum> = HashMap::new();
    for g in allocation_groups(model, &c.allocation) {
        let x = *next;
        ws.text(x, 0, &c.name)?;
        ws.text(x, 1, (fm.w.driver_name)(c.driver))?;
        let counts = if all(model, &g.served) {
            fm.w.all_municipalities.to_owned()
        } else {
            let names: Vec<&str> = (g.served.iter())
                .map(|&m| model.municipalities[m].name.as_str())
                .collect();
            names.join(", ")
        };
        ws.text(x, 2, counts)?;
        let split: Vec<String> = (g.split.iter())
            .map(|(m, s)| {
                let s = s.normalize();
                let share = fm.words.lang.number(s, s.scale());
                format!("{} {share}", slot_name(model, *m))
            })
            .collect();
        ws.text(x, 3, split.join(", "))?;
        ws.text(x, 4, payer)?;
        let unit = checked(
            params
                .value(c.quantity)
                .checked_mul(params.value(c.unit_cost)),
        )?;
        formula(
            ws,
            x,
            5,
            format!("={}*{}", params.text(c.quantity), params.text(c.unit_cost)),
            unit,
            &fm.ore,
        )?;
        let unit_ref = cell(x, 5, true);
        for t in 0..model.horizon {
            let col = year_col(6, t);
            let count = checked(driver_count(c, &g.served, act, t))?;
            let amount = checked(count.checked_mul(unit))?;
            let own_year = c.years.as_ref().map(|y| y[t]);
            let text = match (c.driver, own_year) {
                (Driver::PerYear | Driver::OneOff, Some(true)) => Some(format!("={unit_ref}")),
                (Driver::PerYear | Driver::OneOff, Some(false)) | (Driver::OneOff, None) => None,
                (Driver::PerYear, None) => {
                    let any = if all(model, &g.served) {
                        format!("COUNTIF({},\">0\")>0", all_range(fm, model, COURSES, t))
                    } else {
                        // How many of them have courses: a long count is added up in parts.
                        // Each test is made a number (`*1`): a lone TRUE compared with 0 is
                        // always greater, in Excel, LibreOffice and IronCalc alike.
                        let each: Vec<Term> = (g.served.iter())
                            .map(|&m| {
                                let yes = act[m][t].courses > Decimal::ZERO;
                                let text = format!("({}>0)*1", act_ref(fm, model, COURSES, m, t));
                                Term::new(text, Decimal::from(yes as u8))
                            })
                            .collect();
                        format!("{}>0", parts.sum(ws, fm, each, &fm.ratio)?)
                    };
                    Some(format!("=IF({any},{unit_ref},0)"))
                }
                (Driver::PerCoordinator, _) => {
                    // The coordinators needed: the courses over the capacity, rounded up.
                    let terms = served_terms(fm, model, act, COURSES, &g.served, t)?;
                    let sum = parts.sum(ws, fm, terms, &fm.ratio)?;
                    let capacity = c.courses_per_coordinator.unwrap_or(Decimal::ONE);
                    Some(format!("=ROUNDUP(({sum})/{capacity},0)*{unit_ref}"))
                }
                (d, _) => {
                    let measure = match d {
                        Driver::PerCourse => COURSES,
                        Driver::PerParticipant => ENROLLED,
                        Driver::PerCompleter => COMPLETERS,
                        _ => VOLUNTEERS,
                    };
                    let terms = served_terms(fm, model, act, measure, &g.served, t)?;
                    let one = terms.len() == 1;
                    let sum = parts.sum(ws, fm, terms, &fm.ratio)?;
                    Some(if one {
                        format!("={sum}*{unit_ref}")
                    } else {
                        format!("=({sum})*{unit_ref}")
                    })
                }
            };
            match text {
                Some(text) => formula(ws, x, col, text, amount, &fm.ore)?,
                None => ws
                    .write_number_with_format(x, col, 0.0, &fm.ore)
                    .map(|_| ())?,
            }
            let reference = format!("{costs}{}", cell(x, col, false));
            for (m, share) in &g.split {
                let key = (t, m.unwrap_or(nm), c.payer);
                (line_terms.entry(key).or_default()).add(&reference, *share, amount, false)?;
            }
        }
        *next += 1;
    }
    Ok(line_terms)
}

/// Transfers: one row per transfer and municipality it is split to; the amount moves in the
/// listed years, into `to` and out of `from`.
pub(super) fn transfers(
    model: &Model,
    params: &Params,
    fm: &Formats,
    line: &str,
    terms: &mut Terms,
) -> Result<Worksheet, XlsxError> {
    let nm = model.municipalities.len();
    let w = fm.w;
    let mut ws = super::super::sheet(w.sheets.transfers, fm, &model.name, line, w.transfers_note)?;
    years_header(
        &mut ws,
        fm,
        HEAD,
        model,
        &[w.transfer, w.from, w.to, w.municipality, w.share, w.amount],
    )?;
    let transfers = sheet_ref(w.sheets.transfers);
    let mut x = HEAD + 1;
    for tr in &model.transfers {
        let amount = params.value(tr.amount);
        let split = (allocation_groups(model, &tr.allocation).into_iter()).flat_map(|g| g.split);
        for (m, share) in split {
            ws.text(x, 0, &tr.name)?;
            ws.text(x, 1, &model.payers[tr.from])?;
            ws.text(x, 2, &model.payers[tr.to])?;
            ws.text(x, 3, slot_name(model, m))?;
            ws.write_number(x, 4, to_f64(share))?;
            params.write(&mut ws, x, 5, tr.amount, &fm.ore)?;
            for t in 0..model.horizon {
                let col = year_col(6, t);
                if !tr.years[t] {
                    ws.write_number_with_format(x, col, 0.0, &fm.ore)?;
                    continue;
                }
                let value = checked(amount.checked_mul(share))?;
                let text = format!("={}*{}", cell(x, 5, true), cell(x, 4, true));
                formula(&mut ws, x, col, text, value, &fm.ore)?;
                let reference = format!("{transfers}{}", cell(x, col, false));
                let slot = m.unwrap_or(nm);
                for (payer, negative) in [(tr.to, false), (tr.from, true)] {
                    (terms.transfers.entry((t, slot, payer)).or_default()).add(
                        &reference,
                        Decimal::ONE,
                        value,
                        negative,
                    )?;
                }
            }
            x += 1;
        }
    }
    finish(
        &mut ws,
        &[34.0, 12.0, 12.0, 16.0, 8.0, 14.0, 14.0],
        6 + model.horizon as u16,
    )?;
    Ok(ws)
}

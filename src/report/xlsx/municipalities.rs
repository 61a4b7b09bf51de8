//! The Municipalities sheet: each municipality's own NPV over the trials (its `kommune` rows of
//! the ledger), P(NPV > 0) and, where the run followed them year by year
//! (`--municipal-break-even`), P(break-even by each year); values, not formulas.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Text;
use super::{Formats, HEAD, finish, header_over, sheet};
use crate::report::RunReport;

/// The sheet, when a Monte Carlo ran over municipalities; `years` are the horizon's years.
pub(super) fn sheet_of(
    r: &RunReport,
    fm: &Formats,
    line: &str,
    years: &[i32],
) -> Result<Option<Worksheet>, XlsxError> {
    let Some(mc) = &r.monte_carlo else {
        return Ok(None);
    };
    if mc.municipalities.is_empty() {
        return Ok(None);
    }
    let w = fm.w;
    let by_year = mc.municipalities.values().all(|m| m.break_even.is_some());
    let note = if by_year {
        w.municipalities_by_year_note
    } else {
        w.municipalities_note
    };
    let mut ws = sheet(w.sheets.municipalities, fm, &r.scenario, line, note)?;
    let [p5, p25, p75, p95] = [5, 25, 75, 95].map(|p| fm.percentile(p));
    let mut names: Vec<String> = vec![
        w.municipality.into(),
        w.mean.into(),
        w.sd.into(),
        p5,
        p25,
        w.median.into(),
        p75,
        p95,
        w.prob_positive.into(),
    ];
    if by_year {
        names.extend(years.iter().map(|y| (w.prob_break_even_in)(*y)));
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    header_over(&mut ws, fm, HEAD, &names, 1)?;
    for (i, (name, m)) in mc.municipalities.iter().enumerate() {
        let x = HEAD + 1 + i as u32;
        ws.text(x, 0, name)?;
        let n = &m.npv;
        for (c, v) in [n.mean, n.sd, n.p5, n.p25, n.p50, n.p75, n.p95]
            .iter()
            .enumerate()
        {
            ws.write_number_with_format(x, 1 + c as u16, v.0, &fm.kroner)?;
        }
        ws.write_number_with_format(x, 8, m.prob_npv_positive.0, &fm.ratio)?;
        if let Some(b) = m.break_even.as_ref().filter(|_| by_year) {
            for (t, y) in years.iter().enumerate() {
                let p = b.by_year.get(&y.to_string()).map_or(0.0, |p| p.0);
                ws.write_number_with_format(x, 9 + t as u16, p, &fm.ratio)?;
            }
        }
    }
    finish(&mut ws, &[16.0, 13.0], names.len() as u16)?;
    Ok(Some(ws))
}

//! The budget view: each municipality's yearly net per payer for the budget year and the three
//! years after it (budgetår and overslagsår), as a budget note lays it out.

use crate::decimal::to_f64;
use crate::model::Model;
use indexmap::IndexMap;
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

use super::Text;
use super::ledger::{municipality_no, payer_no};
use super::workings::checked;
use super::{Formats, HEAD, finish, header_over, heading, result};
use crate::report::RunReport;

/// Years a budget note shows: the budget year and three following years.
const YEARS: usize = 4;

/// The budget sheet, from the ledger's columns `cols`.
pub(super) fn sheet(
    r: &RunReport,
    model: &Model,
    fm: &Formats,
    line: &str,
    cols: &super::ledger::Cols,
) -> Result<Worksheet, XlsxError> {
    let w = fm.w;
    let range = |c: u16| cols.range(c);
    let mut ws = Worksheet::new();
    ws.set_name(w.sheets.budget)?;
    heading(&mut ws, fm, &r.scenario, line)?;
    ws.text(HEAD - 1, 0, (w.budget_note)(r.price_year))?;
    let years: Vec<i32> = (0..YEARS.min(r.horizon) as i32)
        .map(|t| r.start_year + t)
        .collect();
    let mut header = vec![w.municipality.to_owned(), w.payer.to_owned()];
    header.extend(years.iter().enumerate().map(|(i, y)| {
        if i == 0 {
            (w.budget_year)(*y)
        } else {
            (w.estimate_year)(*y, i)
        }
    }));
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    header_over(&mut ws, fm, HEAD, &refs, 2)?;
    // Exact sums per (municipality, payer, year), for the cached results; rows in ledger order.
    // The Ledger's rows are picked by the municipality's and payer's numbers, not by name.
    let nm = model.municipalities.len();
    type Row<'a> = (&'a str, &'a str, Vec<rust_decimal::Decimal>);
    let mut sums: IndexMap<(usize, usize), Row> = IndexMap::new();
    for row in &r.base.ledger {
        let t = (row.year - r.start_year) as usize;
        if t >= years.len() {
            continue;
        }
        let key = (
            municipality_no(nm, row.municipality_id),
            payer_no(row.payer_id),
        );
        let (_, _, v) = sums.entry(key).or_insert_with(|| {
            let zero = vec![rust_decimal::Decimal::ZERO; years.len()];
            (&row.municipality, &row.payer, zero)
        });
        v[t] = checked(v[t].checked_add(row.net.0))?;
    }
    for (i, ((m_no, p_no), (m, p, v))) in sums.iter().enumerate() {
        let x = HEAD + 1 + i as u32;
        ws.text(x, 0, *m)?;
        ws.text(x, 1, *p)?;
        for (t, year) in years.iter().enumerate() {
            let formula = format!(
                "=SUMIFS({},{},{m_no},{},{p_no},{},{year})",
                range(cols.net),
                range(cols.municipality_no),
                range(cols.payer_no),
                range(cols.year)
            );
            ws.write_formula_with_format(
                x,
                2 + t as u16,
                Formula::new(formula).set_result(result(to_f64(v[t]))),
                &fm.kroner,
            )?;
        }
    }
    finish(&mut ws, &[18.0, 12.0, 18.0], 2 + years.len() as u16)?;
    Ok(ws)
}

//! The budget view: each municipality's yearly net per payer for the budget year and the three
//! years after it (budgetår and overslagsår), as a budget note lays it out.

use indexmap::IndexMap;
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

use super::{Formats, HEAD, f, finish, header_over, heading, result};
use crate::report::RunReport;

/// Years a budget note shows: the budget year and three following years.
const YEARS: usize = 4;

/// The budget sheet, from the ledger's columns `cols`.
pub(super) fn sheet(
    r: &RunReport,
    fm: &Formats,
    line: &str,
    cols: &super::ledger::Cols,
) -> Result<Worksheet, XlsxError> {
    let range = |c: u16| cols.range(c);
    let mut ws = Worksheet::new();
    ws.set_name("Budget")?;
    heading(&mut ws, fm, &r.scenario, line)?;
    ws.write_string(
        HEAD - 1,
        0,
        format!(
            "Net per year, undiscounted, DKK in {} prices (not current prices): positive is a saving or income, negative an expense. From the Ledger sheet.",
            r.price_year
        ),
    )?;
    let years: Vec<i32> = (0..YEARS.min(r.horizon) as i32)
        .map(|t| r.start_year + t)
        .collect();
    let mut header = vec!["Municipality".to_owned(), "Payer".to_owned()];
    header.extend(years.iter().enumerate().map(|(i, y)| {
        if i == 0 {
            format!("{y} (budget year)")
        } else {
            format!("{y} (BO{i})")
        }
    }));
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    header_over(&mut ws, fm, HEAD, &refs, 2)?;
    // Exact sums per (municipality, payer, year), for the cached results; rows in ledger order.
    let mut sums: IndexMap<(String, String), Vec<rust_decimal::Decimal>> = IndexMap::new();
    for row in &r.base.ledger {
        let t = (row.year - r.start_year) as usize;
        if t >= years.len() {
            continue;
        }
        let v = sums
            .entry((row.municipality.clone(), row.payer.clone()))
            .or_insert_with(|| vec![rust_decimal::Decimal::ZERO; years.len()]);
        v[t] += row.net.0;
    }
    let quote = |s: &str| s.replace('"', "\"\"");
    for (i, ((m, p), v)) in sums.iter().enumerate() {
        let x = HEAD + 1 + i as u32;
        ws.write_string(x, 0, m)?;
        ws.write_string(x, 1, p)?;
        for (t, year) in years.iter().enumerate() {
            let formula = format!(
                "=SUMIFS({},{},\"{}\",{},\"{}\",{},{year})",
                range(cols.net),
                range(cols.municipality),
                quote(m),
                range(cols.payer),
                quote(p),
                range(cols.year)
            );
            ws.write_formula_with_format(
                x,
                2 + t as u16,
                Formula::new(formula).set_result(result(f(v[t]))),
                &fm.kroner,
            )?;
        }
    }
    finish(&mut ws, &[18.0, 12.0, 18.0], 2 + years.len() as u16)?;
    Ok(ws)
}

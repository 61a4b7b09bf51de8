//! The budget view: each municipality's yearly net per payer for the budget year and the three
//! years after it (budgetår and overslagsår), as a budget note lays it out, in fixed prices;
//! and, where the scenario has a `budget:`, the budget years in current prices (løbende
//! priser) as formulas of the price and wage projection's rates.

use crate::decimal::to_f64;
use crate::model::Model;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, Formula, Worksheet, XlsxError};

use super::Text;
use super::ledger::{municipality_no, payer_no};
use super::workings::checked;
use super::{Formats, HEAD, cell, finish, header_over, heading, result};
use crate::report::RunReport;

/// Years a budget note shows without a `budget:`: the first year and three following years.
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
    let current = model.budget.as_ref().map(|_| w.sheets.budget_current);
    ws.text(HEAD - 1, 0, (w.budget_note)(r.price_year, current))?;
    // The scenario's budget year and years, or the first four.
    let (first, n) =
        (model.budget.as_ref()).map_or((r.start_year, YEARS.min(r.horizon)), |b| (b.year, b.years));
    let years: Vec<i32> = (0..n as i32).map(|t| first + t).collect();
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
        let Some(t) = years.iter().position(|y| *y == row.year) else {
            continue;
        };
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

/// The budget years in current prices, where the scenario has a `budget:`: the projection (its
/// name, source, file and note, and a warning where its rates are not sourced), then one row
/// per year after the price year up to the last budget year: the rate (an input cell), the
/// factor as the product of (1 + rate) over the rate cells up to it, and, in each budget year,
/// per perspective with flows its net in fixed prices (the Perspectives sheet's cell of that
/// year, `net_cell(perspective, year offset)`) and in current prices (fixed × factor, rounded
/// to the øre). Returns the sheet and its input cells (`B12:B16`).
pub(super) fn current_sheet(
    r: &RunReport,
    model: &Model,
    fm: &Formats,
    line: &str,
    net_cell: &dyn Fn(&str, usize) -> Option<String>,
) -> Result<Option<(Worksheet, String)>, XlsxError> {
    let (Some(b), Some(view)) = (model.budget.as_ref(), r.budget.as_ref()) else {
        return Ok(None);
    };
    let w = fm.w;
    let names: Vec<&str> = match view.years.first() {
        Some(y) => y.perspectives.keys().map(String::as_str).collect(),
        None => Vec::new(),
    };
    let columns = 3 + 2 * names.len() as u16;
    let last = columns.max(super::NOTE_COLUMNS) - 1;
    let mut ws = Worksheet::new();
    ws.set_name(w.sheets.budget_current)?;
    heading(&mut ws, fm, &r.scenario, line)?;
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_bold().set_align(FormatAlign::Top);
    // The widths: year, rate, factor, then the amounts.
    let widths = [20.0, 14.0, 16.0, 18.0];
    let wide: f64 = widths[..3].iter().sum::<f64>() + f64::from(last - 2) * widths[3];
    let note = (w.budget_current_note)(r.price_year);
    ws.merge_range(2, 0, 2, last, &super::names::fit(&note), &wrap)?;
    ws.set_row_height(2, super::wrapped_height(&note, wide))?;

    // The projection, as its file describes it.
    let p = &view.projection;
    let mut x = 3;
    ws.text_with_format(x, 0, w.projection, &top)?;
    let lang = fm.words.lang;
    ws.text_with_format(x, 1, p.name_in(lang), &fm.bold)?;
    x += 1;
    let mut described = vec![(w.projection_source, p.source_in(lang))];
    described.push((w.projection_file, p.file.as_str()));
    if let Some(n) = p.note_in(lang) {
        described.push((w.projection_note, n));
    }
    for (label, text) in described {
        ws.text_with_format(x, 0, label, &top)?;
        ws.merge_range(x, 1, x, last, &super::names::fit(text), &wrap)?;
        ws.set_row_height(x, super::wrapped_height(text, wide - widths[0]))?;
        x += 1;
    }
    if !p.sourced {
        let warning = Format::new()
            .set_bold()
            .set_font_color(Color::RGB(0xC00000))
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let text = w.projection_unsourced;
        ws.merge_range(x, 0, x, last, text, &warning)?;
        ws.set_row_height(x, super::wrapped_height(text, wide))?;
        x += 1;
    }
    let head = x + 1;

    // The table: a row per year after the price year.
    let mut header = vec![
        w.year.to_owned(),
        w.projection_rate.to_owned(),
        (w.projection_factor)(r.price_year),
    ];
    for n in &names {
        let n = (w.perspective_name)(n);
        header.push((w.budget_fixed)(&n, r.price_year));
        header.push((w.budget_current)(&n));
    }
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    header_over(&mut ws, fm, head, &refs, 1)?;
    ws.set_row_height(head, 45)?;
    let rate_input = super::input_style(Format::new().set_num_format("0.0##%"));
    let first = head + 1;
    let mut factor = Decimal::ONE;
    for (k, (year, rate)) in b.rates.iter().enumerate() {
        let x = first + k as u32;
        factor = checked(factor.checked_mul(Decimal::ONE + rate))?;
        let shown = (year - b.year) as usize;
        let label = match shown {
            _ if *year < b.year => year.to_string(),
            0 => (w.budget_year)(*year),
            i => (w.estimate_year)(*year, i),
        };
        ws.text(x, 0, label)?;
        ws.write_number_with_format(x, 1, to_f64(*rate), &rate_input)?;
        let product: Vec<String> = (first..=x)
            .map(|y| format!("(1+{})", cell(y, 1, true)))
            .collect();
        ws.write_formula_with_format(
            x,
            2,
            Formula::new(format!("={}", product.join("*")))
                .set_result(result(to_f64(factor.round_dp(12)))),
            &fm.factor,
        )?;
        if *year < b.year {
            continue;
        }
        let Some(y) = view.years.get(shown) else {
            continue;
        };
        let t = (year - r.start_year) as usize;
        for (i, (name, amount)) in y.perspectives.iter().enumerate() {
            let c = 3 + 2 * i as u16;
            let Some(net) = net_cell(name, t) else {
                continue;
            };
            ws.write_formula_with_format(
                x,
                c,
                Formula::new(format!("={net}")).set_result(result(to_f64(amount.fixed.0))),
                &fm.ore,
            )?;
            ws.write_formula_with_format(
                x,
                c + 1,
                Formula::new(format!(
                    "=ROUND({}*{},2)",
                    cell(x, c, false),
                    cell(x, 2, true)
                ))
                .set_result(result(to_f64(amount.current.0))),
                &fm.ore,
            )?;
        }
    }
    let end = first + b.rates.len().max(1) as u32 - 1;
    for c in 0..=last {
        ws.set_column_width(c, widths[(c as usize).min(3)])?;
    }
    ws.set_freeze_panes(head + 1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(head, head)?;
    let cells = format!("{}:{}", cell(first, 1, false), cell(end, 1, false));
    Ok(Some((ws, cells)))
}

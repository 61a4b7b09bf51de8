//! `somsim portfolio` as a workbook: the base case's fund by year, its balance as formulas
//! over the terms and the contracts' flows (each formula storing the engine's value), and the
//! joined contracts' flows by calendar year.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::workings::formula;
use super::{Formats, cell, col, sheet_ref};
use crate::lang::Lang;
use crate::report::views::portfolio::PortfolioReport;

/// The portfolio workbook in `lang`.
pub fn workbook(r: &PortfolioReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let fm = Formats::new(lang);
    let w = &fm.words.portfolio;
    let to = crate::decimal::to_f64;
    let mut wb = Workbook::new();
    let years = &r.base.years;
    let first_year_col = 3u16;
    let joined = r.entries.iter().filter(|e| e.base_join.is_some()).count() as u32;
    let sheet = sheet_ref(w.contracts_sheet);
    let ws = wb.add_worksheet();
    ws.set_name(w.fund_sheet)?;
    ws.write_string_with_format(0, 0, &r.name, &fm.title)?;
    ws.write_string(1, 0, w.fund_sheet_note)?;
    ws.set_column_width(0, 30)?;
    let fund = r.fund.as_ref();
    let zero = Decimal::ZERO;
    let (capital, reserve, fee) = (
        fund.map_or(zero, |f| f.capital.0),
        fund.map_or(zero, |f| f.reserve.0),
        fund.map_or(0.0, |f| f.management_fee),
    );
    ws.write_string(3, 0, w.capital)?;
    ws.write_number_with_format(3, 1, to(capital), &fm.input_kroner)?;
    ws.write_string(4, 0, w.reserve)?;
    ws.write_number_with_format(4, 1, to(reserve), &fm.kroner)?;
    ws.write_string(5, 0, w.management_fee)?;
    ws.write_number_with_format(5, 1, fee, &fm.input_percent)?;
    let (cap_cell, fee_cell) = (cell(3, 1, true), cell(5, 1, true));
    let head = 7u32;
    let header = [
        w.years_title,
        w.joining,
        w.donors_column,
        w.invested,
        w.received,
        w.outstanding,
        w.fee,
        w.balance,
    ];
    for (c, h) in header.iter().enumerate() {
        let f = if c == 0 {
            &fm.header
        } else {
            &fm.header_number
        };
        ws.write_string_with_format(head, c as u16, *h, f)?;
    }
    let last_contract_row = 1 + 2 * joined;
    let donors = |y: i32| fund.and_then(|f| f.donors.get(&y)).map_or(zero, |d| d.0);
    for (i, y) in years.iter().enumerate() {
        let row = head + 1 + i as u32;
        ws.write_number(row, 0, f64::from(y.year))?;
        ws.write_number(row, 1, y.joining as f64)?;
        ws.write_number_with_format(row, 2, to(donors(y.year)), &fm.input_kroner)?;
        let c = col(first_year_col + i as u16);
        let sum = |kind: &str| {
            format!(
                "SUMIF({sheet}$B$2:$B${last},\"{kind}\",{sheet}{c}$2:{c}${last})",
                last = last_contract_row.max(2)
            )
        };
        formula(ws, row, 3, sum(w.row_invested), y.invested.0, &fm.ore)?;
        formula(ws, row, 4, sum(w.row_received), y.received.0, &fm.ore)?;
        ws.write_number_with_format(row, 5, to(y.outstanding.0), &fm.ore)?;
        if fund.is_some() {
            let out = cell(row, 5, false);
            formula(
                ws,
                row,
                6,
                format!("ROUND({fee_cell}*{out},2)"),
                y.fee.0,
                &fm.ore,
            )?;
            let before = if i == 0 {
                cap_cell.clone()
            } else {
                cell(row - 1, 7, false)
            };
            let (d, inv, rec, f) = (
                cell(row, 2, false),
                cell(row, 3, false),
                cell(row, 4, false),
                cell(row, 6, false),
            );
            let value = y.balance.as_ref().map_or(zero, |b| b.0);
            formula(
                ws,
                row,
                7,
                format!("{before}+{d}-{inv}+{rec}-{f}"),
                value,
                &fm.ore,
            )?;
        }
    }
    // The joined contracts' flows by calendar year, which the fund's sums read.
    {
        let ws = wb.add_worksheet();
        ws.set_name(w.contracts_sheet)?;
        ws.set_column_width(0, 40)?;
        for (c, h) in [(0, w.contracts_title), (1, w.kind), (2, w.joins)] {
            ws.write_string_with_format(0, c, h, &fm.header)?;
        }
        for (i, y) in years.iter().enumerate() {
            let c = first_year_col + i as u16;
            ws.write_number_with_format(0, c, f64::from(y.year), &fm.header_number)?;
        }
        let mut row = 1u32;
        for e in &r.entries {
            let Some(join) = e.base_join else { continue };
            for (kind, flows) in [(w.row_invested, &e.invested), (w.row_received, &e.received)] {
                ws.write_string(row, 0, &e.name)?;
                ws.write_string(row, 1, kind)?;
                ws.write_number(row, 2, f64::from(join))?;
                for (i, y) in years.iter().enumerate() {
                    let tau = y.year - join;
                    let x = usize::try_from(tau)
                        .ok()
                        .and_then(|t| flows.get(t))
                        .copied();
                    let c = first_year_col + i as u16;
                    ws.write_number_with_format(row, c, x.map_or(0.0, |m| to(m.0)), &fm.ore)?;
                }
                row += 1;
            }
        }
    }
    wb.save_to_buffer()
}

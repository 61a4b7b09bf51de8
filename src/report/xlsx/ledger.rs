//! The Ledger sheet: one row per year, municipality and payer, with each cost line and each
//! outcome in its own column as a formula over the workings sheets, the transfers, the contract
//! flows, and the net, discount factor and discounted net.

use crate::decimal::to_f64;
use crate::model::Model;
use std::collections::HashMap;

use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

use rust_decimal::Decimal;

use super::Text;
use super::parts::Parts;
use super::workings::{Key, Sum, Terms, checked};
use super::{Formats, HEAD, cell, finish, header_over, result};
use crate::report::{LedgerRowView, RunReport};

/// Where the Ledger sheet keeps what the other sheets read: columns (0-based) and the rows of
/// the body.
pub(super) struct Cols {
    pub year: u16,
    pub municipality: u16,
    pub payer: u16,
    pub costs: u16,
    pub avoided: u16,
    pub transfers: u16,
    pub contract: u16,
    pub net: u16,
    pub factor: u16,
    /// The municipality's and the payer's numbers ([`municipality_no`], [`payer_no`]): the
    /// other sheets' sums pick rows by them, never by a name, which a criterion would read as
    /// a pattern (`K*`), an operator (`<>Kolding`) or without case (`Æble` = `æble`).
    pub municipality_no: u16,
    pub payer_no: u16,
    pub first: u32,
    pub last: u32,
    /// The sheet as formulas refer to it (`Ledger!`).
    pub sheet: String,
}

impl Cols {
    /// `Ledger!$H$5:$H$120`: the body of column `c`.
    pub fn range(&self, c: u16) -> String {
        format!(
            "{}{}:{}",
            self.sheet,
            cell(self.first, c, true),
            cell(self.last, c, true)
        )
    }

    /// The sum of column `c` over the ledger rows of the year in cell `year`: of payer
    /// `payer`'s rows, or of every row (`None`).
    pub fn sumifs(&self, c: u16, payer: Option<usize>, year: &str) -> String {
        let (values, years) = (self.range(c), self.range(self.year));
        match payer {
            None => format!("SUMIFS({values},{years},{year})"),
            Some(p) => format!(
                "SUMIFS({values},{},{},{years},{year})",
                self.range(self.payer_no),
                payer_no(p)
            ),
        }
    }

    /// `(Ledger!$Q$5:$Q$120=1)`: 1 on payer `payer`'s rows, 0 on the others (in a SUMPRODUCT).
    pub fn payer_rows(&self, payer: usize) -> String {
        format!("({}={})", self.range(self.payer_no), payer_no(payer))
    }
}

/// A municipality's number on the Ledger: 1, 2, ... in the scenario's order, the national
/// lines (`None`) after the last.
pub(super) fn municipality_no(nm: usize, m: Option<usize>) -> usize {
    m.unwrap_or(nm) + 1
}

/// A payer's number on the Ledger: 1 kommune, 2 region, 3 stat, then the scenario's payers
/// in its order.
pub(super) fn payer_no(p: usize) -> usize {
    p + 1
}

/// Per payer and year offset, the sum of `value` over the ledger's rows (for the cached
/// results of the sums over the Ledger).
pub(super) fn by_payer(
    r: &RunReport,
    model: &Model,
    value: impl Fn(&LedgerRowView) -> Option<Decimal>,
) -> Result<Vec<Vec<Decimal>>, XlsxError> {
    let mut out = vec![vec![Decimal::ZERO; r.horizon]; model.payers.len()];
    for row in &r.base.ledger {
        let t = (row.year - r.start_year) as usize;
        let x = &mut out[row.payer_id][t];
        *x = checked(x.checked_add(checked(value(row))?))?;
    }
    Ok(out)
}

/// The Ledger sheet. `df_cell(t)` is the discount factor's cell of year offset `t`.
pub(super) fn sheet(
    r: &RunReport,
    model: &Model,
    terms: &Terms,
    fm: &Formats,
    line: &str,
    df_cell: &dyn Fn(usize) -> String,
) -> Result<(Worksheet, Cols), XlsxError> {
    let w = fm.w;
    let nm = model.municipalities.len();
    let (nc, no) = (model.costs.len() as u16, model.outcomes.len() as u16);
    let costs = 3 + nc;
    let avoided = costs + 1 + no;
    let cols = Cols {
        year: 0,
        municipality: 1,
        payer: 2,
        costs,
        avoided,
        transfers: avoided + 1,
        contract: avoided + 2,
        net: avoided + 3,
        factor: avoided + 4,
        municipality_no: avoided + 6,
        payer_no: avoided + 7,
        first: HEAD + 1,
        last: HEAD + r.base.ledger.len().max(1) as u32,
        sheet: super::sheet_ref(w.sheets.ledger),
    };
    let discounted = avoided + 5;
    let mut parts = Parts::new(cols.payer_no + 2);

    let mut ws = super::sheet(w.sheets.ledger, fm, &r.scenario, line, w.ledger_note)?;
    let mut header: Vec<&str> = vec![w.year, w.municipality, w.payer];
    header.extend(model.costs.iter().map(|c| c.name.as_str()));
    header.push(w.costs);
    header.extend(model.outcomes.iter().map(|o| o.name.as_str()));
    header.extend([
        w.avoided,
        w.transfers,
        w.contract,
        w.net,
        w.discount_factor,
        w.discounted_net,
        w.municipality_no,
        w.payer_no,
    ]);
    header_over(&mut ws, fm, HEAD, &header, 3)?;
    // Cost lines and outcomes are named at length: three lines.
    ws.set_row_height(HEAD, 45)?;

    // A ledger cell's formula, or blank when nothing lands in it.
    let mut write_sum = |ws: &mut Worksheet, x: u32, c: u16, sum: Option<&Sum>| {
        if let Some(sum) = sum.filter(|s| !s.is_empty()) {
            let text = sum.formula(ws, &mut parts, fm)?;
            ws.write_formula_with_format(
                x,
                c,
                Formula::new(text).set_result(result(to_f64(sum.value))),
                &fm.ore,
            )?;
        }
        Ok::<(), XlsxError>(())
    };
    let total = |ws: &mut Worksheet, x: u32, c: u16, n: u16, value| {
        let text = if n == 0 {
            "=0".to_owned()
        } else {
            format!("=SUM({}:{})", cell(x, c - n, false), cell(x, c - 1, false))
        };
        ws.write_formula_with_format(
            x,
            c,
            Formula::new(text).set_result(result(to_f64(value))),
            &fm.ore,
        )?;
        Ok::<(), XlsxError>(())
    };
    for (i, row) in r.base.ledger.iter().enumerate() {
        let x = cols.first + i as u32;
        let t = (row.year - r.start_year) as usize;
        // The national rows come after the municipalities.
        let slot = row.municipality_id.unwrap_or(nm);
        let key: Option<Key> = Some((t, slot, row.payer_id));
        ws.write_number(x, cols.year, row.year)?;
        ws.text(x, cols.municipality, &row.municipality)?;
        ws.text(x, cols.payer, &row.payer)?;
        let m_no = municipality_no(nm, row.municipality_id);
        ws.write_number(x, cols.municipality_no, m_no as f64)?;
        ws.write_number(x, cols.payer_no, payer_no(row.payer_id) as f64)?;
        for (l, line_terms) in terms.costs.iter().enumerate() {
            write_sum(&mut ws, x, 3 + l as u16, get(line_terms, key))?;
        }
        total(&mut ws, x, cols.costs, nc, row.costs.0)?;
        for (o, outcome_terms) in terms.avoided.iter().enumerate() {
            write_sum(
                &mut ws,
                x,
                cols.costs + 1 + o as u16,
                get(outcome_terms, key),
            )?;
        }
        total(&mut ws, x, cols.avoided, no, row.avoided.0)?;
        match get(&terms.transfers, key) {
            Some(s) => write_sum(&mut ws, x, cols.transfers, Some(s))?,
            None => ws
                .write_number_with_format(x, cols.transfers, 0.0, &fm.ore)
                .map(|_| ())?,
        }
        match get(&terms.contract, key) {
            Some(s) => write_sum(&mut ws, x, cols.contract, Some(s))?,
            None => ws
                .write_number_with_format(x, cols.contract, 0.0, &fm.ore)
                .map(|_| ())?,
        }
        let net = format!(
            "={}+{}+{}-{}",
            cell(x, cols.avoided, false),
            cell(x, cols.transfers, false),
            cell(x, cols.contract, false),
            cell(x, cols.costs, false)
        );
        ws.write_formula_with_format(
            x,
            cols.net,
            Formula::new(net).set_result(result(to_f64(row.net.0))),
            &fm.ore,
        )?;
        ws.write_formula_with_format(
            x,
            cols.factor,
            Formula::new(format!("={}", df_cell(t)))
                .set_result(result(to_f64(row.discount_factor.0))),
            &fm.factor,
        )?;
        ws.write_formula_with_format(
            x,
            discounted,
            Formula::new(format!(
                "={}*{}",
                cell(x, cols.net, false),
                cell(x, cols.factor, false)
            ))
            .set_result(result(to_f64(checked(
                row.net.0.checked_mul(row.discount_factor.0),
            )?))),
            &fm.ore,
        )?;
    }
    // The amounts' columns as wide as the largest amount with øre (`-1,234,567.89`) needs.
    let largest = (r.base.ledger.iter())
        .flat_map(|row| {
            [
                row.costs.0,
                row.avoided.0,
                row.transfers.0,
                row.contract.0,
                row.net.0,
            ]
        })
        .map(|x| x.abs().trunc().to_string().len())
        .max()
        .unwrap_or(1);
    let amount = (largest + (largest - 1) / 3 + 5).max(10) as f64;
    let names = |f: &dyn Fn(&crate::report::LedgerRowView) -> &str, min: f64| {
        (r.base.ledger.iter())
            .map(|row| f(row).chars().count() as f64 + 1.0)
            .fold(min, f64::max)
            .min(30.0)
    };
    let widths = [
        6.0,
        names(&|row| row.municipality.as_str(), 12.0),
        names(&|row| row.payer.as_str(), 8.0),
        amount,
    ];
    finish(&mut ws, &widths, cols.payer_no + 1)?;
    ws.set_column_width(cols.factor, 12)?;
    ws.set_column_width(cols.municipality_no, 12)?;
    ws.set_column_width(cols.payer_no, 8)?;
    // The row keys, grouped and hidden, explained on the last column shown.
    ws.group_columns_collapsed(cols.municipality_no, cols.payer_no)?;
    ws.insert_note(
        HEAD,
        discounted,
        &rust_xlsxwriter::Note::new(w.ledger_helpers)
            .add_author_prefix(false)
            .set_width(320)
            .set_height(110),
    )?;
    // Printed a page wide at most as small as 60% (wider pages go on to a second page,
    // the year, municipality and payer repeated at their left).
    let shown = widths[..3].iter().sum::<f64>() + f64::from(discounted - 2) * amount;
    if shown > 250.0 {
        ws.set_print_scale(60);
        ws.set_repeat_columns(0, 2)?;
    }
    ws.autofilter(HEAD, 0, cols.last, cols.payer_no)?;
    Ok((ws, cols))
}

fn get(m: &HashMap<Key, Sum>, key: Option<Key>) -> Option<&Sum> {
    key.and_then(|k| m.get(&k))
}

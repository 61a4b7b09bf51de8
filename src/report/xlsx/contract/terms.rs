//! A contract's terms on the Contracts sheet: each price, cap, trigger threshold, share
//! pre-financed, the contract cap, the return cap, the floor, the guarantee and the gain share
//! in a yellow input cell of its own, so that the settlement's formulas below read them and a
//! person can try another term in the workbook as `somsim run --set` tries it.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::super::Text;
use super::super::{Formats, cell};
use crate::decimal::to_f64;
use crate::model::Model;
use crate::model::contract::Contract;

/// The absolute references (`$C$5`) of a contract's term cells.
pub(super) struct TermCells {
    /// Per rate-card item: its price.
    pub price: Vec<String>,
    /// Per rate-card item: its cap, if it has one.
    pub item_cap: Vec<Option<String>>,
    /// Per rate-card item: its trigger's lower and upper bounds, where given.
    pub at_least: Vec<Option<String>>,
    pub at_most: Vec<Option<String>>,
    /// Per pre-financed cost line: the share the investor pays.
    pub share: Vec<String>,
    pub cap: Option<String>,
    pub return_cap: Option<String>,
    pub floor: Option<String>,
    pub guarantee: Option<String>,
    pub gain_share: Option<String>,
}

/// Write the terms of `c` from row `*row` (label in column A, the value in column C); moves
/// `*row` past them.
pub(super) fn cells(
    ws: &mut Worksheet,
    row: &mut u32,
    model: &Model,
    fm: &Formats,
    c: &Contract,
) -> Result<TermCells, XlsxError> {
    let w = &fm.words.terms;
    ws.text_with_format(*row, 0, w.cells_note, &fm.bold)?;
    *row += 1;
    let mut put = |label: String, value: Decimal, format: &Format| {
        let r = *row;
        ws.text(r, 0, label)?;
        ws.write_number_with_format(r, 2, to_f64(value), format)?;
        *row += 1;
        Ok::<String, XlsxError>(cell(r, 2, true))
    };
    let (kroner, share, ratio) = (&fm.input_kroner, &fm.input_percent, &fm.input_ratio);
    let mut t = TermCells {
        price: Vec::new(),
        item_cap: Vec::new(),
        at_least: Vec::new(),
        at_most: Vec::new(),
        share: Vec::new(),
        cap: None,
        return_cap: None,
        floor: None,
        guarantee: None,
        gain_share: None,
    };
    for item in &c.rate_card {
        t.price
            .push(put((w.price_of)(&item.name), item.price, kroner)?);
        t.item_cap.push(match item.cap {
            Some(cap) => Some(put((w.cap_of)(&item.name), cap, kroner)?),
            None => None,
        });
        let (lo, hi) = match &item.trigger {
            Some(tr) => (
                match tr.at_least {
                    Some(x) => Some(put((w.at_least_of)(&item.name, &tr.what), x, ratio)?),
                    None => None,
                },
                match tr.at_most {
                    Some(x) => Some(put((w.at_most_of)(&item.name, &tr.what), x, ratio)?),
                    None => None,
                },
            ),
            None => (None, None),
        };
        t.at_least.push(lo);
        t.at_most.push(hi);
    }
    for p in &c.prefinance {
        let cost = &model.costs[p.cost].name;
        t.share.push(put((w.share_of)(cost), p.share, share)?);
    }
    if let Some(g) = &c.gain_share {
        t.gain_share = Some(put(w.gain_share_cell.to_owned(), g.share, share)?);
    }
    if let Some(cap) = c.cap {
        t.cap = Some(put(w.contract_cap_cell.to_owned(), cap, kroner)?);
    }
    if let Some(rc) = c.return_cap {
        t.return_cap = Some(put(w.return_cap_cell.to_owned(), rc, share)?);
    }
    if let Some((f, _)) = c.floor {
        t.floor = Some(put(w.floor_cell.to_owned(), f, share)?);
    }
    if let Some((_, g)) = c.guarantee {
        t.guarantee = Some(put(w.guarantee_cell.to_owned(), g, kroner)?);
    }
    Ok(t)
}

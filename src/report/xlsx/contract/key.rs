//! The repayment key of a contract on the Contracts sheet: each municipality's share of the
//! window's completers, as formulas of the Activity sheet (with no completers in the base case,
//! the engine's fallback, its share of the pre-financing, as values).

use rust_decimal::Decimal;
use rust_xlsxwriter::Worksheet;
use rust_xlsxwriter::XlsxError;

use super::super::Text;
use super::super::workings::{Key, Workings, checked, formula, number};
use super::super::{Formats, cell};
use crate::model::Model;
use crate::model::contract::Contract;

/// A flow of the contract into the Ledger: its cell, reference, share, amount, and whether it
/// is subtracted.
pub(super) type Flow = (Key, String, Decimal, Decimal, bool);

/// Write the key from row `*row`; returns per slot the reference of its share and the share.
#[allow(clippy::too_many_arguments)]
pub(super) fn cells(
    ws: &mut Worksheet,
    row: &mut u32,
    model: &Model,
    workings: &Workings,
    fm: &Formats,
    sheet: &str,
    c: &Contract,
    flows: &[Flow],
) -> Result<Vec<(usize, String, Decimal)>, XlsxError> {
    let (w, h, nm) = (fm.w, model.horizon, model.municipalities.len());
    let zero = Decimal::ZERO;
    let add = |a: Decimal, b: Decimal| checked(a.checked_add(b));
    // The repayment key: each municipality's share of the window's completers (with none in
    // the base case, the share the engine used, as a value).
    *row += 1;
    ws.text_with_format(*row, 0, w.contract_key, &fm.bold)?;
    *row += 1;
    let key_top = *row;
    let window: Vec<usize> = (0..h).filter(|&t| c.cohorts[t]).collect();
    let mut by_muni = vec![zero; nm];
    for (m, a) in workings_activity(workings, model).iter().enumerate() {
        for &t in &window {
            by_muni[m] = add(by_muni[m], a[t])?;
        }
    }
    let total: Decimal = by_muni.iter().try_fold(zero, |a, b| add(a, *b))?;
    let cells: Vec<(usize, String, Decimal)> = if total > zero {
        let total_cell = cell(key_top + nm as u32, 2, true);
        for (m, mu) in model.municipalities.iter().enumerate() {
            let r = key_top + m as u32;
            ws.text(r, 1, &mu.name)?;
            let terms: Vec<String> = (window.iter())
                .map(|&t| {
                    super::super::workings::act_ref(
                        fm,
                        model,
                        super::super::workings::COMPLETERS,
                        m,
                        t,
                    )
                })
                .collect();
            let text = if terms.is_empty() {
                "=0".to_owned()
            } else {
                format!("={}", terms.join("+"))
            };
            formula(ws, r, 2, text, by_muni[m], &fm.ratio)?;
            let share = checked(by_muni[m].checked_div(total))?;
            formula(
                ws,
                r,
                3,
                format!("=IF({total_cell}=0,0,{}/{total_cell})", cell(r, 2, true)),
                share,
                &fm.factor,
            )?;
        }
        let r = key_top + nm as u32;
        ws.text(r, 1, w.all_municipalities)?;
        formula(
            ws,
            r,
            2,
            format!(
                "=SUM({}:{})",
                cell(key_top, 2, false),
                cell(r - 1, 2, false)
            ),
            total,
            &fm.ratio,
        )?;
        *row = r + 2;
        (0..nm)
            .map(|m| {
                let share = checked(by_muni[m].checked_div(total))?;
                Ok((
                    m,
                    format!("{}{}", sheet, cell(key_top + m as u32, 3, true)),
                    share,
                ))
            })
            .collect::<Result<_, XlsxError>>()?
    } else {
        *row += 1;
        let inv_slot = invested_by_slot(flows, nm, c.investor);
        let total_inv: Decimal = inv_slot.iter().try_fold(zero, |a, b| add(a, *b))?;
        if total_inv > zero {
            (inv_slot.iter().enumerate())
                .filter(|(_, x)| !x.is_zero())
                .map(|(s, x)| {
                    let share = checked(x.checked_div(total_inv))?;
                    Ok((s, number(share), share))
                })
                .collect::<Result<_, XlsxError>>()?
        } else {
            vec![(nm, "1".to_owned(), Decimal::ONE)]
        }
    };

    Ok(cells)
}

/// Each municipality's completers per year (the Activity sheet's values).
fn workings_activity(workings: &Workings, model: &Model) -> Vec<Vec<Decimal>> {
    (0..model.municipalities.len())
        .map(|m| {
            (0..model.horizon)
                .map(|t| workings.completers_of[m][t])
                .collect()
        })
        .collect()
}

/// What the investor put into each slot (the fallback repayment key).
fn invested_by_slot(flows: &[Flow], nm: usize, investor: usize) -> Vec<Decimal> {
    let mut out = vec![Decimal::ZERO; nm + 1];
    for ((_, slot, payer), _, share, amount, negative) in flows {
        if *negative && *payer == investor {
            out[*slot] += *amount * *share;
        }
    }
    out
}

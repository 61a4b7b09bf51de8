//! The Contracts sheet of a run's workbook: each contract's settlement as formulas
//! (`ledger::contracts`, `model::contract::settle`), so that a changed input moves what the
//! investor pre-finances, what falls due, what the caps cut and what the payers pay, as
//! `somsim run --set` moves them. Per contract, years across: the investment (shares of the
//! Ledger's cost cells, and any tranches), the window's completers, per rate-card item its
//! units, what falls due (lag and trigger applied) and what its cap leaves, the gain share,
//! the contract cap, the return-cap account and the payments; below, the end of the term (floor
//! top-up, guarantee draw), the repayment key and, with a capital stack, its waterfall
//! ([`stack`]). The Ledger's Contract column sums the flows
//! these give each payer (the terms this module adds to `Terms::contract`).

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Text;

mod key;
pub(super) mod stack;
mod terms;
use super::workings::{Key, Params, Workings, checked, formula, number, year_col};
use super::{Formats, HEAD, cell, finish, sheet_ref};
use crate::model::contract::{Contract, Metric, TriggerOn, max0};
use crate::model::{Model, allocation_groups};
use crate::report::RunReport;

/// Checked decimal arithmetic, refusing the workbook on an overflow.
fn add(a: Decimal, b: Decimal) -> Result<Decimal, XlsxError> {
    checked(a.checked_add(b))
}
fn mul(a: Decimal, b: Decimal) -> Result<Decimal, XlsxError> {
    checked(a.checked_mul(b))
}
fn sub(a: Decimal, b: Decimal) -> Result<Decimal, XlsxError> {
    checked(a.checked_sub(b))
}
fn min(a: Decimal, b: Decimal) -> Decimal {
    a.min(b)
}

/// The Contracts sheet, or `None` without contracts; adds each contract's flows to
/// `workings.terms.contract`.
pub(super) fn sheet(
    r: &RunReport,
    model: &Model,
    params: &Params,
    workings: &mut Workings,
    fm: &Formats,
    line: &str,
) -> Result<Option<Worksheet>, XlsxError> {
    if model.contracts.is_empty() {
        return Ok(None);
    }
    let w = fm.w;
    let h = model.horizon;
    let nm = model.municipalities.len();
    let mut ws = super::sheet(w.sheets.contracts, fm, &r.scenario, line, w.contract_note)?;
    // The Ledger's row of each (year, slot, payer).
    let ledger_rows: HashMap<Key, u32> = (r.base.ledger.iter().enumerate())
        .map(|(i, row)| {
            let t = (row.year - r.start_year) as usize;
            let slot = row.municipality_id.unwrap_or(nm);
            ((t, slot, row.payer_id), HEAD + 1 + i as u32)
        })
        .collect();
    let ledger = sheet_ref(w.sheets.ledger);
    let sheet = sheet_ref(w.sheets.contracts);
    let mut x = HEAD;
    for c in &model.contracts {
        let gates: Vec<Option<bool>> = (r.contracts.iter())
            .find(|v| v.name == c.name)
            .map(|v| v.stack.iter().map(|s| s.base.gate_met).collect())
            .unwrap_or_default();
        x = block(
            &mut ws,
            x,
            model,
            params,
            workings,
            fm,
            c,
            &Refs {
                ledger: &ledger,
                sheet: &sheet,
                rows: &ledger_rows,
                gates: &gates,
            },
        )?;
    }
    finish(&mut ws, &[40.0, 16.0, 14.0], 2 + h as u16)?;
    Ok(Some(ws))
}

/// How the sheet names other cells.
struct Refs<'a> {
    ledger: &'a str,
    sheet: &'a str,
    rows: &'a HashMap<Key, u32>,
    /// Per tranche of the contract's stack: whether its gate is met in the base case.
    gates: &'a [Option<bool>],
}

/// Write `text` as the label of row `*row` and move on: returns the row written.
fn label(ws: &mut Worksheet, row: &mut u32, text: &str) -> Result<u32, XlsxError> {
    let r = *row;
    ws.text(r, 0, text)?;
    *row += 1;
    Ok(r)
}

/// The block of contract `c` from row `top`; returns the next free row.
#[allow(clippy::too_many_arguments)]
fn block(
    ws: &mut Worksheet,
    top: u32,
    model: &Model,
    params: &Params,
    workings: &mut Workings,
    fm: &Formats,
    c: &Contract,
    refs: &Refs,
) -> Result<u32, XlsxError> {
    let w = fm.w;
    let h = model.horizon;
    let nm = model.municipalities.len();
    let zero = Decimal::ZERO;
    let at = |row: u32, t: usize| cell(row, year_col(2, t), false);
    let abs = |row: u32, t: usize| format!("{}{}", refs.sheet, cell(row, year_col(2, t), true));
    ws.text_with_format(top, 0, &c.name, &fm.title)?;
    ws.text(top, 1, w.investor)?;
    ws.text(top, 2, &model.payers[c.investor])?;
    let mut row = top + 1;
    let tc = terms::cells(ws, &mut row, model, fm, c)?;
    row += 1;
    super::workings::years_header(ws, fm, row, model, &["", ""])?;
    row += 1;
    let last = c.last_year;
    let ore = &fm.ore;

    // The investment: shares of the Ledger's cost cells, and the tranches.
    let inv_row = label(ws, &mut row, w.contract_invested)?;
    let mut inv = vec![zero; h];
    let mut inv_terms: Vec<Vec<String>> = vec![Vec::new(); h];
    let mut flows: Vec<(Key, String, Decimal, Decimal, bool)> = Vec::new();
    for (p, share_at) in c.prefinance.iter().zip(&tc.share) {
        let line = &model.costs[p.cost];
        let share_ref = format!("{}{share_at}", refs.sheet);
        let mut keys: Vec<&Key> = workings.terms.costs[p.cost].keys().collect();
        keys.sort();
        for key in keys {
            let (t, slot, payer) = *key;
            if !p.years[t] {
                continue;
            }
            let Some(lrow) = refs.rows.get(key) else {
                continue;
            };
            let value = workings.terms.costs[p.cost][key].value;
            let reference = format!("{}{}", refs.ledger, cell(*lrow, 3 + p.cost as u16, false));
            let x = mul(value, p.share)?;
            inv[t] = add(inv[t], x)?;
            inv_terms[t].push(format!("{reference}*{share_at}"));
            debug_assert_eq!(payer, line.payer);
            // Into the Ledger: the cost cell times the share's cell.
            let reference = format!("{reference}*{share_ref}");
            let one = Decimal::ONE;
            flows.push(((t, slot, line.payer), reference.clone(), one, x, false));
            flows.push(((t, slot, c.investor), reference, one, x, true));
        }
    }
    for tr in &c.tranches {
        for g in allocation_groups(model, &tr.allocation) {
            for (m, share) in &g.split {
                for t in (0..h).filter(|&t| tr.years[t]) {
                    let x = mul(tr.amount, *share)?;
                    inv[t] = add(inv[t], x)?;
                    inv_terms[t].push(number(x));
                    let slot = m.unwrap_or(nm);
                    flows.push(((t, slot, tr.to), number(x), Decimal::ONE, x, false));
                    flows.push(((t, slot, c.investor), number(x), Decimal::ONE, x, true));
                }
            }
        }
    }
    for t in 0..h {
        let text = if inv_terms[t].is_empty() {
            "=0".to_owned()
        } else {
            format!("={}", inv_terms[t].join("+"))
        };
        formula(ws, inv_row, year_col(2, t), text, inv[t], ore)?;
    }

    // The window's completers.
    let cohort_row = label(ws, &mut row, w.contract_cohort)?;
    let mut cohort = Vec::with_capacity(h);
    for t in 0..h {
        let (text, value) = if c.cohorts[t] {
            let x = &workings.completers[t];
            (format!("={}", x.text), x.value)
        } else {
            ("=0".to_owned(), zero)
        };
        cohort.push(value);
        formula(ws, cohort_row, year_col(2, t), text, value, &fm.ratio)?;
    }
    // What the cohorts realise of outcome `o`, per unit `per`: Σ cohort[c] × weight[t - c].
    let outcomes = &workings.outcomes;
    let realised = |o: usize, t: usize| -> String {
        let terms: Vec<String> = (0..=t)
            .map(|k| {
                format!(
                    "{}*{}",
                    cell(cohort_row, year_col(2, k), true),
                    outcomes[o].weight[t - k]
                )
            })
            .collect();
        terms.join("+")
    };

    // A metric's units in year t, as a formula (without `=`) and its value.
    let units_at = |metric: Metric, t: usize| -> Result<(String, Decimal), XlsxError> {
        Ok(match metric {
            Metric::Completers => (at(cohort_row, t), cohort[t]),
            Metric::NonMonetary(n) => {
                let per = model.non_monetary[n].per_completer;
                (
                    format!("{}*{}", at(cohort_row, t), params.text(per)),
                    mul(cohort[t], params.value(per))?,
                )
            }
            Metric::Avoided(o) => {
                let (weight, per) = crate::ledger::outcome_terms(model, &model.outcomes[o], false)
                    .ok_or_else(|| XlsxError::ParameterError("an outcome too large".into()))?;
                let mut v = zero;
                for k in 0..=t {
                    v = add(v, mul(mul(cohort[k], weight[t - k])?, per)?)?;
                }
                (format!("({})*{}", realised(o, t), outcomes[o].per_unit), v)
            }
        })
    };

    // The rate card.
    let mut due_after_items = vec![zero; h];
    let mut item_rows = Vec::new();
    for (k, item) in c.rate_card.iter().enumerate() {
        ws.text_with_format(row, 0, &item.name, &fm.bold)?;
        row += 1;
        let units_row = label(ws, &mut row, w.contract_units)?;
        let lagged_row = label(ws, &mut row, w.contract_units_due)?;
        let due_row = label(ws, &mut row, w.contract_due)?;
        let capped_row = label(ws, &mut row, w.contract_after_item_cap)?;
        let mut units = vec![zero; h];
        for (t, u) in units.iter_mut().enumerate() {
            let (text, value) = units_at(item.metric, t)?;
            *u = value;
            formula(
                ws,
                units_row,
                year_col(2, t),
                format!("={text}"),
                value,
                &fm.ratio,
            )?;
        }
        let end = (last + 1).min(h);
        let (test, met) = match &item.trigger {
            None => (String::new(), true),
            Some(tr) => match tr.on {
                TriggerOn::Input(p) => (params.text(p), tr.met(model.base(p))),
                // A metric's units by the end of the term: the units row where the item pays
                // for the same metric, else their sum.
                TriggerOn::Metric(m) if m == item.metric => (
                    format!(
                        "SUM({}:{})",
                        cell(units_row, year_col(2, 0), false),
                        at(units_row, end - 1)
                    ),
                    tr.met(units[..end].iter().try_fold(zero, |a, u| add(a, *u))?),
                ),
                TriggerOn::Metric(m) => {
                    let (mut texts, mut total) = (Vec::new(), zero);
                    for t in 0..end {
                        let (text, value) = units_at(m, t)?;
                        texts.push(format!("({text})"));
                        total = add(total, value)?;
                    }
                    (format!("({})", texts.join("+")), tr.met(total))
                }
            },
        };
        let trigger = {
            let mut conds = Vec::new();
            if let Some(lo) = &tc.at_least[k] {
                conds.push(format!("{test}>={lo}"));
            }
            if let Some(hi) = &tc.at_most[k] {
                conds.push(format!("{test}<={hi}"));
            }
            if conds.is_empty() {
                "TRUE".to_owned()
            } else {
                format!("AND({})", conds.join(","))
            }
        };
        let mut cum = zero;
        for t in 0..h {
            let col = year_col(2, t);
            let (text, lagged) = if t >= item.lag {
                (
                    format!("=MAX(0,{})", at(units_row, t - item.lag)),
                    max0(units[t - item.lag]),
                )
            } else {
                ("=0".to_owned(), zero)
            };
            formula(ws, lagged_row, col, text, lagged, &fm.ratio)?;
            let due = if met { mul(item.price, lagged)? } else { zero };
            let text = format!("=IF({trigger},{}*{},0)", tc.price[k], at(lagged_row, t));
            formula(ws, due_row, col, text, due, ore)?;
            let (text, capped) = if t > last {
                ("=0".to_owned(), zero)
            } else {
                match (item.cap, &tc.item_cap[k]) {
                    (None, _) | (_, None) => (format!("={}", at(due_row, t)), due),
                    (Some(cap), Some(cap_at)) => {
                        let before = if t == 0 {
                            "0".to_owned()
                        } else {
                            format!(
                                "SUM({}:{})",
                                cell(capped_row, year_col(2, 0), false),
                                at(capped_row, t - 1)
                            )
                        };
                        let x = min(due, sub(cap, cum)?);
                        (format!("=MIN({},{cap_at}-{before})", at(due_row, t)), x)
                    }
                }
            };
            cum = add(cum, capped)?;
            due_after_items[t] = add(due_after_items[t], capped)?;
            formula(ws, capped_row, col, text, capped, ore)?;
        }
        item_rows.push(capped_row);
    }

    // The gain share: a share of the gain payers' realised savings.
    let mut gain = vec![zero; h];
    let mut gain_row = None;
    if let (Some(g), Some(share_at)) = (&c.gain_share, &tc.gain_share) {
        let saved_row = label(ws, &mut row, w.contract_savings)?;
        let due_row = label(ws, &mut row, w.contract_gain_share)?;
        let mut saved = vec![zero; h];
        for t in 0..h {
            let mut terms = Vec::new();
            for (o, out) in model.outcomes.iter().enumerate() {
                let share: Decimal = (out.shares.iter())
                    .filter(|(p, _)| g.payers.contains(p))
                    .map(|(_, s)| *s)
                    .sum();
                if share.is_zero() {
                    continue;
                }
                let (weight, per) = crate::ledger::outcome_terms(model, out, true)
                    .ok_or_else(|| XlsxError::ParameterError("an outcome too large".into()))?;
                let per = mul(per, share)?;
                for k in 0..=t {
                    saved[t] = add(saved[t], mul(mul(cohort[k], weight[t - k])?, per)?)?;
                }
                terms.push(format!(
                    "({})*{}*{}",
                    realised(o, t),
                    outcomes[o].value,
                    number(share)
                ));
            }
            let text = if terms.is_empty() {
                "=0".to_owned()
            } else {
                format!("={}", terms.join("+"))
            };
            formula(ws, saved_row, year_col(2, t), text, saved[t], ore)?;
        }
        for t in 0..h {
            let (text, value) = if t >= g.lag && t <= last {
                (
                    format!("={share_at}*MAX(0,{})", at(saved_row, t - g.lag)),
                    mul(g.share, max0(saved[t - g.lag]))?,
                )
            } else {
                ("=0".to_owned(), zero)
            };
            gain[t] = value;
            formula(ws, due_row, year_col(2, t), text, value, ore)?;
        }
        gain_row = Some(due_row);
    }

    // What falls due after the items' caps, the contract cap, the return cap: the payments.
    let due_row = label(ws, &mut row, w.contract_due_total)?;
    let cap_row = label(ws, &mut row, w.contract_after_cap)?;
    let (account_row, paid_row, after_row) = if c.return_cap.is_some() {
        let a = label(ws, &mut row, w.contract_account)?;
        let p = label(ws, &mut row, w.contract_paid)?;
        (
            Some(a),
            p,
            Some(label(ws, &mut row, w.contract_account_after)?),
        )
    } else {
        (None, label(ws, &mut row, w.contract_paid)?, None)
    };
    let mut paid = vec![zero; h];
    let (mut account, mut total_paid) = (zero, zero);
    for t in 0..h {
        let col = year_col(2, t);
        let mut parts: Vec<String> = item_rows.iter().map(|&r| at(r, t)).collect();
        parts.extend(gain_row.map(|r| at(r, t)));
        let d = add(due_after_items[t], gain[t])?;
        let text = if parts.is_empty() {
            "=0".to_owned()
        } else {
            format!("={}", parts.join("+"))
        };
        formula(ws, due_row, col, text, d, ore)?;
        let paid_before = if t == 0 {
            "0".to_owned()
        } else {
            format!(
                "SUM({}:{})",
                cell(paid_row, year_col(2, 0), false),
                at(paid_row, t - 1)
            )
        };
        let (text, d) = match (c.cap, &tc.cap) {
            (Some(cap), Some(cap_at)) => (
                format!("=MIN({},{cap_at}-{paid_before})", at(due_row, t)),
                min(d, sub(cap, total_paid)?),
            ),
            _ => (format!("={}", at(due_row, t)), d),
        };
        formula(ws, cap_row, col, text, d, ore)?;
        let d = match (c.return_cap, &tc.return_cap, account_row, after_row) {
            (Some(rc), Some(rc_at), Some(a), Some(after)) => {
                account = add(mul(account, add(Decimal::ONE, rc)?)?, inv[t])?;
                let text = if t == 0 {
                    format!("={}", at(inv_row, t))
                } else {
                    format!("={}*(1+{rc_at})+{}", at(after, t - 1), at(inv_row, t))
                };
                formula(ws, a, col, text, account, ore)?;
                let d = if t > last { zero } else { min(d, account) };
                let text = if t > last {
                    "=0".to_owned()
                } else {
                    format!("=MIN({},{})", at(cap_row, t), at(a, t))
                };
                formula(ws, paid_row, col, text, d, ore)?;
                account = sub(account, d)?;
                formula(
                    ws,
                    after,
                    col,
                    format!("={}-{}", at(a, t), at(paid_row, t)),
                    account,
                    ore,
                )?;
                d
            }
            _ => {
                let d = if t > last { zero } else { d };
                let text = if t > last {
                    "=0".to_owned()
                } else {
                    format!("={}", at(cap_row, t))
                };
                formula(ws, paid_row, col, text, d, ore)?;
                d
            }
        };
        paid[t] = d;
        total_paid = add(total_paid, d)?;
    }

    // The end of the term.
    let first = year_col(2, 0);
    let lastc = year_col(2, h.saturating_sub(1));
    let span = |r: u32| format!("{}:{}", cell(r, first, false), cell(r, lastc, false));
    row += 1;
    let invested_at = label(ws, &mut row, w.contract_total_invested)?;
    let invested: Decimal = inv.iter().try_fold(zero, |a, b| add(a, *b))?;
    formula(
        ws,
        invested_at,
        2,
        format!("=SUM({})", span(inv_row)),
        invested,
        ore,
    )?;
    let paid_at = label(ws, &mut row, w.contract_total_paid)?;
    formula(
        ws,
        paid_at,
        2,
        format!("=SUM({})", span(paid_row)),
        total_paid,
        ore,
    )?;
    let end = crate::model::contract::end_of_term(&c.terms::<Decimal>(), invested, total_paid)
        .ok_or_else(|| XlsxError::ParameterError("a contract too large".into()))?;
    let (inv_c, paid_c) = (cell(invested_at, 2, false), cell(paid_at, 2, false));
    let top_up_at = label(ws, &mut row, w.contract_top_up)?;
    let top_up_text = match &tc.floor {
        Some(f) => format!("=MAX(0,{f}*{inv_c}-{paid_c})"),
        None => "=0".to_owned(),
    };
    formula(ws, top_up_at, 2, top_up_text, end.top_up, ore)?;
    let guarantee_at = label(ws, &mut row, w.contract_guarantee)?;
    let guarantee_text = match &tc.guarantee {
        Some(g) => format!(
            "=MIN(MAX(0,{inv_c}-{paid_c}-{}),{g})",
            cell(top_up_at, 2, false)
        ),
        None => "=0".to_owned(),
    };
    formula(ws, guarantee_at, 2, guarantee_text, end.guarantee, ore)?;

    let key_cells = key::cells(ws, &mut row, model, workings, fm, refs.sheet, c, &flows)?;
    if !c.stack.is_empty() {
        let (top_up, guarantee) = (cell(top_up_at, 2, false), cell(guarantee_at, 2, false));
        let end_sum = add(end.top_up, end.guarantee)?;
        let mut rec = paid.clone();
        let mut rec_at: Vec<String> = (0..h).map(|t| at(paid_row, t)).collect();
        if last < h {
            rec[last] = add(rec[last], end_sum)?;
            rec_at[last] = format!("{}+{top_up}+{guarantee}", rec_at[last]);
        }
        let inputs = stack::Inputs {
            inv_at: (0..h).map(|t| at(inv_row, t)).collect(),
            rec_at,
            inv: &inv,
            rec: &rec,
        };
        stack::block(
            ws,
            &mut row,
            fm,
            &stack::Spec::of(model, c, refs.gates),
            &inputs,
        )?;
    }

    // Into the Ledger's Contract column: pre-financing and tranches, the payments, the
    // floor top-up and the guarantee draw, each split by the key.
    let contract = &mut workings.terms.contract;
    for (key, reference, share, amount, negative) in flows {
        contract
            .entry(key)
            .or_default()
            .add(&reference, share, amount, negative)?;
    }
    let mut pay = |t: usize, from: usize, reference: String, amount: Decimal, share: Decimal| {
        for (s, k, value) in &key_cells {
            let reference = format!("{reference}*{k}");
            let x = mul(amount, *value)?;
            (contract.entry((t, *s, c.investor)).or_default()).add(&reference, share, x, false)?;
            (contract.entry((t, *s, from)).or_default()).add(&reference, share, x, true)?;
        }
        Ok::<(), XlsxError>(())
    };
    for (t, x) in paid.iter().enumerate() {
        for (p, share) in &c.outcome_payers {
            pay(t, *p, abs(paid_row, t), *x, *share)?;
        }
    }
    let end_ref = |r: u32| format!("{}{}", refs.sheet, cell(r, 2, true));
    if let Some((_, payer)) = c.floor {
        pay(last, payer, end_ref(top_up_at), end.top_up, Decimal::ONE)?;
    }
    if let Some((guarantor, _)) = c.guarantee {
        pay(
            last,
            guarantor,
            end_ref(guarantee_at),
            end.guarantee,
            Decimal::ONE,
        )?;
    }
    Ok(row + 1)
}

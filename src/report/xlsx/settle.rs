//! `somsim settle` as a workbook: the settlement statement as formulas of the observed units,
//! the investment and the contract's terms (each formula storing the engine's value), and the
//! forecast as values.
//!
//! The formulas follow the settlement's order (`docs/model.md`, "Contracts"): each item's
//! `price x units` (times its trigger's 0/1), cut by its cap on the cumulative amount, summed;
//! cut by the contract cap on the cumulative payments; then the return-cap account
//! `A[t] = A[t-1] (1 + rc) + inv[t]`, `paid = MIN(due, A[t])`, `A[t] -= paid`.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::contract::stack::{Inputs, Spec, TrancheSpec};
use super::workings::{checked, formula};
use super::{Formats, cell};
use crate::lang::Lang;
use crate::model::contract::stack::Seniority;
use crate::report::views::settle::*;

/// The settlement workbook in `lang`.
pub fn workbook(report: &SettleReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let fm = Formats::new(lang);
    let w = &fm.words.settle;
    let r = report;
    let st = &r.statement;
    let zero = Decimal::ZERO;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(w.sheet)?;
    ws.write_string_with_format(
        0,
        0,
        (w.title)(
            &r.contract,
            &r.investor,
            &r.actuals,
            r.first_year,
            r.last_year,
        ),
        &fm.title,
    )?;
    ws.write_string(1, 0, w.sheet_note)?;
    ws.set_column_width(0, 34)?;
    // The terms: one row per item (price, cap, trigger), then the contract's.
    let mut row = 3u32;
    ws.write_string_with_format(row, 0, w.terms, &fm.bold)?;
    for (c, h) in [(1, w.price), (2, w.cap), (3, w.trigger_met)] {
        ws.write_string_with_format(row, c, h, &fm.header_number)?;
    }
    let mut item_cells = Vec::new();
    for i in &st.items {
        row += 1;
        ws.write_string(row, 0, &i.name)?;
        ws.write_number_with_format(row, 1, crate::decimal::to_f64(i.price.0), &fm.input_ore)?;
        if let Some(cap) = &i.cap {
            ws.write_number_with_format(row, 2, crate::decimal::to_f64(cap.0), &fm.input_ore)?;
        }
        let met = i.trigger.as_ref().is_none_or(|t| t.met);
        ws.write_number_with_format(row, 3, if met { 1.0 } else { 0.0 }, &fm.input_count)?;
        item_cells.push((cell(row, 1, true), cell(row, 2, true), cell(row, 3, true)));
    }
    let mut term = |label: &str, v: Option<f64>, f: &rust_xlsxwriter::Format| {
        row += 1;
        ws.write_string(row, 0, label)?;
        if let Some(v) = v {
            ws.write_number_with_format(row, 1, v, f)?;
        }
        Ok::<String, XlsxError>(cell(row, 1, true))
    };
    let to = |d: Decimal| crate::decimal::to_f64(d);
    let cap_cell = term(w.contract_cap, st.cap.map(|m| to(m.0)), &fm.input_ore)?;
    let rc_cell = term(
        w.return_cap,
        st.return_cap.map(|n| to(n.0)),
        &fm.input_percent,
    )?;
    let floor_cell = term(w.top_up, st.floor.map(|n| to(n.0)), &fm.input_percent)?;
    let gua_cell = term(
        w.guarantee,
        st.guarantee_amount.map(|m| to(m.0)),
        &fm.input_ore,
    )?;
    let mut share_cells = Vec::new();
    for p in &st.payer_terms {
        share_cells.push(term(
            &format!("{}: {}", p.payer, w.share),
            Some(to(p.share.0)),
            &fm.input_ratio,
        )?);
    }
    // The statement: one row per year.
    row += 2;
    let head = row;
    let mut headers: Vec<String> = vec![w.year.into(), w.completers.into(), w.invested.into()];
    for i in &st.items {
        headers.push((w.units_of)(&i.name));
        headers.push((w.due_item)(&i.name));
        headers.push((w.capped_of)(&i.name));
    }
    headers.extend([
        w.due_total.to_string(),
        w.after_contract_cap.into(),
        w.account_before.into(),
        w.paid.into(),
        w.account.into(),
    ]);
    headers.extend(st.payer_terms.iter().map(|p| (w.paid_by)(&p.payer)));
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(head, c as u16, h, &fm.header_number)?;
        if c > 0 {
            ws.set_column_width(c as u16, 16)?;
        }
    }
    let n = st.items.len() as u16;
    let (due_col, after_col) = (3 + 3 * n, 4 + 3 * n);
    let (before_col, paid_col, acc_col, payer_col) = (5 + 3 * n, 6 + 3 * n, 7 + 3 * n, 8 + 3 * n);
    let first = head + 1;
    let (mut cum_items, mut cum_paid, mut account) = (vec![zero; st.items.len()], zero, zero);
    let rc = st.return_cap.map_or(zero, |n| n.0);
    let last = first + st.years.len() as u32 - 1;
    for (k, y) in st.years.iter().enumerate() {
        let r = first + k as u32;
        let at = |c: u16| cell(r, c, false);
        let above = |c: u16| {
            if r == first {
                "0".to_owned()
            } else {
                format!("SUM({}:{})", cell(first, c, true), cell(r - 1, c, false))
            }
        };
        ws.write_number(r, 0, y.year as f64)?;
        ws.write_number_with_format(r, 1, to(y.completers.0), &fm.ratio)?;
        ws.write_number_with_format(r, 2, to(y.invested.0), &fm.input_ore)?;
        let mut total = zero;
        for (j, i) in st.items.iter().enumerate() {
            let c = 3 + 3 * j as u16;
            let (price, cap, met) = &item_cells[j];
            ws.write_number_with_format(r, c, to(i.units[k].0), &fm.input_count)?;
            formula(
                ws,
                r,
                c + 1,
                format!("={price}*{}*{met}", at(c)),
                i.due[k].0,
                &fm.ore,
            )?;
            let mut x = i.due[k].0;
            let text = match &i.cap {
                Some(cp) => {
                    let room = checked(cp.0.checked_sub(cum_items[j]))?;
                    x = x.min(room);
                    format!(
                        "=IF({cap}=\"\",{d},MIN({d},{cap}-{}))",
                        above(c + 2),
                        d = at(c + 1)
                    )
                }
                None => format!("={}", at(c + 1)),
            };
            cum_items[j] = checked(cum_items[j].checked_add(x))?;
            total = checked(total.checked_add(x))?;
            formula(ws, r, c + 2, text, x, &fm.ore)?;
        }
        let sum: Vec<String> = (0..n).map(|j| at(5 + 3 * j)).collect();
        let sum = if sum.is_empty() {
            "0".into()
        } else {
            sum.join("+")
        };
        formula(ws, r, due_col, format!("={sum}"), total, &fm.ore)?;
        let after = match &st.cap {
            Some(cp) => total.min(checked(cp.0.checked_sub(cum_paid))?),
            None => total,
        };
        formula(
            ws,
            r,
            after_col,
            format!(
                "=IF({cap_cell}=\"\",{d},MIN({d},{cap_cell}-{}))",
                above(paid_col),
                d = at(due_col)
            ),
            after,
            &fm.ore,
        )?;
        let prev = if r == first {
            "0".to_owned()
        } else {
            cell(r - 1, acc_col, false)
        };
        let before = if st.return_cap.is_some() {
            checked(
                (account.checked_mul(Decimal::ONE + rc)).and_then(|a| a.checked_add(y.invested.0)),
            )?
        } else {
            zero
        };
        formula(
            ws,
            r,
            before_col,
            format!("=IF({rc_cell}=\"\",0,{prev}*(1+{rc_cell})+{})", at(2)),
            before,
            &fm.ore,
        )?;
        formula(
            ws,
            r,
            paid_col,
            format!(
                "=IF({rc_cell}=\"\",{a},MIN({a},{b}))",
                a = at(after_col),
                b = at(before_col)
            ),
            y.paid.0,
            &fm.ore,
        )?;
        account = y.return_cap_account.map_or(zero, |m| m.0);
        formula(
            ws,
            r,
            acc_col,
            format!("=IF({rc_cell}=\"\",0,{}-{})", at(before_col), at(paid_col)),
            account,
            &fm.ore,
        )?;
        cum_paid = checked(cum_paid.checked_add(y.paid.0))?;
        let inv_all = format!("SUM({}:{})", cell(first, 2, true), cell(last, 2, true));
        let paid_all = format!(
            "SUM({}:{})",
            cell(first, paid_col, true),
            cell(last, paid_col, true)
        );
        let top = format!("IF({floor_cell}=\"\",0,MAX(0,{floor_cell}*{inv_all}-{paid_all}))");
        let gua =
            format!("IF({gua_cell}=\"\",0,MIN({gua_cell},MAX(0,{inv_all}-{paid_all}-{top})))");
        for (p, (t, share)) in st.payer_terms.iter().zip(&share_cells).enumerate() {
            let mut text = format!("={}*{share}", at(paid_col));
            if st.term_ended && r == last {
                if t.floor {
                    text.push_str(&format!("+{top}"));
                }
                if t.guarantor {
                    text.push_str(&format!("+{gua}"));
                }
            }
            let value = y.paid_by.get(&t.payer).map_or(zero, |m| m.0);
            formula(ws, r, payer_col + p as u16, text, value, &fm.ore)?;
        }
    }
    // The total row.
    let r = last + 1;
    ws.write_string_with_format(r, 0, w.total, &fm.bold)?;
    let mut total_of = |c: u16, value: Decimal| {
        formula(
            ws,
            r,
            c,
            format!("=SUM({}:{})", cell(first, c, false), cell(last, c, false)),
            value,
            &fm.ore,
        )
    };
    total_of(2, st.total_invested.0)?;
    total_of(paid_col, st.years.iter().map(|y| y.paid.0).sum())?;
    for (p, t) in st.payer_terms.iter().enumerate() {
        let v = st
            .years
            .iter()
            .filter_map(|y| y.paid_by.get(&t.payer))
            .map(|m| m.0)
            .sum();
        total_of(payer_col + p as u16, v)?;
    }
    // What each municipality pays: below, a row each, its key as a value and each year's part
    // of the paid column as a formula (to the øre; the last municipality the rest).
    if st.paid_by_municipality.len() > 1 {
        let top = last + 3;
        ws.write_string_with_format(top, 0, w.by_municipality, &fm.bold)?;
        ws.write_string_with_format(top, 1, w.key, &fm.header_number)?;
        for (k, y) in st.years.iter().enumerate() {
            ws.write_number_with_format(top, 2 + k as u16, f64::from(y.year), &fm.header_number)?;
        }
        let n = st.paid_by_municipality.len();
        for (j, m) in st.paid_by_municipality.iter().enumerate() {
            let r = top + 1 + j as u32;
            ws.write_string(r, 0, &m.municipality)?;
            ws.write_number_with_format(r, 1, crate::decimal::to_f64(m.key.0), &fm.factor)?;
            for (k, x) in m.paid.iter().enumerate() {
                let c = 2 + k as u16;
                let paid_cell = cell(first + k as u32, paid_col, true);
                let text = if j + 1 == n {
                    format!(
                        "={paid_cell}-SUM({}:{})",
                        cell(top + 1, c, false),
                        cell(r - 1, c, false)
                    )
                } else {
                    // To the øre half to even, as the engine's split rounds.
                    let part = format!("{paid_cell}*{}", cell(r, 1, true));
                    format!("={}", super::contract::stack::ore(&part))
                };
                formula(ws, r, c, text, x.0, &fm.ore)?;
            }
        }
        ws.write_string(top + 1 + n as u32, 0, w.by_municipality_note)?;
    }
    // A capital stack's waterfall over the observed years, as formulas of the invested and
    // the payers' columns (`contract::stack`).
    if !st.tranches.is_empty() {
        let mut row = match st.paid_by_municipality.len() {
            0 | 1 => last + 2,
            n => last + 4 + n as u32,
        };
        let year0 = report.first_year;
        let h = st.years.len();
        let spec = Spec {
            tranches: (st.tranches.iter())
                .map(|t| TrancheSpec {
                    name: t.name.clone(),
                    seniority: Seniority::from_key(t.seniority).unwrap_or(Seniority::FirstLoss),
                    share: t.share.0,
                    coupon: t.coupon.0,
                    gate: (t.gate_from).map(|y| ((y - year0) as usize, t.gate_met == Some(true))),
                })
                .collect(),
            fee: st.management_fee.as_ref().map(|f| f.0),
            last: (report.term_end - year0) as usize,
            start_year: year0,
            h,
        };
        let np = st.payer_terms.len() as u16;
        let inv: Vec<Decimal> = st.years.iter().map(|y| y.invested.0).collect();
        let mut rec: Vec<Decimal> = st.years.iter().map(|y| y.paid.0).collect();
        if let (Some(top), Some(g), true) = (&st.top_up, &st.guarantee, st.term_ended) {
            rec[h - 1] = checked(rec[h - 1].checked_add(top.0 + g.0))?;
        }
        let inputs = Inputs {
            inv_at: (0..h).map(|t| cell(first + t as u32, 2, false)).collect(),
            rec_at: (0..h)
                .map(|t| {
                    let r = first + t as u32;
                    format!(
                        "SUM({}:{})",
                        cell(r, payer_col, false),
                        cell(r, payer_col + np - 1, false)
                    )
                })
                .collect(),
            inv: &inv,
            rec: &rec,
        };
        super::contract::stack::block(ws, &mut row, &fm, &spec, &inputs)?;
    }
    forecast_sheet(&mut wb, report, &fm)?;
    wb.save_to_buffer()
}

/// The forecast's values on their own sheet: each result before and given the data.
fn forecast_sheet(wb: &mut Workbook, r: &SettleReport, fm: &Formats) -> Result<(), XlsxError> {
    let w = &fm.words.settle;
    let f = &r.forecast;
    let ws = wb.add_worksheet();
    ws.set_name(w.forecast_sheet)?;
    let trials = fm.words.lang.number(Decimal::from(f.trials), 0);
    ws.write_string_with_format(0, 0, (w.forecast)(&trials, f.seed), &fm.title)?;
    ws.write_string(1, 0, w.forecast_note)?;
    ws.set_column_width(0, 34)?;
    let headers = [w.before_data, w.given_data, "P5", "P50", "P95"];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(3, 1 + c as u16, *h, &fm.header_number)?;
        ws.set_column_width(1 + c as u16, 18)?;
    }
    let mut rows: Vec<(String, &ConditionedView, &rust_xlsxwriter::Format)> = vec![
        (w.irr.into(), &f.irr, &fm.percent),
        (w.moic.into(), &f.moic, &fm.ratio),
        (w.net_result.into(), &f.investor_net, &fm.kroner),
    ];
    if let Some(h) = &f.hurdle_npv {
        rows.push((w.hurdle_npv.into(), h, &fm.kroner));
    }
    for (p, c) in &f.payer_delta {
        rows.push(((w.payer_delta)(p), c, &fm.kroner));
    }
    let put = |ws: &mut rust_xlsxwriter::Worksheet,
               r: u32,
               c: u16,
               x: f64,
               f: &rust_xlsxwriter::Format| {
        if x.is_finite() {
            ws.write_number_with_format(r, c, x, f).map(|_| ())
        } else {
            Ok(())
        }
    };
    for (k, (label, c, format)) in rows.iter().enumerate() {
        let r = 4 + k as u32;
        ws.write_string(r, 0, label)?;
        if let Some(b) = &c.before {
            put(ws, r, 1, b.mean, format)?;
        }
        if let Some(g) = &c.given {
            for (j, x) in [g.mean, g.p5, g.p50, g.p95].into_iter().enumerate() {
                put(ws, r, 2 + j as u16, x, format)?;
            }
        }
    }
    let r = 5 + rows.len() as u32;
    let inputs = if f.conditioned_on.is_empty() {
        w.nothing_informed.to_string()
    } else {
        f.conditioned_on.join(", ")
    };
    let ess = fm.words.lang.number(
        crate::decimal::from_f64(f.effective_sample_size.round()).unwrap_or_default(),
        0,
    );
    ws.write_string(r, 0, (w.ess)(&ess, &trials, &inputs))?;
    let lp = |x: f64| {
        fm.words.lang.number(
            crate::decimal::from_f64(x).unwrap_or_default().round_dp(2),
            2,
        )
    };
    ws.write_string(
        r + 1,
        0,
        (w.prob_loss)(&lp(f.prob_loss_before.0), &lp(f.prob_loss_given.0)),
    )?;
    if f.unexplained {
        ws.write_string(r + 2, 0, w.unexplained)?;
    } else if f.small_sample {
        ws.write_string(r + 2, 0, (w.ess_small)(&ess))?;
    }
    Ok(())
}

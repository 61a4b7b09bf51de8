//! A contract's capital stack on the Contracts sheet: the tranches' terms in yellow cells
//! (seniority, share, coupon, whether a gate is met in the base case, the fee's rate) and the
//! waterfall of `model::contract::stack::waterfall` as formulas over the contract's yearly
//! investment and what the investor side receives, tranche by tranche and year by year (its
//! part of the investment and of the fee, its claim, what each class and the surplus pay it,
//! its net), then each tranche's totals and MOIC.
//!
//! The ledger rounds each part of a split to the øre half to even, the last tranche of the
//! split taking the rest; spreadsheets' `ROUND` rounds half away from zero, so each part is
//! [`ore`]: a half øre (after clearing the floating point's noise at 10⁻⁶ øre) goes to the even
//! øre, anything else to the nearest.

// The grids are indexed by tranche and year together.
#![allow(clippy::needless_range_loop)]

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError};

use super::super::Text;
use super::super::workings::{formula, year_col};
use super::super::{Formats, cell, input_style};
use crate::decimal::to_f64;
use crate::model::Model;
use crate::model::contract::Contract;
use crate::model::contract::stack::{Seniority, StackTerms};

mod steps;
use steps::{add, steps, sub, sum};

/// `x`, a formula without `=`, to the øre with a half øre to the even one (as `round_dp(2)`).
pub(in crate::report::xlsx) fn ore(x: &str) -> String {
    format!("(IF(MOD(ROUND(({x})*100,6),1)=0.5,2*ROUND(({x})*50,0),ROUND(({x})*100,0))/100)")
}

/// A stack's terms as the block writes them.
pub(in crate::report::xlsx) struct Spec {
    pub tranches: Vec<TrancheSpec>,
    /// The management fee's rate on the capital outstanding.
    pub fee: Option<Decimal>,
    /// Year offset of the end of the term, the calendar year of offset 0, and the years shown.
    pub last: usize,
    pub start_year: i32,
    pub h: usize,
}

/// A tranche's terms.
pub(in crate::report::xlsx) struct TrancheSpec {
    pub name: String,
    pub seniority: Seniority,
    pub share: Decimal,
    pub coupon: Decimal,
    /// Its gate: the year offset it is committed from, and whether it is met.
    pub gate: Option<(usize, bool)>,
}

impl Spec {
    /// The terms of contract `c`'s stack, its gates met as `gates` says, over the horizon.
    pub(super) fn of(model: &Model, c: &Contract, gates: &[Option<bool>]) -> Spec {
        Spec {
            tranches: (c.stack.iter().enumerate())
                .map(|(i, t)| TrancheSpec {
                    name: t.name.clone(),
                    seniority: t.seniority,
                    share: t.share,
                    coupon: t.coupon,
                    gate: (t.gate.as_ref()).map(|g| (g.from, gates.get(i) == Some(&Some(true)))),
                })
                .collect(),
            fee: c.management_fee.as_ref().map(|f| f.rate),
            last: c.last_year,
            start_year: model.start_year,
            h: model.horizon,
        }
    }
}

/// What the waterfall reads, per year: the investment and what the investor side receives,
/// as formulas (without `=`) of cells of the same sheet, and their values.
pub(in crate::report::xlsx) struct Inputs<'a> {
    pub inv_at: Vec<String>,
    pub rec_at: Vec<String>,
    pub inv: &'a [Decimal],
    pub rec: &'a [Decimal],
}

/// `a:b` of rows `r0..=r1` in column `c` (absolute with `abs`).
fn range(r0: u32, r1: u32, c: u16, abs: bool) -> String {
    format!("{}:{}", cell(r0, c, abs), cell(r1, c, abs))
}

/// The sum of the cells of rows `rows` in column `c`, or `0` with none.
fn plus(rows: impl IntoIterator<Item = u32>, c: u16) -> String {
    let terms: Vec<String> = rows.into_iter().map(|r| cell(r, c, false)).collect();
    if terms.is_empty() {
        "0".to_owned()
    } else {
        terms.join("+")
    }
}

/// The stack's block from row `*row`; moves `*row` past it.
pub(in crate::report::xlsx) fn block(
    ws: &mut Worksheet,
    row: &mut u32,
    fm: &Formats,
    spec: &Spec,
    x: &Inputs,
) -> Result<(), XlsxError> {
    let (n, h, zero) = (spec.tranches.len(), spec.h, Decimal::ZERO);
    let w = &fm.words.stack_sheet;
    let ore_f = &fm.ore;
    let last = spec.last;
    let col = |t: usize| year_col(2, t);
    let at = |r: u32, t: usize| cell(r, col(t), false);
    let words = fm.words;

    *row += 1;
    ws.text_with_format(*row, 0, w.title, &fm.bold)?;
    *row += 1;
    ws.text(*row, 0, w.note)?;
    *row += 1;
    // The terms.
    for (k, head) in [
        w.tranche,
        w.seniority,
        w.share,
        w.coupon,
        w.gate_met,
        w.gate_from,
    ]
    .into_iter()
    .enumerate()
    {
        ws.text_with_format(*row, k as u16, head, &fm.header)?;
    }
    *row += 1;
    let top = *row;
    let plain = input_style(Format::new());
    let mut met = 0u64;
    for (i, tr) in spec.tranches.iter().enumerate() {
        let r = top + i as u32;
        ws.text(r, 0, &tr.name)?;
        ws.text_with_format(r, 1, (words.stack.rank)(tr.seniority.key()), &plain)?;
        ws.write_number_with_format(r, 2, to_f64(tr.share), &fm.input_percent)?;
        ws.write_number_with_format(r, 3, to_f64(tr.coupon), &fm.input_percent)?;
        if let Some((from, m)) = tr.gate {
            ws.write_boolean_with_format(r, 4, m, &plain)?;
            ws.write_number(r, 5, f64::from(spec.start_year) + from as f64)?;
            met |= u64::from(m) << i;
        }
    }
    *row = top + n as u32;
    let rank_at = |i: usize| cell(top + i as u32, 1, true);
    let share_at = |i: usize| cell(top + i as u32, 2, true);
    let ranks = |a: usize, b: usize| range(top + a as u32, top + b as u32, 1, true);
    let fee_at = match spec.fee {
        Some(rate) => {
            ws.text(*row, 0, w.fee_rate)?;
            ws.write_number_with_format(*row, 2, to_f64(rate), &fm.input_percent)?;
            *row += 1;
            Some(cell(*row - 1, 2, true))
        }
        None => None,
    };
    *row += 1;
    let years: Vec<String> = (0..h)
        .map(|t| (spec.start_year + t as i32).to_string())
        .collect();
    let mut names = vec!["", ""];
    names.extend(years.iter().map(String::as_str));
    super::super::header_over(ws, fm, *row, &names, 2)?;
    *row += 1;

    let terms = StackTerms {
        shares: spec.tranches.iter().map(|t| t.share).collect(),
        seniority: spec.tranches.iter().map(|t| t.seniority).collect(),
        coupons: spec.tranches.iter().map(|t| t.coupon).collect(),
        gates: spec.tranches.iter().map(|t| t.gate.map(|g| g.0)).collect(),
        fee: spec.fee,
        last_year: last,
    };
    let rec = x.rec;
    let s = steps(&terms, x.inv, rec, met)?;
    let label = |ws: &mut Worksheet, r: &mut u32, text: &str| -> Result<u32, XlsxError> {
        ws.text(*r, 0, text)?;
        *r += 1;
        Ok(*r - 1)
    };
    // A row per tranche under `text`: the rows' first.
    let group = |ws: &mut Worksheet, r: &mut u32, text: &str| -> Result<u32, XlsxError> {
        for (i, tr) in spec.tranches.iter().enumerate() {
            ws.text(*r + i as u32, 0, text)?;
            ws.text(*r + i as u32, 1, &tr.name)?;
        }
        *r += n as u32;
        Ok(*r - n as u32)
    };
    let inv_row = label(ws, row, w.invested_row)?;
    let rec_row = label(ws, row, w.received)?;
    let fee_rows = match &fee_at {
        Some(_) => Some((label(ws, row, w.outstanding)?, label(ws, row, w.fee_total)?)),
        None => None,
    };
    let committed = group(ws, row, w.committed)?;
    let committed_total = label(ws, row, w.committed_total)?;
    let put = group(ws, row, w.put)?;
    let fee = match fee_rows {
        Some(_) => Some(group(ws, row, w.fee)?),
        None => None,
    };
    let claim = group(ws, row, w.claim)?;
    let put_up = group(ws, row, w.put_up)?;
    let classes = *row;
    for (k, class) in Seniority::ORDER.into_iter().enumerate() {
        ws.text(classes + k as u32, 0, w.class_owed)?;
        ws.text(classes + 3 + k as u32, 0, w.class_paid)?;
        for r in [classes + k as u32, classes + 3 + k as u32] {
            ws.text(r, 1, (words.stack.rank)(class.key()))?;
        }
    }
    *row += 6;
    let on_claim = group(ws, row, w.on_claim)?;
    let surplus = label(ws, row, w.surplus)?;
    let of_surplus = group(ws, row, w.of_surplus)?;
    let got = group(ws, row, w.got)?;
    let claim_after = group(ws, row, w.claim_after)?;
    let net = group(ws, row, w.net)?;
    let r = |g: u32, i: usize| g + i as u32;
    let gated = spec.tranches.iter().any(|t| t.gate.is_some());

    // A split of `x` (a cell) by the weights in rows `wrow + i` over those `which` selects
    // (`which(i)`: a condition; `later(i)`: no later tranche is selected), into rows `out + i`.
    let split_f = |x: &str,
                   wt: &dyn Fn(usize) -> String,
                   total: &str,
                   out: u32,
                   t: usize,
                   i: usize,
                   which: &str,
                   later: &str| {
        let before = plus((0..i).map(|j| out + j as u32), col(t));
        format!(
            "=IF(NOT({which}),0,IF({later},{x}-({before}),{}))",
            ore(&format!("{x}*{}/{total}", wt(i)))
        )
    };
    let mut outstanding = zero;
    for t in 0..h {
        let ct = col(t);
        formula(
            ws,
            inv_row,
            ct,
            format!("={}", x.inv_at[t]),
            x.inv[t],
            ore_f,
        )?;
        formula(ws, rec_row, ct, format!("={}", x.rec_at[t]), rec[t], ore_f)?;
        // The committed shares.
        let mut total = zero;
        for (i, tr) in spec.tranches.iter().enumerate() {
            let on = terms.committed(i, t, met);
            let (text, v) = match tr.gate {
                None => (format!("={}", share_at(i)), tr.share),
                Some((from, _)) if t < from => ("=0".to_owned(), zero),
                Some(_) => (
                    format!("=IF({},{},0)", cell(top + i as u32, 4, true), share_at(i)),
                    if on { tr.share } else { zero },
                ),
            };
            total = add(total, v)?;
            formula(ws, r(committed, i), ct, text, v, &fm.percent)?;
        }
        let all = range(committed, committed + n as u32 - 1, ct, false);
        formula(
            ws,
            committed_total,
            ct,
            format!("=SUM({all})"),
            total,
            &fm.percent,
        )?;
        let wt = |i: usize| at(r(committed, i), t);
        let tot = at(committed_total, t);
        let which = |i: usize| format!("{}>0", wt(i));
        let later = |i: usize| match i + 1 < n {
            true => format!(
                "SUM({})=0",
                range(r(committed, i + 1), committed + n as u32 - 1, ct, false)
            ),
            false => "TRUE".to_owned(),
        };
        for i in 0..n {
            let text = split_f(&at(inv_row, t), &wt, &tot, put, t, i, &which(i), &later(i));
            formula(ws, r(put, i), ct, text, s.put[i][t], ore_f)?;
        }
        // The fee on the capital outstanding.
        if let (Some((o_row, f_row)), Some(rate), Some(fee)) = (fee_rows, &fee_at, fee) {
            outstanding = add(outstanding, x.inv[t])?;
            let before = match t {
                0 => "0".to_owned(),
                _ => format!(
                    "SUM({}:{})",
                    cell(rec_row, col(0), false),
                    at(rec_row, t - 1)
                ),
            };
            let inv_to = format!("SUM({}:{})", cell(inv_row, col(0), false), at(inv_row, t));
            formula(
                ws,
                o_row,
                ct,
                format!("={inv_to}-{before}"),
                outstanding,
                ore_f,
            )?;
            let total_fee = sum((0..n).map(|i| s.fee[i][t]))?;
            let text = if t <= last {
                let o = at(o_row, t);
                format!("=IF(AND({tot}>0,{o}>0),{},0)", ore(&format!("{rate}*{o}")))
            } else {
                "=0".to_owned()
            };
            formula(ws, f_row, ct, text, total_fee, ore_f)?;
            for i in 0..n {
                let text = split_f(&at(f_row, t), &wt, &tot, fee, t, i, &which(i), &later(i));
                formula(ws, r(fee, i), ct, text, s.fee[i][t], ore_f)?;
            }
            outstanding = sub(outstanding, rec[t])?;
        }
        // The claims, and what each has put up.
        for i in 0..n {
            let called = match fee {
                Some(fee) => format!("{}+{}", at(r(put, i), t), at(r(fee, i), t)),
                None => at(r(put, i), t),
            };
            let coupon = cell(top + i as u32, 3, true);
            let (claim_text, up_text) = match t {
                0 => (format!("={called}"), format!("={called}")),
                _ => (
                    format!("={}*(1+{coupon})+{called}", at(r(claim_after, i), t - 1)),
                    format!("={}+{called}", at(r(put_up, i), t - 1)),
                ),
            };
            formula(ws, r(claim, i), ct, claim_text, s.claim[i][t], ore_f)?;
            formula(ws, r(put_up, i), ct, up_text, s.put_up[i][t], ore_f)?;
        }
        // The classes in order, by the seniority cells.
        let claims = range(claim, claim + n as u32 - 1, ct, false);
        for (k, class) in Seniority::ORDER.into_iter().enumerate() {
            let key = (words.stack.rank)(class.key());
            let text = format!("=SUMIF({},\"{key}\",{claims})", ranks(0, n - 1));
            formula(ws, classes + k as u32, ct, text, s.owed[k][t], ore_f)?;
            let left = format!(
                "{}-({})",
                at(rec_row, t),
                plus((0..k).map(|j| classes + 3 + j as u32), ct)
            );
            let owed = at(classes + k as u32, t);
            let text = format!("=IF(OR({owed}<=0,{left}<=0),0,MIN({left},{owed}))");
            formula(ws, classes + 3 + k as u32, ct, text, s.paid[k][t], ore_f)?;
        }
        let class_rows =
            |first: u32| format!("{}:{}", cell(first, 1, true), cell(first + 2, 1, true));
        let class_col = |first: u32| range(first, first + 2, ct, false);
        for i in 0..n {
            let mine = at(r(claim, i), t);
            let pay = format!(
                "SUMIF({},{},{})",
                class_rows(classes + 3),
                rank_at(i),
                class_col(classes + 3)
            );
            let owed = format!(
                "SUMIF({},{},{})",
                class_rows(classes),
                rank_at(i),
                class_col(classes)
            );
            let last_in_class = match i + 1 < n {
                true => format!(
                    "COUNTIFS({},{},{},\">0\")=0",
                    ranks(i + 1, n - 1),
                    rank_at(i),
                    range(r(claim, i + 1), claim + n as u32 - 1, ct, false)
                ),
                false => "TRUE".to_owned(),
            };
            let before = match i {
                0 => "0".to_owned(),
                _ => format!(
                    "SUMIF({},{},{})",
                    ranks(0, i - 1),
                    rank_at(i),
                    range(on_claim, r(on_claim, i - 1), ct, false)
                ),
            };
            let text = format!(
                "=IF(OR({mine}<=0,{pay}<=0),0,IF({pay}>={owed},{mine},IF({last_in_class},{pay}-{before},{})))",
                ore(&format!("{pay}*{mine}/{owed}"))
            );
            formula(ws, r(on_claim, i), ct, text, s.on_claim[i][t], ore_f)?;
        }
        // The surplus: by what each has put up in a gated stack (while any has), else by the
        // shares.
        let paid_all = sum((0..3).map(|k| s.paid[k][t]))?;
        let left = sub(rec[t], paid_all)?;
        let text = format!("={}-SUM({})", at(rec_row, t), class_col(classes + 3));
        formula(ws, surplus, ct, text, left, ore_f)?;
        let sp = at(surplus, t);
        let ups = range(put_up, put_up + n as u32 - 1, ct, false);
        for i in 0..n {
            let by_shares = split_f(
                &sp,
                &|i| share_at(i),
                "1",
                of_surplus,
                t,
                i,
                "TRUE",
                if i + 1 == n { "TRUE" } else { "FALSE" },
            );
            let by_shares = &by_shares[1..];
            let text = if gated {
                let up = |i: usize| at(r(put_up, i), t);
                let later = match i + 1 < n {
                    true => format!(
                        "COUNTIF({},\">0\")=0",
                        range(r(put_up, i + 1), put_up + n as u32 - 1, ct, false)
                    ),
                    false => "TRUE".to_owned(),
                };
                let by_put = split_f(
                    &sp,
                    &up,
                    &format!("SUM({ups})"),
                    of_surplus,
                    t,
                    i,
                    &format!("{}>0", up(i)),
                    &later,
                );
                format!(
                    "=IF({sp}<=0,0,IF(SUM({ups})>0,{},{by_shares}))",
                    &by_put[1..]
                )
            } else {
                format!("=IF({sp}<=0,0,{by_shares})")
            };
            let v = sub(s.got[i][t], s.on_claim[i][t])?;
            formula(ws, r(of_surplus, i), ct, text, v, ore_f)?;
        }
        for i in 0..n {
            let text = format!("={}+{}", at(r(on_claim, i), t), at(r(of_surplus, i), t));
            formula(ws, r(got, i), ct, text, s.got[i][t], ore_f)?;
            let text = format!("=MAX(0,{}-{})", at(r(claim, i), t), at(r(got, i), t));
            formula(ws, r(claim_after, i), ct, text, s.claim_after[i][t], ore_f)?;
            let fee_part = match fee {
                Some(fee) => format!("-{}", at(r(fee, i), t)),
                None => String::new(),
            };
            let text = format!("={}-{}{fee_part}", at(r(got, i), t), at(r(put, i), t));
            let v = sub(sub(s.got[i][t], s.put[i][t])?, s.fee[i][t])?;
            formula(ws, r(net, i), ct, text, v, ore_f)?;
        }
    }

    // Each tranche's totals.
    *row += 1;
    ws.text_with_format(*row, 0, w.totals, &fm.bold)?;
    for (k, head) in [w.invested, w.of_it_fee, w.total_received, w.net, w.moic]
        .into_iter()
        .enumerate()
    {
        ws.text_with_format(*row, 2 + k as u16, head, &fm.header_number)?;
    }
    *row += 1;
    let span = |g: u32, i: usize| {
        format!(
            "SUM({}:{})",
            cell(r(g, i), col(0), false),
            at(r(g, i), h - 1)
        )
    };
    for (i, tr) in spec.tranches.iter().enumerate() {
        let rr = *row;
        ws.text(rr, 0, &tr.name)?;
        let fee_total = sum(s.fee[i].iter().copied())?;
        let invested = add(sum(s.put[i].iter().copied())?, fee_total)?;
        let received = sum(s.got[i].iter().copied())?;
        let fee_text = match fee {
            Some(fee) => span(fee, i),
            None => "0".to_owned(),
        };
        formula(
            ws,
            rr,
            2,
            format!("={}+{}", span(put, i), cell(rr, 3, false)),
            invested,
            ore_f,
        )?;
        formula(ws, rr, 3, format!("={fee_text}"), fee_total, ore_f)?;
        formula(ws, rr, 4, format!("={}", span(got, i)), received, ore_f)?;
        formula(
            ws,
            rr,
            5,
            format!("={}-{}", cell(rr, 4, false), cell(rr, 2, false)),
            sub(received, invested)?,
            ore_f,
        )?;
        let (inv_c, rec_c) = (cell(rr, 2, false), cell(rr, 4, false));
        // Nothing invested: no MOIC, said in words (an empty text reads back as 0).
        let na = fm.words.tables.not_available;
        let moic = Formula::new(format!("=IF({inv_c}=0,\"{na}\",{rec_c}/{inv_c})"));
        let moic = match received.checked_div(invested) {
            Some(m) => moic.set_result(super::super::result(to_f64(m))),
            None => moic.set_result(na),
        };
        ws.write_formula_with_format(rr, 6, moic, &fm.ratio)?;
        *row += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ironcalc::base::{Model, cell::CellValue};

    /// [`ore`] recalculated in a spreadsheet engine is `round_dp(2)` (half to even): a half
    /// øre to the even øre either side of zero, anything else to the nearest, also where the
    /// product's binary value falls just short of the half.
    #[test]
    fn a_half_ore_goes_to_the_even_ore() {
        let cases = [
            "0.125",
            "0.135",
            "0.005",
            "0.015",
            "-0.125",
            "-0.135",
            "2.675",
            "1234567.885",
            "1234567.895",
            "0.124",
            "0.126",
            "100",
            "0",
            "172985.605",
            "36921.865",
        ];
        let mut m = Model::new_empty("ore", "en", "UTC", "en").unwrap();
        for (i, x) in cases.iter().enumerate() {
            let row = 1 + i as i32;
            m.set_user_input(0, row, 1, x.to_string()).unwrap();
            m.set_user_input(0, row, 2, format!("={}", ore(&format!("A{row}"))))
                .unwrap();
        }
        // A product: 0.05 x 0.3 is 0.015 exactly in decimals, 0.01499... in binary.
        m.set_user_input(0, 100, 2, format!("={}", ore("0.05*0.3")))
            .unwrap();
        m.evaluate();
        for (i, x) in cases.iter().enumerate() {
            let want = to_f64(x.parse::<Decimal>().unwrap().round_dp(2));
            let got = m.get_cell_value_by_index(0, 1 + i as i32, 2).unwrap();
            assert_eq!(got, CellValue::Number(want), "{x}");
        }
        let got = m.get_cell_value_by_index(0, 100, 2).unwrap();
        assert_eq!(got, CellValue::Number(0.02));
        // ROUND alone rounds half away from zero: the case the formula is for.
        m.set_user_input(0, 101, 2, "=ROUND(0.125,2)".into())
            .unwrap();
        m.evaluate();
        assert_eq!(
            m.get_cell_value_by_index(0, 101, 2).unwrap(),
            CellValue::Number(0.13)
        );
    }
}

//! `somsim deal` as tables: every combination of terms with both sides' results, and the
//! prices each side accepts.

use rust_decimal::Decimal;

use super::table::{Say, new_table, tidy};
use crate::report::views::deal::*;
use crate::report::views::*;

/// A term's value as a person reads it: kroner with separators, rates and shares in percent.
fn term_value(say: Say, name: &str, Num(v): Num) -> String {
    let percent = name == "return_cap" || name == "floor" || name == "gain_share";
    if percent {
        let decimals = (v * Decimal::ONE_HUNDRED).normalize().scale();
        say.lang.percent(v, decimals)
    } else {
        say.kr(v)
    }
}

/// The deal space as tables, in the words and numbers of `say`.
pub fn table(r: &DealReport, say: Say) -> String {
    let w = say.w;
    let (n, trials) = (r.combinations.len(), say.n(Decimal::from(r.trials), 0));
    let mut s = format!("{}\n{}\n", r.scenario, r.file);
    let space = (w.deal_space)(&r.contract, &r.investor, n, &trials, r.seed);
    s.push_str(&format!("{space}\n"));
    let limits: Vec<String> = [
        (r.limits.max_loss_prob.as_ref()).map(|p| (w.investor_limit)(&say.p(p.0))),
        (r.limits.max_payer_worse_prob.as_ref()).map(|p| (w.payer_limit)(&say.p(p.0))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !limits.is_empty() {
        s.push_str(&format!("{} {}\n", w.limits, limits.join("; ")));
    }
    s.push('\n');
    let mut header: Vec<String> = r
        .axes
        .iter()
        .map(|a| r.heading(say.lang, &a.term))
        .collect();
    header.extend(
        [
            w.moic,
            w.prob_loss,
            w.expected_loss_kroner,
            w.worst_5_kroner,
        ]
        .map(String::from),
    );
    let with_irr = r.combinations.iter().any(|c| c.irr.is_some());
    if with_irr {
        header.push(w.irr_median.into());
    }
    for p in &r.paying {
        header.push((w.payer_delta)(p));
        header.push((w.payer_worse)(p));
    }
    header.push(w.accepted.into());
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = new_table(&refs, 0);
    for c in &r.combinations {
        let mut row: Vec<String> = (c.terms.iter())
            .map(|(name, v)| term_value(say, name, *v))
            .collect();
        row.push(say.p(c.moic_mean.0));
        row.push(say.p(c.prob_loss.0));
        row.push(say.kr_f64(c.expected_loss.0));
        row.push(say.kr_f64(c.worst_5pct_mean.0));
        if with_irr {
            row.push((c.irr.as_ref()).map_or(w.undefined.into(), |i| say.pct(i.p50.0, 1)));
        }
        for p in c.payers.values() {
            row.push(say.kr_f64(p.mean_delta.0));
            row.push(say.p(p.prob_worse.0));
        }
        row.push(
            match (c.investor_accepts, c.payers_accept) {
                (true, true) => w.accepted_by_both,
                (true, false) => w.accepted_by_investor,
                (false, true) => w.accepted_by_payers,
                (false, false) => w.accepted_by_neither,
            }
            .into(),
        );
        t.add_row(row);
    }
    s.push_str(&format!("{t}\n"));
    if let Some(prices) = &r.prices {
        s.push_str(&prices_table(r, prices, say));
    }
    if let Some(solved) = &r.solved {
        s.push_str(&solved_table(r, solved, say));
    }
    s.push_str(&format!("\n{}\n", w.deal_note));
    tidy(s)
}

/// With `--solve`: the solved values along the solved axis.
fn solved_table(r: &DealReport, solved: &SolvedView, say: Say) -> String {
    let w = say.w;
    let mut header: Vec<String> = (solved.points.first())
        .map(|x| x.terms.keys().map(|t| r.heading(say.lang, t)).collect())
        .unwrap_or_default();
    header.push(w.solved_moic_one.into());
    if r.limits.max_loss_prob.is_some() {
        header.push(w.solved_investor.into());
    }
    if r.limits.max_payer_worse_prob.is_some() {
        header.extend(r.paying.iter().map(|p| (w.solved_payer)(p)));
    }
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = new_table(&refs, 0);
    let value = |c: &Option<CrossingView>| match c {
        Some(CrossingView::At(v)) => term_value(say, &solved.term, *v),
        Some(CrossingView::Whole(_)) => w.whole_range.into(),
        None => w.none.into(),
    };
    for p in &solved.points {
        let mut row: Vec<String> = (p.terms.iter())
            .map(|(name, v)| term_value(say, name, *v))
            .collect();
        row.push(value(&p.moic_one));
        if r.limits.max_loss_prob.is_some() {
            row.push(value(&p.investor_limit));
        }
        if r.limits.max_payer_worse_prob.is_some() {
            row.extend(p.payer_limit.values().map(value));
        }
        t.add_row(row);
    }
    let (lo, hi) = (
        term_value(say, &solved.term, solved.range[0]),
        term_value(say, &solved.term, solved.range[1]),
    );
    format!(
        "\n{}\n{t}\n{}\n",
        (w.solved)(&r.heading(say.lang, &solved.term), &lo, &hi),
        w.solved_note
    )
}

/// The acceptable prices along the first price axis.
fn prices_table(r: &DealReport, prices: &PricesView, say: Say) -> String {
    let w = say.w;
    let mut header: Vec<String> = (prices.ranges.first())
        .map(|x| x.terms.keys().map(|t| r.heading(say.lang, t)).collect())
        .unwrap_or_default();
    header.push(w.investor_lowest.into());
    header.extend(r.paying.iter().map(|p| (w.payer_highest)(p)));
    header.push(w.both_accept.into());
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = new_table(&refs, 0);
    let (none, no_limit) = (w.none, w.no_limit);
    let price = |p: &Option<Num>| p.map_or(none.into(), |v| say.kr(v.0));
    for range in &prices.ranges {
        let mut row: Vec<String> = (range.terms.iter())
            .map(|(name, v)| term_value(say, name, *v))
            .collect();
        row.push(match r.limits.max_loss_prob {
            Some(_) => price(&range.investor_lowest),
            None => no_limit.into(),
        });
        for h in range.payer_highest.values() {
            row.push(match r.limits.max_payer_worse_prob {
                Some(_) => price(h),
                None => no_limit.into(),
            });
        }
        row.push(match (range.both.first(), range.both.last()) {
            (Some(lo), Some(hi)) if lo == hi => say.kr(lo.0),
            (Some(lo), Some(hi)) => {
                format!("{} {} {}", say.kr(lo.0), w.to, say.kr(hi.0))
            }
            _ => none.into(),
        });
        t.add_row(row);
    }
    format!(
        "\n{}\n{t}\n",
        (w.acceptable)(&r.heading(say.lang, &prices.term))
    )
}

//! A contract's terms for people, in their language: the rate card as rows (success target,
//! what it pays for, price, lag, cap) and the other terms (triggers, measurements, the
//! pre-financing, caps, floor, guarantee) as sentences.
//! The terminal, the report and the workbook all show these.

use super::table::{Say, new_table};
use crate::report::views::contract::{ContractView, RateItemView};
use crate::report::views::terms::TriggerView;

/// The calendar years as runs: `2025-2027, 2029`.
pub fn years(years: &[i32]) -> String {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &y in years {
        match runs.last_mut() {
            Some((_, hi)) if *hi + 1 == y => *hi = y,
            _ => runs.push((y, y)),
        }
    }
    (runs.iter())
        .map(|&(lo, hi)| {
            if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}-{hi}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A number as written in the file (its own decimals), in the reader's format.
fn as_written(say: Say, x: f64) -> String {
    match crate::decimal::from_f64(x) {
        Some(d) => {
            let d = d.round_dp(10).normalize();
            say.n(d, d.scale())
        }
        None => say.w.not_available.to_owned(),
    }
}

/// A share or rate as written (`0.05` -> `5%`, `5 pct.`).
fn rate(say: Say, x: f64) -> String {
    crate::decimal::from_f64(x).map_or_else(
        || say.w.not_available.to_owned(),
        |d| say.lang.rate(d.round_dp(10)),
    )
}

/// A trigger's condition: `recovery_gain_share ≥ 0.15`, `completers in all ≥ 60`.
pub fn trigger(say: Say, t: &TriggerView) -> String {
    condition(say, t, |m| (say.words.terms.in_all)(m))
}

/// A gate's condition: an input's, or a metric's units in the years before `year`.
pub fn gate(say: Say, t: &TriggerView, year: i32) -> String {
    condition(say, t, |m| (say.words.terms.before)(m, year))
}

/// `t`'s bounds on its input, or on its metric's units as `counted` words them.
fn condition(say: Say, t: &TriggerView, counted: impl Fn(&str) -> String) -> String {
    let what = match (&t.input, &t.metric) {
        (Some(input), _) => input.clone(),
        (None, Some(m)) => counted(&metric(say, m)),
        (None, None) => String::new(),
    };
    let mut conds = Vec::new();
    if let Some(lo) = t.at_least {
        conds.push(format!("{what} ≥ {}", as_written(say, lo)));
    }
    if let Some(hi) = t.at_most {
        conds.push(format!("{what} ≤ {}", as_written(say, hi)));
    }
    conds.join(", ")
}

/// A metric's name for people: `completers` in the reader's words, an outcome's as shown.
fn metric(say: Say, name: &str) -> String {
    if name == "completers" {
        say.words.terms.completers.to_owned()
    } else {
        name.to_owned()
    }
}

/// The rate card's header.
pub fn header(say: Say) -> [&'static str; 5] {
    let w = &say.words.terms;
    [w.item, w.pays_for, w.price, w.lag, w.cap]
}

/// One rate-card item as a row under [`header`].
pub fn row(say: Say, i: &RateItemView) -> [String; 5] {
    let w = &say.words.terms;
    let metric = metric(say, &i.metric);
    let price = say.n(i.price.0, i.price.0.normalize().scale().min(2));
    [
        i.name.clone(),
        metric,
        price,
        i.lag.to_string(),
        i.cap.map_or_else(|| w.none.to_owned(), |c| say.kr(c.0)),
    ]
}

/// The terms beyond the rate card's columns, one sentence each: each item's trigger and how
/// a measured item is measured, the pre-financing, the cohorts, who repays, the caps, floor, guarantee and
/// hurdle rate.
pub fn lines(v: &ContractView, say: Say) -> Vec<String> {
    let w = &say.words.terms;
    let t = &v.terms;
    let mut out = Vec::new();
    let kind = |k: &str| (say.w.measurement_kind)(k);
    for i in &v.rate_card {
        if let Some(t) = &i.trigger {
            out.push((w.trigger)(&i.name, &trigger(say, t)));
        }
        if i.measured.is_some() || i.trigger_measured.is_some() {
            let (paid, trigger) = (i.measured.map(kind), i.trigger_measured.map(kind));
            out.push((w.measured_item)(&i.name, paid, trigger));
        }
    }
    for p in &t.prefinance {
        out.push((w.prefinance)(
            &rate(say, p.share),
            &p.cost,
            &years(&p.years),
        ));
    }
    for tr in &t.tranches {
        out.push((w.tranche)(&say.kr(tr.amount.0), &tr.to, &years(&tr.years)));
    }
    if !t.cohorts.is_empty() {
        out.push((w.cohorts)(&years(&t.cohorts)));
    }
    let payers: Vec<String> = (t.outcome_payers.iter())
        .map(|(p, s)| format!("{p} {}", rate(say, *s)))
        .collect();
    out.push((w.repaid_by)(&payers.join(", ")));
    if let Some(g) = &t.gain_share {
        out.push((w.gain_share)(&rate(say, g.share), &g.of.join(", "), g.lag));
    }
    if let Some(c) = &v.cap {
        out.push((w.contract_cap)(&say.kr(c.0)));
    }
    if let Some(r) = v.return_cap {
        out.push((w.return_cap)(&rate(say, r)));
    }
    if let (Some(s), Some(p)) = (t.floor_share, &v.floor_payer) {
        out.push((w.floor)(&rate(say, s), p));
    }
    if let (Some(a), Some(g)) = (&t.guarantee_amount, &v.guarantor) {
        out.push((w.guarantee)(g, &say.kr(a.0)));
    }
    if let Some(h) = v.hurdle_rate {
        out.push((w.hurdle_rate)(&rate(say, h)));
    }
    for s in &v.stack {
        if let Some(g) = &s.gate {
            out.push((w.gate)(&s.name, g.from, &gate(say, &g.when, g.from)));
        }
    }
    if let Some(m) = &t.management_fee {
        out.push((w.management_fee)(&m.manager, &rate(say, m.rate)));
    }
    out
}

/// The terms as a table and sentences, for the terminal.
pub fn table(v: &ContractView, say: Say) -> String {
    let mut s = format!("{}\n", say.words.terms.title);
    if !v.rate_card.is_empty() {
        let mut t = new_table(&header(say), 2);
        for i in &v.rate_card {
            t.add_row(row(say, i).to_vec());
        }
        s.push_str(&format!("{t}\n"));
    }
    for line in lines(v, say) {
        s.push_str(&format!("{line}\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_written_as_runs() {
        assert_eq!(years(&[2025, 2026, 2027]), "2025-2027");
        assert_eq!(years(&[2025, 2027, 2028]), "2025, 2027-2028");
        assert_eq!(years(&[]), "");
    }

    #[test]
    fn numbers_are_written_as_in_the_file() {
        let (da, en) = (
            Say::of(crate::report::locale::Lang::Da),
            Say::of(crate::report::locale::Lang::En),
        );
        assert_eq!(as_written(da, 0.15), "0,15");
        assert_eq!(as_written(en, 1200.5), "1,200.5");
        assert_eq!(rate(da, 0.05), "5 pct.");
        assert_eq!(rate(en, 0.7), "70%");
    }
}

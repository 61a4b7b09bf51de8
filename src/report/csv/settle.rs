//! `somsim settle` as CSV: one row per number, `part,name,year,value`: the statement's
//! (`statement`, money to the øre as exact decimals; a capital stack's tranches as
//! `tranche_invested[NAME]`, `tranche_fee[NAME]`, `tranche_received[NAME]` per year) and the forecast's (`forecast`, over the
//! weighted trials; `year` empty).

use super::sheet::{Sheet, money, num, text};
use crate::report::views::settle::*;

/// The statement and the forecast, one number per row.
pub fn csv(r: &SettleReport) -> String {
    let mut sheet = Sheet::new();
    sheet.push(["part", "name", "year", "value"].map(String::from));
    let mut row = |part: &str, name: &str, year: Option<i32>, value: String| {
        sheet.push([
            part.to_owned(),
            text(name),
            year.map_or_else(String::new, |y| y.to_string()),
            value,
        ]);
    };
    let st = &r.statement;
    for (k, y) in st.years.iter().enumerate() {
        let at = Some(y.year);
        row("statement", "completers", at, num(&y.completers));
        row("statement", "invested", at, money(&y.invested));
        for i in &st.items {
            row(
                "statement",
                &format!("units[{}]", i.key),
                at,
                num(&i.units[k]),
            );
            row(
                "statement",
                &format!("due[{}]", i.key),
                at,
                money(&i.due[k]),
            );
        }
        row("statement", "due", at, money(&y.due));
        row("statement", "paid", at, money(&y.paid));
        if let Some(a) = &y.return_cap_account {
            row("statement", "return_cap_account", at, money(a));
        }
        for (p, x) in &y.paid_by {
            row("statement", &format!("paid_by[{p}]"), at, money(x));
        }
    }
    for m in &st.paid_by_municipality {
        for (y, x) in st.years.iter().zip(&m.paid) {
            let name = format!("paid_by_municipality[{}]", m.municipality);
            row("statement", &name, Some(y.year), money(x));
        }
    }
    for tr in &st.tranches {
        for y in &tr.years {
            for (what, x) in [
                ("invested", &y.invested),
                ("fee", &y.fee),
                ("received", &y.received),
            ] {
                let name = format!("tranche_{what}[{}]", tr.name);
                row("statement", &name, Some(y.year), money(x));
            }
        }
        if let Some(met) = tr.gate_met {
            let name = format!("tranche_gate_met[{}]", tr.name);
            row("statement", &name, None, met.to_string());
        }
    }
    for i in &st.items {
        row(
            "statement",
            &format!("due_later[{}]", i.key),
            None,
            money(&i.due_later),
        );
        if let Some(room) = &i.due_later_within_cap {
            row(
                "statement",
                &format!("due_later_within_cap[{}]", i.key),
                None,
                money(room),
            );
        }
        if let Some(t) = &i.trigger {
            row(
                "statement",
                &format!("trigger_measured[{}]", i.key),
                None,
                num(&t.measured),
            );
            row(
                "statement",
                &format!("trigger_met[{}]", i.key),
                None,
                t.met.to_string(),
            );
        }
    }
    row(
        "statement",
        "total_invested",
        None,
        money(&st.total_invested),
    );
    row(
        "statement",
        "total_received",
        None,
        money(&st.total_received),
    );
    if let (Some(top), Some(g)) = (&st.top_up, &st.guarantee) {
        row("statement", "top_up", None, money(top));
        row("statement", "guarantee", None, money(g));
    }
    let f = &r.forecast;
    let plain = |x: f64| {
        if x.is_finite() {
            x.to_string()
        } else {
            String::new()
        }
    };
    row("forecast", "trials", None, f.trials.to_string());
    row(
        "forecast",
        "effective_sample_size",
        None,
        plain(f.effective_sample_size),
    );
    row(
        "forecast",
        "prob_loss_before",
        None,
        plain(f.prob_loss_before.0),
    );
    row(
        "forecast",
        "prob_loss_given",
        None,
        plain(f.prob_loss_given.0),
    );
    let mut results: Vec<(String, &ConditionedView)> = vec![
        ("irr".into(), &f.irr),
        ("moic".into(), &f.moic),
        ("investor_net".into(), &f.investor_net),
    ];
    if let Some(h) = &f.hurdle_npv {
        results.push(("hurdle_npv".into(), h));
    }
    for (p, c) in &f.payer_delta {
        results.push((format!("delta[{p}]"), c));
    }
    for (name, c) in results {
        for (when, w) in [("before", &c.before), ("given", &c.given)] {
            if let Some(w) = w {
                for (stat, x) in [
                    ("mean", w.mean),
                    ("se", w.se),
                    ("p5", w.p5),
                    ("p50", w.p50),
                    ("p95", w.p95),
                ] {
                    row("forecast", &format!("{name}_{when}_{stat}"), None, plain(x));
                }
            }
        }
    }
    sheet.finish()
}

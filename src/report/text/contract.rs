//! Contracts as tables: the base case year by year, the investor's risk over the trials and
//! what the contract does to each payer.

use rust_decimal::Decimal;

use super::table::{Say, new_table};
use crate::report::views::contract::*;

/// The contracts for people, in `say`'s language: the base case year by year, then the risk
/// over the trials.
pub fn table(views: &[ContractView], say: Say) -> String {
    let w = say.w;
    let kr = |d: Decimal| say.kr(d);
    let kr_f = |x: f64| say.kr_f64(x);
    let p2 = |x: f64| say.p(x);
    let pct = |x: f64| say.pct(x, 1);
    let undefined = w.undefined;
    let mut s = String::new();
    for v in views {
        let b = &v.base;
        let source = (v.source.as_ref())
            .map(|x| format!(" · {}: {}", w.source, first_line(x)))
            .unwrap_or_default();
        let title = (w.contract_title)(&v.name, &v.investor, v.last_year, &source);
        s.push_str(&format!("{title}\n"));
        s.push_str(&super::terms::table(v, say));
        let mut t = new_table(
            &[
                w.base_case_kroner,
                w.invested,
                w.due,
                w.paid,
                w.investor_net,
            ],
            1,
        );
        for y in &b.years {
            if y.invested.0.is_zero()
                && y.due.0.is_zero()
                && y.paid.0.is_zero()
                && y.investor_net.0.is_zero()
            {
                continue;
            }
            t.add_row(vec![
                y.year.to_string(),
                kr(y.invested.0),
                kr(y.due.0),
                kr(y.paid.0),
                kr(y.investor_net.0),
            ]);
        }
        s.push_str(&format!("{t}\n"));
        let (invested, received, top_up, guarantee) = (
            kr(b.invested.0),
            kr(b.received.0),
            kr(b.floor_top_up.0),
            kr(b.guarantee_draw.0),
        );
        let moic = b.moic.map_or(undefined.into(), p2);
        let irr = b.irr.map_or(undefined.into(), pct);
        let caps = if b.caps_bound.is_empty() {
            String::new()
        } else {
            let caps: Vec<String> = (b.caps_bound.iter())
                .map(|c| cap_name(say.lang, c))
                .collect();
            format!("; {}: {}", w.caps_bind, caps.join(", "))
        };
        let base = (w.contract_base)(
            &invested, &received, &top_up, &guarantee, &moic, &irr, &caps,
        );
        s.push_str(&format!("{base}\n"));
        s.push_str(&super::stack::base(v, say));
        let Some(mc) = &v.monte_carlo else {
            continue;
        };
        let rate = |r: &Option<RateStatsView>, pctish: bool| match r {
            None => vec![undefined.to_owned(); 4],
            Some(r) => [r.mean.0, r.p5.0, r.p50.0, r.p95.0]
                .iter()
                .map(|x| if pctish { pct(*x) } else { p2(*x) })
                .collect(),
        };
        let (p5, p95) = (say.percentile(5), say.percentile(95));
        let mut t = new_table(&[w.investor_over_trials, w.mean, &p5, w.median, &p95], 1);
        let mut row = |name: &str, cells: Vec<String>| {
            let mut r = vec![name.to_owned()];
            r.extend(cells);
            t.add_row(r);
        };
        row(w.irr, rate(&mc.irr, true));
        row(w.moic, rate(&mc.moic, false));
        let n = &mc.investor_net;
        row(
            w.net_result,
            [n.mean.0, n.p5.0, n.p50.0, n.p95.0]
                .iter()
                .map(|x| kr_f(*x))
                .collect(),
        );
        s.push_str(&format!("{t}\n"));
        let mut undefined_irr = if mc.irr_undefined.0 > 0.0 {
            format!(" · {}", (w.irr_undefined_in)(&pct(mc.irr_undefined.0)))
        } else {
            String::new()
        };
        if mc.irr_several_roots.0 > 0.0 {
            undefined_irr += &format!(" · {}", (w.irr_several_in)(&pct(mc.irr_several_roots.0)));
        }
        let (loss, expected, worst) = (
            p2(mc.prob_loss.0),
            kr_f(mc.expected_loss.0),
            kr_f(mc.worst_5pct_mean.0),
        );
        let risk = (w.investor_risk)(&loss, &expected, &worst, &undefined_irr);
        s.push_str(&format!("{risk}\n"));
        if let Some((year, share)) = (mc.peak_year.iter()).max_by(|a, b| a.1.0.total_cmp(&b.1.0)) {
            let year: i32 = year.parse().unwrap_or(v.last_year);
            let exposure = (w.exposure)(
                &kr(b.peak_outstanding.0),
                &kr_f(mc.peak_outstanding.mean.0),
                &kr_f(mc.peak_outstanding.p95.0),
                year,
                &say.pct(share.0, 0),
            );
            s.push_str(&format!("{exposure}\n"));
        }
        if let (Some(rate), Some(h)) = (v.hurdle_rate, &mc.hurdle_npv) {
            let base = b.hurdle_npv.map_or(undefined.into(), |m| kr(m.0));
            let line = (w.hurdle)(
                &pct(rate),
                &base,
                &kr_f(h.npv.mean.0),
                &p2(h.prob_below_zero.0),
            );
            s.push_str(&format!("{line}\n"));
        }
        let mut limits = Vec::new();
        for (name, p) in &mc.prob_trigger_met {
            if (v.rate_card.iter()).any(|i| &i.name == name && i.trigger_met.is_some()) {
                limits.push(format!("P({}: {name}) {}", w.trigger_met, p2(p.0)));
            }
        }
        for (name, p) in &mc.prob_item_cap_binds {
            if (v.rate_card.iter()).any(|i| &i.name == name && i.cap.is_some()) {
                limits.push(format!("P({}: {name}) {}", w.cap_binds, p2(p.0)));
            }
        }
        if v.cap.is_some() {
            let p = p2(mc.prob_cap_binds.0);
            limits.push(format!("P({}) {p}", w.contract_cap_binds));
        }
        if v.return_cap.is_some() {
            let p = p2(mc.prob_return_cap_binds.0);
            limits.push(format!("P({}) {p}", w.return_cap_binds));
        }
        if mc.prob_floor_used.0 > 0.0 || b.floor_top_up.0 > Decimal::ZERO {
            let (p, mean) = (p2(mc.prob_floor_used.0), kr_f(mc.mean_floor_top_up.0));
            limits.push((w.floor_used)(&p, &mean));
        }
        if mc.prob_guarantee_drawn.0 > 0.0 || b.guarantee_draw.0 > Decimal::ZERO {
            let (p, mean) = (
                p2(mc.prob_guarantee_drawn.0),
                kr_f(mc.mean_guarantee_draw.0),
            );
            limits.push((w.guarantee_drawn)(&p, &mean));
        }
        if !limits.is_empty() {
            s.push_str(&format!("{}\n", limits.join(" · ")));
        }
        s.push_str(&measured(mc, say));
        s.push_str(&super::stack::trials(v, say));
        let mut t = new_table(
            &[
                w.payer_effects,
                w.base_delta,
                w.mean_delta,
                &p5,
                &p95,
                w.prob_worse,
            ],
            1,
        );
        for (p, d) in &mc.delta {
            let base = b.delta.get(p).map_or(Decimal::ZERO, |m| m.0);
            if base.is_zero()
                && d.delta.mean.0 == 0.0
                && d.delta.p5.0 == 0.0
                && d.delta.p95.0 == 0.0
            {
                continue;
            }
            t.add_row(vec![
                p.clone(),
                kr(base),
                kr_f(d.delta.mean.0),
                kr_f(d.delta.p5.0),
                kr_f(d.delta.p95.0),
                p2(d.prob_worse.0),
            ]);
        }
        s.push_str(&format!("{t}\n{}\n", w.delta_note));
    }
    s
}

/// A contract paid on measured values: per measured item, its power, false positives, what
/// falls due measured and true and the share paid for error; then the investor and each payer
/// against the ideal contract. Empty for a contract paid on true values.
fn measured(mc: &ContractMcView, say: Say) -> String {
    let w = say.w;
    let (kr_f, p2, pct) = (
        |x: f64| say.kr_f64(x),
        |x: f64| say.p(x),
        |x: f64| say.pct(x, 0),
    );
    let Some(ideal) = &mc.versus_ideal else {
        return String::new();
    };
    let dash = || "-".to_owned();
    let mut t = new_table(
        &[
            w.measured_items,
            w.measured_by,
            w.met_if_true_met,
            w.met_if_true_missed,
            w.mean_due_measured,
            w.mean_due_true,
            w.error_share,
        ],
        1,
    );
    for (name, m) in &mc.measured {
        let how = match (m.measured, m.trigger_measured) {
            ("true", Some(t)) => (w.measurement_kind)(t).to_owned(),
            (item, _) => (w.measurement_kind)(item).to_owned(),
        };
        let has_trigger = m.trigger_measured.is_some();
        t.add_row(vec![
            name.clone(),
            how,
            (m.prob_met_given_true_met)
                .filter(|_| has_trigger)
                .map_or_else(dash, |p| p2(p.0)),
            (m.prob_met_given_true_missed)
                .filter(|_| has_trigger)
                .map_or_else(dash, |p| p2(p.0)),
            kr_f(m.mean_due.0),
            kr_f(m.mean_due_true.0),
            m.error_share.map_or_else(dash, |p| pct(p.0)),
        ]);
    }
    let mut s = format!("{t}\n{}\n", w.measured_note);
    for (name, m) in (mc.measured.iter()).filter(|(_, m)| !m.power_curve.is_empty()) {
        let bins: Vec<String> = (m.power_curve.iter())
            .map(|b| {
                format!(
                    "{}–{}: {}",
                    p2(b.true_from),
                    p2(b.true_to),
                    p2(b.prob_met.0)
                )
            })
            .collect();
        s.push_str(&format!("{}\n", (w.power_curve)(name, &bins.join(" · "))));
    }
    let pair = |xs: [f64; 2], f: &dyn Fn(f64) -> String| [f(xs[0]), f(xs[1])];
    let (moic, loss, expected) = (
        pair(ideal.moic_mean.map(|x| x.0), &p2),
        pair(ideal.prob_loss.map(|x| x.0), &p2),
        pair(ideal.expected_loss.map(|x| x.0), &kr_f),
    );
    let line = (w.versus_ideal)(
        [&moic[0], &moic[1]],
        [&loss[0], &loss[1]],
        [&expected[0], &expected[1]],
        &pct(ideal.prob_paid_more.0),
        &pct(ideal.prob_paid_less.0),
    );
    s.push_str(&format!("{line}\n"));
    let mut t = new_table(
        &[
            w.payers_versus_ideal,
            w.mean_delta,
            w.mean_delta_ideal,
            w.prob_worse,
            w.prob_worse_ideal,
        ],
        1,
    );
    for (p, d) in &ideal.payers {
        t.add_row(vec![
            p.clone(),
            kr_f(d.mean_delta[0].0),
            kr_f(d.mean_delta[1].0),
            p2(d.prob_worse[0].0),
            p2(d.prob_worse[1].0),
        ]);
    }
    s.push_str(&format!("{t}\n"));
    s
}

/// A cap that bound (`item:NAME`, `cap`, `return_cap`, as JSON writes it) in `lang`'s words;
/// in English as written.
fn cap_name(lang: crate::report::locale::Lang, cap: &str) -> String {
    use crate::report::views::deal::term_name;
    match cap.strip_prefix("item:") {
        Some(item) => term_name(lang, &format!("cap[{item}]"), None),
        None => term_name(lang, cap, None),
    }
}

fn first_line(s: &str) -> String {
    let l = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if l.chars().count() > 60 {
        format!("{}…", l.chars().take(59).collect::<String>())
    } else {
        l
    }
}

//! The report's contract sections: the investor's results and each payer's over the trials,
//! and the deal-space map.

use std::fmt::Write as _;

use super::{Fmt, Page, charts, esc, token};
use crate::decimal::to_f64;
use crate::report::RunReport;
use crate::report::views::base::NpvStatsView;
use crate::report::views::contract::ContractView;
use crate::report::views::page::{ContractYearsView, ScenarioDoc};

/// One scenario's sections; `at` is its JSON Pointer (`/scenarios/0`).
/// Each contract: the investor's risk and each payer's result.
pub(super) fn contracts(p: &mut Page, at: &str, r: &RunReport, years: &[ContractYearsView]) {
    let w = p.w;
    if r.contracts.is_empty() {
        return;
    }
    let _ = writeln!(p.out, "<h2>{}</h2>", w.contracts);
    for (k, c) in r.contracts.iter().enumerate() {
        let at_c = format!("{at}/run/contracts/{k}");
        let _ = writeln!(
            p.out,
            "<h3>{}</h3>\n<table>",
            (w.contract_heading)(&esc(&c.name), &esc(&c.investor))
        );
        let row = |p: &mut Page, label: &str, value: String| {
            let _ = writeln!(
                p.out,
                "<tr><td>{label}</td><td class=\"r\">{value}</td></tr>"
            );
        };
        let invested = p.num(
            &format!("{at_c}/base/invested"),
            Fmt::Kroner,
            to_f64(c.base.invested.0),
        );
        row(p, w.invested, invested);
        let received = p.num(
            &format!("{at_c}/base/received"),
            Fmt::Kroner,
            to_f64(c.base.received.0),
        );
        row(p, w.received, received);
        if let Some(mc) = &c.monte_carlo {
            let at_m = format!("{at_c}/monte_carlo");
            if let Some(irr) = &mc.irr {
                let v = p.num(&format!("{at_m}/irr/p50"), Fmt::Pct, irr.p50.0);
                row(p, w.irr, v);
            }
            if let Some(moic) = &mc.moic {
                let v = p.num(&format!("{at_m}/moic/mean"), Fmt::Num2, moic.mean.0);
                row(p, w.moic, v);
            }
            let v = p.num(&format!("{at_m}/prob_loss"), Fmt::Pct, mc.prob_loss.0);
            row(p, w.prob_loss, v);
            let v = p.num(
                &format!("{at_m}/expected_loss"),
                Fmt::Kroner,
                mc.expected_loss.0,
            );
            row(p, w.expected_loss, v);
            let v = p.num(
                &format!("{at_m}/worst_5pct_mean"),
                Fmt::Kroner,
                mc.worst_5pct_mean.0,
            );
            row(p, w.worst_5, v);
        }
        p.push("</table>\n");
        if let Some(mc) = &c.monte_carlo {
            for (h, axis, line, caption, title) in [
                (
                    &mc.irr_histogram,
                    charts::Axis::Pct,
                    0.0,
                    w.irr_distribution,
                    w.axis_irr,
                ),
                (
                    &mc.moic_histogram,
                    charts::Axis::Ratio,
                    1.0,
                    w.moic_distribution,
                    w.axis_moic,
                ),
            ] {
                let Some(h) = h.as_ref().filter(|h| h.counts.len() > 1) else {
                    continue;
                };
                let edges: Vec<f64> = h.edges.iter().map(|e| e.0).collect();
                let tails = super::tails(p.lang, &edges, axis);
                p.figure_html(
                    charts::histogram(p.lang, &edges, &h.counts, axis, line, (title, w.axis_share)),
                    &format!("{}. {tails}", esc(caption)),
                );
            }
        }
        terms(p, &at_c, c);
        measured(p, &at_c, c);
        super::stack::stack(p, &at_c, c);
        payers(p, &at_c, c);
        if let Some(y) = years.iter().find(|y| y.contract == c.name) {
            flows(p, &format!("{at}/contract_years/{k}"), c, y);
        }
        exposure(p, &at_c, c);
    }
}

/// The contract's terms: the rate card (prices and caps carry their JSON pointers), then the
/// other terms in sentences, as the terminal shows them.
fn terms(p: &mut Page, at_c: &str, c: &ContractView) {
    use crate::report::text::terms;
    let say = crate::report::text::table::Say::of(p.lang);
    let t = &p.words.terms;
    let head = terms::header(say);
    let _ = writeln!(
        p.out,
        "<h4>{}</h4>\n<table>\n<tr><th>{}</th><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>",
        t.title,
        esc(head[0]),
        esc(head[1]),
        esc(head[2]),
        esc(head[3]),
        esc(head[4])
    );
    for (k, i) in c.rate_card.iter().enumerate() {
        let cells = terms::row(say, i);
        let at_i = format!("{at_c}/rate_card/{k}");
        let price = p.num(&format!("{at_i}/price"), Fmt::Count, to_f64(i.price.0));
        let cap = match i.cap {
            Some(cap) => p.num(&format!("{at_i}/cap"), Fmt::Count, to_f64(cap.0)),
            None => esc(&cells[4]),
        };
        let _ = writeln!(
            p.out,
            "<tr><td>{}</td><td>{}</td><td class=\"r\">{price}</td><td class=\"r\">{}</td><td class=\"r\">{cap}</td></tr>",
            esc(&cells[0]),
            esc(&cells[1]),
            esc(&cells[3]),
        );
    }
    p.push("</table>\n<ul class=\"terms\">\n");
    for line in terms::lines(c, say) {
        let _ = writeln!(p.out, "<li>{}</li>", esc(&line));
    }
    p.push("</ul>\n");
}

/// A contract paid on measured values: per measured target, the trigger's power and false
/// positives, what falls due measured and true and the share paid for error; then the investor
/// against the ideal contract.
fn measured(p: &mut Page, at_c: &str, c: &ContractView) {
    let (w, t) = (p.w, &p.words.tables);
    let Some(mc) = &c.monte_carlo else {
        return;
    };
    let Some(ideal) = &mc.versus_ideal else {
        return;
    };
    let _ = writeln!(
        p.out,
        "<h4>{}</h4>\n<p class=\"note\">{}</p>\n<table>\n<tr><th>{}</th><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>",
        w.measured_heading,
        w.measured_note,
        w.measured_target,
        esc(t.measured_by),
        esc(t.met_if_true_met),
        esc(t.met_if_true_missed),
        esc(t.mean_due_measured),
        esc(t.mean_due_true),
        esc(t.error_share)
    );
    for (name, m) in &mc.measured {
        let at = format!("{at_c}/monte_carlo/measured/{}", token(name));
        let how = match (m.measured, m.trigger_measured) {
            ("true", Some(k)) => (t.measurement_kind)(k),
            (k, _) => (t.measurement_kind)(k),
        };
        let prob = |p: &Page, field: &str, x: Option<f64>| match x {
            Some(x) if m.trigger_measured.is_some() => p.num(&format!("{at}/{field}"), Fmt::Pct, x),
            _ => "–".to_owned(),
        };
        let power = prob(
            p,
            "prob_met_given_true_met",
            m.prob_met_given_true_met.map(|x| x.0),
        );
        let false_pos = prob(
            p,
            "prob_met_given_true_missed",
            m.prob_met_given_true_missed.map(|x| x.0),
        );
        let due = p.num(&format!("{at}/mean_due"), Fmt::Kroner, m.mean_due.0);
        let due_true = p.num(
            &format!("{at}/mean_due_true"),
            Fmt::Kroner,
            m.mean_due_true.0,
        );
        let error = match m.error_share {
            Some(e) => p.num(&format!("{at}/error_share"), Fmt::Pct, e.0),
            None => "–".to_owned(),
        };
        let _ = writeln!(
            p.out,
            "<tr><td>{}</td><td>{}</td><td class=\"r\">{power}</td><td class=\"r\">{false_pos}</td><td class=\"r\">{due}</td><td class=\"r\">{due_true}</td><td class=\"r\">{error}</td></tr>",
            esc(name),
            esc(how)
        );
    }
    p.push("</table>\n");
    for (name, m) in (mc.measured.iter()).filter(|(_, m)| !m.power_curve.is_empty()) {
        let at = format!("{at_c}/monte_carlo/measured/{}/power_curve", token(name));
        let bins: Vec<String> = (m.power_curve.iter().enumerate())
            .map(|(i, b)| {
                format!(
                    "{}–{}: {}",
                    p.num(&format!("{at}/{i}/true_from"), Fmt::Num2, b.true_from),
                    p.num(&format!("{at}/{i}/true_to"), Fmt::Num2, b.true_to),
                    p.num(&format!("{at}/{i}/prob_met"), Fmt::Pct, b.prob_met.0)
                )
            })
            .collect();
        let _ = writeln!(
            p.out,
            "<p>{}</p>",
            (t.power_curve)(&esc(name), &bins.join(" · "))
        );
    }
    let at = format!("{at_c}/monte_carlo/versus_ideal");
    let moic = p.num(
        &format!("{at}/moic_mean/0"),
        Fmt::Num2,
        ideal.moic_mean[0].0,
    );
    let moic_ideal = p.num(
        &format!("{at}/moic_mean/1"),
        Fmt::Num2,
        ideal.moic_mean[1].0,
    );
    let loss = p.num(&format!("{at}/prob_loss/0"), Fmt::Pct, ideal.prob_loss[0].0);
    let loss_ideal = p.num(&format!("{at}/prob_loss/1"), Fmt::Pct, ideal.prob_loss[1].0);
    let _ = writeln!(
        p.out,
        "<p>{}</p>",
        (w.versus_ideal)(&moic, &moic_ideal, &loss, &loss_ideal)
    );
}

/// The capital outstanding at each year's end over the trials (a fan chart: the 90% and 50%
/// bands, the median solid, the base case dashed), its peak, and the NPV at the hurdle rate.
fn exposure(p: &mut Page, at_c: &str, c: &ContractView) {
    let w = p.w;
    let Some(mc) = &c.monte_carlo else {
        return;
    };
    let years: Vec<i32> = (mc.outstanding_by_year.keys())
        .filter_map(|y| y.parse().ok())
        .filter(|y| *y <= c.last_year)
        .collect();
    if !years.is_empty() {
        let bands: Vec<_> = (mc.outstanding_by_year.values())
            .take(years.len())
            .map(|b| (b.p5.0, b.p25.0, b.p50.0, b.p75.0, b.p95.0))
            .collect();
        let mut left = 0.0;
        let base: Vec<f64> = (c.base.years.iter())
            .take(years.len())
            .map(|y| {
                left -= to_f64(y.investor_net.0);
                left.max(0.0)
            })
            .collect();
        p.figure(
            charts::fan(
                p.lang,
                &years,
                &bands,
                &base,
                (p.words.brief.year, w.axis_outstanding),
            ),
            w.outstanding_chart,
        );
    }
    if let Some((year, share)) = (mc.peak_year.iter()).max_by(|a, b| a.1.0.total_cmp(&b.1.0)) {
        let at = format!("{at_c}/monte_carlo");
        let mean = p.num(
            &format!("{at}/peak_outstanding/mean"),
            Fmt::Kroner,
            mc.peak_outstanding.mean.0,
        );
        let p95 = p.num(
            &format!("{at}/peak_outstanding/p95"),
            Fmt::Kroner,
            mc.peak_outstanding.p95.0,
        );
        let share = p.num(&format!("{at}/peak_year/{year}"), Fmt::Pct, share.0);
        let _ = writeln!(
            p.out,
            "<p>{}</p>",
            (w.peak_note)(&mean, &p95, &esc(year), &share)
        );
    }
    if let (Some(rate), Some(h)) = (c.hurdle_rate, &mc.hurdle_npv) {
        let at = format!("{at_c}/monte_carlo/hurdle_npv");
        let rate = p.num(&format!("{at_c}/hurdle_rate"), Fmt::Pct, rate);
        let mean = p.num(&format!("{at}/npv/mean"), Fmt::Kroner, h.npv.mean.0);
        let below = p.num(
            &format!("{at}/prob_below_zero"),
            Fmt::Pct,
            h.prob_below_zero.0,
        );
        let _ = writeln!(p.out, "<p>{}</p>", (w.hurdle_note)(&rate, &mean, &below));
    }
}

/// Each payer's change with the contract: the base case, and over the trials its mean, 90%
/// interval and the share of trials in which it is worse off; then the guarantee and the floor.
fn payers(p: &mut Page, at_c: &str, c: &ContractView) {
    let w = p.w;
    let _ = writeln!(
        p.out,
        "<h4>{}</h4>\n<p class=\"note\">{}</p>\n<table>",
        w.payer_delta, w.payer_delta_note
    );
    let mc = c.monte_carlo.as_ref();
    if mc.is_some() {
        let _ = writeln!(
            p.out,
            "<tr><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>",
            w.payer, w.base_case, w.mean, w.interval_90, w.prob_worse
        );
    } else {
        let _ = writeln!(
            p.out,
            "<tr><th>{}</th><th class=\"r\">{}</th></tr>",
            w.payer, w.base_case
        );
    }
    // The payers the contract touches, in the base case or in some trial.
    let touched = |payer: &String, d: &crate::report::views::number::Money| {
        !d.0.is_zero()
            || mc
                .and_then(|m| m.delta.get(payer))
                .is_some_and(|m| m.delta.p5.0.abs() >= 0.5 || m.delta.p95.0.abs() >= 0.5)
    };
    for (payer, d) in c.base.delta.iter().filter(|(n, d)| touched(n, d)) {
        let t = token(payer);
        let base = p.num(&format!("{at_c}/base/delta/{t}"), Fmt::Kroner, to_f64(d.0));
        let _ = write!(
            p.out,
            "<tr><td>{}</td><td class=\"r\">{base}</td>",
            esc(payer)
        );
        if let Some(m) = mc.and_then(|m| m.delta.get(payer)) {
            let at = format!("{at_c}/monte_carlo/delta/{t}");
            let mean = p.num(&format!("{at}/delta/mean"), Fmt::Kroner, m.delta.mean.0);
            let lo = p.num(&format!("{at}/delta/p5"), Fmt::Kroner, m.delta.p5.0);
            let hi = p.num(&format!("{at}/delta/p95"), Fmt::Kroner, m.delta.p95.0);
            let worse = p.num(&format!("{at}/prob_worse"), Fmt::Pct, m.prob_worse.0);
            let _ = write!(
                p.out,
                "<td class=\"r\">{mean}</td><td class=\"r\">{lo} – {hi}</td><td class=\"r\">{worse}</td>"
            );
        }
        p.push("</tr>\n");
    }
    p.push("</table>\n");
    let Some(m) = mc else {
        return;
    };
    if let Some(g) = &c.guarantor {
        let prob = p.num(
            &format!("{at_c}/monte_carlo/prob_guarantee_drawn"),
            Fmt::Pct,
            m.prob_guarantee_drawn.0,
        );
        let mean = p.num(
            &format!("{at_c}/monte_carlo/mean_guarantee_draw"),
            Fmt::Kroner,
            m.mean_guarantee_draw.0,
        );
        let _ = writeln!(
            p.out,
            "<p>{}</p>",
            (w.guarantee_drawn)(&esc(g), &prob, &mean)
        );
    }
    if let Some(f) = &c.floor_payer {
        let prob = p.num(
            &format!("{at_c}/monte_carlo/prob_floor_used"),
            Fmt::Pct,
            m.prob_floor_used.0,
        );
        let mean = p.num(
            &format!("{at_c}/monte_carlo/mean_floor_top_up"),
            Fmt::Kroner,
            m.mean_floor_top_up.0,
        );
        let _ = writeln!(p.out, "<p>{}</p>", (w.floor_used)(&esc(f), &prob, &mean));
    }
}

/// The contract year by year over the trials: what the investor puts in, what it receives,
/// the capital outstanding at the year's end, and what each payer pays it; the mean with the
/// 90% interval under it, for the years of the term.
fn flows(p: &mut Page, at: &str, c: &ContractView, y: &ContractYearsView) {
    let w = p.w;
    let shown: Vec<usize> = (y.years.iter().enumerate())
        .filter(|(_, v)| v.year <= c.last_year)
        .filter(|(_, v)| {
            [&v.invested, &v.received, &v.outstanding]
                .iter()
                .any(|s| s.p95.0.abs() >= 0.5 || s.p5.0.abs() >= 0.5)
        })
        .map(|(t, _)| t)
        .collect();
    if shown.is_empty() {
        return;
    }
    let payers: Vec<&String> = y.years[shown[0]].payers.keys().collect();
    let _ = write!(
        p.out,
        "<h4>{}</h4>\n<p class=\"note\">{}</p>\n<table class=\"flows\">\n<tr><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th>",
        w.contract_years, w.contract_years_note, w.year, w.invested, w.received, w.outstanding
    );
    for payer in &payers {
        let _ = write!(p.out, "<th class=\"r\">{}</th>", (w.paid_by)(&esc(payer)));
    }
    p.push("</tr>\n");
    let cell = |p: &Page, at: &str, s: &NpvStatsView| {
        format!(
            "<td class=\"r\">{}<br /><span class=\"band\">{} – {}</span></td>",
            p.num(&format!("{at}/mean"), Fmt::Kroner, s.mean.0),
            p.num(&format!("{at}/p5"), Fmt::Kroner, s.p5.0),
            p.num(&format!("{at}/p95"), Fmt::Kroner, s.p95.0)
        )
    };
    for t in shown {
        let v = &y.years[t];
        let at_t = format!("{at}/years/{t}");
        let year = p.num(&format!("{at_t}/year"), Fmt::Year, v.year as f64);
        let mut row = format!("<tr><td>{year}</td>");
        row += &cell(p, &format!("{at_t}/invested"), &v.invested);
        row += &cell(p, &format!("{at_t}/received"), &v.received);
        row += &cell(p, &format!("{at_t}/outstanding"), &v.outstanding);
        for payer in &payers {
            if let Some(s) = v.payers.get(*payer) {
                row += &cell(p, &format!("{at_t}/payers/{}", token(payer)), s);
            }
        }
        row += "</tr>\n";
        p.push(&row);
    }
    p.push("</table>\n");
}

/// The deal-space map: the first varied term across, every combination of the others down;
/// each cell coloured by who accepts it and showing the investor's P(loss).
pub(super) fn deal_space(p: &mut Page, at: &str, s: &ScenarioDoc) {
    let w = p.w;
    let Some(d) = &s.deal else {
        return;
    };
    let Some(first) = d.axes.first() else {
        return;
    };
    let across = first.values.len();
    let down = d.combinations.len() / across.max(1);
    // A term's value as a person reads it: rates and shares in percent, kroner with separators.
    let value = |p: &Page, term: &str, x: rust_decimal::Decimal| {
        if ["return_cap", "floor", "gain_share"].contains(&term) {
            let decimals = (x * rust_decimal::Decimal::ONE_HUNDRED).normalize().scale();
            p.lang.percent(x, decimals)
        } else {
            p.lang.number(x, x.normalize().scale().min(4))
        }
    };
    let _ = writeln!(
        p.out,
        "<h2>{} ({})</h2>\n<p class=\"note\">{}</p>\n<p class=\"legend\"><span class=\"key\" style=\"background:{}\"></span>{}<span class=\"key\" style=\"background:{}\"></span>{}<span class=\"key\" style=\"background:{}\"></span>{}<span class=\"key\" style=\"background:{}\"></span>{}</p>",
        w.deal_space,
        esc(&d.contract),
        w.deal_note,
        BOTH,
        w.both_accept,
        INVESTOR,
        w.investor_only,
        PAYERS,
        w.payers_only,
        NEITHER,
        w.neither
    );
    let heading = |term: &str| esc(&d.heading(p.lang, term));
    let others: Vec<String> = d.axes[1..].iter().map(|a| heading(&a.term)).collect();
    let _ = write!(
        p.out,
        "<table class=\"deal\">\n<tr><th>{}</th>",
        others.join(", ")
    );
    for v in &first.values {
        let _ = write!(
            p.out,
            "<th class=\"r\">{} = {}</th>",
            heading(&first.term),
            value(p, &first.term, v.0)
        );
    }
    p.push("</tr>\n");
    for r in 0..down {
        let label: Vec<String> = (d.axes[1..].iter())
            .filter_map(|a| (d.combinations[r].terms.get(&a.term)).map(|v| value(p, &a.term, v.0)))
            .collect();
        let _ = write!(p.out, "<tr><td>{}</td>", esc(&label.join(", ")));
        for c in 0..across {
            // The last axis varies fastest: the first axis's value c is block c.
            let i = c * down + r;
            let Some(k) = d.combinations.get(i) else {
                continue;
            };
            let colour = match (k.investor_accepts, k.payers_accept) {
                (true, true) => BOTH,
                (true, false) => INVESTOR,
                (false, true) => PAYERS,
                (false, false) => NEITHER,
            };
            // Who accepts, in words, so that the map reads in black and white; then both
            // sides' probabilities.
            let who = match (k.investor_accepts, k.payers_accept) {
                (true, true) => w.both_accept,
                (true, false) => w.investor_only,
                (false, true) => w.payers_only,
                (false, false) => w.neither,
            };
            let at_k = format!("{at}/deal/combinations/{i}");
            let loss = p.num(&format!("{at_k}/prob_loss"), Fmt::Pct, k.prob_loss.0);
            let mut cell = format!(
                "<strong>{who}</strong><br />{} {loss}",
                w.deal_investor_loss
            );
            for (payer, v) in &k.payers {
                let worse = p.num(
                    &format!("{at_k}/payers/{}/prob_worse", token(payer)),
                    Fmt::Pct,
                    v.prob_worse.0,
                );
                let _ = write!(cell, "<br />{} {worse}", (w.deal_payer_worse)(&esc(payer)));
            }
            let _ = write!(
                p.out,
                "<td class=\"r\" style=\"background:{colour}\">{cell}</td>"
            );
        }
        p.push("</tr>\n");
    }
    p.push("</table>\n");
}

/// The deal map's colours: both sides accept, only the investor, only the payers, neither.
const BOTH: &str = "#b7dfb0";
const INVESTOR: &str = "#f7e2a6";
const PAYERS: &str = "#c9d9ee";
const NEITHER: &str = "#eeeeee";

//! The report's contract sections: the investor's results and each payer's over the trials,
//! and the deal-space map.

use std::fmt::Write as _;

use super::{Fmt, Page, charts, esc, token};
use crate::decimal::to_f64;
use crate::report::RunReport;
use crate::report::views::page::ScenarioDoc;

/// One scenario's sections; `at` is its JSON Pointer (`/scenarios/0`).
/// Each contract: the investor's risk and each payer's result.
pub(super) fn contracts(p: &mut Page, at: &str, r: &RunReport) {
    let w = p.w;
    if r.contracts.is_empty() {
        return;
    }
    let _ = writeln!(p.out, "<h2>{}</h2>", w.contracts);
    for (k, c) in r.contracts.iter().enumerate() {
        let at_c = format!("{at}/run/contracts/{k}");
        let _ = writeln!(
            p.out,
            "<h3>{} ({}: {})</h3>\n<table>",
            esc(&c.name),
            w.investor,
            esc(&c.investor)
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
            for (h, axis, line, caption) in [
                (
                    &mc.irr_histogram,
                    charts::Axis::Pct,
                    0.0,
                    w.irr_distribution,
                ),
                (
                    &mc.moic_histogram,
                    charts::Axis::Ratio,
                    1.0,
                    w.moic_distribution,
                ),
            ] {
                let Some(h) = h.as_ref().filter(|h| h.counts.len() > 1) else {
                    continue;
                };
                let edges: Vec<f64> = h.edges.iter().map(|e| e.0).collect();
                p.figure(
                    charts::histogram(p.lang, &edges, &h.counts, axis, line),
                    caption,
                );
            }
        }
        let _ = writeln!(
            p.out,
            "<p class=\"note\">{}: {}</p>\n<table>",
            w.payer_delta, w.payer_delta_note
        );
        for (payer, d) in &c.base.delta {
            let v = p.num(
                &format!("{at_c}/base/delta/{}", token(payer)),
                Fmt::Kroner,
                to_f64(d.0),
            );
            let _ = writeln!(
                p.out,
                "<tr><td>{}</td><td class=\"r\">{v}</td></tr>",
                esc(payer)
            );
        }
        p.push("</table>\n");
    }
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
    let value = |p: &Page, x: rust_decimal::Decimal| p.lang.number(x, x.normalize().scale().min(4));
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
    let others: Vec<String> = d.axes[1..].iter().map(|a| esc(&a.term)).collect();
    let _ = write!(
        p.out,
        "<table class=\"deal\">\n<tr><th>{}</th>",
        others.join(", ")
    );
    for v in &first.values {
        let _ = write!(
            p.out,
            "<th class=\"r\">{} = {}</th>",
            esc(&first.term),
            value(p, v.0)
        );
    }
    p.push("</tr>\n");
    for r in 0..down {
        let label: Vec<String> = (d.axes[1..].iter())
            .filter_map(|a| d.combinations[r].terms.get(&a.term).map(|v| value(p, v.0)))
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
            let loss = p.num(
                &format!("{at}/deal/combinations/{i}/prob_loss"),
                Fmt::Pct,
                k.prob_loss.0,
            );
            let _ = write!(
                p.out,
                "<td class=\"r\" style=\"background:{colour}\">{loss}</td>"
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

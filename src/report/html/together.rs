//! Risks that move together: each municipality's own result over the trials, and the rank
//! correlations the scenario sets between inputs beside those the trials achieved.

use std::fmt::Write as _;

use super::{Fmt, Page, charts, esc, token};
use crate::report::{MuniStatsView, RunReport};

/// Each municipality's own NPV over the trials (its `kommune` rows): mean, 90% interval,
/// P(NPV > 0) and, where the run followed them year by year, P(break-even by the last year);
/// a range chart up to `charts::MAX_RANGES` municipalities. With more than `OPEN` the table is
/// folded, under a line giving the spread of P(NPV > 0).
pub(super) fn municipalities(p: &mut Page, at: &str, r: &RunReport) {
    let Some(mc) = &r.monte_carlo else {
        return;
    };
    let munis = &mc.municipalities;
    if munis.len() < 2 {
        return;
    }
    let w = p.w;
    let last = r.start_year + r.horizon as i32 - 1;
    let at_m = |name: &str| format!("{at}/run/monte_carlo/municipalities/{}", token(name));
    let _ = writeln!(
        p.out,
        "<h2>{}</h2>\n<p class=\"note\">{}</p>",
        w.municipalities, w.municipalities_note
    );
    let rows: Vec<(String, [f64; 5])> = (munis.iter())
        .map(|(name, m)| {
            let n = &m.npv;
            (name.clone(), [n.p5.0, n.p25.0, n.p50.0, n.p75.0, n.p95.0])
        })
        .collect();
    p.figure(charts::ranges(p.lang, &rows, w.axis_npv), w.ranges_caption);
    let folded = munis.len() > OPEN;
    if folded {
        let by_p = |a: &(&String, &MuniStatsView), b: &(&String, &MuniStatsView)| {
            a.1.prob_npv_positive.0.total_cmp(&b.1.prob_npv_positive.0)
        };
        let (lo, hi) = (munis.iter().min_by(by_p), munis.iter().max_by(by_p));
        if let (Some((lo_name, lo)), Some((hi_name, hi))) = (lo, hi) {
            let pct = |p: &Page, name: &str, m: &MuniStatsView| {
                p.num(
                    &format!("{}/prob_npv_positive", at_m(name)),
                    Fmt::Pct,
                    m.prob_npv_positive.0,
                )
            };
            let text = |m: &MuniStatsView| Fmt::Pct.text(p.lang, m.prob_npv_positive.0);
            let spread = if text(lo) == text(hi) {
                format!("{} {}", pct(p, lo_name, lo), w.in_every_municipality)
            } else {
                format!(
                    "{} {} ({}) {} {} ({})",
                    w.from,
                    pct(p, lo_name, lo),
                    esc(lo_name),
                    w.to,
                    pct(p, hi_name, hi),
                    esc(hi_name)
                )
            };
            let _ = writeln!(p.out, "<p>{}: {spread}.</p>", w.prob_positive);
        }
        let _ = writeln!(
            p.out,
            "<details>\n<summary>{} ({})</summary>",
            w.every_municipality,
            munis.len()
        );
    }
    let break_even = munis.values().all(|m| m.break_even.is_some());
    let _ = write!(
        p.out,
        "<table>\n<tr><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th>",
        w.municipality, w.mean_npv, w.interval_90, w.prob_positive
    );
    if break_even {
        let _ = write!(
            p.out,
            "<th class=\"r\">{} {last}</th>",
            w.prob_break_even_by
        );
    }
    p.push("</tr>\n");
    for (name, m) in munis {
        let at_n = at_m(name);
        let mean = p.num(&format!("{at_n}/mean"), Fmt::Mio, m.npv.mean.0);
        let lo = p.num(&format!("{at_n}/p5"), Fmt::Mio, m.npv.p5.0);
        let hi = p.num(&format!("{at_n}/p95"), Fmt::Mio, m.npv.p95.0);
        let pos = p.num(
            &format!("{at_n}/prob_npv_positive"),
            Fmt::Pct,
            m.prob_npv_positive.0,
        );
        let _ = write!(
            p.out,
            "<tr><td>{}</td><td class=\"r\">{mean}</td><td class=\"r\">{lo} – {hi}</td><td class=\"r\">{pos}</td>",
            esc(name)
        );
        if let Some(b) = m.break_even.as_ref().filter(|_| break_even) {
            let by = b.by_year.get(&last.to_string()).map_or(0.0, |x| x.0);
            let by = p.num(&format!("{at_n}/break_even/by_year/{last}"), Fmt::Pct, by);
            let _ = write!(p.out, "<td class=\"r\">{by}</td>");
        }
        p.push("</tr>\n");
    }
    p.push("</table>\n");
    if folded {
        p.push("</details>\n");
    }
}

/// Up to this many municipalities, the table is shown open.
const OPEN: usize = 12;

/// The rank correlations the scenario sets between inputs, beside those the trials achieved.
pub(super) fn correlations(p: &mut Page, at: &str, r: &RunReport) {
    if r.correlations.is_empty() {
        return;
    }
    let w = p.w;
    let _ = writeln!(
        p.out,
        "<h3>{}</h3>\n<table>\n<tr><th>{}</th><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>",
        w.correlations, w.input, w.input, w.target, w.achieved
    );
    for (k, c) in r.correlations.iter().enumerate() {
        let target = p.num(
            &format!("{at}/run/correlations/{k}/target"),
            Fmt::Num2,
            c.target,
        );
        let achieved = c.achieved.map_or_else(
            || "–".to_owned(),
            |a| p.num(&format!("{at}/run/correlations/{k}/achieved"), Fmt::Num2, a),
        );
        let _ = writeln!(
            p.out,
            "<tr><td>{}</td><td>{}</td><td class=\"r\">{target}</td><td class=\"r\">{achieved}</td></tr>",
            esc(&c.inputs[0]),
            esc(&c.inputs[1])
        );
    }
    p.push("</table>\n");
}

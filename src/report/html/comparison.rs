//! The comparison of several scenarios: each perspective side by side with the paired
//! differences from the first, and the cost-effectiveness of those differences.

use std::fmt::Write as _;

use super::{Fmt, Page, esc, token};
use crate::report::views::page::ReportDoc;

/// Each scenario against the first, trial by trial, per perspective.
pub(super) fn comparison(p: &mut Page, doc: &ReportDoc) {
    let w = p.w;
    let Some(c) = &doc.comparison else {
        return;
    };
    let _ = writeln!(
        p.out,
        "<section class=\"comparison\">\n<h1>{}</h1>\n<p class=\"note\">{}</p>\n<ol>",
        w.comparison, w.comparison_note
    );
    for s in &c.scenarios {
        let _ = writeln!(
            p.out,
            "<li>{} <span class=\"meta\">({})</span></li>",
            esc(&s.name),
            esc(&s.file)
        );
    }
    p.push("</ol>\n");
    let flows = |name: &str| {
        (doc.scenarios.iter()).any(|s| {
            s.run
                .base
                .perspectives
                .get(name)
                .is_some_and(|v| v.has_flows)
        })
    };
    for (name, cp) in c.perspectives.iter().filter(|(n, _)| flows(n)) {
        let at = format!("/comparison/perspectives/{}", token(name));
        let _ = writeln!(
            p.out,
            "<h3>{}</h3>\n<table>\n<tr><th>#</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>",
            esc(&(p.words.perspective_name)(name)),
            w.npv,
            w.prob_positive,
            w.difference,
            w.interval_90,
            w.beats_first,
            w.base_difference
        );
        for (i, sc) in cp.scenarios.iter().enumerate() {
            let at_s = format!("{at}/scenarios/{i}");
            let npv = p.num(&format!("{at_s}/base_npv"), Fmt::Kroner, sc.base_npv.0);
            let pos = p.num(
                &format!("{at_s}/prob_npv_positive"),
                Fmt::Pct,
                sc.prob_npv_positive.0,
            );
            let (diff, interval, beats, base) = match i
                .checked_sub(1)
                .and_then(|d| cp.differences.get(d).map(|x| (d, x)))
            {
                Some((d, x)) => {
                    let at_d = format!("{at}/differences/{d}");
                    (
                        p.num(
                            &format!("{at_d}/npv_difference/mean"),
                            Fmt::Kroner,
                            x.npv_difference.mean.0,
                        ),
                        format!(
                            "{} – {}",
                            p.num(
                                &format!("{at_d}/npv_difference/p5"),
                                Fmt::Mio,
                                x.npv_difference.p5.0
                            ),
                            p.num(
                                &format!("{at_d}/npv_difference/p95"),
                                Fmt::Mio,
                                x.npv_difference.p95.0
                            )
                        ),
                        p.num(
                            &format!("{at_d}/prob_beats_first"),
                            Fmt::Pct,
                            x.prob_beats_first.0,
                        ),
                        p.num(
                            &format!("{at_d}/base_npv_difference"),
                            Fmt::Kroner,
                            x.base_npv_difference.0,
                        ),
                    )
                }
                None => Default::default(),
            };
            let _ = writeln!(
                p.out,
                "<tr><td>{}</td><td class=\"r\">{npv}</td><td class=\"r\">{pos}</td><td class=\"r\">{diff}</td><td class=\"r\">{interval}</td><td class=\"r\">{beats}</td><td class=\"r\">{base}</td></tr>",
                i + 1
            );
        }
        p.push("</table>\n");
    }
    // The plane of the perspective the report's drivers follow (`--perspective`), else public.
    let asked = doc.scenarios.first().and_then(|s| s.tornado.as_deref());
    let trials = ("/comparison/trials".to_owned(), c.trials);
    let plane = (asked, &trials);
    for (k, pair) in c.cost_effectiveness.iter().enumerate() {
        for (i, o) in pair.analysis.outcomes.iter().enumerate() {
            let _ = writeln!(
                p.out,
                "<h3>{}: {} − {}</h3>",
                esc(&o.name),
                esc(&pair.file),
                esc(&pair.versus)
            );
            let at_o = format!("/comparison/cost_effectiveness/{k}/analysis/outcomes/{i}");
            super::value::ce_outcome(p, &at_o, o, &pair.analysis.lambda, &flows, plane);
        }
    }
    p.push("</section>\n");
}

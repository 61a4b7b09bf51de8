//! The report's sections, in reading order: summary, perspectives, who pays and who saves,
//! the cumulative result with its bands and the break-even curve, the NPV distributions, each
//! municipality on its own (`together`), cost-effectiveness and society (`value`), what drives
//! the result, contracts and the deal space (`contract`), assumptions and rank correlations
//! (`together`); and
//! the reproducibility footer.

use std::fmt::Write as _;

use super::{Fmt, Page, charts, esc, token};
use crate::decimal::to_f64;
use crate::report::RunReport;
use crate::report::views::page::{ReportDoc, ScenarioDoc};

/// The assumption whose default the PEER trial's null result on admissions concerns.
const BED_DAYS: &str = "bed_day_effect";

/// One scenario's sections; `at` is its JSON Pointer (`/scenarios/0`).
pub(super) fn scenario(p: &mut Page, at: &str, s: &ScenarioDoc) {
    let r = &s.run;
    let w = p.w;
    let last = r.start_year + r.horizon as i32 - 1;
    let _ = writeln!(
        p.out,
        "<section class=\"scenario\">\n<h1>{}</h1>\n<p class=\"meta\">{}</p>",
        esc(&r.scenario),
        (w.meta)(&esc(&r.file), r.start_year, last, r.horizon, r.price_year)
    );
    summary(p, at, r);
    perspectives(p, at, r);
    who_pays(p, r);
    cumulative(p, at, s);
    distributions(p, at, r);
    super::together::municipalities(p, at, r);
    super::value::cost_effectiveness(p, at, r);
    super::value::society(p, at, r);
    drivers(p, at, s);
    super::contract::contracts(p, at, r);
    super::contract::deal_space(p, at, s);
    assumptions(p, r);
    super::together::correlations(p, at, r);
    p.push("</section>\n");
}

/// Perspectives with flows in the base case (the others would only show zeros).
fn shown(r: &RunReport) -> impl Iterator<Item = (&String, &crate::report::PerspectiveView)> {
    r.base.perspectives.iter().filter(|(_, v)| v.has_flows)
}

/// What was computed, for whom it pays, how surely, by when; and the evidence caveat.
fn summary(p: &mut Page, at: &str, r: &RunReport) {
    let w = p.w;
    let _ = write!(p.out, "<h2>{}</h2>\n<p>{}", w.summary, w.computed);
    if let (Some(trials), Some(seed)) = (r.trials, r.seed) {
        let n = p.num(&format!("{at}/run/trials"), Fmt::Count, trials as f64);
        let _ = write!(p.out, " ({n} {}, {} {seed})", w.trials, w.seed);
    }
    p.push(".</p>\n<ul class=\"summary\">\n");
    let last = r.start_year + r.horizon as i32 - 1;
    for (name, v) in shown(r) {
        let at_p = format!("{at}/run/base/perspectives/{}", token(name));
        let npv = p.num(&format!("{at_p}/npv"), Fmt::Mio, to_f64(v.npv.0));
        let _ = write!(p.out, "<li><strong>{}</strong>: {} {npv}", esc(name), w.npv);
        if let Some(mc) = r
            .monte_carlo
            .as_ref()
            .and_then(|m| m.perspectives.get(name))
        {
            let at_m = format!("{at}/run/monte_carlo/perspectives/{}", token(name));
            let lo = p.num(&format!("{at_m}/npv/p5"), Fmt::Mio, mc.npv.p5.0);
            let hi = p.num(&format!("{at_m}/npv/p95"), Fmt::Mio, mc.npv.p95.0);
            let pos = p.num(
                &format!("{at_m}/prob_npv_positive"),
                Fmt::Pct,
                mc.prob_npv_positive.0,
            );
            let _ = write!(
                p.out,
                " ({}: {lo} – {hi}); {}: {pos}",
                w.interval_90,
                w.prob_positive.to_lowercase()
            );
        }
        match v.break_even_year {
            Some(y) => {
                let y = p.num(&format!("{at_p}/break_even_year"), Fmt::Year, y as f64);
                let _ = write!(p.out, "; {} {y}", w.pays_back);
            }
            None => {
                let _ = write!(p.out, "; {} {last}", w.does_not_pay_back);
            }
        }
        p.push(".</li>\n");
    }
    p.push("</ul>\n");
    let uses_default = (r.assumptions.iter()).any(|a| a.name == BED_DAYS && !a.overridden);
    if uses_default {
        let _ = writeln!(
            p.out,
            "<p class=\"caveat\"><strong>{}.</strong> {}</p>",
            w.evidence, w.evidence_caveat
        );
    }
}

/// The perspectives' base case and Monte Carlo results.
fn perspectives(p: &mut Page, at: &str, r: &RunReport) {
    let w = p.w;
    let _ = writeln!(
        p.out,
        "<table>\n<tr><th>{}</th><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>",
        w.perspective, w.payers, w.npv, w.pv_benefits, w.pv_net_cost, w.roi, w.prob_positive
    );
    for (name, v) in shown(r) {
        let at_p = format!("{at}/run/base/perspectives/{}", token(name));
        let cell = |p: &Page, field: &str, x| {
            format!(
                "<td class=\"r\">{}</td>",
                p.num(&format!("{at_p}/{field}"), Fmt::Kroner, x)
            )
        };
        let roi = match &v.roi {
            Some(x) => p.num(&format!("{at_p}/roi"), Fmt::Num2, to_f64(x.0)),
            None => w.undefined.to_owned(),
        };
        let mc = r
            .monte_carlo
            .as_ref()
            .and_then(|m| m.perspectives.get(name));
        let at_m = format!("{at}/run/monte_carlo/perspectives/{}", token(name));
        let pos = match mc {
            Some(m) => p.num(
                &format!("{at_m}/prob_npv_positive"),
                Fmt::Pct,
                m.prob_npv_positive.0,
            ),
            None => String::new(),
        };
        let _ = writeln!(
            p.out,
            "<tr><td>{}</td><td>{}</td>{}{}{}<td class=\"r\">{roi}</td><td class=\"r\">{pos}</td></tr>",
            esc(name),
            if name == "society" {
                esc(w.society_payers)
            } else {
                esc(&v.payers.join(", ")).replace(", ", ",<br />")
            },
            cell(p, "npv", to_f64(v.npv.0)),
            cell(p, "pv_benefits", to_f64(v.pv_benefits.0)),
            cell(p, "pv_net_cost", to_f64(v.pv_net_cost.0)),
        );
    }
    p.push("</table>\n");
}

/// Each payer's yearly costs and avoided costs in the base case, stacked.
fn who_pays(p: &mut Page, r: &RunReport) {
    let w = p.w;
    let years: Vec<i32> = (0..r.horizon as i32).map(|t| r.start_year + t).collect();
    let mut payers: Vec<(String, Vec<f64>, Vec<f64>)> = Vec::new();
    for row in &r.base.ledger {
        let t = (row.year - r.start_year) as usize;
        let i = match payers.iter().position(|(n, _, _)| *n == row.payer) {
            Some(i) => i,
            None => {
                payers.push((
                    row.payer.clone(),
                    vec![0.0; r.horizon],
                    vec![0.0; r.horizon],
                ));
                payers.len() - 1
            }
        };
        payers[i].1[t] += to_f64(row.costs.0);
        payers[i].2[t] += to_f64(row.avoided.0);
    }
    // Payers with at least half a krone in some year (an effect centred on zero leaves
    // amounts of 10^-20 kr.).
    payers.retain(|(_, c, a)| c.iter().chain(a).any(|x| x.abs() >= 0.5));
    let _ = writeln!(
        p.out,
        "<h2>{}</h2>\n<p class=\"note\">{}</p>",
        w.who_pays, w.who_pays_note
    );
    p.push("<p class=\"legend\">");
    for (i, (name, _, _)) in payers.iter().enumerate() {
        let _ = write!(
            p.out,
            "<span class=\"key\" style=\"background:{}\"></span>{}",
            charts::hex(charts::colour(i)),
            esc(name)
        );
    }
    p.push("</p>\n");
    let chart = charts::who_pays(p.lang, &years, &payers);
    let caption = (w.per_year)(r.price_year);
    p.figure(chart, &caption);
}

/// Per perspective, the fan chart of the cumulative result and the break-even curve.
fn cumulative(p: &mut Page, at: &str, s: &ScenarioDoc) {
    let r = &s.run;
    let w = p.w;
    let Some(mc) = &r.monte_carlo else {
        return;
    };
    let _ = writeln!(
        p.out,
        "<h2>{}</h2>\n<p class=\"note\">{}</p>",
        w.cumulative, w.cumulative_note
    );
    let years: Vec<i32> = (0..r.horizon as i32).map(|t| r.start_year + t).collect();
    let last = *years.last().unwrap_or(&r.start_year);
    for (name, v) in shown(r) {
        let (Some(bands), Some(m)) = (s.bands.get(name), mc.perspectives.get(name)) else {
            continue;
        };
        let _ = writeln!(p.out, "<h3>{}</h3>", esc(name));
        let b: Vec<_> = (bands.iter())
            .map(|b| (b.p5.0, b.p25.0, b.p50.0, b.p75.0, b.p95.0))
            .collect();
        let base: Vec<f64> = (v.years.iter())
            .map(|y| to_f64(y.cumulative_discounted_net.0))
            .collect();
        let key = |colour: &str, label: &str| {
            format!("<span class=\"key\" style=\"background:{colour}\"></span>{label}")
        };
        let legend = format!(
            "<span class=\"legend\">{}{}{}{}</span>",
            key(charts::BASE_CASE, w.base_case),
            key(charts::MEDIAN, w.median),
            key(charts::BAND_50, w.band_50),
            key(charts::BAND_90, w.band_90)
        );
        p.figure_html(
            charts::fan(
                p.lang,
                &years,
                &b,
                &base,
                (p.words.brief.year, p.words.brief.chart_axis),
            ),
            &legend,
        );
        let probs: Vec<f64> = (years.iter())
            .map(|y| {
                m.break_even
                    .by_year
                    .get(&y.to_string())
                    .map_or(0.0, |x| x.0)
            })
            .collect();
        let at_b = format!(
            "{at}/run/monte_carlo/perspectives/{}/break_even/by_year/{last}",
            token(name)
        );
        let by_last = p.num(&at_b, Fmt::Pct, *probs.last().unwrap_or(&0.0));
        let caption = format!("{} {last}", w.prob_break_even_by);
        let caption = format!("{}: {by_last}", esc(&caption));
        p.figure_html(charts::break_even(p.lang, &years, &probs), &caption);
    }
}

/// Per perspective, the NPV histogram with P(NPV > 0).
fn distributions(p: &mut Page, at: &str, r: &RunReport) {
    let w = p.w;
    let Some(mc) = &r.monte_carlo else {
        let _ = writeln!(p.out, "<p class=\"note\">{}</p>", w.no_monte_carlo);
        return;
    };
    let _ = writeln!(
        p.out,
        "<h2>{}</h2>\n<p class=\"note\">{}</p>",
        w.distribution, w.distribution_note
    );
    for (name, _) in shown(r) {
        let Some(m) = mc.perspectives.get(name) else {
            continue;
        };
        let h = &m.npv_histogram;
        if h.counts.len() < 2 {
            continue;
        }
        let edges: Vec<f64> = h.edges.iter().map(|e| e.0).collect();
        let at_m = format!("{at}/run/monte_carlo/perspectives/{}", token(name));
        let pos = p.num(
            &format!("{at_m}/prob_npv_positive"),
            Fmt::Pct,
            m.prob_npv_positive.0,
        );
        if let Some(svg) = charts::histogram(p.lang, &edges, &h.counts, charts::Axis::Mio, 0.0) {
            let _ = writeln!(p.out, "<h3>{}</h3>", esc(name));
            p.figure_html(Some(svg), &format!("{}: {pos}", w.prob_positive));
        }
    }
}

/// The tornado, switching values and EVPI of the headline perspective.
fn drivers(p: &mut Page, at: &str, s: &ScenarioDoc) {
    let w = p.w;
    let Some(sens) = &s.sensitivity else {
        return;
    };
    let asked = s
        .tornado
        .as_deref()
        .filter(|n| sens.perspectives.contains_key(*n));
    let pick = (asked.iter().chain(&["public", "kommune"]))
        .find(|n| {
            sens.perspectives.contains_key(**n)
                && s.run
                    .base
                    .perspectives
                    .get(**n)
                    .is_some_and(|v| v.has_flows)
        })
        .map(|n| n.to_string())
        .or_else(|| shown(&s.run).next().map(|(n, _)| n.clone()));
    let Some(name) = pick else {
        return;
    };
    let Some(ps) = sens.perspectives.get(&name) else {
        return;
    };
    let at_s = format!("{at}/sensitivity/perspectives/{}", token(&name));
    let _ = writeln!(
        p.out,
        "<h2>{} ({})</h2>\n<p class=\"note\">{}</p>",
        w.drivers,
        esc(&name),
        w.drivers_note
    );
    let rows: Vec<(String, f64, f64)> = (ps.tornado.iter().take(10))
        .map(|t| (t.input.clone(), t.npv_at_p10.0, t.npv_at_p90.0))
        .collect();
    if let Some(svg) = charts::tornado(p.lang, ps.npv_at_means.0, &rows) {
        let base = p.num(
            &format!("{at_s}/npv_at_means"),
            Fmt::Kroner,
            ps.npv_at_means.0,
        );
        p.figure_html(Some(svg), &format!("{}: {base}", w.at_means));
    }
    let _ = writeln!(
        p.out,
        "<table>\n<tr><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>",
        w.input, w.npv_low, w.npv_high, w.swing
    );
    for (i, t) in ps.tornado.iter().take(10).enumerate() {
        let f = |p: &Page, field: &str, x: f64| {
            p.num(&format!("{at_s}/tornado/{i}/{field}"), Fmt::Kroner, x)
        };
        let _ = writeln!(
            p.out,
            "<tr><td>{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td></tr>",
            esc(&t.input),
            f(p, "npv_at_p10", t.npv_at_p10.0),
            f(p, "npv_at_p90", t.npv_at_p90.0),
            f(p, "swing", t.swing.0)
        );
    }
    p.push("</table>\n");
    let _ = writeln!(
        p.out,
        "<h3>{}</h3>\n<p class=\"note\">{}</p>\n<table>\n<tr><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>",
        w.switching, w.switching_note, w.input, w.switch_value, w.switch_percentile
    );
    for (i, sv) in ps.switching_values.iter().enumerate() {
        let (value, pct) = match (sv.value, sv.percentile) {
            (Some(v), Some(q)) => (
                p.num(&format!("{at_s}/switching_values/{i}/value"), Fmt::Num2, v),
                p.num(
                    &format!("{at_s}/switching_values/{i}/percentile"),
                    Fmt::Pct,
                    q,
                ),
            ),
            _ => (w.never_switches.to_owned(), String::new()),
        };
        let _ = writeln!(
            p.out,
            "<tr><td>{}</td><td class=\"r\">{value}</td><td class=\"r\">{pct}</td></tr>",
            esc(&sv.input)
        );
    }
    p.push("</table>\n");
    let evpi = p.num(&format!("{at_s}/evpi"), Fmt::Kroner, ps.evpi.0);
    let _ = writeln!(
        p.out,
        "<p><strong>{}</strong>: {evpi}. {}</p>",
        w.evpi, w.evpi_note
    );
}

/// Every assumption the scenario uses, with its source.
fn assumptions(p: &mut Page, r: &RunReport) {
    let w = p.w;
    let _ = writeln!(
        p.out,
        "<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        w.assumptions, w.input, w.value, w.unit, w.source
    );
    for a in &r.assumptions {
        let _ = writeln!(
            p.out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} ({})</td></tr>",
            esc(&a.name),
            esc(&a.value),
            esc(&a.unit),
            esc(&a.source),
            a.year
        );
    }
    p.push("</table>\n");
}

/// Seed, trials, engine version, settings and the inputs' hash.
pub(super) fn footer(p: &mut Page, doc: &ReportDoc) {
    let w = p.w;
    let r = &doc.reproducibility;
    let settings = if r.settings.is_empty() {
        w.none.to_owned()
    } else {
        r.settings
            .iter()
            .map(|s| format!("<code>--set {}</code>", esc(s)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let _ = writeln!(
        p.out,
        "<footer>\n<strong>{}</strong>: {} {}, {} {} · {} somsim {} · {}: {settings} · {}: <code>{}</code>\n</footer>",
        w.reproduce,
        w.seed,
        r.seed,
        r.trials,
        w.trials,
        w.engine,
        esc(&r.engine),
        w.settings,
        w.inputs_hash,
        esc(&r.inputs_sha256)
    );
}

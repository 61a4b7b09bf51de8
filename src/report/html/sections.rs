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
    summary(p, at, s);
    perspectives(p, at, r);
    who_pays(p, at, s);
    cumulative(p, at, s);
    distributions(p, at, r);
    super::together::municipalities(p, at, r);
    super::value::cost_effectiveness(p, at, r, s.tornado.as_deref());
    super::value::society(p, at, r);
    drivers(p, at, s);
    super::contract::contracts(p, at, r, &s.contract_years);
    super::contract::deal_space(p, at, s);
    assumptions(p, r);
    super::together::correlations(p, at, r);
    p.push("</section>\n");
}

/// Perspectives with flows in the base case (the others would only show zeros).
fn shown(r: &RunReport) -> impl Iterator<Item = (&String, &crate::report::PerspectiveView)> {
    r.base.perspectives.iter().filter(|(_, v)| v.has_flows)
}

/// The decision first: the answer for the first perspective that has flows (the kommune
/// where it pays or saves anything), then one sentence for each other perspective, the
/// perspectives without flows named once, what was computed, and the evidence caveat.
fn summary(p: &mut Page, at: &str, s: &ScenarioDoc) {
    let w = p.w;
    let r = &s.run;
    let _ = writeln!(p.out, "<h2>{}</h2>", w.summary);
    for (i, (name, a)) in s.answers.iter().enumerate() {
        let who = esc(&(p.words.who)(name));
        let sentence = super::brief::sentence(p, &format!("{at}/answers/{}", token(name)), a, &who);
        if i == 0 {
            let _ = writeln!(p.out, "<p class=\"answer\">{sentence}</p>");
            buys(p, at, r, name, &who);
            p.push("<ul class=\"summary\">\n");
        } else {
            let _ = writeln!(p.out, "<li>{sentence}</li>");
        }
    }
    if !s.answers.is_empty() {
        p.push("</ul>\n");
    }
    let empty: Vec<String> = (r.base.perspectives.iter())
        .filter(|(_, v)| !v.has_flows)
        .map(|(name, _)| esc(&(p.words.who)(name)))
        .collect();
    if !empty.is_empty() {
        let _ = writeln!(p.out, "<p>{}</p>", (w.no_flows)(&empty.join(", ")));
    }
    let _ = write!(p.out, "<p class=\"note\">{}", w.computed);
    if let (Some(trials), Some(seed)) = (r.trials, r.seed) {
        let n = p.num(&format!("{at}/run/trials"), Fmt::Count, trials as f64);
        let _ = write!(p.out, " ({n} {}, {} {seed})", w.trials, w.seed);
    }
    p.push(".</p>\n");
    let say = crate::report::text::table::Say::of(p.lang);
    for line in crate::report::text::run::volume_risk(r, say).lines() {
        let _ = writeln!(p.out, "<p class=\"note\">{}.</p>", esc(line));
    }
    let uses_default = (r.assumptions.iter()).any(|a| a.name == BED_DAYS && !a.overridden);
    if uses_default {
        let _ = writeln!(
            p.out,
            "<p class=\"caveat\"><strong>{}.</strong> {}</p>",
            w.evidence, w.evidence_caveat
        );
    }
}

/// What the intervention buys (each non-monetary outcome's units) and what one unit costs
/// `perspective` (its base case, with the 90% interval of the trials), as the brief says it.
fn buys(p: &mut Page, at: &str, r: &RunReport, perspective: &str, who: &str) {
    let b = &p.words.brief;
    let last = r.start_year + r.horizon as i32 - 1;
    for (n, nm) in r.base.non_monetary.iter().enumerate() {
        let units = p.num(
            &format!("{at}/run/base/non_monetary/{n}/units"),
            Fmt::Count,
            to_f64(nm.units.0),
        );
        let mut text = (b.buys_units)(&units, &esc(&nm.name), &esc(&nm.unit), r.start_year, last);
        let ce = (r.cost_effectiveness.as_ref())
            .and_then(|c| c.outcomes.get(n))
            .and_then(|o| {
                let k = o
                    .perspectives
                    .iter()
                    .position(|q| q.perspective == perspective)?;
                Some((k, &o.perspectives[k]))
            });
        if let Some((k, c)) = ce {
            let at_c = format!("{at}/run/cost_effectiveness/outcomes/{n}/perspectives/{k}");
            match c.base_cost_per_unit {
                Some(cost) if cost.0.is_sign_positive() => {
                    let cost = p.num(
                        &format!("{at_c}/base_cost_per_unit"),
                        Fmt::Kroner,
                        to_f64(cost.0),
                    );
                    let band = (c.monte_carlo.as_ref())
                        .and_then(|m| m.cost_per_unit)
                        .map(|m| {
                            (
                                p.num(
                                    &format!("{at_c}/monte_carlo/cost_per_unit/p5"),
                                    Fmt::Kroner,
                                    m.p5.0,
                                ),
                                p.num(
                                    &format!("{at_c}/monte_carlo/cost_per_unit/p95"),
                                    Fmt::Kroner,
                                    m.p95.0,
                                ),
                            )
                        });
                    let band = band.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
                    text.push(' ');
                    text += &(b.unit_cost)(who, &cost, band);
                }
                Some(_) => {
                    text.push(' ');
                    text += &(b.unit_saving)(&super::brief::upper(who));
                }
                None => {}
            }
        }
        let _ = writeln!(p.out, "<p>{text}</p>");
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
            esc(&(p.words.perspective_name)(name)),
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

/// Who pays and who saves: every party with a flow (the investor and the guarantor of a
/// contract too), its cost lines, avoided costs, transfers and contract flows as present values,
/// and its net per year in small charts on one scale.
fn who_pays(p: &mut Page, at: &str, s: &ScenarioDoc) {
    let w = p.w;
    let r = &s.run;
    if s.parties.is_empty() {
        return;
    }
    let _ = writeln!(
        p.out,
        "<h2>{}</h2>\n<p class=\"note\">{}</p>\n<table>\n<tr><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>",
        w.who_pays,
        w.who_pays_note,
        w.party,
        w.costs_borne,
        w.avoided,
        w.transfers,
        w.contract_flows,
        w.npv
    );
    for (k, party) in s.parties.iter().enumerate() {
        let at_k = format!("{at}/parties/{k}");
        let cell = |p: &Page, field: &str, x: &crate::report::views::number::Money| {
            format!(
                "<td class=\"r\">{}</td>",
                p.num(&format!("{at_k}/{field}"), Fmt::Kroner, to_f64(x.0))
            )
        };
        let _ = writeln!(
            p.out,
            "<tr><td>{}</td>{}{}{}{}<td class=\"r\"><strong>{}</strong></td></tr>",
            esc(&party.payer),
            cell(p, "costs", &party.costs),
            cell(p, "avoided", &party.avoided),
            cell(p, "transfers", &party.transfers),
            cell(p, "contract", &party.contract),
            p.num(&format!("{at_k}/npv"), Fmt::Kroner, to_f64(party.npv.0)),
        );
    }
    p.push("</table>\n");
    let mut idle: Vec<&str> = Vec::new();
    for payer in r.base.perspectives.values().flat_map(|v| &v.payers) {
        if !idle.contains(&payer.as_str()) && !s.parties.iter().any(|x| x.payer == *payer) {
            idle.push(payer);
        }
    }
    if !idle.is_empty() {
        let list: Vec<String> = idle.iter().map(|x| esc(x)).collect();
        let _ = writeln!(p.out, "<p>{}</p>", (w.no_flows)(&list.join(", ")));
    }
    let years: Vec<i32> = (0..r.horizon as i32).map(|t| r.start_year + t).collect();
    let nets: Vec<(String, Vec<f64>)> = (s.parties.iter())
        .map(|x| {
            (
                x.payer.clone(),
                x.yearly_net.iter().map(|v| to_f64(v.0)).collect(),
            )
        })
        .collect();
    let chart = charts::parties(p.lang, &years, &nets, w.axis_net_year);
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
        let title = esc(&(p.words.perspective_name)(name));
        let _ = writeln!(p.out, "<div class=\"keep\">\n<h3>{title}</h3>");
        let b: Vec<_> = (bands.iter())
            .map(|b| (b.p5.0, b.p25.0, b.p50.0, b.p75.0, b.p95.0))
            .collect();
        let base: Vec<f64> = (v.years.iter())
            .map(|y| to_f64(y.cumulative_discounted_net.0))
            .collect();
        let key = |colour: &str, label: &str| {
            format!("<span class=\"key\" style=\"background:{colour}\"></span>{label}")
        };
        // The lines' keys are drawn as the lines are: the base case dashed, the median solid.
        let line = |style: &str, colour: &str, label: &str| {
            format!(
                "<span class=\"line\" style=\"border-top: 3px {style} {colour}\"></span>{label}"
            )
        };
        let legend = format!(
            "<span class=\"legend\">{}{}{}{}</span>",
            line("dashed", charts::BASE_CASE, w.base_case),
            line("solid", charts::MEDIAN, w.median),
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
        let axes = (w.year, w.axis_paid_back);
        p.figure_html(charts::break_even(p.lang, &years, &probs, axes), &caption);
        p.push("</div>\n");
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
        let axes = (w.axis_npv, w.axis_share);
        if let Some(svg) =
            charts::histogram(p.lang, &edges, &h.counts, charts::Axis::Mio, 0.0, axes)
        {
            let title = esc(&(p.words.perspective_name)(name));
            let _ = writeln!(p.out, "<div class=\"keep\">\n<h3>{title}</h3>");
            let tails = super::tails(p.lang, &edges, charts::Axis::Mio);
            p.figure_html(Some(svg), &format!("{}: {pos}. {tails}", w.prob_positive));
            p.push("</div>\n");
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
        esc(&(p.words.perspective_name)(&name)),
        w.drivers_note
    );
    let rows: Vec<(String, f64, f64)> = (ps.tornado.iter().take(10))
        .map(|t| (t.input.clone(), t.npv_at_p10.0, t.npv_at_p90.0))
        .collect();
    if let Some(svg) = charts::tornado(p.lang, ps.npv_at_means.0, &rows, w.axis_npv) {
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
    for (k, st) in sens.studies.iter().enumerate() {
        study(p, &format!("{at}/sensitivity/studies/{k}"), st, &name);
    }
}

/// A proposed study's value: the best size for the headline perspective `name` and for every
/// other perspective a size pays for, and EVSI, cost and ENBS against the size for the first
/// of them a size pays for (else the headline's).
fn study(p: &mut Page, at_st: &str, st: &crate::report::sensitivity::StudyView, name: &str) {
    let w = p.w;
    let _ = writeln!(
        p.out,
        "<div class=\"keep\">\n<h3>{}</h3>\n<p class=\"note\">{}</p>",
        esc(&(w.study)(&st.name)),
        w.study_note
    );
    let listed: Vec<&String> = (st.perspectives.iter())
        .filter(|(n, v)| n.as_str() == name || v.optimal_n.is_some())
        .map(|(n, _)| n)
        .collect();
    for who in &listed {
        let v = &st.perspectives[who.as_str()];
        let at_v = format!("{at_st}/perspectives/{}", token(who));
        let label = esc(&(p.words.perspective_name)(who));
        let best = p.num(
            &format!("{at_v}/optimal_enbs"),
            Fmt::Kroner,
            v.optimal_enbs.0,
        );
        let line = match (v.optimal_n, v.n_within_5pct) {
            (Some(n), Some([lo, hi])) => {
                let size = |p: &Page, field: &str, x: u32| {
                    p.num(&format!("{at_v}/{field}"), Fmt::Count, f64::from(x))
                };
                let low = size(p, "n_within_5pct/0", lo);
                // One size: the same text, so that the sentence names it once.
                let high = if hi == lo {
                    low.clone()
                } else {
                    size(p, "n_within_5pct/1", hi)
                };
                (w.study_best)(&label, &size(p, "optimal_n", n), &best, &low, &high)
            }
            _ => (w.study_none)(&label, &best),
        };
        let _ = writeln!(p.out, "<p>{line}</p>");
    }
    let drawn = (listed.iter())
        .find(|n| st.perspectives[n.as_str()].optimal_n.is_some())
        .or(listed.first());
    if let Some(who) = drawn {
        let v = &st.perspectives[who.as_str()];
        let evsi: Vec<f64> = v.population_evsi.iter().map(|x| x.0).collect();
        let cost: Vec<f64> = st.cost.iter().map(|x| x.0).collect();
        let enbs: Vec<f64> = v.enbs.iter().map(|x| x.0).collect();
        let svg = charts::study(
            p.lang,
            &st.n,
            &[&evsi, &cost, &enbs],
            (w.axis_study_n, w.axis_study_kroner),
        );
        let caption = format!(
            "{}: {}; {}; {}",
            esc(&(p.words.perspective_name)(who)),
            esc(w.legend_evsi),
            esc(w.legend_study_cost),
            esc(w.legend_enbs)
        );
        p.figure_html(svg, &caption);
    }
    p.push("</div>\n");
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
            esc(&a.shown_name(p.lang)),
            esc(&p.lang.value(&a.value)),
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

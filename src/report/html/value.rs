//! What a unit of a non-monetary effect costs: per outcome the cost per unit by perspective
//! and the acceptability curves; and what society gains: the societal perspective part by part.

use std::fmt::Write as _;

use super::{Fmt, Page, charts, esc, pictures};
use crate::decimal::to_f64;
use crate::report::RunReport;

/// Per non-monetary outcome: what a unit costs from each perspective with flows (base case,
/// ICER, the 90% interval of the cost per unit, the threshold price), the acceptability and
/// EVPI curves, and the cost-effectiveness plane against doing nothing from the perspective
/// `asked` (else public).
pub(super) fn cost_effectiveness(p: &mut Page, at: &str, r: &RunReport, asked: Option<&str>) {
    let w = p.w;
    let Some(ce) = &r.cost_effectiveness else {
        return;
    };
    let _ = writeln!(
        p.out,
        "<h2>{}</h2>\n<p class=\"note\">{}</p>",
        w.ce, w.ce_note
    );
    let has_flows = |name: &str| r.base.perspectives.get(name).is_some_and(|v| v.has_flows);
    for (i, o) in ce.outcomes.iter().enumerate() {
        let at_o = format!("{at}/run/cost_effectiveness/outcomes/{i}");
        let units = p.num(
            &format!("{at_o}/base_effect"),
            Fmt::Num2,
            to_f64(o.base_effect.0),
        );
        let _ = writeln!(
            p.out,
            "<h3>{}</h3>\n<p>{} ({}): {units} {}.</p>",
            esc(&o.name),
            esc(&o.unit),
            p.words.discounting(o.discounted),
            w.units_base
        );
        let trials = (format!("{at}/run/trials"), r.trials.unwrap_or(0));
        ce_outcome(p, &at_o, o, &ce.lambda, &has_flows, (asked, &trials));
    }
}

/// One non-monetary outcome's table (per perspective `shown`: cost per unit in the base case,
/// ICER, its 90% interval, threshold), acceptability curves and EVPI curves, and the
/// cost-effectiveness plane of one perspective (`plane`: the perspective asked for, and the
/// JSON Pointer and number of the trials); `at_o` is its JSON Pointer.
pub(super) fn ce_outcome(
    p: &mut Page,
    at_o: &str,
    o: &crate::report::cea::CeOutcomeView,
    lambda: &[f64],
    shown: &dyn Fn(&str) -> bool,
    plane: (Option<&str>, &(String, usize)),
) {
    let w = p.w;
    let _ = writeln!(
        p.out,
        "<table><tr><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th>{}</th></tr>",
        w.perspective, w.per_unit_base, w.icer, w.per_unit_interval, w.threshold, w.at_the_means
    );
    let mut series = Vec::new();
    let mut evpi = Vec::new();
    let mut legend = String::new();
    for (j, v) in o.perspectives.iter().enumerate() {
        if !shown(&v.perspective) {
            continue;
        }
        let at_v = format!("{at_o}/perspectives/{j}");
        let cell = |p: &Page, field: &str, x: Option<f64>| {
            x.map_or_else(
                || "–".to_owned(),
                |x| p.num(&format!("{at_v}/{field}"), Fmt::Kroner, x),
            )
        };
        let base = cell(
            p,
            "base_cost_per_unit",
            v.base_cost_per_unit.map(|m| to_f64(m.0)),
        );
        let mc = v.monte_carlo.as_ref();
        let icer = cell(p, "monte_carlo/icer", mc.and_then(|m| m.icer).map(|x| x.0));
        let interval = match mc.and_then(|m| m.cost_per_unit.as_ref()) {
            Some(d) => format!(
                "{} – {}",
                p.num(
                    &format!("{at_v}/monte_carlo/cost_per_unit/p5"),
                    Fmt::Kroner,
                    d.p5.0
                ),
                p.num(
                    &format!("{at_v}/monte_carlo/cost_per_unit/p95"),
                    Fmt::Kroner,
                    d.p95.0
                )
            ),
            None => "–".into(),
        };
        let threshold = cell(
            p,
            "monte_carlo/threshold",
            mc.and_then(|m| m.threshold).map(|x| x.0),
        );
        let _ = writeln!(
            p.out,
            "<tr><td>{}</td><td class=\"r\">{base}</td><td class=\"r\">{icer}</td><td class=\"r\">{interval}</td><td class=\"r\">{threshold}</td><td>{}</td></tr>",
            esc(&(p.words.perspective_name)(&v.perspective)),
            mc.map_or("–", |m| p.words.quadrants.of(m.quadrant))
        );
        if let Some(m) = mc {
            let colour = charts::colour(series.len());
            // The key is the line as drawn: solid, dashed or dotted.
            let style = match charts::ceac_dash(series.len()) {
                None => "solid",
                Some((9, _)) => "dashed",
                Some(_) => "dotted",
            };
            let _ = write!(
                legend,
                "<span class=\"line\" style=\"border-top: 3px {style} {}\"></span>{}",
                charts::hex(colour),
                esc(&(p.words.perspective_name)(&v.perspective))
            );
            series.push((colour, m.ceac.iter().map(|x| x.0).collect::<Vec<f64>>()));
            evpi.push((colour, m.evpi.iter().map(|x| x.0).collect::<Vec<f64>>()));
        }
    }
    p.push("</table>\n");
    let refs: Vec<(_, &[f64])> = series.iter().map(|(c, v)| (*c, v.as_slice())).collect();
    let caption = format!(
        "{}<br/><span class=\"legend\">{legend}</span>",
        esc(w.ceac_caption)
    );
    let axes = (w.axis_price, w.axis_accept);
    p.figure_html(charts::ceac(p.lang, lambda, &refs, axes), &caption);
    let refs: Vec<(_, &[f64])> = evpi.iter().map(|(c, v)| (*c, v.as_slice())).collect();
    let caption = format!(
        "{}<br/><span class=\"legend\">{legend}</span>",
        esc(w.evpi_curve_caption)
    );
    let axes = (w.axis_price, w.axis_evpi);
    p.figure_html(pictures::evpi(p.lang, lambda, &refs, axes), &caption);
    ce_plane(p, at_o, o, plane);
}

/// The cost-effectiveness plane of `o` from the perspective [`plane_perspective`] picks, with
/// its caption: how many trials it shows of how many, and the threshold price.
///
/// [`plane_perspective`]: crate::report::cea::CeOutcomeView::plane_perspective
fn ce_plane(
    p: &mut Page,
    at_o: &str,
    o: &crate::report::cea::CeOutcomeView,
    (asked, (at_trials, trials)): (Option<&str>, &(String, usize)),
) {
    let w = p.w;
    let Some(j) = o.plane_perspective(asked) else {
        return;
    };
    let v = &o.perspectives[j];
    let Some(m) = &v.monte_carlo else {
        return;
    };
    let points: Vec<(f64, f64)> = m.plane.iter().map(|&(_, e, c)| (e, c)).collect();
    let axes = (&*(w.axis_plane_effect)(&esc(&o.unit)), w.axis_plane_cost);
    let svg = pictures::plane(
        p.lang,
        &points,
        (m.mean_effect, m.mean_cost.0),
        m.threshold.map(|t| t.0),
        axes,
    );
    let who = esc(&(p.words.perspective_name)(&v.perspective));
    // The count shown is a fixed rule of the page (`cea::plane_trials`), not a JSON number.
    let shown = p.lang.number(rust_decimal::Decimal::from(points.len()), 0);
    let trials = p.num(at_trials, Fmt::Count, *trials as f64);
    let caption = match m.threshold {
        Some(t) => {
            let t = p.num(
                &format!("{at_o}/perspectives/{j}/monte_carlo/threshold"),
                Fmt::Kroner,
                t.0,
            );
            (w.plane_caption)(&who, &shown, &trials, &t)
        }
        None => (w.plane_caption_no_threshold)(&who, &shown, &trials),
    };
    p.figure_html(svg, &caption);
}

/// The societal perspective: each part in the budgets and for society, the factors, what is
/// not valued, and the parts as bars.
pub(super) fn society(p: &mut Page, at: &str, r: &RunReport) {
    let w = p.w;
    let s = &r.base.society;
    let at_s = format!("{at}/run/base/society");
    let naf = p.num(
        &format!("{at_s}/net_tax_factor"),
        Fmt::Num2,
        to_f64(s.net_tax_factor.0),
    );
    let distortion = p.num(
        &format!("{at_s}/tax_distortion"),
        Fmt::Num2,
        to_f64(s.tax_distortion.0),
    );
    let factors = (w.factors)(&naf, &distortion);
    let _ = writeln!(
        p.out,
        "<h2>{}</h2>\n<p class=\"note\">{}</p>\n<p>{factors} ({}).</p>",
        w.society,
        w.society_note,
        esc(&s.source)
    );
    let _ = writeln!(
        p.out,
        "<table><tr><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>",
        w.part, w.in_budgets, w.for_society
    );
    let mut bars = Vec::new();
    for (i, part) in s.parts.iter().enumerate() {
        let at_p = format!("{at_s}/parts/{i}");
        let budget = part.pv_budget.map_or_else(
            || "–".to_owned(),
            |m| p.num(&format!("{at_p}/pv_budget"), Fmt::Kroner, to_f64(m.0)),
        );
        let value = to_f64(part.pv_society.0);
        let society = p.num(&format!("{at_p}/pv_society"), Fmt::Kroner, value);
        let label = p.words.parts.of(part.part).label;
        let _ = writeln!(
            p.out,
            "<tr><td>{}</td><td class=\"r\">{budget}</td><td class=\"r\">{society}</td></tr>",
            esc(label)
        );
        if value != 0.0 {
            bars.push((label.to_owned(), 0.0, value));
        }
    }
    let (budgets, society) = (
        p.num(
            &format!("{at_s}/npv_budgets"),
            Fmt::Kroner,
            to_f64(s.npv_budgets.0),
        ),
        p.num(&format!("{at_s}/npv"), Fmt::Kroner, to_f64(s.npv.0)),
    );
    let _ = writeln!(
        p.out,
        "<tr><th>{}</th><th class=\"r\">{budgets}</th><th class=\"r\">{society}</th></tr></table>",
        w.npv
    );
    let unvalued: Vec<String> = (s.unvalued(r.base.non_monetary.iter().map(|n| n.name.as_str())))
        .into_iter()
        .map(esc)
        .collect();
    if !unvalued.is_empty() {
        let list = unvalued.join(", ");
        let _ = writeln!(p.out, "<p class=\"note\">{}</p>", (w.unvalued)(&list));
    }
    for (i, v) in s.welfare.iter().enumerate() {
        let value = p.num(
            &format!("{at_s}/welfare/{i}/per_unit"),
            Fmt::Kroner,
            to_f64(v.per_unit.0),
        );
        let _ = writeln!(
            p.out,
            "<p class=\"note\">{}: {value} {}: {}</p>",
            esc(&v.name),
            w.per_unit_source,
            esc(&v.source)
        );
    }
    p.figure(
        charts::tornado(p.lang, 0.0, &bars, w.axis_kroner),
        w.society_caption,
    );
}

//! `somsim sensitivity` as tables: the tornado, the rank correlations with EVPPI, EVPI and
//! the switching values.

use comfy_table::Cell;

use super::table::{Say, new_table};
use crate::report::views::sensitivity::*;

/// A value of an input for people: enough digits to act on.
fn value(x: f64, say: Say) -> String {
    if x.abs() >= 1000.0 {
        say.kr_f64(x)
    } else {
        // Up to four decimals, trailing zeros left out.
        let four = |d: rust_decimal::Decimal| {
            d.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .normalize()
        };
        crate::decimal::from_f64(x).map_or_else(
            || say.w.not_available.into(),
            |d| say.n(four(d), four(d).scale()),
        )
    }
}

/// A text bar of `swing` relative to `max`, split at the base.
fn bar(low: f64, high: f64, base: f64, max: f64) -> String {
    const HALF: usize = 12;
    let scale = |x: f64| ((x.abs() / max.max(1e-9)) * HALF as f64).round() as usize;
    let (lo, hi) = (low.min(high) - base, low.max(high) - base);
    let left = scale(lo.min(0.0)).min(HALF);
    let right = scale(hi.max(0.0)).min(HALF);
    format!(
        "{}{}|{}{}",
        " ".repeat(HALF - left),
        "█".repeat(left),
        "█".repeat(right),
        " ".repeat(HALF - right)
    )
}

/// The report as aligned tables, for the perspectives in `show`.
pub fn table(r: &SensitivityReport, show: &[String], say: Say) -> String {
    let w = say.w;
    let trials = say.n(r.trials.into(), 0);
    let mut s = format!(
        "{}\n",
        (w.sensitivity)(&r.scenario, &r.file, &trials, r.seed)
    );
    for (name, p) in r.perspectives.iter().filter(|(n, _)| show.contains(n)) {
        let at_means = say.kr_f64(p.npv_at_means.0);
        let title = (w.sensitivity_perspective)(say.words.perspective(name), &at_means);
        s.push_str(&format!("\n{title}\n"));
        let max = p.tornado.iter().map(|t| {
            (t.npv_at_p10.0 - p.npv_at_means.0)
                .abs()
                .max((t.npv_at_p90.0 - p.npv_at_means.0).abs())
        });
        let max = max.fold(0.0, f64::max);
        let mut t = new_table(
            &[
                w.one_way,
                w.input_range,
                w.npv_at_10,
                w.npv_at_90,
                w.swing,
                "",
            ],
            2,
        );
        for row in p.tornado.iter().filter(|t| t.swing.0 > 0.0) {
            t.add_row(vec![
                Cell::new(&row.input),
                Cell::new(format!(
                    "{} -> {}",
                    value(row.p10, say),
                    value(row.p90, say)
                )),
                Cell::new(say.kr_f64(row.npv_at_p10.0)),
                Cell::new(say.kr_f64(row.npv_at_p90.0)),
                Cell::new(say.kr_f64(row.swing.0)),
                Cell::new(bar(
                    row.npv_at_p10.0,
                    row.npv_at_p90.0,
                    p.npv_at_means.0,
                    max,
                )),
            ]);
        }
        s.push_str(&format!("{t}\n"));
        let mut t = new_table(&[w.global, w.spearman, w.variance_share, w.evppi], 1);
        for row in p.global.iter().filter(|g| g.spearman != 0.0) {
            let found = p.evppi.iter().find(|e| e.input == row.input);
            let evppi = found.map_or(0.0, |e| e.evppi.0);
            let noise = found.is_some_and(|e| e.below_noise_floor);
            let sign = if row.spearman > 0.0 { "+" } else { "" };
            let rho = format!("{sign}{}", say.f(row.spearman, 3));
            let share = say.pct(row.variance_share, 1);
            t.add_row(vec![
                Cell::new(&row.input),
                Cell::new(rho),
                Cell::new(share),
                Cell::new(if noise {
                    format!("{} {}", say.kr_f64(evppi), w.noise_mark)
                } else {
                    say.kr_f64(evppi)
                }),
            ]);
        }
        s.push_str(&format!("{t}\n"));
        if !p.evppi_groups.is_empty() {
            let mut t = new_table(&[w.inputs_together, w.evppi], 1);
            for g in &p.evppi_groups {
                let value = say.kr_f64(g.evppi.0);
                t.add_row(vec![
                    Cell::new(format!("{} ({})", g.group, g.inputs.join(", "))),
                    Cell::new(if g.below_noise_floor {
                        format!("{value} {}", w.noise_mark)
                    } else {
                        value
                    }),
                ]);
            }
            s.push_str(&format!("{t}\n"));
        }
        let evpi = say.kr_f64(p.evpi.0);
        s.push_str(&format!(
            "{}\n",
            (w.evpi)(say.words.perspective(name), &evpi)
        ));
        if p.evppi.iter().any(|e| e.below_noise_floor) {
            let floor = say.kr_f64(p.evppi_noise_floor.0);
            s.push_str(&format!("{}\n", (w.evppi_noise)(&floor, p.evppi.len())));
        }
        if p.evpi_only_together {
            s.push_str(&format!("{}\n", w.evpi_only_together));
            // Where the value lies, when a named group holds it.
            for g in p
                .evppi_groups
                .iter()
                .filter(|g| g.evppi.0 > g.noise_floor.0)
            {
                let value = say.kr_f64(g.evppi.0);
                s.push_str(&format!("{}\n", (w.group_decides)(&g.group, &value)));
            }
        }
        let switches: Vec<String> = p
            .switching_values
            .iter()
            .filter_map(|sw| {
                let (v, pc, pos) = (sw.value?, sw.percentile?, sw.positive?);
                let (v, place) = (value(v, say), (w.percentile_of)(pc));
                let line = (w.switches_at)(&sw.input, pos == "above", &v, &place);
                Some(format!("  {line}"))
            })
            .collect();
        if switches.is_empty() {
            s.push_str(&format!(
                "{}\n",
                (w.never_switches)(say.words.perspective(name))
            ));
        } else {
            s.push_str(&format!("{}\n", w.switching_values));
            s.push_str(&switches.join("\n"));
            s.push('\n');
        }
    }
    for st in &r.studies {
        s.push_str(&study(st, show, say));
    }
    super::table::tidy(s)
}

/// A proposed study: its design and cost, EVSI and ENBS by size for the shown perspectives,
/// and the best size.
fn study(st: &StudyView, show: &[String], say: Say) -> String {
    let w = say.w;
    let outcome = match st.outcome {
        "normal" => w.study_normal,
        "binary" => w.study_binary,
        _ => w.study_count,
    };
    let mut s = format!("\n{}\n", (w.study_title)(&st.name, &st.measures, outcome));
    let (fixed, per) = (
        say.kr_f64(st.fixed_cost.0),
        say.kr_f64(st.per_participant_cost.0),
    );
    s.push_str(&format!("{}\n", (w.study_cost)(&fixed, &per)));
    if st.measures_fixed {
        s.push_str(&format!("{}\n", (w.study_fixed)(&st.measures)));
    }
    if let Some(p) = &st.population {
        s.push_str(&format!(
            "{}\n",
            (w.study_population)(
                &say.kr_f64(p.participants_per_year),
                p.years,
                &say.kr_f64(p.discounted_participants),
                &say.kr_f64(p.scenario_participants),
                &say.f(p.scale, 2),
            )
        ));
    }
    let shown: Vec<(&String, &StudyPerspective)> = (st.perspectives.iter())
        .filter(|(n, _)| show.contains(n))
        .collect();
    let mut headers: Vec<String> = vec![w.n_per_arm.into(), w.cost_kroner.into()];
    for (name, _) in &shown {
        let name = say.words.perspective(name);
        headers.push((w.evsi_of)(name));
        headers.push((w.enbs_of)(name));
    }
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut t = new_table(&headers, 1);
    for (k, n) in st.n.iter().enumerate() {
        let mut row = vec![
            Cell::new(say.n((*n).into(), 0)),
            Cell::new(say.kr_f64(st.cost[k].0)),
        ];
        for (_, p) in &shown {
            let evsi = if p.below_noise_floor[k] && p.evsi[k].0 > 0.0 {
                let scale = st.population.as_ref().map_or(1.0, |p| p.scale);
                format!("{} {}", say.kr_f64(p.evsi[k].0 * scale), w.noise_mark)
            } else {
                say.kr_f64(p.population_evsi[k].0)
            };
            row.push(Cell::new(evsi));
            row.push(Cell::new(say.kr_f64(p.enbs[k].0)));
        }
        t.add_row(row);
    }
    s.push_str(&format!("{t}\n"));
    for (name, p) in &shown {
        let name = say.words.perspective(name);
        let line = match (p.optimal_n, p.n_within_5pct) {
            (Some(n), Some([lo, hi])) => {
                (w.best_size)(name, n, &say.kr_f64(p.optimal_enbs.0), lo, hi)
            }
            _ => (w.no_size_pays)(name, &say.kr_f64(p.optimal_enbs.0), &say.kr_f64(p.evppi.0)),
        };
        s.push_str(&format!("{line}\n"));
    }
    let noise = (shown.iter())
        .any(|(_, p)| (p.evsi.iter().zip(&p.below_noise_floor)).any(|(e, b)| *b && e.0 > 0.0));
    if noise {
        s.push_str(&format!("{}\n", w.evsi_noise));
    }
    s.push_str(&format!("{}\n", w.evsi_note));
    s
}

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
    super::table::tidy(s)
}

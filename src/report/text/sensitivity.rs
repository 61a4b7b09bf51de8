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
        crate::decimal::from_f64(x)
            .map_or_else(|| "n/a".into(), |d| say.n(four(d), four(d).scale()))
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 21st, ...
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Where a value lies in its distribution, in words.
fn where_in(p: f64, say: Say) -> String {
    let pct = p * 100.0;
    match (say.da(), pct) {
        (false, x) if x < 0.5 => "below its 1st percentile".into(),
        (false, x) if x > 99.5 => "above its 99th percentile".into(),
        (false, x) => format!("its {} percentile", ordinal(x.round() as u32)),
        (true, x) if x < 0.5 => "under sin 1. percentil".into(),
        (true, x) if x > 99.5 => "over sin 99. percentil".into(),
        (true, x) => format!("sin {}. percentil", x.round() as u32),
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
    let da = say.da();
    let w = |en: &'static str, dk: &'static str| if da { dk } else { en };
    let trials = say.n(r.trials.into(), 0);
    let mut s = if da {
        format!(
            "Følsomhed for {}\n{} · {trials} Monte Carlo-simuleringer, frø {}\n",
            r.scenario, r.file, r.seed
        )
    } else {
        format!(
            "Sensitivity of {}\n{} · {trials} Monte Carlo trials, seed {}\n",
            r.scenario, r.file, r.seed
        )
    };
    for (name, p) in r.perspectives.iter().filter(|(n, _)| show.contains(n)) {
        let at_means = say.kr_f64(p.npv_at_means.0);
        s.push_str(&if da {
            format!("\nPerspektiv {name}: nutidsværdi {at_means} kr. med alle antagelser på middelværdien\n")
        } else {
            format!("\nPerspective {name}: NPV {at_means} DKK with every input at its mean\n")
        });
        let max = p.tornado.iter().map(|t| {
            (t.npv_at_p10.0 - p.npv_at_means.0)
                .abs()
                .max((t.npv_at_p90.0 - p.npv_at_means.0).abs())
        });
        let max = max.fold(0.0, f64::max);
        let mut t = new_table(
            &[
                w(
                    "One-way (10th -> 90th percentile)",
                    "Én ad gangen (10. -> 90. percentil)",
                ),
                w("Input range", "Antagelsens spænd"),
                w("NPV at 10th", "Nutidsværdi ved 10."),
                w("NPV at 90th", "Nutidsværdi ved 90."),
                w("Swing", "Udsving"),
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
        let mut t = new_table(
            &[
                w(
                    "Global (rank correlation with NPV)",
                    "Samlet (rangkorrelation med nutidsværdien)",
                ),
                "Spearman",
                w("Share of variance", "Andel af variansen"),
                w("EVPPI (DKK)", "EVPPI (kr.)"),
            ],
            1,
        );
        for row in p.global.iter().filter(|g| g.spearman != 0.0) {
            let evppi = p
                .evppi
                .iter()
                .find(|e| e.input == row.input)
                .map_or(0.0, |e| e.evppi.0);
            let sign = if row.spearman > 0.0 { "+" } else { "" };
            let rho = format!("{sign}{}", say.f(row.spearman, 3));
            let share = say.pct(row.variance_share, 1);
            t.add_row(vec![
                Cell::new(&row.input),
                Cell::new(rho),
                Cell::new(share),
                Cell::new(say.kr_f64(evppi)),
            ]);
        }
        s.push_str(&format!("{t}\n"));
        let evpi = say.kr_f64(p.evpi.0);
        s.push_str(&if da {
            format!("Værdien af information (investere eller ej, {name}): EVPI {evpi} kr.\n")
        } else {
            format!("Value of information (invest or not, {name}): EVPI {evpi} DKK\n")
        });
        let switches: Vec<String> = p
            .switching_values
            .iter()
            .filter_map(|sw| {
                let (v, pc, pos) = (sw.value?, sw.percentile?, sw.positive?);
                let (v, place) = (value(v, say), where_in(pc, say));
                Some(match (da, pos == "above") {
                    (false, above) => format!(
                        "  {} must be {} {v} ({place}) for NPV > 0",
                        sw.input,
                        if above { "above" } else { "below" }
                    ),
                    (true, above) => format!(
                        "  {} skal være {} {v} ({place}) for nutidsværdi > 0",
                        sw.input,
                        if above { "over" } else { "under" }
                    ),
                })
            })
            .collect();
        if switches.is_empty() {
            s.push_str(&if da {
                format!("Skifteværdier: ingen enkelt antagelse inden for sin 0,1.-99,9. percentil vender fortegnet på nutidsværdien for {name}\n")
            } else {
                format!("Switching values: no single input, moved within its 0.1th-99.9th percentiles, turns the {name} NPV's sign\n")
            });
        } else {
            s.push_str(w(
                "Switching values (the others at their means):\n",
                "Skifteværdier (de øvrige på middelværdien):\n",
            ));
            s.push_str(&switches.join("\n"));
            s.push('\n');
        }
    }
    super::table::tidy(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 99]
            .map(super::ordinal)
            .to_vec();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "99th"
            ]
        );
    }
}

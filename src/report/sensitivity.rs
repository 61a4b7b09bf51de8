//! `somsim sensitivity`: what drives the result, and what would make it pay. The methods are
//! described in [`crate::sensitivity`].

use comfy_table::Cell;
use indexmap::IndexMap;
use serde::Serialize;

use super::csv::{Sheet, text};
use super::table::{Say, new_table};
use super::{MoneyF, SCHEMA_VERSION};
use crate::analysis::RunResults;
use crate::model::Model;
use crate::sensitivity::{Bar, Switch};

/// What drives a scenario's result (`somsim sensitivity`).
#[derive(Debug, Serialize)]
pub struct SensitivityReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// The scenario's name.
    pub scenario: String,
    /// The scenario file.
    pub file: String,
    /// Seed and trials of the Monte Carlo behind the global analysis and value of information.
    pub seed: u64,
    /// The version of the random streams (a seed reproduces a run within one version).
    pub stream_version: u32,
    /// Monte Carlo trials behind the global analyses.
    pub trials: usize,
    /// Percentiles bounding the search for switching values.
    pub switching_search_range: [f64; 2],
    /// Per perspective.
    pub perspectives: IndexMap<String, PerspectiveSensitivity>,
}

/// The analyses of one perspective.
#[derive(Debug, Serialize)]
pub struct PerspectiveSensitivity {
    /// NPV with every uncertain input at its mean (f64 kernel; equals the base case to rounding).
    pub npv_at_means: MoneyF,
    /// One-way analysis, largest swing first.
    pub tornado: Vec<TornadoRow>,
    /// Rank correlations with NPV over the Monte Carlo trials, largest |rho| first.
    pub global: Vec<GlobalRow>,
    /// Per input: where NPV crosses zero (null when it does not within the search range).
    pub switching_values: Vec<SwitchRow>,
    /// Expected value of perfect information for invest / do not invest, DKK.
    pub evpi: MoneyF,
    /// Expected value of partial perfect information per input, DKK, largest first.
    pub evppi: Vec<EvppiRow>,
}

/// One bar of the tornado: the NPV with one input at its 10th and 90th percentile.
#[derive(Debug, Serialize)]
pub struct TornadoRow {
    /// The input's name.
    pub input: String,
    /// The input's 10th and 90th percentiles.
    pub p10: f64,
    /// The input's 90th percentile.
    pub p90: f64,
    /// NPV with the input at p10 and at p90, the others at their means.
    pub npv_at_p10: MoneyF,
    /// NPV with the input at its 90th percentile, the others at their means.
    pub npv_at_p90: MoneyF,
    /// |npv_at_p90 - npv_at_p10|.
    pub swing: MoneyF,
}

/// An input's rank correlation with the NPV.
#[derive(Debug, Serialize)]
pub struct GlobalRow {
    /// The input's name.
    pub input: String,
    /// Spearman's rank correlation with NPV.
    pub spearman: f64,
    /// rho^2 / sum of rho^2 over inputs.
    pub variance_share: f64,
}

/// The value of an input at which the NPV crosses zero.
#[derive(Debug, Serialize)]
pub struct SwitchRow {
    /// The input's name.
    pub input: String,
    /// The value at which NPV = 0 (others at their means); null if none in the search range.
    pub value: Option<f64>,
    /// Its percentile in the input's distribution.
    pub percentile: Option<f64>,
    /// `above` if NPV > 0 for values above the switching value, `below` otherwise.
    pub positive: Option<&'static str>,
}

/// The expected value of partial perfect information about one input.
#[derive(Debug, Serialize)]
pub struct EvppiRow {
    /// The input's name.
    pub input: String,
    /// EVPPI, DKK.
    pub evppi: MoneyF,
}

/// What the analysis found for one perspective.
struct Found<'a> {
    /// NPV with every input at its mean.
    pub npv_at_means: f64,
    /// The tornado bars.
    pub bars: &'a [Bar],
    /// Spearman correlation of each input with the NPV.
    pub rho: &'a [f64],
    /// The switching value of each input, where one exists.
    pub switches: &'a [Option<Switch>],
    /// EVPI, DKK.
    pub evpi: f64,
    /// EVPPI of each input, DKK.
    pub evppi: &'a [f64],
}

impl SensitivityReport {
    /// The sensitivity of a run, when it computed one.
    pub fn of(run: &RunResults) -> Option<SensitivityReport> {
        let mc = run.monte_carlo.as_ref()?;
        let a = mc.sensitivity.as_ref()?;
        let model = run.model;
        let found = (0..model.perspectives.len()).map(|j| Found {
            npv_at_means: a.npv_at_means[j],
            bars: &a.bars[j],
            rho: &a.global[j].rho,
            switches: &a.switches[j],
            evpi: a.global[j].evpi,
            evppi: &a.global[j].evppi,
        });
        Some(SensitivityReport {
            schema_version: SCHEMA_VERSION,
            scenario: model.name.clone(),
            file: model.file.clone(),
            seed: run.seed,
            stream_version: crate::sampler::STREAM_VERSION,
            trials: mc.outputs.trials,
            switching_search_range: [
                crate::sensitivity::SEARCH_RANGE.0,
                crate::sensitivity::SEARCH_RANGE.1,
            ],
            perspectives: (model.perspectives.iter())
                .zip(found)
                .map(|(p, f)| (p.name.clone(), perspective(model, f)))
                .collect(),
        })
    }
}

fn perspective(model: &Model, f: Found) -> PerspectiveSensitivity {
    let name = |k: usize| model.inputs[k].name.clone();
    let shares = crate::sensitivity::variance_shares(f.rho);
    let mut global: Vec<GlobalRow> = f
        .rho
        .iter()
        .zip(&shares)
        .enumerate()
        .map(|(k, (r, s))| GlobalRow {
            input: name(k),
            spearman: round(*r, 6),
            variance_share: round(*s, 6),
        })
        .collect();
    global.sort_by(|a, b| b.spearman.abs().total_cmp(&a.spearman.abs()));
    let mut evppi: Vec<EvppiRow> = f
        .evppi
        .iter()
        .enumerate()
        .map(|(k, v)| EvppiRow {
            input: name(k),
            evppi: MoneyF(*v),
        })
        .collect();
    evppi.sort_by(|a, b| b.evppi.0.total_cmp(&a.evppi.0));
    PerspectiveSensitivity {
        npv_at_means: MoneyF(f.npv_at_means),
        tornado: f
            .bars
            .iter()
            .map(|b| TornadoRow {
                input: name(b.input),
                p10: b.low,
                p90: b.high,
                npv_at_p10: MoneyF(b.npv_low),
                npv_at_p90: MoneyF(b.npv_high),
                swing: MoneyF(b.swing),
            })
            .collect(),
        global,
        switching_values: f
            .switches
            .iter()
            .enumerate()
            .map(|(k, s)| SwitchRow {
                input: name(k),
                value: s.as_ref().map(|s| s.value),
                percentile: s.as_ref().map(|s| round(s.percentile, 6)),
                positive: s
                    .as_ref()
                    .map(|s| if s.positive_above { "above" } else { "below" }),
            })
            .collect(),
        evpi: MoneyF(f.evpi),
        evppi,
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    (x * k).round() / k
}

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

/// One row per perspective and input. Columns:
/// `perspective,input,p10,p90,npv_at_p10,npv_at_p90,swing,spearman,variance_share,switching_value,switching_percentile,positive,evppi,evpi`.
pub fn csv(r: &SensitivityReport) -> String {
    let mut sheet = Sheet::new();
    sheet.push([
        "perspective",
        "input",
        "p10",
        "p90",
        "npv_at_p10",
        "npv_at_p90",
        "swing",
        "spearman",
        "variance_share",
        "switching_value",
        "switching_percentile",
        "positive",
        "evppi",
        "evpi",
    ]);
    for (name, p) in &r.perspectives {
        for sw in &p.switching_values {
            let t = p.tornado.iter().find(|t| t.input == sw.input);
            let g = p.global.iter().find(|g| g.input == sw.input);
            let e = p.evppi.iter().find(|e| e.input == sw.input);
            let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
            sheet.push([
                text(name),
                text(&sw.input),
                opt(t.map(|t| t.p10)),
                opt(t.map(|t| t.p90)),
                opt(t.map(|t| round(t.npv_at_p10.0, 2))),
                opt(t.map(|t| round(t.npv_at_p90.0, 2))),
                opt(t.map(|t| round(t.swing.0, 2))),
                opt(g.map(|g| g.spearman)),
                opt(g.map(|g| g.variance_share)),
                opt(sw.value),
                opt(sw.percentile),
                sw.positive.unwrap_or("").to_owned(),
                opt(e.map(|e| round(e.evppi.0, 2))),
                format!("{:.2}", p.evpi.0),
            ]);
        }
    }
    sheet.finish()
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

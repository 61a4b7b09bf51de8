//! `somsim sensitivity`: what drives the result, and what would make it pay. The methods are
//! described in [`crate::sensitivity`].

use indexmap::IndexMap;
use serde::Serialize;

use super::number::*;
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
    /// The EVPPI an input unrelated to the NPV gets at these trials (the estimator's noise
    /// floor: mean + 2 sd over random partitions), DKK; an input's EVPPI at or below it is noise.
    pub evppi_noise_floor: MoneyF,
    /// Whether the EVPI is above the noise floor while no single input's EVPPI is: no input
    /// can change the decision on its own (the value lies in several together).
    pub evpi_only_together: bool,
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
    /// At or below the noise floor: not to be told from noise.
    pub below_noise_floor: bool,
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
    /// The EVPPI's noise floor, DKK.
    pub floor: f64,
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
            floor: a.global[j].evppi_noise_floor,
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
            below_noise_floor: f.floor > 0.0 && *v <= f.floor,
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
        evpi_only_together: f.evpi > f.floor && evppi.iter().all(|e| e.evppi.0 <= f.floor),
        evppi,
        evppi_noise_floor: MoneyF(f.floor),
    }
}

pub(crate) fn round(x: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    (x * k).round() / k
}

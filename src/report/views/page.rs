//! What `somsim report` shows, as one document: per scenario its run (base case, Monte Carlo,
//! contracts), the bands of its cumulative result per year, and its sensitivity; and what it
//! takes to reproduce it. The HTML page shows these numbers, and `--format json` writes them,
//! so every number on the page can be traced to a field here.

use indexmap::IndexMap;
use serde::Serialize;

use super::compare::CompareReport;
use super::number::{MoneyF, SCHEMA_VERSION};
use super::run::RunReport;
use super::sensitivity::SensitivityReport;
use crate::analysis::RunResults;
use crate::lang::Lang;
use crate::stats::Distribution;

/// The report of one or more scenarios.
#[derive(Debug, Serialize)]
pub struct ReportDoc {
    /// Layout version of this document.
    pub schema_version: u32,
    /// The language of the page.
    pub lang: Lang,
    /// One per scenario file, in the order given.
    pub scenarios: Vec<ScenarioDoc>,
    /// With two or more scenarios (each with uncertain inputs): each against the first on the
    /// same trials (as `somsim compare --format json`); otherwise null.
    pub comparison: Option<CompareReport>,
    /// What it takes to compute the same numbers again.
    pub reproducibility: Reproducibility,
}

/// One scenario's results.
#[derive(Debug, Serialize)]
pub struct ScenarioDoc {
    /// The run: base case, Monte Carlo summary, contracts (as `somsim run --format json`).
    pub run: RunReport,
    /// Per perspective and year: the cumulative discounted net over the trials.
    pub bands: IndexMap<String, Vec<BandView>>,
    /// What drives the result (as `somsim sensitivity --format json`); null without
    /// uncertain inputs.
    pub sensitivity: Option<SensitivityReport>,
    /// The deal-space grid of its contract, with `--vary` (as `somsim deal --format json`);
    /// otherwise null.
    pub deal: Option<crate::report::deal::DealReport>,
    /// The perspective whose drivers (tornado, switching values, EVPI) the page shows, as
    /// `--perspective` names it; absent without it (then public, else kommune, else the first
    /// with flows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tornado: Option<String>,
}

impl From<&RunResults<'_>> for ScenarioDoc {
    fn from(run: &RunResults<'_>) -> ScenarioDoc {
        let model = run.model;
        let bands = (run.monte_carlo.iter())
            .flat_map(|mc| model.perspectives.iter().zip(&mc.bands))
            .map(|(p, years)| {
                let views = (years.iter().enumerate())
                    .map(|(t, d)| BandView::new(model.year(t), d))
                    .collect();
                (p.name.clone(), views)
            })
            .collect();
        ScenarioDoc {
            run: run.into(),
            bands,
            sensitivity: SensitivityReport::of(run),
            deal: crate::report::deal::DealReport::of(run),
            tornado: None,
        }
    }
}

/// The cumulative discounted net at the end of one year, over the trials, DKK.
#[derive(Debug, Serialize)]
pub struct BandView {
    /// Calendar year.
    pub year: i32,
    /// 5th percentile.
    pub p5: MoneyF,
    /// 25th percentile.
    pub p25: MoneyF,
    /// Median.
    pub p50: MoneyF,
    /// 75th percentile.
    pub p75: MoneyF,
    /// 95th percentile.
    pub p95: MoneyF,
}

impl BandView {
    /// The band of `year` from the distribution over the trials.
    pub fn new(year: i32, d: &Distribution) -> BandView {
        BandView {
            year,
            p5: MoneyF(d.p5),
            p25: MoneyF(d.p25),
            p50: MoneyF(d.p50),
            p75: MoneyF(d.p75),
            p95: MoneyF(d.p95),
        }
    }
}

/// Seed, trials, engine version and a fingerprint of every input file.
#[derive(Debug, Serialize)]
pub struct Reproducibility {
    /// The Monte Carlo seed.
    pub seed: u64,
    /// The version of the random streams (a seed reproduces a run within one version).
    pub stream_version: u32,
    /// Trials per scenario.
    pub trials: usize,
    /// The engine's version.
    pub engine: String,
    /// The command line's changes (`--set`), in order.
    pub settings: Vec<String>,
    /// SHA-256 of every file read (scenarios, assumption and contract files, roll-out tables)
    /// and of the settings: the same inputs give the same hash.
    pub inputs_sha256: String,
}

impl ReportDoc {
    /// The document of `scenarios`, in language `lang`.
    pub fn new(
        lang: Lang,
        scenarios: Vec<ScenarioDoc>,
        comparison: Option<CompareReport>,
        reproducibility: Reproducibility,
    ) -> Self {
        ReportDoc {
            schema_version: SCHEMA_VERSION,
            lang,
            scenarios,
            comparison,
            reproducibility,
        }
    }
}

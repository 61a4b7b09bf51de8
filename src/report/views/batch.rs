//! `somsim batch`: one row per scenario file and variant, for scripts.
//!
//! Columns (CSV) and fields (JSON), schema version 1:
//!
//! - `file`, `scenario` (name; empty when the file could not be read), one column per `--set` /
//!   `--sweep` path with the value the row used;
//! - `status` (`ok` or `error`) and `error` (the message, on one line);
//! - `trials`, `seed`;
//! - for each built-in perspective P in `kommune, region, stat, public, all`:
//!   `base_npv_P` (exact base case), `mc_mean_P`, `mc_p5_P`, `mc_p50_P`, `mc_p95_P`,
//!   `prob_npv_positive_P`, `prob_break_even_P` (by the end of the horizon).
//!
//! In JSON each row also carries every perspective of its scenario (custom ones included)
//! under `perspectives`.

use indexmap::IndexMap;
use serde::Serialize;

use super::number::*;

/// The perspectives with their own CSV columns: every scenario has them.
pub const COLUMNS: [&str; 5] = ["kommune", "region", "stat", "public", "all"];

/// The batch output: one row per scenario or variant.
#[derive(Debug, Serialize)]
pub struct BatchReport {
    /// Version of this layout (`docs/batch.md`).
    pub schema_version: u32,
    /// The seed every row ran with.
    pub seed: u64,
    /// The version of the random streams (a seed reproduces a run within one version).
    pub stream_version: u32,
    /// Trials per row (0: base case only).
    pub trials: usize,
    /// The paths set or swept, in order: the `settings` of every row has these keys.
    pub paths: Vec<String>,
    /// One row per scenario file and grid point, in order.
    pub rows: Vec<BatchRow>,
}

/// One scenario or variant.
#[derive(Debug, Serialize)]
pub struct BatchRow {
    /// The scenario file.
    pub file: String,
    /// The scenario's name; null when it could not be read.
    pub scenario: Option<String>,
    /// Path -> value used in this row.
    pub settings: IndexMap<String, String>,
    /// `ok` or `error`.
    pub status: &'static str,
    /// The error, when status is `error`.
    pub error: Option<String>,
    /// Results per perspective (empty for an error row).
    pub perspectives: IndexMap<String, BatchPerspective>,
}

/// One perspective of one row.
#[derive(Debug, Serialize)]
pub struct BatchPerspective {
    /// Base-case NPV, DKK.
    pub base_npv: MoneyF,
    /// Monte Carlo results; null when trials = 0.
    pub mc_mean: Option<MoneyF>,
    /// 5th percentile of the NPV (null without a Monte Carlo).
    pub mc_p5: Option<MoneyF>,
    /// Median NPV.
    pub mc_p50: Option<MoneyF>,
    /// 95th percentile of the NPV.
    pub mc_p95: Option<MoneyF>,
    /// Share of trials with NPV > 0.
    pub prob_npv_positive: Option<Prob>,
    /// P(sustained break-even by the end of the horizon).
    pub prob_break_even: Option<Prob>,
}

impl BatchReport {
    /// A report of `rows`, run with `seed` and `trials`, varying `paths`.
    pub fn new(seed: u64, trials: usize, paths: Vec<String>, rows: Vec<BatchRow>) -> BatchReport {
        BatchReport {
            schema_version: SCHEMA_VERSION,
            seed,
            stream_version: crate::sampler::STREAM_VERSION,
            trials,
            paths,
            rows,
        }
    }
}

impl BatchRow {
    /// The row of a variant that ran: its exact base case and, with a Monte Carlo, its summary.
    pub fn ok(
        file: String,
        settings: IndexMap<String, String>,
        model: &crate::model::Model,
        ledger: &crate::ledger::Ledger,
        summary: Option<&crate::stats::Summary>,
    ) -> BatchRow {
        let perspectives = model
            .perspectives
            .iter()
            .enumerate()
            .map(|(j, p)| {
                let s = summary.map(|s| &s.perspectives[j]);
                (
                    p.name.clone(),
                    BatchPerspective {
                        base_npv: MoneyF(crate::decimal::to_f64(ledger.perspectives[j].npv)),
                        mc_mean: s.map(|s| MoneyF(s.npv.mean)),
                        mc_p5: s.map(|s| MoneyF(s.npv.p5)),
                        mc_p50: s.map(|s| MoneyF(s.npv.p50)),
                        mc_p95: s.map(|s| MoneyF(s.npv.p95)),
                        prob_npv_positive: s.map(|s| Prob(s.prob_npv_positive)),
                        prob_break_even: s.map(|s| Prob(1.0 - s.break_even.never)),
                    },
                )
            })
            .collect();
        BatchRow {
            file,
            scenario: Some(model.name.clone()),
            settings,
            status: "ok",
            error: None,
            perspectives,
        }
    }

    /// The row of a variant that could not run, with the error message.
    pub fn failed(file: String, settings: IndexMap<String, String>, error: String) -> BatchRow {
        BatchRow {
            file,
            scenario: None,
            settings,
            status: "error",
            error: Some(error),
            perspectives: IndexMap::new(),
        }
    }
}

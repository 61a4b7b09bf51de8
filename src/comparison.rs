//! Comparing scenarios run with the same seed and trials: common random numbers make the
//! trial-by-trial difference of two scenarios' NPVs measure the scenarios' difference, not
//! sampling noise (a scenario compared with itself differs by exactly zero).

pub mod options;

use rust_decimal::Decimal;

use crate::ledger::Ledger;
use crate::model::Model;
use crate::montecarlo::Outputs;
use crate::stats::{self, Distribution, Summary};

/// One compared scenario: its model, exact base case, per-trial outputs and summary.
pub struct Run<'a> {
    pub model: &'a Model,
    pub ledger: &'a Ledger,
    pub outputs: &'a Outputs,
    pub summary: &'a Summary,
}

/// A perspective every compared scenario has.
pub struct Compared {
    pub name: String,
    /// The perspective's index in each run's model, in run order.
    pub index: Vec<usize>,
    /// Each run after the first, against the first.
    pub differences: Vec<Paired>,
}

/// Scenario `k` (k >= 1) minus the first.
pub struct Paired {
    /// Base-case NPV difference, exact.
    pub base: Decimal,
    /// NPV difference over trials.
    pub npv: Distribution,
    /// Share of trials in which scenario `k`'s NPV is larger than the first's.
    pub prob_beats_first: f64,
}

/// Every perspective of the first scenario that all the others have too, with the paired
/// differences from the first.
pub fn compare(runs: &[Run]) -> Vec<Compared> {
    let first = &runs[0];
    first
        .model
        .perspectives
        .iter()
        .filter_map(|p| {
            let index: Vec<usize> = runs
                .iter()
                .map(|r| r.model.perspectives.iter().position(|q| q.name == p.name))
                .collect::<Option<_>>()?;
            let base_npv = |r: &Run, j: usize| r.ledger.perspectives[j].npv;
            let first_npv = first.outputs.npv_of(index[0]);
            let differences = runs
                .iter()
                .zip(&index)
                .skip(1)
                .map(|(r, &j)| {
                    let (npv, prob_beats_first) =
                        stats::paired_difference(&first_npv, &r.outputs.npv_of(j));
                    Paired {
                        base: base_npv(r, j) - base_npv(first, index[0]),
                        npv,
                        prob_beats_first,
                    }
                })
                .collect();
            Some(Compared {
                name: p.name.clone(),
                index,
                differences,
            })
        })
        .collect()
}

//! `somsim compare`: scenarios side by side, and each one's paired difference from the first.
//!
//! All scenarios run with the same seed and number of trials, so inputs with the same name get
//! the same draws in every scenario (common random numbers). The difference of two scenarios is
//! taken trial by trial: it measures the scenarios' difference, not sampling noise. A scenario
//! compared with itself differs by exactly zero in every trial.

use indexmap::IndexMap;
use serde::Serialize;

use super::base::*;
use super::cea::CostEffectivenessView;
use super::number::*;
use crate::analysis::Comparison;

/// The comparison of several scenarios (`somsim compare`).
#[derive(Debug, Serialize)]
pub struct CompareReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// The seed every scenario ran with.
    pub seed: u64,
    /// The version of the random streams (a seed reproduces a run within one version).
    pub stream_version: u32,
    /// Trials per scenario.
    pub trials: usize,
    /// In the order given; differences are against the first.
    pub scenarios: Vec<ScenarioRef>,
    /// Perspectives that every scenario has, in the first scenario's order.
    pub perspectives: IndexMap<String, ComparedPerspective>,
    /// Every scenario's contracts, in scenario order: the investor's and payers' results on
    /// the same trials (common random numbers), as `somsim run` reports them.
    pub contracts: Vec<ComparedContract>,
    /// Each scenario after the first against the first: the cost-effectiveness of the paired
    /// differences (`ΔdE`, `ΔdC`) of the non-monetary outcomes both have, trial by trial.
    /// Empty when no such outcome is shared.
    pub cost_effectiveness: Vec<PairedCostEffectiveness>,
}

/// One scenario against the first: the cost-effectiveness of its differences.
#[derive(Debug, Serialize)]
pub struct PairedCostEffectiveness {
    /// The scenario's file.
    pub file: String,
    /// The first scenario's file (the comparator).
    pub versus: String,
    /// As `cost_effectiveness` of `somsim run`, on the differences `this − first` (no EVPPI:
    /// the two scenarios' inputs differ).
    pub analysis: super::cea::CostEffectivenessView,
}

/// One contract of a compared scenario.
#[derive(Debug, Serialize)]
pub struct ComparedContract {
    /// The scenario's number in `scenarios`, from 1.
    pub scenario: usize,
    /// The scenario's file.
    pub file: String,
    /// The contract, as in `somsim run --format json`.
    pub contract: super::contract::ContractView,
}

/// A compared scenario's name and file.
#[derive(Debug, Serialize)]
pub struct ScenarioRef {
    /// The scenario's name.
    pub name: String,
    /// The scenario file.
    pub file: String,
}

/// One perspective across the compared scenarios.
#[derive(Debug, Serialize)]
pub struct ComparedPerspective {
    /// One per scenario, in order.
    pub scenarios: Vec<ComparedScenario>,
    /// One per scenario after the first: that scenario minus the first, trial by trial.
    pub differences: Vec<Difference>,
}

/// One scenario's results for the perspective.
#[derive(Debug, Serialize)]
pub struct ComparedScenario {
    /// The scenario's file.
    pub file: String,
    /// The exact base-case NPV.
    pub base_npv: MoneyF,
    /// The NPV distribution over trials, DKK.
    pub npv: NpvStatsView,
    /// Share of trials with NPV > 0.
    pub prob_npv_positive: Prob,
    /// When the perspective breaks even, over the trials.
    pub break_even: BreakEvenView,
}

/// A scenario minus the first, trial by trial (common random numbers).
#[derive(Debug, Serialize)]
pub struct Difference {
    /// The scenario, minus `versus`.
    pub file: String,
    /// The first scenario's file.
    pub versus: String,
    /// Base case NPV difference.
    pub base_npv_difference: MoneyF,
    /// NPV(scenario) - NPV(first scenario) over trials.
    pub npv_difference: NpvStatsView,
    /// Share of trials in which the scenario's NPV is larger than the first's.
    pub prob_beats_first: Prob,
}

impl From<&Comparison<'_, '_>> for CompareReport {
    /// The report of several runs, each after the first against the first.
    fn from(c: &Comparison) -> CompareReport {
        let runs = c.runs;
        let first = &runs[0];
        let mut perspectives = IndexMap::new();
        for p in &c.compared {
            let scenarios = (runs.iter().zip(&p.index))
                .filter_map(|(r, &j)| {
                    let s = &r.summaries()?.summary.perspectives[j];
                    Some(ComparedScenario {
                        file: r.model.file.clone(),
                        base_npv: MoneyF(crate::decimal::to_f64(r.ledger.perspectives[j].npv)),
                        npv: (&s.npv).into(),
                        prob_npv_positive: Prob(s.prob_npv_positive),
                        break_even: BreakEvenView::new(r.model, &s.break_even),
                    })
                })
                .collect();
            let differences = (runs.iter().skip(1).zip(&p.differences))
                .map(|(r, d)| Difference {
                    file: r.model.file.clone(),
                    versus: first.model.file.clone(),
                    base_npv_difference: MoneyF(crate::decimal::to_f64(d.base)),
                    npv_difference: (&d.npv).into(),
                    prob_beats_first: Prob(d.prob_beats_first),
                })
                .collect();
            perspectives.insert(
                p.name.clone(),
                ComparedPerspective {
                    scenarios,
                    differences,
                },
            );
        }
        let mc = first.monte_carlo.as_ref();
        CompareReport {
            schema_version: SCHEMA_VERSION,
            seed: first.seed,
            stream_version: crate::sampler::STREAM_VERSION,
            trials: mc.map_or(0, |m| m.outputs.trials),
            scenarios: (runs.iter())
                .map(|r| ScenarioRef {
                    name: r.model.name.clone(),
                    file: r.model.file.clone(),
                })
                .collect(),
            perspectives,
            contracts: (runs.iter().enumerate())
                .flat_map(|(i, r)| {
                    let mut views = super::contract::views(r.model, &r.ledger.contracts);
                    if let (Some(s), Some(mc)) = (r.summaries(), &r.monte_carlo) {
                        super::contract::add_risk(r.model, &mut views, &s.risk, &mc.outstanding);
                    }
                    views.into_iter().map(move |contract| ComparedContract {
                        scenario: i + 1,
                        file: r.model.file.clone(),
                        contract,
                    })
                })
                .collect(),
            cost_effectiveness: (c.paired.iter())
                .map(|p| {
                    let r = &runs[p.run];
                    let mut view = CostEffectivenessView::paired(
                        (first.model, &first.ledger),
                        (r.model, &r.ledger),
                        &p.outcomes,
                        &p.perspectives,
                    );
                    view.add_monte_carlo(&p.analysis.lambda, &p.analysis.analyses, &[]);
                    PairedCostEffectiveness {
                        file: r.model.file.clone(),
                        versus: first.model.file.clone(),
                        analysis: view,
                    }
                })
                .collect(),
        }
    }
}

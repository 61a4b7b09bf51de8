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
    /// The scenarios as options beside doing nothing (option 0), per non-monetary outcome
    /// every scenario has (`src/comparison/options.rs`). Empty when none is shared.
    pub options: Vec<OptionsView>,
}

/// The scenarios as options for one non-monetary outcome.
#[derive(Debug, Serialize)]
pub struct OptionsView {
    /// The outcome's name.
    pub outcome: String,
    /// The options: `none` (doing nothing: no units, no cost), then each scenario's file.
    pub options: Vec<String>,
    /// Prices per unit λ, kroner.
    pub lambda: Vec<f64>,
    /// Per perspective every scenario has.
    pub perspectives: IndexMap<String, OptionsPerspective>,
}

/// The options from one perspective.
#[derive(Debug, Serialize)]
pub struct OptionsPerspective {
    /// Each option's mean discounted units.
    pub mean_effect: Vec<f64>,
    /// Each option's mean net cost (−NPV), DKK.
    pub mean_cost: Vec<MoneyF>,
    /// Each option's place on the efficient frontier of the means: `{status: efficient,
    /// icer}` (ICER against the next less effective efficient option), `{status:
    /// strongly_dominated, by}` or `{status: extendedly_dominated, between: [a, b]}` (option
    /// indices).
    pub frontier: Vec<crate::comparison::options::Frontier>,
    /// P(best) of each option at each λ, `[λ][option]`; each row sums to 1.
    pub prob_best: Vec<Vec<f64>>,
    /// The acceptability frontier (CEAF): at each λ, the option with the largest expected net
    /// benefit.
    pub ceaf: Vec<usize>,
    /// The expected net benefit of each option at each λ, `[λ][option]`, DKK.
    pub expected_net_benefit: Vec<Vec<MoneyF>>,
    /// The expected loss of each option at each λ, `[λ][option]`, DKK.
    pub expected_loss: Vec<Vec<MoneyF>>,
    /// EVPI over the options at each λ, DKK (the smallest expected loss).
    pub evpi: Vec<MoneyF>,
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
            options: (c.options.iter())
                .map(|o| OptionsView {
                    outcome: first.model.non_monetary[o.index[0]].name.clone(),
                    options: std::iter::once("none".to_owned())
                        .chain(runs.iter().map(|r| r.model.file.clone()))
                        .collect(),
                    lambda: o.lambda.clone(),
                    perspectives: (c.compared.iter().zip(&o.perspectives))
                        .map(|(cp, v)| {
                            let money = |x: &[f64]| x.iter().map(|v| MoneyF(*v)).collect();
                            let view = OptionsPerspective {
                                mean_effect: v.mean_effect.clone(),
                                mean_cost: money(&v.mean_cost),
                                frontier: v.frontier.clone(),
                                prob_best: v
                                    .at_prices
                                    .iter()
                                    .map(|a| a.prob_best.clone())
                                    .collect(),
                                ceaf: v.at_prices.iter().map(|a| a.best).collect(),
                                expected_net_benefit: (v.at_prices.iter())
                                    .map(|a| money(&a.mean_net_benefit))
                                    .collect(),
                                expected_loss: (v.at_prices.iter())
                                    .map(|a| money(&a.expected_loss))
                                    .collect(),
                                evpi: v.at_prices.iter().map(|a| MoneyF(a.evpi)).collect(),
                            };
                            (cp.name.clone(), view)
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

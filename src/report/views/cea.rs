//! The cost-effectiveness of the non-monetary outcomes (`cost_effectiveness` in JSON): the base
//! case from the ledger, and after a Monte Carlo the ICER, the cost per unit, the
//! acceptability curve and the value of information, per perspective; as a table and as CSV.

use rust_decimal::Decimal;
use serde::Serialize;

use super::base::*;
use super::number::*;
use crate::cea::{Analysis, Quadrant};
use crate::ledger::Ledger;
use crate::model::Model;

/// The cost-effectiveness analysis (`cost_effectiveness`; null when the scenario has no
/// non-monetary outcome).
#[derive(Debug, Serialize)]
pub struct CostEffectivenessView {
    /// The prices per unit `λ` (kroner per unit) at which `ceac`, `expected_net_benefit`,
    /// `evpi` and `evppi` are given; empty when no Monte Carlo ran.
    pub lambda: Vec<f64>,
    /// Each non-monetary outcome, in the scenario's order.
    pub outcomes: Vec<CeOutcomeView>,
    /// Whether a non-monetary outcome has a welfare value: the `society` perspective's net
    /// cost then already counts it as a gain, and its price per unit is what a unit must be
    /// worth beyond that value.
    pub society_counts_welfare: bool,
}

/// One non-monetary outcome.
#[derive(Debug, Serialize)]
pub struct CeOutcomeView {
    /// The outcome's name.
    pub name: String,
    /// What one unit is, in words.
    pub unit: String,
    /// Whether the units `dE` are discounted with the scenario's schedule.
    pub discounted: bool,
    /// Base case: the units `dE` (discounted unless `discounted` is false).
    pub base_effect: Num,
    /// Per perspective, in the model's order.
    pub perspectives: Vec<CePerspectiveView>,
}

/// One outcome from one perspective.
#[derive(Debug, Serialize)]
pub struct CePerspectiveView {
    /// The perspective's name.
    pub perspective: String,
    /// Base case: the present-value net cost `dC = −NPV`, exact to the øre.
    pub base_cost: Money,
    /// Base case: `dC / dE`, kroner per unit; null when `dE` is 0.
    pub base_cost_per_unit: Option<Money>,
    /// Over the trials; null when no Monte Carlo ran.
    pub monte_carlo: Option<CeMcView>,
}

/// One outcome from one perspective over the trials (`docs/model.md`, "Cost-effectiveness").
#[derive(Debug, Serialize)]
pub struct CeMcView {
    /// `E[dE]`, units.
    pub mean_effect: f64,
    /// `E[dC]`, kroner (negative: a net saving).
    pub mean_cost: MoneyF,
    /// `E[dC] / E[dE]`, kroner per unit; null when `E[dE]` is 0.
    pub icer: Option<MoneyF>,
    /// Where the means lie: `dominant` (more units, net saving), `costs_more` (more units at a
    /// cost), `dominated` (fewer units at a cost), `saves_with_fewer_units`, or `same_units`
    /// (the units are the same in every trial: only the costs differ).
    pub quadrant: Quadrant,
    /// `λ*`, the price per unit at which `E[IB] = 0`: the ICER for `costs_more` (worth it
    /// above `λ*`) and `saves_with_fewer_units` (worth it below), 0 for `dominant`, null
    /// otherwise.
    pub threshold: Option<MoneyF>,
    /// `dC / dE` over the trials with `dE > 0`; null when there are none.
    pub cost_per_unit: Option<NpvStatsView>,
    /// Share of trials with `dE > 0`.
    pub prob_effect_positive: Prob,
    /// `P(IB(λ) > 0)` at each `lambda`: the cost-effectiveness acceptability curve.
    pub ceac: Vec<Prob>,
    /// Monte Carlo standard error of each `ceac` value.
    pub ceac_se: Vec<Prob>,
    /// `E[IB(λ)] = λ·E[dE] − E[dC]` at each `lambda`, kroner.
    pub expected_net_benefit: Vec<MoneyF>,
    /// EVPI(λ) at each `lambda`, kroner.
    pub evpi: Vec<MoneyF>,
    /// EVPPI(λ) of each uncertain input at each `lambda`, kroner: with `run --evppi`, and in
    /// `somsim report`; empty otherwise, and for a comparison.
    pub evppi: Vec<EvppiView>,
    /// At each `lambda`, the EVPPI an input unrelated to the result gets at these trials (the
    /// binned estimator's noise floor: mean + 2 sd over random partitions), kroner; an EVPPI at
    /// or below it cannot be told from noise. Empty when `evppi` is.
    pub evppi_noise_floor: Vec<MoneyF>,
    /// The cost-effectiveness plane the report and workbook draw: `(trial, dE, dC)` of at most
    /// [`crate::cea::PLANE_POINTS`] trials, evenly spaced ([`crate::cea::plane_trials`]). Not
    /// in JSON (`--samples` gives every trial's `dE` and `dC`).
    #[serde(skip)]
    pub plane: Vec<(usize, f64, f64)>,
}

/// One input's EVPPI over the prices.
#[derive(Debug, Serialize)]
pub struct EvppiView {
    /// The input's name.
    pub input: String,
    /// EVPPI(λ) at each `lambda`, kroner.
    pub values: Vec<MoneyF>,
}

impl CeOutcomeView {
    /// The perspective whose cost-effectiveness plane is drawn: `asked` if it has one, else
    /// `public`, else `kommune`, else the first with trials; `None` without a Monte Carlo.
    pub fn plane_perspective(&self, asked: Option<&str>) -> Option<usize> {
        let has = |n: &str| {
            (self.perspectives.iter()).position(|p| {
                p.perspective == n && p.monte_carlo.as_ref().is_some_and(|m| !m.plane.is_empty())
            })
        };
        (asked.iter().chain(&["public", "kommune"]))
            .find_map(|n| has(n))
            .or_else(|| {
                (self.perspectives.iter())
                    .position(|p| p.monte_carlo.as_ref().is_some_and(|m| !m.plane.is_empty()))
            })
    }
}

impl CePerspectiveView {
    /// The base case of a perspective: net cost `cost` (dC) for `effect` units (dE).
    fn base(perspective: &str, cost: Decimal, effect: Decimal) -> CePerspectiveView {
        CePerspectiveView {
            perspective: perspective.to_owned(),
            base_cost: Money(cost),
            base_cost_per_unit: cost.checked_div(effect).map(Money),
            monte_carlo: None,
        }
    }
}

/// Whether any non-monetary outcome of `model` has a welfare value.
fn welfare_valued(model: &Model) -> bool {
    model.non_monetary.iter().any(|n| n.welfare.is_some())
}

impl CostEffectivenessView {
    /// The base case from the ledger; `None` without non-monetary outcomes.
    pub fn base(model: &Model, ledger: &Ledger) -> Option<CostEffectivenessView> {
        if ledger.non_monetary.is_empty() {
            return None;
        }
        let outcomes = (model.non_monetary.iter().zip(&ledger.non_monetary))
            .map(|(n, r)| CeOutcomeView {
                name: n.name.clone(),
                unit: n.unit.clone(),
                discounted: n.discounted,
                base_effect: Num(r.pv_units),
                perspectives: (model.perspectives.iter().zip(&ledger.perspectives))
                    .map(|(p, l)| {
                        CePerspectiveView::base(&p.name, Decimal::ZERO - l.npv, r.pv_units)
                    })
                    .collect(),
            })
            .collect();
        Some(CostEffectivenessView {
            lambda: Vec::new(),
            outcomes,
            society_counts_welfare: welfare_valued(model),
        })
    }

    /// Scenario `b` against the first, `a`, on the non-monetary `outcomes` and the
    /// `perspectives` both have (pairs of indices: in `a`, in `b`): the exact differences of
    /// the base case (`b − a`).
    pub fn paired(
        a: (&Model, &Ledger),
        b: (&Model, &Ledger),
        outcomes: &[(usize, usize)],
        perspectives: &[(usize, usize)],
    ) -> CostEffectivenessView {
        CostEffectivenessView {
            society_counts_welfare: welfare_valued(a.0) || welfare_valued(b.0),
            lambda: Vec::new(),
            outcomes: (outcomes.iter())
                .map(|&(i, k)| {
                    let (n, effect) = (
                        &a.0.non_monetary[i],
                        b.1.non_monetary[k].pv_units - a.1.non_monetary[i].pv_units,
                    );
                    CeOutcomeView {
                        name: n.name.clone(),
                        unit: n.unit.clone(),
                        discounted: n.discounted && b.0.non_monetary[k].discounted,
                        base_effect: Num(effect),
                        perspectives: (perspectives.iter())
                            .map(|&(pi, pk)| {
                                let cost = a.1.perspectives[pi].npv - b.1.perspectives[pk].npv;
                                CePerspectiveView::base(&a.0.perspectives[pi].name, cost, effect)
                            })
                            .collect(),
                    }
                })
                .collect(),
        }
    }

    /// Add the analyses over the trials: `analyses[outcome][perspective]`, at the prices
    /// `lambda`, with EVPPI named by `inputs`.
    pub fn add_monte_carlo(
        &mut self,
        lambda: &[f64],
        analyses: &[Vec<Analysis>],
        inputs: &[String],
    ) {
        self.lambda = lambda.to_vec();
        for (o, per) in self.outcomes.iter_mut().zip(analyses) {
            for (p, a) in o.perspectives.iter_mut().zip(per) {
                p.monte_carlo = Some(mc_view(a, inputs));
            }
        }
    }
}

/// The view of one analysis over the trials.
pub fn mc_view(a: &Analysis, inputs: &[String]) -> CeMcView {
    CeMcView {
        mean_effect: a.mean_effect,
        mean_cost: MoneyF(a.mean_cost),
        icer: a.icer.map(MoneyF),
        quadrant: a.quadrant,
        threshold: a.threshold.map(MoneyF),
        cost_per_unit: a.cost_per_unit.as_ref().map(Into::into),
        prob_effect_positive: Prob(a.prob_effect_positive),
        ceac: a.curve.iter().map(|p| Prob(p.prob)).collect(),
        ceac_se: a.curve.iter().map(|p| Prob(p.se)).collect(),
        expected_net_benefit: a.curve.iter().map(|p| MoneyF(p.mean_net_benefit)).collect(),
        evpi: a.curve.iter().map(|p| MoneyF(p.evpi)).collect(),
        evppi: (inputs.iter().zip(&a.evppi))
            .map(|(name, v)| EvppiView {
                input: name.clone(),
                values: v.iter().map(|x| MoneyF(*x)).collect(),
            })
            .collect(),
        evppi_noise_floor: a.evppi_noise_floor.iter().map(|x| MoneyF(*x)).collect(),
        plane: a.plane.clone(),
    }
}

//! A contract's capital stack in a run's report: per tranche, its terms, the base case from
//! the exact ledger and its results over the trials (`contracts[].stack` in JSON).

use rust_decimal::Decimal;
use serde::Serialize;

use super::base::{NpvStatsView, RateStatsView};
use super::number::*;
use crate::contracts::stack::TrancheSummary;
use crate::ledger::contracts::TrancheResult;
use crate::model::Model;
use crate::model::contract::Contract;

/// One tranche of a contract's capital stack.
#[derive(Debug, Serialize)]
pub struct TrancheView {
    /// The tranche's name.
    pub name: String,
    /// The payer whose capital it is.
    pub investor: String,
    /// `senior`, `junior` or `first_loss`.
    pub seniority: &'static str,
    /// Its share of the investment each year.
    pub share: f64,
    /// The yearly rate its claim accrues at (0: its principal only).
    pub coupon: f64,
    /// Its gate: committed from `from` if the test is met; null without one.
    pub gate: Option<GateView>,
    /// The base case (inputs at their means), exact to the øre.
    pub base: TrancheBaseView,
    /// Over the Monte Carlo trials; null when none ran.
    pub monte_carlo: Option<TrancheMcView>,
}

/// A tranche's gate.
#[derive(Debug, Serialize)]
pub struct GateView {
    /// The first calendar year it puts up its share, if the test is met.
    pub from: i32,
    /// The test: an input's value, or a metric's units in the years before `from`.
    pub when: super::terms::TriggerView,
}

/// A tranche in the base case.
#[derive(Debug, Serialize)]
pub struct TrancheBaseView {
    /// Per calendar year: what it put in, what it got back by the waterfall, and its net.
    pub years: Vec<TrancheYearView>,
    /// Whether its gate is met at the inputs' means; null without a gate.
    pub gate_met: Option<bool>,
    /// What it put in, in all: its part of the investment and of the management fee.
    pub invested: Money,
    /// Its part of the management fee, in all.
    pub fee: Money,
    /// What it got back, in all.
    pub received: Money,
    /// Received / invested; null when nothing is invested.
    pub moic: Option<f64>,
    /// Its IRR; -1 when nothing is received; null when undefined.
    pub irr: Option<f64>,
    /// max(0, invested - received).
    pub loss: Money,
}

/// One year of a tranche in the base case.
#[derive(Debug, Serialize)]
pub struct TrancheYearView {
    /// Calendar year.
    pub year: i32,
    /// Its part of the investment paid that year.
    pub invested: Money,
    /// Its part of the management fee that year.
    pub fee: Money,
    /// What the waterfall paid it that year.
    pub received: Money,
    /// received - invested - fee.
    pub net: Money,
}

/// A tranche over the Monte Carlo trials: the same statistics as the contract's investor.
#[derive(Debug, Serialize)]
pub struct TrancheMcView {
    /// IRR over the trials where it is defined; null if in none.
    pub irr: Option<RateStatsView>,
    /// Share of trials where its IRR is undefined.
    pub irr_undefined: Prob,
    /// Share of trials whose flows have several IRRs.
    pub irr_several_roots: Prob,
    /// MOIC (received / invested).
    pub moic: Option<RateStatsView>,
    /// Its net result, received - invested, DKK (undiscounted).
    pub net: NpvStatsView,
    /// P(MOIC < 1).
    pub prob_loss: Prob,
    /// Mean of max(0, invested - received), DKK.
    pub expected_loss: MoneyF,
    /// Mean of the worst 5% of its net result, DKK.
    pub worst_5pct_mean: MoneyF,
    /// The share of trials where its gate is met; null without a gate.
    pub prob_gate_met: Option<Prob>,
    /// The mean of its part of the management fee, DKK.
    pub mean_fee: MoneyF,
}

/// The base-case view of contract `c`'s tranches.
pub fn tranches(model: &Model, c: &Contract, results: &[TrancheResult]) -> Vec<TrancheView> {
    let f = crate::decimal::to_f64;
    (c.stack.iter().zip(results))
        .map(|(t, r)| TrancheView {
            name: t.name.clone(),
            investor: model.payers[t.investor].clone(),
            seniority: t.seniority.key(),
            share: f(t.share),
            coupon: f(t.coupon),
            gate: t.gate.as_ref().map(|g| GateView {
                from: model.year(g.from),
                when: super::terms::test(model, &g.when),
            }),
            base: TrancheBaseView {
                gate_met: r.gate_met,
                fee: Money(r.fee.iter().sum()),
                years: (0..model.horizon)
                    .map(|y| TrancheYearView {
                        year: model.year(y),
                        invested: Money(r.invested[y]),
                        fee: Money(r.fee[y]),
                        received: Money(r.received[y]),
                        net: Money(r.returns.flows[y]),
                    })
                    .collect(),
                invested: Money(r.returns.total_invested),
                received: Money(r.returns.total_received),
                moic: r.returns.moic.map(|m: Decimal| f(m)),
                irr: r.returns.irr,
                loss: Money(r.returns.loss),
            },
            monte_carlo: None,
        })
        .collect()
}

/// Add each tranche's results over the trials.
pub fn add_risk(views: &mut [TrancheView], summaries: &[TrancheSummary]) {
    for (v, s) in views.iter_mut().zip(summaries) {
        let r = &s.results;
        v.monte_carlo = Some(TrancheMcView {
            irr: r.irr.as_ref().map(Into::into),
            irr_undefined: Prob(r.irr_undefined),
            irr_several_roots: Prob(r.irr_several),
            moic: r.moic.as_ref().map(Into::into),
            net: (&r.net).into(),
            prob_loss: Prob(r.prob_loss),
            expected_loss: MoneyF(r.expected_loss),
            worst_5pct_mean: MoneyF(r.worst_tail_mean),
            prob_gate_met: s.gate_met.map(Prob),
            mean_fee: MoneyF(s.mean_fee),
        });
    }
}

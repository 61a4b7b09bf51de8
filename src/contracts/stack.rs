//! The tranches of a contract's capital stack over the trials: each tranche's results by the
//! same statistics as the contract's investor ([`super::investor_stats`]).

use super::{InvestorFields, InvestorStats, investor_stats};
use crate::kernel::{StackFields, tranche_field as tf};
use crate::model::contract::stack::Seniority;
use crate::model::{Contract, PayerId};
use crate::montecarlo::{self, Outputs};

/// One tranche's results over the trials.
#[derive(Clone, Debug, PartialEq)]
pub struct TrancheSummary {
    pub name: String,
    pub investor: PayerId,
    pub seniority: Seniority,
    /// Its share of the investment.
    pub share: f64,
    pub results: InvestorStats,
    /// The share of trials where its gate is met; `None` without a gate.
    pub gate_met: Option<f64>,
    /// The mean over the trials of its part of the management fee.
    pub mean_fee: f64,
}

/// Where tranche `i`'s results are in a contract row kept at `at`.
pub fn fields(at: StackFields, i: usize) -> InvestorFields {
    InvestorFields {
        invested: at.field(i, tf::INVESTED),
        received: at.field(i, tf::RECEIVED),
        irr: at.field(i, tf::IRR),
        moic: at.field(i, tf::MOIC),
        loss: at.field(i, tf::LOSS),
        several_irrs: at.field(i, tf::SEVERAL_IRRS),
    }
}

/// Contract `k`'s tranches over the trials of `out`, whose rows keep them at `at`.
pub fn tranches(out: &Outputs, k: usize, c: &Contract, at: StackFields) -> Vec<TrancheSummary> {
    let results = montecarlo::par_columns(at.tranches, |i| investor_stats(out, k, fields(at, i)));
    let n = out.trials as f64;
    let mean = |i: usize, f: usize| out.contract_field(k, at.field(i, f)).iter().sum::<f64>() / n;
    (c.stack.iter().zip(results).enumerate())
        .map(|(i, (t, results))| TrancheSummary {
            name: t.name.clone(),
            investor: t.investor,
            seniority: t.seniority,
            share: crate::decimal::to_f64(t.share),
            results,
            gate_met: t.gate.as_ref().map(|_| mean(i, tf::GATE)),
            mean_fee: mean(i, tf::FEE),
        })
        .collect()
}

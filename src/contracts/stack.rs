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
    (c.stack.iter().zip(results))
        .map(|(t, results)| TrancheSummary {
            name: t.name.clone(),
            investor: t.investor,
            seniority: t.seniority,
            share: crate::decimal::to_f64(t.share),
            results,
        })
        .collect()
}

//! A contract's terms as agreed (what the investor pre-finances, which cohorts count, who
//! repays, the floor, the guarantee and the gain share), for every format to show beside the
//! settlement: the rate card's prices, lags, caps and triggers are in
//! [`super::contract::RateItemView`].

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;

use super::number::*;
use crate::model::Model;
use crate::model::contract::{Contract, Metric, RateItem, Trigger, TriggerOn};

/// A contract's terms beyond its rate card.
#[derive(Debug, Serialize)]
pub struct TermsView {
    /// The cost lines the investor pays a share of, and in which years.
    pub prefinance: Vec<PrefinanceView>,
    /// Fixed amounts the investor pays to a payer.
    pub tranches: Vec<TrancheView>,
    /// The calendar years whose completers count for the rate card and gain share.
    pub cohorts: Vec<i32>,
    /// Who repays the investor, with each payer's share of every payment.
    pub outcome_payers: IndexMap<String, f64>,
    /// The floor (afkastgulv) as a share of the principal; null: no floor.
    pub floor_share: Option<f64>,
    /// The most the guarantor pays (underskudsgaranti); null: no guarantee.
    pub guarantee_amount: Option<Money>,
    /// The share of named payers' realised savings paid to the investor; null: none.
    pub gain_share: Option<GainShareView>,
    /// The capital stack's management fee; null: none.
    pub management_fee: Option<FeeView>,
}

/// A capital stack's management fee.
#[derive(Debug, Serialize)]
pub struct FeeView {
    /// Who is paid.
    pub manager: String,
    /// The yearly rate on the capital outstanding, called from the tranches through the end
    /// of the term.
    pub rate: f64,
}

/// A cost line the investor pays a share of.
#[derive(Debug, Serialize)]
pub struct PrefinanceView {
    /// The cost line's name.
    pub cost: String,
    /// The share of the line the investor pays (1: all of it).
    pub share: f64,
    /// The calendar years it pays in.
    pub years: Vec<i32>,
}

/// A fixed amount the investor pays.
#[derive(Debug, Serialize)]
pub struct TrancheView {
    /// Kroner each year.
    pub amount: Money,
    /// The calendar years it is paid in.
    pub years: Vec<i32>,
    /// The payer it is paid to.
    pub to: String,
}

/// A gain share.
#[derive(Debug, Serialize)]
pub struct GainShareView {
    /// The share of the savings paid.
    pub share: f64,
    /// The payers whose savings are shared.
    pub of: Vec<String>,
    /// Years from the saving to the payment.
    pub lag: usize,
}

/// A rate-card item's trigger: the item pays nothing in a trial where the input (or the
/// metric's units by the end of the term) misses the threshold.
#[derive(Debug, Serialize)]
pub struct TriggerView {
    /// The input it reads, as the file names it; null: it reads a metric.
    pub input: Option<String>,
    /// The metric whose units by the end of the term it reads (`completers`, or an outcome's
    /// name as shown); null: it reads an input.
    pub metric: Option<String>,
    /// The least value that meets it; null: no lower bound.
    pub at_least: Option<f64>,
    /// The greatest value that meets it; null: no upper bound.
    pub at_most: Option<f64>,
}

/// The calendar years whose flag is set.
fn years(model: &Model, flags: &[bool]) -> Vec<i32> {
    (flags.iter().enumerate())
        .filter(|(_, on)| **on)
        .map(|(t, _)| model.year(t))
        .collect()
}

fn f(d: Decimal) -> f64 {
    crate::decimal::to_f64(d)
}

/// The terms of contract `c`.
pub fn terms(model: &Model, c: &Contract) -> TermsView {
    let payer = |p: usize| model.payers[p].clone();
    TermsView {
        prefinance: (c.prefinance.iter())
            .map(|p| PrefinanceView {
                cost: model.costs[p.cost].name.clone(),
                share: f(p.share),
                years: years(model, &p.years),
            })
            .collect(),
        tranches: (c.tranches.iter())
            .map(|t| TrancheView {
                amount: Money(t.amount),
                years: years(model, &t.years),
                to: payer(t.to),
            })
            .collect(),
        cohorts: years(model, &c.cohorts),
        outcome_payers: (c.outcome_payers.iter())
            .map(|(p, s)| (payer(*p), f(*s)))
            .collect(),
        floor_share: c.floor.map(|(s, _)| f(s)),
        guarantee_amount: c.guarantee.map(|(_, g)| Money(g)),
        gain_share: c.gain_share.as_ref().map(|g| GainShareView {
            share: f(g.share),
            of: g.payers.iter().map(|p| payer(*p)).collect(),
            lag: g.lag,
        }),
        management_fee: c.management_fee.as_ref().map(|m| FeeView {
            manager: m.manager.clone(),
            rate: f(m.rate),
        }),
    }
}

/// The metric an item pays for, by name (`completers`, or the outcome's name as shown).
pub fn metric(model: &Model, item: &RateItem) -> String {
    metric_name(model, item.metric)
}

fn metric_name(model: &Model, metric: Metric) -> String {
    match metric {
        Metric::Completers => "completers".to_owned(),
        Metric::NonMonetary(i) => model.non_monetary[i].name.clone(),
        Metric::Avoided(i) => model.outcomes[i].name.clone(),
    }
}

/// An item's trigger; `None` without one.
pub fn trigger(model: &Model, item: &RateItem) -> Option<TriggerView> {
    item.trigger.as_ref().map(|t| test(model, t))
}

/// What a trigger (or a gate) tests, and its bounds.
pub fn test(model: &Model, t: &Trigger) -> TriggerView {
    TriggerView {
        input: matches!(t.on, TriggerOn::Input(_)).then(|| t.what.clone()),
        metric: match t.on {
            TriggerOn::Metric(m) => Some(metric_name(model, m)),
            TriggerOn::Input(_) => None,
        },
        at_least: t.at_least.map(f),
        at_most: t.at_most.map(f),
    }
}

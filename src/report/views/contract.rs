//! Contracts in a run's report: the base case from the exact ledger, the investor's and the
//! payers' risk over the trials, as JSON fields (`contracts`) and a table for people.

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;

pub use super::base::RateStatsView;
use super::base::*;
use super::number::*;
use crate::contracts::ContractSummary;
use crate::ledger::contracts::ContractResult;
use crate::model::Model;

/// One contract: its terms, the base case and, after a Monte Carlo, the risk.
#[derive(Debug, Serialize)]
pub struct ContractView {
    /// The contract's name.
    pub name: String,
    /// The payer that pre-finances and is repaid.
    pub investor: String,
    /// Where the terms come from, or `illustration`.
    pub source: Option<String>,
    /// Calendar year of the last repayment.
    pub last_year: i32,
    /// The payer that guarantees the investor's capital; null: no guarantee.
    pub guarantor: Option<String>,
    /// The payer that tops the investor's receipts up to the floor; null: no floor.
    pub floor_payer: Option<String>,
    /// The return cap (average annual rate); null: none.
    pub return_cap: Option<f64>,
    /// The contract cap in kroner; null: none.
    pub cap: Option<Money>,
    /// The investor's cost of capital (hurdle rate); absent: none stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hurdle_rate: Option<f64>,
    /// The terms beyond the rate card: pre-financing, cohorts, outcome payers, floor,
    /// guarantee and gain share.
    pub terms: super::terms::TermsView,
    /// The rate card: per item, its name, metric, price per unit, lag, cap and trigger.
    pub rate_card: Vec<RateItemView>,
    /// The base case (inputs at their means), exact to the øre.
    pub base: ContractBaseView,
    /// Over the Monte Carlo trials; null when none ran.
    pub monte_carlo: Option<ContractMcView>,
    /// The capital stack: per tranche, its terms and results (`docs/output.md`); absent
    /// without a stack.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stack: Vec<super::stack::TrancheView>,
}

/// One rate-card item.
#[derive(Debug, Serialize)]
pub struct RateItemView {
    /// The item's name (the metric, unless named).
    pub name: String,
    /// What it pays for: `completers`, or the name of the outcome whose units it counts.
    pub metric: String,
    /// Kroner per unit.
    pub price: Money,
    /// Years from cohort (or avoided use) to payment.
    pub lag: usize,
    /// The most paid for the item; null: no cap.
    pub cap: Option<Money>,
    /// The trigger: the item pays nothing in a trial where its input misses the threshold;
    /// null: no trigger.
    pub trigger: Option<super::terms::TriggerView>,
    /// Whether the trigger is met in the base case; null: no trigger.
    pub trigger_met: Option<bool>,
    /// Units counted in the base case, by the year they fall due (a measured metric at its
    /// expected measured value).
    pub units: IndexMap<String, f64>,
    /// Where the price comes from.
    pub source: Option<String>,
    /// How the metric is measured (`randomised`, `comparison`, `pre_post`, `register
    /// (Poisson)`, `register (negative binomial)`); absent: the true value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<&'static str>,
    /// How the trigger's input is measured; absent: the true value (or no trigger).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_measured: Option<&'static str>,
}

/// The base case of a contract.
#[derive(Debug, Serialize)]
pub struct ContractBaseView {
    /// Per calendar year: invested (pre-financing and tranches), due before caps, paid, and the
    /// investor's net flow (received - invested).
    pub years: Vec<ContractYearView>,
    /// What the investor paid in all.
    pub invested: Money,
    /// Payments, floor top-up and guarantee.
    pub received: Money,
    /// The floor payer's top-up at the end of the term.
    pub floor_top_up: Money,
    /// The guarantor's payment at the end of the term.
    pub guarantee_draw: Money,
    /// Received / invested; null when nothing is invested.
    pub moic: Option<f64>,
    /// The investor's IRR; -1 when nothing is received; null when undefined.
    pub irr: Option<f64>,
    /// max(0, invested - received).
    pub loss: Money,
    /// Per payer: NPV with the contract minus without (PV of its contract flows).
    pub delta: IndexMap<String, Money>,
    /// The caps that cut a payment in the base case (`item:<name>`, `cap`, `return_cap`).
    pub caps_bound: Vec<String>,
    /// The investor's NPV at the hurdle rate, discounted to the first year with a flow;
    /// absent without a hurdle rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hurdle_npv: Option<Money>,
    /// The most capital outstanding at a year's end (invested so far less received).
    pub peak_outstanding: Money,
    /// The calendar year of that peak (the first, if several).
    pub peak_year: i32,
}

/// One year of a contract in the base case.
#[derive(Debug, Serialize)]
pub struct ContractYearView {
    /// Calendar year.
    pub year: i32,
    /// Pre-financing and tranches paid by the investor.
    pub invested: Money,
    /// Rate card and gain share due, before caps.
    pub due: Money,
    /// Outcome payments after every cap.
    pub paid: Money,
    /// The investor's net flow: received - invested.
    pub investor_net: Money,
}

/// A contract over the Monte Carlo trials.
#[derive(Debug, Serialize)]
pub struct ContractMcView {
    /// IRR over the trials where it is defined (a rate, e.g. 0.05); null if in none.
    pub irr: Option<RateStatsView>,
    /// The IRR's histogram over the trials where it is defined (edges are rates).
    pub irr_histogram: Option<super::HistogramView<Prob>>,
    /// Share of trials where the IRR is undefined.
    pub irr_undefined: Prob,
    /// Share of trials whose flows have several IRRs: the IRR counted is the root nearest 10%
    /// (as a spreadsheet's IRR with its default guess finds).
    pub irr_several_roots: Prob,
    /// MOIC (received / invested).
    pub moic: Option<RateStatsView>,
    /// The MOIC's histogram.
    pub moic_histogram: Option<super::HistogramView<Prob>>,
    /// The investor's net result, received - invested, DKK (undiscounted).
    pub investor_net: NpvStatsView,
    /// P(MOIC < 1).
    pub prob_loss: Prob,
    /// Mean of max(0, invested - received), DKK.
    pub expected_loss: MoneyF,
    /// Mean of the worst 5% of the investor's net result, DKK.
    pub worst_5pct_mean: MoneyF,
    /// Per rate-card item: P(its cap cuts a payment).
    pub prob_item_cap_binds: IndexMap<String, Prob>,
    /// Per rate-card item: P(its trigger is met).
    pub prob_trigger_met: IndexMap<String, Prob>,
    /// P(the contract cap cuts a payment).
    pub prob_cap_binds: Prob,
    /// P(the return cap cuts a payment).
    pub prob_return_cap_binds: Prob,
    /// P(the floor payer tops up).
    pub prob_floor_used: Prob,
    /// Mean floor top-up, DKK.
    pub mean_floor_top_up: MoneyF,
    /// P(the guarantee is drawn).
    pub prob_guarantee_drawn: Prob,
    /// Mean guarantee draw, DKK.
    pub mean_guarantee_draw: MoneyF,
    /// Per payer: its delta (NPV with the contract minus without) and P(delta < 0), the
    /// probability it would have done better financing the intervention itself.
    pub delta: IndexMap<String, DeltaView>,
    /// The investor's NPV at the hurdle rate over the trials, and P(it is below 0); absent
    /// without a hurdle rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hurdle_npv: Option<HurdleView>,
    /// The most capital outstanding in a trial (invested so far less received, at a year's
    /// end), DKK.
    pub peak_outstanding: NpvStatsView,
    /// Calendar year -> the share of trials whose peak falls in it (years with none left out).
    pub peak_year: IndexMap<String, Prob>,
    /// Per calendar year, the capital outstanding at its end over the trials, DKK.
    pub outstanding_by_year: IndexMap<String, NpvStatsView>,
    /// Per rate-card item paid or triggered on a measured value; absent when the contract
    /// pays on true values only.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub measured: IndexMap<String, MeasuredItemView>,
    /// The contract against the ideal one (the same trials paid on the true values); absent
    /// when the contract pays on true values only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versus_ideal: Option<VersusIdealView>,
}

/// The investor's NPV at its hurdle rate over the trials.
#[derive(Debug, Serialize)]
pub struct HurdleView {
    /// The NPV, DKK.
    pub npv: NpvStatsView,
    /// P(NPV < 0): the contract earns less than the investor's cost of capital.
    pub prob_below_zero: Prob,
}

/// A rate-card item paid or triggered on a measured value, over the trials.
#[derive(Debug, Serialize)]
pub struct MeasuredItemView {
    /// How the metric is measured (`true` when only the trigger is measured).
    pub measured: &'static str,
    /// How the trigger's input is measured; null: no trigger.
    pub trigger_measured: Option<&'static str>,
    /// P(the trigger is met on the true value of its input).
    pub prob_trigger_met_true: Prob,
    /// P(met on the measured value | met on the true value): the measurement's power; null
    /// when the true value never meets it.
    pub prob_met_given_true_met: Option<Prob>,
    /// P(met on the measured value | missed on the true value); null when the true value
    /// always meets it.
    pub prob_met_given_true_missed: Option<Prob>,
    /// Mean over trials of what falls due for the item over the term before caps, DKK.
    pub mean_due: MoneyF,
    /// The same on the true value (its trigger judged on the true value), DKK.
    pub mean_due_true: MoneyF,
    /// The share of what falls due that pays for measurement error:
    /// mean(sum of max(0, due - due on the true value)) / mean(due); null when nothing falls due.
    pub error_share: Option<Prob>,
    /// A measured trigger on an uncertain input: P(met on the measured value) by the true
    /// value of the input, in five bins of equal counts of trials (empty otherwise).
    pub power_curve: Vec<PowerBinView>,
}

/// One bin of a power curve.
#[derive(Debug, Serialize)]
pub struct PowerBinView {
    /// The lowest true value in the bin.
    pub true_from: f64,
    /// The highest true value in the bin.
    pub true_to: f64,
    /// P(the trigger is met on the measured value) in the bin.
    pub prob_met: Prob,
    /// Trials in the bin.
    pub trials: usize,
}

/// A measured contract against the ideal one, on the same trials: each pair is
/// `[measured, ideal]`.
#[derive(Debug, Serialize)]
pub struct VersusIdealView {
    /// Mean MOIC.
    pub moic_mean: [Prob; 2],
    /// P(MOIC < 1).
    pub prob_loss: [Prob; 2],
    /// Mean of max(0, invested - received), DKK.
    pub expected_loss: [MoneyF; 2],
    /// Mean received by the investor, DKK.
    pub mean_received: [MoneyF; 2],
    /// P(the measured contract pays the investor more than the ideal one).
    pub prob_paid_more: Prob,
    /// P(it pays less).
    pub prob_paid_less: Prob,
    /// Per payer the contract moves money for: mean delta (DKK) and P(delta < 0).
    pub payers: IndexMap<String, PayerVersusView>,
}

/// A payer under the measured and the ideal contract: `[measured, ideal]`.
#[derive(Debug, Serialize)]
pub struct PayerVersusView {
    /// Mean of its delta (NPV with the contract minus without), DKK.
    pub mean_delta: [MoneyF; 2],
    /// P(delta < 0).
    pub prob_worse: [Prob; 2],
}

/// A payer's delta over trials.
#[derive(Debug, Serialize)]
pub struct DeltaView {
    /// NPV with the contract minus without, DKK.
    pub delta: NpvStatsView,
    /// P(delta < 0).
    pub prob_worse: Prob,
}

/// The base-case view of every contract of `model`.
pub fn views(model: &Model, results: &[ContractResult]) -> Vec<ContractView> {
    let f = |d: Decimal| crate::decimal::to_f64(d);
    model
        .contracts
        .iter()
        .zip(results)
        .map(|(c, r)| {
            let due = |t: usize| -> Decimal {
                r.items.iter().map(|i| i.due[t]).sum::<Decimal>() + r.gain_due[t]
            };
            let mut caps_bound: Vec<String> = c
                .rate_card
                .iter()
                .enumerate()
                .filter(|(k, _)| r.bound.items >> k & 1 == 1)
                .map(|(_, i)| format!("item:{}", i.name))
                .collect();
            if r.bound.cap {
                caps_bound.push("cap".into());
            }
            if r.bound.return_cap {
                caps_bound.push("return_cap".into());
            }
            ContractView {
                name: c.name.clone(),
                investor: model.payers[c.investor].clone(),
                source: c.source.clone(),
                last_year: model.year(c.last_year),
                guarantor: c.guarantee.map(|(g, _)| model.payers[g].clone()),
                floor_payer: c.floor.map(|(_, p)| model.payers[p].clone()),
                return_cap: c.return_cap.map(f),
                cap: c.cap.map(Money),
                hurdle_rate: c.hurdle_rate.map(f),
                terms: super::terms::terms(model, c),
                rate_card: c
                    .rate_card
                    .iter()
                    .zip(&r.items)
                    .map(|(i, ir)| RateItemView {
                        name: i.name.clone(),
                        metric: super::terms::metric(model, i),
                        price: Money(i.price),
                        lag: i.lag,
                        cap: i.cap.map(Money),
                        trigger: super::terms::trigger(model, i),
                        trigger_met: ir.trigger_met,
                        units: ir
                            .units
                            .iter()
                            .enumerate()
                            .map(|(t, u)| (model.year(t).to_string(), f(u.round_dp(12))))
                            .collect(),
                        source: i.source.clone(),
                        measured: (!i.measured.is_true()).then(|| i.measured.kind()),
                        trigger_measured: (i.trigger.as_ref())
                            .filter(|t| !t.measured.is_true())
                            .map(|t| t.measured.kind()),
                    })
                    .collect(),
                base: ContractBaseView {
                    years: (0..model.horizon)
                        .map(|t| ContractYearView {
                            year: model.year(t),
                            invested: Money(r.invested[t]),
                            due: Money(due(t)),
                            paid: Money(r.paid[t]),
                            investor_net: Money(r.investor_flows[t]),
                        })
                        .collect(),
                    invested: Money(r.total_invested),
                    received: Money(r.total_received),
                    floor_top_up: Money(r.end.top_up),
                    guarantee_draw: Money(r.end.guarantee),
                    moic: r.moic.map(f),
                    irr: r.irr,
                    loss: Money(r.loss),
                    delta: model
                        .payers
                        .iter()
                        .zip(&r.delta)
                        .map(|(p, d)| (p.clone(), Money(*d)))
                        .collect(),
                    caps_bound,
                    hurdle_npv: r.hurdle_npv.map(Money),
                    peak_outstanding: Money(r.peak_outstanding),
                    peak_year: model.year(r.peak_year),
                },
                monte_carlo: None,
                stack: super::stack::tranches(model, c, &r.stack),
            }
        })
        .collect()
}

/// Add each contract's risk over the trials, with its capital outstanding year by year where it
/// was kept (one per contract, or none).
pub fn add_risk(
    model: &Model,
    views: &mut [ContractView],
    summaries: &[ContractSummary],
    outstanding: &[Vec<crate::stats::Distribution>],
) {
    for (k, ((v, c), s)) in views
        .iter_mut()
        .zip(&model.contracts)
        .zip(summaries)
        .enumerate()
    {
        let items = |xs: &[f64]| {
            c.rate_card
                .iter()
                .zip(xs)
                .map(|(i, p)| (i.name.clone(), Prob(*p)))
                .collect()
        };
        super::stack::add_risk(&mut v.stack, &s.stack);
        v.monte_carlo = Some(ContractMcView {
            irr: s.irr.as_ref().map(Into::into),
            irr_histogram: s.irr_histogram.as_ref().map(Into::into),
            irr_undefined: Prob(s.irr_undefined),
            irr_several_roots: Prob(s.irr_several),
            moic: s.moic.as_ref().map(Into::into),
            moic_histogram: s.moic_histogram.as_ref().map(Into::into),
            investor_net: (&s.net).into(),
            prob_loss: Prob(s.prob_loss),
            expected_loss: MoneyF(s.expected_loss),
            worst_5pct_mean: MoneyF(s.worst_tail_mean),
            prob_item_cap_binds: items(&s.prob_item_cap_binds),
            prob_trigger_met: items(&s.prob_trigger_met),
            prob_cap_binds: Prob(s.prob_cap_binds),
            prob_return_cap_binds: Prob(s.prob_return_cap_binds),
            prob_floor_used: Prob(s.prob_floor_used),
            mean_floor_top_up: MoneyF(s.mean_top_up),
            prob_guarantee_drawn: Prob(s.prob_guarantee_drawn),
            mean_guarantee_draw: MoneyF(s.mean_guarantee),
            delta: model
                .payers
                .iter()
                .zip(&s.delta)
                .map(|(p, (d, worse))| {
                    (
                        p.clone(),
                        DeltaView {
                            delta: d.into(),
                            prob_worse: Prob(*worse),
                        },
                    )
                })
                .collect(),
            hurdle_npv: s.hurdle_npv.as_ref().map(|(d, below)| HurdleView {
                npv: d.into(),
                prob_below_zero: Prob(*below),
            }),
            peak_outstanding: (&s.peak_outstanding).into(),
            peak_year: (s.peak_year.iter().enumerate())
                .filter(|(_, p)| **p > 0.0)
                .map(|(t, p)| (model.year(t).to_string(), Prob(*p)))
                .collect(),
            outstanding_by_year: outstanding
                .get(k)
                .map(|y| {
                    (y.iter().enumerate())
                        .map(|(t, d)| (model.year(t).to_string(), d.into()))
                        .collect()
                })
                .unwrap_or_default(),
            measured: (s.measured.iter())
                .map(|m| {
                    (
                        c.rate_card[m.item].name.clone(),
                        MeasuredItemView {
                            measured: m.measured,
                            trigger_measured: m.trigger_measured,
                            prob_trigger_met_true: Prob(m.prob_trigger_true),
                            prob_met_given_true_met: m.prob_met_if_true_met.map(Prob),
                            prob_met_given_true_missed: m.prob_met_if_true_missed.map(Prob),
                            mean_due: MoneyF(m.mean_due),
                            mean_due_true: MoneyF(m.mean_due_true),
                            error_share: m.error_share.map(Prob),
                            power_curve: (m.power_curve.iter())
                                .map(|b| PowerBinView {
                                    true_from: b.from,
                                    true_to: b.to,
                                    prob_met: Prob(b.prob_met),
                                    trials: b.trials,
                                })
                                .collect(),
                        },
                    )
                })
                .collect(),
            versus_ideal: s.versus_ideal.as_ref().map(|v| VersusIdealView {
                moic_mean: v.moic_mean.map(Prob),
                prob_loss: v.prob_loss.map(Prob),
                expected_loss: v.expected_loss.map(MoneyF),
                mean_received: v.mean_received.map(MoneyF),
                prob_paid_more: Prob(v.prob_paid_more),
                prob_paid_less: Prob(v.prob_paid_less),
                payers: (v.payers.iter())
                    .map(|p| {
                        (
                            model.payers[p.payer].clone(),
                            PayerVersusView {
                                mean_delta: p.mean_delta.map(MoneyF),
                                prob_worse: p.prob_worse.map(Prob),
                            },
                        )
                    })
                    .collect(),
            }),
        });
    }
}

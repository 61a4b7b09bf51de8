//! `somsim settle`: a contract's settlement statement on actual data and the forecast of its
//! end result given the data (`docs/output.md`, "Settlement").

use indexmap::IndexMap;
use serde::Serialize;

use super::number::*;
use crate::contracts::forecast::{Conditioned, Forecast, SMALL_ESS, Weighted};
use crate::contracts::settle::Statement;
use crate::model::Model;

/// The settlement and the forecast (`somsim settle`).
#[derive(Debug, Serialize)]
pub struct SettleReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// The scenario's name.
    pub scenario: String,
    /// The contract (or scenario) file.
    pub file: String,
    /// The actuals file.
    pub actuals: String,
    /// The contract's name.
    pub contract: String,
    /// The investor (a payer).
    pub investor: String,
    /// The first and the last year observed.
    pub first_year: i32,
    /// The last observed year.
    pub last_year: i32,
    /// The last year of the term.
    pub term_end: i32,
    /// The statement of the observed years.
    pub statement: StatementView,
    /// The forecast of the end of the term given the data.
    pub forecast: ForecastView,
}

/// What one municipality pays of the payments.
#[derive(Debug, Serialize)]
pub struct MunicipalityPaidView {
    /// Its name.
    pub municipality: String,
    /// Its share of every payment.
    pub key: Num,
    /// Per observed year, to the øre.
    pub paid: Vec<Money>,
}

/// The statement of the observed years; money to the øre.
#[derive(Debug, Serialize)]
pub struct StatementView {
    /// One row per observed year.
    pub years: Vec<YearView>,
    /// One per rate-card item.
    pub items: Vec<ItemView>,
    /// Per municipality: its share of the payments (the repayment key on the data: its share
    /// of the window's completers observed so far) and what it pays each year; the last
    /// municipality with a share takes the øre the rounding leaves. Empty with no completers.
    pub paid_by_municipality: Vec<MunicipalityPaidView>,
    /// Per tranche of the contract's capital stack, each observed year's investment, fee and
    /// payment shared by the waterfall (`docs/model.md`, "Capital stack"); empty without a
    /// stack.
    pub tranches: Vec<TrancheShareView>,
    /// The stack's management fee, a year, of the capital outstanding (null: none).
    pub management_fee: Option<Num>,
    /// Invested over the observed years.
    pub total_invested: Money,
    /// Paid, with the floor's top-up and the guarantee's draw when the term has ended.
    pub total_received: Money,
    /// Whether the term's last year is observed.
    pub term_ended: bool,
    /// The floor's top-up and the guarantee's draw (null before the end of the term).
    pub top_up: Option<Money>,
    /// The guarantee's draw (null before the end of the term).
    pub guarantee: Option<Money>,
    /// The rate-card items whose cap cut a payment, by key.
    pub item_caps_bound: Vec<String>,
    /// Whether the contract cap cut a payment.
    pub cap_bound: bool,
    /// The contract's cap on all payments (null: none).
    pub cap: Option<Money>,
    /// The return cap's highest average annual return (null: none).
    pub return_cap: Option<Num>,
    /// The floor as a share of the principal (null: none).
    pub floor: Option<Num>,
    /// The most the guarantee pays (null: none).
    pub guarantee_amount: Option<Money>,
    /// The payers that pay the investor, in the order of `paid_by`: each one's share of the
    /// outcome payments, and whether it is the floor payer or the guarantor.
    pub payer_terms: Vec<PayerTermsView>,
    /// Whether the return cap cut a payment.
    pub return_cap_bound: bool,
}

/// A payer's part in the payments.
#[derive(Debug, Serialize)]
pub struct PayerTermsView {
    /// The payer.
    pub payer: String,
    /// Its share of the outcome payments.
    pub share: Num,
    /// Whether it tops up to the floor.
    pub floor: bool,
    /// Whether it is the guarantor.
    pub guarantor: bool,
}

/// One observed year.
#[derive(Debug, Serialize)]
pub struct YearView {
    /// The calendar year.
    pub year: i32,
    /// Completers of the contract's cohorts observed.
    pub completers: Num,
    /// What the investor paid that year.
    pub invested: Money,
    /// Sum of the items' due, before caps.
    pub due: Money,
    /// Paid to the investor that year, after every cap.
    pub paid: Money,
    /// The return-cap account after the payment (null without a return cap).
    pub return_cap_account: Option<Money>,
    /// Per payer (by name): what it pays the investor, with the floor and the guarantee in
    /// the last year of the term.
    pub paid_by: IndexMap<String, Money>,
}

/// One tranche of the contract's capital stack: how the waterfall shared the observed years.
#[derive(Debug, Serialize)]
pub struct TrancheShareView {
    /// The tranche's name.
    pub name: String,
    /// The payer whose capital it is.
    pub investor: String,
    /// `senior`, `junior` or `first_loss`.
    pub seniority: &'static str,
    /// Its share of the investment.
    pub share: Num,
    /// The yearly rate its claim accrues at.
    pub coupon: Num,
    /// The first calendar year its gate may commit it (null without a gate).
    pub gate_from: Option<i32>,
    /// Whether its gate is met as observed; null without a gate or before its year is
    /// observed.
    pub gate_met: Option<bool>,
    /// Per observed year: its part of the investment and of the fee, what the waterfall paid
    /// it, and its net, to the øre.
    pub years: Vec<super::stack::TrancheYearView>,
    /// Put in over the observed years: its part of the investment and of the fee.
    pub invested: Money,
    /// Of it, the fee.
    pub fee: Money,
    /// Received over the observed years.
    pub received: Money,
}

/// One rate-card item.
#[derive(Debug, Serialize)]
pub struct ItemView {
    /// The key `outcomes_achieved[KEY]` names.
    pub key: String,
    /// The name shown to people.
    pub name: String,
    /// Kroner per unit.
    pub price: Money,
    /// Years from the units to their payment.
    pub lag: usize,
    /// The item's cap over the term (null: none).
    pub cap: Option<Money>,
    /// Units per year, by the year their payment falls due.
    pub units: Vec<Num>,
    /// Due per year, before caps.
    pub due: Vec<Money>,
    /// Due after the last observed year for units already observed, before caps.
    pub due_later: Money,
    /// Of it, what the item's cap still allows, where the cap cuts it; null: it does not.
    pub due_later_within_cap: Option<Money>,
    /// Its trigger as observed (null: none).
    pub trigger: Option<TriggerView>,
}

/// A trigger as observed.
#[derive(Debug, Serialize)]
pub struct TriggerView {
    /// The input the trigger is on.
    pub input: String,
    /// Its measured value: the observed rows' mean, weighted by completers.
    pub measured: Num,
    /// The threshold's lower bound.
    pub at_least: Option<Num>,
    /// The threshold's upper bound.
    pub at_most: Option<Num>,
    /// Whether the measured value meets the threshold.
    pub met: bool,
}

/// The forecast given the data.
#[derive(Debug, Serialize)]
pub struct ForecastView {
    /// How the forecast conditions on the data: `importance weighting`.
    pub method: &'static str,
    /// The seed of the trials.
    pub seed: u64,
    /// The trials weighted.
    pub trials: usize,
    /// `(sum w)^2 / sum w^2` of the weights.
    pub effective_sample_size: f64,
    /// Whether the effective sample size is below the size a band can rest on.
    pub small_sample: bool,
    /// Whether no trial explains the data (the forecast is then unconditioned).
    pub unexplained: bool,
    /// The uncertain inputs the data inform.
    pub conditioned_on: Vec<String>,
    /// The investor's IRR (over the trials where it is defined).
    pub irr: ConditionedView,
    /// The investor's MOIC.
    pub moic: ConditionedView,
    /// The investor's received - invested, DKK.
    pub investor_net: ConditionedView,
    /// The investor's NPV at the hurdle rate (null without one).
    pub hurdle_npv: Option<ConditionedView>,
    /// P(MOIC < 1) over the trials as drawn.
    pub prob_loss_before: Prob,
    /// P(MOIC < 1) given the data.
    pub prob_loss_given: Prob,
    /// Per payer: its delta (NPV with the contract minus without), DKK.
    pub payer_delta: IndexMap<String, ConditionedView>,
}

/// A result before the data (every trial weighted 1) and given it.
#[derive(Debug, Serialize)]
pub struct ConditionedView {
    /// Over the trials as drawn (every weight 1).
    pub before: Option<WeightedView>,
    /// Over the trials weighted by the data.
    pub given: Option<WeightedView>,
}

/// A weighted distribution.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct WeightedView {
    /// The weighted mean.
    pub mean: f64,
    /// The importance-sampling standard error of the mean.
    pub se: f64,
    /// The weighted 5% quantile.
    pub p5: f64,
    /// The weighted median.
    pub p50: f64,
    /// The weighted 95% quantile.
    pub p95: f64,
}

fn weighted(w: &Option<Weighted>) -> Option<WeightedView> {
    w.as_ref().map(|w| WeightedView {
        mean: w.mean,
        se: w.se,
        p5: w.p5,
        p50: w.p50,
        p95: w.p95,
    })
}

fn conditioned(c: &Conditioned) -> ConditionedView {
    ConditionedView {
        before: weighted(&c.prior),
        given: weighted(&c.given),
    }
}

/// The statement's tranches as the report shows them.
fn tranches(model: &Model, s: &Statement) -> Vec<TrancheShareView> {
    let c = &model.contracts[s.contract];
    let total = |xs: &[rust_decimal::Decimal]| Money(xs.iter().sum());
    (c.stack.iter().zip(&s.tranches))
        .map(|(tr, st)| TrancheShareView {
            name: tr.name.clone(),
            investor: model.payers[tr.investor].clone(),
            seniority: tr.seniority.key(),
            share: Num(tr.share),
            coupon: Num(tr.coupon),
            gate_from: tr.gate.as_ref().map(|g| model.year(g.from)),
            gate_met: st.gate_met,
            years: (0..s.years)
                .map(|t| super::stack::TrancheYearView {
                    year: model.year(t),
                    invested: Money(st.invested[t]),
                    fee: Money(st.fee[t]),
                    received: Money(st.received[t]),
                    net: Money(st.received[t] - st.invested[t] - st.fee[t]),
                })
                .collect(),
            invested: Money(st.invested.iter().chain(&st.fee).sum()),
            fee: total(&st.fee),
            received: total(&st.received),
        })
        .collect()
}

impl SettleReport {
    /// The report of `s` and `f` for `model`, whose actuals file is `actuals`.
    pub fn of(model: &Model, s: &Statement, f: &Forecast, actuals: &str, seed: u64) -> Self {
        let c = &model.contracts[s.contract];
        let payer = |p: usize| model.payers[p].clone();
        let years = (0..s.years)
            .map(|t| YearView {
                year: model.year(t),
                completers: Num(s.completers[t]),
                invested: Money(s.invested[t]),
                due: Money(s.due[t]),
                paid: Money(s.paid[t]),
                return_cap_account: s.account.as_ref().map(|a| Money(a[t])),
                paid_by: (s.payers.iter())
                    .map(|(p, xs)| (payer(*p), Money(xs[t])))
                    .collect(),
            })
            .collect();
        let items = (c.rate_card.iter().zip(&s.items))
            .map(|(r, i)| ItemView {
                key: r.key.clone(),
                name: r.name.clone(),
                price: Money(r.price),
                lag: r.lag,
                cap: r.cap.map(Money),
                units: i.units.iter().map(|u| Num(*u)).collect(),
                due: i.due.iter().map(|d| Money(*d)).collect(),
                due_later: Money(i.due_later),
                due_later_within_cap: i.due_later_within_cap.map(Money),
                trigger: (r.trigger.as_ref().zip(i.trigger)).map(|(t, (v, met))| TriggerView {
                    input: t.what.clone(),
                    measured: Num(v),
                    at_least: t.at_least.map(Num),
                    at_most: t.at_most.map(Num),
                    met,
                }),
            })
            .collect();
        let statement = StatementView {
            years,
            items,
            paid_by_municipality: (s.by_municipality.iter())
                .map(|(m, key, paid)| MunicipalityPaidView {
                    municipality: model.municipalities[*m].name.clone(),
                    key: Num(key.round_dp(12)),
                    paid: paid.iter().map(|x| Money(*x)).collect(),
                })
                .collect(),
            tranches: tranches(model, s),
            management_fee: (c.management_fee.as_ref()).map(|f| Num(f.rate)),
            total_invested: Money(s.total_invested),
            total_received: Money(s.total_received),
            term_ended: s.term_ended,
            top_up: s.end.map(|e| Money(e.top_up)),
            guarantee: s.end.map(|e| Money(e.guarantee)),
            item_caps_bound: (c.rate_card.iter().enumerate())
                .filter(|(k, _)| s.bound.items >> k & 1 == 1)
                .map(|(_, r)| r.key.clone())
                .collect(),
            cap_bound: s.bound.cap,
            cap: c.cap.map(Money),
            return_cap: c.return_cap.map(Num),
            floor: c.floor.map(|(f, _)| Num(f)),
            guarantee_amount: c.guarantee.map(|(_, g)| Money(g)),
            payer_terms: (s.payers.iter())
                .map(|(p, _)| PayerTermsView {
                    payer: payer(*p),
                    share: Num((c.outcome_payers.iter())
                        .find(|(q, _)| q == p)
                        .map_or(rust_decimal::Decimal::ZERO, |(_, s)| *s)),
                    floor: c.floor.is_some_and(|(_, q)| q == *p),
                    guarantor: c.guarantee.is_some_and(|(q, _)| q == *p),
                })
                .collect(),
            return_cap_bound: s.bound.return_cap,
        };
        let forecast = ForecastView {
            method: "importance weighting",
            seed,
            trials: f.trials,
            effective_sample_size: f.ess,
            small_sample: f.ess < SMALL_ESS,
            unexplained: f.unexplained,
            conditioned_on: f.conditioned_on.clone(),
            irr: conditioned(&f.irr),
            moic: conditioned(&f.moic),
            investor_net: conditioned(&f.net),
            hurdle_npv: f.hurdle_npv.as_ref().map(conditioned),
            prob_loss_before: Prob(f.prob_loss.0),
            prob_loss_given: Prob(f.prob_loss.1),
            payer_delta: (f.delta.iter())
                .map(|(p, c)| (payer(*p), conditioned(c)))
                .collect(),
        };
        SettleReport {
            schema_version: SCHEMA_VERSION,
            scenario: model.name.clone(),
            file: model.file.clone(),
            actuals: actuals.to_owned(),
            contract: c.name.clone(),
            investor: payer(c.investor),
            first_year: model.start_year,
            last_year: model.year(s.years - 1),
            term_end: model.year(c.last_year),
            statement,
            forecast,
        }
    }

    /// The trigger's threshold as a person reads it, each bound written by `n`, e.g.
    /// `≥ 0.15`.
    pub fn threshold(t: &TriggerView, n: impl Fn(&Num) -> String) -> String {
        match (&t.at_least, &t.at_most) {
            (Some(lo), Some(hi)) => format!("{}-{}", n(lo), n(hi)),
            (Some(lo), None) => format!("≥ {}", n(lo)),
            (None, Some(hi)) => format!("≤ {}", n(hi)),
            (None, None) => String::new(),
        }
    }
}

//! Contracts compiled for the trials: each term in `f64`, and the buffers a workspace holds
//! for them.

use super::super::Value;
use crate::model::Model;
use crate::model::contract::stack::StackTerms;
use crate::model::contract::{Metric, Terms, Threshold, TriggerOn};
use crate::model::measure::Measurement;

#[derive(Clone, Debug)]
pub(in crate::kernel) enum PMetric {
    Completers,
    NonMonetary(Value),
    Avoided(usize),
}

/// What a trigger reads: an input's draw, or a metric's units by the end of the term.
#[derive(Clone, Debug)]
pub(in crate::kernel) enum PTest {
    Input(Value),
    Metric(PMetric),
}

#[derive(Clone, Debug)]
pub(in crate::kernel) struct PItem {
    pub(in crate::kernel) metric: PMetric,
    pub(in crate::kernel) price: f64,
    pub(in crate::kernel) lag: usize,
    /// What a trigger reads, the bounds it must meet, and how it is measured.
    pub(in crate::kernel) trigger: Option<(PTest, Threshold<f64>, PMeasure)>,
    /// How the metric's units are measured.
    pub(in crate::kernel) measured: PMeasure,
}

/// A measurement compiled for the trials: the model's, the deadweight it reads (pre-post) and
/// the key of its random streams (one per year, unit 0 for a trigger).
#[derive(Clone, Debug)]
pub(in crate::kernel) struct PMeasure {
    pub(in crate::kernel) how: Measurement,
    pub(in crate::kernel) deadweight: Option<Value>,
    pub(in crate::kernel) key: u64,
}

impl PMeasure {
    fn new(how: &Measurement, key: &str, v: &dyn Fn(crate::model::Param) -> Value) -> PMeasure {
        let deadweight = match how {
            Measurement::Estimate(e) => e.deadweight.map(v),
            _ => None,
        };
        PMeasure {
            how: how.clone(),
            deadweight,
            key: crate::sampler::name_key(key),
        }
    }

    /// Whether it is the true value.
    pub(in crate::kernel) fn is_true(&self) -> bool {
        self.how.is_true()
    }
}

/// A fixed tranche the investor pays.
#[derive(Clone, Debug)]
pub(in crate::kernel) struct PTranche {
    pub(in crate::kernel) amount: f64,
    pub(in crate::kernel) years: Vec<bool>,
    /// The payer receiving it.
    pub(in crate::kernel) to: usize,
    /// Its split over municipalities (`None`: the national rows).
    pub(in crate::kernel) split: Vec<(Option<usize>, f64)>,
}

/// A gain share: a share of the named payers' realised savings, after a lag.
#[derive(Clone, Debug)]
pub(in crate::kernel) struct PGain {
    pub(in crate::kernel) share: f64,
    pub(in crate::kernel) lag: usize,
    /// Per outcome, the summed share of its unit price the named payers bear.
    pub(in crate::kernel) payer_shares: Vec<f64>,
}

/// A contract's pre-financing of a cost line.
#[derive(Clone, Debug)]
pub(in crate::kernel) struct PPrefinance {
    pub(in crate::kernel) contract: usize,
    pub(in crate::kernel) share: f64,
    pub(in crate::kernel) years: Vec<bool>,
}

#[derive(Clone, Debug)]
pub(in crate::kernel) struct PContract {
    pub(in crate::kernel) investor: usize,
    pub(in crate::kernel) tranches: Vec<PTranche>,
    pub(in crate::kernel) cohorts: Vec<bool>,
    pub(in crate::kernel) items: Vec<PItem>,
    pub(in crate::kernel) gain: Option<PGain>,
    pub(in crate::kernel) outcome_payers: Vec<(usize, f64)>,
    pub(in crate::kernel) terms: Terms<f64>,
    pub(in crate::kernel) floor_payer: Option<usize>,
    pub(in crate::kernel) guarantor: Option<usize>,
    pub(in crate::kernel) hurdle_rate: Option<f64>,
    /// The capital stack's terms (no tranche: the investor alone).
    pub(in crate::kernel) stack: StackTerms<f64>,
    /// Per tranche of the stack: its gate's test, its bounds and the year it commits from.
    pub(in crate::kernel) gates: Vec<Option<(PTest, Threshold<f64>, usize)>>,
}

/// One contract's buffers in a workspace.
#[derive(Clone, Debug)]
pub(in crate::kernel) struct ContractWs {
    pub(in crate::kernel) inv: Vec<f64>,
    /// Pre-financing per municipality (national last).
    pub(in crate::kernel) inv_slot: Vec<f64>,
    pub(in crate::kernel) due: Vec<f64>,
    /// `per_price[k * h + t]`: item k's due per krone of price.
    pub(in crate::kernel) per_price: Vec<f64>,
    pub(in crate::kernel) gain: Vec<f64>,
    /// The gain share's base: savings after the lag.
    pub(in crate::kernel) gain_base: Vec<f64>,
    /// The payers' deltas from the investment alone (before any payment).
    pub(in crate::kernel) delta_inv: Vec<f64>,
    pub(in crate::kernel) paid: Vec<f64>,
    pub(in crate::kernel) item_cum: Vec<f64>,
    pub(in crate::kernel) cohort: Vec<f64>,
    pub(in crate::kernel) by_muni: Vec<f64>,
    /// The window's units of the first non-monetary outcome.
    pub(in crate::kernel) window_gains: f64,
    pub(in crate::kernel) units: Vec<f64>,
    /// The named payers' savings per year, for the gain share.
    pub(in crate::kernel) saved: Vec<f64>,
    pub(in crate::kernel) flows: Vec<f64>,
    pub(in crate::kernel) delta: Vec<f64>,
    /// A measured item's units per year (before the lag), and the people measured each year.
    pub(in crate::kernel) measured: Vec<f64>,
    pub(in crate::kernel) people: Vec<f64>,
    /// A register's use expected without the course per year, the window's cohorts weighted
    /// by the baseline, and the survival by years since completion.
    pub(in crate::kernel) without: Vec<f64>,
    pub(in crate::kernel) cohort_base: Vec<f64>,
    pub(in crate::kernel) survival: Vec<f64>,
    /// Per item: what fell due on the measured value, on the true value, and the part of the
    /// first above the second, summed over the years (before caps); and the true value of the
    /// trigger's input (NaN without a trigger).
    pub(in crate::kernel) item_due: Vec<[f64; 4]>,
    /// What the investor side received per year, and each tranche's part of the investment and
    /// of that (`[i * h + t]`), and its claim in the waterfall.
    pub(in crate::kernel) received: Vec<f64>,
    pub(in crate::kernel) put: Vec<f64>,
    pub(in crate::kernel) fee: Vec<f64>,
    pub(in crate::kernel) got: Vec<f64>,
    /// The waterfall's scratch: claims, then what each tranche put up to date.
    pub(in crate::kernel) claim: Vec<f64>,
}

impl PContract {
    pub(in crate::kernel) fn compile(
        model: &Model,
        c: &crate::model::Contract,
        v: &dyn Fn(crate::model::Param) -> Value,
    ) -> PContract {
        let to = crate::decimal::to_f64;
        let metric = |m: Metric| match m {
            Metric::Completers => PMetric::Completers,
            Metric::NonMonetary(n) => PMetric::NonMonetary(v(model.non_monetary[n].per_completer)),
            Metric::Avoided(o) => PMetric::Avoided(o),
        };
        PContract {
            investor: c.investor,
            tranches: c
                .tranches
                .iter()
                .map(|t| PTranche {
                    amount: to(t.amount),
                    years: t.years.clone(),
                    to: t.to,
                    split: crate::model::allocation_groups(model, &t.allocation)
                        .iter()
                        .flat_map(|g| g.split.iter().map(|(m, s)| (*m, to(*s))))
                        .collect(),
                })
                .collect(),
            cohorts: c.cohorts.clone(),
            items: c
                .rate_card
                .iter()
                .map(|r| PItem {
                    metric: metric(r.metric),
                    price: to(r.price),
                    lag: r.lag,
                    trigger: r.trigger.as_ref().map(|t| {
                        let key = format!("measured\u{1f}{}\u{1f}{}\u{1f}trigger", c.key, r.key);
                        let test = match t.on {
                            TriggerOn::Input(p) => PTest::Input(v(p)),
                            TriggerOn::Metric(m) => PTest::Metric(metric(m)),
                        };
                        (test, t.threshold(), PMeasure::new(&t.measured, &key, v))
                    }),
                    measured: PMeasure::new(
                        &r.measured,
                        &format!("measured\u{1f}{}\u{1f}{}", c.key, r.key),
                        v,
                    ),
                })
                .collect(),
            gain: c.gain_share.as_ref().map(|g| PGain {
                share: to(g.share),
                lag: g.lag,
                payer_shares: (model.outcomes.iter())
                    .map(|o| {
                        (o.shares.iter())
                            .filter(|(p, _)| g.payers.contains(p))
                            .map(|(_, s)| to(*s))
                            .sum()
                    })
                    .collect(),
            }),
            outcome_payers: c.outcome_payers.iter().map(|(p, s)| (*p, to(*s))).collect(),
            terms: c.terms::<f64>(),
            floor_payer: c.floor.map(|(_, p)| p),
            guarantor: c.guarantee.map(|(g, _)| g),
            hurdle_rate: c.hurdle_rate.map(to),
            stack: StackTerms::of::<f64>(&c.stack, c.management_fee.as_ref(), c.last_year),
            gates: (c.stack.iter())
                .map(|t| {
                    t.gate.as_ref().map(|g| {
                        let test = match g.when.on {
                            TriggerOn::Input(p) => PTest::Input(v(p)),
                            TriggerOn::Metric(m) => PTest::Metric(metric(m)),
                        };
                        (test, g.when.threshold(), g.from)
                    })
                })
                .collect(),
        }
    }

    pub(in crate::kernel) fn workspace(&self, h: usize, nm: usize, payers: usize) -> ContractWs {
        let k = self.items.len();
        ContractWs {
            inv: vec![0.0; h],
            inv_slot: vec![0.0; nm + 1],
            due: vec![0.0; k * h],
            per_price: vec![0.0; k * h],
            gain: vec![0.0; h],
            gain_base: vec![0.0; h],
            delta_inv: vec![0.0; payers],
            paid: vec![0.0; h],
            item_cum: vec![0.0; k],
            cohort: vec![0.0; h],
            by_muni: vec![0.0; nm + 1],
            window_gains: 0.0,
            units: vec![0.0; h],
            saved: vec![0.0; h],
            flows: vec![0.0; h],
            delta: vec![0.0; payers],
            measured: vec![0.0; h],
            people: vec![0.0; h],
            without: vec![0.0; h],
            cohort_base: vec![0.0; h],
            survival: vec![0.0; h],
            item_due: vec![[0.0; 4]; k],
            received: vec![0.0; h],
            put: vec![0.0; self.stack.len() * h],
            fee: vec![0.0; self.stack.len() * h],
            got: vec![0.0; self.stack.len() * h],
            claim: vec![0.0; 2 * self.stack.len()],
        }
    }
}

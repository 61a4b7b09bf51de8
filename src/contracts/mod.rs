//! Investor and payer risk of each contract over Monte Carlo trials (`docs/model.md`,
//! "Contracts"): a pure function of the per-trial contract rows the kernel wrote.
//!
//! Every statistic runs over the trials in trial order, so it is as reproducible as the
//! trials: bit-identical for any thread count.

pub mod deal;
pub mod forecast;
pub mod measured;
pub mod settle;
pub mod solve;
pub mod stack;

use crate::kernel::{ContractYears, contract_field as field};
use crate::model::Contract;
use crate::montecarlo::{self, Outputs};
use crate::stats::{Distribution, Histogram, distribution, histogram};

/// The worst share of trials whose mean is the conditional value at risk.
pub const TAIL: f64 = 0.05;

/// A MOIC this close below 1 is rounding in `f64` (a guarantee that makes the investor whole
/// returns `inv - paid + paid`), not a loss.
pub const ROUNDING: f64 = 1e-12;

/// One contract's results over the trials.
#[derive(Clone, Debug, PartialEq)]
pub struct ContractSummary {
    /// The investor's results: IRR, MOIC, net result, P(loss), expected loss, worst tail.
    pub investor: InvestorStats,
    /// Per rate-card item: P(its cap cuts a payment).
    pub prob_item_cap_binds: Vec<f64>,
    /// Per rate-card item: P(its trigger is met) (1 without a trigger).
    pub prob_trigger_met: Vec<f64>,
    pub prob_cap_binds: f64,
    pub prob_return_cap_binds: f64,
    /// P(the floor payer tops up) and the mean top-up.
    pub prob_floor_used: f64,
    pub mean_top_up: f64,
    /// P(the guarantee is drawn) and the mean draw.
    pub prob_guarantee_drawn: f64,
    pub mean_guarantee: f64,
    /// Per payer: the distribution of delta (NPV with the contract minus without) and
    /// P(delta < 0).
    pub delta: Vec<(Distribution, f64)>,
    /// The investor's NPV at the contract's hurdle rate and P(it is below 0); `None` without a
    /// hurdle rate.
    pub hurdle_npv: Option<(Distribution, f64)>,
    /// The most capital outstanding in a trial (invested so far less received, at a year's
    /// end), over the trials.
    pub peak_outstanding: Distribution,
    /// Per year offset from the start, up to the latest, the share of trials whose peak falls
    /// in that year.
    pub peak_year: Vec<f64>,
    /// The rate-card items paid or triggered on a measured value ([`measured::items`]);
    /// empty when every measurement is `true`.
    pub measured: Vec<measured::ItemMeasurement>,
    /// The contract against the ideal one, which pays on the true value
    /// ([`measured::versus_ideal`]); `None` when every measurement is `true`.
    pub versus_ideal: Option<measured::VersusIdeal>,
    /// The capital stack's tranches ([`stack::tranches`]); empty without a stack.
    pub stack: Vec<stack::TrancheSummary>,
}

/// A contract's summary reads as its investor's results (`summary.irr`, `summary.prob_loss`),
/// which a tranche of its stack shares the type of.
impl std::ops::Deref for ContractSummary {
    type Target = InvestorStats;
    fn deref(&self) -> &InvestorStats {
        &self.investor
    }
}

/// Where an investor's results are in a contract row: the contract's own investor
/// ([`InvestorFields::CONTRACT`]), or a tranche of its stack ([`stack::fields`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvestorFields {
    pub invested: usize,
    pub received: usize,
    pub irr: usize,
    pub moic: usize,
    pub loss: usize,
    pub several_irrs: usize,
}

impl InvestorFields {
    /// The contract's investor side as a whole.
    pub const CONTRACT: InvestorFields = InvestorFields {
        invested: field::INVESTED,
        received: field::RECEIVED,
        irr: field::IRR,
        moic: field::MOIC,
        loss: field::LOSS,
        several_irrs: field::SEVERAL_IRRS,
    };
}

/// An investor's results over the trials.
#[derive(Clone, Debug, PartialEq)]
pub struct InvestorStats {
    /// IRR over the trials where it is defined; `None` when it is defined in none.
    pub irr: Option<Distribution>,
    /// Its histogram, for a chart.
    pub irr_histogram: Option<Histogram>,
    /// Share of trials where the IRR is undefined (the flows do not change sign).
    pub irr_undefined: f64,
    /// Share of trials whose flows have several IRRs (the one nearest 10% is counted).
    pub irr_several: f64,
    /// MOIC (received / invested); `None` when nothing is invested in any trial.
    pub moic: Option<Distribution>,
    /// Its histogram, for a chart.
    pub moic_histogram: Option<Histogram>,
    /// The net result, received - invested, in kroner.
    pub net: Distribution,
    /// P(MOIC < 1), below 1 by more than [`ROUNDING`].
    pub prob_loss: f64,
    /// Mean of max(0, invested - received).
    pub expected_loss: f64,
    /// Mean of the worst [`TAIL`] of the net result (CVaR).
    pub worst_tail_mean: f64,
}

/// The results over the trials of `out` of the investor whose fields in contract `k`'s rows
/// are `at`: the IRR (and the share of trials where it is undefined), the MOIC (and
/// P(loss)), the net result (and its worst tail's mean), each column on its own in trial
/// order.
pub fn investor_stats(out: &Outputs, k: usize, at: InvestorFields) -> InvestorStats {
    let col = |f: usize| out.contract_field(k, f);
    let n = out.trials as f64;
    let share =
        |xs: &[f64], pred: &dyn Fn(f64) -> bool| xs.iter().filter(|x| pred(**x)).count() as f64 / n;
    let irr = || {
        let irr = col(at.irr);
        let undefined = share(&irr, &f64::is_nan);
        (defined(irr), undefined)
    };
    let moic = || {
        let moic = col(at.moic);
        let loss = share(&moic, &|x| x < 1.0 - ROUNDING);
        (defined(moic), loss)
    };
    let net = || {
        let (invested, received) = (col(at.invested), col(at.received));
        let mut net: Vec<f64> = received.iter().zip(&invested).map(|(r, i)| r - i).collect();
        let tail = worst_mean(&mut net, TAIL);
        (distribution(&mut net), tail)
    };
    let (((irr, irr_undefined), (moic, prob_loss)), (net, worst_tail_mean)) =
        montecarlo::join(|| montecarlo::join(irr, moic), net);
    let (irr, irr_histogram) = irr.unzip();
    let (moic, moic_histogram) = moic.unzip();
    InvestorStats {
        irr,
        irr_histogram,
        irr_undefined,
        irr_several: share(&col(at.several_irrs), &|x| x > 0.0),
        moic,
        moic_histogram,
        net,
        prob_loss,
        expected_loss: col(at.loss).iter().sum::<f64>() / n,
        worst_tail_mean,
    }
}

/// The summary of contract `k` of `out`, which has `items` rate-card items. The columns are
/// summarised in parallel, each on its own in trial order.
pub fn summarize(out: &Outputs, k: usize, items: usize) -> ContractSummary {
    let col = |f: usize| out.contract_field(k, f);
    let n = out.trials as f64;
    let share =
        |xs: &[f64], pred: &dyn Fn(f64) -> bool| xs.iter().filter(|x| pred(**x)).count() as f64 / n;
    let mean = |xs: &[f64]| xs.iter().sum::<f64>() / n;
    // The investor's results, and each payer's delta (and P(delta < 0)).
    let delta = || {
        montecarlo::par_columns(out.payers, |p| {
            let mut d = col(field::DELTA + p);
            let worse = share(&d, &|x| x < 0.0);
            (distribution(&mut d), worse)
        })
    };
    let (investor, delta) =
        montecarlo::join(|| investor_stats(out, k, InvestorFields::CONTRACT), delta);
    let (item_caps, triggers) = (col(field::ITEM_CAPS), col(field::TRIGGERS));
    let bit = |c: &[f64], i: usize| share(c, &|x| (x as u64) >> i & 1 == 1);
    let top = col(field::TOP_UP);
    let gua = col(field::GUARANTEE);
    ContractSummary {
        investor,
        prob_item_cap_binds: (0..items).map(|i| bit(&item_caps, i)).collect(),
        prob_trigger_met: (0..items).map(|i| bit(&triggers, i)).collect(),
        prob_cap_binds: share(&col(field::CAP), &|x| x > 0.0),
        prob_return_cap_binds: share(&col(field::RETURN_CAP), &|x| x > 0.0),
        prob_floor_used: share(&top, &|x| x > 0.0),
        mean_top_up: mean(&top),
        prob_guarantee_drawn: share(&gua, &|x| x > 0.0),
        mean_guarantee: mean(&gua),
        delta,
        hurdle_npv: hurdle_npv(&col(field::HURDLE_NPV)),
        peak_outstanding: distribution(&mut col(field::PEAK_OUTSTANDING)),
        peak_year: peak_year(&col(field::PEAK_YEAR)),
        measured: Vec::new(),
        versus_ideal: None,
        stack: Vec::new(),
    }
}

/// A contract's flows year by year over the trials, each `[year]`.
#[derive(Clone, Debug)]
pub struct YearBands {
    /// What the investor paid.
    pub invested: Vec<Distribution>,
    /// What fell due before any cap.
    pub due: Vec<Distribution>,
    /// What the investor received: payments, and at the end of the term the floor's top-up
    /// and the guarantee.
    pub received: Vec<Distribution>,
    /// Capital outstanding at the year's end: invested so far less received, at least 0.
    pub outstanding: Vec<Distribution>,
    /// Per payer that pays the investor (outcome payers, the floor payer, the guarantor), in
    /// the order they first appear: its payments to the investor.
    pub payers: Vec<(crate::model::PayerId, Vec<Distribution>)>,
}

/// Contract `k`'s flows year by year over the trials of `out`, whose rows kept them at `y`.
pub fn years(out: &Outputs, k: usize, c: &Contract, y: ContractYears) -> YearBands {
    let h = y.horizon;
    let column = |at: usize, t: usize| out.contract_field(k, at + t);
    let (top, gua) = (
        col_of(out, k, field::TOP_UP),
        col_of(out, k, field::GUARANTEE),
    );
    let last = c.last_year.min(h - 1);
    // Payer p's payment in year t: its share of the payments, and its part at the end.
    let mut payers: Vec<(usize, f64, bool, bool)> = (c.outcome_payers.iter())
        .map(|(p, s)| (*p, crate::decimal::to_f64(*s), false, false))
        .collect();
    let mut add =
        |p: usize, floor: bool, guarantor: bool| match payers.iter_mut().find(|x| x.0 == p) {
            Some(x) => {
                x.2 |= floor;
                x.3 |= guarantor;
            }
            None => payers.push((p, 0.0, floor, guarantor)),
        };
    if let Some((_, p)) = c.floor {
        add(p, true, false);
    }
    if let Some((p, _)) = c.guarantee {
        add(p, false, true);
    }
    let received = |t: usize| -> Vec<f64> {
        let mut r = column(y.paid, t);
        if t == last {
            for ((r, a), b) in r.iter_mut().zip(&top).zip(&gua) {
                *r += a + b;
            }
        }
        r
    };
    let outstanding = outstanding(out, k, c, y);
    let parts = 4 + payers.len();
    let cells = montecarlo::par_columns(parts * h, |c| {
        let (part, t) = (c / h, c % h);
        let mut values = match part {
            0 => column(y.invested, t),
            1 => column(y.due, t),
            2 => received(t),
            3 => return outstanding[t],
            p => {
                let (_, share, floor, guarantor) = payers[p - 4];
                let mut x: Vec<f64> = column(y.paid, t).iter().map(|v| v * share).collect();
                if t == last {
                    for ((x, a), b) in x.iter_mut().zip(&top).zip(&gua) {
                        *x += if floor { *a } else { 0.0 } + if guarantor { *b } else { 0.0 };
                    }
                }
                x
            }
        };
        distribution(&mut values)
    });
    let part = |p: usize| cells[p * h..(p + 1) * h].to_vec();
    YearBands {
        invested: part(0),
        due: part(1),
        received: part(2),
        outstanding: part(3),
        payers: (payers.iter().enumerate())
            .map(|(i, (p, ..))| (*p, part(4 + i)))
            .collect(),
    }
}

/// The hurdle NPV's distribution and P(< 0); `None` when it is NaN (no hurdle rate).
fn hurdle_npv(xs: &[f64]) -> Option<(Distribution, f64)> {
    if xs.first().is_none_or(|x| x.is_nan()) {
        return None;
    }
    let below = xs.iter().filter(|x| **x < 0.0).count() as f64 / xs.len() as f64;
    Some((distribution(&mut xs.to_vec()), below))
}

/// The share of trials per year offset of the peak, up to the latest peak.
fn peak_year(xs: &[f64]) -> Vec<f64> {
    let last = xs.iter().fold(0.0f64, |a, b| a.max(*b)) as usize;
    let mut counts = vec![0usize; last + 1];
    for x in xs {
        if let Some(c) = counts.get_mut(*x as usize) {
            *c += 1;
        }
    }
    let n = xs.len().max(1) as f64;
    counts.iter().map(|c| *c as f64 / n).collect()
}

/// Contract `k`'s capital outstanding at each year's end over the trials of `out`, whose rows
/// kept its yearly flows at `y`: `max(0, invested so far - received so far)`, the floor's
/// top-up and the guarantee received in the last year. One pass over the trials, then a
/// distribution per year (each in trial order).
pub fn outstanding(out: &Outputs, k: usize, c: &Contract, y: ContractYears) -> Vec<Distribution> {
    let h = y.horizon;
    let last = c.last_year.min(h - 1);
    let (width, stride) = (out.contract_width, out.contracts * out.contract_width);
    let mut cols = vec![Vec::with_capacity(out.trials); h];
    for i in 0..out.trials {
        let row = &out.contract[i * stride + k * width..][..width];
        let mut left = 0.0;
        for (t, col) in cols.iter_mut().enumerate() {
            let mut received = row[y.paid + t];
            if t == last {
                received += row[field::TOP_UP] + row[field::GUARANTEE];
            }
            left += row[y.invested + t] - received;
            col.push(left.max(0.0));
        }
    }
    cols.into_iter().map(|mut c| distribution(&mut c)).collect()
}

fn col_of(out: &Outputs, k: usize, f: usize) -> Vec<f64> {
    out.contract_field(k, f)
}

/// The distribution and histogram of the defined (not NaN) values; `None` when none is.
fn defined(mut xs: Vec<f64>) -> Option<(Distribution, Histogram)> {
    xs.retain(|x| !x.is_nan());
    (!xs.is_empty())
        .then(|| (histogram(&mut xs), distribution(&mut xs)))
        .map(|(h, d)| (d, h))
}

/// The mean of the lowest `tail` share of `xs` (at least one value; NaN when there is none),
/// reordering `xs`.
pub fn worst_mean(xs: &mut [f64], tail: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let m = ((xs.len() as f64 * tail).ceil() as usize).clamp(1, xs.len());
    let (low, nth, _) = xs.select_nth_unstable_by(m - 1, f64::total_cmp);
    let nth = *nth;
    // The lowest m values in any order; summed in sorted order so the result is the same
    // for any order the selection leaves them in.
    low.sort_by(f64::total_cmp);
    (low.iter().sum::<f64>() + nth) / m as f64
}

//! A contract paid on measured outcomes, over the trials (`docs/model.md`, "Paying on a
//! measured outcome"): how often a trigger is met on its measurement when the true value meets
//! it (and when it misses), what share of what falls due pays for measurement error, and how
//! the investor and the payers fare against the ideal contract, which pays on the true value
//! (the same trials run with every measurement `true`).

use super::ROUNDING;
use crate::kernel::{MeasuredDue, contract_field as field};
use crate::model::{Contract, PayerId};
use crate::montecarlo::Outputs;

/// One rate-card item paid (or triggered) on a measured value.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemMeasurement {
    /// The item's index in the rate card.
    pub item: usize,
    /// How its metric is measured ([`crate::model::measure::Measurement::kind`]).
    pub measured: &'static str,
    /// How its trigger's input is measured; `None`: no trigger.
    pub trigger_measured: Option<&'static str>,
    /// P(the trigger is met on the true value) (1 without a trigger).
    pub prob_trigger_true: f64,
    /// P(met on the measured value | met on the true value): the measurement's power;
    /// `None` where the true value never meets it.
    pub prob_met_if_true_met: Option<f64>,
    /// P(met on the measured value | missed on the true value): a false positive; `None`
    /// where the true value always meets it.
    pub prob_met_if_true_missed: Option<f64>,
    /// Mean over the trials of what falls due over the term before caps, on the measured
    /// value and on the true value, DKK.
    pub mean_due: f64,
    pub mean_due_true: f64,
    /// The share of what falls due that pays for measurement error: the mean of
    /// `sum over years of max(0, due measured - due true)` over the mean of the measured
    /// due; `None` when nothing falls due.
    pub error_share: Option<f64>,
    /// A measured trigger on an uncertain input: P(met on the measured value) by the true
    /// value, in [`BINS`] bins of equal counts of trials (empty otherwise).
    pub power_curve: Vec<PowerBin>,
}

/// The bins of the power curve: quintiles of the true value.
pub const BINS: usize = 5;

/// One bin of the true value of a trigger's input.
#[derive(Clone, Debug, PartialEq)]
pub struct PowerBin {
    /// The true values' range in the bin.
    pub from: f64,
    pub to: f64,
    /// P(the trigger is met on the measured value) in the bin's trials.
    pub prob_met: f64,
    pub trials: usize,
}

/// P(met) by the true value, in bins of equal counts (`met[i]`: trial i's trigger met on the
/// measured value; `value[i]` its true value). Empty when the true value never varies.
fn power_curve(value: &[f64], met: &[bool]) -> Vec<PowerBin> {
    let mut order: Vec<usize> = (0..value.len()).filter(|i| !value[*i].is_nan()).collect();
    order.sort_by(|a, b| value[*a].total_cmp(&value[*b]).then(a.cmp(b)));
    let n = order.len();
    if n < BINS || value[order[0]] == value[order[n - 1]] {
        return Vec::new();
    }
    (0..BINS)
        .map(|b| {
            let part = &order[b * n / BINS..(b + 1) * n / BINS];
            PowerBin {
                from: value[part[0]],
                to: value[part[part.len() - 1]],
                prob_met: part.iter().filter(|i| met[**i]).count() as f64 / part.len() as f64,
                trials: part.len(),
            }
        })
        .collect()
}

/// Each measured item of contract `k` (none when every measurement is `true`), from the rows
/// of `out`, which keep the dues at `at`.
pub fn items(out: &Outputs, k: usize, c: &Contract, at: MeasuredDue) -> Vec<ItemMeasurement> {
    let n = out.trials as f64;
    let (met, truly) = (
        out.contract_field(k, field::TRIGGERS),
        out.contract_field(k, field::TRUE_TRIGGERS),
    );
    let bit = |x: f64, i: usize| (x as u64) >> i & 1 == 1;
    let mean = |f: usize| out.contract_field(k, f).iter().sum::<f64>() / n;
    (c.rate_card.iter().enumerate())
        .filter(|(_, r)| {
            !r.measured.is_true() || r.trigger.as_ref().is_some_and(|t| !t.measured.is_true())
        })
        .map(|(i, r)| {
            let (mut hits, mut true_hits, mut false_hits) = (0usize, 0usize, 0usize);
            for (m, t) in met.iter().zip(&truly) {
                let (m, t) = (bit(*m, i), bit(*t, i));
                hits += usize::from(t);
                true_hits += usize::from(m && t);
                false_hits += usize::from(m && !t);
            }
            let misses = out.trials - hits;
            let measured_trigger = r.trigger.as_ref().is_some_and(|t| !t.measured.is_true());
            let power = if measured_trigger {
                let flags: Vec<bool> = met.iter().map(|m| bit(*m, i)).collect();
                power_curve(&out.contract_field(k, at.trigger_value(i)), &flags)
            } else {
                Vec::new()
            };
            let (due, due_true, excess) = (
                mean(at.measured(i)),
                mean(at.true_value(i)),
                mean(at.excess(i)),
            );
            ItemMeasurement {
                item: i,
                measured: r.measured.kind(),
                trigger_measured: r.trigger.as_ref().map(|t| t.measured.kind()),
                prob_trigger_true: hits as f64 / n,
                prob_met_if_true_met: (hits > 0).then(|| true_hits as f64 / hits as f64),
                prob_met_if_true_missed: (misses > 0).then(|| false_hits as f64 / misses as f64),
                mean_due: due,
                mean_due_true: due_true,
                error_share: (due > 0.0).then(|| excess / due),
                power_curve: power,
            }
        })
        .collect()
}

/// The measured contract against the ideal one, on the same trials.
#[derive(Clone, Debug, PartialEq)]
pub struct VersusIdeal {
    /// Mean MOIC, measured and ideal (over the trials where something is invested).
    pub moic_mean: [f64; 2],
    /// P(loss), measured and ideal.
    pub prob_loss: [f64; 2],
    /// Mean of max(0, invested - received), measured and ideal, DKK.
    pub expected_loss: [f64; 2],
    /// Mean received by the investor, measured and ideal, DKK.
    pub mean_received: [f64; 2],
    /// P(the measured contract pays the investor more than the ideal one) and P(less).
    pub prob_paid_more: f64,
    pub prob_paid_less: f64,
    /// Per payer the contract moves money to or from (its delta is not zero in every
    /// trial): mean delta and P(delta < 0), measured and ideal.
    pub payers: Vec<PayerVersus>,
}

/// One payer under the measured and the ideal contract.
#[derive(Clone, Debug, PartialEq)]
pub struct PayerVersus {
    pub payer: PayerId,
    pub mean_delta: [f64; 2],
    pub prob_worse: [f64; 2],
}

/// Contract `k` of `measured` against the same contract of `ideal` (the same model with every
/// measurement `true`, run with the same seed and trials), trial by trial.
pub fn versus_ideal(measured: &Outputs, ideal: &Outputs, k: usize) -> VersusIdeal {
    let n = measured.trials as f64;
    let both = |f: usize| [measured.contract_field(k, f), ideal.contract_field(k, f)];
    let mean = |xs: &[f64]| xs.iter().sum::<f64>() / n;
    let moic = both(field::MOIC).map(|xs| {
        let defined: Vec<f64> = xs.into_iter().filter(|x| !x.is_nan()).collect();
        if defined.is_empty() {
            f64::NAN
        } else {
            defined.iter().sum::<f64>() / defined.len() as f64
        }
    });
    let loss_prob =
        both(field::MOIC).map(|xs| xs.iter().filter(|x| **x < 1.0 - ROUNDING).count() as f64 / n);
    let received = both(field::RECEIVED);
    let (more, less) = received[0]
        .iter()
        .zip(&received[1])
        .fold((0usize, 0usize), |(m, l), (a, b)| {
            (m + usize::from(a > b), l + usize::from(a < b))
        });
    let payers = (0..measured.payers)
        .filter_map(|p| {
            let d = both(field::DELTA + p);
            if d.iter().all(|xs| xs.iter().all(|x| *x == 0.0)) {
                return None;
            }
            Some(PayerVersus {
                payer: p,
                mean_delta: [mean(&d[0]), mean(&d[1])],
                prob_worse: d
                    .clone()
                    .map(|xs| xs.iter().filter(|x| **x < 0.0).count() as f64 / n),
            })
        })
        .collect();
    VersusIdeal {
        moic_mean: moic,
        prob_loss: loss_prob,
        expected_loss: both(field::LOSS).map(|xs| mean(&xs)),
        mean_received: [mean(&received[0]), mean(&received[1])],
        prob_paid_more: more as f64 / n,
        prob_paid_less: less as f64 / n,
        payers,
    }
}

//! The forecast of a contract's end result given what was observed (`somsim settle`,
//! `docs/guide.md`, "Settling a contract on actual data"), by importance weighting.
//!
//! Each Monte Carlo trial draws the uncertain inputs from their distributions (the prior). The
//! observed counts make some draws more likely than others: a trial whose completion rate is
//! 0.5 explains 18 completers of 24 participants less well than one whose rate is 0.75. Each
//! trial is weighted by the likelihood of the observations given its draws, and the end
//! result's statistics are taken over the weighted trials: the posterior given the data.
//!
//! The observation model is binomial, on the counts the file gives:
//!
//! - the completers of each municipality and year, of its participants, with the trial's
//!   `completion_rate` of that municipality and year: `L = p^k (1 - p)^(n - k)`;
//! - the units of a rate-card item on a non-monetary outcome counted per completer
//!   (`outcomes[ITEM]`, e.g. completers with a recovery gain), of that row's completers, with
//!   the trial's units per completer of that outcome, when the units are at most the
//!   completers.
//!
//! An input given as a number is not uncertain, so it gives every trial the same factor and
//! drops out. Service use avoided and measured trigger values are not conditioned on (their
//! observation model would be the measurement's, `docs/model.md`), and an input drawn per
//! municipality is represented by the mean of its draws.
//!
//! Why importance weighting and not an exact conjugate update: a binomial count with a beta
//! prior has an exact beta posterior, but the model's shares are drawn from beta, PERT,
//! triangular or uniform distributions, correlated by a copula, and the end result is a
//! non-linear function (caps, triggers, the return cap) of every input at once. Weighting the
//! trials the engine already ran conditions all of it at once, for any distribution, on the
//! same draws as the unconditioned run; its cost is the effective sample size
//! `(sum w)^2 / sum w^2`, which the forecast reports and warns about when it is small. Each
//! trial's weight depends on its own draws alone, so the forecast is bit-identical for any
//! thread count.

use rayon::prelude::*;

use super::settle::Observed;
use crate::input::actuals::{Actuals, Extra};
use crate::kernel::contract_field as field;
use crate::model::contract::Metric;
use crate::model::{Model, Param};
use crate::montecarlo::{CHUNK, Outputs};

/// An effective sample size below this is too small to trust the band.
pub const SMALL_ESS: f64 = 200.0;

/// One binomial observation: `k` of `n`, with success probability `factor x input`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Binomial {
    pub input: usize,
    pub factor: f64,
    pub k: f64,
    pub n: f64,
}

/// The observations the forecast conditions on, and the inputs they inform.
pub fn observations(model: &Model, k: usize, obs: &Observed, actuals: &Actuals) -> Vec<Binomial> {
    let c = &model.contracts[k];
    let h = obs.years;
    let mut out = Vec::new();
    let f = |x: rust_decimal::Decimal| crate::decimal::to_f64(x);
    let mut add = |p: Param, k: f64, n: f64| {
        if let Param::Input { id, factor } = p {
            out.push(Binomial {
                input: id,
                factor: f(factor),
                k,
                n,
            });
        }
    };
    for (m, t, _) in &obs.rows {
        let (n, done) = obs.counts[m * h + t];
        let rate = model.municipalities[*m].completion_rate.0[*t];
        add(rate, f(done), f(n));
    }
    for item in &c.rate_card {
        let Metric::NonMonetary(nm) = item.metric else {
            continue;
        };
        let per = model.non_monetary[nm].per_completer;
        let Some(col) =
            (actuals.extras.iter()).position(|e| *e == Extra::Outcomes(item.key.clone()))
        else {
            continue;
        };
        for (m, t, i) in &obs.rows {
            let done = obs.counts[m * h + t].1;
            if c.cohorts.get(*t) != Some(&true) {
                continue;
            }
            if let Some(u) = actuals.rows[*i].extras[col]
                && u <= done
            {
                add(per, f(u), f(done));
            }
        }
    }
    out
}

/// Each trial's log-likelihood of the observations, from the trials' input draws
/// (`inputs[input][trial]`).
pub fn log_likelihood(terms: &[Binomial], inputs: &[Vec<f64>], trials: usize) -> Vec<f64> {
    let mut out = vec![0.0; trials];
    out.par_chunks_mut(CHUNK)
        .enumerate()
        .for_each(|(c, chunk)| {
            for (j, l) in chunk.iter_mut().enumerate() {
                let i = c * CHUNK + j;
                let mut sum = 0.0;
                for b in terms {
                    let p = inputs[b.input][i] * b.factor;
                    sum += binomial_log(p, b.k, b.n);
                }
                *l = sum;
            }
        });
    out
}

/// `k ln p + (n - k) ln(1 - p)`, with `0 ln 0 = 0` and `-inf` for a `p` outside [0, 1] or one
/// that cannot give the count.
fn binomial_log(p: f64, k: f64, n: f64) -> f64 {
    let term = |x: f64, q: f64| {
        if x == 0.0 {
            0.0
        } else if q > 0.0 {
            x * q.ln()
        } else {
            f64::NEG_INFINITY
        }
    };
    if !(0.0..=1.0).contains(&p) {
        return f64::NEG_INFINITY;
    }
    term(k, p) + term(n - k, 1.0 - p)
}

/// The weights `exp(l - max l)` of log-likelihoods `l`; all 1 when no trial can explain the
/// data (`None`).
pub fn weights(log_likelihood: &[f64]) -> Option<Vec<f64>> {
    let top = log_likelihood
        .iter()
        .fold(f64::NEG_INFINITY, |a, b| a.max(*b));
    if !top.is_finite() {
        return None;
    }
    Some(log_likelihood.iter().map(|l| (l - top).exp()).collect())
}

/// `(sum w)^2 / sum w^2`.
pub fn effective_sample_size(w: &[f64]) -> f64 {
    let (s, s2) = w.iter().fold((0.0, 0.0), |(a, b), x| (a + x, b + x * x));
    if s2 > 0.0 { s * s / s2 } else { 0.0 }
}

/// A weighted distribution: mean, its standard error, and quantiles.
#[derive(Clone, Debug, PartialEq)]
pub struct Weighted {
    pub mean: f64,
    /// `sqrt(sum w^2 (x - mean)^2) / sum w`, the importance-sampling standard error.
    pub se: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

/// The weighted distribution of the values of `xs` that are not NaN; `None` when none is or
/// their weights sum to zero. The quantile `q` is the lowest value whose cumulative weight
/// (in value order, ties in trial order) reaches `q` of the total.
pub fn weighted(xs: &[f64], w: &[f64]) -> Option<Weighted> {
    let mut pairs: Vec<(f64, f64)> = (xs.iter().zip(w))
        .filter(|(x, w)| !x.is_nan() && **w > 0.0)
        .map(|(x, w)| (*x, *w))
        .collect();
    let total: f64 = pairs.iter().map(|p| p.1).sum();
    if pairs.is_empty() || total <= 0.0 {
        return None;
    }
    let mean = pairs.iter().map(|(x, w)| x * w).sum::<f64>() / total;
    let var = pairs
        .iter()
        .map(|(x, w)| w * w * (x - mean).powi(2))
        .sum::<f64>();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let quantile = |q: f64| {
        let mut cum = 0.0;
        for (x, w) in &pairs {
            cum += w;
            if cum >= q * total {
                return *x;
            }
        }
        pairs[pairs.len() - 1].0
    };
    Some(Weighted {
        mean,
        se: var.sqrt() / total,
        p5: quantile(0.05),
        p50: quantile(0.5),
        p95: quantile(0.95),
    })
}

/// The weighted share of trials where `pred` holds.
fn weighted_share(xs: &[f64], w: &[f64], pred: impl Fn(f64) -> bool) -> f64 {
    let total: f64 = w.iter().sum();
    let hit: f64 = (xs.iter().zip(w))
        .filter(|(x, _)| pred(**x))
        .map(|(_, w)| w)
        .sum();
    if total > 0.0 { hit / total } else { f64::NAN }
}

/// One end result before and given the data.
#[derive(Clone, Debug, PartialEq)]
pub struct Conditioned {
    /// Over the trials as drawn (every weight 1).
    pub prior: Option<Weighted>,
    /// Over the trials weighted by the data.
    pub given: Option<Weighted>,
}

/// The contract's end result given the data.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    pub trials: usize,
    /// The effective sample size of the weights.
    pub ess: f64,
    /// Whether no trial could explain the data (every weight is then 1: the forecast is the
    /// unconditioned one).
    pub unexplained: bool,
    /// The inputs the data informed, by name, in model order.
    pub conditioned_on: Vec<String>,
    pub irr: Conditioned,
    pub moic: Conditioned,
    /// Received - invested.
    pub net: Conditioned,
    /// The NPV at the hurdle rate, when the contract has one.
    pub hurdle_npv: Option<Conditioned>,
    /// P(MOIC < 1) before and given the data.
    pub prob_loss: (f64, f64),
    /// Per payer: its delta (NPV with the contract minus without), before and given the data.
    pub delta: Vec<(crate::model::PayerId, Conditioned)>,
}

/// The forecast of contract `k` over the trials `out`, whose input draws are `inputs`, given
/// the observations `terms`.
pub fn forecast(
    model: &Model,
    k: usize,
    out: &Outputs,
    inputs: &[Vec<f64>],
    terms: &[Binomial],
) -> Forecast {
    let n = out.trials;
    let logl = log_likelihood(terms, inputs, n);
    let (w, unexplained) = match weights(&logl) {
        Some(w) => (w, false),
        None => (vec![1.0; n], true),
    };
    let ones = vec![1.0; n];
    let col = |f: usize| out.contract_field(k, f);
    let both = |xs: &[f64]| Conditioned {
        prior: weighted(xs, &ones),
        given: weighted(xs, &w),
    };
    let (inv, rec) = (col(field::INVESTED), col(field::RECEIVED));
    let net: Vec<f64> = rec.iter().zip(&inv).map(|(r, i)| r - i).collect();
    let moic = col(field::MOIC);
    let loss = |x: f64| x < 1.0 - super::ROUNDING;
    let hurdle = col(field::HURDLE_NPV);
    let mut informed: Vec<usize> = terms.iter().map(|b| b.input).collect();
    informed.sort_unstable();
    informed.dedup();
    Forecast {
        trials: n,
        ess: effective_sample_size(&w),
        unexplained,
        conditioned_on: informed
            .iter()
            .map(|i| model.inputs[*i].name.clone())
            .collect(),
        irr: both(&col(field::IRR)),
        moic: both(&moic),
        net: both(&net),
        hurdle_npv: model.contracts[k].hurdle_rate.map(|_| both(&hurdle)),
        prob_loss: (
            weighted_share(&moic, &ones, loss),
            weighted_share(&moic, &w, loss),
        ),
        delta: (0..out.payers)
            .filter(|p| {
                let c = &model.contracts[k];
                c.outcome_payers.iter().any(|(q, _)| q == p)
                    || c.floor.is_some_and(|(_, q)| q == *p)
                    || c.guarantee.is_some_and(|(q, _)| q == *p)
            })
            .map(|p| (p, both(&col(field::DELTA + p))))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_quantiles_and_ess() {
        let xs = [1.0, 2.0, 3.0, 4.0];
        let w = weighted(&xs, &[1.0; 4]).unwrap();
        assert_eq!((w.mean, w.p50), (2.5, 2.0));
        let w = weighted(&xs, &[0.0, 0.0, 1.0, 3.0]).unwrap();
        assert_eq!((w.mean, w.p5, w.p50), (3.75, 3.0, 4.0));
        assert_eq!(effective_sample_size(&[1.0; 4]), 4.0);
        assert_eq!(effective_sample_size(&[1.0, 0.0, 0.0, 0.0]), 1.0);
        assert_eq!(binomial_log(0.5, 1.0, 2.0), 2.0 * 0.5f64.ln());
        assert_eq!(binomial_log(1.0, 2.0, 2.0), 0.0);
        assert_eq!(binomial_log(1.0, 1.0, 2.0), f64::NEG_INFINITY);
    }
}

//! The forecast of a contract's end result given what was observed (`somsim settle`,
//! `docs/guide.md`, "Settling a contract on actual data"), by importance weighting.
//!
//! Given the data, each trial's term is settled again with the observed years in it
//! ([`spliced`]): the payments due from the units observed are the statement's, the later ones
//! the trial's own. Then each trial is weighted.
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
//!   (`outcomes_achieved[ITEM]`, e.g. completers with a recovery gain), of that row's completers, with
//!   the trial's units per completer of that outcome, when the units are at most the
//!   completers.
//!
//! An input given as a number is not uncertain, so it gives every trial the same factor and
//! drops out. An input drawn per municipality enters with each municipality's own draw. Service
//! use avoided and measured trigger values are not conditioned on (their observation model
//! would be the measurement's, `docs/model.md`).
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

use super::settle::{Observed, Statement};
use crate::decimal::to_f64;
use crate::input::actuals::{Actuals, Extra};
use crate::kernel::DealBasis;
use crate::model::contract::{Contract, Metric, investor_irr, npv_at, settle};
use crate::model::{Model, Param, PayerId};
use crate::montecarlo::{CHUNK, Outputs};
use crate::sampler::Layout;

/// An effective sample size below this is too small to trust the band.
pub const SMALL_ESS: f64 = 200.0;

/// One binomial observation: `k` of `n`, with success probability `factor x` the draw in
/// `slot` of a trial's draw buffer ([`crate::sampler::Layout`]): the municipality's own draw
/// of an input drawn per municipality.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Binomial {
    /// The uncertain input.
    pub input: usize,
    /// Its slot in the draw buffer.
    pub slot: usize,
    pub factor: f64,
    pub k: f64,
    pub n: f64,
}

/// The observations the forecast conditions on, and the inputs they inform, with their slots
/// in `layout`'s draw buffer.
pub fn observations(
    model: &Model,
    layout: &Layout,
    k: usize,
    obs: &Observed,
    actuals: &Actuals,
) -> Vec<Binomial> {
    let c = &model.contracts[k];
    let h = obs.years;
    let mut out = Vec::new();
    let f = |x: rust_decimal::Decimal| crate::decimal::to_f64(x);
    let mut add = |p: Param, m: usize, k: f64, n: f64| {
        if let Param::Input { id, factor } = p {
            let own = if model.inputs[id].per_municipality {
                m
            } else {
                0
            };
            out.push(Binomial {
                input: id,
                slot: layout.offsets[id] + own,
                factor: f(factor),
                k,
                n,
            });
        }
    };
    for (m, t, _) in &obs.rows {
        let (n, done) = obs.counts[m * h + t];
        let rate = model.municipalities[*m].completion_rate.0[*t];
        add(rate, *m, f(done), f(n));
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
                add(per, *m, f(u), f(done));
            }
        }
    }
    out
}

/// Each trial's log-likelihood of the observations, from its draws: `layout` filled again
/// from `seed` for each of the `trials` (one buffer per block of trials, none per trial).
pub fn log_likelihood(terms: &[Binomial], layout: &Layout, seed: u64, trials: usize) -> Vec<f64> {
    let mut out = vec![0.0; trials];
    if terms.is_empty() {
        return out;
    }
    out.par_chunks_mut(CHUNK)
        .enumerate()
        .for_each(|(c, chunk)| {
            let mut draws = vec![0.0; layout.len];
            for (j, l) in chunk.iter_mut().enumerate() {
                let i = c * CHUNK + j;
                layout.fill(seed, i as u64, &mut draws);
                let mut sum = 0.0;
                for b in terms {
                    sum += binomial_log(draws[b.slot] * b.factor, b.k, b.n);
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

/// Each trial's end of the term: the columns the forecast summarises, `[trial]` each.
#[derive(Clone, Debug, PartialEq)]
pub struct EndResults {
    /// The investor's IRR (NaN where undefined).
    pub irr: Vec<f64>,
    pub moic: Vec<f64>,
    /// Received - invested.
    pub net: Vec<f64>,
    /// The NPV at the hurdle rate (NaN without one).
    pub hurdle: Vec<f64>,
    /// Per payer that pays the investor (outcome payers, the floor payer, the guarantor): its
    /// delta, NPV with the contract minus without.
    pub delta: Vec<(PayerId, Vec<f64>)>,
}

/// The payers whose delta the forecast reports: the outcome payers, the floor payer and the
/// guarantor, in that order.
fn paying(c: &Contract) -> Vec<PayerId> {
    let mut out: Vec<PayerId> = c.outcome_payers.iter().map(|(p, _)| *p).collect();
    for p in [c.floor.map(|(_, p)| p), c.guarantee.map(|(p, _)| p)]
        .into_iter()
        .flatten()
    {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// The trials' end results as drawn: [`spliced`] with nothing observed, so that every
/// payment is the trial's own (what the kernel settled; the IRR too, which a run that keeps
/// the deal basis leaves out of its rows).
pub fn as_drawn(model: &Model, k: usize, out: &Outputs, b: DealBasis, s: &Statement) -> EndResults {
    let mut nothing = s.clone();
    for i in &mut nothing.items {
        i.observed.clear();
    }
    spliced(model, k, out, b, &nothing)
}

/// The trials' end results with the observed years settled as observed: in each trial, the
/// payments that fall due from units counted in the observed years are the statement's
/// (`price x observed units`, zero where the observed trigger misses), the later ones the
/// trial's own, and the whole term is settled again with the contract's terms (caps, the
/// return-cap account, the floor and the guarantee), from the deal basis `b` the trials kept.
/// The investment is each trial's own. Each trial's result depends on its row alone: the
/// same for any thread count.
pub fn spliced(model: &Model, k: usize, out: &Outputs, b: DealBasis, s: &Statement) -> EndResults {
    let c = &model.contracts[k];
    let (h, items) = (b.horizon, b.items);
    let last = c.last_year.min(h - 1);
    let hl = last + 1;
    let terms = c.terms::<f64>();
    let prices: Vec<f64> = c.rate_card.iter().map(|r| to_f64(r.price)).collect();
    let lags: Vec<usize> = c.rate_card.iter().map(|r| r.lag).collect();
    // Per item: the observed units by the year counted, zero where the observed trigger misses.
    let observed: Vec<Vec<f64>> = (s.items.iter())
        .map(|i| {
            let met = i.trigger.is_none_or(|(_, met)| met);
            (i.observed.iter())
                .map(|u| if met { to_f64(*u) } else { 0.0 })
                .collect()
        })
        .collect();
    let df: Vec<f64> = model.discount_factors().into_iter().map(to_f64).collect();
    let payers = paying(c);
    let share: Vec<f64> = (payers.iter())
        .map(|p| {
            (c.outcome_payers.iter())
                .filter(|(q, _)| q == p)
                .map(|(_, s)| to_f64(*s))
                .sum()
        })
        .collect();
    let hurdle = c.hurdle_rate.map(to_f64);
    let (width, stride) = (out.contract_width, out.contracts * out.contract_width);
    let n = out.trials;
    let np = payers.len();
    // Per trial: irr, moic, net, hurdle, then each payer's delta.
    let cols = 4 + np;
    let mut rows = vec![0.0; n * cols];
    rows.par_chunks_mut(CHUNK * cols)
        .enumerate()
        .for_each(|(chunk, part)| {
            let (mut due, gain, mut paid, mut cum, mut flows) = (
                vec![0.0; items * hl],
                vec![0.0; hl],
                vec![0.0; hl],
                vec![0.0; items],
                vec![0.0; hl],
            );
            for (j, res) in part.chunks_mut(cols).enumerate() {
                let i = chunk * CHUNK + j;
                let row = &out.contract[i * stride + k * width..][..width];
                let inv = &row[b.inv..b.inv + hl];
                let units = &row[b.units..b.units + items * h];
                for q in 0..items {
                    for t in 0..hl {
                        let from = t.checked_sub(lags[q]).and_then(|x| observed[q].get(x));
                        due[q * hl + t] = prices[q]
                            * match from {
                                Some(u) => *u,
                                None => units[q * h + t],
                            };
                    }
                }
                // f64 arithmetic never fails (see `formulas::Amount`).
                let (end, _) =
                    settle(&terms, inv, &due, &gain, &mut paid, &mut cum).unwrap_or_default();
                let invested: f64 = inv.iter().sum();
                let (mut total, mut pv_paid) = (0.0, 0.0);
                for ((f, x), (v, d)) in flows.iter_mut().zip(&paid).zip(inv.iter().zip(&df)) {
                    *f = x - v;
                    total += x;
                    pv_paid += d * x;
                }
                flows[last] += end.top_up + end.guarantee;
                let received = total + end.top_up + end.guarantee;
                res[0] = investor_irr(invested, received, &flows).unwrap_or(f64::NAN);
                res[1] = if invested > 0.0 {
                    received / invested
                } else {
                    f64::NAN
                };
                res[2] = received - invested;
                res[3] = hurdle.map_or(f64::NAN, |r| npv_at(&flows, r).unwrap_or(f64::NAN));
                for (q, p) in payers.iter().enumerate() {
                    let mut d = row[b.delta + p] - share[q] * pv_paid;
                    if c.floor.is_some_and(|(_, f)| f == *p) {
                        d -= df[last] * end.top_up;
                    }
                    if c.guarantee.is_some_and(|(g, _)| g == *p) {
                        d -= df[last] * end.guarantee;
                    }
                    res[4 + q] = d;
                }
            }
        });
    let col = |x: usize| {
        rows.iter()
            .skip(x)
            .step_by(cols)
            .copied()
            .collect::<Vec<f64>>()
    };
    EndResults {
        irr: col(0),
        moic: col(1),
        net: col(2),
        hurdle: col(3),
        delta: payers
            .iter()
            .enumerate()
            .map(|(q, p)| (*p, col(4 + q)))
            .collect(),
    }
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
    pub delta: Vec<(PayerId, Conditioned)>,
}

/// The forecast of contract `k` given the observations `terms`: the trials' results `before`
/// (as drawn, every weight 1) against `given` (their results with the observed years, see
/// [`spliced`]), weighted by the likelihood of the observations given each trial's draws
/// (`layout` filled from `seed`, as the trials were drawn).
pub fn forecast(
    model: &Model,
    k: usize,
    layout: &Layout,
    seed: u64,
    terms: &[Binomial],
    before: &EndResults,
    given: &EndResults,
) -> Forecast {
    let n = before.moic.len();
    let logl = log_likelihood(terms, layout, seed, n);
    let (w, unexplained) = match weights(&logl) {
        Some(w) => (w, false),
        None => (vec![1.0; n], true),
    };
    let ones = vec![1.0; n];
    let both = |a: &[f64], b: &[f64]| Conditioned {
        prior: weighted(a, &ones),
        given: weighted(b, &w),
    };
    let loss = |x: f64| x < 1.0 - super::ROUNDING;
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
        irr: both(&before.irr, &given.irr),
        moic: both(&before.moic, &given.moic),
        net: both(&before.net, &given.net),
        hurdle_npv: (model.contracts[k].hurdle_rate).map(|_| both(&before.hurdle, &given.hurdle)),
        prob_loss: (
            weighted_share(&before.moic, &ones, loss),
            weighted_share(&given.moic, &w, loss),
        ),
        delta: (before.delta.iter().zip(&given.delta))
            .map(|((p, a), (_, b))| (*p, both(a, b)))
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

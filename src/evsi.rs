//! The expected value of sample information (EVSI) of a proposed study, the expected net
//! benefit of sampling (ENBS) and the optimal study size, for the go / no-go decision on a
//! perspective's NPV (invest if the expected NPV is above 0).
//!
//! A study of `n` participants per arm measures one uncertain input `θ` (`docs/model.md`,
//! "Value of further research"). EVSI is what its result is expected to be worth before it is
//! known:
//!
//! ```text
//! EVSI(n) = E_X[ max(E[NPV | X], 0) ] − max(E[NPV], 0)
//! ```
//!
//! It is estimated on the stored Monte Carlo trials by the regression method of Strong, Oakley,
//! Brennan & Breeze (Medical Decision Making 2015;35:570-83, "Estimating the expected value of
//! sample information using the probabilistic sensitivity analysis sample: a fast,
//! nonparametric regression-based method"): for each trial `i` one data set `X_i` of the study
//! is simulated from that trial's draws (`θ_i` and, where the design takes them from the
//! scenario, the control arm's value and the outcome's spread), reduced to a low-dimensional
//! summary `S_i`; the NPV of the trials is regressed on `S_i` by a smoother, whose fitted values
//! `ĝ(S_i)` estimate `E[NPV | X_i]`, and
//!
//! ```text
//! EVSI(n) ≈ mean_i max(ĝ(S_i), 0) − max(mean_i NPV_i, 0).
//! ```
//!
//! The smoother is [`crate::stats::regression`]'s: an additive natural cubic regression spline
//! of each summary with the product of each pair (the unpenalised counterpart of the generalised
//! additive model Strong et al. fit). The same method underlies the `voi` R package's
//! `evsi(method = "gam")` (Jackson, Baio, Heath, Strong, Welton & Wilson 2022).
//!
//! Designs and their summaries (two arms of `n`, the intervention arm's value `θ` apart):
//!
//! - **Normal outcome** (e.g. the change on QPR-15): individual outcomes with standard deviation
//!   `σ` in the input's unit; the difference of the arms' means `d ~ N(θ, 2σ²/n)`. With a known
//!   `σ` (a number) the summary is `d`; with an estimated `σ` (an uncertain input) the study
//!   also reports its pooled standard deviation `s`, `s² = σ² χ²(2n−2) / (2n−2)`, and the
//!   summary is `(d, s)`.
//! - **Binary outcome** (e.g. a recovery gain, yes or no): `θ` is the difference of the
//!   proportions, the control arm's proportion `p₀` is given; `X₀ ~ Bin(n, p₀)`,
//!   `X₁ ~ Bin(n, p₀ + θ)` (kept in [0, 1]); the summary is the difference `(X₁ − X₀) / n`, and
//!   with an uncertain `p₀` also `X₀ / n`.
//! - **Count or rate from registers** (bed-days, admissions): `θ` is the relative change in the
//!   rate, the control arm's rate `μ₀` per participant per year is given, each participant is
//!   followed `T` years; counts are Poisson, or negative binomial with size `k` per participant
//!   (variance `μ + μ²/k`), so an arm's total is negative binomial with size `n k`. The summary
//!   is the log rate ratio `ln((Y₁ + ½) / (Y₀ + ½))`, and with an uncertain `μ₀` also the
//!   control arm's log rate `ln((Y₀ + ½) / (n T))`.
//!
//! The counts are drawn exactly (Knuth, TAOCP vol. 2, §3.4.1: the binomial by beta splitting,
//! the Poisson by gamma splitting), from a stream of each trial keyed by the study's name, the
//! same stream for every `n` (so the curve over `n` is smooth) and independent of the thread
//! count: each `n` is computed on its own, in trial order.
//!
//! ENBS: the EVSI, scaled to the population the decision affects (see [`Scale`]), less the
//! study's cost `fixed + per_participant × 2n`. The optimal `n` maximises it over the grid of
//! sizes; the sizes whose ENBS is within 5% of the maximum are reported beside it.

use crate::model::Dist;
use crate::montecarlo::par_columns;
use crate::sampler::{Prepared, Stream};
use crate::stats::regression;

/// Where a design's value comes from in trial `i`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// The same number in every trial.
    Fixed(f64),
    /// An uncertain input's draw (`columns[column][i] × factor`).
    Column { column: usize, factor: f64 },
}

impl Value {
    fn at(self, columns: &[Vec<f64>], i: usize) -> f64 {
        match self {
            Value::Fixed(x) => x,
            Value::Column { column, factor } => columns[column][i] * factor,
        }
    }

    fn uncertain(self) -> bool {
        matches!(self, Value::Column { .. })
    }
}

/// What the study measures, and how.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Design {
    /// A normal outcome with individual standard deviation `sd` (in the measured input's unit):
    /// known when fixed, estimated by the study when uncertain.
    Normal { sd: Value },
    /// A binary outcome; `control` is the control arm's proportion.
    Binary { control: Value },
    /// A count per participant; `control` is the control arm's rate per participant per year,
    /// `follow_up` the years each participant is followed, `dispersion` the negative binomial
    /// size per participant (`None`: Poisson).
    Count {
        control: Value,
        follow_up: f64,
        dispersion: Option<f64>,
    },
}

impl Design {
    /// How many numbers summarise one data set.
    fn summaries(&self) -> usize {
        match self {
            Design::Normal { sd } => 1 + usize::from(sd.uncertain()),
            Design::Binary { control } | Design::Count { control, .. } => {
                1 + usize::from(control.uncertain())
            }
        }
    }
}

/// EVSI at each study size `n` (participants per arm), `[npv column][n]`, kroner: the study
/// measures `theta` (its draw in each trial), the design's values come from `columns` (the
/// inputs' draws), and `npv` holds each decision's NPV over the same trials. `key` names the
/// study's random stream (e.g. [`crate::sampler::name_key`] of its name).
pub fn evsi(
    design: &Design,
    theta: &[f64],
    columns: &[Vec<f64>],
    npv: &[&[f64]],
    n: &[u32],
    seed: u64,
    key: u64,
) -> Vec<Vec<f64>> {
    estimate(design, theta, columns, npv, n, seed, key, false).0
}

/// [`evsi`] and its noise floor at each size, both `[npv column][n]`: the estimator's value
/// when the NPV is regressed on the same summaries in a random order (8 fixed shuffles of the
/// trials; the mean plus two standard deviations), i.e. for a study whose answer is unrelated
/// to the result. Where the expected NPV is near zero, `max(ĝ, 0)` turns the noise of the
/// fitted values into a positive bias; an EVSI at or below the floor cannot be told from it.
pub fn evsi_with_floor(
    design: &Design,
    theta: &[f64],
    columns: &[Vec<f64>],
    npv: &[&[f64]],
    n: &[u32],
    seed: u64,
    key: u64,
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    estimate(design, theta, columns, npv, n, seed, key, true)
}

#[allow(clippy::too_many_arguments)]
fn estimate(
    design: &Design,
    theta: &[f64],
    columns: &[Vec<f64>],
    npv: &[&[f64]],
    n: &[u32],
    seed: u64,
    key: u64,
    floor: bool,
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    // The same orders of the trials at every size.
    let orders = if floor {
        regression::shuffles(theta.len(), regression::NULL_SHUFFLES, key ^ seed)
    } else {
        Vec::new()
    };
    let by_n = par_columns(n.len(), |k| {
        let summaries = simulate(design, theta, columns, n[k], seed, key);
        let refs: Vec<&[f64]> = summaries.iter().map(Vec::as_slice).collect();
        regression::Basis::new(&refs).value_with_floor(npv, &orders)
    });
    let (values, floors): (Vec<Vec<f64>>, Vec<Vec<f64>>) = by_n.into_iter().unzip();
    let by_column = |rows: &[Vec<f64>]| -> Vec<Vec<f64>> {
        (0..npv.len())
            .map(|j| rows.iter().map(|v| v[j]).collect())
            .collect()
    };
    (by_column(&values), by_column(&floors))
}

/// Each trial's summary of one simulated data set of the study, `[summary][trial]`.
pub fn simulate(
    design: &Design,
    theta: &[f64],
    columns: &[Vec<f64>],
    n: u32,
    seed: u64,
    key: u64,
) -> Vec<Vec<f64>> {
    let trials = theta.len();
    let mut out = vec![vec![0.0; trials]; design.summaries()];
    let nf = f64::from(n);
    let normal = Prepared::new(&Dist::Normal {
        mean: 0.0,
        sd: 1.0,
        min: f64::NEG_INFINITY,
        max: f64::INFINITY,
    });
    let gamma = |shape: f64| Prepared::new(&Dist::Gamma { shape, scale: 1.0 });
    let chi = (n > 1).then(|| gamma(nf - 1.0));
    for (i, &t) in theta.iter().enumerate() {
        let mut s = Stream::new(seed, i as u64, key, 0);
        match *design {
            Design::Normal { sd } => {
                let sigma = sd.at(columns, i).max(0.0);
                out[0][i] = t + sigma * (2.0 / nf).sqrt() * normal.draw(&mut s);
                if sd.uncertain() {
                    let ratio = chi.map_or(1.0, |g| g.draw(&mut s) / (nf - 1.0));
                    out[1][i] = sigma * ratio.sqrt();
                }
            }
            Design::Binary { control } => {
                let p0 = control.at(columns, i).clamp(0.0, 1.0);
                let p1 = (p0 + t).clamp(0.0, 1.0);
                let x0 = binomial(nf, p0, &mut s);
                let x1 = binomial(nf, p1, &mut s);
                out[0][i] = (x1 - x0) / nf;
                if control.uncertain() {
                    out[1][i] = x0 / nf;
                }
            }
            Design::Count {
                control,
                follow_up,
                dispersion,
            } => {
                let m0 = nf * control.at(columns, i).max(0.0) * follow_up;
                let m1 = m0 * (1.0 + t).max(0.0);
                let total = |m: f64, s: &mut Stream| {
                    let rate = match dispersion {
                        Some(k) => m * gamma(nf * k).draw(s) / (nf * k),
                        None => m,
                    };
                    poisson(rate, s)
                };
                let y0 = total(m0, &mut s);
                let y1 = total(m1, &mut s);
                out[0][i] = ((y1 + 0.5) / (y0 + 0.5)).ln();
                if control.uncertain() {
                    out[1][i] = ((y0 + 0.5) / (nf * follow_up)).ln();
                }
            }
        }
    }
    out
}

/// A draw from Gamma(shape, 1).
fn gamma(shape: f64, s: &mut Stream) -> f64 {
    Prepared::new(&Dist::Gamma { shape, scale: 1.0 }).draw(s)
}

/// A binomial draw of `t` trials with probability `p`, exactly: below 40 trials one Bernoulli
/// draw each, above by splitting at a beta order statistic (Knuth, TAOCP 2, §3.4.1 F).
pub fn binomial(t: f64, p: f64, s: &mut Stream) -> f64 {
    let (mut t, mut p, mut k) = (t, p.clamp(0.0, 1.0), 0.0);
    loop {
        if p <= 0.0 || t < 1.0 {
            return k;
        }
        if p >= 1.0 {
            return k + t;
        }
        if t < 40.0 {
            let hits = (0..t as u32).filter(|_| s.uniform() < p).count();
            return k + hits as f64;
        }
        let a = 1.0 + (t / 2.0).floor();
        let b = t + 1.0 - a;
        let (ga, gb) = (gamma(a, s), gamma(b, s));
        let x = ga / (ga + gb);
        if x >= p {
            t = a - 1.0;
            p /= x;
        } else {
            k += a;
            t = b - 1.0;
            p = (p - x) / (1.0 - x);
        }
    }
}

/// A Poisson draw with mean `mean`, exactly: below 20 by multiplying uniforms, above by
/// splitting at a gamma draw (Knuth, TAOCP 2, §3.4.1 F).
pub fn poisson(mean: f64, s: &mut Stream) -> f64 {
    let (mut mu, mut k) = (mean.max(0.0), 0.0);
    loop {
        if mu < 20.0 {
            let limit = (-mu).exp();
            let mut product = s.uniform();
            while product > limit {
                k += 1.0;
                product *= s.uniform();
            }
            return k;
        }
        let m = (0.875 * mu).floor();
        let x = gamma(m, s);
        if x < mu {
            k += m;
            mu -= x;
        } else {
            return k + binomial(m - 1.0, mu / x, s);
        }
    }
}

/// How the EVSI of the scenario's decision is scaled to the population the decision affects.
///
/// The scenario's NPV is the decision for its own participants. With a population of
/// `participants_per_year` for `years` years, the value per participant of the scenario
/// (EVSI / the scenario's participants) is multiplied by the population's discounted
/// participants, `Σ_{t<years} participants_per_year × DF(t)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// What one krone of the scenario's EVSI is worth to the population (1 without one).
    pub factor: f64,
    /// The population's discounted participants (none without a population).
    pub discounted_participants: Option<f64>,
}

impl Scale {
    /// The scale of a population of `per_year` participants a year for `years` years, with
    /// discount factors `df` (the last one's rate continued beyond them), against a scenario
    /// of `scenario_participants`.
    pub fn population(
        per_year: f64,
        years: usize,
        df: &[f64],
        scenario_participants: f64,
    ) -> Scale {
        let rate = match df {
            [.., a, b] if *b > 0.0 => a / b,
            _ => 1.0,
        };
        let mut total = 0.0;
        let mut last = 1.0;
        for t in 0..years {
            let f = match df.get(t) {
                Some(f) => *f,
                None => last / rate,
            };
            total += per_year * f;
            last = f;
        }
        Scale {
            factor: if scenario_participants > 0.0 {
                total / scenario_participants
            } else {
                0.0
            },
            discounted_participants: Some(total),
        }
    }

    /// No population: the scenario is the decision.
    pub fn one() -> Scale {
        Scale {
            factor: 1.0,
            discounted_participants: None,
        }
    }
}

/// The ENBS over the study sizes, and the best of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Enbs {
    /// The study's cost at each size, kroner: `fixed + per_participant × 2n`.
    pub cost: Vec<f64>,
    /// The EVSI scaled to the population, kroner.
    pub population_evsi: Vec<f64>,
    /// `population_evsi − cost`, kroner.
    pub enbs: Vec<f64>,
    /// The index of the size with the largest ENBS, when it is above 0 (a study pays).
    pub optimal: Option<usize>,
    /// The smallest and largest size next to the optimum whose ENBS is at least 95% of its.
    pub within_5pct: Option<(u32, u32)>,
}

/// The ENBS of a study of sizes `n` with EVSI `evsi` (the scenario's), scaled by `scale`.
pub fn enbs(n: &[u32], evsi: &[f64], scale: Scale, fixed: f64, per_participant: f64) -> Enbs {
    let cost: Vec<f64> = (n.iter())
        .map(|&k| fixed + per_participant * 2.0 * f64::from(k))
        .collect();
    let population_evsi: Vec<f64> = evsi.iter().map(|e| e * scale.factor).collect();
    let enbs: Vec<f64> = population_evsi
        .iter()
        .zip(&cost)
        .map(|(e, c)| e - c)
        .collect();
    let best = (0..enbs.len()).fold(None, |b: Option<usize>, i| match b {
        Some(j) if enbs[j] >= enbs[i] => Some(j),
        _ => Some(i),
    });
    let optimal = best.filter(|&i| enbs[i] > 0.0);
    let within_5pct = optimal.map(|i| {
        let bar = 0.95 * enbs[i];
        let (mut lo, mut hi) = (i, i);
        while lo > 0 && enbs[lo - 1] >= bar {
            lo -= 1;
        }
        while hi + 1 < enbs.len() && enbs[hi + 1] >= bar {
            hi += 1;
        }
        (n[lo], n[hi])
    });
    Enbs {
        cost,
        population_evsi,
        enbs,
        optimal,
        within_5pct,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(draws: impl Iterator<Item = f64>) -> (f64, f64) {
        let v: Vec<f64> = draws.collect();
        let n = v.len() as f64;
        let m = v.iter().sum::<f64>() / n;
        (
            m,
            v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0),
        )
    }

    #[test]
    fn binomial_and_poisson_have_their_moments() {
        let mut s = Stream::new(7, 0, 1, 0);
        for (t, p) in [(10.0, 0.3), (500.0, 0.2), (3000.0, 0.9), (41.0, 0.5)] {
            let (m, v) = moments((0..40_000).map(|_| binomial(t, p, &mut s)));
            let (em, ev) = (t * p, t * p * (1.0 - p));
            assert!(
                (m - em).abs() < 4.0 * (ev / 40_000.0).sqrt(),
                "{t} {p}: {m}"
            );
            assert!((v / ev - 1.0).abs() < 0.04, "{t} {p}: var {v} vs {ev}");
        }
        for mu in [0.5, 12.0, 150.0, 40_000.0] {
            let (m, v) = moments((0..40_000).map(|_| poisson(mu, &mut s)));
            assert!((m - mu).abs() < 4.0 * (mu / 40_000.0).sqrt(), "{mu}: {m}");
            assert!((v / mu - 1.0).abs() < 0.04, "{mu}: var {v}");
        }
    }

    #[test]
    fn enbs_finds_the_best_size_and_its_range() {
        let n = [10, 20, 30, 40, 50];
        let e = enbs(
            &n,
            &[100.0, 190.0, 260.0, 280.0, 296.0],
            Scale::one(),
            50.0,
            1.0,
        );
        assert_eq!(e.cost, vec![70.0, 90.0, 110.0, 130.0, 150.0]);
        assert_eq!(e.enbs, vec![30.0, 100.0, 150.0, 150.0, 146.0]);
        assert_eq!(e.optimal, Some(2));
        assert_eq!(e.within_5pct, Some((30, 50)));
        let none = enbs(&n, &[1.0; 5], Scale::one(), 50.0, 1.0);
        assert_eq!((none.optimal, none.within_5pct), (None, None));
        let s = Scale::population(100.0, 3, &[1.0, 0.5], 50.0);
        assert_eq!(s.discounted_participants, Some(175.0));
        assert_eq!(s.factor, 3.5);
    }
}

//! Sensitivity analysis: what drives the result, and what would make it pay.
//!
//! - **One-way (tornado).** Each uncertain input at its 10th and 90th percentile, the others at
//!   their means; the NPV swing per perspective.
//! - **Global.** Spearman's rank correlation of each input with NPV over the Monte Carlo
//!   trials. Each input's share of the variance is its squared rank correlation divided by the
//!   sum of squares (a normalisation that assumes roughly additive, monotone effects).
//! - **Switching values.** The value of one input, the others at their means, at which a
//!   perspective's NPV crosses zero, searched between the input's 0.1th and 99.9th percentiles.
//! - **Value of information** for the go / no-go decision (invest if expected NPV > 0).
//!   `EVPI = E[max(NPV, 0)] - max(E[NPV], 0)`. EVPPI of one input, or of a named group of
//!   inputs, is regression-based (Strong, Oakley & Brennan, Medical Decision Making
//!   2014;34:311-26): the NPV is regressed on the input's draws (a group: on all of its
//!   inputs' draws, with their pairwise products) by a natural cubic regression spline, and
//!   `EVPPI ≈ mean max(ĝ, 0) − max(mean NPV, 0)` ([`crate::stats::regression`]). With a few
//!   degrees of freedom instead of √n bins (the binned estimator of Strong & Oakley 2013,
//!   [`evppi`], kept for the cost-effectiveness analysis) its upward bias where the expected
//!   NPV is near zero is far smaller; the noise floor (the same regression on the trials in
//!   random orders) says what is left of it. A group's EVPPI is never below its largest
//!   member's.
//!
//! An input drawn per municipality is moved as one: all municipalities' draws together (in the
//! one-way analyses), or through their average (in the rank correlations and EVPPI).

use crate::kernel::Plan;
use crate::model::{InputId, Model};
use crate::sampler::Layout;
pub use crate::stats::{evpi, evppi};

/// The kernel at fixed draws: every input at its mean unless changed.
pub struct Probe<'a> {
    plan: &'a Plan,
    layout: &'a Layout,
    base: Vec<f64>,
    draws: Vec<f64>,
    ws: crate::kernel::Workspace,
    npv: Vec<f64>,
    be: Vec<u16>,
    muni: Vec<f64>,
    contracts: Vec<f64>,
}

impl<'a> Probe<'a> {
    pub fn new(model: &Model, layout: &'a Layout, plan: &'a Plan) -> Probe<'a> {
        let mut base = vec![0.0; layout.len];
        layout.fill_means(model, &mut base);
        Probe {
            plan,
            layout,
            draws: base.clone(),
            base,
            ws: plan.workspace(),
            npv: vec![0.0; plan.perspectives],
            be: vec![0; plan.perspectives],
            muni: vec![0.0; plan.municipalities],
            contracts: vec![0.0; plan.contracts() * plan.contract_width()],
        }
    }

    /// NPV per perspective with input `k` at `value` (None: all at their means).
    pub fn npv(&mut self, change: Option<(InputId, f64)>) -> &[f64] {
        self.draws.copy_from_slice(&self.base);
        if let Some((k, value)) = change {
            let start = self.layout.offsets[k];
            let end = self
                .layout
                .offsets
                .get(k + 1)
                .copied()
                .unwrap_or(self.layout.len);
            self.draws[start..end].fill(value);
        }
        let row = crate::kernel::TrialRow {
            npv: &mut self.npv,
            break_even: &mut self.be,
            muni_npv: &mut self.muni,
            muni_break_even: &mut [],
            contracts: &mut self.contracts,
            cumulative: &mut [],
            effects: &mut [],
        };
        self.plan.evaluate(&self.draws, &mut self.ws, row);
        &self.npv
    }
}

/// One bar of a tornado diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub input: InputId,
    /// The input's 10th and 90th percentiles.
    pub low: f64,
    pub high: f64,
    /// NPV with the input at `low` and at `high`.
    pub npv_low: f64,
    pub npv_high: f64,
    /// |npv_high - npv_low|.
    pub swing: f64,
}

/// The base NPV (all inputs at their means) and, per perspective, the bars sorted by swing
/// (largest first; ties by input order).
pub fn tornado(model: &Model, probe: &mut Probe) -> (Vec<f64>, Vec<Vec<Bar>>) {
    let base = probe.npv(None).to_vec();
    let mut bars: Vec<Vec<Bar>> = vec![Vec::new(); base.len()];
    for (k, input) in model.inputs.iter().enumerate() {
        let (low, high) = (input.dist.quantile(0.1), input.dist.quantile(0.9));
        let npv_low = probe.npv(Some((k, low))).to_vec();
        let npv_high = probe.npv(Some((k, high))).to_vec();
        for (j, b) in bars.iter_mut().enumerate() {
            b.push(Bar {
                input: k,
                low,
                high,
                npv_low: npv_low[j],
                npv_high: npv_high[j],
                swing: (npv_high[j] - npv_low[j]).abs(),
            });
        }
    }
    for b in &mut bars {
        b.sort_by(|x, y| y.swing.total_cmp(&x.swing).then(x.input.cmp(&y.input)));
    }
    (base, bars)
}

/// Where a perspective's NPV crosses zero as one input moves.
#[derive(Clone, Debug, PartialEq)]
pub struct Switch {
    pub input: InputId,
    /// The input's value at the crossing.
    pub value: f64,
    /// Its percentile in the input's distribution.
    pub percentile: f64,
    /// Whether NPV is positive above the value (`true`) or below it.
    pub positive_above: bool,
}

/// Percentiles bounding the search for switching values.
pub const SEARCH_RANGE: (f64, f64) = (0.001, 0.999);

/// Per perspective, per input: the switching value nearest the input's mean, if the NPV
/// crosses zero between the input's 0.1th and 99.9th percentiles.
pub fn switching_values(model: &Model, probe: &mut Probe) -> Vec<Vec<Option<Switch>>> {
    let np = probe.plan.perspectives;
    let mut out = vec![vec![None; model.inputs.len()]; np];
    const GRID: usize = 64;
    for (k, input) in model.inputs.iter().enumerate() {
        let d = &input.dist;
        let mean = d.mean();
        // A grid in probability space, so the search follows the distribution's own scale.
        let xs: Vec<f64> = (0..=GRID)
            .map(|i| {
                let p = SEARCH_RANGE.0 + (SEARCH_RANGE.1 - SEARCH_RANGE.0) * i as f64 / GRID as f64;
                d.quantile(p)
            })
            .collect();
        let ys: Vec<Vec<f64>> = xs
            .iter()
            .map(|x| probe.npv(Some((k, *x))).to_vec())
            .collect();
        for (j, out_j) in out.iter_mut().enumerate() {
            // Brackets where the sign changes; keep the one nearest the mean.
            let best = (0..GRID)
                .filter(|&i| (ys[i][j] > 0.0) != (ys[i + 1][j] > 0.0))
                .min_by(|&a, &b| {
                    let da = ((xs[a] + xs[a + 1]) / 2.0 - mean).abs();
                    let db = ((xs[b] + xs[b + 1]) / 2.0 - mean).abs();
                    da.total_cmp(&db)
                });
            let Some(i) = best else { continue };
            let (mut lo, mut hi) = (xs[i], xs[i + 1]);
            let lo_positive = ys[i][j] > 0.0;
            for _ in 0..200 {
                let mid = 0.5 * (lo + hi);
                if mid <= lo || mid >= hi {
                    break;
                }
                if (probe.npv(Some((k, mid)))[j] > 0.0) == lo_positive {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            // The endpoint whose NPV is nearer zero.
            let f_lo = probe.npv(Some((k, lo)))[j].abs();
            let f_hi = probe.npv(Some((k, hi)))[j].abs();
            let value = if f_lo <= f_hi { lo } else { hi };
            out_j[k] = Some(Switch {
                input: k,
                value,
                percentile: d.cdf(value),
                positive_above: !lo_positive,
            });
        }
    }
    out
}

/// Ranks 1..n, ties sharing their average rank.
pub fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            r[k] = avg;
        }
        i = j + 1;
    }
    r
}

/// Pearson's correlation; 0 when either side does not vary.
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// Spearman's rank correlation.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

/// Squared correlations normalised to sum to 1 (all zero if every correlation is zero).
pub fn variance_shares(rho: &[f64]) -> Vec<f64> {
    let total: f64 = rho.iter().map(|r| r * r).sum();
    rho.iter()
        .map(|r| if total > 0.0 { r * r / total } else { 0.0 })
        .collect()
}

/// The global analyses of one perspective over the trials.
#[derive(Clone, Debug, PartialEq)]
pub struct Global {
    /// Spearman rank correlation of each input with the NPV.
    pub rho: Vec<f64>,
    /// Expected value of perfect information, kroner.
    pub evpi: f64,
    /// EVPPI of each input, kroner (regression-based, [`crate::stats::regression`]; at most
    /// the EVPI).
    pub evppi: Vec<f64>,
    /// Each input's EVPPI noise floor: what a summary unrelated to the NPV gets at these trials
    /// with the same regression; an EVPPI at or below it is noise.
    pub evppi_floor: Vec<f64>,
    /// The largest of the inputs' floors (0 without inputs), kroner.
    pub evppi_noise_floor: f64,
    /// EVPPI of each group of inputs (`[group]`), kroner: never below its largest member's.
    pub group_evppi: Vec<f64>,
    /// Each group's noise floor, kroner.
    pub group_floor: Vec<f64>,
}

/// Rank correlations, EVPI and EVPPI of every perspective, from each perspective's NPV column
/// and each input's column of draws over the same trials; with the EVPPI of each group of
/// inputs (`groups[g]` lists input indices). Each EVPPI is one regression per input or group
/// for every perspective at once, so the result does not depend on the thread count.
pub fn global(
    npv_columns: impl Iterator<Item = Vec<f64>>,
    inputs: &[Vec<f64>],
    groups: &[Vec<usize>],
) -> Vec<Global> {
    use crate::stats::regression;
    let npv: Vec<Vec<f64>> = npv_columns.collect();
    let refs: Vec<&[f64]> = npv.iter().map(Vec::as_slice).collect();
    let trials = npv.first().map_or(0, Vec::len);
    let orders = regression::shuffles(trials, regression::NULL_SHUFFLES, 0x00E7_9951);
    let of = |members: &[usize]| {
        let cols: Vec<&[f64]> = members.iter().map(|&k| inputs[k].as_slice()).collect();
        regression::evppi(&cols, &refs, &orders)
    };
    // [input] -> ([perspective] values, [perspective] floors)
    let single = crate::montecarlo::par_columns(inputs.len(), |k| of(&[k]));
    let grouped = crate::montecarlo::par_columns(groups.len(), |g| of(&groups[g]));
    (npv.iter().enumerate())
        .map(|(j, npv)| {
            let evpi = evpi(npv);
            // Partial information is never worth more than perfect information: the
            // regression's upward noise is cut at the EVPI.
            let evppi: Vec<f64> = single.iter().map(|(v, _)| v[j].min(evpi)).collect();
            let evppi_floor: Vec<f64> = single.iter().map(|(_, f)| f[j]).collect();
            Global {
                rho: inputs.iter().map(|c| spearman(c, npv)).collect(),
                evpi,
                evppi_noise_floor: evppi_floor.iter().copied().fold(0.0, f64::max),
                // Knowing more is never worth less: a group's estimate is raised to its largest
                // member's where the regression's noise would put it below.
                group_evppi: (groups.iter().zip(&grouped))
                    .map(|(members, (v, _))| {
                        let own = v[j].min(evpi);
                        members.iter().map(|&k| evppi[k]).fold(own, f64::max)
                    })
                    .collect(),
                group_floor: grouped.iter().map(|(_, f)| f[j]).collect(),
                evppi,
                evppi_floor,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_ties() {
        assert_eq!(ranks(&[10.0, 30.0, 20.0, 20.0]), vec![1.0, 4.0, 2.5, 2.5]);
    }

    #[test]
    fn spearman_of_monotone_and_reversed() {
        let x: Vec<f64> = (0..50).map(|i| i as f64).collect();
        let y: Vec<f64> = x.iter().map(|v| v.powi(3)).collect();
        assert!((spearman(&x, &y) - 1.0).abs() < 1e-12);
        let z: Vec<f64> = x.iter().map(|v| -v.exp()).collect();
        assert!((spearman(&x, &z) + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&x, &[1.0; 50]), 0.0);
    }

    #[test]
    fn evpi_is_zero_when_the_decision_never_changes() {
        assert_eq!(evpi(&[-5.0, -1.0, -3.0]), 0.0);
        assert_eq!(evpi(&[5.0, 1.0, 3.0]), 0.0);
        // Invest: mean 1; with information we would skip the -2 trial.
        assert!((evpi(&[4.0, -2.0, 1.0]) - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn evppi_of_the_input_that_is_the_npv_equals_evpi() {
        let mut s = crate::sampler::Stream::new(1, 2, 3, 4);
        let x: Vec<f64> = (0..40_000).map(|_| s.uniform() * 2.0 - 0.8).collect();
        let e = evpi(&x);
        let p = evppi(&x, &x);
        assert!((p - e).abs() < 0.01 * e, "evppi {p} vs evpi {e}");
        let noise: Vec<f64> = (0..40_000).map(|_| s.uniform()).collect();
        assert!(evppi(&noise, &x) < 0.1 * e);
    }

    #[test]
    fn shares_sum_to_one() {
        let s = variance_shares(&[0.6, -0.8, 0.0]);
        assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((s[1] - 0.64).abs() < 1e-12);
    }
}

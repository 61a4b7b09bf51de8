//! Least-squares regression of Monte Carlo results on a few summaries of the trials, for the
//! regression-based value of information (Strong, Oakley & Brennan, Medical Decision Making
//! 2014;34:311-26, for EVPPI; Strong, Oakley, Brennan & Breeze 2015;35:570-83, for EVSI): the
//! fitted values estimate the conditional expectation of the result given the summaries, and
//! `mean max(ĝ, 0) − max(mean, 0)` is the value of knowing them before deciding.
//!
//! The smoother is an additive natural cubic regression spline of each summary (Harrell's
//! knot placement at quantiles, least squares; Hastie, Tibshirani & Friedman 2009, §5.2.1)
//! with the product of each pair of standardised summaries, the unpenalised counterpart of the
//! generalised additive model Strong et al. fit: few degrees of freedom, so the noise of the
//! fitted values (which `max(·, 0)` turns into an upward bias where the expected result is
//! near zero) stays small, and linear beyond the outer knots, so that a result linear in a
//! summary is fitted exactly. Sums run in trial order: the same columns give the same result
//! on any thread.

/// Shuffles behind [`Basis::value_with_floor`].
pub const NULL_SHUFFLES: usize = 8;

/// The regression's columns over the trials (a constant, each summary's spline basis, the
/// products of pairs), with the Cholesky factor of their cross-products: built once, fitted to
/// any number of result columns.
pub struct Basis {
    cols: Vec<Vec<f64>>,
    chol: Vec<f64>,
}

impl Basis {
    /// The basis of `summaries` (`[summary][trial]`, each as long as the results).
    pub fn new(summaries: &[&[f64]]) -> Basis {
        let trials = summaries.first().map_or(0, |s| s.len());
        let mut cols: Vec<Vec<f64>> = vec![vec![1.0; trials]];
        let mut linear: Vec<usize> = Vec::new();
        for x in summaries {
            let b = spline_basis(x);
            if !b.is_empty() {
                linear.push(cols.len());
            }
            cols.extend(b);
        }
        // The product of each pair of standardised summaries: a result is often a product of
        // inputs (a rate times a relative change), which an additive fit misses.
        for (i, &a) in linear.iter().enumerate() {
            for &b in &linear[i + 1..] {
                let product = cols[a].iter().zip(&cols[b]).map(|(u, v)| u * v).collect();
                cols.push(product);
            }
        }
        let p = cols.len();
        let mut xtx = vec![0.0; p * p];
        for a in 0..p {
            for b in 0..=a {
                let v: f64 = cols[a].iter().zip(&cols[b]).map(|(u, w)| u * w).sum();
                xtx[a * p + b] = v;
                xtx[b * p + a] = v;
            }
        }
        let chol = cholesky(&xtx, p);
        Basis { cols, chol }
    }

    /// The fitted values of each column of `ys`, `[y][trial]`.
    pub fn fit(&self, ys: &[&[f64]]) -> Vec<Vec<f64>> {
        let p = self.cols.len();
        let trials = self.cols[0].len();
        ys.iter()
            .map(|y| {
                let xty: Vec<f64> = (self.cols.iter())
                    .map(|c| c.iter().zip(y.iter()).map(|(u, w)| u * w).sum())
                    .collect();
                let beta = solve(&self.chol, p, &xty);
                (0..trials)
                    .map(|i| self.cols.iter().zip(&beta).map(|(c, b)| c[i] * b).sum())
                    .collect()
            })
            .collect()
    }

    /// The decision value of each column of `ys` ([`decision_value`] of its fit), and its noise
    /// floor: the mean plus two standard deviations of the same over the `shuffles` of the
    /// trials ([`shuffles`]), the value a summary unrelated to the result gets (0 without
    /// shuffles).
    pub fn value_with_floor(&self, ys: &[&[f64]], shuffles: &[Vec<usize>]) -> (Vec<f64>, Vec<f64>) {
        let shuffled: Vec<Vec<f64>> = (shuffles.iter())
            .flat_map(|order| {
                ys.iter()
                    .map(move |y| order.iter().map(|&k| y[k]).collect())
            })
            .collect();
        let mut all: Vec<&[f64]> = ys.to_vec();
        all.extend(shuffled.iter().map(Vec::as_slice));
        let fitted = self.fit(&all);
        let values: Vec<f64> = (all.iter().zip(&fitted))
            .map(|(y, g)| decision_value(y, g))
            .collect();
        let m = ys.len();
        let floor = (0..m)
            .map(|j| {
                if shuffles.is_empty() {
                    return 0.0;
                }
                let v: Vec<f64> = (0..shuffles.len()).map(|r| values[m + r * m + j]).collect();
                let mean = v.iter().sum::<f64>() / v.len() as f64;
                let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>()
                    / (v.len() as f64 - 1.0).max(1.0))
                .sqrt();
                mean + 2.0 * sd
            })
            .collect();
        (values[..m].to_vec(), floor)
    }
}

/// `count` random orders of `trials` trials from a fixed generator keyed by `key` (SplitMix64,
/// Fisher-Yates): the same key gives the same orders.
pub fn shuffles(trials: usize, count: usize, key: u64) -> Vec<Vec<usize>> {
    let mut state = key ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..trials).collect();
    (0..count)
        .map(|_| {
            for i in (1..trials).rev() {
                let j = (next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            order.clone()
        })
        .collect()
}

/// `mean max(ĝ, 0) − max(mean y, 0)`, at least 0: the value of choosing per trial on the
/// fitted values rather than once on the mean.
pub fn decision_value(y: &[f64], fitted: &[f64]) -> f64 {
    let n = y.len().max(1) as f64;
    let mean = y.iter().sum::<f64>() / n;
    let with = fitted.iter().map(|g| g.max(0.0)).sum::<f64>() / n;
    (with - mean.max(0.0)).max(0.0)
}

/// Regression-based EVPPI of the inputs `group` (their draws, `[input][trial]`) for each
/// result column of `npv` (invest if its mean > 0), and each one's noise floor, kroner.
pub fn evppi(group: &[&[f64]], npv: &[&[f64]], shuffles: &[Vec<usize>]) -> (Vec<f64>, Vec<f64>) {
    Basis::new(group).value_with_floor(npv, shuffles)
}

/// The natural cubic spline basis of `x` without its constant: the standardised `x` and
/// `K − 2` truncated-power terms over knots at Harrell's quantiles (Hastie, Tibshirani &
/// Friedman 2009, eq. 5.4-5.5). Knots that coincide (a summary with few values) are merged;
/// with fewer than three distinct knots the basis is `x` alone, and nothing when `x` does
/// not vary.
fn spline_basis(x: &[f64]) -> Vec<Vec<f64>> {
    let n = x.len().max(1) as f64;
    let mean = x.iter().sum::<f64>() / n;
    let sd = (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
    if sd.is_nan() || sd <= 0.0 || !sd.is_finite() {
        return Vec::new();
    }
    let z: Vec<f64> = x.iter().map(|v| (v - mean) / sd).collect();
    let mut sorted = z.clone();
    let quantiles = [0.05, 0.275, 0.5, 0.725, 0.95];
    let mut knots = super::percentiles_inc(&mut sorted, &quantiles);
    knots.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    let mut out = vec![z.clone()];
    let k = knots.len();
    if k < 3 {
        return out;
    }
    let cube = |v: f64| v.max(0.0).powi(3);
    let d = |j: usize, v: f64| {
        (cube(v - knots[j]) - cube(v - knots[k - 1])) / (knots[k - 1] - knots[j])
    };
    for j in 0..k - 2 {
        out.push(z.iter().map(|&v| d(j, v) - d(k - 2, v)).collect());
    }
    out
}

/// The Cholesky factor `L` (row-major, lower) of a symmetric `p × p` matrix, with a ridge of
/// 1e-10 of each diagonal element so that a column with no information does not break it.
fn cholesky(a: &[f64], p: usize) -> Vec<f64> {
    let mut l = vec![0.0; p * p];
    for i in 0..p {
        for j in 0..=i {
            let mut sum = a[i * p + j];
            if i == j {
                sum += 1e-10 * a[i * p + i].abs() + 1e-300;
            }
            for k in 0..j {
                sum -= l[i * p + k] * l[j * p + k];
            }
            l[i * p + j] = if i == j {
                sum.max(0.0).sqrt()
            } else if l[j * p + j] > 0.0 {
                sum / l[j * p + j]
            } else {
                0.0
            };
        }
    }
    l
}

/// Solve `L Lᵀ β = b`.
fn solve(l: &[f64], p: usize, b: &[f64]) -> Vec<f64> {
    let mut y = vec![0.0; p];
    for i in 0..p {
        let s: f64 = (0..i).map(|k| l[i * p + k] * y[k]).sum();
        y[i] = if l[i * p + i] > 0.0 {
            (b[i] - s) / l[i * p + i]
        } else {
            0.0
        };
    }
    let mut beta = vec![0.0; p];
    for i in (0..p).rev() {
        let s: f64 = (i + 1..p).map(|k| l[k * p + i] * beta[k]).sum();
        beta[i] = if l[i * p + i] > 0.0 {
            (y[i] - s) / l[i * p + i]
        } else {
            0.0
        };
    }
    beta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(summaries: &[Vec<f64>], ys: &[&[f64]]) -> Vec<Vec<f64>> {
        let s: Vec<&[f64]> = summaries.iter().map(Vec::as_slice).collect();
        Basis::new(&s).fit(ys)
    }

    #[test]
    fn the_spline_fits_a_line_exactly_and_a_cubic_closely() {
        let x: Vec<f64> = (0..2000).map(|i| i as f64 / 100.0 - 10.0).collect();
        let line: Vec<f64> = x.iter().map(|v| 3.0 - 2.0 * v).collect();
        let g = fit(std::slice::from_ref(&x), &[&line]);
        assert!(g[0].iter().zip(&line).all(|(a, b)| (a - b).abs() < 1e-6));
        let bent: Vec<f64> = x.iter().map(|v| (v / 4.0).tanh()).collect();
        let g = fit(&[x], &[&bent]);
        let worst = g[0]
            .iter()
            .zip(&bent)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        // A straight line misses it by 0.3.
        assert!(worst < 0.05, "{worst}");
    }

    #[test]
    fn a_product_of_two_inputs_is_fitted() {
        let x: Vec<f64> = (0..4000)
            .map(|i| ((i * 37) % 101) as f64 / 50.0 - 1.0)
            .collect();
        let y: Vec<f64> = (0..4000)
            .map(|i| ((i * 53) % 97) as f64 / 48.0 - 1.0)
            .collect();
        let xy: Vec<f64> = x.iter().zip(&y).map(|(a, b)| a * b).collect();
        let g = fit(&[x, y], &[&xy]);
        let worst = g[0]
            .iter()
            .zip(&xy)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(worst < 1e-6, "{worst}");
    }

    #[test]
    fn shuffles_are_fixed_orders() {
        let a = shuffles(50, 3, 7);
        assert_eq!(a, shuffles(50, 3, 7));
        assert_ne!(a[0], a[1]);
        let mut sorted = a[2].clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
    }
}

//! Statistics over Monte Carlo trials: pure functions of the per-trial outputs.
//!
//! Sums run in trial order, so a summary is as reproducible as the trials themselves.

pub mod regression;

/// The `p`-th percentile (0 <= p <= 1) of sorted data by linear interpolation between order
/// statistics: Excel's PERCENTILE.INC and numpy's default. Rank h = (n - 1) p; the result is
/// x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
///
/// ```
/// // Excel: =PERCENTILE.INC({1,2,3,4}, 0.25) is 1.75.
/// assert_eq!(somsim::stats::percentile_inc(&[1.0, 2.0, 3.0, 4.0], 0.25), 1.75);
/// ```
pub fn percentile_inc(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// Mean, spread and percentiles of a sample.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Distribution {
    pub mean: f64,
    /// Sample standard deviation (n - 1).
    pub sd: f64,
    /// Monte Carlo standard error of the mean, sd / sqrt(n).
    pub se: f64,
    pub p5: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p95: f64,
}

/// PERCENTILE.INC at each of `ps` (ascending) without sorting: each rank is selected in
/// linear time from what lies above the previous one. `values` is reordered.
pub fn percentiles_inc(values: &mut [f64], ps: &[f64]) -> Vec<f64> {
    let n = values.len();
    if n <= 1 {
        return ps
            .iter()
            .map(|_| values.first().copied().unwrap_or(f64::NAN))
            .collect();
    }
    let mut out = Vec::with_capacity(ps.len());
    let mut from = 0;
    for &p in ps {
        let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
        let lo = (h.floor() as usize).max(from);
        let (_, x_lo, above) = values[from..].select_nth_unstable_by(lo - from, f64::total_cmp);
        let x_lo = *x_lo;
        let x_hi = above.iter().copied().fold(f64::INFINITY, f64::min);
        out.push(if lo + 1 < n {
            x_lo + (h - lo as f64) * (x_hi - x_lo)
        } else {
            x_lo
        });
        from = lo;
    }
    out
}

/// Summarise `values` (reordered in place).
pub fn distribution(values: &mut [f64]) -> Distribution {
    let n = values.len();
    let mean = values.iter().sum::<f64>() / n as f64;
    let sd = if n > 1 {
        (values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
    } else {
        0.0
    };
    let p = percentiles_inc(values, &[0.05, 0.25, 0.50, 0.75, 0.95]);
    Distribution {
        mean,
        sd,
        se: sd / (n as f64).sqrt(),
        p5: p[0],
        p25: p[1],
        p50: p[2],
        p75: p[3],
        p95: p[4],
    }
}

/// Share of trials with a positive value, and its standard error sqrt(p (1 - p) / n).
pub fn probability_positive(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let p = values.iter().filter(|x| **x > 0.0).count() as f64 / n;
    (p, (p * (1.0 - p) / n).sqrt())
}

/// The distribution of the break-even year.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakEven {
    /// `by_year[t]`: the probability of (sustained) break-even by year offset t, cumulative.
    pub by_year: Vec<f64>,
    /// The probability of no break-even within the horizon.
    pub never: f64,
}

/// The distribution of break-even year offsets; an offset at or beyond the horizon (the
/// kernel's `NO_BREAK_EVEN`) counts as no break-even.
pub fn break_even(years: &[u16], horizon: usize) -> BreakEven {
    let mut counts = vec![0u64; horizon + 1];
    for &y in years {
        counts[(y as usize).min(horizon)] += 1;
    }
    break_even_of_counts(&counts)
}

/// The distribution of break-even years from how many trials break even in each year offset
/// (`counts[t]`, `t` below the horizon) and how many never do (the last count).
pub fn break_even_of_counts(counts: &[u64]) -> BreakEven {
    let n = counts.iter().sum::<u64>() as f64;
    let (years, never) = counts.split_at(counts.len().saturating_sub(1));
    let mut acc = 0u64;
    let by_year = years
        .iter()
        .map(|c| {
            acc += c;
            acc as f64 / n
        })
        .collect();
    BreakEven {
        by_year,
        never: never.iter().sum::<u64>() as f64 / n,
    }
}

/// Counts of values in equal bins, for a chart of a distribution: `counts[i]` values lie in
/// `[edges[i], edges[i + 1])`. The bins span the central 99% of the values (from the 0.5th to
/// the 99.5th percentile) on round edges; the first and last bins also count the values
/// beyond them, so the counts add up to every value.
#[derive(Clone, Debug, PartialEq)]
pub struct Histogram {
    pub edges: Vec<f64>,
    pub counts: Vec<u64>,
}

/// Bins a histogram aims at.
const BINS: f64 = 25.0;

/// The [`Histogram`] of `values` (reordered).
pub fn histogram(values: &mut [f64]) -> Histogram {
    let finite = values.iter().all(|x| x.is_finite());
    let q = percentiles_inc(values, &[0.005, 0.995]);
    let (lo, hi) = (q[0], q[1]);
    if values.is_empty() || !finite || hi <= lo {
        return Histogram {
            edges: vec![lo, hi],
            counts: vec![values.len() as u64],
        };
    }
    let step = round_step((hi - lo) / BINS);
    let first = (lo / step).floor();
    let bins = (((hi / step).ceil() - first) as usize).max(1);
    let edges: Vec<f64> = (0..=bins).map(|i| (first + i as f64) * step).collect();
    let mut counts = vec![0u64; bins];
    for x in values.iter() {
        let i = ((x / step).floor() - first).clamp(0.0, (bins - 1) as f64);
        counts[i as usize] += 1;
    }
    Histogram { edges, counts }
}

/// The smallest round step (1, 2, 2.5 or 5 times a power of ten) at least `raw` (> 0).
pub fn round_step(raw: f64) -> f64 {
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
}

/// Everything reported for one perspective.
#[derive(Clone, Debug, PartialEq)]
pub struct PerspectiveSummary {
    pub npv: Distribution,
    pub npv_histogram: Histogram,
    pub prob_npv_positive: f64,
    pub se_prob_npv_positive: f64,
    pub break_even: BreakEven,
}

/// The summary of a Monte Carlo run.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub trials: usize,
    /// In the model's perspective order.
    pub perspectives: Vec<PerspectiveSummary>,
    /// NPV of each municipality's own `kommune` rows, in the model's municipality order.
    pub municipalities: Vec<Distribution>,
    /// P(NPV > 0) of each municipality's own rows, in the same order.
    pub municipality_prob_positive: Vec<f64>,
    /// The break-even distribution of each municipality's own rows, in the same order; empty
    /// unless the run followed them year by year.
    pub municipality_break_even: Vec<BreakEven>,
}

/// The summary of one perspective from its NPV and break-even year in every trial.
pub fn perspective(
    mut npv: Vec<f64>,
    break_even_years: &[u16],
    horizon: usize,
) -> PerspectiveSummary {
    let (p, se) = probability_positive(&npv);
    PerspectiveSummary {
        npv_histogram: histogram(&mut npv),
        npv: distribution(&mut npv),
        prob_npv_positive: p,
        se_prob_npv_positive: se,
        break_even: break_even(break_even_years, horizon),
    }
}

/// The precision a run has reached, kept up to date as batches of trials are added: per
/// perspective the running mean and sum of squared deviations (Welford's method, in trial
/// order, so the result does not depend on the thread count) and the count of trials with
/// NPV > 0. Adding a batch costs time in proportion to the batch, not to the trials so far.
#[derive(Clone, Debug, Default)]
pub struct Precision {
    /// Per perspective: trials, mean, sum of squared deviations, trials with NPV > 0.
    columns: Vec<(f64, f64, f64, u64)>,
}

impl Precision {
    /// Add the trials of `batch`, a row-major table `width` perspectives wide, in trial order.
    pub fn add(&mut self, batch: &[f64], width: usize) {
        self.columns.resize(width, (0.0, 0.0, 0.0, 0));
        for row in batch.chunks_exact(width.max(1)) {
            for ((n, mean, m2, positive), &x) in self.columns.iter_mut().zip(row) {
                *n += 1.0;
                let d = x - *mean;
                *mean += d / *n;
                *m2 += d * (x - *mean);
                *positive += u64::from(x > 0.0);
            }
        }
    }

    /// The largest, over perspectives, of the standard error of P(NPV > 0) and the relative
    /// standard error of the mean NPV. The mean's error is taken relative to |mean|, or to the
    /// sd when the mean is smaller than the sd: a mean near zero cannot be estimated to a
    /// relative precision, only to a fraction of its spread.
    pub fn achieved(&self) -> f64 {
        (self.columns.iter())
            .map(|&(n, mean, m2, positive)| {
                let sd = (m2 / (n - 1.0).max(1.0)).sqrt();
                let se_mean = sd / n.sqrt();
                let scale = mean.abs().max(sd);
                let rel = if scale > 0.0 { se_mean / scale } else { 0.0 };
                let p = positive as f64 / n;
                rel.max((p * (1.0 - p) / n).sqrt())
            })
            .fold(0.0, f64::max)
    }
}

/// A difference of NPVs smaller than this (half an øre) is rounding in `f64`, not a
/// difference: flows that cancel (contract flows in `all`) leave a few units in the last
/// place.
pub const ROUNDING_KR: f64 = 0.005;

/// The paired difference `b - a` of two NPV columns over the same trials (common random
/// numbers): its distribution, and the share of trials in which `b` beats `a` (a larger NPV,
/// by more than [`ROUNDING_KR`]).
pub fn paired_difference(a: &[f64], b: &[f64]) -> (Distribution, f64) {
    let mut diff: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
    let p = diff.iter().filter(|d| **d > ROUNDING_KR).count() as f64 / diff.len() as f64;
    (distribution(&mut diff), p)
}

/// Expected value of perfect information for invest (NPV) versus do nothing (0).
///
/// ```
/// // Investing has a mean NPV of 1; with perfect information we would skip the -2 trial.
/// let evpi = somsim::stats::evpi(&[4.0, -2.0, 1.0]);
/// assert!((evpi - 2.0 / 3.0).abs() < 1e-12);
/// ```
pub fn evpi(npv: &[f64]) -> f64 {
    let n = npv.len() as f64;
    let with_info = npv.iter().map(|x| x.max(0.0)).sum::<f64>() / n;
    let without = (npv.iter().sum::<f64>() / n).max(0.0);
    (with_info - without).max(0.0)
}

/// The trials sorted by one input's value and cut into `round(sqrt(n))` bins of (nearly)
/// equal size: the nonparametric EVPPI estimator of Strong & Oakley (2013). A partition is
/// made once per input and then applied to any column of results over the same trials.
#[derive(Clone, Debug)]
pub struct Partition {
    order: Vec<usize>,
    bins: usize,
}

impl Partition {
    /// The partition of the trials by `input`; `None` below four trials.
    pub fn new(input: &[f64]) -> Option<Partition> {
        let n = input.len();
        if n < 4 {
            return None;
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| input[a].total_cmp(&input[b]).then(a.cmp(&b)));
        let bins = ((n as f64).sqrt().round() as usize).max(2);
        Some(Partition { order, bins })
    }

    /// The mean of `values` in each bin, with the bin's number of trials.
    pub fn bin_means(&self, values: &[f64]) -> Vec<(f64, usize)> {
        let n = self.order.len();
        (0..self.bins)
            .map(|b| {
                let (from, to) = (b * n / self.bins, (b + 1) * n / self.bins);
                let sum: f64 = self.order[from..to].iter().map(|&i| values[i]).sum();
                (sum / (to - from) as f64, to - from)
            })
            .collect()
    }

    /// EVPPI of the input for invest (`npv`) versus do nothing.
    pub fn evppi(&self, npv: &[f64]) -> f64 {
        let mean = npv.iter().sum::<f64>() / npv.len() as f64;
        evppi_of_bins(self.bin_means(npv).into_iter(), mean, npv.len())
    }
}

/// EVPPI from the bins' mean net benefits (with their numbers of trials, `n` in all) and the
/// overall mean: the value of choosing per bin rather than once.
pub fn evppi_of_bins(bins: impl Iterator<Item = (f64, usize)>, mean: f64, n: usize) -> f64 {
    let with_info: f64 = bins.map(|(m, count)| m.max(0.0) * count as f64).sum();
    (with_info / n as f64 - mean.max(0.0)).max(0.0)
}

/// Shuffles behind [`evppi_noise_floor`].
const NULL_PARTITIONS: u64 = 16;

/// The noise floor of the binned EVPPI on `npv`: the estimator's value for an input unrelated
/// to the result, whose bins' means differ by sampling noise only. Where the expected net
/// benefit is near zero, `max(bin mean, 0)` turns that noise into a positive bias (Strong,
/// Oakley & Brennan 2014 discuss it); an input's EVPPI below the floor cannot be told from
/// it. The floor is the mean plus two standard deviations of the estimator over
/// 16 partitions of the trials into bins of the same sizes at random
/// (a fixed generator: the same trials give the same floor, at any thread count).
pub fn evppi_noise_floor(npv: &[f64]) -> f64 {
    let n = npv.len();
    if n < 4 {
        return 0.0;
    }
    let mean = npv.iter().sum::<f64>() / n as f64;
    let bins = ((n as f64).sqrt().round() as usize).max(2);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        // SplitMix64.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..n).collect();
    let values: Vec<f64> = (0..NULL_PARTITIONS)
        .map(|_| {
            // Fisher-Yates.
            for i in (1..n).rev() {
                let j = (next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            let p = Partition {
                order: order.clone(),
                bins,
            };
            evppi_of_bins(p.bin_means(npv).into_iter(), mean, n)
        })
        .collect();
    let k = values.len() as f64;
    let m = values.iter().sum::<f64>() / k;
    let sd = (values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (k - 1.0)).sqrt();
    m + 2.0 * sd
}

/// Expected value of partial perfect information about one input (Strong & Oakley 2013): see
/// [`Partition`].
pub fn evppi(input: &[f64], npv: &[f64]) -> f64 {
    Partition::new(input).map_or(0.0, |p| p.evppi(npv))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Near zero expected net benefit the binned EVPPI of an input unrelated to the NPV is
    /// positive (bias); the noise floor sits above it, and an input that drives the NPV is far
    /// above the floor.
    #[test]
    fn the_evppi_noise_floor_separates_noise_from_an_input_that_matters() {
        // SplitMix64 normals by Box-Muller: an NPV centred on zero, and an unrelated input.
        let mut state = 7u64;
        let mut u = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        };
        let n = 10_000;
        let mut normal = || {
            let (a, b) = (u().max(1e-300), u());
            (-2.0 * a.ln()).sqrt() * (std::f64::consts::TAU * b).cos()
        };
        let driver: Vec<f64> = (0..n).map(|_| normal()).collect();
        let noise: Vec<f64> = (0..n).map(|_| normal()).collect();
        let unrelated: Vec<f64> = (0..n).map(|_| normal()).collect();
        let npv: Vec<f64> = (0..n).map(|i| 1e6 * (0.5 * driver[i] + noise[i])).collect();
        let floor = evppi_noise_floor(&npv);
        let biased = evppi(&unrelated, &npv);
        assert!(biased > 0.0, "no bias to guard against: {biased}");
        assert!(
            biased <= floor,
            "unrelated {biased} above the floor {floor}"
        );
        let real = evppi(&driver, &npv);
        assert!(real > 2.0 * floor, "driver {real} vs floor {floor}");
        // Deterministic: the same trials give the same floor.
        assert_eq!(floor, evppi_noise_floor(&npv));
        assert_eq!(evppi_noise_floor(&[1.0, 2.0]), 0.0);
    }

    #[test]
    fn histogram_bins_are_round_and_count_every_value() {
        // 0, 1, ..., 999 and one far outlier: the bins cover 5..995 in steps of 50 (the
        // 0.5-99.5% range / 25 = 39.6, rounded up to 50); the tails land in the end bins.
        let mut x: Vec<f64> = (0..1000).map(f64::from).collect();
        x.push(1e9);
        let h = histogram(&mut x);
        assert_eq!(h.edges.first(), Some(&0.0));
        assert_eq!(h.edges.last(), Some(&1000.0));
        assert_eq!(h.counts.len(), 20);
        assert!(
            h.edges
                .windows(2)
                .all(|w| (w[1] - w[0] - 50.0).abs() < 1e-9)
        );
        assert_eq!(h.counts.iter().sum::<u64>(), 1001);
        assert_eq!(h.counts[0], 50);
        assert_eq!(h.counts[19], 51);
        // Negative values, a step of 2.5 x 10^k.
        let mut y: Vec<f64> = (0..=1000).map(|i| -3e6 + f64::from(i) * 6000.0).collect();
        let h = histogram(&mut y);
        assert!(
            h.edges
                .windows(2)
                .all(|w| (w[1] - w[0] - 250_000.0).abs() < 1e-6)
        );
        assert_eq!(h.counts.iter().sum::<u64>(), 1001);
        // All equal: one bin with everything.
        let h = histogram(&mut [0.0; 7]);
        assert_eq!((h.edges, h.counts), (vec![0.0, 0.0], vec![7]));
    }

    #[test]
    fn percentile_inc_matches_excel_and_numpy() {
        // numpy.percentile([1, 2, 3, 4], [5, 25, 50, 75, 95]) = [1.15, 1.75, 2.5, 3.25, 3.85]
        let x = [1.0, 2.0, 3.0, 4.0];
        let got: Vec<f64> = [0.05, 0.25, 0.5, 0.75, 0.95]
            .iter()
            .map(|p| percentile_inc(&x, *p))
            .collect();
        for (g, e) in got.iter().zip([1.15, 1.75, 2.5, 3.25, 3.85]) {
            assert!((g - e).abs() < 1e-12, "{got:?}");
        }
        // Excel: PERCENTILE.INC({15,20,35,40,50}, 0.4) = 29
        assert!((percentile_inc(&[15.0, 20.0, 35.0, 40.0, 50.0], 0.4) - 29.0).abs() < 1e-12);
        assert_eq!(percentile_inc(&[7.0], 0.3), 7.0);
        assert_eq!(percentile_inc(&[1.0, 9.0], 0.0), 1.0);
        assert_eq!(percentile_inc(&[1.0, 9.0], 1.0), 9.0);
    }

    #[test]
    fn selected_percentiles_equal_sorted_ones() {
        let mut s = crate::sampler::Stream::new(3, 0, 0, 0);
        for n in [1usize, 2, 3, 10, 101, 1000] {
            let v: Vec<f64> = (0..n).map(|_| (s.uniform() * 10.0).floor()).collect();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let ps = [0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0];
            let mut w = v.clone();
            let got = percentiles_inc(&mut w, &ps);
            for (g, p) in got.iter().zip(ps) {
                assert_eq!(*g, percentile_inc(&sorted, p), "n {n}, p {p}");
            }
        }
    }

    #[test]
    fn distribution_of_a_known_sample() {
        let mut v = vec![4.0, 1.0, 3.0, 2.0];
        let d = distribution(&mut v);
        assert_eq!(d.mean, 2.5);
        assert!((d.sd - (5.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert!((d.se - d.sd / 2.0).abs() < 1e-12);
        assert!((d.p50 - 2.5).abs() < 1e-12);
    }

    #[test]
    fn break_even_is_cumulative() {
        let b = break_even(&[0, 2, 2, u16::MAX], 3);
        assert_eq!(b.by_year, vec![0.25, 0.25, 0.75]);
        assert_eq!(b.never, 0.25);
    }

    #[test]
    fn probability_and_its_error() {
        let (p, se) = probability_positive(&[1.0, -1.0, 0.0, 2.0]);
        assert_eq!(p, 0.5);
        assert!((se - 0.25).abs() < 1e-12);
    }
}

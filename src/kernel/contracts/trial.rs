//! What a contract's terms act on in one trial, and the convolution of cohorts with effect
//! weights that its stages share.

/// What a contract's terms act on in one trial, from the stages before it.
pub(super) struct Trial<'a> {
    pub(super) draws: &'a [f64],
    /// `completers[m * h + t]`.
    pub(super) completers: &'a [f64],
    /// `weight[o * h + k]`: outcome o's weight k years after completion.
    pub(super) weight: &'a [f64],
    /// `units[o * nm + m]`: outcome o's units of use per completer-weight in municipality m.
    pub(super) units: &'a [f64],
    /// `per_unit[o * nm + m]`: the same in kroner of its price.
    pub(super) per_unit: &'a [f64],
    /// The trial's key for measurement noise; `None`: measurements at their expected value.
    pub(super) noise: Option<u64>,
}

/// `out[t] = sum_{c <= t} agg[c] weight[t - c]`, skipping the cohorts outside the window
/// (zero in `agg`): the terms are added in the same order, so the result is the same.
pub(in crate::kernel) fn convolve(agg: &[f64], weight: &[f64], out: &mut [f64]) {
    out.fill(0.0);
    for (c, &a) in agg.iter().enumerate().filter(|(_, a)| **a != 0.0) {
        for (o, w) in out[c..].iter_mut().zip(weight) {
            *o += a * w;
        }
    }
}

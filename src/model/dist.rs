//! Probability distributions for uncertain inputs: parameters, validation, moments and support.
//!
//! Parameters are held as `f64` (they feed the Monte Carlo kernel); the exact base-case mean is
//! computed from the written decimals when the model is built (see `build.rs`). Each form is
//! described where it is defined, with the parameterisation used by health-economics packages
//! (Briggs, Claxton & Sculpher, *Decision Modelling for Health Economic Evaluation*, 2006, ch. 4:
//! beta and gamma fitted by the method of moments; Beta-PERT with lambda = 4, Vose, *Risk
//! Analysis*, 2008).
//!
//! The special functions under the CDFs and quantiles are in `special`.

use std::fmt;

use crate::lang::{Lang, Message, Num, msg};

pub use super::special::{
    beta_cdf, beta_cdf_given, gamma_p, gamma_p_given, gamma_q, gamma_q_given, normal_cdf,
    normal_pdf, normal_quantile,
};

/// z such that P(Z <= z) = 0.95 for a standard normal Z: a 90% interval is median * exp(+-z sigma).
pub const Z95: f64 = 1.644_853_626_951_472_2;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dist {
    /// Every value in [min, max] equally likely.
    Uniform { min: f64, max: f64 },
    /// Triangular on [min, max] with peak at `mode`.
    Triangular { min: f64, mode: f64, max: f64 },
    /// Beta-PERT on [min, max] with most likely value `mode`: a Beta(a, b) scaled to [min, max],
    /// a = 1 + 4 (mode - min) / (max - min), b = 1 + 4 (max - mode) / (max - min).
    Pert { min: f64, mode: f64, max: f64 },
    /// Normal(mean, sd), truncated to [min, max] (infinite bounds when not truncated).
    Normal {
        mean: f64,
        sd: f64,
        min: f64,
        max: f64,
    },
    /// exp(Normal(mu, sigma)).
    LogNormal { mu: f64, sigma: f64 },
    /// Beta(alpha, beta) on [0, 1].
    Beta { alpha: f64, beta: f64 },
    /// Gamma with shape k and scale theta: mean k theta, variance k theta^2.
    Gamma { shape: f64, scale: f64 },
}

fn finite(name: &str, x: f64) -> Result<f64, Message> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(msg!(
            "{name} must be a finite number",
            "{name} skal være et endeligt tal"
        ))
    }
}

impl Dist {
    pub fn uniform(min: f64, max: f64) -> Result<Dist, Message> {
        if min >= max {
            return Err(msg!(
                "uniform needs min < max; found min {min}, max {max} (for a known value write the number itself)",
                "uniform kræver min < max; fandt min {min}, max {max} (skriv selve tallet for en kendt værdi)"
            ));
        }
        Ok(Dist::Uniform { min, max })
    }

    fn check_triple(form: &str, min: f64, mode: f64, max: f64) -> Result<(), Message> {
        if !(min <= mode && mode <= max) || min >= max {
            return Err(msg!(
                "{form} needs low <= most likely <= high and low < high; found {min}, {mode}, {max}",
                "{form} kræver lav <= mest sandsynlig <= høj og lav < høj; fandt {min}, {mode}, {max}"
            ));
        }
        Ok(())
    }

    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Dist, Message> {
        Self::check_triple("triangular", min, mode, max)?;
        Ok(Dist::Triangular { min, mode, max })
    }

    pub fn pert(min: f64, mode: f64, max: f64) -> Result<Dist, Message> {
        Self::check_triple("pert", min, mode, max)?;
        Ok(Dist::Pert { min, mode, max })
    }

    pub fn normal(mean: f64, sd: f64, min: Option<f64>, max: Option<f64>) -> Result<Dist, Message> {
        finite("mean", mean)?;
        if sd.is_nan() || sd <= 0.0 {
            return Err(msg!(
                "normal needs sd > 0; found {sd} (for a known value write the number itself)",
                "normal kræver sd > 0; fandt {sd} (skriv selve tallet for en kendt værdi)"
            ));
        }
        let lo = min.unwrap_or(f64::NEG_INFINITY);
        let hi = max.unwrap_or(f64::INFINITY);
        if lo >= hi {
            return Err(msg!(
                "normal needs min < max; found min {lo}, max {hi}",
                "normal kræver min < max; fandt min {lo}, max {hi}"
            ));
        }
        let mass = normal_cdf((hi - mean) / sd) - normal_cdf((lo - mean) / sd);
        if mass < 1e-6 {
            return Err(msg!(
                "the bounds [{lo}, {hi}] lie far out in the tails of normal(mean {mean}, sd {sd}); almost no value could be drawn",
                "grænserne [{lo}, {hi}] ligger langt ude i halerne af normal(middelværdi {mean}, sd {sd}); næsten ingen værdi ville kunne trækkes"
            ));
        }
        Ok(Dist::Normal {
            mean,
            sd,
            min: lo,
            max: hi,
        })
    }

    /// Lognormal by its median and a 90% interval [low, high]: mu = ln(median),
    /// sigma = ln(high / low) / (2 z95). The interval should be roughly symmetric around the
    /// median on a log scale; its width sets sigma.
    pub fn lognormal_interval(median: f64, low: f64, high: f64) -> Result<Dist, Message> {
        if !(0.0 < low && low < median && median < high) {
            return Err(msg!(
                "lognormal needs 0 < low < median < high; found low {low}, median {median}, high {high}",
                "lognormal kræver 0 < low < median < high; fandt low {low}, median {median}, high {high}"
            ));
        }
        Ok(Dist::LogNormal {
            mu: median.ln(),
            sigma: (high / low).ln() / (2.0 * Z95),
        })
    }

    /// Lognormal by its mean and standard deviation (on the natural scale).
    pub fn lognormal_moments(mean: f64, sd: f64) -> Result<Dist, Message> {
        if mean <= 0.0 || sd <= 0.0 || !mean.is_finite() || !sd.is_finite() {
            return Err(msg!(
                "lognormal needs mean > 0 and sd > 0; found mean {mean}, sd {sd}",
                "lognormal kræver mean > 0 og sd > 0; fandt mean {mean}, sd {sd}"
            ));
        }
        let s2 = (1.0 + (sd / mean).powi(2)).ln();
        Ok(Dist::LogNormal {
            mu: mean.ln() - s2 / 2.0,
            sigma: s2.sqrt(),
        })
    }

    /// Beta fitted by moments: alpha + beta = mean (1 - mean) / sd^2 - 1.
    pub fn beta_moments(mean: f64, sd: f64) -> Result<Dist, Message> {
        if !(0.0 < mean && mean < 1.0) {
            return Err(msg!(
                "beta needs 0 < mean < 1; found mean {mean}",
                "beta kræver 0 < mean < 1; fandt mean {mean}"
            ));
        }
        if sd.is_nan() || sd <= 0.0 {
            return Err(msg!(
                "beta needs sd > 0; found {sd}",
                "beta kræver sd > 0; fandt {sd}"
            ));
        }
        let var = sd * sd;
        if var >= mean * (1.0 - mean) {
            let bound = format!("{:.4}", (mean * (1.0 - mean)).sqrt());
            return Err(msg!(
                "no beta distribution has mean {mean} and sd {sd}: sd must be below sqrt(mean (1 - mean)) = {bound}",
                "ingen betafordeling har mean {mean} og sd {sd}: sd skal være under sqrt(mean (1 - mean)) = {bound}",
                bound = Num(bound),
            ));
        }
        let n = mean * (1.0 - mean) / var - 1.0;
        Self::beta(mean * n, (1.0 - mean) * n)
    }

    pub fn beta(alpha: f64, beta: f64) -> Result<Dist, Message> {
        if !(alpha > 0.0 && beta > 0.0 && alpha.is_finite() && beta.is_finite()) {
            return Err(msg!(
                "beta needs alpha > 0 and beta > 0; found alpha {alpha}, beta {beta}",
                "beta kræver alpha > 0 og beta > 0; fandt alpha {alpha}, beta {beta}"
            ));
        }
        Ok(Dist::Beta { alpha, beta })
    }

    /// Gamma fitted by moments: shape = mean^2 / sd^2, scale = sd^2 / mean.
    pub fn gamma_moments(mean: f64, sd: f64) -> Result<Dist, Message> {
        if mean <= 0.0 || sd <= 0.0 || !mean.is_finite() || !sd.is_finite() {
            return Err(msg!(
                "gamma needs mean > 0 and sd > 0; found mean {mean}, sd {sd}",
                "gamma kræver mean > 0 og sd > 0; fandt mean {mean}, sd {sd}"
            ));
        }
        Self::gamma((mean / sd).powi(2), sd * sd / mean)
    }

    pub fn gamma(shape: f64, scale: f64) -> Result<Dist, Message> {
        if !(shape > 0.0 && scale > 0.0 && shape.is_finite() && scale.is_finite()) {
            return Err(msg!(
                "gamma needs shape > 0 and scale > 0; found shape {shape}, scale {scale}",
                "gamma kræver shape > 0 og scale > 0; fandt shape {shape}, scale {scale}"
            ));
        }
        Ok(Dist::Gamma { shape, scale })
    }

    /// The smallest and largest values the distribution can take.
    pub fn support(&self) -> (f64, f64) {
        match *self {
            Dist::Uniform { min, max }
            | Dist::Triangular { min, max, .. }
            | Dist::Pert { min, max, .. }
            | Dist::Normal { min, max, .. } => (min, max),
            Dist::LogNormal { .. } | Dist::Gamma { .. } => (0.0, f64::INFINITY),
            Dist::Beta { .. } => (0.0, 1.0),
        }
    }

    /// The mean, in `f64`.
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::Pert { min, mode, max } => (min + 4.0 * mode + max) / 6.0,
            Dist::Normal { mean, sd, min, max } => {
                if min == f64::NEG_INFINITY && max == f64::INFINITY {
                    return mean;
                }
                let (a, b) = ((min - mean) / sd, (max - mean) / sd);
                let z = normal_cdf(b) - normal_cdf(a);
                mean + sd * (normal_pdf(a) - normal_pdf(b)) / z
            }
            Dist::LogNormal { mu, sigma } => (mu + sigma * sigma / 2.0).exp(),
            Dist::Beta { alpha, beta } => alpha / (alpha + beta),
            Dist::Gamma { shape, scale } => shape * scale,
        }
    }

    /// The variance, in `f64`.
    pub fn variance(&self) -> f64 {
        match *self {
            Dist::Uniform { min, max } => (max - min).powi(2) / 12.0,
            Dist::Triangular { min, mode, max } => {
                (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18.0
            }
            Dist::Pert { min, mode, max } => {
                let (a, b) = pert_shape(min, mode, max);
                (max - min).powi(2) * a * b / ((a + b).powi(2) * (a + b + 1.0))
            }
            Dist::Normal { mean, sd, min, max } => {
                if min == f64::NEG_INFINITY && max == f64::INFINITY {
                    return sd * sd;
                }
                let (a, b) = ((min - mean) / sd, (max - mean) / sd);
                let z = normal_cdf(b) - normal_cdf(a);
                let (pa, pb) = (normal_pdf(a), normal_pdf(b));
                let ta = if a.is_finite() { a * pa } else { 0.0 };
                let tb = if b.is_finite() { b * pb } else { 0.0 };
                sd * sd * (1.0 + (ta - tb) / z - ((pa - pb) / z).powi(2))
            }
            Dist::LogNormal { mu, sigma } => {
                ((sigma * sigma).exp() - 1.0) * (2.0 * mu + sigma * sigma).exp()
            }
            Dist::Beta { alpha, beta } => {
                alpha * beta / ((alpha + beta).powi(2) * (alpha + beta + 1.0))
            }
            Dist::Gamma { shape, scale } => shape * scale * scale,
        }
    }
}

impl Dist {
    /// The cumulative distribution function P(X <= x).
    pub fn cdf(&self, x: f64) -> f64 {
        match *self {
            Dist::Uniform { min, max } => ((x - min) / (max - min)).clamp(0.0, 1.0),
            Dist::Triangular { min, mode, max } => {
                if x <= min {
                    0.0
                } else if x >= max {
                    1.0
                } else if x <= mode {
                    (x - min).powi(2) / ((max - min) * (mode - min))
                } else {
                    1.0 - (max - x).powi(2) / ((max - min) * (max - mode))
                }
            }
            Dist::Pert { min, mode, max } => {
                let (a, b) = pert_shape(min, mode, max);
                beta_cdf(((x - min) / (max - min)).clamp(0.0, 1.0), a, b)
            }
            Dist::Normal { mean, sd, min, max } => {
                if x < min {
                    return 0.0;
                }
                if x >= max {
                    return 1.0;
                }
                let lo = normal_cdf((min - mean) / sd);
                let hi = normal_cdf((max - mean) / sd);
                ((normal_cdf((x - mean) / sd) - lo) / (hi - lo)).clamp(0.0, 1.0)
            }
            Dist::LogNormal { mu, sigma } => {
                if x <= 0.0 {
                    0.0
                } else {
                    normal_cdf((x.ln() - mu) / sigma)
                }
            }
            Dist::Beta { alpha, beta } => beta_cdf(x.clamp(0.0, 1.0), alpha, beta),
            Dist::Gamma { shape, scale } => {
                if x <= 0.0 {
                    0.0
                } else {
                    gamma_p(shape, x / scale)
                }
            }
        }
    }

    /// The quantile function: the x with P(X <= x) = p, for p in [0, 1]. Closed forms where
    /// they exist; otherwise the CDF is inverted to machine precision (Newton's method within
    /// a bisection bracket).
    pub fn quantile(&self, p: f64) -> f64 {
        let p = p.clamp(0.0, 1.0);
        match *self {
            Dist::Uniform { min, max } => min + p * (max - min),
            Dist::Triangular { min, mode, max } => {
                let fc = (mode - min) / (max - min);
                if p < fc {
                    min + (p * (max - min) * (mode - min)).sqrt()
                } else {
                    max - ((1.0 - p) * (max - min) * (max - mode)).sqrt()
                }
            }
            Dist::Normal { mean, sd, min, max } => {
                if min == f64::NEG_INFINITY && max == f64::INFINITY {
                    return mean + sd * normal_quantile(p);
                }
                let (a, b) = ((min - mean) / sd, (max - mean) / sd);
                // Work in the lower tail, where the CDF has full relative precision.
                if a > 0.0 {
                    let mirrored = Dist::Normal {
                        mean: -mean,
                        sd,
                        min: -max,
                        max: -min,
                    };
                    return -mirrored.quantile(1.0 - p);
                }
                let (lo, hi) = (normal_cdf(a), normal_cdf(b));
                (mean + sd * normal_quantile(lo + p * (hi - lo))).clamp(min, max)
            }
            Dist::LogNormal { mu, sigma } => (mu + sigma * normal_quantile(p)).exp(),
            _ => {
                let (lo, mut hi) = self.support();
                if hi.is_infinite() {
                    hi = self.mean() + 1.0;
                    while self.cdf(hi) < p {
                        hi = 2.0 * hi + 1.0;
                    }
                }
                self.invert(p, lo, hi, self.mean())
            }
        }
    }

    /// Whether [`Dist::quantile`] inverts the CDF numerically (beta, gamma, PERT).
    pub fn inverted_numerically(&self) -> bool {
        matches!(
            self,
            Dist::Beta { .. } | Dist::Gamma { .. } | Dist::Pert { .. }
        )
    }

    /// Newton's method on the CDF from `x`, kept inside the bracket `[lo, hi]`, which shrinks
    /// each step; a step that would leave it bisects instead. A few steps reach machine precision
    /// where bisection would take sixty.
    fn invert(&self, p: f64, mut lo: f64, mut hi: f64, x: f64) -> f64 {
        let mut x = x.clamp(lo, hi);
        for _ in 0..200 {
            let f = self.cdf(x) - p;
            if f == 0.0 {
                return x;
            }
            if f < 0.0 {
                lo = x;
            } else {
                hi = x;
            }
            let newton = x - f / self.density(x);
            let next = if newton > lo && newton < hi && newton.is_finite() {
                newton
            } else {
                0.5 * (lo + hi)
            };
            if next == x || hi - lo <= 4.0 * f64::EPSILON * hi.abs().max(f64::MIN_POSITIVE) {
                return next;
            }
            x = next;
        }
        x
    }

    /// The density of the forms inverted numerically (beta, gamma, PERT); elsewhere 0, which
    /// makes [`Dist::quantile`] bisect.
    fn density(&self, x: f64) -> f64 {
        let beta_pdf = |y: f64, a: f64, b: f64| -> f64 {
            if y <= 0.0 || y >= 1.0 {
                return 0.0;
            }
            let ln = (a - 1.0) * y.ln() + (b - 1.0) * (1.0 - y).ln() + libm::lgamma(a + b)
                - libm::lgamma(a)
                - libm::lgamma(b);
            ln.exp()
        };
        match *self {
            Dist::Beta { alpha, beta } => beta_pdf(x, alpha, beta),
            Dist::Pert { min, mode, max } => {
                let (a, b) = pert_shape(min, mode, max);
                beta_pdf((x - min) / (max - min), a, b) / (max - min)
            }
            Dist::Gamma { shape, scale } if x > 0.0 => {
                let y = x / scale;
                ((shape - 1.0) * y.ln() - y - libm::lgamma(shape)).exp() / scale
            }
            _ => 0.0,
        }
    }
}

/// The Beta shape parameters of a PERT(min, mode, max) with lambda = 4.
pub fn pert_shape(min: f64, mode: f64, max: f64) -> (f64, f64) {
    let r = max - min;
    (1.0 + 4.0 * (mode - min) / r, 1.0 + 4.0 * (max - mode) / r)
}

impl Dist {
    /// The distribution and its parameters, as [`Dist`]'s `Display` writes it, in both
    /// languages. The parameters are written as a scenario file writes them (`0.05`, `5000`),
    /// in Danish too: they are the numbers the person typed.
    pub fn describe(&self) -> Message {
        Message::by(|lang| {
            let g = |x: f64| format!("{}", (x * 1e6).round() / 1e6);
            let (mean, truncated, interval) = match lang {
                Lang::En => ("mean", "truncated to", "90% interval"),
                Lang::Da => ("middelværdi", "afskåret til", "90-procentsinterval"),
            };
            match *self {
                Dist::Uniform { min, max } => format!("uniform({}, {})", g(min), g(max)),
                Dist::Triangular { min, mode, max } => {
                    format!("triangular({}, {}, {})", g(min), g(mode), g(max))
                }
                Dist::Pert { min, mode, max } => {
                    format!("pert({}, {}, {})", g(min), g(mode), g(max))
                }
                Dist::Normal {
                    mean: m,
                    sd,
                    min,
                    max,
                } => {
                    let bounds = if min.is_finite() || max.is_finite() {
                        format!(", {truncated} [{}, {}]", g(min), g(max))
                    } else {
                        String::new()
                    };
                    format!("normal({mean} {}, sd {}{bounds})", g(m), g(sd))
                }
                Dist::LogNormal { mu, sigma } => format!(
                    "lognormal(median {}, {interval} {}-{})",
                    g(mu.exp()),
                    g((mu - Z95 * sigma).exp()),
                    g((mu + Z95 * sigma).exp())
                ),
                Dist::Beta { .. } => format!(
                    "beta({mean} {}, sd {})",
                    g(self.mean()),
                    g(self.variance().sqrt())
                ),
                Dist::Gamma { .. } => format!(
                    "gamma({mean} {}, sd {})",
                    g(self.mean()),
                    g(self.variance().sqrt())
                ),
            }
        })
    }
}

impl fmt::Display for Dist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe().en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_invalid_parameters() {
        assert!(Dist::uniform(2.0, 1.0).is_err());
        assert!(Dist::triangular(1.0, 5.0, 3.0).is_err());
        assert!(Dist::normal(0.0, -1.0, None, None).is_err());
        assert!(Dist::normal(0.0, 1.0, Some(50.0), Some(60.0)).is_err());
        assert!(Dist::beta_moments(0.5, 0.6).is_err());
        assert!(Dist::beta_moments(1.2, 0.1).is_err());
        assert!(Dist::gamma_moments(-1.0, 1.0).is_err());
        assert!(Dist::lognormal_interval(5.0, 6.0, 10.0).is_err());
    }

    #[test]
    fn moment_fits_reproduce_the_moments() {
        let b = Dist::beta_moments(0.75, 0.05).unwrap();
        assert!((b.mean() - 0.75).abs() < 1e-12);
        assert!((b.variance().sqrt() - 0.05).abs() < 1e-12);
        let g = Dist::gamma_moments(2.0, 1.0).unwrap();
        assert!((g.mean() - 2.0).abs() < 1e-12);
        assert!((g.variance() - 1.0).abs() < 1e-12);
        let l = Dist::lognormal_moments(7000.0, 1500.0).unwrap();
        assert!((l.mean() - 7000.0).abs() < 1e-6);
        assert!((l.variance().sqrt() - 1500.0).abs() < 1e-6);
    }

    #[test]
    fn truncated_normal_mean_moves_away_from_the_cut() {
        let n = Dist::normal(0.0, 1.0, Some(0.0), None).unwrap();
        // Half-normal mean: sqrt(2 / pi).
        assert!((n.mean() - (2.0 / std::f64::consts::PI).sqrt()).abs() < 1e-12);
        assert!((n.variance() - (1.0 - 2.0 / std::f64::consts::PI)).abs() < 1e-12);
    }

    #[test]
    fn quantiles_invert_the_cdf_for_every_form() {
        let dists = [
            Dist::uniform(1.0, 3.0).unwrap(),
            Dist::triangular(3000.0, 5000.0, 9000.0).unwrap(),
            Dist::pert(6.0, 8.0, 10.0).unwrap(),
            Dist::normal(-0.05, 0.1, Some(-1.0), None).unwrap(),
            Dist::normal(5.0, 1.0, Some(6.0), Some(9.0)).unwrap(),
            Dist::lognormal_interval(7000.0, 5000.0, 9800.0).unwrap(),
            Dist::beta_moments(0.75, 0.05).unwrap(),
            Dist::gamma_moments(3.0, 2.5).unwrap(),
            Dist::gamma(0.4, 2.0).unwrap(),
        ];
        for d in dists {
            for &p in &[0.01, 0.1, 0.5, 0.9, 0.99] {
                let x = d.quantile(p);
                assert!(
                    (d.cdf(x) - p).abs() < 1e-9,
                    "{d}: p {p} -> x {x} -> {}",
                    d.cdf(x)
                );
            }
        }
    }

    #[test]
    fn lognormal_interval_recovers_its_interval() {
        let l = Dist::lognormal_interval(7000.0, 5000.0, 9800.0).unwrap();
        let Dist::LogNormal { mu, sigma } = l else {
            unreachable!()
        };
        assert!(
            ((mu - Z95 * sigma).exp() * (mu + Z95 * sigma).exp() - 5000.0 * 9800.0).abs() < 1e-3
        );
        assert!((mu.exp() - 7000.0).abs() < 1e-9);
    }
}

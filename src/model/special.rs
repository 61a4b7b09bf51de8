//! The special functions under the distributions' CDFs and quantiles: the standard normal's
//! CDF, density and quantile, and the regularized incomplete gamma (lower and upper) and beta
//! functions, also given their normalising constant, for many evaluations with one shape.
//!
//! Written here on `libm`'s `erfc` and `lgamma` rather than taken from a statistics crate, for
//! the reason the random generator is: correlated, pooled and Latin hypercube draws pass
//! through them, so every seeded result depends on their last bit, and a crate upgrade must not
//! change that within a stream version. The tests check them against their definitions to
//! machine precision.

use std::f64::consts::SQRT_2;

/// The standard normal quantile: Acklam's rational approximation (relative error 1.15e-9)
/// refined by one Halley step on the exact CDF, which brings it to full double precision.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    let x = if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    };
    // Halley refinement on e = Phi(x) - p; above the median, Phi(x) - p = (1 - p) - Q(x) keeps
    // full precision.
    let e = if p > 0.5 {
        (1.0 - p) - 0.5 * libm::erfc(x / SQRT_2)
    } else {
        0.5 * libm::erfc(-x / SQRT_2) - p
    };
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * (x * x / 2.0).exp();
    x - u / (1.0 + x * u / 2.0)
}

/// The regularized lower incomplete gamma function P(a, x) (series for x < a + 1, continued
/// fraction otherwise; Numerical Recipes, 3rd ed., 6.2).
pub fn gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    gamma_p_given(a, x, libm::lgamma(a))
}

/// [`gamma_p`] given `ln_gamma_a` = ln Γ(a), for many x with one a.
pub fn gamma_p_given(a: f64, x: f64, ln_gamma_a: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let ln_pre = a * x.ln() - x - ln_gamma_a;
    if x < a + 1.0 {
        gamma_series(a, x, ln_pre)
    } else {
        (1.0 - (ln_pre.exp() * gamma_fraction(a, x))).max(0.0)
    }
}

/// The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), computed without
/// the cancellation of `1 - P` where Q is small (x >= a + 1): full relative precision far in
/// the upper tail.
pub fn gamma_q(a: f64, x: f64) -> f64 {
    gamma_q_given(a, x, libm::lgamma(a))
}

/// [`gamma_q`] given `ln_gamma_a` = ln Γ(a), for many x with one a.
pub fn gamma_q_given(a: f64, x: f64, ln_gamma_a: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let ln_pre = a * x.ln() - x - ln_gamma_a;
    if x < a + 1.0 {
        1.0 - gamma_series(a, x, ln_pre)
    } else {
        (ln_pre.exp() * gamma_fraction(a, x)).min(1.0)
    }
}

/// P(a, x) by its series, for x < a + 1; `ln_pre` is a ln x - x - ln Γ(a).
fn gamma_series(a: f64, x: f64, ln_pre: f64) -> f64 {
    let (mut sum, mut term, mut ap) = (1.0 / a, 1.0 / a, a);
    for _ in 0..10_000 {
        ap += 1.0;
        term *= x / ap;
        sum += term;
        if term.abs() < sum.abs() * 1e-16 {
            break;
        }
    }
    (sum.ln() + ln_pre).exp().min(1.0)
}

/// The continued fraction of Q(a, x) / exp(a ln x - x - ln Γ(a)), for x >= a + 1 (modified
/// Lentz).
fn gamma_fraction(a: f64, x: f64) -> f64 {
    let tiny = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / tiny;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..10_000 {
        let an = -(i as f64) * (i as f64 - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < tiny {
            d = tiny;
        }
        c = b + an / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// The regularized incomplete beta function I_x(a, b) (continued fraction by Lentz's method;
/// Numerical Recipes, 3rd ed., 6.4).
pub fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    beta_cdf_given(
        x,
        a,
        b,
        libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b),
    )
}

/// [`beta_cdf`] given `ln_norm` = ln Γ(a + b) - ln Γ(a) - ln Γ(b), for many x with one (a, b).
pub fn beta_cdf_given(x: f64, a: f64, b: f64, ln_norm: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_norm + a * x.ln() + b * (1.0 - x).ln();
    let cf = |x: f64, a: f64, b: f64| -> f64 {
        const TINY: f64 = 1e-300;
        let nonzero = |v: f64| if v.abs() < TINY { TINY } else { v };
        let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
        let mut c = 1.0;
        let mut d = 1.0 / nonzero(1.0 - qab * x / qap);
        let mut h = d;
        // One step of Lentz's method with numerator coefficient `aa`; returns the factor.
        let mut step = |aa: f64| {
            d = 1.0 / nonzero(1.0 + aa * d);
            c = nonzero(1.0 + aa / c);
            let delta = d * c;
            h *= delta;
            delta
        };
        for m in 1..10_000 {
            let m = m as f64;
            let m2 = 2.0 * m;
            step(m * (b - m) * x / ((qam + m2) * (a + m2)));
            let delta = step(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)));
            if (delta - 1.0).abs() < 1e-16 {
                break;
            }
        }
        h
    };
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_front.exp() * cf(x, a, b) / a
    } else {
        1.0 - ln_front.exp() * cf(1.0 - x, b, a) / b
    }
}

/// Standard normal cumulative distribution function.
pub fn normal_cdf(x: f64) -> f64 {
    if x == f64::INFINITY {
        1.0
    } else if x == f64::NEG_INFINITY {
        0.0
    } else {
        0.5 * libm::erfc(-x / SQRT_2)
    }
}

/// Standard normal density.
pub fn normal_pdf(x: f64) -> f64 {
    if x.is_infinite() {
        0.0
    } else {
        (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantile_inverts_the_cdf_to_machine_precision() {
        for &p in &[
            1e-12,
            1e-6,
            0.001,
            0.02425,
            0.1,
            0.3,
            0.5,
            0.7,
            0.9,
            0.975,
            0.999,
            1.0 - 1e-9,
        ] {
            let x = normal_quantile(p);
            let back = normal_cdf(x);
            assert!(
                (back - p).abs() <= 1e-14 * p.max(1e-3),
                "p {p}: x {x}, cdf {back}"
            );
        }
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-13);
        assert!((normal_quantile(0.95) - crate::model::dist::Z95).abs() < 1e-13);
    }

    #[test]
    fn incomplete_gamma_and_beta_match_known_values() {
        // P(1, x) = 1 - exp(-x); I_x(1, 1) = x; I_x(2, 3) = 1 - (1-x)^3 (1 + 3x) ... at x = 0.4.
        assert!((gamma_p(1.0, 2.0) - (1.0 - (-2.0f64).exp())).abs() < 1e-14);
        assert!((gamma_p(3.0, 10.0) - 0.997_230_604_284_488_3).abs() < 1e-13);
        assert!((beta_cdf(0.3, 1.0, 1.0) - 0.3).abs() < 1e-14);
        let x: f64 = 0.4;
        let exact = 1.0 - (1.0 - x).powi(4) - 4.0 * x * (1.0 - x).powi(3);
        assert!((beta_cdf(x, 2.0, 3.0) - exact).abs() < 1e-14);
    }

    #[test]
    fn the_upper_incomplete_gamma_keeps_its_relative_precision_in_the_tail() {
        // Q(1, x) = exp(-x), far below what 1 - P(1, x) can resolve: within the rounding of
        // exp at -x (relative x ε).
        for x in [0.5f64, 2.0, 50.0, 500.0] {
            let exact = (-x).exp();
            let q = gamma_q(1.0, x);
            assert!(
                (q - exact).abs() <= 4.0 * f64::EPSILON * x.max(10.0) * exact,
                "x {x}"
            );
        }
        // Q(3, x) = exp(-x) (1 + x + x^2 / 2).
        let x: f64 = 40.0;
        let exact = (-x).exp() * (1.0 + x + x * x / 2.0);
        assert!((gamma_q(3.0, x) - exact).abs() <= 1e-13 * exact);
        for (a, x) in [(0.4, 0.1), (3.0, 2.0), (3.0, 10.0), (60.0, 70.0)] {
            assert!(
                (gamma_p(a, x) + gamma_q(a, x) - 1.0).abs() < 1e-14,
                "a {a}, x {x}"
            );
        }
    }
}

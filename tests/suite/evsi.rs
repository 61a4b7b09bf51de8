//! EVSI, ENBS and the optimal study size (`src/evsi.rs`) against closed forms and a nested
//! Monte Carlo reference.
//!
//! The normal-normal case: `θ ~ N(μ, τ²)`, `NPV = b (θ − c)`, a study whose mean difference is
//! `d ~ N(θ, 2σ²/n)`. The posterior mean of NPV is normal before the study with standard
//! deviation `s = |b| τ² / sqrt(τ² + 2σ²/n)`, so
//! `EVSI = s φ(m/s) + m Φ(m/s) − max(m, 0)` with `m = b (μ − c)`.

use somsim::evsi::{self, Design, Scale, Value};
use somsim::model::Dist;
use somsim::sampler::{Prepared, Stream};

const MU: f64 = 0.0;
const TAU: f64 = 0.1;
const B: f64 = 1e8;
const C: f64 = 0.02;
const SIGMA: f64 = 0.5;

fn normal() -> Prepared {
    Prepared::new(&Dist::Normal {
        mean: 0.0,
        sd: 1.0,
        min: f64::NEG_INFINITY,
        max: f64::INFINITY,
    })
}

fn phi(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

fn big_phi(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

/// The closed-form EVSI of the normal-normal case with sampling variance `v` of the summary.
fn analytic(v: f64) -> f64 {
    let m = B * (MU - C);
    let s = B.abs() * TAU * TAU / (TAU * TAU + v).sqrt();
    s * phi(m / s) + m * big_phi(m / s) - m.max(0.0)
}

/// `trials` draws of θ from a prior `N(mean, sd²)` (kept within `[lo, ∞)`), and the NPV of
/// each.
fn trials(count: usize, mean: f64, sd: f64, lo: f64) -> (Vec<f64>, Vec<f64>) {
    let z = normal();
    let mut s = Stream::new(11, 0, 5, 0);
    let theta: Vec<f64> = (0..count)
        .map(|_| (mean + sd * z.draw(&mut s)).max(lo))
        .collect();
    let npv = theta.iter().map(|t| B * (t - C)).collect();
    (theta, npv)
}

fn evsi_at(
    design: &Design,
    theta: &[f64],
    columns: &[Vec<f64>],
    npv: &[f64],
    n: &[u32],
) -> Vec<f64> {
    evsi::evsi(design, theta, columns, &[npv], n, 2025, 77).remove(0)
}

/// The nested Monte Carlo EVSI of the normal-normal case: `outer` data sets, each with
/// `inner` draws from its posterior; the estimate and its standard error.
fn nested(n: u32, outer: usize, inner: usize) -> (f64, f64) {
    let z = normal();
    let mut s = Stream::new(99, 1, 2, 3);
    let v = 2.0 * SIGMA * SIGMA / f64::from(n);
    let post_var = 1.0 / (1.0 / (TAU * TAU) + 1.0 / v);
    let mut values = Vec::with_capacity(outer);
    for _ in 0..outer {
        let theta = MU + TAU * z.draw(&mut s);
        let d = theta + v.sqrt() * z.draw(&mut s);
        let post_mean = post_var * (MU / (TAU * TAU) + d / v);
        let mean_npv = (0..inner)
            .map(|_| B * (post_mean + post_var.sqrt() * z.draw(&mut s) - C))
            .sum::<f64>()
            / inner as f64;
        values.push(mean_npv.max(0.0));
    }
    let m = values.iter().sum::<f64>() / outer as f64;
    let var = values.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (outer as f64 - 1.0);
    let prior = B * (MU - C);
    (m - prior.max(0.0), (var / outer as f64).sqrt())
}

#[test]
fn normal_normal_evsi_matches_the_closed_form_and_a_nested_monte_carlo() {
    let (theta, npv) = trials(100_000, MU, TAU, f64::NEG_INFINITY);
    let design = Design::Normal {
        sd: Value::Fixed(SIGMA),
    };
    let n = [5, 50, 500];
    let got = evsi_at(&design, &theta, &[], &npv, &n);
    for (k, &size) in n.iter().enumerate() {
        let exact = analytic(2.0 * SIGMA * SIGMA / f64::from(size));
        let rel = (got[k] - exact).abs() / exact;
        assert!(
            rel < 0.03,
            "n = {size}: EVSI {} vs analytic {exact} ({rel:.4})",
            got[k]
        );
    }
    // The nested reference at n = 50: outer 1,000 data sets, inner 10,000 posterior draws.
    let (reference, se) = nested(50, 1_000, 10_000);
    assert!(
        (got[1] - reference).abs() < 3.0 * se,
        "EVSI {} vs nested {reference} ± {se}",
        got[1]
    );
    // And the nested reference agrees with the closed form (the test's own check).
    let exact = analytic(2.0 * SIGMA * SIGMA / 50.0);
    assert!(
        (reference - exact).abs() < 3.0 * se,
        "nested {reference} vs {exact}"
    );
}

#[test]
fn enbs_and_the_optimal_size_follow_the_closed_form() {
    let (theta, npv) = trials(100_000, MU, TAU, f64::NEG_INFINITY);
    let design = Design::Normal {
        sd: Value::Fixed(SIGMA),
    };
    let n: Vec<u32> = (1..=60).map(|k| 5 * k).collect();
    let (fixed, per) = (200_000.0, 1_500.0);
    let got = evsi::enbs(
        &n,
        &evsi_at(&design, &theta, &[], &npv, &n),
        Scale::one(),
        fixed,
        per,
    );
    let exact: Vec<f64> = (n.iter())
        .map(|&k| analytic(2.0 * SIGMA * SIGMA / f64::from(k)))
        .collect();
    let want = evsi::enbs(&n, &exact, Scale::one(), fixed, per);
    let (i, j) = (got.optimal.unwrap(), want.optimal.unwrap());
    let (lo, hi) = want.within_5pct.unwrap();
    assert!(
        (lo..=hi).contains(&n[i]),
        "optimal n {} outside the closed form's 5% range {lo}-{hi} (its optimum {})",
        n[i],
        n[j]
    );
    assert!(
        (got.enbs[i] - want.enbs[j]).abs() < 0.03 * want.enbs[j],
        "ENBS {} vs {}",
        got.enbs[i],
        want.enbs[j]
    );
    // The cost is the fixed cost and two arms of n participants.
    assert_eq!(got.cost[0], fixed + per * 2.0 * 5.0);
    // A study dearer than perfect information never pays.
    let evpi = somsim::stats::evpi(&npv);
    let dear = evsi::enbs(&n, &exact, Scale::one(), evpi, 0.0);
    assert_eq!(dear.optimal, None);
}

#[test]
fn a_binary_outcome_is_close_to_its_normal_approximation() {
    // θ: the difference in the share with a recovery gain; control arm 30%.
    let (theta, npv) = trials(100_000, MU + 0.1, TAU * 0.5, -0.3);
    let npv: Vec<f64> = npv.iter().map(|x| x + B * (-0.1 + 0.02)).collect();
    let design = Design::Binary {
        control: Value::Fixed(0.3),
    };
    let got = evsi_at(&design, &theta, &[], &npv, &[200])[0];
    // At θ = 0.1: Var(d) = (0.3 × 0.7 + 0.4 × 0.6) / 200.
    let v = (0.21 + 0.24) / 200.0;
    let m = B * (0.1 - 0.1 - 0.0);
    let tau = TAU * 0.5;
    let s = B * tau * tau / (tau * tau + v).sqrt();
    let exact = s * phi(m / s) + m * big_phi(m / s) - m.max(0.0);
    assert!((got / exact - 1.0).abs() < 0.05, "{got} vs {exact}");
}

#[test]
fn a_register_count_is_close_to_its_normal_approximation() {
    // θ: the relative change in bed-days; 2 bed-days a year in the control arm, one year.
    let (theta, _) = trials(100_000, 0.0, 0.1, -1.0);
    let npv: Vec<f64> = theta.iter().map(|t| B * (t + 0.02)).collect();
    for (dispersion, per_arm) in [(None, 1.0 / 200.0), (Some(0.5), 1.0 / 200.0 + 1.0 / 50.0)] {
        let design = Design::Count {
            control: Value::Fixed(2.0),
            follow_up: 1.0,
            dispersion,
        };
        let got = evsi_at(&design, &theta, &[], &npv, &[100])[0];
        // ln RR ≈ θ near 0, with the variance of two arms' log totals.
        let v: f64 = 2.0 * per_arm;
        let m = B * 0.02;
        let s = B * 0.01 / (0.01 + v).sqrt();
        let exact = s * phi(m / s) + m * big_phi(m / s) - m.max(0.0);
        assert!(
            (got / exact - 1.0).abs() < 0.06,
            "{dispersion:?}: {got} vs {exact}"
        );
    }
}

#[test]
fn an_estimated_sd_and_an_uncertain_control_arm_are_used() {
    let (theta, npv) = trials(50_000, MU, TAU, f64::NEG_INFINITY);
    let mut s = Stream::new(3, 0, 9, 0);
    let z = normal();
    // σ uncertain around 0.5 (sd 0.02): close to the known σ = 0.5.
    let sd: Vec<f64> = (0..theta.len())
        .map(|_| 0.5 + 0.02 * z.draw(&mut s))
        .collect();
    let design = Design::Normal {
        sd: Value::Column {
            column: 0,
            factor: 1.0,
        },
    };
    let got = evsi_at(&design, &theta, &[sd], &npv, &[50])[0];
    let exact = analytic(2.0 * SIGMA * SIGMA / 50.0);
    assert!((got / exact - 1.0).abs() < 0.05, "{got} vs {exact}");
    // An uncertain control arm adds a summary; a study learns about θ all the same, and no
    // study is worth more than perfect information.
    let rate: Vec<f64> = (0..theta.len())
        .map(|_| 2.0 + 0.5 * z.draw(&mut s).abs())
        .collect();
    let design = Design::Count {
        control: Value::Column {
            column: 0,
            factor: 1.0,
        },
        follow_up: 1.0,
        dispersion: None,
    };
    let got = evsi_at(&design, &theta, &[rate], &npv, &[10, 1000]);
    let evpi = somsim::stats::evpi(&npv);
    assert!(
        got[0] < got[1] && got[1] < evpi * 1.01,
        "{got:?} vs EVPI {evpi}"
    );
    assert!(
        got[1] > 0.9 * evpi,
        "a large study is worth nearly EVPI: {got:?} vs {evpi}"
    );
}

#[test]
fn evsi_is_the_same_on_one_thread_and_several() {
    let (theta, npv) = trials(20_000, MU, TAU, -1.0);
    let design = Design::Count {
        control: Value::Fixed(2.0),
        follow_up: 1.0,
        dispersion: Some(0.5),
    };
    let n = [10, 20, 50, 100, 200, 500];
    let on = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| evsi_at(&design, &theta, &[], &npv, &n))
    };
    let one = on(1);
    assert_eq!(one, on(3));
    assert!(one.iter().all(|x| *x > 0.0));
}

#[test]
fn a_study_of_an_input_unrelated_to_the_result_stays_within_its_noise_floor() {
    // NPV centred on 0 (where max(·, 0) turns noise into value), θ drawn apart from it.
    let (theta, _) = trials(20_000, MU, TAU, f64::NEG_INFINITY);
    let (other, _) = trials(20_000, MU, TAU, f64::NEG_INFINITY);
    let mut s = Stream::new(5, 0, 6, 0);
    let z = normal();
    let unrelated: Vec<f64> = (0..theta.len()).map(|_| 1e6 * z.draw(&mut s)).collect();
    let design = Design::Normal {
        sd: Value::Fixed(SIGMA),
    };
    let n = [10, 100, 1000];
    let npv: Vec<f64> = other.iter().map(|t| B * t).collect();
    let (value, floor) =
        evsi::evsi_with_floor(&design, &theta, &[], &[&unrelated, &npv], &n, 2025, 77);
    for k in 0..n.len() {
        assert!(value[0][k] > 0.0, "the estimator has its bias: {value:?}");
        assert!(value[0][k] <= floor[0][k], "{value:?} vs floor {floor:?}");
    }
    // The same θ measured for an NPV that depends on it is far above its floor.
    let related: Vec<f64> = theta.iter().map(|t| B * t).collect();
    let (value, floor) = evsi::evsi_with_floor(&design, &theta, &[], &[&related], &n, 2025, 77);
    assert!(
        (0..n.len()).all(|k| value[0][k] > 10.0 * floor[0][k]),
        "{value:?} {floor:?}"
    );
}

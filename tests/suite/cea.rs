//! Cost-effectiveness of non-monetary outcomes (issue: "what does a recovery cost, and how sure
//! are we"): the ICER, the acceptability curve and the value of information, against results
//! worked by hand, through the library and through the command line.

use crate::common;

use somsim::cea::{Quadrant, analyse, parse_lambda};
use somsim::model::dist::normal_cdf;
use somsim::stats::evpi;
use somsim::stats::regression::{self, Basis};

#[test]
fn a_fixed_cost_and_effect_give_icer_40000_and_a_step_at_40000() {
    let (effect, cost) = (vec![25.0; 1000], vec![1_000_000.0; 1000]);
    let lambda = parse_lambda("0:80000:5000").unwrap();
    let a = analyse(&effect, &cost, &lambda, &[]);
    assert_eq!(a.icer, Some(40_000.0));
    assert_eq!(a.threshold, Some(40_000.0));
    assert_eq!(a.quadrant, Quadrant::CostsMore);
    for p in &a.curve {
        // IB(40,000) = 0 exactly: not > 0.
        let expected = if p.lambda > 40_000.0 { 1.0 } else { 0.0 };
        assert_eq!(p.prob, expected, "λ = {}", p.lambda);
        assert_eq!(p.mean_net_benefit, p.lambda * 25.0 - 1_000_000.0);
        // No uncertainty, nothing to learn.
        assert_eq!(p.evpi, 0.0);
    }
    let d = a.cost_per_unit.unwrap();
    assert_eq!((d.p5, d.p95), (40_000.0, 40_000.0));
}

/// A normal sample by Box-Muller from the crate's counter-based stream.
fn normals(n: usize, mean: f64, sd: f64) -> Vec<f64> {
    let mut s = somsim::sampler::Stream::new(7, 11, 13, 17);
    (0..n)
        .map(|_| {
            let (u, v) = (s.uniform(), s.uniform());
            mean + sd * (-2.0 * (1.0 - u).ln()).sqrt() * (std::f64::consts::TAU * v).cos()
        })
        .collect()
}

#[test]
fn a_normal_effect_gives_the_normal_acceptability_curve() {
    let (m, s, dc) = (25.0, 5.0, 1_000_000.0);
    let effect = normals(100_000, m, s);
    let cost = vec![dc; effect.len()];
    let lambda = parse_lambda("20000:100000:5000").unwrap();
    let a = analyse(&effect, &cost, &lambda, &[]);
    for p in &a.curve {
        let exact = normal_cdf((p.lambda * m - dc) / (p.lambda * s));
        let se = (exact * (1.0 - exact) / effect.len() as f64)
            .sqrt()
            .max(1e-4);
        assert!(
            (p.prob - exact).abs() <= 3.0 * se,
            "λ = {}: CEAC {} vs Φ = {exact}",
            p.lambda,
            p.prob
        );
    }
}

#[test]
fn evpi_and_evppi_at_each_price_are_those_of_the_npv_ib() {
    let effect = normals(100_000, 25.0, 5.0);
    // The same draws in reverse order: independent of the effect's.
    let input: Vec<f64> = normals(100_000, 0.0, 1.0).into_iter().rev().collect();
    // The cost moves with the input, so the input carries information.
    let cost: Vec<f64> = input.iter().map(|x| 1_000_000.0 + 200_000.0 * x).collect();
    let lambda = parse_lambda("0:80000:10000").unwrap();
    let basis = Basis::new(&[&input]);
    let a = analyse(&effect, &cost, &lambda, &[basis]);
    let phi = |z: f64| (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let big_phi = |z: f64| 0.5 * libm::erfc(-z / std::f64::consts::SQRT_2);
    let mut checked = 0;
    for (k, p) in a.curve.iter().enumerate() {
        let ib: Vec<f64> = effect
            .iter()
            .zip(&cost)
            .map(|(e, c)| p.lambda * e - c)
            .collect();
        let e = evpi(&ib);
        assert_eq!(p.evpi, e, "EVPI at λ = {}", p.lambda);
        // The fit of IB(λ) is λ times the fit of the effect less the fit of the cost.
        let (direct, _) = regression::evppi(&[&input], &[&ib], &[]);
        let pp = direct[0].min(e);
        assert!(
            (a.evppi[0][k] - pp).abs() <= 1e-6 * (1.0 + pp.abs()),
            "EVPPI at λ = {}: {} vs {pp}",
            p.lambda,
            a.evppi[0][k]
        );
        // E[IB | x] = 25 λ − 1,000,000 − 200,000 x: the normal loss integral.
        let (m, sd) = (25.0 * p.lambda - 1_000_000.0, 200_000.0);
        let exact = sd * phi(m / sd) + m * big_phi(m / sd) - m.max(0.0);
        // The same on these draws of x, with the true conditional mean in place of the fit.
        let mean_ib = ib.iter().sum::<f64>() / ib.len() as f64;
        let oracle = input.iter().map(|x| (m - sd * x).max(0.0)).sum::<f64>() / input.len() as f64
            - mean_ib.max(0.0);
        if exact > 5_000.0 {
            let got = a.evppi[0][k];
            assert!(
                (got / oracle - 1.0).abs() < 0.05 && (got / exact - 1.0).abs() < 0.05,
                "EVPPI at λ = {}: {got} vs {oracle} on these draws, analytic {exact}",
                p.lambda,
            );
            checked += 1;
        }
    }
    assert!(checked >= 3, "{checked} prices checked");
    assert!(
        a.evppi_noise_floor.iter().all(|f| *f < 10_000.0),
        "{:?}",
        a.evppi_noise_floor
    );
}

/// One municipality, one one-off cost of 1,000,000 kr. in the first year (DF = 1) and 25
/// completers in that year; `PER` is each completer's units, `EXTRA` more of the scenario.
const SCENARIO: &str = r#"
name: fixed cost per recovery
start_year: 2025
horizon: 3
price_year: 2025
discounting: { rate: 0.035 }
course: { participants_per_course: 25, completion_rate: 1.0, peers_per_course: 2, volunteer_turnover: 0 }
municipalities:
  - { name: A, courses: [1, 0, 0] }
costs:
  - { name: course, driver: one_off, unit_cost: 1000000, payer: kommune, years: 2025 }
outcomes:
  - { name: nothing, baseline: 1, effect: 0, profile: [1], unit_price: { gamma: { mean: 100, sd: 10 } }, payers: { region: 1 } }
non_monetary:
  - { name: recovery, unit: completers with a recovery gain, per_completer: PER }
"#;

fn run_json(per: &str, extra: &[&str]) -> serde_json::Value {
    let files = common::Files::new(&[("s.yaml", &SCENARIO.replace("PER", per))]);
    let mut args = vec!["--trials", "20000"];
    args.extend_from_slice(extra);
    common::run_json(&args, &files.path("s.yaml"))
}

fn perspective<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    let o = &v["cost_effectiveness"]["outcomes"][0];
    (o["perspectives"].as_array().unwrap().iter())
        .find(|p| p["perspective"] == name)
        .unwrap()
}

#[test]
fn the_command_line_gives_the_hand_worked_icer_and_curve() {
    let v = run_json("1", &["--lambda", "0:80000:10000", "--evppi"]);
    assert_eq!(v["cost_effectiveness"]["outcomes"][0]["base_effect"], 25.0);
    let p = perspective(&v, "kommune");
    assert_eq!(p["base_cost"], 1_000_000.0);
    assert_eq!(p["base_cost_per_unit"], 40_000.0);
    let mc = &p["monte_carlo"];
    assert_eq!(mc["icer"], 40_000.0);
    assert_eq!(mc["threshold"], 40_000.0);
    let ceac: Vec<f64> = (mc["ceac"].as_array().unwrap().iter())
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert_eq!(ceac, [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0]);
    // An input that moves neither cost nor effect is worth nothing to learn.
    assert_eq!(mc["evppi"].as_array().unwrap().len(), 1);
    for e in mc["evppi"].as_array().unwrap() {
        assert!(e["values"].as_array().unwrap().iter().all(|x| x == 0.0));
    }
}

#[test]
fn the_command_line_curve_of_a_normal_effect_is_the_normal_one() {
    let v = run_json(
        "{ normal: { mean: 1, sd: 0.2, min: 0 } }",
        &["--lambda", "30000:80000:10000"],
    );
    let mc = &perspective(&v, "kommune")["monte_carlo"];
    for (k, l) in [30_000.0, 40_000.0, 50_000.0, 60_000.0, 70_000.0, 80_000.0]
        .iter()
        .enumerate()
    {
        let exact = normal_cdf((l * 25.0 - 1_000_000.0) / (l * 5.0));
        let (got, se) = (
            mc["ceac"][k].as_f64().unwrap(),
            mc["ceac_se"][k].as_f64().unwrap().max(1e-4),
        );
        assert!((got - exact).abs() <= 3.0 * se, "λ = {l}: {got} vs {exact}");
    }
}

#[test]
fn the_curves_come_as_csv_and_bad_prices_are_refused() {
    let files = common::Files::new(&[("s.yaml", &SCENARIO.replace("PER", "1"))]);
    let csv = common::succeed(
        common::somsim()
            .args([
                "run",
                "--format",
                "csv",
                "--ceac",
                "--lambda",
                "0:80000:40000",
            ])
            .arg(files.path("s.yaml")),
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "outcome,perspective,lambda,prob_cost_effective,prob_se,expected_net_benefit,evpi"
    );
    assert!(lines.contains(&"recovery,kommune,40000,0.000000,0.000000,0.00,0.00"));
    assert!(lines.contains(&"recovery,kommune,80000,1.000000,0.000000,1000000.00,0.00"));
    for bad in ["0:200.000:1000", "10:0:1", "0:100"] {
        let out = common::somsim()
            .args(["run", "--lambda", bad])
            .arg(files.path("s.yaml"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--lambda"));
    }
}

#[test]
fn a_profile_and_discounting_make_the_units_hand_worked() {
    // 25 completers in 2025 with a gain lasting three years at shares 1, 0.5, 0.5, discounted
    // at 3.5%: 25 x (1 + 0.5/1.035 + 0.5/1.035^2).
    let text = SCENARIO
        .replace("PER }", "PER, profile: [1, 0.5, 0.5] }")
        .replace("PER", "1");
    let files = common::Files::new(&[("s.yaml", &text)]);
    let model = somsim::model::Model::load(&files.path("s.yaml")).unwrap();
    let l = somsim::ledger::compute(&model).unwrap();
    let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
    let df1 = d("1") / d("1.035");
    let df2 = df1 / d("1.035");
    assert_eq!(l.non_monetary[0].units, d("50"));
    // Equal to 18 decimals (the last of rust_decimal's 28 digits depends on the order).
    assert_eq!(
        l.non_monetary[0].pv_units.round_dp(18),
        (d("25") * (d("1") + d("0.5") * df1 + d("0.5") * df2)).round_dp(18)
    );
    common::kernel_matches_ledger(&model);
    let undiscounted = text.replace(
        "profile: [1, 0.5, 0.5] }",
        "profile: [1, 0.5, 0.5], discounted: false }",
    );
    let files = common::Files::new(&[("s.yaml", &undiscounted)]);
    let model = somsim::model::Model::load(&files.path("s.yaml")).unwrap();
    assert_eq!(
        somsim::ledger::compute(&model).unwrap().non_monetary[0].pv_units,
        d("50")
    );
}

#[test]
fn compare_gives_the_curve_of_the_paired_differences() {
    let files = common::Files::new(&[
        ("one.yaml", &SCENARIO.replace("PER", "1")),
        (
            "two.yaml",
            &SCENARIO
                .replace("PER", "{ beta: { mean: 0.8, sd: 0.1 } }")
                .replace("1000000, payer", "1400000, payer"),
        ),
    ]);
    let out = common::succeed(
        common::somsim()
            .args([
                "compare",
                "--format",
                "json",
                "--trials",
                "5000",
                "--lambda",
                "0:100000:10000",
            ])
            .arg(files.path("one.yaml"))
            .arg(files.path("two.yaml")),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let pair = &v["cost_effectiveness"][0]["analysis"];
    let o = &pair["outcomes"][0];
    // 25 x 0.8 - 25 units, for 400,000 kr. more: fewer units at a cost, in the base case and
    // in every trial (the share stays below 1).
    assert_eq!(o["base_effect"], -5.0);
    let p = (o["perspectives"].as_array().unwrap().iter())
        .find(|p| p["perspective"] == "kommune")
        .unwrap();
    assert_eq!(p["base_cost"], 400_000.0);
    let mc = &p["monte_carlo"];
    assert_eq!(mc["quadrant"], "dominated");
    assert!(mc["threshold"].is_null());
    assert!(mc["ceac"].as_array().unwrap().iter().all(|x| x == 0.0));
    // A scenario against itself: the same units, no difference in cost.
    let out = common::succeed(
        common::somsim()
            .args([
                "compare", "--format", "csv", "--ceac", "--trials", "100", "--lambda", "0:10:10",
            ])
            .arg(files.path("one.yaml"))
            .arg(files.path("one.yaml")),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("file,versus,outcome,perspective,lambda,"));
    assert!(
        lines
            .iter()
            .skip(1)
            .all(|l| l.contains(",0.000000,0.000000,0.00,0.00"))
    );
}

#[test]
fn three_scenarios_are_options_with_p_best_summing_to_one() {
    let out = common::somsim()
        .args([
            "compare",
            "scenarios/intensive.yaml",
            "scenarios/decentral.yaml",
            "scenarios/intensive-optimistic-high-risk.yaml",
            "--trials",
            "2000",
            "--lambda",
            "0:100000:25000",
            "--format",
            "json",
        ])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let o = &v["options"][0];
    assert_eq!(
        o["options"].as_array().unwrap().len(),
        4,
        "none and three scenarios"
    );
    let num = |x: &serde_json::Value| x.as_f64().unwrap();
    for (name, p) in o["perspectives"].as_object().unwrap() {
        for (i, row) in p["prob_best"].as_array().unwrap().iter().enumerate() {
            let total: f64 = row.as_array().unwrap().iter().map(num).sum();
            assert!(
                (total - 1.0).abs() < 1e-12,
                "{name} λ {i}: P(best) sums to {total}"
            );
            let losses: Vec<f64> = p["expected_loss"][i]
                .as_array()
                .unwrap()
                .iter()
                .map(num)
                .collect();
            let evpi = num(&p["evpi"][i]);
            let smallest = losses.iter().copied().fold(f64::INFINITY, f64::min);
            assert!(
                (evpi - smallest).abs() < 1e-6 * (1.0 + evpi),
                "{name}: {evpi} vs {losses:?}"
            );
            // The acceptability frontier's option has the smallest loss.
            let best = p["ceaf"][i].as_u64().unwrap() as usize;
            assert!(
                (losses[best] - smallest).abs() < 1e-6 * (1.0 + smallest),
                "{name}"
            );
        }
        // Same units as the intensive scenario, a smaller net cost: the optimistic scenario
        // dominates it in every perspective where its net cost is smaller.
        let cost: Vec<f64> = p["mean_cost"].as_array().unwrap().iter().map(num).collect();
        if cost[3] < cost[1] {
            assert_eq!(p["frontier"][1]["status"], "strongly_dominated", "{name}");
        }
    }
    let public = &o["perspectives"]["public"];
    assert_eq!(public["frontier"][3]["status"], "efficient");
}

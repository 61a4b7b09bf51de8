//! Compare, sensitivity and batch runs: the questions finance officers, the fund and scripts ask.

use crate::common;

/// One year, one municipality: NPV(region) = 100 completers x 1 x (-effect) x price - cost.
fn linear_scenario(effect: &str, price: &str, cost: u32) -> String {
    format!(
        r#"
name: linear
start_year: 2025
horizon: 1
price_year: 2025
assumptions: [prices.yaml]
course: {{ participants_per_course: 10, completion_rate: 1 }}
municipalities: [{{ name: A, courses: 10 }}]
costs: [{{ name: c, driver: one_off, unit_cost: {cost}, payer: region, years: 2025 }}]
outcomes:
  - {{ name: o, baseline: 1, effect: {effect}, profile: [1], unit_price: {price}, payers: {{ region: 1 }} }}
"#
    )
}

const PRICES: &str = r#"
price_index: { name: test index, source: test, values: { 2024: 80, 2025: 100 } }
parameters:
  price_2024:
    value: { pert: [8000, 10000, 12000] }
    unit: DKK
    price_year: 2024
    source: test
    year: 2024
"#;

#[test]
fn a_scenario_compared_with_itself_differs_by_exactly_zero() {
    let f = common::root().join("scenarios/intensive.yaml");
    let out = common::somsim()
        .args(["compare", "--format", "json", "--trials", "2000"])
        .arg(&f)
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (p, c) in v["perspectives"].as_object().unwrap() {
        let d = &c["differences"][0];
        for k in ["mean", "sd", "p5", "p25", "p50", "p75", "p95"] {
            assert_eq!(d["npv_difference"][k], 0.0, "{p} {k}");
        }
        assert_eq!(d["prob_beats_first"], 0.0);
        assert_eq!(d["base_npv_difference"], 0.0);
    }
}

#[test]
fn compare_shows_the_paired_difference_of_two_scenarios() {
    let a = common::root().join("scenarios/intensive.yaml");
    let b = common::root().join("scenarios/decentral.yaml");
    let out = common::somsim()
        .args(["compare", "--format", "json", "--trials", "3000"])
        .args([&a, &b])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &v["perspectives"]["public"];
    let mean_a = p["scenarios"][0]["npv"]["mean"].as_f64().unwrap();
    let mean_b = p["scenarios"][1]["npv"]["mean"].as_f64().unwrap();
    let diff = p["differences"][0]["npv_difference"]["mean"]
        .as_f64()
        .unwrap();
    assert!(
        (diff - (mean_b - mean_a)).abs() < 0.02,
        "{diff} vs {}",
        mean_b - mean_a
    );
    // With common random numbers the difference is far less spread than either scenario.
    let sd_a = p["scenarios"][0]["npv"]["sd"].as_f64().unwrap();
    let sd_diff = p["differences"][0]["npv_difference"]["sd"]
        .as_f64()
        .unwrap();
    assert!(sd_diff < sd_a, "sd of difference {sd_diff} vs {sd_a}");
    // CSV: a row per perspective and scenario.
    let csv = common::somsim()
        .args(["compare", "--format", "csv", "--trials", "500"])
        .args([&a, &b])
        .output()
        .unwrap();
    let text = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(text.lines().count(), 1 + 2 * 7);
}

#[test]
fn a_tornado_with_one_uncertain_input_ranks_only_that_input() {
    let files = common::Files::new(&[
        ("prices.yaml", PRICES),
        ("s.yaml", &linear_scenario("-0.1", "price_2024", 100_000)),
    ]);
    let v = common::json(&["sensitivity", "--trials", "1000"], &files.path("s.yaml"));
    let region = &v["perspectives"]["region"];
    let tornado = region["tornado"].as_array().unwrap();
    assert_eq!(tornado.len(), 1);
    assert_eq!(tornado[0]["input"], "price_2024");
    assert!(tornado[0]["swing"].as_f64().unwrap() > 0.0);
    let global = region["global"].as_array().unwrap();
    assert_eq!(global.len(), 1);
    assert!((global[0]["spearman"].as_f64().unwrap() - 1.0).abs() < 1e-9);
    assert_eq!(global[0]["variance_share"], 1.0);
}

/// The exact base-case NPV of `perspective` with one `--set` change.
fn base_npv_with(file: &std::path::Path, set: &str, perspective: &str) -> f64 {
    let v = common::json(&["run", "--trials", "0", "--set", set], file);
    v["base"]["perspectives"][perspective]["npv"]
        .as_f64()
        .unwrap()
}

#[test]
fn a_switching_value_put_back_gives_npv_zero_within_a_krone() {
    // NPV(region) = 100 x 0.1 x price x 1.25 (2024 -> 2025 prices) - 125,000: zero at a 2024
    // price of 10,000.
    let files = common::Files::new(&[
        ("prices.yaml", PRICES),
        ("s.yaml", &linear_scenario("-0.1", "price_2024", 125_000)),
    ]);
    let s = files.path("s.yaml");
    let v = common::json(&["sensitivity", "--trials", "1000"], &s);
    let switching = &v["perspectives"]["region"]["switching_values"][0];
    assert_eq!(switching["input"], "price_2024");
    let value = switching["value"].as_f64().unwrap();
    assert!((value - 10_000.0).abs() < 1e-6, "{value}");
    assert_eq!(switching["positive"], "above");
    let npv = base_npv_with(&s, &format!("price_2024={value}"), "region");
    assert!(npv.abs() <= 1.0, "NPV at the switching value: {npv}");

    // The same on a shipped scenario: the effect on support hours that makes the public
    // sector break even.
    let intensive = common::root().join("scenarios/intensive.yaml");
    let v = common::json(&["sensitivity", "--trials", "1000"], &intensive);
    let sw = v["perspectives"]["public"]["switching_values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["input"] == "support_hours_effect")
        .unwrap()
        .clone();
    let value = sw["value"].as_f64().unwrap();
    let npv = base_npv_with(
        &intensive,
        &format!("support_hours_effect={value}"),
        "public",
    );
    assert!(npv.abs() <= 1.0, "NPV at the switching value: {npv}");
}

#[test]
fn evpi_is_zero_when_no_input_can_change_the_decision() {
    // The cost (100,000) always exceeds the benefit (100 x 0.1 x 1,000 = 10,000, sd 5,000).
    let files = common::Files::new(&[
        ("prices.yaml", PRICES),
        (
            "s.yaml",
            &linear_scenario(
                "{ normal: { mean: -0.1, sd: 0.05, min: -1 } }",
                "1000",
                100_000,
            ),
        ),
    ]);
    let v = common::json(&["sensitivity", "--trials", "5000"], &files.path("s.yaml"));
    assert_eq!(v["perspectives"]["region"]["evpi"], 0.0);
    assert_eq!(v["perspectives"]["region"]["evppi"][0]["evppi"], 0.0);
}

#[test]
fn evpi_matches_the_analytic_value_when_npv_is_normal() {
    // NPV = 100 x (-effect) x 1,000 - 9,000 with effect ~ N(-0.1, 0.05): NPV ~ N(1,000, 5,000).
    // EVPI = sd phi(mu/sd) + mu Phi(mu/sd) - max(mu, 0) = 1,534.47 (the truncation at -1 lies
    // 18 sd away and does not matter).
    let files = common::Files::new(&[
        ("prices.yaml", PRICES),
        (
            "s.yaml",
            &linear_scenario(
                "{ normal: { mean: -0.1, sd: 0.05, min: -1 } }",
                "1000",
                9_000,
            ),
        ),
    ]);
    let v = common::json(
        &["sensitivity", "--trials", "200000"],
        &files.path("s.yaml"),
    );
    let (mu, sd): (f64, f64) = (1000.0, 5000.0);
    let z = mu / sd;
    let phi = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let cdf = 0.579_259_709_439_103; // Phi(0.2)
    let analytic = sd * phi + mu * cdf - mu.max(0.0);
    let evpi = v["perspectives"]["region"]["evpi"].as_f64().unwrap();
    // Monte Carlo standard error of E[max(NPV, 0)] here is about 8 kr.
    assert!((evpi - analytic).abs() < 40.0, "EVPI {evpi} vs {analytic}");
    // Knowing the only uncertain input is knowing everything.
    let evppi = v["perspectives"]["region"]["evppi"][0]["evppi"]
        .as_f64()
        .unwrap();
    assert!(
        (evppi - evpi).abs() < 0.05 * evpi,
        "EVPPI {evppi} vs EVPI {evpi}"
    );
}

#[test]
fn a_sweep_has_one_row_per_grid_point() {
    let text = common::succeed(
        common::somsim()
            .args(["batch", "--trials", "200"])
            .args(["--sweep", "bed_day_effect=-0.2:0:0.05"])
            .args(["--sweep", "course.completion_rate=0.6,0.7,0.8"])
            .args(["--set", "discounting.rate=0.04"])
            .arg(common::root().join("scenarios/intensive.yaml")),
    );
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with(
        "file,scenario,discounting.rate,bed_day_effect,course.completion_rate,status,"
    ));
    assert_eq!(lines.count(), 5 * 3);
}

#[test]
fn a_broken_scenario_in_a_batch_is_reported_and_the_rest_still_run() {
    let files = common::Files::new(&[
        ("a.yaml", &linear_scenario("-0.1", "price_2024", 1000)),
        ("b.yaml", "name: broken\nhorizon: ten\n"),
        ("prices.yaml", PRICES),
    ]);
    let out = common::somsim()
        .args(["batch", "--trials", "100", "--format", "json"])
        .arg(files.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b.yaml"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["rows"].as_array().unwrap();
    // prices.yaml is an assumption file, not a scenario: two rows.
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["status"], "ok");
    assert_eq!(rows[1]["status"], "error");
    assert!(rows[0]["perspectives"]["region"]["mc_mean"].is_number());
}

#[test]
fn a_wrong_path_names_the_valid_choices() {
    let f = common::root().join("scenarios/intensive.yaml");
    for (set, expect) in [
        (
            "costs[coordinatr].unit_cost=5",
            "`coordinator, København and Rødovre`",
        ),
        ("costs[0].unitcost=5", "did you mean `unit_cost`?"),
        ("bed_day_efect=0", "Did you mean `bed_day_effect`?"),
        ("outcomes.effect=0", "say which one"),
        ("horizon=ten", "expected a number, found the text `ten`"),
    ] {
        let out = common::somsim()
            .args(["run", "--trials", "0", "--set", set])
            .arg(&f)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{set}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expect), "{set}: {err}");
    }
}

#[test]
fn set_accepts_a_distribution_and_changes_the_result() {
    let f = common::root().join("scenarios/intensive.yaml");
    let base = common::json(&["run", "--trials", "0"], &f);
    let changed = common::json(
        &[
            "run",
            "--trials",
            "0",
            "--set",
            "costs[volunteer training].unit_cost={triangular: [6000, 8000, 13000]}",
        ],
        &f,
    );
    let a = base["base"]["perspectives"]["kommune"]["npv"]
        .as_f64()
        .unwrap();
    let b = changed["base"]["perspectives"]["kommune"]["npv"]
        .as_f64()
        .unwrap();
    assert!(b < a);
    assert!(
        changed["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["name"] == "costs[volunteer training].unit_cost")
    );
}

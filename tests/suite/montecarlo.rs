//! The Monte Carlo engine: reproducibility, agreement with the base case, common random numbers.

use crate::common;

use somsim::kernel::Plan;
use somsim::model::Model;
use somsim::montecarlo::{self, Outputs};
use somsim::sampler::Layout;

#[test]
fn output_is_identical_for_one_and_several_threads() {
    let file = common::root().join("scenarios/decentral.yaml");
    let one = common::thread_invariant(&["run", "--format", "json", "--trials", "3000"], &file);
    // And for rayon's own setting.
    let env = common::somsim()
        .env("RAYON_NUM_THREADS", "3")
        .args(["run", "--format", "json", "--trials", "3000"])
        .arg(&file)
        .output()
        .unwrap()
        .stdout;
    assert_eq!(one.as_bytes(), env);
}

#[test]
fn results_do_not_depend_on_batching() {
    let model = Model::load(&common::root().join("scenarios/intensive.yaml")).unwrap();
    let layout = Layout::new(&model);
    let plan = Plan::new(&model, &layout);
    let mut whole = Outputs::new(&plan);
    montecarlo::run_trials(&plan, &layout, 7, 1000, &mut whole);
    let mut pieces = Outputs::new(&plan);
    for n in [1, 255, 256, 257, 231] {
        montecarlo::run_trials(&plan, &layout, 7, n, &mut pieces);
    }
    assert_eq!(whole.npv, pieces.npv);
    assert_eq!(whole.break_even, pieces.break_even);
    assert_eq!(whole.muni_npv, pieces.muni_npv);
}

#[test]
fn monte_carlo_mean_agrees_with_the_base_case() {
    // The shipped scenarios' uncertain inputs are independent and enter the model linearly or
    // as products of independent inputs, so the mean NPV converges to the base case.
    for name in [
        "intensive.yaml",
        "decentral.yaml",
        "intensive-optimistic-high-risk.yaml",
    ] {
        let v = common::run_json(
            &["--trials", "20000"],
            &common::root().join("scenarios").join(name),
        );
        for (p, mc) in v["monte_carlo"]["perspectives"].as_object().unwrap() {
            let base = v["base"]["perspectives"][p]["npv"].as_f64().unwrap();
            let mean = mc["npv"]["mean"].as_f64().unwrap();
            let se = mc["npv"]["se"].as_f64().unwrap();
            assert!(
                (mean - base).abs() <= 4.0 * se + 0.01,
                "{name} {p}: mean {mean}, base {base}, se {se}"
            );
        }
    }
}

#[test]
fn a_scenario_without_uncertainty_has_no_spread_and_the_base_case_as_mean() {
    let files = common::Files::new(&[(
        "s.yaml",
        r#"
name: certain
start_year: 2025
horizon: 4
price_year: 2025
course: { participants_per_course: 8, completion_rate: 0.75 }
municipalities: [{ name: A, courses: 3 }]
costs: [{ name: c, driver: per_course, unit_cost: 12000, payer: kommune }]
outcomes:
  - { name: o, baseline: 3, effect: -0.2, profile: [1, 0.5], unit_price: 6000, payers: { region: 0.5, kommune: 0.5 } }
"#,
    )]);
    let v = common::run_json(&["--trials", "500"], &files.path("s.yaml"));
    assert_eq!(v["trials"], 500);
    for (p, mc) in v["monte_carlo"]["perspectives"].as_object().unwrap() {
        assert_eq!(mc["npv"]["sd"], 0.0, "{p}");
        assert_eq!(
            mc["npv"]["mean"], v["base"]["perspectives"][p]["npv"],
            "{p}"
        );
        assert_eq!(mc["npv"]["p5"], mc["npv"]["p95"], "{p}");
    }
    // Without --trials, a scenario with no uncertain input runs the base case only.
    let v = common::run_json(&[], &files.path("s.yaml"));
    assert_eq!(v["monte_carlo"], serde_json::Value::Null);
    assert_eq!(v["seed"], serde_json::Value::Null);
}

#[test]
fn the_seed_is_reported_and_reproduces_the_run() {
    let file = common::root().join("scenarios/intensive.yaml");
    let a = common::run_json(&["--trials", "2000", "--seed", "99"], &file);
    let b = common::run_json(&["--trials", "2000", "--seed", "99"], &file);
    let c = common::run_json(&["--trials", "2000", "--seed", "100"], &file);
    assert_eq!(a["seed"], 99);
    assert_eq!(a, b);
    assert_ne!(a["monte_carlo"], c["monte_carlo"]);
    let d = common::run_json(&["--trials", "2000"], &file);
    assert_eq!(d["seed"], montecarlo::DEFAULT_SEED);
}

#[test]
fn inputs_with_the_same_name_draw_the_same_values_in_two_scenarios() {
    // Common random numbers: the two shipped models share most named assumptions.
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    for (scenario, out) in [("intensive.yaml", &a), ("decentral.yaml", &b)] {
        common::succeed(
            common::somsim()
                .args(["run", "--trials", "200", "--samples"])
                .arg(out)
                .arg(common::root().join("scenarios").join(scenario)),
        );
    }
    let read = |p: &std::path::Path| {
        let text = std::fs::read_to_string(p).unwrap();
        let mut lines = text.lines();
        let header: Vec<String> = lines
            .next()
            .unwrap()
            .split(',')
            .map(str::to_owned)
            .collect();
        let rows: Vec<Vec<String>> = lines
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect();
        (header, rows)
    };
    let (ha, ra) = read(&a);
    let (hb, rb) = read(&b);
    assert_eq!(ra.len(), 200);
    let shared = [
        "bed_day_effect",
        "completion_rate",
        "psych_bed_day_price",
        "effect_persistence",
    ];
    for name in shared {
        let ia = ha.iter().position(|h| h == name).unwrap();
        let ib = hb.iter().position(|h| h == name).unwrap();
        for (x, y) in ra.iter().zip(&rb) {
            assert_eq!(x[ia], y[ib], "{name}");
        }
    }
    // Inputs with different names draw differently.
    let ic = ha.iter().position(|h| h == "coordinator_cost").unwrap();
    let id = hb.iter().position(|h| h == "decentral_course_fee").unwrap();
    assert_ne!(ra[0][ic], rb[0][id]);
}

#[test]
fn per_municipality_inputs_are_drawn_independently() {
    let files = common::Files::new(&[(
        "s.yaml",
        r#"
name: local variation
start_year: 2025
horizon: 3
price_year: 2025
course:
  participants_per_course: { pert: [6, 8, 10], per_municipality: true }
  completion_rate: 0.75
municipalities: [{ name: A, courses: 3 }, { name: B, courses: 3 }]
costs: [{ name: c, driver: per_participant, unit_cost: { uniform: [100, 200], per_municipality: true }, payer: kommune }]
"#,
    )]);
    let samples = files.path("samples.csv");
    let out = common::somsim()
        .args(["run", "--trials", "50", "--samples"])
        .arg(&samples)
        .arg(files.path("s.yaml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&samples).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.starts_with(
        "trial,course.participants_per_course[A],course.participants_per_course[B],costs[c].unit_cost[A],costs[c].unit_cost[B],npv_kommune"
    ), "{header}");
    let row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
    assert_ne!(row[1], row[2]);
}

#[test]
fn precision_runs_add_batches_until_precise_enough() {
    let file = common::root().join("scenarios/decentral.yaml");
    let v = common::run_json(&["--precision", "0.01"], &file);
    let trials = v["trials"].as_u64().unwrap();
    assert_eq!(trials % montecarlo::BATCH as u64, 0);
    let p = &v["monte_carlo"]["precision"];
    assert_eq!(p["converged"], true);
    assert!(p["achieved"].as_f64().unwrap() <= 0.01);
    // A tighter target needs more trials; the cap stops it and says so.
    let v = common::run_json(&["--precision", "0.002", "--max-trials", "20000"], &file);
    assert_eq!(v["trials"], 20000);
    assert_eq!(v["monte_carlo"]["precision"]["converged"], false);
    assert!(
        v["monte_carlo"]["precision"]["trials_needed"]
            .as_f64()
            .unwrap()
            > 20000.0
    );
    // A target far beyond the cap stops after the batch that shows it, with the trials needed.
    let v = common::run_json(&["--precision", "1e-9", "--max-trials", "1000000"], &file);
    assert_eq!(v["trials"], montecarlo::BATCH as u64);
    assert_eq!(v["monte_carlo"]["precision"]["converged"], false);
    assert!(
        v["monte_carlo"]["precision"]["trials_needed"]
            .as_f64()
            .unwrap()
            > 1e11
    );
    // The same seed and batches give the same first trials as a fixed-size run.
    let fixed = common::run_json(&["--trials", &trials.to_string()], &file);
    let prec = common::run_json(&["--precision", "0.01"], &file);
    assert_eq!(
        fixed["monte_carlo"]["perspectives"],
        prec["monte_carlo"]["perspectives"]
    );
}

#[test]
fn bad_monte_carlo_options_are_input_errors() {
    let file = common::root().join("scenarios/decentral.yaml");
    for args in [
        vec!["--precision", "2"],
        vec!["--threads", "0"],
        vec!["--trials", "100000000000"],
        vec!["--trials", "0", "--samples", "x.csv"],
    ] {
        let out = common::somsim()
            .arg("run")
            .args(&args)
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("error"),
            "{args:?}"
        );
    }
}

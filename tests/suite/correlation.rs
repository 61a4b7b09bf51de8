//! Correlated inputs and partial pooling (`docs/model.md`, "Correlated inputs"): the target
//! rank correlation is reached with the marginals unchanged, an input outside a correlation
//! keeps its draws bit for bit, pooling 1 is the national draw, and the matrix is checked.

use crate::common;

use somsim::model::Model;
use somsim::montecarlo::input_columns;
use somsim::sampler::Layout;
use somsim::sensitivity::spearman;

/// Three national inputs (`a`, `b`, `c`) and one per municipality (`d`), with `EXTRA` at the
/// end of the file.
fn scenario(extra: &str, d: &str) -> String {
    format!(
        r#"
name: correlated
start_year: 2025
horizon: 3
price_year: 2025
course:
  participants_per_course: {{ triangular: {{ min: 6, mode: 8, max: 12 }}, name: a }}
  completion_rate: {{ beta: {{ mean: 0.7, sd: 0.1 }}, name: b }}
  peers_per_course: {{ gamma: {{ mean: 2, sd: 0.5 }}, name: c }}
  volunteer_turnover: {d}
municipalities:
  - {{ name: A, courses: 2 }}
  - {{ name: B, courses: 3 }}
  - {{ name: C, courses: 1 }}
costs:
  - {{ name: coordinator, driver: per_course, unit_cost: 40000, payer: kommune }}
{extra}
"#
    )
}

const D: &str = "{ uniform: { min: 0.2, max: 0.6 }, per_municipality: true, name: d }";

fn model(text: &str) -> (common::Files, Model) {
    let files = common::Files::new(&[("s.yaml", text)]);
    let model = Model::load(&files.path("s.yaml")).unwrap();
    (files, model)
}

/// Each input's draws over `n` trials, by name.
fn columns(model: &Model, n: usize) -> Vec<(String, Vec<f64>)> {
    let layout = Layout::new(model);
    let cols = input_columns(&layout, 2025, n);
    (model.inputs.iter().map(|i| i.name.clone()))
        .zip(cols)
        .collect()
}

fn column<'a>(cols: &'a [(String, Vec<f64>)], name: &str) -> &'a [f64] {
    &cols.iter().find(|(n, _)| n == name).unwrap().1
}

/// The Kolmogorov-Smirnov distance of a sample from a distribution.
fn ks(sample: &[f64], dist: &somsim::model::Dist) -> f64 {
    let mut x = sample.to_vec();
    x.sort_by(f64::total_cmp);
    let n = x.len() as f64;
    (x.iter().enumerate())
        .map(|(i, v)| {
            let f = dist.cdf(*v);
            (f - i as f64 / n).abs().max((f - (i + 1) as f64 / n).abs())
        })
        .fold(0.0, f64::max)
}

#[test]
fn a_target_rank_correlation_is_reached_with_the_marginals_unchanged() {
    let n = 100_000;
    let extra = "correlations:\n  - { inputs: [a, b], rank: 0.5 }";
    let (_f, m) = model(&scenario(extra, D));
    let cols = columns(&m, n);
    let rho = spearman(column(&cols, "a"), column(&cols, "b"));
    assert!((rho - 0.5).abs() <= 0.01, "rank correlation {rho}");
    for name in ["a", "b"] {
        let input = m.inputs.iter().find(|i| i.name == name).unwrap();
        let x = column(&cols, name);
        let d = ks(x, &input.dist);
        // The 1% critical value of the KS distance.
        assert!(d < 1.63 / (n as f64).sqrt(), "{name}: KS distance {d}");
        let mean = x.iter().sum::<f64>() / n as f64;
        let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        let (m0, v0) = (input.dist.mean(), input.dist.variance());
        assert!(
            (mean - m0).abs() < 4.0 * (v0 / n as f64).sqrt(),
            "{name}: mean {mean} vs {m0}"
        );
        assert!(
            (var / v0 - 1.0).abs() < 0.02,
            "{name}: variance {var} vs {v0}"
        );
    }
    // A negative correlation, through a matrix.
    let extra = "correlations:\n  - { inputs: [a, c], matrix: [[1, -0.3], [-0.3, 1]] }";
    let (_f, m) = model(&scenario(extra, D));
    let cols = columns(&m, 20_000);
    let rho = spearman(column(&cols, "a"), column(&cols, "c"));
    assert!((rho + 0.3).abs() <= 0.02, "rank correlation {rho}");
}

#[test]
fn inputs_outside_a_correlation_keep_their_draws_bit_for_bit() {
    let (_f, plain) = model(&scenario("", D));
    let extra = "correlations:\n  - { inputs: [a, b], rank: 0.7 }";
    let (_g, correlated) = model(&scenario(extra, D));
    let (x, y) = (columns(&plain, 2000), columns(&correlated, 2000));
    for name in ["c", "d"] {
        assert_eq!(column(&x, name), column(&y, name), "{name}");
    }
    assert_ne!(column(&x, "b"), column(&y, "b"));
}

#[test]
fn pooling_one_is_the_national_draw_and_zero_independent_draws() {
    let national = "{ uniform: { min: 0.2, max: 0.6 }, name: d }";
    let (_f, m) = model(&scenario("", national));
    let layout = Layout::new(&m);
    let pooled = |p: &str| {
        let d = format!(
            "{{ uniform: {{ min: 0.2, max: 0.6 }}, per_municipality: true, pooling: {p}, name: d }}"
        );
        model(&scenario("", &d))
    };
    let (_g, one) = pooled("1");
    let one_layout = Layout::new(&one);
    let (mut a, mut b) = (vec![0.0; layout.len], vec![0.0; one_layout.len]);
    let d = m.inputs.iter().position(|i| i.name == "d").unwrap();
    for trial in 0..1000 {
        layout.fill(2025, trial, &mut a);
        one_layout.fill(2025, trial, &mut b);
        let national = a[layout.offsets[d]];
        let at = one_layout.offsets[d];
        assert!(
            b[at..at + 3].iter().all(|x| *x == national),
            "trial {trial}"
        );
    }
    // Partial pooling: two municipalities' draws are rank-correlated as their normal scores
    // (Pearson p), that is (6 / π) asin(p / 2).
    for (p, expected) in [
        ("0", 0.0),
        ("0.5", 6.0 / std::f64::consts::PI * (0.25f64).asin()),
    ] {
        let (_h, m) = pooled(p);
        let layout = Layout::new(&m);
        let mut draws = vec![0.0; layout.len];
        let at = layout.offsets[m.inputs.iter().position(|i| i.name == "d").unwrap()];
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for trial in 0..40_000 {
            layout.fill(2025, trial, &mut draws);
            x.push(draws[at]);
            y.push(draws[at + 1]);
            assert!(draws[at..at + 3].iter().all(|v| (0.2..=0.6).contains(v)));
        }
        let rho = spearman(&x, &y);
        assert!(
            (rho - expected).abs() < 0.015,
            "pooling {p}: {rho} vs {expected}"
        );
    }
}

#[test]
fn a_correlated_run_does_not_depend_on_the_thread_count() {
    let extra = "correlations:\n  - { inputs: [a, b, c], matrix: [[1, 0.5, 0.2], [0.5, 1, 0.4], [0.2, 0.4, 1]] }";
    let d = "{ uniform: { min: 0.2, max: 0.6 }, per_municipality: true, pooling: 0.6, name: d }";
    let files = common::Files::new(&[("s.yaml", &scenario(extra, d))]);
    common::thread_invariant(
        &["run", "--format", "json", "--trials", "3000"],
        &files.path("s.yaml"),
    );
}

#[test]
fn correlations_that_cannot_hold_together_are_an_input_error() {
    let extra = "correlations:\n  - { inputs: [a, b], rank: 0.9 }\n  - { inputs: [b, c], rank: 0.9 }\n  - { inputs: [a, c], rank: -0.9 }";
    let files = common::Files::new(&[("s.yaml", &scenario(extra, D))]);
    let out = common::somsim()
        .arg("validate")
        .arg(files.path("s.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("s.yaml:18:") && err.contains("not positive definite"),
        "{err}"
    );
    for (extra, says) in [
        (
            "correlations:\n  - { inputs: [a, x], rank: 0.5 }",
            "`x` is not an uncertain input",
        ),
        (
            "correlations:\n  - { inputs: [a, d], rank: 0.5 }",
            "is drawn per municipality",
        ),
        (
            "correlations:\n  - { inputs: [a, b], rank: 1.5 }",
            "expected a rank correlation from -1 to 1",
        ),
        (
            "correlations:\n  - { inputs: [a, b], matrix: [[1, 0.5], [0.4, 1]] }",
            "symmetric",
        ),
        (
            "correlations:\n  - { inputs: [a, b, c], rank: 0.5 }",
            "`rank` correlates two inputs",
        ),
    ] {
        let files = common::Files::new(&[("s.yaml", &scenario(extra, D))]);
        let out = common::somsim()
            .arg("validate")
            .arg(files.path("s.yaml"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{extra}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(says) && err.contains("s.yaml:18:"),
            "{extra}: {err}"
        );
    }
}

#[test]
fn the_run_reports_the_achieved_rank_correlation_beside_the_target() {
    let extra = "correlations:\n  - { inputs: [a, b], rank: 0.5 }";
    let files = common::Files::new(&[("s.yaml", &scenario(extra, D))]);
    let v = common::run_json(&["--trials", "20000"], &files.path("s.yaml"));
    let c = &v["correlations"][0];
    assert_eq!(c["inputs"], serde_json::json!(["a", "b"]));
    assert_eq!(c["target"], 0.5);
    let achieved = c["achieved"].as_f64().unwrap();
    assert!((achieved - 0.5).abs() < 0.02, "{achieved}");
    let table = common::succeed(
        common::somsim()
            .args(["run", "--trials", "2000", "--full"])
            .arg(files.path("s.yaml")),
    );
    assert!(
        table.contains("Rank correlations (target / achieved over the trials): a ~ b: 0.50 / 0.")
    );
    let csv = common::succeed(
        common::somsim()
            .args([
                "run",
                "--trials",
                "20000",
                "--format",
                "csv",
                "--correlations",
            ])
            .arg(files.path("s.yaml")),
    );
    assert_eq!(
        csv,
        format!("input_a,input_b,target,achieved\na,b,0.5,{achieved:.6}\n")
    );
}

#[test]
fn each_municipality_has_its_probability_of_a_positive_npv() {
    // A gains from a revenue worth more than its costs in every trial; B only pays.
    let text = scenario(
        "outcomes:\n  - { name: jobs, kind: revenue, baseline: 1, effect: 1, profile: [1], unit_price: 1000000, payers: { kommune: 1 } }\n",
        D,
    )
    .replace("- { name: coordinator, driver: per_course", "- { name: coordinator, municipality: B, driver: per_course")
    .replace("  - { name: B, courses: 3 }", "  - { name: B, courses: 3, completion_rate: 0 }");
    let files = common::Files::new(&[("s.yaml", &text)]);
    let v = common::run_json(&["--trials", "500"], &files.path("s.yaml"));
    let m = &v["monte_carlo"]["municipalities"];
    assert_eq!(m["A"]["prob_npv_positive"], 1.0);
    assert_eq!(m["B"]["prob_npv_positive"], 0.0);
    let csv = common::succeed(
        common::somsim()
            .args([
                "run",
                "--format",
                "csv",
                "--municipalities",
                "--trials",
                "500",
            ])
            .arg(files.path("s.yaml")),
    );
    assert!(csv.starts_with("municipality,mean,sd,se,p5,p25,p50,p75,p95,prob_npv_positive\n"));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("B,") && l.ends_with(",0.000000"))
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with("A,") && l.ends_with(",1.000000"))
    );
}

#[test]
fn an_assumption_fixed_by_set_leaves_its_correlations() {
    let root = common::root().join("assumptions");
    let text = format!(
        r#"
name: correlated assumptions
start_year: 2025
horizon: 3
price_year: 2025
assumptions: ["{0}/dk-price-index.yaml", "{0}/peer-intervention.yaml"]
course: {{ participants_per_course: participants_per_course, completion_rate: completion_rate, peers_per_course: 2, volunteer_turnover: 0.5 }}
municipalities:
  - {{ name: A, courses: 2 }}
costs:
  - {{ name: coordinator, driver: per_year, unit_cost: coordinator_cost, payer: kommune }}
correlations:
  - {{ inputs: [participants_per_course, completion_rate], rank: 0.3 }}
"#,
        root.display()
    );
    let files = common::Files::new(&[("s.yaml", &text)]);
    let json = |extra: &[&str]| {
        let mut args = vec!["--trials", "500"];
        args.extend_from_slice(extra);
        common::run_json(&args, &files.path("s.yaml"))
    };
    assert_eq!(json(&[])["correlations"].as_array().unwrap().len(), 1);
    // A sweep fixes the input: it correlates with nothing, and the run goes on.
    let fixed = json(&["--set", "completion_rate=0.7"]);
    assert!(fixed["correlations"].as_array().unwrap().is_empty());
}

#[test]
fn set_changes_an_inputs_pooling_as_if_written_in_the_file() {
    let pooled =
        "{ uniform: { min: 0.2, max: 0.6 }, per_municipality: true, pooling: 0.3, name: d }";
    let files = common::Files::new(&[
        ("s.yaml", &scenario("", D)),
        ("p.yaml", &scenario("", pooled)),
        ("n.yaml", &scenario("", "0.4")),
    ]);
    // Every trial's draws, from --samples.
    let run = |file: &str, set: &[&str]| {
        let out = files.path("samples.csv");
        let _ = std::fs::remove_file(&out);
        let mut args = vec!["--trials", "300", "--samples", out.to_str().unwrap()];
        for s in set {
            args.extend(["--set", s]);
        }
        common::succeed(
            common::somsim()
                .arg("run")
                .args(&args)
                .arg(files.path(file)),
        );
        std::fs::read_to_string(&out).unwrap()
    };
    // Added where the file has none, and changed where it has one: the same run as the file.
    let written = run("p.yaml", &[]);
    assert_eq!(
        run("s.yaml", &["course.volunteer_turnover.pooling=0.3"]),
        written
    );
    assert_eq!(
        run(
            "p.yaml",
            &[
                "course.volunteer_turnover.pooling=0.6",
                "course.volunteer_turnover.pooling=0.3"
            ]
        ),
        written
    );
    assert_ne!(
        run("p.yaml", &["course.volunteer_turnover.pooling=0.9"]),
        written
    );
    // Mistakes name the setting and say what was expected, exit code 2.
    for (file, set, expect) in [
        (
            "s.yaml",
            "course.volunteer_turnover.pooling=1.5",
            "expected a share from 0",
        ),
        (
            "s.yaml",
            "course.volunteer_turnover.pooling=abc",
            "expected a number",
        ),
        (
            "n.yaml",
            "course.volunteer_turnover.pooling=0.5",
            "is not a distribution",
        ),
        (
            "s.yaml",
            "course.participants_per_course.pooling=0.5",
            "needs `per_municipality: true`",
        ),
        (
            "s.yaml",
            "municipalities[A].completion_rate.pooling=0.5",
            "is not set in the scenario",
        ),
    ] {
        let out = common::somsim()
            .args(["run", "--trials", "100", "--set", set])
            .arg(files.path(file))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{set}: {stderr}");
        assert!(stderr.contains(&format!("--set {set}")), "{set}: {stderr}");
        assert!(stderr.contains(expect), "{set}: {stderr}");
    }
}

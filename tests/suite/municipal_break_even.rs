//! Each municipality's own break-even over the trials (`run --municipal-break-even`, see
//! `docs/model.md`, "Each municipality's own budget"): a municipality that holds every
//! `kommune` row breaks even when the `kommune` perspective does, trial by trial, in factored
//! form and row by row; the outputs carry it in every format; the NPVs and the thread count do
//! not change it.

use crate::common;

use somsim::model::Model;
use somsim::montecarlo::Simulation;

/// One municipality holding every `kommune` row, with uncertain savings that make it break even
/// in different years, or not at all. `extra` is added to the file (a shared line, say).
fn one_municipality(extra: &str) -> String {
    format!(
        r#"
name: one municipality
start_year: 2025
horizon: 8
price_year: 2025
course: {{ participants_per_course: 8, completion_rate: {{ beta: {{ mean: 0.7, sd: 0.1 }} }}, peers_per_course: 2, volunteer_turnover: 0.5 }}
municipalities:
  - {{ name: A, courses: [1, 2, 3, 3, 3, 3, 3, 3] }}
costs:
  - {{ name: coordinator, driver: per_year, unit_cost: {{ pert: [150000, 200000, 300000] }}, payer: kommune }}
  - {{ name: courses, driver: per_course, unit_cost: 5000, payer: kommune }}
  - {{ name: training, driver: per_volunteer_trained, unit_cost: 4000, payer: kommune }}
  - {{ name: launch, driver: one_off, unit_cost: 80000, payer: kommune, years: 2025 }}
  - {{ name: secretariat, driver: per_year, unit_cost: 100000, payer: stat, national: true }}
outcomes:
  - {{ name: support, baseline: 60, effect: {{ normal: [-0.2, 0.15, -1] }}, profile: [1, {{ uniform: [0.2, 0.9] }}], unit_price: 600, payers: {{ kommune: 0.8, stat: 0.2 }} }}
{extra}
"#
    )
}

fn load(text: &str) -> Model {
    let files = common::Files::new(&[("s.yaml", text)]);
    Model::load(&files.path("s.yaml")).unwrap()
}

#[test]
fn one_municipality_breaks_even_when_the_kommune_perspective_does() {
    let grant = "transfers:\n  - { name: grant, from: stat, to: kommune, amount: 60000, years: [2025, 2026], municipality: A }";
    let launch =
        "  - { name: launch, driver: one_off, unit_cost: 80000, payer: kommune, years: 2025 }\n";
    for (what, text, factored) in [
        // Every kommune line in every municipality: only the factored series.
        ("factored", one_municipality("").replace(launch, ""), true),
        // A one-off line and a transfer add their years directly.
        (
            "with a one-off and a transfer, factored",
            one_municipality(grant),
            true,
        ),
        ("row by row", one_municipality(grant), false),
    ] {
        assert_eq!(text.contains(launch), what != "factored");
        let model = load(&text);
        let mut sim = Simulation::new(&model);
        assert!(sim.plan.is_factored(), "{what}");
        if !factored {
            sim.plan.rows_only();
        }
        sim.plan.keep_municipal_break_even();
        let (out, summary) = sim.run_summarized(11, 3000);
        let kommune = out.break_even_of(0);
        let own = out.muni_break_even_of(0);
        assert_eq!(own, kommune, "{what}");
        // Several outcomes: never, and more than one year.
        let years: std::collections::BTreeSet<u16> = own.iter().copied().collect();
        assert!(years.len() >= 3, "{what}: {years:?}");
        assert_eq!(
            summary.municipality_break_even[0],
            summary.perspectives[0].break_even
        );
        for (a, b) in out.muni_npv_of(0).iter().zip(out.npv_of(0)) {
            assert!(
                (a - b).abs() <= 1e-6 * (1.0 + b.abs()),
                "{what}: {a} vs {b}"
            );
        }
    }
}

/// Two municipalities: A gains from the start, B only pays.
fn two_municipalities() -> common::Files {
    let text = one_municipality(
        "  - { name: jobs, kind: revenue, baseline: 1, effect: 1, profile: [1], unit_price: 200000, payers: { kommune: 1 } }",
    )
    .replace(
        "  - { name: A, courses: [1, 2, 3, 3, 3, 3, 3, 3] }",
        "  - { name: A, courses: [1, 2, 3, 3, 3, 3, 3, 3] }\n  - { name: B, courses: 1, completion_rate: 0 }",
    );
    common::Files::new(&[("s.yaml", &text)])
}

#[test]
fn the_run_reports_each_municipality_s_break_even_in_every_format() {
    let files = two_municipalities();
    let path = files.path("s.yaml");
    let args = ["--trials", "2000", "--municipal-break-even"];
    let v = common::run_json(&args, &path);
    let m = &v["monte_carlo"]["municipalities"];
    for (name, never) in [("A", 0.0), ("B", 1.0)] {
        let b = &m[name]["break_even"];
        assert_eq!(b["never"], never, "{name}");
        let by: Vec<f64> = (2025..2033)
            .map(|y| b["by_year"][y.to_string()].as_f64().unwrap())
            .collect();
        assert!(by.windows(2).all(|w| w[0] <= w[1]), "{name}: cumulative");
        assert!((by[7] + never - 1.0).abs() < 1e-12, "{name}");
    }
    assert_eq!(m["A"]["break_even"]["by_year"]["2025"], 1.0);
    // Without the flag: null, and the NPVs as with it.
    let without = common::run_json(&["--trials", "2000"], &path);
    let w = &without["monte_carlo"]["municipalities"];
    assert!(w["A"]["break_even"].is_null());
    for name in ["A", "B"] {
        for field in ["mean", "p5", "p95", "prob_npv_positive"] {
            assert_eq!(w[name][field], m[name][field], "{name} {field}");
        }
    }

    let csv = common::succeed(
        common::somsim()
            .args(["run", "--format", "csv", "--municipalities"])
            .args(args)
            .arg(&path),
    );
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",prob_npv_positive,break_even_by_2025,break_even_by_2026,break_even_by_2027,break_even_by_2028,break_even_by_2029,break_even_by_2030,break_even_by_2031,break_even_by_2032"), "{header}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("B,") && l.ends_with(",0.000000,0.000000"))
    );

    for (lang, heading) in [
        ("en", "P(break-even by 2029)"),
        ("da", "P(tilbagebetalt senest 2032)"),
    ] {
        let table = common::succeed(
            common::somsim()
                // Wide enough that no heading wraps.
                .env("COLUMNS", "250")
                .args(["run", "--full", "--lang", lang])
                .args(args)
                .arg(&path),
        );
        assert!(table.contains(heading), "{lang}: {table}");
        assert!(!table.contains("--municipal-break-even"), "{lang}");
    }
    let table = common::succeed(
        common::somsim()
            .args(["run", "--full", "--trials", "500"])
            .arg(&path),
    );
    assert!(table.contains(
        "Each municipality's probability of break-even by year: --municipal-break-even."
    ));
}

#[test]
fn each_municipality_s_break_even_does_not_depend_on_the_thread_count() {
    let files = two_municipalities();
    for path in [
        files.path("s.yaml"),
        common::root().join("contracts/intensive-dsi.yaml"),
        common::root().join("scenarios/national-rollout.yaml"),
    ] {
        let args = [
            "run",
            "--format",
            "json",
            "--trials",
            "3000",
            "--municipal-break-even",
        ];
        common::thread_invariant(&args, &path);
    }
}

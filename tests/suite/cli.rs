//! The command line as a person uses it: the shipped scenarios, output formats, the schema.

use crate::common;

fn shipped_scenarios() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(common::root().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_shipped_scenario_and_assumption_file_validates() {
    let mut files = shipped_scenarios();
    files.extend(
        std::fs::read_dir(common::root().join("assumptions"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    let stdout = common::succeed(common::somsim().arg("validate").args(&files));
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("ok: ")).count(),
        files.len()
    );
}

#[test]
fn every_shipped_scenario_runs_in_every_format() {
    for s in shipped_scenarios() {
        for format in ["table", "json", "csv"] {
            let out = common::somsim()
                .args(["run", "--ledger", "--format", format])
                .arg(&s)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{} {format}: {}",
                s.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(!out.stdout.is_empty());
        }
    }
}

#[test]
fn the_default_scenarios_do_not_assume_hospital_savings() {
    // The PEER trial found no significant difference in admissions or bed-days: in the default
    // scenarios the region's base-case benefit must be (about) nothing.
    for name in ["intensive.yaml", "decentral.yaml"] {
        let v = common::run_json(&[], &common::root().join("scenarios").join(name));
        let region = v["base"]["perspectives"]["region"]["pv_benefits"]
            .as_f64()
            .unwrap();
        assert!(region.abs() < 1.0, "{name}: region benefits {region}");
    }
}

#[test]
fn json_has_the_documented_top_level_keys() {
    let v = common::run_json(&[], &common::root().join("scenarios/intensive.yaml"));
    for key in [
        "schema_version",
        "scenario",
        "price_year",
        "start_year",
        "horizon",
        "base",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    for p in ["kommune", "region", "stat", "public", "all"] {
        let p = &v["base"]["perspectives"][p];
        for key in [
            "npv",
            "pv_benefits",
            "pv_net_cost",
            "roi",
            "break_even_year",
            "years_to_break_even",
        ] {
            assert!(p.get(key).is_some(), "missing {key}");
        }
    }
    let row = &v["base"]["ledger"][0];
    for key in [
        "year",
        "municipality",
        "payer",
        "costs",
        "avoided",
        "transfers",
        "net",
        "discount_factor",
    ] {
        assert!(row.get(key).is_some(), "missing ledger {key}");
    }
}

#[test]
fn csv_ledger_can_be_filtered_and_sums_like_the_table() {
    let out = common::somsim()
        .args([
            "run",
            "--ledger",
            "--format",
            "csv",
            "--municipality",
            "Kolding",
            "--payer",
            "kommune",
        ])
        .arg(common::root().join("scenarios/intensive.yaml"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("year,municipality,payer,costs,avoided,transfers,net,discount_factor,contract")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 10);
    assert!(rows.iter().all(|r| r.contains(",Kolding,kommune,")));
}

#[test]
fn an_unknown_ledger_filter_names_the_choices() {
    let out = common::somsim()
        .args(["run", "--ledger", "--municipality", "Koldning"])
        .arg(common::root().join("scenarios/intensive.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`Kolding`"), "{err}");
}

#[test]
fn schema_is_json_schema_and_names_every_top_level_field() {
    let out = common::somsim().arg("schema").output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(v["additionalProperties"], false);
    for key in [
        "name",
        "start_year",
        "horizon",
        "price_year",
        "municipalities",
        "costs",
        "transfers",
        "outcomes",
    ] {
        assert!(v["properties"].get(key).is_some(), "schema lacks {key}");
    }
    assert!(v["$defs"].get("Distribution").is_some());
    let a = common::somsim()
        .args(["schema", "--assumptions"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert!(v["properties"].get("parameters").is_some());
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.json");
    let out = common::somsim()
        .args(["run", "--format", "json", "-o"])
        .arg(&path)
        .arg(common::root().join("scenarios/decentral.yaml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["horizon"], 10);
}

#[test]
fn the_worked_example_in_the_format_docs_gives_the_numbers_the_docs_state() {
    let v = common::run_json(&[], &common::root().join("docs/worked-example.yaml"));
    let line = |name: &str| {
        v["base"]["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["name"] == name)
            .unwrap()["amounts"]
            .clone()
    };
    // 0.5 x 400,000 x 120.7 / 113.5 = 212,687.22 a year.
    assert_eq!(line("coordinator")[1], serde_json::json!(212687.22));
    let fredericia_2026 = v["base"]["ledger"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["year"] == 2026 && r["municipality"] == "Fredericia" && r["payer"] == "kommune")
        .unwrap();
    // Half the coordinator (106,343.61) + 4 volunteers x 5,666.67 (22,666.67).
    assert_eq!(fredericia_2026["costs"], serde_json::json!(129010.28));
}

/// `run`'s table in the shipped scenario's folder, with `args`.
fn run_table(args: &[&str]) -> String {
    common::succeed(
        common::somsim()
            .current_dir(common::root())
            .args(["run", "scenarios/intensive.yaml", "--trials", "500"])
            .args(args),
    )
}

#[test]
fn the_run_answers_first_and_says_where_the_rest_is() {
    let short = run_table(&[]);
    assert!(short.contains("NPV over trials"), "{short}");
    assert!(short.contains("More: --full"), "{short}");
    for absent in [
        "Acceptability curve",
        "Societal perspective",
        "P(break-even by)",
    ] {
        assert!(!short.contains(absent), "{absent}: {short}");
    }
    let full = run_table(&["--full"]);
    for present in [
        "Acceptability curve",
        "Societal perspective",
        "P(break-even by)",
    ] {
        assert!(full.contains(present), "{present}");
    }
    assert!(!full.contains("More: --full"));
    // Not a terminal, no COLUMNS: the tables of the short answer fit about 100 columns (a
    // column is never narrower than its widest number).
    let wide = (short.lines())
        .filter(|l| l.starts_with([' ', '─']) && l.chars().count() > 102)
        .count();
    assert_eq!(wide, 0, "{short}");
}

#[test]
fn one_perspective_and_one_municipality_are_shown_as_asked() {
    let t = run_table(&["--payer", "kommune", "--municipality", "Kolding"]);
    let rows = |name: &str| {
        t.lines()
            .filter(|l| l.starts_with(&format!(" {name} ")))
            .count()
    };
    assert_eq!(rows("kommune"), 2, "{t}");
    assert_eq!(rows("society") + rows("public") + rows("region"), 0, "{t}");
    assert!(t.contains(" Kolding ") && !t.contains(" Rødovre "), "{t}");
    // JSON and CSV are the same with the flags as without.
    let json = |args: &[&str]| run_table(&[args, &["--format", "json"]].concat());
    assert_eq!(json(&["--perspective", "kommune"]), json(&[]));
}

#[test]
fn a_changed_input_is_named_above_the_results() {
    let t = run_table(&["--set", "bed_day_effect=-0.1", "--lang", "da"]);
    assert!(t.contains("Ændret med --set: bed_day_effect = -0,1"), "{t}");
    assert!(!run_table(&[]).contains("--set"));
}

#[test]
fn scenarios_that_do_not_differ_are_said_to_in_one_line() {
    let t = common::succeed(common::somsim().current_dir(common::root()).args([
        "compare",
        "scenarios/intensive.yaml",
        "contracts/intensive-dsi.yaml",
        "--trials",
        "300",
    ]));
    assert!(t.contains("all: the scenarios do not differ"), "{t}");
    assert!(
        t.contains("personal recovery (QPR-15): the same units in every trial"),
        "{t}"
    );
    assert!(!t.contains("Acceptability curve"), "{t}");
}

#[test]
fn the_batch_table_shows_the_perspective_asked_for() {
    let t = common::succeed(common::somsim().current_dir(common::root()).args([
        "batch",
        "scenarios/intensive.yaml",
        "--trials",
        "0",
        "--format",
        "table",
        "--perspective",
        "kommune",
    ]));
    assert!(t.contains("kommune base") && !t.contains("Public"), "{t}");
    assert!(t.contains("-6,857,668"), "{t}");
}

#[test]
fn the_danish_terminal_says_it_in_danish() {
    let t = run_table(&["--full", "--lang", "da"]);
    for said in [
        "Basisberegning:",
        "Diskontering: Finansministeriets samfundsøkonomiske diskonteringsrente (real): 3,5 pct. i år 1-35",
        "forbrugerprisindeks",
        " offentlig ",
        " samfund ",
        "seed 2025",
        "ikke inden 2035",
        "Betalingsvillighedskurve",
        "flere enheder til en merudgift",
        "Samfundsøkonomisk perspektiv (samfund)",
    ] {
        assert!(t.contains(said), "no {said:?} in\n{t}");
    }
    for never in [
        "basisforløb",
        "frø",
        "Accept-kurve",
        "ingen senest",
        " public ",
        " society ",
    ] {
        assert!(!t.contains(never), "{never:?} in\n{t}");
    }
    let deal = common::succeed(common::somsim().current_dir(common::root()).args([
        "deal",
        "contracts/intensive-dsi.yaml",
        "--trials",
        "200",
        "--vary",
        "price[recovery]=20000,40000",
        "--vary",
        "return_cap=0.03,0.05",
        "--max-loss-prob",
        "0.2",
        "--lang",
        "da",
    ]));
    assert!(
        deal.contains("pris for personlig recovery") && deal.contains("afkastloft"),
        "{deal}"
    );
    assert!(!deal.contains("price[recovery]"), "{deal}");
}

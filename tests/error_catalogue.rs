//! The catalogue of broken inputs under `tests/errors/`: every mistake a person can make gives
//! a message naming the file, line and field and what was expected, exit code 2, no panic.
//!
//! Each case file starts with `# expect: <text the message must contain>` and, where the
//! problem has a place, `# line: <line the message must name>`. Files named `companion-*` are
//! not cases; cases load them.

mod common;

use std::path::PathBuf;

fn cases() -> Vec<PathBuf> {
    let dir = common::root().join("tests/errors");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".yaml") && !name.starts_with("companion-")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_broken_input_is_reported_with_its_place_and_exit_code_2() {
    let cases = cases();
    assert!(cases.len() >= 25, "the catalogue has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let text = std::fs::read_to_string(case).unwrap();
        let expects: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .collect();
        let line = text.lines().find_map(|l| l.strip_prefix("# line: "));
        assert!(!expects.is_empty(), "{} has no `# expect:`", case.display());
        let out = common::somsim().arg("validate").arg(case).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = case.file_name().unwrap().to_string_lossy();
        let mut problems = Vec::new();
        if out.status.code() != Some(2) {
            problems.push(format!("exit code {:?}, expected 2", out.status.code()));
        }
        for e in &expects {
            if !stderr.contains(e) {
                problems.push(format!("message lacks `{e}`"));
            }
        }
        if let Some(line) = line
            && !stderr.contains(&format!("{name}:{line}:"))
        {
            problems.push(format!("message does not name {name}:{line}"));
        }
        if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            problems.push("panicked".into());
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{stderr}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_failed_run_writes_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("result.json");
    let case = common::root().join("tests/errors/negative-price.yaml");
    let out = common::somsim()
        .args(["run", "--format", "json", "--output"])
        .arg(&out_path)
        .arg(&case)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_path.exists());
    // Nor a temporary file left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_output_folder_that_does_not_exist_fails_before_any_work() {
    let out = common::somsim()
        .args(["run", "--output", "/no/such/folder/out.json"])
        .arg(common::root().join("scenarios/intensive.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn a_missing_scenario_file_is_an_input_error() {
    let out = common::somsim()
        .args(["run", "no-such-scenario.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-scenario.yaml: no such file"));
}

#[test]
fn a_broken_scenario_reports_every_problem_at_once() {
    let files = common::Files::new(&[(
        "s.yaml",
        "name: x\nstart_year: 2025\nhorizon: 2\nprice_year: 2025\ncourse: { participants_per_course: 8, completion_rate: 2 }\nmunicipalities: [{ name: A, courses: -1 }]\ncosts:\n  - { name: c, driver: per_course, unit_cost: -5, payer: nobody }\n",
    )]);
    let out = common::somsim()
        .arg("validate")
        .arg(files.path("s.yaml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for field in [
        "course.completion_rate",
        "municipalities[A].courses",
        "costs[c].unit_cost",
        "costs[c].payer",
    ] {
        assert!(stderr.contains(field), "missing {field} in:\n{stderr}");
    }
}

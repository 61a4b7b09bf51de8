//! The human and CSV layouts of `somsim run`, pinned by golden files in `tests/golden/`. When a
//! change to a layout is intended, regenerate them with `SOMSIM_BLESS=1 cargo test --test suite -- golden::`
//! and review the difference.

use crate::common;

fn check(args: &[&str], golden: &str) {
    let dir = common::root().join("tests/golden");
    let got = common::stdout_in(&dir, args);
    let path = dir.join(golden);
    if std::env::var_os("SOMSIM_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; run with SOMSIM_BLESS=1", path.display()));
    assert_eq!(got, want, "the output differs from {}", path.display());
}

#[test]
fn base_case_table() {
    check(
        &["run", "hand-worked.yaml", "--ledger", "--full"],
        "run-table.txt",
    );
}

#[test]
fn base_case_csv_summary() {
    check(
        &["run", "hand-worked.yaml", "--format", "csv"],
        "run-summary.csv",
    );
}

#[test]
fn base_case_csv_ledger() {
    check(
        &[
            "run",
            "hand-worked.yaml",
            "--format",
            "csv",
            "--ledger",
            "--payer",
            "kommune",
        ],
        "run-ledger.csv",
    );
}

/// The JSON layout of a base case (every field, as `docs/output.md` documents it).
#[test]
fn base_case_json() {
    check(
        &[
            "run",
            "hand-worked.yaml",
            "--format",
            "json",
            "--trials",
            "0",
        ],
        "run.json",
    );
}

const INTENSIVE: &str = "../../scenarios/intensive.yaml";
const DECENTRAL: &str = "../../scenarios/decentral.yaml";
/// Few trials keep the files small; the streams are pinned, so the numbers are too.
const MC: [&str; 4] = ["--trials", "1000", "--threads", "2"];

fn with_mc<'a>(args: &[&'a str]) -> Vec<&'a str> {
    args.iter().copied().chain(MC).collect()
}

#[test]
fn monte_carlo_json() {
    check(
        &with_mc(&["run", INTENSIVE, "--format", "json"]),
        "run-mc.json",
    );
}

#[test]
fn compare_layouts() {
    for (format, golden) in [
        ("table", "compare.txt"),
        ("csv", "compare.csv"),
        ("json", "compare.json"),
    ] {
        check(
            &with_mc(&["compare", INTENSIVE, DECENTRAL, "--format", format]),
            golden,
        );
    }
}

#[test]
fn sensitivity_layouts() {
    for (format, golden) in [
        ("table", "sensitivity.txt"),
        ("csv", "sensitivity.csv"),
        ("json", "sensitivity.json"),
    ] {
        check(
            &with_mc(&["sensitivity", INTENSIVE, "--format", format]),
            golden,
        );
    }
}

#[test]
fn batch_layouts() {
    for (format, golden) in [
        ("table", "batch.txt"),
        ("csv", "batch.csv"),
        ("json", "batch.json"),
    ] {
        check(
            &with_mc(&[
                "batch",
                INTENSIVE,
                "--sweep",
                "bed_day_effect=-0.1:0:0.05",
                "--format",
                format,
            ]),
            golden,
        );
    }
}

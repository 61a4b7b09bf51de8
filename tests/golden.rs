//! The human and CSV layouts of `somsim run`, pinned by golden files in `tests/golden/`. When a
//! change to a layout is intended, regenerate them with `SOMSIM_BLESS=1 cargo test --test golden`
//! and review the difference.

mod common;

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
    check(&["run", "hand-worked.yaml", "--ledger"], "run-table.txt");
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

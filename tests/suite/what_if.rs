//! What-if use of the workbook: for every shipped scenario and the contract file, each named
//! input changed on the Inputs sheet and the workbook recalculated in an independent
//! spreadsheet engine (IronCalc) gives every number on every sheet that `somsim run --set` of
//! the same change writes (the engine's exact base case, cached in its own workbook; that the
//! cached values are the JSON's is `workbook::the_recalculated_workbook_matches_...`), to the
//! øre: the cost-effectiveness and society sheets, the units and welfare gains included.
//!
//! Every named input of every file is changed; the national roll-out's inputs in two halves,
//! so that they run side by side. IronCalc is optimised in test builds (`Cargo.toml`), which
//! brings a recalculation of the national roll-out from 15 s to about a second.

use crate::common;
use crate::common::sheet::{sheet, text};

use ironcalc::base::{Model, cell::CellValue};

fn load(path: &std::path::Path) -> Model<'static> {
    ironcalc::import::load_from_xlsx(path.to_str().unwrap(), "en", "UTC", "en").unwrap()
}

/// The workbook of `file` under `options` (base case only), written to `out`.
fn write(file: &str, options: &[String], out: &std::path::Path) {
    common::succeed(
        common::somsim()
            .args(["run", "--trials", "0"])
            .args(options)
            .args(["--format", "xlsx", "-o"])
            .arg(out)
            .arg(common::root().join(file)),
    );
}

/// The named inputs on the Inputs sheet: (row, name, mean).
fn inputs(m: &Model) -> Vec<(i32, String, f64)> {
    let s = sheet(m, "Inputs");
    let mut out = Vec::new();
    for row in 5.. {
        let name = text(m, s, row, 1);
        if matches!(name.as_str(), "Empty" | "None" | "") {
            break;
        }
        match m.get_cell_value_by_index(s, row, 2).unwrap() {
            CellValue::Number(x) => out.push((row, name, x)),
            other => panic!("input {name}: {other:?}"),
        }
    }
    out
}

/// A changed value the scenario accepts: a tenth less (or 0.01 for a mean of zero, or one
/// within rounding of it: a symmetric distribution's mean of `7.7E-24`).
fn changed(mean: f64) -> String {
    if mean.abs() < 1e-9 {
        "0.01".into()
    } else {
        format!("{}", mean * 0.9)
    }
}

/// Every number the engine wrote into `want` is the recalculated `got`'s, to the øre; every
/// text the same text; but the Inputs sheet, where `--set` made the input a fixed value (no
/// longer a row of the uncertain inputs), and the first sheet, which lists the Inputs sheet's
/// cells.
fn agree(file: &str, input: &str, got: &Model, want: &Model) {
    let knife = knife_edge_flags(want);
    for c in want.get_all_cells() {
        let (s, r, col) = (c.index, c.row, c.column);
        if knife.contains(&(s, r, col)) {
            continue;
        }
        let (a, b) = (
            want.get_cell_value_by_index(s, r, col).unwrap(),
            got.get_cell_value_by_index(s, r, col).unwrap(),
        );
        let name = &want.workbook.get_worksheet_names()[s as usize];
        if name == "Inputs" || name == "About this workbook" {
            continue;
        }
        match (&a, &b) {
            (CellValue::Number(a), CellValue::Number(b)) => assert!(
                (a - b).abs() <= 0.005f64.max(1e-12 * a.abs()),
                "{file}, {input} changed: {name} row {r} column {col}: \
                 run --set gives {a}, the recalculated workbook {b}"
            ),
            _ => assert_eq!(a, b, "{file}, {input} changed: {name} row {r} column {col}"),
        }
    }
}

/// The break-even cells of a perspective whose cumulative result is within half an øre of
/// zero in every year: the sign of a sub-øre amount is below what f64 cells keep
/// (`workbook::knife_edge`).
fn knife_edge_flags(m: &Model) -> Vec<(u32, i32, i32)> {
    let s = sheet(m, "Perspectives");
    let number = |r: i32, c: i32| match m.get_cell_value_by_index(s, r, c).unwrap() {
        CellValue::Number(x) => Some(x),
        _ => None,
    };
    let mut out = Vec::new();
    let np = (5..).take_while(|&r| number(r, 3).is_some()).count() as i32;
    // The year blocks below the summary: a title row, a header row, a row a year.
    let mut top = 5 + np + 2;
    for j in 0..np {
        let y0 = top + 2;
        let rows: Vec<i32> = (y0..).take_while(|&r| number(r, 1).is_some()).collect();
        if rows
            .iter()
            .all(|&r| number(r, 4).unwrap_or(0.0).abs() < 0.005)
        {
            out.push((s, 5 + j, 7));
            // The helper columns K-L (hidden): from here on >= 0, and the candidate.
            for &r in &rows {
                out.extend([(s, r, 11), (s, r, 12)]);
            }
        }
        top = y0 + rows.len() as i32 + 1;
        debug_assert!(rows.len() > 1);
    }
    out
}

/// Change the inputs of `file` one at a time: those whose place on the Inputs sheet is
/// `part` modulo `parts` (all of them for `0, 1`).
fn each_input(file: &str, part: usize, parts: usize) {
    let dir = common::Files::new(&[]);
    let base = dir.path("base.xlsx");
    write(file, &[], &base);
    let all = inputs(&load(&base));
    assert!(all.len() > 5, "{file}: {} inputs", all.len());
    for (_, (row, name, mean)) in (all.iter().enumerate()).filter(|(i, _)| i % parts == part) {
        let value = changed(*mean);
        let mut got = load(&base);
        let inputs = sheet(&got, "Inputs");
        got.set_user_input(inputs, *row, 2, value.clone()).unwrap();
        got.evaluate();
        let set = dir.path("set.xlsx");
        write(file, &["--set".into(), format!("{name}={value}")], &set);
        agree(file, name, &got, &load(&set));
    }
}

#[test]
fn intensive() {
    each_input("scenarios/intensive.yaml", 0, 1);
}

#[test]
fn intensive_optimistic_high_risk() {
    each_input("scenarios/intensive-optimistic-high-risk.yaml", 0, 1);
}

#[test]
fn decentral() {
    each_input("scenarios/decentral.yaml", 0, 1);
}

/// 98 municipalities: the inputs in two halves, side by side.
#[test]
fn national_rollout_first_half() {
    each_input("scenarios/national-rollout.yaml", 0, 2);
}

#[test]
fn national_rollout_second_half() {
    each_input("scenarios/national-rollout.yaml", 1, 2);
}

#[test]
fn the_contract_file() {
    each_input("contracts/intensive-dsi.yaml", 0, 1);
}

/// Every shipped scenario has its test above.
#[test]
fn every_shipped_scenario_is_changed() {
    let mut files: Vec<String> = std::fs::read_dir(common::root().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "decentral.yaml",
            "intensive-optimistic-high-risk.yaml",
            "intensive.yaml",
            "national-rollout.yaml"
        ],
        "a new scenario: give it a test in what_if.rs"
    );
}

/// The contract's terms are cells of their own on the Contracts sheet: each changed there and
/// recalculated gives what `somsim run --set` of the same term writes, on every sheet (the
/// settlement, the Ledger's contract flows, the perspectives).
#[test]
fn the_contract_terms() {
    let file = "contracts/intensive-dsi.yaml";
    let dir = common::Files::new(&[]);
    let base = dir.path("base.xlsx");
    write(file, &[], &base);
    let m = load(&base);
    let s = sheet(&m, "Contracts");
    let c = "contracts[DSI betalingsmodel]";
    let terms: Vec<(String, String, String)> = vec![
        (
            "Price per unit of recovery, DKK".into(),
            format!("{c}.rate_card[recovery].price"),
            "40000".into(),
        ),
        (
            "Cap on §85 support hours avoided, DKK".into(),
            format!("{c}.rate_card[§85 support hours avoided].cap"),
            "400000".into(),
        ),
        (
            // Raised above the share the base case reaches: the trigger fails.
            "recovery is paid only if recovery_gain_share is at least".into(),
            format!("{c}.rate_card[recovery].trigger.at_least"),
            "0.3".into(),
        ),
        (
            "Share of coordinator, København and Rødovre pre-financed".into(),
            format!("{c}.prefinance[coordinator, København and Rødovre].share"),
            "0.6".into(),
        ),
        (
            "Return cap, a year".into(),
            format!("{c}.return_cap"),
            "0.02".into(),
        ),
        (
            "Guarantee, at most, DKK".into(),
            format!("{c}.guarantee.amount"),
            "100000".into(),
        ),
    ];
    let rows: Vec<(i32, String)> = (1..80).map(|r| (r, text(&m, s, r, 1))).collect();
    for (label, path, value) in terms {
        let row = (rows.iter().find(|(_, t)| *t == label))
            .unwrap_or_else(|| panic!("no cell {label:?} on the Contracts sheet"))
            .0;
        assert!(
            matches!(
                m.get_cell_value_by_index(s, row, 3).unwrap(),
                CellValue::Number(_)
            ),
            "{label}: not a number"
        );
        let mut got = load(&base);
        got.set_user_input(s, row, 3, value.clone()).unwrap();
        got.evaluate();
        let set = dir.path("set.xlsx");
        write(file, &["--set".into(), format!("{path}={value}")], &set);
        agree(file, &path, &got, &load(&set));
    }
}

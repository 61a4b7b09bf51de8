//! A contract's capital stack on the run workbook's Contracts sheet: the waterfall as formulas
//! over the contract's yearly investment and receipts, recalculated in an independent
//! spreadsheet engine (IronCalc), gives every tranche's exact ledger numbers to the øre (each
//! year's part of the investment, of the fee, what it got and its net; the totals and MOIC),
//! for both shipped stack files; and a gate's cell set to FALSE moves the committed shares.

use crate::common;
use crate::common::sheet::{number, sheet, text};

use ironcalc::base::{Model, cell::CellValue, types::CellType};

const FILES: [&str; 2] = [
    "contracts/intensive-dsi-stack.yaml",
    "contracts/intensive-dsi-gated.yaml",
];

/// The base-case workbook of `file` (recalculated) and its JSON.
fn workbook(
    file: &str,
    dir: &common::Files,
) -> (Model<'static>, Model<'static>, serde_json::Value) {
    let out = dir.path("w.xlsx");
    let path = common::root().join(file);
    common::succeed(
        common::somsim()
            .args(["run", "--trials", "0", "--format", "xlsx", "-o"])
            .arg(&out)
            .arg(&path),
    );
    let load =
        || ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    let cached = load();
    let mut m = load();
    m.evaluate();
    (m, cached, common::run_json(&["--trials", "0"], &path))
}

/// The row (1-based) labelled `label` in column A and `name` in column B, from `from` on.
fn row(m: &Model, s: u32, from: i32, label: &str, name: &str) -> i32 {
    (from..from + 400)
        .find(|&r| text(m, s, r, 1) == label && text(m, s, r, 2) == name)
        .unwrap_or_else(|| panic!("no row {label:?} of {name:?}"))
}

/// Within half an øre (the float's noise aside).
fn ore(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 0.005, "{what}: {got} against {want}");
}

/// Every tranche's rows and totals against the JSON's base case.
fn check(m: &Model, json: &serde_json::Value, file: &str) {
    let s = sheet(m, "Contracts");
    let top = (1..400)
        .find(|&r| text(m, s, r, 1) == "Capital stack: the waterfall")
        .unwrap_or_else(|| panic!("{file}: no stack block"));
    let tranches = json["contracts"][0]["stack"].as_array().unwrap();
    let totals = (top..top + 400)
        .find(|&r| text(m, s, r, 1) == "Tranches in all")
        .unwrap();
    for (i, tr) in tranches.iter().enumerate() {
        let name = tr["name"].as_str().unwrap();
        let base = &tr["base"];
        let rows = [
            ("Part of the investment, kr.", "invested"),
            ("Part of the fee, kr.", "fee"),
            ("Received by the waterfall, kr.", "received"),
            ("Net, kr.", "net"),
        ];
        for (label, key) in rows {
            if key == "fee" && json["contracts"][0]["management_fee"].is_null() {
                continue;
            }
            let r = row(m, s, top, label, name);
            for (t, y) in base["years"].as_array().unwrap().iter().enumerate() {
                let what = format!("{file} {name} {key} {}", y["year"]);
                ore(
                    number(m, s, r, 3 + t as i32),
                    y[key].as_f64().unwrap(),
                    &what,
                );
            }
        }
        let r = totals + 1 + i as i32;
        assert_eq!(text(m, s, r, 1), name);
        for (c, key) in [(3, "invested"), (4, "fee"), (5, "received")] {
            ore(
                number(m, s, r, c),
                base[key].as_f64().unwrap(),
                &format!("{file} {name} {key}"),
            );
        }
        let net = base["received"].as_f64().unwrap() - base["invested"].as_f64().unwrap();
        ore(number(m, s, r, 6), net, &format!("{file} {name} net"));
        let moic = base["moic"].as_f64().unwrap();
        assert!(
            (number(m, s, r, 7) - moic).abs() < 1e-9,
            "{file} {name} MOIC"
        );
    }
}

#[test]
fn the_recalculated_waterfall_is_the_ledgers_to_the_ore() {
    for file in FILES {
        let dir = common::Files::new(&[]);
        let (m, cached, json) = workbook(file, &dir);
        check(&m, &json, file);
        check(&cached, &json, file);
        // Every cell of the sheet as the engine cached it, and no formula an error.
        let s = sheet(&m, "Contracts");
        for c in cached.get_all_cells().into_iter().filter(|c| c.index == s) {
            let (r, col) = (c.row, c.column);
            let cell = m.workbook.worksheet(s).unwrap().cell(r, col).unwrap();
            assert_ne!(
                cell.get_type(),
                CellType::ErrorValue,
                "{file} row {r} column {col}"
            );
            let (a, b) = (
                cached.get_cell_value_by_index(s, r, col).unwrap(),
                m.get_cell_value_by_index(s, r, col).unwrap(),
            );
            match (&a, &b) {
                (CellValue::Number(a), CellValue::Number(b)) => {
                    assert!(
                        (a - b).abs() <= 0.005,
                        "{file} row {r} column {col}: {a} {b}"
                    )
                }
                _ => assert_eq!(a, b, "{file} row {r} column {col}"),
            }
        }
    }
}

/// The gate's cell holds whether it is met in the base case; set to FALSE, the gated tranche
/// puts up nothing, the others put up its share (each year's parts still add up to the
/// investment) and it gets nothing back.
#[test]
fn a_missed_gate_in_its_cell_moves_the_committed_shares() {
    let dir = common::Files::new(&[]);
    let (mut m, _, json) = workbook(FILES[1], &dir);
    let s = sheet(&m, "Contracts");
    let junior = (1..400)
        .find(|&r| text(&m, s, r, 1) == "Fond junior" && text(&m, s, r, 2) == "junior")
        .unwrap();
    assert_eq!(
        m.get_cell_value_by_index(s, junior, 5).unwrap(),
        CellValue::Boolean(true)
    );
    m.set_user_input(s, junior, 5, "FALSE".into()).unwrap();
    m.evaluate();
    let top = junior - 2;
    let names: Vec<&str> = (json["contracts"][0]["stack"].as_array().unwrap().iter())
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    let put: Vec<i32> = (names.iter())
        .map(|n| row(&m, s, top, "Part of the investment, kr.", n))
        .collect();
    let got = row(&m, s, top, "Received by the waterfall, kr.", "Fond junior");
    let inv = (1..top)
        .find(|&r| text(&m, s, r, 1) == "Invested by the investor, kr.")
        .unwrap_or_else(|| panic!("no investment row"));
    let years = json["horizon"].as_u64().unwrap() as i32;
    for t in 0..years {
        let c = 3 + t;
        assert_eq!(number(&m, s, put[1], c), 0.0);
        assert_eq!(number(&m, s, got, c), 0.0);
        let parts = number(&m, s, put[0], c) + number(&m, s, put[2], c);
        ore(parts, number(&m, s, inv, c), &format!("year {t}"));
        // DSI's 50% and VELUX's 30% become 5/8 and 3/8 of every year's investment.
        ore(
            number(&m, s, put[0], c),
            number(&m, s, inv, c) * 0.625,
            "DSI's part",
        );
    }
    assert!(number(&m, s, put[0], 4) > 0.0);
}

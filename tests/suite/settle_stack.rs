//! `somsim settle` on a contract with a capital stack: each observed year's investment, fee
//! and payment shared among the tranches by the waterfall, against a hand-worked statement of
//! `contracts/intensive-dsi-gated.yaml` with its junior tranche's gate missed and met, to the
//! øre, in the statement, the JSON and the CSV.

use rust_decimal::Decimal;
use somsim::contracts::settle;
use somsim::input::actuals;
use somsim::model::Model;

use super::common;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn gated() -> std::path::PathBuf {
    common::root().join("contracts/intensive-dsi-gated.yaml")
}

/// The shipped example's actuals, with Kolding's 2025 completers set to `kolding`.
fn actuals(kolding: u32) -> String {
    let text =
        std::fs::read_to_string(common::root().join("contracts/actuals/intensive-dsi-2026.csv"))
            .unwrap();
    text.replace(
        "Kolding,2025,2,16,12,",
        &format!("Kolding,2025,2,16,{kolding},"),
    )
}

/// The statement of the gated contract on `text`.
fn statement(text: &str) -> settle::Statement {
    let dir = common::Files::new(&[("a.csv", text)]);
    let model = Model::load(&gated()).unwrap();
    let ledger = somsim::ledger::compute(&model).unwrap();
    let a = actuals::read_file(&dir.path("a.csv")).unwrap();
    settle::statement(&model, 0, &ledger.contracts[0], &a).unwrap()
}

/// The JSON of `somsim settle` of the gated contract on the actuals at `a`.
fn settled_json(a: &std::path::Path) -> serde_json::Value {
    let args = [
        "settle",
        "--trials",
        "100",
        "--actuals",
        a.to_str().unwrap(),
    ];
    common::json(&args, &gated())
}

#[test]
fn a_missed_gate_leaves_the_observed_years_to_the_committed_tranches() {
    // 2025's completers are 18 + 12 + 17 + 12 = 59, short of the junior gate's 60: DSI (50%)
    // and VELUX (30%) put up all of both years' 864,928.05, 5/8 and 3/8.
    let s = statement(&actuals(12));
    let i = d("864928.05");
    assert_eq!(s.invested, vec![i, i]);
    let [senior, junior, velux] = &s.tranches[..] else {
        panic!("three tranches")
    };
    // 864,928.05 x 5/8 = 540,580.03125, to the øre 540,580.03; VELUX the rest, 324,348.02.
    assert_eq!(senior.invested, vec![d("540580.03"); 2]);
    assert_eq!(velux.invested, vec![d("324348.02"); 2]);
    assert_eq!(junior.invested, vec![d("0"); 2]);
    assert_eq!(junior.gate_met, Some(false));
    assert_eq!((senior.gate_met, velux.gate_met), (None, None));
    // The fee, 1% of the capital outstanding: 8,649.28 in 2025 (of 864,928.05) and 17,298.56
    // in 2026 (of 1,729,856.10, nothing received in 2025), 5/8 and the rest.
    assert_eq!(senior.fee, vec![d("5405.80"), d("10811.60")]);
    assert_eq!(velux.fee, vec![d("3243.48"), d("6486.96")]);
    // 2026's payment, 828,240.00, is less than the senior claim (540,580.03 + 5,405.80 +
    // 540,580.03 + 10,811.60 = 1,097,377.46): all of it to DSI, nothing to VELUX.
    assert_eq!(s.paid[1], d("828240"));
    assert_eq!(senior.received, vec![d("0"), d("828240")]);
    assert_eq!(velux.received, vec![d("0"); 2]);
    assert_eq!(junior.received, vec![d("0"); 2]);
}

#[test]
fn a_met_gate_commits_its_tranche_from_its_year() {
    // Kolding's 2025 completers 13: 60 in all, the gate met. 2025 as before (the junior
    // tranche is committed from 2026); 2026 by 50/20/30: 432,464.025 to the even øre
    // 432,464.02, 172,985.61, and VELUX the rest, 259,478.42.
    let text = actuals(13);
    let s = statement(&text);
    let i = s.invested[1];
    assert_eq!(i, d("864928.05"));
    let [senior, junior, velux] = &s.tranches[..] else {
        panic!("three tranches")
    };
    assert_eq!(junior.gate_met, Some(true));
    assert_eq!(senior.invested, vec![d("540580.03"), d("432464.02")]);
    assert_eq!(junior.invested, vec![d("0"), d("172985.61")]);
    assert_eq!(velux.invested, vec![d("324348.02"), d("259478.42")]);
    // The 2026 fee of 17,298.56 the same way: 8,649.28, 3,459.71 (17,298.56 x 0.2 = 3,459.712),
    // and the rest, 5,189.57.
    assert_eq!(senior.fee[1], d("8649.28"));
    assert_eq!(junior.fee[1], d("3459.71"));
    assert_eq!(velux.fee[1], d("5189.57"));
    // Every year's parts add up to the whole.
    for t in 0..2 {
        let sum = |f: fn(&settle::TrancheStatement) -> &Vec<Decimal>| -> Decimal {
            s.tranches.iter().map(|tr| f(tr)[t]).sum()
        };
        assert_eq!(sum(|tr| &tr.invested), s.invested[t]);
        assert_eq!(sum(|tr| &tr.received), s.paid[t]);
    }
    // What the senior tranche got in 2026 is the payment, below its claim; the JSON and the
    // CSV say the same to the øre.
    assert_eq!(senior.received[1], s.paid[1]);
    let dir = common::Files::new(&[("a.csv", &text)]);
    let a = dir.path("a.csv");
    let json = settled_json(&a);
    let tr = &json["statement"]["tranches"];
    assert_eq!(tr[1]["name"], "Fond junior");
    assert_eq!(tr[1]["gate_met"], true);
    assert_eq!(tr[1]["years"][1]["invested"].as_f64().unwrap(), 172985.61);
    assert_eq!(tr[1]["years"][1]["fee"].as_f64().unwrap(), 3459.71);
    assert_eq!(tr[1]["years"][1]["net"].as_f64().unwrap(), -176445.32);
    assert_eq!(tr[0]["received"].as_f64().unwrap(), 828240.0);
    let csv = common::succeed(
        common::somsim()
            .args(["settle", "--trials", "100", "--format", "csv", "--actuals"])
            .arg(&a)
            .arg(gated()),
    );
    assert!(csv.contains("statement,tranche_invested[VELUX first loss],2026,259478.42\n"));
    assert!(csv.contains("statement,tranche_gate_met[Fond junior],,true\n"));
}

/// The settlement's page shows each tranche's yearly parts, every one the JSON's value, in
/// Danish and in English, and its gate as observed.
#[test]
fn the_page_shows_the_tranches_as_its_json_says() {
    use super::report::{numbers_match, read_page, self_contained};
    use somsim::report::locale::Lang;
    let dir = common::Files::new(&[]);
    let a = common::root().join("contracts/actuals/intensive-dsi-2026.csv");
    let settled = |args: &[&str], name: &str| {
        let out = dir.path(name);
        common::succeed(
            common::somsim()
                .args(["settle", "--trials", "100", "--actuals"])
                .arg(&a)
                .args(args)
                .arg("-o")
                .arg(&out)
                .arg(gated()),
        );
        std::fs::read_to_string(out).unwrap()
    };
    let json: serde_json::Value =
        serde_json::from_str(&settled(&["--format", "json"], "s.json")).unwrap();
    for (lang, args, gate) in [
        (Lang::Da, vec!["--format", "html"], "ikke opfyldt"),
        (Lang::En, vec!["--format", "html", "--lang", "en"], "missed"),
    ] {
        let html = settled(&args, "s.html");
        self_contained(&html);
        let (printed, _) = read_page(&html);
        numbers_match(lang, &printed, &json);
        for i in 0..3 {
            for t in 0..2 {
                for key in ["invested", "fee", "received"] {
                    let pointer = format!("/statement/tranches/{i}/years/{t}/{key}");
                    assert!(printed.iter().any(|p| p.pointer == pointer), "{pointer}");
                }
            }
        }
        assert!(html.contains(gate), "{gate}");
    }
}

/// The settlement's workbook has the waterfall below the statement as formulas of its invested
/// and payers' columns: recalculated in IronCalc, every cell is the engine's and each
/// tranche's yearly parts are the JSON's, to the øre, with the gate missed and met.
#[test]
fn the_workbook_waterfall_recalculates_to_the_statement() {
    use crate::common::sheet::{number, text};
    use ironcalc::base::cell::CellValue;
    for kolding in [12, 13] {
        let dir = common::Files::new(&[("a.csv", &actuals(kolding))]);
        let a = dir.path("a.csv");
        let out = dir.path("s.xlsx");
        common::succeed(
            common::somsim()
                .args(["settle", "--trials", "100", "--format", "xlsx", "-o"])
                .arg(&out)
                .arg("--actuals")
                .arg(&a)
                .arg(gated()),
        );
        let json = settled_json(&a);
        let load =
            || ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
        let cached = load();
        let mut m = load();
        m.evaluate();
        for c in cached.get_all_cells().into_iter().filter(|c| c.index == 0) {
            let (x, y) = (
                cached.get_cell_value_by_index(0, c.row, c.column).unwrap(),
                m.get_cell_value_by_index(0, c.row, c.column).unwrap(),
            );
            match (&x, &y) {
                (CellValue::Number(x), CellValue::Number(y)) => {
                    assert!(
                        (x - y).abs() < 0.005,
                        "row {} column {}: {x} {y}",
                        c.row,
                        c.column
                    )
                }
                _ => assert_eq!(x, y, "row {} column {}", c.row, c.column),
            }
        }
        let top = (1..300)
            .find(|&r| text(&m, 0, r, 1) == "Capital stack: the waterfall")
            .expect("the stack's block");
        let find = |label: &str, name: &str| {
            (top..top + 200)
                .find(|&r| text(&m, 0, r, 1) == label && text(&m, 0, r, 2) == name)
                .unwrap_or_else(|| panic!("{label} {name}"))
        };
        for tr in json["statement"]["tranches"].as_array().unwrap() {
            let name = tr["name"].as_str().unwrap();
            for (label, key) in [
                ("Part of the investment, kr.", "invested"),
                ("Part of the fee, kr.", "fee"),
                ("Received by the waterfall, kr.", "received"),
            ] {
                let r = find(label, name);
                for (t, y) in tr["years"].as_array().unwrap().iter().enumerate() {
                    let (got, want) = (number(&m, 0, r, 3 + t as i32), y[key].as_f64().unwrap());
                    assert!(
                        (got - want).abs() < 0.005,
                        "{kolding} {name} {key} {t}: {got} {want}"
                    );
                }
            }
        }
    }
}

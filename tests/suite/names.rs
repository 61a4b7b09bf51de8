//! Names are data, never syntax: a scenario whose municipalities, payers, perspectives, cost
//! lines, outcomes, transfers and inputs are named as a spreadsheet would misread them (`K*`,
//! `K?ge`, `<>Kolding`, `=1+1`, `Æble` beside `æble`, 300 characters, `History`,
//! `_xlnm.Print_Area`, quotes, `;`), with enough payers, transfers and lines that its sums pass
//! Excel's limits on a formula. Its workbook is written, opens with legal sheet and defined
//! names, holds no name in a formula, and recalculates to the engine's values, in IronCalc and,
//! when `SOMSIM_LIBREOFFICE` is set (CI sets it), in LibreOffice. Its CSV opened by LibreOffice
//! with `;` as the separator (as a Danish Excel opens it) holds no formula.

use crate::common;

use std::collections::HashSet;
use std::path::Path;

use ironcalc::base::{Model, cell::CellValue, types::CellType};

/// A name of 300 characters.
fn long(what: &str) -> String {
    let mut s = format!("{what}: ");
    while s.chars().count() < 300 {
        s.push_str("en meget lang kommune med æ, ø og å ");
    }
    s.chars().take(300).collect()
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Payers besides the built-in ones: hostile, and enough of them that the `all`
/// perspective's present values pass 8,192 characters as one formula.
fn payers() -> Vec<String> {
    let mut p: Vec<String> = ["K*", "Æble", "æble", "_xlnm.Print_Area", "History", "=1+1"]
        .map(String::from)
        .to_vec();
    p.push("<>kommune".into());
    p.push(long("payer"));
    p.extend((1..=35).map(|i| format!("fond*{i:02}")));
    p
}

const MUNICIPALITIES: [&str; 12] = [
    "K*",
    "K?ge",
    "Kolding",
    "<>Kolding",
    "=1+1",
    "Æble",
    "æble",
    "History",
    "_xlnm.Print_Area",
    "O'Brien \"x\"; y",
    "a;=1+1",
    "~K",
];

/// Shares of an outcome over every payer, summing to exactly 1: kommune 0.1, each of the
/// other 45 payers 0.02.
fn every_payer(payers: &[String]) -> String {
    assert_eq!(payers.len(), 43);
    let mut parts = vec![
        "kommune: 0.1".to_owned(),
        "region: 0.02".into(),
        "stat: 0.02".into(),
    ];
    parts.extend(payers.iter().map(|p| format!("{}: 0.02", q(p))));
    format!("{{ {} }}", parts.join(", "))
}

fn scenario() -> String {
    let payers = payers();
    let mut munis: Vec<String> = MUNICIPALITIES.map(String::from).to_vec();
    munis.push(long("kommune"));
    let mut y = vec![
        format!("name: {}", q("=HYPERLINK(\"http://x\";\"y\") K* <>Kolding")),
        "start_year: 2025\nhorizon: 3\nprice_year: 2025".into(),
        format!(
            "payers: [{}]",
            payers.iter().map(|p| q(p)).collect::<Vec<_>>().join(", ")
        ),
        format!(
            "perspectives:\n  History: [\"K*\"]\n  _xlnm.Print_Area: [\"Æble\", \"æble\"]\n  \"K?ge\": [\"=1+1\", kommune]\n  {}: [{}]",
            q(&long("perspective")),
            q(&long("payer"))
        ),
        "discounting: { rate: 0.035 }".into(),
        "course: { participants_per_course: { uniform: [7, 9], name: \"æble\" }, completion_rate: { uniform: [0.6, 0.8], name: \"Æble\" }, peers_per_course: 2, volunteer_turnover: 0.5 }".into(),
        "municipalities:".into(),
    ];
    for (i, m) in munis.iter().enumerate() {
        y.push(format!(
            "  - {{ name: {}, courses: [{}, {}, 3] }}",
            q(m),
            1 + i % 3,
            2 + i % 2
        ));
    }
    y.push("costs:".into());
    y.extend([
        format!("  - {{ name: {}, driver: per_course, unit_cost: {{ uniform: [4000, 6000], name: _xlnm.Print_Area }}, payer: kommune }}", q("K*")),
        format!("  - {{ name: {}, driver: per_year, unit_cost: {{ uniform: [100000, 200000], name: {} }}, payer: {}, shared: {{ {}: 0.5, {}: 0.5 }} }}", q("=1+1"), q(&long("input")), q("K*"), q("K*"), q("K?ge")),
        format!("  - {{ name: {}, driver: per_participant, unit_cost: {{ uniform: [100, 200], name: R1abc }}, payer: {} }}", q(&long("cost")), q("Æble")),
        format!("  - {{ name: {}, driver: per_completer, unit_cost: 300, payer: {} }}", q("<>Kolding"), q("æble")),
        format!("  - {{ name: History, driver: one_off, years: 2025, unit_cost: {{ uniform: [1000, 3000], name: History }}, payer: {}, national: true }}", q(&long("payer"))),
        format!("  - {{ name: {}, driver: per_year, unit_cost: {{ uniform: [5000, 7000], name: print_area }}, payer: {}, municipality: {} }}", q("a;=1+1"), q("=1+1"), q("~K")),
    ]);
    // Enough transfers into one ledger cell (national, kommune, 2025) to pass 500 terms.
    y.push("transfers:".into());
    for i in 0..520 {
        let from = &payers[i % payers.len()];
        y.push(format!(
            "  - {{ name: {}, from: {}, to: kommune, amount: {}, years: 2025 }}",
            q(&format!("=HYPERLINK(\"x\") {i}")),
            q(from),
            1000 + i
        ));
    }
    // Two transfer-class outcomes over every payer: the Society sheet's transfer class
    // sums 2 × 14 × 46 terms a year.
    let shares = every_payer(&payers);
    y.push("outcomes:".into());
    y.extend([
        format!("  - {{ name: {}, class: transfer, baseline: 10, effect: {{ uniform: [-0.2, 0], name: {} }}, profile: [1, 0.5], unit_price: 600, payers: {shares} }}", q("K?ge"), q("K*")),
        format!("  - {{ name: {}, class: transfer, baseline: 5, effect: {{ uniform: [-0.2, 0], name: A1 }}, profile: [1], unit_price: 400, payers: {shares} }}", q("Æble")),
        format!("  - {{ name: {}, baseline: 5, effect: {{ uniform: [-0.2, 0], name: \"TRUE\" }}, profile: [1, 1], unit_price: 400, payers: {{ region: 1 }} }}", q("æble")),
    ]);
    y.join("\n") + "\n"
}

/// The scenario's files, in a temporary folder.
fn files() -> common::Files {
    common::Files::new(&[("s.yaml", &scenario())])
}

fn text(m: &Model, sheet: u32, row: i32, col: i32) -> String {
    match m.get_cell_value_by_index(sheet, row, col).unwrap() {
        CellValue::String(s) => s,
        CellValue::Number(x) => x.to_string(),
        other => format!("{other:?}"),
    }
}

fn number(m: &Model, sheet: u32, row: i32, col: i32) -> f64 {
    match m.get_cell_value_by_index(sheet, row, col).unwrap() {
        CellValue::Number(x) => x,
        other => panic!("sheet {sheet} row {row} column {col}: {other:?}"),
    }
}

fn sheet(m: &Model, name: &str) -> u32 {
    let names = m.workbook.get_worksheet_names();
    (names.iter().position(|n| n == name)).unwrap_or_else(|| panic!("no sheet {name}: {names:?}"))
        as u32
}

/// Every cell's value, by (sheet, row, column).
fn values(m: &Model) -> Vec<((u32, i32, i32), CellValue)> {
    (m.get_all_cells().into_iter())
        .map(|c| (c.index, c.row, c.column))
        .map(|(s, r, c)| ((s, r, c), m.get_cell_value_by_index(s, r, c).unwrap()))
        .collect()
}

/// The formula of every formula cell, by (sheet, row, column).
fn formulas(m: &Model) -> Vec<((u32, i32, i32), String)> {
    (m.get_all_cells().into_iter())
        .filter_map(|c| {
            let f = m.get_cell_formula(c.index, c.row, c.column).unwrap()?;
            Some(((c.index, c.row, c.column), f))
        })
        .collect()
}

/// `a` and `b` agree as a workbook's values do: numbers to the øre (or 1e-12 relative).
fn same(a: &CellValue, b: &CellValue) -> bool {
    match (a, b) {
        (CellValue::Number(a), CellValue::Number(b)) => {
            (a - b).abs() <= 0.005f64.max(1e-12 * b.abs())
        }
        _ => a == b,
    }
}

/// Write the scenario's run workbook (and its JSON), asserting success.
fn run_workbook(dir: &common::Files) -> (std::path::PathBuf, serde_json::Value) {
    let out = dir.path("w.xlsx");
    let scenario = dir.path("s.yaml");
    common::succeed(
        common::somsim()
            .args(["run", "--trials", "0", "--format", "xlsx", "-o"])
            .arg(&out)
            .arg(&scenario),
    );
    (out, common::run_json(&["--trials", "0"], &scenario))
}

fn load(path: &Path) -> Model<'static> {
    ironcalc::import::load_from_xlsx(path.to_str().unwrap(), "en", "UTC", "en").unwrap()
}

/// The perspectives, the ledger and the budget hold the engine's values.
fn check_against_the_engine(m: &Model, json: &serde_json::Value) {
    let per = sheet(m, "Perspectives");
    let persp = json["base"]["perspectives"].as_object().unwrap();
    for (j, (name, p)) in persp.iter().enumerate() {
        let row = 5 + j as i32;
        assert_eq!(&text(m, per, row, 1), name);
        for (col, field) in [(3, "npv"), (4, "pv_benefits"), (5, "pv_net_cost")] {
            let (got, exact) = (number(m, per, row, col), p[field].as_f64().unwrap());
            assert!(
                (got - exact).abs() < 0.005,
                "{name} {field}: {got} against {exact}"
            );
        }
    }
    let ledger = sheet(m, "Ledger");
    let column = |name: &str| {
        (1..200)
            .find(|&c| text(m, ledger, 4, c) == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let net = column("Net");
    let rows = json["base"]["ledger"].as_array().unwrap();
    let start = json["start_year"].as_i64().unwrap();
    let mut budget: Vec<((String, String), [f64; 3])> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let row = 5 + i as i32;
        let (muni, payer) = (
            r["municipality"].as_str().unwrap(),
            r["payer"].as_str().unwrap(),
        );
        assert_eq!(text(m, ledger, row, 2), muni);
        assert_eq!(text(m, ledger, row, 3), payer);
        let (got, exact) = (number(m, ledger, row, net), r["net"].as_f64().unwrap());
        assert!(
            (got - exact).abs() < 0.005,
            "ledger row {i}: {got} against {exact}"
        );
        // The budget's rows: one per municipality (by its place, not its name)
        // and payer.
        let key = (
            format!(
                "{}#{muni}",
                number(m, ledger, row, column("Municipality no."))
            ),
            payer.to_owned(),
        );
        let t = (r["year"].as_i64().unwrap() - start) as usize;
        match budget.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v[t] += exact,
            None => {
                let mut v = [0.0; 3];
                v[t] = exact;
                budget.push((key, v));
            }
        }
    }
    let b = sheet(m, "Budget");
    for (i, ((muni, payer), v)) in budget.iter().enumerate() {
        let row = 5 + i as i32;
        assert_eq!(&text(m, b, row, 1), muni.split_once('#').unwrap().1);
        assert_eq!(&text(m, b, row, 2), payer);
        for (t, exact) in v.iter().enumerate() {
            let got = number(m, b, row, 3 + t as i32);
            assert!(
                (got - exact).abs() < 0.01,
                "budget {muni} {payer} {t}: {got} against {exact}"
            );
        }
    }
}

#[test]
fn hostile_names_give_a_workbook_that_recalculates_to_the_engine_in_ironcalc() {
    let dir = files();
    let (path, json) = run_workbook(&dir);
    let mut m = load(&path);
    check_against_the_engine(&m, &json);

    // Sheet names: legal, none reserved, all different as Excel compares them.
    let names = m.workbook.get_worksheet_names();
    let folded: HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(folded.len(), names.len());
    for n in &names {
        rust_xlsxwriter::utility::check_sheet_name(n).unwrap();
        assert_ne!(n.to_lowercase(), "history");
    }
    // Defined names: one per input, legal, all different as Excel compares them, none of
    // Excel's reserved ones, each the input's mean.
    let inputs = json["inputs"].as_array().unwrap();
    let defined: Vec<_> = (m.workbook.defined_names.iter())
        .filter(|d| !d.name.starts_with("_xlnm."))
        .cloned()
        .collect();
    assert_eq!(defined.len(), inputs.len());
    let folded: HashSet<String> = defined
        .iter()
        .map(|d| d.name.to_uppercase().to_lowercase())
        .collect();
    assert_eq!(folded.len(), defined.len());
    for d in &defined {
        rust_xlsxwriter::utility::check_name(&d.name).unwrap();
        let folded = d.name.to_lowercase();
        assert!(
            !folded.starts_with("_xlnm.") && folded != "print_area",
            "{}",
            d.name
        );
    }
    // No formula holds a name, or any text but the workbook's own words; none is longer than
    // Excel's 8,192 characters, or holds more than 500 references.
    let all = formulas(&m);
    assert!(all.len() > 10_000, "{} formulas", all.len());
    for ((s, r, c), f) in &all {
        assert!(
            f.chars().count() <= 8_192,
            "sheet {s} row {r} column {c}: {} characters",
            f.len()
        );
        assert!(
            f.matches('!').count() <= 501,
            "sheet {s} row {r} column {c}: {f}"
        );
        let literals: Vec<&str> = f.split('"').skip(1).step_by(2).collect();
        for l in literals {
            assert!(
                ["", ">0", "undefined", "none"].contains(&l),
                "sheet {s} row {r} column {c}: \"{l}\" in {f}"
            );
        }
    }
    // The long sums were added up in parts.
    for name in ["Ledger", "Society", "Perspectives"] {
        let s = sheet(&m, name);
        assert!(
            (1..300).any(|c| text(&m, s, 4, c) == "Parts of long sums"),
            "{name}: no parts of long sums"
        );
    }

    // Recalculated, every cell is what the file holds.
    let cached = values(&m);
    // The inputs' defined names work in a formula typed into the workbook (checked below).
    let inp = sheet(&m, "Inputs");
    for (i, d) in defined.iter().enumerate() {
        m.set_user_input(inp, 500 + i as i32, 20, format!("={}", d.name))
            .unwrap();
    }
    m.evaluate();
    for c in m.get_all_cells() {
        let cell = m
            .workbook
            .worksheet(c.index)
            .unwrap()
            .cell(c.row, c.column)
            .unwrap();
        assert_ne!(
            cell.get_type(),
            CellType::ErrorValue,
            "sheet {} row {} column {}",
            c.index,
            c.row,
            c.column
        );
    }
    for ((s, r, c), value) in &cached {
        let now = m.get_cell_value_by_index(*s, *r, *c).unwrap();
        assert!(
            same(value, &now),
            "sheet {} row {r} column {c}: cached {value:?}, recalculated {now:?}",
            names[*s as usize]
        );
    }
    check_against_the_engine(&m, &json);

    for (i, d) in defined.iter().enumerate() {
        let input = (inputs.iter())
            .position(|v| {
                (5..200).any(|r| {
                    text(&m, inp, r, 1) == v["name"].as_str().unwrap()
                        && d.formula.ends_with(&format!("${r}"))
                })
            })
            .unwrap_or_else(|| panic!("{}: no input's row ({})", d.name, d.formula));
        let mean = inputs[input]["mean"].as_f64().unwrap();
        let got = number(&m, inp, 500 + i as i32, 20);
        assert!(
            (got - mean).abs() <= 1e-12 * (1.0 + mean.abs()),
            "{}",
            d.name
        );
    }
}

#[test]
fn hostile_perspectives_give_legal_sheets_in_the_sensitivity_workbook() {
    let dir = files();
    let out = dir.path("s.xlsx");
    common::succeed(
        common::somsim()
            .args(["sensitivity", "--trials", "200", "--format", "xlsx", "-o"])
            .arg(&out)
            .arg(dir.path("s.yaml")),
    );
    let m = load(&out);
    let names = m.workbook.get_worksheet_names();
    assert!(names.contains(&"History (2)".to_owned()), "{names:?}");
    assert!(names.contains(&"_xlnm.Print_Area".to_owned()), "{names:?}");
    let folded: HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(folded.len(), names.len());
    for n in &names {
        rust_xlsxwriter::utility::check_sheet_name(n).unwrap();
    }
}

/// LibreOffice (`soffice`), when `SOMSIM_LIBREOFFICE` asks for it: `None` (and a note) when
/// not asked.
pub(super) fn libreoffice() -> Option<String> {
    if std::env::var_os("SOMSIM_LIBREOFFICE").is_none() {
        // Past the test harness's capture, so that `cargo test` shows it.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "names.rs: LibreOffice test skipped: set SOMSIM_LIBREOFFICE=1 (with LibreOffice's soffice on the path) to run it"
        );
        return None;
    }
    let soffice = std::env::var("SOMSIM_SOFFICE").unwrap_or_else(|_| "soffice".into());
    let found = std::process::Command::new(&soffice)
        .arg("--version")
        .output();
    assert!(
        found.as_ref().is_ok_and(|o| o.status.success()),
        "SOMSIM_LIBREOFFICE is set but {soffice} does not run: {found:?}"
    );
    Some(soffice)
}

/// Convert `files` to xlsx with LibreOffice headless into `out`, in a fresh profile that
/// recalculates every formula on loading (LibreOffice keeps a file's cached values unless told
/// otherwise); `infilter`: the import filter and its options, for a CSV.
pub(super) fn convert(soffice: &str, files: &[&Path], out: &Path, infilter: Option<&str>) {
    let profile = tempfile::tempdir().unwrap();
    let user = profile.path().join("user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    let mut cmd = std::process::Command::new(soffice);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.path().display()
    ))
    .args(["--headless", "--norestore"]);
    if let Some(f) = infilter {
        cmd.arg(format!("--infilter={f}"));
    }
    cmd.args(["--convert-to", "xlsx", "--outdir"])
        .arg(out)
        .args(files);
    let o = cmd.output().expect("soffice runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn hostile_names_give_a_workbook_and_csv_that_libreoffice_reads_right() {
    let Some(soffice) = libreoffice() else { return };
    let dir = files();
    let (path, json) = run_workbook(&dir);
    // A check that LibreOffice recalculates: a formula whose cached result is wrong.
    let canary = dir.path("canary.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet()
        .write_formula(0, 0, rust_xlsxwriter::Formula::new("=1+1").set_result("7"))
        .unwrap();
    wb.save(&canary).unwrap();
    let out = dir.path("libreoffice");
    let started = std::time::Instant::now();
    convert(&soffice, &[&path, &canary], &out, None);
    eprintln!(
        "LibreOffice converted the workbook in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(
        number(&load(&out.join("canary.xlsx")), 0, 1, 1),
        2.0,
        "LibreOffice did not recalculate"
    );

    let ours = load(&path);
    let theirs = load(&out.join("w.xlsx"));
    assert_eq!(
        ours.workbook.get_worksheet_names(),
        theirs.workbook.get_worksheet_names()
    );
    let sheets = ours.workbook.get_worksheet_names();
    let mut checked = 0;
    for ((s, r, c), _) in formulas(&ours) {
        let (a, b) = (
            ours.get_cell_value_by_index(s, r, c).unwrap(),
            theirs.get_cell_value_by_index(s, r, c).unwrap(),
        );
        assert!(
            same(&a, &b),
            "LibreOffice: sheet {} row {r} column {c}: cached {a:?}, recalculated {b:?}",
            sheets[s as usize]
        );
        checked += 1;
    }
    assert!(checked > 10_000);
    check_against_the_engine(&theirs, &json);

    // The ledger as CSV, opened as a Danish Excel opens it (`;` between columns): no cell is a
    // formula, and the names' pieces after a `;` are text.
    let csv = dir.path("ledger.csv");
    let text_out = common::succeed(
        common::somsim()
            .args(["run", "--trials", "0", "--format", "csv", "--ledger"])
            .arg(dir.path("s.yaml")),
    );
    std::fs::write(&csv, &text_out).unwrap();
    let out = dir.path("csv");
    // `;` as the separator, `"` around text, UTF-8, from line 1, formulas evaluated.
    convert(
        &soffice,
        &[&csv],
        &out,
        Some("CSV:59,34,76,1,,1033,false,false,false,false,false,-1,true"),
    );
    let m = load(&out.join("ledger.xlsx"));
    assert!(
        formulas(&m).is_empty(),
        "formulas in the CSV: {:?}",
        &formulas(&m)[..1]
    );
    let cells = values(&m);
    assert!(
        (cells.iter()).any(|(_, v)| matches!(v, CellValue::String(s) if s.starts_with("'=1+1,"))),
        "no cell from a;=1+1"
    );
}

//! `--format xlsx`: the workbook, recalculated by an independent spreadsheet engine (IronCalc),
//! gives the exact ledger's results to the øre, on every shipped scenario; changing a ledger
//! amount in the workbook moves the results as the formulas say.

mod common;

use ironcalc::base::{Model, cell::CellValue, types::CellType};

/// Write the run's workbook and load it into the spreadsheet engine, recalculated.
fn workbook(file: &str, dir: &common::Files) -> (Model<'static>, serde_json::Value) {
    let path = common::root().join(file);
    let out = dir.path("w.xlsx");
    common::succeed(
        common::somsim()
            .args(["run", "--trials", "200", "--format", "xlsx", "-o"])
            .arg(&out)
            .arg(&path),
    );
    let json = common::run_json(&["--trials", "200"], &path);
    let mut m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    m.evaluate();
    (m, json)
}

fn number(m: &Model, sheet: u32, row: i32, col: i32) -> f64 {
    match m.get_cell_value_by_index(sheet, row, col).unwrap() {
        CellValue::Number(x) => x,
        other => panic!("sheet {sheet} row {row} column {col}: {other:?}"),
    }
}

fn text(m: &Model, sheet: u32, row: i32, col: i32) -> String {
    match m.get_cell_value_by_index(sheet, row, col).unwrap() {
        CellValue::String(s) => s,
        CellValue::Number(x) => x.to_string(),
        other => format!("{other:?}"),
    }
}

/// No formula anywhere evaluates to an error.
fn no_errors(m: &Model) {
    for c in m.get_all_cells() {
        let cell = m.workbook.worksheet(c.index).unwrap().cell(c.row, c.column);
        if let Some(cell) = cell {
            assert_ne!(
                cell.get_type(),
                CellType::ErrorValue,
                "sheet {} row {} column {}",
                c.index,
                c.row,
                c.column
            );
        }
    }
}

/// Sheets: 0 Perspectives, 1 Budget, 2 Ledger, 3 Discounting. The perspectives' summary is at rows 5..
/// (1-based), columns C-G: NPV, PV benefits, PV net cost, ROI, break-even year.
fn check_against_the_ledger(m: &Model, json: &serde_json::Value) {
    let persp = json["base"]["perspectives"].as_object().unwrap();
    for (j, (name, p)) in persp.iter().enumerate() {
        let row = 5 + j as i32;
        assert_eq!(&text(m, 0, row, 1), name);
        for (col, field) in [(3, "npv"), (4, "pv_benefits"), (5, "pv_net_cost")] {
            let exact = p[field].as_f64().unwrap();
            let got = number(m, 0, row, col);
            assert!(
                (got - exact).abs() < 0.005,
                "{name} {field}: {got} against {exact}"
            );
        }
        match p["roi"].as_f64() {
            Some(roi) => assert!((number(m, 0, row, 6) - roi).abs() < 1e-9, "{name} roi"),
            None => assert_eq!(text(m, 0, row, 6), ""),
        }
        // A perspective whose cumulative result is within half an øre of zero in every year
        // has no break-even a spreadsheet can decide: the sign of a sub-øre amount (the exact
        // ledger's 10^-20 kr.) is below what f64 cells keep. Skip it.
        let knife_edge = (p["years"].as_array().unwrap().iter())
            .all(|y| y["cumulative_discounted_net"].as_f64().unwrap().abs() < 0.005);
        if knife_edge {
            continue;
        }
        match p["break_even_year"].as_i64() {
            Some(y) => assert_eq!(number(m, 0, row, 7), y as f64, "{name} break-even"),
            None => assert_eq!(text(m, 0, row, 7), "none", "{name} break-even"),
        }
    }
    // Every ledger row's net, to the øre.
    for (i, r) in json["base"]["ledger"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let row = 5 + i as i32;
        let got = number(m, 2, row, 8);
        let exact = r["net"].as_f64().unwrap();
        assert!(
            (got - exact).abs() < 0.005,
            "ledger row {i}: {got} against {exact}"
        );
        let df = number(m, 2, row, 9);
        assert!((df - r["discount_factor"].as_f64().unwrap()).abs() < 1e-12);
    }
}

/// The budget sheet: per municipality and payer, the first four years' net.
fn check_the_budget(m: &Model, json: &serde_json::Value) {
    let start = json["start_year"].as_i64().unwrap();
    let mut sums: Vec<((String, String), [f64; 4])> = Vec::new();
    for r in json["base"]["ledger"].as_array().unwrap() {
        let t = (r["year"].as_i64().unwrap() - start) as usize;
        if t >= 4 {
            continue;
        }
        let key = (
            r["municipality"].as_str().unwrap().to_owned(),
            r["payer"].as_str().unwrap().to_owned(),
        );
        let i = match sums.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                sums.push((key, [0.0; 4]));
                sums.len() - 1
            }
        };
        sums[i].1[t] += r["net"].as_f64().unwrap();
    }
    for (i, ((muni, payer), v)) in sums.iter().enumerate() {
        let row = 5 + i as i32;
        assert_eq!(&text(m, 1, row, 1), muni);
        assert_eq!(&text(m, 1, row, 2), payer);
        for (t, exact) in v.iter().enumerate() {
            let got = number(m, 1, row, 3 + t as i32);
            assert!(
                (got - exact).abs() < 0.01,
                "{muni} {payer} {t}: {got} against {exact}"
            );
        }
    }
}

#[test]
fn the_recalculated_workbook_matches_the_exact_ledger_on_every_shipped_scenario() {
    let mut files: Vec<String> = std::fs::read_dir(common::root().join("scenarios"))
        .unwrap()
        .map(|e| format!("scenarios/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    files.push("contracts/intensive-dsi.yaml".into());
    for file in files {
        let dir = common::Files::new(&[]);
        let (m, json) = workbook(&file, &dir);
        no_errors(&m);
        check_against_the_ledger(&m, &json);
        check_the_budget(&m, &json);
    }
}

#[test]
fn a_changed_ledger_amount_moves_the_results() {
    let dir = common::Files::new(&[]);
    let (mut m, json) = workbook("scenarios/intensive.yaml", &dir);
    // Ledger row 5 (the first): add 1,000,000 kr. of avoided cost in the first year.
    let payer = text(&m, 2, 5, 3);
    let before = number(&m, 0, 5, 3);
    let avoided = number(&m, 2, 5, 5);
    m.set_user_input(2, 5, 5, format!("{}", avoided + 1e6))
        .unwrap();
    m.evaluate();
    let persp = json["base"]["perspectives"].as_object().unwrap();
    let (first_name, first) = persp.iter().next().unwrap();
    let includes = first["payers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p.as_str() == Some(payer.as_str()));
    // The first year's discount factor is 1.
    let expected = before + if includes { 1e6 } else { 0.0 };
    let after = number(&m, 0, 5, 3);
    assert!(
        (after - expected).abs() < 0.005,
        "{first_name}: {after} against {expected}"
    );
}

#[test]
fn other_reports_put_their_table_on_a_sheet() {
    let dir = common::Files::new(&[]);
    let out = dir.path("deal.xlsx");
    common::succeed(
        common::somsim()
            .args([
                "deal",
                "--trials",
                "200",
                "--vary",
                "guarantee=0,750000",
                "--format",
                "xlsx",
                "-o",
            ])
            .arg(&out)
            .arg(common::root().join("contracts/intensive-dsi.yaml")),
    );
    let mut m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    m.evaluate();
    assert_eq!(text(&m, 0, 4, 1), "guarantee");
    assert_eq!(number(&m, 0, 6, 1), 750000.0);
}

#[test]
fn the_sensitivity_workbook_has_a_tornado_sheet_per_perspective() {
    let dir = common::Files::new(&[]);
    let out = dir.path("s.xlsx");
    let file = common::root().join("scenarios/intensive.yaml");
    let args = ["sensitivity", "--trials", "500"];
    common::succeed(
        common::somsim()
            .args(args)
            .args(["--format", "xlsx", "-o"])
            .arg(&out)
            .arg(&file),
    );
    let json = common::json(&args, &file);
    let mut m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    m.evaluate();
    let persp = json["perspectives"].as_object().unwrap();
    assert_eq!(m.workbook.get_worksheet_names().len(), persp.len());
    for (i, (name, p)) in persp.iter().enumerate() {
        assert_eq!(&m.workbook.get_worksheet_names()[i], name);
        for (k, row) in p["tornado"].as_array().unwrap().iter().enumerate() {
            let r = 5 + k as i32;
            assert_eq!(text(&m, i as u32, r, 1), row["input"].as_str().unwrap());
            let swing = row["swing"].as_f64().unwrap();
            assert!((number(&m, i as u32, r, 6) - swing).abs() < 0.005);
        }
    }
}

#[test]
fn the_compare_workbook_has_a_sheet_per_perspective_and_the_contracts() {
    let dir = common::Files::new(&[]);
    let out = dir.path("c.xlsx");
    let (a, b) = (
        common::root().join("contracts/intensive-dsi.yaml"),
        common::root().join("scenarios/intensive.yaml"),
    );
    let args = ["compare", "--trials", "500"];
    common::succeed(
        common::somsim()
            .args(args)
            .args(["--format", "xlsx", "-o"])
            .arg(&out)
            .arg(&a)
            .arg(&b),
    );
    let json: serde_json::Value = serde_json::from_str(&common::succeed(
        common::somsim()
            .args(args)
            .args(["--format", "json"])
            .arg(&a)
            .arg(&b),
    ))
    .unwrap();
    let mut m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    m.evaluate();
    let names = m.workbook.get_worksheet_names();
    let persp = json["perspectives"].as_object().unwrap();
    assert_eq!(names.len(), persp.len() + 1);
    assert_eq!(names.last().unwrap(), "Contracts");
    for (i, (name, p)) in persp.iter().enumerate() {
        assert_eq!(&names[i], name);
        let mean = p["differences"][0]["npv_difference"]["mean"]
            .as_f64()
            .unwrap();
        assert!((number(&m, i as u32, 9, 3) - mean).abs() < 0.005, "{name}");
    }
    let loss = json["contracts"][0]["contract"]["monte_carlo"]["prob_loss"]
        .as_f64()
        .unwrap();
    assert!((number(&m, names.len() as u32 - 1, 5, 6) - loss).abs() < 1e-9);
}

#[test]
fn every_uncertain_input_has_a_defined_name() {
    let dir = common::Files::new(&[]);
    let (mut m, json) = workbook("scenarios/intensive.yaml", &dir);
    let inputs = json["inputs"].as_array().unwrap();
    for (i, input) in inputs.iter().enumerate() {
        let name = input["name"].as_str().unwrap();
        m.set_user_input(4, 200 + i as i32, 10, format!("={name}"))
            .unwrap();
    }
    m.evaluate();
    for (i, input) in inputs.iter().enumerate() {
        let mean = input["mean"].as_f64().unwrap();
        let got = number(&m, 4, 200 + i as i32, 10);
        assert!(
            (got - mean).abs() <= 1e-12 * (1.0 + mean.abs()),
            "{}",
            input["name"]
        );
    }
}

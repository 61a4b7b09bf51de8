//! `--format xlsx`: the workbook, recalculated by an independent spreadsheet engine (IronCalc),
//! gives the exact ledger's results to the øre, on every shipped scenario; changing an input in
//! the workbook gives what `somsim run --set` of the same change gives; changing a ledger amount
//! moves the results as the formulas say.

use crate::common;

use ironcalc::base::{Model, cell::CellValue, types::CellType};

/// The index of the sheet called `name`.
fn sheet(m: &Model, name: &str) -> u32 {
    let names = m.workbook.get_worksheet_names();
    names
        .iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}: {names:?}")) as u32
}

/// The column (1-based) of the header `name` in row 4 (the tables' header row).
fn column(m: &Model, sheet: u32, name: &str) -> i32 {
    (1..200)
        .find(|&c| text(m, sheet, 4, c) == name)
        .unwrap_or_else(|| panic!("sheet {sheet}: no column {name}"))
}

/// Write the run's workbook and load it into the spreadsheet engine, recalculated.
fn workbook(file: &str, dir: &common::Files) -> (Model<'static>, serde_json::Value) {
    let (mut m, json) = cached(file, dir);
    m.evaluate();
    (m, json)
}

/// Write the run's workbook and load it with the values cached in the file.
fn cached(file: &str, dir: &common::Files) -> (Model<'static>, serde_json::Value) {
    cached_with(file, &[], dir)
}

/// As `cached`, with further options for `run` (the JSON's run gets them too).
fn cached_with(
    file: &str,
    options: &[&str],
    dir: &common::Files,
) -> (Model<'static>, serde_json::Value) {
    let path = common::root().join(file);
    let out = dir.path("w.xlsx");
    common::succeed(
        common::somsim()
            .args(["run", "--trials", "200"])
            .args(options)
            .args(["--format", "xlsx", "-o"])
            .arg(&out)
            .arg(&path),
    );
    let args: Vec<&str> = ["--trials", "200"].iter().chain(options).copied().collect();
    let json = common::run_json(&args, &path);
    let m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
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

/// A perspective whose cumulative result is within half an øre of zero in every year.
fn knife_edge(p: &serde_json::Value) -> bool {
    (p["years"].as_array().unwrap().iter())
        .all(|y| y["cumulative_discounted_net"].as_f64().unwrap().abs() < 0.005)
}

/// The perspectives' summary is at rows 5..
/// (1-based), columns C-G: NPV, PV benefits, PV net cost, ROI, break-even year.
fn check_against_the_ledger(m: &Model, json: &serde_json::Value) {
    let per = sheet(m, "Perspectives");
    let persp = json["base"]["perspectives"].as_object().unwrap();
    for (j, (name, p)) in persp.iter().enumerate() {
        let row = 5 + j as i32;
        assert_eq!(&text(m, per, row, 1), name);
        for (col, field) in [(3, "npv"), (4, "pv_benefits"), (5, "pv_net_cost")] {
            let exact = p[field].as_f64().unwrap();
            let got = number(m, per, row, col);
            assert!(
                (got - exact).abs() < 0.005,
                "{name} {field}: {got} against {exact}"
            );
        }
        match p["roi"].as_f64() {
            Some(roi) => assert!((number(m, per, row, 6) - roi).abs() < 1e-9, "{name} roi"),
            None => assert_eq!(text(m, per, row, 6), "undefined"),
        }
        // A perspective whose cumulative result is within half an øre of zero in every year
        // has no break-even a spreadsheet can decide: the sign of a sub-øre amount (the exact
        // ledger's 10^-20 kr.) is below what f64 cells keep. Skip it.
        if knife_edge(p) {
            continue;
        }
        match p["break_even_year"].as_i64() {
            Some(y) => assert_eq!(number(m, per, row, 7), y as f64, "{name} break-even"),
            None => assert_eq!(text(m, per, row, 7), "none", "{name} break-even"),
        }
    }
    // Every ledger row's flows and net, to the øre.
    let ledger = sheet(m, "Ledger");
    let col = |name| column(m, ledger, name);
    for (i, r) in json["base"]["ledger"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let row = 5 + i as i32;
        assert_eq!(text(m, ledger, row, 3), r["payer"].as_str().unwrap());
        for (header, field) in [
            ("Costs", "costs"),
            ("Avoided", "avoided"),
            ("Transfers", "transfers"),
            ("Contract", "contract"),
            ("Net", "net"),
        ] {
            let got = number(m, ledger, row, col(header));
            let exact = r[field].as_f64().unwrap();
            assert!(
                (got - exact).abs() < 0.005,
                "ledger row {i} {field}: {got} against {exact}"
            );
        }
        let df = number(m, ledger, row, col("Discount factor"));
        assert!((df - r["discount_factor"].as_f64().unwrap()).abs() < 1e-12);
    }
}

/// The budget sheet: per municipality and payer, the first four years' net.
fn check_the_budget(m: &Model, json: &serde_json::Value) {
    let budget = sheet(m, "Budget");
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
        assert_eq!(&text(m, budget, row, 1), muni);
        assert_eq!(&text(m, budget, row, 2), payer);
        for (t, exact) in v.iter().enumerate() {
            let got = number(m, budget, row, 3 + t as i32);
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
    files.push("docs/society-example.yaml".into());
    files.push("tests/fixtures/coordinator-of-one.yaml".into());
    files.push("tests/fixtures/coordinators-needed.yaml".into());
    files.push("tests/fixtures/trigger-on-a-metric.yaml".into());
    files.push("tests/fixtures/volume-risk.yaml".into());
    for file in files {
        let dir = common::Files::new(&[]);
        // The values cached in the file, for programs that do not recalculate on opening.
        let (mut m, json) = cached(&file, &dir);
        check_against_the_ledger(&m, &json);
        check_the_budget(&m, &json);
        let before: Vec<_> = (m.get_all_cells().into_iter())
            .map(|c| (c.index, c.row, c.column))
            .map(|(s, r, c)| ((s, r, c), m.get_cell_value_by_index(s, r, c).unwrap()))
            .collect();
        m.evaluate();
        no_errors(&m);
        // Every cell's cached value is what the formulas give, but for the break-even flags of
        // a perspective within half an øre of zero (see `check_against_the_ledger`).
        let perspectives = json["base"]["perspectives"].as_object().unwrap();
        // The year blocks start below the summary, one under the other.
        let blocks = 5 + perspectives.len() as i32 + 3;
        let block_rows = json["horizon"].as_i64().unwrap() as i32 + 3;
        let edge: Vec<i32> = (perspectives.values())
            .enumerate()
            .filter(|(_, p)| knife_edge(p))
            .map(|(j, _)| j as i32)
            .collect();
        let per = sheet(&m, "Perspectives");
        let flag = |s: u32, r: i32, c: i32| {
            s == per
                && edge.iter().any(|&j| {
                    (r == 5 + j && c == 7)
                        || ((c == 11 || c == 12)
                            && (blocks + j * block_rows..blocks + (j + 1) * block_rows)
                                .contains(&r))
                })
        };
        for ((s, r, c), cached) in before
            .into_iter()
            .filter(|((s, r, c), _)| !flag(*s, *r, *c))
        {
            let now = m.get_cell_value_by_index(s, r, c).unwrap();
            match (&cached, &now) {
                (CellValue::Number(a), CellValue::Number(b)) => assert!(
                    (a - b).abs() <= 0.005f64.max(1e-12 * b.abs()),
                    "{file}: sheet {s} row {r} column {c}: cached {a}, recalculated {b}"
                ),
                _ => assert_eq!(cached, now, "{file}: sheet {s} row {r} column {c}"),
            }
        }
        check_against_the_ledger(&m, &json);
        check_the_budget(&m, &json);
    }
}

/// The row (1-based) of the input called `name` on the Inputs sheet.
fn input_row(m: &Model, inputs: u32, name: &str) -> i32 {
    (5..500)
        .find(|&r| text(m, inputs, r, 1) == name)
        .unwrap_or_else(|| panic!("no input {name}"))
}

#[test]
fn a_changed_input_gives_what_run_set_gives() {
    for (file, changes) in [
        (
            "scenarios/intensive.yaml",
            &[("completion_rate", "0.6"), ("coordinator_cost", "500000")][..],
        ),
        (
            "scenarios/national-rollout.yaml",
            &[
                ("rollout_courses_per_10000_adults", "0.5"),
                ("volunteer_turnover", "0.9"),
                ("secretariat_fte", "3"),
            ][..],
        ),
        (
            "scenarios/decentral.yaml",
            &[("bed_day_effect", "-0.2"), ("effect_persistence", "0.3")][..],
        ),
        (
            "docs/society-example.yaml",
            &[("bed_day_effect", "-0.1"), ("volunteer_turnover", "0.9")][..],
        ),
    ] {
        let dir = common::Files::new(&[]);
        let (mut m, _) = workbook(file, &dir);
        let inputs = sheet(&m, "Inputs");
        let mut args = vec!["--trials".to_owned(), "0".to_owned()];
        for (name, value) in changes {
            let row = input_row(&m, inputs, name);
            m.set_user_input(inputs, row, 2, value.to_string()).unwrap();
            args.extend(["--set".to_owned(), format!("{name}={value}")]);
        }
        m.evaluate();
        no_errors(&m);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let json = common::run_json(&args, &common::root().join(file));
        check_against_the_ledger(&m, &json);
        check_the_budget(&m, &json);
    }
}

#[test]
fn a_changed_ledger_amount_moves_the_results() {
    let dir = common::Files::new(&[]);
    let (mut m, json) = workbook("scenarios/intensive.yaml", &dir);
    // Ledger row 5 (the first): add 1,000,000 kr. of avoided cost in the first year.
    let ledger = sheet(&m, "Ledger");
    let payer = text(&m, ledger, 5, 3);
    let per = sheet(&m, "Perspectives");
    let before = number(&m, per, 5, 3);
    let col = column(&m, ledger, "Avoided");
    let avoided = number(&m, ledger, 5, col);
    m.set_user_input(ledger, 5, col, format!("{}", avoided + 1e6))
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
    let after = number(&m, per, 5, 3);
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
    // The first sheet says what the workbook is; the table is on the second.
    assert_eq!(m.workbook.get_worksheet_names()[0], "About this workbook");
    assert_eq!(text(&m, 1, 4, 1), "guarantee");
    assert_eq!(number(&m, 1, 6, 1), 750000.0);
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
    // The first sheet, then one per perspective, then the proposed studies (the scenario has one).
    assert!(!json["studies"].as_array().unwrap().is_empty());
    assert_eq!(m.workbook.get_worksheet_names().len(), 2 + persp.len());
    assert_eq!(m.workbook.get_worksheet_names()[1 + persp.len()], "Studies");
    for (i, (name, p)) in persp.iter().enumerate() {
        let s = 1 + i as u32;
        assert_eq!(&m.workbook.get_worksheet_names()[s as usize], name);
        for (k, row) in p["tornado"].as_array().unwrap().iter().enumerate() {
            let r = 5 + k as i32;
            assert_eq!(text(&m, s, r, 1), row["input"].as_str().unwrap());
            let swing = row["swing"].as_f64().unwrap();
            assert!((number(&m, s, r, 6) - swing).abs() < 0.005);
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
    // The first sheet, a sheet per perspective, the contracts, then a sheet per paired
    // cost-effectiveness.
    let paired = json["cost_effectiveness"].as_array().unwrap().len();
    assert_eq!(names.len(), 1 + persp.len() + 1 + paired);
    assert_eq!(names[0], "About this workbook");
    assert_eq!(names[1 + persp.len()], "Contracts");
    for (i, (name, p)) in persp.iter().enumerate() {
        assert_eq!(&names[1 + i], name);
        let mean = p["differences"][0]["npv_difference"]["mean"]
            .as_f64()
            .unwrap();
        assert!(
            (number(&m, 1 + i as u32, 9, 3) - mean).abs() < 0.005,
            "{name}"
        );
    }
    let loss = json["contracts"][0]["contract"]["monte_carlo"]["prob_loss"]
        .as_f64()
        .unwrap();
    assert!((number(&m, 1 + persp.len() as u32, 5, 6) - loss).abs() < 1e-9);
}

#[test]
fn every_uncertain_input_has_a_defined_name() {
    let dir = common::Files::new(&[]);
    let (mut m, json) = workbook("scenarios/intensive.yaml", &dir);
    let inputs = json["inputs"].as_array().unwrap();
    let sheet = sheet(&m, "Inputs");
    for (i, input) in inputs.iter().enumerate() {
        let name = input["name"].as_str().unwrap();
        m.set_user_input(sheet, 200 + i as i32, 10, format!("={name}"))
            .unwrap();
    }
    m.evaluate();
    for (i, input) in inputs.iter().enumerate() {
        let mean = input["mean"].as_f64().unwrap();
        let got = number(&m, sheet, 200 + i as i32, 10);
        assert!(
            (got - mean).abs() <= 1e-12 * (1.0 + mean.abs()),
            "{}",
            input["name"]
        );
    }
}

#[test]
fn the_monte_carlo_sheet_has_each_perspectives_npv_histogram() {
    let dir = common::Files::new(&[]);
    let (m, json) = workbook("scenarios/intensive.yaml", &dir);
    let mc = sheet(&m, "Monte Carlo");
    let mut charted = 0;
    for (name, p) in json["monte_carlo"]["perspectives"].as_object().unwrap() {
        let title = format!("{name}: NPV over the trials");
        let row = (1..2000)
            .find(|&r| text(&m, mc, r, 1).starts_with(&title))
            .unwrap_or_else(|| panic!("no histogram of {name}"));
        let h = &p["npv_histogram"];
        let counts = h["counts"].as_array().unwrap();
        if counts.len() < 2 {
            continue;
        }
        charted += 1;
        assert_eq!(text(&m, mc, row + 1, 1), "NPV from, DKK");
        let trials: f64 = counts.iter().map(|c| c.as_f64().unwrap()).sum();
        assert_eq!(trials, json["trials"].as_f64().unwrap());
        for (i, c) in counts.iter().enumerate() {
            let r = row + 2 + i as i32;
            assert_eq!(number(&m, mc, r, 1), h["edges"][i].as_f64().unwrap());
            assert_eq!(number(&m, mc, r, 3), c.as_f64().unwrap());
        }
    }
    assert!(charted >= 3, "{charted} histograms");
}

#[test]
fn the_cost_effectiveness_sheet_recalculates_to_the_run() {
    let dir = common::Files::new(&[]);
    let (m, json) = workbook("scenarios/intensive.yaml", &dir);
    no_errors(&m);
    let s = sheet(&m, "Cost-effectiveness");
    let o = &json["cost_effectiveness"]["outcomes"][0];
    for (j, p) in o["perspectives"].as_array().unwrap().iter().enumerate() {
        let row = 6 + j as i32;
        assert_eq!(text(&m, s, row, 1), p["perspective"].as_str().unwrap());
        let cost = number(&m, s, row, 3);
        assert!(
            (cost - p["base_cost"].as_f64().unwrap()).abs() <= 0.005,
            "{cost} {p}"
        );
        if let Some(per_unit) = p["base_cost_per_unit"].as_f64() {
            assert!((number(&m, s, row, 4) - per_unit).abs() <= 0.005);
        }
        let icer = p["monte_carlo"]["icer"].as_f64().unwrap();
        assert!((number(&m, s, row, 7) - icer).abs() <= 0.005);
    }
}

#[test]
fn the_compare_workbook_has_the_paired_cost_effectiveness() {
    let dir = common::Files::new(&[]);
    let out = dir.path("c.xlsx");
    let args = ["compare", "--trials", "300"];
    let files = [
        common::root().join("scenarios/intensive.yaml"),
        common::root().join("scenarios/decentral.yaml"),
    ];
    common::succeed(
        common::somsim()
            .args(args)
            .args(["--format", "xlsx", "-o"])
            .arg(&out)
            .args(&files),
    );
    let json: serde_json::Value = serde_json::from_str(&common::succeed(
        common::somsim()
            .args(args)
            .args(["--format", "json"])
            .args(&files),
    ))
    .unwrap();
    let mut m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    m.evaluate();
    no_errors(&m);
    let s = sheet(&m, "Cost-effectiveness 2-1");
    let o = &json["cost_effectiveness"][0]["analysis"]["outcomes"][0];
    for (j, p) in o["perspectives"].as_array().unwrap().iter().enumerate() {
        let row = 6 + j as i32;
        assert_eq!(text(&m, s, row, 1), p["perspective"].as_str().unwrap());
        assert!((number(&m, s, row, 3) - p["base_cost"].as_f64().unwrap()).abs() <= 0.005);
        if let Some(icer) = p["monte_carlo"]["icer"].as_f64() {
            assert!((number(&m, s, row, 7) - icer).abs() <= 0.005);
        }
    }
}

#[test]
fn changed_society_factors_give_what_the_scenario_with_them_gives() {
    let file = "docs/society-example.yaml";
    let dir = common::Files::new(&[]);
    let (mut m, _) = workbook(file, &dir);
    let society = sheet(&m, "Society");
    let row_of = |m: &Model, label: &str| {
        (1..200)
            .find(|&r| text(m, society, r, 1) == label)
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    let (naf, distortion) = (
        row_of(&m, "Net tax factor"),
        row_of(&m, "Tax distortion factor"),
    );
    m.set_user_input(society, naf, 2, "1.1".into()).unwrap();
    m.set_user_input(society, distortion, 2, "1.2".into())
        .unwrap();
    // And a transfer-class outcome's effect: the budgets move, society only through the
    // distortion.
    let inputs = sheet(&m, "Inputs");
    let row = input_row(&m, inputs, "cash_benefit_effect");
    m.set_user_input(inputs, row, 2, "-0.2".into()).unwrap();
    m.evaluate();
    no_errors(&m);
    // The same factors in the scenario.
    let root = common::root().join("assumptions");
    let text = std::fs::read_to_string(common::root().join(file))
        .unwrap()
        .replace("../assumptions", root.to_str().unwrap())
        .replace(
            "society:\n",
            "society:\n  net_tax_factor: 1.1\n  tax_distortion: 1.2\n  source: test\n",
        )
        .replace(
            "{ normal: { mean: 0, sd: 0.05, min: -1 }, name: cash_benefit_effect }",
            "-0.2",
        );
    assert!(!text.contains("cash_benefit_effect"));
    let changed = common::Files::new(&[("s.yaml", &text)]);
    let json = common::run_json(&["--trials", "0"], &changed.path("s.yaml"));
    check_against_the_ledger(&m, &json);
}

#[test]
fn the_municipalities_sheet_has_each_municipalitys_own_result() {
    let dir = common::Files::new(&[]);
    let (m, json) = cached_with(
        "scenarios/intensive.yaml",
        &["--municipal-break-even"],
        &dir,
    );
    let ws = sheet(&m, "Municipalities");
    let munis = json["monte_carlo"]["municipalities"].as_object().unwrap();
    assert_eq!(munis.len(), 4);
    let (mean, p5, pos) = (
        column(&m, ws, "Mean"),
        column(&m, ws, "5%"),
        column(&m, ws, "P(NPV > 0)"),
    );
    let last = json["start_year"].as_i64().unwrap() + json["horizon"].as_i64().unwrap() - 1;
    let by_last = column(&m, ws, &format!("P(break-even by {last})"));
    for (i, (name, v)) in munis.iter().enumerate() {
        let row = 5 + i as i32;
        assert_eq!(text(&m, ws, row, 1), *name);
        // The JSON rounds money to øre.
        let ore = |c: i32, field: &str| {
            let (got, want) = (number(&m, ws, row, c), v[field].as_f64().unwrap());
            assert!(
                (got - want).abs() <= 0.005,
                "{name} {field}: {got} vs {want}"
            );
        };
        ore(mean, "mean");
        ore(p5, "p5");
        assert_eq!(
            number(&m, ws, row, pos),
            v["prob_npv_positive"].as_f64().unwrap()
        );
        let by = &v["break_even"]["by_year"][last.to_string()];
        assert_eq!(number(&m, ws, row, by_last), by.as_f64().unwrap());
    }
    // Without the year-by-year break-even, the sheet says how to get it.
    let (m, _) = cached("scenarios/intensive.yaml", &dir);
    let ws = sheet(&m, "Municipalities");
    assert!(text(&m, ws, 3, 1).contains("--municipal-break-even"));
    assert!((1..40).all(|c| !text(&m, ws, 4, c).starts_with("P(break-even")));
}

#[test]
fn the_inputs_sheet_shows_pooling_and_the_rank_correlations() {
    let dir = common::Files::new(&[]);
    let (m, json) = cached("docs/correlated-example.yaml", &dir);
    let inputs = sheet(&m, "Inputs");
    let row = input_row(&m, inputs, "completion_rate");
    assert_eq!(text(&m, inputs, row, 7), "yes, pooling 0.6");
    let c = &json["correlations"][0];
    let at = (1..200)
        .find(|&r| text(&m, inputs, r, 1) == "Rank correlation between")
        .expect("a correlations table");
    assert_eq!(
        text(&m, inputs, at + 1, 1),
        c["inputs"][0].as_str().unwrap()
    );
    assert_eq!(
        text(&m, inputs, at + 1, 2),
        c["inputs"][1].as_str().unwrap()
    );
    assert_eq!(number(&m, inputs, at + 1, 3), c["target"].as_f64().unwrap());
    assert_eq!(
        number(&m, inputs, at + 1, 4),
        c["achieved"].as_f64().unwrap()
    );
}

//! The workbook's budget years in current prices (`budget:` in a scenario): the price and wage
//! projection's rates are input cells, each year's factor and each perspective's current-price
//! net are formulas of them, and IronCalc recalculates them to the JSON's `budget` to the øre;
//! a changed rate moves the factors and the current prices as fixed × the new product.

use crate::common;

use ironcalc::base::{Model, cell::CellValue, types::CellType};

const SCENARIO: &str = "docs/vejle-budget.yaml";

/// The sheet of the budget years in current prices.
const SHEET: &str = "Budget in current prices";

/// The workbook of `SCENARIO` (`--trials 0`) in `lang`, loaded into IronCalc with the values
/// cached in the file; and the JSON of the same run.
fn workbook(lang: &str, dir: &common::Files) -> (Model<'static>, serde_json::Value) {
    let path = common::root().join(SCENARIO);
    let out = dir.path(&format!("{lang}.xlsx"));
    common::succeed(
        common::somsim()
            .args([
                "run", "--trials", "0", "--lang", lang, "--format", "xlsx", "-o",
            ])
            .arg(&out)
            .arg(&path),
    );
    let json = common::run_json(&["--trials", "0"], &path);
    let m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    (m, json)
}

fn sheet(m: &Model, name: &str) -> u32 {
    let names = m.workbook.get_worksheet_names();
    (names.iter().position(|n| n == name)).unwrap_or_else(|| panic!("no sheet {name}: {names:?}"))
        as u32
}

fn number(m: &Model, s: u32, row: i32, col: i32) -> f64 {
    match m.get_cell_value_by_index(s, row, col).unwrap() {
        CellValue::Number(x) => x,
        other => panic!("sheet {s} row {row} column {col}: {other:?}"),
    }
}

fn text(m: &Model, s: u32, row: i32, col: i32) -> String {
    match m.get_cell_value_by_index(s, row, col).unwrap() {
        CellValue::String(t) => t,
        CellValue::Number(x) => x.to_string(),
        other => format!("{other:?}"),
    }
}

/// Every text of sheet `s`.
fn texts(m: &Model, s: u32) -> Vec<String> {
    (m.get_all_cells().into_iter())
        .filter(|c| c.index == s)
        .filter_map(|c| match m.get_cell_value_by_index(s, c.row, c.column) {
            Ok(CellValue::String(t)) => Some(t),
            _ => None,
        })
        .collect()
}

fn formula(m: &Model, s: u32, row: i32, col: i32) -> Option<String> {
    m.get_cell_formula(s, row, col).unwrap()
}

/// To the øre, as a spreadsheet's ROUND(x, 2) gives it.
fn ore(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Where the sheet's table is: its header row (1-based), and a column's number by its header.
struct Table {
    head: i32,
    columns: Vec<String>,
}

impl Table {
    fn of(m: &Model, s: u32) -> Table {
        let head = (1..40)
            .find(|&r| text(m, s, r, 2) == "Rise from the year before")
            .expect("the table's header row");
        let columns = (1..60).map(|c| text(m, s, head, c)).collect();
        Table { head, columns }
    }

    fn column(&self, header: &str) -> i32 {
        let c = (self.columns.iter().position(|h| h == header))
            .unwrap_or_else(|| panic!("no column {header}: {:?}", self.columns));
        c as i32 + 1
    }

    /// The row (1-based) of `year`: one per year after the price year.
    fn row(&self, year: i64, price_year: i64) -> i32 {
        self.head + (year - price_year) as i32
    }
}

/// Every factor, fixed and current cell of the sheet against the JSON's `budget`: the factors
/// to 1e-12, the amounts to the øre.
fn check_against_the_run(m: &Model, json: &serde_json::Value) {
    let s = sheet(m, SHEET);
    let t = Table::of(m, s);
    let b = &json["budget"];
    let price_year = b["price_year"].as_i64().unwrap();
    let factor = t.column("Factor from 2025 prices");
    let mut checked = 0;
    for y in b["years"].as_array().unwrap() {
        let year = y["year"].as_i64().unwrap();
        let row = t.row(year, price_year);
        assert!(text(m, s, row, 1).starts_with(&year.to_string()));
        let f = number(m, s, row, factor);
        let exact = y["factor"].as_f64().unwrap();
        assert!(
            (f - exact).abs() < 1e-12,
            "{year}: factor {f} against {exact}"
        );
        for (name, a) in y["perspectives"].as_object().unwrap() {
            let fixed = number(m, s, row, t.column(&format!("{name}, 2025 prices")));
            let current = number(m, s, row, t.column(&format!("{name}, current prices")));
            let (jf, jc) = (a["fixed"].as_f64().unwrap(), a["current"].as_f64().unwrap());
            assert_eq!(ore(fixed), jf, "{year} {name}: fixed {fixed} against {jf}");
            assert!(
                (current - jc).abs() < 1e-6,
                "{year} {name}: current {current} against {jc}"
            );
            checked += 1;
        }
    }
    // Four budget years, each with kommune, region, public, all and society.
    assert_eq!(checked, 4 * 5);
}

#[test]
fn the_budget_years_in_current_prices_recalculate_to_the_run() {
    let dir = common::Files::new(&[]);
    let (mut m, json) = workbook("en", &dir);
    // The values cached in the file, then recalculated.
    check_against_the_run(&m, &json);
    m.evaluate();
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
    check_against_the_run(&m, &json);

    let s = sheet(&m, SHEET);
    let t = Table::of(&m, s);
    // The rates: input cells (the input style), a row per year from 2026 to 2030.
    for (k, year) in (2026..=2030).enumerate() {
        let row = t.head + 1 + k as i32;
        assert!(text(&m, s, row, 1).starts_with(&format!("{year}")));
        assert!((number(&m, s, row, 2) - 0.02).abs() < 1e-15);
        assert_eq!(formula(&m, s, row, 2), None, "{year}: the rate is a value");
        let style = m.get_style_for_cell(s, row, 2).unwrap();
        let fill = format!("{:?}", style.fill).to_uppercase();
        assert!(fill.contains("FFF2CC"), "{year}: {fill}");
    }
    // The factor, the fixed and the current amounts are formulas: of the rate cells, of the
    // Perspectives sheet, and ROUND(fixed × factor, 2).
    let row = t.row(2028, 2025);
    let factor = formula(&m, s, row, 3).unwrap();
    assert_eq!(
        factor.replace('$', ""),
        format!(
            "=(1+B{})*(1+B{})*(1+B{})",
            t.head + 1,
            t.head + 2,
            t.head + 3
        )
    );
    let kommune = t.column("kommune, 2025 prices");
    assert!(
        formula(&m, s, row, kommune)
            .unwrap()
            .starts_with("=Perspectives!")
    );
    let current = formula(&m, s, row, kommune + 1).unwrap();
    assert!(current.starts_with("=ROUND("), "{current}");
    // The projection's name, and that its rates are not sourced.
    let words = texts(&m, s);
    let name = json["budget"]["projection"]["name"].as_str().unwrap();
    assert!(words.iter().any(|w| w == name));
    assert!(
        words.iter().any(|w| w.starts_with("NOT SOURCED")),
        "{words:?}"
    );

    // 2028's rate from 2% to 5%.
    m.set_user_input(s, t.row(2028, 2025), 2, "0.05".into())
        .unwrap();
    m.evaluate();
    check_the_changed_rate(&m, &json);
}

/// After 2028's rate went from 2% to 5%: the factors from 2028 on and the current prices
/// follow, as fixed × the product of (1 + rate) over the rate cells, worked here by hand.
fn check_the_changed_rate(m: &Model, json: &serde_json::Value) {
    let s = sheet(m, SHEET);
    let t = Table::of(m, s);
    let rates: Vec<f64> = (0..5).map(|k| number(m, s, t.head + 1 + k, 2)).collect();
    assert_eq!(rates, [0.02, 0.02, 0.05, 0.02, 0.02]);
    let names: Vec<String> = (json["budget"]["years"][0]["perspectives"].as_object())
        .unwrap()
        .keys()
        .cloned()
        .collect();
    for (k, year) in (2026..=2030).enumerate() {
        let row = t.head + 1 + k as i32;
        let product: f64 = rates[..=k].iter().map(|r| 1.0 + r).product();
        let f = number(m, s, row, 3);
        assert!((f - product).abs() < 1e-12, "{year}: {f} against {product}");
        if year < 2027 {
            continue;
        }
        let y = &json["budget"]["years"][k - 1];
        assert_eq!(y["year"].as_i64(), Some(year));
        for name in &names {
            let c = t.column(&format!("{name}, 2025 prices"));
            let fixed = number(m, s, row, c);
            let jf = y["perspectives"][name]["fixed"].as_f64().unwrap();
            assert_eq!(ore(fixed), jf, "{year} {name}: the fixed net stays");
            let current = number(m, s, row, c + 1);
            let by_hand = ore(fixed * product);
            assert!(
                (current - by_hand).abs() < 1e-6,
                "{year} {name}: {current} against {by_hand}"
            );
            let before = y["perspectives"][name]["current"].as_f64().unwrap();
            if year >= 2028 && jf.abs() > 1.0 {
                assert!((current - before).abs() > 1.0, "{year} {name}: moved");
            } else if year < 2028 {
                assert!((current - before).abs() < 1e-6, "{year} {name}: stays");
            }
        }
    }
}

#[test]
fn the_first_sheet_lists_the_rates_and_the_budget_sheet_says_its_prices() {
    let dir = common::Files::new(&[]);
    let (m, _) = workbook("en", &dir);
    let about = texts(&m, sheet(&m, "About this workbook"));
    assert!(about.iter().any(|t| t == SHEET), "{about:?}");
    let t = Table::of(&m, sheet(&m, SHEET));
    let cells = format!("B{}:B{}", t.head + 1, t.head + 5);
    assert!(about.contains(&cells), "{cells}: {about:?}");
    assert!(
        about
            .iter()
            .any(|t| t.contains("price and wage projection's rate"))
    );
    // The Budget sheet: fixed prices, and where the current prices are.
    let budget = texts(&m, sheet(&m, "Budget"));
    let note = budget
        .iter()
        .find(|t| t.starts_with("Net per year"))
        .unwrap();
    assert!(
        note.contains(
            "2025 prices (fixed prices; in current prices: the sheet Budget in current prices)"
        ),
        "{note}"
    );
    assert!(!note.contains("not current prices"));

    // In Danish: the sheet's name and the warning.
    let (da, _) = workbook("da", &dir);
    let s = sheet(&da, "Budget i løbende priser");
    assert!(
        texts(&da, s)
            .iter()
            .any(|t| t.starts_with("IKKE KILDEBELAGT"))
    );
}

/// Without a `budget:` there is no such sheet, and the Budget sheet says how to get one.
#[test]
fn without_a_budget_there_is_no_current_price_sheet() {
    let dir = common::Files::new(&[]);
    let out = dir.path("plain.xlsx");
    common::succeed(
        common::somsim()
            .args(["run", "--trials", "0", "--format", "xlsx", "-o"])
            .arg(&out)
            .arg(common::root().join("scenarios/intensive.yaml")),
    );
    let m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    assert!(!m.workbook.get_worksheet_names().iter().any(|n| n == SHEET));
    let budget = texts(&m, sheet(&m, "Budget"));
    assert!(
        budget
            .iter()
            .any(|t| t.contains("for current prices, give the scenario a `budget:`"))
    );
}

/// LibreOffice (when `SOMSIM_LIBREOFFICE` asks for it), recalculating on loading, gives the
/// same factors, fixed and current amounts; and, with 2028's rate changed (by IronCalc, saved),
/// the amounts worked by hand.
#[test]
fn libreoffice_recalculates_the_budget_in_current_prices_too() {
    let Some(soffice) = super::names::libreoffice() else {
        return;
    };
    let dir = common::Files::new(&[]);
    let (mut m, json) = workbook("en", &dir);
    let s = sheet(&m, SHEET);
    let t = Table::of(&m, s);
    m.set_user_input(s, t.row(2028, 2025), 2, "0.05".into())
        .unwrap();
    let changed = dir.path("changed.xlsx");
    ironcalc::export::save_to_xlsx(&m, changed.to_str().unwrap()).unwrap();
    let out = dir.path("libreoffice");
    super::names::convert(&soffice, &[&dir.path("en.xlsx"), &changed], &out, None);
    let load = |name: &str| {
        let path = out.join(name);
        ironcalc::import::load_from_xlsx(path.to_str().unwrap(), "en", "UTC", "en").unwrap()
    };
    check_against_the_run(&load("en.xlsx"), &json);
    check_the_changed_rate(&load("changed.xlsx"), &json);
}

//! The kommune's budget in current prices (`budget:`): the budget year and the years after it,
//! each perspective's net in fixed prices and in current prices projected with the shipped
//! price and wage projection; present values unchanged; the brief's budget table in current
//! prices; and the starter scenario of `somsim new` with its budget.

use crate::common;

use rust_decimal::Decimal;
use std::str::FromStr;

/// Vejle's starter scenario from 2027, with its budget year 2027.
fn starter(dir: &common::Files) -> std::path::PathBuf {
    let file = dir.path("vejle.yaml");
    common::succeed(
        common::somsim()
            .args(["new", "--kommune", "Vejle", "--start-year", "2027", "-o"])
            .arg(&file),
    );
    file
}

fn json(args: &[&str], file: &std::path::Path) -> serde_json::Value {
    let out = common::succeed(
        common::somsim()
            .args(["run", "--format", "json"])
            .args(args)
            .arg(file),
    );
    serde_json::from_str(&out).unwrap()
}

fn dec(v: &serde_json::Value) -> Decimal {
    Decimal::from_str(&v.to_string()).unwrap()
}

#[test]
fn budget_years_are_shown_in_current_prices_by_the_projection() {
    let dir = common::Files::new(&[]);
    let file = starter(&dir);
    let j = json(&["--trials", "0"], &file);
    let b = &j["budget"];
    assert_eq!(b["year"], 2027);
    assert_eq!(b["price_year"], 2025);
    assert_eq!(b["projection"]["sourced"], false);
    let years = b["years"].as_array().unwrap();
    assert_eq!(
        years
            .iter()
            .map(|y| y["year"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [2027, 2028, 2029, 2030]
    );
    // By hand: 2025 prices to 2028's current prices at 2.0% a year is 1.02^3 = 1.061208.
    let y2028 = &years[1];
    assert_eq!(
        dec(&y2028["factor"]),
        Decimal::from_str("1.061208").unwrap()
    );
    let kommune = &y2028["perspectives"]["kommune"];
    let fixed = dec(&kommune["fixed"]);
    assert_eq!(
        dec(&kommune["current"]),
        (fixed * Decimal::from_str("1.061208").unwrap()).round_dp(2)
    );
    // The fixed amount is the kommune's net of the year in the base case.
    let base = &j["base"]["perspectives"]["kommune"]["years"][1];
    assert_eq!(base["year"], 2028);
    assert_eq!(dec(&base["net"]), fixed);
    // Present values stay in fixed prices: the same scenario without a budget has the same NPV.
    let text = std::fs::read_to_string(&file).unwrap();
    let plain = dir.path("plain.yaml");
    std::fs::write(&plain, text.replace("budget: { year: 2027 }", "")).unwrap();
    let p = json(&["--trials", "0"], &plain);
    assert!(p.get("budget").is_none());
    assert_eq!(p["base"]["perspectives"], j["base"]["perspectives"]);
}

#[test]
fn the_terminal_and_the_brief_show_the_budget_and_say_the_projection_is_unsourced() {
    let dir = common::Files::new(&[]);
    let file = starter(&dir);
    let out = common::succeed(
        common::somsim()
            .args(["run", "--trials", "0", "--lang", "da"])
            .arg(&file),
    );
    assert!(out.contains("Budget 2027-2030"), "{out}");
    assert!(out.contains("løbende priser"), "{out}");
    assert!(out.contains("ingen kilde"), "{out}");
    let brief = dir.path("brief.json");
    common::succeed(
        common::somsim()
            .args([
                "report", "--brief", "--trials", "400", "--format", "json", "-o",
            ])
            .arg(&brief)
            .arg(&file),
    );
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&brief).unwrap()).unwrap();
    let years = b["budget"].as_array().unwrap();
    assert_eq!(years[0]["year"], 2027);
    assert_eq!(years.len(), 4);
    let c = &years[0]["current"];
    let factor = c["factor"].as_f64().unwrap();
    assert!((factor - 1.0404).abs() < 1e-12);
    let mean = years[0]["net"]["mean"].as_f64().unwrap();
    assert!((c["mean"].as_f64().unwrap() - mean * factor).abs() < 1e-6 * mean.abs().max(1.0));
    assert_eq!(b["projection"]["sourced"], false);
}

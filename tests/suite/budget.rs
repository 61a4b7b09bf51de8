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

/// The intensive scenario with the kommune split into two budget areas: the coordinator and the
/// course costs on the social committee's budget, the §85 saving on the employment committee's,
/// VELUX's grant to the social committee.
fn split_intensive(dir: &common::Files) -> std::path::PathBuf {
    let text = std::fs::read_to_string(common::root().join("scenarios/intensive.yaml")).unwrap();
    let text = text
        .replace(
            "payers: [velux]",
            "payers: [velux, kommune.social, kommune.beskaeftigelse]",
        )
        .replace("    payer: kommune\n", "    payer: kommune.social\n")
        .replace("    to: kommune\n", "    to: kommune.social\n")
        .replace(
            "payers: { kommune: 1.0 }",
            "payers: { kommune.beskaeftigelse: 1.0 }",
        )
        .replace(
            "../assumptions/",
            &format!("{}/assumptions/", common::root().display()),
        );
    assert!(text.contains("kommune.beskaeftigelse: 1.0"));
    let file = dir.path("split.yaml");
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn a_kommune_split_into_budget_areas_gives_the_same_kommune_public_and_municipal_results() {
    let dir = common::Files::new(&[]);
    let split = split_intensive(&dir);
    let whole = common::root().join("scenarios/intensive.yaml");
    let args = ["--trials", "2000", "--municipal-break-even"];
    let (a, b) = (json(&args, &whole), json(&args, &split));
    let round = |v: &serde_json::Value| dec(v).round_dp(2);
    for p in ["kommune", "public", "all", "fund", "society"] {
        for field in ["npv", "pv_benefits", "pv_net_cost"] {
            let (x, y) = (
                &a["base"]["perspectives"][p][field],
                &b["base"]["perspectives"][p][field],
            );
            assert_eq!(round(x), round(y), "{p} {field}");
        }
        let (x, y) = (
            a["monte_carlo"]["perspectives"][p]["npv"]["mean"]
                .as_f64()
                .unwrap(),
            b["monte_carlo"]["perspectives"][p]["npv"]["mean"]
                .as_f64()
                .unwrap(),
        );
        assert!((x - y).abs() <= 1e-6 * x.abs().max(1.0), "{p}: {x} vs {y}");
    }
    let (ma, mb) = (
        a["monte_carlo"]["municipalities"].as_object().unwrap(),
        b["monte_carlo"]["municipalities"].as_object().unwrap(),
    );
    assert_eq!(ma.len(), 4);
    for (m, x) in ma {
        let (x, y) = (x["mean"].as_f64().unwrap(), mb[m]["mean"].as_f64().unwrap());
        assert!((x - y).abs() <= 1e-6 * x.abs().max(1.0), "{m}: {x} vs {y}");
        assert_eq!(
            a["monte_carlo"]["municipalities"][m]["prob_npv_positive"],
            b["monte_carlo"]["municipalities"][m]["prob_npv_positive"]
        );
    }
    // Each area is a perspective of its own, and the two add up to the kommune.
    let areas = &b["base"]["perspectives"];
    let social = dec(&areas["kommune.social"]["npv"]);
    let employment = dec(&areas["kommune.beskaeftigelse"]["npv"]);
    assert!(
        social < Decimal::ZERO && employment > Decimal::ZERO,
        "{social} {employment}"
    );
    assert_eq!(
        (social + employment).round_dp(2),
        round(&a["base"]["perspectives"]["kommune"]["npv"])
    );
    assert_eq!(
        areas["kommune"]["payers"],
        serde_json::json!(["kommune", "kommune.social", "kommune.beskaeftigelse"])
    );
}

#[test]
fn budget_areas_show_their_own_budget_years() {
    let dir = common::Files::new(&[]);
    let split = split_intensive(&dir);
    let text = std::fs::read_to_string(&split)
        .unwrap()
        .replace(
            "price_year: 2025\n",
            "price_year: 2025\nbudget: { year: 2026 }\n",
        )
        .replace(
            "assumptions:\n",
            &format!(
                "assumptions:\n  - {}/assumptions/dk-pl-projection.yaml\n",
                common::root().display()
            ),
        );
    std::fs::write(&split, text).unwrap();
    let out = common::succeed(
        common::somsim()
            .args([
                "run",
                "--trials",
                "0",
                "--perspective",
                "kommune.social",
                "--perspective",
                "kommune.beskaeftigelse",
            ])
            .arg(&split),
    );
    assert!(out.contains("Budget 2026-2029"), "{out}");
    assert!(
        out.contains("kommune.social") && out.contains("kommune.beskaeftigelse"),
        "{out}"
    );
}

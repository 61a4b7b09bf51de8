//! The societal perspective (samfundsøkonomisk), against results worked by hand: with the
//! factors at 1 it is the budgets' NPV less the transfer-class flows; a transfer outcome moves
//! budgets and not society; a distortion factor of 1.1 costs 10% of the public financing need;
//! volunteer time and welfare gains; the kernel agrees with the ledger.

use crate::common;

use std::str::FromStr;

use rust_decimal::Decimal;
use somsim::decimal::round_ore;
use somsim::ledger::{self, Ledger};
use somsim::model::Model;

/// A two-year scenario: a coordinator the kommune pays (100,000 a year), a foundation grant of
/// 30,000 to the kommune in the first year, bed-days the region saves; `society` and extra
/// outcomes are spliced in.
fn scenario(society: &str, outcomes: &str) -> String {
    format!(
        r#"
name: society test
start_year: 2025
horizon: 2
price_year: 2025
payers: [fund]
discounting: {{ rate: 0.04 }}
course: {{ participants_per_course: 10, completion_rate: 0.5, peers_per_course: 2, volunteer_turnover: 0.5 }}
municipalities:
  - {{ name: A, courses: [2, 2] }}
costs:
  - {{ name: coordinator, driver: per_year, unit_cost: 100000, payer: kommune }}
transfers:
  - {{ name: grant, from: fund, to: kommune, amount: 30000, years: 2025 }}
outcomes:
  - name: bed-days
    baseline: 1
    effect: -0.5
    profile: [1]
    unit_price: 4000
    payers: {{ region: 1 }}
{outcomes}
non_monetary:
  - name: recovery
    unit: completers with a recovery gain
    per_completer: 0.25
{society}
"#
    )
}

fn ledger_of(yaml: &str) -> (Model, Ledger) {
    let files = common::Files::new(&[("s.yaml", yaml)]);
    let model = Model::load(&files.path("s.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let l = ledger::compute(&model).unwrap();
    common::kernel_matches_ledger(&model);
    (model, l)
}

fn npv(model: &Model, l: &Ledger, name: &str) -> Decimal {
    let j = model
        .perspectives
        .iter()
        .position(|p| p.name == name)
        .unwrap();
    l.perspectives[j].npv
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

const FACTORS_ONE: &str = "society: { net_tax_factor: 1, tax_distortion: 1, source: test }";

#[test]
fn resource_flows_at_factors_one_give_the_budgets_npv_to_the_ore() {
    let (model, l) = ledger_of(&scenario(FACTORS_ONE, ""));
    // Every flow is a resource, and the grant cancels over all payers.
    assert_eq!(npv(&model, &l, "society"), npv(&model, &l, "all"));
    // By hand: bed-days saved 2 courses x 10 x 0.5 = 10 completers a year, x 1 x 0.5 x 4,000
    // = 20,000 a year; the coordinator 100,000 a year; DF = 1, 1/1.04.
    let df1 = Decimal::ONE / d("1.04");
    let expected = d("-80000") + d("-80000") * df1;
    assert_eq!(round_ore(npv(&model, &l, "society")), round_ore(expected));
}

#[test]
fn the_default_factors_are_the_ministry_of_finance_s() {
    let (model, l) = ledger_of(&scenario("", ""));
    assert_eq!(l.society.net_tax_factor, d("1.28"));
    assert_eq!(l.society.tax_distortion, Decimal::ONE);
    assert!(l.society.source.contains("Finansministeriet"));
    // Society = 1.28 x the resource flows, with no distortion loss.
    assert_eq!(
        npv(&model, &l, "society"),
        d("1.28") * npv(&model, &l, "all")
    );
}

const CASH_BENEFIT: &str = r#"  - name: cash benefit
    baseline: 10000
    effect: -0.1
    profile: [1]
    unit_price: 1
    payers: { kommune: 0.5, stat: 0.5 }
    class: transfer"#;

#[test]
fn a_transfer_outcome_changes_the_budgets_and_not_society() {
    let (m0, l0) = ledger_of(&scenario(FACTORS_ONE, ""));
    let (m1, l1) = ledger_of(&scenario(FACTORS_ONE, CASH_BENEFIT));
    // 10 completers a year x 10,000 x 0.1 = 10,000 a year less benefit paid, half each.
    let pv_year = Decimal::ONE + Decimal::ONE / d("1.04");
    for (name, share) in [
        ("kommune", "0.5"),
        ("stat", "0.5"),
        ("public", "1"),
        ("all", "1"),
    ] {
        let change = npv(&m1, &l1, name) - npv(&m0, &l0, name);
        assert_eq!(
            round_ore(change),
            round_ore(d("10000") * d(share) * pv_year),
            "{name}"
        );
    }
    assert_eq!(npv(&m1, &l1, "society"), npv(&m0, &l0, "society"));
    // A cost line of the transfer class (an allowance paid to participants) likewise.
    let allowance = "costs:\n  - { name: allowance, driver: per_participant, unit_cost: 500, payer: kommune, class: transfer }\n";
    let (m2, l2) = ledger_of(&scenario(FACTORS_ONE, CASH_BENEFIT).replace("costs:\n", allowance));
    let paid = d("20") * d("500") * pv_year;
    assert_eq!(
        round_ore(npv(&m1, &l1, "kommune") - npv(&m2, &l2, "kommune")),
        round_ore(paid)
    );
    assert_eq!(npv(&m2, &l2, "society"), npv(&m0, &l0, "society"));
    let transfer = &l1.society.parts[2];
    assert_eq!(
        round_ore(transfer.pv_budget.unwrap()),
        round_ore(d("10000") * pv_year)
    );
    assert_eq!(transfer.pv_society, Decimal::ZERO);
}

#[test]
fn a_distortion_factor_of_1_1_costs_10_percent_of_the_public_financing_need() {
    let with = |distortion: &str| {
        let society = format!(
            "society: {{ net_tax_factor: 1.28, tax_distortion: {distortion}, source: test }}"
        );
        ledger_of(&scenario(&society, ""))
    };
    let (m0, l0) = with("1");
    let (m1, l1) = with("1.1");
    // By hand: the public pays the coordinator (100,000 a year) less the grant (30,000 in the
    // first year) less the region's bed-days saved (20,000 a year): 50,000 and 80,000.
    let df1 = Decimal::ONE / d("1.04");
    let need = d("50000") + d("80000") * df1;
    assert_eq!(round_ore(l1.society.financing_need[0]), d("50000"));
    let loss = npv(&m0, &l0, "society") - npv(&m1, &l1, "society");
    assert_eq!(round_ore(loss), round_ore(d("0.1") * need));
    // And the society NPV in full: 1.28 x the resource flows, less the loss.
    let resources = d("-80000") + d("-80000") * df1;
    assert_eq!(
        round_ore(npv(&m1, &l1, "society")),
        round_ore(d("1.28") * resources - d("0.1") * need)
    );
    // The parts add up to the NPV.
    let parts: Decimal = l1.society.parts.iter().map(|p| p.pv_society).sum();
    assert_eq!(parts, npv(&m1, &l1, "society"));
}

#[test]
fn volunteer_time_and_a_welfare_value_count_for_society_only() {
    let society = r#"society:
  volunteer_time:
    - name: peers leading courses
      driver: per_course
      hours: 44
      value_per_hour: 150
      source: test
"#;
    let welfare =
        "    welfare_value: { per_unit: { triangular: [50000, 100000, 150000] }, source: test }";
    let yaml = scenario(society, "").replace(
        "    per_completer: 0.25\n",
        &format!("    per_completer: 0.25\n{welfare}\n"),
    );
    let (m0, l0) = ledger_of(&scenario("", ""));
    let (m1, l1) = ledger_of(&yaml);
    for name in ["kommune", "region", "public", "all"] {
        assert_eq!(npv(&m1, &l1, name), npv(&m0, &l0, name), "{name}");
    }
    // By hand: 2 courses x 44 hours x 150 = 13,200 a year of volunteer time; 10 completers x
    // 0.25 = 2.5 recoveries a year at 100,000 (the mean) = 250,000 a year.
    let pv_year = Decimal::ONE + Decimal::ONE / d("1.04");
    let change = npv(&m1, &l1, "society") - npv(&m0, &l0, "society");
    assert_eq!(
        round_ore(change),
        round_ore((d("250000") - d("13200")) * pv_year)
    );
    let part = |k: usize| l1.society.parts[k].pv_society;
    assert_eq!(round_ore(part(3)), round_ore(d("-13200") * pv_year));
    assert_eq!(round_ore(part(4)), round_ore(d("250000") * pv_year));
}

#[test]
fn the_decomposition_is_in_json_csv_and_the_table() {
    let yaml = scenario(FACTORS_ONE, CASH_BENEFIT);
    let files = common::Files::new(&[("s.yaml", &yaml)]);
    let path = files.path("s.yaml");
    let json = common::run_json(&[], &path);
    let s = &json["base"]["society"];
    assert_eq!(s["net_tax_factor"], 1.0);
    let parts: Vec<&str> = (s["parts"].as_array().unwrap().iter())
        .map(|p| p["part"].as_str().unwrap())
        .collect();
    assert_eq!(
        parts,
        [
            "resource",
            "production",
            "transfer",
            "volunteer_time",
            "welfare",
            "tax_distortion"
        ]
    );
    assert_eq!(s["npv"], json["base"]["perspectives"]["society"]["npv"]);
    assert_eq!(s["npv_budgets"], json["base"]["perspectives"]["all"]["npv"]);
    assert!(s["parts"][3]["pv_budget"].is_null());

    let csv = common::succeed(
        common::somsim()
            .args(["run", "--format", "csv", "--society"])
            .arg(&path),
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "part,pv_budget,pv_society");
    assert_eq!(lines.len(), 8);
    assert!(
        lines[3].starts_with("transfer,19615.38,0.00"),
        "{}",
        lines[3]
    );
    assert!(lines[7].starts_with("npv,"));

    let table = common::succeed(common::somsim().args(["run", "--full"]).arg(&path));
    assert!(table.contains("Societal perspective (society)"), "{table}");
    assert!(table.contains("Transfers (net out)"));
    assert!(table.contains("Not valued in kroner: recovery"));
    let da = common::succeed(
        common::somsim()
            .args(["run", "--full", "--lang", "da"])
            .arg(&path),
    );
    assert!(da.contains("Samfundsøkonomisk perspektiv"));
}

#[test]
fn the_society_perspective_runs_in_the_monte_carlo_and_is_thread_invariant() {
    let yaml = scenario("", "").replace("effect: -0.5", "effect: { uniform: [-0.8, -0.2] }");
    let files = common::Files::new(&[("s.yaml", &yaml)]);
    let path = files.path("s.yaml");
    let one = common::thread_invariant(&["run", "--format", "json", "--trials", "2000"], &path);
    let one: serde_json::Value = serde_json::from_str(&one).unwrap();
    // Society = 1.28 x all in every trial here, so the means agree.
    let mean = |name: &str| {
        one["monte_carlo"]["perspectives"][name]["npv"]["mean"]
            .as_f64()
            .unwrap()
    };
    assert!((mean("society") - 1.28 * mean("all")).abs() < 0.05);
}

#[test]
fn the_factors_can_be_set_on_the_command_line() {
    let files = common::Files::new(&[("s.yaml", &scenario("", ""))]);
    let path = files.path("s.yaml");
    let json = common::run_json(
        &[
            "--set",
            "society.net_tax_factor=1",
            "--set",
            "society.tax_distortion=1",
        ],
        &path,
    );
    let p = &json["base"]["perspectives"];
    assert_eq!(p["society"]["npv"], p["all"]["npv"]);
    assert_eq!(json["base"]["society"]["source"], "set on the command line");
    // A factor below 1 is refused like any input error.
    let out = common::somsim()
        .args(["run", "--set", "society.net_tax_factor=0.5"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected a factor from 1 to 10"));
}

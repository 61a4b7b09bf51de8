//! A small scenario worked out by hand from MODEL.md's formulas, step by step, and the engine's
//! ledger compared with it to the øre: activity, shared costs, a price-year conversion, a grant
//! transfer, avoided costs with attrition and a profile, discounting, NPV, ROI and break-even.

use crate::common;

use std::str::FromStr;

use rust_decimal::Decimal;
use somsim::decimal::round_ore;
use somsim::ledger;
use somsim::model::Model;

const INDEX: &str = r#"
price_index:
  name: test index
  source: test
  values: { 2024: 80, 2025: 100 }
parameters:
  coordinator_salary:
    value: 80000
    unit: DKK per year
    price_year: 2024
    source: test
    year: 2024
"#;

const SCENARIO: &str = r#"
name: hand-worked
start_year: 2025
horizon: 3
price_year: 2025
assumptions: [assumptions.yaml]
payers: [fund]
perspectives: { fund: [fund] }
discounting: { rate: 0.05 }
attrition: 0.1
course:
  participants_per_course: 10
  completion_rate: 50%
  peers_per_course: 2
  volunteer_turnover: 0.5
municipalities:
  - { name: A, courses: [1, 2, 0] }
  - { name: B, courses: 0 }
costs:
  - name: coordinator
    driver: per_year
    unit_cost: coordinator_salary
    payer: kommune
    shared: { A: 0.5, B: 0.5 }
  - name: volunteer training
    driver: per_volunteer_trained
    unit_cost: 5000
    payer: kommune
transfers:
  - { name: grant, from: fund, to: kommune, amount: 50000, years: 2025 }
outcomes:
  - name: admissions
    baseline: 2
    effect: -0.10
    profile: [1.0, 0.5]
    unit_price: 50000
    payers: { region: 0.6, kommune: 0.4 }
"#;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn engine_matches_the_hand_calculation_to_the_ore() {
    let files = common::Files::new(&[("assumptions.yaml", INDEX), ("s.yaml", SCENARIO)]);
    let model = Model::load(&files.path("s.yaml")).expect("valid scenario");
    let l = ledger::compute(&model).expect("the ledger of a valid model");

    // Step 1. Activity of A (MODEL.md "Municipalities, courses and participants"):
    //   enrolled   = courses x 10         = [10, 20, 0]
    //   completers = enrolled x 0.5       = [5, 10, 0]
    //   volunteers = 2 x 1 (first active year), then 2 x 2 x 0.5 = [2, 2, 0]
    let a = &l.activity[0];
    assert_eq!(
        a.iter().map(|x| x.enrolled).collect::<Vec<_>>(),
        [d("10"), d("20"), d("0")]
    );
    assert_eq!(
        a.iter().map(|x| x.completers).collect::<Vec<_>>(),
        [d("5"), d("10"), d("0")]
    );
    assert_eq!(
        a.iter().map(|x| x.volunteers_trained).collect::<Vec<_>>(),
        [d("2"), d("2"), d("0")]
    );

    // Step 2. Costs. The coordinator's 80,000 in 2024 prices x (100 / 80) = 100,000 in 2025
    // prices, in each year A or B is active (2025, 2026), split 50/50 between A and B.
    // Training: 2 volunteers x 5,000 = 10,000 in 2025 and 2026. All borne by kommune.
    let coordinator = &l.lines[0].amounts;
    assert_eq!(coordinator, &[d("100000"), d("100000"), d("0")]);
    assert_eq!(model.conversions[0].factor, d("1.25"));
    let row = |year: usize, m: Option<usize>, payer: usize| {
        l.rows
            .iter()
            .find(|r| r.t == year && r.municipality == m && r.payer == payer)
            .unwrap()
            .flows
    };
    assert_eq!(row(0, Some(1), 0).costs, d("50000")); // B's half of the coordinator
    assert_eq!(row(0, Some(0), 0).costs, d("60000")); // A: half the coordinator + training

    // Step 3. Avoided cost (MODEL.md "Avoided costs"): per completer-year of weight,
    //   baseline x (-effect) x price = 2 x 0.10 x 50,000 = 10,000 kr.
    // weight(k) = survival(k) x profile(k) = [1 x 1.0, 0.9 x 0.5, 0] = [1, 0.45, 0]
    //   2025: 5 x 1                 = 5      -> 50,000
    //   2026: 10 x 1 + 5 x 0.45     = 12.25  -> 122,500
    //   2027: 0 x 1 + 10 x 0.45 + 0 = 4.5    -> 45,000
    // region bears 60%: [30,000, 73,500, 27,000]; kommune 40%: [20,000, 49,000, 18,000].
    // (Lines are listed costs first, then transfers, then benefits.)
    assert_eq!(l.lines[3].name, "admissions");
    assert_eq!(l.lines[3].amounts, [d("50000"), d("122500"), d("45000")]);

    // Step 4. Net per payer = avoided - costs + transfers in - transfers out:
    //   kommune: [20,000 - 110,000 + 50,000, 49,000 - 110,000, 18,000] = [-40,000, -61,000, 18,000]
    //   region:  [30,000, 73,500, 27,000];  fund: [-50,000, 0, 0]
    let by_name = |n: &str| l.perspectives.iter().find(|p| p.name == n).unwrap();
    let nets = |n: &str| by_name(n).flows.iter().map(|f| f.net()).collect::<Vec<_>>();
    assert_eq!(nets("kommune"), [d("-40000"), d("-61000"), d("18000")]);
    assert_eq!(nets("region"), [d("30000"), d("73500"), d("27000")]);
    assert_eq!(nets("fund"), [d("-50000"), d("0"), d("0")]);

    // Step 5. Discounting at a flat 5%: DF = [1, 1/1.05, 1/1.05^2].
    //   NPV kommune = -40,000 - 61,000/1.05 + 18,000/1.1025 = -81,768.71
    //   NPV region  = 30,000 + 73,500/1.05 + 27,000/1.1025  = 124,489.80
    //   NPV public  = -10,000 + 12,500/1.05 + 45,000/1.1025 = 42,721.09
    //   NPV all     = public - 50,000 (the grant)           = -7,278.91
    let npv = |n: &str| round_ore(by_name(n).npv);
    assert_eq!(npv("kommune"), d("-81768.71"));
    assert_eq!(npv("region"), d("124489.80"));
    assert_eq!(npv("public"), d("42721.09"));
    assert_eq!(npv("all"), d("-7278.91"));
    assert_eq!(npv("fund"), d("-50000.00"));
    assert_eq!(npv("stat"), d("0"));

    // Step 6. PV benefits, PV net cost and ROI of the public sector:
    //   PV benefits = 50,000 + 122,500/1.05 + 45,000/1.1025 = 207,482.99
    //   PV net cost = (110,000 - 50,000) + 110,000/1.05     = 164,761.90
    //   ROI = 207,482.99 / 164,761.90 = 1.2593
    let public = by_name("public");
    assert_eq!(round_ore(public.pv_benefits), d("207482.99"));
    assert_eq!(round_ore(public.pv_net_cost), d("164761.90"));
    assert_eq!(public.roi.unwrap().round_dp(4), d("1.2593"));
    // The region has no net cost: its ROI is undefined, not a number.
    assert_eq!(by_name("region").roi, None);

    // Step 7. Break-even (sustained): CDN public = [-10,000, 1,904.76, 42,721.09] -> 2026, the
    // 2nd year; CDN kommune ends at -81,768.71 -> none; the region is never below zero -> 2025.
    assert_eq!(
        by_name("public")
            .cumulative
            .iter()
            .map(|x| round_ore(*x))
            .collect::<Vec<_>>(),
        [d("-10000"), d("1904.76"), d("42721.09")]
    );
    assert_eq!(by_name("public").break_even, Some(1));
    assert_eq!(by_name("kommune").break_even, None);
    assert_eq!(by_name("region").break_even, Some(0));

    // Step 8. Cost per participant (public, undiscounted): net cost 170,000 / 30 enrolled.
    assert_eq!(by_name("public").net_cost, d("170000"));
    assert_eq!(
        round_ore(by_name("public").net_cost_per_participant.unwrap()),
        d("5666.67")
    );
}

#[test]
fn json_output_carries_the_same_numbers() {
    let files = common::Files::new(&[("assumptions.yaml", INDEX), ("s.yaml", SCENARIO)]);
    let v = common::run_json(&[], &files.path("s.yaml"));
    let p = &v["base"]["perspectives"]["public"];
    assert_eq!(p["npv"], serde_json::json!(42721.09));
    assert_eq!(p["break_even_year"], serde_json::json!(2026));
    assert_eq!(p["years_to_break_even"], serde_json::json!(2));
    assert_eq!(
        v["base"]["perspectives"]["kommune"]["break_even_year"],
        serde_json::Value::Null
    );
    assert_eq!(
        v["base"]["perspectives"]["region"]["roi"],
        serde_json::Value::Null
    );
    assert_eq!(v["price_year"], serde_json::json!(2025));
    // 3 years x (2 municipalities + the national row of the unallocated grant) x 4 payers.
    let rows = v["base"]["ledger"].as_array().unwrap();
    assert_eq!(rows.len(), 36);
    let grant_row = rows
        .iter()
        .find(|r| r["year"] == 2025 && r["municipality"] == "national" && r["payer"] == "kommune")
        .unwrap();
    assert_eq!(grant_row["transfers"], serde_json::json!(50000.0));
}

/// The coordinator cost follows the coordinators needed (`per_coordinator`): each year the
/// courses of the municipalities a line serves over the courses one coordinator runs, rounded
/// up, by hand; the kernel agrees (`kernel_vs_ledger`).
#[test]
fn coordinators_follow_the_courses_they_run() {
    let files = common::Files::new(&[(
        "s.yaml",
        r#"
name: coordinators needed
start_year: 2025
horizon: 4
price_year: 2025
course: { participants_per_course: 8, completion_rate: 0.75, peers_per_course: 2, volunteer_turnover: 0.5 }
municipalities:
  - { name: A, courses: [5, 13, 24, 0] }
  - { name: B, courses: 1 }
costs:
  - { name: pair, driver: per_coordinator, courses_per_coordinator: 12, unit_cost: 400000, payer: kommune, shared: { A: 0.5, B: 0.5 } }
  - { name: own, driver: per_coordinator, courses_per_coordinator: 6, quantity: 0.5, unit_cost: 1000, payer: kommune }
"#,
    )]);
    let model = Model::load(&files.path("s.yaml")).expect("valid scenario");
    let l = ledger::compute(&model).expect("the ledger of a valid model");
    // The pair: A + B = [6, 14, 25, 1] courses, 12 a coordinator: [1, 2, 3, 1] coordinators.
    assert_eq!(
        l.lines[0].amounts,
        [d("400000"), d("800000"), d("1200000"), d("400000")]
    );
    // Each on its own, 6 a coordinator: A [1, 3, 4, 0], B [1, 1, 1, 1]; 0.5 x 1,000 each.
    assert_eq!(
        l.lines[1].amounts,
        [d("1000"), d("2000"), d("2500"), d("500")]
    );
    let a_costs = |t: usize| {
        (l.rows.iter())
            .find(|r| r.t == t && r.municipality == Some(0) && r.payer == 0)
            .unwrap()
            .flows
            .costs
    };
    // A's half of the pair's, and its own: 2026: 400,000 + 3 x 500.
    assert_eq!(a_costs(1), d("401500"));
}

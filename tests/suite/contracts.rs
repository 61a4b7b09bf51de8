//! Contracts (`docs/model.md`, "Contracts"): the model's worked checks through the whole
//! engine, a hand-worked multi-year contract to the øre, and properties over Monte Carlo trials.

use crate::common;

use rust_decimal::Decimal;
use somsim::kernel::contract_field as f;
use somsim::ledger;
use somsim::model::Model;
use somsim::montecarlo::Simulation;

/// One municipality with 100 completers in 2025 (10 courses x 10 participants, all complete),
/// a one-off cost of 1,000,000 in 2025 that `dsi` pre-finances, and `contract` (YAML lines).
fn worked(contract: &str) -> Model {
    let text = format!(
        r#"
name: worked check
start_year: 2025
horizon: 3
price_year: 2025
payers: [dsi, fund]
discounting: {{ rate: 0.035 }}
course: {{ participants_per_course: 10, completion_rate: 1, peers_per_course: 2, volunteer_turnover: 0.5 }}
municipalities:
  - {{ name: A, courses: [10, 0, 0] }}
costs:
  - {{ name: launch, driver: one_off, unit_cost: 1000000, payer: kommune, years: 2025 }}
contracts:
  - name: deal
    investor: dsi
    prefinance: [{{ cost: launch, years: 2025 }}]
    outcome_payers: {{ kommune: 1 }}
    last_year: 2026
{contract}
"#
    );
    let files = common::Files::new(&[("s.yaml", &text)]);
    Model::load(&files.path("s.yaml")).unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn the_worked_checks_of_the_model_hold() {
    // 100 completers x 10,700 kr. due one year later: 1,070,000.
    let card = "    rate_card: [{ metric: completers, price: 10700, lag: 1 }]";
    let m = worked(card);
    let c = &ledger::compute(&m).unwrap().contracts[0];
    assert_eq!(c.total_invested, d("1000000"));
    assert_eq!(c.paid, vec![d("0"), d("1070000"), d("0")]);
    assert!((c.irr.unwrap() - 0.07).abs() < 1e-12);
    assert_eq!(c.moic, Some(d("1.07")));

    let m = worked(&format!("{card}\n    return_cap: 0.05"));
    let c = &ledger::compute(&m).unwrap().contracts[0];
    assert_eq!(c.total_received, d("1050000"));
    assert!((c.irr.unwrap() - 0.05).abs() < 1e-12);
    assert!(c.bound.return_cap);

    let nothing = "    rate_card: [{ metric: completers, price: 0, lag: 1 }]";
    let c = &ledger::compute(&worked(nothing)).unwrap().contracts[0];
    assert_eq!(c.irr, Some(-1.0));
    assert_eq!(c.loss, d("1000000"));

    let m = worked(&format!(
        "{nothing}\n    guarantee: {{ guarantor: fund, amount: 300000 }}"
    ));
    let l = ledger::compute(&m).unwrap();
    let c = &l.contracts[0];
    assert_eq!(c.end.guarantee, d("300000"));
    assert_eq!(c.investor_flows[1], d("300000"));
    assert_eq!(c.moic, Some(d("0.3")));
    // The guarantee is a transfer from the fund to the investor in the last year.
    let fund = m.payer_id("fund").unwrap();
    let paid_by_fund: Decimal = l
        .rows
        .iter()
        .filter(|r| r.payer == fund && r.t == 1)
        .map(|r| r.flows.contract)
        .sum();
    assert_eq!(paid_by_fund, d("-300000"));
}

/// A hand-worked contract over several years. Municipality A runs 5 courses of 10 participants
/// a year in 2025-2027; 80% complete: 40 completers a year. The coordinator costs 400,000 a
/// year (kommune). The investor pre-finances 50% of it in 2025 and 2026: 200,000 each year.
/// The rate card pays 6,000 per completer of the 2025-2026 cohorts, one year later:
/// 240,000 due in 2026 and in 2027. The contract cap is 420,000, so 2027 pays only 180,000.
///
/// | year | invested | due     | paid    | investor net |
/// |------|----------|---------|---------|--------------|
/// | 2025 | 200,000  | 0       | 0       | -200,000     |
/// | 2026 | 200,000  | 240,000 | 240,000 | 40,000       |
/// | 2027 | 0        | 240,000 | 180,000 | 180,000      |
///
/// MOIC = 420,000 / 400,000 = 1.05. The kommune's delta at 3.5%: it receives 200,000 in 2025
/// and 200,000 in 2026 and pays 240,000 in 2026 and 180,000 in 2027:
/// 200,000 - 40,000 / 1.035 - 180,000 / 1.035^2 = 200,000 - 38,647.342995... - 168,032.04...
#[test]
fn a_hand_worked_contract_matches_to_the_ore() {
    let text = r#"
name: hand-worked
start_year: 2025
horizon: 4
price_year: 2025
payers: [dsi]
discounting: { rate: 0.035 }
course: { participants_per_course: 10, completion_rate: 0.8, peers_per_course: 2, volunteer_turnover: 0.5 }
municipalities:
  - { name: A, courses: [5, 5, 5, 0] }
costs:
  - { name: coordinator, driver: per_year, unit_cost: 400000, payer: kommune }
contracts:
  - name: deal
    investor: dsi
    prefinance: [{ cost: coordinator, share: 0.5, years: [2025, 2026] }]
    rate_card: [{ metric: completers, price: 6000, lag: 1 }]
    outcome_payers: { kommune: 1 }
    cap: 420000
    last_year: 2028
"#;
    let files = common::Files::new(&[("s.yaml", text)]);
    let m = Model::load(&files.path("s.yaml")).unwrap();
    let l = ledger::compute(&m).unwrap();
    let c = &l.contracts[0];
    assert_eq!(c.invested, vec![d("200000"), d("200000"), d("0"), d("0")]);
    assert_eq!(
        c.items[0].due,
        vec![d("0"), d("240000"), d("240000"), d("0")]
    );
    assert_eq!(c.paid, vec![d("0"), d("240000"), d("180000"), d("0")]);
    assert!(c.bound.cap);
    assert_eq!(
        c.investor_flows,
        vec![d("-200000"), d("40000"), d("180000"), d("0")]
    );
    assert_eq!(c.moic, Some(d("1.05")));
    let df1 = Decimal::ONE / d("1.035");
    let df2 = df1 / d("1.035");
    let kommune = d("200000") + d("200000") * df1 - d("240000") * df1 - d("180000") * df2;
    assert_eq!(c.delta[0].round_dp(2), kommune.round_dp(2));
    assert_eq!(c.delta[3].round_dp(2), (-kommune).round_dp(2));
    // Perspective `all` is the same as without the contract; kommune's NPV moves by delta.
    let without = ledger::compute(&worked_without(text)).unwrap();
    let npv = |l: &ledger::Ledger, name: &str| {
        l.perspectives.iter().find(|p| p.name == name).unwrap().npv
    };
    assert_eq!(npv(&l, "all"), npv(&without, "all"));
    let moved = npv(&l, "kommune") - npv(&without, "kommune");
    assert!(
        (moved - c.delta[0]).abs() < d("0.000001"),
        "{moved} vs {}",
        c.delta[0]
    );
    common::kernel_matches_ledger(&m);
}

/// A trigger on a metric reads its units by the end of the term: the hand-worked contract's
/// window (2025 and 2026) has 40 + 40 = 80 completers, so `at_least: 80` pays as without a
/// trigger and `at_least: 81` pays nothing; the kernel agrees with the ledger on both, and on
/// a fixture with triggers on the item's own metric and on use avoided.
#[test]
fn a_trigger_on_a_metric_reads_its_units_by_the_end_of_the_term() {
    let text = |at_least: &str| {
        format!(
            r#"
name: trigger on a count
start_year: 2025
horizon: 4
price_year: 2025
payers: [dsi]
discounting: {{ rate: 0.035 }}
course: {{ participants_per_course: 10, completion_rate: 0.8, peers_per_course: 2, volunteer_turnover: 0.5 }}
municipalities:
  - {{ name: A, courses: [5, 5, 5, 0] }}
costs:
  - {{ name: coordinator, driver: per_year, unit_cost: 400000, payer: kommune }}
contracts:
  - name: deal
    investor: dsi
    prefinance: [{{ cost: coordinator, share: 0.5, years: [2025, 2026] }}]
    rate_card: [{{ metric: completers, price: 6000, lag: 1, trigger: {{ metric: completers, at_least: {at_least} }} }}]
    outcome_payers: {{ kommune: 1 }}
    last_year: 2028
"#
        )
    };
    for (at_least, met, due) in [("80", true, "240000"), ("81", false, "0")] {
        let files = common::Files::new(&[("s.yaml", &text(at_least))]);
        let m = Model::load(&files.path("s.yaml")).unwrap();
        let c = &ledger::compute(&m).unwrap().contracts[0];
        assert_eq!(c.items[0].trigger_met, Some(met), "at least {at_least}");
        assert_eq!(c.items[0].due, vec![d("0"), d(due), d(due), d("0")]);
        common::kernel_matches_ledger(&m);
    }
    let fixture = Model::load(&common::root().join("tests/fixtures/trigger-on-a-metric.yaml"));
    let fixture = fixture.unwrap();
    let met: Vec<_> = (ledger::compute(&fixture).unwrap().contracts[0].items.iter())
        .map(|i| i.trigger_met)
        .collect();
    assert_eq!(met, [Some(true), Some(false), Some(true)]);
    common::kernel_matches_ledger(&fixture);
}

/// Over the trials, a trigger on the window's completers is the trigger on the completion
/// rate that gives them (10 participants in each of 10 courses: completers = 100 x rate), trial
/// by trial: the same P(met) and the same investor results.
#[test]
fn a_trigger_on_completers_is_the_trigger_on_the_rate_that_makes_them() {
    let contract = |name: &str, trigger: &str| {
        format!(
            r#"  - name: {name}
    investor: dsi
    prefinance: [{{ cost: coordinator, share: 0.5, years: [2025, 2026] }}]
    rate_card: [{{ metric: completers, price: 6000, lag: 1, trigger: {trigger} }}]
    outcome_payers: {{ kommune: 1 }}
    last_year: 2028
"#
        )
    };
    let text = format!(
        r#"name: two triggers
start_year: 2025
horizon: 4
price_year: 2025
payers: [dsi]
assumptions: [a.yaml]
discounting: {{ rate: 0.035 }}
course: {{ participants_per_course: 10, completion_rate: completion, peers_per_course: 2, volunteer_turnover: 0.5 }}
municipalities:
  - {{ name: A, courses: [5, 5, 5, 0] }}
costs:
  - {{ name: coordinator, driver: per_year, unit_cost: 400000, payer: kommune }}
contracts:
{}{}"#,
        contract("count", "{ metric: completers, at_least: 72 }"),
        contract("rate", "{ input: completion, at_least: 0.72 }")
    );
    let assumptions = "parameters:
  completion:
    value: { beta: { mean: 0.7, sd: 0.1 } }
    unit: share of participants who complete
    source: estimate
    note: for the test
    year: 2025
";
    let files = common::Files::new(&[("s.yaml", &text), ("a.yaml", assumptions)]);
    let json = common::run_json(&["--trials", "2000"], &files.path("s.yaml"));
    let c = &json["contracts"];
    let p = |k: usize| {
        c[k]["monte_carlo"]["prob_trigger_met"]["completers"]
            .as_f64()
            .unwrap()
    };
    assert!(p(0) > 0.2 && p(0) < 0.8, "P(met) {}", p(0));
    assert_eq!(p(0), p(1));
    assert_eq!(
        c[0]["monte_carlo"]["investor_net"],
        c[1]["monte_carlo"]["investor_net"]
    );
    assert_eq!(c[0]["monte_carlo"]["delta"], c[1]["monte_carlo"]["delta"]);
}

fn worked_without(text: &str) -> Model {
    let cut = text.find("contracts:").unwrap();
    let files = common::Files::new(&[("s.yaml", &text[..cut])]);
    Model::load(&files.path("s.yaml")).unwrap()
}

use common::uncertain_contract as uncertain;

fn rows(m: &Model, trials: usize) -> somsim::montecarlo::Outputs {
    Simulation::new(m).run_summarized(7, trials).0
}

#[test]
fn every_feature_agrees_between_kernel_and_ledger() {
    let m = uncertain(
        r#"    rate_card:
      - { metric: recovery, price: 30000, lag: 1, cap: 600000, trigger: { input: 0.24, at_least: 0.15 } }
      - { metric: support, price: 600, lag: 2 }
      - { metric: completers, price: 1000 }
    gain_share: { share: 0.3, of: [kommune], lag: 1 }
    cap: 1500000
    return_cap: 0.08
    floor: { share: 0.5, payer: kommune }
    guarantee: { guarantor: fund, amount: 100000 }"#,
    );
    common::kernel_matches_ledger(&m);
}

#[test]
fn the_return_cap_bounds_the_irr_in_every_trial() {
    let m = uncertain(
        "    rate_card: [{ metric: recovery, price: 60000, lag: 1 }]\n    return_cap: 0.05",
    );
    let out = rows(&m, 2000);
    let irr = out.contract_field(0, f::IRR);
    assert!(irr.iter().any(|r| *r > 0.04), "the cap should be reached");
    for r in irr.iter().filter(|r| !r.is_nan()) {
        assert!(*r <= 0.05 + 1e-9, "IRR {r} above the cap");
    }
    // Contract flows never change `all`: same draws, same `all` NPV with and without.
    let without = uncertain_without_contract();
    let all = |m: &Model| m.perspectives.iter().position(|p| p.name == "all").unwrap();
    let (a, b) = (
        out.npv_of(all(&m)),
        rows(&without, 2000).npv_of(all(&without)),
    );
    for (x, y) in a.iter().zip(&b) {
        assert!((x - y).abs() <= 1e-6 * (1.0 + y.abs()));
    }
}

fn uncertain_without_contract() -> Model {
    let m = uncertain("    rate_card: [{ metric: recovery, price: 0 }]");
    let mut m2 = m.clone();
    m2.contracts.clear();
    m2
}

#[test]
fn a_higher_price_never_pays_the_investor_less() {
    let low = rows(
        &uncertain("    rate_card: [{ metric: recovery, price: 20000, lag: 1 }]"),
        1000,
    );
    let high = rows(
        &uncertain("    rate_card: [{ metric: recovery, price: 25000, lag: 1 }]"),
        1000,
    );
    let (a, b) = (
        low.contract_field(0, f::RECEIVED),
        high.contract_field(0, f::RECEIVED),
    );
    assert!(a.iter().zip(&b).all(|(x, y)| y >= x));
    assert!(a.iter().zip(&b).any(|(x, y)| y > x));
}

#[test]
fn with_every_price_zero_the_investor_loses_everything() {
    let out = rows(
        &uncertain("    rate_card: [{ metric: recovery, price: 0 }]"),
        500,
    );
    let (inv, rec) = (
        out.contract_field(0, f::INVESTED),
        out.contract_field(0, f::RECEIVED),
    );
    assert!(rec.iter().all(|r| *r == 0.0));
    assert_eq!(out.contract_field(0, f::LOSS), inv);
    assert!(out.contract_field(0, f::IRR).iter().all(|r| *r == -1.0));
}

#[test]
fn a_larger_guarantee_lowers_the_probability_of_loss() {
    let p_loss = |g: u32| {
        let m = uncertain(&format!(
            "    rate_card: [{{ metric: recovery, price: 25000, lag: 1 }}]\n    guarantee: {{ guarantor: fund, amount: {g} }}"
        ));
        let out = rows(&m, 2000);
        somsim::contracts::summarize(&out, 0, 1).prob_loss
    };
    let ps: Vec<f64> = [0, 100_000, 300_000, 2_000_000]
        .iter()
        .map(|g| p_loss(*g))
        .collect();
    assert!(ps[0] > 0.1, "{ps:?}");
    assert!(ps.windows(2).all(|w| w[1] <= w[0]), "{ps:?}");
    assert_eq!(ps[3], 0.0, "{ps:?}");
}

#[test]
fn contract_results_are_identical_for_any_thread_count() {
    let file = common::root().join("contracts/intensive-dsi.yaml");
    let one = common::thread_invariant(&["run", "--format", "json", "--trials", "3000"], &file);
    let json: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert!(json["contracts"][0]["monte_carlo"]["prob_loss"].is_number());
}

#[test]
fn the_contract_file_schema_names_every_term() {
    let out = common::succeed(common::somsim().args(["schema", "--contracts"]));
    for term in [
        "return_cap",
        "guarantee",
        "rate_card",
        "outcome_payers",
        "last_year",
        "trigger",
        "stack",
        "seniority",
        "first_loss",
    ] {
        assert!(out.contains(term), "schema lacks {term}");
    }
}

#[test]
fn contract_results_in_csv_are_the_json_values() {
    let file = common::root().join("contracts/intensive-dsi.yaml");
    let json = common::run_json(&["--trials", "2000"], &file);
    let text = common::succeed(
        common::somsim()
            .args(["run", "--trials", "2000", "--format", "csv", "--contracts"])
            .arg(&file),
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["contract", "field", "value"]
    );
    let mut rows = 0;
    for row in reader.records() {
        let row = row.unwrap();
        assert_eq!(&row[0], "DSI betalingsmodel");
        let v = json["contracts"][0].pointer(&row[1]).expect(&row[1]);
        match v {
            serde_json::Value::Null => assert_eq!(&row[2], ""),
            serde_json::Value::String(s) => assert_eq!(&row[2], s),
            serde_json::Value::Number(n) => {
                assert_eq!(
                    row[2].parse::<f64>().unwrap(),
                    n.as_f64().unwrap(),
                    "{}",
                    &row[1]
                )
            }
            other => assert_eq!(row[2], other.to_string()),
        }
        rows += 1;
    }
    assert!(rows > 100);
    for field in [
        "/monte_carlo/prob_loss",
        "/monte_carlo/delta/kommune/prob_worse",
    ] {
        assert!(text.contains(&format!(",{field},")), "{field}");
    }
}

#[test]
fn compare_shows_the_investor_risk_of_each_contract_variant() {
    let original = std::fs::read_to_string(common::root().join("contracts/intensive-dsi.yaml"))
        .unwrap()
        .replace(
            "scenario: ../scenarios/intensive.yaml",
            &format!(
                "scenario: {}",
                common::root().join("scenarios/intensive.yaml").display()
            ),
        );
    let richer = original.replace("amount: 750000", "amount: 2000000");
    assert_ne!(original, richer);
    let files = common::Files::new(&[("a.yaml", &original), ("b.yaml", &richer)]);
    let out = common::succeed(
        common::somsim()
            .args(["compare", "--trials", "2000", "--format", "json"])
            .arg(files.path("a.yaml"))
            .arg(files.path("b.yaml")),
    );
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = j["contracts"].as_array().unwrap();
    assert_eq!(c.len(), 2);
    let p = |i: usize| {
        c[i]["contract"]["monte_carlo"]["prob_loss"]
            .as_f64()
            .unwrap()
    };
    // The same trials as a run of the first alone, and a larger guarantee loses less often.
    let alone = common::run_json(&["--trials", "2000"], &files.path("a.yaml"));
    assert_eq!(
        p(0),
        alone["contracts"][0]["monte_carlo"]["prob_loss"]
            .as_f64()
            .unwrap()
    );
    assert!(p(1) < p(0), "{} against {}", p(1), p(0));
    // Contract flows cancel in `all`: no variant "beats" the other there.
    assert_eq!(
        j["perspectives"]["all"]["differences"][0]["prob_beats_first"],
        serde_json::json!(0.0)
    );
    let table = common::succeed(
        common::somsim()
            .args(["compare", "--trials", "2000"])
            .arg(files.path("a.yaml"))
            .arg(files.path("b.yaml")),
    );
    assert!(table.contains("Contracts, on the same trials"));
    assert!(table.contains("[2] DSI betalingsmodel"));
}

#[test]
fn a_contracts_yearly_flows_add_up_to_its_totals_in_every_trial() {
    let model = Model::load(&common::root().join("contracts/intensive-dsi.yaml")).unwrap();
    let mut sim = Simulation::new(&model);
    sim.plan.keep_contract_years();
    sim.plan.keep_cumulative();
    let (out, summary) = sim.run_summarized(3, 2000);
    let y = sim.plan.contract_years(0).unwrap();
    let sum = |at: usize, i: usize| -> f64 {
        (0..y.horizon)
            .map(|t| out.contract_field(0, at + t)[i])
            .sum()
    };
    let (invested, received) = (
        out.contract_field(0, f::INVESTED),
        out.contract_field(0, f::RECEIVED),
    );
    let (top, gua) = (
        out.contract_field(0, f::TOP_UP),
        out.contract_field(0, f::GUARANTEE),
    );
    for i in 0..out.trials {
        assert!(
            (sum(y.invested, i) - invested[i]).abs() < 1e-6,
            "trial {i} invested"
        );
        let got = sum(y.paid, i) + top[i] + gua[i];
        assert!((got - received[i]).abs() < 1e-6, "trial {i} received");
    }
    let bands = somsim::contracts::years(&out, 0, &model.contracts[0], y);
    // What the payers pay the investor, added up, is what it receives (on average: linear).
    let paying: f64 = (bands.payers.iter())
        .map(|(_, ys)| ys.iter().map(|d| d.mean).sum::<f64>())
        .sum();
    let got: f64 = bands.received.iter().map(|d| d.mean).sum();
    assert!(
        (paying - got).abs() < 1e-6 * got.abs().max(1.0),
        "{paying} vs {got}"
    );
    // Outstanding is never below 0.
    assert!(bands.outstanding.iter().all(|d| d.p5 >= 0.0));
    // Each year's net, discounted and added up, is the NPV (means are linear).
    let nets = sim.yearly_nets(&out);
    let df: Vec<f64> = model
        .discount_factors()
        .into_iter()
        .map(somsim::decimal::to_f64)
        .collect();
    for (j, years) in nets.iter().enumerate() {
        let npv: f64 = years.iter().zip(&df).map(|(d, f)| d.mean * f).sum();
        let mean = summary.perspectives[j].npv.mean;
        assert!(
            (npv - mean).abs() <= 1e-6 * mean.abs().max(1.0),
            "perspective {j}: {npv} vs {mean}"
        );
    }
}

/// `--set` reaches a contract's terms: the same as the contract file written with them, and a
/// term the file does not have is an input error naming it.
#[test]
fn set_changes_contract_terms_as_the_file_would() {
    let dir = common::Files::new(&[]);
    let text =
        std::fs::read_to_string(common::root().join("contracts/intensive-dsi.yaml")).unwrap();
    let scenario = common::root().join("scenarios/intensive.yaml");
    let edited = text
        .replace(
            "scenario: ../scenarios/intensive.yaml",
            &format!("scenario: {}", scenario.display()),
        )
        .replace("price: 30000", "price: 40000")
        .replace("return_cap: 0.05", "return_cap: 0.08");
    assert_ne!(edited, text);
    let file = dir.path("edited.yaml");
    std::fs::write(&file, edited).unwrap();
    let run = |args: &[&str], f: &std::path::Path| -> serde_json::Value {
        let out = common::succeed(
            common::somsim()
                .args(["run", "--trials", "300", "--format", "json"])
                .args(args)
                .arg(f),
        );
        serde_json::from_str(&out).unwrap()
    };
    let set = run(
        &[
            "--set",
            "contracts[DSI betalingsmodel].rate_card[recovery].price=40000",
            "--set",
            "contracts[0].return_cap=8%",
        ],
        &common::root().join("contracts/intensive-dsi.yaml"),
    );
    let written = run(&[], &file);
    assert_eq!(set["contracts"], written["contracts"]);
    assert_eq!(set["monte_carlo"], written["monte_carlo"]);
    let missing = common::somsim()
        .args([
            "run",
            "--trials",
            "0",
            "--set",
            "contracts[0].floor.share=0.5",
        ])
        .arg(common::root().join("contracts/intensive-dsi.yaml"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("has no `floor`"));
}

//! The deal space (`somsim deal`): every combination settled on the stored trials equals a
//! simulation of the contract with those terms written in, and both sides' limits read right.

use crate::common;

use common::uncertain_contract;
use rust_decimal::Decimal;
use somsim::contracts::deal::{self, Axis, Limits, Term};
use somsim::contracts::summarize;
use somsim::montecarlo::{Simulation, Stop};

const TRIALS: usize = 3000;
const SEED: u64 = 11;

/// Every term a grid can vary, as the YAML of the contract, with these values.
fn terms(
    price: &str,
    item_cap: &str,
    cap: &str,
    rc: &str,
    floor: &str,
    g: &str,
    gs: &str,
) -> String {
    format!(
        r#"    rate_card:
      - {{ name: recovery, metric: recovery, price: {price}, lag: 1, cap: {item_cap}, trigger: {{ input: 0.24, at_least: 0.15 }} }}
      - {{ metric: support, price: 600, lag: 2 }}
    gain_share: {{ share: {gs}, of: [kommune], lag: 1 }}
    cap: {cap}
    return_cap: {rc}
    floor: {{ share: {floor}, payer: kommune }}
    guarantee: {{ guarantor: fund, amount: {g} }}"#
    )
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn axis(term: Term, name: &str, values: &[&str]) -> Axis {
    Axis {
        term,
        name: name.into(),
        values: values.iter().map(|v| d(v)).collect(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn each_combination_equals_a_simulation_with_its_terms_written_in() {
    let base = ["30000", "600000", "1500000", "0.08", "0.5", "100000", "0.3"];
    let model = uncertain_contract(&terms(
        base[0], base[1], base[2], base[3], base[4], base[5], base[6],
    ));
    let mut sim = Simulation::new(&model);
    sim.plan.keep_deal_basis();
    let basis = sim.plan.deal_basis(0).unwrap();
    let (out, _) = sim.run(SEED, Stop::Trials(TRIALS), &|_, _| {});
    let axes = vec![
        axis(
            Term::Price(0),
            "price[recovery]",
            &["10000", "30000", "80000"],
        ),
        axis(Term::ItemCap(0), "cap[recovery]", &["600000", "5000000"]),
        axis(Term::Cap, "cap", &["1500000", "400000"]),
        axis(Term::ReturnCap, "return_cap", &["0.08", "0.02"]),
        axis(Term::Floor, "floor", &["0.5", "0"]),
        axis(Term::Guarantee, "guarantee", &["100000", "0"]),
        axis(Term::GainShare, "gain_share", &["0.3", "0"]),
    ];
    assert_eq!(deal::size(&axes), 3 * 64);
    let grid = deal::evaluate(&model, &out, basis, 0, axes, Limits::default(), true);
    // A sample of combinations, each against a run of its own.
    for p in grid.points.iter().step_by(17) {
        let v: Vec<String> = p.values.iter().map(|x| x.normalize().to_string()).collect();
        let m = uncertain_contract(&terms(&v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6]));
        let (own, _) = Simulation::new(&m).run(SEED, Stop::Trials(TRIALS), &|_, _| {});
        let s = summarize(&own, 0, 2);
        let at = format!("at {v:?}");
        assert_eq!(p.investor.prob_loss, s.prob_loss, "{at}");
        assert!(close(p.investor.expected_loss, s.expected_loss), "{at}");
        assert!(close(p.investor.worst_tail_mean, s.worst_tail_mean), "{at}");
        assert!(
            close(p.investor.moic_mean, s.moic.as_ref().unwrap().mean),
            "{at}"
        );
        assert!(close(p.investor.net.p50, s.net.p50), "{at}");
        let irr = p.investor.irr.unwrap().unwrap();
        assert!(close(irr.p50, s.irr.as_ref().unwrap().p50), "{at}");
        let kommune = m.payer_id("kommune").unwrap();
        let r = &p.payers[0];
        assert_eq!(r.payer, kommune);
        assert!(close(r.mean_delta, s.delta[kommune].0.mean), "{at}");
        assert_eq!(r.prob_worse, s.delta[kommune].1, "{at}");
    }
}

#[test]
fn limits_mark_the_combinations_and_the_acceptable_prices() {
    let model = uncertain_contract(
        "    rate_card: [{ name: recovery, metric: recovery, price: 1, lag: 1 }]\n    guarantee: { guarantor: fund, amount: 1 }",
    );
    let mut sim = Simulation::new(&model);
    sim.plan.keep_deal_basis();
    let basis = sim.plan.deal_basis(0).unwrap();
    let (out, _) = sim.run(SEED, Stop::Trials(TRIALS), &|_, _| {});
    let prices: Vec<String> = (0..=16).map(|i| (i * 10_000).to_string()).collect();
    let prices: Vec<&str> = prices.iter().map(String::as_str).collect();
    let axes = vec![
        axis(Term::Guarantee, "guarantee", &["0", "300000"]),
        axis(Term::Price(0), "price[recovery]", &prices),
    ];
    let limits = Limits {
        max_loss_prob: Some(0.2),
        max_payer_worse_prob: Some(0.5),
    };
    let grid = deal::evaluate(&model, &out, basis, 0, axes, limits, false);
    assert_eq!(grid.price_axis, Some(1));
    assert_eq!(grid.prices.len(), 2);
    for (g, range) in grid.points.chunks(prices.len()).zip(&grid.prices) {
        // The investor's P(loss) never rises with the price; the payer's P(worse) never falls.
        assert!(
            g.windows(2)
                .all(|w| w[1].investor.prob_loss <= w[0].investor.prob_loss)
        );
        assert!(
            g.windows(2)
                .all(|w| w[1].payers[0].prob_worse >= w[0].payers[0].prob_worse)
        );
        for p in g {
            assert_eq!(p.investor_accepts, p.investor.prob_loss <= 0.2);
            assert_eq!(p.payers_accept, p.payers[0].prob_worse <= 0.5);
        }
        let lowest = g.iter().find(|p| p.investor_accepts).map(|p| p.values[1]);
        let highest = g
            .iter()
            .rev()
            .find(|p| p.payers_accept)
            .map(|p| p.values[1]);
        assert_eq!(range.investor_lowest, lowest);
        assert_eq!(range.payer_highest, vec![highest]);
        let both: Vec<Decimal> = (g.iter())
            .filter(|p| p.investor_accepts && p.payers_accept)
            .map(|p| p.values[1])
            .collect();
        assert_eq!(range.both, both);
    }
    // With no price the investor loses; at 160,000 per recovery it does not, and the
    // guarantee lowers the price it needs.
    let (without, with) = (&grid.prices[0], &grid.prices[1]);
    assert!(without.investor_lowest.is_some());
    assert!(with.investor_lowest <= without.investor_lowest);
    assert_eq!(grid.points[0].investor.prob_loss, 1.0);
}

fn deal_cli(threads: &str, extra: &[&str]) -> std::process::Output {
    let file = common::root().join("contracts/intensive-dsi.yaml");
    common::somsim()
        .args(["deal", "--trials", "2000", "--threads", threads])
        .args(extra)
        .arg(&file)
        .output()
        .unwrap()
}

#[test]
fn the_deal_command_is_identical_for_any_thread_count_in_every_format() {
    let grid = [
        "--vary",
        "price[recovery]=10000:50000:20000",
        "--vary",
        "guarantee=0,750000",
        "--max-loss-prob",
        "0.2",
        "--max-payer-worse-prob",
        "0.5",
    ];
    for format in ["json", "csv", "table"] {
        let mut args = vec!["deal", "--trials", "2000"];
        args.extend(grid);
        args.extend(["--format", format]);
        let file = common::root().join("contracts/intensive-dsi.yaml");
        let one = common::thread_invariant(&args, &file);
        if format == "json" {
            let j: serde_json::Value = serde_json::from_str(&one).unwrap();
            assert_eq!(j["combinations"].as_array().unwrap().len(), 6);
            assert_eq!(j["paying"], serde_json::json!(["kommune"]));
            assert!(j["prices"]["ranges"][1]["investor_lowest"].is_number());
        }
        if format == "csv" {
            let text = one;
            assert!(text.starts_with("price[recovery],guarantee,moic_mean,"));
            assert_eq!(text.lines().count(), 7);
        }
    }
}

#[test]
fn mistakes_in_a_grid_are_input_errors() {
    for (args, says) in [
        (vec!["--vary", "lag=1,2"], "not a term the grid can vary"),
        (
            vec!["--vary", "price[recovery]=0:1e9:1"],
            "--vary price[recovery]=0:1e9:1: 1000000001 values",
        ),
        (
            vec!["--vary", "price[recvery]=1,2"],
            "not an item of the rate card",
        ),
        (vec!["--vary", "floor=0.5,1"], "has no floor"),
        (
            vec!["--vary", "return_cap=-0.1,0.05"],
            "expected an annual rate",
        ),
        (vec!["--vary", "guarantee=465.000"], "465.000"),
        (
            vec!["--vary", "guarantee=0,1000", "--vary", "guarantee=2"],
            "given twice",
        ),
        (
            vec!["--vary", "guarantee=0,1000", "--max-loss-prob", "1.5"],
            "expected a probability",
        ),
        (
            vec!["--vary", "guarantee=0,1000", "--contract", "x"],
            "not a contract of",
        ),
    ] {
        let out = deal_cli("1", &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}

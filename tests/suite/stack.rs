//! A contract's capital stack (`docs/model.md`, "Capital stack"): the waterfall by hand to
//! the øre, tranche flows that add up to the contract's in the base case and in every trial,
//! payers and perspectives that the stack does not touch, and thread invariance.

use crate::common;

use proptest::prelude::*;
use rust_decimal::Decimal;
use somsim::kernel::contract_field as f;
use somsim::model::Model;
use somsim::montecarlo::Simulation;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A contract that invests 1,000,000 in 2025 and is paid `paid` kroner in 2026 for its
/// completers (8 completers of one course, so the price is `paid / 8`), split by `stack`.
fn by_hand(paid: &str, stack: &str) -> Model {
    let price = d(paid) / d("8");
    let text = format!(
        r#"
name: a stack by hand
start_year: 2025
horizon: 3
price_year: 2025
payers: [dsi, fund]
course: {{ participants_per_course: 8, completion_rate: 1, peers_per_course: 0, volunteer_turnover: 0 }}
municipalities: [{{ name: A, courses: [1, 0, 0] }}]
costs: [{{ name: coordinator, driver: per_year, unit_cost: 1000000, payer: kommune }}]
contracts:
  - name: deal
    investor: dsi
    prefinance: [{{ cost: coordinator, years: 2025 }}]
    rate_card: [{{ metric: completers, price: {price}, lag: 1 }}]
    outcome_payers: {{ kommune: 1 }}
    last_year: 2026
    stack:
{stack}
"#
    );
    let files = common::Files::new(&[("s.yaml", &text)]);
    Model::load(&files.path("s.yaml")).unwrap()
}

const SENIOR_FIRST_LOSS: &str =
    "      - { name: senior, investor: dsi, share: 0.7, seniority: senior }
      - { name: first loss, investor: fund, share: 0.3, seniority: first_loss }";

/// Each tranche's (invested, received) in the base case.
fn base(m: &Model) -> Vec<(Decimal, Decimal)> {
    let l = somsim::ledger::compute(m).unwrap();
    (l.contracts[0].stack.iter())
        .map(|t| (t.returns.total_invested, t.returns.total_received))
        .collect()
}

#[test]
fn a_loss_falls_on_first_loss_to_the_ore() {
    // 1,000,000 invested 70/30, 800,000 repaid: senior 700,000 back, first loss 100,000.
    let m = by_hand("800000", SENIOR_FIRST_LOSS);
    assert_eq!(
        base(&m),
        vec![(d("700000"), d("700000")), (d("300000"), d("100000"))]
    );
    let l = somsim::ledger::compute(&m).unwrap();
    let fl = &l.contracts[0].stack[1].returns;
    assert_eq!(fl.loss, d("200000"));
    assert_eq!(fl.moic, Some(d("100000") / d("300000")));
    assert_eq!(l.contracts[0].stack[0].returns.irr, Some(0.0));
}

#[test]
fn a_surplus_is_shared_by_the_shares_to_the_ore() {
    // 1,200,000 repaid: each its principal, then the 200,000 over it 140,000 / 60,000.
    let m = by_hand("1200000", SENIOR_FIRST_LOSS);
    assert_eq!(
        base(&m),
        vec![(d("700000"), d("840000")), (d("300000"), d("360000"))]
    );
}

#[test]
fn a_senior_coupon_is_owed_before_the_junior_tranche() {
    // Senior 50% at 5%: 525,000 owed after a year; of 600,000 the junior gets 75,000.
    let m = by_hand(
        "600000",
        "      - { name: senior, investor: dsi, share: 0.5, seniority: senior, coupon: 0.05 }
      - { name: junior, investor: fund, share: 0.5, seniority: junior }",
    );
    assert_eq!(
        base(&m),
        vec![(d("500000"), d("525000")), (d("500000"), d("75000"))]
    );
}

/// A contract of `common::uncertain_contract` with terms and a stack.
fn stacked(terms: &str, stack: &str) -> Model {
    common::uncertain_contract(&format!("{terms}\n    stack:\n{stack}"))
}

const TERMS: &str = "    rate_card:
      - { metric: recovery, price: 30000, lag: 1, trigger: { input: 0.24, at_least: 0.15 } }
      - { metric: support, price: 600, lag: 2 }
    return_cap: 0.08
    guarantee: { guarantor: fund, amount: 100000 }";

/// The tranches' invested and received add up to the contract's in every trial, and every
/// field the contract had without a stack, every payer's delta and every perspective's NPV is
/// bit for bit what it is without the stack.
fn adds_up(terms: &str, stack: &str, trials: usize) {
    let (with, without) = (stacked(terms, stack), common::uncertain_contract(terms));
    let sim = Simulation::new(&with);
    let at = sim.plan.stack_fields(0).expect("a stack");
    let out = sim.run_summarized(3, trials).0;
    let plain = Simulation::new(&without).run_summarized(3, trials).0;
    assert_eq!(out.npv, plain.npv, "the perspectives change");
    assert_eq!(out.muni_npv, plain.muni_npv);
    for k in 0..plain.contract_width {
        let (a, b) = (out.contract_field(0, k), plain.contract_field(0, k));
        assert!(
            a.iter().zip(&b).all(|(x, y)| x.to_bits() == y.to_bits()),
            "field {k} changes with the stack"
        );
    }
    let tf = somsim::kernel::tranche_field::INVESTED;
    let tr = somsim::kernel::tranche_field::RECEIVED;
    for (total, part) in [(f::INVESTED, tf), (f::RECEIVED, tr)] {
        let whole = out.contract_field(0, total);
        let parts: Vec<Vec<f64>> = (0..at.tranches)
            .map(|i| out.contract_field(0, at.field(i, part)))
            .collect();
        for (trial, w) in whole.iter().enumerate() {
            let sum: f64 = parts.iter().map(|p| p[trial]).sum();
            assert!(
                (sum - w).abs() <= 1e-9 * (1.0 + w.abs()),
                "trial {trial}: the tranches add up to {sum}, the contract {w}"
            );
        }
    }
    // And exactly, year by year, in the base case.
    let l = somsim::ledger::compute(&with).unwrap();
    let c = &l.contracts[0];
    for t in 0..with.horizon {
        let put: Decimal = c.stack.iter().map(|s| s.invested[t]).sum();
        let got: Decimal = c.stack.iter().map(|s| s.received[t]).sum();
        let net: Decimal = c.stack.iter().map(|s| s.returns.flows[t]).sum();
        let mut received = c.paid[t];
        if t == c.last_year {
            received = received + c.end.top_up + c.end.guarantee;
        }
        assert_eq!(put, c.invested[t], "year {t}");
        assert_eq!(got, received, "year {t}");
        // Each net flow is one subtraction of 28-digit decimals: equal well below the øre.
        assert!((net - c.investor_flows[t]).abs() < d("1e-18"), "year {t}");
    }
    let plain = somsim::ledger::compute(&without).unwrap();
    let npv = |l: &somsim::ledger::Ledger| -> Vec<Decimal> {
        l.perspectives.iter().map(|p| p.npv).collect()
    };
    assert_eq!(npv(&l), npv(&plain));
    assert_eq!(c.delta, plain.contracts[0].delta);
}

#[test]
fn tranches_add_up_and_nothing_else_changes() {
    adds_up(
        TERMS,
        "      - { name: a, investor: dsi, share: 0.5, seniority: senior, coupon: 0.03 }
      - { name: b, investor: fund, share: 0.2, seniority: junior }
      - { name: c, investor: dsi, share: 0.2, seniority: junior, coupon: 0.01 }
      - { name: d, investor: fund, share: 0.1, seniority: first_loss }",
        2000,
    );
}

const SENIORITIES: [&str; 3] = ["senior", "junior", "first_loss"];

fn stacks() -> impl Strategy<Value = (Vec<(u32, usize, u32)>, u32, u32)> {
    // Shares in per mille summing to 1000, a seniority and a coupon in per mille per tranche;
    // a price per completer with a recovery gain, and a return cap in per mille (0: none).
    (1usize..5)
        .prop_flat_map(|n| {
            (
                prop::collection::vec((1u32..1000, 0usize..3, 0u32..100), n),
                0u32..120_000,
                0u32..150,
            )
        })
        .prop_map(|(mut tranches, price, rc)| {
            let total: u32 = tranches.iter().map(|t| t.0).sum();
            let mut left = 1000;
            for t in tranches.iter_mut() {
                t.0 = t.0 * 1000 / total;
                left -= t.0;
            }
            tranches.last_mut().unwrap().0 += left;
            (tranches, price, rc)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    #[test]
    fn tranche_flows_add_up_in_every_trial((tranches, price, rc) in stacks()) {
        let stack: Vec<String> = (tranches.iter().enumerate())
            .map(|(i, (share, s, coupon))| {
                let investor = ["dsi", "fund"][i % 2];
                format!(
                    "      - {{ name: t{i}, investor: {investor}, share: {}, seniority: {}, coupon: {} }}",
                    Decimal::new(i64::from(*share), 3),
                    SENIORITIES[*s],
                    Decimal::new(i64::from(*coupon), 3),
                )
            })
            .collect();
        let mut terms = format!("    rate_card: [{{ metric: recovery, price: {price}, lag: 1 }}]");
        if rc > 0 {
            terms += &format!("\n    return_cap: {}", Decimal::new(i64::from(rc), 3));
        }
        adds_up(&terms, &stack.join("\n"), 300);
    }
}

#[test]
fn a_stacked_contract_is_thread_invariant() {
    let file = common::root().join("contracts/intensive-dsi-stack.yaml");
    let json = common::thread_invariant(&["run", "--format", "json", "--trials", "2000"], &file);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let stack = v["contracts"][0]["stack"].as_array().unwrap();
    assert_eq!(stack.len(), 2);
    assert_eq!(stack[0]["seniority"], "senior");
    assert!(stack[1]["monte_carlo"]["prob_loss"].as_f64().unwrap() > 0.0);
}

/// The kernel at the inputs' means settles the same waterfall as the exact ledger: each
/// tranche's invested, received, MOIC and IRR agree.
#[test]
fn the_kernel_agrees_with_the_ledger_per_tranche() {
    let m = stacked(
        TERMS,
        "      - { name: a, investor: dsi, share: 0.6, seniority: senior, coupon: 0.02 }
      - { name: b, investor: fund, share: 0.25, seniority: junior }
      - { name: c, investor: fund, share: 0.15, seniority: first_loss }",
    );
    let layout = somsim::sampler::Layout::new(&m);
    let plan = somsim::kernel::Plan::new(&m, &layout);
    let mut draws = vec![0.0; layout.len];
    layout.fill_means(&m, &mut draws);
    let row = common::evaluate(&plan, &draws).contracts;
    let at = plan.stack_fields(0).unwrap();
    let l = somsim::ledger::compute(&m).unwrap();
    use somsim::kernel::tranche_field as tf;
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * (1.0 + b.abs());
    for (i, t) in l.contracts[0].stack.iter().enumerate() {
        let r = &t.returns;
        let exact = somsim::decimal::to_f64;
        assert!(close(
            row[at.field(i, tf::INVESTED)],
            exact(r.total_invested)
        ));
        assert!(close(
            row[at.field(i, tf::RECEIVED)],
            exact(r.total_received)
        ));
        assert!(close(row[at.field(i, tf::MOIC)], exact(r.moic.unwrap())));
        assert!(
            close(row[at.field(i, tf::IRR)], r.irr.unwrap()),
            "tranche {i}"
        );
    }
}

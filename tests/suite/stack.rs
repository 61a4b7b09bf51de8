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
    use somsim::kernel::tranche_field as tf;
    // What the tranches put in less their fees is the contract's investment.
    let fees: Vec<Vec<f64>> = (0..at.tranches)
        .map(|i| out.contract_field(0, at.field(i, tf::FEE)))
        .collect();
    for (total, part, less_fee) in [
        (f::INVESTED, tf::INVESTED, true),
        (f::RECEIVED, tf::RECEIVED, false),
    ] {
        let whole = out.contract_field(0, total);
        let parts: Vec<Vec<f64>> = (0..at.tranches)
            .map(|i| out.contract_field(0, at.field(i, part)))
            .collect();
        for (trial, w) in whole.iter().enumerate() {
            let fee: f64 = fees.iter().map(|p| p[trial]).sum();
            let sum = parts.iter().map(|p| p[trial]).sum::<f64>() - fee * f64::from(less_fee);
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
        let fee: Decimal = c.stack.iter().map(|s| s.fee[t]).sum();
        let net: Decimal = c.stack.iter().map(|s| s.returns.flows[t]).sum::<Decimal>() + fee;
        let mut received = c.paid[t];
        if t == c.last_year {
            received = received + c.end.top_up + c.end.guarantee;
        }
        assert_eq!(put, c.invested[t], "year {t}");
        assert_eq!(got, received, "year {t}");
        // Each net flow is two subtractions of 28-digit decimals: equal well below the øre.
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

/// A stack drawn for the property test: per tranche its share and coupon in per mille and its
/// seniority; a price per completer with a recovery gain, a return cap and a management fee
/// in per mille (0: none); and a tranche gated from 2026 on the 2025 completers, with the
/// gate's threshold (the tranche index 0: none, as the first is never gated).
type Drawn = (Vec<(u32, usize, u32)>, u32, u32, u32, (usize, u32));

fn stacks() -> impl Strategy<Value = Drawn> {
    (1usize..5)
        .prop_flat_map(|n| {
            (
                prop::collection::vec((1u32..1000, 0usize..3, 0u32..100), n),
                0u32..120_000,
                0u32..150,
                0u32..40,
                (0..n, 8u32..15),
            )
        })
        .prop_map(|(mut tranches, price, rc, fee, gate)| {
            let total: u32 = tranches.iter().map(|t| t.0).sum();
            let mut left = 1000;
            for t in tranches.iter_mut() {
                t.0 = t.0 * 1000 / total;
                left -= t.0;
            }
            tranches.last_mut().unwrap().0 += left;
            (tranches, price, rc, fee, gate)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    #[test]
    fn tranche_flows_add_up_in_every_trial((tranches, price, rc, fee, (gated, at_least)) in stacks()) {
        let stack: Vec<String> = (tranches.iter().enumerate())
            .map(|(i, (share, s, coupon))| {
                let investor = ["dsi", "fund"][i % 2];
                let gate = if i > 0 && i == gated {
                    format!(", gate: {{ from: 2026, when: {{ metric: completers, at_least: {at_least} }} }}")
                } else {
                    String::new()
                };
                format!(
                    "      - {{ name: t{i}, investor: {investor}, share: {}, seniority: {}, coupon: {}{gate} }}",
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
        let mut stack = stack.join("\n");
        if fee > 0 {
            stack += &format!(
                "\n    management_fee: {{ manager: m, rate: {} }}",
                Decimal::new(i64::from(fee), 3)
            );
        }
        adds_up(&terms, &stack, 300);
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
/// tranche's invested, fee, received, MOIC and IRR agree, with coupons, with a gate met and
/// missed (the 2025 completers are 11.2 at the means), and with a management fee.
#[test]
fn the_kernel_agrees_with_the_ledger_per_tranche() {
    let plain = "      - { name: a, investor: dsi, share: 0.6, seniority: senior, coupon: 0.02 }
      - { name: b, investor: fund, share: 0.25, seniority: junior }
      - { name: c, investor: fund, share: 0.15, seniority: first_loss }";
    let gated = |at_least: &str| {
        format!(
            "      - {{ name: a, investor: dsi, share: 0.6, seniority: senior }}
      - name: b
        investor: fund
        share: 0.25
        seniority: junior
        gate: {{ from: 2026, when: {{ metric: completers, at_least: {at_least} }} }}
      - {{ name: c, investor: fund, share: 0.15, seniority: first_loss }}
    management_fee: {{ manager: m, rate: 0.012 }}"
        )
    };
    for (stack, met) in [
        (plain.to_owned(), None),
        (gated("11"), Some(true)),
        (gated("11.3"), Some(false)),
    ] {
        let m = stacked(TERMS, &stack);
        let layout = somsim::sampler::Layout::new(&m);
        let plan = somsim::kernel::Plan::new(&m, &layout);
        let mut draws = vec![0.0; layout.len];
        layout.fill_means(&m, &mut draws);
        let row = common::evaluate(&plan, &draws).contracts;
        let at = plan.stack_fields(0).unwrap();
        let l = somsim::ledger::compute(&m).unwrap();
        use somsim::kernel::tranche_field as tf;
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * (1.0 + b.abs());
        // Amounts: the ledger rounds each part of a split to the øre, the trials do not.
        let near = |a: f64, b: f64| (a - b).abs() <= 0.01 * m.horizon as f64;
        let exact = somsim::decimal::to_f64;
        let c = &l.contracts[0];
        assert_eq!(c.stack[1].gate_met, met);
        if met == Some(false) {
            assert!(c.stack[1].returns.total_invested.is_zero());
            assert!(row[at.field(1, tf::GATE)] == 0.0);
        }
        for (i, t) in c.stack.iter().enumerate() {
            let r = &t.returns;
            let fee: Decimal = t.fee.iter().sum();
            let kf = row[at.field(i, tf::FEE)];
            assert!(
                near(kf, exact(fee)),
                "tranche {i}: fee {kf} against {fee}, {met:?}"
            );
            assert!(near(
                row[at.field(i, tf::INVESTED)],
                exact(r.total_invested)
            ));
            assert!(near(
                row[at.field(i, tf::RECEIVED)],
                exact(r.total_received)
            ));
            match (r.moic, r.irr) {
                (Some(moic), Some(irr)) => {
                    assert!(close(row[at.field(i, tf::MOIC)], exact(moic)));
                    let k = row[at.field(i, tf::IRR)];
                    assert!(
                        close(k, irr),
                        "tranche {i}: kernel {k}, ledger {irr}, {met:?}"
                    );
                }
                _ => assert!(row[at.field(i, tf::MOIC)].is_nan()),
            }
        }
    }
}

/// A gate's share of trials met moves with its threshold: always met at 0, never above every
/// trial's completers, in between at the mean.
#[test]
fn a_gate_is_met_in_the_trials_its_threshold_allows() {
    let p = |at_least: &str| {
        let stack = format!(
            "      - {{ name: a, investor: dsi, share: 0.5, seniority: senior }}
      - {{ name: b, investor: fund, share: 0.5, seniority: junior, gate: {{ from: 2026, when: {{ metric: completers, at_least: {at_least} }} }} }}"
        );
        let m = stacked(TERMS, &stack);
        let sim = Simulation::new(&m);
        let at = sim.plan.stack_fields(0).unwrap();
        let out = sim.run_summarized(2, 2000).0;
        let g = out.contract_field(0, at.field(1, somsim::kernel::tranche_field::GATE));
        g.iter().sum::<f64>() / g.len() as f64
    };
    assert_eq!(p("0"), 1.0);
    assert_eq!(p("17"), 0.0, "16 participants cannot give 17 completers");
    let mid = p("11.2");
    assert!(mid > 0.3 && mid < 0.7, "P(met) {mid}");
}

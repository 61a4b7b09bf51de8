//! The solvers for a term (`contracts::solve`): the price (or guarantee) at which the expected
//! MOIC is 1, P(loss) meets the investor's limit, or a payer's P(worse off) meets the payers'
//! limit, found by bisection on the stored trials, reproduce the crossings of a fine grid on
//! the same trials, and do not depend on the thread count.

use crate::common;

use rust_decimal::Decimal;
use somsim::contracts::deal::{self, Axis, Limits, Term};
use somsim::contracts::solve::{self, Crossing};
use somsim::montecarlo::{Simulation, Stop};

const SEED: u64 = 5;

fn model() -> somsim::model::Model {
    common::uncertain_contract(
        r#"    rate_card:
      - { name: recovery, metric: recovery, price: 30000, lag: 1 }
      - { metric: support, price: 600, lag: 2 }
    return_cap: 0.08
    guarantee: { guarantor: fund, amount: 100000 }"#,
    )
}

fn grid(from: i64, to: i64, step: i64) -> Vec<Decimal> {
    (0..)
        .map(|i| Decimal::from(from + i * step))
        .take_while(|v| *v <= Decimal::from(to))
        .collect()
}

/// The first grid value at or above `c` (`Whole`: the first), or none.
fn first_at_or_above(values: &[Decimal], c: Crossing) -> Option<Decimal> {
    match c {
        Crossing::At(v) => values.iter().copied().find(|x| *x >= v),
        Crossing::Whole => values.first().copied(),
        Crossing::Nowhere => None,
    }
}

/// The last grid value at or below `c` (`Whole`: the last), or none.
fn last_at_or_below(values: &[Decimal], c: Crossing) -> Option<Decimal> {
    match c {
        Crossing::At(v) => values.iter().copied().rev().find(|x| *x <= v),
        Crossing::Whole => values.last().copied(),
        Crossing::Nowhere => None,
    }
}

#[test]
fn the_solved_terms_reproduce_the_grid_crossings() {
    let m = model();
    let mut sim = Simulation::new(&m);
    sim.plan.keep_deal_basis();
    let basis = sim.plan.deal_basis(0).unwrap();
    let (out, _) = sim.run(SEED, Stop::Trials(4000), &|_, _| {});
    let limits = Limits {
        max_loss_prob: Some(0.25),
        max_payer_worse_prob: Some(0.5),
    };
    let prices = grid(0, 120_000, 1000);
    let axes = vec![
        Axis {
            term: Term::Price(0),
            name: "price[recovery]".into(),
            values: prices.clone(),
        },
        Axis {
            term: Term::Guarantee,
            name: "guarantee".into(),
            values: vec![Decimal::ZERO, Decimal::from(300_000)],
        },
    ];
    let d = deal::evaluate(&m, &out, basis, 0, axes.clone(), limits, false);
    let s = solve::solve(&m, &out, basis, 0, &axes, limits, 0);
    assert_eq!(s.axis, 0);
    assert_eq!(s.solved.len(), 2);
    let mut crossings = 0;
    for (solved, range) in s.solved.iter().zip(&d.prices) {
        assert_eq!(solved.others, range.others);
        // P(loss) within the limit: the grid's lowest accepted price.
        let inv = solved.investor.unwrap();
        assert_eq!(
            first_at_or_above(&prices, inv),
            range.investor_lowest,
            "{:?}",
            solved
        );
        // Each payer's P(worse off) within the limit: the grid's highest accepted price.
        for (c, h) in solved.payers.iter().zip(&range.payer_highest) {
            assert_eq!(last_at_or_below(&prices, *c), *h, "{solved:?}");
        }
        // The mean MOIC reaches 1: the first grid price where it does.
        let grid_moic = (d.points.iter())
            .filter(|p| p.values[1..] == range.others[..])
            .find(|p| p.investor.moic_mean >= 1.0)
            .map(|p| p.values[0]);
        assert_eq!(first_at_or_above(&prices, solved.moic_one), grid_moic);
        crossings += [solved.moic_one, inv]
            .iter()
            .chain(&solved.payers)
            .filter(|c| matches!(c, Crossing::At(_)))
            .count();
        // A solved value is on its side of the limit, and a step below (or above) is not.
        if let Crossing::At(v) = inv {
            let at = |x: Decimal| {
                let mut a = axes.clone();
                a[0].values = vec![x];
                a[1].values = vec![range.others[0]];
                deal::evaluate(&m, &out, basis, 0, a, limits, false).points[0]
                    .investor
                    .prob_loss
            };
            assert!(at(v) <= 0.25 && at(v - Decimal::new(1, 2)) > 0.25, "{v}");
        }
    }
    // The test crosses something: every target is met inside the range somewhere.
    assert!(crossings >= 4, "{s:?}");
}

#[test]
fn deal_solve_is_identical_for_any_thread_count() {
    let file = common::root().join("contracts/intensive-dsi.yaml");
    let one = common::thread_invariant(
        &[
            "deal",
            "--format",
            "json",
            "--trials",
            "2000",
            "--vary",
            "price[recovery]=20000:50000:10000",
            "--vary",
            "guarantee=0,750000",
            "--max-loss-prob",
            "0.2",
            "--max-payer-worse-prob",
            "0.5",
            "--solve",
        ],
        &file,
    );
    let json: serde_json::Value = serde_json::from_str(&one).unwrap();
    let solved = &json["solved"];
    assert_eq!(solved["term"], "price[recovery]");
    assert_eq!(solved["points"].as_array().unwrap().len(), 2);
}

#[test]
fn the_guarantee_is_solved_for_the_investors_limit_when_no_price_is_varied() {
    // With only the guarantee varied, the solver solves the guarantee: the smallest guarantee
    // that holds P(loss) to the limit, which the grid's accepted guarantees bracket.
    let m = model();
    let mut sim = Simulation::new(&m);
    sim.plan.keep_deal_basis();
    let basis = sim.plan.deal_basis(0).unwrap();
    let (out, _) = sim.run(SEED, Stop::Trials(3000), &|_, _| {});
    let limits = Limits {
        max_loss_prob: Some(0.1),
        max_payer_worse_prob: None,
    };
    let guarantees = grid(0, 1_000_000, 25_000);
    let axes = vec![Axis {
        term: Term::Guarantee,
        name: "guarantee".into(),
        values: guarantees.clone(),
    }];
    assert_eq!(solve::axis_of(&axes), Some(0));
    let d = deal::evaluate(&m, &out, basis, 0, axes.clone(), limits, false);
    let s = solve::solve(&m, &out, basis, 0, &axes, limits, 0);
    let Crossing::At(g) = s.solved[0].investor.unwrap() else {
        panic!("{s:?}");
    };
    let lowest = d
        .points
        .iter()
        .find(|p| p.investor_accepts)
        .map(|p| p.values[0]);
    assert_eq!(first_at_or_above(&guarantees, Crossing::At(g)), lowest);
    assert!(g > Decimal::ZERO && s.solved[0].payers.is_empty());
}

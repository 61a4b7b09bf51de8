//! The Monte Carlo kernel (f64, rearranged for speed) against the exact ledger: with every
//! input at its mean, both must give the same NPV, break-even and per-municipality NPV.

use crate::common;

use common::kernel_matches_ledger as check;
use somsim::model::Model;

#[test]
fn kernel_matches_the_ledger_on_every_shipped_scenario() {
    let mut n = 0;
    for dir in ["scenarios", "contracts"] {
        for e in std::fs::read_dir(common::root().join(dir)).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_some_and(|x| x == "yaml") {
                check(&Model::load(&path).unwrap());
                n += 1;
            }
        }
    }
    check(&Model::load(&common::root().join("docs/worked-example.yaml")).unwrap());
    check(&Model::load(&common::root().join("docs/correlated-example.yaml")).unwrap());
    assert!(n >= 5);
}

#[test]
fn kernel_matches_the_ledger_with_every_driver_and_allocation() {
    let files = common::Files::new(&[(
        "s.yaml",
        r#"
name: every driver
start_year: 2025
horizon: 6
price_year: 2025
payers: [fund]
discounting: { schedule: [{ from_year: 1, rate: 0.04 }, { from_year: 3, rate: 0.02 }] }
attrition: 0.05
course: { participants_per_course: 8, completion_rate: 0.7, peers_per_course: 2, volunteer_turnover: 0.4 }
municipalities:
  - { name: A, courses: [0, 2, 3, 3, 0, 1] }
  - { name: B, courses: { 2026: 1, other_years: 2 }, completion_rate: 0.6 }
  - { name: C, courses: 1, volunteers_trained: [1, 0, 1, 0, 1, 0] }
costs:
  - { name: coordinator, driver: per_year, quantity: 0.5, unit_cost: 400000, payer: kommune, shared: { A: 0.25, B: 0.75 } }
  - { name: own years, driver: per_year, unit_cost: 1000, payer: region, years: [2026, 2028] }
  - { name: per course, driver: per_course, unit_cost: 4000, payer: kommune }
  - { name: per participant, driver: per_participant, unit_cost: 300, payer: stat, municipality: B }
  - { name: per completer, driver: per_completer, unit_cost: 500, payer: kommune, national: true }
  - { name: training, driver: per_volunteer_trained, unit_cost: 5000, payer: kommune }
  - { name: launch, driver: one_off, unit_cost: 90000, payer: fund, years: 2025 }
  - { name: coordinators, driver: per_coordinator, courses_per_coordinator: 2, unit_cost: 400000, payer: kommune }
  - { name: pair coordinators, driver: per_coordinator, courses_per_coordinator: 2.5, quantity: 0.5, unit_cost: 410000, payer: kommune, shared: { A: 0.5, B: 0.5 } }
  - { name: national coordinators, driver: per_coordinator, courses_per_coordinator: 4, unit_cost: 420000, payer: stat, national: true }
transfers:
  - { name: grant, from: fund, to: kommune, amount: 100000, years: [2025, 2026], shared: { A: 0.5, C: 0.5 } }
  - { name: state pays region, from: stat, to: region, amount: 20000, years: 2027, municipality: B }
  - { name: national grant, from: fund, to: stat, amount: 5000, years: 2030 }
outcomes:
  - { name: bed-days, baseline: 2, effect: -0.1, profile: [1.0, 0.5, 0.25], unit_price: 6000, payers: { region: 1.0 } }
  - { name: support, baseline: 50, gross_effect: -0.1, deadweight: 0.3, profile: { exponential: { initial: 1, rate: 0.4, years: 4 } }, unit_price: 600, payers: { kommune: 0.7, stat: 0.3 }, attrition: 0.2 }
  - { name: jobs, kind: revenue, baseline: 10, effect: 0.05, profile: { linear: { initial: 0.8, years: 3 } }, unit_price: 2000, payers: { stat: 0.6, kommune: 0.4 } }
non_monetary:
  - { name: recovery, unit: completers with a gain, per_completer: 0.3 }
  - { name: recovery years, unit: years of recovery, per_completer: 0.3, profile: [1, 0.8, 0.5] }
  - { name: undiscounted, unit: years, per_completer: 0.2, profile: { exponential: { initial: 1, rate: 0.2, years: 9 } }, discounted: false }
"#,
    )]);
    check(&Model::load(&files.path("s.yaml")).unwrap());
}

/// The factored activity (a schedule times one number per municipality) against the same
/// kernel computing every row, on random draws: every per-trial result agrees to rounding, and
/// each municipality's own break-even exactly.
#[test]
fn factored_activity_matches_the_rows_on_random_draws() {
    let files = common::Files::new(&[(
        "s.yaml",
        r#"
name: factored
start_year: 2025
horizon: 7
price_year: 2025
course: { participants_per_course: 8, completion_rate: 0.7, peers_per_course: 2, volunteer_turnover: { uniform: [0.3, 0.6] } }
municipalities:
  - { name: A, courses: [0, 2, 3, 3, 3, 3, 3] }
  - { name: B, courses: [0, 2, 3, 3, 3, 3, 3], completion_rate: { beta: { mean: 0.6, sd: 0.1 } } }
  - { name: C, courses: { triangular: [1, 2, 4] } }
  - { name: D, courses: [1, 1, 0, 0, 2, 2, 2] }
costs:
  - { name: coordinator, driver: per_year, quantity: 0.5, unit_cost: { pert: [350000, 400000, 500000] }, payer: kommune }
  - { name: secretariat, driver: per_year, unit_cost: 300000, payer: stat, national: true }
  - { name: own years, driver: per_year, unit_cost: 1000, payer: region, years: [2026, 2028] }
  - { name: per course, driver: per_course, unit_cost: 4000, payer: kommune }
  - { name: per participant, driver: per_participant, unit_cost: 300, payer: stat }
  - { name: per completer, driver: per_completer, unit_cost: 500, payer: kommune }
  - { name: training, driver: per_volunteer_trained, unit_cost: 5000, payer: kommune }
  - { name: launch, driver: one_off, unit_cost: 90000, payer: stat, years: 2025 }
  - { name: local launch, driver: one_off, unit_cost: 50000, payer: kommune, years: 2025 }
transfers:
  - { name: grant, from: stat, to: kommune, amount: 150000, years: [2025, 2026], municipality: D }
outcomes:
  - { name: bed-days, baseline: 2, effect: { normal: [-0.05, 0.1, -1] }, profile: [1.0, { uniform: [0, 0.6] }], unit_price: 6000, payers: { region: 1.0 } }
  - { name: support, baseline: 50, effect: -0.1, profile: [1.0, { uniform: [0, 0.6] }], unit_price: { uniform: [600, 30000] }, payers: { kommune: 0.7, stat: 0.3 } }
  - { name: jobs, kind: revenue, baseline: 10, effect: 0.05, profile: { linear: { initial: 0.8, years: 3 } }, unit_price: 2000, payers: { stat: 0.6, kommune: 0.4 } }
"#,
    )]);
    let mut models = vec![Model::load(&files.path("s.yaml")).unwrap()];
    models.push(Model::load(&common::root().join("scenarios/national-rollout.yaml")).unwrap());
    let mut seen = std::collections::BTreeSet::new();
    for model in &models {
        let layout = somsim::sampler::Layout::new(model);
        let factored = somsim::kernel::Plan::new(model, &layout);
        assert!(factored.is_factored(), "{}", model.name);
        let mut rows = factored.clone();
        rows.rows_only();
        let run = |plan: &somsim::kernel::Plan, trial: u64| {
            let mut draws = vec![0.0; layout.len];
            layout.fill(7, trial, &mut draws);
            common::kernel_once(plan, &draws)
        };
        for trial in 0..200 {
            let (a, b) = (run(&factored, trial), run(&rows, trial));
            let close = |x: &[f64], y: &[f64]| {
                x.iter()
                    .zip(y)
                    .all(|(x, y)| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0))
            };
            assert!(
                close(&a.0, &b.0),
                "{} trial {trial}: {:?} vs {:?}",
                model.name,
                a.0,
                b.0
            );
            assert!(
                close(&a.2, &b.2),
                "{} trial {trial}: {:?} vs {:?}",
                model.name,
                a.2,
                b.2
            );
            assert_eq!(a.1, b.1, "{} trial {trial}", model.name);
            let draws = {
                let mut d = vec![0.0; layout.len];
                layout.fill(7, trial, &mut d);
                d
            };
            let (fa, ro) = (
                common::kernel_municipal(&factored, &draws),
                common::kernel_municipal(&rows, &draws),
            );
            assert_eq!(fa.0, a.2, "{} trial {trial}: kept NPVs", model.name);
            assert_eq!(fa.1, ro.1, "{} trial {trial}: break-even", model.name);
            seen.extend(fa.1);
        }
    }
    // The municipalities break even in several years, or not at all.
    assert!(seen.len() >= 4, "{seen:?}");
}

/// Each municipality's own break-even, year by year through every kind of line (a shared
/// coordinator, lines in every municipality, a one-off, a transfer, outcomes, a contract's
/// pre-financing, tranche and payments), against the ledger's rows: the municipalities break
/// even in different years, or not at all.
#[test]
fn each_municipality_breaks_even_when_its_ledger_rows_do() {
    let files = common::Files::new(&[(
        "s.yaml",
        r#"
name: municipal break-even
start_year: 2025
horizon: 10
price_year: 2025
payers: [dsi]
discounting: { rate: 0.035 }
course: { participants_per_course: 8, completion_rate: 0.7, peers_per_course: 2, volunteer_turnover: 0.5 }
municipalities:
  - { name: A, courses: [2, 4, 4, 4, 4, 4, 4, 4, 4, 4] }
  - { name: B, courses: [0, 0, 2, 4, 4, 4, 4, 4, 4, 4] }
  - { name: C, courses: [1, 1, 1, 0, 0, 0, 0, 0, 0, 0] }
  - { name: D, courses: 3, completion_rate: 0.4 }
costs:
  - { name: coordinator, driver: per_year, unit_cost: 300000, payer: kommune, shared: { A: 0.5, B: 0.5 } }
  - { name: courses, driver: per_course, unit_cost: 5000, payer: kommune }
  - { name: training, driver: per_volunteer_trained, unit_cost: 4000, payer: kommune }
  - { name: launch, driver: one_off, unit_cost: 60000, payer: kommune, years: 2025 }
transfers:
  - { name: grant, from: stat, to: kommune, amount: 80000, years: [2025, 2026], municipality: C }
outcomes:
  - { name: support, baseline: 60, effect: -0.3, profile: [1, 0.8, 0.5], unit_price: 300, payers: { kommune: 0.8, stat: 0.2 } }
  - { name: jobs, kind: revenue, baseline: 10, effect: 0.05, profile: [1, 1, 1], unit_price: 1000, payers: { kommune: 1 } }
non_monetary:
  - { name: recovery, unit: completers with a gain, per_completer: 0.24 }
contracts:
  - name: deal
    investor: dsi
    prefinance: [{ cost: coordinator, years: [2025, 2026] }]
    tranches: [{ amount: 50000, years: 2025, to: kommune, municipality: B }]
    cohorts: [2025, 2026, 2027]
    rate_card: [{ metric: recovery, price: 20000, lag: 1 }]
    outcome_payers: { kommune: 1 }
    last_year: 2030
"#,
    )]);
    let model = Model::load(&files.path("s.yaml")).unwrap();
    check(&model);
    let layout = somsim::sampler::Layout::new(&model);
    let plan = somsim::kernel::Plan::new(&model, &layout);
    let mut draws = vec![0.0; layout.len];
    layout.fill_means(&model, &mut draws);
    let (_, be) = common::kernel_municipal(&plan, &draws);
    assert_eq!(be, [5, 7, 0, 2]);
}

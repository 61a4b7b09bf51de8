//! Properties of the ledger that hold for every scenario (MODEL.md), checked on generated ones.

use crate::common;

use proptest::prelude::*;
use rust_decimal::Decimal;
use somsim::ledger::{self, Ledger};
use somsim::model::Model;

#[derive(Clone, Debug)]
struct Gen {
    horizon: usize,
    courses: Vec<u32>,
    /// Per mille, so every value is exact.
    completion_pm: u32,
    rate_pm: u32,
    coordinator: u32,
    training: u32,
    price: u32,
    effect_pm: i32,
    region_share_pct: u32,
    grant: u32,
    grant_year: usize,
    attrition_pm: u32,
}

fn scenarios() -> impl Strategy<Value = Gen> {
    (1usize..9)
        .prop_flat_map(|h| {
            (
                Just(h),
                prop::collection::vec(0u32..7, h),
                0u32..=1000,
                0u32..=100,
                0u32..600_000,
                0u32..10_000,
                0u32..20_000,
                -500i32..=200,
                0u32..=100,
                0u32..2_000_000,
                0..h,
                0u32..=300,
            )
        })
        .prop_map(
            |(
                h,
                courses,
                completion_pm,
                rate_pm,
                coordinator,
                training,
                price,
                effect_pm,
                region,
                grant,
                gy,
                att,
            )| Gen {
                horizon: h,
                courses,
                completion_pm,
                rate_pm,
                coordinator,
                training,
                price,
                effect_pm,
                region_share_pct: region,
                grant,
                grant_year: gy,
                attrition_pm: att,
            },
        )
}

fn yaml(g: &Gen, price_factor: u32, with_grant: bool, rate_pm: u32) -> String {
    let courses: Vec<String> = g.courses.iter().map(|c| c.to_string()).collect();
    let region = Decimal::new(g.region_share_pct as i64, 2);
    let kommune = Decimal::ONE - region;
    let mut s = format!(
        r#"name: generated
start_year: 2025
horizon: {h}
price_year: 2025
payers: [fund]
discounting: {{ rate: {rate} }}
attrition: {att}
course: {{ participants_per_course: 8, completion_rate: {comp}, peers_per_course: 2, volunteer_turnover: 0.5 }}
municipalities:
  - {{ name: A, courses: [{courses}] }}
  - {{ name: B, courses: [{courses}] }}
costs:
  - {{ name: coordinator, driver: per_year, unit_cost: {coord}, payer: kommune, shared: {{ A: 0.5, B: 0.5 }} }}
  - {{ name: training, driver: per_volunteer_trained, unit_cost: {train}, payer: kommune }}
outcomes:
  - name: bed-days
    baseline: 2.5
    effect: {effect}
    profile: [1.0, 0.5, 0.25]
    unit_price: {price}
    payers: {{ region: {region}, kommune: {kommune} }}
"#,
        h = g.horizon,
        rate = Decimal::new(rate_pm as i64, 3),
        att = Decimal::new(g.attrition_pm as i64, 3),
        comp = Decimal::new(g.completion_pm as i64, 3),
        courses = courses.join(", "),
        coord = g.coordinator,
        train = g.training,
        effect = Decimal::new(g.effect_pm as i64, 3),
        price = g.price as u64 * price_factor as u64,
    );
    if with_grant {
        s.push_str(&format!(
            "transfers:\n  - {{ name: grant, from: fund, to: kommune, amount: {}, years: {} }}\n",
            g.grant,
            2025 + g.grant_year
        ));
    }
    s
}

fn run(text: &str) -> (Model, Ledger) {
    let files = common::Files::new(&[("s.yaml", text)]);
    let model = Model::load(&files.path("s.yaml")).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let l = ledger::compute(&model).expect("the ledger of a valid model");
    (model, l)
}

fn perspective<'a>(l: &'a Ledger, name: &str) -> &'a ledger::PerspectiveResult {
    l.perspectives.iter().find(|p| p.name == name).unwrap()
}

/// Equal up to decimal rounding far below an øre.
fn close(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() <= Decimal::new(1, 9) * (Decimal::ONE + a.abs().max(b.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn zero_discount_rate_gives_npv_equal_to_the_sum_of_nets(g in scenarios()) {
        let (_, l) = run(&yaml(&g, 1, true, 0));
        for p in &l.perspectives {
            let sum: Decimal = p.flows.iter().map(|f| f.net()).sum();
            prop_assert_eq!(p.npv, sum, "{}", p.name);
        }
    }

    #[test]
    fn transfers_leave_perspective_all_unchanged(g in scenarios()) {
        let (_, with) = run(&yaml(&g, 1, true, g.rate_pm));
        let (_, without) = run(&yaml(&g, 1, false, g.rate_pm));
        let (a, b) = (perspective(&with, "all"), perspective(&without, "all"));
        prop_assert_eq!(a.npv, b.npv);
        prop_assert_eq!(&a.cumulative, &b.cumulative);
    }

    #[test]
    fn scaling_every_unit_price_scales_pv_benefits(g in scenarios(), k in 2u32..7) {
        let (_, base) = run(&yaml(&g, 1, true, g.rate_pm));
        let (_, scaled) = run(&yaml(&g, k, true, g.rate_pm));
        for (p, q) in base.perspectives.iter().zip(&scaled.perspectives) {
            prop_assert!(close(q.pv_benefits, p.pv_benefits * Decimal::from(k)), "{}: {} vs {} x {k}", p.name, q.pv_benefits, p.pv_benefits);
        }
    }

    #[test]
    fn break_even_is_null_exactly_when_the_final_cumulative_net_is_negative(g in scenarios()) {
        let (_, l) = run(&yaml(&g, 1, true, g.rate_pm));
        for p in &l.perspectives {
            let last = *p.cumulative.last().unwrap();
            prop_assert_eq!(p.break_even.is_none(), last < Decimal::ZERO, "{}", p.name);
            if let Some(t) = p.break_even {
                prop_assert!(p.cumulative[t..].iter().all(|c| *c >= Decimal::ZERO));
                prop_assert!(t == 0 || p.cumulative[t - 1] < Decimal::ZERO);
            }
        }
    }

    #[test]
    fn the_kernel_matches_the_exact_ledger(g in scenarios()) {
        let (model, _) = run(&yaml(&g, 1, true, g.rate_pm));
        common::kernel_matches_ledger(&model);
    }

    #[test]
    fn payer_columns_of_the_ledger_sum_to_all(g in scenarios()) {
        let (model, l) = run(&yaml(&g, 1, true, g.rate_pm));
        let all = perspective(&l, "all");
        for t in 0..model.horizon {
            let rows: Decimal = l.rows.iter().filter(|r| r.t == t).map(|r| r.flows.net()).sum();
            prop_assert_eq!(rows, all.flows[t].net());
            let transfers: Decimal = l.rows.iter().filter(|r| r.t == t).map(|r| r.flows.transfers).sum();
            prop_assert_eq!(transfers, Decimal::ZERO);
        }
    }
}

/// A number of any magnitude a person might type, up to far beyond what is sensible.
fn magnitude() -> impl Strategy<Value = String> {
    (0u32..10, -30i32..40, any::<bool>())
        .prop_map(|(m, e, neg)| format!("{}{}e{e}", if neg { "-" } else { "" }, m + 1))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Extreme magnitudes anywhere in a scenario give a valid model with a computable ledger,
    /// or an input error: never a panic, and never an overflow reported as anything else.
    #[test]
    fn extreme_magnitudes_give_a_result_or_an_input_error(
        courses in magnitude(),
        quantity in magnitude(),
        cost in magnitude(),
        baseline in magnitude(),
        effect in magnitude(),
        price in magnitude(),
        amount in magnitude(),
        rate in magnitude(),
    ) {
        let text = format!(
            r#"name: extreme
start_year: 2025
horizon: 30
price_year: 2025
discounting: {{ rate: {rate} }}
course: {{ participants_per_course: 8, completion_rate: 0.5, peers_per_course: 2, volunteer_turnover: 0.5 }}
municipalities:
  - {{ name: A, courses: {courses} }}
costs:
  - {{ name: c, driver: per_participant, quantity: {quantity}, unit_cost: {cost}, payer: kommune }}
transfers:
  - {{ name: t, from: stat, to: kommune, amount: {amount}, years: 2026 }}
outcomes:
  - {{ name: o, baseline: {baseline}, effect: {effect}, profile: [1, 1, 1], unit_price: {price}, payers: {{ region: 1 }} }}
"#
        );
        let files = common::Files::new(&[("s.yaml", &text)]);
        if let Ok(model) = Model::load(&files.path("s.yaml"))
            && let Ok(l) = ledger::compute(&model)
        {
            // What the ledger computed, the Monte Carlo kernel evaluates too.
            prop_assert_eq!(l.perspectives.len(), model.perspectives.len());
            common::kernel_at_means(&model);
        }
    }
}

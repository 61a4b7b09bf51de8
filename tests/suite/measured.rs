//! Paying on a measured outcome (`docs/model.md`, "Paying on a measured outcome"): a
//! measurement without sampling noise is the true-effect contract to the bit, a randomised
//! trigger is met as often as the normal power formula says, the base case takes the expected
//! measurement in the kernel as in the exact ledger, and the results do not depend on the
//! thread count.

use crate::common;

use somsim::analysis::{Analysis, Request};
use somsim::kernel::contract_field as field;
use somsim::model::Model;
use somsim::montecarlo::{Simulation, Stop};

const SEED: u64 = 11;

/// The uncertain test contract with this rate card (one item per line, in flow style).
fn contract(items: &[String]) -> Model {
    // The investor's NPV at a hurdle rate, checked against the ledger with the rest.
    let mut card = String::from("    hurdle_rate: 0.06\n    rate_card:\n");
    for i in items {
        card.push_str(&format!("      - {i}\n"));
    }
    common::uncertain_contract(&card)
}

/// The two items of the test contract: recovery (with a trigger on an uncertain input) and
/// the units of support avoided, each with its `measured:` text (empty: the true value).
fn items(recovery: &str, trigger: &str, support: &str) -> Vec<String> {
    let m = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!(", measured: {s}")
        }
    };
    vec![
        format!(
            "{{ name: recovery, metric: recovery, price: 30000, lag: 1{}, trigger: {{ input: {{ beta: {{ mean: 0.24, sd: 0.07 }} }}, at_least: 0.2{} }} }}",
            m(recovery),
            m(trigger)
        ),
        format!(
            "{{ name: support, metric: support, price: 600, lag: 1, cap: 400000{} }}",
            m(support)
        ),
    ]
}

fn rows(m: &Model, trials: usize) -> somsim::montecarlo::Outputs {
    Simulation::new(m)
        .run(SEED, Stop::Trials(trials), &|_, _| {})
        .0
}

#[test]
fn a_measurement_without_sampling_noise_is_the_true_effect_contract() {
    let exact = "{ randomised: { participants: unlimited, controls: unlimited, sd: 0.5, dropout: 0.2, nonresponse: 0.1 } }";
    let truly = contract(&items("", "", ""));
    let measured = contract(&items(exact, exact, exact));
    assert!(measured.has_measurements() && !truly.has_measurements());
    // The base case, exactly.
    let (a, b) = (
        somsim::ledger::compute(&truly).unwrap(),
        somsim::ledger::compute(&measured).unwrap(),
    );
    assert_eq!(a.contracts, b.contracts);
    assert_eq!(a.perspectives, b.perspectives);
    // Every trial, bit for bit: the investor's row, the payers' deltas and every NPV.
    let (x, y) = (rows(&truly, 3000), rows(&measured, 3000));
    // (Bit patterns: a field without a value, such as an item's trigger value, is NaN.)
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&x.contract), bits(&y.contract));
    assert_eq!(bits(&x.npv), bits(&y.npv));
    // And so the summaries: the measured contract is the ideal one.
    let run = |m: &Model| {
        let r = Analysis::new(m, Request::trials(3000, SEED))
            .run(&|_, _| {})
            .unwrap();
        r.summaries().unwrap().risk[0].clone()
    };
    let (s, t) = (run(&truly), run(&measured));
    assert!(s.measured.is_empty() && s.versus_ideal.is_none());
    let v = t.versus_ideal.clone().unwrap();
    assert_eq!(v.moic_mean[0], v.moic_mean[1]);
    assert_eq!(v.prob_loss[0], v.prob_loss[1]);
    assert_eq!((v.prob_paid_more, v.prob_paid_less), (0.0, 0.0));
    for item in &t.measured {
        assert_eq!(item.mean_due, item.mean_due_true);
        assert_eq!(item.error_share, Some(0.0));
    }
    assert_eq!(s.moic, t.moic);
    assert_eq!(s.delta, t.delta);
    assert_eq!(s.prob_trigger_met, t.prob_trigger_met);
}

/// The standard normal CDF (Abramowitz & Stegun 7.1.26, error below 1.5e-7).
fn phi(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

#[test]
fn a_randomised_trigger_is_met_as_often_as_the_power_formula_says() {
    // True share 0.2 against a threshold of 0.15, judged on 200 participants and 150 controls,
    // of whom 90% are followed up and 80% of those answer.
    let (n_p, n_c, sd, kept): (f64, f64, f64, f64) = (200.0, 150.0, 0.5, 0.9 * 0.8);
    let se = sd * ((1.0 / n_p + 1.0 / n_c) / kept).sqrt();
    for (truth, threshold) in [(0.2, 0.15), (0.2, 0.2), (0.2, 0.26)] {
        let m = contract(&[format!(
            "{{ metric: recovery, price: 30000, trigger: {{ input: {truth}, at_least: {threshold}, measured: {{ randomised: {{ participants: 200, controls: 150, sd: 0.5, dropout: 0.1, nonresponse: 0.2 }} }} }} }}"
        )]);
        let n = 20_000;
        let out = rows(&m, n);
        let met = out.contract_field(0, field::TRIGGERS);
        let truly = out.contract_field(0, field::TRUE_TRIGGERS);
        let p_hat = met.iter().filter(|x| **x as u64 & 1 == 1).count() as f64 / n as f64;
        let power = phi((truth - threshold) / se);
        let sem = (power * (1.0 - power) / n as f64).sqrt();
        assert!(
            (p_hat - power).abs() <= 3.0 * sem,
            "threshold {threshold}: {p_hat} against {power} (se {sem})"
        );
        // The true value meets the threshold in every trial or in none.
        let met_truly = truly[0] as u64 & 1 == 1;
        assert!(truly.iter().all(|x| (*x as u64 & 1 == 1) == met_truly));
        assert_eq!(met_truly, truth >= threshold);
    }
}

#[test]
fn the_base_case_takes_the_expected_measurement_in_the_kernel_as_in_the_ledger() {
    let comparison = "{ comparison: { controls: 80, sd: 0.5, bias: 0.1 } }";
    let pre_post = "{ pre_post: { sd: 40, deadweight: { beta: { mean: 0.3, sd: 0.1 } } } }";
    for (r, t, s) in [
        (comparison, comparison, pre_post),
        (pre_post, "", "{ register: poisson }"),
        ("", pre_post, "{ register: { negative_binomial: 2 } }"),
    ] {
        let m = contract(&items(r, t, s));
        common::kernel_matches_ledger(&m);
        let truly = somsim::ledger::compute(&m.ideal()).unwrap().contracts;
        let measured = somsim::ledger::compute(&m).unwrap().contracts;
        // The expected measurement: x (1 + bias) for a comparison group, x / (1 - 0.3) for a
        // pre-post change, x for a register.
        let factor = |how: &str| {
            if how == comparison {
                1.1
            } else if how == pre_post {
                1.0 / 0.7
            } else {
                1.0
            }
        };
        for (k, how) in [(0, r), (1, s)] {
            for (a, b) in truly[0].items[k]
                .units
                .iter()
                .zip(&measured[0].items[k].units)
            {
                let (a, b) = (somsim::decimal::to_f64(*a), somsim::decimal::to_f64(*b));
                assert!(
                    (b - a * factor(how)).abs() <= 1e-9 * a.abs(),
                    "{how}: {b} against {a}"
                );
            }
        }
    }
}

#[test]
fn measured_results_are_identical_for_any_thread_count_and_leave_the_true_file_alone() {
    let file = common::root().join("contracts/intensive-dsi-measured.yaml");
    let one = common::thread_invariant(&["run", "--format", "json", "--trials", "3000"], &file);
    let json: serde_json::Value = serde_json::from_str(&one).unwrap();
    let mc = &json["contracts"][0]["monte_carlo"];
    let recovery = &mc["measured"]["recovery"];
    assert_eq!(recovery["measured"], "randomised");
    let power = recovery["prob_met_given_true_met"].as_f64().unwrap();
    assert!(power > 0.5 && power < 1.0, "{power}");
    assert!(recovery["error_share"].as_f64().unwrap() > 0.0);
    // P(met) by the true value rises from the lowest fifth of the true values to the highest.
    let curve = recovery["power_curve"].as_array().unwrap();
    assert_eq!(curve.len(), 5);
    let p = |i: usize| curve[i]["prob_met"].as_f64().unwrap();
    assert!(p(0) < p(2) && p(2) < p(4) && p(4) > 0.95, "{curve:?}");
    let v = &mc["versus_ideal"];
    assert!(v["prob_paid_more"].as_f64().unwrap() > 0.0);
    assert!(v["prob_paid_less"].as_f64().unwrap() > 0.0);
    // The ideal side is the true-effect contract of the same trials.
    let ideal = common::run_json(
        &["--trials", "3000"],
        &common::root().join("contracts/intensive-dsi.yaml"),
    );
    let ideal_mc = &ideal["contracts"][0]["monte_carlo"];
    assert_eq!(v["prob_loss"][1], ideal_mc["prob_loss"]);
    assert_eq!(v["expected_loss"][1], ideal_mc["expected_loss"]);
    assert!(ideal_mc.get("measured").is_none() && ideal_mc.get("versus_ideal").is_none());
}

#[test]
fn set_reaches_the_measurements_and_equals_the_file_written_with_them() {
    let set = |path: &str, value: &str| format!("contracts[DSI betalingsmodel].{path}={value}");
    let run = |file: &str, sets: &[String]| {
        let mut args = vec!["--trials", "1000"];
        for s in sets {
            args.extend(["--set", s.as_str()]);
        }
        let json = common::run_json(&args, &common::root().join(file));
        json["contracts"][0]["monte_carlo"].clone()
    };
    let set_on_true = run(
        "contracts/intensive-dsi.yaml",
        &[
            set(
                "rate_card[recovery].measured",
                "{randomised: {controls: 60, sd: 0.5, dropout: 0.15, nonresponse: 0.2}}",
            ),
            set(
                "rate_card[recovery].trigger.measured",
                "{randomised: {controls: 180, sd: 0.5, dropout: 0.15, nonresponse: 0.2}}",
            ),
            set(
                "rate_card[§85 support hours avoided].measured",
                "{register: {negative_binomial: 0.5}}",
            ),
            set("hurdle_rate", "0.035"),
        ],
    );
    let file = run("contracts/intensive-dsi-measured.yaml", &[]);
    assert!(file.get("measured").is_some());
    assert_eq!(set_on_true, file);
    // And back: `measured: true` on the measured file is the true-effect contract.
    let back = run(
        "contracts/intensive-dsi-measured.yaml",
        &[
            set("rate_card[recovery].measured", "true"),
            set("rate_card[recovery].trigger.measured", "true"),
            set("rate_card[§85 support hours avoided].measured", "true"),
        ],
    );
    assert_eq!(
        back,
        run(
            "contracts/intensive-dsi.yaml",
            &[set("hurdle_rate", "0.035")]
        )
    );
}

#[test]
fn the_npv_at_a_hurdle_rate_of_the_discount_rate_is_the_investors_delta_in_every_trial() {
    // The shipped measured contract states DSI's cost of capital as 3.5%, the discount rate of
    // the scenario's first 35 years, and DSI invests from the first year: its NPV at the
    // hurdle rate is then its delta (the PV of its contract flows), trial by trial.
    let m = Model::load(&common::root().join("contracts/intensive-dsi-measured.yaml")).unwrap();
    let dsi = m.payer_id("dsi").unwrap();
    let out = rows(&m, 2000);
    let (npv, delta) = (
        out.contract_field(0, field::HURDLE_NPV),
        out.contract_field(0, field::DELTA + dsi),
    );
    for (a, b) in npv.iter().zip(&delta) {
        assert!((a - b).abs() <= 1e-6 * (1.0 + b.abs()), "{a} against {b}");
    }
    // And the peak outstanding is at least the first year's investment.
    let first = out.contract_field(0, field::PEAK_OUTSTANDING);
    assert!(first.iter().all(|x| *x >= 800_000.0), "{:?}", &first[..5]);
}

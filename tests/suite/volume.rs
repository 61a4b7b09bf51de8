//! Volume risk (`stop:`): a municipality that may stop running the course after a year. The
//! base case counts the expected share of the courses planned after it; each trial draws,
//! from the municipality's own stream, whether it stops.

use crate::common;

use rust_decimal::Decimal;
use somsim::ledger;
use somsim::model::Model;
use somsim::montecarlo::Simulation;

/// A runs five courses a year and may stop after 2026 with probability 1/4; B runs on. The
/// coordinator of each is paid in the years it runs courses.
const TEXT: &str = r#"
name: volume risk
start_year: 2025
horizon: 4
price_year: 2025
payers: [dsi]
discounting: { rate: 0.035 }
course: { participants_per_course: 10, completion_rate: 0.8, peers_per_course: 2, volunteer_turnover: 0.5 }
municipalities:
  - { name: A, courses: 5, stop: { after: 2026, probability: 0.25 } }
  - { name: B, courses: 5 }
costs:
  - { name: coordinator, driver: per_year, unit_cost: 400000, payer: kommune }
  - { name: course costs, driver: per_course, unit_cost: 10000, payer: kommune }
contracts:
  - name: deal
    investor: dsi
    prefinance: [{ cost: coordinator, years: [2025, 2026] }]
    cohorts: [2025, 2026, 2027, 2028]
    rate_card: [{ metric: completers, price: 12000 }]
    outcome_payers: { kommune: 1 }
    last_year: 2028
"#;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn model(text: &str) -> Model {
    let files = common::Files::new(&[("s.yaml", text)]);
    Model::load(&files.path("s.yaml")).unwrap()
}

/// The base case by hand: A's courses after 2026 are 3/4 of five, 3.75 a year, so 30
/// completers instead of 40; its coordinator is paid (it still runs courses); B is untouched.
/// The kernel at the means gives the same.
#[test]
fn the_base_case_counts_the_expected_courses() {
    let m = model(TEXT);
    let a = ledger::activity(&m, 0).unwrap();
    let courses: Vec<Decimal> = a.iter().map(|x| x.courses).collect();
    assert_eq!(courses, [d("5"), d("5"), d("3.75"), d("3.75")]);
    assert_eq!(a[2].completers, d("30"));
    let b = ledger::activity(&m, 1).unwrap();
    assert!(b.iter().all(|x| x.courses == d("5")));
    // 40 + 40 + 30 + 30 completers of A, 4 x 40 of B, at 12,000 kr. each.
    let l = ledger::compute(&m).unwrap();
    let due: Decimal = l.contracts[0].items[0].due.iter().sum();
    assert_eq!(due, d("12000") * d("300"));
    common::kernel_matches_ledger(&m);
}

/// The scenario without its contract (whose repayment key links the municipalities' NPVs).
fn without_contract(text: &str) -> String {
    text[..text.find("contracts:").unwrap()].to_owned()
}

/// Over the trials, A stops in a share of them near 1/4 (within 3 standard errors), and in
/// those its courses after 2026, their costs and its coordinator's are gone: A's own NPV takes
/// exactly two values. B's never moves.
#[test]
fn each_trial_draws_whether_the_municipality_stops() {
    let m = model(&without_contract(TEXT));
    let n = 20_000;
    let out = Simulation::new(&m).run_summarized(11, n).0;
    let a = out.muni_npv_of(0);
    let b = out.muni_npv_of(1);
    assert!(b.iter().all(|x| *x == b[0]), "B moved");
    let mut values: Vec<f64> = a.clone();
    values.sort_by(f64::total_cmp);
    values.dedup();
    assert_eq!(values.len(), 2, "A's NPV: {values:?}");
    // Stopping saves A's costs in 2027-2028 and loses nothing it is paid for itself.
    let stopped = a.iter().filter(|x| **x == values[1]).count() as f64 / n as f64;
    let se = (0.25f64 * 0.75 / n as f64).sqrt();
    assert!(
        (stopped - 0.25).abs() < 3.0 * se,
        "stopped in {stopped} of the trials"
    );
}

/// The draws are the trial's own: the same seed gives the same stops for any thread count,
/// and a municipality's stop does not move when another municipality is added.
#[test]
fn the_stops_are_reproducible_and_each_municipality_draws_its_own() {
    let file = common::Files::new(&[("s.yaml", TEXT)]);
    let path = file.path("s.yaml");
    let run = |threads: &str| {
        common::run_json(&["--trials", "3000", "--threads", threads], &path)["municipalities"]
            .clone()
    };
    assert_eq!(run("1"), run("2"));
    let more = TEXT.replace(
        "  - { name: B, courses: 5 }",
        "  - { name: B, courses: 5 }\n  - { name: C, courses: 5, stop: { after: 2025, probability: 0.5 } }",
    );
    let (one, two) = (
        model(&without_contract(TEXT)),
        model(&without_contract(&more)),
    );
    let a1 = Simulation::new(&one)
        .run_summarized(3, 2000)
        .0
        .muni_npv_of(0);
    let a2 = Simulation::new(&two)
        .run_summarized(3, 2000)
        .0
        .muni_npv_of(0);
    assert_eq!(a1, a2);
}

/// A contract paid on completers loses when a municipality may stop: fewer completers after
/// the pre-financing, on the same trials, so the investor's mean MOIC falls; and the
/// guarantee-free contract's P(loss) rises from none.
#[test]
fn the_contract_bears_the_volume_risk() {
    let files = common::Files::new(&[
        ("stop.yaml", TEXT),
        (
            "sure.yaml",
            &TEXT.replace(", stop: { after: 2026, probability: 0.25 }", ""),
        ),
    ]);
    let moic = |f: &str| {
        let json = common::run_json(&["--trials", "2000"], &files.path(f));
        let mc = json["contracts"][0]["monte_carlo"].clone();
        (
            mc["moic"]["mean"].as_f64().unwrap(),
            mc["prob_loss"].as_f64().unwrap(),
        )
    };
    let (stop, sure) = (moic("stop.yaml"), moic("sure.yaml"));
    assert!(stop.0 < sure.0, "mean MOIC {stop:?} against {sure:?}");
    assert!(stop.1 >= sure.1, "P(loss) {stop:?} against {sure:?}");
}

/// The terminal says the volume risk before the numbers, and a certain stop as certain.
#[test]
fn the_run_says_who_may_stop_and_when() {
    let files = common::Files::new(&[("s.yaml", TEXT)]);
    let path = files.path("s.yaml");
    let run = |set: &[&str]| {
        common::succeed(
            common::somsim()
                .args(["run", "--trials", "200", "--lang", "en"])
                .args(set)
                .arg(&path),
        )
    };
    let out = run(&[]);
    assert!(
        out.contains("Volume risk: A may stop running the course after 2026, with probability 25%"),
        "{out}"
    );
    assert!(out.contains("the base case counts 75% of the courses planned after 2026"));
    let out = run(&["--set", "municipalities[A].stop.probability=1"]);
    assert!(
        out.contains("A stops running the course after 2026 (probability 100%)"),
        "{out}"
    );
}

/// A stop the file does not have is added whole from the command line, on a contract file's
/// scenario too, and moves the base case (80% of the courses after 2027).
#[test]
fn a_whole_stop_is_set_from_the_command_line() {
    let set = ["--set", "course.stop={after: 2027, probability: 0.2}"];
    let file = common::root().join("contracts/intensive-dsi.yaml");
    let by_set = common::json(&[&["run", "--trials", "300"][..], &set].concat(), &file);
    let stop = &by_set["contracts"][0]["monte_carlo"]["prob_loss"];
    assert!(stop.as_f64().is_some());
    let plain = common::json(&["run", "--trials", "300"], &file);
    assert_ne!(
        by_set["base"]["perspectives"], plain["base"]["perspectives"],
        "the stop changes the base case"
    );
}

//! `somsim settle`: the statement on actual data against a hand-worked one, the forecast's
//! importance weighting against rejection sampling, thread invariance, the workbook's formulas
//! recalculated, and the input errors.

use std::path::PathBuf;

use rust_decimal::Decimal;
use somsim::contracts::{forecast, settle};
use somsim::input::actuals;
use somsim::kernel::contract_field as field;
use somsim::model::Model;
use somsim::montecarlo::{Simulation, Stop};

use super::common;

const HEADER: &str = "municipality,year,courses,participants,completers,outcomes_achieved[recovery],outcomes_achieved[§85 support hours avoided],measured[recovery_gain_share]";

fn contract() -> PathBuf {
    common::root().join("contracts/intensive-dsi.yaml")
}

fn example() -> PathBuf {
    common::root().join("contracts/actuals/intensive-dsi-2026.csv")
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Observed 2025 and 2026, with enough outcomes in 2025 that the §85 item's cap and the return
/// cap both cut the 2026 payment.
const CAPPED: &str = "\
København,2025,3,24,18,12,800,0.4
Rødovre,2025,2,15,12,10,500,0.4
Fredericia,2025,3,23,17,10,400,0.4
Kolding,2025,2,16,12,8,300,0.4
København,2026,6,47,37,10,520,0.4
Rødovre,2026,4,31,24,7,330,0.4
Fredericia,2026,5,40,30,8,410,0.4
Kolding,2026,4,32,25,6,300,0.4
";

#[test]
fn the_statement_reproduces_a_hand_worked_settlement_to_the_ore() {
    let text = format!("{HEADER}\n{CAPPED}");
    let dir = common::Files::new(&[("a.csv", &text)]);
    let model = Model::load(&contract()).unwrap();
    let ledger = somsim::ledger::compute(&model).unwrap();
    let a = actuals::read_file(&dir.path("a.csv")).unwrap();
    let s = settle::statement(&model, 0, &ledger.contracts[0], &a).unwrap();
    // By hand, from contracts/intensive-dsi.yaml: DSI pre-finances both coordinators, the same
    // amount I in 2025 and 2026: the ledger's, stated to the øre (so the rows add up to the
    // total a statement shows).
    let exact = ledger.contracts[0].invested[0];
    assert_eq!(ledger.contracts[0].invested[1], exact);
    let i = exact.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert!((i - exact).abs() <= d("0.005") && i.scale() <= 2);
    assert_eq!(s.invested, vec![i, i]);
    // 2025: nothing is due (both items lag one year); the return-cap account holds I.
    // 2026: recovery 30,000 x (12 + 10 + 10 + 8) completers with a gain in 2025 = 1,200,000;
    // §85 hours 612 x (800 + 500 + 400 + 300) = 1,224,000, cut by its cap to 1,000,000.
    assert_eq!(s.items[0].due, vec![d("0"), d("1200000")]);
    assert_eq!(s.items[1].due, vec![d("0"), d("1224000")]);
    assert_eq!(s.due, vec![d("0"), d("2424000")]);
    // The trigger: measured 0.4 on every row, at least 0.15: met.
    assert_eq!(s.items[0].trigger, Some((d("0.4"), true)));
    // Return cap 5%: A[2026] = I x 1.05 + I = 2.05 I < 2,200,000, so DSI is paid 2.05 I and
    // the account is empty.
    let a2026 = i * d("1.05") + i;
    assert!(a2026 < d("2200000"));
    assert_eq!(s.paid, vec![d("0"), a2026]);
    assert_eq!(s.account, Some(vec![i, d("0")]));
    assert_eq!(s.bound.items, 0b10);
    assert!(s.bound.return_cap && !s.bound.cap);
    // The municipalities (kommune, share 1) pay it all; the term runs to 2030, so no floor or
    // guarantee yet.
    assert_eq!(s.payers, vec![(0, vec![d("0"), a2026])]);
    assert_eq!(s.end, None);
    // Units observed in 2026 fall due in 2027: 30,000 x 31 and 612 x 1,560.
    assert_eq!(s.items[0].due_later, d("930000"));
    assert_eq!(s.items[1].due_later, d("954720"));
    // The §85 item's cap of 1,000,000 is used up in 2026: none of that can be paid; the
    // recovery item has no cap.
    assert_eq!(s.items[1].due_later_within_cap, Some(d("0")));
    assert_eq!(s.items[0].due_later_within_cap, None);
    // Per municipality, by the repayment key on the data: its share of the window's observed
    // completers (18 + 37, 12 + 24, 17 + 30, 12 + 25 of 175), the øre the rounding leaves to
    // the last; the parts add up to what is paid, year by year.
    let keys: Vec<Decimal> = s.by_municipality.iter().map(|(_, k, _)| *k).collect();
    let total = d("175");
    assert_eq!(
        keys,
        [
            d("55") / total,
            d("36") / total,
            d("47") / total,
            d("37") / total
        ]
    );
    for t in 0..2 {
        let sum: Decimal = s.by_municipality.iter().map(|(_, _, p)| p[t]).sum();
        assert_eq!(sum, s.paid[t]);
    }
    let round = |x: Decimal| {
        x.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    };
    assert_eq!(s.by_municipality[0].2[1], round(a2026 * keys[0]));
    assert_eq!(s.total_invested, i + i);
    assert_eq!(s.total_received, a2026);
    // The command's JSON says the same, to the øre.
    let json = common::json(
        &[
            "settle",
            "--trials",
            "200",
            "--actuals",
            dir.path("a.csv").to_str().unwrap(),
        ],
        &contract(),
    );
    let years = json["statement"]["years"].as_array().unwrap();
    let ore = |x: Decimal| somsim::decimal::to_f64(x.round_dp(2));
    assert_eq!(years[1]["paid"].as_f64().unwrap(), ore(a2026));
    assert_eq!(years[1]["paid_by"]["kommune"].as_f64().unwrap(), ore(a2026));
    assert_eq!(years[0]["return_cap_account"].as_f64().unwrap(), ore(i));
    assert_eq!(
        json["statement"]["item_caps_bound"][0],
        "§85 support hours avoided"
    );
    assert_eq!(json["statement"]["return_cap_bound"], true);
}

/// The trials of `model` on `seed` keeping the deal basis, with the layout of their draws.
fn trials(
    model: &Model,
    n: usize,
    seed: u64,
) -> (
    somsim::montecarlo::Outputs,
    somsim::sampler::Layout,
    somsim::kernel::DealBasis,
) {
    let mut sim = Simulation::new(model);
    sim.plan.keep_deal_basis();
    let out = sim.run(seed, Stop::Trials(n), &|_, _| {}).0;
    let basis = sim.plan.deal_basis(0).unwrap();
    (out, sim.layout, basis)
}

#[test]
fn with_nothing_observed_the_trials_settle_as_the_kernel_settled_them() {
    // Nothing observed: every payment is the trial's own, and settling the term again from
    // the deal basis gives what the kernel settled (its IRR from a run without the basis).
    let model = Model::load(&contract()).unwrap();
    let ledger = somsim::ledger::compute(&model).unwrap();
    let a = actuals::read_file(&example()).unwrap();
    let s = settle::statement(&model, 0, &ledger.contracts[0], &a).unwrap();
    let (out, _, basis) = trials(&model, 2000, 5);
    let drawn = forecast::as_drawn(&model, 0, &out, basis, &s);
    let plain = Simulation::new(&model)
        .run(5, Stop::Trials(2000), &|_, _| {})
        .0;
    let close = |a: &[f64], b: &[f64], what: &str| {
        for (t, (x, y)) in a.iter().zip(b).enumerate() {
            assert!(
                (x.is_nan() && y.is_nan()) || (x - y).abs() <= 1e-6 * (1.0 + x.abs()),
                "{what} trial {t}: {x} against {y}"
            );
        }
    };
    let col = |f: usize| plain.contract_field(0, f);
    let net: Vec<f64> = (col(field::RECEIVED).iter().zip(col(field::INVESTED)))
        .map(|(r, i)| r - i)
        .collect();
    close(&col(field::MOIC), &drawn.moic, "MOIC");
    close(&net, &drawn.net, "net");
    close(&col(field::IRR), &drawn.irr, "IRR");
    for (p, d) in &drawn.delta {
        close(&col(field::DELTA + p), d, &format!("delta {p}"));
    }
}

/// A binomial draw of `n` with probability `p`, from the uniform numbers `u`.
fn binomial(n: f64, p: f64, u: &mut impl FnMut() -> f64) -> f64 {
    (0..n as usize).filter(|_| u() < p).count() as f64
}

#[test]
fn the_weighted_forecast_agrees_with_rejection_sampling() {
    // One municipality observed with few participants (the others ran no course), so that
    // drawing the observations anew from each trial reproduces them often enough to keep.
    let text = format!(
        "{HEADER}\nKøbenhavn,2025,1,6,4,1,20,0.25\nRødovre,2025,0,0,0,0,0,\nFredericia,2025,0,0,0,0,0,\nKolding,2025,0,0,0,0,0,\n"
    );
    let dir = common::Files::new(&[("a.csv", &text)]);
    let model = Model::load(&contract()).unwrap();
    let a = actuals::read_file(&dir.path("a.csv")).unwrap();
    let obs = settle::observed(&model, 0, &a).unwrap();
    let layout = somsim::sampler::Layout::new(&model);
    let terms = forecast::observations(&model, &layout, 0, &obs, &a);
    // The completers (4 of 6) and the completers with a gain (1 of 4) inform two inputs.
    assert_eq!(terms.iter().filter(|b| b.n > 0.0).count(), 2);
    let n = 20_000;
    let (out, layout, basis) = trials(&model, n, 11);
    let ledger = somsim::ledger::compute(&model).unwrap();
    let s = settle::statement(&model, 0, &ledger.contracts[0], &a).unwrap();
    let before = forecast::as_drawn(&model, 0, &out, basis, &s);
    let given = forecast::spliced(&model, 0, &out, basis, &s);
    let fc = forecast::forecast(&model, 0, &layout, 11, &terms, &before, &given);
    // Rejection: each trial draws the observations from its own inputs and is kept when it
    // reproduces them exactly.
    let mut state = 99u64;
    let mut u = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let (moic, net) = (&given.moic, &given.net);
    let mut draws = vec![0.0; layout.len];
    let kept: Vec<usize> = (0..n)
        .filter(|t| {
            layout.fill(11, *t as u64, &mut draws);
            terms.iter().all(|b| {
                let p = draws[b.slot] * b.factor;
                binomial(b.n, p, &mut u) == b.k
            })
        })
        .collect();
    assert!(kept.len() > 1000, "{} kept", kept.len());
    for (name, xs, given) in [
        ("MOIC", moic, fc.moic.given.as_ref().unwrap()),
        ("net", net, fc.net.given.as_ref().unwrap()),
    ] {
        let k = kept.len() as f64;
        let mean = kept.iter().map(|t| xs[*t]).sum::<f64>() / k;
        let var = kept.iter().map(|t| (xs[*t] - mean).powi(2)).sum::<f64>() / (k - 1.0);
        let se = (var / k + given.se * given.se).sqrt();
        assert!(
            (mean - given.mean).abs() <= 3.0 * se,
            "{name}: rejection {mean} ({} kept), weighted {} (se {se})",
            kept.len(),
            given.mean
        );
    }
    // The data moved the forecast: the prior's mean differs from the posterior's.
    assert!(fc.ess < n as f64 && fc.ess > 1000.0, "{}", fc.ess);
}

#[test]
fn the_settlement_is_thread_invariant() {
    let ex = example();
    let args = [
        "settle",
        "--trials",
        "3000",
        "--format",
        "json",
        "--actuals",
        ex.to_str().unwrap(),
    ];
    common::thread_invariant(&args, &contract());
}

/// The row of the statement's header and the column of `header` (1-based).
fn place(m: &ironcalc::base::Model, header: &str) -> (i32, i32) {
    use ironcalc::base::cell::CellValue;
    let text = |r: i32, c: i32| match m.get_cell_value_by_index(0, r, c).unwrap() {
        CellValue::String(s) => s,
        _ => String::new(),
    };
    let head = (1..60)
        .find(|r| text(*r, 1) == "Year")
        .expect("the statement's header");
    let col = (1..60).find(|c| text(head, *c) == header).expect(header);
    (head, col)
}

/// The value of the cell below `header` in the statement's table, `k` rows down.
fn below(m: &ironcalc::base::Model, header: &str, k: i32) -> f64 {
    use ironcalc::base::cell::CellValue;
    let (head, col) = place(m, header);
    match m.get_cell_value_by_index(0, head + k, col).unwrap() {
        CellValue::Number(x) => x,
        other => panic!("{header} {k}: {other:?}"),
    }
}

#[test]
fn the_workbook_statement_recalculates_to_the_engines_values() {
    let text = format!("{HEADER}\n{CAPPED}");
    let dir = common::Files::new(&[("a.csv", &text)]);
    let out = dir.path("s.xlsx");
    let csv = dir.path("a.csv");
    let base = [
        "settle",
        "--trials",
        "300",
        "--actuals",
        csv.to_str().unwrap(),
    ];
    common::succeed(
        common::somsim()
            .args(base)
            .args(["--format", "xlsx", "-o"])
            .arg(&out)
            .arg(contract()),
    );
    let json = common::json(&base, &contract());
    let mut m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    m.evaluate();
    let years = json["statement"]["years"].as_array().unwrap();
    for (k, y) in years.iter().enumerate() {
        let k = k as i32 + 1;
        for (header, field) in [
            ("Paid", &y["paid"]),
            ("Return-cap account", &y["return_cap_account"]),
            ("Paid by kommune", &y["paid_by"]["kommune"]),
            (
                "Due: recovery",
                &json["statement"]["items"][0]["due"][k as usize - 1],
            ),
        ] {
            let want = field.as_f64().unwrap();
            let got = below(&m, header, k);
            assert!(
                (got - want).abs() < 0.005,
                "{header} row {k}: {got} against {want}"
            );
        }
    }
    // Ten more completers with a gain in 2025 recalculate 2026: the recovery due rises by
    // 300,000, and the payment stays at what the return cap allows.
    let (head, col) = place(&m, "Units: recovery");
    m.set_user_input(0, head + 2, col, "50".into()).unwrap();
    m.evaluate();
    assert!((below(&m, "Due: recovery", 2) - 1_500_000.0).abs() < 0.005);
    let paid = years[1]["paid"].as_f64().unwrap();
    assert!((below(&m, "Paid", 2) - paid).abs() < 0.005);
}

/// Run `somsim settle` on the contract with `actuals` (its text) in `lang`, expecting an input
/// error: its exit code and message.
fn refused(actuals: &str, lang: &str) -> String {
    refused_as("bad.csv", actuals, lang)
}

/// [`refused`], the actuals in a file called `name`.
pub(super) fn refused_as(name: &str, actuals: &str, lang: &str) -> String {
    let dir = common::Files::new(&[(name, actuals)]);
    let out = common::somsim()
        .args(["settle", "--trials", "1000", "--lang", lang, "--actuals"])
        .arg(dir.path(name))
        .arg(contract())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn broken_actuals_are_reported_by_file_line_and_field() {
    let row2 = "Rødovre,2025,2,15,12,4,110,0.33\nFredericia,2025,3,23,17,5,150,0.29\nKolding,2025,2,16,12,3,100,0.25\n";
    let with = |first: &str| format!("{HEADER}\n{first}\n{row2}");
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            with("Københaven,2025,3,24,18,5,160,0.28"),
            vec!["bad.csv:2: municipality", "unknown municipality", "København"],
        ),
        (
            with("København,2031,3,24,18,5,160,0.28"),
            vec!["bad.csv:2: year", "outside the contract's term", "2025 to 2030"],
        ),
        (
            with("København,2025,-3,24,18,5,160,0.28"),
            vec!["bad.csv:2: courses", "expected 0 or more"],
        ),
        (
            with("København,2025,3,24,25,5,160,0.28"),
            vec!["bad.csv:2: completers", "at most as many completers as participants"],
        ),
        (
            with("København,2025,3,465.000,18,5,160,0.28"),
            vec!["bad.csv:2: participants", "465000"],
        ),
        (
            with("København,2025,3,24,18"),
            vec!["bad.csv:2", "5 fields; expected 8"],
        ),
        (
            with("København,2025,3,24,18,5,160,0.28\nKøbenhavn,2025,3,24,18,5,160,0.28"),
            vec!["bad.csv:3: year", "given twice"],
        ),
        (
            "municipality,year,courses,participants,completers\nKøbenhavn,2025,3,24,18\nRødovre,2025,2,15,12\nFredericia,2025,3,23,17\nKolding,2025,2,16,12\n".into(),
            vec!["bad.csv", "outcomes_achieved[recovery]"],
        ),
        (
            "municipality,year,courses,participant,completers\nKøbenhavn,2025,3,24,18\n".into(),
            vec!["bad.csv:1: participant", "unknown column"],
        ),
        (
            format!("{HEADER}\nKøbenhavn,2025,3,24,18,5,160,0.28\n"),
            vec!["Rødovre has no row for 2025"],
        ),
    ];
    for (text, expects) in &cases {
        let err = refused(text, "en");
        for e in expects {
            assert!(err.contains(e), "expected {e:?} in:\n{err}\nfor:\n{text}");
        }
        let da = refused(text, "da");
        assert!(da.starts_with("fejl:"), "{da}");
        let english = super::error_catalogue::english_in(&da);
        assert!(english.is_empty(), "{english:?} in:\n{da}");
    }
}

#[test]
fn settle_never_writes_over_its_actuals() {
    let text = format!("{HEADER}\n{CAPPED}");
    let dir = common::Files::new(&[("a.csv", &text)]);
    let out = common::somsim()
        .args(["settle", "--trials", "100", "--format", "csv", "--actuals"])
        .arg(dir.path("a.csv"))
        .arg("-o")
        .arg(dir.path("a.csv"))
        .arg(contract())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(dir.path("a.csv")).unwrap(), text);
}

#[test]
fn at_the_end_of_the_term_the_trigger_missed_draws_the_guarantee() {
    // Every year of the term observed, and a measured recovery share of 0.05: the trigger
    // (at least 0.15) is missed, so only the §85 hours are paid; at the end of the term
    // VELUX FONDEN's guarantee covers the loss up to 750,000.
    let mut text = String::from(HEADER);
    for y in 2025..=2030 {
        for m in ["København", "Rødovre", "Fredericia", "Kolding"] {
            text.push('\n');
            text.push_str(&if y <= 2027 {
                format!("{m},{y},4,30,22,1,50,0.05")
            } else {
                format!("{m},{y},6,45,34,0,20,")
            });
        }
    }
    let dir = common::Files::new(&[("a.csv", &text)]);
    let model = Model::load(&contract()).unwrap();
    let ledger = somsim::ledger::compute(&model).unwrap();
    let a = actuals::read_file(&dir.path("a.csv")).unwrap();
    let s = settle::statement(&model, 0, &ledger.contracts[0], &a).unwrap();
    assert!(s.term_ended);
    assert_eq!(s.items[0].trigger, Some((d("0.05"), false)));
    assert!(s.items[0].due.iter().all(|x| x.is_zero()));
    // 612 kr. x 4 x 50 hours a year from 2025 to 2027, x 4 x 20 from 2028, each a year later.
    let hours = [0, 200, 200, 200, 80, 80].map(|h| Decimal::from(612 * h));
    assert_eq!(s.paid, hours.to_vec());
    // Units of 2030 would be paid in 2031, after the term: nothing is due later.
    assert_eq!(s.items[1].due_later, d("0"));
    let invested: Decimal = ledger.contracts[0].invested.iter().sum();
    let paid: Decimal = hours.iter().sum();
    let end = s.end.unwrap();
    assert_eq!(end.top_up, d("0"));
    assert_eq!(end.guarantee, (invested - paid).min(d("750000")));
    assert_eq!(end.guarantee, d("750000"));
    assert_eq!(s.total_received, paid + d("750000"));
    // The guarantor (velux) pays the draw in 2030.
    let velux = model.payers.iter().position(|p| p == "velux").unwrap();
    let (_, by) = s.payers.iter().find(|(p, _)| *p == velux).unwrap();
    assert_eq!(by[5], d("750000"));
    // The workbook's guarantee formula recalculates to the draw.
    let out = dir.path("s.xlsx");
    common::succeed(
        common::somsim()
            .args(["settle", "--trials", "100", "--format", "xlsx", "--actuals"])
            .arg(dir.path("a.csv"))
            .arg("-o")
            .arg(&out)
            .arg(contract()),
    );
    let mut m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    m.evaluate();
    assert!((below(&m, "Paid by velux", 6) - 750_000.0).abs() < 0.005);
    assert!((below(&m, "Paid by kommune", 6) - 612.0 * 80.0).abs() < 0.005);
}

#[test]
fn an_input_drawn_per_municipality_is_conditioned_on_each_municipalitys_own_draw() {
    let text = r#"
name: per municipality
start_year: 2025
horizon: 8
price_year: 2025
payers: [dsi]
discounting: { rate: 0.035 }
course: { participants_per_course: 8, completion_rate: { beta: { mean: 0.7, sd: 0.1 }, per_municipality: true }, peers_per_course: 2, volunteer_turnover: 0.5 }
municipalities:
  - { name: A, courses: [2, 4, 4, 4, 4, 4, 4, 4] }
  - { name: B, courses: [2, 4, 4, 4, 4, 4, 4, 4] }
costs:
  - { name: coordinator, driver: per_year, unit_cost: 400000, payer: kommune, shared: { A: 0.5, B: 0.5 } }
contracts:
  - name: deal
    investor: dsi
    prefinance: [{ cost: coordinator, years: [2025, 2026] }]
    cohorts: [2025, 2026, 2027]
    rate_card: [{ metric: completers, price: 12000, lag: 1 }]
    outcome_payers: { kommune: 1 }
    last_year: 2030
"#;
    let actuals = "municipality,year,courses,participants,completers\nA,2025,1,5,4\nB,2025,1,4,1\n";
    let dir = common::Files::new(&[("s.yaml", text), ("a.csv", actuals)]);
    let model = Model::load(&dir.path("s.yaml")).unwrap();
    let ledger = somsim::ledger::compute(&model).unwrap();
    let a = actuals::read_file(&dir.path("a.csv")).unwrap();
    let obs = settle::observed(&model, 0, &a).unwrap();
    let layout = somsim::sampler::Layout::new(&model);
    let terms = forecast::observations(&model, &layout, 0, &obs, &a);
    // One input, two slots: A's draw and B's.
    assert_eq!(terms.len(), 2);
    assert_eq!(terms[0].input, terms[1].input);
    assert_ne!(terms[0].slot, terms[1].slot);
    let n = 40_000;
    let (out, layout, basis) = trials(&model, n, 3);
    let s = settle::statement(&model, 0, &ledger.contracts[0], &a).unwrap();
    let before = forecast::as_drawn(&model, 0, &out, basis, &s);
    let given = forecast::spliced(&model, 0, &out, basis, &s);
    let fc = forecast::forecast(&model, 0, &layout, 3, &terms, &before, &given);
    let mut state = 5u64;
    let mut u = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut draws = vec![0.0; layout.len];
    let kept: Vec<usize> = (0..n)
        .filter(|t| {
            layout.fill(3, *t as u64, &mut draws);
            terms
                .iter()
                .all(|b| binomial(b.n, draws[b.slot] * b.factor, &mut u) == b.k)
        })
        .collect();
    assert!(kept.len() > 500, "{} kept", kept.len());
    let k = kept.len() as f64;
    let xs = &given.net;
    let mean = kept.iter().map(|t| xs[*t]).sum::<f64>() / k;
    let var = kept.iter().map(|t| (xs[*t] - mean).powi(2)).sum::<f64>() / (k - 1.0);
    let w = fc.net.given.unwrap();
    let se = (var / k + w.se * w.se).sqrt();
    assert!(
        (mean - w.mean).abs() <= 3.0 * se,
        "rejection {mean} ({} kept), weighted {} (se {se})",
        kept.len(),
        w.mean
    );
}

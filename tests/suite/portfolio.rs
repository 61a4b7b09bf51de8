//! Portfolios and the revolving fund (`docs/model.md`, "Portfolio and revolving fund"): a fund
//! worked by hand to the øre, contracts that share no input against the same contracts run
//! alone, contracts that share every input moving together, every trial re-settled from its
//! own draws, and thread invariance.

use rust_decimal::Decimal;
use somsim::model::portfolio::Portfolio;
use somsim::portfolio::{analyse, row};

use crate::common::{self, Files};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Two kommuner, one course each in their first year at 100,000 kr., ten completers each; the
/// contract pre-finances the course and pays 11,000 kr. per completer a year later.
const FIXED: &str = "name: two kommuner
start_year: 2025
horizon: 3
price_year: 2025
payers: [fund]
discounting: { rate: 0.035 }
course: { participants_per_course: 10, completion_rate: 1, peers_per_course: 2, volunteer_turnover: 0.5 }
municipalities:
  - { name: A, courses: [1, 0, 0] }
  - { name: B, courses: [1, 0, 0] }
costs:
  - { name: course, driver: per_course, unit_cost: 100000, payer: kommune }
contracts:
  - name: deal
    investor: fund
    prefinance: [{ cost: course, years: 2025 }]
    rate_card: [{ metric: completers, price: 11000, lag: 1 }]
    outcome_payers: { kommune: 1 }
    last_year: 2026
";

const FUND: &str = "name: a fund by hand
start_year: 2025
horizon: 3
contracts:
  - { file: s.yaml, municipalities: each }
fund: { capital: 150000, management_fee: 0.01 }
";

/// By hand: 2025, the fund (150,000) commits to A (100,000); B waits, as 50,000 is free. A
/// invests 100,000 and the fee is 1% of its 100,000 outstanding: 49,000. 2026: A repays
/// 110,000: 159,000; B still waits (49,000 was free when the year began). 2027: B joins,
/// invests 100,000, fee 1,000: 58,000. 2028: B repays 110,000: 168,000.
#[test]
fn a_revolving_fund_by_hand_to_the_ore() {
    let files = Files::new(&[("s.yaml", FIXED), ("p.yaml", FUND)]);
    let p = Portfolio::load(&files.path("p.yaml")).unwrap();
    assert_eq!(p.entries.len(), 2);
    let r = analyse(&p, 7, 0).unwrap();
    let b = &r.base;
    assert_eq!(b.path.join, vec![Some(0), Some(2)]);
    assert_eq!(r.years, 5);
    let balance: Vec<Decimal> = b.path.balance.clone();
    assert_eq!(
        balance,
        ["49000", "159000", "58000", "168000", "168000"]
            .map(d)
            .to_vec()
    );
    assert_eq!(b.path.fee, ["1000", "0", "1000", "0", "0"].map(d).to_vec());
    assert_eq!(b.totals.invested, d("200000"));
    assert_eq!(b.totals.received, d("220000"));
    assert_eq!(b.totals.fees, d("2000"));
    assert_eq!(b.totals.joined, 2);
    assert_eq!(b.totals.completers, d("20"));
    assert_eq!(b.path.exhausted, None);
    // With 100,000 the fund finances A, whose fee (not set aside) overdraws it by 1,000; B
    // joins when A's repayment is in hand, at the start of 2027.
    let small = FUND.replace("capital: 150000", "capital: 100000");
    let files = Files::new(&[("s.yaml", FIXED), ("p.yaml", &small)]);
    let r = analyse(&Portfolio::load(&files.path("p.yaml")).unwrap(), 7, 0).unwrap();
    assert_eq!(r.base.path.join, vec![Some(0), Some(2)]);
    assert_eq!(r.base.path.balance[0], d("-1000"));
    assert!(r.base.path.overdrawn);
    // With 99,000 it never can: exhausted from the first year.
    let none = FUND.replace("capital: 150000", "capital: 99000");
    let files = Files::new(&[("s.yaml", FIXED), ("p.yaml", &none)]);
    let r = analyse(&Portfolio::load(&files.path("p.yaml")).unwrap(), 7, 0).unwrap();
    assert_eq!(r.base.path.join, vec![None, None]);
    assert_eq!(r.base.path.exhausted, Some(0));
}

/// A scenario with uncertain inputs, its names suffixed `tag` (two tags share no input).
fn uncertain(tag: &str) -> String {
    format!(
        "name: uncertain {tag}
start_year: 2025
horizon: 6
price_year: 2025
payers: [fund]
discounting: {{ rate: 0.035 }}
course: {{ participants_per_course: 8, completion_rate: 0.7, peers_per_course: 2, volunteer_turnover: 0.5 }}
municipalities: [{{ name: M{tag}, courses: [2, 4, 4, 4, 4, 4] }}]
costs:
  - {{ name: coordinator{tag}, driver: per_year, unit_cost: {{ pert: [350000, 400000, 500000] }}, payer: kommune }}
outcomes:
  - {{ name: support{tag}, baseline: 60, effect: {{ normal: [-0.05, 0.1, -1] }}, profile: [1, 0.5], unit_price: 600, payers: {{ kommune: 1 }} }}
non_monetary:
  - {{ name: recovery{tag}, unit: completers with a gain, per_completer: {{ beta: {{ mean: 0.24, sd: 0.07 }} }} }}
contracts:
  - name: deal
    investor: fund
    prefinance: [{{ cost: coordinator{tag}, years: [2025, 2026] }}]
    rate_card: [{{ metric: recovery{tag}, price: 40000, lag: 1 }}, {{ metric: support{tag}, price: 600, lag: 1 }}]
    outcome_payers: {{ kommune: 1 }}
    last_year: 2029
"
    )
}

/// Each contract run alone: its investor's invested and received per trial.
fn alone(file: &std::path::Path, trials: usize) -> (Vec<f64>, Vec<f64>) {
    let m = somsim::model::Model::load(file).unwrap();
    let sim = somsim::montecarlo::Simulation::new(&m);
    let out = sim.run_summarized(11, trials).0;
    use somsim::kernel::contract_field as f;
    (
        out.contract_field(0, f::INVESTED),
        out.contract_field(0, f::RECEIVED),
    )
}

fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

/// Without a fund, trial by trial the portfolio is the sum of its contracts run alone on the
/// same seed: with no input shared they are independent, so its statistics are those of
/// independent contracts combined; with every input shared they move together exactly.
#[test]
fn shared_inputs_make_contracts_move_together_and_no_shared_input_none() {
    let trials = 3000;
    let portfolio = "name: two
start_year: 2025
horizon: 1
contracts:
  - { file: a.yaml }
  - { file: FILE2 }
";
    let files = Files::new(&[
        ("a.yaml", &uncertain("a")),
        ("b.yaml", &uncertain("b")),
        ("apart.yaml", &portfolio.replace("FILE2", "b.yaml")),
        ("together.yaml", &portfolio.replace("FILE2", "a.yaml")),
    ]);
    let (inv_a, rec_a) = alone(&files.path("a.yaml"), trials);
    let (inv_b, rec_b) = alone(&files.path("b.yaml"), trials);
    let net = |inv: &[f64], rec: &[f64]| -> Vec<f64> {
        rec.iter().zip(inv).map(|(r, i)| r - i).collect()
    };
    let (net_a, net_b) = (net(&inv_a, &rec_a), net(&inv_b, &rec_b));
    let r = correlation(&net_a, &net_b);
    assert!(
        r.abs() < 4.0 / (trials as f64).sqrt(),
        "no input shared, yet r = {r}"
    );

    let p = Portfolio::load(&files.path("apart.yaml")).unwrap();
    let res = analyse(&p, 11, trials).unwrap();
    let t = res.trials.as_ref().unwrap();
    let w = t.width;
    for i in 0..trials {
        let at = |f: usize| t.rows[i * w + f];
        let (inv, rec) = (inv_a[i] + inv_b[i], rec_a[i] + rec_b[i]);
        assert!(
            (at(row::INVESTED) - inv).abs() <= 1e-6 * inv.abs().max(1.0),
            "trial {i}"
        );
        assert!(
            (at(row::RECEIVED) - rec).abs() <= 1e-6 * rec.abs().max(1.0),
            "trial {i}"
        );
    }
    // Its statistics are those of the two combined.
    let combined: Vec<f64> = (0..trials).map(|i| net_a[i] + net_b[i]).collect();
    let mean = combined.iter().sum::<f64>() / trials as f64;
    assert!((t.net.mean - mean).abs() <= 1e-6 * mean.abs().max(1.0));
    let losses = (0..trials)
        .filter(|&i| rec_a[i] + rec_b[i] < (inv_a[i] + inv_b[i]) * (1.0 - 1e-12))
        .count() as f64;
    assert_eq!(t.prob_loss, losses / trials as f64);

    let p = Portfolio::load(&files.path("together.yaml")).unwrap();
    let res = analyse(&p, 11, trials).unwrap();
    let t = res.trials.as_ref().unwrap();
    let l = row::Layout {
        years: res.years,
        entries: 2,
        payers: res.payers.len(),
    };
    let col = |k: usize| -> Vec<f64> {
        (0..trials)
            .map(|i| t.rows[i * t.width + l.loss(k)])
            .collect()
    };
    assert_eq!(
        col(0),
        col(1),
        "every input shared: the same loss in every trial"
    );
    for (i, inv) in inv_a.iter().enumerate() {
        assert_eq!(t.rows[i * t.width + row::INVESTED], 2.0 * inv);
    }
}

/// Each trial of the shipped fund re-settles from its own draws alone to the same row, and
/// the results do not depend on the thread count.
#[test]
fn every_trial_re_settles_from_its_draws_and_threads_do_not_matter() {
    let file = common::root().join("portfolios/dsi-fund.yaml");
    let p = Portfolio::load(&file).unwrap();
    let trials = 600;
    let all = analyse(&p, 5, trials).unwrap();
    let t = all.trials.as_ref().unwrap();
    for i in [0, 1, 257, 599] {
        let one = somsim::portfolio::trial_row(&p, 5, i).unwrap();
        let stored = &t.rows[i * t.width..(i + 1) * t.width];
        let same = one
            .iter()
            .zip(stored)
            .all(|(a, b)| a.to_bits() == b.to_bits());
        assert!(same, "trial {i} re-settles differently");
    }
    common::thread_invariant(&["portfolio", "--format", "json", "--trials", "700"], &file);
}

/// The workbook's fund balance, fee and sums recalculate in IronCalc to the engine's base
/// case, and a changed capital moves the balance by exactly the change.
#[test]
fn the_workbook_fund_recalculates_to_the_engines_base_case() {
    let file = common::root().join("portfolios/dsi-fund.yaml");
    let dir = Files::new(&[]);
    let out = dir.path("fund.xlsx");
    let args = ["portfolio", "--trials", "0"];
    common::succeed(
        common::somsim()
            .args(args)
            .args(["--format", "xlsx", "-o"])
            .arg(&out)
            .arg(&file),
    );
    let json = common::json(&args, &file);
    let mut m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    m.evaluate();
    let num = |m: &ironcalc::base::Model, r: i32, c: i32| common::sheet::number(m, 0, r, c);
    // The header is on row 8 (1-based); the years follow.
    let years = json["base"]["years"].as_array().unwrap();
    for (k, y) in years.iter().enumerate() {
        let r = 9 + k as i32;
        for (c, field) in [(4, "invested"), (5, "received"), (7, "fee"), (8, "balance")] {
            let want = y[field].as_f64().unwrap();
            let got = num(&m, r, c);
            assert!(
                (got - want).abs() < 0.005,
                "{} {field}: {got} against {want}",
                y["year"]
            );
        }
    }
    // A million more capital: every year's balance a million higher (the joins stay).
    let capital = num(&m, 4, 2);
    m.set_user_input(0, 4, 2, (capital + 1e6).to_string())
        .unwrap();
    m.evaluate();
    let last = 8 + years.len() as i32;
    let want = years.last().unwrap()["balance"].as_f64().unwrap() + 1e6;
    assert!((num(&m, last, 8) - want).abs() < 0.005);
}

/// The fund's page is self-contained, Danish unless asked otherwise, draws the balance and
/// P(exhausted), and every number it prints is the JSON value it says it shows.
#[test]
fn the_fund_page_shows_its_json_in_danish_and_english() {
    use somsim::report::locale::Lang;
    let file = common::root().join("portfolios/dsi-fund.yaml");
    let dir = Files::new(&[]);
    let run = |args: &[&str], name: &str| {
        let out = dir.path(name);
        common::succeed(
            common::somsim()
                .args(["portfolio", "--trials", "300"])
                .args(args)
                .arg("-o")
                .arg(&out)
                .arg(&file),
        );
        std::fs::read_to_string(out).unwrap()
    };
    let json: serde_json::Value =
        serde_json::from_str(&run(&["--format", "json"], "f.json")).unwrap();
    for (lang, args) in [
        (Lang::Da, vec!["--format", "html"]),
        (Lang::En, vec!["--format", "html", "--lang", "en"]),
    ] {
        let html = run(&args, "f.html");
        let code = if lang == Lang::Da { "da" } else { "en" };
        assert!(html.contains(&format!("<html lang=\"{code}\">")));
        crate::report::self_contained(&html);
        assert_eq!(
            html.matches("<svg").count(),
            2,
            "the balance and P(exhausted)"
        );
        let (printed, _) = crate::report::read_page(&html);
        crate::report::numbers_match(lang, &printed, &json);
        let shown = |p: &str| printed.iter().any(|x| x.pointer == p);
        assert!(shown("/base/years/0/balance") && shown("/monte_carlo/balance_by_year/2046/p5"));
        assert!(shown("/entries/97/commitment"), "every contract is listed");
    }
}

/// `somsim deal` over a portfolio's terms: each combination is the portfolio run alone with
/// those terms, and a Danish number on the command line is refused naming the flag.
#[test]
fn a_portfolio_grid_is_each_combination_run_alone() {
    let files = Files::new(&[
        ("s.yaml", &uncertain("a")),
        (
            "p.yaml",
            "name: fund
start_year: 2025
horizon: 4
contracts:
  - { file: s.yaml }
  - { file: s.yaml, start: 2026 }
fund: { capital: 900000 }
",
        ),
    ]);
    let p = files.path("p.yaml");
    let grid = common::json(
        &[
            "deal",
            "--trials",
            "200",
            "--vary",
            "fund.capital=300000,900000",
            "--vary",
            "price[recoverya]=20000,40000",
        ],
        &p,
    );
    let rows = grid["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    for row in rows {
        let (capital, price) = (
            row["values"]["fund.capital"].as_f64().unwrap(),
            row["values"]["price[recoverya]"].as_f64().unwrap(),
        );
        let text = std::fs::read_to_string(&p)
            .unwrap()
            .replace("capital: 900000", &format!("capital: {capital}"));
        let scenario = uncertain("a").replace("price: 40000", &format!("price: {price}"));
        let alone = Files::new(&[("s.yaml", &scenario), ("p.yaml", &text)]);
        let one = common::json(&["portfolio", "--trials", "200"], &alone.path("p.yaml"));
        let mc = &one["monte_carlo"];
        assert_eq!(row["prob_loss"], mc["prob_loss"], "{capital} {price}");
        assert_eq!(
            row["joined_mean"], mc["joined"]["mean"],
            "{capital} {price}"
        );
        assert_eq!(row["balance_mean"], mc["balance_by_year"]["2028"]["mean"]);
    }
    let out = common::somsim()
        .args(["deal", "--vary", "fund.capital=15.000.000"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--vary fund.capital=15.000.000") && err.contains("15000000"),
        "{err}"
    );
}

//! Helpers shared by the integration tests.

#![allow(dead_code)]

pub mod sheet;

use std::path::{Path, PathBuf};

/// A temporary folder holding the given files (name, content); removed when dropped.
pub struct Files {
    pub dir: tempfile::TempDir,
}

impl Files {
    pub fn new(files: &[(&str, &str)]) -> Files {
        let dir = tempfile::tempdir().expect("temporary folder");
        for (name, content) in files {
            let path = dir.path().join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::write(path, content).unwrap();
        }
        Files { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The repository root (for the shipped scenarios).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The somsim binary built for these tests, in English whatever the environment says.
pub fn somsim() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_somsim"));
    cmd.env_remove("SOMSIM_LANG");
    // Tables fit the terminal's width; the tests read them at the width of a pipe.
    cmd.env_remove("COLUMNS");
    cmd
}

/// Run `somsim CMD... --format json FILE`, assert success, and parse the output.
pub fn json(cmd: &[&str], file: &Path) -> serde_json::Value {
    let out = succeed(somsim().args(cmd).args(["--format", "json"]).arg(file));
    serde_json::from_str(&out).expect("JSON output")
}

/// Run `somsim run --format json ARGS FILE`, assert success, and parse the output.
pub fn run_json(args: &[&str], file: &Path) -> serde_json::Value {
    let mut cmd = vec!["run"];
    cmd.extend_from_slice(args);
    json(&cmd, file)
}

/// Assert that the Monte Carlo kernel, with every input at its mean, gives the exact ledger's
/// NPV, break-even and per-municipality NPV.
pub fn kernel_matches_ledger(model: &somsim::model::Model) {
    let l = somsim::ledger::compute(model).expect("the ledger of a valid model");
    let (npv, be, muni, rows) = kernel_at_means(model);
    for (j, p) in l.perspectives.iter().enumerate() {
        let exact = somsim::decimal::to_f64(p.npv);
        assert!(
            (npv[j] - exact).abs() <= 1e-6 * (1.0 + exact.abs()),
            "{} {}: kernel {} vs ledger {}",
            model.name,
            p.name,
            npv[j],
            exact
        );
        let expected = p
            .break_even
            .map(|t| t as u16)
            .unwrap_or(somsim::kernel::NO_BREAK_EVEN);
        assert_eq!(be[j], expected, "{} {} break-even", model.name, p.name);
    }
    for (m, out) in muni.iter().enumerate() {
        let exact: f64 = l
            .rows
            .iter()
            .filter(|r| r.municipality == Some(m) && model.is_local(r.payer))
            .map(|r| somsim::decimal::to_f64(l.discount_factors[r.t] * r.flows.net()))
            .sum();
        assert!(
            (out - exact).abs() <= 1e-6 * (1.0 + exact.abs()),
            "{} municipality {m}: kernel {out} vs ledger {exact}",
            model.name
        );
    }
    // Each municipality's own break-even, followed year by year, with the same NPVs.
    let layout = somsim::sampler::Layout::new(model);
    let plan = somsim::kernel::Plan::new(model, &layout);
    let mut draws = vec![0.0; layout.len];
    layout.fill_means(model, &mut draws);
    let (kept_npv, kept_be) = kernel_municipal(&plan, &draws);
    assert_eq!(
        kept_npv, muni,
        "{}: the NPVs do not depend on the years",
        model.name
    );
    for (m, got) in kept_be.iter().enumerate() {
        let mut cum = Vec::with_capacity(model.horizon);
        let mut sum = rust_decimal::Decimal::ZERO;
        for t in 0..model.horizon {
            for r in l
                .rows
                .iter()
                .filter(|r| r.t == t && r.municipality == Some(m) && model.is_local(r.payer))
            {
                sum += l.discount_factors[t] * r.flows.net();
            }
            cum.push(sum);
        }
        let exact = somsim::model::sustained_break_even(&cum, rust_decimal::Decimal::ZERO)
            .map_or(somsim::kernel::NO_BREAK_EVEN, |t| t as u16);
        assert_eq!(*got, exact, "{} municipality {m} break-even", model.name);
    }
    // Each non-monetary outcome's discounted units.
    let effects = kernel_effects(&plan, &draws);
    assert_eq!(effects.len(), l.non_monetary.len());
    for (got, n) in effects.iter().zip(&l.non_monetary) {
        let exact = somsim::decimal::to_f64(n.pv_units);
        assert!(
            (got - exact).abs() <= 1e-9 * (1.0 + exact.abs()),
            "{} {}: kernel dE {got} vs ledger {exact}",
            model.name,
            n.name
        );
    }
    // Each contract: what the investor paid and received, and each payer's delta.
    use somsim::kernel::contract_field as f;
    let width = rows.len() / model.contracts.len().max(1);
    for (k, c) in l.contracts.iter().enumerate() {
        let row = &rows[k * width..(k + 1) * width];
        let close = |got: f64, exact: rust_decimal::Decimal, what: &str| {
            let exact = somsim::decimal::to_f64(exact);
            assert!(
                (got - exact).abs() <= 1e-6 * (1.0 + exact.abs()),
                "{} contract {} {what}: kernel {got} vs ledger {exact}",
                model.name,
                c.name
            );
        };
        close(row[f::INVESTED], c.total_invested, "invested");
        close(row[f::RECEIVED], c.total_received, "received");
        close(row[f::TOP_UP], c.end.top_up, "top-up");
        close(row[f::GUARANTEE], c.end.guarantee, "guarantee");
        close(
            row[f::PEAK_OUTSTANDING],
            c.peak_outstanding,
            "peak outstanding",
        );
        assert_eq!(
            row[f::PEAK_YEAR],
            c.peak_year as f64,
            "{} peak year",
            c.name
        );
        match c.hurdle_npv {
            Some(npv) => close(row[f::HURDLE_NPV], npv, "NPV at the hurdle rate"),
            None => assert!(row[f::HURDLE_NPV].is_nan(), "{} hurdle NPV", c.name),
        }
        for (p, d) in c.delta.iter().enumerate() {
            close(
                row[f::DELTA + p],
                *d,
                &format!("delta[{}]", model.payers[p]),
            );
        }
        match c.irr {
            Some(r) => assert!((row[f::IRR] - r).abs() < 1e-9, "{} irr", c.name),
            None => assert!(row[f::IRR].is_nan(), "{} irr", c.name),
        }
    }
}

/// Run `somsim ARGS FILE` on one, two and five worker threads, assert that each succeeds and
/// prints the same bytes (results do not depend on the thread count), and return the output.
pub fn thread_invariant(args: &[&str], file: &Path) -> String {
    let run = |threads: &str| succeed(somsim().args(args).args(["--threads", threads]).arg(file));
    let one = run("1");
    for threads in ["2", "5"] {
        assert_eq!(
            one,
            run(threads),
            "{args:?} {}: {threads} threads",
            file.display()
        );
    }
    one
}

/// Run `somsim ARGS` in `dir`, assert success, and return what it printed.
pub fn stdout_in(dir: &Path, args: &[&str]) -> String {
    succeed(somsim().current_dir(dir).args(args))
}

/// Run `cmd`, assert that it succeeds (showing its errors if not), and return its output.
pub fn succeed(cmd: &mut std::process::Command) -> String {
    let out = cmd.output().expect("somsim runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Evaluate the Monte Carlo kernel once with every input at its mean: each perspective's NPV
/// and break-even year offset, and each municipality's own NPV.
#[allow(clippy::type_complexity)]
pub fn kernel_at_means(model: &somsim::model::Model) -> (Vec<f64>, Vec<u16>, Vec<f64>, Vec<f64>) {
    let layout = somsim::sampler::Layout::new(model);
    let plan = somsim::kernel::Plan::new(model, &layout);
    let mut draws = vec![0.0; layout.len];
    layout.fill_means(model, &mut draws);
    kernel_once(&plan, &draws)
}

/// One trial's outputs from [`evaluate`].
pub struct Trial {
    pub npv: Vec<f64>,
    pub break_even: Vec<u16>,
    pub muni_npv: Vec<f64>,
    /// Empty unless the plan keeps each municipality's break-even.
    pub muni_break_even: Vec<u16>,
    pub contracts: Vec<f64>,
    pub effects: Vec<f64>,
}

/// Evaluate `plan` once on `draws`, every output.
pub fn evaluate(plan: &somsim::kernel::Plan, draws: &[f64]) -> Trial {
    let mut ws = plan.workspace();
    let mut t = Trial {
        npv: vec![0.0; plan.perspectives],
        break_even: vec![0u16; plan.perspectives],
        muni_npv: vec![0.0; plan.municipalities],
        muni_break_even: vec![0u16; plan.municipal_break_even_width()],
        contracts: vec![0.0; plan.contracts() * plan.contract_width()],
        effects: vec![0.0; plan.gains()],
    };
    plan.evaluate(
        draws,
        &mut ws,
        somsim::kernel::TrialRow {
            npv: &mut t.npv,
            break_even: &mut t.break_even,
            muni_npv: &mut t.muni_npv,
            muni_break_even: &mut t.muni_break_even,
            contracts: &mut t.contracts,
            cumulative: &mut [],
            effects: &mut t.effects,
        },
    );
    t
}

/// Evaluate `plan` once on `draws`: each perspective's NPV and break-even year offset, each
/// municipality's own NPV, and the contracts' rows.
#[allow(clippy::type_complexity)]
pub fn kernel_once(
    plan: &somsim::kernel::Plan,
    draws: &[f64],
) -> (Vec<f64>, Vec<u16>, Vec<f64>, Vec<f64>) {
    let t = evaluate(plan, draws);
    (t.npv, t.break_even, t.muni_npv, t.contracts)
}

/// Evaluate `plan` once on `draws`, following each municipality's own net year by year: each
/// municipality's own NPV and break-even year offset.
pub fn kernel_municipal(plan: &somsim::kernel::Plan, draws: &[f64]) -> (Vec<f64>, Vec<u16>) {
    let mut plan = plan.clone();
    plan.keep_municipal_break_even();
    let t = evaluate(&plan, draws);
    (t.muni_npv, t.muni_break_even)
}

/// Evaluate `plan` once on `draws`: each non-monetary outcome's discounted units `dE`.
pub fn kernel_effects(plan: &somsim::kernel::Plan, draws: &[f64]) -> Vec<f64> {
    evaluate(plan, draws).effects
}

/// An uncertain scenario with a contract whose terms are filled in.
pub fn uncertain_contract(terms: &str) -> somsim::model::Model {
    let text = format!(
        r#"
name: uncertain contract
start_year: 2025
horizon: 8
price_year: 2025
payers: [dsi, fund]
discounting: {{ rate: 0.035 }}
course: {{ participants_per_course: 8, completion_rate: {{ beta: {{ mean: 0.7, sd: 0.1 }} }}, peers_per_course: 2, volunteer_turnover: 0.5 }}
municipalities:
  - {{ name: A, courses: [2, 4, 4, 4, 4, 4, 4, 4] }}
  - {{ name: B, courses: [0, 2, 4, 4, 4, 4, 4, 4] }}
costs:
  - {{ name: coordinator, driver: per_year, unit_cost: {{ pert: [350000, 400000, 500000] }}, payer: kommune, shared: {{ A: 0.5, B: 0.5 }} }}
  - {{ name: courses, driver: per_course, unit_cost: 5000, payer: kommune }}
outcomes:
  - {{ name: support, baseline: 60, effect: {{ normal: [-0.05, 0.1, -1] }}, profile: [1, 0.5], unit_price: 600, payers: {{ kommune: 1 }} }}
non_monetary:
  - {{ name: recovery, unit: completers with a gain, per_completer: {{ beta: {{ mean: 0.24, sd: 0.07 }} }} }}
contracts:
  - name: deal
    investor: dsi
    prefinance: [{{ cost: coordinator, years: [2025, 2026] }}]
    tranches: [{{ amount: 50000, years: 2025, to: kommune, municipality: B }}]
    cohorts: [2025, 2026, 2027]
    outcome_payers: {{ kommune: 1 }}
    last_year: 2030
{terms}
"#
    );
    let files = Files::new(&[("s.yaml", &text)]);
    somsim::model::Model::load(&files.path("s.yaml")).unwrap()
}

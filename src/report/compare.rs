//! `somsim compare`: scenarios side by side, and each one's paired difference from the first.
//!
//! All scenarios run with the same seed and number of trials, so inputs with the same name get
//! the same draws in every scenario (common random numbers). The difference of two scenarios is
//! taken trial by trial: it measures the scenarios' difference, not sampling noise. A scenario
//! compared with itself differs by exactly zero in every trial.

use comfy_table::Cell;
use indexmap::IndexMap;
use serde::Serialize;

use super::cea::CostEffectivenessView;
use super::csv::{Sheet, text};
use super::table::{Say, new_table};
use super::{BreakEvenView, MoneyF, NpvStatsView, Prob, SCHEMA_VERSION};
use crate::analysis::Comparison;

/// The comparison of several scenarios (`somsim compare`).
#[derive(Debug, Serialize)]
pub struct CompareReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// The seed every scenario ran with.
    pub seed: u64,
    /// The version of the random streams (a seed reproduces a run within one version).
    pub stream_version: u32,
    /// Trials per scenario.
    pub trials: usize,
    /// In the order given; differences are against the first.
    pub scenarios: Vec<ScenarioRef>,
    /// Perspectives that every scenario has, in the first scenario's order.
    pub perspectives: IndexMap<String, ComparedPerspective>,
    /// Every scenario's contracts, in scenario order: the investor's and payers' results on
    /// the same trials (common random numbers), as `somsim run` reports them.
    pub contracts: Vec<ComparedContract>,
    /// Each scenario after the first against the first: the cost-effectiveness of the paired
    /// differences (`ΔdE`, `ΔdC`) of the non-monetary outcomes both have, trial by trial.
    /// Empty when no such outcome is shared.
    pub cost_effectiveness: Vec<PairedCostEffectiveness>,
}

/// One scenario against the first: the cost-effectiveness of its differences.
#[derive(Debug, Serialize)]
pub struct PairedCostEffectiveness {
    /// The scenario's file.
    pub file: String,
    /// The first scenario's file (the comparator).
    pub versus: String,
    /// As `cost_effectiveness` of `somsim run`, on the differences `this − first` (no EVPPI:
    /// the two scenarios' inputs differ).
    pub analysis: super::cea::CostEffectivenessView,
}

/// One contract of a compared scenario.
#[derive(Debug, Serialize)]
pub struct ComparedContract {
    /// The scenario's number in `scenarios`, from 1.
    pub scenario: usize,
    /// The scenario's file.
    pub file: String,
    /// The contract, as in `somsim run --format json`.
    pub contract: super::contract::ContractView,
}

/// A compared scenario's name and file.
#[derive(Debug, Serialize)]
pub struct ScenarioRef {
    /// The scenario's name.
    pub name: String,
    /// The scenario file.
    pub file: String,
}

/// One perspective across the compared scenarios.
#[derive(Debug, Serialize)]
pub struct ComparedPerspective {
    /// One per scenario, in order.
    pub scenarios: Vec<ComparedScenario>,
    /// One per scenario after the first: that scenario minus the first, trial by trial.
    pub differences: Vec<Difference>,
}

/// One scenario's results for the perspective.
#[derive(Debug, Serialize)]
pub struct ComparedScenario {
    /// The scenario's file.
    pub file: String,
    /// The exact base-case NPV.
    pub base_npv: MoneyF,
    /// The NPV distribution over trials, DKK.
    pub npv: NpvStatsView,
    /// Share of trials with NPV > 0.
    pub prob_npv_positive: Prob,
    /// When the perspective breaks even, over the trials.
    pub break_even: BreakEvenView,
}

/// A scenario minus the first, trial by trial (common random numbers).
#[derive(Debug, Serialize)]
pub struct Difference {
    /// The scenario, minus `versus`.
    pub file: String,
    /// The first scenario's file.
    pub versus: String,
    /// Base case NPV difference.
    pub base_npv_difference: MoneyF,
    /// NPV(scenario) - NPV(first scenario) over trials.
    pub npv_difference: NpvStatsView,
    /// Share of trials in which the scenario's NPV is larger than the first's.
    pub prob_beats_first: Prob,
}

impl From<&Comparison<'_, '_>> for CompareReport {
    /// The report of several runs, each after the first against the first.
    fn from(c: &Comparison) -> CompareReport {
        let runs = c.runs;
        let first = &runs[0];
        let mut perspectives = IndexMap::new();
        for p in &c.compared {
            let scenarios = (runs.iter().zip(&p.index))
                .filter_map(|(r, &j)| {
                    let s = &r.summaries()?.summary.perspectives[j];
                    Some(ComparedScenario {
                        file: r.model.file.clone(),
                        base_npv: MoneyF(crate::decimal::to_f64(r.ledger.perspectives[j].npv)),
                        npv: (&s.npv).into(),
                        prob_npv_positive: Prob(s.prob_npv_positive),
                        break_even: BreakEvenView::new(r.model, &s.break_even),
                    })
                })
                .collect();
            let differences = (runs.iter().skip(1).zip(&p.differences))
                .map(|(r, d)| Difference {
                    file: r.model.file.clone(),
                    versus: first.model.file.clone(),
                    base_npv_difference: MoneyF(crate::decimal::to_f64(d.base)),
                    npv_difference: (&d.npv).into(),
                    prob_beats_first: Prob(d.prob_beats_first),
                })
                .collect();
            perspectives.insert(
                p.name.clone(),
                ComparedPerspective {
                    scenarios,
                    differences,
                },
            );
        }
        let mc = first.monte_carlo.as_ref();
        CompareReport {
            schema_version: SCHEMA_VERSION,
            seed: first.seed,
            stream_version: crate::sampler::STREAM_VERSION,
            trials: mc.map_or(0, |m| m.outputs.trials),
            scenarios: (runs.iter())
                .map(|r| ScenarioRef {
                    name: r.model.name.clone(),
                    file: r.model.file.clone(),
                })
                .collect(),
            perspectives,
            contracts: (runs.iter().enumerate())
                .flat_map(|(i, r)| {
                    let mut views = super::contract::views(r.model, &r.ledger.contracts);
                    if let Some(s) = r.summaries() {
                        super::contract::add_risk(r.model, &mut views, &s.risk);
                    }
                    views.into_iter().map(move |contract| ComparedContract {
                        scenario: i + 1,
                        file: r.model.file.clone(),
                        contract,
                    })
                })
                .collect(),
            cost_effectiveness: (c.paired.iter())
                .map(|p| {
                    let r = &runs[p.run];
                    let mut view = CostEffectivenessView::paired(
                        (first.model, &first.ledger),
                        (r.model, &r.ledger),
                        &p.outcomes,
                        &p.perspectives,
                    );
                    view.add_monte_carlo(&p.analysis.lambda, &p.analysis.analyses, &[]);
                    PairedCostEffectiveness {
                        file: r.model.file.clone(),
                        versus: first.model.file.clone(),
                        analysis: view,
                    }
                })
                .collect(),
        }
    }
}

/// Tables for the chosen perspectives.
pub fn table(r: &CompareReport, show: &[String], say: Say) -> String {
    let da = say.da();
    let w = |en: &'static str, dk: &'static str| if da { dk } else { en };
    let (n, trials, seed) = (r.scenarios.len(), say.n(r.trials.into(), 0), r.seed);
    let mut s = if da {
        format!(
            "Sammenligning af {n} scenarier: {trials} simuleringer hver, frø {seed} (samme tilfældige tal)\n"
        )
    } else {
        format!(
            "Comparison of {n} scenarios: {trials} trials each, seed {seed} (common random numbers)\n"
        )
    };
    for (i, sc) in r.scenarios.iter().enumerate() {
        s.push_str(&format!("  [{}] {} ({})\n", i + 1, sc.name, sc.file));
    }
    let (p5, p95) = if da {
        ("5 pct.", "95 pct.")
    } else {
        ("5%", "95%")
    };
    for (name, p) in r.perspectives.iter().filter(|(n, _)| show.contains(n)) {
        let mut t = new_table(
            &[
                name.as_str(),
                w("Base NPV", "Nutidsværdi, basis"),
                w("Mean NPV", "Nutidsværdi, middel"),
                p5,
                "Median",
                p95,
                w("P(NPV > 0)", "P(NV > 0)"),
                w("P(break-even)", "P(tilbagebetalt)"),
            ],
            1,
        );
        for (i, sc) in p.scenarios.iter().enumerate() {
            t.add_row(vec![
                Cell::new(format!("[{}]", i + 1)),
                Cell::new(say.kr_f64(sc.base_npv.0)),
                Cell::new(say.kr_f64(sc.npv.mean.0)),
                Cell::new(say.kr_f64(sc.npv.p5.0)),
                Cell::new(say.kr_f64(sc.npv.p50.0)),
                Cell::new(say.kr_f64(sc.npv.p95.0)),
                Cell::new(say.p(sc.prob_npv_positive.0)),
                Cell::new(say.p(1.0 - sc.break_even.never.0)),
            ]);
        }
        s.push_str(&if da {
            format!("\nPerspektiv {name}, nutidsværdi i kr.:\n{t}\n")
        } else {
            format!("\nPerspective {name}, NPV in DKK:\n{t}\n")
        });
        if !p.differences.is_empty() {
            let mut t = new_table(
                &[
                    w("Difference", "Forskel"),
                    w("Base", "Basis"),
                    w("Mean", "Middel"),
                    p5,
                    "Median",
                    p95,
                    w("P(beats [1])", "P(bedre end [1])"),
                ],
                1,
            );
            for (i, d) in p.differences.iter().enumerate() {
                t.add_row(vec![
                    Cell::new(format!("[{}] - [1]", i + 2)),
                    Cell::new(say.kr_f64(d.base_npv_difference.0)),
                    Cell::new(say.kr_f64(d.npv_difference.mean.0)),
                    Cell::new(say.kr_f64(d.npv_difference.p5.0)),
                    Cell::new(say.kr_f64(d.npv_difference.p50.0)),
                    Cell::new(say.kr_f64(d.npv_difference.p95.0)),
                    Cell::new(say.p(d.prob_beats_first.0)),
                ]);
            }
            s.push_str(&format!("{t}\n"));
        }
    }
    if !r.contracts.is_empty() {
        s.push_str(&contracts_table(r, say));
    }
    for pair in &r.cost_effectiveness {
        s.push('\n');
        s.push_str(&if da {
            format!("{} mod {}, parvise forskelle:\n", pair.file, pair.versus)
        } else {
            format!(
                "{} against {}, paired differences:\n",
                pair.file, pair.versus
            )
        });
        s.push_str(&super::cea::table(
            &pair.analysis,
            |p| show.iter().any(|x| x == p),
            say,
        ));
    }
    super::table::tidy(s)
}

/// CSV of the paired acceptability curves (`compare --ceac`): `file,versus` and the columns of
/// `run --ceac`.
pub fn ceac_csv(r: &CompareReport) -> String {
    let mut sheet = Sheet::new();
    let mut header = vec!["file", "versus"];
    header.extend(super::cea::CSV_HEADER);
    sheet.push(header);
    for pair in &r.cost_effectiveness {
        let first = [text(&pair.file), text(&pair.versus)];
        super::cea::rows(&mut sheet, &first, &pair.analysis);
    }
    sheet.finish()
}

/// The contracts side by side: the investor's results and each paying payer's P(worse off).
fn contracts_table(r: &CompareReport, say: Say) -> String {
    let da = say.da();
    let w = |en: &'static str, dk: &'static str| if da { dk } else { en };
    let undefined = w("undefined", "ikke defineret");
    let mut t = new_table(
        &[
            w("Contract", "Kontrakt"),
            "Investor",
            w("IRR median", "Intern rente, median"),
            w("MOIC mean", "MOIC, middel"),
            w("P(loss)", "P(tab)"),
            w("E[loss]", "Forventet tab"),
            w("Worst 5%", "Værste 5 pct."),
            w("P(payer worse off)", "P(betaler dårligere stillet)"),
        ],
        2,
    );
    for c in &r.contracts {
        let v = &c.contract;
        let Some(mc) = &v.monte_carlo else { continue };
        let worse: Vec<String> = (mc.delta.iter())
            .filter(|(_, d)| d.delta.mean.0 != 0.0)
            .filter(|(name, _)| **name != v.investor)
            .map(|(name, d)| format!("{name} {}", say.p(d.prob_worse.0)))
            .collect();
        let irr = mc
            .irr
            .as_ref()
            .map_or(undefined.into(), |i| say.pct(i.p50.0, 1));
        t.add_row(vec![
            Cell::new(format!("[{}] {}", c.scenario, v.name)),
            Cell::new(&v.investor),
            Cell::new(irr),
            Cell::new(
                mc.moic
                    .as_ref()
                    .map_or(undefined.into(), |m| say.p(m.mean.0)),
            ),
            Cell::new(say.p(mc.prob_loss.0)),
            Cell::new(say.kr_f64(mc.expected_loss.0)),
            Cell::new(say.kr_f64(mc.worst_5pct_mean.0)),
            Cell::new(worse.join(", ")),
        ]);
    }
    if da {
        format!("\nKontrakter, på de samme simuleringer (beløb i kr.):\n{t}\n")
    } else {
        format!("\nContracts, on the same trials (amounts in DKK):\n{t}\n")
    }
}

/// One row per perspective and scenario. Columns:
/// `perspective,scenario,file,base_npv,mc_mean,mc_sd,mc_p5,mc_p50,mc_p95,prob_npv_positive,prob_break_even,diff_base,diff_mean,diff_p5,diff_p50,diff_p95,prob_beats_first`
/// (the `diff_` columns and `prob_beats_first` are empty for the first scenario).
pub fn csv(r: &CompareReport) -> String {
    let mut sheet = Sheet::new();
    sheet.push([
        "perspective",
        "scenario",
        "file",
        "base_npv",
        "mc_mean",
        "mc_sd",
        "mc_p5",
        "mc_p50",
        "mc_p95",
        "prob_npv_positive",
        "prob_break_even",
        "diff_base",
        "diff_mean",
        "diff_p5",
        "diff_p50",
        "diff_p95",
        "prob_beats_first",
    ]);
    let kr = |x: f64| format!("{x:.2}");
    let p6 = |x: f64| format!("{x:.6}");
    for (name, p) in &r.perspectives {
        for (i, sc) in p.scenarios.iter().enumerate() {
            let mut cells = vec![
                text(name),
                (i + 1).to_string(),
                text(&sc.file),
                kr(sc.base_npv.0),
                kr(sc.npv.mean.0),
                kr(sc.npv.sd.0),
                kr(sc.npv.p5.0),
                kr(sc.npv.p50.0),
                kr(sc.npv.p95.0),
                p6(sc.prob_npv_positive.0),
                p6(1.0 - sc.break_even.never.0),
            ];
            match i.checked_sub(1).and_then(|k| p.differences.get(k)) {
                Some(d) => cells.extend([
                    kr(d.base_npv_difference.0),
                    kr(d.npv_difference.mean.0),
                    kr(d.npv_difference.p5.0),
                    kr(d.npv_difference.p50.0),
                    kr(d.npv_difference.p95.0),
                    p6(d.prob_beats_first.0),
                ]),
                None => cells.extend(std::iter::repeat_n(String::new(), 6)),
            }
            sheet.push(cells);
        }
    }
    sheet.finish()
}

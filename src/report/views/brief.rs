//! The council brief (`somsim report --brief`): the decision for one perspective in two pages.
//! Whether the intervention pays, when and how surely; what it buys and at what cost; the
//! perspective's net in the budget year and the years after it, with its 90% band and any
//! contract's flows; each municipality on its own; each contract in a few lines. Every number
//! the page shows is a field here (`--format json`), so a test reads each back.

use indexmap::IndexMap;
use serde::Serialize;

use super::base::{BandView, BreakEvenView, NpvStatsView};
use super::number::{Money, MoneyF, Num, Prob, SCHEMA_VERSION};
use super::run::RunReport;
use crate::analysis::RunResults;
use crate::decimal::to_f64;
use crate::lang::Lang;

/// Years the budget table shows: the budget year and the three after it (overslagsår).
pub const BUDGET_YEARS: usize = 4;

/// A P(NPV > 0) from which the brief says the intervention pays; at or below one minus it, that
/// it does not; between, that it is uncertain.
pub const SURE: f64 = 0.8;

/// The council brief of one scenario for one perspective.
#[derive(Debug, Serialize)]
pub struct BriefDoc {
    /// Version of this layout.
    pub schema_version: u32,
    /// The language of the page.
    pub lang: Lang,
    /// The scenario's name.
    pub scenario: String,
    /// The scenario file.
    pub file: String,
    /// All money is in DKK at this year's prices.
    pub price_year: i32,
    /// Calendar year of the first year.
    pub start_year: i32,
    /// Number of years.
    pub horizon: usize,
    /// The perspective the brief speaks for (its key: `kommune`, `public`, ...).
    pub perspective: String,
    /// The payers of the perspective.
    pub payers: Vec<String>,
    /// The answer: whether it pays, when, how surely.
    pub answer: AnswerView,
    /// What the intervention buys: each non-monetary outcome and its cost to the perspective.
    pub buys: Vec<BuysView>,
    /// Whether the scenario takes the default bed-day effect (the PEER trial's null result on
    /// admissions and bed-days), so the brief says so.
    pub evidence_caveat: bool,
    /// The perspective's net in the budget year and the years after it: the scenario's
    /// `budget` years, else the first four years of the horizon.
    pub budget: Vec<BudgetYearView>,
    /// The price and wage projection of the current prices in `budget`; null when the
    /// scenario has no `budget`.
    pub projection: Option<super::budget::ProjectionView>,
    /// Per year, the cumulative discounted net over the trials (empty without a Monte Carlo).
    pub cumulative: Vec<BandView>,
    /// Per year, the cumulative discounted net in the base case.
    pub cumulative_base: Vec<Money>,
    /// Per year: P(sustained break-even by the end of that year); null without a Monte Carlo.
    pub break_even: Option<BreakEvenView>,
    /// With the `kommune` perspective and several municipalities: each one's own NPV.
    pub municipalities: IndexMap<String, MunicipalityView>,
    /// Each contract of the scenario, in a few numbers.
    pub contracts: Vec<ContractBriefView>,
    /// Seed and trials of the Monte Carlo (null: none ran), and the engine's version.
    pub seed: Option<u64>,
    /// Monte Carlo trials; null when none ran.
    pub trials: Option<usize>,
    /// The engine's version.
    pub engine: String,
}

/// Whether the intervention pays for the perspective.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// P(NPV > 0) at least [`SURE`] (without a Monte Carlo: a positive base case).
    Pays,
    /// Between.
    Uncertain,
    /// P(NPV > 0) at most 1 − [`SURE`] (without a Monte Carlo: a base case of 0 or less).
    DoesNotPay,
}

/// The brief's answer.
#[derive(Debug, Serialize)]
pub struct AnswerView {
    /// Pays, uncertain, or does not pay.
    pub verdict: Verdict,
    /// The base case's NPV.
    pub base_npv: Money,
    /// The NPV over the trials; null without a Monte Carlo.
    pub npv: Option<NpvStatsView>,
    /// P(NPV > 0); null without a Monte Carlo.
    pub prob_npv_positive: Option<Prob>,
    /// The base case's sustained break-even year; null when it does not break even.
    pub break_even_year: Option<i32>,
    /// The first year by which at least half the trials have broken even; null when fewer do
    /// by the last year, or without a Monte Carlo.
    pub median_break_even_year: Option<i32>,
    /// P(break-even by the last year); null without a Monte Carlo.
    pub prob_break_even: Option<Prob>,
    /// The last year of the horizon.
    pub last_year: i32,
}

/// One non-monetary outcome: what the intervention buys, and what one unit costs.
#[derive(Debug, Serialize)]
pub struct BuysView {
    /// The outcome's name.
    pub name: String,
    /// What one unit is.
    pub unit: String,
    /// Units over the horizon, base case.
    pub units: Num,
    /// Base case: the perspective's present-value net cost per discounted unit; null without
    /// units.
    pub cost_per_unit: Option<Money>,
    /// Over the trials: the cost per unit's distribution; null without a Monte Carlo.
    pub cost_per_unit_mc: Option<NpvStatsView>,
}

/// One budget year.
#[derive(Debug, Serialize)]
pub struct BudgetYearView {
    /// Calendar year.
    pub year: i32,
    /// Base case: the perspective's net in the year (not discounted).
    pub base_net: Money,
    /// Over the trials: the year's net; null without a Monte Carlo.
    pub net: Option<NpvStatsView>,
    /// Base case: the contracts' net flow to the perspective's payers in the year
    /// (pre-financing received less payments to investors).
    pub base_contract: Money,
    /// Mean over the trials: what investors pre-finance in the year.
    pub invested: Option<MoneyF>,
    /// Mean over the trials: what the perspective's payers pay investors in the year.
    pub repaid: Option<MoneyF>,
    /// The year in current prices (the scenario's `budget`); null without one.
    pub current: Option<CurrentView>,
}

/// A budget year's net in current prices.
#[derive(Debug, Serialize)]
pub struct CurrentView {
    /// From price-year prices to the year's current prices.
    pub factor: Num,
    /// The base case's net × factor, to the øre.
    pub base_net: Money,
    /// The mean net over the trials × factor; null without a Monte Carlo.
    pub mean: Option<MoneyF>,
}

/// A municipality's own NPV.
#[derive(Debug, Serialize)]
pub struct MunicipalityView {
    /// Over the trials.
    pub npv: NpvStatsView,
    /// P(its own NPV > 0).
    pub prob_npv_positive: Prob,
}

/// A contract in a few numbers.
#[derive(Debug, Serialize)]
pub struct ContractBriefView {
    /// Its name.
    pub name: String,
    /// The investor.
    pub investor: String,
    /// Base case: what the investor pre-finances over the term.
    pub invested: Money,
    /// The first and last year the investor pays.
    pub invested_years: Option<[i32; 2]>,
    /// The term's last year.
    pub last_year: i32,
    /// Mean over the trials: what the perspective's payers repay the investor in all.
    pub repaid: Option<MoneyF>,
    /// Over the trials: what the contract does to the perspective's NPV (with it minus
    /// without), and P(worse off); null without a Monte Carlo.
    pub delta: Option<NpvStatsView>,
    /// P(the perspective's payers are worse off with the contract than paying themselves).
    pub prob_worse: Option<Prob>,
    /// P(the investor loses money).
    pub prob_loss: Option<Prob>,
    /// The guarantor, if any: who, P(the guarantee is drawn) and the mean draw.
    pub guarantor: Option<String>,
    /// P(the guarantee is drawn).
    pub prob_guarantee_drawn: Option<Prob>,
    /// The mean draw on the guarantee, DKK.
    pub mean_guarantee_draw: Option<MoneyF>,
}

/// The assumption whose default the PEER trial's null result on admissions concerns.
pub const BED_DAYS: &str = "bed_day_effect";

impl BriefDoc {
    /// The brief of `run` for `perspective`, in `lang`; `None` when the scenario has no such
    /// perspective.
    pub fn of(run: &RunResults, perspective: &str, lang: Lang) -> Option<BriefDoc> {
        let model = run.model;
        let j = model
            .perspectives
            .iter()
            .position(|p| p.name == perspective)?;
        let report = RunReport::from(run);
        let base = report.base.perspectives.get(perspective)?;
        let mc = report.monte_carlo.as_ref();
        let mcp = mc.and_then(|m| m.perspectives.get(perspective));
        let answer = AnswerView::of(&report, perspective)?;
        let buys = (report.base.non_monetary.iter().enumerate())
            .map(|(n, nm)| {
                let ce = (report.cost_effectiveness.as_ref())
                    .and_then(|c| c.outcomes.get(n))
                    .and_then(|o| o.perspectives.iter().find(|p| p.perspective == perspective));
                BuysView {
                    name: nm.name.clone(),
                    unit: nm.unit.clone(),
                    units: nm.units,
                    cost_per_unit: ce.and_then(|c| c.base_cost_per_unit),
                    cost_per_unit_mc: ce
                        .and_then(|c| c.monte_carlo.as_ref())
                        .and_then(|m| m.cost_per_unit),
                }
            })
            .collect();
        let payers = &model.perspectives[j].payers;
        let budget = budget(run, &report, j, payers);
        let mcr = run.monte_carlo.as_ref();
        let cumulative = (mcr.and_then(|m| m.bands.get(j)))
            .map(|years| {
                (years.iter().enumerate())
                    .map(|(t, d)| BandView::new(model.year(t), d))
                    .collect()
            })
            .unwrap_or_default();
        let municipalities = if perspective == "kommune" && model.municipalities.len() > 1 {
            (mc.iter())
                .flat_map(|m| m.municipalities.iter())
                .map(|(name, m)| {
                    let view = MunicipalityView {
                        npv: m.npv,
                        prob_npv_positive: m.prob_npv_positive,
                    };
                    (name.clone(), view)
                })
                .collect()
        } else {
            IndexMap::new()
        };
        let contracts = contracts(run, &report, payers);
        Some(BriefDoc {
            schema_version: SCHEMA_VERSION,
            lang,
            scenario: report.scenario.clone(),
            file: report.file.clone(),
            price_year: report.price_year,
            start_year: report.start_year,
            horizon: report.horizon,
            perspective: perspective.to_owned(),
            payers: base.payers.clone(),
            answer,
            buys,
            evidence_caveat: (report.assumptions.iter())
                .any(|a| a.name == BED_DAYS && !a.overridden),
            budget,
            projection: report.budget.as_ref().map(|b| b.projection.clone()),
            cumulative,
            cumulative_base: base
                .years
                .iter()
                .map(|y| y.cumulative_discounted_net)
                .collect(),
            break_even: mcp.map(|m| BreakEvenView {
                by_year: m.break_even.by_year.clone(),
                never: m.break_even.never,
            }),
            municipalities,
            contracts,
            seed: report.seed,
            trials: report.trials,
            engine: env!("CARGO_PKG_VERSION").into(),
        })
    }
}

impl AnswerView {
    /// The answer for `perspective` of `report`; `None` when it has no such perspective.
    pub fn of(report: &RunReport, perspective: &str) -> Option<AnswerView> {
        let base = report.base.perspectives.get(perspective)?;
        let mcp = (report.monte_carlo.as_ref()).and_then(|m| m.perspectives.get(perspective));
        let prob = mcp.map(|m| m.prob_npv_positive);
        let verdict = match prob {
            Some(Prob(p)) if p >= SURE => Verdict::Pays,
            Some(Prob(p)) if p <= 1.0 - SURE => Verdict::DoesNotPay,
            Some(_) => Verdict::Uncertain,
            None if base.npv.0.is_sign_positive() && !base.npv.0.is_zero() => Verdict::Pays,
            None => Verdict::DoesNotPay,
        };
        let median_break_even_year = mcp.and_then(|m| {
            (m.break_even.by_year.iter())
                .find(|(_, p)| p.0 >= 0.5)
                .and_then(|(y, _)| y.parse().ok())
        });
        Some(AnswerView {
            verdict,
            base_npv: base.npv,
            npv: mcp.map(|m| m.npv),
            prob_npv_positive: prob,
            break_even_year: base.break_even_year,
            median_break_even_year,
            prob_break_even: mcp.map(|m| Prob(1.0 - m.break_even.never.0)),
            last_year: report.start_year + report.horizon as i32 - 1,
        })
    }
}

/// The budget years of perspective `j` (whose payers are `payers`).
fn budget(run: &RunResults, report: &RunReport, j: usize, payers: &[usize]) -> Vec<BudgetYearView> {
    let model = run.model;
    let ours = |p: usize| payers.contains(&p);
    let mc = run.monte_carlo.as_ref();
    let name = &model.perspectives[j].name;
    let base = &report.base.perspectives[name];
    let (first, years) = match &model.budget {
        Some(b) => ((b.year - model.start_year) as usize, b.years),
        None => (0, model.horizon.min(BUDGET_YEARS)),
    };
    (first..first + years)
        .map(|t| {
            let base_contract: rust_decimal::Decimal = (report.base.ledger.iter())
                .filter(|r| r.year == model.year(t) && ours(r.payer_id))
                .map(|r| r.contract.0)
                .sum();
            let invested = mc.filter(|m| !m.contract_years.is_empty()).map(|m| {
                let to_ours = (model.contracts.iter().zip(&m.contract_years))
                    .filter(|(c, _)| received_by(model, c).iter().any(|p| ours(*p)))
                    .map(|(_, y)| y.invested[t].mean);
                MoneyF(to_ours.sum())
            });
            let repaid = mc.filter(|m| !m.contract_years.is_empty()).map(|m| {
                let paid = (m.contract_years.iter())
                    .flat_map(|y| y.payers.iter())
                    .filter(|(p, _)| ours(*p))
                    .map(|(_, ys)| ys[t].mean);
                MoneyF(paid.sum())
            });
            let net: Option<NpvStatsView> = mc
                .and_then(|m| m.yearly_nets.get(j))
                .map(|ys| (&ys[t]).into());
            let current = (model.budget.as_ref()).map(|b| {
                let factor = b.factors[t - first];
                CurrentView {
                    factor: Num(factor),
                    base_net: Money(
                        (base.years[t].net.0.checked_mul(factor))
                            .map_or(rust_decimal::Decimal::MAX, crate::decimal::round_ore),
                    ),
                    mean: net.map(|n| MoneyF(n.mean.0 * to_f64(factor))),
                }
            });
            BudgetYearView {
                year: model.year(t),
                base_net: base.years[t].net,
                net,
                base_contract: Money(base_contract),
                invested,
                repaid,
                current,
            }
        })
        .collect()
}

/// The payers that receive a contract's pre-financing: the payers of the lines it
/// pre-finances and of its tranches.
fn received_by(model: &crate::model::Model, c: &crate::model::Contract) -> Vec<usize> {
    (c.prefinance.iter().map(|p| model.costs[p.cost].payer))
        .chain(c.tranches.iter().map(|t| t.to))
        .collect()
}

/// Each contract for the perspective whose payers are `payers`.
fn contracts(run: &RunResults, report: &RunReport, payers: &[usize]) -> Vec<ContractBriefView> {
    let model = run.model;
    let mc = run.monte_carlo.as_ref();
    let names: Vec<&str> = payers.iter().map(|&p| model.payers[p].as_str()).collect();
    (model.contracts.iter().zip(&report.contracts).enumerate())
        .map(|(k, (c, v))| {
            let years: Vec<i32> = (v.base.years.iter())
                .filter(|y| !y.invested.0.is_zero())
                .map(|y| y.year)
                .collect();
            let repaid = (mc.and_then(|m| m.contract_years.get(k))).map(|y| {
                let total = (y.payers.iter())
                    .filter(|(p, _)| payers.contains(p))
                    .flat_map(|(_, ys)| ys.iter().map(|d| d.mean));
                MoneyF(total.sum())
            });
            let risk = v.monte_carlo.as_ref();
            // The perspective's delta: the sum of its payers' deltas, trial by trial, is not
            // kept; with one payer it is that payer's.
            let one = (names.len() == 1)
                .then(|| risk.and_then(|r| r.delta.get(names[0])))
                .flatten();
            let guarantor = c.guarantee.map(|(g, _)| model.payers[g].clone());
            ContractBriefView {
                name: v.name.clone(),
                investor: v.investor.clone(),
                invested: v.base.invested,
                invested_years: years.first().zip(years.last()).map(|(a, b)| [*a, *b]),
                last_year: v.last_year,
                repaid,
                delta: one.map(|d| d.delta),
                prob_worse: one.map(|d| d.prob_worse),
                prob_loss: risk.map(|r| r.prob_loss),
                prob_guarantee_drawn: guarantor.as_ref().and(risk.map(|r| r.prob_guarantee_drawn)),
                mean_guarantee_draw: guarantor.as_ref().and(risk.map(|r| r.mean_guarantee_draw)),
                guarantor,
            }
        })
        .collect()
}

impl BudgetYearView {
    /// The mean net over the trials, or the base case.
    pub fn expected(&self) -> f64 {
        self.net.map_or(to_f64(self.base_net.0), |n| n.mean.0)
    }
}

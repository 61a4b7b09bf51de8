//! A run's report: its base case and, after a Monte Carlo, the results over the trials, built
//! from the run's results in one step.

use serde::Serialize;

use super::base::*;
use super::number::{Money, Num, Prob, SCHEMA_VERSION};
use super::{cea, contract, society};
use crate::analysis::RunResults;
use crate::ledger::{Ledger, LineKind};
use crate::model::Model;

/// Everything a run reports.
#[derive(Debug, Serialize)]
pub struct RunReport {
    /// Layout version of this document.
    pub schema_version: u32,
    /// The scenario's name.
    pub scenario: String,
    /// The scenario file as given on the command line.
    pub file: String,
    /// All money is in DKK at this year's prices.
    pub price_year: i32,
    /// Calendar year of year offset 0.
    pub start_year: i32,
    /// Number of years.
    pub horizon: usize,
    /// How the results are discounted, in English words.
    pub discounting: String,
    /// The discounting rule itself, for the words of other languages.
    #[serde(skip)]
    pub discount_rule: crate::model::DiscountRule,
    /// Amounts converted from other price years, with the factor applied.
    pub price_conversions: Vec<ConversionView>,
    /// The uncertain inputs: each is drawn in the Monte Carlo and at its mean in the base case.
    pub inputs: Vec<InputView>,
    /// Every named assumption the scenario uses, with its source.
    pub assumptions: Vec<AssumptionView>,
    /// The deterministic base case (uncertain inputs at their mean).
    pub base: BaseView,
    /// The Monte Carlo seed; null when no Monte Carlo ran.
    pub seed: Option<u64>,
    /// The version of the random streams the seed drew from (a seed reproduces a run within
    /// one version); null when no Monte Carlo ran.
    pub stream_version: Option<u32>,
    /// How the trials drew their inputs: `random`, or `latin_hypercube` (`--sampling
    /// latin-hypercube`, blocks of 256 trials); null when no Monte Carlo ran.
    pub sampling: Option<&'static str>,
    /// Monte Carlo trials run; null when none ran.
    pub trials: Option<usize>,
    /// The budget years in fixed and current prices, when the scenario has a `budget`;
    /// absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<super::budget::BudgetView>,
    /// Volume risk: the municipalities that may stop running the course after a year
    /// (`stop`); absent when none may.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volume_risk: Vec<StopView>,
    /// The Monte Carlo results; null when none ran (`--trials 0`, or no uncertain input).
    pub monte_carlo: Option<MonteCarloView>,
    /// Social-investment contracts: the base case and, after a Monte Carlo, the risk. Empty
    /// when the scenario has none.
    pub contracts: Vec<contract::ContractView>,
    /// The cost-effectiveness of the non-monetary outcomes: the base case and, after a Monte
    /// Carlo, the ICER, acceptability curve and value of information. Null when the scenario
    /// has no non-monetary outcome.
    pub cost_effectiveness: Option<cea::CostEffectivenessView>,
    /// Each rank correlation the scenario sets between two inputs, with the rank correlation
    /// the trials achieved. Empty when the scenario sets none.
    pub correlations: Vec<CorrelationView>,
}

/// A run's report with the model it came from: the workbook writes its formulas from the
/// model's inputs, every other format from the report alone.
pub struct Run<'m> {
    /// The report, as JSON writes it.
    pub report: RunReport,
    /// The model the run came from.
    pub model: &'m Model,
}

impl Serialize for Run<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.report.serialize(s)
    }
}

impl<'m> From<&RunResults<'m>> for Run<'m> {
    fn from(run: &RunResults<'m>) -> Run<'m> {
        Run {
            report: run.into(),
            model: run.model,
        }
    }
}

/// `sampling` of a run drawn by Latin hypercube sampling.
const LATIN_HYPERCUBE: &str = "latin_hypercube";

pub use crate::model::NATIONAL;

/// A municipality that may stop running the course.
#[derive(Debug, Serialize)]
pub struct StopView {
    /// Its name.
    pub municipality: String,
    /// The last year it surely runs courses.
    pub after: i32,
    /// The probability it runs none after that year (drawn once per trial; the base case
    /// counts `1 - probability` of the courses planned after it).
    pub probability: Num,
}

impl From<&RunResults<'_>> for RunReport {
    /// The report of a run: its base case and, after a Monte Carlo, the results over the
    /// trials.
    fn from(run: &RunResults<'_>) -> RunReport {
        let model = run.model;
        let mut report = RunReport::base(model, &run.ledger);
        let Some(mc) = &run.monte_carlo else {
            return report;
        };
        report.add_achieved_correlations(model, &mc.input_columns);
        if let Some(s) = &mc.summaries {
            report.add_monte_carlo(model, run.seed, &s.summary, mc.precision);
            if mc.latin_hypercube {
                report.sampling = Some(LATIN_HYPERCUBE);
            }
            contract::add_risk(model, &mut report.contracts, &s.risk, &mc.outstanding);
            if let (Some(ce), Some(v)) = (&s.cost_effectiveness, &mut report.cost_effectiveness) {
                let inputs: Vec<String> = model.inputs.iter().map(|i| i.name.clone()).collect();
                v.add_monte_carlo(&ce.lambda, &ce.analyses, &inputs);
            }
        }
        report
    }
}

impl RunReport {
    /// Add the Monte Carlo results of a run with `seed`.
    fn add_monte_carlo(
        &mut self,
        model: &Model,
        seed: u64,
        summary: &crate::stats::Summary,
        precision: Option<crate::montecarlo::PrecisionReport>,
    ) {
        let perspectives = model
            .perspectives
            .iter()
            .zip(&summary.perspectives)
            .map(|(p, s)| {
                (
                    p.name.clone(),
                    McPerspectiveView {
                        npv: (&s.npv).into(),
                        npv_histogram: (&s.npv_histogram).into(),
                        prob_npv_positive: Prob(s.prob_npv_positive),
                        prob_npv_positive_se: Prob(s.se_prob_npv_positive),
                        break_even: BreakEvenView::new(model, &s.break_even),
                    },
                )
            })
            .collect();
        self.seed = Some(seed);
        self.stream_version = Some(crate::sampler::STREAM_VERSION);
        self.sampling = Some("random");
        self.trials = Some(summary.trials);
        self.monte_carlo = Some(MonteCarloView {
            perspectives,
            municipalities: model
                .municipalities
                .iter()
                .zip(
                    summary
                        .municipalities
                        .iter()
                        .zip(&summary.municipality_prob_positive),
                )
                .enumerate()
                .map(|(i, (m, (d, p)))| {
                    let break_even = summary.municipality_break_even.get(i);
                    let view = MuniStatsView {
                        npv: d.into(),
                        prob_npv_positive: Prob(*p),
                        break_even: break_even.map(|b| BreakEvenView::new(model, b)),
                    };
                    (m.name.clone(), view)
                })
                .collect(),
            precision: precision.map(|p| PrecisionView {
                target: p.target,
                achieved: p.achieved,
                converged: p.converged,
                trials_needed: p.trials_needed.round(),
            }),
        });
    }

    /// Whether the trials drew by Latin hypercube sampling.
    pub fn is_latin_hypercube(&self) -> bool {
        self.sampling == Some(LATIN_HYPERCUBE)
    }

    /// Add the rank correlations the trials achieved, from each input's column of draws
    /// (`inputs[input][trial]`, in the model's input order).
    fn add_achieved_correlations(&mut self, model: &Model, inputs: &[Vec<f64>]) {
        let column = |name: &str| {
            (model.inputs.iter())
                .position(|i| i.name == name)
                .and_then(|i| inputs.get(i))
        };
        for c in &mut self.correlations {
            if let (Some(a), Some(b)) = (column(&c.inputs[0]), column(&c.inputs[1])) {
                c.achieved = Some(crate::sensitivity::spearman(a, b));
            }
        }
    }

    /// The base-case report of `model` from its exact `ledger`.
    fn base(model: &Model, ledger: &Ledger) -> RunReport {
        let df = &ledger.discount_factors;
        let perspectives = model
            .perspectives
            .iter()
            .zip(&ledger.perspectives)
            .map(|(p, r)| {
                let years = (0..model.horizon)
                    .map(|t| PerspectiveYearView {
                        year: model.year(t),
                        costs: Money(r.flows[t].costs),
                        benefits: Money(r.flows[t].avoided),
                        transfers: Money(r.flows[t].transfers),
                        net: Money(r.flows[t].net()),
                        discount_factor: Num(df[t]),
                        cumulative_discounted_net: Money(r.cumulative[t]),
                    })
                    .collect();
                (
                    p.name.clone(),
                    PerspectiveView {
                        payers: p.payers.iter().map(|&i| model.payers[i].clone()).collect(),
                        npv: Money(r.npv),
                        pv_benefits: Money(r.pv_benefits),
                        pv_net_cost: Money(r.pv_net_cost),
                        roi: r.roi.map(Num),
                        has_flows: r.flows.iter().any(|f| {
                            !(f.costs.is_zero() && f.avoided.is_zero() && f.transfers.is_zero())
                        }),
                        break_even_year: r.break_even.map(|t| model.year(t)),
                        years_to_break_even: r.break_even.map(|t| t + 1),
                        net_cost: Money(r.net_cost),
                        net_cost_per_participant: r.net_cost_per_participant.map(Money),
                        pv_net_cost_per_participant: r.pv_net_cost_per_participant.map(Money),
                        net_cost_per_completer: r.net_cost_per_completer.map(Money),
                        pv_net_cost_per_completer: r.pv_net_cost_per_completer.map(Money),
                        years,
                    },
                )
            })
            .collect();
        let t = &ledger.totals;
        let volume_risk = (model.municipalities.iter())
            .filter_map(|m| {
                m.stop.as_ref().map(|s| StopView {
                    municipality: m.name.clone(),
                    after: model.year(s.after),
                    probability: Num(s.probability),
                })
            })
            .collect();
        RunReport {
            volume_risk,
            schema_version: SCHEMA_VERSION,
            scenario: model.name.clone(),
            file: model.file.clone(),
            price_year: model.price_year,
            start_year: model.start_year,
            horizon: model.horizon,
            discounting: model.discounting.to_string(),
            discount_rule: model.discounting.clone(),
            price_conversions: model
                .conversions
                .iter()
                .map(|c| ConversionView {
                    what: c.what.clone(),
                    from_year: c.from_year,
                    to_year: c.to_year,
                    factor: Num(c.factor),
                    index: model.price_index.clone().unwrap_or_default(),
                    index_da: model.price_index_da.name.clone(),
                })
                .collect(),
            inputs: model
                .inputs
                .iter()
                .map(|i| InputView {
                    name: i.name.clone(),
                    distribution: i.dist.to_string(),
                    mean: Num(i.mean),
                    per_municipality: i.per_municipality,
                    pooling: i.pooling.map(Num),
                    unit: i.unit.clone(),
                    source: i.source.clone(),
                    defined_at: i.origin.clone(),
                })
                .collect(),
            assumptions: model
                .assumptions
                .iter()
                .map(|a| AssumptionView {
                    name: a.name.clone(),
                    value: a.value.clone(),
                    unit: a.unit.clone(),
                    source: a.source.split_whitespace().collect::<Vec<_>>().join(" "),
                    year: a.year,
                    price_year: a.price_year,
                    overridden: a.overridden,
                    defined_at: a.origin.clone(),
                    da: DanishView::of(&a.da),
                })
                .collect(),
            seed: None,
            stream_version: None,
            sampling: None,
            trials: None,
            budget: super::budget::BudgetView::of(model, &perspectives),
            monte_carlo: None,
            contracts: contract::views(model, &ledger.contracts),
            cost_effectiveness: cea::CostEffectivenessView::base(model, ledger),
            correlations: model.correlation.as_ref().map_or_else(Vec::new, |c| {
                let n = c.inputs.len();
                (c.pairs.iter())
                    .map(|&(i, j)| CorrelationView {
                        inputs: [
                            model.inputs[c.inputs[i]].name.clone(),
                            model.inputs[c.inputs[j]].name.clone(),
                        ],
                        target: c.rank[i * n + j],
                        achieved: None,
                    })
                    .collect()
            }),
            base: BaseView {
                society: society::SocietyView::new(model, ledger),
                perspectives,
                totals: TotalsView {
                    courses: Num(t.courses),
                    participants: Num(t.enrolled),
                    completers: Num(t.completers),
                    volunteers_trained: Num(t.volunteers_trained),
                    gross_cost: Money(t.gross_cost),
                    pv_gross_cost: Money(t.pv_gross_cost),
                },
                non_monetary: ledger
                    .non_monetary
                    .iter()
                    .map(|n| NonMonetaryView {
                        name: n.name.clone(),
                        unit: n.unit.clone(),
                        units: Num(n.units),
                        pv_units: Num(n.pv_units),
                        gross_cost_per_unit: n.gross_cost_per_unit.map(Money),
                        public_net_cost_per_unit: n.public_net_cost_per_unit.map(Money),
                    })
                    .collect(),
                ledger: ledger
                    .rows
                    .iter()
                    .map(|r| LedgerRowView {
                        year: model.year(r.t),
                        municipality: r
                            .municipality
                            .map(|m| model.municipalities[m].name.clone())
                            .unwrap_or_else(|| NATIONAL.into()),
                        payer: model.payers[r.payer].clone(),
                        costs: Money(r.flows.costs),
                        avoided: Money(r.flows.avoided),
                        transfers: Money(r.flows.transfers),
                        contract: Money(r.flows.contract),
                        net: Money(r.flows.net()),
                        discount_factor: Num(df[r.t]),
                        municipality_id: r.municipality,
                        payer_id: r.payer,
                    })
                    .collect(),
                lines: ledger
                    .lines
                    .iter()
                    .map(|l| LineView {
                        kind: match l.kind {
                            LineKind::Cost => "cost",
                            LineKind::Transfer => "transfer",
                            LineKind::Benefit => "benefit",
                            LineKind::Contract => "contract",
                        },
                        name: l.name.clone(),
                        amounts: l.amounts.iter().map(|a| Money(*a)).collect(),
                    })
                    .collect(),
            },
        }
    }
}

/// Which ledger rows a person asked to see.
#[derive(Clone, Debug, Default)]
pub struct LedgerFilter {
    /// Only this municipality's rows (or `national`).
    pub municipality: Option<String>,
    /// Only this payer's rows.
    pub payer: Option<String>,
}

impl LedgerFilter {
    /// Whether `row` passes the filter.
    pub fn keeps(&self, row: &LedgerRowView) -> bool {
        self.municipality
            .as_ref()
            .is_none_or(|m| *m == row.municipality)
            && self.payer.as_ref().is_none_or(|p| *p == row.payer)
    }
}

#![deny(missing_docs)] // every field here is the documented JSON layout
//! Reports: the view of a run that every output format shares, and one module per format.
//!
//! [`RunReport`] is built once from the model and its results; `table`, `json` and `csv` each
//! turn it into bytes without doing any I/O, so every format is tested on its own. The
//! documentation of each field below is the schema of the JSON output (`schema_version` 1).
//!
//! (Past 600 lines only because every view field carries its documentation: these docs are
//! the schema of the JSON output.)

pub mod batch;
pub mod cea;
pub mod compare;
pub mod contract;
pub mod csv;
pub mod deal;
pub mod format;
pub mod html;
pub mod json;
pub mod locale;
pub mod render;
pub mod samples;
pub mod sensitivity;
pub mod shard;
pub mod society;
pub mod table;
pub mod xlsx;

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::decimal::{round_ore, to_f64};
pub use render::{Format, Render, RunOptions};

use crate::ledger::{Ledger, LineKind};
use crate::model::Model;

/// Version of the JSON and CSV layouts. Bumped when a field is removed or changes meaning;
/// new fields may be added within a version.
pub const SCHEMA_VERSION: u32 = 1;

/// Money as a JSON number rounded to øre. Exact for any amount below 2^46 kroner (about 70.4
/// trillion): there the spacing of `f64` is below one øre, so the shortest decimal that
/// round-trips is the øre value itself. CSV writes the exact decimal at any size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Money(pub Decimal);

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(to_f64(round_ore(self.0)))
    }
}

/// A plain number (counts, factors) as JSON, with up to 12 decimals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub Decimal);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(to_f64(self.0.round_dp(12)))
    }
}

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
    /// How the results are discounted.
    pub discounting: String,
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
    /// The validated model, for the workbook's formulas (every amount from the inputs).
    #[serde(skip)]
    pub model: std::sync::Arc<Model>,
}

/// A rank correlation between two inputs: the target and, after a Monte Carlo, what the
/// trials achieved (Spearman's rank correlation of the two inputs' draws).
#[derive(Debug, Serialize)]
pub struct CorrelationView {
    /// The two inputs' names.
    pub inputs: [String; 2],
    /// The rank correlation the scenario sets.
    pub target: f64,
    /// Spearman's rank correlation over the trials; null without a Monte Carlo.
    pub achieved: Option<f64>,
}

/// An assumption the scenario uses, with its source (the `assumptions` list).
#[derive(Debug, Serialize)]
pub struct AssumptionView {
    /// The assumption's name, as used in the files.
    pub name: String,
    /// The value as written: a number or a distribution.
    pub value: String,
    /// What one unit of the value is, in words.
    pub unit: String,
    /// The source, or `estimate` (then the note in the assumption file gives the reasoning).
    pub source: String,
    /// The year the source refers to.
    pub year: i32,
    /// The price year of a money value (converted to the scenario's price year).
    pub price_year: Option<i32>,
    /// Changed for this scenario (`overrides`, `--set`).
    pub overridden: bool,
    /// `file:line` of the value.
    pub defined_at: String,
}

/// An uncertain input: its distribution and the mean the base case uses (the `inputs` list).
#[derive(Debug, Serialize)]
pub struct InputView {
    /// The input's name (its identity for common random numbers).
    pub name: String,
    /// The distribution, e.g. `pert(6, 8, 10)`.
    pub distribution: String,
    /// Its mean, as used by the base case (before any price-year factor).
    pub mean: Num,
    /// Drawn separately for each municipality.
    pub per_municipality: bool,
    /// The share of its variance the municipalities share (0 to 1), where the input is drawn
    /// per municipality with partial pooling; null otherwise.
    pub pooling: Option<Num>,
    /// What one unit of the value is, where the input is a named assumption.
    pub unit: Option<String>,
    /// Where the value comes from, where the input is a named assumption.
    pub source: Option<String>,
    /// `file:line` of the definition.
    pub defined_at: String,
}

/// Money statistics over trials, rounded to øre.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct NpvStatsView {
    /// Mean over trials.
    pub mean: MoneyF,
    /// Standard deviation over trials.
    pub sd: MoneyF,
    /// Monte Carlo standard error of the mean.
    pub se: MoneyF,
    /// 5th percentile (PERCENTILE.INC, as the spreadsheet function).
    pub p5: MoneyF,
    /// 25th percentile (PERCENTILE.INC).
    pub p25: MoneyF,
    /// Median.
    pub p50: MoneyF,
    /// 75th percentile.
    pub p75: MoneyF,
    /// 95th percentile.
    pub p95: MoneyF,
}

impl From<&crate::stats::Distribution> for NpvStatsView {
    fn from(d: &crate::stats::Distribution) -> Self {
        NpvStatsView {
            mean: MoneyF(d.mean),
            sd: MoneyF(d.sd),
            se: MoneyF(d.se),
            p5: MoneyF(d.p5),
            p25: MoneyF(d.p25),
            p50: MoneyF(d.p50),
            p75: MoneyF(d.p75),
            p95: MoneyF(d.p95),
        }
    }
}

/// An `f64` amount of money, serialised rounded to øre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MoneyF(pub f64);

impl Serialize for MoneyF {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64((self.0 * 100.0).round() / 100.0)
    }
}

/// A probability, serialised with 6 decimals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prob(pub f64);

impl Serialize for Prob {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64((self.0 * 1e6).round() / 1e6)
    }
}

/// The Monte Carlo results (`monte_carlo`; null when no Monte Carlo ran).
#[derive(Debug, Serialize)]
pub struct MonteCarloView {
    /// Per perspective, as in `base.perspectives`.
    pub perspectives: IndexMap<String, McPerspectiveView>,
    /// Each municipality's own NPV: its `kommune` ledger rows (costs, benefits and transfers
    /// of the municipality's own budget), discounted.
    pub municipalities: IndexMap<String, MuniStatsView>,
    /// Present when the run was to a precision target (`--precision`).
    pub precision: Option<PrecisionView>,
}

/// A municipality's own NPV over the trials.
#[derive(Debug, Serialize)]
pub struct MuniStatsView {
    /// The NPV's statistics, as for a perspective.
    #[serde(flatten)]
    pub npv: NpvStatsView,
    /// Share of trials in which the municipality's own NPV is positive.
    pub prob_npv_positive: Prob,
    /// The sustained break-even of the municipality's own rows, as for a perspective; null
    /// unless the run followed them year by year (`run --municipal-break-even`).
    pub break_even: Option<BreakEvenView>,
}

/// One perspective over the trials.
#[derive(Debug, Serialize)]
pub struct McPerspectiveView {
    /// The NPV distribution, DKK.
    pub npv: NpvStatsView,
    /// The NPV's histogram, for a chart.
    pub npv_histogram: HistogramView,
    /// Share of trials with NPV > 0.
    pub prob_npv_positive: Prob,
    /// Its Monte Carlo standard error.
    pub prob_npv_positive_se: Prob,
    /// When the perspective breaks even, over the trials.
    pub break_even: BreakEvenView,
}

/// Trials per NPV bin: `counts[i]` trials have an NPV in `[edges[i], edges[i + 1])`. The bins
/// are round and span the central 99% of the trials; the first and last bins also count the
/// trials beyond them.
#[derive(Debug, Serialize)]
pub struct HistogramView<E = MoneyF> {
    /// Bin edges (one more than the bins): DKK, or a rate with 6 decimals.
    pub edges: Vec<E>,
    /// Trials per bin.
    pub counts: Vec<u64>,
}

impl From<&crate::stats::Histogram> for HistogramView<MoneyF> {
    fn from(h: &crate::stats::Histogram) -> Self {
        HistogramView {
            edges: h.edges.iter().map(|e| MoneyF(*e)).collect(),
            counts: h.counts.clone(),
        }
    }
}

impl From<&crate::stats::Histogram> for HistogramView<Prob> {
    fn from(h: &crate::stats::Histogram) -> Self {
        HistogramView {
            edges: h.edges.iter().map(|e| Prob(*e)).collect(),
            counts: h.counts.clone(),
        }
    }
}

/// The distribution of the sustained break-even year.
#[derive(Debug, Serialize)]
pub struct BreakEvenView {
    /// Calendar year -> probability of (sustained) break-even by the end of that year.
    pub by_year: IndexMap<String, Prob>,
    /// Probability of no break-even within the horizon.
    pub never: Prob,
}

impl BreakEvenView {
    /// The view of a break-even distribution, keyed by calendar year.
    pub fn new(model: &Model, b: &crate::stats::BreakEven) -> BreakEvenView {
        BreakEvenView {
            by_year: b
                .by_year
                .iter()
                .enumerate()
                .map(|(t, p)| (model.year(t).to_string(), Prob(*p)))
                .collect(),
            never: Prob(b.never),
        }
    }
}

/// What a `--precision` run achieved.
#[derive(Debug, Serialize)]
pub struct PrecisionView {
    /// The `--precision` asked for.
    pub target: f64,
    /// The largest standard error reached: of P(NPV > 0), and of the mean NPV relative to
    /// max(|mean|, sd), over all perspectives.
    pub achieved: f64,
    /// Whether the target was reached before the trial cap.
    pub converged: bool,
}

/// A price-year conversion the engine made.
#[derive(Debug, Serialize)]
pub struct ConversionView {
    /// The assumption or field converted.
    pub what: String,
    /// The price year the amount was stated in.
    pub from_year: i32,
    /// The scenario's price year it was brought to.
    pub to_year: i32,
    /// `index[to_year] / index[from_year]`.
    pub factor: Num,
    /// The price index used.
    pub index: String,
}

/// The deterministic base case (`base`): uncertain inputs at their mean, exact to the øre.
#[derive(Debug, Serialize)]
pub struct BaseView {
    /// Per perspective (kommune, region, stat, public, all, then the scenario's own).
    pub perspectives: IndexMap<String, PerspectiveView>,
    /// Activity and gross cost over the horizon.
    pub totals: TotalsView,
    /// Cost per unit of each non-monetary outcome.
    pub non_monetary: Vec<NonMonetaryView>,
    /// One row per year, municipality and payer.
    pub ledger: Vec<LedgerRowView>,
    /// The yearly amount of each cost line, transfer and benefit before it is split over
    /// municipalities and payers.
    pub lines: Vec<LineView>,
    /// The societal perspective's decomposition: from every payer's budget to society.
    pub society: society::SocietyView,
}

/// One perspective's base-case results.
#[derive(Debug, Serialize)]
pub struct PerspectiveView {
    /// The payers in this perspective.
    pub payers: Vec<String>,
    /// Net present value: PV benefits - PV net cost.
    pub npv: Money,
    /// Present value of avoided costs and revenues.
    pub pv_benefits: Money,
    /// Present value of cost lines + transfers paid - transfers received.
    pub pv_net_cost: Money,
    /// pv_benefits / pv_net_cost; null when the net cost is zero or negative.
    pub roi: Option<Num>,
    /// Whether any cost, benefit or transfer falls on this perspective in any year. When
    /// false, NPV is 0 and the break-even (reached "at once" on an all-zero series) means
    /// nothing: show the perspective as having no flows.
    pub has_flows: bool,
    /// Calendar year of the sustained break-even; null when there is none within the horizon.
    pub break_even_year: Option<i32>,
    /// Years from the start to the break-even (t + 1); null when there is none.
    pub years_to_break_even: Option<usize>,
    /// Undiscounted net cost (cost lines + transfers paid - transfers received).
    pub net_cost: Money,
    /// Net cost per participant enrolled, undiscounted and discounted (null: no participants).
    pub net_cost_per_participant: Option<Money>,
    /// Discounted net cost per participant enrolled (PV net cost / participants).
    pub pv_net_cost_per_participant: Option<Money>,
    /// Net cost per completer, undiscounted and discounted (null: no completers).
    pub net_cost_per_completer: Option<Money>,
    /// Discounted net cost per completer (PV net cost / completers).
    pub pv_net_cost_per_completer: Option<Money>,
    /// Per year: net and cumulative discounted net.
    pub years: Vec<PerspectiveYearView>,
}

/// One year of a perspective.
#[derive(Debug, Serialize)]
pub struct PerspectiveYearView {
    /// Calendar year.
    pub year: i32,
    /// Costs borne (cost lines).
    pub costs: Money,
    /// Avoided costs and revenues.
    pub benefits: Money,
    /// Received less paid.
    pub transfers: Money,
    /// `benefits - costs + transfers`.
    pub net: Money,
    /// DF(t), the year's discount factor.
    pub discount_factor: Num,
    /// Cumulative discounted net to the end of this year.
    pub cumulative_discounted_net: Money,
}

/// Activity and gross cost over the horizon.
#[derive(Debug, Serialize)]
pub struct TotalsView {
    /// Courses started.
    pub courses: Num,
    /// Participants enrolled.
    pub participants: Num,
    /// Participants who complete.
    pub completers: Num,
    /// Volunteers who receive the training course.
    pub volunteers_trained: Num,
    /// Every cost line whoever pays, undiscounted.
    pub gross_cost: Money,
    /// The same, discounted.
    pub pv_gross_cost: Money,
}

/// A non-monetary outcome (e.g. completers with a recovery gain) and what each unit costs.
#[derive(Debug, Serialize)]
pub struct NonMonetaryView {
    /// The outcome's name.
    pub name: String,
    /// What one unit is, in words.
    pub unit: String,
    /// Units over the horizon (completers x units per completer, through the profile).
    pub units: Num,
    /// The units discounted with the scenario's schedule (`units` when the outcome is not
    /// discounted): `dE` of the cost-effectiveness analysis.
    pub pv_units: Num,
    /// Gross cost (undiscounted) per unit; null when there are no units.
    pub gross_cost_per_unit: Option<Money>,
    /// Public-sector net cost (undiscounted) per unit; null when there are no units.
    pub public_net_cost_per_unit: Option<Money>,
}

/// One row of the ledger: a year, a municipality (or `national`) and a payer.
#[derive(Debug, Serialize)]
pub struct LedgerRowView {
    /// Calendar year.
    pub year: i32,
    /// Municipality name, or `national` for lines not allocated to a municipality.
    pub municipality: String,
    /// The payer bearing or receiving these flows.
    pub payer: String,
    /// Cost lines borne.
    pub costs: Money,
    /// Avoided costs and revenues (benefits).
    pub avoided: Money,
    /// Transfers received less transfers paid.
    pub transfers: Money,
    /// Contract flows received less paid (pre-financing, outcome payments, floor top-up,
    /// guarantee draw); 0 without contracts.
    pub contract: Money,
    /// avoided - costs + transfers + contract.
    pub net: Money,
    /// DF(t), the year's discount factor.
    pub discount_factor: Num,
}

/// A cost line, transfer or outcome with its amount in each year, before allocation.
#[derive(Debug, Serialize)]
pub struct LineView {
    /// `cost`, `transfer`, `benefit` or `contract`.
    pub kind: &'static str,
    /// The line's name, as in the scenario.
    pub name: String,
    /// One amount per year of the horizon.
    pub amounts: Vec<Money>,
}

/// Name used for ledger rows of lines not allocated to a municipality.
pub const NATIONAL: &str = "national";

impl RunReport {
    /// Add the Monte Carlo results of a run with `seed`.
    pub fn with_monte_carlo(
        mut self,
        model: &Model,
        seed: u64,
        summary: &crate::stats::Summary,
        precision: Option<crate::montecarlo::PrecisionReport>,
    ) -> RunReport {
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
            }),
        });
        self
    }

    /// Record that the trials drew by Latin hypercube sampling.
    pub fn with_latin_hypercube(mut self) -> RunReport {
        if self.sampling.is_some() {
            self.sampling = Some("latin_hypercube");
        }
        self
    }

    /// Add the cost-effectiveness analyses over the trials (`[outcome][perspective]`, at the
    /// prices `lambda`).
    pub fn with_cost_effectiveness(
        mut self,
        model: &Model,
        lambda: &[f64],
        analyses: &[Vec<crate::cea::Analysis>],
    ) -> RunReport {
        let inputs: Vec<String> = model.inputs.iter().map(|i| i.name.clone()).collect();
        if let Some(v) = &mut self.cost_effectiveness {
            v.add_monte_carlo(lambda, analyses, &inputs);
        }
        self
    }

    /// Add the rank correlations the trials achieved, from each input's column of draws
    /// (`inputs[input][trial]`, in the model's input order).
    pub fn with_achieved_correlations(mut self, model: &Model, inputs: &[Vec<f64>]) -> RunReport {
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
        self
    }

    /// Add each contract's risk over the trials (in the model's contract order).
    pub fn with_contract_risk(
        mut self,
        model: &Model,
        summaries: &[crate::contracts::ContractSummary],
    ) -> RunReport {
        contract::add_risk(model, &mut self.contracts, summaries);
        self
    }

    /// The base-case report of `model` from its exact `ledger` (the Monte Carlo is added by [`RunReport::with_monte_carlo`]).
    pub fn new(model: &Model, ledger: &Ledger) -> RunReport {
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
        RunReport {
            schema_version: SCHEMA_VERSION,
            scenario: model.name.clone(),
            file: model.file.clone(),
            price_year: model.price_year,
            start_year: model.start_year,
            horizon: model.horizon,
            discounting: model.discounting.clone(),
            price_conversions: model
                .conversions
                .iter()
                .map(|c| ConversionView {
                    what: c.what.clone(),
                    from_year: c.from_year,
                    to_year: c.to_year,
                    factor: Num(c.factor),
                    index: model.price_index.clone().unwrap_or_default(),
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
                })
                .collect(),
            seed: None,
            stream_version: None,
            sampling: None,
            trials: None,
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
            model: std::sync::Arc::new(model.clone()),
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

#[cfg(test)]
mod tests {
    use super::Money;
    use rust_decimal::Decimal;

    /// Whether the JSON number written for `kroner` reads back as exactly that amount.
    fn exact(kroner: &str) -> bool {
        let d: Decimal = kroner.parse().unwrap();
        let text = serde_json::to_string(&Money(d)).unwrap();
        text.parse::<Decimal>().unwrap() == d
    }

    /// docs/output.md: JSON money is exact to the øre below 2^46 kroner, and only there.
    #[test]
    fn json_money_is_exact_to_the_ore_below_2_pow_46_kroner() {
        let below = 70_368_744_177_663u64; // 2^46 - 1
        for ore in 0..100 {
            assert!(exact(&format!("{below}.{ore:02}")), "{below}.{ore:02}");
            assert!(exact(&format!("-{below}.{ore:02}")));
        }
        assert!(exact("1234567.89"));
        // At 2^46 the spacing of f64 is 1/64 kr.: some øre values cannot be written.
        let at = 70_368_744_177_664u64;
        assert!((0..100).any(|ore| !exact(&format!("{at}.{ore:02}"))));
    }
}

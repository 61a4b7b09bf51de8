//! The views the reports are made of: each part of a run (perspectives, years, ledger rows,
//! inputs, assumptions, Monte Carlo statistics) as it is serialised to JSON and read by the
//! table, CSV, workbook and page. `RunReport` (in the parent module) holds them.

use indexmap::IndexMap;
use serde::Serialize;

use super::number::*;
use crate::model::Model;

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
    /// The Danish forms the assumption file gives (`da:`); absent where it gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub da: Option<DanishView>,
}

impl AssumptionView {
    /// The assumption as a reader of `lang` knows it: in Danish its label with the name (the
    /// key of `--set`) after it, `Deltagere pr. forløb (participants_per_course)`; else the
    /// name.
    pub fn shown_name(&self, lang: crate::lang::Lang) -> String {
        match (lang, self.da.as_ref().and_then(|d| d.label.as_ref())) {
            (crate::lang::Lang::Da, Some(label)) => format!("{label} ({})", self.name),
            _ => self.name.clone(),
        }
    }
}

/// The Danish forms of an assumption's texts (each absent where the file gives none).
#[derive(Debug, Serialize)]
pub struct DanishView {
    /// A short Danish label (the name stays the key).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The unit in Danish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The source in Danish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The reasoning in Danish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl DanishView {
    /// The view of `da`; `None` when the file gives no Danish form.
    pub fn of(da: &crate::model::Danish) -> Option<DanishView> {
        let one = |t: &Option<String>| {
            (t.as_ref()).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        (!da.is_empty()).then(|| DanishView {
            label: one(&da.name),
            unit: one(&da.unit),
            source: one(&da.source),
            note: one(&da.note),
        })
    }
}

/// The Danish forms of a price index's or projection's texts (each absent where the file
/// gives none).
#[derive(Clone, Debug, Serialize)]
pub struct DanishIndexView {
    /// The name in Danish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The source in Danish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The caveats in Danish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl DanishIndexView {
    /// The view of `da`; `None` when the file gives no Danish form.
    pub fn of(da: &crate::model::Danish) -> Option<DanishIndexView> {
        DanishView::of(da).map(|d| DanishIndexView {
            name: d.label,
            source: d.source,
            note: d.note,
        })
    }
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
    /// About how many trials the target needs (the trials run when it was reached): a
    /// standard error falls with the square root of the trials. A run stops early when this
    /// is more than 100 times `--max-trials`.
    pub trials_needed: f64,
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
    /// Its Danish name, where its file gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_da: Option<String>,
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
    pub society: super::society::SocietyView,
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
    /// The municipality's index in the model (`None`: the national lines), for the workbook,
    /// which picks rows by number, never by name (a municipality may be called `national`).
    #[serde(skip)]
    pub municipality_id: Option<usize>,
    /// The payer's index in the model.
    #[serde(skip)]
    pub payer_id: usize,
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

/// The cumulative discounted net at the end of one year, over the trials, DKK.
#[derive(Debug, Serialize)]
pub struct BandView {
    /// Calendar year.
    pub year: i32,
    /// 5th percentile.
    pub p5: MoneyF,
    /// 25th percentile.
    pub p25: MoneyF,
    /// Median.
    pub p50: MoneyF,
    /// 75th percentile.
    pub p75: MoneyF,
    /// 95th percentile.
    pub p95: MoneyF,
}

impl BandView {
    /// The band of `year` from the distribution over the trials.
    pub fn new(year: i32, d: &crate::stats::Distribution) -> BandView {
        BandView {
            year,
            p5: MoneyF(d.p5),
            p25: MoneyF(d.p25),
            p50: MoneyF(d.p50),
            p75: MoneyF(d.p75),
            p95: MoneyF(d.p95),
        }
    }
}

/// A rate or ratio over trials, with 6 decimals.
#[derive(Debug, Serialize)]
pub struct RateStatsView {
    /// Mean over trials.
    pub mean: Prob,
    /// 5th percentile (PERCENTILE.INC).
    pub p5: Prob,
    /// 25th percentile.
    pub p25: Prob,
    /// Median.
    pub p50: Prob,
    /// 75th percentile.
    pub p75: Prob,
    /// 95th percentile.
    pub p95: Prob,
}

impl From<&crate::stats::Distribution> for RateStatsView {
    fn from(d: &crate::stats::Distribution) -> Self {
        RateStatsView {
            mean: Prob(d.mean),
            p5: Prob(d.p5),
            p25: Prob(d.p25),
            p50: Prob(d.p50),
            p75: Prob(d.p75),
            p95: Prob(d.p95),
        }
    }
}

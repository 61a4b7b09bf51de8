//! The scenario and assumption file formats, mirrored field by field.
//!
//! These types do nothing but hold what the YAML says, with locations. They reject unknown
//! fields and wrong shapes (serde-saphyr reports those with a snippet); everything else (ranges,
//! sums, references, years) is checked when [`crate::model::Model`] is built from them. The doc
//! comments here are the field reference: they become the descriptions in `somsim schema`.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use super::field_schema as s;
use super::node::{At, Node, Text};

/// A scenario: one investment in the peer-led intervention, with its costs, transfers and
/// outcomes over a horizon of years.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "somsim scenario")]
pub struct ScenarioFile {
    /// Title shown in every report.
    pub name: Text,
    /// Free text: what the scenario assumes and why.
    #[serde(default)]
    pub description: Option<Text>,
    /// Calendar year of year 0 (the first year of the horizon).
    #[schemars(schema_with = "s::year")]
    pub start_year: Node,
    /// Number of years modelled, from 1 to 100; year offsets run 0 .. horizon-1.
    #[schemars(schema_with = "s::positive_integer")]
    pub horizon: Node,
    /// The price level of every amount in the results (DKK in this year's prices). Amounts
    /// stated in other years' prices are converted with the price index of the assumption files.
    #[schemars(schema_with = "s::year")]
    pub price_year: Node,
    /// Assumption files to load, by path relative to this file. A later file may not redefine
    /// a name an earlier one defines; use `overrides` to change a value.
    #[serde(default)]
    pub assumptions: Vec<Text>,
    /// Replace the value of named assumptions for this scenario only.
    #[serde(default)]
    pub overrides: IndexMap<String, At<Override>>,
    /// Payers besides the built-in `kommune`, `region` and `stat` (foundations, funds, NGOs).
    #[serde(default)]
    pub payers: Vec<Text>,
    /// Extra perspectives: name -> list of payers. The defaults `kommune`, `region`, `stat`,
    /// `public` (kommune + region + stat) and `all` (every payer) always exist.
    #[serde(default)]
    pub perspectives: IndexMap<String, Vec<Text>>,
    /// The real discount rates. Default: the Danish Ministry of Finance schedule (since January
    /// 2021): 3.5% for years 1-35, 2.5% for years 36-70, 1.5% after.
    #[serde(default)]
    pub discounting: Option<At<Discounting>>,
    /// Yearly share of former participants who leave the target group (move, die), for every
    /// outcome that does not give its own. Default 0.
    #[serde(default)]
    pub attrition: Option<Node>,
    /// Course parameters shared by every municipality unless the municipality gives its own.
    #[serde(default)]
    pub course: Option<At<CourseParams>>,
    /// The municipalities running the intervention.
    #[serde(default)]
    pub municipalities: Vec<At<Municipality>>,
    /// More municipalities, from a table, with courses sized from their adult population.
    #[serde(default)]
    pub rollout: Option<At<Rollout>>,
    /// Cost lines: what the intervention costs, and who pays.
    #[serde(default)]
    pub costs: Vec<At<Cost>>,
    /// Money moved from one payer to another (grants, co-funding, outcome payments).
    #[serde(default)]
    pub transfers: Vec<At<Transfer>>,
    /// Public service use or payments the intervention may change (the benefits).
    #[serde(default)]
    pub outcomes: Vec<At<Outcome>>,
    /// Effects that are not priced (personal recovery, quality of life); reported as cost per
    /// unit of effect.
    #[serde(default)]
    pub non_monetary: Vec<At<NonMonetary>>,
    /// Rank (Spearman) correlations between named uncertain inputs, drawn with a Gaussian
    /// copula: pairs (`inputs: [a, b]`, `rank: 0.5`) or a matrix (`inputs: [a, b, c]`,
    /// `matrix: [[1, 0.5, 0], ...]`).
    #[serde(default)]
    pub correlations: Vec<At<Correlation>>,
    /// Social-investment contracts (betalingsmodeller): an investor pre-finances part of the
    /// costs and is repaid by outcome payers for what the intervention achieves.
    #[serde(default)]
    pub contracts: Vec<At<Contract>>,
    /// The societal (samfundsøkonomisk) perspective's factors and the volunteer time it values.
    /// Without it, the `society` perspective uses the Ministry of Finance's factors and values
    /// no volunteer time.
    #[serde(default)]
    pub society: Option<At<Society>>,
}

/// The societal perspective, following the Ministry of Finance's guidance for socio-economic
/// analyses: resource flows at market prices (factor prices times the net tax factor),
/// transfers netted out, the tax distortion on the public financing need, volunteer time and
/// valued welfare gains.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Society {
    /// Net tax factor (nettoafgiftsfaktor) that brings factor prices to market prices.
    /// Default 1.28 (Ministry of Finance, 2023).
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub net_tax_factor: Option<Node>,
    /// Tax distortion factor applied to the public financing need: 1.1 adds a loss of 10% of
    /// it. Default 1.0 (no distortion loss, Ministry of Finance since 2023).
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub tax_distortion: Option<Node>,
    /// Where the factors come from, when the scenario gives its own.
    #[serde(default)]
    pub source: Option<Text>,
    /// Volunteers' time, valued at a price per hour (each line with a source).
    #[serde(default)]
    pub volunteer_time: Vec<At<VolunteerTime>>,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// Volunteers' unpaid time, counted like a cost line (`hours` per unit of the driver) and
/// valued at `value_per_hour`. It is borne by no payer's budget: only the `society`
/// perspective counts it.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VolunteerTime {
    /// What the time is spent on, e.g. `peers leading courses`.
    pub name: Text,
    /// How the units are counted, as for a cost line.
    pub driver: At<Driver>,
    /// Volunteer hours per unit of the driver (per course, per volunteer trained, ...).
    pub hours: Node,
    /// Kroner per volunteer hour, at `price_year` prices (market prices: the net tax factor is
    /// not applied to it).
    pub value_per_hour: Node,
    /// Price year of `value_per_hour` if it is not the scenario's price year.
    #[serde(default)]
    #[schemars(schema_with = "s::year_opt")]
    pub price_year: Option<Node>,
    /// The one municipality the line belongs to (default: every municipality separately).
    #[serde(default)]
    pub municipality: Option<Text>,
    /// A line shared by several municipalities: municipality -> share (sum 1).
    #[serde(default)]
    #[schemars(schema_with = "s::shares_opt")]
    pub shared: Option<Node>,
    /// Calendar years the line applies to (required for `one_off`; optional for `per_year`).
    #[serde(default)]
    #[schemars(schema_with = "s::years_opt")]
    pub years: Option<Node>,
    /// Where the hours and the value per hour come from (required).
    pub source: Text,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// The class of a cost or outcome in the societal perspective.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum SocialClass {
    /// Real resources used or saved (staff time, bed-days, support hours): valued at market
    /// prices with the net tax factor.
    #[default]
    Resource,
    /// Money moved between citizens and the public (benefits, taxes): nets out for society.
    Transfer,
    /// Production gained or lost (e.g. employment): valued with the net tax factor.
    Production,
    /// A welfare gain: only a non-monetary outcome's `welfare_value` is one.
    Welfare,
}

/// A file of contracts that prices a scenario: the scenario it names, plus these contracts
/// (in addition to any the scenario has). Run it like a scenario.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "somsim contract file")]
pub struct ContractFile {
    /// The scenario priced, by path relative to this file.
    pub scenario: Text,
    /// Title shown in reports. Default: the scenario's name and the contracts' names.
    #[serde(default)]
    pub name: Option<Text>,
    /// Free text.
    #[serde(default)]
    pub description: Option<Text>,
    /// Payers the contracts add to the scenario's (the investor, a guarantor).
    #[serde(default)]
    pub payers: Vec<Text>,
    /// The contracts.
    pub contracts: Vec<At<Contract>>,
}

/// A social-investment contract (betalingsmodel), evaluated in the base case and in every
/// Monte Carlo trial. Every amount is an exact number: terms are agreed, not uncertain.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// E.g. `DSI betalingsmodel`.
    pub name: Text,
    /// The payer that pre-finances and is repaid (declare it under `payers`).
    pub investor: Text,
    /// Cost lines the investor pays, in whole or in part, in place of the line's payer.
    #[serde(default)]
    pub prefinance: Vec<At<Prefinance>>,
    /// Fixed amounts the investor pays to a payer.
    #[serde(default)]
    pub tranches: Vec<At<Tranche>>,
    /// Calendar years whose completers the contract pays for (the cohort window). Default: the
    /// years of the pre-financing and tranches.
    #[serde(default)]
    #[schemars(schema_with = "s::years_opt")]
    pub cohorts: Option<Node>,
    /// The rate card: a price per unit of each success target (betalingsmål).
    #[serde(default)]
    pub rate_card: Vec<At<RateItem>>,
    /// A share of named payers' realised savings from the contract's cohorts.
    #[serde(default)]
    pub gain_share: Option<At<GainShare>>,
    /// Who pays the outcome payments, top-up and guarantee aside: payer -> share (sum 1).
    #[schemars(schema_with = "s::shares")]
    pub outcome_payers: Node,
    /// The most the outcome payers pay in all, in kroner (contract cap).
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub cap: Option<Node>,
    /// The investor's highest average annual return (afkastloft), e.g. 0.05.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub return_cap: Option<Node>,
    /// The investor's lowest return (afkastgulv): a share of the principal a payer tops up to.
    #[serde(default)]
    pub floor: Option<At<Floor>>,
    /// A first-loss guarantee (underskudsgaranti): a guarantor covers the investor's loss up
    /// to an amount.
    #[serde(default)]
    pub guarantee: Option<At<Guarantee>>,
    /// The last calendar year anything is paid to the investor (the end of the term).
    #[schemars(schema_with = "s::year")]
    pub last_year: Node,
    /// Where the terms come from, or `illustration`.
    #[serde(default)]
    pub source: Option<Text>,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// A cost line the investor pays in some years.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prefinance {
    /// The cost line's name.
    pub cost: Text,
    /// The share of the line the investor pays (0 to 1). Default 1.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub share: Option<Node>,
    /// Calendar years the investor pays it (the investment window).
    #[schemars(schema_with = "s::years")]
    pub years: Node,
}

/// A fixed amount the investor pays to a payer in each listed year.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tranche {
    /// Kroner in each listed year.
    #[schemars(schema_with = "s::number")]
    pub amount: Node,
    /// Calendar years.
    #[schemars(schema_with = "s::years")]
    pub years: Node,
    /// The receiving payer, e.g. `kommune`.
    pub to: Text,
    /// The municipality the tranche belongs to in the ledger (default: national).
    #[serde(default)]
    pub municipality: Option<Text>,
    /// Split over municipalities in the ledger: municipality -> share (sum 1).
    #[serde(default)]
    #[schemars(schema_with = "s::shares_opt")]
    pub shared: Option<Node>,
}

/// One success target of the rate card: a price per unit of a metric the model counts.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateItem {
    /// What the target is called in reports. Default: the metric.
    #[serde(default)]
    pub name: Option<Text>,
    /// `completers`, the name of a non-monetary outcome (its units), or the name of an outcome
    /// (the units of service use avoided).
    pub metric: Text,
    /// Kroner per unit.
    #[schemars(schema_with = "s::number")]
    pub price: Node,
    /// Years between a cohort's completion (or, for avoided use, the year the use is avoided)
    /// and the payment. Default 0.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub lag: Option<Node>,
    /// The most paid for this target over the term, in kroner.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub cap: Option<Node>,
    /// Pay nothing for this target in a trial where a named input misses a threshold.
    #[serde(default)]
    pub trigger: Option<At<Trigger>>,
    /// Where the price comes from, or `illustration`.
    #[serde(default)]
    pub source: Option<Text>,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// A threshold on an input: the target pays only if the input's value (in the trial; its mean
/// in the base case) is at least `at_least` and at most `at_most`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    /// The input tested: the name of an assumption (or any value).
    pub input: Node,
    /// The lowest value that meets the target.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub at_least: Option<Node>,
    /// The highest value that meets the target.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub at_most: Option<Node>,
}

/// A share of realised savings paid to the investor.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GainShare {
    /// The share of the savings paid (0 to 1).
    #[schemars(schema_with = "s::number")]
    pub share: Node,
    /// Whose savings count, e.g. `[kommune, region]`.
    pub of: Vec<Text>,
    /// Years between the saving and the payment. Default 0.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub lag: Option<Node>,
}

/// The investor's floor (afkastgulv).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Floor {
    /// The share of the principal the investor gets back at least (0 to 1).
    #[schemars(schema_with = "s::number")]
    pub share: Node,
    /// Who tops up to the floor at the end of the term.
    pub payer: Text,
}

/// A first-loss guarantee.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guarantee {
    /// The payer that guarantees, e.g. a foundation.
    pub guarantor: Text,
    /// The most it pays, in kroner.
    #[schemars(schema_with = "s::number")]
    pub amount: Node,
    /// Where the guarantee comes from, or `illustration`.
    #[serde(default)]
    pub source: Option<Text>,
}

/// A changed value for a named assumption.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// The new value: a number, a percentage, or a distribution.
    pub value: Node,
    /// Price year of the new value. Default: the assumption's own price year (the new value is
    /// in the same units and prices as the one it replaces).
    #[serde(default)]
    #[schemars(schema_with = "s::year_opt")]
    pub price_year: Option<Node>,
    /// Where the new value comes from.
    #[serde(default)]
    pub source: Option<Text>,
    /// Why the value is changed.
    #[serde(default)]
    pub note: Option<Text>,
}

/// Real discount rates: either one flat `rate`, or a `schedule` of steps.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Discounting {
    /// One rate for every year, e.g. 0.035.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub rate: Option<Node>,
    /// Steps: each rate applies from its `from_year` (a year offset, >= 1) until the next step.
    #[serde(default)]
    pub schedule: Option<Vec<At<DiscountStep>>>,
}

/// One step of a discount schedule.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiscountStep {
    /// The first year offset (>= 1) the rate applies to.
    #[schemars(schema_with = "s::positive_integer")]
    pub from_year: Node,
    /// The real rate, e.g. 0.035.
    #[schemars(schema_with = "s::number")]
    pub rate: Node,
}

/// Course parameters. Each is constant, a list with one value per year of the horizon, or a
/// mapping from calendar year to value (years not listed take the value of `other_years`).
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseParams {
    /// Participants enrolled per course.
    #[serde(default)]
    #[schemars(schema_with = "s::series_opt")]
    pub participants_per_course: Option<Node>,
    /// Share of enrolled participants who complete the course (0 to 1).
    #[serde(default)]
    #[schemars(schema_with = "s::series_opt")]
    pub completion_rate: Option<Node>,
    /// Volunteer peers leading one course.
    #[serde(default)]
    #[schemars(schema_with = "s::series_opt")]
    pub peers_per_course: Option<Node>,
    /// Share of the peers needed that must be newly trained each year after the municipality's
    /// first active year (0 to 1).
    #[serde(default)]
    #[schemars(schema_with = "s::series_opt")]
    pub volunteer_turnover: Option<Node>,
}

/// A municipality running courses.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// The municipality's name, e.g. `Fredericia`.
    pub name: Text,
    /// Courses started each year: constant, a list (one per year), or calendar year -> count.
    #[schemars(schema_with = "s::series")]
    pub courses: Node,
    /// Overrides `course.participants_per_course` for this municipality.
    #[serde(default)]
    #[schemars(schema_with = "s::series_opt")]
    pub participants_per_course: Option<Node>,
    /// Overrides `course.completion_rate` for this municipality.
    #[serde(default)]
    #[schemars(schema_with = "s::series_opt")]
    pub completion_rate: Option<Node>,
    /// Overrides `course.peers_per_course` for this municipality.
    #[serde(default)]
    #[schemars(schema_with = "s::series_opt")]
    pub peers_per_course: Option<Node>,
    /// Overrides `course.volunteer_turnover` for this municipality.
    #[serde(default)]
    #[schemars(schema_with = "s::series_opt")]
    pub volunteer_turnover: Option<Node>,
    /// Volunteers trained each year, given directly instead of derived from courses.
    #[serde(default)]
    #[schemars(schema_with = "s::series_opt")]
    pub volunteers_trained: Option<Node>,
}

/// Municipalities from a table (e.g. all 98), each with courses per year =
/// `population * adult_share * courses_per_10000_adults / 10000 * scale[year]`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rollout {
    /// A CSV file, relative to this file, with at least the columns `name` and `population`.
    pub table: Text,
    /// Only these municipalities of the table (default: every row).
    #[serde(default)]
    pub only: Vec<Text>,
    /// Share of residents aged 18 or over (0 to 1).
    pub adult_share: Node,
    /// Courses a year per 10,000 adults at full scale.
    pub courses_per_10000_adults: Node,
    /// Share of full scale reached each year (a series), e.g. a ramp-up [0.1, 0.3, 0.6, 1.0, ...].
    #[schemars(schema_with = "s::series")]
    pub scale: Node,
}

/// How a cost line's quantity is counted in a year.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Driver {
    /// `quantity` (e.g. FTE; default 1) in each year the municipality is active (has courses),
    /// or in the line's own `years`.
    PerYear,
    /// Courses started that year.
    PerCourse,
    /// Participants enrolled that year.
    PerParticipant,
    /// Participants completing that year.
    PerCompleter,
    /// Volunteers trained that year.
    PerVolunteerTrained,
    /// `quantity` (default 1) in each of the line's `years`.
    OneOff,
}

/// A cost line: `quantity in year t * unit_cost`, borne by one payer.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    /// What the line pays for, e.g. `coordinator, Fredericia/Kolding`.
    pub name: Text,
    /// How the quantity is counted.
    pub driver: At<Driver>,
    /// A multiplier on the driver's count, e.g. 0.5 FTE. Default 1.
    #[serde(default)]
    pub quantity: Option<Node>,
    /// Kroner per unit of the driver (per year, per course, ...), at `price_year` prices.
    pub unit_cost: Node,
    /// Price year of `unit_cost` if it is not the scenario's price year.
    #[serde(default)]
    #[schemars(schema_with = "s::year_opt")]
    pub price_year: Option<Node>,
    /// The payer that bears the cost: `kommune`, `region`, `stat` or a declared payer.
    pub payer: Text,
    /// The class in the societal perspective: `resource` (default), `transfer` or
    /// `production`.
    #[serde(default)]
    pub class: Option<At<SocialClass>>,
    /// The one municipality the line belongs to. With none of `municipality`, `shared` and
    /// `national`, the line applies to every municipality separately: each its own count.
    #[serde(default)]
    pub municipality: Option<Text>,
    /// A line shared by several municipalities (e.g. one coordinator for two): computed once
    /// from their combined activity and split by the key: municipality -> share (sum 1).
    #[serde(default)]
    #[schemars(schema_with = "s::shares_opt")]
    pub shared: Option<Node>,
    /// A national line (e.g. a secretariat): computed once from all municipalities' activity,
    /// shown in the ledger as `national`.
    #[serde(default)]
    pub national: Option<bool>,
    /// Calendar years the line applies to (required for `one_off`; optional for `per_year`).
    #[serde(default)]
    #[schemars(schema_with = "s::years_opt")]
    pub years: Option<Node>,
    /// Where the figure comes from.
    #[serde(default)]
    pub source: Option<Text>,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// Money moved between payers: `amount` in each of `years`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// What the transfer is, e.g. `VELUX FONDEN grant`.
    pub name: Text,
    /// The paying payer.
    pub from: Text,
    /// The receiving payer.
    pub to: Text,
    /// Kroner moved in each listed year.
    pub amount: Node,
    /// Price year of `amount` if it is not the scenario's price year.
    #[serde(default)]
    #[schemars(schema_with = "s::year_opt")]
    pub price_year: Option<Node>,
    /// Calendar years in which `amount` is moved.
    #[schemars(schema_with = "s::years")]
    pub years: Node,
    /// The municipality the transfer belongs to in the ledger (default: national).
    #[serde(default)]
    pub municipality: Option<Text>,
    /// Split of the transfer over municipalities in the ledger: municipality -> share (sum 1).
    #[serde(default)]
    #[schemars(schema_with = "s::shares_opt")]
    pub shared: Option<Node>,
    /// Where the figure comes from.
    #[serde(default)]
    pub source: Option<Text>,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// Whether an outcome is a cost avoided (use goes down) or a revenue gained (e.g. taxes).
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// Benefit = less use: a negative effect is a saving.
    #[default]
    AvoidedCost,
    /// Benefit = more of it: a positive effect is a gain (e.g. tax from employment).
    Revenue,
}

/// A public service use or payment changed by the intervention.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// E.g. `psychiatric bed-days`.
    pub name: Text,
    /// The unit counted by `baseline`, e.g. `bed-day`.
    #[serde(default)]
    pub unit: Option<Text>,
    /// `avoided_cost` (default) or `revenue`.
    #[serde(default)]
    pub kind: Option<At<OutcomeKind>>,
    /// Units used per participant per year without the intervention.
    pub baseline: Node,
    /// Net relative change in use for a completer (after deadweight), e.g. -0.10.
    #[serde(default)]
    pub effect: Option<Node>,
    /// Gross relative change, used with `deadweight` instead of `effect`.
    #[serde(default)]
    pub gross_effect: Option<Node>,
    /// Share of the gross effect that would have happened anyway (0 to 1).
    #[serde(default)]
    pub deadweight: Option<Node>,
    /// Share of the effect present k years after completion (k = 0 is the completion year):
    /// a list, or a decay rule `{exponential: {initial, rate, years}}` or
    /// `{linear: {initial, years}}`.
    #[schemars(schema_with = "s::profile")]
    pub profile: Node,
    /// Kroner per unit, at `price_year` prices.
    pub unit_price: Node,
    /// Price year of `unit_price` if it is not the scenario's price year.
    #[serde(default)]
    #[schemars(schema_with = "s::year_opt")]
    pub price_year: Option<Node>,
    /// Shares of the unit price borne by each payer (sum 1), e.g. `{region: 1.0}`.
    #[schemars(schema_with = "s::shares")]
    pub payers: Node,
    /// The class in the societal perspective: `resource` (default, e.g. bed-days), `transfer`
    /// (e.g. cash benefit) or `production` (e.g. employment).
    #[serde(default)]
    pub class: Option<At<SocialClass>>,
    /// Yearly share of former participants leaving the target group; overrides the scenario's.
    #[serde(default)]
    pub attrition: Option<Node>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: Option<Text>,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// Rank correlations between uncertain inputs: a pair with `rank`, or several with `matrix`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correlation {
    /// The inputs, by name (an assumption's name, or the `name` given in a distribution).
    pub inputs: Vec<Text>,
    /// The rank correlation of the two inputs, from -1 to 1.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub rank: Option<Node>,
    /// The rank correlations of the inputs, row by row: symmetric, 1 on the diagonal.
    #[serde(default)]
    #[schemars(schema_with = "s::matrix_opt")]
    pub matrix: Option<Node>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: Option<Text>,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// An effect that is not priced.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NonMonetary {
    /// E.g. `personal recovery (QPR-15)`.
    pub name: Text,
    /// What one unit is, e.g. `participant with a clinically meaningful gain`.
    pub unit: Text,
    /// Units per completer (for a share of completers: 0 to 1).
    pub per_completer: Node,
    /// How long the gain lasts: the share of a completer's units present k years after
    /// completion (k = 0: the completion year), as for an outcome's `profile`. Default `[1]`:
    /// each unit counted once, in the completion year.
    #[serde(default)]
    #[schemars(schema_with = "s::profile_opt")]
    pub profile: Option<Node>,
    /// Whether the units are discounted with the scenario's discount schedule (default `true`),
    /// for the cost-effectiveness analysis.
    #[serde(default)]
    pub discounted: Option<bool>,
    /// A value per unit in kroner, counted as a welfare gain in the `society` perspective
    /// only. somsim has no default: a unit is valued only where the scenario gives a value and
    /// its source.
    #[serde(default)]
    pub welfare_value: Option<At<WelfareValue>>,
    /// Where the figure comes from.
    #[serde(default)]
    pub source: Option<Text>,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// A non-monetary outcome's value per unit for society (e.g. per recovery, per QALY).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WelfareValue {
    /// Kroner per unit, at `price_year` prices: a number, an assumption name or a distribution.
    pub per_unit: Node,
    /// Price year of `per_unit` if it is not the scenario's price year.
    #[serde(default)]
    #[schemars(schema_with = "s::year_opt")]
    pub price_year: Option<Node>,
    /// Where the value comes from (required).
    pub source: Text,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// A file of named, sourced assumptions that scenarios load.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "somsim assumption file")]
pub struct AssumptionFile {
    /// What the file holds.
    #[serde(default)]
    pub description: Option<Text>,
    /// Other assumption files this one builds on, by path relative to this file.
    #[serde(default)]
    pub include: Vec<Text>,
    /// A price index for converting amounts between price years.
    #[serde(default)]
    pub price_index: Option<At<PriceIndex>>,
    /// Named assumptions; a scenario uses one by writing its name where a number goes.
    #[serde(default)]
    pub parameters: IndexMap<String, At<Assumption>>,
}

/// A named, sourced assumption.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    /// A number, a percentage, or a distribution.
    pub value: Node,
    /// The unit, e.g. `DKK per bed-day`.
    pub unit: Text,
    /// For money: the year whose prices `value` is in. It is converted to the scenario's price
    /// year with the price index.
    #[serde(default)]
    #[schemars(schema_with = "s::year_opt")]
    pub price_year: Option<Node>,
    /// The source (publication, table, URL), or `estimate` (then `note` gives the reasoning
    /// and `value` must be a distribution).
    pub source: Text,
    /// The year the source refers to.
    #[schemars(schema_with = "s::year")]
    pub year: Node,
    /// Reasoning, caveats.
    #[serde(default)]
    pub note: Option<Text>,
}

/// A yearly price index: amounts move between price years in proportion to it.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceIndex {
    /// The index's name, shown when a conversion is made.
    pub name: Text,
    /// Where the figures come from.
    pub source: Text,
    /// Calendar year -> index value.
    #[schemars(schema_with = "s::year_map")]
    pub values: Node,
    /// Caveats, e.g. which years are provisional.
    #[serde(default)]
    pub note: Option<Text>,
}

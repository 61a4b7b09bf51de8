//! The scenario and assumption file formats, mirrored field by field.
//!
//! These types do nothing but hold what the YAML says, with locations. They reject unknown
//! fields and wrong shapes (serde-saphyr reports those with a snippet); everything else (ranges,
//! sums, references, years) is checked when [`crate::model::Model`] is built from them. The doc
//! comments here are the field reference: they become the descriptions in `somsim schema`.
//! This file holds the scenario file's own sections; `contract`, `flows` and `assumption` the
//! contracts, the money-moving lines and the assumption files.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use super::field_schema as s;
use super::node::{At, Node, Text};

mod assumption;
mod contract;
mod danish;
mod flows;
mod portfolio;
mod study;

pub use assumption::*;
pub use contract::*;
pub use danish::*;
pub use flows::*;
pub use portfolio::*;
pub use study::*;

/// A scenario: one investment in the peer-led intervention, with its costs, transfers and
/// outcomes over a horizon of years.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "somsim scenario")]
pub struct ScenarioFile {
    /// Title shown in every report.
    pub name: Text,
    /// The title in Danish (`da: {name: ...}`), shown under `--lang da`.
    #[serde(default)]
    pub da: Option<At<DanishName>>,
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
    /// The kommune's budget: its budget year and how many years the budget view shows (the
    /// budget year and the years after it, overslagsår), in current prices (løbende priser)
    /// projected from `price_year` with the `price_projection` of an assumption file, beside
    /// the fixed prices of `price_year`. Present values stay in `price_year` prices.
    #[serde(default)]
    pub budget: Option<At<Budget>>,
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
    /// Proposed studies of one uncertain input each, for `somsim sensitivity`: the expected
    /// value of their sample information (EVSI), their expected net benefit (ENBS) and the
    /// study size that maximises it. They change no result of `run`.
    #[serde(default)]
    pub studies: Vec<At<Study>>,
    /// Named groups of uncertain inputs whose EVPPI `somsim sensitivity` reports together
    /// (name -> list of 2 to 8 assumption names): what knowing all of them before deciding is
    /// worth, e.g. a bed-day effect with the baseline and price it multiplies.
    #[serde(default)]
    pub evppi_groups: IndexMap<String, At<Vec<Text>>>,
}

/// The budget view: a budget year and the years shown from it.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// The budget year (e.g. 2027), within the horizon.
    #[schemars(schema_with = "s::year")]
    pub year: Node,
    /// Years shown: the budget year and the overslagsår after it (default 4).
    #[serde(default)]
    #[schemars(schema_with = "s::positive_integer_opt")]
    pub years: Option<Node>,
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
    /// Volume risk: each municipality may stop running the course after a year (e.g. when the
    /// pre-financing ends), `{after: YEAR, probability: P}`: with probability P it runs no
    /// courses after YEAR, drawn once per trial for each.
    #[serde(default)]
    pub stop: Option<At<Stop>>,
}

/// Volume risk: a municipality stops running the course after `after` with `probability`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    /// The last year it surely runs courses (e.g. the last year of the pre-financing).
    #[schemars(schema_with = "s::positive_integer")]
    pub after: Node,
    /// The probability that it runs none after that year (0 to 1).
    #[schemars(schema_with = "s::number")]
    pub probability: Node,
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
    /// The people the course is for in this municipality (e.g. its §82d target group, or a
    /// proxy): `validate` and `run` warn when the horizon enrols more participants than this.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub target_group: Option<Node>,
    /// Overrides `course.stop` for this municipality.
    #[serde(default)]
    pub stop: Option<At<Stop>>,
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

//! What moves money in a scenario: cost lines, transfers, outcomes, non-monetary outcomes and
//! the rank correlations between inputs.

use schemars::JsonSchema;
use serde::Deserialize;

use super::super::field_schema as s;
use super::super::node::{At, Node, Text};
use super::{DanishName, DanishOutcome, SocialClass};

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
    /// Coordinators needed that year: the courses of the municipalities the line serves
    /// divided by `courses_per_coordinator`, rounded up (each municipality its own, or once
    /// for a `shared` or `national` line).
    PerCoordinator,
    /// `quantity` (default 1) in each of the line's `years`.
    OneOff,
}

/// A cost line: `quantity in year t * unit_cost`, borne by one payer.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    /// What the line pays for, e.g. `coordinator, Fredericia/Kolding`.
    pub name: Text,
    /// The name in Danish, shown under `--lang da` (contracts refer to `name`).
    #[serde(default)]
    pub da: Option<At<DanishName>>,
    /// How the quantity is counted.
    pub driver: At<Driver>,
    /// A multiplier on the driver's count, e.g. 0.5 FTE. Default 1.
    #[serde(default)]
    pub quantity: Option<Node>,
    /// For `per_coordinator`: the courses one coordinator runs in a year (a fixed number
    /// above zero; required there, refused elsewhere).
    #[serde(default)]
    pub courses_per_coordinator: Option<Node>,
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
    /// The name in Danish, shown under `--lang da`.
    #[serde(default)]
    pub da: Option<At<DanishName>>,
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
    /// The name and unit in Danish, shown under `--lang da` (contracts refer to `name`).
    #[serde(default)]
    pub da: Option<At<DanishOutcome>>,
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
    /// The name and unit in Danish, shown under `--lang da` (contracts refer to `name`).
    #[serde(default)]
    pub da: Option<At<DanishOutcome>>,
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

//! Assumption files: named, sourced values, and the price index.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use super::super::field_schema as s;
use super::super::node::{At, Node, Text};
use super::{DanishAssumption, DanishIndex};

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
    /// A price and wage projection (e.g. KL's pris- og lønskøn) for showing budget years in
    /// current prices.
    #[serde(default)]
    pub price_projection: Option<At<PriceProjection>>,
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
    /// The Danish forms of the label, unit, source and note, shown under `--lang da`.
    #[serde(default)]
    pub da: Option<At<DanishAssumption>>,
}

/// A price and wage projection: the rise in prices and wages from the year before, per year.
/// An amount in year P's prices is in year Y's current prices times the product of
/// (1 + rate) over the years after P up to Y.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceProjection {
    /// The projection's name, shown beside every current-price amount.
    pub name: Text,
    /// Where the figures come from.
    pub source: Text,
    /// `false` when the figures are not from a published source (they are then said to be
    /// unsourced in every output that uses them). Default `true`.
    #[serde(default)]
    pub sourced: Option<bool>,
    /// Calendar year -> the rise from the year before (`2.5%` or `0.025`).
    #[schemars(schema_with = "s::year_map")]
    pub rates: Node,
    /// Caveats, e.g. which years are provisional.
    #[serde(default)]
    pub note: Option<Text>,
    /// The Danish forms of the name, source and note, shown under `--lang da`.
    #[serde(default)]
    pub da: Option<At<DanishIndex>>,
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
    /// The Danish forms of the name, source and note, shown under `--lang da`.
    #[serde(default)]
    pub da: Option<At<DanishIndex>>,
}

//! Assumption files: named, sourced values, and the price index.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use super::super::field_schema as s;
use super::super::node::{At, Node, Text};
use super::DanishAssumption;

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
    /// The Danish forms of the label, unit, source and note, shown under `--lang da`.
    #[serde(default)]
    pub da: Option<At<DanishAssumption>>,
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

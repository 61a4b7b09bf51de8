//! The portfolio file: several contracts, each over its own scenario or a part of a shared one,
//! and optionally a revolving fund that finances them (`somsim portfolio`).

use schemars::JsonSchema;
use serde::Deserialize;

use super::super::field_schema as s;
use super::super::node::{At, Node, Text};
use super::DanishName;

/// A portfolio of contracts priced on common random numbers, and the fund that finances them.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "somsim portfolio")]
pub struct PortfolioFile {
    /// Title shown in every report.
    pub name: Text,
    /// The title in Danish (`da: {name: ...}`), shown under `--lang da`.
    #[serde(default)]
    pub da: Option<At<DanishName>>,
    /// Free text: what the portfolio is and why.
    #[serde(default)]
    pub description: Option<Text>,
    /// The portfolio's first calendar year (the fund's first year).
    #[schemars(schema_with = "s::year")]
    pub start_year: Node,
    /// Years followed, from `start_year` (e.g. 20).
    #[schemars(schema_with = "s::number")]
    pub horizon: Node,
    /// The yearly rate that moves each contract's payer deltas from its own first year to the
    /// portfolio's first year (default 0.035).
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub discount_rate: Option<Node>,
    /// The contracts, in the order a fund finances them.
    pub contracts: Vec<At<PortfolioEntry>>,
    /// A revolving fund that finances the contracts in their order from its capital and what
    /// they repay. Without it every contract joins in its `start` year.
    #[serde(default)]
    pub fund: Option<At<Fund>>,
    /// Where the terms come from, or `illustration`.
    #[serde(default)]
    pub source: Option<Text>,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// One contract of a portfolio: a contract file, for all or some of its municipalities.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PortfolioEntry {
    /// A contract file (which names its scenario), relative to this file.
    pub file: Text,
    /// The contract in it (default: the only one).
    #[serde(default)]
    pub contract: Option<Text>,
    /// The municipalities of its scenario the entry keeps: a list of names, or `each` for one
    /// contract per municipality, in the scenario's order. Default: all of them, as one
    /// contract.
    #[serde(default)]
    pub municipalities: Option<Node>,
    /// The calendar year its scenario's first year falls in; with a fund, the earliest year
    /// the fund may commit to it. Default: the portfolio's `start_year`.
    #[serde(default)]
    #[schemars(schema_with = "s::year_opt")]
    pub start: Option<Node>,
    /// With `municipalities: each` and no fund: how many join each year from `start`, in
    /// waves (default: all in `start`).
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub per_year: Option<Node>,
}

/// A revolving fund.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fund {
    /// The capital it starts with, in kroner.
    #[schemars(schema_with = "s::number")]
    pub capital: Node,
    /// What it keeps uncommitted, in kroner (default 0).
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub reserve: Option<Node>,
    /// A yearly rate on the capital outstanding in its contracts, paid out of the fund (e.g.
    /// 0.01; default 0).
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub management_fee: Option<Node>,
    /// The most contracts it commits to in one year (default: no limit).
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub max_new_per_year: Option<Node>,
    /// New capital from donors: `[{year, amount}]`.
    #[serde(default)]
    pub donors: Vec<At<Donation>>,
    /// Where the fund's terms come from, or `illustration`.
    #[serde(default)]
    pub source: Option<Text>,
}

/// New capital given to a fund in a year.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Donation {
    /// The calendar year it arrives in.
    #[schemars(schema_with = "s::year")]
    pub year: Node,
    /// Kroner.
    #[schemars(schema_with = "s::number")]
    pub amount: Node,
}

//! The optional Danish forms (`da:`) of what a file writes in English: an assumption's label,
//! unit, source and note; a scenario's title; an outcome's name and unit; a cost line's or a
//! transfer's name; a contract's and its rate-card targets' names. Shown under `--lang da` in
//! the terminal, the report and the brief; the English stays the key (`--set`, contracts'
//! references, `--contract`, `--vary price[NAME]`) and what JSON and CSV show.

use schemars::JsonSchema;
use serde::Deserialize;

use super::super::node::Text;

/// A price index's or a price and wage projection's Danish form: each field replaces its
/// English counterpart under `--lang da`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DanishIndex {
    /// The name in Danish, e.g. `Danmarks Statistiks forbrugerprisindeks`.
    #[serde(default)]
    pub name: Option<Text>,
    /// The source in Danish.
    #[serde(default)]
    pub source: Option<Text>,
    /// The caveats in Danish.
    #[serde(default)]
    pub note: Option<Text>,
}

/// An assumption's Danish form: each field replaces its English counterpart under `--lang da`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DanishAssumption {
    /// A short Danish label for the assumption (its name stays the key), e.g.
    /// `Deltagere pr. forløb`.
    #[serde(default)]
    pub label: Option<Text>,
    /// The unit in Danish, e.g. `kr. pr. sengedag i psykiatrien`.
    #[serde(default)]
    pub unit: Option<Text>,
    /// The source in Danish (proper names and titles as published), or `skøn` for an estimate.
    #[serde(default)]
    pub source: Option<Text>,
    /// The reasoning in Danish.
    #[serde(default)]
    pub note: Option<Text>,
}

/// An outcome's or a non-monetary outcome's Danish form.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DanishOutcome {
    /// The name in Danish, e.g. `sengedage i psykiatrien`.
    #[serde(default)]
    pub name: Option<Text>,
    /// The unit in Danish, e.g. `sengedag`.
    #[serde(default)]
    pub unit: Option<Text>,
}

/// A cost line's, a transfer's, a contract's, a rate-card target's or a file's Danish name.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DanishName {
    /// The name (or title) in Danish.
    #[serde(default)]
    pub name: Option<Text>,
}

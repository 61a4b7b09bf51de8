//! A proposed study (`studies:`): what it measures, how, at which sizes and costs, and the
//! population its answer serves.

use schemars::JsonSchema;
use serde::Deserialize;

use super::DanishName;
use crate::input::field_schema as s;
use crate::input::node::{At, Node, Text};

/// A two-arm study of `n` participants per arm that measures one uncertain input.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Study {
    /// What the study is called, e.g. `register study of bed-days`.
    pub name: Text,
    /// The name in Danish (`da: {name: ...}`).
    #[serde(default)]
    pub da: Option<At<DanishName>>,
    /// The uncertain input the study measures (an assumption name the scenario uses with a
    /// distribution, drawn once for all municipalities).
    pub measures: Text,
    /// What each participant contributes: `normal` (a score such as QPR-15; the input is the
    /// difference of the arms' means), `binary` (yes or no; the input is the difference of the
    /// arms' proportions) or `count` (events such as bed-days from registers; the input is the
    /// relative change in the rate).
    pub outcome: At<StudyOutcome>,
    /// `normal`: the standard deviation of one participant's outcome, in the unit of the
    /// measured input. A number is known; an assumption with a distribution is estimated by
    /// the study.
    #[serde(default)]
    #[schemars(schema_with = "s::value_schema_opt")]
    pub sd: Option<Node>,
    /// `binary`: the control arm's proportion (0 to 1); `count`: the control arm's events per
    /// participant per year. A number, or an assumption (uncertain: the study measures it too).
    #[serde(default)]
    #[schemars(schema_with = "s::value_schema_opt")]
    pub control: Option<Node>,
    /// `count`: years each participant is followed (default 1).
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub follow_up_years: Option<Node>,
    /// `count`: the negative binomial size of one participant's count (variance `m + m²/k`);
    /// without it, counts are Poisson.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub dispersion: Option<Node>,
    /// Participants per arm at which to evaluate the study, in increasing order (default 25,
    /// 50, 100, 150, 200, 300, 400, 500, 750, 1000).
    #[serde(default)]
    #[schemars(schema_with = "s::positive_integers_opt")]
    pub n: Option<Node>,
    /// What the study costs, kroner at `price_year` prices.
    pub cost: At<StudyCost>,
    /// The population the decision serves; without it, the scenario's own participants.
    #[serde(default)]
    pub population: Option<At<StudyPopulation>>,
    /// Where the design's figures and costs come from.
    #[serde(default)]
    pub source: Option<Text>,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// What each participant of a study contributes.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StudyOutcome {
    Normal,
    Binary,
    Count,
}

/// A study's cost: `fixed + per_participant × 2n`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StudyCost {
    /// Kroner whatever the size (set-up, analysis, register access).
    #[schemars(schema_with = "s::number")]
    pub fixed: Node,
    /// Kroner per participant, in either arm.
    #[schemars(schema_with = "s::number")]
    pub per_participant: Node,
}

/// The people a decision taken on the study's answer affects.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StudyPopulation {
    /// Participants a year whom the decision affects.
    #[schemars(schema_with = "s::number")]
    pub participants_per_year: Node,
    /// Years the decision holds (1 to 100), discounted with the scenario's rates.
    #[schemars(schema_with = "s::positive_integer")]
    pub years: Node,
}

//! The contract file and a scenario's contracts (`docs/scenario-format.md`, "Contracts").

use schemars::JsonSchema;
use serde::Deserialize;

use super::super::field_schema as s;
use super::super::node::{At, Node, Text};
use super::DanishName;

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
    /// The title in Danish (`da: {name: ...}`), shown under `--lang da`.
    #[serde(default)]
    pub da: Option<At<DanishName>>,
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
    /// E.g. `DSI betalingsmodel` (the key `--contract` names).
    pub name: Text,
    /// The name in Danish (`da: {name: ...}`), shown under `--lang da`; `name` stays the key.
    #[serde(default)]
    pub da: Option<At<DanishName>>,
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
    /// The investor's cost of capital (hurdle rate), e.g. 0.06: its NPV of the contract's flows
    /// is reported at this rate.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub hurdle_rate: Option<Node>,
    /// The investor's lowest return (afkastgulv): a share of the principal a payer tops up to.
    #[serde(default)]
    pub floor: Option<At<Floor>>,
    /// A first-loss guarantee (underskudsgaranti): a guarantor covers the investor's loss up
    /// to an amount.
    #[serde(default)]
    pub guarantee: Option<At<Guarantee>>,
    /// A capital stack: the investor side divided into tranches with seniority, each putting
    /// up its share of the investment and repaid by the waterfall (senior, junior, first
    /// loss). Default: the investor alone.
    #[serde(default)]
    pub stack: Vec<At<StackTranche>>,
    /// The capital stack's management fee: a yearly rate on the capital outstanding, called
    /// from the tranches through the end of the term. Needs a `stack`.
    #[serde(default)]
    pub management_fee: Option<At<ManagementFee>>,
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
    /// What the target is called in reports, and the key `--vary price[NAME]` and
    /// `cap[NAME]` name. Default: the metric.
    #[serde(default)]
    pub name: Option<Text>,
    /// The name in Danish (`da: {name: ...}`), shown under `--lang da`; `name` stays the key.
    #[serde(default)]
    pub da: Option<At<DanishName>>,
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
    /// How the metric's units are measured: `true` (the default), `{randomised: ...}`,
    /// `{comparison: ...}`, `{pre_post: ...}` or `{register: ...}`.
    #[serde(default)]
    #[schemars(schema_with = "s::measured_opt")]
    pub measured: Option<Node>,
    /// Where the price comes from, or `illustration`.
    #[serde(default)]
    pub source: Option<Text>,
    /// Free text.
    #[serde(default)]
    pub note: Option<Text>,
}

/// A threshold on an input or a metric: the target pays only if the input's value (in the
/// trial; its mean in the base case), or the metric's units counted by the end of the term, is
/// at least `at_least` and at most `at_most`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    /// The input tested: the name of an assumption (or any value). Give this or `metric`.
    #[serde(default)]
    pub input: Option<Node>,
    /// The metric tested: `completers`, a non-monetary outcome's units or an outcome's units of
    /// use avoided, counted over the cohort window by the end of the term. Give this or `input`.
    #[serde(default)]
    pub metric: Option<Text>,
    /// The lowest value that meets the target.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub at_least: Option<Node>,
    /// The highest value that meets the target.
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub at_most: Option<Node>,
    /// How the input is measured when the trigger is judged: `true` (the default), or an
    /// estimate's design (`randomised`, `comparison`, `pre_post`).
    #[serde(default)]
    #[schemars(schema_with = "s::measured_opt")]
    pub measured: Option<Node>,
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

/// One tranche of a capital stack.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StackTranche {
    /// What the tranche is called in reports, e.g. `DSI senior`.
    pub name: Text,
    /// The payer whose capital it is (declare it under `payers`).
    pub investor: Text,
    /// Its share of the investment each year (0 to 1); the shares sum to 1.
    #[schemars(schema_with = "s::number")]
    pub share: Node,
    /// `senior`, `junior` or `first_loss`: the order the waterfall repays the tranches.
    pub seniority: Text,
    /// A yearly rate its claim accrues at before junior tranches are paid, e.g. 0.03.
    /// Default 0 (its principal).
    #[serde(default)]
    #[schemars(schema_with = "s::number_opt")]
    pub coupon: Option<Node>,
    /// Commit the tranche only from a year on, and only if a test is met then (e.g. a
    /// second phase's capital once enough completers are seen). Default: committed from the
    /// start.
    #[serde(default)]
    pub gate: Option<At<Gate>>,
}

/// A tranche's gate.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    /// The first calendar year the tranche puts up its share, if the test is met.
    #[schemars(schema_with = "s::year")]
    pub from: Node,
    /// The test, written as a rate-card trigger: an input's value, or a metric's units over
    /// the cohort window counted in the years before `from`.
    pub when: At<Trigger>,
}

/// A capital stack's management fee.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManagementFee {
    /// Who is paid, e.g. `Fondsforvalter` (outside the payers).
    pub manager: Text,
    /// The yearly rate on the capital outstanding (0 to 1), e.g. 0.01.
    #[schemars(schema_with = "s::number")]
    pub rate: Node,
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

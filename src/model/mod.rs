//! The validated model: what a scenario means, with every reference resolved and every rule of
//! `MODEL.md` checked.
//!
//! A [`Model`] can only be made by [`Model::from_loaded`] (or [`Model::load`]), which checks
//! the raw files and reports every problem with its file, line and field. Holding a `Model`
//! therefore proves the input is valid: later stages (ledger, sampler, kernel, reports) never
//! see a share above 1, a year outside the horizon or an undefined payer.

mod build;
pub mod contract;
pub mod danish;
pub mod dist;
pub mod formulas;
pub mod measure;
pub mod portfolio;
mod special;
mod study;

use std::path::Path;

use rust_decimal::Decimal;

pub use crate::input::raw::{Driver, OutcomeKind, SocialClass};
use crate::input::{InputError, Loaded};
pub use contract::Contract;
pub use danish::Danish;
pub use dist::Dist;
pub use study::{DEFAULT_STUDY_SIZES, EvppiGroup, MAX_GROUP, Study, StudyDesign, StudyPopulation};

pub type PayerId = usize;
pub type MuniId = usize;
pub type InputId = usize;

/// The three public payers every scenario has.
pub const BUILTIN_PAYERS: [&str; 3] = ["kommune", "region", "stat"];

/// A numeric input: an exact number, or an uncertain input times an exact factor (the factor
/// is 1 unless the input was converted between price years).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Param {
    Fixed(Decimal),
    Input { id: InputId, factor: Decimal },
}

/// An uncertain input: a distribution, drawn once per Monte Carlo trial (or once per trial and
/// municipality). Inputs are identified by name for common random numbers.
#[derive(Clone, Debug)]
pub struct Input {
    /// The assumption name, the name given in the distribution, or the field path.
    pub name: String,
    pub dist: Dist,
    /// The distribution's mean: the value used by the deterministic base case.
    pub mean: Decimal,
    pub per_municipality: bool,
    /// Partial pooling of an input drawn per municipality (0 to 1): the share of the variance of
    /// each municipality's draw, on the normal scale, that all municipalities share. `None`:
    /// independent draws (the default). See `docs/model.md`, "Correlated inputs".
    pub pooling: Option<Decimal>,
    /// `file:line` where the distribution is written.
    pub origin: String,
    pub unit: Option<String>,
    pub source: Option<String>,
    /// The Danish unit and source of the assumption it comes from.
    pub da: Danish,
}

/// How a scenario discounts, as it wrote it; [`Model::discount_rates`] holds the rates it gives.
#[derive(Clone, Debug, PartialEq)]
pub enum DiscountRule {
    /// The Danish Ministry of Finance's schedule, the default: 3.5% in years 1-35, 2.5% in
    /// years 36-70, 1.5% after.
    Ministry,
    /// One flat real rate from year 1.
    Flat(Decimal),
    /// The scenario's own steps: (the first year a rate applies, the rate), in order.
    Schedule(Vec<(usize, Decimal)>),
}

/// The rule in English, as JSON and CSV give it (`flat real rate 4%`); the vocabulary words it
/// for other languages.
impl std::fmt::Display for DiscountRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |r: &Decimal| format!("{}%", (r * Decimal::ONE_HUNDRED).normalize());
        match self {
            DiscountRule::Ministry => write!(
                f,
                "Danish Ministry of Finance schedule (real): 3.5% years 1-35, 2.5% years 36-70, 1.5% after"
            ),
            DiscountRule::Flat(r) => write!(f, "flat real rate {}", pct(r)),
            DiscountRule::Schedule(steps) => {
                let steps: Vec<String> = (steps.iter())
                    .map(|(from, r)| format!("{} from year {from}", pct(r)))
                    .collect();
                write!(f, "schedule (real): {}", steps.join(", "))
            }
        }
    }
}

/// A value for each year of the horizon.
#[derive(Clone, Debug)]
pub struct Series(pub Vec<Param>);

/// Volume risk: a municipality stops running the course after a year with a probability.
#[derive(Clone, Debug, PartialEq)]
pub struct Stop {
    /// Year offset of the last year it surely runs courses.
    pub after: usize,
    /// The probability that it runs none after `after` (drawn once per trial from the
    /// municipality's own random stream; in the base case its courses after `after` are the
    /// expected `(1 - probability)` of those planned).
    pub probability: Decimal,
}

#[derive(Clone, Debug)]
pub struct Municipality {
    pub name: String,
    pub courses: Series,
    pub participants_per_course: Series,
    pub completion_rate: Series,
    pub peers_per_course: Series,
    pub volunteer_turnover: Series,
    /// Given directly instead of derived from courses.
    pub volunteers_trained: Option<Series>,
    /// For municipalities of a roll-out: `courses` holds the scale of each year, and the
    /// courses started are `scale * population * adult_share * per_10000_adults / 10000`.
    pub size: Option<Sizing>,
    /// The people the course is for (`target_group`), when the scenario gives it.
    pub target_group: Option<Decimal>,
    /// Volume risk: whether it may stop after a year (`stop`).
    pub stop: Option<Stop>,
}

impl Municipality {
    /// What its planned courses in year `t` are multiplied by in the base case: the
    /// probability it still runs them (1 before its `stop` year, and without one).
    pub fn expected_running(&self, t: usize) -> Decimal {
        match &self.stop {
            Some(s) if t > s.after => Decimal::ONE - s.probability,
            _ => Decimal::ONE,
        }
    }
}

/// How a roll-out municipality's courses are sized from its population.
#[derive(Clone, Debug)]
pub struct Sizing {
    pub population: Decimal,
    pub adult_share: Param,
    pub per_10000_adults: Param,
}

/// Which municipalities a cost line or transfer belongs to, and in what shares.
#[derive(Clone, Debug, PartialEq)]
pub enum Allocation {
    One(MuniId),
    /// Municipality -> share; the shares sum to exactly 1.
    Shared(Vec<(MuniId, Decimal)>),
    /// Every municipality separately, each with its own count (cost lines only).
    Each,
    /// Not allocated to a municipality; counts every municipality.
    National,
}

#[derive(Clone, Debug)]
pub struct CostLine {
    /// `file:line` where the line is written.
    pub origin: String,
    pub name: String,
    pub driver: Driver,
    /// For [`Driver::PerCoordinator`]: the courses one coordinator runs in a year.
    pub courses_per_coordinator: Option<Decimal>,
    pub quantity: Param,
    pub unit_cost: Param,
    pub payer: PayerId,
    pub allocation: Allocation,
    /// The line's own years (offsets), when given: `per_year` and `one_off` only.
    pub years: Option<Vec<bool>>,
    /// The line's class in the `society` perspective (never [`SocialClass::Welfare`]).
    pub class: SocialClass,
    /// The Danish name (`da:`).
    pub da: Danish,
}

#[derive(Clone, Debug)]
pub struct Transfer {
    /// `file:line` where the transfer is written.
    pub origin: String,
    pub name: String,
    pub from: PayerId,
    pub to: PayerId,
    pub amount: Param,
    /// `years[t]`: the amount moves in year offset t.
    pub years: Vec<bool>,
    pub allocation: Allocation,
    /// The Danish name (`da:`).
    pub da: Danish,
}

#[derive(Clone, Debug)]
pub enum Effect {
    Net(Param),
    Gross { gross: Param, deadweight: Param },
}

#[derive(Clone, Debug)]
pub enum Profile {
    /// Share of the effect k years after completion; zero beyond the list.
    List(Vec<Param>),
    /// `initial * (1 - rate)^k` for k < years.
    Exponential {
        initial: Param,
        rate: Param,
        years: usize,
    },
    /// `initial * (years - k) / years` for k < years.
    Linear { initial: Param, years: usize },
}

impl Profile {
    /// Number of years after completion with a (possibly) non-zero share.
    pub fn len(&self) -> usize {
        match self {
            Profile::List(v) => v.len(),
            Profile::Exponential { years, .. } | Profile::Linear { years, .. } => *years,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Clone, Debug)]
pub struct Outcome {
    /// `file:line` where the outcome is written.
    pub origin: String,
    pub name: String,
    pub unit: Option<String>,
    pub kind: OutcomeKind,
    pub baseline: Param,
    pub effect: Effect,
    pub profile: Profile,
    pub unit_price: Param,
    /// Payer -> share of the unit price; exact, summing to 1.
    pub shares: Vec<(PayerId, Decimal)>,
    /// The outcome's own attrition; `None` uses the scenario's.
    pub attrition: Option<Param>,
    /// The outcome's class in the `society` perspective (never [`SocialClass::Welfare`]).
    pub class: SocialClass,
    /// The Danish name and unit (`da:`).
    pub da: Danish,
}

#[derive(Clone, Debug)]
pub struct NonMonetary {
    /// `file:line` where the outcome is written.
    pub origin: String,
    pub name: String,
    pub unit: String,
    pub per_completer: Param,
    /// The share of a completer's units present k years after completion (`[1]` unless
    /// given: counted once, in the completion year).
    pub profile: Profile,
    /// Units are discounted with the scenario's schedule (the default) for the
    /// cost-effectiveness analysis.
    pub discounted: bool,
    /// Kroner per unit for society (a welfare gain), with its source: `None` unless the
    /// scenario values the outcome.
    pub welfare: Option<WelfareValue>,
    /// The Danish name and unit (`da:`).
    pub da: Danish,
}

/// A non-monetary outcome's value per unit in the `society` perspective.
#[derive(Clone, Debug)]
pub struct WelfareValue {
    pub per_unit: Param,
    pub source: String,
}

/// The `society` perspective's factors and the volunteer time it values (`docs/model.md`, "The
/// societal perspective").
#[derive(Clone, Debug)]
pub struct Society {
    /// Nettoafgiftsfaktor: resource and production flows, at factor prices, times this.
    pub net_tax_factor: Param,
    /// Skatteforvridningsfaktor: `(factor - 1) x` the public financing need is a loss.
    pub tax_distortion: Param,
    /// Where the two factors come from.
    pub source: String,
    /// Volunteer time, each line counted like a cost line (`quantity`: hours per unit of the
    /// driver; `unit_cost`: the value per hour) and borne by no payer: `payer` is not read.
    pub volunteer_time: Vec<CostLine>,
}

/// The Ministry of Finance's net tax factor, the default of [`Society::net_tax_factor`].
pub const NET_TAX_FACTOR: Decimal = Decimal::from_parts(128, 0, 0, false, 2);

/// Where the default factors come from.
pub const SOCIETY_SOURCE: &str = "Finansministeriet, vejledning i samfundsøkonomiske konsekvensvurderinger (2023): nettoafgiftsfaktor 1,28, intet skatteforvridningstab (faktor 1,0)";

/// The payers whose net is the public financing need: kommune, region and stat.
pub const PUBLIC_PAYERS: [PayerId; 3] = [0, 1, 2];

#[derive(Clone, Debug)]
pub struct Perspective {
    pub name: String,
    pub payers: Vec<PayerId>,
    /// The societal perspective (`society`): every payer's flows, valued as [`Society`] says,
    /// rather than the payers' budgets summed.
    pub society: bool,
}

/// The most inputs the correlations may hold (the sampler keeps their normal scores on the
/// stack).
pub const MAX_CORRELATED: usize = 64;

/// The most municipalities a scenario may have (listed and from a roll-out table together):
/// fifty times Denmark's 98. Memory and time grow with municipalities × years, and a larger
/// table is a mistake (a file of another kind, or rows repeated).
pub const MAX_MUNICIPALITIES: usize = 5_000;

/// The name of the ledger's rows for lines not allocated to a municipality (a national
/// secretariat, say); no municipality may take it.
pub const NATIONAL: &str = "national";

/// Rank (Spearman) correlations between national uncertain inputs (`docs/model.md`,
/// "Correlated inputs"). Validated: the Pearson correlations `2 sin(π r / 6)` of the normal
/// scores form a positive definite matrix, whose Cholesky factor is kept.
#[derive(Clone, Debug)]
pub struct Correlation {
    /// The correlated inputs, in the order of the matrices.
    pub inputs: Vec<InputId>,
    /// Target rank correlations, `rank[i * n + j]` (1 on the diagonal).
    pub rank: Vec<f64>,
    /// Pairs given in the scenario: `(i, j)` with `i < j`, indices into `inputs`.
    pub pairs: Vec<(usize, usize)>,
    /// The lower-triangular Cholesky factor `L` of the normal scores' correlation matrix,
    /// `cholesky[i * n + j]` for `j <= i`.
    pub cholesky: Vec<f64>,
}

/// A price-year conversion the engine made, reported with the results.
#[derive(Clone, Debug)]
pub struct Conversion {
    /// What was converted (an assumption name or a field path).
    pub what: String,
    pub from_year: i32,
    pub to_year: i32,
    /// `index[to_year] / index[from_year]`.
    pub factor: Decimal,
}

/// A sourced assumption the scenario uses, for the report's list of sources.
#[derive(Clone, Debug)]
pub struct AssumptionUse {
    pub name: String,
    pub value: String,
    pub unit: String,
    pub source: String,
    pub year: i32,
    pub price_year: Option<i32>,
    pub origin: String,
    pub overridden: bool,
    /// The Danish label, unit, source and note (`da:`).
    pub da: Danish,
}

/// Proof of validation: a private field of [`Model`] whose type only this module (and its
/// builder) can name, so no other code can construct a `Model` without the checks.
#[derive(Clone, Debug)]
struct Validated;

/// A validated scenario. See the module documentation.
#[derive(Clone, Debug)]
pub struct Model {
    #[allow(dead_code)] // never read: its existence is the proof
    validated: Validated,
    /// Every file read to build this model (scenario, assumption files, roll-out table): the
    /// run's inputs, which no output may overwrite.
    pub files: Vec<std::path::PathBuf>,
    pub name: String,
    /// The Danish title (`da:`; for a contract file without one, made from the scenario's).
    pub da: Danish,
    pub description: Option<String>,
    /// The scenario file as given.
    pub file: String,
    pub start_year: i32,
    pub horizon: usize,
    pub price_year: i32,
    /// Payer names; a [`PayerId`] indexes this. The first three are kommune, region, stat.
    pub payers: Vec<String>,
    pub perspectives: Vec<Perspective>,
    /// `discount_rates[k]` is r(k) for k >= 1; `discount_rates[0]` is unused (zero).
    pub discount_rates: Vec<Decimal>,
    /// How the scenario discounts: the rule it wrote (the vocabulary words it).
    pub discounting: DiscountRule,
    pub attrition: Param,
    pub municipalities: Vec<Municipality>,
    pub costs: Vec<CostLine>,
    pub transfers: Vec<Transfer>,
    pub outcomes: Vec<Outcome>,
    pub non_monetary: Vec<NonMonetary>,
    /// Social-investment contracts, evaluated in the base case and every trial.
    pub contracts: Vec<Contract>,
    /// The societal perspective's factors and volunteer time.
    pub society: Society,
    /// Proposed studies, for the value of sample information (`somsim sensitivity`).
    pub studies: Vec<Study>,
    /// Named groups of inputs for EVPPI (`somsim sensitivity`).
    pub evppi_groups: Vec<EvppiGroup>,
    pub inputs: Vec<Input>,
    /// Rank correlations between uncertain inputs, drawn with a Gaussian copula; `None` when the
    /// scenario has none.
    pub correlation: Option<Correlation>,
    pub conversions: Vec<Conversion>,
    pub price_index: Option<String>,
    /// The Danish name (and source, note) of the price index, where its file gives them.
    pub price_index_da: Danish,
    /// Per payer: the built-in payer it is a budget area of (`kommune.social` is part of
    /// `kommune`), or `None`.
    pub part_of: Vec<Option<PayerId>>,
    /// The budget view: its year, its years and their current-price factors; `None` when the
    /// scenario has no `budget`.
    pub budget: Option<Budget>,
    pub assumptions: Vec<AssumptionUse>,
}

/// The budget view of a scenario (`budget:`): the budget year and the years after it, in
/// current prices projected from the price year, beside fixed prices.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    /// The budget year.
    pub year: i32,
    /// Years shown, from the budget year (up to the horizon's end).
    pub years: usize,
    pub projection: Projection,
    /// Per year shown: the factor from price-year prices to that year's current prices, the
    /// product of (1 + rate) over the years after the price year up to it.
    pub factors: Vec<Decimal>,
    /// The projection's rate (the rise from the year before) of every year after the price
    /// year up to the last year shown, in order: the factors' terms (the workbook writes them
    /// as input cells).
    pub rates: Vec<(i32, Decimal)>,
}

/// A price and wage projection, as its file describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub name: String,
    pub source: String,
    /// `false`: the figures are not from a published source, and every output says so.
    pub sourced: bool,
    pub note: Option<String>,
    /// The file it was read from.
    pub file: String,
    /// Its Danish name, source and note, where the file gives them.
    pub da: Danish,
}

impl Model {
    /// Whether payer `p`'s rows belong to each municipality's own result: `kommune` and its
    /// budget areas.
    pub fn is_local(&self, p: PayerId) -> bool {
        p == 0 || self.part_of.get(p).copied().flatten() == Some(0)
    }

    /// The payers whose net is the public financing need: kommune, region and stat, with their
    /// budget areas.
    pub fn public_payers(&self) -> Vec<PayerId> {
        (0..self.payers.len())
            .filter(|&p| p < 3 || self.part_of.get(p).copied().flatten().is_some())
            .collect()
    }

    /// Read and validate a scenario file and the assumption files it references.
    pub fn load(path: &Path) -> Result<Model, InputError> {
        let loaded = crate::input::load(path)?;
        Model::from_loaded(&loaded)
    }

    /// Validate loaded files.
    pub fn from_loaded(loaded: &Loaded) -> Result<Model, InputError> {
        build::build(loaded)
    }

    /// Check an assumption file on its own (with its includes); returns how many assumptions
    /// it defines.
    pub fn check_assumption_file(path: &Path) -> Result<usize, InputError> {
        let (sources, files) = crate::input::load_assumption_file(path)?;
        build::check_assumptions(&sources, &files)
    }

    /// Calendar year of offset `t`.
    pub fn year(&self, t: usize) -> i32 {
        self.start_year + t as i32
    }

    /// The deterministic base-case value of `p` (uncertain inputs at their mean).
    pub fn base(&self, p: Param) -> Decimal {
        match p {
            Param::Fixed(v) => v,
            Param::Input { id, factor } => self.inputs[id].mean * factor,
        }
    }

    /// Whether a contract pays or triggers on a measured value rather than the true one.
    pub fn has_measurements(&self) -> bool {
        self.contracts.iter().flat_map(|c| &c.rate_card).any(|r| {
            !r.measured.is_true() || r.trigger.as_ref().is_some_and(|t| !t.measured.is_true())
        })
    }

    /// The ideal contracts: this model with every measurement the true value
    /// ([`measure::Measurement::True`]), for the comparison of a measured contract with the
    /// contract it would be if the effect could be seen.
    pub fn ideal(&self) -> Model {
        let mut m = self.clone();
        for r in m.contracts.iter_mut().flat_map(|c| &mut c.rate_card) {
            r.measured = measure::Measurement::True;
            if let Some(t) = &mut r.trigger {
                t.measured = measure::Measurement::True;
            }
        }
        m
    }

    pub fn payer_id(&self, name: &str) -> Option<PayerId> {
        self.payers.iter().position(|p| p == name)
    }

    /// DF(t) for every year: the builder refused rates whose factors would not exist.
    pub fn discount_factors(&self) -> Vec<Decimal> {
        discount_factors(&self.discount_rates).unwrap_or_default()
    }

    /// Whether the scenario has anything uncertain: an uncertain input, a measured contract
    /// term, or a municipality that may stop (`stop`).
    pub fn is_uncertain(&self) -> bool {
        !self.inputs.is_empty()
            || self.has_measurements()
            || self.municipalities.iter().any(|m| m.stop.is_some())
    }
}

/// How an allocation is computed: groups of municipalities whose activity is counted together,
/// each with the rows (municipality or national) and shares its amount is split into.
pub struct Group {
    pub served: Vec<MuniId>,
    pub split: Vec<(Option<MuniId>, Decimal)>,
}

pub fn allocation_groups(model: &Model, a: &Allocation) -> Vec<Group> {
    let nm = model.municipalities.len();
    match a {
        Allocation::One(m) => vec![Group {
            served: vec![*m],
            split: vec![(Some(*m), Decimal::ONE)],
        }],
        Allocation::Shared(key) => vec![Group {
            served: key.iter().map(|(m, _)| *m).collect(),
            split: key.iter().map(|(m, s)| (Some(*m), *s)).collect(),
        }],
        Allocation::Each => (0..nm)
            .map(|m| Group {
                served: vec![m],
                split: vec![(Some(m), Decimal::ONE)],
            })
            .collect(),
        Allocation::National => vec![Group {
            served: (0..nm).collect(),
            split: vec![(None, Decimal::ONE)],
        }],
    }
}

/// The largest discount factor a scenario's rates may reach (1 / (1 + r) compounded). Real
/// rates are small; a factor this large means a rate near -100%, which is a mistake, and would
/// put present values beyond exact arithmetic.
pub const MAX_DISCOUNT_FACTOR: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// DF(0) = 1, DF(t) = DF(t-1) / (1 + r(t)); `None` when a factor exceeds
/// [`MAX_DISCOUNT_FACTOR`] (the builder refuses such rates, so a [`Model`]'s factors exist).
pub fn discount_factors(rates: &[Decimal]) -> Option<Vec<Decimal>> {
    let mut out = Vec::with_capacity(rates.len());
    let mut df = Decimal::ONE;
    for (t, r) in rates.iter().enumerate() {
        if t > 0 {
            df = df.checked_div(Decimal::ONE + r)?;
        }
        if df > MAX_DISCOUNT_FACTOR {
            return None;
        }
        out.push(df);
    }
    Some(out)
}

/// The sustained break-even: the first year offset `t` from which the cumulative discounted net
/// stays `>= 0` to the end of the horizon; `None` when it is negative at the horizon.
pub fn sustained_break_even<T: PartialOrd + Copy>(cumulative: &[T], zero: T) -> Option<usize> {
    break_even_after(cumulative.iter().rposition(|c| *c < zero), cumulative.len())
}

/// The sustained break-even over `horizon` years whose cumulative discounted net was last
/// negative in year offset `last_negative` (`None`: never).
pub fn break_even_after(last_negative: Option<usize>, horizon: usize) -> Option<usize> {
    match last_negative {
        None => Some(0),
        Some(t) if t + 1 < horizon => Some(t + 1),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::sustained_break_even;

    #[test]
    fn break_even_is_sustained() {
        assert_eq!(sustained_break_even(&[-3, -1, 2, 4], 0), Some(2));
        // A later dip below zero moves the break-even.
        assert_eq!(sustained_break_even(&[-3, 1, -1, 4], 0), Some(3));
        assert_eq!(sustained_break_even(&[-3, -1, 2, -4], 0), None);
        assert_eq!(sustained_break_even(&[0, 1], 0), Some(0));
        assert_eq!(sustained_break_even::<i32>(&[], 0), Some(0));
    }
}

//! A proposed study of one uncertain input (`studies:`), validated.

use rust_decimal::Decimal;

use super::{Danish, InputId, Param};

/// A two-arm study of `n` participants per arm measuring one uncertain input.
#[derive(Clone, Debug)]
pub struct Study {
    /// The name shown (in Danish under `--lang da`).
    pub name: String,
    /// The name as written: the key of its random stream, the same in every language.
    pub key: String,
    pub da: Danish,
    /// The input it measures (drawn once per trial for all municipalities); `None` when the
    /// assumption is fixed (in its file or by `--set`), so that a study of it is worth 0.
    pub measures: Option<InputId>,
    /// The measured assumption's name.
    pub measures_name: String,
    pub design: StudyDesign,
    /// Participants per arm at which it is evaluated, increasing.
    pub n: Vec<u32>,
    /// Kroner whatever the size.
    pub fixed_cost: Decimal,
    /// Kroner per participant, in either arm.
    pub per_participant_cost: Decimal,
    pub population: Option<StudyPopulation>,
    pub source: Option<String>,
    /// `file:line` where the study is written.
    pub origin: String,
}

/// What each participant contributes, with the design's values.
#[derive(Clone, Copy, Debug)]
pub enum StudyDesign {
    /// A normal outcome; `sd` is one participant's standard deviation in the measured input's
    /// unit (known when fixed, estimated when uncertain).
    Normal { sd: Param },
    /// Yes or no; `control` is the control arm's proportion.
    Binary { control: Param },
    /// Events per participant; `control` is the control arm's rate per participant per year.
    Count {
        control: Param,
        follow_up_years: Decimal,
        /// Negative binomial size per participant; `None`: Poisson.
        dispersion: Option<Decimal>,
    },
}

impl StudyDesign {
    /// `normal`, `binary` or `count`, as the scenario writes it.
    pub fn key(&self) -> &'static str {
        match self {
            StudyDesign::Normal { .. } => "normal",
            StudyDesign::Binary { .. } => "binary",
            StudyDesign::Count { .. } => "count",
        }
    }
}

/// The people a decision on the study's answer affects.
#[derive(Clone, Copy, Debug)]
pub struct StudyPopulation {
    pub participants_per_year: Decimal,
    /// Years the decision holds.
    pub years: u32,
}

/// The sizes a study is evaluated at when it gives none.
pub const DEFAULT_STUDY_SIZES: [u32; 10] = [25, 50, 100, 150, 200, 300, 400, 500, 750, 1000];

/// A named group of inputs whose EVPPI is reported together.
#[derive(Clone, Debug)]
pub struct EvppiGroup {
    pub name: String,
    /// The assumptions, as written.
    pub members: Vec<String>,
    /// The uncertain ones among them (an assumption fixed in this run adds nothing).
    pub inputs: Vec<InputId>,
}

/// The most inputs in one EVPPI group.
pub const MAX_GROUP: usize = 8;

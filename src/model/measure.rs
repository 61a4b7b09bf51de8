//! How a contract measures what it pays for (`docs/model.md`, "Paying on a measured
//! outcome"): the true effect (the ideal contract), an estimate from a randomised trial, a
//! comparison group or a pre-post change, or counts in a register.
//!
//! A measurement has an *expected* value, a function of the true value alone, and noise
//! around it. The exact ledger (the base case) uses the expected value, in exact decimals; the
//! Monte Carlo kernel draws the noise in each trial from a random stream of its own.

use rust_decimal::Decimal;

use super::Param;
use super::formulas::Amount;

/// How many people a design measures: a number, or without limit (`unlimited`: no sampling noise).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Size {
    Count(Decimal),
    Unlimited,
}

impl Size {
    /// `1 / n` in `f64`: 0 without limit.
    pub fn inverse(self) -> f64 {
        match self {
            Size::Count(n) => 1.0 / crate::decimal::to_f64(n),
            Size::Unlimited => 0.0,
        }
    }
}

/// The design of an estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Design {
    /// Participants against randomised controls: unbiased.
    Randomised,
    /// Participants against a comparison group: biased by `bias` (a relative error).
    Comparison,
    /// The participants' change from before to after, with no controls: it counts what
    /// would have happened anyway (the deadweight) as effect.
    PrePost,
}

/// An estimate of the effect per person, from a sample of the people it pays for.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub design: Design,
    /// Participants measured per cohort (for a trigger: in all cohorts of the window);
    /// `None`: every completer of the cohort.
    pub participants: Option<Size>,
    /// Controls per cohort (randomised and comparison designs).
    pub controls: Option<Size>,
    /// The outcome's standard deviation per person, in the metric's units per person.
    pub sd: Decimal,
    /// The share of those measured lost to follow-up (in both groups).
    pub dropout: Decimal,
    /// The share of those followed up who do not answer (in both groups).
    pub nonresponse: Decimal,
    /// The comparison group's relative bias: the estimate's expected value is
    /// `true x (1 + bias)`. Zero for the other designs.
    pub bias: Decimal,
    /// Pre-post: the share of the measured change that would have happened anyway; the
    /// estimate's expected value is `true / (1 - deadweight)`.
    pub deadweight: Option<Param>,
}

/// Counts of use in a register: the measured units avoided are the use expected without the
/// course less the use counted, and the count is Poisson (or negative binomial) around its
/// expectation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Register {
    /// Negative binomial: each person's dispersion `k` (variance `mu + mu^2 / k` per person);
    /// `None`: Poisson.
    pub dispersion: Option<Decimal>,
}

/// How a rate-card item's metric, or a trigger's input, is measured.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Measurement {
    /// The true value (the ideal contract; today's default).
    #[default]
    True,
    Estimate(Estimate),
    Register(Register),
}

impl Measurement {
    /// Whether it is the true value.
    pub fn is_true(&self) -> bool {
        matches!(self, Measurement::True)
    }

    /// The name used in JSON and CSV: `true`, `randomised`, `comparison`, `pre_post`,
    /// `register`.
    pub fn kind(&self) -> &'static str {
        match self {
            Measurement::True => "true",
            Measurement::Estimate(e) => match e.design {
                Design::Randomised => "randomised",
                Design::Comparison => "comparison",
                Design::PrePost => "pre_post",
            },
            Measurement::Register(r) => match r.dispersion {
                None => "register (Poisson)",
                Some(_) => "register (negative binomial)",
            },
        }
    }

    /// The expected measured value of a true value `x`, with the deadweight `dw` (pre-post;
    /// ignored otherwise): `x` (true, randomised, register), `x (1 + bias)` (comparison),
    /// `x / (1 - dw)` (pre-post; `x` where `dw >= 1`). `None` only when a `Decimal`
    /// operation overflows.
    pub fn expected<A: Amount>(&self, x: A, dw: A) -> Option<A> {
        match self {
            Measurement::Estimate(e) => match e.design {
                Design::Randomised => Some(x),
                Design::Comparison => x.mul(A::one().add(A::from_decimal(e.bias))?),
                Design::PrePost => {
                    let kept = A::one().sub(dw)?;
                    if kept > A::zero() {
                        x.div(kept)
                    } else {
                        Some(x)
                    }
                }
            },
            _ => Some(x),
        }
    }

    /// The estimate's standard error per person measured, for `people` measured (the
    /// default sample), in `f64`: `sd x sqrt(1/n_p + 1/n_c)` with each group's size times
    /// `(1 - dropout)(1 - nonresponse)` (pre-post: no controls). 0 for the true value and a
    /// register (whose noise is the count's), and where the participants are the people
    /// measured and there are none.
    pub fn standard_error(&self, people: f64) -> f64 {
        let Measurement::Estimate(e) = self else {
            return 0.0;
        };
        let to = crate::decimal::to_f64;
        let kept = (1.0 - to(e.dropout)) * (1.0 - to(e.nonresponse));
        let inv_p = match e.participants {
            Some(s) => s.inverse(),
            None if people > 0.0 => 1.0 / people,
            // Nobody to measure: no estimate, and no noise.
            None => return 0.0,
        };
        let inv_c = e.controls.map_or(0.0, Size::inverse);
        if kept <= 0.0 {
            return f64::INFINITY;
        }
        to(e.sd) * ((inv_p + inv_c) / kept).sqrt()
    }
}

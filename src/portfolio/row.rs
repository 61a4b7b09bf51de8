//! The layout of a portfolio trial's row: its totals, then per year, per entry and per payer.

/// Where a portfolio trial's row keeps each value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Years followed.
    pub years: usize,
    pub entries: usize,
    pub payers: usize,
}

/// What the contracts invested, in all.
pub const INVESTED: usize = 0;
/// What they repaid, in all.
pub const RECEIVED: usize = 1;
/// The fund's management fee, in all.
pub const FEES: usize = 2;
/// The IRR of the flows (received - invested - fee by year); NaN when undefined.
pub const IRR: usize = 3;
/// 1 when the flows have several IRRs.
pub const SEVERAL_IRRS: usize = 4;
/// Received / (invested + fees); NaN when nothing is invested.
pub const MOIC: usize = 5;
/// max(0, invested + fees - received).
pub const LOSS: usize = 6;
/// The most capital outstanding at a year's end, and the first year it is reached.
pub const PEAK: usize = 7;
pub const PEAK_YEAR: usize = 8;
/// Contracts joined, and their planned courses, completers and units of the first
/// non-monetary outcome in their cohort windows.
pub const JOINED: usize = 9;
pub const COURSES: usize = 10;
pub const COMPLETERS: usize = 11;
pub const GAINS: usize = 12;
/// The year the fund is exhausted from (NaN: not exhausted, or no fund).
pub const EXHAUSTED: usize = 13;
/// 1 when the fund's balance fell below zero in some year.
pub const OVERDRAWN: usize = 14;
const FIXED: usize = 15;

impl Layout {
    /// The fund's balance at the end of year `t`.
    pub fn balance(&self, t: usize) -> usize {
        FIXED + t
    }
    /// The capital outstanding at the end of year `t`.
    pub fn outstanding(&self, t: usize) -> usize {
        FIXED + self.years + t
    }
    /// The year's net flow: received - invested - fee.
    pub fn net(&self, t: usize) -> usize {
        FIXED + 2 * self.years + t
    }
    /// The year entry `k` joins (NaN: it does not).
    pub fn join(&self, k: usize) -> usize {
        FIXED + 3 * self.years + k
    }
    /// Entry `k`'s loss over its term, max(0, invested - received) (0 when it does not join).
    pub fn loss(&self, k: usize) -> usize {
        FIXED + 3 * self.years + self.entries + k
    }
    /// Payer `p`'s summed delta at the portfolio's first year.
    pub fn delta(&self, p: usize) -> usize {
        FIXED + 3 * self.years + 2 * self.entries + p
    }
    /// Values per trial.
    pub fn width(&self) -> usize {
        FIXED + 3 * self.years + 2 * self.entries + self.payers
    }
}

//! Solving a contract term for the investor's and the payers' yardsticks on the stored trials
//! (`docs/model.md`, "Solving for a term"): along one axis of a deal grid, for each combination
//! of the other axes, the value at which the expected MOIC is 1, the lowest at which P(loss) is
//! within the investor's limit, and the highest at which each paying payer's P(worse off) is
//! within the payers' limit.
//!
//! Each evaluation is the grid's own settlement of one combination on the same trials
//! ([`deal::evaluate`]), so a solved value and the grid agree: a grid value on the accepted
//! side of a solved value is accepted by the grid. The search is a bisection between 0 and
//! [`RANGE`] times the axis's largest value (within the term's bounds), to the øre for an
//! amount and to 10^-6 for a rate or share.

use rust_decimal::Decimal;

use super::deal::{self, Axis, Limits, Point, Term};
use crate::decimal::to_f64;
use crate::kernel::DealBasis;
use crate::model::Model;
use crate::montecarlo::Outputs;

/// The search range's top, as a multiple of the axis's largest value.
pub const RANGE: u32 = 4;

/// Where a target is met along the axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Crossing {
    /// At this value: the boundary of the values that meet it, on their side.
    At(Decimal),
    /// Everywhere in the search range.
    Whole,
    /// Nowhere in the search range.
    Nowhere,
}

/// The solved values for one combination of the other axes.
#[derive(Clone, Debug, PartialEq)]
pub struct Solved {
    /// The other axes' values, in axis order without the solved axis.
    pub others: Vec<Decimal>,
    /// The lowest value at which the expected (mean) MOIC is at least 1.
    pub moic_one: Crossing,
    /// The lowest value at which P(loss) is within the investor's limit; `None` without one.
    pub investor: Option<Crossing>,
    /// Per paying payer ([`deal::Deal::paying`]): the highest value at which its P(worse off)
    /// is within the payers' limit; empty without one.
    pub payers: Vec<Crossing>,
}

/// The solved values along one axis of a grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Solutions {
    /// The axis solved (its index among the grid's axes).
    pub axis: usize,
    /// The search range.
    pub range: (Decimal, Decimal),
    pub solved: Vec<Solved>,
}

/// Solve along axis `axis` of `axes` for contract `k` of `model`, on the trials of `out` that
/// kept the deal basis `basis`.
pub fn solve(
    model: &Model,
    out: &Outputs,
    basis: DealBasis,
    k: usize,
    axes: &[Axis],
    limits: Limits,
    axis: usize,
) -> Solutions {
    let a = &axes[axis];
    let top = a.values.iter().copied().max().unwrap_or(Decimal::ONE);
    let (rate, bound) = match a.term {
        Term::Floor | Term::GainShare => (true, Decimal::ONE),
        Term::ReturnCap => (true, Decimal::from(10)),
        _ => (false, Decimal::from(1_000_000_000_000_000u64)),
    };
    let hi = (top * Decimal::from(RANGE)).max(if rate {
        Decimal::ONE
    } else {
        Decimal::from(1000)
    });
    let hi = hi.min(bound);
    let tol = if rate {
        Decimal::new(1, 6)
    } else {
        Decimal::new(1, 2)
    };
    // The combinations of the other axes, in grid order.
    let others: Vec<&Axis> = (axes.iter().enumerate())
        .filter(|(i, _)| *i != axis)
        .map(|(_, a)| a)
        .collect();
    let mut combos: Vec<Vec<Decimal>> = vec![Vec::new()];
    for o in &others {
        combos = (combos.into_iter())
            .flat_map(|c| {
                o.values.iter().map(move |v| {
                    let mut c = c.clone();
                    c.push(*v);
                    c
                })
            })
            .collect();
    }
    let solved = combos
        .into_iter()
        .map(|fixed| {
            let at = |v: Decimal| -> Point {
                let mut single: Vec<Axis> = Vec::with_capacity(axes.len());
                let mut rest = fixed.iter();
                for (i, x) in axes.iter().enumerate() {
                    let value = if i == axis {
                        v
                    } else {
                        *rest.next().expect("one value per other axis")
                    };
                    single.push(Axis {
                        term: x.term,
                        name: x.name.clone(),
                        values: vec![value],
                    });
                }
                let d = deal::evaluate(model, out, basis, k, single, limits, false);
                d.points.into_iter().next().expect("one combination")
            };
            let search = Search {
                lo: Decimal::ZERO,
                hi,
                tol,
            };
            let moic_one = search.lowest(&|v| at(v).investor.moic_mean >= 1.0);
            let investor = limits
                .max_loss_prob
                .map(|m| search.lowest(&|v| at(v).investor.prob_loss <= m));
            let payers = match limits.max_payer_worse_prob {
                Some(m) => {
                    let n = at(Decimal::ZERO).payers.len();
                    (0..n)
                        .map(|j| search.highest(&|v| at(v).payers[j].prob_worse <= m))
                        .collect()
                }
                None => Vec::new(),
            };
            Solved {
                others: fixed,
                moic_one,
                investor,
                payers,
            }
        })
        .collect();
    Solutions {
        axis,
        range: (Decimal::ZERO, hi),
        solved,
    }
}

/// A bisection over `[lo, hi]` to `tol`.
struct Search {
    lo: Decimal,
    hi: Decimal,
    tol: Decimal,
}

impl Search {
    /// The lowest value (a multiple of `tol`) where `ok` holds, for an `ok` that holds from
    /// some value on.
    fn lowest(&self, ok: &dyn Fn(Decimal) -> bool) -> Crossing {
        if ok(self.lo) {
            return Crossing::Whole;
        }
        if !ok(self.hi) {
            return Crossing::Nowhere;
        }
        let (mut bad, mut good) = (self.lo, self.hi);
        while good - bad > self.tol {
            let mid = self.snap((bad + good) / Decimal::TWO);
            if mid <= bad || mid >= good {
                break;
            }
            if ok(mid) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        Crossing::At(good)
    }

    /// The highest value (a multiple of `tol`) where `ok` holds, for an `ok` that holds up to
    /// some value.
    fn highest(&self, ok: &dyn Fn(Decimal) -> bool) -> Crossing {
        if ok(self.hi) {
            return Crossing::Whole;
        }
        if !ok(self.lo) {
            return Crossing::Nowhere;
        }
        let (mut good, mut bad) = (self.lo, self.hi);
        while bad - good > self.tol {
            let mid = self.snap((bad + good) / Decimal::TWO);
            if mid <= good || mid >= bad {
                break;
            }
            if ok(mid) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        Crossing::At(good)
    }

    /// `x` rounded to a multiple of `tol`.
    fn snap(&self, x: Decimal) -> Decimal {
        (x / self.tol).round() * self.tol
    }
}

/// The axis a deal solves along: its first price axis, else its first axis.
pub fn axis_of(axes: &[Axis]) -> Option<usize> {
    (!axes.is_empty()).then(|| {
        axes.iter()
            .position(|a| matches!(a.term, Term::Price(_)))
            .unwrap_or(0)
    })
}

/// A crossing in `f64`, for a check: `None` unless [`Crossing::At`].
pub fn at_f64(c: Crossing) -> Option<f64> {
    match c {
        Crossing::At(v) => Some(to_f64(v)),
        _ => None,
    }
}

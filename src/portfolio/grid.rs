//! A portfolio's terms varied over a grid (`somsim deal PORTFOLIO --vary TERM=VALUES`): the
//! fund's capital, reserve, fee and commitment limit, and a rate-card price and the return cap
//! of every contract;
//! each combination run again on the same seed, so that the combinations differ by their terms
//! alone (common random numbers).

use rust_decimal::Decimal;

use super::{PortfolioResults, analyse};
use crate::ledger::Overflow;
use crate::model::portfolio::Portfolio;

/// A term of a portfolio that a grid varies.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    Capital,
    Reserve,
    ManagementFee,
    MaxNewPerYear,
    /// A rate-card item's price, by its key, in every contract.
    Price(String),
    /// Every contract's return cap.
    ReturnCap,
}

/// One axis of the grid: a term and its values.
#[derive(Clone, Debug)]
pub struct Axis {
    pub term: Term,
    /// As the command line named it (`fund.reserve`, `price[recovery]`).
    pub name: String,
    pub values: Vec<Decimal>,
}

/// One combination's results.
#[derive(Clone, Debug)]
pub struct Cell {
    /// The combination's value of each axis.
    pub values: Vec<Decimal>,
    pub results: PortfolioResults,
}

/// Set `term` of `q` to `v`.
pub fn set(q: &mut Portfolio, term: &Term, v: Decimal) {
    match term {
        Term::Price(key) => {
            for e in &mut q.entries {
                let c = &mut e.model.contracts[e.contract];
                for r in c.rate_card.iter_mut().filter(|r| &r.key == key) {
                    r.price = v;
                }
            }
        }
        Term::ReturnCap => {
            for e in &mut q.entries {
                e.model.contracts[e.contract].return_cap = Some(v);
            }
        }
        fund_term => {
            if let Some(f) = &mut q.fund {
                match fund_term {
                    Term::Capital => f.capital = v,
                    Term::Reserve => f.reserve = v,
                    Term::ManagementFee => f.management_fee = v,
                    Term::MaxNewPerYear => {
                        f.max_new_per_year = usize::try_from(v.mantissa()).ok();
                    }
                    Term::Price(_) | Term::ReturnCap => {}
                }
            }
        }
    }
}

/// Every combination of `axes`, in order (the last axis varying fastest), each run on `seed`
/// with `trials` trials.
pub fn evaluate(
    p: &Portfolio,
    axes: &[Axis],
    seed: u64,
    trials: usize,
) -> Result<Vec<Cell>, Overflow> {
    let n: usize = axes.iter().map(|a| a.values.len()).product();
    (0..n)
        .map(|mut i| {
            let mut values = vec![Decimal::ZERO; axes.len()];
            for (k, a) in axes.iter().enumerate().rev() {
                values[k] = a.values[i % a.values.len()];
                i /= a.values.len();
            }
            let mut q = p.clone();
            for (a, v) in axes.iter().zip(&values) {
                set(&mut q, &a.term, *v);
            }
            Ok(Cell {
                values,
                results: analyse(&q, seed, trials)?,
            })
        })
        .collect()
}

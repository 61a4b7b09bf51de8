//! A portfolio's path over the years in one trial: which contracts a revolving fund commits to
//! and when, what they invest and repay, the fee, and the fund's balance
//! (`docs/model.md`, "Portfolio and revolving fund").
//!
//! [`path`] is written once for both calculators, like [`crate::model::contract::settle`]: the
//! exact base case calls it with `Decimal`, the trials with `f64` into buffers they own (no
//! allocation per trial).

use crate::model::contract::max0;
use crate::model::formulas::Amount;

/// One contract's fixed terms in the path, in the calculator's number type.
#[derive(Clone, Copy, Debug)]
pub struct EntryTerms<A> {
    /// What the fund sets aside when it commits: the contract's base-case investment.
    pub commitment: A,
    /// The earliest year it joins (offset from the portfolio's first year); without a fund,
    /// the year it joins.
    pub start: usize,
    /// Its last year with an investment, and the end of its term (offsets from its own
    /// first year).
    pub last_investment: usize,
    pub last_year: usize,
}

/// The fund's terms, or `None` in [`Terms::fund`] for a portfolio without one.
#[derive(Clone, Debug)]
pub struct FundTerms<A> {
    pub capital: A,
    pub reserve: A,
    pub fee: A,
    pub max_new_per_year: Option<usize>,
    /// Per year of the horizon: new capital from donors.
    pub donors: Vec<A>,
}

/// The path's terms.
#[derive(Clone, Debug)]
pub struct Terms<A> {
    /// Years in which contracts may join.
    pub horizon: usize,
    /// Years followed: the horizon and the longest contract after it.
    pub years: usize,
    /// Per entry.
    pub entries: Vec<EntryTerms<A>>,
    pub fund: Option<FundTerms<A>>,
}

/// A trial's path, in buffers the caller owns (`years` long, or one per entry).
#[derive(Clone, Debug)]
pub struct Path<A> {
    /// Per entry: the year it joins, if it does.
    pub join: Vec<Option<usize>>,
    /// Per year: what the contracts invested and repaid, the fee, the fund's balance at the
    /// year's end (0 without a fund) and the capital outstanding in contracts within their term.
    pub invested: Vec<A>,
    pub received: Vec<A>,
    pub fee: Vec<A>,
    pub balance: Vec<A>,
    pub outstanding: Vec<A>,
    /// With a fund: the first year from which it commits to no contract again although some
    /// still wait (`None`: it never stops while any wait, or every contract joined).
    pub exhausted: Option<usize>,
    /// Whether the balance fell below zero in some year (its contracts drew more than it set
    /// aside).
    pub overdrawn: bool,
    /// Scratch per entry: invested and received so far, and what is still set aside for it.
    spent: Vec<A>,
    back: Vec<A>,
    left: Vec<A>,
}

impl<A: Amount> Path<A> {
    /// Buffers for `entries` contracts over `years` years.
    pub fn new(entries: usize, years: usize) -> Path<A> {
        let z = || vec![A::zero(); years];
        Path {
            join: vec![None; entries],
            invested: z(),
            received: z(),
            fee: z(),
            balance: z(),
            outstanding: z(),
            exhausted: None,
            overdrawn: false,
            spent: vec![A::zero(); entries],
            back: vec![A::zero(); entries],
            left: vec![A::zero(); entries],
        }
    }
}

/// The path of one trial: from each entry's yearly investment `inv[k * h + tau]` and receipts
/// `rec[k * h + tau]` (years from its own first year; `h` per entry), into `out`.
///
/// Without a fund every entry joins in its `start` year. With one, each year in this order:
/// donors' capital arrives; the fund commits to the next entries of the queue, in order, while
/// the next may join by now, the year's limit is not reached and its free capital (balance less
/// the reserve less what it has committed and not yet paid out) covers the entry's commitment;
/// the joined entries invest and repay (an entry's investment first draws on its commitment;
/// what is left of it is released after its last year of investment); the fee, `rate x` the
/// capital outstanding in entries within their term (invested less received, at least zero;
/// to the øre), is paid. The balance is what is left after the year. Entries joined are followed
/// to the end of their term, past the horizon. `None` only when a `Decimal` operation overflows.
pub fn path<A: Amount>(
    terms: &Terms<A>,
    inv: &[A],
    rec: &[A],
    h: usize,
    out: &mut Path<A>,
) -> Option<()> {
    let zero = A::zero();
    let n = terms.entries.len();
    for v in [
        &mut out.invested,
        &mut out.received,
        &mut out.fee,
        &mut out.balance,
        &mut out.outstanding,
    ] {
        v.fill(zero);
    }
    out.join.fill(None);
    out.spent.fill(zero);
    out.back.fill(zero);
    out.left.fill(zero);
    out.exhausted = None;
    out.overdrawn = false;
    let (mut balance, mut undrawn, mut next, mut last_commit) = (zero, zero, 0usize, None);
    if let Some(f) = &terms.fund {
        balance = f.capital;
    } else {
        for (k, e) in terms.entries.iter().enumerate() {
            out.join[k] = Some(e.start);
        }
        next = n;
    }
    for t in 0..terms.years {
        if let Some(f) = &terms.fund
            && t < terms.horizon
        {
            balance = balance.add(f.donors[t])?;
            let mut new = 0;
            while next < n
                && terms.entries[next].start <= t
                && f.max_new_per_year.is_none_or(|m| new < m)
                && balance.sub(f.reserve)?.sub(undrawn)? >= terms.entries[next].commitment
            {
                out.join[next] = Some(t);
                out.left[next] = terms.entries[next].commitment;
                undrawn = undrawn.add(terms.entries[next].commitment)?;
                last_commit = Some(t);
                (new, next) = (new + 1, next + 1);
            }
        }
        let mut outstanding = zero;
        for (k, e) in terms.entries.iter().enumerate() {
            let Some(j) = out.join[k].filter(|j| *j <= t) else {
                continue;
            };
            let tau = t - j;
            if tau >= h {
                continue;
            }
            let (x, r) = (inv[k * h + tau], rec[k * h + tau]);
            out.invested[t] = out.invested[t].add(x)?;
            out.received[t] = out.received[t].add(r)?;
            balance = balance.sub(x)?.add(r)?;
            // Its investment draws on what is set aside for it; the rest is released after
            // its last investment.
            let take = if x < out.left[k] { x } else { out.left[k] };
            out.left[k] = out.left[k].sub(take)?;
            undrawn = max0(undrawn.sub(take)?);
            if tau >= e.last_investment {
                undrawn = max0(undrawn.sub(out.left[k])?);
                out.left[k] = zero;
            }
            out.spent[k] = out.spent[k].add(x)?;
            out.back[k] = out.back[k].add(r)?;
            if tau <= e.last_year {
                outstanding = outstanding.add(max0(out.spent[k].sub(out.back[k])?))?;
            }
        }
        out.outstanding[t] = outstanding;
        if let Some(f) = &terms.fund {
            let fee = f.fee.mul(outstanding)?.to_ore();
            out.fee[t] = fee;
            balance = balance.sub(fee)?;
            out.balance[t] = balance;
            if balance < zero {
                out.overdrawn = true;
            }
        }
    }
    if terms.fund.is_some() && next < n {
        out.exhausted = Some(last_commit.map_or(0, |y| y + 1));
    }
    Some(())
}

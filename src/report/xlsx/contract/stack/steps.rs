//! The base case's steps of a stack's waterfall, the values the formulas of the block give:
//! each tranche's part of the investment, of the fee and what it got, from the ledger's own
//! [`waterfall_parts`], and the claims, what each class is owed and paid and what each tranche is
//! paid on its claim, between them.

// The grids are indexed by tranche and year together.
#![allow(clippy::needless_range_loop)]

use rust_decimal::Decimal;
use rust_xlsxwriter::XlsxError;

use super::super::super::workings::checked;
use crate::model::contract::stack::{Seniority, StackTerms, split, waterfall_parts};

/// Checked decimal arithmetic, refusing the workbook on an overflow.
pub(super) fn add(a: Decimal, b: Decimal) -> Result<Decimal, XlsxError> {
    checked(a.checked_add(b))
}
pub(super) fn sub(a: Decimal, b: Decimal) -> Result<Decimal, XlsxError> {
    checked(a.checked_sub(b))
}
fn mul(a: Decimal, b: Decimal) -> Result<Decimal, XlsxError> {
    checked(a.checked_mul(b))
}
pub(super) fn sum(x: impl IntoIterator<Item = Decimal>) -> Result<Decimal, XlsxError> {
    x.into_iter().try_fold(Decimal::ZERO, add)
}

/// The base case's steps of the waterfall, `[i][t]`, that the formulas give.
pub(super) struct Steps {
    pub put: Vec<Vec<Decimal>>,
    pub fee: Vec<Vec<Decimal>>,
    pub got: Vec<Vec<Decimal>>,
    pub claim: Vec<Vec<Decimal>>,
    pub claim_after: Vec<Vec<Decimal>>,
    pub put_up: Vec<Vec<Decimal>>,
    pub on_claim: Vec<Vec<Decimal>>,
    /// Per class in `Seniority::ORDER`, per year.
    pub owed: Vec<Vec<Decimal>>,
    pub paid: Vec<Vec<Decimal>>,
}

/// The waterfall's parts (the ledger's own function) and the steps between them.
pub(super) fn steps(
    terms: &StackTerms<Decimal>,
    inv: &[Decimal],
    rec: &[Decimal],
    met: u64,
) -> Result<Steps, XlsxError> {
    let (n, h, zero) = (terms.len(), inv.len(), Decimal::ZERO);
    let [put, fee, got] = waterfall_parts(terms, inv, rec, met)
        .ok_or_else(|| XlsxError::ParameterError("a stack too large".into()))?;
    let by = |v: &[Decimal]| {
        (0..n)
            .map(|i| v[i * h..(i + 1) * h].to_vec())
            .collect::<Vec<_>>()
    };
    let grid = || vec![vec![zero; h]; n];
    let mut s = Steps {
        put: by(&put),
        fee: by(&fee),
        got: by(&got),
        claim: grid(),
        claim_after: grid(),
        put_up: grid(),
        on_claim: grid(),
        owed: vec![vec![zero; h]; 3],
        paid: vec![vec![zero; h]; 3],
    };
    for t in 0..h {
        let mut claims = vec![zero; n];
        for i in 0..n {
            let (before, up) = match t {
                0 => (zero, zero),
                _ => (s.claim_after[i][t - 1], s.put_up[i][t - 1]),
            };
            let called = add(s.put[i][t], s.fee[i][t])?;
            claims[i] = add(mul(before, add(Decimal::ONE, terms.coupons[i])?)?, called)?;
            s.claim[i][t] = claims[i];
            s.put_up[i][t] = add(up, called)?;
        }
        let mut left = rec[t];
        for (k, class) in Seniority::ORDER.into_iter().enumerate() {
            let in_class = |i: usize| terms.seniority[i] == class;
            let owed = sum((0..n).filter(|&i| in_class(i)).map(|i| claims[i]))?;
            s.owed[k][t] = owed;
            let pay = if owed <= zero || left <= zero {
                zero
            } else {
                left.min(owed)
            };
            s.paid[k][t] = pay;
            if pay == owed {
                for i in (0..n).filter(|&i| in_class(i) && claims[i] > zero) {
                    s.on_claim[i][t] = claims[i];
                }
            } else if pay > zero {
                let mut out = vec![zero; n];
                let which = |i: usize| in_class(i) && claims[i] > zero;
                checked(split(pay, &claims, owed, which, &mut out, 1, 0).map(|_| zero))?;
                for i in (0..n).filter(|&i| which(i)) {
                    s.on_claim[i][t] = out[i];
                }
            }
            left = sub(left, pay)?;
        }
        for i in 0..n {
            s.claim_after[i][t] = sub(claims[i], s.got[i][t])?.max(zero);
        }
    }
    Ok(s)
}

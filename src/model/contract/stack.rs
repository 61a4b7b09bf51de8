//! A capital stack: the investor side of a contract divided into tranches with seniority, and
//! the waterfall that shares what the contract pays the investor side among them
//! (`docs/model.md`, "Capital stack").
//!
//! [`waterfall`] is written once for both calculators, like [`super::settle`]: the ledger
//! calls it with `Decimal`, the Monte Carlo kernel with `f64` into buffers it owns.

use rust_decimal::Decimal;

use super::super::PayerId;
use super::super::formulas::Amount;

/// A tranche's place in the waterfall: senior tranches are repaid first, first-loss last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seniority {
    Senior,
    Junior,
    FirstLoss,
}

impl Seniority {
    /// The classes in the order the waterfall pays them.
    pub const ORDER: [Seniority; 3] = [Seniority::Senior, Seniority::Junior, Seniority::FirstLoss];

    /// The word the file writes (`senior`, `junior`, `first_loss`).
    pub fn key(self) -> &'static str {
        match self {
            Seniority::Senior => "senior",
            Seniority::Junior => "junior",
            Seniority::FirstLoss => "first_loss",
        }
    }

    /// The seniority `key` names.
    pub fn from_key(key: &str) -> Option<Seniority> {
        Self::ORDER.into_iter().find(|s| s.key() == key)
    }
}

/// One tranche of a contract's capital stack.
#[derive(Clone, Debug)]
pub struct StackTranche {
    /// As written, e.g. `DSI senior`.
    pub name: String,
    /// The payer whose capital the tranche is (a declared payer).
    pub investor: PayerId,
    /// Its share of the investment each year (the shares sum to 1 exactly).
    pub share: Decimal,
    pub seniority: Seniority,
    /// The yearly rate its claim accrues at (0: repaid its principal only before the surplus).
    pub coupon: Decimal,
}

/// The stack's terms in the calculator's number type, tranche by tranche.
#[derive(Clone, Debug)]
pub struct StackTerms<A> {
    pub shares: Vec<A>,
    pub seniority: Vec<Seniority>,
    pub coupons: Vec<A>,
}

impl StackTerms<()> {
    /// The terms of `stack` in the arithmetic `A`.
    pub fn of<A: Amount>(stack: &[StackTranche]) -> StackTerms<A> {
        StackTerms {
            shares: stack.iter().map(|s| A::from_decimal(s.share)).collect(),
            seniority: stack.iter().map(|s| s.seniority).collect(),
            coupons: stack.iter().map(|s| A::from_decimal(s.coupon)).collect(),
        }
    }
}

impl<A> StackTerms<A> {
    /// Number of tranches.
    pub fn len(&self) -> usize {
        self.shares.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shares.is_empty()
    }
}

/// `x` split by `weights` (summing to `total`, which is not zero) over the tranches `which`
/// selects, into `out[i * h + t]`: each its part `x * w / total` (to the øre in decimals), the
/// last of them what is left, so that the parts add up to `x` exactly.
#[inline]
pub fn split<A: Amount>(
    x: A,
    weights: &[A],
    total: A,
    which: impl Fn(usize) -> bool,
    out: &mut [A],
    h: usize,
    t: usize,
) -> Option<()> {
    let Some(last) = (0..weights.len()).rev().find(|&i| which(i)) else {
        return Some(());
    };
    let mut left = x;
    for i in (0..last).filter(|&i| which(i)) {
        let part = x.mul(weights[i])?.div(total)?.to_ore();
        out[i * h + t] = out[i * h + t].add(part)?;
        left = left.sub(part)?;
    }
    out[last * h + t] = out[last * h + t].add(left)?;
    Some(())
}

/// The waterfall of a capital stack over the years: from what the investor side puts in,
/// `inv[t]`, and what it receives, `received[t]` (payments, and in the last year the floor's
/// top-up and the guarantee), each tranche's part of both, `put[i * h + t]` and
/// `got[i * h + t]`. `claim` (one per tranche) is the caller's scratch.
///
/// Each year, in this order: tranche `i` puts up `share[i] x inv[t]` (to the øre in decimals;
/// the last tranche the rest, so the parts add up to `inv[t]` exactly); its claim accrues,
/// `claim[i] = claim[i] (1 + coupon[i]) + put[i, t]`; then `received[t]` pays the claims class
/// by class, senior, junior, first-loss: a class is paid its claims in full if what is left
/// covers them, and otherwise what is left, pro rata to its tranches' claims; what is left
/// after every claim is paid (the surplus) is shared by the tranches' shares. Within a split
/// each part is rounded to the øre in decimals and the last tranche gets what is left, so
/// `sum_i got[i, t] = received[t]` exactly.
/// `None` only when a `Decimal` operation overflows.
pub fn waterfall<A: Amount>(
    terms: &StackTerms<A>,
    inv: &[A],
    received: &[A],
    put: &mut [A],
    got: &mut [A],
    claim: &mut [A],
) -> Option<()> {
    let (h, n) = (inv.len(), terms.len());
    let zero = A::zero();
    put[..n * h].fill(zero);
    got[..n * h].fill(zero);
    claim[..n].fill(zero);
    let all = |_: usize| true;
    for t in 0..h {
        split(inv[t], &terms.shares, A::one(), all, put, h, t)?;
        for i in 0..n {
            let step = A::one().add(terms.coupons[i])?;
            claim[i] = claim[i].mul(step)?.add(put[i * h + t])?;
        }
        let mut left = received[t];
        for class in Seniority::ORDER {
            let mut owed = zero;
            for i in (0..n).filter(|&i| terms.seniority[i] == class) {
                owed = owed.add(claim[i])?;
            }
            if owed <= zero || left <= zero {
                continue;
            }
            let pay = if left < owed { left } else { owed };
            let in_class = |i: usize| terms.seniority[i] == class;
            if pay == owed {
                for i in (0..n).filter(|&i| in_class(i)) {
                    got[i * h + t] = got[i * h + t].add(claim[i])?;
                }
            } else {
                split(pay, claim, owed, in_class, got, h, t)?;
            }
            left = left.sub(pay)?;
        }
        if left > zero {
            split(left, &terms.shares, A::one(), all, got, h, t)?;
        }
        // What each tranche got this year reduces its claim (a surplus below zero is not
        // owed back).
        for i in 0..n {
            let after = claim[i].sub(got[i * h + t])?;
            claim[i] = if after > zero { after } else { zero };
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn terms(shares: &[&str], seniority: &[Seniority], coupons: &[&str]) -> StackTerms<Decimal> {
        StackTerms {
            shares: shares.iter().map(|s| d(s)).collect(),
            seniority: seniority.to_vec(),
            coupons: coupons.iter().map(|s| d(s)).collect(),
        }
    }

    fn run(t: &StackTerms<Decimal>, inv: &[&str], rec: &[&str]) -> (Vec<Decimal>, Vec<Decimal>) {
        let h = inv.len();
        let inv: Vec<Decimal> = inv.iter().map(|s| d(s)).collect();
        let rec: Vec<Decimal> = rec.iter().map(|s| d(s)).collect();
        let (mut put, mut got) = (
            vec![Decimal::ZERO; t.len() * h],
            vec![Decimal::ZERO; t.len() * h],
        );
        let mut claim = vec![Decimal::ZERO; t.len()];
        waterfall(t, &inv, &rec, &mut put, &mut got, &mut claim).unwrap();
        (put, got)
    }

    use Seniority::*;

    #[test]
    fn a_loss_falls_on_the_first_loss_tranche() {
        // 1,000,000 in, 70/30 senior/first loss; 800,000 back: 700,000 and 100,000.
        let t = terms(&["0.7", "0.3"], &[Senior, FirstLoss], &["0", "0"]);
        let (put, got) = run(&t, &["1000000", "0"], &["0", "800000"]);
        assert_eq!(put, vec![d("700000"), d("0"), d("300000"), d("0")]);
        assert_eq!(got, vec![d("0"), d("700000"), d("0"), d("100000")]);
    }

    #[test]
    fn a_surplus_is_shared_by_the_shares() {
        // 1,200,000 back: each its principal, the 200,000 over it 140,000 / 60,000.
        let t = terms(&["0.7", "0.3"], &[Senior, FirstLoss], &["0", "0"]);
        let (_, got) = run(&t, &["1000000", "0"], &["0", "1200000"]);
        assert_eq!(got, vec![d("0"), d("840000"), d("0"), d("360000")]);
    }

    #[test]
    fn a_coupon_is_owed_before_the_junior_tranche() {
        // Senior 50% at 5%: owed 525,000 after a year; 600,000 back leaves 75,000 for junior.
        let t = terms(&["0.5", "0.5"], &[Senior, Junior], &["0.05", "0"]);
        let (_, got) = run(&t, &["1000000", "0"], &["0", "600000"]);
        assert_eq!(got[1], d("525000"));
        assert_eq!(got[3], d("75000"));
    }

    #[test]
    fn a_class_short_of_its_claims_is_paid_pro_rata() {
        // Two senior tranches 0.4 / 0.4 and a first loss 0.2; 500,000 back of 1,000,000:
        // 250,000 each senior, nothing first loss.
        let t = terms(
            &["0.4", "0.4", "0.2"],
            &[Senior, Senior, FirstLoss],
            &["0", "0", "0"],
        );
        let (_, got) = run(&t, &["1000000", "0"], &["0", "500000"]);
        assert_eq!((got[1], got[3], got[5]), (d("250000"), d("250000"), d("0")));
    }

    #[test]
    fn the_parts_add_up_exactly() {
        let t = terms(
            &["0.33", "0.33", "0.34"],
            &[Senior, Junior, Junior],
            &["0.07", "0", "0.01"],
        );
        let inv = ["333333.33", "100000.01", "0", "0"];
        let rec = ["0", "123456.78", "777777.77", "1.01"];
        let (put, got) = run(&t, &inv, &rec);
        for y in 0..4 {
            let p: Decimal = (0..3).map(|i| put[i * 4 + y]).sum();
            let g: Decimal = (0..3).map(|i| got[i * 4 + y]).sum();
            assert_eq!(p, d(inv[y]));
            assert_eq!(g, d(rec[y]));
        }
    }
}

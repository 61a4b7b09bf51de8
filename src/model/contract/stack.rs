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
    /// The gate it is committed on: from the gate's year, and only if the gate is met, it puts
    /// up its share; `None`: committed from the start.
    pub gate: Option<Gate>,
}

/// A tranche's gate: the tranche is committed from year offset `from` on if `when` is met,
/// judged on an input's value (in the trial; its mean in the base case) or on a metric's
/// units counted over the cohort window in the years before `from`.
#[derive(Clone, Debug)]
pub struct Gate {
    pub from: usize,
    pub when: super::Trigger,
}

/// The stack's management fee: each year through the end of the term, `rate` times the
/// capital outstanding (the investment to date less what was received before the year, when
/// above zero), called from the tranches as the investment is and paid to `manager`.
#[derive(Clone, Debug)]
pub struct ManagementFee {
    /// Who is paid, as written (a fund manager, outside the payers).
    pub manager: String,
    pub rate: Decimal,
}

/// The stack's terms in the calculator's number type, tranche by tranche.
#[derive(Clone, Debug)]
pub struct StackTerms<A> {
    pub shares: Vec<A>,
    pub seniority: Vec<Seniority>,
    pub coupons: Vec<A>,
    /// Per tranche: the year offset its gate commits it from (`None`: not gated).
    pub gates: Vec<Option<usize>>,
    /// The management fee's rate on the capital outstanding.
    pub fee: Option<A>,
    /// Year offset of the end of the term (the last year a fee is called).
    pub last_year: usize,
}

impl StackTerms<()> {
    /// The terms of `stack` in the arithmetic `A`, with its fee and the term's last year.
    pub fn of<A: Amount>(
        stack: &[StackTranche],
        fee: Option<&ManagementFee>,
        last_year: usize,
    ) -> StackTerms<A> {
        StackTerms {
            shares: stack.iter().map(|s| A::from_decimal(s.share)).collect(),
            seniority: stack.iter().map(|s| s.seniority).collect(),
            coupons: stack.iter().map(|s| A::from_decimal(s.coupon)).collect(),
            gates: stack
                .iter()
                .map(|s| s.gate.as_ref().map(|g| g.from))
                .collect(),
            fee: fee.map(|f| A::from_decimal(f.rate)),
            last_year,
        }
    }
}

/// The buffers [`waterfall`] writes, `[i * h + t]` for tranche `i` and year `t`.
pub struct Parts<'a, A> {
    /// Its part of the investment.
    pub put: &'a mut [A],
    /// Its part of the management fee.
    pub fee: &'a mut [A],
    /// What it got back.
    pub got: &'a mut [A],
    /// Scratch: `2 x tranches` (claims, then what each put up to date).
    pub scratch: &'a mut [A],
}

impl<A> StackTerms<A> {
    /// Number of tranches.
    pub fn len(&self) -> usize {
        self.shares.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shares.is_empty()
    }

    /// Whether tranche `i` puts up its share in year `t`, its gate met (bit `i` of `met`) or
    /// none.
    #[inline]
    pub fn committed(&self, i: usize, t: usize, met: u64) -> bool {
        match self.gates[i] {
            None => true,
            Some(from) => t >= from && (met >> i) & 1 == 1,
        }
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
/// top-up and the guarantee), each tranche's part of the investment, of the management fee and
/// of what is received, into `parts`. Bit `i` of `met`: tranche `i`'s gate is met (read only
/// for a gated tranche).
///
/// Each year, in this order: the tranches committed that year (ungated, or gated from an
/// earlier or this year with the gate met) put up `inv[t]` by their shares among themselves
/// (to the øre in decimals; the last of them the rest, so the parts add up to `inv[t]`
/// exactly), and through the end of the term the fee, `rate x` the capital outstanding (the
/// investment to date less what was received in the years before, when above zero; to the
/// øre), the same way; each claim accrues, `claim[i] = claim[i] (1 + coupon[i]) + put[i, t] +
/// fee[i, t]`; then `received[t]` pays the claims class by class, senior, junior, first-loss:
/// a class is paid its claims in full if what is left covers them, and otherwise what is
/// left, pro rata to its tranches' claims; what is left after every claim is paid (the
/// surplus) is shared by the tranches' shares, or, in a stack with a gated tranche, by what
/// each has put up to date (investment and fee). Within a split each part is rounded to the
/// øre in decimals and the last tranche gets what is left, so `sum_i got[i, t] = received[t]`
/// exactly. `None` only when a `Decimal` operation overflows.
pub fn waterfall<A: Amount>(
    terms: &StackTerms<A>,
    inv: &[A],
    received: &[A],
    met: u64,
    parts: Parts<'_, A>,
) -> Option<()> {
    let (h, n) = (inv.len(), terms.len());
    let zero = A::zero();
    let Parts {
        put,
        fee,
        got,
        scratch,
    } = parts;
    put[..n * h].fill(zero);
    fee[..n * h].fill(zero);
    got[..n * h].fill(zero);
    let (claim, contributed) = scratch[..2 * n].split_at_mut(n);
    claim.fill(zero);
    contributed.fill(zero);
    let all = |_: usize| true;
    let gated = terms.gates.iter().any(Option::is_some);
    // The capital outstanding the fee is on: invested to date less received before the year.
    let mut outstanding = zero;
    for t in 0..h {
        let committed = |i: usize| terms.committed(i, t, met);
        let mut total = zero;
        for i in (0..n).filter(|&i| committed(i)) {
            total = total.add(terms.shares[i])?;
        }
        outstanding = outstanding.add(inv[t])?;
        if total > zero {
            split(inv[t], &terms.shares, total, committed, put, h, t)?;
            if let Some(rate) = terms
                .fee
                .filter(|_| t <= terms.last_year && outstanding > zero)
            {
                let year = rate.mul(outstanding)?.to_ore();
                split(year, &terms.shares, total, committed, fee, h, t)?;
            }
        }
        for i in 0..n {
            let step = A::one().add(terms.coupons[i])?;
            let called = put[i * h + t].add(fee[i * h + t])?;
            claim[i] = claim[i].mul(step)?.add(called)?;
            contributed[i] = contributed[i].add(called)?;
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
            let in_class = |i: usize| terms.seniority[i] == class && claim[i] > zero;
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
            let mut put_up = zero;
            for c in contributed.iter() {
                put_up = put_up.add(*c)?;
            }
            if gated && put_up > zero {
                let has_put = |i: usize| contributed[i] > zero;
                split(left, contributed, put_up, has_put, got, h, t)?;
            } else {
                split(left, &terms.shares, A::one(), all, got, h, t)?;
            }
        }
        outstanding = outstanding.sub(received[t])?;
        // What each tranche got this year reduces its claim (a surplus below zero is not
        // owed back).
        for i in 0..n {
            let after = claim[i].sub(got[i * h + t])?;
            claim[i] = if after > zero { after } else { zero };
        }
    }
    Some(())
}

/// [`waterfall`] into buffers of its own: each tranche's part of the investment, of the fee
/// and of what is received, `[i * h + t]`; `None` only when a `Decimal` operation overflows.
pub fn waterfall_parts<A: Amount>(
    terms: &StackTerms<A>,
    inv: &[A],
    received: &[A],
    met: u64,
) -> Option<[Vec<A>; 3]> {
    let n = terms.len();
    let zeros = || vec![A::zero(); n * inv.len()];
    let (mut put, mut fee, mut got) = (zeros(), zeros(), zeros());
    let mut scratch = vec![A::zero(); 2 * n];
    let parts = Parts {
        put: &mut put,
        fee: &mut fee,
        got: &mut got,
        scratch: &mut scratch,
    };
    waterfall(terms, inv, received, met, parts)?;
    Some([put, fee, got])
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
            gates: vec![None; shares.len()],
            fee: None,
            last_year: 9,
        }
    }

    /// Each tranche's part of the investment, of the fee and of what is received.
    type Split = (Vec<Decimal>, Vec<Decimal>, Vec<Decimal>);

    fn run_met(t: &StackTerms<Decimal>, inv: &[&str], rec: &[&str], met: u64) -> Split {
        let inv: Vec<Decimal> = inv.iter().map(|s| d(s)).collect();
        let rec: Vec<Decimal> = rec.iter().map(|s| d(s)).collect();
        let [put, fee, got] = waterfall_parts(t, &inv, &rec, met).unwrap();
        (put, fee, got)
    }

    fn run(t: &StackTerms<Decimal>, inv: &[&str], rec: &[&str]) -> (Vec<Decimal>, Vec<Decimal>) {
        let (put, _, got) = run_met(t, inv, rec, 0);
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

    #[test]
    fn a_gated_tranche_puts_up_only_once_its_gate_is_met() {
        // 60/40 senior/junior, the junior gated from year 1; 1,000,000 in years 0 and 1.
        let mut t = terms(&["0.6", "0.4"], &[Senior, Junior], &["0", "0"]);
        t.gates[1] = Some(1);
        let inv = ["1000000", "1000000", "0"];
        let rec = ["0", "0", "2500000"];
        // Met: the senior tranche alone in year 0, 60/40 in year 1; 1,600,000 and 400,000
        // repaid, the 500,000 over them 80/20 by what each put up.
        let (put, _, got) = run_met(&t, &inv, &rec, 0b10);
        assert_eq!(
            put,
            vec![
                d("1000000"),
                d("600000"),
                d("0"),
                d("0"),
                d("400000"),
                d("0")
            ]
        );
        assert_eq!((got[2], got[5]), (d("2000000"), d("500000")));
        // Missed: the senior tranche puts up everything and gets everything back.
        let (put, _, got) = run_met(&t, &inv, &rec, 0);
        assert_eq!(put[..3], [d("1000000"), d("1000000"), d("0")]);
        assert_eq!(put[3..], [d("0"); 3]);
        assert_eq!((got[2], got[5]), (d("2500000"), d("0")));
    }

    #[test]
    fn the_fee_is_called_with_the_investment_and_repaid_as_capital() {
        // 2% of the capital outstanding, through the end of the term (year 2), 50/50.
        let mut t = terms(&["0.5", "0.5"], &[Senior, Junior], &["0", "0"]);
        t.fee = Some(d("0.02"));
        t.last_year = 2;
        let inv = ["1000000", "0", "0", "0"];
        let (put, fee, got) = run_met(&t, &inv, &["0", "600000", "450000", "0"], 0);
        assert_eq!(put[..4], [d("500000"), d("0"), d("0"), d("0")]);
        // 1,000,000 outstanding in years 0 and 1 (20,000 each), 400,000 in year 2 (8,000),
        // nothing after the term.
        assert_eq!(fee[..4], [d("10000"), d("10000"), d("4000"), d("0")]);
        assert_eq!(fee[4..], fee[..4]);
        // Year 1: the senior claim of 520,000 first, 80,000 to the junior tranche; year 2:
        // the senior's 4,000 fee and the junior's 444,000 claim (520,000 + 4,000 - 80,000),
        // and the surplus of 2,000 shared 50/50.
        assert_eq!((got[1], got[5]), (d("520000"), d("80000")));
        assert_eq!((got[2], got[6]), (d("5000"), d("445000")));
    }
}

//! Social-investment contracts (betalingsmodeller): what a validated contract says, and the
//! settlement that turns a year-by-year investment and amounts due into payments
//! (`docs/model.md`, "Contracts").
//!
//! [`settle`] is written once for both calculators, like [`super::formulas`]: the exact
//! ledger calls it with `Decimal` (every operation checked), the Monte Carlo kernel and the
//! deal-space grid with `f64` (no allocation: the caller owns every buffer).

use rust_decimal::Decimal;

use super::formulas::Amount;
use super::measure::Measurement;

mod irr;
pub mod stack;
use super::{Allocation, Param, PayerId};
pub use irr::{investor_irr, investor_irr_roots, irr, irr_roots};

/// The most rate-card items a contract may have (binding caps are reported as a bit set).
pub const MAX_RATE_ITEMS: usize = 32;

/// What a rate-card item counts, per cohort of completers in the contract's window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Completers of the cohort.
    Completers,
    /// Units of a non-monetary outcome (index into `Model::non_monetary`): completers x units
    /// per completer.
    NonMonetary(usize),
    /// Units of service use avoided (index into `Model::outcomes`), realised in each year from
    /// the window's cohorts: the avoided-cost formula before the unit price.
    Avoided(usize),
}

/// What a trigger tests.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TriggerOn {
    /// An input's value (in the trial; its mean in the base case).
    Input(Param),
    /// A metric's units counted by the end of the term: over the cohort window, for avoided
    /// use realised in the years up to the term's last.
    Metric(Metric),
}

/// A threshold on an input or a metric: met when `at_least <= value <= at_most`.
#[derive(Clone, Debug)]
pub struct Trigger {
    /// The input as written (an assumption name, usually), or the metric's name.
    pub what: String,
    pub on: TriggerOn,
    pub at_least: Option<Decimal>,
    pub at_most: Option<Decimal>,
    /// How the input is measured when the trigger is judged ([`Measurement::True`]: as it
    /// is).
    pub measured: Measurement,
}

impl Trigger {
    /// Its threshold in the arithmetic `A` (exact for the ledger, `f64` for the trials).
    pub fn threshold<A: Amount>(&self) -> Threshold<A> {
        Threshold {
            at_least: self.at_least.map(A::from_decimal),
            at_most: self.at_most.map(A::from_decimal),
        }
    }

    /// Whether `value` meets the threshold.
    pub fn met<A: Amount>(&self, value: A) -> bool {
        self.threshold().met(value)
    }
}

/// The bounds a trigger's value must meet, in the arithmetic `A`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Threshold<A> {
    pub at_least: Option<A>,
    pub at_most: Option<A>,
}

impl<A: Amount> Threshold<A> {
    /// Whether `value` meets both bounds.
    pub fn met(&self, value: A) -> bool {
        self.at_least.is_none_or(|lo| value >= lo) && self.at_most.is_none_or(|hi| value <= hi)
    }
}

/// One success target (betalingsmål) of a rate card.
#[derive(Clone, Debug)]
pub struct RateItem {
    /// The name shown to people: the file's `name` (the metric without one), or its Danish
    /// form in [`super::Model::in_danish`].
    pub name: String,
    /// The name as written, whatever the language shown: the key `--vary price[NAME]` and
    /// `cap[NAME]` name, and JSON's.
    pub key: String,
    /// The Danish name the file gives, or the metric's (`da:`).
    pub da: super::Danish,
    pub metric: Metric,
    /// Kroner per unit.
    pub price: Decimal,
    /// Years from the cohort (or the year use is avoided) to the payment.
    pub lag: usize,
    /// The most paid for this item over the term.
    pub cap: Option<Decimal>,
    pub trigger: Option<Trigger>,
    /// How the metric's units are measured ([`Measurement::True`]: as they are).
    pub measured: Measurement,
    pub source: Option<String>,
}

/// A cost line the investor pays a share of in some years.
#[derive(Clone, Debug)]
pub struct Prefinance {
    /// Index into `Model::costs`.
    pub cost: usize,
    pub share: Decimal,
    /// `years[t]`: the investor pays in year offset t.
    pub years: Vec<bool>,
}

/// A fixed amount the investor pays to a payer.
#[derive(Clone, Debug)]
pub struct Tranche {
    pub amount: Decimal,
    pub years: Vec<bool>,
    pub to: PayerId,
    pub allocation: Allocation,
}

/// A share of named payers' realised savings from the window's cohorts.
#[derive(Clone, Debug)]
pub struct GainShare {
    pub share: Decimal,
    pub payers: Vec<PayerId>,
    pub lag: usize,
}

/// A validated contract.
#[derive(Clone, Debug)]
pub struct Contract {
    /// `file:line` where the contract is written.
    pub origin: String,
    /// The name shown to people: as written, or its Danish form in
    /// [`super::Model::in_danish`].
    pub name: String,
    /// The name as written, whatever the language shown: the key `--contract` names.
    pub key: String,
    /// The Danish name the file gives (`da:`).
    pub da: super::Danish,
    pub investor: PayerId,
    pub prefinance: Vec<Prefinance>,
    pub tranches: Vec<Tranche>,
    /// `cohorts[c]`: the completers of year offset c count for the rate card and gain share.
    pub cohorts: Vec<bool>,
    pub rate_card: Vec<RateItem>,
    pub gain_share: Option<GainShare>,
    /// Payer -> share of each payment (exact, summing to 1).
    pub outcome_payers: Vec<(PayerId, Decimal)>,
    /// Contract cap: the most paid in all.
    pub cap: Option<Decimal>,
    /// Return cap (afkastloft): the highest average annual return.
    pub return_cap: Option<Decimal>,
    /// The investor's cost of capital (hurdle rate): its NPV of the flows is reported at it.
    pub hurdle_rate: Option<Decimal>,
    /// Floor (afkastgulv): share of the principal, and the payer that tops up.
    pub floor: Option<(Decimal, PayerId)>,
    /// First-loss guarantee: the guarantor and the most it pays.
    pub guarantee: Option<(PayerId, Decimal)>,
    /// The capital stack: the investor side divided into tranches with seniority
    /// ([`stack::waterfall`]); empty: the investor alone.
    pub stack: Vec<stack::StackTranche>,
    /// The stack's management fee; `None` without one (or without a stack).
    pub management_fee: Option<stack::ManagementFee>,
    /// Year offset of the last repayment (the end of the term).
    pub last_year: usize,
    pub source: Option<String>,
    pub note: Option<String>,
}

/// The terms [`settle`] applies, in the calculator's number type.
#[derive(Clone, Debug)]
pub struct Terms<A> {
    /// Per rate-card item: its cap.
    pub item_caps: Vec<Option<A>>,
    pub cap: Option<A>,
    pub return_cap: Option<A>,
    pub floor: Option<A>,
    pub guarantee: Option<A>,
    /// Year offset of the end of the term.
    pub last_year: usize,
}

impl Contract {
    /// The contract's terms in the calculator's number type.
    pub fn terms<A: Amount>(&self) -> Terms<A> {
        Terms {
            item_caps: self
                .rate_card
                .iter()
                .map(|r| r.cap.map(A::from_decimal))
                .collect(),
            cap: self.cap.map(A::from_decimal),
            return_cap: self.return_cap.map(A::from_decimal),
            floor: self.floor.map(|(f, _)| A::from_decimal(f)),
            guarantee: self.guarantee.map(|(_, g)| A::from_decimal(g)),
            last_year: self.last_year,
        }
    }
}

/// Which limits bound in a settlement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bound {
    /// Bit k: rate-card item k's cap cut a payment.
    pub items: u32,
    pub cap: bool,
    pub return_cap: bool,
}

/// What the settlement paid at the end of the term, besides `paid[t]`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EndOfTerm<A> {
    /// Floor top-up, paid by the floor payer in the last year.
    pub top_up: A,
    /// Guarantee draw, paid by the guarantor in the last year.
    pub guarantee: A,
}

/// Settle a contract: from the investment `inv[t]`, each rate-card item's amount due
/// `due[k * h + t]` (after lags and triggers) and the gain share due `gain[t]`, the payments
/// `paid[t]`, and the floor top-up and guarantee draw at the end of the term.
///
/// Each year, in this order: per-item caps (cumulative), the contract cap (cumulative
/// payments), then the return cap as an account `A[t] = A[t-1] (1 + rc) + inv[t]`,
/// `paid[t] = min(due, A[t])`, `A[t] -= paid[t]`. Nothing is paid after the last year, and
/// what a cap cuts is not carried forward. `None` only when a `Decimal` operation overflows.
#[inline]
pub fn settle<A: Amount>(
    terms: &Terms<A>,
    inv: &[A],
    due: &[A],
    gain: &[A],
    paid: &mut [A],
    item_cum: &mut [A],
) -> Option<(EndOfTerm<A>, Bound)> {
    let h = inv.len();
    let zero = A::zero();
    let mut bound = Bound::default();
    item_cum.fill(zero);
    let (mut account, mut total_paid, mut invested) = (zero, zero, zero);
    for t in 0..h {
        invested = invested.add(inv[t])?;
        if let Some(rc) = terms.return_cap {
            account = account.mul(A::one().add(rc)?)?.add(inv[t])?;
        }
        if t > terms.last_year {
            paid[t] = zero;
            continue;
        }
        let mut d = gain[t];
        for (k, cap) in terms.item_caps.iter().enumerate() {
            let mut x = due[k * h + t];
            if let Some(cap) = *cap {
                let room = cap.sub(item_cum[k])?;
                if x > room {
                    x = room;
                    bound.items |= 1 << k;
                }
            }
            item_cum[k] = item_cum[k].add(x)?;
            d = d.add(x)?;
        }
        if let Some(cap) = terms.cap {
            let room = cap.sub(total_paid)?;
            if d > room {
                d = room;
                bound.cap = true;
            }
        }
        if terms.return_cap.is_some() {
            if d > account {
                d = account;
                bound.return_cap = true;
            }
            account = account.sub(d)?;
        }
        paid[t] = d;
        total_paid = total_paid.add(d)?;
    }
    Some((end_of_term(terms, invested, total_paid)?, bound))
}

/// The return-cap account that [`settle`] keeps, after each year's payment, from the
/// investment and the payments it made: `A[t] = A[t-1] (1 + rc) + inv[t] - paid[t]`
/// (`A[-1] = 0`), for a statement to show. `None` only when a `Decimal` operation overflows.
pub fn return_cap_account<A: Amount>(rc: A, inv: &[A], paid: &[A]) -> Option<Vec<A>> {
    let step = A::one().add(rc)?;
    let mut account = A::zero();
    inv.iter()
        .zip(paid)
        .map(|(i, p)| {
            account = account.mul(step)?.add(*i)?.sub(*p)?;
            Some(account)
        })
        .collect()
}

/// The end of the term, from what was invested and paid: the floor tops the payments up to
/// `floor x invested`, then the guarantee covers what is still short, up to its amount. The
/// payments before do not depend on the floor or the guarantee.
#[inline]
pub fn end_of_term<A: Amount>(
    terms: &Terms<A>,
    invested: A,
    total_paid: A,
) -> Option<EndOfTerm<A>> {
    let zero = A::zero();
    let short = invested.sub(total_paid)?;
    let top_up = match terms.floor {
        Some(f) => max0(f.mul(invested)?.sub(total_paid)?),
        None => zero,
    };
    let guarantee = match terms.guarantee {
        Some(g) => {
            let left = max0(short.sub(top_up)?);
            if left < g { left } else { g }
        }
        None => zero,
    };
    Some(EndOfTerm { top_up, guarantee })
}

/// The NPV of yearly `flows` at `rate`, discounted to the first year with a flow (as [`irr`]
/// reads them, so that the NPV at the IRR is zero): `sum x[t] / (1 + rate)^(t - t0)`, each
/// year's factor the one before divided by `1 + rate`. Zero without a flow; `None` only when a
/// `Decimal` operation overflows.
pub fn npv_at<A: Amount>(flows: &[A], rate: A) -> Option<A> {
    let Some(t0) = flows.iter().position(|x| *x != A::zero()) else {
        return Some(A::zero());
    };
    let step = A::one().add(rate)?;
    let (mut sum, mut factor) = (A::zero(), A::one());
    for x in &flows[t0..] {
        sum = sum.add(x.mul(factor)?)?;
        factor = factor.div(step)?;
    }
    Some(sum)
}

/// `max(0, x)`.
#[inline]
pub fn max0<A: Amount>(x: A) -> A {
    if x > A::zero() { x } else { A::zero() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(return_cap: Option<f64>, guarantee: Option<f64>) -> Terms<f64> {
        Terms {
            item_caps: vec![None],
            cap: None,
            return_cap,
            floor: None,
            guarantee,
            last_year: 1,
        }
    }

    fn run(t: &Terms<f64>, due1: f64) -> (Vec<f64>, EndOfTerm<f64>, Bound) {
        let mut paid = vec![0.0; 2];
        let mut cum = vec![0.0; 1];
        let (end, b) = settle(
            t,
            &[1e6, 0.0],
            &[0.0, due1],
            &[0.0, 0.0],
            &mut paid,
            &mut cum,
        )
        .unwrap();
        (paid, end, b)
    }

    #[test]
    fn worked_checks_of_the_model() {
        // inv 1,000,000 in year 0, due 1,070,000 in year 1.
        let (paid, _, b) = run(&terms(None, None), 1.07e6);
        assert_eq!(paid, vec![0.0, 1.07e6]);
        assert!(!b.return_cap);
        // A return cap of 5% pays 1,050,000.
        let (paid, _, b) = run(&terms(Some(0.05), None), 1.07e6);
        assert_eq!(paid[1], 1.05e6);
        assert!(b.return_cap);
        // A guarantee of 300,000 with nothing due pays 300,000 at the end of the term.
        let (paid, end, _) = run(&terms(None, Some(3e5)), 0.0);
        assert_eq!(paid, vec![0.0, 0.0]);
        assert_eq!(end.guarantee, 3e5);
    }

    /// The root by plain bisection on the rate, for flows with one change of sign.
    fn irr_by_bisection(x: &[f64]) -> f64 {
        let npv = |r: f64| {
            x.iter()
                .enumerate()
                .map(|(t, c)| c / (1.0 + r).powi(t as i32))
                .sum::<f64>()
        };
        let (mut lo, mut hi) = (-0.999_999, 1e6);
        let s_lo = npv(lo).signum();
        for _ in 0..400 {
            let m = 0.5 * (lo + hi);
            if npv(m).signum() == s_lo {
                lo = m
            } else {
                hi = m
            }
        }
        0.5 * (lo + hi)
    }

    #[test]
    fn irr_agrees_with_bisection_on_generated_flows() {
        // splitmix64: uniform numbers in [0, 1), the same on every run.
        let mut state = 7u64;
        let mut u = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..2000 {
            // Investment in the first 1-4 years, returns over the following 1-15.
            let n_inv = 1 + (u() * 4.0) as usize;
            let n_ret = 1 + (u() * 15.0) as usize;
            let mut x: Vec<f64> = (0..n_inv).map(|_| -1e6 * (0.05 + u())).collect();
            let scale = 0.1 + 3.0 * u();
            x.extend((0..n_ret).map(|_| 1e6 * scale * u() * n_inv as f64 / n_ret as f64));
            if x[n_inv..].iter().all(|v| *v == 0.0) {
                continue;
            }
            let r = irr(&x).unwrap();
            let reference = irr_by_bisection(&x);
            assert!(
                (r - reference).abs() <= 1e-9 * (1.0 + reference.abs()),
                "{x:?}: {r} against {reference}"
            );
        }
    }

    #[test]
    fn the_npv_at_the_irr_is_zero() {
        let x = [0.0, -100.0, 39.0, 59.0, 55.0, 20.0];
        let r = irr(&x).unwrap();
        assert!(npv_at(&x, r).unwrap().abs() < 1e-9);
        // -1,000,000 now, 1,070,000 a year later, at 7% and at 5%.
        assert!(npv_at(&[-1e6, 1.07e6], 0.07).unwrap().abs() < 1e-6);
        assert!((npv_at(&[-1e6, 1.07e6], 0.05).unwrap() - 19_047.619_047_619).abs() < 1e-6);
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(
            npv_at(&[d("-1000000"), d("1070000")], d("0.07")),
            Some(Decimal::ZERO)
        );
    }

    #[test]
    fn irr_of_known_flows() {
        assert!((irr(&[-1e6, 1.07e6]).unwrap() - 0.07).abs() < 1e-12);
        assert!((irr(&[0.0, -1e6, 0.0, 1.1025e6]).unwrap() - 0.05).abs() < 1e-12);
        // Excel: =IRR({-100,39,59,55,20}) is 0.2809484211599611.
        assert!(
            (irr(&[-100.0, 39.0, 59.0, 55.0, 20.0]).unwrap() - 0.280_948_421_159_961).abs() < 1e-12
        );
        assert_eq!(irr(&[-1.0, -2.0]), None);
        // Several roots (MODEL.md): -5% and 22%; the one nearest 10% is 22%, and the flows are
        // flagged as having two.
        let (r, n) = irr_roots(&[-1e6, 2.17e6, -1.159e6]);
        assert!((r.unwrap() - 0.22).abs() < 1e-9, "{r:?}");
        assert_eq!(n, 2);
        // Two roots close together (30% and 50%), both between the guess's first steps.
        let (v1, v2) = (1.0 / 1.3, 1.0 / 1.5);
        let x = [-1e6 * v1 * v2, 1e6 * (v1 + v2), -1e6];
        let (r, n) = irr_roots(&x);
        assert!((r.unwrap() - 0.3).abs() < 1e-9, "{r:?}");
        assert_eq!(n, 2);
        // No root although the flows change sign twice: -1, +1, -1 (v^2 - v + 1 > 0).
        assert_eq!(irr_roots(&[-1.0, 1.0, -1.0]), (None, 0));
        // One change of sign: one root, unflagged.
        assert_eq!(irr_roots(&[-1e6, 1.07e6]).1, 1);
        assert_eq!(irr(&[]), None);
        assert_eq!(investor_irr(1e6, 0.0, &[-1e6, 0.0]), Some(-1.0));
        // A loss: 1,000,000 in, 300,000 back a year later is -70%.
        assert!((irr(&[-1e6, 3e5]).unwrap() + 0.7).abs() < 1e-12);
    }
}

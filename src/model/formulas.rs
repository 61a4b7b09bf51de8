//! The model's formulas (`docs/model.md`), written once for both calculators: the exact
//! ledger ([`crate::ledger`], `rust_decimal`, every operation checked) and the Monte Carlo
//! kernel ([`crate::kernel`], `f64`). Each formula is generic over [`Amount`]; for `f64` the
//! operations never fail and compile to the plain arithmetic, in the same order as written
//! here, so the kernel's results are the same bits as before this module existed.

use rust_decimal::Decimal;

/// Arithmetic the formulas need. For [`Decimal`] each operation is checked (`None`: the result
/// is beyond exact decimals, an input error the ledger reports); for `f64` it is never `None`.
pub trait Amount: Copy + PartialOrd {
    fn zero() -> Self;
    fn one() -> Self;
    fn from_count(n: usize) -> Self;
    /// An exact number in this type (for `f64`, the nearest).
    fn from_decimal(d: Decimal) -> Self;
    fn add(self, other: Self) -> Option<Self>;
    fn sub(self, other: Self) -> Option<Self>;
    fn mul(self, other: Self) -> Option<Self>;
    fn div(self, other: Self) -> Option<Self>;
    fn neg(self) -> Self;
    /// A part of a payment shared out, to the øre where the type is exact (half to even);
    /// `f64` keeps it as it is.
    fn to_ore(self) -> Self {
        self
    }
    /// The nearest `f64` (for the statistics and the IRR, which are `f64` in both calculators).
    fn to_f64(self) -> f64;
}

impl Amount for f64 {
    fn zero() -> f64 {
        0.0
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn one() -> f64 {
        1.0
    }
    fn from_count(n: usize) -> f64 {
        n as f64
    }
    fn from_decimal(d: Decimal) -> f64 {
        crate::decimal::to_f64(d)
    }
    #[inline]
    fn add(self, other: f64) -> Option<f64> {
        Some(self + other)
    }
    #[inline]
    fn sub(self, other: f64) -> Option<f64> {
        Some(self - other)
    }
    #[inline]
    fn mul(self, other: f64) -> Option<f64> {
        Some(self * other)
    }
    #[inline]
    fn div(self, other: f64) -> Option<f64> {
        Some(self / other)
    }
    #[inline]
    fn neg(self) -> f64 {
        -self
    }
}

impl Amount for Decimal {
    fn to_f64(self) -> f64 {
        crate::decimal::to_f64(self)
    }
    fn to_ore(self) -> Decimal {
        self.round_dp(2)
    }
    fn zero() -> Decimal {
        Decimal::ZERO
    }
    fn one() -> Decimal {
        Decimal::ONE
    }
    fn from_count(n: usize) -> Decimal {
        Decimal::from(n as u64)
    }
    fn from_decimal(d: Decimal) -> Decimal {
        d
    }
    fn add(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other)
    }
    fn sub(self, other: Decimal) -> Option<Decimal> {
        self.checked_sub(other)
    }
    fn mul(self, other: Decimal) -> Option<Decimal> {
        self.checked_mul(other)
    }
    fn div(self, other: Decimal) -> Option<Decimal> {
        self.checked_div(other)
    }
    fn neg(self) -> Decimal {
        -self
    }
}

/// `enrolled[m,t] = courses[m,t] x participants_per_course`.
#[inline]
pub fn enrolled<T: Amount>(courses: T, participants_per_course: T) -> Option<T> {
    courses.mul(participants_per_course)
}

/// `completers[m,t] = enrolled[m,t] x completion_rate`.
#[inline]
pub fn completers<T: Amount>(enrolled: T, completion_rate: T) -> Option<T> {
    enrolled.mul(completion_rate)
}

/// The municipality's first active year: the first with courses.
pub fn first_active<T: Amount>(courses: &[T]) -> Option<usize> {
    courses.iter().position(|c| *c > T::zero())
}

/// Volunteers trained in a year: `peers_per_course x courses`, times `volunteer_turnover` in
/// every year but the municipality's first active one (when the whole team is new).
#[inline]
pub fn volunteers_trained<T: Amount>(
    peers_per_course: T,
    courses: T,
    turnover: T,
    first_active_year: bool,
) -> Option<T> {
    let trained = peers_per_course.mul(courses)?;
    if first_active_year {
        Some(trained)
    } else {
        trained.mul(turnover)
    }
}

/// A net effect from a gross effect and a deadweight share: `gross x (1 - deadweight)`.
#[inline]
pub fn net_effect<T: Amount>(gross: T, deadweight: T) -> Option<T> {
    gross.mul(T::one().sub(deadweight)?)
}

/// What one completer-year of effect weight is worth: `baseline x (-effect) x unit_price` for
/// an avoided cost (less use saves), `baseline x effect x unit_price` for a revenue.
#[inline]
pub fn value_per_weight<T: Amount>(
    baseline: T,
    effect: T,
    unit_price: T,
    avoided_cost: bool,
) -> Option<T> {
    let signed = if avoided_cost { effect.neg() } else { effect };
    baseline.mul(signed)?.mul(unit_price)
}

/// The exponential profile: `initial x (1 - rate)^k` for `k < years`, 0 after, into `out[k]`.
pub fn exponential_profile<T: Amount>(
    initial: T,
    rate: T,
    years: usize,
    out: &mut [T],
) -> Option<()> {
    let keep = T::one().sub(rate)?;
    let mut share = initial;
    for (k, o) in out.iter_mut().enumerate() {
        *o = if k < years { share } else { T::zero() };
        share = share.mul(keep)?;
    }
    Some(())
}

/// The linear profile: `initial x (years - k) / years` for `k < years`, 0 after, into `out[k]`.
pub fn linear_profile<T: Amount>(initial: T, years: usize, out: &mut [T]) -> Option<()> {
    let n = T::from_count(years);
    for (k, o) in out.iter_mut().enumerate() {
        *o = if k < years {
            initial.mul(T::from_count(years - k))?.div(n)?
        } else {
            T::zero()
        };
    }
    Some(())
}

/// The effect weight `k` years after completion: `survival(k) x profile[k]`, with
/// `survival(k) = (1 - attrition)^k`, into `out[k]`.
pub fn effect_weights<T: Amount>(profile: &[T], attrition: T, out: &mut [T]) -> Option<()> {
    let keep = T::one().sub(attrition)?;
    let mut survival = T::one();
    for (o, p) in out.iter_mut().zip(profile) {
        *o = survival.mul(*p)?;
        survival = survival.mul(keep)?;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same formula gives the same number in both calculators.
    #[test]
    fn decimal_and_f64_agree() {
        let d = |x: f64| Decimal::try_from(x).unwrap();
        let v = volunteers_trained(2.0, 6.0, 0.45, false).unwrap();
        let e = volunteers_trained(d(2.0), d(6.0), d(0.45), false).unwrap();
        assert!((v - crate::decimal::to_f64(e)).abs() < 1e-12);
        assert_eq!(value_per_weight(2.0, -0.1, 5000.0, true), Some(1000.0));
        let mut p = [0.0; 4];
        exponential_profile(1.0, 0.5, 3, &mut p).unwrap();
        assert_eq!(p, [1.0, 0.5, 0.25, 0.0]);
        linear_profile(1.0, 4, &mut p).unwrap();
        assert_eq!(p, [1.0, 0.75, 0.5, 0.25]);
        let mut w = [0.0; 4];
        effect_weights(&[1.0, 1.0, 1.0, 1.0], 0.5, &mut w).unwrap();
        assert_eq!(w, [1.0, 0.5, 0.25, 0.125]);
        assert_eq!(first_active(&[0.0, 0.0, 3.0]), Some(2));
    }

    /// Exact arithmetic reports an overflow instead of panicking.
    #[test]
    fn decimal_overflow_is_none() {
        assert_eq!(enrolled(Decimal::MAX, Decimal::TWO), None);
    }
}

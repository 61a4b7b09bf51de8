//! How numbers are written in JSON: money to the øre, plain numbers, probabilities; and the
//! layout's version.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::decimal::{round_ore, to_f64};

/// Version of the JSON and CSV layouts. Bumped when a field is removed or changes meaning;
/// new fields may be added within a version.
pub const SCHEMA_VERSION: u32 = 1;

/// Money as a JSON number rounded to øre. Exact for any amount below 2^46 kroner (about 70.4
/// trillion): there the spacing of `f64` is below one øre, so the shortest decimal that
/// round-trips is the øre value itself. CSV writes the exact decimal at any size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Money(pub Decimal);

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(to_f64(round_ore(self.0)))
    }
}

/// A plain number (counts, factors) as JSON, with up to 12 decimals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub Decimal);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(to_f64(self.0.round_dp(12)))
    }
}

/// An `f64` amount of money, serialised rounded to øre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MoneyF(pub f64);

impl Serialize for MoneyF {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64((self.0 * 100.0).round() / 100.0)
    }
}

/// A probability, serialised with 6 decimals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prob(pub f64);

impl Serialize for Prob {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64((self.0 * 1e6).round() / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::Money;
    use rust_decimal::Decimal;

    /// Whether the JSON number written for `kroner` reads back as exactly that amount.
    fn exact(kroner: &str) -> bool {
        let d: Decimal = kroner.parse().unwrap();
        let text = serde_json::to_string(&Money(d)).unwrap();
        text.parse::<Decimal>().unwrap() == d
    }

    /// docs/output.md: JSON money is exact to the øre below 2^46 kroner, and only there.
    #[test]
    fn json_money_is_exact_to_the_ore_below_2_pow_46_kroner() {
        let below = 70_368_744_177_663u64; // 2^46 - 1
        for ore in 0..100 {
            assert!(exact(&format!("{below}.{ore:02}")), "{below}.{ore:02}");
            assert!(exact(&format!("-{below}.{ore:02}")));
        }
        assert!(exact("1234567.89"));
        // At 2^46 the spacing of f64 is 1/64 kr.: some øre values cannot be written.
        let at = 70_368_744_177_664u64;
        assert!((0..100).any(|ore| !exact(&format!("{at}.{ore:02}"))));
    }
}

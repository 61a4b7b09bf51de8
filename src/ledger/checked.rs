//! Exact arithmetic that reports overflow instead of panicking, and the input error an
//! overflow becomes.

use rust_decimal::Decimal;

use crate::lang::{Message, msg};

/// A sum or product too large for exact decimal arithmetic (beyond about 7.9 x 10^28), with the
/// part of the scenario where it arose. It is an input error: amounts that large are a mistake.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overflow {
    /// What was being computed, in the scenario's words, e.g. "cost line `coordinator`".
    pub what: String,
    /// `file:line` of that part of the scenario, where known.
    pub origin: Option<String>,
    /// What to check, e.g. "its quantity, unit cost and the activity it counts".
    pub check: Message,
}

impl From<Overflow> for crate::input::InputError {
    fn from(o: Overflow) -> Self {
        let (file, line) = match o.origin.as_deref().and_then(|x| x.rsplit_once(':')) {
            Some((file, line)) => (file.to_owned(), line.parse().unwrap_or(0)),
            None => (o.origin.clone().unwrap_or_default(), 0),
        };
        crate::input::InputError::single(crate::input::Diagnostic {
            file,
            line,
            col: 0,
            field: o.what,
            message: msg!(
                "the amounts are too large to compute exactly (a sum or product beyond 7.9 x 10^28 kr.); check {check}",
                "beløbene er for store til at blive regnet nøjagtigt (en sum eller et produkt over 7,9 x 10^28 kr.); tjek {check}",
                check = o.check,
            ),
            snippet: Message::verbatim(""),
        })
    }
}

impl std::fmt::Display for Overflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::input::InputError::from(self.clone()).fmt(f)
    }
}

/// Exact arithmetic that reports overflow instead of panicking.
#[derive(Clone, Copy, Debug)]
pub(super) struct TooLarge;

pub(super) fn add(a: Decimal, b: Decimal) -> Result<Decimal, TooLarge> {
    a.checked_add(b).ok_or(TooLarge)
}
pub(super) fn sub(a: Decimal, b: Decimal) -> Result<Decimal, TooLarge> {
    a.checked_sub(b).ok_or(TooLarge)
}
pub(super) fn mul(a: Decimal, b: Decimal) -> Result<Decimal, TooLarge> {
    a.checked_mul(b).ok_or(TooLarge)
}
pub(super) fn div(a: Decimal, b: Decimal) -> Result<Decimal, TooLarge> {
    a.checked_div(b).ok_or(TooLarge)
}
pub(super) fn sum(xs: impl IntoIterator<Item = Decimal>) -> Result<Decimal, TooLarge> {
    xs.into_iter().try_fold(Decimal::ZERO, add)
}

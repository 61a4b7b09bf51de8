//! The one audited place where numbers cross between text, exact decimals and `f64`.

use rust_decimal::Decimal;

use crate::lang::{Message, msg};

pub mod typed;

/// Parse a number exactly as written: `0.1` is exactly one tenth, `9e3` is 9000, `-5` is -5.
/// A number that cannot be held exactly in a 96-bit decimal (more than 28 significant digits,
/// or too large) is an error, never rounded.
///
/// ```
/// use somsim::decimal::parse_exact;
/// use rust_decimal::Decimal;
///
/// assert_eq!(parse_exact("0.1").unwrap(), Decimal::new(1, 1));
/// assert_eq!(parse_exact("4e5").unwrap(), Decimal::from(400_000));
/// assert!(parse_exact("0.10000000000000000000000000001").is_err());
/// ```
pub fn parse_exact(text: &str) -> Result<Decimal, Message> {
    let t = text.trim();
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => {
            let e: i64 = body[i + 1..]
                .parse()
                .map_err(|_| msg!("`{t}` is not a number", "`{t}` er ikke et tal"))?;
            (&body[..i], e)
        }
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty()
        || !int_part.bytes().all(|b| b.is_ascii_digit())
        || !frac_part.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(msg!(
            "`{t}` is not a plain decimal number (write digits with an optional `.` and exponent, e.g. 0.35 or 4e5)",
            "`{t}` er ikke et almindeligt decimaltal (skriv cifre med eventuelt `.` og en eksponent, fx 0.35 eller 4e5)"
        ));
    }
    let digits: String = format!("{int_part}{frac_part}")
        .trim_start_matches('0')
        .to_owned();
    // scale = digits after the point, less the exponent.
    let mut scale = frac_part.len() as i64 - exponent;
    let mut digits = if digits.is_empty() {
        "0".to_owned()
    } else {
        digits
    };
    // Trailing zeros carry no value: drop them to keep the scale small.
    while scale > 0 && digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    if scale < 0 {
        if digits != "0" {
            digits.push_str(&"0".repeat((-scale) as usize));
        }
        scale = 0;
    }
    let too_precise = || {
        msg!(
            "`{t}` cannot be held exactly (at most 28 significant digits and 28 decimals); write it with fewer digits",
            "`{t}` kan ikke gemmes nøjagtigt (højst 28 betydende cifre og 28 decimaler); skriv det med færre cifre"
        )
    };
    if digits.len() > 29 || scale > 28 {
        return Err(too_precise());
    }
    let m: i128 = digits.parse().map_err(|_| too_precise())?;
    let mut d = Decimal::try_from_i128_with_scale(if negative { -m } else { m }, scale as u32)
        .map_err(|_| too_precise())?;
    d.normalize_assign();
    Ok(d)
}

/// An `f64` result (a transcendental mean, say) as a decimal with 12 significant digits: the
/// value the base case uses and prints, so a spreadsheet can reproduce it. A tiny value keeps
/// its digits (7.7e-24 stays 7.7e-24, not 0): rounding it to zero would put results on a knife
/// edge (a zero flow "breaks even" where the true flow is slightly negative).
pub fn from_f64(x: f64) -> Option<Decimal> {
    use rust_decimal::prelude::FromPrimitive;
    if !x.is_finite() {
        return None;
    }
    Decimal::from_f64(x).map(|d| d.round_sf(12).unwrap_or(d).normalize())
}

/// A decimal as `f64`, for the Monte Carlo kernel and for JSON output.
pub fn to_f64(d: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().unwrap_or(f64::NAN)
}

/// Round to øre (2 decimals), half away from zero, as a spreadsheet's ROUND does.
pub fn round_ore(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_exactly() {
        assert_eq!(parse_exact("0.1").unwrap(), d("0.1"));
        assert_eq!(parse_exact("420000.10").unwrap(), d("420000.1"));
        assert_eq!(parse_exact("-0.05").unwrap(), d("-0.05"));
        assert_eq!(parse_exact("9e3").unwrap(), d("9000"));
        assert_eq!(parse_exact("1.5E-2").unwrap(), d("0.015"));
        assert_eq!(parse_exact("+7").unwrap(), d("7"));
        assert_eq!(parse_exact("0").unwrap(), Decimal::ZERO);
        assert_eq!(parse_exact(".5").unwrap(), d("0.5"));
        assert_eq!(
            parse_exact("0.1000000000000000000000000001").unwrap(),
            d("0.1000000000000000000000000001")
        );
    }

    #[test]
    fn rejects_what_cannot_be_held() {
        assert!(parse_exact("0.10000000000000000000000000001").is_err());
        assert!(parse_exact("1e40").is_err());
        assert!(parse_exact("0x1F").is_err());
        assert!(parse_exact(".inf").is_err());
        assert!(parse_exact("1_000").is_err());
        assert!(parse_exact("").is_err());
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_ore(d("0.125")), d("0.13"));
        assert_eq!(round_ore(d("-0.125")), d("-0.13"));
        assert_eq!(round_ore(d("2.675")), d("2.68"));
    }

    #[test]
    fn f64_to_decimal_keeps_twelve_digits() {
        assert_eq!(from_f64(1.0 / 3.0).unwrap(), d("0.333333333333"));
        assert_eq!(from_f64(7123.456789012345).unwrap(), d("7123.45678901"));
        assert!(from_f64(f64::NAN).is_none());
        // 12 significant digits, not 12 decimals: a tiny mean is not rounded to zero.
        assert_eq!(from_f64(7.7e-24).unwrap(), d("0.0000000000000000000000077"));
    }
}

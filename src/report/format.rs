//! Text for people: numbers with separators and fixed decimals (`report::locale` gives each
//! language's), and text made safe for a terminal.

use rust_decimal::Decimal;

/// Text safe to show on a terminal: control characters (an escape sequence in a scenario's
/// name, say) are shown escaped (`\u{1b}`), never sent raw; line breaks are kept.
pub fn printable(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return s.to_owned();
    }
    s.chars()
        .map(|c| match c {
            '\n' => "\n".to_owned(),
            c if c.is_control() => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// `d` rounded half away from zero to `decimals` decimals, with `group` between thousands and
/// `point` before the decimals; never a negative zero.
pub fn grouped(d: Decimal, decimals: u32, group: char, point: char) -> String {
    let r = d.round_dp_with_strategy(
        decimals,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    );
    let negative = r.is_sign_negative() && !r.is_zero();
    let s = format!("{:.*}", decimals as usize, r.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 + 4);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(ch);
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn groups_thousands() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(grouped(d("1234567.891"), 0, ',', '.'), "1,234,568");
        assert_eq!(grouped(d("1234567.891"), 2, ',', '.'), "1,234,567.89");
        assert_eq!(grouped(d("-1234.5"), 0, ',', '.'), "-1,235");
        assert_eq!(grouped(d("999"), 0, ',', '.'), "999");
        assert_eq!(grouped(d("-0.4"), 0, ',', '.'), "0");
        assert_eq!(grouped(d("100000"), 1, ',', '.'), "100,000.0");
    }
}

//! The language a person reads: Danish or English number, money and percent formats, and
//! reading them back. JSON and CSV never use these: they stay locale-free.
//!
//! | | Danish (`da`) | English (`en`) |
//! |---|---|---|
//! | number | `1.234.567,89` | `1,234,567.89` |
//! | kroner | `1.234.567 kr.` | `1,234,567 DKK` |
//! | millions | `6,9 mio. kr.` | `6.9 mio. DKK` |
//! | percent | `3,5 pct.` | `3.5%` |
//!
//! Every rounding is half away from zero, as a spreadsheet's ROUND, and never shows `-0`.

use rust_decimal::Decimal;

use super::format::grouped;

pub use crate::lang::Lang;

/// One million.
const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

impl Lang {
    /// The thousands separator and the decimal point.
    fn separators(self) -> (char, char) {
        match self {
            Lang::Da => ('.', ','),
            Lang::En => (',', '.'),
        }
    }

    /// `d` with `decimals` decimals and thousands separators.
    pub fn number(self, d: Decimal, decimals: u32) -> String {
        let (group, point) = self.separators();
        grouped(d, decimals, group, point)
    }

    /// Whole kroner: `1.234.567 kr.` / `1,234,567 DKK`.
    pub fn kroner(self, d: Decimal) -> String {
        let n = self.number(d, 0);
        match self {
            Lang::Da => format!("{n} kr."),
            Lang::En => format!("{n} DKK"),
        }
    }

    /// Millions of kroner with `decimals` decimals: `6,9 mio. kr.` / `6.9 mio. DKK`.
    pub fn millions(self, d: Decimal, decimals: u32) -> String {
        // |d| / 10^6 is always representable: dividing makes a decimal smaller.
        let n = self.number(d / MILLION, decimals);
        match self {
            Lang::Da => format!("{n} mio. kr."),
            Lang::En => format!("{n} mio. DKK"),
        }
    }

    /// A share (0.035) as a percentage with `decimals` decimals: `3,5 pct.` / `3.5%`.
    pub fn percent(self, share: Decimal, decimals: u32) -> String {
        let Some(x) = share.checked_mul(Decimal::ONE_HUNDRED) else {
            return "n/a".into();
        };
        let n = self.number(x, decimals);
        match self {
            Lang::Da => format!("{n} pct."),
            Lang::En => format!("{n}%"),
        }
    }

    /// A rate as written (0.035 -> `3.5%` / `3,5 pct.`, 0.04 -> `4%`): with the decimals it
    /// has, no more.
    pub fn rate(self, share: Decimal) -> String {
        match share.checked_mul(Decimal::ONE_HUNDRED) {
            Some(x) => self.percent(share, x.normalize().scale()),
            None => "n/a".into(),
        }
    }

    /// A value as written on the command line (`--set`, `--sweep`), for a table: in Danish a
    /// number in Danish format with its decimals (`0.65` -> `0,65`); in English, and any text
    /// that is no number, as written.
    pub fn as_set(self, text: &str) -> String {
        match (self, text.parse::<Decimal>()) {
            (Lang::Da, Ok(d)) => self.number(d, d.scale()),
            _ => text.to_owned(),
        }
    }

    /// An assumption's value as written (`pert(0.65, 0.77, 0.85)`,
    /// `normal(mean 0, sd 0.1, truncated to [-1, inf])`), for a person: in Danish with Danish
    /// numbers, `;` between a distribution's parameters and its words in Danish
    /// (`pert(0,65; 0,77; 0,85)`, `normal(middel 0; sd 0,1; afskåret til [-1; ∞])`); in English
    /// as written.
    pub fn value(self, text: &str) -> String {
        if self == Lang::En {
            return text.to_owned();
        }
        let words = [
            ("truncated to", "afskåret til"),
            ("mean", "middel"),
            ("median", "median"),
            ("inf", "∞"),
            ("uniform", "ligefordeling"),
            ("triangular", "trekantsfordeling"),
            ("per municipality", "pr. kommune"),
        ];
        let mut out = String::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let number_len = rest
                .char_indices()
                .take_while(|&(i, c)| {
                    c.is_ascii_digit() || (c == '.' && i > 0) || (c == '-' && i == 0)
                })
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            let number = rest[..number_len].trim_end_matches('.');
            if let Ok(d) = number.parse::<Decimal>()
                && number.bytes().any(|b| b.is_ascii_digit())
            {
                out.push_str(&self.number(d, d.scale()));
                rest = &rest[number.len()..];
                continue;
            }
            if let Some((en, da)) = words.iter().find(|(en, _)| {
                rest.starts_with(en)
                    && !rest[en.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
            }) {
                out.push_str(da);
                rest = &rest[en.len()..];
                continue;
            }
            if c == ',' {
                out.push(';');
            } else if c.is_alphanumeric() || c == '_' {
                // A word not listed (a name): copied whole.
                let end = rest
                    .char_indices()
                    .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
                    .map_or(rest.len(), |(i, _)| i);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            } else {
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    /// Read back a number this language wrote: a plain number, kroner, millions or percent
    /// (percent as a share: `3,5 pct.` -> 0.035). `None` if it is none of them.
    pub fn parse(self, s: &str) -> Option<Decimal> {
        let (group, point) = self.separators();
        let s = s.trim();
        let (s, scale) = if let Some(x) = s
            .strip_suffix(" mio. kr.")
            .or_else(|| s.strip_suffix(" mio. DKK"))
        {
            (x, MILLION)
        } else if let Some(x) = s.strip_suffix(" pct.").or_else(|| s.strip_suffix('%')) {
            (x, Decimal::new(1, 2))
        } else {
            let x = (s.strip_suffix(" kr.").or_else(|| s.strip_suffix(" DKK"))).unwrap_or(s);
            (x, Decimal::ONE)
        };
        let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
        let (sign, s) = s.strip_prefix('-').map_or(("", s), |x| ("-", x));
        let (int, frac) = s.split_once(point).unwrap_or((s, ""));
        let mut groups = int.split(group);
        let first = groups.next().unwrap_or("");
        // Thousands groups of three digits after a first group of one to three.
        let grouped = (first.len() <= 3 || !int.contains(group))
            && digits(first)
            && groups.all(|g| g.len() == 3 && digits(g));
        if !grouped || !(frac.is_empty() || digits(frac)) || s.ends_with(point) {
            return None;
        }
        let plain = format!("{sign}{}.{}", int.replace(group, ""), frac);
        let plain = plain.trim_end_matches('.');
        plain.parse::<Decimal>().ok()?.checked_mul(scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn values_as_written_in_danish() {
        let da = Lang::Da;
        assert_eq!(da.value("pert(0.65, 0.77, 0.85)"), "pert(0,65; 0,77; 0,85)");
        assert_eq!(
            da.value("pert(380000, 400000, 460000)"),
            "pert(380.000; 400.000; 460.000)"
        );
        assert_eq!(
            da.value("normal(mean 0, sd 0.1, truncated to [-1, inf])"),
            "normal(middel 0; sd 0,1; afskåret til [-1; ∞])"
        );
        assert_eq!(da.value("uniform(0, 0.6)"), "ligefordeling(0; 0,6)");
        assert_eq!(da.value("2"), "2");
        assert_eq!(da.value("x_mean2"), "x_mean2");
        assert_eq!(Lang::En.value("uniform(0, 0.6)"), "uniform(0, 0.6)");
    }

    #[test]
    fn danish_numbers() {
        let da = Lang::Da;
        assert_eq!(da.number(d("1234567.891"), 2), "1.234.567,89");
        assert_eq!(da.number(d("1234567.891"), 0), "1.234.568");
        assert_eq!(da.number(d("999"), 0), "999");
        assert_eq!(da.number(d("1000"), 0), "1.000");
        assert_eq!(da.number(d("0.5"), 1), "0,5");
        assert_eq!(da.kroner(d("1234567")), "1.234.567 kr.");
        assert_eq!(da.kroner(d("-1234567.5")), "-1.234.568 kr.");
        assert_eq!(da.kroner(d("0")), "0 kr.");
    }

    #[test]
    fn english_numbers() {
        let en = Lang::En;
        assert_eq!(en.number(d("1234567.891"), 2), "1,234,567.89");
        assert_eq!(en.kroner(d("-1234567")), "-1,234,567 DKK");
        assert_eq!(en.millions(d("6900000"), 1), "6.9 mio. DKK");
        assert_eq!(en.percent(d("0.035"), 1), "3.5%");
    }

    #[test]
    fn millions_and_percent() {
        let da = Lang::Da;
        assert_eq!(da.millions(d("6900000"), 1), "6,9 mio. kr.");
        assert_eq!(da.millions(d("-6857668"), 1), "-6,9 mio. kr.");
        assert_eq!(da.millions(d("1234567890"), 1), "1.234,6 mio. kr.");
        assert_eq!(da.percent(d("0.035"), 1), "3,5 pct.");
        assert_eq!(da.percent(d("1"), 0), "100 pct.");
        assert_eq!(da.percent(d("-0.125"), 1), "-12,5 pct.");
    }

    #[test]
    fn rounding_at_the_edges() {
        let da = Lang::Da;
        // Half away from zero, both signs.
        assert_eq!(da.kroner(d("0.5")), "1 kr.");
        assert_eq!(da.kroner(d("-0.5")), "-1 kr.");
        assert_eq!(da.kroner(d("2.4999")), "2 kr.");
        // Rounding that carries into a new group of thousands.
        assert_eq!(da.kroner(d("999999.5")), "1.000.000 kr.");
        assert_eq!(da.number(d("999.995"), 2), "1.000,00");
        assert_eq!(da.millions(d("9960000"), 1), "10,0 mio. kr.");
        assert_eq!(da.millions(d("9949999"), 1), "9,9 mio. kr.");
        // Never a negative zero.
        assert_eq!(da.kroner(d("-0.4")), "0 kr.");
        assert_eq!(da.millions(d("-40000"), 1), "0,0 mio. kr.");
        assert_eq!(da.percent(d("-0.0004"), 1), "0,0 pct.");
        // The largest amounts exact arithmetic holds.
        assert_eq!(
            da.kroner(Decimal::MAX),
            "79.228.162.514.264.337.593.543.950.335 kr."
        );
        assert_eq!(
            da.kroner(Decimal::MIN),
            "-79.228.162.514.264.337.593.543.950.335 kr."
        );
    }

    #[test]
    fn what_is_written_reads_back() {
        for lang in [Lang::Da, Lang::En] {
            for x in [
                "1234567.89",
                "-1234567.89",
                "0",
                "0.5",
                "-999.99",
                "1000000",
            ] {
                let x = d(x);
                assert_eq!(lang.parse(&lang.number(x, 2)), Some(x), "{lang:?} {x}");
                assert_eq!(
                    lang.parse(&lang.kroner(x)),
                    Some(x.round_dp_with_strategy(
                        0,
                        rust_decimal::RoundingStrategy::MidpointAwayFromZero
                    )),
                );
            }
            assert_eq!(
                lang.parse(&lang.millions(d("6900000"), 1)),
                Some(d("6900000"))
            );
            assert_eq!(lang.parse(&lang.percent(d("0.035"), 1)), Some(d("0.035")));
        }
        // The other language's number is not misread as this one's.
        assert_eq!(Lang::Da.parse("1,234.5"), None);
        assert_eq!(Lang::Da.parse("kr."), None);
        assert_eq!(Lang::En.parse("12a"), None);
    }
}

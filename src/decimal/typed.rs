//! Numbers as people type them: one reading for every place somsim reads a number (a scenario,
//! an assumption file, `--set`, `--sweep`, `--vary`, `--lambda`, the probability and trial
//! options, a roll-out table), so that a habit is caught the same way wherever it is typed.
//!
//! Reading is two steps, because where a number is written is not always where its meaning is
//! known (an assumption is read before anything uses it):
//!
//! 1. [`parse`] reads the text: an exact decimal, or a percentage (`-10%`). Thousands separators
//!    and decimal commas (`1.234,50`, `400,000`, `1 200`, `0,5`) are refused at once with the
//!    number to write instead: whatever the number means, they are never read.
//! 2. [`Reading::as_meaning`] checks the reading against what the number means ([`Meaning`]):
//!    where kroner, a count or a whole number is expected, `465.000` is a Danish thousands
//!    separator and is refused with both readings; kroner have at most two decimals (øre); a
//!    percentage is read only where a share, a rate or a relative change is expected. Where a
//!    share is expected, `1.000` is just 1 (a share of a thousand cannot be meant).
//!
//! [`read`] does both for text whose meaning is known.

use rust_decimal::Decimal;

use super::parse_exact;
use crate::lang::{Grouped, Message, msg};

/// What a typed number means: decides which habits are ambiguous.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    /// An amount in kroner: `465.000` is 465,000 to a Dane; at most two decimals (øre).
    Kroner,
    /// A count (courses, participants, residents): `20.000` is twenty thousand to a Dane.
    Count,
    /// A whole number (a year, a horizon, trials, threads, a seed).
    Whole,
    /// A share or probability from 0 to 1; `75%` is 0.75.
    Share,
    /// A relative change or a rate (an effect, a discount rate, a return cap); `-10%` is -0.1.
    Relative,
    /// A plain number (a factor, a distribution's shape, a correlation, an index value).
    Plain,
}

impl Meaning {
    /// Whether a percentage is read for this meaning.
    pub fn takes_percent(self) -> bool {
        matches!(self, Meaning::Share | Meaning::Relative)
    }

    /// Whether `465.000` is ambiguous for this meaning (a thousands separator, or a decimal).
    fn thousands_ambiguous(self) -> bool {
        matches!(self, Meaning::Kroner | Meaning::Count | Meaning::Whole)
    }

    /// What a value of this meaning looks like, for messages (the examples as they are typed).
    pub fn expected(self) -> Message {
        match self {
            Meaning::Kroner => Message::new(
                "an amount in kroner, e.g. 465000 or 1234.50",
                "et beløb i kroner, fx 465000 eller 1234.50",
            ),
            Meaning::Count => {
                Message::new("a count, e.g. 8 or 20000", "et antal, fx 8 eller 20000")
            }
            Meaning::Whole => Message::new("a whole number, e.g. 10000", "et helt tal, fx 10000"),
            Meaning::Share => Message::new(
                "a share from 0 to 1, e.g. 0.2 or 20%",
                "en andel fra 0 til 1, fx 0.2 eller 20%",
            ),
            Meaning::Relative => Message::new(
                "a relative change or rate, e.g. -0.1 or -10%",
                "en relativ ændring eller en sats, fx -0.1 eller -10%",
            ),
            Meaning::Plain => Message::new("a number, e.g. 1.28", "et tal, fx 1.28"),
        }
    }
}

/// How a number was written, where that matters to its meaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Form {
    /// Digits, an optional `.` and decimals, an optional exponent.
    Plain,
    /// A percentage: the value is the number before `%` divided by 100.
    Percent,
    /// A whole number of one to three digits, `.` and three zeros (`465.000`): 465 to a
    /// program, 465,000 to a Dane. `whole` is the Danish reading's digits (`465000`).
    Thousands { whole: String },
    /// Exactly three decimals (`612.500`): fine for a share, not for kroner.
    ThreeDecimals,
}

/// A typed number, read but not yet checked against its meaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// The text as typed (trimmed).
    pub text: String,
    /// The exact value (a percentage already divided by 100).
    pub value: Decimal,
    pub form: Form,
}

/// Read `text` as an exact number or a percentage, refusing thousands separators and decimal
/// commas with the number to write instead.
///
/// ```
/// use somsim::decimal::typed::{parse, Meaning};
///
/// assert_eq!(parse("-10%").unwrap().as_meaning(Meaning::Relative).unwrap().to_string(), "-0.1");
/// assert!(parse("1.234,50").unwrap_err().en().contains("1234.50"));
/// assert!(parse("20.000").unwrap().as_meaning(Meaning::Kroner).is_err());
/// assert_eq!(parse("1.000").unwrap().as_meaning(Meaning::Share).unwrap().to_string(), "1");
/// ```
pub fn parse(text: &str) -> Result<Reading, Message> {
    let t = text.trim();
    if let Some(msg) = separators(t) {
        return Err(msg);
    }
    if let Some(body) = t.strip_suffix('%') {
        let body = body.trim_end();
        let value = parse_exact(body).map_err(|_| {
            msg!(
                "`{t}` is not a percentage; expected e.g. `-10%` or `75%`",
                "`{t}` er ikke en procentsats; forventede fx `-10%` eller `75%`"
            )
        })?;
        return Ok(Reading {
            text: t.to_owned(),
            value: (value / Decimal::ONE_HUNDRED).normalize(),
            form: Form::Percent,
        });
    }
    let value = parse_exact(t)?;
    let form = if let Some(whole) = danish_thousands(t) {
        Form::Thousands { whole }
    } else if !t.contains(['e', 'E']) && t.split_once('.').is_some_and(|(_, d)| d.len() == 3) {
        Form::ThreeDecimals
    } else {
        Form::Plain
    };
    Ok(Reading {
        text: t.to_owned(),
        value,
        form,
    })
}

impl Reading {
    /// The value, if the way it was written is unambiguous for `meaning`; otherwise the message
    /// that says how to write it.
    pub fn as_meaning(&self, meaning: Meaning) -> Result<Decimal, Message> {
        let t = &self.text;
        match &self.form {
            Form::Percent if !meaning.takes_percent() => Err(msg!(
                "`{t}` is a percentage; expected {expected} (a percentage is read only where a share, a rate or a relative change is expected)",
                "`{t}` er en procentsats; forventede {expected} (procent læses kun, hvor der forventes en andel, en sats eller en relativ ændring)",
                expected = meaning.expected(),
            )),
            Form::Thousands { whole } if meaning.thousands_ambiguous() => {
                let (grouped, int) = (thousands(whole), t.split('.').next().unwrap_or(t));
                Err(msg!(
                    "found {t}: `.` followed by three zeros looks like a Danish thousands separator; write {whole} for {grouped} (or {int} if you meant that)",
                    "fandt {t}: `.` efterfulgt af tre nuller ligner en dansk tusindtalsseparator, men her er `.` et decimaltegn; skriv {whole} uden separator (eller {int}, hvis du mener {int})"
                ))
            }
            Form::Thousands { .. } | Form::ThreeDecimals if meaning == Meaning::Kroner => {
                let plain = t.replace('.', "");
                Err(msg!(
                    "found {t}: kroner have at most two decimals (øre); if `.` is a thousands separator here, write {plain}",
                    "fandt {t}: kroner har højst to decimaler (øre); er `.` her en tusindtalsseparator, så skriv {plain}"
                ))
            }
            _ if meaning == Meaning::Whole && !self.value.fract().is_zero() => Err(msg!(
                "found {t}; expected a whole number",
                "fandt {t}; forventede et helt tal"
            )),
            _ => Ok(self.value),
        }
    }
}

/// [`parse`] and [`Reading::as_meaning`]: `text` read as a number meaning `meaning`.
pub fn read(text: &str, meaning: Meaning) -> Result<Decimal, Message> {
    parse(text)?.as_meaning(meaning)
}

/// A whole number typed on the command line (trials, threads, a seed, a shard), at most `most`.
pub fn read_whole(text: &str, most: u64) -> Result<u64, Message> {
    let d = read(text, Meaning::Whole)?;
    let t = text.trim();
    if d.is_sign_negative() && !d.is_zero() {
        return Err(msg!(
            "found {t}; expected 0 or more",
            "fandt {t}; forventede 0 eller mere"
        ));
    }
    u64::try_from(d).ok().filter(|n| *n <= most).ok_or_else(|| {
        msg!(
            "found {t}; expected at most {most}",
            "fandt {t}; forventede højst {most}",
            most = Grouped(most),
        )
    })
}

/// `465.000` (one to three digits, `.` and exactly three zeros) read the Danish way: the digits
/// of the whole number it would mean (`465000`), or `None`.
fn danish_thousands(text: &str) -> Option<String> {
    let t = text.trim();
    let (sign, body) = match t.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", t.trim_start_matches('+')),
    };
    let (int, frac) = body.split_once('.')?;
    (!int.is_empty()
        && int.len() <= 3
        && !int.starts_with('0')
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac == "000")
        .then(|| format!("{sign}{int}000"))
}

/// Text that is a number written with thousands separators or a decimal comma (`1.234,50`,
/// `400,000`, `1 200`, `0,5`, `3,5%`, `400.000 kr.`): the message saying how to write it.
pub fn separators(s: &str) -> Option<Message> {
    let whole = s.trim();
    let (t, unit, kroner) = if let Some(b) = whole.strip_suffix('%') {
        (b.trim_end(), "%", false)
    } else if let Some(b) = whole
        .strip_suffix("kr.")
        .or_else(|| whole.strip_suffix("kr"))
    {
        (b.trim_end(), "", true)
    } else {
        (whole, "", false)
    };
    let body = t.trim_start_matches(['+', '-']);
    let only_number_chars = body
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b' '));
    if !only_number_chars || !body.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // One `.` alone is a decimal point (the thousands habit is [`Form::Thousands`]).
    if !kroner && !body.contains([',', ' ']) && body.matches('.').count() <= 1 {
        return None;
    }
    // Danish: `.` groups thousands and `,` is the decimal comma; English: the other way round.
    // Whichever comes last (or appears once among repeats of the other) is the decimal mark.
    let last_group = body.rsplit(',').next().map_or(0, str::len);
    let (commas, dots) = (body.matches(',').count(), body.matches('.').count());
    let danish = match (commas, dots) {
        (0, _) => true,
        (_, 0) => commas == 1 && last_group != 3,
        _ => body.rfind(',') > body.rfind('.'),
    };
    let plain = if danish {
        body.replace(['.', ' '], "").replace(',', ".")
    } else {
        body.replace([',', ' '], "")
    };
    let sign = if t.starts_with('-') { "-" } else { "" };
    // `400,000` is 400000 in English and 400 with a Danish decimal comma: say both.
    let other = (body.matches(',').count() == 1 && !body.contains(['.', ' ']) && last_group == 3)
        .then(|| parse_exact(&body.replace(',', ".")).ok())
        .flatten()
        .map(|d| {
            let d = d.normalize();
            msg!(
                " (or {sign}{d}{unit} if `,` is a decimal comma)",
                " (eller {sign}{d}{unit}, hvis `,` er et decimalkomma)"
            )
        })
        .unwrap_or(Message::verbatim(""));
    Some(msg!(
        "`{whole}` is a number written with thousands separators or a decimal comma; write it without separators and with `.` for decimals, e.g. {sign}{plain}{unit}{other}",
        "`{whole}` er et tal skrevet med tusindtalsseparator eller decimalkomma; skriv det uden separator og med `.` som decimaltegn, fx {sign}{plain}{unit}{other}",
        other = other,
    ))
}

/// A list `V1,V2,...` typed without a space after its commas that reads as one number to a
/// person: `400,000` or `1,234,567` (English thousands: as a list, 400 and 000), or `0,5` and
/// `-0,25` (a Danish decimal comma: as a list, 0 and 5). The message says both readings and how
/// to write each; `None` for a list that is one.
pub fn ambiguous_list(spec: &str) -> Option<Message> {
    let t = spec.trim();
    if t.contains(char::is_whitespace) || !t.contains(',') {
        return None;
    }
    // `1.234,50`: one Danish number with a decimal comma, not the list 1.234 and 50.
    if t.contains('.') && t.matches(',').count() == 1 {
        let (whole, decimals) = t.split_once(',')?;
        let grouped = whole.trim_start_matches('-').split('.').collect::<Vec<_>>();
        if grouped.len() > 1
            && grouped[1..].iter().all(|g| g.len() == 3)
            && decimals.bytes().all(|b| b.is_ascii_digit())
        {
            return separators(t);
        }
    }
    let items: Vec<&str> = t.split(',').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let first = items[0].strip_prefix('-').unwrap_or(items[0]);
    let rest = &items[1..];
    // `400,000`: one to three digits (not a leading 0), then groups of three.
    let thousands = digits(first)
        && first.len() <= 3
        && !first.starts_with('0')
        && rest.iter().all(|i| i.len() == 3 && digits(i));
    // `0,5`, `0,25`, `0,125`: a decimal below one (`0,750000` is the list 0 and 750000).
    let decimal = first == "0" && rest.len() == 1 && rest[0].len() <= 3 && digits(rest[0]);
    if !(thousands || decimal) {
        return None;
    }
    let one = if thousands {
        t.replace(',', "")
    } else {
        t.replace(',', ".")
    };
    let (n, list) = (items.len(), items.join(", "));
    let (and_en, and_da) = (items.join(" and "), items.join(" og "));
    Some(msg!(
        "`{t}` is read as a list of {n} values ({and_en}), but looks like the single number {one}; write {one} for that number, or put a space after each comma for the list ({list})",
        "`{t}` læses som en liste med {n} værdier ({and_da}), men ligner det ene tal {one}; skriv {one} for tallet, eller sæt et mellemrum efter hvert komma for listen ({list})"
    ))
}

/// `1234567` as `1,234,567`, for English messages (both languages: [`Grouped`]).
pub fn thousands(digits: &str) -> String {
    let (sign, d) = digits.strip_prefix('-').map_or(("", digits), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn plain_numbers_and_percentages() {
        assert_eq!(read("0.35", Meaning::Share).unwrap(), d("0.35"));
        assert_eq!(read("4e5", Meaning::Kroner).unwrap(), d("400000"));
        assert_eq!(read("-10%", Meaning::Relative).unwrap(), d("-0.1"));
        assert_eq!(read("3.5 %", Meaning::Share).unwrap(), d("0.035"));
        assert_eq!(read("612.5", Meaning::Kroner).unwrap(), d("612.5"));
        assert_eq!(read("1234.50", Meaning::Kroner).unwrap(), d("1234.5"));
        assert_eq!(read("0.125", Meaning::Share).unwrap(), d("0.125"));
        assert_eq!(read("1.000", Meaning::Share).unwrap(), d("1"));
        assert_eq!(read("2025", Meaning::Whole).unwrap(), d("2025"));
    }

    #[test]
    fn separators_are_refused_whatever_the_meaning() {
        for (text, plain) in [
            ("1.234,50", "1234.50"),
            ("400,000", "400000"),
            ("1 200", "1200"),
            ("0,5", "0.5"),
            ("-0,05", "-0.05"),
            ("3,5%", "3.5%"),
            ("1.234.567", "1234567"),
            ("400.000 kr.", "400000"),
            ("400000 kr", "400000"),
        ] {
            for m in [Meaning::Kroner, Meaning::Share, Meaning::Plain] {
                let e = read(text, m).unwrap_err().en().to_owned();
                assert!(e.contains(&format!("e.g. {plain}")), "{text}: {e}");
            }
        }
    }

    #[test]
    fn danish_thousands_by_meaning() {
        for m in [Meaning::Kroner, Meaning::Count, Meaning::Whole] {
            let e = read("465.000", m).unwrap_err().en().to_owned();
            assert!(e.contains("write 465000 for 465,000"), "{e}");
            let da = read("465.000", m).unwrap_err().da().to_owned();
            assert!(da.contains("skriv 465000 uden separator"), "{da}");
            assert!(
                read("-20.000", m)
                    .unwrap_err()
                    .en()
                    .contains("write -20000")
            );
        }
        assert_eq!(read("465.000", Meaning::Plain).unwrap(), d("465"));
        assert!(
            read("612.500", Meaning::Kroner)
                .unwrap_err()
                .en()
                .contains("øre")
        );
        assert!(
            read("0.500", Meaning::Kroner)
                .unwrap_err()
                .en()
                .contains("øre")
        );
        assert_eq!(read("8.500", Meaning::Count).unwrap(), d("8.5"));
    }

    #[test]
    fn percentages_only_where_meant() {
        let e = read("5%", Meaning::Kroner).unwrap_err().en().to_owned();
        assert!(e.contains("is a percentage"), "{e}");
        assert!(read("5%", Meaning::Whole).is_err());
        assert!(read("5%", Meaning::Plain).is_err());
        assert!(
            read("x%", Meaning::Share)
                .unwrap_err()
                .en()
                .contains("not a percentage")
        );
    }

    #[test]
    fn lists_that_look_like_one_number() {
        for (spec, one) in [
            ("400,000", "400000"),
            ("1,234,567", "1234567"),
            ("0,5", "0.5"),
            ("-0,25", "-0.25"),
            ("1.234,50", "1234.50"),
        ] {
            let e = ambiguous_list(spec)
                .unwrap_or_else(|| panic!("{spec}"))
                .en()
                .to_owned();
            assert!(
                e.contains(&format!("write {one}")) || e.contains(&format!("e.g. {one}")),
                "{e}"
            );
        }
        for spec in [
            "400, 000",
            "1,2",
            "10,20",
            "0.6,0.8",
            "1000,2000",
            "0,5,7",
            "0,750000",
            "{uniform: [1, 2]},5",
        ] {
            assert!(ambiguous_list(spec).is_none(), "{spec}");
        }
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(read_whole("10000", 50_000_000).unwrap(), 10_000);
        assert!(
            read_whole("10.000", 50_000_000)
                .unwrap_err()
                .en()
                .contains("write 10000")
        );
        assert!(
            read_whole("10,000", 50_000_000)
                .unwrap_err()
                .en()
                .contains("e.g. 10000")
        );
        assert!(
            read_whole("2.5", 50_000_000)
                .unwrap_err()
                .en()
                .contains("whole number")
        );
        assert!(
            read_whole("-1", 50_000_000)
                .unwrap_err()
                .en()
                .contains("0 or more")
        );
        assert!(
            read_whole("1e9", 50_000_000)
                .unwrap_err()
                .en()
                .contains("at most 50,000,000")
        );
        assert!(
            read_whole("1e9", 50_000_000)
                .unwrap_err()
                .da()
                .contains("forventede højst 50.000.000")
        );
        assert_eq!(read_whole("1e4", 50_000_000).unwrap(), 10_000);
        assert!(read_whole("18446744073709551616", u64::MAX).is_err());
    }
}

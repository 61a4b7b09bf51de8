//! The languages a person reads somsim in, and texts given in each of them.
//!
//! A leaf, below every other module: the reports' vocabulary (`report::words`), their number formats
//! (`report::locale`) and the input errors of every layer use it, so that a message a person
//! reads has a Danish and an English form wherever it is made.

/// Danish or English.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Danish: the words and number formats a Danish finance officer uses (`dk` is taken too).
    #[value(alias = "dk")]
    Da,
}

impl Lang {
    /// The language named by `SOMSIM_LANG` (`da`, `dk` or `en`), English otherwise: for what
    /// is written before the command line's `--lang` is known.
    pub fn from_env() -> Lang {
        match std::env::var("SOMSIM_LANG").as_deref().map(str::trim) {
            Ok("da" | "dk") => Lang::Da,
            _ => Lang::En,
        }
    }
}

/// A text a person reads, in English and in Danish. It can only be made with both texts
/// ([`Message::new`], [`Message::by`] or `msg!`), so a message without its Danish form does not
/// compile. It has no `Display` on purpose: a message put into another text must say which
/// language it is put in (see [`InLang`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    en: String,
    da: String,
}

impl Message {
    /// The message in English and in Danish.
    pub fn new(en: impl Into<String>, da: impl Into<String>) -> Message {
        Message {
            en: en.into(),
            da: da.into(),
        }
    }

    /// Text that is in no language, the same in both: source lines shown beside a message, a
    /// name or a value as a person wrote it. Never a sentence.
    pub fn verbatim(text: impl Into<String>) -> Message {
        let text = text.into();
        Message {
            en: text.clone(),
            da: text,
        }
    }

    /// The message whose text in each language is `text(lang)`: for texts built from parts
    /// that themselves depend on the language.
    pub fn by(text: impl Fn(Lang) -> String) -> Message {
        Message {
            en: text(Lang::En),
            da: text(Lang::Da),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Da => &self.da,
        }
    }

    pub fn en(&self) -> &str {
        &self.en
    }

    pub fn da(&self) -> &str {
        &self.da
    }
}

/// A value put into a `msg!`: a [`Message`] gives its text in the language of the text it is
/// put in, anything else its `Display` (the same in both).
pub trait InLang {
    fn in_lang(&self, lang: Lang) -> String;
}

impl InLang for Message {
    fn in_lang(&self, lang: Lang) -> String {
        self.get(lang).to_owned()
    }
}

impl<T: std::fmt::Display + ?Sized> InLang for T {
    fn in_lang(&self, _: Lang) -> String {
        self.to_string()
    }
}

/// A number the engine writes in prose (a limit, a count, a computed value; never one quoted
/// from what a person typed, and never a year): as Rust writes it in English (`10000`, `0.5`),
/// with a thousands separator and a decimal comma in Danish (`10.000`, `0,5`).
#[derive(Clone, Copy, Debug)]
pub struct Num<T>(pub T);

impl<T: std::fmt::Display> InLang for Num<T> {
    fn in_lang(&self, lang: Lang) -> String {
        let text = self.0.to_string();
        match lang {
            Lang::En => text,
            Lang::Da => danish_number(&text, '.'),
        }
    }
}

/// A number the engine writes with thousands separators in both languages: `1,000,000` in
/// English, `1.000.000` in Danish.
#[derive(Clone, Copy, Debug)]
pub struct Grouped<T>(pub T);

impl<T: std::fmt::Display> InLang for Grouped<T> {
    fn in_lang(&self, lang: Lang) -> String {
        let text = self.0.to_string();
        match lang {
            Lang::En => group(&text, ',', '.'),
            Lang::Da => danish_number(&text, '.'),
        }
    }
}

/// `text` (a number as Rust writes it: `-1234567.5`) the Danish way: `-1.234.567,5`. Text
/// that is not such a number (`inf`, `1e-7`) is returned as it is, but for its decimal comma.
fn danish_number(text: &str, sep: char) -> String {
    match text {
        "inf" => return "uendelig".into(),
        "-inf" => return "-uendelig".into(),
        _ => {}
    }
    if text.contains(['e', 'E']) || !text.bytes().any(|b| b.is_ascii_digit()) {
        return text.replace('.', ",");
    }
    group(text, sep, ',')
}

/// `text` (`-1234567.5`) with `sep` between groups of three digits and `point` for the
/// decimal point.
fn group(text: &str, sep: char, point: char) -> String {
    let (sign, body) = match text.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", text),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        return text.to_owned();
    }
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A [`Message`] from an English and a Danish format string, each with its own wording and the
/// same values: `msg!("found {x}; expected {what}", "fandt {x}; forventede {what}", what =
/// expected)`. Values named after the two texts are put in each in its language ([`InLang`]: a
/// [`Message`] in the text's language, [`Num`] and [`Grouped`] in its number format); values
/// captured from the surrounding code by name are put in with their `Display`, so a
/// [`Message`] must be named after the texts.
macro_rules! msg {
    ($en:literal, $da:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        $(let $name = &$value;)*
        $crate::lang::Message::new(
            {
                $(let $name = $crate::lang::InLang::in_lang($name, $crate::lang::Lang::En);)*
                format!($en)
            },
            {
                $(let $name = $crate::lang::InLang::in_lang($name, $crate::lang::Lang::Da);)*
                format!($da)
            },
        )
    }};
}
pub(crate) use msg;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_speaks_both_languages() {
        let limit = 10_000;
        let what = Message::new("a share", "en andel");
        let m = msg!(
            "found {x}; expected {what}, at most {n}",
            "fandt {x}; forventede {what}, højst {n}",
            x = "1.5",
            what = what,
            n = Num(limit),
        );
        assert_eq!(m.en(), "found 1.5; expected a share, at most 10000");
        assert_eq!(m.da(), "fandt 1.5; forventede en andel, højst 10.000");
        assert_eq!(m.get(Lang::Da), m.da());
    }

    #[test]
    fn numbers_in_each_language() {
        let da = |x: &dyn InLang| x.in_lang(Lang::Da);
        assert_eq!(da(&Num(0.5)), "0,5");
        assert_eq!(da(&Num(-1234567.25)), "-1.234.567,25");
        assert_eq!(da(&Num(100)), "100");
        assert_eq!(da(&Num(f64::NEG_INFINITY)), "-uendelig");
        assert_eq!(Grouped(1_000_000).in_lang(Lang::En), "1,000,000");
        assert_eq!(da(&Grouped(1_000_000)), "1.000.000");
        assert_eq!(Num(1_000_000).in_lang(Lang::En), "1000000");
    }
}

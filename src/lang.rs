//! The languages a person reads somsim in, and texts given in each of them.
//!
//! A leaf: the reports' vocabulary (`report::words`), their number formats
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

//! The words of everything a person reads, one vocabulary per language: the tables for a
//! terminal, the report page and the workbook take every word they show from [`Words`], so a
//! word missing in one language is a compile error, not something a reader finds.
//!
//! Fixed words are `&'static str`; a sentence with numbers or names in it is a function of
//! them, so that each language orders its own words. The Danish is a Danish finance officer's
//! (nutidsværdi, tilbagebetaling, betaler, kommune, budgetår). Number formats (`1.234.567`,
//! `3,5 pct.`, `kr.` against `DKK`) are the language's too, but live in
//! [`crate::report::locale`].

/// A vocabulary's struct, as written, and (for the tests) its fixed words by field name.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty ),*
        }

        #[cfg(test)]
        impl $name {
            /// Every fixed word (a `&'static str` field), by its field's name.
            pub(super) fn fixed(&self) -> Vec<(&'static str, &'static str)> {
                let mut out = Vec::new();
                $(
                    let field: &dyn std::any::Any = &self.$field;
                    if let Some(text) = field.downcast_ref::<&'static str>() {
                        out.push((stringify!($field), *text));
                    }
                )*
                out
            }
        }
    };
}

pub mod brief;
mod da;
mod en;
pub mod page;
pub mod portfolio;
pub mod settle;
pub mod stack;
pub mod stack_sheet;
pub mod tables;
pub mod terms;
pub mod workbook;

pub use brief::Brief;
pub use page::Page;
pub use portfolio::PortfolioWords;
pub use settle::{Settle, SettlePage};
pub use stack::Stack;
pub use stack_sheet::StackSheet;
pub use tables::Tables;
pub use terms::Terms;
pub use workbook::{About, ResultsAbout, SheetNotes, Sheets, Workbook};

use crate::cea::Quadrant;
use crate::lang::Lang;
use crate::ledger::society::SocietyPart;
use crate::model::{DiscountRule, Driver};
use rust_decimal::Decimal;

/// One language's vocabulary.
pub struct Words {
    /// The language these words are in (and so its number formats).
    pub lang: Lang,
    /// The parts of the societal perspective.
    pub parts: SocietyParts,
    /// Where a non-monetary outcome's units and net cost lie, for a person.
    pub quadrants: Quadrants,
    /// Whether an outcome's units are discounted.
    pub discounted: &'static str,
    pub not_discounted: &'static str,
    /// The tables for a terminal.
    pub tables: Tables,
    pub terms: Terms,
    /// The report page (`somsim report`).
    pub page: Page,
    /// The workbook (`--format xlsx`).
    pub workbook: Workbook,
    /// The council brief (`somsim report --brief`).
    pub brief: Brief,
    /// The settlement on actual data (`somsim settle`).
    pub settle: Settle,
    pub settle_page: SettlePage,
    /// A contract's capital stack.
    pub stack: Stack,
    /// A portfolio of contracts and its revolving fund (`somsim portfolio`).
    pub portfolio: PortfolioWords,
    /// A contract's capital stack on the Contracts sheet of the workbook.
    pub stack_sheet: StackSheet,
    /// A perspective as a sentence's subject (`kommunen`, `the public sector`); a
    /// perspective of the scenario's own by its name.
    pub who: fn(perspective: &str) -> String,
    /// A perspective as a heading or a table's label (`Kommune`, `Det offentlige`; the key
    /// stays in JSON and CSV); a perspective of the scenario's own by its name.
    pub perspective_name: fn(perspective: &str) -> String,
}

impl Words {
    /// The vocabulary of `lang`.
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::Da => &da::DA,
            Lang::En => &en::EN,
        }
    }

    /// A perspective's name in text: in Danish the Danish word for the built-in perspectives
    /// (`public` is `offentlig`, `society` is `samfund`), in English its key; a perspective of
    /// the scenario's own by its name. JSON and CSV keep the key.
    pub fn perspective<'a>(&self, key: &'a str) -> &'a str {
        match (self.lang, key) {
            (Lang::Da, "public") => "offentlig",
            (Lang::Da, "all") => "alle",
            (Lang::Da, "fund") => "fond",
            (Lang::Da, "society") => "samfund",
            _ => key,
        }
    }

    /// Whether units are discounted, in words.
    pub fn discounting(&self, discounted: bool) -> &'static str {
        if discounted {
            self.discounted
        } else {
            self.not_discounted
        }
    }
}

/// A thing's label in a table (`Volunteer time`) and its name within a sentence
/// (`volunteer time`).
pub struct Named {
    pub label: &'static str,
    pub name: &'static str,
}

/// The words of each [`SocietyPart`].
pub struct SocietyParts {
    pub resource: Named,
    pub production: Named,
    pub transfer: Named,
    pub volunteer_time: Named,
    pub welfare: Named,
    pub tax_distortion: Named,
}

impl SocietyParts {
    /// The words of `part`.
    pub fn of(&self, part: SocietyPart) -> &Named {
        match part {
            SocietyPart::Resource => &self.resource,
            SocietyPart::Production => &self.production,
            SocietyPart::Transfer => &self.transfer,
            SocietyPart::VolunteerTime => &self.volunteer_time,
            SocietyPart::Welfare => &self.welfare,
            SocietyPart::TaxDistortion => &self.tax_distortion,
        }
    }
}

/// The words of each [`Quadrant`].
pub struct Quadrants {
    pub dominant: &'static str,
    pub costs_more: &'static str,
    pub dominated: &'static str,
    pub saves_with_fewer_units: &'static str,
    pub same_units: &'static str,
}

impl Quadrants {
    /// The words of `q`.
    pub fn of(&self, q: Quadrant) -> &'static str {
        match q {
            Quadrant::Dominant => self.dominant,
            Quadrant::CostsMore => self.costs_more,
            Quadrant::Dominated => self.dominated,
            Quadrant::SavesWithFewerUnits => self.saves_with_fewer_units,
            Quadrant::SameUnits => self.same_units,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixed words that are the same in Danish and English: names (Monte Carlo, Spearman,
    /// MOIC), words both languages use (Median, Investor, Budget, Status, ok, Version),
    /// notation (E[dE], P(dE > 0)), and `n/a`, which the Danish tables have always written.
    const SAME: &[&str] = &[
        "tables.not_available",
        "tables.median",
        "tables.investor",
        "tables.moic",
        "tables.accepted_by_investor",
        "tables.spearman",
        "tables.status",
        "tables.ok",
        "page.median",
        "page.investor",
        "page.engine",
        "stack.tranche",
        "stack.investor",
        "stack_sheet.tranche",
        "workbook.investor",
        "workbook.median",
        "workbook.ce_mean_effect",
        "workbook.ce_prob_effect",
        "workbook.plane_effect",
        "sheets.budget",
        "sheets.monte_carlo",
    ];

    #[test]
    fn every_danish_word_is_danish() {
        let (da, en) = (Words::of(Lang::Da), Words::of(Lang::En));
        let areas = [
            ("tables", da.tables.fixed(), en.tables.fixed()),
            ("page", da.page.fixed(), en.page.fixed()),
            ("brief", da.brief.fixed(), en.brief.fixed()),
            ("terms", da.terms.fixed(), en.terms.fixed()),
            ("settle", da.settle.fixed(), en.settle.fixed()),
            (
                "settle_page",
                da.settle_page.fixed(),
                en.settle_page.fixed(),
            ),
            ("stack", da.stack.fixed(), en.stack.fixed()),
            ("portfolio", da.portfolio.fixed(), en.portfolio.fixed()),
            (
                "stack_sheet",
                da.stack_sheet.fixed(),
                en.stack_sheet.fixed(),
            ),
            ("workbook", da.workbook.fixed(), en.workbook.fixed()),
            (
                "sheets",
                da.workbook.sheets.fixed(),
                en.workbook.sheets.fixed(),
            ),
            (
                "about",
                da.workbook.about.fixed(),
                en.workbook.about.fixed(),
            ),
            (
                "notes",
                da.workbook.about.notes.fixed(),
                en.workbook.about.notes.fixed(),
            ),
            (
                "results_about",
                da.workbook.results_about.fixed(),
                en.workbook.results_about.fixed(),
            ),
        ];
        let mut same = Vec::new();
        for (area, da, en) in &areas {
            assert!(!da.is_empty() && da.len() == en.len(), "{area}");
            for ((field, da), (_, en)) in da.iter().zip(en) {
                if da == en {
                    same.push(format!("{area}.{field}"));
                }
            }
        }
        assert_eq!(same, SAME, "Danish words equal to their English");
        // The lists and the shared words have no names or notation among them.
        let (d, e) = (&da.workbook, &en.workbook);
        let lists = d.society_rows.iter().zip(&e.society_rows);
        let parts = SocietyPart::ALL.map(|p| (da.parts.of(p), en.parts.of(p)));
        let words = (lists.chain(d.measures.iter().zip(&e.measures)))
            .map(|(d, e)| (*d, *e))
            .chain(
                parts
                    .iter()
                    .flat_map(|(d, e)| [(d.label, e.label), (d.name, e.name)]),
            )
            .chain([
                (da.discounted, en.discounted),
                (da.not_discounted, en.not_discounted),
            ]);
        for (d, e) in words {
            assert_ne!(d, e);
        }
        for q in [
            Quadrant::Dominant,
            Quadrant::CostsMore,
            Quadrant::Dominated,
            Quadrant::SavesWithFewerUnits,
            Quadrant::SameUnits,
        ] {
            assert_ne!(da.quadrants.of(q), en.quadrants.of(q));
        }
    }
}

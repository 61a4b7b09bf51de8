//! The words of everything a person reads, one vocabulary per language: the tables for a
//! terminal, the report page and the workbook take every word they show from [`Words`], so a
//! word missing in one language is a compile error, not something a reader finds.
//!
//! Fixed words are `&'static str`; a sentence with numbers or names in it is a function of
//! them, so that each language orders its own words. The Danish is a Danish finance officer's
//! (nutidsværdi, tilbagebetaling, betaler, kommune, budgetår). Number formats (`1.234.567`,
//! `3,5 pct.`, `kr.` against `DKK`) are the language's too, but live in
//! [`crate::report::locale`].

mod da;
mod en;
pub mod page;
pub mod tables;
pub mod workbook;

pub use page::Page;
pub use tables::Tables;
pub use workbook::{Sheets, Workbook};

use crate::cea::Quadrant;
use crate::lang::Lang;
use crate::ledger::society::SocietyPart;

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
    /// The report page (`somsim report`).
    pub page: Page,
    /// The workbook (`--format xlsx`).
    pub workbook: Workbook,
}

impl Words {
    /// The vocabulary of `lang`.
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::Da => &da::DA,
            Lang::En => &en::EN,
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

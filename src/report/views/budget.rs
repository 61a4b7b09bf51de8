//! The kommune's budget view (`budget:` in a scenario): each perspective's net in the budget
//! year and the years after it, in fixed prices (the scenario's price year) and in current
//! prices (løbende priser) projected with the price and wage projection. Present values are
//! not affected: they stay in fixed prices.

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;

use super::base::{DanishIndexView, PerspectiveView};
use super::number::{Money, Num};
use crate::model::Model;

/// The budget years in fixed and current prices.
#[derive(Debug, Serialize)]
pub struct BudgetView {
    /// The budget year.
    pub year: i32,
    /// The price year of the fixed prices.
    pub price_year: i32,
    /// The projection that gives the current prices.
    pub projection: ProjectionView,
    /// One per year shown, from the budget year.
    pub years: Vec<BudgetYearView>,
}

/// The price and wage projection, as its file describes it.
#[derive(Clone, Debug, Serialize)]
pub struct ProjectionView {
    /// Its name.
    pub name: String,
    /// Where its figures come from.
    pub source: String,
    /// `false`: the figures are not from a published source.
    pub sourced: bool,
    /// Caveats.
    pub note: Option<String>,
    /// The file it was read from.
    pub file: String,
    /// Its Danish forms, where the file gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub da: Option<DanishIndexView>,
}

impl ProjectionView {
    /// Its name in `lang` (the English where the file gives no Danish).
    pub fn name_in(&self, lang: crate::lang::Lang) -> &str {
        match (lang, self.da.as_ref().and_then(|d| d.name.as_deref())) {
            (crate::lang::Lang::Da, Some(name)) => name,
            _ => &self.name,
        }
    }

    /// Its source in `lang` (the English where the file gives no Danish).
    pub fn source_in(&self, lang: crate::lang::Lang) -> &str {
        match (lang, self.da.as_ref().and_then(|d| d.source.as_deref())) {
            (crate::lang::Lang::Da, Some(source)) => source,
            _ => &self.source,
        }
    }

    /// Its caveats in `lang` (the English where the file gives no Danish).
    pub fn note_in(&self, lang: crate::lang::Lang) -> Option<&str> {
        match (lang, self.da.as_ref().and_then(|d| d.note.as_deref())) {
            (crate::lang::Lang::Da, Some(note)) => Some(note),
            _ => self.note.as_deref(),
        }
    }
}

/// One budget year.
#[derive(Debug, Serialize)]
pub struct BudgetYearView {
    /// Calendar year.
    pub year: i32,
    /// From price-year prices to this year's current prices: the product of (1 + rate) over
    /// the years after the price year up to this one (12 decimals).
    pub factor: Num,
    /// Per perspective with flows: its net in the year (not discounted).
    pub perspectives: IndexMap<String, BudgetAmountView>,
}

/// A net in fixed and in current prices.
#[derive(Debug, Serialize)]
pub struct BudgetAmountView {
    /// In the price year's prices (as the ledger has it).
    pub fixed: Money,
    /// In the year's current prices: `fixed` × `factor`, rounded to the øre (half away from
    /// zero, as a spreadsheet's ROUND does).
    pub current: Money,
}

impl BudgetView {
    /// The budget view of `model`, from its perspectives' yearly nets; `None` without `budget`.
    pub fn of(
        model: &Model,
        perspectives: &IndexMap<String, PerspectiveView>,
    ) -> Option<BudgetView> {
        let b = model.budget.as_ref()?;
        let first = (b.year - model.start_year) as usize;
        let years = (b.factors.iter().enumerate())
            .map(|(k, factor)| {
                let t = first + k;
                BudgetYearView {
                    year: model.year(t),
                    factor: Num(*factor),
                    perspectives: (perspectives.iter())
                        .filter(|(_, v)| v.has_flows)
                        .map(|(name, v)| {
                            let fixed = v.years[t].net.0;
                            let current = fixed
                                .checked_mul(*factor)
                                .map_or(Decimal::MAX, crate::decimal::round_ore);
                            (
                                name.clone(),
                                BudgetAmountView {
                                    fixed: Money(fixed),
                                    current: Money(current),
                                },
                            )
                        })
                        .collect(),
                }
            })
            .collect();
        let p = &b.projection;
        Some(BudgetView {
            year: b.year,
            price_year: model.price_year,
            projection: ProjectionView {
                name: p.name.clone(),
                source: p.source.split_whitespace().collect::<Vec<_>>().join(" "),
                sourced: p.sourced,
                note: (p.note.as_ref()).map(|n| n.split_whitespace().collect::<Vec<_>>().join(" ")),
                file: p.file.clone(),
                da: DanishIndexView::of(&p.da),
            },
            years,
        })
    }
}

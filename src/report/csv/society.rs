//! The societal perspective's decomposition as CSV (`run --format csv --society`).

use super::sheet::{Sheet, money, text};
use crate::report::views::society::*;

/// The columns of `run --format csv --society`.
pub const CSV_HEADER: [&str; 3] = ["part", "pv_budget", "pv_society"];

/// The decomposition as CSV: one row per part, then `npv`.
pub fn csv(v: &SocietyView) -> String {
    let mut sheet = Sheet::new();
    sheet.push(CSV_HEADER);
    for p in &v.parts {
        sheet.push([
            text(p.part.key()),
            p.pv_budget.as_ref().map(money).unwrap_or_default(),
            money(&p.pv_society),
        ]);
    }
    sheet.push(["npv".into(), money(&v.npv_budgets), money(&v.npv)]);
    sheet.finish()
}

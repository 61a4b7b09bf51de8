//! The acceptability curves as CSV (`run --format csv --ceac`), one row per outcome,
//! perspective and price per unit.

use super::sheet::{Sheet, text};
use crate::report::views::cea::*;

/// CSV of the curves:
/// `outcome,perspective,lambda,prob_cost_effective,prob_se,expected_net_benefit,evpi`, one row
/// per outcome, perspective and price (`run --ceac`).
pub fn csv(v: &CostEffectivenessView) -> String {
    let mut sheet = Sheet::new();
    sheet.push(CSV_HEADER);
    rows(&mut sheet, &[], v);
    sheet.finish()
}

/// The columns of [`csv()`].
pub const CSV_HEADER: [&str; 7] = [
    "outcome",
    "perspective",
    "lambda",
    "prob_cost_effective",
    "prob_se",
    "expected_net_benefit",
    "evpi",
];

/// The rows of [`csv()`], each after the cells `first`.
pub fn rows(sheet: &mut Sheet<Vec<u8>>, first: &[String], v: &CostEffectivenessView) {
    for o in &v.outcomes {
        for p in &o.perspectives {
            let Some(m) = &p.monte_carlo else { continue };
            for (k, l) in v.lambda.iter().enumerate() {
                let mut row = first.to_vec();
                row.extend([
                    text(&o.name),
                    text(&p.perspective),
                    format!("{l}"),
                    format!("{:.6}", m.ceac[k].0),
                    format!("{:.6}", m.ceac_se[k].0),
                    format!("{:.2}", m.expected_net_benefit[k].0),
                    format!("{:.2}", m.evpi[k].0),
                ]);
                sheet.push(row);
            }
        }
    }
}

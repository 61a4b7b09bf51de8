//! `somsim portfolio` as CSV: one row per calendar year followed, the base case's flows and
//! fund balance (exact decimals) beside the balance and the capital outstanding over the
//! trials (empty without them).

use super::sheet::{Sheet, money};
use crate::report::views::portfolio::PortfolioReport;

/// The years, one row each.
pub fn csv(r: &PortfolioReport) -> String {
    let mut sheet = Sheet::new();
    sheet.push(
        [
            "year",
            "joining",
            "invested",
            "received",
            "fee",
            "net",
            "balance",
            "outstanding",
            "balance_mean",
            "balance_p5",
            "balance_p50",
            "balance_p95",
            "outstanding_mean",
            "outstanding_p95",
            "prob_exhausted_by",
        ]
        .map(String::from),
    );
    let mc = r.monte_carlo.as_ref();
    let f = |x: Option<f64>| x.map_or_else(String::new, |x| x.to_string());
    for y in &r.base.years {
        let b = mc.and_then(|m| m.balance_by_year.get(&y.year));
        let o = mc.and_then(|m| m.outstanding_by_year.get(&y.year));
        let e = mc.and_then(|m| m.prob_exhausted_by_year.get(&y.year));
        sheet.push([
            y.year.to_string(),
            y.joining.to_string(),
            money(&y.invested),
            money(&y.received),
            money(&y.fee),
            money(&y.net),
            y.balance.as_ref().map_or_else(String::new, money),
            money(&y.outstanding),
            f(b.map(|b| b.mean.0)),
            f(b.map(|b| b.p5.0)),
            f(b.map(|b| b.p50.0)),
            f(b.map(|b| b.p95.0)),
            f(o.map(|o| o.mean.0)),
            f(o.map(|o| o.p95.0)),
            f(e.map(|e| e.0)),
        ]);
    }
    sheet.finish()
}

/// A portfolio's grid, one row per combination: the terms, then the results.
pub fn grid_csv(r: &crate::report::views::portfolio::PortfolioGridReport) -> String {
    let mut sheet = Sheet::new();
    let mut head: Vec<String> = r.terms.clone();
    head.extend(
        [
            "joined_mean",
            "joined_p5",
            "completers_mean",
            "prob_loss",
            "moic_mean",
            "expected_loss",
            "worst_5pct_mean",
            "prob_exhausted",
            "prob_overdrawn",
            "balance_mean",
            "balance_p5",
            "accepted",
        ]
        .map(String::from),
    );
    sheet.push(head);
    let f = |x: Option<f64>| x.map_or_else(String::new, |x| x.to_string());
    for row in &r.rows {
        let mut cells: Vec<String> = row.values.values().map(|v| v.to_string()).collect();
        cells.extend([
            row.joined_mean.to_string(),
            row.joined_p5.to_string(),
            row.completers_mean.to_string(),
            row.prob_loss.0.to_string(),
            f(row.moic_mean),
            row.expected_loss.0.to_string(),
            row.worst_5pct_mean.0.to_string(),
            f(row.prob_exhausted.map(|p| p.0)),
            f(row.prob_overdrawn.map(|p| p.0)),
            f(row.balance_mean.map(|b| b.0)),
            f(row.balance_p5.map(|b| b.0)),
            row.accepted.map_or_else(String::new, |a| a.to_string()),
        ]);
        sheet.push(cells);
    }
    sheet.finish()
}

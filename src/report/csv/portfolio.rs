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

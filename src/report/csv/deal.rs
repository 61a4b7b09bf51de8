//! `somsim deal` as CSV: one row per combination of terms.

use super::sheet::{Sheet, text};
use crate::report::views::deal::*;

/// One CSV row per combination.
pub fn csv(r: &DealReport) -> String {
    let mut sheet = Sheet::new();
    let mut header: Vec<String> = r.axes.iter().map(|a| text(&a.term)).collect();
    header.extend(
        [
            "moic_mean",
            "investor_net_mean",
            "investor_net_p5",
            "investor_net_p50",
            "investor_net_p95",
            "prob_loss",
            "expected_loss",
            "worst_5pct_mean",
            "irr_p50",
        ]
        .iter()
        .map(|x| x.to_string()),
    );
    for p in &r.paying {
        header.push(text(&format!("{p}_mean_delta")));
        header.push(text(&format!("{p}_prob_worse")));
    }
    header.extend(["investor_accepts".into(), "payers_accept".into()]);
    // With --solve: the solved values of the row's combination of the other axes.
    if r.solved.is_some() {
        header.extend(["solved_moic_one".into(), "solved_investor_limit".into()]);
        for p in &r.paying {
            header.push(text(&format!("solved_{p}_limit")));
        }
    }
    sheet.push(&header);
    let crossing = |c: &Option<CrossingView>| match c {
        Some(CrossingView::At(v)) => v.0.normalize().to_string(),
        Some(CrossingView::Whole(w)) => w.to_string(),
        None => String::new(),
    };
    let num = |x: f64| {
        if x.is_finite() {
            x.to_string()
        } else {
            String::new()
        }
    };
    for c in &r.combinations {
        let mut row: Vec<String> = c
            .terms
            .values()
            .map(|v| v.0.normalize().to_string())
            .collect();
        let n = &c.investor_net;
        row.extend(
            [
                c.moic_mean.0,
                n.mean.0,
                n.p5.0,
                n.p50.0,
                n.p95.0,
                c.prob_loss.0,
                c.expected_loss.0,
                c.worst_5pct_mean.0,
            ]
            .map(num),
        );
        row.push(c.irr.as_ref().map_or(String::new(), |i| num(i.p50.0)));
        for p in c.payers.values() {
            row.push(num(p.mean_delta.0));
            row.push(num(p.prob_worse.0));
        }
        row.push(c.investor_accepts.to_string());
        row.push(c.payers_accept.to_string());
        if let Some(solved) = &r.solved {
            let point = solved.points.iter().find(|p| {
                p.terms
                    .iter()
                    .all(|(name, v)| c.terms.get(name).is_some_and(|x| x.0 == v.0))
            });
            row.push(point.map_or(String::new(), |p| crossing(&p.moic_one)));
            row.push(point.map_or(String::new(), |p| crossing(&p.investor_limit)));
            for payer in &r.paying {
                row.push(
                    point
                        .and_then(|p| p.payer_limit.get(payer))
                        .map_or(String::new(), crossing),
                );
            }
        }
        sheet.push(&row);
    }
    sheet.finish()
}

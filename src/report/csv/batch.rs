//! The batch as CSV (`docs/batch.md`): one row per scenario and variant.

use super::sheet::{Sheet, text};
use crate::report::views::batch::*;
use crate::report::views::*;

/// The batch as CSV (`docs/batch.md`).
pub fn csv(r: &BatchReport) -> String {
    let mut sheet = Sheet::new();
    let mut header: Vec<String> = vec!["file".into(), "scenario".into()];
    header.extend(r.paths.iter().map(|p| text(p)));
    header.extend(["status", "error", "trials", "seed"].map(String::from));
    for p in COLUMNS {
        for c in [
            "base_npv",
            "mc_mean",
            "mc_p5",
            "mc_p50",
            "mc_p95",
            "prob_npv_positive",
            "prob_break_even",
        ] {
            header.push(format!("{c}_{p}"));
        }
    }
    sheet.push(header);
    let m = |x: &Option<MoneyF>| x.map(|v| format!("{:.2}", v.0)).unwrap_or_default();
    let pr = |x: &Option<Prob>| x.map(|v| format!("{:.6}", v.0)).unwrap_or_default();
    for row in &r.rows {
        let mut cells = vec![text(&row.file), text(row.scenario.as_deref().unwrap_or(""))];
        for p in &r.paths {
            cells.push(text(row.settings.get(p).map(String::as_str).unwrap_or("")));
        }
        cells.extend([
            row.status.to_owned(),
            text(&row.error.clone().unwrap_or_default().replace('\n', " | ")),
            r.trials.to_string(),
            r.seed.to_string(),
        ]);
        for p in COLUMNS {
            match row.perspectives.get(p) {
                Some(v) => cells.extend([
                    format!("{:.2}", v.base_npv.0),
                    m(&v.mc_mean),
                    m(&v.mc_p5),
                    m(&v.mc_p50),
                    m(&v.mc_p95),
                    pr(&v.prob_npv_positive),
                    pr(&v.prob_break_even),
                ]),
                None => cells.extend(std::iter::repeat_n(String::new(), 7)),
            }
        }
        sheet.push(cells);
    }
    sheet.finish()
}

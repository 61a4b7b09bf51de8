//! `somsim compare` as CSV: one row per perspective and scenario, and the paired
//! acceptability curves (`--ceac`).

use super::sheet::{Sheet, text};
use crate::report::views::compare::*;

/// CSV of the paired acceptability curves (`compare --ceac`): `file,versus` and the columns of
/// `run --ceac`.
pub fn ceac_csv(r: &CompareReport) -> String {
    let mut sheet = Sheet::new();
    let mut header = vec!["file", "versus"];
    header.extend(super::cea::CSV_HEADER);
    sheet.push(header);
    for pair in &r.cost_effectiveness {
        let first = [text(&pair.file), text(&pair.versus)];
        super::cea::rows(&mut sheet, &first, &pair.analysis);
    }
    sheet.finish()
}

/// One row per perspective and scenario. Columns:
/// `perspective,scenario,file,base_npv,mc_mean,mc_sd,mc_p5,mc_p50,mc_p95,prob_npv_positive,prob_break_even,diff_base,diff_mean,diff_p5,diff_p50,diff_p95,prob_beats_first`
/// (the `diff_` columns and `prob_beats_first` are empty for the first scenario).
pub fn csv(r: &CompareReport) -> String {
    let mut sheet = Sheet::new();
    sheet.push([
        "perspective",
        "scenario",
        "file",
        "base_npv",
        "mc_mean",
        "mc_sd",
        "mc_p5",
        "mc_p50",
        "mc_p95",
        "prob_npv_positive",
        "prob_break_even",
        "diff_base",
        "diff_mean",
        "diff_p5",
        "diff_p50",
        "diff_p95",
        "prob_beats_first",
    ]);
    let kr = |x: f64| format!("{x:.2}");
    let p6 = |x: f64| format!("{x:.6}");
    for (name, p) in &r.perspectives {
        for (i, sc) in p.scenarios.iter().enumerate() {
            let mut cells = vec![
                text(name),
                (i + 1).to_string(),
                text(&sc.file),
                kr(sc.base_npv.0),
                kr(sc.npv.mean.0),
                kr(sc.npv.sd.0),
                kr(sc.npv.p5.0),
                kr(sc.npv.p50.0),
                kr(sc.npv.p95.0),
                p6(sc.prob_npv_positive.0),
                p6(1.0 - sc.break_even.never.0),
            ];
            match i.checked_sub(1).and_then(|k| p.differences.get(k)) {
                Some(d) => cells.extend([
                    kr(d.base_npv_difference.0),
                    kr(d.npv_difference.mean.0),
                    kr(d.npv_difference.p5.0),
                    kr(d.npv_difference.p50.0),
                    kr(d.npv_difference.p95.0),
                    p6(d.prob_beats_first.0),
                ]),
                None => cells.extend(std::iter::repeat_n(String::new(), 6)),
            }
            sheet.push(cells);
        }
    }
    sheet.finish()
}

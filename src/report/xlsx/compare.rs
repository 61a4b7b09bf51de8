//! A comparison as a workbook: one sheet per perspective (each scenario, then each paired
//! difference from the first), the contracts side by side, and the cost-effectiveness of each
//! scenario's paired differences from the first, as values.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::Text;
use super::{Formats, HEAD, finish, header_row, heading, sheet, sheet_names};
use crate::report::compare::CompareReport;
use crate::report::locale::Lang;

/// The workbook of `r`, in `lang`.
pub fn workbook(r: &CompareReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let fm = Formats::new(lang);
    let w = fm.w;
    let mut wb = Workbook::new();
    let names: Vec<String> = (r.scenarios.iter().enumerate())
        .map(|(i, s)| format!("[{}] {} ({})", i + 1, s.name, s.file))
        .collect();
    let line = format!(
        "{} · somsim {}",
        (w.compare_line)(r.trials, r.seed),
        env!("CARGO_PKG_VERSION")
    );
    // The sheets after the perspectives' keep their names; a perspective's sheet gives way.
    let fixed: Vec<String> = [w.sheets.about, w.sheets.contracts]
        .map(str::to_owned)
        .into_iter()
        .chain((0..r.cost_effectiveness.len()).map(|k| cost_effectiveness_title(&fm, k)))
        .collect();
    let fixed: Vec<&str> = fixed.iter().map(String::as_str).collect();
    let labels: Vec<String> = r
        .perspectives
        .keys()
        .map(|k| (w.perspective_name)(k))
        .collect();
    let perspectives = labels.iter().map(String::as_str);
    let titles = sheet_names(&fixed, w.sheets.unnamed, perspectives);
    let (p5, p95) = (fm.percentile(5), fm.percentile(95));
    // The sheets in order, with what each holds (for the first sheet).
    let notes = &w.results_about;
    let mut sheets: Vec<(Worksheet, &str)> = Vec::new();
    for ((name, p), title) in r.perspectives.iter().zip(&titles) {
        let mut ws = sheet(
            title,
            &fm,
            &(w.comparison)(&(w.perspective_name)(name)),
            &line,
            &names.join(" · "),
        )?;
        header_row(
            &mut ws,
            &fm,
            HEAD,
            &[
                w.scenario,
                w.base_npv,
                w.mean_npv,
                &p5,
                w.median,
                &p95,
                w.prob_positive,
                w.prob_break_even,
            ],
        )?;
        for (i, sc) in p.scenarios.iter().enumerate() {
            let x = HEAD + 1 + i as u32;
            ws.text(x, 0, format!("[{}] {}", i + 1, sc.file))?;
            for (c, v) in [
                sc.base_npv.0,
                sc.npv.mean.0,
                sc.npv.p5.0,
                sc.npv.p50.0,
                sc.npv.p95.0,
            ]
            .iter()
            .enumerate()
            {
                ws.write_number_with_format(x, 1 + c as u16, *v, &fm.kroner)?;
            }
            ws.write_number_with_format(x, 6, sc.prob_npv_positive.0, &fm.ratio)?;
            ws.write_number_with_format(x, 7, 1.0 - sc.break_even.never.0, &fm.ratio)?;
        }
        let d0 = HEAD + p.scenarios.len() as u32 + 2;
        if !p.differences.is_empty() {
            header_row(
                &mut ws,
                &fm,
                d0,
                &[
                    w.difference,
                    w.base,
                    w.mean,
                    &p5,
                    w.median,
                    &p95,
                    w.beats_first,
                ],
            )?;
            for (i, d) in p.differences.iter().enumerate() {
                let x = d0 + 1 + i as u32;
                ws.text(x, 0, format!("[{}] - [1]", i + 2))?;
                let n = &d.npv_difference;
                for (c, v) in [d.base_npv_difference.0, n.mean.0, n.p5.0, n.p50.0, n.p95.0]
                    .iter()
                    .enumerate()
                {
                    ws.write_number_with_format(x, 1 + c as u16, *v, &fm.kroner)?;
                }
                ws.write_number_with_format(x, 6, d.prob_beats_first.0, &fm.ratio)?;
            }
        }
        finish(&mut ws, &[40.0, 16.0], 8)?;
        ws.set_freeze_panes(HEAD + 1, 1)?;
        sheets.push((ws, notes.compare_perspective));
    }
    if !r.contracts.is_empty() {
        let mut ws = Worksheet::new();
        ws.set_name(w.sheets.contracts)?;
        heading(&mut ws, &fm, w.contracts_same_trials, &line)?;
        header_row(
            &mut ws,
            &fm,
            HEAD,
            &[
                w.scenario,
                w.contract,
                w.investor,
                w.irr_median,
                w.moic_mean,
                w.prob_loss,
                w.expected_loss,
                w.worst_5,
            ],
        )?;
        for (i, c) in r.contracts.iter().enumerate() {
            let x = HEAD + 1 + i as u32;
            let v = &c.contract;
            ws.text(x, 0, format!("[{}] {}", c.scenario, c.file))?;
            ws.text(x, 1, &v.name)?;
            ws.text(x, 2, &v.investor)?;
            if let Some(mc) = &v.monte_carlo {
                if let Some(irr) = &mc.irr {
                    ws.write_number_with_format(x, 3, irr.p50.0, &fm.ratio)?;
                }
                if let Some(moic) = &mc.moic {
                    ws.write_number_with_format(x, 4, moic.mean.0, &fm.ratio)?;
                }
                ws.write_number_with_format(x, 5, mc.prob_loss.0, &fm.ratio)?;
                ws.write_number_with_format(x, 6, mc.expected_loss.0, &fm.kroner)?;
                ws.write_number_with_format(x, 7, mc.worst_5pct_mean.0, &fm.kroner)?;
            }
        }
        finish(&mut ws, &[40.0, 16.0], 8)?;
        sheets.push((ws, notes.compare_contracts));
    }
    for (k, pair) in r.cost_effectiveness.iter().enumerate() {
        let title = cost_effectiveness_title(&fm, k);
        let about = (w.paired)(&pair.file, &pair.versus);
        let ws = super::cea::build(&pair.analysis, &fm, &title, &about, &line, None)?;
        sheets.push((ws, notes.compare_cost_effectiveness));
    }
    let list: Vec<(String, &str)> = sheets.iter().map(|(ws, n)| (ws.name(), *n)).collect();
    let facts = [
        (notes.command, "somsim compare".to_owned()),
        (notes.scenarios, names.join("\n")),
        (w.about.monte_carlo, (w.compare_line)(r.trials, r.seed)),
    ];
    let keys = super::about::perspective_lines(&fm, r.perspectives.keys());
    let title = (notes.comparison_of)(r.scenarios.len());
    wb.push_worksheet(super::about::results(&fm, &title, &facts, &list, &keys)?);
    for (ws, _) in sheets {
        wb.push_worksheet(ws);
    }
    super::print_setup(&mut wb, &fm);
    wb.save_to_buffer()
}

/// The sheet of the `k`-th paired cost-effectiveness (scenario `k + 2` against the first).
fn cost_effectiveness_title(fm: &Formats, k: usize) -> String {
    (fm.w.sheets.cost_effectiveness_of)(k + 2)
}

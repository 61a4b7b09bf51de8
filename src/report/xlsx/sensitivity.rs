//! The sensitivity analysis as a workbook: one sheet per perspective with the tornado (table
//! and native bar chart), rank correlations, switching values, EVPI and EVPPI, as values; and,
//! when the scenario proposes studies, a sheet of their EVSI, cost and ENBS against n with a
//! native chart per perspective.

use rust_xlsxwriter::{Chart, ChartType, Workbook, XlsxError};

use super::Text;
use super::{Formats, HEAD, finish, header_row, sheet, sheet_names};
use crate::report::locale::Lang;
use crate::report::sensitivity::SensitivityReport;

/// The workbook of `r`, in `lang`.
pub fn workbook(r: &SensitivityReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let fm = Formats::new(lang);
    let w = fm.w;
    let mut wb = Workbook::new();
    let line = format!(
        "{} · somsim {}",
        (w.sensitivity_line)(&r.file, r.trials, r.seed),
        env!("CARGO_PKG_VERSION")
    );
    let labels: Vec<String> = r
        .perspectives
        .keys()
        .map(|k| (w.perspective_name)(k))
        .collect();
    let perspectives = labels.iter().map(String::as_str);
    let titles = sheet_names(&[w.sheets.about], w.sheets.unnamed, perspectives);
    let notes = &w.results_about;
    let mut sheets = Vec::new();
    for ((name, p), title) in r.perspectives.iter().zip(&titles) {
        let mut ws = sheet(
            title,
            &fm,
            &(w.drives)(&r.scenario, &(w.perspective_name)(name)),
            &line,
            &(w.one_way)(p.npv_at_means.0),
        )?;
        header_row(
            &mut ws,
            &fm,
            HEAD,
            &[
                w.input,
                w.p10,
                w.p90,
                w.npv_at_10,
                w.npv_at_90,
                w.swing,
                w.change_at_10,
                w.change_at_90,
            ],
        )?;
        for (i, t) in p.tornado.iter().enumerate() {
            let x = HEAD + 1 + i as u32;
            ws.text(x, 0, &t.input)?;
            ws.write_number(x, 1, t.p10)?;
            ws.write_number(x, 2, t.p90)?;
            for (c, v) in [
                (3, t.npv_at_p10.0),
                (4, t.npv_at_p90.0),
                (5, t.swing.0),
                (6, t.npv_at_p10.0 - p.npv_at_means.0),
                (7, t.npv_at_p90.0 - p.npv_at_means.0),
            ] {
                ws.write_number_with_format(x, c, v, &fm.kroner)?;
            }
        }
        let n = p.tornado.len() as u32;
        let mut next = HEAD + n + 3;
        if n > 0 {
            // The tornado: the change from the NPV at the means, largest swing on top.
            let mut chart = Chart::new(ChartType::Bar);
            chart.title().set_name(&(w.tornado)(name));
            for (c, label) in [(6u16, w.input_at_10), (7, w.input_at_90)] {
                chart
                    .add_series()
                    .set_name(label)
                    .set_categories((title.as_str(), HEAD + 1, 0, HEAD + n, 0))
                    .set_values((title.as_str(), HEAD + 1, c, HEAD + n, c))
                    .set_overlap(100);
            }
            chart.y_axis().set_reverse();
            chart.x_axis().set_num_format("#,##0");
            chart.set_width(760).set_height(60 + 28 * n.min(20));
            ws.insert_chart(next, 0, &chart)?;
            next += 4 + (60 + 28 * n.min(20)) / 20;
        }
        header_row(&mut ws, &fm, next, &[w.input, w.spearman, w.variance_share])?;
        for (i, g) in p.global.iter().enumerate() {
            let x = next + 1 + i as u32;
            ws.text(x, 0, &g.input)?;
            ws.write_number_with_format(x, 1, g.spearman, &fm.ratio)?;
            ws.write_number_with_format(x, 2, g.variance_share, &fm.ratio)?;
        }
        next += p.global.len() as u32 + 3;
        header_row(
            &mut ws,
            &fm,
            next,
            &[w.input, w.switching_value, w.its_percentile],
        )?;
        for (i, s) in p.switching_values.iter().enumerate() {
            let x = next + 1 + i as u32;
            ws.text(x, 0, &s.input)?;
            match (s.value, s.percentile) {
                (Some(v), Some(q)) => {
                    ws.write_number(x, 1, v)?;
                    ws.write_number_with_format(x, 2, q, &fm.ratio)?;
                }
                _ => {
                    ws.text(x, 1, w.none_in_range)?;
                }
            }
        }
        next += p.switching_values.len() as u32 + 3;
        header_row(&mut ws, &fm, next, &[w.value_of_information, w.kroner])?;
        ws.text(next + 1, 0, w.evpi)?;
        ws.write_number_with_format(next + 1, 1, p.evpi.0, &fm.kroner)?;
        for (i, e) in p.evppi.iter().enumerate() {
            let x = next + 2 + i as u32;
            ws.text(x, 0, (w.evppi)(&e.input))?;
            ws.write_number_with_format(x, 1, e.evppi.0, &fm.kroner)?;
        }
        finish(&mut ws, &[34.0, 16.0], 8)?;
        sheets.push(ws);
    }
    let mut list: Vec<(String, &str)> = (sheets.iter())
        .map(|ws| (ws.name(), notes.sensitivity_perspective))
        .collect();
    if !r.studies.is_empty() {
        // After the perspectives' sheets, under a name none of them has taken.
        let taken: Vec<&str> = std::iter::once(w.sheets.about)
            .chain(titles.iter().map(String::as_str))
            .collect();
        let title = sheet_names(&taken, w.sheets.unnamed, [w.sheets.studies]).remove(0);
        let mut ws = sheet(
            &title,
            &fm,
            &(w.study)(&r.scenario),
            &line,
            notes.sensitivity_studies,
        )?;
        let mut next = HEAD;
        for st in &r.studies {
            next = super::pictures::study(&mut ws, &fm, &title, next, st)?;
        }
        finish(&mut ws, &[24.0, 18.0], 2 + 2 * r.perspectives.len() as u16)?;
        list.push((title, notes.sensitivity_studies));
        sheets.push(ws);
    }
    let facts = [
        (notes.command, "somsim sensitivity".to_owned()),
        (w.scenario, format!("{} ({})", r.scenario, r.file)),
        (
            w.about.monte_carlo,
            (w.sensitivity_line)(&r.file, r.trials, r.seed),
        ),
    ];
    let keys = super::about::perspective_lines(&fm, r.perspectives.keys());
    let title = (notes.sensitivity_of)(&r.scenario);
    wb.push_worksheet(super::about::results(&fm, &title, &facts, &list, &keys)?);
    for ws in sheets {
        wb.push_worksheet(ws);
    }
    super::print_setup(&mut wb, &fm);
    wb.save_to_buffer()
}

//! The Monte Carlo sheet: the summary over the trials (values, not formulas), the break-even
//! curve P(break-even by year) and each perspective's NPV histogram, with native charts.

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartPoint, ChartSolidFill, ChartType, Worksheet, XlsxError,
};

use super::Text;
use super::{Formats, HEAD, finish_with, header_over, heading};
use crate::report::{McPerspectiveView, RunReport};

/// The Monte Carlo sheet of a run; `years` are the calendar years of the horizon.
pub(super) fn sheet(
    r: &RunReport,
    fm: &Formats,
    line: &str,
    years: &[i32],
) -> Result<Worksheet, XlsxError> {
    let w = fm.w;
    let name = w.sheets.monte_carlo;
    let mut mc = Worksheet::new();
    mc.set_name(name)?;
    heading(&mut mc, fm, &r.scenario, line)?;
    match &r.monte_carlo {
        None => {
            mc.text(HEAD, 0, w.no_monte_carlo_ran)?;
        }
        Some(m) => {
            mc.text(HEAD - 1, 0, w.npv_over_trials)?;
            let [p5, p25, p75, p95] = [5, 25, 75, 95].map(|p| fm.percentile(p));
            header_over(
                &mut mc,
                fm,
                HEAD,
                &[
                    w.perspective,
                    w.mean,
                    w.sd,
                    w.se,
                    &p5,
                    &p25,
                    w.median,
                    &p75,
                    &p95,
                    w.prob_positive,
                    w.prob_no_break_even,
                ],
                1,
            )?;
            for (i, (name, p)) in m.perspectives.iter().enumerate() {
                let x = HEAD + 1 + i as u32;
                mc.text(x, 0, (w.perspective_name)(name))?;
                let n = &p.npv;
                for (c, v) in [n.mean, n.sd, n.se, n.p5, n.p25, n.p50, n.p75, n.p95]
                    .iter()
                    .enumerate()
                {
                    mc.write_number_with_format(x, 1 + c as u16, v.0, &fm.kroner)?;
                }
                mc.write_number_with_format(x, 9, p.prob_npv_positive.0, &fm.ratio)?;
                mc.write_number_with_format(x, 10, p.break_even.never.0, &fm.ratio)?;
            }
            // P(break-even by year) per perspective, and its chart.
            let b0 = HEAD + m.perspectives.len() as u32 + 3;
            mc.text_with_format(b0 - 1, 0, w.prob_break_even_by_year, &fm.header)?;
            mc.text_with_format(b0, 0, w.year, &fm.header)?;
            let mut chart = Chart::new(ChartType::Line);
            chart.title().set_name(w.prob_break_even_by_year);
            chart
                .y_axis()
                .set_min(0.0)
                .set_max(1.0)
                .set_num_format("0%");
            chart.set_width(720).set_height(360);
            let n_years = years.len() as u32;
            for (t, y) in years.iter().enumerate() {
                mc.write_number(b0 + 1 + t as u32, 0, *y)?;
            }
            for (j, (perspective, p)) in m.perspectives.iter().enumerate() {
                let c = 1 + j as u16;
                mc.text_with_format(b0, c, (w.perspective_name)(perspective), &fm.header)?;
                for (t, y) in years.iter().enumerate() {
                    let v = p
                        .break_even
                        .by_year
                        .get(&y.to_string())
                        .map_or(0.0, |x| x.0);
                    mc.write_number_with_format(b0 + 1 + t as u32, c, v, &fm.ratio)?;
                }
                chart
                    .add_series()
                    .set_name((name, b0, c))
                    .set_categories((name, b0 + 1, 0, b0 + n_years, 0))
                    .set_values((name, b0 + 1, c, b0 + n_years, c));
            }
            mc.insert_chart(b0 + n_years + 2, 0, &chart)?;
            let mut next = b0 + n_years + 22;
            // A page per chart with its table, so that no chart is split over two pages.
            let mut breaks = vec![b0 - 1];
            for (perspective, p) in &m.perspectives {
                let label = (w.perspective_name)(perspective);
                breaks.push(next);
                next = histogram(&mut mc, fm, next, &label, p)?;
            }
            mc.set_page_breaks(&breaks)?;
        }
    }
    finish_with(&mut mc, &[14.0], 11, false)?;
    Ok(mc)
}

/// Rows a histogram's chart needs beside its table.
const CHART_ROWS: u32 = 20;

/// Perspective `name`'s NPV histogram from row `top`: a table of bins and a column chart, the
/// bins below zero in red. Returns the next free row.
fn histogram(
    ws: &mut Worksheet,
    fm: &Formats,
    top: u32,
    name: &str,
    p: &McPerspectiveView,
) -> Result<u32, XlsxError> {
    let w = fm.w;
    let h = &p.npv_histogram;
    let title = (w.histogram)(name, p.prob_npv_positive.0);
    ws.text_with_format(top, 0, &title, &fm.bold)?;
    if h.counts.len() < 2 {
        ws.text(top + 1, 0, w.same_npv)?;
        return Ok(top + 3);
    }
    header_over(
        ws,
        fm,
        top + 1,
        &[w.npv_from, w.to_kroner, w.trials, w.share],
        0,
    )?;
    let total: u64 = h.counts.iter().sum();
    let first = top + 2;
    let mut points = Vec::with_capacity(h.counts.len());
    for (i, count) in h.counts.iter().enumerate() {
        let x = first + i as u32;
        ws.write_number_with_format(x, 0, h.edges[i].0, &fm.kroner)?;
        ws.write_number_with_format(x, 1, h.edges[i + 1].0, &fm.kroner)?;
        ws.write_number(x, 2, *count as f64)?;
        ws.write_number_with_format(x, 3, *count as f64 / total.max(1) as f64, &fm.percent)?;
        let color = if h.edges[i + 1].0 <= 0.0 {
            "#C0504D"
        } else {
            "#4F81BD"
        };
        points.push(
            ChartPoint::new().set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(color)),
            ),
        );
    }
    let last = first + h.counts.len() as u32 - 1;
    let mut chart = Chart::new(ChartType::Column);
    // The title from its cell: a title given as text that starts with `=` would be read as a
    // formula.
    let sheet = w.sheets.monte_carlo;
    chart.title().set_name((sheet, top, 0));
    chart.legend().set_hidden();
    chart.x_axis().set_name(w.npv_from).set_num_format("#,##0");
    chart
        .y_axis()
        .set_name(w.share_of_trials)
        .set_num_format("0%");
    chart
        .add_series()
        .set_categories((sheet, first, 0, last, 0))
        .set_values((sheet, first, 3, last, 3))
        .set_gap(10)
        .set_points(&points);
    chart.set_width(640).set_height(CHART_ROWS * 20);
    ws.insert_chart(top + 1, 5, &chart)?;
    Ok(last.max(top + 1 + CHART_ROWS) + 3)
}

//! The Monte Carlo sheet: the summary over the trials (values, not formulas), the break-even
//! curve P(break-even by year) and each perspective's NPV histogram, with native charts.

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartPoint, ChartSolidFill, ChartType, Worksheet, XlsxError,
};

use super::Text;
use super::{Formats, HEAD, finish, header_over, heading};
use crate::report::{McPerspectiveView, RunReport};

/// The Monte Carlo sheet of a run; `years` are the calendar years of the horizon.
pub(super) fn sheet(
    r: &RunReport,
    fm: &Formats,
    line: &str,
    years: &[i32],
) -> Result<Worksheet, XlsxError> {
    let mut mc = Worksheet::new();
    mc.set_name("Monte Carlo")?;
    heading(&mut mc, fm, &r.scenario, line)?;
    match &r.monte_carlo {
        None => {
            mc.text(
                HEAD,
                0,
                "No Monte Carlo ran (--trials 0, or no uncertain input).",
            )?;
        }
        Some(m) => {
            mc.text(
                HEAD - 1,
                0,
                "NPV over the trials, DKK (values, not formulas).",
            )?;
            header_over(
                &mut mc,
                fm,
                HEAD,
                &[
                    "Perspective",
                    "Mean",
                    "SD",
                    "SE",
                    "5%",
                    "25%",
                    "Median",
                    "75%",
                    "95%",
                    "P(NPV > 0)",
                    "P(no break-even)",
                ],
                1,
            )?;
            for (i, (name, p)) in m.perspectives.iter().enumerate() {
                let x = HEAD + 1 + i as u32;
                mc.text(x, 0, name)?;
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
            mc.text_with_format(b0 - 1, 0, "P(break-even by year)", &fm.header)?;
            mc.text_with_format(b0, 0, "Year", &fm.header)?;
            let mut chart = Chart::new(ChartType::Line);
            chart.title().set_name("P(break-even by year)");
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
            for (j, (name, p)) in m.perspectives.iter().enumerate() {
                let c = 1 + j as u16;
                mc.text_with_format(b0, c, name, &fm.header)?;
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
                    .set_name(("Monte Carlo", b0, c))
                    .set_categories(("Monte Carlo", b0 + 1, 0, b0 + n_years, 0))
                    .set_values(("Monte Carlo", b0 + 1, c, b0 + n_years, c));
            }
            mc.insert_chart(b0 + n_years + 2, 0, &chart)?;
            let mut next = b0 + n_years + 22;
            for (name, p) in &m.perspectives {
                next = histogram(&mut mc, fm, next, name, p)?;
            }
        }
    }
    finish(&mut mc, &[14.0], 11)?;
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
    let h = &p.npv_histogram;
    let title = format!(
        "{name}: NPV over the trials (P(NPV > 0) = {:.0}%)",
        100.0 * p.prob_npv_positive.0
    );
    ws.text_with_format(top, 0, &title, &fm.bold)?;
    if h.counts.len() < 2 {
        ws.text(top + 1, 0, "Every trial has the same NPV.")?;
        return Ok(top + 3);
    }
    header_over(
        ws,
        fm,
        top + 1,
        &["NPV from, DKK", "to, DKK", "Trials", "Share"],
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
    chart.title().set_name(("Monte Carlo", top, 0));
    chart.legend().set_hidden();
    chart
        .x_axis()
        .set_name("NPV from, DKK")
        .set_num_format("#,##0");
    chart
        .y_axis()
        .set_name("Share of trials")
        .set_num_format("0%");
    chart
        .add_series()
        .set_categories(("Monte Carlo", first, 0, last, 0))
        .set_values(("Monte Carlo", first, 3, last, 3))
        .set_gap(10)
        .set_points(&points);
    chart.set_width(640).set_height(CHART_ROWS * 20);
    ws.insert_chart(top + 1, 5, &chart)?;
    Ok(last.max(top + 1 + CHART_ROWS) + 3)
}

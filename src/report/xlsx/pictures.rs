//! The value-of-information pictures as native charts over cells of the workbook, so that
//! they stay live: the EVPI curve over the price and the cost-effectiveness plane (beside the
//! acceptability curve on the cost-effectiveness sheets), and EVSI, cost and ENBS against the
//! study's size (on the sensitivity workbook's study sheets). Lines are told apart by dash and
//! marker as well as colour, so that they survive printing in black and white.

use rust_xlsxwriter::{
    Chart, ChartAxisLabelPosition, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType,
    ChartMarker, ChartMarkerType, ChartType, Formula, Worksheet, XlsxError,
};

use super::Text;
use super::{Formats, cell, result};
use crate::report::cea::{CeOutcomeView, CostEffectivenessView};
use crate::report::sensitivity::StudyView;

/// The dash and marker of line `i`: solid with circles, dashed with squares, dotted with
/// triangles, as the report draws them.
fn styled(i: usize) -> (ChartLine, ChartMarker) {
    let (dash, marker) = match i % 3 {
        0 => (ChartLineDashType::Solid, ChartMarkerType::Circle),
        1 => (ChartLineDashType::Dash, ChartMarkerType::Square),
        _ => (ChartLineDashType::RoundDot, ChartMarkerType::Triangle),
    };
    let mut line = ChartLine::new();
    line.set_width(2.0).set_dash_type(dash);
    let mut m = ChartMarker::new();
    m.set_type(marker).set_size(5);
    (line, m)
}

/// Series `j` of a line chart over column `c` of sheet `name`: its name in row `head`, its
/// values below it to row `last`, the categories in column A; told apart from the others by a
/// dash and a marker ([`styled`]), so that it reads in black and white.
pub(super) fn line_series(chart: &mut Chart, j: usize, name: &str, rows: (u32, u32), c: u16) {
    let ((head, last), (line, marker)) = (rows, styled(j));
    chart
        .add_series()
        .set_name((name, head, c))
        .set_categories((name, head + 1, 0, last, 0))
        .set_values((name, head + 1, c, last, c))
        .set_format(ChartFormat::new().set_line(&line))
        .set_marker(&marker);
}

/// EVPI at each price of every perspective of `o` with trials, from row `top` of sheet `name`:
/// λ down the first column, one column per perspective, and a line chart beside it. Returns
/// the next free row.
pub(super) fn evpi(
    ws: &mut Worksheet,
    fm: &Formats,
    name: &str,
    top: u32,
    v: &CostEffectivenessView,
    o: &CeOutcomeView,
) -> Result<u32, XlsxError> {
    let w = fm.w;
    ws.text_with_format(top, 0, (w.evpi_over_price)(&o.name), &fm.bold)?;
    let head = top + 1;
    ws.text_with_format(head, 0, w.lambda, &fm.header)?;
    let mut chart = Chart::new(ChartType::Line);
    chart.title().set_name((name, top, 0));
    chart.x_axis().set_name(w.price_axis);
    (chart.y_axis().set_name(w.evpi_axis)).set_num_format("#,##0");
    chart.set_width(720).set_height(360);
    for (k, l) in v.lambda.iter().enumerate() {
        ws.write_number_with_format(head + 1 + k as u32, 0, *l, &fm.kroner)?;
    }
    let last = head + v.lambda.len() as u32;
    let shown = o
        .perspectives
        .iter()
        .filter_map(|p| Some((p, p.monte_carlo.as_ref()?)));
    for (j, (p, m)) in shown.enumerate() {
        let c = 1 + j as u16;
        ws.text_with_format(head, c, (w.perspective_name)(&p.perspective), &fm.header)?;
        for (k, e) in m.evpi.iter().enumerate() {
            ws.write_number_with_format(head + 1 + k as u32, c, e.0, &fm.kroner)?;
        }
        line_series(&mut chart, j, name, (head, last), c);
    }
    ws.insert_chart(head, o.perspectives.len() as u16 + 2, &chart)?;
    Ok(last.max(head + 19) + 3)
}

/// The cost-effectiveness plane of `o` from row `top` of sheet `name`, for the perspective
/// [`CeOutcomeView::plane_perspective`] picks: each shown trial's number, `dE` and `dC` down
/// three columns, the threshold line's two ends as formulas over those cells and the λ* cell
/// (`threshold_rows[j]`: the row of perspective `j` in the table above, λ* in its column J),
/// and a scatter chart beside. Returns the next free row (`top` when there is no plane).
pub(super) fn plane(
    ws: &mut Worksheet,
    fm: &Formats,
    name: &str,
    top: u32,
    o: &CeOutcomeView,
    threshold_rows: &[u32],
) -> Result<u32, XlsxError> {
    let w = fm.w;
    let Some(j) = o.plane_perspective(None) else {
        return Ok(top);
    };
    let p = &o.perspectives[j];
    let Some(m) = &p.monte_carlo else {
        return Ok(top);
    };
    let who = (w.perspective_name)(&p.perspective);
    ws.text_with_format(top, 0, (w.plane)(&o.name, &who), &fm.bold)?;
    ws.text(top + 1, 0, (w.plane_note)(m.plane.len()))?;
    let head = top + 2;
    for (c, h) in [(0, w.trial), (1, w.plane_effect), (2, w.plane_cost)] {
        ws.text_with_format(head, c, h, &fm.header)?;
    }
    for (k, &(trial, e, dc)) in m.plane.iter().enumerate() {
        let x = head + 1 + k as u32;
        ws.write_number(x, 0, trial as f64)?;
        ws.write_number_with_format(x, 1, e, &fm.ratio)?;
        ws.write_number_with_format(x, 2, dc, &fm.kroner)?;
    }
    let (first, last) = (head + 1, head + m.plane.len() as u32);
    let mut chart = Chart::new(ChartType::Scatter);
    chart.title().set_name((name, top, 0));
    // The axes' numbers at the edges, not on the zero lines through the cloud.
    (chart.x_axis().set_name(w.plane_effect_axis)).set_label_position(ChartAxisLabelPosition::Low);
    (chart.y_axis().set_name(w.plane_cost_axis))
        .set_num_format("#,##0")
        .set_label_position(ChartAxisLabelPosition::Low);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(720).set_height(480);
    let mut hidden = ChartLine::new();
    hidden.set_hidden(true);
    let mut dot = ChartMarker::new();
    let mut border = ChartLine::new();
    border.set_color("#5A5A5A").set_width(0.75);
    dot.set_type(ChartMarkerType::Circle)
        .set_size(3)
        .set_format(ChartFormat::new().set_no_fill().set_border(&border));
    chart
        .add_series()
        .set_name(w.trials_series)
        .set_categories((name, first, 1, last, 1))
        .set_values((name, first, 2, last, 2))
        .set_format(ChartFormat::new().set_line(&hidden))
        .set_marker(&dot);
    if let (Some(t), Some(&row)) = (m.threshold, threshold_rows.get(j)) {
        // The line dC = λ*·dE from the smallest to the largest dE shown: formulas over the
        // cells, so that it follows them.
        let (lo, hi) = m
            .plane
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                (a.min(p.1), b.max(p.1))
            });
        let (e, lambda) = (
            format!("{}:{}", cell(first, 1, true), cell(last, 1, true)),
            cell(row, 9, true),
        );
        ws.text_with_format(head, 4, w.threshold_line, &fm.header)?;
        for (k, (f, x)) in [("MIN", lo), ("MAX", hi)].into_iter().enumerate() {
            let r = head + 1 + k as u32;
            ws.write_formula_with_format(
                r,
                4,
                Formula::new(format!("={f}({e})")).set_result(result(x)),
                &fm.ratio,
            )?;
            ws.write_formula_with_format(
                r,
                5,
                Formula::new(format!("={lambda}*{}", cell(r, 4, false)))
                    .set_result(result(t.0 * x)),
                &fm.kroner,
            )?;
        }
        let mut line = ChartLine::new();
        line.set_color("#282828")
            .set_width(1.5)
            .set_dash_type(ChartLineDashType::Dash);
        let mut none = ChartMarker::new();
        none.set_none();
        chart
            .add_series()
            .set_name((name, head, 4))
            .set_categories((name, head + 1, 4, head + 2, 4))
            .set_values((name, head + 1, 5, head + 2, 5))
            .set_format(ChartFormat::new().set_line(&line))
            .set_marker(&none);
    }
    ws.insert_chart(head, 7, &chart)?;
    Ok(last.max(head + 25) + 3)
}

/// A proposed study's sizes from row `top` of sheet `name`: n per arm, the study's cost, and
/// per perspective its EVSI (for the population the decision serves) and ENBS; then per
/// perspective a line chart of EVSI, cost and ENBS against n over those cells. Returns the
/// next free row.
pub(super) fn study(
    ws: &mut Worksheet,
    fm: &Formats,
    name: &str,
    top: u32,
    st: &StudyView,
) -> Result<u32, XlsxError> {
    let w = fm.w;
    ws.text_with_format(top, 0, (w.study)(&st.name), &fm.bold)?;
    let head = top + 1;
    let mut heads = vec![w.study_n.to_owned(), w.study_cost.to_owned()];
    for p in st.perspectives.keys() {
        let who = (w.perspective_name)(p);
        heads.push((w.study_evsi)(&who));
        heads.push((w.study_enbs)(&who));
    }
    for (c, h) in heads.iter().enumerate() {
        ws.text_with_format(head, c as u16, h, &fm.header)?;
    }
    for (k, n) in st.n.iter().enumerate() {
        let x = head + 1 + k as u32;
        ws.write_number(x, 0, f64::from(*n))?;
        ws.write_number_with_format(x, 1, st.cost[k].0, &fm.kroner)?;
        for (j, v) in st.perspectives.values().enumerate() {
            let c = 2 + 2 * j as u16;
            ws.write_number_with_format(x, c, v.population_evsi[k].0, &fm.kroner)?;
            ws.write_number_with_format(x, c + 1, v.enbs[k].0, &fm.kroner)?;
        }
    }
    let last = head + st.n.len() as u32;
    let mut next = last + 3;
    for (j, p) in st.perspectives.keys().enumerate() {
        // The chart's title from a cell of its own: a name holding `!` would read as a reference.
        ws.text(next, 0, (w.study_chart)(&st.name, &(w.perspective_name)(p)))?;
        let mut chart = Chart::new(ChartType::Scatter);
        chart.title().set_name((name, next, 0));
        chart.x_axis().set_name(w.study_axis_n);
        (chart.y_axis().set_name(w.study_axis_kroner)).set_num_format("#,##0");
        chart.set_width(720).set_height(340);
        let c = 2 + 2 * j as u16;
        for (i, col) in [c, 1, c + 1].into_iter().enumerate() {
            let (line, marker) = styled(i);
            chart
                .add_series()
                .set_name((name, head, col))
                .set_categories((name, head + 1, 0, last, 0))
                .set_values((name, head + 1, col, last, col))
                .set_format(ChartFormat::new().set_line(&line))
                .set_marker(&marker);
        }
        ws.insert_chart(next + 1, 0, &chart)?;
        next += 1 + 340 / 20 + 2;
    }
    Ok(next)
}

//! The cost-effectiveness sheet: per non-monetary outcome, each perspective's base case (its
//! net cost and cost per unit as live formulas over the Perspectives sheet) and its results
//! over the trials, then the
//! acceptability curves, the EVPI curves and the cost-effectiveness plane, each with a native
//! chart over its cells ([`super::pictures`]; values, not formulas: they come from the trials).

use rust_xlsxwriter::{Chart, ChartType, Formula, Worksheet, XlsxError};

use super::Text;
use super::{Formats, HEAD, finish_with, header_over, heading, result, sheet_ref};
use crate::report::cea::CostEffectivenessView;

/// The run's sheet, or `None` when the scenario has no non-monetary outcome. Its base-case net
/// costs are formulas over the Perspectives sheet.
pub(super) fn sheet(
    v: Option<&CostEffectivenessView>,
    effects: &[String],
    fm: &Formats,
    scenario: &str,
    line: &str,
) -> Result<Option<Worksheet>, XlsxError> {
    let name = fm.w.sheets.cost_effectiveness;
    v.map(|v| build(v, fm, name, scenario, line, Some(effects)))
        .transpose()
}

/// A sheet called `name`; `live`: the base-case net costs as formulas over the Perspectives
/// sheet and the effects as formulas reading these cells, one per outcome (a run's workbook);
/// `None`: both as values (a comparison's differences).
pub(super) fn build(
    v: &CostEffectivenessView,
    fm: &Formats,
    name: &str,
    scenario: &str,
    line: &str,
    live: Option<&[String]>,
) -> Result<Worksheet, XlsxError> {
    let w = fm.w;
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    heading(&mut ws, fm, scenario, line)?;
    ws.text(HEAD - 1, 0, w.ce_note)?;
    let perspectives = sheet_ref(w.sheets.perspectives);
    let mut x = HEAD;
    let mut breaks = Vec::new();
    for (i, o) in v.outcomes.iter().enumerate() {
        let discounted = fm.words.discounting(o.discounted);
        ws.text_with_format(
            x,
            0,
            format!("{} ({}; {discounted})", o.name, o.unit),
            &fm.bold,
        )?;
        x += 1;
        header_over(
            &mut ws,
            fm,
            x,
            &[
                w.perspective,
                w.ce_effect,
                w.ce_cost,
                w.ce_per_unit,
                w.ce_mean_effect,
                w.ce_mean_cost,
                w.ce_icer,
                w.ce_p5,
                w.ce_p95,
                w.ce_threshold,
                w.ce_prob_effect,
            ],
            1,
        )?;
        let mut rows = Vec::new();
        for (j, p) in o.perspectives.iter().enumerate() {
            x += 1;
            rows.push(x);
            let row = x + 1; // the spreadsheet's row number
            ws.text(x, 0, (w.perspective_name)(&p.perspective))?;
            let effect = crate::decimal::to_f64(o.base_effect.0);
            match live.and_then(|e| e.get(i)) {
                Some(at) => ws.write_formula_with_format(
                    x,
                    1,
                    Formula::new(format!("={at}")).set_result(result(effect)),
                    &fm.ratio,
                )?,
                None => ws.write_number_with_format(x, 1, effect, &fm.ratio)?,
            };
            // dC is the perspective's NPV on the Perspectives sheet, negated: live.
            let cost = crate::decimal::to_f64(p.base_cost.0);
            if live.is_some() {
                let npv_row = HEAD + 2 + j as u32;
                ws.write_formula_with_format(
                    x,
                    2,
                    Formula::new(format!("=-{perspectives}$C${npv_row}")).set_result(result(cost)),
                    &fm.kroner,
                )?;
            } else {
                ws.write_number_with_format(x, 2, cost, &fm.kroner)?;
            }
            let per_unit = if effect == 0.0 {
                String::new()
            } else {
                result(cost / effect)
            };
            ws.write_formula_with_format(
                x,
                3,
                Formula::new(format!("=IF(B{row}=0,\"\",C{row}/B{row})")).set_result(per_unit),
                &fm.kroner,
            )?;
            if let Some(m) = &p.monte_carlo {
                ws.write_number_with_format(x, 4, m.mean_effect, &fm.ratio)?;
                ws.write_number_with_format(x, 5, m.mean_cost.0, &fm.kroner)?;
                let cells = [
                    (6, m.icer.map(|v| v.0)),
                    (7, m.cost_per_unit.map(|d| d.p5.0)),
                    (8, m.cost_per_unit.map(|d| d.p95.0)),
                    (9, m.threshold.map(|v| v.0)),
                ];
                for (c, value) in cells {
                    if let Some(value) = value {
                        ws.write_number_with_format(x, c, value, &fm.kroner)?;
                    }
                }
                ws.write_number_with_format(x, 10, m.prob_effect_positive.0, &fm.ratio)?;
            }
        }
        x += 3;
        if v.lambda.is_empty() {
            continue;
        }
        // Each curve with its chart on a page of its own, so that no chart is split.
        breaks.push(x);
        x = curve(&mut ws, fm, name, x, v, o)?;
        breaks.push(x);
        x = super::pictures::evpi(&mut ws, fm, name, x, v, o)?;
        if o.plane_perspective(None).is_some() {
            breaks.push(x);
            x = super::pictures::plane(&mut ws, fm, name, x, o, &rows)?;
        }
    }
    finish_with(&mut ws, &[16.0], 11, false)?;
    ws.set_page_breaks(&breaks)?;
    Ok(ws)
}

/// The acceptability curve of every perspective of `o` from row `top`: λ down the first
/// column, one column per perspective, and a line chart beside it. Returns the next free row.
fn curve(
    ws: &mut Worksheet,
    fm: &Formats,
    name: &str,
    top: u32,
    v: &CostEffectivenessView,
    o: &crate::report::cea::CeOutcomeView,
) -> Result<u32, XlsxError> {
    let w = fm.w;
    ws.text_with_format(top, 0, (w.acceptability)(&o.name), &fm.bold)?;
    let head = top + 1;
    ws.text_with_format(head, 0, w.lambda, &fm.header)?;
    let mut chart = Chart::new(ChartType::Line);
    // The title from its cell above: a title given as text that holds `!` or starts with `=`
    // would be read as a reference (`x!A1`) or a formula.
    chart.title().set_name((name, top, 0));
    chart.x_axis().set_name(w.price_axis);
    chart
        .y_axis()
        .set_name(w.prob_net_benefit)
        .set_min(0.0)
        .set_max(1.0)
        .set_num_format("0%");
    chart.set_width(720).set_height(360);
    for (k, l) in v.lambda.iter().enumerate() {
        ws.write_number_with_format(head + 1 + k as u32, 0, *l, &fm.kroner)?;
    }
    let last = head + v.lambda.len() as u32;
    let shown = o.perspectives.iter().filter(|p| p.monte_carlo.is_some());
    for (j, p) in shown.enumerate() {
        let c = 1 + j as u16;
        ws.text_with_format(head, c, (w.perspective_name)(&p.perspective), &fm.header)?;
        if let Some(m) = &p.monte_carlo {
            for (k, prob) in m.ceac.iter().enumerate() {
                ws.write_number_with_format(head + 1 + k as u32, c, prob.0, &fm.ratio)?;
            }
        }
        // Told apart in black and white too: a dash and a marker each, as the EVPI curve's.
        super::pictures::line_series(&mut chart, j, name, (head, last), c);
    }
    ws.insert_chart(head, o.perspectives.len() as u16 + 2, &chart)?;
    Ok(last.max(head + 19) + 3)
}

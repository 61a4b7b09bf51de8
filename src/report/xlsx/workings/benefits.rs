//! The Benefits sheet: per outcome the effect, the value of one weighted completer, the profile,
//! survival and weight by years after completion, and per municipality the cohort sum.

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::super::Text;
use super::super::{Formats, HEAD, cell, finish, sheet_ref};
use super::{COMPLETERS, Key, Params, Sum, Terms, act_ref, checked, formula, year_col};
use crate::ledger::{Activity, outcome_terms, profile};
use crate::model::{Effect, Model, OutcomeKind};

/// Benefits: per outcome its effect, the value of one weighted completer, the profile,
/// survival and weight per year after completion, and per municipality the cohort sum
/// `Σ completers[c] × weight[t - c] × value` (MODEL.md, "Avoided costs").
pub(super) fn sheet(
    model: &Model,
    params: &Params,
    act: &[Vec<Activity>],
    fm: &Formats,
    line: &str,
    terms: &mut Terms,
    df_cell: &dyn Fn(usize) -> String,
) -> Result<(Worksheet, Vec<super::units::Units>, Vec<OutcomeCells>), XlsxError> {
    let h = model.horizon;
    let w = fm.w;
    let mut ws = super::super::sheet(w.sheets.benefits, fm, &model.name, line, w.benefits_note)?;
    let benefits = sheet_ref(w.sheets.benefits);
    let mut x = HEAD;
    let mut cells = Vec::with_capacity(model.outcomes.len());
    for o in &model.outcomes {
        let (weights, per_unit) = outcome_terms(model, o, true).ok_or_else(|| {
            XlsxError::ParameterError(format!("outcome {}: too large to write exactly", o.name))
        })?;
        let prof = profile(model, &o.profile);
        let attrition = o.attrition.unwrap_or(model.attrition);
        let shares: Vec<String> = (o.shares.iter())
            .map(|(p, s)| {
                let pct = (s * Decimal::ONE_HUNDRED).normalize();
                let share = fm.words.lang.percent(*s, pct.scale());
                format!("{} {share}", model.payers[*p])
            })
            .collect();
        ws.text_with_format(x, 0, &o.name, &fm.header)?;
        ws.text(x, 1, (w.paid_by)(&shares.join(", ")))?;
        let (effect_row, value_row, attrition_row) = (x + 1, x + 2, x + 3);
        ws.text(effect_row, 0, w.effect)?;
        match &o.effect {
            Effect::Net(e) => params.write(&mut ws, effect_row, 2, *e, &fm.factor)?,
            Effect::Gross { gross, deadweight } => {
                let value = crate::model::formulas::net_effect(
                    params.value(*gross),
                    params.value(*deadweight),
                );
                formula(
                    &mut ws,
                    effect_row,
                    2,
                    format!("={}*(1-{})", params.text(*gross), params.text(*deadweight)),
                    checked(value)?,
                    &fm.factor,
                )?;
            }
        }
        ws.text(value_row, 0, w.value_per_completer)?;
        let sign = if o.kind == OutcomeKind::AvoidedCost {
            "-"
        } else {
            ""
        };
        formula(
            &mut ws,
            value_row,
            2,
            format!(
                "={}*({sign}{})*{}",
                params.text(o.baseline),
                cell(effect_row, 2, false),
                params.text(o.unit_price)
            ),
            per_unit,
            &fm.ore,
        )?;
        ws.text(attrition_row, 0, w.attrition)?;
        params.write(&mut ws, attrition_row, 2, attrition, &fm.factor)?;
        let k_row = x + 4;
        let (prof_row, surv_row, weight_row) = (x + 5, x + 6, x + 7);
        ws.text_with_format(k_row, 0, w.years_after, &fm.header)?;
        ws.text(prof_row, 0, w.profile)?;
        ws.text(surv_row, 0, w.survival)?;
        ws.text(weight_row, 0, w.weight)?;
        let mut survival = Decimal::ONE;
        let keep = checked(Decimal::ONE.checked_sub(params.value(attrition)))?;
        for k in 0..h {
            let c = year_col(2, k);
            ws.write_number_with_format(k_row, c, k as f64, &fm.header)?;
            match super::profile_text(params, &o.profile, k) {
                Some(text) => formula(
                    &mut ws,
                    prof_row,
                    c,
                    format!("={text}"),
                    prof[k],
                    &fm.factor,
                )?,
                None => ws
                    .write_number_with_format(prof_row, c, 0.0, &fm.factor)
                    .map(|_| ())?,
            }
            formula(
                &mut ws,
                surv_row,
                c,
                format!("=(1-{})^{k}", cell(attrition_row, 2, true)),
                survival,
                &fm.factor,
            )?;
            formula(
                &mut ws,
                weight_row,
                c,
                format!("={}*{}", cell(surv_row, c, false), cell(prof_row, c, false)),
                weights[k],
                &fm.factor,
            )?;
            survival = checked(survival.checked_mul(keep))?;
        }
        cells.push(OutcomeCells {
            weight: (0..h)
                .map(|k| format!("{benefits}{}", cell(weight_row, year_col(2, k), true)))
                .collect(),
            value: format!("{benefits}{}", cell(value_row, 2, true)),
            per_unit: format!(
                "{}*({sign}{benefits}{})",
                params.text(o.baseline),
                cell(effect_row, 2, true)
            ),
        });
        let years_row = x + 8;
        ws.text_with_format(years_row, 0, w.avoided_kroner, &fm.header)?;
        ws.text_with_format(years_row, 1, w.municipality, &fm.header)?;
        for t in 0..h {
            ws.write_number_with_format(years_row, year_col(2, t), model.year(t), &fm.header)?;
        }
        let mut outcome_terms: HashMap<Key, Sum> = HashMap::new();
        for (m, mu) in model.municipalities.iter().enumerate() {
            let row = years_row + 1 + m as u32;
            ws.text(row, 1, &mu.name)?;
            for t in 0..h {
                let mut cohorts = Decimal::ZERO;
                let mut parts = Vec::with_capacity(t + 1);
                for c in 0..=t {
                    let term = act[m][c].completers.checked_mul(weights[t - c]);
                    cohorts = checked(cohorts.checked_add(checked(term)?))?;
                    parts.push(format!(
                        "{}*{}",
                        act_ref(fm, model, COMPLETERS, m, c),
                        cell(weight_row, year_col(2, t - c), true)
                    ));
                }
                let value = checked(cohorts.checked_mul(per_unit))?;
                let col = year_col(2, t);
                let text = format!("=({})*{}", parts.join("+"), cell(value_row, 2, true));
                formula(&mut ws, row, col, text, value, &fm.ore)?;
                let reference = format!("{benefits}{}", cell(row, col, false));
                for (p, share) in &o.shares {
                    (outcome_terms.entry((t, m, *p)).or_default())
                        .add(&reference, *share, value, false)?;
                }
            }
        }
        terms.avoided.push(outcome_terms);
        x = years_row + model.municipalities.len() as u32 + 2;
    }
    let units = super::units::blocks(&mut ws, x, model, params, act, fm, df_cell)?;
    finish(&mut ws, &[34.0, 16.0, 14.0], 2 + h as u16)?;
    Ok((ws, units, cells))
}

/// Where an outcome's terms are on the Benefits sheet, as references from any sheet.
pub(in crate::report::xlsx) struct OutcomeCells {
    /// The weight (survival × profile) `k` years after completion.
    pub weight: Vec<String>,
    /// The value of one weighted completer, kr.
    pub value: String,
    /// The units of service use one weighted completer avoids (the value before the unit
    /// price), as an expression.
    pub per_unit: String,
}

//! The units of each non-monetary outcome, below the outcomes on the Benefits sheet, as
//! formulas of the inputs (`ledger::gains`):
//!
//! ```text
//! units[t] = units per completer × Σ_{c ≤ t} completers[c] × profile[t − c]
//! effect   = Σ_t DF(t) × units[t]          (DF = 1 when the outcome is not discounted)
//! ```
//!
//! The Cost-effectiveness sheet divides by the effect, the Society sheet values each year's
//! units: a changed completion rate or units per completer moves both.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::super::Text;
use super::super::{Formats, cell, sheet_ref};
use super::{
    COMPLETERS, Params, act_ref, all, all_range, checked, formula, profile_text, year_col,
};
use crate::ledger::{Activity, profile};
use crate::model::Model;

/// Where a non-monetary outcome's units are, as references from any sheet.
pub(in crate::report::xlsx) struct Units {
    /// `Benefits!$D$40`: the units present in year offset `t`.
    pub per_year: Vec<String>,
    /// The effect of the cost-effectiveness analysis (the units, discounted where the outcome
    /// is).
    pub effect: String,
}

/// The blocks of every non-monetary outcome from row `top` of the Benefits sheet `ws`.
pub(super) fn blocks(
    ws: &mut Worksheet,
    top: u32,
    model: &Model,
    params: &Params,
    act: &[Vec<Activity>],
    fm: &Formats,
    df_cell: &dyn Fn(usize) -> String,
) -> Result<Vec<Units>, XlsxError> {
    let (h, w) = (model.horizon, fm.w);
    let sheet = sheet_ref(w.sheets.benefits);
    let every: Vec<usize> = (0..model.municipalities.len()).collect();
    let mut completers = vec![Decimal::ZERO; h];
    for row in act {
        for (c, a) in completers.iter_mut().zip(row) {
            *c = checked(c.checked_add(a.completers))?;
        }
    }
    let mut x = top;
    if !model.non_monetary.is_empty() {
        ws.text(x, 0, w.units_note)?;
        x += 1;
    }
    let mut out = Vec::with_capacity(model.non_monetary.len());
    for n in &model.non_monetary {
        ws.text_with_format(x, 0, (w.units_of)(&n.name, &n.unit), &fm.header)?;
        let per_row = x + 1;
        ws.text(per_row, 0, w.units_per_completer)?;
        params.write(ws, per_row, 2, n.per_completer, &fm.factor)?;
        let per = params.value(n.per_completer);
        let (k_row, prof_row, comp_row, df_row, units_row, effect_row) =
            (x + 2, x + 3, x + 4, x + 5, x + 6, x + 7);
        ws.text_with_format(k_row, 0, w.years_after, &fm.header)?;
        ws.text(prof_row, 0, w.profile)?;
        ws.text(comp_row, 0, w.completers_all)?;
        ws.text(df_row, 0, w.discount_factor)?;
        ws.text(units_row, 0, w.units_in_year)?;
        ws.text_with_format(effect_row, 0, w.units_effect, &fm.bold)?;
        ws.text(effect_row + 1, 0, w.units_total)?;
        let shares = profile(model, &n.profile);
        let dfs = model.discount_factors();
        for t in 0..h {
            let c = year_col(2, t);
            ws.write_number_with_format(k_row, c, t as f64, &fm.header)?;
            match profile_text(params, &n.profile, t) {
                Some(text) => formula(ws, prof_row, c, format!("={text}"), shares[t], &fm.factor)?,
                None => ws
                    .write_number_with_format(prof_row, c, 0.0, &fm.factor)
                    .map(|_| ())?,
            }
            let text = if all(model, &every) {
                format!("=SUM({})", all_range(fm, model, COMPLETERS, t))
            } else {
                format!("={}", act_ref(fm, model, COMPLETERS, 0, t))
            };
            formula(ws, comp_row, c, text, completers[t], &fm.ratio)?;
            let (df_text, df) = if n.discounted {
                (format!("={}", df_cell(t)), dfs[t])
            } else {
                ("=1".to_owned(), Decimal::ONE)
            };
            formula(ws, df_row, c, df_text, df, &fm.factor)?;
        }
        let mut units = Vec::with_capacity(h);
        for t in 0..h {
            let c = year_col(2, t);
            let mut present = Decimal::ZERO;
            let mut parts = Vec::new();
            for k in 0..=t.min(n.profile.len().saturating_sub(1)) {
                let term = checked(completers[t - k].checked_mul(shares[k]))?;
                present = checked(present.checked_add(term))?;
                parts.push(format!(
                    "{}*{}",
                    cell(comp_row, year_col(2, t - k), true),
                    cell(prof_row, year_col(2, k), true)
                ));
            }
            let value = checked(present.checked_mul(per))?;
            units.push(value);
            let sum = if parts.is_empty() {
                "0".to_owned()
            } else {
                parts.join("+")
            };
            let text = format!("={}*({sum})", cell(per_row, 2, true));
            formula(ws, units_row, c, text, value, &fm.ratio)?;
        }
        let (first, last) = (year_col(2, 0), year_col(2, h.saturating_sub(1)));
        let range = |row: u32| format!("{}:{}", cell(row, first, true), cell(row, last, true));
        let mut effect = Decimal::ZERO;
        let mut total = Decimal::ZERO;
        for (u, d) in units.iter().zip(if n.discounted {
            dfs.clone()
        } else {
            vec![Decimal::ONE; h]
        }) {
            effect = checked(u.checked_mul(d).and_then(|y| effect.checked_add(y)))?;
            total = checked(total.checked_add(*u))?;
        }
        formula(
            ws,
            effect_row,
            2,
            format!("=SUMPRODUCT({},{})", range(units_row), range(df_row)),
            effect,
            &fm.ratio,
        )?;
        formula(
            ws,
            effect_row + 1,
            2,
            format!("=SUM({})", range(units_row)),
            total,
            &fm.ratio,
        )?;
        out.push(Units {
            per_year: (0..h)
                .map(|t| format!("{sheet}{}", cell(units_row, year_col(2, t), true)))
                .collect(),
            effect: format!("{sheet}{}", cell(effect_row, 2, true)),
        });
        x = effect_row + 3;
    }
    Ok(out)
}

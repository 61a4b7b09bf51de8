//! The societal perspective as a table: from the budgets to society, part by part.

use comfy_table::Cell;

use super::table::{Say, new_table};
use crate::report::views::society::*;

/// The decomposition as a table: each part in the budgets and for society.
pub fn table(v: &SocietyView, non_monetary: &[String], say: Say) -> String {
    let w = say.w;
    let (naf, distortion) = (say.n(v.net_tax_factor.0, 2), say.n(v.tax_distortion.0, 2));
    let mut s = format!("{}\n", (w.society)(&naf, &distortion));
    let mut table = new_table(&[w.part, w.in_budgets, w.for_society], 1);
    let mut zero = Vec::new();
    for p in &v.parts {
        if p.pv_society.0.is_zero() && p.pv_budget.is_none_or(|m| m.0.is_zero()) {
            zero.push(say.words.parts.of(p.part).name);
            continue;
        }
        table.add_row(vec![
            Cell::new(say.words.parts.of(p.part).label),
            Cell::new(p.pv_budget.map_or_else(|| "-".into(), |m| say.kr(m.0))),
            Cell::new(say.kr(p.pv_society.0)),
        ]);
    }
    table.add_row(vec![
        Cell::new(w.npv),
        Cell::new(say.kr(v.npv_budgets.0)),
        Cell::new(say.kr(v.npv.0)),
    ]);
    s.push_str(&table.to_string());
    s.push('\n');
    if !zero.is_empty() {
        let list = zero.join(", ");
        s.push_str(&format!("{}\n", (w.zero_parts)(&list)));
    }
    let need = say.kr(v.pv_financing_need.0);
    s.push_str(&format!("{}\n", (w.financing_need)(&need, &v.source)));
    let unvalued = v.unvalued(non_monetary.iter().map(String::as_str));
    if !unvalued.is_empty() {
        let list = unvalued.join(", ");
        s.push_str(&format!("{}\n", (w.unvalued)(&list)));
    }
    for v in &v.welfare {
        let value = say.kr(v.per_unit.0);
        s.push_str(&format!(
            "{}\n",
            (say.w.welfare_value)(&v.name, &value, &v.source)
        ));
    }
    s
}

//! The societal perspective as a table: from the budgets to society, part by part, and the
//! words for each part.

use comfy_table::Cell;

use super::table::{Say, new_table};
use crate::ledger::society::SocietyPart;
use crate::report::views::society::*;

/// A part's words: its label in a table (`short`: false) or its name within a sentence.
pub(crate) fn words(part: SocietyPart, short: bool, say: Say) -> &'static str {
    let named = crate::report::words::Words::of(say.0).parts.of(part);
    if short { named.name } else { named.label }
}

/// The decomposition as a table: each part in the budgets and for society.
pub fn table(v: &SocietyView, non_monetary: &[String], say: Say) -> String {
    let mut s = String::new();
    let (naf, distortion) = (say.n(v.net_tax_factor.0, 2), say.n(v.tax_distortion.0, 2));
    s.push_str(&if say.da() {
        format!(
            "Samfundsøkonomisk perspektiv (society), nutidsværdi, kr.: nettoafgiftsfaktor {naf}, skatteforvridningsfaktor {distortion}\n"
        )
    } else {
        format!(
            "Societal perspective (society), present value, DKK: net tax factor {naf}, tax distortion factor {distortion}\n"
        )
    });
    let mut table = new_table(
        &[
            if say.da() { "Del" } else { "Part" },
            if say.da() {
                "I budgetterne"
            } else {
                "In the budgets"
            },
            if say.da() {
                "For samfundet"
            } else {
                "For society"
            },
        ],
        1,
    );
    let mut zero = Vec::new();
    for p in &v.parts {
        if p.pv_society.0.is_zero() && p.pv_budget.is_none_or(|m| m.0.is_zero()) {
            zero.push(words(p.part, true, say));
            continue;
        }
        table.add_row(vec![
            Cell::new(words(p.part, false, say)),
            Cell::new(p.pv_budget.map_or_else(|| "-".into(), |m| say.kr(m.0))),
            Cell::new(say.kr(p.pv_society.0)),
        ]);
    }
    table.add_row(vec![
        Cell::new(if say.da() { "Nutidsværdi" } else { "NPV" }),
        Cell::new(say.kr(v.npv_budgets.0)),
        Cell::new(say.kr(v.npv.0)),
    ]);
    s.push_str(&table.to_string());
    s.push('\n');
    if !zero.is_empty() {
        let list = zero.join(", ");
        s.push_str(&if say.da() {
            format!("Nul i dette scenarie: {list}.\n")
        } else {
            format!("Zero in this scenario: {list}.\n")
        });
    }
    let need = say.kr(v.pv_financing_need.0);
    s.push_str(&if say.da() {
        format!(
            "Offentligt finansieringsbehov (nutidsværdi): {need} kr. Kilde: {}\n",
            v.source
        )
    } else {
        format!(
            "Public financing need (present value): {need} DKK. Source: {}\n",
            v.source
        )
    });
    let unvalued = v.unvalued(non_monetary.iter().map(String::as_str));
    if !unvalued.is_empty() {
        let list = unvalued.join(", ");
        s.push_str(&if say.da() {
            format!(
                "Ikke værdisat i kroner: {list}. Gevinsten indgår i omkostningseffektiviteten, ikke i samfundets nutidsværdi.\n"
            )
        } else {
            format!(
                "Not valued in kroner: {list}. The gain counts in the cost-effectiveness, not in society's NPV.\n"
            )
        });
    }
    for w in &v.welfare {
        let value = say.kr(w.per_unit.0);
        s.push_str(&if say.da() {
            format!("{}: {value} kr. pr. enhed. Kilde: {}\n", w.name, w.source)
        } else {
            format!("{}: {value} DKK per unit. Source: {}\n", w.name, w.source)
        });
    }
    s
}

//! The cost-effectiveness of the non-monetary outcomes as tables: cost per unit, ICER, the
//! threshold price and the acceptability curve per perspective.

use super::table::{Say, new_table};
use crate::cea::Quadrant;
use crate::report::views::cea::*;

/// Whether the units are discounted, in words.
pub(crate) fn discounting(discounted: bool, say: Say) -> &'static str {
    crate::report::words::Words::of(say.0).discounting(discounted)
}

/// Words of the quadrant, for a person.
pub(crate) fn quadrant(q: Quadrant, say: Say) -> &'static str {
    crate::report::words::Words::of(say.0).quadrants.of(q)
}

/// At most this many prices in the table's acceptability curve (every k-th of a longer grid,
/// and always the last).
const TABLE_PRICES: usize = 21;

/// The tables: per outcome, each perspective's base case and Monte Carlo result, then the
/// acceptability curve of every perspective, for the perspectives `shown` keeps (those with
/// flows: a perspective that pays and gains nothing has no cost per unit to show).
pub fn table(v: &CostEffectivenessView, shown: impl Fn(&str) -> bool, say: Say) -> String {
    let mut s = String::new();
    let dash = || "-".to_owned();
    for o in &v.outcomes {
        let discounting = discounting(o.discounted, say);
        let perspectives: Vec<&CePerspectiveView> = o
            .perspectives
            .iter()
            .filter(|p| shown(&p.perspective))
            .collect();
        s.push_str(&if say.da() {
            format!(
                "Omkostningseffektivitet: {}\n  enhed: {}; {} enheder i basisberegningen, {discounting}\n",
                o.name,
                o.unit,
                say.n(o.base_effect.0, 1)
            )
        } else {
            format!(
                "Cost-effectiveness: {}\n  unit: {}; {} units in the base case, {discounting}\n",
                o.name,
                o.unit,
                say.n(o.base_effect.0, 1)
            )
        });
        let header: &[&str] = if say.da() {
            &[
                "Perspektiv",
                "Nettoudgift (NV), kr.",
                "Pr. enhed, kr.",
                "ICER (MC), kr./enhed",
                "Pr. enhed P5 til P95, kr.",
                "P(effekt > 0)",
                "λ*, kr./enhed",
                "Ved middelværdierne",
            ]
        } else {
            &[
                "Perspective",
                "PV net cost, kr.",
                "Per unit, kr.",
                "ICER (MC), kr./unit",
                "Per unit P5 to P95, kr.",
                "P(effect > 0)",
                "λ*, kr./unit",
                "At the means",
            ]
        };
        let mut t = new_table(header, 1);
        for p in &perspectives {
            let mc = p.monte_carlo.as_ref();
            t.add_row(vec![
                p.perspective.clone(),
                say.kr(p.base_cost.0),
                p.base_cost_per_unit.map_or_else(dash, |m| say.kr(m.0)),
                mc.and_then(|m| m.icer)
                    .map_or_else(dash, |x| say.kr_f64(x.0)),
                mc.and_then(|m| m.cost_per_unit.as_ref())
                    .map_or_else(dash, |d| {
                        let to = if say.da() { "til" } else { "to" };
                        format!("{} {to} {}", say.kr_f64(d.p5.0), say.kr_f64(d.p95.0))
                    }),
                mc.map_or_else(dash, |m| say.p(m.prob_effect_positive.0)),
                mc.and_then(|m| m.threshold)
                    .map_or_else(dash, |x| say.kr_f64(x.0)),
                mc.map_or_else(dash, |m| quadrant(m.quadrant, say).to_owned()),
            ]);
        }
        s.push_str(&t.to_string());
        s.push('\n');
        if v.society_counts_welfare && perspectives.iter().any(|p| p.perspective == "society") {
            s.push_str(if say.da() {
                "society: nettoudgiften fratrækker allerede de værdisatte velfærdsgevinster; prisen pr. enhed er, hvad en enhed skal være værd ud over dem.\n"
            } else {
                "society: the net cost already counts the valued welfare gains; its price per unit is what a unit must be worth beyond them.\n"
            });
        }
        if v.lambda.is_empty() {
            continue;
        }
        s.push_str(if say.da() {
            "Accept-kurve: P(nettogevinst > 0) ved en pris pr. enhed λ (nettogevinst = λ × enheder − nettoudgift)\n"
        } else {
            "Acceptability curve: P(net benefit > 0) at a price per unit λ (net benefit = λ × units − net cost)\n"
        });
        let mut header = vec![if say.da() {
            "λ, kr./enhed"
        } else {
            "λ, kr./unit"
        }];
        header.extend(perspectives.iter().map(|p| p.perspective.as_str()));
        let mut t = new_table(&header, 0);
        let every = v.lambda.len().div_ceil(TABLE_PRICES).max(1);
        for (k, l) in v.lambda.iter().enumerate() {
            if k % every != 0 && k + 1 != v.lambda.len() {
                continue;
            }
            let mut row = vec![say.kr_f64(*l)];
            row.extend(perspectives.iter().map(|p| {
                p.monte_carlo
                    .as_ref()
                    .map_or_else(dash, |m| say.p(m.ceac[k].0))
            }));
            t.add_row(row);
        }
        s.push_str(&t.to_string());
        s.push('\n');
    }
    s
}

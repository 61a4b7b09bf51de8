//! The cost-effectiveness of the non-monetary outcomes as tables: cost per unit, ICER, the
//! threshold price and the acceptability curve per perspective.

use super::table::{Say, new_table};
use crate::report::views::cea::*;

/// At most this many prices in the table's acceptability curve (every k-th of a longer grid,
/// and always the last).
const TABLE_PRICES: usize = 21;

/// The tables: per outcome, each perspective's base case and Monte Carlo result, then the
/// acceptability curve of every perspective, for the perspectives `shown` keeps (those with
/// flows: a perspective that pays and gains nothing has no cost per unit to show).
pub fn table(v: &CostEffectivenessView, shown: impl Fn(&str) -> bool, say: Say) -> String {
    let w = say.w;
    let mut s = String::new();
    let dash = || "-".to_owned();
    for o in &v.outcomes {
        let discounting = say.words.discounting(o.discounted);
        let perspectives: Vec<&CePerspectiveView> = o
            .perspectives
            .iter()
            .filter(|p| shown(&p.perspective))
            .collect();
        let no_effect = o.base_effect.0.is_zero()
            && perspectives.iter().all(|p| {
                p.monte_carlo
                    .as_ref()
                    .is_some_and(|m| m.mean_effect == 0.0 && m.prob_effect_positive.0 == 0.0)
            });
        if no_effect {
            s.push_str(&format!("{}\n", (w.no_paired_difference)(&o.name)));
            continue;
        }
        let units = say.n(o.base_effect.0, 1);
        let title = (w.cost_effectiveness)(&o.name, &o.unit, &units, discounting);
        s.push_str(&format!("{title}\n"));
        let header = [
            w.perspective,
            w.ce_net_cost,
            w.ce_per_unit,
            w.ce_icer,
            w.ce_interval,
            w.ce_prob_effect,
            w.ce_threshold,
            w.at_the_means,
        ];
        let mut t = new_table(&header, 1);
        for p in &perspectives {
            let mc = p.monte_carlo.as_ref();
            t.add_row(vec![
                say.words.perspective(&p.perspective).to_owned(),
                say.kr(p.base_cost.0),
                p.base_cost_per_unit.map_or_else(dash, |m| say.kr(m.0)),
                mc.and_then(|m| m.icer)
                    .map_or_else(dash, |x| say.kr_f64(x.0)),
                mc.and_then(|m| m.cost_per_unit.as_ref())
                    .map_or_else(dash, |d| {
                        format!("{} {} {}", say.kr_f64(d.p5.0), w.to, say.kr_f64(d.p95.0))
                    }),
                mc.map_or_else(dash, |m| say.p(m.prob_effect_positive.0)),
                mc.and_then(|m| m.threshold)
                    .map_or_else(dash, |x| say.kr_f64(x.0)),
                mc.map_or_else(dash, |m| say.words.quadrants.of(m.quadrant).to_owned()),
            ]);
        }
        s.push_str(&t.to_string());
        s.push('\n');
        if v.society_counts_welfare && perspectives.iter().any(|p| p.perspective == "society") {
            s.push_str(&format!("{}\n", w.society_welfare_note));
        }
        if v.lambda.is_empty() {
            continue;
        }
        s.push_str(&format!("{}\n", w.acceptability));
        let mut header = vec![w.lambda];
        header.extend(
            perspectives
                .iter()
                .map(|p| say.words.perspective(&p.perspective)),
        );
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

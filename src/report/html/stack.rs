//! The report's capital stack: a small table of each tranche, in the base case and over the
//! trials, every number carrying its JSON pointer.

use std::fmt::Write as _;

use super::{Fmt, Page, esc};
use crate::decimal::to_f64;
use crate::report::text::stack::{has_fee, has_gate};
use crate::report::views::contract::ContractView;

/// Contract `c`'s tranches (its JSON at `at_c`); nothing without a stack.
pub(super) fn stack(p: &mut Page, at_c: &str, c: &ContractView) {
    if c.stack.is_empty() {
        return;
    }
    let w = &p.words.stack;
    let (fees, gates) = (has_fee(c), has_gate(c));
    let mut head = vec![w.tranche, w.investor, w.seniority, w.share, w.invested];
    head.extend(fees.then_some(w.fee));
    head.push(w.received);
    let trials = c.stack.iter().all(|s| s.monte_carlo.is_some());
    if trials {
        head.extend(gates.then_some(w.prob_gate_met));
        head.extend([w.mean_moic, w.prob_loss, w.expected_loss, w.worst_5pct]);
    }
    let _ = write!(
        p.out,
        "<h4>{}</h4>\n<p class=\"note\">{}</p>\n<table>\n<tr>",
        w.title,
        esc(w.note)
    );
    for (i, h) in head.iter().enumerate() {
        let class = if i >= 3 { " class=\"r\"" } else { "" };
        let _ = write!(p.out, "<th{class}>{}</th>", esc(h));
    }
    p.push("</tr>\n");
    for (i, s) in c.stack.iter().enumerate() {
        let at = format!("{at_c}/stack/{i}");
        let mut cells = vec![
            esc(&s.name),
            esc(&s.investor),
            esc((w.rank)(s.seniority)),
            p.num(&format!("{at}/share"), Fmt::Pct, s.share),
            p.num(
                &format!("{at}/base/invested"),
                Fmt::Kroner,
                to_f64(s.base.invested.0),
            ),
        ];
        if fees {
            let fee = to_f64(s.base.fee.0);
            cells.push(p.num(&format!("{at}/base/fee"), Fmt::Kroner, fee));
        }
        cells.push(p.num(
            &format!("{at}/base/received"),
            Fmt::Kroner,
            to_f64(s.base.received.0),
        ));
        if let Some(mc) = s.monte_carlo.as_ref().filter(|_| trials) {
            let m = format!("{at}/monte_carlo");
            if gates {
                cells.push(match mc.prob_gate_met {
                    Some(g) => p.num(&format!("{m}/prob_gate_met"), Fmt::Pct, g.0),
                    None => String::new(),
                });
            }
            cells.push(match &mc.moic {
                Some(moic) => p.num(&format!("{m}/moic/mean"), Fmt::Num2, moic.mean.0),
                None => esc(p.words.tables.undefined),
            });
            cells.push(p.num(&format!("{m}/prob_loss"), Fmt::Pct, mc.prob_loss.0));
            cells.push(p.num(
                &format!("{m}/expected_loss"),
                Fmt::Kroner,
                mc.expected_loss.0,
            ));
            cells.push(p.num(
                &format!("{m}/worst_5pct_mean"),
                Fmt::Kroner,
                mc.worst_5pct_mean.0,
            ));
        }
        p.push("<tr>");
        for (k, cell) in cells.iter().enumerate() {
            let class = if k >= 3 { " class=\"r\"" } else { "" };
            let _ = write!(p.out, "<td{class}>{cell}</td>");
        }
        p.push("</tr>\n");
    }
    p.push("</table>\n");
}

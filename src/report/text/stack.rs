//! A contract's capital stack as tables: each tranche in the base case, and its risk over the
//! trials.

use super::table::{Say, new_table};
use crate::report::views::contract::ContractView;

/// The tranches in the base case: investor, seniority, share, coupon, what each put in and got
/// back, MOIC and IRR. Empty without a stack.
pub fn base(v: &ContractView, say: Say) -> String {
    if v.stack.is_empty() {
        return String::new();
    }
    let (w, t) = (&say.words.stack, say.w);
    let (fees, gates) = (has_fee(v), has_gate(v));
    let mut head = vec![
        w.base_title,
        w.investor,
        w.seniority,
        w.share,
        w.coupon,
        w.invested,
    ];
    head.extend(fees.then_some(w.fee));
    head.extend(gates.then_some(w.gate_met));
    head.extend([w.received, t.moic, t.irr]);
    let mut table = new_table(&head, 1);
    for s in &v.stack {
        let b = &s.base;
        let mut row = vec![
            s.name.clone(),
            s.investor.clone(),
            (w.rank)(s.seniority).to_owned(),
            say.pct(s.share, 0),
            say.pct(s.coupon, 1),
            say.kr(b.invested.0),
        ];
        row.extend(fees.then(|| say.kr(b.fee.0)));
        row.extend(gates.then(|| match b.gate_met {
            Some(true) => w.met.to_owned(),
            Some(false) => w.missed.to_owned(),
            None => String::new(),
        }));
        row.extend([
            say.kr(b.received.0),
            b.moic.map_or(t.undefined.into(), |m| say.p(m)),
            b.irr.map_or(t.undefined.into(), |r| say.pct(r, 1)),
        ]);
        table.add_row(row);
    }
    format!("{table}\n{}\n", w.note)
}

/// The tranches over the trials: mean MOIC, median IRR, P(loss), expected loss and the mean
/// of the worst 5% of the net result. Empty without a stack or a Monte Carlo.
pub fn trials(v: &ContractView, say: Say) -> String {
    let rows: Vec<_> = (v.stack.iter())
        .filter_map(|s| Some((s, s.monte_carlo.as_ref()?)))
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let (w, t) = (&say.words.stack, say.w);
    let gates = has_gate(v);
    let mut head = vec![w.trials_title];
    head.extend(gates.then_some(w.prob_gate_met));
    head.extend([
        w.mean_moic,
        w.median_irr,
        w.prob_loss,
        w.expected_loss,
        w.worst_5pct,
    ]);
    let mut table = new_table(&head, 1);
    for (s, mc) in rows {
        let mut row = vec![s.name.clone()];
        row.extend(gates.then(|| mc.prob_gate_met.map_or_else(String::new, |p| say.p(p.0))));
        row.extend([
            mc.moic
                .as_ref()
                .map_or(t.undefined.into(), |m| say.p(m.mean.0)),
            (mc.irr.as_ref()).map_or(t.undefined.into(), |r| say.pct(r.p50.0, 1)),
            say.p(mc.prob_loss.0),
            say.kr_f64(mc.expected_loss.0),
            say.kr_f64(mc.worst_5pct_mean.0),
        ]);
        table.add_row(row);
    }
    format!("{table}\n")
}

/// Whether the stack has a management fee (a tranche pays a part of it).
pub fn has_fee(v: &ContractView) -> bool {
    v.terms.management_fee.is_some()
}

/// Whether a tranche of the stack has a gate.
pub fn has_gate(v: &ContractView) -> bool {
    v.stack.iter().any(|s| s.gate.is_some())
}

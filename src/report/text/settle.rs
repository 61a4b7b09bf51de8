//! `somsim settle` as tables: the settlement statement of the observed years, to the øre, and
//! the forecast of the end result before and given the data.

use super::table::{Say, new_table, tidy};
use crate::report::Money;
use crate::report::views::settle::*;
use crate::report::views::stack::TrancheYearView;

/// The settlement and the forecast as tables, in the words and numbers of `say`.
pub fn table(r: &SettleReport, say: Say) -> String {
    let w = &say.words.settle;
    let ore = |m: &crate::report::views::Money| say.n(m.0, 2);
    let st = &r.statement;
    let mut s = format!(
        "{}\n{}\n\n{}\n",
        r.scenario,
        (w.title)(
            &r.contract,
            &r.investor,
            &r.actuals,
            r.first_year,
            r.last_year
        ),
        w.statement
    );
    let mut header: Vec<String> = vec![w.year.into(), w.completers.into(), w.invested.into()];
    header.extend(st.items.iter().map(|i| (w.due_item)(&i.name)));
    header.push(w.paid.into());
    let with_account = st
        .years
        .first()
        .is_some_and(|y| y.return_cap_account.is_some());
    if with_account {
        header.push(w.account.into());
    }
    let payers: Vec<String> = (st.years.first())
        .map(|y| y.paid_by.keys().cloned().collect())
        .unwrap_or_default();
    header.extend(
        payers
            .iter()
            .map(|p| (w.paid_by)(&(say.words.perspective_name)(p))),
    );
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = new_table(&refs, 1);
    for (k, y) in st.years.iter().enumerate() {
        let mut row = vec![
            y.year.to_string(),
            say.n(y.completers.0, 0),
            ore(&y.invested),
        ];
        row.extend(st.items.iter().map(|i| ore(&i.due[k])));
        row.push(ore(&y.paid));
        if let Some(a) = &y.return_cap_account {
            row.push(ore(a));
        }
        row.extend(y.paid_by.values().map(ore));
        t.add_row(row);
    }
    let sum = |f: &dyn Fn(&YearView) -> rust_decimal::Decimal| {
        st.years.iter().map(f).sum::<rust_decimal::Decimal>()
    };
    let mut total = vec![
        w.total.to_string(),
        say.n(sum(&|y| y.completers.0), 0),
        ore(&st.total_invested),
    ];
    for (j, _) in st.items.iter().enumerate() {
        total.push(say.n(st.items[j].due.iter().map(|d| d.0).sum(), 2));
    }
    total.push(say.n(sum(&|y| y.paid.0), 2));
    if with_account {
        total.push(String::new());
    }
    for p in &payers {
        total.push(say.n(sum(&|y| y.paid_by[p].0), 2));
    }
    t.add_row(total);
    s.push_str(&format!("{t}\n"));
    for i in &st.items {
        if let Some(tr) = &i.trigger {
            let measured = format!(
                "{} ({})",
                say.n(tr.measured.0, 3),
                SettleReport::threshold(tr, |x| say.n(x.0, x.0.normalize().scale()))
            );
            s.push_str(&format!(
                "{}\n",
                (w.trigger)(&i.name, &tr.input, &measured, tr.met)
            ));
        }
        if !i.due_later.0.is_zero() {
            s.push_str(&format!(
                "{}\n",
                (w.due_later)(&i.name, &ore(&i.due_later), r.last_year)
            ));
            if let Some(room) = &i.due_later_within_cap {
                s.push_str(&format!("{}\n", (w.due_later_capped)(&i.name, &ore(room))));
            }
        }
    }
    let mut caps: Vec<String> = (st.items.iter())
        .filter(|i| st.item_caps_bound.contains(&i.key))
        .map(|i| (w.item_cap)(&i.name))
        .collect();
    if st.cap_bound {
        caps.push(w.contract_cap.into());
    }
    if st.return_cap_bound {
        caps.push(w.return_cap.into());
    }
    if !caps.is_empty() {
        s.push_str(&format!("{}\n", (w.bound)(&caps.join(", "))));
    }
    match (&st.top_up, &st.guarantee) {
        (Some(top), Some(g)) => s.push_str(&format!("{}\n", (w.end_of_term)(&ore(top), &ore(g)))),
        _ => s.push_str(&format!("{}\n", (w.term_runs_to)(r.term_end))),
    }
    s.push_str(&format!("{}\n\n", w.statement_note));
    if st.paid_by_municipality.len() > 1 {
        let years: Vec<String> = st.years.iter().map(|y| y.year.to_string()).collect();
        let mut header = vec![w.by_municipality, w.key];
        header.extend(years.iter().map(String::as_str));
        header.push(w.total);
        let mut t = new_table(&header, 1);
        for m in &st.paid_by_municipality {
            let mut row = vec![
                m.municipality.clone(),
                say.pct(crate::decimal::to_f64(m.key.0), 1),
            ];
            row.extend(m.paid.iter().map(ore));
            row.push(say.n(m.paid.iter().map(|x| x.0).sum(), 2));
            t.add_row(row);
        }
        s.push_str(&format!("{t}\n{}\n\n", w.by_municipality_note));
    }
    s.push_str(&tranches(st, say));
    s.push_str(&forecast(r, say));
    tidy(s)
}

/// One of a tranche's yearly amounts.
type Of = fn(&TrancheYearView) -> &Money;

/// A capital stack's table: per tranche, each observed year's part of the investment, of the
/// fee and what the waterfall paid it; its gate as observed below. Empty without a stack.
fn tranches(st: &StatementView, say: Say) -> String {
    if st.tranches.is_empty() {
        return String::new();
    }
    let w = &say.words.settle;
    let years: Vec<String> = st.years.iter().map(|y| y.year.to_string()).collect();
    let mut header = vec![w.tranches, ""];
    header.extend(years.iter().map(String::as_str));
    header.push(w.total);
    let mut t = new_table(&header, 2);
    let mut gates = String::new();
    for tr in &st.tranches {
        let rows: [(&str, Of); 3] = [
            (w.tranche_invested, |y| &y.invested),
            (w.tranche_fee, |y| &y.fee),
            (w.tranche_received, |y| &y.received),
        ];
        for (k, (what, of)) in rows.into_iter().enumerate() {
            let name = if k == 0 {
                tr.name.clone()
            } else {
                String::new()
            };
            let mut row = vec![name, what.to_owned()];
            row.extend(tr.years.iter().map(|y| say.n(of(y).0, 2)));
            row.push(say.n(tr.years.iter().map(|y| of(y).0).sum(), 2));
            t.add_row(row);
        }
        if let Some(met) = tr.gate_met {
            gates.push_str(&format!("{}\n", (w.tranche_gate)(&tr.name, met)));
        }
    }
    format!("{t}\n{gates}{}\n\n", w.tranches_note)
}

/// The forecast's table and its lines.
fn forecast(r: &SettleReport, say: Say) -> String {
    let w = &say.words.settle;
    let f = &r.forecast;
    let mut s = format!(
        "{}\n",
        (w.forecast)(&say.n(rust_decimal::Decimal::from(f.trials), 0), f.seed)
    );
    let header: Vec<String> = vec![
        String::new(),
        w.before_data.into(),
        w.given_data.into(),
        say.percentile(5),
        say.words.tables.median.into(),
        say.percentile(95),
    ];
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = new_table(&refs, 1);
    let mut add = |label: String, c: &ConditionedView, fmt: &dyn Fn(f64) -> String| {
        let na = || say.words.tables.undefined.to_string();
        let mut row = vec![label, c.before.map_or_else(na, |b| fmt(b.mean))];
        match &c.given {
            Some(g) => row.extend([fmt(g.mean), fmt(g.p5), fmt(g.p50), fmt(g.p95)]),
            None => row.extend([na(), na(), na(), na()]),
        }
        t.add_row(row);
    };
    add(w.irr.into(), &f.irr, &|x| say.pct(x, 1));
    add(w.moic.into(), &f.moic, &|x| say.p(x));
    add(w.net_result.into(), &f.investor_net, &|x| say.kr_f64(x));
    if let Some(h) = &f.hurdle_npv {
        add(w.hurdle_npv.into(), h, &|x| say.kr_f64(x));
    }
    for (p, c) in &f.payer_delta {
        add((w.payer_delta)(&(say.words.perspective_name)(p)), c, &|x| {
            say.kr_f64(x)
        });
    }
    s.push_str(&format!("{t}\n"));
    s.push_str(&format!(
        "{}\n",
        (w.prob_loss)(&say.p(f.prob_loss_before.0), &say.p(f.prob_loss_given.0))
    ));
    let inputs = if f.conditioned_on.is_empty() {
        w.nothing_informed.to_string()
    } else {
        f.conditioned_on.join(", ")
    };
    s.push_str(&format!(
        "{}\n",
        (w.ess)(
            &say.f(f.effective_sample_size, 0),
            &say.n(rust_decimal::Decimal::from(f.trials), 0),
            &inputs
        )
    ));
    if f.unexplained {
        s.push_str(&format!("{}\n", w.unexplained));
    } else if f.small_sample {
        s.push_str(&format!(
            "{}\n",
            (w.ess_small)(&say.f(f.effective_sample_size, 0))
        ));
    }
    s.push_str(&format!("{}\n", w.forecast_note));
    s
}

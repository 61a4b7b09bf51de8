//! The settlement on actual data as one HTML page (`somsim settle --format html`), answer
//! first: what the investor is paid in the last observed year and by whom, what the results
//! already observed make due later, and the expected end result given the data; then the
//! evidence: the statement year by year (due per item, paid per payer, the return-cap
//! account), the triggers, later payments and caps, what each municipality pays, and the
//! forecast with its effective sample size. Every number that shows a value of the JSON
//! (`--format json`) carries its JSON Pointer into [`SettleReport`], as the report's do.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{Fmt, Page, esc, token};
use crate::decimal::to_f64;
use crate::report::locale::Lang;
use crate::report::views::settle::{ConditionedView, SettleReport};

/// What the settlement page adds to the brief's style: a wider page for the statement's
/// columns, and the total row.
const STYLE: &str = r#"
body { max-width: 58rem; }
table.statement th { vertical-align: bottom; }
table.statement th.r { white-space: normal; }
tr.total td { border-top: 2px solid var(--ink); font-weight: 600; }
p.answer span.n { white-space: nowrap; }
ul.answer { margin: 0.2rem 0 0.6rem 1.1rem; padding: 0; }
@media print { body { max-width: none; } }
"#;

/// The settlement's page, in `lang`.
pub fn settle(r: &SettleReport, lang: Lang) -> String {
    let mut p = Page::new(lang);
    let words = p.words;
    let (w, s) = (&words.settle_page, &words.settle);
    let heading = (w.heading)(&r.contract);
    let title = (s.title)(
        &r.contract,
        &r.investor,
        &r.actuals,
        r.first_year,
        r.last_year,
    );
    p.open(
        &format!("{heading}: {}", r.scenario),
        STYLE,
        &heading,
        &format!("{}<br />{}", esc(&r.scenario), esc(&title)),
    );
    answer(&mut p, r);
    p.push(&format!("<h2>{}</h2>\n", esc(w.evidence)));
    statement(&mut p, r);
    notes(&mut p, r);
    municipalities(&mut p, r);
    tranches(&mut p, r);
    forecast(&mut p, r);
    let _ = write!(
        p.out,
        "<footer>{}</footer>\n</body>\n</html>\n",
        esc(&(w.footer)(&r.file, &r.actuals, r.forecast.seed))
    );
    p.out
}

/// A payer's name as people read it (`Kommune (kommune)`).
fn payer(p: &Page, name: &str) -> String {
    esc(&(p.words.perspective_name)(name))
}

/// The answer: paid this year and by whom, due later, the expected end result.
fn answer(p: &mut Page, r: &SettleReport) {
    let w = &p.words.settle_page;
    let st = &r.statement;
    let Some((k, y)) = st.years.iter().enumerate().next_back() else {
        return;
    };
    let at = format!("/statement/years/{k}");
    let paid = p.num(&format!("{at}/paid"), Fmt::Kroner, to_f64(y.paid.0));
    let by: Vec<String> = (y.paid_by.iter())
        .map(|(name, x)| {
            let amount = p.num(
                &format!("{at}/paid_by/{}", token(name)),
                Fmt::Kroner,
                to_f64(x.0),
            );
            (w.paid_by)(&payer(p, name), &amount)
        })
        .collect();
    let mut items = Vec::new();
    // What the units observed make due later, within the item caps the statement knows of.
    let later: Decimal = (st.items.iter())
        .map(|i| i.due_later_within_cap.unwrap_or(i.due_later).0)
        .sum();
    if !later.is_zero() {
        let amount = esc(&p.lang.kroner(later));
        items.push((w.due_later)(&amount, r.last_year));
    }
    let f = &r.forecast;
    if let Some(net) = f.investor_net.given {
        let n = |field: &str, fmt: Fmt, x: f64| p.num(&format!("/forecast/{field}"), fmt, x);
        let irr = f.irr.given.map_or_else(
            || esc(p.words.tables.undefined),
            |i| n("irr/given/mean", Fmt::Pct1, i.mean),
        );
        items.push((w.end_result)(
            &esc(&r.investor),
            &n("investor_net/given/mean", Fmt::Kroner, net.mean),
            &n("investor_net/given/p5", Fmt::Kroner, net.p5),
            &n("investor_net/given/p95", Fmt::Kroner, net.p95),
            &irr,
        ));
        items.push((w.loss)(
            &n("prob_loss_given", Fmt::Num2, f.prob_loss_given.0),
            &n("prob_loss_before", Fmt::Num2, f.prob_loss_before.0),
        ));
        for (name, c) in &f.payer_delta {
            if let Some(g) = c.given {
                let at = format!("payer_delta/{}/given/mean", token(name));
                items.push((w.payer_result)(
                    &payer(p, name),
                    &n(&at, Fmt::Kroner, g.mean),
                ));
            }
        }
    }
    let by = if by.is_empty() {
        String::new()
    } else {
        format!(" ({})", by.join("; "))
    };
    let _ = writeln!(
        p.out,
        "<p class=\"answer\">{}{by}</p>\n<ul class=\"answer\">",
        (w.paid_in)(y.year, &paid, &esc(&r.investor))
    );
    for i in items {
        let _ = writeln!(p.out, "<li>{i}</li>");
    }
    p.push("</ul>\n");
    caveat(p, r);
}

/// The forecast's warning, where the band rests on few trials or no trial explains the data.
fn caveat(p: &mut Page, r: &SettleReport) {
    let (s, f) = (&p.words.settle, &r.forecast);
    let text = if f.unexplained {
        esc(s.unexplained)
    } else if f.small_sample {
        let ess = p.num(
            "/forecast/effective_sample_size",
            Fmt::Count,
            f.effective_sample_size,
        );
        (s.ess_small)(&ess)
    } else {
        return;
    };
    let _ = writeln!(p.out, "<p class=\"caveat\">{text}</p>");
}

/// The statement's table: a row per observed year, and the totals.
fn statement(p: &mut Page, r: &SettleReport) {
    let (s, w, st) = (&p.words.settle, &p.words.settle_page, &r.statement);
    let with_account = st.years.iter().any(|y| y.return_cap_account.is_some());
    let payers: Vec<String> = (st.years.first())
        .map(|y| y.paid_by.keys().cloned().collect())
        .unwrap_or_default();
    let _ = write!(
        p.out,
        "<section>\n<h3>{} ({})</h3>\n<table class=\"statement\">\n<tr><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th>",
        esc(w.statement),
        esc(w.ore),
        esc(s.year),
        esc(s.completers),
        esc(s.invested)
    );
    for i in &st.items {
        let _ = write!(
            p.out,
            "<th class=\"r\">{}</th>",
            esc(&(s.due_item)(&i.name))
        );
    }
    let _ = write!(p.out, "<th class=\"r\">{}</th>", esc(s.paid));
    if with_account {
        let _ = write!(p.out, "<th class=\"r\">{}</th>", esc(s.account));
    }
    for name in &payers {
        let _ = write!(
            p.out,
            "<th class=\"r\">{}</th>",
            esc(&(s.paid_by)(&(p.words.perspective_name)(name)))
        );
    }
    p.push("</tr>\n");
    let cell = |p: &Page, at: &str, fmt: Fmt, x: Decimal| {
        format!("<td class=\"r\">{}</td>", p.num(at, fmt, to_f64(x)))
    };
    let mut rows = String::new();
    for (k, y) in st.years.iter().enumerate() {
        let at = format!("/statement/years/{k}");
        let _ = write!(rows, "<tr><td>{}</td>", y.year);
        rows.push_str(&cell(
            p,
            &format!("{at}/completers"),
            Fmt::Count,
            y.completers.0,
        ));
        rows.push_str(&cell(p, &format!("{at}/invested"), Fmt::Ore, y.invested.0));
        for (j, i) in st.items.iter().enumerate() {
            let at = format!("/statement/items/{j}/due/{k}");
            rows.push_str(&cell(p, &at, Fmt::Ore, i.due[k].0));
        }
        rows.push_str(&cell(p, &format!("{at}/paid"), Fmt::Ore, y.paid.0));
        if let Some(a) = &y.return_cap_account {
            rows.push_str(&cell(p, &format!("{at}/return_cap_account"), Fmt::Ore, a.0));
        }
        for name in &payers {
            let at = format!("{at}/paid_by/{}", token(name));
            rows.push_str(&cell(p, &at, Fmt::Ore, y.paid_by[name].0));
        }
        rows.push_str("</tr>\n");
    }
    // The totals are sums of the rows above, not values of the JSON (but the investment's).
    let ore = |x: Decimal| format!("<td class=\"r\">{}</td>", esc(&p.lang.number(x, 2)));
    let sum = |f: &dyn Fn(usize) -> Decimal| (0..st.years.len()).map(f).sum::<Decimal>();
    let _ = write!(
        rows,
        "<tr class=\"total\"><td>{}</td><td class=\"r\">{}</td>{}",
        esc(s.total),
        esc(&p.lang.number(sum(&|k| st.years[k].completers.0), 0)),
        cell(
            p,
            "/statement/total_invested",
            Fmt::Ore,
            st.total_invested.0
        )
    );
    for i in &st.items {
        rows.push_str(&ore(i.due.iter().map(|d| d.0).sum()));
    }
    rows.push_str(&ore(sum(&|k| st.years[k].paid.0)));
    if with_account {
        rows.push_str("<td></td>");
    }
    for name in &payers {
        rows.push_str(&ore(sum(&|k| st.years[k].paid_by[name].0)));
    }
    rows.push_str("</tr>\n</table>\n");
    p.push(&rows);
    let _ = writeln!(
        p.out,
        "<p class=\"note\">{}</p>\n</section>",
        esc(s.statement_note)
    );
}

/// The triggers as observed, what falls due later, the caps that cut, the end of the term.
fn notes(p: &mut Page, r: &SettleReport) {
    let (s, w, st) = (&p.words.settle, &p.words.settle_page, &r.statement);
    let mut lines = Vec::new();
    for (j, i) in st.items.iter().enumerate() {
        let at = format!("/statement/items/{j}");
        let name = esc(&i.name);
        if let Some(tr) = &i.trigger {
            let measured = p.num(
                &format!("{at}/trigger/measured"),
                Fmt::Num3,
                to_f64(tr.measured.0),
            );
            let bound =
                SettleReport::threshold(tr, |x| p.lang.number(x.0, x.0.normalize().scale()));
            let measured = format!("{measured} ({})", esc(&bound));
            lines.push((s.trigger)(&name, &esc(&tr.input), &measured, tr.met));
        }
        if !i.due_later.0.is_zero() {
            let later = p.num(&format!("{at}/due_later"), Fmt::Ore, to_f64(i.due_later.0));
            lines.push((s.due_later)(&name, &later, r.last_year));
            if let Some(room) = &i.due_later_within_cap {
                let room = p.num(
                    &format!("{at}/due_later_within_cap"),
                    Fmt::Ore,
                    to_f64(room.0),
                );
                lines.push((s.due_later_capped)(&name, &room));
            }
        }
    }
    let mut caps: Vec<String> = (st.items.iter())
        .filter(|i| st.item_caps_bound.contains(&i.key))
        .map(|i| esc(&(s.item_cap)(&i.name)))
        .collect();
    if st.cap_bound {
        caps.push(esc(s.contract_cap));
    }
    if st.return_cap_bound {
        caps.push(esc(s.return_cap));
    }
    if !caps.is_empty() {
        lines.push((s.bound)(&caps.join(", ")));
    }
    match (&st.top_up, &st.guarantee) {
        (Some(top), Some(g)) => {
            let top = p.num("/statement/top_up", Fmt::Ore, to_f64(top.0));
            let g = p.num("/statement/guarantee", Fmt::Ore, to_f64(g.0));
            lines.push((s.end_of_term)(&top, &g));
        }
        _ => lines.push(esc(&(s.term_runs_to)(r.term_end))),
    }
    let _ = write!(p.out, "<section>\n<h3>{}</h3>\n<ul>\n", esc(w.notes));
    for l in lines {
        let _ = writeln!(p.out, "<li>{l}</li>");
    }
    p.push("</ul>\n</section>\n");
}

/// What each municipality pays: its key and its part of each year's payment.
fn municipalities(p: &mut Page, r: &SettleReport) {
    let (s, st) = (&p.words.settle, &r.statement);
    if st.paid_by_municipality.len() < 2 {
        return;
    }
    let _ = write!(
        p.out,
        "<section>\n<h3>{}</h3>\n<table>\n<tr><th></th><th class=\"r\">{}</th>",
        esc(s.by_municipality),
        esc(s.key)
    );
    for y in &st.years {
        let _ = write!(p.out, "<th class=\"r\">{}</th>", y.year);
    }
    let _ = writeln!(p.out, "<th class=\"r\">{}</th></tr>", esc(s.total));
    for (i, m) in st.paid_by_municipality.iter().enumerate() {
        let at = format!("/statement/paid_by_municipality/{i}");
        let key = p.num(&format!("{at}/key"), Fmt::Pct1, to_f64(m.key.0));
        let _ = write!(
            p.out,
            "<tr><td>{}</td><td class=\"r\">{key}</td>",
            esc(&m.municipality)
        );
        for (k, x) in m.paid.iter().enumerate() {
            let v = p.num(&format!("{at}/paid/{k}"), Fmt::Ore, to_f64(x.0));
            let _ = write!(p.out, "<td class=\"r\">{v}</td>");
        }
        let total: Decimal = m.paid.iter().map(|x| x.0).sum();
        let _ = writeln!(
            p.out,
            "<td class=\"r\">{}</td></tr>",
            esc(&p.lang.number(total, 2))
        );
    }
    let _ = writeln!(
        p.out,
        "</table>\n<p class=\"note\">{}</p>\n</section>",
        esc(s.by_municipality_note)
    );
}

/// A capital stack's tranches: per tranche, each observed year's part of the investment, of
/// the fee and what the waterfall paid it; its gate as observed.
fn tranches(p: &mut Page, r: &SettleReport) {
    let (s, st) = (&p.words.settle, &r.statement);
    if st.tranches.is_empty() {
        return;
    }
    let _ = write!(
        p.out,
        "<section>\n<h3>{}</h3>\n<table>\n<tr><th></th><th></th>",
        esc(s.tranches)
    );
    for y in &st.years {
        let _ = write!(p.out, "<th class=\"r\">{}</th>", y.year);
    }
    let _ = writeln!(p.out, "<th class=\"r\">{}</th></tr>", esc(s.total));
    let mut gates = Vec::new();
    for (i, tr) in st.tranches.iter().enumerate() {
        let at = format!("/statement/tranches/{i}");
        let rows = [
            (s.tranche_invested, "invested"),
            (s.tranche_fee, "fee"),
            (s.tranche_received, "received"),
        ];
        for (k, (what, key)) in rows.into_iter().enumerate() {
            let name = if k == 0 { esc(&tr.name) } else { String::new() };
            let _ = write!(p.out, "<tr><td>{name}</td><td>{}</td>", esc(what));
            let mut total = Decimal::ZERO;
            for (t, y) in tr.years.iter().enumerate() {
                let x = match key {
                    "invested" => &y.invested,
                    "fee" => &y.fee,
                    _ => &y.received,
                };
                total += x.0;
                let v = p.num(&format!("{at}/years/{t}/{key}"), Fmt::Ore, to_f64(x.0));
                let _ = write!(p.out, "<td class=\"r\">{v}</td>");
            }
            let _ = writeln!(
                p.out,
                "<td class=\"r\">{}</td></tr>",
                esc(&p.lang.number(total, 2))
            );
        }
        if let Some(met) = tr.gate_met {
            gates.push(format!("<p>{}</p>", esc(&(s.tranche_gate)(&tr.name, met))));
        }
    }
    let _ = writeln!(
        p.out,
        "</table>\n{}<p class=\"note\">{}</p>\n</section>",
        gates.join("\n"),
        esc(s.tranches_note)
    );
}

/// The forecast: the end result before and given the data, with its band; the effective
/// sample size and what the data inform.
fn forecast(p: &mut Page, r: &SettleReport) {
    let (s, w, f) = (&p.words.settle, &p.words.settle_page, &r.forecast);
    let pct = |q: u32| esc(&p.lang.percent(Decimal::new(q.into(), 2), 0));
    let _ = write!(
        p.out,
        "<section>\n<h3>{}</h3>\n<p class=\"meta\">{}</p>\n<table>\n<tr><th></th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>\n",
        esc(w.forecast),
        esc(&(s.forecast)(
            &p.lang.number(Decimal::from(f.trials), 0),
            f.seed
        )),
        esc(s.before_data),
        esc(s.given_data),
        pct(5),
        esc(p.words.tables.median),
        pct(95)
    );
    let mut rows: Vec<(String, String, &ConditionedView, Fmt)> = vec![
        (esc(s.irr), "irr".into(), &f.irr, Fmt::Pct1),
        (esc(s.moic), "moic".into(), &f.moic, Fmt::Num2),
        (
            esc(s.net_result),
            "investor_net".into(),
            &f.investor_net,
            Fmt::Kroner,
        ),
    ];
    if let Some(h) = &f.hurdle_npv {
        rows.push((esc(s.hurdle_npv), "hurdle_npv".into(), h, Fmt::Kroner));
    }
    for (name, c) in &f.payer_delta {
        let label = esc(&(s.payer_delta)(&(p.words.perspective_name)(name)));
        rows.push((
            label,
            format!("payer_delta/{}", token(name)),
            c,
            Fmt::Kroner,
        ));
    }
    let na = format!("<td class=\"r\">{}</td>", esc(p.words.tables.undefined));
    for (label, at, c, fmt) in &rows {
        let mut row = format!("<tr><td>{label}</td>");
        let cell = |part: &str, field: &str, x: f64| {
            let n = p.num(&format!("/forecast/{at}/{part}/{field}"), *fmt, x);
            format!("<td class=\"r\">{n}</td>")
        };
        row.push_str(
            &c.before
                .map_or_else(|| na.clone(), |b| cell("before", "mean", b.mean)),
        );
        match &c.given {
            Some(g) => {
                for (field, x) in [
                    ("mean", g.mean),
                    ("p5", g.p5),
                    ("p50", g.p50),
                    ("p95", g.p95),
                ] {
                    row.push_str(&cell("given", field, x));
                }
            }
            None => row.push_str(&na.repeat(4)),
        }
        row.push_str("</tr>\n");
        p.push(&row);
    }
    p.push("</table>\n");
    let inputs = if f.conditioned_on.is_empty() {
        s.nothing_informed.to_string()
    } else {
        f.conditioned_on.join(", ")
    };
    let ess = p.num(
        "/forecast/effective_sample_size",
        Fmt::Count,
        f.effective_sample_size,
    );
    let trials = p.num("/forecast/trials", Fmt::Count, f.trials as f64);
    let _ = writeln!(
        p.out,
        "<p>{}</p>\n<p>{}</p>",
        (s.ess)(&ess, &trials, &esc(&inputs)),
        (s.prob_loss)(
            &p.num(
                "/forecast/prob_loss_before",
                Fmt::Num2,
                f.prob_loss_before.0
            ),
            &p.num("/forecast/prob_loss_given", Fmt::Num2, f.prob_loss_given.0)
        )
    );
    caveat(p, r);
    let _ = writeln!(
        p.out,
        "<p class=\"note\">{}</p>\n</section>",
        esc(s.forecast_note)
    );
}

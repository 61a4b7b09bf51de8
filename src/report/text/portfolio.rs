//! `somsim portfolio` as tables: the answer over the trials first, then the fund's years,
//! the contracts and what the portfolio does to each payer.

use super::table::{Say, new_table};
use crate::report::views::portfolio::PortfolioReport;

/// The portfolio report for a terminal.
pub fn table(r: &PortfolioReport, say: Say) -> String {
    let mut s = format!("{}\n{}\n", name(r, say), subtitle(r, say));
    for line in terms(r, say) {
        s += &format!("{line}\n");
    }
    s.push('\n');
    let answer = answer(r, say);
    for line in &answer {
        s += &format!("{line}\n");
    }
    if !answer.is_empty() {
        s.push('\n');
    }
    s += &years(r, say);
    s += &contracts(r, say);
    s += &payers(r, say);
    s
}

/// The portfolio's name in the reader's language.
pub fn name(r: &PortfolioReport, say: Say) -> String {
    match (say.lang, &r.name_da) {
        (crate::lang::Lang::Da, Some(n)) => n.clone(),
        _ => r.name.clone(),
    }
}

/// Under the name: the file, the years, the contracts and the trials.
pub fn subtitle(r: &PortfolioReport, say: Say) -> String {
    let w = &say.words.portfolio;
    let trials = if r.trials > 0 {
        (w.trials)(&say.n(r.trials.into(), 0), r.seed)
    } else {
        w.base_only.to_owned()
    };
    (w.subtitle)(&r.file, r.start_year, r.last_year, r.entries.len(), &trials)
}

/// The fund's terms (and donors), or that there is no fund, a sentence each.
pub fn terms(r: &PortfolioReport, say: Say) -> Vec<String> {
    let w = &say.words.portfolio;
    let Some(f) = &r.fund else {
        return vec![w.no_fund.to_owned()];
    };
    let mut out = vec![(w.fund)(
        &say.kr(f.capital.0),
        &say.kr(f.reserve.0),
        &say.pct(f.management_fee, 1),
        f.max_new_per_year,
    )];
    if !f.donors.is_empty() {
        let list: Vec<String> = (f.donors.iter())
            .map(|(y, a)| format!("{y}: {}", say.kr(a.0)))
            .collect();
        out.push((w.donors)(&list.join(", ")));
    }
    out
}

/// The answer over the trials, a sentence each: what the portfolio finances, the fund's
/// exhaustion, the return. Empty without trials.
pub fn answer(r: &PortfolioReport, say: Say) -> Vec<String> {
    let w = &say.words.portfolio;
    let Some(mc) = &r.monte_carlo else {
        return Vec::new();
    };
    let gains = mc.gains.as_ref().map(|g| say.f(g.mean.0, 0));
    let mut out = vec![(w.answer)(
        &say.f(mc.joined.mean.0, 1),
        r.entries.len(),
        &say.f(mc.joined.p5.0, 0),
        &say.f(mc.joined.p95.0, 0),
        &say.f(mc.completers.mean.0, 0),
        gains.as_deref(),
    )];
    if let Some(p) = mc.prob_exhausted_by_year.values().last() {
        let last = r.start_year + r.horizon as i32 - 1;
        out.push((w.exhausted)(
            last,
            &say.p(p.0),
            &say.p(mc.prob_overdrawn.0),
        ));
    }
    let moic = (mc.moic.as_ref()).map_or(say.w.undefined.to_owned(), |m| say.p(m.mean.0));
    out.push((w.returns)(
        &moic,
        &say.p(mc.prob_loss.0),
        &say.kr_f64(mc.expected_loss.0),
        &say.kr_f64(mc.worst_5pct_mean.0),
    ));
    out
}

/// The years: the base case's flows and balance, and the balance's band over the trials.
fn years(r: &PortfolioReport, say: Say) -> String {
    let w = &say.words.portfolio;
    let fund = r.fund.is_some();
    let mc = r.monte_carlo.as_ref();
    let mut head = vec![w.years_title, w.joining, w.invested, w.received];
    if fund {
        head.extend([w.fee, w.balance_base]);
    }
    if mc.is_some() {
        if fund {
            head.extend([
                w.balance_mean,
                w.balance_p5,
                w.balance_p95,
                w.prob_exhausted,
            ]);
        } else {
            head.push(w.outstanding_mean);
        }
    }
    let mut t = new_table(&head, 1);
    for y in &r.base.years {
        let mut row = vec![
            y.year.to_string(),
            y.joining.to_string(),
            say.kr(y.invested.0),
            say.kr(y.received.0),
        ];
        if fund {
            row.push(say.kr(y.fee.0));
            row.push(y.balance.as_ref().map_or(String::new(), |b| say.kr(b.0)));
        }
        if let Some(mc) = mc {
            if fund {
                let b = mc.balance_by_year.get(&y.year);
                row.push(b.map_or(String::new(), |b| say.kr_f64(b.mean.0)));
                row.push(b.map_or(String::new(), |b| say.kr_f64(b.p5.0)));
                row.push(b.map_or(String::new(), |b| say.kr_f64(b.p95.0)));
                let p = mc.prob_exhausted_by_year.get(&y.year);
                row.push(p.map_or(String::new(), |p| say.p(p.0)));
            } else {
                let o = mc.outstanding_by_year.get(&y.year);
                row.push(o.map_or(String::new(), |o| say.kr_f64(o.mean.0)));
            }
        }
        t.add_row(row);
    }
    format!("{t}\n{}\n", w.years_note)
}

/// The contracts: when each may join, what it needs, and how often it joins.
fn contracts(r: &PortfolioReport, say: Say) -> String {
    let w = &say.words.portfolio;
    let mc = r.monte_carlo.is_some();
    let mut head = vec![w.contracts_title, w.start, w.commitment, w.base_join];
    if mc {
        head.extend([w.prob_joined, w.mean_join, w.loss_share]);
    }
    let mut t = new_table(&head, 1);
    for e in r.entries.iter().take(SHOWN) {
        let name = match (say.lang, &e.name_da) {
            (crate::lang::Lang::Da, Some(n)) => n.clone(),
            _ => e.name.clone(),
        };
        let mut row = vec![
            name,
            e.start.to_string(),
            say.kr(e.commitment.0),
            e.base_join
                .map_or(w.not_joined.to_owned(), |y| y.to_string()),
        ];
        if mc {
            row.push(e.prob_joined.map_or(String::new(), |p| say.p(p.0)));
            row.push(e.mean_join_year.map_or(String::new(), |y| year_f(say, y)));
            row.push(e.loss_share.map_or(String::new(), |p| say.pct(p.0, 1)));
        }
        t.add_row(row);
    }
    let more = r.entries.len().saturating_sub(SHOWN);
    if more > 0 {
        format!("{t}\n{}\n", (w.more_contracts)(more))
    } else {
        format!("{t}\n")
    }
}

/// The most contracts the terminal lists (JSON, CSV and the workbook have every one).
const SHOWN: usize = 12;

/// What the joined contracts do to each payer, at the portfolio's first year.
fn payers(r: &PortfolioReport, say: Say) -> String {
    let w = &say.words.portfolio;
    let mc = r.monte_carlo.as_ref();
    let mut head = vec![w.payers_title, w.base_delta];
    if mc.is_some() {
        head.extend([w.mean_delta, w.p5, w.p95]);
    }
    let mut t = new_table(&head, 1);
    for (p, d) in &r.base.delta {
        let mut row = vec![p.clone(), say.kr(d.0)];
        if let Some(m) = mc.and_then(|m| m.delta.get(p)) {
            row.extend([
                say.kr_f64(m.mean.0),
                say.kr_f64(m.p5.0),
                say.kr_f64(m.p95.0),
            ]);
        }
        t.add_row(row);
    }
    let rate = say.pct(r.discount_rate, 1);
    format!("{t}\n{}\n", (w.payers_note)(r.start_year, &rate))
}

/// A mean calendar year with one decimal and no thousands separator (`2031.4`, `2031,4`).
fn year_f(say: Say, y: f64) -> String {
    let s = format!("{y:.1}");
    match say.lang {
        crate::lang::Lang::Da => s.replace('.', ","),
        crate::lang::Lang::En => s,
    }
}

/// A portfolio's grid: one row per combination.
pub fn grid(r: &crate::report::views::portfolio::PortfolioGridReport, say: Say) -> String {
    let w = &say.words.portfolio;
    let mut s = format!(
        "{}\n",
        (w.grid_title)(&r.name, r.rows.len(), &say.n(r.trials.into(), 0), r.seed)
    );
    let mut head: Vec<&str> = r.terms.iter().map(String::as_str).collect();
    let end = r.horizon_end;
    let exhausted = (w.grid_exhausted)(end);
    let balance = (w.grid_balance)(end);
    let balance_p5 = (w.grid_balance_p5)(end);
    let with_fund = r.rows.first().is_some_and(|x| x.prob_exhausted.is_some());
    head.extend([
        w.grid_joined,
        w.grid_joined_p5,
        w.grid_completers,
        w.grid_prob_loss,
        w.grid_moic,
        w.grid_expected_loss,
    ]);
    if with_fund {
        head.extend([
            exhausted.as_str(),
            w.grid_overdrawn,
            balance.as_str(),
            balance_p5.as_str(),
        ]);
    }
    if r.max_loss_prob.is_some() {
        head.push(w.grid_accepted);
    }
    let mut t = new_table(&head, 1);
    for row in &r.rows {
        let mut cells: Vec<String> = row
            .values
            .values()
            .map(|v| say.f(*v, if v.fract() == 0.0 { 0 } else { 3 }))
            .collect();
        cells.extend([
            say.f(row.joined_mean, 1),
            say.f(row.joined_p5, 0),
            say.f(row.completers_mean, 0),
            say.p(row.prob_loss.0),
            row.moic_mean
                .map_or_else(|| say.w.undefined.to_owned(), |m| say.p(m)),
            say.kr_f64(row.expected_loss.0),
        ]);
        if with_fund {
            cells.push(row.prob_exhausted.map_or_else(String::new, |p| say.p(p.0)));
            cells.push(row.prob_overdrawn.map_or_else(String::new, |p| say.p(p.0)));
            cells.push(
                row.balance_mean
                    .map_or_else(String::new, |b| say.kr_f64(b.0)),
            );
            cells.push(row.balance_p5.map_or_else(String::new, |b| say.kr_f64(b.0)));
        }
        if let Some(a) = row.accepted {
            cells.push(if a { w.grid_yes } else { w.grid_no }.to_owned());
        }
        t.add_row(cells);
    }
    s += &format!("{t}\n{}\n", w.grid_note);
    s
}

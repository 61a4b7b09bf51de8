//! A portfolio and its revolving fund as one HTML page (`somsim portfolio --format html`),
//! answer first: the kommuner and completers financed over the trials, the chance the fund is
//! exhausted and its return; then the fund's balance as a fan chart, P(exhausted) by year, and
//! the tables of the terminal, every contract listed. Every number that shows a value of the
//! JSON carries its JSON Pointer into [`PortfolioReport`], as the report's do.

use std::fmt::Write as _;

use super::{Fmt, Page, charts, esc};
use crate::decimal::to_f64;
use crate::report::locale::Lang;
use crate::report::text::portfolio as text;
use crate::report::text::table::Say;
use crate::report::views::base::NpvStatsView;
use crate::report::views::portfolio::PortfolioReport;

/// What the page adds to the brief's style: a wider page for the tables.
const STYLE: &str = r#"
body { max-width: 58rem; }
table th { vertical-align: bottom; }
table.years { font-size: 0.8rem; }
@media print { body { max-width: none; } }
"#;

/// The portfolio's page, in `lang`.
pub fn portfolio(r: &PortfolioReport, lang: Lang) -> String {
    let mut p = Page::new(lang);
    let w = &p.words.portfolio;
    let say = Say::of(lang);
    let name = text::name(r, say);
    p.open(&name, STYLE, &name, &esc(&text::subtitle(r, say)));
    for line in text::terms(r, say).iter().chain(&text::answer(r, say)) {
        let _ = writeln!(p.out, "<p>{}</p>", esc(line));
    }
    if let Some(mc) = &r.monte_carlo {
        let years: Vec<i32> = r.base.years.iter().map(|y| y.year).collect();
        let band = |d: &NpvStatsView| (d.p5.0, d.p25.0, d.p50.0, d.p75.0, d.p95.0);
        if r.fund.is_some() {
            let bands: Vec<_> = years
                .iter()
                .filter_map(|y| mc.balance_by_year.get(y))
                .map(band)
                .collect();
            let base: Vec<f64> = r
                .base
                .years
                .iter()
                .map(|y| y.balance.as_ref().map_or(0.0, |b| to_f64(b.0)))
                .collect();
            p.figure(
                charts::fan(lang, &years, &bands, &base, (w.axis_year, w.axis_balance)),
                w.balance_chart,
            );
            let horizon: Vec<i32> = mc.prob_exhausted_by_year.keys().copied().collect();
            let probs: Vec<f64> = mc.prob_exhausted_by_year.values().map(|p| p.0).collect();
            p.figure(
                charts::break_even(lang, &horizon, &probs, (w.axis_year, w.axis_probability)),
                w.exhausted_chart,
            );
        } else {
            let bands: Vec<_> = years
                .iter()
                .filter_map(|y| mc.outstanding_by_year.get(y))
                .map(band)
                .collect();
            let base: Vec<f64> = r
                .base
                .years
                .iter()
                .map(|y| to_f64(y.outstanding.0))
                .collect();
            p.figure(
                charts::fan(
                    lang,
                    &years,
                    &bands,
                    &base,
                    (w.axis_year, w.axis_outstanding),
                ),
                w.outstanding_chart,
            );
        }
    }
    let _ = writeln!(p.out, "<h2>{}</h2>", esc(w.evidence));
    years_table(&mut p, r);
    contracts_table(&mut p, r);
    let _ = write!(
        p.out,
        "<footer>{}</footer>\n</body>\n</html>\n",
        esc(&(w.footer)(&r.file, &say.n(r.trials.into(), 0), r.seed))
    );
    p.out
}

/// One table row of cells, right-aligned from the second.
fn row(p: &mut Page, cells: &[String], header: bool) {
    let tag = if header { "th" } else { "td" };
    p.push("<tr>");
    for (i, c) in cells.iter().enumerate() {
        let class = if i > 0 { " class=\"r\"" } else { "" };
        let _ = write!(p.out, "<{tag}{class}>{c}</{tag}>");
    }
    p.push("</tr>\n");
}

/// The years: the base case's flows and balance beside the balance's median and band.
fn years_table(p: &mut Page, r: &PortfolioReport) {
    let w = &p.words.portfolio;
    let fund = r.fund.is_some();
    let mut head = vec![w.years_title, w.joining, w.invested, w.received];
    if fund {
        head.extend([
            w.fee,
            w.balance_base,
            w.balance_mean,
            w.balance_p5,
            w.balance_p95,
            w.prob_exhausted,
        ]);
    }
    p.push("<table class=\"years\">\n");
    let head: Vec<String> = head.iter().map(|h| esc(h)).collect();
    row(p, &head, true);
    for (i, y) in r.base.years.iter().enumerate() {
        let at = format!("/base/years/{i}");
        let mut cells = vec![
            y.year.to_string(),
            y.joining.to_string(),
            p.num(&format!("{at}/invested"), Fmt::Kroner, to_f64(y.invested.0)),
            p.num(&format!("{at}/received"), Fmt::Kroner, to_f64(y.received.0)),
        ];
        if fund {
            cells.push(p.num(&format!("{at}/fee"), Fmt::Kroner, to_f64(y.fee.0)));
            let b = y.balance.as_ref().map_or(0.0, |b| to_f64(b.0));
            cells.push(p.num(&format!("{at}/balance"), Fmt::Kroner, b));
            let mc = r.monte_carlo.as_ref();
            let m = mc.and_then(|m| m.balance_by_year.get(&y.year));
            let at_m = format!("/monte_carlo/balance_by_year/{}", y.year);
            for (f, x) in [
                ("mean", m.map(|m| m.mean.0)),
                ("p5", m.map(|m| m.p5.0)),
                ("p95", m.map(|m| m.p95.0)),
            ] {
                cells.push(x.map_or_else(String::new, |x| {
                    p.num(&format!("{at_m}/{f}"), Fmt::Kroner, x)
                }));
            }
            let e = mc.and_then(|m| m.prob_exhausted_by_year.get(&y.year));
            let at_e = format!("/monte_carlo/prob_exhausted_by_year/{}", y.year);
            cells.push(e.map_or_else(String::new, |e| p.num(&at_e, Fmt::Num2, e.0)));
        }
        row(p, &cells, false);
    }
    let _ = writeln!(
        p.out,
        "</table>\n<p class=\"note\">{}</p>",
        esc(w.years_note)
    );
}

/// Every contract: when it may join, its commitment, when it joins, how often.
fn contracts_table(p: &mut Page, r: &PortfolioReport) {
    let w = &p.words.portfolio;
    let head: Vec<String> = [
        w.contracts_title,
        w.start,
        w.commitment,
        w.base_join,
        w.prob_joined,
        w.loss_share,
    ]
    .iter()
    .map(|h| esc(h))
    .collect();
    p.push("<table>\n");
    row(p, &head, true);
    for (k, e) in r.entries.iter().enumerate() {
        let at = format!("/entries/{k}");
        let cells = vec![
            esc(match (p.lang, &e.name_da) {
                (Lang::Da, Some(n)) => n,
                _ => &e.name,
            }),
            e.start.to_string(),
            p.num(
                &format!("{at}/commitment"),
                Fmt::Kroner,
                to_f64(e.commitment.0),
            ),
            e.base_join
                .map_or_else(|| esc(w.not_joined), |y| y.to_string()),
            e.prob_joined.map_or_else(String::new, |x| {
                p.num(&format!("{at}/prob_joined"), Fmt::Num2, x.0)
            }),
            e.loss_share.map_or_else(String::new, |x| {
                p.num(&format!("{at}/loss_share"), Fmt::Pct1, x.0)
            }),
        ];
        row(p, &cells, false);
    }
    p.push("</table>\n");
}

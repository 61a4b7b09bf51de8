//! The council brief as one HTML page that prints on two A4 pages: the answer in one sentence,
//! what the intervention buys, the budget years with their band and the contract's flows, one
//! chart, each municipality, and the contract in three lines. Every number carries its JSON
//! Pointer into [`BriefDoc`], as the full report's do.

use std::fmt::Write as _;

use super::{Fmt, Page, charts, esc, token};
use crate::decimal::to_f64;
use crate::report::views::brief::{AnswerView, BriefDoc, Verdict};
use crate::report::words::Words;
use crate::report::words::brief::{Answer, AnswerTrials};

/// The brief's style, which the settlement's page shares.
pub(super) const STYLE: &str = r#"
:root { --ink: #222; --muted: #555; --rule: #bbb; --accent: #4f81bd; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: var(--ink);
       max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4; font-size: 15px; }
h1 { font-size: 1.5rem; margin: 0 0 0.1rem; }
h2 { font-size: 1.05rem; margin: 1.1rem 0 0.3rem; border-bottom: 2px solid var(--accent); padding-bottom: 0.1rem; }
p { margin: 0.3rem 0; }
p.meta, p.note, figcaption, footer { color: var(--muted); font-size: 0.85rem; }
p.answer { font-size: 1.2rem; font-weight: 600; margin: 0.8rem 0 0.6rem; padding: 0.5rem 0.7rem;
           border-left: 5px solid var(--ink); background: #f3f3f3; }
p.caveat { border-left: 4px solid #c0504d; padding: 0.2rem 0.6rem; }
table { border-collapse: collapse; margin: 0.3rem 0 0.4rem; font-size: 0.85rem; width: 100%; }
th, td { padding: 0.15rem 0.4rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { border-bottom: 2px solid var(--ink); font-weight: 600; }
td.r, th.r { text-align: right; white-space: nowrap; }
figure { margin: 0.4rem 0; }
figure svg { width: 100%; height: auto; display: block; }
ul.contract { margin: 0.2rem 0 0.2rem 1.1rem; padding: 0; }
footer { margin-top: 0.8rem; border-top: 1px solid var(--rule); padding-top: 0.3rem; }
@page { size: A4; margin: 13mm 13mm; }
@media print {
  body { max-width: none; margin: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; }
  figure, table, p.answer, ul.contract, section { break-inside: avoid; }
}
"#;

/// The brief's page.
pub fn brief(doc: &BriefDoc) -> String {
    let words = Words::of(doc.lang);
    let mut p = Page {
        lang: doc.lang,
        words,
        w: &words.page,
        out: String::new(),
    };
    let b = &words.brief;
    let who_text = (words.who)(&doc.perspective);
    let who = esc(&who_text);
    let last = doc.start_year + doc.horizon as i32 - 1;
    let _ = write!(
        p.out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <title>{}: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>{}</h1>\n<p class=\"meta\">{}: {}</p>\n",
        p.w.html_lang,
        esc(b.title),
        esc(&doc.scenario),
        esc(&doc.scenario),
        esc(b.title),
        esc(&(b.meta)(&who_text, doc.start_year, last, doc.price_year)),
    );
    answer(&mut p, doc, &who);
    buys(&mut p, doc, &who);
    budget(&mut p, doc, &who);
    chart(&mut p, doc, &who);
    contracts(&mut p, doc, &who);
    municipalities(&mut p, doc);
    let trials = doc.trials.map(|n| p.lang.number(n.into(), 0));
    let _ = write!(
        p.out,
        "<footer>{}<br />{}</footer>\n</body>\n</html>\n",
        esc(b.full_report),
        esc(&(b.footer)(doc.seed, trials.as_deref(), &doc.engine))
    );
    p.out
}

/// Capitalised, for the start of a sentence.
pub(super) fn upper(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The one sentence: pays or not, by when, how surely; and the evidence caveat.
fn answer(p: &mut Page, doc: &BriefDoc, who: &str) {
    let a = &doc.answer;
    let sentence = sentence(p, "/answer", a, who);
    let class = match a.verdict {
        Verdict::Pays => "pays",
        Verdict::Uncertain => "uncertain",
        Verdict::DoesNotPay => "does-not-pay",
    };
    let _ = writeln!(p.out, "<p class=\"answer {class}\">{sentence}</p>");
}

/// The answer `a` (at JSON Pointer `at`) in one sentence, for `who` (HTML).
pub(super) fn sentence(p: &Page, at: &str, a: &AnswerView, who: &str) -> String {
    let base = p.num(&format!("{at}/base_npv"), Fmt::Mio, to_f64(a.base_npv.0));
    let trials = (a.npv.zip(a.prob_npv_positive)).map(|(n, prob)| {
        (
            p.num(&format!("{at}/prob_npv_positive"), Fmt::Pct, prob.0),
            p.num(&format!("{at}/npv/mean"), Fmt::Mio, n.mean.0),
            p.num(&format!("{at}/npv/p5"), Fmt::Mio, n.p5.0),
            p.num(&format!("{at}/npv/p95"), Fmt::Mio, n.p95.0),
        )
    });
    let median_year = (a.median_break_even_year)
        .map(|y| p.num(&format!("{at}/median_break_even_year"), Fmt::Year, y as f64));
    (p.words.brief.answer)(&Answer {
        who,
        verdict: a.verdict,
        trials: trials.as_ref().map(|(prob, mean, low, high)| AnswerTrials {
            prob,
            mean,
            low,
            high,
        }),
        base: &base,
        median_year,
        last: a.last_year,
    })
}

/// What it buys, and what a unit costs the perspective.
fn buys(p: &mut Page, doc: &BriefDoc, who: &str) {
    let b = &p.words.brief;
    if doc.buys.is_empty() && !doc.evidence_caveat {
        return;
    }
    let _ = writeln!(p.out, "<section>\n<h2>{}</h2>", esc(b.buys));
    let last = doc.start_year + doc.horizon as i32 - 1;
    for (i, u) in doc.buys.iter().enumerate() {
        let at = format!("/buys/{i}");
        let units = p.num(&format!("{at}/units"), Fmt::Count, to_f64(u.units.0));
        let _ = write!(
            p.out,
            "<p>{} ",
            (b.buys_units)(&units, &esc(&u.name), &esc(&u.unit), doc.start_year, last)
        );
        match u.cost_per_unit {
            Some(c) if c.0.is_sign_positive() => {
                let cost = p.num(&format!("{at}/cost_per_unit"), Fmt::Kroner, to_f64(c.0));
                let band = u.cost_per_unit_mc.map(|m| {
                    (
                        p.num(&format!("{at}/cost_per_unit_mc/p5"), Fmt::Kroner, m.p5.0),
                        p.num(&format!("{at}/cost_per_unit_mc/p95"), Fmt::Kroner, m.p95.0),
                    )
                });
                let band = band.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
                p.push(&(b.unit_cost)(who, &cost, band));
            }
            Some(_) => p.push(&esc(&(b.unit_saving)(&upper(who)))),
            None => {}
        }
        p.push("</p>\n");
    }
    if doc.evidence_caveat {
        let _ = writeln!(
            p.out,
            "<p class=\"caveat\"><strong>{}.</strong> {}</p>",
            esc(b.evidence),
            esc(p.w.evidence_caveat)
        );
    }
    p.push("</section>\n");
}

/// The budget year and the years after it: base case, mean, 90% band, the contract's flows.
fn budget(p: &mut Page, doc: &BriefDoc, who: &str) {
    let b = &p.words.brief;
    if doc.budget.is_empty() {
        return;
    }
    let investor = match doc.contracts.as_slice() {
        [one] => one.investor.clone(),
        _ => b.investors.to_owned(),
    };
    let contract = doc.budget.iter().any(|y| y.invested.is_some());
    let mc = doc.budget.iter().any(|y| y.net.is_some());
    let _ = write!(
        p.out,
        "<section>\n<h2>{}</h2>\n<table>\n<tr><th>{}</th><th class=\"r\">{}</th>",
        esc(&(b.budget)(who)),
        esc(b.year),
        esc(b.base_case)
    );
    if mc {
        let _ = write!(
            p.out,
            "<th class=\"r\">{}</th><th class=\"r\">{}</th>",
            esc(b.mean),
            esc(b.band_90)
        );
    }
    let current = doc.budget.iter().any(|y| y.current.is_some());
    if current {
        let _ = write!(p.out, "<th class=\"r\">{}</th>", esc(b.in_current_prices));
    }
    if contract {
        let _ = write!(
            p.out,
            "<th class=\"r\">{}</th><th class=\"r\">{}</th>",
            esc(&(b.invested)(&investor)),
            esc(&(b.repaid)(&investor))
        );
    }
    p.push("</tr>\n");
    for (t, y) in doc.budget.iter().enumerate() {
        let at = format!("/budget/{t}");
        let kind = if t == 0 { b.budget_year } else { b.later_year };
        let base = p.num(&format!("{at}/base_net"), Fmt::Count, to_f64(y.base_net.0));
        let _ = write!(
            p.out,
            "<tr><td>{} ({})</td><td class=\"r\">{base}</td>",
            y.year,
            esc(kind)
        );
        if let Some(n) = y.net {
            let mean = p.num(&format!("{at}/net/mean"), Fmt::Count, n.mean.0);
            let lo = p.num(&format!("{at}/net/p5"), Fmt::Count, n.p5.0);
            let hi = p.num(&format!("{at}/net/p95"), Fmt::Count, n.p95.0);
            let _ = write!(
                p.out,
                "<td class=\"r\">{mean}</td><td class=\"r\">{lo} – {hi}</td>"
            );
        } else if mc {
            p.push("<td></td><td></td>");
        }
        if let Some(c) = &y.current {
            // The expected net (the mean over the trials, else the base case) in current prices.
            let v = match c.mean {
                Some(m) => p.num(&format!("{at}/current/mean"), Fmt::Count, m.0),
                None => p.num(
                    &format!("{at}/current/base_net"),
                    Fmt::Count,
                    to_f64(c.base_net.0),
                ),
            };
            let _ = write!(p.out, "<td class=\"r\">{v}</td>");
        }
        if contract {
            let cell = |p: &Page, field: &str, x: Option<f64>| match x {
                Some(x) => p.num(&format!("{at}/{field}"), Fmt::Count, x),
                None => String::new(),
            };
            let inv = cell(p, "invested", y.invested.map(|x| x.0));
            let rep = cell(p, "repaid", y.repaid.map(|x| x.0));
            let _ = write!(
                p.out,
                "<td class=\"r\">{inv}</td><td class=\"r\">{rep}</td>"
            );
        }
        p.push("</tr>\n");
    }
    let mut note = if contract {
        format!("{} {}", b.budget_note, b.budget_contract_note)
    } else {
        b.budget_note.to_owned()
    };
    if let Some(pr) = &doc.projection {
        note.push(' ');
        note += &(b.current_note)(pr.name_in(doc.lang), doc.price_year);
        if !pr.sourced {
            note.push(' ');
            note += b.unsourced;
        }
    }
    let _ = writeln!(
        p.out,
        "</table>\n<p class=\"note\">{}</p>\n</section>",
        esc(&note)
    );
}

/// The one chart: the cumulative discounted net with its bands.
fn chart(p: &mut Page, doc: &BriefDoc, who: &str) {
    let b = &p.words.brief;
    let years: Vec<i32> = (0..doc.horizon as i32)
        .map(|t| doc.start_year + t)
        .collect();
    let base: Vec<f64> = doc.cumulative_base.iter().map(|m| to_f64(m.0)).collect();
    let bands: Vec<_> = (doc.cumulative.iter())
        .map(|b| (b.p5.0, b.p25.0, b.p50.0, b.p75.0, b.p95.0))
        .collect();
    if bands.is_empty() {
        return;
    }
    let _ = writeln!(p.out, "<section>\n<h2>{}</h2>", esc(b.chart));
    let svg = charts::fan(p.lang, &years, &bands, &base, (b.year, b.chart_axis));
    p.figure(svg, &(b.chart_note)(who));
    p.push("</section>\n");
}

/// Beyond this many municipalities the brief gives their spread in a sentence, not a table.
const FOLD: usize = 8;

/// Each municipality's own NPV, where there are several.
fn municipalities(p: &mut Page, doc: &BriefDoc) {
    let b = &p.words.brief;
    if doc.municipalities.is_empty() {
        return;
    }
    if doc.municipalities.len() > FOLD {
        let probs = doc.municipalities.values().map(|m| m.prob_npv_positive.0);
        let means = doc.municipalities.values().map(|m| m.npv.mean.0);
        let range = |xs: &mut dyn Iterator<Item = f64>| {
            xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                (lo.min(x), hi.max(x))
            })
        };
        let ((plo, phi), (mlo, mhi)) = (range(&mut probs.clone()), range(&mut means.clone()));
        let text = (b.municipalities_folded)(
            doc.municipalities.len(),
            (&Fmt::Pct.text(p.lang, plo), &Fmt::Pct.text(p.lang, phi)),
            (
                &Fmt::Kroner.text(p.lang, mlo),
                &Fmt::Kroner.text(p.lang, mhi),
            ),
        );
        let _ = writeln!(
            p.out,
            "<section>\n<h2>{}</h2>\n<p>{}</p>\n</section>",
            esc(b.municipalities),
            esc(&text)
        );
        return;
    }
    let _ = write!(
        p.out,
        "<section>\n<h2>{}</h2>\n<table>\n<tr><th>{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th><th class=\"r\">{}</th></tr>\n",
        esc(b.municipalities),
        esc(b.municipality),
        esc(b.mean),
        esc(b.band_90),
        esc(b.prob_positive)
    );
    for (name, m) in &doc.municipalities {
        let at = format!("/municipalities/{}", token(name));
        let mean = p.num(&format!("{at}/npv/mean"), Fmt::Kroner, m.npv.mean.0);
        let lo = p.num(&format!("{at}/npv/p5"), Fmt::Kroner, m.npv.p5.0);
        let hi = p.num(&format!("{at}/npv/p95"), Fmt::Kroner, m.npv.p95.0);
        let pos = p.num(
            &format!("{at}/prob_npv_positive"),
            Fmt::Pct,
            m.prob_npv_positive.0,
        );
        let _ = writeln!(
            p.out,
            "<tr><td>{}</td><td class=\"r\">{mean}</td><td class=\"r\">{lo} – {hi}</td><td class=\"r\">{pos}</td></tr>",
            esc(name)
        );
    }
    p.push("</table>\n</section>\n");
}

/// Each contract in three lines.
fn contracts(p: &mut Page, doc: &BriefDoc, who: &str) {
    let b = &p.words.brief;
    for (k, c) in doc.contracts.iter().enumerate() {
        let at = format!("/contracts/{k}");
        let _ = writeln!(
            p.out,
            "<section>\n<h2>{}: {}</h2>\n<ul class=\"contract\">",
            esc(b.contracts),
            esc(&c.name)
        );
        let invested = p.num(&format!("{at}/invested"), Fmt::Mio, to_f64(c.invested.0));
        let years = c.invested_years.map(|[a, b]| (a, b));
        let _ = writeln!(
            p.out,
            "<li>{}</li>",
            // The sentence's first letter, whatever the language starts it with.
            upper(&(b.prefinances)(&esc(&c.investor), &invested, years))
        );
        let repaid = c
            .repaid
            .map(|x| p.num(&format!("{at}/repaid"), Fmt::Mio, x.0));
        let _ = writeln!(
            p.out,
            "<li>{}</li>",
            (b.repays)(
                &upper(who),
                &esc(&c.investor),
                repaid.as_deref(),
                c.last_year
            )
        );
        if let (Some(w), Some(d)) = (c.prob_worse, c.delta) {
            let prob = p.num(&format!("{at}/prob_worse"), Fmt::Pct, w.0);
            let mean = p.num(&format!("{at}/delta/mean"), Fmt::Kroner, d.mean.0);
            let _ = writeln!(p.out, "<li>{}</li>", (b.worse_off)(who, &prob, &mean));
        }
        if let Some(loss) = c.prob_loss {
            let loss = p.num(&format!("{at}/prob_loss"), Fmt::Pct, loss.0);
            let guarantee = (c.guarantor.as_ref())
                .zip(c.prob_guarantee_drawn.zip(c.mean_guarantee_draw))
                .map(|(g, (prob, draw))| {
                    (
                        esc(g),
                        p.num(&format!("{at}/prob_guarantee_drawn"), Fmt::Pct, prob.0),
                        p.num(&format!("{at}/mean_guarantee_draw"), Fmt::Kroner, draw.0),
                    )
                });
            let g = guarantee
                .as_ref()
                .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()));
            let _ = writeln!(
                p.out,
                "<li>{}</li>",
                upper(&(b.investor_risk)(&esc(&c.investor), &loss, g))
            );
        }
        p.push("</ul>\n</section>\n");
    }
}

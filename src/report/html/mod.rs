//! `somsim report`: one self-contained HTML page (no scripts, no network, charts as inline
//! SVG) for the people who decide, in Danish or English, printable to A4.
//!
//! Every number on the page that shows a value of the report's JSON (`--format json`) carries
//! that value's JSON Pointer and its format (`data-json`, `data-format`), so a test can read
//! each one back and compare.

mod brief;
mod charts;
mod comparison;
mod contract;
mod pictures;
mod portfolio;
mod sections;
mod settle;
mod stack;
mod together;
mod value;

use std::fmt::Write as _;

pub use brief::brief;
pub use portfolio::portfolio;
pub use settle::settle;

use crate::report::locale::Lang;
use crate::report::views::page::ReportDoc;
use crate::report::words::{Page as PageWords, Words};

/// How a number is printed, and so how closely it shows its JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fmt {
    /// Whole kroner: `1.234.567 kr.`.
    Kroner,
    /// Kroner to the øre, without the unit (a statement's column says it): `1.234.567,89`.
    Ore,
    /// Millions with one decimal: `6,9 mio. kr.`.
    Mio,
    /// A share as a whole percentage: `35 pct.`.
    Pct,
    /// A share as a percentage with one decimal: `3,5 pct.`.
    Pct1,
    /// A number with two decimals.
    Num2,
    /// A number with three decimals (a measured share).
    Num3,
    /// A whole number with thousands separators.
    Count,
    /// A calendar year.
    Year,
}

impl Fmt {
    fn name(self) -> &'static str {
        match self {
            Fmt::Kroner => "kroner",
            Fmt::Ore => "ore",
            Fmt::Mio => "mio",
            Fmt::Pct => "pct",
            Fmt::Pct1 => "pct1",
            Fmt::Num2 => "num2",
            Fmt::Num3 => "num3",
            Fmt::Count => "count",
            Fmt::Year => "year",
        }
    }

    fn text(self, lang: Lang, x: f64) -> String {
        let d = crate::decimal::from_f64(x).unwrap_or_default();
        match self {
            Fmt::Kroner => lang.kroner(d),
            Fmt::Ore => lang.number(d, 2),
            Fmt::Mio => lang.millions(d, 1),
            Fmt::Pct => lang.percent(d, 0),
            Fmt::Pct1 => lang.percent(d, 1),
            Fmt::Num2 => lang.number(d, 2),
            Fmt::Num3 => lang.number(d, 3),
            Fmt::Count => lang.number(d, 0),
            Fmt::Year => format!("{}", x as i64),
        }
    }
}

/// Text for HTML: `&`, `<`, `>` and quotes escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// A histogram's caption on its end bars, which also hold the trials beyond them: "the first
/// bar also holds every trial below x (or less), the last every trial from y (or more)".
fn tails(lang: Lang, edges: &[f64], axis: charts::Axis) -> String {
    let n = edges.len();
    if n < 3 {
        return String::new();
    }
    let value = |x: f64| esc(&charts::axis_value(lang, x, axis));
    (Words::of(lang).page.tails)(&value(edges[1]), &value(edges[n - 2]))
}

/// A JSON Pointer token (RFC 6901): `~` and `/` escaped.
fn token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// The page's writer: the language, its words, and the numbers it prints.
struct Page {
    lang: Lang,
    /// The language's vocabulary, and (`w`) its words of the page.
    words: &'static Words,
    w: &'static PageWords,
    out: String,
}

impl Page {
    /// An empty page in `lang`.
    fn new(lang: Lang) -> Page {
        let words = Words::of(lang);
        Page {
            lang,
            words,
            w: &words.page,
            out: String::new(),
        }
    }

    /// The head of a self-contained page in the brief's style plus `style`, no request
    /// allowed, titled `title`, its heading `h1` and under it `meta_html` (already escaped).
    fn open(&mut self, title: &str, style: &str, h1: &str, meta_html: &str) {
        use std::fmt::Write as _;
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\" />\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
             <title>{}</title>\n<style>{}{style}</style>\n</head>\n<body>\n\
             <h1>{}</h1>\n<p class=\"meta\">{meta_html}</p>\n",
            self.w.html_lang,
            esc(title),
            brief::STYLE,
            esc(h1),
        );
    }

    /// A number showing the JSON value at `pointer`.
    fn num(&self, pointer: &str, fmt: Fmt, x: f64) -> String {
        format!(
            "<span class=\"n\" data-json=\"{}\" data-format=\"{}\">{}</span>",
            esc(pointer),
            fmt.name(),
            esc(&fmt.text(self.lang, x))
        )
    }

    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A chart in a figure with its caption; nothing when it could not be drawn.
    fn figure(&mut self, svg: Option<String>, caption: &str) {
        self.figure_html(svg, &esc(caption));
    }

    /// A chart in a figure whose caption is HTML (numbers, a legend).
    fn figure_html(&mut self, svg: Option<String>, caption: &str) {
        if let Some(svg) = svg {
            let _ = writeln!(
                self.out,
                "<figure>{}<figcaption>{caption}</figcaption></figure>",
                svg_body(&svg)
            );
        }
    }
}

/// plotters' SVG, ready to inline: scalable, with a role for screen readers.
fn svg_body(svg: &str) -> String {
    let s = svg.trim_start_matches(|c: char| c != '<');
    s.replacen(
        "<svg ",
        "<svg role=\"img\" preserveAspectRatio=\"xMinYMin meet\" ",
        1,
    )
}

const STYLE: &str = r#"
:root { --ink: #222; --muted: #666; --rule: #ccc; --accent: #4f81bd; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
h4 { font-size: 0.95rem; margin: 1.1rem 0 0.3rem; }
span.band { color: var(--muted); font-size: 0.75rem; }
table.flows { font-size: 0.8rem; }
table.flows td, table.flows th { padding: 0.2rem 0.3rem; }
p.meta, p.note, figcaption, footer { color: var(--muted); font-size: 0.9rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 0.9rem; width: 100%; }
th, td { padding: 0.25rem 0.5rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { border-bottom: 2px solid var(--ink); }
td.r, th.r { text-align: right; }
td.r { white-space: nowrap; }
figure { margin: 0.8rem 0 1.2rem; }
figure svg { width: 100%; height: auto; display: block; }
.legend span.line { display: inline-block; width: 1.6rem; margin: 0 0.3rem 0 0.9rem; vertical-align: 0.2rem; }
.legend span.key { display: inline-block; width: 0.8rem; height: 0.8rem; margin: 0 0.3rem 0 0.9rem; vertical-align: -0.1rem; }
.caveat { border-left: 4px solid #c0504d; background: #fbf1f0; padding: 0.5rem 0.8rem; }
.summary li { margin-bottom: 0.4rem; }
p.answer { font-size: 1.1rem; font-weight: 600; margin: 0.8rem 0 0.6rem; padding: 0.5rem 0.7rem;
           border-left: 4px solid var(--accent); background: #f3f6fa; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: 0.6rem; }
code { font-size: 0.85rem; word-break: break-all; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  h2, h3, h4, p.note, p.legend { break-after: avoid; }
  figure, table, .caveat, li, div.keep { break-inside: avoid; }
  section.scenario + section.scenario, section.comparison + section.scenario { break-before: page; }
}
"#;

/// The whole page.
pub fn page(doc: &ReportDoc) -> String {
    let words = Words::of(doc.lang);
    let w = &words.page;
    let mut p = Page {
        lang: doc.lang,
        words,
        w,
        out: String::new(),
    };
    let title = doc
        .scenarios
        .iter()
        .map(|s| s.run.scenario.as_str())
        .collect::<Vec<_>>()
        .join(" · ");
    let _ = write!(
        p.out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <title>{}: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        w.html_lang,
        esc(w.report),
        esc(&title)
    );
    comparison::comparison(&mut p, doc);
    for (i, s) in doc.scenarios.iter().enumerate() {
        sections::scenario(&mut p, &format!("/scenarios/{i}"), s);
    }
    sections::footer(&mut p, doc);
    p.push("</body>\n</html>\n");
    p.out
}

//! What every table for people shares: the table's language (its words and numbers) and the
//! house style of aligned tables.

use comfy_table::{Cell, CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};
use rust_decimal::Decimal;

use crate::report::locale::Lang;
use crate::report::words::{Tables, Words};

/// The table's language: its words ([`Tables`]) and its numbers.
#[derive(Clone, Copy)]
pub struct Say {
    /// The language, for its number formats.
    pub lang: Lang,
    /// Its vocabulary.
    pub words: &'static Words,
    /// The words of the tables.
    pub w: &'static Tables,
}

impl Say {
    /// The tables in `lang`.
    pub fn of(lang: Lang) -> Say {
        let words = Words::of(lang);
        Say {
            lang,
            words,
            w: &words.tables,
        }
    }
    /// `d` with `decimals` decimals and thousands separators.
    pub(crate) fn n(self, d: Decimal, decimals: u32) -> String {
        self.lang.number(d, decimals)
    }
    /// Whole kroner, no unit.
    pub(crate) fn kr(self, d: Decimal) -> String {
        self.n(d, 0)
    }
    /// An f64 with `decimals` decimals, or `n/a`.
    pub(crate) fn f(self, x: f64, decimals: u32) -> String {
        crate::decimal::from_f64(x)
            .map_or_else(|| self.w.not_available.into(), |d| self.n(d, decimals))
    }
    /// An f64 amount in whole kroner, or `n/a`.
    pub(crate) fn kr_f64(self, x: f64) -> String {
        self.f(x, 0)
    }
    /// A probability or ratio with two decimals.
    pub(crate) fn p(self, x: f64) -> String {
        self.f(x, 2)
    }
    /// A share as a percentage with `decimals` decimals (`3.5%`, `3,5 pct.`), or `n/a`.
    pub(crate) fn pct(self, x: f64, decimals: u32) -> String {
        crate::decimal::from_f64(x).map_or_else(
            || self.w.not_available.into(),
            |d| self.lang.percent(d, decimals),
        )
    }
    /// The header of percentile `p` (`5%`, `5 pct.`).
    pub(crate) fn percentile(self, p: u32) -> String {
        self.lang.percent(Decimal::new(p.into(), 2), 0)
    }
    /// A ratio such as ROI, or `undefined`.
    pub(crate) fn ratio(self, d: Option<Decimal>) -> String {
        d.map_or_else(|| self.w.undefined.into(), |x| self.n(x, 2))
    }
}

/// Rules above, below and under the header; none between rows.
const HOUSE_STYLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::none().fill('─').junction('─'))
    .header_separator(LineStyle::none().fill('─').junction('─'))
    .bottom_border(LineStyle::none().fill('─').junction('─'));

/// A table in the house style: light rules, numbers right-aligned.
pub fn new_table(header: &[&str], numeric_from: usize) -> Table {
    let mut t = Table::new();
    t.load_style(HOUSE_STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().map(Cell::new));
    for i in numeric_from..header.len() {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// Text for a terminal: no trailing spaces (the tables pad their last column), and control
/// characters from the input shown escaped.
pub fn tidy(s: String) -> String {
    let s = crate::report::format::printable(&s);
    let mut out: String = s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
}

/// Whether a perspective has no flows at all in the base case.
pub(crate) fn no_flows(r: &crate::report::views::RunReport, name: &str) -> bool {
    r.base.perspectives.get(name).is_some_and(|p| !p.has_flows)
}

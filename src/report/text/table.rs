//! What every table for people shares: the table's language (its words and numbers) and the
//! house style of aligned tables.

use std::sync::atomic::{AtomicUsize, Ordering};

use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Row, Table, TableStyle,
    Width,
};
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

/// The width the tables fit, in characters (0: no limit). Set once by the command line
/// ([`set_width`]); the width of a terminal, else 100.
static WIDTH: AtomicUsize = AtomicUsize::new(0);

/// The width the text tables fit (0: no limit): a table wider than this wraps its column
/// headings (never a number) until it fits, or until every column is as narrow as its widest
/// value.
pub fn set_width(width: usize) {
    WIDTH.store(width, Ordering::Relaxed);
}

/// The width tables fit now (0: no limit).
pub fn width() -> usize {
    WIDTH.load(Ordering::Relaxed)
}

/// A table in the house style, fitted to [`width`] when it is written.
pub struct Grid {
    table: Table,
    /// The widest value of each column (headings not counted), in characters.
    widest: Vec<usize>,
}

impl Grid {
    /// Add a row of cells.
    pub fn add_row<T: Into<Row>>(&mut self, row: T) -> &mut Self {
        let row: Row = row.into();
        for (i, c) in row.cell_iter().enumerate() {
            let w = c.content().lines().map(|l| l.chars().count()).max();
            if self.widest.len() <= i {
                self.widest.resize(i + 1, 0);
            }
            self.widest[i] = self.widest[i].max(w.unwrap_or(0));
        }
        self.table.add_row(row);
        self
    }
}

impl std::fmt::Display for Grid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let natural = self.table.to_string();
        let limit = width();
        let wide = natural
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        if limit == 0 || wide <= limit {
            return f.write_str(&natural);
        }
        // Too wide: let the headings wrap, each column no narrower than its widest value.
        let mut t = self.table.clone();
        t.set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(limit).unwrap_or(u16::MAX));
        let constraints: Vec<ColumnConstraint> = (0..t.column_count())
            .map(|i| {
                // The width with the padding of one space on either side.
                let w = self.widest.get(i).copied().unwrap_or(0).max(1) + 2;
                ColumnConstraint::LowerBoundary(Width::Fixed(u16::try_from(w).unwrap_or(u16::MAX)))
            })
            .collect();
        t.set_constraints(constraints);
        f.write_str(&t.to_string())
    }
}

/// A table in the house style: light rules, numbers right-aligned.
pub fn new_table(header: &[&str], numeric_from: usize) -> Grid {
    let mut t = Table::new();
    t.load_style(HOUSE_STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().map(Cell::new));
    for i in numeric_from..header.len() {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    // A heading wraps between its words, never inside one.
    let widest = (header.iter())
        .map(|h| h.split(' ').map(|w| w.chars().count()).max().unwrap_or(0))
        .collect();
    Grid { table: t, widest }
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

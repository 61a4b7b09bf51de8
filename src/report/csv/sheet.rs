//! What every CSV table shares: the sheet (written by the `csv` crate), the guard on text
//! cells, and how money and numbers are written.

use crate::decimal::round_ore;
use crate::report::views::{Money, Num};

/// A text cell, guarded against formula injection (quoting is the [`Sheet`]'s job).
///
/// A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage
/// return before one) as a formula; a name such as `=HYPERLINK(...)` in a scenario would run
/// when a finance officer opens the CSV. Such text gets a leading `'`, which spreadsheets show
/// as text (OWASP's advice). A spreadsheet may also split the field where this file does not:
/// a Danish Excel separates columns with `;`, others with a tab, and a reader that ignores
/// the quotes splits at `,`. So every piece after a `,`, `;`, tab or line break that would
/// begin a formula (spaces before it included) gets a `'` too: `a;=1+1` is written `a;'=1+1`.
/// A plain number (`-0.05`, a `--set` value, `1;-2`) is left as it is.
pub fn text(s: &str) -> String {
    let number = |piece: &str| piece.trim().parse::<f64>().is_ok_and(f64::is_finite);
    let risky =
        |piece: &str| piece.trim_start_matches(' ').starts_with(FORMULA_STARTS) && !number(piece);
    let mut out = String::with_capacity(s.len() + 1);
    if (s.starts_with(['\t', '\r']) && !number(s)) || risky(s) {
        out.push('\'');
    }
    let mut pieces = s.split_inclusive(SEPARATORS).peekable();
    while let Some(piece) = pieces.next() {
        out.push_str(piece);
        if pieces.peek().is_some_and(|next| risky(next)) {
            out.push('\'');
        }
    }
    out
}

/// What begins a formula in a spreadsheet's cell.
const FORMULA_STARTS: [char; 4] = ['=', '+', '-', '@'];

/// Where a spreadsheet may split a field into cells: the separators of CSV files as
/// spreadsheets write them (`,`, `;` in Danish Excel, tab) and line breaks.
const SEPARATORS: [char; 5] = [',', ';', '\t', '\r', '\n'];

/// A CSV document written by the `csv` crate (RFC 4180 quoting where needed, `\n` line ends),
/// to any writer: a string for the small reports, the output file itself for `--samples`.
pub struct Sheet<W: std::io::Write> {
    writer: csv::Writer<W>,
}

impl<W: std::io::Write> Sheet<W> {
    /// A sheet writing to `w` as it goes.
    pub fn over(w: W) -> Sheet<W> {
        Sheet {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(w),
        }
    }

    /// One record. Text cells should come through [`text`]; numbers are written as given.
    pub fn row<I, C>(&mut self, cells: I) -> std::io::Result<()>
    where
        I: IntoIterator<Item = C>,
        C: AsRef<[u8]>,
    {
        self.writer
            .write_record(cells)
            .map_err(std::io::Error::other)
    }

    /// Flush what is buffered.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

impl Sheet<Vec<u8>> {
    /// A sheet built in memory.
    pub fn new() -> Sheet<Vec<u8>> {
        Sheet::over(Vec::new())
    }

    /// The document as text.
    pub fn finish(self) -> String {
        let bytes = self.writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// Add a record (writing to memory cannot fail).
    pub fn push<I, C>(&mut self, cells: I)
    where
        I: IntoIterator<Item = C>,
        C: AsRef<[u8]>,
    {
        let _ = self.row(cells);
    }
}

impl Default for Sheet<Vec<u8>> {
    fn default() -> Self {
        Sheet::new()
    }
}

/// Money with two decimals (øre), rounded half away from zero.
pub fn money(m: &Money) -> String {
    format!("{:.2}", round_ore(m.0))
}

/// A plain number with up to 12 decimals.
pub fn num(n: &Num) -> String {
    n.0.round_dp(12).normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn one(cell: &str) -> String {
        let mut sheet = Sheet::new();
        sheet.push([text(cell), "1".into()]);
        sheet.finish().trim_end().trim_end_matches(",1").to_owned()
    }

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(one("Fredericia"), "Fredericia");
        assert_eq!(one("coordinator, Kolding"), "\"coordinator, Kolding\"");
        assert_eq!(one("a \"b\""), "\"a \"\"b\"\"\"");
    }

    #[test]
    fn formulas_are_written_as_text() {
        assert_eq!(one("=1+2"), "'=1+2");
        assert_eq!(one("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(one("+45 1234"), "'+45 1234");
        assert_eq!(one("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
        assert_eq!(
            one("=HYPERLINK(\"x\", \"y\")"),
            "\"'=HYPERLINK(\"\"x\"\", \"\"y\"\")\""
        );
        // Numbers stay numbers.
        assert_eq!(text("-0.05"), "-0.05");
        assert_eq!(text("+7"), "+7");
        // Not a number a spreadsheet reads: a formula name.
        assert_eq!(text("-inf"), "'-inf");
    }

    #[test]
    fn formulas_after_a_separator_are_written_as_text() {
        // A Danish Excel splits at `;`: the piece after it would run.
        assert_eq!(text("a;=1+1"), "a;'=1+1");
        assert_eq!(one("a;=1+1"), "a;'=1+1");
        // Quoted for `,` (the CSV's own separator), guarded for readers that split anyway.
        assert_eq!(text("a,=1"), "a,'=1");
        assert_eq!(one("a,=1"), "\"a,'=1\"");
        assert_eq!(text("x\t@y"), "x\t'@y");
        assert_eq!(text("x\n+cmd"), "x\n'+cmd");
        // Spaces before the formula do not hide it; every piece is guarded, the first too.
        assert_eq!(text("a; -HYPERLINK(1)"), "a;' -HYPERLINK(1)");
        assert_eq!(text("=a;=b,@c"), "'=a;'=b,'@c");
        assert_eq!(text("\t=1"), "'\t'=1");
        // Numbers and plain text are left alone.
        assert_eq!(text("1;-2"), "1;-2");
        assert_eq!(text("a, -0.5"), "a, -0.5");
        assert_eq!(text("Kolding; Vejle"), "Kolding; Vejle");
        assert_eq!(text("a;"), "a;");
        assert_eq!(text("Aabenraa - Sønderborg"), "Aabenraa - Sønderborg");
    }

    #[test]
    fn money_has_two_decimals() {
        assert_eq!(money(&Money(Decimal::new(12345, 1))), "1234.50");
        assert_eq!(money(&Money(Decimal::new(-5, 3))), "-0.01");
    }
}

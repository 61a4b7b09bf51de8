//! CSV output: one row per perspective (the summary), or one per ledger row (`--ledger`).
//!
//! Columns are fixed and documented in `docs/output.md`; money has two decimals (øre), no
//! thousands separators, `.` as the decimal point; an undefined value is an empty field.

use super::{LedgerFilter, Money, Num, RunReport};
use crate::decimal::round_ore;

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

fn opt<T>(v: &Option<T>, f: impl Fn(&T) -> String) -> String {
    v.as_ref().map(f).unwrap_or_default()
}

/// Summary: `perspective,npv,pv_benefits,pv_net_cost,roi,break_even_year,years_to_break_even,net_cost`,
/// and after a Monte Carlo run also
/// `mc_mean,mc_sd,mc_se,mc_p5,mc_p25,mc_p50,mc_p75,mc_p95,prob_npv_positive,prob_no_break_even`;
/// last, `has_flows` (`false`: nothing falls on this perspective, so its break-even means nothing).
pub fn summary(r: &RunReport) -> String {
    let mut sheet = Sheet::new();
    let mut header: Vec<&str> = vec![
        "perspective",
        "npv",
        "pv_benefits",
        "pv_net_cost",
        "roi",
        "break_even_year",
        "years_to_break_even",
        "net_cost",
    ];
    if r.monte_carlo.is_some() {
        header.extend([
            "mc_mean",
            "mc_sd",
            "mc_se",
            "mc_p5",
            "mc_p25",
            "mc_p50",
            "mc_p75",
            "mc_p95",
            "prob_npv_positive",
            "prob_no_break_even",
        ]);
    }
    header.push("has_flows");
    sheet.push(header);
    for (name, p) in &r.base.perspectives {
        let mut cells = vec![
            text(name),
            money(&p.npv),
            money(&p.pv_benefits),
            money(&p.pv_net_cost),
            opt(&p.roi, num),
            opt(&p.break_even_year, |y| y.to_string()),
            opt(&p.years_to_break_even, |y| y.to_string()),
            money(&p.net_cost),
        ];
        if let Some(mc) = r
            .monte_carlo
            .as_ref()
            .and_then(|mc| mc.perspectives.get(name))
        {
            let n = &mc.npv;
            for m in [n.mean, n.sd, n.se, n.p5, n.p25, n.p50, n.p75, n.p95] {
                cells.push(format!("{:.2}", m.0));
            }
            cells.push(format!("{:.6}", mc.prob_npv_positive.0));
            cells.push(format!("{:.6}", mc.break_even.never.0));
        }
        cells.push(p.has_flows.to_string());
        sheet.push(cells);
    }
    sheet.finish()
}

/// Ledger: `year,municipality,payer,costs,avoided,transfers,net,discount_factor,contract`
/// (`contract` last, so the earlier columns keep their places).
pub fn ledger(r: &RunReport, filter: &LedgerFilter) -> String {
    let mut sheet = Sheet::new();
    sheet.push([
        "year",
        "municipality",
        "payer",
        "costs",
        "avoided",
        "transfers",
        "net",
        "discount_factor",
        "contract",
    ]);
    for row in r.base.ledger.iter().filter(|row| filter.keeps(row)) {
        sheet.push([
            row.year.to_string(),
            text(&row.municipality),
            text(&row.payer),
            money(&row.costs),
            money(&row.avoided),
            money(&row.transfers),
            money(&row.net),
            num(&row.discount_factor),
            money(&row.contract),
        ]);
    }
    sheet.finish()
}

/// Municipalities: `municipality,mean,sd,se,p5,p25,p50,p75,p95,prob_npv_positive`, one row
/// per municipality's own NPV over the trials (`run --format csv --municipalities`); only the
/// header without a Monte Carlo. When the run followed the municipalities year by year
/// (`--municipal-break-even`), one more column per year: `break_even_by_YEAR`, the probability
/// of the municipality's sustained break-even by the end of that year.
pub fn municipalities(r: &RunReport) -> String {
    let mut sheet = Sheet::new();
    let munis = || r.monte_carlo.iter().flat_map(|mc| &mc.municipalities);
    let years: Vec<&String> = (munis().next())
        .and_then(|(_, m)| m.break_even.as_ref())
        .map(|b| b.by_year.keys().collect())
        .unwrap_or_default();
    let mut header: Vec<String> = [
        "municipality",
        "mean",
        "sd",
        "se",
        "p5",
        "p25",
        "p50",
        "p75",
        "p95",
        "prob_npv_positive",
    ]
    .map(String::from)
    .to_vec();
    header.extend(years.iter().map(|y| format!("break_even_by_{y}")));
    sheet.push(header);
    for (name, m) in munis() {
        let d = &m.npv;
        let mut row = vec![text(name)];
        row.extend(
            [d.mean, d.sd, d.se, d.p5, d.p25, d.p50, d.p75, d.p95]
                .iter()
                .map(|x| format!("{:.2}", x.0)),
        );
        row.push(format!("{:.6}", m.prob_npv_positive.0));
        let by_year = m.break_even.iter().flat_map(|b| b.by_year.values());
        row.extend(by_year.map(|p| format!("{:.6}", p.0)));
        sheet.push(row);
    }
    sheet.finish()
}

/// The rank correlations the scenario sets: `input_a,input_b,target,achieved` (Spearman's rank
/// correlation over the trials; empty without a Monte Carlo), one row per pair.
pub fn correlations(r: &RunReport) -> String {
    let mut sheet = Sheet::new();
    sheet.push(["input_a", "input_b", "target", "achieved"]);
    for c in &r.correlations {
        sheet.push([
            text(&c.inputs[0]),
            text(&c.inputs[1]),
            format!("{}", c.target),
            c.achieved.map_or_else(String::new, |a| format!("{a:.6}")),
        ]);
    }
    sheet.finish()
}

/// Contracts: `contract,field,value`, one row per value of each contract's JSON object (the
/// `contracts` array of `--format json`), `field` its JSON Pointer inside the contract (RFC
/// 6901, e.g. `/monte_carlo/delta/kommune/prob_worse`). Numbers as in JSON; null is empty.
pub fn contracts(r: &RunReport) -> String {
    fn walk(sheet: &mut Sheet<Vec<u8>>, contract: &str, path: &str, v: &serde_json::Value) {
        use serde_json::Value;
        let key = |k: &str| format!("{path}/{}", k.replace('~', "~0").replace('/', "~1"));
        match v {
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| walk(sheet, contract, &key(k), v)),
            Value::Array(items) => (items.iter().enumerate())
                .for_each(|(i, v)| walk(sheet, contract, &key(&i.to_string()), v)),
            Value::Null => sheet.push([text(contract), text(path), String::new()]),
            Value::String(s) => sheet.push([text(contract), text(path), text(s)]),
            other => sheet.push([text(contract), text(path), other.to_string()]),
        }
    }
    let mut sheet = Sheet::new();
    sheet.push(["contract", "field", "value"]);
    for c in &r.contracts {
        let value = serde_json::to_value(c).unwrap_or_default();
        walk(&mut sheet, &c.name, "", &value);
    }
    sheet.finish()
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

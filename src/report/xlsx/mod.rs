//! `--format xlsx`: an Excel workbook (rust_xlsxwriter).
//!
//! For `run`, the base case as live formulas, from the inputs to the results: each uncertain
//! input's mean has a defined name (Inputs); the activity per municipality and year
//! (Activity), each cost line's and transfer's yearly amount (Costs, Transfers) and each
//! outcome's cohort sum (Benefits) are formulas over them (module `workings`); the Ledger adds them
//! up per year, municipality and payer (module `ledger`); the perspectives' NPV, PV benefits, PV net
//! cost, ROI and sustained break-even, and the budget view, are formulas over the ledger; with a
//! `budget:`, the budget years in current prices are formulas of the price and wage
//! projection's rates (input cells) over the perspectives' yearly nets. Every
//! formula carries the engine's exact value as its cached result. Beside them, as values: the
//! Monte Carlo summary with the break-even curve and each perspective's NPV histogram, as
//! native charts, and each municipality's own result over the trials (Municipalities). `sensitivity` and `compare` have a sheet per perspective; every other report
//! is its CSV table on one sheet, numbers as numbers.
//!
//! Every sheet starts with the scenario's name and a line saying the file, price level, seed and
//! engine version.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::report::locale::Lang;
use crate::report::words::{Words, Workbook as WorkbookWords};

mod about;
mod budget;
mod cea;
mod compare;
mod contract;
mod ledger;
mod montecarlo;
mod municipalities;
mod names;
mod parts;
mod pictures;
mod portfolio;
mod run;
mod sensitivity;
mod settle;
mod society;
mod workings;

use names::{defined_names, sheet_names};

pub use compare::workbook as compare;
pub use portfolio::workbook as portfolio;
pub use run::run;
pub use sensitivity::workbook as sensitivity;
pub use settle::workbook as settle;

/// The first row of a sheet's table (0-based): rows 0-1 say what the sheet is, row 2 is blank.
const HEAD: u32 = 3;

/// How the workbook writes: its words, and its cell formats (kroner with øre for the ledger,
/// whole kroner for overviews, factors, shares).
struct Formats {
    /// The vocabulary of the workbook's language, and (`w`) its words of the workbook.
    words: &'static Words,
    w: &'static WorkbookWords,
    title: Format,
    header: Format,
    /// A header over numbers: right-aligned like them.
    header_number: Format,
    ore: Format,
    kroner: Format,
    factor: Format,
    ratio: Format,
    percent: Format,
    bold: Format,
    right: Format,
    /// Input cells, values a person may change (filled pale yellow, an orange border), in
    /// each number format: kroner, kroner with øre, a share as a percentage, a count, a factor.
    input_kroner: Format,
    input_ore: Format,
    input_percent: Format,
    input_count: Format,
    input_ratio: Format,
}

/// The fill of an input cell.
const INPUT_FILL: &str = "#FFF2CC";
/// The border of an input cell.
const INPUT_BORDER: &str = "#ED7D31";

/// `f` as an input cell: filled and bordered (a border prints in black and white too).
fn input_style(f: Format) -> Format {
    f.set_background_color(INPUT_FILL)
        .set_border(rust_xlsxwriter::FormatBorder::Thin)
        .set_border_color(INPUT_BORDER)
}

/// How a value is shown, by what one unit of it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Kroner: whole kroner from 100 kr. up, with øre below.
    Kroner,
    Ore,
    /// A share or a relative change: a percentage.
    Share,
    /// A count or anything else: up to three decimals.
    Count,
}

impl Kind {
    /// The kind of an input called `name`, of `unit` (where it is a named assumption), with
    /// base-case value `mean`.
    fn of(name: &str, unit: Option<&str>, mean: f64) -> Kind {
        let u = unit.unwrap_or("").trim().to_lowercase();
        let money = |k: bool| {
            if !k {
                None
            } else if mean.abs() >= 100.0 || mean == 0.0 {
                Some(Kind::Kroner)
            } else {
                Some(Kind::Ore)
            }
        };
        let by_unit = u.starts_with("dkk")
            || u.starts_with("kr")
            || u.contains(" dkk")
            || u.contains(" kr.")
            || u.contains("kroner");
        if let Some(k) = money(by_unit) {
            return k;
        }
        let share = [
            "share",
            "relative",
            "andel",
            "relativ",
            "fraction",
            "proportion",
        ];
        let name = name.to_lowercase();
        let share_name = ["effect", "_rate", "_share", "persistence", "turnover"];
        if share.iter().any(|w| u.starts_with(w))
            || (u.is_empty() || !u.contains(" per "))
                && share_name.iter().any(|w| name.ends_with(w))
        {
            return Kind::Share;
        }
        let money_name = [
            "cost",
            "price",
            "value",
            "per_unit",
            "value_per_hour",
            "fee",
        ];
        if let Some(k) = money(u.is_empty() && money_name.iter().any(|w| name.contains(w))) {
            return k;
        }
        Kind::Count
    }
}

impl Formats {
    fn new(lang: Lang) -> Formats {
        let words = Words::of(lang);
        Formats {
            words,
            w: &words.workbook,
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new().set_bold().set_text_wrap(),
            header_number: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Right),
            ore: Format::new().set_num_format("#,##0.00"),
            kroner: Format::new().set_num_format("#,##0"),
            factor: Format::new().set_num_format("0.000000000"),
            ratio: Format::new()
                .set_num_format("0.00")
                .set_align(rust_xlsxwriter::FormatAlign::Right),
            percent: Format::new().set_num_format("0.0%"),
            bold: Format::new().set_bold(),
            right: Format::new().set_align(rust_xlsxwriter::FormatAlign::Right),
            input_kroner: input_style(Format::new().set_num_format("#,##0")),
            input_ore: input_style(Format::new().set_num_format("#,##0.00")),
            input_percent: input_style(Format::new().set_num_format("0.0%")),
            input_count: input_style(Format::new().set_num_format("#,##0.0##")),
            input_ratio: input_style(Format::new().set_num_format("0.000")),
        }
    }

    /// The input cell's format for a value of `kind`.
    fn input(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Kroner => &self.input_kroner,
            Kind::Ore => &self.input_ore,
            Kind::Share => &self.input_percent,
            Kind::Count => &self.input_count,
        }
    }

    /// The header of percentile `p` (`5%`).
    fn percentile(&self, p: u32) -> String {
        self.words.lang.percent(Decimal::new(p.into(), 2), 0)
    }
}

/// Text cells within Excel's limit of 32,767 characters: longer text (a list of thousands
/// of long names, say) is cut there ([`names::fit`]) rather than refused.
trait Text {
    fn text(&mut self, row: u32, col: u16, s: impl AsRef<str>) -> Result<&mut Self, XlsxError>;
    fn text_with_format(
        &mut self,
        row: u32,
        col: u16,
        s: impl AsRef<str>,
        format: &Format,
    ) -> Result<&mut Self, XlsxError>;
}

impl Text for Worksheet {
    fn text(&mut self, row: u32, col: u16, s: impl AsRef<str>) -> Result<&mut Self, XlsxError> {
        self.write_string(row, col, names::fit(s.as_ref()))
    }

    fn text_with_format(
        &mut self,
        row: u32,
        col: u16,
        s: impl AsRef<str>,
        format: &Format,
    ) -> Result<&mut Self, XlsxError> {
        self.write_string_with_format(row, col, names::fit(s.as_ref()), format)
    }
}

/// A ledger operation the exact ledger did without overflow cannot overflow here; should it,
/// the workbook is refused rather than written wrong.
fn checked(x: Option<Decimal>) -> Result<Decimal, XlsxError> {
    x.ok_or_else(|| XlsxError::ParameterError("an amount too large to write exactly".into()))
}

/// A1-style column letters of 0-based column `c`.
fn col(c: u16) -> String {
    let mut c = c as u32 + 1;
    let mut s = String::new();
    while c > 0 {
        let r = (c - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        c = (c - 1) / 26;
    }
    s
}

/// Sheet `name` as a formula refers to it: `Ledger!`, or quoted where the name holds anything
/// but ASCII letters, digits and `_` (`'Undgåede udgifter'!`).
fn sheet_ref(name: &str) -> String {
    let plain = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        format!("{name}!")
    } else {
        format!("'{}'!", name.replace('\'', "''"))
    }
}

/// A1 reference of 0-based (row, col), absolute when `abs`.
fn cell(row: u32, c: u16, abs: bool) -> String {
    if abs {
        format!("${}${}", col(c), row + 1)
    } else {
        format!("{}{}", col(c), row + 1)
    }
}

/// The height (points) of a row whose `text` wraps in a column `width` characters wide.
fn wrapped_height(text: &str, width: f64) -> f64 {
    let chars = text.chars().count() as f64;
    let lines = (chars / (width * 0.95 - 1.0).max(1.0)).ceil().max(1.0);
    15.0 * lines
}

/// A text of a formula's cached result: the number as Excel writes it.
fn result(x: f64) -> String {
    format!("{x}")
}

/// The sheet's first two rows: the scenario's name, and the file, price level, seed, version.
fn heading(ws: &mut Worksheet, fm: &Formats, title: &str, line: &str) -> Result<(), XlsxError> {
    ws.text_with_format(0, 0, title, &fm.title)?;
    ws.text(1, 0, line)?;
    Ok(())
}

/// The columns a sheet's note is wrapped over.
const NOTE_COLUMNS: u16 = 8;

/// A new sheet called `name`: its heading, and `note` (what the sheet computes) above the table.
fn sheet(
    name: &str,
    fm: &Formats,
    title: &str,
    line: &str,
    note: &str,
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    heading(&mut ws, fm, title, line)?;
    // The note wrapped over the first columns (every such sheet has as many): a long line
    // would run past the table, and printing it would shrink the whole sheet to fit.
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    ws.merge_range(
        HEAD - 1,
        0,
        HEAD - 1,
        NOTE_COLUMNS - 1,
        &names::fit(note),
        &wrap,
    )?;
    ws.set_row_height(HEAD - 1, wrapped_height(note, 100.0))?;
    Ok(ws)
}

/// A table's header row, two lines high (long names wrap).
fn header_row(ws: &mut Worksheet, fm: &Formats, row: u32, names: &[&str]) -> Result<(), XlsxError> {
    header_over(ws, fm, row, names, names.len())
}

/// A header row over `text` columns of text and then columns of numbers (right-aligned).
fn header_over(
    ws: &mut Worksheet,
    fm: &Formats,
    row: u32,
    names: &[&str],
    text: usize,
) -> Result<(), XlsxError> {
    ws.set_row_height(row, 30)?;
    for (c, n) in names.iter().enumerate() {
        let format = if c < text {
            &fm.header
        } else {
            &fm.header_number
        };
        ws.text_with_format(row, c as u16, *n, format)?;
    }
    Ok(())
}

/// What every sheet gets last: column widths (`widths[c]`, the last one for every further
/// column up to `columns`), the rows above the first table's body frozen, and printing on A4
/// landscape, fit to the page width, the table's header row repeated on every page.
fn finish(ws: &mut Worksheet, widths: &[f64], columns: u16) -> Result<(), XlsxError> {
    finish_with(ws, widths, columns, true)
}

/// As [`finish`]; the table's header row repeated at the top of every printed page where
/// `repeat` (not on a sheet of several tables with headers of their own, or of charts).
fn finish_with(
    ws: &mut Worksheet,
    widths: &[f64],
    columns: u16,
    repeat: bool,
) -> Result<(), XlsxError> {
    let last = widths.last().copied().unwrap_or(10.0);
    for c in 0..columns.max(widths.len() as u16) {
        ws.set_column_width(c, widths.get(c as usize).copied().unwrap_or(last))?;
    }
    ws.set_freeze_panes(HEAD + 1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    if repeat {
        ws.set_repeat_rows(HEAD, HEAD)?;
    }
    Ok(())
}

/// What every sheet of a workbook prints with: its name in the header, and "Page 2 of 5" in
/// the footer.
fn print_setup(wb: &mut Workbook, fm: &Formats) {
    for ws in wb.worksheets_mut() {
        ws.set_header("&C&A");
        ws.set_footer(format!("&C{}", fm.w.about.footer));
    }
}

/// The sheet of a report's CSV table (`table`): the batch's, or the deal space's.
pub enum Sheet<'a> {
    Batch,
    /// The deal space of a scenario's contract.
    DealSpace {
        scenario: &'a str,
        contract: &'a str,
    },
}

/// Any report's CSV table on one sheet, numbers as numbers, its title in `lang`.
pub fn table(sheet: Sheet, csv_text: &str, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let fm = Formats::new(lang);
    let (name, title) = match sheet {
        Sheet::Batch => (fm.w.sheets.batch, fm.w.batch.to_owned()),
        Sheet::DealSpace { scenario, contract } => (
            fm.w.sheets.deal_space,
            (fm.w.deal_space)(scenario, contract),
        ),
    };
    let mut wb = Workbook::new();
    let (command, holds) = match sheet {
        Sheet::Batch => ("somsim batch", fm.w.results_about.batch),
        Sheet::DealSpace { .. } => ("somsim deal", fm.w.results_about.deal_space),
    };
    let sheet_name = sheet_names(&[fm.w.sheets.about], fm.w.sheets.unnamed, [name]).remove(0);
    let facts = [(fm.w.results_about.command, command.to_owned())];
    let list = [(sheet_name.clone(), holds)];
    wb.push_worksheet(about::results(&fm, &title, &facts, &list, &[])?);
    let ws = wb.add_worksheet();
    ws.set_name(&sheet_name)?;
    let line = format!("somsim {}", env!("CARGO_PKG_VERSION"));
    heading(ws, &fm, &title, &line)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    let mut widths: Vec<f64> = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let Ok(rec) = rec else { continue };
        let x = HEAD + i as u32;
        for (c, v) in rec.iter().enumerate() {
            let c16 = c as u16;
            if i == 0 {
                ws.text_with_format(x, c16, v, &fm.header)?;
            } else if let Ok(n) = v.parse::<f64>() {
                ws.write_number(x, c16, n)?;
            } else {
                ws.text(x, c16, v)?;
            }
            if widths.len() <= c {
                widths.resize(c + 1, 8.0);
            }
            widths[c] = widths[c].max((v.chars().count().min(40) + 2) as f64);
        }
    }
    finish(ws, &widths, 0)?;
    print_setup(&mut wb, &fm);
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(col(0), "A");
        assert_eq!(col(25), "Z");
        assert_eq!(col(26), "AA");
        assert_eq!(cell(4, 27, true), "$AB$5");
        assert_eq!(sheet_ref("Ledger"), "Ledger!");
        assert_eq!(sheet_ref("Monte Carlo"), "'Monte Carlo'!");
        assert_eq!(sheet_ref("Undgåede"), "'Undgåede'!");
        assert_eq!(sheet_ref("Ole's"), "'Ole''s'!");
    }

    #[test]
    fn an_input_is_shown_in_its_units_format() {
        let k = |name, unit, mean| Kind::of(name, unit, mean);
        assert_eq!(
            k("coordinator_cost", Some("DKK per coordinator"), 4e5),
            Kind::Kroner
        );
        assert_eq!(k("fee", Some("DKK per course"), 12.5), Kind::Ore);
        assert_eq!(
            k("completion_rate", Some("share of enrolled"), 0.76),
            Kind::Share
        );
        // An effect centred on zero (a mean of 7.7E-24) is a percentage too.
        let tiny = k(
            "bed_day_effect",
            Some("relative change in bed-days"),
            7.7e-24,
        );
        assert_eq!(tiny, Kind::Share);
        assert_eq!(k("cash_benefit_effect", None, 0.0), Kind::Share);
        assert_eq!(
            k("recovery_gain_share", Some("completers with a gain"), 0.24),
            Kind::Share
        );
        assert_eq!(
            k("costs[coordinator].unit_cost", None, 408333.3),
            Kind::Kroner
        );
        assert_eq!(
            k(
                "participants_per_course",
                Some("participants enrolled per course"),
                8.0
            ),
            Kind::Count
        );
        assert_eq!(
            k(
                "readmissions_baseline",
                Some("readmissions per participant per year"),
                0.38
            ),
            Kind::Count
        );
    }
}

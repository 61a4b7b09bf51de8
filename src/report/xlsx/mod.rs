//! `--format xlsx`: an Excel workbook (rust_xlsxwriter).
//!
//! For `run`, the base case as live formulas, from the inputs to the results: each uncertain
//! input's mean has a defined name (Inputs); the activity per municipality and year
//! (Activity), each cost line's and transfer's yearly amount (Costs, Transfers) and each
//! outcome's cohort sum (Benefits) are formulas over them (module `workings`); the Ledger adds them
//! up per year, municipality and payer (module `ledger`); the perspectives' NPV, PV benefits, PV net
//! cost, ROI and sustained break-even, and the budget view, are formulas over the ledger. Every
//! formula carries the engine's exact value as its cached result. Beside them, as values: the
//! Monte Carlo summary with the break-even curve and each perspective's NPV histogram, as
//! native charts, and each municipality's own result over the trials (Municipalities). `sensitivity` and `compare` have a sheet per perspective; every other report
//! is its CSV table on one sheet, numbers as numbers.
//!
//! Every sheet starts with the scenario's name and a line saying the file, price level, seed and
//! engine version.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

mod budget;
mod cea;
mod compare;
mod ledger;
mod montecarlo;
mod municipalities;
mod run;
mod sensitivity;
mod society;
mod workings;

pub use compare::workbook as compare;
pub use run::run;
pub use sensitivity::workbook as sensitivity;

/// The first row of a sheet's table (0-based): rows 0-1 say what the sheet is, row 2 is blank.
const HEAD: u32 = 3;

/// Kroner with øre (the ledger), whole kroner (overviews), factors, shares.
struct Formats {
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
}

impl Formats {
    fn new() -> Formats {
        Formats {
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
        }
    }
}

fn f(d: Decimal) -> f64 {
    crate::decimal::to_f64(d)
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

/// A1 reference of 0-based (row, col), absolute when `abs`.
fn cell(row: u32, c: u16, abs: bool) -> String {
    if abs {
        format!("${}${}", col(c), row + 1)
    } else {
        format!("{}{}", col(c), row + 1)
    }
}

/// A sheet name as Excel allows it (at most 31 characters, none of `[]:*?/\`).
fn sheet_name(s: &str) -> String {
    let name: String = s
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(31)
        .collect();
    if name.trim().is_empty() {
        "Sheet".into()
    } else {
        name
    }
}

/// Sheet names for `names`, each allowed by Excel and all different (Excel compares them
/// without case): a name already taken gets ` (2)`, ` (3)`, ... within the 31 characters.
fn sheet_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        let base = sheet_name(n);
        let mut name = base.clone();
        let mut k = 2;
        while out.iter().any(|o| o.to_lowercase() == name.to_lowercase()) {
            let suffix = format!(" ({k})");
            let keep = 31 - suffix.chars().count();
            name = base.chars().take(keep).collect::<String>() + &suffix;
            k += 1;
        }
        out.push(name);
    }
    out
}

/// Workbook-wide names for `names` that Excel accepts and that are all different: letters,
/// digits, `_` and `.`, not starting with a digit and not readable as a cell (`AB12`, `R1C1`);
/// anything else becomes `_`, and a name that would be taken or read as a cell gets `in_` in
/// front (and a number after, if still taken).
fn defined_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let looks_like_cell = |s: &str| {
        let letters = s.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        let rest = &s[letters..];
        let a1 = (1..=3).contains(&letters)
            && !rest.is_empty()
            && rest.bytes().all(|b| b.is_ascii_digit());
        let upper = s.to_ascii_uppercase();
        let r1c1 = upper.starts_with('R') || upper.starts_with('C');
        let r1c1 = r1c1 && upper[1..].chars().all(|c| c.is_ascii_digit() || c == 'C');
        a1 || r1c1 || upper == "TRUE" || upper == "FALSE"
    };
    let mut out: Vec<String> = Vec::new();
    for n in names {
        let mut name: String = n
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '_' || c == '.' {
                    c
                } else {
                    '_'
                }
            })
            .take(200)
            .collect();
        if name.is_empty()
            || name.starts_with(|c: char| c.is_ascii_digit() || c == '.')
            || looks_like_cell(&name)
        {
            name = format!("in_{name}");
        }
        let base = name.clone();
        let mut k = 2;
        while out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
            name = format!("{base}_{k}");
            k += 1;
        }
        out.push(name);
    }
    out
}

/// A text of a formula's cached result: the number as Excel writes it.
fn result(x: f64) -> String {
    format!("{x}")
}

/// The sheet's first two rows: the scenario's name, and the file, price level, seed, version.
fn heading(ws: &mut Worksheet, fm: &Formats, title: &str, line: &str) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, title, &fm.title)?;
    ws.write_string(1, 0, line)?;
    Ok(())
}

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
    ws.write_string(HEAD - 1, 0, note)?;
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
        ws.write_string_with_format(row, c as u16, *n, format)?;
    }
    Ok(())
}

/// What every sheet gets last: column widths (`widths[c]`, the last one for every further
/// column up to `columns`), the rows above the first table's body frozen, and printing on A4
/// landscape, fit to the page width.
fn finish(ws: &mut Worksheet, widths: &[f64], columns: u16) -> Result<(), XlsxError> {
    let last = widths.last().copied().unwrap_or(10.0);
    for c in 0..columns.max(widths.len() as u16) {
        ws.set_column_width(c, widths.get(c as usize).copied().unwrap_or(last))?;
    }
    ws.set_freeze_panes(HEAD + 1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Any report's CSV table on one sheet named `name`, numbers as numbers.
pub fn table(name: &str, title: &str, csv_text: &str) -> Result<Vec<u8>, XlsxError> {
    let fm = Formats::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(name))?;
    let line = format!("somsim {}", env!("CARGO_PKG_VERSION"));
    heading(ws, &fm, title, &line)?;
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
                ws.write_string_with_format(x, c16, v, &fm.header)?;
            } else if let Ok(n) = v.parse::<f64>() {
                ws.write_number(x, c16, n)?;
            } else {
                ws.write_string(x, c16, v)?;
            }
            if widths.len() <= c {
                widths.resize(c + 1, 8.0);
            }
            widths[c] = widths[c].max((v.chars().count().min(40) + 2) as f64);
        }
    }
    finish(ws, &widths, 0)?;
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_allowed_and_different() {
        let long = "a perspective with a very long name indeed";
        let names = sheet_names(["kommune", "Kommune", long, long, "a/b", ""]);
        assert_eq!(names[0], "kommune");
        assert_eq!(names[1], "Kommune (2)");
        assert_eq!(names[2].chars().count(), 31);
        assert_eq!(names[3].chars().count(), 31);
        assert!(names[3].ends_with(" (2)"));
        assert_eq!(names[4], "ab");
        assert_eq!(names[5], "Sheet");
        assert_eq!(col(0), "A");
        assert_eq!(col(25), "Z");
        assert_eq!(col(26), "AA");
        assert_eq!(cell(4, 27, true), "$AB$5");
        let d = defined_names([
            "completion_rate",
            "AB12",
            "2nd wave",
            "R1C1",
            "completion_rate",
            "c",
        ]);
        assert_eq!(
            d,
            [
                "completion_rate",
                "in_AB12",
                "in_2nd_wave",
                "in_R1C1",
                "completion_rate_2",
                "in_c"
            ]
        );
    }
}

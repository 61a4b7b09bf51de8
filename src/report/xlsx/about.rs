//! The first sheet of a run's workbook: what the workbook is (the scenario, its file, period,
//! prices, the Monte Carlo's trials and seed), how to change an input (which cells, that the
//! formulas recalculate and the Monte Carlo results do not), the colour key, a line per sheet
//! present and what each perspective counts. A workbook of results (`compare`,
//! `sensitivity`, `batch`, `deal`) has a first sheet too: what it is of, that its cells are
//! values, how to ask "what if" instead, its sheets and perspectives.

use rust_xlsxwriter::{Format, Url, Worksheet, XlsxError};

use super::Text;
use super::{Formats, sheet_ref};
use crate::report::RunReport;

/// Cells a person may change: `sheet`'s `cells` (`B5:B22`), and what they are.
pub(super) struct InputCells {
    pub sheet: String,
    pub cells: String,
    pub what: &'static str,
}

/// A perspective as the first sheet lists it: its name, its payers, what it counts.
pub(super) struct PerspectiveLine {
    pub name: String,
    pub payers: String,
    pub means: String,
}

/// The columns' widths, in characters: a label, a second column, and the wide third.
const WIDTHS: [f64; 3] = [24.0, 26.0, 84.0];

/// The first sheet; `sheets` are the workbook's other sheets in order, with what each holds.
pub(super) fn sheet(
    r: &RunReport,
    fm: &Formats,
    sheets: &[(String, &str)],
    inputs: &[InputCells],
    perspectives: &[PerspectiveLine],
) -> Result<Worksheet, XlsxError> {
    let w = fm.w;
    let a = &w.about;
    let mut ws = Worksheet::new();
    ws.set_name(w.sheets.about)?;
    let (wrap, section) = (wrapped(), section());
    let top = Format::new().set_align(rust_xlsxwriter::FormatAlign::Top);
    ws.text_with_format(0, 0, a.title, &fm.title)?;
    ws.text(1, 0, &r.scenario)?;
    let mut x = 3;

    // What the workbook is.
    ws.text_with_format(x, 0, a.what, &section)?;
    x += 1;
    let monte_carlo = match (r.seed, r.trials) {
        (Some(seed), Some(trials)) => (w.monte_carlo_line)(trials, seed, r.is_latin_hypercube()),
        _ => w.base_case_only.into(),
    };
    let last = r.start_year + r.horizon as i32 - 1;
    for (label, value) in [
        (w.scenario, r.scenario.clone()),
        (a.file, r.file.clone()),
        (a.period_name, (a.period)(r.start_year, last)),
        (a.prices, (w.in_prices)(r.price_year)),
        (a.monte_carlo, monte_carlo),
        (a.made_by, format!("somsim {}", env!("CARGO_PKG_VERSION"))),
    ] {
        ws.text_with_format(x, 0, label, &fm.bold)?;
        ws.text(x, 1, value)?;
        x += 1;
    }
    paragraph(&mut ws, x, a.intro, &wrap)?;
    x += 2;

    // How to change an input, and where.
    ws.text_with_format(x, 0, a.how_to_change, &section)?;
    x += 1;
    paragraph(&mut ws, x, a.change[0], &wrap)?;
    x += 1;
    for (c, h) in [a.where_sheet, a.where_cells, a.where_what]
        .iter()
        .enumerate()
    {
        ws.text_with_format(x, c as u16, *h, &fm.header)?;
    }
    x += 1;
    for i in inputs {
        ws.text_with_format(x, 0, &i.sheet, &top)?;
        ws.text_with_format(x, 1, &i.cells, &top)?;
        ws.text_with_format(x, 2, i.what, &wrap)?;
        ws.set_row_height(x, super::wrapped_height(i.what, WIDTHS[2]))?;
        x += 1;
    }
    for text in &a.change[1..] {
        paragraph(&mut ws, x, text, &wrap)?;
        x += 1;
    }
    x += 1;

    // The colour key.
    ws.text_with_format(x, 0, a.colours, &section)?;
    x += 1;
    ws.write_number_with_format(x, 0, 0.5, &fm.input_percent)?;
    merged(&mut ws, x, 1, a.input_cell, &wrap)?;
    x += 1;
    ws.text_with_format(x, 0, "+", &fm.header_number)?;
    merged(&mut ws, x, 1, a.helper_cell, &wrap)?;
    x += 2;

    x = sheet_list(&mut ws, fm, x, sheets)?;
    perspective_list(&mut ws, fm, x + 1, perspectives)?;
    finished(ws)
}

/// The first sheet of a workbook of results (`compare`, `sensitivity`, `batch`, `deal`):
/// `title` (what the results are of), the `facts` (label, value), that the cells are values
/// and how to ask "what if" instead, then the `sheets` with what each holds and the
/// `perspectives` (none for a single table).
pub(super) fn results(
    fm: &Formats,
    title: &str,
    facts: &[(&str, String)],
    sheets: &[(String, &str)],
    perspectives: &[PerspectiveLine],
) -> Result<Worksheet, XlsxError> {
    let (w, a, r) = (fm.w, &fm.w.about, &fm.w.results_about);
    let mut ws = Worksheet::new();
    ws.set_name(w.sheets.about)?;
    let (wrap, section) = (wrapped(), section());
    ws.text_with_format(0, 0, a.title, &fm.title)?;
    ws.text(1, 0, title)?;
    let mut x = 3;
    ws.text_with_format(x, 0, a.what, &section)?;
    x += 1;
    let made_by = format!("somsim {}", env!("CARGO_PKG_VERSION"));
    let label_format = Format::new()
        .set_bold()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for (label, value) in facts.iter().chain([&(a.made_by, made_by)]) {
        ws.text_with_format(x, 0, *label, &label_format)?;
        merged(&mut ws, x, 1, value, &wrap)?;
        x += 1;
    }
    paragraph(&mut ws, x, r.intro, &wrap)?;
    paragraph(&mut ws, x + 1, r.what_if, &wrap)?;
    x = sheet_list(&mut ws, fm, x + 3, sheets)?;
    if !perspectives.is_empty() {
        perspective_list(&mut ws, fm, x + 1, perspectives)?;
    }
    finished(ws)
}

fn wrapped() -> Format {
    Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top)
}

fn section() -> Format {
    Format::new().set_bold().set_font_size(12)
}

/// The columns' widths and the print setup: landscape A4, one page wide.
fn finished(mut ws: Worksheet) -> Result<Worksheet, XlsxError> {
    for (c, width) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(ws)
}

/// The sheets from row `x`, each a link with what it holds; returns the next free row.
fn sheet_list(
    ws: &mut Worksheet,
    fm: &Formats,
    mut x: u32,
    sheets: &[(String, &str)],
) -> Result<u32, XlsxError> {
    let a = &fm.w.about;
    let wrap = wrapped();
    let link = Format::new()
        .set_font_color(rust_xlsxwriter::Color::RGB(0x0563C1))
        .set_underline(rust_xlsxwriter::FormatUnderline::Single)
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    ws.text_with_format(x, 0, a.sheets, &section())?;
    x += 1;
    ws.text_with_format(x, 0, a.sheet, &fm.header)?;
    ws.text_with_format(x, 1, a.holds, &fm.header)?;
    x += 1;
    for (name, holds) in sheets {
        let url = Url::new(format!("internal:{}A1", sheet_ref(name))).set_text(name);
        ws.write_url_with_format(x, 0, &url, &link)?;
        merged(ws, x, 1, holds, &wrap)?;
        x += 1;
    }
    Ok(x)
}

/// The perspectives from row `x`: name, payers, what each counts.
fn perspective_list(
    ws: &mut Worksheet,
    fm: &Formats,
    mut x: u32,
    perspectives: &[PerspectiveLine],
) -> Result<(), XlsxError> {
    let (w, a) = (fm.w, &fm.w.about);
    let wrap = wrapped();
    let top = Format::new().set_align(rust_xlsxwriter::FormatAlign::Top);
    ws.text_with_format(x, 0, a.perspectives, &section())?;
    x += 1;
    // Without the payers (a workbook of results does not list them): what each counts
    // beside its name.
    let payers = perspectives.iter().any(|p| !p.payers.is_empty());
    let header: &[&str] = if payers {
        &[w.perspective, w.payers, a.means]
    } else {
        &[w.perspective, a.means]
    };
    for (c, h) in header.iter().enumerate() {
        ws.text_with_format(x, c as u16, *h, &fm.header)?;
    }
    x += 1;
    for p in perspectives {
        ws.text_with_format(x, 0, &p.name, &top)?;
        if payers {
            ws.text_with_format(x, 1, &p.payers, &wrap)?;
            ws.text_with_format(x, 2, &p.means, &wrap)?;
            let h = super::wrapped_height(&p.means, WIDTHS[2])
                .max(super::wrapped_height(&p.payers, WIDTHS[1]));
            ws.set_row_height(x, h)?;
        } else {
            merged(ws, x, 1, &p.means, &wrap)?;
        }
        x += 1;
    }
    Ok(())
}

/// The perspectives `keys` by their names in the workbook's language, with what each counts
/// (no payers).
pub(super) fn perspective_lines<'k>(
    fm: &Formats,
    keys: impl Iterator<Item = &'k String>,
) -> Vec<PerspectiveLine> {
    let (w, a) = (fm.w, &fm.w.about);
    keys.map(|k| PerspectiveLine {
        name: (w.perspective_name)(k),
        payers: String::new(),
        means: (a.perspective_means)(k).unwrap_or(a.own_perspective).into(),
    })
    .collect()
}

/// A paragraph over the three columns, wrapped.
fn paragraph(ws: &mut Worksheet, row: u32, text: &str, wrap: &Format) -> Result<(), XlsxError> {
    merged(ws, row, 0, text, wrap)
}

/// `text` over the columns from `first` to the last, wrapped, the row as high as it needs.
fn merged(
    ws: &mut Worksheet,
    row: u32,
    first: u16,
    text: &str,
    wrap: &Format,
) -> Result<(), XlsxError> {
    let last = WIDTHS.len() as u16 - 1;
    let width: f64 = WIDTHS[first as usize..].iter().sum();
    if first == last {
        ws.text_with_format(row, first, text, wrap)?;
    } else {
        ws.merge_range(row, first, row, last, &super::names::fit(text), wrap)?;
    }
    ws.set_row_height(row, super::wrapped_height(text, width))?;
    Ok(())
}

//! Reading a workbook loaded into IronCalc: a sheet by its name, a cell's text or number.

use ironcalc::base::{Model, cell::CellValue};

/// The index of the sheet called `name`.
pub fn sheet(m: &Model, name: &str) -> u32 {
    let names = m.workbook.get_worksheet_names();
    (names.iter().position(|n| n == name)).unwrap_or_else(|| panic!("no sheet {name}")) as u32
}

/// The text of a cell (1-based), or its value spelled out.
pub fn text(m: &Model, s: u32, row: i32, col: i32) -> String {
    match m.get_cell_value_by_index(s, row, col).unwrap() {
        CellValue::String(s) => s,
        other => format!("{other:?}"),
    }
}

/// The number in a cell (1-based); panics on anything else.
pub fn number(m: &Model, s: u32, row: i32, col: i32) -> f64 {
    match m.get_cell_value_by_index(s, row, col).unwrap() {
        CellValue::Number(x) => x,
        other => panic!("row {row} column {col}: {other:?}"),
    }
}

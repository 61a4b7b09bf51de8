//! Sums too long for one formula. Excel keeps a formula to 8,192 characters, and its parsed
//! form to 16 KB (about 18 bytes a cell reference times a number, plus the operators); a sum of
//! many terms (a ledger cell receiving hundreds of transfers, a class of costs over thousands
//! of municipalities, a perspective of many payers) would pass that. Such a sum is added up in
//! parts: each part is a cell of its own, in a column to the right of the sheet's table headed
//! "Parts of long sums", and the formula adds the parts. Shorter sums are written as they are.

use crate::decimal::to_f64;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError};

use super::Text;
use super::{Formats, HEAD, cell, result};

/// The most characters of a sum in one formula: Excel's 8,192, less room for what surrounds
/// the sum (`=IF(...>0,$F$5,0)`, say).
pub(super) const MAX_CHARS: usize = 8_000;

/// The most terms of a sum in one formula, so that its parsed form stays within 16 KB.
pub(super) const MAX_TERMS: usize = 100;

/// One term of a sum: its text in a formula (`Costs!G5*0.5`; one starting with `-` is
/// subtracted) and its exact value, signed.
#[derive(Clone, Debug)]
pub(super) struct Term {
    pub text: String,
    pub value: Decimal,
}

impl Term {
    pub(super) fn new(text: impl Into<String>, value: Decimal) -> Term {
        Term {
            text: text.into(),
            value,
        }
    }
}

/// The terms joined: `a+b-c` (`0` for none).
pub(super) fn join(terms: &[Term]) -> String {
    if terms.is_empty() {
        return "0".into();
    }
    let mut out = String::new();
    for (i, t) in terms.iter().enumerate() {
        if i > 0 && !t.text.starts_with('-') {
            out.push('+');
        }
        out.push_str(&t.text);
    }
    out
}

/// The exact sum of the terms' values.
pub(super) fn total(terms: &[Term]) -> Result<Decimal, XlsxError> {
    let mut sum = Decimal::ZERO;
    for t in terms {
        sum = super::checked(sum.checked_add(t.value))?;
    }
    Ok(sum)
}

/// The column of a sheet that holds the parts of its long sums, filled downwards.
pub(super) struct Parts {
    col: u16,
    next: u32,
    max_chars: usize,
    max_terms: usize,
}

impl Parts {
    /// Parts in column `col` (0-based), to the right of the sheet's table.
    pub(super) fn new(col: u16) -> Parts {
        Parts::with_limits(col, MAX_CHARS, MAX_TERMS)
    }

    /// As [`Parts::new`], with other limits (to test the splitting on small sums).
    pub(super) fn with_limits(col: u16, max_chars: usize, max_terms: usize) -> Parts {
        Parts {
            col,
            next: HEAD + 1,
            max_chars,
            max_terms: max_terms.max(2),
        }
    }

    fn fits(&self, terms: &[Term]) -> bool {
        terms.len() <= self.max_terms && join(terms).encode_utf16().count() <= self.max_chars
    }

    /// `terms` added up, as a formula's expression within the limits: the terms joined when
    /// they fit, else the parts' cells added up (each part a cell on `ws`, in `format`, with its
    /// exact value cached).
    pub(super) fn sum(
        &mut self,
        ws: &mut Worksheet,
        fm: &Formats,
        mut terms: Vec<Term>,
        format: &Format,
    ) -> Result<String, XlsxError> {
        while !self.fits(&terms) {
            if self.next == HEAD + 1 {
                ws.text_with_format(HEAD, self.col, fm.w.parts_of_long_sums, &fm.header)?;
                ws.set_column_width(self.col, 16)?;
            }
            let mut parts = Vec::new();
            let mut chunk: Vec<Term> = Vec::new();
            let mut chars = 0;
            for t in terms {
                let n = t.text.encode_utf16().count() + 1;
                // Two terms at least in each part, so that every round shortens the sum.
                let full = chunk.len() >= 2
                    && (chars + n > self.max_chars || chunk.len() == self.max_terms);
                if full {
                    parts.push(self.write(ws, std::mem::take(&mut chunk), format)?);
                    chars = 0;
                }
                chars += n;
                chunk.push(t);
            }
            if !chunk.is_empty() {
                parts.push(self.write(ws, chunk, format)?);
            }
            terms = parts;
        }
        Ok(join(&terms))
    }

    /// One part in the next cell of the column: the reference to it, with its value.
    fn write(
        &mut self,
        ws: &mut Worksheet,
        chunk: Vec<Term>,
        format: &Format,
    ) -> Result<Term, XlsxError> {
        let value = total(&chunk)?;
        let (row, col) = (self.next, self.col);
        ws.write_formula_with_format(
            row,
            col,
            Formula::new(format!("={}", join(&chunk))).set_result(result(to_f64(value))),
            format,
        )?;
        self.next += 1;
        Ok(Term::new(cell(row, col, false), value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    #[test]
    fn a_long_sum_is_added_up_in_parts_that_recalculate_to_it() {
        let fm = Formats::new(crate::report::locale::Lang::En);
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        // 60 numbers in A5:A64, added and subtracted in turn.
        let mut terms = Vec::new();
        let mut exact = Decimal::ZERO;
        for i in 0..60u32 {
            let v = Decimal::new(i as i64 * 125 + 3, 2);
            ws.write_number(HEAD + 1 + i, 0, to_f64(v)).unwrap();
            let minus = i % 3 == 2;
            let text = format!(
                "{}{}",
                if minus { "-" } else { "" },
                cell(HEAD + 1 + i, 0, false)
            );
            terms.push(Term::new(text, if minus { -v } else { v }));
            exact += if minus { -v } else { v };
        }
        let short = terms[..3].to_vec();
        // At most 40 characters and 5 terms a formula: parts of parts.
        let mut parts = Parts::with_limits(3, 40, 5);
        assert_eq!(parts.sum(ws, &fm, short, &fm.ore).unwrap(), "A5+A6-A7");
        let text = parts.sum(ws, &fm, terms, &fm.ore).unwrap();
        assert!(
            text.len() <= 40 && text.split(['+', '-']).count() <= 5,
            "{text}"
        );
        ws.write_formula(
            0,
            5,
            Formula::new(format!("={text}")).set_result(result(to_f64(exact))),
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("parts.xlsx");
        wb.save(&path).unwrap();
        let mut m =
            ironcalc::import::load_from_xlsx(path.to_str().unwrap(), "en", "UTC", "en").unwrap();
        let number = |m: &ironcalc::base::Model, row: u32, col: u16| match m
            .get_cell_value_by_index(0, row as i32 + 1, col as i32 + 1)
        {
            Ok(ironcalc::base::cell::CellValue::Number(x)) => Some(x),
            _ => None,
        };
        assert_eq!(number(&m, 0, 5), Some(to_f64(exact)));
        m.evaluate();
        let got = number(&m, 0, 5).unwrap();
        assert!((got - to_f64(exact)).abs() < 1e-9, "{got} against {exact}");
        // Every part is within the limits.
        let mut row = HEAD + 1;
        while number(&m, row, 3).is_some() {
            let formula = m.get_cell_formula(0, row as i32 + 1, 4).unwrap().unwrap();
            assert!(formula.len() <= 41, "{formula}");
            row += 1;
        }
        assert!(row > HEAD + 12, "{} parts", row - HEAD - 1);
    }
}

//! The workings behind the ledger, as formulas from the inputs: the activity of each
//! municipality, each cost line's yearly amount, each transfer, and each outcome's cohort sum
//! (MODEL.md, step by step). The Ledger sheet adds these up per year, municipality and payer
//! ([`Terms`]), so a changed input on the Inputs sheet moves every amount after it.
//!
//! Each formula cell carries its exact value (computed here in decimals, as the ledger does)
//! as the cached result, for spreadsheet programs that do not recalculate on opening.

use crate::decimal::to_f64;
use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

use super::parts::{Parts, Term};
use super::{Formats, HEAD, cell, header_over, result, sheet_ref};
use crate::ledger::Activity;
use crate::model::{Model, Param};

mod activity;
mod benefits;
mod costs;
mod units;

pub(super) use benefits::OutcomeCells;
pub(super) use units::Units;

/// Rows of the Activity sheet, one block of municipalities each (their labels:
/// `words::Workbook::measures`).
pub(super) const COURSES: usize = 0;
pub(super) const ENROLLED: usize = 1;
pub(super) const COMPLETERS: usize = 2;
pub(super) const VOLUNTEERS: usize = 3;

/// A ledger cell (year, slot, payer): the slot is the municipality, or the national lines
/// after the last municipality.
pub(super) type Key = (usize, usize, usize);

/// One ledger cell as a sum of workings cells times shares, with its exact value.
#[derive(Clone, Debug, Default)]
pub(super) struct Sum {
    parts: Vec<Term>,
    pub value: Decimal,
}

impl Sum {
    /// Add (or, when `negative`, subtract) `share` of the cell `reference` worth `amount`.
    pub(super) fn add(
        &mut self,
        reference: &str,
        share: Decimal,
        amount: Decimal,
        negative: bool,
    ) -> Result<(), XlsxError> {
        let term = if share == Decimal::ONE {
            reference.to_owned()
        } else {
            format!("{reference}*{}", number(share))
        };
        let x = checked(amount.checked_mul(share))?;
        let (text, x) = if negative {
            (format!("-{term}"), -x)
        } else {
            (term, x)
        };
        self.value = checked(self.value.checked_add(x))?;
        self.parts.push(Term::new(text, x));
        Ok(())
    }

    /// Add every term of `other`.
    pub(super) fn merge(&mut self, other: &Sum) -> Result<(), XlsxError> {
        self.parts.extend(other.parts.iter().cloned());
        self.value = checked(self.value.checked_add(other.value))?;
        Ok(())
    }

    /// Whether nothing lands in the cell.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// `=a*0.5+b` (`=0` when nothing lands in the cell), a long sum added up in `parts`.
    pub(super) fn formula(
        &self,
        ws: &mut Worksheet,
        parts: &mut Parts,
        fm: &Formats,
    ) -> Result<String, XlsxError> {
        Ok(format!(
            "={}",
            parts.sum(ws, fm, self.parts.clone(), &fm.ore)?
        ))
    }
}

/// What the Ledger sheet sums, per ledger cell: each cost line's share (`costs[line]`), each
/// outcome's share (`avoided[outcome]`) and the transfers in less out.
#[derive(Debug, Default)]
pub(super) struct Terms {
    pub costs: Vec<HashMap<Key, Sum>>,
    pub avoided: Vec<HashMap<Key, Sum>>,
    pub transfers: HashMap<Key, Sum>,
    /// Each volunteer time line's amounts (not in the ledger: the Society sheet reads them).
    pub volunteer_time: Vec<HashMap<Key, Sum>>,
    /// The contracts' flows (the Contracts sheet's payments and shares of cost cells).
    pub contract: HashMap<Key, Sum>,
}

impl Terms {
    /// The yearly totals of some lines' terms (`costs` or `avoided`), summed over every
    /// municipality and payer: one [`Sum`] per year.
    pub(super) fn per_year(
        lines: &[&HashMap<Key, Sum>],
        horizon: usize,
    ) -> Result<Vec<Sum>, XlsxError> {
        let mut out = vec![Sum::default(); horizon];
        for line in lines {
            let mut keys: Vec<&Key> = line.keys().collect();
            keys.sort();
            for key in keys {
                out[key.0].merge(&line[key])?;
            }
        }
        Ok(out)
    }
}

/// The workings sheets (Activity, Costs, Transfers, Benefits) and what the ledger sums.
pub(super) struct Workings {
    pub sheets: Vec<Worksheet>,
    pub terms: Terms,
    /// Each non-monetary outcome's units (in `Model::non_monetary`'s order).
    pub units: Vec<Units>,
    /// Each outcome's terms on the Benefits sheet (in `Model::outcomes`' order).
    pub outcomes: Vec<OutcomeCells>,
    /// The completers of all municipalities in year offset `t`, as an expression.
    pub completers: Vec<Term>,
    /// `completers_of[m][t]`: municipality `m`'s completers in year offset `t`.
    pub completers_of: Vec<Vec<Decimal>>,
}

pub(super) use super::checked;

/// A decimal as a formula literal (negative numbers in parentheses).
pub(super) fn number(d: Decimal) -> String {
    let s = d.normalize().to_string();
    if d.is_sign_negative() && !d.is_zero() {
        format!("({s})")
    } else {
        s
    }
}

/// Inputs in formulas: an uncertain input by its defined name (times its price-year factor),
/// a fixed value as a number.
pub(super) struct Params<'a> {
    model: &'a Model,
    names: &'a [String],
}

impl<'a> Params<'a> {
    /// Inputs of `model` named `names` (by input id).
    pub(super) fn new(model: &'a Model, names: &'a [String]) -> Params<'a> {
        Params { model, names }
    }

    /// The model whose inputs these are.
    pub(super) fn model(&self) -> &'a Model {
        self.model
    }

    pub(super) fn text(&self, p: Param) -> String {
        match p {
            Param::Fixed(v) => number(v),
            Param::Input { id, factor } if factor == Decimal::ONE => self.names[id].clone(),
            Param::Input { id, factor } => format!("{}*{}", self.names[id], number(factor)),
        }
    }

    pub(super) fn value(&self, p: Param) -> Decimal {
        self.model.base(p)
    }

    /// Write `p` into a cell: a fixed value as a number the user may change, an input as a
    /// formula reading it.
    pub(super) fn write(
        &self,
        ws: &mut Worksheet,
        row: u32,
        c: u16,
        p: Param,
        format: &rust_xlsxwriter::Format,
    ) -> Result<(), XlsxError> {
        match p {
            Param::Fixed(v) => ws.write_number_with_format(row, c, to_f64(v), format)?,
            _ => ws.write_formula_with_format(
                row,
                c,
                Formula::new(format!("={}", self.text(p)))
                    .set_result(result(to_f64(self.value(p)))),
                format,
            )?,
        };
        Ok(())
    }
}

/// The formula text of `profile`'s share `k` years after completion; `None` past its end.
pub(super) fn profile_text(
    params: &Params,
    profile: &crate::model::Profile,
    k: usize,
) -> Option<String> {
    if k >= profile.len() {
        return None;
    }
    Some(match profile {
        crate::model::Profile::List(v) => params.text(v[k]),
        crate::model::Profile::Exponential { initial, rate, .. } => {
            format!("{}*(1-{})^{k}", params.text(*initial), params.text(*rate))
        }
        crate::model::Profile::Linear { initial, years } => {
            format!("{}*{}/{years}", params.text(*initial), years - k)
        }
    })
}

/// A formula cell with its exact cached value.
pub(super) fn formula(
    ws: &mut Worksheet,
    row: u32,
    c: u16,
    text: String,
    value: Decimal,
    format: &rust_xlsxwriter::Format,
) -> Result<(), XlsxError> {
    ws.write_formula_with_format(
        row,
        c,
        Formula::new(text).set_result(result(to_f64(value))),
        format,
    )?;
    Ok(())
}

/// The four workings sheets for `model`, its inputs named `names` (by input id).
pub(super) fn sheets(
    model: &Model,
    names: &[String],
    fm: &Formats,
    line: &str,
    df_cell: &dyn Fn(usize) -> String,
) -> Result<Workings, XlsxError> {
    let params = Params::new(model, names);
    let act: Vec<Vec<Activity>> = (0..model.municipalities.len())
        .map(|m| crate::ledger::activity(model, m))
        .collect::<Result<_, _>>()
        .map_err(|e| XlsxError::ParameterError(e.to_string()))?;
    let activity = activity::sheet(model, &params, &act, fm, line)?;
    let mut terms = Terms::default();
    let costs = costs::costs(model, &params, &act, fm, line, &mut terms)?;
    let transfers = costs::transfers(model, &params, fm, line, &mut terms)?;
    let (benefits, units, outcomes) =
        benefits::sheet(model, &params, &act, fm, line, &mut terms, df_cell)?;
    let every: Vec<usize> = (0..model.municipalities.len()).collect();
    let completers = (0..model.horizon)
        .map(|t| {
            let terms = served_terms(fm, model, &act, COMPLETERS, &every, t)?;
            let value = super::parts::total(&terms)?;
            Ok(Term::new(super::parts::join(&terms), value))
        })
        .collect::<Result<_, XlsxError>>()?;
    Ok(Workings {
        sheets: vec![activity, costs, transfers, benefits],
        terms,
        units,
        outcomes,
        completers,
        completers_of: (act.iter())
            .map(|a| a.iter().map(|y| y.completers).collect())
            .collect(),
    })
}

/// Column of year offset `t` on the workings sheets that have years across.
pub(super) fn year_col(first: u16, t: usize) -> u16 {
    first + t as u16
}

/// The Activity sheet's row of `measure` for municipality `m`.
pub(super) fn act_row(model: &Model, measure: usize, m: usize) -> u32 {
    HEAD + 1 + (measure * model.municipalities.len() + m) as u32
}

/// `Activity!C7`: the activity cell of `measure`, municipality `m`, year `t`.
pub(super) fn act_ref(fm: &Formats, model: &Model, measure: usize, m: usize, t: usize) -> String {
    format!(
        "{}{}",
        sheet_ref(fm.w.sheets.activity),
        cell(act_row(model, measure, m), year_col(2, t), false)
    )
}

/// Whether `served` is every municipality of several (their cells are then one range).
pub(super) fn all(model: &Model, served: &[usize]) -> bool {
    let nm = model.municipalities.len();
    served.len() == nm && nm > 1
}

/// `Activity!C5:C102`: `measure` in year `t` for every municipality.
pub(super) fn all_range(fm: &Formats, model: &Model, measure: usize, t: usize) -> String {
    let c = year_col(2, t);
    format!(
        "{}{}:{}",
        sheet_ref(fm.w.sheets.activity),
        cell(act_row(model, measure, 0), c, false),
        cell(
            act_row(model, measure, model.municipalities.len() - 1),
            c,
            false
        )
    )
}

/// The value of `measure` in one municipality's year.
pub(super) fn measure_of(a: &Activity, measure: usize) -> Decimal {
    match measure {
        COURSES => a.courses,
        ENROLLED => a.enrolled,
        COMPLETERS => a.completers,
        _ => a.volunteers_trained,
    }
}

/// The terms of the sum of `measure` in year `t` over the municipalities `served`: a range
/// when it is all of them, else each one's cell.
pub(super) fn served_terms(
    fm: &Formats,
    model: &Model,
    act: &[Vec<Activity>],
    measure: usize,
    served: &[usize],
    t: usize,
) -> Result<Vec<Term>, XlsxError> {
    let each: Vec<Term> = (served.iter())
        .map(|&m| {
            let value = measure_of(&act[m][t], measure);
            Term::new(act_ref(fm, model, measure, m, t), value)
        })
        .collect();
    if all(model, served) {
        let value = super::parts::total(&each)?;
        Ok(vec![Term::new(
            format!("SUM({})", all_range(fm, model, measure, t)),
            value,
        )])
    } else {
        Ok(each)
    }
}

/// A header row of `first` (text columns), then the calendar years of the horizon.
pub(super) fn years_header(
    ws: &mut Worksheet,
    fm: &Formats,
    row: u32,
    model: &Model,
    first: &[&str],
) -> Result<(), XlsxError> {
    let years: Vec<String> = (0..model.horizon)
        .map(|t| model.year(t).to_string())
        .collect();
    let mut names: Vec<&str> = first.to_vec();
    names.extend(years.iter().map(String::as_str));
    header_over(ws, fm, row, &names, first.len())
}

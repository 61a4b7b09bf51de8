//! The Society sheet: the `society` perspective as formulas over the Ledger and the workings
//! (`docs/model.md`, "The societal perspective"). Each class's budget flows, the volunteer time
//! and welfare gains per year; each part for society; the society net that the Perspectives
//! sheet discounts. The factors sit below the table: change one and the society NPV follows.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Text;
use super::ledger::Cols;
use super::parts::{Parts, Term};
use super::workings::{Params, Sum, Terms, Workings, checked, formula};
use super::{Formats, HEAD, cell, finish, header_over};
use crate::model::{PUBLIC_PAYERS, SocialClass};
use crate::report::RunReport;

// The rows of the sheet's table, below the header, in the order of their labels
// (`words::Workbook::society_rows`).
const DF: usize = 0;
const COSTS: usize = 1;
const BENEFITS: usize = 2;
const T_COSTS: usize = 3;
const T_BENEFITS: usize = 4;
const P_COSTS: usize = 5;
const P_BENEFITS: usize = 6;
const PUBLIC: usize = 7;
const VOLUNTEERS: usize = 8;
const WELFARE: usize = 9;
const B_RESOURCE: usize = 10;
const B_PRODUCTION: usize = 11;
const B_TRANSFER: usize = 12;
const S_RESOURCE: usize = 13;
const S_PRODUCTION: usize = 14;
const S_TRANSFER: usize = 15;
const S_VOLUNTEERS: usize = 16;
const S_WELFARE: usize = 17;
const S_DISTORTION: usize = 18;
const NET: usize = 19;
const S_BENEFITS: usize = 20;
const S_COSTS: usize = 21;

/// Where the Perspectives sheet finds the society perspective.
pub(super) struct SocietyCells {
    /// `Society!C7`: the society net of year offset `t`.
    pub net: Vec<String>,
    /// The present values of society's benefits and costs.
    pub pv_benefits: String,
    pub pv_costs: String,
    /// The factors a person may change (fixed values, not read from Inputs): `B28`, `B29`.
    pub inputs: Vec<String>,
}

fn row(k: usize) -> u32 {
    HEAD + 1 + k as u32
}

fn year_col(t: usize) -> u16 {
    2 + t as u16
}

/// The Society sheet and the cells the Perspectives sheet reads.
pub(super) fn sheet(
    r: &RunReport,
    workings: &Workings,
    params: &Params,
    cols: &Cols,
    fm: &Formats,
    line: &str,
    df_cell: &dyn Fn(usize) -> String,
) -> Result<(Worksheet, SocietyCells), XlsxError> {
    let (terms, units) = (&workings.terms, &workings.units);
    let s = &r.base.society.workings;
    let model = params.model();
    let h = model.horizon;
    let w = fm.w;
    let rows = &w.society_rows;
    let mut ws = super::sheet(w.sheets.society, fm, &r.scenario, line, w.society_note)?;
    let years: Vec<String> = (0..h).map(|t| model.year(t).to_string()).collect();
    let mut names = vec!["", w.present_value];
    names.extend(years.iter().map(String::as_str));
    header_over(&mut ws, fm, HEAD, &names, 1)?;
    // The factors, below the table.
    let naf_row = row(rows.len()) + 1;
    // A fixed factor is a cell to change (an input cell); one from Inputs a formula.
    let mut inputs = Vec::new();
    for (k, (label, p)) in [
        (w.net_tax_factor, model.society.net_tax_factor),
        (w.tax_distortion_factor, model.society.tax_distortion),
    ]
    .into_iter()
    .enumerate()
    {
        let x = naf_row + k as u32;
        ws.text_with_format(x, 0, label, &fm.bold)?;
        let fixed = matches!(p, crate::model::Param::Fixed(_));
        let format = if fixed { &fm.input_ratio } else { &fm.ratio };
        params.write(&mut ws, x, 1, p, format)?;
        if fixed {
            inputs.push(cell(x, 1, false));
        }
    }
    ws.text(naf_row + 2, 0, (w.source_is)(&s.source))?;
    let (naf, distortion) = (cell(naf_row, 1, true), cell(naf_row + 1, 1, true));

    // Each class's lines, summed per year.
    let class_sums = |class: SocialClass| -> Result<(Vec<Sum>, Vec<Sum>), XlsxError> {
        let costs: Vec<_> = (model.costs.iter().zip(&terms.costs))
            .filter(|(c, _)| c.class == class)
            .map(|(_, t)| t)
            .collect();
        let benefits: Vec<_> = (model.outcomes.iter().zip(&terms.avoided))
            .filter(|(o, _)| o.class == class)
            .map(|(_, t)| t)
            .collect();
        Ok((Terms::per_year(&costs, h)?, Terms::per_year(&benefits, h)?))
    };
    let (t_costs, t_benefits) = class_sums(SocialClass::Transfer)?;
    let (p_costs, p_benefits) = class_sums(SocialClass::Production)?;
    let volunteer: Vec<_> = terms.volunteer_time.iter().collect();
    let volunteers = Terms::per_year(&volunteer, h)?;

    // Ledger totals of every payer per year, for the cached values.
    let mut ledger_costs = vec![Decimal::ZERO; h];
    let mut ledger_benefits = vec![Decimal::ZERO; h];
    for l in &r.base.ledger {
        let t = (l.year - model.start_year) as usize;
        ledger_costs[t] = checked(ledger_costs[t].checked_add(l.costs.0))?;
        ledger_benefits[t] = checked(ledger_benefits[t].checked_add(l.avoided.0))?;
    }

    let net = super::ledger::by_payer(r, model, |row| Some(row.net.0))?;
    let mut parts = Parts::new(year_col(h) + 1);
    let dfs = model.discount_factors();
    let mut values = vec![vec![Decimal::ZERO; h]; rows.len()];
    let mut net_cells = Vec::with_capacity(h);
    let sheet = super::sheet_ref(w.sheets.society);
    for (k, label) in rows.iter().enumerate() {
        ws.text(row(k), 0, *label)?;
    }
    for t in 0..h {
        let c = year_col(t);
        let at = |k: usize| cell(row(k), c, false);
        let year = cell(HEAD, c, false);
        formula(
            &mut ws,
            row(DF),
            c,
            format!("={}", df_cell(t)),
            dfs[t],
            &fm.factor,
        )?;
        let public_terms: Vec<Term> = (PUBLIC_PAYERS.iter())
            .map(|&p| Term::new(cols.sumifs(cols.net, Some(p), &year), net[p][t]))
            .collect();
        let public_text = format!("={}", parts.sum(&mut ws, fm, public_terms, &fm.ore)?);
        let mut put = |ws: &mut Worksheet, k: usize, text: String, value: Decimal| {
            values[k][t] = value;
            formula(ws, row(k), c, text, value, &fm.ore)
        };
        put(
            &mut ws,
            COSTS,
            format!("={}", cols.sumifs(cols.costs, None, &year)),
            ledger_costs[t],
        )?;
        put(
            &mut ws,
            BENEFITS,
            format!("={}", cols.sumifs(cols.avoided, None, &year)),
            ledger_benefits[t],
        )?;
        for (k, x) in [
            (T_COSTS, &t_costs[t]),
            (T_BENEFITS, &t_benefits[t]),
            (P_COSTS, &p_costs[t]),
            (P_BENEFITS, &p_benefits[t]),
            (VOLUNTEERS, &volunteers[t]),
        ] {
            let text = x.formula(&mut ws, &mut parts, fm)?;
            put(&mut ws, k, text, x.value)?;
        }
        put(&mut ws, PUBLIC, public_text, -s.financing_need[t])?;
        // Welfare: the units present each year (from the ledger) times the value per unit.
        let welfare: Vec<String> = (model.non_monetary.iter().zip(units))
            .filter_map(|(n, u)| n.welfare.as_ref().map(|w| (w, u)))
            .map(|(w, u)| format!("{}*{}", u.per_year[t], params.text(w.per_unit)))
            .collect();
        let welfare_value = s.parts[4].society[t];
        let welfare_text = if welfare.is_empty() {
            "=0".to_owned()
        } else {
            format!("={}", welfare.join("+"))
        };
        put(&mut ws, WELFARE, welfare_text, welfare_value)?;
        let part = |k: usize| s.parts[k].society[t];
        let budget = |k: usize| s.parts[k].budget.as_ref().map_or(Decimal::ZERO, |b| b[t]);
        put(
            &mut ws,
            B_RESOURCE,
            format!(
                "=({}-{}-{})-({}-{}-{})",
                at(BENEFITS),
                at(T_BENEFITS),
                at(P_BENEFITS),
                at(COSTS),
                at(T_COSTS),
                at(P_COSTS)
            ),
            budget(0),
        )?;
        put(
            &mut ws,
            B_PRODUCTION,
            format!("={}-{}", at(P_BENEFITS), at(P_COSTS)),
            budget(1),
        )?;
        put(
            &mut ws,
            B_TRANSFER,
            format!("={}-{}", at(T_BENEFITS), at(T_COSTS)),
            budget(2),
        )?;
        put(
            &mut ws,
            S_RESOURCE,
            format!("={naf}*{}", at(B_RESOURCE)),
            part(0),
        )?;
        put(
            &mut ws,
            S_PRODUCTION,
            format!("={naf}*{}", at(B_PRODUCTION)),
            part(1),
        )?;
        put(&mut ws, S_TRANSFER, "=0".into(), part(2))?;
        put(
            &mut ws,
            S_VOLUNTEERS,
            format!("=-{}", at(VOLUNTEERS)),
            part(3),
        )?;
        put(&mut ws, S_WELFARE, format!("={}", at(WELFARE)), part(4))?;
        put(
            &mut ws,
            S_DISTORTION,
            format!("=({distortion}-1)*{}", at(PUBLIC)),
            part(5),
        )?;
        put(
            &mut ws,
            NET,
            format!("=SUM({}:{})", at(S_RESOURCE), at(S_DISTORTION)),
            s.flows[t].avoided - s.flows[t].costs,
        )?;
        put(
            &mut ws,
            S_BENEFITS,
            format!(
                "={naf}*({}-{})+{}",
                at(BENEFITS),
                at(T_BENEFITS),
                at(WELFARE)
            ),
            s.flows[t].avoided,
        )?;
        put(
            &mut ws,
            S_COSTS,
            format!(
                "={naf}*({}-{})+{}-({distortion}-1)*{}",
                at(COSTS),
                at(T_COSTS),
                at(VOLUNTEERS),
                at(PUBLIC)
            ),
            s.flows[t].costs,
        )?;
        net_cells.push(format!("{sheet}{}", at(NET)));
    }
    // Present values.
    let last = year_col(h.saturating_sub(1));
    let df_range = format!("{}:{}", cell(row(DF), 2, true), cell(row(DF), last, true));
    for (k, row_values) in values.iter().enumerate().skip(1) {
        let range = format!("{}:{}", cell(row(k), 2, false), cell(row(k), last, false));
        let mut pv = Decimal::ZERO;
        for (x, d) in row_values.iter().zip(&dfs) {
            pv = checked(x.checked_mul(*d).and_then(|y| pv.checked_add(y)))?;
        }
        formula(
            &mut ws,
            row(k),
            1,
            format!("=SUMPRODUCT({range},{df_range})"),
            pv,
            &fm.kroner,
        )?;
    }
    finish(&mut ws, &[44.0, 16.0, 14.0], 2 + h as u16)?;
    Ok((
        ws,
        SocietyCells {
            net: net_cells,
            pv_benefits: format!("{sheet}{}", cell(row(S_BENEFITS), 1, true)),
            pv_costs: format!("{sheet}{}", cell(row(S_COSTS), 1, true)),
            inputs,
        },
    ))
}

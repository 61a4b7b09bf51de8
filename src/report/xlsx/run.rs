//! The run's workbook: the ledger with live formulas, the perspectives' results over it, the
//! discount factors, the inputs and the Monte Carlo summary.

use crate::decimal::to_f64;
use crate::model::Model;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Note, Workbook, Worksheet, XlsxError};

use super::Text;
use super::parts::{Parts, Term};
use super::{
    Formats, HEAD, Kind, cell, finish, header_over, header_row, heading, result, sheet_ref,
};
use crate::report::RunReport;
use crate::report::locale::Lang;

/// The column of the Perspectives sheet's helper columns (hidden): whether the cumulative
/// result stays at or above zero from a year on, and the break-even candidate.
const HELPERS: u16 = 10;

/// The run's workbook, in `lang`.
pub fn run(r: &RunReport, model: &Model, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let fm = Formats::new(lang);
    let w = fm.w;
    let mut wb = Workbook::new();
    let line = format!(
        "{} · {} · {} · somsim {}",
        r.file,
        (w.in_prices)(r.price_year),
        match (r.seed, r.trials) {
            (Some(seed), Some(trials)) => {
                (w.monte_carlo_line)(trials, seed, r.is_latin_hypercube())
            }
            _ => w.base_case_only.into(),
        },
        env!("CARGO_PKG_VERSION")
    );
    let years: Vec<i32> = (0..r.horizon as i32).map(|t| r.start_year + t).collect();

    // Discounting: DF(first year) = 1, DF(t) = DF(t-1) / (1 + rate(t)).
    let mut disc = Worksheet::new();
    disc.set_name(w.sheets.discounting)?;
    heading(&mut disc, &fm, &r.scenario, &line)?;
    let rule = (fm.words.tables.discount_rule)(&r.discount_rule, &|x| lang.rate(x));
    disc.text(HEAD - 1, 0, &rule)?;
    header_over(
        &mut disc,
        &fm,
        HEAD,
        &[w.year, w.rate, w.discount_factor],
        0,
    )?;
    let dfs = discount_factors(r);
    // The rates after the first year's are inputs (the first year's factor is 1).
    let rate_input = super::input_style(rust_xlsxwriter::Format::new().set_num_format("0.0##%"));
    for (t, year) in years.iter().enumerate() {
        let row = HEAD + 1 + t as u32;
        disc.write_number(row, 0, *year)?;
        let rate = if t == 0 {
            0.0
        } else {
            to_f64(((dfs[t - 1] / dfs[t]) - Decimal::ONE).round_dp(12))
        };
        if t == 0 {
            disc.write_number(row, 1, rate)?;
        } else {
            disc.write_number_with_format(row, 1, rate, &rate_input)?;
        }
        let formula = if t == 0 {
            "=1".to_owned()
        } else {
            format!("={}/(1+{})", cell(row - 1, 2, false), cell(row, 1, false))
        };
        disc.write_formula_with_format(
            row,
            2,
            Formula::new(formula).set_result(result(to_f64(dfs[t]))),
            &fm.factor,
        )?;
    }
    finish(&mut disc, &[10.0, 10.0, 16.0], 3)?;
    let discounting = sheet_ref(w.sheets.discounting);
    let df_cell = |t: usize| format!("{discounting}{}", cell(HEAD + 1 + t as u32, 2, true));

    // The workings (activity, cost lines, transfers, outcomes) as formulas from the inputs'
    // defined names, and the ledger summing them.
    let names = super::defined_names(r.inputs.iter().map(|v| v.name.as_str()));
    let mut workings = super::workings::sheets(model, &names, &fm, &line, &df_cell)?;
    let params = super::workings::Params::new(model, &names);
    let contracts = super::contract::sheet(r, model, &params, &mut workings, &fm, &line)?;
    let (led, cols) = super::ledger::sheet(r, model, &workings.terms, &fm, &line, &df_cell)?;
    let range = |c: u16| cols.range(c);
    let (society, society_cells) =
        super::society::sheet(r, &workings, &params, &cols, &fm, &line, &df_cell)?;

    // Perspectives: per year the net of the perspective's payers, discounted, cumulative, and
    // whether the cumulative stays at or above zero from then on (sustained break-even).
    let mut per = Worksheet::new();
    per.set_name(w.sheets.perspectives)?;
    heading(&mut per, &fm, &r.scenario, &line)?;
    per.text(HEAD - 1, 0, w.perspectives_note)?;
    // Summary block.
    header_over(
        &mut per,
        &fm,
        HEAD,
        &[
            w.perspective,
            w.payers,
            w.npv,
            w.pv_benefits,
            w.pv_net_cost,
            w.roi,
            w.break_even_year,
        ],
        2,
    )?;
    let np = r.base.perspectives.len() as u32;
    // Per payer, for the cached results: the net of each year, and the present value of each
    // ledger column the summary sums.
    let net = super::ledger::by_payer(r, model, |row| Some(row.net.0))?;
    let pv_by_payer = |value: fn(&crate::report::LedgerRowView) -> Decimal| {
        let years = super::ledger::by_payer(r, model, |row| {
            value(row).checked_mul(row.discount_factor.0)
        })?;
        let mut out = Vec::with_capacity(years.len());
        for y in years {
            let sum = y.iter().try_fold(Decimal::ZERO, |a, b| a.checked_add(*b));
            out.push(super::checked(sum)?);
        }
        Ok::<Vec<Decimal>, XlsxError>(out)
    };
    let pv_avoided = pv_by_payer(|row| row.avoided.0)?;
    let pv_costs = pv_by_payer(|row| row.costs.0)?;
    let pv_transfers = pv_by_payer(|row| row.transfers.0)?;
    let pv_contract = pv_by_payer(|row| row.contract.0)?;
    let mut parts = Parts::new(8);
    // Year blocks start below the summary: per perspective 6 columns.
    // Below the summary, one year block per perspective, each under the one before.
    let block_rows = r.horizon as u32 + 3;
    let first_block = HEAD + np + 3;
    for (j, (name, p)) in r.base.perspectives.iter().enumerate() {
        let is_society = model.perspectives.get(j).is_some_and(|q| q.society);
        let payers: &[usize] = model.perspectives.get(j).map_or(&[], |q| &q.payers);
        let srow = HEAD + 1 + j as u32;
        let c0 = 0;
        let block_top = first_block + j as u32 * block_rows;
        // Year block for this perspective.
        let label = (w.perspective_name)(name);
        per.text_with_format(block_top, c0, &label, &fm.header)?;
        for (k, h) in [w.year, w.net, w.discounted_net, w.cumulative]
            .iter()
            .enumerate()
        {
            per.text_with_format(block_top + 1, c0 + k as u16, *h, &fm.header)?;
        }
        for (k, h) in [w.from_here_on, w.break_even_candidate].iter().enumerate() {
            per.text_with_format(block_top + 1, HELPERS + k as u16, *h, &fm.header)?;
        }
        let y0 = block_top + 2;
        let cums: Vec<Decimal> = p
            .years
            .iter()
            .map(|y| y.cumulative_discounted_net.0)
            .collect();
        for (t, y) in p.years.iter().enumerate() {
            let x = y0 + t as u32;
            per.write_number(x, c0, y.year)?;
            let text = if is_society {
                format!("={}", society_cells.net[t])
            } else {
                let year = cell(x, c0, false);
                let terms = (payers.iter())
                    .map(|&q| Term::new(cols.sumifs(cols.net, Some(q), &year), net[q][t]))
                    .collect();
                format!("={}", parts.sum(&mut per, &fm, terms, &fm.ore)?)
            };
            per.write_formula_with_format(
                x,
                c0 + 1,
                Formula::new(text).set_result(result(to_f64(y.net.0))),
                &fm.ore,
            )?;
            per.write_formula_with_format(
                x,
                c0 + 2,
                Formula::new(format!("={}*{}", cell(x, c0 + 1, false), df_cell(t)))
                    .set_result(result(to_f64(y.net.0 * y.discount_factor.0))),
                &fm.ore,
            )?;
            let cum_formula = if t == 0 {
                format!("={}", cell(x, c0 + 2, false))
            } else {
                format!("={}+{}", cell(x - 1, c0 + 3, false), cell(x, c0 + 2, false))
            };
            per.write_formula_with_format(
                x,
                c0 + 3,
                Formula::new(cum_formula).set_result(result(to_f64(cums[t]))),
                &fm.ore,
            )?;
        }
        // "From here on >= 0", bottom up, then the year where it first holds.
        let n = p.years.len();
        for t in (0..n).rev() {
            let x = y0 + t as u32;
            let holds = cums[t..].iter().all(|c| *c >= Decimal::ZERO);
            let formula = if t + 1 == n {
                format!("=IF({}>=0,1,0)", cell(x, c0 + 3, false))
            } else {
                format!(
                    "=IF(AND({}>=0,{}=1),1,0)",
                    cell(x, c0 + 3, false),
                    cell(x + 1, HELPERS, false)
                )
            };
            per.write_formula(
                x,
                HELPERS,
                Formula::new(formula).set_result(if holds { "1" } else { "0" }),
            )?;
            per.write_formula(
                x,
                HELPERS + 1,
                Formula::new(format!(
                    "=IF({}=1,{},9999)",
                    cell(x, HELPERS, false),
                    cell(x, c0, false)
                ))
                .set_result(if holds {
                    p.years[t].year.to_string()
                } else {
                    "9999".into()
                }),
            )?;
        }
        let years_range = |c: u16| {
            format!(
                "{}:{}",
                cell(y0, c, true),
                cell(y0 + n.max(1) as u32 - 1, c, true)
            )
        };
        // Summary row.
        per.text(srow, 0, &label)?;
        if is_society {
            per.text(srow, 1, w.society_payers)?;
        } else {
            per.text(srow, 1, p.payers.join(", "))?;
        }
        per.write_formula_with_format(
            srow,
            2,
            Formula::new(format!("=SUM({})", years_range(c0 + 2)))
                .set_result(result(to_f64(p.npv.0))),
            &fm.kroner,
        )?;
        // SUMPRODUCT of a ledger column and the discount factors over each payer's rows.
        let pv = |value_col: u16, minus: bool, values: &[Decimal]| -> Vec<Term> {
            (payers.iter())
                .map(|&q| {
                    let text = format!(
                        "{}SUMPRODUCT({}*{}*{})",
                        if minus { "-" } else { "" },
                        cols.payer_rows(q),
                        range(value_col),
                        range(cols.factor)
                    );
                    Term::new(text, if minus { -values[q] } else { values[q] })
                })
                .collect()
        };
        let (benefits_text, cost_text) = if is_society {
            (
                format!("={}", society_cells.pv_benefits),
                format!("={}", society_cells.pv_costs),
            )
        } else {
            let benefits = pv(cols.avoided, false, &pv_avoided);
            let mut cost = pv(cols.costs, false, &pv_costs);
            cost.extend(pv(cols.transfers, true, &pv_transfers));
            cost.extend(pv(cols.contract, true, &pv_contract));
            (
                format!("={}", parts.sum(&mut per, &fm, benefits, &fm.kroner)?),
                format!("={}", parts.sum(&mut per, &fm, cost, &fm.kroner)?),
            )
        };
        per.write_formula_with_format(
            srow,
            3,
            Formula::new(benefits_text).set_result(result(to_f64(p.pv_benefits.0))),
            &fm.kroner,
        )?;
        per.write_formula_with_format(
            srow,
            4,
            Formula::new(cost_text).set_result(result(to_f64(p.pv_net_cost.0))),
            &fm.kroner,
        )?;
        per.write_formula_with_format(
            srow,
            5,
            Formula::new(format!(
                "=IF({}>0,{}/{},\"{}\")",
                cell(srow, 4, false),
                cell(srow, 3, false),
                cell(srow, 4, false),
                w.undefined
            ))
            .set_result(p.roi.map_or(w.undefined.into(), |x| result(to_f64(x.0)))),
            &fm.ratio,
        )?;
        per.write_formula_with_format(
            srow,
            6,
            Formula::new(format!(
                "=IF(MIN({r})=9999,\"{none}\",MIN({r}))",
                r = years_range(HELPERS + 1),
                none = w.none
            ))
            .set_result(p.break_even_year.map_or(w.none.into(), |y| y.to_string())),
            &fm.right,
        )?;
    }
    super::finish_with(&mut per, &[14.0, 22.0, 15.0], 7, false)?;
    // The helper columns, grouped and hidden, explained on the break-even year's header.
    per.set_column_width(HELPERS, 16)?;
    per.set_column_width(HELPERS + 1, 16)?;
    per.group_columns_collapsed(HELPERS, HELPERS + 1)?;
    per.insert_note(
        HEAD,
        6,
        &Note::new(w.perspectives_helpers)
            .add_author_prefix(false)
            .set_width(360)
            .set_height(160),
    )?;

    // Inputs: every uncertain input and named assumption, with source: the value to change
    // (an input cell, in its unit's number format) beside its unit, price year and source.
    let mut inp = Worksheet::new();
    inp.set_name(w.sheets.inputs)?;
    heading(&mut inp, &fm, &r.scenario, &line)?;
    inp.text(HEAD - 1, 0, w.inputs_note)?;
    header_row(
        &mut inp,
        &fm,
        HEAD,
        &[
            w.input,
            w.mean_to_change,
            w.unit,
            w.price_year,
            w.source,
            w.distribution,
            w.per_municipality,
            w.defined_at,
        ],
    )?;
    // The widths: the names' and distributions' in full, the long texts wrapped.
    let longest = |texts: &mut dyn Iterator<Item = &str>, min: f64, max: f64| {
        texts
            .map(|t| t.chars().count() as f64 + 1.0)
            .fold(min, f64::max)
            .min(max)
    };
    let widths = [
        longest(
            &mut (r.inputs.iter().map(|v| v.name.as_str()))
                .chain(r.assumptions.iter().map(|a| a.name.as_str())),
            14.0,
            44.0,
        ),
        longest(
            &mut r.assumptions.iter().map(|a| a.value.as_str()),
            16.0,
            32.0,
        ),
        longest(
            &mut (r.inputs.iter().filter_map(|v| v.unit.as_deref()))
                .chain(r.assumptions.iter().map(|a| a.unit.as_str())),
            8.0,
            40.0,
        ),
        9.0,
        longest(
            &mut (r.inputs.iter().filter_map(|v| v.source.as_deref()))
                .chain(r.assumptions.iter().map(|a| a.source.as_str())),
            8.0,
            44.0,
        ),
        longest(
            &mut (r.inputs.iter().map(|v| v.distribution.as_str()))
                .chain(r.correlations.iter().map(|c| c.inputs[1].as_str())),
            12.0,
            32.0,
        ),
        14.0,
        longest(
            &mut (r.inputs.iter().map(|v| v.defined_at.as_str()))
                .chain(r.assumptions.iter().map(|a| a.defined_at.as_str())),
            10.0,
            40.0,
        ),
    ];
    let wrap = rust_xlsxwriter::Format::new().set_text_wrap();
    // A row's wrapped texts (column, text): written wrapped, the row as high as the longest.
    let wrapped = |ws: &mut Worksheet, x: u32, texts: &[(u16, &str)]| {
        let mut h: f64 = 15.0;
        for (c, t) in texts {
            ws.text_with_format(x, *c, t, &wrap)?;
            h = h.max(super::wrapped_height(t, widths[*c as usize]));
        }
        ws.set_row_height(x, h)?;
        Ok::<(), XlsxError>(())
    };
    let inputs = sheet_ref(w.sheets.inputs);
    for (i, v) in r.inputs.iter().enumerate() {
        let x = HEAD + 1 + i as u32;
        inp.text(x, 0, &v.name)?;
        let mean = to_f64(v.mean.0);
        let kind = Kind::of(&v.name, v.unit.as_deref(), mean);
        inp.write_number_with_format(x, 1, mean, fm.input(kind))?;
        // The input's mean by name (e.g. `=completion_rate` anywhere in the workbook).
        wb.define_name(&names[i], &format!("={inputs}{}", cell(x, 1, true)))?;
        let price_year = (r.assumptions.iter())
            .find(|a| a.name == v.name)
            .and_then(|a| a.price_year);
        if let Some(py) = price_year {
            inp.write_number(x, 3, py)?;
        }
        let per = match (v.per_municipality, &v.pooling) {
            (true, Some(p)) => (w.pooled)(&p.0.normalize().to_string()),
            (true, None) => w.yes.into(),
            (false, _) => w.no.into(),
        };
        inp.text(x, 6, &per)?;
        wrapped(
            &mut inp,
            x,
            &[
                (2, v.unit.as_deref().unwrap_or("")),
                (4, v.source.as_deref().unwrap_or("")),
                (5, &v.distribution),
                (7, &v.defined_at),
            ],
        )?;
    }
    let a0 = HEAD + r.inputs.len() as u32 + 3;
    header_row(
        &mut inp,
        &fm,
        a0,
        &[
            w.assumption,
            w.value,
            w.unit,
            w.price_year,
            w.source,
            w.year,
            w.changed_here,
            w.defined_at,
        ],
    )?;
    for (i, a) in r.assumptions.iter().enumerate() {
        let x = a0 + 1 + i as u32;
        inp.text(x, 0, &a.name)?;
        if let Some(py) = a.price_year {
            inp.write_number(x, 3, py)?;
        }
        inp.write_number(x, 5, a.year)?;
        inp.text(x, 6, if a.overridden { w.yes } else { w.no })?;
        wrapped(
            &mut inp,
            x,
            &[
                (1, &a.value),
                (2, &a.unit),
                (4, &a.source),
                (7, &a.defined_at),
            ],
        )?;
    }
    // The rank correlations the scenario sets, beside those the trials achieved.
    if !r.correlations.is_empty() {
        let c0 = a0 + r.assumptions.len() as u32 + 3;
        header_over(
            &mut inp,
            &fm,
            c0,
            &[w.correlation_between, w.and, w.target, w.achieved],
            2,
        )?;
        for (k, c) in r.correlations.iter().enumerate() {
            let x = c0 + 1 + k as u32;
            inp.text(x, 0, &c.inputs[0])?;
            inp.text(x, 1, &c.inputs[1])?;
            inp.write_number_with_format(x, 2, c.target, &fm.ratio)?;
            match c.achieved {
                Some(a) => inp.write_number_with_format(x, 3, a, &fm.ratio)?,
                None => inp.text_with_format(x, 3, w.no_monte_carlo, &fm.right)?,
            };
        }
    }
    finish(&mut inp, &widths, 8)?;
    inp.set_row_height(HEAD, 45)?;

    let mc = super::montecarlo::sheet(r, &fm, &line, &years)?;
    let munis = super::municipalities::sheet_of(r, &fm, &line, &years)?;
    let budget = super::budget::sheet(r, model, &fm, &line, &cols)?;
    // The budget years in current prices read each perspective's net of a year from its year
    // block on Perspectives.
    let perspectives_ref = sheet_ref(w.sheets.perspectives);
    let net_cell = |name: &str, t: usize| {
        (r.base.perspectives.get_index_of(name)).map(|j| {
            let row = first_block + j as u32 * block_rows + 2 + t as u32;
            format!("{perspectives_ref}{}", cell(row, 1, true))
        })
    };
    let current = super::budget::current_sheet(r, model, &fm, &line, &net_cell)?;
    let effects: Vec<String> = workings.units.iter().map(|u| u.effect.clone()).collect();
    let ce = super::cea::sheet(
        r.cost_effectiveness.as_ref(),
        &effects,
        &fm,
        &r.scenario,
        &line,
    )?;

    // The sheets in order, each with what it holds (for the first sheet).
    let notes = &w.about.notes;
    let mut sheets: Vec<(Worksheet, &str)> =
        vec![(per, notes.perspectives), (budget, notes.budget)];
    let projection_cells = match current {
        Some((ws, cells)) => {
            sheets.push((ws, notes.budget_current));
            Some(cells)
        }
        None => None,
    };
    sheets.push((led, notes.ledger));
    for ws in workings.sheets {
        let name = ws.name();
        let note = [
            (w.sheets.activity, notes.activity),
            (w.sheets.costs, notes.costs),
            (w.sheets.transfers, notes.transfers),
            (w.sheets.benefits, notes.benefits),
        ]
        .into_iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, note)| note);
        sheets.push((ws, note));
    }
    if let Some(ws) = contracts {
        sheets.push((ws, notes.contracts));
    }
    sheets.push((society, notes.society));
    sheets.push((disc, notes.discounting));
    sheets.push((inp, notes.inputs));
    sheets.push((mc, notes.monte_carlo));
    if let Some(munis) = munis {
        sheets.push((munis, notes.municipalities));
    }
    if let Some(ce) = ce {
        sheets.push((ce, notes.cost_effectiveness));
    }

    // The cells to change, and the perspectives, for the first sheet.
    let a = &w.about;
    let mut cells = vec![super::about::InputCells {
        sheet: w.sheets.inputs.into(),
        cells: if r.inputs.is_empty() {
            "-".into()
        } else {
            format!(
                "{}:{}",
                cell(HEAD + 1, 1, false),
                cell(HEAD + r.inputs.len() as u32, 1, false)
            )
        },
        what: a.inputs_cells,
    }];
    if !society_cells.inputs.is_empty() {
        cells.push(super::about::InputCells {
            sheet: w.sheets.society.into(),
            cells: society_cells.inputs.join(", "),
            what: a.society_cells,
        });
    }
    if years.len() > 1 {
        cells.push(super::about::InputCells {
            sheet: w.sheets.discounting.into(),
            cells: format!(
                "{}:{}",
                cell(HEAD + 2, 1, false),
                cell(HEAD + years.len() as u32, 1, false)
            ),
            what: a.discounting_cells,
        });
    }
    if let Some(rates) = projection_cells {
        cells.push(super::about::InputCells {
            sheet: w.sheets.budget_current.into(),
            cells: rates,
            what: a.projection_cells,
        });
    }
    let perspectives: Vec<super::about::PerspectiveLine> = (r.base.perspectives.iter())
        .enumerate()
        .map(|(j, (name, p))| {
            let is_society = model.perspectives.get(j).is_some_and(|q| q.society);
            super::about::PerspectiveLine {
                name: (w.perspective_name)(name),
                payers: if is_society {
                    w.society_payers.into()
                } else {
                    p.payers.join(", ")
                },
                means: (a.perspective_means)(name)
                    .unwrap_or(a.own_perspective)
                    .into(),
            }
        })
        .collect();
    let list: Vec<(String, &str)> = sheets.iter().map(|(ws, n)| (ws.name(), *n)).collect();
    let about = super::about::sheet(r, &fm, &list, &cells, &perspectives)?;
    wb.push_worksheet(about);
    for (ws, _) in sheets {
        wb.push_worksheet(ws);
    }
    super::print_setup(&mut wb, &fm);
    wb.save_to_buffer()
}

/// The discount factor of each year, from the ledger rows (every year has rows).
fn discount_factors(r: &RunReport) -> Vec<Decimal> {
    let mut dfs = vec![Decimal::ONE; r.horizon];
    for row in &r.base.ledger {
        let t = (row.year - r.start_year) as usize;
        if let Some(d) = dfs.get_mut(t) {
            *d = row.discount_factor.0;
        }
    }
    dfs
}

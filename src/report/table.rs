//! The human report: aligned tables with thousands separators and units.

use comfy_table::{Cell, CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};
use rust_decimal::Decimal;

use super::format::{kroner, ratio, thousands};
use super::{LedgerFilter, RunReport};

/// Rules above, below and under the header; none between rows.
const HOUSE_STYLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::none().fill('─').junction('─'))
    .header_separator(LineStyle::none().fill('─').junction('─'))
    .bottom_border(LineStyle::none().fill('─').junction('─'));

/// A table in the house style: light rules, numbers right-aligned.
pub fn new_table(header: &[&str], numeric_from: usize) -> Table {
    let mut t = Table::new();
    t.load_style(HOUSE_STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().map(Cell::new));
    for i in numeric_from..header.len() {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// Scenario name, period, price level, discounting and conversions.
pub fn header(r: &RunReport) -> String {
    let last = r.start_year + r.horizon as i32 - 1;
    let mut s = format!(
        "{}\n{} · {}-{} ({} years) · DKK in {} prices\nDiscounting: {}\n",
        r.scenario, r.file, r.start_year, last, r.horizon, r.price_year, r.discounting
    );
    if !r.price_conversions.is_empty() {
        let index = &r.price_conversions[0].index;
        let items: Vec<String> = r
            .price_conversions
            .iter()
            .map(|c| {
                format!(
                    "{} {}->{} x{}",
                    c.what,
                    c.from_year,
                    c.to_year,
                    thousands(c.factor.0, 4)
                )
            })
            .collect();
        s.push_str(&format!(
            "Converted to {} prices with {index}: {}\n",
            r.price_year,
            items.join("; ")
        ));
    }
    s
}

/// The base-case summary: one row per perspective.
pub fn base_summary(r: &RunReport) -> String {
    let t = &r.base.totals;
    let mut s = format!(
        "Activity: {} courses · {} participants · {} completers · {} volunteers trained\nGross cost of the intervention: {} DKK ({} DKK discounted)\n\n",
        thousands(t.courses.0, 0),
        thousands(t.participants.0, 0),
        thousands(t.completers.0, 0),
        thousands(t.volunteers_trained.0, 0),
        kroner(t.gross_cost.0),
        kroner(t.pv_gross_cost.0),
    );
    s.push_str(
        "Base case: uncertain inputs at their mean; DKK, whole kroner (JSON and CSV carry øre)\n",
    );
    let mut table = new_table(
        &[
            "Perspective",
            "NPV",
            "PV benefits",
            "PV net cost",
            "ROI",
            "Break-even",
            "Net cost / completer",
        ],
        1,
    );
    let last = r.start_year + r.horizon as i32 - 1;
    for (name, p) in &r.base.perspectives {
        table.add_row(vec![
            Cell::new(name),
            Cell::new(kroner(p.npv.0)),
            Cell::new(kroner(p.pv_benefits.0)),
            Cell::new(kroner(p.pv_net_cost.0)),
            Cell::new(ratio(p.roi.map(|x| x.0))),
            Cell::new(
                if p.years
                    .iter()
                    .all(|y| y.net.0.is_zero() && y.costs.0.is_zero())
                {
                    "no flows".to_owned()
                } else {
                    match (p.break_even_year, p.years_to_break_even) {
                        (Some(y), Some(n)) => {
                            format!("{y} ({n} yr{})", if n == 1 { "" } else { "s" })
                        }
                        _ => format!("none by {last}"),
                    }
                },
            ),
            Cell::new(
                p.pv_net_cost_per_completer
                    .map(|m| kroner(m.0))
                    .unwrap_or_else(|| "-".into()),
            ),
        ]);
    }
    s.push_str(&table.to_string());
    s.push_str("\nNet cost / completer is discounted (PV net cost / completers).\n");
    for n in &r.base.non_monetary {
        s.push_str(&format!(
            "{}: {} {} over the horizon; gross cost {} DKK per unit, public net cost {} DKK per unit\n",
            n.name,
            thousands(n.units.0, 1),
            n.unit,
            n.gross_cost_per_unit.map(|m| kroner(m.0)).unwrap_or_else(|| "-".into()),
            n.public_net_cost_per_unit.map(|m| kroner(m.0)).unwrap_or_else(|| "-".into()),
        ));
    }
    s
}

/// Year by year, summed over the ledger rows the filter keeps, to the øre.
pub fn ledger(r: &RunReport, filter: &LedgerFilter) -> String {
    let what = match (&filter.municipality, &filter.payer) {
        (None, None) => "all municipalities, all payers".to_owned(),
        (Some(m), None) => format!("{m}, all payers"),
        (None, Some(p)) => format!("all municipalities, payer {p}"),
        (Some(m), Some(p)) => format!("{m}, payer {p}"),
    };
    let mut table = new_table(
        &[
            "Year",
            "Costs",
            "Benefits",
            "Transfers",
            "Net",
            "Discount factor",
            "Discounted net",
            "Cumulative",
        ],
        1,
    );
    let mut cumulative = Decimal::ZERO;
    let mut years: Vec<(i32, [Decimal; 4], Decimal)> = Vec::new();
    for row in r.base.ledger.iter().filter(|row| filter.keeps(row)) {
        if years.last().is_none_or(|y| y.0 != row.year) {
            years.push((row.year, [Decimal::ZERO; 4], row.discount_factor.0));
        }
        let y = years.last_mut().expect("pushed above");
        y.1[0] += row.costs.0;
        y.1[1] += row.avoided.0;
        y.1[2] += row.transfers.0;
        y.1[3] += row.net.0;
    }
    for (year, [c, b, tr, net], df) in years {
        let discounted = df * net;
        cumulative += discounted;
        table.add_row(vec![
            Cell::new(year),
            Cell::new(thousands(c, 2)),
            Cell::new(thousands(b, 2)),
            Cell::new(thousands(tr, 2)),
            Cell::new(thousands(net, 2)),
            Cell::new(format!("{:.6}", df.round_dp(6))),
            Cell::new(thousands(discounted, 2)),
            Cell::new(thousands(cumulative, 2)),
        ]);
    }
    format!("Ledger ({what}), DKK:\n{table}\n")
}

/// The whole human report of a base-case run.
pub fn render(r: &RunReport, ledger_filter: Option<&LedgerFilter>) -> String {
    let mut s = header(r);
    s.push('\n');
    s.push_str(&base_summary(r));
    if let Some(f) = ledger_filter {
        s.push('\n');
        s.push_str(&ledger(r, f));
    }
    s
}

//! The human report: aligned tables with thousands separators and units.

use comfy_table::{Cell, CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};
use rust_decimal::Decimal;

use super::format::{kroner, kroner_f64, ratio, thousands};
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

/// Text for a terminal: no trailing spaces (the tables pad their last column), and control
/// characters from the input shown escaped.
pub fn tidy(s: String) -> String {
    let s = super::format::printable(&s);
    let mut out: String = s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
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
            Cell::new(if no_flows(r, name) {
                "no flows".to_owned()
            } else {
                match (p.break_even_year, p.years_to_break_even) {
                    (Some(y), Some(n)) => {
                        format!("{y} ({n} yr{})", if n == 1 { "" } else { "s" })
                    }
                    _ => format!("none by {last}"),
                }
            }),
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
    let contracts = r.base.ledger.iter().any(|row| !row.contract.0.is_zero());
    let mut headers = vec!["Year", "Costs", "Benefits", "Transfers"];
    if contracts {
        headers.push("Contract");
    }
    headers.extend(["Net", "Discount factor", "Discounted net", "Cumulative"]);
    let mut table = new_table(&headers, 1);
    let mut cumulative = Decimal::ZERO;
    let mut years: Vec<(i32, [Decimal; 5], Decimal)> = Vec::new();
    for row in r.base.ledger.iter().filter(|row| filter.keeps(row)) {
        if years.last().is_none_or(|y| y.0 != row.year) {
            years.push((row.year, [Decimal::ZERO; 5], row.discount_factor.0));
        }
        let y = years.last_mut().expect("pushed above");
        y.1[0] += row.costs.0;
        y.1[1] += row.avoided.0;
        y.1[2] += row.transfers.0;
        y.1[3] += row.contract.0;
        y.1[4] += row.net.0;
    }
    for (year, [c, b, tr, k, net], df) in years {
        let discounted = df * net;
        cumulative += discounted;
        let mut cells = vec![
            Cell::new(year),
            Cell::new(thousands(c, 2)),
            Cell::new(thousands(b, 2)),
            Cell::new(thousands(tr, 2)),
        ];
        if contracts {
            cells.push(Cell::new(thousands(k, 2)));
        }
        cells.extend([
            Cell::new(thousands(net, 2)),
            Cell::new(format!("{:.6}", df.round_dp(6))),
            Cell::new(thousands(discounted, 2)),
            Cell::new(thousands(cumulative, 2)),
        ]);
        table.add_row(cells);
    }
    format!("Ledger ({what}), DKK:\n{table}\n")
}

/// The year offsets shown as break-even columns: up to five, ending with the last year.
fn milestone_years(horizon: usize) -> Vec<usize> {
    let mut out: Vec<usize> = (1..=5).map(|i| (i * horizon).div_ceil(5) - 1).collect();
    out.dedup();
    out
}

/// `values` (0 to 1) as a sparkline of eighth blocks, `▁` for 0 and `█` for 1.
pub fn sparkline(values: &[f64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| BLOCKS[(v.clamp(0.0, 1.0) * 7.0).round() as usize])
        .collect()
}

/// The Monte Carlo summary a finance officer reads at a glance; on a `terminal`, with the
/// break-even curve as a sparkline.
pub fn monte_carlo(r: &RunReport, terminal: bool) -> String {
    let Some(mc) = &r.monte_carlo else {
        return String::new();
    };
    let trials = r.trials.unwrap_or(0);
    let seed = r.seed.unwrap_or(0);
    let mut s = format!(
        "Monte Carlo: {} trials, seed {seed} (rerun with --seed {seed} to reproduce); {} uncertain inputs\n",
        thousands(trials.into(), 0),
        r.inputs.len()
    );
    if let Some(p) = &mc.precision {
        s.push_str(&format!(
            "Precision: target {}, reached {:.4}{}\n",
            p.target,
            p.achieved,
            if p.converged {
                ""
            } else {
                " (stopped at the trial cap before reaching the target)"
            }
        ));
    }
    let years = milestone_years(r.horizon);
    // A perspective with no flows in any trial "breaks even" trivially; leave it out.
    let empty = |name: &str, p: &super::McPerspectiveView| {
        no_flows(r, name) && p.npv.sd.0 == 0.0 && p.npv.mean.0 == 0.0
    };
    let shown: Vec<(&String, &super::McPerspectiveView)> = mc
        .perspectives
        .iter()
        .filter(|(name, p)| !empty(name, p))
        .collect();
    let hidden: Vec<&str> = mc
        .perspectives
        .iter()
        .filter(|(name, p)| empty(name, p))
        .map(|(name, _)| name.as_str())
        .collect();
    let year_label = |t: usize| format!("by {}", r.start_year + t as i32);
    let mut header: Vec<String> = vec![
        "Perspective".into(),
        "Mean NPV".into(),
        "± se".into(),
        "5%".into(),
        "Median".into(),
        "95%".into(),
        "P(NPV > 0)".into(),
    ];
    header.push("P(break-even) ".to_owned() + &year_label(*years.last().unwrap_or(&0)));
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = new_table(&header_refs, 1);
    for &(name, p) in &shown {
        let last = p
            .break_even
            .by_year
            .values()
            .last()
            .map(|x| x.0)
            .unwrap_or(0.0);
        table.add_row(vec![
            Cell::new(name),
            Cell::new(kroner_f64(p.npv.mean.0)),
            Cell::new(kroner_f64(p.npv.se.0)),
            Cell::new(kroner_f64(p.npv.p5.0)),
            Cell::new(kroner_f64(p.npv.p50.0)),
            Cell::new(kroner_f64(p.npv.p95.0)),
            Cell::new(format!("{:.2}", p.prob_npv_positive.0)),
            Cell::new(format!("{last:.2}")),
        ]);
    }
    s.push_str(&format!("NPV over trials, DKK:\n{table}\n"));

    let mut header: Vec<String> = vec!["P(break-even by)".into()];
    header.extend(years.iter().map(|t| (r.start_year + *t as i32).to_string()));
    header.push("Never".into());
    if terminal {
        header.push(format!(
            "{}-{}",
            r.start_year,
            r.start_year + r.horizon as i32 - 1
        ));
    }
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = new_table(&header_refs, 1);
    for &(name, p) in &shown {
        let by: Vec<f64> = p.break_even.by_year.values().map(|x| x.0).collect();
        let mut row = vec![Cell::new(name)];
        row.extend(years.iter().map(|t| Cell::new(format!("{:.2}", by[*t]))));
        row.push(Cell::new(format!("{:.2}", p.break_even.never.0)));
        if terminal {
            row.push(Cell::new(sparkline(&by)).set_alignment(CellAlignment::Left));
        }
        table.add_row(row);
    }
    s.push_str(&format!("{table}\n"));
    if !hidden.is_empty() {
        s.push_str(&format!(
            "Not shown (no flows in this scenario): {}.\n",
            hidden.join(", ")
        ));
    }
    if let Some(public) = mc.perspectives.get("public") {
        let by: Vec<f64> = public.break_even.by_year.values().map(|x| x.0).collect();
        let mid = years[years.len() / 2];
        let last = r.horizon - 1;
        s.push_str(&format!(
            "P(public sector breaks even by {}) = {:.2}; by {} = {:.2}\n",
            r.start_year + mid as i32,
            by[mid],
            r.start_year + last as i32,
            by[last]
        ));
    }
    if mc.municipalities.len() <= 12 {
        let mut table = new_table(
            &[
                "Municipality's own budget (kommune)",
                "Mean NPV",
                "5%",
                "Median",
                "95%",
            ],
            1,
        );
        for (name, d) in &mc.municipalities {
            table.add_row(vec![
                Cell::new(name),
                Cell::new(kroner_f64(d.mean.0)),
                Cell::new(kroner_f64(d.p5.0)),
                Cell::new(kroner_f64(d.p50.0)),
                Cell::new(kroner_f64(d.p95.0)),
            ]);
        }
        s.push_str(&format!("{table}\n"));
    } else {
        s.push_str(&format!(
            "Per-municipality NPV percentiles for all {} municipalities: --format json (monte_carlo.municipalities).\n",
            mc.municipalities.len()
        ));
    }
    s
}

/// Whether a perspective has no flows at all in the base case.
fn no_flows(r: &RunReport, name: &str) -> bool {
    r.base.perspectives.get(name).is_some_and(|p| !p.has_flows)
}

/// The assumptions the scenario uses, with their sources.
pub fn sources(r: &RunReport) -> String {
    if r.assumptions.is_empty() {
        return "Assumptions used: none (every value is written in the scenario).\n".into();
    }
    let mut s = String::from("Assumptions used:\n");
    for a in &r.assumptions {
        let prices = a
            .price_year
            .map(|y| format!(", {y} prices"))
            .unwrap_or_default();
        let changed = if a.overridden {
            " [changed for this scenario]"
        } else {
            ""
        };
        s.push_str(&format!(
            "  {} = {} ({}{prices}){changed}\n      source: {} ({}); {}\n",
            a.name, a.value, a.unit, a.source, a.year, a.defined_at
        ));
    }
    s
}

/// The whole human report of a run.
pub fn render(
    r: &RunReport,
    ledger_filter: Option<&LedgerFilter>,
    show_sources: bool,
    terminal: bool,
) -> String {
    let mut s = header(r);
    s.push('\n');
    s.push_str(&base_summary(r));
    if r.monte_carlo.is_some() {
        s.push('\n');
        s.push_str(&monte_carlo(r, terminal));
    }
    if !r.contracts.is_empty() {
        s.push('\n');
        s.push_str(&super::contract::table(&r.contracts));
    }
    if let Some(f) = ledger_filter {
        s.push('\n');
        s.push_str(&ledger(r, f));
    }
    if show_sources {
        s.push('\n');
        s.push_str(&sources(r));
    }
    tidy(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_go_from_the_lowest_to_the_highest_block() {
        assert_eq!(sparkline(&[0.0, 0.5, 1.0, 1.5, -1.0]), "▁▅██▁");
        assert_eq!(sparkline(&[]), "");
    }
}

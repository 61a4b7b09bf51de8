//! The run's tables for people: the header, the base case, the ledger, the sources, and (from
//! `montecarlo`) the Monte Carlo; in the words and numbers of the table's language.

use comfy_table::Cell;
use rust_decimal::Decimal;

use super::montecarlo::monte_carlo;
use super::table::{Say, new_table, no_flows, tidy};
use crate::lang::Lang;
use crate::report::views::*;

/// Scenario name, period, price level, discounting and conversions.
pub fn header(r: &RunReport, say: Say) -> String {
    let last = r.start_year + r.horizon as i32 - 1;
    let mut s = if say.da() {
        format!(
            "{}\n{} · {}-{} ({} år) · kr. i {}-priser\nDiskontering: {}\n",
            r.scenario, r.file, r.start_year, last, r.horizon, r.price_year, r.discounting
        )
    } else {
        format!(
            "{}\n{} · {}-{} ({} years) · DKK in {} prices\nDiscounting: {}\n",
            r.scenario, r.file, r.start_year, last, r.horizon, r.price_year, r.discounting
        )
    };
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
                    say.n(c.factor.0, 4)
                )
            })
            .collect();
        s.push_str(&if say.da() {
            format!(
                "Omregnet til {}-priser med {index}: {}\n",
                r.price_year,
                items.join("; ")
            )
        } else {
            format!(
                "Converted to {} prices with {index}: {}\n",
                r.price_year,
                items.join("; ")
            )
        });
    }
    s
}

/// The base-case summary: one row per perspective.
pub fn base_summary(r: &RunReport, say: Say) -> String {
    let t = &r.base.totals;
    let (courses, participants, completers, volunteers, gross, pv_gross) = (
        say.n(t.courses.0, 0),
        say.n(t.participants.0, 0),
        say.n(t.completers.0, 0),
        say.n(t.volunteers_trained.0, 0),
        say.kr(t.gross_cost.0),
        say.kr(t.pv_gross_cost.0),
    );
    let mut s = if say.da() {
        format!(
            "Aktivitet: {courses} forløb · {participants} deltagere · {completers} gennemførte · {volunteers} frivillige uddannet\nIndsatsens bruttoudgift: {gross} kr. ({pv_gross} kr. diskonteret)\n\n"
        )
    } else {
        format!(
            "Activity: {courses} courses · {participants} participants · {completers} completers · {volunteers} volunteers trained\nGross cost of the intervention: {gross} DKK ({pv_gross} DKK discounted)\n\n"
        )
    };
    s.push_str(if say.da() {
        "Basisforløb: usikre antagelser på middelværdien; hele kroner (JSON og CSV har øre)\n"
    } else {
        "Base case: uncertain inputs at their mean; DKK, whole kroner (JSON and CSV carry øre)\n"
    });
    let mut table = new_table(
        &[
            say.t("Perspective"),
            say.t("NPV"),
            say.t("PV benefits"),
            say.t("PV net cost"),
            say.t("ROI"),
            say.t("Break-even"),
            say.t("Net cost / completer"),
        ],
        1,
    );
    let last = r.start_year + r.horizon as i32 - 1;
    for (name, p) in &r.base.perspectives {
        table.add_row(vec![
            Cell::new(name),
            Cell::new(say.kr(p.npv.0)),
            Cell::new(say.kr(p.pv_benefits.0)),
            Cell::new(say.kr(p.pv_net_cost.0)),
            Cell::new(say.ratio(p.roi.map(|x| x.0))),
            Cell::new(if no_flows(r, name) {
                say.t("no flows").to_owned()
            } else {
                match (p.break_even_year, p.years_to_break_even, say.da()) {
                    (Some(y), Some(n), false) => {
                        format!("{y} ({n} yr{})", if n == 1 { "" } else { "s" })
                    }
                    (Some(y), Some(n), true) => format!("{y} ({n} år)"),
                    (_, _, false) => format!("none by {last}"),
                    (_, _, true) => format!("ingen senest {last}"),
                }
            }),
            Cell::new(
                p.pv_net_cost_per_completer
                    .map(|m| say.kr(m.0))
                    .unwrap_or_else(|| "-".into()),
            ),
        ]);
    }
    s.push_str(&table.to_string());
    s.push_str(if say.da() {
        "\nNettoudgift pr. gennemfører er diskonteret (nettoudgift i nutidsværdi / gennemførte).\n"
    } else {
        "\nNet cost / completer is discounted (PV net cost / completers).\n"
    });
    for n in &r.base.non_monetary {
        let dash = || "-".to_owned();
        let (units, gross, public) = (
            say.n(n.units.0, 1),
            n.gross_cost_per_unit
                .map(|m| say.kr(m.0))
                .unwrap_or_else(dash),
            n.public_net_cost_per_unit
                .map(|m| say.kr(m.0))
                .unwrap_or_else(dash),
        );
        s.push_str(&if say.da() {
            format!(
                "{}: {units} {} over perioden; bruttoudgift {gross} kr. pr. enhed, offentlig nettoudgift {public} kr. pr. enhed\n",
                n.name, n.unit
            )
        } else {
            format!(
                "{}: {units} {} over the horizon; gross cost {gross} DKK per unit, public net cost {public} DKK per unit\n",
                n.name, n.unit
            )
        });
    }
    s
}

/// Year by year, summed over the ledger rows the filter keeps, to the øre.
pub fn ledger(r: &RunReport, filter: &LedgerFilter, say: Say) -> String {
    let what = match (&filter.municipality, &filter.payer, say.da()) {
        (None, None, false) => "all municipalities, all payers".to_owned(),
        (Some(m), None, false) => format!("{m}, all payers"),
        (None, Some(p), false) => format!("all municipalities, payer {p}"),
        (Some(m), Some(p), false) => format!("{m}, payer {p}"),
        (None, None, true) => "alle kommuner, alle betalere".to_owned(),
        (Some(m), None, true) => format!("{m}, alle betalere"),
        (None, Some(p), true) => format!("alle kommuner, betaler {p}"),
        (Some(m), Some(p), true) => format!("{m}, betaler {p}"),
    };
    let contracts = r.base.ledger.iter().any(|row| !row.contract.0.is_zero());
    let mut headers = vec![
        say.t("Year"),
        say.t("Costs"),
        say.t("Benefits"),
        say.t("Transfers"),
    ];
    if contracts {
        headers.push(say.t("Contract"));
    }
    headers.extend([
        say.t("Net"),
        say.t("Discount factor"),
        say.t("Discounted net"),
        say.t("Cumulative"),
    ]);
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
            Cell::new(say.n(c, 2)),
            Cell::new(say.n(b, 2)),
            Cell::new(say.n(tr, 2)),
        ];
        if contracts {
            cells.push(Cell::new(say.n(k, 2)));
        }
        cells.extend([
            Cell::new(say.n(net, 2)),
            Cell::new(say.n(df, 6)),
            Cell::new(say.n(discounted, 2)),
            Cell::new(say.n(cumulative, 2)),
        ]);
        table.add_row(cells);
    }
    if say.da() {
        format!("Regnskab ({what}), kr.:\n{table}\n")
    } else {
        format!("Ledger ({what}), DKK:\n{table}\n")
    }
}

/// The assumptions the scenario uses, with their sources.
pub fn sources(r: &RunReport, say: Say) -> String {
    let da = say.da();
    if r.assumptions.is_empty() {
        return if da {
            "Antagelser: ingen (alle værdier står i scenariet).\n".into()
        } else {
            "Assumptions used: none (every value is written in the scenario).\n".into()
        };
    }
    let mut s = String::from(if da {
        "Antagelser:\n"
    } else {
        "Assumptions used:\n"
    });
    for a in &r.assumptions {
        let prices = a
            .price_year
            .map(|y| {
                if da {
                    format!(", {y}-priser")
                } else {
                    format!(", {y} prices")
                }
            })
            .unwrap_or_default();
        let changed = match (a.overridden, da) {
            (false, _) => "",
            (true, false) => " [changed for this scenario]",
            (true, true) => " [ændret i dette scenarie]",
        };
        let source = if da { "kilde" } else { "source" };
        s.push_str(&format!(
            "  {} = {} ({}{prices}){changed}\n      {source}: {} ({}); {}\n",
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
    lang: Lang,
) -> String {
    let say = Say(lang);
    let mut s = header(r, say);
    s.push('\n');
    s.push_str(&base_summary(r, say));
    s.push('\n');
    let outcomes: Vec<String> = r.base.non_monetary.iter().map(|n| n.name.clone()).collect();
    s.push_str(&super::society::table(&r.base.society, &outcomes, say));
    if r.monte_carlo.is_some() {
        s.push('\n');
        s.push_str(&monte_carlo(r, terminal, say));
    }
    if let Some(ce) = &r.cost_effectiveness {
        s.push('\n');
        s.push_str(&super::cea::table(ce, |p| !no_flows(r, p), say));
    }
    if !r.contracts.is_empty() {
        s.push('\n');
        s.push_str(&super::contract::table(&r.contracts, say));
    }
    if let Some(f) = ledger_filter {
        s.push('\n');
        s.push_str(&ledger(r, f, say));
    }
    if show_sources {
        s.push('\n');
        s.push_str(&sources(r, say));
    }
    tidy(s)
}

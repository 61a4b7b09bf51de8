//! The run's tables for people: the header, the base case, the ledger, the sources, and (from
//! `montecarlo`) the Monte Carlo; in the words and numbers of the table's language.

use comfy_table::Cell;
use rust_decimal::Decimal;

use super::montecarlo::{McFocus, monte_carlo};
use super::table::{Say, new_table, no_flows, tidy};
use crate::report::RunOptions;
use crate::report::views::*;

/// Scenario name, period, price level, discounting and conversions.
pub fn header(r: &RunReport, say: Say) -> String {
    let w = say.w;
    let last = r.start_year + r.horizon as i32 - 1;
    let period = (w.period)(&r.file, r.start_year, last, r.horizon, r.price_year);
    let discounting = (w.discount_rule)(&r.discount_rule, &|x| say.lang.rate(x));
    let mut s = format!(
        "{}\n{period}\n{}: {discounting}\n",
        r.scenario, w.discounting
    );
    if let Some(first) = r.price_conversions.first() {
        let index = match (say.lang, &first.index_da) {
            (crate::report::locale::Lang::Da, Some(da)) => da,
            _ => &first.index,
        };
        let items: Vec<String> = (r.price_conversions.iter())
            .map(|c| {
                // An assumption by the name a reader of the language knows it by.
                let what = (r.assumptions.iter().find(|a| a.name == c.what))
                    .map_or_else(|| c.what.clone(), |a| a.shown_name(say.lang));
                (w.conversion)(&what, c.from_year, c.to_year, &say.n(c.factor.0, 4))
            })
            .collect();
        s.push_str(&(w.converted)(r.price_year, index, &items.join("; ")));
        s.push('\n');
    }
    s
}

/// The inputs changed on the command line, as a line (empty when none was).
pub fn changed(changed: &[(String, String)], say: Say) -> String {
    if changed.is_empty() {
        return String::new();
    }
    let items: Vec<String> = (changed.iter())
        .map(|(path, value)| format!("{path} = {}", say.lang.as_set(value)))
        .collect();
    format!("{}\n", (say.w.changed_by_set)(&items.join("; ")))
}

/// The municipalities that may stop, a line per stop year and probability (empty without).
pub fn volume_risk(r: &RunReport, say: Say) -> String {
    let mut groups: Vec<(i32, rust_decimal::Decimal, Vec<&str>)> = Vec::new();
    for s in &r.volume_risk {
        match groups
            .iter_mut()
            .find(|g| g.0 == s.after && g.1 == s.probability.0)
        {
            Some(g) => g.2.push(&s.municipality),
            None => groups.push((s.after, s.probability.0, vec![&s.municipality])),
        }
    }
    (groups.iter())
        .map(|(after, p, names)| {
            let running = rust_decimal::Decimal::ONE - *p;
            let several = names.len() > 1;
            let names = match names.split_last() {
                Some((last, first)) if !first.is_empty() => {
                    format!("{} {} {last}", first.join(", "), say.w.and)
                }
                _ => names.join(""),
            };
            if *p == rust_decimal::Decimal::ONE {
                return format!("{}\n", (say.w.volume_stop)(&names, several, *after));
            }
            let line = (say.w.volume_risk)(
                &names,
                several,
                *after,
                &say.lang.rate(*p),
                &say.lang.rate(running),
            );
            format!("{line}\n")
        })
        .collect()
}

/// The base-case summary: one row per perspective that `keep` keeps.
pub fn base_summary(r: &RunReport, keep: &dyn Fn(&str) -> bool, say: Say) -> String {
    let t = &r.base.totals;
    let (courses, participants, completers, volunteers, gross, pv_gross) = (
        say.n(t.courses.0, 0),
        say.n(t.participants.0, 0),
        say.n(t.completers.0, 0),
        say.n(t.volunteers_trained.0, 0),
        say.kr(t.gross_cost.0),
        say.kr(t.pv_gross_cost.0),
    );
    let w = say.w;
    let mut s = format!(
        "{}\n{}{}\n\n{}\n",
        (w.activity)(&courses, &participants, &completers, &volunteers),
        volume_risk(r, say),
        (w.gross_cost)(&gross, &pv_gross),
        w.base_case
    );
    let mut table = new_table(
        &[
            w.perspective,
            w.npv,
            w.pv_benefits,
            w.pv_net_cost,
            w.roi,
            w.break_even,
            w.net_cost_per_completer,
        ],
        1,
    );
    let last = r.start_year + r.horizon as i32 - 1;
    for (name, p) in r.base.perspectives.iter().filter(|(n, _)| keep(n)) {
        table.add_row(vec![
            Cell::new(say.words.perspective(name)),
            Cell::new(say.kr(p.npv.0)),
            Cell::new(say.kr(p.pv_benefits.0)),
            Cell::new(say.kr(p.pv_net_cost.0)),
            Cell::new(say.ratio(p.roi.map(|x| x.0))),
            Cell::new(if no_flows(r, name) {
                w.no_flows.to_owned()
            } else {
                match (p.break_even_year, p.years_to_break_even) {
                    (Some(y), Some(n)) => (w.breaks_even)(y, n),
                    _ => (w.none_by)(last),
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
    s.push_str(&format!("\n{}\n", w.per_completer_note));
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
        s.push_str(&(w.non_monetary)(&n.name, &units, &n.unit, &gross, &public));
        s.push('\n');
    }
    s
}

/// Year by year, summed over the ledger rows the filter keeps, to the øre.
pub fn ledger(r: &RunReport, filter: &LedgerFilter, say: Say) -> String {
    let w = say.w;
    let what = (w.ledger_rows)(filter.municipality.as_deref(), filter.payer.as_deref());
    let contracts = r.base.ledger.iter().any(|row| !row.contract.0.is_zero());
    let mut headers = vec![w.year, w.costs, w.benefits, w.transfers];
    if contracts {
        headers.push(w.contract);
    }
    headers.extend([w.net, w.discount_factor, w.discounted_net, w.cumulative]);
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
    format!("{}\n{table}\n", (w.ledger_title)(&what))
}

/// The assumptions the scenario uses, with their sources.
pub fn sources(r: &RunReport, say: Say) -> String {
    let w = say.w;
    if r.assumptions.is_empty() {
        return format!("{}\n", w.no_assumptions);
    }
    let mut s = format!("{}\n", w.assumptions_used);
    for a in &r.assumptions {
        let prices = (a.price_year)
            .map(|y| format!(", {}", (w.in_prices)(y)))
            .unwrap_or_default();
        let changed = if a.overridden {
            format!(" [{}]", w.changed_here)
        } else {
            String::new()
        };
        s.push_str(&format!(
            "  {} = {} ({}{prices}){changed}\n      {}: {} ({}); {}\n",
            a.shown_name(say.lang),
            say.lang.value(&a.value),
            a.unit,
            w.source,
            a.source,
            a.year,
            a.defined_at
        ));
    }
    s
}

/// The whole human report of a run, as `o` asks: every table (`full`), or the answer and where
/// to find the rest; for the perspectives and municipality it names.
pub fn render(r: &RunReport, o: &RunOptions) -> String {
    let say = Say::of(o.lang);
    let keep = |name: &str| o.perspectives.is_empty() || o.perspectives.iter().any(|p| p == name);
    let mut s = header(r, say);
    s.push_str(&changed(&o.changed, say));
    s.push('\n');
    s.push_str(&base_summary(r, &keep, say));
    let society = o.perspectives.iter().any(|p| p == "society");
    if o.full || society {
        s.push('\n');
        let outcomes: Vec<String> = r.base.non_monetary.iter().map(|n| n.name.clone()).collect();
        s.push_str(&super::society::table(&r.base.society, &outcomes, say));
    }
    if let Some(b) = &r.budget {
        // The kommune's budget, unless other perspectives are asked for.
        let budget_keep = |name: &str| {
            if o.perspectives.is_empty() {
                name == "kommune"
            } else {
                keep(name)
            }
        };
        s.push('\n');
        s.push_str(&super::budget::table(b, &budget_keep, say));
    }
    if r.monte_carlo.is_some() {
        s.push('\n');
        let focus = McFocus {
            keep: &keep,
            municipality: o.municipality.as_deref(),
            full: o.full,
        };
        s.push_str(&monte_carlo(r, o.terminal, &focus, say));
    }
    if let Some(ce) = r.cost_effectiveness.as_ref().filter(|_| o.full) {
        s.push('\n');
        s.push_str(&super::cea::table(ce, |p| !no_flows(r, p) && keep(p), say));
    }
    if !r.contracts.is_empty() {
        s.push('\n');
        s.push_str(&super::contract::table(&r.contracts, say));
    }
    if let Some(f) = &o.ledger {
        s.push('\n');
        s.push_str(&ledger(r, f, say));
    }
    if o.sources {
        s.push('\n');
        s.push_str(&sources(r, say));
    }
    if !o.full {
        s.push('\n');
        s.push_str(say.w.more_tables);
        s.push('\n');
    }
    tidy(s)
}

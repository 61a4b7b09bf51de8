//! The run's CSV tables: the summary, the ledger, each municipality, the correlations and the
//! contracts (`docs/output.md`).

use super::sheet::{Sheet, money, num, text};
use crate::report::views::*;

fn opt<T>(v: &Option<T>, f: impl Fn(&T) -> String) -> String {
    v.as_ref().map(f).unwrap_or_default()
}

/// Summary: `perspective,npv,pv_benefits,pv_net_cost,roi,break_even_year,years_to_break_even,net_cost`,
/// and after a Monte Carlo run also
/// `mc_mean,mc_sd,mc_se,mc_p5,mc_p25,mc_p50,mc_p75,mc_p95,prob_npv_positive,prob_no_break_even`;
/// last, `has_flows` (`false`: nothing falls on this perspective, so its break-even means nothing).
pub fn summary(r: &RunReport) -> String {
    let mut sheet = Sheet::new();
    let mut header: Vec<&str> = vec![
        "perspective",
        "npv",
        "pv_benefits",
        "pv_net_cost",
        "roi",
        "break_even_year",
        "years_to_break_even",
        "net_cost",
    ];
    if r.monte_carlo.is_some() {
        header.extend([
            "mc_mean",
            "mc_sd",
            "mc_se",
            "mc_p5",
            "mc_p25",
            "mc_p50",
            "mc_p75",
            "mc_p95",
            "prob_npv_positive",
            "prob_no_break_even",
        ]);
    }
    header.push("has_flows");
    sheet.push(header);
    for (name, p) in &r.base.perspectives {
        let mut cells = vec![
            text(name),
            money(&p.npv),
            money(&p.pv_benefits),
            money(&p.pv_net_cost),
            opt(&p.roi, num),
            opt(&p.break_even_year, |y| y.to_string()),
            opt(&p.years_to_break_even, |y| y.to_string()),
            money(&p.net_cost),
        ];
        if let Some(mc) = r
            .monte_carlo
            .as_ref()
            .and_then(|mc| mc.perspectives.get(name))
        {
            let n = &mc.npv;
            for m in [n.mean, n.sd, n.se, n.p5, n.p25, n.p50, n.p75, n.p95] {
                cells.push(format!("{:.2}", m.0));
            }
            cells.push(format!("{:.6}", mc.prob_npv_positive.0));
            cells.push(format!("{:.6}", mc.break_even.never.0));
        }
        cells.push(p.has_flows.to_string());
        sheet.push(cells);
    }
    sheet.finish()
}

/// Ledger: `year,municipality,payer,costs,avoided,transfers,net,discount_factor,contract`
/// (`contract` last, so the earlier columns keep their places).
pub fn ledger(r: &RunReport, filter: &LedgerFilter) -> String {
    let mut sheet = Sheet::new();
    sheet.push([
        "year",
        "municipality",
        "payer",
        "costs",
        "avoided",
        "transfers",
        "net",
        "discount_factor",
        "contract",
    ]);
    for row in r.base.ledger.iter().filter(|row| filter.keeps(row)) {
        sheet.push([
            row.year.to_string(),
            text(&row.municipality),
            text(&row.payer),
            money(&row.costs),
            money(&row.avoided),
            money(&row.transfers),
            money(&row.net),
            num(&row.discount_factor),
            money(&row.contract),
        ]);
    }
    sheet.finish()
}

/// Municipalities: `municipality,mean,sd,se,p5,p25,p50,p75,p95,prob_npv_positive`, one row
/// per municipality's own NPV over the trials (`run --format csv --municipalities`); only the
/// header without a Monte Carlo. When the run followed the municipalities year by year
/// (`--municipal-break-even`), one more column per year: `break_even_by_YEAR`, the probability
/// of the municipality's sustained break-even by the end of that year.
pub fn municipalities(r: &RunReport) -> String {
    let mut sheet = Sheet::new();
    let munis = || r.monte_carlo.iter().flat_map(|mc| &mc.municipalities);
    let years: Vec<&String> = (munis().next())
        .and_then(|(_, m)| m.break_even.as_ref())
        .map(|b| b.by_year.keys().collect())
        .unwrap_or_default();
    let mut header: Vec<String> = [
        "municipality",
        "mean",
        "sd",
        "se",
        "p5",
        "p25",
        "p50",
        "p75",
        "p95",
        "prob_npv_positive",
    ]
    .map(String::from)
    .to_vec();
    header.extend(years.iter().map(|y| format!("break_even_by_{y}")));
    sheet.push(header);
    for (name, m) in munis() {
        let d = &m.npv;
        let mut row = vec![text(name)];
        row.extend(
            [d.mean, d.sd, d.se, d.p5, d.p25, d.p50, d.p75, d.p95]
                .iter()
                .map(|x| format!("{:.2}", x.0)),
        );
        row.push(format!("{:.6}", m.prob_npv_positive.0));
        let by_year = m.break_even.iter().flat_map(|b| b.by_year.values());
        row.extend(by_year.map(|p| format!("{:.6}", p.0)));
        sheet.push(row);
    }
    sheet.finish()
}

/// The rank correlations the scenario sets: `input_a,input_b,target,achieved` (Spearman's rank
/// correlation over the trials; empty without a Monte Carlo), one row per pair.
pub fn correlations(r: &RunReport) -> String {
    let mut sheet = Sheet::new();
    sheet.push(["input_a", "input_b", "target", "achieved"]);
    for c in &r.correlations {
        sheet.push([
            text(&c.inputs[0]),
            text(&c.inputs[1]),
            format!("{}", c.target),
            c.achieved.map_or_else(String::new, |a| format!("{a:.6}")),
        ]);
    }
    sheet.finish()
}

/// Contracts: `contract,field,value`, one row per value of each contract's JSON object (the
/// `contracts` array of `--format json`), `field` its JSON Pointer inside the contract (RFC
/// 6901, e.g. `/monte_carlo/delta/kommune/prob_worse`). Numbers as in JSON; null is empty.
pub fn contracts(r: &RunReport) -> String {
    fn walk(sheet: &mut Sheet<Vec<u8>>, contract: &str, path: &str, v: &serde_json::Value) {
        use serde_json::Value;
        let key = |k: &str| format!("{path}/{}", k.replace('~', "~0").replace('/', "~1"));
        match v {
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| walk(sheet, contract, &key(k), v)),
            Value::Array(items) => (items.iter().enumerate())
                .for_each(|(i, v)| walk(sheet, contract, &key(&i.to_string()), v)),
            Value::Null => sheet.push([text(contract), text(path), String::new()]),
            Value::String(s) => sheet.push([text(contract), text(path), text(s)]),
            other => sheet.push([text(contract), text(path), other.to_string()]),
        }
    }
    let mut sheet = Sheet::new();
    sheet.push(["contract", "field", "value"]);
    for c in &r.contracts {
        let value = serde_json::to_value(c).unwrap_or_default();
        walk(&mut sheet, &c.name, "", &value);
    }
    sheet.finish()
}

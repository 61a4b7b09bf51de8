//! CSV output: one row per perspective (the summary), or one per ledger row (`--ledger`).
//!
//! Columns are fixed and documented in `docs/output.md`; money has two decimals (øre), no
//! thousands separators, `.` as the decimal point; an undefined value is an empty field.

use super::{LedgerFilter, Money, Num, RunReport};
use crate::decimal::round_ore;

/// A text cell: guarded against formula injection, then quoted if it holds a comma, quote or
/// line break (RFC 4180).
///
/// A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage
/// return before one) as a formula; a name such as `=HYPERLINK(...)` in a scenario would run
/// when a finance officer opens the CSV. Such text gets a leading `'`, which spreadsheets show
/// as text (OWASP's advice). A plain number (`-0.05`, a `--set` value) is left as it is.
pub fn field(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.trim().parse::<f64>().is_err();
    let s = if risky { format!("'{s}") } else { s.to_owned() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Money with two decimals (øre), rounded half away from zero.
pub fn money(m: &Money) -> String {
    format!("{:.2}", round_ore(m.0))
}

/// A plain number with up to 12 decimals.
pub fn num(n: &Num) -> String {
    n.0.round_dp(12).normalize().to_string()
}

fn opt<T>(v: &Option<T>, f: impl Fn(&T) -> String) -> String {
    v.as_ref().map(f).unwrap_or_default()
}

/// Summary: `perspective,npv,pv_benefits,pv_net_cost,roi,break_even_year,years_to_break_even,net_cost`,
/// and after a Monte Carlo run also
/// `mc_mean,mc_sd,mc_se,mc_p5,mc_p25,mc_p50,mc_p75,mc_p95,prob_npv_positive,prob_no_break_even`;
/// last, `has_flows` (`false`: nothing falls on this perspective, so its break-even means nothing).
pub fn summary(r: &RunReport) -> String {
    let mut out = String::from(
        "perspective,npv,pv_benefits,pv_net_cost,roi,break_even_year,years_to_break_even,net_cost",
    );
    if r.monte_carlo.is_some() {
        out.push_str(",mc_mean,mc_sd,mc_se,mc_p5,mc_p25,mc_p50,mc_p75,mc_p95,prob_npv_positive,prob_no_break_even");
    }
    out.push_str(",has_flows\n");
    for (name, p) in &r.base.perspectives {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}",
            field(name),
            money(&p.npv),
            money(&p.pv_benefits),
            money(&p.pv_net_cost),
            opt(&p.roi, num),
            opt(&p.break_even_year, |y| y.to_string()),
            opt(&p.years_to_break_even, |y| y.to_string()),
            money(&p.net_cost),
        ));
        if let Some(mc) = r
            .monte_carlo
            .as_ref()
            .and_then(|mc| mc.perspectives.get(name))
        {
            let n = &mc.npv;
            for m in [n.mean, n.sd, n.se, n.p5, n.p25, n.p50, n.p75, n.p95] {
                out.push_str(&format!(",{:.2}", m.0));
            }
            out.push_str(&format!(
                ",{:.6},{:.6}",
                mc.prob_npv_positive.0, mc.break_even.never.0
            ));
        }
        out.push_str(&format!(",{}\n", p.has_flows));
    }
    out
}

/// Ledger: `year,municipality,payer,costs,avoided,transfers,net,discount_factor`.
pub fn ledger(r: &RunReport, filter: &LedgerFilter) -> String {
    let mut out =
        String::from("year,municipality,payer,costs,avoided,transfers,net,discount_factor\n");
    for row in r.base.ledger.iter().filter(|row| filter.keeps(row)) {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}\n",
            row.year,
            field(&row.municipality),
            field(&row.payer),
            money(&row.costs),
            money(&row.avoided),
            money(&row.transfers),
            money(&row.net),
            num(&row.discount_factor),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(field("Fredericia"), "Fredericia");
        assert_eq!(field("coordinator, Kolding"), "\"coordinator, Kolding\"");
        assert_eq!(field("a \"b\""), "\"a \"\"b\"\"\"");
    }

    #[test]
    fn formulas_are_written_as_text() {
        assert_eq!(field("=1+2"), "'=1+2");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("+45 1234"), "'+45 1234");
        assert_eq!(field("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
        assert_eq!(
            field("=HYPERLINK(\"x\", \"y\")"),
            "\"'=HYPERLINK(\"\"x\"\", \"\"y\"\")\""
        );
        // Numbers stay numbers.
        assert_eq!(field("-0.05"), "-0.05");
        assert_eq!(field("+7"), "+7");
    }

    #[test]
    fn money_has_two_decimals() {
        assert_eq!(money(&Money(Decimal::new(12345, 1))), "1234.50");
        assert_eq!(money(&Money(Decimal::new(-5, 3))), "-0.01");
    }
}

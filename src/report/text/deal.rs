//! `somsim deal` as tables: every combination of terms with both sides' results, and the
//! prices each side accepts.

use rust_decimal::Decimal;

use super::table::{Say, new_table, tidy};
use crate::report::views::deal::*;
use crate::report::views::*;

/// A term's value as a person reads it: kroner with separators, rates and shares in percent.
fn term_value(say: Say, name: &str, Num(v): Num) -> String {
    let percent = name == "return_cap" || name == "floor" || name == "gain_share";
    if percent {
        let decimals = (v * Decimal::ONE_HUNDRED).normalize().scale();
        say.0.percent(v, decimals)
    } else {
        say.kr(v)
    }
}

/// The deal space as tables, in the words and numbers of `say`.
pub fn table(r: &DealReport, say: Say) -> String {
    let da = say.da();
    let w = |en: &'static str, dk: &'static str| if da { dk } else { en };
    let (n, trials) = (r.combinations.len(), say.n(Decimal::from(r.trials), 0));
    let (contract, investor, seed) = (&r.contract, &r.investor, r.seed);
    let mut s = format!("{}\n{}\n", r.scenario, r.file);
    s.push_str(&if da {
        format!(
            "Aftalerum for kontrakten \"{contract}\" (investor {investor}): {n} kombinationer, hver på de samme {trials} simuleringer (frø {seed})\n"
        )
    } else {
        format!(
            "Deal space of contract \"{contract}\" (investor {investor}): {n} combinations, each on the same {trials} trials (seed {seed})\n"
        )
    });
    let limits: Vec<String> = [
        (r.limits.max_loss_prob.as_ref()).map(|p| {
            let p = say.p(p.0);
            w(
                "the investor accepts P(loss) ≤ ",
                "investor accepterer P(tab) ≤ ",
            )
            .to_owned()
                + &p
        }),
        (r.limits.max_payer_worse_prob.as_ref()).map(|p| {
            let p = say.p(p.0);
            w(
                "each paying payer accepts P(worse off) ≤ ",
                "hver betaler accepterer P(dårligere stillet) ≤ ",
            )
            .to_owned()
                + &p
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !limits.is_empty() {
        s.push_str(&format!(
            "{} {}\n",
            w("Limits:", "Grænser:"),
            limits.join("; ")
        ));
    }
    s.push('\n');
    let mut header: Vec<String> = r.axes.iter().map(|a| a.term.clone()).collect();
    header.extend(
        [
            "MOIC",
            w("P(loss)", "P(tab)"),
            w("E[loss], DKK", "Forventet tab, kr."),
            w("Worst 5%, DKK", "Værste 5 pct., kr."),
        ]
        .map(String::from),
    );
    let with_irr = r.combinations.iter().any(|c| c.irr.is_some());
    if with_irr {
        header.push(w("IRR median", "Intern rente, median").into());
    }
    for p in &r.paying {
        header.push(format!("Δ {p}, {}", w("DKK", "kr.")));
        header.push(format!("P({p} {})", w("worse", "dårligere")));
    }
    header.push(w("Accepted", "Accepteret").into());
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = new_table(&refs, 0);
    for c in &r.combinations {
        let mut row: Vec<String> = (c.terms.iter())
            .map(|(name, v)| term_value(say, name, *v))
            .collect();
        row.push(say.p(c.moic_mean.0));
        row.push(say.p(c.prob_loss.0));
        row.push(say.kr_f64(c.expected_loss.0));
        row.push(say.kr_f64(c.worst_5pct_mean.0));
        if with_irr {
            row.push(
                (c.irr.as_ref()).map_or(w("undefined", "ikke defineret").into(), |i| {
                    say.pct(i.p50.0, 1)
                }),
            );
        }
        for p in c.payers.values() {
            row.push(say.kr_f64(p.mean_delta.0));
            row.push(say.p(p.prob_worse.0));
        }
        row.push(
            match (c.investor_accepts, c.payers_accept) {
                (true, true) => w("both", "begge"),
                (true, false) => "investor",
                (false, true) => w("payers", "betalere"),
                (false, false) => w("neither", "ingen"),
            }
            .into(),
        );
        t.add_row(row);
    }
    s.push_str(&format!("{t}\n"));
    if let Some(prices) = &r.prices {
        s.push_str(&prices_table(r, prices, say));
    }
    s.push_str(w(
        "\nΔ: a payer's NPV with the contract minus without, mean over trials. Accepted: whose stated limits hold.\n",
        "\nΔ: betalerens nutidsværdi med kontrakten minus uden, middel over simuleringerne. Accepteret: hvis angivne grænser holder.\n",
    ));
    tidy(s)
}

/// The acceptable prices along the first price axis.
fn prices_table(r: &DealReport, prices: &PricesView, say: Say) -> String {
    let w = |en: &'static str, dk: &'static str| if say.da() { dk } else { en };
    let mut header: Vec<String> = (prices.ranges.first())
        .map(|x| x.terms.keys().cloned().collect())
        .unwrap_or_default();
    header.push(w("Investor's lowest", "Investors laveste").into());
    for p in &r.paying {
        header.push(if say.da() {
            format!("Højeste for {p}")
        } else {
            format!("{p}'s highest")
        });
    }
    header.push(w("Both accept", "Begge accepterer").into());
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = new_table(&refs, 0);
    let none = w("none", "ingen");
    let no_limit = w("no limit", "ingen grænse");
    let price = |p: &Option<Num>| p.map_or(none.into(), |v| say.kr(v.0));
    for range in &prices.ranges {
        let mut row: Vec<String> = (range.terms.iter())
            .map(|(name, v)| term_value(say, name, *v))
            .collect();
        row.push(match r.limits.max_loss_prob {
            Some(_) => price(&range.investor_lowest),
            None => no_limit.into(),
        });
        for h in range.payer_highest.values() {
            row.push(match r.limits.max_payer_worse_prob {
                Some(_) => price(h),
                None => no_limit.into(),
            });
        }
        row.push(match (range.both.first(), range.both.last()) {
            (Some(lo), Some(hi)) if lo == hi => say.kr(lo.0),
            (Some(lo), Some(hi)) => {
                format!("{} {} {}", say.kr(lo.0), w("to", "til"), say.kr(hi.0))
            }
            _ => none.into(),
        });
        t.add_row(row);
    }
    let term = &prices.term;
    if say.da() {
        format!("\nAcceptable værdier af {term} (gitterets værdier)\n{t}\n")
    } else {
        format!("\nAcceptable {term} (grid values)\n{t}\n")
    }
}

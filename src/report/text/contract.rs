//! Contracts as tables: the base case year by year, the investor's risk over the trials and
//! what the contract does to each payer.

use rust_decimal::Decimal;

use super::table::{Say, new_table};
use crate::report::views::contract::*;

/// The contracts for people, in `say`'s language: the base case year by year, then the risk
/// over the trials.
pub fn table(views: &[ContractView], say: Say) -> String {
    let da = say.da();
    // The English, or the Danish when the table is in Danish.
    let w = |en: &'static str, dk: &'static str| if da { dk } else { en };
    let kr = |d: Decimal| say.kr(d);
    let kr_f = |x: f64| say.kr_f64(x);
    let p2 = |x: f64| say.p(x);
    let pct = |x: f64| say.pct(x, 1);
    let undefined = w("undefined", "ikke defineret");
    let mut s = String::new();
    for v in views {
        let b = &v.base;
        let source = (v.source.as_ref())
            .map(|x| format!(" · {}: {}", w("source", "kilde"), first_line(x)))
            .unwrap_or_default();
        s.push_str(&if da {
            format!(
                "Kontrakt: {} · investor {} · løber til {}{source}\n",
                v.name, v.investor, v.last_year
            )
        } else {
            format!(
                "Contract: {} · investor {} · term to {}{source}\n",
                v.name, v.investor, v.last_year
            )
        });
        let mut t = new_table(
            &[
                w("Base case, DKK", "Basisforløb, kr."),
                w("Invested", "Investeret"),
                w("Due", "Skyldig"),
                w("Paid", "Betalt"),
                w("Investor net", "Investors netto"),
            ],
            1,
        );
        for y in &b.years {
            if y.invested.0.is_zero()
                && y.due.0.is_zero()
                && y.paid.0.is_zero()
                && y.investor_net.0.is_zero()
            {
                continue;
            }
            t.add_row(vec![
                y.year.to_string(),
                kr(y.invested.0),
                kr(y.due.0),
                kr(y.paid.0),
                kr(y.investor_net.0),
            ]);
        }
        s.push_str(&format!("{t}\n"));
        let (invested, received, top_up, guarantee) = (
            kr(b.invested.0),
            kr(b.received.0),
            kr(b.floor_top_up.0),
            kr(b.guarantee_draw.0),
        );
        let moic = b.moic.map_or(undefined.into(), p2);
        let irr = b.irr.map_or(undefined.into(), pct);
        let caps = if b.caps_bound.is_empty() {
            String::new()
        } else {
            format!(
                "; {}: {}",
                w("caps that bind", "lofter der binder"),
                b.caps_bound.join(", ")
            )
        };
        s.push_str(&if da {
            format!(
                "Basisforløb: investeret {invested} kr., modtaget {received} kr. (supplering {top_up}, garanti {guarantee}); MOIC {moic}, intern rente {irr}{caps}\n"
            )
        } else {
            format!(
                "Base case: invested {invested} DKK, received {received} DKK (top-up {top_up}, guarantee {guarantee}); MOIC {moic}, IRR {irr}{caps}\n"
            )
        });
        let Some(mc) = &v.monte_carlo else {
            continue;
        };
        let rate = |r: &Option<RateStatsView>, pctish: bool| match r {
            None => vec![undefined.to_owned(); 4],
            Some(r) => [r.mean.0, r.p5.0, r.p50.0, r.p95.0]
                .iter()
                .map(|x| if pctish { pct(*x) } else { p2(*x) })
                .collect(),
        };
        let (p5, p95) = if da {
            ("5 pct.", "95 pct.")
        } else {
            ("5%", "95%")
        };
        let mut t = new_table(
            &[
                w("Investor over trials", "Investor i simuleringerne"),
                w("Mean", "Middel"),
                p5,
                "Median",
                p95,
            ],
            1,
        );
        let mut row = |name: &str, cells: Vec<String>| {
            let mut r = vec![name.to_owned()];
            r.extend(cells);
            t.add_row(r);
        };
        row(w("IRR", "Intern rente"), rate(&mc.irr, true));
        row("MOIC", rate(&mc.moic, false));
        let n = &mc.investor_net;
        row(
            w("Net result, DKK", "Nettoresultat, kr."),
            [n.mean.0, n.p5.0, n.p50.0, n.p95.0]
                .iter()
                .map(|x| kr_f(*x))
                .collect(),
        );
        s.push_str(&format!("{t}\n"));
        let undefined_irr = if mc.irr_undefined.0 > 0.0 {
            let share = pct(mc.irr_undefined.0);
            if da {
                format!(" · intern rente ikke defineret i {share} af simuleringerne")
            } else {
                format!(" · IRR undefined in {share} of trials")
            }
        } else {
            String::new()
        };
        let (loss, expected, worst) = (
            p2(mc.prob_loss.0),
            kr_f(mc.expected_loss.0),
            kr_f(mc.worst_5pct_mean.0),
        );
        s.push_str(&if da {
            format!(
                "P(tab) {loss} · forventet tab {expected} kr. · middel af de værste 5 pct. {worst} kr.{undefined_irr}\n"
            )
        } else {
            format!(
                "P(loss) {loss} · expected loss {expected} DKK · mean of the worst 5% {worst} DKK{undefined_irr}\n"
            )
        });
        let mut limits = Vec::new();
        for (name, p) in &mc.prob_trigger_met {
            if (v.rate_card.iter()).any(|i| &i.name == name && i.trigger_met.is_some()) {
                let label = w("trigger met", "udløser opfyldt");
                limits.push(format!("P({label}: {name}) {}", p2(p.0)));
            }
        }
        for (name, p) in &mc.prob_item_cap_binds {
            if (v.rate_card.iter()).any(|i| &i.name == name && i.cap.is_some()) {
                let label = w("cap binds", "loft binder");
                limits.push(format!("P({label}: {name}) {}", p2(p.0)));
            }
        }
        if v.cap.is_some() {
            let label = w("contract cap binds", "kontraktens loft binder");
            limits.push(format!("P({label}) {}", p2(mc.prob_cap_binds.0)));
        }
        if v.return_cap.is_some() {
            let label = w("return cap binds", "afkastloftet binder");
            limits.push(format!("P({label}) {}", p2(mc.prob_return_cap_binds.0)));
        }
        if mc.prob_floor_used.0 > 0.0 || b.floor_top_up.0 > Decimal::ZERO {
            let (p, mean) = (p2(mc.prob_floor_used.0), kr_f(mc.mean_floor_top_up.0));
            limits.push(if da {
                format!("P(gulv brugt) {p}, gennemsnitlig supplering {mean} kr.")
            } else {
                format!("P(floor used) {p}, mean top-up {mean} DKK")
            });
        }
        if mc.prob_guarantee_drawn.0 > 0.0 || b.guarantee_draw.0 > Decimal::ZERO {
            let (p, mean) = (
                p2(mc.prob_guarantee_drawn.0),
                kr_f(mc.mean_guarantee_draw.0),
            );
            limits.push(if da {
                format!("P(garanti udløst) {p}, gennemsnitligt træk {mean} kr.")
            } else {
                format!("P(guarantee drawn) {p}, mean draw {mean} DKK")
            });
        }
        if !limits.is_empty() {
            s.push_str(&format!("{}\n", limits.join(" · ")));
        }
        let mut t = new_table(
            &[
                w(
                    "What the contract does to each payer",
                    "Hvad kontrakten betyder for hver betaler",
                ),
                w("Base delta", "Ændring, basis"),
                w("Mean delta", "Ændring, middel"),
                p5,
                p95,
                w("P(worse off)", "P(dårligere stillet)"),
            ],
            1,
        );
        for (p, d) in &mc.delta {
            let base = b.delta.get(p).map_or(Decimal::ZERO, |m| m.0);
            if base.is_zero()
                && d.delta.mean.0 == 0.0
                && d.delta.p5.0 == 0.0
                && d.delta.p95.0 == 0.0
            {
                continue;
            }
            t.add_row(vec![
                p.clone(),
                kr(base),
                kr_f(d.delta.mean.0),
                kr_f(d.delta.p5.0),
                kr_f(d.delta.p95.0),
                p2(d.prob_worse.0),
            ]);
        }
        s.push_str(&format!(
            "{t}\n{}\n",
            w(
                "Delta: the payer's NPV with the contract minus without it (discounted), DKK.",
                "Ændring: betalerens nutidsværdi med kontrakten minus uden (diskonteret), kr."
            )
        ));
    }
    s
}

fn first_line(s: &str) -> String {
    let l = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if l.chars().count() > 60 {
        format!("{}…", l.chars().take(59).collect::<String>())
    } else {
        l
    }
}

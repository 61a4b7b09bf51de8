//! Contracts in a run's report: the base case from the exact ledger, the investor's and the
//! payers' risk over the trials, as JSON fields (`contracts`) and a table for people.

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;

use super::table::{Say, new_table};
use super::{Money, MoneyF, NpvStatsView, Prob};
use crate::contracts::ContractSummary;
use crate::ledger::contracts::ContractResult;
use crate::model::Model;

/// One contract: its terms, the base case and, after a Monte Carlo, the risk.
#[derive(Debug, Serialize)]
pub struct ContractView {
    /// The contract's name.
    pub name: String,
    /// The payer that pre-finances and is repaid.
    pub investor: String,
    /// Where the terms come from, or `illustration`.
    pub source: Option<String>,
    /// Calendar year of the last repayment.
    pub last_year: i32,
    /// The return cap (average annual rate); null: none.
    pub return_cap: Option<f64>,
    /// The contract cap in kroner; null: none.
    pub cap: Option<Money>,
    /// The rate card: per item, its name, price per unit, lag and cap.
    pub rate_card: Vec<RateItemView>,
    /// The base case (inputs at their means), exact to the øre.
    pub base: ContractBaseView,
    /// Over the Monte Carlo trials; null when none ran.
    pub monte_carlo: Option<ContractMcView>,
}

/// One rate-card item.
#[derive(Debug, Serialize)]
pub struct RateItemView {
    /// The item's name (the metric, unless named).
    pub name: String,
    /// Kroner per unit.
    pub price: Money,
    /// Years from cohort (or avoided use) to payment.
    pub lag: usize,
    /// The most paid for the item; null: no cap.
    pub cap: Option<Money>,
    /// Whether the trigger is met in the base case; null: no trigger.
    pub trigger_met: Option<bool>,
    /// Units counted in the base case, by the year they fall due.
    pub units: IndexMap<String, f64>,
    /// Where the price comes from.
    pub source: Option<String>,
}

/// The base case of a contract.
#[derive(Debug, Serialize)]
pub struct ContractBaseView {
    /// Per calendar year: invested (pre-financing and tranches), due before caps, paid, and the
    /// investor's net flow (received - invested).
    pub years: Vec<ContractYearView>,
    /// What the investor paid in all.
    pub invested: Money,
    /// Payments, floor top-up and guarantee.
    pub received: Money,
    /// The floor payer's top-up at the end of the term.
    pub floor_top_up: Money,
    /// The guarantor's payment at the end of the term.
    pub guarantee_draw: Money,
    /// Received / invested; null when nothing is invested.
    pub moic: Option<f64>,
    /// The investor's IRR; -1 when nothing is received; null when undefined.
    pub irr: Option<f64>,
    /// max(0, invested - received).
    pub loss: Money,
    /// Per payer: NPV with the contract minus without (PV of its contract flows).
    pub delta: IndexMap<String, Money>,
    /// The caps that cut a payment in the base case (`item:<name>`, `cap`, `return_cap`).
    pub caps_bound: Vec<String>,
}

/// One year of a contract in the base case.
#[derive(Debug, Serialize)]
pub struct ContractYearView {
    /// Calendar year.
    pub year: i32,
    /// Pre-financing and tranches paid by the investor.
    pub invested: Money,
    /// Rate card and gain share due, before caps.
    pub due: Money,
    /// Outcome payments after every cap.
    pub paid: Money,
    /// The investor's net flow: received - invested.
    pub investor_net: Money,
}

/// A contract over the Monte Carlo trials.
#[derive(Debug, Serialize)]
pub struct ContractMcView {
    /// IRR over the trials where it is defined (a rate, e.g. 0.05); null if in none.
    pub irr: Option<RateStatsView>,
    /// The IRR's histogram over the trials where it is defined (edges are rates).
    pub irr_histogram: Option<super::HistogramView<Prob>>,
    /// Share of trials where the IRR is undefined.
    pub irr_undefined: Prob,
    /// MOIC (received / invested).
    pub moic: Option<RateStatsView>,
    /// The MOIC's histogram.
    pub moic_histogram: Option<super::HistogramView<Prob>>,
    /// The investor's net result, received - invested, DKK (undiscounted).
    pub investor_net: NpvStatsView,
    /// P(MOIC < 1).
    pub prob_loss: Prob,
    /// Mean of max(0, invested - received), DKK.
    pub expected_loss: MoneyF,
    /// Mean of the worst 5% of the investor's net result, DKK.
    pub worst_5pct_mean: MoneyF,
    /// Per rate-card item: P(its cap cuts a payment).
    pub prob_item_cap_binds: IndexMap<String, Prob>,
    /// Per rate-card item: P(its trigger is met).
    pub prob_trigger_met: IndexMap<String, Prob>,
    /// P(the contract cap cuts a payment).
    pub prob_cap_binds: Prob,
    /// P(the return cap cuts a payment).
    pub prob_return_cap_binds: Prob,
    /// P(the floor payer tops up).
    pub prob_floor_used: Prob,
    /// Mean floor top-up, DKK.
    pub mean_floor_top_up: MoneyF,
    /// P(the guarantee is drawn).
    pub prob_guarantee_drawn: Prob,
    /// Mean guarantee draw, DKK.
    pub mean_guarantee_draw: MoneyF,
    /// Per payer: its delta (NPV with the contract minus without) and P(delta < 0), the
    /// probability it would have done better financing the intervention itself.
    pub delta: IndexMap<String, DeltaView>,
}

/// A rate or ratio over trials, with 6 decimals.
#[derive(Debug, Serialize)]
pub struct RateStatsView {
    /// Mean over trials.
    pub mean: Prob,
    /// 5th percentile (PERCENTILE.INC).
    pub p5: Prob,
    /// 25th percentile.
    pub p25: Prob,
    /// Median.
    pub p50: Prob,
    /// 75th percentile.
    pub p75: Prob,
    /// 95th percentile.
    pub p95: Prob,
}

impl From<&crate::stats::Distribution> for RateStatsView {
    fn from(d: &crate::stats::Distribution) -> Self {
        RateStatsView {
            mean: Prob(d.mean),
            p5: Prob(d.p5),
            p25: Prob(d.p25),
            p50: Prob(d.p50),
            p75: Prob(d.p75),
            p95: Prob(d.p95),
        }
    }
}

/// A payer's delta over trials.
#[derive(Debug, Serialize)]
pub struct DeltaView {
    /// NPV with the contract minus without, DKK.
    pub delta: NpvStatsView,
    /// P(delta < 0).
    pub prob_worse: Prob,
}

/// The base-case view of every contract of `model`.
pub fn views(model: &Model, results: &[ContractResult]) -> Vec<ContractView> {
    let f = |d: Decimal| crate::decimal::to_f64(d);
    model
        .contracts
        .iter()
        .zip(results)
        .map(|(c, r)| {
            let due = |t: usize| -> Decimal {
                r.items.iter().map(|i| i.due[t]).sum::<Decimal>() + r.gain_due[t]
            };
            let mut caps_bound: Vec<String> = c
                .rate_card
                .iter()
                .enumerate()
                .filter(|(k, _)| r.bound.items >> k & 1 == 1)
                .map(|(_, i)| format!("item:{}", i.name))
                .collect();
            if r.bound.cap {
                caps_bound.push("cap".into());
            }
            if r.bound.return_cap {
                caps_bound.push("return_cap".into());
            }
            ContractView {
                name: c.name.clone(),
                investor: model.payers[c.investor].clone(),
                source: c.source.clone(),
                last_year: model.year(c.last_year),
                return_cap: c.return_cap.map(f),
                cap: c.cap.map(Money),
                rate_card: c
                    .rate_card
                    .iter()
                    .zip(&r.items)
                    .map(|(i, ir)| RateItemView {
                        name: i.name.clone(),
                        price: Money(i.price),
                        lag: i.lag,
                        cap: i.cap.map(Money),
                        trigger_met: ir.trigger_met,
                        units: ir
                            .units
                            .iter()
                            .enumerate()
                            .map(|(t, u)| (model.year(t).to_string(), f(u.round_dp(12))))
                            .collect(),
                        source: i.source.clone(),
                    })
                    .collect(),
                base: ContractBaseView {
                    years: (0..model.horizon)
                        .map(|t| ContractYearView {
                            year: model.year(t),
                            invested: Money(r.invested[t]),
                            due: Money(due(t)),
                            paid: Money(r.paid[t]),
                            investor_net: Money(r.investor_flows[t]),
                        })
                        .collect(),
                    invested: Money(r.total_invested),
                    received: Money(r.total_received),
                    floor_top_up: Money(r.end.top_up),
                    guarantee_draw: Money(r.end.guarantee),
                    moic: r.moic.map(f),
                    irr: r.irr,
                    loss: Money(r.loss),
                    delta: model
                        .payers
                        .iter()
                        .zip(&r.delta)
                        .map(|(p, d)| (p.clone(), Money(*d)))
                        .collect(),
                    caps_bound,
                },
                monte_carlo: None,
            }
        })
        .collect()
}

/// Add each contract's risk over the trials.
pub fn add_risk(model: &Model, views: &mut [ContractView], summaries: &[ContractSummary]) {
    for ((v, c), s) in views.iter_mut().zip(&model.contracts).zip(summaries) {
        let items = |xs: &[f64]| {
            c.rate_card
                .iter()
                .zip(xs)
                .map(|(i, p)| (i.name.clone(), Prob(*p)))
                .collect()
        };
        v.monte_carlo = Some(ContractMcView {
            irr: s.irr.as_ref().map(Into::into),
            irr_histogram: s.irr_histogram.as_ref().map(Into::into),
            irr_undefined: Prob(s.irr_undefined),
            moic: s.moic.as_ref().map(Into::into),
            moic_histogram: s.moic_histogram.as_ref().map(Into::into),
            investor_net: (&s.net).into(),
            prob_loss: Prob(s.prob_loss),
            expected_loss: MoneyF(s.expected_loss),
            worst_5pct_mean: MoneyF(s.worst_tail_mean),
            prob_item_cap_binds: items(&s.prob_item_cap_binds),
            prob_trigger_met: items(&s.prob_trigger_met),
            prob_cap_binds: Prob(s.prob_cap_binds),
            prob_return_cap_binds: Prob(s.prob_return_cap_binds),
            prob_floor_used: Prob(s.prob_floor_used),
            mean_floor_top_up: MoneyF(s.mean_top_up),
            prob_guarantee_drawn: Prob(s.prob_guarantee_drawn),
            mean_guarantee_draw: MoneyF(s.mean_guarantee),
            delta: model
                .payers
                .iter()
                .zip(&s.delta)
                .map(|(p, (d, worse))| {
                    (
                        p.clone(),
                        DeltaView {
                            delta: d.into(),
                            prob_worse: Prob(*worse),
                        },
                    )
                })
                .collect(),
        });
    }
}

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

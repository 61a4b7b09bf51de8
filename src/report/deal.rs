//! `somsim deal`: a contract's deal space, one row per combination of terms
//! (`docs/output.md`, "Deal space").

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;

use super::contract::RateStatsView;
use super::csv::{Sheet, text};
use super::table::{Say, new_table, tidy};
use super::{MoneyF, NpvStatsView, Num, Prob, SCHEMA_VERSION};
use crate::analysis::RunResults;
use crate::contracts::deal::Deal;
use crate::model::Model;

/// The deal space of one contract (`somsim deal`).
#[derive(Debug, Serialize)]
pub struct DealReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// The scenario's name.
    pub scenario: String,
    /// The scenario (or contract) file.
    pub file: String,
    /// The contract's name.
    pub contract: String,
    /// The investor.
    pub investor: String,
    /// The seed of the one simulation every combination is settled on.
    pub seed: u64,
    /// The version of the random streams (a seed reproduces a run within one version).
    pub stream_version: u32,
    /// Trials, the same for every combination (common random numbers).
    pub trials: usize,
    /// The limits each side stated (null: none).
    pub limits: LimitsView,
    /// The varied terms in order, each with its values; the last varies fastest in
    /// `combinations`.
    pub axes: Vec<AxisView>,
    /// The payers whose limit is checked: the contract's outcome payers, then its floor payer.
    pub paying: Vec<String>,
    /// Every combination of the axes' values.
    pub combinations: Vec<CombinationView>,
    /// Along the first price axis: the acceptable prices for each combination of the other
    /// axes (null when no price is varied).
    pub prices: Option<PricesView>,
}

/// The stated limits.
#[derive(Debug, Serialize)]
pub struct LimitsView {
    /// The investor accepts P(loss) up to this.
    pub max_loss_prob: Option<Prob>,
    /// Each paying payer accepts P(worse off) up to this.
    pub max_payer_worse_prob: Option<Prob>,
}

/// A varied term.
#[derive(Debug, Serialize)]
pub struct AxisView {
    /// As written on the command line, e.g. `price[recovery]`.
    pub term: String,
    /// Its values, exact.
    pub values: Vec<Num>,
}

/// One combination of terms and its results.
#[derive(Debug, Serialize)]
pub struct CombinationView {
    /// Term -> value.
    pub terms: IndexMap<String, Num>,
    /// Mean MOIC (received / invested).
    pub moic_mean: Prob,
    /// The investor's net result (received - invested), DKK.
    pub investor_net: NpvStatsView,
    /// P(MOIC < 1).
    pub prob_loss: Prob,
    /// Mean of max(0, invested - received), DKK.
    pub expected_loss: MoneyF,
    /// Mean of the worst 5% of the investor's net result, DKK.
    pub worst_5pct_mean: MoneyF,
    /// The IRR over the trials where it is defined (only with `--irr`; null otherwise or when
    /// it is defined in no trial).
    pub irr: Option<RateStatsView>,
    /// Per paying payer: its mean delta and P(delta < 0).
    pub payers: IndexMap<String, PayerView>,
    /// The investor's limit holds (true without a limit).
    pub investor_accepts: bool,
    /// Every paying payer's limit holds (true without a limit).
    pub payers_accept: bool,
}

/// A paying payer under one combination.
#[derive(Debug, Serialize)]
pub struct PayerView {
    /// Mean of its NPV with the contract minus without, DKK.
    pub mean_delta: MoneyF,
    /// P(delta < 0).
    pub prob_worse: Prob,
}

/// The acceptable prices along the first price axis.
#[derive(Debug, Serialize)]
pub struct PricesView {
    /// The price axis, e.g. `price[recovery]`.
    pub term: String,
    /// One per combination of the other axes.
    pub ranges: Vec<PriceRangeView>,
}

/// Acceptable prices for one combination of the other axes.
#[derive(Debug, Serialize)]
pub struct PriceRangeView {
    /// The other axes' values.
    pub terms: IndexMap<String, Num>,
    /// The lowest grid price the investor accepts (null: none, or no limit stated).
    pub investor_lowest: Option<Num>,
    /// Per paying payer: the highest grid price it accepts (null: none, or no limit).
    pub payer_highest: IndexMap<String, Option<Num>>,
    /// The grid prices both sides accept.
    pub both: Vec<Num>,
}

impl DealReport {
    /// The deal space of a run, when it computed one.
    pub fn of(run: &RunResults) -> Option<DealReport> {
        let mc = run.monte_carlo.as_ref()?;
        Some(DealReport::build(
            run.model,
            mc.deal.as_ref()?,
            run.seed,
            mc.outputs.trials,
        ))
    }

    fn build(model: &Model, deal: &Deal, seed: u64, trials: usize) -> DealReport {
        let c = &model.contracts[deal.contract];
        let payer = |p: usize| model.payers[p].clone();
        let named = |values: &[Decimal], skip: Option<usize>| -> IndexMap<String, Num> {
            (deal.axes.iter().enumerate())
                .filter(|(i, _)| Some(*i) != skip)
                .map(|(_, a)| a.name.clone())
                .zip(values.iter().map(|v| Num(*v)))
                .collect()
        };
        DealReport {
            schema_version: SCHEMA_VERSION,
            scenario: model.name.clone(),
            file: model.file.clone(),
            contract: c.name.clone(),
            investor: payer(c.investor),
            seed,
            stream_version: crate::sampler::STREAM_VERSION,
            trials,
            limits: LimitsView {
                max_loss_prob: deal.limits.max_loss_prob.map(Prob),
                max_payer_worse_prob: deal.limits.max_payer_worse_prob.map(Prob),
            },
            axes: (deal.axes.iter())
                .map(|a| AxisView {
                    term: a.name.clone(),
                    values: a.values.iter().map(|v| Num(*v)).collect(),
                })
                .collect(),
            paying: deal.paying.iter().map(|p| payer(*p)).collect(),
            combinations: (deal.points.iter())
                .map(|p| CombinationView {
                    terms: named(&p.values, None),
                    moic_mean: Prob(p.investor.moic_mean),
                    investor_net: (&p.investor.net).into(),
                    prob_loss: Prob(p.investor.prob_loss),
                    expected_loss: MoneyF(p.investor.expected_loss),
                    worst_5pct_mean: MoneyF(p.investor.worst_tail_mean),
                    irr: p
                        .investor
                        .irr
                        .as_ref()
                        .and_then(|d| d.as_ref().map(Into::into)),
                    payers: (p.payers.iter())
                        .map(|r| {
                            (
                                payer(r.payer),
                                PayerView {
                                    mean_delta: MoneyF(r.mean_delta),
                                    prob_worse: Prob(r.prob_worse),
                                },
                            )
                        })
                        .collect(),
                    investor_accepts: p.investor_accepts,
                    payers_accept: p.payers_accept,
                })
                .collect(),
            prices: deal.price_axis.map(|pa| PricesView {
                term: deal.axes[pa].name.clone(),
                ranges: (deal.prices.iter())
                    .map(|r| {
                        let mut terms = IndexMap::new();
                        let others = (deal.axes.iter().enumerate()).filter(|(i, _)| *i != pa);
                        for ((_, a), v) in others.zip(&r.others) {
                            terms.insert(a.name.clone(), Num(*v));
                        }
                        PriceRangeView {
                            terms,
                            investor_lowest: r.investor_lowest.map(Num),
                            payer_highest: (deal.paying.iter())
                                .zip(&r.payer_highest)
                                .map(|(p, h)| (payer(*p), h.map(Num)))
                                .collect(),
                            both: r.both.iter().map(|v| Num(*v)).collect(),
                        }
                    })
                    .collect(),
            }),
        }
    }
}

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

/// One CSV row per combination.
pub fn csv(r: &DealReport) -> String {
    let mut sheet = Sheet::new();
    let mut header: Vec<String> = r.axes.iter().map(|a| text(&a.term)).collect();
    header.extend(
        [
            "moic_mean",
            "investor_net_mean",
            "investor_net_p5",
            "investor_net_p50",
            "investor_net_p95",
            "prob_loss",
            "expected_loss",
            "worst_5pct_mean",
            "irr_p50",
        ]
        .iter()
        .map(|x| x.to_string()),
    );
    for p in &r.paying {
        header.push(text(&format!("{p}_mean_delta")));
        header.push(text(&format!("{p}_prob_worse")));
    }
    header.extend(["investor_accepts".into(), "payers_accept".into()]);
    sheet.push(&header);
    let num = |x: f64| {
        if x.is_finite() {
            x.to_string()
        } else {
            String::new()
        }
    };
    for c in &r.combinations {
        let mut row: Vec<String> = c
            .terms
            .values()
            .map(|v| v.0.normalize().to_string())
            .collect();
        let n = &c.investor_net;
        row.extend(
            [
                c.moic_mean.0,
                n.mean.0,
                n.p5.0,
                n.p50.0,
                n.p95.0,
                c.prob_loss.0,
                c.expected_loss.0,
                c.worst_5pct_mean.0,
            ]
            .map(num),
        );
        row.push(c.irr.as_ref().map_or(String::new(), |i| num(i.p50.0)));
        for p in c.payers.values() {
            row.push(num(p.mean_delta.0));
            row.push(num(p.prob_worse.0));
        }
        row.push(c.investor_accepts.to_string());
        row.push(c.payers_accept.to_string());
        sheet.push(&row);
    }
    sheet.finish()
}

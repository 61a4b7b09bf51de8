//! `somsim deal`: a contract's deal space, one row per combination of terms
//! (`docs/output.md`, "Deal space").

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;

use super::base::*;
use super::contract::RateStatsView;
use super::number::*;
use crate::analysis::RunResults;
use crate::contracts::deal::{Deal, Term};
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
    /// With `--solve`: the term solved for the yardsticks along the first price axis (or the
    /// first axis); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solved: Option<SolvedView>,
}

/// The solved values along one axis.
#[derive(Debug, Serialize)]
pub struct SolvedView {
    /// The solved term, e.g. `price[recovery]`.
    pub term: String,
    /// The search range `[low, high]`.
    pub range: [Num; 2],
    /// One per combination of the other axes.
    pub points: Vec<SolvedPointView>,
}

/// A crossing: a number (the boundary value, on the side that meets the target), `"whole
/// range"` (met everywhere in the range) or null (met nowhere in it).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum CrossingView {
    /// The boundary value.
    At(Num),
    /// `"whole range"`.
    Whole(&'static str),
}

/// The solved values for one combination of the other axes.
#[derive(Debug, Serialize)]
pub struct SolvedPointView {
    /// The other axes' values.
    pub terms: IndexMap<String, Num>,
    /// The lowest value at which the mean MOIC is at least 1.
    pub moic_one: Option<CrossingView>,
    /// The lowest value at which P(loss) is within the investor's limit (null without one, or
    /// met nowhere).
    pub investor_limit: Option<CrossingView>,
    /// Per paying payer: the highest value at which its P(worse off) is within the payers'
    /// limit.
    pub payer_limit: IndexMap<String, Option<CrossingView>>,
}

fn crossing(c: crate::contracts::solve::Crossing) -> Option<CrossingView> {
    use crate::contracts::solve::Crossing;
    match c {
        Crossing::At(v) => Some(CrossingView::At(Num(v))),
        Crossing::Whole => Some(CrossingView::Whole("whole range")),
        Crossing::Nowhere => None,
    }
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
    /// For a rate-card target's price or cap: the target's name shown to people (its Danish
    /// form under `--lang da`); not in JSON, whose `term` is the key.
    #[serde(skip)]
    pub item: Option<String>,
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

/// A contract term's name as a heading: in Danish in words (`price[recovery]` is `pris for
/// personlig recovery`, with the target's Danish name `item` where there is one), in English
/// as `--vary` names it.
pub fn term_name(lang: crate::lang::Lang, term: &str, item: Option<&str>) -> String {
    if lang != crate::lang::Lang::Da {
        return term.to_owned();
    }
    let inner = |prefix: &str| {
        term.strip_prefix(prefix)
            .and_then(|t| t.strip_prefix('['))
            .and_then(|t| t.strip_suffix(']'))
    };
    if let Some(written) = inner("price") {
        return format!("pris for {}", item.unwrap_or(written));
    }
    if let Some(written) = inner("cap") {
        return format!("loft for {}", item.unwrap_or(written));
    }
    match term {
        "cap" => "samlet loft",
        "return_cap" => "afkastloft",
        "floor" => "gulv",
        "guarantee" => "garanti",
        "gain_share" => "andel af gevinsten",
        other => other,
    }
    .to_owned()
}

impl DealReport {
    /// The heading of the varied term `term` (as written) in `lang` ([`term_name`]).
    pub fn heading(&self, lang: crate::lang::Lang, term: &str) -> String {
        let item = (self.axes.iter()).find(|a| a.term == term);
        term_name(lang, term, item.and_then(|a| a.item.as_deref()))
    }

    /// The deal space of a run, when it computed one.
    pub fn of(run: &RunResults) -> Option<DealReport> {
        let mc = run.monte_carlo.as_ref()?;
        Some(DealReport::build(
            run.model,
            mc.deal.as_ref()?,
            mc.solved.as_ref(),
            run.seed,
            mc.outputs.trials,
        ))
    }

    fn build(
        model: &Model,
        deal: &Deal,
        solved: Option<&crate::contracts::solve::Solutions>,
        seed: u64,
        trials: usize,
    ) -> DealReport {
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
                    item: match a.term {
                        Term::Price(k) | Term::ItemCap(k) => Some(c.rate_card[k].name.clone()),
                        _ => None,
                    },
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
            solved: solved.map(|sol| SolvedView {
                term: deal.axes[sol.axis].name.clone(),
                range: [Num(sol.range.0), Num(sol.range.1)],
                points: (sol.solved.iter())
                    .map(|p| SolvedPointView {
                        terms: (deal.axes.iter().enumerate())
                            .filter(|(i, _)| *i != sol.axis)
                            .map(|(_, a)| a.name.clone())
                            .zip(p.others.iter().map(|v| Num(*v)))
                            .collect(),
                        moic_one: crossing(p.moic_one),
                        investor_limit: p.investor.and_then(crossing),
                        payer_limit: (deal.paying.iter())
                            .zip(&p.payers)
                            .map(|(q, c)| (payer(*q), crossing(*c)))
                            .collect(),
                    })
                    .collect(),
            }),
        }
    }
}

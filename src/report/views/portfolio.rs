//! `somsim portfolio`: a portfolio of contracts and its revolving fund, in the base case and
//! over the trials (`docs/output.md`, "Portfolio").

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;

use super::base::{NpvStatsView, RateStatsView};
use super::number::*;
use crate::model::portfolio::Portfolio;
use crate::portfolio::PortfolioResults;
use crate::stats::Distribution;

/// The portfolio report.
#[derive(Debug, Serialize)]
pub struct PortfolioReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// The portfolio's name (its Danish name under `--lang da` in the tables).
    pub name: String,
    /// Its Danish name, where the file gives one.
    pub name_da: Option<String>,
    /// The portfolio file.
    pub file: String,
    /// Its first calendar year, and the years in which contracts may join.
    pub start_year: i32,
    /// Years in which contracts may join, from `start_year`.
    pub horizon: usize,
    /// Calendar years followed: the horizon and the longest contract after it.
    pub last_year: i32,
    /// The rate that moves each contract's payer deltas to `start_year`.
    pub discount_rate: f64,
    /// The seed and trials of the Monte Carlo (0: none).
    pub seed: u64,
    /// Trials run (0: none).
    pub trials: usize,
    /// The fund's terms; null: a portfolio without a fund (every contract joins in its `start`).
    pub fund: Option<FundView>,
    /// The contracts, in the fund's order.
    pub entries: Vec<EntryView>,
    /// The base case (every input at its mean), exact to the øre.
    pub base: BaseView,
    /// Over the trials; null without them.
    pub monte_carlo: Option<TrialsView>,
    /// Where the terms come from.
    pub source: Option<String>,
}

/// A revolving fund's terms.
#[derive(Debug, Serialize)]
pub struct FundView {
    /// The capital it starts with.
    pub capital: Money,
    /// Kept uncommitted.
    pub reserve: Money,
    /// Yearly rate on the capital outstanding in its contracts.
    pub management_fee: f64,
    /// The most contracts committed to in one year; null: no limit.
    pub max_new_per_year: Option<usize>,
    /// Calendar year -> new capital from donors.
    pub donors: IndexMap<i32, Money>,
}

/// One contract of the portfolio.
#[derive(Debug, Serialize)]
pub struct EntryView {
    /// The contract's name, with the municipalities the entry keeps.
    pub name: String,
    /// Its Danish form, from the contract's `da:` name; null without one.
    pub name_da: Option<String>,
    /// Its contract file, as the portfolio names it.
    pub file: String,
    /// The municipalities of its scenario it keeps.
    pub municipalities: Vec<String>,
    /// The first year it may join (without a fund: the year it joins).
    pub start: i32,
    /// What a fund sets aside for it: its base-case investment.
    pub commitment: Money,
    /// Its planned courses, completers and units of the first non-monetary outcome in its
    /// cohort window (the base case).
    pub courses: Num,
    /// Completers (see `courses`).
    pub completers: Num,
    /// Units of the first non-monetary outcome (see `courses`); null without one.
    pub gains: Option<Num>,
    /// The year it joins in the base case; null: it does not.
    pub base_join: Option<i32>,
    /// In the base case, per year of its own scenario (from the year it joins): what its
    /// investor invests and receives (the floor's top-up and the guarantee included).
    pub invested: Vec<Money>,
    /// See `invested`.
    pub received: Vec<Money>,
    /// Over the trials: P(it joins), the mean year it joins when it does, and its share of
    /// the contracts' expected loss. Null without trials.
    pub prob_joined: Option<Prob>,
    /// The mean calendar year it joins, over the trials it does; null: never.
    pub mean_join_year: Option<f64>,
    /// Its share of the contracts' expected loss over the trials.
    pub loss_share: Option<Prob>,
}

/// One year of the base case.
#[derive(Debug, Serialize)]
pub struct YearView {
    /// Calendar year.
    pub year: i32,
    /// What the joined contracts invested and repaid, and the fund's fee.
    pub invested: Money,
    /// What they repaid (the floor top-up and the guarantee included).
    pub received: Money,
    /// The fund's management fee.
    pub fee: Money,
    /// received - invested - fee.
    pub net: Money,
    /// The fund's balance at the year's end; null without a fund.
    pub balance: Option<Money>,
    /// The capital outstanding in contracts within their term at the year's end.
    pub outstanding: Money,
    /// The contracts that join this year.
    pub joining: usize,
}

/// The base case.
#[derive(Debug, Serialize)]
pub struct BaseView {
    /// Per calendar year followed.
    pub years: Vec<YearView>,
    /// What the contracts invested.
    pub invested: Money,
    /// What they repaid (the floor top-up and the guarantee included).
    pub received: Money,
    /// The fund's management fees.
    pub fees: Money,
    /// received / (invested + fees); null when nothing is invested.
    pub moic: Option<f64>,
    /// IRR of the yearly net; -1 = nothing back; null = undefined.
    pub irr: Option<f64>,
    /// max(0, invested + fees - received).
    pub loss: Money,
    /// The most capital outstanding at a year's end.
    pub peak_outstanding: Money,
    /// The first year it is reached.
    pub peak_year: i32,
    /// Contracts joined, and what they finance (in their cohort windows).
    pub joined: usize,
    /// Planned courses of the joined contracts in their cohort windows.
    pub courses: Num,
    /// Completers (see `courses`).
    pub completers: Num,
    /// Units of the first non-monetary outcome (see `courses`); null without one.
    pub gains: Num,
    /// With a fund: the year it commits to no contract again although some wait; null: never.
    pub exhausted_year: Option<i32>,
    /// Per payer: the joined contracts' deltas at `start_year`.
    pub delta: IndexMap<String, Money>,
}

/// The portfolio over the trials.
#[derive(Debug, Serialize)]
pub struct TrialsView {
    /// What the contracts invested.
    pub invested: NpvStatsView,
    /// What they repaid (the floor top-up and the guarantee included).
    pub received: NpvStatsView,
    /// received - invested - fees, DKK (undiscounted).
    pub net: NpvStatsView,
    /// The fund's management fees.
    pub fees: NpvStatsView,
    /// Over the trials where it is defined.
    pub irr: Option<RateStatsView>,
    /// Share of trials where the IRR is undefined.
    pub irr_undefined: Prob,
    /// received / (invested + fees).
    pub moic: Option<RateStatsView>,
    /// P(MOIC < 1).
    pub prob_loss: Prob,
    /// Mean of max(0, invested + fees - received), DKK.
    pub expected_loss: MoneyF,
    /// Mean of the worst 5% of the net, DKK.
    pub worst_5pct_mean: MoneyF,
    /// The most capital outstanding at a year's end.
    pub peak_outstanding: NpvStatsView,
    /// Contracts joined.
    pub joined: RateStatsView,
    /// Planned courses of the joined contracts in their cohort windows.
    pub courses: RateStatsView,
    /// Completers (see `courses`).
    pub completers: RateStatsView,
    /// Units of the first non-monetary outcome (see `courses`); null without one.
    pub gains: Option<RateStatsView>,
    /// Calendar year -> the fund's balance at the year's end (with a fund).
    pub balance_by_year: IndexMap<i32, NpvStatsView>,
    /// Calendar year -> the capital outstanding at the year's end.
    pub outstanding_by_year: IndexMap<i32, NpvStatsView>,
    /// Calendar year -> P(the fund is exhausted by the year) (with a fund).
    pub prob_exhausted_by_year: IndexMap<i32, Prob>,
    /// P(the fund's balance falls below zero in some year).
    pub prob_overdrawn: Prob,
    /// Per payer: the summed deltas at `start_year`.
    pub delta: IndexMap<String, NpvStatsView>,
}

fn f(d: Decimal) -> f64 {
    crate::decimal::to_f64(d)
}

/// A count's (or kroner's) statistics as plain numbers.
fn plain(d: &Distribution) -> RateStatsView {
    d.into()
}

impl PortfolioReport {
    /// The report of `p`'s results.
    pub fn of(p: &Portfolio, r: &PortfolioResults) -> PortfolioReport {
        let b = &r.base;
        let t = &b.totals;
        let year = |y: usize| p.year(y);
        let joining = |y: usize| b.path.join.iter().filter(|j| **j == Some(y)).count();
        let with_fund = p.fund.is_some();
        let base = BaseView {
            years: (0..r.years)
                .map(|y| {
                    let pa = &b.path;
                    YearView {
                        year: year(y),
                        invested: Money(pa.invested[y]),
                        received: Money(pa.received[y]),
                        fee: Money(pa.fee[y]),
                        net: Money(pa.received[y] - pa.invested[y] - pa.fee[y]),
                        balance: with_fund.then(|| Money(pa.balance[y])),
                        outstanding: Money(pa.outstanding[y]),
                        joining: joining(y),
                    }
                })
                .collect(),
            invested: Money(t.invested),
            received: Money(t.received),
            fees: Money(t.fees),
            moic: t.moic,
            irr: t.irr,
            loss: Money(t.loss),
            peak_outstanding: Money(t.peak_outstanding),
            peak_year: year(t.peak_year),
            joined: t.joined,
            courses: Num(t.courses),
            completers: Num(t.completers),
            gains: Num(t.gains),
            exhausted_year: b.path.exhausted.map(year),
            delta: (r.payers.iter().zip(&b.delta))
                .map(|(n, d)| (n.clone(), Money(*d)))
                .collect(),
        };
        let mc = r.trials.as_ref();
        PortfolioReport {
            schema_version: SCHEMA_VERSION,
            name: p.name.clone(),
            name_da: p.da.name.clone(),
            file: p.file.clone(),
            start_year: p.start_year,
            horizon: p.horizon,
            last_year: year(r.years - 1),
            discount_rate: f(p.discount_rate),
            seed: mc.map_or(0, |m| m.seed),
            trials: mc.map_or(0, |m| m.n),
            fund: p.fund.as_ref().map(|fd| FundView {
                capital: Money(fd.capital),
                reserve: Money(fd.reserve),
                management_fee: f(fd.management_fee),
                max_new_per_year: fd.max_new_per_year,
                donors: (fd.donors.iter().enumerate())
                    .filter(|(_, d)| !d.is_zero())
                    .map(|(y, d)| (year(y), Money(*d)))
                    .collect(),
            }),
            entries: (p.entries.iter().zip(&b.entries).enumerate())
                .map(|(k, (e, eb))| EntryView {
                    name: e.name.clone(),
                    name_da: e.name_da.clone(),
                    file: e.file.clone(),
                    municipalities: e.municipalities.clone(),
                    start: year(e.start),
                    commitment: Money(eb.commitment),
                    courses: Num(eb.courses),
                    completers: Num(eb.completers),
                    gains: eb.gains.map(Num),
                    base_join: b.path.join[k].map(year),
                    invested: eb.invested.iter().map(|x| Money(*x)).collect(),
                    received: eb.received.iter().map(|x| Money(*x)).collect(),
                    prob_joined: mc.map(|m| Prob(m.prob_joined[k])),
                    mean_join_year: mc
                        .map(|m| m.mean_join[k])
                        .filter(|j| !j.is_nan())
                        .map(|j| p.start_year as f64 + j),
                    loss_share: mc.map(|m| Prob(m.loss_share[k])),
                })
                .collect(),
            base,
            monte_carlo: mc.map(|m| TrialsView {
                invested: (&m.invested).into(),
                received: (&m.received).into(),
                net: (&m.net).into(),
                fees: (&m.fees).into(),
                irr: m.irr.as_ref().map(Into::into),
                irr_undefined: Prob(m.irr_undefined),
                moic: m.moic.as_ref().map(Into::into),
                prob_loss: Prob(m.prob_loss),
                expected_loss: MoneyF(m.expected_loss),
                worst_5pct_mean: MoneyF(m.worst_5pct_mean),
                peak_outstanding: (&m.peak_outstanding).into(),
                joined: plain(&m.joined),
                courses: plain(&m.courses),
                completers: plain(&m.completers),
                gains: m.gains.as_ref().map(plain),
                balance_by_year: (m.balance.iter().enumerate())
                    .map(|(y, d)| (year(y), d.into()))
                    .collect(),
                outstanding_by_year: (m.outstanding.iter().enumerate())
                    .map(|(y, d)| (year(y), d.into()))
                    .collect(),
                prob_exhausted_by_year: (m.prob_exhausted_by.iter().enumerate())
                    .map(|(y, p)| (year(y), Prob(*p)))
                    .collect(),
                prob_overdrawn: Prob(m.prob_overdrawn),
                delta: (r.payers.iter().zip(&m.delta))
                    .map(|(n, d)| (n.clone(), d.into()))
                    .collect(),
            }),
            source: p.source.clone(),
        }
    }
}

/// A portfolio's terms over a grid (`somsim deal PORTFOLIO --vary ...`).
#[derive(Debug, Serialize)]
pub struct PortfolioGridReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// The portfolio's name, and its file.
    pub name: String,
    /// See `name`.
    pub file: String,
    /// The seed and trials every combination ran on.
    pub seed: u64,
    /// See `seed`.
    pub trials: usize,
    /// The last year of the horizon, at which the balance and P(exhausted) are read.
    pub horizon_end: i32,
    /// The investor's limit on P(loss); null: none stated.
    pub max_loss_prob: Option<f64>,
    /// The varied terms, as named on the command line.
    pub terms: Vec<String>,
    /// One row per combination, the last term varying fastest.
    pub rows: Vec<GridRowView>,
}

/// One combination of a portfolio's grid, over the trials.
#[derive(Debug, Serialize)]
pub struct GridRowView {
    /// Term -> its value in the combination.
    pub values: IndexMap<String, f64>,
    /// Contracts joined: the mean and the 5th percentile.
    pub joined_mean: f64,
    /// See `joined_mean`.
    pub joined_p5: f64,
    /// The mean completers in the joined contracts' cohort windows.
    pub completers_mean: f64,
    /// P(MOIC < 1), the mean MOIC, the expected loss and the mean of the worst 5% of the net.
    pub prob_loss: Prob,
    /// See `prob_loss`.
    pub moic_mean: Option<f64>,
    /// See `prob_loss`.
    pub expected_loss: MoneyF,
    /// See `prob_loss`.
    pub worst_5pct_mean: MoneyF,
    /// P(the fund is exhausted by `horizon_end`), and P(its balance falls below zero in some
    /// year); null without a fund.
    pub prob_exhausted: Option<Prob>,
    /// See `prob_exhausted`.
    pub prob_overdrawn: Option<Prob>,
    /// The fund's balance at the end of `horizon_end`: its mean and 5th percentile; null
    /// without a fund.
    pub balance_mean: Option<MoneyF>,
    /// See `balance_mean`.
    pub balance_p5: Option<MoneyF>,
    /// Whether the investor accepts it (P(loss) within `max_loss_prob`); null without a limit.
    pub accepted: Option<bool>,
}

impl PortfolioGridReport {
    /// The report of a grid's cells over `p`.
    pub fn of(
        p: &Portfolio,
        terms: Vec<String>,
        cells: &[crate::portfolio::grid::Cell],
        max_loss_prob: Option<f64>,
        seed: u64,
        trials: usize,
    ) -> PortfolioGridReport {
        let end = p.horizon - 1;
        let rows = cells
            .iter()
            .filter_map(|c| {
                let m = c.results.trials.as_ref()?;
                let with_fund = p.fund.is_some();
                Some(GridRowView {
                    values: (terms.iter().zip(&c.values))
                        .map(|(t, v)| (t.clone(), f(*v)))
                        .collect(),
                    joined_mean: m.joined.mean,
                    joined_p5: m.joined.p5,
                    completers_mean: m.completers.mean,
                    prob_loss: Prob(m.prob_loss),
                    moic_mean: m.moic.as_ref().map(|d| d.mean),
                    expected_loss: MoneyF(m.expected_loss),
                    worst_5pct_mean: MoneyF(m.worst_5pct_mean),
                    prob_exhausted: with_fund.then(|| Prob(m.prob_exhausted_by[end])),
                    prob_overdrawn: with_fund.then_some(Prob(m.prob_overdrawn)),
                    balance_mean: with_fund.then(|| MoneyF(m.balance[end].mean)),
                    balance_p5: with_fund.then(|| MoneyF(m.balance[end].p5)),
                    accepted: max_loss_prob.map(|l| m.prob_loss <= l),
                })
            })
            .collect();
        PortfolioGridReport {
            schema_version: SCHEMA_VERSION,
            name: p.name.clone(),
            file: p.file.clone(),
            seed,
            trials,
            horizon_end: p.year(end),
            max_loss_prob,
            terms,
            rows,
        }
    }
}

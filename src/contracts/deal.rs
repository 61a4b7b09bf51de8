//! The deal space: one contract settled under a grid of other terms on the same trials.
//!
//! The scenario is simulated once with the contract's deal basis kept per trial (the
//! investment, each rate-card item's units after lags and triggers, the gain share's base, the
//! payers' deltas from the investment; see [`crate::kernel::DealBasis`]). Each combination of
//! terms is then only a settlement per trial ([`crate::model::contract::settle`], the same
//! function the kernel and the exact ledger use), so a grid of a hundred combinations costs
//! little more than the run itself. Every combination sees the same trials: differences between
//! combinations are the terms', not sampling noise.
//!
//! The terms a grid can vary are those that act after the simulation: prices, item caps, the
//! contract cap, the return cap, the floor, the guarantee and the gain share. Terms that change
//! what happens (pre-financing, cohorts, lags, triggers) need a run of their own (`--set`).

use rust_decimal::Decimal;

use crate::decimal::to_f64;

use super::{ROUNDING, TAIL, worst_mean};
use crate::kernel::DealBasis;
use crate::lang::Message;
use crate::model::contract::{Contract, Terms, end_of_term, investor_irr, settle};
use crate::model::{Model, PayerId};
use crate::montecarlo::{self, Outputs};
use crate::stats::{Distribution, distribution};

/// A term the grid varies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    /// Rate-card item k's price, kroner per unit.
    Price(usize),
    /// Rate-card item k's cap, kroner.
    ItemCap(usize),
    /// The contract cap, kroner.
    Cap,
    /// The return cap, an average annual rate.
    ReturnCap,
    /// The floor, a share of the principal.
    Floor,
    /// The guarantee's amount, kroner.
    Guarantee,
    /// The gain share, a share of the named payers' savings.
    GainShare,
}

/// One axis of the grid: a term and the values it takes.
#[derive(Clone, Debug)]
pub struct Axis {
    pub term: Term,
    /// The term as written (`price[recovery]`, `return_cap`).
    pub name: String,
    pub values: Vec<Decimal>,
}

/// The most combinations one grid may have.
pub const MAX_COMBINATIONS: usize = 10_000;

/// The limits each side states.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Limits {
    /// The investor accepts P(loss) up to this.
    pub max_loss_prob: Option<f64>,
    /// Each paying payer accepts P(worse off with the contract) up to this.
    pub max_payer_worse_prob: Option<f64>,
}

/// The investor's results under one combination.
#[derive(Clone, Debug, PartialEq)]
pub struct InvestorResult {
    /// Mean MOIC over the trials where something is invested.
    pub moic_mean: f64,
    /// The net result (received - invested), kroner.
    pub net: Distribution,
    pub prob_loss: f64,
    pub expected_loss: f64,
    /// Mean of the worst [`TAIL`] of the net result.
    pub worst_tail_mean: f64,
    /// The IRR, when asked for (it is the costly part of a settlement).
    pub irr: Option<Option<Distribution>>,
}

/// A paying payer's results under one combination.
#[derive(Clone, Debug, PartialEq)]
pub struct PayerResult {
    pub payer: PayerId,
    /// Mean of its delta (NPV with the contract minus without), kroner.
    pub mean_delta: f64,
    /// P(delta < 0).
    pub prob_worse: f64,
}

/// One combination of terms and its results.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// One value per axis, in axis order.
    pub values: Vec<Decimal>,
    pub investor: InvestorResult,
    pub payers: Vec<PayerResult>,
    /// The investor's limit holds (true without one).
    pub investor_accepts: bool,
    /// Every paying payer's limit holds (true without one).
    pub payers_accept: bool,
}

/// Along the first price axis, for one combination of the other axes: the lowest price the
/// investor accepts and the highest each paying payer accepts.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceRange {
    /// The other axes' values, in axis order without the price axis.
    pub others: Vec<Decimal>,
    pub investor_lowest: Option<Decimal>,
    /// Per paying payer, in [`Deal::paying`] order.
    pub payer_highest: Vec<Option<Decimal>>,
    /// The prices both sides accept.
    pub both: Vec<Decimal>,
}

/// The deal-space grid of one contract.
#[derive(Clone, Debug)]
pub struct Deal {
    /// Index of the contract in the model.
    pub contract: usize,
    pub axes: Vec<Axis>,
    pub limits: Limits,
    /// The payers whose limit is checked: the outcome payers, then the floor payer.
    pub paying: Vec<PayerId>,
    /// Every combination, the last axis varying fastest.
    pub points: Vec<Point>,
    /// Index of the first price axis, if any.
    pub price_axis: Option<usize>,
    pub prices: Vec<PriceRange>,
}

/// What a term's value must be, for the error message; `None` when `v` is allowed.
pub fn check_value(term: Term, v: Decimal) -> Option<Message> {
    let ok = match term {
        Term::Floor | Term::GainShare => v >= Decimal::ZERO && v <= Decimal::ONE,
        Term::ReturnCap => v >= Decimal::ZERO && v <= Decimal::from(10),
        _ => v >= Decimal::ZERO && v <= Decimal::from(1_000_000_000_000_000u64),
    };
    (!ok).then(|| match term {
        Term::Floor | Term::GainShare => {
            Message::new("a share from 0 to 1", "en andel fra 0 til 1")
        }
        Term::ReturnCap => Message::new(
            "an annual rate from 0 to 10 (1000%)",
            "en årlig rente fra 0 til 10 (1000%)",
        ),
        _ => Message::new("kroner from 0 to 10^15", "kroner fra 0 til 10^15"),
    })
}

/// The grid's combinations: indices into each axis's values, the last axis fastest.
fn combinations(axes: &[Axis]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new()];
    for a in axes {
        out = out
            .into_iter()
            .flat_map(|c| {
                (0..a.values.len()).map(move |i| {
                    let mut c = c.clone();
                    c.push(i);
                    c
                })
            })
            .collect();
    }
    out
}

/// The number of combinations of `axes` (saturating).
pub fn size(axes: &[Axis]) -> usize {
    axes.iter()
        .fold(1usize, |n, a| n.saturating_mul(a.values.len()))
}

/// Settle contract `k` of `model` under every combination of `axes` on the trials of `out`,
/// which kept the deal basis `basis`. The combinations run in parallel, each over the trials
/// in trial order: the result does not depend on the thread count.
pub fn evaluate(
    model: &Model,
    out: &Outputs,
    basis: DealBasis,
    k: usize,
    axes: Vec<Axis>,
    limits: Limits,
    irr: bool,
) -> Deal {
    let c = &model.contracts[k];
    let mut paying: Vec<PayerId> = c.outcome_payers.iter().map(|(p, _)| *p).collect();
    if let Some((_, p)) = c.floor
        && !paying.contains(&p)
    {
        paying.push(p);
    }
    let df: Vec<f64> = model.discount_factors().into_iter().map(to_f64).collect();
    // Each paying payer's share of the payments.
    let share_of: Vec<f64> = (paying.iter())
        .map(|p| {
            (c.outcome_payers.iter())
                .filter(|(q, _)| q == p)
                .map(|(_, s)| to_f64(*s))
                .sum()
        })
        .collect();
    let settler = Settler {
        contract: c,
        out,
        basis,
        k,
        df: &df,
        paying: &paying,
        share_of: &share_of,
    };
    let combos: Vec<Vec<Decimal>> = combinations(&axes)
        .iter()
        .map(|c| c.iter().zip(&axes).map(|(j, a)| a.values[*j]).collect())
        .collect();
    let mut points = Vec::with_capacity(combos.len());
    for group in combos.chunks(GROUP) {
        let settings: Vec<Setting> = group.iter().map(|v| settler.setting(&axes, v)).collect();
        for (values, (investor, payers)) in group.iter().zip(settler.run(&settings, irr)) {
            let investor_accepts = limits.max_loss_prob.is_none_or(|m| investor.prob_loss <= m);
            let payers_accept = limits
                .max_payer_worse_prob
                .is_none_or(|m| payers.iter().all(|p| p.prob_worse <= m));
            points.push(Point {
                values: values.clone(),
                investor,
                payers,
                investor_accepts,
                payers_accept,
            });
        }
    }
    let price_axis = axes.iter().position(|a| matches!(a.term, Term::Price(_)));
    let prices = price_axis
        .map(|pa| price_ranges(&points, pa, paying.len(), limits))
        .unwrap_or_default();
    Deal {
        contract: k,
        axes,
        limits,
        paying,
        points,
        price_axis,
        prices,
    }
}

/// Group the points by the values of the axes other than `pa` and read the acceptable prices.
fn price_ranges(points: &[Point], pa: usize, paying: usize, limits: Limits) -> Vec<PriceRange> {
    let others = |p: &Point| -> Vec<Decimal> {
        let mut v = p.values.clone();
        v.remove(pa);
        v
    };
    let mut ranges: Vec<PriceRange> = Vec::new();
    for p in points {
        let o = others(p);
        let i = match ranges.iter().position(|r| r.others == o) {
            Some(i) => i,
            None => {
                ranges.push(PriceRange {
                    others: o,
                    investor_lowest: None,
                    payer_highest: vec![None; paying],
                    both: Vec::new(),
                });
                ranges.len() - 1
            }
        };
        let r = &mut ranges[i];
        let price = p.values[pa];
        if limits.max_loss_prob.is_some() && p.investor_accepts {
            r.investor_lowest = Some(r.investor_lowest.map_or(price, |x| x.min(price)));
        }
        if let Some(m) = limits.max_payer_worse_prob {
            for (h, payer) in r.payer_highest.iter_mut().zip(&p.payers) {
                if payer.prob_worse <= m {
                    *h = Some(h.map_or(price, |x| x.max(price)));
                }
            }
        }
        if p.investor_accepts && p.payers_accept {
            r.both.push(price);
        }
    }
    for r in &mut ranges {
        r.both.sort();
    }
    ranges
}

/// One contract's settlement on the stored trials.
struct Settler<'a> {
    contract: &'a Contract,
    out: &'a Outputs,
    basis: DealBasis,
    k: usize,
    df: &'a [f64],
    paying: &'a [PayerId],
    /// Per paying payer, its share of the payments.
    share_of: &'a [f64],
}

/// Combinations settled together on each block of trials: the trials' basis is read from
/// memory once per group rather than once per combination.
const GROUP: usize = 32;

/// Trials per block of work (fixed, so that sums do not depend on the thread count).
const BLOCK: usize = 1024;

/// One combination's terms in `f64`.
struct Setting {
    terms: Terms<f64>,
    prices: Vec<f64>,
    gain: f64,
}

impl Setting {
    /// Whether the payments are the same under both (they may differ in floor and guarantee,
    /// which act only at the end of the term).
    fn same_payments(&self, other: &Setting) -> bool {
        let (a, b) = (&self.terms, &other.terms);
        self.prices == other.prices
            && self.gain == other.gain
            && a.item_caps == b.item_caps
            && a.cap == b.cap
            && a.return_cap == b.return_cap
            && a.last_year == b.last_year
    }
}

/// Sums over a block of trials for one combination.
#[derive(Clone, Default)]
struct Sums {
    moic: f64,
    invested_trials: usize,
    losses: usize,
    loss: f64,
    payer: Vec<f64>,
    payer_worse: Vec<usize>,
}

impl Sums {
    fn new(payers: usize) -> Self {
        Sums {
            payer: vec![0.0; payers],
            payer_worse: vec![0; payers],
            ..Sums::default()
        }
    }

    fn add(&mut self, other: &Sums) {
        self.moic += other.moic;
        self.invested_trials += other.invested_trials;
        self.losses += other.losses;
        self.loss += other.loss;
        for (a, b) in self.payer.iter_mut().zip(&other.payer) {
            *a += b;
        }
        for (a, b) in self.payer_worse.iter_mut().zip(&other.payer_worse) {
            *a += b;
        }
    }
}

/// One block's results for each combination of a group: sums, and per trial the investor's
/// net result (and IRR when asked for).
struct BlockResult {
    sums: Vec<Sums>,
    net: Vec<Vec<f64>>,
    irr: Vec<Vec<f64>>,
}

impl Settler<'_> {
    /// The terms and prices of one combination.
    fn setting(&self, axes: &[Axis], values: &[Decimal]) -> Setting {
        let c = self.contract;
        let mut terms = c.terms::<f64>();
        let mut prices: Vec<f64> = c.rate_card.iter().map(|r| to_f64(r.price)).collect();
        let mut gain = c.gain_share.as_ref().map_or(0.0, |g| to_f64(g.share));
        for (a, v) in axes.iter().zip(values) {
            let v = to_f64(*v);
            match a.term {
                Term::Price(i) => prices[i] = v,
                Term::ItemCap(i) => terms.item_caps[i] = Some(v),
                Term::Cap => terms.cap = Some(v),
                Term::ReturnCap => terms.return_cap = Some(v),
                Term::Floor => terms.floor = Some(v),
                Term::Guarantee => terms.guarantee = Some(v),
                Term::GainShare => gain = v,
            }
        }
        Setting {
            terms,
            prices,
            gain,
        }
    }

    /// Settle every trial under each of a group of combinations and summarise each. Blocks of
    /// trials run in parallel; their sums are added in block order.
    fn run(&self, settings: &[Setting], irr: bool) -> Vec<(InvestorResult, Vec<PayerResult>)> {
        let n = self.out.trials;
        let blocks = montecarlo::par_columns(n.div_ceil(BLOCK), |bi| {
            self.block(settings, bi * BLOCK..n.min((bi + 1) * BLOCK), irr)
        });
        let nf = n as f64;
        montecarlo::par_columns(settings.len(), |s| {
            let mut sums = Sums::new(self.paying.len());
            let mut net = Vec::with_capacity(n);
            let mut irrs = Vec::new();
            for b in &blocks {
                sums.add(&b.sums[s]);
                net.extend_from_slice(&b.net[s]);
                irrs.extend(b.irr[s].iter().copied().filter(|x| !x.is_nan()));
            }
            let worst_tail_mean = worst_mean(&mut net, TAIL);
            let investor = InvestorResult {
                moic_mean: sums.moic / sums.invested_trials as f64,
                net: distribution(&mut net),
                prob_loss: sums.losses as f64 / nf,
                expected_loss: sums.loss / nf,
                worst_tail_mean,
                irr: irr.then(|| (!irrs.is_empty()).then(|| distribution(&mut irrs))),
            };
            let payers = (self.paying.iter().enumerate())
                .map(|(j, &payer)| PayerResult {
                    payer,
                    mean_delta: sums.payer[j] / nf,
                    prob_worse: sums.payer_worse[j] as f64 / nf,
                })
                .collect();
            (investor, payers)
        })
    }

    /// Settle the trials of `range` under each combination of a group.
    fn block(&self, settings: &[Setting], range: std::ops::Range<usize>, irr: bool) -> BlockResult {
        let b = self.basis;
        let (h, items) = (b.horizon, b.items);
        let c = self.contract;
        let last = c.last_year.min(h - 1);
        let width = self.out.contract_width;
        let stride = self.out.contracts * width;
        let np = self.paying.len();
        let floor_payer = c.floor.map(|(_, p)| p);
        let guarantor = c.guarantee.map(|(p, _)| p);
        // Nothing is paid after the last year, and the investor invests nothing after it (a
        // validated contract): settling the years up to it gives the same results.
        let hl = last + 1;
        // Settle each distinct set of payment terms once per trial.
        let mut distinct: Vec<usize> = Vec::new();
        let mut pay_of = Vec::with_capacity(settings.len());
        for (s, set) in settings.iter().enumerate() {
            match (distinct.iter()).position(|&d| settings[d].same_payments(set)) {
                Some(d) => pay_of.push(d),
                None => {
                    pay_of.push(distinct.len());
                    distinct.push(s);
                }
            }
        }
        let (mut due, mut gain, mut paid, mut cum, mut flows) = (
            vec![0.0; items * hl],
            vec![0.0; hl],
            vec![0.0; distinct.len() * hl],
            vec![0.0; items],
            vec![0.0; hl],
        );
        let mut totals = vec![(0.0, 0.0); distinct.len()];
        let mut out = BlockResult {
            sums: vec![Sums::new(np); settings.len()],
            net: vec![Vec::with_capacity(range.len()); settings.len()],
            irr: vec![Vec::with_capacity(if irr { range.len() } else { 0 }); settings.len()],
        };
        for i in range {
            let row = &self.out.contract[i * stride + self.k * width..][..width];
            let inv = &row[b.inv..b.inv + hl];
            let units = &row[b.units..b.units + items * h];
            let base = &row[b.gain..b.gain + hl];
            let invested: f64 = inv.iter().sum();
            for (di, &si) in distinct.iter().enumerate() {
                let set = &settings[si];
                for ((d, u), p) in due.chunks_mut(hl).zip(units.chunks(h)).zip(&set.prices) {
                    for (d, u) in d.iter_mut().zip(u) {
                        *d = p * u;
                    }
                }
                for (x, base) in gain.iter_mut().zip(base) {
                    *x = set.gain * base;
                }
                let paid = &mut paid[di * hl..(di + 1) * hl];
                // f64 arithmetic never fails (see `formulas::Amount`).
                let _ = settle(&set.terms, inv, &due, &gain, paid, &mut cum);
                let (mut received, mut pv_paid) = (0.0, 0.0);
                for (x, df) in paid.iter().zip(self.df) {
                    received += x;
                    pv_paid += df * x;
                }
                totals[di] = (received, pv_paid);
            }
            for (s, set) in settings.iter().enumerate() {
                let di = pay_of[s];
                let (total_paid, pv_paid) = totals[di];
                let paid = &paid[di * hl..(di + 1) * hl];
                let end = end_of_term(&set.terms, invested, total_paid).unwrap_or_default();
                let received = total_paid + end.top_up + end.guarantee;
                let sums = &mut out.sums[s];
                if invested > 0.0 {
                    let moic = received / invested;
                    sums.moic += moic;
                    sums.invested_trials += 1;
                    sums.losses += usize::from(moic < 1.0 - ROUNDING);
                }
                sums.loss += (invested - received).max(0.0);
                out.net[s].push(received - invested);
                if irr {
                    for ((f, x), i) in flows.iter_mut().zip(paid).zip(inv) {
                        *f = x - i;
                    }
                    flows[last] += end.top_up + end.guarantee;
                    out.irr[s].push(investor_irr(invested, received, &flows).unwrap_or(f64::NAN));
                }
                // Each paying payer's delta: the investment's, less its share of the payments,
                // the top-up and the guarantee draw it makes.
                let end_pv = self.df[last];
                for (j, &p) in self.paying.iter().enumerate() {
                    let mut d = row[b.delta + p] - self.share_of[j] * pv_paid;
                    if floor_payer == Some(p) {
                        d -= end_pv * end.top_up;
                    }
                    if guarantor == Some(p) {
                        d -= end_pv * end.guarantee;
                    }
                    sums.payer[j] += d;
                    sums.payer_worse[j] += usize::from(d < 0.0);
                }
            }
        }
        out
    }
}

//! Stage 5 of the ledger: each contract's flows in the base case, exactly
//! (`docs/model.md`, "Contracts").
//!
//! Pre-financing moves a share of a cost line from its payer to the investor, in the line's
//! own rows. Outcome payments, the floor top-up and the guarantee draw are split over the
//! municipalities' rows by the *repayment key*: each municipality's share of the completers in
//! the contract's cohort window (or, with no completers there, its share of the
//! pre-financing). Every flow is a transfer, so perspective `all` does not change.

use crate::lang::Message;
use rust_decimal::Decimal;

use super::checked::{TooLarge, add, mul, sub};
use super::{
    Activity, Line, LineKind, Overflow, Table, cost_cells, outcome_terms_checked as outcome_terms,
};
use crate::decimal::to_f64;
use crate::model::contract::{
    Bound, Contract, EndOfTerm, Metric, TriggerOn, investor_irr, max0, settle,
    stack::{StackTerms, waterfall_parts},
};
use crate::model::{Model, MuniId, PayerId, allocation_groups};

/// One rate-card item in the base case.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemResult {
    pub name: String,
    /// Units counted, by the year their payment falls due (the lag applied).
    pub units: Vec<Decimal>,
    /// `price x units` per year, before caps (zero where the trigger is missed).
    pub due: Vec<Decimal>,
    /// Whether the trigger is met at the inputs' means; `None`: no trigger.
    pub trigger_met: Option<bool>,
}

/// A contract in the base case.
#[derive(Clone, Debug, PartialEq)]
pub struct ContractResult {
    /// The completers of the cohort window, and their units of the scenario's first
    /// non-monetary outcome (`None` without one).
    pub window_completers: Decimal,
    pub window_gains: Option<Decimal>,
    pub name: String,
    pub investor: PayerId,
    /// Year offset of the end of the term.
    pub last_year: usize,
    /// `inv[t]`: what the investor pays.
    pub invested: Vec<Decimal>,
    pub items: Vec<ItemResult>,
    /// The gain share due per year, before caps.
    pub gain_due: Vec<Decimal>,
    /// Outcome payments per year, after every cap.
    pub paid: Vec<Decimal>,
    pub end: EndOfTerm<Decimal>,
    pub bound: Bound,
    /// The investor's net flow per year: `-inv + paid (+ top-up + guarantee in the last year)`.
    pub investor_flows: Vec<Decimal>,
    pub total_invested: Decimal,
    pub total_received: Decimal,
    /// Received / invested; `None` when nothing is invested.
    pub moic: Option<Decimal>,
    /// `max(0, invested - received)`.
    pub loss: Decimal,
    /// `None` when undefined (the flows do not change sign).
    pub irr: Option<f64>,
    /// The investor's NPV at the contract's hurdle rate ([`crate::model::contract::npv_at`]);
    /// `None` without one.
    pub hurdle_npv: Option<Decimal>,
    /// The most capital outstanding at a year's end (invested so far less received, at least
    /// 0), and the first year offset it is reached (0 when nothing is outstanding).
    pub peak_outstanding: Decimal,
    pub peak_year: usize,
    /// Per payer: the PV of the contract's flows to it, i.e. its NPV with the contract minus
    /// without.
    pub delta: Vec<Decimal>,
    /// The capital stack's tranches, in the contract's order; empty without a stack.
    pub stack: Vec<TrancheResult>,
}

/// What an investor (or a tranche of the stack) puts in and gets back, and its results.
#[derive(Clone, Debug, PartialEq)]
pub struct Returns {
    /// Its net flow per year: what it gets back less what it puts in.
    pub flows: Vec<Decimal>,
    pub total_invested: Decimal,
    pub total_received: Decimal,
    /// Received / invested; `None` when nothing is invested.
    pub moic: Option<Decimal>,
    /// `max(0, invested - received)`.
    pub loss: Decimal,
    /// `None` when undefined (the flows do not change sign).
    pub irr: Option<f64>,
}

/// One tranche of a contract's capital stack in the base case.
#[derive(Clone, Debug, PartialEq)]
pub struct TrancheResult {
    pub name: String,
    pub investor: PayerId,
    /// What it puts in per year (its part of the investment, and of the management fee), and
    /// gets back by the waterfall.
    pub invested: Vec<Decimal>,
    pub fee: Vec<Decimal>,
    pub received: Vec<Decimal>,
    /// Whether its gate is met (at the inputs' means); `None` without a gate.
    pub gate_met: Option<bool>,
    /// From what it put in (investment and fee) and got back.
    pub returns: Returns,
}

/// The results of putting in `inv[t]` and getting back `rec[t]`.
fn returns(inv: &[Decimal], rec: &[Decimal]) -> Result<Returns, TooLarge> {
    let zero = Decimal::ZERO;
    let (mut total_invested, mut total_received) = (zero, zero);
    let mut flows = Vec::with_capacity(inv.len());
    for (i, r) in inv.iter().zip(rec) {
        flows.push(sub(*r, *i)?);
        total_invested = add(total_invested, *i)?;
        total_received = add(total_received, *r)?;
    }
    let f64_flows: Vec<f64> = flows.iter().map(|x| to_f64(*x)).collect();
    Ok(Returns {
        irr: investor_irr(to_f64(total_invested), to_f64(total_received), &f64_flows),
        moic: total_received.checked_div(total_invested),
        loss: max0(sub(total_invested, total_received)?),
        flows,
        total_invested,
        total_received,
    })
}

/// Contract `c`'s tranches: the waterfall of what the investor side puts in and receives,
/// with the gates met as bits of `met`.
fn stack(
    c: &Contract,
    inv: &[Decimal],
    rec: &[Decimal],
    met: u64,
) -> Result<Vec<TrancheResult>, TooLarge> {
    let (n, h) = (c.stack.len(), inv.len());
    if n == 0 {
        return Ok(Vec::new());
    }
    let terms = StackTerms::of::<Decimal>(&c.stack, c.management_fee.as_ref(), c.last_year);
    let [put, fee, got] = waterfall_parts(&terms, inv, rec, met).ok_or(TooLarge)?;
    (c.stack.iter().enumerate())
        .map(|(i, t)| {
            let at = i * h..(i + 1) * h;
            let called = (put[at.clone()].iter().zip(&fee[at.clone()]))
                .map(|(p, f)| add(*p, *f))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(TrancheResult {
                name: t.name.clone(),
                investor: t.investor,
                returns: returns(&called, &got[at.clone()])?,
                invested: put[at.clone()].to_vec(),
                fee: fee[at.clone()].to_vec(),
                received: got[at].to_vec(),
                gate_met: t.gate.as_ref().map(|_| (met >> i) & 1 == 1),
            })
        })
        .collect()
}

/// Which gates of `c`'s stack are met at the inputs' means, as bits: an input's mean, or a
/// metric's units over the window in the years before the gate.
fn gates_met(model: &Model, c: &Contract, cohort: &[Decimal]) -> Result<u64, TooLarge> {
    let mut met = 0u64;
    for (i, t) in c.stack.iter().enumerate() {
        let Some(g) = &t.gate else { continue };
        let value = match g.when.on {
            TriggerOn::Input(p) => model.base(p),
            TriggerOn::Metric(m) => (metric_units(model, m, cohort)?.iter().take(g.from))
                .try_fold(Decimal::ZERO, |a, u| add(a, *u))?,
        };
        met |= u64::from(g.when.met(value)) << i;
    }
    Ok(met)
}

/// Every contract's flows into the table, with its results and its audit lines.
pub(super) fn apply(
    model: &Model,
    act: &[Vec<Activity>],
    df: &[Decimal],
    table: &mut Table,
) -> Result<(Vec<ContractResult>, Vec<Line>), Overflow> {
    let mut results = Vec::new();
    let mut lines = Vec::new();
    for c in &model.contracts {
        let overflow = |_| Overflow {
            what: format!("contracts[{}]", c.name),
            origin: Some(c.origin.clone()),
            check: Message::new(
                "its prices, caps and amounts, and the activity it pays for",
                "dens priser, lofter og beløb og den aktivitet, den betaler for",
            ),
        };
        let (r, l) = contract(model, c, act, df, table).map_err(overflow)?;
        results.push(r);
        lines.extend(l);
    }
    Ok((results, lines))
}

/// Moves `x` from payer `from` to payer `to` in the cell of (t, slot), and its PV into `delta`.
struct Mover<'a> {
    table: &'a mut Table,
    df: &'a [Decimal],
    delta: Vec<Decimal>,
}

impl Mover<'_> {
    fn pay(
        &mut self,
        t: usize,
        m: Option<MuniId>,
        from: PayerId,
        to: PayerId,
        x: Decimal,
    ) -> Result<(), TooLarge> {
        let cell = &mut self.table.cell(t, m, to, x).contract;
        *cell = add(*cell, x)?;
        let cell = &mut self.table.cell(t, m, from, x).contract;
        *cell = sub(*cell, x)?;
        let pv = mul(self.df[t], x)?;
        self.delta[to] = add(self.delta[to], pv)?;
        self.delta[from] = sub(self.delta[from], pv)?;
        Ok(())
    }
}

fn contract(
    model: &Model,
    c: &Contract,
    act: &[Vec<Activity>],
    df: &[Decimal],
    table: &mut Table,
) -> Result<(ContractResult, Vec<Line>), TooLarge> {
    let (h, nm) = (model.horizon, model.municipalities.len());
    let zero = Decimal::ZERO;
    let mut mv = Mover {
        table,
        df,
        delta: vec![zero; model.payers.len()],
    };

    // Pre-financing and tranches, in the rows of the lines they pay for.
    let mut inv = vec![zero; h];
    let mut inv_slot = vec![zero; nm + 1];
    let mut invest = |t: usize, m: Option<MuniId>, to: PayerId, x: Decimal| {
        mv.pay(t, m, c.investor, to, x)?;
        inv[t] = add(inv[t], x)?;
        let s = m.unwrap_or(nm);
        inv_slot[s] = add(inv_slot[s], x)?;
        Ok::<(), TooLarge>(())
    };
    for p in &c.prefinance {
        let line = &model.costs[p.cost];
        cost_cells(model, line, act, |t, a, split| {
            if p.years[t] {
                for (m, share) in split {
                    invest(t, *m, line.payer, mul(mul(a, *share)?, p.share)?)?;
                }
            }
            Ok(())
        })?;
    }
    for tr in &c.tranches {
        for g in allocation_groups(model, &tr.allocation) {
            for (m, share) in &g.split {
                for t in (0..h).filter(|&t| tr.years[t]) {
                    invest(t, *m, tr.to, mul(tr.amount, *share)?)?;
                }
            }
        }
    }

    // The window's completers per cohort year (all municipalities), and the repayment key.
    let mut cohort = vec![zero; h];
    let mut by_muni = vec![zero; nm + 1];
    for (m, a) in act.iter().enumerate() {
        for t in (0..h).filter(|&t| c.cohorts[t]) {
            cohort[t] = add(cohort[t], a[t].completers)?;
            by_muni[m] = add(by_muni[m], a[t].completers)?;
        }
    }
    let window_completers = (cohort.iter()).try_fold(zero, |a, c| add(a, *c))?;
    let window_gains = match model.non_monetary.first() {
        Some(n) => Some(mul(window_completers, model.base(n.per_completer))?),
        None => None,
    };
    let key = repayment_key(by_muni, inv_slot)?;

    // What falls due: the rate card, then the gain share.
    let mut items = Vec::new();
    let mut due = vec![zero; c.rate_card.len() * h];
    for (k, item) in c.rate_card.iter().enumerate() {
        // Measured at its expected value (the base case has no sampling noise).
        let expected = |how: &crate::model::measure::Measurement, x: Decimal| {
            let dw = match how {
                crate::model::measure::Measurement::Estimate(e) => {
                    e.deadweight.map_or(zero, |d| model.base(d))
                }
                _ => zero,
            };
            how.expected(x, dw).ok_or(TooLarge)
        };
        let mut units = metric_units(model, item.metric, &cohort)?;
        for u in &mut units {
            *u = expected(&item.measured, *u)?;
        }
        let trigger_met = match &item.trigger {
            Some(tr) => {
                let value = match tr.on {
                    TriggerOn::Input(p) => expected(&tr.measured, model.base(p))?,
                    TriggerOn::Metric(m) => by_end_of_term(&metric_units(model, m, &cohort)?, c)?,
                };
                Some(tr.met(value))
            }
            None => None,
        };
        let mut lagged = vec![zero; h];
        let mut item_due = vec![zero; h];
        for t in item.lag..h {
            lagged[t] = max0(units[t - item.lag]);
            if trigger_met != Some(false) {
                item_due[t] = mul(item.price, lagged[t])?;
            }
        }
        due[k * h..(k + 1) * h].copy_from_slice(&item_due);
        items.push(ItemResult {
            name: item.name.clone(),
            units: lagged,
            due: item_due,
            trigger_met,
        });
    }
    let mut gain_due = vec![zero; h];
    if let Some(g) = &c.gain_share {
        let mut saved = vec![zero; h];
        for o in &model.outcomes {
            let share: Decimal = o
                .shares
                .iter()
                .filter(|(p, _)| g.payers.contains(p))
                .map(|(_, s)| *s)
                .sum();
            if share.is_zero() {
                continue;
            }
            let (weight, per_unit) = outcome_terms(model, o, true)?;
            let realised = realised(cohort.as_slice(), &weight, mul(per_unit, share)?)?;
            for (s, x) in saved.iter_mut().zip(realised) {
                *s = add(*s, x)?;
            }
        }
        for t in g.lag..h {
            gain_due[t] = mul(g.share, max0(saved[t - g.lag]))?;
        }
    }

    // Settle, then move the payments.
    let mut paid = vec![zero; h];
    let mut item_cum = vec![zero; c.rate_card.len()];
    let (end, bound) = settle(
        &c.terms::<Decimal>(),
        &inv,
        &due,
        &gain_due,
        &mut paid,
        &mut item_cum,
    )
    .ok_or(TooLarge)?;
    let last = c.last_year;
    for (t, x) in paid.iter().enumerate() {
        for (p, share) in &c.outcome_payers {
            split(&mut mv, &key, t, *p, c.investor, mul(*x, *share)?)?;
        }
    }
    if let Some((_, payer)) = c.floor {
        split(&mut mv, &key, last, payer, c.investor, end.top_up)?;
    }
    if let Some((guarantor, _)) = c.guarantee {
        split(&mut mv, &key, last, guarantor, c.investor, end.guarantee)?;
    }

    // The investor's results, and its tranches' by the waterfall.
    let received: Vec<Decimal> = (0..h)
        .map(|t| match t == last {
            true => add(add(paid[t], end.top_up)?, end.guarantee),
            false => Ok(paid[t]),
        })
        .collect::<Result<_, _>>()?;
    let Returns {
        flows,
        total_invested: total_inv,
        total_received: total_rec,
        moic: _,
        loss: _,
        irr,
    } = returns(&inv, &received)?;
    let stack = stack(c, &inv, &received, gates_met(model, c, &cohort)?)?;

    let name = |what: &str| format!("{}: {what}", c.name);
    let mut lines = vec![
        Line {
            kind: LineKind::Contract,
            name: name("pre-financing"),
            amounts: inv.clone(),
        },
        Line {
            kind: LineKind::Contract,
            name: name("outcome payments"),
            amounts: paid.clone(),
        },
    ];
    let at_end = |x: Decimal| (0..h).map(|t| if t == last { x } else { zero }).collect();
    if c.floor.is_some() {
        lines.push(Line {
            kind: LineKind::Contract,
            name: name("floor top-up"),
            amounts: at_end(end.top_up),
        });
    }
    if c.guarantee.is_some() {
        lines.push(Line {
            kind: LineKind::Contract,
            name: name("guarantee draw"),
            amounts: at_end(end.guarantee),
        });
    }
    let hurdle_npv = match c.hurdle_rate {
        Some(r) => Some(crate::model::contract::npv_at(&flows, r).ok_or(TooLarge)?),
        None => None,
    };
    let (mut peak, mut peak_year, mut left) = (zero, 0, zero);
    for (t, x) in flows.iter().enumerate() {
        left = sub(left, *x)?;
        if left > peak {
            (peak, peak_year) = (left, t);
        }
    }
    let result = ContractResult {
        window_completers,
        window_gains,
        hurdle_npv,
        peak_outstanding: peak,
        peak_year,
        name: c.name.clone(),
        investor: c.investor,
        last_year: last,
        invested: inv,
        items,
        gain_due,
        paid,
        end,
        bound,
        investor_flows: flows,
        total_invested: total_inv,
        total_received: total_rec,
        moic: total_rec.checked_div(total_inv),
        loss: max0(sub(total_inv, total_rec)?),
        irr,
        delta: mv.delta,
        stack,
    };
    Ok((result, lines))
}

/// A metric's units per year: per cohort for completers and non-monetary units, per year of
/// avoided use for service use avoided (from the window's cohorts only).
fn metric_units(
    model: &Model,
    metric: Metric,
    cohort: &[Decimal],
) -> Result<Vec<Decimal>, TooLarge> {
    match metric {
        Metric::Completers => Ok(cohort.to_vec()),
        Metric::NonMonetary(n) => {
            let per = model.base(model.non_monetary[n].per_completer);
            cohort.iter().map(|c| mul(*c, per)).collect()
        }
        Metric::Avoided(o) => {
            let (weight, per_unit) = outcome_terms(model, &model.outcomes[o], false)?;
            realised(cohort, &weight, per_unit)
        }
    }
}

/// The units a trigger on a metric counts: those of the years up to the end of the term.
fn by_end_of_term(units: &[Decimal], c: &Contract) -> Result<Decimal, TooLarge> {
    (units.iter().take(c.last_year + 1)).try_fold(Decimal::ZERO, |a, u| add(a, *u))
}

/// What the cohorts realise each year: `sum_{c <= t} cohort[c] x weight[t - c] x per`.
fn realised(
    cohort: &[Decimal],
    weight: &[Decimal],
    per: Decimal,
) -> Result<Vec<Decimal>, TooLarge> {
    let mut out = vec![Decimal::ZERO; cohort.len()];
    for (t, o) in out.iter_mut().enumerate() {
        for c in 0..=t {
            *o = add(*o, mul(mul(cohort[c], weight[t - c])?, per)?)?;
        }
    }
    Ok(out)
}

/// Each slot's share of the repayments: its share of the window's completers, or with none,
/// its share of the pre-financing, or with neither, the national slot.
fn repayment_key(by_muni: Vec<Decimal>, inv_slot: Vec<Decimal>) -> Result<Vec<Decimal>, TooLarge> {
    for basis in [by_muni, inv_slot] {
        let total = basis.iter().try_fold(Decimal::ZERO, |a, b| add(a, *b))?;
        if total > Decimal::ZERO {
            return basis
                .iter()
                .map(|x| x.checked_div(total).ok_or(TooLarge))
                .collect();
        }
    }
    Ok(Vec::new())
}

/// Move `x` from `from` to `to` in year `t`, split over the slots by `key` (an empty key: the
/// national slot).
fn split(
    mv: &mut Mover<'_>,
    key: &[Decimal],
    t: usize,
    from: PayerId,
    to: PayerId,
    x: Decimal,
) -> Result<(), TooLarge> {
    if x.is_zero() {
        return Ok(());
    }
    if key.is_empty() {
        return mv.pay(t, None, from, to, x);
    }
    let nm = key.len() - 1;
    for (s, k) in key.iter().enumerate() {
        if !k.is_zero() {
            mv.pay(t, (s < nm).then_some(s), from, to, mul(x, *k)?)?;
        }
    }
    Ok(())
}

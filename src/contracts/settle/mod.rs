//! A contract settled on actual data (`somsim settle`, `docs/guide.md`, "Settling a contract
//! on actual data"): the statement of the years observed, in exact decimal arithmetic.
//!
//! The statement is the contract's own settlement ([`crate::model::contract::settle`], the
//! function the ledger and the trials call) applied to what was observed instead of what the
//! scenario expects:
//!
//! - the investment `inv[t]` of each observed year is the contract's pre-financing as the
//!   ledger computes it (the cost lines it pays for, in the base case);
//! - the units of each rate-card item are the observed ones: completers of the window's
//!   cohorts (the file's `completers`), and for any other metric the file's
//!   `outcomes_achieved[ITEM]`, summed over the municipalities; they fall due `lag` years later;
//! - a trigger is judged on the file's `measured[INPUT]`, the mean over the window's observed
//!   rows weighted by their completers;
//! - then the caps, the contract cap and the return-cap account, in [`settle`]'s order; at the
//!   end of the term (when the last year is observed) the floor and the guarantee.
//!
//! Units observed in a year whose payment falls due after the last observed year are listed as
//! due later (before caps), not settled. The forecast of the rest of the term is
//! [`super::forecast`].

use rust_decimal::Decimal;

use crate::input::InputError;
use crate::input::actuals::{Actuals, Extra};
use crate::input::diag::did_you_mean;
use crate::lang::msg;
use crate::ledger::contracts::ContractResult;
use crate::model::Model;
use crate::model::contract::stack::split;

mod tranches;
use crate::model::contract::{Bound, EndOfTerm, Metric, TriggerOn, return_cap_account, settle};
pub use tranches::TrancheStatement;
use tranches::{gates, tranches};

/// One rate-card item's part of the statement.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemStatement {
    /// Units observed, by the year they were counted (the cohort's, or the year use was
    /// avoided), at least 0.
    pub observed: Vec<Decimal>,
    /// Units observed, by the year their payment falls due (the lag applied).
    pub units: Vec<Decimal>,
    /// `price x units`, before caps (zero where the trigger is missed).
    pub due: Vec<Decimal>,
    /// What the units observed in the last `lag` years make due after the statement's last
    /// year and within the term, before caps.
    pub due_later: Decimal,
    /// Of `due_later`, what the item's cap still allows, where the cap cuts it (`None`: the
    /// cap does not, or the item has none).
    pub due_later_within_cap: Option<Decimal>,
    /// The trigger as observed: the measured value and whether it meets the threshold.
    pub trigger: Option<(Decimal, bool)>,
}

/// The settlement statement of the observed years.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// The contract's index in the model.
    pub contract: usize,
    /// The observed years are offsets `0..years` from the scenario's start.
    pub years: usize,
    /// Whether the last observed year is the end of the term (the floor and guarantee apply).
    pub term_ended: bool,
    /// Completers of the window's cohorts observed per year.
    pub completers: Vec<Decimal>,
    pub invested: Vec<Decimal>,
    pub items: Vec<ItemStatement>,
    /// Sum of the items' due per year, before caps.
    pub due: Vec<Decimal>,
    /// Paid to the investor per year, after every cap.
    pub paid: Vec<Decimal>,
    /// The return-cap account after each year's payment (`None` without a return cap).
    pub account: Option<Vec<Decimal>>,
    pub bound: Bound,
    /// The floor top-up and the guarantee draw; `None` before the end of the term.
    pub end: Option<EndOfTerm<Decimal>>,
    /// Per outcome payer: what it pays the investor each year.
    pub payers: Vec<(crate::model::PayerId, Vec<Decimal>)>,
    /// Per municipality: its share of the payments (the repayment key on the data: its share
    /// of the window's completers observed so far) and what it pays each year, to the øre, the
    /// last municipality with a share taking the rest; empty when no completer is observed.
    pub by_municipality: Vec<(usize, Decimal, Vec<Decimal>)>,
    pub total_invested: Decimal,
    /// Paid, with the floor top-up and the guarantee draw at the end of the term.
    pub total_received: Decimal,
    /// Per tranche of the contract's capital stack, in its order; empty without a stack.
    pub tranches: Vec<TrancheStatement>,
}

/// Observed totals over the municipalities per year offset, checked against the model.
pub struct Observed {
    /// The observed years are `0..years`.
    pub years: usize,
    /// Per municipality and year: (participants, completers), `[m * years + t]`.
    pub counts: Vec<(Decimal, Decimal)>,
    /// The rows in file order, as (municipality, year offset, file row index).
    pub rows: Vec<(usize, usize, usize)>,
}

/// Check `actuals` against contract `k` of `model`: every municipality is the scenario's, every
/// year within the term, each municipality-year given once, and every year from the start to
/// the last observed one given for every municipality.
pub fn observed(model: &Model, k: usize, actuals: &Actuals) -> Result<Observed, InputError> {
    let c = &model.contracts[k];
    let names: Vec<&str> = model
        .municipalities
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    let (first, last) = (model.start_year, model.year(c.last_year));
    let mut rows = Vec::new();
    for (i, r) in actuals.rows.iter().enumerate() {
        let Some(m) = names.iter().position(|n| *n == r.municipality) else {
            let hint = did_you_mean(&r.municipality, names.iter().copied())
                .map(|n| format!(" (did you mean {n}?)"))
                .unwrap_or_default();
            let hint_da = hint.replace("did you mean", "mente du");
            return Err(actuals.problem(
                r.line,
                "municipality",
                msg!(
                    "unknown municipality `{name}`{hint}; expected one of the scenario's: {all}",
                    "ukendt kommune `{name}`{hint_da}; forventede en af scenariets: {all}",
                    name = r.municipality.clone(),
                    all = names.join(", ")
                ),
            ));
        };
        if r.year < first || r.year > last {
            return Err(actuals.problem(
                r.year_line,
                "year",
                msg!(
                    "{y} is outside the contract's term; expected a year from {first} to {last}",
                    "{y} ligger uden for kontraktens løbetid; forventede et år fra {first} til {last}",
                    y = r.year.to_string(),
                    first = first.to_string(),
                    last = last.to_string()
                ),
            ));
        }
        let t = (r.year - first) as usize;
        if let Some(&(_, _, j)) = rows
            .iter()
            .find(|(mm, tt, _): &&(usize, usize, usize)| *mm == m && *tt == t)
        {
            return Err(actuals.problem(
                r.year_line,
                "year",
                msg!(
                    "{name} {y} is given twice (also on line {other}); expected one row per municipality and year",
                    "{name} {y} er angivet to gange (også på linje {other}); forventede en række for hver kommune og år",
                    name = r.municipality.clone(),
                    y = r.year.to_string(),
                    other = actuals.rows[j].line.to_string()
                ),
            ));
        }
        rows.push((m, t, i));
    }
    let years = rows.iter().map(|(_, t, _)| t + 1).max().unwrap_or(0);
    let mut counts = vec![None; names.len() * years];
    for (m, t, i) in &rows {
        let r = &actuals.rows[*i];
        counts[m * years + t] = Some((r.participants, r.completers));
    }
    for (m, name) in names.iter().enumerate() {
        for t in 0..years {
            if counts[m * years + t].is_none() {
                let line = actuals.rows.last().map_or(1, |r| r.line);
                return Err(actuals.problem(
                    line,
                    "municipality",
                    msg!(
                        "{name} has no row for {y}; expected one row per municipality and year from {first} to {upto}",
                        "{name} har ingen række for {y}; forventede en række for hver kommune og år fra {first} til {upto}",
                        name = name.to_string(),
                        y = model.year(t).to_string(),
                        first = first.to_string(),
                        upto = model.year(years - 1).to_string()
                    ),
                ));
            }
        }
    }
    Ok(Observed {
        years,
        counts: counts.into_iter().map(|c| c.unwrap_or_default()).collect(),
        rows,
    })
}

/// The column of `extra` in `actuals`, or the problem naming what is missing.
fn column(
    actuals: &Actuals,
    extra: &Extra,
    why: crate::lang::Message,
) -> Result<usize, InputError> {
    actuals
        .extras
        .iter()
        .position(|e| e == extra)
        .ok_or_else(|| actuals.problem(1, "", why))
}

/// The settlement statement of contract `k` of `model` on `actuals`, with the ledger's base
/// case `base` of that contract for the pre-financing. Errors name the file's line and column.
pub fn statement(
    model: &Model,
    k: usize,
    base: &ContractResult,
    actuals: &Actuals,
) -> Result<Statement, InputError> {
    let c = &model.contracts[k];
    let obs = observed(model, k, actuals)?;
    let h = obs.years;
    let zero = Decimal::ZERO;
    let overflow = || {
        actuals.problem(
            1,
            "",
            msg!(
                "the statement's amounts are too large to settle exactly",
                "opgørelsens beløb er for store til at blive afregnet eksakt"
            ),
        )
    };
    if c.gain_share.is_some() {
        return Err(actuals.problem(
            1,
            "",
            msg!(
                "contract `{name}` has a gain share, which settle cannot yet settle on actual data; expected a contract with a rate card only",
                "kontrakten `{name}` har en gevinstdeling, som settle endnu ikke kan afregne på faktiske tal; forventede en kontrakt med kun en betalingstabel",
                name = c.name.clone()
            ),
        ));
    }
    let on_metric = (c.rate_card.iter())
        .find(|i| (i.trigger.as_ref()).is_some_and(|t| matches!(t.on, TriggerOn::Metric(_))));
    if let Some(item) = on_metric {
        return Err(actuals.problem(
            1,
            "",
            msg!(
                "rate-card item `{key}` of contract `{name}` has a trigger on a metric, which settle cannot yet judge on actual data; expected triggers on an input (measured[INPUT])",
                "betalingsposten `{key}` i kontrakten `{name}` har en udløser på et succesmål, som settle endnu ikke kan vurdere på faktiske tal; forventede udløsere på en antagelse (measured[INPUT])",
                key = item.key.clone(),
                name = c.name.clone()
            ),
        ));
    }
    // Completers of the window's cohorts, per year.
    let nm = model.municipalities.len();
    let mut completers = vec![zero; h];
    for (t, x) in completers.iter_mut().enumerate() {
        if c.cohorts.get(t) == Some(&true) {
            for m in 0..nm {
                *x = x
                    .checked_add(obs.counts[m * h + t].1)
                    .ok_or_else(overflow)?;
            }
        }
    }
    // An extra column's sum over the municipalities per year (window cohorts only, unless
    // `all_years`), and its completer-weighted mean over the window's rows.
    let sum_of = |col: usize, all_years: bool| -> Result<Vec<Decimal>, InputError> {
        let mut out = vec![zero; h];
        for (_, t, i) in &obs.rows {
            if !all_years && c.cohorts.get(*t) != Some(&true) {
                continue;
            }
            if let Some(v) = actuals.rows[*i].extras[col] {
                out[*t] = out[*t].checked_add(v).ok_or_else(overflow)?;
            }
        }
        Ok(out)
    };
    // An extra column's mean over the window's rows of the years before `upto`, weighted by
    // their completers; `None` with no completers that give it.
    let measured = |col: usize, upto: usize| -> Result<Option<Decimal>, InputError> {
        let (mut num, mut den) = (zero, zero);
        for (m, t, i) in &obs.rows {
            if c.cohorts.get(*t) != Some(&true) || *t >= upto {
                continue;
            }
            if let Some(v) = actuals.rows[*i].extras[col] {
                let w = obs.counts[m * h + t].1;
                num = num
                    .checked_add(v.checked_mul(w).ok_or_else(overflow)?)
                    .ok_or_else(overflow)?;
                den = den.checked_add(w).ok_or_else(overflow)?;
            }
        }
        Ok(num.checked_div(den))
    };
    let mut items = Vec::new();
    let mut due = vec![zero; c.rate_card.len() * h];
    for (j, item) in c.rate_card.iter().enumerate() {
        let key = &item.key;
        let units = match item.metric {
            Metric::Completers => completers.clone(),
            Metric::NonMonetary(_) | Metric::Avoided(_) => {
                let col = column(
                    actuals,
                    &Extra::Outcomes(key.clone()),
                    msg!(
                        "rate-card item `{key}` pays on a measured outcome; expected {wanted}",
                        "betalingsposten `{key}` betaler for et målt udfald; forventede {wanted}",
                        key = key.clone(),
                        wanted = actuals.wanted(&Extra::Outcomes(key.clone()))
                    ),
                )?;
                sum_of(col, matches!(item.metric, Metric::Avoided(_)))?
            }
        };
        let trigger = match &item.trigger {
            None => None,
            Some(tr) => {
                let what = &tr.what;
                let col = column(
                    actuals,
                    &Extra::Measured(what.clone()),
                    msg!(
                        "rate-card item `{key}` has a trigger on `{what}`; expected {wanted}",
                        "betalingsposten `{key}` har en udløser på `{what}`; forventede {wanted}",
                        key = key.clone(),
                        what = what.clone(),
                        wanted = actuals.wanted(&Extra::Measured(what.clone()))
                    ),
                )?;
                let Some(value) = measured(col, h)? else {
                    return Err(actuals.problem(
                        1,
                        &format!("measured[{what}]"),
                        msg!(
                            "no completers with a measured value in the contract's cohorts; expected a value on a row with completers",
                            "ingen gennemførende med en målt værdi i kontraktens årgange; forventede en værdi i en række med gennemførende"
                        ),
                    ));
                };
                Some((value, tr.met(value)))
            }
        };
        let mut lagged = vec![zero; h];
        let mut item_due = vec![zero; h];
        let missed = trigger.is_some_and(|(_, met)| !met);
        for t in item.lag..h {
            lagged[t] = units[t - item.lag].max(zero);
            if !missed {
                item_due[t] = item.price.checked_mul(lagged[t]).ok_or_else(overflow)?;
            }
        }
        let mut due_later = zero;
        if !missed {
            // Counted in year y, paid in y + lag: after the statement, within the term.
            let paid_in_term = |y: &usize| y + item.lag >= h && y + item.lag <= c.last_year;
            for (_, u) in units.iter().enumerate().filter(|(y, _)| paid_in_term(y)) {
                let x = item
                    .price
                    .checked_mul((*u).max(zero))
                    .ok_or_else(overflow)?;
                due_later = due_later.checked_add(x).ok_or_else(overflow)?;
            }
        }
        due[j * h..(j + 1) * h].copy_from_slice(&item_due);
        items.push(ItemStatement {
            observed: units.iter().map(|u| (*u).max(zero)).collect(),
            units: lagged,
            due: item_due,
            due_later,
            due_later_within_cap: None,
            trigger,
        });
    }
    // What the investor paid, to the øre, as a statement states it (the rows then add up to
    // their total).
    let invested: Vec<Decimal> = base.invested[..h]
        .iter()
        .map(|x| crate::decimal::round_ore(*x))
        .collect();
    let gain = vec![zero; h];
    let mut paid = vec![zero; h];
    let mut cum = vec![zero; c.rate_card.len()];
    let terms = c.terms::<Decimal>();
    let (end, bound) =
        settle(&terms, &invested, &due, &gain, &mut paid, &mut cum).ok_or_else(overflow)?;
    let account = match terms.return_cap {
        Some(rc) => Some(return_cap_account(rc, &invested, &paid).ok_or_else(overflow)?),
        None => None,
    };
    // What the cap on an item leaves of what its observed units make due later.
    for ((item, cap), cum) in items.iter_mut().zip(&terms.item_caps).zip(&cum) {
        if let Some(cap) = cap {
            let room = cap.checked_sub(*cum).ok_or_else(overflow)?.max(zero);
            if item.due_later > room {
                item.due_later_within_cap = Some(room);
            }
        }
    }
    let term_ended = h == c.last_year + 1;
    let end = term_ended.then_some(end);
    let mut total_due = vec![zero; h];
    for (t, d) in total_due.iter_mut().enumerate() {
        for j in 0..c.rate_card.len() {
            *d = d.checked_add(due[j * h + t]).ok_or_else(overflow)?;
        }
    }
    let mut payers: Vec<(usize, Vec<Decimal>)> = Vec::new();
    for (p, share) in &c.outcome_payers {
        let mut xs = Vec::with_capacity(h);
        for x in &paid {
            xs.push(x.checked_mul(*share).ok_or_else(overflow)?);
        }
        payers.push((*p, xs));
    }
    let mut add_end = |p: usize, x: Decimal| -> Result<(), InputError> {
        let i = match payers.iter().position(|(q, _)| *q == p) {
            Some(i) => i,
            None => {
                payers.push((p, vec![zero; h]));
                payers.len() - 1
            }
        };
        let last = &mut payers[i].1[h - 1];
        *last = last.checked_add(x).ok_or_else(overflow)?;
        Ok(())
    };
    if let Some(e) = &end {
        if let Some((_, p)) = c.floor {
            add_end(p, e.top_up)?;
        }
        if let Some((g, _)) = c.guarantee {
            add_end(g, e.guarantee)?;
        }
    }
    // The payments split over the municipalities by the repayment key on the data.
    let mut window = vec![zero; nm];
    for (m, w) in window.iter_mut().enumerate() {
        for t in (0..h).filter(|&t| c.cohorts.get(t) == Some(&true)) {
            *w = w
                .checked_add(obs.counts[m * h + t].1)
                .ok_or_else(overflow)?;
        }
    }
    let all: Decimal = window.iter().sum();
    let mut by_municipality = Vec::new();
    if all > zero {
        // Each year's payment split by the completers, as a stack's tranches share theirs.
        let mut parts = vec![zero; nm * h];
        for (t, x) in paid.iter().enumerate() {
            split(*x, &window, all, |m| window[m] > zero, &mut parts, h, t).ok_or_else(overflow)?;
        }
        for m in (0..nm).filter(|&m| window[m] > zero) {
            let key = window[m].checked_div(all).ok_or_else(overflow)?;
            by_municipality.push((m, key, parts[m * h..(m + 1) * h].to_vec()));
        }
    }
    let sum = |xs: &[Decimal]| xs.iter().try_fold(zero, |a, b| a.checked_add(*b));
    let total_invested = sum(&invested).ok_or_else(overflow)?;
    let mut total_received = sum(&paid).ok_or_else(overflow)?;
    if let Some(e) = &end {
        total_received = (total_received.checked_add(e.top_up))
            .and_then(|x| x.checked_add(e.guarantee))
            .ok_or_else(overflow)?;
    }
    let received: Vec<Decimal> = match &end {
        Some(e) => (paid.iter().enumerate())
            .map(|(t, x)| match t + 1 == h {
                true => x
                    .checked_add(e.top_up)
                    .and_then(|x| x.checked_add(e.guarantee)),
                false => Some(*x),
            })
            .collect::<Option<_>>()
            .ok_or_else(overflow)?,
        None => paid.clone(),
    };
    let met = gates(c, &completers, &items, actuals, &measured)?;
    let tranches = tranches(c, &invested, &received, met).ok_or_else(overflow)?;
    Ok(Statement {
        contract: k,
        years: h,
        term_ended,
        completers,
        invested,
        items,
        due: total_due,
        paid,
        account,
        bound,
        end,
        payers,
        by_municipality,
        total_invested,
        total_received,
        tranches,
    })
}

//! A settlement statement's capital stack: the tranches' gates judged on the observed years
//! and the waterfall of what the investor side put in and received in them
//! (`docs/model.md`, "Capital stack").

use rust_decimal::Decimal;

use super::{ItemStatement, column};
use crate::input::InputError;
use crate::input::actuals::{Actuals, Extra};
use crate::lang::msg;
use crate::model::contract::stack::{StackTerms, waterfall_parts};
use crate::model::contract::{Contract, Metric, TriggerOn};

/// One tranche of the contract's capital stack in the statement: how the observed years'
/// investment and payments are shared by the waterfall (`docs/model.md`, "Capital stack").
#[derive(Clone, Debug, PartialEq)]
pub struct TrancheStatement {
    /// Per observed year: its part of the investment, of the management fee, and what the
    /// waterfall paid it, to the øre.
    pub invested: Vec<Decimal>,
    pub fee: Vec<Decimal>,
    pub received: Vec<Decimal>,
    /// Whether its gate is met as observed (its units in the observed years before the gate's
    /// year, or the measured input over them); `None` without a gate or before the gate's year
    /// is observed (the tranche has not been called in any observed year).
    pub gate_met: Option<bool>,
}

/// Which gates of `c`'s stack are met as observed, as bits, and which are judged: a gate whose
/// year is observed on the units of its metric (the completers, or the units of a rate-card
/// item that pays on it) observed in the years before, or on the measured input over the
/// window's rows of those years.
pub(super) fn gates(
    c: &Contract,
    completers: &[Decimal],
    items: &[ItemStatement],
    actuals: &Actuals,
    measured: &dyn Fn(usize, usize) -> Result<Option<Decimal>, InputError>,
) -> Result<(u64, u64), InputError> {
    let (mut met, mut judged) = (0u64, 0u64);
    let h = completers.len();
    for (i, tr) in c.stack.iter().enumerate() {
        let Some(g) = &tr.gate else { continue };
        if g.from >= h {
            continue;
        }
        let name = || tr.name.clone();
        let value = match g.when.on {
            TriggerOn::Metric(Metric::Completers) => completers[..g.from].iter().sum(),
            TriggerOn::Metric(m) => {
                let Some(j) = c.rate_card.iter().position(|it| it.metric == m) else {
                    return Err(actuals.problem(
                        1,
                        "",
                        msg!(
                            "the gate of tranche `{name}` is on a metric no rate-card item pays for, which settle cannot count on actual data; expected a gate on completers, on an item's metric or on an input",
                            "betingelsen for tranchen `{name}` er på et succesmål, som ingen betalingspost betaler for, og som settle ikke kan tælle på faktiske tal; forventede en betingelse på gennemførende, på en posts succesmål eller på en antagelse",
                            name = name()
                        ),
                    ));
                };
                items[j].observed[..g.from].iter().sum()
            }
            TriggerOn::Input(_) => {
                let what = &g.when.what;
                let col = column(
                    actuals,
                    &Extra::Measured(what.clone()),
                    msg!(
                        "the gate of tranche `{name}` is on `{what}`; expected {wanted}",
                        "betingelsen for tranchen `{name}` er på `{what}`; forventede {wanted}",
                        name = name(),
                        what = what.clone(),
                        wanted = actuals.wanted(&Extra::Measured(what.clone()))
                    ),
                )?;
                measured(col, g.from)?.ok_or_else(|| {
                    actuals.problem(
                        1,
                        &format!("measured[{what}]"),
                        msg!(
                            "no completers with a measured value before the gate of tranche `{name}`; expected a value on a row with completers",
                            "ingen gennemførende med en målt værdi før betingelsen for tranchen `{name}`; forventede en værdi i en række med gennemførende",
                            name = name()
                        ),
                    )
                })?
            }
        };
        judged |= 1 << i;
        met |= u64::from(g.when.met(value)) << i;
    }
    Ok((met, judged))
}

/// The observed years' waterfall of `c`'s stack over what the investor side put in and
/// received; `None` on an overflow.
pub(super) fn tranches(
    c: &Contract,
    inv: &[Decimal],
    rec: &[Decimal],
    (met, judged): (u64, u64),
) -> Option<Vec<TrancheStatement>> {
    let (n, h) = (c.stack.len(), inv.len());
    if n == 0 {
        return Some(Vec::new());
    }
    let terms = StackTerms::of::<Decimal>(&c.stack, c.management_fee.as_ref(), c.last_year);
    let [put, fee, got] = waterfall_parts(&terms, inv, rec, met)?;
    Some(
        (0..n)
            .map(|i| TrancheStatement {
                invested: put[i * h..(i + 1) * h].to_vec(),
                fee: fee[i * h..(i + 1) * h].to_vec(),
                received: got[i * h..(i + 1) * h].to_vec(),
                gate_met: (judged >> i & 1 == 1).then_some(met >> i & 1 == 1),
            })
            .collect(),
    )
}

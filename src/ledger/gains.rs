//! Non-monetary outcomes in the base case: the units achieved, per year through their profile,
//! and discounted for the cost-effectiveness analysis.
//!
//! ```text
//! units[t]  = per_completer × Σ_{c ≤ t} completers[c] × profile[t − c]
//! units     = Σ_t units[t]                       (within the horizon)
//! pv_units  = Σ_t DF(t) × units[t]               (DF = 1 when not discounted)
//! ```

use rust_decimal::Decimal;

use super::checked::{TooLarge, add, mul};
use super::{Activity, Totals, profile};
use crate::model::Model;

/// A non-monetary outcome: units achieved and what each costs.
#[derive(Clone, Debug, PartialEq)]
pub struct NonMonetaryResult {
    pub name: String,
    pub unit: String,
    /// Sum over the horizon of the units present each year (completers × units per completer,
    /// through the profile; with the default profile, completers × units per completer).
    pub units: Decimal,
    /// The units present in each year (undiscounted).
    pub per_year: Vec<Decimal>,
    /// The units discounted with the scenario's schedule (`units` when not discounted): the
    /// effect `dE` of the cost-effectiveness analysis.
    pub pv_units: Decimal,
    /// Gross cost (all cost lines, undiscounted) per unit.
    pub gross_cost_per_unit: Option<Decimal>,
    /// Public-sector net cost (undiscounted) per unit.
    pub public_net_cost_per_unit: Option<Decimal>,
}

/// Every non-monetary outcome's units, from the activity (`act[m][t]`), the discount factors
/// and the totals.
pub(super) fn results(
    model: &Model,
    act: &[Vec<Activity>],
    df: &[Decimal],
    totals: &Totals,
    public_net_cost: Decimal,
) -> Result<Vec<NonMonetaryResult>, TooLarge> {
    let h = model.horizon;
    let mut completers = vec![Decimal::ZERO; h];
    for row in act {
        for (c, a) in completers.iter_mut().zip(row) {
            *c = add(*c, a.completers)?;
        }
    }
    model
        .non_monetary
        .iter()
        .map(|n| {
            let per = model.base(n.per_completer);
            let shares = profile(model, &n.profile);
            let taps = n.profile.len().min(h);
            let (mut units, mut pv_units) = (Decimal::ZERO, Decimal::ZERO);
            let mut per_year = Vec::with_capacity(h);
            for t in 0..h {
                let mut present = Decimal::ZERO;
                for k in 0..taps.min(t + 1) {
                    present = add(present, mul(completers[t - k], shares[k])?)?;
                }
                let year = mul(present, per)?;
                per_year.push(year);
                units = add(units, year)?;
                let weight = if n.discounted { df[t] } else { Decimal::ONE };
                pv_units = add(pv_units, mul(weight, year)?)?;
            }
            Ok(NonMonetaryResult {
                name: n.name.clone(),
                unit: n.unit.clone(),
                units,
                per_year,
                pv_units,
                gross_cost_per_unit: totals.gross_cost.checked_div(units),
                public_net_cost_per_unit: public_net_cost.checked_div(units),
            })
        })
        .collect()
}

//! The societal perspective's decomposition (`base.society` in JSON): how the budgets' NPV of
//! every payer becomes the society NPV, part by part; as a table and as CSV.

use serde::Serialize;

use super::number::*;
use crate::ledger::Ledger;
use crate::ledger::society::SocietyPart;
use crate::model::Model;

/// The `society` perspective's workings (`docs/model.md`, "The societal perspective").
#[derive(Debug, Serialize)]
pub struct SocietyView {
    /// The net tax factor (nettoafgiftsfaktor) applied to resource and production flows.
    pub net_tax_factor: Num,
    /// The tax distortion factor: `(factor − 1) ×` the public financing need is a loss.
    pub tax_distortion: Num,
    /// Where the two factors come from.
    pub source: String,
    /// Each part, in order: `resource`, `production`, `transfer`, `volunteer_time`, `welfare`,
    /// `tax_distortion`. Their `pv_society` sum to `npv`.
    pub parts: Vec<SocietyPartView>,
    /// The society NPV (as `base.perspectives.society.npv`).
    pub npv: Money,
    /// The NPV of every payer's budget together (as `base.perspectives.all.npv`): the
    /// `pv_budget` of the parts sum to it.
    pub npv_budgets: Money,
    /// The present value of the public financing need: kommune, region and stat's net cost.
    pub pv_financing_need: Money,
    /// Each volunteer time line, with its present value.
    pub volunteer_time: Vec<SocietyLineView>,
    /// Each non-monetary outcome valued for society, with its value and source.
    pub welfare: Vec<WelfareView>,
    /// The ledger's workings, for the workbook.
    #[serde(skip)]
    pub workings: crate::ledger::society::SocietyResult,
}

/// One part of the society NPV.
#[derive(Debug, Serialize)]
pub struct SocietyPartView {
    /// `resource`, `production`, `transfer`, `volunteer_time`, `welfare` or `tax_distortion`.
    #[serde(serialize_with = "part_key")]
    pub part: SocietyPart,
    /// Present value of the part's benefits less costs in the payers' budgets, summed over
    /// every payer; null for a part that is no budget flow.
    pub pv_budget: Option<Money>,
    /// Present value of the part in the society perspective.
    pub pv_society: Money,
}

/// A part by its key in JSON (`volunteer_time`).
fn part_key<S: serde::Serializer>(part: &SocietyPart, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(part.key())
}

/// A volunteer time line.
#[derive(Debug, Serialize)]
pub struct SocietyLineView {
    /// The line's name.
    pub name: String,
    /// Present value of the hours at their value.
    pub pv: Money,
}

/// A non-monetary outcome valued for society.
#[derive(Debug, Serialize)]
pub struct WelfareView {
    /// The outcome's name.
    pub name: String,
    /// Kroner per unit (base case).
    pub per_unit: Money,
    /// Where the value comes from.
    pub source: String,
    /// Present value of the units at the value.
    pub pv: Money,
}

impl SocietyView {
    /// The view of the ledger's society workings.
    pub fn new(model: &Model, ledger: &Ledger) -> SocietyView {
        let s = &ledger.society;
        let npv = |society: bool, name: &str| {
            (model.perspectives.iter().zip(&ledger.perspectives))
                .find(|(p, _)| p.society == society && p.name == name)
                .map(|(_, r)| r.npv)
                .unwrap_or_default()
        };
        SocietyView {
            net_tax_factor: Num(s.net_tax_factor),
            tax_distortion: Num(s.tax_distortion),
            source: s.source.clone(),
            parts: (s.parts.iter())
                .map(|p| SocietyPartView {
                    part: p.part,
                    pv_budget: p.pv_budget.map(Money),
                    pv_society: Money(p.pv_society),
                })
                .collect(),
            npv: Money(npv(true, "society")),
            npv_budgets: Money(npv(false, "all")),
            // The public financing need is the public sector's net cost.
            pv_financing_need: Money(-npv(false, "public")),
            volunteer_time: (s.volunteer_time.iter())
                .map(|l| SocietyLineView {
                    name: l.name.clone(),
                    pv: Money(l.pv),
                })
                .collect(),
            welfare: (s.welfare.iter())
                .map(|w| WelfareView {
                    name: w.name.clone(),
                    per_unit: Money(w.per_unit),
                    source: w.source.clone(),
                    pv: Money(w.pv),
                })
                .collect(),
            workings: s.clone(),
        }
    }

    /// The non-monetary outcomes among `names` that have no welfare value.
    pub fn unvalued<'a>(&self, names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
        names
            .filter(|n| !self.welfare.iter().any(|w| w.name == *n))
            .collect()
    }
}

//! The societal perspective in the base case (`docs/model.md`, "The societal perspective"):
//! every payer's flows by class, valued as society counts them.
//!
//! ```text
//! society[t] = NAF × (resource[t] + production[t])     budget flows at market prices
//!            + 0 × transfer[t]                         transfers net out
//!            − volunteer_time[t] + welfare[t]
//!            − (distortion − 1) × financing_need[t]    financing_need = −net[public, t]
//! ```
//!
//! `resource`, `production` and `transfer` are each class's benefits less costs summed over
//! every payer (grants and contract flows between payers cancel in that sum).

use rust_decimal::Decimal;

use super::checked::{TooLarge, add, mul, sub};
use super::{Flows, Line, LineKind, NonMonetaryResult};
use crate::model::{Model, SocialClass};

/// A part of the society NPV, in the order reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SocietyPart {
    /// Costs and benefits of real resources, times the net tax factor.
    Resource,
    /// Production gained or lost, times the net tax factor.
    Production,
    /// Money moved between citizens and the public: in budgets, not in society.
    Transfer,
    /// Volunteers' time at its value per hour.
    VolunteerTime,
    /// Non-monetary outcomes at their welfare value per unit.
    Welfare,
    /// The loss `(distortion − 1) ×` the public financing need.
    TaxDistortion,
}

impl SocietyPart {
    pub const ALL: [SocietyPart; 6] = [
        SocietyPart::Resource,
        SocietyPart::Production,
        SocietyPart::Transfer,
        SocietyPart::VolunteerTime,
        SocietyPart::Welfare,
        SocietyPart::TaxDistortion,
    ];

    /// The part's key in JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            SocietyPart::Resource => "resource",
            SocietyPart::Production => "production",
            SocietyPart::Transfer => "transfer",
            SocietyPart::VolunteerTime => "volunteer_time",
            SocietyPart::Welfare => "welfare",
            SocietyPart::TaxDistortion => "tax_distortion",
        }
    }

    /// The class of budget flows this part is made of, if any.
    fn class(self) -> Option<SocialClass> {
        match self {
            SocietyPart::Resource => Some(SocialClass::Resource),
            SocietyPart::Production => Some(SocialClass::Production),
            SocietyPart::Transfer => Some(SocialClass::Transfer),
            _ => None,
        }
    }
}

/// One part of the society NPV: what it is in the payers' budgets and what it is for society.
#[derive(Clone, Debug, PartialEq)]
pub struct PartResult {
    pub part: SocietyPart,
    /// Per year, the benefits less costs of the part's budget flows summed over every payer;
    /// `None` for a part that is no budget flow (volunteer time, welfare, distortion).
    pub budget: Option<Vec<Decimal>>,
    pub pv_budget: Option<Decimal>,
    /// Per year, the part's net for society.
    pub society: Vec<Decimal>,
    pub pv_society: Decimal,
}

/// A non-monetary outcome valued for society.
#[derive(Clone, Debug, PartialEq)]
pub struct WelfareLine {
    pub name: String,
    pub per_unit: Decimal,
    pub source: String,
    /// The units present in each year.
    pub units: Vec<Decimal>,
    /// Units in each year times the value per unit.
    pub amounts: Vec<Decimal>,
    /// Their present value.
    pub pv: Decimal,
}

/// A volunteer time line valued for society.
#[derive(Clone, Debug, PartialEq)]
pub struct VolunteerLine {
    pub name: String,
    /// Hours in each year times the value per hour.
    pub amounts: Vec<Decimal>,
    /// Their present value.
    pub pv: Decimal,
}

/// The societal perspective's workings: the factors, the parts and the lines behind them.
#[derive(Clone, Debug, PartialEq)]
pub struct SocietyResult {
    pub net_tax_factor: Decimal,
    pub tax_distortion: Decimal,
    pub source: String,
    /// Every [`SocietyPart`], in order; their `pv_society` sum to the society NPV.
    pub parts: Vec<PartResult>,
    /// Each volunteer time line's value per year.
    pub volunteer_time: Vec<VolunteerLine>,
    pub welfare: Vec<WelfareLine>,
    /// The public financing need per year: `−net[public, t]`.
    pub financing_need: Vec<Decimal>,
    /// The society perspective's flows per year: `costs` (resource and production costs at
    /// market prices, volunteer time, the distortion loss) and `avoided` (resource and
    /// production benefits at market prices, welfare gains).
    pub flows: Vec<Flows>,
}

/// Each year's sum of some lines' amounts.
fn yearly_sum<'a>(
    h: usize,
    lines: impl Iterator<Item = &'a Vec<Decimal>>,
) -> Result<Vec<Decimal>, TooLarge> {
    let mut sum = vec![Decimal::ZERO; h];
    for amounts in lines {
        for (s, a) in sum.iter_mut().zip(amounts) {
            *s = add(*s, *a)?;
        }
    }
    Ok(sum)
}

/// Compute the societal perspective from the ledger's lines (costs and benefits, in model
/// order), every payer's flows per year, the volunteer time lines and the non-monetary units.
pub(super) fn compute(
    model: &Model,
    lines: &[Line],
    by_payer: &[Vec<Flows>],
    volunteer_time: Vec<Line>,
    non_monetary: &[NonMonetaryResult],
    df: &[Decimal],
) -> Result<SocietyResult, TooLarge> {
    let h = model.horizon;
    let naf = model.base(model.society.net_tax_factor);
    let distortion = model.base(model.society.tax_distortion);
    // Each class's costs and benefits per year, over every payer.
    let class_totals = |class: SocialClass| -> Result<_, TooLarge> {
        let costs = (lines.iter().filter(|l| l.kind == LineKind::Cost))
            .zip(&model.costs)
            .filter(|(_, c)| c.class == class);
        let benefits = (lines.iter().filter(|l| l.kind == LineKind::Benefit))
            .zip(&model.outcomes)
            .filter(|(_, o)| o.class == class);
        Ok((
            yearly_sum(h, costs.map(|(l, _)| &l.amounts))?,
            yearly_sum(h, benefits.map(|(l, _)| &l.amounts))?,
        ))
    };
    let pv = |xs: &[Decimal]| {
        (xs.iter().zip(df)).try_fold(Decimal::ZERO, |s, (x, d)| add(s, mul(*x, *d)?))
    };
    let mut welfare = Vec::new();
    for (n, r) in model.non_monetary.iter().zip(non_monetary) {
        if let Some(w) = &n.welfare {
            let per_unit = model.base(w.per_unit);
            let amounts: Vec<Decimal> = (r.per_year.iter())
                .map(|u| mul(*u, per_unit))
                .collect::<Result<_, _>>()?;
            welfare.push(WelfareLine {
                name: n.name.clone(),
                per_unit,
                source: w.source.clone(),
                units: r.per_year.clone(),
                pv: pv(&amounts)?,
                amounts,
            });
        }
    }
    let mut financing_need = vec![Decimal::ZERO; h];
    for p in model.public_payers() {
        for (need, f) in financing_need.iter_mut().zip(&by_payer[p]) {
            *need = sub(*need, f.checked_net()?)?;
        }
    }
    let loss_factor = sub(distortion, Decimal::ONE)?;
    let volunteer_time: Vec<VolunteerLine> = (volunteer_time.into_iter())
        .map(|l| {
            Ok(VolunteerLine {
                pv: pv(&l.amounts)?,
                name: l.name,
                amounts: l.amounts,
            })
        })
        .collect::<Result<_, TooLarge>>()?;
    let volunteers = yearly_sum(h, volunteer_time.iter().map(|l| &l.amounts))?;
    let welfare_gains = yearly_sum(h, welfare.iter().map(|l| &l.amounts))?;
    let mut flows = vec![Flows::default(); h];
    let mut parts: Vec<PartResult> = Vec::new();
    for part in SocietyPart::ALL {
        let class = part
            .class()
            .map(|c| Ok((c, class_totals(c)?)))
            .transpose()?;
        let mut budget = class.as_ref().map(|_| vec![Decimal::ZERO; h]);
        let mut society = vec![Decimal::ZERO; h];
        for t in 0..h {
            // The part's costs and benefits for society in year t.
            let (cost, benefit) = match (part, &class) {
                (_, Some((c, (costs, benefits)))) => {
                    let (cost, benefit) = (costs[t], benefits[t]);
                    if let Some(b) = budget.as_mut() {
                        b[t] = sub(benefit, cost)?;
                    }
                    match c {
                        SocialClass::Transfer => (Decimal::ZERO, Decimal::ZERO),
                        _ => (mul(naf, cost)?, mul(naf, benefit)?),
                    }
                }
                (SocietyPart::VolunteerTime, None) => (volunteers[t], Decimal::ZERO),
                (SocietyPart::Welfare, None) => (Decimal::ZERO, welfare_gains[t]),
                (_, None) => (mul(loss_factor, financing_need[t])?, Decimal::ZERO),
            };
            flows[t].costs = add(flows[t].costs, cost)?;
            flows[t].avoided = add(flows[t].avoided, benefit)?;
            society[t] = sub(benefit, cost)?;
        }
        parts.push(PartResult {
            part,
            pv_budget: budget.as_deref().map(pv).transpose()?,
            budget,
            pv_society: pv(&society)?,
            society,
        });
    }
    Ok(SocietyResult {
        net_tax_factor: naf,
        tax_distortion: distortion,
        source: model.society.source.clone(),
        parts,
        volunteer_time,
        welfare,
        financing_need,
        flows,
    })
}

//! The societal perspective's decomposition (`base.society` in JSON): how the budgets' NPV of
//! every payer becomes the society NPV, part by part; as a table and as CSV.

use comfy_table::Cell;
use serde::Serialize;

use super::csv::{Sheet, money, text};
use super::table::{Say, new_table};
use super::{Money, Num};
use crate::ledger::Ledger;
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
    pub part: &'static str,
    /// Present value of the part's benefits less costs in the payers' budgets, summed over
    /// every payer; null for a part that is no budget flow.
    pub pv_budget: Option<Money>,
    /// Present value of the part in the society perspective.
    pub pv_society: Money,
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
                    part: p.part.key(),
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

/// A part's words: its label in a table (`short`: false) or its name within a sentence.
pub(crate) fn words(part: &str, short: bool, say: Say) -> &'static str {
    let [en, da, en_short, da_short] = match part {
        "resource" => [
            "Resources (× net tax factor)",
            "Ressourcer (× nettoafgiftsfaktor)",
            "resources",
            "ressourcer",
        ],
        "production" => [
            "Production (× net tax factor)",
            "Produktion (× nettoafgiftsfaktor)",
            "production",
            "produktion",
        ],
        "transfer" => [
            "Transfers (net out)",
            "Overførsler (går ud)",
            "transfers",
            "overførsler",
        ],
        "volunteer_time" => [
            "Volunteer time",
            "Frivilligt arbejde",
            "volunteer time",
            "frivilligt arbejde",
        ],
        "welfare" => [
            "Welfare gains",
            "Velfærdsgevinster",
            "welfare gains",
            "velfærdsgevinster",
        ],
        _ => [
            "Tax distortion",
            "Skatteforvridning",
            "tax distortion",
            "skatteforvridning",
        ],
    };
    match (short, say.da()) {
        (false, false) => en,
        (false, true) => da,
        (true, false) => en_short,
        (true, true) => da_short,
    }
}

/// The decomposition as a table: each part in the budgets and for society.
pub fn table(v: &SocietyView, non_monetary: &[String], say: Say) -> String {
    let mut s = String::new();
    let (naf, distortion) = (say.n(v.net_tax_factor.0, 2), say.n(v.tax_distortion.0, 2));
    s.push_str(&if say.da() {
        format!(
            "Samfundsøkonomisk perspektiv (society), nutidsværdi, kr.: nettoafgiftsfaktor {naf}, skatteforvridningsfaktor {distortion}\n"
        )
    } else {
        format!(
            "Societal perspective (society), present value, DKK: net tax factor {naf}, tax distortion factor {distortion}\n"
        )
    });
    let mut table = new_table(
        &[
            if say.da() { "Del" } else { "Part" },
            if say.da() {
                "I budgetterne"
            } else {
                "In the budgets"
            },
            if say.da() {
                "For samfundet"
            } else {
                "For society"
            },
        ],
        1,
    );
    let mut zero = Vec::new();
    for p in &v.parts {
        if p.pv_society.0.is_zero() && p.pv_budget.is_none_or(|m| m.0.is_zero()) {
            zero.push(words(p.part, true, say));
            continue;
        }
        table.add_row(vec![
            Cell::new(words(p.part, false, say)),
            Cell::new(p.pv_budget.map_or_else(|| "-".into(), |m| say.kr(m.0))),
            Cell::new(say.kr(p.pv_society.0)),
        ]);
    }
    table.add_row(vec![
        Cell::new(if say.da() { "Nutidsværdi" } else { "NPV" }),
        Cell::new(say.kr(v.npv_budgets.0)),
        Cell::new(say.kr(v.npv.0)),
    ]);
    s.push_str(&table.to_string());
    s.push('\n');
    if !zero.is_empty() {
        let list = zero.join(", ");
        s.push_str(&if say.da() {
            format!("Nul i dette scenarie: {list}.\n")
        } else {
            format!("Zero in this scenario: {list}.\n")
        });
    }
    let need = say.kr(v.pv_financing_need.0);
    s.push_str(&if say.da() {
        format!(
            "Offentligt finansieringsbehov (nutidsværdi): {need} kr. Kilde: {}\n",
            v.source
        )
    } else {
        format!(
            "Public financing need (present value): {need} DKK. Source: {}\n",
            v.source
        )
    });
    let unvalued = v.unvalued(non_monetary.iter().map(String::as_str));
    if !unvalued.is_empty() {
        let list = unvalued.join(", ");
        s.push_str(&if say.da() {
            format!(
                "Ikke værdisat i kroner: {list}. Gevinsten indgår i omkostningseffektiviteten, ikke i samfundets nutidsværdi.\n"
            )
        } else {
            format!(
                "Not valued in kroner: {list}. The gain counts in the cost-effectiveness, not in society's NPV.\n"
            )
        });
    }
    for w in &v.welfare {
        let value = say.kr(w.per_unit.0);
        s.push_str(&if say.da() {
            format!("{}: {value} kr. pr. enhed. Kilde: {}\n", w.name, w.source)
        } else {
            format!("{}: {value} DKK per unit. Source: {}\n", w.name, w.source)
        });
    }
    s
}

/// The columns of `run --format csv --society`.
pub const CSV_HEADER: [&str; 3] = ["part", "pv_budget", "pv_society"];

/// The decomposition as CSV: one row per part, then `npv`.
pub fn csv(v: &SocietyView) -> String {
    let mut sheet = Sheet::new();
    sheet.push(CSV_HEADER);
    for p in &v.parts {
        sheet.push([
            text(p.part),
            p.pv_budget.as_ref().map(money).unwrap_or_default(),
            money(&p.pv_society),
        ]);
    }
    sheet.push(["npv".into(), money(&v.npv_budgets), money(&v.npv)]);
    sheet.finish()
}

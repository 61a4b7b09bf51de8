//! A contract's capital stack (`docs/scenario-format.md`, `contracts[].stack`).

use super::contracts::Names;
use super::*;
use crate::model::contract::stack::{Gate, ManagementFee, Seniority, StackTranche};
use crate::model::measure::Measurement;

impl Builder<'_> {
    /// The tranches of `stack` at `field`: declared investors, exact shares summing to 1, a
    /// seniority the waterfall knows, gates on a year of the horizon, and at least one tranche
    /// committed from the start.
    pub(super) fn stack(
        &mut self,
        f: FileId,
        stack: &[At<raw::StackTranche>],
        field: &str,
        names: &Names<'_>,
    ) -> Option<Vec<StackTranche>> {
        let mut out = Vec::new();
        let mut ok = true;
        for (i, t) in stack.iter().enumerate() {
            let tf = format!("{field}.stack[{i}]");
            let r = &t.value;
            let investor = self.payer(f, &r.investor, &format!("{tf}.investor"));
            let share = self.exact(f, &r.share, &format!("{tf}.share"), Domain::Share);
            let coupon = match &r.coupon {
                Some(n) => self.exact(f, n, &format!("{tf}.coupon"), Domain::Share),
                None => Some(Decimal::ZERO),
            };
            let gate = match &r.gate {
                Some(g) => self.gate(f, g, &format!("{tf}.gate"), names).map(Some),
                None => Some(None),
            };
            let seniority = Seniority::from_key(&r.seniority.value);
            if seniority.is_none() {
                let got = &r.seniority.value;
                self.err(
                    f,
                    r.seniority.loc,
                    &format!("{tf}.seniority"),
                    msg!(
                        "`{got}` is not a seniority; expected {choices}",
                        "`{got}` er ikke en rang (`seniority`); forventede {choices}",
                        choices = one_of(&Seniority::ORDER.map(Seniority::key)),
                    ),
                );
            }
            if stack[..i]
                .iter()
                .any(|s| s.value.name.value == r.name.value)
            {
                let name = &r.name.value;
                self.err(
                    f,
                    r.name.loc,
                    &format!("{tf}.name"),
                    msg!(
                        "`{name}` names two tranches of the stack; give each its own name",
                        "`{name}` bruges af to trancher i stakken; giv hver sit navn"
                    ),
                );
                ok = false;
            }
            match (investor, share, coupon, seniority, gate) {
                (Some(investor), Some(share), Some(coupon), Some(seniority), Some(gate)) => out
                    .push(StackTranche {
                        name: r.name.value.clone(),
                        investor,
                        share,
                        seniority,
                        coupon,
                        gate,
                    }),
                _ => ok = false,
            }
        }
        let total: Decimal = out.iter().map(|t| t.share).sum();
        if ok && !out.is_empty() && total != Decimal::ONE {
            let at = stack[stack.len() - 1].value.share.loc;
            self.err(
                f,
                at,
                &format!("{field}.stack"),
                msg!(
                    "the tranches' shares sum to {total}; expected 1 (each tranche puts up its share of the investment)",
                    "tranchernes andele summer til {total}; forventede 1 (hver tranche skyder sin andel af investeringen ind)",
                    total = Num(total.normalize()),
                ),
            );
            ok = false;
        }
        if ok && !out.is_empty() && out.iter().all(|t| t.gate.is_some()) {
            self.err(
                f,
                stack[0].loc,
                &format!("{field}.stack"),
                Message::new(
                    "every tranche has a gate, so no one puts up the investment before a gate is met; expected at least one tranche without `gate`",
                    "alle trancher har en betingelse (`gate`), så ingen skyder investeringen ind, før en betingelse er opfyldt; forventede mindst én tranche uden `gate`",
                ),
            );
            ok = false;
        }
        ok.then_some(out)
    }

    /// A tranche's gate at `gf`: a year of the horizon, and a test written as a trigger on the
    /// true value (a gate is the investors' own reading, not a measured payment).
    fn gate(&mut self, f: FileId, g: &At<raw::Gate>, gf: &str, names: &Names<'_>) -> Option<Gate> {
        let from = self.year_in_horizon(f, &g.value.from, &format!("{gf}.from"));
        let when = self.trigger(f, &format!("{gf}.when"), &g.value.when, names);
        if let Some(how) = &g.value.when.value.measured
            && when
                .as_ref()
                .is_some_and(|w| w.measured != Measurement::True)
        {
            self.err(
                f,
                how.loc,
                &format!("{gf}.when.measured"),
                Message::new(
                    "a gate is judged on the value the model has (an input's, or the units counted), not on a measurement; remove `measured:`",
                    "en betingelse (`gate`) vurderes på modellens værdi (en antagelses, eller de talte enheder), ikke på en måling; fjern `measured:`",
                ),
            );
            return None;
        }
        Some(Gate {
            from: from?,
            when: when?,
        })
    }

    /// The contract's management fee: a rate on the capital outstanding, only with a stack.
    pub(super) fn management_fee(
        &mut self,
        f: FileId,
        cc: &raw::Contract,
        field: &str,
    ) -> Option<Option<ManagementFee>> {
        let Some(fee) = &cc.management_fee else {
            return Some(None);
        };
        let ff = format!("{field}.management_fee");
        let rate = self.exact(f, &fee.value.rate, &format!("{ff}.rate"), Domain::Share);
        if cc.stack.is_empty() {
            self.err(
                f,
                fee.loc,
                &ff,
                Message::new(
                    "a management fee is called from the capital stack's tranches, and this contract has no `stack`; add one (one tranche with share 1 for a single investor)",
                    "et forvaltningshonorar opkræves hos kapitalstakkens trancher, og denne aftale har ingen `stack`; tilføj en (én tranche med andel 1 for én investor)",
                ),
            );
            return None;
        }
        Some(Some(ManagementFee {
            manager: fee.value.manager.value.clone(),
            rate: rate?,
        }))
    }
}

//! A contract's capital stack (`docs/scenario-format.md`, `contracts[].stack`).

use super::*;
use crate::model::contract::stack::{Seniority, StackTranche};

impl Builder<'_> {
    /// The tranches of `stack` at `field`: declared investors, exact shares summing to 1, a
    /// seniority the waterfall knows.
    pub(super) fn stack(
        &mut self,
        f: FileId,
        stack: &[At<raw::StackTranche>],
        field: &str,
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
            match (investor, share, coupon, seniority) {
                (Some(investor), Some(share), Some(coupon), Some(seniority)) => {
                    out.push(StackTranche {
                        name: r.name.value.clone(),
                        investor,
                        share,
                        seniority,
                        coupon,
                    })
                }
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
        ok.then_some(out)
    }
}

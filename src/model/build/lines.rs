//! Cost lines and transfers.

use super::*;
use crate::decimal::typed::Meaning;

impl<'a> Builder<'a> {
    pub(super) fn cost(&mut self, sf: FileId, c: &At<raw::Cost>) -> Option<CostLine> {
        let cc = &c.value;
        let field = format!("costs[{}]", cc.name.value);
        let driver = cc.driver.value;
        let quantity = match &cc.quantity {
            Some(q) => self.param(sf, q, &format!("{field}.quantity"), Domain::Count),
            None => Some(Param::Fixed(Decimal::ONE)),
        };
        let unit_cost = self.money(
            sf,
            &cc.unit_cost,
            cc.price_year.as_ref(),
            &format!("{field}.unit_cost"),
        );
        let payer = self.payer(sf, &cc.payer, &format!("{field}.payer"));
        let allocation = if cc.national == Some(true) {
            if cc.municipality.is_some() || cc.shared.is_some() {
                self.err(
                    sf,
                    c.loc,
                    &field,
                    Message::new(
                        "a `national` line belongs to no municipality; remove `municipality` / `shared`",
                        "en `national` linje hører ikke til nogen kommune; fjern `municipality` / `shared`",
                    ),
                );
                None
            } else {
                Some(Allocation::National)
            }
        } else {
            self.allocation(
                sf,
                cc.municipality.as_ref(),
                cc.shared.as_ref(),
                &field,
                c.loc,
                Allocation::Each,
            )
        };
        let capacity = self.capacity(
            sf,
            cc.courses_per_coordinator.as_ref(),
            driver,
            &field,
            c.loc,
        )?;
        let years = self.line_years(sf, cc.years.as_ref(), driver, &field, c.loc)?;
        let class = self.class(sf, cc.class.as_ref(), &format!("{field}.class"))?;
        let (quantity, unit_cost, allocation) = (quantity?, unit_cost?, allocation?);
        self.check_national(
            sf,
            cc.unit_cost.loc,
            &format!("{field}.unit_cost"),
            unit_cost,
            &allocation,
        );
        if let Some(q) = &cc.quantity {
            self.check_national(
                sf,
                q.loc,
                &format!("{field}.quantity"),
                quantity,
                &allocation,
            );
        }
        Some(CostLine {
            origin: self.origin(sf, c.loc),
            name: cc.name.value.clone(),
            driver,
            courses_per_coordinator: capacity,
            quantity,
            unit_cost,
            payer: payer?,
            allocation,
            years,
            class,
            da: super::danish_name(cc.da.as_ref()),
        })
    }

    /// A `per_coordinator` line's courses per coordinator: `Some(None)` for another driver,
    /// `None` after reporting a problem.
    fn capacity(
        &mut self,
        sf: FileId,
        n: Option<&Node>,
        driver: Driver,
        field: &str,
        loc: Loc,
    ) -> Option<Option<Decimal>> {
        let f = format!("{field}.courses_per_coordinator");
        match (n, driver) {
            (Some(n), Driver::PerCoordinator) => {
                let x = self.decimal(sf, n, &f, Some(Meaning::Count))?;
                if x <= Decimal::ZERO {
                    self.err(
                        sf,
                        n.loc,
                        &f,
                        msg!(
                            "found {x}; expected the courses one coordinator runs in a year, a number above 0 (e.g. 6)",
                            "fandt {x}; forventede de forløb, én koordinator kører om året, et tal over 0 (fx 6)"
                        ),
                    );
                    return None;
                }
                Some(Some(x))
            }
            (None, Driver::PerCoordinator) => {
                self.err(
                    sf,
                    loc,
                    &f,
                    Message::new(
                        "a `per_coordinator` line needs `courses_per_coordinator`: the courses one coordinator runs in a year (e.g. 6)",
                        "en `per_coordinator` linje kræver `courses_per_coordinator`: de forløb, én koordinator kører om året (fx 6)",
                    ),
                );
                None
            }
            (Some(n), _) => {
                self.err(
                    sf,
                    n.loc,
                    &f,
                    Message::new(
                        "`courses_per_coordinator` applies to `per_coordinator` lines only",
                        "`courses_per_coordinator` gælder kun linjer med `per_coordinator`",
                    ),
                );
                None
            }
            (None, _) => Some(None),
        }
    }

    /// A line's own years: `Some(None)` when it has none, `None` after reporting a problem.
    pub(super) fn line_years(
        &mut self,
        sf: FileId,
        years: Option<&Node>,
        driver: Driver,
        field: &str,
        loc: Loc,
    ) -> Option<Option<Vec<bool>>> {
        match (years, driver) {
            (Some(y), Driver::PerYear | Driver::OneOff) => {
                Some(Some(self.years(sf, y, &format!("{field}.years"))?))
            }
            (Some(y), _) => {
                self.err(
                    sf,
                    y.loc,
                    &format!("{field}.years"),
                    Message::new(
                        "`years` applies to `per_year` and `one_off` lines only; other drivers follow the courses",
                        "`years` gælder kun linjer med `per_year` og `one_off`; de andre drivere følger forløbene",
                    ),
                );
                None
            }
            (None, Driver::OneOff) => {
                self.err(
                    sf,
                    loc,
                    &format!("{field}.years"),
                    Message::new(
                        "a `one_off` line needs `years`: the calendar year(s) the amount is paid",
                        "en `one_off` linje kræver `years`: det eller de kalenderår, beløbet betales",
                    ),
                );
                None
            }
            (None, _) => Some(None),
        }
    }

    pub(super) fn transfer(&mut self, sf: FileId, t: &At<raw::Transfer>) -> Option<Transfer> {
        let tt = &t.value;
        let field = format!("transfers[{}]", tt.name.value);
        let from = self.payer(sf, &tt.from, &format!("{field}.from"));
        let to = self.payer(sf, &tt.to, &format!("{field}.to"));
        if from.is_some() && from == to {
            self.err(
                sf,
                tt.to.loc,
                &format!("{field}.to"),
                Message::new(
                    "a transfer must move money between two different payers",
                    "en overførsel skal flytte penge mellem to forskellige betalere",
                ),
            );
            return None;
        }
        let amount = self.money(
            sf,
            &tt.amount,
            tt.price_year.as_ref(),
            &format!("{field}.amount"),
        );
        let years = self.years(sf, &tt.years, &format!("{field}.years"));
        let allocation = self.allocation(
            sf,
            tt.municipality.as_ref(),
            tt.shared.as_ref(),
            &field,
            t.loc,
            Allocation::National,
        );
        let (amount, allocation) = (amount?, allocation?);
        self.check_national(
            sf,
            tt.amount.loc,
            &format!("{field}.amount"),
            amount,
            &allocation,
        );
        Some(Transfer {
            origin: self.origin(sf, t.loc),
            name: tt.name.value.clone(),
            from: from?,
            to: to?,
            amount,
            years: years?,
            allocation,
            da: super::danish_name(tt.da.as_ref()),
        })
    }
}

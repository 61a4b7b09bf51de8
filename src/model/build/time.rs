//! Time and discounting: the rates, and the discount factors they give.

use super::*;
use crate::decimal::typed::Meaning;

impl<'a> Builder<'a> {
    pub(super) fn discounting(
        &mut self,
        sf: FileId,
        d: Option<&At<raw::Discounting>>,
    ) -> (Vec<Decimal>, DiscountRule) {
        let h = self.horizon;
        let rate_of = |schedule: &[(usize, Decimal)], k: usize| -> Decimal {
            schedule
                .iter()
                .rev()
                .find(|(from, _)| *from <= k)
                .map(|(_, r)| *r)
                .unwrap_or(Decimal::ZERO)
        };
        let danish = [
            (1usize, Decimal::new(35, 3)),
            (36, Decimal::new(25, 3)),
            (71, Decimal::new(15, 3)),
        ];
        let expand = |schedule: &[(usize, Decimal)]| -> Vec<Decimal> {
            (0..h)
                .map(|k| {
                    if k == 0 {
                        Decimal::ZERO
                    } else {
                        rate_of(schedule, k)
                    }
                })
                .collect()
        };
        let Some(d) = d else {
            return (expand(&danish), DiscountRule::Ministry);
        };
        let rate = |b: &mut Self, n: &Node, field: &str| -> Option<Decimal> {
            let r = b.decimal(sf, n, field, Some(Meaning::Relative))?;
            if r <= Decimal::NEGATIVE_ONE || r >= Decimal::ONE {
                b.err(
                    sf,
                    n.loc,
                    field,
                    msg!(
                        "found {r}; expected a real rate between -1 and 1, e.g. 0.035",
                        "fandt {r}; forventede en real rente mellem -1 og 1, fx 0.035"
                    ),
                );
                return None;
            }
            Some(r)
        };
        match (&d.value.rate, &d.value.schedule) {
            (Some(r), None) => match rate(self, r, "discounting.rate") {
                Some(r) => (expand(&[(1, r)]), DiscountRule::Flat(r)),
                None => (expand(&danish), DiscountRule::Ministry),
            },
            (None, Some(steps)) if !steps.is_empty() => {
                let mut sched = Vec::new();
                for (i, s) in steps.iter().enumerate() {
                    let field = format!("discounting.schedule[{i}]");
                    let from = self.integer(
                        sf,
                        &s.value.from_year,
                        &format!("{field}.from_year"),
                        1,
                        10_000,
                    );
                    let r = rate(self, &s.value.rate, &format!("{field}.rate"));
                    if let (Some(from), Some(r)) = (from, r) {
                        let from = from as usize;
                        if i == 0 && from != 1 {
                            self.err(
                                sf,
                                s.value.from_year.loc,
                                &format!("{field}.from_year"),
                                Message::new(
                                    "the first step must start at year 1 (r(1) discounts year 1 to year 0)",
                                    "det første trin skal begynde i år 1 (r(1) diskonterer år 1 til år 0)",
                                ),
                            );
                        }
                        if sched.last().is_some_and(|(prev, _)| *prev >= from) {
                            self.err(
                                sf,
                                s.value.from_year.loc,
                                &format!("{field}.from_year"),
                                Message::new(
                                    "steps must be in increasing order of from_year",
                                    "trinene skal stå i stigende orden efter from_year",
                                ),
                            );
                        }
                        sched.push((from, r));
                    }
                }
                let rates = expand(&sched);
                (rates, DiscountRule::Schedule(sched))
            }
            _ => {
                self.err(
                    sf,
                    d.loc,
                    "discounting",
                    Message::new(
                        "give either `rate` (one flat rate) or a non-empty `schedule`, not both",
                        "angiv enten `rate` (én fast rente) eller en `schedule` med trin, ikke begge",
                    ),
                );
                (expand(&danish), DiscountRule::Ministry)
            }
        }
    }

    /// Rates near -100% make a future kroner worth millions today; refuse a schedule whose
    /// discount factors exceed [`MAX_DISCOUNT_FACTOR`], so present values stay computable.
    pub(super) fn check_discount_factors(
        &mut self,
        sf: FileId,
        d: Option<&At<raw::Discounting>>,
        rates: &[Decimal],
    ) {
        let (Some(d), None) = (d, discount_factors(rates)) else {
            return;
        };
        let mut df = 1.0f64;
        let year = rates
            .iter()
            .enumerate()
            .skip(1)
            .find_map(|(t, r)| {
                df /= 1.0 + crate::decimal::to_f64(*r);
                (df > crate::decimal::to_f64(MAX_DISCOUNT_FACTOR)).then_some(t)
            })
            .unwrap_or(rates.len() - 1);
        self.err(
            sf,
            d.loc,
            "discounting",
            {
                let year = self.start_year + year as i32;
                msg!(
                    "these rates make a kroner in {year} worth more than 1,000,000 kroner today (discount factor 1 / (1 + r) per year); expected rates that keep every discount factor at most 1,000,000 over the horizon, e.g. a rate above -0.1",
                    "med disse renter er en krone i {year} mere værd end 1.000.000 kroner i dag (diskonteringsfaktor 1 / (1 + r) pr. år); forventede renter, der holder hver diskonteringsfaktor på højst 1.000.000 over tidshorisonten, fx en rente over -0.1"
                )
            },
        );
    }
}

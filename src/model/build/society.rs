//! The societal perspective: the factors, each line's class, volunteer time and welfare values.

use super::*;

impl<'a> Builder<'a> {
    /// The `society:` block, or the Ministry of Finance's factors when there is none.
    pub(super) fn society(&mut self, sf: FileId, s: Option<&At<raw::Society>>) -> Option<Society> {
        let Some(s) = s else {
            return Some(Society {
                net_tax_factor: Param::Fixed(NET_TAX_FACTOR),
                tax_distortion: Param::Fixed(Decimal::ONE),
                source: SOCIETY_SOURCE.into(),
                volunteer_time: Vec::new(),
            });
        };
        let ss = &s.value;
        let factor = |b: &mut Self, n: Option<&Node>, name: &str, default: Decimal| match n {
            None => Some(Param::Fixed(default)),
            Some(n) => {
                let field = format!("society.{name}");
                let p = b.param(sf, n, &field, Domain::Factor)?;
                if b.per_municipality_input(p) {
                    b.err(
                        sf,
                        n.loc,
                        &field,
                        Message::new(
                            "a factor of the societal perspective is one national value; remove `per_municipality`",
                            "en faktor i det samfundsøkonomiske perspektiv er én national værdi; fjern `per_municipality`",
                        ),
                    );
                    return None;
                }
                Some(p)
            }
        };
        let naf = factor(
            self,
            ss.net_tax_factor.as_ref(),
            "net_tax_factor",
            NET_TAX_FACTOR,
        );
        let distortion = factor(
            self,
            ss.tax_distortion.as_ref(),
            "tax_distortion",
            Decimal::ONE,
        );
        let own = ss.net_tax_factor.is_some() || ss.tax_distortion.is_some();
        let source = match (&ss.source, own) {
            (Some(t), _) => t.value.trim().to_owned(),
            (None, false) => SOCIETY_SOURCE.into(),
            (None, true) => {
                self.err(
                    sf,
                    s.loc,
                    "society.source",
                    Message::new(
                        "the scenario gives its own net tax or distortion factor; say where it comes from in `source`",
                        "scenariet angiver sin egen nettoafgiftsfaktor eller skatteforvridningsfaktor; skriv i `source`, hvor den kommer fra",
                    ),
                );
                String::new()
            }
        };
        let volunteer_time: Vec<CostLine> = ss
            .volunteer_time
            .iter()
            .filter_map(|v| self.volunteer_time(sf, v))
            .collect();
        if volunteer_time.len() != ss.volunteer_time.len() {
            return None;
        }
        let names: Vec<&Text> = ss.volunteer_time.iter().map(|v| &v.value.name).collect();
        for (i, n) in names.iter().enumerate() {
            if names[..i].iter().any(|m| m.value == n.value) {
                self.err(sf, n.loc, &format!("society.volunteer_time[{i}].name"), {
                    let name = &n.value;
                    msg!(
                        "`{name}` is used by two volunteer time lines",
                        "`{name}` bruges af to linjer med frivillig tid"
                    )
                });
            }
        }
        Some(Society {
            net_tax_factor: naf?,
            tax_distortion: distortion?,
            source,
            volunteer_time,
        })
    }

    /// A volunteer time line, as a cost line: hours are its quantity, the value per hour its
    /// unit cost.
    fn volunteer_time(&mut self, sf: FileId, v: &At<raw::VolunteerTime>) -> Option<CostLine> {
        let vv = &v.value;
        let field = format!("society.volunteer_time[{}]", vv.name.value);
        let hours = self.param(sf, &vv.hours, &format!("{field}.hours"), Domain::Count);
        let value = self.money(
            sf,
            &vv.value_per_hour,
            vv.price_year.as_ref(),
            &format!("{field}.value_per_hour"),
        );
        if vv.source.value.trim().is_empty() {
            self.err(
                sf,
                vv.source.loc,
                &format!("{field}.source"),
                Message::new(
                    "say where the hours and the value per hour come from",
                    "skriv, hvor timerne og værdien pr. time kommer fra",
                ),
            );
        }
        let allocation = self.allocation(
            sf,
            vv.municipality.as_ref(),
            vv.shared.as_ref(),
            &field,
            v.loc,
            Allocation::Each,
        );
        if vv.driver.value == Driver::PerCoordinator {
            self.err(
                sf,
                vv.driver.loc,
                &format!("{field}.driver"),
                Message::new(
                    "volunteer time is counted per year, course, participant, completer or volunteer trained; `per_coordinator` is for cost lines",
                    "frivillig tid tælles pr. år, forløb, deltager, gennemfører eller uddannet frivillig; `per_coordinator` er for udgiftslinjer",
                ),
            );
            return None;
        }
        let years = self.line_years(sf, vv.years.as_ref(), vv.driver.value, &field, v.loc)?;
        let (hours, value, allocation) = (hours?, value?, allocation?);
        self.check_national(
            sf,
            vv.hours.loc,
            &format!("{field}.hours"),
            hours,
            &allocation,
        );
        self.check_national(
            sf,
            vv.value_per_hour.loc,
            &format!("{field}.value_per_hour"),
            value,
            &allocation,
        );
        Some(CostLine {
            origin: self.origin(sf, v.loc),
            name: vv.name.value.clone(),
            driver: vv.driver.value,
            courses_per_coordinator: None,
            quantity: hours,
            unit_cost: value,
            payer: 0,
            allocation,
            years,
            class: SocialClass::Resource,
            da: Danish::default(),
        })
    }

    /// A cost's or outcome's class: `resource` unless given; `welfare` belongs to non-monetary
    /// outcomes only.
    pub(super) fn class(
        &mut self,
        sf: FileId,
        c: Option<&At<SocialClass>>,
        field: &str,
    ) -> Option<SocialClass> {
        match c {
            None => Some(SocialClass::Resource),
            Some(c) if c.value == SocialClass::Welfare => {
                self.err(
                    sf,
                    c.loc,
                    field,
                    Message::new(
                        "a welfare gain is not a budget flow; expected `resource`, `transfer` or `production` (value a welfare gain with a non-monetary outcome's `welfare_value`)",
                        "en velfærdsgevinst er ikke en budgetstrøm; forventede `resource`, `transfer` eller `production` (værdisæt en velfærdsgevinst med `welfare_value` på en effekt uden pris)",
                    ),
                );
                None
            }
            Some(c) => Some(c.value),
        }
    }

    /// A non-monetary outcome's value per unit for society, with its source.
    pub(super) fn welfare_value(
        &mut self,
        sf: FileId,
        w: &At<raw::WelfareValue>,
        field: &str,
    ) -> Option<WelfareValue> {
        let ww = &w.value;
        let per_unit = self.money(
            sf,
            &ww.per_unit,
            ww.price_year.as_ref(),
            &format!("{field}.per_unit"),
        )?;
        if self.per_municipality_input(per_unit) {
            self.err(
                sf,
                ww.per_unit.loc,
                &format!("{field}.per_unit"),
                Message::new(
                    "a welfare value is one national value; remove `per_municipality`",
                    "en velfærdsværdi er én national værdi; fjern `per_municipality`",
                ),
            );
            return None;
        }
        if ww.source.value.trim().is_empty() {
            self.err(
                sf,
                ww.source.loc,
                &format!("{field}.source"),
                Message::new(
                    "a welfare value needs a source: somsim has no default value of a unit",
                    "en velfærdsværdi kræver en kilde: somsim har ingen standardværdi for en enhed",
                ),
            );
            return None;
        }
        Some(WelfareValue {
            per_unit,
            source: ww.source.value.trim().to_owned(),
        })
    }
}

//! Outcomes (avoided costs, revenues), their profiles, and non-monetary outcomes.

use super::*;

impl<'a> Builder<'a> {
    pub(super) fn outcome(&mut self, sf: FileId, o: &At<raw::Outcome>) -> Option<Outcome> {
        let oo = &o.value;
        let field = format!("outcomes[{}]", oo.name.value);
        let kind = oo.kind.as_ref().map(|k| k.value).unwrap_or_default();
        let baseline = self.param(
            sf,
            &oo.baseline,
            &format!("{field}.baseline"),
            Domain::Count,
        );
        let effect = match (&oo.effect, &oo.gross_effect, &oo.deadweight) {
            (Some(e), None, None) => self
                .param(sf, e, &format!("{field}.effect"), Domain::Effect)
                .map(Effect::Net),
            (None, Some(g), Some(d)) => {
                let gross = self.param(sf, g, &format!("{field}.gross_effect"), Domain::Effect);
                let dw = self.param(sf, d, &format!("{field}.deadweight"), Domain::Share);
                match (gross, dw) {
                    (Some(gross), Some(deadweight)) => Some(Effect::Gross { gross, deadweight }),
                    _ => None,
                }
            }
            (None, Some(_), None) => {
                self.err(
                    sf,
                    o.loc,
                    &format!("{field}.deadweight"),
                    Message::new(
                        "`gross_effect` needs `deadweight` (the share that would have happened anyway); or give the net `effect`",
                        "`gross_effect` kræver `deadweight` (den andel, der ville være sket alligevel); eller angiv nettoeffekten `effect`",
                    ),
                );
                None
            }
            (Some(_), _, _) => {
                self.err(
                    sf,
                    o.loc,
                    &format!("{field}.effect"),
                    Message::new(
                        "give either the net `effect`, or `gross_effect` with `deadweight`, not both",
                        "angiv enten nettoeffekten `effect` eller `gross_effect` med `deadweight`, ikke begge",
                    ),
                );
                None
            }
            (None, None, _) => {
                self.err(sf, o.loc, &format!("{field}.effect"), Message::new(
                    "missing the effect: give the net `effect` (e.g. -0.10), or `gross_effect` with `deadweight`",
                    "effekten mangler: angiv nettoeffekten `effect` (fx -0.10) eller `gross_effect` med `deadweight`",
                ));
                None
            }
        };
        let profile = self.profile(sf, &oo.profile, &format!("{field}.profile"));
        if let Some(p) = &profile {
            for p in profile_params(p) {
                self.check_not_per_muni(sf, oo.profile.loc, &format!("{field}.profile"), p);
            }
        }
        let unit_price = self.money(
            sf,
            &oo.unit_price,
            oo.price_year.as_ref(),
            &format!("{field}.unit_price"),
        );
        let shares = self.payer_shares(sf, &oo.payers, &format!("{field}.payers"));
        let attrition = match &oo.attrition {
            Some(a) => {
                let p = self.param(sf, a, &format!("{field}.attrition"), Domain::Share);
                if let Some(p) = p {
                    self.check_not_per_muni(sf, a.loc, &format!("{field}.attrition"), p);
                }
                p.map(Some)
            }
            None => Some(None),
        };
        let class = self.class(sf, oo.class.as_ref(), &format!("{field}.class"));
        Some(Outcome {
            origin: self.origin(sf, o.loc),
            name: oo.name.value.clone(),
            unit: oo.unit.as_ref().map(|u| u.value.clone()),
            kind,
            baseline: baseline?,
            effect: effect?,
            profile: profile?,
            unit_price: unit_price?,
            shares: shares?,
            attrition: attrition?,
            class: class?,
            da: super::danish_outcome(oo.da.as_ref()),
        })
    }

    pub(super) fn profile(&mut self, f: FileId, n: &Node, field: &str) -> Option<Profile> {
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        match &n.kind {
            Kind::Seq(items) => {
                if items.is_empty() {
                    self.err(
                        f,
                        n.loc,
                        field,
                        Message::new(
                            "expected at least one share (k = 0 is the completion year)",
                            "forventede mindst én andel (k = 0 er året, forløbet gennemføres)",
                        ),
                    );
                    return None;
                }
                let mut out = Vec::new();
                let mut ok = true;
                for (k, item) in items.iter().enumerate() {
                    match self.param(f, item, &format!("{field}[{k}]"), Domain::Share) {
                        Some(p) => out.push(p),
                        None => ok = false,
                    }
                }
                ok.then_some(Profile::List(out))
            }
            Kind::Map(entries) if entries.len() == 1 => {
                let (k, v) = &entries[0];
                let rule = k.key_text(src).unwrap_or_default();
                let fld = format!("{field}.{rule}");
                let (allowed, needs_rate): (&[&str], bool) = match rule.as_str() {
                    "exponential" => (&["initial", "rate", "years"], true),
                    "linear" => (&["initial", "years"], false),
                    other => {
                        self.err(
                            f,
                            k.loc,
                            field,
                            msg!(
                                "unknown profile rule `{other}`; expected a list of shares, `exponential` or `linear`",
                                "ukendt regel for forløbet `{other}`; forventede en liste af andele, `exponential` eller `linear`"
                            ),
                        );
                        return None;
                    }
                };
                let Kind::Map(params) = &v.kind else {
                    self.err(
                        f,
                        v.loc,
                        &fld,
                        msg!(
                            "expected a mapping with {allowed}",
                            "forventede en mapping med {allowed}",
                            allowed = one_of(allowed),
                        ),
                    );
                    return None;
                };
                let mut initial = None;
                let mut rate = None;
                let mut years = None;
                let mut failed = false;
                for (pk, pv) in params {
                    let key = pk.key_text(src).unwrap_or_default();
                    let pf = format!("{fld}.{key}");
                    match key.as_str() {
                        "initial" => initial = self.param(f, pv, &pf, Domain::Share),
                        "rate" if needs_rate => rate = self.param(f, pv, &pf, Domain::Share),
                        "years" => years = self.integer(f, pv, &pf, 1, 100),
                        other => {
                            self.err(
                                f,
                                pk.loc,
                                &fld,
                                msg!(
                                    "unknown key `{other}`; expected {allowed}",
                                    "ukendt nøgle `{other}`; forventede {allowed}",
                                    allowed = one_of(allowed),
                                ),
                            );
                            return None;
                        }
                    }
                    failed |= match key.as_str() {
                        "initial" => initial.is_none(),
                        "rate" => rate.is_none(),
                        _ => years.is_none(),
                    };
                }
                match (rule.as_str(), initial, rate, years) {
                    ("exponential", Some(initial), Some(rate), Some(y)) => {
                        Some(Profile::Exponential {
                            initial,
                            rate,
                            years: y as usize,
                        })
                    }
                    ("linear", Some(initial), _, Some(y)) => Some(Profile::Linear {
                        initial,
                        years: y as usize,
                    }),
                    _ => {
                        if !failed {
                            self.err(
                                f,
                                v.loc,
                                &fld,
                                msg!(
                                    "missing a parameter; expected {allowed}",
                                    "der mangler en parameter; forventede {allowed}",
                                    allowed = one_of(allowed),
                                ),
                            );
                        }
                        None
                    }
                }
            }
            _ => {
                self.err(
                    f,
                    n.loc,
                    field,
                    msg!(
                        "expected a list of shares (e.g. [1.0, 0.5]) or a rule {{exponential: {{initial, rate, years}}}} / {{linear: {{initial, years}}}}; found {found}",
                        "forventede en liste af andele (fx [1.0, 0.5]) eller en regel {{exponential: {{initial, rate, years}}}} / {{linear: {{initial, years}}}}; fandt {found}",
                        found = n.describe(src),
                    ),
                );
                None
            }
        }
    }

    pub(super) fn non_monetary(
        &mut self,
        sf: FileId,
        n: &At<raw::NonMonetary>,
    ) -> Option<NonMonetary> {
        let nn = &n.value;
        let field = format!("non_monetary[{}]", nn.name.value);
        let per = self.param(
            sf,
            &nn.per_completer,
            &format!("{field}.per_completer"),
            Domain::Count,
        )?;
        let profile = match &nn.profile {
            Some(p) => {
                let profile = self.profile(sf, p, &format!("{field}.profile"))?;
                for param in profile_params(&profile) {
                    self.check_not_per_muni(sf, p.loc, &format!("{field}.profile"), param);
                }
                profile
            }
            None => Profile::List(vec![Param::Fixed(Decimal::ONE)]),
        };
        let welfare = match &nn.welfare_value {
            Some(w) => Some(self.welfare_value(sf, w, &format!("{field}.welfare_value"))?),
            None => None,
        };
        Some(NonMonetary {
            origin: self.origin(sf, n.loc),
            name: nn.name.value.clone(),
            unit: nn.unit.value.clone(),
            per_completer: per,
            profile,
            discounted: nn.discounted.unwrap_or(true),
            welfare,
            da: super::danish_outcome(nn.da.as_ref()),
        })
    }

    pub(super) fn check_unique_names(&mut self, sf: FileId, sc: &raw::ScenarioFile) {
        let check = |b: &mut Self, what: &str, names: Vec<&Text>| {
            for (i, n) in names.iter().enumerate() {
                if names[..i].iter().any(|m| m.value == n.value) {
                    let name = &n.value;
                    b.err(
                        sf,
                        n.loc,
                        &format!("{what}[{i}].name"),
                        msg!(
                            "`{name}` is used by two {what}; names identify lines in the ledger and reports",
                            "`{name}` bruges af to punkter under `{what}`; navnene identificerer linjerne i regnskabet og rapporterne"
                        ),
                    );
                }
            }
        };
        check(
            self,
            "costs",
            sc.costs.iter().map(|c| &c.value.name).collect(),
        );
        check(
            self,
            "transfers",
            sc.transfers.iter().map(|c| &c.value.name).collect(),
        );
        check(
            self,
            "outcomes",
            sc.outcomes.iter().map(|c| &c.value.name).collect(),
        );
        check(
            self,
            "non_monetary",
            sc.non_monetary.iter().map(|c| &c.value.name).collect(),
        );
    }
}

/// The numbers a profile is made of (each must be one national value).
fn profile_params(p: &Profile) -> Vec<Param> {
    match p {
        Profile::List(v) => v.clone(),
        Profile::Exponential { initial, rate, .. } => vec![*initial, *rate],
        Profile::Linear { initial, .. } => vec![*initial],
    }
}

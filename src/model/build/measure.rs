//! How a rate-card item or a trigger is measured (`measured:`; `docs/model.md`, "Paying on a
//! measured outcome").

use super::*;
use crate::model::contract::Metric;
use crate::model::measure::{Design, Estimate, Measurement, Register, Size};

/// What a measurement measures: a rate-card item's metric, or a trigger's input.
#[derive(Clone, Copy)]
pub(super) enum Measured<'o> {
    Metric(Metric, &'o [Outcome]),
    Trigger,
}

const DESIGNS: [&str; 4] = ["randomised", "comparison", "pre_post", "register"];

impl Builder<'_> {
    /// `measured:` of an item or a trigger at `field`: `true` (the default), or a map with one
    /// design.
    pub(super) fn measurement(
        &mut self,
        f: FileId,
        n: Option<&Node>,
        field: &str,
        what: Measured<'_>,
    ) -> Option<Measurement> {
        let Some(n) = n else {
            return Some(Measurement::True);
        };
        let f = n.src.unwrap_or(f);
        let field = format!("{field}.measured");
        let src = self.sources.text(f);
        let entries = match &n.kind {
            Kind::Bool(true) => return Some(Measurement::True),
            Kind::Map(e) if e.len() == 1 => e,
            _ => {
                self.err(
                    f,
                    n.loc,
                    &field,
                    msg!(
                        "expected `true` or one design ({designs}), found {found}",
                        "forventede `true` eller ét design ({designs}), fandt {found}",
                        designs = DESIGNS.join(", "),
                        found = n.describe(src),
                    ),
                );
                return None;
            }
        };
        let (k, v) = &entries[0];
        let key = k.key_text(src).unwrap_or_default();
        let design = match key.as_str() {
            "randomised" => Design::Randomised,
            "comparison" => Design::Comparison,
            "pre_post" => Design::PrePost,
            "register" => return self.register_counts(f, v, &format!("{field}.register"), what),
            _ => {
                let names: Vec<String> = DESIGNS.iter().map(|s| s.to_string()).collect();
                let m = find_name(
                    &names,
                    &key,
                    Message::new("design", "design"),
                    Message::new("expected", "forventede"),
                    Message::verbatim(""),
                )
                .err()
                .unwrap_or_else(|| Message::verbatim(""));
                self.err(f, k.loc, &field, m);
                return None;
            }
        };
        let field = format!("{field}.{key}");
        if let Measured::Metric(Metric::Completers, _) = what {
            self.err(
                f,
                k.loc,
                &field,
                Message::new(
                    "completers are counted, not estimated: measure `completers` as `true`, or pay on an outcome",
                    "gennemførte tælles, de skønnes ikke: mål `completers` som `true`, eller betal for en effekt",
                ),
            );
            return None;
        }
        self.estimate(f, v, &field, design, what)
    }

    fn estimate(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
        design: Design,
        what: Measured<'_>,
    ) -> Option<Measurement> {
        let src = self.sources.text(f);
        let Kind::Map(entries) = &n.kind else {
            self.err(
                f,
                n.loc,
                field,
                msg!(
                    "expected a mapping of the design's terms (sd, controls, ...), found {found}",
                    "forventede en mapping med designets vilkår (sd, controls, ...), fandt {found}",
                    found = n.describe(src),
                ),
            );
            return None;
        };
        let mut allowed = vec!["participants", "sd", "dropout", "nonresponse"];
        match design {
            Design::Randomised => allowed.push("controls"),
            Design::Comparison => allowed.extend(["controls", "bias"]),
            Design::PrePost => allowed.push("deadweight"),
        }
        let mut est = Estimate {
            design,
            participants: None,
            controls: None,
            sd: Decimal::ZERO,
            dropout: Decimal::ZERO,
            nonresponse: Decimal::ZERO,
            bias: Decimal::ZERO,
            deadweight: None,
        };
        let (mut ok, mut sd) = (true, false);
        for (k, v) in entries {
            let key = k.key_text(src).unwrap_or_default();
            let kf = format!("{field}.{key}");
            match key.as_str() {
                k2 if !allowed.contains(&k2) => {
                    let names: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
                    let m = find_name(
                        &names,
                        &key,
                        Message::new("term", "vilkår"),
                        Message::new("expected", "forventede"),
                        Message::verbatim(""),
                    )
                    .err()
                    .unwrap_or_else(|| Message::verbatim(""));
                    self.err(f, k.loc, &kf, m);
                    ok = false;
                }
                "participants" => match self.size(f, v, &kf) {
                    Some(s) => est.participants = Some(s),
                    None => ok = false,
                },
                "controls" => match self.size(f, v, &kf) {
                    Some(s) => est.controls = Some(s),
                    None => ok = false,
                },
                "sd" => match self.exact(f, v, &kf, Domain::Count) {
                    Some(d) => (est.sd, sd) = (d, true),
                    None => ok = false,
                },
                "dropout" | "nonresponse" => match self.exact(f, v, &kf, Domain::Share) {
                    Some(d) if d >= Decimal::ONE => {
                        self.err(
                            f,
                            v.loc,
                            &kf,
                            Message::new(
                                "must be below 1 (with 1 nobody is measured)",
                                "skal være under 1 (med 1 måles ingen)",
                            ),
                        );
                        ok = false;
                    }
                    Some(d) if key == "dropout" => est.dropout = d,
                    Some(d) => est.nonresponse = d,
                    None => ok = false,
                },
                "bias" => match self.exact(f, v, &kf, Domain::Effect) {
                    Some(d) => est.bias = d,
                    None => ok = false,
                },
                _ => match self.deadweight(f, v, &kf) {
                    Some(p) => est.deadweight = Some(p),
                    None => ok = false,
                },
            }
        }
        if !sd {
            self.err(
                f,
                n.loc,
                &format!("{field}.sd"),
                Message::new(
                    "missing `sd`: the outcome's standard deviation per person, in the metric's units",
                    "`sd` mangler: udfaldets standardafvigelse pr. person i målets enheder",
                ),
            );
            ok = false;
        }
        if design != Design::PrePost && est.controls.is_none() {
            self.err(
                f,
                n.loc,
                &format!("{field}.controls"),
                Message::new(
                    "missing `controls`: the people in the control or comparison group per cohort (`unlimited` for no sampling noise)",
                    "`controls` mangler: antal personer i kontrol- eller sammenligningsgruppen pr. årgang (`unlimited` for ingen stikprøveusikkerhed)",
                ),
            );
            ok = false;
        }
        if design == Design::PrePost && est.deadweight.is_none() {
            // The outcome's own deadweight, where it gives one.
            est.deadweight = match what {
                Measured::Metric(Metric::Avoided(o), outcomes) => match outcomes[o].effect {
                    Effect::Gross { deadweight, .. } => Some(deadweight),
                    Effect::Net(_) => None,
                },
                _ => None,
            };
            if est.deadweight.is_none() {
                self.err(
                    f,
                    n.loc,
                    &format!("{field}.deadweight"),
                    Message::new(
                        "missing `deadweight`: a pre-post change counts what would have happened anyway; give its share (the outcome gives none)",
                        "`deadweight` mangler: en før-efter-ændring tæller det, der ville være sket alligevel; angiv andelen (effekten angiver ingen)",
                    ),
                );
                ok = false;
            }
        }
        if let Some(p) = est.deadweight {
            // One deadweight for the whole estimate (the kernel reads it nationally).
            if self.per_municipality_input(p) {
                self.check_not_per_muni(f, n.loc, &format!("{field}.deadweight"), p);
                ok = false;
            }
        }
        ok.then_some(Measurement::Estimate(est))
    }

    /// A deadweight share below 1: a number, or an assumption (which may be uncertain).
    fn deadweight(&mut self, f: FileId, n: &Node, field: &str) -> Option<Param> {
        let p = self.param(f, n, field, Domain::Share)?;
        if let Param::Fixed(d) = p
            && d >= Decimal::ONE
        {
            self.err(
                f,
                n.loc,
                field,
                Message::new(
                    "must be below 1 (with 1 the whole change would have happened anyway)",
                    "skal være under 1 (med 1 ville hele ændringen være sket alligevel)",
                ),
            );
            return None;
        }
        Some(p)
    }

    /// A group's size: a count above 0, or `unlimited` (no sampling noise).
    fn size(&mut self, f: FileId, n: &Node, field: &str) -> Option<Size> {
        if matches!(&n.kind, Kind::Str(s) if s == "unlimited") {
            return Some(Size::Unlimited);
        }
        let d = self.exact(f, n, field, Domain::Count)?;
        if d <= Decimal::ZERO {
            self.err(
                f,
                n.loc,
                field,
                Message::new(
                    "must be above 0 (the people measured; `unlimited` for no sampling noise)",
                    "skal være over 0 (de målte personer; `unlimited` for ingen stikprøveusikkerhed)",
                ),
            );
            return None;
        }
        Some(Size::Count(d))
    }

    /// `register: poisson` or `register: {negative_binomial: k}`, for an outcome's units of
    /// use avoided.
    fn register_counts(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
        what: Measured<'_>,
    ) -> Option<Measurement> {
        if !matches!(what, Measured::Metric(Metric::Avoided(_), _)) {
            self.err(
                f,
                n.loc,
                field,
                Message::new(
                    "a register counts use: measure an outcome's units of use avoided this way, not completers, a non-monetary outcome or a trigger",
                    "et register tæller forbrug: mål på denne måde kun enheder af forbrug, som en effekt undgår, ikke gennemførte, en effekt uden pris eller en udløser",
                ),
            );
            return None;
        }
        let src = self.sources.text(f);
        match &n.kind {
            Kind::Str(s) if s == "poisson" => {
                Some(Measurement::Register(Register { dispersion: None }))
            }
            Kind::Map(e)
                if e.len() == 1 && e[0].0.key_text(src).as_deref() == Some("negative_binomial") =>
            {
                let kf = format!("{field}.negative_binomial");
                let k = self.exact(f, &e[0].1, &kf, Domain::Count)?;
                if k <= Decimal::ZERO {
                    self.err(
                        f,
                        e[0].1.loc,
                        &kf,
                        Message::new(
                            "must be above 0 (each person's dispersion k: variance mu + mu^2 / k)",
                            "skal være over 0 (hver persons spredningsparameter k: varians mu + mu^2 / k)",
                        ),
                    );
                    return None;
                }
                Some(Measurement::Register(Register {
                    dispersion: Some(k),
                }))
            }
            _ => {
                self.err(
                    f,
                    n.loc,
                    field,
                    msg!(
                        "expected `poisson` or `{{negative_binomial: k}}`, found {found}",
                        "forventede `poisson` eller `{{negative_binomial: k}}`, fandt {found}",
                        found = n.describe(src),
                    ),
                );
                None
            }
        }
    }
}

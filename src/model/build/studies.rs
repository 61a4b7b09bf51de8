//! Proposed studies (`studies:`): the input each measures, its design, sizes, cost and
//! population.

use super::*;
use crate::decimal::typed::Meaning;

/// The largest study size per arm.
const MAX_STUDY_SIZE: i64 = 1_000_000;

impl<'a> Builder<'a> {
    /// Every study; `None` when one is invalid (each problem is reported).
    pub(super) fn studies(&mut self, sf: FileId, list: &[At<raw::Study>]) -> Option<Vec<Study>> {
        let before = self.problems.list.len();
        let out: Vec<Option<Study>> = list.iter().map(|s| self.study(sf, s)).collect();
        for (i, s) in list.iter().enumerate() {
            let name = &s.value.name;
            if list[..i].iter().any(|t| t.value.name.value == name.value) {
                self.err(sf, name.loc, &format!("studies[{i}].name"), {
                    let name = &name.value;
                    msg!(
                        "study `{name}` is listed twice",
                        "undersøgelsen `{name}` står to gange"
                    )
                });
            }
        }
        if self.problems.list.len() > before {
            return None;
        }
        out.into_iter().collect()
    }

    fn study(&mut self, sf: FileId, s: &At<raw::Study>) -> Option<Study> {
        let ss = &s.value;
        let field = format!("studies[{}]", ss.name.value);
        let measures = self.measured_input(sf, &ss.measures, &format!("{field}.measures"), false);
        let design = self.study_design(sf, &field, ss);
        let n = match &ss.n {
            None => Some(crate::model::DEFAULT_STUDY_SIZES.to_vec()),
            Some(node) => self.study_sizes(sf, node, &format!("{field}.n")),
        };
        let kroner = |b: &mut Self, node: &Node, name: &str| {
            let field = format!("{field}.cost.{name}");
            let d = b.decimal(sf, node, &field, Some(Meaning::Kroner))?;
            if d.is_sign_negative() && !d.is_zero() {
                b.err(
                    sf,
                    node.loc,
                    &field,
                    msg!(
                        "a cost is 0 kroner or more; found {d}",
                        "en udgift er 0 kroner eller mere; fandt {d}"
                    ),
                );
                return None;
            }
            Some(d)
        };
        let fixed = kroner(self, &s.value.cost.value.fixed, "fixed");
        let per = kroner(self, &s.value.cost.value.per_participant, "per_participant");
        let population = match &ss.population {
            None => Some(None),
            Some(p) => self.study_population(sf, &field, p).map(Some),
        };
        Some(Study {
            name: ss.name.value.trim().to_owned(),
            key: ss.name.value.trim().to_owned(),
            measures_name: ss.measures.value.trim().to_owned(),
            da: super::danish_name(ss.da.as_ref()),
            measures: measures?,
            design: design?,
            n: n?,
            fixed_cost: fixed?,
            per_participant_cost: per?,
            population: population?,
            source: ss.source.as_ref().map(|t| t.value.trim().to_owned()),
            origin: self.origin(sf, s.loc),
        })
    }

    /// The named groups of inputs for EVPPI; `None` when one is invalid.
    pub(super) fn evppi_groups(
        &mut self,
        sf: FileId,
        groups: &IndexMap<String, At<Vec<Text>>>,
    ) -> Option<Vec<EvppiGroup>> {
        let before = self.problems.list.len();
        let most = crate::model::MAX_GROUP;
        let mut out = Vec::new();
        for (name, list) in groups {
            let field = format!("evppi_groups[{name}]");
            if list.value.len() < 2 || list.value.len() > most {
                self.err(
                    sf,
                    list.loc,
                    &field,
                    msg!(
                        "a group lists 2 to {most} inputs, found {found}; one input's EVPPI is shown on its own",
                        "en gruppe har 2 til {most} antagelser, fandt {found}; én antagelses EVPPI vises for sig",
                        found = Num(list.value.len()),
                    ),
                );
                continue;
            }
            let mut members: Vec<String> = Vec::new();
            let mut inputs = Vec::new();
            for (k, t) in list.value.iter().enumerate() {
                let path = format!("{field}[{k}]");
                let member = t.value.trim().to_owned();
                if members.contains(&member) {
                    self.err(
                        sf,
                        t.loc,
                        &path,
                        msg!(
                            "`{member}` is listed twice in the group",
                            "`{member}` står to gange i gruppen"
                        ),
                    );
                    continue;
                }
                if let Some(Some(id)) = self.measured_input(sf, t, &path, true) {
                    inputs.push(id);
                }
                members.push(member);
            }
            out.push(EvppiGroup {
                name: name.trim().to_owned(),
                members,
                inputs,
            });
        }
        (self.problems.list.len() == before).then_some(out)
    }

    /// The uncertain input named by `measures`: one the scenario draws, nationally; `Some(None)`
    /// for an assumption that is fixed (in its file, or by `--set`): a study of it is worth 0.
    fn measured_input(
        &mut self,
        sf: FileId,
        t: &Text,
        field: &str,
        per_municipality: bool,
    ) -> Option<Option<InputId>> {
        let name = t.value.trim();
        match self.inputs.iter().position(|i| i.name == name) {
            None if self.defs.contains_key(name) => Some(None),
            Some(id) if self.inputs[id].per_municipality && !per_municipality => {
                self.err(
                    sf,
                    t.loc,
                    field,
                    msg!(
                        "`{name}` is drawn per municipality; a study measures one value for all municipalities, so it can measure only an input drawn once",
                        "`{name}` trækkes for hver kommune; en undersøgelse måler én værdi for alle kommuner, så den kan kun måle en antagelse, der trækkes én gang"
                    ),
                );
                None
            }
            Some(id) => Some(Some(id)),
            None => {
                let names: Vec<&str> = self.inputs.iter().map(|i| i.name.as_str()).collect();
                let known = names
                    .iter()
                    .copied()
                    .chain(self.defs.keys().map(String::as_str));
                let hint = did_you_mean(name, known)
                    .map(|m| msg!(" (did you mean `{m}`?)", " (mente du `{m}`?)"))
                    .unwrap_or_else(|| Message::verbatim(""));
                let choices = one_of(&names);
                self.err(
                    sf,
                    t.loc,
                    field,
                    msg!(
                        "`{name}` is not an uncertain input of this scenario{hint}; expected one of {choices}",
                        "`{name}` er ikke en usikker antagelse i dette scenarie{hint}; forventede en af {choices}",
                        hint = hint,
                        choices = choices,
                    ),
                );
                None
            }
        }
    }

    fn study_design(&mut self, sf: FileId, field: &str, ss: &raw::Study) -> Option<StudyDesign> {
        use raw::StudyOutcome as O;
        let outcome = ss.outcome.value;
        let kind = match outcome {
            O::Normal => "normal",
            O::Binary => "binary",
            O::Count => "count",
        };
        // Fields the design does not use are mistakes, not silently ignored.
        let unused: [(&str, Option<&Node>, bool); 4] = [
            ("sd", ss.sd.as_ref(), outcome == O::Normal),
            ("control", ss.control.as_ref(), outcome != O::Normal),
            (
                "follow_up_years",
                ss.follow_up_years.as_ref(),
                outcome == O::Count,
            ),
            ("dispersion", ss.dispersion.as_ref(), outcome == O::Count),
        ];
        let mut ok = true;
        for (name, node, used) in unused {
            if let (Some(node), false) = (node, used) {
                self.err(
                    sf,
                    node.loc,
                    &format!("{field}.{name}"),
                    msg!(
                        "`{name}` is not used by a `{kind}` study; remove it, or change `outcome`",
                        "`{name}` bruges ikke af en undersøgelse med `{kind}`; fjern det, eller ret `outcome`"
                    ),
                );
                ok = false;
            }
        }
        let mut required = |b: &mut Self, name: &str, node: Option<&Node>, dom: Domain| {
            let Some(node) = node else {
                let what = match (outcome, name) {
                    (O::Normal, _) => Message::new(
                        "one participant's standard deviation, in the unit of the measured input",
                        "én deltagers standardafvigelse, i den målte antagelses enhed",
                    ),
                    (O::Binary, _) => Message::new(
                        "the control arm's proportion, 0 to 1",
                        "kontrolgruppens andel, 0 til 1",
                    ),
                    (O::Count, _) => Message::new(
                        "the control arm's events per participant per year",
                        "kontrolgruppens hændelser pr. deltager pr. år",
                    ),
                };
                b.err(
                    sf,
                    ss.outcome.loc,
                    &format!("{field}.{name}"),
                    msg!(
                        "a `{kind}` study needs `{name}`: {what}",
                        "en undersøgelse med `{kind}` skal have `{name}`: {what}",
                        what = what,
                    ),
                );
                ok = false;
                return None;
            };
            let path = format!("{field}.{name}");
            let p = b.param(sf, node, &path, dom)?;
            if b.per_municipality_input(p) {
                b.err(
                    sf,
                    node.loc,
                    &path,
                    Message::new(
                        "a study's design is one value for all municipalities; remove `per_municipality`",
                        "en undersøgelses design er én værdi for alle kommuner; fjern `per_municipality`",
                    ),
                );
                return None;
            }
            if matches!(p, Param::Fixed(d) if d.is_zero()) && name == "sd" {
                b.err(
                    sf,
                    node.loc,
                    &path,
                    Message::new(
                        "a standard deviation of 0 would make any study exact; give one participant's spread, above 0",
                        "en standardafvigelse på 0 gør enhver undersøgelse eksakt; angiv én deltagers spredning, over 0",
                    ),
                );
                return None;
            }
            Some(p)
        };
        let design = match outcome {
            O::Normal => {
                let sd = required(self, "sd", ss.sd.as_ref(), Domain::Count);
                StudyDesign::Normal { sd: sd? }
            }
            O::Binary => {
                let control = required(self, "control", ss.control.as_ref(), Domain::Share);
                StudyDesign::Binary { control: control? }
            }
            O::Count => {
                let control = required(self, "control", ss.control.as_ref(), Domain::Count);
                let positive = |b: &mut Self, node: Option<&Node>, name: &str| match node {
                    None => Some(None),
                    Some(node) => {
                        let path = format!("{field}.{name}");
                        let d = b.decimal(sf, node, &path, Some(Meaning::Plain))?;
                        if d <= Decimal::ZERO || d > Decimal::ONE_THOUSAND {
                            b.err(
                                sf,
                                node.loc,
                                &path,
                                msg!(
                                    "expected a number above 0 and at most 1000, found {d}",
                                    "forventede et tal over 0 og højst 1000, fandt {d}"
                                ),
                            );
                            return None;
                        }
                        Some(Some(d))
                    }
                };
                let follow = positive(self, ss.follow_up_years.as_ref(), "follow_up_years");
                let dispersion = positive(self, ss.dispersion.as_ref(), "dispersion");
                StudyDesign::Count {
                    control: control?,
                    follow_up_years: follow?.unwrap_or(Decimal::ONE),
                    dispersion: dispersion?,
                }
            }
        };
        ok.then_some(design)
    }

    /// `n`: a list of whole numbers of participants per arm, increasing.
    fn study_sizes(&mut self, sf: FileId, node: &Node, field: &str) -> Option<Vec<u32>> {
        let Kind::Seq(items) = &node.kind else {
            let found = node.describe(self.sources.text(sf));
            self.err(
                sf,
                node.loc,
                field,
                msg!(
                    "expected a list of participants per arm, e.g. [50, 100, 200], found {found}",
                    "forventede en liste med deltagere pr. arm, fx [50, 100, 200], fandt {found}",
                    found = found,
                ),
            );
            return None;
        };
        if items.is_empty() || items.len() > 200 {
            self.err(
                sf,
                node.loc,
                field,
                Message::new(
                    "give from 1 to 200 study sizes",
                    "angiv fra 1 til 200 størrelser af undersøgelsen",
                ),
            );
            return None;
        }
        let mut out: Vec<u32> = Vec::with_capacity(items.len());
        for (k, item) in items.iter().enumerate() {
            let v = self.integer(sf, item, &format!("{field}[{k}]"), 2, MAX_STUDY_SIZE)? as u32;
            if out.last().is_some_and(|prev| *prev >= v) {
                self.err(
                    sf,
                    item.loc,
                    &format!("{field}[{k}]"),
                    Message::new(
                        "list the study sizes in increasing order, each once",
                        "skriv undersøgelsens størrelser i stigende orden, hver én gang",
                    ),
                );
                return None;
            }
            out.push(v);
        }
        Some(out)
    }

    fn study_population(
        &mut self,
        sf: FileId,
        field: &str,
        p: &At<raw::StudyPopulation>,
    ) -> Option<StudyPopulation> {
        let pp = &p.value;
        let path = format!("{field}.population.participants_per_year");
        let per_year = self.decimal(sf, &pp.participants_per_year, &path, Some(Meaning::Count));
        if let Some(d) = per_year
            && d <= Decimal::ZERO
        {
            self.err(
                sf,
                pp.participants_per_year.loc,
                &path,
                msg!(
                    "expected participants a year above 0, found {d}",
                    "forventede deltagere om året over 0, fandt {d}"
                ),
            );
            return None;
        }
        let years = self.integer(sf, &pp.years, &format!("{field}.population.years"), 1, 100);
        Some(StudyPopulation {
            participants_per_year: per_year?,
            years: years? as u32,
        })
    }
}

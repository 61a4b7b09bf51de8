//! Places and roll-out: municipalities, their courses, the roll-out table, and how a line is
//! allocated to them.

use super::*;
use crate::decimal::typed::{self, Meaning};

impl<'a> Builder<'a> {
    /// The scenario's `course` defaults, each validated once (not once per municipality).
    pub(super) fn course_defaults(
        &mut self,
        sf: FileId,
        course: Option<&At<raw::CourseParams>>,
    ) -> CourseDefaults {
        let Some(c) = course.map(|c| &c.value) else {
            return CourseDefaults::default();
        };
        let one = |b: &mut Self, n: &Option<Node>, key: &str, dom: Domain| {
            n.as_ref()
                .map(|n| b.series(sf, n, &format!("course.{key}"), dom))
        };
        CourseDefaults {
            stop: c.stop.as_ref().map(|s| self.stop(sf, s, "course.stop")),
            participants_per_course: one(
                self,
                &c.participants_per_course,
                "participants_per_course",
                Domain::Count,
            ),
            completion_rate: one(self, &c.completion_rate, "completion_rate", Domain::Share),
            peers_per_course: one(self, &c.peers_per_course, "peers_per_course", Domain::Count),
            volunteer_turnover: one(
                self,
                &c.volunteer_turnover,
                "volunteer_turnover",
                Domain::Share,
            ),
        }
    }

    pub(super) fn municipality(
        &mut self,
        sf: FileId,
        i: usize,
        m: &At<raw::Municipality>,
        defaults: &CourseDefaults,
        needs_volunteers: bool,
        courses: Option<Series>,
    ) -> Option<Municipality> {
        let mm = &m.value;
        let name = mm.name.value.trim().to_owned();
        let field = format!("municipalities[{i}]");
        if name.is_empty() {
            self.err(
                sf,
                mm.name.loc,
                &format!("{field}.name"),
                Message::new(
                    "a municipality needs a name",
                    "en kommune skal have et navn",
                ),
            );
        }
        let field = format!("municipalities[{name}]");
        let courses = match courses {
            Some(c) => Some(c),
            None => self.series(sf, &mm.courses, &format!("{field}.courses"), Domain::Count),
        };
        // A municipality's own value, else the scenario's `course` default (validated once,
        // in `course_defaults`), else zero or a "missing" error.
        let pick = |b: &mut Self,
                    own: &Option<Node>,
                    shared: &Option<Option<Series>>,
                    key: &str,
                    dom: Domain,
                    required: bool|
         -> Option<Series> {
            if let Some(n) = own {
                return b.series(sf, n, &format!("{field}.{key}"), dom);
            }
            if let Some(default) = shared {
                return default.clone();
            }
            if required {
                b.err(
                    sf,
                    m.loc,
                    &format!("{field}.{key}"),
                    msg!(
                        "missing `{key}`: give it under `course:` for every municipality, or for this one",
                        "`{key}` mangler: angiv det under `course:` for alle kommuner eller for denne"
                    ),
                );
                return None;
            }
            Some(Series(vec![Param::Fixed(Decimal::ZERO); b.horizon]))
        };
        let participants = pick(
            self,
            &mm.participants_per_course,
            &defaults.participants_per_course,
            "participants_per_course",
            Domain::Count,
            true,
        );
        let completion = pick(
            self,
            &mm.completion_rate,
            &defaults.completion_rate,
            "completion_rate",
            Domain::Share,
            true,
        );
        let direct = match &mm.volunteers_trained {
            Some(n) => {
                Some(self.series(sf, n, &format!("{field}.volunteers_trained"), Domain::Count)?)
            }
            None => None,
        };
        let derive = needs_volunteers && direct.is_none();
        let peers = pick(
            self,
            &mm.peers_per_course,
            &defaults.peers_per_course,
            "peers_per_course",
            Domain::Count,
            derive,
        );
        let turnover = pick(
            self,
            &mm.volunteer_turnover,
            &defaults.volunteer_turnover,
            "volunteer_turnover",
            Domain::Share,
            derive,
        );
        let stop = match (&mm.stop, &defaults.stop) {
            (Some(own), _) => Some(self.stop(sf, own, &format!("{field}.stop"))?),
            (None, Some(shared)) => Some(shared.clone()?),
            (None, None) => None,
        };
        Some(Municipality {
            stop,
            name,
            courses: courses?,
            participants_per_course: participants?,
            completion_rate: completion?,
            peers_per_course: peers?,
            volunteer_turnover: turnover?,
            volunteers_trained: direct,
            size: None,
            target_group: (mm.target_group.as_ref())
                .and_then(|n| {
                    self.decimal(
                        sf,
                        n,
                        &format!("{field}.target_group"),
                        Some(Meaning::Count),
                    )
                })
                .filter(|x| !x.is_sign_negative()),
        })
    }

    /// The (name, population) rows of a roll-out table, after `only`.
    pub(super) fn rollout_rows(
        &mut self,
        sf: FileId,
        r: &At<raw::Rollout>,
        table: FileId,
    ) -> Vec<(String, Decimal)> {
        let text = self.sources.text(table);
        let field = "rollout.table";
        let at_line = |line: u64| Loc {
            line: line as u32,
            col: 1,
            span: None,
        };
        // "CSV UTF-8" from Excel starts with a byte-order mark; a Danish Excel export
        // separates with `;` (the comma is the decimal mark there).
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let header_line = text.lines().next().unwrap_or_default();
        let delimiter = if header_line.contains(';') && !header_line.contains(',') {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let cols: Vec<String> = match reader.headers() {
            Ok(h) if !h.iter().all(str::is_empty) => h.iter().map(str::to_lowercase).collect(),
            _ => {
                self.err(
                    table,
                    Loc::default(),
                    field,
                    Message::new(
                        "the table is empty; expected a header row with `name` and `population`",
                        "tabellen er tom; forventede en overskriftsrække med `name` og `population`",
                    ),
                );
                return Vec::new();
            }
        };
        if let Some((i, c)) = (cols.iter().enumerate()).find(|(i, c)| cols[..*i].contains(c)) {
            self.err(
                table,
                at_line(1),
                field,
                {
                    let (first, second) = (cols.iter().position(|x| x == c).map_or(0, |j| j + 1), i + 1);
                    msg!(
                        "the header names the column `{c}` twice (columns {first} and {second}); give each column once",
                        "overskriften nævner kolonnen `{c}` to gange (kolonne {first} og {second}); nævn hver kolonne én gang"
                    )
                },
            );
            return Vec::new();
        }
        let (Some(ni), Some(pi)) = (
            cols.iter().position(|c| c == "name"),
            cols.iter().position(|c| c == "population"),
        ) else {
            self.err(
                table,
                at_line(1),
                field,
                msg!(
                    "expected columns `name` and `population`; found {cols}",
                    "forventede kolonnerne `name` og `population`; fandt {cols}",
                    cols = one_of(&cols),
                ),
            );
            return Vec::new();
        };
        let mut rows: Vec<(String, Decimal)> = Vec::new();
        let mut names = std::collections::HashSet::new();
        let mut data_rows = 0;
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    self.err(
                        table,
                        at_line(line),
                        field,
                        msg!(
                            "cannot read the row: {e}",
                            "rækken kan ikke læses (CSV-læserens besked: {e})"
                        ),
                    );
                    continue;
                }
            };
            let loc = at_line(record.position().map_or(0, |p| p.line()));
            if record.iter().all(str::is_empty) {
                continue;
            }
            data_rows += 1;
            if data_rows > MAX_MUNICIPALITIES {
                self.err(
                    table,
                    loc,
                    field,
                    msg!(
                        "more than {most} rows; a scenario has at most {most} municipalities",
                        "mere end {most} rækker; et scenarie har højst {most} kommuner",
                        most = crate::lang::Grouped(MAX_MUNICIPALITIES),
                    ),
                );
                return Vec::new();
            }
            if let Some(cell) = record.iter().find(|c| c.chars().any(char::is_control)) {
                self.err(
                    table,
                    loc,
                    field,
                    {
                        let cell = format!("{cell:?}");
                        msg!(
                            "the cell {cell} holds a control character (a NUL byte or similar); save the table as plain text",
                            "cellen {cell} indeholder et kontroltegn (en NUL-byte eller lignende); gem tabellen som almindelig tekst"
                        )
                    },
                );
                continue;
            }
            if record
                .iter()
                .map(str::to_lowercase)
                .eq(cols.iter().cloned())
            {
                self.err(
                    table,
                    loc,
                    field,
                    Message::new(
                        "the header row is repeated here; a table has one header, on its first line",
                        "overskriftsrækken gentages her; en tabel har én overskrift, i første linje",
                    ),
                );
                continue;
            }
            let (Some(name), Some(pop)) = (record.get(ni), record.get(pi)) else {
                self.err(table, loc, field, {
                    let (want, found) = (cols.len(), record.len());
                    msg!(
                        "expected {want} columns, found {found}",
                        "forventede {want} kolonner, fandt {found}"
                    )
                });
                continue;
            };
            let name = name.to_owned();
            if name == NATIONAL {
                self.err(
                    table,
                    loc,
                    field,
                    msg!(
                        "`{NATIONAL}` names the rows of lines that belong to no municipality; give the municipality another name",
                        "`{NATIONAL}` er navnet på rækkerne for linjer, der ikke hører til nogen kommune; giv kommunen et andet navn"
                    ),
                );
                continue;
            }
            match typed::read(pop, Meaning::Whole) {
                Ok(p) if p >= Decimal::ZERO && p <= values::MAX_NUMBER => {
                    if !names.insert(name.clone()) {
                        self.err(
                            table,
                            loc,
                            field,
                            msg!("`{name}` is listed twice", "`{name}` står to gange"),
                        );
                    } else {
                        rows.push((name, p));
                    }
                }
                Ok(_) => self.err(
                    table,
                    loc,
                    field,
                    msg!(
                        "population of `{name}`: found `{pop}`; expected a whole number of residents, 0 or more",
                        "indbyggertal for `{name}`: fandt `{pop}`; forventede et helt antal indbyggere, 0 eller flere"
                    ),
                ),
                // A habit (`100.000`, `1.234`) is named with the number to write; other text
                // is not a number at all.
                Err(e) if typed::parse(pop).is_ok() || typed::separators(pop).is_some() => {
                    self.err(
                        table,
                        loc,
                        field,
                        msg!(
                            "population of `{name}`: {e}",
                            "indbyggertal for `{name}`: {e}",
                            e = e,
                        ),
                    )
                }
                Err(_) => self.err(
                    table,
                    loc,
                    field,
                    msg!(
                        "population of `{name}`: expected a whole number of residents, found `{pop}`",
                        "indbyggertal for `{name}`: forventede et helt antal indbyggere, fandt `{pop}`"
                    ),
                ),
            }
        }
        if !r.value.only.is_empty() {
            let names: Vec<String> = rows.iter().map(|(n, _)| n.clone()).collect();
            for o in &r.value.only {
                if !names.contains(&o.value) {
                    let hint = did_you_mean(&o.value, names.iter().map(String::as_str))
                        .map_or(Message::verbatim(""), |s| {
                            msg!("; did you mean `{s}`?", "; mente du `{s}`?")
                        });
                    let name = &o.value;
                    self.err(
                        sf,
                        o.loc,
                        "rollout.only",
                        msg!(
                            "`{name}` is not in the table{hint}",
                            "`{name}` står ikke i tabellen{hint}",
                            hint = hint,
                        ),
                    );
                }
            }
            rows.retain(|(n, _)| r.value.only.iter().any(|o| o.value == *n));
        }
        if data_rows == 0 {
            self.err(
                sf,
                r.value.table.loc,
                field,
                Message::new(
                    "the roll-out table has no municipalities; expected one row per municipality under the header",
                    "udrulningstabellen har ingen kommuner; forventede én række pr. kommune under overskriften",
                ),
            );
        }
        let listed: std::collections::HashSet<String> = self.munis.iter().cloned().collect();
        for (n, _) in &rows {
            if listed.contains(n) {
                self.err(
                    sf,
                    r.value.table.loc,
                    field,
                    msg!(
                        "`{n}` is both listed under `municipalities` and in the roll-out table",
                        "`{n}` står både under `municipalities` og i udrulningstabellen"
                    ),
                );
            }
        }
        rows
    }

    /// The municipalities of a roll-out, sharing one parsed scale and sizing inputs.
    pub(super) fn rollout(
        &mut self,
        sf: FileId,
        r: &At<raw::Rollout>,
        rows: &[(String, Decimal)],
        defaults: &CourseDefaults,
        needs_volunteers: bool,
    ) -> Vec<Municipality> {
        let rr = &r.value;
        let scale = self.series(sf, &rr.scale, "rollout.scale", Domain::Count);
        let adult = self.param(sf, &rr.adult_share, "rollout.adult_share", Domain::Share);
        let rate = self.param(
            sf,
            &rr.courses_per_10000_adults,
            "rollout.courses_per_10000_adults",
            Domain::Count,
        );
        let (Some(scale), Some(adult_share), Some(per_10000_adults)) = (scale, adult, rate) else {
            return Vec::new();
        };
        let first = self.munis.len() - rows.len();
        let mut out = Vec::with_capacity(rows.len());
        for (k, (name, population)) in rows.iter().enumerate() {
            let raw_muni = At {
                value: raw::Municipality {
                    name: At {
                        value: name.clone(),
                        loc: r.loc,
                        def: r.loc,
                    },
                    courses: rr.scale.clone(),
                    participants_per_course: None,
                    completion_rate: None,
                    peers_per_course: None,
                    volunteer_turnover: None,
                    volunteers_trained: None,
                    target_group: None,
                    stop: None,
                },
                loc: r.loc,
                def: r.loc,
            };
            let Some(mut m) = self.municipality(
                sf,
                first + k,
                &raw_muni,
                defaults,
                needs_volunteers,
                Some(scale.clone()),
            ) else {
                // The course defaults are missing or wrong: reported once, for the first.
                return out;
            };
            m.size = Some(Sizing {
                population: *population,
                adult_share,
                per_10000_adults,
            });
            out.push(m);
        }
        out
    }

    pub(super) fn muni_id(&mut self, f: FileId, t: &Text, field: &str) -> Option<MuniId> {
        let found = find_name(
            &self.munis,
            &t.value,
            Message::new("municipality", "kommune"),
            Message::new(
                "the scenario's municipalities are",
                "scenariets kommuner er",
            ),
            Message::verbatim(""),
        );
        found.map_err(|m| self.err(f, t.loc, field, m)).ok()
    }

    /// `municipality`, `shared`, or (when neither is given) `otherwise`.
    pub(super) fn allocation(
        &mut self,
        f: FileId,
        municipality: Option<&Text>,
        shared: Option<&Node>,
        field: &str,
        loc: Loc,
        otherwise: Allocation,
    ) -> Option<Allocation> {
        match (municipality, shared) {
            (Some(_), Some(_)) => {
                self.err(
                    f,
                    loc,
                    field,
                    Message::new(
                        "give either `municipality` or `shared`, not both",
                        "angiv enten `municipality` eller `shared`, ikke begge",
                    ),
                );
                None
            }
            (Some(m), None) => self
                .muni_id(f, m, &format!("{field}.municipality"))
                .map(Allocation::One),
            (None, Some(s)) => {
                let f = s.src.unwrap_or(f);
                let key = self.shares(f, s, &format!("{field}.shared"))?;
                let mut out = Vec::new();
                let mut ok = true;
                for (name, kloc, share) in key {
                    let t = At {
                        value: name,
                        loc: kloc,
                        def: kloc,
                    };
                    match self.muni_id(f, &t, &format!("{field}.shared")) {
                        Some(id) => out.push((id, share)),
                        None => ok = false,
                    }
                }
                ok.then_some(Allocation::Shared(out))
            }
            (None, None) => Some(otherwise),
        }
    }

    pub(super) fn per_municipality_input(&self, p: Param) -> bool {
        matches!(p, Param::Input { id, .. } if self.inputs[id].per_municipality)
    }

    /// Effect profiles and attrition describe how effects last, for everyone alike: they may
    /// be uncertain but not vary per municipality.
    pub(super) fn check_not_per_muni(&mut self, f: FileId, loc: Loc, field: &str, p: Param) {
        if self.per_municipality_input(p) {
            self.err(
                f,
                loc,
                field,
                Message::new(
                    "profiles and attrition cannot vary per municipality (they describe how effects last, for everyone alike); remove `per_municipality`",
                    "forløb (`profile`) og frafald (`attrition`) kan ikke variere mellem kommunerne (de beskriver, hvor længe effekterne varer, ens for alle); fjern `per_municipality`",
                ),
            );
        }
    }

    /// Inputs that vary per municipality need a municipality to vary over.
    pub(super) fn check_national(
        &mut self,
        f: FileId,
        loc: Loc,
        field: &str,
        p: Param,
        alloc: &Allocation,
    ) {
        if !matches!(alloc, Allocation::One(_) | Allocation::Each) && self.per_municipality_input(p)
        {
            self.err(
                f,
                loc,
                field,
                Message::new(
                    "this input varies per municipality, but the line is shared or national; give it one value, or split the line per municipality",
                    "denne antagelse varierer mellem kommunerne, men linjen er fælles eller national; giv den én værdi, eller del linjen op pr. kommune",
                ),
            );
        }
    }
}

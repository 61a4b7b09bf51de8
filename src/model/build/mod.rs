//! Building a [`Model`] from loaded files: every check, every reference, every conversion.
//!
//! `values` reads numbers and distributions; `assumptions` resolves named assumptions and
//! price years; this file checks the scenario's structure.

mod assumptions;
mod values;

use assumptions::Def;
use values::Domain;

use std::collections::BTreeMap;

use indexmap::IndexMap;
use rust_decimal::Decimal;

use super::*;
use crate::decimal::parse_exact;
use crate::input::diag::{Problems, did_you_mean, one_of};
use crate::input::raw;
use crate::input::{At, FileId, Kind, Loc, Node, Sources, Text};

/// The `course` defaults: per field, absent (`None`), given but invalid and already reported
/// (`Some(None)`), or valid.
#[derive(Default)]
struct CourseDefaults {
    participants_per_course: Option<Option<Series>>,
    completion_rate: Option<Option<Series>>,
    peers_per_course: Option<Option<Series>>,
    volunteer_turnover: Option<Option<Series>>,
}

/// The builder: the files being validated, and what has been resolved from them so far.
struct B<'a> {
    sources: &'a Sources,
    problems: Problems,
    start_year: i32,
    horizon: usize,
    price_year: i32,
    payers: Vec<String>,
    munis: Vec<String>,
    defs: IndexMap<String, Def<'a>>,
    inputs: Vec<Input>,
    conversions: Vec<Conversion>,
    price_index: Option<(String, FileId, BTreeMap<i32, Decimal>)>,
    assumptions_used: Vec<AssumptionUse>,
}

pub(super) fn build(loaded: &crate::input::Loaded) -> Result<Model, InputError> {
    let sf = loaded.scenario_file;
    let sc = &loaded.scenario;
    let mut b = B::new(&loaded.sources);

    // Time: everything else depends on it, so stop here if it is wrong.
    let start = b.integer(sf, &sc.start_year, "start_year", 1900, 2200);
    let horizon = b.integer(sf, &sc.horizon, "horizon", 1, 100);
    let price_year = b.integer(sf, &sc.price_year, "price_year", 1900, 2200);
    let (Some(start), Some(horizon), Some(price_year)) = (start, horizon, price_year) else {
        return Err(b.problems.into_error());
    };
    b.start_year = start as i32;
    b.horizon = horizon as usize;
    b.price_year = price_year as i32;

    b.declare_payers(sf, &sc.payers);
    let perspectives = b.perspectives(sf, &sc.perspectives);
    b.load_price_index(&loaded.assumption_files);
    b.load_assumptions(&loaded.assumption_files);
    b.apply_overrides(sf, &sc.overrides);
    let (discount_rates, discounting) = b.discounting(sf, sc.discounting.as_ref());
    b.check_discount_factors(sf, sc.discounting.as_ref(), &discount_rates);
    let attrition = match &sc.attrition {
        Some(n) => {
            let p = b.param(sf, n, "attrition", Domain::Share);
            if let Some(p) = p {
                b.check_not_per_muni(sf, n.loc, "attrition", p);
            }
            p
        }
        None => Some(Param::Fixed(Decimal::ZERO)),
    };

    b.munis = sc
        .municipalities
        .iter()
        .map(|m| m.value.name.value.clone())
        .collect();
    let table_rows = match (&sc.rollout, loaded.rollout_table) {
        (Some(r), Some(table)) => b.rollout_rows(sf, r, table),
        _ => Vec::new(),
    };
    b.munis
        .extend(table_rows.iter().map(|(name, _)| name.clone()));
    let mut seen = std::collections::HashSet::new();
    for (i, m) in sc.municipalities.iter().enumerate() {
        if !seen.insert(m.value.name.value.as_str()) {
            b.err(
                sf,
                m.value.name.loc,
                &format!("municipalities[{i}].name"),
                format!("municipality `{}` is listed twice", m.value.name.value),
            );
        }
    }
    if b.munis.is_empty() && sc.rollout.is_none() {
        let text = b.sources.text(sf);
        let line = text
            .lines()
            .position(|l| l.starts_with("municipalities:"))
            .map_or(0, |i| i as u32 + 1);
        b.problems.push(
            b.sources,
            sf,
            Loc {
                line,
                col: u32::from(line > 0),
                span: None,
            },
            "municipalities",
            "the scenario has no municipalities; list at least one under `municipalities:` (or add a `rollout:` table)",
        );
    }
    let needs_volunteers = sc
        .costs
        .iter()
        .any(|c| c.value.driver.value == Driver::PerVolunteerTrained);
    let defaults = b.course_defaults(sf, sc.course.as_ref());
    let mut municipalities = Vec::new();
    for (i, m) in sc.municipalities.iter().enumerate() {
        if let Some(mm) = b.municipality(sf, i, m, &defaults, needs_volunteers, None) {
            municipalities.push(mm);
        }
    }
    if let Some(r) = &sc.rollout {
        municipalities.extend(b.rollout(sf, r, &table_rows, &defaults, needs_volunteers));
    }
    let costs: Vec<CostLine> = sc.costs.iter().filter_map(|c| b.cost(sf, c)).collect();
    let transfers: Vec<Transfer> = sc
        .transfers
        .iter()
        .filter_map(|t| b.transfer(sf, t))
        .collect();
    let outcomes: Vec<Outcome> = sc
        .outcomes
        .iter()
        .filter_map(|o| b.outcome(sf, o))
        .collect();
    let non_monetary: Vec<NonMonetary> = sc
        .non_monetary
        .iter()
        .filter_map(|n| b.non_monetary(sf, n))
        .collect();
    b.check_unique_names(sf, sc);

    let Some(attrition) = attrition else {
        return Err(b.problems.into_error());
    };
    let model = Model {
        validated: Validated,
        files: loaded.sources.paths().map(Path::to_path_buf).collect(),
        name: sc.name.value.clone(),
        description: sc.description.as_ref().map(|d| d.value.trim().to_owned()),
        file: loaded.sources.path(sf).display().to_string(),
        start_year: b.start_year,
        horizon: b.horizon,
        price_year: b.price_year,
        payers: b.payers.clone(),
        perspectives,
        discount_rates,
        discounting,
        attrition,
        municipalities,
        costs,
        transfers,
        outcomes,
        non_monetary,
        inputs: std::mem::take(&mut b.inputs),
        conversions: std::mem::take(&mut b.conversions),
        price_index: b.price_index.as_ref().map(|p| p.0.clone()),
        assumptions: std::mem::take(&mut b.assumptions_used),
    };
    b.problems.into_result(model)
}

/// Check an assumption file on its own: every entry, distribution and price index. Returns the
/// number of assumptions it defines (with its includes).
pub(super) fn check_assumptions(
    sources: &Sources,
    files: &[(FileId, raw::AssumptionFile)],
) -> Result<usize, InputError> {
    let mut b = B::new(sources);
    b.load_price_index(files);
    b.load_assumptions(files);
    let n = b.defs.len();
    b.problems.into_result(n)
}

/// The position of `value` in `names`, or a message naming the likely typo and the choices.
fn find_name(
    names: &[String],
    value: &str,
    what: &str,
    choices: &str,
    tail: &str,
) -> Result<usize, String> {
    if let Some(i) = names.iter().position(|n| n == value) {
        return Ok(i);
    }
    let hint = did_you_mean(value, names.iter().map(String::as_str))
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default();
    Err(format!(
        "unknown {what} `{value}`; {hint}{choices} {}{tail}",
        one_of(names)
    ))
}

impl<'a> B<'a> {
    pub(super) fn new(sources: &'a Sources) -> B<'a> {
        B {
            sources,
            problems: Problems::default(),
            start_year: 0,
            horizon: 0,
            price_year: 0,
            payers: BUILTIN_PAYERS.iter().map(|s| s.to_string()).collect(),
            munis: Vec::new(),
            defs: IndexMap::new(),
            inputs: Vec::new(),
            conversions: Vec::new(),
            price_index: None,
            assumptions_used: Vec::new(),
        }
    }

    pub(super) fn err(&mut self, f: FileId, loc: Loc, field: &str, msg: impl Into<String>) {
        self.problems.push(self.sources, f, loc, field, msg);
    }

    pub(super) fn origin(&self, f: FileId, loc: Loc) -> String {
        format!("{}:{}", self.sources.path(f).display(), loc.line)
    }

    pub(super) fn last_year(&self) -> i32 {
        self.start_year + self.horizon as i32 - 1
    }

    pub(super) fn declare_payers(&mut self, sf: FileId, declared: &[Text]) {
        for (i, p) in declared.iter().enumerate() {
            let name = p.value.trim();
            let field = format!("payers[{i}]");
            if name.is_empty() {
                self.err(sf, p.loc, &field, "a payer needs a name");
            } else if ["public", "all"].contains(&name) {
                self.err(
                    sf,
                    p.loc,
                    &field,
                    format!("`{name}` is the name of a built-in perspective, not a payer"),
                );
            } else if self.payers.iter().any(|q| q == name) {
                let msg = if BUILTIN_PAYERS.contains(&name) {
                    format!("`{name}` is built in; declare only other payers")
                } else {
                    format!("payer `{name}` is declared twice")
                };
                self.err(sf, p.loc, &field, msg);
            } else {
                self.payers.push(name.to_owned());
            }
        }
    }

    pub(super) fn payer(&mut self, f: FileId, t: &Text, field: &str) -> Option<PayerId> {
        let found = find_name(
            &self.payers,
            &t.value,
            "payer",
            "expected",
            " (declare other payers under `payers:`)",
        );
        found.map_err(|m| self.err(f, t.loc, field, m)).ok()
    }

    pub(super) fn perspectives(
        &mut self,
        sf: FileId,
        extra: &IndexMap<String, Vec<Text>>,
    ) -> Vec<Perspective> {
        let n = self.payers.len();
        let mut out = vec![
            Perspective {
                name: "kommune".into(),
                payers: vec![0],
            },
            Perspective {
                name: "region".into(),
                payers: vec![1],
            },
            Perspective {
                name: "stat".into(),
                payers: vec![2],
            },
            Perspective {
                name: "public".into(),
                payers: vec![0, 1, 2],
            },
            Perspective {
                name: "all".into(),
                payers: (0..n).collect(),
            },
        ];
        for (name, payers) in extra {
            let field = format!("perspectives.{name}");
            let loc = payers.first().map(|p| p.loc).unwrap_or_default();
            if out.iter().any(|p| p.name == *name) {
                self.err(
                    sf,
                    loc,
                    &field,
                    format!("`{name}` is a built-in perspective"),
                );
                continue;
            }
            if payers.is_empty() {
                self.err(sf, loc, &field, "a perspective needs at least one payer");
                continue;
            }
            let mut ids = Vec::new();
            for (i, p) in payers.iter().enumerate() {
                if let Some(id) = self.payer(sf, p, &format!("{field}[{i}]")) {
                    if ids.contains(&id) {
                        self.err(
                            sf,
                            p.loc,
                            &format!("{field}[{i}]"),
                            format!("payer `{}` is listed twice", p.value),
                        );
                    }
                    ids.push(id);
                }
            }
            out.push(Perspective {
                name: name.clone(),
                payers: ids,
            });
        }
        out
    }

    pub(super) fn discounting(
        &mut self,
        sf: FileId,
        d: Option<&At<raw::Discounting>>,
    ) -> (Vec<Decimal>, String) {
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
            return (
                expand(&danish),
                "Danish Ministry of Finance schedule (real): 3.5% years 1-35, 2.5% years 36-70, 1.5% after".into(),
            );
        };
        let rate = |b: &mut Self, n: &Node, field: &str| -> Option<Decimal> {
            let r = b.decimal(sf, n, field)?;
            if r <= Decimal::NEGATIVE_ONE || r >= Decimal::ONE {
                b.err(
                    sf,
                    n.loc,
                    field,
                    format!("found {r}; expected a real rate between -1 and 1, e.g. 0.035"),
                );
                return None;
            }
            Some(r)
        };
        match (&d.value.rate, &d.value.schedule) {
            (Some(r), None) => match rate(self, r, "discounting.rate") {
                Some(r) => (
                    expand(&[(1, r)]),
                    format!("flat real rate {}%", (r * Decimal::ONE_HUNDRED).normalize()),
                ),
                None => (expand(&danish), String::new()),
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
                            self.err(sf, s.value.from_year.loc, &format!("{field}.from_year"), "the first step must start at year 1 (r(1) discounts year 1 to year 0)");
                        }
                        if sched.last().is_some_and(|(prev, _)| *prev >= from) {
                            self.err(
                                sf,
                                s.value.from_year.loc,
                                &format!("{field}.from_year"),
                                "steps must be in increasing order of from_year",
                            );
                        }
                        sched.push((from, r));
                    }
                }
                let text = sched
                    .iter()
                    .map(|(from, r)| {
                        format!(
                            "{}% from year {from}",
                            (r * Decimal::ONE_HUNDRED).normalize()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                (expand(&sched), format!("schedule (real): {text}"))
            }
            _ => {
                self.err(
                    sf,
                    d.loc,
                    "discounting",
                    "give either `rate` (one flat rate) or a non-empty `schedule`, not both",
                );
                (expand(&danish), String::new())
            }
        }
    }

    /// Rates near -100% make a future kroner worth millions today; refuse a schedule whose
    /// discount factors exceed [`MAX_DISCOUNT_FACTOR`], so present values stay computable.
    fn check_discount_factors(
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
            format!(
                "these rates make a kroner in {} worth more than 1,000,000 kroner today (discount factor 1 / (1 + r) per year); expected rates that keep every discount factor at most 1,000,000 over the horizon, e.g. a rate above -0.1",
                self.start_year + year as i32,
            ),
        );
    }

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
                "a municipality needs a name",
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
                    format!("missing `{key}`: give it under `course:` for every municipality, or for this one"),
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
        Some(Municipality {
            name,
            courses: courses?,
            participants_per_course: participants?,
            completion_rate: completion?,
            peers_per_course: peers?,
            volunteer_turnover: turnover?,
            volunteers_trained: direct,
            size: None,
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
                    "the table is empty; expected a header row with `name` and `population`",
                );
                return Vec::new();
            }
        };
        let (Some(ni), Some(pi)) = (
            cols.iter().position(|c| c == "name"),
            cols.iter().position(|c| c == "population"),
        ) else {
            self.err(
                table,
                at_line(1),
                field,
                format!(
                    "expected columns `name` and `population`; found {}",
                    one_of(&cols)
                ),
            );
            return Vec::new();
        };
        let mut rows: Vec<(String, Decimal)> = Vec::new();
        let mut names = std::collections::HashSet::new();
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    self.err(
                        table,
                        at_line(line),
                        field,
                        format!("cannot read the row: {e}"),
                    );
                    continue;
                }
            };
            let loc = at_line(record.position().map_or(0, |p| p.line()));
            if record.iter().all(str::is_empty) {
                continue;
            }
            let (Some(name), Some(pop)) = (record.get(ni), record.get(pi)) else {
                self.err(
                    table,
                    loc,
                    field,
                    format!("expected {} columns, found {}", cols.len(), record.len()),
                );
                continue;
            };
            let name = name.to_owned();
            match parse_exact(pop) {
                Ok(p) if p >= Decimal::ZERO && p.fract().is_zero() && p <= values::MAX_NUMBER => {
                    if !names.insert(name.clone()) {
                        self.err(table, loc, field, format!("`{name}` is listed twice"));
                    } else {
                        rows.push((name, p));
                    }
                }
                _ => self.err(
                    table,
                    loc,
                    field,
                    format!(
                        "population of `{name}`: expected a whole number of residents, found `{pop}`"
                    ),
                ),
            }
        }
        if !r.value.only.is_empty() {
            let names: Vec<String> = rows.iter().map(|(n, _)| n.clone()).collect();
            for o in &r.value.only {
                if !names.contains(&o.value) {
                    let hint = did_you_mean(&o.value, names.iter().map(String::as_str))
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    self.err(
                        sf,
                        o.loc,
                        "rollout.only",
                        format!("`{}` is not in the table{hint}", o.value),
                    );
                }
            }
            rows.retain(|(n, _)| r.value.only.iter().any(|o| o.value == *n));
        }
        if rows.is_empty() && self.problems.list.is_empty() {
            self.err(
                sf,
                r.value.table.loc,
                field,
                "the roll-out table has no municipalities; expected one row per municipality under the header",
            );
        }
        let listed: std::collections::HashSet<String> = self.munis.iter().cloned().collect();
        for (n, _) in &rows {
            if listed.contains(n) {
                self.err(
                    sf,
                    r.value.table.loc,
                    field,
                    format!(
                        "`{n}` is both listed under `municipalities` and in the roll-out table"
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
            "municipality",
            "the scenario's municipalities are",
            "",
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
                    "give either `municipality` or `shared`, not both",
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
                "profiles and attrition cannot vary per municipality (they describe how effects last, for everyone alike); remove `per_municipality`",
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
                "this input varies per municipality, but the line is shared or national; give it one value, or split the line per municipality",
            );
        }
    }

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
                self.err(sf, c.loc, &field, "a `national` line belongs to no municipality; remove `municipality` / `shared`");
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
        let years = match (&cc.years, driver) {
            (Some(y), Driver::PerYear | Driver::OneOff) => {
                Some(self.years(sf, y, &format!("{field}.years"))?)
            }
            (Some(y), _) => {
                self.err(sf, y.loc, &format!("{field}.years"), "`years` applies to `per_year` and `one_off` lines only; other drivers follow the courses");
                return None;
            }
            (None, Driver::OneOff) => {
                self.err(
                    sf,
                    c.loc,
                    &format!("{field}.years"),
                    "a `one_off` line needs `years`: the calendar year(s) the amount is paid",
                );
                return None;
            }
            (None, _) => None,
        };
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
            quantity,
            unit_cost,
            payer: payer?,
            allocation,
            years,
        })
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
                "a transfer must move money between two different payers",
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
        })
    }

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
                self.err(sf, o.loc, &format!("{field}.deadweight"), "`gross_effect` needs `deadweight` (the share that would have happened anyway); or give the net `effect`");
                None
            }
            (Some(_), _, _) => {
                self.err(
                    sf,
                    o.loc,
                    &format!("{field}.effect"),
                    "give either the net `effect`, or `gross_effect` with `deadweight`, not both",
                );
                None
            }
            (None, None, _) => {
                self.err(sf, o.loc, &format!("{field}.effect"), "missing the effect: give the net `effect` (e.g. -0.10), or `gross_effect` with `deadweight`");
                None
            }
        };
        let profile = self.profile(sf, &oo.profile, &format!("{field}.profile"));
        if let Some(p) = &profile {
            let params: Vec<Param> = match p {
                Profile::List(v) => v.clone(),
                Profile::Exponential { initial, rate, .. } => vec![*initial, *rate],
                Profile::Linear { initial, .. } => vec![*initial],
            };
            for p in params {
                self.check_not_per_muni(sf, oo.profile.loc, &format!("{field}.profile"), p);
            }
        }
        let unit_price = self.money(
            sf,
            &oo.unit_price,
            oo.price_year.as_ref(),
            &format!("{field}.unit_price"),
        );
        let shares = self
            .shares(sf, &oo.payers, &format!("{field}.payers"))
            .and_then(|key| {
                let mut out = Vec::new();
                let mut ok = true;
                for (name, loc, s) in key {
                    let t = At {
                        value: name,
                        loc,
                        def: loc,
                    };
                    match self.payer(sf, &t, &format!("{field}.payers")) {
                        Some(p) => out.push((p, s)),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            });
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
                        "expected at least one share (k = 0 is the completion year)",
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
                        self.err(f, k.loc, field, format!("unknown profile rule `{other}`; expected a list of shares, `exponential` or `linear`"));
                        return None;
                    }
                };
                let Kind::Map(params) = &v.kind else {
                    self.err(
                        f,
                        v.loc,
                        &fld,
                        format!("expected a mapping with {}", one_of(allowed)),
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
                                format!("unknown key `{other}`; expected {}", one_of(allowed)),
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
                                format!("missing a parameter; expected {}", one_of(allowed)),
                            );
                        }
                        None
                    }
                }
            }
            _ => {
                self.err(f, n.loc, field, format!("expected a list of shares (e.g. [1.0, 0.5]) or a rule {{exponential: {{initial, rate, years}}}} / {{linear: {{initial, years}}}}; found {}", n.describe(src)));
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
        Some(NonMonetary {
            name: nn.name.value.clone(),
            unit: nn.unit.value.clone(),
            per_completer: per,
        })
    }

    pub(super) fn check_unique_names(&mut self, sf: FileId, sc: &raw::ScenarioFile) {
        let check = |b: &mut Self, what: &str, names: Vec<&Text>| {
            for (i, n) in names.iter().enumerate() {
                if names[..i].iter().any(|m| m.value == n.value) {
                    b.err(sf, n.loc, &format!("{what}[{i}].name"), format!("`{}` is used by two {what}; names identify lines in the ledger and reports", n.value));
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
    }
}

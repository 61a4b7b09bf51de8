//! Building a [`Model`] from loaded files: every check, every reference, every conversion.
//!
//! [`build`] is the table of contents: it reads the scenario section by section, one file
//! each: `time` (discounting), `parties` (payers and perspectives), `places` (municipalities,
//! the roll-out table, allocation), `lines` (cost lines and transfers), `outcomes`,
//! `society` (the societal perspective's factors, classes and volunteer time). Values
//! within them are read by `values` (numbers, series, domains) and `distributions`; named
//! assumptions and price years by `assumptions`.

mod assumptions;
mod budget;
mod contracts;
mod correlations;
mod distributions;
mod lines;
mod measure;
mod outcomes;
mod parties;
mod places;
mod series;
mod society;
mod stack;
mod stop;
mod studies;
mod time;
mod trigger;
mod values;

use assumptions::Def;
use values::Domain;
pub(super) use values::read_node;

use std::collections::BTreeMap;

use indexmap::IndexMap;
use rust_decimal::Decimal;

use super::*;
use crate::input::diag::{Problems, did_you_mean, one_of};
use crate::input::raw;
use crate::input::{At, FileId, Kind, Loc, Node, Sources, Text};
use crate::lang::{Message, Num, msg};

/// The `course` defaults: per field, absent (`None`), given but invalid and already reported
/// (`Some(None)`), or valid.
#[derive(Default)]
struct CourseDefaults {
    /// `course.stop`, validated once: `None` when not given, `Some(None)` when invalid.
    stop: Option<Option<Stop>>,
    participants_per_course: Option<Option<Series>>,
    completion_rate: Option<Option<Series>>,
    peers_per_course: Option<Option<Series>>,
    volunteer_turnover: Option<Option<Series>>,
}

/// The builder: the files being validated, and what has been resolved from them so far.
struct Builder<'a> {
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
    price_index_da: Danish,
    /// The `price_projection` of the assumption files, when one has it.
    projection: Option<budget::LoadedProjection>,
    /// The scenario's price year is past the price index (reported once, at its line).
    unindexed: bool,
    assumptions_used: Vec<AssumptionUse>,
    /// Numbers read before their meaning is known (see [`Builder::decimal`]).
    written: Vec<values::Written>,
}

pub(super) fn build(loaded: &crate::input::Loaded) -> Result<Model, InputError> {
    let sf = loaded.scenario_file;
    let sc = &loaded.scenario;
    let mut b = Builder::new(&loaded.sources);

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
    if let Some((f, cf)) = &loaded.contract_file {
        b.declare_payers(*f, &cf.payers);
    }
    let perspectives = b.perspectives(sf, &sc.perspectives);
    b.load_price_index(&loaded.assumption_files);
    b.load_price_projection(&loaded.assumption_files);
    b.unindexed = b.check_price_year(sf, &sc.price_year);
    let budget = sc.budget.as_ref().and_then(|bg| b.budget(sf, bg));
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
    if b.munis.len() > MAX_MUNICIPALITIES {
        b.err(
            sf,
            Loc::default(),
            "municipalities",
            msg!(
                "{n} municipalities (listed and from the roll-out table); a scenario has at most {most}",
                "{n} kommuner (i listen og fra udrulningstabellen); et scenarie har højst {most}",
                n = Num(b.munis.len()),
                most = Num(MAX_MUNICIPALITIES),
            ),
        );
        return Err(b.problems.into_error());
    }
    let mut seen = std::collections::HashSet::new();
    for (i, m) in sc.municipalities.iter().enumerate() {
        if m.value.name.value == NATIONAL {
            b.err(
                sf,
                m.value.name.loc,
                &format!("municipalities[{i}].name"),
                msg!(
                    "`{NATIONAL}` names the rows of lines that belong to no municipality (a national secretariat, say); give the municipality another name",
                    "`{NATIONAL}` er navnet på rækkerne for linjer, der ikke hører til nogen kommune (fx et nationalt sekretariat); giv kommunen et andet navn"
                ),
            );
        }
        if !seen.insert(m.value.name.value.as_str()) {
            b.err(
                sf,
                m.value.name.loc,
                &format!("municipalities[{i}].name"),
                {
                    let name = &m.value.name.value;
                    msg!(
                        "municipality `{name}` is listed twice",
                        "kommunen `{name}` står to gange"
                    )
                },
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
            Message::new(
                "the scenario has no municipalities; list at least one under `municipalities:` (or add a `rollout:` table)",
                "scenariet har ingen kommuner; skriv mindst én under `municipalities:` (eller tilføj en udrulningstabel under `rollout:`)",
            ),
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
    // Lines written but refused (their problem already reported): a contract naming one is
    // not told the name is unknown.
    let refused: Vec<String> = (sc.costs.iter().map(|c| c.value.name.value.trim()))
        .filter(|n| !costs.iter().any(|c| c.name == *n))
        .chain(
            (sc.outcomes.iter().map(|o| o.value.name.value.trim()))
                .filter(|n| !outcomes.iter().any(|o| o.name == *n)),
        )
        .chain(
            (sc.non_monetary.iter().map(|o| o.value.name.value.trim()))
                .filter(|n| !non_monetary.iter().any(|o| o.name == *n)),
        )
        .map(str::to_owned)
        .collect();
    let names = contracts::Names {
        costs: &costs,
        outcomes: &outcomes,
        non_monetary: &non_monetary,
        refused: &refused,
    };
    let scenario_contracts = sc.contracts.iter().map(|c| (sf, c));
    let file_contracts = loaded
        .contract_file
        .iter()
        .flat_map(|(f, cf)| cf.contracts.iter().map(move |c| (*f, c)));
    let all_contracts: Vec<(FileId, &At<raw::Contract>)> =
        scenario_contracts.chain(file_contracts).collect();
    let contracts: Vec<Contract> = all_contracts
        .iter()
        .filter_map(|(f, c)| b.contract(*f, c, &names))
        .collect();
    b.check_contracts(&all_contracts, &contracts, &costs);
    let correlation = b.correlations(sf, &sc.correlations);
    let society = b.society(sf, sc.society.as_ref());
    let studies = b.studies(sf, &sc.studies);
    let evppi_groups = b.evppi_groups(sf, &sc.evppi_groups);

    let (Some(attrition), Some(correlation), Some(society), Some(studies), Some(evppi_groups)) =
        (attrition, correlation, society, studies, evppi_groups)
    else {
        return Err(b.problems.into_error());
    };
    let model = Model {
        validated: Validated,
        files: loaded.sources.paths().map(Path::to_path_buf).collect(),
        name: match &loaded.contract_file {
            Some((_, cf)) => cf.name.as_ref().map_or_else(
                || {
                    let names: Vec<&str> = cf
                        .contracts
                        .iter()
                        .map(|c| c.value.name.value.as_str())
                        .collect();
                    format!("{}, with {}", sc.name.value, names.join(", "))
                },
                |n| n.value.clone(),
            ),
            None => sc.name.value.clone(),
        },
        da: contract_title_da(loaded, sc),
        description: loaded
            .contract_file
            .as_ref()
            .and_then(|(_, cf)| cf.description.as_ref())
            .or(sc.description.as_ref())
            .map(|d| d.value.trim().to_owned()),
        file: loaded
            .sources
            .path(loaded.contract_file.as_ref().map_or(sf, |(f, _)| *f))
            .display()
            .to_string(),
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
        contracts,
        society,
        studies,
        evppi_groups,
        inputs: std::mem::take(&mut b.inputs),
        correlation,
        conversions: std::mem::take(&mut b.conversions),
        price_index: b.price_index.as_ref().map(|p| p.0.clone()),
        price_index_da: b.price_index_da.clone(),
        part_of: b.part_of(),
        budget,
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
    let mut b = Builder::new(sources);
    b.load_price_index(files);
    b.load_price_projection(files);
    b.load_assumptions(files);
    let n = b.defs.len();
    b.problems.into_result(n)
}

/// The position of `value` in `names`, or a message naming the likely typo and the choices:
/// "unknown `what` `value`; did you mean ...? `choices` a, b or c`tail`" (`what`, `choices` and
/// `tail` in both languages).
fn find_name(
    names: &[String],
    value: &str,
    what: Message,
    choices: Message,
    tail: Message,
) -> Result<usize, Message> {
    if let Some(i) = names.iter().position(|n| n == value) {
        return Ok(i);
    }
    let hint = match did_you_mean(value, names.iter().map(String::as_str)) {
        Some(s) => msg!("did you mean `{s}`? ", "mente du `{s}`? "),
        None => Message::verbatim(""),
    };
    Err(msg!(
        "unknown {what} `{value}`; {hint}{choices} {names}{tail}",
        "ukendt {what} `{value}`; {hint}{choices} {names}{tail}",
        what = what,
        hint = hint,
        choices = choices,
        names = one_of(names),
        tail = tail,
    ))
}

impl<'a> Builder<'a> {
    pub(super) fn new(sources: &'a Sources) -> Builder<'a> {
        Builder {
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
            price_index_da: Danish::default(),
            projection: None,
            unindexed: false,
            assumptions_used: Vec::new(),
            written: Vec::new(),
        }
    }

    pub(super) fn err(&mut self, f: FileId, loc: Loc, field: &str, message: Message) {
        self.problems.push(self.sources, f, loc, field, message);
    }

    pub(super) fn origin(&self, f: FileId, loc: Loc) -> String {
        format!("{}:{}", self.sources.path(f).display(), loc.line)
    }

    pub(super) fn last_year(&self) -> i32 {
        self.start_year + self.horizon as i32 - 1
    }
}

/// A written Danish text, trimmed (folded YAML ends with a newline).
fn da_text(t: &Option<Text>) -> Option<String> {
    t.as_ref()
        .map(|t| t.value.trim().to_owned())
        .filter(|t| !t.is_empty())
}

/// The Danish name a file gives (`da: {name}`).
pub(super) fn danish_name(d: Option<&At<raw::DanishName>>) -> Danish {
    d.map_or_else(Danish::default, |d| Danish {
        name: da_text(&d.value.name),
        ..Danish::default()
    })
}

/// The Danish name and unit an outcome gives (`da: {name, unit}`).
pub(super) fn danish_outcome(d: Option<&At<raw::DanishOutcome>>) -> Danish {
    d.map_or_else(Danish::default, |d| Danish {
        name: da_text(&d.value.name),
        unit: da_text(&d.value.unit),
        ..Danish::default()
    })
}

/// The Danish name, source and note a price index or projection gives.
pub(super) fn danish_index(d: Option<&At<raw::DanishIndex>>) -> Danish {
    d.map_or_else(Danish::default, |d| Danish {
        name: da_text(&d.value.name),
        source: da_text(&d.value.source),
        note: da_text(&d.value.note),
        ..Danish::default()
    })
}

/// The Danish label, unit, source and note an assumption gives.
pub(super) fn danish_assumption(d: Option<&At<raw::DanishAssumption>>) -> Danish {
    d.map_or_else(Danish::default, |d| Danish {
        name: da_text(&d.value.label),
        unit: da_text(&d.value.unit),
        source: da_text(&d.value.source),
        note: da_text(&d.value.note),
    })
}

/// The Danish title: the contract file's, or the scenario's with the contracts' names.
fn contract_title_da(loaded: &crate::input::Loaded, sc: &raw::ScenarioFile) -> Danish {
    let scenario = danish_name(sc.da.as_ref());
    let Some((_, cf)) = &loaded.contract_file else {
        return scenario;
    };
    if cf.da.is_some() || cf.name.is_some() {
        return danish_name(cf.da.as_ref());
    }
    let names: Vec<String> = (cf.contracts.iter())
        .map(|c| {
            let da = danish_name(c.value.da.as_ref()).name;
            da.unwrap_or_else(|| c.value.name.value.clone())
        })
        .collect();
    let title = scenario.name.as_deref().unwrap_or(&sc.name.value);
    Danish {
        name: Some(format!("{title}, med {}", names.join(", "))),
        ..Danish::default()
    }
}

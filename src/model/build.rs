//! Building a [`Model`] from loaded files: every check, every reference, every conversion.

use std::collections::{BTreeMap, HashMap};

use indexmap::IndexMap;
use rust_decimal::Decimal;

use super::decimal::{from_f64, parse_exact, to_f64};
use super::dist::Dist;
use super::*;
use crate::input::diag::{Problems, did_you_mean, one_of};
use crate::input::raw::{self, Assumption};
use crate::input::{At, FileId, Kind, Loc, Node, Sources, Text};

/// The allowed range of a numeric input, by what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Domain {
    /// Kroner, 0 or more.
    Money,
    /// A share from 0 to 1.
    Share,
    /// A count, 0 or more.
    Count,
    /// A relative change, -1 (-100%) or more.
    Effect,
}

impl Domain {
    fn bounds(self) -> (f64, f64) {
        match self {
            Domain::Money | Domain::Count => (0.0, f64::INFINITY),
            Domain::Share => (0.0, 1.0),
            Domain::Effect => (-1.0, f64::INFINITY),
        }
    }
    fn expected(self) -> &'static str {
        match self {
            Domain::Money => "an amount in kroner, 0 or more (a price or cost cannot be negative)",
            Domain::Share => "a share from 0 to 1 (e.g. 0.75 or 75%)",
            Domain::Count => "a count, 0 or more",
            Domain::Effect => {
                "a relative change of -1 (-100%) or more, e.g. -0.10 for 10% less use"
            }
        }
    }
    fn hint_for_unbounded(self) -> &'static str {
        match self {
            Domain::Money | Domain::Count => {
                "truncate it with `min: 0`, or use a gamma or lognormal distribution"
            }
            Domain::Share => "use a beta distribution, or truncate it with `min: 0` and `max: 1`",
            Domain::Effect => "truncate it with `min: -1`",
        }
    }
}

/// A decoded assumption value before it is registered as an input.
#[derive(Clone, Debug)]
enum Value {
    Fixed(Decimal),
    Uncertain {
        dist: Dist,
        mean: Decimal,
        per_municipality: bool,
        name: Option<String>,
    },
}

/// An assumption after overrides, with the file each part came from.
struct Def<'a> {
    entry: &'a At<Assumption>,
    file: FileId,
    value: &'a Node,
    value_file: FileId,
    price_year: Option<(&'a Node, FileId)>,
    source: String,
    overridden: bool,
    /// The decoded value; `None` if it is invalid (reported when the files were read).
    checked: Option<Value>,
    /// Registered on first use: the param, or None if it could not be (already reported).
    resolved: Option<Option<Param>>,
}

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
    if b.munis.is_empty() && sc.rollout.is_none() {
        b.problems.push(
            b.sources,
            sf,
            Loc::default(),
            "municipalities",
            "the scenario has no municipalities; list at least one under `municipalities:` (or add a `rollout:` table)",
        );
    }
    let needs_volunteers = sc
        .costs
        .iter()
        .any(|c| c.value.driver.value == Driver::PerVolunteerTrained);
    let mut municipalities = Vec::new();
    for (i, m) in sc.municipalities.iter().enumerate() {
        if let Some(mm) = b.municipality(sf, i, m, sc.course.as_ref(), needs_volunteers, None) {
            municipalities.push(mm);
        }
    }
    if let Some(r) = &sc.rollout {
        municipalities.extend(b.rollout(sf, r, &table_rows, sc.course.as_ref(), needs_volunteers));
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

/// The fields of one CSV line (RFC 4180 quoting; no line breaks inside fields).
fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

impl<'a> B<'a> {
    fn new(sources: &'a Sources) -> B<'a> {
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

    fn err(&mut self, f: FileId, loc: Loc, field: &str, msg: impl Into<String>) {
        self.problems.push(self.sources, f, loc, field, msg);
    }

    fn origin(&self, f: FileId, loc: Loc) -> String {
        format!("{}:{}", self.sources.path(f).display(), loc.line)
    }

    fn last_year(&self) -> i32 {
        self.start_year + self.horizon as i32 - 1
    }

    // ---- scalars -------------------------------------------------------------------------

    /// An exact number, or a percentage written as text (`"-10%"`).
    fn decimal(&mut self, f: FileId, n: &Node, field: &str) -> Option<Decimal> {
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        let parsed = match &n.kind {
            Kind::Number => match n.number_text(src) {
                Some(t) => parse_exact(t),
                None => Err("could not read the number's text".into()),
            },
            Kind::Str(s) if s.trim_end().ends_with('%') => {
                let t = s.trim_end().trim_end_matches('%');
                parse_exact(t)
                    .map(|d| d / Decimal::ONE_HUNDRED)
                    .map_err(|_| {
                        format!("`{s}` is not a percentage; expected e.g. `-10%` or `75%`")
                    })
            }
            _ => Err(format!("expected a number, found {}", n.describe(src))),
        };
        match parsed {
            Ok(d) => Some(d),
            Err(m) => {
                self.err(f, n.loc, field, m);
                None
            }
        }
    }

    fn integer(&mut self, f: FileId, n: &Node, field: &str, lo: i64, hi: i64) -> Option<i64> {
        let f = n.src.unwrap_or(f);
        let d = self.decimal(f, n, field)?;
        if !d.fract().is_zero() {
            self.err(
                f,
                n.loc,
                field,
                format!("expected a whole number, found {d}"),
            );
            return None;
        }
        let v = i64::try_from(d.trunc().mantissa() / 10i128.pow(d.scale())).ok();
        match v {
            Some(v) if (lo..=hi).contains(&v) => Some(v),
            _ => {
                self.err(
                    f,
                    n.loc,
                    field,
                    format!("expected a whole number from {lo} to {hi}, found {d}"),
                );
                None
            }
        }
    }

    /// A calendar year within the horizon, as an offset.
    fn year_in_horizon(&mut self, f: FileId, n: &Node, field: &str) -> Option<usize> {
        let y = self.integer(f, n, field, 1900, 2200)? as i32;
        if y < self.start_year || y > self.last_year() {
            self.err(
                f,
                n.loc,
                field,
                format!(
                    "year {y} is outside the horizon {}-{} (start_year {}, horizon {})",
                    self.start_year,
                    self.last_year(),
                    self.start_year,
                    self.horizon
                ),
            );
            return None;
        }
        Some((y - self.start_year) as usize)
    }

    /// One calendar year or a list of them, as a mask over the horizon.
    fn years(&mut self, f: FileId, n: &Node, field: &str) -> Option<Vec<bool>> {
        let f = n.src.unwrap_or(f);
        let items: Vec<&Node> = match &n.kind {
            Kind::Seq(v) => v.iter().collect(),
            _ => vec![n],
        };
        if items.is_empty() {
            self.err(f, n.loc, field, "expected at least one calendar year");
            return None;
        }
        let mut mask = vec![false; self.horizon];
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let fld = if items.len() > 1 || matches!(n.kind, Kind::Seq(_)) {
                format!("{field}[{i}]")
            } else {
                field.to_owned()
            };
            match self.year_in_horizon(f, item, &fld) {
                Some(t) if mask[t] => {
                    self.err(
                        f,
                        item.loc,
                        &fld,
                        format!("year {} is listed twice", self.start_year + t as i32),
                    );
                    ok = false;
                }
                Some(t) => mask[t] = true,
                None => ok = false,
            }
        }
        ok.then_some(mask)
    }

    // ---- numeric inputs ------------------------------------------------------------------

    /// A numeric input: a number, a percentage, an assumption name or a distribution.
    fn param(&mut self, f: FileId, n: &Node, field: &str, dom: Domain) -> Option<Param> {
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        let p = match &n.kind {
            Kind::Number => Param::Fixed(self.decimal(f, n, field)?),
            Kind::Str(s) if s.trim_end().ends_with('%') => Param::Fixed(self.decimal(f, n, field)?),
            Kind::Str(name) => return self.use_assumption(name, f, n.loc, field, dom),
            Kind::Map(_) => match self.value(f, n, field)? {
                Value::Fixed(v) => Param::Fixed(v),
                Value::Uncertain {
                    dist,
                    mean,
                    per_municipality,
                    name,
                } => {
                    let name = name.unwrap_or_else(|| field.to_owned());
                    let origin = self.origin(f, n.loc);
                    let id = self.register(
                        f,
                        n.loc,
                        field,
                        Input {
                            name,
                            dist,
                            mean,
                            per_municipality,
                            origin,
                            unit: None,
                            source: None,
                        },
                    )?;
                    Param::Input {
                        id,
                        factor: Decimal::ONE,
                    }
                }
            },
            _ => {
                self.err(
                    f,
                    n.loc,
                    field,
                    format!(
                        "expected a number, a percentage, the name of an assumption or a distribution such as {{triangular: [low, most_likely, high]}}; found {}",
                        n.describe(src)
                    ),
                );
                return None;
            }
        };
        if self.check_domain(p, dom, f, n.loc, field, None) {
            Some(p)
        } else {
            None
        }
    }

    /// Whether `p` lies in `dom`; reports the problem at `loc` if not.
    fn check_domain(
        &mut self,
        p: Param,
        dom: Domain,
        f: FileId,
        loc: Loc,
        field: &str,
        assumption: Option<&str>,
    ) -> bool {
        let (lo, hi) = dom.bounds();
        let via = assumption
            .map(|a| format!(" (from assumption `{a}`)"))
            .unwrap_or_default();
        match p {
            Param::Fixed(v) => {
                let x = to_f64(v);
                if x < lo || x > hi {
                    self.err(
                        f,
                        loc,
                        field,
                        format!("found {v}{via}; expected {}", dom.expected()),
                    );
                    return false;
                }
            }
            Param::Input { id, factor } => {
                let k = to_f64(factor);
                let (a, b) = self.inputs[id].dist.support();
                let (a, b) = (a * k, b * k);
                if a < lo || b > hi {
                    let d = self.inputs[id].dist;
                    let hint = if a.is_infinite() || b.is_infinite() {
                        format!("; {}", dom.hint_for_unbounded())
                    } else {
                        String::new()
                    };
                    self.err(
                        f,
                        loc,
                        field,
                        format!(
                            "{d}{via} can take values from {a} to {b}; expected {}{hint}",
                            dom.expected()
                        ),
                    );
                    return false;
                }
            }
        }
        true
    }

    fn register(&mut self, f: FileId, loc: Loc, field: &str, input: Input) -> Option<InputId> {
        if let Some(id) = self.inputs.iter().position(|i| i.name == input.name) {
            let same = self.inputs[id].dist == input.dist
                && self.inputs[id].per_municipality == input.per_municipality;
            if !same {
                let other = self.inputs[id].origin.clone();
                self.err(
                    f,
                    loc,
                    field,
                    format!(
                        "the name `{}` is already used for a different distribution at {other}; an input's name identifies it (inputs with the same name share their draws), so give this one another name",
                        input.name
                    ),
                );
                return None;
            }
            return Some(id);
        }
        self.inputs.push(input);
        Some(self.inputs.len() - 1)
    }

    /// A number, percentage or distribution written in a file (not an assumption name).
    fn value(&mut self, f: FileId, n: &Node, field: &str) -> Option<Value> {
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        let entries = match &n.kind {
            Kind::Number | Kind::Str(_) => return self.decimal(f, n, field).map(Value::Fixed),
            Kind::Map(e) => e,
            _ => {
                self.err(
                    f,
                    n.loc,
                    field,
                    format!(
                        "expected a number, a percentage or a distribution; found {}",
                        n.describe(src)
                    ),
                );
                return None;
            }
        };
        const FORMS: [&str; 7] = [
            "uniform",
            "triangular",
            "pert",
            "normal",
            "lognormal",
            "beta",
            "gamma",
        ];
        let mut form: Option<(&str, &Node)> = None;
        let mut name = None;
        let mut per_municipality = false;
        let mut ok = true;
        for (k, v) in entries {
            let key = k.key_text(src).unwrap_or_default();
            match key.as_str() {
                "name" => match &v.kind {
                    Kind::Str(s) if !s.trim().is_empty() => name = Some(s.trim().to_owned()),
                    _ => {
                        self.err(f, v.loc, &format!("{field}.name"), "expected a name (text)");
                        ok = false;
                    }
                },
                "per_municipality" => match v.kind {
                    Kind::Bool(b) => per_municipality = b,
                    _ => {
                        self.err(
                            f,
                            v.loc,
                            &format!("{field}.per_municipality"),
                            "expected `true` or `false`",
                        );
                        ok = false;
                    }
                },
                k2 if FORMS.contains(&k2) => {
                    if let Some((prev, _)) = form {
                        self.err(
                            f,
                            k.loc,
                            field,
                            format!("a distribution has one form; found both `{prev}` and `{k2}`"),
                        );
                        ok = false;
                    } else {
                        form = Some((FORMS.iter().find(|x| **x == k2).copied()?, v));
                    }
                }
                other => {
                    let hint = did_you_mean(
                        other,
                        FORMS.iter().copied().chain(["name", "per_municipality"]),
                    )
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                    self.err(
                        f,
                        k.loc,
                        field,
                        format!(
                            "unknown key `{other}` in a distribution{hint}; expected one of {} plus optional `name` and `per_municipality`",
                            one_of(&FORMS)
                        ),
                    );
                    ok = false;
                }
            }
        }
        let Some((form, params)) = form else {
            if ok {
                self.err(
                    f,
                    n.loc,
                    field,
                    format!(
                        "expected a distribution, written as a mapping with one of {}",
                        one_of(&FORMS)
                    ),
                );
            }
            return None;
        };
        if !ok {
            return None;
        }
        let fld = format!("{field}.{form}");
        let (dist, mean) = self.distribution(f, form, params, &fld)?;
        Some(Value::Uncertain {
            dist,
            mean,
            per_municipality,
            name,
        })
    }

    /// Named numeric parameters of a distribution, from a mapping or (in `order`) a list.
    fn dist_params(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
        order: &[&str],
        allowed: &[&str],
    ) -> Option<HashMap<String, Decimal>> {
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        let mut out = HashMap::new();
        match &n.kind {
            Kind::Seq(items) if !order.is_empty() => {
                if items.len() != order.len() {
                    self.err(
                        f,
                        n.loc,
                        field,
                        format!(
                            "expected {} numbers [{}], found {}",
                            order.len(),
                            order.join(", "),
                            items.len()
                        ),
                    );
                    return None;
                }
                for (k, item) in order.iter().zip(items) {
                    let v = self.decimal(f, item, &format!("{field}.{k}"))?;
                    out.insert(k.to_string(), v);
                }
            }
            Kind::Map(entries) => {
                let mut ok = true;
                for (k, v) in entries {
                    let key = k.key_text(src).unwrap_or_default();
                    if !allowed.contains(&key.as_str()) {
                        let hint = did_you_mean(&key, allowed.iter().copied())
                            .map(|s| format!(" (did you mean `{s}`?)"))
                            .unwrap_or_default();
                        self.err(
                            f,
                            k.loc,
                            field,
                            format!(
                                "unknown parameter `{key}`{hint}; expected {}",
                                one_of(allowed)
                            ),
                        );
                        ok = false;
                        continue;
                    }
                    match self.decimal(f, v, &format!("{field}.{key}")) {
                        Some(d) => {
                            out.insert(key, d);
                        }
                        None => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
            }
            _ => {
                let shape = if order.is_empty() {
                    format!("a mapping of {}", one_of(allowed))
                } else {
                    format!("a list [{}] or a mapping", order.join(", "))
                };
                self.err(
                    f,
                    n.loc,
                    field,
                    format!("expected {shape}, found {}", n.describe(src)),
                );
                return None;
            }
        }
        Some(out)
    }

    fn distribution(
        &mut self,
        f: FileId,
        form: &str,
        n: &Node,
        field: &str,
    ) -> Option<(Dist, Decimal)> {
        let f = n.src.unwrap_or(f);
        let get = |m: &HashMap<String, Decimal>, keys: &[&str]| -> Option<Decimal> {
            keys.iter().find_map(|k| m.get(*k).copied())
        };
        let two = Decimal::TWO;
        let result: Result<(Dist, Decimal), String> = match form {
            "uniform" => {
                let m = self.dist_params(f, n, field, &["min", "max"], &["min", "max"])?;
                match (get(&m, &["min"]), get(&m, &["max"])) {
                    (Some(a), Some(b)) => {
                        Dist::uniform(to_f64(a), to_f64(b)).map(|d| (d, (a + b) / two))
                    }
                    _ => Err("uniform needs `min` and `max`".into()),
                }
            }
            "triangular" | "pert" => {
                let m = self.dist_params(
                    f,
                    n,
                    field,
                    &["low", "most_likely", "high"],
                    &["low", "most_likely", "high", "min", "mode", "max"],
                )?;
                match (
                    get(&m, &["low", "min"]),
                    get(&m, &["most_likely", "mode"]),
                    get(&m, &["high", "max"]),
                ) {
                    (Some(a), Some(c), Some(b)) => {
                        if form == "triangular" {
                            Dist::triangular(to_f64(a), to_f64(c), to_f64(b))
                                .map(|d| (d, (a + c + b) / Decimal::from(3)))
                        } else {
                            Dist::pert(to_f64(a), to_f64(c), to_f64(b))
                                .map(|d| (d, (a + Decimal::from(4) * c + b) / Decimal::from(6)))
                        }
                    }
                    _ => Err(format!("{form} needs `low`, `most_likely` and `high`")),
                }
            }
            "normal" => {
                let m = self.dist_params(
                    f,
                    n,
                    field,
                    &["mean", "sd"],
                    &["mean", "sd", "se", "min", "max"],
                )?;
                match (get(&m, &["mean"]), get(&m, &["sd", "se"])) {
                    (Some(mu), Some(sd)) => {
                        let lo = get(&m, &["min"]);
                        let hi = get(&m, &["max"]);
                        Dist::normal(to_f64(mu), to_f64(sd), lo.map(to_f64), hi.map(to_f64))
                            .and_then(|d| {
                                let mean = if lo.is_none() && hi.is_none() {
                                    Some(mu)
                                } else {
                                    from_f64(d.mean())
                                };
                                mean.map(|x| (d, x))
                                    .ok_or_else(|| "mean is not finite".into())
                            })
                    }
                    _ => Err("normal needs `mean` and `sd` (or `se`)".into()),
                }
            }
            "lognormal" => {
                let m = self.dist_params(
                    f,
                    n,
                    field,
                    &[],
                    &["median", "low", "high", "mean", "sd", "se"],
                )?;
                match (
                    get(&m, &["median"]),
                    get(&m, &["low"]),
                    get(&m, &["high"]),
                    get(&m, &["mean"]),
                    get(&m, &["sd", "se"]),
                ) {
                    (Some(med), Some(lo), Some(hi), None, None) => {
                        Dist::lognormal_interval(to_f64(med), to_f64(lo), to_f64(hi)).and_then(
                            |d| {
                                from_f64(d.mean())
                                    .map(|x| (d, x))
                                    .ok_or_else(|| "the mean is too large".into())
                            },
                        )
                    }
                    (None, None, None, Some(mu), Some(sd)) => {
                        Dist::lognormal_moments(to_f64(mu), to_f64(sd)).map(|d| (d, mu))
                    }
                    _ => Err(
                        "lognormal needs either `median`, `low` and `high` (a 90% interval) or `mean` and `sd`"
                            .into(),
                    ),
                }
            }
            "beta" => {
                let m =
                    self.dist_params(f, n, field, &[], &["mean", "sd", "se", "alpha", "beta"])?;
                match (
                    get(&m, &["mean"]),
                    get(&m, &["sd", "se"]),
                    get(&m, &["alpha"]),
                    get(&m, &["beta"]),
                ) {
                    (Some(mu), Some(sd), None, None) => {
                        Dist::beta_moments(to_f64(mu), to_f64(sd)).map(|d| (d, mu))
                    }
                    (None, None, Some(a), Some(b)) => {
                        Dist::beta(to_f64(a), to_f64(b)).and_then(|d| {
                            a.checked_div(a + b)
                                .map(|x| (d, x))
                                .ok_or_else(|| "alpha + beta must be positive".into())
                        })
                    }
                    _ => Err("beta needs either `mean` and `sd` or `alpha` and `beta`".into()),
                }
            }
            "gamma" => {
                let m =
                    self.dist_params(f, n, field, &[], &["mean", "sd", "se", "shape", "scale"])?;
                match (
                    get(&m, &["mean"]),
                    get(&m, &["sd", "se"]),
                    get(&m, &["shape"]),
                    get(&m, &["scale"]),
                ) {
                    (Some(mu), Some(sd), None, None) => {
                        Dist::gamma_moments(to_f64(mu), to_f64(sd)).map(|d| (d, mu))
                    }
                    (None, None, Some(k), Some(th)) => {
                        Dist::gamma(to_f64(k), to_f64(th)).map(|d| (d, k * th))
                    }
                    _ => Err("gamma needs either `mean` and `sd` or `shape` and `scale`".into()),
                }
            }
            _ => Err(format!("unknown distribution `{form}`")),
        };
        match result {
            Ok(r) => Some(r),
            Err(m) => {
                self.err(f, n.loc, field, m);
                None
            }
        }
    }

    // ---- assumptions ---------------------------------------------------------------------

    fn load_price_index(&mut self, files: &[(FileId, raw::AssumptionFile)]) {
        for (fid, file) in files {
            let Some(pi) = &file.price_index else {
                continue;
            };
            if let Some((name, other, _)) = &self.price_index {
                let other = self.sources.path(*other).display().to_string();
                let msg = format!(
                    "a second price index; `{name}` is already loaded from {other} and a scenario uses one"
                );
                self.err(*fid, pi.loc, "price_index", msg);
                continue;
            }
            let src = self.sources.text(*fid);
            let mut values = BTreeMap::new();
            match &pi.value.values.kind {
                Kind::Map(entries) => {
                    for (k, v) in entries {
                        let field =
                            format!("price_index.values.{}", k.key_text(src).unwrap_or_default());
                        let y = self.integer(*fid, k, &field, 1900, 2200);
                        let x = self.decimal(*fid, v, &field);
                        match (y, x) {
                            (Some(y), Some(x)) if x > Decimal::ZERO => {
                                values.insert(y as i32, x);
                            }
                            (Some(_), Some(x)) => self.err(
                                *fid,
                                v.loc,
                                &field,
                                format!("an index value must be positive; found {x}"),
                            ),
                            _ => {}
                        }
                    }
                }
                _ => self.err(
                    *fid,
                    pi.value.values.loc,
                    "price_index.values",
                    "expected a mapping of calendar year -> index value",
                ),
            }
            self.price_index = Some((pi.value.name.value.clone(), *fid, values));
        }
    }

    fn load_assumptions(&mut self, files: &'a [(FileId, raw::AssumptionFile)]) {
        for (fid, file) in files {
            for (name, entry) in &file.parameters {
                if let Some(prev) = self.defs.get(name) {
                    let prev_at = self.origin(prev.file, prev.entry.loc);
                    self.err(
                        *fid,
                        entry.loc,
                        &format!("parameters.{name}"),
                        format!(
                            "`{name}` is already defined at {prev_at}; an assumption has one definition (change its value for a scenario with `overrides`)"
                        ),
                    );
                    continue;
                }
                let a = &entry.value;
                let source = a.source.value.trim().to_owned();
                let field = format!("parameters.{name}");
                if source.is_empty() {
                    self.err(
                        *fid,
                        a.source.loc,
                        &format!("{field}.source"),
                        "give the source, or `estimate` with the reasoning in `note`",
                    );
                }
                if source.eq_ignore_ascii_case("estimate") {
                    if a.note.as_ref().is_none_or(|n| n.value.trim().is_empty()) {
                        self.err(
                            *fid,
                            entry.loc,
                            &field,
                            "an estimate needs its reasoning in `note`",
                        );
                    }
                    if !matches!(a.value.kind, Kind::Map(_)) {
                        self.err(
                            *fid,
                            a.value.loc,
                            &format!("{field}.value"),
                            "an estimate must be a distribution wide enough to show its uncertainty, not a single number",
                        );
                    }
                }
                self.integer(*fid, &a.year, &format!("{field}.year"), 1900, 2200);
                self.defs.insert(
                    name.clone(),
                    Def {
                        entry,
                        file: *fid,
                        value: &a.value,
                        value_file: *fid,
                        price_year: a.price_year.as_ref().map(|p| (p, *fid)),
                        source,
                        overridden: false,
                        checked: None,
                        resolved: None,
                    },
                );
            }
        }
        // Check every definition's value now, so a broken assumption file is reported even
        // when no scenario uses the broken entry.
        let names: Vec<String> = self.defs.keys().cloned().collect();
        for name in names {
            let d = &self.defs[&name];
            let (f, n) = (d.value_file, d.value);
            let checked = self.value(f, n, &format!("parameters.{name}.value"));
            self.defs[&name].checked = checked;
        }
    }

    fn apply_overrides(&mut self, sf: FileId, overrides: &'a IndexMap<String, At<raw::Override>>) {
        for (name, o) in overrides {
            let Some(def) = self.defs.get_mut(name) else {
                let names: Vec<&str> = self.defs.keys().map(String::as_str).collect();
                let hint = did_you_mean(name, names.iter().copied())
                    .map(|s| format!(" Did you mean `{s}`?"))
                    .unwrap_or_default();
                let msg = if names.is_empty() {
                    format!(
                        "`{name}` is not an assumption: no assumption files are loaded (list them under `assumptions:`)"
                    )
                } else {
                    format!("`{name}` is not an assumption of the loaded files.{hint}")
                };
                self.err(sf, o.loc, &format!("overrides.{name}"), msg);
                continue;
            };
            def.value = &o.value.value;
            def.value_file = o.value.value.src.unwrap_or(sf);
            // Without its own price year, an override is in the assumption's units and
            // price year, and is converted like the original.
            if let Some(p) = o.value.price_year.as_ref() {
                def.price_year = Some((p, sf));
            }
            def.overridden = true;
            if let Some(s) = o.value.source.as_ref().or(o.value.note.as_ref()) {
                def.source = format!("{} (scenario override)", s.value.trim());
            } else {
                def.source = "scenario override".into();
            }
            let (f, n) = (sf, &o.value.value);
            let checked = self.value(f, n, &format!("overrides.{name}.value"));
            self.defs[name].checked = checked;
        }
    }

    /// Use a named assumption at `field`: decode it once, check it against `dom` at each use.
    fn use_assumption(
        &mut self,
        name: &str,
        f: FileId,
        loc: Loc,
        field: &str,
        dom: Domain,
    ) -> Option<Param> {
        let Some(def) = self.defs.get(name) else {
            let names: Vec<&str> = self.defs.keys().map(String::as_str).collect();
            let msg = match did_you_mean(name, names.iter().copied()) {
                Some(s) => format!("unknown assumption `{name}`; did you mean `{s}`?"),
                None if names.is_empty() => format!(
                    "`{name}` is not a number, and no assumption files are loaded to define it; expected a number, a percentage, a distribution or the name of an assumption"
                ),
                None => format!(
                    "unknown assumption `{name}`; the loaded files define {}",
                    if names.len() <= 12 {
                        one_of(&names)
                    } else {
                        format!("{} and {} more", one_of(&names[..12]), names.len() - 12)
                    }
                ),
            };
            self.err(f, loc, field, msg);
            return None;
        };
        let resolved = match def.resolved {
            Some(r) => r,
            None => {
                let r = self.resolve_assumption(name);
                self.defs[name].resolved = Some(r);
                r
            }
        };
        let p = resolved?;
        self.check_domain(p, dom, f, loc, field, Some(name))
            .then_some(p)
    }

    fn resolve_assumption(&mut self, name: &str) -> Option<Param> {
        let d = &self.defs[name];
        let (vf, vn, entry, def_file) = (d.value_file, d.value, d.entry, d.file);
        let (price_year, source, overridden) = (d.price_year, d.source.clone(), d.overridden);
        let field = format!("parameters.{name}.value");
        let value = d.checked.clone()?;
        let factor = match price_year {
            Some((py, pf)) => {
                self.price_factor(pf, py, &format!("parameters.{name}.price_year"), name)?
            }
            None => Decimal::ONE,
        };
        let a = &entry.value;
        let year = {
            let src = self.sources.text(def_file);
            a.year
                .number_text(src)
                .and_then(|t| t.parse().ok())
                .unwrap_or(0)
        };
        let py = price_year.and_then(|(n, pf)| {
            n.number_text(self.sources.text(pf))
                .and_then(|t| t.parse().ok())
        });
        let origin = self.origin(vf, vn.loc);
        let (param, shown) = match value {
            Value::Fixed(v) => (Param::Fixed(v * factor), v.normalize().to_string()),
            Value::Uncertain {
                dist,
                mean,
                per_municipality,
                name: given,
            } => {
                let shown = dist.to_string();
                let id = self.register(
                    vf,
                    vn.loc,
                    &field,
                    Input {
                        name: given.unwrap_or_else(|| name.to_owned()),
                        dist,
                        mean,
                        per_municipality,
                        origin: origin.clone(),
                        unit: Some(a.unit.value.clone()),
                        source: Some(source.clone()),
                    },
                )?;
                (Param::Input { id, factor }, shown)
            }
        };
        self.assumptions_used.push(AssumptionUse {
            name: name.to_owned(),
            value: shown,
            unit: a.unit.value.clone(),
            source,
            year,
            price_year: py,
            origin,
            overridden,
        });
        Some(param)
    }

    /// index[price_year] / index[from]: the factor that brings an amount to the scenario's
    /// price year. Records the conversion for the report.
    fn price_factor(&mut self, f: FileId, n: &Node, field: &str, what: &str) -> Option<Decimal> {
        let f = n.src.unwrap_or(f);
        let from = self.integer(f, n, field, 1900, 2200)? as i32;
        if from == self.price_year {
            return Some(Decimal::ONE);
        }
        let to = self.price_year;
        let Some((index_name, _, values)) = &self.price_index else {
            self.err(
                f,
                n.loc,
                field,
                format!(
                    "converting {from} prices to {to} prices needs a price index; add an assumption file with a `price_index` (e.g. assumptions/dk-price-index.yaml) to `assumptions:`"
                ),
            );
            return None;
        };
        let (Some(a), Some(b)) = (values.get(&from), values.get(&to)) else {
            let years: Vec<String> = values.keys().map(|y| y.to_string()).collect();
            let missing = if values.contains_key(&from) { to } else { from };
            let msg = format!(
                "the price index `{index_name}` has no value for {missing}; it covers {}",
                years.join(", ")
            );
            self.err(f, n.loc, field, msg);
            return None;
        };
        let factor = *b / *a;
        self.conversions.push(Conversion {
            what: what.to_owned(),
            from_year: from,
            to_year: to,
            factor,
        });
        Some(factor)
    }

    /// A money input with an optional `price_year` of its own (inline values only: a named
    /// assumption carries its price year in its definition).
    fn money(
        &mut self,
        f: FileId,
        n: &Node,
        price_year: Option<&Node>,
        field: &str,
    ) -> Option<Param> {
        let f = n.src.unwrap_or(f);
        let p = self.param(f, n, field, Domain::Money)?;
        let Some(py) = price_year else {
            return Some(p);
        };
        if let Kind::Str(s) = &n.kind
            && !s.trim_end().ends_with('%')
        {
            self.err(
                f,
                py.loc,
                field,
                format!(
                    "`{s}` is an assumption with its own price year; `price_year` here applies only to a number or distribution written in place"
                ),
            );
            return None;
        }
        let k = self.price_factor(f, py, &format!("{field}.price_year"), field)?;
        Some(match p {
            Param::Fixed(v) => Param::Fixed(v * k),
            Param::Input { id, factor } => Param::Input {
                id,
                factor: factor * k,
            },
        })
    }

    // ---- structure -----------------------------------------------------------------------

    fn declare_payers(&mut self, sf: FileId, declared: &[Text]) {
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

    fn payer(&mut self, f: FileId, t: &Text, field: &str) -> Option<PayerId> {
        let found = find_name(
            &self.payers,
            &t.value,
            "payer",
            "expected",
            " (declare other payers under `payers:`)",
        );
        found.map_err(|m| self.err(f, t.loc, field, m)).ok()
    }

    fn perspectives(
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

    fn discounting(
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

    /// A per-year input: constant, one value per year, or calendar year -> value.
    fn series(&mut self, f: FileId, n: &Node, field: &str, dom: Domain) -> Option<Series> {
        let f = n.src.unwrap_or(f);
        let h = self.horizon;
        let src = self.sources.text(f);
        match &n.kind {
            Kind::Seq(items) => {
                if items.len() != h {
                    self.err(
                        f,
                        n.loc,
                        field,
                        format!(
                            "expected {h} values, one per year {}-{}, found {}; or give one value for every year",
                            self.start_year,
                            self.last_year(),
                            items.len()
                        ),
                    );
                    return None;
                }
                let mut out = Vec::with_capacity(h);
                let mut ok = true;
                for (t, item) in items.iter().enumerate() {
                    let fld = format!("{field}[{}]", self.start_year + t as i32);
                    match self.param(f, item, &fld, dom) {
                        Some(p) => out.push(p),
                        None => ok = false,
                    }
                }
                ok.then_some(Series(out))
            }
            Kind::Map(entries)
                if entries.iter().all(|(k, _)| {
                    matches!(k.kind, Kind::Number)
                        || k.key_text(src).as_deref() == Some("other_years")
                }) =>
            {
                let mut out: Vec<Option<Param>> = vec![None; h];
                let mut other = Param::Fixed(Decimal::ZERO);
                let mut ok = true;
                for (k, v) in entries {
                    if k.key_text(src).as_deref() == Some("other_years") {
                        match self.param(f, v, &format!("{field}.other_years"), dom) {
                            Some(p) => other = p,
                            None => ok = false,
                        }
                        continue;
                    }
                    let key = k.key_text(src).unwrap_or_default();
                    let fld = format!("{field}.{key}");
                    let Some(t) = self.year_in_horizon(f, k, &fld) else {
                        ok = false;
                        continue;
                    };
                    match self.param(f, v, &fld, dom) {
                        Some(p) => out[t] = Some(p),
                        None => ok = false,
                    }
                }
                ok.then(|| Series(out.into_iter().map(|p| p.unwrap_or(other)).collect()))
            }
            _ => {
                let p = self.param(f, n, field, dom)?;
                Some(Series(vec![p; h]))
            }
        }
    }

    fn municipality(
        &mut self,
        sf: FileId,
        i: usize,
        m: &At<raw::Municipality>,
        course: Option<&At<raw::CourseParams>>,
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
        if self.munis[..i].contains(&mm.name.value) {
            self.err(
                sf,
                mm.name.loc,
                &format!("{field}.name"),
                format!("municipality `{name}` is listed twice"),
            );
        }
        let field = format!("municipalities[{name}]");
        let courses = match courses {
            Some(c) => Some(c),
            None => self.series(sf, &mm.courses, &format!("{field}.courses"), Domain::Count),
        };
        let defaults = course.map(|c| &c.value);
        let pick = |b: &mut Self,
                    own: &Option<Node>,
                    shared: Option<&Option<Node>>,
                    key: &str,
                    dom: Domain,
                    required: bool|
         -> Option<Series> {
            if let Some(n) = own {
                return b.series(sf, n, &format!("{field}.{key}"), dom);
            }
            if let Some(Some(n)) = shared {
                return b.series(sf, n, &format!("course.{key}"), dom);
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
            defaults.map(|d| &d.participants_per_course),
            "participants_per_course",
            Domain::Count,
            true,
        );
        let completion = pick(
            self,
            &mm.completion_rate,
            defaults.map(|d| &d.completion_rate),
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
            defaults.map(|d| &d.peers_per_course),
            "peers_per_course",
            Domain::Count,
            derive,
        );
        let turnover = pick(
            self,
            &mm.volunteer_turnover,
            defaults.map(|d| &d.volunteer_turnover),
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
    fn rollout_rows(
        &mut self,
        sf: FileId,
        r: &At<raw::Rollout>,
        table: FileId,
    ) -> Vec<(String, Decimal)> {
        let text = self.sources.text(table);
        let field = "rollout.table";
        let mut lines = text.lines().enumerate();
        let Some((_, header)) = lines.next() else {
            self.err(
                table,
                Loc::default(),
                field,
                "the table is empty; expected a header row with `name` and `population`",
            );
            return Vec::new();
        };
        let cols: Vec<String> = split_csv(header)
            .into_iter()
            .map(|c| c.trim().to_lowercase())
            .collect();
        let (Some(ni), Some(pi)) = (
            cols.iter().position(|c| c == "name"),
            cols.iter().position(|c| c == "population"),
        ) else {
            let loc = Loc {
                line: 1,
                col: 1,
                span: None,
            };
            self.err(
                table,
                loc,
                field,
                format!(
                    "expected columns `name` and `population`; found {}",
                    one_of(&cols)
                ),
            );
            return Vec::new();
        };
        let mut rows: Vec<(String, Decimal)> = Vec::new();
        for (i, line) in lines {
            if line.trim().is_empty() {
                continue;
            }
            let loc = Loc {
                line: i as u32 + 1,
                col: 1,
                span: None,
            };
            let cells = split_csv(line);
            let (Some(name), Some(pop)) = (cells.get(ni), cells.get(pi)) else {
                self.err(
                    table,
                    loc,
                    field,
                    format!("expected {} columns, found {}", cols.len(), cells.len()),
                );
                continue;
            };
            let name = name.trim().to_owned();
            match parse_exact(pop.trim()) {
                Ok(p) if p >= Decimal::ZERO && p.fract().is_zero() => {
                    if rows.iter().any(|(n, _)| *n == name) {
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
                        "population of `{name}`: expected a whole number of residents, found `{}`",
                        pop.trim()
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
        for (n, _) in &rows {
            if self.munis.contains(n) {
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
    fn rollout(
        &mut self,
        sf: FileId,
        r: &At<raw::Rollout>,
        rows: &[(String, Decimal)],
        course: Option<&At<raw::CourseParams>>,
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
                course,
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

    fn muni_id(&mut self, f: FileId, t: &Text, field: &str) -> Option<MuniId> {
        let found = find_name(
            &self.munis,
            &t.value,
            "municipality",
            "the scenario's municipalities are",
            "",
        );
        found.map_err(|m| self.err(f, t.loc, field, m)).ok()
    }

    /// Name -> exact share, summing to 1.
    fn shares(&mut self, f: FileId, n: &Node, field: &str) -> Option<Vec<(String, Loc, Decimal)>> {
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        let Kind::Map(entries) = &n.kind else {
            self.err(
                f,
                n.loc,
                field,
                format!(
                    "expected a mapping of name -> share (e.g. {{region: 1.0}}), found {}",
                    n.describe(src)
                ),
            );
            return None;
        };
        if entries.is_empty() {
            self.err(f, n.loc, field, "expected at least one name -> share");
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (k, v) in entries {
            let key = k.key_text(src).unwrap_or_default();
            let fld = format!("{field}.{key}");
            if matches!(v.kind, Kind::Map(_))
                || matches!(v.kind, Kind::Str(ref s) if !s.ends_with('%'))
            {
                self.err(f, v.loc, &fld, "a share here must be an exact number (allocation keys and payer shares are rules, not uncertain inputs)");
                ok = false;
                continue;
            }
            match self.decimal(f, v, &fld) {
                Some(s) if s < Decimal::ZERO || s > Decimal::ONE => {
                    self.err(
                        f,
                        v.loc,
                        &fld,
                        format!("found {s}; expected a share from 0 to 1"),
                    );
                    ok = false;
                }
                Some(s) => out.push((key, k.loc, s)),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let sum: Decimal = out.iter().map(|x| x.2).sum();
        if sum != Decimal::ONE {
            self.err(
                f,
                n.loc,
                field,
                format!(
                    "the shares sum to {}; they must sum to exactly 1",
                    sum.normalize()
                ),
            );
            return None;
        }
        Some(out)
    }

    /// `municipality`, `shared`, or (when neither is given) `otherwise`.
    fn allocation(
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

    fn per_municipality_input(&self, p: Param) -> bool {
        matches!(p, Param::Input { id, .. } if self.inputs[id].per_municipality)
    }

    /// Effect profiles and attrition describe how effects last, for everyone alike: they may
    /// be uncertain but not vary per municipality.
    fn check_not_per_muni(&mut self, f: FileId, loc: Loc, field: &str, p: Param) {
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
    fn check_national(&mut self, f: FileId, loc: Loc, field: &str, p: Param, alloc: &Allocation) {
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

    fn cost(&mut self, sf: FileId, c: &At<raw::Cost>) -> Option<CostLine> {
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
            name: cc.name.value.clone(),
            driver,
            quantity,
            unit_cost,
            payer: payer?,
            allocation,
            years,
        })
    }

    fn transfer(&mut self, sf: FileId, t: &At<raw::Transfer>) -> Option<Transfer> {
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
            name: tt.name.value.clone(),
            from: from?,
            to: to?,
            amount,
            years: years?,
            allocation,
        })
    }

    fn outcome(&mut self, sf: FileId, o: &At<raw::Outcome>) -> Option<Outcome> {
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

    fn profile(&mut self, f: FileId, n: &Node, field: &str) -> Option<Profile> {
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

    fn non_monetary(&mut self, sf: FileId, n: &At<raw::NonMonetary>) -> Option<NonMonetary> {
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

    fn check_unique_names(&mut self, sf: FileId, sc: &raw::ScenarioFile) {
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

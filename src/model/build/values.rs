//! Numbers, percentages, distributions and series: reading a value from a node, exactly, and
//! checking it against what it means.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::B;
use crate::decimal::{from_f64, parse_exact, to_f64};
use crate::input::diag::{did_you_mean, one_of};
use crate::input::{FileId, Kind, Loc, Node};
use crate::model::dist::Dist;
use crate::model::*;

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
    pub(super) fn bounds(self) -> (f64, f64) {
        match self {
            Domain::Money | Domain::Count => (0.0, f64::INFINITY),
            Domain::Share => (0.0, 1.0),
            Domain::Effect => (-1.0, f64::INFINITY),
        }
    }
    /// The largest base value (a fixed number, or a distribution's mean) that works.
    pub(super) fn largest(self) -> Decimal {
        match self {
            Domain::Money | Domain::Count => MAX_NUMBER,
            Domain::Share => Decimal::ONE,
            // +10,000%: a hundredfold more use is already far outside any evidence.
            Domain::Effect => Decimal::ONE_HUNDRED,
        }
    }
    pub(super) fn expected(self) -> &'static str {
        match self {
            Domain::Money => "an amount in kroner, 0 or more (a price or cost cannot be negative)",
            Domain::Share => "a share from 0 to 1 (e.g. 0.75 or 75%)",
            Domain::Count => "a count, 0 or more",
            Domain::Effect => {
                "a relative change from -1 (-100%) to 100 (+10,000%), e.g. -0.10 for 10% less use"
            }
        }
    }
    pub(super) fn hint_for_unbounded(self) -> &'static str {
        match self {
            Domain::Money | Domain::Count => {
                "truncate it with `min: 0` (in the list form: `[mean, sd, 0]`), or use a gamma or lognormal distribution"
            }
            Domain::Share => {
                "use a beta distribution, or truncate it with `min: 0` and `max: 1` (in the list form: `[mean, sd, 0, 1]`)"
            }
            Domain::Effect => "truncate it with `min: -1` (in the list form: `[mean, sd, -1]`)",
        }
    }
}

/// A decoded assumption value before it is registered as an input.
#[derive(Clone, Debug)]
pub(super) enum Value {
    Fixed(Decimal),
    Uncertain {
        dist: Dist,
        mean: Decimal,
        per_municipality: bool,
        name: Option<String>,
    },
}

impl<'a> B<'a> {
    /// An exact number, or a percentage written as text (`"-10%"`), at most [`MAX_NUMBER`] in
    /// size. Danish number habits (`465.000`, `1.234,50`, `400,000`) are refused with the
    /// reading spelled out, never read silently.
    pub(super) fn decimal(&mut self, f: FileId, n: &Node, field: &str) -> Option<Decimal> {
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        let parsed = match &n.kind {
            Kind::Number => match n.number_text(src) {
                Some(t) => match danish_thousands(t) {
                    Some(whole) => Err(format!(
                        "found {t}: `.` followed by three zeros looks like a Danish thousands separator; write {whole} for {} (or {} if you meant that)",
                        thousands(&whole),
                        t.split('.').next().unwrap_or(t)
                    )),
                    None => parse_exact(t),
                },
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
            Kind::Str(s) if separated_number(s).is_some() => {
                Err(separated_number(s).unwrap_or_default())
            }
            _ => Err(format!("expected a number, found {}", n.describe(src))),
        };
        let parsed = parsed.and_then(|d| {
            if d.abs() > MAX_NUMBER {
                Err(format!(
                    "found {d}; numbers in a scenario are at most {} in size (10^15); an amount or count this large is a mistake",
                    thousands(&MAX_NUMBER.to_string())
                ))
            } else {
                Ok(d)
            }
        });
        match parsed {
            Ok(d) => Some(d),
            Err(m) => {
                self.err(f, n.loc, field, m);
                None
            }
        }
    }

    pub(super) fn integer(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
        lo: i64,
        hi: i64,
    ) -> Option<i64> {
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
    pub(super) fn year_in_horizon(&mut self, f: FileId, n: &Node, field: &str) -> Option<usize> {
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
    pub(super) fn years(&mut self, f: FileId, n: &Node, field: &str) -> Option<Vec<bool>> {
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

    /// A numeric input: a number, a percentage, an assumption name or a distribution.
    pub(super) fn param(&mut self, f: FileId, n: &Node, field: &str, dom: Domain) -> Option<Param> {
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        let p = match &n.kind {
            Kind::Number => {
                let d = self.decimal(f, n, field)?;
                let three_decimals = n.number_text(src).is_some_and(|t| {
                    !t.contains(['e', 'E'])
                        && t.split_once('.').is_some_and(|(_, frac)| frac.len() == 3)
                });
                if dom == Domain::Money && three_decimals {
                    self.err(
                        f,
                        n.loc,
                        field,
                        {
                            let t = n.number_text(src).unwrap_or_default();
                            format!(
                                "found {t}: kroner have at most two decimals (øre); if `.` is a thousands separator here, write {}",
                                t.replace('.', "")
                            )
                        },
                    );
                    return None;
                }
                Param::Fixed(d)
            }
            Kind::Str(s) if s.trim_end().ends_with('%') => {
                if matches!(dom, Domain::Money | Domain::Count) {
                    self.err(
                        f,
                        n.loc,
                        field,
                        format!(
                            "`{s}` is a percentage; expected {} (a percentage is read only where a share or a relative change is expected)",
                            dom.expected()
                        ),
                    );
                    return None;
                }
                Param::Fixed(self.decimal(f, n, field)?)
            }
            Kind::Str(s) if separated_number(s).is_some() => {
                self.err(f, n.loc, field, separated_number(s).unwrap_or_default());
                return None;
            }
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
    pub(super) fn check_domain(
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
        let base = match p {
            Param::Fixed(v) => Some(v),
            Param::Input { id, factor } => self.inputs[id].mean.checked_mul(factor),
        };
        // Shares keep their own message below; other domains are bounded by their largest value.
        if dom != Domain::Share && base.is_none_or(|b| b > dom.largest()) {
            let what = match (p, base) {
                (Param::Fixed(v), _) => format!("found {v}"),
                (_, Some(b)) => format!("the mean is {b}"),
                (_, None) => "the mean is too large".into(),
            };
            self.err(
                f,
                loc,
                field,
                format!(
                    "{what}{via}; expected at most {} ({})",
                    dom.largest(),
                    dom.expected()
                ),
            );
            return false;
        }
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

    pub(super) fn register(
        &mut self,
        f: FileId,
        loc: Loc,
        field: &str,
        input: Input,
    ) -> Option<InputId> {
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
    pub(super) fn value(&mut self, f: FileId, n: &Node, field: &str) -> Option<Value> {
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

    /// Named numeric parameters of a distribution, from a mapping or (in `order`) a list; names
    /// ending in `?` may be left off the end of the list (`normal: [mean, sd, min?, max?]`).
    pub(super) fn dist_params(
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
                let required = order.iter().filter(|k| !k.ends_with('?')).count();
                if items.len() < required || items.len() > order.len() {
                    let count = if required == order.len() {
                        order.len().to_string()
                    } else {
                        format!("{required} to {}", order.len())
                    };
                    self.err(
                        f,
                        n.loc,
                        field,
                        format!(
                            "expected {count} numbers [{}], found {}",
                            order.join(", "),
                            items.len()
                        ),
                    );
                    return None;
                }
                for (k, item) in order.iter().zip(items) {
                    let k = k.trim_end_matches('?');
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

    pub(super) fn distribution(
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
                    &["mean", "sd", "min?", "max?"],
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
                        lognormal_middle(med, lo, hi)
                            .and_then(|()| Dist::lognormal_interval(to_f64(med), to_f64(lo), to_f64(hi)))
                            .and_then(
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
            "beta" | "gamma" => {
                let native = if form == "beta" {
                    ["alpha", "beta"]
                } else {
                    ["shape", "scale"]
                };
                let allowed = ["mean", "sd", "se", native[0], native[1]];
                let m = self.dist_params(f, n, field, &[], &allowed)?;
                match (
                    get(&m, &["mean"]),
                    get(&m, &["sd", "se"]),
                    get(&m, &native[..1]),
                    get(&m, &native[1..]),
                ) {
                    (Some(mu), Some(sd), None, None) => if form == "beta" {
                        Dist::beta_moments(to_f64(mu), to_f64(sd))
                    } else {
                        Dist::gamma_moments(to_f64(mu), to_f64(sd))
                    }
                    .map(|d| (d, mu)),
                    (None, None, Some(a), Some(b)) => {
                        // Beta's mean is a / (a + b); gamma's is shape x scale.
                        let (d, mean) = if form == "beta" {
                            (Dist::beta(to_f64(a), to_f64(b)), a.checked_div(a + b))
                        } else {
                            (Dist::gamma(to_f64(a), to_f64(b)), a.checked_mul(b))
                        };
                        d.and_then(|d| {
                            mean.map(|x| (d, x))
                                .ok_or_else(|| format!("{form} parameters must be positive"))
                        })
                    }
                    _ => Err(format!(
                        "{form} needs either `mean` and `sd` or `{}` and `{}`",
                        native[0], native[1]
                    )),
                }
            }
            _ => Err(format!("unknown distribution `{form}`")),
        };
        let result = result.and_then(|(d, mean)| {
            if mean.abs() > MAX_NUMBER {
                Err(format!(
                    "its mean is {mean}; a distribution's mean is at most {} in size (10^15)",
                    thousands(&MAX_NUMBER.to_string())
                ))
            } else {
                Ok((d, mean))
            }
        });
        match result {
            Ok(r) => Some(r),
            Err(m) => {
                self.err(f, n.loc, field, m);
                None
            }
        }
    }

    /// A per-year input: constant, one value per year, or calendar year -> value.
    pub(super) fn series(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
        dom: Domain,
    ) -> Option<Series> {
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

    /// Name -> exact share, summing to 1.
    pub(super) fn shares(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
    ) -> Option<Vec<(String, Loc, Decimal)>> {
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
}

/// The largest number, in size, a scenario may contain (10^15: a thousand times the Danish
/// state's yearly budget in kroner). Within it, every value the model holds is exact and every
/// product the ledger forms is checked.
pub(super) const MAX_NUMBER: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0);

/// A lognormal given by its median and 90% interval is symmetric on the log scale, so the
/// median must be the interval's geometric middle, sqrt(low x high). somsim uses `low` and
/// `high` for the spread; a median more than 1% of the interval's log-width from the middle
/// would be silently re-centred, so it is refused with the median that fits.
fn lognormal_middle(median: Decimal, low: Decimal, high: Decimal) -> Result<(), String> {
    let (m, a, b) = (to_f64(median), to_f64(low), to_f64(high));
    if !(0.0 < a && a < m && m < b) {
        return Ok(()); // Dist::lognormal_interval says what is wrong.
    }
    let middle = (a * b).sqrt();
    if (m.ln() - middle.ln()).abs() <= 0.01 * (b.ln() - a.ln()) {
        return Ok(());
    }
    Err(format!(
        "a lognormal's 90% interval is symmetric on the log scale, so its median is the geometric middle of low and high, sqrt({low} x {high}) = {middle:.6}; found median {median}. Give the median {middle:.6}, or describe the value by `mean` and `sd`, or choose a skewed distribution (pert, triangular, gamma)"
    ))
}

/// `465.000` (a number with one `.` and exactly three zeros after it) read the Danish way: the
/// whole number it would mean (`465000`), or `None` for an ordinary decimal.
fn danish_thousands(text: &str) -> Option<String> {
    let t = text.trim().trim_start_matches(['+', '-']);
    let (int, frac) = t.split_once('.')?;
    (!int.is_empty()
        && int.len() <= 3
        && !int.starts_with('0')
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac == "000")
        .then(|| {
            format!(
                "{}{int}000",
                if text.trim().starts_with('-') {
                    "-"
                } else {
                    ""
                }
            )
        })
}

/// Text that is a number written with thousands separators or a decimal comma (`1.234,50`,
/// `400,000`, `1 200`): the message saying how to write it, or `None`.
fn separated_number(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t
        .strip_suffix("kr.")
        .or_else(|| t.strip_suffix("kr"))
        .unwrap_or(t)
        .trim();
    let body = t.trim_start_matches(['+', '-']);
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    let seps = body
        .bytes()
        .filter(|b| matches!(b, b'.' | b',' | b' '))
        .count();
    if digits == 0
        || seps == 0
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b' '))
    {
        return None;
    }
    // Danish: `.` groups thousands and `,` is the decimal comma; English: the other way round.
    let danish = body.contains(',')
        && (body.contains('.') || body.rsplit(',').next().is_some_and(|d| d.len() != 3));
    let plain = if danish {
        body.replace(['.', ' '], "").replace(',', ".")
    } else {
        body.replace([',', ' '], "")
    };
    let sign = if t.starts_with('-') { "-" } else { "" };
    Some(format!(
        "`{s}` is a number written with thousands separators or a decimal comma; write it without separators and with `.` for decimals, e.g. {sign}{plain}"
    ))
}

/// `1234567` as `1,234,567`, for messages.
fn thousands(digits: &str) -> String {
    let (sign, d) = digits.strip_prefix('-').map_or(("", digits), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

//! Changes to a scenario given on the command line: `--set PATH=VALUE` and
//! `--sweep PATH=START:STOP:STEP` (or `PATH=V1,V2,...`).
//!
//! A value is YAML (a number, `"-10%"`, a list, or a distribution such as
//! `{triangular: [3000, 5000, 9000]}`), parsed into its own source so that a mistake in it is
//! reported against the command line. The change is made to the parsed files before validation,
//! so a changed scenario is validated like any other.
//!
//! Paths (documented in `docs/batch.md`):
//!
//! | path | changes |
//! |---|---|
//! | `NAME` or `assumptions.NAME` | the value of a named assumption (as an override) |
//! | `start_year`, `horizon`, `price_year`, `attrition`, `discounting.rate` | scenario fields |
//! | `course.FIELD` | a course default |
//! | `municipalities[NAME or INDEX].FIELD` | a municipality's field |
//! | `costs[...].FIELD`, `transfers[...].FIELD`, `outcomes[...].FIELD`, `non_monetary[...].FIELD` | a line's field |
//! | `rollout.FIELD` | a roll-out field |
//! | `society.net_tax_factor`, `society.tax_distortion` | the societal perspective's factors |
//! | `PATH.pooling` | the pooling of the distribution at `PATH` (a field above, or an assumption) |

use std::path::PathBuf;

use rust_decimal::Decimal;

use super::diag::{Diagnostic, InputError, did_you_mean, one_of};
use super::node::{At, Kind, Loc, Node};
use super::raw;
use super::{Loaded, parse_yaml};

/// One `--set PATH=VALUE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    pub path: String,
    pub value: String,
}

fn usage(arg: &str, msg: impl Into<String>) -> InputError {
    InputError::single(Diagnostic {
        file: arg.to_owned(),
        line: 0,
        col: 0,
        field: String::new(),
        message: msg.into(),
        snippet: String::new(),
    })
}

/// Split `PATH=VALUE` at the first `=` outside brackets (names may contain `=`).
fn split_assignment(arg: &str) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (i, c) in arg.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '=' if depth == 0 => return Some((&arg[..i], &arg[i + 1..])),
            _ => {}
        }
    }
    None
}

impl Setting {
    /// Parse `PATH=VALUE`.
    pub fn parse(arg: &str) -> Result<Setting, InputError> {
        match split_assignment(arg) {
            Some((p, v)) if !p.trim().is_empty() && !v.trim().is_empty() => Ok(Setting {
                path: p.trim().to_owned(),
                value: v.trim().to_owned(),
            }),
            _ => Err(usage(
                &format!("--set {arg}"),
                "expected PATH=VALUE, e.g. --set bed_day_effect=-0.05 or --set 'costs[volunteer training].unit_cost={triangular: [3000, 5000, 9000]}'",
            )),
        }
    }
}

/// One `--sweep`: a path and the values it takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sweep {
    pub path: String,
    pub values: Vec<String>,
}

/// The most variants one sweep grid may have.
pub const MAX_VARIANTS: usize = 10_000;

impl Sweep {
    /// Parse `PATH=START:STOP:STEP` (inclusive of STOP when a step lands on it) or
    /// `PATH=V1,V2,...`.
    ///
    /// ```
    /// use somsim::input::edit::Sweep;
    ///
    /// let s = Sweep::parse("bed_day_effect=-0.2:0:0.1").unwrap();
    /// assert_eq!(s.values, ["-0.2", "-0.1", "0"]);
    /// let s = Sweep::parse("costs[c].unit_cost={uniform: [1, 2]},5").unwrap();
    /// assert_eq!(s.values, ["{uniform: [1, 2]}", "5"]);
    /// ```
    pub fn parse(arg: &str) -> Result<Sweep, InputError> {
        Sweep::parse_as("--sweep", arg)
    }

    /// [`Sweep::parse`] of the option `flag` (named in messages).
    pub fn parse_as(flag: &str, arg: &str) -> Result<Sweep, InputError> {
        let what = format!("{flag} {arg}");
        let Some((path, spec)) = split_assignment(arg) else {
            return Err(usage(
                &what,
                "expected PATH=START:STOP:STEP or PATH=V1,V2,...",
            ));
        };
        let path = path.trim().to_owned();
        let parts = split_top_level(spec, ':');
        let range: Option<Vec<Decimal>> = (parts.len() == 3)
            .then(|| {
                parts
                    .iter()
                    .map(|p| crate::decimal::parse_exact(p))
                    .collect::<Result<Vec<_>, _>>()
                    .ok()
            })
            .flatten();
        let values = if let Some(nums) = range {
            let [start, stop, step] = nums[..] else {
                unreachable!("three parts")
            };
            if step.is_zero() || (stop - start) * step < Decimal::ZERO {
                return Err(usage(
                    &what,
                    format!("a step of {step} never gets from {start} to {stop}"),
                ));
            }
            let n = ((stop - start) / step).floor();
            if n >= Decimal::from(MAX_VARIANTS) {
                return Err(usage(
                    &what,
                    format!(
                        "{} values; a sweep has at most {MAX_VARIANTS}",
                        n + Decimal::ONE
                    ),
                ));
            }
            let n = n.trunc().mantissa() / 10i128.pow(n.scale());
            (0..=n)
                .map(|k| (start + step * Decimal::from(k)).normalize().to_string())
                .collect()
        } else {
            split_top_level(spec, ',')
        };
        if path.is_empty() || values.iter().any(String::is_empty) {
            return Err(usage(
                &what,
                "expected PATH=START:STOP:STEP or PATH=V1,V2,...",
            ));
        }
        Ok(Sweep { path, values })
    }
}

/// Split at `sep` outside brackets and braces, trimming each part.
fn split_top_level(s: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => depth -= 1,
            _ => {}
        }
        if c == sep && depth == 0 {
            out.push(cur.trim().to_owned());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(cur.trim().to_owned());
    out
}

/// Every combination of the sweeps' values (the first sweep varies slowest), as settings.
pub fn grid(sweeps: &[Sweep]) -> Result<Vec<Vec<Setting>>, InputError> {
    let total = sweeps
        .iter()
        .try_fold(1usize, |acc, s| acc.checked_mul(s.values.len()))
        .unwrap_or(usize::MAX);
    if total > MAX_VARIANTS {
        return Err(usage(
            "--sweep",
            format!("the grid has {total} variants; at most {MAX_VARIANTS}"),
        ));
    }
    let mut out: Vec<Vec<Setting>> = vec![Vec::new()];
    for s in sweeps {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                s.values.iter().map(move |v| {
                    let mut p = prefix.clone();
                    p.push(Setting {
                        path: s.path.clone(),
                        value: v.clone(),
                    });
                    p
                })
            })
            .collect();
    }
    Ok(out)
}

/// The name a `--set` value goes by among a model's sources (for messages): not a file.
pub fn setting_label(s: &Setting) -> String {
    format!("--set {}={}", s.path, s.value)
}

/// Whether a model's source is a `--set` value rather than a file.
pub fn is_setting(source: &std::path::Path) -> bool {
    source.to_string_lossy().starts_with("--set ")
}

/// Apply `settings` to `loaded`, in order.
pub fn apply(loaded: &mut Loaded, settings: &[Setting]) -> Result<(), InputError> {
    for s in settings {
        let label = setting_label(s);
        let mut node: Node = parse_yaml(&PathBuf::from(&label), &s.value)?;
        node.src = Some(loaded.sources.add(PathBuf::from(&label), s.value.clone()));
        if let Some(prefix) = s.path.strip_suffix(".pooling") {
            set_pooling(loaded, prefix, node).map_err(|m| usage(&label, m))?;
            continue;
        }
        let slot = target(loaded, &s.path).map_err(|m| usage(&label, m))?;
        match slot {
            Target::Node(n) => *n = node,
            Target::Optional(n) => *n = Some(node),
            Target::Assumption(name) => {
                loaded.scenario.overrides.insert(
                    name,
                    At {
                        value: raw::Override {
                            value: node,
                            price_year: None,
                            source: Some(text("command line (--set)")),
                            note: None,
                        },
                        loc: Loc::default(),
                        def: Loc::default(),
                    },
                );
            }
        }
    }
    Ok(())
}

/// `PATH.pooling=P`: the pooling of the distribution at `PATH`, a scenario field or a named
/// assumption (its override where the scenario has one, else its value in its file). The
/// distribution is then validated as written with that `pooling`.
fn set_pooling(loaded: &mut Loaded, path: &str, value: Node) -> Result<(), String> {
    let name = match target(loaded, path)? {
        Target::Node(n) | Target::Optional(Some(n)) => return put_pooling(path, n, value),
        Target::Optional(None) => {
            return Err(format!(
                "`{path}` is not set in the scenario, so it has no pooling to change; give the whole distribution, e.g. --set '{path}={{beta: {{mean: 0.8, sd: 0.05}}, per_municipality: true, pooling: 0.5}}'"
            ));
        }
        Target::Assumption(name) => name,
    };
    let dist = match loaded.scenario.overrides.get_mut(&name) {
        Some(o) => &mut o.value.value,
        None => loaded
            .assumption_files
            .iter_mut()
            .find_map(|(_, f)| f.parameters.get_mut(&name))
            .map(|a| &mut a.value.value)
            .ok_or_else(|| format!("no assumption `{name}`"))?,
    };
    put_pooling(path, dist, value)
}

/// Set (or add) the `pooling` key of the distribution `dist`.
fn put_pooling(path: &str, dist: &mut Node, value: Node) -> Result<(), String> {
    let Kind::Map(entries) = &mut dist.kind else {
        return Err(format!(
            "`{path}` is not a distribution, so it has no pooling; pooling belongs to a distribution drawn per municipality, e.g. `{{beta: {{mean: 0.8, sd: 0.05}}, per_municipality: true, pooling: 0.5}}`"
        ));
    };
    let is_pooling = |k: &Node| matches!(&k.kind, Kind::Str(s) if s == "pooling");
    match entries.iter_mut().find(|(k, _)| is_pooling(k)) {
        Some((_, v)) => *v = value,
        None => {
            let key = Node {
                kind: Kind::Str("pooling".into()),
                ..value.clone()
            };
            entries.push((key, value));
        }
    }
    Ok(())
}

fn text(s: &str) -> super::node::Text {
    At {
        value: s.to_owned(),
        loc: Loc::default(),
        def: Loc::default(),
    }
}

enum Target<'a> {
    Node(&'a mut Node),
    Optional(&'a mut Option<Node>),
    Assumption(String),
}

/// `name[selector]` -> (name, Some(selector)).
fn split_selector(seg: &str) -> Result<(&str, Option<&str>), String> {
    match seg.split_once('[') {
        None => Ok((seg, None)),
        Some((name, rest)) => match rest.strip_suffix(']') {
            Some(sel) => Ok((name, Some(sel))),
            None => Err(format!("`{seg}`: a `[` without its `]`")),
        },
    }
}

/// The element of `items` named (or numbered) `sel`.
fn pick<'a, T>(
    list: &str,
    items: &'a mut [At<T>],
    sel: Option<&str>,
    name_of: impl Fn(&T) -> &str,
) -> Result<&'a mut T, String> {
    let names: Vec<String> = items.iter().map(|i| name_of(&i.value).to_owned()).collect();
    let Some(sel) = sel else {
        return Err(format!(
            "`{list}` is a list: say which one, e.g. `{list}[{}]` or `{list}[0]`",
            names.first().map(String::as_str).unwrap_or("NAME")
        ));
    };
    let index = names
        .iter()
        .position(|n| n == sel)
        .or_else(|| sel.parse::<usize>().ok().filter(|i| *i < items.len()));
    match index {
        Some(i) => Ok(&mut items[i].value),
        None => {
            let hint = did_you_mean(sel, names.iter().map(String::as_str))
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            Err(format!(
                "no {list} entry `{sel}`; {hint}the scenario's are {} (or an index from 0 to {})",
                one_of(&names),
                items.len().saturating_sub(1)
            ))
        }
    }
}

fn unknown_field(path: &str, field: &str, fields: &[&str]) -> String {
    let hint = did_you_mean(field, fields.iter().copied())
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default();
    format!(
        "`{path}` has no field `{field}` that takes a value; {hint}expected {}",
        one_of(fields)
    )
}

fn target<'a>(loaded: &'a mut Loaded, path: &'a str) -> Result<Target<'a>, String> {
    let assumption_names: Vec<String> = loaded
        .assumption_files
        .iter()
        .flat_map(|(_, f)| f.parameters.keys().cloned())
        .collect();
    let (head, rest) = match path.split_once('.') {
        // A `.` inside brackets belongs to a name, not to the path.
        Some((h, r)) if !h.contains('[') || h.contains(']') => (h, Some(r)),
        _ => (path, None),
    };
    let (list, sel) = split_selector(head)?;
    let sc = &mut loaded.scenario;
    let need_field = |r: Option<&'a str>| -> Result<&'a str, String> {
        r.ok_or_else(|| format!("`{path}`: say which field, e.g. `{path}.unit_cost`"))
    };
    Ok(match (list, sel, rest) {
        ("assumptions", None, Some(name)) | (name, None, None)
            if assumption_names.iter().any(|n| n == name) =>
        {
            Target::Assumption(name.to_owned())
        }
        ("start_year", None, None) => Target::Node(&mut sc.start_year),
        ("horizon", None, None) => Target::Node(&mut sc.horizon),
        ("price_year", None, None) => Target::Node(&mut sc.price_year),
        ("attrition", None, None) => Target::Optional(&mut sc.attrition),
        ("discounting", None, Some("rate")) => {
            let d = sc.discounting.get_or_insert_with(|| At {
                value: raw::Discounting {
                    rate: None,
                    schedule: None,
                },
                loc: Loc::default(),
                def: Loc::default(),
            });
            d.value.schedule = None;
            Target::Optional(&mut d.value.rate)
        }
        ("course", None, Some(field)) => {
            let c = &mut sc
                .course
                .get_or_insert_with(|| At {
                    value: raw::CourseParams::default(),
                    loc: Loc::default(),
                    def: Loc::default(),
                })
                .value;
            match field {
                "participants_per_course" => Target::Optional(&mut c.participants_per_course),
                "completion_rate" => Target::Optional(&mut c.completion_rate),
                "peers_per_course" => Target::Optional(&mut c.peers_per_course),
                "volunteer_turnover" => Target::Optional(&mut c.volunteer_turnover),
                f => return Err(unknown_field(path, f, &MUNI_COURSE_FIELDS[1..5])),
            }
        }
        ("municipalities", sel, rest) => {
            let m = pick("municipalities", &mut sc.municipalities, sel, |m| {
                &m.name.value
            })?;
            match need_field(rest)? {
                "courses" => Target::Node(&mut m.courses),
                "participants_per_course" => Target::Optional(&mut m.participants_per_course),
                "completion_rate" => Target::Optional(&mut m.completion_rate),
                "peers_per_course" => Target::Optional(&mut m.peers_per_course),
                "volunteer_turnover" => Target::Optional(&mut m.volunteer_turnover),
                "volunteers_trained" => Target::Optional(&mut m.volunteers_trained),
                f => return Err(unknown_field(path, f, &MUNI_COURSE_FIELDS)),
            }
        }
        ("costs", sel, rest) => {
            let c = pick("costs", &mut sc.costs, sel, |c| &c.name.value)?;
            match need_field(rest)? {
                "quantity" => Target::Optional(&mut c.quantity),
                "unit_cost" => Target::Node(&mut c.unit_cost),
                "years" => Target::Optional(&mut c.years),
                "shared" => Target::Optional(&mut c.shared),
                f => {
                    return Err(unknown_field(
                        path,
                        f,
                        &["quantity", "unit_cost", "years", "shared"],
                    ));
                }
            }
        }
        ("transfers", sel, rest) => {
            let t = pick("transfers", &mut sc.transfers, sel, |t| &t.name.value)?;
            match need_field(rest)? {
                "amount" => Target::Node(&mut t.amount),
                "years" => Target::Node(&mut t.years),
                "shared" => Target::Optional(&mut t.shared),
                f => return Err(unknown_field(path, f, &["amount", "years", "shared"])),
            }
        }
        ("outcomes", sel, rest) => {
            let o = pick("outcomes", &mut sc.outcomes, sel, |o| &o.name.value)?;
            match need_field(rest)? {
                "baseline" => Target::Node(&mut o.baseline),
                "effect" => Target::Optional(&mut o.effect),
                "gross_effect" => Target::Optional(&mut o.gross_effect),
                "deadweight" => Target::Optional(&mut o.deadweight),
                "profile" => Target::Node(&mut o.profile),
                "unit_price" => Target::Node(&mut o.unit_price),
                "payers" => Target::Node(&mut o.payers),
                "attrition" => Target::Optional(&mut o.attrition),
                f => {
                    return Err(unknown_field(
                        path,
                        f,
                        &[
                            "baseline",
                            "effect",
                            "gross_effect",
                            "deadweight",
                            "profile",
                            "unit_price",
                            "payers",
                            "attrition",
                        ],
                    ));
                }
            }
        }
        ("non_monetary", sel, rest) => {
            let n = pick("non_monetary", &mut sc.non_monetary, sel, |n| &n.name.value)?;
            match need_field(rest)? {
                "per_completer" => Target::Node(&mut n.per_completer),
                f => return Err(unknown_field(path, f, &["per_completer"])),
            }
        }
        ("society", None, Some(field)) => {
            let s = &mut sc
                .society
                .get_or_insert_with(|| At {
                    value: raw::Society::default(),
                    loc: Loc::default(),
                    def: Loc::default(),
                })
                .value;
            // A factor set on the command line is sourced by the command line.
            s.source.get_or_insert_with(|| At {
                value: "set on the command line".into(),
                loc: Loc::default(),
                def: Loc::default(),
            });
            match field {
                "net_tax_factor" => Target::Optional(&mut s.net_tax_factor),
                "tax_distortion" => Target::Optional(&mut s.tax_distortion),
                f => {
                    return Err(unknown_field(
                        path,
                        f,
                        &["net_tax_factor", "tax_distortion"],
                    ));
                }
            }
        }
        ("rollout", None, Some(field)) => {
            let Some(r) = sc.rollout.as_mut() else {
                return Err("the scenario has no `rollout`".into());
            };
            match field {
                "adult_share" => Target::Node(&mut r.value.adult_share),
                "courses_per_10000_adults" => Target::Node(&mut r.value.courses_per_10000_adults),
                "scale" => Target::Node(&mut r.value.scale),
                f => {
                    return Err(unknown_field(
                        path,
                        f,
                        &["adult_share", "courses_per_10000_adults", "scale"],
                    ));
                }
            }
        }
        _ => {
            let mut choices: Vec<&str> = TOP.to_vec();
            choices.extend(assumption_names.iter().map(String::as_str));
            let hint = did_you_mean(list, choices.iter().copied())
                .map(|s| format!(" Did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(format!(
                "unknown path `{path}`.{hint} A path starts with {} or names an assumption of the loaded files{}",
                one_of(TOP),
                if assumption_names.is_empty() {
                    " (none are loaded)".to_owned()
                } else {
                    format!(
                        " ({}{})",
                        one_of(&assumption_names[..assumption_names.len().min(8)]),
                        if assumption_names.len() > 8 {
                            ", ..."
                        } else {
                            ""
                        }
                    )
                }
            ));
        }
    })
}

const TOP: &[&str] = &[
    "start_year",
    "horizon",
    "price_year",
    "attrition",
    "discounting.rate",
    "course",
    "municipalities",
    "costs",
    "transfers",
    "outcomes",
    "non_monetary",
    "rollout",
    "society",
    "assumptions",
];

const MUNI_COURSE_FIELDS: [&str; 6] = [
    "courses",
    "participants_per_course",
    "completion_rate",
    "peers_per_course",
    "volunteer_turnover",
    "volunteers_trained",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweeps_are_inclusive_and_exact() {
        let s = Sweep::parse("x=0.1:0.3:0.1").unwrap();
        assert_eq!(s.values, ["0.1", "0.2", "0.3"]);
        let s = Sweep::parse("x=10:0:-5").unwrap();
        assert_eq!(s.values, ["10", "5", "0"]);
        let s = Sweep::parse("x=1,2, {uniform: [1, 2]}").unwrap();
        assert_eq!(s.values.len(), 3);
        assert!(Sweep::parse("x=0:1:0").is_err());
        assert!(Sweep::parse("x=0:1:-1").is_err());
        assert!(Sweep::parse("x=0:1000000:1").is_err());
    }

    #[test]
    fn the_grid_is_every_combination() {
        let a = Sweep::parse("a=1:3:1").unwrap();
        let b = Sweep::parse("b=1,2").unwrap();
        let g = grid(&[a, b]).unwrap();
        assert_eq!(g.len(), 6);
        assert_eq!(g[1][0].value, "1");
        assert_eq!(g[1][1].value, "2");
    }

    #[test]
    fn settings_need_a_path_and_a_value() {
        assert!(Setting::parse("x=1").is_ok());
        assert!(Setting::parse("x").is_err());
        assert!(Setting::parse("=1").is_err());
        assert_eq!(
            Setting::parse("costs[a=b].unit_cost=5").unwrap().path,
            "costs[a=b].unit_cost"
        );
    }
}

//! The paths of `--set` and `--sweep`: where in the parsed files `PATH` points (a scenario
//! field, a list entry's field, a named assumption, or a distribution's `pooling`), and the
//! messages for a path that points nowhere.

use crate::input::diag::{did_you_mean, one_of};
use crate::input::node::{At, Kind, Loc, Node, Text};
use crate::input::{Loaded, raw};
use crate::lang::{Message, msg};

/// `PATH.pooling=P`: the pooling of the distribution at `PATH`, a scenario field or a named
/// assumption (its override where the scenario has one, else its value in its file). The
/// distribution is then validated as written with that `pooling`.
pub(super) fn set_pooling(loaded: &mut Loaded, path: &str, value: Node) -> Result<(), Message> {
    let name = match target(loaded, path)? {
        Target::Node(n) | Target::Optional(Some(n)) => return put_pooling(path, n, value),
        Target::Optional(None) => {
            return Err(msg!(
                "`{path}` is not set in the scenario, so it has no pooling to change; give the whole distribution, e.g. --set '{path}={{beta: {{mean: 0.8, sd: 0.05}}, per_municipality: true, pooling: 0.5}}'",
                "`{path}` er ikke angivet i scenariet, så der er ingen pooling at ændre; angiv hele fordelingen, fx --set '{path}={{beta: {{mean: 0.8, sd: 0.05}}, per_municipality: true, pooling: 0.5}}'"
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
            .ok_or_else(|| msg!("no assumption `{name}`", "ingen antagelse hedder `{name}`"))?,
    };
    put_pooling(path, dist, value)
}

/// Set (or add) the `pooling` key of the distribution `dist`.
fn put_pooling(path: &str, dist: &mut Node, value: Node) -> Result<(), Message> {
    let Kind::Map(entries) = &mut dist.kind else {
        return Err(msg!(
            "`{path}` is not a distribution, so it has no pooling; pooling belongs to a distribution drawn per municipality, e.g. `{{beta: {{mean: 0.8, sd: 0.05}}, per_municipality: true, pooling: 0.5}}`",
            "`{path}` er ikke en fordeling og har derfor ingen pooling; pooling hører til en fordeling, der trækkes for hver kommune, fx `{{beta: {{mean: 0.8, sd: 0.05}}, per_municipality: true, pooling: 0.5}}`"
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

pub(super) fn text(s: &str) -> Text {
    At {
        value: s.to_owned(),
        loc: Loc::default(),
        def: Loc::default(),
    }
}

pub(super) enum Target<'a> {
    Node(&'a mut Node),
    Optional(&'a mut Option<Node>),
    Assumption(String),
}

/// `head.rest` split at the first `.` outside brackets: a `.` inside `[...]` belongs to a name
/// (`costs[coordinator v2.1].unit_cost`).
fn split_path(path: &str) -> (&str, Option<&str>) {
    let mut depth = 0i32;
    for (i, c) in path.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '.' if depth == 0 => return (&path[..i], Some(&path[i + 1..])),
            _ => {}
        }
    }
    (path, None)
}

/// `name[selector]` -> (name, Some(selector)).
fn split_selector(seg: &str) -> Result<(&str, Option<&str>), Message> {
    match seg.split_once('[') {
        None => Ok((seg, None)),
        Some((name, rest)) => match rest.strip_suffix(']') {
            Some(sel) => Ok((name, Some(sel))),
            None => Err(msg!(
                "`{seg}`: a `[` without its `]`",
                "`{seg}`: en `[` uden sin `]`"
            )),
        },
    }
}

/// The element of `items` named (or numbered) `sel`.
fn pick<'a, T>(
    list: &str,
    items: &'a mut [At<T>],
    sel: Option<&str>,
    name_of: impl Fn(&T) -> &str,
) -> Result<&'a mut T, Message> {
    let names: Vec<String> = items.iter().map(|i| name_of(&i.value).to_owned()).collect();
    let Some(sel) = sel else {
        let first = names.first().map(String::as_str).unwrap_or("NAME");
        return Err(msg!(
            "`{list}` is a list: say which one, e.g. `{list}[{first}]` or `{list}[0]`",
            "`{list}` er en liste: sig hvilken, fx `{list}[{first}]` eller `{list}[0]`"
        ));
    };
    let index = names
        .iter()
        .position(|n| n == sel)
        .or_else(|| sel.parse::<usize>().ok().filter(|i| *i < items.len()));
    match index {
        Some(i) => Ok(&mut items[i].value),
        None => {
            let hint = typo(sel, names.iter().map(String::as_str));
            let last = items.len().saturating_sub(1);
            Err(msg!(
                "no {list} entry `{sel}`; {hint}the scenario's are {names} (or an index from 0 to {last})",
                "`{list}` har intet punkt `{sel}`; {hint}scenariets er {names} (eller et nummer fra 0 til {last})",
                hint = hint,
                names = one_of(&names),
            ))
        }
    }
}

/// "did you mean `x`? " (Danish "mente du `x`? ") when `word` looks like a typo of one of
/// `choices`; nothing otherwise.
fn typo<'a>(word: &str, choices: impl IntoIterator<Item = &'a str>) -> Message {
    match did_you_mean(word, choices) {
        Some(s) => msg!("did you mean `{s}`? ", "mente du `{s}`? "),
        None => Message::verbatim(""),
    }
}

/// The terms of a contract `--set` can reach (`rest` is the path after `contracts[NAME].`).
fn contract_term<'a>(
    c: &'a mut raw::Contract,
    path: &str,
    rest: &str,
) -> Result<Target<'a>, Message> {
    const FIELDS: [&str; 11] = [
        "cohorts",
        "cap",
        "return_cap",
        "hurdle_rate",
        "last_year",
        "floor.share",
        "guarantee.amount",
        "gain_share.share",
        "gain_share.lag",
        "prefinance[COST].share|years",
        "rate_card[ITEM].price|lag|cap|measured|trigger.at_least|trigger.at_most|trigger.measured",
    ];
    let absent = |what: &str| {
        msg!(
            "`{path}`: the contract has no `{what}` to change; add it in the contract's file",
            "`{path}`: kontrakten har ingen `{what}`, der kan ændres; tilføj den i kontraktens fil"
        )
    };
    let (head, tail) = split_path(rest);
    let (list, sel) = split_selector(head)?;
    Ok(match (list, sel, tail) {
        ("cohorts", None, None) => Target::Optional(&mut c.cohorts),
        ("cap", None, None) => Target::Optional(&mut c.cap),
        ("return_cap", None, None) => Target::Optional(&mut c.return_cap),
        ("hurdle_rate", None, None) => Target::Optional(&mut c.hurdle_rate),
        ("last_year", None, None) => Target::Node(&mut c.last_year),
        ("floor", None, Some("share")) => match &mut c.floor {
            Some(f) => Target::Node(&mut f.value.share),
            None => return Err(absent("floor")),
        },
        ("guarantee", None, Some("amount")) => match &mut c.guarantee {
            Some(g) => Target::Node(&mut g.value.amount),
            None => return Err(absent("guarantee")),
        },
        ("gain_share", None, Some(field)) => match (&mut c.gain_share, field) {
            (Some(g), "share") => Target::Node(&mut g.value.share),
            (Some(g), "lag") => Target::Optional(&mut g.value.lag),
            (Some(_), f) => return Err(unknown_field(path, f, &["share", "lag"])),
            (None, _) => return Err(absent("gain_share")),
        },
        ("prefinance", sel, Some(field)) => {
            let p = pick("prefinance", &mut c.prefinance, sel, |p| &p.cost.value)?;
            match field {
                "share" => Target::Optional(&mut p.share),
                "years" => Target::Node(&mut p.years),
                f => return Err(unknown_field(path, f, &["share", "years"])),
            }
        }
        ("rate_card", sel, Some(field)) => {
            let i = pick("rate_card", &mut c.rate_card, sel, |i| {
                i.name
                    .as_ref()
                    .map_or(i.metric.value.as_str(), |n| n.value.as_str())
            })?;
            match field {
                "price" => Target::Node(&mut i.price),
                "lag" => Target::Optional(&mut i.lag),
                "cap" => Target::Optional(&mut i.cap),
                "measured" => Target::Optional(&mut i.measured),
                "trigger.at_least" | "trigger.at_most" | "trigger.measured" => {
                    let Some(t) = &mut i.trigger else {
                        return Err(absent("trigger"));
                    };
                    match field {
                        "trigger.at_least" => Target::Optional(&mut t.value.at_least),
                        "trigger.at_most" => Target::Optional(&mut t.value.at_most),
                        _ => Target::Optional(&mut t.value.measured),
                    }
                }
                f => {
                    return Err(unknown_field(
                        path,
                        f,
                        &[
                            "price",
                            "lag",
                            "cap",
                            "measured",
                            "trigger.at_least",
                            "trigger.at_most",
                            "trigger.measured",
                        ],
                    ));
                }
            }
        }
        _ => return Err(unknown_field(path, rest, &FIELDS)),
    })
}

fn unknown_field(path: &str, field: &str, fields: &[&str]) -> Message {
    msg!(
        "`{path}` has no field `{field}` that takes a value; {hint}expected {fields}",
        "`{path}` har intet felt `{field}`, der kan få en værdi; {hint}forventede {fields}",
        hint = typo(field, fields.iter().copied()),
        fields = one_of(fields),
    )
}

pub(super) fn target<'a>(loaded: &'a mut Loaded, path: &'a str) -> Result<Target<'a>, Message> {
    let assumption_names: Vec<String> = loaded
        .assumption_files
        .iter()
        .flat_map(|(_, f)| f.parameters.keys().cloned())
        .collect();
    // An assumption whose name has a `.` in it is named by its whole name.
    if assumption_names.iter().any(|n| n == path) {
        return Ok(Target::Assumption(path.to_owned()));
    }
    let (head, rest) = split_path(path);
    let (list, sel) = split_selector(head)?;
    let sc = &mut loaded.scenario;
    let need_field = |r: Option<&'a str>| -> Result<&'a str, Message> {
        r.ok_or_else(|| {
            msg!(
                "`{path}`: say which field, e.g. `{path}.unit_cost`",
                "`{path}`: sig hvilket felt, fx `{path}.unit_cost`"
            )
        })
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
                "stop.after" | "stop.probability" => stop_field(path, &mut c.stop, field)?,
                f => {
                    let mut expected = MUNI_COURSE_FIELDS[1..5].to_vec();
                    expected.extend(["stop.after", "stop.probability"]);
                    return Err(unknown_field(path, f, &expected));
                }
            }
        }
        ("municipalities", sel, rest) => {
            let m = pick("municipalities", &mut sc.municipalities, sel, |m| {
                &m.name.value
            })?;
            match need_field(rest)? {
                f @ ("stop.after" | "stop.probability") => stop_field(path, &mut m.stop, f)?,
                "courses" => Target::Node(&mut m.courses),
                "participants_per_course" => Target::Optional(&mut m.participants_per_course),
                "completion_rate" => Target::Optional(&mut m.completion_rate),
                "peers_per_course" => Target::Optional(&mut m.peers_per_course),
                "volunteer_turnover" => Target::Optional(&mut m.volunteer_turnover),
                "volunteers_trained" => Target::Optional(&mut m.volunteers_trained),
                f => {
                    let mut expected = MUNI_COURSE_FIELDS.to_vec();
                    expected.extend(["stop.after", "stop.probability"]);
                    return Err(unknown_field(path, f, &expected));
                }
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
        ("contracts", sel, rest) => {
            let list = match &mut loaded.contract_file {
                Some((_, f)) => &mut f.contracts,
                None => &mut sc.contracts,
            };
            let c = pick("contracts", list, sel, |c| &c.name.value)?;
            contract_term(c, path, need_field(rest)?)?
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
                return Err(Message::new(
                    "the scenario has no `rollout`",
                    "scenariet har ingen `rollout`",
                ));
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
            let hint = match did_you_mean(list, choices.iter().copied()) {
                Some(s) => msg!(" Did you mean `{s}`?", " Mente du `{s}`?"),
                None => Message::verbatim(""),
            };
            let loaded = if assumption_names.is_empty() {
                Message::new(" (none are loaded)", " (ingen er indlæst)")
            } else {
                let more = if assumption_names.len() > 8 {
                    ", ..."
                } else {
                    ""
                };
                msg!(
                    " ({names}{more})",
                    " ({names}{more})",
                    names = one_of(&assumption_names[..assumption_names.len().min(8)]),
                )
            };
            return Err(msg!(
                "unknown path `{path}`.{hint} A path starts with {top} or names an assumption of the loaded files{loaded}",
                "ukendt sti `{path}`.{hint} En sti begynder med {top} eller er navnet på en antagelse i de indlæste filer{loaded}",
                hint = hint,
                top = one_of(TOP),
                loaded = loaded,
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

/// Put a whole `stop: {after, probability}` on `prefix` (`course`, or `municipalities[M]`),
/// where the file may have none.
pub(super) fn set_stop(
    loaded: &mut Loaded,
    prefix: &str,
    stop: At<raw::Stop>,
) -> Result<(), Message> {
    let sc = &mut loaded.scenario;
    let (head, _) = split_path(prefix);
    let (name, sel) = match head.split_once('[') {
        Some((n, rest)) => (n, rest.strip_suffix(']')),
        None => (head, None),
    };
    match (name, sel) {
        ("course", None) if prefix == "course" => {
            let c = sc.course.get_or_insert_with(|| At {
                value: raw::CourseParams::default(),
                loc: Loc::default(),
                def: Loc::default(),
            });
            c.value.stop = Some(stop);
            Ok(())
        }
        ("municipalities", sel) if prefix == head => {
            let m = pick("municipalities", &mut sc.municipalities, sel, |m| {
                &m.name.value
            })?;
            m.stop = Some(stop);
            Ok(())
        }
        _ => Err(msg!(
            "`{prefix}.stop`: a stop belongs to `course` (every municipality) or to `municipalities[NAME]`",
            "`{prefix}.stop`: et stop hører til `course` (alle kommuner) eller til `municipalities[NAVN]`"
        )),
    }
}

/// `stop.after` or `stop.probability` of a `stop:` the file gives.
fn stop_field<'s>(
    path: &str,
    stop: &'s mut Option<At<raw::Stop>>,
    field: &str,
) -> Result<Target<'s>, Message> {
    let Some(s) = stop else {
        return Err(msg!(
            "`{path}`: there is no `stop` to change here; give the whole stop, e.g. --set '{prefix}={{after: 2027, probability: 0.2}}', or add it in the scenario's file",
            "`{path}`: der er intet `stop` at ændre her; angiv hele stoppet, fx --set '{prefix}={{after: 2027, probability: 0.2}}', eller tilføj det i scenariets fil",
            prefix = path.rsplit_once('.').map_or(path, |(p, _)| p)
        ));
    };
    Ok(match field {
        "stop.after" => Target::Node(&mut s.value.after),
        _ => Target::Node(&mut s.value.probability),
    })
}

const MUNI_COURSE_FIELDS: [&str; 6] = [
    "courses",
    "participants_per_course",
    "completion_rate",
    "peers_per_course",
    "volunteer_turnover",
    "volunteers_trained",
];

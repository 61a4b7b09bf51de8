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

mod paths;

use super::diag::{Diagnostic, InputError};
use super::node::{At, Loc, Node};
use super::raw;
use super::{Loaded, parse_yaml};
use crate::lang::{Message, Num, msg};
use paths::{Target, set_pooling, set_stop, target, text};

/// One `--set PATH=VALUE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    pub path: String,
    pub value: String,
    /// The option that gave it, as typed (`--set PATH=VALUE`, or the `--sweep` it is a value
    /// of): what messages about the value name.
    pub label: String,
}

fn usage(arg: &str, message: Message) -> InputError {
    InputError::single(Diagnostic {
        file: arg.to_owned(),
        line: 0,
        col: 0,
        field: String::new(),
        message,
        snippet: Message::verbatim(""),
    })
}

/// What a `--sweep` (or `--vary`) looks like.
fn sweep_form() -> Message {
    Message::new(
        "expected PATH=START:STOP:STEP or PATH=V1,V2,...",
        "forventede PATH=START:STOP:STEP eller PATH=V1,V2,... (en sti, `=` og et interval eller en liste af værdier)",
    )
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
            Some((p, v)) if !p.trim().is_empty() && !v.trim().is_empty() => {
                let (path, value) = (p.trim().to_owned(), v.trim().to_owned());
                Ok(Setting {
                    label: format!("--set {path}={value}"),
                    path,
                    value,
                })
            }
            _ => Err(usage(
                &format!("--set {arg}"),
                Message::new(
                    "expected PATH=VALUE, e.g. --set bed_day_effect=-0.05 or --set 'costs[volunteer training].unit_cost={triangular: [3000, 5000, 9000]}'",
                    "forventede PATH=VALUE (en sti, `=` og en værdi), fx --set bed_day_effect=-0.05 eller --set 'costs[volunteer training].unit_cost={triangular: [3000, 5000, 9000]}'",
                ),
            )),
        }
    }
}

/// One `--sweep`: a path and the values it takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sweep {
    pub path: String,
    pub values: Vec<String>,
    /// The option as typed (`--sweep PATH=SPEC`), for messages.
    pub label: String,
}

/// The most variants one sweep grid may have.
pub const MAX_VARIANTS: usize = 10_000;

impl Sweep {
    /// Parse `PATH=START:STOP:STEP` (inclusive of STOP when a step lands on it) or
    /// `PATH=V1,V2,...`.
    ///
    /// A range's numbers are read as people type them ([`crate::decimal::typed`]): a thousands
    /// separator or decimal comma is refused here, and a value whose reading depends on what
    /// the path means (`20.000` is twenty thousand kroner but a share of 20) keeps the form it
    /// was typed in, so that the scenario's check of that field sees it as typed. A range of
    /// percentages gives percentages.
    ///
    /// ```
    /// use somsim::input::edit::Sweep;
    ///
    /// let s = Sweep::parse("bed_day_effect=-0.2:0:0.1").unwrap();
    /// assert_eq!(s.values, ["-0.2", "-0.1", "0"]);
    /// let s = Sweep::parse("costs[c].unit_cost={uniform: [1, 2]},5").unwrap();
    /// assert_eq!(s.values, ["{uniform: [1, 2]}", "5"]);
    /// let s = Sweep::parse("x=20.000:40.000:10.000").unwrap();
    /// assert_eq!(s.values, ["20.000", "30.000", "40.000"]);
    /// let s = Sweep::parse("x=-10%:0%:5%").unwrap();
    /// assert_eq!(s.values, ["-10%", "-5%", "0%"]);
    /// assert!(Sweep::parse("x=0,5:0,9:0,1").is_err());
    /// ```
    pub fn parse(arg: &str) -> Result<Sweep, InputError> {
        Sweep::parse_as("--sweep", arg)
    }

    /// [`Sweep::parse`] of the option `flag` (named in messages).
    pub fn parse_as(flag: &str, arg: &str) -> Result<Sweep, InputError> {
        let label = format!("{flag} {arg}");
        let Some((path, spec)) = split_assignment(arg) else {
            return Err(usage(&label, sweep_form()));
        };
        let path = path.trim().to_owned();
        let parts = split_top_level(spec, ':');
        let values = if parts.len() == 3 && parts.iter().all(|p| !p.contains(['{', '['])) {
            range(&parts).map_err(|m| usage(&label, m))?
        } else {
            if let Some(m) = crate::decimal::typed::ambiguous_list(spec) {
                return Err(usage(&label, m));
            }
            split_top_level(spec, ',')
        };
        if path.is_empty() || values.iter().any(String::is_empty) {
            return Err(usage(&label, sweep_form()));
        }
        Ok(Sweep {
            path,
            values,
            label,
        })
    }

    /// The setting that gives this sweep's value `value`.
    fn setting(&self, value: &str) -> Setting {
        Setting {
            path: self.path.clone(),
            value: value.to_owned(),
            label: format!("{} (value {value})", self.label),
        }
    }
}

/// The values of `START:STOP:STEP`, in exact decimal arithmetic.
fn range(parts: &[String]) -> Result<Vec<String>, Message> {
    use crate::decimal::typed::{self, Form};
    let names = ["START", "STOP", "STEP"];
    let mut readings = Vec::with_capacity(3);
    for (name, part) in names.iter().zip(parts) {
        let r = typed::parse(part).map_err(|e| {
            msg!(
                "{name} `{part}`: {e} (a range is START:STOP:STEP)",
                "{name} `{part}`: {e} (et interval skrives START:STOP:STEP)",
                e = e,
            )
        })?;
        readings.push(r);
    }
    let percent = readings.iter().filter(|r| r.form == Form::Percent).count();
    if percent != 0 && percent != 3 {
        return Err(Message::new(
            "write all three of START:STOP:STEP as percentages (e.g. -10%:0%:5%) or none",
            "skriv enten alle tre af START:STOP:STEP som procent (fx -10%:0%:5%) eller ingen af dem",
        ));
    }
    let [start, stop, step] = [0, 1, 2].map(|i| readings[i].value);
    let zero = Decimal::ZERO;
    if step.is_zero() || (stop > start && step < zero) || (stop < start && step > zero) {
        let (start, stop, step) = (&readings[0].text, &readings[1].text, &readings[2].text);
        return Err(msg!(
            "a step of {step} never gets from {start} to {stop}",
            "med skridt på {step} kommer man aldrig fra {start} til {stop}"
        ));
    }
    let too_many = || {
        msg!(
            "more than {most} values; a sweep has at most {most}",
            "mere end {most} værdier; et `--sweep` har højst {most}",
            most = Num(MAX_VARIANTS),
        )
    };
    let n = stop
        .checked_sub(start)
        .and_then(|d| d.checked_div(step))
        .ok_or_else(too_many)?
        .floor();
    if n >= Decimal::from(MAX_VARIANTS) {
        return Err(msg!(
            "{n} values; a sweep has at most {most}",
            "{n} værdier; et `--sweep` har højst {most}",
            n = Num(n + Decimal::ONE),
            most = Num(MAX_VARIANTS),
        ));
    }
    let n = u32::try_from(n).map_err(|_| too_many())?;
    // A value whose reading depends on the field's meaning (`20.000`, `612.500`) keeps three
    // decimals, as typed; plain values are written plainly.
    let keep_three = readings
        .iter()
        .any(|r| matches!(r.form, Form::Thousands { .. } | Form::ThreeDecimals));
    (0..=n)
        .map(|k| {
            let v = step
                .checked_mul(Decimal::from(k))
                .and_then(|x| x.checked_add(start))
                .ok_or_else(too_many)?;
            Ok(if percent == 3 {
                format!("{}%", (v * Decimal::ONE_HUNDRED).normalize())
            } else if keep_three {
                format!("{:.3}", v)
            } else {
                v.normalize().to_string()
            })
        })
        .collect()
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
            msg!(
                "the grid has {total} variants; at most {most}",
                "gitteret har {total} varianter; højst {most}",
                total = Num(total),
                most = Num(MAX_VARIANTS),
            ),
        ));
    }
    let mut out: Vec<Vec<Setting>> = vec![Vec::new()];
    for s in sweeps {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                s.values.iter().map(move |v| {
                    let mut p = prefix.clone();
                    p.push(s.setting(v));
                    p
                })
            })
            .collect();
    }
    Ok(out)
}

/// The name a `--set` value goes by among a model's sources (for messages): not a file.
pub fn setting_label(s: &Setting) -> String {
    s.label.clone()
}

/// Whether a model's source is a `--set` or `--sweep` value rather than a file.
pub fn is_setting(source: &std::path::Path) -> bool {
    let s = source.to_string_lossy();
    s.starts_with("--set ") || s.starts_with("--sweep ")
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
        if let Some(prefix) = s.path.strip_suffix(".stop") {
            let mut stop: At<raw::Stop> = parse_yaml(&PathBuf::from(&label), &s.value)?;
            for n in [&mut stop.value.after, &mut stop.value.probability] {
                n.src = node.src;
            }
            set_stop(loaded, prefix, stop).map_err(|m| usage(&label, m))?;
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

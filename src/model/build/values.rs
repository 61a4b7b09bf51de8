//! Numbers, percentages and series: reading a value from a node, exactly, and checking it
//! against what it means (its domain and size).

use rust_decimal::Decimal;

use super::Builder;
use crate::decimal::to_f64;
use crate::decimal::typed::{self, Form, Meaning, Reading};
use crate::input::{FileId, Kind, Loc, Node};
use crate::lang::{Grouped, Message, Num, msg};
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
    /// A factor on amounts, from 1 to 10 (the societal perspective's net tax and distortion
    /// factors).
    Factor,
}

impl Domain {
    pub(super) fn bounds(self) -> (f64, f64) {
        match self {
            Domain::Money | Domain::Count => (0.0, f64::INFINITY),
            Domain::Share => (0.0, 1.0),
            Domain::Effect => (-1.0, f64::INFINITY),
            Domain::Factor => (1.0, 10.0),
        }
    }
    /// The largest base value (a fixed number, or a distribution's mean) that works.
    pub(super) fn largest(self) -> Decimal {
        match self {
            Domain::Money | Domain::Count => MAX_NUMBER,
            Domain::Share => Decimal::ONE,
            // +10,000%: a hundredfold more use is already far outside any evidence.
            Domain::Effect => Decimal::ONE_HUNDRED,
            Domain::Factor => Decimal::TEN,
        }
    }
    pub(super) fn expected(self) -> Message {
        match self {
            Domain::Money => Message::new(
                "an amount in kroner, 0 or more (a price or cost cannot be negative)",
                "et beløb i kroner, 0 eller mere (en pris eller omkostning kan ikke være negativ)",
            ),
            Domain::Share => Message::new(
                "a share from 0 to 1 (e.g. 0.75 or 75%)",
                "en andel fra 0 til 1 (fx 0.75 eller 75%)",
            ),
            Domain::Count => Message::new("a count, 0 or more", "et antal, 0 eller mere"),
            Domain::Effect => Message::new(
                "a relative change from -1 (-100%) to 100 (+10,000%), e.g. -0.10 for 10% less use",
                "en relativ ændring fra -1 (-100%) til 100 (+10.000 procent), fx -0.10 for 10 procent mindre forbrug",
            ),
            Domain::Factor => Message::new(
                "a factor from 1 to 10, e.g. 1.28",
                "en faktor fra 1 til 10, fx 1.28",
            ),
        }
    }
    pub(super) fn hint_for_unbounded(self) -> Message {
        match self {
            Domain::Money | Domain::Count => Message::new(
                "truncate it with `min: 0` (in the list form: `[mean, sd, 0]`), or use a gamma or lognormal distribution",
                "afskær den med `min: 0` (i listeformen: `[mean, sd, 0]`), eller brug en gamma- eller lognormalfordeling",
            ),
            Domain::Share => Message::new(
                "use a beta distribution, or truncate it with `min: 0` and `max: 1` (in the list form: `[mean, sd, 0, 1]`)",
                "brug en betafordeling, eller afskær den med `min: 0` og `max: 1` (i listeformen: `[mean, sd, 0, 1]`)",
            ),
            Domain::Effect => Message::new(
                "truncate it with `min: -1` (in the list form: `[mean, sd, -1]`)",
                "afskær den med `min: -1` (i listeformen: `[mean, sd, -1]`)",
            ),
            Domain::Factor => Message::new(
                "use a bounded distribution (uniform, triangular, PERT), or truncate it with `min: 1` and `max: 10`",
                "brug en begrænset fordeling (uniform, triangular, PERT), eller afskær den med `min: 1` og `max: 10`",
            ),
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
        pooling: Option<Decimal>,
        name: Option<String>,
    },
}

impl Domain {
    /// What a number written for this domain means, for the typed-number check.
    pub(super) fn meaning(self) -> Meaning {
        match self {
            Domain::Money => Meaning::Kroner,
            Domain::Count => Meaning::Count,
            Domain::Share => Meaning::Share,
            Domain::Effect => Meaning::Relative,
            Domain::Factor => Meaning::Plain,
        }
    }
}

/// A number in an assumption's value written in a way whose reading depends on where the
/// assumption is used (`465.000`, `612.500`, `5%`): checked at each use against its domain.
#[derive(Clone, Debug)]
pub(super) struct Written {
    pub file: FileId,
    pub loc: Loc,
    pub field: String,
    pub reading: Reading,
}

impl<'a> Builder<'a> {
    /// An exact number, or a percentage written as text (`"-10%"`), at most [`MAX_NUMBER`] in
    /// size, read as a number meaning `meaning` ([`crate::decimal::typed`]): thousands
    /// separators and decimal commas are refused with the reading spelled out, and so are
    /// `465.000` where kroner or a count is meant and a percentage where it is not. With
    /// `meaning` `None` (an assumption, read before any use), a number whose reading depends on
    /// its meaning is recorded in [`Self::written`] and checked where the assumption is used.
    pub(super) fn decimal(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
        meaning: Option<Meaning>,
    ) -> Option<Decimal> {
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        let reading = read_node(n, src, || {
            msg!(
                "expected a number, found {found}",
                "forventede et tal, fandt {found}",
                found = n.describe(src),
            )
        });
        let value = reading.and_then(|r| match meaning {
            Some(m) => r.as_meaning(m),
            None => {
                if r.form != Form::Plain {
                    self.written.push(Written {
                        file: f,
                        loc: n.loc,
                        field: field.to_owned(),
                        reading: r.clone(),
                    });
                }
                Ok(r.value)
            }
        });
        let value = value.and_then(|d| {
            if d.abs() > MAX_NUMBER {
                Err(msg!(
                    "found {d}; numbers in a scenario are at most {most} in size (10^15); an amount or count this large is a mistake",
                    "fandt {d}; tal i et scenarie er højst {most} (10^15); et så stort beløb eller antal er en fejl",
                    most = Grouped(MAX_NUMBER),
                ))
            } else {
                Ok(d)
            }
        });
        match value {
            Ok(d) => Some(d),
            Err(m) => {
                self.err(f, n.loc, field, m);
                None
            }
        }
    }

    /// Report each of `written` (numbers of an assumption) whose reading is ambiguous for
    /// `dom`, where it was written. Returns whether all were fine.
    pub(super) fn check_written(&mut self, written: &[Written], dom: Domain) -> bool {
        let mut ok = true;
        for w in written {
            if let Err(m) = w.reading.as_meaning(dom.meaning()) {
                let d = crate::input::Diagnostic {
                    file: self.sources.path(w.file).display().to_string(),
                    line: w.loc.line,
                    col: w.loc.col,
                    field: w.field.clone(),
                    message: m.clone(),
                    snippet: Message::verbatim(""),
                };
                // An assumption used twice in one domain is reported once.
                if !self.problems.list.iter().any(|p| {
                    p.file == d.file && p.line == d.line && p.col == d.col && p.message == d.message
                }) {
                    self.err(w.file, w.loc, &w.field, m);
                }
                ok = false;
            }
        }
        ok
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
        let d = self.decimal(f, n, field, Some(Meaning::Whole))?;
        let v = i64::try_from(d).ok();
        match v {
            Some(v) if (lo..=hi).contains(&v) => Some(v),
            _ => {
                self.err(
                    f,
                    n.loc,
                    field,
                    msg!(
                        "expected a whole number from {lo} to {hi}, found {d}",
                        "forventede et helt tal fra {lo} til {hi}, fandt {d}"
                    ),
                );
                None
            }
        }
    }

    /// A numeric input: a number, a percentage, an assumption name or a distribution.
    pub(super) fn param(&mut self, f: FileId, n: &Node, field: &str, dom: Domain) -> Option<Param> {
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        let p = match &n.kind {
            Kind::Number => Param::Fixed(self.decimal(f, n, field, Some(dom.meaning()))?),
            Kind::Str(s) if s.trim_end().ends_with('%') => {
                Param::Fixed(self.decimal(f, n, field, Some(dom.meaning()))?)
            }
            Kind::Str(name) => {
                if let Some(message) = typed::separators(name) {
                    self.err(f, n.loc, field, message);
                    return None;
                }
                return self.use_assumption(name, f, n.loc, field, dom);
            }
            Kind::Map(_) => match self.value(f, n, field, Some(dom.meaning()))? {
                Value::Fixed(v) => Param::Fixed(v),
                Value::Uncertain {
                    dist,
                    mean,
                    per_municipality,
                    pooling,
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
                            pooling,
                            origin,
                            unit: None,
                            source: None,
                            da: Danish::default(),
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
                    msg!(
                        "expected a number, a percentage, the name of an assumption or a distribution such as {{triangular: [low, most_likely, high]}}; found {found}",
                        "forventede et tal, en procentsats, navnet på en antagelse eller en fordeling som {{triangular: [low, most_likely, high]}}; fandt {found}",
                        found = n.describe(src),
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
        let via = match assumption {
            Some(a) => msg!(" (from assumption `{a}`)", " (fra antagelsen `{a}`)"),
            None => Message::verbatim(""),
        };
        let base = match p {
            Param::Fixed(v) => Some(v),
            Param::Input { id, factor } => self.inputs[id].mean.checked_mul(factor),
        };
        // Shares keep their own message below; other domains are bounded by their largest value.
        if dom != Domain::Share && base.is_none_or(|b| b > dom.largest()) {
            let what = match (p, base) {
                (Param::Fixed(v), _) => msg!("found {v}", "fandt {v}"),
                (_, Some(b)) => msg!("the mean is {b}", "middelværdien er {b}", b = Num(b),),
                (_, None) => Message::new("the mean is too large", "middelværdien er for stor"),
            };
            self.err(
                f,
                loc,
                field,
                msg!(
                    "{what}{via}; expected at most {most} ({expected})",
                    "{what}{via}; forventede højst {most} ({expected})",
                    what = what,
                    via = via,
                    most = Num(dom.largest()),
                    expected = dom.expected(),
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
                        msg!(
                            "found {v}{via}; expected {expected}",
                            "fandt {v}{via}; forventede {expected}",
                            via = via,
                            expected = dom.expected(),
                        ),
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
                        msg!("; {hint}", "; {hint}", hint = dom.hint_for_unbounded())
                    } else {
                        Message::verbatim("")
                    };
                    self.err(
                        f,
                        loc,
                        field,
                        msg!(
                            "{d}{via} can take values from {a} to {b}; expected {expected}{hint}",
                            "{d}{via} kan antage værdier fra {a} til {b}; forventede {expected}{hint}",
                            d = d.describe(),
                            via = via,
                            a = Num(a),
                            b = Num(b),
                            expected = dom.expected(),
                            hint = hint,
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
                && self.inputs[id].per_municipality == input.per_municipality
                && self.inputs[id].pooling == input.pooling;
            if !same {
                let other = self.inputs[id].origin.clone();
                let name = &input.name;
                self.err(
                    f,
                    loc,
                    field,
                    msg!(
                        "the name `{name}` is already used for a different distribution at {other}; an input's name identifies it (inputs with the same name share their draws), so give this one another name",
                        "navnet `{name}` bruges allerede til en anden fordeling i {other}; en usikker antagelses navn identificerer den (antagelser med samme navn deler deres træk), så giv denne et andet navn"
                    ),
                );
                return None;
            }
            return Some(id);
        }
        self.inputs.push(input);
        Some(self.inputs.len() - 1)
    }
}

/// The largest number, in size, a scenario may contain (10^15: a thousand times the Danish
/// state's yearly budget in kroner). Within it, every value the model holds is exact and every
/// product the ledger forms is checked.
pub(super) const MAX_NUMBER: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0);

/// How the number `n` (its text in `src`) is written ([`typed::parse`]): a YAML number, or a
/// text ending in `%`; any other text is refused with the separators it holds spelled out, or
/// `not_a_number`'s message.
pub(in crate::model) fn read_node(
    n: &Node,
    src: &str,
    not_a_number: impl Fn() -> Message,
) -> Result<Reading, Message> {
    match &n.kind {
        Kind::Number => match n.number_text(src) {
            Some(t) => typed::parse(t),
            None => Err(Message::new(
                "could not read the number's text",
                "tallets tekst kunne ikke læses",
            )),
        },
        Kind::Str(s) if s.trim_end().ends_with('%') => typed::parse(s),
        Kind::Str(s) => Err(typed::separators(s).unwrap_or_else(not_a_number)),
        _ => Err(not_a_number()),
    }
}

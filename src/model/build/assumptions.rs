//! Named assumptions: definitions, overrides, price index and price-year conversion.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use rust_decimal::Decimal;

use super::Builder;
use crate::decimal::typed::Meaning;
use crate::input::diag::{did_you_mean, one_of};
use crate::input::raw::{self, Assumption};
use crate::input::{At, FileId, Kind, Loc, Node};
use crate::lang::{Message, msg};
use crate::model::*;

use super::values::{Domain, Value, Written};

/// An assumption after overrides, with the file each part came from.
pub(super) struct Def<'a> {
    entry: &'a At<Assumption>,
    file: FileId,
    value: &'a Node,
    value_file: FileId,
    price_year: Option<(&'a Node, FileId)>,
    source: String,
    overridden: bool,
    /// The decoded value; `None` if it is invalid (reported when the files were read).
    checked: Option<Value>,
    /// Its numbers whose reading depends on where it is used (checked at each use).
    written: Vec<Written>,
    /// Registered on first use: the param, or None if it could not be (already reported).
    resolved: Option<Option<Param>>,
}

impl<'a> Builder<'a> {
    pub(super) fn load_price_index(&mut self, files: &[(FileId, raw::AssumptionFile)]) {
        for (fid, file) in files {
            let Some(pi) = &file.price_index else {
                continue;
            };
            if let Some((name, other, _)) = &self.price_index {
                let other = self.sources.path(*other).display().to_string();
                let msg = msg!(
                    "a second price index; `{name}` is already loaded from {other} and a scenario uses one",
                    "et prisindeks mere; `{name}` er allerede indlæst fra {other}, og et scenarie bruger ét"
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
                        let x = self.decimal(*fid, v, &field, Some(Meaning::Plain));
                        match (y, x) {
                            (Some(y), Some(x)) if x > Decimal::ZERO => {
                                values.insert(y as i32, x);
                            }
                            (Some(_), Some(x)) => self.err(
                                *fid,
                                v.loc,
                                &field,
                                msg!(
                                    "an index value must be positive; found {x}",
                                    "en indeksværdi skal være positiv; fandt {x}"
                                ),
                            ),
                            _ => {}
                        }
                    }
                }
                _ => self.err(
                    *fid,
                    pi.value.values.loc,
                    "price_index.values",
                    Message::new(
                        "expected a mapping of calendar year -> index value",
                        "forventede en mapping af kalenderår -> indeksværdi",
                    ),
                ),
            }
            self.price_index = Some((pi.value.name.value.clone(), *fid, values));
            self.price_index_da = super::danish_index(pi.value.da.as_ref());
        }
    }

    pub(super) fn load_assumptions(&mut self, files: &'a [(FileId, raw::AssumptionFile)]) {
        for (fid, file) in files {
            for (name, entry) in &file.parameters {
                if let Some(prev) = self.defs.get(name) {
                    let prev_at = self.origin(prev.file, prev.entry.loc);
                    self.err(
                        *fid,
                        entry.loc,
                        &format!("parameters.{name}"),
                        msg!(
                            "`{name}` is already defined at {prev_at}; an assumption has one definition (change its value for a scenario with `overrides`)",
                            "`{name}` er allerede defineret i {prev_at}; en antagelse har én definition (ændr dens værdi for et scenarie med `overrides`)"
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
                        Message::new(
                            "give the source, or `estimate` with the reasoning in `note`",
                            "angiv kilden, eller `estimate` med begrundelsen i `note`",
                        ),
                    );
                }
                if source.eq_ignore_ascii_case("estimate") {
                    if a.note.as_ref().is_none_or(|n| n.value.trim().is_empty()) {
                        self.err(
                            *fid,
                            entry.loc,
                            &field,
                            Message::new(
                                "an estimate needs its reasoning in `note`",
                                "et skøn (`estimate`) kræver en begrundelse i `note`",
                            ),
                        );
                    }
                    if !matches!(a.value.kind, Kind::Map(_)) {
                        self.err(
                            *fid,
                            a.value.loc,
                            &format!("{field}.value"),
                            Message::new(
                                "an estimate must be a distribution wide enough to show its uncertainty, not a single number",
                                "et skøn skal være en fordeling, der er bred nok til at vise usikkerheden, ikke et enkelt tal",
                            ),
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
                        written: Vec::new(),
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
            let (checked, written) =
                self.value_of_assumption(f, n, &format!("parameters.{name}.value"));
            self.defs[&name].checked = checked;
            self.defs[&name].written = written;
        }
    }

    pub(super) fn apply_overrides(
        &mut self,
        sf: FileId,
        overrides: &'a IndexMap<String, At<raw::Override>>,
    ) {
        for (name, o) in overrides {
            let Some(def) = self.defs.get_mut(name) else {
                let names: Vec<&str> = self.defs.keys().map(String::as_str).collect();
                let hint = did_you_mean(name, names.iter().copied())
                    .map_or(Message::verbatim(""), |s| {
                        msg!(" Did you mean `{s}`?", " Mente du `{s}`?")
                    });
                let msg = if names.is_empty() {
                    msg!(
                        "`{name}` is not an assumption: no assumption files are loaded (list them under `assumptions:`)",
                        "`{name}` er ikke en antagelse: ingen forudsætningsfiler er indlæst (skriv dem under `assumptions:`)"
                    )
                } else {
                    msg!(
                        "`{name}` is not an assumption of the loaded files.{hint}",
                        "`{name}` er ikke en antagelse i de indlæste filer.{hint}",
                        hint = hint,
                    )
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
            let (checked, written) =
                self.value_of_assumption(f, n, &format!("overrides.{name}.value"));
            self.defs[name].checked = checked;
            self.defs[name].written = written;
        }
    }

    /// An assumption's value, decoded before its meaning is known: with the numbers whose
    /// reading depends on it.
    fn value_of_assumption(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
    ) -> (Option<Value>, Vec<Written>) {
        let mark = self.written.len();
        let value = self.value(f, n, field, None);
        (value, self.written.split_off(mark))
    }

    /// Use a named assumption at `field`: decode it once, check it against `dom` at each use.
    pub(super) fn use_assumption(
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
                Some(s) => msg!(
                    "unknown assumption `{name}`; did you mean `{s}`?",
                    "ukendt antagelse `{name}`; mente du `{s}`?"
                ),
                None if names.is_empty() => msg!(
                    "`{name}` is not a number, and no assumption files are loaded to define it; expected a number, a percentage, a distribution or the name of an assumption",
                    "`{name}` er ikke et tal, og ingen forudsætningsfiler er indlæst, der kunne definere det; forventede et tal, en procentsats, en fordeling eller navnet på en antagelse"
                ),
                None => {
                    let defined = if names.len() <= 12 {
                        one_of(&names)
                    } else {
                        let more = names.len() - 12;
                        msg!(
                            "{first} and {more} more",
                            "{first} og {more} flere",
                            first = one_of(&names[..12]),
                        )
                    };
                    msg!(
                        "unknown assumption `{name}`; the loaded files define {defined}",
                        "ukendt antagelse `{name}`; de indlæste filer definerer {defined}",
                        defined = defined,
                    )
                }
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
        let written = std::mem::take(&mut self.defs[name].written);
        let as_written = self.check_written(&written, dom);
        self.defs[name].written = written;
        (as_written && self.check_domain(p, dom, f, loc, field, Some(name))).then_some(p)
    }

    pub(super) fn resolve_assumption(&mut self, name: &str) -> Option<Param> {
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
        let mut da = super::danish_assumption(a.da.as_ref());
        if overridden {
            // The Danish source and note are of the value replaced.
            da.source = None;
            da.note = None;
        }
        let (param, shown) = match value {
            Value::Fixed(v) => (Param::Fixed(v * factor), v.normalize().to_string()),
            Value::Uncertain {
                dist,
                mean,
                per_municipality,
                pooling,
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
                        pooling,
                        origin: origin.clone(),
                        unit: Some(a.unit.value.clone()),
                        source: Some(source.clone()),
                        da: da.clone(),
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
            da,
        });
        Some(param)
    }

    /// index[price_year] / index[from]: the factor that brings an amount to the scenario's
    /// price year. Records the conversion for the report.
    pub(super) fn price_factor(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
        what: &str,
    ) -> Option<Decimal> {
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
                msg!(
                    "converting {from} prices to {to} prices needs a price index; add an assumption file with a `price_index` (e.g. assumptions/dk-price-index.yaml) to `assumptions:`",
                    "omregning fra {from}-priser til {to}-priser kræver et prisindeks; tilføj en forudsætningsfil med et `price_index` (fx assumptions/dk-price-index.yaml) under `assumptions:`"
                ),
            );
            return None;
        };
        if self.unindexed && !values.contains_key(&to) {
            // Reported once, at the scenario's price_year.
            return None;
        }
        let (Some(a), Some(b)) = (values.get(&from), values.get(&to)) else {
            let years: Vec<String> = values.keys().map(|y| y.to_string()).collect();
            let missing = if values.contains_key(&from) { to } else { from };
            let years = years.join(", ");
            let msg = msg!(
                "the price index `{index_name}` has no value for {missing}; it covers {years}",
                "prisindekset `{index_name}` har ingen værdi for {missing}; det dækker {years}"
            );
            self.err(f, n.loc, field, msg);
            return None;
        };
        // Index values are positive; a factor beyond a millionfold is a typing mistake.
        let limit = Decimal::from(1_000_000);
        let factor = match b.checked_div(*a) {
            Some(k) if k <= limit && k * limit >= Decimal::ONE => k,
            _ => {
                let msg = msg!(
                    "the price index `{index_name}` gives {b} for {to} and {a} for {from}, a factor beyond a millionfold; check the index values",
                    "prisindekset `{index_name}` giver {b} for {to} og {a} for {from}, en faktor på over en million; tjek indeksværdierne"
                );
                self.err(f, n.loc, field, msg);
                return None;
            }
        };
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
    pub(super) fn money(
        &mut self,
        f: FileId,
        n: &Node,
        price_year: Option<&Node>,
        field: &str,
    ) -> Option<Param> {
        // The price year is read from its own file: the value may come from `--set`.
        let line_file = f;
        let f = n.src.unwrap_or(f);
        let p = self.param(f, n, field, Domain::Money)?;
        let Some(py) = price_year else {
            return Some(p);
        };
        if let Kind::Str(s) = &n.kind
            && !s.trim_end().ends_with('%')
        {
            self.err(
                line_file,
                py.loc,
                field,
                msg!(
                    "`{s}` is an assumption with its own price year; `price_year` here applies only to a number or distribution written in place",
                    "`{s}` er en antagelse med sit eget prisår; `price_year` her gælder kun et tal eller en fordeling, der er skrevet på stedet"
                ),
            );
            return None;
        }
        let k = self.price_factor(line_file, py, &format!("{field}.price_year"), field)?;
        Some(match p {
            Param::Fixed(v) => Param::Fixed(v * k),
            Param::Input { id, factor } => Param::Input {
                id,
                factor: factor * k,
            },
        })
    }
}

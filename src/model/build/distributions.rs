//! Distributions written in a file: the form (`uniform`, `triangular`, `pert`, `normal`,
//! `lognormal`, `beta`, `gamma`), its parameters as a list or a mapping, and its exact mean.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::Builder;
use super::values::{MAX_NUMBER, Value};
use crate::decimal::typed::Meaning;
use crate::decimal::{from_f64, to_f64};
use crate::input::diag::{did_you_mean, one_of};
use crate::input::field_schema::DISTRIBUTION_FORMS;
use crate::input::{FileId, Kind, Node};
use crate::lang::{Grouped, Message, msg};
use crate::model::dist::Dist;

impl<'a> Builder<'a> {
    /// A number, percentage or distribution written in a file (not an assumption name), whose
    /// numbers mean `meaning` (`None`: not yet known, see [`Builder::decimal`]).
    pub(super) fn value(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
        meaning: Option<Meaning>,
    ) -> Option<Value> {
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        let entries = match &n.kind {
            Kind::Number | Kind::Str(_) => {
                return self.decimal(f, n, field, meaning).map(Value::Fixed);
            }
            Kind::Map(e) => e,
            _ => {
                self.err(
                    f,
                    n.loc,
                    field,
                    msg!(
                        "expected a number, a percentage or a distribution; found {found}",
                        "forventede et tal, en procentsats eller en fordeling; fandt {found}",
                        found = n.describe(src),
                    ),
                );
                return None;
            }
        };
        let mut form: Option<(&str, &Node)> = None;
        let mut name = None;
        let mut per_municipality = false;
        let mut pooling: Option<(Decimal, &Node)> = None;
        let mut ok = true;
        for (k, v) in entries {
            let key = k.key_text(src).unwrap_or_default();
            match key.as_str() {
                "name" => match &v.kind {
                    Kind::Str(s) if !s.trim().is_empty() => name = Some(s.trim().to_owned()),
                    _ => {
                        self.err(
                            f,
                            v.loc,
                            &format!("{field}.name"),
                            Message::new("expected a name (text)", "forventede et navn (tekst)"),
                        );
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
                            Message::new(
                                "expected `true` or `false`",
                                "forventede `true` eller `false`",
                            ),
                        );
                        ok = false;
                    }
                },
                "pooling" => {
                    match self.decimal(f, v, &format!("{field}.pooling"), Some(Meaning::Share)) {
                        Some(p) if (Decimal::ZERO..=Decimal::ONE).contains(&p) => {
                            pooling = Some((p, v));
                        }
                        Some(p) => {
                            self.err(
                            v.src.unwrap_or(f),
                            v.loc,
                            &format!("{field}.pooling"),
                            msg!(
                                "found {p}; expected a share from 0 (independent municipalities) to 1 (one national draw)",
                                "fandt {p}; forventede en andel fra 0 (uafhængige kommuner) til 1 (ét nationalt træk)"
                            ),
                        );
                            ok = false;
                        }
                        None => ok = false,
                    }
                }
                k2 if DISTRIBUTION_FORMS.contains(&k2) => {
                    if let Some((prev, _)) = form {
                        self.err(
                            f,
                            k.loc,
                            field,
                            msg!(
                                "a distribution has one form; found both `{prev}` and `{k2}`",
                                "en fordeling har én form; fandt både `{prev}` og `{k2}`"
                            ),
                        );
                        ok = false;
                    } else {
                        form = Some((DISTRIBUTION_FORMS.iter().find(|x| **x == k2).copied()?, v));
                    }
                }
                other => {
                    let hint = did_you_mean(
                        other,
                        DISTRIBUTION_FORMS.iter().copied().chain([
                            "name",
                            "per_municipality",
                            "pooling",
                        ]),
                    )
                    .map_or(Message::verbatim(""), |s| {
                        msg!(" (did you mean `{s}`?)", " (mente du `{s}`?)")
                    });
                    self.err(
                        f,
                        k.loc,
                        field,
                        msg!(
                            "unknown key `{other}` in a distribution{hint}; expected one of {forms} plus optional `name`, `per_municipality` and `pooling`",
                            "ukendt nøgle `{other}` i en fordeling{hint}; forventede en af {forms} og eventuelt `name`, `per_municipality` og `pooling`",
                            hint = hint,
                            forms = one_of(&DISTRIBUTION_FORMS),
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
                    msg!(
                        "expected a distribution, written as a mapping with one of {forms}",
                        "forventede en fordeling, skrevet som en mapping med en af {forms}",
                        forms = one_of(&DISTRIBUTION_FORMS),
                    ),
                );
            }
            return None;
        };
        if let Some((_, v)) = pooling
            && !per_municipality
        {
            // A pooling set on the command line is reported there.
            self.err(
                v.src.unwrap_or(f),
                v.loc,
                &format!("{field}.pooling"),
                Message::new(
                    "`pooling` shares a draw between municipalities; it needs `per_municipality: true`",
                    "`pooling` deler et træk mellem kommunerne; det kræver `per_municipality: true`",
                ),
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        let fld = format!("{field}.{form}");
        let (dist, mean) = self.distribution(f, form, params, &fld, meaning)?;
        Some(Value::Uncertain {
            dist,
            mean,
            per_municipality,
            pooling: pooling.map(|(p, _)| p),
            name,
        })
    }

    /// Named numeric parameters of a distribution, from a mapping or (in `order`) a list; names
    /// ending in `?` may be left off the end of the list (`normal: [mean, sd, min?, max?]`).
    /// Each is in the value's units and means `meaning`, but for the shape parameters
    /// (`alpha`, `beta`, `shape`), which are plain numbers.
    pub(super) fn dist_params(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
        order: &[&str],
        allowed: &[&str],
        meaning: Option<Meaning>,
    ) -> Option<HashMap<String, Decimal>> {
        let meaning_of = |key: &str| {
            if matches!(key, "alpha" | "beta" | "shape") {
                Some(Meaning::Plain)
            } else {
                meaning
            }
        };
        let f = n.src.unwrap_or(f);
        let src = self.sources.text(f);
        let mut out = HashMap::new();
        match &n.kind {
            Kind::Seq(items) if !order.is_empty() => {
                let required = order.iter().filter(|k| !k.ends_with('?')).count();
                if items.len() < required || items.len() > order.len() {
                    let (most, names, found) = (order.len(), order.join(", "), items.len());
                    let count = if required == most {
                        Message::verbatim(most.to_string())
                    } else {
                        msg!("{required} to {most}", "{required} til {most}")
                    };
                    self.err(
                        f,
                        n.loc,
                        field,
                        msg!(
                            "expected {count} numbers [{names}], found {found}",
                            "forventede {count} tal [{names}], fandt {found}",
                            count = count,
                        ),
                    );
                    return None;
                }
                for (k, item) in order.iter().zip(items) {
                    let k = k.trim_end_matches('?');
                    let v = self.decimal(f, item, &format!("{field}.{k}"), meaning_of(k))?;
                    out.insert(k.to_string(), v);
                }
            }
            Kind::Map(entries) => {
                let mut ok = true;
                for (k, v) in entries {
                    let key = k.key_text(src).unwrap_or_default();
                    if !allowed.contains(&key.as_str()) {
                        let hint = did_you_mean(&key, allowed.iter().copied())
                            .map_or(Message::verbatim(""), |s| {
                                msg!(" (did you mean `{s}`?)", " (mente du `{s}`?)")
                            });
                        self.err(
                            f,
                            k.loc,
                            field,
                            msg!(
                                "unknown parameter `{key}`{hint}; expected {allowed}",
                                "ukendt parameter `{key}`{hint}; forventede {allowed}",
                                hint = hint,
                                allowed = one_of(allowed),
                            ),
                        );
                        ok = false;
                        continue;
                    }
                    match self.decimal(f, v, &format!("{field}.{key}"), meaning_of(&key)) {
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
                    msg!(
                        "a mapping of {allowed}",
                        "en mapping af {allowed}",
                        allowed = one_of(allowed),
                    )
                } else {
                    let names = order.join(", ");
                    msg!(
                        "a list [{names}] or a mapping",
                        "en liste [{names}] eller en mapping"
                    )
                };
                self.err(
                    f,
                    n.loc,
                    field,
                    msg!(
                        "expected {shape}, found {found}",
                        "forventede {shape}, fandt {found}",
                        shape = shape,
                        found = n.describe(src),
                    ),
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
        meaning: Option<Meaning>,
    ) -> Option<(Dist, Decimal)> {
        let f = n.src.unwrap_or(f);
        let get = |m: &HashMap<String, Decimal>, keys: &[&str]| -> Option<Decimal> {
            keys.iter().find_map(|k| m.get(*k).copied())
        };
        let two = Decimal::TWO;
        let result: Result<(Dist, Decimal), Message> = match form {
            "uniform" => {
                let m = self.dist_params(f, n, field, &["min", "max"], &["min", "max"], meaning)?;
                match (get(&m, &["min"]), get(&m, &["max"])) {
                    (Some(a), Some(b)) => {
                        Dist::uniform(to_f64(a), to_f64(b)).map(|d| (d, (a + b) / two))
                    }
                    _ => Err(Message::new(
                        "uniform needs `min` and `max`",
                        "uniform kræver `min` og `max`",
                    )),
                }
            }
            "triangular" | "pert" => {
                let m = self.dist_params(
                    f,
                    n,
                    field,
                    &["low", "most_likely", "high"],
                    &["low", "most_likely", "high", "min", "mode", "max"],
                    meaning,
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
                    _ => Err(msg!(
                        "{form} needs `low`, `most_likely` and `high`",
                        "{form} kræver `low`, `most_likely` og `high`"
                    )),
                }
            }
            "normal" => {
                let m = self.dist_params(
                    f,
                    n,
                    field,
                    &["mean", "sd", "min?", "max?"],
                    &["mean", "sd", "se", "min", "max"],
                    meaning,
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
                                mean.map(|x| (d, x)).ok_or_else(|| {
                                    Message::new(
                                        "mean is not finite",
                                        "middelværdien er ikke et endeligt tal",
                                    )
                                })
                            })
                    }
                    _ => Err(Message::new(
                        "normal needs `mean` and `sd` (or `se`)",
                        "normal kræver `mean` og `sd` (eller `se`)",
                    )),
                }
            }
            "lognormal" => {
                let m = self.dist_params(
                    f,
                    n,
                    field,
                    &[],
                    &["median", "low", "high", "mean", "sd", "se"],
                    meaning,
                )?;
                match (
                    get(&m, &["median"]),
                    get(&m, &["low"]),
                    get(&m, &["high"]),
                    get(&m, &["mean"]),
                    get(&m, &["sd", "se"]),
                ) {
                    (Some(med), Some(lo), Some(hi), None, None) => lognormal_middle(med, lo, hi)
                        .and_then(|()| {
                            Dist::lognormal_interval(to_f64(med), to_f64(lo), to_f64(hi))
                        })
                        .and_then(|d| {
                            from_f64(d.mean()).map(|x| (d, x)).ok_or_else(|| {
                                Message::new("the mean is too large", "middelværdien er for stor")
                            })
                        }),
                    (None, None, None, Some(mu), Some(sd)) => {
                        Dist::lognormal_moments(to_f64(mu), to_f64(sd)).map(|d| (d, mu))
                    }
                    _ => Err(Message::new(
                        "lognormal needs either `median`, `low` and `high` (a 90% interval) or `mean` and `sd`",
                        "lognormal kræver enten `median`, `low` og `high` (et 90-procentsinterval) eller `mean` og `sd`",
                    )),
                }
            }
            "beta" | "gamma" => {
                let native = if form == "beta" {
                    ["alpha", "beta"]
                } else {
                    ["shape", "scale"]
                };
                let allowed = ["mean", "sd", "se", native[0], native[1]];
                let m = self.dist_params(f, n, field, &[], &allowed, meaning)?;
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
                            mean.map(|x| (d, x)).ok_or_else(|| {
                                msg!(
                                    "{form} parameters must be positive",
                                    "parametrene til {form} skal være positive"
                                )
                            })
                        })
                    }
                    _ => {
                        let (a, b) = (native[0], native[1]);
                        Err(msg!(
                            "{form} needs either `mean` and `sd` or `{a}` and `{b}`",
                            "{form} kræver enten `mean` og `sd` eller `{a}` og `{b}`"
                        ))
                    }
                }
            }
            _ => Err(msg!(
                "unknown distribution `{form}`",
                "ukendt fordeling `{form}`"
            )),
        };
        let result = result.and_then(|(d, mean)| {
            if mean.abs() > MAX_NUMBER {
                Err(msg!(
                    "its mean is {mean}; a distribution's mean is at most {most} in size (10^15)",
                    "dens middelværdi er {mean}; en fordelings middelværdi er højst {most} (10^15)",
                    mean = crate::lang::Num(mean),
                    most = Grouped(MAX_NUMBER),
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
}

/// A lognormal given by its median and 90% interval is symmetric on the log scale, so the
/// median must be the interval's geometric middle, sqrt(low x high). somsim uses `low` and
/// `high` for the spread; a median more than 1% of the interval's log-width from the middle
/// would be silently re-centred, so it is refused with the median that fits.
fn lognormal_middle(median: Decimal, low: Decimal, high: Decimal) -> Result<(), Message> {
    let (m, a, b) = (to_f64(median), to_f64(low), to_f64(high));
    if !(0.0 < a && a < m && m < b) {
        return Ok(()); // Dist::lognormal_interval says what is wrong.
    }
    let middle = (a * b).sqrt();
    if (m.ln() - middle.ln()).abs() <= 0.01 * (b.ln() - a.ln()) {
        return Ok(());
    }
    // The median that fits is a number to type: written as a file writes it, in both languages.
    let fits = format!("{middle:.6}");
    Err(msg!(
        "a lognormal's 90% interval is symmetric on the log scale, so its median is the geometric middle of low and high, sqrt({low} x {high}) = {fits}; found median {median}. Give the median {fits}, or describe the value by `mean` and `sd`, or choose a skewed distribution (pert, triangular, gamma)",
        "en lognormalfordelings 90-procentsinterval er symmetrisk på logaritmisk skala, så dens median er det geometriske midtpunkt mellem low og high, sqrt({low} x {high}) = {fits}; fandt median {median}. Angiv medianen {fits}, beskriv værdien ved `mean` og `sd`, eller vælg en skæv fordeling (pert, triangular, gamma)"
    ))
}

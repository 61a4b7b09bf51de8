//! Values over the years and between payers: calendar years within the horizon, per-year
//! series, and shares that must sum to exactly 1.

use rust_decimal::Decimal;

use super::Builder;
use super::values::Domain;
use crate::decimal::typed::Meaning;
use crate::input::{FileId, Kind, Loc, Node};
use crate::lang::{Message, Num, msg};
use crate::model::*;

impl<'a> Builder<'a> {
    /// A calendar year within the horizon, as an offset.
    pub(super) fn year_in_horizon(&mut self, f: FileId, n: &Node, field: &str) -> Option<usize> {
        let y = self.integer(f, n, field, 1900, 2200)? as i32;
        if y < self.start_year || y > self.last_year() {
            self.err(
                f,
                n.loc,
                field,
                {
                    let (start, last, horizon) = (self.start_year, self.last_year(), self.horizon);
                    msg!(
                        "year {y} is outside the horizon {start}-{last} (start_year {start}, horizon {horizon})",
                        "året {y} ligger uden for tidshorisonten {start}-{last} (start_year {start}, horizon {horizon})"
                    )
                },
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
            self.err(
                f,
                n.loc,
                field,
                Message::new(
                    "expected at least one calendar year",
                    "forventede mindst ét kalenderår",
                ),
            );
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
                    self.err(f, item.loc, &fld, {
                        let year = self.start_year + t as i32;
                        msg!("year {year} is listed twice", "året {year} står to gange")
                    });
                    ok = false;
                }
                Some(t) => mask[t] = true,
                None => ok = false,
            }
        }
        ok.then_some(mask)
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
                        {
                            let (start, last, n) = (self.start_year, self.last_year(), items.len());
                            msg!(
                                "expected {h} values, one per year {start}-{last}, found {n}; or give one value for every year",
                                "forventede {h} værdier, én for hvert år {start}-{last}, fandt {n}; eller giv én værdi for alle årene"
                            )
                        },
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
                msg!(
                    "expected a mapping of name -> share (e.g. {{region: 1.0}}), found {found}",
                    "forventede en mapping af navn -> andel (fx {{region: 1.0}}), fandt {found}",
                    found = n.describe(src),
                ),
            );
            return None;
        };
        if entries.is_empty() {
            self.err(
                f,
                n.loc,
                field,
                Message::new(
                    "expected at least one name -> share",
                    "forventede mindst ét navn -> andel",
                ),
            );
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
                self.err(
                    f,
                    v.loc,
                    &fld,
                    Message::new(
                        "a share here must be an exact number (allocation keys and payer shares are rules, not uncertain inputs)",
                        "en andel her skal være et eksakt tal (fordelingsnøgler og betaleres andele er regler, ikke usikre antagelser)",
                    ),
                );
                ok = false;
                continue;
            }
            match self.decimal(f, v, &fld, Some(Meaning::Share)) {
                Some(s) if s < Decimal::ZERO || s > Decimal::ONE => {
                    self.err(
                        f,
                        v.loc,
                        &fld,
                        msg!(
                            "found {s}; expected a share from 0 to 1",
                            "fandt {s}; forventede en andel fra 0 til 1"
                        ),
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
                msg!(
                    "the shares sum to {sum}; they must sum to exactly 1",
                    "andelene summerer til {sum}; de skal summere til præcis 1",
                    sum = Num(sum.normalize()),
                ),
            );
            return None;
        }
        Some(out)
    }
}

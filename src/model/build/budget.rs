//! The budget view's year and its price and wage projection; and one message, at the
//! scenario's own `price_year`, when that year is past the price index.

use std::collections::BTreeMap;

use super::*;
use crate::decimal::typed::Meaning;

/// A projection as loaded: name, source, whether sourced, note, file, and the rate of each year.
pub(super) struct LoadedProjection {
    name: String,
    source: String,
    sourced: bool,
    note: Option<String>,
    file: FileId,
    rates: BTreeMap<i32, Decimal>,
    da: Danish,
}

/// The largest rise a year the projection may give: a typing mistake beyond it.
const MAX_RATE: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

impl Builder<'_> {
    /// The `price_projection` of the assumption files (at most one).
    pub(super) fn load_price_projection(&mut self, files: &[(FileId, raw::AssumptionFile)]) {
        for (fid, file) in files {
            let Some(pp) = &file.price_projection else {
                continue;
            };
            if let Some(other) = &self.projection {
                let (name, path) = (
                    other.name.clone(),
                    self.sources.path(other.file).display().to_string(),
                );
                self.err(
                    *fid,
                    pp.loc,
                    "price_projection",
                    msg!(
                        "a second price projection; `{name}` is already loaded from {path} and a scenario uses one",
                        "en prisfremskrivning mere; `{name}` er allerede indlæst fra {path}, og et scenarie bruger én"
                    ),
                );
                continue;
            }
            let src = self.sources.text(*fid);
            let mut rates = BTreeMap::new();
            match &pp.value.rates.kind {
                Kind::Map(entries) => {
                    for (k, v) in entries {
                        let field = format!(
                            "price_projection.rates.{}",
                            k.key_text(src).unwrap_or_default()
                        );
                        let y = self.integer(*fid, k, &field, 1900, 2200);
                        let r = self.decimal(*fid, v, &field, Some(Meaning::Relative));
                        match (y, r) {
                            (Some(y), Some(r)) if r.abs() < MAX_RATE => {
                                rates.insert(y as i32, r);
                            }
                            (Some(_), Some(r)) => self.err(
                                *fid,
                                v.loc,
                                &field,
                                msg!(
                                    "a rise of {r} from the year before is beyond ±50%; write a rate such as 2.5% or 0.025",
                                    "en stigning på {r} fra året før er over ±50 pct.; skriv en sats som 2.5% eller 0.025"
                                ),
                            ),
                            _ => {}
                        }
                    }
                }
                _ => self.err(
                    *fid,
                    pp.value.rates.loc,
                    "price_projection.rates",
                    Message::new(
                        "expected a mapping of calendar year -> rise from the year before (e.g. 2027: 2.5%)",
                        "forventede en mapping af kalenderår -> stigning fra året før (fx 2027: 2.5%)",
                    ),
                ),
            }
            self.projection = Some(LoadedProjection {
                name: pp.value.name.value.clone(),
                source: pp.value.source.value.clone(),
                sourced: pp.value.sourced.unwrap_or(true),
                note: pp.value.note.as_ref().map(|n| n.value.clone()),
                file: *fid,
                rates,
                da: super::danish_index(pp.value.da.as_ref()),
            });
        }
    }

    /// One message at the scenario's `price_year` when the price index ends before it (rather
    /// than one for each amount it would convert); `true` when so.
    pub(super) fn check_price_year(&mut self, sf: FileId, n: &Node) -> bool {
        let Some((name, file, values)) = &self.price_index else {
            return false;
        };
        let Some(last) = values.keys().next_back().copied() else {
            return false;
        };
        if self.price_year <= last {
            return false;
        }
        let (name, path, year) = (
            name.clone(),
            self.sources.path(*file).display().to_string(),
            self.price_year,
        );
        self.err(
            sf,
            n.loc,
            "price_year",
            msg!(
                "{year}: the price index `{name}` ({path}) ends at {last}, so no amount can be brought to {year} prices. For a budget in current prices write `price_year: {last}` and `budget: {{ year: {year} }}` with a price and wage projection among the assumptions (assumptions/dk-pl-projection.yaml); or extend the index to {year}",
                "{year}: prisindekset `{name}` ({path}) slutter i {last}, så intet beløb kan bringes til {year}-priser. Til et budget i løbende priser: skriv `price_year: {last}` og `budget: {{ year: {year} }}` med en pris- og lønfremskrivning blandt antagelserne (assumptions/dk-pl-projection.yaml); eller forlæng indekset til {year}"
            ),
        );
        true
    }

    /// The scenario's budget view: its year within the horizon, its years, and the projection's
    /// factor from `price_year` prices to each year's current prices.
    pub(super) fn budget(&mut self, sf: FileId, b: &At<raw::Budget>) -> Option<Budget> {
        let first = self.start_year;
        let last = first + self.horizon as i32 - 1;
        let year = self.integer(sf, &b.value.year, "budget.year", 1900, 2200)? as i32;
        if !(first..=last).contains(&year) {
            self.err(
                sf,
                b.value.year.loc,
                "budget.year",
                msg!(
                    "{year} is outside the horizon {first}-{last}; the budget year must be one of its years",
                    "{year} ligger uden for perioden {first}-{last}; budgetåret skal være et af dens år"
                ),
            );
            return None;
        }
        let years = match &b.value.years {
            Some(n) => self.integer(sf, n, "budget.years", 1, 20)? as usize,
            None => 4,
        };
        // Up to the horizon's last year.
        let years = years.min((last - year + 1) as usize);
        let Some(p) = &self.projection else {
            self.err(
                sf,
                b.loc,
                "budget",
                Message::new(
                    "current prices need a `price_projection` in one of the assumption files (e.g. add ../assumptions/dk-pl-projection.yaml to `assumptions:`)",
                    "løbende priser kræver en `price_projection` i en af antagelsesfilerne (tilføj fx ../assumptions/dk-pl-projection.yaml under `assumptions:`)",
                ),
            );
            return None;
        };
        let base = self.price_year;
        let end = year + years as i32 - 1;
        let missing: Vec<String> = ((base + 1)..=end)
            .filter(|y| !p.rates.contains_key(y))
            .map(|y| y.to_string())
            .collect();
        if !missing.is_empty() {
            let (name, path, missing) = (
                p.name.clone(),
                self.sources.path(p.file).display().to_string(),
                missing.join(", "),
            );
            self.err(
                sf,
                b.value.year.loc,
                "budget.year",
                msg!(
                    "the price projection `{name}` ({path}) has no rate for {missing}; from {base} prices to {end} it needs one for every year after {base}",
                    "prisfremskrivningen `{name}` ({path}) har ingen sats for {missing}; fra {base}-priser til {end} skal den have én for hvert år efter {base}"
                ),
            );
            return None;
        }
        if year <= base {
            // Current prices of a year before the price year would need the index, backwards.
            self.err(
                sf,
                b.value.year.loc,
                "budget.year",
                msg!(
                    "{year} is not after the price year {base}; current prices are projected forwards from the price year",
                    "{year} ligger ikke efter prisåret {base}; løbende priser fremskrives fra prisåret"
                ),
            );
            return None;
        }
        let mut factor = Decimal::ONE;
        let mut factors = Vec::with_capacity(years);
        let rates: Vec<(i32, Decimal)> = ((base + 1)..=end).map(|y| (y, p.rates[&y])).collect();
        for (y, rate) in &rates {
            let y = *y;
            factor *= Decimal::ONE + rate;
            if y >= year {
                factors.push(factor.round_dp(12));
            }
        }
        Some(Budget {
            year,
            years,
            projection: Projection {
                name: p.name.clone(),
                source: p.source.clone(),
                sourced: p.sourced,
                note: p.note.clone(),
                file: self.sources.path(p.file).display().to_string(),
                da: p.da.clone(),
            },
            factors,
            rates,
        })
    }
}

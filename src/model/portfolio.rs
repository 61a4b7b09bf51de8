//! A validated portfolio (`somsim portfolio`, `docs/model.md`, "Portfolio and revolving fund"):
//! its contracts, each a contract file's model for the municipalities its entry keeps, and the
//! revolving fund's terms. Holding one proves every file was checked.

use std::path::Path;

use rust_decimal::Decimal;

pub mod fund;

use super::{Danish, Model};
use crate::decimal::typed::Meaning;
use crate::input::diag::{InputError, Problems};
use crate::input::portfolio::{LoadedPortfolio, keep_municipalities};
use crate::input::{Kind, Node, raw};
use crate::lang::{Message, msg};

/// One contract of a portfolio.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The name shown: the contract's, with the municipalities the entry keeps; and its
    /// Danish form, from the contract's `da:` name (`None` without one).
    pub name: String,
    pub name_da: Option<String>,
    /// The municipalities it keeps, as named (all of its scenario's when its entry names none).
    pub municipalities: Vec<String>,
    /// Its contract file.
    pub file: String,
    /// The model of its contract file, for those municipalities.
    pub model: Model,
    /// The contract's index in `model.contracts`.
    pub contract: usize,
    /// The portfolio year its scenario's first year falls in (without a fund), or the earliest
    /// a fund may commit to it (year offset from the portfolio's `start_year`).
    pub start: usize,
}

/// A revolving fund's terms.
#[derive(Clone, Debug)]
pub struct Fund {
    pub capital: Decimal,
    pub reserve: Decimal,
    /// Yearly rate on the capital outstanding in its contracts.
    pub management_fee: Decimal,
    pub max_new_per_year: Option<usize>,
    /// Per portfolio year: new capital from donors.
    pub donors: Vec<Decimal>,
    pub source: Option<String>,
}

/// A validated portfolio.
#[derive(Clone, Debug)]
pub struct Portfolio {
    pub name: String,
    pub da: Danish,
    pub description: Option<String>,
    /// The portfolio file as given.
    pub file: String,
    pub start_year: i32,
    pub horizon: usize,
    /// The rate that moves each contract's payer deltas to the portfolio's first year.
    pub discount_rate: Decimal,
    /// The contracts, in the order a fund finances them.
    pub entries: Vec<Entry>,
    pub fund: Option<Fund>,
    pub source: Option<String>,
    pub note: Option<String>,
}

impl Portfolio {
    /// Read and validate a portfolio file and every contract file it names.
    pub fn load(path: &Path) -> Result<Portfolio, InputError> {
        let lp = crate::input::portfolio::load(path)?;
        Check {
            lp: &lp,
            problems: Problems::default(),
        }
        .portfolio()
    }

    /// Calendar year of portfolio year offset `t`.
    pub fn year(&self, t: usize) -> i32 {
        self.start_year + t as i32
    }
}

/// The checks of one portfolio file, collecting every problem.
struct Check<'a> {
    lp: &'a LoadedPortfolio,
    problems: Problems,
}

impl Check<'_> {
    fn err(&mut self, n: &Node, field: &str, message: Message) {
        let lp = self.lp;
        self.problems
            .push(&lp.sources, lp.file, n.loc, field, message);
    }

    /// A number of `meaning` at `field`, read as the scenario files read theirs (`465.000` is
    /// refused as a Danish thousands separator).
    fn number(&mut self, n: &Node, field: &str, meaning: Meaning) -> Option<Decimal> {
        let src = self.lp.sources.text(self.lp.file);
        let not_a_number = || {
            msg!(
                "expected {what}, found {found}",
                "forventede {what}, fandt {found}",
                what = meaning.expected(),
                found = n.describe(src),
            )
        };
        let reading = super::build::read_node(n, src, not_a_number);
        match reading.and_then(|r| r.as_meaning(meaning)) {
            Ok(d) => Some(d),
            Err(m) => {
                self.err(n, field, m);
                None
            }
        }
    }

    /// A number from `lo` to `hi`.
    fn within(
        &mut self,
        n: &Node,
        field: &str,
        m: Meaning,
        lo: Decimal,
        hi: Decimal,
    ) -> Option<Decimal> {
        let d = self.number(n, field, m)?;
        if d < lo || d > hi {
            self.err(
                n,
                field,
                msg!(
                    "found {d}; expected a value from {lo} to {hi}",
                    "fandt {d}; forventede en værdi fra {lo} til {hi}",
                    d = d.normalize(),
                    lo = lo.normalize(),
                    hi = hi.normalize(),
                ),
            );
            return None;
        }
        Some(d)
    }

    /// The fund's yearly fee: a rate below 1 (`1` would be 100% a year, more likely meant as
    /// 1%).
    fn fee(&mut self, n: &Node) -> Option<Decimal> {
        let d = self.number(n, "fund.management_fee", Meaning::Relative)?;
        if d < Decimal::ZERO || d >= Decimal::ONE {
            self.err(
                n,
                "fund.management_fee",
                msg!(
                    "found {d}: a fee of {pct}% a year; expected a yearly rate from 0 to below 1, e.g. 0.01 or 1% for one per cent",
                    "fandt {d}: et honorar på {pct} pct. om året; forventede en årlig sats fra 0 til under 1, fx 0.01 eller 1% for én procent",
                    d = d.normalize(),
                    pct = (d * Decimal::from(100)).normalize(),
                ),
            );
            return None;
        }
        Some(d)
    }

    /// A calendar year of the portfolio's horizon, as an offset.
    fn year(&mut self, n: &Node, field: &str, start: i32, horizon: usize) -> Option<usize> {
        let y = self.number(n, field, Meaning::Whole)?;
        let last = start + horizon as i32 - 1;
        match i32::try_from(y.mantissa()).ok().filter(|_| y.scale() == 0) {
            Some(y) if (start..=last).contains(&y) => Some((y - start) as usize),
            _ => {
                self.err(
                    n,
                    field,
                    msg!(
                        "year {y} is outside the portfolio's years {start}-{last}",
                        "året {y} ligger uden for porteføljens år {start}-{last}",
                        y = y.normalize(),
                    ),
                );
                None
            }
        }
    }

    fn portfolio(mut self) -> Result<Portfolio, InputError> {
        let r = &self.lp.raw;
        let start_year = self.within(
            &r.start_year,
            "start_year",
            Meaning::Whole,
            1900.into(),
            2200.into(),
        );
        let horizon = self.within(&r.horizon, "horizon", Meaning::Whole, 1.into(), 100.into());
        let discount_rate = match &r.discount_rate {
            Some(n) => self.within(
                n,
                "discount_rate",
                Meaning::Relative,
                Decimal::ZERO,
                Decimal::ONE,
            ),
            None => Some(Decimal::new(35, 3)),
        };
        let (Some(start_year), Some(horizon)) = (start_year, horizon) else {
            return Err(self.problems.into_error());
        };
        let start_year = i32::try_from(start_year.mantissa()).unwrap_or(1900);
        let horizon = usize::try_from(horizon.mantissa()).unwrap_or(1);
        let fund = match &r.fund {
            Some(f) => self.fund(&f.value, start_year, horizon),
            None => Some(None),
        };
        if r.contracts.is_empty() {
            let lp = self.lp;
            self.problems.push(
                &lp.sources,
                lp.file,
                Default::default(),
                "contracts",
                Message::new(
                    "a portfolio needs at least one contract: `contracts: [{file: ...}]`",
                    "en portefølje kræver mindst én kontrakt: `contracts: [{file: ...}]`",
                ),
            );
        }
        let with_fund = r.fund.is_some();
        let mut entries = Vec::new();
        for (i, e) in r.contracts.iter().enumerate() {
            let field = format!("contracts[{i}]");
            match self.entries(&e.value, &field, start_year, horizon, with_fund) {
                Ok(mut es) => entries.append(&mut es),
                Err(e) => self.problems.list.extend(e.diagnostics),
            }
        }
        let text = |t: &Option<crate::input::Text>| t.as_ref().map(|t| t.value.trim().to_owned());
        let portfolio = Portfolio {
            name: r.name.value.clone(),
            da: Danish {
                name: r
                    .da
                    .as_ref()
                    .and_then(|d| d.value.name.as_ref())
                    .map(|n| n.value.clone()),
                ..Danish::default()
            },
            description: text(&r.description),
            file: self.lp.path().display().to_string(),
            start_year,
            horizon,
            discount_rate: discount_rate.unwrap_or_default(),
            entries,
            fund: fund.flatten(),
            source: text(&r.source),
            note: text(&r.note),
        };
        self.problems.into_result(portfolio)
    }

    fn fund(&mut self, f: &raw::Fund, start: i32, horizon: usize) -> Option<Option<Fund>> {
        let big = Decimal::from(1_000_000_000_000i64);
        let capital = self.within(
            &f.capital,
            "fund.capital",
            Meaning::Kroner,
            Decimal::ZERO,
            big,
        );
        let reserve = match &f.reserve {
            Some(n) => self.within(n, "fund.reserve", Meaning::Kroner, Decimal::ZERO, big),
            None => Some(Decimal::ZERO),
        };
        let fee = match &f.management_fee {
            Some(n) => self.fee(n),
            None => Some(Decimal::ZERO),
        };
        let max_new = match &f.max_new_per_year {
            Some(n) => self
                .within(
                    n,
                    "fund.max_new_per_year",
                    Meaning::Whole,
                    Decimal::ONE,
                    10_000.into(),
                )
                .map(|d| Some(usize::try_from(d.mantissa()).unwrap_or(1))),
            None => Some(None),
        };
        let mut donors = vec![Decimal::ZERO; horizon];
        let mut ok = true;
        for (i, d) in f.donors.iter().enumerate() {
            let field = format!("fund.donors[{i}]");
            let y = self.year(&d.value.year, &format!("{field}.year"), start, horizon);
            let a = self.within(
                &d.value.amount,
                &format!("{field}.amount"),
                Meaning::Kroner,
                Decimal::ZERO,
                big,
            );
            match (y, a) {
                (Some(y), Some(a)) => donors[y] += a,
                _ => ok = false,
            }
        }
        if let (Some(c), Some(r), Some(n)) = (capital, reserve, &f.reserve)
            && r > c + donors.iter().copied().sum::<Decimal>()
        {
            self.err(
                n,
                "fund.reserve",
                msg!(
                    "the reserve ({r}) is more than the capital and every donor's gift together ({c}): the fund could never commit to a contract; expected a reserve below the capital",
                    "reserven ({r}) er større end kapitalen og alle donorers bidrag tilsammen ({c}): fonden kunne aldrig give tilsagn til en kontrakt; forventede en reserve under kapitalen",
                    r = r.normalize(),
                    c = (c + donors.iter().copied().sum::<Decimal>()).normalize(),
                ),
            );
            return None;
        }
        Some(Some(Fund {
            capital: capital?,
            reserve: reserve?,
            management_fee: fee?,
            max_new_per_year: max_new?,
            donors: ok.then_some(donors)?,
            source: f.source.as_ref().map(|s| s.value.trim().to_owned()),
        }))
    }

    /// The contracts entry `e` at `field` stands for: one, or one per municipality.
    fn entries(
        &mut self,
        e: &raw::PortfolioEntry,
        field: &str,
        start_year: i32,
        horizon: usize,
        with_fund: bool,
    ) -> Result<Vec<Entry>, InputError> {
        let path = self.lp.entry_path(e);
        let lp = self.lp;
        let at_file = |m: Message| lp.problem(e.file.loc, &format!("{field}.file"), m);
        let loaded = crate::input::load(&path).map_err(|err| {
            // A file that cannot be read is this entry's problem; a file with mistakes
            // reports them itself, at their own lines.
            if err.diagnostics.iter().all(|d| d.line == 0) {
                at_file(msg!(
                    "cannot read the contract file `{name}`: {why}",
                    "kontraktfilen `{name}` kan ikke læses: {why}",
                    name = e.file.value,
                    why = err
                        .diagnostics
                        .first()
                        .map_or_else(|| err.message(), |d| d.message.clone()),
                ))
            } else {
                err
            }
        })?;
        let whole = crate::model::Model::from_loaded(&loaded)?;
        let contract = self.pick(&whole, e, field)?;
        let start = match &e.start {
            Some(n) => self.year(n, &format!("{field}.start"), start_year, horizon),
            None => Some(0),
        };
        let per_year = match &e.per_year {
            Some(n) => self
                .within(
                    n,
                    &format!("{field}.per_year"),
                    Meaning::Whole,
                    Decimal::ONE,
                    10_000.into(),
                )
                .map(|d| Some(usize::try_from(d.mantissa()).unwrap_or(1))),
            None => Some(None),
        };
        let all: Vec<String> = whole
            .municipalities
            .iter()
            .map(|m| m.name.clone())
            .collect();
        let groups: Vec<Vec<String>> = match &e.municipalities {
            None => vec![all.clone()],
            Some(n) => match &n.kind {
                Kind::Str(s) if s == "each" => all.iter().map(|m| vec![m.clone()]).collect(),
                Kind::Seq(items) => {
                    let src = self.lp.sources.text(self.lp.file);
                    let mut names = Vec::new();
                    let mut wrong = false;
                    for (j, item) in items.iter().enumerate() {
                        wrong |= !matches!(&item.kind, Kind::Str(s) if all.contains(s));
                        match &item.kind {
                            Kind::Str(s) if all.contains(s) => names.push(s.clone()),
                            Kind::Str(s) => match crate::input::diag::did_you_mean(s, all.iter().map(String::as_str)) {
                                Some(near) => self.err(
                                    item,
                                    &format!("{field}.municipalities[{j}]"),
                                    msg!(
                                        "`{s}` is not a municipality of {file}; did you mean `{near}`?",
                                        "`{s}` er ikke en kommune i {file}; mente du `{near}`?",
                                        file = e.file.value,
                                    ),
                                ),
                                None => self.err(
                                    item,
                                    &format!("{field}.municipalities[{j}]"),
                                    msg!(
                                        "`{s}` is not a municipality of {file}; expected one of {names}",
                                        "`{s}` er ikke en kommune i {file}; forventede en af {names}",
                                        file = e.file.value,
                                        names = crate::input::diag::one_of(&all),
                                    ),
                                ),
                            },
                            _ => self.err(
                                item,
                                &format!("{field}.municipalities[{j}]"),
                                msg!(
                                    "expected a municipality's name, found {found}",
                                    "forventede en kommunes navn, fandt {found}",
                                    found = item.describe(src),
                                ),
                            ),
                        }
                    }
                    if wrong || names.is_empty() {
                        if names.is_empty() && !wrong {
                            self.err(
                                n,
                                &format!("{field}.municipalities"),
                                Message::new(
                                    "an empty list keeps no municipality; name at least one, or write `each`",
                                    "en tom liste beholder ingen kommune; nævn mindst én, eller skriv `each`",
                                ),
                            );
                        }
                        Vec::new()
                    } else {
                        vec![names]
                    }
                }
                _ => {
                    let src = self.lp.sources.text(self.lp.file);
                    self.err(
                        n,
                        &format!("{field}.municipalities"),
                        msg!(
                            "expected a list of municipalities or `each`, found {found}",
                            "forventede en liste af kommuner eller `each`, fandt {found}",
                            found = n.describe(src),
                        ),
                    );
                    Vec::new()
                }
            },
        };
        let each =
            matches!(&e.municipalities, Some(n) if matches!(&n.kind, Kind::Str(s) if s == "each"));
        if let Some(p) = &e.per_year
            && (!each || with_fund)
        {
            self.err(
                p,
                &format!("{field}.per_year"),
                Message::new(
                    "`per_year` sets waves of `municipalities: each` in a portfolio without a fund; a fund commits to contracts as its capital allows (see `fund.max_new_per_year`)",
                    "`per_year` giver bølger af `municipalities: each` i en portefølje uden fond; en fond forpligter sig, som kapitalen tillader (se `fund.max_new_per_year`)",
                ),
            );
        }
        let (Some(start), Some(per_year)) = (start, per_year) else {
            return Ok(Vec::new());
        };
        let key = whole.contracts[contract].key.clone();
        let mut out = Vec::new();
        for (g, names) in groups.into_iter().enumerate() {
            let model = if names.len() == all.len() {
                whole.clone()
            } else {
                let mut l = loaded.clone();
                keep_municipalities(&mut l, &names).map_err(&at_file)?;
                crate::model::Model::from_loaded(&l)?
            };
            let wave = per_year.map_or(0, |n| g / n);
            let c = &model.contracts[contract];
            let whole = names.len() == all.len() && !each;
            let named = |n: &str| {
                if whole {
                    n.to_owned()
                } else {
                    format!("{}: {n}", names.join(", "))
                }
            };
            let name = named(&c.name);
            let name_da = c.da.name.as_deref().map(named);
            out.push(Entry {
                name,
                name_da,
                municipalities: names,
                file: e.file.value.clone(),
                contract: model
                    .contracts
                    .iter()
                    .position(|c| c.key == key)
                    .unwrap_or(contract),
                model,
                start: (start + wave).min(horizon - 1),
            });
        }
        Ok(out)
    }

    /// The contract of `model` that entry `e` names: by `contract`, or the only one.
    fn pick(
        &mut self,
        model: &Model,
        e: &raw::PortfolioEntry,
        field: &str,
    ) -> Result<usize, InputError> {
        let names: Vec<&str> = model.contracts.iter().map(|c| c.key.as_str()).collect();
        let lp = self.lp;
        match (&e.contract, names.len()) {
            (_, 0) => Err(lp.problem(
                e.file.loc,
                &format!("{field}.file"),
                msg!(
                    "`{file}` has no contract; expected a contract file (docs/scenario-format.md, \"contracts\")",
                    "`{file}` har ingen kontrakt; forventede en kontraktfil (docs/scenario-format.md, \"contracts\")",
                    file = e.file.value,
                ),
            )),
            (None, 1) => Ok(0),
            (None, n) => Err(lp.problem(
                e.file.loc,
                &format!("{field}.contract"),
                msg!(
                    "`{file}` has {n} contracts; say which with `contract:`: {choices}",
                    "`{file}` har {n} kontrakter; sig hvilken med `contract:`: {choices}",
                    file = e.file.value,
                    choices = crate::input::diag::one_of(&names),
                ),
            )),
            (Some(c), _) => names.iter().position(|x| *x == c.value).ok_or_else(|| {
                lp.problem(
                    c.loc,
                    &format!("{field}.contract"),
                    msg!(
                        "`{name}` is not a contract of `{file}`; expected {choices}",
                        "`{name}` er ikke en kontrakt i `{file}`; forventede {choices}",
                        name = c.value,
                        file = e.file.value,
                        choices = crate::input::diag::one_of(&names),
                    ),
                )
            }),
        }
    }
}

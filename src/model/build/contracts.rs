//! Contracts between an investor and the outcome payers (`docs/model.md`, "Contracts").

use super::*;
use crate::model::contract::{GainShare, MAX_RATE_ITEMS, Metric, Prefinance, RateItem, Tranche};

/// What a contract may refer to: the scenario's validated lines.
pub(super) struct Names<'m> {
    pub costs: &'m [CostLine],
    pub outcomes: &'m [Outcome],
    pub non_monetary: &'m [NonMonetary],
    /// The names of lines the file writes but that were refused (already reported).
    pub refused: &'m [String],
}

impl<'a> Builder<'a> {
    /// An exact number in `dom` (contract terms are agreed, not uncertain): a number, a
    /// percentage, or the name of an assumption with a fixed value.
    pub(super) fn exact(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
        dom: Domain,
    ) -> Option<Decimal> {
        let f = n.src.unwrap_or(f);
        match self.param(f, n, field, dom)? {
            Param::Fixed(d) => Some(d),
            Param::Input { .. } => {
                self.err(
                    f,
                    n.loc,
                    field,
                    Message::new(
                        "a contract term must be an exact number (terms are agreed, not uncertain); give the agreed figure",
                        "et kontraktvilkår skal være et eksakt tal (vilkår aftales, de er ikke usikre); angiv det aftalte tal",
                    ),
                );
                None
            }
        }
    }

    /// A whole number of years from 0 to the horizon.
    fn lag(&mut self, f: FileId, n: Option<&Node>, field: &str) -> Option<usize> {
        match n {
            None => Some(0),
            Some(n) => self
                .integer(f, n, field, 0, self.horizon as i64)
                .map(|v| v as usize),
        }
    }

    pub(super) fn contract(
        &mut self,
        f: FileId,
        c: &At<raw::Contract>,
        names: &Names<'_>,
    ) -> Option<Contract> {
        let cc = &c.value;
        let field = format!("contracts[{}]", cc.name.value);
        let h = self.horizon;
        let investor = self.payer(f, &cc.investor, &format!("{field}.investor"));
        let mut ok = investor.is_some();

        // What the investor pays: shares of cost lines, and fixed tranches.
        let mut prefinance = Vec::new();
        for (i, p) in cc.prefinance.iter().enumerate() {
            let pf = format!("{field}.prefinance[{i}]");
            let cost = names
                .costs
                .iter()
                .position(|l| l.name == p.value.cost.value);
            let share = match &p.value.share {
                Some(s) => self.exact(f, s, &format!("{pf}.share"), Domain::Share),
                None => Some(Decimal::ONE),
            };
            let years = self.years(f, &p.value.years, &format!("{pf}.years"));
            match cost {
                None if names.refused.contains(&p.value.cost.value) => ok = false,
                None => {
                    let known: Vec<String> = names.costs.iter().map(|l| l.name.clone()).collect();
                    let m = find_name(
                        &known,
                        &p.value.cost.value,
                        Message::new("cost line", "omkostningslinje"),
                        Message::new("expected", "forventede"),
                        Message::verbatim(""),
                    )
                    .err()
                    .unwrap_or_else(|| Message::verbatim(""));
                    self.err(f, p.value.cost.loc, &format!("{pf}.cost"), m);
                    ok = false;
                }
                Some(k) if Some(names.costs[k].payer) == investor => {
                    self.err(
                        f,
                        p.value.cost.loc,
                        &format!("{pf}.cost"),
                        Message::new(
                            "the investor already bears this line; pre-financing moves a line's cost from its payer to the investor",
                            "investoren betaler allerede denne linje; forfinansiering flytter en linjes omkostning fra dens betaler til investoren",
                        ),
                    );
                    ok = false;
                }
                Some(k) => {
                    if let (Some(share), Some(years)) = (share, years) {
                        prefinance.push(Prefinance {
                            cost: k,
                            share,
                            years,
                        });
                    } else {
                        ok = false;
                    }
                }
            }
        }
        let mut tranches = Vec::new();
        for (i, t) in cc.tranches.iter().enumerate() {
            let tf = format!("{field}.tranches[{i}]");
            let tt = &t.value;
            let amount = self.exact(f, &tt.amount, &format!("{tf}.amount"), Domain::Money);
            let years = self.years(f, &tt.years, &format!("{tf}.years"));
            let to = self.payer(f, &tt.to, &format!("{tf}.to"));
            if to.is_some() && to == investor {
                self.err(
                    f,
                    tt.to.loc,
                    &format!("{tf}.to"),
                    Message::new(
                        "a tranche goes from the investor to another payer",
                        "en rate (`tranches`) går fra investoren til en anden betaler",
                    ),
                );
                ok = false;
            }
            let allocation = self.allocation(
                f,
                tt.municipality.as_ref(),
                tt.shared.as_ref(),
                &tf,
                t.loc,
                Allocation::National,
            );
            match (amount, years, to, allocation) {
                (Some(amount), Some(years), Some(to), Some(allocation)) => tranches.push(Tranche {
                    amount,
                    years,
                    to,
                    allocation,
                }),
                _ => ok = false,
            }
        }
        if cc.prefinance.is_empty() && cc.tranches.is_empty() {
            self.err(
                f,
                c.loc,
                &field,
                Message::new(
                    "a contract needs `prefinance` (cost lines the investor pays) or `tranches` (fixed amounts it pays)",
                    "en kontrakt kræver `prefinance` (omkostningslinjer, som investoren betaler) eller `tranches` (faste beløb, den betaler)",
                ),
            );
            ok = false;
        }

        // What it buys: a rate card and/or a gain share, paid by the outcome payers.
        let mut rate_card = Vec::new();
        if cc.rate_card.len() > MAX_RATE_ITEMS {
            self.err(
                f,
                c.loc,
                &format!("{field}.rate_card"),
                msg!(
                    "a rate card has at most {MAX_RATE_ITEMS} items",
                    "en prisliste (`rate_card`) har højst {MAX_RATE_ITEMS} punkter"
                ),
            );
            ok = false;
        }
        for (i, r) in cc.rate_card.iter().enumerate() {
            match self.rate_item(f, &format!("{field}.rate_card[{i}]"), &r.value, names) {
                Some(item) => rate_card.push(item),
                None => ok = false,
            }
        }
        let gain_share = match &cc.gain_share {
            None => None,
            Some(g) => {
                let gf = format!("{field}.gain_share");
                let share = self.exact(f, &g.value.share, &format!("{gf}.share"), Domain::Share);
                let payers: Vec<Option<PayerId>> = g
                    .value
                    .of
                    .iter()
                    .map(|p| self.payer(f, p, &format!("{gf}.of")))
                    .collect();
                if g.value.of.is_empty() {
                    self.err(
                        f,
                        g.loc,
                        &format!("{gf}.of"),
                        Message::new(
                            "name the payers whose savings are shared, e.g. `of: [kommune, region]`",
                            "nævn de betalere, hvis besparelser deles, fx `of: [kommune, region]`",
                        ),
                    );
                }
                let lag = self.lag(f, g.value.lag.as_ref(), &format!("{gf}.lag"));
                match (
                    share,
                    lag,
                    payers.iter().all(Option::is_some),
                    g.value.of.is_empty(),
                ) {
                    (Some(share), Some(lag), true, false) => Some(GainShare {
                        share,
                        payers: payers.into_iter().flatten().collect(),
                        lag,
                    }),
                    _ => {
                        ok = false;
                        None
                    }
                }
            }
        };
        if cc.rate_card.is_empty() && cc.gain_share.is_none() {
            self.err(
                f,
                c.loc,
                &field,
                Message::new(
                    "a contract needs a `rate_card` (prices per success target) or a `gain_share` (a share of realised savings)",
                    "en kontrakt kræver en `rate_card` (priser pr. opnået succesmål) eller en `gain_share` (en andel af de realiserede besparelser)",
                ),
            );
            ok = false;
        }
        let outcome_payers =
            self.payer_shares(f, &cc.outcome_payers, &format!("{field}.outcome_payers"));
        if let (Some(op), Some(inv)) = (&outcome_payers, investor)
            && op.iter().any(|(p, _)| *p == inv)
        {
            self.err(
                f,
                cc.outcome_payers.loc,
                &format!("{field}.outcome_payers"),
                Message::new(
                    "the investor cannot pay itself; name the payers that repay it",
                    "investoren kan ikke betale sig selv; nævn de betalere, der betaler investoren tilbage",
                ),
            );
            ok = false;
        }

        // Limits and the term.
        let cap = cc
            .cap
            .as_ref()
            .map(|n| self.exact(f, n, &format!("{field}.cap"), Domain::Money));
        let return_cap = cc
            .return_cap
            .as_ref()
            .map(|n| self.exact(f, n, &format!("{field}.return_cap"), Domain::Share));
        let hurdle_rate = cc
            .hurdle_rate
            .as_ref()
            .map(|n| self.exact(f, n, &format!("{field}.hurdle_rate"), Domain::Share));
        let floor = cc.floor.as_ref().map(|fl| {
            let share = self.exact(
                f,
                &fl.value.share,
                &format!("{field}.floor.share"),
                Domain::Share,
            );
            let payer = self.payer(f, &fl.value.payer, &format!("{field}.floor.payer"));
            if payer.is_some() && payer == investor {
                self.err(
                    f,
                    fl.value.payer.loc,
                    &format!("{field}.floor.payer"),
                    Message::new(
                        "the investor cannot top up its own floor; name the payer that does",
                        "investoren kan ikke selv supplere op til sit eget gulv (`floor`); nævn den betaler, der gør",
                    ),
                );
                return None;
            }
            Some((share?, payer?))
        });
        let guarantee = cc.guarantee.as_ref().map(|g| {
            let guarantor = self.payer(
                f,
                &g.value.guarantor,
                &format!("{field}.guarantee.guarantor"),
            );
            let amount = self.exact(
                f,
                &g.value.amount,
                &format!("{field}.guarantee.amount"),
                Domain::Money,
            );
            if guarantor.is_some() && guarantor == investor {
                self.err(
                    f,
                    g.value.guarantor.loc,
                    &format!("{field}.guarantee.guarantor"),
                    Message::new(
                        "the investor cannot guarantee itself; name the guarantor (e.g. a foundation)",
                        "investoren kan ikke stille garanti for sig selv; nævn garanten (fx en fond)",
                    ),
                );
                return None;
            }
            Some((guarantor?, amount?))
        });
        let last_year = self.year_in_horizon(f, &cc.last_year, &format!("{field}.last_year"));
        let stack = self.stack(f, &cc.stack, &field, names);
        let management_fee = self.management_fee(f, cc, &field);

        // The windows: investment years, cohorts, and the term.
        let mut invest_years = vec![false; h];
        for y in prefinance
            .iter()
            .map(|p| &p.years)
            .chain(tranches.iter().map(|t| &t.years))
        {
            for (a, b) in invest_years.iter_mut().zip(y) {
                *a |= *b;
            }
        }
        if let Some(last) = last_year
            && let Some(t) = invest_years.iter().rposition(|y| *y)
            && t > last
        {
            let year = self.start_year + t as i32;
            self.err(
                f,
                cc.last_year.loc,
                &format!("{field}.last_year"),
                msg!(
                    "the investor still pays in {year}, after the last repayment year; the term must end in {year} or later",
                    "investoren betaler stadig i {year}, efter det sidste år med tilbagebetaling; aftalen skal løbe til {year} eller senere"
                ),
            );
            ok = false;
        }
        let cohorts = match &cc.cohorts {
            Some(n) => self.years(f, n, &format!("{field}.cohorts")),
            None => Some(invest_years),
        };

        if !ok {
            return None;
        }
        Some(Contract {
            origin: self.origin(f, c.loc),
            name: cc.name.value.clone(),
            key: cc.name.value.clone(),
            da: super::danish_name(cc.da.as_ref()),
            investor: investor?,
            prefinance,
            tranches,
            cohorts: cohorts?,
            rate_card,
            gain_share,
            outcome_payers: outcome_payers?,
            cap: cap.map_or(Some(None), |c| c.map(Some))?,
            return_cap: return_cap.map_or(Some(None), |c| c.map(Some))?,
            hurdle_rate: hurdle_rate.map_or(Some(None), |c| c.map(Some))?,
            floor: floor.map_or(Some(None), |x| x.map(Some))?,
            guarantee: guarantee.map_or(Some(None), |x| x.map(Some))?,
            stack: stack?,
            management_fee: management_fee?,
            last_year: last_year?,
            source: cc.source.as_ref().map(|s| s.value.clone()),
            note: cc.note.as_ref().map(|s| s.value.trim().to_owned()),
        })
    }

    fn rate_item(
        &mut self,
        f: FileId,
        field: &str,
        r: &raw::RateItem,
        names: &Names<'_>,
    ) -> Option<RateItem> {
        let m = r.metric.value.as_str();
        let metric = self.metric(f, &r.metric, &format!("{field}.metric"), names);
        let price = self.exact(f, &r.price, &format!("{field}.price"), Domain::Money);
        let lag = self.lag(f, r.lag.as_ref(), &format!("{field}.lag"));
        let cap = match &r.cap {
            Some(n) => Some(self.exact(f, n, &format!("{field}.cap"), Domain::Money)?),
            None => None,
        };
        let trigger = match &r.trigger {
            None => None,
            Some(t) => self.trigger(f, &format!("{field}.trigger"), t, names),
        };
        let measured = match metric {
            Some(k) => self.measurement(
                f,
                r.measured.as_ref(),
                field,
                super::measure::Measured::Metric(k, names.outcomes),
            ),
            None => None,
        };
        let name = (r.name.as_ref()).map_or_else(|| m.to_owned(), |n| n.value.clone());
        let mut da = super::danish_name(r.da.as_ref());
        if da.name.is_none() && r.name.is_none() {
            // Named after its metric: the metric's Danish name, where the file gives one.
            da.name = match metric {
                Some(Metric::NonMonetary(i)) => names.non_monetary[i].da.name.clone(),
                Some(Metric::Avoided(i)) => names.outcomes[i].da.name.clone(),
                _ => None,
            };
        }
        Some(RateItem {
            key: name.clone(),
            name,
            da,
            metric: metric?,
            price: price?,
            lag: lag?,
            cap,
            trigger,
            measured: measured?,
            source: r.source.as_ref().map(|s| s.value.clone()),
        })
    }

    /// Payer -> exact share, summing to 1.
    pub(super) fn payer_shares(
        &mut self,
        f: FileId,
        n: &Node,
        field: &str,
    ) -> Option<Vec<(PayerId, Decimal)>> {
        let f = n.src.unwrap_or(f);
        let key = self.shares(f, n, field)?;
        let mut out = Vec::new();
        let mut ok = true;
        for (name, loc, share) in key {
            let t = At {
                value: name,
                loc,
                def: loc,
            };
            match self.payer(f, &t, field) {
                Some(p) => out.push((p, share)),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

impl Builder<'_> {
    /// Checks across contracts: unique names, and no cost line pre-financed beyond its whole
    /// cost in any year.
    pub(super) fn check_contracts(
        &mut self,
        raw: &[(FileId, &At<raw::Contract>)],
        contracts: &[Contract],
        costs: &[CostLine],
    ) {
        for (i, (f, c)) in raw.iter().enumerate() {
            if raw[..i]
                .iter()
                .any(|(_, d)| d.value.name.value == c.value.name.value)
            {
                let name = &c.value.name.value;
                self.err(
                    *f,
                    c.value.name.loc,
                    &format!("contracts[{i}].name"),
                    msg!(
                        "`{name}` is used by two contracts; names identify contracts in the ledger and reports",
                        "`{name}` bruges af to kontrakter; navnene identificerer kontrakterne i regnskabet og rapporterne"
                    ),
                );
            }
        }
        for (k, line) in costs.iter().enumerate() {
            for t in 0..self.horizon {
                let total: Decimal = contracts
                    .iter()
                    .flat_map(|c| &c.prefinance)
                    .filter(|p| p.cost == k && p.years[t])
                    .map(|p| p.share)
                    .sum();
                if total > Decimal::ONE {
                    let (f, c) = raw
                        .iter()
                        .rev()
                        .find(|(_, c)| {
                            c.value
                                .prefinance
                                .iter()
                                .any(|p| p.value.cost.value == line.name)
                        })
                        .copied()
                        .unwrap_or(raw[0]);
                    let (share, name, year) =
                        (total.normalize(), &line.name, self.start_year + t as i32);
                    self.err(
                        f,
                        c.loc,
                        &format!("contracts[{}].prefinance", c.value.name.value),
                        msg!(
                            "the contracts together pre-finance {share} of `{name}` in {year}; at most the whole line (1) can be pre-financed",
                            "kontrakterne forfinansierer tilsammen {share} af `{name}` i {year}; højst hele linjen (1) kan forfinansieres",
                            share = Num(share),
                        ),
                    );
                    return;
                }
            }
        }
    }
}

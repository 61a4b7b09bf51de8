//! The deterministic ledger: the base case in exact decimal arithmetic, following `MODEL.md`
//! formula by formula so that a finance officer can redo every line in a spreadsheet.
//!
//! Uncertain inputs take their mean ([`Model::base`]). Nothing here is rounded: rounding to
//! øre happens only when a report prints a number.
//!
//! This file is longer than most because it is the formulas of `MODEL.md` in the order the
//! document gives them (activity, cost lines, transfers, avoided costs, nets, perspectives,
//! break-even), each a few lines from its neighbours, so that one reading checks them all;
//! contracts, society and the non-monetary gains are in files of their own.

use crate::lang::Message;
use rust_decimal::Decimal;

use crate::model::{
    Driver, Effect, Model, MuniId, OutcomeKind, PayerId, Profile, allocation_groups, formulas,
    sustained_break_even,
};

mod checked;
pub mod contracts;
mod gains;
pub mod society;

pub use checked::Overflow;
use checked::{TooLarge, add, div, mul, sub, sum};
pub use gains::NonMonetaryResult;

/// What a municipality does in one year.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Activity {
    pub courses: Decimal,
    pub enrolled: Decimal,
    pub completers: Decimal,
    pub volunteers_trained: Decimal,
}

/// Money flows for one payer: costs borne, benefits (avoided costs and revenues), transfers
/// received less transfers paid, and contract flows received less paid.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Flows {
    pub costs: Decimal,
    pub avoided: Decimal,
    pub transfers: Decimal,
    /// Contract flows (pre-financing, outcome payments, floor top-ups, guarantee draws)
    /// received less paid: transfers made by a contract.
    pub contract: Decimal,
}

impl Flows {
    /// `avoided - costs + transfers + contract`. The ledger has checked that this cannot
    /// overflow.
    pub fn net(&self) -> Decimal {
        self.avoided - self.costs + self.transfers + self.contract
    }
    fn checked_net(&self) -> Result<Decimal, TooLarge> {
        add(
            add(sub(self.avoided, self.costs)?, self.transfers)?,
            self.contract,
        )
    }
    fn add(&mut self, o: &Flows) -> Result<(), TooLarge> {
        self.costs = add(self.costs, o.costs)?;
        self.avoided = add(self.avoided, o.avoided)?;
        self.transfers = add(self.transfers, o.transfers)?;
        self.contract = add(self.contract, o.contract)?;
        Ok(())
    }
}

/// One row of the ledger: a year, a municipality (`None`: national lines), a payer.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub t: usize,
    pub municipality: Option<MuniId>,
    pub payer: PayerId,
    pub flows: Flows,
}

/// A cost line, transfer or outcome with its amount in each year (before allocation to
/// municipalities and payers): the audit trail behind the rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub kind: LineKind,
    pub name: String,
    pub amounts: Vec<Decimal>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Cost,
    Transfer,
    Benefit,
    /// A contract's flows of one kind (pre-financing, outcome payments, top-up, guarantee).
    Contract,
}

/// The results for one perspective (a set of payers).
#[derive(Clone, Debug, PartialEq)]
pub struct PerspectiveResult {
    pub name: String,
    /// Per year: the perspective's flows summed over its payers.
    pub flows: Vec<Flows>,
    /// Cumulative discounted net, CDN[P, t].
    pub cumulative: Vec<Decimal>,
    pub npv: Decimal,
    pub pv_benefits: Decimal,
    /// PV of cost lines + transfers out - transfers in.
    pub pv_net_cost: Decimal,
    /// PV benefits / PV net cost; `None` when the net cost is zero or negative.
    pub roi: Option<Decimal>,
    /// Year offset of the sustained break-even; `None` if not within the horizon.
    pub break_even: Option<usize>,
    /// Undiscounted net cost (cost lines + transfers out - transfers in).
    pub net_cost: Decimal,
    /// Undiscounted and discounted net cost per participant enrolled / per completer.
    pub net_cost_per_participant: Option<Decimal>,
    pub pv_net_cost_per_participant: Option<Decimal>,
    pub net_cost_per_completer: Option<Decimal>,
    pub pv_net_cost_per_completer: Option<Decimal>,
}

/// Totals over the horizon.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    pub courses: Decimal,
    pub enrolled: Decimal,
    pub completers: Decimal,
    pub volunteers_trained: Decimal,
    /// Every cost line, whoever pays, undiscounted and discounted.
    pub gross_cost: Decimal,
    pub pv_gross_cost: Decimal,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ledger {
    /// `activity[m][t]`.
    pub activity: Vec<Vec<Activity>>,
    /// Every (year, municipality, payer), years outermost; national rows after the
    /// municipalities when the scenario has national lines.
    pub rows: Vec<Row>,
    pub lines: Vec<Line>,
    /// DF(t).
    pub discount_factors: Vec<Decimal>,
    pub perspectives: Vec<PerspectiveResult>,
    pub totals: Totals,
    pub non_monetary: Vec<NonMonetaryResult>,
    pub contracts: Vec<contracts::ContractResult>,
    /// The workings of the `society` perspective (its result is among `perspectives`).
    pub society: society::SocietyResult,
}

/// Courses, participants, completers and volunteers trained of municipality `m` per year.
pub fn activity(model: &Model, m: MuniId) -> Result<Vec<Activity>, Overflow> {
    let mu = &model.municipalities[m];
    let overflow = |_| Overflow {
        what: format!("municipalities[{}]", mu.name),
        origin: None,
        check: Message::new(
            "its courses, participants per course and volunteers (or, in a roll-out, its population and courses per 10,000 adults)",
            "dens forløb, deltagere pr. forløb og frivillige (eller, i en udrulning, dens indbyggertal og forløb pr. 10.000 voksne)",
        ),
    };
    let v = |s: &crate::model::Series, t: usize| model.base(s.0[t]);
    let size = match &mu.size {
        None => Decimal::ONE,
        Some(s) => (|| {
            let people = mul(s.population, model.base(s.adult_share))?;
            div(
                mul(people, model.base(s.per_10000_adults))?,
                Decimal::from(10_000),
            )
        })()
        .map_err(overflow)?,
    };
    // Planned courses, in the base case times the probability the municipality still runs
    // them (`stop`).
    let courses: Vec<Decimal> = (0..model.horizon)
        .map(|t| mul(mul(v(&mu.courses, t), size)?, mu.expected_running(t)))
        .collect::<Result<_, _>>()
        .map_err(overflow)?;
    let first_active = formulas::first_active(&courses);
    (0..model.horizon)
        .map(|t| {
            let courses = courses[t];
            let enrolled = formulas::enrolled(courses, v(&mu.participants_per_course, t))?;
            let completers = formulas::completers(enrolled, v(&mu.completion_rate, t))?;
            let volunteers_trained = match &mu.volunteers_trained {
                Some(s) => v(s, t),
                None => formulas::volunteers_trained(
                    v(&mu.peers_per_course, t),
                    courses,
                    v(&mu.volunteer_turnover, t),
                    Some(t) == first_active,
                )?,
            };
            Some(Activity {
                courses,
                enrolled,
                completers,
                volunteers_trained,
            })
        })
        .collect::<Option<_>>()
        .ok_or_else(|| overflow(TooLarge))
}

/// The share of the effect present k years after completion, for k in 0..horizon.
pub fn profile(model: &Model, p: &Profile) -> Vec<Decimal> {
    let mut out = vec![Decimal::ZERO; model.horizon];
    // Profile values are shares (at most 1), so nothing here can overflow.
    match p {
        Profile::List(v) => {
            for (o, x) in out.iter_mut().zip(v) {
                *o = model.base(*x);
            }
        }
        Profile::Exponential {
            initial,
            rate,
            years,
        } => {
            formulas::exponential_profile(
                model.base(*initial),
                model.base(*rate),
                *years,
                &mut out,
            );
        }
        Profile::Linear { initial, years } => {
            formulas::linear_profile(model.base(*initial), *years, &mut out);
        }
    }
    out
}

/// The amount quantity of cost line `c` in year `t` for the municipalities `served`, before
/// `quantity` and `unit_cost`; `None` when it overflows.
pub fn driver_count(
    c: &crate::model::CostLine,
    served: &[MuniId],
    act: &[Vec<Activity>],
    t: usize,
) -> Option<Decimal> {
    let total = |f: fn(&Activity) -> Decimal| sum(served.iter().map(|&m| f(&act[m][t])));
    let yes_no = |b: bool| if b { Decimal::ONE } else { Decimal::ZERO };
    match c.driver {
        Driver::PerYear => Some(yes_no(match &c.years {
            Some(y) => y[t],
            None => served.iter().any(|&m| act[m][t].courses > Decimal::ZERO),
        })),
        Driver::OneOff => Some(yes_no(c.years.as_ref().is_some_and(|y| y[t]))),
        Driver::PerCourse => total(|a| a.courses).ok(),
        Driver::PerParticipant => total(|a| a.enrolled).ok(),
        Driver::PerCompleter => total(|a| a.completers).ok(),
        Driver::PerVolunteerTrained => total(|a| a.volunteers_trained).ok(),
        // The coordinators needed: a part of a coordinator's courses needs a whole one.
        Driver::PerCoordinator => {
            let capacity = c.courses_per_coordinator?;
            let courses = total(|a| a.courses).ok()?;
            Some(courses.checked_div(capacity)?.ceil().max(Decimal::ZERO))
        }
    }
}

/// The flows of every (year, municipality or national slot, payer): `flows[t][slot][payer]`,
/// the national slot last.
struct Table {
    flows: Vec<Vec<Vec<Flows>>>,
    /// Whether any national line has a non-zero amount (the national rows are then shown).
    national_used: bool,
}

impl Table {
    /// The flows of payer `p` in year `t` for municipality `m` (`None`: the national lines),
    /// about to receive a line's `amount`; a non-zero amount on a national line marks the
    /// national rows as used.
    fn cell(&mut self, t: usize, m: Option<MuniId>, p: PayerId, amount: Decimal) -> &mut Flows {
        self.national_used |= m.is_none() && !amount.is_zero();
        let national = self.flows[t].len() - 1;
        &mut self.flows[t][m.unwrap_or(national)][p]
    }
}

/// Compute the whole ledger of `model`'s base case. Every operation is checked: a scenario
/// whose amounts are too large to compute exactly gives an [`Overflow`] naming the part of the
/// scenario, never a panic.
pub fn compute(model: &Model) -> Result<Ledger, Overflow> {
    let h = model.horizon;
    let nm = model.municipalities.len();
    let np = model.payers.len();
    let act: Vec<Vec<Activity>> = (0..nm)
        .map(|m| activity(model, m))
        .collect::<Result<_, _>>()?;
    let mut table = Table {
        flows: vec![vec![vec![Flows::default(); np]; nm + 1]; h],
        national_used: false,
    };
    let mut lines = cost_lines(model, &act, &mut table)?;
    lines.extend(transfer_lines(model, &mut table)?);
    lines.extend(benefit_lines(model, &act, &mut table)?);
    let df = model.discount_factors();
    let (contract_results, contract_lines) = contracts::apply(model, &act, &df, &mut table)?;
    lines.extend(contract_lines);
    let Table {
        flows,
        national_used,
    } = table;

    let totals_overflow = |_| Overflow {
        what: String::new(),
        origin: Some(model.file.clone()),
        check: Message::new(
            "the size of the scenario's amounts and activity (its totals)",
            "størrelsen af scenariets beløb og aktivitet (dets totaler)",
        ),
    };
    let slots = if national_used { nm + 1 } else { nm };
    let mut rows = Vec::with_capacity(h * slots * np);
    let mut by_payer = vec![vec![Flows::default(); h]; np];
    for (t, year) in flows.iter().enumerate() {
        for (s, payers) in year.iter().enumerate() {
            for (p, f) in payers.iter().enumerate() {
                by_payer[p][t].add(f).map_err(totals_overflow)?;
                f.checked_net().map_err(totals_overflow)?;
                if s < slots {
                    rows.push(Row {
                        t,
                        municipality: (s < nm).then_some(s),
                        payer: p,
                        flows: *f,
                    });
                }
            }
        }
    }

    let mut totals = Totals::default();
    (|| {
        for a in act.iter().flatten() {
            totals.courses = add(totals.courses, a.courses)?;
            totals.enrolled = add(totals.enrolled, a.enrolled)?;
            totals.completers = add(totals.completers, a.completers)?;
            totals.volunteers_trained = add(totals.volunteers_trained, a.volunteers_trained)?;
        }
        for l in lines.iter().filter(|l| l.kind == LineKind::Cost) {
            for (t, a) in l.amounts.iter().enumerate() {
                totals.gross_cost = add(totals.gross_cost, *a)?;
                totals.pv_gross_cost = add(totals.pv_gross_cost, mul(df[t], *a)?)?;
            }
        }
        Ok(())
    })()
    .map_err(totals_overflow)?;

    let budget_perspectives = model.perspectives.iter().filter(|p| !p.society);
    let mut perspectives: Vec<PerspectiveResult> = budget_perspectives
        .map(|p| perspective(&p.name, payer_flows(&p.payers, &by_payer)?, &df, &totals))
        .collect::<Result<_, _>>()
        .map_err(totals_overflow)?;

    let public_net_cost = perspectives
        .iter()
        .find(|p| p.name == "public")
        .map(|p| p.net_cost)
        .unwrap_or_default();
    let non_monetary =
        gains::results(model, &act, &df, &totals, public_net_cost).map_err(totals_overflow)?;
    let volunteer_time = volunteer_lines(model, &act)?;
    let society = society::compute(model, &lines, &by_payer, volunteer_time, &non_monetary, &df)
        .map_err(totals_overflow)?;
    for (j, p) in model.perspectives.iter().enumerate() {
        if p.society {
            let result = perspective(&p.name, society.flows.clone(), &df, &totals)
                .map_err(totals_overflow)?;
            perspectives.insert(j, result);
        }
    }

    Ok(Ledger {
        activity: act,
        rows,
        lines,
        discount_factors: df,
        perspectives,
        totals,
        non_monetary,
        contracts: contract_results,
        society,
    })
}

/// The flows of a set of payers summed, per year.
fn payer_flows(payers: &[PayerId], by_payer: &[Vec<Flows>]) -> Result<Vec<Flows>, TooLarge> {
    let h = by_payer.first().map_or(0, Vec::len);
    let mut flows = vec![Flows::default(); h];
    for &p in payers {
        for (t, f) in by_payer[p].iter().enumerate() {
            flows[t].add(f)?;
        }
    }
    Ok(flows)
}

/// The value of each volunteer time line per year (`hours x value per hour x driver count`).
fn volunteer_lines(model: &Model, act: &[Vec<Activity>]) -> Result<Vec<Line>, Overflow> {
    let mut lines = Vec::new();
    for v in &model.society.volunteer_time {
        let mut amounts = vec![Decimal::ZERO; model.horizon];
        cost_cells(model, v, act, |t, a, _| {
            amounts[t] = add(amounts[t], a)?;
            Ok(())
        })
        .map_err(|_| Overflow {
            what: format!("society.volunteer_time[{}]", v.name),
            origin: Some(v.origin.clone()),
            check: Message::new(
                "its hours, value per hour and the activity it counts",
                "dens timer, værdi pr. time og den aktivitet, den tæller",
            ),
        })?;
        lines.push(Line {
            kind: LineKind::Cost,
            name: v.name.clone(),
            amounts,
        });
    }
    Ok(lines)
}

/// A perspective's results from its flows per year.
fn perspective(
    name: &str,
    flows: Vec<Flows>,
    df: &[Decimal],
    totals: &Totals,
) -> Result<PerspectiveResult, TooLarge> {
    let h = df.len();
    let mut cumulative = Vec::with_capacity(h);
    let (mut cdn, mut pv_b, mut pv_c, mut net_cost) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (t, f) in flows.iter().enumerate() {
        cdn = add(cdn, mul(df[t], f.checked_net()?)?)?;
        cumulative.push(cdn);
        pv_b = add(pv_b, mul(df[t], f.avoided)?)?;
        let cost = sub(sub(f.costs, f.transfers)?, f.contract)?;
        pv_c = add(pv_c, mul(df[t], cost)?)?;
        net_cost = add(net_cost, cost)?;
    }
    let per = |x: Decimal, n: Decimal| x.checked_div(n);
    Ok(PerspectiveResult {
        name: name.to_owned(),
        npv: cdn,
        pv_benefits: pv_b,
        pv_net_cost: pv_c,
        roi: if pv_c > Decimal::ZERO {
            pv_b.checked_div(pv_c)
        } else {
            None
        },
        break_even: sustained_break_even(&cumulative, Decimal::ZERO),
        net_cost_per_participant: per(net_cost, totals.enrolled),
        pv_net_cost_per_participant: per(pv_c, totals.enrolled),
        net_cost_per_completer: per(net_cost, totals.completers),
        pv_net_cost_per_completer: per(pv_c, totals.completers),
        net_cost,
        flows,
        cumulative,
    })
}

/// A cost line's amount in each year and allocation group: calls `cell(t, amount, split)`
/// with the group's amount and the (municipality, share) pairs it is split into.
fn cost_cells(
    model: &Model,
    c: &crate::model::CostLine,
    act: &[Vec<Activity>],
    mut cell: impl FnMut(usize, Decimal, &[(Option<MuniId>, Decimal)]) -> Result<(), TooLarge>,
) -> Result<(), TooLarge> {
    let unit = mul(model.base(c.quantity), model.base(c.unit_cost))?;
    for g in allocation_groups(model, &c.allocation) {
        for t in 0..model.horizon {
            let count = driver_count(c, &g.served, act, t);
            let a = mul(count.ok_or(TooLarge)?, unit)?;
            cell(t, a, &g.split)?;
        }
    }
    Ok(())
}

/// Stage 2: every cost line's amount per year (`quantity x unit_cost x driver count`), split by
/// its allocation into the table.
fn cost_lines(
    model: &Model,
    act: &[Vec<Activity>],
    table: &mut Table,
) -> Result<Vec<Line>, Overflow> {
    let h = model.horizon;
    let mut lines = Vec::new();
    for c in &model.costs {
        let overflow = |_| Overflow {
            what: format!("costs[{}]", c.name),
            origin: Some(c.origin.clone()),
            check: Message::new(
                "its quantity, unit cost and the activity it counts",
                "dens mængde, enhedspris og den aktivitet, den tæller",
            ),
        };
        let mut amounts = vec![Decimal::ZERO; h];
        cost_cells(model, c, act, |t, a, split| {
            amounts[t] = add(amounts[t], a)?;
            for (m, share) in split {
                let cell = &mut table.cell(t, *m, c.payer, a).costs;
                *cell = add(*cell, mul(a, *share)?)?;
            }
            Ok(())
        })
        .map_err(overflow)?;
        lines.push(Line {
            kind: LineKind::Cost,
            name: c.name.clone(),
            amounts,
        });
    }
    Ok(lines)
}

/// Stage 3: transfers between payers (grants, co-funding), into the table.
fn transfer_lines(model: &Model, table: &mut Table) -> Result<Vec<Line>, Overflow> {
    let h = model.horizon;
    let mut lines = Vec::new();
    for tr in &model.transfers {
        let overflow = |_| Overflow {
            what: format!("transfers[{}]", tr.name),
            origin: Some(tr.origin.clone()),
            check: Message::new("its amount", "dens beløb"),
        };
        let amount = model.base(tr.amount);
        let amounts: Vec<Decimal> = (0..h)
            .map(|t| if tr.years[t] { amount } else { Decimal::ZERO })
            .collect();
        let split: Vec<(Option<MuniId>, Decimal)> = allocation_groups(model, &tr.allocation)
            .into_iter()
            .flat_map(|g| g.split)
            .collect();
        for (t, a) in amounts.iter().enumerate() {
            for (m, share) in &split {
                let x = mul(*a, *share).map_err(overflow)?;
                let to = &mut table.cell(t, *m, tr.to, *a).transfers;
                *to = add(*to, x).map_err(overflow)?;
                let from = &mut table.cell(t, *m, tr.from, *a).transfers;
                *from = sub(*from, x).map_err(overflow)?;
            }
        }
        lines.push(Line {
            kind: LineKind::Transfer,
            name: tr.name.clone(),
            amounts,
        });
    }
    Ok(lines)
}

/// An outcome's effect weights `survival(k) x profile(k)` for every k, and what one
/// completer-weight is worth: in kroner (`priced`), or in units of use (the unit price left out).
/// `None` when too large to compute exactly.
pub fn outcome_terms(
    model: &Model,
    o: &crate::model::Outcome,
    priced: bool,
) -> Option<(Vec<Decimal>, Decimal)> {
    outcome_terms_checked(model, o, priced).ok()
}

fn outcome_terms_checked(
    model: &Model,
    o: &crate::model::Outcome,
    priced: bool,
) -> Result<(Vec<Decimal>, Decimal), TooLarge> {
    let prof = profile(model, &o.profile);
    let attrition = model.base(o.attrition.unwrap_or(model.attrition));
    // survival(k) * profile(k): shares, at most 1.
    let mut weight = vec![Decimal::ZERO; model.horizon];
    formulas::effect_weights(&prof, attrition, &mut weight);
    let effect = match &o.effect {
        Effect::Net(e) => model.base(*e),
        Effect::Gross { gross, deadweight } => {
            formulas::net_effect(model.base(*gross), model.base(*deadweight)).ok_or(TooLarge)?
        }
    };
    let price = if priced {
        model.base(o.unit_price)
    } else {
        Decimal::ONE
    };
    let per_unit = formulas::value_per_weight(
        model.base(o.baseline),
        effect,
        price,
        o.kind == OutcomeKind::AvoidedCost,
    )
    .ok_or(TooLarge)?;
    Ok((weight, per_unit))
}

/// Stage 4: avoided costs and revenues, each cohort of completers times its effect weights,
/// into the table by the outcome's payer shares.
fn benefit_lines(
    model: &Model,
    act: &[Vec<Activity>],
    table: &mut Table,
) -> Result<Vec<Line>, Overflow> {
    let h = model.horizon;
    let mut lines = Vec::new();
    for o in &model.outcomes {
        let overflow = |_| Overflow {
            what: format!("outcomes[{}]", o.name),
            origin: Some(o.origin.clone()),
            check: Message::new(
                "its baseline, effect and unit price, and the number of completers",
                "dens udgangsniveau, effekt og enhedspris og antallet af gennemførte",
            ),
        };
        let (weight, per_unit) = outcome_terms_checked(model, o, true).map_err(overflow)?;
        // The weights are zero from `taps` years after completion on (the profile's end), so
        // each year sums only the cohorts of the last `taps` years: O(years x taps), not
        // O(years^2). The omitted terms are zeros.
        let taps = weight
            .iter()
            .rposition(|w| !w.is_zero())
            .map_or(0, |k| k + 1);
        let mut amounts = vec![Decimal::ZERO; h];
        for (m, a) in act.iter().enumerate() {
            for t in 0..h {
                (|| {
                    let mut cohorts = (t + 1).saturating_sub(taps)..=t;
                    let total = cohorts.try_fold(Decimal::ZERO, |total, c| {
                        add(total, mul(a[c].completers, weight[t - c])?)
                    })?;
                    let avoided = mul(total, per_unit)?;
                    amounts[t] = add(amounts[t], avoided)?;
                    for (p, share) in &o.shares {
                        let cell = &mut table.cell(t, Some(m), *p, avoided).avoided;
                        *cell = add(*cell, mul(avoided, *share)?)?;
                    }
                    Ok(())
                })()
                .map_err(overflow)?;
            }
        }
        lines.push(Line {
            kind: LineKind::Benefit,
            name: o.name.clone(),
            amounts,
        });
    }
    Ok(lines)
}

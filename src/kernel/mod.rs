//! The Monte Carlo kernel: one trial of the model in `f64`, a pure function of (plan, draws).
//!
//! [`Plan::new`] compiles a validated [`Model`] once into flat arrays of constants and
//! draw-buffer slots. [`Plan::evaluate`] then computes a trial's results into a caller-owned
//! [`Workspace`] and output slices. It does no I/O and no allocation, and it does not run in
//! parallel itself (parallelism is the caller's, keyed by trial index). It follows the same
//! formulas as the exact ledger (`docs/model.md`), arranged for speed. Each outcome's benefits
//! are one convolution of completers (weighted by each municipality's value per completer) with
//! the effect weights. That costs O(municipalities × years + years²) per outcome, not
//! O(municipalities × years²). `tests/kernel_vs_ledger.rs` checks the kernel against the ledger
//! on every shipped scenario.

// The kernel's loops index several arrays by year at once (flows, discount factors, weights);
// index loops say that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

mod contracts;

use contracts::{ContractWs, PContract};
pub use contracts::{DealBasis, field as contract_field};

use crate::decimal::to_f64;
use crate::model::{Driver, Effect, Model, OutcomeKind, Param, Profile, sustained_break_even};
use crate::model::{allocation_groups, formulas};
use crate::sampler::Layout;

/// A value in the kernel: a constant, or a draw (times a fixed factor).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Value {
    Const(f64),
    /// `draws[slot] * factor`, or `draws[slot + m] * factor` for a per-municipality input.
    Draw {
        slot: u32,
        per_muni: bool,
        factor: f64,
    },
}

impl Value {
    #[inline(always)]
    fn at(self, draws: &[f64], m: usize) -> f64 {
        match self {
            Value::Const(c) => c,
            Value::Draw {
                slot,
                per_muni,
                factor,
            } => draws[slot as usize + if per_muni { m } else { 0 }] * factor,
        }
    }
}

/// A value per year; most are one value for every year, evaluated once.
#[derive(Clone, Debug)]
enum YearValues {
    Const(Value),
    Years(Vec<Value>),
}

impl YearValues {
    fn new(values: Vec<Value>) -> YearValues {
        match values.first() {
            Some(first) if values.iter().all(|v| v == first) => YearValues::Const(*first),
            _ => YearValues::Years(values),
        }
    }

    /// Write the value of each year into `out`.
    #[inline]
    fn fill(&self, draws: &[f64], m: usize, out: &mut [f64]) {
        match self {
            YearValues::Const(v) => out.fill(v.at(draws, m)),
            YearValues::Years(vs) => {
                for (o, v) in out.iter_mut().zip(vs) {
                    *o = v.at(draws, m);
                }
            }
        }
    }
}

#[derive(Clone, Debug)]
struct PMuni {
    courses: YearValues,
    participants: YearValues,
    completion: YearValues,
    peers: YearValues,
    turnover: YearValues,
    volunteers: Option<YearValues>,
    /// Roll-out sizing: (population / 10,000, adult share, courses per 10,000 adults).
    size: Option<(f64, Value, Value)>,
}

#[derive(Clone, Debug)]
struct PGroup {
    served: Vec<usize>,
    /// (municipality or None for national, share)
    split: Vec<(Option<usize>, f64)>,
}

#[derive(Clone, Debug)]
struct PCost {
    driver: Driver,
    quantity: Value,
    unit_cost: Value,
    payer: usize,
    groups: Vec<PGroup>,
    years: Option<Vec<bool>>,
    /// Contracts pre-financing this line: (contract, share, years).
    prefinance: Vec<(usize, f64, Vec<bool>)>,
}

#[derive(Clone, Debug)]
struct PTransfer {
    from: usize,
    to: usize,
    amount: Value,
    years: Vec<bool>,
    split: Vec<(Option<usize>, f64)>,
}

#[derive(Clone, Debug)]
enum PEffect {
    Net(Value),
    Gross(Value, Value),
}

#[derive(Clone, Debug)]
enum PProfile {
    List(Vec<Value>),
    Exponential {
        initial: Value,
        rate: Value,
        years: usize,
    },
    Linear {
        initial: Value,
        years: usize,
    },
}

#[derive(Clone, Debug)]
struct POutcome {
    /// An avoided cost (less use saves) rather than a revenue.
    avoided_cost: bool,
    baseline: Value,
    effect: PEffect,
    profile: PProfile,
    unit_price: Value,
    shares: Vec<(usize, f64)>,
    /// The share borne by the local payer (`kommune`), if any: it feeds the municipalities' NPVs.
    local_share: Option<f64>,
    attrition: Value,
}

/// A model compiled for the kernel.
#[derive(Clone, Debug)]
pub struct Plan {
    pub horizon: usize,
    pub municipalities: usize,
    pub payers: usize,
    /// Number of perspectives (outputs per trial).
    pub perspectives: usize,
    df: Vec<f64>,
    munis: Vec<PMuni>,
    costs: Vec<PCost>,
    transfers: Vec<PTransfer>,
    outcomes: Vec<POutcome>,
    contracts: Vec<PContract>,
    /// Whether each contract row also keeps the deal basis (see [`Plan::keep_deal_basis`]).
    keep_basis: bool,
    /// Whether each trial keeps every perspective's cumulative discounted net per year (see
    /// [`Plan::keep_cumulative`]).
    keep_cumulative: bool,
    perspective_payers: Vec<Vec<usize>>,
}

/// Scratch space for one thread: allocated once, reused for every trial.
#[derive(Clone, Debug)]
pub struct Workspace {
    courses: Vec<f64>,
    completers: Vec<f64>,
    enrolled: Vec<f64>,
    volunteers: Vec<f64>,
    /// net[p * h + t]
    net: Vec<f64>,
    /// `weight[o * h + k]`: outcome o's effect weight k years after completion (kept for the
    /// contracts, which price the same outcomes).
    weight: Vec<f64>,
    /// Discounted weight sums W[c] = sum_{t >= c} DF(t) weight[t - c].
    wdisc: Vec<f64>,
    agg: Vec<f64>,
    /// `units[o * nm + m]` and `per_unit[o * nm + m]`: outcome o's units of use avoided, and
    /// their value, per completer-weight in municipality m.
    units: Vec<f64>,
    per_unit: Vec<f64>,
    cum: Vec<f64>,
    /// Per-year scratch rows: a driver count, a profile, one per-year input at a time.
    scratch: Vec<f64>,
    scratch2: Vec<f64>,
    contracts: Vec<ContractWs>,
}

/// One trial's outputs, by name: each per-trial result is a column of its own, so a new result
/// is a new field here and in [`crate::montecarlo::Outputs`].
pub struct TrialRow<'a> {
    /// NPV of each perspective.
    pub npv: &'a mut [f64],
    /// Sustained break-even year offset of each perspective, or [`NO_BREAK_EVEN`].
    pub break_even: &'a mut [u16],
    /// NPV of each municipality's own `kommune` rows.
    pub muni_npv: &'a mut [f64],
    /// Per contract, a row of [`Plan::contract_width`] fields (see [`contract_field`]).
    pub contracts: &'a mut [f64],
    /// `cumulative[j * horizon + t]`: perspective j's cumulative discounted net at the end of
    /// year t, when kept ([`Plan::cumulative_width`] values; else one, unused).
    pub cumulative: &'a mut [f64],
}

/// The payer whose rows make up each municipality's own NPV: `kommune`, always the first payer
/// (see [`crate::model::BUILTIN_PAYERS`]).
const LOCAL_PAYER: usize = 0;

/// No break-even within the horizon, in the per-trial break-even output.
pub const NO_BREAK_EVEN: u16 = u16::MAX;

impl Plan {
    pub fn new(model: &Model, layout: &Layout) -> Plan {
        let v = |p: Param| -> Value {
            match p {
                Param::Fixed(d) => Value::Const(to_f64(d)),
                Param::Input { id, factor } => Value::Draw {
                    slot: layout.offsets[id] as u32,
                    per_muni: model.inputs[id].per_municipality,
                    factor: to_f64(factor),
                },
            }
        };
        let series =
            |s: &crate::model::Series| YearValues::new(s.0.iter().map(|p| v(*p)).collect());
        let split = |g: &crate::model::Group| {
            g.split
                .iter()
                .map(|(m, s)| (*m, to_f64(*s)))
                .collect::<Vec<_>>()
        };
        let munis = model
            .municipalities
            .iter()
            .map(|m| PMuni {
                courses: series(&m.courses),
                participants: series(&m.participants_per_course),
                completion: series(&m.completion_rate),
                peers: series(&m.peers_per_course),
                turnover: series(&m.volunteer_turnover),
                volunteers: m.volunteers_trained.as_ref().map(series),
                size: m.size.as_ref().map(|s| {
                    (
                        to_f64(s.population) / 10_000.0,
                        v(s.adult_share),
                        v(s.per_10000_adults),
                    )
                }),
            })
            .collect();
        let costs = model
            .costs
            .iter()
            .enumerate()
            .map(|(i, c)| PCost {
                driver: c.driver,
                quantity: v(c.quantity),
                unit_cost: v(c.unit_cost),
                payer: c.payer,
                groups: allocation_groups(model, &c.allocation)
                    .iter()
                    .map(|g| PGroup {
                        served: g.served.clone(),
                        split: split(g),
                    })
                    .collect(),
                years: c.years.clone(),
                prefinance: model
                    .contracts
                    .iter()
                    .enumerate()
                    .flat_map(|(j, k)| {
                        k.prefinance
                            .iter()
                            .filter(|p| p.cost == i)
                            .map(move |p| (j, to_f64(p.share), p.years.clone()))
                    })
                    .collect(),
            })
            .collect();
        let transfers = model
            .transfers
            .iter()
            .map(|t| PTransfer {
                from: t.from,
                to: t.to,
                amount: v(t.amount),
                years: t.years.clone(),
                split: allocation_groups(model, &t.allocation)
                    .iter()
                    .flat_map(split)
                    .collect(),
            })
            .collect();
        let outcomes = model
            .outcomes
            .iter()
            .map(|o| POutcome {
                avoided_cost: o.kind == OutcomeKind::AvoidedCost,
                baseline: v(o.baseline),
                effect: match &o.effect {
                    Effect::Net(e) => PEffect::Net(v(*e)),
                    Effect::Gross { gross, deadweight } => {
                        PEffect::Gross(v(*gross), v(*deadweight))
                    }
                },
                profile: match &o.profile {
                    Profile::List(l) => PProfile::List(l.iter().map(|p| v(*p)).collect()),
                    Profile::Exponential {
                        initial,
                        rate,
                        years,
                    } => PProfile::Exponential {
                        initial: v(*initial),
                        rate: v(*rate),
                        years: *years,
                    },
                    Profile::Linear { initial, years } => PProfile::Linear {
                        initial: v(*initial),
                        years: *years,
                    },
                },
                unit_price: v(o.unit_price),
                shares: o.shares.iter().map(|(p, s)| (*p, to_f64(*s))).collect(),
                local_share: o
                    .shares
                    .iter()
                    .find(|(p, _)| *p == LOCAL_PAYER)
                    .map(|(_, s)| to_f64(*s)),
                attrition: v(o.attrition.unwrap_or(model.attrition)),
            })
            .collect();
        Plan {
            horizon: model.horizon,
            municipalities: model.municipalities.len(),
            payers: model.payers.len(),
            perspectives: model.perspectives.len(),
            df: model.discount_factors().into_iter().map(to_f64).collect(),
            munis,
            costs,
            transfers,
            outcomes,
            contracts: model
                .contracts
                .iter()
                .map(|c| PContract::compile(model, c, &v))
                .collect(),
            keep_basis: false,
            keep_cumulative: false,
            perspective_payers: model
                .perspectives
                .iter()
                .map(|p| p.payers.clone())
                .collect(),
        }
    }

    pub fn workspace(&self) -> Workspace {
        let (h, nm) = (self.horizon, self.municipalities);
        Workspace {
            courses: vec![0.0; nm * h],
            completers: vec![0.0; nm * h],
            enrolled: vec![0.0; nm * h],
            volunteers: vec![0.0; nm * h],
            net: vec![0.0; self.payers * h],
            weight: vec![0.0; h * self.outcomes.len()],
            wdisc: vec![0.0; h],
            agg: vec![0.0; h],
            units: vec![0.0; nm * self.outcomes.len()],
            per_unit: vec![0.0; nm * self.outcomes.len()],
            cum: vec![0.0; h],
            scratch: vec![0.0; h],
            scratch2: vec![0.0; h],
            contracts: self
                .contracts
                .iter()
                .map(|c| c.workspace(h, nm, self.payers))
                .collect(),
        }
    }

    /// Evaluate one trial into `out`, stage by stage: activity, costs, transfers, benefits,
    /// perspectives (as `docs/model.md` defines them, with the formulas of
    /// [`crate::model::formulas`]).
    pub fn evaluate(&self, draws: &[f64], ws: &mut Workspace, out: TrialRow<'_>) {
        ws.net.fill(0.0);
        out.muni_npv.fill(0.0);
        for cw in &mut ws.contracts {
            cw.inv.fill(0.0);
            cw.inv_slot.fill(0.0);
            cw.delta.fill(0.0);
        }
        self.activity(draws, ws);
        self.costs(draws, ws, out.muni_npv);
        self.transfers(draws, ws, out.muni_npv);
        self.benefits(draws, ws, out.muni_npv);
        self.contract_stage(draws, ws, out.muni_npv, out.contracts);
        self.perspectives(ws, out.npv, out.break_even, out.cumulative);
    }

    /// Keep every perspective's cumulative discounted net per year in each trial, for the
    /// bands of a fan chart.
    pub fn keep_cumulative(&mut self) {
        self.keep_cumulative = true;
    }

    /// Values per trial of [`TrialRow::cumulative`]: perspectives x years when kept, else 0.
    pub fn cumulative_width(&self) -> usize {
        if self.keep_cumulative {
            self.perspectives * self.horizon
        } else {
            0
        }
    }

    /// Courses, participants, completers and volunteers trained per municipality and year.
    fn activity(&self, draws: &[f64], ws: &mut Workspace) {
        let h = self.horizon;
        for (m, pm) in self.munis.iter().enumerate() {
            let r = m * h..(m + 1) * h;
            let courses = &mut ws.courses[r.clone()];
            pm.courses.fill(draws, m, courses);
            if let Some((pop, adult, rate)) = pm.size {
                let size = pop * adult.at(draws, m) * rate.at(draws, m);
                courses.iter_mut().for_each(|c| *c *= size);
            }
            let courses = &ws.courses[r.clone()];
            pm.participants.fill(draws, m, &mut ws.scratch);
            let enrolled = &mut ws.enrolled[r.clone()];
            for t in 0..h {
                enrolled[t] = plain(formulas::enrolled(courses[t], ws.scratch[t]));
            }
            pm.completion.fill(draws, m, &mut ws.scratch);
            let completers = &mut ws.completers[r.clone()];
            for t in 0..h {
                completers[t] = plain(formulas::completers(enrolled[t], ws.scratch[t]));
            }
            let volunteers = &mut ws.volunteers[r];
            match &pm.volunteers {
                Some(v) => v.fill(draws, m, volunteers),
                None => {
                    pm.peers.fill(draws, m, &mut ws.scratch);
                    pm.turnover.fill(draws, m, &mut ws.scratch2);
                    let first = formulas::first_active(courses);
                    for t in 0..h {
                        volunteers[t] = plain(formulas::volunteers_trained(
                            ws.scratch[t],
                            courses[t],
                            ws.scratch2[t],
                            first == Some(t),
                        ));
                    }
                }
            }
        }
    }

    /// Each cost group's amounts per year, into the payers' nets, and their present value for
    /// the rows of the local payer.
    fn costs(&self, draws: &[f64], ws: &mut Workspace, muni_npv: &mut [f64]) {
        let (h, df) = (self.horizon, &self.df);
        let local = LOCAL_PAYER;
        for c in &self.costs {
            for g in &c.groups {
                // Per-municipality inputs are allowed only on single-municipality groups.
                let m0 = g.served[0];
                let unit = c.quantity.at(draws, m0) * c.unit_cost.at(draws, m0);
                self.counts(c, g, ws);
                let net = &mut ws.net[c.payer * h..(c.payer + 1) * h];
                let mut pv = 0.0;
                for t in 0..h {
                    let amount = ws.scratch[t] * unit;
                    net[t] -= amount;
                    pv += df[t] * amount;
                }
                for (j, share, years) in &c.prefinance {
                    self.prefinance(*j, c.payer, *share, years, g, ws, unit, muni_npv);
                }
                if c.payer == local {
                    for &(m, share) in &g.split {
                        if let Some(m) = m {
                            muni_npv[m] -= pv * share;
                        }
                    }
                }
            }
        }
    }

    /// What one completer-weight of outcome `o` is worth in municipality `m`: units of use
    /// (`baseline x -effect`, or `x effect` for a revenue) and the unit price. `units x price`
    /// is bit for bit [`formulas::value_per_weight`] with the price.
    #[inline]
    fn outcome_value(&self, o: &POutcome, draws: &[f64], m: usize) -> (f64, f64) {
        let effect = match o.effect {
            PEffect::Net(e) => e.at(draws, m),
            PEffect::Gross(g, d) => plain(formulas::net_effect(g.at(draws, m), d.at(draws, m))),
        };
        let units = plain(formulas::value_per_weight(
            o.baseline.at(draws, m),
            effect,
            1.0,
            o.avoided_cost,
        ));
        (units, o.unit_price.at(draws, m))
    }

    /// Transfers between payers.
    fn transfers(&self, draws: &[f64], ws: &mut Workspace, muni_npv: &mut [f64]) {
        let (h, df) = (self.horizon, &self.df);
        let local = LOCAL_PAYER;
        for tr in &self.transfers {
            let m0 = tr.split.iter().find_map(|(m, _)| *m).unwrap_or(0);
            let amount = tr.amount.at(draws, m0);
            let mut pv = 0.0;
            for t in (0..h).filter(|&t| tr.years[t]) {
                ws.net[tr.to * h + t] += amount;
                ws.net[tr.from * h + t] -= amount;
                pv += df[t] * amount;
            }
            let sign = f64::from(u8::from(tr.to == local)) - f64::from(u8::from(tr.from == local));
            if sign != 0.0 {
                for &(m, share) in &tr.split {
                    if let Some(m) = m {
                        muni_npv[m] += sign * pv * share;
                    }
                }
            }
        }
    }

    /// Avoided costs and revenues: each cohort of completers times its effect weights.
    fn benefits(&self, draws: &[f64], ws: &mut Workspace, muni_npv: &mut [f64]) {
        let (h, nm, df) = (self.horizon, self.municipalities, &self.df);
        for (oi, o) in self.outcomes.iter().enumerate() {
            let weight = &mut ws.weight[oi * h..(oi + 1) * h];
            let (units, per_unit) = (
                &mut ws.units[oi * nm..(oi + 1) * nm],
                &mut ws.per_unit[oi * nm..(oi + 1) * nm],
            );
            // Effect weights by years since completion (national inputs only).
            profile_into(&o.profile, draws, &mut ws.scratch);
            plain_unit(formulas::effect_weights(
                &ws.scratch,
                o.attrition.at(draws, 0),
                weight,
            ));
            // Value per completer-weight in each municipality, and the weighted completers.
            ws.agg.fill(0.0);
            for m in 0..nm {
                let (u, price) = self.outcome_value(o, draws, m);
                let pu = u * price;
                units[m] = u;
                per_unit[m] = pu;
                let row = &ws.completers[m * h..(m + 1) * h];
                for (agg, c) in ws.agg.iter_mut().zip(row) {
                    *agg += c * pu;
                }
            }
            // benefit[t] = sum_{c <= t} agg[c] weight[t - c]
            contracts::convolve(&ws.agg, weight, &mut ws.scratch);
            for t in 0..h {
                for &(p, share) in &o.shares {
                    ws.net[p * h + t] += ws.scratch[t] * share;
                }
            }
            if let Some(share) = o.local_share {
                for c in 0..h {
                    let mut w = 0.0;
                    for t in c..h {
                        w += df[t] * weight[t - c];
                    }
                    ws.wdisc[c] = w;
                }
                for (m, out) in muni_npv.iter_mut().enumerate() {
                    let row = &ws.completers[m * h..(m + 1) * h];
                    let pv: f64 = row.iter().zip(&ws.wdisc).map(|(c, w)| c * w).sum();
                    *out += share * per_unit[m] * pv;
                }
            }
        }
    }

    /// NPV and sustained break-even of each perspective from the payers' nets.
    fn perspectives(
        &self,
        ws: &mut Workspace,
        npv: &mut [f64],
        break_even: &mut [u16],
        cumulative: &mut [f64],
    ) {
        let (h, df) = (self.horizon, &self.df);
        for (j, payers) in self.perspective_payers.iter().enumerate() {
            let mut cum = 0.0;
            for t in 0..h {
                let net: f64 = payers.iter().map(|&p| ws.net[p * h + t]).sum();
                cum += df[t] * net;
                ws.cum[t] = cum;
            }
            npv[j] = cum;
            // Kept only where the row has room (a probe's row has none).
            if self.keep_cumulative
                && let Some(row) = cumulative.get_mut(j * h..(j + 1) * h)
            {
                row.copy_from_slice(&ws.cum);
            }
            break_even[j] = sustained_break_even(&ws.cum, 0.0)
                .map(|t| t as u16)
                .unwrap_or(NO_BREAK_EVEN);
        }
    }

    /// The driver's count in each year of a cost group, into `ws.scratch`.
    #[inline]
    fn counts(&self, c: &PCost, g: &PGroup, ws: &mut Workspace) {
        let h = self.horizon;
        let src = match c.driver {
            Driver::PerYear => {
                for t in 0..h {
                    let active = match &c.years {
                        Some(y) => y[t],
                        None => g.served.iter().any(|&m| ws.courses[m * h + t] > 0.0),
                    };
                    ws.scratch[t] = f64::from(u8::from(active));
                }
                return;
            }
            Driver::OneOff => {
                for t in 0..h {
                    ws.scratch[t] = f64::from(u8::from(c.years.as_ref().is_some_and(|y| y[t])));
                }
                return;
            }
            Driver::PerCourse => &ws.courses,
            Driver::PerParticipant => &ws.enrolled,
            Driver::PerCompleter => &ws.completers,
            Driver::PerVolunteerTrained => &ws.volunteers,
        };
        ws.scratch.fill(0.0);
        for &m in &g.served {
            for (o, x) in ws.scratch.iter_mut().zip(&src[m * h..(m + 1) * h]) {
                *o += x;
            }
        }
    }
}

/// The profile's share of the effect k years after completion, for every k, into `out`.
#[inline]
fn profile_into(p: &PProfile, draws: &[f64], out: &mut [f64]) {
    match p {
        PProfile::List(v) => {
            for (k, o) in out.iter_mut().enumerate() {
                *o = v.get(k).map_or(0.0, |x| x.at(draws, 0));
            }
        }
        PProfile::Exponential {
            initial,
            rate,
            years,
        } => plain_unit(formulas::exponential_profile(
            initial.at(draws, 0),
            rate.at(draws, 0),
            *years,
            out,
        )),
        PProfile::Linear { initial, years } => {
            plain_unit(formulas::linear_profile(initial.at(draws, 0), *years, out))
        }
    }
}

/// A formula's `f64` result: `f64` arithmetic never fails (see [`formulas::Amount`]).
#[inline(always)]
fn plain(x: Option<f64>) -> f64 {
    x.unwrap_or(f64::NAN)
}

#[inline(always)]
fn plain_unit(_: Option<()>) {}

//! The Monte Carlo kernel: one trial of the model in `f64`, a pure function of (plan, draws).
//!
//! [`Plan::new`] compiles a validated [`Model`](crate::model::Model) once into flat arrays of
//! constants and draw-buffer slots. [`Plan::evaluate`] then computes a trial's results into a
//! caller-owned [`Workspace`] and output slices. It does no I/O and no allocation, and it does
//! not run in parallel itself (parallelism is the caller's, keyed by trial index). It follows
//! the same formulas as the exact ledger (`docs/model.md`), arranged for speed:
//!
//! - each activity series (courses, participants, completers, volunteers, active years) is
//!   summed over the municipalities per year and discounted per municipality once per trial;
//!   a cost line in every municipality is then its unit times those, O(municipalities + years);
//! - where every municipality's courses are a known schedule times one number per trial (a
//!   roll-out), the activity is factored ([`Plan::is_factored`]) and never expanded into rows;
//! - each outcome's benefits are one convolution of the weighted completers with the effect
//!   weights, over the profile's years only: O(years × profile length).
//!
//! `tests/suite/kernel_vs_ledger.rs` checks the kernel against the ledger on every shipped scenario,
//! and the factored form against the rows on random draws.
//!
//! This file is longer than most: it holds the compiled plan's data layout (every `P*` type,
//! the factored activity, the workspace and the trial's output row) beside the one function
//! that reads it in order, [`Plan::evaluate`], so that the layout and its use are read
//! together. The stages are in their own files: `activity`, `flows`, `contracts`, `local`.

// The kernel's loops index several arrays by year at once (flows, discount factors, weights);
// index loops say that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

mod activity;
mod compile;
mod contracts;
mod flows;
mod local;

use contracts::{ContractWs, PContract, PPrefinance};
pub use contracts::{
    ContractYears, DealBasis, MeasuredDue, StackFields, field as contract_field, tranche_field,
};
use local::Local;

use crate::model::{Driver, sustained_break_even};

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
    /// The value, when it is known before drawing.
    fn fixed(self) -> Option<f64> {
        match self {
            Value::Const(c) => Some(c),
            Value::Draw { .. } => None,
        }
    }

    /// Whether the value differs between municipalities.
    fn per_muni(self) -> bool {
        matches!(self, Value::Draw { per_muni: true, .. })
    }

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
    /// A known number per year (a roll-out's schedule).
    Fixed(Vec<f64>),
    Years(Vec<Value>),
}

impl YearValues {
    fn new(values: Vec<Value>) -> YearValues {
        match values.first() {
            Some(first) if values.iter().all(|v| v == first) => YearValues::Const(*first),
            _ => match values
                .iter()
                .map(|v| v.fixed())
                .collect::<Option<Vec<f64>>>()
            {
                Some(fixed) => YearValues::Fixed(fixed),
                None => YearValues::Years(values),
            },
        }
    }

    /// Write the value of each year, times `factor`, into `out`.
    #[inline]
    fn fill_times(&self, draws: &[f64], m: usize, factor: f64, out: &mut [f64]) {
        match self {
            YearValues::Const(v) => out.fill(v.at(draws, m) * factor),
            YearValues::Fixed(xs) => {
                for (o, x) in out.iter_mut().zip(xs) {
                    *o = x * factor;
                }
            }
            YearValues::Years(vs) => {
                for (o, v) in out.iter_mut().zip(vs) {
                    *o = v.at(draws, m) * factor;
                }
            }
        }
    }

    /// Write the value of each year into `out`.
    #[inline]
    fn fill(&self, draws: &[f64], m: usize, out: &mut [f64]) {
        match self {
            YearValues::Const(v) => out.fill(v.at(draws, m)),
            YearValues::Fixed(xs) => out.copy_from_slice(&xs[..out.len()]),
            YearValues::Years(vs) => {
                for (o, v) in out.iter_mut().zip(vs) {
                    *o = v.at(draws, m);
                }
            }
        }
    }

    /// The value of every year, when it is one value.
    #[inline]
    fn single(&self) -> Option<Value> {
        match self {
            YearValues::Const(v) => Some(*v),
            _ => None,
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
    /// Volume risk (`stop`): the last year it surely runs courses, the probability it runs
    /// none after, and the key of its random stream.
    stop: Option<(usize, f64, u64)>,
}

#[derive(Clone, Debug)]
struct PGroup {
    served: Vec<usize>,
    /// (municipality or None for national, share)
    split: Vec<(Option<usize>, f64)>,
}

/// The activity series a cost driver counts, each summed over the municipalities per year and
/// discounted per municipality once per trial (`Workspace::totals`, `Workspace::pvs`).
const ACTIVE: usize = 0;
const COURSES: usize = 1;
const ENROLLED: usize = 2;
const COMPLETERS: usize = 3;
const VOLUNTEERS: usize = 4;
const SERIES: usize = 5;

/// The series a driver counts (`per_year`: the years a municipality is active).
fn series_of(driver: Driver) -> Option<usize> {
    match driver {
        Driver::PerYear => Some(ACTIVE),
        Driver::PerCourse => Some(COURSES),
        Driver::PerParticipant => Some(ENROLLED),
        Driver::PerCompleter => Some(COMPLETERS),
        Driver::PerVolunteerTrained => Some(VOLUNTEERS),
        // Rounded up per group: not a multiple of a series' total.
        Driver::OneOff | Driver::PerCoordinator => None,
    }
}

#[derive(Clone, Debug)]
struct PCost {
    driver: Driver,
    /// `per_coordinator`: the courses one coordinator runs in a year.
    courses_per_coordinator: f64,
    /// A line in every municipality on its own, at one national unit cost, in every year of
    /// its driver and not pre-financed: its amounts are the unit times the series totals, so
    /// it costs O(municipalities + years) per trial.
    each: Option<usize>,
    quantity: Value,
    unit_cost: Value,
    payer: usize,
    groups: Vec<PGroup>,
    years: Option<Vec<bool>>,
    /// Contracts pre-financing this line.
    prefinance: Vec<contracts::PPrefinance>,
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

#[derive(Clone, Debug, PartialEq)]
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
    /// Years with an effect after completion (the profile's length, at most the horizon):
    /// the effect weights are zero from here.
    taps: usize,
    /// The first outcome with the same effect weights (the same profile and attrition): its
    /// discounted completers are reused.
    class: usize,
    /// Units and price are the same in every municipality.
    national: bool,
}

/// A non-monetary outcome: its units per completer and profile, for the per-trial effect.
#[derive(Clone, Debug)]
struct PGain {
    per_completer: Value,
    profile: PProfile,
    /// Years with units after completion (the profile's length, at most the horizon).
    taps: usize,
    discounted: bool,
    /// The value per unit for society, when the scenario gives one.
    welfare: Option<Value>,
}

/// The `society` perspective: its index and factors. It reads the payers' nets and three rows
/// after them in [`Workspace::net`]: the transfer-class flows ([`Plan::transfer_row`]), volunteer
/// time and welfare gains (see `src/ledger/society.rs` for the formula).
#[derive(Clone, Debug)]
struct PSociety {
    perspective: usize,
    net_tax_factor: Value,
    tax_distortion: Value,
    /// The `all` perspective, when society is that perspective times the net tax factor (no
    /// distortion loss, no transfer-class line, volunteer time or welfare value): the trial then
    /// scales its results instead of summing the rows again.
    scales: Option<usize>,
}

/// A model compiled for the kernel.
#[derive(Clone, Debug)]
pub struct Plan {
    pub horizon: usize,
    pub municipalities: usize,
    pub payers: usize,
    /// Per payer: whether its rows make up each municipality's own NPV (`kommune` and its
    /// budget areas, [`Model::is_local`](crate::model::Model::is_local)).
    local: Vec<bool>,
    /// The payers whose net is the public financing need (the society perspective's tax
    /// distortion): kommune, region, stat and their budget areas.
    public: Vec<usize>,
    /// Number of perspectives (outputs per trial).
    pub perspectives: usize,
    /// The societal perspective.
    society: Option<PSociety>,
    df: Vec<f64>,
    munis: Vec<PMuni>,
    costs: Vec<PCost>,
    transfers: Vec<PTransfer>,
    outcomes: Vec<POutcome>,
    gains: Vec<PGain>,
    contracts: Vec<PContract>,
    /// Whether each contract row also keeps the deal basis (see [`Plan::keep_deal_basis`]).
    keep_basis: bool,
    /// Whether each contract row also keeps its flows year by year (see
    /// [`Plan::keep_contract_years`]).
    keep_contract_years: bool,
    /// Whether each trial keeps every perspective's cumulative discounted net per year (see
    /// [`Plan::keep_cumulative`]).
    keep_cumulative: bool,
    /// Whether each trial follows each municipality's own flows year by year, for its
    /// break-even (see [`Plan::keep_municipal_break_even`]).
    keep_local_years: bool,
    perspective_payers: Vec<Vec<usize>>,
    /// An earlier perspective with the same payers in the same order (`public` and `all` when
    /// no other payer takes part): its results are copied, not computed again.
    perspective_same: Vec<Option<usize>>,
    /// Which series totals each trial needs.
    series: [bool; SERIES],
    /// Which series each municipality's present value is needed of (`Workspace::pvs`): those
    /// of the local payer's lines in every municipality.
    local_pvs: [bool; SERIES],
    /// The activity in factored form, when every municipality allows it and nothing reads
    /// the per-municipality rows (see [`Factored`]).
    factored: Option<Factored>,
}

/// Activity in factored form. When a municipality's courses are a known schedule `x[t]`
/// times one number per trial `c` (its roll-out size, or a drawn course count), and its
/// participants, completion, peers and turnover are one value each, then every series of it is
/// a number per trial times `x` (volunteers: plus their first year's whole team). The series
/// totals are then sums per schedule, and a municipality's discounted series its number times
/// the schedule's present value: O(municipalities + schedules x years) per trial, however many
/// municipalities share a schedule. Used only when nothing needs the rows themselves (no
/// contracts, no cost line shared by some municipalities, every outcome's value national).
#[derive(Clone, Debug)]
struct Factored {
    /// Each municipality's schedule.
    schedule: Vec<usize>,
    schedules: Vec<Schedule>,
    /// Population / 10,000 of a roll-out municipality (1 for a municipality sized otherwise).
    pop: Vec<f64>,
    /// The factors of a municipality's courses per unit of its schedule, in order: adult share,
    /// courses per 10,000 adults (both 1 outside a roll-out) and the courses' number (1 for a
    /// roll-out, whose size is the number).
    size: [Column; 3],
    participants: Column,
    completion: Column,
    peers: Column,
    turnover: Column,
    /// Per municipality, its schedule's `pv`, `first_pv` and `active_pv`, and whether it has a
    /// first year.
    pv: Vec<f64>,
    first_pv: Vec<f64>,
    active_pv: Vec<f64>,
    has_first: Vec<bool>,
}

/// One value of the factored activity for every municipality: the same [`Value`] in all of
/// them (read from one slot, or from consecutive slots when drawn per municipality), or a value
/// of each.
#[derive(Clone, Debug)]
enum Column {
    Same(Value),
    Each(Vec<Value>),
}

impl Column {
    fn new(values: Vec<Value>) -> Column {
        match values.first() {
            Some(first) if values.iter().all(|v| v == first) => Column::Same(*first),
            _ => Column::Each(values),
        }
    }

    /// `out[m] *= value(m)` for every municipality, in one vectorisable pass.
    #[inline(always)]
    fn scale(&self, draws: &[f64], out: &mut [f64]) {
        match self {
            Column::Same(Value::Const(c)) => {
                if *c != 1.0 {
                    out.iter_mut().for_each(|o| *o *= c);
                }
            }
            Column::Same(Value::Draw {
                slot,
                per_muni: false,
                factor,
            }) => {
                let v = draws[*slot as usize] * factor;
                out.iter_mut().for_each(|o| *o *= v);
            }
            Column::Same(Value::Draw {
                slot,
                per_muni: true,
                factor,
            }) => {
                let at = &draws[*slot as usize..][..out.len()];
                for (o, d) in out.iter_mut().zip(at) {
                    *o *= d * factor;
                }
            }
            Column::Each(vs) => {
                for (m, (o, v)) in out.iter_mut().zip(vs).enumerate() {
                    *o *= v.at(draws, m);
                }
            }
        }
    }
}

#[derive(Clone, Debug)]
struct Schedule {
    x: Vec<f64>,
    /// `sum_t DF(t) x[t]`.
    pv: f64,
    /// The first year with courses.
    first: Option<usize>,
    /// `DF(first) x[first]`: the present value of the first year's whole team per unit.
    first_pv: f64,
    /// 1 in the years with courses.
    active: Vec<f64>,
    /// `sum_t DF(t) active[t]`.
    active_pv: f64,
    /// The cumulative discounted series a municipality's own net is made of, per unit
    /// ([`local::X`], [`local::FIRST`], [`local::ACTIVE_YEARS`]): `sum_{k <= t} DF(k) x[k]`, the
    /// first year's `DF(first) x[first]` from then on, and `sum_{k <= t} DF(k) active[k]`.
    cumulative: [Vec<f64>; 3],
}

/// Per schedule, the sums over its municipalities (see [`Plan::factored_activity`]).
const F_COURSES: usize = 0;
const F_ENROLLED: usize = 1;
const F_COMPLETERS: usize = 2;
const F_VOLUNTEERS: usize = 3;
const F_FIRST_TEAM: usize = 4;
const F_ACTIVE: usize = 5;
const F_SUMS: usize = 6;

/// Scratch space for one thread: allocated once, reused for every trial.
#[derive(Clone, Debug)]
pub struct Workspace {
    courses: Vec<f64>,
    completers: Vec<f64>,
    enrolled: Vec<f64>,
    volunteers: Vec<f64>,
    /// `net[p * h + t]`, for each payer and then the society perspective's three rows (see
    /// [`Plan::transfer_row`]).
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
    /// `totals[s * h + t]`: series s summed over the municipalities in year t.
    totals: Vec<f64>,
    /// `pvs[s * nm + m]`: series s of municipality m, discounted.
    pvs: Vec<f64>,
    /// `wpv[o * nm + m]`: municipality m's completers discounted with outcome o's effect
    /// weights (kept for the outcomes of the same class).
    wpv: Vec<f64>,
    /// Factored activity: `sums[g * F_SUMS + k]` per schedule, and each municipality's
    /// completers per unit of its schedule.
    sums: Vec<f64>,
    completers_per_x: Vec<f64>,
    contracts: Vec<ContractWs>,
    /// Each municipality's own net year by year, when kept (see [`Local`]).
    local: local::LocalWs,
    /// The trial's key for the draws outside the inputs ([`Workspace::measure_noise`]): the
    /// contracts' measurement noise and whether a municipality stops (`stop`); `None`: each at
    /// its expected value (the base case).
    noise: Option<u64>,
}

impl Workspace {
    /// Draw the contracts' measurement noise, and whether each municipality that may stop
    /// does, from the random streams of the trial with key `trial`
    /// ([`crate::sampler::trial_key`]), or, with `None`, take each at its expected value (as the
    /// exact ledger does). A new workspace starts with `None`.
    pub fn measure_noise(&mut self, trial: Option<u64>) {
        self.noise = trial;
    }
}

/// One trial's outputs, by name: each per-trial result is a column of its own, so a new result
/// is a new field here and in [`crate::montecarlo::Outputs`].
pub struct TrialRow<'a> {
    /// NPV of each perspective.
    pub npv: &'a mut [f64],
    /// Sustained break-even year offset of each perspective, or [`NO_BREAK_EVEN`].
    pub break_even: &'a mut [u16],
    /// Discounted units `dE` of each non-monetary outcome ([`Plan::gains`] values; else one,
    /// unused).
    pub effects: &'a mut [f64],
    /// NPV of each municipality's own `kommune` rows.
    pub muni_npv: &'a mut [f64],
    /// Sustained break-even year offset of each municipality's own rows, or [`NO_BREAK_EVEN`],
    /// when kept ([`Plan::municipal_break_even_width`] values; else one, unused).
    pub muni_break_even: &'a mut [u16],
    /// Per contract, a row of [`Plan::contract_width`] fields (see [`contract_field`]).
    pub contracts: &'a mut [f64],
    /// `cumulative[j * horizon + t]`: perspective j's cumulative discounted net at the end of
    /// year t, when kept ([`Plan::cumulative_width`] values; else one, unused).
    pub cumulative: &'a mut [f64],
}

/// No break-even within the horizon, in the per-trial break-even output.
pub const NO_BREAK_EVEN: u16 = u16::MAX;

impl Plan {
    /// Whether payer `p`'s rows make up each municipality's own NPV (never the society
    /// perspective's own rows, which follow the payers: [`Plan::transfer_row`] and after).
    #[inline]
    fn is_local(&self, p: usize) -> bool {
        self.local.get(p).copied().unwrap_or(false)
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
        match &self.factored {
            Some(f) => self.factored_activity(f, draws, ws),
            None => self.activity(draws, ws),
        }
        // The municipalities' own years are moved out of the workspace for the trial (no
        // allocation), so that the stages can borrow both.
        let mut kept = std::mem::take(&mut ws.local);
        let mut local = kept.start(out.muni_npv, self.horizon);
        self.costs(draws, ws, &mut local);
        self.transfers(draws, ws, &mut local);
        self.benefits(draws, ws, &mut local);
        self.contract_stage(draws, ws, &mut local, out.contracts);
        if self.keep_local_years {
            self.municipal_break_even(&mut kept, ws, out.muni_break_even);
        }
        ws.local = kept;
        self.effects(draws, ws, out.effects);
        self.perspectives(draws, ws, out.npv, out.break_even, out.cumulative);
    }

    /// Whether the activity runs in factored form: every municipality's series a number per
    /// trial times a known schedule.
    pub fn is_factored(&self) -> bool {
        self.factored.is_some()
    }

    /// Compute the activity row by row even where the factored form applies: the reference
    /// the factored form is tested against.
    #[doc(hidden)]
    pub fn rows_only(&mut self) {
        self.factored = None;
    }

    /// Keep every perspective's cumulative discounted net per year in each trial, for the
    /// bands of a fan chart.
    pub fn keep_cumulative(&mut self) {
        self.keep_cumulative = true;
    }

    /// Follow each municipality's own net year by year in each trial, for its sustained
    /// break-even ([`TrialRow::muni_break_even`]). In factored form this costs O(municipalities)
    /// per trial, row by row O(municipalities x years) (see `src/kernel/local.rs`).
    pub fn keep_municipal_break_even(&mut self) {
        self.keep_local_years = true;
    }

    /// Values per trial of [`TrialRow::muni_break_even`]: one per municipality when kept, else 0.
    pub fn municipal_break_even_width(&self) -> usize {
        if self.keep_local_years {
            self.municipalities
        } else {
            0
        }
    }

    /// Number of non-monetary outcomes: values per trial of [`TrialRow::effects`].
    pub fn gains(&self) -> usize {
        self.gains.len()
    }

    /// Values per trial of [`TrialRow::cumulative`]: perspectives x years when kept, else 0.
    pub fn cumulative_width(&self) -> usize {
        if self.keep_cumulative {
            self.perspectives * self.horizon
        } else {
            0
        }
    }

    /// The rows of [`Workspace::net`] after the payers': transfer-class flows (benefits less
    /// costs), volunteer time (less its value) and welfare gains.
    fn transfer_row(&self) -> usize {
        self.payers
    }
    fn volunteer_row(&self) -> usize {
        self.payers + 1
    }
    fn welfare_row(&self) -> usize {
        self.payers + 2
    }

    /// The society perspective's net in year `t`: `NAF x (every payer's net - transfer-class
    /// flows) + volunteer time + welfare + (distortion - 1) x net[public]`.
    #[inline]
    fn society_net(&self, (naf, loss): (f64, f64), net: &[f64], t: usize) -> f64 {
        let h = self.horizon;
        let row = |p: usize| net[p * h + t];
        let all: f64 = (0..self.payers).map(row).sum();
        let public: f64 = self.public.iter().map(|&p| row(p)).sum();
        naf * (all - row(self.transfer_row()))
            + row(self.volunteer_row())
            + row(self.welfare_row())
            + loss * public
    }

    /// NPV and sustained break-even of each perspective from the payers' nets.
    fn perspectives(
        &self,
        draws: &[f64],
        ws: &mut Workspace,
        npv: &mut [f64],
        break_even: &mut [u16],
        cumulative: &mut [f64],
    ) {
        let (h, df) = (self.horizon, &self.df);
        for (j, payers) in self.perspective_payers.iter().enumerate() {
            if let Some(i) = self.perspective_same[j] {
                npv[j] = npv[i];
                break_even[j] = break_even[i];
                if self.keep_cumulative && cumulative.len() >= (j + 1) * h {
                    cumulative.copy_within(i * h..(i + 1) * h, j * h);
                }
                continue;
            }
            let society = self.society.as_ref().filter(|s| s.perspective == j);
            if let Some((s, all)) = society.and_then(|s| Some((s, s.scales?))) {
                // A positive factor keeps every sign, so the break-even is `all`'s.
                let naf = s.net_tax_factor.at(draws, 0);
                npv[j] = naf * npv[all];
                break_even[j] = break_even[all];
                if self.keep_cumulative && cumulative.len() >= (j + 1) * h {
                    cumulative.copy_within(all * h..(all + 1) * h, j * h);
                    cumulative[j * h..(j + 1) * h]
                        .iter_mut()
                        .for_each(|c| *c *= naf);
                }
                continue;
            }
            // The factors, once per trial: (NAF, distortion − 1).
            let factors = society.map(|s| {
                let naf = s.net_tax_factor.at(draws, 0);
                (naf, s.tax_distortion.at(draws, 0) - 1.0)
            });
            let mut cum = 0.0;
            for t in 0..h {
                let net: f64 = match factors {
                    Some(f) => self.society_net(f, &ws.net, t),
                    None => payers.iter().map(|&p| ws.net[p * h + t]).sum(),
                };
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
}

/// Add `row` into `totals` year by year, and return its present value under `df`.
#[inline(always)]
fn add_discounted(row: &[f64], df: &[f64], totals: &mut [f64]) -> f64 {
    for (t, x) in totals.iter_mut().zip(row) {
        *t += x;
    }
    dot(row, df)
}

/// `sum_t a[t] b[t]`, in four interleaved partial sums (a fixed order: the result does not
/// depend on anything but the inputs).
#[inline(always)]
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let (a4, b4) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ra, rb) = (a4.remainder(), b4.remainder());
    for (x, y) in a4.zip(b4) {
        for k in 0..4 {
            acc[k] += x[k] * y[k];
        }
    }
    let tail: f64 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// A formula's `f64` result: `f64` arithmetic never fails (see [`formulas::Amount`]).
#[inline(always)]
fn plain(x: Option<f64>) -> f64 {
    x.unwrap_or(f64::NAN)
}

#[inline(always)]
fn plain_unit(_: Option<()>) {}

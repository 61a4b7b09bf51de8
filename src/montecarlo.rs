//! The Monte Carlo engine: trials in parallel, keyed by trial index, never by thread.
//!
//! This is the only module that runs anything in parallel. Trials are cut into fixed chunks of
//! [`CHUNK`] trials. Each chunk gets one workspace and one draw buffer, which are reused for
//! every trial in it: nothing is allocated per trial. Trial `i` draws only from streams seeded
//! by `(seed, i)` (see [`crate::sampler`]) and writes only its own output rows. The results are
//! therefore bit-identical for any number of threads (`--threads`, `RAYON_NUM_THREADS`) and any
//! batching. A fixed number of trials runs as one parallel pass over all its chunks (no barrier
//! between batches; progress is counted as chunks finish); a run to a precision target runs
//! batches of [`BATCH`] and checks the precision between them.
//!
//! Memory: each trial keeps `perspectives × (8 + 2)` bytes (NPV and break-even year) plus
//! `municipalities × 8` bytes (each municipality's own NPV) for the percentiles, and 8 bytes
//! per contract field and (for the report's fan chart only) per perspective and year; with
//! `--municipal-break-even`, 2 bytes per municipality (its break-even year). Nothing else is
//! kept per year, so memory does not grow with the ledger's size times the trials.
//! Summarising the municipalities adds one buffer of eight columns per worker thread.
//!
//! The file is a little over 600 lines because it is one idea, the parallel pass and the columns
//! it keeps: how trials are run, kept and summarised share the layout of [`Outputs`].

mod joint;

pub use joint::run_joint;

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::kernel::{Plan, TrialRow};
use crate::sampler::Layout;
use crate::stats;

/// The seed used when none is given. Every run prints its seed, so it can be reproduced.
pub const DEFAULT_SEED: u64 = 2025;

/// Trials per unit of parallel work.
pub const CHUNK: usize = 256;

/// Trials per batch when running to a precision target (and between progress updates).
pub const BATCH: usize = 10_000;

/// The per-trial results of a run, in trial order.
#[derive(Clone, Debug, Default)]
pub struct Outputs {
    pub trials: usize,
    pub perspectives: usize,
    pub municipalities: usize,
    /// Number of payers (one delta each per contract and trial).
    pub payers: usize,
    /// `npv[i * perspectives + j]`: NPV of perspective j in trial i.
    pub npv: Vec<f64>,
    /// Break-even year offset, or [`crate::kernel::NO_BREAK_EVEN`].
    pub break_even: Vec<u16>,
    /// `muni_npv[i * municipalities + m]`: NPV of municipality m's own `kommune` rows.
    pub muni_npv: Vec<f64>,
    /// Values per trial in `muni_break_even` ([`Plan::municipal_break_even_width`]; 0 unless
    /// kept).
    pub muni_break_even_width: usize,
    /// `muni_break_even[i * municipalities + m]`: the sustained break-even year offset of
    /// municipality m's own rows, or [`crate::kernel::NO_BREAK_EVEN`], when kept.
    pub muni_break_even: Vec<u16>,
    /// Number of non-monetary outcomes.
    pub gains: usize,
    /// `effects[i * gains.max(1) + n]`: discounted units `dE` of non-monetary outcome n in
    /// trial i.
    pub effects: Vec<f64>,
    /// Number of contracts.
    pub contracts: usize,
    /// Fields per contract and trial ([`Plan::contract_width`]).
    pub contract_width: usize,
    /// `contract[(i * contracts + k) * contract_width + f]`: field f (see
    /// [`crate::kernel::contract_field`]) of contract k in trial i.
    pub contract: Vec<f64>,
    /// Values per trial in `cumulative` ([`Plan::cumulative_width`]; 0 unless kept).
    pub cumulative_width: usize,
    /// `cumulative[i * cumulative_width + j * horizon + t]`: perspective j's cumulative
    /// discounted net at the end of year t in trial i, when kept.
    pub cumulative: Vec<f64>,
}

impl Outputs {
    pub fn new(plan: &Plan) -> Outputs {
        Outputs {
            trials: 0,
            perspectives: plan.perspectives,
            municipalities: plan.municipalities,
            payers: plan.payers,
            gains: plan.gains(),
            contracts: plan.contracts(),
            contract_width: plan.contract_width(),
            cumulative_width: plan.cumulative_width(),
            muni_break_even_width: plan.municipal_break_even_width(),
            ..Outputs::default()
        }
    }

    /// Perspective `j`'s cumulative discounted net at the end of year `t`, in trial order
    /// (empty unless kept).
    pub fn cumulative_of(&self, j: usize, t: usize, horizon: usize) -> Vec<f64> {
        if self.cumulative_width == 0 {
            return Vec::new();
        }
        (self.cumulative.iter())
            .skip(j * horizon + t)
            .step_by(self.cumulative_width)
            .copied()
            .collect()
    }

    /// Values per trial of one field of contract `k`, in trial order.
    pub fn contract_field(&self, k: usize, field: usize) -> Vec<f64> {
        let stride = self.contracts * self.contract_width;
        if stride == 0 {
            return Vec::new();
        }
        self.contract
            .iter()
            .skip(k * self.contract_width + field)
            .step_by(stride)
            .copied()
            .collect()
    }

    /// Discounted units `dE` of non-monetary outcome `n`, in trial order.
    pub fn effects_of(&self, n: usize) -> Vec<f64> {
        self.effects
            .iter()
            .skip(n)
            .step_by(self.gains.max(1))
            .copied()
            .collect()
    }

    /// NPVs of perspective `j`, in trial order.
    pub fn npv_of(&self, j: usize) -> Vec<f64> {
        self.npv
            .iter()
            .skip(j)
            .step_by(self.perspectives)
            .copied()
            .collect()
    }

    pub fn break_even_of(&self, j: usize) -> Vec<u16> {
        self.break_even
            .iter()
            .skip(j)
            .step_by(self.perspectives)
            .copied()
            .collect()
    }

    /// Municipality `m`'s break-even year offsets, in trial order (empty unless kept).
    pub fn muni_break_even_of(&self, m: usize) -> Vec<u16> {
        if self.muni_break_even_width == 0 {
            return Vec::new();
        }
        (self.muni_break_even.iter())
            .skip(m)
            .step_by(self.muni_break_even_width)
            .copied()
            .collect()
    }

    pub fn muni_npv_of(&self, m: usize) -> Vec<f64> {
        self.muni_npv
            .iter()
            .skip(m)
            .step_by(self.municipalities)
            .copied()
            .collect()
    }
}

/// Run trials `start .. start + n` and append their results to `out`.
pub fn run_trials(plan: &Plan, layout: &Layout, seed: u64, n: usize, out: &mut Outputs) {
    let (np, nm) = (plan.perspectives, plan.municipalities);
    let (nk, nc, ne, nb) = row_widths(plan);
    let end = out.trials + n;
    out.npv.resize(end * np, 0.0);
    out.break_even.resize(end * np, 0);
    out.muni_npv.resize(end * nm, 0.0);
    out.effects.resize(end * ne, 0.0);
    out.contract.resize(end * nk, 0.0);
    out.cumulative.resize(end * nc, 0.0);
    out.muni_break_even.resize(end * nb, 0);
    fill_trials(plan, layout, seed, out.trials, out, &|_| {});
    out.trials = end;
}

/// Fields per trial of the contract, cumulative, effect and municipal break-even outputs.
/// Without contracts (or without the cumulative nets, non-monetary outcomes or the
/// municipalities' break-even) each trial keeps one unused field, so that every chunk has rows
/// in all columns.
fn row_widths(plan: &Plan) -> (usize, usize, usize, usize) {
    (
        (plan.contracts() * plan.contract_width()).max(1),
        plan.cumulative_width().max(1),
        plan.gains().max(1),
        plan.municipal_break_even_width().max(1),
    )
}

/// Run the trials from `start` to the end of `out`'s (already sized) rows, in chunks of
/// [`CHUNK`] in parallel, calling `chunk_done(trials)` after each chunk.
fn fill_trials(
    plan: &Plan,
    layout: &Layout,
    seed: u64,
    start: usize,
    out: &mut Outputs,
    chunk_done: &(dyn Fn(usize) + Sync),
) {
    let (np, nm) = (plan.perspectives, plan.municipalities);
    let (nk, nc, ne, nb) = row_widths(plan);
    let npv = &mut out.npv[start * np..];
    let be = &mut out.break_even[start * np..];
    let muni = &mut out.muni_npv[start * nm..];
    let contract = &mut out.contract[start * nk..];
    let cumulative = &mut out.cumulative[start * nc..];
    let effects = &mut out.effects[start * ne..];
    let muni_be = &mut out.muni_break_even[start * nb..];
    // A valid model has at least one municipality, so every chunk has rows in all columns.
    npv.par_chunks_mut(CHUNK * np)
        .zip(be.par_chunks_mut(CHUNK * np))
        .zip(muni.par_chunks_mut(CHUNK * nm))
        .zip(contract.par_chunks_mut(CHUNK * nk))
        .zip(cumulative.par_chunks_mut(CHUNK * nc))
        .zip(effects.par_chunks_mut(CHUNK * ne))
        .zip(muni_be.par_chunks_mut(CHUNK * nb))
        .enumerate()
        .for_each(
            |(c, ((((((npv, be), muni), contract), cumulative), effects), muni_be))| {
                let mut ws = plan.workspace();
                let mut draws = vec![0.0; layout.len];
                let first = start + c * CHUNK;
                let rows = npv.len() / np;
                for k in 0..rows {
                    layout.fill(seed, (first + k) as u64, &mut draws);
                    let key = crate::sampler::trial_key(seed, (first + k) as u64);
                    ws.measure_noise(Some(key));
                    let row = TrialRow {
                        npv: &mut npv[k * np..(k + 1) * np],
                        break_even: &mut be[k * np..(k + 1) * np],
                        effects: &mut effects[k * ne..(k + 1) * ne],
                        muni_npv: &mut muni[k * nm..(k + 1) * nm],
                        muni_break_even: &mut muni_be[k * nb..(k + 1) * nb],
                        contracts: &mut contract[k * nk..(k + 1) * nk],
                        cumulative: &mut cumulative[k * nc..(k + 1) * nc],
                    };
                    plan.evaluate(&draws, &mut ws, row);
                }
                chunk_done(rows);
            },
        );
}

/// `n` trials in one parallel pass (no barrier between batches), reporting progress each
/// [`BATCH`] trials. The outputs are allocated zeroed by the system, not filled on one thread.
fn run_all(
    plan: &Plan,
    layout: &Layout,
    seed: u64,
    n: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Outputs {
    let (np, nm) = (plan.perspectives, plan.municipalities);
    let (nk, nc, ne, nb) = row_widths(plan);
    let mut out = Outputs {
        npv: vec![0.0; n * np],
        break_even: vec![0; n * np],
        muni_npv: vec![0.0; n * nm],
        contract: vec![0.0; n * nk],
        cumulative: vec![0.0; n * nc],
        effects: vec![0.0; n * ne],
        muni_break_even: vec![0; n * nb],
        ..Outputs::new(plan)
    };
    let (done, shown) = (AtomicUsize::new(0), AtomicUsize::new(0));
    fill_trials(plan, layout, seed, 0, &mut out, &|rows| {
        let now = done.fetch_add(rows, Ordering::Relaxed) + rows;
        // Only the chunk that crosses a batch raises what is shown, and never to the end: the
        // last report comes after every chunk is done.
        if now / BATCH > (now - rows) / BATCH
            && now < n
            && shown.fetch_max(now, Ordering::Relaxed) < now
        {
            progress(now, n);
        }
    });
    out.trials = n;
    progress(n, n);
    out
}

/// The summary of a run: each column (perspective, municipality) summarised by
/// [`stats::perspective`] and [`stats::distribution`], the columns in parallel. Each column is
/// computed on its own, in trial order, so the result does not depend on the thread count.
pub fn summarize(out: &Outputs, horizon: usize) -> stats::Summary {
    let (municipality_prob_positive, municipalities) = municipalities(out);
    stats::Summary {
        trials: out.trials,
        perspectives: (0..out.perspectives)
            .into_par_iter()
            .map(|j| stats::perspective(out.npv_of(j), &out.break_even_of(j), horizon))
            .collect(),
        municipalities,
        municipality_prob_positive,
        municipality_break_even: municipal_break_even(out, horizon),
    }
}

/// Each municipality's break-even distribution (empty unless kept), counted in one pass over
/// the trials' rows, blocks of them in parallel. The counts are integers, so their sum does not
/// depend on the thread count.
fn municipal_break_even(out: &Outputs, horizon: usize) -> Vec<stats::BreakEven> {
    let w = out.muni_break_even_width;
    if w == 0 {
        return Vec::new();
    }
    // Per municipality, the trials breaking even in each year offset, then those that never do.
    let slots = horizon + 1;
    let count = |rows: &[u16]| {
        let mut counts = vec![0u64; w * slots];
        for row in rows.chunks_exact(w) {
            for (m, &y) in row.iter().enumerate() {
                counts[m * slots + (y as usize).min(horizon)] += 1;
            }
        }
        counts
    };
    let counts = (out.muni_break_even.par_chunks(BATCH * w))
        .map(count)
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_default();
    counts
        .chunks_exact(slots)
        .map(stats::break_even_of_counts)
        .collect()
}

/// Each municipality's P(NPV > 0) and NPV distribution, the columns in parallel.
fn municipalities(out: &Outputs) -> (Vec<f64>, Vec<stats::Distribution>) {
    // Columns a cache line at a time: one pass over the trials per eight columns.
    let nm = out.municipalities;
    let groups = nm.div_ceil(COLUMN_GROUP);
    let workers = rayon::current_num_threads().clamp(1, groups.max(1));
    // Each worker a contiguous share of the groups, with one buffer for all of them: no fresh
    // pages per column. Each column is still summarised on its own.
    let groups: Vec<Vec<(f64, stats::Distribution)>> = (0..workers)
        .into_par_iter()
        .map(|w| {
            let mut buffer = Vec::new();
            let mut found = Vec::new();
            for g in groups * w / workers..groups * (w + 1) / workers {
                let cols = g * COLUMN_GROUP..((g + 1) * COLUMN_GROUP).min(nm);
                columns(&out.muni_npv, nm, cols, &mut buffer);
                found.extend(buffer.iter_mut().map(|c| {
                    let (p, _) = stats::probability_positive(c);
                    (p, stats::distribution(c))
                }));
            }
            found
        })
        .collect();
    groups.into_iter().flatten().unzip()
}

/// Columns taken together by [`columns`]: eight `f64`, one cache line.
const COLUMN_GROUP: usize = 8;

/// Columns `cols` of a row-major table `width` wide, each in row order, into `out` (one vector
/// per column, reusing their room), in one pass over the rows.
fn columns(table: &[f64], width: usize, cols: std::ops::Range<usize>, out: &mut Vec<Vec<f64>>) {
    let rows = table.len() / width.max(1);
    out.resize_with(cols.len(), || Vec::with_capacity(rows));
    out.truncate(cols.len());
    out.iter_mut().for_each(Vec::clear);
    for row in table.chunks_exact(width) {
        for (o, x) in out.iter_mut().zip(&row[cols.clone()]) {
            o.push(*x);
        }
    }
}

/// `f(0), f(1), .., f(n - 1)` in parallel, in that order: for the analyses above this layer
/// that summarise many columns of a run's outputs, each column on its own (so the result does
/// not depend on the thread count).
pub fn par_columns<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    (0..n).into_par_iter().map(f).collect()
}

/// `a()` and `b()`, in parallel where there are threads to spare: for analyses above this
/// layer that summarise a few columns each on its own.
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    rayon::join(a, b)
}

/// How many trials to run.
#[derive(Clone, Copy, Debug)]
pub enum Stop {
    /// Exactly this many.
    Trials(usize),
    /// Batches of [`BATCH`] until the standard errors are below `target` (see
    /// [`stats::Precision`]), or `max_trials`, or (after a batch) until it is clear that the
    /// target needs more than [`UNREACHABLE`] times `max_trials`.
    Precision { target: f64, max_trials: usize },
}

/// What a precision run achieved.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PrecisionReport {
    pub target: f64,
    /// The largest standard error over the perspectives (as [`stats::Precision`] measures it).
    pub achieved: f64,
    pub converged: bool,
    /// About how many trials the target needs: the trials run times (achieved / target)²,
    /// since a standard error falls with the square root of the trials.
    pub trials_needed: f64,
}

/// A precision run stops early when the target needs more than this many times its trial cap:
/// it cannot be reached, and running to the cap would only cost time.
pub const UNREACHABLE: f64 = 100.0;

/// Run the Monte Carlo on the current rayon pool, calling `progress(done, total)` between
/// batches (total is the cap for precision runs).
pub fn run(
    plan: &Plan,
    layout: &Layout,
    seed: u64,
    stop: Stop,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Outputs, Option<PrecisionReport>) {
    match stop {
        Stop::Trials(n) => (run_all(plan, layout, seed, n, progress), None),
        Stop::Precision { target, max_trials } => {
            let mut out = Outputs::new(plan);
            let mut tracker = stats::Precision::default();
            loop {
                let step = BATCH.min(max_trials - out.trials);
                let first = out.trials;
                run_trials(plan, layout, seed, step, &mut out);
                progress(out.trials, max_trials);
                let np = out.perspectives;
                tracker.add(&out.npv[first * np..], np);
                let achieved = tracker.achieved();
                let converged = achieved <= target;
                let trials_needed = out.trials as f64 * (achieved / target).powi(2);
                let unreachable = trials_needed > UNREACHABLE * max_trials as f64;
                if converged || out.trials >= max_trials || unreachable {
                    let trials_needed = if converged {
                        out.trials as f64
                    } else {
                        trials_needed
                    };
                    break (
                        out,
                        Some(PrecisionReport {
                            target,
                            achieved,
                            converged,
                            trials_needed,
                        }),
                    );
                }
            }
        }
    }
}

/// Each input's drawn value in each of the first `trials` trials (`[input][trial]`), drawn
/// again from the seed rather than stored during the run. An input drawn per municipality is
/// represented by the average of its municipalities' draws.
pub fn input_columns(layout: &Layout, seed: u64, trials: usize) -> Vec<Vec<f64>> {
    let ni = layout.offsets.len();
    if ni == 0 {
        return Vec::new();
    }
    let mut rows = vec![0.0; trials * ni];
    rows.par_chunks_mut(CHUNK * ni)
        .enumerate()
        .for_each(|(c, chunk)| {
            let mut draws = vec![0.0; layout.len];
            for (k, row) in chunk.chunks_mut(ni).enumerate() {
                layout.fill(seed, (c * CHUNK + k) as u64, &mut draws);
                for (i, out) in row.iter_mut().enumerate() {
                    let start = layout.offsets[i];
                    let end = layout.offsets.get(i + 1).copied().unwrap_or(layout.len);
                    *out = draws[start..end].iter().sum::<f64>() / (end - start) as f64;
                }
            }
        });
    (0..ni)
        .map(|i| rows.iter().skip(i).step_by(ni).copied().collect())
        .collect()
}

/// Run several independent simulations (scenarios or variants) in parallel, each with the same
/// seed and number of trials, keeping only each one's summary. Results are as if each ran alone.
pub fn run_many(sims: &[&Simulation], seed: u64, trials: usize) -> Vec<stats::Summary> {
    sims.par_iter()
        .map(|sim| sim.run_summarized(seed, trials).1)
        .collect()
}

/// A model compiled once for simulation: its sampler layout and kernel plan. The one entry to
/// the engine for run, compare, sensitivity and batch.
pub struct Simulation {
    pub layout: Layout,
    pub plan: Plan,
    horizon: usize,
    discount_factors: Vec<f64>,
}

impl Simulation {
    pub fn new(model: &crate::model::Model) -> Simulation {
        let layout = Layout::new(model);
        let plan = Plan::new(model, &layout);
        Simulation {
            layout,
            plan,
            horizon: model.horizon,
            discount_factors: (model.discount_factors().into_iter())
                .map(crate::decimal::to_f64)
                .collect(),
        }
    }

    /// About the bytes a run keeps per trial (the module's "Memory"), on `threads` worker
    /// threads: its [`Outputs`], and while they are summarised, a copy of up to
    /// eight columns per thread. For a memory check before the run.
    pub fn bytes_per_trial(&self, threads: usize) -> u64 {
        let (nk, nc, ne, nb) = row_widths(&self.plan);
        let (np, nm) = (self.plan.perspectives, self.plan.municipalities);
        let kept = 8 * (np + nm + nk + nc + ne) + 2 * (np + nb);
        (kept + 8 * COLUMN_GROUP * threads.max(1)) as u64
    }

    /// The bytes per trial that [`Simulation::input_columns`] adds (each input's draws, as
    /// rows and then as columns).
    pub fn input_bytes_per_trial(&self) -> u64 {
        16 * self.layout.offsets.len() as u64
    }

    /// Run to `stop` on the current rayon pool (see [`run`]).
    pub fn run(
        &self,
        seed: u64,
        stop: Stop,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> (Outputs, Option<PrecisionReport>) {
        run(&self.plan, &self.layout, seed, stop, progress)
    }

    /// The summary of a run's outputs.
    pub fn summarize(&self, out: &Outputs) -> stats::Summary {
        summarize(out, self.horizon)
    }

    /// `trials` trials, with their summary.
    pub fn run_summarized(&self, seed: u64, trials: usize) -> (Outputs, stats::Summary) {
        let (out, _) = self.run(seed, Stop::Trials(trials), &|_, _| {});
        let summary = self.summarize(&out);
        (out, summary)
    }

    /// Each input's drawn value in each trial (see [`input_columns`]).
    pub fn input_columns(&self, seed: u64, trials: usize) -> Vec<Vec<f64>> {
        input_columns(&self.layout, seed, trials)
    }

    /// Per perspective and year, the distribution of the year's net over the trials (`[j][t]`,
    /// not discounted: the difference of the cumulative discounted nets, divided by the year's
    /// discount factor); empty unless the plan kept the cumulative nets.
    pub fn yearly_nets(&self, out: &Outputs) -> Vec<Vec<stats::Distribution>> {
        if out.cumulative_width == 0 {
            return Vec::new();
        }
        let h = self.horizon;
        let df = &self.discount_factors;
        let cells = par_columns(out.perspectives * h, |c| {
            let (j, t) = (c / h, c % h);
            let now = out.cumulative_of(j, t, h);
            let mut net: Vec<f64> = if t == 0 {
                now
            } else {
                let before = out.cumulative_of(j, t - 1, h);
                now.iter().zip(&before).map(|(a, b)| a - b).collect()
            };
            net.iter_mut().for_each(|x| *x /= df[t]);
            stats::distribution(&mut net)
        });
        cells.chunks(h).map(<[_]>::to_vec).collect()
    }

    /// Per perspective and year, the distribution of the cumulative discounted net over the
    /// trials (`[j][t]`), for a fan chart; empty unless the plan kept it
    /// ([`Plan::keep_cumulative`]). Columns in parallel, each in trial order.
    pub fn bands(&self, out: &Outputs) -> Vec<Vec<stats::Distribution>> {
        if out.cumulative_width == 0 {
            return Vec::new();
        }
        let h = self.horizon;
        let cells = par_columns(out.perspectives * h, |c| {
            stats::distribution(&mut out.cumulative_of(c / h, c % h, h))
        });
        cells.chunks(h).map(<[_]>::to_vec).collect()
    }
}

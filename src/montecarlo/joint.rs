//! Several simulations run together, trial by trial (a portfolio's contracts): trial `i` of
//! each is the trial `i` it runs alone, on the same seed, so inputs with the same name draw
//! the same values in every one (common random numbers), and `combine` sees all of trial `i`'s
//! contract rows at once. Chunks of [`super::CHUNK`] trials run in parallel; each chunk owns
//! its workspaces and buffers, so nothing is allocated per trial and the result does not depend
//! on the thread count.

use rayon::prelude::*;

use super::{CHUNK, Simulation, row_widths};
use crate::kernel::TrialRow;

/// Run the trials `trials` of every simulation of `sims` on `seed`, and for each trial call
/// `combine(trial, rows, scratch, out)` with each simulation's contract row of the trial
/// (`rows[s]`: every contract's fields, [`crate::kernel::Plan::contract_width`] each), a
/// scratch made once per chunk by `scratch`, and the trial's `width` values of the result.
/// Returns the results, trial after trial. Trial `i`'s result depends on `(seed, i)` alone, so
/// any range gives the rows the whole run gives them.
pub fn run_joint<S>(
    sims: &[&Simulation],
    seed: u64,
    trials: std::ops::Range<usize>,
    width: usize,
    scratch: impl Fn() -> S + Sync,
    combine: impl Fn(usize, &[&[f64]], &mut S, &mut [f64]) + Sync,
) -> Vec<f64> {
    let w = width.max(1);
    let mut out = vec![0.0; trials.len() * w];
    out.par_chunks_mut(CHUNK * w)
        .enumerate()
        .for_each(|(c, chunk)| {
            let first = trials.start + c * CHUNK;
            let rows = chunk.len() / w;
            // Each simulation's contract rows for the chunk's trials.
            let kept: Vec<(usize, Vec<f64>)> = sims
                .iter()
                .map(|sim| {
                    let plan = &sim.plan;
                    let (nk, nc, ne, nb) = row_widths(plan);
                    let (np, nm) = (plan.perspectives, plan.municipalities);
                    let mut ws = plan.workspace();
                    let mut draws = vec![0.0; sim.layout.len];
                    let (mut npv, mut be) = (vec![0.0; np], vec![0u16; np]);
                    let (mut muni, mut muni_be) = (vec![0.0; nm], vec![0u16; nb]);
                    let (mut cumulative, mut effects) = (vec![0.0; nc], vec![0.0; ne]);
                    let mut contracts = vec![0.0; rows * nk];
                    for k in 0..rows {
                        let i = (first + k) as u64;
                        sim.layout.fill(seed, i, &mut draws);
                        ws.measure_noise(Some(crate::sampler::trial_key(seed, i)));
                        let row = TrialRow {
                            npv: &mut npv,
                            break_even: &mut be,
                            effects: &mut effects,
                            muni_npv: &mut muni,
                            muni_break_even: &mut muni_be,
                            contracts: &mut contracts[k * nk..(k + 1) * nk],
                            cumulative: &mut cumulative,
                        };
                        plan.evaluate(&draws, &mut ws, row);
                    }
                    (nk, contracts)
                })
                .collect();
            let mut s = scratch();
            let mut views: Vec<&[f64]> = Vec::with_capacity(sims.len());
            for k in 0..rows {
                views.clear();
                views.extend(kept.iter().map(|(nk, c)| &c[k * nk..(k + 1) * nk]));
                combine(first + k, &views, &mut s, &mut chunk[k * w..(k + 1) * w]);
            }
        });
    out
}

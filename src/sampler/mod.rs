//! The sampler: the random draws of one Monte Carlo trial.
//!
//! Every uncertain input of every trial has its own random stream, seeded from
//! `(seed, trial, the input's name, the municipality's name)` and nothing else. Therefore:
//!
//! - a trial's draws do not depend on which thread runs it or in what batch, so results are
//!   bit-identical for any thread count;
//! - two scenarios run with the same seed draw the same values for inputs that have the same
//!   name and distribution (common random numbers), whatever else differs between them;
//! - a single trial can be regenerated on its own (for `--samples`, or sensitivity analysis)
//!   without storing the draws.
//!
//! The streams and the draws from each distribution are in `stream`; Latin hypercube
//! sampling in [`lhs`], with the tabulated quantiles of its beta, gamma and PERT draws in
//! [`quantile`]; rank correlations and pooling in `copula`.

mod copula;
pub mod lhs;
pub mod quantile;
mod stream;
use copula::{Copula, Pooled};
use stream::{GOLDEN, Method, ZIGGURAT, Ziggurat, inside, mix};
pub use stream::{Prepared, STREAM_VERSION, Stream, draw, name_key, slot_key, trial_key};

use std::sync::Arc;

use crate::model::dist::Dist;
use crate::model::{Model, Param};
use quantile::QuantileTable;

/// An entry's value at `u` under Latin hypercube sampling: its quantile, from its table where
/// it has no closed form ([`quantile`]).
#[inline]
fn latin_value(e: &Entry, u: f64) -> f64 {
    match &e.table {
        Some(t) => t.quantile(u),
        None => e.quantile.quantile(u),
    }
}

/// Where each uncertain input's draws sit in a trial's draw buffer: one slot for a national
/// input, one per municipality for an input that varies per municipality.
#[derive(Clone, Debug)]
pub struct Layout {
    /// First slot of input i.
    pub offsets: Vec<usize>,
    /// Total slots per trial.
    pub len: usize,
    entries: Vec<Entry>,
    /// The rank-correlated inputs, drawn together after the others.
    copula: Option<Copula>,
    /// Latin hypercube sampling in blocks of trials ([`lhs`]) instead of random sampling.
    latin: bool,
}

#[derive(Clone, Debug)]
struct Entry {
    dist: Prepared,
    /// The distribution itself, for its quantile (Latin hypercube sampling).
    quantile: Dist,
    /// Latin hypercube sampling of a form without a closed-form quantile (beta, gamma, PERT):
    /// its quantile function tabulated, shared by the inputs with the same distribution.
    table: Option<Arc<QuantileTable>>,
    /// The stream key of each slot ([`slot_key`]): one for a national input, one per
    /// municipality for an input that varies per municipality.
    slots: Vec<u64>,
    /// Drawn per municipality with partial pooling.
    pooled: Option<Pooled>,
    /// Drawn by the copula, with the other correlated inputs.
    correlated: bool,
}

impl Layout {
    pub fn new(model: &Model) -> Layout {
        let muni_units: Vec<u64> = model
            .municipalities
            .iter()
            .map(|m| name_key(&m.name) | 1)
            .collect();
        let mut offsets = Vec::with_capacity(model.inputs.len());
        let mut entries = Vec::with_capacity(model.inputs.len());
        let mut len = 0;
        for input in &model.inputs {
            offsets.push(len);
            let key = name_key(&input.name);
            let slots: Vec<u64> = if input.per_municipality {
                muni_units.iter().map(|&u| slot_key(key, u)).collect()
            } else {
                vec![slot_key(key, 0)]
            };
            len += slots.len();
            entries.push(Entry {
                dist: Prepared::new(&input.dist),
                quantile: input.dist,
                table: None,
                slots,
                pooled: (input.pooling)
                    .map(|p| Pooled::new(input.dist, crate::decimal::to_f64(p), key)),
                correlated: false,
            });
        }
        let national: Vec<u64> = entries.iter().map(|e| e.slots[0]).collect();
        let copula = Copula::new(model, &offsets, &national);
        if let Some(c) = &copula {
            for (e, &off) in entries.iter_mut().zip(&offsets) {
                e.correlated = c.draws(off);
            }
        }
        Layout {
            offsets,
            len,
            entries,
            copula,
            latin: false,
        }
    }

    /// Draw by Latin hypercube sampling in fixed blocks of trials (see [`lhs`]), with the
    /// quantile functions of beta, gamma and PERT inputs tabulated here, once.
    pub fn latin_hypercube(&mut self) {
        self.latin = true;
        let mut built: Vec<(Dist, Arc<QuantileTable>)> = Vec::new();
        for e in &mut self.entries {
            let d = e.quantile;
            if !d.inverted_numerically() || e.correlated || e.pooled.is_some() {
                continue;
            }
            if let Some((_, t)) = built.iter().find(|(b, _)| *b == d) {
                e.table = Some(t.clone());
            } else if let Some(t) = QuantileTable::new(&d) {
                let t = Arc::new(t);
                built.push((d, t.clone()));
                e.table = Some(t);
            }
        }
    }

    /// Whether the layout draws by Latin hypercube sampling.
    pub fn is_latin_hypercube(&self) -> bool {
        self.latin
    }

    /// Each input drawn on its own (not by the copula), with its slots in `out`.
    fn own_entries<'a>(
        &'a self,
        out: &'a mut [f64],
    ) -> impl Iterator<Item = (&'a Entry, &'a mut [f64])> {
        let mut rest = out;
        self.entries.iter().filter_map(move |e| {
            let (here, tail) = std::mem::take(&mut rest).split_at_mut(e.slots.len());
            rest = tail;
            (!e.correlated).then_some((e, here))
        })
    }

    /// Fill `out` (of length [`Layout::len`]) with the draws of `trial`.
    pub fn fill(&self, seed: u64, trial: u64, out: &mut [f64]) {
        if self.latin {
            self.fill_latin(seed, trial, out);
            return;
        }
        let (tk, z) = (trial_key(seed, trial), &*ZIGGURAT);
        for (e, here) in self.own_entries(out) {
            if let Some(p) = &e.pooled {
                p.fill(|slot| Stream::keyed(tk, slot).uniform(), &e.slots, here);
                continue;
            }
            let slots = e.slots.iter().zip(here.iter_mut());
            // One dispatch per input, not per draw, for the input drawn per municipality
            // (98 draws); measured 15% faster on the national roll-out than the dispatch per draw.
            match e.dist.0 {
                Method::Beta { a, b, min, range } => {
                    for (&slot, o) in slots {
                        *o = Stream::keyed(tk, slot).scaled_beta(&a, &b, min, range, z);
                    }
                }
                _ => {
                    for (&slot, o) in slots {
                        *o = e.dist.draw_with(&mut Stream::keyed(tk, slot), z);
                    }
                }
            }
        }
        if let Some(c) = &self.copula {
            c.fill(tk, out);
        }
    }

    /// [`Layout::fill`] by Latin hypercube sampling: every slot's uniform from its stratum in
    /// the trial's block ([`lhs::uniform`]), then the input's quantile; correlated inputs and
    /// pooled ones from the normal scores of those uniforms.
    fn fill_latin(&self, seed: u64, trial: u64, out: &mut [f64]) {
        let (tk, block) = (trial_key(seed, trial), lhs::block_key(seed, trial));
        let uniform = |slot: u64| lhs::uniform(block, tk, slot, trial);
        for (e, here) in self.own_entries(out) {
            if let Some(p) = &e.pooled {
                p.fill(uniform, &e.slots, here);
                continue;
            }
            for (&slot, o) in e.slots.iter().zip(here.iter_mut()) {
                *o = latin_value(e, uniform(slot));
            }
        }
        if let Some(c) = &self.copula {
            let score = |slot: u64| crate::model::dist::normal_quantile(uniform(slot));
            c.fill_scores(score, out);
        }
    }

    /// Fill `out` with every input at its mean (the base case, in `f64`).
    pub fn fill_means(&self, model: &Model, out: &mut [f64]) {
        for (input, (e, &off)) in model
            .inputs
            .iter()
            .zip(self.entries.iter().zip(&self.offsets))
        {
            let mean = crate::decimal::to_f64(input.mean);
            for slot in &mut out[off..off + e.slots.len()] {
                *slot = mean;
            }
        }
    }

    /// The column names of the draws, for `--samples`: the input's name, with the
    /// municipality in brackets for inputs that vary per municipality.
    pub fn column_names(&self, model: &Model) -> Vec<String> {
        let mut out = Vec::with_capacity(self.len);
        for (input, e) in model.inputs.iter().zip(&self.entries) {
            if e.slots.len() == 1 && !input.per_municipality {
                out.push(input.name.clone());
            } else {
                for m in &model.municipalities {
                    out.push(format!("{}[{}]", input.name, m.name));
                }
            }
        }
        out
    }
}

/// The draw-buffer slot of a parameter, if it is uncertain.
pub fn slot(layout: &Layout, p: Param) -> Option<usize> {
    match p {
        Param::Fixed(_) => None,
        Param::Input { id, .. } => Some(layout.offsets[id]),
    }
}

//! Draws that are not independent: rank-correlated national inputs through a Gaussian copula,
//! and partial pooling of an input across municipalities (`docs/model.md`, "Correlated
//! inputs").
//!
//! Both work on the normal scale and draw each value by its distribution's quantile function,
//! from each input's own streams, so an input outside them keeps its draws bit for bit.

use super::{Stream, ZIGGURAT, Ziggurat, inside, slot_key};
use crate::model::dist::{Dist, normal_cdf, normal_quantile};
use crate::model::{MAX_CORRELATED, Model};

/// The correlated inputs: where their draws go, their streams and distributions, and the
/// Cholesky factor of their normal scores' correlations.
#[derive(Clone, Debug)]
pub(super) struct Copula {
    offsets: Vec<usize>,
    slots: Vec<u64>,
    dists: Vec<Dist>,
    /// Lower triangle, row-major, `n × n`.
    cholesky: Vec<f64>,
}

impl Copula {
    /// The model's correlation with each input's first slot (`offsets[input]`) and stream key.
    pub(super) fn new(model: &Model, offsets: &[usize], keys: &[u64]) -> Option<Copula> {
        let c = model.correlation.as_ref()?;
        Some(Copula {
            offsets: c.inputs.iter().map(|&i| offsets[i]).collect(),
            slots: c.inputs.iter().map(|&i| keys[i]).collect(),
            dists: c.inputs.iter().map(|&i| model.inputs[i].dist).collect(),
            cholesky: c.cholesky.clone(),
        })
    }

    /// Whether input slot `offset` is drawn here.
    pub(super) fn draws(&self, offset: usize) -> bool {
        self.offsets.contains(&offset)
    }

    /// The correlated draws of the trial with key `tk`, into `out`: a standard normal from each
    /// input's own stream, correlated by the Cholesky factor, then `quantile(Φ(x))`.
    pub(super) fn fill(&self, tk: u64, out: &mut [f64]) {
        let z: &Ziggurat = &ZIGGURAT;
        self.fill_scores(|slot| Stream::keyed(tk, slot).standard_normal(z), out);
    }

    /// The correlated draws from each input's standard normal score (`score(stream key)`).
    pub(super) fn fill_scores(&self, score: impl Fn(u64) -> f64, out: &mut [f64]) {
        let n = self.offsets.len();
        let mut scores = [0.0; MAX_CORRELATED];
        for (s, &slot) in scores.iter_mut().zip(&self.slots) {
            *s = score(slot);
        }
        for i in 0..n {
            let row = &self.cholesky[i * n..i * n + i + 1];
            let x: f64 = row.iter().zip(&scores).map(|(l, s)| l * s).sum();
            out[self.offsets[i]] = self.dists[i].quantile(inside(normal_cdf(x)));
        }
    }
}

/// An input drawn per municipality with partial pooling `p`: municipality m's normal score is
/// `√p z + √(1 − p) e_m`, `z` from the input's national stream and `e_m` from the
/// municipality's.
#[derive(Clone, Debug)]
pub(super) struct Pooled {
    pub(super) dist: Dist,
    pub(super) pooling: f64,
    /// The input's national stream key ([`slot_key`] with unit 0).
    pub(super) national: u64,
}

impl Pooled {
    pub(super) fn new(dist: Dist, pooling: f64, key: u64) -> Pooled {
        Pooled {
            dist,
            pooling,
            national: slot_key(key, 0),
        }
    }

    /// The draws of every municipality (`slots`: their stream keys), each stream's uniform
    /// `uniform(stream key)`. With `p = 1` every municipality gets the national draw
    /// `quantile(u)` itself.
    pub(super) fn fill(&self, uniform: impl Fn(u64) -> f64, slots: &[u64], out: &mut [f64]) {
        let u = uniform(self.national);
        if self.pooling == 1.0 {
            out.fill(self.dist.quantile(u));
            return;
        }
        let (shared, own) = (self.pooling.sqrt(), (1.0 - self.pooling).sqrt());
        let z = normal_quantile(u);
        for (o, &slot) in out.iter_mut().zip(slots) {
            let e = normal_quantile(uniform(slot));
            *o = self.dist.quantile(inside(normal_cdf(shared * z + own * e)));
        }
    }
}

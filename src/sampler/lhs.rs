//! Latin hypercube sampling in fixed blocks (`run --sampling latin-hypercube`, see
//! `docs/model.md`, "Latin hypercube sampling").
//!
//! Trials are cut into blocks of [`BLOCK`] by their index: trial `i` is place `i mod 256` of
//! block `i / 256`. In each block every draw slot (an input, or an input in one municipality)
//! deals its 256 equal strata of probability to the block's trials by a permutation of its own,
//! and a trial's uniform is its stratum plus an offset within it from the trial's own stream:
//!
//! ```text
//! u = (π_{seed, block, slot}(place) + v) / 256,    v ~ U(0, 1) from (seed, trial, slot)
//! ```
//!
//! The value is then the input's quantile at `u` (for beta, gamma and PERT, from its table in
//! [`super::quantile`], built once per run). The permutation is a four-round Feistel
//! network on the place's 8 bits, keyed by (seed, block, slot): computed per trial in O(1),
//! never stored. So a trial's draws depend only on the seed, its index and the input, as with
//! random sampling: bit-identical for any thread count and batching, and common random numbers
//! hold between scenarios (a slot's strata follow its input's name and municipality). Each whole
//! block has exactly one trial in every stratum of every slot; a run whose trials are not a
//! multiple of 256 ends with a partial block, whose strata are a random subset.

use super::{GOLDEN, Stream, inside, mix};

/// Trials per block: each slot's strata per block.
pub const BLOCK: u64 = 256;

/// The key of the block holding `trial` under `seed`.
#[inline]
pub(super) fn block_key(seed: u64, trial: u64) -> u64 {
    mix(mix(seed ^ 0x1A7E_4C0B_E5A1_0001).wrapping_add((trial / BLOCK).wrapping_mul(GOLDEN)))
}

/// The stratum of place `place` (below [`BLOCK`]) under the block's permutation for `slot`:
/// a four-round Feistel network on 8 bits, a bijection for any key.
#[inline]
fn stratum(block: u64, slot: u64, place: u64) -> u64 {
    let key = mix(block ^ slot);
    let (mut left, mut right) = (place >> 4, place & 0xF);
    for round in 0..4u64 {
        let f = mix(key.wrapping_add(round.wrapping_mul(GOLDEN)) ^ right) & 0xF;
        (left, right) = (right, left ^ f);
    }
    (left << 4) | right
}

/// The uniform of stream `slot` in trial `trial` (key `tk`) of the block with key `block`:
/// inside (0, 1), so that every quantile is finite.
#[inline]
pub(super) fn uniform(block: u64, tk: u64, slot: u64, trial: u64) -> f64 {
    let offset = Stream::keyed(tk, slot).uniform();
    inside((stratum(block, slot, trial % BLOCK) as f64 + offset) / BLOCK as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_permutation_deals_every_stratum_once() {
        for (block, slot) in [(0, 0), (1, 7), (u64::MAX, 12345), (99, 1 << 40)] {
            let mut seen = [false; BLOCK as usize];
            for place in 0..BLOCK {
                let s = stratum(block, slot, place) as usize;
                assert!(!seen[s], "stratum {s} twice");
                seen[s] = true;
            }
        }
    }

    #[test]
    fn slots_and_blocks_are_permuted_differently() {
        let order = |block, slot| {
            (0..BLOCK)
                .map(|p| stratum(block, slot, p))
                .collect::<Vec<_>>()
        };
        assert_ne!(order(1, 2), order(1, 3));
        assert_ne!(order(1, 2), order(2, 2));
        assert_ne!(order(1, 2), (0..BLOCK).collect::<Vec<_>>());
    }

    #[test]
    fn uniforms_fall_in_their_strata_strictly_inside_the_unit_interval() {
        let block = block_key(7, 0);
        for trial in 0..BLOCK {
            let u = uniform(block, super::super::trial_key(7, trial), 42, trial);
            let s = stratum(block, 42, trial) as f64;
            assert!(u >= s / 256.0 && u < (s + 1.0) / 256.0 && u < 1.0, "{u}");
        }
    }
}

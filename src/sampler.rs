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
//! The generator is xoshiro256++ (Blackman & Vigna, "Scrambled linear pseudorandom number
//! generators", ACM TOMS 2021), seeded through SplitMix64 from the mixed key. It is written
//! here, with no dependency, so that streams stay identical across crate upgrades.

use crate::model::dist::{Dist, pert_shape};
use crate::model::{Model, Param};

/// SplitMix64's finaliser: a bijective mix of 64 bits.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stable 64-bit key for a name (FNV-1a), the same on every platform and in every version.
pub fn name_key(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

/// One random stream (xoshiro256++).
#[derive(Clone, Debug)]
pub struct Stream {
    s: [u64; 4],
}

impl Stream {
    /// The stream of input `key` in municipality `unit` (0 for a national draw) of `trial`.
    pub fn new(seed: u64, trial: u64, key: u64, unit: u64) -> Stream {
        let k = mix(mix(mix(seed ^ mix(trial)) ^ key) ^ mix(unit));
        let mut z = k;
        let mut next = || {
            z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
            mix(z)
        };
        Stream {
            s: [next(), next(), next(), next()],
        }
    }

    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = (s[0].wrapping_add(s[3])).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform on the open interval (0, 1): 53 random bits, centred in their cell.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal by Marsaglia's polar method (used inside the gamma sampler, where
    /// speed matters and inversion buys nothing).
    #[inline]
    fn standard_normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s < 1.0 && s > 0.0 {
                return u * (-2.0 * s.ln() / s).sqrt();
            }
        }
    }

    /// Gamma(shape, 1) by Marsaglia & Tsang (ACM TOMS 2000); shape < 1 by the boost
    /// Gamma(shape + 1) * U^(1 / shape).
    fn standard_gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            let u = self.uniform();
            return self.standard_gamma(shape + 1.0) * u.powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.standard_normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.uniform();
            if u < 1.0 - 0.0331 * x * x * x * x || u.ln() < 0.5 * x * x + d * (1.0 - v + v.ln()) {
                return d * v;
            }
        }
    }

    fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.standard_gamma(a);
        let y = self.standard_gamma(b);
        x / (x + y)
    }
}

/// One draw from `dist`. Distributions with a closed-form quantile are drawn by inversion (one
/// uniform, so equal names with different parameters stay rank-correlated); beta, gamma and
/// PERT by the standard gamma method.
pub fn draw(dist: &Dist, s: &mut Stream) -> f64 {
    match *dist {
        Dist::Uniform { .. }
        | Dist::Triangular { .. }
        | Dist::Normal { .. }
        | Dist::LogNormal { .. } => dist.quantile(s.uniform()),
        Dist::Pert { min, mode, max } => {
            let (a, b) = pert_shape(min, mode, max);
            min + (max - min) * s.beta(a, b)
        }
        Dist::Beta { alpha, beta } => s.beta(alpha, beta),
        Dist::Gamma { shape, scale } => scale * s.standard_gamma(shape),
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
}

#[derive(Clone, Debug)]
struct Entry {
    dist: Dist,
    key: u64,
    /// Stream unit per slot: 0 for a national input, else the municipality name's key.
    units: Vec<u64>,
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
            let units = if input.per_municipality {
                muni_units.clone()
            } else {
                vec![0]
            };
            len += units.len();
            entries.push(Entry {
                dist: input.dist,
                key: name_key(&input.name),
                units,
            });
        }
        Layout {
            offsets,
            len,
            entries,
        }
    }

    /// Fill `out` (of length [`Layout::len`]) with the draws of `trial`.
    pub fn fill(&self, seed: u64, trial: u64, out: &mut [f64]) {
        let mut i = 0;
        for e in &self.entries {
            for &unit in &e.units {
                let mut s = Stream::new(seed, trial, e.key, unit);
                out[i] = draw(&e.dist, &mut s);
                i += 1;
            }
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
            for slot in &mut out[off..off + e.units.len()] {
                *slot = mean;
            }
        }
    }

    /// The column names of the draws, for `--samples`: the input's name, with the
    /// municipality in brackets for inputs that vary per municipality.
    pub fn column_names(&self, model: &Model) -> Vec<String> {
        let mut out = Vec::with_capacity(self.len);
        for (input, e) in model.inputs.iter().zip(&self.entries) {
            if e.units.len() == 1 && !input.per_municipality {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_depend_on_every_part_of_the_key_and_nothing_else() {
        let a = Stream::new(1, 7, name_key("x"), 0).next_u64();
        assert_eq!(a, Stream::new(1, 7, name_key("x"), 0).next_u64());
        assert_ne!(a, Stream::new(2, 7, name_key("x"), 0).next_u64());
        assert_ne!(a, Stream::new(1, 8, name_key("x"), 0).next_u64());
        assert_ne!(a, Stream::new(1, 7, name_key("y"), 0).next_u64());
        assert_ne!(a, Stream::new(1, 7, name_key("x"), 3).next_u64());
    }

    #[test]
    fn uniforms_are_strictly_inside_the_unit_interval() {
        let mut s = Stream::new(0, 0, 0, 0);
        for _ in 0..100_000 {
            let u = s.uniform();
            assert!(u > 0.0 && u < 1.0);
        }
    }

    /// One distribution of every form and parameterisation (truncated and not).
    fn every_form() -> [Dist; 10] {
        [
            Dist::uniform(1.0, 3.0).unwrap(),
            Dist::triangular(3000.0, 5000.0, 9000.0).unwrap(),
            Dist::pert(6.0, 8.0, 10.0).unwrap(),
            Dist::normal(-0.05, 0.1, None, None).unwrap(),
            Dist::normal(0.0, 0.1, Some(-0.05), Some(0.3)).unwrap(),
            Dist::lognormal_interval(7000.0, 5000.0, 9800.0).unwrap(),
            Dist::beta_moments(0.75, 0.05).unwrap(),
            Dist::beta(0.5, 0.5).unwrap(),
            Dist::gamma_moments(3.0, 2.5).unwrap(),
            Dist::gamma(0.4, 2.0).unwrap(),
        ]
    }

    /// Sampled mean and variance against the definitions, for every form.
    #[test]
    fn sampled_moments_match_the_definitions() {
        let dists = every_form();
        let n = 200_000;
        for (k, d) in dists.iter().enumerate() {
            let xs: Vec<f64> = (0..n)
                .map(|i| draw(d, &mut Stream::new(99, i, k as u64, 0)))
                .collect();
            let mean = xs.iter().sum::<f64>() / n as f64;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
            let (m, v) = (d.mean(), d.variance());
            let se_mean = (v / n as f64).sqrt();
            assert!((mean - m).abs() < 5.0 * se_mean, "{d}: mean {mean} vs {m}");
            // The variance of a sample variance is about 2 v^2 / n for light tails; allow
            // for heavier tails with a wider band.
            assert!((var - v).abs() < 0.03 * v, "{d}: variance {var} vs {v}");
            let (lo, hi) = d.support();
            assert!(
                xs.iter().all(|x| *x >= lo && *x <= hi),
                "{d}: draw outside support"
            );
        }
    }

    /// The random streams are a product promise: a seed reproduces a run (within one stream
    /// version). These draws are pinned bit for bit; if one changes, results change for every
    /// user, and the change must be versioned and said so.
    #[test]
    fn pinned_draws_of_every_distribution() {
        let dists = every_form();
        let drawn: Vec<String> = dists
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let xs: Vec<String> = (0..3)
                    .map(|i| {
                        format!(
                            "{:016x}",
                            draw(d, &mut Stream::new(2025, i, k as u64, 1)).to_bits()
                        )
                    })
                    .collect();
                format!("{d}: {}", xs.join(" "))
            })
            .collect();
        let pinned = PINNED;
        assert_eq!(
            drawn.join("\n"),
            pinned.trim(),
            "the random streams changed"
        );
    }

    const PINNED: &str = "
uniform(1, 3): 400699ef6fdf9ea0 3ff6f09ee8e69cf2 3ff8361fef354346
triangular(3000, 5000, 9000): 40b6937446be0786 40b8c2bea63ec029 40b1b52a514c864d
pert(6, 8, 10): 402014ee95d2e01c 401e1cc7f1b03a88 40213e2b3e37550c
normal(mean -0.05, sd 0.1): bf842d5ca79c1cac bfb4759b8c61838a 3fa7f9fe49a6456c
normal(mean 0, sd 0.1, truncated to [-0.05, 0.3]): bf9a2984be839b27 3fb85494dd60114a 3fa06561b427d2b2
lognormal(median 7000, 90% interval 5000-9800): 40be1f6db38264b1 40bc48347c0fb373 40beb83e566907b1
beta(mean 0.75, sd 0.05): 3fe70b1968c880fe 3fe5bf01c10c57ab 3fe6c9b978ec3c90
beta(mean 0.5, sd 0.353553): 3f90fefe5ef60371 3fe56f4bbad7aab9 3feac2cdd7a8ec09
gamma(mean 3, sd 2.5): 40136ac4f9330e7f 40053031823f29dc 3fc2fe28693fbb35
gamma(mean 0.8, sd 1.264911): 3fb4049b692328ae 4012c5045b4ad8a5 3fe2f4dfe1aa9b1b
";
}

//! Tabulated quantile functions of beta, gamma and PERT inputs, for Latin hypercube sampling
//! (`docs/model.md`, "Latin hypercube sampling").
//!
//! These forms have no closed-form quantile, and inverting the CDF by Newton's method at every
//! draw costs several incomplete beta or gamma functions a draw. Instead each distribution's
//! quantile is tabulated once per run and evaluated by piecewise Hermite interpolation of
//! degree 7: on each cell, the polynomial with the exact quantile and its first three
//! derivatives at both ends (`1 / f`, `-f' / f³` and `(3 f'² - f f'') / f⁵` from the density
//! `f`).
//!
//! The cells are geometric towards both tails, where the quantile's derivatives grow. Below the
//! median, `u` lies in an octave `[2^-(k+2), 2^-(k+1))`; above it, `1 - u` does (computed
//! exactly). Each side is tabulated as the distance `y` of the value from the end of the
//! support on its side (for gamma's upper side, the value itself), solving the tail probability
//! on that side (`I_y(a, b)`, `P(k, y)` or `Q(k, y)`) for `y`, so that the table keeps its
//! relative precision far into both tails. Octave `k` is cut into `2^j` equal cells, `j`
//! chosen per octave as the table is built: the smallest for which the interpolant is within
//! [`TOLERANCE`] of the exact quantile (relative, in `y`) at every cell's midpoint, where the
//! error of a Hermite interpolant peaks. From the median out to `2^-8` (the edge of the
//! outermost strata) the cells are equal in `w` and interpolate `y`: a draw is one table
//! look-up (the octave from the exponent's bits, the cell and the position in it from the
//! mantissa's, exactly) and a polynomial. Beyond, where `y` follows a power of `w` (or of
//! `ln w`), they are equal in `ln w` and interpolate `ln y`, which takes a logarithm and an
//! exponential a draw but few cells.
//!
//! The octaves reach `u = 2^-62` below and `1 - u = 2^-53` above: every uniform Latin hypercube
//! sampling draws. Beyond them, and in any octave where the tolerance was not met with 256
//! cells (or a density under- or overflows), the quantile is found at the draw by the Newton
//! iteration that builds the table, bracketed by the octave's ends.
//!
//! The file is longer than most because it is one algorithm: the table, how it is built and
//! checked, and how a draw reads it, with its tests of accuracy against the exact inversion.

use crate::model::dist::{Dist, beta_cdf_given, gamma_p_given, gamma_q_given, pert_shape};

/// The largest relative error of the tabulated quantile against the exact inversion (in the
/// distance from the end of the support on each side), checked at every cell's midpoint.
pub const TOLERANCE: f64 = 1e-12;

/// Octaves of `u` below the median: down to `2^-62`, the smallest uniform of a Latin hypercube
/// draw (its first stratum's `2^-54 / 256`).
const BELOW: usize = 61;

/// Octaves of `1 - u` above the median: down to `2^-53`, the smallest `1 - u` of an `f64`
/// below 1.
const ABOVE: usize = 52;

/// The octaves from the median out to `2^-8`, cut into cells equal in `w`; those beyond are
/// cut into cells equal in `ln w`.
const LINEAR: usize = 7;

/// The finest cut of an octave: `2^MAX_LEVEL` cells.
const MAX_LEVEL: u32 = 8;

/// An octave whose quantiles are found at each draw.
const EXACT: u32 = u32::MAX;

/// The mantissa bits of an `f64`.
const MANTISSA: u64 = (1 << 52) - 1;

/// A quantile function tabulated for drawing: below the median and above it.
#[derive(Clone, Debug)]
pub struct QuantileTable {
    sides: [Side; 2],
    cells: Vec<Cell>,
}

impl QuantileTable {
    /// The table of `dist`'s quantile, for beta, gamma and PERT; `None` for the forms with a
    /// closed-form quantile.
    pub fn new(dist: &Dist) -> Option<QuantileTable> {
        let (below, above) = match *dist {
            Dist::Beta { alpha, beta } => (
                (Tail::beta(alpha, beta), 0.0, 1.0),
                (Tail::beta(beta, alpha), 1.0, -1.0),
            ),
            Dist::Pert { min, mode, max } => {
                let (a, b) = pert_shape(min, mode, max);
                let range = max - min;
                (
                    (Tail::beta(a, b), min, range),
                    (Tail::beta(b, a), max, -range),
                )
            }
            Dist::Gamma { shape, scale } => (
                (Tail::gamma(shape, false), 0.0, scale),
                (Tail::gamma(shape, true), 0.0, scale),
            ),
            _ => return None,
        };
        let mut cells = Vec::new();
        let sides = [
            Side::new(below, BELOW, &mut cells),
            Side::new(above, ABOVE, &mut cells),
        ];
        Some(QuantileTable { sides, cells })
    }

    /// The quantile at `u` in (0, 1).
    #[inline]
    pub fn quantile(&self, u: f64) -> f64 {
        // Without a branch, which would be mispredicted for half the draws: `1 - u` is exact
        // for `u >= 0.5`, and the smaller of the two there.
        let side = &self.sides[usize::from(u >= 0.5)];
        let w = u.min(1.0 - u);
        side.origin + side.scale * side.distance(w, &self.cells)
    }

    /// The quantile at `u` by the Newton iteration the table is built from.
    pub fn exact(&self, u: f64) -> f64 {
        let side = &self.sides[usize::from(u >= 0.5)];
        let w = u.min(1.0 - u);
        side.origin + side.scale * side.solve_at(w, octave_of(w))
    }

    /// The table's cells (64 bytes each), and its octaves left to the exact inversion.
    pub fn size(&self) -> (usize, usize) {
        let exact = (self.sides.iter())
            .flat_map(|s| &s.octaves[..s.n])
            .filter(|o| o.level == EXACT)
            .count();
        (self.cells.len(), exact)
    }
}

/// The octave of `w` in (0, 0.5]: `k` for `w` in `[2^-(k+2), 2^-(k+1))`; `usize::MAX` for
/// `w = 0.5`, and beyond the table for subnormal `w`.
#[inline(always)]
fn octave_of(w: f64) -> usize {
    let exponent = (w.to_bits() >> 52) as i64 - 1023;
    (-2 - exponent) as usize
}

/// The tail probability on one side of the median, as a function of the distance `y` from the
/// end of the support on that side (standardized: the beta on [0, 1], the gamma of scale 1).
#[derive(Clone, Copy, Debug)]
enum Tail {
    /// `I_y(a, b)`, the lower tail of a beta(a, b).
    Beta { a: f64, b: f64, ln_norm: f64 },
    /// `P(k, y)`, or `Q(k, y)` where `upper` (decreasing in `y`).
    Gamma { k: f64, ln_norm: f64, upper: bool },
}

impl Tail {
    fn beta(a: f64, b: f64) -> Tail {
        let ln_norm = libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b);
        Tail::Beta { a, b, ln_norm }
    }

    fn gamma(k: f64, upper: bool) -> Tail {
        Tail::Gamma {
            k,
            ln_norm: -libm::lgamma(k),
            upper,
        }
    }

    /// The tail probability at `y`.
    fn prob(&self, y: f64) -> f64 {
        match *self {
            Tail::Beta { a, b, ln_norm } => beta_cdf_given(y, a, b, ln_norm),
            Tail::Gamma { k, ln_norm, upper } => {
                if upper {
                    gamma_q_given(k, y, -ln_norm)
                } else {
                    gamma_p_given(k, y, -ln_norm)
                }
            }
        }
    }

    /// The logarithm of the density at `y`.
    fn ln_density(&self, y: f64) -> f64 {
        match *self {
            Tail::Beta { a, b, ln_norm } => (a - 1.0) * y.ln() + (b - 1.0) * (-y).ln_1p() + ln_norm,
            Tail::Gamma { k, ln_norm, .. } => (k - 1.0) * y.ln() - y + ln_norm,
        }
    }

    /// The first two derivatives of the density's logarithm in `y`.
    fn ln_density_slopes(&self, y: f64) -> (f64, f64) {
        match *self {
            Tail::Beta { a, b, .. } => {
                let (p, q) = (1.0 / y, 1.0 / (1.0 - y));
                (
                    (a - 1.0) * p - (b - 1.0) * q,
                    -(a - 1.0) * p * p - (b - 1.0) * q * q,
                )
            }
            Tail::Gamma { k, .. } => ((k - 1.0) / y - 1.0, -(k - 1.0) / (y * y)),
        }
    }

    /// +1 where the tail probability grows with `y`, -1 where it falls (gamma's upper tail).
    fn sign(&self) -> f64 {
        match self {
            Tail::Gamma { upper: true, .. } => -1.0,
            _ => 1.0,
        }
    }

    /// `y` at tail probability `w`, and its first three derivatives in `w`: with `f` the
    /// density and `L = ln f`, `±1 / f`, `-L' / f²` and `±(2 L'² - L'') / f³`.
    fn knot(&self, w: f64, y: f64) -> Knot {
        let inv = (-self.ln_density(y)).exp();
        let (l1, l2) = self.ln_density_slopes(y);
        let s = self.sign();
        Knot {
            p: 0.0,
            w,
            y,
            d1: s * inv,
            d2: -l1 * inv * inv,
            d3: s * (2.0 * l1 * l1 - l2) * inv * inv * inv,
        }
    }

    /// The `y` with tail probability `w`, within `[lo, hi]` (which holds it), from `guess`:
    /// Newton's method on the tail probability, bisecting where a step would leave the
    /// bracket, which shrinks each step. It stops when the error a Newton step leaves (of the
    /// order of the step squared) is below a quarter of the last place of `y`, or the bracket
    /// is a few units in the last place wide.
    fn solve(&self, w: f64, mut lo: f64, mut hi: f64, guess: f64) -> f64 {
        let s = self.sign();
        let mut y = if guess.is_finite() {
            guess.clamp(lo, hi)
        } else {
            0.5 * (lo + hi)
        };
        for _ in 0..300 {
            // Increasing in y, with derivative f(y).
            let e = s * (self.prob(y) - w);
            if e == 0.0 {
                return y;
            }
            if e < 0.0 {
                lo = y;
            } else {
                hi = y;
            }
            let newton = y - e * (-self.ln_density(y)).exp();
            // The error left after a Newton step of `d` is about |f' / 2f| d², f the density.
            let d = (newton - y).abs();
            if d <= 1e-6 * y.abs()
                && 0.5 * self.ln_density_slopes(y).0.abs() * d * d <= 0.25 * f64::EPSILON * y.abs()
            {
                return newton.clamp(lo, hi);
            }
            y = if newton > lo && newton < hi {
                newton
            } else {
                0.5 * (lo + hi)
            };
            if hi - lo <= 4.0 * f64::EPSILON * hi.abs() {
                return y;
            }
        }
        y
    }
}

/// `y` and its first three derivatives in `w` at one end of a cell, at position `p` in its
/// octave.
#[derive(Clone, Copy, Debug)]
struct Knot {
    p: f64,
    w: f64,
    y: f64,
    d1: f64,
    d2: f64,
    d3: f64,
}

impl Knot {
    fn finite(&self) -> bool {
        self.y > 0.0
            && [self.y, self.d1, self.d2, self.d3]
                .iter()
                .all(|v| v.is_finite())
    }
}

/// How an octave `[base, 2 base)` of `w` is cut into cells and interpolated.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Grid {
    /// Equal cells in `w`, interpolating `y`: position `p = w / base - 1`.
    Linear,
    /// Equal cells in `ln w`, interpolating `ln y`: position `p = log2(w / base)`.
    Log,
}

impl Grid {
    /// The `w` at position `p` of the octave from `base`.
    fn w(self, base: f64, p: f64) -> f64 {
        match self {
            Grid::Linear => base * (1.0 + p),
            Grid::Log => base * p.exp2(),
        }
    }

    /// The value interpolated and its first three derivatives in the grid's variable (`w`,
    /// or `ln w`).
    fn values(self, k: &Knot) -> [f64; 4] {
        match self {
            Grid::Linear => [k.y, k.d1, k.d2, k.d3],
            Grid::Log => log_values(k),
        }
    }

    /// The cell from knot `a` to knot `b` of the octave from `base`.
    fn cell(self, base: f64, a: &Knot, b: &Knot) -> Cell {
        let h = match self {
            Grid::Linear => base * (b.p - a.p),
            Grid::Log => std::f64::consts::LN_2 * (b.p - a.p),
        };
        hermite(self.values(a), self.values(b), h)
    }

    /// `y` from the polynomial's value.
    #[inline(always)]
    fn y(self, v: f64) -> f64 {
        match self {
            Grid::Linear => v,
            Grid::Log => v.exp(),
        }
    }
}

/// `Y = ln y` as a function of `s = ln w` at a knot, and its first three derivatives: with
/// `q = w y' / y` and `r = w² y'' / y`, `Y' = q`, `Y'' = q + r - q²` and
/// `Y''' = Y'' + 2 r + w³ y''' / y - r q - 2 q Y''`.
fn log_values(k: &Knot) -> [f64; 4] {
    let q = k.w * k.d1 / k.y;
    let r = k.w * k.w * k.d2 / k.y;
    let y2 = q + r - q * q;
    let y3 = y2 + 2.0 * r + k.w * k.w * k.w * k.d3 / k.y - r * q - 2.0 * q * y2;
    [k.y.ln(), q, y2, y3]
}

/// One cell's polynomial in its local coordinate `τ` in [0, 1], by its coefficients from
/// `τ^0` up: one cache line.
#[derive(Clone, Copy, Debug)]
#[repr(align(64))]
struct Cell([f64; 8]);

impl Cell {
    /// The polynomial at `τ`, by Estrin's scheme (fewer dependent steps than Horner's).
    #[inline(always)]
    fn at(&self, t: f64) -> f64 {
        let c = &self.0;
        let t2 = t * t;
        let t4 = t2 * t2;
        (c[0] + c[1] * t)
            + t2 * (c[2] + c[3] * t)
            + t4 * ((c[4] + c[5] * t) + t2 * (c[6] + c[7] * t))
    }
}

/// The Hermite polynomial of degree 7 on a cell of width `h`, with value and first three
/// derivatives `a` at its start and `b` at its end.
fn hermite(a: [f64; 4], b: [f64; 4], h: f64) -> Cell {
    let (h2, h3) = (h * h, h * h * h);
    let (c0, c1, c2, c3) = (a[0], h * a[1], 0.5 * h2 * a[2], h3 * a[3] / 6.0);
    // What the cubic from the start leaves of the end's value and derivatives.
    let v = b[0] - (c0 + c1 + c2 + c3);
    let d = h * b[1] - (c1 + 2.0 * c2 + 3.0 * c3);
    let s = h2 * b[2] - (2.0 * c2 + 6.0 * c3);
    let t = h3 * b[3] - 6.0 * c3;
    Cell([
        c0,
        c1,
        c2,
        c3,
        35.0 * v - 15.0 * d + 2.5 * s - t / 6.0,
        -84.0 * v + 39.0 * d - 7.0 * s + 0.5 * t,
        70.0 * v - 34.0 * d + 6.5 * s - 0.5 * t,
        -20.0 * v + 10.0 * d - 2.0 * s + t / 6.0,
    ])
}

/// One octave's cells: `2^level` of them from `cells[first]`, or [`EXACT`].
#[derive(Clone, Copy, Debug)]
struct Octave {
    first: u32,
    level: u32,
}

/// One side of the median: its value is `origin + scale * y`.
#[derive(Clone, Debug)]
struct Side {
    origin: f64,
    scale: f64,
    /// The octaves tabulated (`BELOW` or `ABOVE`); the rest of `octaves` is [`EXACT`].
    n: usize,
    octaves: [Octave; BELOW],
    tail: Tail,
    /// `y` at `w = 2^-(k+1)`, `k = 0..=n`: the octaves' ends (`ends[0]` the median).
    ends: Vec<f64>,
}

impl Side {
    /// The side whose `y` has tail probability `tail` and whose value is `origin + scale * y`,
    /// tabulated over `n` octaves into `cells`.
    fn new((tail, origin, scale): (Tail, f64, f64), n: usize, cells: &mut Vec<Cell>) -> Side {
        // The octaves' ends, outward from the median, each bracketed by the one before and
        // the end of the support (for gamma's upper side, found by doubling).
        let mut knots: Vec<Knot> = Vec::with_capacity(n + 1);
        for k in 0..=n {
            let w = 0.5f64.powi(k as i32 + 1);
            let y = match (knots.last(), tail) {
                (None, Tail::Beta { .. }) => tail.solve(w, 0.0, 1.0, 0.5),
                (None, Tail::Gamma { k: shape, .. }) => {
                    let mut hi = shape + 1.0;
                    while tail.sign() * (tail.prob(hi) - 0.5) < 0.0 {
                        hi *= 2.0;
                    }
                    tail.solve(w, 0.0, hi, shape)
                }
                (Some(prev), _) => {
                    // Taylor's guess in ln y against ln w, from the end before (half its tail
                    // probability away): exact for a power law.
                    let [ly, d1, d2, d3] = log_values(prev);
                    let ds = -std::f64::consts::LN_2;
                    let guess = (ly + ds * (d1 + ds * (d2 / 2.0 + ds * d3 / 6.0))).exp();
                    if tail.sign() > 0.0 {
                        tail.solve(w, 0.0, prev.y, guess)
                    } else {
                        let hi = upper_bracket(&tail, w, prev.y, guess);
                        tail.solve(w, prev.y, hi, guess)
                    }
                }
            };
            knots.push(tail.knot(w, y));
        }
        let mut side = Side {
            origin,
            scale,
            n,
            octaves: [Octave {
                first: 0,
                level: EXACT,
            }; BELOW],
            tail,
            ends: knots.iter().map(|k| k.y).collect(),
        };
        for k in 0..n {
            let grid = if k < LINEAR { Grid::Linear } else { Grid::Log };
            let (lo, hi) = (
                Knot {
                    p: 0.0,
                    ..knots[k + 1]
                },
                Knot { p: 1.0, ..knots[k] },
            );
            if let Some(cut) = side.cut(grid, lo, hi) {
                side.octaves[k] = Octave {
                    first: cells.len() as u32,
                    level: cut.len().trailing_zeros(),
                };
                cells.extend(cut);
            }
        }
        side
    }

    /// The cells of the octave from knot `lo` to knot `hi` (`lo.w = hi.w / 2`) on `grid`:
    /// halved until every cell's midpoint is within [`TOLERANCE`]; `None` if 2^[`MAX_LEVEL`]
    /// cells do not reach it, or a density under- or overflows.
    fn cut(&self, grid: Grid, lo: Knot, hi: Knot) -> Option<Vec<Cell>> {
        let mut knots = vec![lo, hi];
        for _ in 0..=MAX_LEVEL {
            if !knots.iter().all(Knot::finite) {
                return None;
            }
            let cells: Vec<Cell> = (knots.windows(2))
                .map(|p| grid.cell(lo.w, &p[0], &p[1]))
                .collect();
            let mut finer = Vec::with_capacity(2 * knots.len() - 1);
            let mut worst: f64 = 0.0;
            for (pair, c) in knots.windows(2).zip(&cells) {
                let (a, b) = (pair[0], pair[1]);
                let p = 0.5 * (a.p + b.p);
                let w = grid.w(lo.w, p);
                let guess = grid.y(c.at(0.5));
                let y = self.tail.solve(w, a.y.min(b.y), a.y.max(b.y), guess);
                worst = worst.max((guess - y).abs() / y);
                finer.push(a);
                finer.push(Knot {
                    p,
                    ..self.tail.knot(w, y)
                });
            }
            if worst <= TOLERANCE {
                return Some(cells);
            }
            if cells.len() == 1 << MAX_LEVEL {
                break;
            }
            finer.push(hi);
            knots = finer;
        }
        None
    }

    /// The tabulated `y` at tail probability `w` in (0, 0.5].
    #[inline(always)]
    fn distance(&self, w: f64, cells: &[Cell]) -> f64 {
        let k = octave_of(w);
        if let Some(&Octave { first, level }) = self.octaves.get(k)
            && level != EXACT
        {
            let mantissa = w.to_bits() & MANTISSA;
            if k < LINEAR {
                // The cell from the mantissa's leading bits, the position in it from the
                // rest: exactly `2^level (w / base - 1)`, split.
                let cell = first as usize + (mantissa >> (52 - level)) as usize;
                let t = f64::from_bits(((mantissa << level) & MANTISSA) | 1f64.to_bits()) - 1.0;
                return cells[cell].at(t);
            }
            return self.far(cells, first, level, mantissa);
        }
        self.solve_at(w, k)
    }

    /// The tabulated `y` in an octave cut into cells equal in `ln w`.
    #[inline(never)]
    fn far(&self, cells: &[Cell], first: u32, level: u32, mantissa: u64) -> f64 {
        let t = f64::from_bits(mantissa | 1f64.to_bits()) - 1.0;
        let m = f64::from(1u32 << level);
        let p = t.ln_1p() * std::f64::consts::LOG2_E * m;
        let cell = (p as usize).min((1 << level) - 1);
        Grid::Log.y(cells[first as usize + cell].at(p - cell as f64))
    }

    /// `y` at `w` by Newton's method, bracketed by the ends of its octave `k` (beyond the
    /// table: by the last end and the end of the support).
    #[cold]
    fn solve_at(&self, w: f64, k: usize) -> f64 {
        if w >= 0.5 {
            return self.ends[0];
        }
        let (near, far) = if k < self.n {
            (self.ends[k], Some(self.ends[k + 1]))
        } else {
            (self.ends[self.n], None)
        };
        if self.tail.sign() > 0.0 {
            let far = far.unwrap_or(0.0);
            self.tail.solve(w, far, near, 0.5 * (far + near))
        } else {
            let far = far.unwrap_or_else(|| upper_bracket(&self.tail, w, near, 2.0 * near));
            self.tail.solve(w, near, far, 0.5 * (far + near))
        }
    }
}

/// A `y` where gamma's upper tail probability is at most `w`: a little above `guess` if it
/// is, else doubled from `from` (where the probability is above `w`) until it is.
fn upper_bracket(tail: &Tail, w: f64, from: f64, guess: f64) -> f64 {
    let guess = 1.01 * guess;
    if guess > from && tail.prob(guess) <= w {
        return guess;
    }
    let mut hi = 2.0 * from + 1.0;
    while tail.prob(hi) > w && hi.is_finite() {
        hi *= 2.0;
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sampler::Stream;

    /// Beta, gamma and PERT of every kind of shape: small and large, below and above 1, the
    /// shipped scenarios' among them.
    fn forms() -> Vec<Dist> {
        vec![
            Dist::beta_moments(0.8, 0.02).unwrap(),
            Dist::beta_moments(0.24, 0.07).unwrap(),
            Dist::beta_moments(0.75, 0.05).unwrap(),
            Dist::beta(0.5, 0.5).unwrap(),
            Dist::beta(0.3, 4.0).unwrap(),
            Dist::beta(2.0, 0.7).unwrap(),
            Dist::beta(1.0, 1.0).unwrap(),
            Dist::beta(2000.0, 3000.0).unwrap(),
            Dist::pert(6.0, 8.0, 10.0).unwrap(),
            Dist::pert(0.65, 0.77, 0.85).unwrap(),
            Dist::pert(25000.0, 33000.0, 45000.0).unwrap(),
            Dist::pert(4165.0, 6500.0, 8519.0).unwrap(),
            Dist::pert(0.0, 0.0, 1.0).unwrap(),
            Dist::pert(-1.0, 1.0, 1.0).unwrap(),
            Dist::pert(-2.0, 0.1, 3.0).unwrap(),
            Dist::gamma_moments(3.0, 2.5).unwrap(),
            Dist::gamma_moments(60.0, 50.0).unwrap(),
            Dist::gamma(0.4, 2.0).unwrap(),
            Dist::gamma(0.15, 1.0).unwrap(),
            Dist::gamma(1.0, 1.0).unwrap(),
            Dist::gamma(40.0, 0.1).unwrap(),
            Dist::gamma(900.0, 1.0).unwrap(),
        ]
    }

    /// Probabilities across (0, 1): uniform, and log-uniform into both tails as far as Latin
    /// hypercube sampling reaches.
    fn probabilities(n: u64) -> impl Iterator<Item = f64> {
        (0..n).map(|i| {
            let mut s = Stream::new(5, i, 77, 0);
            let v = s.uniform();
            match i % 3 {
                0 => v,
                1 => (-62.0 * std::f64::consts::LN_2 * v).exp(),
                _ => 1.0 - (-53.0 * std::f64::consts::LN_2 * v).exp(),
            }
        })
    }

    /// Probabilities each test checks per distribution (fewer in a debug build).
    const CHECKS: u64 = if cfg!(debug_assertions) {
        3_000
    } else {
        60_000
    };

    /// The relative error of each side's tabulated distance `y` against its exact inversion,
    /// over many probabilities into both tails; and of the value, within its last place.
    #[test]
    fn the_tables_match_the_exact_quantile_within_the_tolerance() {
        for d in forms() {
            let t = QuantileTable::new(&d).unwrap();
            let mut worst: f64 = 0.0;
            for u in probabilities(CHECKS) {
                let side = &t.sides[usize::from(u >= 0.5)];
                let w = u.min(1.0 - u);
                let (y, exact) = (side.distance(w, &t.cells), side.solve_at(w, octave_of(w)));
                let err = (y - exact).abs() / exact;
                assert!(err <= TOLERANCE, "{d} at {u}: y {y} vs {exact} ({err:.1e})");
                worst = worst.max(err);
                let (x, x_exact) = (t.quantile(u), t.exact(u));
                let allowed = TOLERANCE * (side.scale * exact).abs() + 2.0 * f64::EPSILON * x.abs();
                assert!(
                    (x - x_exact).abs() <= allowed,
                    "{d} at {u}: {x} vs {x_exact}"
                );
            }
            let (cells, exact) = t.size();
            assert_eq!(exact, 0, "{d}: octaves left to the exact inversion");
            eprintln!("{d}: worst relative error {worst:.2e}, {cells} cells");
        }
    }

    /// The exact inversion the tables are built from agrees with the distribution's own
    /// quantile (which inverts the CDF rather than the tail probability on each side) where
    /// the CDF is precise.
    #[test]
    fn the_exact_inversion_is_the_distributions_quantile() {
        let n = CHECKS / 60;
        for d in forms() {
            let t = QuantileTable::new(&d).unwrap();
            let lo = d.support().0;
            for i in 1..n {
                let u = i as f64 / n as f64;
                let (a, b) = (t.exact(u), d.quantile(u));
                let scale = (b - lo).max(b.abs());
                assert!((a - b).abs() <= 1e-11 * scale, "{d} at {u}: {a} vs {b}");
            }
        }
    }

    /// The interpolant increases with u, across cells and octaves.
    #[test]
    fn the_tabulated_quantiles_increase() {
        for d in forms() {
            let t = QuantileTable::new(&d).unwrap();
            let mut us: Vec<f64> = probabilities(CHECKS).collect();
            us.sort_by(f64::total_cmp);
            let xs: Vec<f64> = us.iter().map(|&u| t.quantile(u)).collect();
            assert!(xs.windows(2).all(|p| p[0] <= p[1]), "{d}");
        }
    }
}

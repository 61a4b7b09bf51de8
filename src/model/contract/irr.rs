//! The investor's IRR: every root of its yearly flows, and the one a spreadsheet's `IRR` gives
//! (`docs/model.md`, "Contracts").

/// The internal rate of return of yearly flows, as a spreadsheet's `IRR` on yearly values: the
/// rate `r > -1` with `sum x[t] / (1 + r)^(t - t0) = 0`, `t0` the first year with a flow.
/// `None` when the flows do not change sign (no rate exists). With several roots, the one
/// nearest 10% (the spreadsheet's default guess) is returned.
///
/// ```
/// use somsim::model::contract::irr;
/// let r = irr(&[-1_000_000.0, 1_070_000.0]).unwrap();
/// assert!((r - 0.07).abs() < 1e-12);
/// ```
pub fn irr(flows: &[f64]) -> Option<f64> {
    let first = flows.iter().position(|x| *x != 0.0)?;
    // Trailing zeros add nothing to the present value: leave them out of every evaluation.
    let last = flows.iter().rposition(|x| *x != 0.0)?;
    let x = &flows[first..=last];
    let (pos, neg) = (x.iter().any(|v| *v > 0.0), x.iter().any(|v| *v < 0.0));
    if !(pos && neg && x.iter().all(|v| v.is_finite())) {
        return None;
    }
    // In v = 1 / (1 + r) in (0, inf) the present value is the polynomial sum x[k] v^k.
    let f = |v: f64| x.iter().rev().fold(0.0, |acc, c| acc * v + c);
    let v0 = 1.0 / 1.1;
    let f0 = f(v0);
    if f0 == 0.0 {
        return Some(0.1);
    }
    let changes = x
        .iter()
        .filter(|v| **v != 0.0)
        .zip(x.iter().filter(|v| **v != 0.0).skip(1))
        .filter(|(a, b)| a.signum() != b.signum())
        .count();
    if changes == 1 {
        // One change of sign (an investment, then returns): by Descartes' rule of signs there
        // is exactly one root in (0, inf), and f(0) = x[0]. It lies below the guess when f
        // changes sign there, otherwise above it: double until the sign changes.
        let bracket = if f0.signum() != x[0].signum() {
            (0.0, v0, x[0], f0)
        } else {
            let (mut lo, mut f_lo) = (v0, f0);
            loop {
                let hi = 2.0 * lo;
                let f_hi = f(hi);
                if !f_hi.is_finite() {
                    return None;
                }
                if f_hi == 0.0 || f_hi.signum() != f_lo.signum() {
                    break (lo, hi, f_lo, f_hi);
                }
                (lo, f_lo) = (hi, f_hi);
            }
        };
        let (a, b, f_a, f_b) = bracket;
        return Some(1.0 / newton_in_bracket(x, a, b, f_a, f_b) - 1.0);
    }
    // Several changes of sign: every root in (0, inf), and the one nearest the guess.
    nearest_root(&every_root(x), 0.1).map(|(r, _)| r)
}

/// The IRR of `flows` as [`irr`] gives it, and how many IRRs the flows have: 0 (none; `irr` is
/// `None`), 1, or more (the flows change sign more than once and several rates make their
/// present value zero; `irr` is then the one nearest 10%, and the trial is flagged).
pub fn irr_roots(flows: &[f64]) -> (Option<f64>, usize) {
    let rate = irr(flows);
    let (Some(first), Some(last)) = (
        flows.iter().position(|x| *x != 0.0),
        flows.iter().rposition(|x| *x != 0.0),
    ) else {
        return (None, 0);
    };
    let x = &flows[first..=last];
    let nonzero: Vec<f64> = x.iter().copied().filter(|v| *v != 0.0).collect();
    let changes = nonzero
        .windows(2)
        .filter(|w| w[0].signum() != w[1].signum())
        .count();
    match (rate, changes) {
        (None, _) => (None, 0),
        (Some(_), 0 | 1) => (rate, 1),
        (Some(_), _) => (rate, every_root(x).len().max(1)),
    }
}

/// Every IRR of the flows `x` (first and last non-zero): the roots `v` in (0, inf) of
/// `f(v) = sum x[k] v^k`, as rates `1/v - 1`, in increasing `v`.
fn every_root(x: &[f64]) -> Vec<f64> {
    // Cauchy's bound: every root has |v| < 1 + max |x[k] / x[n]|.
    let n = x.len() - 1;
    let bound = 1.0 + x[..n].iter().map(|c| (c / x[n]).abs()).fold(0.0, f64::max);
    roots_between(x, 0.0, bound)
        .into_iter()
        .filter(|v| *v > 0.0)
        .map(|v| 1.0 / v - 1.0)
        .collect()
}

/// The real roots of `sum c[k] v^k` in `(a, b)`, increasing: between consecutive roots of its
/// derivative the polynomial is monotone and holds at most one root, found in its bracket.
fn roots_between(c: &[f64], a: f64, b: f64) -> Vec<f64> {
    let n = match c.iter().rposition(|x| *x != 0.0) {
        Some(n) => n,
        None => return Vec::new(),
    };
    let c = &c[..=n];
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        let v = -c[0] / c[1];
        return if v > a && v < b { vec![v] } else { Vec::new() };
    }
    let derivative: Vec<f64> = (1..=n).map(|k| k as f64 * c[k]).collect();
    let f = |v: f64| c.iter().rev().fold(0.0, |acc, k| acc * v + k);
    let mut points = vec![a];
    points.extend(roots_between(&derivative, a, b));
    points.push(b);
    let mut roots = Vec::new();
    for w in points.windows(2) {
        let (p, q) = (w[0], w[1]);
        let (fp, fq) = (f(p), f(q));
        if fp == 0.0 && p > a {
            roots.push(p);
        } else if fp.signum() != fq.signum() && fq != 0.0 && fp.is_finite() && fq.is_finite() {
            roots.push(newton_in_bracket(c, p, q, fp, fq));
        }
    }
    roots
}

/// The rate in `roots` nearest `guess`, and how many there are.
fn nearest_root(roots: &[f64], guess: f64) -> Option<(f64, usize)> {
    let best = roots
        .iter()
        .copied()
        .min_by(|a, b| (a - guess).abs().total_cmp(&(b - guess).abs()))?;
    Some((best, roots.len()))
}

/// The root of `f(v) = sum x[k] v^k` in `[a, b]`, where `f(a) = f_a` and `f(b) = f_b` differ
/// in sign: Newton's method from the false-position point, falling back to a bisection
/// whenever a step would leave the bracket or not halve the step before (as Numerical Recipes'
/// `rtsafe`), until a step is within a few units in the last place of `f64`. A handful of
/// steps where a pure bisection takes fifty.
fn newton_in_bracket(x: &[f64], mut a: f64, mut b: f64, f_a: f64, f_b: f64) -> f64 {
    // f and f' by Horner's rule in one pass.
    let eval = |v: f64| {
        x.iter()
            .rev()
            .fold((0.0, 0.0), |(f, d), c| (f * v + c, d * v + f))
    };
    let sign_a = f_a.signum();
    let mut v = (a - f_a * (b - a) / (f_b - f_a)).clamp(a, b);
    let mut step_before = b - a;
    for _ in 0..200 {
        let (f, d) = eval(v);
        if f == 0.0 {
            return v;
        }
        if f.signum() == sign_a {
            a = v;
        } else {
            b = v;
        }
        let newton = v - f / d;
        let inside = newton > a && newton < b;
        // Converged: the next step is within a few units in the last place.
        if inside && (f / d).abs() <= 4.0 * f64::EPSILON * v {
            return newton;
        }
        let next = if inside && (f / d).abs() <= 0.5 * step_before.abs() {
            newton
        } else {
            0.5 * (a + b)
        };
        if next <= a || next >= b {
            return v;
        }
        step_before = next - v;
        v = next;
    }
    v
}

/// The investor's IRR: `-1` (-100%) when it invested and received nothing, otherwise
/// [`irr`] of its yearly net flows (`None` when undefined).
pub fn investor_irr(invested: f64, received: f64, flows: &[f64]) -> Option<f64> {
    investor_irr_roots(invested, received, flows).0
}

/// [`investor_irr`], and how many IRRs the flows have ([`irr_roots`]; 1 for -100%).
pub fn investor_irr_roots(invested: f64, received: f64, flows: &[f64]) -> (Option<f64>, usize) {
    if invested > 0.0 && received == 0.0 {
        (Some(-1.0), 1)
    } else {
        irr_roots(flows)
    }
}

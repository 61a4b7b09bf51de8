//! Cost-effectiveness of the non-monetary outcomes under uncertainty (`docs/model.md`,
//! "Cost-effectiveness"): per trial the discounted units `dE` and a perspective's present-value
//! net cost `dC = −NPV`; over the trials the ICER, the distribution of the cost per unit, the
//! incremental net benefit `IB(λ) = λ·dE − dC` at each price per unit `λ`, the
//! cost-effectiveness acceptability curve `CEAC(λ) = P(IB(λ) > 0)`, the threshold price `λ*`
//! where `E[IB] = 0`, and the value of information EVPI(λ) and EVPPI(λ), the latter by the
//! regression of [`crate::stats::regression`] (Strong, Oakley & Brennan 2014). With a comparator, the same on paired differences.

use rust_decimal::Decimal;

use crate::decimal::to_f64;
use crate::decimal::typed::{self, Meaning};
use crate::lang::{Message, Num, msg};
use crate::montecarlo::{Outputs, par_columns};
use crate::stats::regression::{self, Basis};
use crate::stats::{self, Distribution};

/// Prices per unit `λ`: the text of `--lambda`, `START:STOP:STEP` (both ends included when the
/// steps reach them), a list `V1,V2,...` in increasing order, or one price. Each is read as
/// kroner typed by a person ([`crate::decimal::typed`]): `200.000` is refused with 200000.
pub fn parse_lambda(text: &str) -> Result<Vec<f64>, Message> {
    let number = |s: &str, what: &str| -> Result<Decimal, Message> {
        let x = typed::read(s, Meaning::Kroner)
            .map_err(|e| msg!("`{text}`: {what}{e}", "`{text}`: {what}{e}", e = e))?;
        if x.is_sign_negative() && !x.is_zero() {
            return Err(msg!(
                "`{text}`: {what}{x} is below 0; a price per unit is 0 or more",
                "`{text}`: {what}{x} er under 0; en pris pr. enhed er 0 eller mere"
            ));
        }
        if x > Decimal::from(1_000_000_000_000_000i64) {
            return Err(msg!(
                "`{text}`: {what}{x} is above 10^15 kroner per unit",
                "`{text}`: {what}{x} er over 10^15 kroner pr. enhed"
            ));
        }
        Ok(x)
    };
    let parts: Vec<&str> = text.split(':').collect();
    if let [start, stop, step] = parts[..] {
        // Exact decimals, as a sweep's grid: `0:1:0.1` gives 0.3, not 0.30000000000000004.
        let (start, stop, step) = (
            number(start, "START ")?,
            number(stop, "STOP ")?,
            number(step, "STEP ")?,
        );
        if stop < start {
            return Err(msg!(
                "`{text}`: STOP must not be below START",
                "`{text}`: STOP må ikke være under START"
            ));
        }
        if step <= Decimal::ZERO {
            return Err(msg!(
                "`{text}`: STEP must be above 0",
                "`{text}`: STEP skal være over 0"
            ));
        }
        let steps = ((stop - start).checked_div(step))
            .map(|n| n.floor())
            .filter(|n| *n < Decimal::from(MAX_LAMBDAS))
            .ok_or_else(|| {
                msg!(
                    "`{text}`: more than {most} prices (take a larger STEP)",
                    "`{text}`: mere end {most} priser (tag et større STEP)",
                    most = Num(MAX_LAMBDAS),
                )
            })?;
        let count = to_f64(steps) as usize + 1;
        return Ok((0..count)
            .map(|k| to_f64(start + step * Decimal::from(k)))
            .collect());
    }
    if parts.len() != 1 {
        return Err(msg!(
            "`{text}`: expected START:STOP:STEP, a list V1,V2,... or one price, in kroner per unit, e.g. 0:200000:10000",
            "`{text}`: forventede START:STOP:STEP, en liste V1,V2,... eller én pris, i kroner pr. enhed, fx 0:200000:10000"
        ));
    }
    if let Some(m) = typed::ambiguous_list(text) {
        return Err(m);
    }
    let items: Vec<&str> = text.split(',').collect();
    if items.len() > MAX_LAMBDAS {
        return Err(msg!(
            "`{text}`: more than {most} prices",
            "`{text}`: mere end {most} priser",
            most = Num(MAX_LAMBDAS),
        ));
    }
    let mut out: Vec<Decimal> = Vec::with_capacity(items.len());
    for item in &items {
        let x = number(item, "")?;
        if out.last().is_some_and(|prev| *prev >= x) {
            return Err(msg!(
                "`{text}`: list the prices in increasing order, each once (a list with a comma is several prices: write 25000, not 25,000)",
                "`{text}`: skriv priserne i stigende orden, hver én gang (en liste med komma er flere priser: skriv 25000, ikke 25,000)"
            ));
        }
        out.push(x);
    }
    Ok(out.into_iter().map(to_f64).collect())
}

/// The most prices per unit one analysis evaluates.
pub const MAX_LAMBDAS: usize = 1001;

/// A grid of prices when none is given: 0 to about twice the largest finite threshold price,
/// in 20 round steps (1, 2, 2.5 or 5 times a power of ten).
pub fn default_lambda(thresholds: impl Iterator<Item = f64>) -> Vec<f64> {
    let top = thresholds
        .filter(|x| x.is_finite() && *x > 0.0)
        .fold(0.0, f64::max);
    let top = if top > 0.0 { 2.0 * top } else { 100_000.0 };
    let step = stats::round_step(top / 20.0);
    (0..=20).map(|k| k as f64 * step).collect()
}

/// Where the mean result lies on the cost-effectiveness plane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// More units at a net saving: worth it at any price per unit.
    Dominant,
    /// More units at a net cost: worth it above the threshold price.
    CostsMore,
    /// Fewer units at a net cost.
    Dominated,
    /// Fewer units at a net saving.
    SavesWithFewerUnits,
    /// The same units in every trial (two scenarios with the same effect): only the costs
    /// differ, and there is no price per unit to find.
    SameUnits,
}

/// The cost-effectiveness of one non-monetary outcome from one perspective (or of one
/// scenario against a comparator), over the trials.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Mean discounted units `E[dE]`.
    pub mean_effect: f64,
    /// Mean present-value net cost `E[dC]` (kroner; negative: a net saving).
    pub mean_cost: f64,
    /// `E[dC] / E[dE]`, when `E[dE] ≠ 0`.
    pub icer: Option<f64>,
    pub quadrant: Quadrant,
    /// The threshold price `λ*` with `E[IB(λ*)] = 0`: the ICER when the means are more units
    /// at a cost (worth it above `λ*`) or fewer units at a saving (worth it below), 0 when
    /// they are more units at a saving (worth it at any price), none otherwise.
    pub threshold: Option<f64>,
    /// Cost per unit `dC / dE` over the trials with `dE > 0`; none when no trial has one.
    pub cost_per_unit: Option<Distribution>,
    /// Share of trials with `dE > 0`.
    pub prob_effect_positive: f64,
    /// The curve at each price of the grid.
    pub curve: Vec<Point>,
    /// EVPPI(λ) of each input, `[input][λ]`, kroner (empty without inputs): regression-based
    /// ([`crate::stats::regression`]), at most EVPI(λ).
    pub evppi: Vec<Vec<f64>>,
    /// The EVPPI's noise floor at each price (the largest over the inputs of the same
    /// regression on the trials in random orders): an input unrelated to the result gets about
    /// this much; empty without inputs.
    pub evppi_noise_floor: Vec<f64>,
    /// The cost-effectiveness plane, thinned: `(trial, dE, dC)` of at most [`PLANE_POINTS`]
    /// trials evenly spaced over the run ([`plane_trials`]), in trial order.
    pub plane: Vec<(usize, f64, f64)>,
}

/// The most trials the cost-effectiveness plane shows: enough to see the cloud's shape, few
/// enough to keep a report or workbook small.
pub const PLANE_POINTS: usize = 1000;

/// The trials the plane of a run of `n` trials shows: all of them up to [`PLANE_POINTS`], else
/// trial `⌊k·n / PLANE_POINTS⌋` for `k = 0, 1, …` (evenly spaced, the first trial first; the
/// same trials for the same `n`, whatever the seed).
pub fn plane_trials(n: usize) -> impl Iterator<Item = usize> {
    let shown = n.min(PLANE_POINTS);
    (0..shown).map(move |k| {
        if n <= PLANE_POINTS {
            k
        } else {
            k * n / PLANE_POINTS
        }
    })
}

/// The analysis at one price per unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub lambda: f64,
    /// `P(IB(λ) > 0)`: the acceptability curve.
    pub prob: f64,
    /// Monte Carlo standard error of `prob`.
    pub se: f64,
    /// `E[IB(λ)]`, kroner.
    pub mean_net_benefit: f64,
    /// EVPI(λ): the expected value of perfect information for adopting versus not at this
    /// price, kroner (the NPV EVPI with NPV = IB(λ)).
    pub evpi: f64,
}

/// The analysis of `effect` (dE) and `cost` (dC) over the same trials, at each price of
/// `lambda`, with EVPPI over each input's partition of the trials.
pub fn analyse(effect: &[f64], cost: &[f64], lambda: &[f64], inputs: &[Basis]) -> Analysis {
    let n = effect.len().min(cost.len());
    let (effect, cost) = (&effect[..n], &cost[..n]);
    let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len().max(1) as f64;
    let (mean_effect, mean_cost) = (mean(effect), mean(cost));
    let icer = (mean_effect != 0.0).then(|| mean_cost / mean_effect);

    let quadrant = match (mean_effect > 0.0, mean_cost > 0.0) {
        _ if effect.iter().all(|e| *e == 0.0) => Quadrant::SameUnits,
        (true, false) => Quadrant::Dominant,
        (true, true) => Quadrant::CostsMore,
        (false, true) => Quadrant::Dominated,
        (false, false) => Quadrant::SavesWithFewerUnits,
    };
    let threshold = match quadrant {
        Quadrant::Dominant => Some(0.0),
        // Worth it above λ* (more units at a cost) or below it (fewer units at a saving).
        Quadrant::CostsMore | Quadrant::SavesWithFewerUnits => icer,
        Quadrant::Dominated | Quadrant::SameUnits => None,
    };
    let mut ratios: Vec<f64> = (effect.iter().zip(cost))
        .filter(|(e, _)| **e > 0.0)
        .map(|(e, c)| c / e)
        .collect();
    let prob_effect_positive = ratios.len() as f64 / n.max(1) as f64;
    let cost_per_unit = (!ratios.is_empty()).then(|| stats::distribution(&mut ratios));
    // One pass over the trials for every price: per price the count of IB > 0, the sum of IB
    // and the sum of max(IB, 0), each in trial order (so bit for bit what the statistics of
    // the IB column would give).
    let k = lambda.len();
    let (mut positive, mut sum, mut gain) = (vec![0u64; k], vec![0.0; k], vec![0.0; k]);
    for (e, c) in effect.iter().zip(cost) {
        for (((l, p), s), g) in lambda
            .iter()
            .zip(&mut positive)
            .zip(&mut sum)
            .zip(&mut gain)
        {
            let ib = l * e - c;
            *p += u64::from(ib > 0.0);
            *s += ib;
            *g += ib.max(0.0);
        }
    }
    let trials = n as f64;
    let curve: Vec<Point> = (0..k)
        .map(|i| {
            let prob = positive[i] as f64 / trials;
            let mean = sum[i] / trials;
            Point {
                lambda: lambda[i],
                prob,
                se: (prob * (1.0 - prob) / trials).sqrt(),
                mean_net_benefit: mean,
                evpi: (gain[i] / trials - mean.max(0.0)).max(0.0),
            }
        })
        .collect();
    // EVPPI by regression (`crate::stats::regression`): the fitted IB is λ times the fitted
    // effect less the fitted cost, so each input is fitted once, whatever the number of prices;
    // its floor comes from the same fits on the trials in random orders.
    let orders = if inputs.is_empty() {
        Vec::new()
    } else {
        regression::shuffles(n, regression::NULL_SHUFFLES, 0x00CE_A995)
    };
    let permuted: Vec<(Vec<f64>, Vec<f64>)> = (orders.iter())
        .map(|o| {
            (
                o.iter().map(|&k| effect[k]).collect(),
                o.iter().map(|&k| cost[k]).collect(),
            )
        })
        .collect();
    let mut ys: Vec<&[f64]> = vec![effect, cost];
    for (e, c) in &permuted {
        ys.push(e);
        ys.push(c);
    }
    let evpi: Vec<f64> = curve.iter().map(|p: &Point| p.evpi).collect();
    let mut floor = vec![0.0f64; k];
    let evppi = inputs
        .iter()
        .map(|basis| {
            let fitted = basis.fit(&ys);
            let value = |l: f64, ge: &[f64], gc: &[f64], e: &[f64], c: &[f64]| {
                let ib: Vec<f64> = e.iter().zip(c).map(|(e, c)| l * e - c).collect();
                let g: Vec<f64> = ge.iter().zip(gc).map(|(e, c)| l * e - c).collect();
                regression::decision_value(&ib, &g)
            };
            (lambda.iter().enumerate())
                .map(|(i, &l)| {
                    let v: Vec<f64> = (0..permuted.len())
                        .map(|r| {
                            let (e, c) = &permuted[r];
                            value(l, &fitted[2 + 2 * r], &fitted[3 + 2 * r], e, c)
                        })
                        .collect();
                    if !v.is_empty() {
                        let m = v.iter().sum::<f64>() / v.len() as f64;
                        let sd = (v.iter().map(|x| (x - m).powi(2)).sum::<f64>()
                            / (v.len() as f64 - 1.0).max(1.0))
                        .sqrt();
                        floor[i] = floor[i].max(m + 2.0 * sd);
                    }
                    value(l, &fitted[0], &fitted[1], effect, cost).min(evpi[i])
                })
                .collect()
        })
        .collect();
    let evppi_noise_floor = if inputs.is_empty() { Vec::new() } else { floor };
    let plane = plane_trials(n).map(|t| (t, effect[t], cost[t])).collect();
    Analysis {
        mean_effect,
        mean_cost,
        icer,
        quadrant,
        threshold,
        cost_per_unit,
        prob_effect_positive,
        curve,
        evppi,
        evppi_noise_floor,
        plane,
    }
}

/// Every non-monetary outcome of a run from every perspective, `[outcome][perspective]`, at
/// the prices `lambda` (or [`default_lambda`] around the thresholds when none are given), with
/// EVPPI over each input's column of draws (`inputs[input][trial]`, may be empty). Returns the
/// prices used. Each analysis is computed on its own, in trial order, so the result does not
/// depend on the thread count.
pub fn of_run(
    out: &Outputs,
    lambda: Option<&[f64]>,
    inputs: &[Vec<f64>],
) -> (Vec<f64>, Vec<Vec<Analysis>>) {
    let effects: Vec<Vec<f64>> = (0..out.gains).map(|n| out.effects_of(n)).collect();
    let costs: Vec<Vec<f64>> = (0..out.perspectives)
        .map(|j| out.npv_of(j).into_iter().map(|x| -x).collect())
        .collect();
    let bases: Vec<Basis> = par_columns(inputs.len(), |i| Basis::new(&[&inputs[i]]));
    every(&effects, &costs, lambda, &bases)
}

/// Scenario `b` against the comparator `a`, run on the same trials (common random numbers):
/// the analysis of the paired differences `dE_b − dE_a` and `dC_b − dC_a` for each pair of
/// non-monetary outcomes `(a's, b's)` and of perspectives, `[outcome][perspective]`, at
/// `lambda` (or around the thresholds). Returns the prices used.
pub fn of_pair(
    a: &Outputs,
    b: &Outputs,
    outcomes: &[(usize, usize)],
    perspectives: &[(usize, usize)],
    lambda: Option<&[f64]>,
) -> (Vec<f64>, Vec<Vec<Analysis>>) {
    let minus =
        |x: Vec<f64>, y: Vec<f64>| -> Vec<f64> { x.iter().zip(&y).map(|(x, y)| y - x).collect() };
    let effects: Vec<Vec<f64>> = (outcomes.iter())
        .map(|&(i, k)| minus(a.effects_of(i), b.effects_of(k)))
        .collect();
    // dC = −NPV, so the difference of costs is the first's NPV less the other's.
    let costs: Vec<Vec<f64>> = (perspectives.iter())
        .map(|&(i, k)| minus(b.npv_of(k), a.npv_of(i)))
        .collect();
    every(&effects, &costs, lambda, &[])
}

/// Each effect column against each cost column, `[effect][cost]`, in parallel.
fn every(
    effects: &[Vec<f64>],
    costs: &[Vec<f64>],
    lambda: Option<&[f64]>,
    bases: &[Basis],
) -> (Vec<f64>, Vec<Vec<Analysis>>) {
    let lambda = match lambda {
        Some(l) => l.to_vec(),
        None => {
            let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len().max(1) as f64;
            let thresholds: Vec<f64> = (effects.iter())
                .flat_map(|e| costs.iter().map(move |c| mean(c) / mean(e)))
                .collect();
            default_lambda(thresholds.into_iter())
        }
    };
    let np = costs.len();
    let cells = par_columns(effects.len() * np, |c| {
        analyse(&effects[c / np], &costs[c % np], &lambda, bases)
    });
    let by_effect = cells.chunks(np.max(1)).map(<[_]>::to_vec).collect();
    (lambda, by_effect)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plane_shows_at_most_1000_trials_evenly_spaced() {
        assert_eq!(plane_trials(3).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(plane_trials(1000).last(), Some(999));
        let t: Vec<usize> = plane_trials(2500).collect();
        assert_eq!(t.len(), PLANE_POINTS);
        assert_eq!(t[..4], [0, 2, 5, 7]);
        assert_eq!(t[999], 2497);
        assert!(t.windows(2).all(|w| w[0] < w[1]));
        let a = analyse(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0], &[0.0], &[]);
        assert_eq!(a.plane, [(0, 1.0, 10.0), (1, 2.0, 20.0), (2, 3.0, 30.0)]);
    }

    #[test]
    fn lambda_grids() {
        assert_eq!(
            parse_lambda("0:100:25").unwrap(),
            vec![0.0, 25.0, 50.0, 75.0, 100.0]
        );
        assert_eq!(parse_lambda("10:35:10").unwrap(), vec![10.0, 20.0, 30.0]);
        assert_eq!(parse_lambda("5:5:1").unwrap(), vec![5.0]);
        for bad in [
            "0:100",
            "a:1:1",
            "0:10:0",
            "10:0:1",
            "-5:10:1",
            "0:200.000:10",
            "0:1e9:1",
        ] {
            assert!(parse_lambda(bad).is_err(), "{bad}");
        }
        let g = default_lambda([40_000.0, f64::NAN, -3.0].into_iter());
        assert_eq!(g.len(), 21);
        assert_eq!(g[1], 5_000.0);
        assert_eq!(default_lambda(std::iter::empty())[20], 100_000.0);
    }
}

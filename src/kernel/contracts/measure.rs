//! A trial's measurement of what a contract pays for (`docs/model.md`, "Paying on a measured
//! outcome"): an estimate around the expected value, or a register's count, each drawn from
//! its own random stream.

#![allow(clippy::needless_range_loop)]

use super::super::Plan;
use super::compiled::{ContractWs, PContract, PItem, PMeasure, PMetric};
use super::trial::{Trial, convolve};
use crate::model::contract::max0;
use crate::model::measure::Measurement;
use crate::sampler::{Stream, slot_key};

impl Plan {
    /// A measured item's units per year into `cw.measured`, from its true units in
    /// `cw.units`: the people measured each year (a cohort's completers; for use avoided, the
    /// window's former participants still in the target group in the years of the profile),
    /// then the estimate around the expected value, or the register's count.
    pub(super) fn measure_units(
        &self,
        c: &PContract,
        item: &PItem,
        cw: &mut ContractWs,
        trial: &Trial,
        agg: &mut [f64],
    ) {
        let (h, nm) = (self.horizon, self.municipalities);
        let how: &PMeasure = &item.measured;
        let dw = how.deadweight.map_or(0.0, |d| d.at(trial.draws, 0));
        let stream = |t: usize| {
            trial
                .noise
                .map(|tk| Stream::keyed(tk, slot_key(how.key, t as u64 + 1)))
        };
        match item.metric {
            PMetric::Avoided(o) => {
                let po = &self.outcomes[o];
                let keep = 1.0 - po.attrition.at(trial.draws, 0);
                let mut s = 1.0;
                for k in 0..h {
                    cw.survival[k] = if k < po.taps { s } else { 0.0 };
                    s *= keep;
                }
                convolve(&cw.cohort, &cw.survival, &mut cw.people);
                if let Measurement::Register(r) = &how.how {
                    agg.fill(0.0);
                    for m in 0..nm {
                        let b = po.baseline.at(trial.draws, m);
                        let row = &trial.completers[m * h..(m + 1) * h];
                        for t in (0..h).filter(|&t| c.cohorts[t]) {
                            agg[t] += row[t] * b;
                        }
                    }
                    cw.cohort_base.copy_from_slice(agg);
                    convolve(&cw.cohort_base, &cw.survival, &mut cw.without);
                    let sign = if po.avoided_cost { 1.0 } else { -1.0 };
                    for t in 0..h {
                        cw.measured[t] = match (trial.noise, cw.people[t] > 0.0) {
                            (Some(_), true) => {
                                let mut st = stream(t).unwrap_or(Stream::keyed(0, 0));
                                let mean = max0(cw.without[t] - sign * cw.units[t]);
                                let mean = match r.dispersion {
                                    Some(k) => {
                                        let shape = crate::decimal::to_f64(k) * cw.people[t];
                                        mean * st.gamma(shape) / shape
                                    }
                                    None => mean,
                                };
                                sign * (cw.without[t] - st.poisson(mean))
                            }
                            _ => cw.units[t],
                        };
                    }
                    return;
                }
            }
            _ => cw.people.copy_from_slice(&cw.cohort),
        }
        for t in 0..h {
            let mut s = stream(t);
            let people = cw.people[t];
            cw.measured[t] = estimate(&how.how, cw.units[t], dw, people, people, s.as_mut());
        }
    }
}

/// A value `x` as measured among `people`: its expected value under `how` (with the deadweight
/// `dw`), plus `scale` times the estimate's noise per person drawn from `noise` (none without
/// a stream, or without sampling noise). `scale` turns a value per person into `x`'s units: 1
/// for a trigger's input, the people measured for a cohort's units.
#[inline]
pub(super) fn estimate(
    how: &Measurement,
    x: f64,
    dw: f64,
    people: f64,
    scale: f64,
    noise: Option<&mut Stream>,
) -> f64 {
    let expected = how.expected(x, dw).unwrap_or(x);
    match noise {
        Some(s) => {
            let se = scale * how.standard_error(people);
            if se == 0.0 || !se.is_finite() {
                expected
            } else {
                expected + se * s.normal()
            }
        }
        None => expected,
    }
}

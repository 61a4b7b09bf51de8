//! The activity stage: courses, participants, completers and volunteers trained, per
//! municipality and year, and the series totals the cost lines and outcomes read.

use super::*;
use crate::model::formulas;

impl Plan {
    /// Courses, participants, completers and volunteers trained per municipality and year,
    /// and the series totals the trial needs.
    pub(super) fn activity(&self, draws: &[f64], ws: &mut Workspace) {
        let (h, nm) = (self.horizon, self.municipalities);
        ws.totals.fill(0.0);
        for (m, pm) in self.munis.iter().enumerate() {
            let r = m * h..(m + 1) * h;
            let size = pm.size.map_or(1.0, |(pop, adult, rate)| {
                pop * adult.at(draws, m) * rate.at(draws, m)
            });
            let courses = &mut ws.courses[r.clone()];
            pm.courses.fill_times(draws, m, size, courses);
            if let Some((after, probability, key)) = pm.stop {
                // Runs on after `after`: drawn from its own stream in a trial, the probability
                // at the means (as the exact ledger).
                let running = match ws.noise {
                    Some(trial) => {
                        let u = crate::sampler::Stream::keyed(trial, key).uniform();
                        f64::from(u8::from(u >= probability))
                    }
                    None => 1.0 - probability,
                };
                for c in courses.iter_mut().skip(after + 1) {
                    *c *= running;
                }
            }
            let courses = &ws.courses[r.clone()];
            let enrolled = &mut ws.enrolled[r.clone()];
            times(
                &pm.participants,
                draws,
                m,
                courses,
                enrolled,
                &mut ws.scratch,
                |c, p| plain(formulas::enrolled(c, p)),
            );
            let completers = &mut ws.completers[r.clone()];
            times(
                &pm.completion,
                draws,
                m,
                enrolled,
                completers,
                &mut ws.scratch,
                |e, c| plain(formulas::completers(e, c)),
            );
            let volunteers = &mut ws.volunteers[r.clone()];
            match &pm.volunteers {
                Some(v) => v.fill(draws, m, volunteers),
                None => {
                    pm.peers.fill(draws, m, &mut ws.scratch);
                    pm.turnover.fill(draws, m, &mut ws.scratch2);
                    let first = formulas::first_active(courses);
                    for t in 0..h {
                        volunteers[t] = plain(formulas::volunteers_trained(
                            ws.scratch[t],
                            courses[t],
                            ws.scratch2[t],
                            first == Some(t),
                        ));
                    }
                }
            }
            for s in (0..SERIES).filter(|&s| self.series[s]) {
                let row: &[f64] = match s {
                    ACTIVE => {
                        for (o, c) in ws.scratch.iter_mut().zip(&ws.courses[r.clone()]) {
                            *o = f64::from(u8::from(*c > 0.0));
                        }
                        &ws.scratch
                    }
                    COURSES => &ws.courses[r.clone()],
                    ENROLLED => &ws.enrolled[r.clone()],
                    COMPLETERS => &ws.completers[r.clone()],
                    _ => &ws.volunteers[r.clone()],
                };
                ws.pvs[s * nm + m] =
                    add_discounted(row, &self.df, &mut ws.totals[s * h..(s + 1) * h]);
            }
        }
    }
}

impl Plan {
    /// The series totals and discounted series of the activity in factored form (see
    /// [`Factored`]), without the per-municipality rows: a few passes over the
    /// municipalities, each one value per municipality.
    pub(super) fn factored_activity(&self, f: &Factored, draws: &[f64], ws: &mut Workspace) {
        let (h, nm) = (self.horizon, self.municipalities);
        // Per municipality, per unit of its schedule: courses, enrolled, completers, the whole
        // team of volunteers and the yearly intake.
        let courses = &mut ws.courses[..nm];
        courses.copy_from_slice(&f.pop);
        for factor in &f.size {
            factor.scale(draws, courses);
        }
        let courses = &ws.courses[..nm];
        let (enrolled, completers) = (&mut ws.enrolled[..nm], &mut ws.completers_per_x);
        enrolled.copy_from_slice(courses);
        f.participants.scale(draws, enrolled);
        completers.copy_from_slice(enrolled);
        f.completion.scale(draws, completers);
        let (team, yearly) = ws.volunteers[..2 * nm].split_at_mut(nm);
        team.copy_from_slice(courses);
        f.peers.scale(draws, team);
        yearly.copy_from_slice(team);
        f.turnover.scale(draws, yearly);
        // Whether each municipality runs courses (1 or 0, into the row of the present values
        // of the years active, until they are computed), and the first year's whole team where
        // it does (into `team`).
        let (active, pvs) = ws.pvs.split_at_mut(nm);
        for (((a, c), has_first), (t, y)) in active
            .iter_mut()
            .zip(courses.iter())
            .zip(&f.has_first)
            .zip(team.iter_mut().zip(yearly.iter()))
        {
            let on = *c > 0.0 && *has_first;
            *a = f64::from(u8::from(on));
            *t = if on { *t - y } else { 0.0 };
        }
        let (first_team, yearly) = (&*team, &*yearly);
        let (enrolled, completers) = (&ws.enrolled[..nm], &ws.completers_per_x[..]);
        // The sums per schedule, a run of municipalities with the same schedule at a time.
        ws.sums.fill(0.0);
        let mut run = (f.schedule.first().copied().unwrap_or(0), [0.0; F_SUMS]);
        let rows = (courses.iter().zip(enrolled).zip(completers))
            .zip(yearly.iter().zip(first_team).zip(active.iter()))
            .zip(&f.schedule);
        for ((((c, e), k), ((y, t), a)), &g) in rows {
            if g != run.0 {
                add_sums(&mut ws.sums, run.0, run.1);
                run = (g, [0.0; F_SUMS]);
            }
            let acc = &mut run.1;
            acc[F_COURSES] += c;
            acc[F_ENROLLED] += e;
            acc[F_COMPLETERS] += k;
            acc[F_VOLUNTEERS] += y;
            acc[F_FIRST_TEAM] += t;
            acc[F_ACTIVE] += a;
        }
        add_sums(&mut ws.sums, run.0, run.1);
        // Each municipality's discounted series that its own NPV reads: its numbers times its
        // schedule's present values.
        let needed = self.local_pvs;
        if needed[ACTIVE] {
            for (a, pv) in active.iter_mut().zip(&f.active_pv) {
                *a *= pv;
            }
        }
        let mut rows = pvs.chunks_exact_mut(nm);
        let mut next = || rows.next().expect("one row of present values per series");
        let (c_pv, e_pv, k_pv, v_pv) = (next(), next(), next(), next());
        for (s, out, x) in [
            (COURSES, c_pv, courses),
            (ENROLLED, e_pv, enrolled),
            (COMPLETERS, k_pv, completers),
        ] {
            if needed[s] {
                for ((out, x), pv) in out.iter_mut().zip(x).zip(&f.pv) {
                    *out = x * pv;
                }
            }
        }
        if needed[VOLUNTEERS] {
            let volunteers = yearly
                .iter()
                .zip(first_team)
                .zip(f.pv.iter().zip(&f.first_pv));
            for (out, ((y, t), (pv, first_pv))) in v_pv.iter_mut().zip(volunteers) {
                *out = y * pv + t * first_pv;
            }
        }
        ws.totals.fill(0.0);
        for (g, s) in f.schedules.iter().enumerate() {
            let sums = &ws.sums[g * F_SUMS..(g + 1) * F_SUMS];
            let totals = &mut ws.totals;
            for t in 0..h {
                let x = s.x[t];
                totals[ACTIVE * h + t] += sums[F_ACTIVE] * s.active[t];
                totals[COURSES * h + t] += sums[F_COURSES] * x;
                totals[ENROLLED * h + t] += sums[F_ENROLLED] * x;
                totals[COMPLETERS * h + t] += sums[F_COMPLETERS] * x;
                totals[VOLUNTEERS * h + t] += sums[F_VOLUNTEERS] * x;
            }
            if let Some(t) = s.first {
                totals[VOLUNTEERS * h + t] += sums[F_FIRST_TEAM] * s.x[t];
            }
        }
    }
}

/// Add one run of municipalities' sums to schedule `g`'s.
#[inline(always)]
fn add_sums(sums: &mut [f64], g: usize, run: [f64; F_SUMS]) {
    for (s, r) in sums[g * F_SUMS..(g + 1) * F_SUMS].iter_mut().zip(run) {
        *s += r;
    }
}

/// `out[t] = f(input[t], value[t])` for a per-year value (participants per course, completion
/// rate), with the value read once when it is the same every year.
#[inline(always)]
fn times(
    value: &YearValues,
    draws: &[f64],
    m: usize,
    input: &[f64],
    out: &mut [f64],
    scratch: &mut [f64],
    f: impl Fn(f64, f64) -> f64,
) {
    match value.single() {
        Some(v) => {
            let v = v.at(draws, m);
            for (o, x) in out.iter_mut().zip(input) {
                *o = f(*x, v);
            }
        }
        None => {
            value.fill(draws, m, scratch);
            for ((o, x), v) in out.iter_mut().zip(input).zip(scratch.iter()) {
                *o = f(*x, *v);
            }
        }
    }
}

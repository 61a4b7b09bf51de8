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
    /// [`Factored`]), without the per-municipality rows.
    pub(super) fn factored_activity(&self, f: &Factored, draws: &[f64], ws: &mut Workspace) {
        let (h, nm) = (self.horizon, self.municipalities);
        ws.sums.fill(0.0);
        for (m, (fm, pm)) in f.munis.iter().zip(&self.munis).enumerate() {
            let size = pm.size.map_or(1.0, |(pop, adult, rate)| {
                pop * adult.at(draws, m) * rate.at(draws, m)
            });
            let s = &f.schedules[fm.schedule];
            let courses = size * fm.courses.at(draws, m);
            let enrolled = courses * fm.participants.at(draws, m);
            let completers = enrolled * fm.completion.at(draws, m);
            let (peers, turnover) = (fm.peers.at(draws, m), fm.turnover.at(draws, m));
            // Volunteers: every year's turnover, plus the whole team in the first year.
            let active = courses > 0.0 && s.first.is_some();
            let team = peers * courses;
            let yearly = team * turnover;
            let first_team = if active { team - yearly } else { 0.0 };
            let sums = &mut ws.sums[fm.schedule * F_SUMS..(fm.schedule + 1) * F_SUMS];
            sums[F_COURSES] += courses;
            sums[F_ENROLLED] += enrolled;
            sums[F_COMPLETERS] += completers;
            sums[F_VOLUNTEERS] += yearly;
            sums[F_FIRST_TEAM] += first_team;
            sums[F_ACTIVE] += f64::from(u8::from(active));
            ws.completers_per_x[m] = completers;
            let pvs = [
                if active { s.active_pv } else { 0.0 },
                courses * s.pv,
                enrolled * s.pv,
                completers * s.pv,
                yearly * s.pv + first_team * s.first_pv,
            ];
            for (k, pv) in pvs.into_iter().enumerate() {
                ws.pvs[k * nm + m] = pv;
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

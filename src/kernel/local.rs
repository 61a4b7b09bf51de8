//! Each municipality's own (`kommune`) net, as the money stages add to it: its present value
//! always, and, when kept ([`Plan::keep_municipal_break_even`]), year by year for its sustained
//! break-even.
//!
//! Row by row, a municipality's year is its rows' discounted amounts, added as the stages go.
//! In factored form (see [`Factored`]) a municipality's activity is a number per trial times
//! its schedule, so its own net is four numbers per trial times four series of its schedule:
//! the schedule `x` (courses, participants, completers and volunteers each year), the first
//! year's whole team, the years active, and the local payer's benefits per completer of the
//! schedule (every outcome's completers through its effect weights, at its national value).
//! The stages add the first three numbers ([`Local::coef`]); the fourth is the municipality's
//! completers per unit of its schedule. The break-even reads each schedule's cumulative
//! discounted series, made once per trial, and runs back from the last year to the first
//! negative cumulative net: a municipality that does not break even costs one year, not the
//! horizon. Lines whose own rows split to municipalities (a shared or one-off line, a
//! transfer) add their years directly.

use super::*;

/// The series of a municipality's net in factored form: the schedule, the first year's whole
/// team, the years active, the benefits per completer.
pub(super) const X: usize = 0;
pub(super) const FIRST: usize = 1;
pub(super) const ACTIVE_YEARS: usize = 2;
const BENEFITS: usize = 3;
type Series = [f64; 4];

/// The buffers of [`Local`] in a workspace: empty unless the plan keeps the years.
#[derive(Clone, Debug, Default)]
pub(super) struct LocalWs {
    /// `years[m * h + t]`: municipality m's discounted net in year t from lines added year by
    /// year (every line, row by row).
    years: Vec<f64>,
    /// `coef[k * municipalities + m]`: factored, municipality m's amount per unit of series k
    /// (the first three; the fourth is its completers).
    coef: Vec<f64>,
    /// `value[o]`: factored, the local payer's share of outcome o's value per completer-weight.
    value: Vec<f64>,
    /// `basis[g * h + t][k]`: factored, schedule g's series k, discounted and summed to year t.
    basis: Vec<Series>,
}

impl LocalWs {
    pub(super) fn new(plan: &Plan) -> LocalWs {
        if !plan.keep_local_years {
            return LocalWs::default();
        }
        let (h, nm) = (plan.horizon, plan.municipalities);
        match &plan.factored {
            None => LocalWs {
                years: vec![0.0; nm * h],
                ..LocalWs::default()
            },
            Some(f) => LocalWs {
                years: if plan.local_lines_by_year() {
                    vec![0.0; nm * h]
                } else {
                    Vec::new()
                },
                coef: vec![0.0; 3 * nm],
                value: vec![0.0; plan.outcomes.len()],
                basis: vec![[0.0; 4]; f.schedules.len() * h],
            },
        }
    }

    /// The trial's [`Local`], its years and numbers zeroed.
    pub(super) fn start<'a>(&'a mut self, npv: &'a mut [f64], horizon: usize) -> Local<'a> {
        self.years.fill(0.0);
        self.coef.fill(0.0);
        self.value.fill(0.0);
        Local {
            npv,
            years: &mut self.years,
            coef: &mut self.coef,
            value: &mut self.value,
            horizon,
        }
    }
}

/// Each municipality's own flows as the stages add them (see the module's documentation). The
/// NPVs are added exactly as without the years, so they do not depend on whether the years
/// are kept.
pub(super) struct Local<'a> {
    /// `npv[m]`: municipality m's own NPV.
    npv: &'a mut [f64],
    /// `years[m * h + t]`: municipality m's discounted net in year t; empty unless kept.
    years: &'a mut [f64],
    /// `coef[k * municipalities + m]`: factored, municipality m's amount per unit of series k;
    /// empty unless kept in factored form.
    coef: &'a mut [f64],
    /// `value[o]`: factored, the local payer's share of outcome o's value.
    value: &'a mut [f64],
    horizon: usize,
}

impl Local<'_> {
    /// Whether lines that split to municipalities add their years.
    #[inline(always)]
    pub(super) fn keeps_years(&self) -> bool {
        !self.years.is_empty()
    }

    /// Every municipality's NPV, for a stage that adds to all of them in one pass.
    #[inline(always)]
    pub(super) fn npvs(&mut self) -> &mut [f64] {
        self.npv
    }

    /// Add `pv` to municipality `m`'s NPV.
    #[inline(always)]
    pub(super) fn add_pv(&mut self, m: usize, pv: f64) {
        self.npv[m] += pv;
    }

    /// Add the discounted amount `x` of year `t` to municipality `m`'s year (when kept).
    #[inline(always)]
    pub(super) fn add_year(&mut self, m: usize, t: usize, x: f64) {
        if let Some(y) = self.years.get_mut(m * self.horizon + t) {
            *y += x;
        }
    }
}

impl Plan {
    /// Whether any line of the local payer splits to municipalities by its own rows rather than
    /// by a series of every municipality: a shared, one-off or own-years line, a transfer, or a
    /// contract.
    fn local_lines_by_year(&self) -> bool {
        let local = |p: usize| self.is_local(p);
        let split = |s: &[(Option<usize>, f64)]| s.iter().any(|(m, _)| m.is_some());
        !self.contracts.is_empty()
            || (self.costs.iter()).any(|c| {
                c.each.is_none() && local(c.payer) && c.groups.iter().any(|g| split(&g.split))
            })
            || (self.transfers.iter()).any(|t| (local(t.from) || local(t.to)) && split(&t.split))
    }

    /// A line of the local payer in every municipality ([`PCost::each`]) at `unit` per unit of
    /// series `s`, into each municipality's own years.
    #[inline(never)]
    pub(super) fn local_each(&self, s: usize, unit: f64, ws: &Workspace, local: &mut Local<'_>) {
        let (h, nm, df) = (self.horizon, self.municipalities, &self.df);
        if let Some(f) = &self.factored {
            if local.coef.is_empty() {
                return;
            }
            // The municipality's numbers per unit of its schedule, as the factored activity
            // left them.
            let (first_team, yearly) = ws.volunteers[..2 * nm].split_at(nm);
            let (x, rest) = local.coef.split_at_mut(nm);
            let (first, active) = rest.split_at_mut(nm);
            let less = |out: &mut [f64], per: &[f64]| {
                for (o, p) in out.iter_mut().zip(per) {
                    *o -= unit * p;
                }
            };
            match s {
                ACTIVE => {
                    let on = ws.courses[..nm].iter().zip(&f.has_first);
                    for (a, (c, first)) in active.iter_mut().zip(on) {
                        *a -= unit * f64::from(u8::from(*c > 0.0 && *first));
                    }
                }
                COURSES => less(x, &ws.courses[..nm]),
                ENROLLED => less(x, &ws.enrolled[..nm]),
                COMPLETERS => less(x, &ws.completers_per_x[..nm]),
                _ => {
                    less(x, yearly);
                    less(first, first_team);
                }
            }
            return;
        }
        if !local.keeps_years() {
            return;
        }
        for m in 0..nm {
            let r = m * h..(m + 1) * h;
            let row = match s {
                ACTIVE | COURSES => &ws.courses[r],
                ENROLLED => &ws.enrolled[r],
                COMPLETERS => &ws.completers[r],
                _ => &ws.volunteers[r],
            };
            let years = &mut local.years[m * h..(m + 1) * h];
            for t in 0..h {
                // A year is active when the municipality runs courses.
                let x = if s == ACTIVE {
                    f64::from(u8::from(row[t] > 0.0))
                } else {
                    row[t]
                };
                years[t] -= df[t] * x * unit;
            }
        }
    }

    /// Outcome `oi`'s benefits to the local payer (`share` of them), at `per_unit[m]` per
    /// completer-weight in municipality `m` (all one value when `national`), into each
    /// municipality's own years. Row by row: each municipality's completers through the
    /// effect weights (in `ws.weight`).
    #[inline(never)]
    pub(super) fn local_benefits(
        &self,
        oi: usize,
        share: f64,
        national: Option<f64>,
        ws: &mut Workspace,
        local: &mut Local<'_>,
    ) {
        let (h, nm, df) = (self.horizon, self.municipalities, &self.df);
        if self.factored.is_some() {
            if local.coef.is_empty() {
                return;
            }
            // Factored, the outcome's value is national.
            local.value[oi] = share * national.unwrap_or(f64::NAN);
            return;
        }
        if !local.keeps_years() {
            return;
        }
        let weight = &ws.weight[oi * h..(oi + 1) * h];
        for m in 0..nm {
            let pu = national.unwrap_or(ws.per_unit[oi * nm + m]);
            let row = &ws.completers[m * h..(m + 1) * h];
            for (agg, c) in ws.agg.iter_mut().zip(row) {
                *agg = c * pu;
            }
            contracts::convolve(&ws.agg, weight, &mut ws.scratch);
            let years = &mut local.years[m * h..(m + 1) * h];
            for t in 0..h {
                years[t] += share * df[t] * ws.scratch[t];
            }
        }
    }

    /// Each municipality's sustained break-even from its own net, into `out`.
    #[inline(never)]
    pub(super) fn municipal_break_even(
        &self,
        kept: &mut LocalWs,
        ws: &mut Workspace,
        out: &mut [u16],
    ) {
        let (h, nm) = (self.horizon, self.municipalities);
        let Some(f) = &self.factored else {
            for (row, be) in kept.years.chunks_exact(h).zip(out.iter_mut()) {
                let mut sum = 0.0;
                for (c, x) in ws.cum.iter_mut().zip(row) {
                    sum += x;
                    *c = sum;
                }
                *be = offset(sustained_break_even(&ws.cum, 0.0));
            }
            return;
        };
        // Each schedule's series, discounted and summed year by year: the benefits are its
        // completers through each outcome's weights at the outcome's value.
        for (g, s) in f.schedules.iter().enumerate() {
            let basis = &mut kept.basis[g * h..(g + 1) * h];
            for (t, b) in basis.iter_mut().enumerate() {
                *b = [
                    s.cumulative[X][t],
                    s.cumulative[FIRST][t],
                    s.cumulative[ACTIVE_YEARS][t],
                    0.0,
                ];
            }
            for (oi, &value) in kept.value.iter().enumerate().filter(|(_, v)| **v != 0.0) {
                contracts::convolve(&s.x, &ws.weight[oi * h..(oi + 1) * h], &mut ws.scratch);
                let mut sum = 0.0;
                for t in 0..h {
                    sum += self.df[t] * ws.scratch[t];
                    basis[t][BENEFITS] += value * sum;
                }
            }
        }
        let direct = !kept.years.is_empty();
        let (x, rest) = kept.coef.split_at(nm);
        let (first, active) = rest.split_at(nm);
        let completers = &ws.completers_per_x[..nm];
        for m in 0..nm.min(out.len()) {
            let c = [x[m], first[m], active[m], completers[m]];
            // The lines added year by year, summed, if any.
            if direct {
                let mut sum = 0.0;
                for (c, x) in ws.cum.iter_mut().zip(&kept.years[m * h..(m + 1) * h]) {
                    sum += x;
                    *c = sum;
                }
            }
            let g = f.schedule[m];
            let basis = &kept.basis[g * h..(g + 1) * h];
            let mut last_negative = None;
            for t in (0..h).rev() {
                let b = &basis[t];
                let own = (c[0] * b[0] + c[1] * b[1]) + (c[2] * b[2] + c[3] * b[3]);
                if own + if direct { ws.cum[t] } else { 0.0 } < 0.0 {
                    last_negative = Some(t);
                    break;
                }
            }
            out[m] = offset(crate::model::break_even_after(last_negative, h));
        }
    }
}

/// A break-even year offset in the per-trial output.
fn offset(t: Option<usize>) -> u16 {
    t.map(|t| t as u16).unwrap_or(NO_BREAK_EVEN)
}

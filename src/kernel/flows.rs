//! The money stages: cost lines, transfers and outcomes into the payers' nets and the
//! municipalities' own NPVs.

use super::*;
use crate::model::formulas;

impl Plan {
    /// Each cost group's amounts per year, into the payers' nets, and their present value for
    /// the rows of the local payer.
    pub(super) fn costs(&self, draws: &[f64], ws: &mut Workspace, local: &mut Local<'_>) {
        let (h, df) = (self.horizon, &self.df);
        for c in &self.costs {
            if let Some(s) = c.each {
                let unit = c.quantity.at(draws, 0) * c.unit_cost.at(draws, 0);
                let net = &mut ws.net[c.payer * h..(c.payer + 1) * h];
                for (n, x) in net.iter_mut().zip(&ws.totals[s * h..(s + 1) * h]) {
                    *n -= x * unit;
                }
                if self.is_local(c.payer) {
                    let nm = self.municipalities;
                    for (out, pv) in local.npvs().iter_mut().zip(&ws.pvs[s * nm..(s + 1) * nm]) {
                        *out -= pv * unit;
                    }
                    if self.keep_local_years {
                        self.local_each(s, unit, ws, local);
                    }
                }
                continue;
            }
            for g in &c.groups {
                // Per-municipality inputs are allowed only on single-municipality groups.
                let m0 = g.served[0];
                let unit = c.quantity.at(draws, m0) * c.unit_cost.at(draws, m0);
                self.counts(c, g, ws);
                let net = &mut ws.net[c.payer * h..(c.payer + 1) * h];
                let mut pv = 0.0;
                for t in 0..h {
                    let amount = ws.scratch[t] * unit;
                    net[t] -= amount;
                    pv += df[t] * amount;
                }
                for p in &c.prefinance {
                    self.prefinance(p, c.payer, g, ws, unit, local);
                }
                if self.is_local(c.payer) {
                    for &(m, share) in &g.split {
                        if let Some(m) = m {
                            local.add_pv(m, -(pv * share));
                            if local.keeps_years() {
                                for t in 0..h {
                                    local.add_year(m, t, -(df[t] * ws.scratch[t] * unit * share));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// What one completer-weight of outcome `o` is worth in municipality `m`: units of use
    /// (`baseline x -effect`, or `x effect` for a revenue) and the unit price. `units x price`
    /// is bit for bit [`formulas::value_per_weight`] with the price.
    #[inline]
    fn outcome_value(&self, o: &POutcome, draws: &[f64], m: usize) -> (f64, f64) {
        let effect = match o.effect {
            PEffect::Net(e) => e.at(draws, m),
            PEffect::Gross(g, d) => plain(formulas::net_effect(g.at(draws, m), d.at(draws, m))),
        };
        let units = plain(formulas::value_per_weight(
            o.baseline.at(draws, m),
            effect,
            1.0,
            o.avoided_cost,
        ));
        (units, o.unit_price.at(draws, m))
    }

    /// Transfers between payers.
    pub(super) fn transfers(&self, draws: &[f64], ws: &mut Workspace, local: &mut Local<'_>) {
        let (h, df) = (self.horizon, &self.df);
        for tr in &self.transfers {
            let m0 = tr.split.iter().find_map(|(m, _)| *m).unwrap_or(0);
            let amount = tr.amount.at(draws, m0);
            let mut pv = 0.0;
            for t in (0..h).filter(|&t| tr.years[t]) {
                ws.net[tr.to * h + t] += amount;
                ws.net[tr.from * h + t] -= amount;
                pv += df[t] * amount;
            }
            let sign = f64::from(u8::from(self.is_local(tr.to)))
                - f64::from(u8::from(self.is_local(tr.from)));
            if sign != 0.0 {
                for &(m, share) in &tr.split {
                    if let Some(m) = m {
                        local.add_pv(m, sign * pv * share);
                        if local.keeps_years() {
                            for t in (0..h).filter(|&t| tr.years[t]) {
                                local.add_year(m, t, sign * df[t] * amount * share);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Avoided costs and revenues: each cohort of completers times its effect weights.
    pub(super) fn benefits(&self, draws: &[f64], ws: &mut Workspace, local: &mut Local<'_>) {
        let (h, nm, df) = (self.horizon, self.municipalities, &self.df);
        for (oi, o) in self.outcomes.iter().enumerate() {
            let weight = &mut ws.weight[oi * h..(oi + 1) * h];
            let (units, per_unit) = (
                &mut ws.units[oi * nm..(oi + 1) * nm],
                &mut ws.per_unit[oi * nm..(oi + 1) * nm],
            );
            // Effect weights by years since completion (national inputs only). From `taps`
            // on the profile is zero, and so are the weights, as the workspace began.
            let taps = o.taps;
            profile_into(&o.profile, draws, &mut ws.scratch[..taps]);
            plain_unit(formulas::effect_weights(
                &ws.scratch[..taps],
                o.attrition.at(draws, 0),
                &mut weight[..taps],
            ));
            let weight = &weight[..taps];
            // Value per completer-weight in each municipality (one value when national), and
            // the weighted completers.
            let national_value = if o.national {
                let (u, price) = self.outcome_value(o, draws, 0);
                let pu = u * price;
                // Per municipality only for the contracts, which price them.
                if !self.contracts.is_empty() {
                    units.fill(u);
                    per_unit.fill(pu);
                }
                for (agg, c) in ws.agg.iter_mut().zip(&ws.totals[COMPLETERS * h..]) {
                    *agg = c * pu;
                }
                Some(pu)
            } else {
                ws.agg.fill(0.0);
                for m in 0..nm {
                    let (u, price) = self.outcome_value(o, draws, m);
                    let pu = u * price;
                    units[m] = u;
                    per_unit[m] = pu;
                    let row = &ws.completers[m * h..(m + 1) * h];
                    for (agg, c) in ws.agg.iter_mut().zip(row) {
                        *agg += c * pu;
                    }
                }
                None
            };
            // benefit[t] = sum_{c <= t} agg[c] weight[t - c]
            contracts::convolve(&ws.agg, weight, &mut ws.scratch);
            for t in 0..h {
                for &(p, share) in &o.shares {
                    ws.net[p * h + t] += ws.scratch[t] * share;
                }
            }
            if let Some(share) = o.local_share {
                // Each municipality's completers, discounted with the weights: once per class.
                if o.class == oi {
                    for c in 0..h {
                        let taps = weight.iter().zip(&df[c..]);
                        ws.wdisc[c] = taps.map(|(w, d)| d * w).sum();
                    }
                    let wpv = &mut ws.wpv[oi * nm..(oi + 1) * nm];
                    match &self.factored {
                        // Completers are a number times the schedule: discount each schedule.
                        Some(f) => {
                            let per_x = &mut ws.scratch2;
                            for (g, s) in f.schedules.iter().enumerate() {
                                per_x[g] = dot(&s.x, &ws.wdisc);
                            }
                            let completers = &ws.completers_per_x[..];
                            match per_x[..f.schedules.len()] {
                                [one] => {
                                    for (out, c) in wpv.iter_mut().zip(completers) {
                                        *out = c * one;
                                    }
                                }
                                ref per_x => {
                                    for ((out, &g), c) in
                                        wpv.iter_mut().zip(&f.schedule).zip(completers)
                                    {
                                        *out = c * per_x[g];
                                    }
                                }
                            }
                        }
                        None => {
                            for (m, out) in wpv.iter_mut().enumerate() {
                                *out = dot(&ws.completers[m * h..(m + 1) * h], &ws.wdisc);
                            }
                        }
                    }
                }
                let wpv = &ws.wpv[o.class * nm..(o.class + 1) * nm];
                if let Some(pu) = national_value {
                    for (out, pv) in local.npvs().iter_mut().zip(wpv) {
                        *out += share * pu * pv;
                    }
                } else {
                    let per_unit = &ws.per_unit[oi * nm..];
                    for ((out, pu), pv) in local.npvs().iter_mut().zip(per_unit).zip(wpv) {
                        *out += share * pu * pv;
                    }
                }
                if self.keep_local_years {
                    self.local_benefits(oi, share, national_value, ws, local);
                }
            }
        }
    }

    /// Each non-monetary outcome's discounted units `dE`: the completers of each year times
    /// their units per completer, through the profile, discounted (unless not discounted); and
    /// the welfare value of the units present each year, for the society perspective.
    pub(super) fn effects(&self, draws: &[f64], ws: &mut Workspace, effects: &mut [f64]) {
        let (h, nm, df) = (self.horizon, self.municipalities, &self.df);
        for (g, out) in self.gains.iter().zip(effects.iter_mut()) {
            // Units per completer of each year: national, or summed over the municipalities.
            if g.per_completer.per_muni() {
                ws.agg.fill(0.0);
                for m in 0..nm {
                    let per = g.per_completer.at(draws, m);
                    let row = &ws.completers[m * h..(m + 1) * h];
                    for (agg, c) in ws.agg.iter_mut().zip(row) {
                        *agg += c * per;
                    }
                }
            } else {
                let per = g.per_completer.at(draws, 0);
                for (agg, c) in ws.agg.iter_mut().zip(&ws.totals[COMPLETERS * h..]) {
                    *agg = c * per;
                }
            }
            // dE = sum_c agg[c] x sum_k profile[k] x DF(c + k), within the horizon.
            let taps = g.taps;
            profile_into(&g.profile, draws, &mut ws.scratch[..taps]);
            let mut sum = 0.0;
            for c in 0..h {
                let shares = ws.scratch[..taps.min(h - c)].iter();
                let weight: f64 = if g.discounted {
                    shares.zip(&df[c..]).map(|(p, d)| p * d).sum()
                } else {
                    shares.sum()
                };
                sum += ws.agg[c] * weight;
            }
            *out = sum;
            // Welfare gains for society: the units present each year times the value.
            if let Some(value) = g.welfare {
                let value = value.at(draws, 0);
                contracts::convolve(&ws.agg, &ws.scratch[..taps], &mut ws.scratch2[..h]);
                let row = self.welfare_row();
                for (n, u) in ws.net[row * h..(row + 1) * h].iter_mut().zip(&ws.scratch2) {
                    *n += u * value;
                }
            }
        }
    }

    /// The driver's count in each year of a cost group, into `ws.scratch`.
    #[inline]
    fn counts(&self, c: &PCost, g: &PGroup, ws: &mut Workspace) {
        let h = self.horizon;
        let src = match c.driver {
            Driver::PerYear => {
                for t in 0..h {
                    let active = match &c.years {
                        Some(y) => y[t],
                        // Every municipality: the count of active ones, when kept.
                        None if self.series[ACTIVE] && g.served.len() == self.municipalities => {
                            ws.totals[ACTIVE * h + t] > 0.0
                        }
                        None => g.served.iter().any(|&m| ws.courses[m * h + t] > 0.0),
                    };
                    ws.scratch[t] = f64::from(u8::from(active));
                }
                return;
            }
            Driver::OneOff => {
                for t in 0..h {
                    ws.scratch[t] = f64::from(u8::from(c.years.as_ref().is_some_and(|y| y[t])));
                }
                return;
            }
            Driver::PerCoordinator => {
                ws.scratch.fill(0.0);
                for &m in &g.served {
                    for (o, x) in ws.scratch.iter_mut().zip(&ws.courses[m * h..(m + 1) * h]) {
                        *o += x;
                    }
                }
                // The coordinators needed, rounded up; a sum a rounding above a whole
                // number of coordinators' courses (6.000000000001 of 6) needs no more.
                for o in &mut ws.scratch[..h] {
                    *o = (*o / c.courses_per_coordinator - 1e-9).ceil().max(0.0);
                }
                return;
            }
            Driver::PerCourse => &ws.courses,
            Driver::PerParticipant => &ws.enrolled,
            Driver::PerCompleter => &ws.completers,
            Driver::PerVolunteerTrained => &ws.volunteers,
        };
        ws.scratch.fill(0.0);
        for &m in &g.served {
            for (o, x) in ws.scratch.iter_mut().zip(&src[m * h..(m + 1) * h]) {
                *o += x;
            }
        }
    }
}

/// The profile's share of the effect k years after completion, for every k, into `out`.
#[inline]
fn profile_into(p: &PProfile, draws: &[f64], out: &mut [f64]) {
    match p {
        PProfile::List(v) => {
            for (k, o) in out.iter_mut().enumerate() {
                *o = v.get(k).map_or(0.0, |x| x.at(draws, 0));
            }
        }
        PProfile::Exponential {
            initial,
            rate,
            years,
        } => plain_unit(formulas::exponential_profile(
            initial.at(draws, 0),
            rate.at(draws, 0),
            *years,
            out,
        )),
        PProfile::Linear { initial, years } => {
            plain_unit(formulas::linear_profile(initial.at(draws, 0), *years, out))
        }
    }
}

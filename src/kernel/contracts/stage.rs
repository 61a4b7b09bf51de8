//! A trial's contract stage: the same steps as the exact ledger's (`src/ledger/contracts.rs`),
//! in `f64`, into the buffers of the workspace: the tranches, what falls due, the gain share,
//! the settlement, the payments by the repayment key, and the investor's row.

#![allow(clippy::needless_range_loop)]

use super::super::{Local, PGroup, Plan, Workspace};
use super::compiled::{ContractWs, PContract, PMetric, PPrefinance, PTest};
use super::measure::estimate;
use super::trial::{Trial, convolve};
use super::{StackFields, field};
use crate::model::contract::stack::{Parts, waterfall};
use crate::model::contract::{investor_irr_roots, max0, npv_at, settle};
use crate::sampler::{Stream, slot_key};

/// An investor's (or a tranche's) results in a trial, as its row keeps them.
struct Returns {
    irr: f64,
    several: f64,
    moic: f64,
    loss: f64,
}

/// One amount moved between two payers in one year.
#[derive(Clone, Copy, Debug)]
struct Flow {
    t: usize,
    from: usize,
    to: usize,
    x: f64,
}

/// Where contract flows are booked: the payers' net rows, the contract's payer deltas and
/// each municipality's own result.
struct Books<'a, 'l> {
    net: &'a mut [f64],
    delta: &'a mut [f64],
    local: &'a mut Local<'l>,
}

/// How a contract settled in one trial: the floor's top-up and the guarantee drawn at the end
/// of the term, what bound, and the items whose trigger is met (bits).
#[derive(Clone, Copy, Debug)]
struct Settled {
    top_up: f64,
    guarantee: f64,
    bound: crate::model::contract::Bound,
    /// Met on the measured value, and on the true value.
    triggers: u64,
    true_triggers: u64,
}

impl Plan {
    /// Book `f`: move its amount from payer `from` to payer `to` in year `t`, with its PV into
    /// the payers' deltas and, where the local payer pays or receives, into the NPV of each
    /// municipality of `split` by its share.
    #[inline]
    fn book(&self, books: &mut Books, f: Flow, split: impl IntoIterator<Item = (usize, f64)>) {
        let h = self.horizon;
        let Flow { t, from, to, x } = f;
        books.net[to * h + t] += x;
        books.net[from * h + t] -= x;
        let pv = self.df[t] * x;
        books.delta[to] += pv;
        books.delta[from] -= pv;
        let sign =
            f64::from(u8::from(self.is_local(to))) - f64::from(u8::from(self.is_local(from)));
        if sign != 0.0 {
            for (m, share) in split {
                books.local.add_pv(m, sign * pv * share);
                books.local.add_year(m, t, sign * pv * share);
            }
        }
    }

    /// The investor pays `f.x` to `f.to` in year `f.t`, in municipality `m`'s rows (`None`:
    /// the national rows): booked, and added to the investment per year and per municipality.
    fn invest(
        &self,
        books: &mut Books,
        inv: &mut [f64],
        inv_slot: &mut [f64],
        f: Flow,
        m: Option<usize>,
    ) {
        self.book(books, f, m.map(|m| (m, 1.0)));
        inv[f.t] += f.x;
        inv_slot[m.unwrap_or(self.municipalities)] += f.x;
    }

    /// Contract `p.contract`'s pre-financing of a cost group: `p.share` of its amount in
    /// `p.years`, moved from the line's payer to the investor, group share by group share.
    pub(in crate::kernel) fn prefinance(
        &self,
        p: &PPrefinance,
        payer: usize,
        g: &PGroup,
        ws: &mut Workspace,
        unit: f64,
        local: &mut Local<'_>,
    ) {
        let investor = self.contracts[p.contract].investor;
        let Workspace {
            contracts,
            net,
            scratch,
            ..
        } = ws;
        let ContractWs {
            inv,
            inv_slot,
            delta,
            ..
        } = &mut contracts[p.contract];
        let mut books = Books { net, delta, local };
        for t in (0..self.horizon).filter(|&t| p.years[t]) {
            let amount = scratch[t] * unit * p.share;
            for &(m, part) in &g.split {
                let f = Flow {
                    t,
                    from: investor,
                    to: payer,
                    x: amount * part,
                };
                self.invest(&mut books, inv, inv_slot, f, m);
            }
        }
    }

    /// Every contract of the trial: tranches, what falls due, settlement, payments, and the
    /// investor's results into `rows` (one row of [`Plan::contract_width`] per contract).
    /// Pre-financing was moved by [`Plan::costs`].
    pub(in crate::kernel) fn contract_stage(
        &self,
        draws: &[f64],
        ws: &mut Workspace,
        local: &mut Local<'_>,
        rows: &mut [f64],
    ) {
        let width = self.contract_width();
        for (j, c) in self.contracts.iter().enumerate() {
            let Workspace {
                contracts,
                net,
                completers,
                weight,
                agg,
                units,
                per_unit,
                noise,
                ..
            } = ws;
            let trial = Trial {
                draws,
                completers,
                weight,
                units,
                per_unit,
                noise: *noise,
            };
            let cw = &mut contracts[j];
            self.tranches(c, cw, net, local);
            self.window(c, cw, &trial);
            let (triggers, true_triggers) = self.falls_due(c, cw, &trial, agg);
            if self.keep_basis {
                cw.delta_inv.copy_from_slice(&cw.delta);
            }
            self.gain_share(c, cw, &trial, agg);
            // f64 arithmetic never fails (see `formulas::Amount`).
            let (end, bound) = settle(
                &c.terms,
                &cw.inv,
                &cw.due,
                &cw.gain,
                &mut cw.paid,
                &mut cw.item_cum,
            )
            .unwrap_or_default();
            let settled = Settled {
                top_up: end.top_up,
                guarantee: end.guarantee,
                bound,
                triggers,
                true_triggers,
            };
            self.pay_out(c, cw, net, local, &settled);
            let gates = self.gates(c, cw, &trial, agg);
            let row = &mut rows[j * width..(j + 1) * width];
            self.investor_row(j, c, cw, &settled, row);
            if let Some(at) = self.stack_fields(j) {
                self.stack_rows(c, cw, at, gates, row);
            }
        }
    }

    /// The contract's fixed tranches, paid by the investor.
    fn tranches(&self, c: &PContract, cw: &mut ContractWs, net: &mut [f64], local: &mut Local<'_>) {
        let ContractWs {
            inv,
            inv_slot,
            delta,
            ..
        } = cw;
        let mut books = Books { net, delta, local };
        for tr in &c.tranches {
            for &(m, share) in &tr.split {
                for t in (0..self.horizon).filter(|&t| tr.years[t]) {
                    let f = Flow {
                        t,
                        from: c.investor,
                        to: tr.to,
                        x: tr.amount * share,
                    };
                    self.invest(&mut books, inv, inv_slot, f, m);
                }
            }
        }
    }

    /// The completers of the contract's cohort window, per cohort and per municipality, and
    /// their units of the first non-monetary outcome.
    fn window(&self, c: &PContract, cw: &mut ContractWs, trial: &Trial) {
        let h = self.horizon;
        cw.cohort.fill(0.0);
        cw.by_muni.fill(0.0);
        cw.window_gains = if self.gains.is_empty() { f64::NAN } else { 0.0 };
        for m in 0..self.municipalities {
            let row = &trial.completers[m * h..(m + 1) * h];
            for t in (0..h).filter(|&t| c.cohorts[t]) {
                cw.cohort[t] += row[t];
                cw.by_muni[m] += row[t];
            }
            if let Some(g) = self.gains.first() {
                cw.window_gains += cw.by_muni[m] * g.per_completer.at(trial.draws, m);
            }
        }
    }

    /// What falls due per rate-card item and year, and per krone of its price, on the measured
    /// units; returns the items whose trigger is met, as bits, on the measured and on the true
    /// value. Each item's measured and true dues over the term go to `cw.item_due`.
    fn falls_due(
        &self,
        c: &PContract,
        cw: &mut ContractWs,
        trial: &Trial,
        agg: &mut [f64],
    ) -> (u64, u64) {
        let h = self.horizon;
        let (mut triggers, mut true_triggers) = (0u64, 0u64);
        let window: f64 = cw.cohort.iter().sum();
        for (k, item) in c.items.iter().enumerate() {
            let mut value = f64::NAN;
            let (true_met, met) = match &item.trigger {
                None => (true, true),
                Some((test, th, how)) => {
                    let x = match test {
                        PTest::Input(v) => v.at(trial.draws, 0),
                        PTest::Metric(m) => {
                            self.metric_units(c, m, trial, &cw.cohort, agg, &mut cw.units);
                            let end = (c.terms.last_year + 1).min(h);
                            cw.units[..end].iter().sum()
                        }
                    };
                    value = x;
                    let measured = if how.is_true() {
                        x
                    } else {
                        let mut s = trial
                            .noise
                            .map(|tk| Stream::keyed(tk, slot_key(how.key, 0)));
                        let dw = how.deadweight.map_or(0.0, |d| d.at(trial.draws, 0));
                        estimate(&how.how, x, dw, window, 1.0, s.as_mut())
                    };
                    (th.met(x), th.met(measured))
                }
            };
            triggers |= u64::from(met) << k;
            true_triggers |= u64::from(true_met) << k;
            self.metric_units(c, &item.metric, trial, &cw.cohort, agg, &mut cw.units);
            if !item.measured.is_true() {
                self.measure_units(c, item, cw, trial, agg);
            }
            let measured = if item.measured.is_true() {
                &cw.units
            } else {
                &cw.measured
            };
            let (due, per) = (
                &mut cw.due[k * h..(k + 1) * h],
                &mut cw.per_price[k * h..(k + 1) * h],
            );
            per.fill(0.0);
            let mut sums = [0.0, 0.0, 0.0, value];
            for t in item.lag..h {
                let truly = if true_met {
                    max0(cw.units[t - item.lag])
                } else {
                    0.0
                };
                if met {
                    per[t] = max0(measured[t - item.lag]);
                }
                sums[0] += item.price * per[t];
                sums[1] += item.price * truly;
                sums[2] += item.price * max0(per[t] - truly);
            }
            cw.item_due[k] = sums;
            for t in 0..h {
                due[t] = item.price * per[t];
            }
        }
        (triggers, true_triggers)
    }

    /// The gain share's base (the named payers' realised savings after the lag) and what it
    /// pays.
    fn gain_share(&self, c: &PContract, cw: &mut ContractWs, trial: &Trial, agg: &mut [f64]) {
        let (h, nm) = (self.horizon, self.municipalities);
        cw.gain.fill(0.0);
        cw.gain_base.fill(0.0);
        let Some(g) = &c.gain else {
            return;
        };
        cw.saved.fill(0.0);
        for (o, share) in (g.payer_shares.iter().enumerate()).filter(|(_, s)| **s != 0.0) {
            self.window_agg(&trial.per_unit[o * nm..], trial.completers, &c.cohorts, agg);
            convolve(agg, &trial.weight[o * h..(o + 1) * h], &mut cw.units);
            for t in 0..h {
                cw.saved[t] += share * cw.units[t];
            }
        }
        for t in g.lag..h {
            cw.gain_base[t] = max0(cw.saved[t - g.lag]);
            cw.gain[t] = g.share * cw.gain_base[t];
        }
    }

    /// The payments, moved from the outcome payers to the investor by the repayment key, and
    /// the floor's top-up and the guarantee at the end of the term (`(top_up, guarantee)`).
    fn pay_out(
        &self,
        c: &PContract,
        cw: &mut ContractWs,
        net: &mut [f64],
        local: &mut Local<'_>,
        settled: &Settled,
    ) {
        let Settled {
            top_up, guarantee, ..
        } = *settled;
        let ContractWs {
            by_muni,
            inv_slot,
            paid,
            delta,
            ..
        } = cw;
        let completers_in_window: f64 = by_muni.iter().sum();
        let (key_basis, total) = if completers_in_window > 0.0 {
            (&*by_muni, completers_in_window)
        } else {
            (&*inv_slot, inv_slot.iter().sum())
        };
        let mut books = Books { net, delta, local };
        let mut pay = |from: usize, t: usize, x: f64| {
            let f = Flow {
                t,
                from,
                to: c.investor,
                x,
            };
            self.book_keyed(&mut books, f, key_basis, total);
        };
        let last = c.terms.last_year;
        for t in 0..=last.min(self.horizon - 1) {
            let x = paid[t];
            if x == 0.0 {
                continue;
            }
            for &(p, share) in &c.outcome_payers {
                pay(p, t, x * share);
            }
        }
        if let Some(p) = c.floor_payer {
            pay(p, last, top_up);
        }
        if let Some(g) = c.guarantor {
            pay(g, last, guarantee);
        }
    }

    /// Contract `j`'s row of the trial: the investor's results, what bound, the triggers met,
    /// the payers' deltas, and the deal basis when kept (the stack's rows are
    /// [`Plan::stack_rows`]).
    fn investor_row(
        &self,
        j: usize,
        c: &PContract,
        cw: &mut ContractWs,
        s: &Settled,
        row: &mut [f64],
    ) {
        let Settled {
            top_up,
            guarantee,
            bound,
            triggers,
            true_triggers,
        } = *s;
        let h = self.horizon;
        let last = c.terms.last_year;
        let (mut invested, mut received) = (0.0, 0.0);
        let (mut peak, mut peak_year) = (0.0, 0);
        let years = self.contract_years(j);
        for t in 0..h {
            let mut rec = cw.paid[t];
            if t == last {
                rec += top_up + guarantee;
            }
            invested += cw.inv[t];
            received += rec;
            cw.received[t] = rec;
            if invested - received > peak {
                (peak, peak_year) = (invested - received, t);
            }
            cw.flows[t] = rec - cw.inv[t];
            if let Some(y) = years {
                row[y.invested + t] = cw.inv[t];
                row[y.paid + t] = cw.paid[t];
                row[y.due + t] =
                    cw.gain[t] + (0..c.items.len()).map(|k| cw.due[k * h + t]).sum::<f64>();
            }
        }
        let r = self.returns(invested, received, &cw.flows);
        row[field::INVESTED] = invested;
        row[field::RECEIVED] = received;
        row[field::IRR] = r.irr;
        row[field::SEVERAL_IRRS] = r.several;
        row[field::MOIC] = r.moic;
        row[field::LOSS] = r.loss;
        row[field::ITEM_CAPS] = f64::from(bound.items);
        row[field::CAP] = f64::from(u8::from(bound.cap));
        row[field::RETURN_CAP] = f64::from(u8::from(bound.return_cap));
        row[field::TOP_UP] = top_up;
        row[field::GUARANTEE] = guarantee;
        row[field::TRIGGERS] = triggers as f64;
        row[field::TRUE_TRIGGERS] = true_triggers as f64;
        row[field::HURDLE_NPV] = c
            .hurdle_rate
            .map_or(f64::NAN, |r| npv_at(&cw.flows, r).unwrap_or(f64::NAN));
        row[field::PEAK_OUTSTANDING] = peak;
        row[field::PEAK_YEAR] = peak_year as f64;
        row[field::WINDOW_COMPLETERS] = cw.by_muni.iter().sum();
        row[field::WINDOW_GAINS] = cw.window_gains;
        if let Some(m) = self.measured_due(j) {
            for (k, d) in cw.item_due.iter().enumerate() {
                row[m.measured(k)] = d[0];
                row[m.true_value(k)] = d[1];
                row[m.excess(k)] = d[2];
                row[m.trigger_value(k)] = d[3];
            }
        }
        row[field::DELTA..field::DELTA + self.payers].copy_from_slice(&cw.delta);
        if let Some(b) = self.deal_basis(j) {
            row[b.inv..b.inv + h].copy_from_slice(&cw.inv);
            row[b.units..b.units + b.items * h].copy_from_slice(&cw.per_price);
            row[b.gain..b.gain + h].copy_from_slice(&cw.gain_base);
            row[b.delta..b.delta + self.payers].copy_from_slice(&cw.delta_inv);
        }
    }

    /// Which gates of the contract's stack are met in the trial, as bits: an input's draw, or
    /// a metric's units over the window in the years before the gate.
    fn gates(&self, c: &PContract, cw: &mut ContractWs, trial: &Trial, agg: &mut [f64]) -> u64 {
        let mut met = 0u64;
        for (i, g) in c.gates.iter().enumerate() {
            let Some((test, th, from)) = g else { continue };
            let x = match test {
                PTest::Input(v) => v.at(trial.draws, 0),
                PTest::Metric(m) => {
                    self.metric_units(c, m, trial, &cw.cohort, agg, &mut cw.units);
                    cw.units[..*from].iter().sum()
                }
            };
            met |= u64::from(th.met(x)) << i;
        }
        met
    }

    /// The investor's results from what it put in and got back and its yearly net `flows`.
    /// A deal-space run settles other terms on the basis and never reads the IRR: the root per
    /// trial is its costliest step, so it is left out there (NaN).
    fn returns(&self, invested: f64, received: f64, flows: &[f64]) -> Returns {
        let (irr, roots) = if self.keep_basis {
            (None, 0)
        } else {
            investor_irr_roots(invested, received, flows)
        };
        Returns {
            irr: irr.unwrap_or(f64::NAN),
            several: f64::from(u8::from(roots > 1)),
            moic: if invested > 0.0 {
                received / invested
            } else {
                f64::NAN
            },
            loss: max0(invested - received),
        }
    }

    /// The capital stack's waterfall of the investor side's flows, and each tranche's results
    /// into its block of `row`; `cw.flows` is reused for each tranche's flows.
    fn stack_rows(
        &self,
        c: &PContract,
        cw: &mut ContractWs,
        at: StackFields,
        met: u64,
        row: &mut [f64],
    ) {
        use super::tranche_field as tf;
        let h = self.horizon;
        let ContractWs {
            inv,
            received,
            put,
            fee,
            got,
            claim,
            flows,
            ..
        } = cw;
        let parts = Parts {
            put,
            fee,
            got,
            scratch: claim,
        };
        // f64 arithmetic never fails (see `formulas::Amount`).
        let _ = waterfall(&c.stack, inv, received, met, parts);
        for i in 0..at.tranches {
            let at_i = i * h..(i + 1) * h;
            let (p, f, g) = (&put[at_i.clone()], &fee[at_i.clone()], &got[at_i]);
            let (mut invested, mut fees, mut rec) = (0.0, 0.0, 0.0);
            for t in 0..h {
                invested += p[t] + f[t];
                fees += f[t];
                rec += g[t];
                flows[t] = g[t] - p[t] - f[t];
            }
            let r = self.returns(invested, rec, flows);
            row[at.field(i, tf::INVESTED)] = invested;
            row[at.field(i, tf::RECEIVED)] = rec;
            row[at.field(i, tf::IRR)] = r.irr;
            row[at.field(i, tf::MOIC)] = r.moic;
            row[at.field(i, tf::LOSS)] = r.loss;
            row[at.field(i, tf::SEVERAL_IRRS)] = r.several;
            row[at.field(i, tf::GATE)] = match c.stack.gates[i] {
                Some(_) => f64::from(u8::from((met >> i) & 1 == 1)),
                None => f64::NAN,
            };
            row[at.field(i, tf::FEE)] = fees;
        }
    }

    /// [`Plan::book`] of `f`, split over the municipalities by `basis / total` (the repayment
    /// key); with no basis at all, on the national rows.
    fn book_keyed(&self, books: &mut Books, f: Flow, basis: &[f64], total: f64) {
        if f.x == 0.0 {
            return;
        }
        let key = basis[..self.municipalities]
            .iter()
            .enumerate()
            .filter(|_| total > 0.0)
            .map(|(m, b)| (m, b / total));
        self.book(books, f, key);
    }

    /// The window's cohorts weighted by `per[m]`, a value per completer-weight in each
    /// municipality (an outcome's units of use, or their value, as the benefits stage kept
    /// them), into `agg`.
    /// The units `metric` counts each year in the trial: per cohort of the window (completers,
    /// a non-monetary outcome's units), or realised each year from the window's cohorts (use
    /// avoided); into `out`, with `agg` as scratch. `cohort`: the window's completers.
    fn metric_units(
        &self,
        c: &PContract,
        metric: &PMetric,
        trial: &Trial,
        cohort: &[f64],
        agg: &mut [f64],
        out: &mut [f64],
    ) {
        let (h, nm) = (self.horizon, self.municipalities);
        match metric {
            PMetric::Completers => out.copy_from_slice(cohort),
            PMetric::NonMonetary(v) => {
                out.fill(0.0);
                for m in 0..nm {
                    let per = v.at(trial.draws, m);
                    let row = &trial.completers[m * h..(m + 1) * h];
                    for t in (0..h).filter(|&t| c.cohorts[t]) {
                        out[t] += row[t] * per;
                    }
                }
            }
            PMetric::Avoided(o) => {
                self.window_agg(&trial.units[o * nm..], trial.completers, &c.cohorts, agg);
                convolve(agg, &trial.weight[o * h..(o + 1) * h], out);
            }
        }
    }

    fn window_agg(&self, per: &[f64], completers: &[f64], cohorts: &[bool], agg: &mut [f64]) {
        let h = self.horizon;
        agg.fill(0.0);
        for (m, per) in per[..self.municipalities].iter().enumerate() {
            let row = &completers[m * h..(m + 1) * h];
            for t in (0..h).filter(|&t| cohorts[t]) {
                agg[t] += row[t] * per;
            }
        }
    }
}

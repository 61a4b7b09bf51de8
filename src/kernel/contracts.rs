//! Contracts in one trial: the same steps as the exact ledger's contract stage
//! (`src/ledger/contracts.rs`), in `f64`, into buffers allocated once per workspace.

#![allow(clippy::needless_range_loop)]

use super::{LOCAL_PAYER, Plan, Value, Workspace, plain_unit, profile_into};
use crate::model::contract::{Metric, Terms, investor_irr, max0, settle};
use crate::model::{Model, formulas};

/// Field offsets of a trial's row for one contract (see [`Plan::contract_width`]).
pub mod field {
    /// Total paid by the investor.
    pub const INVESTED: usize = 0;
    /// Total received by the investor (payments, top-up, guarantee).
    pub const RECEIVED: usize = 1;
    /// IRR; NaN when undefined.
    pub const IRR: usize = 2;
    /// Received / invested; NaN when nothing is invested.
    pub const MOIC: usize = 3;
    /// max(0, invested - received).
    pub const LOSS: usize = 4;
    /// Bit k set: rate-card item k's cap cut a payment (as a float holding an integer).
    pub const ITEM_CAPS: usize = 5;
    /// 1 when the contract cap cut a payment.
    pub const CAP: usize = 6;
    /// 1 when the return cap cut a payment.
    pub const RETURN_CAP: usize = 7;
    /// Floor top-up paid.
    pub const TOP_UP: usize = 8;
    /// Guarantee drawn.
    pub const GUARANTEE: usize = 9;
    /// Bit k set: rate-card item k's trigger is met (or it has none).
    pub const TRIGGERS: usize = 10;
    /// Then one per payer: the PV of the contract's flows to it (its NPV with the contract
    /// minus without).
    pub const DELTA: usize = 11;
}

#[derive(Clone, Debug)]
enum PMetric {
    Completers,
    NonMonetary(Value),
    Avoided(usize),
}

#[derive(Clone, Debug)]
struct PItem {
    metric: PMetric,
    price: f64,
    lag: usize,
    trigger: Option<(Value, f64, f64)>,
}

/// A tranche: amount, years, receiving payer, and its split over municipalities.
type PTranche = (f64, Vec<bool>, usize, Vec<(Option<usize>, f64)>);

#[derive(Clone, Debug)]
pub(super) struct PContract {
    investor: usize,
    tranches: Vec<PTranche>,
    cohorts: Vec<bool>,
    items: Vec<PItem>,
    /// Gain share: (share, lag, per outcome the summed share of the named payers).
    gain: Option<(f64, usize, Vec<f64>)>,
    outcome_payers: Vec<(usize, f64)>,
    terms: Terms<f64>,
    floor_payer: Option<usize>,
    guarantor: Option<usize>,
}

/// One contract's buffers in a workspace.
#[derive(Clone, Debug)]
pub(super) struct ContractWs {
    pub(super) inv: Vec<f64>,
    /// Pre-financing per municipality (national last).
    pub(super) inv_slot: Vec<f64>,
    due: Vec<f64>,
    gain: Vec<f64>,
    paid: Vec<f64>,
    item_cum: Vec<f64>,
    cohort: Vec<f64>,
    by_muni: Vec<f64>,
    units: Vec<f64>,
    flows: Vec<f64>,
    pub(super) delta: Vec<f64>,
}

impl PContract {
    pub(super) fn compile(
        model: &Model,
        c: &crate::model::Contract,
        v: &dyn Fn(crate::model::Param) -> Value,
    ) -> PContract {
        let to = crate::decimal::to_f64;
        PContract {
            investor: c.investor,
            tranches: c
                .tranches
                .iter()
                .map(|t| {
                    let split = crate::model::allocation_groups(model, &t.allocation)
                        .iter()
                        .flat_map(|g| g.split.iter().map(|(m, s)| (*m, to(*s))))
                        .collect();
                    (to(t.amount), t.years.clone(), t.to, split)
                })
                .collect(),
            cohorts: c.cohorts.clone(),
            items: c
                .rate_card
                .iter()
                .map(|r| PItem {
                    metric: match r.metric {
                        Metric::Completers => PMetric::Completers,
                        Metric::NonMonetary(n) => {
                            PMetric::NonMonetary(v(model.non_monetary[n].per_completer))
                        }
                        Metric::Avoided(o) => PMetric::Avoided(o),
                    },
                    price: to(r.price),
                    lag: r.lag,
                    trigger: r.trigger.as_ref().map(|t| {
                        (
                            v(t.input),
                            t.at_least.map_or(f64::NEG_INFINITY, to),
                            t.at_most.map_or(f64::INFINITY, to),
                        )
                    }),
                })
                .collect(),
            gain: c.gain_share.as_ref().map(|g| {
                let shares = model
                    .outcomes
                    .iter()
                    .map(|o| {
                        o.shares
                            .iter()
                            .filter(|(p, _)| g.payers.contains(p))
                            .map(|(_, s)| to(*s))
                            .sum()
                    })
                    .collect();
                (to(g.share), g.lag, shares)
            }),
            outcome_payers: c.outcome_payers.iter().map(|(p, s)| (*p, to(*s))).collect(),
            terms: c.terms::<f64>(),
            floor_payer: c.floor.map(|(_, p)| p),
            guarantor: c.guarantee.map(|(g, _)| g),
        }
    }

    pub(super) fn investor(&self) -> usize {
        self.investor
    }

    pub(super) fn workspace(&self, h: usize, nm: usize, payers: usize) -> ContractWs {
        let k = self.items.len();
        ContractWs {
            inv: vec![0.0; h],
            inv_slot: vec![0.0; nm + 1],
            due: vec![0.0; k * h],
            gain: vec![0.0; h],
            paid: vec![0.0; h],
            item_cum: vec![0.0; k],
            cohort: vec![0.0; h],
            by_muni: vec![0.0; nm + 1],
            units: vec![0.0; h],
            flows: vec![0.0; h],
            delta: vec![0.0; payers],
        }
    }
}

impl Plan {
    /// Width of a trial's row for one contract: the fields of [`field`] and one delta per payer.
    pub fn contract_width(&self) -> usize {
        field::DELTA + self.payers
    }

    /// Number of contracts.
    pub fn contracts(&self) -> usize {
        self.contracts.len()
    }

    /// Move `x` from payer `from` to payer `to` in year `t`, with its PV into the payers'
    /// deltas and, for the local payer, into municipality `m`'s NPV (split by `key` when
    /// `m` is `None` and a key is given).
    #[inline]
    #[allow(clippy::too_many_arguments)]
    pub(super) fn contract_pay(
        &self,
        net: &mut [f64],
        delta: &mut [f64],
        muni_npv: &mut [f64],
        t: usize,
        from: usize,
        to: usize,
        x: f64,
        local: &[(usize, f64)],
    ) {
        let h = self.horizon;
        net[to * h + t] += x;
        net[from * h + t] -= x;
        let pv = self.df[t] * x;
        delta[to] += pv;
        delta[from] -= pv;
        let sign =
            f64::from(u8::from(to == LOCAL_PAYER)) - f64::from(u8::from(from == LOCAL_PAYER));
        if sign != 0.0 {
            for &(m, share) in local {
                muni_npv[m] += sign * pv * share;
            }
        }
    }

    /// Every contract of the trial: tranches, what falls due, settlement, payments, and the
    /// investor's results into `rows` (one row of [`Plan::contract_width`] per contract).
    /// Pre-financing was moved by [`Plan::costs`].
    pub(super) fn contract_stage(
        &self,
        draws: &[f64],
        ws: &mut Workspace,
        muni_npv: &mut [f64],
        rows: &mut [f64],
    ) {
        let (h, nm) = (self.horizon, self.municipalities);
        let width = self.contract_width();
        for (j, c) in self.contracts.iter().enumerate() {
            let Workspace {
                contracts,
                net,
                completers,
                scratch,
                weight,
                agg,
                ..
            } = ws;
            let cw = &mut contracts[j];
            for (amount, years, to, split) in &c.tranches {
                for &(m, share) in split {
                    let x = amount * share;
                    let local: &[(usize, f64)] = match m {
                        Some(m) => &[(m, 1.0)],
                        None => &[],
                    };
                    for t in (0..h).filter(|&t| years[t]) {
                        self.contract_pay(
                            net,
                            &mut cw.delta,
                            muni_npv,
                            t,
                            c.investor,
                            *to,
                            x,
                            local,
                        );
                        cw.inv[t] += x;
                        cw.inv_slot[m.unwrap_or(nm)] += x;
                    }
                }
            }

            // The window's completers per cohort and per municipality.
            cw.cohort.fill(0.0);
            cw.by_muni.fill(0.0);
            for m in 0..nm {
                let row = &completers[m * h..(m + 1) * h];
                for t in (0..h).filter(|&t| c.cohorts[t]) {
                    cw.cohort[t] += row[t];
                    cw.by_muni[m] += row[t];
                }
            }

            // What falls due.
            let mut triggers = 0u64;
            for (k, item) in c.items.iter().enumerate() {
                let met = item
                    .trigger
                    .is_none_or(|(v, lo, hi)| (lo..=hi).contains(&v.at(draws, 0)));
                triggers |= u64::from(met) << k;
                match item.metric {
                    PMetric::Completers => cw.units.copy_from_slice(&cw.cohort),
                    PMetric::NonMonetary(v) => {
                        cw.units.fill(0.0);
                        for m in 0..nm {
                            let per = v.at(draws, m);
                            let row = &completers[m * h..(m + 1) * h];
                            for t in (0..h).filter(|&t| c.cohorts[t]) {
                                cw.units[t] += row[t] * per;
                            }
                        }
                    }
                    PMetric::Avoided(o) => {
                        self.window_agg(
                            o, false, draws, completers, &c.cohorts, scratch, weight, agg,
                        );
                        convolve(agg, weight, &mut cw.units);
                    }
                }
                let due = &mut cw.due[k * h..(k + 1) * h];
                due.fill(0.0);
                if met {
                    for t in item.lag..h {
                        due[t] = item.price * max0(cw.units[t - item.lag]);
                    }
                }
            }
            cw.gain.fill(0.0);
            if let Some((g, lag, shares)) = &c.gain {
                cw.flows.fill(0.0); // the savings, per year
                for (o, share) in shares.iter().enumerate().filter(|(_, s)| **s != 0.0) {
                    self.window_agg(o, true, draws, completers, &c.cohorts, scratch, weight, agg);
                    convolve(agg, weight, &mut cw.units);
                    for t in 0..h {
                        cw.flows[t] += share * cw.units[t];
                    }
                }
                for t in *lag..h {
                    cw.gain[t] = g * max0(cw.flows[t - lag]);
                }
            }

            // Settle, and move the payments by the repayment key.
            let (end, bound) = plain_settle(settle(
                &c.terms,
                &cw.inv,
                &cw.due,
                &cw.gain,
                &mut cw.paid,
                &mut cw.item_cum,
            ));
            let key_basis = if cw.by_muni.iter().sum::<f64>() > 0.0 {
                &cw.by_muni
            } else {
                &cw.inv_slot
            };
            let total: f64 = key_basis.iter().sum();
            let last = c.terms.last_year;
            for t in 0..=last.min(h - 1) {
                let x = cw.paid[t];
                if x == 0.0 {
                    continue;
                }
                for &(p, share) in &c.outcome_payers {
                    self.contract_pay_keyed(
                        net,
                        &mut cw.delta,
                        muni_npv,
                        t,
                        p,
                        c.investor,
                        x * share,
                        key_basis,
                        total,
                    );
                }
            }
            if let Some(p) = c.floor_payer {
                self.contract_pay_keyed(
                    net,
                    &mut cw.delta,
                    muni_npv,
                    last,
                    p,
                    c.investor,
                    end.top_up,
                    key_basis,
                    total,
                );
            }
            if let Some(g) = c.guarantor {
                self.contract_pay_keyed(
                    net,
                    &mut cw.delta,
                    muni_npv,
                    last,
                    g,
                    c.investor,
                    end.guarantee,
                    key_basis,
                    total,
                );
            }

            // The investor's results.
            let (mut invested, mut received) = (0.0, 0.0);
            for t in 0..h {
                let mut rec = cw.paid[t];
                if t == last {
                    rec += end.top_up + end.guarantee;
                }
                invested += cw.inv[t];
                received += rec;
                cw.flows[t] = rec - cw.inv[t];
            }
            let row = &mut rows[j * width..(j + 1) * width];
            row[field::INVESTED] = invested;
            row[field::RECEIVED] = received;
            row[field::IRR] = investor_irr(invested, received, &cw.flows).unwrap_or(f64::NAN);
            row[field::MOIC] = if invested > 0.0 {
                received / invested
            } else {
                f64::NAN
            };
            row[field::LOSS] = max0(invested - received);
            row[field::ITEM_CAPS] = f64::from(bound.items);
            row[field::CAP] = f64::from(u8::from(bound.cap));
            row[field::RETURN_CAP] = f64::from(u8::from(bound.return_cap));
            row[field::TOP_UP] = end.top_up;
            row[field::GUARANTEE] = end.guarantee;
            row[field::TRIGGERS] = triggers as f64;
            row[field::DELTA..].copy_from_slice(&cw.delta);
        }
    }

    /// [`Plan::contract_pay`] of `x`, split over the municipalities by `basis / total` (the
    /// repayment key); with no basis at all, on the national rows.
    #[allow(clippy::too_many_arguments)]
    fn contract_pay_keyed(
        &self,
        net: &mut [f64],
        delta: &mut [f64],
        muni_npv: &mut [f64],
        t: usize,
        from: usize,
        to: usize,
        x: f64,
        basis: &[f64],
        total: f64,
    ) {
        if x == 0.0 {
            return;
        }
        self.contract_pay(net, delta, muni_npv, t, from, to, x, &[]);
        if total > 0.0 && (from == LOCAL_PAYER || to == LOCAL_PAYER) {
            let sign = if to == LOCAL_PAYER { 1.0 } else { -1.0 };
            let pv = self.df[t] * x;
            for m in 0..self.municipalities {
                muni_npv[m] += sign * pv * (basis[m] / total);
            }
        }
    }

    /// The window's cohorts weighted by outcome `o`'s value per completer-weight in each
    /// municipality (kroner when `priced`, units of use otherwise) into `agg`, and the
    /// outcome's effect weights into `weight`.
    #[allow(clippy::too_many_arguments)]
    fn window_agg(
        &self,
        o: usize,
        priced: bool,
        draws: &[f64],
        completers: &[f64],
        cohorts: &[bool],
        scratch: &mut [f64],
        weight: &mut [f64],
        agg: &mut [f64],
    ) {
        let (h, o) = (self.horizon, &self.outcomes[o]);
        profile_into(&o.profile, draws, scratch);
        plain_unit(formulas::effect_weights(
            scratch,
            o.attrition.at(draws, 0),
            weight,
        ));
        agg.fill(0.0);
        for m in 0..self.municipalities {
            let (units, price) = self.outcome_value(o, draws, m);
            let per = if priced { units * price } else { units };
            let row = &completers[m * h..(m + 1) * h];
            for t in (0..h).filter(|&t| cohorts[t]) {
                agg[t] += row[t] * per;
            }
        }
    }
}

/// `out[t] = sum_{c <= t} agg[c] weight[t - c]`.
fn convolve(agg: &[f64], weight: &[f64], out: &mut [f64]) {
    for t in 0..out.len() {
        let mut b = 0.0;
        for c in 0..=t {
            b += agg[c] * weight[t - c];
        }
        out[t] = b;
    }
}

fn plain_settle<T: Default>(
    x: Option<(crate::model::contract::EndOfTerm<f64>, T)>,
) -> (crate::model::contract::EndOfTerm<f64>, T) {
    x.unwrap_or((
        crate::model::contract::EndOfTerm {
            top_up: f64::NAN,
            guarantee: f64::NAN,
        },
        T::default(),
    ))
}

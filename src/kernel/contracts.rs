//! Contracts in one trial: the same steps as the exact ledger's contract stage
//! (`src/ledger/contracts.rs`), in `f64`, into buffers allocated once per workspace.

#![allow(clippy::needless_range_loop)]

use super::{LOCAL_PAYER, Local, PGroup, Plan, Value, Workspace};
use crate::model::Model;
use crate::model::contract::{Metric, Terms, investor_irr, max0, settle};

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

/// Where a contract row keeps the deal basis ([`Plan::keep_deal_basis`]): what a contract's
/// terms act on in one trial, so that other terms can be settled on the same trials without
/// simulating again. Offsets into the row; each part is per year offset unless said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DealBasis {
    pub horizon: usize,
    /// Rate-card items of the contract.
    pub items: usize,
    /// `inv[t]`: the investment.
    pub inv: usize,
    /// `units[k * h + t]`: what item k pays per krone of its price in year t (its units after
    /// the lag, zero where its trigger is not met).
    pub units: usize,
    /// `gain[t]`: the named payers' realised savings after the lag, per unit of gain share.
    pub gain: usize,
    /// `delta[p]`, per payer: the PV of the investment's flows to it.
    pub delta: usize,
}

/// One contract's buffers in a workspace.
#[derive(Clone, Debug)]
pub(super) struct ContractWs {
    pub(super) inv: Vec<f64>,
    /// Pre-financing per municipality (national last).
    pub(super) inv_slot: Vec<f64>,
    due: Vec<f64>,
    /// `per_price[k * h + t]`: item k's due per krone of price.
    per_price: Vec<f64>,
    gain: Vec<f64>,
    /// The gain share's base: savings after the lag.
    gain_base: Vec<f64>,
    /// The payers' deltas from the investment alone (before any payment).
    delta_inv: Vec<f64>,
    paid: Vec<f64>,
    item_cum: Vec<f64>,
    cohort: Vec<f64>,
    by_muni: Vec<f64>,
    units: Vec<f64>,
    /// The named payers' savings per year, for the gain share.
    saved: Vec<f64>,
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

    pub(super) fn workspace(&self, h: usize, nm: usize, payers: usize) -> ContractWs {
        let k = self.items.len();
        ContractWs {
            inv: vec![0.0; h],
            inv_slot: vec![0.0; nm + 1],
            due: vec![0.0; k * h],
            per_price: vec![0.0; k * h],
            gain: vec![0.0; h],
            gain_base: vec![0.0; h],
            delta_inv: vec![0.0; payers],
            paid: vec![0.0; h],
            item_cum: vec![0.0; k],
            cohort: vec![0.0; h],
            by_muni: vec![0.0; nm + 1],
            units: vec![0.0; h],
            saved: vec![0.0; h],
            flows: vec![0.0; h],
            delta: vec![0.0; payers],
        }
    }
}

impl Plan {
    /// Width of a trial's row for one contract: the fields of [`field`], one delta per payer,
    /// and the deal basis when kept.
    pub fn contract_width(&self) -> usize {
        let basis = if self.keep_basis {
            let items = self.contracts.iter().map(|c| c.items.len()).max();
            self.horizon * (2 + items.unwrap_or(0)) + self.payers
        } else {
            0
        };
        field::DELTA + self.payers + basis
    }

    /// Keep each contract's deal basis in its row, for the deal-space grid
    /// (`crate::contracts::deal`). The rows' own IRR is then not computed (NaN).
    pub fn keep_deal_basis(&mut self) {
        self.keep_basis = true;
    }

    /// Where contract `j`'s row keeps its deal basis; `None` unless kept.
    pub fn deal_basis(&self, j: usize) -> Option<DealBasis> {
        let (h, inv) = (self.horizon, field::DELTA + self.payers);
        let items = self.contracts.get(j)?.items.len();
        self.keep_basis.then_some(DealBasis {
            horizon: h,
            items,
            inv,
            units: inv + h,
            gain: inv + h + items * h,
            delta: inv + h + items * h + h,
        })
    }

    /// Number of contracts.
    pub fn contracts(&self) -> usize {
        self.contracts.len()
    }

    /// Move `x` from payer `from` to payer `to` in year `t`, with its PV into the payers'
    /// deltas and, where the local payer pays or receives, into the NPV of each municipality
    /// of `local` by its share.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    pub(super) fn contract_pay(
        &self,
        net: &mut [f64],
        delta: &mut [f64],
        local: &mut Local<'_>,
        t: usize,
        from: usize,
        to: usize,
        x: f64,
        split: impl IntoIterator<Item = (usize, f64)>,
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
            for (m, share) in split {
                local.add_pv(m, sign * pv * share);
                local.add_year(m, t, sign * pv * share);
            }
        }
    }

    /// The investor of a contract pays `x` to payer `to` in year `t`, in municipality `m`'s
    /// rows (`None`: the national rows).
    #[allow(clippy::too_many_arguments)]
    fn contract_invest(
        &self,
        net: &mut [f64],
        cw: &mut ContractWs,
        local: &mut Local<'_>,
        t: usize,
        m: Option<usize>,
        investor: usize,
        to: usize,
        x: f64,
    ) {
        let split = m.map(|m| (m, 1.0));
        self.contract_pay(net, &mut cw.delta, local, t, investor, to, x, split);
        cw.inv[t] += x;
        cw.inv_slot[m.unwrap_or(self.municipalities)] += x;
    }

    /// Contract `j`'s pre-financing of a cost group: `share` of its amount in `years`, moved
    /// from the line's payer to the investor, group share by group share.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn prefinance(
        &self,
        j: usize,
        payer: usize,
        share: f64,
        years: &[bool],
        g: &PGroup,
        ws: &mut Workspace,
        unit: f64,
        local: &mut Local<'_>,
    ) {
        let investor = self.contracts[j].investor;
        let Workspace {
            contracts,
            net,
            scratch,
            ..
        } = ws;
        for t in (0..self.horizon).filter(|&t| years[t]) {
            let amount = scratch[t] * unit * share;
            for &(m, part) in &g.split {
                self.contract_invest(
                    net,
                    &mut contracts[j],
                    local,
                    t,
                    m,
                    investor,
                    payer,
                    amount * part,
                );
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
        local: &mut Local<'_>,
        rows: &mut [f64],
    ) {
        let (h, nm) = (self.horizon, self.municipalities);
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
                ..
            } = ws;
            let cw = &mut contracts[j];
            for (amount, years, to, split) in &c.tranches {
                for &(m, share) in split {
                    for t in (0..h).filter(|&t| years[t]) {
                        self.contract_invest(net, cw, local, t, m, c.investor, *to, amount * share);
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
                        self.window_agg(&units[o * nm..], completers, &c.cohorts, agg);
                        convolve(agg, &weight[o * h..(o + 1) * h], &mut cw.units);
                    }
                }
                let (due, per) = (
                    &mut cw.due[k * h..(k + 1) * h],
                    &mut cw.per_price[k * h..(k + 1) * h],
                );
                per.fill(0.0);
                if met {
                    for t in item.lag..h {
                        per[t] = max0(cw.units[t - item.lag]);
                    }
                }
                for t in 0..h {
                    due[t] = item.price * per[t];
                }
            }
            cw.gain.fill(0.0);
            cw.gain_base.fill(0.0);
            if self.keep_basis {
                cw.delta_inv.copy_from_slice(&cw.delta);
            }
            if let Some((g, lag, shares)) = &c.gain {
                cw.saved.fill(0.0);
                for (o, share) in shares.iter().enumerate().filter(|(_, s)| **s != 0.0) {
                    self.window_agg(&per_unit[o * nm..], completers, &c.cohorts, agg);
                    convolve(agg, &weight[o * h..(o + 1) * h], &mut cw.units);
                    for t in 0..h {
                        cw.saved[t] += share * cw.units[t];
                    }
                }
                for t in *lag..h {
                    cw.gain_base[t] = max0(cw.saved[t - lag]);
                    cw.gain[t] = g * cw.gain_base[t];
                }
            }

            // Settle, and move the payments by the repayment key.
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
            let completers_in_window: f64 = cw.by_muni.iter().sum();
            let (key_basis, total) = if completers_in_window > 0.0 {
                (&cw.by_muni, completers_in_window)
            } else {
                (&cw.inv_slot, cw.inv_slot.iter().sum())
            };
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
                        local,
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
                    local,
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
                    local,
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
            // A deal-space run settles other terms on the basis and never reads this IRR: the
            // root per trial is its costliest step, so it is left out there (NaN).
            row[field::IRR] = if self.keep_basis {
                f64::NAN
            } else {
                investor_irr(invested, received, &cw.flows).unwrap_or(f64::NAN)
            };
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
            row[field::DELTA..field::DELTA + self.payers].copy_from_slice(&cw.delta);
            if let Some(b) = self.deal_basis(j) {
                row[b.inv..b.inv + h].copy_from_slice(&cw.inv);
                row[b.units..b.units + b.items * h].copy_from_slice(&cw.per_price);
                row[b.gain..b.gain + h].copy_from_slice(&cw.gain_base);
                row[b.delta..b.delta + self.payers].copy_from_slice(&cw.delta_inv);
            }
        }
    }

    /// [`Plan::contract_pay`] of `x`, split over the municipalities by `basis / total` (the
    /// repayment key); with no basis at all, on the national rows.
    #[allow(clippy::too_many_arguments)]
    fn contract_pay_keyed(
        &self,
        net: &mut [f64],
        delta: &mut [f64],
        local: &mut Local<'_>,
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
        let key = basis[..self.municipalities]
            .iter()
            .enumerate()
            .filter(|_| total > 0.0)
            .map(|(m, b)| (m, b / total));
        self.contract_pay(net, delta, local, t, from, to, x, key);
    }

    /// The window's cohorts weighted by `per[m]`, a value per completer-weight in each
    /// municipality (an outcome's units of use, or their value, as the benefits stage kept
    /// them), into `agg`.
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

/// `out[t] = sum_{c <= t} agg[c] weight[t - c]`, skipping the cohorts outside the window
/// (zero in `agg`): the terms are added in the same order, so the result is the same.
pub(super) fn convolve(agg: &[f64], weight: &[f64], out: &mut [f64]) {
    out.fill(0.0);
    for (c, &a) in agg.iter().enumerate().filter(|(_, a)| **a != 0.0) {
        for (o, w) in out[c..].iter_mut().zip(weight) {
            *o += a * w;
        }
    }
}

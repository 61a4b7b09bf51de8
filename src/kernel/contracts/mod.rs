//! Contracts in one trial: the same steps as the exact ledger's contract stage
//! (`src/ledger/contracts.rs`), in `f64`, into buffers allocated once per workspace.

use super::Plan;

mod compiled;
mod measure;
mod stage;
mod trial;

pub(super) use compiled::{ContractWs, PContract, PPrefinance};
pub(super) use trial::convolve;

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
    /// 1 when the investor's flows have several IRRs (the IRR is then the one nearest 10%).
    pub const SEVERAL_IRRS: usize = 11;
    /// Bit k set: rate-card item k's trigger is met on the true value of its input (or it has
    /// none); [`TRIGGERS`] is judged on the measured value.
    pub const TRUE_TRIGGERS: usize = 12;
    /// The investor's NPV of its flows at the contract's hurdle rate; NaN without one.
    pub const HURDLE_NPV: usize = 13;
    /// The most capital outstanding at a year's end: invested so far less received, at least 0.
    pub const PEAK_OUTSTANDING: usize = 14;
    /// The year offset of that peak (the first, if several; 0 when nothing is outstanding).
    pub const PEAK_YEAR: usize = 15;
    /// The completers of the contract's cohort window.
    pub const WINDOW_COMPLETERS: usize = 16;
    /// Their units of the scenario's first non-monetary outcome (e.g. completers with a
    /// recovery gain); NaN without one.
    pub const WINDOW_GAINS: usize = 17;
    /// Then one per payer: the PV of the contract's flows to it (its NPV with the contract
    /// minus without).
    pub const DELTA: usize = 18;
}

/// Field offsets of one tranche's block in a contract row (see [`Plan::stack_fields`]): the
/// same results as the contract's own for the investor, from the tranche's flows.
pub mod tranche_field {
    /// What the tranche put in: its part of the investment and of the management fee.
    pub const INVESTED: usize = 0;
    /// What it got back by the waterfall.
    pub const RECEIVED: usize = 1;
    /// Its IRR; NaN when undefined.
    pub const IRR: usize = 2;
    /// Received / invested; NaN when nothing is invested.
    pub const MOIC: usize = 3;
    /// max(0, invested - received).
    pub const LOSS: usize = 4;
    /// 1 when its flows have several IRRs.
    pub const SEVERAL_IRRS: usize = 5;
    /// 1 when its gate is met, 0 when not; NaN without a gate.
    pub const GATE: usize = 6;
    /// Its part of the management fee over the term (part of `INVESTED`).
    pub const FEE: usize = 7;
    /// Fields per tranche.
    pub const WIDTH: usize = 8;
}

/// Where a contract row keeps its tranches' results ([`tranche_field`], one block each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StackFields {
    pub at: usize,
    pub tranches: usize,
}

impl StackFields {
    /// The offset of tranche `i`'s field `f` ([`tranche_field`]).
    pub fn field(&self, i: usize, f: usize) -> usize {
        self.at + tranche_field::WIDTH * i + f
    }
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

/// Where a contract row keeps its flows year by year ([`Plan::keep_contract_years`]): offsets
/// into the row of `horizon` values each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContractYears {
    pub horizon: usize,
    /// `invested[t]`: what the investor paid in year t.
    pub invested: usize,
    /// `due[t]`: what fell due in year t (the rate card after its lags and triggers, and the
    /// gain share), before any cap.
    pub due: usize,
    /// `paid[t]`: what the outcome payers paid in year t (the floor's top-up and the guarantee
    /// at the end of the term are the row's own fields).
    pub paid: usize,
}

/// Where a contract row keeps what its rate card fell due on the measured and on the true
/// values ([`Plan::measured_due`]): per item k, four values at `at + 4 k`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeasuredDue {
    pub at: usize,
    pub items: usize,
}

impl MeasuredDue {
    /// What item k fell due on the measured value over the term, before caps.
    pub fn measured(&self, k: usize) -> usize {
        self.at + 4 * k
    }
    /// What it would have fallen due on the true value (its trigger judged on the true value).
    pub fn true_value(&self, k: usize) -> usize {
        self.at + 4 * k + 1
    }
    /// The sum over the years of `max(0, measured - true)`: what measurement error adds.
    pub fn excess(&self, k: usize) -> usize {
        self.at + 4 * k + 2
    }
    /// The true value of the input item k's trigger reads in the trial (NaN without a
    /// trigger): for P(met) by the true value.
    pub fn trigger_value(&self, k: usize) -> usize {
        self.at + 4 * k + 3
    }
}

impl Plan {
    /// Width of a trial's row for one contract: the fields of [`field`], one delta per payer,
    /// the deal basis and the yearly flows when kept, and what fell due measured and true.
    pub fn contract_width(&self) -> usize {
        self.basis_width() + self.years_width() + 4 * self.max_items() + self.stack_width()
    }

    fn stack_width(&self) -> usize {
        let most = self.contracts.iter().map(|c| c.stack.len()).max();
        tranche_field::WIDTH * most.unwrap_or(0)
    }

    /// Where contract `j`'s row keeps its tranches' results; `None` without a stack.
    pub fn stack_fields(&self, j: usize) -> Option<StackFields> {
        let tranches = self.contracts.get(j)?.stack.len();
        (tranches > 0).then(|| StackFields {
            at: self.basis_width() + self.years_width() + 4 * self.max_items(),
            tranches,
        })
    }

    fn max_items(&self) -> usize {
        self.contracts
            .iter()
            .map(|c| c.items.len())
            .max()
            .unwrap_or(0)
    }

    /// Where contract `j`'s row keeps what each item fell due, measured and true.
    pub fn measured_due(&self, j: usize) -> Option<MeasuredDue> {
        Some(MeasuredDue {
            at: self.basis_width() + self.years_width(),
            items: self.contracts.get(j)?.items.len(),
        })
    }

    /// Where the deal basis ends (or would start): the fields, the deltas and the basis.
    fn basis_width(&self) -> usize {
        let basis = if self.keep_basis {
            let items = self.contracts.iter().map(|c| c.items.len()).max();
            self.horizon * (2 + items.unwrap_or(0)) + self.payers
        } else {
            0
        };
        field::DELTA + self.payers + basis
    }

    fn years_width(&self) -> usize {
        if self.keep_contract_years {
            3 * self.horizon
        } else {
            0
        }
    }

    /// Keep each contract's flows year by year in its row (invested, due, paid), for the
    /// yearly bands of a report and the capital outstanding over time.
    pub fn keep_contract_years(&mut self) {
        self.keep_contract_years = true;
    }

    /// Where contract `j`'s row keeps its yearly flows; `None` unless kept.
    pub fn contract_years(&self, j: usize) -> Option<ContractYears> {
        let (h, at) = (self.horizon, self.basis_width());
        (self.keep_contract_years && j < self.contracts.len()).then_some(ContractYears {
            horizon: h,
            invested: at,
            due: at + h,
            paid: at + 2 * h,
        })
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
}

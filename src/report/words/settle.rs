//! The words of `somsim settle`: the settlement statement on actual data and the forecast
//! given the data, in the terminal's tables and the workbook.

vocabulary! {
    /// Every text of the settlement. Numbers and names come in already formatted (`&str`).
    pub struct Settle {
        /// `Settlement of "contract" (investor X) on FILE: 2025-2027`.
        pub title: fn(contract: &str, investor: &str, file: &str, first: i32, last: i32) -> String,
        /// The statement's table heading.
        pub statement: &'static str,
        pub year: &'static str,
        pub completers: &'static str,
        pub invested: &'static str,
        /// The column of what one rate-card item makes due, before caps.
        pub due_item: fn(item: &str) -> String,
        pub due_total: &'static str,
        pub paid: &'static str,
        pub account: &'static str,
        /// The column of what one payer pays the investor.
        pub paid_by: fn(payer: &str) -> String,
        pub total: &'static str,
        /// Below the statement: what the columns mean.
        pub statement_note: &'static str,
        /// The table of what each municipality pays, and its key column.
        pub by_municipality: &'static str,
        pub key: &'static str,
        /// Below it: how the payments are split.
        pub by_municipality_note: &'static str,
        /// The table of a capital stack's tranches: its heading and the rows' words (its
        /// part of the investment, of the fee, what it got).
        pub tranches: &'static str,
        pub tranche_invested: &'static str,
        pub tranche_fee: &'static str,
        pub tranche_received: &'static str,
        /// A tranche's gate as observed: met or missed.
        pub tranche_gate: fn(tranche: &str, met: bool) -> String,
        /// Below it: how the payments are shared.
        pub tranches_note: &'static str,
        /// A trigger as observed: the item, the input, its measured value, the threshold and
        /// whether it is met.
        pub trigger: fn(item: &str, input: &str, measured: &str, met: bool) -> String,
        /// What units already observed make due after the statement's last year.
        pub due_later: fn(item: &str, amount: &str, after: i32) -> String,
        /// The item's cap leaves only `amount` of it.
        pub due_later_capped: fn(item: &str, amount: &str) -> String,
        /// The caps that cut a payment, listed.
        pub bound: fn(caps: &str) -> String,
        pub item_cap: fn(item: &str) -> String,
        pub contract_cap: &'static str,
        pub return_cap: &'static str,
        /// The term has ended: the floor's top-up and the guarantee's draw.
        pub end_of_term: fn(top_up: &str, guarantee: &str) -> String,
        /// The term runs on: the floor and the guarantee come at its end.
        pub term_runs_to: fn(last: i32) -> String,
        /// The forecast's heading.
        pub forecast: fn(trials: &str, seed: u64) -> String,
        pub before_data: &'static str,
        pub given_data: &'static str,
        pub irr: &'static str,
        pub moic: &'static str,
        pub net_result: &'static str,
        pub hurdle_npv: &'static str,
        /// A payer's delta (NPV with the contract minus without).
        pub payer_delta: fn(payer: &str) -> String,
        /// P(loss) before and given the data.
        pub prob_loss: fn(before: &str, given: &str) -> String,
        /// The effective sample size and the inputs the data informed.
        pub ess: fn(ess: &str, trials: &str, inputs: &str) -> String,
        /// No uncertain input is informed by the data.
        pub nothing_informed: &'static str,
        pub ess_small: fn(ess: &str) -> String,
        pub unexplained: &'static str,
        pub forecast_note: &'static str,
        /// The workbook's sheets.
        pub sheet: &'static str,
        pub forecast_sheet: &'static str,
        /// The workbook's terms and columns.
        pub terms: &'static str,
        pub price: &'static str,
        pub cap: &'static str,
        pub trigger_met: &'static str,
        pub share: &'static str,
        pub units_of: fn(item: &str) -> String,
        pub capped_of: fn(item: &str) -> String,
        pub after_contract_cap: &'static str,
        pub account_before: &'static str,
        pub top_up: &'static str,
        pub guarantee: &'static str,
        pub sheet_note: &'static str,
    }
}

vocabulary! {
    /// The words of the settlement's HTML page (`somsim settle --format html`): the answer
    /// first, then the statement and the forecast, whose tables take [`Settle`]'s words.
    /// Numbers and names come in as HTML (escaped, or a number's element).
    pub struct SettlePage {
        /// The page's heading: `Settlement of the contract "X"`.
        pub heading: fn(contract: &str) -> String,
        /// The answer's first sentence: what the investor is paid in the last observed year.
        pub paid_in: fn(year: i32, amount: &str, investor: &str) -> String,
        /// Who pays it: one payer and its amount, listed after [`SettlePage::paid_in`].
        pub paid_by: fn(payer: &str, amount: &str) -> String,
        /// What the units already observed make due after the last observed year, within
        /// the caps the statement knows of.
        pub due_later: fn(amount: &str, after: i32) -> String,
        /// The expected end result for the investor given the data, with its 90% band and
        /// the IRR.
        pub end_result: fn(investor: &str, mean: &str, low: &str, high: &str, irr: &str) -> String,
        /// The investor's probability of a loss, given the data and before it.
        pub loss: fn(given: &str, before: &str) -> String,
        /// A payer's expected NPV with the contract minus without, given the data.
        pub payer_result: fn(payer: &str, mean: &str) -> String,
        /// The headings of the page's parts.
        pub evidence: &'static str,
        pub statement: &'static str,
        pub notes: &'static str,
        pub forecast: &'static str,
        /// The unit of the statement's amounts, and of the forecast's.
        pub ore: &'static str,
        pub kroner: &'static str,
        /// The footer: the files and the seed.
        pub footer: fn(file: &str, actuals: &str, seed: u64) -> String,
    }
}

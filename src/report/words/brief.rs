//! The words of the council brief (`somsim report --brief`).

/// What the brief's answer is made of, already written as the page shows it (numbers are
/// spans that carry their JSON pointers).
pub struct Answer<'a> {
    /// The perspective as the sentence's subject: `kommunen`, `the public sector`.
    pub who: &'a str,
    /// Whether it pays, is uncertain, or does not.
    pub verdict: crate::report::views::brief::Verdict,
    /// P(NPV > 0), mean NPV and its 90% interval, over the trials; `None` without them.
    pub trials: Option<AnswerTrials<'a>>,
    /// The base case's NPV.
    pub base: &'a str,
    /// The first year by which half the trials break even.
    pub median_year: Option<String>,
    /// The last year of the horizon.
    pub last: i32,
}

/// The trials' part of the answer.
pub struct AnswerTrials<'a> {
    pub prob: &'a str,
    pub mean: &'a str,
    pub low: &'a str,
    pub high: &'a str,
}

vocabulary! {
    /// Every text of the brief.
    pub struct Brief {
        pub title: &'static str,
        /// Under the title: for whom, the period, the price level.
        pub meta: fn(who: &str, first: i32, last: i32, price_year: i32) -> String,
        /// The one sentence that answers.
        pub answer: fn(a: &Answer) -> String,
        pub buys: &'static str,
        /// What it buys: `units` of `name` (`unit`) over the horizon.
        pub buys_units: fn(units: &str, name: &str, unit: &str, first: i32, last: i32) -> String,
        /// What a unit costs the perspective, in the base case and (where given) its 90% band.
        /// `cost` and the band are kroner.
        pub unit_cost: fn(who: &str, cost: &str, band: Option<(&str, &str)>) -> String,
        /// What a unit costs when the perspective saves more than it spends.
        pub unit_saving: fn(who: &str) -> String,
        pub evidence: &'static str,
        /// The budget table's heading.
        pub budget: fn(who: &str) -> String,
        pub in_current_prices: &'static str,
        /// The current prices' projection and the fixed prices' year.
        pub current_note: fn(projection: &str, price_year: i32) -> String,
        /// The projection's figures are not sourced.
        pub unsourced: &'static str,
        pub budget_note: &'static str,
        pub budget_contract_note: &'static str,
        pub year: &'static str,
        pub budget_year: &'static str,
        pub later_year: &'static str,
        pub base_case: &'static str,
        pub mean: &'static str,
        pub band_90: &'static str,
        pub invested: fn(investor: &str) -> String,
        pub repaid: fn(investor: &str) -> String,
        pub investors: &'static str,
        pub chart: &'static str,
        /// The chart's caption.
        pub chart_note: fn(who: &str) -> String,
        pub chart_axis: &'static str,
        pub municipalities: &'static str,
        pub municipality: &'static str,
        pub prob_positive: &'static str,
        /// Many municipalities in one sentence: how many, the spread of P(NPV > 0) and of the
        /// mean NPV.
        pub municipalities_folded: fn(n: usize, prob: (&str, &str), mean: (&str, &str)) -> String,
        pub contracts: &'static str,
        /// The contract's first line: what the investor pre-finances.
        pub prefinances: fn(investor: &str, amount: &str, years: Option<(i32, i32)>) -> String,
        /// The second: what the perspective repays, and until when.
        pub repays: fn(who: &str, investor: &str, amount: Option<&str>, last: i32) -> String,
        /// The third: how often the perspective is worse off than paying itself, and what the
        /// contract does to it on average.
        pub worse_off: fn(who: &str, prob: &str, mean: &str) -> String,
        /// The investor's risk, and the guarantee.
        pub investor_risk: fn(investor: &str, prob_loss: &str, guarantee: Option<(&str, &str, &str)>) -> String,
        /// The footer: seed, trials, engine.
        pub footer: fn(seed: Option<u64>, trials: Option<&str>, engine: &str) -> String,
        pub full_report: &'static str,
    }
}

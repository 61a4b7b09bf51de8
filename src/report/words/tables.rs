//! The words of the tables for a terminal (`run`, `compare`, `sensitivity`, `batch`, `deal`).

use crate::model::DiscountRule;
use rust_decimal::Decimal;

vocabulary! {
    /// Every text of the tables. Numbers and names come in already formatted (`&str`).
    pub struct Tables {
        // What many tables share.
        pub undefined: &'static str,
        /// A number that cannot be shown.
        pub not_available: &'static str,
        pub perspective: &'static str,
        pub npv: &'static str,
        pub pv_benefits: &'static str,
        pub pv_net_cost: &'static str,
        pub roi: &'static str,
        pub break_even: &'static str,
        pub net_cost_per_completer: &'static str,
        pub no_flows: &'static str,
        pub year: &'static str,
        pub costs: &'static str,
        pub benefits: &'static str,
        pub transfers: &'static str,
        pub contract: &'static str,
        pub net: &'static str,
        pub discount_factor: &'static str,
        pub discounted_net: &'static str,
        pub cumulative: &'static str,
        pub mean_npv: &'static str,
        /// The standard error's column.
        pub se: &'static str,
        pub median: &'static str,
        pub mean: &'static str,
        pub prob_positive: &'static str,
        pub prob_break_even: &'static str,
        pub prob_break_even_by: &'static str,
        pub never: &'static str,
        pub to: &'static str,
        pub none: &'static str,
        pub source: &'static str,
        pub investor: &'static str,
        pub moic: &'static str,
        pub irr_median: &'static str,
        pub prob_loss: &'static str,

        // The run: its header, base case, ledger and sources.
        /// The period and price level under the scenario's name.
        pub period: fn(file: &str, first: i32, last: i32, years: usize, price_year: i32) -> String,
        pub discounting: &'static str,
        /// The scenario's discounting rule, its rates given as the language writes a
        /// percentage (`3.5%`, `3,5 pct.`).
        pub discount_rule: fn(rule: &DiscountRule, pct: &dyn Fn(Decimal) -> String) -> String,
        /// The inputs converted to the price year, by an index.
        pub converted: fn(price_year: i32, index: &str, items: &str) -> String,
        /// One amount converted: the assumption, its price year, the scenario's, the factor.
        pub conversion: fn(what: &str, from: i32, to: i32, factor: &str) -> String,
        pub activity:
            fn(courses: &str, participants: &str, completers: &str, volunteers: &str) -> String,
        pub gross_cost: fn(gross: &str, discounted: &str) -> String,
        pub base_case: &'static str,
        /// The break-even column: the year, and how many years it takes.
        pub breaks_even: fn(year: i32, years: usize) -> String,
        /// The break-even column when the cumulative result stays below zero.
        pub none_by: fn(last: i32) -> String,
        pub per_completer_note: &'static str,
        /// A non-monetary outcome's units and cost per unit.
        pub non_monetary: fn(name: &str, units: &str, unit: &str, gross: &str, public: &str) -> String,
        /// The ledger rows a filter keeps.
        pub ledger_rows: fn(municipality: Option<&str>, payer: Option<&str>) -> String,
        pub ledger_title: fn(rows: &str) -> String,
        pub no_assumptions: &'static str,
        pub assumptions_used: &'static str,
        pub in_prices: fn(year: i32) -> String,
        pub changed_here: &'static str,

        // The Monte Carlo.
        pub monte_carlo: fn(trials: &str, seed: u64, inputs: usize, latin_hypercube: bool) -> String,
        /// `--precision`'s target and what it reached; the trials it needs when it stopped short.
        pub precision: fn(target: f64, achieved: f64, trials_needed: Option<f64>) -> String,
        pub by_year: fn(year: i32) -> String,
        pub npv_over_trials: &'static str,
        pub not_shown: fn(list: &str) -> String,
        pub public_break_even: fn(mid: i32, p_mid: &str, last: i32, p_last: &str) -> String,
        pub rank_correlations: &'static str,
        pub own_budget: &'static str,
        pub prob_break_even_in: fn(year: i32) -> String,
        /// The lowest, median and highest probability over the municipalities.
        pub spread: fn(low: &str, low_name: &str, median: &str, high: &str, high_name: &str) -> String,
        pub own_npv_spread: fn(spread: &str) -> String,
        pub own_break_even_spread: fn(year: i32, spread: &str) -> String,
        pub every_percentile: fn(municipalities: usize) -> String,
        pub municipal_break_even: &'static str,

        // Cost-effectiveness.
        pub cost_effectiveness: fn(name: &str, unit: &str, units: &str, discounting: &str) -> String,
        pub ce_net_cost: &'static str,
        pub ce_per_unit: &'static str,
        pub ce_icer: &'static str,
        pub ce_interval: &'static str,
        pub ce_prob_effect: &'static str,
        pub ce_threshold: &'static str,
        pub at_the_means: &'static str,
        pub society_welfare_note: &'static str,
        pub acceptability: &'static str,
        pub lambda: &'static str,

        // The societal perspective.
        pub society: fn(net_tax_factor: &str, tax_distortion: &str) -> String,
        pub part: &'static str,
        pub in_budgets: &'static str,
        pub for_society: &'static str,
        pub zero_parts: fn(list: &str) -> String,
        pub financing_need: fn(need: &str, source: &str) -> String,
        pub unvalued: fn(list: &str) -> String,
        pub welfare_value: fn(name: &str, value: &str, source: &str) -> String,

        // Compare.
        pub comparison: fn(scenarios: usize, trials: &str, seed: u64) -> String,
        pub base_npv: &'static str,
        pub perspective_npv: fn(name: &str) -> String,
        pub difference: &'static str,
        pub base: &'static str,
        pub beats_first: &'static str,
        pub paired: fn(file: &str, versus: &str) -> String,
        pub moic_mean: &'static str,
        pub expected_loss: &'static str,
        pub worst_5: &'static str,
        pub prob_payer_worse: &'static str,
        pub contracts_same_trials: &'static str,
        // Options (three or more scenarios).
        pub options_title: fn(outcome: &str) -> String,
        pub options_perspective: fn(perspective: &str) -> String,
        pub no_course: &'static str,
        pub option: &'static str,
        pub units: &'static str,
        pub net_cost_kroner: &'static str,
        pub frontier: &'static str,
        pub efficient: &'static str,
        pub efficient_icer: fn(icer: &str) -> String,
        pub strongly_dominated: fn(by: usize) -> String,
        pub extendedly_dominated: fn(a: usize, b: usize) -> String,
        pub price_per_unit: &'static str,
        pub prob_best_of: fn(option: usize) -> String,
        pub best_on_average: &'static str,
        pub evpi_options: &'static str,
        pub options_note: &'static str,

        // Contracts.
        pub contract_title: fn(name: &str, investor: &str, last_year: i32, source: &str) -> String,
        /// Between the last two of a list of names.
        pub and: &'static str,
        /// Municipalities that may stop after a year (`stop`), each with a probability; the
        /// base case counts `running` of their courses after it.
        pub volume_risk:
            fn(names: &str, several: bool, after: i32, probability: &str, running: &str) -> String,
        /// Municipalities that stop after a year for certain (`stop` with probability 1).
        pub volume_stop: fn(names: &str, several: bool, after: i32) -> String,
        pub base_case_kroner: &'static str,
        pub invested: &'static str,
        pub due: &'static str,
        pub paid: &'static str,
        pub investor_net: &'static str,
        pub caps_bind: &'static str,
        /// The contract's base case: every amount, the MOIC, the IRR and the caps that bind.
        pub contract_base: fn(
            invested: &str,
            received: &str,
            top_up: &str,
            guarantee: &str,
            moic: &str,
            irr: &str,
            caps: &str,
        ) -> String,
        pub investor_over_trials: &'static str,
        pub irr: &'static str,
        pub net_result: &'static str,
        pub irr_undefined_in: fn(share: &str) -> String,
        /// Beside an EVPPI at or below the noise floor.
        pub noise_mark: &'static str,
        /// The EVPPI's noise floor, and what it means.
        pub evppi_noise: fn(floor: &str, inputs: usize) -> String,
        /// The EVPI lies in several inputs together: no single one's EVPPI is above the floor.
        pub evpi_only_together: &'static str,
        /// A named group's EVPPI above its floor, where no single input's is.
        pub group_decides: fn(group: &str, evppi: &str) -> String,
        /// The share of trials with several IRRs (the one nearest 10% counted).
        pub irr_several_in: fn(share: &str) -> String,
        pub investor_risk: fn(loss: &str, expected: &str, worst: &str, irr_undefined: &str) -> String,
        pub trigger_met: &'static str,
        pub cap_binds: &'static str,
        pub contract_cap_binds: &'static str,
        pub return_cap_binds: &'static str,
        pub floor_used: fn(p: &str, mean: &str) -> String,
        pub guarantee_drawn: fn(p: &str, mean: &str) -> String,
        pub payer_effects: &'static str,
        pub base_delta: &'static str,
        pub mean_delta: &'static str,
        pub prob_worse: &'static str,
        pub delta_note: &'static str,

        // Paying on a measured outcome.
        /// The table of measured items: its first header.
        pub measured_items: &'static str,
        pub measured_by: &'static str,
        /// P(met on the measured value | met on the true value).
        pub met_if_true_met: &'static str,
        /// P(met on the measured value | missed on the true value).
        pub met_if_true_missed: &'static str,
        pub mean_due_measured: &'static str,
        pub mean_due_true: &'static str,
        /// The share of what falls due that pays for measurement error.
        pub error_share: &'static str,
        /// A measurement's kind as JSON names it (`randomised`, ...), in words.
        pub measurement_kind: fn(kind: &str) -> &'static str,
        /// Under the table: what it says.
        pub measured_note: &'static str,
        /// A measured trigger's P(met) by the true value of its input (`bins`: `from–to: p`,
        /// joined).
        pub power_curve: fn(item: &str, bins: &str) -> String,
        /// The investor against the ideal contract: mean MOIC, P(loss), expected loss, each
        /// measured and ideal, and the shares of trials that pay more and less.
        pub versus_ideal: fn(
            moic: [&str; 2],
            loss: [&str; 2],
            expected: [&str; 2],
            more: &str,
            less: &str,
        ) -> String,
        /// The investor's exposure: the peak of capital outstanding in the base case, its mean
        /// and 95th percentile over the trials, and the most frequent year of the peak with
        /// its share of the trials.
        pub exposure: fn(base: &str, mean: &str, p95: &str, year: i32, share: &str) -> String,
        /// The investor's NPV at its hurdle rate: the rate, the base case, the mean, P(< 0).
        pub hurdle: fn(rate: &str, base: &str, mean: &str, below: &str) -> String,
        /// The payers' table against the ideal contract: its headers.
        pub payers_versus_ideal: &'static str,
        pub mean_delta_ideal: &'static str,
        pub prob_worse_ideal: &'static str,

        // The deal space.
        pub deal_space:
            fn(contract: &str, investor: &str, combinations: usize, trials: &str, seed: u64) -> String,
        pub investor_limit: fn(p: &str) -> String,
        pub payer_limit: fn(p: &str) -> String,
        pub limits: &'static str,
        pub expected_loss_kroner: &'static str,
        pub worst_5_kroner: &'static str,
        pub payer_delta: fn(payer: &str) -> String,
        pub payer_worse: fn(payer: &str) -> String,
        pub accepted: &'static str,
        pub accepted_by_both: &'static str,
        pub accepted_by_investor: &'static str,
        pub accepted_by_payers: &'static str,
        pub accepted_by_neither: &'static str,
        pub deal_note: &'static str,
        pub investor_lowest: &'static str,
        pub payer_highest: fn(payer: &str) -> String,
        pub both_accept: &'static str,
        pub no_limit: &'static str,
        pub acceptable: fn(term: &str) -> String,
        /// `deal --solve`: the title, with the solved term and the search range.
        pub solved: fn(term: &str, low: &str, high: &str) -> String,
        pub solved_moic_one: &'static str,
        pub solved_investor: &'static str,
        pub solved_payer: fn(payer: &str) -> String,
        pub whole_range: &'static str,
        pub solved_note: &'static str,

        // Sensitivity.
        pub sensitivity: fn(scenario: &str, file: &str, trials: &str, seed: u64) -> String,
        pub sensitivity_perspective: fn(name: &str, npv_at_means: &str) -> String,
        pub one_way: &'static str,
        pub input_range: &'static str,
        pub npv_at_10: &'static str,
        pub npv_at_90: &'static str,
        pub swing: &'static str,
        pub global: &'static str,
        pub spearman: &'static str,
        pub variance_share: &'static str,
        pub evppi: &'static str,
        /// The header of the named groups of inputs' EVPPI.
        pub inputs_together: &'static str,
        pub evpi: fn(perspective: &str, evpi: &str) -> String,
        /// Where a share `p` (0 to 1) of its distribution lies below a value.
        pub percentile_of: fn(p: f64) -> String,
        /// An input's switching value: above (or below) it the NPV is positive.
        pub switches_at: fn(input: &str, above: bool, value: &str, place: &str) -> String,
        pub never_switches: fn(perspective: &str) -> String,
        pub switching_values: &'static str,
        /// A proposed study: its name, the input it measures and what it counts.
        pub study_title: fn(name: &str, input: &str, outcome: &str) -> String,
        pub study_normal: &'static str,
        pub study_binary: &'static str,
        /// The measured input is fixed in this run: a study of it is worth nothing.
        pub study_fixed: fn(input: &str) -> String,
        pub study_count: &'static str,
        /// The study's cost: fixed, and per participant in either arm.
        pub study_cost: fn(fixed: &str, per_participant: &str) -> String,
        /// The population the study's value is scaled to.
        pub study_population:
            fn(per_year: &str, years: u32, discounted: &str, scenario: &str, factor: &str) -> String,
        pub n_per_arm: &'static str,
        pub cost_kroner: &'static str,
        pub evsi_of: fn(perspective: &str) -> String,
        pub enbs_of: fn(perspective: &str) -> String,
        /// The size with the largest ENBS, and the sizes within 5% of it.
        pub best_size: fn(perspective: &str, n: u32, enbs: &str, low: u32, high: u32) -> String,
        /// No size's ENBS is above 0.
        pub no_size_pays: fn(perspective: &str, best: &str, evppi: &str) -> String,
        pub evsi_note: &'static str,
        /// Beside the study table when an EVSI is marked as noise.
        pub evsi_noise: &'static str,

        // Batch.
        pub file: &'static str,
        pub public_base_npv: &'static str,
        pub public_mean_npv: &'static str,
        pub status: &'static str,
        pub ok: &'static str,
        pub error: &'static str,
        pub batch: fn(rows: usize, trials: &str, seed: u64) -> String,
        /// A perspective's base-case and mean NPV columns (`--perspective`).
        pub base_npv_of: fn(perspective: &str) -> String,
        pub mean_npv_of: fn(perspective: &str) -> String,

        // Focus (`--perspective`, `--full`, `--set`).
        /// The inputs changed on the command line, `PATH = VALUE; ...`.
        pub changed_by_set: fn(items: &str) -> String,
        /// Where the rest of a short run's output is.
        pub more_tables: &'static str,

        // The budget view.
        /// Its title: the years, the projection, the price year of the fixed prices.
        pub budget_title: fn(first: i32, last: i32, projection: &str, price_year: i32) -> String,
        pub prices: &'static str,
        pub pl_factor: &'static str,
        pub fixed_prices: fn(price_year: i32) -> String,
        pub current_prices: &'static str,
        pub projection_source: fn(source: &str) -> String,
        /// A projection whose figures are not sourced, with its note.
        pub projection_unsourced: fn(note: &str) -> String,
        /// Compared scenarios that give the same NPV in every trial for a perspective.
        pub no_difference: fn(perspective: &str) -> String,
        /// An outcome whose units are zero in every trial (as the paired difference of two
        /// scenarios with the same effect is).
        pub no_paired_difference: fn(outcome: &str) -> String,
    }
}

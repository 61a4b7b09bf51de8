//! The words of the workbook (`--format xlsx`): its sheets' names, headers, notes and charts.

vocabulary! {
    /// The names of the workbook's sheets (the formulas refer to them).
    pub struct Sheets {
        /// The first sheet: what the workbook is and how to use it.
        pub about: &'static str,
        pub perspectives: &'static str,
        pub budget: &'static str,
        /// The budget years in current prices (a scenario with `budget:`).
        pub budget_current: &'static str,
        pub ledger: &'static str,
        pub activity: &'static str,
        pub costs: &'static str,
        pub transfers: &'static str,
        pub benefits: &'static str,
        pub society: &'static str,
        pub discounting: &'static str,
        pub inputs: &'static str,
        pub monte_carlo: &'static str,
        pub municipalities: &'static str,
        pub cost_effectiveness: &'static str,
        /// The paired cost-effectiveness of scenario `k` (2, 3, ...) against the first.
        pub cost_effectiveness_of: fn(k: usize) -> String,
        pub contracts: &'static str,
        pub batch: &'static str,
        pub deal_space: &'static str,
        /// The proposed studies of `sensitivity`: EVSI and ENBS against n.
        pub studies: &'static str,
        /// A sheet named after something whose name leaves nothing Excel allows.
        pub unnamed: &'static str,
    }
}

vocabulary! {
    /// What each sheet holds, one line a sheet, on the first sheet (About).
    pub struct SheetNotes {
        pub perspectives: &'static str,
        pub budget: &'static str,
        /// The budget years in current prices (a scenario with `budget:`).
        pub budget_current: &'static str,
        pub ledger: &'static str,
        pub activity: &'static str,
        pub costs: &'static str,
        pub transfers: &'static str,
        pub benefits: &'static str,
        pub society: &'static str,
        pub discounting: &'static str,
        pub inputs: &'static str,
        pub monte_carlo: &'static str,
        pub municipalities: &'static str,
        pub cost_effectiveness: &'static str,
        pub contracts: &'static str,
    }
}

vocabulary! {
    /// The first sheet of a workbook of results: what it holds (values, not formulas), how to
    /// ask "what if" instead, and what each sheet holds.
    pub struct ResultsAbout {
        /// What the workbook holds and why nothing in it recalculates.
        pub intro: &'static str,
        /// How to ask "what if" instead.
        pub what_if: &'static str,
        /// The command that wrote it.
        pub command: &'static str,
        /// The scenarios (or scenario) it is about.
        pub scenarios: &'static str,
        /// The title of a comparison's first sheet.
        pub comparison_of: fn(scenarios: usize) -> String,
        /// The title of a sensitivity analysis's first sheet.
        pub sensitivity_of: fn(scenario: &str) -> String,
        /// A perspective's sheet of `compare`.
        pub compare_perspective: &'static str,
        pub compare_contracts: &'static str,
        pub compare_cost_effectiveness: &'static str,
        /// A perspective's sheet of `sensitivity`.
        pub sensitivity_perspective: &'static str,
        /// The proposed studies' sheet of `sensitivity`.
        pub sensitivity_studies: &'static str,
        pub batch: &'static str,
        pub deal_space: &'static str,
    }
}

vocabulary! {
    /// The first sheet: what the workbook is, how to change an input, what each sheet holds,
    /// what each perspective means, and the colour key.
    pub struct About {
        pub title: &'static str,
        pub what: &'static str,
        pub intro: &'static str,
        pub file: &'static str,
        pub period_name: &'static str,
        pub period: fn(first: i32, last: i32) -> String,
        pub prices: &'static str,
        pub monte_carlo: &'static str,
        pub made_by: &'static str,
        pub how_to_change: &'static str,
        /// The lines on changing an input: where, recalculation, the Monte Carlo, fixed
        /// assumptions.
        pub change: [&'static str; 4],
        pub where_sheet: &'static str,
        pub where_cells: &'static str,
        pub where_what: &'static str,
        pub inputs_cells: &'static str,
        pub society_cells: &'static str,
        pub discounting_cells: &'static str,
        /// The price and wage projection's rates (a scenario with `budget:`).
        pub projection_cells: &'static str,
        pub colours: &'static str,
        pub input_cell: &'static str,
        pub helper_cell: &'static str,
        pub sheets: &'static str,
        pub sheet: &'static str,
        pub holds: &'static str,
        pub notes: SheetNotes,
        pub perspectives: &'static str,
        pub means: &'static str,
        /// What a perspective means: the shipped perspectives' keys (`kommune`, `public`,
        /// `fund`, ...); `None` for a perspective of the scenario's own.
        pub perspective_means: fn(key: &str) -> Option<&'static str>,
        pub own_perspective: &'static str,
        /// The page footer (Excel's codes: `&P` the page, `&N` the pages).
        pub footer: &'static str,
    }
}

vocabulary! {
    /// Every text of the workbook.
    pub struct Workbook {
        pub sheets: Sheets,
        /// The first sheet.
        pub about: About,
        /// The first sheet of a workbook of results (`compare`, `sensitivity`, `batch`,
        /// `deal`).
        pub results_about: ResultsAbout,
        /// A note on the helper columns (0/1 flags, `9999` for none, row numbers) where they
        /// are grouped and hidden.
        pub perspectives_helpers: &'static str,
        pub ledger_helpers: &'static str,
        /// A perspective's name: the shipped perspectives' keys in the language (`public`:
        /// `offentlig`), a perspective of the scenario's own by its name.
        pub perspective_name: fn(key: &str) -> String,

        // The line under each sheet's title, and what many sheets share.
        pub in_prices: fn(price_year: i32) -> String,
        pub monte_carlo_line: fn(trials: usize, seed: u64, latin_hypercube: bool) -> String,
        pub base_case_only: &'static str,
        pub parts_of_long_sums: &'static str,
        pub year: &'static str,
        pub municipality: &'static str,
        pub payer: &'static str,
        pub payers: &'static str,
        pub perspective: &'static str,
        pub scenario: &'static str,
        pub contract: &'static str,
        pub investor: &'static str,
        pub npv: &'static str,
        pub mean: &'static str,
        pub median: &'static str,
        pub base: &'static str,
        pub net: &'static str,
        pub discount_factor: &'static str,
        pub discounted_net: &'static str,
        pub prob_positive: &'static str,
        pub undefined: &'static str,
        pub none: &'static str,
        pub yes: &'static str,
        pub no: &'static str,
        pub source: &'static str,
        pub unit: &'static str,
        pub input: &'static str,
        pub defined_at: &'static str,
        pub kroner: &'static str,

        // Discounting and Perspectives.
        pub rate: &'static str,
        pub perspectives_note: &'static str,
        pub pv_benefits: &'static str,
        pub pv_net_cost: &'static str,
        pub roi: &'static str,
        pub break_even_year: &'static str,
        pub cumulative: &'static str,
        pub from_here_on: &'static str,
        pub break_even_candidate: &'static str,
        pub society_payers: &'static str,

        // Inputs.
        pub inputs_note: &'static str,
        pub mean_to_change: &'static str,
        pub distribution: &'static str,
        pub per_municipality: &'static str,
        pub pooled: fn(pooling: &str) -> String,
        pub assumption: &'static str,
        pub value: &'static str,
        pub price_year: &'static str,
        pub changed_here: &'static str,
        pub correlation_between: &'static str,
        pub and: &'static str,
        pub target: &'static str,
        pub achieved: &'static str,
        pub no_monte_carlo: &'static str,

        // Monte Carlo and Municipalities.
        pub no_monte_carlo_ran: &'static str,
        pub npv_over_trials: &'static str,
        pub sd: &'static str,
        pub se: &'static str,
        pub prob_no_break_even: &'static str,
        pub prob_break_even_by_year: &'static str,
        /// A histogram's title: the perspective and its P(NPV > 0), a share from 0 to 1.
        pub histogram: fn(perspective: &str, prob_positive: f64) -> String,
        pub same_npv: &'static str,
        pub npv_from: &'static str,
        pub to_kroner: &'static str,
        pub trials: &'static str,
        pub share: &'static str,
        pub share_of_trials: &'static str,
        pub municipalities_note: &'static str,
        pub municipalities_by_year_note: &'static str,
        pub prob_break_even_in: fn(year: i32) -> String,

        // Budget.
        /// The Budget sheet's note; `current`: the sheet with the budget years in current
        /// prices, where the scenario has a `budget:`.
        pub budget_note: fn(price_year: i32, current: Option<&str>) -> String,
        /// The sheet of the budget years in current prices: what it computes.
        pub budget_current_note: fn(price_year: i32) -> String,
        pub projection: &'static str,
        pub projection_source: &'static str,
        pub projection_file: &'static str,
        pub projection_note: &'static str,
        /// The warning beside rates that are not from a published source (`sourced: false`).
        pub projection_unsourced: &'static str,
        /// The rate column: the rise from the year before.
        pub projection_rate: &'static str,
        /// The factor column: from `price_year` prices to the year's current prices.
        pub projection_factor: fn(price_year: i32) -> String,
        /// A perspective's net in `price_year` prices (fixed prices).
        pub budget_fixed: fn(perspective: &str, price_year: i32) -> String,
        /// A perspective's net in the year's current prices.
        pub budget_current: fn(perspective: &str) -> String,
        pub budget_year: fn(year: i32) -> String,
        /// The `i`-th year after the budget year (overslagsår).
        pub estimate_year: fn(year: i32, i: usize) -> String,

        // Cost-effectiveness.
        pub ce_note: &'static str,
        pub ce_effect: &'static str,
        pub ce_cost: &'static str,
        pub ce_per_unit: &'static str,
        pub ce_mean_effect: &'static str,
        pub ce_mean_cost: &'static str,
        pub ce_icer: &'static str,
        pub ce_p5: &'static str,
        pub ce_p95: &'static str,
        pub ce_threshold: &'static str,
        pub ce_prob_effect: &'static str,
        pub acceptability: fn(outcome: &str) -> String,
        pub lambda: &'static str,
        pub price_axis: &'static str,
        pub prob_net_benefit: &'static str,
        /// The title of the EVPI curve of an outcome.
        pub evpi_over_price: fn(outcome: &str) -> String,
        pub evpi_axis: &'static str,
        /// The title of the cost-effectiveness plane of an outcome from a perspective.
        pub plane: fn(outcome: &str, perspective: &str) -> String,
        /// Under the plane's title: how many trials it shows.
        pub plane_note: fn(shown: usize) -> String,
        pub trial: &'static str,
        pub plane_effect: &'static str,
        pub plane_cost: &'static str,
        pub trials_series: &'static str,
        pub threshold_line: &'static str,
        pub plane_effect_axis: &'static str,
        pub plane_cost_axis: &'static str,
        /// The title of a proposed study's value against its size.
        pub study: fn(name: &str) -> String,
        pub study_n: &'static str,
        pub study_cost: &'static str,
        pub study_evsi: fn(perspective: &str) -> String,
        pub study_enbs: fn(perspective: &str) -> String,
        /// The chart of a study for one perspective.
        pub study_chart: fn(name: &str, perspective: &str) -> String,
        pub study_axis_n: &'static str,
        pub study_axis_kroner: &'static str,

        // Compare.
        pub compare_line: fn(trials: usize, seed: u64) -> String,
        pub comparison: fn(perspective: &str) -> String,
        pub base_npv: &'static str,
        pub mean_npv: &'static str,
        pub prob_break_even: &'static str,
        pub difference: &'static str,
        pub beats_first: &'static str,
        pub contracts_same_trials: &'static str,
        pub irr_median: &'static str,
        pub moic_mean: &'static str,
        pub prob_loss: &'static str,
        pub expected_loss: &'static str,
        pub worst_5: &'static str,
        pub paired: fn(file: &str, versus: &str) -> String,

        // Sensitivity.
        pub sensitivity_line: fn(file: &str, trials: usize, seed: u64) -> String,
        pub drives: fn(scenario: &str, perspective: &str) -> String,
        pub one_way: fn(npv_at_means: f64) -> String,
        pub p10: &'static str,
        pub p90: &'static str,
        pub npv_at_10: &'static str,
        pub npv_at_90: &'static str,
        pub swing: &'static str,
        pub change_at_10: &'static str,
        pub change_at_90: &'static str,
        pub tornado: fn(perspective: &str) -> String,
        pub input_at_10: &'static str,
        pub input_at_90: &'static str,
        pub spearman: &'static str,
        pub variance_share: &'static str,
        pub switching_value: &'static str,
        pub its_percentile: &'static str,
        pub none_in_range: &'static str,
        pub value_of_information: &'static str,
        pub evpi: &'static str,
        pub evppi: fn(input: &str) -> String,

        // Ledger.
        pub ledger_note: &'static str,
        pub costs: &'static str,
        pub avoided: &'static str,
        pub transfers: &'static str,
        pub municipality_no: &'static str,
        pub payer_no: &'static str,

        // Society.
        pub society_note: &'static str,
        pub present_value: &'static str,
        /// The rows of the Society sheet, in its order: the discount factor; costs and benefits
        /// of every payer; the transfer and production classes' costs and benefits; the public
        /// net; volunteer time and welfare gains valued; resources, production and transfers in
        /// the budgets; resources and production times the net tax factor, transfers, volunteer
        /// time, welfare gains and the tax distortion for society; society's net, benefits and
        /// costs.
        pub society_rows: [&'static str; 22],
        pub net_tax_factor: &'static str,
        pub tax_distortion_factor: &'static str,
        pub source_is: fn(source: &str) -> String,

        // The workings: Activity, Costs, Transfers, Benefits.
        /// The Activity sheet's measures: courses started, enrolled, completers, volunteers
        /// trained.
        pub measures: [&'static str; 4],
        pub activity_note: &'static str,
        pub measure: &'static str,
        pub costs_note: &'static str,
        pub cost_line: &'static str,
        pub driver: &'static str,
        /// A cost line's driver (`per_course`: the scenario's key in English).
        pub driver_name: fn(crate::model::Driver) -> &'static str,
        pub counts: &'static str,
        pub split_into: &'static str,
        pub quantity_unit_cost: &'static str,
        pub all_municipalities: &'static str,
        /// The payer column of a volunteer time line.
        pub volunteers: &'static str,
        pub transfers_note: &'static str,
        pub transfer: &'static str,
        pub from: &'static str,
        pub to: &'static str,
        pub amount: &'static str,
        pub benefits_note: &'static str,
        pub paid_by: fn(shares: &str) -> String,
        pub effect: &'static str,
        pub value_per_completer: &'static str,
        pub attrition: &'static str,
        pub years_after: &'static str,
        pub profile: &'static str,
        pub survival: &'static str,
        pub weight: &'static str,
        pub avoided_kroner: &'static str,
        /// The heading of a non-monetary outcome's block of units on the Benefits sheet.
        pub units_of: fn(outcome: &str, unit: &str) -> String,
        pub units_note: &'static str,
        pub units_per_completer: &'static str,
        pub completers_all: &'static str,
        pub units_in_year: &'static str,
        pub units_total: &'static str,
        /// The effect the cost-effectiveness analysis divides by: the units discounted (or not).
        pub units_effect: &'static str,

        // The Contracts sheet.
        pub contract_note: &'static str,
        pub contract_invested: &'static str,
        pub contract_cohort: &'static str,
        pub contract_units: &'static str,
        pub contract_units_due: &'static str,
        pub contract_due: &'static str,
        pub contract_after_item_cap: &'static str,
        pub contract_savings: &'static str,
        pub contract_gain_share: &'static str,
        pub contract_due_total: &'static str,
        pub contract_after_cap: &'static str,
        pub contract_account: &'static str,
        pub contract_paid: &'static str,
        pub contract_account_after: &'static str,
        pub contract_total_invested: &'static str,
        pub contract_total_paid: &'static str,
        pub contract_top_up: &'static str,
        pub contract_guarantee: &'static str,
        pub contract_key: &'static str,

        // A report's CSV table on one sheet.
        pub batch: &'static str,
        pub deal_space: fn(scenario: &str, contract: &str) -> String,
    }
}

//! The English vocabulary.
//!
//! One `const` holding every word and sentence the tables, the report page and the workbook
//! show in English: long because it is the whole vocabulary, kept in one place so that each
//! language's words are read (and reviewed by a native reader) together.

use super::*;

pub(super) const EN: Words = Words {
    lang: Lang::En,
    parts: SocietyParts {
        resource: Named {
            label: "Resources (× net tax factor)",
            name: "resources",
        },
        production: Named {
            label: "Production (× net tax factor)",
            name: "production",
        },
        transfer: Named {
            label: "Transfers (net out)",
            name: "transfers",
        },
        volunteer_time: Named {
            label: "Volunteer time",
            name: "volunteer time",
        },
        welfare: Named {
            label: "Welfare gains",
            name: "welfare gains",
        },
        tax_distortion: Named {
            label: "Tax distortion",
            name: "tax distortion",
        },
    },
    quadrants: Quadrants {
        dominant: "more units at a saving",
        costs_more: "more units at a cost",
        dominated: "fewer units at a cost",
        saves_with_fewer_units: "fewer units at a saving",
        same_units: "the same units",
    },
    discounted: "discounted",
    not_discounted: "not discounted",
    tables: Tables {
        undefined: "undefined",
        not_available: "n/a",
        perspective: "Perspective",
        npv: "NPV",
        pv_benefits: "PV benefits",
        pv_net_cost: "PV net cost",
        roi: "ROI",
        break_even: "Break-even",
        net_cost_per_completer: "Net cost / completer",
        no_flows: "no flows",
        year: "Year",
        costs: "Costs",
        benefits: "Benefits",
        transfers: "Transfers",
        contract: "Contract",
        net: "Net",
        discount_factor: "Discount factor",
        discounted_net: "Discounted net",
        cumulative: "Cumulative",
        mean_npv: "Mean NPV",
        se: "± se",
        median: "Median",
        mean: "Mean",
        prob_positive: "P(NPV > 0)",
        prob_break_even: "P(break-even)",
        prob_break_even_by: "P(break-even by)",
        never: "Never",
        to: "to",
        none: "none",
        source: "source",
        investor: "Investor",
        moic: "MOIC",
        irr_median: "IRR median",
        prob_loss: "P(loss)",

        period: |file, first, last, years, price_year| {
            format!("{file} · {first}-{last} ({years} years) · DKK in {price_year} prices")
        },
        discounting: "Discounting",
        // The English the model gives (JSON's), its percentages as written.
        discount_rule: |rule, _| rule.to_string(),
        converted: |price_year, index, items| {
            format!("Converted to {price_year} prices with {index}: {items}")
        },
        conversion: |what, from, to, factor| format!("{what} {from}->{to} x{factor}"),
        activity: |courses, participants, completers, volunteers| {
            format!(
                "Activity: {courses} courses · {participants} participants · {completers} completers · {volunteers} volunteers trained"
            )
        },
        gross_cost: |gross, discounted| {
            format!("Gross cost of the intervention: {gross} DKK ({discounted} DKK discounted)")
        },
        base_case: "Base case: uncertain inputs at their mean; DKK, whole kroner (JSON and CSV carry øre)",
        breaks_even: |year, years| {
            format!("{year} ({years} yr{})", if years == 1 { "" } else { "s" })
        },
        none_by: |last| format!("none by {last}"),
        per_completer_note: "Net cost / completer is discounted (PV net cost / completers).",
        non_monetary: |name, units, unit, gross, public| {
            format!(
                "{name}: {units} {unit} over the horizon; gross cost {gross} DKK per unit, public net cost {public} DKK per unit"
            )
        },
        ledger_rows: |municipality, payer| match (municipality, payer) {
            (None, None) => "all municipalities, all payers".to_owned(),
            (Some(m), None) => format!("{m}, all payers"),
            (None, Some(p)) => format!("all municipalities, payer {p}"),
            (Some(m), Some(p)) => format!("{m}, payer {p}"),
        },
        ledger_title: |rows| format!("Ledger ({rows}), DKK:"),
        no_assumptions: "Assumptions used: none (every value is written in the scenario).",
        assumptions_used: "Assumptions used:",
        in_prices: |year| format!("{year} prices"),
        changed_here: "changed for this scenario",

        monte_carlo: |trials, seed, inputs, latin_hypercube| {
            if latin_hypercube {
                format!(
                    "Monte Carlo: {trials} trials by Latin hypercube sampling in blocks of 256, seed {seed} (rerun with --seed {seed} --sampling latin-hypercube to reproduce); {inputs} uncertain inputs"
                )
            } else {
                format!(
                    "Monte Carlo: {trials} trials, seed {seed} (rerun with --seed {seed} to reproduce); {inputs} uncertain inputs"
                )
            }
        },
        precision: |target, achieved, trials_needed| {
            let short = trials_needed.map_or_else(String::new, |n| {
                format!(
                    " (stopped before reaching the target, which needs about {n:.1e} trials; raise --max-trials or the target)"
                )
            });
            format!("Precision: target {target}, reached {achieved:.4}{short}")
        },
        by_year: |year| format!("by {year}"),
        npv_over_trials: "NPV over trials, DKK:",
        not_shown: |list| format!("Not shown (no flows in this scenario): {list}."),
        public_break_even: |mid, p_mid, last, p_last| {
            format!("P(public sector breaks even by {mid}) = {p_mid}; by {last} = {p_last}")
        },
        rank_correlations: "Rank correlations (target / achieved over the trials):",
        own_budget: "Municipality's own budget (kommune)",
        prob_break_even_in: |year| format!("P(break-even by {year})"),
        spread: |low, low_name, median, high, high_name| {
            format!("lowest {low} ({low_name}), median {median}, highest {high} ({high_name})")
        },
        own_npv_spread: |spread| format!("P(a municipality's own NPV > 0): {spread}."),
        own_break_even_spread: |year, spread| {
            format!("P(a municipality breaks even by {year}): {spread}.")
        },
        every_percentile: |n| {
            format!(
                "Percentiles for all {n} municipalities: --format json (monte_carlo.municipalities) or --format csv --municipalities."
            )
        },
        municipal_break_even: "Each municipality's probability of break-even by year: --municipal-break-even.",

        cost_effectiveness: |name, unit, units, discounting| {
            format!(
                "Cost-effectiveness: {name}\n  unit: {unit}; {units} units in the base case, {discounting}"
            )
        },
        ce_net_cost: "PV net cost, kr.",
        ce_per_unit: "Per unit, kr.",
        ce_icer: "ICER (MC), kr./unit",
        ce_interval: "Per unit P5 to P95, kr.",
        ce_prob_effect: "P(effect > 0)",
        ce_threshold: "λ*, kr./unit",
        at_the_means: "At the means",
        society_welfare_note: "society: the net cost already counts the valued welfare gains; its price per unit is what a unit must be worth beyond them.",
        acceptability: "Acceptability curve: P(net benefit > 0) at a price per unit λ (net benefit = λ × units − net cost)",
        lambda: "λ, kr./unit",

        society: |naf, distortion| {
            format!(
                "Societal perspective (society), present value, DKK: net tax factor {naf}, tax distortion factor {distortion}"
            )
        },
        part: "Part",
        in_budgets: "In the budgets",
        for_society: "For society",
        zero_parts: |list| format!("Zero in this scenario: {list}."),
        financing_need: |need, source| {
            format!("Public financing need (present value): {need} DKK. Source: {source}")
        },
        unvalued: |list| {
            format!(
                "Not valued in kroner: {list}. The gain counts in the cost-effectiveness, not in society's NPV."
            )
        },
        welfare_value: |name, value, source| {
            format!("{name}: {value} DKK per unit. Source: {source}")
        },

        comparison: |n, trials, seed| {
            format!(
                "Comparison of {n} scenarios: {trials} trials each, seed {seed} (common random numbers)"
            )
        },
        base_npv: "Base NPV",
        perspective_npv: |name| format!("Perspective {name}, NPV in DKK:"),
        difference: "Difference",
        base: "Base",
        beats_first: "P(beats [1])",
        paired: |file, versus| format!("{file} against {versus}, paired differences:"),
        moic_mean: "MOIC mean",
        expected_loss: "E[loss]",
        worst_5: "Worst 5%",
        prob_payer_worse: "P(payer worse off)",
        contracts_same_trials: "Contracts, on the same trials (amounts in DKK):",
        options_title: |o| format!("The scenarios as options for {o}, beside no course ([0]):"),
        options_perspective: |p| format!("Perspective {p}:"),
        no_course: "no course",
        option: "Option",
        units: "Units",
        net_cost_kroner: "Net cost, DKK",
        frontier: "Efficient frontier",
        efficient: "efficient",
        efficient_icer: |x| format!("efficient, ICER {x} DKK per unit"),
        strongly_dominated: |by| format!("dominated by [{by}]"),
        extendedly_dominated: |a, b| format!("extendedly dominated by [{a}] and [{b}] together"),
        price_per_unit: "Price per unit, DKK",
        prob_best_of: |k| format!("P(best) [{k}]"),
        best_on_average: "Best on average",
        evpi_options: "EVPI, DKK",
        options_note: "P(best): the share of trials in which the option has the largest net benefit (price × units − net cost). Best on average: the acceptability frontier (CEAF). EVPI: what knowing which option is best in each trial is worth, the smallest expected loss (JSON: expected_loss of each option).",

        and: "and",
        volume_stop: |names, several, after| {
            let stop = if several { "stop" } else { "stops" };
            format!(
                "Volume risk: {names} {stop} running the course after {after} (probability 100%): the base case and every trial count no courses after {after}"
            )
        },
        volume_risk: |names, several, after, probability, running| {
            let (each, one) = if several {
                ("each ", "each one stops")
            } else {
                ("", "it stops")
            };
            format!(
                "Volume risk: {names} may stop running the course after {after}, {each}with probability {probability}; each trial draws whether {one}, and the base case counts {running} of the courses planned after {after}"
            )
        },
        contract_title: |name, investor, last_year, source| {
            format!("Contract: {name} · investor {investor} · term to {last_year}{source}")
        },
        base_case_kroner: "Base case, DKK",
        invested: "Invested",
        due: "Due",
        paid: "Paid",
        investor_net: "Investor net",
        caps_bind: "caps that bind",
        contract_base: |invested, received, top_up, guarantee, moic, irr, caps| {
            format!(
                "Base case: invested {invested} DKK, received {received} DKK (top-up {top_up}, guarantee {guarantee}); MOIC {moic}, IRR {irr}{caps}"
            )
        },
        investor_over_trials: "Investor over trials",
        irr: "IRR",
        net_result: "Net result, DKK",
        irr_undefined_in: |share| format!("IRR undefined in {share} of trials"),
        noise_mark: "(noise)",
        evppi_noise: |floor, _| {
            format!(
                "EVPPI at or below {floor} DKK is noise (marked): what an input unrelated to the result gets at these trials, because the regression's fitted values vary by chance; more trials lower it."
            )
        },
        group_decides: |g, v| {
            format!("Together, the inputs of {g} are worth {v} DKK (EVPPI of the group).")
        },
        evpi_only_together: "No single input changes the decision on its own: the EVPI lies in several inputs together, not in any one.",
        irr_several_in: |share| {
            format!("several IRRs in {share} of trials (the one nearest 10% counted)")
        },
        investor_risk: |loss, expected, worst, irr_undefined| {
            format!(
                "P(loss) {loss} · expected loss {expected} DKK · mean of the worst 5% {worst} DKK{irr_undefined}"
            )
        },
        trigger_met: "trigger met",
        cap_binds: "cap binds",
        contract_cap_binds: "contract cap binds",
        return_cap_binds: "return cap binds",
        floor_used: |p, mean| format!("P(floor used) {p}, mean top-up {mean} DKK"),
        guarantee_drawn: |p, mean| format!("P(guarantee drawn) {p}, mean draw {mean} DKK"),
        payer_effects: "What the contract does to each payer",
        base_delta: "Base delta",
        mean_delta: "Mean delta",
        prob_worse: "P(worse off)",
        delta_note: "Delta: the payer's NPV with the contract minus without it (discounted), DKK.",
        measured_items: "Paid on a measured value",
        measured_by: "Measured by",
        met_if_true_met: "P(met | truly met)",
        met_if_true_missed: "P(met | truly missed)",
        mean_due_measured: "Mean due, DKK",
        mean_due_true: "On the true value, DKK",
        error_share: "Paid for error",
        measurement_kind: |kind| match kind {
            "randomised" => "randomised trial",
            "comparison" => "comparison group",
            "pre_post" => "pre-post change",
            "register (Poisson)" => "register (Poisson)",
            "register (negative binomial)" => "register (negative binomial)",
            _ => "the true value",
        },
        measured_note: "Due over the term before caps, mean over the trials; the trigger is judged on the measured value (and, for the true value, on the true one). Paid for error: the share of what falls due that pays for units the course did not achieve.",
        power_curve: |item, bins| {
            format!("P(trigger met on the measurement) by the true value, {item}: {bins}")
        },
        versus_ideal: |moic, loss, expected, more, less| {
            format!(
                "Against the ideal contract (the same trials, paid on the true values): mean MOIC {} (ideal {}), P(loss) {} ({}), expected loss {} DKK ({} DKK); the measured contract pays the investor more in {more} of the trials and less in {less}.",
                moic[0], moic[1], loss[0], loss[1], expected[0], expected[1]
            )
        },
        exposure: |base, mean, p95, year, share| {
            format!(
                "Capital outstanding at its peak: {base} DKK in the base case; over the trials {mean} DKK on average, {p95} DKK at the 95th percentile, most often at the end of {year} ({share} of the trials)"
            )
        },
        hurdle: |rate, base, mean, below| {
            format!(
                "At the investor's cost of capital of {rate}: NPV {base} DKK in the base case, {mean} DKK on average over the trials; P(NPV < 0) {below}"
            )
        },
        payers_versus_ideal: "Each payer, measured against ideal",
        mean_delta_ideal: "Mean delta, ideal",
        prob_worse_ideal: "P(worse off), ideal",

        deal_space: |contract, investor, n, trials, seed| {
            format!(
                "Deal space of contract \"{contract}\" (investor {investor}): {n} combinations, each on the same {trials} trials (seed {seed})"
            )
        },
        investor_limit: |p| format!("the investor accepts P(loss) ≤ {p}"),
        payer_limit: |p| format!("each paying payer accepts P(worse off) ≤ {p}"),
        limits: "Limits:",
        expected_loss_kroner: "E[loss], DKK",
        worst_5_kroner: "Worst 5%, DKK",
        payer_delta: |payer| format!("Δ {payer}, DKK"),
        payer_worse: |payer| format!("P({payer} worse)"),
        accepted: "Accepted",
        accepted_by_both: "both",
        accepted_by_investor: "investor",
        accepted_by_payers: "payers",
        accepted_by_neither: "neither",
        deal_note: "Δ: a payer's NPV with the contract minus without, mean over trials. Accepted: whose stated limits hold.",
        investor_lowest: "Investor's lowest",
        payer_highest: |payer| format!("{payer}'s highest"),
        both_accept: "Both accept",
        no_limit: "no limit",
        acceptable: |term| format!("Acceptable {term} (grid values)"),
        solved: |term, low, high| {
            format!("Solved {term} (bisection on the same trials between {low} and {high})")
        },
        solved_moic_one: "Mean MOIC = 1",
        solved_investor: "P(loss) = limit",
        solved_payer: |payer| format!("P({payer} worse) = limit"),
        whole_range: "whole range",
        solved_note: "Solved: the lowest value at which the mean MOIC reaches 1 and the investor's P(loss) is within its limit; the highest at which each payer's P(worse off) is within its limit. Whole range: met everywhere searched; none: nowhere.",

        sensitivity: |scenario, file, trials, seed| {
            format!("Sensitivity of {scenario}\n{file} · {trials} Monte Carlo trials, seed {seed}")
        },
        sensitivity_perspective: |name, at_means| {
            format!("Perspective {name}: NPV {at_means} DKK with every input at its mean")
        },
        one_way: "One-way (10th -> 90th percentile)",
        input_range: "Input range",
        npv_at_10: "NPV at 10th",
        npv_at_90: "NPV at 90th",
        swing: "Swing",
        global: "Global (rank correlation with NPV)",
        spearman: "Spearman",
        variance_share: "Share of variance",
        evppi: "EVPPI (DKK)",
        inputs_together: "Inputs together (evppi_groups)",
        evpi: |name, evpi| format!("Value of information (invest or not, {name}): EVPI {evpi} DKK"),
        percentile_of: |p| match p * 100.0 {
            x if x < 0.5 => "below its 1st percentile".into(),
            x if x > 99.5 => "above its 99th percentile".into(),
            x => format!("its {} percentile", ordinal(x.round() as u32)),
        },
        switches_at: |input, above, value, place| {
            let side = if above { "above" } else { "below" };
            format!("{input} must be {side} {value} ({place}) for NPV > 0")
        },
        never_switches: |name| {
            format!(
                "Switching values: no single input, moved within its 0.1th-99.9th percentiles, turns the {name} NPV's sign"
            )
        },
        switching_values: "Switching values (the others at their means):",
        study_title: |name, input, outcome| {
            format!("Study: {name}, measuring {input} ({outcome}, two arms of n participants)")
        },
        study_normal: "a normal outcome",
        study_binary: "a yes/no outcome",
        study_fixed: |input| {
            format!(
                "{input} is fixed in this run, so there is nothing left to learn: every EVSI is 0"
            )
        },
        study_count: "a count per participant",
        study_cost: |fixed, per| {
            format!("Cost: {fixed} DKK plus {per} DKK per participant in either arm")
        },
        study_population: |per_year, years, discounted, scenario, factor| {
            format!(
                "Value for {per_year} participants a year for {years} years ({discounted} discounted): the scenario's value per participant ({scenario} participants) x {factor}"
            )
        },
        n_per_arm: "n per arm",
        cost_kroner: "Cost, DKK",
        evsi_of: |p| format!("EVSI {p}"),
        enbs_of: |p| format!("ENBS {p}"),
        best_size: |p, n, enbs, low, high| {
            if low == high {
                format!("{p}: the best size is {n} per arm (ENBS {enbs} DKK)")
            } else {
                format!(
                    "{p}: the best size is {n} per arm (ENBS {enbs} DKK); {low} to {high} per arm come within 5% of it"
                )
            }
        },
        no_size_pays: |p, best, evppi| {
            format!(
                "{p}: no size pays (the best ENBS is {best} DKK); even perfect information about the input is worth {evppi} DKK to the scenario"
            )
        },
        evsi_noise: "An EVSI marked (noise) is no more than a study unrelated to the result gets at these trials (the regression's noise floor); the ENBS counts it as 0.",
        evsi_note: "EVSI: what the study's answer is expected to be worth to the decision (invest if the expected NPV > 0), estimated on the trials by the regression method (Strong et al. 2015). ENBS: that value for the population, less the study's cost.",

        file: "File",
        public_base_npv: "Public base NPV",
        public_mean_npv: "Public mean NPV",
        status: "Status",
        ok: "ok",
        error: "error",
        batch: |rows, trials, seed| {
            format!("Batch: {rows} rows, {trials} trials each, seed {seed}, amounts in DKK")
        },
        base_npv_of: |p| format!("{p} base NPV"),
        mean_npv_of: |p| format!("{p} mean NPV"),
        changed_by_set: |items| format!("Changed with --set: {items}"),
        budget_title: |first, last, projection, price_year| {
            format!(
                "Budget {first}-{last}: net per year in {price_year} prices and in current prices ({projection}), DKK, not discounted"
            )
        },
        prices: "Prices",
        pl_factor: "Price and wage factor",
        fixed_prices: |y| format!("{y} prices"),
        current_prices: "current prices",
        projection_source: |s| format!("Projection: {s}"),
        projection_unsourced: |n| format!("The projection's figures are not sourced: {n}"),
        more_tables: "More: --full for every table (the societal perspective, break-even by year, each\nmunicipality's own budget, the cost-effectiveness and its acceptability curve); --perspective NAME\nfor one perspective, --municipality NAME for one municipality; --ledger, --sources; --format json.",
        no_difference: |p| {
            format!("{p}: the scenarios do not differ (the same NPV in every trial).")
        },
        no_paired_difference: |o| {
            format!(
                "{o}: the same units in every trial, so there is no cost per unit to show (the differences in NPV are above)."
            )
        },
    },
    page: Page {
        html_lang: "en",
        report: "Report",
        summary: "Summary",
        computed: "Computed with somsim: an exact base case (every uncertain assumption at its mean) and a Monte Carlo simulation of the uncertainty",
        trials: "trials",
        seed: "seed",
        meta: |file, first, last, years, price_year| {
            format!("{file} · {first}–{last} ({years} years) · DKK, {price_year} prices")
        },
        perspective: "Perspective",
        payers: "Payers",
        npv: "Net present value",
        interval_90: "90% interval",
        prob_positive: "Probability of a gain",
        pv_benefits: "Avoided costs (present value)",
        pv_net_cost: "Net cost (present value)",
        roi: "Return per krone",
        undefined: "undefined",
        prob_break_even_by: "Probability of break-even by",
        pays_back: "pays back in",
        does_not_pay_back: "does not pay back by",
        who_pays: "Who pays and who saves",
        who_pays_note: "Every party's part of the base case as present values in kroner: the cost lines it bears, the costs it avoids, the transfers it receives less those it pays, and the contract's flows (pre-financing received, payments to the investor, the floor and the guarantee). Net present value = avoided costs − costs + transfers + contract.",
        per_year: |price_year| {
            format!(
                "Each party's net per year in the base case, DKK in {price_year} prices, not discounted; gains above zero, costs below, on one scale"
            )
        },
        cumulative: "The cumulative result and how sure it is",
        cumulative_note: "Cumulative discounted net: base case, median and 50% and 90% of the trials; under each chart the probability of break-even year by year.",
        base_case: "Base case",
        median: "Median",
        band_90: "90% of trials",
        band_50: "50% of trials",
        distribution: "The distribution of the net present value",
        distribution_note: "The NPV over the trials; bars right of zero are a gain.",
        drivers: "What drives the result",
        drivers_note: "The NPV with one assumption at a time at its 10th and 90th percentile, the others at their means (tornado).",
        input: "Assumption",
        npv_low: "NPV at 10th percentile",
        npv_high: "NPV at 90th percentile",
        swing: "Swing",
        at_means: "NPV with every assumption at its mean",
        switching: "Switching values",
        switching_note: "The value of one assumption at which the NPV changes sign (the others at their means).",
        switch_value: "Switching value",
        switch_percentile: "Percentile in its distribution",
        never_switches: "does not switch",
        evpi: "Expected value of perfect information",
        evpi_note: "What knowing every assumption for certain before deciding is worth on average (EVPI).",
        study: |name| format!("What a study is worth: {name}"),
        study_note: "A study's expected value of sample information (EVSI) is what its answer is expected to be worth to the decision before it is known, for everyone the decision affects; less the study's cost it is the expected net benefit of sampling (ENBS). A study is worth doing at the sizes where the ENBS is above zero.",
        study_best: |p, n, enbs, low, high| {
            if low == high {
                format!("{p}: the best size is {n} participants per arm, ENBS {enbs}.")
            } else {
                format!(
                    "{p}: the best size is {n} participants per arm, ENBS {enbs}; {low} to {high} per arm come within 5% of it."
                )
            }
        },
        study_none: |p, best| {
            format!(
                "{p}: no size pays; the study costs more than its answer is worth (the best ENBS is {best})."
            )
        },
        axis_study_n: "Participants per arm (n)",
        axis_study_kroner: "DKK",
        legend_evsi: "EVSI (solid, circles)",
        legend_study_cost: "cost of the study (dashed, squares)",
        legend_enbs: "ENBS = EVSI less cost (dotted, triangles)",
        evpi_curve_caption: "EVPI at a price λ per unit: what knowing every uncertain input for certain would be worth before deciding (the lines as in the acceptability curve, with markers at each price)",
        axis_evpi: "EVPI, DKK",
        axis_plane_effect: |unit| format!("Effect, {unit} (dE)"),
        axis_plane_cost: "Net cost, DKK (dC)",
        plane_caption: |p, shown, trials, threshold| {
            format!(
                "The cost-effectiveness plane, {p}: each circle is one trial's effect and net cost ({shown} of {trials} trials, evenly spaced); the cross is the mean; the dashed line is the threshold price, {threshold} per unit: a trial below it gains at that price."
            )
        },
        plane_caption_no_threshold: |p, shown, trials| {
            format!(
                "The cost-effectiveness plane, {p}: each circle is one trial's effect and net cost ({shown} of {trials} trials, evenly spaced); the cross is the mean. There is no threshold price: on average it gives fewer units at a cost, or the same units."
            )
        },
        contracts: "Contracts",
        investor: "Investor",
        invested: "Invested",
        received: "Received",
        irr: "IRR (median)",
        moic: "Multiple on invested capital (mean)",
        prob_loss: "Probability of a loss",
        expected_loss: "Expected loss",
        worst_5: "Mean of the worst 5%",
        payer_delta: "The payers' result with the contract",
        payer_delta_note: "The change in each payer's net present value with the contract against without: in the base case, and over the trials the mean, the 90% interval and the share of trials in which the payer is worse off than paying for the course itself.",
        assumptions: "Assumptions and sources",
        value: "Value",
        unit: "Unit",
        source: "Source",
        evidence: "On the evidence",
        evidence_caveat: "The calculation uses the default assumption for psychiatric bed-days. The PEER trial found clear gains in personal recovery but no significant difference in psychiatric admissions or bed-days; the assumption is therefore centred on no effect, and savings in the region are uncertain.",
        reproduce: "Reproducing it",
        engine: "Version",
        inputs_hash: "SHA-256 of every input file",
        settings: "Changes on the command line",
        none: "none",
        no_monte_carlo: "No Monte Carlo simulation (no uncertain assumptions, or 0 trials).",
        comparison: "Comparison",
        deal_space: "The deal space",
        deal_note: "Every combination of contract terms settled on the same trials. Each cell says who accepts the terms within the stated limits (also shown by its shade), the investor's probability of a loss and each paying payer's probability of being worse off than paying for the course itself.",
        both_accept: "both sides",
        investor_only: "investor only",
        payers_only: "payers only",
        neither: "neither",
        irr_distribution: "The investor's IRR over the trials (red: below 0%)",
        moic_distribution: "Received per krone invested over the trials (red: below 1, a loss)",
        comparison_note: "Each scenario against the first, trial by trial on the same random numbers: the difference in NPV and the probability that the scenario does better.",
        difference: "Difference from no. 1, mean",
        beats_first: "Probability of beating no. 1",
        base_difference: "Difference in the base case",
        ce: "What a unit of the effect costs",
        ce_note: "Effects without a price (such as personal recovery) are read as cost-effectiveness: the present-value net cost divided by the (discounted) units. The acceptability curve shows the probability that the net benefit λ × units − net cost is positive when a unit is worth λ kroner; λ* is the price at which the expected net benefit is zero.",
        units_base: "units in the base case",
        per_unit_base: "Per unit, base case",
        icer: "ICER (trials)",
        per_unit_interval: "Per unit, 90% interval",
        threshold: "λ* (kr. per unit)",
        ceac_caption: "Acceptability curve: probability of a positive net benefit at a price λ per unit",
        correlations: "Rank correlations between assumptions",
        target: "Target",
        achieved: "Achieved over the trials",
        municipalities: "Each municipality on its own",
        municipalities_note: "Each municipality's own rows of the ledger (its costs and the costs it avoids), discounted, over the trials. Municipalities' results move together where an assumption is national or partly pooled across them, so they do not add up as independent risks.",
        municipality: "Municipality",
        mean_npv: "Net present value, mean",
        from: "from",
        to: "to",
        every_municipality: "Every municipality",
        in_every_municipality: "in every municipality",
        ranges_caption: "The municipality's net present value over the trials: median, 50% and 90% (DKK million)",
        at_the_means: "At the means",
        society: "The societal perspective",
        society_note: "The Ministry of Finance's method: resources and production at market prices (times the net tax factor), transfers netted out, volunteer time and welfare gains at their value, and the tax distortion of the public financing need as a loss. The table shows how every payer's budget (present value) becomes society's present value.",
        part: "Part",
        in_budgets: "In the budgets",
        for_society: "For society",
        society_caption: "Society's present value, part by part (DKK)",
        society_payers: "everyone, valued for society",
        factors: |naf, distortion| {
            format!("Net tax factor {naf}, tax distortion factor {distortion}")
        },
        unvalued: |list| {
            format!(
                "Not valued in kroner: {list}. The gain counts in the cost-effectiveness above, not in society's present value."
            )
        },
        per_unit_source: "per unit; source",
        millions_axis: |n| format!("{n} m"),
        payer: "Payer",
        mean: "Mean",
        prob_worse: "P(worse off)",
        guarantee_drawn: |g, p, x| {
            format!(
                "{g}'s guarantee is drawn in {p} of the trials; over all trials it costs {g} {x} on average."
            )
        },
        floor_used: |f, p, x| {
            format!(
                "{f} tops the investor's receipts up to the floor in {p} of the trials, {x} on average over all trials."
            )
        },
        contract_years: "The contract year by year over the trials",
        contract_years_note: "The mean per year in kroner, not discounted, with the 90% interval of the trials under it. Outstanding: invested so far less received, at the year's end.",
        year: "Year",
        outstanding: "Outstanding",
        paid_by: |payer| format!("Paid by {payer}"),
        outstanding_chart: "Capital outstanding at each year's end over the trials: the 90% and 50% bands, the median (solid) and the base case (dashed)",
        axis_outstanding: "Capital outstanding, mio. DKK",
        peak_note: |mean, p95, year, share| {
            format!(
                "At its peak the investor has {mean} outstanding on average ({p95} at the 95th percentile), most often at the end of {year} ({share} of the trials)."
            )
        },
        hurdle_note: |rate, mean, below| {
            format!(
                "At the investor's cost of capital of {rate} its NPV is {mean} on average; it earns less than that cost in {below} of the trials."
            )
        },
        measured_heading: "Paid on a measured value",
        measured_target: "Target",
        measured_note: "The contract pays, and judges its trigger, on what the evaluation measures rather than on the true effect. Per target: how often the trigger is met on the measurement when the true value meets it, and when it misses; what falls due over the term before caps, as measured and on the true value (mean over the trials); and the share of what falls due that pays for measurement error.",
        versus_ideal: |moic, moic_ideal, loss, loss_ideal| {
            format!(
                "Against the ideal contract (the same trials, paid on the true values) the investor's mean MOIC is {moic} (ideal {moic_ideal}) and P(loss) {loss} (ideal {loss_ideal})."
            )
        },
        no_flows: |list| {
            format!("Nothing falls on {list}: no costs, savings or transfers in any year.")
        },
        deal_investor_loss: "P(investor loses)",
        deal_payer_worse: |payer| format!("P({payer} worse off)"),
        contract_heading: |name, investor| format!("{name}, with {investor} as investor"),
        party: "Party",
        costs_borne: "Costs borne",
        avoided: "Avoided costs",
        transfers: "Transfers",
        contract_flows: "Contract",
        axis_npv: "Net present value, DKK",
        axis_share: "Share of trials",
        axis_paid_back: "P(paid back)",
        axis_irr: "The investor's IRR",
        axis_moic: "Received per krone invested",
        axis_net_year: "Net per year, DKK",
        axis_price: "Price per unit (λ), DKK",
        axis_accept: "P(net gain > 0)",
        axis_kroner: "DKK",
        tails: |low, high| {
            format!(
                "The first bar also holds every trial below {low} (or less), the last every trial from {high} (or more)."
            )
        },
    },
    workbook: Workbook {
        sheets: Sheets {
            about: "About this workbook",
            perspectives: "Perspectives",
            budget: "Budget",
            budget_current: "Budget in current prices",
            ledger: "Ledger",
            activity: "Activity",
            costs: "Costs",
            transfers: "Transfers",
            benefits: "Benefits",
            society: "Society",
            discounting: "Discounting",
            inputs: "Inputs",
            monte_carlo: "Monte Carlo",
            municipalities: "Municipalities",
            cost_effectiveness: "Cost-effectiveness",
            cost_effectiveness_of: |k| format!("Cost-effectiveness {k}-1"),
            contracts: "Contracts",
            batch: "Batch",
            deal_space: "Deal space",
            studies: "Studies",
            unnamed: "Sheet",
        },
        about: About {
            title: "About this workbook",
            what: "What this workbook is",
            intro: "The scenario's base case redone in formulas, from the inputs to the results: every number from the Activity sheet to the Perspectives sheet is a formula, and stores the value somsim computed, so a program that does not recalculate shows the right numbers too.",
            file: "File",
            period_name: "Period",
            period: |first, last| format!("{first}-{last} ({} years)", last - first + 1),
            prices: "Prices",
            monte_carlo: "Monte Carlo",
            made_by: "Made by",
            how_to_change: "How to change an input",
            change: [
                "Type a new value into a cell marked as an input (filled pale yellow, with an orange border, like the key below); the cells are listed here.",
                "Excel and LibreOffice recalculate every formula at once: the ledger, the perspectives, the budget, the society sheet and the cost per unit follow (if not: F9 in Excel; Data > Calculate > Recalculate Hard in LibreOffice).",
                "The Monte Carlo results (the Monte Carlo and Municipalities sheets, and the columns over the trials on Cost-effectiveness) are values, not formulas: they do not recalculate. For them, run somsim again with the change: somsim run FILE --set name=value --format xlsx -o FILE.xlsx.",
                "Fixed assumptions (a value, not a distribution) are numbers inside the formulas: change them in the scenario's files and run somsim again.",
            ],
            where_sheet: "Sheet",
            where_cells: "Cells",
            where_what: "What they are",
            inputs_cells: "each uncertain input's base-case value (its mean; the formulas use it by its name, e.g. =completion_rate), with its unit, price year and source beside it",
            society_cells: "the net tax factor and the tax distortion factor",
            discounting_cells: "the discount rate of each year after the first",
            projection_cells: "the price and wage projection's rate of each year after the price year (the rise from the year before): the factors and the budget years in current prices follow",
            colours: "Colour key",
            input_cell: "an input: a value you may change",
            helper_cell: "helper columns (0/1 flags, 9999 for none, row numbers) are grouped and hidden: the + above the columns shows them; a note on the header says what they hold",
            sheets: "The sheets",
            sheet: "Sheet",
            holds: "What it holds",
            notes: SheetNotes {
                perspectives: "per perspective: NPV, PV benefits, PV net cost, ROI and the sustained break-even year; below, per year the net, discounted net and cumulative result (formulas over the Ledger)",
                budget: "each municipality's net per payer in the budget year and the three years after it (overslagsår), in the price year's prices (fixed prices)",
                budget_current: "the budget years in current prices (løbende priser): the price and wage projection's rates (inputs), each year's factor, and per perspective the net in fixed and in current prices (formulas)",
                ledger: "one row per year, municipality and payer: each cost line and outcome in its own column, transfers, contract flows, net, discount factor and discounted net, in kroner with øre",
                activity: "courses, enrolled, completers and volunteers trained per municipality and year",
                costs: "each cost line's yearly amount: count × quantity × unit cost",
                transfers: "each transfer's yearly amount, from one payer to another",
                benefits: "per outcome the effect, the value of a weighted completer, the profile and survival, and the avoided cost per municipality and year; the non-monetary outcomes' units",
                society: "the societal perspective: every payer's flows by class, volunteer time and welfare gains valued, the net tax and tax distortion factors",
                discounting: "the discount rate and factor of each year",
                inputs: "every uncertain input (the values to change) with unit, price year, source and distribution; then every assumption with its source, and the rank correlations",
                monte_carlo: "the results over the trials: NPV percentiles, P(NPV > 0), P(break-even by year) and each perspective's NPV histogram, with charts (values, not formulas)",
                municipalities: "each municipality's own NPV over the trials and P(NPV > 0) (values, not formulas)",
                cost_effectiveness: "per perspective the cost per unit of each non-monetary outcome in the base case (formulas), and over the trials the ICER and the acceptability curve (values)",
                contracts: "each contract's settlement in formulas: invested, due per rate-card item, caps, paid, the guarantee and the repayment key",
            },
            perspectives: "The perspectives",
            means: "What it counts",
            perspective_means: |key| match key {
                "kommune" => Some("the municipalities' budgets: what the kommuner pay and save"),
                "region" => Some("the regions' budgets (hospitals and psychiatry)"),
                "stat" => Some("the state's budget"),
                "public" => Some("the public sector: kommune, region and stat together"),
                "all" => Some(
                    "every payer of the scenario together (the fund and any investor included): transfers between them cancel out",
                ),
                "fund" => Some("the foundation that funds the course"),
                "society" => Some(
                    "society as a whole: every payer's flows at market prices, transfers netted out, volunteer time and welfare gains valued, and the cost of financing the public net by taxes (the Society sheet)",
                ),
                _ => None,
            },
            own_perspective: "a perspective the scenario defines: the payers listed",
            footer: "Page &P of &N",
        },
        results_about: ResultsAbout {
            intro: "The results somsim computed, as values: no cell is an input and nothing recalculates when a cell is changed.",
            what_if: "To ask \"what if\": change the scenario's file, or give the change on the command line (--set name=value), and run somsim again; or write one scenario's workbook (somsim run FILE --format xlsx -o FILE.xlsx), whose formulas follow its inputs.",
            command: "Written by",
            scenarios: "Scenarios",
            comparison_of: |n| format!("A comparison of {n} scenarios"),
            sensitivity_of: |scenario| format!("What drives the result: {scenario}"),
            compare_perspective: "one perspective: each scenario's base-case NPV and its NPV over the trials (mean, 5th percentile, median, 95th percentile, P(NPV > 0), P(break-even)), then each scenario's paired difference from the first (on common random numbers)",
            compare_contracts: "each scenario's contracts side by side: the investor's MOIC, IRR, P(loss), expected loss and the worst 5% over the trials",
            compare_cost_effectiveness: "a scenario's paired difference from the first per unit of each non-monetary outcome: ICER, the acceptability curve and the value of information",
            sensitivity_perspective: "one perspective: the tornado (NPV at each input's 10th and 90th percentile, the others at their means) with a bar chart, rank correlations, switching values, EVPI and EVPPI",
            sensitivity_studies: "each proposed study at each size n per arm: its cost and, per perspective, its EVSI (for the population the decision serves) and ENBS, with a chart per perspective (values)",
            batch: "one row per scenario and change (the batch's CSV, numbers as numbers): its NPV and probabilities per perspective",
            deal_space: "one row per contract term tried (the deal space's CSV, numbers as numbers): the investor's and each payer's results over the trials, and whether each stated limit holds",
        },
        perspectives_helpers: "Hidden columns K-L (the + above them shows them) of each year block: \"From here on ≥ 0\" is 1 where the cumulative result stays at or above zero from that year to the last, else 0; \"Break-even candidate\" is that year where it is 1, else 9999. The break-even year is the smallest candidate (9999: none).",
        ledger_helpers: "The last two columns (grouped and hidden: the + above them shows them) are each row's municipality and payer as numbers: the other sheets' sums pick rows by them, so that no name is read as a pattern.",

        perspective_name: |key| key.to_owned(),
        in_prices: |price_year| format!("DKK in {price_year} prices"),
        monte_carlo_line: |trials, seed, latin_hypercube| {
            let by = if latin_hypercube {
                " by Latin hypercube sampling"
            } else {
                ""
            };
            format!("Monte Carlo: {trials} trials{by}, seed {seed}")
        },
        base_case_only: "base case only (no Monte Carlo)",
        parts_of_long_sums: "Parts of long sums",
        year: "Year",
        municipality: "Municipality",
        payer: "Payer",
        payers: "Payers",
        perspective: "Perspective",
        scenario: "Scenario",
        contract: "Contract",
        investor: "Investor",
        npv: "NPV",
        mean: "Mean",
        median: "Median",
        base: "Base",
        net: "Net",
        discount_factor: "Discount factor",
        discounted_net: "Discounted net",
        prob_positive: "P(NPV > 0)",
        undefined: "undefined",
        none: "none",
        yes: "yes",
        no: "no",
        source: "Source",
        unit: "Unit",
        input: "Input",
        defined_at: "Defined at",
        kroner: "DKK",

        rate: "Rate",
        perspectives_note: "Formulas over the Ledger sheet (its rows picked by the payer's number, the Ledger's last column): change an input (Inputs) or a ledger amount and every result here follows.",
        pv_benefits: "PV benefits",
        pv_net_cost: "PV net cost",
        roi: "ROI",
        break_even_year: "Break-even year",
        cumulative: "Cumulative",
        from_here_on: "From here on ≥ 0",
        break_even_candidate: "Break-even candidate (9999: none)",
        society_payers: "every payer, valued for society (Society sheet)",

        inputs_note: "Uncertain inputs: the base case uses the mean (each has a defined name, used in the formulas: change a mean and the workbook recalculates); the Monte Carlo draws the distribution.",
        mean_to_change: "Base case (the mean): change it to recalculate",
        distribution: "Distribution",
        per_municipality: "Per municipality",
        pooled: |pooling| format!("yes, pooling {pooling}"),
        assumption: "Assumption",
        value: "Value",
        price_year: "Price year",
        changed_here: "Changed here",
        correlation_between: "Rank correlation between",
        and: "and",
        target: "Target",
        achieved: "Achieved over the trials",
        no_monte_carlo: "no Monte Carlo",

        no_monte_carlo_ran: "No Monte Carlo ran (--trials 0, or no uncertain input).",
        npv_over_trials: "NPV over the trials, DKK (values, not formulas).",
        sd: "SD",
        se: "SE",
        prob_no_break_even: "P(no break-even)",
        prob_break_even_by_year: "P(break-even by year)",
        histogram: |name, p| {
            format!(
                "{name}: NPV over the trials (P(NPV > 0) = {:.0}%)",
                100.0 * p
            )
        },
        same_npv: "Every trial has the same NPV.",
        npv_from: "NPV from, DKK",
        to_kroner: "to, DKK",
        trials: "Trials",
        share: "Share",
        share_of_trials: "Share of trials",
        municipalities_note: "Each municipality's own NPV over the trials: its kommune rows of the Ledger, discounted (DKK, values, not formulas). P(break-even by year) per municipality: run with --municipal-break-even.",
        municipalities_by_year_note: "Each municipality's own NPV over the trials: its kommune rows of the Ledger, discounted (DKK, values, not formulas). P(break-even by a year): the share of trials whose cumulative discounted net is at or above zero from that year to the last.",
        prob_break_even_in: |year| format!("P(break-even by {year})"),

        budget_note: |price_year, current| {
            let current = match current {
                Some(sheet) => format!("in current prices: the sheet {sheet}"),
                None => "for current prices, give the scenario a `budget:` and a price and wage projection".into(),
            };
            format!(
                "Net per year, undiscounted, DKK in {price_year} prices (fixed prices; {current}): positive is a saving or income, negative an expense. From the Ledger sheet, its rows picked by the municipality's and the payer's numbers (the Ledger's last columns)."
            )
        },
        budget_current_note: |price_year| {
            format!(
                "Net per year, undiscounted, DKK: in {price_year} prices (fixed prices, from the Perspectives sheet's year blocks) and in the year's current prices (løbende priser) = fixed × factor, rounded to the øre. A year's factor is the product of (1 + rate) over the years after {price_year} up to it. The rates are inputs: change one and the factors and current prices follow. Present values stay in fixed prices."
            )
        },
        projection: "Price and wage projection",
        projection_source: "Source",
        projection_file: "File",
        projection_note: "Note",
        projection_unsourced: "NOT SOURCED: these rates are not from a published source. Replace them with KL's price and wage projection (PL-skøn) or the kommune's own before budgeting.",
        projection_rate: "Rise from the year before",
        projection_factor: |price_year| format!("Factor from {price_year} prices"),
        budget_fixed: |p, price_year| format!("{p}, {price_year} prices"),
        budget_current: |p| format!("{p}, current prices"),
        budget_year: |year| format!("{year} (budget year)"),
        estimate_year: |year, i| format!("{year} (BO{i})"),

        ce_note: "dE: units of the outcome (discounted unless stated); dC: present-value net cost (−NPV). Per unit = dC / dE. Monte Carlo columns are values over the trials.",
        ce_effect: "dE, base case",
        ce_cost: "dC, base case, DKK",
        ce_per_unit: "Per unit, base case, DKK",
        ce_mean_effect: "E[dE]",
        ce_mean_cost: "E[dC], DKK",
        ce_icer: "ICER, DKK per unit",
        ce_p5: "Per unit 5%",
        ce_p95: "Per unit 95%",
        ce_threshold: "λ*, DKK per unit",
        ce_prob_effect: "P(dE > 0)",
        acceptability: |outcome| format!("{outcome}: P(net benefit > 0) at a price per unit λ"),
        lambda: "λ, DKK per unit",
        price_axis: "Price per unit λ, DKK",
        prob_net_benefit: "P(net benefit > 0)",
        evpi_over_price: |outcome| format!("{outcome}: EVPI at a price per unit λ, DKK"),
        evpi_axis: "EVPI, DKK",
        plane: |outcome, p| format!("{outcome}: the cost-effectiveness plane, {p}"),
        plane_note: |shown| {
            format!(
                "{shown} trials, evenly spaced over the run (at most 1,000): each trial's dE and dC; the threshold line dC = λ* × dE is computed from the λ* cell."
            )
        },
        trial: "Trial",
        plane_effect: "dE",
        plane_cost: "dC, DKK",
        trials_series: "Trials",
        threshold_line: "Threshold line dC = λ* × dE",
        plane_effect_axis: "Effect (dE), units",
        plane_cost_axis: "Net cost (dC), DKK",
        study: |name| format!("What a study is worth: {name}"),
        study_n: "n per arm",
        study_cost: "Cost of the study, DKK",
        study_evsi: |p| format!("EVSI, {p}"),
        study_enbs: |p| format!("ENBS, {p}"),
        study_chart: |name, p| format!("{name}: EVSI, cost and ENBS against n, {p}"),
        study_axis_n: "Participants per arm (n)",
        study_axis_kroner: "DKK",

        compare_line: |trials, seed| {
            format!("{trials} trials per scenario, seed {seed} (common random numbers)")
        },
        comparison: |name| format!("Comparison, perspective {name}: NPV in DKK"),
        base_npv: "Base NPV",
        mean_npv: "Mean NPV",
        prob_break_even: "P(break-even)",
        difference: "Difference (trial by trial)",
        beats_first: "P(beats [1])",
        contracts_same_trials: "Contracts, on the same trials",
        irr_median: "IRR median",
        moic_mean: "MOIC mean",
        prob_loss: "P(loss)",
        expected_loss: "E[loss], DKK",
        worst_5: "Worst 5%, DKK",
        paired: |file, versus| format!("{file} against {versus}: paired differences"),

        sensitivity_line: |file, trials, seed| {
            format!("{file} · Monte Carlo: {trials} trials, seed {seed}")
        },
        drives: |scenario, name| format!("{scenario}: what drives the {name} NPV"),
        one_way: |at_means| {
            format!(
                "One-way: each input at its 10th and 90th percentile, the others at their means (NPV at the means {at_means:.0} DKK)."
            )
        },
        p10: "10th percentile",
        p90: "90th percentile",
        npv_at_10: "NPV at 10th",
        npv_at_90: "NPV at 90th",
        swing: "Swing",
        change_at_10: "Change at 10th",
        change_at_90: "Change at 90th",
        tornado: |name| format!("Tornado: change in the {name} NPV, DKK"),
        input_at_10: "input at its 10th percentile",
        input_at_90: "input at its 90th percentile",
        spearman: "Spearman's rho",
        variance_share: "Share of variance",
        switching_value: "Switching value",
        its_percentile: "Its percentile",
        none_in_range: "none in the range",
        value_of_information: "Value of information",
        evpi: "EVPI (all inputs)",
        evppi: |input| format!("EVPPI: {input}"),

        ledger_note: "Each cost line and outcome from the Costs and Benefits sheets, split by its key and payer shares; net = avoided + transfers + contract − costs; discounted net = net × discount factor. Contract flows are the settlement's values at the base case. Kroner with øre. Other sheets pick rows by the last two columns (numbers, not names).",
        costs: "Costs",
        avoided: "Avoided",
        transfers: "Transfers",
        municipality_no: "Municipality no.",
        payer_no: "Payer no.",

        society_note: "The societal perspective: every payer's budget flows by class, resources and production at market prices (× net tax factor), transfers netted out, volunteer time and welfare gains valued, and the tax distortion on the public financing need. The factors are below the table: change one and the results follow.",
        present_value: "Present value",
        society_rows: [
            "Discount factor",
            "Costs, every payer (Ledger)",
            "Benefits, every payer (Ledger)",
            "Transfer class: costs",
            "Transfer class: benefits",
            "Production class: costs",
            "Production class: benefits",
            "Public net: kommune, region, stat (Ledger)",
            "Volunteer time, valued",
            "Welfare gains, valued",
            "Resources, in the budgets",
            "Production, in the budgets",
            "Transfers, in the budgets",
            "Resources × net tax factor",
            "Production × net tax factor",
            "Transfers (net out)",
            "Volunteer time",
            "Welfare gains",
            "Tax distortion: (factor − 1) × public net",
            "Society net",
            "Society benefits",
            "Society costs",
        ],
        net_tax_factor: "Net tax factor",
        tax_distortion_factor: "Tax distortion factor",
        source_is: |source| format!("Source: {source}"),

        measures: [
            "Courses started",
            "Enrolled",
            "Completers",
            "Volunteers trained",
        ],
        activity_note: "Enrolled = courses × participants per course; completers = enrolled × completion rate; volunteers trained = peers per course × courses (× turnover after the first active year). Numbers are the scenario's; formulas read the Inputs.",
        measure: "Measure",
        costs_note: "Amount = count (of the municipalities counted, from Activity) × quantity × unit cost; the Ledger splits it by the key. per_year counts 1 in a year any of them has courses (or in the line's own years).",
        cost_line: "Cost line",
        driver: "Driver",
        driver_name: |d| match d {
            Driver::PerYear => "per_year",
            Driver::OneOff => "one_off",
            Driver::PerCourse => "per_course",
            Driver::PerParticipant => "per_participant",
            Driver::PerCompleter => "per_completer",
            Driver::PerVolunteerTrained => "per_volunteer_trained",
            Driver::PerCoordinator => "per_coordinator",
        },
        counts: "Counts",
        split_into: "Split into",
        quantity_unit_cost: "Quantity × unit cost",
        all_municipalities: "all municipalities",
        volunteers: "volunteers (society only)",
        transfers_note: "Amount × share in each year the transfer moves; the Ledger adds it to the receiving payer and subtracts it from the paying one.",
        transfer: "Transfer",
        from: "From",
        to: "To",
        amount: "Amount",
        benefits_note: "Avoided cost in year t = Σ over cohorts c ≤ t of completers[c] × weight[t - c] × value per weighted completer; weight = survival × profile; value = baseline × (−effect) × unit price (a revenue: × effect).",
        paid_by: |shares| format!("paid by {shares}"),
        effect: "Effect (net of deadweight)",
        value_per_completer: "Value per weighted completer, kr.",
        attrition: "Attrition per year",
        years_after: "Years after completion",
        profile: "Profile (share of the effect)",
        survival: "Survival = (1 − attrition)^k",
        weight: "Weight = survival × profile",
        avoided_kroner: "Avoided, kr.",
        units_of: |outcome, unit| format!("{outcome} ({unit})"),
        units_note: "Units in year t = units per completer × Σ over cohorts c ≤ t of completers[c] × profile[t - c]. The Cost-effectiveness sheet divides by the effect below, the Society sheet values the units of each year.",
        units_per_completer: "Units per completer",
        completers_all: "Completers, all municipalities",
        units_in_year: "Units in the year",
        units_total: "Units, in all",
        units_effect: "Effect (units, discounted where the outcome is)",

        contract_note: "Each contract's settlement, as the engine settles it: what the investor pre-finances (shares of the Ledger's cost cells), what falls due per rate-card item (lag and trigger applied), what the caps and the return cap leave, and what is paid; below, the end of the term and the repayment key that splits the payments over the municipalities. The Ledger's Contract column adds these flows to each payer.",
        contract_invested: "Invested by the investor, kr.",
        contract_cohort: "Completers in the contract's cohorts",
        contract_units: "Units counted (by cohort or year of use)",
        contract_units_due: "Units due (after the lag)",
        contract_due: "Due (price × units, if the trigger is met), kr.",
        contract_after_item_cap: "After the item's cap, kr.",
        contract_savings: "Savings of the gain-share payers, kr.",
        contract_gain_share: "Gain share due, kr.",
        contract_due_total: "Due in all after the items' caps, kr.",
        contract_after_cap: "After the contract cap, kr.",
        contract_account: "Return-cap account before payment, kr.",
        contract_paid: "Paid to the investor, kr.",
        contract_account_after: "Return-cap account after payment, kr.",
        contract_total_invested: "Invested in all, kr.",
        contract_total_paid: "Paid in all, kr.",
        contract_top_up: "Floor top-up at the end of the term, kr.",
        contract_guarantee: "Guarantee drawn at the end of the term, kr.",
        contract_key: "Repayment key: each municipality's share of the cohorts' completers",

        batch: "Batch",
        deal_space: |scenario, contract| format!("{scenario}: deal space of \"{contract}\""),
    },
    terms: super::terms::EN,
    stack: super::stack::EN,
    portfolio: super::portfolio::EN,
    stack_sheet: super::stack_sheet::EN,
    settle: Settle {
        title: |contract, investor, file, first, last| {
            format!(
                "Settlement of contract \"{contract}\" (investor {investor}) on the actual data in {file}: {first}-{last}"
            )
        },
        statement: "Settlement statement, DKK to the øre",
        year: "Year",
        completers: "Completers",
        invested: "Invested",
        due_item: |item| format!("Due: {item}"),
        due_total: "Due",
        paid: "Paid",
        account: "Return-cap account",
        paid_by: |payer| format!("Paid by {payer}"),
        total: "Total",
        by_municipality: "Paid per municipality, DKK to the øre",
        key: "Share",
        by_municipality_note: "Each payment split by the repayment key on the data: each municipality's share of the contract's cohorts' completers observed so far (the last municipality takes the øre the rounding leaves); the key moves as later cohorts are observed.",
        tranches: "Capital stack: each year shared by the waterfall, DKK to the øre",
        tranche_invested: "invested",
        tranche_fee: "fee",
        tranche_received: "received",
        tranche_gate: |t, met| {
            format!(
                "Gate of {t}, on the observed years before it: {}",
                if met {
                    "met"
                } else {
                    "missed (the committed tranches put up its share)"
                }
            )
        },
        tranches_note: "Each year's investment and management fee put up by the committed tranches by their shares, and each year's payment (with the floor's top-up and the guarantee at the end of the term) paid senior, junior, first loss by their claims, a surplus by the shares (with a gated tranche, by what each has put up); each part to the øre, the last tranche the rest.",
        statement_note: "Completers: of the contract's cohorts, as observed. Due: price × units observed, the lag applied, before caps. Paid: after the items' caps, the contract cap and the return cap, in that order. Return-cap account: what the return cap still allows at the year's end.",
        trigger: |item, input, measured, met| {
            let verdict = if met {
                "met"
            } else {
                "missed: nothing is due for the item"
            };
            format!(
                "Trigger of {item}: {input} measured at {measured} (completer-weighted mean of the observed rows), {verdict}"
            )
        },
        due_later_capped: |item, amount| {
            format!("{item}: its cap leaves at most {amount} DKK of that to be paid")
        },
        due_later: |item, amount, after| {
            format!(
                "{item}: {amount} DKK falls due after {after} for units already observed (before caps)"
            )
        },
        bound: |caps| format!("Cut by: {caps}"),
        item_cap: |item| format!("the cap on {item}"),
        contract_cap: "the contract cap",
        return_cap: "the return cap",
        end_of_term: |top_up, guarantee| {
            format!("End of the term: floor top-up {top_up} DKK, guarantee draw {guarantee} DKK")
        },
        term_runs_to: |last| {
            format!("The term runs to {last}: the floor and the guarantee are settled at its end.")
        },
        forecast: |trials, seed| {
            format!(
                "Forecast of the end of the term given the data: {trials} trials (seed {seed}), each weighted by the likelihood of what was observed"
            )
        },
        before_data: "Before the data (mean)",
        given_data: "Given the data (mean)",
        irr: "IRR",
        moic: "MOIC",
        net_result: "Investor's net result, DKK",
        hurdle_npv: "NPV at the hurdle rate, DKK",
        payer_delta: |payer| format!("Δ {payer}, DKK"),
        prob_loss: |before, given| {
            format!("P(loss): {before} before the data, {given} given the data")
        },
        ess: |ess, trials, inputs| {
            format!("Effective sample size {ess} of {trials} trials; the data inform {inputs}")
        },
        nothing_informed: "none of the uncertain inputs (the forecast is the unconditioned one)",
        ess_small: |ess| {
            format!(
                "warning: the effective sample size is only {ess}: the band given the data rests on few trials; run more trials (--trials)"
            )
        },
        unexplained: "warning: no trial explains the data (every likelihood is zero), so the forecast is not conditioned; check the actuals against the scenario's assumptions",
        forecast_note: "Given the data: in every trial the payments due from the units observed are the statement's and the later ones the trial's own, the whole term settled again with the contract's terms; each trial is weighted by the binomial likelihood of the observed completers (and outcomes per completer) given its draws (importance weighting), and the band is the weighted 5%, 50% and 95% quantiles. Δ: a payer's NPV with the contract minus without.",
        sheet: "Settlement",
        forecast_sheet: "Forecast",
        terms: "Terms",
        price: "Price, DKK per unit",
        cap: "Cap, DKK",
        trigger_met: "Trigger met (1 = yes)",
        share: "Share of the payments",
        units_of: |item| format!("Units: {item}"),
        capped_of: |item| format!("After its cap: {item}"),
        after_contract_cap: "After the contract cap",
        account_before: "Return-cap account before payment",
        top_up: "Floor top-up",
        guarantee: "Guarantee draw",
        sheet_note: "Every amount from Due to Paid by is a formula of the observed units, the invested amounts and the terms above: change a unit or a term and the statement recalculates.",
    },
    settle_page: SettlePage {
        heading: |contract| format!("Settlement of the contract \u{201c}{contract}\u{201d}"),
        paid_in: |year, amount, investor| format!("In {year}, {amount} is paid to {investor}"),
        paid_by: |payer, amount| format!("{payer} pays {amount}"),
        due_later: |amount, after| {
            format!(
                "The results already observed make another {amount} due after {after}, within the caps."
            )
        },
        end_result: |investor, mean, low, high, irr| {
            format!(
                "Expected end result for {investor} given the data: an IRR of {irr} and a net result of {mean} (90% band {low} to {high})."
            )
        },
        loss: |given, before| {
            format!("Probability of a loss: {given} given the data ({before} before it).")
        },
        payer_result: |payer, mean| {
            format!("The contract changes {payer}'s NPV by {mean}, expected given the data.")
        },
        evidence: "What the answer rests on",
        statement: "The statement, year by year",
        notes: "Triggers, later payments and caps",
        forecast: "The forecast of the end of the term",
        ore: "DKK to the øre",
        kroner: "DKK",
        footer: |file, actuals, seed| {
            format!(
                "Made by somsim settle from {file} and the actual data in {actuals} (seed {seed}). The statement is exact to the øre; the forecast is a Monte Carlo estimate."
            )
        },
    },
    brief: Brief {
        title: "Decision brief",
        meta: |who, first, last, price_year| {
            format!(
                "For {who} · {first}-{last} · DKK in {price_year} prices, present values discounted"
            )
        },
        answer: |a| {
            use crate::report::views::brief::Verdict;
            let when = match (&a.median_year, a.verdict) {
                (Some(y), Verdict::Pays | Verdict::Uncertain) => {
                    format!(", and half the trials have paid back by {y}")
                }
                _ => String::new(),
            };
            match &a.trials {
                Some(t) => match a.verdict {
                    Verdict::Pays => format!(
                        "It pays for {} by {}: the net present value is positive in {} of the trials (expected {}; 90% interval {} to {}){when}.",
                        a.who, a.last, t.prob, t.mean, t.low, t.high
                    ),
                    Verdict::Uncertain => format!(
                        "Whether it pays for {} by {} is uncertain: the net present value is positive in {} of the trials (expected {}; 90% interval {} to {}){when}.",
                        a.who, a.last, t.prob, t.mean, t.low, t.high
                    ),
                    Verdict::DoesNotPay => format!(
                        "It does not pay for {} by {}: the net present value is positive in only {} of the trials (expected {}; 90% interval {} to {}).",
                        a.who, a.last, t.prob, t.mean, t.low, t.high
                    ),
                },
                None => match a.verdict {
                    Verdict::DoesNotPay => format!(
                        "It does not pay for {} by {}: the net present value is {} (no uncertain input, so no range).",
                        a.who, a.last, a.base
                    ),
                    _ => format!(
                        "It pays for {} by {}: the net present value is {} (no uncertain input, so no range).",
                        a.who, a.last, a.base
                    ),
                },
            }
        },
        buys: "What it buys",
        buys_units: |units, name, unit, first, last| {
            format!("{units} {unit} ({name}) over {first}-{last}.")
        },
        unit_cost: |who, cost, band| match band {
            Some((lo, hi)) => format!(
                "Each costs {who} {cost} net in present value (in 90% of the trials between {lo} and {hi})."
            ),
            None => format!("Each costs {who} {cost} net in present value."),
        },
        unit_saving: |who| format!("{who} saves more than it spends, so they cost it nothing."),
        evidence: "What the evidence says",
        in_current_prices: "Expected, current prices",
        current_note: |projection, price_year| {
            format!(
                "Current prices: the expected net in {price_year} prices, projected with {projection}."
            )
        },
        unsourced: "The projection's figures are not sourced: replace them with KL's price and wage projection before budgeting.",
        budget: |who| format!("The budget of {who}, year by year, DKK"),
        budget_note: "Net result of the year (avoided costs and grants less costs), not discounted, in the scenario's prices: the base case, the mean over the trials and the interval holding 90% of them.",
        budget_contract_note: "The contract's columns (means over the trials) are part of the net.",
        year: "Year",
        budget_year: "budget year",
        later_year: "following year",
        base_case: "Base case",
        mean: "Mean",
        band_90: "90% interval",
        invested: |investor| format!("{investor} pre-finances"),
        repaid: |investor| format!("paid to {investor}"),
        investors: "investors",
        chart: "When it pays back",
        chart_note: |who| {
            format!(
                "Cumulative discounted net of {who}, DKK: the base case (dashed), the median (solid) and the bands holding 50% and 90% of the trials. It has paid back where the line is above zero."
            )
        },
        chart_axis: "Cumulative discounted net, mio. DKK",
        municipalities: "Each municipality",
        municipality: "Municipality",
        prob_positive: "P(NPV > 0)",
        municipalities_folded: |n, (plo, phi), (mlo, mhi)| {
            format!(
                "Across the {n} municipalities, the probability that the course pays for one on its own lies between {plo} and {phi}, and its expected net present value between {mlo} and {mhi}."
            )
        },
        contracts: "The contract",
        prefinances: |investor, amount, years| match years {
            Some((a, b)) if a == b => format!("{investor} pre-finances {amount} in {a}."),
            Some((a, b)) => format!("{investor} pre-finances {amount} in {a}-{b}."),
            None => format!("{investor} pre-finances {amount}."),
        },
        repays: |who, investor, amount, last| match amount {
            Some(x) => format!("{who} repays {investor} by results, {x} on average, until {last}."),
            None => format!("{who} repays {investor} by results until {last}."),
        },
        worse_off: |who, prob, mean| {
            format!(
                "In {prob} of the trials {who} is worse off with the contract than paying the course itself; on average the contract changes its result by {mean}."
            )
        },
        investor_risk: |investor, prob_loss, guarantee| match guarantee {
            Some((g, p, x)) => format!(
                "{investor} loses money in {prob_loss} of the trials; {g}'s guarantee is drawn in {p} of them ({x} on average)."
            ),
            None => format!("{investor} loses money in {prob_loss} of the trials."),
        },
        footer: |seed, trials, engine| match (seed, trials) {
            (Some(s), Some(n)) => format!(
                "somsim {engine} · {n} trials, seed {s} (rerun with --seed {s} to reproduce)"
            ),
            _ => format!("somsim {engine} · base case only"),
        },
        full_report: "The full report (somsim report) has every perspective, the evidence and the assumptions with their sources.",
    },
    who: |p| match p {
        "kommune" => "the municipalities".into(),
        "region" => "the region".into(),
        "stat" => "the state".into(),
        "public" => "the public sector".into(),
        "all" => "all payers together".into(),
        "society" => "society".into(),
        "fund" => "the fund".into(),
        other => other.to_owned(),
    },
    perspective_name: |p| match p {
        "kommune" => "Municipality (kommune)".into(),
        "region" => "Region".into(),
        "stat" => "State (stat)".into(),
        "public" => "Public sector".into(),
        "all" => "All payers".into(),
        "fund" => "Fund".into(),
        "society" => "Society".into(),
        other => other.to_owned(),
    },
};

/// 1st, 2nd, 3rd, 4th, 11th, 21st, ...
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 99]
            .map(super::ordinal)
            .to_vec();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "99th"
            ]
        );
    }
}

//! The English vocabulary.

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
        converted: |price_year, index, items| {
            format!("Converted to {price_year} prices with {index}: {items}")
        },
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

        file: "File",
        public_base_npv: "Public base NPV",
        public_mean_npv: "Public mean NPV",
        status: "Status",
        ok: "ok",
        error: "error",
        batch: |rows, trials, seed| {
            format!("Batch: {rows} rows, {trials} trials each, seed {seed}, amounts in DKK")
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
        who_pays_note: "The base case year by year: costs below zero (light), avoided costs above zero (dark), per payer.",
        per_year: |price_year| format!("DKK per year in the base case,, {price_year} prices"),
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
        payer_delta_note: "Change in NPV with the contract against without, in the base case.",
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
        deal_note: "Every combination of contract terms settled on the same trials; in each cell the investor's probability of a loss. The colour shows who accepts the terms within the stated limits.",
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

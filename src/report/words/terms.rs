//! The words of a contract's terms (the rate card, the pre-financing, the caps, the floor, the
//! guarantee), as the terminal, the report and the workbook show them.

vocabulary! {
    /// Every text of a contract's terms. Numbers and names come in already formatted.
    pub struct Terms {
        /// Above the terms.
        pub title: &'static str,
        /// The rate card's first column: the success target.
        pub item: &'static str,
        pub pays_for: &'static str,
        pub price: &'static str,
        pub lag: &'static str,
        pub cap: &'static str,
        /// The item pays nothing in a trial where `condition` fails.
        pub trigger: fn(item: &str, condition: &str) -> String,
        /// A rate-card item paid on a measurement (`how`, in words; `None`: on the true
        /// value), and its trigger's measurement where it has one.
        pub measured_item: fn(item: &str, how: Option<&str>, trigger: Option<&str>) -> String,
        /// The metric `completers`.
        pub completers: &'static str,
        /// A metric's units counted by the end of the term, as a trigger reads them.
        pub in_all: fn(metric: &str) -> String,
        /// A cell with nothing in it (no cap).
        pub none: &'static str,
        /// The investor pays `share` of cost line `cost` in `years`.
        pub prefinance: fn(share: &str, cost: &str, years: &str) -> String,
        /// The investor pays `amount` kroner to `to` each of `years`.
        pub tranche: fn(amount: &str, to: &str, years: &str) -> String,
        /// The cohorts whose completers count.
        pub cohorts: fn(years: &str) -> String,
        /// Who repays, with shares (`kommune 70 pct., region 30 pct.`).
        pub repaid_by: fn(payers: &str) -> String,
        pub contract_cap: fn(amount: &str) -> String,
        pub return_cap: fn(rate: &str) -> String,
        pub hurdle_rate: fn(rate: &str) -> String,
        pub floor: fn(share: &str, payer: &str) -> String,
        pub guarantee: fn(guarantor: &str, amount: &str) -> String,
        pub gain_share: fn(share: &str, payers: &str, lag: usize) -> String,
        /// A metric's units counted in the years before `year`, as a gate reads them.
        pub before: fn(metric: &str, year: i32) -> String,
        /// A stack's tranche puts up its share from `year` only if `condition` holds.
        pub gate: fn(tranche: &str, year: i32, condition: &str) -> String,
        /// The stack's management fee: `rate` a year of the capital outstanding, to `manager`.
        pub management_fee: fn(manager: &str, rate: &str) -> String,

        // The workbook's cells of the terms, each a value a person may change.
        /// Above the cells: what changing one does.
        pub cells_note: &'static str,
        pub price_of: fn(item: &str) -> String,
        pub cap_of: fn(item: &str) -> String,
        pub at_least_of: fn(item: &str, input: &str) -> String,
        pub at_most_of: fn(item: &str, input: &str) -> String,
        pub share_of: fn(cost: &str) -> String,
        pub contract_cap_cell: &'static str,
        pub return_cap_cell: &'static str,
        pub floor_cell: &'static str,
        pub guarantee_cell: &'static str,
        pub gain_share_cell: &'static str,
    }
}

pub(super) const EN: Terms = Terms {
    title: "Terms",
    item: "Rate card",
    pays_for: "Pays for",
    price: "Price, DKK",
    lag: "Lag, years",
    cap: "Cap, DKK",
    trigger: |item, condition| format!("{item}: paid only if {condition}"),
    measured_item: |item, how, trigger| {
        let paid = how.map_or_else(
            || "paid on the true value".to_owned(),
            |h| format!("paid on a measurement by {h}"),
        );
        match trigger {
            Some(t) => format!("{item}: {paid}, its trigger judged on a measurement by {t}"),
            None => format!("{item}: {paid}"),
        }
    },
    completers: "completers",
    in_all: |metric| format!("{metric} by the end of the term"),
    none: "none",
    prefinance: |share, cost, years| format!("Pre-financed: {share} of {cost} in {years}"),
    tranche: |amount, to, years| format!("Paid out: {amount} DKK a year to {to} in {years}"),
    cohorts: |years| format!("Cohorts that count: the completers of {years}"),
    repaid_by: |payers| format!("Repaid by: {payers}"),
    contract_cap: |amount| format!("Contract cap: at most {amount} DKK paid in all"),
    return_cap: |rate| format!("Return cap: at most {rate} a year on average"),
    hurdle_rate: |rate| format!("The investor's cost of capital (hurdle rate): {rate}"),
    floor: |share, payer| {
        format!(
            "Floor: {payer} tops the investor up to {share} of the principal at the end of the term"
        )
    },
    guarantee: |guarantor, amount| {
        format!("Guarantee: {guarantor} covers a loss of up to {amount} DKK at the end of the term")
    },
    gain_share: |share, payers, lag| {
        let years = if lag == 1 { "year" } else { "years" };
        format!("Gain share: {share} of the savings of {payers}, paid {lag} {years} later")
    },
    before: |metric, year| format!("{metric} before {year}"),
    gate: |tranche, year, condition| {
        format!(
            "Gate: {tranche} puts up its share from {year} only if {condition}; otherwise the other tranches put it up"
        )
    },
    management_fee: |manager, rate| {
        format!(
            "Management fee: {rate} a year of the capital outstanding, paid to {manager} by the tranches through the end of the term"
        )
    },
    cells_note: "The terms: change a yellow cell to try another term, and the settlement below follows.",
    price_of: |item| format!("Price per unit of {item}, DKK"),
    cap_of: |item| format!("Cap on {item}, DKK"),
    at_least_of: |item, input| format!("{item} is paid only if {input} is at least"),
    at_most_of: |item, input| format!("{item} is paid only if {input} is at most"),
    share_of: |cost| format!("Share of {cost} pre-financed"),
    contract_cap_cell: "Contract cap, DKK",
    return_cap_cell: "Return cap, a year",
    floor_cell: "Floor, share of the principal",
    guarantee_cell: "Guarantee, at most, DKK",
    gain_share_cell: "Gain share, share of the savings",
};

pub(super) const DA: Terms = Terms {
    title: "Vilkår",
    item: "Betalingsmål",
    pays_for: "Betaler for",
    price: "Pris, kr.",
    lag: "Betales efter, år",
    cap: "Loft, kr.",
    trigger: |item, condition| format!("{item}: betales kun, hvis {condition}"),
    measured_item: |item, how, trigger| {
        let paid = how.map_or_else(
            || "betales efter den sande værdi".to_owned(),
            |h| format!("betales efter en måling ved {h}"),
        );
        match trigger {
            Some(t) => format!("{item}: {paid}, betingelsen vurderes efter en måling ved {t}"),
            None => format!("{item}: {paid}"),
        }
    },
    completers: "gennemførte",
    in_all: |metric| format!("{metric} ved kontraktens udløb"),
    none: "intet",
    prefinance: |share, cost, years| format!("Forfinansieres: {share} af {cost} i {years}"),
    tranche: |amount, to, years| format!("Udbetales: {amount} kr. om året til {to} i {years}"),
    cohorts: |years| format!("Årgange, der tæller: de gennemførte i {years}"),
    repaid_by: |payers| format!("Tilbagebetales af: {payers}"),
    contract_cap: |amount| format!("Loft over kontrakten: højst {amount} kr. udbetalt i alt"),
    return_cap: |rate| format!("Afkastloft: højst {rate} om året i gennemsnit"),
    hurdle_rate: |rate| format!("Investors kapitalomkostning (afkastkrav): {rate}"),
    floor: |share, payer| {
        format!(
            "Afkastgulv: {payer} betaler investor op til {share} af hovedstolen ved kontraktens udløb"
        )
    },
    guarantee: |guarantor, amount| {
        format!(
            "Underskudsgaranti: {guarantor} dækker et tab på op til {amount} kr. ved kontraktens udløb"
        )
    },
    gain_share: |share, payers, lag| {
        format!("Gevinstdeling: {share} af besparelsen hos {payers}, betalt {lag} år senere")
    },
    before: |metric, year| format!("{metric} før {year}"),
    gate: |tranche, year, condition| {
        format!(
            "Betingelse: {tranche} skyder sin andel ind fra {year}, kun hvis {condition}; ellers skyder de øvrige trancher den ind"
        )
    },
    management_fee: |manager, rate| {
        format!(
            "Forvaltningshonorar: {rate} om året af den udestående kapital, betalt til {manager} af trancherne til kontraktens udløb"
        )
    },
    cells_note: "Vilkårene: skift en gul celle for at prøve et andet vilkår, så følger afregningen nedenfor med.",
    price_of: |item| format!("Pris pr. enhed for {item}, kr."),
    cap_of: |item| format!("Loft for {item}, kr."),
    at_least_of: |item, input| format!("{item} betales kun, hvis {input} er mindst"),
    at_most_of: |item, input| format!("{item} betales kun, hvis {input} er højst"),
    share_of: |cost| format!("Andel af {cost}, der forfinansieres"),
    contract_cap_cell: "Loft over kontrakten, kr.",
    return_cap_cell: "Afkastloft, om året",
    floor_cell: "Afkastgulv, andel af hovedstolen",
    guarantee_cell: "Underskudsgaranti, højst, kr.",
    gain_share_cell: "Gevinstdeling, andel af besparelsen",
};

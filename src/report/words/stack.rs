//! The words of a contract's capital stack: its tranches in the base case and over the
//! trials, as the terminal and the report show them.

vocabulary! {
    /// Every text of a capital stack. Numbers and names come in already formatted.
    pub struct Stack {
        /// The report's heading.
        pub title: &'static str,
        /// The report table's first column.
        pub tranche: &'static str,
        /// The base-case table's first column: the tranche.
        pub base_title: &'static str,
        /// The table over the trials' first column.
        pub trials_title: &'static str,
        pub investor: &'static str,
        pub seniority: &'static str,
        /// The tranche's share of the investment, and its coupon.
        pub share: &'static str,
        pub coupon: &'static str,
        pub invested: &'static str,
        pub received: &'static str,
        /// Its part of the management fee (in what it invested).
        pub fee: &'static str,
        /// Whether its gate is met (base case), and the share of trials it is.
        pub gate_met: &'static str,
        pub prob_gate_met: &'static str,
        /// A gate met, and missed.
        pub met: &'static str,
        pub missed: &'static str,
        /// `senior`, `junior` or `first_loss`, in words.
        pub rank: fn(key: &str) -> &'static str,
        pub mean_moic: &'static str,
        pub median_irr: &'static str,
        pub prob_loss: &'static str,
        pub expected_loss: &'static str,
        pub worst_5pct: &'static str,
        /// Below the tables: the waterfall in a sentence.
        pub note: &'static str,
    }
}

pub(super) const EN: Stack = Stack {
    title: "Capital stack",
    tranche: "Tranche",
    base_title: "Capital stack, base case",
    trials_title: "Capital stack over the trials",
    investor: "Investor",
    seniority: "Seniority",
    share: "Share",
    coupon: "Coupon",
    invested: "Invested",
    received: "Received",
    fee: "Of it, fee",
    gate_met: "Gate met",
    prob_gate_met: "P(gate met)",
    met: "met",
    missed: "missed",
    rank: |key| match key {
        "senior" => "senior",
        "junior" => "junior",
        _ => "first loss",
    },
    mean_moic: "Mean MOIC",
    median_irr: "Median IRR",
    prob_loss: "P(loss)",
    expected_loss: "Expected loss",
    worst_5pct: "Worst 5% net, mean",
    note: "Waterfall each year: senior tranches are repaid their claims (principal, with any coupon) first, then junior, then first loss; a surplus is shared by the shares (with a gated tranche, by what each has put up).",
};

pub(super) const DA: Stack = Stack {
    title: "Kapitalstak",
    tranche: "Tranche",
    base_title: "Kapitalstak, basisberegning",
    trials_title: "Kapitalstak over trækningerne",
    investor: "Investor",
    seniority: "Rang",
    share: "Andel",
    coupon: "Kupon",
    invested: "Investeret",
    received: "Modtaget",
    fee: "Heraf honorar",
    gate_met: "Betingelse opfyldt",
    prob_gate_met: "P(betingelse opfyldt)",
    met: "opfyldt",
    missed: "ikke opfyldt",
    rank: |key| match key {
        "senior" => "senior",
        "junior" => "junior",
        _ => "første tab",
    },
    mean_moic: "Gns. MOIC",
    median_irr: "Median intern rente",
    prob_loss: "P(tab)",
    expected_loss: "Forventet tab",
    worst_5pct: "Værste 5 pct. netto, gns.",
    note: "Vandfald hvert år: seniortrancher får først deres krav (hovedstol med eventuel kupon), derefter junior, til sidst første tab; et overskud deles efter andelene (med en betinget tranche efter, hvad hver har skudt ind).",
};

//! The words of `somsim portfolio`: a portfolio of contracts and its revolving fund, as the
//! terminal shows them.

vocabulary! {
    /// Every text of a portfolio. Numbers and names come in already formatted.
    pub struct PortfolioWords {
        /// Under the title: the file, the years, the contracts, the trials.
        pub subtitle: fn(file: &str, first: i32, last: i32, contracts: usize, trials: &str) -> String,
        /// The trials and their seed, or the base case alone.
        pub trials: fn(trials: &str, seed: u64) -> String,
        pub base_only: &'static str,
        /// Percentile columns.
        pub p5: &'static str,
        pub p95: &'static str,
        /// The fund's terms in a sentence.
        pub fund: fn(capital: &str, reserve: &str, fee: &str, limit: Option<usize>) -> String,
        /// New capital from donors, listed (`2030: 5.000.000`).
        pub donors: fn(list: &str) -> String,
        /// Without a fund: every contract joins in its own year.
        pub no_fund: &'static str,
        /// The answer over the trials: contracts joined (mean, 5%-95%), completers, P(loss).
        pub answer: fn(joined: &str, of: usize, low: &str, high: &str, completers: &str, gains: Option<&str>) -> String,
        /// The fund's risk over the trials: P(exhausted by the horizon's last year), P(overdrawn).
        pub exhausted: fn(last: i32, p: &str, overdrawn: &str) -> String,
        /// The return over the trials.
        pub returns: fn(moic: &str, p_loss: &str, expected_loss: &str, worst: &str) -> String,
        /// The years table.
        pub years_title: &'static str,
        pub joining: &'static str,
        pub invested: &'static str,
        pub received: &'static str,
        pub fee: &'static str,
        pub balance_base: &'static str,
        pub balance_mean: &'static str,
        pub balance_p5: &'static str,
        pub balance_p95: &'static str,
        pub outstanding_mean: &'static str,
        pub prob_exhausted: &'static str,
        /// Below the years table.
        pub years_note: &'static str,
        /// The contracts table.
        pub contracts_title: &'static str,
        pub start: &'static str,
        pub commitment: &'static str,
        pub base_join: &'static str,
        pub prob_joined: &'static str,
        pub mean_join: &'static str,
        pub loss_share: &'static str,
        /// Below the contracts table: how many more there are, and where they are.
        pub more_contracts: fn(n: usize) -> String,
        /// A contract that does not join in the base case.
        pub not_joined: &'static str,
        /// The payers table.
        pub payers_title: &'static str,
        pub base_delta: &'static str,
        pub mean_delta: &'static str,
        /// Below the payers table.
        pub payers_note: fn(year: i32, rate: &str) -> String,

        // The page (`--format html`).
        /// The chart of the fund's balance, and of P(exhausted by the year), their captions
        /// and axes.
        pub balance_chart: &'static str,
        pub outstanding_chart: &'static str,
        pub exhausted_chart: &'static str,
        pub axis_year: &'static str,
        pub axis_balance: &'static str,
        pub axis_outstanding: &'static str,
        pub axis_probability: &'static str,
        /// The heading above the tables.
        pub evidence: &'static str,
        /// The page's footer: the file, the trials, the seed.
        pub footer: fn(file: &str, trials: &str, seed: u64) -> String,

        // The grid (`somsim deal PORTFOLIO --vary ...`).
        pub grid_title: fn(name: &str, rows: usize, trials: &str, seed: u64) -> String,
        pub grid_joined: &'static str,
        pub grid_joined_p5: &'static str,
        pub grid_completers: &'static str,
        pub grid_prob_loss: &'static str,
        pub grid_moic: &'static str,
        pub grid_expected_loss: &'static str,
        pub grid_exhausted: fn(year: i32) -> String,
        pub grid_balance: fn(year: i32) -> String,
        pub grid_balance_p5: fn(year: i32) -> String,
        pub grid_overdrawn: &'static str,
        pub grid_accepted: &'static str,
        pub grid_yes: &'static str,
        pub grid_no: &'static str,
        pub grid_note: &'static str,

        // The workbook.
        pub fund_sheet: &'static str,
        pub contracts_sheet: &'static str,
        /// Under the fund sheet's title: what is a formula and what is the engine's.
        pub fund_sheet_note: &'static str,
        pub capital: &'static str,
        pub reserve: &'static str,
        pub management_fee: &'static str,
        pub donors_column: &'static str,
        pub outstanding: &'static str,
        pub balance: &'static str,
        /// The contracts sheet: a row's kind.
        pub row_invested: &'static str,
        pub row_received: &'static str,
        pub kind: &'static str,
        pub joins: &'static str,
    }
}

pub(super) const EN: PortfolioWords = PortfolioWords {
    subtitle: |file, first, last, contracts, trials| {
        format!("{file} · {first}-{last} · {contracts} contracts · {trials}")
    },
    trials: |trials, seed| format!("{trials} trials, seed {seed} (common random numbers)"),
    base_only: "base case only (--trials 0)",
    p5: "5%",
    p95: "95%",
    fund: |capital, reserve, fee, limit| {
        let limit = limit.map_or(String::new(), |n| {
            format!(", at most {n} new contracts a year")
        });
        format!(
            "Revolving fund: {capital} DKK of capital, a reserve of {reserve} DKK, a management fee of {fee} a year of the capital outstanding{limit}; it commits to the contracts in their order as its free capital covers each one's base-case investment, and re-invests what they repay"
        )
    },
    donors: |list| format!("New capital from donors: {list}"),
    no_fund: "No fund: every contract joins in its own start year.",
    answer: |joined, of, low, high, completers, gains| {
        let gains = gains.map_or(String::new(), |g| {
            format!(", {g} of them with the outcome the contracts pay for")
        });
        format!(
            "Over the trials the portfolio finances {joined} of {of} contracts on average (5%-95%: {low}-{high}), with {completers} completers in their cohort windows{gains}."
        )
    },
    exhausted: |last, p, overdrawn| {
        format!(
            "P(the fund is exhausted by {last}) {p}: from then on it commits to no contract again although some wait. P(its balance falls below zero) {overdrawn}."
        )
    },
    returns: |moic, p_loss, expected_loss, worst| {
        format!(
            "Return on the capital deployed: mean MOIC {moic} · P(loss) {p_loss} · expected loss {expected_loss} DKK · mean of the worst 5% {worst} DKK"
        )
    },
    years_title: "Year",
    joining: "Joining, base",
    invested: "Invested, base",
    received: "Received, base",
    fee: "Fee, base",
    balance_base: "Balance, base",
    balance_mean: "Balance, mean",
    balance_p5: "Balance, 5%",
    balance_p95: "Balance, 95%",
    outstanding_mean: "Outstanding, mean",
    prob_exhausted: "P(exhausted by)",
    years_note: "DKK in the contracts' price year. Base: every input at its mean; the other columns over the trials. Contracts joined are followed to the end of their term, past the horizon. P(exhausted by): the share of trials in which the fund commits to no contract in that year or later although some still wait (read from each trial's whole path).",
    contracts_title: "Contract",
    start: "May join from",
    commitment: "Commitment",
    base_join: "Joins, base",
    prob_joined: "P(joins)",
    mean_join: "Joins, mean year",
    loss_share: "Share of loss",
    more_contracts: |n| {
        format!(
            "... and {n} more contracts, in the same order: --format json or --format xlsx lists every one."
        )
    },
    not_joined: "no",
    payers_title: "What the portfolio does to each payer",
    base_delta: "Base delta",
    mean_delta: "Mean delta",
    payers_note: |year, rate| {
        format!(
            "Delta: the payer's NPV with the contracts minus without them, each contract's moved from its first year to {year} at {rate} a year, DKK."
        )
    },
    balance_chart: "The fund's balance at each year's end, mio. DKK: the shaded bands hold 90% and 50% of the trials, the solid line is their median and the dashed line the base case (every input at its mean).",
    outstanding_chart: "The capital outstanding in the contracts at each year's end, mio. DKK: the shaded bands hold 90% and 50% of the trials, the solid line is their median and the dashed line the base case.",
    exhausted_chart: "The probability that the fund is exhausted by each year: from then on it finances no new kommune although some wait.",
    axis_year: "Year",
    axis_balance: "Balance, mio. DKK",
    axis_outstanding: "Outstanding, mio. DKK",
    axis_probability: "P(exhausted)",
    evidence: "The evidence",
    footer: |file, trials, seed| {
        format!(
            "somsim portfolio {file}: {trials} trials, seed {seed}. Every term is an illustration unless its file gives a source."
        )
    },
    grid_title: |name, rows, trials, seed| {
        format!(
            "{name}: {rows} combinations of its terms, each on the same {trials} trials (seed {seed})"
        )
    },
    grid_joined: "Contracts, mean",
    grid_joined_p5: "Contracts, 5%",
    grid_completers: "Completers, mean",
    grid_prob_loss: "P(loss)",
    grid_moic: "Mean MOIC",
    grid_expected_loss: "Expected loss",
    grid_exhausted: |year| format!("P(exhausted by {year})"),
    grid_balance: |year| format!("Balance {year}, mean"),
    grid_balance_p5: |year| format!("Balance {year}, 5%"),
    grid_overdrawn: "P(overdrawn)",
    grid_accepted: "Investor accepts",
    grid_yes: "yes",
    grid_no: "no",
    grid_note: "Each combination is the portfolio run again with those terms on the same seed: they differ by their terms alone. Kroner in the contracts' price year.",
    fund_sheet: "Fund",
    contracts_sheet: "Contracts",
    fund_sheet_note: "The base case. Invested and received are the sums of the Contracts sheet; the fee is the rate times the capital outstanding; the balance is last year's plus donors, less invested, plus received, less the fee: change a yellow cell and they follow. Which contracts join, and when, is the engine's (from the capital and reserve as written), and so is the capital outstanding: they do not move.",
    capital: "Capital, DKK",
    reserve: "Reserve, DKK",
    management_fee: "Management fee, a year",
    donors_column: "Donors",
    outstanding: "Outstanding",
    balance: "Balance",
    row_invested: "invested",
    row_received: "received",
    kind: "Flow",
    joins: "Joins",
};

pub(super) const DA: PortfolioWords = PortfolioWords {
    subtitle: |file, first, last, contracts, trials| {
        format!("{file} · {first}-{last} · {contracts} kontrakter · {trials}")
    },
    trials: |trials, seed| format!("{trials} trækninger, seed {seed} (fælles tilfældige tal)"),
    base_only: "kun basisberegning (--trials 0)",
    p5: "5 pct.",
    p95: "95 pct.",
    fund: |capital, reserve, fee, limit| {
        let limit = limit.map_or(String::new(), |n| {
            format!(", højst {n} nye kontrakter om året")
        });
        format!(
            "Revolverende fond: {capital} kr. i kapital, en reserve på {reserve} kr., et forvaltningshonorar på {fee} om året af den udestående kapital{limit}; den forpligter sig til kontrakterne i deres rækkefølge, når dens frie kapital dækker hver enkelts investering i basisberegningen, og geninvesterer det, de betaler tilbage"
        )
    },
    donors: |list| format!("Ny kapital fra donorer: {list}"),
    no_fund: "Ingen fond: hver kontrakt begynder i sit eget startår.",
    answer: |joined, of, low, high, completers, gains| {
        let gains = gains.map_or(String::new(), |g| {
            format!(", heraf {g} med den effekt, kontrakterne betaler for")
        });
        format!(
            "Over trækningerne finansierer porteføljen i gennemsnit {joined} af {of} kontrakter (5-95 pct.: {low}-{high}) med {completers} gennemførte i deres årgange{gains}."
        )
    },
    exhausted: |last, p, overdrawn| {
        format!(
            "P(fonden er opbrugt senest {last}) {p}: derefter forpligter den sig ikke til flere kontrakter, selvom nogle venter. P(saldoen bliver negativ) {overdrawn}."
        )
    },
    returns: |moic, p_loss, expected_loss, worst| {
        format!(
            "Afkast af den investerede kapital: gns. MOIC {moic} · P(tab) {p_loss} · forventet tab {expected_loss} kr. · gns. af de værste 5 pct. {worst} kr."
        )
    },
    years_title: "År",
    joining: "Nye, basis",
    invested: "Investeret, basis",
    received: "Modtaget, basis",
    fee: "Honorar, basis",
    balance_base: "Saldo, basis",
    balance_mean: "Saldo, gns.",
    balance_p5: "Saldo, 5 pct.",
    balance_p95: "Saldo, 95 pct.",
    outstanding_mean: "Udestående, gns.",
    prob_exhausted: "P(opbrugt senest)",
    years_note: "Kr. i kontrakternes prisår. Basis: alle antagelser i deres middelværdi; de øvrige kolonner over trækningerne. Kontrakter, der begynder, følges til deres udløb, også efter tidshorisonten. P(opbrugt senest): andelen af trækninger, hvor fonden ikke giver tilsagn til flere kontrakter i det år eller senere, selvom nogle venter (aflæst af hele trækningens forløb).",
    contracts_title: "Kontrakt",
    start: "Kan begynde fra",
    commitment: "Tilsagn",
    base_join: "Begynder, basis",
    prob_joined: "P(begynder)",
    mean_join: "Begynder, gns. år",
    loss_share: "Andel af tab",
    more_contracts: |n| {
        format!(
            "... og {n} kontrakter mere i samme rækkefølge: --format json eller --format xlsx viser dem alle."
        )
    },
    not_joined: "nej",
    payers_title: "Hvad porteføljen betyder for hver betaler",
    base_delta: "Delta, basis",
    mean_delta: "Delta, gns.",
    payers_note: |year, rate| {
        format!(
            "Delta: betalerens nutidsværdi med kontrakterne minus uden, hver kontrakts flyttet fra dens første år til {year} med {rate} om året, kr."
        )
    },
    balance_chart: "Fondens saldo ved hvert års udgang, mio. kr.: de skraverede bånd rummer 90 og 50 pct. af trækningerne, den fulde linje er deres median og den stiplede basisberegningen (alle antagelser i deres middelværdi).",
    outstanding_chart: "Den udestående kapital i kontrakterne ved hvert års udgang, mio. kr.: de skraverede bånd rummer 90 og 50 pct. af trækningerne, den fulde linje er deres median og den stiplede basisberegningen.",
    exhausted_chart: "Sandsynligheden for, at fonden er opbrugt senest i hvert år: derefter finansierer den ingen ny kommune, selvom nogle venter.",
    axis_year: "År",
    axis_balance: "Saldo, mio. kr.",
    axis_outstanding: "Udestående, mio. kr.",
    axis_probability: "P(opbrugt)",
    evidence: "Grundlaget",
    footer: |file, trials, seed| {
        format!(
            "somsim portfolio {file}: {trials} trækninger, seed {seed}. Alle vilkår er illustrationer, medmindre filen angiver en kilde."
        )
    },
    grid_title: |name, rows, trials, seed| {
        format!(
            "{name}: {rows} kombinationer af vilkårene, hver på de samme {trials} trækninger (seed {seed})"
        )
    },
    grid_joined: "Kontrakter, gns.",
    grid_joined_p5: "Kontrakter, 5 pct.",
    grid_completers: "Gennemførte, gns.",
    grid_prob_loss: "P(tab)",
    grid_moic: "Gns. MOIC",
    grid_expected_loss: "Forventet tab",
    grid_exhausted: |year| format!("P(opbrugt senest {year})"),
    grid_balance: |year| format!("Saldo {year}, gns."),
    grid_balance_p5: |year| format!("Saldo {year}, 5 pct."),
    grid_overdrawn: "P(negativ saldo)",
    grid_accepted: "Investor accepterer",
    grid_yes: "ja",
    grid_no: "nej",
    grid_note: "Hver kombination er porteføljen kørt igen med de vilkår på samme seed: de adskiller sig kun ved vilkårene. Kroner i kontrakternes prisår.",
    fund_sheet: "Fond",
    contracts_sheet: "Kontrakter",
    fund_sheet_note: "Basisberegningen. Investeret og modtaget er summerne fra arket Kontrakter; honoraret er satsen gange den udestående kapital; saldoen er sidste års plus donorer, minus investeret, plus modtaget, minus honoraret: skift en gul celle, så følger de med. Hvilke kontrakter der begynder, og hvornår, er beregnet af modellen (ud fra kapitalen og reserven, som de står i filen), og det samme er den udestående kapital: de flytter sig ikke.",
    capital: "Kapital, kr.",
    reserve: "Reserve, kr.",
    management_fee: "Forvaltningshonorar, om året",
    donors_column: "Donorer",
    outstanding: "Udestående",
    balance: "Saldo",
    row_invested: "investeret",
    row_received: "modtaget",
    kind: "Strøm",
    joins: "Begynder",
};

//! Det danske ordforråd (the Danish vocabulary).
//!
//! One `const` holding every word and sentence the tables, the report page and the workbook
//! show in Danish: long because it is the whole vocabulary, kept in one place so that each
//! language's words are read (and reviewed by a native reader) together.

use super::*;

pub(super) const DA: Words = Words {
    lang: Lang::Da,
    parts: SocietyParts {
        resource: Named {
            label: "Ressourcer (× nettoafgiftsfaktor)",
            name: "ressourcer",
        },
        production: Named {
            label: "Produktion (× nettoafgiftsfaktor)",
            name: "produktion",
        },
        transfer: Named {
            label: "Overførsler (går ud)",
            name: "overførsler",
        },
        volunteer_time: Named {
            label: "Frivilligt arbejde",
            name: "frivilligt arbejde",
        },
        welfare: Named {
            label: "Velfærdsgevinster",
            name: "velfærdsgevinster",
        },
        tax_distortion: Named {
            label: "Skatteforvridning",
            name: "skatteforvridning",
        },
    },
    quadrants: Quadrants {
        dominant: "flere enheder og en besparelse",
        costs_more: "flere enheder til en merudgift",
        dominated: "færre enheder mod en udgift",
        saves_with_fewer_units: "færre enheder og en besparelse",
        same_units: "samme antal enheder",
    },
    discounted: "diskonteret",
    not_discounted: "ikke diskonteret",
    tables: Tables {
        undefined: "ikke defineret",
        not_available: "n/a",
        perspective: "Perspektiv",
        npv: "Nutidsværdi",
        pv_benefits: "Undgåede udgifter (NV)",
        pv_net_cost: "Nettoudgift (NV)",
        roi: "Afkast pr. krone",
        break_even: "Tilbagebetaling",
        net_cost_per_completer: "Nettoudgift pr. gennemfører",
        no_flows: "ingen strømme",
        year: "År",
        costs: "Udgifter",
        benefits: "Undgåede udgifter",
        transfers: "Overførsler",
        contract: "Kontrakt",
        net: "Netto",
        discount_factor: "Diskonteringsfaktor",
        discounted_net: "Diskonteret netto",
        cumulative: "Akkumuleret",
        mean_npv: "Nutidsværdi, gennemsnit",
        se: "± std.fejl",
        median: "Median",
        mean: "Middel",
        prob_positive: "P(NV > 0)",
        prob_break_even: "P(tilbagebetalt)",
        prob_break_even_by: "P(tilbagebetalt senest)",
        never: "Aldrig",
        to: "til",
        none: "ingen",
        source: "kilde",
        investor: "Investor",
        moic: "MOIC",
        irr_median: "Intern rente, median",
        prob_loss: "P(tab)",

        period: |file, first, last, years, price_year| {
            format!("{file} · {first}-{last} ({years} år) · kr. i {price_year}-priser")
        },
        discounting: "Diskontering",
        discount_rule: |rule, pct| match rule {
            DiscountRule::Ministry => format!(
                "Finansministeriets samfundsøkonomiske diskonteringsrente (real): {} i år 1-35, {} i år 36-70, {} derefter",
                pct(Decimal::new(35, 3)),
                pct(Decimal::new(25, 3)),
                pct(Decimal::new(15, 3))
            ),
            DiscountRule::Flat(r) => format!("fast real rente {}", pct(*r)),
            DiscountRule::Schedule(steps) => {
                let steps: Vec<String> = (steps.iter())
                    .map(|(from, r)| format!("{} fra år {}", pct(*r), from))
                    .collect();
                format!("trinvis real rente: {}", steps.join(", "))
            }
        },
        converted: |price_year, index, items| {
            format!("Omregnet til {price_year}-priser med {index}: {items}")
        },
        conversion: |what, from, to, factor| {
            format!("{what} fra {from}- til {to}-priser, faktor {factor}")
        },
        activity: |courses, participants, completers, volunteers| {
            format!(
                "Aktivitet: {courses} forløb · {participants} deltagere · {completers} gennemførte · {volunteers} frivillige uddannet"
            )
        },
        gross_cost: |gross, discounted| {
            format!("Indsatsens bruttoudgift: {gross} kr. ({discounted} kr. diskonteret)")
        },
        base_case: "Basisberegning: usikre antagelser på middelværdien; hele kroner (JSON og CSV har øre)",
        breaks_even: |year, years| format!("{year} ({years} år)"),
        none_by: |last| format!("ikke inden {}", last + 1),
        per_completer_note: "Nettoudgift pr. gennemfører er diskonteret (nettoudgift i nutidsværdi / gennemførte).",
        non_monetary: |name, units, unit, gross, public| {
            format!(
                "{name}: {units} {unit} over perioden; bruttoudgift {gross} kr. pr. enhed, offentlig nettoudgift {public} kr. pr. enhed"
            )
        },
        ledger_rows: |municipality, payer| match (municipality, payer) {
            (None, None) => "alle kommuner, alle betalere".to_owned(),
            (Some(m), None) => format!("{m}, alle betalere"),
            (None, Some(p)) => format!("alle kommuner, betaler {p}"),
            (Some(m), Some(p)) => format!("{m}, betaler {p}"),
        },
        ledger_title: |rows| format!("Regnskab ({rows}), kr.:"),
        no_assumptions: "Antagelser: ingen (alle værdier står i scenariet).",
        assumptions_used: "Antagelser:",
        in_prices: |year| format!("{year}-priser"),
        changed_here: "ændret i dette scenarie",

        monte_carlo: |trials, seed, inputs, latin_hypercube| {
            if latin_hypercube {
                format!(
                    "Monte Carlo: {trials} simuleringer, latinsk hyperkube i blokke af 256, seed {seed} (kør igen med --seed {seed} --sampling latin-hypercube for samme resultat); {inputs} usikre antagelser"
                )
            } else {
                format!(
                    "Monte Carlo: {trials} simuleringer, seed {seed} (kør igen med --seed {seed} for samme resultat); {inputs} usikre antagelser"
                )
            }
        },
        // The precision line is not yet in Danish: the tables have written it in English.
        precision: |target, achieved, trials_needed| {
            let short = trials_needed.map_or_else(String::new, |n| {
                format!(
                    " (stopped before reaching the target, which needs about {n:.1e} trials; raise --max-trials or the target)"
                )
            });
            format!("Precision: target {target}, reached {achieved:.4}{short}")
        },
        by_year: |year| format!("senest {year}"),
        npv_over_trials: "Nutidsværdi i simuleringerne, kr.:",
        not_shown: |list| format!("Ikke vist (ingen strømme i dette scenarie): {list}."),
        public_break_even: |mid, p_mid, last, p_last| {
            format!(
                "P(den offentlige sektor er tilbagebetalt senest {mid}) = {p_mid}; senest {last} = {p_last}"
            )
        },
        rank_correlations: "Rangkorrelationer (mål / opnået i simuleringerne):",
        own_budget: "Kommunens eget budget (kommune)",
        prob_break_even_in: |year| format!("P(tilbagebetalt senest {year})"),
        spread: |low, low_name, median, high, high_name| {
            format!("lavest {low} ({low_name}), median {median}, højest {high} ({high_name})")
        },
        own_npv_spread: |spread| format!("P(kommunens egen nutidsværdi > 0): {spread}."),
        own_break_even_spread: |year, spread| {
            format!("P(kommunen er tilbagebetalt senest {year}): {spread}.")
        },
        every_percentile: |n| {
            format!(
                "Percentiler for alle {n} kommuner: --format json (monte_carlo.municipalities) eller --format csv --municipalities."
            )
        },
        municipal_break_even: "Hver kommunes sandsynlighed for tilbagebetaling år for år: --municipal-break-even.",

        cost_effectiveness: |name, unit, units, discounting| {
            format!(
                "Omkostningseffektivitet: {name}\n  enhed: {unit}; {units} enheder i basisberegningen, {discounting}"
            )
        },
        ce_net_cost: "Nettoudgift (NV), kr.",
        ce_per_unit: "Pr. enhed, kr.",
        ce_icer: "ICER (MC), kr./enhed",
        ce_interval: "Pr. enhed P5 til P95, kr.",
        ce_prob_effect: "P(effekt > 0)",
        ce_threshold: "λ*, kr./enhed",
        at_the_means: "Ved middelværdierne",
        society_welfare_note: "society: nettoudgiften fratrækker allerede de værdisatte velfærdsgevinster; prisen pr. enhed er, hvad en enhed skal være værd ud over dem.",
        acceptability: "Betalingsvillighedskurve: P(nettogevinst > 0) ved en pris pr. enhed λ (nettogevinst = λ × enheder − nettoudgift)",
        lambda: "λ, kr./enhed",

        society: |naf, distortion| {
            format!(
                "Samfundsøkonomisk perspektiv (samfund), nutidsværdi, kr.: nettoafgiftsfaktor {naf}, skatteforvridningsfaktor {distortion}"
            )
        },
        part: "Del",
        in_budgets: "I budgetterne",
        for_society: "For samfundet",
        zero_parts: |list| format!("Nul i dette scenarie: {list}."),
        financing_need: |need, source| {
            format!("Offentligt finansieringsbehov (nutidsværdi): {need} kr. Kilde: {source}")
        },
        unvalued: |list| {
            format!(
                "Ikke værdisat i kroner: {list}. Gevinsten indgår i omkostningseffektiviteten, ikke i samfundets nutidsværdi."
            )
        },
        welfare_value: |name, value, source| {
            format!("{name}: {value} kr. pr. enhed. Kilde: {source}")
        },

        comparison: |n, trials, seed| {
            format!(
                "Sammenligning af {n} scenarier: {trials} simuleringer hver, seed {seed} (samme tilfældige tal)"
            )
        },
        base_npv: "Nutidsværdi, basis",
        perspective_npv: |name| format!("Perspektiv {name}, nutidsværdi i kr.:"),
        difference: "Forskel",
        base: "Basis",
        beats_first: "P(bedre end [1])",
        paired: |file, versus| format!("{file} mod {versus}, parvise forskelle:"),
        moic_mean: "MOIC, gennemsnit",
        expected_loss: "Forventet tab",
        worst_5: "Værste 5 pct.",
        prob_payer_worse: "P(betaler dårligere stillet)",
        contracts_same_trials: "Kontrakter, på de samme simuleringer (beløb i kr.):",
        options_title: |o| {
            format!("Scenarierne som muligheder for {o}, ved siden af intet forløb ([0]):")
        },
        options_perspective: |p| format!("Perspektiv {p}:"),
        no_course: "intet forløb",
        option: "Mulighed",
        units: "Enheder",
        net_cost_kroner: "Nettoudgift, kr.",
        frontier: "Effektivitetsgrænse",
        efficient: "effektiv",
        efficient_icer: |x| format!("effektiv, ICER {x} kr. pr. enhed"),
        strongly_dominated: |by| format!("domineret af [{by}]"),
        extendedly_dominated: |a, b| format!("udvidet domineret af [{a}] og [{b}] sammen"),
        price_per_unit: "Pris pr. enhed, kr.",
        prob_best_of: |k| format!("P(bedst) [{k}]"),
        best_on_average: "Bedst i gennemsnit",
        evpi_options: "EVPI, kr.",
        options_note: "P(bedst): andelen af simuleringer, hvor muligheden har den største nettogevinst (pris × enheder − nettoudgift). Bedst i gennemsnit: accepteringsgrænsen (CEAF). EVPI: hvad det er værd at vide, hvilken mulighed der er bedst i hver simulering, det mindste forventede tab (JSON: expected_loss for hver mulighed).",

        and: "og",
        volume_stop: |names, _several, after| {
            format!(
                "Volumenrisiko: {names} stopper med forløbet efter {after} (sandsynlighed 100 pct.): basisberegningen og alle simuleringer tæller ingen forløb efter {after}"
            )
        },
        volume_risk: |names, several, after, probability, running| {
            let (each, one) = if several {
                ("hver ", "hver enkelt stopper")
            } else {
                ("", "kommunen stopper")
            };
            format!(
                "Volumenrisiko: {names} kan stoppe med forløbet efter {after}, {each}med sandsynligheden {probability}; hver simulering trækker, om {one}, og basisberegningen tæller {running} af de forløb, der er planlagt efter {after}"
            )
        },
        contract_title: |name, investor, last_year, source| {
            format!("Kontrakt: {name} · investor {investor} · løber til {last_year}{source}")
        },
        base_case_kroner: "Basisberegning, kr.",
        invested: "Investeret",
        due: "Forfalden",
        paid: "Betalt",
        investor_net: "Investors netto",
        caps_bind: "lofter der binder",
        contract_base: |invested, received, top_up, guarantee, moic, irr, caps| {
            format!(
                "Basisberegning: investeret {invested} kr., modtaget {received} kr. (supplering {top_up} kr., garanti {guarantee} kr.); MOIC {moic}, intern rente {irr}{caps}"
            )
        },
        investor_over_trials: "Investor i simuleringerne",
        irr: "Intern rente",
        net_result: "Nettoresultat, kr.",
        noise_mark: "(støj)",
        evppi_noise: |floor, _| {
            format!(
                "EVPPI på højst {floor} kr. er støj (markeret): det, en antagelse uden sammenhæng med resultatet får ved disse simuleringer, fordi regressionens tilpassede værdier varierer tilfældigt; flere simuleringer sænker det."
            )
        },
        group_decides: |g, v| {
            format!("Sammen er antagelserne i {g} {v} kr. værd (gruppens EVPPI).")
        },
        evpi_only_together: "Ingen enkelt antagelse ændrer beslutningen alene: EVPI ligger i flere antagelser sammen, ikke i én.",
        irr_several_in: |share| {
            format!(
                "flere interne renter i {share} af simuleringerne (den nærmeste 10 pct. tælles)"
            )
        },
        irr_undefined_in: |share| {
            format!("intern rente ikke defineret i {share} af simuleringerne")
        },
        investor_risk: |loss, expected, worst, irr_undefined| {
            format!(
                "P(tab) {loss} · forventet tab {expected} kr. · gennemsnit af de værste 5 pct. {worst} kr.{irr_undefined}"
            )
        },
        trigger_met: "udløser opfyldt",
        cap_binds: "loft binder",
        contract_cap_binds: "kontraktens loft binder",
        return_cap_binds: "afkastloftet binder",
        floor_used: |p, mean| format!("P(gulv brugt) {p}, gennemsnitlig supplering {mean} kr."),
        guarantee_drawn: |p, mean| format!("P(garanti udløst) {p}, gennemsnitligt træk {mean} kr."),
        payer_effects: "Hvad kontrakten betyder for hver betaler",
        base_delta: "Ændring, basis",
        mean_delta: "Ændring, gennemsnit",
        prob_worse: "P(dårligere stillet)",
        delta_note: "Ændring: betalerens nutidsværdi med kontrakten minus uden (diskonteret), kr.",
        measured_items: "Betalt efter en målt værdi",
        measured_by: "Målt ved",
        met_if_true_met: "P(opfyldt | reelt opfyldt)",
        met_if_true_missed: "P(opfyldt | reelt ikke opfyldt)",
        mean_due_measured: "Forfalden, gns., kr.",
        mean_due_true: "Efter den sande værdi, kr.",
        error_share: "Betalt for målefejl",
        measurement_kind: |kind| match kind {
            "randomised" => "randomiseret forsøg",
            "comparison" => "sammenligningsgruppe",
            "pre_post" => "før-efter-måling",
            "register (Poisson)" => "register (Poisson)",
            "register (negative binomial)" => "register (negativ binomial)",
            _ => "den sande værdi",
        },
        measured_note: "Forfalden i aftalens løbetid før lofter, gennemsnit over simuleringerne; udløseren vurderes på den målte værdi (og for den sande værdi på den sande). Betalt for målefejl: den andel af det forfaldne, der betaler for enheder, forløbet ikke har skabt.",
        power_curve: |item, bins| {
            format!("P(udløser opfyldt på målingen) efter den sande værdi, {item}: {bins}")
        },
        versus_ideal: |moic, loss, expected, more, less| {
            format!(
                "Sammenlignet med den ideelle kontrakt (de samme simuleringer, betalt efter de sande værdier): gennemsnitlig MOIC {} (ideel {}), P(tab) {} ({}), forventet tab {} kr. ({} kr.); den målte kontrakt betaler investoren mere i {more} af simuleringerne og mindre i {less} af dem.",
                moic[0], moic[1], loss[0], loss[1], expected[0], expected[1]
            )
        },
        exposure: |base, mean, p95, year, share| {
            format!(
                "Udestående kapital på sit højeste: {base} kr. i basisberegningen; i simuleringerne {mean} kr. i gennemsnit, {p95} kr. ved 95. percentil, oftest ved udgangen af {year} ({share} af simuleringerne)"
            )
        },
        hurdle: |rate, base, mean, below| {
            format!(
                "Ved investorens kapitalomkostning på {rate}: nutidsværdi {base} kr. i basisberegningen, {mean} kr. i gennemsnit i simuleringerne; P(nutidsværdi < 0) {below}"
            )
        },
        payers_versus_ideal: "Hver betaler, målt mod ideel",
        mean_delta_ideal: "Ændring, gns., ideel",
        prob_worse_ideal: "P(dårligere stillet), ideel",

        deal_space: |contract, investor, n, trials, seed| {
            format!(
                "Aftalerum for kontrakten \"{contract}\" (investor {investor}): {n} kombinationer, hver på de samme {trials} simuleringer (seed {seed})"
            )
        },
        investor_limit: |p| format!("investor accepterer P(tab) ≤ {p}"),
        payer_limit: |p| format!("hver betaler accepterer P(dårligere stillet) ≤ {p}"),
        limits: "Grænser:",
        expected_loss_kroner: "Forventet tab, kr.",
        worst_5_kroner: "Værste 5 pct., kr.",
        payer_delta: |payer| format!("Δ {payer}, kr."),
        payer_worse: |payer| format!("P({payer} dårligere)"),
        accepted: "Accepteret",
        accepted_by_both: "begge",
        accepted_by_investor: "investor",
        accepted_by_payers: "betalere",
        accepted_by_neither: "ingen",
        deal_note: "Δ: betalerens nutidsværdi med kontrakten minus uden, gennemsnit over simuleringerne. Accepteret: hvis angivne grænser holder.",
        investor_lowest: "Investors laveste",
        payer_highest: |payer| format!("Højeste for {payer}"),
        both_accept: "Begge accepterer",
        no_limit: "ingen grænse",
        acceptable: |term| format!("Acceptable værdier af {term} (gitterets værdier)"),
        solved: |term, low, high| {
            format!(
                "Løste værdier af {term} (halvering af intervallet på de samme simuleringer mellem {low} og {high})"
            )
        },
        solved_moic_one: "Gns. MOIC = 1",
        solved_investor: "P(tab) = grænsen",
        solved_payer: |payer| format!("P({payer} dårligere) = grænsen"),
        whole_range: "hele intervallet",
        solved_note: "Løst: den laveste værdi, hvor den gennemsnitlige MOIC når 1, og investorens P(tab) er inden for dens grænse; den højeste, hvor hver betalers P(dårligere stillet) er inden for dens grænse. Hele intervallet: opfyldt overalt i søgningen; ingen: ingen steder.",

        sensitivity: |scenario, file, trials, seed| {
            format!(
                "Følsomhed for {scenario}\n{file} · {trials} Monte Carlo-simuleringer, seed {seed}"
            )
        },
        sensitivity_perspective: |name, at_means| {
            format!(
                "Perspektiv {name}: nutidsværdi {at_means} kr. med alle antagelser på middelværdien"
            )
        },
        one_way: "Én ad gangen (10. → 90. percentil)",
        input_range: "Antagelsens spænd",
        npv_at_10: "Nutidsværdi ved 10.",
        npv_at_90: "Nutidsværdi ved 90.",
        swing: "Udsving",
        global: "Samlet (rangkorrelation med nutidsværdien)",
        spearman: "Spearman",
        variance_share: "Andel af variansen",
        evppi: "EVPPI (kr.)",
        inputs_together: "Antagelser sammen (evppi_groups)",
        evpi: |name, evpi| {
            format!("Værdien af information (investere eller ej, {name}): EVPI {evpi} kr.")
        },
        percentile_of: |p| match p * 100.0 {
            x if x < 0.5 => "under sin 1. percentil".into(),
            x if x > 99.5 => "over sin 99. percentil".into(),
            x => format!("sin {}. percentil", x.round() as u32),
        },
        switches_at: |input, above, value, place| {
            let side = if above { "over" } else { "under" };
            format!("{input} skal være {side} {value} ({place}) for nutidsværdi > 0")
        },
        never_switches: |name| {
            format!(
                "Skifteværdier: ingen enkelt antagelse inden for sin 0,1.-99,9. percentil vender fortegnet på nutidsværdien for {name}"
            )
        },
        switching_values: "Skifteværdier (de øvrige på middelværdien):",
        study_title: |name, input, outcome| {
            format!(
                "Undersøgelse: {name}, som måler {input} ({outcome}, to grupper med n deltagere)"
            )
        },
        study_normal: "et normalfordelt udfald",
        study_binary: "et ja/nej-udfald",
        study_fixed: |input| {
            format!("{input} er fastlagt i denne kørsel, så der er intet at lære: hver EVSI er 0")
        },
        study_count: "et antal pr. deltager",
        study_cost: |fixed, per| {
            format!("Udgift: {fixed} kr. plus {per} kr. pr. deltager i hver gruppe")
        },
        study_population: |per_year, years, discounted, scenario, factor| {
            format!(
                "Værdi for {per_year} deltagere om året i {years} år ({discounted} diskonteret): scenariets værdi pr. deltager ({scenario} deltagere) gange {factor}"
            )
        },
        n_per_arm: "n pr. gruppe",
        cost_kroner: "Udgift, kr.",
        evsi_of: |p| format!("EVSI {p}"),
        enbs_of: |p| format!("ENBS {p}"),
        best_size: |p, n, enbs, low, high| {
            if low == high {
                format!("{p}: den bedste størrelse er {n} pr. gruppe (ENBS {enbs} kr.)")
            } else {
                format!(
                    "{p}: den bedste størrelse er {n} pr. gruppe (ENBS {enbs} kr.); {low} til {high} pr. gruppe ligger inden for 5 pct. af den"
                )
            }
        },
        no_size_pays: |p, best, evppi| {
            format!(
                "{p}: ingen størrelse betaler sig (den bedste ENBS er {best} kr.); selv fuld information om antagelsen er kun {evppi} kr. værd for scenariet"
            )
        },
        evsi_noise: "En EVSI markeret (støj) er ikke mere, end en undersøgelse uden sammenhæng med resultatet får ved disse simuleringer (regressionens støjgulv); ENBS regner den som 0.",
        evsi_note: "EVSI: den forventede værdi af undersøgelsens svar for beslutningen (investere, hvis den forventede nutidsværdi er over 0), beregnet på simuleringerne med regressionsmetoden (Strong m.fl. 2015). ENBS: den værdi for hele målgruppen fratrukket undersøgelsens udgift.",

        file: "Fil",
        public_base_npv: "Offentlig nutidsværdi, basis",
        public_mean_npv: "Offentlig nutidsværdi, gennemsnit",
        status: "Status",
        ok: "ok",
        error: "fejl",
        batch: |rows, trials, seed| {
            format!(
                "Kørsel af {rows} varianter: {trials} simuleringer hver, seed {seed}, beløb i kr."
            )
        },
        base_npv_of: |p| format!("Nutidsværdi, basis ({p})"),
        mean_npv_of: |p| format!("Nutidsværdi, gennemsnit ({p})"),
        changed_by_set: |items| format!("Ændret med --set: {items}"),
        budget_title: |first, last, projection, price_year| {
            format!(
                "Budget {first}-{last}: netto pr. år i {price_year}-priser og i løbende priser ({projection}), kr., ikke diskonteret"
            )
        },
        prices: "Priser",
        pl_factor: "Pris- og lønfaktor",
        fixed_prices: |y| format!("{y}-priser"),
        current_prices: "løbende priser",
        projection_source: |s| format!("Fremskrivning: {s}"),
        projection_unsourced: |n| format!("Fremskrivningens tal har ingen kilde: {n}"),
        more_tables: "Mere: --full giver alle tabeller (det samfundsøkonomiske perspektiv, tilbagebetaling år for år,\nhver kommunes eget budget, omkostningseffektiviteten og betalingsvillighedskurven); --perspective\nNAVN giver ét perspektiv, --municipality NAVN én kommune; --ledger, --sources; --format json.",
        no_difference: |p| format!("{p}: scenarierne giver samme nutidsværdi i hver simulering."),
        no_paired_difference: |o| {
            format!(
                "{o}: samme antal enheder i hver simulering, så der er ingen udgift pr. enhed at vise (forskellene i nutidsværdi står ovenfor)."
            )
        },
    },
    page: Page {
        html_lang: "da",
        report: "Rapport",
        summary: "Sammenfatning",
        computed: "Beregnet med somsim: en eksakt basisberegning (alle usikre antagelser på deres middelværdi) og en Monte Carlo-simulering af usikkerheden",
        trials: "simuleringer",
        seed: "startværdi",
        meta: |file, first, last, years, price_year| {
            format!("{file} · {first}–{last} ({years} år) · kr. i {price_year}-priser")
        },
        perspective: "Perspektiv",
        payers: "Betalere",
        npv: "Nutidsværdi",
        interval_90: "90 pct.-interval",
        prob_positive: "Sandsynlighed for gevinst",
        pv_benefits: "Undgåede udgifter (nutidsværdi)",
        pv_net_cost: "Nettoudgift (nutidsværdi)",
        roi: "Afkast pr. krone",
        undefined: "ikke defineret",
        prob_break_even_by: "Sandsynlighed for tilbagebetaling senest",
        pays_back: "betaler sig tilbage i",
        does_not_pay_back: "betaler sig ikke tilbage inden",
        who_pays: "Hvem betaler, og hvem sparer",
        who_pays_note: "Hver parts andel af basisberegningen som nutidsværdi i kr.: de udgifter, den bærer, de udgifter, den undgår, de overførsler, den modtager, minus dem, den betaler, og kontraktens betalinger (modtaget forudfinansiering, betalinger til investor, gulv og garanti). Nutidsværdi = undgåede udgifter − udgifter + overførsler + kontrakt.",
        per_year: |price_year| {
            format!(
                "Hver parts netto pr. år i basisberegningen, kr. i {price_year}-priser, ikke diskonteret; gevinster over nul, udgifter under, på samme skala"
            )
        },
        cumulative: "Det akkumulerede resultat og hvor sikkert det er",
        cumulative_note: "Akkumuleret diskonteret nettoresultat: basisberegning, median og 50 og 90 pct. af simuleringerne; under hver figur sandsynligheden for tilbagebetaling år for år.",
        base_case: "Basisberegning",
        median: "Median",
        band_90: "90 pct. af simuleringerne",
        band_50: "50 pct. af simuleringerne",
        distribution: "Fordelingen af nutidsværdien",
        distribution_note: "Nutidsværdien i simuleringerne; søjler til højre for nul er en gevinst.",
        drivers: "Hvad driver resultatet",
        drivers_note: "Nutidsværdien med én antagelse ad gangen på sin 10. og 90. percentil, de øvrige på middelværdien (tornado).",
        input: "Antagelse",
        npv_low: "Nutidsværdi ved 10. percentil",
        npv_high: "Nutidsværdi ved 90. percentil",
        swing: "Udsving",
        at_means: "Nutidsværdi med alle antagelser på middelværdien",
        switching: "Skifteværdier",
        switching_note: "Den værdi af én antagelse, hvor nutidsværdien skifter fortegn (de øvrige på middelværdien).",
        switch_value: "Skifteværdi",
        switch_percentile: "Percentil i fordelingen",
        never_switches: "skifter ikke",
        evpi: "Værdien af fuld information",
        evpi_note: "Hvad det i gennemsnit er værd at kende alle antagelser med sikkerhed, før der besluttes (EVPI).",
        study: |name| format!("Hvad en undersøgelse er værd: {name}"),
        study_note: "En undersøgelses forventede værdi af stikprøveinformation (EVSI) er, hvad dens svar forventes at være værd for beslutningen, før det kendes, for alle, beslutningen berører; fratrukket undersøgelsens udgift er det den forventede nettogevinst ved undersøgelsen (ENBS). En undersøgelse er værd at gennemføre i de størrelser, hvor ENBS er over nul.",
        study_best: |p, n, enbs, low, high| {
            if low == high {
                format!("{p}: den bedste størrelse er {n} deltagere pr. gruppe, ENBS {enbs}.")
            } else {
                format!(
                    "{p}: den bedste størrelse er {n} deltagere pr. gruppe, ENBS {enbs}; {low} til {high} pr. gruppe ligger inden for 5 pct. af den."
                )
            }
        },
        study_none: |p, best| {
            format!(
                "{p}: ingen størrelse betaler sig; undersøgelsen koster mere, end dens svar er værd (den bedste ENBS er {best})."
            )
        },
        axis_study_n: "Deltagere pr. gruppe (n)",
        axis_study_kroner: "Kr.",
        legend_evsi: "EVSI (fuldt optrukket, cirkler)",
        legend_study_cost: "undersøgelsens udgift (stiplet, firkanter)",
        legend_enbs: "ENBS = EVSI fratrukket udgiften (prikket, trekanter)",
        evpi_curve_caption: "EVPI ved prisen λ pr. enhed: hvad det ville være værd at kende alle de usikre antagelser med sikkerhed, før der besluttes (linjerne som i betalingsvillighedskurven, med mærker ved hver pris)",
        axis_evpi: "EVPI, kr.",
        axis_plane_effect: |unit| format!("Effekt, {unit} (dE)"),
        axis_plane_cost: "Nettoudgift, kr. (dC)",
        plane_caption: |p, shown, trials, threshold| {
            format!(
                "Omkostningseffektivitetsplanet, {p}: hver cirkel er én simulerings effekt og nettoudgift ({shown} af {trials} simuleringer, jævnt fordelt); krydset er gennemsnittet; den stiplede linje er tærskelprisen, {threshold} pr. enhed: en simulering under linjen giver en gevinst ved den pris."
            )
        },
        plane_caption_no_threshold: |p, shown, trials| {
            format!(
                "Omkostningseffektivitetsplanet, {p}: hver cirkel er én simulerings effekt og nettoudgift ({shown} af {trials} simuleringer, jævnt fordelt); krydset er gennemsnittet. Der er ingen tærskelpris: i gennemsnit giver indsatsen færre enheder til en udgift eller de samme enheder."
            )
        },
        contracts: "Kontrakter",
        investor: "Investor",
        invested: "Investeret",
        received: "Modtaget",
        irr: "Intern rente (median)",
        moic: "Tilbagebetalt pr. investeret krone (gennemsnit)",
        prob_loss: "Sandsynlighed for tab",
        expected_loss: "Forventet tab",
        worst_5: "Gennemsnit af de værste 5 pct.",
        payer_delta: "Betalernes resultat med kontrakten",
        payer_delta_note: "Ændringen i hver betalers nutidsværdi med kontrakten i forhold til uden: i basisberegningen og i simuleringerne gennemsnittet, 90 pct.-intervallet og andelen af simuleringer, hvor betaleren er dårligere stillet end ved selv at betale forløbet.",
        assumptions: "Antagelser og kilder",
        value: "Værdi",
        unit: "Enhed",
        source: "Kilde",
        evidence: "Om evidensen",
        evidence_caveat: "Beregningen bruger standardantagelsen for psykiatriske sengedage. PEER-forsøget fandt klare gevinster i personlig recovery, men ingen signifikant forskel i psykiatriske indlæggelser eller sengedage; antagelsen er derfor centreret om ingen effekt, og besparelser i regionen er usikre.",
        reproduce: "Genberegning",
        engine: "Version",
        inputs_hash: "SHA-256 af alle inputfiler",
        settings: "Ændringer på kommandolinjen",
        none: "ingen",
        no_monte_carlo: "Ingen Monte Carlo-simulering (ingen usikre antagelser, eller 0 simuleringer).",
        comparison: "Sammenligning",
        deal_space: "Aftalerummet",
        deal_note: "Hver kombination af kontraktvilkår afregnet på de samme simuleringer. Hver celle siger, hvem der accepterer vilkårene inden for de angivne grænser (også vist ved dens farve), investors sandsynlighed for tab og hver betalers sandsynlighed for at være dårligere stillet end ved selv at betale forløbet.",
        both_accept: "begge parter",
        investor_only: "kun investor",
        payers_only: "kun betalerne",
        neither: "ingen",
        irr_distribution: "Investorens interne rente i simuleringerne (rød: under 0 pct.)",
        moic_distribution: "Tilbagebetalt pr. investeret krone i simuleringerne (rød: under 1, et tab)",
        comparison_note: "Hvert scenarie mod det første, simulering for simulering med de samme tilfældige tal: forskellen i nutidsværdi og sandsynligheden for, at scenariet giver det bedste resultat.",
        difference: "Forskel fra nr. 1, gennemsnit",
        beats_first: "Sandsynlighed for at være bedre end nr. 1",
        base_difference: "Forskel i basisberegningen",
        ce: "Hvad koster en enhed af effekten",
        ce_note: "Effekter uden pris (fx personlig bedring) vurderes som omkostningseffektivitet: nettoudgiften i nutidsværdi delt med de (diskonterede) enheder. Betalingsvillighedskurven viser sandsynligheden for, at nettogevinsten λ × enheder − nettoudgift er positiv, når en enhed er λ kr. værd; λ* er prisen, hvor den forventede nettogevinst er nul.",
        units_base: "enheder i basisberegningen",
        per_unit_base: "Pr. enhed, basisberegning",
        icer: "ICER (simuleringer)",
        per_unit_interval: "Pr. enhed, 90 pct.-interval",
        threshold: "λ* (kr. pr. enhed)",
        ceac_caption: "Betalingsvillighedskurve: sandsynligheden for en positiv nettogevinst ved prisen λ pr. enhed",
        correlations: "Rangkorrelationer mellem antagelser",
        target: "Mål",
        achieved: "Opnået i simuleringerne",
        municipalities: "Kommunerne hver for sig",
        municipalities_note: "Hver kommunes egne rækker i regnskabet (kommunens udgifter og de udgifter, den undgår), diskonteret, over simuleringerne. Kommunernes resultater følges ad, hvor en antagelse er national eller delvist puljet på tværs af kommunerne, så de kan ikke lægges sammen som uafhængige risici.",
        municipality: "Kommune",
        mean_npv: "Nutidsværdi, gennemsnit",
        from: "fra",
        to: "til",
        every_municipality: "Alle kommuner",
        in_every_municipality: "i alle kommuner",
        ranges_caption: "Kommunens nutidsværdi over simuleringerne: median, 50 og 90 pct. (mio. kr.)",
        at_the_means: "Ved middelværdierne",
        society: "Samfundsøkonomisk perspektiv",
        society_note: "Finansministeriets metode: ressourcer og produktion opgøres i markedspriser (gange nettoafgiftsfaktoren), overførsler går ud, frivilligt arbejde og velfærdsgevinster tælles med deres værdi, og skatteforvridningen af det offentlige finansieringsbehov er et tab. Tabellen viser, hvordan alle betaleres budgetter (nutidsværdi) bliver til samfundets nutidsværdi.",
        part: "Del",
        in_budgets: "I budgetterne",
        for_society: "For samfundet",
        society_caption: "Samfundets nutidsværdi, del for del (kr.)",
        society_payers: "alle, samfundsøkonomisk opgjort",
        factors: |naf, distortion| {
            format!("Nettoafgiftsfaktor {naf}, skatteforvridningsfaktor {distortion}")
        },
        unvalued: |list| {
            format!(
                "Ikke værdisat i kroner: {list}. Gevinsten indgår i omkostningseffektiviteten ovenfor, ikke i samfundets nutidsværdi."
            )
        },
        per_unit_source: "pr. enhed; kilde",
        millions_axis: |n| format!("{n} mio."),
        payer: "Betaler",
        mean: "Gennemsnit",
        prob_worse: "P(dårligere stillet)",
        guarantee_drawn: |g, p, x| {
            format!(
                "Garantien fra {g} trækkes i {p} af simuleringerne; over alle simuleringer koster den {g} {x} i gennemsnit."
            )
        },
        floor_used: |f, p, x| {
            format!(
                "{f} supplerer investorens indtægter op til gulvet i {p} af simuleringerne, i gennemsnit {x} over alle simuleringer."
            )
        },
        contract_years: "Kontrakten år for år i simuleringerne",
        contract_years_note: "Gennemsnittet pr. år i kr., ikke diskonteret, med simuleringernes 90 pct.-interval nedenunder. Udestående: investeret indtil da minus modtaget, ved årets udgang.",
        year: "År",
        outstanding: "Udestående",
        paid_by: |payer| format!("Betalt af {payer}"),
        outstanding_chart: "Udestående kapital ved hvert års udgang i simuleringerne: 90 pct.- og 50 pct.-båndene, medianen (fuldt optrukket) og basisberegningen (stiplet)",
        axis_outstanding: "Udestående kapital, mio. kr.",
        peak_note: |mean, p95, year, share| {
            format!(
                "På sit højeste har investoren i gennemsnit {mean} udestående ({p95} ved 95. percentil), oftest ved udgangen af {year} ({share} af simuleringerne)."
            )
        },
        hurdle_note: |rate, mean, below| {
            format!(
                "Ved investorens kapitalomkostning på {rate} er nutidsværdien i gennemsnit {mean}; den tjener mindre end omkostningen i {below} af simuleringerne."
            )
        },
        measured_heading: "Betalt efter en målt værdi",
        measured_target: "Betalingsmål",
        measured_note: "Kontrakten betaler, og vurderer sin udløser, efter det, evalueringen måler, ikke efter den sande effekt. For hvert betalingsmål: hvor ofte udløseren er opfyldt på målingen, når den sande værdi opfylder den, og når den ikke gør; hvad der forfalder i aftalens løbetid før lofter, målt og efter den sande værdi (gennemsnit over simuleringerne); og den andel af det forfaldne, der betaler for målefejl.",
        versus_ideal: |moic, moic_ideal, loss, loss_ideal| {
            format!(
                "Sammenlignet med den ideelle kontrakt (de samme simuleringer, betalt efter de sande værdier) er investorens gennemsnitlige MOIC {moic} (ideel {moic_ideal}) og P(tab) {loss} (ideel {loss_ideal})."
            )
        },
        no_flows: |list| {
            // `region, stat` reads `region og stat`.
            let list = match list.rsplit_once(", ") {
                Some((most, last)) => format!("{most} og {last}"),
                None => list.to_owned(),
            };
            format!(
                "Intet falder på {list}: ingen udgifter, besparelser eller overførsler i noget år."
            )
        },
        deal_investor_loss: "P(investor taber)",
        deal_payer_worse: |payer| format!("P({payer} dårligere stillet)"),
        contract_heading: |name, investor| format!("{name}, med {investor} som investor"),
        party: "Part",
        costs_borne: "Udgifter",
        avoided: "Undgåede udgifter",
        transfers: "Overførsler",
        contract_flows: "Kontrakt",
        axis_npv: "Nutidsværdi, kr.",
        axis_share: "Andel af simuleringerne",
        axis_paid_back: "P(tilbagebetalt)",
        axis_irr: "Investors interne rente",
        axis_moic: "Modtaget pr. investeret krone",
        axis_net_year: "Netto pr. år, kr.",
        axis_price: "Pris pr. enhed (λ), kr.",
        axis_accept: "P(nettogevinst > 0)",
        axis_kroner: "Kr.",
        tails: |low, high| {
            format!(
                "Den første søjle rummer også alle simuleringer under {low} (eller mindre), den sidste alle fra {high} (eller mere)."
            )
        },
    },
    workbook: Workbook {
        sheets: Sheets {
            about: "Om projektmappen",
            perspectives: "Perspektiver",
            budget: "Budget",
            budget_current: "Budget i løbende priser",
            ledger: "Regnskab",
            activity: "Aktivitet",
            costs: "Udgifter",
            transfers: "Overførsler",
            benefits: "Gevinster",
            society: "Samfundsøkonomi",
            discounting: "Diskontering",
            inputs: "Antagelser",
            monte_carlo: "Monte Carlo",
            municipalities: "Kommuner",
            cost_effectiveness: "Omkostningseffektivitet",
            cost_effectiveness_of: |k| format!("Omkostningseffektivitet {k}-1"),
            contracts: "Kontrakter",
            batch: "Kørsel",
            deal_space: "Aftalerum",
            studies: "Undersøgelser",
            unnamed: "Ark",
        },
        about: About {
            title: "Om projektmappen",
            what: "Hvad projektmappen er",
            intro: "Scenariets basisberegning gjort om til formler, fra antagelserne til resultaterne: hvert tal fra arket Aktivitet til arket Perspektiver er en formel og gemmer den værdi, somsim har beregnet, så et program, der ikke regner forfra, også viser de rigtige tal.",
            file: "Fil",
            period_name: "Periode",
            period: |first, last| format!("{first}-{last} ({} år)", last - first + 1),
            prices: "Priser",
            monte_carlo: "Monte Carlo-simulering",
            made_by: "Lavet med",
            how_to_change: "Sådan ændrer du en antagelse",
            change: [
                "Skriv en ny værdi i en celle, der er markeret som antagelse (lysegul med orange kant, som i farveforklaringen nedenfor); cellerne står her.",
                "Excel og LibreOffice regner alle formler forfra med det samme: regnskabet, perspektiverne, budgettet, samfundsøkonomien og prisen pr. enhed følger med (hvis ikke: F9 i Excel; Data > Beregn > Genberegn alt i LibreOffice).",
                "Resultaterne af Monte Carlo-simuleringen (arkene Monte Carlo og Kommuner og kolonnerne over simuleringerne i Omkostningseffektivitet) er værdier, ikke formler: de regnes ikke forfra. Kør somsim igen med ændringen: somsim run FIL --set navn=værdi --format xlsx -o FIL.xlsx.",
                "Faste antagelser (en værdi, ikke en fordeling) står som tal i formlerne: ret dem i scenariets filer, og kør somsim igen.",
            ],
            where_sheet: "Ark",
            where_cells: "Celler",
            where_what: "Hvad de er",
            inputs_cells: "hver usikker antagelses værdi i basisberegningen (middelværdien; formlerne bruger den ved navn, fx =completion_rate), med enhed, prisår og kilde ved siden af",
            society_cells: "nettoafgiftsfaktoren og forvridningsfaktoren",
            discounting_cells: "diskonteringsrenten for hvert år efter det første",
            projection_cells: "pris- og lønfremskrivningens sats for hvert år efter prisåret (stigningen fra året før): faktorerne og budgetårene i løbende priser følger med",
            colours: "Farveforklaring",
            input_cell: "en antagelse: en værdi, du må ændre",
            helper_cell: "hjælpekolonner (0/1-markeringer, 9999 for ingen, rækkenumre) er grupperet og skjult: + over kolonnerne viser dem; en note på overskriften siger, hvad de indeholder",
            sheets: "Arkene",
            sheet: "Ark",
            holds: "Hvad det indeholder",
            notes: SheetNotes {
                perspectives: "pr. perspektiv: nutidsværdi, undgåede udgifter og nettoudgift (nutidsværdi), afkast pr. krone og tilbagebetalingsåret; nedenfor pr. år netto, diskonteret netto og akkumuleret resultat (formler over Regnskab)",
                budget: "hver kommunes netto pr. betaler i budgetåret og de tre overslagsår, i prisårets priser (faste priser)",
                budget_current: "budgetårene i løbende priser: pris- og lønfremskrivningens satser (antagelser, der kan ændres), hvert års faktor og pr. perspektiv netto i faste og i løbende priser (formler)",
                ledger: "én række pr. år, kommune og betaler: hver udgiftspost og gevinst i sin egen kolonne, overførsler, kontraktbetalinger, netto, diskonteringsfaktor og diskonteret netto, i kroner og øre",
                activity: "forløb, tilmeldte, gennemførende og uddannede frivillige pr. kommune og år",
                costs: "hver udgiftsposts beløb pr. år: antal × mængde × enhedspris",
                transfers: "hver overførsels beløb pr. år, fra én betaler til en anden",
                benefits: "pr. gevinst effekten, værdien af en vægtet gennemførende, profil og overlevelse og den undgåede udgift pr. kommune og år; de ikke-monetære gevinsters enheder",
                society: "det samfundsøkonomiske perspektiv: alle betaleres strømme efter art, frivillig tid og velfærdsgevinster værdisat, nettoafgiftsfaktoren og forvridningsfaktoren",
                discounting: "diskonteringsrente og -faktor for hvert år",
                inputs: "alle usikre antagelser (værdierne, du kan ændre) med enhed, prisår, kilde og fordeling; dernæst alle antagelser med kilde og rangkorrelationerne",
                monte_carlo: "resultaterne over simuleringerne: fraktiler af nutidsværdien, P(NV > 0), P(tilbagebetalt senest i året) og hvert perspektivs histogram, med diagrammer (værdier, ikke formler)",
                municipalities: "hver kommunes egen nutidsværdi over simuleringerne og P(NV > 0) (værdier, ikke formler)",
                cost_effectiveness: "pr. perspektiv prisen pr. enhed af hver ikke-monetær gevinst i basisberegningen (formler) og over simuleringerne ICER og acceptkurven (værdier)",
                contracts: "hver kontrakts afregning i formler: investeret, forfaldent pr. takstpost, lofter, betalt, garantien og tilbagebetalingsnøglen",
            },
            perspectives: "Perspektiverne",
            means: "Hvad det tæller",
            perspective_means: |key| match key {
                "kommune" => Some("kommunernes budgetter: hvad kommunerne betaler og sparer"),
                "region" => Some("regionernes budgetter (sygehuse og psykiatri)"),
                "stat" => Some("statens budget"),
                "public" => Some("den offentlige sektor: kommune, region og stat tilsammen"),
                "all" => Some(
                    "alle scenariets betalere tilsammen (fonden og en eventuel investor medregnet): overførsler mellem dem går ud med hinanden",
                ),
                "fund" => Some("fonden, der finansierer forløbet"),
                "society" => Some(
                    "samfundet som helhed: alle betaleres strømme i markedspriser, overførsler udlignet, frivillig tid og velfærdsgevinster værdisat, og omkostningen ved at skattefinansiere det offentliges netto (arket Samfundsøkonomi)",
                ),
                _ => None,
            },
            own_perspective: "et perspektiv, scenariet selv definerer: de nævnte betalere",
            footer: "Side &P af &N",
        },
        results_about: ResultsAbout {
            intro: "De resultater, somsim har beregnet, som værdier: ingen celle er en antagelse, og intet genberegnes, når en celle ændres.",
            what_if: "For at spørge \"hvad nu hvis\": ret scenariets fil, eller angiv ændringen på kommandolinjen (--set navn=værdi), og kør somsim igen; eller skriv ét scenaries projektmappe (somsim run FIL --format xlsx -o FIL.xlsx), hvis formler følger dets antagelser.",
            command: "Skrevet af",
            scenarios: "Scenarier",
            comparison_of: |n| format!("Sammenligning af {n} scenarier"),
            sensitivity_of: |scenario| format!("Hvad driver resultatet: {scenario}"),
            compare_perspective: "ét perspektiv: hvert scenaries nutidsværdi i basisberegningen og over simuleringerne (gennemsnit, 5. percentil, median, 95. percentil, P(nutidsværdi > 0), P(tilbagebetalt)), derefter hvert scenaries parvise forskel fra det første (med samme tilfældige tal)",
            compare_contracts: "hvert scenaries kontrakter side om side: investorens MOIC, IRR, P(tab), forventet tab og gennemsnittet af de værste 5 pct. over simuleringerne",
            compare_cost_effectiveness: "et scenaries parvise forskel fra det første pr. enhed af hver effekt uden pris: ICER, betalingsvillighedskurven og værdien af mere viden",
            sensitivity_perspective: "ét perspektiv: tornadoen (nutidsværdien med hver antagelse på sin 10. og 90. percentil, de øvrige på middelværdien) med et søjlediagram, rangkorrelationer, skifteværdier, EVPI og EVPPI",
            sensitivity_studies: "hver foreslået undersøgelse ved hver størrelse n pr. gruppe: dens udgift og pr. perspektiv dens EVSI (for dem, beslutningen berører) og ENBS, med et diagram pr. perspektiv (værdier)",
            batch: "én række pr. scenarie og ændring (kørslens CSV, tal som tal): nutidsværdi og sandsynligheder pr. perspektiv",
            deal_space: "én række pr. afprøvet kontraktvilkår (aftalerummets CSV, tal som tal): investorens og hver betalers resultat over simuleringerne, og om hver angivet grænse holder",
        },
        perspectives_helpers: "Skjulte kolonner K-L (+ over dem viser dem) i hver årsblok: \"Herfra og frem ≥ 0\" er 1, hvor det akkumulerede resultat er nul eller derover fra det år til det sidste, ellers 0; \"Muligt tilbagebetalingsår\" er året, hvor den er 1, ellers 9999. Tilbagebetalingsåret er det mindste mulige (9999: intet).",
        ledger_helpers: "De sidste to kolonner (grupperet og skjult: + over dem viser dem) er hver rækkes kommune og betaler som numre: de andre arks summer vælger rækker efter dem, så intet navn læses som et mønster.",

        perspective_name: |key| {
            match key {
                "public" => "offentlig",
                "all" => "alle",
                "fund" => "fond",
                "society" => "samfund",
                other => other,
            }
            .to_owned()
        },
        in_prices: |price_year| format!("kr. i {price_year}-priser"),
        monte_carlo_line: |trials, seed, latin_hypercube| {
            let by = if latin_hypercube {
                " (latinsk hyperkube)"
            } else {
                ""
            };
            format!("Monte Carlo: {trials} simuleringer{by}, seed {seed}")
        },
        base_case_only: "kun basisberegning (ingen Monte Carlo-simulering)",
        parts_of_long_sums: "Dele af lange summer",
        year: "År",
        municipality: "Kommune",
        payer: "Betaler",
        payers: "Betalere",
        perspective: "Perspektiv",
        scenario: "Scenarie",
        contract: "Kontrakt",
        investor: "Investor",
        npv: "Nutidsværdi",
        mean: "Middel",
        median: "Median",
        base: "Basis",
        net: "Netto",
        discount_factor: "Diskonteringsfaktor",
        discounted_net: "Diskonteret netto",
        prob_positive: "P(NV > 0)",
        undefined: "ikke defineret",
        none: "ingen",
        yes: "ja",
        no: "nej",
        source: "Kilde",
        unit: "Enhed",
        input: "Usikker antagelse",
        defined_at: "Defineret i",
        kroner: "kr.",

        rate: "Rente",
        perspectives_note: "Formler over arket Regnskab (rækkerne vælges efter betalerens nummer, arkets sidste kolonne): ændr en antagelse (arket Antagelser) eller et beløb i regnskabet, og alle resultater her følger med.",
        pv_benefits: "Undgåede udgifter (nutidsværdi)",
        pv_net_cost: "Nettoudgift (nutidsværdi)",
        roi: "Afkast pr. krone",
        break_even_year: "Tilbagebetalingsår",
        cumulative: "Akkumuleret",
        from_here_on: "Herfra og frem ≥ 0",
        break_even_candidate: "Muligt tilbagebetalingsår (9999: intet)",
        society_payers: "alle betalere, samfundsøkonomisk opgjort (arket Samfundsøkonomi)",

        inputs_note: "Usikre antagelser: basisberegningen bruger middelværdien (hver har et defineret navn, som formlerne bruger: ændr en middelværdi, og projektmappen regner forfra); Monte Carlo-simuleringen trækker fra fordelingen.",
        mean_to_change: "Basisberegning (middelværdien): ændr den for at regne forfra",
        distribution: "Fordeling",
        per_municipality: "Pr. kommune",
        pooled: |pooling| format!("ja, puljning {pooling}"),
        assumption: "Antagelse",
        value: "Værdi",
        price_year: "Prisår",
        changed_here: "Ændret her",
        correlation_between: "Rangkorrelation mellem",
        and: "og",
        target: "Mål",
        achieved: "Opnået i simuleringerne",
        no_monte_carlo: "ingen Monte Carlo",

        no_monte_carlo_ran: "Ingen Monte Carlo-simulering (--trials 0, eller ingen usikre antagelser).",
        npv_over_trials: "Nutidsværdi i simuleringerne, kr. (værdier, ikke formler).",
        sd: "Std.afv.",
        se: "Std.fejl",
        prob_no_break_even: "P(ingen tilbagebetaling)",
        prob_break_even_by_year: "P(tilbagebetalt senest i året)",
        histogram: |name, p| {
            format!(
                "{name}: nutidsværdi i simuleringerne (P(NV > 0) = {:.0} pct.)",
                100.0 * p
            )
        },
        same_npv: "Alle simuleringer har samme nutidsværdi.",
        npv_from: "Nutidsværdi fra, kr.",
        to_kroner: "til, kr.",
        trials: "Simuleringer",
        share: "Andel",
        share_of_trials: "Andel af simuleringerne",
        municipalities_note: "Hver kommunes egen nutidsværdi i simuleringerne: dens kommune-rækker i arket Regnskab, diskonteret (kr., værdier, ikke formler). Hver kommunes P(tilbagebetalt) år for år: kør med --municipal-break-even.",
        municipalities_by_year_note: "Hver kommunes egen nutidsværdi i simuleringerne: dens kommune-rækker i arket Regnskab, diskonteret (kr., værdier, ikke formler). P(tilbagebetalt senest et år): andelen af simuleringer, hvor det akkumulerede diskonterede nettoresultat er nul eller derover fra det år til det sidste.",
        prob_break_even_in: |year| format!("P(tilbagebetalt senest {year})"),

        budget_note: |price_year, current| {
            let current = match current {
                Some(sheet) => format!("i løbende priser: arket {sheet}"),
                None => "til løbende priser skal scenariet have et `budget:` og en pris- og lønfremskrivning".into(),
            };
            format!(
                "Netto pr. år, udiskonteret, kr. i {price_year}-priser (faste priser; {current}): positivt er en besparelse eller indtægt, negativt en udgift. Fra arket Regnskab, hvis rækker vælges efter kommunens og betalerens nummer (arkets sidste kolonner)."
            )
        },
        budget_current_note: |price_year| {
            format!(
                "Netto pr. år, udiskonteret, kr.: i {price_year}-priser (faste priser, fra arket Perspektivers årsblokke) og i årets løbende priser = fast × faktor, afrundet til øre. Et års faktor er produktet af (1 + sats) over årene efter {price_year} til og med året. Satserne kan ændres: ret én, og faktorerne og de løbende priser følger med. Nutidsværdier forbliver i faste priser."
            )
        },
        projection: "Pris- og lønfremskrivning",
        projection_source: "Kilde",
        projection_file: "Fil",
        projection_note: "Bemærkning",
        projection_unsourced: "IKKE KILDEBELAGT: satserne er ikke fra en offentliggjort kilde. Erstat dem med KL's pris- og lønskøn eller kommunens eget, før budgettet lægges.",
        projection_rate: "Stigning fra året før",
        projection_factor: |price_year| format!("Faktor fra {price_year}-priser"),
        budget_fixed: |p, price_year| format!("{p}, {price_year}-priser"),
        budget_current: |p| format!("{p}, løbende priser"),
        budget_year: |year| format!("{year} (budgetår)"),
        estimate_year: |year, i| format!("{year} (BO{i})"),

        ce_note: "dE: enheder af effekten (diskonteret, medmindre andet er angivet); dC: nettoudgift i nutidsværdi (−nutidsværdien). Pr. enhed = dC / dE. Kolonnerne fra Monte Carlo-simuleringen er værdier over simuleringerne.",
        ce_effect: "dE, basisberegning",
        ce_cost: "dC, basisberegning, kr.",
        ce_per_unit: "Pr. enhed, basisberegning, kr.",
        ce_mean_effect: "E[dE]",
        ce_mean_cost: "E[dC], kr.",
        ce_icer: "ICER, kr. pr. enhed",
        ce_p5: "Pr. enhed 5 pct.",
        ce_p95: "Pr. enhed 95 pct.",
        ce_threshold: "λ*, kr. pr. enhed",
        ce_prob_effect: "P(dE > 0)",
        acceptability: |outcome| format!("{outcome}: P(nettogevinst > 0) ved en pris pr. enhed λ"),
        lambda: "λ, kr. pr. enhed",
        price_axis: "Pris pr. enhed λ, kr.",
        prob_net_benefit: "P(nettogevinst > 0)",
        evpi_over_price: |outcome| format!("{outcome}: EVPI ved en pris pr. enhed λ, kr."),
        evpi_axis: "EVPI, kr.",
        plane: |outcome, p| format!("{outcome}: omkostningseffektivitetsplanet, {p}"),
        plane_note: |shown| {
            format!(
                "{shown} simuleringer, jævnt fordelt over kørslen (højst 1.000): hver simulerings dE og dC; tærskellinjen dC = λ* × dE beregnes fra cellen med λ*."
            )
        },
        trial: "Simulering",
        plane_effect: "dE",
        plane_cost: "dC, kr.",
        trials_series: "Simuleringer",
        threshold_line: "Tærskellinje dC = λ* × dE",
        plane_effect_axis: "Effekt (dE), enheder",
        plane_cost_axis: "Nettoudgift (dC), kr.",
        study: |name| format!("Hvad en undersøgelse er værd: {name}"),
        study_n: "n pr. gruppe",
        study_cost: "Undersøgelsens udgift, kr.",
        study_evsi: |p| format!("EVSI, {p}"),
        study_enbs: |p| format!("ENBS, {p}"),
        study_chart: |name, p| format!("{name}: EVSI, udgift og ENBS efter n, {p}"),
        study_axis_n: "Deltagere pr. gruppe (n)",
        study_axis_kroner: "Kr.",

        compare_line: |trials, seed| {
            format!("{trials} simuleringer pr. scenarie, seed {seed} (samme tilfældige tal)")
        },
        comparison: |name| format!("Sammenligning, perspektiv {name}: nutidsværdi i kr."),
        base_npv: "Nutidsværdi, basis",
        mean_npv: "Nutidsværdi, gennemsnit",
        prob_break_even: "P(tilbagebetalt)",
        difference: "Forskel (simulering for simulering)",
        beats_first: "P(bedre end [1])",
        contracts_same_trials: "Kontrakter, på de samme simuleringer",
        irr_median: "Intern rente, median",
        moic_mean: "MOIC, gennemsnit",
        prob_loss: "P(tab)",
        expected_loss: "Forventet tab, kr.",
        worst_5: "Værste 5 pct., kr.",
        paired: |file, versus| format!("{file} mod {versus}: parvise forskelle"),

        sensitivity_line: |file, trials, seed| {
            format!("{file} · Monte Carlo: {trials} simuleringer, seed {seed}")
        },
        drives: |scenario, name| format!("{scenario}: hvad driver nutidsværdien for {name}"),
        one_way: |at_means| {
            format!(
                "Én ad gangen: hver antagelse på sin 10. og 90. percentil, de øvrige på middelværdien (nutidsværdi ved middelværdierne {at_means:.0} kr.)."
            )
        },
        p10: "10. percentil",
        p90: "90. percentil",
        npv_at_10: "Nutidsværdi ved 10.",
        npv_at_90: "Nutidsværdi ved 90.",
        swing: "Udsving",
        change_at_10: "Ændring ved 10.",
        change_at_90: "Ændring ved 90.",
        tornado: |name| format!("Tornado: ændring i nutidsværdien for {name}, kr."),
        input_at_10: "antagelsen på sin 10. percentil",
        input_at_90: "antagelsen på sin 90. percentil",
        spearman: "Spearmans rho",
        variance_share: "Andel af variansen",
        switching_value: "Skifteværdi",
        its_percentile: "Dens percentil",
        none_in_range: "ingen inden for spændet",
        value_of_information: "Værdien af information",
        evpi: "EVPI (alle antagelser)",
        evppi: |input| format!("EVPPI: {input}"),

        ledger_note: "Hver udgiftspost og effekt fra arkene Udgifter og Gevinster, fordelt efter sin fordelingsnøgle og betalernes andele; netto = undgåede udgifter + overførsler + kontrakt − udgifter; diskonteret netto = netto × diskonteringsfaktor. Kontraktens betalinger er afregningens værdier i basisberegningen. Kroner med øre. De andre ark vælger rækker efter de sidste to kolonner (numre, ikke navne).",
        costs: "Udgifter",
        avoided: "Undgåede udgifter",
        transfers: "Overførsler",
        municipality_no: "Kommunenr.",
        payer_no: "Betalernr.",

        society_note: "Det samfundsøkonomiske perspektiv: alle betaleres budgetstrømme efter klasse, ressourcer og produktion i markedspriser (× nettoafgiftsfaktor), overførsler går ud, frivilligt arbejde og velfærdsgevinster værdisat, og skatteforvridningen af det offentlige finansieringsbehov. Faktorerne står under tabellen: ændr en af dem, og resultaterne følger med.",
        present_value: "Nutidsværdi",
        society_rows: [
            "Diskonteringsfaktor",
            "Udgifter, alle betalere (Regnskab)",
            "Undgåede udgifter, alle betalere (Regnskab)",
            "Overførselsklassen: udgifter",
            "Overførselsklassen: gevinster",
            "Produktionsklassen: udgifter",
            "Produktionsklassen: gevinster",
            "Offentligt netto: kommune, region, stat (Regnskab)",
            "Frivilligt arbejde, værdisat",
            "Velfærdsgevinster, værdisat",
            "Ressourcer, i budgetterne",
            "Produktion, i budgetterne",
            "Overførsler, i budgetterne",
            "Ressourcer × nettoafgiftsfaktor",
            "Produktion × nettoafgiftsfaktor",
            "Overførsler (går ud)",
            "Frivilligt arbejde",
            "Velfærdsgevinster",
            "Skatteforvridning: (faktor − 1) × offentligt netto",
            "Samfundets netto",
            "Samfundets gevinster",
            "Samfundets omkostninger",
        ],
        net_tax_factor: "Nettoafgiftsfaktor",
        tax_distortion_factor: "Skatteforvridningsfaktor",
        source_is: |source| format!("Kilde: {source}"),

        measures: [
            "Forløb startet",
            "Tilmeldte",
            "Gennemførte",
            "Frivillige uddannet",
        ],
        activity_note: "Tilmeldte = forløb × deltagere pr. forløb; gennemførte = tilmeldte × gennemførelsesandel; frivillige uddannet = frivillige pr. forløb × forløb (× udskiftning efter det første aktive år). Tallene er scenariets; formlerne læser arket Antagelser.",
        measure: "Aktivitet",
        costs_note: "Beløb = antal (i de kommuner, der tælles med, fra arket Aktivitet) × mængde × enhedspris; arket Regnskab fordeler det efter fordelingsnøglen. per_year tæller 1 i et år, hvor en af kommunerne har forløb (eller i postens egne år).",
        cost_line: "Udgiftspost",
        driver: "Omkostningsdriver",
        driver_name: |d| match d {
            Driver::PerYear => "pr. år",
            Driver::OneOff => "engangsbeløb",
            Driver::PerCourse => "pr. forløb",
            Driver::PerParticipant => "pr. deltager",
            Driver::PerCompleter => "pr. gennemfører",
            Driver::PerVolunteerTrained => "pr. uddannet frivillig",
            Driver::PerCoordinator => "pr. nødvendig koordinator",
        },
        counts: "Tæller med",
        split_into: "Fordeles på",
        quantity_unit_cost: "Mængde × enhedspris",
        all_municipalities: "alle kommuner",
        volunteers: "frivillige (kun samfundsøkonomisk)",
        transfers_note: "Beløb × andel i hvert år, overførslen sker; arket Regnskab lægger det til den modtagende betaler og trækker det fra den betalende.",
        transfer: "Overførsel",
        from: "Fra",
        to: "Til",
        amount: "Beløb",
        benefits_note: "Undgået udgift i år t = Σ over årgange c ≤ t af gennemførte[c] × vægt[t - c] × værdi pr. vægtet gennemfører; vægt = overlevelse × profil; værdi = udgangsniveau × (−effekt) × enhedspris (en indtægt: × effekt).",
        paid_by: |shares| format!("betales af {shares}"),
        effect: "Effekt (fratrukket dødvægt)",
        value_per_completer: "Værdi pr. vægtet gennemfører, kr.",
        attrition: "Frafald pr. år",
        years_after: "År efter gennemførelse",
        profile: "Profil (andel af effekten)",
        survival: "Overlevelse = (1 − frafald)^k",
        weight: "Vægt = overlevelse × profil",
        avoided_kroner: "Undgået, kr.",
        units_of: |outcome, unit| format!("{outcome} ({unit})"),
        units_note: "Enheder i år t = enheder pr. gennemfører × Σ over årgange c ≤ t af gennemførte[c] × profil[t - c]. Arket Omkostningseffektivitet dividerer med effekten herunder, arket Samfundsøkonomi værdisætter hvert års enheder.",
        units_per_completer: "Enheder pr. gennemfører",
        completers_all: "Gennemførte, alle kommuner",
        units_in_year: "Enheder i året",
        units_total: "Enheder i alt",
        units_effect: "Effekt (enheder, diskonteret hvor effektmålet er det)",

        contract_note: "Hver kontrakts afregning, som modellen afregner den: hvad investor forudfinansierer (andele af arket Regnskabs udgiftsceller), hvad der forfalder pr. betalingsmål (forskydning og betingelse medregnet), hvad lofterne og afkastloftet levner, og hvad der betales; herunder afslutningen af aftalen og den fordelingsnøgle, der fordeler betalingerne på kommunerne. Kolonnen Kontrakt på arket Regnskab lægger disse strømme til hver betaler.",
        contract_invested: "Investors investering, kr.",
        contract_cohort: "Gennemførte i kontraktens årgange",
        contract_units: "Optalte enheder (efter årgang eller år)",
        contract_units_due: "Enheder til betaling (efter forskydning)",
        contract_due: "Forfalden (pris × enheder, hvis betingelsen er opfyldt), kr.",
        contract_after_item_cap: "Efter betalingsmålets loft, kr.",
        contract_savings: "Besparelser hos betalerne af gevinstdelingen, kr.",
        contract_gain_share: "Gevinstdeling til betaling, kr.",
        contract_due_total: "Forfalden i alt efter betalingsmålenes lofter, kr.",
        contract_after_cap: "Efter kontraktens loft, kr.",
        contract_account: "Afkastloftets konto før betaling, kr.",
        contract_paid: "Betalt til investor, kr.",
        contract_account_after: "Afkastloftets konto efter betaling, kr.",
        contract_total_invested: "Investeret i alt, kr.",
        contract_total_paid: "Betalt i alt, kr.",
        contract_top_up: "Opfyldning til afkastgulvet ved aftalens udløb, kr.",
        contract_guarantee: "Garantitræk ved aftalens udløb, kr.",
        contract_key: "Fordelingsnøgle: hver kommunes andel af årgangenes gennemførte",

        batch: "Kørsel",
        deal_space: |scenario, contract| format!("{scenario}: aftalerum for \"{contract}\""),
    },
    terms: super::terms::DA,
    stack: super::stack::DA,
    portfolio: super::portfolio::DA,
    stack_sheet: super::stack_sheet::DA,
    settle: Settle {
        title: |contract, investor, file, first, last| {
            format!(
                "Afregning af kontrakten \"{contract}\" (investor {investor}) på de faktiske tal i {file}: {first}-{last}"
            )
        },
        statement: "Afregningsopgørelse, kr. med øre",
        year: "År",
        completers: "Gennemførende",
        invested: "Investeret",
        due_item: |item| format!("Forfalden: {item}"),
        due_total: "Forfalden",
        paid: "Betalt",
        account: "Afkastloftets konto",
        paid_by: |payer| format!("Betalt af {payer}"),
        total: "I alt",
        by_municipality: "Betalt pr. kommune, kr. med øre",
        key: "Andel",
        by_municipality_note: "Hver betaling fordelt efter tilbagebetalingsnøglen på de faktiske tal: hver kommunes andel af de gennemførende i kontraktens årgange, observeret indtil nu (den sidste kommune tager de øre, afrundingen efterlader); nøglen flytter sig, når senere årgange observeres.",
        tranches: "Kapitalstak: hvert år fordelt ved vandfaldet, kr. med øre",
        tranche_invested: "investeret",
        tranche_fee: "honorar",
        tranche_received: "modtaget",
        tranche_gate: |t, met| {
            format!(
                "Betingelsen for {t}, på de observerede år før den: {}",
                if met {
                    "opfyldt"
                } else {
                    "ikke opfyldt (de forpligtede trancher skyder dens andel ind)"
                }
            )
        },
        tranches_note: "Hvert års investering og forvaltningshonorar skydes ind af de forpligtede trancher efter deres andele, og hvert års betaling (med bundtillæg og garanti ved aftalens udløb) betales senior, junior, første tab efter deres krav, et overskud efter andelene (med en betinget tranche efter, hvad hver har skudt ind); hver del til øre, den sidste tranche resten.",
        statement_note: "Gennemførende: i kontraktens årgange, som observeret. Forfalden: pris × observerede enheder, forskudt med forsinkelsen, før lofter. Betalt: efter posternes lofter, kontraktens loft og afkastloftet, i den rækkefølge. Afkastloftets konto: hvad afkastloftet stadig tillader ved årets udgang.",
        trigger: |item, input, measured, met| {
            let verdict = if met {
                "opfyldt"
            } else {
                "ikke opfyldt: intet forfalder for posten"
            };
            format!(
                "Udløser for {item}: {input} målt til {measured} (gennemsnit af de observerede rækker vægtet med gennemførende), {verdict}"
            )
        },
        due_later_capped: |item, amount| {
            format!("{item}: loftet giver plads til højst {amount} kr. af det")
        },
        due_later: |item, amount, after| {
            format!(
                "{item}: {amount} kr. forfalder efter {after} for enheder, der allerede er observeret (før lofter)"
            )
        },
        bound: |caps| format!("Beskåret af: {caps}"),
        item_cap: |item| format!("loftet på {item}"),
        contract_cap: "kontraktens loft",
        return_cap: "afkastloftet",
        end_of_term: |top_up, guarantee| {
            format!(
                "Løbetidens slutning: supplering fra gulvet {top_up} kr., træk på garantien {guarantee} kr."
            )
        },
        term_runs_to: |last| {
            format!("Løbetiden varer til {last}: gulvet og garantien afregnes ved dens slutning.")
        },
        forecast: |trials, seed| {
            format!(
                "Prognose for løbetidens slutning givet de faktiske tal: {trials} simuleringer (seed {seed}), hver vægtet med sandsynligheden for det observerede"
            )
        },
        before_data: "Før de faktiske tal (gennemsnit)",
        given_data: "Givet de faktiske tal (gennemsnit)",
        irr: "Intern rente",
        moic: "Tilbagebetalingsgrad (MOIC)",
        net_result: "Investors nettoresultat, kr.",
        hurdle_npv: "Nutidsværdi ved investors kalkulationsrente, kr.",
        payer_delta: |payer| format!("Δ {payer}, kr."),
        prob_loss: |before, given| {
            format!("P(tab): {before} før de faktiske tal, {given} givet dem")
        },
        ess: |ess, trials, inputs| {
            format!(
                "Effektiv stikprøvestørrelse {ess} af {trials} simuleringer; de faktiske tal oplyser {inputs}"
            )
        },
        nothing_informed: "ingen af de usikre forudsætninger (prognosen er den ubetingede)",
        ess_small: |ess| {
            format!(
                "advarsel: den effektive stikprøvestørrelse er kun {ess}: intervallet givet de faktiske tal hviler på få simuleringer; kør flere simuleringer (--trials)"
            )
        },
        unexplained: "advarsel: ingen simulering forklarer de faktiske tal (alle sandsynligheder er nul), så prognosen er ikke betinget; kontrollér de faktiske tal mod scenariets forudsætninger",
        forecast_note: "Givet de faktiske tal: i hver simulering er de betalinger, der forfalder for de observerede enheder, opgørelsens, og de senere simuleringens egne, og hele løbetiden afregnes igen efter kontraktens vilkår; hver simulering vægtes med den binomiale sandsynlighed for de observerede gennemførende (og udfald pr. gennemførende) givet dens trækninger (importance weighting), og intervallet er de vægtede 5-, 50- og 95-procentsfraktiler. Δ: en betalers nutidsværdi med kontrakten minus uden.",
        sheet: "Afregning",
        forecast_sheet: "Prognose",
        terms: "Vilkår",
        price: "Pris, kr. pr. enhed",
        cap: "Loft, kr.",
        trigger_met: "Udløser opfyldt (1 = ja)",
        share: "Andel af betalingerne",
        units_of: |item| format!("Enheder: {item}"),
        capped_of: |item| format!("Efter sit loft: {item}"),
        after_contract_cap: "Efter kontraktens loft",
        account_before: "Afkastloftets konto før betaling",
        top_up: "Supplering fra gulvet",
        guarantee: "Træk på garantien",
        sheet_note: "Hvert beløb fra Forfalden til Betalt af er en formel af de observerede enheder, de investerede beløb og vilkårene ovenfor: ret en enhed eller et vilkår, og opgørelsen regnes om.",
    },
    settle_page: SettlePage {
        heading: |contract| format!("Afregning af kontrakten \u{201d}{contract}\u{201d}"),
        paid_in: |year, amount, investor| format!("I {year} betales {amount} til {investor}"),
        paid_by: |payer, amount| format!("{payer} betaler {amount}"),
        due_later: |amount, after| {
            format!(
                "De resultater, der allerede er observeret, gør yderligere {amount} forfaldent efter {after} inden for lofterne."
            )
        },
        end_result: |investor, mean, low, high, irr| {
            format!(
                "Forventet slutresultat for {investor} givet de faktiske tal: en intern rente på {irr} og et nettoresultat på {mean} (90 pct.-interval {low} til {high})."
            )
        },
        loss: |given, before| {
            format!("Sandsynlighed for tab: {given} givet de faktiske tal ({before} før dem).")
        },
        payer_result: |payer, mean| {
            format!(
                "Kontrakten ændrer nutidsværdien for {payer} med {mean}, forventet givet de faktiske tal."
            )
        },
        evidence: "Hvad svaret bygger på",
        statement: "Opgørelsen år for år",
        notes: "Udløsere, senere betalinger og lofter",
        forecast: "Prognosen for løbetidens slutning",
        ore: "kr. med øre",
        kroner: "kr.",
        footer: |file, actuals, seed| {
            format!(
                "Lavet af somsim settle på {file} og de faktiske tal i {actuals} (seed {seed}). Opgørelsen er eksakt til øre; prognosen er et Monte Carlo-skøn."
            )
        },
    },
    brief: Brief {
        title: "Beslutningsgrundlag",
        meta: |who, first, last, price_year| {
            format!(
                "For {who} · {first}-{last} · kr. i {price_year}-priser, nutidsværdier diskonteret"
            )
        },
        answer: |a| {
            use crate::report::views::brief::Verdict;
            let when = match (&a.median_year, a.verdict) {
                (Some(y), Verdict::Pays | Verdict::Uncertain) => {
                    format!(", og i halvdelen af simuleringerne er pengene tjent hjem i {y}")
                }
                _ => String::new(),
            };
            match &a.trials {
                Some(t) => match a.verdict {
                    Verdict::Pays => format!(
                        "Indsatsen betaler sig for {} inden udgangen af {}: nutidsværdien er positiv i {} af simuleringerne (forventet {}; 90 pct.-interval {} til {}){when}.",
                        a.who, a.last, t.prob, t.mean, t.low, t.high
                    ),
                    Verdict::Uncertain => format!(
                        "Det er usikkert, om indsatsen betaler sig for {} inden udgangen af {}: nutidsværdien er positiv i {} af simuleringerne (forventet {}; 90 pct.-interval {} til {}){when}.",
                        a.who, a.last, t.prob, t.mean, t.low, t.high
                    ),
                    Verdict::DoesNotPay => format!(
                        "Indsatsen betaler sig ikke for {} inden udgangen af {}: nutidsværdien er kun positiv i {} af simuleringerne (forventet {}; 90 pct.-interval {} til {}).",
                        a.who, a.last, t.prob, t.mean, t.low, t.high
                    ),
                },
                None => match a.verdict {
                    Verdict::DoesNotPay => format!(
                        "Indsatsen betaler sig ikke for {} inden udgangen af {}: nutidsværdien er {} (ingen usikre antagelser, så intet interval).",
                        a.who, a.last, a.base
                    ),
                    _ => format!(
                        "Indsatsen betaler sig for {} inden udgangen af {}: nutidsværdien er {} (ingen usikre antagelser, så intet interval).",
                        a.who, a.last, a.base
                    ),
                },
            }
        },
        buys: "Hvad indsatsen giver",
        buys_units: |units, name, unit, first, last| {
            format!("{units} {unit} ({name}) i {first}-{last}.")
        },
        unit_cost: |who, cost, band| match band {
            Some((lo, hi)) => format!(
                "Hver af dem koster {who} {cost} netto i nutidsværdi (i 90 pct. af simuleringerne mellem {lo} og {hi})."
            ),
            None => format!("Hver af dem koster {who} {cost} netto i nutidsværdi."),
        },
        unit_saving: |who| format!("{who} sparer mere, end indsatsen koster, så de koster intet."),
        evidence: "Hvad forskningen siger",
        in_current_prices: "Forventet, løbende priser",
        current_note: |projection, price_year| {
            format!(
                "Løbende priser: det forventede nettoresultat i {price_year}-priser fremskrevet med {projection}."
            )
        },
        unsourced: "Fremskrivningens tal har ingen kilde: erstat dem med KL's pris- og lønskøn, før der budgetteres.",
        budget: |who| format!("Budgettet for {who} år for år, kr."),
        budget_note: "Årets nettoresultat (undgåede udgifter og tilskud minus udgifter), ikke diskonteret, i scenariets priser: basisberegningen, gennemsnittet af simuleringerne og det interval, 90 pct. af dem ligger i.",
        budget_contract_note: "Kontraktens kolonner (gennemsnit af simuleringerne) indgår i nettoresultatet.",
        year: "År",
        budget_year: "budgetår",
        later_year: "overslagsår",
        base_case: "Basisberegning",
        mean: "Gennemsnit",
        band_90: "90 pct.-interval",
        invested: |investor| format!("{investor} forudfinansierer"),
        repaid: |investor| format!("betales til {investor}"),
        investors: "investorer",
        chart: "Hvornår pengene er tjent hjem",
        chart_note: |who| {
            format!(
                "Det akkumulerede diskonterede nettoresultat for {who}, kr.: basisberegningen (stiplet), medianen (fuldt optrukket) og de bånd, 50 pct. og 90 pct. af simuleringerne ligger i. Pengene er tjent hjem, hvor kurven ligger over nul."
            )
        },
        chart_axis: "Akkumuleret diskonteret nettoresultat, mio. kr.",
        municipalities: "Kommunerne hver for sig",
        municipality: "Kommune",
        prob_positive: "Sandsynlighed for gevinst",
        municipalities_folded: |n, (plo, phi), (mlo, mhi)| {
            format!(
                "I de {n} kommuner ligger sandsynligheden for, at indsatsen betaler sig for den enkelte kommune, mellem {plo} og {phi}, og den forventede nutidsværdi mellem {mlo} og {mhi}."
            )
        },
        contracts: "Kontrakten",
        prefinances: |investor, amount, years| match years {
            Some((a, b)) if a == b => {
                format!("Investoren {investor} forudfinansierer {amount} i {a}.")
            }
            Some((a, b)) => format!("Investoren {investor} forudfinansierer {amount} i {a}-{b}."),
            None => format!("Investoren {investor} forudfinansierer {amount}."),
        },
        repays: |who, investor, amount, last| match amount {
            Some(x) => format!(
                "{who} betaler {investor} tilbage efter resultater, i gennemsnit {x}, frem til {last}."
            ),
            None => format!("{who} betaler {investor} tilbage efter resultater frem til {last}."),
        },
        worse_off: |who, prob, mean| {
            format!(
                "I {prob} af simuleringerne er {who} dårligere stillet med kontrakten end ved selv at betale indsatsen; i gennemsnit ændrer kontrakten resultatet med {mean}."
            )
        },
        investor_risk: |investor, prob_loss, guarantee| match guarantee {
            Some((g, p, x)) => format!(
                "Investoren {investor} taber penge i {prob_loss} af simuleringerne; garantien fra {g} trækkes i {p} af dem (i gennemsnit {x})."
            ),
            None => format!("Investoren {investor} taber penge i {prob_loss} af simuleringerne."),
        },
        footer: |seed, trials, engine| match (seed, trials) {
            (Some(s), Some(n)) => format!(
                "somsim {engine} · {n} simuleringer, seed {s} (kør igen med --seed {s} for de samme tal)"
            ),
            _ => format!("somsim {engine} · kun basisberegning"),
        },
        full_report: "Den fulde rapport (somsim report) har alle perspektiver, forskningen og antagelserne med deres kilder.",
    },
    who: |p| match p {
        "kommune" => "kommunerne".into(),
        "region" => "regionen".into(),
        "stat" => "staten".into(),
        "public" => "det offentlige".into(),
        "all" => "alle betalere samlet".into(),
        "society" => "samfundet".into(),
        "fund" => "fonden".into(),
        other => other.to_owned(),
    },
    perspective_name: |p| match p {
        "kommune" => "Kommune".into(),
        "region" => "Region".into(),
        "stat" => "Stat".into(),
        "public" => "Det offentlige".into(),
        "all" => "Alle betalere".into(),
        "fund" => "Fond".into(),
        "society" => "Samfundet".into(),
        other => other.to_owned(),
    },
};

//! A starter scenario (`somsim new`): the YAML text of a scenario for named municipalities and
//! an operating model, sized from their population, that validates and runs as written. Every
//! number a user is expected to change is marked `CHANGE` in a comment, in the language asked
//! for; the scenario's own fields stay those of the format (`docs/scenario-format.md`).

use std::fmt::Write as _;

use crate::lang::{Grouped, Lang, Message, msg};

/// The operating models a starter is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operating {
    /// A paid local coordinator per two municipalities, up to six courses a year in each.
    Intensive,
    /// Local civil-society organisations paid per course, at least two a year; no coordinator.
    Decentral,
}

/// One municipality of the data table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Its name, as the table spells it.
    pub name: String,
    /// Residents.
    pub population: u64,
    /// The year of the population count.
    pub population_year: i32,
}

/// What the starter is written for.
pub struct Starter<'a> {
    /// The municipalities, in the order asked for.
    pub municipalities: &'a [Row],
    pub operating: Operating,
    pub start_year: i32,
    pub horizon: usize,
    /// The folder of the shipped assumption files, as the scenario refers to it (relative to
    /// the scenario's folder where it can be).
    pub assumptions: &'a str,
    /// The command line that wrote it, for the file's first lines.
    pub command: &'a str,
    pub lang: Lang,
}

/// The national share of residents aged 18 or over (Danmarks Statistik, FOLK1A 2020), as
/// `assumptions/peer-rollout.yaml` has it; only to size the starter's courses.
const ADULT_SHARE: f64 = 0.80;
/// The share of adults with poor mental health (Den Nationale Sundhedsprofil 2021, ages 16+;
/// the project's evidence notes): the starter's broad proxy for the target group.
const POOR_MENTAL_HEALTH: f64 = 0.174;
/// Courses a year per 10,000 adults at full scale (`rollout_courses_per_10000_adults`'s most
/// likely value).
const COURSES_PER_10000_ADULTS: f64 = 1.0;

/// Courses a year at full scale for a municipality of `population`: one per 10,000 adults,
/// within what the operating model runs (intensive: 1 to 6; decentral: 2 to 4).
pub fn full_scale(population: u64, operating: Operating) -> u32 {
    let (low, high) = range(operating);
    sized(population).clamp(u64::from(low), u64::from(high)) as u32
}

/// Courses a year at one per 10,000 adults, rounded.
fn sized(population: u64) -> u64 {
    (population as f64 * ADULT_SHARE * COURSES_PER_10000_ADULTS / 10_000.0).round() as u64
}

/// The courses a year the operating model runs in a municipality.
fn range(operating: Operating) -> (u32, u32) {
    match operating {
        Operating::Intensive => (1, 6),
        Operating::Decentral => (2, 4),
    }
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

impl Starter<'_> {
    /// The scenario's text.
    pub fn yaml(&self) -> String {
        let lang = self.lang;
        let t = |m: Message| m.get(lang).to_string();
        let names: Vec<&str> = self
            .municipalities
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        let list = names.join(", ");
        let model = match self.operating {
            Operating::Intensive => "intensive",
            Operating::Decentral => "decentral",
        };
        let mut y = String::new();
        let _ = writeln!(
            y,
            "# {}",
            t(msg!(
                "A starter scenario, written by `{command}`.",
                "Et startscenarie, skrevet af `{command}`.",
                command = self.command
            ))
        );
        for line in t(Message::new(
            "Lines marked CHANGE hold numbers you are expected to replace with your own plan and\n\
             prices; the others come from the shipped assumption files, with their sources.\n\
             Check it with `somsim validate FILE`, run it with `somsim run FILE`.",
            "Linjer mærket CHANGE har tal, du forventes at erstatte med jeres egen plan og egne\n\
             priser; de øvrige kommer fra de medfølgende antagelsesfiler med deres kilder.\n\
             Tjek filen med `somsim validate FIL`, kør den med `somsim run FIL`.",
        ))
        .lines()
        {
            let _ = writeln!(y, "# {line}");
        }
        let _ = writeln!(
            y,
            "name: {}",
            quoted(&format!("Vejen til hverdagslivet, {model} model: {list}"))
        );
        let model_da = match self.operating {
            Operating::Intensive => "intensiv",
            Operating::Decentral => "decentral",
        };
        let _ = writeln!(
            y,
            "da: {{ name: {} }}",
            quoted(&format!(
                "Vejen til hverdagslivet, {model_da} model: {list}"
            ))
        );
        let description = match self.operating {
            Operating::Intensive => t(Message::new(
                "The intensive operating model: a paid local coordinator per two municipalities, \
                 ramping up to at most six courses a year in each. Effects follow the PEER trial: a \
                 clear gain in personal recovery, psychiatric bed-days centred on no change.",
                "Den intensive driftsmodel: en lønnet lokal koordinator pr. to kommuner, op til \
                 højst seks forløb om året i hver. Effekterne følger PEER-forsøget: en klar gevinst \
                 i personlig recovery, psykiatriske sengedage centreret om ingen ændring.",
            )),
            Operating::Decentral => t(Message::new(
                "The decentral operating model: staff in local civil-society organisations are \
                 trained and paid to run at least two courses a year; no paid coordinator. Effects \
                 follow the PEER trial: a clear gain in personal recovery, psychiatric bed-days \
                 centred on no change.",
                "Den decentrale driftsmodel: medarbejdere i lokale civilsamfundsorganisationer \
                 uddannes og betales for at holde mindst to forløb om året; ingen lønnet \
                 koordinator. Effekterne følger PEER-forsøget: en klar gevinst i personlig \
                 recovery, psykiatriske sengedage centreret om ingen ændring.",
            )),
        };
        let _ = writeln!(y, "description: {}", quoted(&description));
        let _ = writeln!(
            y,
            "start_year: {}   # CHANGE: {}",
            self.start_year,
            t(Message::new(
                "the first year of courses",
                "det første år med forløb"
            ))
        );
        let _ = writeln!(
            y,
            "horizon: {}   # {}",
            self.horizon,
            t(Message::new(
                "years followed, from start_year",
                "år, der følges, fra start_year"
            ))
        );
        let _ = writeln!(
            y,
            "price_year: 2025   # {}",
            t(Message::new(
                "every amount in kroner of 2025 (the price index's last year)",
                "alle beløb i 2025-kroner (prisindeksets sidste år)"
            ))
        );
        let _ = writeln!(
            y,
            "budget: {{ year: {} }}   # CHANGE: {}",
            self.start_year,
            t(Message::new(
                "your budget year; the budget view shows it and the three years after it in current prices",
                "jeres budgetår; budgetvisningen viser det og de tre følgende år i løbende priser"
            ))
        );
        let _ = writeln!(y, "assumptions:");
        for file in [
            "dk-price-index.yaml",
            "dk-pl-projection.yaml",
            "peer-intervention.yaml",
            "peer-effects.yaml",
        ] {
            let _ = writeln!(y, "  - {}", quoted(&format!("{}/{file}", self.assumptions)));
        }
        let _ = writeln!(
            y,
            "\ncourse:   # {}",
            t(Message::new(
                "each name is a shipped assumption; write a number instead to use your own",
                "hvert navn er en medfølgende antagelse; skriv et tal i stedet for at bruge jeres eget"
            ))
        );
        for field in [
            "participants_per_course",
            "completion_rate",
            "peers_per_course",
            "volunteer_turnover",
        ] {
            let _ = writeln!(y, "  {field}: {field}");
        }
        let _ = writeln!(y, "\nmunicipalities:");
        for r in self.municipalities {
            let full = full_scale(r.population, self.operating);
            let first = full.div_ceil(2).max(match self.operating {
                Operating::Intensive => 1,
                Operating::Decentral => 2,
            });
            let adults = (r.population as f64 * ADULT_SHARE).round() as u64;
            let sized = sized(r.population);
            let _ = writeln!(
                y,
                "  # {}",
                t(msg!(
                    "{name}: {residents} residents (Danmarks Statistik, FOLK1A {year}), about {adults} adults: {sized} courses a year at one per 10,000 adults.",
                    "{name}: {residents} indbyggere (Danmarks Statistik, FOLK1A {year}), omkring {adults} voksne: {sized} forløb om året ved ét pr. 10.000 voksne.",
                    name = r.name.clone(),
                    residents = Grouped(r.population),
                    year = r.population_year,
                    adults = Grouped(adults),
                    sized = sized
                ))
            );
            if sized != u64::from(full) {
                let _ = writeln!(
                    y,
                    "  # {}",
                    t(msg!(
                        "The {model} model runs {low} to {high} a year in a municipality: {full} here, half in the first year.",
                        "Den {model} model holder {low} til {high} om året i en kommune: {full} her, halvdelen det første år.",
                        model = match (self.operating, lang) {
                            (Operating::Intensive, Lang::Da) => "intensive".to_owned(),
                            (Operating::Decentral, Lang::Da) => "decentrale".to_owned(),
                            _ => model.to_owned(),
                        },
                        low = range(self.operating).0,
                        high = range(self.operating).1,
                        full = full
                    ))
                );
            }
            let _ = writeln!(
                y,
                "  # CHANGE: {}",
                t(Message::new(
                    "the courses you plan to start each year, one number per year of the horizon.",
                    "de forløb, I planlægger at starte hvert år, ét tal pr. år i perioden."
                ))
            );
            let years: Vec<String> = (0..self.horizon)
                .map(|t| if t == 0 { first } else { full }.to_string())
                .collect();
            let _ = writeln!(y, "  - name: {}", quoted(&r.name));
            let _ = writeln!(y, "    courses: [{}]", years.join(", "));
            let target = (r.population as f64 * ADULT_SHARE * POOR_MENTAL_HEALTH).round() as u64;
            let _ = writeln!(
                y,
                "    # {}",
                t(Message::new(
                    "CHANGE: the people the course is for, your §82d target group. Written here: a broad proxy, adults\n    # with poor mental health (17.4% of adults 16+, Den Nationale Sundhedsprofil 2021, a national share);\n    # somsim warns when the courses enrol more participants than this.",
                    "CHANGE: de mennesker, forløbet er for, jeres målgruppe efter §82d. Skrevet her: et bredt skøn, voksne\n    # med dårligt mentalt helbred (17,4 pct. af voksne over 16 år, Den Nationale Sundhedsprofil 2021, en\n    # landsdækkende andel); somsim advarer, når forløbene optager flere deltagere end dette.",
                ))
            );
            let _ = writeln!(y, "    target_group: {target}");
        }
        let _ = writeln!(y, "\ncosts:");
        match self.operating {
            Operating::Intensive => {
                for pair in self.municipalities.chunks(2) {
                    let names: Vec<&str> = pair.iter().map(|r| r.name.as_str()).collect();
                    let _ = writeln!(
                        y,
                        "  - name: {}",
                        quoted(&format!("coordinator, {}", names.join(" and ")))
                    );
                    let _ = writeln!(
                        y,
                        "    da: {{ name: {} }}",
                        quoted(&format!("koordinator, {}", names.join(" og ")))
                    );
                    let _ = writeln!(y, "    driver: per_coordinator");
                    let _ = writeln!(
                        y,
                        "    courses_per_coordinator: {}   # CHANGE: {}",
                        6 * names.len(),
                        t(Message::new(
                            "the courses one coordinator runs in a year (six in each kommune); more courses need more coordinators",
                            "de forløb, én koordinator kører om året (seks i hver kommune); flere forløb kræver flere koordinatorer"
                        ))
                    );
                    let _ = writeln!(
                        y,
                        "    unit_cost: coordinator_cost   # CHANGE: {}",
                        t(Message::new(
                            "your coordinator's cost a year in kroner (salary and overhead), or keep the shipped estimate",
                            "jeres koordinators udgift om året i kroner (løn og overhead), eller behold det medfølgende skøn"
                        ))
                    );
                    let _ = writeln!(y, "    payer: kommune");
                    match names[..] {
                        [one] => {
                            let _ = writeln!(y, "    municipality: {}", quoted(one));
                        }
                        _ => {
                            let shares: Vec<String> = names
                                .iter()
                                .map(|n| format!("{}: 0.5", quoted(n)))
                                .collect();
                            let _ = writeln!(y, "    shared: {{ {} }}", shares.join(", "));
                        }
                    }
                }
            }
            Operating::Decentral => {
                let _ = writeln!(y, "  - name: course fee to local organisations");
                let _ = writeln!(
                    y,
                    "    da: {{ name: \"betaling pr. forløb til lokale foreninger\" }}"
                );
                let _ = writeln!(y, "    driver: per_course");
                let _ = writeln!(
                    y,
                    "    unit_cost: decentral_course_fee   # CHANGE: {}",
                    t(Message::new(
                        "what you pay a local organisation per course, or keep the shipped estimate",
                        "det, I betaler en lokal organisation pr. forløb, eller behold det medfølgende skøn"
                    ))
                );
                let _ = writeln!(y, "    payer: kommune");
            }
        }
        y.push_str(
            "  - name: volunteer training\n    da: { name: \"uddannelse af frivillige\" }\n    driver: per_volunteer_trained\n    unit_cost: volunteer_training_cost\n    payer: kommune\n",
        );
        y.push_str(
            "  - name: course running costs\n    da: { name: \"drift af forløb\" }\n    driver: per_course\n    unit_cost: course_running_cost\n    payer: kommune\n",
        );
        let _ = writeln!(
            y,
            "\n# {}",
            t(Message::new(
                "What the course changes, with the PEER trial's evidence (assumptions/peer-effects.yaml).",
                "Hvad forløbet ændrer, med PEER-forsøgets evidens (assumptions/peer-effects.yaml)."
            ))
        );
        y.push_str(OUTCOMES);
        y
    }
}

/// The outcomes of the shipped scenarios: bed-days (the region's; centred on no change, as the
/// PEER trial found no significant difference), §85 support hours (the kommune's), and personal
/// recovery, not priced.
const OUTCOMES: &str = "outcomes:
  - name: psychiatric bed-days
    unit: bed-day
    da: { name: \"sengedage i psykiatrien\", unit: \"sengedag\" }
    baseline: psych_bed_days_baseline
    effect: bed_day_effect
    profile: [effect_in_completion_year, effect_persistence]
    unit_price: psych_bed_day_price
    payers: { region: 1.0 }
  - name: §85 support hours
    unit: hour
    da: { name: \"timer med §85-støtte\", unit: \"time\" }
    baseline: support_hours_baseline
    effect: support_hours_effect
    profile: [effect_in_completion_year, effect_persistence]
    unit_price: support_hour_price
    payers: { kommune: 1.0 }

non_monetary:
  - name: personal recovery (QPR-15)
    unit: completers with a recovery gain attributable to the course
    da:
      name: \"personlig recovery (QPR-15)\"
      unit: \"gennemførere med en recovery-gevinst, der kan tilskrives forløbet\"
    per_completer: recovery_gain_share
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn courses_follow_the_population_within_the_model() {
        assert_eq!(full_scale(60_000, Operating::Intensive), 5);
        assert_eq!(full_scale(600_000, Operating::Intensive), 6);
        assert_eq!(full_scale(2_000, Operating::Intensive), 1);
        assert_eq!(full_scale(2_000, Operating::Decentral), 2);
        assert_eq!(full_scale(600_000, Operating::Decentral), 4);
    }
}

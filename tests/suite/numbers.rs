//! Every place somsim reads a number a person typed, fed the same habits: Danish thousands
//! (`465.000`), a Danish decimal comma (`0,5`, `1.234,50`), English thousands (`400,000`) and
//! a percentage (`3%`). Each place reads a habit the same way: refused, with the number to
//! write, where it is ambiguous; read as meant where it is not. No place reads one silently as
//! something else.

use crate::common;

use std::process::Output;

/// Where a number is typed, and what it means there.
struct Place {
    name: &'static str,
    /// Kroner, a count or a whole number (`465.000` is ambiguous) rather than a share or rate.
    amount: bool,
    run: fn(&str) -> Output,
}

/// A scenario with one municipality, one cost line, one outcome and a contract, with the given
/// texts for its unit cost, completion rate, courses and horizon.
fn scenario(cost: &str, completion: &str, courses: &str, horizon: &str) -> String {
    format!(
        "name: numbers
start_year: 2025
horizon: {horizon}
price_year: 2025
payers: [dsi]
course:
  participants_per_course: 8
  completion_rate: {completion}
  peers_per_course: 2
  volunteer_turnover: 0.5
municipalities:
  - name: A
    courses: {courses}
costs:
  - name: c
    driver: per_course
    unit_cost: {cost}
    payer: kommune
outcomes:
  - {{ name: o, baseline: 2, effect: {{ normal: {{ mean: -0.1, sd: 0.05, min: -1 }} }}, profile: [1], unit_price: 1000, payers: {{ kommune: 1 }} }}
contracts:
  - name: k
    investor: dsi
    source: test
    prefinance: [{{ cost: c, years: [2025] }}]
    cohorts: [2025]
    last_year: 2027
    outcome_payers: {{ kommune: 1 }}
    rate_card:
      - {{ name: o, metric: o, price: 100, lag: 1, source: test }}
    return_cap: 0.05
"
    )
}

/// `somsim validate s.yaml` in a folder holding `files` (`s.yaml` among them).
fn validate_files(files: &[(&str, &str)]) -> Output {
    let files = common::Files::new(files);
    common::somsim()
        .arg("validate")
        .arg(files.path("s.yaml"))
        .output()
        .unwrap()
}

fn validate(text: &str) -> Output {
    validate_files(&[("s.yaml", text)])
}

/// `somsim ARGS s.yaml` on the plain scenario.
fn cli(args: &[&str]) -> Output {
    let files = common::Files::new(&[("s.yaml", &scenario("5000", "0.75", "2", "3"))]);
    common::somsim()
        .args(args)
        .arg(files.path("s.yaml"))
        .output()
        .unwrap()
}

fn rollout(population: &str) -> Output {
    validate_files(&[
        (
            "s.yaml",
            "name: r\nstart_year: 2025\nhorizon: 2\nprice_year: 2025\n\
             course: { participants_per_course: 8, completion_rate: 0.75, peers_per_course: 2, volunteer_turnover: 0.5 }\n\
             rollout: { table: t.csv, adult_share: 0.8, courses_per_10000_adults: 1, scale: 1 }\n\
             costs:\n  - { name: c, driver: per_course, unit_cost: 5000, payer: kommune }\n",
        ),
        ("t.csv", &format!("name;population\nA;{population}\n")),
    ])
}

fn assumption(value: &str) -> Output {
    validate_files(&[
        (
            "s.yaml",
            &scenario("cost", "0.75", "2", "3")
                .replace("payers: [dsi]", "payers: [dsi]\nassumptions: [a.yaml]"),
        ),
        (
            "a.yaml",
            &format!(
                "parameters:\n  cost:\n    value: {value}\n    unit: DKK per course\n    source: test\n    year: 2025\n"
            ),
        ),
    ])
}

const PLACES: &[Place] = &[
    Place {
        name: "a scenario's kroner",
        amount: true,
        run: |x| validate(&scenario(x, "0.75", "2", "3")),
    },
    Place {
        name: "a distribution's kroner",
        amount: true,
        run: |x| {
            let cost =
                format!("\n      triangular:\n        - {x}\n        - 500000\n        - 900000");
            validate(&scenario(&cost, "0.75", "2", "3"))
        },
    },
    Place {
        name: "an assumption used as kroner",
        amount: true,
        run: assumption,
    },
    Place {
        name: "a scenario's share",
        amount: false,
        run: |x| validate(&scenario("5000", x, "2", "3")),
    },
    Place {
        name: "a scenario's count",
        amount: true,
        run: |x| validate(&scenario("5000", "0.75", x, "3")),
    },
    Place {
        name: "a scenario's whole number",
        amount: true,
        run: |x| validate(&scenario("5000", "0.75", "2", x)),
    },
    Place {
        name: "--set kroner",
        amount: true,
        run: |x| {
            cli(&[
                "run",
                "--trials",
                "0",
                "--set",
                &format!("costs[c].unit_cost={x}"),
            ])
        },
    },
    Place {
        name: "--set share",
        amount: false,
        run: |x| {
            cli(&[
                "run",
                "--trials",
                "0",
                "--set",
                &format!("course.completion_rate={x}"),
            ])
        },
    },
    Place {
        name: "--sweep list of kroner",
        amount: true,
        run: |x| {
            cli(&[
                "batch",
                "--trials",
                "0",
                "--sweep",
                &format!("costs[c].unit_cost={x}"),
            ])
        },
    },
    Place {
        name: "--sweep range of kroner",
        amount: true,
        run: |x| {
            cli(&[
                "batch",
                "--trials",
                "0",
                "--sweep",
                &format!("costs[c].unit_cost={x}:{x}:{x}"),
            ])
        },
    },
    Place {
        name: "--sweep range of shares",
        amount: false,
        run: |x| {
            cli(&[
                "batch",
                "--trials",
                "0",
                "--sweep",
                &format!("course.completion_rate={x}:{x}:{x}"),
            ])
        },
    },
    Place {
        name: "--vary a price",
        amount: true,
        run: |x| {
            cli(&[
                "deal",
                "--trials",
                "100",
                "--vary",
                &format!("price[o]={x}"),
            ])
        },
    },
    Place {
        name: "--vary a return cap",
        amount: false,
        run: |x| {
            cli(&[
                "deal",
                "--trials",
                "100",
                "--vary",
                &format!("return_cap={x}"),
            ])
        },
    },
    Place {
        name: "--lambda",
        amount: true,
        run: |x| cli(&["run", "--trials", "100", "--lambda", x]),
    },
    Place {
        name: "--max-loss-prob",
        amount: false,
        run: |x| {
            cli(&[
                "deal",
                "--trials",
                "100",
                "--vary",
                "return_cap=0.05",
                "--max-loss-prob",
                x,
            ])
        },
    },
    Place {
        name: "--trials",
        amount: true,
        run: |x| cli(&["run", "--trials", x]),
    },
    Place {
        name: "--precision",
        amount: false,
        run: |x| cli(&["run", "--max-trials", "10000", "--precision", x]),
    },
    Place {
        name: "a roll-out table's population",
        amount: true,
        run: rollout,
    },
];

/// What a habit must give where it is typed.
enum Expect {
    /// Exit code 2, the message holding this text.
    Refused(&'static str),
    /// Read (exit code 0, or an error that is not about how the number is written).
    Read,
}

fn expect(place: &Place, habit: &str) -> Expect {
    use Expect::*;
    match habit {
        "465.000" if place.amount => Refused("write 465000"),
        "465.000" => Read, // 465 as a share or rate: out of its range, reported as such.
        "1.234,50" => Refused("1234.50"),
        "400,000" => Refused("400000"),
        "0,5" => Refused("0.5"),
        "3%" if place.amount => Refused("is a percentage"),
        "3%" => Read,
        _ => unreachable!(),
    }
}

#[test]
fn every_place_reads_every_habit_the_same_way() {
    let habits = ["465.000", "1.234,50", "400,000", "0,5", "3%"];
    let mut problems = Vec::new();
    for place in PLACES {
        for habit in habits {
            let out = (place.run)(habit);
            let stderr = String::from_utf8_lossy(&out.stderr);
            if stderr.contains("panicked") {
                problems.push(format!("{}: `{habit}` panicked: {stderr}", place.name));
                continue;
            }
            let about_writing = [
                "thousands separator",
                "decimal comma",
                "is a percentage",
                "write ",
            ]
            .iter()
            .any(|w| stderr.contains(w));
            match expect(place, habit) {
                Expect::Refused(says) => {
                    if out.status.code() != Some(2) || !stderr.contains(says) {
                        problems.push(format!(
                            "{}: `{habit}` gave exit {:?}, expected 2 with `{says}`:\n{stderr}",
                            place.name,
                            out.status.code()
                        ));
                    }
                }
                Expect::Read => {
                    if about_writing {
                        problems.push(format!(
                            "{}: `{habit}` was refused for how it is written:\n{stderr}",
                            place.name
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn a_percentage_means_the_same_on_the_command_line_as_in_a_file() {
    let written = common::Files::new(&[("s.yaml", &scenario("5000", "75%", "2", "3"))]);
    let from_file = common::run_json(&["--trials", "0"], &written.path("s.yaml"));
    let other = common::Files::new(&[("s.yaml", &scenario("5000", "0.5", "2", "3"))]);
    let from_cli = common::run_json(
        &["--trials", "0", "--set", "course.completion_rate=75%"],
        &other.path("s.yaml"),
    );
    assert_eq!(
        from_file["base"]["perspectives"],
        from_cli["base"]["perspectives"]
    );
}

//! A structure-aware mutation fuzzer on the stable toolchain: the shipped scenarios, assumption
//! files and roll-out table, mutated the way people and accidents change them (numbers at
//! extreme magnitudes, Danish number habits, deleted, duplicated and swapped lines, swapped
//! values, broken YAML, truncation), each run through parse, validation, the exact ledger, a
//! short Monte Carlo and every output format. A finding is a panic, or a failure that is not an
//! input error (exit code 2).
//!
//! CI runs a bounded number of cases (`SOMSIM_FUZZ_CASES`, default 600). A longer run for
//! developers (about 20 minutes on 2 cores):
//!
//! ```sh
//! SOMSIM_FUZZ_CASES=200000 cargo test --release --test suite -- fuzz:: --nocapture
//! ```
//!
//! `SOMSIM_FUZZ_SEED` starts elsewhere in the stream; every finding prints the case number,
//! the file, and the mutated text, and is reproduced by the same seed and case.

use crate::common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use somsim::cli::{Cli, Failure};

/// Where the last panic happened (set by the panic hook while fuzzing).
static PANIC_AT: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// A small deterministic generator (SplitMix64): a case depends only on the seed and its number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Values a number may be replaced by: extreme magnitudes, edge cases and Danish habits.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "1e25",
    "-1e25",
    "1e27",
    "1e300",
    "-1e300",
    "1e-30",
    "99999999999999999999999999999",
    "79228162514264337593543950336",
    "0.0000000000000000000000000001",
    "-0.999999",
    "1.0000001",
    "465.000",
    "1.234,50",
    "400,000",
    "\"5%\"",
    "\"1e400%\"",
    ".nan",
    ".inf",
    "-.inf",
    "0x10",
    "1_000",
    "2e9",
    "4294967296",
    "18446744073709551616",
    "[1, 2]",
    "{}",
    "null",
    "\"\"",
    "~",
];

/// Text that breaks YAML or the format.
const BREAKERS: &[&str] = &[
    ": :",
    "[",
    "]",
    "{",
    "\t",
    "- - -",
    "&a",
    "*a",
    "*undefined",
    "!!binary AAAA",
    "'",
    "\"",
    "---",
    "...",
    "? complex",
    "\u{1b}[2J",
    "=cmd|' /C calc'!A0",
    "\u{0}",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return String::new();
    }
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        let i = rng.below(lines.len());
        match rng.below(10) {
            // Replace a number on a line with an extreme or odd value.
            0..=3 => lines[i] = replace_number(&lines[i], rng),
            4 => {
                lines.remove(i);
                if lines.is_empty() {
                    lines.push(String::new());
                }
            }
            5 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            6 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            // Swap the values of two `key: value` lines.
            7 => {
                let j = rng.below(lines.len());
                if let (Some((ka, va)), Some((kb, vb))) =
                    (lines[i].split_once(": "), lines[j].split_once(": "))
                {
                    let (a, b) = (format!("{ka}: {vb}"), format!("{kb}: {va}"));
                    lines[i] = a;
                    lines[j] = b;
                }
            }
            8 => {
                let l = &lines[i];
                let at = rng.below(l.len() + 1);
                let at = (0..=at).rev().find(|&k| l.is_char_boundary(k)).unwrap_or(0);
                lines[i] = format!("{}{}{}", &l[..at], rng.pick(BREAKERS), &l[at..]);
            }
            _ => {
                let keep = rng.below(lines.len());
                lines.truncate(keep.max(1));
            }
        }
    }
    lines.join("\n") + "\n"
}

fn replace_number(line: &str, rng: &mut Rng) -> String {
    let bytes = line.as_bytes();
    let starts: Vec<usize> = (0..bytes.len())
        .filter(|&k| bytes[k].is_ascii_digit() && (k == 0 || !bytes[k - 1].is_ascii_alphanumeric()))
        .collect();
    if starts.is_empty() {
        return line.to_owned();
    }
    let s = *rng.pick(&starts);
    let mut e = s;
    while e < bytes.len() && (bytes[e].is_ascii_alphanumeric() || matches!(bytes[e], b'.' | b'_')) {
        e += 1;
    }
    format!("{}{}{}", &line[..s], rng.pick(NUMBERS), &line[e..])
}

/// The shipped files, copied into a folder laid out like the repository.
fn corpus(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for folder in ["scenarios", "assumptions", "data"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(common::root().join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml") || n.ends_with(".csv"))
            .collect();
        names.sort();
        for n in names {
            let rel = format!("{folder}/{n}");
            let text = std::fs::read_to_string(common::root().join(&rel)).unwrap();
            std::fs::write(dir.join(&rel), &text).unwrap();
            files.push((rel, text));
        }
    }
    files
}

/// The number in environment variable `name`, or `default`.
fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

thread_local! {
    /// Whether this thread is fuzzing: its panics are findings, not test failures.
    static FUZZING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Panics on a fuzzing thread are caught and reported as findings: record where they happen,
/// and keep their default messages off the output. Every other thread of the test binary (the
/// other tests run beside these) keeps the hook it had, so their failures still print.
fn catch_panics() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if FUZZING.with(|f| f.get()) {
                if let Some(l) = info.location() {
                    *PANIC_AT.lock().unwrap() = format!("{}:{}", l.file(), l.line());
                }
            } else {
                previous(info);
            }
        }));
    });
    FUZZING.with(|f| f.set(true));
}

/// The end of fuzzing on this thread: its panics are failures again.
fn release_panics() {
    FUZZING.with(|f| f.set(false));
}

/// Run one command in-process; `Err` describes a finding.
fn exercise(args: &[&str]) -> Result<(), String> {
    use clap::Parser;
    let cli = Cli::try_parse_from(args).map_err(|e| format!("bad fuzz arguments: {e}"))?;
    run_caught(cli)
}

/// Run a parsed command line, catching a panic; `Err` describes a finding.
fn run_caught(cli: Cli) -> Result<(), String> {
    match catch_unwind(AssertUnwindSafe(|| somsim::cli::run(cli))) {
        Ok(Ok(())) | Ok(Err(Failure::Input(_))) => Ok(()),
        Ok(Err(Failure::Other(e))) => Err(format!("a failure that is not an input error: {e:#}")),
        Err(p) => Err(format!(
            "panic at {}: {}",
            PANIC_AT.lock().unwrap(),
            p.downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default()
        )),
    }
}

#[test]
fn mutated_inputs_never_panic() {
    let cases = env_number("SOMSIM_FUZZ_CASES", 600);
    let seed = env_number("SOMSIM_FUZZ_SEED", 1);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let files = corpus(dir);
    let scenarios: Vec<&str> = files
        .iter()
        .filter(|(n, _)| n.starts_with("scenarios/"))
        .map(|(n, _)| n.as_str())
        .collect();
    catch_panics();
    let out = dir.join("out.txt");
    let out = out.to_str().unwrap();
    let mut findings = Vec::new();
    for case in 0..cases {
        let mut rng = Rng(seed.wrapping_mul(0x1000_0000_0000_0001) ^ case);
        let (name, original) = &files[rng.below(files.len())];
        let mutated = mutate(original, &mut rng);
        let path = dir.join(name);
        std::fs::write(&path, &mutated).unwrap();
        let scenario = dir.join(*rng.pick(&scenarios));
        let scenario = scenario.to_str().unwrap();
        let format = *rng.pick(&["table", "json", "csv"]);
        let commands: [&[&str]; 3] = [
            &[
                "somsim", "run", scenario, "--trials", "0", "--ledger", "--format", format, "-o",
                out,
            ],
            &[
                "somsim",
                "run",
                scenario,
                "--trials",
                "40",
                "--threads",
                "1",
                "--ledger",
                "--format",
                format,
                "-o",
                out,
            ],
            &[
                "somsim",
                "sensitivity",
                scenario,
                "--trials",
                "40",
                "--threads",
                "1",
                "--format",
                format,
                "-o",
                out,
            ],
        ];
        let command = if case % 7 == 0 {
            commands[2]
        } else {
            commands[case as usize % 2]
        };
        if let Err(why) = exercise(command) {
            findings.push(format!(
                "case {case} (seed {seed}): {why}\n  command: {}\n  mutated {name}:\n{mutated}",
                command.join(" ")
            ));
            if findings.len() >= 5 {
                break;
            }
        }
        std::fs::write(&path, original).unwrap();
    }
    release_panics();
    assert!(
        findings.is_empty(),
        "{} finding(s):\n{}",
        findings.len(),
        findings.join("\n\n")
    );
}

/// Values typed on the command line: every number form, as people and scripts get them wrong.
const TYPED: &[&str] = &[
    "0",
    "1",
    "-1",
    "0.5",
    "1e30",
    "-1e30",
    "1e-30",
    "465.000",
    "20.000:40.000:10.000",
    "0,5",
    "0,5:0,9:0,1",
    "1.234,50",
    "400,000",
    "1,500",
    "3%",
    "-10%:0%:5%",
    "5%:1:1",
    "1e27:1e28:1e-28",
    "0:1e15:1",
    "-1e28:1e28:1e27",
    "0:1:0",
    "1:0:1",
    "1:0:-1",
    "1/0",
    "1/18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999",
    "NaN",
    "inf",
    "",
    " ",
    ":",
    "::",
    ",",
    "1,",
    ",1",
    "{uniform: [1, 2]}",
    "[1, 2]",
    "abc",
    "\u{0}",
    "=1+1",
    "1e400%",
    "0x10",
    "1_000",
];

/// Options that take a number, by command, with what they precede.
const NUMBER_OPTIONS: &[(&str, &[&str])] = &[
    (
        "run",
        &[
            "--trials",
            "--seed",
            "--threads",
            "--lambda",
            "--precision",
            "--max-trials",
        ],
    ),
    ("batch", &["--trials", "--seed", "--threads", "--shard"]),
    (
        "deal",
        &["--trials", "--max-loss-prob", "--max-payer-worse-prob"],
    ),
    ("report", &["--trials", "--max-loss-prob"]),
    ("compare", &["--trials", "--lambda"]),
    ("sensitivity", &["--trials"]),
];

/// Paths and terms a `--set`, `--sweep` or `--vary` may name.
const PATHS: &[&str] = &[
    "completion_rate",
    "course.completion_rate",
    "costs[course running costs].unit_cost",
    "costs[0].unit_cost",
    "outcomes[§85 support hours].effect",
    "outcomes[0].baseline.pooling",
    "horizon",
    "start_year",
    "discounting.rate",
    "society.net_tax_factor",
    "municipalities[Kolding].courses",
];
const TERMS: &[&str] = &[
    "price[recovery]",
    "price[1]",
    "cap[§85 support hours avoided]",
    "cap",
    "return_cap",
    "floor",
    "guarantee",
    "gain_share",
    "price",
];

#[test]
fn mutated_command_lines_never_panic() {
    // Half as many cases as the file fuzzer: each runs a command line and sometimes a merge.
    let cases = env_number("SOMSIM_FUZZ_CASES", 480) / 2;
    let seed = env_number("SOMSIM_FUZZ_SEED", 1);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    corpus(dir);
    std::fs::create_dir_all(dir.join("contracts")).unwrap();
    std::fs::copy(
        common::root().join("contracts/intensive-dsi.yaml"),
        dir.join("contracts/intensive-dsi.yaml"),
    )
    .unwrap();
    let path = |p: &str| dir.join(p).display().to_string();
    let (intensive, contract) = (
        path("scenarios/intensive.yaml"),
        path("contracts/intensive-dsi.yaml"),
    );
    let out = path("out.txt");
    // Shards to merge, some of them mutated below.
    let shard = |k: usize| path(&format!("shard-{k}.json"));
    for k in 1..=2 {
        let args = [
            "somsim",
            "batch",
            &intensive,
            "--sweep",
            "completion_rate=0.6,0.8",
            "--trials",
            "20",
            "--shard",
            &format!("{k}/2"),
            "-o",
            &shard(k),
        ];
        exercise(&args).unwrap();
    }
    let shards: Vec<String> = (1..=2)
        .map(|k| std::fs::read_to_string(shard(k)).unwrap())
        .collect();
    catch_panics();
    let mut findings = Vec::new();
    for case in 0..cases {
        let mut rng = Rng(seed.wrapping_mul(0x2000_0000_0000_0003) ^ case);
        let (command, options) = *rng.pick(NUMBER_OPTIONS);
        let file = if matches!(command, "deal" | "report") || rng.below(4) == 0 {
            contract.clone()
        } else {
            intensive.clone()
        };
        let mut args: Vec<String> = vec!["somsim".into(), command.into(), file.clone()];
        if command == "compare" {
            args.push(intensive.clone());
        }
        let trials = if command == "report" { "100" } else { "20" };
        args.extend([
            "--trials".into(),
            trials.into(),
            "--threads".into(),
            "1".into(),
        ]);
        for _ in 0..1 + rng.below(3) {
            let typed = rng.pick(TYPED).to_string();
            match rng.below(4) {
                0 => {
                    let option = rng.pick(options).to_string();
                    if option == "--trials" && typed.starts_with("1e") {
                        continue; // a valid huge count is a long run, not a finding
                    }
                    args.extend([option, typed]);
                }
                1 if matches!(command, "run" | "batch" | "compare" | "sensitivity") => {
                    args.extend(["--set".into(), format!("{}={typed}", rng.pick(PATHS))]);
                }
                2 if command == "batch" => {
                    args.extend(["--sweep".into(), format!("{}={typed}", rng.pick(PATHS))]);
                }
                _ if matches!(command, "deal" | "report") => {
                    args.extend(["--vary".into(), format!("{}={typed}", rng.pick(TERMS))]);
                }
                _ => {}
            }
        }
        if command == "deal" && !args.iter().any(|a| a == "--vary") {
            args.extend(["--vary".into(), "return_cap=0.03,0.05".into()]);
        }
        args.extend(["-o".into(), out.clone()]);
        // Trials were given first: a later `--trials` repeats the option, which clap refuses.
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let parsed = catch_unwind(AssertUnwindSafe(|| {
            use clap::Parser;
            Cli::try_parse_from(&refs)
        }));
        let result = match parsed {
            Err(_) => Err(format!(
                "panic while parsing at {}",
                PANIC_AT.lock().unwrap()
            )),
            Ok(Err(_)) => Ok(()), // refused by the option parser: an input error
            Ok(Ok(cli)) => run_caught(cli),
        };
        if let Err(why) = result {
            findings.push(format!(
                "case {case} (seed {seed}): {why}\n  command: {}",
                refs.join(" ")
            ));
        }
        // A merge of mutated shards.
        if case % 4 == 0 {
            let k = rng.below(2);
            let mutated = mutate(&shards[k], &mut rng);
            std::fs::write(shard(k + 1), &mutated).unwrap();
            let args = ["somsim", "merge", &shard(1), &shard(2), "-o", &out];
            if let Err(why) = exercise(&args) {
                findings.push(format!(
                    "case {case} (seed {seed}): merge: {why}\n  mutated shard {}:\n{mutated}",
                    k + 1
                ));
            }
            std::fs::write(shard(k + 1), &shards[k]).unwrap();
        }
        if findings.len() >= 5 {
            break;
        }
    }
    release_panics();
    assert!(
        findings.is_empty(),
        "{} finding(s):\n{}",
        findings.len(),
        findings.join("\n\n")
    );
}

//! The catalogue of broken inputs under `tests/errors/`: every mistake a person can make gives
//! a message naming the file, line and field and what was expected, exit code 2, no panic.
//!
//! Each case file starts with `# expect: <text the message must contain>` and, where the
//! problem has a place, `# line: <line the message must name>`. Files named `companion-*` are
//! not cases; cases load them.

use crate::common;

use std::path::PathBuf;

fn cases() -> Vec<PathBuf> {
    let dir = common::root().join("tests/errors");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".yaml") && !name.starts_with("companion-")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_broken_input_is_reported_with_its_place_and_exit_code_2() {
    let cases = cases();
    assert!(cases.len() >= 25, "the catalogue has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let text = std::fs::read_to_string(case).unwrap();
        let expects: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .collect();
        let line = text.lines().find_map(|l| l.strip_prefix("# line: "));
        assert!(!expects.is_empty(), "{} has no `# expect:`", case.display());
        let out = common::somsim().arg("validate").arg(case).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = case.file_name().unwrap().to_string_lossy();
        let mut problems = Vec::new();
        if out.status.code() != Some(2) {
            problems.push(format!("exit code {:?}, expected 2", out.status.code()));
        }
        for e in &expects {
            if !stderr.contains(e) {
                problems.push(format!("message lacks `{e}`"));
            }
        }
        if let Some(line) = line
            && !stderr.contains(&format!("{name}:{line}:"))
        {
            problems.push(format!("message does not name {name}:{line}"));
        }
        if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            problems.push("panicked".into());
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{stderr}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// English words that a Danish sentence never has: a message with one of them (outside what
/// it quotes) was not translated.
const ENGLISH: &[&str] = &[
    " the ",
    " expected ",
    " found ",
    " must ",
    " is not ",
    " cannot ",
    " should ",
    " and ",
    " or ",
    " of ",
    " with ",
    " is ",
    " are ",
    " did you mean",
    " not ",
    " has ",
];

/// `line` without what it quotes: `code`, "text", 'value' and the parser's own English,
/// which a Danish message quotes as such.
fn unquoted(line: &str) -> String {
    let mut out = String::new();
    let mut inside: Option<char> = None;
    for c in line.chars() {
        match inside {
            Some(q) if c == q => inside = None,
            Some(_) => {}
            None if c == '`' || c == '"' => inside = Some(c),
            None => out.push(c),
        }
    }
    out
}

/// The English words left in the message lines of `stderr` (the lines shown from a file are
/// the person's own text, and are not checked).
pub(super) fn english_in(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| {
            !l.trim_start()
                .starts_with(|c: char| c == '|' || c.is_ascii_digit())
        })
        .flat_map(|l| {
            let text = format!(" {} ", unquoted(l));
            ENGLISH
                .iter()
                .filter(move |w| text.contains(**w))
                .map(move |w| format!("{w:?} in {l:?}"))
        })
        .collect()
}

/// The same catalogue with `--lang da` (and once with `SOMSIM_LANG=da`): each message in
/// Danish, framed in Danish, naming the same file, line and field as in English.
#[test]
fn every_broken_input_is_reported_in_danish_under_lang_da() {
    let mut failures = Vec::new();
    for (i, case) in cases().iter().enumerate() {
        let text = std::fs::read_to_string(case).unwrap();
        let line = text.lines().find_map(|l| l.strip_prefix("# line: "));
        let mut cmd = common::somsim();
        cmd.arg("validate").arg(case);
        // Every fifth case through the environment.
        if i % 5 == 0 {
            cmd.env("SOMSIM_LANG", "da");
        } else {
            cmd.args(["--lang", "da"]);
        }
        let out = cmd.output().unwrap();
        let english = common::somsim().arg("validate").arg(case).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = case.file_name().unwrap().to_string_lossy();
        let mut problems = Vec::new();
        if out.status.code() != Some(2) {
            problems.push(format!("exit code {:?}, expected 2", out.status.code()));
        }
        if !stderr.starts_with("fejl: ") {
            problems.push("does not begin `fejl: `".into());
        }
        if !stderr.trim_end().ends_with("1 af 1 filer har fejl") {
            problems.push("does not end `1 af 1 filer har fejl`".into());
        }
        if let Some(line) = line
            && !stderr.contains(&format!("{name}:{line}:"))
        {
            problems.push(format!("message does not name {name}:{line}"));
        }
        // The same place and field: the header up to the message is the same in both.
        let head = |s: &str| {
            let first = s.lines().next().unwrap_or_default();
            let rest = first.split_once(": ").map_or("", |(_, r)| r).to_owned();
            rest.split(": ").next().unwrap_or_default().to_owned()
        };
        let en = String::from_utf8_lossy(&english.stderr);
        if head(&stderr) != head(&en) {
            problems.push(format!(
                "names {:?}, in English {:?}",
                head(&stderr),
                head(&en)
            ));
        }
        problems.extend(english_in(&stderr));
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{stderr}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_check_for_english_finds_english() {
    assert!(!english_in("fejl: x.yaml:1:1: found 5; expected a share").is_empty());
    assert!(english_in("fejl: x.yaml:1:1: fandt `the value`; forventede en andel").is_empty());
    assert!(english_in("12 |   unit: completers with a gain").is_empty());
}

#[test]
fn a_failed_run_writes_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("result.json");
    let case = common::root().join("tests/errors/negative-price.yaml");
    let out = common::somsim()
        .args(["run", "--format", "json", "--output"])
        .arg(&out_path)
        .arg(&case)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_path.exists());
    // Nor a temporary file left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_output_folder_that_does_not_exist_fails_before_any_work() {
    let out = common::somsim()
        .args(["run", "--output", "/no/such/folder/out.json"])
        .arg(common::root().join("scenarios/intensive.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn a_missing_scenario_file_is_an_input_error() {
    let out = common::somsim()
        .args(["run", "no-such-scenario.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-scenario.yaml: no such file"));
}

#[test]
fn a_broken_scenario_reports_every_problem_at_once() {
    let files = common::Files::new(&[(
        "s.yaml",
        "name: x\nstart_year: 2025\nhorizon: 2\nprice_year: 2025\ncourse: { participants_per_course: 8, completion_rate: 2 }\nmunicipalities: [{ name: A, courses: -1 }]\ncosts:\n  - { name: c, driver: per_course, unit_cost: -5, payer: nobody }\n",
    )]);
    let out = common::somsim()
        .arg("validate")
        .arg(files.path("s.yaml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for field in [
        "course.completion_rate",
        "municipalities[A].courses",
        "costs[c].unit_cost",
        "costs[c].payer",
    ] {
        assert!(stderr.contains(field), "missing {field} in:\n{stderr}");
    }
}

/// `somsim ARGS` run from the repository's root.
fn in_root(args: &[&str]) -> std::process::Output {
    common::somsim()
        .current_dir(common::root())
        .args(args)
        .output()
        .unwrap()
}

/// Mistakes on the command line: each names the option and what to write instead, exit code 2,
/// nothing written; and what looks like a mistake but is not is taken as meant.
#[test]
fn command_line_mistakes_name_the_option_and_the_fix() {
    let intensive = "scenarios/intensive.yaml";
    let contract = "contracts/intensive-dsi.yaml";
    let long_name = format!("{}.json", "a".repeat(300));
    let refused: Vec<(Vec<&str>, &[&str])> = vec![
        (
            vec![
                "run",
                "scenarios/decentral.yaml",
                "--set",
                "municipalities[0].stop.probability=0.3",
            ],
            &[
                "no `stop` to change",
                "--set 'municipalities[0].stop={after: 2027, probability: 0.2}'",
            ],
        ),
        (
            vec![
                "sensitivity",
                "scenarios/decentral.yaml",
                "--format",
                "csv",
                "--studies",
            ],
            &["`--studies`", "`studies:`"],
        ),
        (
            vec![
                "run",
                intensive,
                "--trials",
                "0",
                "--perspective",
                "offentlig",
            ],
            &["--perspective offentlig", "`public`", "`kommune`"],
        ),
        (
            vec!["run", intensive, "--trials", "0", "--payer", "DSI"],
            &["--perspective DSI", "`fund`"],
        ),
        (
            vec![
                "run",
                intensive,
                "--trials",
                "0",
                "--municipality",
                "Koldning",
            ],
            &["--municipality Koldning", "`Kolding`"],
        ),
        (
            vec![
                "run",
                intensive,
                "--trials",
                "0",
                "--ledger",
                "--perspective",
                "public",
            ],
            &["--perspective public", "--ledger", "`kommune`"],
        ),
        (
            vec![
                "batch",
                intensive,
                "--trials",
                "0",
                "--format",
                "table",
                "--perspective",
                "kommunen",
            ],
            &["--perspective kommunen", "`kommune`"],
        ),
        (
            vec![
                "sensitivity",
                intensive,
                "--trials",
                "100",
                "--payer",
                "staten",
            ],
            &["--perspective staten", "`stat`"],
        ),
        (
            vec![
                "report",
                intensive,
                "--trials",
                "100",
                "--perspective",
                "samfund",
                "-o",
                "target/never-written.html",
            ],
            &["--perspective samfund", "`society`"],
        ),
        (
            vec![
                "deal",
                contract,
                "--trials",
                "100",
                "--vary",
                "price[recovery]=20.000:40.000:10.000",
            ],
            &["--vary price[recovery]", "write 20000"],
        ),
        (
            vec![
                "batch",
                intensive,
                "--trials",
                "0",
                "--sweep",
                "costs[course running costs].unit_cost=300.000:500.000:100.000",
            ],
            &[
                "--sweep costs[course running costs].unit_cost=300.000:500.000:100.000",
                "write 300000",
            ],
        ),
        (
            vec![
                "batch",
                intensive,
                "--trials",
                "0",
                "--sweep",
                "course.completion_rate=0,5:0,9:0,1",
            ],
            &[
                "--sweep course.completion_rate=0,5:0,9:0,1",
                "START `0,5`",
                "e.g. 0.5",
            ],
        ),
        (
            vec![
                "batch",
                intensive,
                "--trials",
                "0",
                "--sweep",
                "course.completion_rate=0,5",
            ],
            &["looks like the single number 0.5"],
        ),
        (
            vec![
                "batch",
                intensive,
                "--trials",
                "0",
                "--shard",
                "1/18446744073709551615",
            ],
            &["--shard 1/18446744073709551615", "N can be at most 1"],
        ),
        (
            vec!["run", intensive, "--trials", "10.000"],
            &["--trials", "write 10000"],
        ),
        (
            vec!["run", intensive, "--lambda", "200.000"],
            &["--lambda", "write 200000"],
        ),
        (
            vec!["run", intensive, "--lambda", "1,500"],
            &["--lambda", "write 1500"],
        ),
        (
            vec!["run", intensive, "--precision", "0,5%"],
            &["--precision", "e.g. 0.5%"],
        ),
        (
            vec![
                "deal",
                contract,
                "--vary",
                "guarantee=0,750000",
                "--max-loss-prob",
                "0,2",
            ],
            &["--max-loss-prob", "e.g. 0.2"],
        ),
        (
            vec!["run", intensive, "-o", "out.json/"],
            &["--output out.json/", "ends with `/`"],
        ),
        (
            vec!["run", intensive, "-o", &long_name],
            &["the file name is 305 bytes long"],
        ),
        (
            vec!["deal", contract, "--vary", "price=612.5"],
            &["say which rate-card item", "price[recovery]=612.5"],
        ),
        (
            vec!["new", "--kommune", "Vejlle", "-o", "-"],
            &["--kommune Vejlle", "`Vejle`"],
        ),
        (
            vec![
                "new",
                "--kommune",
                "Vejle",
                "-o",
                "scenarios/intensive.yaml",
            ],
            &["--output scenarios/intensive.yaml", "never replaces"],
        ),
        (
            vec!["new", "--kommune", "Vejle", "--kommune", "vejle", "-o", "-"],
            &["--kommune Vejle", "twice"],
        ),
        (
            vec![
                "new",
                "--kommune",
                "Vejle",
                "--start-year",
                "2.027",
                "-o",
                "-",
            ],
            &["--start-year", "expected a whole number"],
        ),
    ];
    let mut failures = Vec::new();
    for (args, says) in &refused {
        let out = in_root(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let missing: Vec<&&str> = says.iter().filter(|s| !stderr.contains(**s)).collect();
        // A batch writes a row for each variant, with its error (docs/batch.md).
        let wrote = !out.stdout.is_empty() && args[0] != "batch";
        if out.status.code() != Some(2) || !missing.is_empty() || wrote {
            failures.push(format!(
                "{args:?}: exit {:?}, lacks {missing:?}:\n{stderr}",
                out.status.code()
            ));
        }
        // In Danish: the same option named, the message in Danish.
        let da = in_root(&[&args[..], &["--lang", "da"]].concat());
        let stderr = String::from_utf8_lossy(&da.stderr);
        let options: Vec<&&str> = (says.iter())
            .filter(|s| s.starts_with("--") && !stderr.contains(**s))
            .collect();
        let english = english_in(&stderr);
        // A warning (`advarsel:`) may come first.
        let framed = stderr.lines().any(|l| l.starts_with("fejl: "))
            && !stderr
                .lines()
                .any(|l| l.starts_with("error:") || l.starts_with("warning:"));
        if da.status.code() != Some(2) || !framed || !options.is_empty() || !english.is_empty() {
            failures.push(format!(
                "{args:?} --lang da: exit {:?}, lacks {options:?}, English {english:?}:\n{stderr}",
                da.status.code()
            ));
        }
    }
    let taken: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "deal",
                contract,
                "--trials",
                "1000",
                "--vary",
                "return_cap=3%,5%",
            ],
            "3%",
        ),
        (
            vec![
                "run", intensive, "--trials", "1000", "--lambda", "25000", "--full",
            ],
            "25,000",
        ),
        (
            vec![
                "run",
                intensive,
                "--trials",
                "1000",
                "--lambda",
                "20000,30000,45000",
                "--full",
            ],
            "45,000",
        ),
        (
            vec!["run", intensive, "--trials", "0", "--lang", "dk"],
            "Nutidsværdi",
        ),
        (
            vec![
                "run",
                intensive,
                "--precision",
                "1e-12",
                "--max-trials",
                "1000000",
            ],
            "which needs about",
        ),
    ];
    for (args, shows) in &taken {
        let out = in_root(args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || !stdout.contains(shows) {
            failures.push(format!(
                "{args:?}: exit {:?}, output lacks `{shows}`:\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn thread_counts_from_the_environment_are_clamped() {
    for (value, says) in [("1000000", "running"), ("abc", "using one thread per core")] {
        let out = common::somsim()
            .env("RAYON_NUM_THREADS", value)
            .args(["run", "--trials", "1000"])
            .arg(common::root().join("scenarios/intensive.yaml"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{value}: {stderr}");
        assert!(stderr.contains(says), "{value}: {stderr}");
    }
}

#[test]
fn a_file_that_is_not_utf8_is_reported_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.yaml");
    std::fs::write(
        &path,
        b"name: x\nstart_year: 2025\nmunicipalities: [{ name: R\xf8dovre }]\n",
    )
    .unwrap();
    let out = common::somsim()
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("latin1.yaml:3:27:"), "{stderr}");
    assert!(stderr.contains("byte 0xF8"), "{stderr}");
}

/// The worked example of docs/scenario-format.md in a folder of its own, changed by `edit`.
fn worked_example(edit: impl Fn(String) -> String) -> common::Files {
    let text = std::fs::read_to_string(common::root().join("docs/worked-example.yaml"))
        .unwrap()
        .replace(
            "../assumptions/",
            &format!("{}/assumptions/", common::root().display()),
        );
    common::Files::new(&[("s.yaml", &edit(text))])
}

/// The base case's perspectives of `s.yaml` in `files`, with `--set` changes.
fn base_with(files: &common::Files, set: &[&str]) -> serde_json::Value {
    let mut args = vec!["--trials", "0"];
    for s in set {
        args.extend(["--set", s]);
    }
    common::run_json(&args, &files.path("s.yaml"))["base"]["perspectives"].clone()
}

#[test]
fn a_name_with_a_dot_can_be_set() {
    let files = worked_example(|t| t.replace("name: coordinator", "name: coordinator v2.1"));
    assert_ne!(
        base_with(&files, &["costs[coordinator v2.1].unit_cost=0"]),
        base_with(&files, &[])
    );
}

#[test]
fn setting_a_cost_that_has_its_own_price_year_converts_the_new_value() {
    // The line's `price_year` was read from the `--set` value's text: "could not read the
    // number's text".
    let files = worked_example(|t| t);
    assert_eq!(
        base_with(&files, &["costs[coordinator].unit_cost=400000"]),
        base_with(&files, &[])
    );
}

/// A mistake in a line the contract pre-finances is reported once, at the mistake: the
/// contract is not also told that the refused line does not exist.
#[test]
fn a_refused_line_is_not_reported_again_by_the_contract_that_names_it() {
    let out = common::somsim()
        .args(["run", "--set", "coordinator_cost=465.000"])
        .arg(common::root().join("contracts/intensive-dsi.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Danish thousands separator"), "{err}");
    assert!(!err.contains("unknown cost line"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}

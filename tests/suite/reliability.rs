//! What the engine guarantees about files and hostile input, tried as a person (or a hostile
//! tester) would, through the binary. Input mistakes with a place in a file are in the error
//! catalogue (`tests/errors/`); these are the cases about files, processes and output.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{Files, somsim};

/// A folder with the shipped scenarios, assumption files and data, laid out as in the
/// repository, so a test may point outputs at them.
fn repo_copy() -> Files {
    let files = Files::new(&[]);
    for folder in ["scenarios", "assumptions", "data"] {
        let to = files.path(folder);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(common::root().join(folder)).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
    files
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    somsim().current_dir(dir).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_input_error(o: &Output, expect: &str) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    assert!(
        stderr(o).contains(expect),
        "expected `{expect}` in: {}",
        stderr(o)
    );
}

fn temporaries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

const SCENARIO: &str = "scenarios/intensive.yaml";

#[test]
fn an_output_that_is_an_input_of_the_run_is_refused_and_the_input_kept() {
    let repo = repo_copy();
    let dir = repo.dir.path();
    std::os::unix::fs::symlink("scenarios/intensive.yaml", dir.join("link.yaml")).unwrap();
    std::fs::hard_link(dir.join(SCENARIO), dir.join("hard.yaml")).unwrap();
    let before = std::fs::read(dir.join(SCENARIO)).unwrap();
    let assumptions = std::fs::read(dir.join("assumptions/peer-effects.yaml")).unwrap();
    let t = ["--trials", "100"];
    let cases: Vec<Vec<&str>> = vec![
        vec!["run", SCENARIO, "-o", SCENARIO],
        vec![
            "run",
            SCENARIO,
            "-o",
            "./scenarios/../scenarios/intensive.yaml",
        ],
        vec!["run", SCENARIO, "-o", "link.yaml"],
        vec!["run", SCENARIO, "-o", "hard.yaml"],
        vec![
            "run",
            SCENARIO,
            "--samples",
            "assumptions/peer-effects.yaml",
        ],
        vec![
            "compare",
            SCENARIO,
            "scenarios/decentral.yaml",
            "-o",
            "scenarios/decentral.yaml",
        ],
        vec![
            "sensitivity",
            SCENARIO,
            "-o",
            "assumptions/peer-effects.yaml",
        ],
        vec!["batch", SCENARIO, "-o", SCENARIO],
        vec![
            "run",
            "scenarios/national-rollout.yaml",
            "-o",
            "data/dk_municipalities.csv",
        ],
    ];
    for mut args in cases {
        args.extend(t);
        let o = run_in(dir, &args);
        assert_input_error(
            &o,
            "is an input of this run; somsim never overwrites its inputs",
        );
    }
    assert_eq!(std::fs::read(dir.join(SCENARIO)).unwrap(), before);
    assert_eq!(
        std::fs::read(dir.join("assumptions/peer-effects.yaml")).unwrap(),
        assumptions
    );
    assert!(temporaries(&dir.join("scenarios")).is_empty());
}

#[test]
fn two_outputs_of_one_run_to_the_same_file_are_refused() {
    let repo = repo_copy();
    let o = run_in(
        repo.dir.path(),
        &["run", SCENARIO, "-o", "x.csv", "--samples", "./x.csv"],
    );
    assert_input_error(&o, "--samples and --output name the same file");
    assert!(!repo.path("x.csv").exists());
}

#[test]
fn a_device_given_as_output_is_written_in_place_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let o = somsim()
        .args(["run", "--trials", "100", "-o", "/dev/null"])
        .arg(common::root().join(SCENARIO))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
    if Path::new("/dev/full").exists() {
        let o = somsim()
            .args(["run", "--trials", "0", "-o", "/dev/full"])
            .arg(common::root().join(SCENARIO))
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(1),
            "a full disk is not an input error"
        );
        assert!(stderr(&o).contains("No space left on device"));
        let meta = std::fs::metadata("/dev/full").unwrap();
        assert!(meta.file_type().is_char_device(), "/dev/full was replaced");
    }
}

#[test]
fn a_device_or_pipe_given_as_an_input_is_refused_at_once() {
    let repo = repo_copy();
    let dir = repo.dir.path();
    let fifo = dir.join("fifo.yaml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let expect = "is not a regular file (a device, pipe or socket)";
    assert_input_error(&run_in(dir, &["run", "/dev/zero"]), expect);
    assert_input_error(&run_in(dir, &["run", "fifo.yaml"]), expect);
    assert_input_error(&run_in(dir, &["validate", "/dev/zero"]), expect);
    // As an assumption file and as a roll-out table.
    let text = std::fs::read_to_string(dir.join(SCENARIO)).unwrap();
    let zero = text.replace("../assumptions/peer-effects.yaml", "/dev/zero");
    std::fs::write(dir.join("scenarios/zero.yaml"), zero).unwrap();
    assert_input_error(&run_in(dir, &["run", "scenarios/zero.yaml"]), expect);
    let text = std::fs::read_to_string(dir.join("scenarios/national-rollout.yaml")).unwrap();
    let table = text.replace("../data/dk_municipalities.csv", "../fifo.yaml");
    std::fs::write(dir.join("scenarios/fifo-table.yaml"), table).unwrap();
    assert_input_error(
        &run_in(dir, &["run", "scenarios/fifo-table.yaml"]),
        "rollout.table",
    );
}

#[test]
fn an_empty_roll_out_table_is_an_input_error() {
    let repo = repo_copy();
    let dir = repo.dir.path();
    std::fs::write(
        dir.join("data/dk_municipalities.csv"),
        "code,name,region,population,population_year\n",
    )
    .unwrap();
    assert_input_error(
        &run_in(dir, &["run", "scenarios/national-rollout.yaml"]),
        "the roll-out table has no municipalities",
    );
}

#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    let repo = repo_copy();
    let dir = repo.dir.path();
    // Enough trials that writing the samples takes a while, in either build profile.
    let trials = if cfg!(debug_assertions) {
        "200000"
    } else {
        "1000000"
    };
    let mut child = somsim()
        .current_dir(dir)
        .args([
            "run",
            SCENARIO,
            "--trials",
            trials,
            "--threads",
            "2",
            "--samples",
            "samples.csv",
            "--format",
            "json",
            "-o",
            "result.json",
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the samples are being written (the temporary file exists), then interrupt.
    let start = std::time::Instant::now();
    while temporaries(dir).is_empty() {
        if start.elapsed() > std::time::Duration::from_secs(120) {
            let _ = child.kill();
            panic!("no temporary file appeared");
        }
        if child.try_wait().unwrap().is_some() {
            break; // finished before we could interrupt: nothing to check
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    if status.code() == Some(130) {
        assert!(!dir.join("samples.csv").exists());
        assert!(!dir.join("result.json").exists());
    }
    assert!(
        temporaries(dir).is_empty(),
        "left behind: {:?}",
        temporaries(dir)
    );
}

#[test]
fn a_signal_at_any_moment_of_a_run_leaves_no_temporary_file() {
    // The moments around creating the temporary file and renaming it into place are the
    // narrow ones: signals spread over a short run's whole length, its end included.
    let repo = repo_copy();
    let dir = repo.dir.path();
    let args = [
        "run", SCENARIO, "--trials", "2000", "--format", "json", "-o", "r.json",
    ];
    let start = std::time::Instant::now();
    assert!(run_in(dir, &args).status.success());
    let length = start.elapsed();
    let runs = 60;
    let mut interrupted = 0;
    for k in 0..runs {
        let _ = std::fs::remove_file(dir.join("r.json"));
        let mut child = somsim()
            .current_dir(dir)
            .args(args)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Most of them near the end, where the output is written and renamed.
        std::thread::sleep(length.mul_f64(0.7 + 0.4 * k as f64 / runs as f64));
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        if status.code() == Some(130) {
            interrupted += 1;
            // A signal after the output was renamed into place (the window between the rename
            // and the exit widens on a loaded machine) leaves the whole file; never a part.
            if let Ok(text) = std::fs::read_to_string(dir.join("r.json")) {
                assert!(
                    serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                    "run {k}: an interrupted run left a partial r.json"
                );
            }
        }
        assert!(
            temporaries(dir).is_empty(),
            "run {k} (exit {:?}) left behind: {:?}",
            status.code(),
            temporaries(dir)
        );
    }
    assert!(interrupted > 0, "no run was interrupted");
}

/// The NPV mean of the `npv_kommune` column of a samples file.
fn samples_mean(path: &Path) -> f64 {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|c| *c == "npv_kommune").unwrap();
    let values: Vec<f64> = lines
        .map(|l| l.split(',').nth(col).unwrap().parse().unwrap())
        .collect();
    values.iter().sum::<f64>() / values.len() as f64
}

#[test]
fn concurrent_runs_to_the_same_paths_leave_one_consistent_set() {
    let repo = repo_copy();
    let dir = repo.dir.path();
    for _ in 0..3 {
        let runs: Vec<_> = ["1", "2", "3"]
            .iter()
            .map(|seed| {
                somsim()
                    .current_dir(dir)
                    .args([
                        "run",
                        SCENARIO,
                        "--trials",
                        "20000",
                        "--threads",
                        "1",
                        "--seed",
                        seed,
                        "--format",
                        "json",
                        "-o",
                        "result.json",
                        "--samples",
                        "samples.csv",
                    ])
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut r in runs {
            assert!(r.wait().unwrap().success());
        }
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("result.json")).unwrap())
                .unwrap();
        let mean = json["monte_carlo"]["perspectives"]["kommune"]["npv"]["mean"]
            .as_f64()
            .unwrap();
        let from_samples = samples_mean(&dir.join("samples.csv"));
        assert!(
            (mean - from_samples).abs() < 1.0,
            "result.json (mean {mean}) and samples.csv (mean {from_samples}) are from different runs"
        );
        assert!(temporaries(dir).is_empty());
    }
}

#[test]
fn absurd_thread_counts_are_clamped_with_a_notice() {
    let o = somsim()
        .args(["run", "--trials", "2000", "--threads", "1000000"])
        .arg(common::root().join(SCENARIO))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("note: --threads 1000000 is more than this machine can use"));
}

#[test]
fn terminal_escapes_are_shown_escaped_and_csv_formulas_guarded() {
    let f = Files::new(&[(
        "s.yaml",
        "name: \"\\e[2J=evil\"\nstart_year: 2025\nhorizon: 2\nprice_year: 2025\n\
         course: { participants_per_course: 8, completion_rate: 0.75, peers_per_course: 2, volunteer_turnover: 0.5 }\n\
         municipalities:\n  - { name: \"=HYPERLINK(\\\"http://x\\\")\", courses: 1 }\n\
         costs:\n  - { name: \"@SUM(1)\", driver: per_course, unit_cost: 1000, payer: kommune }\n",
    )]);
    let table = common::succeed(somsim().arg("run").arg(f.path("s.yaml")).arg("--ledger"));
    assert!(!table.contains('\u{1b}'), "raw escape on the terminal");
    assert!(table.contains("\\u{1b}[2J=evil"));
    let csv = common::succeed(
        somsim()
            .args(["run", "--format", "csv", "--ledger"])
            .arg(f.path("s.yaml")),
    );
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"));
}

#[test]
fn parser_messages_speak_of_the_scenario_not_the_parser() {
    let f = Files::new(&[("d.yaml", "name: x\nstart_year: 2025\nstart_year: 2026\n")]);
    let o = somsim()
        .arg("validate")
        .arg(f.path("d.yaml"))
        .output()
        .unwrap();
    assert_input_error(&o, "the key `start_year` is given twice in this mapping");
    assert!(!stderr(&o).contains("DuplicateKeyPolicy"));
    assert!(!stderr(&o).contains("Options"));
}

#[test]
fn a_perspective_with_no_flows_is_flagged_and_a_tiny_effect_is_not_a_break_even() {
    let json = common::run_json(&["--trials", "0"], &common::root().join(SCENARIO));
    let p = &json["base"]["perspectives"];
    // stat has nothing at all.
    assert_eq!(p["stat"]["has_flows"], false);
    // The region's bed-day effect is a truncated normal whose true mean is +7.7e-24: tiny
    // extra use, so the region never breaks even (it used to "break even in 2025" on zeros).
    assert_eq!(p["region"]["has_flows"], true);
    assert!(p["region"]["break_even_year"].is_null());
    assert_eq!(p["kommune"]["has_flows"], true);
    let csv = common::succeed(
        somsim()
            .args(["run", "--trials", "0", "--format", "csv"])
            .arg(common::root().join(SCENARIO)),
    );
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",has_flows"));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("stat,") && l.ends_with(",false"))
    );
}

#[test]
fn compare_warns_when_scenarios_cover_different_years_and_refuses_one_trial() {
    let repo = repo_copy();
    let dir = repo.dir.path();
    let text = std::fs::read_to_string(dir.join(SCENARIO)).unwrap();
    let later = text
        .replace("start_year: 2025", "start_year: 2026")
        .replace("years: 2026", "years: 2027")
        .replace("years: 2025", "years: 2026");
    std::fs::write(dir.join("scenarios/later.yaml"), later).unwrap();
    let o = run_in(
        dir,
        &[
            "compare",
            SCENARIO,
            "scenarios/later.yaml",
            "--trials",
            "2000",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: [2] differs from [1] in start year 2026 against 2025"));
    let o = run_in(dir, &["compare", SCENARIO, SCENARIO, "--trials", "1"]);
    assert_input_error(&o, "--trials 1: expected from 2");
    let o = run_in(dir, &["run", SCENARIO, "--trials", "50"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("warning: 50 trials"));
}

#[test]
fn the_list_form_of_normal_is_usable() {
    let f = Files::new(&[(
        "n.yaml",
        "name: n\nstart_year: 2025\nhorizon: 2\nprice_year: 2025\n\
         course: { participants_per_course: 8, completion_rate: 0.75, peers_per_course: 2, volunteer_turnover: 0.5 }\n\
         municipalities:\n  - { name: A, courses: 1 }\n\
         costs:\n  - { name: c, driver: per_course, unit_cost: { normal: [1000, 100, 0] }, payer: kommune }\n\
         outcomes:\n  - { name: o, baseline: 2, effect: { normal: [-0.1, 0.05, -1, 1] }, profile: [1], unit_price: 100, payers: { region: 1 } }\n",
    )]);
    let json = common::run_json(&["--trials", "200"], &f.path("n.yaml"));
    assert_eq!(json["inputs"].as_array().map(Vec::len), Some(2), "{json}");
}

#[test]
fn a_roll_out_table_saved_by_excel_is_read_with_its_line_numbers() {
    let repo = repo_copy();
    let dir = repo.dir.path();
    let table = dir.join("data/dk_municipalities.csv");
    let original = std::fs::read_to_string(&table).unwrap();
    let expected = common::run_json(
        &["--trials", "0"],
        &dir.join("scenarios/national-rollout.yaml"),
    );
    // "CSV UTF-8" (a byte-order mark), then a Danish export (`;`, CRLF line ends).
    let bom = format!("\u{feff}{original}");
    let danish = original.replace(',', ";").replace('\n', "\r\n");
    for text in [bom, danish] {
        std::fs::write(&table, &text).unwrap();
        let got = common::run_json(
            &["--trials", "0"],
            &dir.join("scenarios/national-rollout.yaml"),
        );
        assert_eq!(got["base"], expected["base"]);
    }
    // A bad population (the fourth column) on line 6 names that line.
    let mut lines: Vec<String> = original.lines().map(str::to_owned).collect();
    let mut fields: Vec<&str> = lines[5].split(',').collect();
    fields[3] = "many";
    lines[5] = fields.join(",");
    std::fs::write(&table, lines.join("\n")).unwrap();
    let o = run_in(dir, &["validate", "scenarios/national-rollout.yaml"]);
    assert_input_error(&o, "dk_municipalities.csv:6");
    assert!(stderr(&o).contains("expected a whole number of residents, found `many`"));
}

/// `465.000` is a Danish thousands separator only where kroner or a count is expected: a share
/// or an effect written `1.000` is 1 (a regression found by the property tests).
#[test]
fn three_zero_decimals_are_plain_where_a_share_is_expected() {
    let f = Files::new(&[(
        "s.yaml",
        "name: n\nstart_year: 2025\nhorizon: 2\nprice_year: 2025\n\
         course: { participants_per_course: 8, completion_rate: 1.000, peers_per_course: 2, volunteer_turnover: 0.500 }\n\
         municipalities:\n  - { name: A, courses: 1 }\n\
         costs:\n  - { name: c, driver: per_course, unit_cost: 1000, payer: kommune }\n",
    )]);
    let json = common::run_json(&["--trials", "0"], &f.path("s.yaml"));
    let totals = &json["base"]["totals"];
    assert_eq!(totals["completers"], 16.0, "{totals}");
}

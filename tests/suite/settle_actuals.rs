//! `somsim settle --actuals FILE.yaml`: the YAML form of the actuals reads to the same rows as
//! the CSV form (the shipped example and its twin settle to the same bytes), and every mistake
//! in it is reported by file, line and field, exit code 2, in English and in Danish.

use super::common;

fn contract() -> std::path::PathBuf {
    common::root().join("contracts/intensive-dsi.yaml")
}

/// `somsim settle` of the shipped contract on `actuals` (relative to the root), as JSON.
fn settled(actuals: &str) -> String {
    common::succeed(
        common::somsim()
            .current_dir(common::root())
            .args([
                "settle",
                "--trials",
                "2000",
                "--format",
                "json",
                "--actuals",
            ])
            .arg(actuals)
            .arg(contract()),
    )
}

#[test]
fn the_yaml_twin_of_the_shipped_csv_settles_to_the_same_bytes() {
    let (csv, yaml) = (
        "contracts/actuals/intensive-dsi-2026.csv",
        "contracts/actuals/intensive-dsi-2026.yaml",
    );
    let from_csv = settled(csv);
    let from_yaml = settled(yaml);
    // The one difference is the file's name, which the report carries.
    let quoted = |s: &str| format!("\"actuals\": \"{s}\"");
    assert!(from_csv.contains(&quoted(csv)), "{from_csv}");
    assert_eq!(from_csv.replace(&quoted(csv), &quoted(yaml)), from_yaml);
    // And the rows read the same, value for value.
    let read = |f: &str| somsim::input::actuals::read_file(&common::root().join(f)).unwrap();
    let (a, b) = (read(csv), read(yaml));
    assert_eq!(a.extras, b.extras);
    let row = |r: &somsim::input::actuals::Row| {
        (
            r.municipality.clone(),
            r.year,
            r.courses,
            r.participants,
            r.completers,
            r.extras.clone(),
        )
    };
    assert_eq!(
        a.rows.iter().map(row).collect::<Vec<_>>(),
        b.rows.iter().map(row).collect::<Vec<_>>()
    );
    assert_eq!(a.rows.len(), 8);
}

/// Three good rows for 2025, before the row a case breaks.
const GOOD: &str = r#"# Three rows in the flow form, the fourth in the block form.
- { municipality: København, year: 2025, courses: 3, participants: 24, completers: 18, outcomes_achieved: { recovery: 5, "§85 support hours avoided": 160 }, measured: { recovery_gain_share: 0.28 } }
- { municipality: Rødovre, year: 2025, courses: 2, participants: 15, completers: 12, outcomes_achieved: { recovery: 4, "§85 support hours avoided": 110 }, measured: { recovery_gain_share: 0.33 } }
- { municipality: Fredericia, year: 2025, courses: 3, participants: 23, completers: 17, outcomes_achieved: { recovery: 5, "§85 support hours avoided": 150 }, measured: { recovery_gain_share: 0.29 } }
"#;

/// The fourth row, on lines 5 to 11.
const LAST: &str = r#"- municipality: Kolding
  year: 2025
  courses: 2
  participants: 16
  completers: 12
  outcomes_achieved: { recovery: 3, "§85 support hours avoided": 100 }
  measured: { recovery_gain_share: 0.25 }
"#;

/// `somsim settle` on `text` as `a.yaml` in `lang`: its exit code must be 2; its message.
fn refused(text: &str, lang: &str) -> String {
    super::settle::refused_as("a.yaml", text, lang)
}

#[test]
fn the_good_rows_settle() {
    let dir = common::Files::new(&[("a.yaml", &format!("{GOOD}{LAST}"))]);
    common::succeed(
        common::somsim()
            .args(["settle", "--trials", "100", "--format", "json", "--actuals"])
            .arg(dir.path("a.yaml"))
            .arg(contract()),
    );
}

#[test]
fn broken_yaml_actuals_are_reported_by_file_line_and_field() {
    let with = |from: &str, to: &str| {
        assert!(LAST.contains(from), "{from}");
        format!("{GOOD}{}", LAST.replacen(from, to, 1))
    };
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            with("courses: 2", "course: 2"),
            vec![
                "a.yaml:7:3: unknown field `course`",
                "did you mean `courses`",
            ],
        ),
        (
            with("year: 2025", "year: [2025]"),
            vec!["a.yaml:6:9: year: expected a number, found a list"],
        ),
        (
            with("participants: 16", "participants: 16.000"),
            vec!["a.yaml:8:17: participants", "16.000", "write 16000"],
        ),
        (
            with("courses: 2", "courses: -2"),
            vec!["a.yaml:7:12: courses: found -2; expected 0 or more"],
        ),
        (
            with("completers: 12", "completers: 17"),
            vec!["a.yaml:9:15: completers", "at most as many completers"],
        ),
        (
            with("recovery: 3,", "recovery: true,"),
            vec![
                "a.yaml:10:34: outcomes_achieved[recovery]",
                "expected a number",
            ],
        ),
        (
            with("recovery: 3,", "recovery: -3,"),
            vec!["a.yaml:10:34: outcomes_achieved[recovery]", "0 or more"],
        ),
        (
            with("{ recovery_gain_share: 0.25 }", "0.25"),
            vec!["a.yaml:11:13: measured", "expected a mapping"],
        ),
        (
            with("Kolding", "Koldng"),
            vec!["a.yaml:5: municipality", "unknown municipality `Koldng`"],
        ),
        (
            with("Kolding", "København"),
            vec!["a.yaml:6: year", "given twice (also on line 2)"],
        ),
        (
            with("year: 2025", "year: 2031"),
            vec!["a.yaml:6: year", "outside the contract's term"],
        ),
        (
            with("completers: 12\n", "completers: 12\n  completers: 13\n"),
            vec!["a.yaml:10:3", "`completers` is given twice"],
        ),
        (
            with("  participants: 16\n", ""),
            vec!["a.yaml:", "missing field `participants`"],
        ),
        (
            with("  courses: 2", "\tcourses: 2"),
            vec!["a.yaml:7:", "tab"],
        ),
        (
            format!("{GOOD}- {{ municipality: Kolding, year: 2025\n"),
            vec!["a.yaml:5:"],
        ),
        (
            "municipality: Kolding\nyear: 2025\n".into(),
            vec!["a.yaml:1:1", "expected a list of rows"],
        ),
        (
            "# nothing observed yet\n".into(),
            vec!["a.yaml: the file is empty"],
        ),
        (
            GOOD.replace(", measured: { recovery_gain_share: 0.28 }", "")
                .replace(", measured: { recovery_gain_share: 0.33 }", "")
                .replace(", measured: { recovery_gain_share: 0.29 }", "")
                + &LAST.replace("  measured: { recovery_gain_share: 0.25 }\n", ""),
            vec![
                "a.yaml",
                "`measured: { recovery_gain_share: ... }` on the rows",
            ],
        ),
    ];
    for (text, expects) in &cases {
        let err = refused(text, "en");
        for e in expects {
            assert!(err.contains(e), "expected {e:?} in:\n{err}\nfor:\n{text}");
        }
        let da = refused(text, "da");
        assert!(da.contains("fejl: ") && da.contains("a.yaml"), "{da}");
        let english = super::error_catalogue::english_in(&da);
        assert!(english.is_empty(), "{english:?} in:\n{da}");
    }
}

#[test]
fn an_actuals_file_neither_csv_nor_yaml_by_its_name_is_refused_with_the_names_read() {
    let dir = common::Files::new(&[("a.txt", "municipality,year\n")]);
    let out = common::somsim()
        .args(["settle", "--trials", "100", "--actuals"])
        .arg(dir.path("a.txt"))
        .arg(contract())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("a.txt: cannot tell") && err.contains("*.yaml"),
        "{err}"
    );
}

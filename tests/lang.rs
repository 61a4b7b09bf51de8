//! `--lang da` (or `SOMSIM_LANG=da`): the table output in Danish words and number formats;
//! JSON and CSV the same in every language.

mod common;

fn run(args: &[&str], env: Option<&str>) -> String {
    let mut cmd = common::somsim();
    cmd.args(["run", "--trials", "300"]).args(args);
    cmd.arg(common::root().join("contracts/intensive-dsi.yaml"));
    if let Some(lang) = env {
        cmd.env("SOMSIM_LANG", lang);
    }
    common::succeed(&mut cmd)
}

#[test]
fn the_danish_table_speaks_danish() {
    let da = run(&["--lang", "da", "--ledger", "--sources"], None);
    for words in [
        "kr. i 2025-priser",
        "Nutidsværdi",
        "1.069.090",
        "Nutidsværdi i simuleringerne, kr.:",
        "Regnskab (alle kommuner, alle betalere), kr.:",
        "Kontrakt: DSI betalingsmodel",
        "P(tab) 0,",
        "Antagelser:",
        "ikke defineret",
    ] {
        assert!(da.contains(words), "no {words:?} in\n{da}");
    }
    // The engine's own words; the assumption files' units and sources are as written.
    let own = da.split("Antagelser:").next().unwrap();
    assert!(!own.contains("DKK"), "{own}");
    // The same numbers as in English, in Danish formats.
    let en = run(&["--ledger"], None);
    assert!(en.contains("1,069,090") && en.contains("Ledger (all municipalities"));
}

#[test]
fn the_environment_sets_the_language_and_the_option_wins() {
    assert_eq!(run(&[], Some("da")), run(&["--lang", "da"], None));
    assert_eq!(run(&["--lang", "en"], Some("da")), run(&[], None));
}

#[test]
fn json_and_csv_do_not_depend_on_the_language() {
    for format in ["json", "csv"] {
        assert_eq!(
            run(&["--format", format, "--lang", "da"], None),
            run(&["--format", format], None),
            "{format}"
        );
    }
}

#[test]
fn compare_speaks_danish_too() {
    let da = common::succeed(
        common::somsim()
            .args(["compare", "--trials", "200", "--lang", "da"])
            .arg(common::root().join("scenarios/intensive.yaml"))
            .arg(common::root().join("contracts/intensive-dsi.yaml")),
    );
    for words in [
        "Sammenligning af 2 scenarier",
        "Perspektiv kommune, nutidsværdi i kr.:",
        "-6.857.668",
        "P(bedre end [1])",
        "Kontrakter, på de samme simuleringer (beløb i kr.):",
    ] {
        assert!(da.contains(words), "no {words:?} in\n{da}");
    }
    assert!(!da.contains("DKK"), "{da}");
}

#[test]
fn sensitivity_speaks_danish_too() {
    let da = common::succeed(
        common::somsim()
            .args(["sensitivity", "--trials", "300", "--lang", "da"])
            .arg(common::root().join("scenarios/intensive.yaml")),
    );
    for words in [
        "Følsomhed for",
        "nutidsværdi",
        "Udsving",
        "Andel af variansen",
        "EVPI",
        " kr.",
        "Skifteværdier",
    ] {
        assert!(da.contains(words), "no {words:?} in\n{da}");
    }
    assert!(!da.contains("DKK"), "{da}");
}

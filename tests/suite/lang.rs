//! `--lang da` (or `SOMSIM_LANG=da`): the table output in Danish words and number formats;
//! JSON and CSV the same in every language.

use crate::common;

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
        "Kontrakt: DSI-betalingsmodel",
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

#[test]
fn batch_speaks_danish_too() {
    let batch = |lang: &str, format: &str| {
        common::succeed(
            common::somsim()
                // Wide enough that no heading wraps.
                .env("COLUMNS", "250")
                .args(["batch", "--trials", "200", "--format", format])
                .args(["--sweep", "completion_rate=0.5,0.65", "--lang", lang])
                .arg(common::root().join("scenarios/intensive.yaml")),
        )
    };
    let da = batch("da", "table");
    for words in [
        "Kørsel af 2 varianter: 200 simuleringer hver",
        "beløb i kr.",
        "Offentlig nutidsværdi, basis",
        "P(NV > 0)",
        "0,65",
        "-7.",
    ] {
        assert!(da.contains(words), "no {words:?} in\n{da}");
    }
    assert!(!da.contains("DKK") && !da.contains("0.65"), "{da}");
    assert_eq!(batch("da", "csv"), batch("en", "csv"));
}

#[test]
fn deal_speaks_danish_too() {
    let deal = |lang: &str, format: &str| {
        common::succeed(
            common::somsim()
                .env("COLUMNS", "250")
                .args([
                    "deal", "--trials", "200", "--format", format, "--lang", lang,
                ])
                .args([
                    "--contract",
                    "DSI betalingsmodel",
                    "--vary",
                    "price[recovery]=20000,40000",
                    "--vary",
                    "return_cap=0.035",
                ])
                .args([
                    "--max-loss-prob",
                    "0.2",
                    "--max-payer-worse-prob",
                    "0.5",
                    "--irr",
                ])
                .arg(common::root().join("contracts/intensive-dsi.yaml")),
        )
    };
    let da = deal("da", "table");
    for words in [
        "Aftalerum for kontrakten \"DSI-betalingsmodel\"",
        "Grænser: investor accepterer P(tab) ≤ 0,20",
        "Forventet tab, kr.",
        "Intern rente, median",
        "Δ kommune, kr.",
        "20.000",
        "3,5 pct.",
        "Acceptable værdier af pris for personlig recovery",
        "Investors laveste",
        "Højeste for kommune",
        "Accepteret",
    ] {
        assert!(da.contains(words), "no {words:?} in\n{da}");
    }
    assert!(!da.contains("DKK") && !da.contains("Accepted"), "{da}");
    assert!(deal("en", "table").contains("3.5%"));
    assert_eq!(deal("da", "json"), deal("en", "json"));
}

/// A contract's and its rate-card targets' Danish names (`da:`) are shown in the Danish
/// tables and report; the names as written stay the keys: `--contract`, `--vary price[NAME]`,
/// `cap[NAME]` and JSON name them, in every language.
#[test]
fn rate_card_targets_are_shown_in_danish_and_keyed_in_english() {
    let file = common::root().join("contracts/intensive-dsi.yaml");
    let da = run(&["--lang", "da"], None);
    for words in [
        "Kontrakt: DSI-betalingsmodel",
        "P(udløser opfyldt: personlig recovery)",
        "P(loft binder: sparede timer med §85-støtte)",
    ] {
        assert!(da.contains(words), "no {words:?} in\n{da}");
    }
    assert!(!da.contains("support hours avoided"), "{da}");
    let vary = [
        "--trials",
        "200",
        "--contract",
        "DSI betalingsmodel",
        "--vary",
        "price[§85 support hours avoided]=500, 700",
        "--vary",
        "cap[recovery]=1000000",
    ];
    let deal = |lang: &str, format: &str| {
        common::succeed(
            common::somsim()
                .args(["deal", "--lang", lang, "--format", format])
                .args(vary)
                .arg(&file),
        )
    };
    let table = deal("da", "table")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for words in [
        "pris for sparede timer med §85-støtte",
        "loft for personlig recovery",
    ] {
        assert!(table.contains(words), "no {words:?} in\n{table}");
    }
    assert!(
        !table.contains("support") && !table.contains("price["),
        "{table}"
    );
    let json = deal("da", "json");
    assert_eq!(json, deal("en", "json"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["contract"], "DSI betalingsmodel");
    assert_eq!(v["axes"][0]["term"], "price[§85 support hours avoided]");
    assert_eq!(v["axes"][1]["term"], "cap[recovery]");
    let run = common::run_json(&["--trials", "0", "--lang", "da"], &file);
    let items: Vec<&str> = (run["contracts"][0]["rate_card"].as_array().unwrap().iter())
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["recovery", "§85 support hours avoided"]);
    // Named in Danish, a target is refused with its key.
    let out = common::somsim()
        .args([
            "deal",
            "--lang",
            "da",
            "--vary",
            "price[personlig recovery]=1000",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("er det danske navn på prislistens punkt `recovery`"),
        "{err}"
    );
}

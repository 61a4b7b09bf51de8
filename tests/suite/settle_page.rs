//! `somsim settle --format html`: the settlement's page is well-formed and self-contained,
//! Danish unless asked otherwise, answers first, and every number it prints is the JSON value
//! it says it shows (read back from its Danish or English formatting).

use somsim::report::locale::Lang;

use super::common;
use super::report::{numbers_match, read_page, self_contained};

/// `somsim settle` of the shipped contract on the shipped actuals, with `args`, written to a
/// file; its text.
fn settled(args: &[&str], dir: &common::Files, name: &str) -> String {
    let out = dir.path(name);
    common::succeed(
        common::somsim()
            .current_dir(common::root())
            .args(["settle", "contracts/intensive-dsi.yaml", "--trials", "400"])
            .args(["--actuals", "contracts/actuals/intensive-dsi-2026.yaml"])
            .args(args)
            .arg("-o")
            .arg(&out),
    );
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn the_settlement_page_shows_its_json_in_danish_by_default_and_in_english() {
    let dir = common::Files::new(&[]);
    let json: serde_json::Value =
        serde_json::from_str(&settled(&["--format", "json"], &dir, "s.json")).unwrap();
    for (lang, args) in [
        (Lang::Da, vec!["--format", "html"]),
        (Lang::En, vec!["--format", "html", "--lang", "en"]),
    ] {
        let html = settled(&args, &dir, "s.html");
        let code = if lang == Lang::Da { "da" } else { "en" };
        assert!(html.contains(&format!("<html lang=\"{code}\">")), "{code}");
        self_contained(&html);
        if lang == Lang::Da {
            // The Danish page's words are Danish (names and the parser's notation aside).
            for english in [" the ", " is ", " given ", " and ", "DKK"] {
                assert!(!html.contains(english), "{english:?} on the Danish page");
            }
        }
        let (printed, _) = read_page(&html);
        numbers_match(lang, &printed, &json);
        let shown = |pointer: &str| printed.iter().any(|p| p.pointer == pointer);
        // The statement: each year's due per item, paid, the return-cap account and each
        // payer's part; each municipality's; the forecast's band and effective sample size.
        for k in 0..2 {
            for field in ["invested", "paid", "return_cap_account", "paid_by/kommune"] {
                assert!(
                    shown(&format!("/statement/years/{k}/{field}")),
                    "{field} {k}"
                );
            }
            for j in 0..2 {
                assert!(shown(&format!("/statement/items/{j}/due/{k}")));
            }
            for m in 0..4 {
                assert!(shown(&format!(
                    "/statement/paid_by_municipality/{m}/paid/{k}"
                )));
            }
        }
        for pointer in [
            "/statement/items/0/trigger/measured",
            "/statement/items/1/due_later_within_cap",
            "/forecast/investor_net/given/p5",
            "/forecast/investor_net/given/p95",
            "/forecast/effective_sample_size",
        ] {
            assert!(shown(pointer), "{pointer}");
        }
        // The answer first: this year's payment before the statement.
        let answer = html.find("class=\"answer\"").unwrap();
        let paid = "data-json=\"/statement/years/1/paid\"";
        assert!(html[answer..].find(paid).unwrap() < html[answer..].find("<table").unwrap());
    }
    // Danish numbers: the payment of 2026 in whole kroner, the statement to the øre.
    let html = settled(&["--format", "html"], &dir, "s.html");
    assert!(html.contains(">828.240 kr.</span>"), "{html}");
    assert!(html.contains(">864.928,05</span>"), "{html}");
}

#[test]
fn with_few_effective_trials_the_page_warns_with_the_answer() {
    let dir = common::Files::new(&[]);
    let out = dir.path("s.html");
    common::succeed(
        common::somsim()
            .current_dir(common::root())
            .args(["settle", "contracts/intensive-dsi.yaml", "--trials", "150"])
            .args(["--actuals", "contracts/actuals/intensive-dsi-2026.csv"])
            .args(["--format", "html", "--lang", "en", "-o"])
            .arg(&out),
    );
    let html = std::fs::read_to_string(out).unwrap();
    let warning = html
        .find("<p class=\"caveat\">warning: the effective sample size")
        .unwrap();
    assert!(warning < html.find("<table").unwrap(), "{html}");
}

//! `somsim report`: the page of every shipped scenario is well-formed, references nothing
//! outside itself, has its charts, and every number it prints is the JSON value it says it
//! shows (read back from its Danish or English formatting).

use crate::common;

use quick_xml::events::Event;
use rust_decimal::prelude::ToPrimitive;
use somsim::report::locale::Lang;

const XML: quick_xml::XmlVersion = quick_xml::XmlVersion::Implicit1_0;

/// A printed number: its JSON Pointer, format and text.
pub(super) struct Printed {
    pub(super) pointer: String,
    format: String,
    text: String,
}

/// Parse the page as XML (it is written to be well-formed), collecting the numbers and the
/// number of drawn elements in each chart.
pub(super) fn read_page(html: &str) -> (Vec<Printed>, Vec<usize>) {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut printed = Vec::new();
    let mut charts = Vec::new();
    let mut open: Option<(String, String)> = None;
    let mut depth_in_svg = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                let name = e.name().as_ref().to_owned();
                if name == "svg" {
                    charts.push(0);
                    depth_in_svg += 1;
                } else if depth_in_svg > 0 {
                    *charts.last_mut().unwrap() += 1;
                    depth_in_svg += 1;
                }
                let attr = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k)
                        .map(|a| a.normalized_value(XML).unwrap().into_owned())
                };
                if let (Some(p), Some(f)) = (attr("data-json"), attr("data-format")) {
                    open = Some((p, f));
                }
            }
            Ok(Event::Empty(_)) if depth_in_svg > 0 => *charts.last_mut().unwrap() += 1,
            Ok(Event::End(_)) => depth_in_svg = depth_in_svg.saturating_sub(1),
            Ok(Event::Text(t)) => {
                if let Some((pointer, format)) = open.take() {
                    printed.push(Printed {
                        pointer,
                        format,
                        text: t.xml_content(XML).into_owned(),
                    });
                }
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed at byte {}: {e}", reader.buffer_position()),
        }
    }
    (printed, charts)
}

/// Nothing the page would fetch: no scripts, links, images, frames, imports or URLs.
pub(super) fn self_contained(html: &str) {
    let lower = html.to_lowercase();
    for bad in [
        "<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", "src=",
        "href=", "http://", "https://",
    ] {
        let allowed = bad == "http://"
            && lower.matches(bad).count() == lower.matches("http://www.w3.org/2000/svg").count();
        assert!(allowed || !lower.contains(bad), "the page contains {bad}");
    }
}

/// Every printed number equals its JSON value to the precision it is printed with.
pub(super) fn numbers_match(lang: Lang, printed: &[Printed], json: &serde_json::Value) {
    assert!(printed.len() > 20, "only {} numbers", printed.len());
    for p in printed {
        let value = json
            .pointer(&p.pointer)
            .and_then(|v| v.as_f64())
            .unwrap_or_else(|| panic!("{}: no number in the JSON", p.pointer));
        let read = if p.format == "year" {
            p.text.parse::<f64>().ok()
        } else {
            lang.parse(&p.text).and_then(|d| d.to_f64())
        }
        .unwrap_or_else(|| panic!("{}: cannot read {:?} as {lang:?}", p.pointer, p.text));
        let tolerance = match p.format.as_str() {
            "kroner" | "count" => 0.5,
            "ore" => 0.005,
            "pct1" | "num3" => 0.0005,
            "mio" => 50_000.0,
            "pct" => 0.005,
            "num2" => 0.005,
            "year" => 0.0,
            other => panic!("unknown format {other}"),
        };
        assert!(
            (read - value).abs() <= tolerance + 1e-9 * value.abs().max(1.0),
            "{}: printed {:?} ({read}), JSON {value}",
            p.pointer,
            p.text
        );
    }
}

fn render(file: &str, lang: &str, format: &str, dir: &common::Files) -> String {
    let out = dir.path(&format!("r.{format}"));
    common::succeed(
        common::somsim()
            .args([
                "report", "--trials", "400", "--lang", lang, "--format", format, "-o",
            ])
            .arg(&out)
            .arg(common::root().join(file)),
    );
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn every_shipped_scenarios_page_shows_its_json() {
    let mut files: Vec<String> = std::fs::read_dir(common::root().join("scenarios"))
        .unwrap()
        .map(|e| format!("scenarios/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    files.sort();
    files.push("contracts/intensive-dsi.yaml".into());
    // Paid on measured values, with a hurdle rate: the measured table, the ideal contract,
    // the outstanding capital's fan chart and the NPV at the hurdle rate, each tied to the JSON.
    files.push("contracts/intensive-dsi-measured.yaml".into());
    // A capital stack: each tranche's table, tied to the JSON.
    files.push("contracts/intensive-dsi-stack.yaml".into());
    for (i, file) in files.iter().enumerate() {
        let (lang, code) = if i % 2 == 0 {
            (Lang::Da, "da")
        } else {
            (Lang::En, "en")
        };
        let dir = common::Files::new(&[]);
        let html = render(file, code, "html", &dir);
        let json: serde_json::Value =
            serde_json::from_str(&render(file, code, "json", &dir)).unwrap();
        assert!(html.contains(&format!("<html lang=\"{code}\">")));
        self_contained(&html);
        let (printed, charts) = read_page(&html);
        numbers_match(lang, &printed, &json);
        if file.ends_with("-stack.yaml") {
            assert!(
                (printed.iter()).any(|p| p.pointer.ends_with("/stack/1/monte_carlo/prob_loss")),
                "{file}: no tranche table"
            );
        }
        // Who pays, a fan and a break-even curve per perspective, histograms, the tornado:
        // each chart has drawn something.
        assert!(charts.len() >= 5, "{file}: {} charts", charts.len());
        for (k, n) in charts.iter().enumerate() {
            assert!(*n > 10, "{file}: chart {k} has {n} elements");
        }
    }
}

/// The contract's section shows each payer's result over the trials (not the base case
/// alone), the contract year by year with its bands, and who pays shows every party: the
/// investor, the guarantor and the transfers, each part tied to the JSON.
#[test]
fn the_contract_and_who_pays_show_the_trials_and_every_party() {
    let dir = common::Files::new(&[]);
    let file = "contracts/intensive-dsi.yaml";
    let html = render(file, "en", "html", &dir);
    let json: serde_json::Value = serde_json::from_str(&render(file, "en", "json", &dir)).unwrap();
    let (printed, _) = read_page(&html);
    numbers_match(Lang::En, &printed, &json);
    let shown = |pointer: &str| printed.iter().any(|p| p.pointer == pointer);
    let at = "/scenarios/0/run/contracts/0";
    let mc = &json["scenarios"][0]["run"]["contracts"][0]["monte_carlo"];
    // Every payer the contract touches in some trial: its mean, 90% interval and P(worse off).
    let mut touched = 0;
    for (payer, d) in mc["delta"].as_object().unwrap() {
        let moves = d["delta"]["p5"].as_f64().unwrap().abs() >= 0.5
            || d["delta"]["p95"].as_f64().unwrap().abs() >= 0.5;
        for field in ["delta/mean", "delta/p5", "delta/p95", "prob_worse"] {
            let pointer = format!("{at}/monte_carlo/delta/{payer}/{field}");
            assert_eq!(shown(&pointer), moves, "{pointer}");
        }
        touched += moves as usize;
    }
    assert!(touched >= 2, "{touched} payers touched");
    // The kommune's result over the trials differs from its base case: the page shows both.
    assert!(shown(&format!("{at}/base/delta/kommune")));
    for field in ["prob_guarantee_drawn", "mean_guarantee_draw"] {
        assert!(shown(&format!("{at}/monte_carlo/{field}")), "{field}");
    }
    // The contract year by year: invested, received, outstanding and each payer's payments,
    // with their bands.
    let years = json["scenarios"][0]["contract_years"][0]["years"]
        .as_array()
        .unwrap();
    assert!(years.len() >= 5);
    let flows = "/scenarios/0/contract_years/0/years/0";
    for field in [
        "invested/mean",
        "invested/p5",
        "received/p95",
        "outstanding/mean",
    ] {
        assert!(shown(&format!("{flows}/{field}")), "{field}");
    }
    assert!(
        printed
            .iter()
            .any(|p| p.pointer.contains("/contract_years/0/years/")
                && p.pointer.contains("/payers/"))
    );
    // Who pays: every party with a flow, the investor and the guarantor among them; each
    // party's parts add up to its NPV, and the kommune's NPV is the kommune perspective's.
    let parties = json["scenarios"][0]["parties"].as_array().unwrap();
    let names: Vec<&str> = parties
        .iter()
        .map(|p| p["payer"].as_str().unwrap())
        .collect();
    for payer in ["kommune", "dsi", "velux"] {
        assert!(names.contains(&payer), "{payer} missing from {names:?}");
    }
    let f = |v: &serde_json::Value| v.as_f64().unwrap();
    for (k, party) in parties.iter().enumerate() {
        let sum = f(&party["avoided"]) - f(&party["costs"])
            + f(&party["transfers"])
            + f(&party["contract"]);
        assert!((sum - f(&party["npv"])).abs() < 0.02, "{party}");
        for field in ["costs", "avoided", "transfers", "contract", "npv"] {
            assert!(
                shown(&format!("/scenarios/0/parties/{k}/{field}")),
                "{k} {field}"
            );
        }
    }
    let kommune = parties.iter().find(|p| p["payer"] == "kommune").unwrap();
    let perspective = &json["scenarios"][0]["run"]["base"]["perspectives"]["kommune"]["npv"];
    assert!((f(&kommune["npv"]) - f(perspective)).abs() < 0.01);
    assert!(
        parties.iter().any(|p| f(&p["transfers"]).abs() > 1.0),
        "no transfer shown"
    );
    assert!(
        parties.iter().any(|p| f(&p["contract"]).abs() > 1.0),
        "no contract flow shown"
    );
    // The summary leads with the answer for the first perspective with flows.
    let summary = html.find("<p class=\"answer\">").expect("no answer");
    let first_table = html.find("<table>").unwrap();
    assert!(summary < first_table);
    assert!(shown("/scenarios/0/answers/kommune/prob_npv_positive"));
}

#[test]
fn the_danish_page_speaks_danish_and_warns_about_the_evidence() {
    let dir = common::Files::new(&[]);
    let html = render("scenarios/intensive.yaml", "da", "html", &dir);
    for words in [
        "Nutidsværdi",
        "Hvem betaler, og hvem sparer",
        "Antagelser og kilder",
        "PEER-forsøget",
        " mio. kr.",
        " pct.",
    ] {
        assert!(html.contains(words), "no {words:?}");
    }
    assert!(
        !html.contains(" DKK<"),
        "an English amount in the Danish page"
    );
}

#[test]
fn the_report_is_refused_on_a_terminal_and_bad_input_exits_2() {
    let dir = common::Files::new(&[]);
    let out = dir.path("r.html");
    let fail = common::somsim()
        .args(["report", "--lang", "fr", "-o"])
        .arg(&out)
        .arg(common::root().join("scenarios/intensive.yaml"))
        .output()
        .unwrap();
    assert_eq!(fail.status.code(), Some(2));
    assert!(!out.exists());
    let missing = common::somsim()
        .args(["report", "-o"])
        .arg(&out)
        .arg(dir.path("missing.yaml"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("missing.yaml"));
    assert!(!out.exists());
}

#[test]
fn the_bands_end_at_the_npv_and_do_not_depend_on_threads() {
    let file = common::root().join("contracts/intensive-dsi.yaml");
    let one = common::thread_invariant(&["report", "--trials", "600", "--format", "json"], &file);
    let doc: serde_json::Value = serde_json::from_str(&one).unwrap();
    let s = &doc["scenarios"][0];
    for (name, bands) in s["bands"].as_object().unwrap() {
        let last = bands.as_array().unwrap().last().unwrap();
        let npv = &s["run"]["monte_carlo"]["perspectives"][name]["npv"];
        for q in ["p5", "p25", "p50", "p75", "p95"] {
            assert_eq!(last[q], npv[q], "{name} {q}");
        }
        // The bands are ordered in every year.
        for b in bands.as_array().unwrap() {
            let v: Vec<f64> = ["p5", "p25", "p50", "p75", "p95"]
                .iter()
                .map(|q| b[q].as_f64().unwrap())
                .collect();
            assert!(v.windows(2).all(|w| w[0] <= w[1]), "{name}: {v:?}");
        }
    }
}

#[test]
fn several_files_are_compared_on_the_same_trials() {
    let dir = common::Files::new(&[]);
    let files = [
        common::root().join("scenarios/intensive.yaml"),
        common::root().join("contracts/intensive-dsi.yaml"),
    ];
    let page = |format: &str| {
        let out = dir.path(&format!("c.{format}"));
        common::succeed(
            common::somsim()
                .args([
                    "report", "--trials", "300", "--lang", "da", "--format", format, "-o",
                ])
                .arg(&out)
                .args(&files),
        );
        std::fs::read_to_string(out).unwrap()
    };
    let html = page("html");
    let json: serde_json::Value = serde_json::from_str(&page("json")).unwrap();
    assert_eq!(json["scenarios"].as_array().unwrap().len(), 2);
    let compare = &json["comparison"]["perspectives"]["kommune"];
    assert_eq!(compare["scenarios"].as_array().unwrap().len(), 2);
    // The contract's difference to the same scenario without it is its delta for kommune.
    let difference = compare["differences"][0]["base_npv_difference"]
        .as_f64()
        .unwrap();
    let delta = json["scenarios"][1]["run"]["contracts"][0]["base"]["delta"]["kommune"]
        .as_f64()
        .unwrap();
    assert!(
        (difference - delta).abs() < 0.02,
        "{difference} against {delta}"
    );
    assert!(html.contains("<h1>Sammenligning</h1>"));
    self_contained(&html);
    let (printed, _) = read_page(&html);
    assert!(
        printed
            .iter()
            .any(|p| p.pointer.starts_with("/comparison/"))
    );
    numbers_match(Lang::Da, &printed, &json);
    // The contract's IRR and MOIC histograms are in the JSON and drawn on the page.
    let mc = &json["scenarios"][1]["run"]["contracts"][0]["monte_carlo"];
    assert!(mc["moic_histogram"]["counts"].as_array().unwrap().len() > 1);
    assert!(html.contains("Tilbagebetalt pr. investeret krone i simuleringerne"));
}

#[test]
fn the_deal_space_map_shows_who_accepts_each_combination() {
    let dir = common::Files::new(&[]);
    let args = [
        "--vary",
        "price[recovery]=20000:40000:10000",
        "--vary",
        "guarantee=0,750000",
        "--max-loss-prob",
        "0.25",
        "--max-payer-worse-prob",
        "0.5",
    ];
    let page = |format: &str| {
        let out = dir.path(&format!("d.{format}"));
        common::succeed(
            common::somsim()
                .args([
                    "report", "--trials", "400", "--lang", "en", "--format", format, "-o",
                ])
                .arg(&out)
                .args(args)
                .arg(common::root().join("contracts/intensive-dsi.yaml")),
        );
        std::fs::read_to_string(out).unwrap()
    };
    let html = page("html");
    let json: serde_json::Value = serde_json::from_str(&page("json")).unwrap();
    let combos = json["scenarios"][0]["deal"]["combinations"]
        .as_array()
        .unwrap();
    assert_eq!(combos.len(), 6);
    let (printed, _) = read_page(&html);
    // Each cell: the investor's P(loss) and each paying payer's P(worse off).
    let payers = combos[0]["payers"].as_object().unwrap().len();
    assert!(payers >= 1);
    let cells: Vec<&Printed> = (printed.iter())
        .filter(|p| p.pointer.contains("/deal/combinations/"))
        .collect();
    assert_eq!(cells.len(), 6 * (1 + payers));
    assert_eq!(
        cells
            .iter()
            .filter(|p| p.pointer.ends_with("/prob_loss"))
            .count(),
        6
    );
    numbers_match(Lang::En, &printed, &json);
    // Each cell's colour says who accepts it: both, the investor only, the payers only, neither.
    for (colour, investor, payers) in [
        ("#b7dfb0", true, true),
        ("#f7e2a6", true, false),
        ("#c9d9ee", false, true),
        ("#eeeeee", false, false),
    ] {
        let n = (combos.iter())
            .filter(|c| c["investor_accepts"] == investor && c["payers_accept"] == payers)
            .count();
        let cell = format!("<td class=\"r\" style=\"background:{colour}\">");
        assert_eq!(html.matches(&cell).count(), n, "{colour}");
    }
    // ... and says it in words, so that the map reads in black and white.
    let words = &somsim::report::words::Words::of(Lang::En).page;
    for (investor, payers, word) in [
        (true, true, words.both_accept),
        (true, false, words.investor_only),
        (false, true, words.payers_only),
        (false, false, words.neither),
    ] {
        let n = (combos.iter())
            .filter(|c| c["investor_accepts"] == investor && c["payers_accept"] == payers)
            .count();
        let cell = format!("\"><strong>{word}</strong><br />");
        assert_eq!(html.matches(&cell).count(), n, "{word}");
    }
    assert!(combos.iter().any(|c| c["payers_accept"] == true));
    // Asking for a map of a scenario without a contract is an input error.
    let none = common::somsim()
        .args(["report", "--vary", "guarantee=0", "-o"])
        .arg(dir.path("x.html"))
        .arg(common::root().join("scenarios/intensive.yaml"))
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(2));
}

/// `report --set` failed with "reading --set ... again": the fingerprint read every source of
/// the model as a file, and a `--set` value is a source but not a file.
#[test]
fn a_report_with_set_values_records_them_in_its_fingerprint() {
    let dir = common::Files::new(&[]);
    let run = |set: &str| {
        let out = dir.path("r.json");
        common::succeed(
            (common::somsim().args(["report", "--trials", "200", "--format", "json"]))
                .args(["--set", set, "-o"])
                .arg(&out)
                .arg(common::root().join("scenarios/intensive.yaml")),
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
        json["reproducibility"].clone()
    };
    let (a, b) = (run("completion_rate=0.6"), run("completion_rate=0.7"));
    assert_eq!(a["settings"][0], "completion_rate=0.6");
    assert_ne!(a["inputs_sha256"], b["inputs_sha256"]);
    assert_eq!(
        a["inputs_sha256"],
        run("completion_rate=0.6")["inputs_sha256"]
    );
}

#[test]
fn the_page_shows_the_achieved_rank_correlations_beside_the_targets() {
    let dir = common::Files::new(&[]);
    let file = "docs/correlated-example.yaml";
    let html = render(file, "en", "html", &dir);
    let json: serde_json::Value = serde_json::from_str(&render(file, "en", "json", &dir)).unwrap();
    let (printed, _) = read_page(&html);
    numbers_match(Lang::En, &printed, &json);
    let run = &json["scenarios"][0]["run"];
    for field in ["target", "achieved"] {
        let pointer = format!("/scenarios/0/run/correlations/0/{field}");
        assert!(
            printed.iter().any(|p| p.pointer == pointer),
            "{pointer} not shown"
        );
    }
    assert_eq!(run["correlations"][0]["target"], -0.4);
}

#[test]
fn the_page_shows_the_societal_perspective_part_by_part() {
    let dir = common::Files::new(&[]);
    let file = "docs/society-example.yaml";
    for (lang, code, heading) in [
        (Lang::En, "en", "The societal perspective"),
        (Lang::Da, "da", "Samfundsøkonomisk perspektiv"),
    ] {
        let html = render(file, code, "html", &dir);
        let json: serde_json::Value =
            serde_json::from_str(&render(file, code, "json", &dir)).unwrap();
        assert!(html.contains(heading));
        let (printed, _) = read_page(&html);
        numbers_match(lang, &printed, &json);
        for field in [
            "npv",
            "npv_budgets",
            "parts/3/pv_society",
            "welfare/0/per_unit",
        ] {
            let pointer = format!("/scenarios/0/run/base/society/{field}");
            assert!(
                printed.iter().any(|p| p.pointer == pointer),
                "{pointer} not shown"
            );
        }
    }
}

#[test]
fn the_page_shows_each_municipalitys_own_result() {
    let dir = common::Files::new(&[]);
    let file = "scenarios/intensive.yaml";
    let html = render(file, "en", "html", &dir);
    let json: serde_json::Value = serde_json::from_str(&render(file, "en", "json", &dir)).unwrap();
    assert!(html.contains("<h2>Each municipality on its own</h2>"));
    let (printed, _) = read_page(&html);
    numbers_match(Lang::En, &printed, &json);
    let run = &json["scenarios"][0]["run"];
    let munis = run["monte_carlo"]["municipalities"].as_object().unwrap();
    assert_eq!(munis.len(), 4);
    let last = run["start_year"].as_i64().unwrap() + run["horizon"].as_i64().unwrap() - 1;
    for name in munis.keys() {
        for field in [
            "mean".to_owned(),
            "p5".into(),
            "p95".into(),
            "prob_npv_positive".into(),
            format!("break_even/by_year/{last}"),
        ] {
            let pointer = format!("/scenarios/0/run/monte_carlo/municipalities/{name}/{field}");
            assert!(
                printed.iter().any(|p| p.pointer == pointer),
                "{pointer} not shown"
            );
        }
        // The range chart names each municipality.
        assert!(
            html.contains(&format!("\n{name}\n</text>")),
            "{name} not charted"
        );
    }
    // Many municipalities: the spread of P(NPV > 0), and the table folded.
    let html = render("scenarios/national-rollout.yaml", "da", "html", &dir);
    assert!(html.contains("<h2>Kommunerne hver for sig</h2>"));
    assert!(
        html.contains("<summary>Alle kommuner (98)</summary>"),
        "no folded table"
    );
    assert!(html.contains("<p>Sandsynlighed for gevinst: "));
}

fn render_brief(file: &str, extra: &[&str], format: &str, dir: &common::Files) -> String {
    let out = dir.path(&format!("b.{format}"));
    common::succeed(
        common::somsim()
            .args([
                "report", "--brief", "--trials", "400", "--format", format, "-o",
            ])
            .arg(&out)
            .args(extra)
            .arg(common::root().join(file)),
    );
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn the_brief_answers_first_and_shows_its_json() {
    let mut files: Vec<String> = std::fs::read_dir(common::root().join("scenarios"))
        .unwrap()
        .map(|e| format!("scenarios/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    files.push("contracts/intensive-dsi.yaml".into());
    for file in &files {
        for (lang, extra) in [(Lang::Da, vec![]), (Lang::En, vec!["--lang", "en"])] {
            let dir = common::Files::new(&[]);
            let html = render_brief(file, &extra, "html", &dir);
            let json: serde_json::Value =
                serde_json::from_str(&render_brief(file, &extra, "json", &dir)).unwrap();
            self_contained(&html);
            let (printed, charts) = read_page(&html);
            numbers_match(lang, &printed, &json);
            // The answer comes first: the page's first numbers are the answer's.
            assert!(printed[0].pointer.starts_with("/answer/"), "{file}");
            // The budget years with the band, each of the four.
            for t in 0..4 {
                for q in ["base_net", "net/mean", "net/p5", "net/p95"] {
                    let at = format!("/budget/{t}/{q}");
                    assert!(printed.iter().any(|p| p.pointer == at), "{file}: {at}");
                }
            }
            assert_eq!(charts.len(), 1, "{file}: one chart");
            assert!(charts[0] > 10, "{file}: the chart is drawn");
            if file.starts_with("contracts/") {
                for at in [
                    "/contracts/0/invested",
                    "/contracts/0/prob_worse",
                    "/budget/1/repaid",
                ] {
                    assert!(printed.iter().any(|p| p.pointer == at), "{file}: {at}");
                }
                // The payers' result of the contract is the trials', not the base case's.
                assert!(json["contracts"][0]["delta"]["p5"].as_f64().unwrap() < 0.0);
            }
            if lang == Lang::Da {
                assert!(html.contains("<html lang=\"da\""), "{file}");
                assert!(html.contains("Beslutningsgrundlag"), "{file}");
            }
        }
    }
}

#[test]
fn the_brief_speaks_for_the_perspective_asked_for() {
    let dir = common::Files::new(&[]);
    let json: serde_json::Value = serde_json::from_str(&render_brief(
        "scenarios/intensive.yaml",
        &["--perspective", "public"],
        "json",
        &dir,
    ))
    .unwrap();
    assert_eq!(json["perspective"], "public");
    assert_eq!(
        json["payers"],
        serde_json::json!(["kommune", "region", "stat"])
    );
    let out = common::somsim()
        .args([
            "report",
            "--brief",
            "--perspective",
            "publik",
            "--format",
            "json",
        ])
        .arg(common::root().join("scenarios/intensive.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("public"));
}

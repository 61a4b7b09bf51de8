//! The Danish tables and report page speak Danish: every word the engine writes comes from the
//! Danish vocabulary (`report::words`), so none of English's common words turns up in them.
//! The scenario here names everything in Danish, so the only English left would be the
//! engine's own.

use crate::common;

const SCENARIO: &str = r#"
name: Forløb i Vejle og Odense
start_year: 2025
horizon: 4
price_year: 2025
payers: [fond]
discounting: { rate: 0.04 }
course:
  participants_per_course: 10
  completion_rate: { uniform: [0.4, 0.6] }
  peers_per_course: 2
  volunteer_turnover: 0.5
municipalities:
  - { name: Vejle, courses: [2, 2, 0, 1] }
  - { name: Odense, courses: [1, 2, 3, 1] }
costs:
  - { name: koordinator, driver: per_course, unit_cost: 60000, payer: kommune }
transfers:
  - { name: tilskud, from: fond, to: kommune, amount: 30000, years: 2025 }
outcomes:
  - name: sengedage
    baseline: 3
    effect: { normal: [-0.5, 0.2, -1, 1] }
    profile: [1, 1, 1]
    unit_price: 4000
    payers: { region: 0.5, kommune: 0.5 }
non_monetary:
  - name: trivsel
    unit: point
    per_completer: 0.25
    welfare_value: { per_unit: { triangular: [50000, 100000, 150000] }, source: Vejle Kommune }
  - name: mestring
    unit: point
    per_completer: 0.5
society:
  volunteer_time:
    - { name: frivillige, driver: per_course, hours: 44, value_per_hour: 150, source: Vejle Kommune }
"#;

const CONTRACT: &str = r#"
scenario: s.yaml
name: Forløb med betalingsmodel
payers: [investor, garant]
contracts:
  - name: betalingsmodel
    investor: investor
    source: Vejle Kommune
    prefinance:
      - { cost: koordinator, share: 1, years: [2025, 2026] }
    cohorts: [2025, 2026]
    rate_card:
      - name: trivsel
        metric: trivsel
        price: 30000
        lag: 1
        trigger:
          input: { uniform: [0.1, 0.3] }
          at_least: 0.15
          measured: { comparison: { controls: 40, sd: 0.5, bias: 0.1 } }
        measured: { randomised: { controls: 40, sd: 0.5, dropout: 0.1 } }
        source: Vejle Kommune
      - { name: sengedage, metric: sengedage, price: 600, lag: 1, cap: 100000, source: Vejle Kommune, measured: { register: poisson } }
    outcome_payers: { kommune: 1 }
    return_cap: 0.05
    hurdle_rate: 0.06
    guarantee: { guarantor: garant, amount: 75000, source: Vejle Kommune }
    last_year: 2028
"#;

/// Common English words that are no Danish words.
const ENGLISH: &[&str] = &[
    "the",
    "of",
    "and",
    "by",
    "with",
    "not",
    "none",
    "from",
    "is",
    "each",
    "every",
    "what",
    "does",
    "who",
    "trial",
    "trials",
    "cost",
    "costs",
    "payer",
    "payers",
    "payer's",
    "year",
    "years",
    "undefined",
    "below",
    "above",
    "mean",
    "municipality",
    "municipalities",
    "base",
    "case",
    "loss",
    "worse",
    "accepts",
    "limits",
    "grid",
    "value",
    "values",
    "rerun",
    "reproduce",
    "input",
    "inputs",
    "sampling",
    "percentile",
    "switching",
    "sign",
    "share",
    "variance",
    "scenario",
    "scenarios",
    "comparison",
    "difference",
    "differences",
    "beats",
    "paired",
    "contract",
    "contracts",
    "invested",
    "received",
    "binds",
    "trigger",
    "delta",
    "horizon",
    "benefits",
    "discounted",
    "discount",
    "net",
    "cumulative",
    "never",
    "break-even",
    "gross",
    "participants",
    "completers",
    "volunteers",
    "trained",
    "activity",
    "intervention",
    "assumptions",
    "source",
    "prices",
    "units",
    "unit",
    "probability",
    "present",
    "society's",
    "sure",
    "drives",
    "distribution",
    "gain",
    "saves",
    "pays",
    "back",
];

/// The English words in `text`, with the line each is in. Command-line options (`--seed`)
/// are not the engine's words.
fn english(text: &str) -> Vec<(String, String)> {
    let word = |c: char| c.is_alphabetic() || "_.-'[]".contains(c);
    let mut found = Vec::new();
    for line in text.lines() {
        for token in line
            .split(|c: char| !word(c))
            .filter(|t| !t.starts_with("--"))
        {
            let token = token.trim_matches(|c| ".-'".contains(c)).to_lowercase();
            if ENGLISH.contains(&token.as_str()) {
                found.push((token, line.trim().to_owned()));
            }
        }
    }
    found
}

/// `html` without what lies between `open` and `close`.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        rest = rest[i..]
            .find(close)
            .map_or("", |j| &rest[i + j + close.len()..]);
    }
    out.push_str(rest);
    out
}

/// The text of an HTML page, without its style and charts, a line for each element.
fn page_text(html: &str) -> String {
    let html = without(&without(html, "<style>", "</style>"), "<svg", "</svg>");
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push('\n');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Every table command's output and the report page, in `lang`.
fn outputs(lang: &str) -> Vec<(String, String)> {
    let files = common::Files::new(&[("s.yaml", SCENARIO), ("k.yaml", CONTRACT)]);
    // Run in the files' folder: a temporary folder's random name could spell a word.
    let (s, k) = ("s.yaml", "k.yaml");
    let trials = ["--trials", "300", "--lang", lang];
    let deal = ["--vary", "price[trivsel]=20000,40000"];
    let limits = ["--max-loss-prob", "0.2", "--max-payer-worse-prob", "0.5"];

    let commands: Vec<Vec<&str>> = vec![
        vec!["run", "--full", "--ledger", "--municipal-break-even", k],
        vec!["run", "--full", "--sampling", "latin-hypercube", s],
        vec![
            "run",
            "--set",
            "course.completion_rate=0.5",
            "--perspective",
            "kommune",
            s,
        ],
        vec!["compare", s, k],
        vec!["sensitivity", k],
        vec![
            "batch",
            "--format",
            "table",
            "--sweep",
            "discounting.rate=0.03,0.04",
            s,
            k,
        ],
        [
            &["deal", "--vary", "return_cap=0.035", "--irr", "--solve"],
            &deal[..],
            &limits,
            &[k],
        ]
        .concat(),
        [&["deal"], &deal[..], &[k]].concat(),
        [
            &["report", "-o", "rapport.html"],
            &deal[..],
            &limits,
            &[s, k],
        ]
        .concat(),
    ];
    let mut out = Vec::new();
    for args in commands {
        let text = common::stdout_in(files.dir.path(), &[&args[..], &trials].concat());
        // The report writes its page to the file, nothing to standard output.
        if args[0] != "report" {
            out.push((args[0].to_owned(), text));
        }
    }
    let html = std::fs::read_to_string(files.path("rapport.html")).unwrap();
    out.push(("report page".to_owned(), page_text(&html)));
    out
}

#[test]
fn the_danish_tables_and_page_use_no_english_words() {
    for (command, text) in outputs("da") {
        let found = english(&text);
        assert!(found.is_empty(), "{command}: English words {found:#?}");
    }
    // The same outputs in English are full of them: the check sees what it looks for.
    for (command, text) in outputs("en") {
        assert!(english(&text).len() > 3, "{command}: {text}");
    }
}

/// Words of the shipped files' English texts that a Danish text may also hold: proper names
/// (of trials, journals, organisations, places), units and the format's and Danish words
/// spelt alike.
const ALLOWED: &[&str] = &[
    // Danish as English writes it (registerdata, et register).
    "register",
    "peer",
    "peer-partnerskabet",
    "peer-partnerskabets",
    "peer-forsøget",
    "peer-forsøgets",
    "qpr-15",
    "velux",
    "fond",
    "fonden",
    "fondens",
    "dsi",
    "sind",
    "trials",
    "bmc",
    "psychiatry",
    "lancet",
    "biol",
    "core",
    "core-forsøget",
    "kraemer",
    "kupfer",
    "lloyd-evans",
    "johnson",
    "poulsen",
    "vejen",
    "til",
    "hverdagslivet",
    "københavn",
    "rødovre",
    "fredericia",
    "kolding",
    "vejle",
    "ishøj",
    "aalborg",
    "langeland",
    "odder",
    "silkeborg",
    "danmarks",
    "statistik",
    "folk1a",
    "søm",
    "social-",
    "boligstyrelsen",
    "serviceloven",
    "doi",
    "model",
    "recovery",
    "personal",
    "intensive",
    "decentral",
    "national",
    "optimistic",
    "variant",
    "illustrative",
    "kommune",
    "kommunes",
    "region",
    "stat",
    "for",
    "med",
    "over",
    "i",
    "og",
    "af",
    "en",
    "socialpædagogisk",
    "støtte",
    "rct",
    "rcts",
    "n",
    "et",
    "al",
    "cohen's",
    "d",
    "ci",
    "or",
    "overhead",
    "time",
    "mio",
    "social",
    "manual",
    "betalingsmodel",
    "illustration",
];

/// Names the files write that are keys, printed as keys (in a `--vary` hint or error, say),
/// and so stay as written in Danish. None of the walked outputs prints one: a rate-card
/// target's name is shown in its Danish form (`da:`), its key only in JSON and on the command
/// line.
const KEYS: &[&str] = &[];

/// The words of the shipped scenario, contract and assumption files' English names, units and
/// sources (less [`ALLOWED`]): none may be left in a Danish output.
fn shipped_english() -> std::collections::BTreeSet<String> {
    let root = common::root();
    let mut files: Vec<std::path::PathBuf> = ["assumptions", "scenarios", "contracts"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut words = std::collections::BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        // Inside a `da:` block: the lines indented deeper than it.
        let mut in_da: Option<usize> = None;
        for line in text.lines() {
            let indent = line.len() - line.trim_start().len();
            let t = line.trim_start().trim_start_matches("- ");
            let t_indent = line.len() - t.len();
            if t.starts_with("da:") {
                in_da = (!t.contains('}')).then_some(t_indent);
                continue;
            }
            if in_da.is_some_and(|d| indent > d || line.trim().is_empty()) {
                continue;
            }
            in_da = None;
            let Some(value) = ["name:", "unit:", "source:"]
                .iter()
                .find_map(|k| t.strip_prefix(k))
            else {
                continue;
            };
            for w in value.split(|c: char| !(c.is_alphanumeric() || "-'".contains(c))) {
                let w = w.trim_matches(|c| "-'".contains(c)).to_lowercase();
                if w.chars().count() >= 3
                    && w.chars().any(char::is_alphabetic)
                    && !ALLOWED.contains(&w.as_str())
                {
                    words.insert(w);
                }
            }
        }
    }
    words
}

/// For every shipped scenario and the contract file: the Danish terminal (`run --full
/// --sources`, `sensitivity`, `compare` of two scenarios, `deal` with a `--vary`), the Danish
/// report page and the brief hold neither the engine's English nor a word of the files' English
/// names, units and sources: the files' Danish forms (`da:`) are shown.
#[test]
fn the_shipped_files_read_in_danish() {
    let shipped = shipped_english();
    assert!(shipped.contains("coordinator") && shipped.contains("completers"));
    let root = common::root();
    let files = [
        "scenarios/intensive.yaml",
        "scenarios/decentral.yaml",
        "scenarios/intensive-optimistic-high-risk.yaml",
        "scenarios/national-rollout.yaml",
        "contracts/intensive-dsi.yaml",
        "contracts/intensive-dsi-measured.yaml",
    ];
    let dir = tempfile::tempdir().unwrap();
    let da = ["--trials", "200", "--lang", "da"];
    let mut failures = Vec::new();
    for file in files {
        let path = root.join(file).display().to_string();
        let mut commands: Vec<Vec<String>> = vec![
            vec![
                "run".into(),
                "--full".into(),
                "--sources".into(),
                path.clone(),
            ],
            vec!["sensitivity".into(), path.clone()],
            vec![
                "compare".into(),
                root.join("scenarios/decentral.yaml").display().to_string(),
                path.clone(),
            ],
        ];
        if file.starts_with("contracts/") {
            commands.push(vec![
                "deal".into(),
                "--vary".into(),
                "return_cap=0.03,0.05".into(),
                path.clone(),
            ]);
            // The targets named by their keys: the tables show their Danish names.
            commands.push(vec![
                "deal".into(),
                "--vary".into(),
                "price[§85 support hours avoided]=500, 700".into(),
                "--vary".into(),
                "cap[recovery]=1000000".into(),
                path.clone(),
            ]);
        }
        let mut outputs: Vec<(String, String)> = Vec::new();
        for args in &commands {
            let args: Vec<&str> = args.iter().map(String::as_str).chain(da).collect();
            outputs.push((args[0].to_owned(), common::stdout_in(dir.path(), &args)));
        }
        // A contract's report with its deal map, its targets named by their keys.
        let vary: &[&str] = if file.starts_with("contracts/") {
            &[
                "--vary",
                "price[recovery]=20000, 40000",
                "--vary",
                "return_cap=0.03, 0.05",
            ]
        } else {
            &[]
        };
        for (what, extra) in [("report", vary), ("brief", &["--brief"][..])] {
            let page = dir.path().join(format!("{what}.html"));
            let page_s = page.display().to_string();
            let mut args = vec!["report", "-o", &page_s];
            args.extend(extra);
            args.push(&path);
            args.extend(da);
            common::stdout_in(dir.path(), &args);
            let html = std::fs::read_to_string(&page).unwrap();
            outputs.push((what.to_owned(), page_text(&html)));
        }
        for (command, text) in outputs {
            // Paths are the files' names, not their words; keys stay as written.
            let mut text: String = (text.lines())
                .map(|l| {
                    let kept: Vec<&str> = l.split(' ').filter(|c| !c.contains('/')).collect();
                    kept.join(" ") + "\n"
                })
                .collect();
            for key in KEYS {
                text = text.replace(key, "");
            }
            let mut found = english(&text);
            found.retain(|(w, _)| !ALLOWED.contains(&w.as_str()));
            for line in text.lines() {
                // Keys (`coordinator_cost`) and paths are the files' names, not their words.
                let chunks = (line.split_whitespace())
                    .filter(|c| !c.contains(['_', '/']) && !c.starts_with("--"));
                for w in chunks
                    .flat_map(|c| c.split(|c: char| !(c.is_alphanumeric() || "-'".contains(c))))
                {
                    let w = w.trim_matches(|c| "-'".contains(c)).to_lowercase();
                    if shipped.contains(&w) {
                        found.push((w, line.trim().to_owned()));
                    }
                }
            }
            if !found.is_empty() {
                let words: std::collections::BTreeSet<&str> =
                    found.iter().map(|(w, _)| w.as_str()).collect();
                failures.push(format!(
                    "{file}, {command}: {words:?}, e.g. {:?}",
                    found[0].1
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // In English the same table is full of the files' words: the check sees what it looks for.
    let path = root.join(files[0]).display().to_string();
    let en = common::stdout_in(
        dir.path(),
        &["run", "--sources", "--trials", "0", "--lang", "en", &path],
    );
    let words = en
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase);
    assert!(words.filter(|w| shipped.contains(w)).count() > 20, "{en}");
}

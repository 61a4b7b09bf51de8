//! The README and the user guide show real output. This test runs the commands they show and
//! compares: when the engine's numbers change, the documents must change with them.
//! `SOMSIM_BLESS=1 cargo test --test suite -- readme::` rewrites the blocks from the current binary, in
//! whichever document holds them (review the difference before committing).
//!
//! It also follows every relative link in the README and `docs/`: to a file that exists, and,
//! for a link with `#anchor` into a Markdown file, to a heading that exists there.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common;

/// The documents whose output blocks are checked, relative to the repository root.
const DOCUMENTS: [&str; 2] = ["README.md", "docs/guide.md"];

/// (the sentence that introduces a block, the command's arguments)
const BLOCKS: [(&str, &[&str]); 14] = [
    (
        "This is real output of `somsim portfolio portfolios/dsi-fund.yaml`",
        &["portfolio", "portfolios/dsi-fund.yaml"],
    ),
    (
        "This is real output of `somsim run contracts/intensive-dsi-gated.yaml --perspective kommune`",
        &[
            "run",
            "contracts/intensive-dsi-gated.yaml",
            "--perspective",
            "kommune",
        ],
    ),
    (
        "This is real output of `somsim run contracts/intensive-dsi-stack.yaml --perspective kommune`",
        &[
            "run",
            "contracts/intensive-dsi-stack.yaml",
            "--perspective",
            "kommune",
        ],
    ),
    (
        "This is real output of `somsim settle contracts/intensive-dsi.yaml --actuals contracts/actuals/intensive-dsi-2026.csv`",
        &[
            "settle",
            "contracts/intensive-dsi.yaml",
            "--actuals",
            "contracts/actuals/intensive-dsi-2026.csv",
        ],
    ),
    (
        "This is real output of `somsim run contracts/intensive-dsi-measured.yaml --perspective kommune`",
        &[
            "run",
            "contracts/intensive-dsi-measured.yaml",
            "--perspective",
            "kommune",
        ],
    ),
    (
        "With `--solve` the grid also solves for the price; this is real output of `somsim deal contracts/intensive-dsi.yaml --vary 'price[recovery]=20000:50000:10000' --vary guarantee=0,750000 --max-loss-prob 0.2 --max-payer-worse-prob 0.5 --solve`",
        &[
            "deal",
            "contracts/intensive-dsi.yaml",
            "--vary",
            "price[recovery]=20000:50000:10000",
            "--vary",
            "guarantee=0,750000",
            "--max-loss-prob",
            "0.2",
            "--max-payer-worse-prob",
            "0.5",
            "--solve",
        ],
    ),
    (
        "This is real output of `somsim run docs/vejle-budget.yaml --trials 0 --perspective kommune`",
        &[
            "run",
            "docs/vejle-budget.yaml",
            "--trials",
            "0",
            "--perspective",
            "kommune",
        ],
    ),
    (
        "This is real output of `somsim new --kommune Vejle --start-year 2027 -o -`",
        &[
            "new",
            "--kommune",
            "Vejle",
            "--start-year",
            "2027",
            "-o",
            "-",
        ],
    ),
    (
        "This is real output of `somsim deal contracts/intensive-dsi.yaml",
        &[
            "deal",
            "contracts/intensive-dsi.yaml",
            "--vary",
            "price[recovery]=20000:50000:10000",
            "--vary",
            "return_cap=0.03,0.05",
            "--vary",
            "guarantee=0,750000",
            "--max-loss-prob",
            "0.2",
            "--max-payer-worse-prob",
            "0.5",
        ],
    ),
    (
        "This is real output of `somsim run contracts/intensive-dsi.yaml`",
        &["run", "contracts/intensive-dsi.yaml"],
    ),
    (
        "This is real output of `somsim run scenarios/intensive.yaml`",
        &["run", "scenarios/intensive.yaml"],
    ),
    (
        "`somsim compare scenarios/intensive.yaml scenarios/decentral.yaml --perspective public --perspective kommune`",
        &[
            "compare",
            "scenarios/intensive.yaml",
            "scenarios/decentral.yaml",
            "--perspective",
            "public",
            "--perspective",
            "kommune",
        ],
    ),
    (
        "`somsim sensitivity scenarios/intensive.yaml --perspective region` shows what it is worth",
        &[
            "sensitivity",
            "scenarios/intensive.yaml",
            "--perspective",
            "region",
        ],
    ),
    (
        "`somsim sensitivity scenarios/intensive.yaml --perspective public` answers",
        &[
            "sensitivity",
            "scenarios/intensive.yaml",
            "--perspective",
            "public",
        ],
    ),
];

/// The byte range of the first ```text block after `intro`, if `text` holds the intro.
fn block(text: &str, intro: &str) -> Option<std::ops::Range<usize>> {
    let at = text.find(intro)?;
    let start = at + text[at..].find("```text\n").expect("a text block") + "```text\n".len();
    let end = start + text[start..].find("```").expect("the block's end");
    Some(start..end)
}

#[test]
fn the_documents_show_what_the_commands_print() {
    let bless = std::env::var_os("SOMSIM_BLESS").is_some();
    let mut documents: Vec<(PathBuf, String)> = DOCUMENTS
        .iter()
        .map(|name| {
            let path = common::root().join(name);
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect();
    let mut problems = Vec::new();
    for (intro, args) in BLOCKS {
        let mut found = false;
        let mut printed = None;
        for (path, text) in &mut documents {
            let Some(range) = block(text, intro) else {
                continue;
            };
            found = true;
            let printed = printed.get_or_insert_with(|| common::stdout_in(common::root(), args));
            if bless {
                text.replace_range(range, printed);
            } else if &text[range] != printed.as_str() {
                problems.push(format!(
                    "{}: the block after \"{intro}\" differs from `somsim {}`",
                    path.strip_prefix(common::root()).unwrap().display(),
                    args.join(" ")
                ));
            }
        }
        if !found {
            problems.push(format!(
                "neither {} holds the block introduced by \"{intro}\"",
                DOCUMENTS.join(" nor ")
            ));
        }
    }
    if bless {
        for (path, text) in &documents {
            std::fs::write(path, text).unwrap();
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n(a block that differs: rerun with SOMSIM_BLESS=1 and review the difference)",
        problems.join("\n")
    );
}

/// The README and every Markdown file in `docs/`.
fn markdown_files() -> Vec<PathBuf> {
    let root = common::root();
    let mut files = vec![root.join("README.md"), root.join("CHANGELOG.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The lines of a Markdown text outside fenced code blocks.
fn prose(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut fenced = false;
    text.lines().enumerate().filter_map(move |(i, line)| {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            return None;
        }
        (!fenced).then_some((i + 1, line))
    })
}

/// A line without its inline code spans (`...`), where a `](` is no link.
fn without_code(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join("")
}

/// The anchor GitHub gives a heading: lower case, letters, digits, `-` and `_` kept, spaces
/// made `-`, everything else dropped; a repeated heading gets `-1`, `-2`, ...
fn slug(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown file's headings.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for (_, line) in prose(text) {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if !(1..=6).contains(&hashes) || !line[hashes..].starts_with(' ') {
            continue;
        }
        let base = slug(line[hashes..].trim());
        let mut anchor = base.clone();
        let mut n = 0;
        while seen.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        seen.insert(anchor);
    }
    seen
}

/// The targets of a line's inline links and images: `[text](target)`, `![alt](target)`.
fn link_targets(line: &str) -> Vec<String> {
    let line = without_code(line);
    let mut targets = Vec::new();
    let mut rest = line.as_str();
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else { break };
        targets.push(after[..end].to_string());
        rest = &after[end..];
    }
    targets
}

#[test]
fn every_relative_link_in_the_documents_leads_somewhere() {
    let root = common::root();
    let mut broken = Vec::new();
    let mut followed = 0;
    for file in markdown_files() {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let name = file.strip_prefix(root).unwrap().display().to_string();
        for (number, line) in prose(&text) {
            for target in link_targets(line) {
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                followed += 1;
                let (path, anchor) = match target.split_once('#') {
                    Some((path, anchor)) => (path, Some(anchor)),
                    None => (target.as_str(), None),
                };
                let linked: PathBuf = if path.is_empty() {
                    file.clone()
                } else {
                    file.parent().unwrap().join(path)
                };
                if !linked.exists() {
                    broken.push(format!("{name}:{number}: {target}: no file {path}"));
                    continue;
                }
                let Some(anchor) = anchor else { continue };
                if linked.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let linked_text = std::fs::read_to_string(&linked).unwrap();
                if !anchors(&linked_text).contains(anchor) {
                    broken.push(format!(
                        "{name}:{number}: {target}: no heading #{anchor} in {}",
                        relative(root, &linked)
                    ));
                }
            }
        }
    }
    assert!(
        followed > 20,
        "only {followed} links found: is the scan broken?"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

fn relative(root: &Path, path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.strip_prefix(&root)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.display().to_string())
}

#[test]
fn anchors_are_made_as_github_makes_them() {
    assert_eq!(
        slug("Comparing scenarios, and what drives the result"),
        "comparing-scenarios-and-what-drives-the-result"
    );
    assert_eq!(
        slug("Excel workbook (`--format xlsx -o FILE.xlsx`)"),
        "excel-workbook---format-xlsx--o-filexlsx"
    );
    assert_eq!(
        slug("`contracts[]`: social investment (betalingsmodel)"),
        "contracts-social-investment-betalingsmodel"
    );
    assert_eq!(slug("Ændringer på én side"), "ændringer-på-én-side");
    let twice = anchors("# A\n\n## Notes\n\n```sh\n# not a heading\n```\n\n## Notes\n");
    assert_eq!(
        twice.into_iter().collect::<Vec<_>>(),
        ["a", "notes", "notes-1"]
    );
    assert_eq!(
        link_targets("see [`a.md`](a.md#x), ![p](img/p.png) and `[not](this)`"),
        ["a.md#x", "img/p.png"]
    );
}

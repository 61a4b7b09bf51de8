//! The README shows real output. This test runs the commands it shows and compares: when the
//! engine's numbers change, the README must change with them. `SOMSIM_BLESS=1 cargo test --test
//! readme` rewrites the blocks from the current binary (review the difference before committing).

mod common;

/// (the sentence that introduces a block, the command's arguments)
const BLOCKS: [(&str, &[&str]); 5] = [
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
        "`somsim sensitivity scenarios/intensive.yaml --perspective public` answers",
        &[
            "sensitivity",
            "scenarios/intensive.yaml",
            "--perspective",
            "public",
        ],
    ),
];

/// The byte range of the first ```text block after `intro`.
fn block(readme: &str, intro: &str) -> std::ops::Range<usize> {
    let at = readme
        .find(intro)
        .unwrap_or_else(|| panic!("README lacks: {intro}"));
    let start = at + readme[at..].find("```text\n").expect("a text block") + "```text\n".len();
    let end = start + readme[start..].find("```").expect("the block's end");
    start..end
}

#[test]
fn the_readme_shows_what_the_commands_print() {
    let path = common::root().join("README.md");
    let mut readme = std::fs::read_to_string(&path).unwrap();
    for (intro, args) in BLOCKS {
        let printed = common::stdout_in(common::root(), args);
        let range = block(&readme, intro);
        if std::env::var_os("SOMSIM_BLESS").is_some() {
            readme.replace_range(range, &printed);
        } else {
            assert_eq!(
                &readme[range],
                printed,
                "README block after \"{intro}\" differs from `somsim {}`; rerun with SOMSIM_BLESS=1",
                args.join(" ")
            );
        }
    }
    if std::env::var_os("SOMSIM_BLESS").is_some() {
        std::fs::write(&path, readme).unwrap();
    }
}

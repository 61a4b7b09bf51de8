//! The workbook in Danish under `--lang da`: its sheets, headers, labels and notes from the
//! Danish vocabulary, the perspectives by their Danish names, and the same numbers as in
//! English (recalculated in IronCalc).

use std::collections::HashSet;

use crate::common;

use ironcalc::base::{Model, cell::CellValue};

fn workbook(file: &str, lang: &str, dir: &common::Files) -> Model<'static> {
    let out = dir.path(&format!("{lang}.xlsx"));
    common::succeed(
        common::somsim()
            .args([
                "run", "--trials", "200", "--lang", lang, "--format", "xlsx", "-o",
            ])
            .arg(&out)
            .arg(common::root().join(file)),
    );
    let mut m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    m.evaluate();
    m
}

/// Every string in the JSON, keys and values: the names the user wrote.
fn strings(v: &serde_json::Value, out: &mut HashSet<String>) {
    match v {
        serde_json::Value::String(s) => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                out.insert(k.clone());
                strings(x, out);
            }
        }
        _ => {}
    }
}

/// Words Danish writes as English does.
const SAME: &[&str] = &["Median", "Investor", "Budget", "Monte Carlo"];

/// Names the shipped files give in English and in Danish (`da:`): a cost line, an outcome, a
/// rate-card item (the contract file's), and a cost line's driver (the scenario's key).
const NAMED: &[(&str, &str)] = &[
    ("volunteer training", "uddannelse af frivillige"),
    ("course running costs", "drift af forløb"),
    ("psychiatric bed-days", "sengedage i psykiatrien"),
    ("per_volunteer_trained", "pr. uddannet frivillig"),
];
const NAMED_CONTRACT: &[(&str, &str)] =
    &[("§85 support hours avoided", "sparede timer med §85-støtte")];

/// Every text cell of `m`.
fn texts(m: &Model) -> Vec<String> {
    (m.get_all_cells().into_iter())
        .filter_map(
            |c| match m.get_cell_value_by_index(c.index, c.row, c.column) {
                Ok(CellValue::String(s)) => Some(s),
                _ => None,
            },
        )
        .collect()
}

#[test]
fn the_danish_workbook_names_lines_outcomes_and_terms_as_the_files_do_in_danish() {
    for (file, named) in [
        ("scenarios/intensive.yaml", NAMED),
        ("contracts/intensive-dsi.yaml", NAMED_CONTRACT),
    ] {
        let dir = common::Files::new(&[]);
        let (en, da) = (
            texts(&workbook(file, "en", &dir)),
            texts(&workbook(file, "da", &dir)),
        );
        for (english, danish) in named {
            assert!(
                en.iter().any(|t| t.contains(english)),
                "{file}: {english} in English"
            );
            assert!(
                !da.iter().any(|t| t.contains(english)),
                "{file}: the English {english} in the Danish workbook"
            );
            assert!(
                da.iter().any(|t| t.contains(danish)),
                "{file}: {danish} in Danish"
            );
        }
    }
}

#[test]
fn the_workbook_is_danish_under_lang_da() {
    for file in ["scenarios/intensive.yaml", "contracts/intensive-dsi.yaml"] {
        let dir = common::Files::new(&[]);
        let (en, da) = (workbook(file, "en", &dir), workbook(file, "da", &dir));
        let names = da.workbook.get_worksheet_names();
        for sheet in [
            "Perspektiver",
            "Budget",
            "Regnskab",
            "Aktivitet",
            "Udgifter",
            "Gevinster",
            "Samfundsøkonomi",
            "Diskontering",
            "Antagelser",
            "Omkostningseffektivitet",
        ] {
            assert!(
                names.contains(&sheet.to_owned()),
                "{file}: no sheet {sheet}: {names:?}"
            );
        }
        assert_eq!(en.workbook.get_worksheet_names()[0], "About this workbook");
        assert_eq!(names[0], "Om projektmappen");
        let per = names.iter().position(|n| n == "Perspektiver").unwrap() as u32;
        // The perspectives by their Danish names, in the summary.
        let summary: Vec<String> = (5..12)
            .map(|r| match da.get_cell_value_by_index(per, r, 1).unwrap() {
                CellValue::String(s) => s,
                _ => String::new(),
            })
            .collect();
        for p in ["kommune", "offentlig", "alle", "samfund"] {
            assert!(
                summary.contains(&p.to_owned()),
                "{file}: {p} in {summary:?}"
            );
        }
        // The same numbers; no text the same in both languages but the names the user wrote.
        let json = common::run_json(&["--trials", "200"], &common::root().join(file));
        let mut theirs = HashSet::new();
        strings(&json, &mut theirs);
        let mut english = Vec::new();
        for c in en.get_all_cells() {
            let (s, r, col) = (c.index, c.row, c.column);
            let (a, b) = (
                en.get_cell_value_by_index(s, r, col).unwrap(),
                da.get_cell_value_by_index(s, r, col).unwrap(),
            );
            match (&a, &b) {
                (CellValue::Number(x), CellValue::Number(y)) => {
                    assert!(
                        (x - y).abs() <= 1e-9 * (1.0 + x.abs()),
                        "{file}: {s} {r} {col}"
                    )
                }
                (CellValue::String(x), CellValue::String(y)) if x == y => {
                    let words = x.chars().filter(|c| c.is_alphabetic()).count() > 3;
                    // Lists of names, and a name with its unit.
                    // The program's name with its version.
                    let named = |t: &str| {
                        theirs.contains(t)
                            || SAME.contains(&t)
                            || t.parse::<f64>().is_ok()
                            || t == format!("somsim {}", env!("CARGO_PKG_VERSION"))
                    };
                    let parts = x.split(", ").all(|p| {
                        named(p)
                            || p.rsplit_once(' ')
                                .is_some_and(|(n, v)| named(n) && named(v))
                            || p.rsplit_once(" (")
                                .is_some_and(|(n, u)| named(n) && named(u.trim_end_matches(')')))
                    });
                    if words && !theirs.contains(x) && !parts {
                        english.push(format!("sheet {s} row {r} column {col}: {x}"));
                    }
                }
                _ => {}
            }
        }
        assert!(
            english.is_empty(),
            "{file}: English left in Danish:\n{}",
            english.join("\n")
        );
    }
}

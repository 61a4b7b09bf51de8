//! The workbook as a person uses it: a first sheet that says what it is and lists every sheet
//! and perspective; the cells to change marked with the input style, in their unit's number
//! format; helper columns hidden; every sheet printing landscape, a page wide, with its name
//! in the header, page numbers in the footer and the table's header row repeated. Read back
//! with IronCalc and from the file's XML.

use std::collections::HashMap;
use std::io::Read;

use crate::common;

use ironcalc::base::{Model, cell::CellValue};

/// The run's workbook of `file` in `lang`: its path.
fn write(file: &str, lang: &str, dir: &common::Files) -> std::path::PathBuf {
    let out = dir.path(&format!("{lang}.xlsx"));
    common::succeed(
        common::somsim()
            .args([
                "run", "--trials", "100", "--lang", lang, "--format", "xlsx", "-o",
            ])
            .arg(&out)
            .arg(common::root().join(file)),
    );
    out
}

fn load(path: &std::path::Path) -> Model<'static> {
    ironcalc::import::load_from_xlsx(path.to_str().unwrap(), "en", "UTC", "en").unwrap()
}

/// Every text of sheet `s`.
fn texts(m: &Model, s: u32) -> Vec<String> {
    (m.get_all_cells().into_iter())
        .filter(|c| c.index == s)
        .filter_map(|c| match m.get_cell_value_by_index(s, c.row, c.column) {
            Ok(CellValue::String(t)) => Some(t),
            _ => None,
        })
        .collect()
}

/// The file's XML parts by name.
fn parts(path: &std::path::Path) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut text = String::new();
        if f.read_to_string(&mut text).is_ok() {
            out.insert(name, text);
        }
    }
    out
}

/// The value of attribute `name` in the XML element `element` (`<c r="B5" s="7">`).
fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = element.find(&key)? + key.len();
    Some(&element[start..start + element[start..].find('"')?])
}

/// The elements `<tag ...>` of `xml`, each as its text up to `>`.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find('>').unwrap();
        out.push(&rest[i..i + end + 1]);
        rest = &rest[i + end + 1..];
    }
    out
}

/// The cell styles: per style index, its fill colour and number format.
fn styles(parts: &HashMap<String, String>) -> Vec<(Option<String>, String)> {
    let xml = &parts["xl/styles.xml"];
    let formats: HashMap<String, String> = (elements(xml, "numFmt").into_iter())
        .map(|e| {
            let code = attr(e, "formatCode").unwrap().replace("&quot;", "\"");
            (attr(e, "numFmtId").unwrap().to_owned(), code)
        })
        .collect();
    let fills_xml = &xml[xml.find("<fills").unwrap()..xml.find("</fills>").unwrap()];
    let fills: Vec<Option<String>> = (fills_xml.split("<fill>").skip(1))
        .map(|f| {
            elements(f, "fgColor")
                .first()
                .and_then(|e| attr(e, "rgb"))
                .map(str::to_owned)
        })
        .collect();
    let xfs = &xml[xml.find("<cellXfs").unwrap()..xml.find("</cellXfs>").unwrap()];
    (elements(xfs, "xf").into_iter())
        .map(|e| {
            let fill = fills[attr(e, "fillId").unwrap_or("0").parse::<usize>().unwrap()].clone();
            let id = attr(e, "numFmtId").unwrap_or("0");
            let format = formats.get(id).cloned().unwrap_or_else(|| id.to_owned());
            (fill, format)
        })
        .collect()
}

/// The style index of each cell of a sheet's XML, by its reference (`B5`).
fn cell_styles(sheet: &str) -> HashMap<String, usize> {
    (elements(sheet, "c").into_iter())
        .map(|e| {
            let s = attr(e, "s").map_or(0, |s| s.parse().unwrap());
            (attr(e, "r").unwrap().to_owned(), s)
        })
        .collect()
}

/// The input cells' fill (pale yellow).
const INPUT_FILL: &str = "FFFFF2CC";

#[test]
fn the_first_sheet_says_what_the_workbook_is_and_lists_every_sheet_and_perspective() {
    for (file, lang, title, perspectives) in [
        (
            "scenarios/intensive.yaml",
            "en",
            "About this workbook",
            &["kommune", "public", "all", "fund", "society"][..],
        ),
        (
            "contracts/intensive-dsi.yaml",
            "da",
            "Om projektmappen",
            &["kommune", "offentlig", "alle", "fond", "samfund"][..],
        ),
    ] {
        let dir = common::Files::new(&[]);
        let m = load(&write(file, lang, &dir));
        let names = m.workbook.get_worksheet_names();
        assert_eq!(names[0], title, "{file}");
        let about = texts(&m, 0);
        for name in &names[1..] {
            assert!(
                about.contains(name),
                "{file}: sheet {name} not on the first sheet"
            );
        }
        for p in perspectives {
            assert!(about.contains(&p.to_string()), "{file}: perspective {p}");
        }
        assert!(about.iter().any(|t| t.ends_with(file)), "{file}: the file");
        // Where to change an input: the Inputs sheet's value column, row by row.
        let json = common::run_json(&["--trials", "0"], &common::root().join(file));
        let n = json["inputs"].as_array().unwrap().len();
        assert!(
            about.contains(&format!("B5:B{}", 4 + n)),
            "{file}: {about:?}"
        );
        // The Monte Carlo results do not recalculate, and how to get them again.
        assert!(
            about
                .iter()
                .any(|t| t.contains("somsim run") && t.contains("--set"))
        );
    }
}

#[test]
fn input_cells_carry_the_input_style_in_their_units_format() {
    let dir = common::Files::new(&[]);
    let path = write("scenarios/intensive.yaml", "en", &dir);
    let m = load(&path);
    let xml = parts(&path);
    let styles = styles(&xml);
    let names = m.workbook.get_worksheet_names();
    let sheet_xml = |name: &str| {
        let i = names.iter().position(|n| n == name).unwrap();
        cell_styles(&xml[&format!("xl/worksheets/sheet{}.xml", i + 1)])
    };
    let inputs = names.iter().position(|n| n == "Inputs").unwrap() as u32;
    let cells = sheet_xml("Inputs");
    let json = common::run_json(
        &["--trials", "0"],
        &common::root().join("scenarios/intensive.yaml"),
    );
    let mut marked = 0;
    for (i, input) in json["inputs"].as_array().unwrap().iter().enumerate() {
        let name = input["name"].as_str().unwrap();
        let (fill, format) = &styles[cells[&format!("B{}", 5 + i)]];
        assert_eq!(fill.as_deref(), Some(INPUT_FILL), "{name}");
        marked += 1;
        // Its unit's number format: kroner whole, shares as percentages, never General.
        let unit = input["unit"].as_str().unwrap_or("");
        if unit.starts_with("DKK") {
            assert!(format.starts_with("#,##0"), "{name}: {format}");
        } else if unit.starts_with("share") || unit.starts_with("relative") {
            assert!(format.ends_with('%'), "{name}: {format}");
        } else {
            assert!(format.contains("0.0"), "{name}: {format}");
        }
        // The unit beside the value.
        let got = match m.get_cell_value_by_index(inputs, 5 + i as i32, 3).unwrap() {
            CellValue::String(s) => s,
            _ => String::new(),
        };
        assert_eq!(got, unit, "{name}");
    }
    assert!(marked > 10);
    // Nothing else on the Inputs sheet is marked as an input.
    let others = (cells.iter())
        .filter(|(_, s)| styles[**s].0.as_deref() == Some(INPUT_FILL))
        .count();
    assert_eq!(others, marked);
    // The Society sheet's fixed factors and the discount rates after the first year.
    let society = sheet_xml("Society");
    let marked_society = (society.values())
        .filter(|s| styles[**s].0.as_deref() == Some(INPUT_FILL))
        .count();
    assert_eq!(marked_society, 2);
    let discounting = sheet_xml("Discounting");
    let horizon = json["horizon"].as_u64().unwrap() as usize;
    for t in 1..horizon {
        let (fill, format) = &styles[discounting[&format!("B{}", 5 + t)]];
        assert_eq!(fill.as_deref(), Some(INPUT_FILL), "rate {t}");
        assert!(format.ends_with('%'));
    }
}

#[test]
fn every_sheet_prints_landscape_a_page_wide_with_its_name_and_page_numbers() {
    for (lang, footer, inputs) in [
        ("en", "Page &amp;P of &amp;N", "Inputs"),
        ("da", "Side &amp;P af &amp;N", "Antagelser"),
    ] {
        let dir = common::Files::new(&[]);
        let path = write("contracts/intensive-dsi.yaml", lang, &dir);
        let m = load(&path);
        let xml = parts(&path);
        let names = m.workbook.get_worksheet_names();
        for (i, name) in names.iter().enumerate() {
            let sheet = &xml[&format!("xl/worksheets/sheet{}.xml", i + 1)];
            let setup = elements(sheet, "pageSetup")[0];
            assert_eq!(attr(setup, "orientation"), Some("landscape"), "{name}");
            assert!(
                sheet.contains("<oddHeader>&amp;C&amp;A</oddHeader>"),
                "{name}"
            );
            assert!(
                sheet.contains(&format!("<oddFooter>&amp;C{footer}</oddFooter>")),
                "{name}"
            );
            // A page wide, as many pages long as it takes; the wide Ledger at a fixed
            // readable scale instead.
            let fit = sheet.contains("fitToPage=\"1\"");
            assert!(
                fit && attr(setup, "fitToHeight") == Some("0") || attr(setup, "scale").is_some(),
                "{name}"
            );
        }
        // The long tables repeat their header row on every page.
        let titles = &xml["xl/workbook.xml"];
        let ledger = names[3].clone();
        for sheet in [ledger.as_str(), inputs] {
            assert!(
                titles.contains(&format!("{sheet}!$4:$4"))
                    || titles.contains(&format!("'{sheet}'!$4:$4")),
                "{sheet}: no print titles in {titles}"
            );
        }
        // The Ledger's row keys hidden, grouped; the Monte Carlo sheet a page per chart.
        let ledger_xml = &xml["xl/worksheets/sheet4.xml"];
        let hidden = (elements(ledger_xml, "col").into_iter())
            .filter(|c| attr(c, "hidden") == Some("1"))
            .count();
        assert_eq!(hidden, 2, "{ledger}");
        let mc = names.iter().position(|n| n == "Monte Carlo").unwrap();
        let mc_xml = &xml[&format!("xl/worksheets/sheet{}.xml", mc + 1)];
        let json = common::run_json(
            &["--trials", "100"],
            &common::root().join("contracts/intensive-dsi.yaml"),
        );
        let perspectives = json["monte_carlo"]["perspectives"]
            .as_object()
            .unwrap()
            .len();
        assert_eq!(elements(mc_xml, "brk").len(), perspectives + 1);
    }
}

/// The workbook of a command other than `run` (its results as values): the command's
/// arguments before the output, in `lang`; its path.
fn write_results(command: &[&str], file: &str, lang: &str, dir: &common::Files) -> Model<'static> {
    let out = dir.path(&format!("{}-{lang}.xlsx", command[0]));
    common::succeed(
        common::somsim()
            .args(command)
            .args(["--trials", "100", "--lang", lang, "--format", "xlsx", "-o"])
            .arg(&out)
            .arg(common::root().join(file))
            .args(
                (command[0] == "compare").then(|| common::root().join("scenarios/decentral.yaml")),
            ),
    );
    load(&out)
}

#[test]
fn a_workbook_of_results_opens_with_a_first_sheet_that_says_what_it_holds() {
    let deal = ["deal", "--vary", "price[recovery]=20000,30000"];

    for (command, file, lang, title, perspectives) in [
        (
            &["compare"][..],
            "scenarios/intensive.yaml",
            "da",
            "Om projektmappen",
            &["kommune", "offentlig", "samfund"][..],
        ),
        (
            &["sensitivity"][..],
            "scenarios/intensive.yaml",
            "en",
            "About this workbook",
            &["kommune", "public", "society"][..],
        ),
        (
            &["batch"][..],
            "scenarios/intensive.yaml",
            "en",
            "About this workbook",
            &[][..],
        ),
        (
            &deal[..],
            "contracts/intensive-dsi.yaml",
            "da",
            "Om projektmappen",
            &[][..],
        ),
    ] {
        let dir = common::Files::new(&[]);
        let m = write_results(command, file, lang, &dir);
        let names = m.workbook.get_worksheet_names();
        assert_eq!(names[0], title, "{command:?}");
        assert!(names.len() > 1, "{command:?}: {names:?}");
        let about = texts(&m, 0);
        for name in &names[1..] {
            assert!(about.contains(name), "{command:?}: sheet {name} not listed");
        }
        for p in perspectives {
            assert!(
                about.contains(&p.to_string()),
                "{command:?}: perspective {p}"
            );
        }
        assert!(
            about.contains(&format!("somsim {}", command[0])),
            "{command:?}: {about:?}"
        );
        // Values, not formulas; how to ask "what if" instead.
        assert!(
            about
                .iter()
                .any(|t| t.contains("--set") && t.contains("somsim run")),
            "{command:?}"
        );
    }
}

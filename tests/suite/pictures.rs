//! The value-of-information pictures (issue 32, part 4) hold the numbers they say: the
//! cost-effectiveness plane's points are the paired differences of the stored trials (`run
//! --samples` of each scenario), the EVPI curve is the JSON's EVPI at the same prices, and
//! EVSI, cost and ENBS against n are the JSON's; in the workbook each is a native chart whose
//! series read the cells holding those numbers; in the report the plane draws one circle per
//! shown trial, thinned to at most 1,000, and says so.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;

use crate::common;

use ironcalc::base::{Model, cell::CellValue};

const INTENSIVE: &str = "scenarios/intensive.yaml";
const DECENTRAL: &str = "scenarios/decentral.yaml";
/// More trials than the plane shows, so that the thinning is exercised.
const TRIALS: &str = "1500";

fn sheet(m: &Model, name: &str) -> u32 {
    let names = m.workbook.get_worksheet_names();
    (names.iter().position(|n| n == name)).unwrap_or_else(|| panic!("no sheet {name}: {names:?}"))
        as u32
}

fn number(m: &Model, sheet: u32, row: i32, col: i32) -> f64 {
    match m.get_cell_value_by_index(sheet, row, col).unwrap() {
        CellValue::Number(x) => x,
        other => panic!("sheet {sheet} row {row} column {col}: {other:?}"),
    }
}

fn text(m: &Model, sheet: u32, row: i32, col: i32) -> String {
    match m.get_cell_value_by_index(sheet, row, col).unwrap() {
        CellValue::String(s) => s,
        other => format!("{other:?}"),
    }
}

/// A cell against the JSON's kroner, which are rounded to the øre.
fn ore(cell: f64, json: &serde_json::Value) -> bool {
    (cell - json.as_f64().unwrap()).abs() <= 0.005 + 1e-9 * cell.abs()
}

/// The first row (1-based) of column A whose text starts with `start`.
fn row_of(m: &Model, sheet: u32, start: &str) -> i32 {
    (1..5000)
        .find(|&r| text(m, sheet, r, 1).starts_with(start))
        .unwrap_or_else(|| panic!("no row starting {start}"))
}

/// The workbook's charts, the XML of each.
fn charts(path: &Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        if name.starts_with("xl/charts/chart") && name.ends_with(".xml") {
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            out.push(text);
        }
    }
    out
}

/// The one chart whose series read every range of `refs` (`'Sheet'!$B$5:$B$9`), of `kind`
/// (`scatterChart`, `lineChart`).
fn chart_reading<'a>(charts: &'a [String], kind: &str, refs: &[String]) -> &'a str {
    let found: Vec<&String> = (charts.iter())
        .filter(|c| c.contains(&format!("<c:{kind}>")))
        .filter(|c| refs.iter().all(|r| c.contains(&format!("<c:f>{r}</c:f>"))))
        .collect();
    assert_eq!(found.len(), 1, "no single {kind} chart reads {refs:?}");
    found[0]
}

/// `'Sheet'!$C$5:$C$9`: rows and column as the workbook's A1 names them (1-based rows).
fn range(sheet: &str, col: char, first: i32, last: i32) -> String {
    format!("'{sheet}'!${col}${first}:${col}${last}")
}

/// A CSV of `--samples`: the header's columns, and each trial's row.
fn samples(path: &Path) -> (HashMap<String, usize>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header = (lines.next().unwrap().split(',').enumerate())
        .map(|(i, h)| (h.to_owned(), i))
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// The compare workbook of intensive and decentral, loaded, with its path and the JSON.
fn compared(dir: &common::Files) -> (Model<'static>, std::path::PathBuf, serde_json::Value) {
    let out = dir.path("c.xlsx");
    let files = [
        common::root().join(INTENSIVE),
        common::root().join(DECENTRAL),
    ];
    let args = ["compare", "--trials", TRIALS];
    common::succeed(
        (common::somsim().args(args))
            .args(["--format", "xlsx", "-o"])
            .arg(&out)
            .args(&files),
    );
    let json = serde_json::from_str(&common::succeed(
        common::somsim()
            .args(args)
            .args(["--format", "json"])
            .args(&files),
    ))
    .unwrap();
    let m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    (m, out, json)
}

#[test]
fn the_plane_is_the_paired_differences_of_the_stored_trials_and_its_chart_reads_them() {
    let dir = common::Files::new(&[]);
    let (m, path, json) = compared(&dir);
    // Each scenario's every trial, stored (the same seed: the compare's common random numbers).
    let stored: Vec<_> = [INTENSIVE, DECENTRAL]
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let csv = dir.path(&format!("s{i}.csv"));
            common::succeed(
                (common::somsim().args(["run", "--trials", TRIALS, "--samples"]))
                    .arg(&csv)
                    .args(["--format", "json", "-o"])
                    .arg(dir.path(&format!("s{i}.json")))
                    .arg(common::root().join(f)),
            );
            samples(&csv)
        })
        .collect();
    let name = "Cost-effectiveness 2-1";
    let s = sheet(&m, name);
    let o = &json["cost_effectiveness"][0]["analysis"]["outcomes"][0];
    let outcome = o["name"].as_str().unwrap();
    // The plane is the public sector's (the report's default perspective).
    let title = row_of(
        &m,
        s,
        &format!("{outcome}: the cost-effectiveness plane, public"),
    );
    let head = title + 2;
    assert_eq!(text(&m, s, head, 1), "Trial");
    let effect = format!("effect_{outcome}");
    let (first, last) = (head + 1, head + 1000);
    for r in first..=last {
        let k = (r - first) as usize;
        let trial = number(&m, s, r, 1);
        // Thinned to 1,000 of 1,500, evenly spaced: trial ⌊k·1500/1000⌋.
        assert_eq!(trial, (k * 1500 / 1000) as f64, "row {r}");
        let t = trial as usize;
        let cell = |i: usize, col: &str| -> f64 {
            let (h, rows) = &stored[i];
            assert_eq!(rows[t][h["trial"]], t.to_string());
            rows[t][h[col]].parse().unwrap()
        };
        let de = cell(1, &effect) - cell(0, &effect);
        let dc = -(cell(1, "npv_public") - cell(0, "npv_public"));
        let (got_e, got_c) = (number(&m, s, r, 2), number(&m, s, r, 3));
        assert!(
            (got_e - de).abs() <= 1e-9 * (1.0 + de.abs()),
            "trial {t}: {got_e} {de}"
        );
        // The samples' NPVs are written to the øre.
        assert!((got_c - dc).abs() <= 0.011, "trial {t}: {got_c} {dc}");
    }
    assert_ne!(text(&m, s, last + 1, 1), "1500", "at most 1,000 trials");
    // The mean of the plane's perspective, for the record: the JSON's E[dC] is over every trial.
    let public = (o["perspectives"].as_array().unwrap().iter())
        .position(|p| p["perspective"] == "public")
        .unwrap();
    let mc = &o["perspectives"][public]["monte_carlo"];
    // The threshold line: λ* times the smallest and largest dE shown.
    assert!(ore(number(&m, s, 6 + public as i32, 10), &mc["threshold"]));
    let lambda = number(&m, s, 6 + public as i32, 10);
    let es: Vec<f64> = (first..=last).map(|r| number(&m, s, r, 2)).collect();
    let lo = es.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = es.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    assert_eq!(number(&m, s, head + 1, 5), lo);
    assert_eq!(number(&m, s, head + 2, 5), hi);
    assert!((number(&m, s, head + 2, 6) - lambda * hi).abs() <= 1e-6 * (lambda * hi).abs());
    // The native scatter reads the trials' cells and the line's.
    let all = charts(&path);
    let chart = chart_reading(
        &all,
        "scatterChart",
        &[
            range(name, 'B', first, last),
            range(name, 'C', first, last),
            range(name, 'E', head + 1, head + 2),
            range(name, 'F', head + 1, head + 2),
        ],
    );
    assert!(
        chart.contains("<a:prstDash val=\"dash\"/>"),
        "the threshold line is dashed"
    );
}

#[test]
fn the_evpi_curve_is_the_json_evpi_at_the_same_prices_and_its_chart_reads_them() {
    let dir = common::Files::new(&[]);
    let (m, path, json) = compared(&dir);
    let name = "Cost-effectiveness 2-1";
    let s = sheet(&m, name);
    let ce = &json["cost_effectiveness"][0]["analysis"];
    let o = &ce["outcomes"][0];
    let lambda = ce["lambda"].as_array().unwrap();
    let title = row_of(
        &m,
        s,
        &format!(
            "{}: EVPI at a price per unit λ",
            o["name"].as_str().unwrap()
        ),
    );
    let (head, first) = (title + 1, title + 2);
    let last = first + lambda.len() as i32 - 1;
    for (k, l) in lambda.iter().enumerate() {
        assert_eq!(number(&m, s, first + k as i32, 1), l.as_f64().unwrap());
    }
    let mut refs = vec![range(name, 'A', first, last)];
    let mut compared = 0;
    for (j, p) in o["perspectives"].as_array().unwrap().iter().enumerate() {
        let col = 2 + j as i32;
        let label = text(&m, s, head, col);
        assert!(!label.is_empty(), "perspective {j} has a column");
        for (k, e) in p["monte_carlo"]["evpi"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            assert!(ore(number(&m, s, first + k as i32, col), e), "{e}");
            compared += 1;
        }
        refs.push(range(name, (b'A' + col as u8 - 1) as char, first, last));
    }
    assert!(compared >= 3 * lambda.len(), "{compared} values");
    // Somewhere the EVPI is above zero: the curve is not empty.
    assert!((first..=last).any(|r| number(&m, s, r, 2) > 0.0));
    chart_reading(&charts(&path), "lineChart", &refs);
}

#[test]
fn the_studies_sheet_holds_the_json_evsi_cost_and_enbs_and_a_chart_per_perspective_reads_them() {
    let dir = common::Files::new(&[]);
    let out = dir.path("s.xlsx");
    let file = common::root().join(INTENSIVE);
    let args = ["sensitivity", "--trials", "1000"];
    common::succeed(
        (common::somsim().args(args))
            .args(["--format", "xlsx", "-o"])
            .arg(&out)
            .arg(&file),
    );
    let json: serde_json::Value = serde_json::from_str(&common::succeed(
        (common::somsim().args(args))
            .args(["--format", "json"])
            .arg(&file),
    ))
    .unwrap();
    let m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    let name = "Studies";
    let s = sheet(&m, name);
    let all = charts(&out);
    let studies = json["studies"].as_array().unwrap();
    assert!(!studies.is_empty());
    for st in studies {
        let title = row_of(
            &m,
            s,
            &format!("What a study is worth: {}", st["name"].as_str().unwrap()),
        );
        let (head, first) = (title + 1, title + 2);
        let n = st["n"].as_array().unwrap();
        let last = first + n.len() as i32 - 1;
        assert_eq!(text(&m, s, head, 1), "n per arm");
        for (k, size) in n.iter().enumerate() {
            let r = first + k as i32;
            assert_eq!(number(&m, s, r, 1), size.as_f64().unwrap());
            assert!(ore(number(&m, s, r, 2), &st["cost"][k]));
        }
        let perspectives = st["perspectives"].as_object().unwrap();
        for (j, (who, v)) in perspectives.iter().enumerate() {
            let (ce, cn) = (3 + 2 * j as i32, 4 + 2 * j as i32);
            assert!(text(&m, s, head, ce).starts_with("EVSI, "), "{who}");
            for k in 0..n.len() {
                let r = first + k as i32;
                assert!(ore(number(&m, s, r, ce), &v["population_evsi"][k]));
                assert!(ore(number(&m, s, r, cn), &v["enbs"][k]));
            }
            let letter = |c: i32| (b'A' + c as u8 - 1) as char;
            let chart = chart_reading(
                &all,
                "scatterChart",
                &[
                    format!("{name}!$A${first}:$A${last}"),
                    format!("{name}!$B${first}:$B${last}"),
                    format!("{name}!${}${first}:${}${last}", letter(ce), letter(ce)),
                    format!("{name}!${}${first}:${}${last}", letter(cn), letter(cn)),
                ],
            );
            // Told apart in black and white: a dash and a marker each.
            assert!(chart.contains("<a:prstDash val=\"dash\"/>") && chart.contains("triangle"));
        }
    }
}

#[test]
fn the_report_draws_the_plane_of_at_most_1000_trials_and_the_evpi_curve() {
    let dir = common::Files::new(&[]);
    let html = dir.path("r.html");
    common::succeed(
        (common::somsim().args(["report", "--trials", TRIALS, "-o"]))
            .arg(&html)
            .arg(common::root().join(INTENSIVE))
            .arg(common::root().join(DECENTRAL)),
    );
    let page = std::fs::read_to_string(&html).unwrap();
    // One plane per outcome of each scenario against doing nothing, and one of the pair.
    let planes = page
        .matches("The cost-effectiveness plane, Public sector")
        .count();
    assert_eq!(planes, 3, "planes");
    assert!(page.contains("(1,000 of <span class=\"n\" data-json=\"/comparison/trials\""));
    // Each plane's trials in one group of 1,000 circles.
    let groups: Vec<&str> = page
        .split("<g fill=\"none\" stroke=\"#5A5A5A\"")
        .skip(1)
        .collect();
    assert_eq!(groups.len(), 3);
    for g in groups {
        let inside = &g[..g.find("</g>").unwrap()];
        assert_eq!(inside.matches("<circle").count(), 1000);
    }
    let curves = page.matches("EVPI at a price λ per unit").count();
    assert_eq!(curves, 3, "EVPI curves");
}

#[test]
fn the_run_plane_is_each_stored_trials_effect_and_net_cost_against_doing_nothing() {
    let dir = common::Files::new(&[]);
    let (out, csv) = (dir.path("r.xlsx"), dir.path("r.csv"));
    let file = common::root().join(INTENSIVE);
    common::succeed(
        (common::somsim().args(["run", "--trials", TRIALS, "--format", "xlsx", "-o"]))
            .arg(&out)
            .arg("--samples")
            .arg(&csv)
            .arg(&file),
    );
    let (h, rows) = samples(&csv);
    let m = ironcalc::import::load_from_xlsx(out.to_str().unwrap(), "en", "UTC", "en").unwrap();
    let s = sheet(&m, "Cost-effectiveness");
    // The outcome's effect column: the results follow the inputs (one of which,
    // `effect_persistence`, shares the prefix), so the last `effect_` column.
    let outcome = (h.iter())
        .filter(|(k, _)| k.starts_with("effect_"))
        .max_by_key(|(_, i)| **i)
        .and_then(|(k, _)| k.strip_prefix("effect_"))
        .unwrap()
        .to_owned();
    let title = row_of(
        &m,
        s,
        &format!("{outcome}: the cost-effectiveness plane, public"),
    );
    let first = title + 3;
    for k in 0..1000 {
        let r = first + k as i32;
        let t = number(&m, s, r, 1) as usize;
        assert_eq!(t, k * 1500 / 1000);
        let e: f64 = rows[t][h[&format!("effect_{outcome}")]].parse().unwrap();
        let npv: f64 = rows[t][h["npv_public"]].parse().unwrap();
        assert!(
            (number(&m, s, r, 2) - e).abs() <= 1e-9 * (1.0 + e.abs()),
            "trial {t}"
        );
        assert!((number(&m, s, r, 3) + npv).abs() <= 0.006, "trial {t}");
    }
}

/// The value of attribute `name` in the element starting at `element`, if it has one.
fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = element.find(&key)? + key.len();
    Some(&element[at..at + element[at..].find('"')?])
}

/// The centres of the circles of radius `r` filled `fill` in `svg`, in the order drawn.
fn markers(svg: &str, r: &str, fill: &str) -> Vec<(f64, f64)> {
    (svg.split("<circle").skip(1))
        .map(|c| &c[..c.find("/>").unwrap()])
        .filter(|c| attr(c, "r") == Some(r) && attr(c, "fill") == Some(fill))
        .map(|c| {
            let at = |a| attr(c, a).unwrap().parse::<f64>().unwrap();
            (at("cx"), at("cy"))
        })
        .collect()
}

/// Whether the pixels `px` are an affine function of the values `xs` with the given sign of
/// slope, to within the rounding to whole pixels.
fn drawn_from(xs: &[f64], px: &[f64], rising: bool) -> bool {
    let n = xs.len() as f64;
    let (mx, my) = (xs.iter().sum::<f64>() / n, px.iter().sum::<f64>() / n);
    let sxy: f64 = xs.iter().zip(px).map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let b = sxy / sxx;
    let worst = (xs.iter().zip(px))
        .map(|(x, y)| (y - my - b * (x - mx)).abs())
        .fold(0.0, f64::max);
    (b > 0.0) == rising && b != 0.0 && worst <= 1.0
}

#[test]
fn the_reports_evpi_and_evsi_charts_draw_the_json_values() {
    let dir = common::Files::new(&[]);
    let (html, json) = (dir.path("r.html"), dir.path("r.json"));
    let file = common::root().join(INTENSIVE);
    for (format, out) in [("html", &html), ("json", &json)] {
        common::succeed(
            (common::somsim().args(["report", "--trials", TRIALS, "--format", format, "-o"]))
                .arg(out)
                .arg(&file),
        );
    }
    let page = std::fs::read_to_string(&html).unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let run = &doc["scenarios"][0]["run"];
    let svgs: Vec<&str> = (page.split("<svg ").skip(1))
        .map(|s| &s[..s.find("</svg>").unwrap()])
        .collect();
    let one = |axis: &str| -> &str {
        let found: Vec<&&str> = svgs.iter().filter(|s| s.contains(axis)).collect();
        assert_eq!(found.len(), 1, "one chart with {axis}");
        found[0]
    };
    // The EVPI curve: the first line (circles in the first colour) is the first perspective
    // with flows, at every price.
    let ce = &run["cost_effectiveness"];
    let lambda: Vec<f64> = (ce["lambda"].as_array().unwrap().iter())
        .map(|x| x.as_f64().unwrap())
        .collect();
    let first = (ce["outcomes"][0]["perspectives"].as_array().unwrap().iter())
        .find(|p| {
            let name = p["perspective"].as_str().unwrap();
            run["base"]["perspectives"][name]["has_flows"] == true
        })
        .unwrap();
    let evpi: Vec<f64> = (first["monte_carlo"]["evpi"].as_array().unwrap().iter())
        .map(|x| x.as_f64().unwrap())
        .collect();
    let drawn = markers(one("EVPI, DKK"), "3", "#1F77B4");
    assert_eq!(drawn.len(), lambda.len());
    let (cx, cy): (Vec<f64>, Vec<f64>) = drawn.into_iter().unzip();
    assert!(drawn_from(&lambda, &cx, true), "{cx:?}");
    assert!(drawn_from(&evpi, &cy, false), "{evpi:?} {cy:?}");
    // EVSI against n: the circles in ink are the EVSI of the perspective drawn (the first a
    // size pays for, else the headline's, public).
    let st = &doc["scenarios"][0]["sensitivity"]["studies"][0];
    let n: Vec<f64> = (st["n"].as_array().unwrap().iter())
        .map(|x| x.as_f64().unwrap())
        .collect();
    let perspectives = st["perspectives"].as_object().unwrap();
    let who = (perspectives.iter())
        .find(|(_, v)| !v["optimal_n"].is_null())
        .map_or(&perspectives["public"], |(_, v)| v);
    let evsi: Vec<f64> = (who["population_evsi"].as_array().unwrap().iter())
        .map(|x| x.as_f64().unwrap())
        .collect();
    let drawn = markers(one("Participants per arm (n)"), "4", "#282828");
    assert_eq!(drawn.len(), n.len());
    let (cx, cy): (Vec<f64>, Vec<f64>) = drawn.into_iter().unzip();
    assert!(drawn_from(&n, &cx, true), "{cx:?}");
    assert!(drawn_from(&evsi, &cy, false), "{evsi:?} {cy:?}");
}

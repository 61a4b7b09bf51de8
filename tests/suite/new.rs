//! `somsim new`: a starter scenario for every municipality of the shipped table validates and
//! runs as written, is sized from its population, marks what to change, and never replaces a
//! file.

use crate::common;

/// The municipalities of `data/dk_municipalities.csv`.
fn municipalities() -> Vec<String> {
    let text = std::fs::read_to_string(common::root().join("data/dk_municipalities.csv")).unwrap();
    (text.lines().skip(1))
        .map(|l| l.split(',').nth(1).unwrap().to_owned())
        .collect()
}

#[test]
fn a_starter_for_every_municipality_runs_as_written() {
    let dir = common::Files::new(&[]);
    let names = municipalities();
    assert_eq!(names.len(), 98);
    for (i, name) in names.iter().enumerate() {
        let model = if i % 2 == 0 { "intensive" } else { "decentral" };
        let file = dir.path(&format!("s{i}.yaml"));
        common::succeed(
            common::somsim()
                .args([
                    "new",
                    "--kommune",
                    name,
                    "--model",
                    model,
                    "--start-year",
                    "2027",
                    "-o",
                ])
                .arg(&file),
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("CHANGE"), "{name}: nothing marked to change");
        let out = dir.path(&format!("s{i}.json"));
        common::succeed(
            common::somsim()
                .args(["run", "--trials", "0", "--format", "json", "-o"])
                .arg(&out)
                .arg(&file),
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(json["start_year"], 2027, "{name}");
        let kommune = &json["base"]["perspectives"]["kommune"];
        assert!(
            kommune["pv_net_cost"].as_f64().unwrap() > 0.0,
            "{name}: {kommune}"
        );
    }
}

#[test]
fn vejle_runs_with_its_monte_carlo_and_several_share_a_coordinator() {
    let dir = common::Files::new(&[]);
    let file = dir.path("vejle.yaml");
    common::succeed(
        common::somsim()
            .args(["new", "--kommune", "Vejle", "--model", "intensive", "-o"])
            .arg(&file),
    );
    let out = common::succeed(
        common::somsim()
            .args(["run", "--trials", "1000"])
            .arg(&file),
    );
    assert!(out.contains("kommune"), "{out}");
    // Sized from the table: Vejle's 115,748 residents give 9 courses a year at one per 10,000
    // adults, which the intensive model caps at 6; the first year at half.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("courses: [3, 6, 6, 6, 6, 6, 6, 6, 6, 6]"),
        "{text}"
    );
    assert!(text.contains("115,748 residents"), "{text}");
    // Three municipalities: one coordinator for the first two, one for the third; in Danish.
    let three = dir.path("three.yaml");
    common::succeed(
        common::somsim()
            .args([
                "new",
                "--kommune",
                "Vejle",
                "--kommune",
                "Kolding",
                "--kommune",
                "Fredericia",
            ])
            .args(["--lang", "da", "-o"])
            .arg(&three),
    );
    let text = std::fs::read_to_string(&three).unwrap();
    assert!(
        text.contains("shared: { \"Vejle\": 0.5, \"Kolding\": 0.5 }"),
        "{text}"
    );
    assert!(text.contains("municipality: \"Fredericia\""), "{text}");
    assert!(text.contains("indbyggere"), "{text}");
    common::succeed(common::somsim().args(["validate"]).arg(&three));
    // Never replaces a file, not even its own.
    let again = common::somsim()
        .args(["new", "--kommune", "Vejle", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn a_plan_larger_than_its_target_group_is_warned_about() {
    let dir = common::Files::new(&[]);
    let file = dir.path("laesoe.yaml");
    common::succeed(
        common::somsim()
            .args(["new", "--kommune", "Læsø", "--start-year", "2027", "-o"])
            .arg(&file),
    );
    let text = std::fs::read_to_string(&file).unwrap();
    // The starter's proxy: 1,786 residents x 80% adults x 17.4% with poor mental health.
    assert!(text.contains("target_group: 249"), "{text}");
    let quiet = common::somsim()
        .arg("validate")
        .arg(&file)
        .output()
        .unwrap();
    assert!(quiet.status.success());
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("target group"));
    std::fs::write(&file, text.replace("target_group: 249", "target_group: 20")).unwrap();
    for (cmd, lang, says) in [
        (
            "validate",
            "en",
            "Læsø enrols 80 participants in 2027-2036, more than its target group of 20",
        ),
        (
            "run",
            "da",
            "Læsø optager 80 deltagere i 2027-2036, flere end målgruppen på 20",
        ),
    ] {
        let mut c = common::somsim();
        c.arg(cmd).arg(&file).args(["--lang", lang]);
        if cmd == "run" {
            c.args(["--trials", "0"]);
        }
        let out = c.output().unwrap();
        assert!(out.status.success(), "{cmd}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{cmd}: {stderr}");
    }
}

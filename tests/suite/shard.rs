//! `somsim batch --shard K/N` and `somsim merge`: shards run as separate processes (as a
//! cluster's tasks would) merge into exactly the output of one unsharded run; a missing,
//! repeated or foreign shard is refused.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The batch's arguments: two files and a sweep, 8 rows, one of which cannot run.
fn batch_args(seed: u64) -> Vec<String> {
    let s = |p: &str| common::root().join(p).display().to_string();
    vec![
        "batch".into(),
        s("scenarios/intensive.yaml"),
        s("scenarios/decentral.yaml"),
        "--sweep".into(),
        "completion_rate=0.5,0.6,0.7,1.5".into(),
        "--trials".into(),
        "1000".into(),
        "--seed".into(),
        seed.to_string(),
    ]
}

fn shard(dir: &Path, k: usize, n: usize, seed: u64) -> Command {
    let mut cmd = common::somsim();
    cmd.args(batch_args(seed));
    cmd.args(["--shard", &format!("{k}/{n}"), "-o"]);
    cmd.arg(dir.join(format!("shard-{k}-of-{n}.json")));
    cmd
}

/// Run commands at once, as separate processes; each exits with its code.
fn all_exit(cmds: Vec<Command>, codes: &[i32]) {
    let children: Vec<_> = (cmds.into_iter())
        .map(|mut c| {
            c.stderr(std::process::Stdio::null())
                .spawn()
                .expect("somsim starts")
        })
        .collect();
    for (c, code) in children.into_iter().zip(codes) {
        assert_eq!(c.wait_with_output().unwrap().status.code(), Some(*code));
    }
}

/// Rows 3 and 7 (completion rate 1.5) cannot run: they are in shards 1 and 2 of 3.
const THREE_SHARDS: [i32; 3] = [2, 2, 0];

fn merge(dir: &Path, shards: &[PathBuf], format: &str) -> std::process::Output {
    let out = dir.join(format!("merged.{format}"));
    let _ = std::fs::remove_file(&out);
    let o = (common::somsim().arg("merge").args(shards))
        .args(["--format", format, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let mut text = o.clone();
    text.stdout = std::fs::read(&out).unwrap_or_default();
    text
}

#[test]
fn three_shards_merge_into_exactly_the_unsharded_output() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // The rows with completion_rate 1.5 cannot run: the batch exits 2, and so does every
    // shard holding such a row, and the merge.
    all_exit(
        (1..=3).map(|k| shard(dir, k, 3, 11)).collect(),
        &THREE_SHARDS,
    );
    let shards: Vec<PathBuf> = [3, 1, 2]
        .iter()
        .map(|k| dir.join(format!("shard-{k}-of-3.json")))
        .collect();
    for format in ["csv", "json", "table", "xlsx"] {
        let whole = dir.join(format!("whole.{format}"));
        let status = (common::somsim().args(batch_args(11)))
            .args(["--format", format, "-o"])
            .arg(&whole)
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(2));
        let merged = merge(dir, &shards, format);
        assert_eq!(merged.status.code(), Some(2), "{format}");
        if format == "xlsx" {
            // A workbook records when it was written: compare every cell instead.
            assert_eq!(cells(&whole), cells(&dir.join("merged.xlsx")));
            continue;
        }
        let whole = std::fs::read(&whole).unwrap();
        assert!(whole.len() > 100, "{format}");
        assert!(
            merged.stdout == whole,
            "{format}: merged output differs from the unsharded run"
        );
    }
    // Every shard holds its own rows only: 8 rows in all, rows 0, 3, 6 in the first.
    let first: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("shard-1-of-3.json")).unwrap()).unwrap();
    let rows: Vec<u64> = (first["rows"].as_array().unwrap().iter())
        .map(|r| r["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, [0, 3, 6]);
    assert_eq!(first["key"]["rows"], 8);
}

/// Every cell of a workbook: sheet, row, column and value.
fn cells(path: &Path) -> Vec<String> {
    let m = ironcalc::import::load_from_xlsx(path.to_str().unwrap(), "en", "UTC", "en").unwrap();
    let cells: Vec<String> = (m.get_all_cells().into_iter())
        .map(|c| {
            let v = m.get_cell_value_by_index(c.index, c.row, c.column).unwrap();
            format!("{} {} {} {v:?}", c.index, c.row, c.column)
        })
        .collect();
    assert!(cells.len() > 50);
    cells
}

#[test]
fn a_missing_repeated_or_foreign_shard_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    all_exit(
        (1..=3).map(|k| shard(dir, k, 3, 11)).collect(),
        &THREE_SHARDS,
    );
    let other = tmp.path().join("other");
    std::fs::create_dir(&other).unwrap();
    // The same batch with another seed, and a batch cut into 2.
    all_exit(
        vec![shard(&other, 2, 3, 12), shard(&other, 1, 2, 11)],
        &[2, 0],
    );
    let s = |d: &Path, k: usize, n: usize| d.join(format!("shard-{k}-of-{n}.json"));
    let refused = |shards: &[PathBuf], why: &str| {
        let o = merge(dir, shards, "csv");
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(why), "{why:?} not in {err}");
        assert!(o.stdout.is_empty(), "no output when refused");
    };
    refused(&[s(dir, 1, 3), s(dir, 3, 3)], "shard 2 of 3 is missing");
    refused(
        &[s(dir, 1, 3), s(dir, 1, 3), s(dir, 2, 3)],
        "are both shard 1 of 3",
    );
    refused(
        &[s(dir, 1, 3), s(&other, 2, 3), s(dir, 3, 3)],
        "is not a shard of the same batch",
    );
    refused(&[s(dir, 1, 3), s(&other, 2, 3)], "different seed");
    refused(
        &[s(dir, 1, 3), s(&other, 1, 2)],
        "different number of shards",
    );
    // A changed input file is a different batch.
    let changed = tmp.path().join("changed.json");
    let text = std::fs::read_to_string(s(dir, 2, 3)).unwrap();
    let edited = text.replacen("\"inputs_sha256\": \"", "\"inputs_sha256\": \"0", 1);
    std::fs::write(&changed, edited).unwrap();
    refused(
        &[s(dir, 1, 3), changed, s(dir, 3, 3)],
        "different input files or settings",
    );
    // Rows edited with the key kept: the checksum of the rows no longer matches.
    let forged = tmp.path().join("forged.json");
    let text = std::fs::read_to_string(s(dir, 2, 3)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let p = v["rows"][0]["perspectives"]["kommune"][5].as_f64().unwrap();
    let edited = text.replacen(&format!("{p}"), "0.7", 1);
    assert_ne!(edited, text);
    std::fs::write(&forged, edited).unwrap();
    refused(
        &[s(dir, 1, 3), forged, s(dir, 3, 3)],
        "do not match the checksum",
    );
    // A key claiming an absurd number of shards or rows is refused without allocating them.
    for (field, huge, why) in [
        (
            "\"shards\": 3",
            "\"shards\": 18446744073709551615",
            "missing",
        ),
        (
            "\"rows\": 8",
            "\"rows\": 18446744073709551615",
            "the shards hold 8 rows",
        ),
    ] {
        let paths: Vec<PathBuf> = (1..=3)
            .map(|k| {
                let text = std::fs::read_to_string(s(dir, k, 3)).unwrap();
                assert!(text.contains(field), "{field}");
                let p = tmp.path().join(format!("huge-{k}.json"));
                std::fs::write(&p, text.replacen(field, huge, 1)).unwrap();
                p
            })
            .collect();
        refused(&paths, why);
    }
    // Not a shard at all.
    let csv = tmp.path().join("not-a-shard.json");
    std::fs::write(&csv, "file,scenario\n").unwrap();
    refused(&[csv], "not a shard of `somsim batch --shard`");
}

#[test]
fn shard_options_are_checked() {
    for (args, why) in [
        (vec!["--shard", "0/3"], "--shard 0/3: expected K/N"),
        (vec!["--shard", "4/3"], "--shard 4/3: expected K/N"),
        (vec!["--shard", "one"], "--shard one: expected K/N"),
        (vec!["--shard", "1/2", "--format", "csv"], "a shard is JSON"),
        (
            vec!["--shard", "1/18446744073709551615"],
            "N can be at most 1",
        ),
        (vec!["--shard", "1/99999999999999999999999"], "expected K/N"),
    ] {
        let o = (common::somsim().args(["batch", "--trials", "0"]))
            .arg(common::root().join("scenarios/intensive.yaml"))
            .args(&args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(why), "{why:?} not in {err}");
    }
}

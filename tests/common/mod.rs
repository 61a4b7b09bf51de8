//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A temporary folder holding the given files (name, content); removed when dropped.
pub struct Files {
    pub dir: tempfile::TempDir,
}

impl Files {
    pub fn new(files: &[(&str, &str)]) -> Files {
        let dir = tempfile::tempdir().expect("temporary folder");
        for (name, content) in files {
            let path = dir.path().join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::write(path, content).unwrap();
        }
        Files { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The repository root (for the shipped scenarios).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The somsim binary built for these tests.
pub fn somsim() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_somsim"))
}

/// Run `somsim CMD... --format json FILE`, assert success, and parse the output.
pub fn json(cmd: &[&str], file: &Path) -> serde_json::Value {
    let out = somsim()
        .args(cmd)
        .args(["--format", "json"])
        .arg(file)
        .output()
        .expect("somsim runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// Run `somsim run --format json ARGS FILE`, assert success, and parse the output.
pub fn run_json(args: &[&str], file: &Path) -> serde_json::Value {
    let mut cmd = vec!["run"];
    cmd.extend_from_slice(args);
    json(&cmd, file)
}

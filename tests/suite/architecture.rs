//! The crate's structure (documented in `src/lib.rs`):
//!
//! - layers: every path in a module's code (`crate::...`, `super::...`, a child's name in a
//!   `use`) points to a module of its own or a lower layer;
//! - no circles: within any folder, the modules side by side (its files and subfolders) use
//!   each other without a cycle, so each folder reads from its leaves up.
//!
//! An import from a layer above, or a circle, fails here.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

/// Layer of each top-level module, as in `src/lib.rs`.
const LAYERS: &[(&str, u32)] = &[
    ("lang", 0),
    ("decimal", 1),
    ("stats", 1),
    ("input", 2),
    ("model", 3),
    ("ledger", 4),
    ("sampler", 4),
    ("kernel", 5),
    ("montecarlo", 6),
    ("sensitivity", 7),
    ("comparison", 7),
    ("contracts", 7),
    ("cea", 7),
    ("evsi", 7),
    ("analysis", 8),
    ("portfolio", 8),
    ("report", 9),
    ("cli", 10),
];

fn layer(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// A module's path from the crate root, e.g. `["report", "text", "cea"]`.
type ModPath = Vec<String>;

/// Every source file under `src/` (but `lib.rs` and `main.rs`) with its module path.
fn sources() -> Vec<(ModPath, std::path::PathBuf)> {
    let src = common::root().join("src");
    let mut out = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(&src).unwrap();
                let mut path: ModPath = rel
                    .components()
                    .map(|c| {
                        c.as_os_str()
                            .to_string_lossy()
                            .trim_end_matches(".rs")
                            .to_owned()
                    })
                    .collect();
                if path.last().is_some_and(|l| l == "mod") {
                    path.pop();
                }
                if path != ["lib"] && path != ["main"] {
                    out.push((path, p));
                }
            }
        }
    }
    out.sort();
    out
}

/// The code of a file without its unit tests and comments.
fn code(text: &str) -> Vec<String> {
    let before_tests = text.split("#[cfg(test)]").next().unwrap();
    before_tests
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| l.split("//").next().unwrap_or_default().to_owned())
        .collect()
}

fn ident(s: &str) -> String {
    s.trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The paths named after `prefix` at `rest`: `a::b::c`, or each of `{a, b::c}` (one level).
fn named(rest: &str) -> Vec<Vec<String>> {
    let segments = |s: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut s = s.trim_start();
        loop {
            let id = ident(s);
            if id.is_empty() {
                break;
            }
            s = &s[s.find(&id).unwrap() + id.len()..];
            out.push(id);
            match s.strip_prefix("::") {
                Some(r) if !r.starts_with('{') => s = r,
                _ => break,
            }
        }
        out
    };
    let head = segments(rest);
    // `x::y::{a, b::c}`: the group after the head.
    let after = {
        let joined = head.join("::");
        let at = rest.find(&joined).map_or(0, |i| i + joined.len());
        rest[at..]
            .strip_prefix("::{")
            .map(|g| g.split('}').next().unwrap_or_default())
    };
    match (rest.trim_start().strip_prefix('{'), after) {
        (Some(group), _) => group
            .split('}')
            .next()
            .unwrap_or_default()
            .split(',')
            .map(segments)
            .collect(),
        (None, Some(group)) => group
            .split(',')
            .map(|item| head.iter().cloned().chain(segments(item)).collect())
            .collect(),
        (None, None) => vec![head],
    }
}

/// The modules a file at `own` names in `lines`, resolved to the longest module path that
/// exists in `modules`.
fn uses(
    own: &ModPath,
    is_folder: bool,
    lines: &[String],
    modules: &BTreeSet<ModPath>,
) -> Vec<(usize, ModPath)> {
    let resolve = |mut p: ModPath| -> Option<ModPath> {
        while !p.is_empty() && !modules.contains(&p) {
            p.pop();
        }
        (!p.is_empty()).then_some(p)
    };
    // `super::` of a file `a/b.rs` (module a::b) is `a`; of a folder's `mod.rs` (module a::b)
    // it is `a` too.
    let parent: ModPath = own[..own.len().saturating_sub(1)].to_vec();
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        for (i, _) in line.match_indices("crate::") {
            if line[..i].ends_with(char::is_alphanumeric) {
                continue;
            }
            for p in named(&line[i + "crate::".len()..]) {
                out.extend(resolve(p).map(|t| (n, t)));
            }
        }
        for (i, _) in line.match_indices("super::") {
            if line[..i].ends_with("super::") || line[..i].ends_with(char::is_alphanumeric) {
                continue;
            }
            let mut base = parent.clone();
            let mut rest = &line[i + "super::".len()..];
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
            for p in named(rest) {
                out.extend(resolve(base.iter().cloned().chain(p).collect()).map(|t| (n, t)));
            }
        }
        // A folder's `use child::...`: a path relative to itself.
        if is_folder
            && let Some(rest) = line
                .trim_start()
                .strip_prefix("use ")
                .or_else(|| line.trim_start().strip_prefix("pub use "))
            && !rest.starts_with("crate::")
            && !rest.starts_with("super::")
            && !rest.starts_with("self::")
        {
            for p in named(rest) {
                let local: ModPath = own.iter().cloned().chain(p).collect();
                if local.len() > own.len() {
                    out.extend(
                        resolve(local)
                            .filter(|t| t.len() > own.len())
                            .map(|t| (n, t)),
                    );
                }
            }
        }
    }
    out
}

#[test]
fn every_path_points_down_and_no_folder_holds_a_circle() {
    let files = sources();
    let modules: BTreeSet<ModPath> = files.iter().map(|(p, _)| p.clone()).collect();
    let mut problems = Vec::new();
    // Edges between modules side by side: (folder, from child, to child) -> first place seen.
    let mut edges: BTreeMap<(ModPath, String, String), String> = BTreeMap::new();
    for (own, path) in &files {
        let top = &own[0];
        let own_layer = layer(top).unwrap_or_else(|| panic!("{top} has no layer in LAYERS"));
        let text = std::fs::read_to_string(path).unwrap();
        let is_folder = path.file_name().is_some_and(|n| n == "mod.rs");
        for (n, target) in uses(own, is_folder, &code(&text), &modules) {
            let place = format!("{}:{}", path.display(), n + 1);
            let to_layer = layer(&target[0]).unwrap();
            if target[0] != *top && to_layer >= own_layer {
                problems.push(format!(
                    "{place}: {} (layer {own_layer}) uses {} (layer {to_layer})",
                    own.join("::"),
                    target.join("::")
                ));
            }
            // The deepest folder holding both, and the children of it each lies in.
            let common = own.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common < own.len() && common < target.len() {
                let key = (
                    own[..common].to_vec(),
                    own[common].clone(),
                    target[common].clone(),
                );
                edges.entry(key).or_insert(place);
            }
        }
    }
    // A circle among the children of one folder: depth-first search for a back edge.
    let folders: BTreeSet<ModPath> = edges.keys().map(|(f, _, _)| f.clone()).collect();
    for folder in folders {
        let next = |a: &str| -> Vec<String> {
            (edges.keys())
                .filter(|(f, x, _)| *f == folder && x == a)
                .map(|(_, _, b)| b.clone())
                .collect()
        };
        let nodes: BTreeSet<String> = (edges.keys())
            .filter(|(f, _, _)| *f == folder)
            .flat_map(|(_, a, b)| [a.clone(), b.clone()])
            .collect();
        let mut done: BTreeSet<String> = BTreeSet::new();
        for start in &nodes {
            let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
            while let Some((at, trail)) = stack.pop() {
                for b in next(&at) {
                    if b == *start {
                        let mut cycle = trail.clone();
                        cycle.push(b.clone());
                        let places: Vec<String> = (cycle.windows(2))
                            .map(|w| edges[&(folder.clone(), w[0].clone(), w[1].clone())].clone())
                            .collect();
                        problems.push(format!(
                            "a circle in {}: {} ({})",
                            if folder.is_empty() {
                                "crate".into()
                            } else {
                                folder.join("::")
                            },
                            cycle.join(" -> "),
                            places.join(", ")
                        ));
                    } else if !trail.contains(&b) && !done.contains(&b) {
                        let mut t = trail.clone();
                        t.push(b.clone());
                        stack.push((b, t));
                    }
                }
            }
            done.insert(start.clone());
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

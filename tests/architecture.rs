//! The crate's layers (documented in `src/lib.rs`): every `crate::` path in a module's code
//! points to a module of a lower layer. An import from a layer above, or a cycle, fails here.

mod common;

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
    ("analysis", 8),
    ("report", 9),
    ("cli", 10),
];

fn layer(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The source files under `src/`, with the top-level module each belongs to.
fn sources() -> Vec<(String, std::path::PathBuf)> {
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
                let first = rel
                    .components()
                    .next()
                    .unwrap()
                    .as_os_str()
                    .to_string_lossy();
                let module = first.trim_end_matches(".rs").to_owned();
                if module != "lib" && module != "main" {
                    out.push((module, p));
                }
            }
        }
    }
    out
}

#[test]
fn every_import_points_down() {
    let mut problems = Vec::new();
    for (module, path) in sources() {
        let own = layer(&module).unwrap_or_else(|| panic!("{module} has no layer in LAYERS"));
        let text = std::fs::read_to_string(&path).unwrap();
        // Unit tests may reach anywhere; doc comments are prose.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (n, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (i, _) in line.match_indices("crate::") {
                let rest = &line[i + "crate::".len()..];
                let ident = |s: &str| -> String {
                    s.trim_start()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect()
                };
                // `crate::x::...`, or each name of `crate::{x, y::z}`.
                let targets: Vec<String> = match rest.strip_prefix('{') {
                    Some(group) => group
                        .split('}')
                        .next()
                        .unwrap_or_default()
                        .split(',')
                        .map(ident)
                        .collect(),
                    None => vec![ident(rest)],
                };
                for target in targets {
                    let Some(to) = layer(&target) else { continue };
                    if target == module || to < own {
                        continue;
                    }
                    problems.push(format!(
                        "{}:{}: {module} (layer {own}) uses {target} (layer {to})",
                        path.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

//! Scenario files: reading a scenario and the assumption files it references, safely.
//!
//! This is the first stage of the pipeline (files -> validated model -> ...). It reads bytes,
//! parses YAML with serde-saphyr under an input budget (alias bombs, deep nesting and huge files
//! are refused), follows `assumptions:` and `include:` references relative to the referencing
//! file, and detects missing and circular references. It interprets nothing: the result mirrors
//! the files and is handed to [`crate::model`] for validation.

pub mod diag;
pub mod edit;
pub mod field_schema;
pub mod node;
pub mod raw;
pub mod schema;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

pub use diag::{Diagnostic, FileId, InputError, Sources};
pub use node::{At, Kind, Loc, Node, Text};

/// Largest file read, in bytes: scenario files are small; anything larger is a mistake.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A scenario file with everything it references, parsed but not yet validated.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub sources: Sources,
    pub scenario_file: FileId,
    pub scenario: raw::ScenarioFile,
    /// The table of a `rollout:` block.
    pub rollout_table: Option<FileId>,
    /// Assumption files in load order (a file's includes come before it).
    pub assumption_files: Vec<(FileId, raw::AssumptionFile)>,
    /// When the file run was a contract file: that file, which names the scenario.
    pub contract_file: Option<(FileId, raw::ContractFile)>,
}

fn parse_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 32,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_nodes: 1_000_000,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 1_000,
        },
        strict_booleans: true,
    }
}

/// Parse YAML text into `T`, turning parser errors into located diagnostics.
pub fn parse_yaml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, InputError> {
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(InputError::file(
            path,
            "the file is empty; expected a YAML mapping (see `somsim schema`)",
        ));
    }
    serde_saphyr::from_str_with_options::<T>(text, parse_options()).map_err(|e| {
        let loc = e.location();
        let name = path.display().to_string();
        let rendered = e.render_with_options(serde_saphyr::render_options! {
            source_name: Some(&name),
        });
        // serde-saphyr renders "error: line L column C: message\n --> file:L:C\n snippet";
        // keep its message and snippet but lead with our uniform "file:line:col" header.
        let mut lines = rendered.lines();
        let first = lines.next().unwrap_or_default();
        let message = first
            .trim_start_matches("error: ")
            .split_once(": ")
            .filter(|(head, _)| head.starts_with("line "))
            .map(|(_, m)| m)
            .unwrap_or(first.trim_start_matches("error: "))
            .to_owned();
        let (mut line, mut col) = (
            loc.map(|l| l.line() as u32).unwrap_or(0),
            loc.map(|l| l.column() as u32).unwrap_or(0),
        );
        let mut snippet: String = lines
            .filter(|l| !l.trim_start().starts_with("-->"))
            .map(in_our_words)
            .collect::<Vec<_>>()
            .join("\n");
        let message = match limit_reached(&e) {
            Some(what) => format!(
                "the file exceeds somsim's input limits: {what}; scenario and assumption files are small mappings (limit reached: {message})"
            ),
            None if message.contains("found a tab") => {
                // The parser reports a tab where it was scanning (often the line before);
                // point at the tab itself.
                if let Some((l, c)) = first_tab(text, line) {
                    (line, col) = (l, c);
                    snippet = diag::snippet(text, Loc { line, col, span: None });
                }
                "a tab character: YAML indents with spaces, never tabs; replace the tab with spaces".to_owned()
            }
            None => {
                let before = (text.lines().nth(line.saturating_sub(1) as usize))
                    .map(|l| l.chars().take(col.saturating_sub(1) as usize).collect::<String>());
                humane(&message, enclosing_key(text, line), before.as_deref())
            }
        };
        InputError::single(Diagnostic {
            file: name.clone(),
            line,
            col,
            field: String::new(),
            message,
            snippet,
        })
    })
}

/// The parser's wording about its own options, in the words of a scenario's author.
fn in_our_words(text: &str) -> String {
    let mut t = text.to_owned();
    if let Some(i) = t.find("duplicate mapping key") {
        let rest = &t[i..];
        let key = rest
            .strip_prefix("duplicate mapping key: ")
            .and_then(|r| r.split_once(", set DuplicateKeyPolicy"))
            .map(|(k, _)| format!("`{k}` "))
            .unwrap_or_default();
        let end = rest
            .find("if acceptable")
            .map_or(rest.len(), |j| j + "if acceptable".len());
        t.replace_range(
            i..i + end,
            &format!("the key {key}is given twice in this mapping; give each key once"),
        );
    }
    t.replace(
        "YAML merge keys are not allowed by configured policy",
        "YAML merge keys (`<<`) are not supported; write the entries out",
    )
    .replace(
        "is not allowed by configured policy",
        "is not supported in scenario files",
    )
    .replace(
        "invalid boolean (strict mode expects true/false)",
        "expected `true` or `false`",
    )
    .replace(
        "rejected by the configured policy",
        "is not a number a scenario can use (write a finite number)",
    )
}

/// The first tab at or after line `from` (1-based), as (line, column).
fn first_tab(text: &str, from: u32) -> Option<(u32, u32)> {
    (text.lines().enumerate())
        .skip(from.saturating_sub(1) as usize)
        .find_map(|(i, l)| {
            l.find('\t')
                .map(|j| (i as u32 + 1, l[..j].chars().count() as u32 + 1))
        })
}

/// The top-level key whose block holds line `line` (1-based), e.g. `overrides`.
fn enclosing_key(text: &str, line: u32) -> Option<String> {
    (text
        .lines()
        .take(line as usize)
        .collect::<Vec<_>>()
        .into_iter()
        .rev())
    .find(|l| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':'))
    .and_then(|l| l.split(':').next())
    .map(|k| k.trim().to_owned())
}

/// Parser messages in words a person can act on; `key` is the top-level key the problem lies
/// under, `before` the text of its line before the place the parser names.
fn humane(message: &str, key: Option<String>, before: Option<&str>) -> String {
    let message = &in_our_words(message);
    if message.starts_with("expected mapping start") {
        return match key.as_deref() {
            Some("overrides") => format!(
                "an override is a mapping with the new `value` (and optionally `price_year`, `source`, `note`), e.g. `coordinator_cost: {{ value: 400000, source: our budget 2026 }}` ({message})"
            ),
            _ => format!(
                "expected a mapping of `key: value` entries here (indented on the lines below, or written `{{ key: value }}`) ({message})"
            ),
        };
    }
    // `unknown field `price_yaer`, expected one of a, b, c`: suggest the nearest.
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((field, tail)) = rest.split_once('`')
        && let Some(list) = tail
            .strip_prefix(", expected one of ")
            .or_else(|| tail.strip_prefix(", expected "))
    {
        let choices: Vec<&str> = list.split(", ").map(|c| c.trim_matches('`')).collect();
        if let Some(near) = diag::did_you_mean(field, choices.iter().copied()) {
            return format!(
                "unknown field `{field}`; did you mean `{near}`? (expected one of {list})"
            );
        }
    }
    // `{ unit_cost: 400,000 }`: in a flow mapping the comma ends the entry, leaving a key `000`.
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, _)) = rest.split_once('`')
        && !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_digit())
    {
        // The number as typed: the value before the comma, and the key after it.
        let typed = before
            .and_then(|b| b.trim_end().strip_suffix(','))
            .and_then(|b| b.rsplit([':', '{', ',']).next())
            .map(|v| format!("{},{key}", v.trim()));
        let how = typed
            .as_deref()
            .and_then(crate::decimal::typed::separators)
            .unwrap_or_else(|| {
                "write the number without separators and with `.` for decimals (e.g. 400000 or 0.5)"
                    .to_owned()
            });
        return format!(
            "`{key}` is not a field: inside {{ ... }} a comma separates entries, so a number written with `,` is cut in two. {how} ({message})"
        );
    }
    message.to_owned()
}

/// Which of the parser's input limits (see [`parse_options`]) an error reports, in words a
/// person can act on; matched by the error's variant, not its wording.
fn limit_reached(e: &serde_saphyr::Error) -> Option<&'static str> {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let mut e = e;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = e {
        e = error;
    }
    const ALIASES: &str = "too many aliases or alias expansions (a scenario may use anchors and aliases, but not thousands of expansions)";
    match e {
        E::Budget { breach, .. } => Some(match breach {
            B::Depth { .. } => "nesting deeper than 32 levels",
            B::Aliases { .. } | B::Anchors { .. } => ALIASES,
            _ => "more content than a scenario file can hold",
        }),
        E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => Some(ALIASES),
        _ => None,
    }
}

/// Read a file as UTF-8 text, with a clear error for every way that can fail. Only a regular
/// file is read (a device such as `/dev/zero` would never end, and a pipe may block forever),
/// and never more than [`MAX_FILE_BYTES`], whatever its reported size.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        InputError::file(
            path,
            match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_owned(),
                std::io::ErrorKind::PermissionDenied => {
                    "cannot read the file: permission denied".to_owned()
                }
                _ => format!("cannot read the file: {e}"),
            },
        )
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(InputError::file(
            path,
            "is a directory; expected a YAML file",
        ));
    }
    if !meta.is_file() {
        return Err(InputError::file(
            path,
            "is not a regular file (a device, pipe or socket); expected a file saved on disk",
        ));
    }
    let too_big = || {
        InputError::file(
            path,
            format!(
                "the file is larger than {MAX_FILE_BYTES} bytes; scenario and assumption files and roll-out tables are small"
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = &bytes[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
        let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&before[start..]).chars().count() as u32 + 1;
        InputError::single(Diagnostic {
            file: path.display().to_string(),
            line,
            col,
            field: String::new(),
            message: format!(
                "the file is not UTF-8 text (byte 0x{:02X} here cannot start a character; it was perhaps saved as Latin-1 or Windows-1252); save it as UTF-8",
                bytes[at]
            ),
            snippet: String::new(),
        })
    })
}

/// Resolve `reference` (as written in the file at `from`) relative to that file's folder, as
/// the operating system does: `..` after a symbolic link to a folder leads to the parent of
/// the link's target, not of the link. Where folding `dir/..` away names the same file (or,
/// for a file that does not exist, the same folder), the folded path is returned, so that
/// messages show `assumptions/x.yaml`, not `scenarios/../assumptions/x.yaml`.
fn resolve(from: &Path, reference: &str) -> PathBuf {
    use std::path::Component;
    let base = from.parent().unwrap_or(Path::new(""));
    let joined = base.join(reference);
    let mut folded = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir
                if matches!(folded.components().next_back(), Some(Component::Normal(_))) =>
            {
                folded.pop();
            }
            Component::CurDir => {}
            other => folded.push(other),
        }
    }
    if folded == joined {
        return joined;
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    };
    let folder = |p: &Path| match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let same_file = same(&joined, &folded)
        || (!joined.exists()
            && !folded.exists()
            && joined.file_name() == folded.file_name()
            && same(&folder(&joined), &folder(&folded)));
    if same_file { folded } else { joined }
}

/// Read a scenario (or a contract file and the scenario it names) and every assumption file it
/// references.
pub fn load(path: &Path) -> Result<Loaded, InputError> {
    let text = read_text(path)?;
    if !looks_like_contract_file(&text) {
        return load_scenario(path, text, Sources::default());
    }
    let contracts: raw::ContractFile = parse_yaml(path, &text)?;
    let mut sources = Sources::default();
    let file = sources.add(path.to_owned(), text);
    let target = resolve(path, &contracts.scenario.value);
    let at = |message: String| {
        let mut p = diag::Problems::default();
        p.push(&sources, file, contracts.scenario.loc, "scenario", message);
        p.into_error()
    };
    let scenario_text = read_text(&target).map_err(|e| {
        let why = e
            .diagnostics
            .first()
            .map(|d| d.message.clone())
            .unwrap_or_default();
        at(format!(
            "cannot read the scenario `{}` ({}): {why}",
            contracts.scenario.value,
            target.display()
        ))
    })?;
    if looks_like_contract_file(&scenario_text) {
        return Err(at(
            "this names another contract file; `scenario` must name a scenario file".into(),
        ));
    }
    let mut loaded = load_scenario(&target, scenario_text, sources)?;
    loaded.contract_file = Some((file, contracts));
    Ok(loaded)
}

/// Whether YAML text is a contract file: `scenario` at the top level and no `start_year`.
pub fn looks_like_contract_file(text: &str) -> bool {
    let top: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':'))
        .filter_map(|l| l.split(':').next())
        .collect();
    top.contains(&"scenario") && !top.contains(&"start_year")
}

fn load_scenario(path: &Path, text: String, mut sources: Sources) -> Result<Loaded, InputError> {
    let scenario: raw::ScenarioFile = parse_yaml(path, &text)?;
    let scenario_file = sources.add(path.to_owned(), text);
    let mut loader = Loader::new(sources);
    let mut problems = diag::Problems::default();
    for reference in &scenario.assumptions {
        let target = resolve(path, &reference.value);
        if let Err(e) = loader.load_assumptions(&target, scenario_file, reference) {
            problems.list.extend(e.diagnostics);
        }
    }
    let Loader {
        mut sources, files, ..
    } = loader;
    let mut rollout_table = None;
    if let Some(r) = &scenario.rollout {
        let target = resolve(path, &r.value.table.value);
        match read_text(&target) {
            Ok(text) => rollout_table = Some(sources.add(target, text)),
            Err(e) => {
                let mut p = diag::Problems::default();
                let why = e
                    .diagnostics
                    .first()
                    .map(|d| d.message.clone())
                    .unwrap_or_default();
                p.push(
                    &sources,
                    scenario_file,
                    r.value.table.loc,
                    "rollout.table",
                    format!(
                        "cannot read `{}` ({}): {why}",
                        r.value.table.value,
                        target.display()
                    ),
                );
                problems.list.extend(p.list);
            }
        }
    }
    problems.into_result(Loaded {
        sources,
        scenario_file,
        scenario,
        rollout_table,
        assumption_files: files,
        contract_file: None,
    })
}

/// Read an assumption file on its own (for `somsim validate`), with the files it includes.
pub fn load_assumption_file(
    path: &Path,
) -> Result<(Sources, Vec<(FileId, raw::AssumptionFile)>), InputError> {
    let mut loader = Loader::new(Sources::default());
    let text = read_text(path)?;
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    loader.add_file(path, canonical, text)?;
    let Loader { sources, files, .. } = loader;
    Ok((sources, files))
}

/// Whether YAML text looks like an assumption file rather than a scenario (it has
/// `parameters`, `price_index` or `include` at the top level and no `municipalities`).
pub fn looks_like_assumptions(text: &str) -> bool {
    let top: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':'))
        .filter_map(|l| l.split(':').next())
        .collect();
    !top.contains(&"municipalities")
        && top
            .iter()
            .any(|k| ["parameters", "price_index", "include"].contains(k))
}

struct Loader {
    sources: Sources,
    files: Vec<(FileId, raw::AssumptionFile)>,
    /// Canonical paths of the files being loaded (for cycle detection).
    stack: Vec<PathBuf>,
    /// Canonical paths already loaded (a file referenced twice is read once).
    seen: Vec<PathBuf>,
}

impl Loader {
    fn new(sources: Sources) -> Loader {
        Loader {
            sources,
            files: Vec::new(),
            stack: Vec::new(),
            seen: Vec::new(),
        }
    }

    fn load_assumptions(
        &mut self,
        path: &Path,
        referrer: FileId,
        reference: &Text,
    ) -> Result<(), InputError> {
        let at_reference = |msg: String| {
            let mut p = diag::Problems::default();
            p.push(&self.sources, referrer, reference.loc, "", msg);
            InputError {
                diagnostics: p.list,
            }
        };
        let canonical = match path.canonicalize() {
            Ok(c) => c,
            Err(_) => {
                return Err(at_reference(format!(
                    "assumption file `{}` not found (looked for {})",
                    reference.value,
                    path.display()
                )));
            }
        };
        if let Some(i) = self.stack.iter().position(|p| *p == canonical) {
            let cycle: Vec<String> = self.stack[i..]
                .iter()
                .chain(std::iter::once(&canonical))
                .map(|p| {
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                })
                .collect();
            return Err(at_reference(format!(
                "circular assumption reference: {}",
                cycle.join(" -> ")
            )));
        }
        if self.seen.contains(&canonical) {
            return Ok(());
        }
        let text = read_text(path).map_err(|e| {
            let mut e = e;
            if let Some(d) = e.diagnostics.first_mut() {
                d.message = format!(
                    "{} (referenced from {}:{})",
                    d.message,
                    self.sources.path(referrer).display(),
                    reference.loc.line
                );
            }
            e
        })?;
        self.add_file(path, canonical, text)
    }

    /// Parse `text` as the assumption file at `path`, load what it includes (with `path` on
    /// the stack, so a cycle back to it is found), and record it after its includes.
    fn add_file(
        &mut self,
        path: &Path,
        canonical: PathBuf,
        text: String,
    ) -> Result<(), InputError> {
        let file: raw::AssumptionFile = parse_yaml(path, &text)?;
        let id = self.sources.add(path.to_owned(), text);
        self.stack.push(canonical.clone());
        let mut problems = diag::Problems::default();
        for include in &file.include {
            let target = resolve(path, &include.value);
            if let Err(e) = self.load_assumptions(&target, id, include) {
                problems.list.extend(e.diagnostics);
            }
        }
        self.stack.pop();
        self.seen.push(canonical);
        self.files.push((id, file));
        problems.into_result(())
    }
}

//! Input errors: every mistake a person can make in a file, named by file, line, field, what was
//! found and what was expected, with the offending line shown.

use std::fmt;
use std::path::{Path, PathBuf};

use super::node::Loc;

/// The text of every file read for one scenario; a [`FileId`] indexes it.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FileId(pub usize);

impl Sources {
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.files.push(SourceFile { path, text });
        FileId(self.files.len() - 1)
    }
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }
    pub fn text(&self, id: FileId) -> &str {
        &self.files[id.0].text
    }
    pub fn path(&self, id: FileId) -> &Path {
        &self.files[id.0].path
    }
    /// Every file read, in the order read.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|f| f.path.as_path())
    }
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files.iter().position(|f| f.path == path).map(FileId)
    }
}

/// One problem in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or as resolved from a reference).
    pub file: String,
    /// 1-based line and column; 0 when the problem concerns the whole file.
    pub line: u32,
    pub col: u32,
    /// The field, as a path such as `costs[2].unit_cost`; empty for file-level problems.
    pub field: String,
    /// What was found and what was expected.
    pub message: String,
    /// The source lines around the problem, already rendered (may be empty).
    pub snippet: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.col > 0 {
                write!(f, ":{}", self.col)?;
            }
        }
        if self.field.is_empty() {
            write!(f, ": {}", self.message)?;
        } else {
            write!(f, ": {}: {}", self.field, self.message)?;
        }
        if !self.snippet.is_empty() {
            write!(f, "\n{}", self.snippet.trim_end())?;
        }
        Ok(())
    }
}

/// Everything wrong with the input, in file order. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub diagnostics: Vec<Diagnostic>,
}

impl InputError {
    pub fn single(d: Diagnostic) -> Self {
        InputError {
            diagnostics: vec![d],
        }
    }

    /// An error about a whole file (cannot be read, is empty, ...).
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Self::single(Diagnostic {
            file: path.display().to_string(),
            line: 0,
            col: 0,
            field: String::new(),
            message: message.into(),
            snippet: String::new(),
        })
    }
}

/// How many problems are shown before the rest are summarised.
const MAX_SHOWN: usize = 20;

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().take(MAX_SHOWN).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        let n = self.diagnostics.len();
        if n > MAX_SHOWN {
            write!(f, "\n... and {} more problems", n - MAX_SHOWN)?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// Render the line at `loc` with a caret under the value.
pub fn snippet(text: &str, loc: Loc) -> String {
    if loc.line == 0 {
        return String::new();
    }
    let Some(line) = text.lines().nth(loc.line as usize - 1) else {
        return String::new();
    };
    let num = loc.line.to_string();
    let pad = " ".repeat(num.len());
    let col = loc.col.max(1) as usize - 1;
    let width = loc
        .span
        .and_then(|(o, n)| text.get(o..o + n))
        .map(|s| s.lines().next().unwrap_or("").chars().count())
        .unwrap_or(1)
        .clamp(1, line.chars().count().saturating_sub(col).max(1));
    let lead: String = line
        .chars()
        .take(col)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "{pad} |\n{num} | {line}\n{pad} | {lead}{}",
        "^".repeat(width)
    )
}

/// Collects diagnostics while a file is validated, so that one run reports every problem.
#[derive(Debug, Default)]
pub struct Problems {
    pub list: Vec<Diagnostic>,
}

impl Problems {
    pub fn push(
        &mut self,
        sources: &Sources,
        file: FileId,
        loc: Loc,
        field: &str,
        msg: impl Into<String>,
    ) {
        self.list.push(Diagnostic {
            file: sources.path(file).display().to_string(),
            line: loc.line,
            col: loc.col,
            field: field.to_owned(),
            message: msg.into(),
            snippet: snippet(sources.text(file), loc),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The problems as an error, when validation cannot go on (there is always at least one:
    /// whatever stopped it reported itself).
    pub fn into_error(self) -> InputError {
        debug_assert!(!self.list.is_empty(), "stopped without a reported problem");
        InputError {
            diagnostics: self.list,
        }
    }

    pub fn into_result<T>(self, value: T) -> Result<T, InputError> {
        if self.list.is_empty() {
            Ok(value)
        } else {
            Err(InputError {
                diagnostics: self.list,
            })
        }
    }
}

/// The closest of `choices` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, choices: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_l = word.to_lowercase();
    choices
        .into_iter()
        .map(|c| (edit_distance(&word_l, &c.to_lowercase()), c))
        // Close relative to the word: one edit per three letters (at least one), and never
        // as many edits as the word has letters (`C` is not a typo of `A`).
        .filter(|(d, c)| *d <= 1.max(c.chars().count() / 3) && *d < word.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// "`a`, `b` or `c`" for messages that list the valid choices.
pub fn one_of<S: AsRef<str>>(choices: &[S]) -> String {
    let quoted: Vec<String> = choices
        .iter()
        .map(|c| format!("`{}`", c.as_ref()))
        .collect();
    match quoted.len() {
        0 => "(none)".into(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_suggestions() {
        assert_eq!(
            did_you_mean("kommunne", ["kommune", "region", "stat"]),
            Some("kommune")
        );
        assert_eq!(did_you_mean("velux", ["kommune", "region", "stat"]), None);
        assert_eq!(did_you_mean("C", ["A", "B"]), None);
        assert_eq!(
            did_you_mean("Kolidng", ["Kolding", "Fredericia"]),
            Some("Kolding")
        );
        assert_eq!(
            did_you_mean("triangle", ["uniform", "triangular"]),
            Some("triangular")
        );
    }

    #[test]
    fn snippet_points_at_value() {
        let text = "a: 1\nprice: -5000\n";
        let s = snippet(
            text,
            Loc {
                line: 2,
                col: 8,
                span: Some((12, 5)),
            },
        );
        assert_eq!(s, "  |\n2 | price: -5000\n  |        ^^^^^");
    }

    #[test]
    fn lists_choices() {
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}

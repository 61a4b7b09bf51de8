//! Input errors: every mistake a person can make in a file, named by file, line, field, what was
//! found and what was expected, with the offending line shown.

use std::fmt;
use std::path::{Path, PathBuf};

use super::node::Loc;
use crate::lang::{Lang, Message, msg};

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
    pub message: Message,
    /// The source lines around the problem, already rendered (may be empty). The parser's
    /// snippets label the place with its message, so a snippet too has each language's text.
    pub snippet: Message,
}

/// The words that frame every message: `error:` before it.
pub fn error_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "error",
        Lang::Da => "fejl",
    }
}

impl Diagnostic {
    /// The problem as a person reads it in `lang`: `error: FILE:LINE:COL: FIELD: MESSAGE`, then
    /// the lines around it.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = format!("{}: {}", error_word(lang), self.file);
        if self.line > 0 {
            out.push_str(&format!(":{}", self.line));
            if self.col > 0 {
                out.push_str(&format!(":{}", self.col));
            }
        }
        if !self.field.is_empty() {
            out.push_str(&format!(": {}", self.field));
        }
        out.push_str(&format!(": {}", self.message.get(lang)));
        let snippet = self.snippet.get(lang);
        if !snippet.is_empty() {
            out.push_str(&format!("\n{}", snippet.trim_end()));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    /// In English (for logs and tests); [`Diagnostic::render`] speaks either language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
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
    pub fn file(path: &Path, message: Message) -> Self {
        Self::single(Diagnostic {
            file: path.display().to_string(),
            line: 0,
            col: 0,
            field: String::new(),
            message,
            snippet: Message::verbatim(String::new()),
        })
    }

    /// Every problem as a person reads it in `lang` (the first `MAX_SHOWN`, then how many
    /// more there are).
    pub fn render(&self, lang: Lang) -> String {
        let mut out: Vec<String> = (self.diagnostics.iter())
            .take(MAX_SHOWN)
            .map(|d| d.render(lang))
            .collect();
        let n = self.diagnostics.len();
        if n > MAX_SHOWN {
            let more = n - MAX_SHOWN;
            let problems = if more == 1 { "problem" } else { "problemer" };
            out.push(
                msg!(
                    "... and {more} more problems",
                    "... og {more} {problems} mere"
                )
                .get(lang)
                .to_owned(),
            );
        }
        out.join("\n")
    }

    /// The problems in both languages.
    pub fn message(&self) -> Message {
        Message::by(|lang| self.render(lang))
    }
}

/// How many problems are shown before the rest are summarised.
const MAX_SHOWN: usize = 20;

impl fmt::Display for InputError {
    /// In English (for logs and tests); [`InputError::render`] speaks either language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
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
        message: Message,
    ) {
        self.list.push(Diagnostic {
            file: sources.path(file).display().to_string(),
            line: loc.line,
            col: loc.col,
            field: field.to_owned(),
            message,
            snippet: Message::verbatim(snippet(sources.text(file), loc)),
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

/// "`a`, `b` or `c`" (Danish "`a`, `b` eller `c`") for messages that list the valid choices.
pub fn one_of<S: AsRef<str>>(choices: &[S]) -> Message {
    let quoted: Vec<String> = choices
        .iter()
        .map(|c| format!("`{}`", c.as_ref()))
        .collect();
    match quoted.len() {
        0 => Message::new("(none)", "(ingen)"),
        1 => Message::verbatim(quoted[0].clone()),
        n => {
            let (head, last) = (quoted[..n - 1].join(", "), &quoted[n - 1]);
            msg!("{head} or {last}", "{head} eller {last}")
        }
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
    fn many_problems_are_summarised_in_each_language() {
        let d = |i: u32| Diagnostic {
            file: "s.yaml".into(),
            line: i,
            col: 1,
            field: "horizon".into(),
            message: Message::new("found 0", "fandt 0"),
            snippet: Message::verbatim(""),
        };
        let e = InputError {
            diagnostics: (1..=MAX_SHOWN as u32 + 2).map(d).collect(),
        };
        assert!(e.render(Lang::En).ends_with("... and 2 more problems"));
        let da = e.render(Lang::Da);
        assert!(
            da.starts_with("fejl: s.yaml:1:1: horizon: fandt 0\n"),
            "{da}"
        );
        assert!(da.ends_with("... og 2 problemer mere"), "{da}");
        assert_eq!(e.to_string(), e.render(Lang::En));
    }

    #[test]
    fn lists_choices() {
        assert_eq!(one_of(&["a", "b", "c"]).en(), "`a`, `b` or `c`");
        assert_eq!(one_of(&["a", "b", "c"]).da(), "`a`, `b` eller `c`");
    }
}

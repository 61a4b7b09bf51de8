//! JSON output: the [`RunReport`](super::RunReport) serialised as it is documented there.

use serde::Serialize;

/// Pretty-printed JSON with a trailing newline.
pub fn render<T: Serialize>(report: &T) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("report views always serialise");
    s.push('\n');
    s
}

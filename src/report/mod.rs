//! Reports: the views of a run that every output format shares (`views`), and one folder per
//! format (`text`, `csv`, `json`, `xlsx`, `html`), each with a file per view. A format turns a
//! view into bytes without any I/O, so every format is tested on its own; [`Render`] is the one
//! interface through which a command writes a report in any format. What a person reads takes
//! its words from one vocabulary per language ([`words`]) and its number formats from
//! [`locale`]; JSON and CSV are for scripts and the same in every language.

pub mod csv;
pub mod format;
pub mod html;
pub mod json;
pub mod locale;
pub mod render;
pub mod text;
pub mod views;
pub mod words;
pub mod xlsx;

pub use render::{Format, Render, RunOptions};
pub use views::*;

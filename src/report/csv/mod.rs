//! CSV for scripts and spreadsheets, one file per view. Columns are fixed and documented in
//! `docs/output.md`; money has two decimals (øre), no thousands separators, `.` as the decimal
//! point; an undefined value is an empty field.

pub mod batch;
pub mod cea;
pub mod compare;
pub mod deal;
pub mod portfolio;
pub mod run;
pub mod samples;
pub mod sensitivity;
pub mod settle;
pub mod sheet;
pub mod society;

pub use sheet::{Sheet, money, num, text};

//! Tables for people, one file per view, in the words and numbers of a language
//! ([`table::Say`]). The layout may change between versions; JSON and CSV are for scripts.

pub mod batch;
pub mod budget;
pub mod cea;
pub mod compare;
pub mod contract;
pub mod deal;
pub mod montecarlo;
pub mod portfolio;
pub mod run;
pub mod sensitivity;
pub mod settle;
pub mod society;
pub mod stack;
pub mod table;
pub mod terms;

//! Every integration test of somsim, in one binary (one link instead of one per file: a
//! rebuild after a change to the library takes a third of the time it took with a binary per
//! file, and the whole suite runs faster; `docs/performance.md`, "The test suite"). Run one
//! part with its module's name, e.g. `cargo test --test suite -- golden::`.

mod common;

// The model's arithmetic, against hand and independent workings.
/// The cost-effectiveness of non-monetary outcomes.
mod cea;
/// Correlated inputs and partial pooling.
mod correlation;
/// EVPPI of single inputs and of groups of inputs.
mod evppi;
/// EVSI, ENBS and the optimal study size against closed forms and a nested Monte Carlo.
mod evsi;
/// A small scenario worked by hand from MODEL.md's formulas.
mod hand_worked;
/// The Monte Carlo kernel against the exact ledger.
mod kernel_vs_ledger;
/// Latin hypercube sampling.
mod lhs;
/// Reproducibility, agreement with the base case, common random numbers.
mod montecarlo;
/// Each municipality's own break-even over the trials.
mod municipal_break_even;
/// Properties of the ledger on generated scenarios.
mod properties;
/// The societal perspective.
mod society;
/// Volume risk: a municipality that may stop running the course.
mod volume;

// Contracts and the deal space.
/// Contracts through the whole engine.
mod contracts;
/// The deal space settled on the stored trials.
mod deal;
/// Paying on a measured outcome: noise-free equals true, power, expected base case.
mod measured;
/// Settlement on actual data and the forecast given the data.
mod settle;
/// The actuals file as YAML: the same rows as the CSV, its mistakes located.
mod settle_actuals;
/// The settlement's HTML page: its numbers are its JSON's.
mod settle_page;
/// Settlement of a contract with a capital stack: the observed years by the waterfall.
mod settle_stack;
/// The solvers for a term against the grid's crossings.
mod solve;
/// The investor's IRR against a spreadsheet's.
mod spreadsheet_irr;
/// A capital stack: the waterfall by hand, tranche flows adding up, `all` unchanged.
mod stack;

// The analyses and the commands.
/// Compare, sensitivity and batch runs.
mod analysis;
/// The kommune's budget years in current prices.
mod budget;
/// The command line as a person uses it.
mod cli;
/// Starter scenarios for every municipality.
mod new;
/// Sharded batches and their merge.
mod shard;

// What a person reads.
/// The human and CSV layouts, pinned by golden files.
mod golden;
/// Danish tables and messages.
mod lang;
/// The value-of-information pictures against the stored trials and the JSON.
mod pictures;
mod portfolio;
/// The README's and the guide's commands and links.
mod readme;
/// The report page and the council brief.
mod report;
/// Each input changed in the workbook against `run --set`.
mod what_if;
/// Every word from the vocabulary.
mod words;
/// The workbook, recalculated by IronCalc.
mod workbook;
/// The workbook's budget years in current prices, as formulas of the projection.
mod workbook_budget;
/// The workbook in Danish.
mod workbook_lang;
/// The workbook's first sheet, input cells and print setup.
mod workbook_layout;
/// A capital stack's waterfall on the workbook's Contracts sheet, recalculated.
mod workbook_stack;

// What no input may do.
/// The catalogue of broken inputs and command-line mistakes.
mod error_catalogue;
/// A structure-aware mutation fuzzer.
mod fuzz;
/// Hostile names in the workbook and CSV.
mod names;
/// Every number a person types, fed the same habits.
mod numbers;
/// Files, signals and hostile input.
mod reliability;

// The code's shape.
/// Layers and circles of `src/`.
mod architecture;

//! One rendering interface for every report: each report is written in every format through
//! [`Render`], to a writer. A new format (a spreadsheet, an HTML report) is one more method
//! here, and the compiler then lists every report that lacks it.

use std::io::Write;

use serde::Serialize;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned tables for people (the layout may change between versions).
    Table,
    /// Versioned JSON for scripts (`docs/output.md`).
    Json,
    /// Versioned CSV for scripts and spreadsheets (`docs/output.md`).
    Csv,
    /// An Excel workbook (needs `-o FILE.xlsx`): for `run`, the ledger with live formulas;
    /// otherwise the CSV table on a sheet.
    Xlsx,
}

impl Format {
    /// Whether people read it (the terminal's tables, the workbook), so that it shows the
    /// Danish forms the files give under `--lang da`; JSON and CSV keep the files' English.
    pub fn for_people(self) -> bool {
        matches!(self, Format::Table | Format::Xlsx)
    }
}

/// A report in every format. JSON is the report's serde form, documented field by field where
/// the view types are defined.
pub trait Render: Serialize {
    /// What a person chose to see beyond the report itself (perspectives shown, a ledger
    /// filter); JSON always carries everything.
    type Options;
    /// Aligned tables, for a terminal.
    fn table(&self, options: &Self::Options) -> String;
    /// CSV with a header row.
    fn csv(&self, options: &Self::Options) -> String;
    /// An Excel workbook (`super::xlsx::table` puts a CSV table on one sheet).
    fn xlsx(&self, options: &Self::Options) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError>;

    /// Write the report in `format` to `w`.
    fn write(
        &self,
        format: Format,
        options: &Self::Options,
        w: &mut dyn Write,
    ) -> std::io::Result<()> {
        match format {
            Format::Table => w.write_all(self.table(options).as_bytes()),
            Format::Csv => w.write_all(self.csv(options).as_bytes()),
            Format::Json => super::json::write(w, self),
            Format::Xlsx => {
                let bytes = self.xlsx(options).map_err(std::io::Error::other)?;
                w.write_all(&bytes)
            }
        }
    }
}

impl Render for super::Run<'_> {
    type Options = RunOptions;
    fn xlsx(&self, o: &RunOptions) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        super::xlsx::run(&self.report, self.model, o.lang)
    }
    fn table(&self, o: &RunOptions) -> String {
        super::text::run::render(&self.report, o)
    }
    fn csv(&self, o: &RunOptions) -> String {
        let r = &self.report;
        match (o.csv, &o.ledger) {
            (_, Some(filter)) => super::csv::run::ledger(r, filter),
            (CsvTable::Summary, None) => super::csv::run::summary(r),
            (CsvTable::Contracts, _) => super::csv::run::contracts(r),
            (CsvTable::Municipalities, _) => super::csv::run::municipalities(r),
            (CsvTable::Society, _) => super::csv::society::csv(&r.base.society),
            (CsvTable::Correlations, _) => super::csv::run::correlations(r),
            (CsvTable::Ceac, _) => (r.cost_effectiveness.as_ref())
                .map(super::csv::cea::csv)
                .unwrap_or_default(),
        }
    }
}

/// Which table `somsim run --format csv` writes: the summary, or one asked for instead (the
/// ledger rows with `--ledger`, which [`RunOptions::ledger`] filters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CsvTable {
    /// One row per perspective.
    #[default]
    Summary,
    /// The contracts' results, one row per field of each contract's JSON.
    Contracts,
    /// The cost-effectiveness acceptability curves.
    Ceac,
    /// Each municipality's own NPV over the trials.
    Municipalities,
    /// The societal perspective's decomposition.
    Society,
    /// The rank correlations, target and achieved.
    Correlations,
}

/// What `somsim run` shows beyond the summary.
pub struct RunOptions {
    /// The year-by-year ledger, filtered (in CSV: the ledger rows instead of the summary).
    pub ledger: Option<super::LedgerFilter>,
    /// In CSV, the table instead of the summary.
    pub csv: CsvTable,
    /// The assumptions used, with their sources (table only; JSON always has them).
    pub sources: bool,
    /// The table goes to a terminal: add the pictures that only a terminal shows (the
    /// break-even curve as a sparkline).
    pub terminal: bool,
    /// The table's and the workbook's language (JSON and CSV are the same in every language).
    pub lang: super::locale::Lang,
    /// The perspectives the table shows (empty: every one); JSON and CSV show every one.
    pub perspectives: Vec<String>,
    /// The municipality whose own budget the table shows (`None`: every one, in `full`).
    pub municipality: Option<String>,
    /// Every table; otherwise the answer (base case, NPV over the trials, contracts) and where
    /// to find the rest.
    pub full: bool,
    /// The inputs changed on the command line (`--set`), as (path, value).
    pub changed: Vec<(String, String)>,
}

impl Render for super::views::compare::CompareReport {
    /// The perspectives shown in the table, its language, and whether CSV gives the paired
    /// acceptability curves (`--ceac`) instead of the summary.
    type Options = (Vec<String>, super::locale::Lang, bool);
    /// One sheet per perspective, and the contracts.
    fn xlsx(&self, (_, lang, _): &Self::Options) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        super::xlsx::compare(self, *lang)
    }
    fn table(&self, (show, lang, _): &Self::Options) -> String {
        super::text::compare::table(self, show, super::text::table::Say::of(*lang))
    }
    fn csv(&self, (_, _, ceac): &Self::Options) -> String {
        if *ceac {
            super::csv::compare::ceac_csv(self)
        } else {
            super::csv::compare::csv(self)
        }
    }
}

impl Render for super::views::sensitivity::SensitivityReport {
    /// The perspectives shown in the table, its language, and whether the CSV is the studies'
    /// table (`--studies`) instead of the inputs'.
    type Options = (Vec<String>, super::locale::Lang, bool);
    /// One sheet per perspective (every perspective, as in JSON), with the tornado chart.
    fn xlsx(&self, (_, lang, _): &Self::Options) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        super::xlsx::sensitivity(self, *lang)
    }
    fn table(&self, (show, lang, _): &Self::Options) -> String {
        super::text::sensitivity::table(self, show, super::text::table::Say::of(*lang))
    }
    fn csv(&self, (_, _, studies): &Self::Options) -> String {
        if *studies {
            super::csv::sensitivity::studies_csv(self)
        } else {
            super::csv::sensitivity::csv(self)
        }
    }
}

impl Render for super::views::batch::BatchReport {
    /// The table's language, and the perspective it shows (CSV, JSON and the workbook have
    /// every one).
    type Options = (super::locale::Lang, String);
    fn xlsx(&self, o: &Self::Options) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        super::xlsx::table(super::xlsx::Sheet::Batch, &self.csv(o), o.0)
    }
    fn table(&self, (lang, perspective): &Self::Options) -> String {
        super::text::batch::table(self, perspective, super::text::table::Say::of(*lang))
    }
    fn csv(&self, _: &Self::Options) -> String {
        super::csv::batch::csv(self)
    }
}

impl Render for super::views::settle::SettleReport {
    type Options = super::locale::Lang;
    /// The statement as formulas that recalculate to the engine's values, and the forecast.
    fn xlsx(&self, o: &Self::Options) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        super::xlsx::settle(self, *o)
    }
    fn table(&self, lang: &Self::Options) -> String {
        super::text::settle::table(self, super::text::table::Say::of(*lang))
    }
    fn csv(&self, _: &Self::Options) -> String {
        super::csv::settle::csv(self)
    }
}

impl Render for super::views::deal::DealReport {
    type Options = super::locale::Lang;
    fn xlsx(&self, o: &Self::Options) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let sheet = super::xlsx::Sheet::DealSpace {
            scenario: &self.scenario,
            contract: &self.contract,
        };
        super::xlsx::table(sheet, &self.csv(o), *o)
    }
    fn table(&self, lang: &Self::Options) -> String {
        super::text::deal::table(self, super::text::table::Say::of(*lang))
    }
    fn csv(&self, _: &Self::Options) -> String {
        super::csv::deal::csv(self)
    }
}

impl Render for super::views::portfolio::PortfolioReport {
    type Options = super::locale::Lang;
    /// The years' table on a sheet (the base case's fund balance as formulas:
    /// `super::xlsx::portfolio`).
    fn xlsx(&self, o: &Self::Options) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        super::xlsx::portfolio(self, *o)
    }
    fn table(&self, lang: &Self::Options) -> String {
        super::text::portfolio::table(self, super::text::table::Say::of(*lang))
    }
    fn csv(&self, _: &Self::Options) -> String {
        super::csv::portfolio::csv(self)
    }
}

impl Render for super::views::portfolio::PortfolioGridReport {
    type Options = super::locale::Lang;
    fn xlsx(&self, o: &Self::Options) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        super::xlsx::table(super::xlsx::Sheet::Batch, &self.csv(o), *o)
    }
    fn table(&self, lang: &Self::Options) -> String {
        super::text::portfolio::grid(self, super::text::table::Say::of(*lang))
    }
    fn csv(&self, _: &Self::Options) -> String {
        super::csv::portfolio::grid_csv(self)
    }
}

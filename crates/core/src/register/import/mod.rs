//! Import of an existing owner register (.xlsx, .xls, .csv).
//!
//! The file goes through four small steps, one file each:
//! `read` (file → rows of cells), `columns` (find the header row, map the
//! aliases), `row` (one row → a checked record, every problem collected) and
//! `write` (records → units, people, occupancies, opening bills).
//!
//! All writing happens in ONE transaction. The records are applied inside it
//! even when the file has problems or this is a dry run: that is how problems
//! only the database can reveal (an owner conflict) are found, and how a dry
//! run's counts are exactly those a real run would give. The transaction is
//! then committed only when the file is clean (or bad rows are skipped) and
//! this is not a dry run; otherwise it is rolled back and nothing is written.

mod child;
pub(crate) mod columns;
pub(crate) mod read;
mod row;
mod write;

use std::path::Path;

use serde::Serialize;
use serde_json::json;

pub use child::{serve_workbook_reader, shorten_workbook_wait, use_workbook_reader};

use crate::db::Db;
use crate::error::{Coded, Error, Result};

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Sheet name; the first sheet when `None`.
    pub sheet: Option<String>,
    /// Check everything, write nothing.
    pub dry_run: bool,
    /// Write the good rows and list the bad ones, instead of writing nothing.
    pub skip_bad_rows: bool,
}

/// One problem in one cell (or row) of the file, as the user sees it in Excel.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number Excel shows (1-based, title rows counted).
    pub row: usize,
    /// The column's header as written in the file.
    pub column: String,
    pub code: &'static str,
    pub message: String,
}

/// What an import did (or, in a dry run, would do with the good rows).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    /// Data rows read below the header (totals rows and blank rows not counted).
    pub rows: usize,
    pub units_created: usize,
    pub people_created: usize,
    pub opening_balances: usize,
    /// Bad rows left out (only with `skip_bad_rows`).
    pub skipped: usize,
    pub errors: Vec<RowProblem>,
}

/// Problems with the file as a whole; problems in rows are `RowProblem`s in the report.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("文件“{file}”读不出来（{reason}）。请确认它是 Excel（.xlsx/.xls）或 CSV 文件，没有加密，也没有在别的程序里打开。")]
    Unreadable { file: String, reason: String },
    #[error("文件“{file}”在 {seconds} 秒内没有读完，已停止读取（文件可能已损坏）。请在 Excel 中打开它，另存为新的 .xlsx 文件后再导入。")]
    TooSlow { file: String, seconds: u64 },
    #[error("找不到工作表“{wanted}”。这个文件里的工作表有：{available}。")]
    NoSheet { wanted: String, available: String },
    #[error("在前 {rows} 行里没找到表头行。表头行应有{hint}等列名，请检查是否选错了工作表。")]
    NoHeader { rows: usize, hint: String },
    #[error("表头缺少必填的列：{missing}。请在表头行加上这些列后再导入。")]
    MissingColumn { missing: String },
    /// Used inside `import_owners` to roll back a dry run or a file with
    /// problems; it is turned back into the report and never returned.
    #[error("导入已撤销，没有写入任何数据。")]
    NotWritten,
}

impl Coded for ImportError {
    fn code(&self) -> &'static str {
        match self {
            ImportError::Unreadable { .. } => "import.unreadable",
            ImportError::TooSlow { .. } => "import.too_slow",
            ImportError::NoSheet { .. } => "import.no_sheet",
            ImportError::NoHeader { .. } => "import.no_header",
            ImportError::MissingColumn { .. } => "import.missing_column",
            ImportError::NotWritten => "import.not_written",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

/// Who the audit log names when no one is signed in (the CLI, scripts).
const ACTOR: &str = "系统";

/// Reads, checks and (unless there are problems or it is a dry run) writes the register.
/// `progress(done, total)` is called as rows are processed.
pub fn import_owners(db: &mut Db, path: &Path, options: &ImportOptions, progress: &mut dyn FnMut(usize, usize)) -> Result<ImportReport> {
    import_owners_as(db, ACTOR, path, options, progress)
}

/// `import_owners` with the audit log naming `actor` (the signed-in person; see `desk::import_owners`).
pub fn import_owners_as(
    db: &mut Db,
    actor: &str,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    let mut table = read::read_table(path, options.sheet.as_deref())?;
    let cols = columns::find(&table)?;
    table.fill_merged_below(cols.header_index, &cols.key_indices())?;
    let checked = row::check_rows(&table, &cols);
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();

    let mut outcome = write::Outcome::default();
    let written = db.write(actor, |tx| {
        write::apply_all(tx, &checked, &cols, &mut outcome, progress)?;
        let clean = outcome.problems.is_empty();
        if options.dry_run || (!clean && !options.skip_bad_rows) || outcome.wrote_nothing() {
            return Err(ImportError::NotWritten.into());
        }
        let detail = json!({
            "file": file,
            "units_created": outcome.units_created,
            "people_created": outcome.people_created,
            "opening_balances": outcome.opening_balances,
            "skipped": outcome.bad_rows(),
            "units": outcome.created_codes,
        });
        tx.audit("register.import", "import", 0, detail)
    });
    match written {
        Ok(()) | Err(Error::Import(ImportError::NotWritten)) => {}
        Err(e) => return Err(e),
    }

    let skipped = if options.skip_bad_rows { outcome.bad_rows() } else { 0 };
    let mut errors = std::mem::take(&mut outcome.problems);
    // Stable sort: rows in file order, each row's problems in the order they were found.
    errors.sort_by_key(|p| p.row);
    let counted = options.dry_run || errors.is_empty() || options.skip_bad_rows;
    let report = ImportReport {
        rows: checked.len(),
        units_created: if counted { outcome.units_created } else { 0 },
        people_created: if counted { outcome.people_created } else { 0 },
        opening_balances: if counted { outcome.opening_balances } else { 0 },
        skipped,
        errors,
    };
    Ok(report)
}

//! Reading a workbook in a child process under a deadline. calamine 0.38 (the
//! newest on the registry) loops forever on some damaged .xls files, taking
//! gigabytes of memory within seconds (tests/fixtures/hang-calamine.xls): a
//! thread cannot be stopped, a process can. The child is the program itself,
//! started with `READER_ARG`: it opens nothing but the workbook, writes the
//! rows to its stdout as JSON and exits; the parent kills it at the deadline.
//! It holds no database, so a stuck or killed child can write nothing.
//!
//! Every program that imports calls `serve_workbook_reader` first thing in
//! `main` (the CLI, the desk); the core's tests name their helper binary with
//! `use_workbook_reader`. A program that does neither reads in process.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use calamine::Dimensions;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ImportError;
use super::read::{self, Cell, DAMAGED, MergeSource, Row, Table, unreadable};

/// The first argument that makes the program read a workbook for its parent.
const READER_ARG: &str = "--estate-read-workbook";

/// The executable started as the reader, once known.
static READER: OnceLock<PathBuf> = OnceLock::new();

/// Serves a parent's request and exits when this process was started as a
/// reader; otherwise records this executable as the reader and returns.
pub fn serve_workbook_reader() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(READER_ARG) {
        let answer = serve(&args[1..]);
        let mut out = std::io::stdout().lock();
        let written = serde_json::to_writer(&mut out, &answer).is_ok() && out.flush().is_ok();
        std::process::exit(if written { 0 } else { 1 });
    }
    if let Ok(me) = std::env::current_exe() {
        use_workbook_reader(me);
    }
}

/// Names the executable to start as the reader (one that calls
/// `serve_workbook_reader` first); the first one named stays.
pub fn use_workbook_reader(program: PathBuf) {
    let _ = READER.set(program);
}

/// The wait for a workbook before its first MB, once shortened (`shorten_workbook_wait`).
static FIRST_WAIT: OnceLock<Duration> = OnceLock::new();

/// Shortens the 5 s a workbook may take before its first MB: a test that reads
/// hundreds of damaged files, a quarter of which hang the reader, would otherwise
/// spend minutes waiting. The programs keep 5 s; the first wait named stays.
pub fn shorten_workbook_wait(first: Duration) {
    let _ = FIRST_WAIT.set(first);
}

/// How long a workbook may take: 5 s, and 5 s more per MB. A register of
/// 5,000 units (about 300 KB) reads in a fraction of a second.
fn deadline(path: &Path) -> Duration {
    let megabytes = std::fs::metadata(path).map_or(0, |m| m.len()) / 1_000_000;
    FIRST_WAIT.get().copied().unwrap_or(Duration::from_secs(5)) + Duration::from_secs(5 * megabytes)
}

/// A cell as it crosses the pipe (dates as days since 0001-01-01).
#[derive(Serialize, Deserialize)]
enum Wire {
    E,
    T(String),
    I(i64),
    F(f64),
    D(i32),
}

impl Wire {
    fn of(c: &Cell) -> Wire {
        match c {
            Cell::Empty => Wire::E,
            Cell::Text(s) => Wire::T(s.clone()),
            Cell::Int(i) => Wire::I(*i),
            Cell::Float(f) => Wire::F(*f),
            Cell::Date(d) => Wire::D(d.num_days_from_ce()),
        }
    }

    fn cell(self) -> Cell {
        match self {
            Wire::E => Cell::Empty,
            Wire::T(s) => Cell::Text(s),
            Wire::I(i) => Cell::Int(i),
            Wire::F(f) => Cell::Float(f),
            Wire::D(days) => NaiveDate::from_num_days_from_ce_opt(days).map_or(Cell::Empty, Cell::Date),
        }
    }
}

/// What the child writes: the rows, the merged regions, or why it could not.
#[derive(Serialize, Deserialize)]
enum Answer {
    Rows { sheet: String, top: u32, left: u32, rows: Vec<(usize, Vec<Wire>)> },
    Merges(Vec<[u32; 4]>),
    Unreadable(String),
    NoSheet { wanted: String, available: String },
}

impl Answer {
    fn refused(e: ImportError) -> Answer {
        match e {
            ImportError::NoSheet { wanted, available } => Answer::NoSheet { wanted, available },
            ImportError::Unreadable { reason, .. } => Answer::Unreadable(reason),
            other => Answer::Unreadable(other.to_string()),
        }
    }
}

/// The child's side: `PATH rows [SHEET]` or `PATH merges SHEET TOP LEFT`.
fn serve(args: &[String]) -> Answer {
    let path = Path::new(args.first().map_or("", String::as_str));
    let number = |i: usize| args.get(i).and_then(|n| n.parse::<u32>().ok()).unwrap_or(0);
    match args.get(1).map(String::as_str) {
        Some("merges") => match read::load_sheet(path, args.get(2).map(String::as_str)) {
            Ok(mut loaded) => {
                let regions = read::merged_regions(&mut loaded.book, &loaded.sheet, number(3), number(4));
                Answer::Merges(regions.iter().map(|m| [m.start.0, m.start.1, m.end.0, m.end.1]).collect())
            }
            Err(e) => Answer::refused(e),
        },
        _ => match read::load_sheet(path, args.get(2).map(String::as_str)) {
            Ok(l) => Answer::Rows {
                sheet: l.sheet,
                top: l.top,
                left: l.left,
                rows: l.rows.iter().map(|r| (r.number, r.cells.iter().map(Wire::of).collect())).collect(),
            },
            Err(e) => Answer::refused(e),
        },
    }
}

/// A workbook to be read by a child process.
pub(super) struct Request {
    program: PathBuf,
    path: PathBuf,
    sheet: Option<String>,
    top: u32,
    left: u32,
}

impl Request {
    /// `None` when this program serves no reader (it reads in process).
    pub(super) fn new(path: &Path, sheet: Option<&str>) -> Option<Request> {
        let program = READER.get()?.clone();
        Some(Request { program, path: path.to_path_buf(), sheet: sheet.map(str::to_string), top: 0, left: 0 })
    }

    /// The sheet's rows; the merged regions stay to be read on demand.
    pub(super) fn rows(self) -> Result<Table, ImportError> {
        let sheet = self.sheet.clone().unwrap_or_default();
        let mut args = vec!["rows".to_string()];
        args.extend(self.sheet.clone());
        match self.ask(&args)? {
            Answer::Rows { sheet, top, left, rows } => {
                let rows = rows.into_iter().map(|(number, cells)| Row { number, cells: cells.into_iter().map(Wire::cell).collect() }).collect();
                Ok(Table { rows, merges: Some(MergeSource::Child(Request { sheet: Some(sheet), top, left, ..self })) })
            }
            other => Err(self.refusal(other, &sheet)),
        }
    }

    /// The merged regions of the sheet the rows came from, relative to its range.
    pub(super) fn merges(self) -> Result<Vec<Dimensions>, ImportError> {
        let sheet = self.sheet.clone().unwrap_or_default();
        match self.ask(&["merges".into(), sheet.clone(), self.top.to_string(), self.left.to_string()])? {
            Answer::Merges(regions) => Ok(regions.into_iter().map(|[a, b, c, d]| Dimensions { start: (a, b), end: (c, d) }).collect()),
            other => Err(self.refusal(other, &sheet)),
        }
    }

    fn refusal(&self, answer: Answer, sheet: &str) -> ImportError {
        match answer {
            Answer::NoSheet { wanted, available } => ImportError::NoSheet { wanted, available },
            Answer::Unreadable(reason) => unreadable(&self.path, reason),
            Answer::Rows { .. } | Answer::Merges(_) => unreadable(&self.path, format!("工作表“{sheet}”读取失败")),
        }
    }

    /// Starts the child, waits for it until the deadline (then kills it) and reads its answer.
    fn ask(&self, args: &[String]) -> Result<Answer, ImportError> {
        let mut child = Command::new(&self.program)
            .arg(READER_ARG)
            .arg(&self.path)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            // A panic's message in calamine is no news for the clerk: the refusal says it.
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| unreadable(&self.path, format!("无法启动读取程序：{e}")))?;
        // Drained on its own thread, so a large answer never fills the pipe and stalls the child.
        let mut stdout = child.stdout.take();
        let drained = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            stdout.as_mut().map(|out| out.read_to_end(&mut bytes));
            bytes
        });
        let limit = deadline(&self.path);
        let start = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(5)),
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let file = self.path.file_name().map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into_owned());
                    return Err(ImportError::TooSlow { file, seconds: limit.as_secs() });
                }
            }
        };
        let bytes = drained.join().unwrap_or_default();
        match serde_json::from_slice(&bytes) {
            Ok(answer) if status.success() => Ok(answer),
            // Killed by a panic or by the system (out of memory): a damaged file.
            _ => Err(unreadable(&self.path, DAMAGED)),
        }
    }
}

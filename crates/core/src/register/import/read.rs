//! File → rows of cells. Excel files go through calamine, CSV through the csv
//! crate after its encoding is found (UTF-8 with or without BOM, UTF-16 with
//! BOM, or GBK as Excel saves "CSV" on a Chinese Windows).

use std::borrow::Cow;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{CellType, Data, DataRef, Dimensions, Range, Reader, ReaderRef, SheetType, SheetVisible, Sheets, open_workbook_auto};
use chrono::NaiveDate;
use encoding_rs::{Encoding, GB18030};

use super::ImportError;

/// One cell as the checks need it: text, a number, or a date Excel already recognised.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Float(f64),
    Date(NaiveDate),
}

impl Cell {
    /// A text cell, trimmed; blank text is `Empty`. Zero-width spaces and BOMs
    /// pasted from web pages and chat apps count as blank too.
    pub fn text(s: &str) -> Cell {
        let t = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'));
        if t.is_empty() { Cell::Empty } else { Cell::Text(t.to_string()) }
    }

    fn from_data(d: &Data) -> Cell {
        match d {
            Data::Empty => Cell::Empty,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::text(s),
            Data::Int(i) => Cell::Int(*i),
            Data::Float(f) => Cell::Float(*f),
            Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
            Data::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
                Some(t) => Cell::Date(t.date()),
                None => Cell::Float(dt.as_f64()),
            },
            Data::DateTime(dt) => Cell::Float(dt.as_f64()),
            // "#N/A" and friends: kept as text so the message quotes what the clerk sees.
            Data::Error(e) => Cell::Text(e.to_string()),
        }
    }

    fn from_data_ref(d: &DataRef<'_>) -> Cell {
        match d {
            DataRef::SharedString(s) => Cell::text(s),
            DataRef::String(s) => Cell::text(s),
            other => Cell::from_data(&Data::from(other.clone())),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as the clerk reads it: whole numbers without ".0" (a room number
    /// typed as a number arrives as 1502.0), dates as 2019-05-01.
    pub fn as_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Int(i) => Cow::Owned(i.to_string()),
            Cell::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Cow::Owned(format!("{}", *f as i64)),
            Cell::Float(f) => Cow::Owned(f.to_string()),
            Cell::Date(d) => Cow::Owned(d.to_string()),
        }
    }
}

/// One row of the file and the row number Excel shows for it.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, index: usize) -> &Cell {
        self.cells.get(index).unwrap_or(&Cell::Empty)
    }
}

/// Where a workbook's merged regions can be read from, when they are needed.
pub(super) enum MergeSource {
    /// The workbook this process opened (boxed: the open workbook is large beside a request).
    Here { book: Box<Sheets<BufReader<File>>>, sheet: String, top: u32, left: u32 },
    /// Read again by a child process under a deadline, as the rows were (`child.rs`).
    Child(super::child::Request),
}

impl MergeSource {
    /// The merged regions as indices into the table's rows and cells.
    fn regions(self) -> Result<Vec<Dimensions>, ImportError> {
        match self {
            MergeSource::Here { mut book, sheet, top, left } => Ok(merged_regions(&mut book, &sheet, top, left)),
            MergeSource::Child(request) => request.merges(),
        }
    }
}

/// The sheet's merged regions that start inside the range at (`top`, `left`), relative to it.
pub(super) fn merged_regions(book: &mut Sheets<BufReader<File>>, sheet: &str, top: u32, left: u32) -> Vec<Dimensions> {
    // Reading them scans the whole sheet again, which is why this is done only on demand.
    let found = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        _ => Vec::new(),
    };
    found
        .into_iter()
        .filter(|m| m.start.0 >= top && m.start.1 >= left)
        .map(|m| Dimensions { start: (m.start.0 - top, m.start.1 - left), end: (m.end.0 - top, m.end.1 - left) })
        .collect()
}

/// A sheet's rows (or a CSV's).
pub struct Table {
    pub rows: Vec<Row>,
    pub(super) merges: Option<MergeSource>,
}

impl Table {
    /// Registers often merge the 楼栋 (or 单元, or an owner's name over two
    /// rooms) down over several rows; Excel keeps the value in the top cell
    /// only. When a data row has one of the `key` cells empty, the merged
    /// regions are read and their value copied into the rest of each region,
    /// for data rows only (below the header), so a merged title or a
    /// two-level header stays as it is.
    pub fn fill_merged_below(&mut self, header_index: usize, key: &[usize]) -> Result<(), ImportError> {
        let gaps = self.rows.iter().skip(header_index + 1).any(|r| {
            r.cells.iter().any(|c| !c.is_empty()) && key.iter().any(|&k| r.cell(k).is_empty())
        });
        let Some(source) = self.merges.take().filter(|_| gaps) else { return Ok(()) };
        for m in source.regions()? {
            let (top, left) = (m.start.0 as usize, m.start.1 as usize);
            if top <= header_index {
                continue;
            }
            let value = match self.rows.get(top) {
                Some(r) => r.cell(left).clone(),
                None => continue,
            };
            for row in self.rows.iter_mut().take(m.end.0 as usize + 1).skip(top) {
                for c in left..=(m.end.1 as usize) {
                    if row.cells.len() <= c {
                        row.cells.resize(c + 1, Cell::Empty);
                    }
                    if row.cells[c].is_empty() {
                        row.cells[c] = value.clone();
                    }
                }
            }
        }
        Ok(())
    }
}

pub(super) fn unreadable(path: &Path, reason: impl Into<String>) -> ImportError {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    ImportError::Unreadable { file, reason: reason.into() }
}

/// Why a workbook that made the reader panic or die is refused.
pub(super) const DAMAGED: &str = "文件已损坏，读不出内容。请在 Excel 中打开后另存为新的 .xlsx 再导入";

/// Reads the sheet (or the CSV) into rows. `sheet` is ignored for CSV, which has only one.
/// A workbook is read by a child process under a deadline when the program
/// serves one (`child.rs`): calamine has looped forever, eating memory, on a
/// damaged .xls.
pub fn read_table(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    if !path.is_file() {
        return Err(unreadable(path, "找不到这个文件"));
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv" | "txt") => read_csv(path),
        _ => match super::child::Request::new(path, sheet) {
            Some(request) => request.rows(),
            None => read_workbook_here(path, sheet),
        },
    }
}

/// Reads a workbook in this process. calamine panics on some damaged workbooks
/// (the import fuzz test met an arithmetic overflow on a bit-flipped sheet size):
/// refuse the file, never take the program (and its open database) down with it.
fn read_workbook_here(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    match std::panic::catch_unwind(|| load_sheet(path, sheet)) {
        Ok(Ok(Loaded { book, sheet, rows, top, left })) => Ok(Table { rows, merges: Some(MergeSource::Here { book: Box::new(book), sheet, top, left }) }),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(unreadable(path, DAMAGED)),
    }
}

/// A sheet read: its rows, where its range starts, its name, and the open workbook.
pub(super) struct Loaded {
    pub book: Sheets<BufReader<File>>,
    pub sheet: String,
    pub rows: Vec<Row>,
    pub top: u32,
    pub left: u32,
}

/// Opens the workbook and reads the sheet (the named one, or the first a clerk can see).
pub(super) fn load_sheet(path: &Path, sheet: Option<&str>) -> Result<Loaded, ImportError> {
    let mut book = open_workbook_auto(path).map_err(|e| unreadable(path, format!("不是能识别的 Excel 文件：{e}")))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names.iter().find(|n| n.trim() == wanted.trim()).cloned().ok_or_else(|| ImportError::NoSheet {
            wanted: wanted.to_string(),
            available: names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join("、"),
        })?,
        // The first sheet a clerk can see; a hidden helper sheet or a chart is not the register.
        None => book
            .sheets_metadata()
            .iter()
            .find(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .or_else(|| names.first().cloned())
            .ok_or_else(|| unreadable(path, "文件里没有工作表"))?,
    };
    let failed = |e: calamine::Error| unreadable(path, format!("工作表“{name}”读取失败：{e}"));
    let (rows, top, left) = match &mut book {
        // xlsx cells can be read borrowing the shared strings: one copy of each text instead of two.
        Sheets::Xlsx(x) => rows_of(&x.worksheet_range_ref(&name).map_err(|e| failed(e.into()))?, Cell::from_data_ref),
        other => rows_of(&other.worksheet_range(&name).map_err(failed)?, Cell::from_data),
    };
    Ok(Loaded { book, sheet: name, rows, top, left })
}

/// The range's rows, numbered as Excel numbers them, and where the range starts:
/// calamine's range starts at the first used cell, Excel's numbering at A1.
fn rows_of<T: CellType>(range: &Range<T>, cell: impl Fn(&T) -> Cell) -> (Vec<Row>, u32, u32) {
    let (top, left) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row { number: top as usize + i + 1, cells: cells.iter().map(&cell).collect() })
        .collect();
    (rows, top, left)
}

fn read_csv(path: &Path) -> Result<Table, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, e.to_string()))?;
    let text = decode(&bytes).map_err(|reason| unreadable(path, reason))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(&text))
        .from_reader(text.as_bytes());
    // Excel numbers rows by line breaks, except those inside a quoted cell,
    // and shows a blank line as an empty row (the csv crate skips it). The
    // crate's own line numbers miss both, so the rows are counted here.
    let bytes = text.as_bytes();
    let (mut rows, mut counted_to, mut breaks, mut breaks_inside) = (Vec::new(), 0, 0, 0);
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(path, format!("CSV 格式有误：{e}")))?;
        // The reported start may sit on the line break before the record.
        let hint = record.position().map_or(counted_to, |p| p.byte() as usize).max(counted_to);
        let start = hint + bytes.get(hint..).unwrap_or_default().iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        breaks += bytes.get(counted_to..start).unwrap_or_default().iter().filter(|&&b| b == b'\n').count();
        counted_to = start;
        rows.push(Row { number: breaks.saturating_sub(breaks_inside) + 1, cells: record.iter().map(Cell::text).collect() });
        breaks_inside += record.iter().map(|f| f.matches('\n').count()).sum::<usize>();
    }
    Ok(Table { rows, merges: None })
}

/// UTF-8 or UTF-16 by their BOM, then UTF-8 if the bytes are valid UTF-8,
/// then GBK (decoded as GB18030, its superset, so rare characters survive).
fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return if had_errors { Err(format!("文件标明是 {} 编码，但内容有乱码", encoding.name())) } else { Ok(text.into_owned()) };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, _, had_errors) = GB18030.decode(bytes);
    if had_errors {
        return Err("文件编码认不出，既不是 UTF-8 也不是 GBK；请在 Excel 里另存为“CSV UTF-8”后再导入".into());
    }
    Ok(text.into_owned())
}

/// Comma, unless the first lines clearly use tabs (Excel's "Unicode text") or semicolons.
fn sniff_delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(20).collect();
    let count = |c: char| head.matches(c).count();
    let (commas, tabs, semis) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn gbk_utf8_and_boms_are_decoded() {
        let text = "楼栋,房号\n3栋,1502\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk).unwrap(), text);
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap(), text);
        assert!(decode(&[0x81, 0x20, 0xff, 0xfe, 0x00]).is_err());
    }

    #[test]
    fn numbers_read_as_the_clerk_sees_them() {
        assert_eq!(Cell::Float(1502.0).as_text(), "1502");
        assert_eq!(Cell::Float(13800000001.0).as_text(), "13800000001");
        assert_eq!(Cell::Float(89.5).as_text(), "89.5");
        assert_eq!(Cell::text(" \u{3000}张三\u{200b} "), Cell::Text("张三".into()));
        assert_eq!(Cell::text(" \u{3000} "), Cell::Empty);
    }

    #[test]
    fn delimiter_is_sniffed() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2,5\t3"), b'\t');
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3"), b';');
    }
}

//! The look of every spreadsheet the office hands out (finance's monthly
//! workbook, the messaging service's lists): a bold filled header that stays
//! frozen with a filter on it, money as numbers formatted `#,##0.00`, dates as
//! real Excel dates, columns wide enough for Chinese text, A4 landscape print
//! set-up with the header repeated on every page, one page wide.
//!
//! Totals are `SUBTOTAL(9, …)` formulas (they follow the filter in Excel)
//! carrying their computed value, so a reader that does not recalculate
//! (calamine, some viewers and phone apps) still sees the right figure.

use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use crate::error::{FileError, Result};
use crate::money::Money;

/// What a column holds, which decides its format and how it is totalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Yuan, written from fen as a number with two decimals.
    Money,
    Date,
    DateTime,
    Count,
    /// A whole number that is not totalled (days overdue).
    Number,
    /// A ratio written as a number and shown as 98.50%.
    Percent,
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub kind: Kind,
}

pub const fn col(title: &'static str, kind: Kind) -> Column {
    Column { title, kind }
}

/// A ratio in the totals row: at column `at`, the total of column `num`
/// over the sum of the totals of columns `den` (all money, or all counts).
#[derive(Debug, Clone, Copy)]
pub struct Ratio {
    pub at: usize,
    pub num: usize,
    pub den: &'static [usize],
}

/// One cell of a data row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Money(Money),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    Count(i64),
    /// A ratio (0.985 for 98.50%); `None` when there is nothing to divide by.
    Percent(Option<f64>),
    /// A formula with the amount it comes to (counted in the column's total).
    MoneyFormula(String, Money),
    /// A formula giving a ratio, with its value.
    PercentFormula(String, Option<f64>),
    /// A figure with two decimals that is not totalled (an average score, 4.33); blank when `None`.
    Decimal(Option<f64>),
    Blank,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

/// The formats every sheet shares, made once per workbook.
struct Styles {
    header: Format,
    text: Format,
    money: Format,
    date: Format,
    datetime: Format,
    count: Format,
    percent: Format,
    decimal: Format,
    total_label: Format,
    total_money: Format,
    total_count: Format,
    total_percent: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = |f: Format| f.set_border(FormatBorder::Thin).set_border_color("#BFBFBF");
        let total = |f: Format| border(f).set_bold().set_background_color("#F2F2F2");
        Styles {
            header: border(Format::new().set_bold().set_background_color("#DDEBF7").set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter).set_text_wrap()),
            text: border(Format::new()),
            money: border(Format::new().set_num_format(MONEY_FORMAT)),
            date: border(Format::new().set_num_format("yyyy-mm-dd")),
            datetime: border(Format::new().set_num_format("yyyy-mm-dd hh:mm")),
            count: border(Format::new().set_num_format("0")),
            percent: border(Format::new().set_num_format(PERCENT_FORMAT)),
            decimal: border(Format::new().set_num_format("0.00")),
            total_label: total(Format::new()),
            total_money: total(Format::new().set_num_format(MONEY_FORMAT)),
            total_count: total(Format::new().set_num_format("0")),
            total_percent: total(Format::new().set_num_format(PERCENT_FORMAT)),
        }
    }
}

pub const MONEY_FORMAT: &str = "#,##0.00";
pub const PERCENT_FORMAT: &str = "0.00%";
/// Excel's paper number for A4.
const PAPER_A4: u8 = 9;
/// Widest a column is made, in character units; longer text wraps in print only if asked.
const MAX_WIDTH: f64 = 60.0;

/// A workbook being written, sheet by sheet.
pub struct Book {
    workbook: Workbook,
    styles: Styles,
    /// Printed at the top of every page before the sheet's name (e.g. "翠湖花园 2026年3月").
    page_title: String,
}

impl Book {
    pub fn new(page_title: &str) -> Book {
        Book { workbook: Workbook::new(), styles: Styles::new(), page_title: page_title.to_string() }
    }

    /// Starts a sheet named `name` with its header row written.
    pub fn sheet(&mut self, name: &str, columns: &[Column]) -> Result<Sheet<'_>> {
        let ws = self.workbook.add_worksheet();
        ws.set_name(name).map_err(internal)?;
        for (c, column) in columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, column.title, &self.styles.header).map_err(internal)?;
        }
        let widths = columns.iter().map(|c| display_width(c.title) as f64).collect();
        let title = format!("{} {name}", self.page_title);
        Ok(Sheet { ws, styles: &self.styles, columns: columns.to_vec(), row: 1, widths, sums: vec![0; columns.len()], title })
    }

    pub fn to_bytes(mut self) -> Result<Vec<u8>> {
        self.workbook.save_to_buffer().map_err(internal)
    }

    /// Saves the workbook, or says which file could not be saved and why.
    pub fn save(self, path: &Path) -> Result<()> {
        let bytes = self.to_bytes()?;
        FileError::write(path, &bytes)
    }
}

/// One sheet: data rows, then one totals row, then `finish`.
pub struct Sheet<'b> {
    ws: &'b mut Worksheet,
    styles: &'b Styles,
    columns: Vec<Column>,
    /// The next row to write (0-based; row 0 is the header).
    row: u32,
    widths: Vec<f64>,
    /// Running totals per column, in fen or counts, for the totals' cached values.
    sums: Vec<i64>,
    title: String,
}

impl Sheet<'_> {
    /// The A1 reference of column `col` in the row about to be written (for in-row formulas).
    pub fn here(&self, col: usize) -> String {
        cell_ref(self.row, col)
    }

    /// Rows written so far, not counting the header.
    pub fn rows(&self) -> u32 {
        self.row - 1
    }

    pub fn write_row(&mut self, cells: &[Cell]) -> Result<()> {
        let (r, s) = (self.row, self.styles);
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16;
            let shown = match cell {
                Cell::Text(t) => {
                    self.ws.write_string_with_format(r, col, t, &s.text).map_err(internal)?;
                    display_width(t)
                }
                Cell::Money(m) => {
                    self.ws.write_number_with_format(r, col, yuan(*m), &s.money).map_err(internal)?;
                    self.sums[c] += m.fen();
                    m.grouped().len()
                }
                Cell::Date(d) => {
                    self.ws.write_datetime_with_format(r, col, excel_date(*d)?, &s.date).map_err(internal)?;
                    10
                }
                Cell::DateTime(t) => {
                    let when = excel_date(t.date())?.and_hms(t.hour() as u16, t.minute() as u8, t.second() as f64).map_err(internal)?;
                    self.ws.write_datetime_with_format(r, col, when, &s.datetime).map_err(internal)?;
                    16
                }
                Cell::Count(n) => {
                    self.ws.write_number_with_format(r, col, *n as f64, &s.count).map_err(internal)?;
                    self.sums[c] += n;
                    n.to_string().len()
                }
                Cell::Percent(p) => {
                    match p {
                        Some(p) => self.ws.write_number_with_format(r, col, *p, &s.percent).map_err(internal)?,
                        None => self.ws.write_blank(r, col, &s.percent).map_err(internal)?,
                    };
                    8
                }
                Cell::MoneyFormula(f, m) => {
                    self.ws.write_formula_with_format(r, col, Formula::new(f).set_result(yuan_text(*m)), &s.money).map_err(internal)?;
                    self.sums[c] += m.fen();
                    m.grouped().len()
                }
                Cell::PercentFormula(f, p) => {
                    self.ws.write_formula_with_format(r, col, Formula::new(f).set_result(ratio_text(*p)), &s.percent).map_err(internal)?;
                    8
                }
                Cell::Decimal(d) => {
                    match d {
                        Some(d) => self.ws.write_number_with_format(r, col, *d, &s.decimal).map_err(internal)?,
                        None => self.ws.write_blank(r, col, &s.decimal).map_err(internal)?,
                    };
                    6
                }
                Cell::Blank => {
                    self.ws.write_blank(r, col, &s.text).map_err(internal)?;
                    0
                }
            };
            self.widths[c] = self.widths[c].max(shown as f64);
        }
        self.row += 1;
        Ok(())
    }

    /// Writes the totals row: the label in the first column, a `SUBTOTAL(9, …)`
    /// with its value under every money and count column, and under each
    /// ratio's column the ratio of the totals it names. An empty sheet first
    /// gets a row saying so.
    pub fn totals(&mut self, label: &str, ratios: &[Ratio]) -> Result<()> {
        if self.row == 1 {
            self.write_row(&[Cell::text("（本月没有记录）")])?;
        }
        let (r, s, last) = (self.row, self.styles, self.row - 1);
        self.ws.write_string_with_format(r, 0, label, &s.total_label).map_err(internal)?;
        for (c, column) in self.columns.iter().enumerate().skip(1) {
            let range = format!("{}:{}", cell_ref(1, c), cell_ref(last, c));
            let formula = format!("SUBTOTAL(9,{range})");
            let col = c as u16;
            match column.kind {
                Kind::Money => {
                    let f = Formula::new(formula).set_result(yuan_text(Money(self.sums[c])));
                    self.ws.write_formula_with_format(r, col, f, &s.total_money).map_err(internal)?;
                }
                Kind::Count => {
                    let f = Formula::new(formula).set_result(self.sums[c].to_string());
                    self.ws.write_formula_with_format(r, col, f, &s.total_count).map_err(internal)?;
                }
                _ => {
                    self.ws.write_blank(r, col, &s.total_label).map_err(internal)?;
                }
            }
        }
        for q in ratios {
            let value = ratio(self.sums[q.num], q.den.iter().map(|&d| self.sums[d]).sum());
            let den: Vec<String> = q.den.iter().map(|&d| cell_ref(r, d)).collect();
            let f = format!("IFERROR({}/({}),\"\")", cell_ref(r, q.num), den.join("+"));
            self.ws.write_formula_with_format(r, q.at as u16, Formula::new(f).set_result(ratio_text(value)), &s.total_percent).map_err(internal)?;
        }
        self.row += 1;
        Ok(())
    }

    /// The total so far of a money or count column (fen or count).
    pub fn sum(&self, col: usize) -> i64 {
        self.sums[col]
    }

    /// Filter on the header over the data rows, header frozen, widths, print set-up.
    pub fn finish(self) -> Result<()> {
        let ws = self.ws;
        let last_col = (self.columns.len() - 1) as u16;
        let last_data = self.row.saturating_sub(2).max(1);
        ws.autofilter(0, 0, last_data, last_col).map_err(internal)?;
        ws.set_freeze_panes(1, 0).map_err(internal)?;
        ws.set_row_height(0, 22).map_err(internal)?;
        for (c, w) in self.widths.iter().enumerate() {
            ws.set_column_width(c as u16, (w + 2.0).min(MAX_WIDTH)).map_err(internal)?;
        }
        ws.set_landscape().set_paper_size(PAPER_A4).set_print_fit_to_pages(1, 0).set_print_center_horizontally(true);
        ws.set_repeat_rows(0, 0).map_err(internal)?;
        ws.set_header(format!("&C&14&B{}", self.title.replace('&', "&&")));
        ws.set_footer("&C第 &P 页，共 &N 页");
        Ok(())
    }
}

/// `ratio` of two totals, `None` when the denominator is zero.
pub fn ratio(num: i64, den: i64) -> Option<f64> {
    (den != 0).then(|| num as f64 / den as f64)
}

/// Yuan as a number for a cell: 12345 fen → 123.45.
pub fn yuan(m: Money) -> f64 {
    m.fen() as f64 / 100.0
}

fn yuan_text(m: Money) -> String {
    m.to_string()
}

fn ratio_text(r: Option<f64>) -> String {
    r.map(|r| r.to_string()).unwrap_or_default()
}

/// "H12" for row index 11, column index 7.
pub fn cell_ref(row: u32, col: usize) -> String {
    let mut name = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

/// Display width in Excel's character units: a hanzi or full-width sign takes two.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 }).sum()
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(internal)
}

fn internal(e: XlsxError) -> crate::Error {
    crate::db::DbError::Internal(format!("表格写不出：{e}")).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn references_and_widths() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(11, 7), "H12");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(display_width("3-2-1502"), 8);
        assert_eq!(display_width("物业服务费"), 10);
        assert_eq!(ratio(1, 4), Some(0.25));
        assert_eq!(ratio(1, 0), None);
    }

    /// Numbers stay numbers, dates are dates, and the totals carry their values for readers that do not recalculate.
    #[test]
    fn a_sheet_reads_back_with_numbers_dates_and_totals() {
        let mut book = Book::new("测试小区 2026年3月");
        let columns = [col("房号", Kind::Text), col("日期", Kind::Date), col("金额", Kind::Money), col("户数", Kind::Count), col("缴清", Kind::Count), col("缴清率", Kind::Percent)];
        let mut sheet = book.sheet("收款", &columns).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        sheet.write_row(&[Cell::text("1-1-101"), Cell::Date(day), Cell::Money(Money(123456)), Cell::Count(2), Cell::Count(1), Cell::Percent(Some(0.5))]).unwrap();
        let f = format!("{}/{}", sheet.here(4), sheet.here(3));
        sheet.write_row(&[Cell::text("2-1-201"), Cell::Date(day), Cell::MoneyFormula("0.10+0.20".into(), Money(30)), Cell::Count(2), Cell::Count(0), Cell::PercentFormula(f, Some(0.0))]).unwrap();
        sheet.totals("合计", &[Ratio { at: 5, num: 4, den: &[3] }]).unwrap();
        sheet.finish().unwrap();
        book.sheet("空表", &[col("房号", Kind::Text), col("金额", Kind::Money)]).map(|mut s| (s.totals("合计", &[]).unwrap(), s.finish().unwrap())).unwrap();
        let bytes = book.to_bytes().unwrap();

        let mut xlsx: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = xlsx.worksheet_range("收款").unwrap();
        assert_eq!(range.get_value((0, 2)), Some(&Data::String("金额".into())));
        assert_eq!(range.get_value((1, 2)), Some(&Data::Float(1234.56)));
        assert!(matches!(range.get_value((1, 1)), Some(Data::DateTime(d)) if d.as_f64() == 46086.0), "{:?}", range.get_value((1, 1)));
        assert_eq!(range.get_value((2, 2)), Some(&Data::Float(0.3)), "formula result cached");
        assert_eq!(range.get_value((3, 0)), Some(&Data::String("合计".into())));
        assert_eq!(range.get_value((3, 2)), Some(&Data::Float(1234.86)));
        assert_eq!(range.get_value((3, 3)), Some(&Data::Float(4.0)));
        assert_eq!(range.get_value((3, 5)), Some(&Data::Float(0.25)));
        let formulas = xlsx.worksheet_formula("收款").unwrap();
        assert_eq!(formulas.get_value((3, 2)).map(String::as_str), Some("SUBTOTAL(9,C2:C3)"));
        let empty = xlsx.worksheet_range("空表").unwrap();
        assert_eq!(empty.get_value((1, 0)), Some(&Data::String("（本月没有记录）".into())));
        assert_eq!(empty.get_value((2, 1)), Some(&Data::Float(0.0)));
    }
}

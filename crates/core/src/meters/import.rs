//! Import of a month's readings from the engineering team's sheet (.xlsx,
//! .xls, .csv) through the register importer's machinery: the same file
//! reader (encodings, merged cells, damaged workbooks), the same header
//! finder (title rows, messy headers), the same row problems by Excel row and
//! column, and the same rule: nothing is written until the file is clean, or
//! the user chose to skip the bad rows; a dry run writes nothing.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde_json::json;

use super::model::{Meter, MeterKind, ReadingImport};
use super::{rules, store};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::fees::Period;
use crate::register::import::columns::{Column, find_header};
use crate::register::import::read::{Cell, Row, read_table};
use crate::register::import::{ImportError, ImportOptions, RowProblem};
use crate::register::rules as reg_rules;

/// The columns of a reading sheet, canonical name first.
const ROOM: usize = 0;
const BUILDING: usize = 1;
const ENTRANCE: usize = 2;
const KIND: usize = 3;
const VALUE: usize = 4;
const NAME: usize = 5;
const FIELDS: [&[&str]; 6] = [
    &["房号", "房间号", "室号", "户号", "房屋"],
    &["楼栋", "楼号", "栋号", "楼栋号", "幢号"],
    &["单元", "单元号"],
    &["表类", "表种", "表类型", "表计类型", "类别"],
    &["本月读数", "本期读数", "读数", "本次读数", "抄见读数", "本月止码", "止码", "本月表底", "表底"],
    &["表名", "公用表", "表计名称", "公共表"],
];

/// A good row: which meter, what value, and where it was in the file.
struct Good {
    row: usize,
    meter_id: i64,
    value: i64,
}

/// Reads, checks and (unless there are problems or it is a dry run) records
/// the month's readings. The sheet's kind column (水/电/燃气) wins over `kind`.
pub fn import_readings(
    db: &mut Db,
    actor: &str,
    path: &Path,
    period: Period,
    kind: Option<MeterKind>,
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ReadingImport> {
    let table = read_table(path, options.sheet.as_deref())?;
    let (header_index, cols) = find_header(&table, &FIELDS, &[VALUE], "“房号”“表类”“本月读数”")?;
    if cols[ROOM].is_none() && cols[NAME].is_none() {
        return Err(ImportError::MissingColumn { missing: format!("“房号”（也可写作 {}）或公用表的“表名”", FIELDS[ROOM].join("、")) }.into());
    }
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let checker = Checker::load(db.conn(), &cols, period, kind)?;
    let rows: Vec<&Row> = table.rows.iter().skip(header_index + 1).filter(|r| !checker.blank_or_totals(r)).collect();
    let total = rows.len();
    let (mut good, mut problems, mut unchanged) = (Vec::new(), Vec::new(), 0);
    let mut seen: HashMap<i64, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        match checker.check(row) {
            Ok((meter, value)) => {
                if let Some(first) = seen.insert(meter.id, row.number) {
                    problems.push(checker.problem(row, VALUE, "import.duplicate_meter", format!("{} 在第 {first} 行已有读数，同一块表一个月只录一次。", meter.label())));
                } else {
                    match checker.on_file.get(&meter.id) {
                        Some(&v) if v == value => unchanged += 1,
                        Some(&v) => problems.push(checker.problem(
                            row,
                            VALUE,
                            "import.already_read",
                            format!("{} {period} 已录入读数 {}，这里是 {}。要更正请用“更正读数”并写明原因。", meter.label(), rules::show(v), rules::show(value)),
                        )),
                        None => good.push(Good { row: row.number, meter_id: meter.id, value }),
                    }
                }
            }
            Err(p) => problems.push(p),
        }
        if (i + 1) % 500 == 0 {
            progress(i + 1, total);
        }
    }
    progress(total, total);
    problems.sort_by_key(|p| p.row);
    let bad_rows: std::collections::HashSet<usize> = problems.iter().map(|p| p.row).collect();
    let clean = problems.is_empty();
    let to_write: Vec<&Good> = good.iter().filter(|g| !bad_rows.contains(&g.row)).collect();
    let written = to_write.len();
    let result = db.write(actor, |tx| {
        let now = tx.now_text();
        for g in &to_write {
            store::insert_reading(tx, g.meter_id, period, g.value, "import", actor, &now)?;
        }
        if options.dry_run || (!clean && !options.skip_bad_rows) || written == 0 {
            return Err(ImportError::NotWritten.into());
        }
        tx.audit("meter.import", "import", 0, json!({ "file": file, "period": period, "written": written, "unchanged": unchanged, "skipped": bad_rows.len() }))
    });
    match result {
        Ok(()) | Err(Error::Import(ImportError::NotWritten)) => {}
        Err(e) => return Err(e),
    }
    let counted = options.dry_run || clean || options.skip_bad_rows;
    Ok(ReadingImport {
        rows: total,
        written: if counted { written } else { 0 },
        unchanged,
        skipped: if options.skip_bad_rows { bad_rows.len() } else { 0 },
        errors: problems,
    })
}

/// What the rows are checked against, read once.
struct Checker<'a> {
    cols: &'a [Option<Column>],
    period: Period,
    kind: Option<MeterKind>,
    by_unit: HashMap<(String, MeterKind), Meter>,
    by_name: HashMap<String, Meter>,
    digits: HashMap<i64, u32>,
    on_file: HashMap<i64, i64>,
}

impl<'a> Checker<'a> {
    fn load(conn: &rusqlite::Connection, cols: &'a [Option<Column>], period: Period, kind: Option<MeterKind>) -> Result<Checker<'a>> {
        let (mut by_unit, mut by_name) = (HashMap::new(), HashMap::new());
        for m in store::all_meters(conn)? {
            match &m.unit {
                Some(u) => by_unit.insert((u.clone(), m.kind), m),
                None => by_name.insert(m.name.clone(), m),
            };
        }
        Ok(Checker { cols, period, kind, by_unit, by_name, digits: store::current_digits(conn)?, on_file: store::readings_of(conn, period)? })
    }

    fn cell<'r>(&self, row: &'r Row, field: usize) -> &'r Cell {
        self.cols[field].as_ref().map(|c| row.cell(c.index)).unwrap_or(&Cell::Empty)
    }

    fn header(&self, field: usize) -> String {
        self.cols[field].as_ref().map(|c| c.header.clone()).unwrap_or_else(|| FIELDS[field][0].to_string())
    }

    fn problem(&self, row: &Row, field: usize, code: &'static str, message: String) -> RowProblem {
        RowProblem { row: row.number, column: self.header(field), code, message }
    }

    /// Blank rows, 合计 rows and a header repeated on a new printed page are not readings.
    fn blank_or_totals(&self, row: &Row) -> bool {
        let used = self.cols.iter().flatten();
        if used.clone().all(|c| row.cell(c.index).is_empty()) {
            return true;
        }
        let first = [ROOM, BUILDING, NAME].into_iter().filter_map(|f| self.cols[f].as_ref()).map(|c| row.cell(c.index).as_text().into_owned());
        first.clone().any(|t| ["合计", "总计", "小计"].iter().any(|w| t.starts_with(w))) || self.cols[VALUE].as_ref().is_some_and(|c| row.cell(c.index).as_text() == c.header)
    }

    fn check(&self, row: &Row) -> std::result::Result<(&Meter, i64), RowProblem> {
        let meter = self.meter(row)?;
        if self.period.to_string() < meter.start_period {
            return Err(self.problem(row, VALUE, "import.before_start", format!("{} 从 {} 起才有读数。", meter.label(), meter.start_period)));
        }
        let digits = self.digits.get(&meter.id).copied().unwrap_or(meter.digits);
        let value = match self.cell(row, VALUE) {
            Cell::Empty => Err("没有填写读数".to_string()),
            Cell::Int(i) => rules::reading_from_decimal(Decimal::from(*i), digits).map_err(|e| format!("读数“{i}”{e}")),
            Cell::Float(f) => match Decimal::from_f64(*f).map(|d| d.round_dp(6).normalize()) {
                Some(d) => rules::reading_from_decimal(d, digits).map_err(|e| format!("读数“{}”{e}", Cell::Float(*f).as_text())),
                None => Err("读数不是数字".to_string()),
            },
            other => rules::parse_reading(&other.as_text(), digits),
        };
        value.map(|v| (meter, v)).map_err(|reason| self.problem(row, VALUE, "import.bad_reading", format!("{reason}。")))
    }

    fn meter(&self, row: &Row) -> std::result::Result<&Meter, RowProblem> {
        let name = self.cell(row, NAME).as_text();
        if !name.is_empty() {
            return self.by_name.get(&*name).ok_or_else(|| self.problem(row, NAME, "import.unknown_meter", format!("没有名为“{name}”的公用表，请先登记这块表。")));
        }
        let kind_text = self.cell(row, KIND).as_text();
        let kind = if kind_text.is_empty() {
            self.kind.ok_or_else(|| self.problem(row, KIND, "import.missing_value", "没有写表类（水/电/燃气），导入时也没有选表类。".into()))?
        } else {
            MeterKind::parse(&kind_text).map_err(|_| self.problem(row, KIND, "import.bad_kind", format!("表类“{kind_text}”认不出，可填：水、电、燃气。")))?
        };
        let room = self.cell(row, ROOM).as_text();
        if room.is_empty() {
            return Err(self.problem(row, ROOM, "import.missing_value", "没有填写房号（公用表请填表名）。".into()));
        }
        let code = if self.cols[BUILDING].is_some() {
            reg_rules::unit_code_from_parts(&self.cell(row, BUILDING).as_text(), &self.cell(row, ENTRANCE).as_text(), &room)
        } else {
            reg_rules::parse_unit_code(&room)
        }
        .map_err(|reason| self.problem(row, ROOM, "import.bad_unit_code", format!("{reason}。")))?
        .to_string();
        self.by_unit
            .get(&(code.clone(), kind))
            .ok_or_else(|| self.problem(row, ROOM, "import.unknown_meter", format!("{code} 没有登记{}表，请先登记这块表或核对房号。", kind.label())))
    }
}

//! One row of the register → a checked record, or every problem in it.
//! The reading of each value is the register's own rules; this file only
//! picks the cell, adds where (row, column) and a stable code.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::RowProblem;
use super::columns::{Columns, Field};
use super::read::{Cell, Row, Table};
use crate::money::Money;
use crate::register::model::{Area, NewPerson, UnitCode, UnitType};
use crate::register::rules;

/// A row that passed every check: what to write.
#[derive(Debug, Clone)]
pub struct Record {
    pub code: UnitCode,
    pub unit_type: UnitType,
    pub area: Option<Area>,
    pub handover: Option<NaiveDate>,
    pub owner: NewPerson,
    pub opening: Money,
}

/// What became of one data row.
#[derive(Debug, Clone)]
pub enum Checked {
    Good(Record),
    Bad(Vec<RowProblem>),
    /// The same unit and owner again further down: nothing to do, not an error.
    Repeat,
}

#[derive(Debug, Clone)]
pub struct CheckedRow {
    pub number: usize,
    pub checked: Checked,
}

/// Checks every data row below the header. Blank rows, totals rows and repeated headers are left out.
pub fn check_rows(table: &Table, cols: &Columns) -> Vec<CheckedRow> {
    let mut out = Vec::new();
    // First row and owner of each unit code seen, for duplicates within the file.
    let mut seen: HashMap<String, (usize, String)> = HashMap::new();
    for row in table.rows.iter().skip(cols.header_index + 1) {
        if cols.used().all(|c| row.cell(c.index).is_empty()) || is_totals(row, cols) || repeats_header(row, cols) {
            continue;
        }
        let mut checker = RowChecker { row, cols, problems: Vec::new() };
        let (key, record) = checker.check();
        let mut problems = checker.problems;
        let mut repeat = false;
        if let Some((code, owner)) = key {
            match seen.get(&code) {
                Some((first, name)) if *name != owner => problems.push(RowProblem {
                    row: row.number,
                    column: cols.header(Field::Room).to_string(),
                    code: "import.duplicate_unit",
                    message: format!(
                        "房号 {code} 在第 {first} 行已登记业主“{name}”，这里又写成“{owner}”。同一套房只能登记一个业主，请核对后删去一行。"
                    ),
                }),
                Some(_) => repeat = true,
                None => {
                    seen.insert(code, (row.number, owner));
                }
            }
        }
        let checked = match record {
            Some(_) if repeat && problems.is_empty() => Checked::Repeat,
            Some(r) if problems.is_empty() => Checked::Good(r),
            _ => Checked::Bad(problems),
        };
        out.push(CheckedRow { number: row.number, checked });
    }
    out
}

/// Registers often end with a 合计 row; it is a sum, not a unit.
fn is_totals(row: &Row, cols: &Columns) -> bool {
    [Field::Building, Field::Room, Field::Owner].into_iter().filter_map(|f| cols.get(f)).any(|c| {
        let t = row.cell(c.index).as_text();
        ["合计", "总计", "小计"].iter().any(|w| t.starts_with(w))
    })
}

/// A register printed over several pages repeats its header row further down.
fn repeats_header(row: &Row, cols: &Columns) -> bool {
    [Field::Building, Field::Room].into_iter().filter_map(|f| cols.get(f)).all(|c| row.cell(c.index).as_text() == c.header)
}

struct RowChecker<'a> {
    row: &'a Row,
    cols: &'a Columns,
    problems: Vec<RowProblem>,
}

impl<'a> RowChecker<'a> {
    /// The cell borrows the row, not the checker, so problems can be added while it is held.
    fn cell(&self, f: Field) -> &'a Cell {
        self.cols.get(f).map(|c| self.row.cell(c.index)).unwrap_or(&Cell::Empty)
    }

    fn problem(&mut self, f: Field, code: &'static str, message: String) {
        self.problems.push(RowProblem { row: self.row.number, column: self.cols.header(f).to_string(), code, message });
    }

    fn required_text(&mut self, f: Field) -> Option<String> {
        let text = self.cell(f).as_text();
        if text.is_empty() {
            self.problem(f, "import.missing_value", format!("“{}”没有填写，这一列必填。", self.cols.header(f)));
            return None;
        }
        Some(text.into_owned())
    }

    /// The unit code and owner's name (for duplicate checks, even when other
    /// cells are wrong) and the record when every cell is good.
    fn check(&mut self) -> (Option<(String, String)>, Option<Record>) {
        let code = self.unit_code();
        let unit_type = self.unit_type();
        let area = self.area(unit_type);
        let owner = self.owner();
        let handover = self.handover();
        let opening = self.opening();
        let Some(code) = code else { return (None, None) };
        let key = Some((code.to_string(), tidy_name(&self.cell(Field::Owner).as_text())));
        match (unit_type, area, owner, handover, opening) {
            (Some(unit_type), Some(area), Some(owner), Some(handover), Some(opening)) => {
                (key, Some(Record { code, unit_type, area, handover, owner, opening }))
            }
            _ => (key, None),
        }
    }

    fn unit_code(&mut self) -> Option<UnitCode> {
        let building = self.required_text(Field::Building);
        let room = self.required_text(Field::Room);
        let entrance = self.cell(Field::Entrance).as_text();
        let (building, room) = (building?, room?);
        match rules::unit_code_from_parts(&building, &entrance, &room) {
            Ok(code) => Some(code),
            Err(reason) => {
                // Ask the rule about each part alone to find the column it refused.
                let field = if rules::unit_code_from_parts(&building, "", "1").is_err() {
                    Field::Building
                } else if !entrance.is_empty() && rules::unit_code_from_parts("1", &entrance, "1").is_err() {
                    Field::Entrance
                } else {
                    Field::Room
                };
                self.problem(field, "import.bad_unit_code", format!("{reason}。"));
                None
            }
        }
    }

    /// Empty means 住宅, the type of almost every row of a residential register.
    fn unit_type(&mut self) -> Option<UnitType> {
        let text = self.cell(Field::UnitType).as_text();
        if text.is_empty() {
            return Some(UnitType::Residence);
        }
        let found = UnitType::parse(&text);
        if found.is_none() {
            let known = UnitType::ALL.map(UnitType::label).join("、");
            self.problem(Field::UnitType, "import.bad_unit_type", format!("房屋类型“{text}”认不出，可填：{known}。"));
        }
        found
    }

    /// `Some(None)`: no area, and none needed. `None`: a problem was recorded.
    fn area(&mut self, unit_type: Option<UnitType>) -> Option<Option<Area>> {
        let area = match self.cell(Field::Area) {
            Cell::Empty => {
                let Some(t) = unit_type.filter(|t| t.needs_area()) else { return Some(None) };
                let message = format!("{}必须填写建筑面积（按面积收费要用）。", t.label());
                self.problem(Field::Area, "import.missing_value", message);
                return None;
            }
            Cell::Float(f) => decimal_of(*f)
                .and_then(rules::area_from_decimal)
                .ok_or_else(|| format!("面积“{}”应大于 0", Cell::Float(*f).as_text())),
            Cell::Int(i) => rules::area_from_decimal(Decimal::from(*i)).ok_or_else(|| format!("面积“{i}”应大于 0")),
            other => rules::parse_area(&other.as_text()),
        };
        match area {
            Ok(a) => Some(Some(a)),
            Err(reason) => {
                self.problem(Field::Area, "import.bad_area", format!("{reason}，单位是平方米。"));
                None
            }
        }
    }

    fn owner(&mut self) -> Option<NewPerson> {
        let name = self.required_text(Field::Owner).map(|n| tidy_name(&n));
        let phones = match rules::parse_phones(&self.cell(Field::Phone).as_text()) {
            Ok(p) => Some(p),
            Err(reason) => {
                let message = format!("{}。两个号码之间用 / 隔开。", mask_quoted(&reason));
                self.problem(Field::Phone, "import.bad_phone", message);
                None
            }
        };
        let id_number = match self.cell(Field::IdNumber) {
            Cell::Empty => Some(None),
            // 18 digits do not fit in Excel's numbers: the last ones are already lost.
            Cell::Float(_) | Cell::Int(_) => {
                let message = "身份证号被 Excel 存成了数字，末几位已经丢失。请把这一列设为“文本”格式后重新填写。".to_string();
                self.problem(Field::IdNumber, "import.bad_id_number", message);
                None
            }
            other => match rules::check_id_number(&other.as_text()) {
                Ok(n) => Some(Some(n)),
                Err(reason) => {
                    self.problem(Field::IdNumber, "import.bad_id_number", format!("{reason}。"));
                    None
                }
            },
        };
        Some(NewPerson { name: name?, phones: phones?, id_number: id_number? })
    }

    /// `Some(None)`: no date given.
    fn handover(&mut self) -> Option<Option<NaiveDate>> {
        let date = match self.cell(Field::Handover) {
            Cell::Empty => return Some(None),
            Cell::Date(d) => Ok(*d),
            Cell::Float(f) => date_of_number(*f),
            Cell::Int(i) => date_of_number(*i as f64),
            // "2019-05-01 00:00:00" and ISO "2019-05-01T00:00:00": the day is what counts.
            other => {
                let text = other.as_text();
                let day = text.split([' ', 'T']).next().unwrap_or_default();
                rules::parse_date(day).map_err(|_| format!("日期“{text}”认不出，应写成 2019-05-01"))
            }
        };
        match date {
            Ok(d) => Some(Some(d)),
            Err(reason) => {
                self.problem(Field::Handover, "import.bad_date", format!("{reason}。"));
                None
            }
        }
    }

    /// Zero or empty: no opening balance.
    fn opening(&mut self) -> Option<Money> {
        let cell = self.cell(Field::Opening);
        let amount = match cell {
            Cell::Empty => return Some(Money::ZERO),
            Cell::Float(f) => decimal_of(*f).and_then(|d| Money::from_yuan_exact(d).ok()),
            Cell::Int(i) => Money::from_yuan_exact(Decimal::from(*i)).ok(),
            other => Money::parse(&other.as_text()).ok(),
        };
        let text = cell.as_text();
        match amount {
            Some(m) if m.fen() >= 0 => Some(m),
            Some(_) => {
                let message = format!("期初欠费“{text}”是负数。预交的钱请在收费里登记为预收款，这里填 0 或留空。");
                self.problem(Field::Opening, "import.bad_amount", message);
                None
            }
            None => {
                let message = format!("期初欠费“{text}”不是金额，应写成 1234.50 这样的数字（没有欠费填 0 或留空）。");
                self.problem(Field::Opening, "import.bad_amount", message);
                None
            }
        }
    }
}

/// A number from a cell, rounded once to two places (half away from zero).
/// `from_f64` gives the shortest decimal that reads back as the same f64, so
/// 89.45 stays 89.45; the rounding absorbs a formula's 89.4999999.
fn decimal_of(f: f64) -> Option<Decimal> {
    Decimal::from_f64(f).map(|d| d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// A date stored as a number: 20190501 typed without separators, or an Excel serial.
fn date_of_number(f: f64) -> Result<NaiveDate, String> {
    let text = Cell::Float(f).as_text().into_owned();
    let wrong = || format!("日期“{text}”认不出，应写成 2019-05-01");
    if text.len() == 8 {
        return rules::parse_date(&text).map_err(|_| wrong());
    }
    // Serial 1 is 1900-01-01 and 109574 is 2199-12-31; other numbers are not dates.
    if !(1.0..109_575.0).contains(&f) {
        return Err(wrong());
    }
    let dt = calamine::ExcelDateTime::new(f, calamine::ExcelDateTimeType::DateTime, false);
    dt.as_datetime().map(|t| t.date()).ok_or_else(wrong)
}

/// Names padded for alignment ("张　三") lose the padding; Latin names keep their spaces.
fn tidy_name(name: &str) -> String {
    if name.chars().filter(|c| !c.is_whitespace()).all(|c| !c.is_ascii()) {
        name.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        name.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Phones are personal data and stay out of messages: the quoted part of a
/// rule's reason is masked like a phone on screen.
fn mask_quoted(reason: &str) -> String {
    match reason.split_once('“').and_then(|(head, rest)| rest.split_once('”').map(|(q, tail)| (head, q, tail))) {
        Some((head, quoted, tail)) => format!("{head}“{}”{tail}", rules::mask_phone(quoted)),
        None => reason.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_once_to_two_places() {
        assert_eq!(decimal_of(89.45).map(|d| d.to_string()), Some("89.45".into()));
        assert_eq!(decimal_of(89.499_999_999).map(|d| d.to_string()), Some("89.50".into()));
        assert_eq!(decimal_of(0.125).map(|d| d.to_string()), Some("0.13".into()));
    }

    #[test]
    fn dates_stored_as_numbers() {
        let want = NaiveDate::from_ymd_opt(2019, 5, 1);
        assert_eq!(date_of_number(43586.0).ok(), want);
        assert_eq!(date_of_number(20190501.0).ok(), want);
        assert!(date_of_number(-3.0).is_err());
        assert!(date_of_number(123456789.0).is_err());
    }

    #[test]
    fn names_and_masks() {
        assert_eq!(tidy_name("张　三"), "张三");
        assert_eq!(tidy_name("John  Smith"), "John Smith");
        assert_eq!(mask_quoted("电话“138000000011”位数不对"), "电话“138*****0011”位数不对");
    }
}

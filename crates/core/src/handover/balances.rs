//! 欠费账龄, 预存款余额 and 押金台账: what is owed, held in advance and held
//! as deposits at the month's end.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::{Month, SheetInfo, finish, local_time, store};
use crate::arrears::ArrearsReport;
use crate::deposits;
use crate::docs::xlsx::{Book, Cell, Kind, Ratio, col};
use crate::error::Result;
use crate::money::Money;
use crate::register;

pub(super) fn arrears_sheet(book: &mut Book, r: &ArrearsReport) -> Result<SheetInfo> {
    let mut columns = vec![col("房号", Kind::Text), col("楼栋", Kind::Text), col("业主", Kind::Text), col("欠费合计", Kind::Money)];
    columns.extend(r.brackets.iter().map(|b| col(b, Kind::Money)));
    columns.push(col("最长逾期（天）", Kind::Number));
    let mut sheet = book.sheet("欠费账龄", &columns)?;
    for u in &r.units {
        let mut row = vec![Cell::text(&u.unit), Cell::text(&u.building), Cell::text(&u.owners), Cell::Money(u.aged.total)];
        row.extend(u.aged.brackets.iter().map(|m| Cell::Money(*m)));
        row.push(Cell::Count(u.oldest_days));
        sheet.write_row(&row)?;
    }
    finish(sheet, "欠费账龄", "合计", &[])
}

/// A unit's prepayment at the start and the end of the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrepaidLine {
    pub unit: String,
    pub owners: String,
    pub start: Money,
    pub end: Money,
}

pub(super) fn prepaid_lines(conn: &Connection, month: &Month) -> Result<Vec<PrepaidLine>> {
    let mut by_unit: BTreeMap<i64, (Money, Money)> = BTreeMap::new();
    for (unit, held) in store::prepaid_at(conn, &month.from)? {
        by_unit.entry(unit).or_default().0 = held;
    }
    for (unit, held) in store::prepaid_at(conn, &month.until)? {
        by_unit.entry(unit).or_default().1 = held;
    }
    let codes = store::unit_codes(conn)?;
    let mut lines = Vec::with_capacity(by_unit.len());
    for (id, (start, end)) in by_unit {
        let owners = match register::store::unit_by_id(conn, id)? {
            Some(u) => register::owner_names(conn, &u)?,
            None => String::new(),
        };
        lines.push(PrepaidLine { unit: codes.get(&id).cloned().unwrap_or_default(), owners, start, end });
    }
    lines.sort_by(|a, b| a.unit.cmp(&b.unit));
    Ok(lines)
}

pub(super) fn prepaid_sheet(book: &mut Book, lines: &[PrepaidLine]) -> Result<SheetInfo> {
    let columns = [col("房号", Kind::Text), col("业主", Kind::Text), col("月初余额", Kind::Money), col("本月增减", Kind::Money), col("月末余额", Kind::Money)];
    let mut sheet = book.sheet("预存款余额", &columns)?;
    for l in lines {
        let end = format!("{}+{}", sheet.here(2), sheet.here(3));
        sheet.write_row(&[Cell::text(&l.unit), Cell::text(&l.owners), Cell::Money(l.start), Cell::Money(l.end - l.start), Cell::MoneyFormula(end, l.end)])?;
    }
    finish(sheet, "预存款余额", "合计", &[])
}

/// A deposit held at some time in the month, and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepositLine {
    pub id: i64,
    pub received: NaiveDate,
    pub unit: String,
    pub kind: String,
    pub payer: String,
    pub amount: Money,
    /// Held when the month began.
    pub start: Money,
    /// Taken in the month.
    pub taken: Money,
    pub refunded: Money,
    pub deducted: Money,
    /// Deduction reasons of the month.
    pub reasons: String,
    /// Who gave back money in the month, and the supervisors who approved it on the spot (each name once, 、 between).
    pub refunded_by: String,
    pub approved_by: String,
}

impl DepositLine {
    /// Held at the month's end.
    pub fn end(&self) -> Money {
        self.start + self.taken - self.refunded - self.deducted
    }
}

pub(super) fn deposit_lines(conn: &Connection, month: &Month) -> Result<Vec<DepositLine>> {
    let mut lines = Vec::new();
    for d in deposits::list(conn, None, false)? {
        if d.received_at.as_str() >= month.until.as_str() {
            continue;
        }
        let before = |at: &str| at < month.from.as_str();
        let gone_before: Money = d.refunds.iter().filter(|r| before(&r.refunded_at)).map(|r| r.refunded + r.deducted).sum();
        let now: Vec<&deposits::Refund> = d.refunds.iter().filter(|r| month.contains(&r.refunded_at)).collect();
        let line = DepositLine {
            id: d.id,
            received: local_time(&d.received_at)?.date(),
            unit: d.unit.clone(),
            kind: d.kind.clone(),
            payer: d.payer.clone(),
            amount: d.amount,
            start: if before(&d.received_at) { d.amount - gone_before } else { Money::ZERO },
            taken: if month.contains(&d.received_at) { d.amount } else { Money::ZERO },
            refunded: now.iter().map(|r| r.refunded).sum(),
            deducted: now.iter().map(|r| r.deducted).sum(),
            reasons: now.iter().filter(|r| r.deducted.is_positive()).map(|r| r.reason.as_str()).collect::<Vec<_>>().join("；"),
            refunded_by: names(now.iter().map(|r| r.operator.as_str())),
            approved_by: names(now.iter().filter_map(|r| r.approved_by.as_deref())),
        };
        if line.start.is_positive() || line.taken.is_positive() {
            lines.push(line);
        }
    }
    Ok(lines)
}

/// Each name once, in the order met, joined with 、.
fn names<'a>(all: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for name in all {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen.join("、")
}

pub(super) fn deposits_sheet(book: &mut Book, lines: &[DepositLine]) -> Result<SheetInfo> {
    let columns = [
        col("编号", Kind::Text),
        col("收取日期", Kind::Date),
        col("房号", Kind::Text),
        col("类别", Kind::Text),
        col("交款人", Kind::Text),
        col("押金金额", Kind::Money),
        col("月初在押", Kind::Money),
        col("本月收取", Kind::Money),
        col("本月退还", Kind::Money),
        col("本月扣除", Kind::Money),
        col("月末在押", Kind::Money),
        col("扣除原因", Kind::Text),
        col("退还经办人", Kind::Text),
        col("授权主管", Kind::Text),
    ];
    let mut sheet = book.sheet("押金台账", &columns)?;
    for d in lines {
        let end = format!("{}+{}-{}-{}", sheet.here(6), sheet.here(7), sheet.here(8), sheet.here(9));
        sheet.write_row(&[
            Cell::text(d.id.to_string()),
            Cell::Date(d.received),
            Cell::text(&d.unit),
            Cell::text(&d.kind),
            Cell::text(&d.payer),
            Cell::Money(d.amount),
            Cell::Money(d.start),
            Cell::Money(d.taken),
            Cell::Money(d.refunded),
            Cell::Money(d.deducted),
            Cell::MoneyFormula(end, d.end()),
            Cell::text(&d.reasons),
            Cell::text(&d.refunded_by),
            Cell::text(&d.approved_by),
        ])?;
    }
    let none: [Ratio; 0] = [];
    finish(sheet, "押金台账", "合计", &none)
}

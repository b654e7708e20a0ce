//! 日结汇总: every daily close of the month, and every clerk's day of the
//! month that moved money without being closed, so finance sees the gaps.
//! A day's figures are the close's (`close::summary`, the same rules that
//! closed it); a closed day is locked, so they are the figures it was closed
//! with. The takings of closed and unclosed days together are 收款明细's
//! 本月实收: both count a receipt on the day it was taken and a void on the
//! day it was made.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Month, SheetInfo, finish, local_time, store};
use crate::close::{self, DayClose};
use crate::db::DbError;
use crate::docs::xlsx::{Book, Cell, Kind, col};
use crate::error::Result;
use crate::fees::Method;
use crate::money::Money;

/// A clerk's day of the month.
#[derive(Debug, Clone, PartialEq)]
pub struct DayLine {
    pub day: NaiveDate,
    pub clerk: String,
    /// Receipts counted in the takings.
    pub receipts: u32,
    /// Net takings by method, in the order of `Method::ALL`.
    pub by_method: Vec<Money>,
    pub takings: Money,
    /// Receipts voided that day (taken that day, or reversals of earlier days').
    pub voids: usize,
    pub cash_expected: Money,
    /// The close, if the day was closed.
    pub close: Option<DayClose>,
}

pub(super) fn day_lines(conn: &Connection, month: &Month) -> Result<Vec<DayLine>> {
    let mut days = BTreeSet::new();
    for (clerk, day) in store::clerk_days(conn, &month.from, &month.until)? {
        let on = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| DbError::Internal(format!("账里的日期“{day}”认不出")))?;
        days.insert((on, clerk));
    }
    days.extend(close::closes(conn, Some(month.period))?.into_iter().map(|c| (c.day, c.clerk)));
    let mut lines = Vec::with_capacity(days.len());
    for (day, clerk) in days {
        let s = close::summary(conn, &clerk, day)?;
        lines.push(DayLine {
            day,
            receipts: s.totals.total.count,
            by_method: s.totals.by_method.iter().map(|m| m.line.amount).collect(),
            takings: s.totals.total.amount,
            voids: s.voided.len(),
            cash_expected: s.totals.cash_expected,
            close: s.close,
            clerk,
        });
    }
    Ok(lines)
}

/// Columns of the sheet; the methods sit at 4..=8, the takings formulas sum them.
const FIRST_METHOD: usize = 4;

pub(super) fn days_sheet(book: &mut Book, lines: &[DayLine]) -> Result<SheetInfo> {
    let mut columns = vec![col("日期", Kind::Date), col("收款人", Kind::Text), col("日结", Kind::Text), col("收据张数", Kind::Count)];
    columns.extend(Method::ALL.iter().map(|m| col(m.label(), Kind::Money)));
    columns.extend([
        col("已日结实收", Kind::Money),
        col("未日结实收", Kind::Money),
        col("作废张数", Kind::Count),
        col("应有现金", Kind::Money),
        col("实点现金", Kind::Money),
        col("差额", Kind::Money),
        col("说明", Kind::Text),
        col("日结人", Kind::Text),
        col("日结时间", Kind::DateTime),
    ]);
    let mut sheet = book.sheet("日结汇总", &columns)?;
    for l in lines {
        let takings = Cell::MoneyFormula(format!("SUM({}:{})", sheet.here(FIRST_METHOD), sheet.here(FIRST_METHOD + Method::ALL.len() - 1)), l.takings);
        let mut row = vec![Cell::Date(l.day), Cell::text(&l.clerk), Cell::text(if l.close.is_some() { "已日结" } else { "未日结" }), Cell::Count(l.receipts.into())];
        row.extend(l.by_method.iter().map(|m| Cell::Money(*m)));
        match &l.close {
            Some(c) => row.extend([
                takings,
                Cell::Blank,
                Cell::Count(l.voids as i64),
                Cell::Money(l.cash_expected),
                Cell::Money(c.cash_counted),
                Cell::Money(c.difference),
                Cell::text(&c.note),
                Cell::text(&c.closed_by),
                Cell::DateTime(local_time(&c.closed_at)?),
            ]),
            // Nothing was counted: the figures are the ledger's as exported, and may still change.
            None => row.extend([
                Cell::Blank,
                takings,
                Cell::Count(l.voids as i64),
                Cell::Money(l.cash_expected),
                Cell::Blank,
                Cell::Blank,
                Cell::text("未日结：收了款没有做日结，数字为导出时的账"),
                Cell::Blank,
                Cell::Blank,
            ]),
        }
        sheet.write_row(&row)?;
    }
    finish(sheet, "日结汇总", "合计", &[])
}

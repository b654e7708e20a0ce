//! The daily close (日结): per clerk per day, the receipts by payment method
//! and by fee item, the voided receipts, and the cash counted against the cash
//! expected. A payment is the day's of the clerk who took it
//! (`payments.operator`) on the day it was taken (`paid_at`); a void is the
//! day's of the receipt's clerk on the day it was made (see `rules`).
//!
//! Closing writes one row, once, and locks that clerk's day: `fees::pay` and
//! `fees::void_receipt` refuse a movement that would land on it, so a closed
//! day's figures never change; corrections are reversals on a later day.

mod error;
pub mod rules;
pub(crate) mod sheet;
mod store;

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;

use crate::backup::{self, Reason};
use crate::db::Tx;
use crate::error::Result;
use crate::fees::{Method, Period};
use crate::money::Money;
pub use error::CloseError;
pub use rules::{Counted, Line, MethodLine, Totals};
pub use sheet::handover_sheet;

/// A clerk's day as the close shows it, before or after closing.
#[derive(Debug, Clone, Serialize)]
pub struct DaySummary {
    pub clerk: String,
    pub day: NaiveDate,
    /// Receipts taken that day (voided or not), then earlier receipts voided that day.
    pub receipts: Vec<ReceiptEntry>,
    /// The voids of that day: receipts taken and voided that day, and reversals.
    pub voided: Vec<VoidedEntry>,
    /// Receipts taken that day, voided ones included, and their first and last numbers.
    pub receipt_count: usize,
    pub first_receipt: Option<String>,
    pub last_receipt: Option<String>,
    #[serde(flatten)]
    pub totals: Totals,
    /// The close, once the day is closed.
    pub close: Option<DayClose>,
    /// Keys due back by the close (by the end of the day before it is closed)
    /// and not back then: the desk hands them over with the day.
    pub overdue_keys: Vec<crate::keys::Loan>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReceiptEntry {
    pub receipt_no: String,
    pub unit: String,
    pub payer: String,
    pub method: Method,
    pub method_label: &'static str,
    pub amount: Money,
    pub paid_at: String,
    pub counted: Counted,
    /// 收款 / 当日作废 / 冲回 as the sheet and the screen name it.
    pub status: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct VoidedEntry {
    pub receipt_no: String,
    pub unit: String,
    pub method_label: &'static str,
    pub amount: Money,
    pub paid_on: NaiveDate,
    pub voided_at: String,
    pub reason: String,
    pub voided_by: String,
    /// Taken on an earlier day: taken off this day's takings.
    pub reversal: bool,
}

/// A closed day, as written when it was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayClose {
    pub id: i64,
    pub clerk: String,
    pub day: NaiveDate,
    /// Receipts counted in the takings.
    pub receipts: u32,
    pub takings: Money,
    pub cash_expected: Money,
    pub cash_counted: Money,
    /// Counted − expected: positive 长款, negative 短款.
    pub difference: Money,
    pub note: String,
    pub closed_by: String,
    pub closed_at: String,
}

/// What `clerk` took and voided on `day`, and the close if there is one.
pub fn summary(conn: &Connection, clerk: &str, day: NaiveDate) -> Result<DaySummary> {
    let clerk = clerk.trim();
    let day_receipts = store::day_receipts(conn, clerk, day)?;
    let totals = rules::totals(&day_receipts, day);
    let taken: Vec<_> = day_receipts.iter().filter(|r| r.paid_on == day).collect();
    let mut receipts = Vec::new();
    let mut voided = Vec::new();
    for r in &day_receipts {
        let counted = rules::counted(r, day);
        let status = match counted {
            Counted::Taken => "收款",
            Counted::VoidedSameDay => "当日作废",
            Counted::Reversed => "冲回",
            Counted::Elsewhere => continue,
        };
        let method_label = r.method.label();
        receipts.push(ReceiptEntry {
            receipt_no: r.receipt_no.clone(),
            unit: r.unit.clone(),
            payer: r.payer.clone(),
            method: r.method,
            method_label,
            amount: r.amount,
            paid_at: r.paid_at.clone(),
            counted,
            status,
        });
        if let (Some(v), Counted::VoidedSameDay | Counted::Reversed) = (&r.void, counted) {
            voided.push(VoidedEntry {
                receipt_no: r.receipt_no.clone(),
                unit: r.unit.clone(),
                method_label,
                amount: r.amount,
                paid_on: r.paid_on,
                voided_at: v.at.clone(),
                reason: v.reason.clone(),
                voided_by: v.by.clone(),
                reversal: counted == Counted::Reversed,
            });
        }
    }
    // Earlier receipts (reversals) after the day's own, each group in number order.
    receipts.sort_by_key(|r| r.counted == Counted::Reversed);
    let close = store::close_of(conn, clerk, day)?;
    Ok(DaySummary {
        overdue_keys: overdue_keys(conn, day, close.as_ref())?,
        clerk: clerk.to_string(),
        day,
        receipt_count: taken.len(),
        first_receipt: taken.first().map(|r| r.receipt_no.clone()),
        last_receipt: taken.last().map(|r| r.receipt_no.clone()),
        receipts,
        voided,
        totals,
        close,
    })
}

/// Keys not back as of the close's moment, or of the day's end while it is open.
fn overdue_keys(conn: &Connection, day: NaiveDate, close: Option<&DayClose>) -> Result<Vec<crate::keys::Loan>> {
    let closed_at = close.and_then(|c| chrono::DateTime::parse_from_rfc3339(&c.closed_at).ok());
    let local = *chrono::Local::now().fixed_offset().offset();
    match closed_at.or_else(|| crate::keys::end_of_day(day, local)) {
        Some(at) => crate::keys::overdue_at(conn, at),
        None => Ok(Vec::new()),
    }
}

/// Closes `clerk`'s `day` with the cash counted (a difference needs `note`).
/// Refuses a day still to come, a day closed already and an unknown clerk. A
/// day without takings can be closed (with nothing expected) so that every
/// working day has its close.
pub fn close_day(tx: &mut Tx, clerk: &str, day: NaiveDate, cash_counted: Money, note: &str) -> Result<DaySummary> {
    let clerk = clerk.trim();
    if cash_counted > crate::fees::MAX_PAYMENT {
        return Err(crate::fees::FeesError::AmountTooLarge(cash_counted).into());
    }
    rules::check_day(day, tx.today())?;
    if let Some(c) = store::close_of(tx, clerk, day)? {
        return Err(CloseError::AlreadyClosed { clerk: c.clerk, day, closed_by: c.closed_by, closed_at: c.closed_at }.into());
    }
    if clerk.is_empty() || !store::is_clerk(tx, clerk)? {
        return Err(CloseError::UnknownClerk(clerk.to_string()).into());
    }
    let s = summary(tx, clerk, day)?;
    let note = note.trim();
    let difference = rules::difference(s.totals.cash_expected, cash_counted, note)?;
    let close = DayClose {
        id: 0,
        clerk: clerk.to_string(),
        day,
        receipts: s.totals.total.count,
        takings: s.totals.total.amount,
        cash_expected: s.totals.cash_expected,
        cash_counted,
        difference,
        note: note.to_string(),
        closed_by: tx.actor().to_string(),
        closed_at: tx.now_text(),
    };
    let id = store::insert_close(tx, &close)?;
    tx.audit(
        "day.close",
        "day_close",
        id,
        json!({ "clerk": clerk, "day": day, "takings": close.takings, "cash_expected": close.cash_expected,
                "cash_counted": cash_counted, "difference": difference, "note": note }),
    )?;
    Ok(DaySummary { close: Some(DayClose { id, ..close }), ..s })
}

/// A day just closed, and the backup made at once.
#[derive(Debug, Clone, Serialize)]
pub struct Closed {
    #[serde(flatten)]
    pub summary: DaySummary,
    pub backup: backup::Outcome,
}

/// The backup that follows every close ("日结", on the desk and the command
/// line alike): every close leaves a copy of the day's money. It reads the
/// estate file at `estate` through its own connection, so it may run on
/// another thread while the desk's connection goes on (the copy's integrity
/// check takes seconds on a big file). The close stands if the backup fails;
/// the failure is in `backup.problem`.
pub fn backed_up(estate: &Path, summary: DaySummary, now: NaiveDateTime) -> Closed {
    let made = backup::reader(estate).and_then(|conn| backup::back_up(&conn, Reason::DayClose, now));
    Closed { summary, backup: backup::Outcome::of(made) }
}

/// The closes of a month (all when `None`), newest day first.
pub fn closes(conn: &Connection, month: Option<Period>) -> Result<Vec<DayClose>> {
    store::closes(conn, &month.map(|m| m.to_string()).unwrap_or_default())
}

/// Everyone who may have a day to close, by name.
pub fn clerks(conn: &Connection) -> Result<Vec<String>> {
    store::clerks(conn)
}

/// A movement of money about to be written.
pub enum Movement<'a> {
    /// A payment taken by the clerk.
    Payment,
    /// A void of this receipt, taken by the clerk.
    Void(&'a str),
}

/// Refuses a movement that would land on a closed (clerk, day).
pub fn check_open(conn: &Connection, clerk: &str, day: NaiveDate, movement: Movement) -> Result<()> {
    if !store::is_closed(conn, clerk, day)? {
        return Ok(());
    }
    let clerk = clerk.to_string();
    Err(match movement {
        Movement::Payment => CloseError::PaymentLocked { clerk, day },
        Movement::Void(receipt_no) => CloseError::VoidLocked { receipt_no: receipt_no.to_string(), clerk, day },
    }
    .into())
}

#[cfg(test)]
mod tests;

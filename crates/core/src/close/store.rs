//! The SQL of the daily close: the receipts a clerk's day touched, what each
//! paid by item, and the close rows themselves.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::DayClose;
use super::rules::{DayReceipt, PREPAID, PREPAID_RANK, Void, item_of};
use crate::error::Result;
use crate::fees::Method;
use crate::money::Money;

/// The payments a clerk's day touched: those taken that day, and those voided
/// that day. Stored times are local ISO-8601 text, so a day is a text range.
/// The voids are found by their time (CROSS JOIN keeps that order: left to
/// itself SQLite walks every payment the clerk ever took).
const MOVED: &str = "WITH moved(payment_id) AS MATERIALIZED (
        SELECT id FROM payments WHERE operator = ?1 AND paid_at >= ?2 AND paid_at < ?3
        UNION
        SELECT r.payment_id FROM receipt_voids v CROSS JOIN receipts r CROSS JOIN payments p
        WHERE v.created_at >= ?2 AND v.created_at < ?3 AND r.id = v.receipt_id AND p.id = r.payment_id AND p.operator = ?1)";

fn day_range(day: NaiveDate) -> (String, String) {
    (day.to_string(), day.succ_opt().unwrap_or(day).to_string())
}

/// The first ten characters of a stored time are its local day.
fn day_of(at: &str) -> NaiveDate {
    at.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).unwrap_or_default()
}

/// Every receipt of `clerk` taken or voided on `day`, in receipt order, with
/// what it paid by item when it was taken (later use of its prepayment by a
/// billing run is not the clerk's takings).
pub fn day_receipts(conn: &Connection, clerk: &str, day: NaiveDate) -> Result<Vec<DayReceipt>> {
    let (from, to) = day_range(day);
    let mut items: HashMap<i64, Vec<(i64, String, Money)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&items_sql())?;
    let mut rows = stmt.query(params![clerk, from, to])?;
    while let Some(r) = rows.next()? {
        let (rank, name) = item_of(r.get(1)?, r.get(2)?, r.get(3)?);
        items.entry(r.get(0)?).or_default().push((rank, name, Money(r.get(4)?)));
    }
    let mut stmt = conn.prepare_cached(&receipts_sql())?;
    let rows = stmt.query_map(params![clerk, from, to], |r| {
        let payment: i64 = r.get(0)?;
        let amount = Money(r.get(5)?);
        let paid_at: String = r.get(6)?;
        let void_at: Option<String> = r.get(7)?;
        let method: String = r.get(4)?;
        Ok((payment, amount, DayReceipt {
            receipt_no: r.get(1)?,
            unit: r.get(2)?,
            payer: r.get(3)?,
            // The schema allows only the five methods.
            method: Method::parse(&method).unwrap_or(Method::Cash),
            amount,
            paid_on: day_of(&paid_at),
            paid_at,
            void: match void_at {
                Some(at) => Some(Void { on: day_of(&at), at, reason: r.get(8)?, by: r.get(9)? }),
                None => None,
            },
            items: Vec::new(),
        }))
    })?;
    let mut receipts = Vec::new();
    for row in rows {
        let (payment, amount, mut receipt) = row?;
        let mut paid = items.remove(&payment).unwrap_or_default();
        let settled: Money = paid.iter().map(|(_, _, m)| *m).sum();
        if amount > settled {
            paid.push((PREPAID_RANK, PREPAID.to_string(), amount - settled));
        }
        paid.sort();
        receipt.items = paid;
        receipts.push(receipt);
    }
    Ok(receipts)
}

/// What each payment of the day paid per bill item when it was taken.
pub(super) fn items_sql() -> String {
    format!(
        "{MOVED} SELECT a.payment_id, b.fee_item_id, f.name,
             b.late_of IS NOT NULL,
             SUM(a.amount)
         FROM moved CROSS JOIN allocations a ON a.payment_id = moved.payment_id
         JOIN bills b ON b.id = a.bill_id LEFT JOIN fee_items f ON f.id = b.fee_item_id
         -- `+`: not by the index on reverses_id, which would walk every allocation ever made.
         WHERE +a.run_id IS NULL AND +a.reverses_id IS NULL
         GROUP BY a.payment_id, 2, 3, 4"
    )
}

/// The receipts of the day's payments, with their voids.
pub(super) fn receipts_sql() -> String {
    format!(
        "{MOVED} SELECT p.id, r.receipt_no, u.code, p.payer, p.method, p.amount, p.paid_at, v.created_at, v.reason, v.operator
         FROM moved CROSS JOIN payments p ON p.id = moved.payment_id JOIN receipts r ON r.payment_id = p.id
         JOIN units u ON u.id = p.unit_id LEFT JOIN receipt_voids v ON v.receipt_id = r.id
         ORDER BY r.id"
    )
}

const CLOSE_ROW: &str =
    "SELECT id, clerk, day, receipts, takings, cash_expected, cash_counted, difference, note, closed_by, closed_at FROM day_closes";

fn close_row(r: &Row) -> rusqlite::Result<DayClose> {
    let day: String = r.get(2)?;
    Ok(DayClose {
        id: r.get(0)?,
        clerk: r.get(1)?,
        day: day_of(&day),
        receipts: r.get(3)?,
        takings: Money(r.get(4)?),
        cash_expected: Money(r.get(5)?),
        cash_counted: Money(r.get(6)?),
        difference: Money(r.get(7)?),
        note: r.get(8)?,
        closed_by: r.get(9)?,
        closed_at: r.get(10)?,
    })
}

pub fn close_of(conn: &Connection, clerk: &str, day: NaiveDate) -> Result<Option<DayClose>> {
    let sql = format!("{CLOSE_ROW} WHERE clerk = ?1 AND day = ?2");
    Ok(conn.prepare_cached(&sql)?.query_row(params![clerk, day.to_string()], close_row).optional()?)
}

pub fn is_closed(conn: &Connection, clerk: &str, day: NaiveDate) -> Result<bool> {
    let found = conn.prepare_cached("SELECT 1 FROM day_closes WHERE clerk = ?1 AND day = ?2")?.query_row(params![clerk, day.to_string()], |_| Ok(())).optional()?;
    Ok(found.is_some())
}

/// Closes whose day starts with `prefix` ("2026-11" for a month, "" for all), newest first.
pub fn closes(conn: &Connection, prefix: &str) -> Result<Vec<DayClose>> {
    let sql = format!("{CLOSE_ROW} WHERE day LIKE ?1 || '%' ORDER BY day DESC, clerk");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([prefix], close_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_close(conn: &Connection, c: &DayClose) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO day_closes (clerk, day, receipts, takings, cash_expected, cash_counted, difference, note, closed_by, closed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        c.clerk,
        c.day.to_string(),
        c.receipts,
        c.takings.fen(),
        c.cash_expected.fen(),
        c.cash_counted.fen(),
        c.difference.fen(),
        c.note,
        c.closed_by,
        c.closed_at
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Who can have a day to close: staff accounts that take money, and anyone
/// who has taken a payment (the CLI and the demo name operators on trust).
pub fn clerks(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM staff WHERE role IN ('clerk', 'supervisor') AND active = 1
         UNION SELECT DISTINCT operator FROM payments ORDER BY 1",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// True when `name` has an account or has ever taken a payment.
pub fn is_clerk(conn: &Connection, name: &str) -> Result<bool> {
    let found = conn
        .prepare_cached("SELECT 1 FROM staff WHERE name = ?1 UNION ALL SELECT 1 FROM payments WHERE operator = ?1 LIMIT 1")?
        .query_row([name], |_| Ok(()))
        .optional()?;
    Ok(found.is_some())
}

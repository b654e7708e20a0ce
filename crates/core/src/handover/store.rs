//! The month's rows, read from the ledger. Every query takes the month as
//! stored text: `from` is its first day ("2026-03-01"), `until` the day after
//! its last ("2026-04-01"); stored times are local ISO-8601 text, so
//! everything in the month sorts between the two.

use rusqlite::{Connection, params};

use crate::error::Result;
use crate::money::Money;

/// What names a bill's item in every report: the fee item, 期初欠费 for an
/// opening balance, 违约金 for a late fee (its own line, not its bill's item's).
const ITEM: &str = "CASE WHEN b.late_of IS NULL THEN COALESCE(f.name, '期初欠费') ELSE '违约金' END";

/// A receipt issued in the month.
pub struct ReceiptRow {
    pub payment_id: i64,
    pub receipt_no: String,
    pub paid_at: String,
    pub unit: String,
    pub payer: String,
    pub method: String,
    pub operator: String,
    pub amount: Money,
    /// When and why it was voided, whenever that was.
    pub void: Option<(String, String)>,
}

pub fn receipts(conn: &Connection, from: &str, until: &str) -> Result<Vec<ReceiptRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, r.receipt_no, p.paid_at, u.code, p.payer, p.method, p.operator, p.amount, v.created_at, v.reason
         FROM payments p JOIN receipts r ON r.payment_id = p.id JOIN units u ON u.id = p.unit_id
         LEFT JOIN receipt_voids v ON v.receipt_id = r.id
         WHERE p.paid_at >= ?1 AND p.paid_at < ?2 ORDER BY r.id",
    )?;
    let rows = stmt.query_map([from, until], |r| {
        let void: Option<String> = r.get(8)?;
        Ok(ReceiptRow {
            payment_id: r.get(0)?,
            receipt_no: r.get(1)?,
            paid_at: r.get(2)?,
            unit: r.get(3)?,
            payer: r.get(4)?,
            method: r.get(5)?,
            operator: r.get(6)?,
            amount: Money(r.get(7)?),
            void: void.map(|at| (at, r.get(9).unwrap_or_default())),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A receipt voided in the month, whenever it was issued.
pub struct VoidRow {
    pub voided_at: String,
    pub receipt_no: String,
    pub paid_at: String,
    pub unit: String,
    pub payer: String,
    pub method: String,
    pub clerk: String,
    pub amount: Money,
    pub reason: String,
    pub operator: String,
    /// The supervisor who approved a clerk's void on the spot.
    pub approved_by: Option<String>,
}

pub fn voids(conn: &Connection, from: &str, until: &str) -> Result<Vec<VoidRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.created_at, r.receipt_no, p.paid_at, u.code, p.payer, p.method, p.operator, p.amount, v.reason, v.operator, v.approved_by
         FROM receipt_voids v JOIN receipts r ON r.id = v.receipt_id JOIN payments p ON p.id = r.payment_id JOIN units u ON u.id = p.unit_id
         WHERE v.created_at >= ?1 AND v.created_at < ?2 ORDER BY v.created_at, r.id",
    )?;
    let rows = stmt.query_map([from, until], |r| {
        Ok(VoidRow {
            voided_at: r.get(0)?,
            receipt_no: r.get(1)?,
            paid_at: r.get(2)?,
            unit: r.get(3)?,
            payer: r.get(4)?,
            method: r.get(5)?,
            clerk: r.get(6)?,
            amount: Money(r.get(7)?),
            reason: r.get(8)?,
            operator: r.get(9)?,
            approved_by: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Money moved onto a bill in the month: a payment's allocation, prepayment
/// applied by a billing run, or the reversal of either by a void.
pub struct Moved {
    pub payment_id: i64,
    pub amount: Money,
    /// A reversal written by a void.
    pub reversal: bool,
    /// Prepayment applied by a billing run (or the reversal of such), not money received.
    pub from_prepaid: bool,
    pub item: String,
    pub opening: bool,
    /// The bill's first month, YYYY-MM.
    pub period: String,
    pub period_end: String,
    pub building: String,
}

pub fn moved(conn: &Connection, from: &str, until: &str) -> Result<Vec<Moved>> {
    let sql = format!(
        "SELECT a.payment_id, a.amount, a.reverses_id IS NOT NULL, COALESCE(o.run_id, a.run_id) IS NOT NULL,
                {ITEM}, b.kind = 'opening', b.period, b.period_end, bl.code
         FROM allocations a LEFT JOIN allocations o ON o.id = a.reverses_id
         JOIN bills b ON b.id = a.bill_id LEFT JOIN fee_items f ON f.id = b.fee_item_id
         JOIN units u ON u.id = b.unit_id JOIN buildings bl ON bl.id = u.building_id
         WHERE a.created_at >= ?1 AND a.created_at < ?2 ORDER BY a.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([from, until], |r| {
        Ok(Moved {
            payment_id: r.get(0)?,
            amount: Money(r.get(1)?),
            reversal: r.get(2)?,
            from_prepaid: r.get(3)?,
            item: r.get(4)?,
            opening: r.get(5)?,
            period: r.get(6)?,
            period_end: r.get(7)?,
            building: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A bill of the month (its first month is the month), made by the month's end,
/// with what was paid on it and waived by then.
pub struct MonthBill {
    pub unit_id: i64,
    pub building: String,
    pub item: String,
    pub amount: Money,
    pub paid: Money,
    pub waived: Money,
}

impl MonthBill {
    pub fn owing(&self) -> Money {
        self.amount - self.paid - self.waived
    }
}

pub fn month_bills(conn: &Connection, period: &str, until: &str) -> Result<Vec<MonthBill>> {
    let sql = format!(
        "SELECT b.unit_id, bl.code, {ITEM}, b.amount,
                COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.bill_id = b.id AND a.created_at < ?2), 0),
                COALESCE((SELECT SUM(w.amount) FROM waivers w WHERE w.bill_id = b.id AND w.created_at < ?2), 0)
         FROM bills b LEFT JOIN fee_items f ON f.id = b.fee_item_id
         JOIN units u ON u.id = b.unit_id JOIN buildings bl ON bl.id = u.building_id
         WHERE b.period = ?1 AND b.kind = 'charge' AND b.created_at < ?2 ORDER BY b.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([period, until], |r| {
        Ok(MonthBill { unit_id: r.get(0)?, building: r.get(1)?, item: r.get(2)?, amount: Money(r.get(3)?), paid: Money(r.get(4)?), waived: Money(r.get(5)?) })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A waiver given in the month.
pub struct WaiverRow {
    pub at: String,
    pub unit: String,
    pub item: String,
    pub period: String,
    pub amount: Money,
    pub reason: String,
    pub operator: String,
    /// The supervisor who approved a clerk's waiver on the spot.
    pub approved_by: Option<String>,
}

pub fn waivers(conn: &Connection, from: &str, until: &str) -> Result<Vec<WaiverRow>> {
    let sql = format!(
        "SELECT w.created_at, u.code, {ITEM},
                CASE WHEN b.period = b.period_end THEN b.period ELSE b.period || '~' || b.period_end END,
                w.amount, w.reason, w.operator, w.approved_by
         FROM waivers w JOIN bills b ON b.id = w.bill_id LEFT JOIN fee_items f ON f.id = b.fee_item_id JOIN units u ON u.id = b.unit_id
         WHERE w.created_at >= ?1 AND w.created_at < ?2 ORDER BY w.created_at, w.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([from, until], |r| {
        Ok(WaiverRow { at: r.get(0)?, unit: r.get(1)?, item: r.get(2)?, period: r.get(3)?, amount: Money(r.get(4)?), reason: r.get(5)?, operator: r.get(6)?, approved_by: r.get(7)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Prepayment each unit held at the end of a day (`until` = the next day):
/// what its payments made by then, and not voided by then, had not yet given
/// to bills. That is what a payment holds now plus what it gave to bills
/// since (a void's reversals count as negative), so only payments holding
/// money now (`payment_unapplied`, kept by triggers) or touched since are read.
/// The plan is pinned: left to itself SQLite walks every allocation (to group
/// by payment) and every payment (to group by unit), 2 s instead of 20 ms on
/// the 5,000-unit, five-year demo.
pub fn prepaid_at(conn: &Connection, until: &str) -> Result<Vec<(i64, Money)>> {
    let mut stmt = conn.prepare_cached(
        "WITH since(payment_id, total) AS MATERIALIZED (
             SELECT payment_id, SUM(amount) FROM allocations INDEXED BY allocations_by_time WHERE created_at >= ?1 GROUP BY payment_id),
         held(payment_id, held) AS (
             SELECT u.payment_id, u.unapplied + COALESCE(s.total, 0) FROM payment_unapplied u LEFT JOIN since s ON s.payment_id = u.payment_id
             WHERE u.unapplied > 0
             UNION ALL
             SELECT s.payment_id, u.unapplied + s.total FROM since s JOIN payment_unapplied u ON u.payment_id = s.payment_id
             WHERE u.unapplied <= 0)
         SELECT p.unit_id, SUM(h.held) FROM held h CROSS JOIN payments p ON p.id = h.payment_id
         WHERE h.held > 0 AND p.paid_at < ?1
           AND NOT EXISTS (SELECT 1 FROM receipts r JOIN receipt_voids v ON v.receipt_id = r.id WHERE r.payment_id = p.id AND v.created_at < ?1)
         GROUP BY p.unit_id ORDER BY p.unit_id",
    )?;
    let rows = stmt.query_map(params![until], |r| Ok((r.get(0)?, Money(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Unit codes by id, for the units a sheet lists.
pub fn unit_codes(conn: &Connection) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, code FROM units")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every (clerk, day) of the month that moved money — a payment taken, or a
/// void of one of the clerk's receipts (it counts on the clerk's day it was
/// made) — as (clerk, YYYY-MM-DD), by day then clerk. Both halves read by time.
pub fn clerk_days(conn: &Connection, from: &str, until: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT operator, substr(paid_at, 1, 10) AS day FROM payments WHERE paid_at >= ?1 AND paid_at < ?2
         UNION
         SELECT p.operator, substr(v.created_at, 1, 10) FROM receipt_voids v JOIN receipts r ON r.id = v.receipt_id JOIN payments p ON p.id = r.payment_id
         WHERE v.created_at >= ?1 AND v.created_at < ?2
         ORDER BY day, operator",
    )?;
    let rows = stmt.query_map([from, until], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

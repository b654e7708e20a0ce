//! Late fees' SQL, and only their SQL.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::rules::{Change, Rule};
use crate::error::Result;
use crate::money::Money;

/// A rule as stored, with its item's name and who set it when.
pub struct RuleRow {
    pub fee_item_id: i64,
    pub item: String,
    pub rule: Rule,
    pub set_by: String,
    pub set_at: String,
}

fn rule_row(r: &Row) -> rusqlite::Result<RuleRow> {
    let rate: String = r.get(2)?;
    let from: String = r.get(5)?;
    Ok(RuleRow {
        fee_item_id: r.get(0)?,
        item: r.get(1)?,
        rule: Rule {
            daily_rate: rate.parse().unwrap_or_default(),
            grace_days: r.get(3)?,
            cap_percent: r.get(4)?,
            from: from.parse().unwrap_or_default(),
        },
        set_by: r.get(6)?,
        set_at: r.get(7)?,
    })
}

const RULES: &str = "SELECT r.fee_item_id, f.name, r.daily_rate, r.grace_days, r.cap_percent, r.from_date, r.set_by, r.set_at
                     FROM late_fee_rules r JOIN fee_items f ON f.id = r.fee_item_id";

/// Every rule, in fee item order.
pub fn rules(conn: &Connection) -> Result<Vec<RuleRow>> {
    let mut stmt = conn.prepare_cached(&format!("{RULES} ORDER BY r.fee_item_id"))?;
    let rows = stmt.query_map([], rule_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn rule_of(conn: &Connection, fee_item_id: i64) -> Result<Option<RuleRow>> {
    Ok(conn.prepare_cached(&format!("{RULES} WHERE r.fee_item_id = ?1"))?.query_row([fee_item_id], rule_row).optional()?)
}

pub fn upsert_rule(conn: &Connection, fee_item_id: i64, rule: &Rule, by: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO late_fee_rules (fee_item_id, daily_rate, grace_days, cap_percent, from_date, set_by, set_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(fee_item_id) DO UPDATE SET daily_rate = excluded.daily_rate, grace_days = excluded.grace_days,
             cap_percent = excluded.cap_percent, from_date = excluded.from_date, set_by = excluded.set_by, set_at = excluded.set_at",
        params![fee_item_id, rule.daily_rate.normalize().to_string(), rule.grace_days, rule.cap_percent, rule.from.to_string(), by, at],
    )?;
    Ok(())
}

pub fn delete_rule(conn: &Connection, fee_item_id: i64) -> Result<()> {
    conn.execute("DELETE FROM late_fee_rules WHERE fee_item_id = ?1", [fee_item_id])?;
    Ok(())
}

/// A bill of an item with a late-fee rule that owed something when the day
/// began (so one paid during the day is still there).
pub struct OpenBill {
    pub id: i64,
    pub unit_id: i64,
    pub unit_code: String,
    pub fee_item_id: i64,
    pub item: String,
    /// First month billed, YYYY-MM.
    pub period: String,
    pub amount: Money,
}

fn open_bill(r: &Row) -> rusqlite::Result<OpenBill> {
    Ok(OpenBill {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        unit_code: r.get(2)?,
        fee_item_id: r.get(3)?,
        item: r.get(4)?,
        period: r.get(5)?,
        amount: Money(r.get(6)?),
    })
}

const OPEN_BILL_COLUMNS: &str = "b.id, b.unit_id, u.code, b.fee_item_id, f.name, b.period, b.amount";

/// The bills open when `as_of` began (`?1`, the day): open now, or paid or
/// waived since. Found by index, as the arrears report does, never by summing
/// the ledger. Queries read them first (CROSS JOIN fixes that order: otherwise
/// SQLite 3.54 walks every bill through the partial index of ordinary bills).
const OPEN_ON_THE_DAY: &str = "
    since(bill_id, amount) AS (
        SELECT bill_id, amount FROM allocations WHERE created_at >= ?1
        UNION ALL SELECT bill_id, amount FROM waivers WHERE created_at >= ?1),
    undone(bill_id, total) AS MATERIALIZED (SELECT bill_id, SUM(amount) FROM since GROUP BY bill_id),
    owed(bill_id) AS MATERIALIZED (
        SELECT o.bill_id FROM bill_outstanding o LEFT JOIN undone u ON u.bill_id = o.bill_id
        WHERE o.outstanding > 0 AND o.outstanding + COALESCE(u.total, 0) > 0
        UNION ALL
        SELECT u.bill_id FROM undone u JOIN bill_outstanding o ON o.bill_id = u.bill_id
        WHERE o.outstanding <= 0 AND o.outstanding + u.total > 0)";

/// The open bills of the whole estate on `as_of`, by unit then period;
/// late-fee bills and opening balances never accrue.
pub fn open_bills(conn: &Connection, as_of: NaiveDate) -> Result<Vec<OpenBill>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {OPEN_ON_THE_DAY}
         SELECT {OPEN_BILL_COLUMNS}
         FROM owed CROSS JOIN bills b ON b.id = owed.bill_id
         JOIN late_fee_rules r ON r.fee_item_id = b.fee_item_id
         JOIN fee_items f ON f.id = b.fee_item_id
         JOIN units u ON u.id = b.unit_id
         WHERE b.late_of IS NULL AND b.created_at < ?2"
    ))?;
    let rows = stmt.query_map(params![as_of.to_string(), next_day(as_of)], open_bill)?;
    let mut bills: Vec<OpenBill> = rows.collect::<rusqlite::Result<_>>()?;
    // Sorted here: an ORDER BY leads SQLite to walk every bill in unit order instead of the open ones.
    bills.sort_by(|a, b| (a.unit_id, &a.period, a.id).cmp(&(b.unit_id, &b.period, b.id)));
    Ok(bills)
}

/// What was taken off each bill open on `as_of` and on which day, up to the
/// end of that day, in one pass (by bill).
pub fn changes_of_open_bills(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, Vec<Change>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH {OPEN_ON_THE_DAY}
         SELECT a.bill_id, substr(a.created_at, 1, 10), a.amount FROM owed CROSS JOIN allocations a ON a.bill_id = owed.bill_id WHERE a.created_at < ?2
         UNION ALL
         SELECT w.bill_id, substr(w.created_at, 1, 10), w.amount FROM owed CROSS JOIN waivers w ON w.bill_id = owed.bill_id WHERE w.created_at < ?2"
    ))?;
    let mut rows = stmt.query(params![as_of.to_string(), next_day(as_of)])?;
    let mut out: HashMap<i64, Vec<Change>> = HashMap::new();
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(change(r.get(1)?, r.get(2)?));
    }
    Ok(out)
}

fn change(day: String, fen: i64) -> Change {
    Change { day: day.parse().unwrap_or_default(), amount: Money(fen) }
}

/// One unit's open bills on `as_of`, oldest first.
pub fn open_bills_of_unit(conn: &Connection, unit_id: i64, as_of: NaiveDate) -> Result<Vec<OpenBill>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {OPEN_BILL_COLUMNS},
             o.outstanding
             + COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.bill_id = b.id AND a.created_at >= ?2), 0)
             + COALESCE((SELECT SUM(w.amount) FROM waivers w WHERE w.bill_id = b.id AND w.created_at >= ?2), 0) AS owing
         FROM bills b JOIN bill_outstanding o ON o.bill_id = b.id
         JOIN late_fee_rules r ON r.fee_item_id = b.fee_item_id
         JOIN fee_items f ON f.id = b.fee_item_id
         JOIN units u ON u.id = b.unit_id
         WHERE b.unit_id = ?1 AND b.late_of IS NULL AND b.created_at < ?3 AND owing > 0
         ORDER BY b.period, b.id"
    ))?;
    let rows = stmt.query_map(params![unit_id, as_of.to_string(), next_day(as_of)], open_bill)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What was taken off a bill and on which day, up to the end of `as_of`.
pub fn changes(conn: &Connection, bill_id: i64, as_of: NaiveDate) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare_cached(
        "SELECT substr(created_at, 1, 10), amount FROM allocations WHERE bill_id = ?1 AND created_at < ?2
         UNION ALL SELECT substr(created_at, 1, 10), amount FROM waivers WHERE bill_id = ?1 AND created_at < ?2",
    )?;
    let rows = stmt.query_map(params![bill_id, next_day(as_of)], |r| Ok(change(r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Late fees assessed on or before `as_of` (late-fee bills), by the bill they are for;
/// one unit's, or the whole estate's.
pub fn assessed(conn: &Connection, unit_id: Option<i64>, as_of: NaiveDate) -> Result<HashMap<i64, Money>> {
    let mut stmt = conn.prepare_cached(
        "SELECT late_of, SUM(amount) FROM bills WHERE late_of IS NOT NULL AND created_at < ?1 AND (?2 IS NULL OR unit_id = ?2) GROUP BY late_of",
    )?;
    let rows = stmt.query_map(params![next_day(as_of), unit_id], |r| Ok((r.get(0)?, Money(r.get(1)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A late fee as a bill of its own: the unit and item of the bill it is for (`late_of`), billed in the month it is assessed.
pub struct LateFeeBill<'a> {
    pub unit_id: i64,
    pub fee_item_id: i64,
    pub late_of: i64,
    pub period: &'a str,
    pub amount: Money,
}

pub fn insert_late_fee_bill(conn: &Connection, b: &LateFeeBill, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO bills (unit_id, kind, fee_item_id, period, period_end, amount, late_of, created_at)
         VALUES (?1, 'charge', ?2, ?3, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![b.unit_id, b.fee_item_id, b.period, b.amount.fen(), b.late_of, now])?;
    Ok(conn.last_insert_rowid())
}

/// Stored times are local ISO-8601 text: everything on or before `as_of` sorts before the next day.
fn next_day(as_of: NaiveDate) -> String {
    as_of.succ_opt().unwrap_or(as_of).to_string()
}

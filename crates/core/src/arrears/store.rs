//! The one query behind the arrears report: every bill still owing on a date.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::error::Result;
use crate::money::Money;

/// A bill with money still owing on the report's date; listed by unit, oldest first.
pub struct OwingBill {
    pub unit_id: i64,
    pub unit_code: String,
    pub building: String,
    /// The fee item's name; 期初欠费 for an opening balance, 违约金 for a late fee.
    pub item: String,
    /// The bill's first month, YYYY-MM.
    pub period: String,
    /// An opening balance (期初欠费): old arrears whatever its period says.
    pub opening: bool,
    pub owing: Money,
}

/// Bills made on or before `as_of`, less what was paid on them or waived on or
/// before that day (a void's reversal counts from the day of the void), where
/// something is left. What a bill owed on that day is what it owes now plus
/// what was paid or waived on it since, so only bills open now, or touched
/// since, are read; both are found by index, never by summing the ledger.
pub fn owing_bills(conn: &Connection, as_of: NaiveDate) -> Result<Vec<OwingBill>> {
    // Stored times are local ISO-8601 text: everything on or before `as_of` sorts before the next day.
    let next_day = as_of.succ_opt().unwrap_or(as_of).to_string();
    let mut stmt = conn.prepare_cached(
        "WITH since(bill_id, amount) AS (
             SELECT bill_id, amount FROM allocations WHERE created_at >= ?1
             UNION ALL SELECT bill_id, amount FROM waivers WHERE created_at >= ?1),
         undone(bill_id, total) AS MATERIALIZED (SELECT bill_id, SUM(amount) FROM since GROUP BY bill_id),
         owed(bill_id, owing) AS (
             SELECT o.bill_id, o.outstanding + COALESCE(u.total, 0) FROM bill_outstanding o LEFT JOIN undone u ON u.bill_id = o.bill_id
             WHERE o.outstanding > 0
             UNION ALL
             SELECT u.bill_id, o.outstanding + u.total FROM undone u JOIN bill_outstanding o ON o.bill_id = u.bill_id
             WHERE o.outstanding <= 0)
         SELECT b.unit_id, u.code, bl.code, CASE WHEN b.late_of IS NULL THEN COALESCE(f.name, '期初欠费') ELSE '违约金' END, b.period, owed.owing, b.kind = 'opening'
         FROM owed
         JOIN bills b ON b.id = owed.bill_id
         JOIN units u ON u.id = b.unit_id
         JOIN buildings bl ON bl.id = u.building_id
         LEFT JOIN fee_items f ON f.id = b.fee_item_id
         WHERE b.created_at < ?1 AND owed.owing > 0",
    )?;
    let rows = stmt.query_map([next_day], |r| {
        Ok(OwingBill {
            unit_id: r.get(0)?,
            unit_code: r.get(1)?,
            building: r.get(2)?,
            item: r.get(3)?,
            period: r.get(4)?,
            owing: Money(r.get(5)?),
            opening: r.get(6)?,
        })
    })?;
    let mut bills: Vec<OwingBill> = rows.collect::<std::result::Result<_, _>>()?;
    // Sorted here: an ORDER BY leads SQLite to walk every bill in unit order instead of the open ones.
    bills.sort_by(|a, b| (a.unit_id, &a.period).cmp(&(b.unit_id, &b.period)));
    Ok(bills)
}

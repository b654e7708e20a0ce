//! The one query behind the arrears report: every bill still owing on a date.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::error::Result;
use crate::money::Money;

/// A bill with money still owing on the report's date.
pub struct OwingBill {
    pub unit_id: i64,
    pub unit_code: String,
    pub building: String,
    /// The fee item's name; 期初欠费 for an opening balance.
    pub item: String,
    /// The bill's first month, YYYY-MM.
    pub period: String,
    pub owing: Money,
}

/// Bills made on or before `as_of`, less what was paid on them or waived on or
/// before that day (a void's reversal counts from the day of the void), where
/// something is left. Only bills that are open now, or were paid or waived
/// after `as_of`, can owe on that day: those are found by index and summed, not
/// the whole ledger.
pub fn owing_bills(conn: &Connection, as_of: NaiveDate) -> Result<Vec<OwingBill>> {
    // Stored times are local ISO-8601 text: everything on or before `as_of` sorts before the next day.
    let next_day = as_of.succ_opt().unwrap_or(as_of).to_string();
    let mut stmt = conn.prepare_cached(
        "WITH candidates(bill_id) AS (
             SELECT bill_id FROM bill_outstanding WHERE outstanding > 0
             UNION SELECT bill_id FROM allocations WHERE created_at >= ?1
             UNION SELECT bill_id FROM waivers WHERE created_at >= ?1)
         SELECT b.unit_id, u.code, bl.code, COALESCE(f.name, '期初欠费'), b.period,
                b.amount
                - COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.bill_id = b.id AND a.created_at < ?1), 0)
                - COALESCE((SELECT SUM(w.amount) FROM waivers w WHERE w.bill_id = b.id AND w.created_at < ?1), 0) AS owing
         FROM candidates c
         JOIN bills b ON b.id = c.bill_id
         JOIN units u ON u.id = b.unit_id
         JOIN buildings bl ON bl.id = u.building_id
         LEFT JOIN fee_items f ON f.id = b.fee_item_id
         WHERE b.created_at < ?1 AND owing > 0
         ORDER BY b.unit_id, b.period",
    )?;
    let rows = stmt.query_map([next_day], |r| {
        Ok(OwingBill {
            unit_id: r.get(0)?,
            unit_code: r.get(1)?,
            building: r.get(2)?,
            item: r.get(3)?,
            period: r.get(4)?,
            owing: Money(r.get(5)?),
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

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
/// something is left. Payments and waivers are summed per bill in one pass each,
/// not looked up bill by bill.
pub fn owing_bills(conn: &Connection, as_of: NaiveDate) -> Result<Vec<OwingBill>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.unit_id, u.code, bl.code, COALESCE(f.name, '期初欠费'), b.period,
                b.amount - COALESCE(a.total, 0) - COALESCE(w.total, 0) AS owing
         FROM bills b
         JOIN units u ON u.id = b.unit_id
         JOIN buildings bl ON bl.id = u.building_id
         LEFT JOIN fee_items f ON f.id = b.fee_item_id
         LEFT JOIN (SELECT bill_id, SUM(amount) AS total FROM allocations WHERE substr(created_at, 1, 10) <= ?1 GROUP BY bill_id) a ON a.bill_id = b.id
         LEFT JOIN (SELECT bill_id, SUM(amount) AS total FROM waivers WHERE substr(created_at, 1, 10) <= ?1 GROUP BY bill_id) w ON w.bill_id = b.id
         WHERE substr(b.created_at, 1, 10) <= ?1 AND owing > 0
         ORDER BY b.unit_id, b.period",
    )?;
    let rows = stmt.query_map([as_of.to_string()], |r| {
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

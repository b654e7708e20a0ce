//! The notices' SQL: the units with their owners, the bills of the notice's
//! months with what was paid on them, and the prepayment each unit holds,
//! all as of one day. Arrears come from `arrears::store::owing_bills`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::NoticePeriod;
use crate::error::Result;
use crate::money::Money;
use crate::register::Area;

pub struct UnitInfo {
    pub id: i64,
    pub code: String,
    pub building: String,
    pub area: Option<Area>,
    /// Current owners and co-owners, owners first, joined with 、.
    pub owners: String,
    /// Their phones, comma separated, in the same order.
    pub phones: String,
}

/// Every unit, with its current owners (in one pass over the occupancies).
pub fn units(conn: &Connection) -> Result<Vec<UnitInfo>> {
    let mut owners: HashMap<i64, (Vec<String>, Vec<String>)> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT o.unit_id, p.name, p.phones FROM occupancies o JOIN people p ON p.id = o.person_id
         WHERE o.to_date IS NULL AND o.role IN ('owner', 'co_owner') ORDER BY o.unit_id, o.role <> 'owner', o.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let entry = owners.entry(r.get(0)?).or_default();
        entry.0.push(r.get(1)?);
        entry.1.push(r.get(2)?);
    }
    let mut stmt = conn.prepare("SELECT u.id, u.code, b.code, u.area_centi FROM units u JOIN buildings b ON b.id = u.building_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get::<_, Option<i64>>(3)?)))?;
    let mut units = Vec::new();
    for row in rows {
        let (id, code, building, area) = row?;
        let (names, phones) = owners.remove(&id).unwrap_or_default();
        units.push(UnitInfo { id, code, building, area: area.map(Area), owners: names.join("、"), phones: phones.join(",") });
    }
    Ok(units)
}

/// A charge of the notice's months, with what was paid and waived on it by the day.
pub struct CurrentBill {
    pub unit_id: i64,
    pub item: String,
    pub period: String,
    pub period_end: String,
    pub price: String,
    pub quantity: String,
    pub amount: Money,
    /// Paid by prepayment a billing run applied (reversals of those included).
    pub prepaid_applied: Money,
    pub paid: Money,
    pub waived: Money,
}

/// Everything made, paid or waived on or before `as_of` counts: stored times
/// are local ISO-8601 text, so they sort before the next day's date.
fn day_after(as_of: NaiveDate) -> String {
    as_of.succ_opt().unwrap_or(as_of).to_string()
}

/// The charges whose first month lies in the notice's months, made by `as_of`
/// (a late fee is no month's charge: one still owing is brought forward as 违约金).
pub fn current_bills(conn: &Connection, period: NoticePeriod, as_of: NaiveDate) -> Result<Vec<CurrentBill>> {
    // CROSS JOIN makes units drive the join, so each unit's bills are found
    // through bills_by_unit(unit_id, period) instead of a walk of every bill.
    let by_run = |run: &str| {
        format!(
            "COALESCE((SELECT SUM(a.amount) FROM allocations a LEFT JOIN allocations o ON o.id = a.reverses_id
                       WHERE a.bill_id = b.id AND a.created_at < ?3 AND COALESCE(a.run_id, o.run_id) IS {run}), 0)"
        )
    };
    let sql = format!(
        "SELECT b.unit_id, f.name, b.period, b.period_end, b.price, b.quantity, b.amount, {}, {},
                COALESCE((SELECT SUM(w.amount) FROM waivers w WHERE w.bill_id = b.id AND w.created_at < ?3), 0)
         FROM units u CROSS JOIN bills b ON b.unit_id = u.id AND b.period BETWEEN ?1 AND ?2
         JOIN fee_items f ON f.id = b.fee_item_id
         WHERE b.created_at < ?3 AND b.late_of IS NULL
         ORDER BY b.unit_id, b.period, b.fee_item_id",
        by_run("NOT NULL"),
        by_run("NULL")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([period.from.to_string(), period.to.to_string(), day_after(as_of)], |r| {
        Ok(CurrentBill {
            unit_id: r.get(0)?,
            item: r.get(1)?,
            period: r.get(2)?,
            period_end: r.get(3)?,
            price: r.get(4)?,
            quantity: r.get(5)?,
            amount: Money(r.get(6)?),
            prepaid_applied: Money(r.get(7)?),
            paid: Money(r.get(8)?),
            waived: Money(r.get(9)?),
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Prepayment each unit held at the end of `as_of`: payments taken by then and
/// not voided by then, less what had been applied to bills by then. What was
/// applied by then is everything applied (summed from the covering index
/// allocations_by_payment in one ordered pass) less what was applied since
/// (found by allocations_by_time), so no allocation row is read for its date.
pub fn credit_by_unit(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, Money>> {
    let mut stmt = conn.prepare_cached(
        "WITH applied(payment_id, total) AS MATERIALIZED (SELECT payment_id, SUM(amount) FROM allocations GROUP BY payment_id),
              since(payment_id, total) AS MATERIALIZED (SELECT payment_id, SUM(amount) FROM allocations WHERE created_at >= ?1 GROUP BY payment_id)
         SELECT p.unit_id, SUM(p.amount - COALESCE(a.total, 0) + COALESCE(s.total, 0)) AS left
         FROM payments p LEFT JOIN applied a ON a.payment_id = p.id LEFT JOIN since s ON s.payment_id = p.id
         WHERE p.paid_at < ?1
           AND p.id NOT IN (SELECT r.payment_id FROM receipt_voids v JOIN receipts r ON r.id = v.receipt_id WHERE v.created_at < ?1)
         GROUP BY p.unit_id HAVING left > 0",
    )?;
    let rows = stmt.query_map([day_after(as_of)], |r| Ok((r.get(0)?, Money(r.get(1)?))))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

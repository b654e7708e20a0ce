//! The SQL of the meters part, and only its SQL.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;

use super::model::{AnomalyKind, Confirmation, Meter, MeterKind, Tier};
use super::rules::{self, Event};
use crate::error::Result;
use crate::fees::Period;

const METER_COLUMNS: &str = "m.id, m.kind, u.code, m.unit_id, m.name, m.building, p.name, m.parent_id, m.digits, m.start_value, m.start_period, f.name, m.fee_item_id, m.serial";

fn meter_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Meter> {
    let kind: String = r.get(1)?;
    let start_value: i64 = r.get(9)?;
    Ok(Meter {
        id: r.get(0)?,
        kind: MeterKind::parse(&kind).unwrap_or(MeterKind::Water),
        unit: r.get(2)?,
        unit_id: r.get(3)?,
        name: r.get(4)?,
        building: r.get(5)?,
        parent: r.get(6)?,
        parent_id: r.get(7)?,
        digits: r.get(8)?,
        start: rules::show(start_value),
        start_value,
        start_period: r.get(10)?,
        fee: r.get(11)?,
        fee_item_id: r.get(12)?,
        serial: r.get(13)?,
    })
}

fn select_meters(where_clause: &str) -> String {
    format!(
        "SELECT {METER_COLUMNS} FROM meters m LEFT JOIN units u ON u.id = m.unit_id LEFT JOIN meters p ON p.id = m.parent_id
         JOIN fee_items f ON f.id = m.fee_item_id {where_clause}"
    )
}

/// Every meter: shared meters first (by name), then units' meters in the register's order of codes.
pub fn all_meters(conn: &Connection) -> Result<Vec<Meter>> {
    let mut stmt = conn.prepare(&select_meters("ORDER BY m.unit_id IS NOT NULL, m.name, u.id, m.kind"))?;
    let rows = stmt.query_map([], meter_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn meter_by_id(conn: &Connection, id: i64) -> Result<Option<Meter>> {
    Ok(conn.query_row(&select_meters("WHERE m.id = ?1"), [id], meter_of).optional()?)
}

pub fn meters_of_unit(conn: &Connection, unit_id: i64) -> Result<Vec<Meter>> {
    let mut stmt = conn.prepare(&select_meters("WHERE m.unit_id = ?1 ORDER BY m.kind"))?;
    let rows = stmt.query_map([unit_id], meter_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn shared_by_name(conn: &Connection, name: &str) -> Result<Option<Meter>> {
    Ok(conn.query_row(&select_meters("WHERE m.unit_id IS NULL AND m.name = ?1"), [name], meter_of).optional()?)
}

#[allow(clippy::too_many_arguments)]
pub fn insert_meter(
    conn: &Connection,
    kind: MeterKind,
    unit_id: Option<i64>,
    name: &str,
    building: Option<&str>,
    parent_id: Option<i64>,
    digits: u32,
    start: i64,
    period: Period,
    fee_item_id: i64,
    serial: &str,
    operator: &str,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO meters (kind, unit_id, name, building, parent_id, digits, start_value, start_period, fee_item_id, serial, created_at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![kind.code(), unit_id, name, building, parent_id, digits, start, period.to_string(), fee_item_id, serial, now, operator],
    )?;
    Ok(conn.last_insert_rowid())
}

#[allow(clippy::too_many_arguments)]
pub fn insert_swap(conn: &Connection, meter: &Meter, period: Period, old_final: i64, new_start: i64, digits: u32, serial: &str, note: &str, operator: &str, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meter_swaps (meter_id, period, old_final, new_start, digits, old_serial, new_serial, note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![meter.id, period.to_string(), old_final, new_start, digits, meter.serial, serial, note, operator, now],
    )?;
    conn.execute("UPDATE meters SET serial = ?2 WHERE id = ?1", params![meter.id, serial])?;
    Ok(())
}

pub fn swap_exists(conn: &Connection, meter_id: i64, period: Period) -> Result<bool> {
    Ok(conn.query_row("SELECT 1 FROM meter_swaps WHERE meter_id = ?1 AND period = ?2", params![meter_id, period.to_string()], |_| Ok(())).optional()?.is_some())
}

/// Every meter's readings and replacements up to `period`, by meter.
pub fn events_upto(conn: &Connection, period: Period) -> Result<HashMap<i64, Vec<Event>>> {
    let mut out: HashMap<i64, Vec<Event>> = HashMap::new();
    let p = period.to_string();
    let mut stmt = conn.prepare_cached("SELECT meter_id, period, value FROM meter_readings WHERE period <= ?1")?;
    let mut rows = stmt.query([&p])?;
    while let Some(r) = rows.next()? {
        if let Ok(period) = Period::parse(&r.get::<_, String>(1)?) {
            out.entry(r.get(0)?).or_default().push(Event::Reading { period, value: r.get(2)? });
        }
    }
    let mut stmt = conn.prepare_cached("SELECT meter_id, period, old_final, new_start, digits FROM meter_swaps WHERE period <= ?1")?;
    let mut rows = stmt.query([&p])?;
    while let Some(r) = rows.next()? {
        if let Ok(period) = Period::parse(&r.get::<_, String>(1)?) {
            out.entry(r.get(0)?).or_default().push(Event::Swap { period, old_final: r.get(2)?, new_start: r.get(3)?, digits: r.get(4)? });
        }
    }
    Ok(out)
}

/// One meter's events up to `period`.
pub fn meter_events(conn: &Connection, meter_id: i64, period: Period) -> Result<Vec<Event>> {
    let p = period.to_string();
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT period, value FROM meter_readings WHERE meter_id = ?1 AND period <= ?2")?;
    for row in stmt.query_map(params![meter_id, p], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (period, value) = row?;
        if let Ok(period) = Period::parse(&period) {
            out.push(Event::Reading { period, value });
        }
    }
    let mut stmt = conn.prepare_cached("SELECT period, old_final, new_start, digits FROM meter_swaps WHERE meter_id = ?1 AND period <= ?2")?;
    for row in stmt.query_map(params![meter_id, p], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))? {
        let (period, old_final, new_start, digits) = row?;
        if let Ok(period) = Period::parse(&period) {
            out.push(Event::Swap { period, old_final, new_start, digits });
        }
    }
    Ok(out)
}

pub fn reading(conn: &Connection, meter_id: i64, period: Period) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT value FROM meter_readings WHERE meter_id = ?1 AND period = ?2", params![meter_id, period.to_string()], |r| r.get(0))
        .optional()?)
}

/// Every reading of a month, by meter.
pub fn readings_of(conn: &Connection, period: Period) -> Result<HashMap<i64, i64>> {
    let mut stmt = conn.prepare_cached("SELECT meter_id, value FROM meter_readings WHERE period = ?1")?;
    let rows = stmt.query_map([period.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_reading(conn: &Connection, meter_id: i64, period: Period, value: i64, source: &str, operator: &str, now: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO meter_readings (meter_id, period, value, source, operator, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    stmt.execute(params![meter_id, period.to_string(), value, source, operator, now])?;
    Ok(())
}

pub fn correct_reading(conn: &Connection, meter_id: i64, period: Period, value: i64, operator: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE meter_readings SET value = ?3, operator = ?4, created_at = ?5, corrected = corrected + 1 WHERE meter_id = ?1 AND period = ?2",
        params![meter_id, period.to_string(), value, operator, now],
    )?;
    Ok(())
}

/// The confirmations of a month: (meter, kind) → (value, usage, who and why).
pub type Confirmations = HashMap<(i64, AnomalyKind), (Option<i64>, Option<i64>, Confirmation)>;

pub fn confirmations(conn: &Connection, period: Period) -> Result<Confirmations> {
    let mut stmt = conn.prepare_cached("SELECT meter_id, kind, value, usage, note, operator, created_at FROM meter_confirmations WHERE period = ?1")?;
    let mut rows = stmt.query([period.to_string()])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let Some(kind) = AnomalyKind::parse(&r.get::<_, String>(1)?) else { continue };
        out.insert((r.get(0)?, kind), (r.get(2)?, r.get(3)?, Confirmation { note: r.get(4)?, by: r.get(5)?, at: r.get(6)? }));
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
pub fn confirm(conn: &Connection, meter_id: i64, period: Period, kind: AnomalyKind, value: Option<i64>, usage: Option<i64>, note: &str, operator: &str, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meter_confirmations (meter_id, period, kind, value, usage, note, operator, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (meter_id, period, kind) DO UPDATE SET value = excluded.value, usage = excluded.usage, note = excluded.note,
         operator = excluded.operator, created_at = excluded.created_at",
        params![meter_id, period.to_string(), kind.code(), value, usage, note, operator, now],
    )?;
    Ok(())
}

pub fn tiers(conn: &Connection) -> Result<HashMap<i64, Vec<Tier>>> {
    let mut stmt = conn.prepare_cached("SELECT fee_item_id, upto, price FROM meter_tiers ORDER BY fee_item_id, seq")?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<i64, Vec<Tier>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let upto: Option<String> = r.get(1)?;
        let price: String = r.get(2)?;
        let (Ok(price), upto) = (price.parse::<Decimal>(), upto.map(|u| u.parse::<Decimal>())) else { continue };
        let upto = match upto {
            Some(Ok(u)) => Some(u),
            Some(Err(_)) => continue,
            None => None,
        };
        out.entry(r.get(0)?).or_default().push(Tier { upto, price });
    }
    Ok(out)
}

pub fn set_tiers(conn: &Connection, fee_item_id: i64, tiers: &[Tier]) -> Result<()> {
    conn.execute("DELETE FROM meter_tiers WHERE fee_item_id = ?1", [fee_item_id])?;
    for (seq, t) in tiers.iter().enumerate() {
        conn.execute(
            "INSERT INTO meter_tiers (fee_item_id, seq, upto, price) VALUES (?1, ?2, ?3, ?4)",
            params![fee_item_id, seq as i64, t.upto.map(|u| u.to_string()), t.price.to_string()],
        )?;
    }
    Ok(())
}

/// Units with someone on the register now (owner, tenant, family…): a unit lived in.
pub fn occupied_units(conn: &Connection) -> Result<HashSet<i64>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT unit_id FROM occupancies WHERE to_date IS NULL")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether any of the units has a bill of the item for the month.
pub fn billed(conn: &Connection, fee_item_id: i64, period: Period, unit_ids: &[i64]) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM bills WHERE unit_id = ?1 AND fee_item_id = ?2 AND period = ?3 LIMIT 1")?;
    for unit in unit_ids {
        if stmt.exists(params![unit, fee_item_id, period.to_string()])? {
            return Ok(true);
        }
    }
    Ok(false)
}

pub struct AllocationRow {
    pub id: i64,
    pub meter_id: i64,
    pub period: String,
    pub basis: String,
    pub meter_usage: i64,
    pub units_usage: i64,
    pub price: String,
    pub total: i64,
    pub fee_item_id: i64,
}

pub fn allocation(conn: &Connection, meter_id: i64, period: Period) -> Result<Option<AllocationRow>> {
    allocations_where(conn, "a.meter_id = ?1 AND a.period = ?2", params![meter_id, period.to_string()]).map(|mut v| v.pop())
}

pub fn allocations_of(conn: &Connection, period: Period) -> Result<Vec<AllocationRow>> {
    allocations_where(conn, "a.period = ?1", params![period.to_string()])
}

fn allocations_where(conn: &Connection, clause: &str, p: impl rusqlite::Params) -> Result<Vec<AllocationRow>> {
    let sql = format!(
        "SELECT a.id, a.meter_id, a.period, a.basis, a.meter_usage, a.units_usage, a.price, a.total, a.fee_item_id
         FROM meter_allocations a JOIN meters m ON m.id = a.meter_id WHERE {clause} ORDER BY m.name"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(p, |r| {
        Ok(AllocationRow {
            id: r.get(0)?,
            meter_id: r.get(1)?,
            period: r.get(2)?,
            basis: r.get(3)?,
            meter_usage: r.get(4)?,
            units_usage: r.get(5)?,
            price: r.get(6)?,
            total: r.get(7)?,
            fee_item_id: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An allocation's shares: (unit id, unit code, weight, amount), in the order they were split.
pub fn shares(conn: &Connection, allocation_id: i64) -> Result<Vec<(i64, String, String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.unit_id, u.code, s.weight, s.amount FROM meter_shares s JOIN units u ON u.id = s.unit_id WHERE s.allocation_id = ?1 ORDER BY s.seq",
    )?;
    let rows = stmt.query_map([allocation_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn delete_allocation(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM meter_shares WHERE allocation_id = ?1", [id])?;
    conn.execute("DELETE FROM meter_allocations WHERE id = ?1", [id])?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub fn insert_allocation(
    conn: &Connection,
    meter_id: i64,
    period: Period,
    basis: &str,
    meter_usage: i64,
    units_usage: i64,
    price: &str,
    total: i64,
    fee_item_id: i64,
    operator: &str,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO meter_allocations (meter_id, period, basis, meter_usage, units_usage, price, total, fee_item_id, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![meter_id, period.to_string(), basis, meter_usage, units_usage, price, total, fee_item_id, operator, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_share(conn: &Connection, allocation_id: i64, unit_id: i64, seq: usize, weight: &str, amount: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO meter_shares (allocation_id, unit_id, seq, weight, amount) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![allocation_id, unit_id, seq as i64, weight, amount],
    )?;
    Ok(())
}

/// Every share in the months from..=to: (unit, fee item, period) → fen, summed over shared meters.
pub fn share_amounts(conn: &Connection, from: Period, to: Period) -> Result<HashMap<(i64, i64, Period), i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.unit_id, a.fee_item_id, a.period, s.amount FROM meter_shares s JOIN meter_allocations a ON a.id = s.allocation_id
         WHERE a.period BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query(params![from.to_string(), to.to_string()])?;
    let mut out: HashMap<(i64, i64, Period), i64> = HashMap::new();
    while let Some(r) = rows.next()? {
        if let Ok(p) = Period::parse(&r.get::<_, String>(2)?) {
            *out.entry((r.get(0)?, r.get(1)?, p)).or_default() += r.get::<_, i64>(3)?;
        }
    }
    Ok(out)
}

/// The months from..=to that have any reading.
pub fn periods_read(conn: &Connection, from: Period, to: Period) -> Result<Vec<Period>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT period FROM meter_readings WHERE period BETWEEN ?1 AND ?2 ORDER BY period")?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for r in rows {
        if let Ok(p) = Period::parse(&r?) {
            out.push(p);
        }
    }
    Ok(out)
}

/// Whether the meters part is in use at all (no meters: billing need not look).
pub fn any_meter(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM meters)", [], |r| r.get(0))?)
}

/// The register digits of meters replaced since they were put on file (the latest replacement's).
pub fn current_digits(conn: &Connection) -> Result<HashMap<i64, u32>> {
    let mut stmt = conn.prepare_cached("SELECT meter_id, digits FROM meter_swaps ORDER BY period")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

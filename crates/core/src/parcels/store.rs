//! The parcel desk's SQL.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::model::{Collector, Filter, Kind, Parcel, Pickup, Return, Size, Status};
use super::rules;
use crate::error::Result;

pub struct ParcelRow<'a> {
    pub kind: Kind,
    pub carrier: &'a str,
    pub tracking_no: &'a str,
    pub unit_id: i64,
    pub recipient: &'a str,
    pub person_id: Option<i64>,
    pub size: Option<Size>,
    pub shelf: &'a str,
    pub pickup_code: &'a str,
}

pub fn insert_parcel(conn: &Connection, p: &ParcelRow, now: &str, operator: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO parcels (kind, carrier, tracking_no, unit_id, recipient, person_id, size, shelf, pickup_code, received_at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![p.kind.code(), p.carrier, p.tracking_no, p.unit_id, p.recipient, p.person_id, p.size.map_or("", Size::code), p.shelf, p.pickup_code, now, operator])?;
    Ok(conn.last_insert_rowid())
}

pub struct PickupRow<'a> {
    pub parcel_id: i64,
    pub collector: Collector,
    pub name: &'a str,
    pub with_code: bool,
    pub note: &'a str,
}

pub fn insert_pickup(conn: &Connection, k: &PickupRow, now: &str, operator: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO parcel_pickups (parcel_id, collector, collector_name, with_code, note, picked_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![k.parcel_id, k.collector.code(), k.name, k.with_code, k.note, now, operator])?;
    Ok(())
}

pub fn insert_return(conn: &Connection, parcel_id: i64, taken_by: &str, reason: &str, now: &str, operator: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO parcel_returns (parcel_id, taken_by, reason, returned_at, operator) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![parcel_id, taken_by, reason, now, operator])?;
    Ok(())
}

pub fn insert_notice(conn: &Connection, parcel_id: i64, kind: &str, now: &str, operator: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO parcel_notices (parcel_id, kind, sent_at, operator) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![parcel_id, kind, now, operator])?;
    Ok(())
}

/// The pickup code of the waiting parcel with this tracking number, if one waits.
pub fn waiting_code_of(conn: &Connection, tracking_no: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT p.pickup_code FROM parcel_waiting w JOIN parcels p ON p.id = w.parcel_id WHERE w.tracking_no = ?1")?
        .query_row([tracking_no], |r| r.get(0))
        .optional()?)
}

/// The waiting parcel whose code reduces to `key` (rules::pickup_key).
pub fn waiting_by_key(conn: &Connection, key: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT parcel_id FROM parcel_waiting WHERE pickup_key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}

/// The first free code on `shelf`, numbers tried in `rules::code_numbers` order.
pub fn free_code(conn: &Connection, shelf: &str) -> Result<Option<String>> {
    let last: i64 = conn.prepare_cached("SELECT COALESCE(MAX(id), 0) FROM parcels")?.query_row([], |r| r.get(0))?;
    let mut taken = conn.prepare_cached("SELECT 1 FROM parcel_waiting WHERE pickup_key = ?1")?;
    for n in rules::code_numbers(last) {
        let code = rules::pickup_code(shelf, n);
        if !taken.exists([rules::pickup_key(&code)])? {
            return Ok(Some(code));
        }
    }
    Ok(None)
}

/// The current occupant of the unit with this exact name (owners first).
pub fn occupant_named(conn: &Connection, unit_id: i64, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.id FROM occupancies o JOIN people p ON p.id = o.person_id
             WHERE o.unit_id = ?1 AND o.to_date IS NULL AND p.name = ?2 ORDER BY o.role NOT IN ('owner', 'co_owner'), o.id LIMIT 1",
        )?
        .query_row(params![unit_id, name], |r| r.get(0))
        .optional()?)
}

/// The name parcels for the unit were last addressed to, else its first current owner's.
pub fn likely_recipient(conn: &Connection, unit_id: i64) -> Result<Option<String>> {
    let last: Option<String> = conn
        .prepare_cached("SELECT recipient FROM parcels WHERE unit_id = ?1 AND recipient <> '' ORDER BY id DESC LIMIT 1")?
        .query_row([unit_id], |r| r.get(0))
        .optional()?;
    if last.is_some() {
        return Ok(last);
    }
    Ok(conn
        .prepare_cached(
            "SELECT p.name FROM occupancies o JOIN people p ON p.id = o.person_id
             WHERE o.unit_id = ?1 AND o.to_date IS NULL ORDER BY o.role NOT IN ('owner', 'co_owner'), o.id LIMIT 1",
        )?
        .query_row([unit_id], |r| r.get(0))
        .optional()?)
}

/// Phones on file for the parcels' recipients: the person named on the parcel,
/// else every current occupant of the unit, owners first (comma-separated lists).
pub fn phones_for(conn: &Connection, parcels: &[Parcel]) -> Result<HashMap<i64, Vec<String>>> {
    let mut by_unit: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT o.unit_id, p.phones FROM occupancies o JOIN people p ON p.id = o.person_id
         WHERE o.to_date IS NULL AND p.phones <> '' ORDER BY o.unit_id, o.role NOT IN ('owner', 'co_owner'), o.id",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (unit, phones) = row?;
        by_unit.entry(unit).or_default().push(phones);
    }
    let mut person = conn.prepare_cached("SELECT phones FROM people WHERE id = ?1")?;
    let mut out = HashMap::new();
    for p in parcels {
        let mut lists = Vec::new();
        if let Some(id) = p.person_id
            && let Some(phones) = person.query_row([id], |r| r.get::<_, String>(0)).optional()?
        {
            lists.push(phones);
        }
        lists.extend(by_unit.get(&p.unit_id).cloned().unwrap_or_default());
        out.insert(p.id, lists);
    }
    Ok(out)
}

const PARCELS: &str = "SELECT p.id, p.kind, p.carrier, p.tracking_no, p.unit_id, u.code, p.recipient, p.person_id, p.size, p.shelf, p.pickup_code,
        p.received_at, p.operator, k.collector, k.collector_name, k.with_code, k.note, k.picked_at, k.operator,
        r.taken_by, r.reason, r.returned_at, r.operator,
        (SELECT MIN(n.sent_at) FROM parcel_notices n WHERE n.parcel_id = p.id),
        (SELECT MAX(n.sent_at) FROM parcel_notices n WHERE n.parcel_id = p.id AND n.kind = 'remind')
    FROM parcels p JOIN units u ON u.id = p.unit_id
    LEFT JOIN parcel_pickups k ON k.parcel_id = p.id LEFT JOIN parcel_returns r ON r.parcel_id = p.id";

/// A row of `PARCELS` as of `today`, overdue after `remind_days`.
fn parcel(r: &Row, today: NaiveDate, remind_days: u32) -> rusqlite::Result<Parcel> {
    let kind = Kind::from_code(&r.get::<_, String>(1)?);
    let size = Size::ALL.into_iter().find(|s| r.get_ref(8).ok().and_then(|v| v.as_str().ok()) == Some(s.code()));
    let pickup = match r.get::<_, Option<String>>(13)? {
        Some(code) => {
            let collector = Collector::ALL.into_iter().find(|c| c.code() == code).unwrap_or(Collector::Recipient);
            Some(Pickup {
                collector,
                collector_label: collector.label(),
                collector_name: r.get(14)?,
                with_code: r.get(15)?,
                note: r.get(16)?,
                picked_at: r.get(17)?,
                operator: r.get(18)?,
            })
        }
        None => None,
    };
    let returned = match r.get::<_, Option<String>>(19)? {
        Some(taken_by) => Some(Return { taken_by, reason: r.get(20)?, returned_at: r.get(21)?, operator: r.get(22)? }),
        None => None,
    };
    let status = if pickup.is_some() {
        Status::Collected
    } else if returned.is_some() {
        Status::Returned
    } else {
        Status::Waiting
    };
    let received_at: String = r.get(11)?;
    let left = pickup.as_ref().map(|p| p.picked_at.as_str()).or(returned.as_ref().map(|r| r.returned_at.as_str()));
    let until = left.and_then(|t| t.get(..10)).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).unwrap_or(today);
    let days = rules::days_on_shelf(&received_at, until);
    Ok(Parcel {
        id: r.get(0)?,
        kind,
        kind_label: kind.label(),
        carrier: r.get(2)?,
        tracking_no: r.get(3)?,
        unit_id: r.get(4)?,
        unit: r.get(5)?,
        recipient: r.get(6)?,
        person_id: r.get(7)?,
        size,
        size_label: size.map_or("", Size::label),
        shelf: r.get(9)?,
        pickup_code: r.get(10)?,
        received_at,
        operator: r.get(12)?,
        status,
        status_label: status.label(),
        notified_at: r.get(23)?,
        reminded_at: r.get(24)?,
        days,
        overdue: status == Status::Waiting && days >= i64::from(remind_days),
        pickup,
        returned,
    })
}

/// Parcels by the filter, newest first; `ids` (when given) picks exactly those.
pub fn parcels(conn: &Connection, filter: &Filter, ids: Option<&[i64]>, today: NaiveDate, remind_days: u32) -> Result<Vec<Parcel>> {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let mut bind = |clause: &str, v: Value| {
        values.push(v);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    };
    if let Some(from) = filter.from {
        bind("p.received_at >= ?", Value::Text(from.to_string()));
    }
    if let Some(to) = filter.to {
        // Times carry their offset after the date, so the next day's date bounds the day's end.
        bind("p.received_at < ?", Value::Text((to + Duration::days(1)).to_string()));
    }
    if let Some(unit) = filter.unit_id {
        bind("p.unit_id = ?", Value::Integer(unit));
    }
    if let Some(kind) = filter.kind {
        bind("p.kind = ?", Value::Text(kind.code().into()));
    }
    match filter.status {
        Some(Status::Waiting) => clauses.push("p.id IN (SELECT parcel_id FROM parcel_waiting)".into()),
        Some(Status::Collected) => clauses.push("k.id IS NOT NULL".into()),
        Some(Status::Returned) => clauses.push("r.id IS NOT NULL".into()),
        None => {}
    }
    if let Some(ids) = ids {
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        clauses.push(format!("p.id IN ({list})"));
    }
    let wh = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
    let sql = format!("{PARCELS}{wh} ORDER BY p.id DESC");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| parcel(r, today, remind_days))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Waiting parcels of units where someone living there has a phone ending in `tail`.
pub fn waiting_ids_by_phone_tail(conn: &Connection, tail: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.parcel_id FROM parcel_waiting w JOIN parcels p ON p.id = w.parcel_id
         WHERE p.unit_id IN (SELECT o.unit_id FROM occupancies o JOIN people pe ON pe.id = o.person_id
                             WHERE o.to_date IS NULL AND (pe.phones || ',') LIKE '%' || ?1 || ',%')
         ORDER BY w.parcel_id",
    )?;
    let rows = stmt.query_map([tail], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Counts for 首页: (waiting, letters waiting, received on or before `overdue_by`, never notified).
pub fn waiting_counts(conn: &Connection, overdue_by: NaiveDate) -> Result<(usize, usize, usize, usize)> {
    let next = (overdue_by + Duration::days(1)).to_string();
    Ok(conn.prepare_cached(
        "SELECT COUNT(*), COALESCE(SUM(p.kind = 'letter'), 0), COALESCE(SUM(p.received_at < ?1), 0),
                COALESCE(SUM(NOT EXISTS (SELECT 1 FROM parcel_notices n WHERE n.parcel_id = p.id)), 0)
         FROM parcel_waiting w JOIN parcels p ON p.id = w.parcel_id",
    )?
    .query_row([next], |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize, r.get::<_, i64>(2)? as usize, r.get::<_, i64>(3)? as usize)))?)
}

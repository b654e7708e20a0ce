//! The register's SQL, and only its SQL.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::*;
use crate::error::Result;

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

pub(super) fn unit_from_row(r: &Row) -> rusqlite::Result<Unit> {
    let unit_type: String = r.get(2)?;
    Ok(Unit {
        id: r.get(0)?,
        code: r.get(1)?,
        unit_type: UnitType::parse(&unit_type).unwrap_or(UnitType::Residence),
        area: r.get::<_, Option<i64>>(3)?.map(Area),
        handover: date(r.get(4)?),
    })
}

const UNIT_COLUMNS: &str = "id, code, unit_type, area_centi, handover_date";

pub fn unit_by_code(conn: &Connection, code: &str) -> Result<Option<Unit>> {
    let sql = format!("SELECT {UNIT_COLUMNS} FROM units WHERE code = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([code], unit_from_row).optional()?)
}

pub fn all_units(conn: &Connection) -> Result<Vec<Unit>> {
    let sql = format!("SELECT {UNIT_COLUMNS} FROM units ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let units = stmt.query_map([], unit_from_row)?.collect::<Result<_, _>>()?;
    Ok(units)
}

fn building_id(conn: &Connection, code: &str) -> Result<i64> {
    let found = conn
        .prepare_cached("SELECT id FROM buildings WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO buildings (code) VALUES (?1)")?.execute([code])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_unit(conn: &Connection, u: &NewUnit, now: &str) -> Result<i64> {
    let building = building_id(conn, &u.code.building)?;
    conn.prepare_cached(
        "INSERT INTO units (code, building_id, entrance, room, unit_type, area_centi, handover_date, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        u.code.to_string(),
        building,
        u.code.entrance,
        u.code.room,
        u.unit_type.label(),
        u.area.map(|a| a.0),
        u.handover.map(|d| d.to_string()),
        now
    ])?;
    Ok(conn.last_insert_rowid())
}

fn person_from_row(r: &Row) -> rusqlite::Result<Person> {
    let phones: String = r.get(2)?;
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        phones: phones.split(',').filter(|p| !p.is_empty()).map(String::from).collect(),
        id_number: r.get(3)?,
    })
}

/// The same person already on file: same ID number, or same name sharing a phone
/// (or, with no phone on either side, same name on the same unit).
pub fn find_person(conn: &Connection, p: &NewPerson, unit_id: Option<i64>) -> Result<Option<Person>> {
    if let Some(id_number) = &p.id_number {
        let found = conn
            .prepare_cached("SELECT id, name, phones, id_number FROM people WHERE id_number = ?1")?
            .query_row([id_number], person_from_row)
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    let mut stmt = conn.prepare_cached("SELECT id, name, phones, id_number FROM people WHERE name = ?1")?;
    let same_name: Vec<Person> = stmt.query_map([&p.name], person_from_row)?.collect::<Result<_, _>>()?;
    for candidate in same_name {
        let shares_phone = p.phones.iter().any(|ph| candidate.phones.contains(ph));
        let both_without = p.phones.is_empty() || candidate.phones.is_empty();
        let on_unit = match unit_id {
            Some(u) => conn
                .prepare_cached("SELECT 1 FROM occupancies WHERE unit_id = ?1 AND person_id = ?2")?
                .exists(params![u, candidate.id])?,
            None => false,
        };
        if shares_phone || (both_without && on_unit) {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
}

pub fn insert_person(conn: &Connection, p: &NewPerson, now: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO people (name, phones, id_number, created_at) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![p.name, p.phones.join(","), p.id_number, now])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_occupancy(conn: &Connection, unit_id: i64, person_id: i64, role: Role, from: NaiveDate) -> Result<i64> {
    conn.prepare_cached("INSERT INTO occupancies (unit_id, person_id, role, from_date) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![unit_id, person_id, role.code(), from.to_string()])?;
    Ok(conn.last_insert_rowid())
}

pub fn has_current_occupancy(conn: &Connection, unit_id: i64, person_id: i64, role: Role) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM occupancies WHERE unit_id = ?1 AND person_id = ?2 AND role = ?3 AND to_date IS NULL",
        )?
        .exists(params![unit_id, person_id, role.code()])?)
}

pub fn end_occupancy(conn: &Connection, occupancy_id: i64, to: NaiveDate) -> Result<()> {
    conn.execute("UPDATE occupancies SET to_date = ?2 WHERE id = ?1", params![occupancy_id, to.to_string()])?;
    Ok(())
}

pub fn occupancies(conn: &Connection, unit_id: i64) -> Result<Vec<Occupancy>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.role, o.from_date, o.to_date, p.id, p.name, p.phones, p.id_number
         FROM occupancies o JOIN people p ON p.id = o.person_id
         WHERE o.unit_id = ?1 ORDER BY o.to_date IS NOT NULL, o.to_date DESC, o.id",
    )?;
    let rows = stmt.query_map([unit_id], |r| {
        let role: String = r.get(1)?;
        let phones: String = r.get(6)?;
        Ok(Occupancy {
            id: r.get(0)?,
            role: Role::parse(&role).unwrap_or(Role::Owner),
            from: date(r.get(2)?).unwrap_or_default(),
            to: date(r.get(3)?),
            person: Person {
                id: r.get(4)?,
                name: r.get(5)?,
                phones: phones.split(',').filter(|p| !p.is_empty()).map(String::from).collect(),
                id_number: r.get(7)?,
            },
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn insert_transfer(conn: &Connection, unit_id: i64, date: NaiveDate, from: &str, to: i64, note: &str, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO transfers (unit_id, date, from_people, to_person_id, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![unit_id, date.to_string(), from, to, note, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn transfers(conn: &Connection, unit_id: i64) -> Result<Vec<Transfer>> {
    let mut stmt = conn.prepare(
        "SELECT t.id, t.date, t.from_people, p.name, t.note FROM transfers t JOIN people p ON p.id = t.to_person_id
         WHERE t.unit_id = ?1 ORDER BY t.date, t.id",
    )?;
    let rows = stmt.query_map([unit_id], |r| {
        Ok(Transfer {
            id: r.get(0)?,
            date: date(r.get(1)?).unwrap_or_default(),
            from_people: r.get(2)?,
            to_person: r.get(3)?,
            note: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn plate_taken(conn: &Connection, plate: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM vehicles WHERE plate = ?1")?.exists([plate])?)
}

pub fn insert_vehicle(conn: &Connection, unit_id: i64, plate: &str, person_id: Option<i64>, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO vehicles (plate, unit_id, person_id, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![plate, unit_id, person_id, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn vehicles(conn: &Connection, unit_id: i64) -> Result<Vec<Vehicle>> {
    let mut stmt = conn.prepare(
        "SELECT v.id, v.plate, p.name FROM vehicles v LEFT JOIN people p ON p.id = v.person_id WHERE v.unit_id = ?1 ORDER BY v.id",
    )?;
    let rows = stmt.query_map([unit_id], |r| Ok(Vehicle { id: r.get(0)?, plate: r.get(1)?, person: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn unit_by_id(conn: &Connection, id: i64) -> Result<Option<Unit>> {
    let sql = format!("SELECT {UNIT_COLUMNS} FROM units WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], unit_from_row).optional()?)
}

pub fn update_unit(conn: &Connection, id: i64, d: &UnitDetails) -> Result<()> {
    conn.execute(
        "UPDATE units SET unit_type = ?2, area_centi = ?3, handover_date = ?4 WHERE id = ?1",
        params![id, d.unit_type.label(), d.area.map(|a| a.0), d.handover.map(|h| h.to_string())],
    )?;
    Ok(())
}

pub fn person_by_id(conn: &Connection, id: i64) -> Result<Option<Person>> {
    Ok(conn
        .prepare_cached("SELECT id, name, phones, id_number FROM people WHERE id = ?1")?
        .query_row([id], person_from_row)
        .optional()?)
}

pub fn update_person(conn: &Connection, p: &Person) -> Result<()> {
    conn.execute(
        "UPDATE people SET name = ?2, phones = ?3, id_number = ?4 WHERE id = ?1",
        params![p.id, p.name, p.phones.join(","), p.id_number],
    )?;
    Ok(())
}

//! The search index's SQL, and only its SQL: three plain reads of the
//! register (units, who is or was tied to each, vehicles).

use std::collections::HashMap;

use rusqlite::Connection;

use super::rules::role_rank;
use crate::error::Result;
use crate::register::{Area, Role, UnitType};

pub(super) struct UnitRow {
    pub id: i64,
    pub code: String,
    pub unit_type: UnitType,
    pub area: Option<Area>,
}

/// A person on one unit, by their most telling tie to it: a current tie
/// before an ended one, the owner's role before the others, the latest end.
pub(super) struct PersonRow {
    pub person_id: i64,
    pub unit_id: i64,
    pub name: String,
    pub phones: Vec<String>,
    pub role: Role,
    pub current: bool,
}

pub(super) struct VehicleRow {
    pub plate: String,
    pub unit_id: i64,
    pub person_id: Option<i64>,
}

pub(super) fn units(conn: &Connection) -> Result<Vec<UnitRow>> {
    let mut stmt = conn.prepare("SELECT id, code, unit_type, area_centi FROM units")?;
    let rows = stmt.query_map([], |r| {
        let unit_type: String = r.get(2)?;
        Ok(UnitRow {
            id: r.get(0)?,
            code: r.get(1)?,
            unit_type: UnitType::parse(&unit_type).unwrap_or(UnitType::Residence),
            area: r.get::<_, Option<i64>>(3)?.map(Area),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(super) fn people(conn: &Connection) -> Result<Vec<PersonRow>> {
    let mut stmt = conn.prepare(
        "SELECT o.unit_id, p.id, p.name, p.phones, o.role, o.to_date
         FROM occupancies o JOIN people p ON p.id = o.person_id",
    )?;
    // (current, role rank, end date) decides which tie stands for the person on that unit.
    let mut best: HashMap<(i64, i64), (PersonRow, String)> = HashMap::new();
    let rows = stmt.query_map([], |r| {
        let phones: String = r.get(3)?;
        let role: String = r.get(4)?;
        let to: Option<String> = r.get(5)?;
        Ok((
            PersonRow {
                unit_id: r.get(0)?,
                person_id: r.get(1)?,
                name: r.get(2)?,
                phones: phones.split(',').filter(|p| !p.is_empty()).map(String::from).collect(),
                role: Role::parse(&role).unwrap_or(Role::Owner),
                current: to.is_none(),
            },
            to.unwrap_or_default(),
        ))
    })?;
    for row in rows {
        let (row, to) = row?;
        let key = (row.unit_id, row.person_id);
        let better = |old: &(PersonRow, String)| {
            (!row.current, role_rank(row.role), std::cmp::Reverse(&to)) < (!old.0.current, role_rank(old.0.role), std::cmp::Reverse(&old.1))
        };
        if best.get(&key).is_none_or(better) {
            best.insert(key, (row, to));
        }
    }
    Ok(best.into_values().map(|(row, _)| row).collect())
}

pub(super) fn vehicles(conn: &Connection) -> Result<Vec<VehicleRow>> {
    let mut stmt = conn.prepare("SELECT plate, unit_id, person_id FROM vehicles")?;
    let rows = stmt.query_map([], |r| Ok(VehicleRow { plate: r.get(0)?, unit_id: r.get(1)?, person_id: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

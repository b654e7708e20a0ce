//! The register as a list: every unit on one line (code, type, area,
//! handover, current owners, arrears), and the buildings with their unit counts.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::model::{Area, UnitType};
use crate::error::Result;
use crate::money::Money;
use crate::search::rules::code_order;

/// One line of the register list.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRow {
    pub id: i64,
    pub code: String,
    /// The unit's place in code order (3-2-902 before 3-2-1502): what sorting by code sorts by.
    pub order: usize,
    pub building: String,
    pub entrance: String,
    pub unit_type: UnitType,
    pub area: Option<Area>,
    pub handover: Option<NaiveDate>,
    /// Current owners and co-owners, joined with 、.
    pub owners: String,
    /// Everyone living there or tied to it now (owners, tenants, family, authorised).
    pub occupants: usize,
    /// What the unit owes now.
    pub owed: Money,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BuildingRow {
    pub code: String,
    pub units: usize,
}

/// Every unit in code order, in three queries (units with their current
/// owners, current occupant counts folded in, arrears from the ledger in one pass).
pub fn unit_list(conn: &Connection) -> Result<Vec<UnitRow>> {
    let owed: HashMap<i64, Money> = crate::fees::arrears(conn)?.into_iter().collect();
    let mut stmt = conn.prepare(
        "SELECT u.id, u.code, b.code, u.entrance, u.area_centi, u.handover_date, u.unit_type,
                (SELECT group_concat(p.name, '、') FROM occupancies o JOIN people p ON p.id = o.person_id
                  WHERE o.unit_id = u.id AND o.to_date IS NULL AND o.role IN ('owner', 'co_owner')),
                (SELECT count(*) FROM occupancies o WHERE o.unit_id = u.id AND o.to_date IS NULL)
         FROM units u JOIN buildings b ON b.id = u.building_id",
    )?;
    let rows = stmt.query_map([], |r| {
        let id: i64 = r.get(0)?;
        let unit_type: String = r.get(6)?;
        Ok(UnitRow {
            id,
            code: r.get(1)?,
            order: 0,
            building: r.get(2)?,
            entrance: r.get(3)?,
            unit_type: UnitType::parse(&unit_type).unwrap_or(UnitType::Residence),
            area: r.get::<_, Option<i64>>(4)?.map(Area),
            handover: r.get::<_, Option<String>>(5)?.and_then(|d| d.parse().ok()),
            owners: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
            occupants: r.get::<_, i64>(8)? as usize,
            owed: owed.get(&id).copied().unwrap_or(Money(0)),
        })
    })?;
    let mut units: Vec<UnitRow> = rows.collect::<Result<_, _>>()?;
    units.sort_by_cached_key(|u| code_order(&u.code));
    for (i, u) in units.iter_mut().enumerate() {
        u.order = i;
    }
    Ok(units)
}

/// Buildings in code order with how many units each has.
pub fn buildings(conn: &Connection) -> Result<Vec<BuildingRow>> {
    let mut stmt = conn.prepare("SELECT b.code, count(u.id) FROM buildings b LEFT JOIN units u ON u.building_id = b.id GROUP BY b.id")?;
    let rows = stmt.query_map([], |r| Ok(BuildingRow { code: r.get(0)?, units: r.get::<_, i64>(1)? as usize }))?;
    let mut list: Vec<BuildingRow> = rows.collect::<Result<_, _>>()?;
    list.sort_by_cached_key(|b| code_order(&b.code));
    Ok(list)
}

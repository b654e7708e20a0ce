//! The owner register: buildings, units, people, who lives where and since
//! when, vehicles, and ownership transfers.

mod form;
pub mod import;
mod list;
pub mod model;
pub mod rules;
pub(crate) mod store;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::json;

use crate::db::Tx;
use crate::error::{Coded, Result};
pub use form::*;
pub use list::*;
pub use model::*;

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("找不到房号 {0}。请核对楼栋-单元-房号，例如 3-2-1502。")]
    UnitNotFound(String),
    #[error("{0}")]
    BadInput(String),
    #[error("房号 {0} 已经登记过了，不能重复新建。")]
    UnitExists(String),
    #[error("{0} 类房屋必须填写建筑面积（按面积收费要用）。")]
    AreaRequired(&'static str),
    #[error("姓名不能为空。")]
    NameRequired,
    #[error("房号 {0} 目前没有登记业主，不能办理过户。请先登记业主。")]
    NoOwner(String),
    #[error("新业主与现业主是同一人，不需要过户。")]
    SameOwner,
    #[error("车牌 {0} 已经登记在其他房号下。")]
    PlateTaken(String),
    #[error("车牌“{0}”认不出，应写成 浙A12345 这样的格式。")]
    BadPlate(String),
    #[error("该身份证号已登记在 {0} 名下，请核对后再填。")]
    IdNumberTaken(String),
    #[error("找不到这位住户（编号 {0}），可能已被别人改动。请刷新后再试。")]
    PersonNotFound(i64),
    #[error("房号 {0} 下找不到这条住户记录。请刷新后再试。")]
    OccupancyNotFound(String),
    #[error("{name} 在 {to} 已经迁出，不需要再结束。")]
    OccupancyEnded { name: String, to: NaiveDate },
    #[error("结束日期不能早于起始日期 {0}。")]
    EndsBeforeStart(NaiveDate),
    #[error("电话“{0}”是遮挡后的号码，档案里没有对应的号码。请输入完整的电话号码。")]
    MaskedPhone(String),
}

impl Coded for RegisterError {
    fn code(&self) -> &'static str {
        match self {
            RegisterError::UnitNotFound(_) => "unit.not_found",
            RegisterError::BadInput(_) => "register.bad_input",
            RegisterError::UnitExists(_) => "unit.exists",
            RegisterError::AreaRequired(_) => "unit.area_required",
            RegisterError::NameRequired => "person.name_required",
            RegisterError::NoOwner(_) => "transfer.no_owner",
            RegisterError::SameOwner => "transfer.same_owner",
            RegisterError::PlateTaken(_) => "vehicle.plate_taken",
            RegisterError::BadPlate(_) => "vehicle.bad_plate",
            RegisterError::IdNumberTaken(_) => "person.id_number_taken",
            RegisterError::PersonNotFound(_) => "person.not_found",
            RegisterError::OccupancyNotFound(_) => "occupancy.not_found",
            RegisterError::OccupancyEnded { .. } => "occupancy.ended",
            RegisterError::EndsBeforeStart(_) => "occupancy.ends_before_start",
            RegisterError::MaskedPhone(_) => "person.masked_phone",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

/// Finds a unit by any way a clerk writes its code.
pub fn find_unit(conn: &Connection, text: &str) -> Result<Unit> {
    let code = rules::parse_unit_code(text).map_err(RegisterError::BadInput)?.to_string();
    store::unit_by_code(conn, &code)?.ok_or_else(|| RegisterError::UnitNotFound(code).into())
}

pub fn add_unit(tx: &mut Tx, unit: &NewUnit) -> Result<Unit> {
    let code = unit.code.to_string();
    if store::unit_by_code(tx, &code)?.is_some() {
        return Err(RegisterError::UnitExists(code).into());
    }
    check_area(unit.unit_type, unit.area)?;
    let id = store::insert_unit(tx, unit, &tx.now_text())?;
    let area = unit.area.map(|a| a.to_string());
    tx.audit("unit.add", "unit", id, json!({ "code": code, "type": unit.unit_type.label(), "area": area }))?;
    Ok(Unit { id, code, unit_type: unit.unit_type, area: unit.area, handover: unit.handover })
}

fn check_area(unit_type: UnitType, area: Option<Area>) -> Result<()> {
    match (unit_type.needs_area(), area) {
        (true, None) => Err(RegisterError::AreaRequired(unit_type.label()).into()),
        _ => Ok(()),
    }
}

/// Corrects a unit's type, area and handover date (its code is its identity
/// in the ledger and never changes). Bills already made keep their amounts;
/// billing runs after the change use the new figures.
pub fn edit_unit(tx: &mut Tx, unit: &Unit, details: &UnitDetails) -> Result<Unit> {
    check_area(details.unit_type, details.area)?;
    store::update_unit(tx, unit.id, details)?;
    let side = |t: UnitType, a: Option<Area>, h: Option<NaiveDate>| json!({ "type": t.label(), "area": a.map(|a| a.to_string()), "handover": h });
    let before = side(unit.unit_type, unit.area, unit.handover);
    let after = side(details.unit_type, details.area, details.handover);
    tx.audit("unit.edit", "unit", unit.id, json!({ "code": unit.code, "before": before, "after": after }))?;
    Ok(Unit { unit_type: details.unit_type, area: details.area, handover: details.handover, ..unit.clone() })
}

/// Corrects a person's name, phones and ID number. An ID number of `None`
/// keeps the one on file (the desk never shows it in full, so it cannot send it back).
/// The audit entry names the change but holds no phone or ID number.
pub fn edit_person(tx: &mut Tx, person_id: i64, edit: &NewPerson) -> Result<Person> {
    let before = store::person_by_id(tx, person_id)?.ok_or(RegisterError::PersonNotFound(person_id))?;
    let edit = checked(&NewPerson { phones: unmasked(&edit.phones, &before.phones)?, ..edit.clone() })?;
    let id_number = edit.id_number.or_else(|| before.id_number.clone());
    if let Some(n) = &id_number
        && let Some(other) = store::find_person(tx, &NewPerson { id_number: Some(n.clone()), ..Default::default() }, None)?
        && other.id != person_id
    {
        return Err(RegisterError::IdNumberTaken(other.name).into());
    }
    let after = Person { id: person_id, name: edit.name, phones: edit.phones, id_number };
    store::update_person(tx, &after)?;
    let detail = json!({
        "name_before": before.name,
        "name": after.name,
        "phones_changed": before.phones != after.phones,
        "id_number_changed": before.id_number != after.id_number,
    });
    tx.audit("person.edit", "person", person_id, detail)?;
    Ok(after)
}

/// The desk shows phones masked and sends them back so: each masked one
/// stands for the number on file that masks the same way.
fn unmasked(phones: &[String], on_file: &[String]) -> Result<Vec<String>> {
    phones
        .iter()
        .map(|p| match rules::is_masked(p) {
            false => Ok(p.clone()),
            true => on_file.iter().find(|f| rules::mask_phone(f) == *p).cloned().ok_or_else(|| RegisterError::MaskedPhone(p.clone()).into()),
        })
        .collect()
}

fn checked(person: &NewPerson) -> Result<NewPerson> {
    let name = person.name.trim().to_string();
    if name.is_empty() {
        return Err(RegisterError::NameRequired.into());
    }
    if let Some(masked) = person.phones.iter().find(|p| rules::is_masked(p)) {
        return Err(RegisterError::MaskedPhone(masked.clone()).into());
    }
    let id_number = match &person.id_number {
        Some(n) if !n.trim().is_empty() => Some(rules::check_id_number(n).map_err(RegisterError::BadInput)?),
        _ => None,
    };
    Ok(NewPerson { name, phones: person.phones.clone(), id_number })
}

/// Ties a person to a unit in a role from a date, reusing the person when
/// already on file. Returns the person and whether they were new.
pub fn add_occupant(tx: &mut Tx, unit: &Unit, person: &NewPerson, role: Role, from: NaiveDate) -> Result<(Person, bool)> {
    let person = checked(person)?;
    let (person_id, created) = match store::find_person(tx, &person, Some(unit.id))? {
        Some(found) => (found.id, false),
        None => {
            if let Some(n) = &person.id_number
                && store::find_person(tx, &NewPerson { id_number: Some(n.clone()), ..Default::default() }, None)?.is_some()
            {
                return Err(RegisterError::IdNumberTaken(person.name.clone()).into());
            }
            (store::insert_person(tx, &person, &tx.now_text())?, true)
        }
    };
    if !store::has_current_occupancy(tx, unit.id, person_id, role)? {
        let occupancy = store::insert_occupancy(tx, unit.id, person_id, role, from)?;
        tx.audit(
            "occupancy.add",
            "unit",
            unit.id,
            json!({ "occupancy": occupancy, "person": person_id, "name": person.name, "role": role.code(), "from": from }),
        )?;
    }
    let saved = Person { id: person_id, name: person.name, phones: person.phones, id_number: person.id_number };
    Ok((saved, created))
}

/// Ends an occupancy (a tenant moving out, a family member leaving).
pub fn end_occupancy(tx: &mut Tx, unit: &Unit, occupancy_id: i64, to: NaiveDate) -> Result<()> {
    let found = store::occupancies(tx, unit.id)?.into_iter().find(|o| o.id == occupancy_id);
    let occupancy = found.ok_or_else(|| RegisterError::OccupancyNotFound(unit.code.clone()))?;
    if let Some(ended) = occupancy.to {
        return Err(RegisterError::OccupancyEnded { name: occupancy.person.name, to: ended }.into());
    }
    if to < occupancy.from {
        return Err(RegisterError::EndsBeforeStart(occupancy.from).into());
    }
    store::end_occupancy(tx, occupancy_id, to)?;
    tx.audit("occupancy.end", "unit", unit.id, json!({ "occupancy": occupancy_id, "to": to }))
}

/// Sells the unit to a new owner: the owning side's occupancies end the day
/// before, the new owner's starts on `date`. Tenants stay; the ledger stays
/// with the unit (arrears are the unit's, whoever owns it).
pub fn transfer(tx: &mut Tx, unit: &Unit, new_owner: &NewPerson, date: NaiveDate, note: &str) -> Result<Transfer> {
    let current: Vec<Occupancy> = store::occupancies(tx, unit.id)?
        .into_iter()
        .filter(|o| o.to.is_none() && o.role.ends_with_sale())
        .collect();
    let owners: Vec<&Occupancy> = current.iter().filter(|o| matches!(o.role, Role::Owner | Role::CoOwner)).collect();
    if owners.is_empty() {
        return Err(RegisterError::NoOwner(unit.code.clone()).into());
    }
    let candidate = checked(new_owner)?;
    if let Some(same) = store::find_person(tx, &candidate, Some(unit.id))?
        && owners.iter().any(|o| o.person.id == same.id)
    {
        return Err(RegisterError::SameOwner.into());
    }
    let last_day = date.pred_opt().unwrap_or(date);
    for o in &current {
        store::end_occupancy(tx, o.id, last_day.max(o.from))?;
    }
    let from_people = owners.iter().map(|o| o.person.name.as_str()).collect::<Vec<_>>().join("、");
    let (person, _) = add_occupant(tx, unit, &candidate, Role::Owner, date)?;
    let id = store::insert_transfer(tx, unit.id, date, &from_people, person.id, note, &tx.now_text())?;
    tx.audit("unit.transfer", "unit", unit.id, json!({ "from": from_people, "to": person.name, "date": date, "note": note }))?;
    Ok(Transfer { id, date, from_people, to_person: person.name, note: note.to_string() })
}

/// Registers a vehicle plate to a unit (and optionally to one of its people).
pub fn add_vehicle(tx: &mut Tx, unit: &Unit, plate: &str, person_id: Option<i64>) -> Result<Vehicle> {
    let plate: String = plate.chars().filter(|c| !c.is_whitespace() && *c != '·').collect::<String>().to_uppercase();
    let chars: Vec<char> = plate.chars().collect();
    let valid = (7..=8).contains(&chars.len())
        && !chars[0].is_ascii()
        && chars[1].is_ascii_uppercase()
        && chars[2..].iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, '学' | '警' | '挂'));
    if !valid {
        return Err(RegisterError::BadPlate(plate).into());
    }
    if store::plate_taken(tx, &plate)? {
        return Err(RegisterError::PlateTaken(plate).into());
    }
    let id = store::insert_vehicle(tx, unit.id, &plate, person_id, &tx.now_text())?;
    tx.audit("vehicle.add", "unit", unit.id, json!({ "plate": plate }))?;
    let person = match person_id {
        Some(p) => store::occupancies(tx, unit.id)?.into_iter().find(|o| o.person.id == p).map(|o| o.person.name),
        None => None,
    };
    Ok(Vehicle { id, plate, person })
}

pub fn unit_card(conn: &Connection, unit: &Unit) -> Result<UnitCard> {
    Ok(UnitCard {
        unit: unit.clone(),
        occupancies: store::occupancies(conn, unit.id)?,
        vehicles: store::vehicles(conn, unit.id)?,
        transfers: store::transfers(conn, unit.id)?,
        complaints: crate::service::unit_complaints(conn, unit.id)?,
    })
}

/// The current owners' names, joined — the payer a receipt defaults to.
pub fn owner_names(conn: &Connection, unit: &Unit) -> Result<String> {
    let names: Vec<String> = store::occupancies(conn, unit.id)?
        .into_iter()
        .filter(|o| o.to.is_none() && matches!(o.role, Role::Owner | Role::CoOwner))
        .map(|o| o.person.name)
        .collect();
    Ok(names.join("、"))
}

#[cfg(test)]
mod tests;

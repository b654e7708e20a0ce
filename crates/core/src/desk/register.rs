//! Desk actions on the owner register.

use std::path::Path;

use chrono::NaiveDate;

use crate::db::Db;
use crate::error::Result;
use crate::register::import::{ImportOptions, ImportReport, import_owners_as};
use crate::register::{self as reg, NewPerson, NewUnit, Person, Role, Transfer, Unit, UnitDetails, Vehicle, find_unit};
use crate::staff::{Approval, Permission, Staff, require};

use super::act;

/// Imports an owner register file; see `register::import::import_owners`.
pub fn import_owners(
    db: &mut Db,
    staff: &Staff,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    require(staff, Permission::Import)?;
    import_owners_as(db, &staff.name, path, options, progress)
}

pub fn add_unit(db: &mut Db, staff: &Staff, unit: &NewUnit) -> Result<Unit> {
    require(staff, Permission::EditRegister)?;
    db.write(&staff.name, |tx| reg::add_unit(tx, unit))
}

/// Corrects a unit's type, area and handover date. Once a billing run has
/// billed the unit, changing any of them changes what its bills are made from
/// (`EditBilled`): a supervisor's, or a clerk's with a supervisor's approval.
pub fn edit_unit(db: &mut Db, staff: &Staff, unit: &str, details: &UnitDetails, approval: Option<&Approval>) -> Result<Unit> {
    require(staff, Permission::EditRegister)?;
    let found = find_unit(db.conn(), unit)?;
    let changed = (found.unit_type, found.area, found.handover) != (details.unit_type, details.area, details.handover);
    let permission = if changed && crate::fees::has_charges(db.conn(), &found)? { Permission::EditBilled } else { Permission::EditRegister };
    act(db, staff, permission, approval, |tx| {
        let unit = find_unit(tx, unit)?;
        reg::edit_unit(tx, &unit, details)
    })
}

/// Corrects a person's name, phones and ID number (`None` keeps the ID number on file).
pub fn edit_person(db: &mut Db, staff: &Staff, person_id: i64, edit: &NewPerson) -> Result<Person> {
    require(staff, Permission::EditRegister)?;
    db.write(&staff.name, |tx| reg::edit_person(tx, person_id, edit))
}

/// Ties a person to a unit; returns the person and whether they were new.
pub fn add_occupant(db: &mut Db, staff: &Staff, unit: &str, person: &NewPerson, role: Role, from: NaiveDate) -> Result<(Person, bool)> {
    require(staff, Permission::EditRegister)?;
    db.write(&staff.name, |tx| {
        let unit = find_unit(tx, unit)?;
        reg::add_occupant(tx, &unit, person, role, from)
    })
}

pub fn end_occupancy(db: &mut Db, staff: &Staff, unit: &str, occupancy_id: i64, to: NaiveDate) -> Result<()> {
    require(staff, Permission::EditRegister)?;
    db.write(&staff.name, |tx| {
        let unit = find_unit(tx, unit)?;
        reg::end_occupancy(tx, &unit, occupancy_id, to)
    })
}

pub fn transfer(db: &mut Db, staff: &Staff, unit: &str, new_owner: &NewPerson, date: NaiveDate, note: &str) -> Result<Transfer> {
    require(staff, Permission::EditRegister)?;
    db.write(&staff.name, |tx| {
        let unit = find_unit(tx, unit)?;
        reg::transfer(tx, &unit, new_owner, date, note)
    })
}

pub fn add_vehicle(db: &mut Db, staff: &Staff, unit: &str, plate: &str, person_id: Option<i64>) -> Result<Vehicle> {
    require(staff, Permission::EditRegister)?;
    db.write(&staff.name, |tx| {
        let unit = find_unit(tx, unit)?;
        reg::add_vehicle(tx, &unit, plate, person_id)
    })
}

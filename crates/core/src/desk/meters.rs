//! Desk actions on meters. A clerk types and imports readings, corrects one
//! with a reason and confirms an anomaly with a note (`ReadMeters`: the
//! person who went to the meter or phoned the household is at the desk).
//! Putting meters on file, replacing them and splitting a shared meter's
//! usage over the units (公摊) are a supervisor's, or a clerk's with a
//! supervisor's approval on the spot (`ManageMeters`): the split becomes
//! money on every unit's bill. Tiered prices are fee prices (`EditFees`).

use std::path::Path;

use crate::db::Db;
use crate::error::Result;
use crate::fees::Period;
use crate::meters::{self, Allocation, Anomaly, AnomalyKind, Meter, MeterKind, NewMeter, NewSwap, ReadingImport, ReadingLine, ShareBasis, Tier};
use crate::register::import::ImportOptions;
use crate::staff::{Approval, Permission, Staff, require};

use super::act;

pub fn meter_add(db: &mut Db, staff: &Staff, new: &NewMeter, approval: Option<&Approval>) -> Result<Meter> {
    act(db, staff, Permission::ManageMeters, approval, |tx| meters::add_meter(tx, new))
}

pub fn meter_replace(db: &mut Db, staff: &Staff, meter: &str, kind: Option<MeterKind>, swap: &NewSwap, approval: Option<&Approval>) -> Result<Meter> {
    act(db, staff, Permission::ManageMeters, approval, |tx| {
        let m = meters::find_meter(tx, meter, kind)?;
        meters::replace(tx, &m, swap)
    })
}

pub fn meter_read(db: &mut Db, staff: &Staff, meter: &str, kind: Option<MeterKind>, period: Period, value: &str) -> Result<ReadingLine> {
    require(staff, Permission::ReadMeters)?;
    db.write(&staff.name, |tx| {
        let m = meters::find_meter(tx, meter, kind)?;
        meters::read(tx, &m, period, value)
    })
}

/// Reads by meter id: the grid knows every meter's id from the reading list.
pub fn meter_read_id(db: &mut Db, staff: &Staff, meter_id: i64, period: Period, value: &str) -> Result<ReadingLine> {
    require(staff, Permission::ReadMeters)?;
    db.write(&staff.name, |tx| {
        let m = meters::meter_by_id(tx, meter_id)?;
        meters::read(tx, &m, period, value)
    })
}

pub fn meter_correct(db: &mut Db, staff: &Staff, meter_id: i64, period: Period, value: &str, reason: &str) -> Result<ReadingLine> {
    require(staff, Permission::ReadMeters)?;
    db.write(&staff.name, |tx| {
        let m = meters::meter_by_id(tx, meter_id)?;
        meters::correct(tx, &m, period, value, reason)
    })
}

pub fn meter_confirm(db: &mut Db, staff: &Staff, meter_id: i64, period: Period, kind: AnomalyKind, note: &str) -> Result<Anomaly> {
    require(staff, Permission::ReadMeters)?;
    db.write(&staff.name, |tx| {
        let m = meters::meter_by_id(tx, meter_id)?;
        meters::confirm(tx, &m, period, kind, note)
    })
}

pub fn meter_import(
    db: &mut Db,
    staff: &Staff,
    path: &Path,
    period: Period,
    kind: Option<MeterKind>,
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ReadingImport> {
    require(staff, Permission::ReadMeters)?;
    require(staff, Permission::Import)?;
    meters::import::import_readings(db, &staff.name, path, period, kind, options, progress)
}

pub fn meter_allocate(db: &mut Db, staff: &Staff, meter: &str, period: Period, basis: Option<ShareBasis>, approval: Option<&Approval>) -> Result<Allocation> {
    act(db, staff, Permission::ManageMeters, approval, |tx| {
        let m = meters::find_meter(tx, meter, None)?;
        meters::allocate(tx, &m, period, basis)
    })
}

pub fn meter_tiers(db: &mut Db, staff: &Staff, fee: &str, tiers: &str, approval: Option<&Approval>) -> Result<Vec<Tier>> {
    act(db, staff, Permission::EditFees, approval, |tx| meters::set_tiers(tx, fee, tiers))
}

/// Saves the month's reading list (or, with `allocations`, the allocation table) as a PDF.
pub fn save_meter_sheet(db: &Db, staff: &Staff, period: Period, allocations: bool, out: &Path) -> Result<()> {
    require(staff, Permission::View)?;
    let at = db.now().to_rfc3339();
    let pdf = if allocations { meters::view::allocation_pdf(db.conn(), period, &at)? } else { meters::view::reading_pdf(db.conn(), period, &at)? };
    crate::error::FileError::write(out, &pdf)
}

//! Desk actions on personal data: a supervisor's reveal, export and erasure.

use std::path::Path;

use crate::db::Db;
use crate::error::Result;
use crate::privacy::{self, Erasure, Exported, Revealed};
use crate::staff::{Permission, Staff, require};

/// A person's phones and ID number in full on the person screen (audited).
pub fn reveal_person(db: &mut Db, staff: &Staff, person_id: i64) -> Result<Revealed> {
    require(staff, Permission::ExportPersonalData)?;
    db.write(&staff.name, |tx| privacy::reveal(tx, person_id))
}

/// Everything kept about one person, saved as a workbook at `out` (audited).
pub fn export_person(db: &mut Db, staff: &Staff, person_id: i64, out: &Path) -> Result<Exported> {
    require(staff, Permission::ExportPersonalData)?;
    db.write(&staff.name, |tx| privacy::export(tx, person_id, out))
}

/// Erases a former tenant's personal data; see `privacy::erase`.
pub fn erase_person(db: &mut Db, staff: &Staff, person_id: i64, reason: &str) -> Result<Erasure> {
    require(staff, Permission::ErasePersonalData)?;
    db.write(&staff.name, |tx| privacy::erase(tx, person_id, reason))
}

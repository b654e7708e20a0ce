//! Desk actions on backups: one made now, and a restore (主管 only).

use std::path::Path;

use crate::backup::{self, Made, Reason, Restored};
use crate::db::Db;
use crate::error::Result;
use crate::staff::{Permission, Staff, require};

/// 立即备份: anyone signed in may make a copy; it changes nothing.
pub fn back_up_now(db: &Db, staff: &Staff) -> Result<Made> {
    require(staff, Permission::View)?;
    backup::back_up(db.conn(), Reason::OnDemand, db.now().naive_local())
}

/// Replaces the estate at `estate` with the backup `from` (a safety backup
/// first); returns the restored estate, opened. The caller holds the estate's
/// own connection idle meanwhile and puts the returned one in its place.
pub fn restore(staff: &Staff, estate: &Path, from: &Path) -> Result<(Db, Restored)> {
    require(staff, Permission::Restore)?;
    backup::restore(estate, from, &staff.name)
}

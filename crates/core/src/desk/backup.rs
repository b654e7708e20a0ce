//! Desk actions on backups: one made now, and a restore (主管 only).

use std::path::Path;

use crate::backup::{self, Made, Reason, Restored};
use crate::db::Db;
use crate::error::Result;
use crate::staff::{self, Approval, Permission, Staff, require};

/// 立即备份: anyone signed in may make a copy; it changes nothing.
pub fn back_up_now(db: &Db, staff: &Staff) -> Result<Made> {
    require(staff, Permission::View)?;
    backup::back_up(db.conn(), Reason::OnDemand, db.now().naive_local())
}

/// Replaces the estate at `estate`, open as `live`, with the backup `from` (a
/// safety backup first); returns the restored estate, opened. A clerk's
/// restore needs a supervisor's approval on the spot, checked against `live`'s
/// accounts; the restored file's log names both. The caller holds `live` idle
/// meanwhile and puts the returned connection in its place.
pub fn restore(live: &mut Db, staff: &Staff, estate: &Path, from: &Path, approval: Option<&Approval>) -> Result<(Db, Restored)> {
    let approver = staff::authorize(live, staff, Permission::Restore, approval)?;
    backup::restore(estate, from, &staff.name, approver.as_deref())
}

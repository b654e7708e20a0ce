//! Desk actions of the daily close.

use std::path::Path;

use chrono::NaiveDate;

use crate::close::{self, DaySummary};
use crate::db::Db;
use crate::error::{FileError, Result};
use crate::money::Money;
use crate::staff::{Permission, Staff, require};

/// Closes a day: a clerk their own, a supervisor anyone's. The caller then
/// backs the estate up (`close::backed_up`), off the desk's connection.
pub fn close_day(db: &mut Db, staff: &Staff, clerk: &str, day: NaiveDate, cash_counted: Money, note: &str) -> Result<DaySummary> {
    require(staff, Permission::CloseDay)?;
    if clerk.trim() != staff.name {
        require(staff, Permission::CloseAnyDay)?;
    }
    db.write(&staff.name, |tx| close::close_day(tx, clerk, day, cash_counted, note))
}

/// Saves the handover sheet of a closed day to `out`. Reading it needs no more than signing in.
pub fn save_handover_sheet(db: &Db, staff: &Staff, clerk: &str, day: NaiveDate, out: &Path) -> Result<()> {
    require(staff, Permission::View)?;
    let pdf = close::handover_sheet(db.conn(), clerk, day, &db.now().to_rfc3339())?;
    FileError::write(out, &pdf)
}

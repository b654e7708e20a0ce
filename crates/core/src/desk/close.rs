//! Desk actions of the daily close.

use std::path::Path;

use chrono::NaiveDate;

use crate::close::{self, Closed};
use crate::db::Db;
use crate::error::{FileError, Result};
use crate::money::Money;
use crate::staff::{Permission, Staff, require};

/// Closes a day: a clerk their own, a supervisor anyone's; then backs the estate up.
pub fn close_day(db: &mut Db, staff: &Staff, clerk: &str, day: NaiveDate, cash_counted: Money, note: &str) -> Result<Closed> {
    require(staff, Permission::CloseDay)?;
    if clerk.trim() != staff.name {
        require(staff, Permission::CloseAnyDay)?;
    }
    close::close_and_back_up(db, &staff.name, clerk, day, cash_counted, note)
}

/// Saves the handover sheet of a closed day to `out`. Reading it needs no more than signing in.
pub fn save_handover_sheet(db: &Db, staff: &Staff, clerk: &str, day: NaiveDate, out: &Path) -> Result<()> {
    require(staff, Permission::View)?;
    let pdf = close::handover_sheet(db.conn(), clerk, day, &db.now().to_rfc3339())?;
    FileError::write(out, &pdf)
}

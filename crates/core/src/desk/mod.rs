//! The signed-in desk: one function per action the desktop app offers. Each
//! checks the signed-in person's permission first (a refusal writes nothing,
//! not even a transaction is opened), then makes the core call inside
//! `db.write(&staff.name, …)`, so receipts, ledger rows and audit entries
//! name the person who did it.
//!
//! Queries need no permission beyond being signed in and have no facade here:
//! the app calls `register::unit_card`, `fees::balance`, `staff::list_staff`
//! and the like on `db.conn()` directly.
//!
//! Units are named by their code as the clerk types it (`3-2-1502`,
//! `3栋2单元1502`), found inside the same transaction as the change.

mod backup;
mod close;
mod deposits;
pub mod dunning;
mod fees;
mod handover;
mod notices;
mod register;

use crate::db::{Db, settings};
use crate::error::Result;
use crate::staff::{self, Permission, Staff, StaffRole, require};
pub use backup::*;
pub use close::*;
pub use deposits::*;
pub use fees::*;
pub use handover::*;
pub use notices::*;
pub use register::*;

/// Signs in and records it in the audit log (who was at the desk, and when).
/// To unlock after the idle lock, `staff::sign_in` checks the password
/// without writing.
pub fn sign_in(db: &mut Db, name: &str, password: &str) -> Result<Staff> {
    let staff = staff::sign_in(db.conn(), name, password)?;
    db.write(&staff.name, |tx| tx.audit("staff.sign_in", "staff", staff.id, serde_json::json!({ "name": staff.name })))?;
    Ok(staff)
}

/// The first account of a new estate (a supervisor), made by that person.
pub fn create_first_supervisor(db: &mut Db, name: &str, password: &str) -> Result<Staff> {
    db.write(name.trim(), |tx| staff::create_first_supervisor(tx, name, password))
}

pub fn add_staff(db: &mut Db, by: &Staff, name: &str, role: StaffRole, password: &str) -> Result<Staff> {
    require(by, Permission::ManageStaff)?;
    db.write(&by.name, |tx| staff::add_staff(tx, by, name, role, password))
}

/// A supervisor sets someone's password.
pub fn set_password(db: &mut Db, by: &Staff, name: &str, password: &str) -> Result<()> {
    require(by, Permission::ManageStaff)?;
    db.write(&by.name, |tx| staff::set_password(tx, by, name, password))
}

/// Anyone signed in changes their own password, giving the old one.
pub fn change_password(db: &mut Db, me: &Staff, old: &str, new: &str) -> Result<()> {
    require(me, Permission::View)?;
    db.write(&me.name, |tx| staff::change_password(tx, me, old, new))
}

pub fn deactivate(db: &mut Db, by: &Staff, name: &str) -> Result<Staff> {
    require(by, Permission::ManageStaff)?;
    db.write(&by.name, |tx| staff::deactivate(tx, by, name))
}

pub fn reactivate(db: &mut Db, by: &Staff, name: &str) -> Result<Staff> {
    require(by, Permission::ManageStaff)?;
    db.write(&by.name, |tx| staff::reactivate(tx, by, name))
}

/// Sets one of `settings::SETTABLE` (checked as the CLI checks it); returns the value stored.
pub fn set_setting(db: &mut Db, staff: &Staff, key: &str, value: &str) -> Result<String> {
    require(staff, Permission::EditSettings)?;
    db.write(&staff.name, |tx| settings::change(tx, key, value))
}

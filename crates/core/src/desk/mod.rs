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
//! Supervisor-only actions take an `Option<&Approval>`: a clerk's call needs a
//! supervisor's sign-in given on the spot (`staff::authorize`), and the write
//! then names both (actor = the clerk, `approved_by` = the supervisor).
//!
//! Units are named by their code as the clerk types it (`3-2-1502`,
//! `3栋2单元1502`), found inside the same transaction as the change.

mod backup;
mod bulletins;
mod close;
mod deposits;
pub mod dunning;
mod fees;
mod handover;
mod inspections;
mod keys;
mod inventory;
mod meters;
mod notices;
mod parcels;
mod privacy;
mod register;
mod reno;
mod service;
mod surveys;
mod shift;

use crate::db::{Db, Tx, settings};
use crate::error::Result;
use crate::staff::{self, Approval, Check, Permission, Staff, StaffRole, require};
pub use backup::*;
pub use bulletins::*;
pub use close::*;
pub use deposits::*;
pub use fees::*;
pub use handover::*;
pub use inspections::*;
pub use keys::*;
pub use inventory::*;
pub use meters::*;
pub use notices::*;
pub use parcels::*;
pub use privacy::*;
pub use register::*;
pub use reno::*;
pub use service::*;
pub use surveys::*;
pub use shift::*;

/// Signs in and records it in the audit log (who was at the desk, and when);
/// a wrong password counts towards the account's lock.
pub fn sign_in(db: &mut Db, name: &str, password: &str) -> Result<Staff> {
    staff::sign_in(db, name, password, Check::SignIn)
}

/// Unlocks the screen after the idle lock: the signed-in person's password,
/// counted towards the lock like any other try.
pub fn unlock(db: &mut Db, me: &Staff, password: &str) -> Result<Staff> {
    staff::sign_in(db, &me.name, password, Check::Unlock)
}

/// Checks `permission` (a clerk's supervisor-only action with a supervisor's
/// approval given on the spot), then writes as `staff`, naming the approver.
fn act<T>(db: &mut Db, staff: &Staff, permission: Permission, approval: Option<&Approval>, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
    let approver = staff::authorize(db, staff, permission, approval)?;
    db.write_approved(&staff.name, approver.as_deref(), f)
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

/// A supervisor lifts the lock of an account locked after wrong passwords.
pub fn unlock_account(db: &mut Db, by: &Staff, name: &str) -> Result<Staff> {
    require(by, Permission::ManageStaff)?;
    db.write(&by.name, |tx| staff::unlock(tx, by, name))
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

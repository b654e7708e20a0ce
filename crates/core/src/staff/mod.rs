//! Staff accounts, roles and permissions: who may sign in at the desk and
//! what each role may do. The app signs a person in here, keeps the `Staff`
//! it gets back, and passes it to every `desk::` action, which checks
//! `require` before it writes anything.
//!
//! Passwords are stored only as Argon2id hashes and never appear in the audit
//! log, an error message or a `Staff` value.

mod access;
mod error;
mod model;
mod password;
pub mod rules;
mod store;

use rusqlite::Connection;
use serde_json::json;

use crate::db::Tx;
use crate::error::Result;
pub use access::{Check, authorize, creator, sign_in};
pub use error::StaffError;
pub use model::*;

/// Whether any account exists. With none, the app asks for the first supervisor.
pub fn has_staff(conn: &Connection) -> Result<bool> {
    Ok(store::count(conn)? > 0)
}

/// The first account of an estate, always a supervisor (who then adds the
/// others). Refused once any account exists, so it cannot be used to slip in
/// a second supervisor without signing in.
pub fn create_first_supervisor(tx: &mut Tx, name: &str, password: &str) -> Result<Staff> {
    if has_staff(tx)? {
        return Err(StaffError::AlreadySetUp.into());
    }
    insert(tx, name, StaffRole::Supervisor, password, "staff.first_supervisor")
}

/// Refuses unless `staff` is active and its role allows `permission`; the
/// refusal names the role that may do it.
pub fn require(staff: &Staff, permission: Permission) -> Result<()> {
    if !staff.active {
        return Err(StaffError::Inactive(staff.name.clone()).into());
    }
    if !rules::permits(staff.role, permission) {
        return Err(StaffError::Forbidden { action: permission.label(), who: rules::who_may(permission) }.into());
    }
    Ok(())
}

/// A supervisor adds an account.
pub fn add_staff(tx: &mut Tx, by: &Staff, name: &str, role: StaffRole, password: &str) -> Result<Staff> {
    require(by, Permission::ManageStaff)?;
    insert(tx, name, role, password, "staff.add")
}

fn insert(tx: &mut Tx, name: &str, role: StaffRole, password: &str, action: &str) -> Result<Staff> {
    let name = rules::check_name(name)?;
    rules::check_password(password, &name)?;
    if let Some((found, _)) = store::by_name(tx, &name)? {
        return Err(StaffError::Exists(found.name).into());
    }
    let hash = password::hash(password)?;
    let id = store::insert(tx, &name, role, &hash, &tx.now_text())?;
    tx.audit(action, "staff", id, json!({ "name": name, "role": role.code() }))?;
    Ok(Staff { id, name, role, active: true, created_at: tx.now_text(), locked_until: None })
}

fn find(conn: &Connection, name: &str) -> Result<Staff> {
    let name = name.trim();
    match store::by_name(conn, name)? {
        Some((staff, _)) => Ok(staff),
        None => Err(StaffError::NotFound(name.to_string()).into()),
    }
}

/// A supervisor sets someone's password (a forgotten one, a new starter's);
/// it lifts a lock too, as the wrong tries were most likely the forgetting.
pub fn set_password(tx: &mut Tx, by: &Staff, name: &str, password: &str) -> Result<()> {
    require(by, Permission::ManageStaff)?;
    let staff = find(tx, name)?;
    rules::check_password(password, &staff.name)?;
    store::set_hash(tx, staff.id, &password::hash(password)?)?;
    store::set_lock(tx, staff.id, 0, None)?;
    tx.audit("staff.set_password", "staff", staff.id, json!({ "name": staff.name }))
}

/// A supervisor lifts the lock of an account locked after wrong passwords.
pub fn unlock(tx: &mut Tx, by: &Staff, name: &str) -> Result<Staff> {
    require(by, Permission::ManageStaff)?;
    let staff = find(tx, name)?;
    store::set_lock(tx, staff.id, 0, None)?;
    tx.audit("staff.unlock", "staff", staff.id, json!({ "name": staff.name, "was_locked_until": staff.locked_until }))?;
    Ok(Staff { locked_until: None, ..staff })
}

/// Anyone changes their own password, proving the old one first (the desk may
/// have been left signed in).
pub fn change_password(tx: &mut Tx, me: &Staff, old: &str, new: &str) -> Result<()> {
    require(me, Permission::View)?;
    let Some((staff, stored)) = store::by_name(tx, &me.name)? else {
        return Err(StaffError::NotFound(me.name.clone()).into());
    };
    if !password::verify(old, &stored)? {
        return Err(StaffError::BadOldPassword.into());
    }
    rules::check_password(new, &staff.name)?;
    store::set_hash(tx, staff.id, &password::hash(new)?)?;
    tx.audit("staff.change_password", "staff", staff.id, json!({ "name": staff.name }))
}

/// A supervisor stops an account from signing in. Accounts are never deleted:
/// receipts and the audit log name them.
pub fn deactivate(tx: &mut Tx, by: &Staff, name: &str) -> Result<Staff> {
    require(by, Permission::ManageStaff)?;
    let staff = find(tx, name)?;
    if staff.id == by.id {
        return Err(StaffError::CannotDeactivateSelf.into());
    }
    set_active(tx, staff, false)
}

/// A supervisor lets a deactivated account sign in again.
pub fn reactivate(tx: &mut Tx, by: &Staff, name: &str) -> Result<Staff> {
    require(by, Permission::ManageStaff)?;
    let staff = find(tx, name)?;
    set_active(tx, staff, true)
}

fn set_active(tx: &mut Tx, staff: Staff, active: bool) -> Result<Staff> {
    if staff.active == active {
        return Ok(staff);
    }
    store::set_active(tx, staff.id, active)?;
    let action = if active { "staff.reactivate" } else { "staff.deactivate" };
    tx.audit(action, "staff", staff.id, json!({ "name": staff.name }))?;
    Ok(Staff { active, ..staff })
}

/// Every account, active ones first.
pub fn list_staff(conn: &Connection) -> Result<Vec<Staff>> {
    store::all(conn)
}

#[cfg(test)]
mod tests;

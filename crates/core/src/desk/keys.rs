//! Desk actions on keys in custody: a clerk deposits, lends and takes back
//! keys; lending to someone the owner has not authorised needs a supervisor
//! (a clerk's with a supervisor's approval on the spot).

use std::path::Path;

use chrono::NaiveDate;

use crate::db::Db;
use crate::error::{FileError, Result};
use crate::keys::{self, CustodyKey, Loan, NewAuthorisation, NewKey, NewLoan, NewReturn};
use crate::register::find_unit;
use crate::staff::{Approval, Permission, Staff, require};

use super::act;

pub fn deposit_key(db: &mut Db, staff: &Staff, unit: &str, key: &NewKey) -> Result<CustodyKey> {
    require(staff, Permission::Keys)?;
    db.write(&staff.name, |tx| {
        let unit = find_unit(tx, unit)?;
        keys::deposit(tx, &unit, key)
    })
}

pub fn authorise_key(db: &mut Db, staff: &Staff, key_id: i64, a: &NewAuthorisation) -> Result<CustodyKey> {
    require(staff, Permission::Keys)?;
    db.write(&staff.name, |tx| keys::authorise(tx, key_id, a))
}

/// Lends a key. A borrower the owner has not authorised is refused with the
/// reason (`key.not_authorised`); with `override_reason` it needs
/// `OverrideKeyLoan`, which a clerk gets through a supervisor's approval.
pub fn lend_key(db: &mut Db, staff: &Staff, key_id: i64, loan: &NewLoan, approval: Option<&Approval>) -> Result<Loan> {
    require(staff, Permission::Keys)?;
    let overriding = loan.override_reason.is_some() && keys::needs_override(db.conn(), key_id, loan, db.now().date_naive())?;
    if overriding {
        act(db, staff, Permission::OverrideKeyLoan, approval, |tx| keys::lend(tx, key_id, loan))
    } else {
        db.write(&staff.name, |tx| keys::lend(tx, key_id, loan))
    }
}

pub fn return_key(db: &mut Db, staff: &Staff, key_id: i64, r: &NewReturn) -> Result<Loan> {
    require(staff, Permission::Keys)?;
    db.write(&staff.name, |tx| keys::take_back(tx, key_id, r))
}

/// Hands a key back to its owner for good.
pub fn release_key(db: &mut Db, staff: &Staff, key_id: i64, to: &str, on: Option<NaiveDate>) -> Result<CustodyKey> {
    require(staff, Permission::Keys)?;
    db.write(&staff.name, |tx| keys::release(tx, key_id, to, on))
}

/// Saves the 钥匙借用登记表 of a period.
pub fn save_key_register(db: &Db, staff: &Staff, from: NaiveDate, to: NaiveDate, out: &Path) -> Result<()> {
    require(staff, Permission::View)?;
    let pdf = keys::register_pdf(db.conn(), from, to, &db.now().to_rfc3339())?;
    FileError::write(out, &pdf)
}

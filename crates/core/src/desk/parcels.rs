//! Desk actions at the parcel shelf (快递): clerks take parcels in, hand them
//! out, text, remind, return and print labels (`Permission::Parcels`). The
//! messaging export carries whole mobiles only for a role that may send the
//! texts; anyone else gets them masked.

use std::path::Path;

use crate::db::Db;
use crate::error::{FileError, Result};
use crate::parcels::{self, Messages, NewParcel, NewPickup, Parcel, Phones};
use crate::staff::{Permission, Staff, require, rules::permits};

pub fn parcel_in(db: &mut Db, staff: &Staff, new: &NewParcel) -> Result<Parcel> {
    require(staff, Permission::Parcels)?;
    db.write(&staff.name, |tx| parcels::intake(tx, new))
}

pub fn parcel_pickup(db: &mut Db, staff: &Staff, ids: &[i64], how: &NewPickup) -> Result<Vec<Parcel>> {
    require(staff, Permission::Parcels)?;
    db.write(&staff.name, |tx| parcels::pickup(tx, ids, how))
}

pub fn parcel_pickup_by_code(db: &mut Db, staff: &Staff, code: &str, how: &NewPickup) -> Result<Parcel> {
    require(staff, Permission::Parcels)?;
    db.write(&staff.name, |tx| parcels::pickup_by_code(tx, code, how))
}

pub fn parcel_return(db: &mut Db, staff: &Staff, id: i64, taken_by: &str, reason: &str) -> Result<Parcel> {
    require(staff, Permission::Parcels)?;
    db.write(&staff.name, |tx| parcels::return_to_courier(tx, id, taken_by, reason))
}

/// Which phones a person's exports carry.
pub fn parcel_phones(staff: &Staff) -> Phones {
    if permits(staff.role, Permission::Parcels) { Phones::Full } else { Phones::Masked }
}

/// Where the messages are saved: `.csv` as CSV, anything else as xlsx. A round
/// with no text to send saves nothing and says why (the whole round is undone).
pub fn save_messages(out: &Path, m: &Messages) -> Result<()> {
    if m.messages.is_empty() {
        let without = if m.without_phone.is_empty() { String::new() } else { format!("，另有 {} 件没有登记手机号，请电话通知或在门上留条", m.without_phone.len()) };
        return Err(crate::parcels::ParcelError::NothingToSend(without).into());
    }
    let csv = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    FileError::write(out, &if csv { parcels::messages_csv(m)? } else { parcels::messages_xlsx(m)? })
}

/// Texts for the parcels picked (`None`: all waiting never notified), saved at `out`;
/// recorded as notified only when the file is saved (one transaction).
pub fn parcel_notify(db: &mut Db, staff: &Staff, ids: Option<&[i64]>, out: &Path) -> Result<Messages> {
    require(staff, Permission::Parcels)?;
    let phones = parcel_phones(staff);
    db.write(&staff.name, |tx| {
        let m = parcels::notify(tx, ids, phones)?;
        save_messages(out, &m)?;
        Ok(m)
    })
}

/// Reminders for the overdue parcels, saved at `out` and recorded likewise.
pub fn parcel_remind(db: &mut Db, staff: &Staff, out: &Path) -> Result<Messages> {
    require(staff, Permission::Parcels)?;
    let phones = parcel_phones(staff);
    db.write(&staff.name, |tx| {
        let m = parcels::remind(tx, phones)?;
        save_messages(out, &m)?;
        Ok(m)
    })
}

/// Saves the labels of these parcels (60×40 mm pages) at `out`. Writes no row.
pub fn parcel_labels(db: &Db, staff: &Staff, ids: &[i64], out: &Path) -> Result<usize> {
    require(staff, Permission::Parcels)?;
    let pdf = parcels::labels_pdf(db.conn(), ids, db.now().date_naive())?;
    FileError::write(out, &pdf)?;
    Ok(ids.len())
}

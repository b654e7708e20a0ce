//! Desk actions of dunning (催缴): clerks and supervisors; finance reads only.

use std::path::Path;

use chrono::NaiveDate;

use crate::db::Db;
use crate::dunning::{self, Contact, ContactForm, Delivery, DeliveryForm, LetterBatch, LetterOptions, Pick, Reminders};
use crate::error::{FileError, Result};
use crate::staff::{Permission, Staff, require};

pub fn record_contact(db: &mut Db, staff: &Staff, form: &ContactForm) -> Result<Contact> {
    require(staff, Permission::Dunning)?;
    db.write(&staff.name, |tx| dunning::record_contact(tx, form))
}

pub fn record_delivery(db: &mut Db, staff: &Staff, form: &DeliveryForm) -> Result<Delivery> {
    require(staff, Permission::Dunning)?;
    db.write(&staff.name, |tx| dunning::record_delivery(tx, form))
}

/// Prints the batch to `out` and records its letters. The file is written
/// inside the transaction: letters that could not be saved are not recorded.
pub fn print_letters(db: &mut Db, staff: &Staff, pick: &Pick, options: LetterOptions, out: &Path, progress: &mut dyn FnMut(usize, usize)) -> Result<LetterBatch> {
    require(staff, Permission::Dunning)?;
    db.write(&staff.name, |tx| {
        let (batch, pdf) = dunning::print_letters(tx, pick, options, progress)?;
        FileError::write(out, &pdf)?;
        Ok(batch)
    })
}

/// Saves the reminder sheet to `out`. It carries the owners' full mobile
/// numbers (the messaging service needs them), so it is dunning work, not a view.
pub fn export_reminders(db: &Db, staff: &Staff, as_of: NaiveDate, pick: &Pick, deadline_days: u32, out: &Path) -> Result<Reminders> {
    require(staff, Permission::Dunning)?;
    let reminders = dunning::reminders(db.conn(), as_of, pick, deadline_days)?;
    FileError::write(out, &dunning::reminders_xlsx(&reminders)?)?;
    Ok(reminders)
}

//! Desk actions on the deposit ledger: clerks take deposits and print their
//! receipts, supervisors give them back.

use std::path::PathBuf;

use crate::db::Db;
use crate::deposits::{self, Deposit, NewDeposit, NewRefund, PrintedReceipt};
use crate::error::{FileError, Result};
use crate::register::find_unit;
use crate::staff::{Approval, Permission, Staff, require};

use super::act;

pub fn take_deposit(db: &mut Db, staff: &Staff, unit: &str, deposit: &NewDeposit) -> Result<Deposit> {
    require(staff, Permission::TakePayment)?;
    db.write(&staff.name, |tx| {
        let unit = find_unit(tx, unit)?;
        deposits::take(tx, &unit, deposit)
    })
}

/// Gives a deposit back: a supervisor's, or a clerk's with a supervisor's approval.
pub fn refund_deposit(db: &mut Db, staff: &Staff, deposit_id: i64, refund: &NewRefund, approval: Option<&Approval>) -> Result<Deposit> {
    act(db, staff, Permission::RefundDeposit, approval, |tx| deposits::refund(tx, deposit_id, refund))
}

/// Prints a deposit's 押金收据 (the first print is the original, later ones 补打)
/// and saves it where `place(receipt_no)` says, inside the print's transaction:
/// a file that cannot be saved is not a print. The number is known only once
/// printed for a deposit taken before deposits had receipts.
pub fn save_deposit_receipt(db: &mut Db, staff: &Staff, deposit_id: i64, place: impl FnOnce(&str) -> Result<PathBuf>) -> Result<(PrintedReceipt, PathBuf)> {
    require(staff, Permission::Reprint)?;
    db.write(&staff.name, |tx| {
        let printed = deposits::receipt::print(tx, deposit_id)?;
        let out = place(&printed.receipt_no)?;
        FileError::write(&out, &printed.pdf)?;
        Ok((printed, out))
    })
}

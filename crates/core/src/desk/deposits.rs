//! Desk actions on the deposit ledger: clerks take deposits, supervisors give them back.

use crate::db::Db;
use crate::deposits::{self, Deposit, NewDeposit, NewRefund};
use crate::error::Result;
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

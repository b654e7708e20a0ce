//! Desk actions on the fee ledger.

use std::path::Path;

use rust_decimal::Decimal;

use crate::db::Db;
use crate::error::{FileError, Result};
use crate::latefee::{self, Rule, RuleInfo, Waivers};
use crate::fees::{self, BillingReport, FeeItem, NewFee, NewPayment, PaymentResult, Period, VoidResult, Waiver};
use crate::money::Money;
use crate::register::{UnitType, find_unit};
use crate::staff::{Approval, Permission, Staff, require};

use super::act;

/// Takes a payment for a unit and issues its receipt number; late fees to date are collected first.
pub fn pay(db: &mut Db, staff: &Staff, unit: &str, payment: &NewPayment) -> Result<PaymentResult> {
    pay_with(db, staff, unit, payment, &Waivers::None, None)
}

/// `pay`, waiving late fees: a supervisor's, or a clerk's with a supervisor's approval.
pub fn pay_with(db: &mut Db, staff: &Staff, unit: &str, payment: &NewPayment, waivers: &Waivers, approval: Option<&Approval>) -> Result<PaymentResult> {
    require(staff, Permission::TakePayment)?;
    let permission = if waivers.is_none() { Permission::TakePayment } else { Permission::Waive };
    act(db, staff, permission, approval, |tx| {
        let unit = find_unit(tx, unit)?;
        fees::pay_with(tx, &unit, payment, waivers)
    })
}

/// Sets a fee item's late-fee rule (see `latefee::read_rule` for the form).
pub fn set_late_fee_rule(db: &mut Db, staff: &Staff, item: &str, rule: &Rule, approval: Option<&Approval>) -> Result<RuleInfo> {
    act(db, staff, Permission::EditFees, approval, |tx| latefee::set_rule(tx, item, rule))
}

pub fn clear_late_fee_rule(db: &mut Db, staff: &Staff, item: &str, approval: Option<&Approval>) -> Result<()> {
    act(db, staff, Permission::EditFees, approval, |tx| latefee::clear_rule(tx, item))
}

pub fn void_receipt(db: &mut Db, staff: &Staff, receipt_no: &str, reason: &str, approval: Option<&Approval>) -> Result<VoidResult> {
    act(db, staff, Permission::VoidReceipt, approval, |tx| fees::void_receipt(tx, receipt_no, reason))
}

/// Saves the receipt's PDF to `out` and records the print (the first is the
/// original, later ones 补打). The file is written inside the transaction: a
/// PDF that cannot be saved does not count as a print.
pub fn print_receipt(db: &mut Db, staff: &Staff, receipt_no: &str, out: &Path) -> Result<()> {
    require(staff, Permission::Reprint)?;
    db.write(&staff.name, |tx| {
        let pdf = fees::print_receipt(tx, receipt_no)?;
        FileError::write(out, &pdf)
    })
}

pub fn waive(db: &mut Db, staff: &Staff, bill_id: i64, amount: Money, reason: &str, approval: Option<&Approval>) -> Result<Waiver> {
    act(db, staff, Permission::Waive, approval, |tx| fees::waive(tx, bill_id, amount, reason))
}

/// Bills the range (see `fees::run_billing`); `progress(done, total)` follows it.
pub fn run_billing(db: &mut Db, staff: &Staff, from: Period, to: Period, progress: &mut dyn FnMut(usize, usize)) -> Result<BillingReport> {
    require(staff, Permission::RunBilling)?;
    db.write(&staff.name, |tx| fees::run_billing(tx, from, to, progress))
}

pub fn add_fee(db: &mut Db, staff: &Staff, fee: &NewFee, approval: Option<&Approval>) -> Result<FeeItem> {
    act(db, staff, Permission::EditFees, approval, |tx| fees::add_fee(tx, fee))
}

/// Changes (or adds) an item's price for a unit type; `None` = the general price.
pub fn set_price(db: &mut Db, staff: &Staff, fee_name: &str, unit_type: Option<UnitType>, price: Decimal, approval: Option<&Approval>) -> Result<FeeItem> {
    act(db, staff, Permission::EditFees, approval, |tx| fees::set_price(tx, fee_name, unit_type, price))
}

/// Records the quantity a quantity-based item bills for one unit and month.
pub fn set_quantity(db: &mut Db, staff: &Staff, unit: &str, fee_name: &str, period: Period, quantity: Decimal, approval: Option<&Approval>) -> Result<()> {
    act(db, staff, Permission::EditFees, approval, |tx| {
        let unit = find_unit(tx, unit)?;
        fees::set_quantity(tx, &unit, fee_name, period, quantity)
    })
}

/// A price for one unit only.
pub fn set_unit_price(db: &mut Db, staff: &Staff, unit: &str, fee_name: &str, price: Decimal, approval: Option<&Approval>) -> Result<()> {
    act(db, staff, Permission::EditFees, approval, |tx| {
        let unit = find_unit(tx, unit)?;
        fees::set_unit_price(tx, &unit, fee_name, price)
    })
}

//! Desk actions on renovation permits: a clerk records applications, takes
//! the fees and deposit, issues the permit, records inspections, waterproof
//! tests and release slips and asks for acceptance; approving, extending and
//! accepting are a supervisor's (a clerk's with a supervisor's approval on the
//! spot), and so is giving the deposit back (`RefundDeposit`).

use crate::db::Db;
use crate::error::Result;
use crate::register::find_unit;
use crate::reno::{self, NewApplication, NewInspection, NewRelease, NewWaterproof, PayFees, Permit, ReleaseSlip, Violation, WaterproofTest};
use crate::staff::{Approval, Permission, Staff, require};

use super::act;

pub fn reno_apply(db: &mut Db, staff: &Staff, unit: &str, a: &NewApplication) -> Result<Permit> {
    require(staff, Permission::Renovation)?;
    db.write(&staff.name, |tx| {
        let unit = find_unit(tx, unit)?;
        reno::apply(tx, &unit, a)
    })
}

pub fn reno_approve(db: &mut Db, staff: &Staff, id: i64, note: &str, approval: Option<&Approval>) -> Result<Permit> {
    act(db, staff, Permission::ApproveRenovation, approval, |tx| reno::approve(tx, id, note))
}

pub fn reno_reject(db: &mut Db, staff: &Staff, id: i64, reason: &str, approval: Option<&Approval>) -> Result<Permit> {
    act(db, staff, Permission::ApproveRenovation, approval, |tx| reno::reject(tx, id, reason))
}

/// Takes the fees (an SF receipt) and the deposit (a YJ receipt): money at the desk needs `TakePayment` too.
pub fn reno_pay(db: &mut Db, staff: &Staff, id: i64, pay: &PayFees) -> Result<Permit> {
    require(staff, Permission::Renovation)?;
    require(staff, Permission::TakePayment)?;
    db.write(&staff.name, |tx| reno::pay(tx, id, pay))
}

pub fn reno_issue(db: &mut Db, staff: &Staff, id: i64) -> Result<Permit> {
    require(staff, Permission::Renovation)?;
    db.write(&staff.name, |tx| reno::issue(tx, id))
}

pub fn reno_inspect(db: &mut Db, staff: &Staff, id: i64, i: &NewInspection) -> Result<Permit> {
    require(staff, Permission::Renovation)?;
    db.write(&staff.name, |tx| reno::inspect(tx, id, i))
}

pub fn reno_fix(db: &mut Db, staff: &Staff, violation_id: i64, note: &str) -> Result<Violation> {
    require(staff, Permission::Renovation)?;
    db.write(&staff.name, |tx| reno::fix(tx, violation_id, note))
}

pub fn reno_waterproof(db: &mut Db, staff: &Staff, id: i64, w: &NewWaterproof) -> Result<WaterproofTest> {
    require(staff, Permission::Renovation)?;
    db.write(&staff.name, |tx| reno::waterproof(tx, id, w))
}

pub fn reno_release(db: &mut Db, staff: &Staff, id: i64, r: &NewRelease) -> Result<ReleaseSlip> {
    require(staff, Permission::Renovation)?;
    db.write(&staff.name, |tx| reno::release(tx, id, r))
}

pub fn reno_extend(db: &mut Db, staff: &Staff, id: i64, new_end: &str, reason: &str, approval: Option<&Approval>) -> Result<Permit> {
    act(db, staff, Permission::ApproveRenovation, approval, |tx| reno::extend(tx, id, new_end, reason))
}

pub fn reno_request_completion(db: &mut Db, staff: &Staff, id: i64, note: &str) -> Result<Permit> {
    require(staff, Permission::Renovation)?;
    db.write(&staff.name, |tx| reno::request_completion(tx, id, note))
}

pub fn reno_accept(db: &mut Db, staff: &Staff, id: i64, problems: &[String], note: &str, approval: Option<&Approval>) -> Result<Permit> {
    act(db, staff, Permission::ApproveRenovation, approval, |tx| reno::accept(tx, id, problems, note))
}

pub fn reno_rectify(db: &mut Db, staff: &Staff, id: i64, problems: &[String], reason: &str, approval: Option<&Approval>) -> Result<Permit> {
    act(db, staff, Permission::ApproveRenovation, approval, |tx| reno::rectify(tx, id, problems, reason))
}

/// Gives the deposit back less deductions: `RefundDeposit`, as every deposit refund.
pub fn reno_refund(db: &mut Db, staff: &Staff, id: i64, deductions: &[String], note: &str, approval: Option<&Approval>) -> Result<Permit> {
    act(db, staff, Permission::RefundDeposit, approval, |tx| reno::refund(tx, id, deductions, note))
}

pub fn reno_close(db: &mut Db, staff: &Staff, id: i64, note: &str) -> Result<Permit> {
    require(staff, Permission::Renovation)?;
    db.write(&staff.name, |tx| reno::close(tx, id, note))
}

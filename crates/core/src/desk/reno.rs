//! Desk actions on renovation permits: a clerk records applications, takes
//! the fees and deposit, issues the permit, records inspections, waterproof
//! tests and release slips and asks for acceptance; approving, extending and
//! accepting are a supervisor's (a clerk's with a supervisor's approval on the
//! spot), and so is giving the deposit back (`RefundDeposit`).

use std::path::Path;

use chrono::NaiveDate;

use crate::db::Db;
use crate::error::{FileError, Result};
use crate::register::find_unit;
use crate::reno::{self, Fees, NewApplication, PermitLine, StatusCount, NewInspection, NewRelease, NewWaterproof, PayFees, Permit, ReleaseSlip, Violation, WaterproofTest};
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

/// The permit list of the 装修管理 screen: by status and unit; overdue as of today.
pub fn reno_list(db: &Db, staff: &Staff, status: Option<&str>, unit: Option<&str>, overdue_only: bool) -> Result<Vec<PermitLine>> {
    require(staff, Permission::View)?;
    let conn = db.conn();
    let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(reno::Status::parse(s).ok_or_else(|| reno::RenoError::NotFound(format!("状态“{}”", s.chars().take(20).collect::<String>())))?),
        None => None,
    };
    let unit = unit.map(str::trim).filter(|u| !u.is_empty()).map(|u| find_unit(conn, u)).transpose()?;
    let mut lines = reno::list(conn, status, unit.as_ref(), db.now().date_naive())?;
    if overdue_only {
        lines.retain(|l| l.overdue);
    }
    Ok(lines)
}

pub fn reno_permit(db: &Db, staff: &Staff, id: i64) -> Result<Permit> {
    require(staff, Permission::View)?;
    reno::permit(db.conn(), id, db.now().date_naive())
}

/// Open violations (the home card and the screen), overdue marked as of today.
pub fn reno_open_violations(db: &Db, staff: &Staff) -> Result<Vec<Violation>> {
    require(staff, Permission::View)?;
    reno::open_violations(db.conn(), db.now().date_naive())
}

/// Works past their end and not accepted (the home card).
pub fn reno_overdue(db: &Db, staff: &Staff) -> Result<Vec<PermitLine>> {
    require(staff, Permission::View)?;
    reno::overdue(db.conn(), db.now().date_naive())
}

pub fn reno_status_counts(db: &Db, staff: &Staff) -> Result<Vec<StatusCount>> {
    require(staff, Permission::View)?;
    reno::status_counts(db.conn())
}

/// What the permit's unit pays: management and rubbish fees and the deposit.
pub fn reno_fees_due(db: &Db, staff: &Staff, id: i64) -> Result<Fees> {
    require(staff, Permission::View)?;
    let p = reno::permit(db.conn(), id, NaiveDate::MIN)?;
    let unit = find_unit(db.conn(), &p.unit)?;
    reno::fees_due(db.conn(), &unit)
}

/// Saves the 装修许可证 (refused before it is issued).
pub fn save_reno_permit(db: &Db, staff: &Staff, id: i64, out: &Path) -> Result<()> {
    require(staff, Permission::Renovation)?;
    FileError::write(out, &reno::permit_pdf(db.conn(), id)?)
}

/// Saves release slips, three to an A4 sheet.
pub fn save_reno_slips(db: &Db, staff: &Staff, slip_nos: &[String], out: &Path) -> Result<()> {
    require(staff, Permission::Renovation)?;
    FileError::write(out, &reno::slips_pdf(db.conn(), slip_nos)?)
}

/// Saves the deposit refund voucher (refused before the refund).
pub fn save_reno_voucher(db: &Db, staff: &Staff, id: i64, out: &Path) -> Result<()> {
    require(staff, Permission::Renovation)?;
    FileError::write(out, &reno::voucher_pdf(db.conn(), id)?)
}

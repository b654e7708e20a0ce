//! Desk actions on cards, handsets and the monthly count: clerks issue and
//! take back items and count; a supervisor signs a count off (a clerk's close
//! with a supervisor's approval on the spot). Forms arrive as typed and are
//! read here with the part's own rules, as the CLI reads its arguments.

use serde::Deserialize;

use crate::db::Db;
use crate::error::Result;
use crate::fees::{self, Method, Period};
use crate::inventory::{self, Count, Item, ItemKind, Movement, NewIssue, NewReturn};
use crate::money::Money;
use crate::register::find_unit;
use crate::staff::{Approval, Permission, Staff, require};

use super::act;

/// Stock added from the desk: a kind, serials or ranges one per line or separated by spaces.
#[derive(Debug, Clone, Deserialize)]
pub struct StockForm {
    pub kind: String,
    pub serials: String,
    #[serde(default)]
    pub name: String,
}

/// An issue as typed: the unit's code, the item, the person (blank = the owner), the deposit's method.
#[derive(Debug, Clone, Deserialize)]
pub struct IssueForm {
    pub unit: String,
    pub kind: String,
    pub serial: String,
    #[serde(default)]
    pub holder: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub note: String,
}

/// A return as typed; a deduction (yuan, blank = none) needs its reason and a supervisor.
#[derive(Debug, Clone, Deserialize)]
pub struct ReturnForm {
    #[serde(default)]
    pub kind: String,
    pub serial: String,
    #[serde(default)]
    pub returned_by: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub deduct: String,
    #[serde(default)]
    pub reason: String,
}

pub fn add_stock(db: &mut Db, staff: &Staff, form: &StockForm) -> Result<Vec<Item>> {
    require(staff, Permission::Inventory)?;
    let kind = ItemKind::parse(&form.kind)?;
    let serials: Vec<String> = form.serials.split_whitespace().map(str::to_string).collect();
    db.write(&staff.name, |tx| inventory::add_items(tx, kind, &serials, &form.name))
}

pub fn issue_item(db: &mut Db, staff: &Staff, form: &IssueForm) -> Result<Movement> {
    require(staff, Permission::Inventory)?;
    let kind = ItemKind::parse(&form.kind)?;
    let method = if form.method.trim().is_empty() { Method::Cash } else { Method::parse(&form.method)? };
    let req = NewIssue { kind, serial: form.serial.clone(), holder: form.holder.clone(), method, note: form.note.clone() };
    db.write(&staff.name, |tx| {
        let unit = find_unit(tx, &form.unit)?;
        inventory::issue(tx, &unit, &req)
    })
}

/// Takes an item back. Refunding its deposit in full is part of the return (the
/// amount is the one taken, nothing to decide); keeping some of it back is a
/// deduction, a supervisor's (or a clerk's with approval), as any deposit refund.
pub fn return_item(db: &mut Db, staff: &Staff, form: &ReturnForm, approval: Option<&Approval>) -> Result<Movement> {
    let req = read_return(form)?;
    if req.deduct.is_positive() {
        act(db, staff, Permission::RefundDeposit, approval, |tx| inventory::return_item(tx, &req))
    } else {
        require(staff, Permission::Inventory)?;
        db.write(&staff.name, |tx| inventory::return_item(tx, &req))
    }
}

/// The return as the core takes it (the CLI reads its arguments the same way).
pub fn read_return(form: &ReturnForm) -> Result<NewReturn> {
    let kind = if form.kind.trim().is_empty() { None } else { Some(ItemKind::parse(&form.kind)?) };
    let deduct = if form.deduct.trim().is_empty() { Money::ZERO } else { fees::parse_amount(&form.deduct)? };
    Ok(NewReturn { kind, serial: form.serial.clone(), returned_by: form.returned_by.clone(), note: form.note.clone(), deduct, reason: form.reason.clone() })
}

/// Starts the count of `period` ("2026-11"; blank = this month).
pub fn start_count(db: &mut Db, staff: &Staff, period: &str) -> Result<Count> {
    require(staff, Permission::Inventory)?;
    let period = if period.trim().is_empty() { None } else { Some(Period::parse(period)?) };
    db.write(&staff.name, |tx| inventory::start_count(tx, period))
}

pub fn record_count(db: &mut Db, staff: &Staff, count_id: i64, line_no: i64, found: bool, note: &str) -> Result<Count> {
    require(staff, Permission::Inventory)?;
    db.write(&staff.name, |tx| inventory::record(tx, count_id, line_no, found, note))
}

/// Something found that was not on the list; `kind` blank = 其他.
pub fn record_extra(db: &mut Db, staff: &Staff, count_id: i64, kind: &str, label: &str, note: &str) -> Result<Count> {
    require(staff, Permission::Inventory)?;
    let kind = if kind.trim().is_empty() { None } else { Some(ItemKind::parse(kind)?) };
    db.write(&staff.name, |tx| inventory::record_extra(tx, count_id, kind, label, note))
}

/// Closes a count: a supervisor's sign-off, or a clerk's close with a supervisor's approval.
pub fn close_count(db: &mut Db, staff: &Staff, count_id: i64, approval: Option<&Approval>) -> Result<Count> {
    act(db, staff, Permission::SignOffCount, approval, |tx| inventory::close_count(tx, count_id))
}

//! Desk actions of the service desk (`Permission::Service`): taking requests
//! and complaints and writing their steps, tying a complaint to the unit's
//! arrears, opening and following work orders. Taking a repair charge at once
//! is money at the desk and needs `TakePayment` too. Requests and orders are
//! named by their number (TS…/XQ…/WX…) or id, found inside the transaction.

use crate::db::Db;
use crate::error::Result;
use crate::register::find_unit;
use crate::service::{self, NewDone, NewOrder, NewRequest, NewStep, Order, Request};
use crate::staff::{Permission, Staff, require};

/// Takes a request; a blank unit is a public matter.
pub fn request_add(db: &mut Db, staff: &Staff, unit: &str, r: &NewRequest) -> Result<Request> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| {
        let unit = if unit.trim().is_empty() { None } else { Some(find_unit(tx, unit)?) };
        service::record(tx, unit.as_ref(), r)
    })
}

pub fn request_step(db: &mut Db, staff: &Staff, request: &str, s: &NewStep) -> Result<Request> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| {
        let id = service::find(tx, request)?;
        service::step(tx, id, s)
    })
}

/// Ties a complaint to its unit's arrears (the owner withholds fees over it).
pub fn request_withhold(db: &mut Db, staff: &Staff, request: &str, note: &str) -> Result<Request> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| {
        let id = service::find(tx, request)?;
        service::withhold(tx, id, note)
    })
}

pub fn order_add(db: &mut Db, staff: &Staff, o: &NewOrder) -> Result<Order> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| service::open_order(tx, o))
}

/// Runs `f` on the order named `order`, as `staff`.
fn on_order(db: &mut Db, staff: &Staff, order: &str, f: impl FnOnce(&mut crate::db::Tx, i64) -> Result<Order>) -> Result<Order> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| {
        let id = service::find_order(tx, order)?;
        f(tx, id)
    })
}

pub fn order_dispatch(db: &mut Db, staff: &Staff, order: &str, technician: &str, at: &str) -> Result<Order> {
    on_order(db, staff, order, |tx, id| service::dispatch(tx, id, technician, at))
}

pub fn order_arrive(db: &mut Db, staff: &Staff, order: &str, at: &str) -> Result<Order> {
    on_order(db, staff, order, |tx, id| service::arrive(tx, id, at))
}

pub fn order_done(db: &mut Db, staff: &Staff, order: &str, d: &NewDone) -> Result<Order> {
    if d.pay.is_some() {
        require(staff, Permission::TakePayment)?;
    }
    on_order(db, staff, order, |tx, id| service::done(tx, id, d))
}

pub fn order_check(db: &mut Db, staff: &Staff, order: &str, passed: bool, note: &str) -> Result<Order> {
    on_order(db, staff, order, |tx, id| service::check(tx, id, passed, note))
}

pub fn order_visit(db: &mut Db, staff: &Staff, order: &str, satisfied: bool, note: &str, at: &str) -> Result<Order> {
    on_order(db, staff, order, |tx, id| service::visit(tx, id, satisfied, note, at))
}

pub fn order_close(db: &mut Db, staff: &Staff, order: &str, note: &str) -> Result<Order> {
    on_order(db, staff, order, |tx, id| service::close_order(tx, id, note))
}

/// The work order as an A4 PDF, its footer naming who printed it and when.
pub fn order_pdf(db: &Db, staff: &Staff, order: &str) -> Result<Vec<u8>> {
    require(staff, Permission::View)?;
    let id = service::find_order(db.conn(), order)?;
    service::order_pdf(db.conn(), id, &db.now().to_rfc3339(), &staff.name)
}

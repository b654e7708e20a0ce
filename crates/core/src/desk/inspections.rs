//! Desk actions of inspections. Rounds — start, answer, finish, a work order
//! from a finding — are the service desk's daily work (`Permission::Service`,
//! clerk and supervisor). The checklists are the office's standard, what every
//! inspector must look at: editing them is a supervisor's (`EditSettings`,
//! the permission the office's other standing choices need), so a clerk cannot
//! quietly drop the item that keeps failing. Rounds are named by number or id,
//! found inside the transaction.

use crate::db::{Db, Tx};
use crate::error::Result;
use crate::inspections::{self, Checklist, Item, NewFindingOrder, NewRound, Round};
use crate::service::Order;
use crate::staff::{Permission, Staff, require};

fn edit<T>(db: &mut Db, staff: &Staff, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
    require(staff, Permission::EditSettings)?;
    db.write(&staff.name, f)
}

pub fn inspect_item_add(db: &mut Db, staff: &Staff, c: Checklist, name: &str) -> Result<Item> {
    edit(db, staff, |tx| inspections::add_item(tx, c, name))
}

pub fn inspect_item_rename(db: &mut Db, staff: &Staff, c: Checklist, item: &str, name: &str) -> Result<Item> {
    edit(db, staff, |tx| inspections::rename_item(tx, c, item, name))
}

pub fn inspect_item_retire(db: &mut Db, staff: &Staff, c: Checklist, item: &str) -> Result<Item> {
    edit(db, staff, |tx| inspections::retire_item(tx, c, item))
}

pub fn inspect_item_move(db: &mut Db, staff: &Staff, c: Checklist, item: &str, to: &str) -> Result<Vec<Item>> {
    edit(db, staff, |tx| inspections::move_item(tx, c, item, to))
}

pub fn inspect_start(db: &mut Db, staff: &Staff, r: &NewRound) -> Result<Round> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| inspections::start(tx, r))
}

/// Runs `f` on the round named `round`, as `staff`.
fn on_round<T>(db: &mut Db, staff: &Staff, round: &str, f: impl FnOnce(&mut Tx, i64) -> Result<T>) -> Result<T> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| {
        let id = inspections::find(tx, round)?;
        f(tx, id)
    })
}

pub fn inspect_record(db: &mut Db, staff: &Staff, round: &str, item: &str, ok: bool, note: &str) -> Result<Round> {
    on_round(db, staff, round, |tx, id| inspections::record(tx, id, item, ok, note))
}

pub fn inspect_finish(db: &mut Db, staff: &Staff, round: &str) -> Result<Round> {
    on_round(db, staff, round, inspections::finish)
}

pub fn inspect_order(db: &mut Db, staff: &Staff, round: &str, item: &str, o: &NewFindingOrder) -> Result<Order> {
    on_round(db, staff, round, |tx, id| inspections::open_order(tx, id, item, o))
}

/// The round's sheet as an A4 PDF, its footer naming who printed it and when.
pub fn inspect_pdf(db: &Db, staff: &Staff, round: &str) -> Result<Vec<u8>> {
    require(staff, Permission::View)?;
    let id = inspections::find(db.conn(), round)?;
    inspections::round_pdf(db.conn(), id, &db.now().to_rfc3339(), &staff.name)
}

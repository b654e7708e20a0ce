//! Controlled items (卡证与设备) and the monthly count (盘点): resident cards,
//! car cards, intercom handsets and other items, each with its serial number;
//! the office's stock of them; each issued to a person registered on a unit
//! and returned. Where the estate charges a deposit for a kind (settings
//! `inventory_card_deposit` …), issuing takes it through `deposits::` (held
//! money, with its 押金收据) and returning refunds it, less any deduction
//! with its reason. Items, issues and returns are written once; an item out
//! cannot be issued again (checked here and by the database).
//!
//! The count (`count.rs`) makes the expected list from the register, records
//! what was found line by line, and closes with every difference explained
//! and a supervisor's sign-off; a closed count never changes.

mod count;
mod error;
mod model;
pub mod rules;
pub mod sheet;
mod store;

use rusqlite::Connection;
use serde_json::json;

use crate::db::{Tx, settings};
use crate::deposits::{self, NewDeposit, NewRefund};
use crate::error::Result;
use crate::money::Money;
use crate::register::{self, Role, Unit};
pub use count::{close_count, count, count_by_period, list_counts, record, record_extra, start_count};
pub use error::InventoryError;
pub use model::*;
pub use store::ItemFilter;

/// Adds items to the office's stock: one serial or a range (`ZH0001..ZH0050`)
/// each. A serial already registered for that kind refuses the whole entry.
pub fn add_items(tx: &mut Tx, kind: ItemKind, serials: &[String], name: &str) -> Result<Vec<Item>> {
    let name = name.trim();
    if kind == ItemKind::Other && name.is_empty() {
        return Err(InventoryError::NameRequired.into());
    }
    let mut all = Vec::new();
    for text in serials {
        all.extend(rules::expand_serials(text)?);
    }
    if all.is_empty() {
        return Err(InventoryError::SerialEmpty.into());
    }
    let now = tx.now_text();
    let mut ids = Vec::with_capacity(all.len());
    for serial in &all {
        if store::item_exists(tx, kind, serial)? || all.iter().filter(|s| *s == serial).count() > 1 {
            return Err(InventoryError::SerialTaken { kind: kind.label(), serial: serial.clone() }.into());
        }
        ids.push(store::insert_item(tx, kind, serial, name, &now, tx.actor())?);
    }
    tx.audit("inventory.add", "inventory", ids[0], json!({ "kind": kind.code(), "count": ids.len(), "first": all[0], "last": all[all.len() - 1] }))?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        items.push(item_by_id(tx, id)?);
    }
    Ok(items)
}

/// Hands an item in stock to a person registered on the unit now, taking the
/// kind's deposit (with its receipt) where the estate charges one.
pub fn issue(tx: &mut Tx, unit: &Unit, req: &NewIssue) -> Result<Movement> {
    let serial = rules::check_serial(&req.serial)?;
    let item = find_item(tx, Some(req.kind), &serial)?;
    if let Some(out) = &item.out {
        return Err(InventoryError::AlreadyOut { kind: item.kind_label, serial, unit: out.unit.clone(), holder: out.holder.clone() }.into());
    }
    let (person_id, holder) = holder_of(tx, unit, &req.holder)?;
    let amount = match req.kind.deposit_setting() {
        Some(key) => rules::deposit_amount(settings::get(tx, key)?.as_deref())?,
        None => None,
    };
    let note = req.note.trim();
    let deposit = match amount {
        Some(amount) => {
            let d = NewDeposit {
                kind: req.kind.deposit_kind().to_string(),
                amount,
                method: req.method,
                payer: holder.clone(),
                note: format!("{} {}", item.kind_label, item.serial),
            };
            Some(deposits::take(tx, unit, &d)?)
        }
        None => None,
    };
    let issue_id = store::insert_issue(tx, item.id, unit.id, person_id, deposit.as_ref().map(|d| d.id), note)?;
    tx.audit(
        "inventory.issue",
        "unit",
        unit.id,
        json!({ "issue": issue_id, "item": item.id, "kind": item.kind.code(), "serial": item.serial, "person": person_id, "deposit": deposit.as_ref().map(|d| d.id) }),
    )?;
    Ok(Movement { item: item_by_id(tx, item.id)?, unit: unit.code.clone(), holder, deposit, refunded: Money::ZERO, deducted: Money::ZERO, returned_by: String::new() })
}

/// Takes an item back; what its deposit still holds is refunded, less a
/// deduction with its reason.
pub fn return_item(tx: &mut Tx, req: &NewReturn) -> Result<Movement> {
    let serial = rules::check_serial(&req.serial)?;
    let item = find_item(tx, req.kind, &serial)?;
    let Some(out) = item.out.clone() else {
        return Err(InventoryError::NotOut { kind: item.kind_label, serial }.into());
    };
    if req.deduct.fen() < 0 {
        return Err(deposits::DepositError::NegativeAmount.into());
    }
    if req.deduct.is_positive() {
        let Some(id) = out.deposit_id else {
            return Err(InventoryError::NoDeposit(format!("{}“{}”", item.kind_label, item.serial)).into());
        };
        if req.reason.trim().is_empty() {
            return Err(InventoryError::DeductionReason.into());
        }
        if req.deduct > out.deposit_held {
            return Err(deposits::DepositError::RefundTooLarge { id, refund: Money::ZERO, deduct: req.deduct, held: out.deposit_held }.into());
        }
    }
    let mut deposit = None;
    let mut refund_id = None;
    if let Some(id) = out.deposit_id.filter(|_| out.deposit_held.is_positive()) {
        let refund = NewRefund { refund: out.deposit_held - req.deduct, deduct: req.deduct, reason: req.reason.clone() };
        let after = deposits::refund(tx, id, &refund)?;
        refund_id = after.refunds.last().map(|r| r.id);
        deposit = Some(after);
    }
    let returned_by = if req.returned_by.trim().is_empty() { out.holder.clone() } else { req.returned_by.trim().to_string() };
    let note = req.note.trim();
    store::insert_return(tx, out.issue_id, &returned_by, note, refund_id, &tx.now_text(), tx.actor())?;
    let unit_id = register::find_unit(tx, &out.unit)?.id;
    let (refunded, deducted) = match &deposit {
        Some(_) => (out.deposit_held - req.deduct, req.deduct),
        None => (Money::ZERO, Money::ZERO),
    };
    tx.audit(
        "inventory.return",
        "unit",
        unit_id,
        json!({ "issue": out.issue_id, "item": item.id, "kind": item.kind.code(), "serial": item.serial, "refunded": refunded, "deducted": deducted }),
    )?;
    Ok(Movement { item: item_by_id(tx, item.id)?, unit: out.unit, holder: out.holder, deposit, refunded, deducted, returned_by })
}

/// The items a list asks for, kinds in order then by serial.
pub fn items(conn: &Connection, filter: &ItemFilter) -> Result<Vec<Item>> {
    store::items(conn, filter)
}

/// One item by kind (or, when `None`, by a serial unique across kinds) and serial.
pub fn find_item(conn: &Connection, kind: Option<ItemKind>, serial: &str) -> Result<Item> {
    let serial = serial.trim();
    let mut found = store::items(conn, &ItemFilter { kind, serial: Some(serial), ..Default::default() })?;
    match found.len() {
        0 => Err(InventoryError::ItemNotFound { kind: kind.map_or("物品", ItemKind::label).to_string(), serial: serial.to_string() }.into()),
        1 => Ok(found.remove(0)),
        _ => Err(InventoryError::SerialAmbiguous(serial.to_string()).into()),
    }
}

fn item_by_id(conn: &Connection, id: i64) -> Result<Item> {
    store::items(conn, &ItemFilter { id: Some(id), ..Default::default() })?
        .pop()
        .ok_or_else(|| crate::db::DbError::Internal(format!("物品 {id} 刚写入却读不到")).into())
}

/// The person of the unit an item goes to: named (a current occupant of any
/// role), or its first current owner when no name is given.
fn holder_of(conn: &Connection, unit: &Unit, name: &str) -> Result<(i64, String)> {
    let name = name.trim();
    let current: Vec<_> = register::store::occupancies(conn, unit.id)?.into_iter().filter(|o| o.to.is_none()).collect();
    let found = if name.is_empty() {
        current.iter().find(|o| matches!(o.role, Role::Owner | Role::CoOwner)).or(current.first())
    } else {
        current.iter().find(|o| o.person.name == name)
    };
    match found {
        Some(o) => Ok((o.person.id, o.person.name.clone())),
        None if name.is_empty() => Err(InventoryError::NoHolder(unit.code.clone()).into()),
        None => Err(InventoryError::NotOfUnit { name: name.to_string(), unit: unit.code.clone() }.into()),
    }
}

#[cfg(test)]
mod tests;

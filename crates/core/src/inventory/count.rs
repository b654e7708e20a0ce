//! The monthly count (盘点): `start_count` writes the expected list from the
//! register (items in stock, items issued per unit, then the keys in custody
//! of the keys part: on their hooks, or on loan and so expected out); `record` notes what was found on a
//! line (a later record replaces an earlier one; nothing is edited);
//! `record_extra` adds something found that was not on the list, with its
//! note; `close_count` needs every line expected in the office recorded and
//! every difference explained, and is signed off by a supervisor (the closer,
//! or the supervisor who approved a clerk's close). A closed count never changes.

use rusqlite::Connection;
use serde_json::json;

use super::store::{self, ItemFilter, NewLine};
use super::{Count, CountClose, CountSummary, Expected, InventoryError, ItemKind, rules};
use crate::db::Tx;
use crate::error::Result;
use crate::fees::Period;

/// Starts the count of `period` (default: this month) with its expected list.
/// One count a month, never a month still to come. An earlier month's count
/// left open does not hold up the next: each stays open until signed off.
pub fn start_count(tx: &mut Tx, period: Option<Period>) -> Result<Count> {
    let this_month = Period::of(tx.today());
    let period = period.unwrap_or(this_month);
    let text = period.to_string();
    if period > this_month {
        return Err(InventoryError::FuturePeriod(text).into());
    }
    if store::count_head(tx, None, Some(text.as_str()))?.is_some() {
        return Err(InventoryError::CountExists(text).into());
    }
    let id = store::insert_count(tx, &text, &tx.now_text(), tx.actor())?;
    let mut lines = 0;
    for item in store::items(tx, &ItemFilter::default())? {
        let label = if item.name.is_empty() { item.serial.clone() } else { format!("{} {}", item.name, item.serial) };
        let (expected, place) = match &item.out {
            None => (Expected::InOffice, "库存".to_string()),
            Some(out) => (Expected::Out, format!("{} {}", out.unit, out.holder)),
        };
        let line = NewLine { kind: item.kind.code(), item_id: Some(item.id), key_id: None, label: &label, expected, place: &place };
        store::insert_line(tx, id, &line)?;
        lines += 1;
    }
    // Keys in custody: on their hooks, expected in the office; on loan, expected out.
    for key in store::keys_in_custody(tx)? {
        let what = if key.description.is_empty() { "钥匙".to_string() } else { key.description.clone() };
        let label = format!("{} {what} ×{}", key.unit, key.key_count);
        let (expected, place) = match &key.borrower {
            None => (Expected::InOffice, format!("挂钩 {}", key.hook)),
            Some(borrower) => (Expected::Out, format!("借出 {borrower}（挂钩 {}）", key.hook)),
        };
        let line = NewLine { kind: "key", item_id: None, key_id: Some(key.id), label: &label, expected, place: &place };
        store::insert_line(tx, id, &line)?;
        lines += 1;
    }
    tx.audit("inventory.count_start", "inventory_count", id, json!({ "period": text, "lines": lines }))?;
    count(tx, id)
}

/// Records what was found on line `line_no`: `found` in the office or not, with a note
/// (the explanation of a difference).
pub fn record(tx: &mut Tx, count_id: i64, line_no: i64, found: bool, note: &str) -> Result<Count> {
    open(tx, count_id)?;
    let line_id = store::line_id(tx, count_id, line_no)?.ok_or(InventoryError::LineNotFound(count_id, line_no))?;
    let note = note.trim();
    store::insert_record(tx, line_id, found, note, &tx.now_text(), tx.actor())?;
    tx.audit("inventory.count_record", "inventory_count", count_id, json!({ "line": line_no, "found": found, "note": note }))?;
    count(tx, count_id)
}

/// Adds something found that the expected list did not have (盘盈), with what it is and where it was.
pub fn record_extra(tx: &mut Tx, count_id: i64, kind: Option<ItemKind>, label: &str, note: &str) -> Result<Count> {
    open(tx, count_id)?;
    let label = rules::check_serial(label)?;
    let note = note.trim();
    if note.is_empty() {
        return Err(InventoryError::ExtraNeedsNote.into());
    }
    let kind = kind.unwrap_or(ItemKind::Other);
    let line = NewLine { kind: kind.code(), item_id: None, key_id: None, label: &label, expected: Expected::Extra, place: "" };
    let (line_id, line_no) = store::insert_line(tx, count_id, &line)?;
    store::insert_record(tx, line_id, true, note, &tx.now_text(), tx.actor())?;
    tx.audit("inventory.count_extra", "inventory_count", count_id, json!({ "line": line_no, "kind": kind.code(), "label": label, "note": note }))?;
    count(tx, count_id)
}

/// Closes the count, signed off by the supervisor (the transaction's approver, or its actor).
pub fn close_count(tx: &mut Tx, count_id: i64) -> Result<Count> {
    let c = open(tx, count_id)?;
    rules::check_close(&c.lines)?;
    let signed_off_by = tx.approver().unwrap_or(tx.actor()).to_string();
    let close = CountClose { closed_at: tx.now_text(), closed_by: tx.actor().to_string(), signed_off_by, differences: c.differences as i64 };
    store::insert_close(tx, count_id, &close)?;
    tx.audit("inventory.count_close", "inventory_count", count_id, json!({ "period": c.period, "differences": c.differences, "signed_off_by": close.signed_off_by }))?;
    count(tx, count_id)
}

/// The count, refused once closed.
fn open(conn: &Connection, count_id: i64) -> Result<Count> {
    let c = count(conn, count_id)?;
    if c.closed.is_some() {
        return Err(InventoryError::CountClosed(count_id).into());
    }
    Ok(c)
}

/// One count with its lines and figures.
pub fn count(conn: &Connection, id: i64) -> Result<Count> {
    let (id, period, started_at, started_by) = store::count_head(conn, Some(id), None)?.ok_or(InventoryError::CountNotFound(id))?;
    let lines = store::lines(conn, id)?;
    let in_office = lines.iter().filter(|l| l.expected == Expected::InOffice).count();
    let recorded = lines.iter().filter(|l| l.expected == Expected::InOffice && l.found.is_some()).count();
    let differences = lines.iter().filter(|l| l.difference.is_some()).count();
    let unexplained = lines.iter().filter(|l| l.difference.is_some() && l.note.trim().is_empty()).count();
    Ok(Count { id, period, started_at, started_by, closed: store::close_of(conn, id)?, lines, in_office, recorded, differences, unexplained })
}

/// The count of a month, if one was made.
pub fn count_by_period(conn: &Connection, period: Period) -> Result<Option<Count>> {
    match store::count_head(conn, None, Some(period.to_string().as_str()))? {
        Some((id, ..)) => Ok(Some(count(conn, id)?)),
        None => Ok(None),
    }
}

/// Every count, newest month first.
pub fn list_counts(conn: &Connection) -> Result<Vec<CountSummary>> {
    store::counts(conn)
}

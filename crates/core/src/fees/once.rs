//! Fees billed once for a service the desk gives (renovation fees, repairs
//! charged to the owner): their items carry no price of their own, so billing
//! runs never bill them; the amount comes from the service and is billed to
//! one unit as an ordinary charge, then paid with `pay` like any other bill.

use rusqlite::params;
use serde_json::json;

use super::{Basis, store};
use crate::db::Tx;
use crate::error::Result;
use crate::money::Money;

/// The id of the item `name`, added (without a price) the first time it is needed; `purpose` goes in the audit.
pub fn once_item(tx: &mut Tx, name: &str, purpose: &str) -> Result<i64> {
    if let Some(item) = store::fee_item_by_name(tx, name)? {
        return Ok(item.id);
    }
    let id = store::insert_fee_item(tx, name, Basis::Once, 1, &tx.now_text())?;
    tx.audit("fee.add", "fee_item", id, json!({ "name": name, "basis": Basis::Once.code(), "price": null, "for": purpose }))?;
    Ok(id)
}

/// A charge bill of a once item for the unit in `period` (sealed at commit like every ledger row).
pub fn once_bill(tx: &Tx, unit_id: i64, item_id: i64, period: &str, price: &str, quantity: &str, amount: Money) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO bills (unit_id, kind, fee_item_id, period, period_end, price, quantity, amount, created_at)
         VALUES (?1, 'charge', ?2, ?3, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![unit_id, item_id, period, price, quantity, amount.fen(), tx.now_text()])?;
    Ok(tx.last_insert_rowid())
}

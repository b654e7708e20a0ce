//! The fee ledger: fee items and prices, billing runs, payments and their
//! allocation, prepayment, receipts, voids, waivers, balances and statements.
//!
//! Ledger rows are written once. A void is a new row plus reversing
//! allocations; a balance is always summed from the rows, never stored.

mod billing;
mod error;
mod model;
mod once;
mod payment;
mod period;
mod plan;
pub(crate) mod receipt;
mod statement;
pub mod store;

use rusqlite::Connection;
use serde_json::json;

use crate::db::Tx;
use crate::error::Result;
use crate::money::Money;
use crate::register::{Unit, UnitType};
pub use billing::{preview_billing, run_billing};
pub use error::FeesError;
pub use model::*;
pub use once::{once_bill, once_item};
pub use payment::{DEFAULT_SERIES, pay, pay_with, receipt_no, waive};
pub use period::Period;
pub use receipt::{print_receipt, void_receipt};
pub use statement::statement;

/// The most a single payment may be: a typo guard, not a business limit.
pub const MAX_PAYMENT: Money = Money(1_000_000_000); // ¥10,000,000.00 in fen

#[derive(Debug, Clone)]
pub struct NewFee {
    pub name: String,
    pub basis: Basis,
    pub price: rust_decimal::Decimal,
    /// The unit type this price is for; `None` = every type without its own price.
    pub unit_type: Option<UnitType>,
    pub cycle_months: u32,
}

/// Adds a fee item, or a price for another unit type to an existing item.
pub fn add_fee(tx: &mut Tx, fee: &NewFee) -> Result<FeeItem> {
    let name = fee.name.trim();
    if name.is_empty() {
        return Err(FeesError::FeeNameRequired.into());
    }
    if ![1, 2, 3, 6, 12].contains(&fee.cycle_months) {
        return Err(FeesError::BadCycle.into());
    }
    positive(fee.price)?;
    let type_label = fee.unit_type.map(UnitType::label);
    let item_id = match store::fee_item_by_name(tx, name)? {
        Some(item) => {
            if item.prices.iter().any(|p| p.unit_type.as_deref() == type_label) {
                return Err(FeesError::FeeExists(name.into(), type_label.unwrap_or("通用").into()).into());
            }
            item.id
        }
        None => store::insert_fee_item(tx, name, fee.basis, fee.cycle_months, &tx.now_text())?,
    };
    store::insert_price(tx, item_id, type_label, fee.price)?;
    tx.audit(
        "fee.add",
        "fee_item",
        item_id,
        json!({ "name": name, "basis": fee.basis.code(), "price": price_text(fee.price), "unit_type": type_label }),
    )?;
    store::fee_item_by_name(tx, name)?.ok_or_else(|| FeesError::FeeNotFound(name.into()).into())
}

/// A price must be more than zero (a free item is not billed at all).
fn positive(price: rust_decimal::Decimal) -> Result<rust_decimal::Decimal> {
    if price <= rust_decimal::Decimal::ZERO {
        return Err(FeesError::BadPrice(price.to_string()).into());
    }
    Ok(price)
}

pub fn fee_items(conn: &Connection) -> Result<Vec<FeeItem>> {
    store::fee_items(conn)
}

fn fee_item(conn: &Connection, name: &str) -> Result<FeeItem> {
    store::fee_item_by_name(conn, name.trim())?.ok_or_else(|| FeesError::FeeNotFound(name.trim().into()).into())
}

/// Changes an item's price for a unit type (`None` = every type without its
/// own price), or adds that price. Applies to runs made after it.
pub fn set_price(tx: &mut Tx, fee_name: &str, unit_type: Option<UnitType>, price: rust_decimal::Decimal) -> Result<FeeItem> {
    let price = positive(price)?;
    let item = fee_item(tx, fee_name)?;
    let type_label = unit_type.map(UnitType::label);
    let before = item.prices.iter().find(|p| p.unit_type.as_deref() == type_label).map(|p| price_text(p.price));
    store::upsert_price(tx, item.id, type_label, price)?;
    tx.audit(
        "fee.price",
        "fee_item",
        item.id,
        json!({ "name": item.name, "unit_type": type_label, "before": before, "price": price_text(price) }),
    )?;
    fee_item(tx, &item.name)
}

/// Every per-unit price.
pub fn unit_prices(conn: &Connection) -> Result<Vec<UnitPrice>> {
    store::unit_prices(conn)
}

/// Every bill of a unit, newest first, with what was paid and waived.
pub fn bills(conn: &Connection, unit: &Unit) -> Result<Vec<BillLine>> {
    store::all_bills(conn, unit.id)
}

/// A price for one unit only (e.g. a shop with a negotiated rate).
/// Whether a billing run has billed the unit: from then on, its type, area and
/// handover date are what bills were made from.
pub fn has_charges(conn: &Connection, unit: &Unit) -> Result<bool> {
    store::has_charges(conn, unit.id)
}

pub fn set_unit_price(tx: &mut Tx, unit: &Unit, fee_name: &str, price: rust_decimal::Decimal) -> Result<()> {
    let price = positive(price)?;
    let item = fee_item(tx, fee_name)?;
    store::upsert_override(tx, unit.id, item.id, price)?;
    tx.audit("fee.override", "unit", unit.id, json!({ "fee": item.name, "price": price_text(price) }))
}

/// Records the quantity a quantity-based item bills for one unit and period.
pub fn set_quantity(tx: &mut Tx, unit: &Unit, fee_name: &str, period: Period, quantity: rust_decimal::Decimal) -> Result<()> {
    if quantity.is_sign_negative() {
        return Err(FeesError::BadQuantity(quantity.to_string()).into());
    }
    let item = fee_item(tx, fee_name)?;
    store::upsert_quantity(tx, unit.id, item.id, &period.to_string(), quantity)?;
    tx.audit("fee.quantity", "unit", unit.id, json!({ "fee": item.name, "period": period, "quantity": quantity.to_string() }))
}

/// Adds an opening balance (期初欠费) as the unit's first bill. False when it has one already.
pub fn add_opening_balance(tx: &mut Tx, unit: &Unit, amount: Money) -> Result<bool> {
    if !amount.is_positive() {
        return Err(FeesError::AmountNotPositive.into());
    }
    let period = Period::of(tx.today()).to_string();
    let added = store::insert_opening_bill(tx, unit.id, amount, &period, &tx.now_text())?;
    if added {
        tx.audit("bill.opening", "unit", unit.id, json!({ "amount": amount }))?;
    }
    Ok(added)
}

/// What a unit owes, what it holds in advance, and its unpaid bills.
pub fn balance(conn: &Connection, unit: &Unit) -> Result<Balance> {
    let bills = store::unpaid_bills(conn, unit.id)?;
    let prepaid = store::payments_with_credit(conn, unit.id)?.into_iter().map(|(_, m)| m).sum();
    Ok(Balance { unit: unit.code.clone(), owed: bills.iter().map(|b| b.outstanding).sum(), prepaid, bills })
}

/// A unit's receipts, newest first, with voids and print counts.
pub fn receipts(conn: &Connection, unit: &Unit) -> Result<Vec<ReceiptInfo>> {
    let rows = store::receipts_by_unit(conn, unit.id)?;
    Ok(rows
        .into_iter()
        .map(|r| ReceiptInfo {
            method: Method::label_of(&r.method).to_string(),
            receipt_no: r.receipt_no,
            paid_at: r.paid_at,
            amount: r.amount,
            payer: r.payer,
            reference: r.reference,
            operator: r.operator,
            void_reason: r.void_reason,
            voided_by: r.voided_by,
            void_approved_by: r.void_approved_by,
            prints: r.prints,
        })
        .collect())
}

/// What every unit in arrears owes, by unit id, in one pass over the ledger
/// (for arrears lists and the demo; `balance` gives one unit's detail).
pub fn arrears(conn: &Connection) -> Result<Vec<(i64, Money)>> {
    store::owed_by_unit(conn)
}

#[cfg(test)]
mod tests;

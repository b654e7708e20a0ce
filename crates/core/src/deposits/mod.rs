//! The deposit ledger (押金台账): money held for someone — a renovation
//! deposit, a key or access-card deposit. It is owed back, so it is a
//! liability, never income, and it never touches the fee ledger's bills or
//! prepayment. A deposit is written once; refunds are new rows that give back
//! part or all of what is held, less deductions with a reason. Refunds and
//! deductions together never exceed what was taken (checked here and by the
//! database).

mod error;
pub mod receipt;
pub mod rules;
mod store;

use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;

use crate::db::Tx;
use crate::error::Result;
use crate::fees::{FeesError, MAX_PAYMENT, Method};
use crate::money::Money;
use crate::register::Unit;
pub use error::DepositError;
pub use receipt::PrintedReceipt;

#[derive(Debug, Clone)]
pub struct NewDeposit {
    /// One of `rules::KINDS`, as typed (see `rules::parse_kind`).
    pub kind: String,
    pub amount: Money,
    pub method: Method,
    pub payer: String,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct NewRefund {
    /// Paid back to the payer.
    pub refund: Money,
    /// Kept by the office; needs a reason.
    pub deduct: Money,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Refund {
    pub id: i64,
    pub refunded: Money,
    pub deducted: Money,
    pub reason: String,
    /// ISO-8601 with offset.
    pub refunded_at: String,
    pub operator: String,
    /// The supervisor who approved a clerk's refund on the spot.
    pub approved_by: Option<String>,
}

/// A deposit with what has come back out of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deposit {
    pub id: i64,
    #[serde(skip)]
    pub unit_id: i64,
    pub unit: String,
    pub kind: String,
    pub amount: Money,
    pub payer: String,
    /// The method's Chinese label.
    pub method: String,
    pub note: String,
    /// ISO-8601 with offset.
    pub received_at: String,
    pub operator: String,
    /// Its 押金收据 number; `None` only for a deposit taken before deposits had
    /// receipts and not printed since.
    pub receipt_no: Option<String>,
    pub refunded: Money,
    pub deducted: Money,
    /// Still held: amount − refunded − deducted.
    pub held: Money,
    pub refunds: Vec<Refund>,
}

/// Takes a deposit for a unit, with the next 押金收据 number.
pub fn take(tx: &mut Tx, unit: &Unit, d: &NewDeposit) -> Result<Deposit> {
    let kind = rules::parse_kind(&d.kind)?;
    if !d.amount.is_positive() {
        return Err(FeesError::AmountNotPositive.into());
    }
    if d.amount > MAX_PAYMENT {
        return Err(FeesError::AmountTooLarge(d.amount).into());
    }
    let row = store::DepositRow { unit_id: unit.id, kind, amount: d.amount, payer: d.payer.trim(), method: d.method, note: d.note.trim() };
    let id = store::insert_deposit(tx, &row, &tx.now_text(), tx.actor())?;
    let receipt_no = receipt::issue(tx, id)?;
    tx.audit(
        "deposit.take",
        "unit",
        unit.id,
        json!({ "deposit": id, "kind": kind, "amount": d.amount, "method": d.method.code(), "receipt_no": receipt_no }),
    )?;
    deposit(tx, id)
}

/// Gives back part or all of what a deposit holds, less deductions with a reason.
pub fn refund(tx: &mut Tx, deposit_id: i64, r: &NewRefund) -> Result<Deposit> {
    let before = deposit(tx, deposit_id)?;
    rules::check_refund(deposit_id, before.held, r.refund, r.deduct, &r.reason)?;
    let reason = r.reason.trim();
    let id = store::insert_refund(tx, deposit_id, r.refund, r.deduct, reason)?;
    tx.audit(
        "deposit.refund",
        "unit",
        before.unit_id,
        json!({ "deposit": deposit_id, "refund_id": id, "refunded": r.refund, "deducted": r.deduct, "reason": reason }),
    )?;
    deposit(tx, deposit_id)
}

/// One deposit with its refunds.
pub fn deposit(conn: &Connection, id: i64) -> Result<Deposit> {
    let found = store::deposits(conn, None, Some(id))?.pop().ok_or(DepositError::NotFound(id))?;
    Ok(with_refunds(vec![found], store::refunds(conn, Some(id))?).remove(0))
}

/// Every deposit (or a unit's), oldest first; `held_only` leaves out those fully refunded.
pub fn list(conn: &Connection, unit: Option<&Unit>, held_only: bool) -> Result<Vec<Deposit>> {
    let found = store::deposits(conn, unit.map(|u| u.id), None)?;
    let all = with_refunds(found, store::refunds(conn, None)?);
    Ok(all.into_iter().filter(|d| !held_only || d.held.is_positive()).collect())
}

fn with_refunds(mut deposits: Vec<Deposit>, refunds: Vec<(i64, Refund)>) -> Vec<Deposit> {
    let at: std::collections::HashMap<i64, usize> = deposits.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    for (deposit_id, refund) in refunds {
        if let Some(d) = at.get(&deposit_id).map(|&i| &mut deposits[i]) {
            d.refunded += refund.refunded;
            d.deducted += refund.deducted;
            d.held = d.amount - d.refunded - d.deducted;
            d.refunds.push(refund);
        }
    }
    deposits
}

#[cfg(test)]
mod tests;

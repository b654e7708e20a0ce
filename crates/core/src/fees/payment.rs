//! Taking money: a payment, its allocation to bills, its receipt number. And waivers.

use serde_json::json;

use super::{FeesError, MAX_PAYMENT, NewPayment, PaymentResult, Waiver, model::Allocation, store};
use crate::db::{Tx, settings};
use crate::error::Result;
use crate::money::Money;
use crate::register::Unit;

/// The receipt series used when settings name none.
pub const DEFAULT_SERIES: &str = "SF";

pub fn receipt_no(series: &str, number: i64) -> String {
    format!("{series}{number:07}")
}

/// Takes a payment: allocates it to the chosen bills (or the oldest unpaid
/// first), keeps any rest as prepayment, and issues the next receipt number.
pub fn pay(tx: &mut Tx, unit: &Unit, p: &NewPayment) -> Result<PaymentResult> {
    if !p.amount.is_positive() {
        return Err(FeesError::AmountNotPositive.into());
    }
    if p.amount > MAX_PAYMENT {
        return Err(FeesError::AmountTooLarge(p.amount).into());
    }
    crate::close::check_open(tx, tx.actor(), tx.today(), crate::close::Movement::Payment)?;
    let before = super::balance(tx, unit)?;
    let targets = if p.bills.is_empty() {
        before.bills
    } else {
        let mut chosen = Vec::new();
        for &id in &p.bills {
            match store::bill(tx, id)? {
                None => return Err(FeesError::BillNotFound(id).into()),
                Some((owner, _)) if owner != unit.id => {
                    return Err(FeesError::BillNotOfUnit { bill: id, unit: unit.code.clone() }.into());
                }
                Some((_, line)) if !line.outstanding.is_positive() => return Err(FeesError::BillSettled(id).into()),
                Some((_, line)) => chosen.push(line),
            }
        }
        chosen
    };
    let now = tx.now_text();
    let row = store::PaymentRow { unit_id: unit.id, amount: p.amount, method: p.method, payer: p.payer.trim(), reference: p.reference.trim() };
    let payment_id = store::insert_payment(tx, &row, &now, tx.actor())?;
    let mut left = p.amount;
    let mut allocated = Vec::new();
    for bill in targets {
        if !left.is_positive() {
            break;
        }
        let take = left.min(bill.outstanding);
        store::insert_allocation(tx, payment_id, bill.id, take, None, &now)?;
        left -= take;
        allocated.push(Allocation { bill_id: bill.id, item: bill.item, period: bill.period, amount: take });
    }
    let series = settings::get_or(tx, settings::RECEIPT_SERIES, DEFAULT_SERIES)?;
    let number = store::next_receipt_number(tx, &series)?;
    let receipt_no = receipt_no(&series, number);
    store::insert_receipt(tx, &series, number, &receipt_no, payment_id, &now, tx.actor())?;
    tx.audit(
        "payment.take",
        "unit",
        unit.id,
        json!({ "payment": payment_id, "receipt_no": receipt_no, "amount": p.amount, "method": p.method.code(),
                "allocated": allocated.iter().map(|a| json!({ "bill": a.bill_id, "amount": a.amount })).collect::<Vec<_>>(),
                "prepaid": left }),
    )?;
    // The balance after follows from the one read before: allocations only
    // reduce what is owed, and the rest is new prepayment.
    Ok(PaymentResult {
        receipt_no,
        unit: unit.code.clone(),
        amount: p.amount,
        allocated,
        prepaid: left,
        owed_after: before.owed - (p.amount - left),
        prepaid_after: before.prepaid + left,
    })
}

/// Waives (减免) part or all of a bill's unpaid amount, with a reason.
pub fn waive(tx: &mut Tx, bill_id: i64, amount: Money, reason: &str) -> Result<Waiver> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(FeesError::ReasonRequired.into());
    }
    if !amount.is_positive() {
        return Err(FeesError::AmountNotPositive.into());
    }
    let (unit_id, bill) = store::bill(tx, bill_id)?.ok_or(FeesError::BillNotFound(bill_id))?;
    if !bill.outstanding.is_positive() {
        return Err(FeesError::BillSettled(bill_id).into());
    }
    if amount > bill.outstanding {
        return Err(FeesError::WaiverTooLarge { asked: amount, outstanding: bill.outstanding }.into());
    }
    let id = store::insert_waiver(tx, bill_id, amount, reason, tx.actor(), &tx.now_text())?;
    tx.audit("bill.waive", "unit", unit_id, json!({ "bill": bill_id, "amount": amount, "reason": reason }))?;
    Ok(Waiver { id, bill_id, amount, outstanding_after: bill.outstanding - amount })
}

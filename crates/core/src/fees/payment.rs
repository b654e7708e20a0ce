//! Taking money: a payment, its allocation to bills, its receipt number. And waivers.

use serde_json::json;

use super::{BillLine, FeesError, MAX_PAYMENT, NewPayment, PaymentResult, WaivedLateFee, Waiver, model::Allocation, store};
use crate::db::{Tx, settings};
use crate::error::Result;
use crate::latefee::{self, BillLateFee, LateFeeError, Waivers};
use crate::money::Money;
use crate::register::Unit;

/// The receipt series used when settings name none.
pub const DEFAULT_SERIES: &str = "SF";

pub fn receipt_no(series: &str, number: i64) -> String {
    format!("{series}{number:07}")
}

/// Takes a payment: allocates it to the chosen bills (or the oldest unpaid
/// first), keeps any rest as prepayment, and issues the next receipt number.
/// Late fees to date are collected as in `pay_with`.
pub fn pay(tx: &mut Tx, unit: &Unit, p: &NewPayment) -> Result<PaymentResult> {
    pay_with(tx, unit, p, &Waivers::None)
}

/// `pay`, where before the money reaches a bill, that bill's late fee to
/// date comes first: a late-fee bill of its own, paid from this payment (its
/// own line on the receipt), or, where `waivers` waive it, billed and waived
/// at once. A payment that cannot cover a late fee it reaches is refused,
/// saying how much is needed; nothing is written.
pub fn pay_with(tx: &mut Tx, unit: &Unit, p: &NewPayment, waivers: &Waivers) -> Result<PaymentResult> {
    if !p.amount.is_positive() {
        return Err(FeesError::AmountNotPositive.into());
    }
    if p.amount > MAX_PAYMENT {
        return Err(FeesError::AmountTooLarge(p.amount).into());
    }
    crate::close::check_open(tx, tx.actor(), tx.today(), crate::close::Movement::Payment)?;
    let before = super::balance(tx, unit)?;
    let targets = if p.bills.is_empty() { before.bills } else { chosen_bills(tx, unit, &p.bills)? };
    let late_fees = latefee::due_by_bill(tx, unit, tx.today())?;
    waivers.check(&late_fees)?;
    let now = tx.now_text();
    let row = store::PaymentRow { unit_id: unit.id, amount: p.amount, method: p.method, payer: p.payer.trim(), reference: p.reference.trim() };
    let payment_id = store::insert_payment(tx, &row, &now, tx.actor())?;
    let mut taking = Taking { payment_id, paid: p.amount, left: p.amount, allocated: Vec::new(), late_fees: Money::ZERO, waived: Vec::new() };
    for bill in targets {
        if !taking.left.is_positive() {
            break;
        }
        if let Some(fee) = late_fees.get(&bill.id) {
            taking.late_fee(tx, fee, waivers.reason_for(bill.id))?;
        }
        let take = taking.left.min(bill.outstanding);
        taking.allocate(tx, bill.id, bill.item, bill.period, take, None)?;
    }
    if let Waivers::Bills(named) = waivers
        && let Some((id, _)) = named.iter().find(|(id, _)| !taking.waived.iter().any(|w| w.bill_id == *id))
    {
        return Err(LateFeeError::WaiverNotReached(*id).into());
    }
    let series = settings::get_or(tx, settings::RECEIPT_SERIES, DEFAULT_SERIES)?;
    let number = store::next_receipt_number(tx, &series)?;
    let receipt_no = receipt_no(&series, number);
    store::insert_receipt(tx, &series, number, &receipt_no, payment_id, &now, tx.actor())?;
    let Taking { left, allocated, late_fees, waived, .. } = taking;
    tx.audit(
        "payment.take",
        "unit",
        unit.id,
        json!({ "payment": payment_id, "receipt_no": receipt_no, "amount": p.amount, "method": p.method.code(),
                "allocated": allocated.iter().map(|a| json!({ "bill": a.bill_id, "amount": a.amount, "late_of": a.late_of })).collect::<Vec<_>>(),
                "late_fees": late_fees,
                "late_fees_waived": waived.iter().map(|w| json!({ "bill": w.bill_id, "amount": w.amount, "reason": w.reason })).collect::<Vec<_>>(),
                "prepaid": left }),
    )?;
    // The balance after follows from the one read before: allocations only
    // reduce what is owed (late-fee bills are made and settled here at once),
    // and the rest is new prepayment.
    Ok(PaymentResult {
        receipt_no,
        unit: unit.code.clone(),
        amount: p.amount,
        owed_after: before.owed - (p.amount - left - late_fees),
        allocated,
        late_fees,
        late_fees_waived: waived,
        prepaid: left,
        prepaid_after: before.prepaid + left,
        operator: tx.actor().to_string(),
        approved_by: tx.approver().map(str::to_string),
    })
}

/// The bills a clerk chose, checked: the unit's, and not settled.
fn chosen_bills(tx: &Tx, unit: &Unit, ids: &[i64]) -> Result<Vec<BillLine>> {
    let mut chosen = Vec::new();
    for &id in ids {
        match store::bill(tx, id)? {
            None => return Err(FeesError::BillNotFound(id).into()),
            Some((owner, _)) if owner != unit.id => return Err(FeesError::BillNotOfUnit { bill: id, unit: unit.code.clone() }.into()),
            Some((_, line)) if !line.outstanding.is_positive() => return Err(FeesError::BillSettled(id).into()),
            Some((_, line)) => chosen.push(line),
        }
    }
    Ok(chosen)
}

/// A payment being given out to bills.
struct Taking {
    payment_id: i64,
    paid: Money,
    left: Money,
    allocated: Vec<Allocation>,
    late_fees: Money,
    waived: Vec<WaivedLateFee>,
}

impl Taking {
    fn allocate(&mut self, tx: &Tx, bill_id: i64, item: String, period: String, amount: Money, late_of: Option<i64>) -> Result<()> {
        if amount.is_positive() {
            store::insert_allocation(tx, self.payment_id, bill_id, amount, None, &tx.now_text())?;
            self.left -= amount;
            self.allocated.push(Allocation { bill_id, item, period, amount, late_of });
        }
        Ok(())
    }

    /// A bill's late fee to date, assessed as a late-fee bill, then waived or paid first.
    fn late_fee(&mut self, tx: &Tx, fee: &BillLateFee, waived: Option<&str>) -> Result<()> {
        if waived.is_none() && self.left < fee.late_fee {
            let upto = self.paid - self.left;
            return Err(LateFeeError::NotCovered { needed: upto + fee.late_fee, fee: fee.late_fee, bill: format!("{} {}", fee.item, fee.period), upto }.into());
        }
        let id = latefee::assess(tx, fee)?;
        match waived {
            Some(reason) => {
                store::insert_waiver(tx, id, fee.late_fee, reason.trim(), tx.actor(), tx.approver(), &tx.now_text())?;
                self.waived.push(WaivedLateFee { bill_id: fee.bill_id, item: fee.line_name(), amount: fee.late_fee, reason: reason.trim().into() });
            }
            None => {
                self.late_fees += fee.late_fee;
                let period = crate::fees::Period::of(tx.today()).to_string();
                self.allocate(tx, id, fee.line_name(), period, fee.late_fee, Some(fee.bill_id))?;
            }
        }
        Ok(())
    }
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
    let id = store::insert_waiver(tx, bill_id, amount, reason, tx.actor(), tx.approver(), &tx.now_text())?;
    tx.audit("bill.waive", "unit", unit_id, json!({ "bill": bill_id, "amount": amount, "reason": reason }))?;
    let (operator, approved_by) = (tx.actor().to_string(), tx.approver().map(str::to_string));
    Ok(Waiver { id, bill_id, amount, outstanding_after: bill.outstanding - amount, operator, approved_by })
}

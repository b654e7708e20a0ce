//! Receipts: printing (the first print is the original, later ones are 补打)
//! and voiding (the number stays, the money is taken back off the bills).

use chrono::{DateTime, NaiveDate};
use serde_json::json;

use super::{FeesError, Method, VoidResult, store};
use crate::db::{DbError, Tx, settings};
use crate::docs::pdf::{PaperSize, ReceiptDoc, ReceiptKind, ReceiptLine, ReceiptMark, receipt_pdf};
use crate::error::Result;
use crate::money::Money;

/// The 联 of the office's receipt paper.
pub(crate) const COPIES: [&str; 3] = ["第一联 存根", "第二联 交款人", "第三联 记账"];

fn find(tx: &Tx, receipt_no: &str) -> Result<store::ReceiptRow> {
    let no = receipt_no.trim();
    store::receipt_by_no(tx, no)?.ok_or_else(|| FeesError::ReceiptNotFound(no.to_string()).into())
}

/// Voids a receipt with a reason: its payment no longer counts and every bill
/// it paid is unpaid again. The receipt keeps its number, marked 作废.
pub fn void_receipt(tx: &mut Tx, receipt_no: &str, reason: &str) -> Result<VoidResult> {
    let reason = reason.trim();
    let receipt = find(tx, receipt_no)?;
    if receipt.void_reason.is_some() {
        return Err(FeesError::ReceiptAlreadyVoid { receipt_no: receipt.receipt_no }.into());
    }
    if reason.is_empty() {
        return Err(FeesError::ReasonRequired.into());
    }
    // The reversal lands on the receipt's clerk's day of the void.
    crate::close::check_open(tx, &receipt.operator, tx.today(), crate::close::Movement::Void(&receipt.receipt_no))?;
    let now = tx.now_text();
    store::insert_void(tx, receipt.id, reason, tx.actor(), tx.approver(), &now)?;
    store::reverse_allocations(tx, receipt.payment_id, &now)?;
    tx.audit(
        "receipt.void",
        "unit",
        receipt.unit_id,
        json!({ "receipt_no": receipt.receipt_no, "amount": receipt.amount, "reason": reason }),
    )?;
    let unit = crate::register::store::unit_by_id(tx, receipt.unit_id)?
        .ok_or_else(|| DbError::Internal(format!("收据 {} 的房屋记录缺失", receipt.receipt_no)))?;
    let after = super::balance(tx, &unit)?;
    let (operator, approved_by) = (tx.actor().to_string(), tx.approver().map(str::to_string));
    Ok(VoidResult { receipt_no: receipt.receipt_no, amount: receipt.amount, owed_after: after.owed, prepaid_after: after.prepaid, operator, approved_by })
}

/// Renders a receipt as PDF and records the print. The first print is the
/// original; every later one is marked 补打 with its count.
pub fn print_receipt(tx: &mut Tx, receipt_no: &str) -> Result<Vec<u8>> {
    let receipt = find(tx, receipt_no)?;
    let doc = receipt_doc(tx, &receipt)?;
    let pdf = receipt_pdf(&doc)?;
    store::insert_print(tx, receipt.id, tx.actor(), &tx.now_text())?;
    let reprint = match doc.mark {
        ReceiptMark::Reprint { count } => count,
        _ => 0,
    };
    tx.audit("receipt.print", "unit", receipt.unit_id, json!({ "receipt_no": receipt.receipt_no, "reprint": reprint }))?;
    Ok(pdf)
}

fn receipt_doc(tx: &Tx, receipt: &store::ReceiptRow) -> Result<ReceiptDoc> {
    let mut lines: Vec<ReceiptLine> = store::receipt_lines(tx, receipt.payment_id)?
        .into_iter()
        .map(|b| ReceiptLine { item: b.item, period: b.period, price: b.price, quantity: b.quantity, amount: b.amount })
        .collect();
    let settled: Money = lines.iter().map(|l| l.amount).sum();
    let prepaid = receipt.amount - settled;
    if prepaid.is_positive() {
        lines.push(ReceiptLine { item: "预存款".into(), period: String::new(), price: String::new(), quantity: String::new(), amount: prepaid });
    }
    // Late fees a supervisor waived with this payment: shown, for nothing.
    for (item, period, waived) in store::late_fees_waived_with(tx, receipt.unit_id, &receipt.paid_at)? {
        let item = format!("{item} 已减免 {waived} 元");
        lines.push(ReceiptLine { item, period, price: String::new(), quantity: String::new(), amount: Money::ZERO });
    }
    let mark = match (&receipt.void_reason, receipt.prints) {
        (Some(reason), _) => ReceiptMark::Voided { reason: reason.clone() },
        (None, 0) => ReceiptMark::Original,
        (None, n) => ReceiptMark::Reprint { count: n },
    };
    let estate_name = settings::get_or(tx, settings::ESTATE_NAME, "")?;
    let unit_code = crate::register::store::unit_by_id(tx, receipt.unit_id)?.map(|u| u.code).unwrap_or_default();
    Ok(ReceiptDoc {
        kind: ReceiptKind::Payment,
        header: settings::get_or(tx, settings::RECEIPT_HEADER, &format!("{estate_name}物业服务中心"))?,
        estate_name,
        receipt_no: receipt.receipt_no.clone(),
        unit_code,
        payer: receipt.payer.clone(),
        date: paid_date(&receipt.paid_at),
        lines,
        total: receipt.amount,
        method: Method::label_of(&receipt.method).to_string(),
        reference: receipt.reference.clone(),
        clerk: receipt.operator.clone(),
        mark,
        copies: COPIES.iter().map(|c| c.to_string()).collect(),
        paper: PaperSize::from_code(&settings::get_or(tx, settings::PAPER_SIZE, "")?).unwrap_or_default(),
    })
}

pub(crate) fn paid_date(at: &str) -> NaiveDate {
    DateTime::parse_from_rfc3339(at).map(|t| t.date_naive()).unwrap_or_default()
}

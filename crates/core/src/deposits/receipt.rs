//! Deposit receipts (押金收据): a number from the deposit series taken in the
//! deposit's own transaction, with the fee receipts' counter (`receipt_series`),
//! and the receipt printed in the fee receipt's layout. The first print is the
//! original; every later one is marked 补打 with its count. A deposit taken
//! before deposits had receipts gets its number when its receipt is first printed.

use rusqlite::Connection;
use serde_json::json;

use super::{Deposit, store};
use crate::db::{Tx, settings};
use crate::docs::pdf::{PaperSize, ReceiptDoc, ReceiptKind, ReceiptLine, ReceiptMark, receipt_pdf};
use crate::error::Result;
use crate::fees::receipt::{COPIES, paid_date};
use crate::fees;

/// Issues the next number of the deposit series to `deposit_id` (inside the caller's transaction).
pub(super) fn issue(tx: &Tx, deposit_id: i64) -> Result<String> {
    let series = settings::deposit_receipt_series(tx)?;
    let number = fees::store::next_receipt_number(tx, &series)?;
    let receipt_no = fees::receipt_no(&series, number);
    store::insert_receipt(tx, deposit_id, &series, number, &receipt_no, &tx.now_text(), tx.actor())?;
    Ok(receipt_no)
}

/// A printed deposit receipt: the PDF and the number it carries.
#[derive(Debug, Clone)]
pub struct PrintedReceipt {
    pub receipt_no: String,
    /// 0 for the original, n for the n-th 补打.
    pub reprint: u32,
    pub pdf: Vec<u8>,
}

/// Renders the deposit's receipt and records the print (issuing its number first
/// when the deposit was taken before deposits had receipts).
pub fn print(tx: &mut Tx, deposit_id: i64) -> Result<PrintedReceipt> {
    let deposit = super::deposit(tx, deposit_id)?;
    let mut issued_now = false;
    let receipt_no = match &deposit.receipt_no {
        Some(no) => no.clone(),
        None => {
            issued_now = true;
            issue(tx, deposit_id)?
        }
    };
    let (receipt_id, prints) = store::receipt_prints(tx, deposit_id)?;
    let doc = receipt_doc(tx, &deposit, &receipt_no, prints)?;
    let pdf = receipt_pdf(&doc)?;
    store::insert_receipt_print(tx, receipt_id, tx.actor(), &tx.now_text())?;
    tx.audit(
        "deposit.receipt_print",
        "unit",
        deposit.unit_id,
        json!({ "deposit": deposit_id, "receipt_no": receipt_no, "reprint": prints, "issued_now": issued_now }),
    )?;
    Ok(PrintedReceipt { receipt_no, reprint: prints, pdf })
}

fn receipt_doc(conn: &Connection, d: &Deposit, receipt_no: &str, prints: u32) -> Result<ReceiptDoc> {
    let item = if d.note.is_empty() { d.kind.clone() } else { format!("{}（{}）", d.kind, d.note) };
    let lines = vec![ReceiptLine { item, period: String::new(), price: String::new(), quantity: String::new(), amount: d.amount }];
    let estate_name = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    Ok(ReceiptDoc {
        kind: ReceiptKind::Deposit,
        header: settings::get_or(conn, settings::RECEIPT_HEADER, &format!("{estate_name}物业服务中心"))?,
        estate_name,
        receipt_no: receipt_no.to_string(),
        unit_code: d.unit.clone(),
        payer: d.payer.clone(),
        date: paid_date(&d.received_at),
        lines,
        total: d.amount,
        method: d.method.clone(),
        // Where the reference of a payment goes: what the payer must know to get the money back.
        reference: "押金退还时凭本收据办理".to_string(),
        clerk: d.operator.clone(),
        mark: if prints == 0 { ReceiptMark::Original } else { ReceiptMark::Reprint { count: prints } },
        copies: COPIES.iter().map(|c| c.to_string()).collect(),
        paper: PaperSize::from_code(&settings::get_or(conn, settings::PAPER_SIZE, "")?).unwrap_or_default(),
    })
}

//! The fees ledger: a unit's account, payments and receipts.

use estate_core::fees::{self, Balance, FeeItem, Method, NewPayment, PaymentResult, ReceiptInfo, Statement, VoidResult};
use estate_core::register;
use estate_core::desk;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::places;
use crate::state::{Desk, Reply};

#[tauri::command]
pub async fn unit_balance(desk: State<'_, Desk>, unit: String) -> Reply<Balance> {
    desk.read(|db| fees::balance(db.conn(), &register::find_unit(db.conn(), &unit)?))
}

#[tauri::command]
pub async fn unit_receipts(desk: State<'_, Desk>, unit: String) -> Reply<Vec<ReceiptInfo>> {
    desk.read(|db| fees::receipts(db.conn(), &register::find_unit(db.conn(), &unit)?))
}

#[tauri::command]
pub async fn unit_statement(desk: State<'_, Desk>, unit: String) -> Reply<Statement> {
    desk.read(|db| fees::statement(db.conn(), &register::find_unit(db.conn(), &unit)?))
}

#[tauri::command]
pub async fn fee_items(desk: State<'_, Desk>) -> Reply<Vec<FeeItem>> {
    desk.read(|db| fees::fee_items(db.conn()))
}

/// A payment as the form sends it: amounts as typed, the method's code.
#[derive(Deserialize)]
pub struct PayForm {
    unit: String,
    amount: String,
    method: String,
    payer: String,
    reference: String,
    /// Chosen bills; empty = oldest unpaid first.
    bills: Vec<i64>,
}

impl PayForm {
    fn payment(&self) -> estate_core::Result<NewPayment> {
        let (payer, reference, bills) = (self.payer.clone(), self.reference.clone(), self.bills.clone());
        Ok(NewPayment { amount: fees::parse_amount(&self.amount)?, method: Method::parse(&self.method)?, payer, reference, bills })
    }
}

#[tauri::command]
pub async fn pay(desk: State<'_, Desk>, form: PayForm) -> Reply<PaymentResult> {
    desk.act(|db, staff| desk::pay(db, staff, &form.unit, &form.payment()?))
}

#[derive(Serialize)]
pub struct Printed {
    /// The saved PDF in the receipts archive.
    path: String,
    /// Set when the PDF was saved but no viewer could be opened.
    viewer_problem: Option<String>,
}

/// Saves the receipt's PDF in the archive beside the estate file and opens it for printing.
#[tauri::command]
pub async fn print_receipt(desk: State<'_, Desk>, receipt_no: String) -> Reply<Printed> {
    let out = desk.act_at(|db, staff, db_path| {
        let out = places::receipt_file(db_path, &receipt_no)?;
        desk::print_receipt(db, staff, &receipt_no, &out).map(|_| out)
    })?;
    Ok(Printed { path: out.display().to_string(), viewer_problem: places::show(&out) })
}

#[tauri::command]
pub async fn void_receipt(desk: State<'_, Desk>, receipt_no: String, reason: String) -> Reply<VoidResult> {
    desk.act(|db, staff| desk::void_receipt(db, staff, &receipt_no, &reason))
}

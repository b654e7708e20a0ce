//! The fees ledger: a unit's account, payments and receipts, fee items and
//! prices, billing runs (preview, then the run with a progress bar), waivers.

use estate_core::staff::Approval;
use estate_core::fees::{
    self, Balance, BillLine, BillingPreview, BillingReport, FeeItem, Method, NewFee, NewPayment, PaymentResult, Period, ReceiptInfo,
    Statement, UnitPrice, VoidResult, Waiver,
};
use estate_core::latefee::Waivers;
use estate_core::register;
use estate_core::desk;
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

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

/// Every bill of a unit, settled or not, newest first.
#[tauri::command]
pub async fn unit_bills(desk: State<'_, Desk>, unit: String) -> Reply<Vec<BillLine>> {
    desk.read(|db| fees::bills(db.conn(), &register::find_unit(db.conn(), &unit)?))
}

#[tauri::command]
pub async fn fee_items(desk: State<'_, Desk>) -> Reply<Vec<FeeItem>> {
    desk.read(|db| fees::fee_items(db.conn()))
}

#[tauri::command]
pub async fn unit_prices(desk: State<'_, Desk>) -> Reply<Vec<UnitPrice>> {
    desk.read(|db| fees::unit_prices(db.conn()))
}

/// A new fee item (or another unit type's price for one) as the form sends it.
#[derive(Deserialize)]
pub struct FeeForm {
    name: String,
    basis: String,
    price: String,
    /// A unit type's name; blank = every type without its own price.
    unit_type: String,
    cycle_months: u32,
}

impl FeeForm {
    fn fee(&self) -> estate_core::Result<NewFee> {
        let (name, cycle_months) = (self.name.clone(), self.cycle_months);
        let (basis, price, unit_type) = (fees::Basis::parse(&self.basis)?, fees::parse_price(&self.price)?, fees::parse_price_type(&self.unit_type)?);
        Ok(NewFee { name, basis, price, unit_type, cycle_months })
    }
}

#[tauri::command]
pub async fn add_fee(desk: State<'_, Desk>, form: FeeForm, approval: Option<Approval>) -> Reply<FeeItem> {
    desk.act(|db, staff| desk::add_fee(db, staff, &form.fee()?, approval.as_ref()))
}

#[tauri::command]
pub async fn set_price(desk: State<'_, Desk>, fee: String, unit_type: String, price: String, approval: Option<Approval>) -> Reply<FeeItem> {
    desk.act(|db, staff| desk::set_price(db, staff, &fee, fees::parse_price_type(&unit_type)?, fees::parse_price(&price)?, approval.as_ref()))
}

#[tauri::command]
pub async fn set_unit_price(desk: State<'_, Desk>, unit: String, fee: String, price: String, approval: Option<Approval>) -> Reply<()> {
    desk.act(|db, staff| desk::set_unit_price(db, staff, &unit, &fee, fees::parse_price(&price)?, approval.as_ref()))
}

#[tauri::command]
pub async fn set_quantity(desk: State<'_, Desk>, unit: String, fee: String, period: String, quantity: String, approval: Option<Approval>) -> Reply<()> {
    desk.act(|db, staff| desk::set_quantity(db, staff, &unit, &fee, Period::parse(&period)?, fees::parse_quantity(&quantity)?, approval.as_ref()))
}

/// What a run over the range would bill, written nowhere.
#[tauri::command]
pub async fn billing_preview(desk: State<'_, Desk>, from: String, to: String) -> Reply<BillingPreview> {
    desk.read(|db| fees::preview_billing(db.conn(), Period::parse(&from)?, Period::parse(&to)?))
}

/// How far a billing run (or a batch of letters) has got, for the progress bar.
#[derive(Clone, Serialize)]
pub struct Progress {
    pub(crate) done: usize,
    pub(crate) total: usize,
}

/// Bills the range; progress streams to the window over `on_progress`.
#[tauri::command]
pub async fn run_billing(desk: State<'_, Desk>, from: String, to: String, on_progress: Channel<Progress>) -> Reply<BillingReport> {
    // A progress message the window missed is no reason to fail the run.
    let mut progress = |done, total| drop(on_progress.send(Progress { done, total }));
    desk.act(|db, staff| desk::run_billing(db, staff, Period::parse(&from)?, Period::parse(&to)?, &mut progress))
}

#[tauri::command]
pub async fn waive(desk: State<'_, Desk>, bill_id: i64, amount: String, reason: String, approval: Option<Approval>) -> Reply<Waiver> {
    desk.act(|db, staff| desk::waive(db, staff, bill_id, fees::parse_amount(&amount)?, &reason, approval.as_ref()))
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
    /// Late fees a supervisor waives, by the bill they are for.
    late_fee_waivers: Vec<LateFeeWaiver>,
}

#[derive(Deserialize)]
pub struct LateFeeWaiver {
    bill_id: i64,
    reason: String,
}

impl PayForm {
    fn payment(&self) -> estate_core::Result<NewPayment> {
        let (payer, reference, bills) = (self.payer.clone(), self.reference.clone(), self.bills.clone());
        Ok(NewPayment { amount: fees::parse_amount(&self.amount)?, method: Method::parse(&self.method)?, payer, reference, bills })
    }
}

#[tauri::command]
pub async fn pay(desk: State<'_, Desk>, form: PayForm, approval: Option<Approval>) -> Reply<PaymentResult> {
    let waivers = Waivers::Bills(form.late_fee_waivers.iter().map(|w| (w.bill_id, w.reason.clone())).collect());
    desk.act(|db, staff| desk::pay_with(db, staff, &form.unit, &form.payment()?, &waivers, approval.as_ref()))
}

#[derive(Serialize)]
pub struct Printed {
    /// The saved PDF in the receipts archive.
    pub(crate) path: String,
    /// Set when the PDF was saved but no viewer could be opened.
    pub(crate) viewer_problem: Option<String>,
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
pub async fn void_receipt(desk: State<'_, Desk>, receipt_no: String, reason: String, approval: Option<Approval>) -> Reply<VoidResult> {
    desk.act(|db, staff| desk::void_receipt(db, staff, &receipt_no, &reason, approval.as_ref()))
}

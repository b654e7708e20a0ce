//! Renovation permits (装修管理): the list, one permit, the reports for the
//! home card, every step of the permit's life, and its three papers (the
//! permit, the release slips, the refund voucher) saved beside the estate
//! file and opened for printing.

use estate_core::desk;
use estate_core::fees::{self, Method};
use estate_core::reno::{Fees, NewApplication, NewInspection, NewRelease, NewWaterproof, PayFees, Permit, PermitLine, ReleaseSlip, StatusCount, Violation, WaterproofTest};
use estate_core::staff::Approval;
use serde::Deserialize;
use tauri::State;

use crate::commands::fees::Printed;
use crate::places;
use crate::state::{Desk, Reply};

const FOLDER: &str = "装修";

#[tauri::command]
pub async fn reno_list(desk: State<'_, Desk>, status: String, unit: String, overdue: bool) -> Reply<Vec<PermitLine>> {
    desk.act(|db, staff| desk::reno_list(db, staff, Some(&status), Some(&unit), overdue))
}

#[tauri::command]
pub async fn reno_open_violations(desk: State<'_, Desk>) -> Reply<Vec<Violation>> {
    desk.act(|db, staff| desk::reno_open_violations(db, staff))
}

#[tauri::command]
pub async fn reno_permit(desk: State<'_, Desk>, id: i64) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_permit(db, staff, id))
}

#[tauri::command]
pub async fn reno_overdue(desk: State<'_, Desk>) -> Reply<Vec<PermitLine>> {
    desk.act(|db, staff| desk::reno_overdue(db, staff))
}

#[tauri::command]
pub async fn reno_fees_due(desk: State<'_, Desk>, id: i64) -> Reply<Fees> {
    desk.act(|db, staff| desk::reno_fees_due(db, staff, id))
}

#[tauri::command]
pub async fn reno_status_counts(desk: State<'_, Desk>) -> Reply<Vec<StatusCount>> {
    desk.act(|db, staff| desk::reno_status_counts(db, staff))
}

#[tauri::command]
pub async fn reno_apply(desk: State<'_, Desk>, unit: String, form: NewApplication) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_apply(db, staff, &unit, &form))
}

#[tauri::command]
pub async fn reno_approve(desk: State<'_, Desk>, id: i64, note: String, approval: Option<Approval>) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_approve(db, staff, id, &note, approval.as_ref()))
}

/// The payment as the form sends it: the method's code, the amount counted as typed.
#[derive(Deserialize)]
pub struct PayForm {
    method: String,
    payer: String,
    reference: String,
    amount: String,
}

#[tauri::command]
pub async fn reno_pay(desk: State<'_, Desk>, id: i64, form: PayForm) -> Reply<Permit> {
    desk.act(|db, staff| {
        let amount = Some(form.amount.trim()).filter(|a| !a.is_empty()).map(fees::parse_amount).transpose()?;
        let pay = PayFees { method: Method::parse(&form.method)?, payer: form.payer.clone(), reference: form.reference.clone(), amount };
        desk::reno_pay(db, staff, id, &pay)
    })
}

#[tauri::command]
pub async fn reno_issue(desk: State<'_, Desk>, id: i64) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_issue(db, staff, id))
}

#[tauri::command]
pub async fn reno_inspect(desk: State<'_, Desk>, id: i64, form: NewInspection) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_inspect(db, staff, id, &form))
}

#[tauri::command]
pub async fn reno_extend(desk: State<'_, Desk>, id: i64, new_end: String, reason: String, approval: Option<Approval>) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_extend(db, staff, id, &new_end, &reason, approval.as_ref()))
}

#[tauri::command]
pub async fn reno_fix(desk: State<'_, Desk>, violation_id: i64, note: String) -> Reply<Violation> {
    desk.act(|db, staff| desk::reno_fix(db, staff, violation_id, &note))
}

#[tauri::command]
pub async fn reno_accept(desk: State<'_, Desk>, id: i64, note: String, approval: Option<Approval>) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_accept(db, staff, id, &[], &note, approval.as_ref()))
}

#[tauri::command]
pub async fn reno_waterproof(desk: State<'_, Desk>, id: i64, form: NewWaterproof) -> Reply<WaterproofTest> {
    desk.act(|db, staff| desk::reno_waterproof(db, staff, id, &form))
}

#[tauri::command]
pub async fn reno_rectify(desk: State<'_, Desk>, id: i64, problems: Vec<String>, reason: String, approval: Option<Approval>) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_rectify(db, staff, id, &problems, &reason, approval.as_ref()))
}

#[tauri::command]
pub async fn reno_release(desk: State<'_, Desk>, id: i64, form: NewRelease) -> Reply<ReleaseSlip> {
    desk.act(|db, staff| desk::reno_release(db, staff, id, &form))
}

#[tauri::command]
pub async fn reno_refund(desk: State<'_, Desk>, id: i64, deductions: Vec<String>, note: String, approval: Option<Approval>) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_refund(db, staff, id, &deductions, &note, approval.as_ref()))
}

#[tauri::command]
pub async fn reno_complete(desk: State<'_, Desk>, id: i64, note: String) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_request_completion(db, staff, id, &note))
}

#[tauri::command]
pub async fn reno_reject(desk: State<'_, Desk>, id: i64, reason: String, approval: Option<Approval>) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_reject(db, staff, id, &reason, approval.as_ref()))
}

#[tauri::command]
pub async fn reno_close(desk: State<'_, Desk>, id: i64, note: String) -> Reply<Permit> {
    desk.act(|db, staff| desk::reno_close(db, staff, id, &note))
}

/// Saves the 装修许可证 beside the estate file and opens it for printing.
#[tauri::command]
pub async fn reno_print_permit(desk: State<'_, Desk>, id: i64) -> Reply<Printed> {
    let out = desk.act_at(|db, staff, db_path| {
        let out = places::dated_file(db_path, FOLDER, &format!("装修许可证-{id}"), "pdf", db.now())?;
        desk::save_reno_permit(db, staff, id, &out).map(|_| out)
    })?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

#[tauri::command]
pub async fn reno_print_slips(desk: State<'_, Desk>, slip_nos: Vec<String>) -> Reply<Printed> {
    let out = desk.act_at(|db, staff, db_path| {
        let out = places::dated_file(db_path, FOLDER, "物品放行条", "pdf", db.now())?;
        desk::save_reno_slips(db, staff, &slip_nos, &out).map(|_| out)
    })?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

#[tauri::command]
pub async fn reno_print_voucher(desk: State<'_, Desk>, id: i64) -> Reply<Printed> {
    let out = desk.act_at(|db, staff, db_path| {
        let out = places::dated_file(db_path, FOLDER, &format!("押金退还单-{id}"), "pdf", db.now())?;
        desk::save_reno_voucher(db, staff, id, &out).map(|_| out)
    })?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

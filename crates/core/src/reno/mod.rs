//! Renovation permits (二次装修): application → approved (or rejected) → fees
//! and deposit paid → permit issued → works under way (daily inspections,
//! waterproof tests, release slips, extensions) → completion requested →
//! accepted (or rectification required, then requested again) → deposit
//! refunded less deductions → closed.
//!
//! Each step is a row written once, by whom (and the approving supervisor)
//! and when; the database itself refuses a step out of order. The fees are
//! bills of the fee ledger paid through `fees::pay` (a normal SF receipt); the
//! deposit is held money of the deposit ledger (`deposits::take`, its YJ
//! receipt; `deposits::refund`). Nothing here holds money of its own.

mod error;
pub mod model;
mod print;
pub mod rules;
mod store;
mod view;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde_json::json;

use crate::db::{Tx, settings};
use crate::deposits::{self, NewDeposit, NewRefund};
use crate::error::Result;
use crate::fees::{self, Method, NewPayment, Period};
use crate::money::Money;
use crate::register::Unit;
pub use error::RenoError;
pub use model::*;
pub use print::{permit_doc, permit_pdf_of as permit_pdf, release_slips, slips_pdf, voucher_doc, voucher_pdf};
pub use view::{StatusCount, list, open_violations, overdue, permit, status_counts};

/// The fee items the office bills renovation fees on. They carry no price of
/// their own (the amounts come from the `reno_` settings), so billing runs
/// never bill them to every unit.
pub const MANAGEMENT_ITEM: &str = "装修管理费";
pub const RUBBISH_ITEM: &str = "装修垃圾清运费";

/// The estate's renovation settings, defaults filled in.
#[derive(Debug, Clone)]
pub struct RenoSettings {
    pub max_days: i64,
    pub waterproof_hours: i64,
    pub rules_text: String,
    pub fee_per_sqm: Decimal,
    pub rubbish_fee: Money,
    pub deposit: Money,
}

pub const FEE_PER_SQM_DEFAULT: &str = "3";
pub const RUBBISH_FEE_DEFAULT: &str = "300";
pub const DEPOSIT_DEFAULT: &str = "2000";

pub fn reno_settings(conn: &Connection) -> Result<RenoSettings> {
    let text = |key, default: &str| settings::text_or_default(conn, key, default);
    let money = |key, default: &str| -> Result<Money> { Ok(Money::parse(&text(key, default)?).unwrap_or_default()) };
    Ok(RenoSettings {
        max_days: text(settings::RENO_MAX_DAYS, "")?.parse().unwrap_or(rules::MAX_DAYS_DEFAULT),
        waterproof_hours: text(settings::RENO_WATERPROOF_HOURS, "")?.parse().unwrap_or(rules::WATERPROOF_HOURS_DEFAULT),
        rules_text: text(settings::RENO_RULES_TEXT, rules::RULES_TEXT_DEFAULT)?,
        fee_per_sqm: text(settings::RENO_FEE_PER_SQM, FEE_PER_SQM_DEFAULT)?.parse().unwrap_or_default(),
        rubbish_fee: money(settings::RENO_RUBBISH_FEE, RUBBISH_FEE_DEFAULT)?,
        deposit: money(settings::RENO_DEPOSIT, DEPOSIT_DEFAULT)?,
    })
}

fn required<'a>(text: &'a str, what: &'static str) -> Result<&'a str> {
    let t = text.trim();
    if t.is_empty() {
        return Err(RenoError::Required(what).into());
    }
    Ok(t)
}

/// Records an application. The applicant is an owner of the unit on the
/// register, or someone the owner authorised in writing (the 委托书 noted).
pub fn apply(tx: &mut Tx, unit: &Unit, a: &NewApplication) -> Result<Permit> {
    let applicant = required(&a.applicant, "申请人")?;
    let contractor = required(&a.contractor, "施工单位")?;
    let foreman = required(&a.foreman, "施工负责人")?;
    let foreman_phone = rules::phone(foreman, required(&a.foreman_phone, "施工负责人电话")?)?;
    let scope = rules::parse_scope(&a.scope)?;
    let (start, end) = (rules::date(&a.planned_start)?, rules::date(&a.planned_end)?);
    let s = reno_settings(tx)?;
    rules::check_period(start, end, tx.today(), s.max_days)?;
    let owners = crate::keys::store::owners(tx, unit.id, tx.today())?;
    let is_owner = owners.iter().any(|o| crate::keys::rules::same_name(o, applicant));
    if !is_owner && a.authorisation.trim().is_empty() {
        return Err(RenoError::NotOwner(applicant.chars().take(20).collect()).into());
    }
    let mut workers = Vec::new();
    for w in &a.workers {
        let name = required(&w.name, "工人姓名")?;
        let phone = if w.phone.trim().is_empty() { String::new() } else { rules::phone(name, &w.phone)? };
        workers.push((name, phone, rules::id_last4(name, &w.id_last4)?));
    }
    if let Some(open) = store::open_permit_of_unit(tx, unit.id)? {
        return Err(RenoError::AlreadyOpen(format!("编号 {open}")).into());
    }
    let row = store::PermitRow {
        unit_id: unit.id,
        applicant,
        applicant_role: if is_owner { "owner" } else { "authorised" },
        authorisation: a.authorisation.trim(),
        contractor,
        foreman,
        foreman_phone: &foreman_phone,
        scope: &scope.join("、"),
        planned_start: start,
        planned_end: end,
        attachments: a.attachments.trim(),
        rules_text: &s.rules_text,
    };
    let id = store::insert_permit(tx, &row)?;
    for (n, (name, phone, last4)) in workers.iter().enumerate() {
        store::insert_worker(tx, id, name, phone, last4, &format!("SG{id:04}-{:02}", n + 1))?;
    }
    tx.audit(
        "reno.apply",
        "reno_permit",
        id,
        json!({ "unit": unit.code, "applicant_role": row.applicant_role, "contractor": contractor, "scope": scope,
                "planned_start": start, "planned_end": end, "workers": workers.len() }),
    )?;
    permit(tx, id, tx.today())
}

/// The permit, checked to allow `action` from its status.
fn at_step(conn: &Connection, id: i64, allowed: &[Status], action: &'static str) -> Result<Permit> {
    let p = permit(conn, id, NaiveDate::MIN)?;
    rules::require(id, p.status, allowed, action)?;
    Ok(p)
}

fn step(tx: &mut Tx, p: &Permit, to: Status, row: &store::StepRow, detail: serde_json::Value) -> Result<Permit> {
    store::insert_step(tx, p.id, to, row)?;
    tx.audit(&format!("reno.{}", to.code()), "reno_permit", p.id, detail)?;
    permit(tx, p.id, tx.today())
}

/// A supervisor approves the application (a clerk with a supervisor's approval on the spot).
pub fn approve(tx: &mut Tx, id: i64, note: &str) -> Result<Permit> {
    let p = at_step(tx, id, &[Status::Applied], "批准")?;
    step(tx, &p, Status::Approved, &store::StepRow { note: note.trim(), ..Default::default() }, json!({ "note": note.trim() }))
}

/// Rejects the application with the reason the applicant is told.
pub fn reject(tx: &mut Tx, id: i64, reason: &str) -> Result<Permit> {
    let p = at_step(tx, id, &[Status::Applied], "驳回")?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(RenoError::RejectReason.into());
    }
    step(tx, &p, Status::Rejected, &store::StepRow { note: reason, ..Default::default() }, json!({ "reason": reason }))
}

/// What the permit calls for: the management fee (area × 元/㎡), the rubbish fee, the deposit.
pub fn fees_due(conn: &Connection, unit: &Unit) -> Result<Fees> {
    let s = reno_settings(conn)?;
    let area = unit.area.ok_or_else(|| RenoError::NoArea(unit.code.clone()))?;
    let management = Money::round_yuan(area.to_decimal() * s.fee_per_sqm).map_err(|_| RenoError::NoArea(unit.code.clone()))?;
    if !s.deposit.is_positive() {
        return Err(RenoError::FeeNotSet("装修押金", settings::RENO_DEPOSIT).into());
    }
    Ok(Fees {
        management,
        management_basis: format!("{area}㎡ × {} 元/㎡", fees::price_text(s.fee_per_sqm)),
        rubbish: s.rubbish_fee,
        deposit: s.deposit,
        total: management + s.rubbish_fee + s.deposit,
    })
}

#[derive(Debug, Clone)]
pub struct PayFees {
    pub method: Method,
    pub payer: String,
    pub reference: String,
    /// What the clerk counted, when given: must be the total due.
    pub amount: Option<Money>,
}

/// Bills the fees on the fee ledger and takes them with `fees::pay` (an SF
/// receipt), and takes the deposit with `deposits::take` (a YJ receipt), in one transaction.
pub fn pay(tx: &mut Tx, id: i64, pay: &PayFees) -> Result<Permit> {
    let p = at_step(tx, id, &[Status::Approved], "收费")?;
    let unit = crate::register::store::unit_by_id(tx, p.unit_id)?.ok_or_else(|| RenoError::NotFound(id.to_string()))?;
    let due = fees_due(tx, &unit)?;
    if let Some(paid) = pay.amount
        && paid != due.total
    {
        return Err(RenoError::WrongAmount { due: due.total, paid }.into());
    }
    let period = Period::of(tx.today()).to_string();
    let mut bill_ids = Vec::new();
    for (name, kind, amount, price, quantity) in [
        (MANAGEMENT_ITEM, "management", due.management, fees::price_text(reno_settings(tx)?.fee_per_sqm), unit.area.map(|a| format!("{a}㎡")).unwrap_or_default()),
        (RUBBISH_ITEM, "rubbish", due.rubbish, due.rubbish.to_string(), "1".to_string()),
    ] {
        if !amount.is_positive() {
            continue;
        }
        let item = fees::once_item(tx, name, "renovation")?;
        if store::billed_this_month(tx, unit.id, item, &period)? {
            return Err(RenoError::FeeBilledThisMonth(name.into()).into());
        }
        let bill = fees::once_bill(tx, unit.id, item, &period, &price, &quantity, amount)?;
        store::insert_bill_link(tx, bill, id, kind)?;
        tx.audit("bill.reno", "unit", unit.id, json!({ "bill": bill, "permit": id, "item": name, "amount": amount }))?;
        bill_ids.push((bill, amount));
    }
    let payment_id = if bill_ids.is_empty() {
        None
    } else {
        let amount = bill_ids.iter().map(|(_, a)| *a).sum();
        let payment = NewPayment { amount, method: pay.method, payer: pay.payer.trim().into(), reference: pay.reference.trim().into(), bills: bill_ids.iter().map(|(b, _)| *b).collect() };
        let receipt = fees::pay(tx, &unit, &payment)?.receipt_no;
        Some(tx.query_row("SELECT payment_id FROM receipts WHERE receipt_no = ?1", [receipt], |r| r.get(0))?)
    };
    let deposit = deposits::take(
        tx,
        &unit,
        &NewDeposit { kind: "装修押金".into(), amount: due.deposit, method: pay.method, payer: pay.payer.trim().into(), note: format!("装修登记 {id}") },
    )?;
    let row = store::StepRow { payment_id, deposit_id: Some(deposit.id), ..Default::default() };
    step(tx, &p, Status::Paid, &row, json!({ "management": due.management, "rubbish": due.rubbish, "deposit": due.deposit, "payment": payment_id, "deposit_id": deposit.id }))
}

/// Issues the permit with the next number of the year (ZX2026-0001).
pub fn issue(tx: &mut Tx, id: i64) -> Result<Permit> {
    let p = at_step(tx, id, &[Status::Paid], "发证")?;
    let year = chrono::Datelike::year(&tx.today());
    let issued = store::count(tx, "SELECT COUNT(*) FROM reno_steps WHERE permit_no LIKE ?1", &format!("ZX{year}-%"))?;
    let no = rules::permit_no(year, issued + 1);
    step(tx, &p, Status::Issued, &store::StepRow { permit_no: Some(&no), ..Default::default() }, json!({ "permit_no": no }))
}

/// Records a daily inspection; each finding is a violation to put right by the deadline.
pub fn inspect(tx: &mut Tx, id: i64, i: &NewInspection) -> Result<Permit> {
    let p = at_step(tx, id, &Status::WORKS, "登记巡查")?;
    let day = if i.day.trim().is_empty() { tx.today() } else { rules::date(&i.day)? };
    if day < p.planned_start || day > tx.today() {
        return Err(RenoError::InspectionDay(day.to_string()).into());
    }
    let inspector = required(&i.inspector, "巡查人")?;
    let findings = rules::findings(&i.findings)?;
    let deadline = if i.deadline.trim().is_empty() { day + chrono::Duration::days(rules::RECTIFY_DAYS_DEFAULT) } else { rules::date(&i.deadline)? };
    if deadline < day {
        return Err(RenoError::DeadlineBeforeDay { day: day.to_string(), deadline: deadline.to_string() }.into());
    }
    let problems: Vec<&str> = findings.iter().map(|(item, _)| *item).collect();
    let results = rules::checklist(&rules::INSPECTION_ITEMS, &problems);
    let inspection = store::insert_inspection(tx, id, day, inspector, &results, i.note.trim())?;
    for (item, what) in &findings {
        store::insert_violation(tx, inspection, id, item, what, deadline)?;
    }
    tx.audit("reno.inspect", "reno_permit", id, json!({ "inspection": inspection, "day": day, "problems": problems, "deadline": (!findings.is_empty()).then_some(deadline) }))?;
    permit(tx, p.id, tx.today())
}

/// The follow-up of a violation: put right, with a note.
pub fn fix(tx: &mut Tx, violation_id: i64, note: &str) -> Result<Violation> {
    let v = store::violations(tx, None, false, tx.today())?
        .into_iter()
        .find(|v| v.id == violation_id)
        .ok_or(RenoError::ViolationNotFound(violation_id))?;
    if v.fixed.is_some() {
        return Err(RenoError::ViolationFixed(violation_id).into());
    }
    let note = required(note, "复查情况")?;
    store::insert_fix(tx, violation_id, note)?;
    tx.audit("reno.fix", "reno_permit", v.permit_id, json!({ "violation": violation_id }))?;
    store::violations(tx, Some(v.permit_id), false, tx.today())?.into_iter().find(|x| x.id == violation_id).ok_or_else(|| RenoError::ViolationNotFound(violation_id).into())
}

/// Records a waterproof test (闭水试验) of at least `reno_waterproof_hours`.
pub fn waterproof(tx: &mut Tx, id: i64, w: &NewWaterproof) -> Result<WaterproofTest> {
    at_step(tx, id, &Status::WORKS, "登记闭水试验")?;
    let (start, end) = (rules::time(&w.started_at)?, rules::time(&w.ended_at)?);
    let min = reno_settings(tx)?.waterproof_hours;
    let minutes = (end - start).num_minutes();
    if minutes < min * 60 {
        return Err(RenoError::WaterproofTooShort { hours: minutes.max(0) / 60, min }.into());
    }
    if end > tx.now().naive_local() {
        return Err(RenoError::BadTime(w.ended_at.trim().chars().take(20).collect()).into());
    }
    let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
    let row = store::WaterproofRow {
        started_at: &fmt(start),
        ended_at: &fmt(end),
        depth_mm: rules::depth_mm(&w.depth_cm)?,
        below_checked: w.below_checked,
        below_note: w.below_note.trim(),
        passed: w.passed,
        note: w.note.trim(),
    };
    let test = store::insert_waterproof(tx, id, &row)?;
    tx.audit("reno.waterproof", "reno_permit", id, json!({ "test": test, "hours": minutes / 60, "passed": w.passed, "below_checked": w.below_checked }))?;
    view::waterproof_tests(tx, id)?.into_iter().find(|t| t.id == test).ok_or_else(|| RenoError::NotFound(id.to_string()).into())
}

/// A goods release slip (物品放行条) with the owner's confirmation and the guard's release.
pub fn release(tx: &mut Tx, id: i64, r: &NewRelease) -> Result<ReleaseSlip> {
    at_step(tx, id, &[Status::Issued, Status::CompletionRequested, Status::Rectify, Status::Accepted], "开放行条")?;
    required(&r.items, "放行物品")?;
    required(&r.owner_confirm, "业主确认人")?;
    required(&r.guard, "放行门岗")?;
    let released_at = if r.released_at.trim().is_empty() { tx.now().format("%Y-%m-%d %H:%M").to_string() } else { rules::time(&r.released_at)?.format("%Y-%m-%d %H:%M").to_string() };
    let today = tx.today();
    let n = store::count(tx, "SELECT COUNT(*) FROM reno_release_slips WHERE slip_no LIKE ?1", &format!("FX{}-%", today.format("%Y%m%d")))?;
    let slip_no = rules::slip_no(today, n + 1);
    let slip = store::insert_slip(tx, id, &slip_no, r, &released_at)?;
    tx.audit("reno.release", "reno_permit", id, json!({ "slip": slip, "slip_no": slip_no }))?;
    store::release_slips(tx, None, Some(slip))?.pop().ok_or_else(|| RenoError::NotFound(id.to_string()).into())
}

/// Moves the planned end later, with the reason (a supervisor's decision).
pub fn extend(tx: &mut Tx, id: i64, new_end: &str, reason: &str) -> Result<Permit> {
    let p = at_step(tx, id, &[Status::Paid, Status::Issued, Status::CompletionRequested, Status::Rectify], "延期")?;
    let new_end = rules::date(new_end)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(RenoError::ExtendReason.into());
    }
    if new_end <= p.end {
        return Err(RenoError::ExtendNotLater { old: p.end.to_string(), new: new_end.to_string() }.into());
    }
    store::insert_extension(tx, id, p.end, new_end, reason)?;
    tx.audit("reno.extend", "reno_permit", id, json!({ "old_end": p.end, "new_end": new_end, "reason": reason }))?;
    permit(tx, id, tx.today())
}

/// The contractor says the works are done. Refused while a violation is open.
pub fn request_completion(tx: &mut Tx, id: i64, note: &str) -> Result<Permit> {
    let p = at_step(tx, id, &[Status::Issued, Status::Rectify], "申请竣工验收")?;
    let open = p.violations.iter().filter(|v| v.fixed.is_none()).count();
    if open > 0 {
        return Err(RenoError::OpenViolations(open).into());
    }
    step(tx, &p, Status::CompletionRequested, &store::StepRow { note: note.trim(), ..Default::default() }, json!({ "note": note.trim() }))
}

/// Accepts the works: every checklist item passed, and a passed waterproof
/// test when the scope includes 防水 or 水电.
pub fn accept(tx: &mut Tx, id: i64, problems: &[String], note: &str) -> Result<Permit> {
    let p = at_step(tx, id, &[Status::CompletionRequested], "验收")?;
    let problems = rules::acceptance_problems(problems)?;
    if !problems.is_empty() {
        return Err(RenoError::AcceptWithProblems(problems.join("、")).into());
    }
    if rules::needs_waterproof(&p.scope) && !p.waterproof_tests.iter().any(|t| t.passed) {
        return Err(RenoError::NeedsWaterproof.into());
    }
    let checklist = rules::checklist(&rules::ACCEPTANCE_ITEMS, &[]);
    let row = store::StepRow { note: note.trim(), detail: Some(json!({ "checklist": checklist })), ..Default::default() };
    step(tx, &p, Status::Accepted, &row, json!({ "checklist": checklist }))
}

/// Sends the works back for rectification: the failed items and what to do.
pub fn rectify(tx: &mut Tx, id: i64, problems: &[String], reason: &str) -> Result<Permit> {
    let p = at_step(tx, id, &[Status::CompletionRequested], "要求整改")?;
    let problems = rules::acceptance_problems(problems)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(RenoError::RectifyReason.into());
    }
    let checklist = rules::checklist(&rules::ACCEPTANCE_ITEMS, &problems);
    let row = store::StepRow { note: reason, detail: Some(json!({ "checklist": checklist })), ..Default::default() };
    step(tx, &p, Status::Rectify, &row, json!({ "checklist": checklist, "reason": reason }))
}

/// Gives the deposit back after acceptance, less deductions (each with its reason),
/// through the deposit ledger (`deposits::refund`).
pub fn refund(tx: &mut Tx, id: i64, deductions: &[String], note: &str) -> Result<Permit> {
    let p = at_step(tx, id, &[Status::Accepted], "退押金")?;
    let deductions: Vec<(Money, String)> = deductions.iter().map(|d| rules::deduction(d)).collect::<Result<_, _>>()?;
    let paid = p.paid.as_ref().ok_or_else(|| RenoError::NotFound(id.to_string()))?;
    let deduct: Money = deductions.iter().map(|(m, _)| *m).sum();
    if deduct > paid.held {
        return Err(RenoError::DeductionsTooLarge { deduct, held: paid.held }.into());
    }
    let reason: Vec<String> = deductions.iter().map(|(m, r)| format!("{r} {m} 元")).collect();
    let mut reason = reason.join("；");
    if !note.trim().is_empty() {
        reason = if reason.is_empty() { note.trim().to_string() } else { format!("{reason}（{}）", note.trim()) };
    }
    let after = deposits::refund(tx, paid.deposit_id, &NewRefund { refund: paid.held - deduct, deduct, reason })?;
    let refund_id = after.refunds.last().map(|r| r.id);
    let detail = json!({ "deductions": deductions.iter().map(|(m, r)| json!({ "amount": m, "reason": r })).collect::<Vec<_>>(),
                         "refunded": paid.held - deduct, "deducted": deduct });
    let row = store::StepRow { note: note.trim(), detail: Some(detail.clone()), refund_id, ..Default::default() };
    step(tx, &p, Status::Refunded, &row, detail)
}

/// Closes the file once the deposit is settled.
pub fn close(tx: &mut Tx, id: i64, note: &str) -> Result<Permit> {
    let p = at_step(tx, id, &[Status::Refunded], "关闭")?;
    step(tx, &p, Status::Closed, &store::StepRow { note: note.trim(), ..Default::default() }, json!({ "note": note.trim() }))
}

/// A permit named by its id (12) or its number (ZX2026-0001).
pub fn find(conn: &Connection, text: &str) -> Result<i64> {
    let t = text.trim();
    if let Ok(id) = t.trim_start_matches('#').parse::<i64>()
        && store::permit_head(conn, id)?.is_some()
    {
        return Ok(id);
    }
    store::permit_by_no(conn, &t.to_uppercase())?.ok_or_else(|| RenoError::NotFound(t.chars().take(20).collect()).into())
}

#[cfg(test)]
mod tests;

//! Reading permits back: one permit with everything on it, the lists and the
//! reports (by status, overdue works, open violations).

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::model::*;
use super::{RenoError, store};
use crate::deposits;
use crate::error::Result;

/// One permit with its workers, steps, fees, inspections, violations, tests
/// and slips; `today` marks what is overdue.
pub fn permit(conn: &Connection, id: i64, today: NaiveDate) -> Result<Permit> {
    let head = store::permit_head(conn, id)?.ok_or_else(|| RenoError::NotFound(id.to_string()))?;
    let mut p = head.permit;
    p.workers = store::workers(conn, id)?;
    p.extensions = store::extensions(conn, id)?;
    for (step, payment_id, deposit_id) in store::steps(conn, id)? {
        if let Some(deposit_id) = deposit_id {
            let d = deposits::deposit(conn, deposit_id)?;
            let (receipt_no, fees) = match payment_id {
                Some(pid) => store::receipt_of_payment(conn, pid)?,
                None => (String::new(), crate::money::Money::ZERO),
            };
            p.paid = Some(Paid {
                fees,
                receipt_no,
                deposit: d.amount,
                deposit_id,
                deposit_receipt_no: d.receipt_no,
                held: d.held,
                refunded: d.refunded,
                deducted: d.deducted,
            });
        }
        if step.step == Status::Refunded
            && let Some(list) = step.detail["deductions"].as_array()
        {
            p.deductions = list
                .iter()
                .map(|d| Deduction {
                    amount: d["amount"].as_str().and_then(|a| crate::money::Money::parse(a).ok()).unwrap_or_default(),
                    reason: d["reason"].as_str().unwrap_or_default().to_string(),
                })
                .collect();
        }
        p.steps.push(step);
    }
    p.inspections = store::inspections(conn, id)?;
    p.violations = store::violations(conn, Some(id), false, today)?;
    p.waterproof_tests = waterproof_tests(conn, id)?;
    p.release_slips = store::release_slips(conn, Some(id), None)?;
    p.overdue = is_overdue(p.status, p.end, today);
    Ok(p)
}

/// Works past their planned end (after extensions) that are not yet accepted.
fn is_overdue(status: Status, end: NaiveDate, today: NaiveDate) -> bool {
    matches!(status, Status::Paid | Status::Issued | Status::CompletionRequested | Status::Rectify) && end < today
}

pub(super) fn waterproof_tests(conn: &Connection, id: i64) -> Result<Vec<WaterproofTest>> {
    Ok(store::waterproof_tests(conn, id)?
        .into_iter()
        .map(|(mut t, _)| {
            let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok();
            t.hours = match (at(&t.started_at), at(&t.ended_at)) {
                (Some(a), Some(b)) => (b - a).num_hours(),
                _ => 0,
            };
            t
        })
        .collect())
}

/// Permits (of a status, of a unit), oldest first.
pub fn list(conn: &Connection, status: Option<Status>, unit: Option<&crate::register::Unit>, today: NaiveDate) -> Result<Vec<PermitLine>> {
    Ok(store::permit_heads(conn, status, unit.map(|u| u.id))?
        .into_iter()
        .map(|h| {
            let p = h.permit;
            PermitLine {
                id: p.id,
                overdue: is_overdue(p.status, p.end, today),
                permit_no: p.permit_no,
                unit: p.unit,
                applicant: p.applicant,
                contractor: p.contractor,
                status: p.status,
                status_label: p.status_label,
                planned_start: p.planned_start,
                end: p.end,
                open_violations: h.open_violations,
            }
        })
        .collect())
}

/// Works past their planned end and not accepted (report 逾期未完工).
pub fn overdue(conn: &Connection, today: NaiveDate) -> Result<Vec<PermitLine>> {
    Ok(list(conn, None, None, today)?.into_iter().filter(|p| p.overdue).collect())
}

/// Every violation not yet put right, soonest deadline first, the overdue marked.
pub fn open_violations(conn: &Connection, today: NaiveDate) -> Result<Vec<Violation>> {
    store::violations(conn, None, true, today)
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub status: Status,
    pub label: &'static str,
    pub count: usize,
}

/// How many permits stand at each status (report 按状态统计), every status listed.
pub fn status_counts(conn: &Connection) -> Result<Vec<StatusCount>> {
    let heads = store::permit_heads(conn, None, None)?;
    Ok(Status::ALL.into_iter().map(|s| StatusCount { status: s, label: s.label(), count: heads.iter().filter(|h| h.permit.status == s).count() }).collect())
}

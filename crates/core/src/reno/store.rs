//! The SQL of renovation permits, and only its SQL.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::*;
use crate::db::Tx;
use crate::error::Result;
use crate::money::Money;

pub struct PermitRow<'a> {
    pub unit_id: i64,
    pub applicant: &'a str,
    pub applicant_role: &'a str,
    pub authorisation: &'a str,
    pub contractor: &'a str,
    pub foreman: &'a str,
    pub foreman_phone: &'a str,
    pub scope: &'a str,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    pub attachments: &'a str,
    pub rules_text: &'a str,
}

pub fn insert_permit(tx: &Tx, p: &PermitRow) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO reno_permits (unit_id, applicant, applicant_role, authorisation, contractor, foreman, foreman_phone, scope,
                                   planned_start, planned_end, attachments, rules_text, applied_at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        p.unit_id,
        p.applicant,
        p.applicant_role,
        p.authorisation,
        p.contractor,
        p.foreman,
        p.foreman_phone,
        p.scope,
        p.planned_start.to_string(),
        p.planned_end.to_string(),
        p.attachments,
        p.rules_text,
        tx.now_text(),
        tx.actor()
    ])?;
    Ok(tx.last_insert_rowid())
}

pub fn insert_worker(conn: &Connection, permit_id: i64, name: &str, phone: &str, id_last4: &str, pass_no: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO reno_workers (permit_id, name, phone, id_last4, pass_no) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![permit_id, name, phone, id_last4, pass_no])?;
    Ok(())
}

/// What a step carries beyond who and when.
#[derive(Default)]
pub struct StepRow<'a> {
    pub note: &'a str,
    pub detail: Option<serde_json::Value>,
    pub permit_no: Option<&'a str>,
    pub payment_id: Option<i64>,
    pub deposit_id: Option<i64>,
    pub refund_id: Option<i64>,
}

/// A step by the transaction's actor (and its approver), now. The database refuses one out of order.
pub fn insert_step(tx: &Tx, permit_id: i64, step: Status, s: &StepRow) -> Result<()> {
    let detail = s.detail.clone().unwrap_or_else(|| serde_json::json!({})).to_string();
    tx.prepare_cached(
        "INSERT INTO reno_steps (permit_id, step, note, detail, permit_no, payment_id, deposit_id, refund_id, at, operator, approved_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![permit_id, step.code(), s.note, detail, s.permit_no, s.payment_id, s.deposit_id, s.refund_id, tx.now_text(), tx.actor(), tx.approver()])?;
    Ok(())
}

pub fn insert_bill_link(conn: &Connection, bill_id: i64, permit_id: i64, kind: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO reno_bills (bill_id, permit_id, kind) VALUES (?1, ?2, ?3)")?.execute(params![bill_id, permit_id, kind])?;
    Ok(())
}

pub fn billed_this_month(conn: &Connection, unit_id: i64, item_id: i64, period: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM bills WHERE unit_id = ?1 AND fee_item_id = ?2 AND period = ?3 AND late_of IS NULL)",
        params![unit_id, item_id, period],
        |r| r.get(0),
    )?)
}

pub fn insert_extension(tx: &Tx, permit_id: i64, old_end: NaiveDate, new_end: NaiveDate, reason: &str) -> Result<()> {
    tx.prepare_cached("INSERT INTO reno_extensions (permit_id, old_end, new_end, reason, at, operator, approved_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
        .execute(params![permit_id, old_end.to_string(), new_end.to_string(), reason, tx.now_text(), tx.actor(), tx.approver()])?;
    Ok(())
}

pub fn insert_inspection(tx: &Tx, permit_id: i64, day: NaiveDate, inspector: &str, results: &serde_json::Value, note: &str) -> Result<i64> {
    tx.prepare_cached("INSERT INTO reno_inspections (permit_id, day, inspector, results, note, at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
        .execute(params![permit_id, day.to_string(), inspector, results.to_string(), note, tx.now_text(), tx.actor()])?;
    Ok(tx.last_insert_rowid())
}

pub fn insert_violation(conn: &Connection, inspection_id: i64, permit_id: i64, item: &str, description: &str, deadline: NaiveDate) -> Result<i64> {
    conn.prepare_cached("INSERT INTO reno_violations (inspection_id, permit_id, item, description, deadline) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![inspection_id, permit_id, item, description, deadline.to_string()])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_fix(tx: &Tx, violation_id: i64, note: &str) -> Result<()> {
    tx.prepare_cached("INSERT INTO reno_violation_fixes (violation_id, note, fixed_at, operator) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![violation_id, note, tx.now_text(), tx.actor()])?;
    Ok(())
}

pub struct WaterproofRow<'a> {
    pub started_at: &'a str,
    pub ended_at: &'a str,
    pub depth_mm: i64,
    pub below_checked: bool,
    pub below_note: &'a str,
    pub passed: bool,
    pub note: &'a str,
}

pub fn insert_waterproof(tx: &Tx, permit_id: i64, w: &WaterproofRow) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO reno_waterproof_tests (permit_id, started_at, ended_at, depth_mm, below_checked, below_note, passed, note, at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![permit_id, w.started_at, w.ended_at, w.depth_mm, w.below_checked, w.below_note, w.passed, w.note, tx.now_text(), tx.actor()])?;
    Ok(tx.last_insert_rowid())
}

pub fn insert_slip(tx: &Tx, permit_id: i64, slip_no: &str, r: &NewRelease, released_at: &str) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO reno_release_slips (permit_id, slip_no, items, plate, owner_confirm, guard, released_at, at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![permit_id, slip_no, r.items.trim(), r.plate.trim().to_uppercase(), r.owner_confirm.trim(), r.guard.trim(), released_at, tx.now_text(), tx.actor()])?;
    Ok(tx.last_insert_rowid())
}

/// How many rows of `sql` (a COUNT with one text parameter).
pub fn count(conn: &Connection, sql: &str, param: &str) -> Result<i64> {
    Ok(conn.query_row(sql, [param], |r| r.get(0))?)
}

// ---- reading -----------------------------------------------------------------

const PERMITS: &str = "SELECT p.id, p.unit_id, u.code, p.status, p.applicant, p.applicant_role, p.authorisation, p.contractor, p.foreman,
        p.foreman_phone, p.scope, p.planned_start, p.planned_end, p.attachments, p.rules_text, p.applied_at, p.operator,
        (SELECT s.permit_no FROM reno_steps s WHERE s.permit_id = p.id AND s.permit_no IS NOT NULL),
        COALESCE((SELECT e.new_end FROM reno_extensions e WHERE e.permit_id = p.id ORDER BY e.id DESC LIMIT 1), p.planned_end),
        (SELECT COUNT(*) FROM reno_violations v WHERE v.permit_id = p.id AND NOT EXISTS (SELECT 1 FROM reno_violation_fixes f WHERE f.violation_id = v.id))
     FROM reno_permits p JOIN units u ON u.id = p.unit_id";

fn day(text: String) -> NaiveDate {
    text.parse().unwrap_or_default()
}

/// A permit's own row, without what hangs on it; plus its open violations.
pub(super) struct PermitHead {
    pub permit: Permit,
    pub open_violations: i64,
}

fn head(r: &Row) -> rusqlite::Result<PermitHead> {
    let status = Status::parse(&r.get::<_, String>(3)?).unwrap_or(Status::Applied);
    let scope: String = r.get(10)?;
    Ok(PermitHead {
        permit: Permit {
            id: r.get(0)?,
            unit_id: r.get(1)?,
            unit: r.get(2)?,
            status,
            status_label: status.label(),
            applicant: r.get(4)?,
            applicant_role: r.get(5)?,
            authorisation: r.get(6)?,
            contractor: r.get(7)?,
            foreman: r.get(8)?,
            foreman_phone: r.get(9)?,
            scope: scope.split('、').map(str::to_string).collect(),
            planned_start: day(r.get(11)?),
            planned_end: day(r.get(12)?),
            attachments: r.get(13)?,
            rules_text: r.get(14)?,
            applied_at: r.get(15)?,
            operator: r.get(16)?,
            permit_no: r.get(17)?,
            end: day(r.get(18)?),
            workers: Vec::new(),
            steps: Vec::new(),
            extensions: Vec::new(),
            paid: None,
            deductions: Vec::new(),
            inspections: Vec::new(),
            violations: Vec::new(),
            waterproof_tests: Vec::new(),
            release_slips: Vec::new(),
            overdue: false,
        },
        open_violations: r.get(19)?,
    })
}

pub(super) fn permit_head(conn: &Connection, id: i64) -> Result<Option<PermitHead>> {
    Ok(conn.prepare_cached(&format!("{PERMITS} WHERE p.id = ?1"))?.query_row([id], head).optional()?)
}

pub(super) fn permit_by_no(conn: &Connection, permit_no: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT permit_id FROM reno_steps WHERE permit_no = ?1", [permit_no], |r| r.get(0)).optional()?)
}

/// The unit's permit under way (not rejected or closed), if any.
pub fn open_permit_of_unit(conn: &Connection, unit_id: i64) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM reno_permits WHERE unit_id = ?1 AND status NOT IN ('rejected', 'closed')", [unit_id], |r| r.get(0)).optional()?)
}

pub(super) fn permit_heads(conn: &Connection, status: Option<Status>, unit_id: Option<i64>) -> Result<Vec<PermitHead>> {
    let sql = format!("{PERMITS} WHERE (?1 IS NULL OR p.status = ?1) AND (?2 IS NULL OR p.unit_id = ?2) ORDER BY p.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![status.map(Status::code), unit_id], head)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn workers(conn: &Connection, permit_id: i64) -> Result<Vec<Worker>> {
    let mut stmt = conn.prepare_cached("SELECT name, phone, id_last4, pass_no FROM reno_workers WHERE permit_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([permit_id], |r| Ok(Worker { name: r.get(0)?, phone: r.get(1)?, id_last4: r.get(2)?, pass_no: r.get(3)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A step with the payment and the deposit its row names (the paid step's).
pub type StepWithMoney = (Step, Option<i64>, Option<i64>);

/// The steps, oldest first, with the payment and deposit of the paid step.
pub fn steps(conn: &Connection, permit_id: i64) -> Result<Vec<StepWithMoney>> {
    let mut stmt = conn.prepare_cached(
        "SELECT step, note, detail, at, operator, approved_by, payment_id, deposit_id FROM reno_steps WHERE permit_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([permit_id], |r| {
        let step = Status::parse(&r.get::<_, String>(0)?).unwrap_or(Status::Applied);
        let detail: String = r.get(2)?;
        Ok((
            Step {
                step,
                label: step.label(),
                note: r.get(1)?,
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
                at: r.get(3)?,
                operator: r.get(4)?,
                approved_by: r.get(5)?,
            },
            r.get(6)?,
            r.get(7)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn extensions(conn: &Connection, permit_id: i64) -> Result<Vec<Extension>> {
    let mut stmt = conn.prepare_cached("SELECT old_end, new_end, reason, at, operator, approved_by FROM reno_extensions WHERE permit_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([permit_id], |r| {
        Ok(Extension { old_end: day(r.get(0)?), new_end: day(r.get(1)?), reason: r.get(2)?, at: r.get(3)?, operator: r.get(4)?, approved_by: r.get(5)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn inspections(conn: &Connection, permit_id: i64) -> Result<Vec<Inspection>> {
    let mut stmt = conn.prepare_cached("SELECT id, day, inspector, results, note, at, operator FROM reno_inspections WHERE permit_id = ?1 ORDER BY day, id")?;
    let rows = stmt.query_map([permit_id], |r| {
        let results: String = r.get(3)?;
        Ok(Inspection {
            id: r.get(0)?,
            day: day(r.get(1)?),
            inspector: r.get(2)?,
            results: serde_json::from_str(&results).unwrap_or(serde_json::Value::Null),
            note: r.get(4)?,
            at: r.get(5)?,
            operator: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Violations of one permit, or the open ones of every permit; `today` marks the overdue.
pub fn violations(conn: &Connection, permit_id: Option<i64>, open_only: bool, today: NaiveDate) -> Result<Vec<Violation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.permit_id, u.code, v.inspection_id, i.day, v.item, v.description, v.deadline, f.note, f.fixed_at, f.operator
         FROM reno_violations v JOIN reno_inspections i ON i.id = v.inspection_id JOIN reno_permits p ON p.id = v.permit_id
         JOIN units u ON u.id = p.unit_id LEFT JOIN reno_violation_fixes f ON f.violation_id = v.id
         WHERE (?1 IS NULL OR v.permit_id = ?1) AND (?2 = 0 OR f.violation_id IS NULL) ORDER BY v.deadline, v.id",
    )?;
    let rows = stmt.query_map(params![permit_id, open_only], |r| {
        let deadline = day(r.get(7)?);
        let fixed = match r.get::<_, Option<String>>(8)? {
            Some(note) => Some(Fix { note, fixed_at: r.get(9)?, operator: r.get(10)? }),
            None => None,
        };
        Ok(Violation {
            id: r.get(0)?,
            permit_id: r.get(1)?,
            unit: r.get(2)?,
            inspection_id: r.get(3)?,
            day: day(r.get(4)?),
            item: r.get(5)?,
            description: r.get(6)?,
            overdue: fixed.is_none() && deadline < today,
            deadline,
            fixed,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn waterproof_tests(conn: &Connection, permit_id: i64) -> Result<Vec<(WaterproofTest, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, started_at, ended_at, depth_mm, below_checked, below_note, passed, note, operator FROM reno_waterproof_tests WHERE permit_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([permit_id], |r| {
        let mm: i64 = r.get(3)?;
        Ok((
            WaterproofTest {
                id: r.get(0)?,
                started_at: r.get(1)?,
                ended_at: r.get(2)?,
                hours: 0,
                depth_cm: format!("{}.{}", mm / 10, mm % 10),
                below_checked: r.get(4)?,
                below_note: r.get(5)?,
                passed: r.get(6)?,
                note: r.get(7)?,
                operator: r.get(8)?,
            },
            mm,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn slip_by_no(conn: &Connection, slip_no: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM reno_release_slips WHERE slip_no = ?1", [slip_no], |r| r.get(0)).optional()?)
}

pub fn release_slips(conn: &Connection, permit_id: Option<i64>, slip_id: Option<i64>) -> Result<Vec<ReleaseSlip>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.slip_no, (SELECT s.permit_no FROM reno_steps s WHERE s.permit_id = r.permit_id AND s.permit_no IS NOT NULL), u.code,
                r.items, r.plate, r.owner_confirm, r.guard, r.released_at, r.operator
         FROM reno_release_slips r JOIN reno_permits p ON p.id = r.permit_id JOIN units u ON u.id = p.unit_id
         WHERE (?1 IS NULL OR r.permit_id = ?1) AND (?2 IS NULL OR r.id = ?2) ORDER BY r.id",
    )?;
    let rows = stmt.query_map(params![permit_id, slip_id], |r| {
        Ok(ReleaseSlip {
            id: r.get(0)?,
            slip_no: r.get(1)?,
            permit_no: r.get(2)?,
            unit: r.get(3)?,
            items: r.get(4)?,
            plate: r.get(5)?,
            owner_confirm: r.get(6)?,
            guard: r.get(7)?,
            released_at: r.get(8)?,
            operator: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn receipt_of_payment(conn: &Connection, payment_id: i64) -> Result<(String, Money)> {
    Ok(conn.query_row(
        "SELECT r.receipt_no, p.amount FROM payments p JOIN receipts r ON r.payment_id = p.id WHERE p.id = ?1",
        [payment_id],
        |r| Ok((r.get(0)?, Money(r.get(1)?))),
    )?)
}

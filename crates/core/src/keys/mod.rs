//! Keys held in custody (托管钥匙): keys an owner leaves at the office (a
//! vacant unit, an owner away, a renovation), the owner's written
//! authorisation of who may borrow them, loans and returns.
//!
//! A key set is written once when deposited; the one later change is its
//! return to the owner (`returned_on`), after which its hook is free again.
//! Loans and returns are rows written once. A loan checks who borrows against
//! the register (owners) and the key's authorisations; someone not authorised
//! is refused with the reason, unless a supervisor overrides with a reason
//! (the desk and the CLI check `Permission::OverrideKeyLoan`, approvable for a
//! clerk on the spot). Only the last four characters of an identity document
//! are ever taken. The database backs the rules: one loan out per key, no loan
//! of a key back with its owner, hooks unique among the keys held.

mod error;
pub mod model;
pub mod rules;
mod sheet;
pub(crate) mod store;

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use rusqlite::Connection;
use serde_json::json;

use crate::db::{Tx, settings};
use crate::error::Result;
use crate::register::{Unit, find_unit};
pub use error::KeyError;
pub use model::*;
pub use sheet::{LOAN_COLUMNS, loans_sheet, register_pdf};

/// Takes a set of keys into custody, with the owner's authorisations.
pub fn deposit(tx: &mut Tx, unit: &Unit, k: &NewKey) -> Result<CustodyKey> {
    let hook = rules::hook(&k.hook)?;
    let count = rules::key_count(k.key_count)?;
    let description = rules::text(&k.description, "钥匙说明")?;
    let deposited_by = rules::name(&k.deposited_by, "存放人")?;
    let note = rules::text(&k.note, "备注")?;
    let today = tx.today();
    let deposited_on = k.deposited_on.unwrap_or(today);
    if deposited_on > today {
        return Err(KeyError::BadDate(deposited_on.to_string()).into());
    }
    let auths = k.authorisations.iter().map(rules::authorisation).collect::<Result<Vec<_>, _>>()?;
    if store::held_on_hook(tx, &hook)?.is_some() {
        return Err(KeyError::HookTaken(hook).into());
    }
    let row = store::KeyRow { unit_id: unit.id, hook: &hook, key_count: count, description: &description, deposited_by: &deposited_by, deposited_on, note: &note };
    let (now, actor) = (tx.now_text(), tx.actor().to_string());
    let id = store::insert_key(tx, &row, &now, &actor)?;
    for a in &auths {
        store::insert_authorisation(tx, id, a, &now, &actor)?;
    }
    tx.audit("key.deposit", "unit", unit.id, json!({ "key": id, "hook": hook, "count": count, "authorisations": auths.len() }))?;
    key(tx, id, tx.now())
}

/// Adds an authorisation the owner gave in writing to a key held.
pub fn authorise(tx: &mut Tx, key_id: i64, a: &NewAuthorisation) -> Result<CustodyKey> {
    let k = held(tx, key_id)?;
    let a = rules::authorisation(a)?;
    let (now, actor) = (tx.now_text(), tx.actor().to_string());
    let id = store::insert_authorisation(tx, key_id, &a, &now, &actor)?;
    tx.audit("key.authorise", "unit", k.unit_id, json!({ "key": key_id, "authorisation": id, "kind": a.kind.code() }))?;
    key(tx, key_id, tx.now())
}

/// Whether lending as asked needs a supervisor's override: the borrower is
/// not authorised for the key's unit on `on`. Read before the write so a
/// clerk's override is approved before anything is written.
pub fn needs_override(conn: &Connection, key_id: i64, loan: &NewLoan, on: NaiveDate) -> Result<bool> {
    let k = store::key_by_id(conn, key_id)?.ok_or(KeyError::IdNotFound(key_id))?;
    Ok(decide(conn, &k, loan, on)?.is_err())
}

fn decide(conn: &Connection, k: &CustodyKey, loan: &NewLoan, on: NaiveDate) -> Result<std::result::Result<String, String>> {
    let owners = store::owners(conn, k.unit_id, on)?;
    let auths: Vec<Authorisation> = store::authorisations(conn, Some(k.id))?.into_iter().map(|(_, a)| a).collect();
    Ok(rules::may_borrow(loan.borrower_kind, &loan.borrower, on, &owners, &auths))
}

/// Lends a key held and in. Someone not authorised is refused with the
/// reason, unless `override_reason` is given (the caller has checked the
/// override permission); the override and its approver are recorded.
pub fn lend(tx: &mut Tx, key_id: i64, loan: &NewLoan) -> Result<Loan> {
    let k = held(tx, key_id)?;
    if let Some(out) = store::open_loans(tx)?.into_iter().find(|l| l.key_id == key_id) {
        return Err(KeyError::AlreadyOut { hook: k.hook, unit: k.unit, borrower: out.borrower }.into());
    }
    let borrower = rules::name(&loan.borrower, "借用人姓名")?;
    let id_type = rules::id_type(&loan.id_type)?;
    let id_last4 = rules::id_last4(&loan.id_last4)?;
    let purpose = rules::required_text(&loan.purpose, "借用事由")?;
    let now = tx.now();
    let due = rules::due(&loan.due, now, settings::key_default_return_time(tx)?)?;
    let override_reason = match decide(tx, &k, loan, now.date_naive())? {
        Ok(_) => None,
        Err(reason) => match loan.override_reason.as_deref() {
            None => return Err(KeyError::NotAuthorised { unit: k.unit, borrower, reason }.into()),
            Some(r) if r.trim().is_empty() => return Err(KeyError::OverrideReason.into()),
            Some(r) => Some(rules::required_text(r, "特批原因")?),
        },
    };
    let (out_at, due_at, actor) = (now.to_rfc3339(), due.to_rfc3339(), tx.actor().to_string());
    let approved_by = override_reason.as_ref().and(tx.approver().map(str::to_string));
    let row = store::LoanRow {
        key_id,
        borrower: &borrower,
        kind: loan.borrower_kind,
        id_type,
        id_last4: &id_last4,
        purpose: &purpose,
        out_at: &out_at,
        due_at: &due_at,
        operator: &actor,
        approved_by: approved_by.as_deref(),
        override_reason: override_reason.as_deref(),
    };
    let id = store::insert_loan(tx, &row)?;
    tx.audit(
        "key.lend",
        "unit",
        k.unit_id,
        json!({ "key": key_id, "loan": id, "borrower_kind": loan.borrower_kind.code(), "due_at": due_at, "override": override_reason.is_some() }),
    )?;
    loan_of(tx, id, now)
}

/// Takes back the key out on loan.
pub fn take_back(tx: &mut Tx, key_id: i64, r: &NewReturn) -> Result<Loan> {
    let k = held(tx, key_id)?;
    let Some(out) = store::open_loans(tx)?.into_iter().find(|l| l.key_id == key_id) else {
        return Err(KeyError::NotOut(k.hook).into());
    };
    let by = rules::name(&r.returned_by, "归还人姓名")?;
    let condition = rules::text(&r.condition, "钥匙状况")?;
    let (now, actor) = (tx.now_text(), tx.actor().to_string());
    store::insert_return(tx, out.id, &now, &by, &condition, &actor)?;
    tx.audit("key.return", "unit", k.unit_id, json!({ "key": key_id, "loan": out.id, "late": rules::overdue(&out.due_at, Some(&now), tx.now()) }))?;
    loan_of(tx, out.id, tx.now())
}

/// Hands a key held back to its owner (`on`: default today). Its hook is free again.
pub fn release(tx: &mut Tx, key_id: i64, to: &str, on: Option<NaiveDate>) -> Result<CustodyKey> {
    let k = held(tx, key_id)?;
    if store::open_loans(tx)?.iter().any(|l| l.key_id == key_id) {
        return Err(KeyError::OutOnLoan(k.hook).into());
    }
    let to = rules::name(to, "领回人姓名")?;
    let on = on.unwrap_or(tx.today());
    if on > tx.today() {
        return Err(KeyError::BadDate(on.to_string()).into());
    }
    if on < k.deposited_on {
        return Err(KeyError::ReleaseBeforeDeposit { on: on.to_string(), deposited: k.deposited_on.to_string() }.into());
    }
    let actor = tx.actor().to_string();
    store::release(tx, key_id, on, &to, &actor)?;
    tx.audit("key.release", "unit", k.unit_id, json!({ "key": key_id, "hook": k.hook, "on": on }))?;
    key(tx, key_id, tx.now())
}

/// A key still held, or the refusal saying it went back to its owner.
fn held(conn: &Connection, key_id: i64) -> Result<CustodyKey> {
    let k = store::key_by_id(conn, key_id)?.ok_or(KeyError::IdNotFound(key_id))?;
    match k.returned_on {
        Some(on) => Err(KeyError::Released { hook: k.hook, unit: k.unit, on: on.to_string() }.into()),
        None => Ok(k),
    }
}

/// The key on a hook, as a clerk names it; a hook whose key went back to its owner says so.
pub fn find(conn: &Connection, hook: &str) -> Result<CustodyKey> {
    let hook = rules::hook(hook)?;
    if let Some(k) = store::held_on_hook(conn, &hook)? {
        return Ok(k);
    }
    match store::last_on_hook(conn, &hook)? {
        Some(k) => Err(KeyError::Released { on: k.returned_on.map(|d| d.to_string()).unwrap_or_default(), hook: k.hook, unit: k.unit }.into()),
        None => Err(KeyError::NotFound(hook).into()),
    }
}

/// One key with its authorisations and the loan out, as of `now`.
pub fn key(conn: &Connection, id: i64, now: DateTime<FixedOffset>) -> Result<CustodyKey> {
    let k = store::key_by_id(conn, id)?.ok_or(KeyError::IdNotFound(id))?;
    Ok(complete(conn, vec![k], now)?.remove(0))
}

/// The keys (held only, or all), or one unit's, by hook, with their state at `now`.
pub fn list(conn: &Connection, held_only: bool, unit: Option<&Unit>, now: DateTime<FixedOffset>) -> Result<Vec<CustodyKey>> {
    complete(conn, store::keys(conn, held_only, unit.map(|u| u.id))?, now)
}

fn complete(conn: &Connection, mut keys: Vec<CustodyKey>, now: DateTime<FixedOffset>) -> Result<Vec<CustodyKey>> {
    let at: HashMap<i64, usize> = keys.iter().enumerate().map(|(i, k)| (k.id, i)).collect();
    let one = (keys.len() == 1).then(|| keys[0].id);
    for (key_id, a) in store::authorisations(conn, one)? {
        if let Some(&i) = at.get(&key_id) {
            keys[i].authorisations.push(a);
        }
    }
    for mut l in store::open_loans(conn)? {
        if let Some(&i) = at.get(&l.key_id) {
            l.overdue = rules::overdue(&l.due_at, None, now);
            let k = &mut keys[i];
            k.status = if l.overdue { KeyStatus::Overdue } else { KeyStatus::Out };
            k.status_label = k.status.label();
            k.out = Some(l);
        }
    }
    Ok(keys)
}

fn loan_of(conn: &Connection, id: i64, now: DateTime<FixedOffset>) -> Result<Loan> {
    let mut l = store::loan_by_id(conn, id)?.ok_or(KeyError::LoanNotFound(id))?;
    l.overdue = rules::overdue(&l.due_at, l.returned.as_ref().map(|r| r.returned_at.as_str()), now);
    Ok(l)
}

/// Loans by the filter, oldest first, each marked overdue as of `now`.
pub fn loans(conn: &Connection, f: &LoanFilter, now: DateTime<FixedOffset>) -> Result<Vec<Loan>> {
    let unit = match f.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(code) => Some(find_unit(conn, code)?.id),
        None => None,
    };
    let from = f.from.map(|d| d.to_string()).unwrap_or_default();
    // The day after `to`, as text that sorts after every time on `to`.
    let until = f.to.and_then(|d| d.succ_opt()).map_or_else(|| "9999".to_string(), |d| d.to_string());
    let mut list = store::loans(conn, &from, &until, unit, f.open_only)?;
    for l in &mut list {
        l.overdue = rules::overdue(&l.due_at, l.returned.as_ref().map(|r| r.returned_at.as_str()), now);
    }
    Ok(list)
}

/// Keys not back by their expected time, as of `now`: the 首页 list, oldest due first.
pub fn overdue(conn: &Connection, now: DateTime<FixedOffset>) -> Result<Vec<Loan>> {
    overdue_at(conn, now)
}

/// Loans due by `at` and not back by then (returned later, or not yet): a
/// day's close lists them as of its end. Oldest due first.
pub fn overdue_at(conn: &Connection, at: DateTime<FixedOffset>) -> Result<Vec<Loan>> {
    let mut list = store::due_and_out(conn, &at.to_rfc3339())?;
    list.retain(|l| rules::out_late_at(&l.due_at, l.returned.as_ref().map(|r| r.returned_at.as_str()), at));
    for l in &mut list {
        l.overdue = true;
    }
    Ok(list)
}

/// Loans made from `first` to `last`, judged overdue as of the end of `last`
/// in the office's time (the offset the loans were written in).
pub fn period_loans(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<Loan>> {
    let filter = LoanFilter { from: Some(first), to: Some(last), ..LoanFilter::default() };
    let local = *chrono::Local::now().fixed_offset().offset();
    let mut list = loans(conn, &filter, DateTime::<FixedOffset>::MIN_UTC.with_timezone(&local))?;
    let offset = list.first().and_then(|l| DateTime::parse_from_rfc3339(&l.out_at).ok()).map_or(local, |t| *t.offset());
    let at = end_of_day(last, offset).ok_or_else(|| KeyError::BadDate(last.to_string()))?;
    for l in &mut list {
        l.overdue = rules::overdue(&l.due_at, l.returned.as_ref().map(|r| r.returned_at.as_str()), at);
    }
    Ok(list)
}

/// The last moment of `day` in the offset of `like` (the office's local time).
pub fn end_of_day(day: NaiveDate, like: FixedOffset) -> Option<DateTime<FixedOffset>> {
    day.and_hms_opt(23, 59, 59).and_then(|t| like.from_local_datetime(&t).single())
}

/// Who may borrow a key on `on`, for the lend dialog's pick list: the unit's
/// owners, the persons and contractors authorised then, and the engineering
/// team when allowed (a staff member types their own name).
pub fn candidates(conn: &Connection, key_id: i64, on: NaiveDate) -> Result<Vec<Candidate>> {
    let k = store::key_by_id(conn, key_id)?.ok_or(KeyError::IdNotFound(key_id))?;
    let mut out: Vec<Candidate> = store::owners(conn, k.unit_id, on)?
        .into_iter()
        .map(|name| Candidate { name, kind: BorrowerKind::Owner, kind_label: BorrowerKind::Owner.label(), basis: "业主（登记册）".into() })
        .collect();
    for (_, a) in store::authorisations(conn, Some(key_id))? {
        let kind = match a.kind {
            AuthKind::Person => BorrowerKind::Authorised,
            AuthKind::Contractor => BorrowerKind::Contractor,
            AuthKind::Engineering => BorrowerKind::Staff,
        };
        let probe = if kind == BorrowerKind::Staff { "" } else { a.name.as_str() };
        if let Ok(basis) = rules::may_borrow(kind, probe, on, &[], std::slice::from_ref(&a)) {
            let name = if kind == BorrowerKind::Staff { String::new() } else { a.name.clone() };
            out.push(Candidate { name, kind, kind_label: kind.label(), basis });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;

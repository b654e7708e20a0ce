//! Key custody's SQL, and only its SQL.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::{AuthKind, Authorisation, BorrowerKind, CustodyKey, KeyStatus, Loan, NewAuthorisation, Return};
use crate::error::Result;

pub struct KeyRow<'a> {
    pub unit_id: i64,
    pub hook: &'a str,
    pub key_count: i64,
    pub description: &'a str,
    pub deposited_by: &'a str,
    pub deposited_on: NaiveDate,
    pub note: &'a str,
}

pub fn insert_key(conn: &Connection, k: &KeyRow, now: &str, operator: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO custody_keys (unit_id, hook, key_count, description, deposited_by, deposited_on, note, recorded_at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![k.unit_id, k.hook, k.key_count, k.description, k.deposited_by, k.deposited_on.to_string(), k.note, now, operator])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_authorisation(conn: &Connection, key_id: i64, a: &NewAuthorisation, now: &str, operator: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO key_authorisations (key_id, kind, name, valid_from, valid_to, recorded_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
        .execute(params![key_id, a.kind.code(), a.name, a.from.map(|d| d.to_string()), a.to.map(|d| d.to_string()), now, operator])?;
    Ok(conn.last_insert_rowid())
}

pub struct LoanRow<'a> {
    pub key_id: i64,
    pub borrower: &'a str,
    pub kind: BorrowerKind,
    pub id_type: &'a str,
    pub id_last4: &'a str,
    pub purpose: &'a str,
    pub out_at: &'a str,
    pub due_at: &'a str,
    pub operator: &'a str,
    pub approved_by: Option<&'a str>,
    pub override_reason: Option<&'a str>,
}

pub fn insert_loan(conn: &Connection, l: &LoanRow) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO key_loans (key_id, borrower, borrower_kind, id_type, id_last4, purpose, out_at, due_at, operator, approved_by, override_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![l.key_id, l.borrower, l.kind.code(), l.id_type, l.id_last4, l.purpose, l.out_at, l.due_at, l.operator, l.approved_by, l.override_reason])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_return(conn: &Connection, loan_id: i64, at: &str, by: &str, condition: &str, operator: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO key_returns (loan_id, returned_at, returned_by, condition, operator) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![loan_id, at, by, condition, operator])?;
    Ok(conn.last_insert_rowid())
}

/// Hands a held key back to its owner (the one change a key row ever gets).
pub fn release(conn: &Connection, key_id: i64, on: NaiveDate, to: &str, by: &str) -> Result<()> {
    conn.prepare_cached("UPDATE custody_keys SET returned_on = ?2, returned_to = ?3, returned_by = ?4 WHERE id = ?1 AND returned_on IS NULL")?
        .execute(params![key_id, on.to_string(), to, by])?;
    Ok(())
}

const KEYS: &str = "SELECT k.id, k.unit_id, u.code, k.hook, k.key_count, k.description, k.deposited_by, k.deposited_on, k.note, k.recorded_at,
                           k.operator, k.returned_on, k.returned_to, k.returned_by
                    FROM custody_keys k JOIN units u ON u.id = k.unit_id";

fn day(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

fn key(r: &Row) -> rusqlite::Result<CustodyKey> {
    let returned_on = day(r.get(11)?);
    let status = if returned_on.is_some() { KeyStatus::Released } else { KeyStatus::In };
    Ok(CustodyKey {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        unit: r.get(2)?,
        hook: r.get(3)?,
        key_count: r.get(4)?,
        description: r.get(5)?,
        deposited_by: r.get(6)?,
        deposited_on: day(r.get(7)?).unwrap_or_default(),
        note: r.get(8)?,
        recorded_at: r.get(9)?,
        operator: r.get(10)?,
        returned_on,
        returned_to: r.get(12)?,
        returned_by: r.get(13)?,
        status,
        status_label: status.label(),
        authorisations: Vec::new(),
        out: None,
    })
}

/// Keys, by hook order: all, only those still held, or one unit's.
pub fn keys(conn: &Connection, held_only: bool, unit_id: Option<i64>) -> Result<Vec<CustodyKey>> {
    let sql = format!("{KEYS} WHERE (?1 = 0 OR k.returned_on IS NULL) AND (?2 IS NULL OR k.unit_id = ?2) ORDER BY k.returned_on IS NOT NULL, k.hook, k.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![held_only, unit_id], key)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn key_by_id(conn: &Connection, id: i64) -> Result<Option<CustodyKey>> {
    Ok(conn.prepare_cached(&format!("{KEYS} WHERE k.id = ?1"))?.query_row([id], key).optional()?)
}

/// The key held on a hook (a hook is free again once its key went back to the owner).
pub fn held_on_hook(conn: &Connection, hook: &str) -> Result<Option<CustodyKey>> {
    Ok(conn.prepare_cached(&format!("{KEYS} WHERE k.hook = ?1 AND k.returned_on IS NULL"))?.query_row([hook], key).optional()?)
}

/// The last key that hung on a hook, returned to its owner or not (to say why it is not there).
pub fn last_on_hook(conn: &Connection, hook: &str) -> Result<Option<CustodyKey>> {
    Ok(conn.prepare_cached(&format!("{KEYS} WHERE k.hook = ?1 ORDER BY k.id DESC LIMIT 1"))?.query_row([hook], key).optional()?)
}

/// Authorisations of one key, or of every key: (key id, authorisation).
pub fn authorisations(conn: &Connection, key_id: Option<i64>) -> Result<Vec<(i64, Authorisation)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key_id, id, kind, name, valid_from, valid_to, recorded_at, operator FROM key_authorisations WHERE ?1 IS NULL OR key_id = ?1 ORDER BY key_id, id",
    )?;
    let rows = stmt.query_map([key_id], |r| {
        let kind = AuthKind::parse(&r.get::<_, String>(2)?).unwrap_or(AuthKind::Person);
        Ok((
            r.get(0)?,
            Authorisation { id: r.get(1)?, kind, kind_label: kind.label(), name: r.get(3)?, from: day(r.get(4)?), to: day(r.get(5)?), recorded_at: r.get(6)?, operator: r.get(7)? },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The names of a unit's current owners and co-owners on `on`.
pub fn owners(conn: &Connection, unit_id: i64, on: NaiveDate) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.name FROM occupancies o JOIN people p ON p.id = o.person_id
         WHERE o.unit_id = ?1 AND o.role IN ('owner', 'co_owner') AND o.from_date <= ?2 AND (o.to_date IS NULL OR o.to_date >= ?2)
         ORDER BY o.role = 'co_owner', o.id",
    )?;
    let rows = stmt.query_map(params![unit_id, on.to_string()], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const LOANS: &str = "SELECT l.id, l.key_id, u.code, k.hook, l.borrower, l.borrower_kind, l.id_type, l.id_last4, l.purpose, l.out_at, l.due_at,
                            l.operator, l.approved_by, l.override_reason, r.returned_at, r.returned_by, r.condition, r.operator
                     FROM key_loans l JOIN custody_keys k ON k.id = l.key_id JOIN units u ON u.id = k.unit_id
                     LEFT JOIN key_returns r ON r.loan_id = l.id";

fn loan(r: &Row) -> rusqlite::Result<Loan> {
    let kind = BorrowerKind::parse(&r.get::<_, String>(5)?).unwrap_or(BorrowerKind::Authorised);
    let returned_at: Option<String> = r.get(14)?;
    let returned = match returned_at {
        Some(returned_at) => Some(Return { returned_at, returned_by: r.get(15)?, condition: r.get(16)?, operator: r.get(17)? }),
        None => None,
    };
    Ok(Loan {
        id: r.get(0)?,
        key_id: r.get(1)?,
        unit: r.get(2)?,
        hook: r.get(3)?,
        borrower: r.get(4)?,
        borrower_kind: kind,
        borrower_kind_label: kind.label(),
        id_type: r.get(6)?,
        id_last4: r.get(7)?,
        purpose: r.get(8)?,
        out_at: r.get(9)?,
        due_at: r.get(10)?,
        operator: r.get(11)?,
        approved_by: r.get(12)?,
        override_reason: r.get(13)?,
        returned,
        overdue: false,
    })
}

pub fn loan_by_id(conn: &Connection, id: i64) -> Result<Option<Loan>> {
    Ok(conn.prepare_cached(&format!("{LOANS} WHERE l.id = ?1"))?.query_row([id], loan).optional()?)
}

/// Loans not yet returned, oldest first.
pub fn open_loans(conn: &Connection) -> Result<Vec<Loan>> {
    let mut stmt = conn.prepare_cached(&format!("{LOANS} WHERE r.id IS NULL ORDER BY l.out_at, l.id"))?;
    let rows = stmt.query_map([], loan)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Loans made between two stored times (`from` inclusive, `until` exclusive; both as text that
/// sorts like the stored times), optionally of one unit or only those still out, oldest first.
pub fn loans(conn: &Connection, from: &str, until: &str, unit_id: Option<i64>, open_only: bool) -> Result<Vec<Loan>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{LOANS} WHERE l.out_at >= ?1 AND l.out_at < ?2 AND (?3 IS NULL OR k.unit_id = ?3) AND (?4 = 0 OR r.id IS NULL) ORDER BY l.out_at, l.id"
    ))?;
    let rows = stmt.query_map(params![from, until, unit_id, open_only], loan)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Loans due by `due_by` that were still out at some moment up to `until`: out then or returned after.
pub fn due_and_out(conn: &Connection, due_by: &str) -> Result<Vec<Loan>> {
    let mut stmt = conn.prepare_cached(&format!("{LOANS} WHERE l.due_at <= ?1 AND (r.id IS NULL OR r.returned_at > l.due_at) ORDER BY l.due_at, l.id"))?;
    let rows = stmt.query_map([due_by], loan)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

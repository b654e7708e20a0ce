//! The deposit ledger's SQL.

use rusqlite::{Connection, Row, params};

use super::{Deposit, Refund};
use crate::db::Tx;
use crate::error::Result;
use crate::fees::Method;
use crate::money::Money;

pub struct DepositRow<'a> {
    pub unit_id: i64,
    pub kind: &'a str,
    pub amount: Money,
    pub payer: &'a str,
    pub method: Method,
    pub note: &'a str,
}

pub fn insert_deposit(conn: &Connection, d: &DepositRow, now: &str, operator: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO deposits (unit_id, kind, amount, payer, method, note, received_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![d.unit_id, d.kind, d.amount.fen(), d.payer, d.method.code(), d.note, now, operator])?;
    Ok(conn.last_insert_rowid())
}

/// A refund by the transaction's actor (and its approver), at its time.
pub fn insert_refund(tx: &Tx, deposit_id: i64, refunded: Money, deducted: Money, reason: &str) -> Result<i64> {
    let (now, operator, approved_by) = (tx.now_text(), tx.actor(), tx.approver());
    tx.prepare_cached(
        "INSERT INTO deposit_refunds (deposit_id, refunded, deducted, reason, refunded_at, operator, approved_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![deposit_id, refunded.fen(), deducted.fen(), reason, now, operator, approved_by])?;
    Ok(tx.last_insert_rowid())
}

const DEPOSITS: &str = "SELECT d.id, d.unit_id, u.code, d.kind, d.amount, d.payer, d.method, d.note, d.received_at, d.operator, r.receipt_no
                        FROM deposits d JOIN units u ON u.id = d.unit_id LEFT JOIN deposit_receipts r ON r.deposit_id = d.id";

fn deposit(r: &Row) -> rusqlite::Result<Deposit> {
    let amount = Money(r.get(4)?);
    Ok(Deposit {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        unit: r.get(2)?,
        kind: r.get(3)?,
        amount,
        payer: r.get(5)?,
        method: Method::label_of(&r.get::<_, String>(6)?).to_string(),
        note: r.get(7)?,
        received_at: r.get(8)?,
        operator: r.get(9)?,
        receipt_no: r.get(10)?,
        refunded: Money::ZERO,
        deducted: Money::ZERO,
        held: amount,
        refunds: Vec::new(),
    })
}

/// Deposits (all, or one unit's, or one), oldest first, without their refunds.
pub fn deposits(conn: &Connection, unit_id: Option<i64>, id: Option<i64>) -> Result<Vec<Deposit>> {
    let sql = format!("{DEPOSITS} WHERE (?1 IS NULL OR d.unit_id = ?1) AND (?2 IS NULL OR d.id = ?2) ORDER BY d.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![unit_id, id], deposit)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Refunds of the deposits listed (all when `deposit_id` is `None`), by deposit then time: (deposit id, refund).
pub fn refunds(conn: &Connection, deposit_id: Option<i64>) -> Result<Vec<(i64, Refund)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT deposit_id, id, refunded, deducted, reason, refunded_at, operator, approved_by FROM deposit_refunds
         WHERE ?1 IS NULL OR deposit_id = ?1 ORDER BY deposit_id, id",
    )?;
    let rows = stmt.query_map(params![deposit_id], |r| {
        Ok((
            r.get(0)?,
            Refund { id: r.get(1)?, refunded: Money(r.get(2)?), deducted: Money(r.get(3)?), reason: r.get(4)?, refunded_at: r.get(5)?, operator: r.get(6)?, approved_by: r.get(7)? },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn insert_receipt(conn: &Connection, deposit_id: i64, series: &str, number: i64, receipt_no: &str, now: &str, operator: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO deposit_receipts (deposit_id, series, number, receipt_no, issued_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![deposit_id, series, number, receipt_no, now, operator])?;
    Ok(conn.last_insert_rowid())
}

/// The deposit's receipt id and how many times it has been printed.
pub fn receipt_prints(conn: &Connection, deposit_id: i64) -> Result<(i64, u32)> {
    Ok(conn.prepare_cached(
        "SELECT r.id, (SELECT COUNT(*) FROM deposit_receipt_prints p WHERE p.deposit_receipt_id = r.id) FROM deposit_receipts r WHERE r.deposit_id = ?1",
    )?
    .query_row([deposit_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

pub fn insert_receipt_print(conn: &Connection, receipt_id: i64, operator: &str, now: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO deposit_receipt_prints (deposit_receipt_id, operator, created_at) VALUES (?1, ?2, ?3)")?
        .execute(params![receipt_id, operator, now])?;
    Ok(())
}

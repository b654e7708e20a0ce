//! The fee ledger's SQL, and only its SQL.

use rusqlite::{Connection, OptionalExtension, Row, params};
use rust_decimal::Decimal;

use super::model::*;
use crate::error::Result;
use crate::money::Money;

// ---- fee items ---------------------------------------------------------------

pub fn insert_fee_item(conn: &Connection, name: &str, basis: Basis, cycle: u32, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO fee_items (name, basis, cycle_months, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, basis.code(), cycle, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_price(conn: &Connection, item_id: i64, unit_type: Option<&str>, price: Decimal) -> Result<()> {
    conn.execute(
        "INSERT INTO fee_prices (fee_item_id, unit_type, price) VALUES (?1, ?2, ?3)",
        params![item_id, unit_type.unwrap_or(""), price.to_string()],
    )?;
    Ok(())
}

/// Sets an item's price for a unit type (`None` = the general price), adding it when missing.
pub fn upsert_price(conn: &Connection, item_id: i64, unit_type: Option<&str>, price: Decimal) -> Result<()> {
    conn.execute(
        "INSERT INTO fee_prices (fee_item_id, unit_type, price) VALUES (?1, ?2, ?3)
         ON CONFLICT(fee_item_id, unit_type) DO UPDATE SET price = excluded.price",
        params![item_id, unit_type.unwrap_or(""), price.to_string()],
    )?;
    Ok(())
}

fn prices(conn: &Connection, item_id: i64) -> Result<Vec<FeePrice>> {
    let mut stmt = conn.prepare_cached("SELECT unit_type, price FROM fee_prices WHERE fee_item_id = ?1 ORDER BY unit_type")?;
    let rows = stmt.query_map([item_id], |r| {
        let unit_type: String = r.get(0)?;
        let price: String = r.get(1)?;
        Ok((unit_type, price))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (unit_type, price) = row?;
        out.push(FeePrice {
            unit_type: (!unit_type.is_empty()).then_some(unit_type),
            price: price.parse().unwrap_or_default(),
        });
    }
    Ok(out)
}

fn fee_item_from_row(conn: &Connection, r: &Row) -> Result<FeeItem> {
    let id: i64 = r.get(0)?;
    let basis: String = r.get(2)?;
    Ok(FeeItem {
        id,
        name: r.get(1)?,
        basis: Basis::parse(&basis)?,
        cycle_months: r.get(3)?,
        prices: prices(conn, id)?,
    })
}

pub fn fee_item_by_name(conn: &Connection, name: &str) -> Result<Option<FeeItem>> {
    let mut stmt = conn.prepare("SELECT id, name, basis, cycle_months FROM fee_items WHERE name = ?1")?;
    let mut rows = stmt.query([name])?;
    match rows.next()? {
        Some(r) => Ok(Some(fee_item_from_row(conn, r)?)),
        None => Ok(None),
    }
}

pub fn fee_items(conn: &Connection) -> Result<Vec<FeeItem>> {
    let mut stmt = conn.prepare("SELECT id, name, basis, cycle_months FROM fee_items ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut items = Vec::new();
    while let Some(r) = rows.next()? {
        items.push(fee_item_from_row(conn, r)?);
    }
    Ok(items)
}

pub fn upsert_override(conn: &Connection, unit_id: i64, item_id: i64, price: Decimal) -> Result<()> {
    conn.execute(
        "INSERT INTO unit_fee_overrides (unit_id, fee_item_id, price) VALUES (?1, ?2, ?3)
         ON CONFLICT(unit_id, fee_item_id) DO UPDATE SET price = excluded.price",
        params![unit_id, item_id, price.to_string()],
    )?;
    Ok(())
}

/// Every per-unit price, by unit code then item.
pub fn unit_prices(conn: &Connection) -> Result<Vec<UnitPrice>> {
    let mut stmt = conn.prepare(
        "SELECT u.code, f.name, o.price FROM unit_fee_overrides o
         JOIN units u ON u.id = o.unit_id JOIN fee_items f ON f.id = o.fee_item_id ORDER BY u.id, f.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (unit, item, price) = row?;
        out.push(UnitPrice { unit, item, price: price.parse().unwrap_or_default() });
    }
    Ok(out)
}

pub fn upsert_quantity(conn: &Connection, unit_id: i64, item_id: i64, period: &str, quantity: Decimal) -> Result<()> {
    conn.execute(
        "INSERT INTO fee_quantities (unit_id, fee_item_id, period, quantity) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(unit_id, fee_item_id, period) DO UPDATE SET quantity = excluded.quantity",
        params![unit_id, item_id, period, quantity.to_string()],
    )?;
    Ok(())
}

// ---- bills -------------------------------------------------------------------

/// An opening balance as the unit's first bill. False when it already has one.
pub fn insert_opening_bill(conn: &Connection, unit_id: i64, amount: Money, period: &str, now: &str) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "INSERT INTO bills (unit_id, kind, period, period_end, amount, created_at)
             VALUES (?1, 'opening', ?2, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        )?
        .execute(params![unit_id, period, amount.fen(), now])?;
    Ok(n == 1)
}

/// A bill's item as lines name it: the fee item, 期初欠费 for an opening
/// balance, 违约金（物业服务费 2026-08） for a late fee (`b` the bill, `f` its item).
macro_rules! item_name {
    () => {
        "CASE WHEN b.late_of IS NULL THEN COALESCE(f.name, '期初欠费')
           ELSE '违约金（' || f.name || ' ' || (SELECT lp.period FROM bills lp WHERE lp.id = b.late_of) || '）' END"
    };
}
pub(crate) const ITEM_NAME: &str = item_name!();

/// What names a bill on a line: its item and period(s).
const BILL_NAME: &str = concat!(
    item_name!(),
    ",
           CASE WHEN b.period = b.period_end THEN b.period ELSE b.period || '~' || b.period_end END,
           b.price, b.quantity"
);

/// Bills with what was paid and waived, and their unit; `WHERE` narrowed by the caller.
fn bill_lines_sql() -> String {
    format!(
        "SELECT b.id, {BILL_NAME}, b.amount,
           COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.bill_id = b.id), 0) AS paid,
           COALESCE((SELECT SUM(w.amount) FROM waivers w WHERE w.bill_id = b.id), 0) AS waived,
           b.unit_id
         FROM bills b LEFT JOIN fee_items f ON f.id = b.fee_item_id"
    )
}

/// Oldest first: the opening balance, then by period.
const OLDEST_FIRST: &str = "ORDER BY b.kind <> 'opening', b.period, b.id";

fn bill_line(r: &Row) -> rusqlite::Result<BillLine> {
    let (amount, paid, waived) = (Money(r.get(5)?), Money(r.get(6)?), Money(r.get(7)?));
    Ok(BillLine {
        id: r.get(0)?,
        item: r.get(1)?,
        period: r.get(2)?,
        price: r.get(3)?,
        quantity: r.get(4)?,
        amount,
        paid,
        waived,
        outstanding: amount - paid - waived,
    })
}

/// Every bill of a unit, newest period first, settled or not.
pub fn all_bills(conn: &Connection, unit_id: i64) -> Result<Vec<BillLine>> {
    let sql = format!("{} WHERE b.unit_id = ?1 ORDER BY b.period DESC, b.id DESC", bill_lines_sql());
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([unit_id], bill_line)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The (unit, item, first month) of every charge already billed in a range.
pub fn billed_keys(conn: &Connection, from: crate::fees::Period, to: crate::fees::Period) -> Result<std::collections::HashSet<(i64, i64, String)>> {
    let mut stmt = conn.prepare("SELECT unit_id, fee_item_id, period FROM bills WHERE fee_item_id IS NOT NULL AND late_of IS NULL AND period BETWEEN ?1 AND ?2")?;
    let rows = stmt.query_map([from.to_string(), to.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn unpaid_bills(conn: &Connection, unit_id: i64) -> Result<Vec<BillLine>> {
    // Settled bills are filtered in SQL: years of history stay in the database.
    let sql = format!("{} WHERE b.unit_id = ?1 AND b.amount > paid + waived {OLDEST_FIRST}", bill_lines_sql());
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([unit_id], bill_line)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Units that owe anything, with the sum of their bills' unpaid amounts.
pub fn owed_by_unit(conn: &Connection) -> Result<Vec<(i64, Money)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.unit_id, SUM(b.amount - COALESCE(a.total, 0) - COALESCE(w.total, 0)) AS owed
         FROM bills b
         LEFT JOIN (SELECT bill_id, SUM(amount) AS total FROM allocations GROUP BY bill_id) a ON a.bill_id = b.id
         LEFT JOIN (SELECT bill_id, SUM(amount) AS total FROM waivers GROUP BY bill_id) w ON w.bill_id = b.id
         GROUP BY b.unit_id HAVING owed > 0 ORDER BY b.unit_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, Money(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A bill and the unit it belongs to.
pub fn bill(conn: &Connection, bill_id: i64) -> Result<Option<(i64, BillLine)>> {
    let sql = format!("{} WHERE b.id = ?1", bill_lines_sql());
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([bill_id], |r| Ok((r.get(8)?, bill_line(r)?)))
        .optional()?)
}

// ---- payments and prepayment --------------------------------------------------

const NOT_VOIDED: &str =
    "NOT EXISTS (SELECT 1 FROM receipts r JOIN receipt_voids v ON v.receipt_id = r.id WHERE r.payment_id = p.id)";

/// What a payment `p` has not yet given to bills (read from the covering index).
const CREDIT_LEFT: &str = "p.amount - COALESCE((SELECT SUM(a.amount) FROM allocations a WHERE a.payment_id = p.id), 0) AS left";

/// Payments of a unit that still hold unapplied money, oldest first: (payment id, money left).
pub fn payments_with_credit(conn: &Connection, unit_id: i64) -> Result<Vec<(i64, Money)>> {
    let sql = format!("SELECT p.id, {CREDIT_LEFT} FROM payments p WHERE p.unit_id = ?1 AND {NOT_VOIDED} AND left > 0 ORDER BY p.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([unit_id], |r| Ok((r.get(0)?, Money(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every unit holding prepayment, with its payments that hold it: (unit id, payment id, money left).
pub fn all_credit(conn: &Connection) -> Result<Vec<(i64, i64, Money)>> {
    let sql = format!("SELECT p.unit_id, p.id, {CREDIT_LEFT} FROM payments p WHERE {NOT_VOIDED} AND left > 0 ORDER BY p.unit_id, p.id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, Money(r.get(2)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub struct PaymentRow<'a> {
    pub unit_id: i64,
    pub amount: Money,
    pub method: Method,
    pub payer: &'a str,
    pub reference: &'a str,
}

pub fn insert_payment(conn: &Connection, p: &PaymentRow, now: &str, operator: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO payments (unit_id, amount, method, payer, reference, paid_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![p.unit_id, p.amount.fen(), p.method.code(), p.payer, p.reference, now, operator])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_allocation(conn: &Connection, payment_id: i64, bill_id: i64, amount: Money, run_id: Option<i64>, now: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO allocations (payment_id, bill_id, amount, run_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![payment_id, bill_id, amount.fen(), run_id, now])?;
    Ok(())
}

/// Writes a negative allocation for every allocation of the payment not yet reversed.
pub fn reverse_allocations(conn: &Connection, payment_id: i64, now: &str) -> Result<usize> {
    Ok(conn.execute(
        "INSERT INTO allocations (payment_id, bill_id, amount, reverses_id, created_at)
         SELECT a.payment_id, a.bill_id, -a.amount, a.id, ?2 FROM allocations a
         WHERE a.payment_id = ?1 AND a.reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reverses_id = a.id)",
        params![payment_id, now],
    )?)
}

// ---- receipts -----------------------------------------------------------------

/// Takes the next number of a series. Runs inside the payment's transaction,
/// so a number is used exactly when its payment is written.
pub fn next_receipt_number(conn: &Connection, series: &str) -> Result<i64> {
    Ok(conn.prepare_cached(
        "INSERT INTO receipt_series (series, last_number) VALUES (?1, 1)
         ON CONFLICT(series) DO UPDATE SET last_number = last_number + 1 RETURNING last_number",
    )?
    .query_row([series], |r| r.get(0))?)
}

pub fn insert_receipt(conn: &Connection, series: &str, number: i64, receipt_no: &str, payment_id: i64, now: &str, operator: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO receipts (series, number, receipt_no, payment_id, issued_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![series, number, receipt_no, payment_id, now, operator])?;
    Ok(conn.last_insert_rowid())
}

/// What a receipt needs from the ledger.
#[derive(Debug, Clone)]
pub struct ReceiptRow {
    pub id: i64,
    pub receipt_no: String,
    pub payment_id: i64,
    pub unit_id: i64,
    pub amount: Money,
    pub method: String,
    pub payer: String,
    pub reference: String,
    pub paid_at: String,
    pub operator: String,
    pub void_reason: Option<String>,
    pub voided_by: Option<String>,
    pub void_approved_by: Option<String>,
    pub prints: u32,
}

/// A receipt with its payment, void and print count; `receipt_row` reads it.
const RECEIPT_ROW: &str = "
    SELECT r.id, r.receipt_no, p.id, p.unit_id, p.amount, p.method, p.payer, p.reference, p.paid_at, r.operator,
           v.reason, v.operator, v.approved_by, (SELECT COUNT(*) FROM receipt_prints x WHERE x.receipt_id = r.id)
    FROM receipts r JOIN payments p ON p.id = r.payment_id LEFT JOIN receipt_voids v ON v.receipt_id = r.id";

fn receipt_row(r: &Row) -> rusqlite::Result<ReceiptRow> {
    Ok(ReceiptRow {
        id: r.get(0)?,
        receipt_no: r.get(1)?,
        payment_id: r.get(2)?,
        unit_id: r.get(3)?,
        amount: Money(r.get(4)?),
        method: r.get(5)?,
        payer: r.get(6)?,
        reference: r.get(7)?,
        paid_at: r.get(8)?,
        operator: r.get(9)?,
        void_reason: r.get(10)?,
        voided_by: r.get(11)?,
        void_approved_by: r.get(12)?,
        prints: r.get(13)?,
    })
}

pub fn receipt_by_no(conn: &Connection, receipt_no: &str) -> Result<Option<ReceiptRow>> {
    Ok(conn.prepare_cached(&format!("{RECEIPT_ROW} WHERE r.receipt_no = ?1"))?.query_row([receipt_no], receipt_row).optional()?)
}

/// A unit's receipts, newest first.
pub fn receipts_by_unit(conn: &Connection, unit_id: i64) -> Result<Vec<ReceiptRow>> {
    let mut stmt = conn.prepare_cached(&format!("{RECEIPT_ROW} WHERE p.unit_id = ?1 ORDER BY r.id DESC"))?;
    let rows = stmt.query_map([unit_id], receipt_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The bills a payment settled when it was taken (not later prepayment use), as receipt lines.
pub fn receipt_lines(conn: &Connection, payment_id: i64) -> Result<Vec<BillLine>> {
    // Columns as bill_line reads them, with paid = the amount taken here: nothing outstanding.
    let sql = format!(
        "SELECT b.id, {BILL_NAME}, a.amount, a.amount, 0
         FROM allocations a JOIN bills b ON b.id = a.bill_id LEFT JOIN fee_items f ON f.id = b.fee_item_id
         WHERE a.payment_id = ?1 AND a.run_id IS NULL AND a.reverses_id IS NULL ORDER BY a.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([payment_id], bill_line)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Late fees assessed and waived with a payment (made in its transaction, so
/// at its time): (item, period, amount waived).
pub fn late_fees_waived_with(conn: &Connection, unit_id: i64, paid_at: &str) -> Result<Vec<(String, String, Money)>> {
    let sql = format!(
        "SELECT {ITEM_NAME}, b.period, w.amount FROM bills b JOIN waivers w ON w.bill_id = b.id LEFT JOIN fee_items f ON f.id = b.fee_item_id
         WHERE b.unit_id = ?1 AND b.created_at = ?2 AND b.late_of IS NOT NULL ORDER BY b.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![unit_id, paid_at], |r| Ok((r.get(0)?, r.get(1)?, Money(r.get(2)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn has_charges(conn: &Connection, unit_id: i64) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM bills WHERE unit_id = ?1 AND kind = 'charge')", [unit_id], |r| r.get(0))?)
}

pub fn insert_void(conn: &Connection, receipt_id: i64, reason: &str, operator: &str, approved_by: Option<&str>, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO receipt_voids (receipt_id, reason, operator, approved_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![receipt_id, reason, operator, approved_by, now],
    )?;
    Ok(())
}

pub fn insert_print(conn: &Connection, receipt_id: i64, operator: &str, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO receipt_prints (receipt_id, operator, created_at) VALUES (?1, ?2, ?3)",
        params![receipt_id, operator, now],
    )?;
    Ok(())
}

pub fn insert_waiver(conn: &Connection, bill_id: i64, amount: Money, reason: &str, operator: &str, approved_by: Option<&str>, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO waivers (bill_id, amount, reason, operator, approved_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![bill_id, amount.fen(), reason, operator, approved_by, now],
    )?;
    Ok(conn.last_insert_rowid())
}

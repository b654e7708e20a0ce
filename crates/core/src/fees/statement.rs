//! A unit's statement of account (对账单): every charge and credit in date order.

use rusqlite::Connection;

use super::store::ITEM_NAME;
use super::{Statement, StatementLine};
use crate::error::Result;
use crate::money::Money;
use crate::register::Unit;

/// Charges (bills), credits (payments, waivers) and reversals (voided receipts), oldest first.
fn entries() -> String {
    format!(
        "
    SELECT b.created_at AS at, 'charge' AS kind,
           {ITEM_NAME} || ' ' ||
           CASE WHEN b.period = b.period_end THEN b.period ELSE b.period || '~' || b.period_end END,
           b.amount, 0, 1 AS ord, b.id
    FROM bills b LEFT JOIN fee_items f ON f.id = b.fee_item_id WHERE b.unit_id = ?1
  UNION ALL
    SELECT p.paid_at, 'payment', '收款 ' || r.receipt_no, 0, p.amount, 2, p.id
    FROM payments p JOIN receipts r ON r.payment_id = p.id WHERE p.unit_id = ?1
  UNION ALL
    SELECT v.created_at, 'void', '作废 ' || r.receipt_no || '（' || v.reason || '）', 0, -p.amount, 3, v.receipt_id
    FROM receipt_voids v JOIN receipts r ON r.id = v.receipt_id JOIN payments p ON p.id = r.payment_id
    WHERE p.unit_id = ?1
  UNION ALL
    SELECT w.created_at, 'waiver', '减免 ' || {ITEM_NAME} || ' ' || b.period || '（' || w.reason || '，' || w.operator || '）',
           0, w.amount, 4, w.id
    FROM waivers w JOIN bills b ON b.id = w.bill_id LEFT JOIN fee_items f ON f.id = b.fee_item_id WHERE b.unit_id = ?1
  ORDER BY at, ord, 7"
    )
}

pub fn statement(conn: &Connection, unit: &Unit) -> Result<Statement> {
    let mut stmt = conn.prepare(&entries())?;
    let rows = stmt.query_map([unit.id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, Money(r.get(3)?), Money(r.get(4)?)))
    })?;
    let mut running = Money::ZERO;
    let mut lines = Vec::new();
    for row in rows {
        let (at, kind, text, charge, credit) = row?;
        running += charge - credit;
        lines.push(StatementLine {
            date: at.get(..10).unwrap_or(&at).to_string(),
            kind: match kind.as_str() {
                "charge" => "charge",
                "payment" => "payment",
                "void" => "void",
                _ => "waiver",
            },
            text,
            charge,
            credit,
            balance: running,
        });
    }
    let balance = super::balance(conn, unit)?;
    Ok(Statement { unit: unit.code.clone(), lines, owed: balance.owed, prepaid: balance.prepaid })
}

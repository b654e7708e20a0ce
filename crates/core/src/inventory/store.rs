//! The SQL of controlled items and counts, and only their SQL.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{CountClose, CountLine, CountSummary, Expected, Holding, Item, ItemKind, rules};
use crate::db::Tx;
use crate::error::Result;
use crate::money::Money;

pub fn item_exists(conn: &Connection, kind: ItemKind, serial: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM inventory_items WHERE kind = ?1 AND serial = ?2)")?
        .query_row(params![kind.code(), serial], |r| r.get(0))?)
}

pub fn insert_item(conn: &Connection, kind: ItemKind, serial: &str, name: &str, now: &str, by: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO inventory_items (kind, serial, name, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![kind.code(), serial, name, now, by])?;
    Ok(conn.last_insert_rowid())
}

/// Which items a list shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemFilter<'a> {
    pub kind: Option<ItemKind>,
    pub unit_id: Option<i64>,
    /// Some(true): only those out; Some(false): only those in stock.
    pub out: Option<bool>,
    pub serial: Option<&'a str>,
    pub id: Option<i64>,
}

/// Every item with its open issue, kinds in their order then by serial.
const ITEMS: &str = "
SELECT it.id, it.kind, it.serial, it.name, it.added_at, it.added_by,
       i.id, u.code, p.name, i.issued_at, i.operator, i.deposit_id,
       CASE WHEN d.id IS NULL THEN 0
            ELSE d.amount - COALESCE((SELECT SUM(r.refunded + r.deducted) FROM deposit_refunds r WHERE r.deposit_id = d.id), 0) END,
       dr.receipt_no
FROM inventory_items it
LEFT JOIN inventory_issues i ON i.item_id = it.id AND NOT EXISTS (SELECT 1 FROM inventory_returns x WHERE x.issue_id = i.id)
LEFT JOIN units u ON u.id = i.unit_id
LEFT JOIN people p ON p.id = i.person_id
LEFT JOIN deposits d ON d.id = i.deposit_id
LEFT JOIN deposit_receipts dr ON dr.deposit_id = d.id
WHERE (?1 IS NULL OR it.kind = ?1) AND (?2 IS NULL OR i.unit_id = ?2) AND (?3 IS NULL OR (i.id IS NOT NULL) = ?3)
  AND (?4 IS NULL OR it.serial = ?4) AND (?5 IS NULL OR it.id = ?5)
ORDER BY CASE it.kind WHEN 'resident_card' THEN 1 WHEN 'car_card' THEN 2 WHEN 'handset' THEN 3 ELSE 4 END, it.serial";

fn item(r: &Row) -> rusqlite::Result<Item> {
    let kind = ItemKind::from_code(&r.get::<_, String>(1)?).unwrap_or(ItemKind::Other);
    let out = match r.get::<_, Option<i64>>(6)? {
        None => None,
        Some(issue_id) => Some(Holding {
            issue_id,
            unit: r.get(7)?,
            holder: r.get(8)?,
            issued_at: r.get(9)?,
            operator: r.get(10)?,
            deposit_id: r.get(11)?,
            deposit_held: Money(r.get(12)?),
            receipt_no: r.get(13)?,
        }),
    };
    Ok(Item { id: r.get(0)?, kind, kind_label: kind.label(), serial: r.get(2)?, name: r.get(3)?, added_at: r.get(4)?, added_by: r.get(5)?, out })
}

pub fn items(conn: &Connection, f: &ItemFilter) -> Result<Vec<Item>> {
    let mut stmt = conn.prepare_cached(ITEMS)?;
    let rows = stmt.query_map(params![f.kind.map(ItemKind::code), f.unit_id, f.out, f.serial, f.id], item)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An issue by the transaction's actor, at its time.
pub fn insert_issue(tx: &Tx, item_id: i64, unit_id: i64, person_id: i64, deposit_id: Option<i64>, note: &str) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO inventory_issues (item_id, unit_id, person_id, deposit_id, note, issued_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![item_id, unit_id, person_id, deposit_id, note, tx.now_text(), tx.actor()])?;
    Ok(tx.last_insert_rowid())
}

pub fn insert_return(conn: &Connection, issue_id: i64, returned_by: &str, note: &str, refund_id: Option<i64>, now: &str, operator: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO inventory_returns (issue_id, returned_by, note, refund_id, returned_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![issue_id, returned_by, note, refund_id, now, operator])?;
    Ok(())
}

/// A set of keys the office holds for a unit (the keys part's `custody_keys`,
/// not yet returned to the owner), with the borrower when it is out on loan.
pub struct HeldKey {
    pub id: i64,
    pub unit: String,
    pub hook: String,
    pub key_count: i64,
    pub description: String,
    pub borrower: Option<String>,
}

/// Every set of keys in custody, by hook.
pub fn keys_in_custody(conn: &Connection) -> Result<Vec<HeldKey>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.id, u.code, k.hook, k.key_count, k.description,
                (SELECT l.borrower FROM key_loans l WHERE l.key_id = k.id
                   AND NOT EXISTS (SELECT 1 FROM key_returns r WHERE r.loan_id = l.id) ORDER BY l.id DESC LIMIT 1)
         FROM custody_keys k JOIN units u ON u.id = k.unit_id
         WHERE k.returned_on IS NULL ORDER BY k.hook, k.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(HeldKey { id: r.get(0)?, unit: r.get(1)?, hook: r.get(2)?, key_count: r.get(3)?, description: r.get(4)?, borrower: r.get(5)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ---- counts -------------------------------------------------------------------

pub fn insert_count(conn: &Connection, period: &str, now: &str, by: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO inventory_counts (period, started_at, started_by) VALUES (?1, ?2, ?3)")?.execute(params![period, now, by])?;
    Ok(conn.last_insert_rowid())
}

/// A new line of the expected list (or an extra found); returns its line number.
pub struct NewLine<'a> {
    pub kind: &'a str,
    pub item_id: Option<i64>,
    pub key_id: Option<i64>,
    pub label: &'a str,
    pub expected: Expected,
    pub place: &'a str,
}

pub fn insert_line(conn: &Connection, count_id: i64, line: &NewLine) -> Result<(i64, i64)> {
    let line_no: i64 =
        conn.query_row("SELECT COALESCE(MAX(line_no), 0) + 1 FROM inventory_count_lines WHERE count_id = ?1", [count_id], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO inventory_count_lines (count_id, line_no, kind, item_id, key_id, label, expected, place) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![count_id, line_no, line.kind, line.item_id, line.key_id, line.label, line.expected.code(), line.place])?;
    Ok((conn.last_insert_rowid(), line_no))
}

pub fn insert_record(conn: &Connection, line_id: i64, found: bool, note: &str, now: &str, by: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO inventory_count_records (line_id, found, note, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![line_id, found, note, now, by])?;
    Ok(())
}

pub fn insert_close(conn: &Connection, count_id: i64, close: &CountClose) -> Result<()> {
    conn.prepare_cached("INSERT INTO inventory_count_closes (count_id, closed_at, closed_by, signed_off_by, differences) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![count_id, close.closed_at, close.closed_by, close.signed_off_by, close.differences])?;
    Ok(())
}

/// (id, period, started_at, started_by) of a count.
pub type CountHead = (i64, String, String, String);

pub fn count_head(conn: &Connection, id: Option<i64>, period: Option<&str>) -> Result<Option<CountHead>> {
    Ok(conn
        .prepare_cached("SELECT id, period, started_at, started_by FROM inventory_counts WHERE (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR period = ?2)")?
        .query_row(params![id, period], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?)
}

pub fn close_of(conn: &Connection, count_id: i64) -> Result<Option<CountClose>> {
    Ok(conn
        .prepare_cached("SELECT closed_at, closed_by, signed_off_by, differences FROM inventory_count_closes WHERE count_id = ?1")?
        .query_row([count_id], |r| Ok(CountClose { closed_at: r.get(0)?, closed_by: r.get(1)?, signed_off_by: r.get(2)?, differences: r.get(3)? }))
        .optional()?)
}

/// Every line of a count with its latest record, in line order.
pub fn lines(conn: &Connection, count_id: i64) -> Result<Vec<CountLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.line_no, l.kind, l.label, l.place, l.expected, r.found, COALESCE(r.note, ''), COALESCE(r.recorded_by, ''), COALESCE(r.recorded_at, '')
         FROM inventory_count_lines l
         LEFT JOIN inventory_count_records r ON r.id = (SELECT MAX(x.id) FROM inventory_count_records x WHERE x.line_id = l.id)
         WHERE l.count_id = ?1 ORDER BY l.line_no",
    )?;
    let rows = stmt.query_map([count_id], |r| {
        let kind: String = r.get(2)?;
        let expected = Expected::from_code(&r.get::<_, String>(5)?);
        let found: Option<bool> = r.get(6)?;
        Ok(CountLine {
            id: r.get(0)?,
            line_no: r.get(1)?,
            kind_label: ItemKind::from_code(&kind).map_or("钥匙", ItemKind::label).to_string(),
            kind,
            label: r.get(3)?,
            place: r.get(4)?,
            expected,
            found,
            note: r.get(7)?,
            recorded_by: r.get(8)?,
            recorded_at: r.get(9)?,
            difference: rules::difference(expected, found),
            status: rules::status(expected, found),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The line's id, by count and line number.
pub fn line_id(conn: &Connection, count_id: i64, line_no: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM inventory_count_lines WHERE count_id = ?1 AND line_no = ?2")?
        .query_row(params![count_id, line_no], |r| r.get(0))
        .optional()?)
}

/// Every count, newest first, with its line and difference counts.
pub fn counts(conn: &Connection) -> Result<Vec<CountSummary>> {
    let heads: Vec<CountHead> = conn
        .prepare_cached("SELECT id, period, started_at, started_by FROM inventory_counts ORDER BY period DESC")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(heads.len());
    for (id, period, started_at, started_by) in heads {
        let lines = lines(conn, id)?;
        let differences = lines.iter().filter(|l| l.difference.is_some()).count();
        out.push(CountSummary { id, period, started_at, started_by, lines: lines.len(), differences, closed: close_of(conn, id)? });
    }
    Ok(out)
}

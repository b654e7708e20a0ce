//! The SQL of inspections, and only its SQL.

use rusqlite::types::{FromSqlError, Type};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::*;
use crate::db::Tx;
use crate::error::Result;

fn checklist(row: &Row, idx: usize) -> rusqlite::Result<Checklist> {
    let text: String = row.get(idx)?;
    Checklist::parse(&text).ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(FromSqlError::InvalidType)))
}

const ITEM: &str = "SELECT i.id, i.checklist, i.name, i.position, i.retired, EXISTS (SELECT 1 FROM inspection_results r WHERE r.item_id = i.id) FROM inspection_items i";

fn item(row: &Row) -> rusqlite::Result<Item> {
    let c = checklist(row, 1)?;
    Ok(Item { id: row.get(0)?, checklist: c, checklist_label: c.label(), name: row.get(2)?, position: row.get(3)?, retired: row.get(4)?, used: row.get(5)? })
}

/// The items of a checklist in their order; retired ones too when asked, after the active.
pub fn items(conn: &Connection, c: Checklist, with_retired: bool) -> Result<Vec<Item>> {
    let mut stmt = conn.prepare_cached(&format!("{ITEM} WHERE i.checklist = ?1 AND (?2 OR i.retired = 0) ORDER BY i.retired, i.position, i.id"))?;
    let rows = stmt.query_map(params![c.code(), with_retired], item)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn item_by_id(conn: &Connection, id: i64) -> Result<Option<Item>> {
    Ok(conn.prepare_cached(&format!("{ITEM} WHERE i.id = ?1"))?.query_row([id], item).optional()?)
}

pub fn insert_item(tx: &Tx, c: Checklist, name: &str, position: i64) -> Result<i64> {
    tx.prepare_cached("INSERT INTO inspection_items (checklist, name, position) VALUES (?1, ?2, ?3)")?.execute(params![c.code(), name, position])?;
    Ok(tx.last_insert_rowid())
}

pub fn rename_item(tx: &Tx, id: i64, name: &str) -> Result<()> {
    tx.prepare_cached("UPDATE inspection_items SET name = ?2 WHERE id = ?1")?.execute(params![id, name])?;
    Ok(())
}

pub fn retire_item(tx: &Tx, id: i64) -> Result<()> {
    tx.prepare_cached("UPDATE inspection_items SET retired = 1 WHERE id = ?1")?.execute([id])?;
    Ok(())
}

pub fn set_position(tx: &Tx, id: i64, position: i64) -> Result<()> {
    tx.prepare_cached("UPDATE inspection_items SET position = ?2 WHERE id = ?1")?.execute(params![id, position])?;
    Ok(())
}

/// Names of the people living in a unit now: every current occupancy but an authorised person (授权人, who does not live there).
pub fn residents(conn: &Connection, unit_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.name FROM occupancies o JOIN people p ON p.id = o.person_id
         WHERE o.unit_id = ?1 AND o.to_date IS NULL AND o.role <> 'authorised' ORDER BY o.id",
    )?;
    let rows = stmt.query_map([unit_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Homes (住宅) nobody lives in now, by code, with their id.
pub fn vacant_homes(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.code FROM units u WHERE u.unit_type = '住宅' AND NOT EXISTS (
             SELECT 1 FROM occupancies o WHERE o.unit_id = u.id AND o.to_date IS NULL AND o.role <> 'authorised')
         ORDER BY u.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many rounds were recorded with numbers starting `prefix` (the day's so far).
pub fn count_numbers(conn: &Connection, prefix: &str) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT COUNT(*) FROM inspection_rounds WHERE round_no LIKE ?1 || '%'")?.query_row([prefix], |r| r.get(0))?)
}

pub struct RoundRow<'a> {
    pub round_no: &'a str,
    pub checklist: Checklist,
    pub unit_id: Option<i64>,
    pub inspected_on: &'a str,
    pub inspector: &'a str,
}

/// A new round with a line for each of `items` (their names and order now).
pub fn insert_round(tx: &Tx, r: &RoundRow, items: &[Item]) -> Result<i64> {
    tx.prepare_cached("INSERT INTO inspection_rounds (round_no, checklist, unit_id, inspected_on, inspector, recorded_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
        .execute(params![r.round_no, r.checklist.code(), r.unit_id, r.inspected_on, r.inspector, tx.now_text(), tx.actor()])?;
    let id = tx.last_insert_rowid();
    let mut stmt = tx.prepare_cached("INSERT INTO inspection_results (round_id, item_id, item_name, position) VALUES (?1, ?2, ?3, ?4)")?;
    for (i, item) in items.iter().enumerate() {
        stmt.execute(params![id, item.id, item.name, i as i64 + 1])?;
    }
    Ok(id)
}

pub fn answer(tx: &Tx, round_id: i64, position: i64, ok: bool, note: &str) -> Result<()> {
    tx.prepare_cached("UPDATE inspection_results SET ok = ?3, note = ?4, answered_at = ?5, answered_by = ?6 WHERE round_id = ?1 AND position = ?2")?
        .execute(params![round_id, position, ok, note, tx.now_text(), tx.actor()])?;
    Ok(())
}

pub fn finish(tx: &Tx, round_id: i64) -> Result<()> {
    tx.prepare_cached("UPDATE inspection_rounds SET finished_at = ?2, finished_by = ?3 WHERE id = ?1")?.execute(params![round_id, tx.now_text(), tx.actor()])?;
    Ok(())
}

/// A round's own row.
#[derive(Debug, Clone)]
pub struct Head {
    pub line: RoundLine,
    pub unit_id: Option<i64>,
    pub finished_at: Option<String>,
    pub finished_by: Option<String>,
    pub recorded_at: String,
    pub operator: String,
}

const HEAD: &str = "SELECT o.id, o.round_no, o.checklist, coalesce(u.code, ''), o.inspected_on, o.inspector, o.finished_at, o.finished_by,
        o.recorded_at, o.operator, o.unit_id,
        (SELECT COUNT(*) FROM inspection_results r WHERE r.round_id = o.id),
        (SELECT COUNT(*) FROM inspection_results r WHERE r.round_id = o.id AND r.ok IS NOT NULL),
        (SELECT COUNT(*) FROM inspection_results r WHERE r.round_id = o.id AND r.ok = 0),
        (SELECT COUNT(*) FROM work_orders w WHERE w.source = 'inspection' AND w.source_ref LIKE o.round_no || '/%')
     FROM inspection_rounds o LEFT JOIN units u ON u.id = o.unit_id";

fn head(row: &Row) -> rusqlite::Result<Head> {
    let c = checklist(row, 2)?;
    let finished_at: Option<String> = row.get(6)?;
    Ok(Head {
        line: RoundLine {
            id: row.get(0)?,
            round_no: row.get(1)?,
            checklist: c,
            checklist_label: c.label(),
            title: c.title(),
            unit: row.get(3)?,
            inspected_on: row.get(4)?,
            inspector: row.get(5)?,
            finished: finished_at.is_some(),
            status_label: if finished_at.is_some() { "已完成" } else { "进行中" },
            items: row.get(11)?,
            answered: row.get(12)?,
            faults: row.get(13)?,
            orders: row.get(14)?,
        },
        finished_at,
        finished_by: row.get(7)?,
        recorded_at: row.get(8)?,
        operator: row.get(9)?,
        unit_id: row.get(10)?,
    })
}

pub fn round_head(conn: &Connection, id: i64) -> Result<Option<Head>> {
    Ok(conn.prepare_cached(&format!("{HEAD} WHERE o.id = ?1"))?.query_row([id], head).optional()?)
}

pub fn round_by_no(conn: &Connection, no: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM inspection_rounds WHERE round_no = ?1")?.query_row([no], |r| r.get(0)).optional()?)
}

/// Rounds walked from `from` until `until` (exclusive, YYYY-MM-DD; blank: no bound), of a unit, newest first.
pub fn rounds(conn: &Connection, from: &str, until: &str, unit_id: Option<i64>) -> Result<Vec<Head>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{HEAD} WHERE (?1 = '' OR o.inspected_on >= ?1) AND (?2 = '' OR o.inspected_on < ?2) AND (?3 IS NULL OR o.unit_id = ?3)
         ORDER BY o.inspected_on DESC, o.id DESC"
    ))?;
    let rows = stmt.query_map(params![from, until, unit_id], head)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A round's lines with the work order of each finding.
pub fn answers(conn: &Connection, round_id: i64, round_no: &str) -> Result<Vec<Answer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.position, r.item_id, r.item_name, r.ok, r.note, r.answered_at, r.answered_by, w.order_no, w.status
         FROM inspection_results r
         LEFT JOIN work_orders w ON w.source = 'inspection' AND w.source_ref = ?2 || '/' || r.position
         WHERE r.round_id = ?1 ORDER BY r.position",
    )?;
    let rows = stmt.query_map(params![round_id, round_no], |r| {
        let ok: Option<bool> = r.get(3)?;
        let position: i64 = r.get(0)?;
        let status: Option<String> = r.get(8)?;
        Ok(Answer {
            position,
            item_id: r.get(1)?,
            item: r.get(2)?,
            ok,
            result_label: match ok {
                Some(true) => "正常",
                Some(false) => "异常",
                None => "未填",
            },
            note: r.get(4)?,
            answered_at: r.get(5)?,
            answered_by: r.get(6)?,
            order_no: r.get(7)?,
            order_status_label: status.as_deref().and_then(crate::service::OrderStatus::parse).map(crate::service::OrderStatus::label),
            finding: super::rules::finding(round_no, position),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The last day each unit (None: the public areas) had a finished round of `c`.
pub fn last_finished(conn: &Connection, c: Checklist) -> Result<Vec<(Option<i64>, String)>> {
    let mut stmt = conn.prepare_cached("SELECT unit_id, max(inspected_on) FROM inspection_rounds WHERE checklist = ?1 AND finished_at IS NOT NULL GROUP BY unit_id")?;
    let rows = stmt.query_map([c.code()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Rounds begun and not finished: (checklist, unit id, number).
pub fn unfinished(conn: &Connection) -> Result<Vec<(Checklist, Option<i64>, String)>> {
    let mut stmt = conn.prepare_cached("SELECT checklist, unit_id, round_no FROM inspection_rounds WHERE finished_at IS NULL ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((checklist(r, 0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

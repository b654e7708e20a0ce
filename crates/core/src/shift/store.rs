//! The SQL of the shift handover, and only its SQL.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::{Ack, Handover, Snapshot};
use crate::db::Tx;
use crate::error::Result;

pub fn insert(tx: &Tx, day: &str, note: &str, snapshot: &Snapshot) -> Result<i64> {
    let json = serde_json::to_string(snapshot).map_err(|e| crate::db::DbError::Internal(e.to_string()))?;
    tx.prepare_cached("INSERT INTO shift_handovers (day, operator, made_at, note, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![day, tx.actor(), tx.now_text(), note, json])?;
    Ok(tx.last_insert_rowid())
}

pub fn insert_ack(tx: &Tx, id: i64, note: &str) -> Result<()> {
    tx.prepare_cached("INSERT INTO shift_acks (handover_id, operator, at, note) VALUES (?1, ?2, ?3, ?4)")?.execute(params![id, tx.actor(), tx.now_text(), note])?;
    Ok(())
}

/// The handover `operator` made on `day`, if any.
pub fn made_on(conn: &Connection, operator: &str, day: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM shift_handovers WHERE operator = ?1 AND day = ?2")?.query_row([operator, day], |r| r.get(0)).optional()?)
}

const HANDOVER: &str = "SELECT h.id, h.day, h.operator, h.made_at, h.note, h.snapshot, a.operator, a.at, a.note
     FROM shift_handovers h LEFT JOIN shift_acks a ON a.handover_id = h.id";

fn handover(row: &Row) -> rusqlite::Result<Handover> {
    let json: String = row.get(5)?;
    // A snapshot the program did not write is a broken row, not an empty one.
    let snapshot: Snapshot = serde_json::from_str(&json).map_err(|e| rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e)))?;
    let ack = match row.get::<_, Option<String>>(6)? {
        Some(operator) => Some(Ack { operator, at: row.get(7)?, note: row.get(8)? }),
        None => None,
    };
    Ok(Handover {
        id: row.get(0)?,
        day: row.get(1)?,
        operator: row.get(2)?,
        made_at: row.get(3)?,
        note: row.get(4)?,
        open_count: snapshot.count(),
        late_count: snapshot.late(),
        snapshot,
        ack,
    })
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Option<Handover>> {
    Ok(conn.prepare_cached(&format!("{HANDOVER} WHERE h.id = ?1"))?.query_row([id], handover).optional()?)
}

/// Handovers, newest first; only those not acknowledged when `open_only`.
pub fn list(conn: &Connection, open_only: bool) -> Result<Vec<Handover>> {
    let filter = if open_only { " WHERE a.handover_id IS NULL" } else { "" };
    let mut stmt = conn.prepare_cached(&format!("{HANDOVER}{filter} ORDER BY h.made_at DESC, h.id DESC"))?;
    let rows = stmt.query_map([], handover)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

//! Taking personal data out of audit entries (the erasure of a former
//! tenant, issue 5) while the chain still verifies and still catches any other edit.
//!
//! An entry's hash covers its detail as first written, so a redacted entry no
//! longer matches its own hash. Before it is redacted its hash is checked; then
//! the erasure's own audit entry (appended to the chain, so itself hashed)
//! holds a *seal* for it: the hash of the entry's stored hash and every field
//! as redacted. `verify` accepts an entry whose hash does not match only when
//! the latest redaction recorded for it (`audit_redactions`, migration 0011)
//! names an erasure entry whose seal matches the entry as it now reads. Editing
//! any field of a redacted entry, its detail again, or the erasure entry breaks
//! the chain as before. The database lets `detail` (and nothing else) change only
//! to the text recorded in `audit_redactions`.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use super::{Entry, entry_hash};
use crate::db::Tx;
use crate::error::Result;
use crate::privacy::PrivacyError;

/// The action of the entry that seals redactions: only an erasure redacts.
pub const REDACTING_ACTION: &str = "person.erase";

/// An entry with the detail it is to read from now on.
#[derive(Debug, Clone)]
pub struct Redaction {
    pub entry: Entry,
    pub detail: String,
}

fn seal(stored_hash: &str, e: &Entry, detail: &str) -> String {
    entry_hash(stored_hash, &e.at, &e.actor, &e.action, &e.entity, e.entity_id, detail)
}

/// Whether the entry as it reads now is intact: its own hash, or the seal of its latest redaction.
fn intact(conn: &Connection, e: &Entry, stored: &str, prev: &str) -> Result<bool> {
    let own = entry_hash(prev, &e.at, &e.actor, &e.action, &e.entity, e.entity_id, &e.detail);
    Ok(own == stored || sealed(conn, e, stored)?)
}

/// Whether `e` (as it reads now, with `stored` its hash) is sealed by the erasure that redacted it last.
pub(super) fn sealed(conn: &Connection, e: &Entry, stored: &str) -> Result<bool> {
    let latest: Option<(i64, String)> = conn
        .query_row(
            "SELECT redaction_id, detail FROM audit_redactions WHERE entry_id = ?1 ORDER BY redaction_id DESC LIMIT 1",
            [e.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((redaction_id, detail)) = latest else { return Ok(false) };
    if detail != e.detail || redaction_id <= e.id {
        return Ok(false);
    }
    let sealing: Option<(String, String)> = conn
        .query_row("SELECT action, detail FROM audit_log WHERE id = ?1", [redaction_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((action, sealing_detail)) = sealing else { return Ok(false) };
    if action != REDACTING_ACTION {
        return Ok(false);
    }
    let seals: Value = serde_json::from_str(&sealing_detail).unwrap_or(Value::Null);
    let expected = seal(stored, e, &e.detail);
    let listed = seals["redacted"].as_array().into_iter().flatten().any(|s| s["entry"].as_i64() == Some(e.id) && s["seal"].as_str() == Some(expected.as_str()));
    Ok(listed)
}

/// Every entry, oldest first, whose detail contains one of `needles` (exact text).
pub fn entries_mentioning(conn: &Connection, needles: &[String]) -> Result<Vec<Entry>> {
    let mut found: Vec<Entry> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log WHERE instr(detail, ?1) > 0 ORDER BY id",
    )?;
    for needle in needles.iter().filter(|n| !n.is_empty()) {
        let rows = stmt.query_map([needle], |r| {
            Ok(Entry { id: r.get(0)?, at: r.get(1)?, actor: r.get(2)?, action: r.get(3)?, entity: r.get(4)?, entity_id: r.get(5)?, detail: r.get(6)? })
        })?;
        for row in rows {
            let entry = row?;
            if !found.iter().any(|f| f.id == entry.id) {
                found.push(entry);
            }
        }
    }
    found.sort_by_key(|e| e.id);
    Ok(found)
}

/// Replaces the details of `redactions` and appends the sealing entry
/// (`REDACTING_ACTION` on `entity`/`entity_id`, `detail` plus the seals) in `tx`.
/// Each entry's hash (or its earlier seal) is checked first: evidence already
/// tampered with is not overwritten.
pub fn redact(tx: &mut Tx, entity: &str, entity_id: i64, mut detail: Value, redactions: &[Redaction]) -> Result<()> {
    let mut seals = Vec::new();
    for r in redactions {
        let (stored, prev): (String, String) =
            tx.query_row("SELECT hash, prev_hash FROM audit_log WHERE id = ?1", [r.entry.id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        if !intact(tx, &r.entry, &stored, &prev)? {
            return Err(PrivacyError::AuditTampered(r.entry.id).into());
        }
        seals.push(json!({ "entry": r.entry.id, "seal": seal(&stored, &r.entry, &r.detail) }));
    }
    if let Some(fields) = detail.as_object_mut() {
        fields.insert("redacted".into(), Value::Array(seals));
    }
    tx.audit(REDACTING_ACTION, entity, entity_id, detail)?;
    let redaction_id: i64 = tx.query_row("SELECT MAX(id) FROM audit_log", [], |r| r.get(0))?;
    for r in redactions {
        tx.execute("INSERT INTO audit_redactions (entry_id, redaction_id, detail) VALUES (?1, ?2, ?3)", params![r.entry.id, redaction_id, r.detail])?;
        tx.execute("UPDATE audit_log SET detail = ?2 WHERE id = ?1", params![r.entry.id, r.detail])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{history, verify};
    use crate::db::Db;

    fn redact_to(db: &mut Db, entry: &Entry, detail: serde_json::Value) -> Result<()> {
        let r = Redaction { entry: entry.clone(), detail: detail.to_string() };
        db.write("李主管", |tx| redact(tx, "person", 1, json!({ "reason": "测试" }), &[r]))
    }

    #[test]
    fn an_entry_redacted_twice_verifies_with_its_latest_seal_and_no_other_text() {
        let mut db = Db::in_memory("x").unwrap();
        db.write("王", |tx| tx.audit("test.step", "thing", 1, json!({ "a": "张三", "b": "李四" }))).unwrap();
        db.write("王", |tx| tx.audit("test.step", "thing", 2, json!({ "n": 2 }))).unwrap();
        let entry = history(db.conn(), "thing", 1).unwrap().remove(0);
        redact_to(&mut db, &entry, json!({ "a": "已删除住户#1", "b": "李四" })).unwrap();
        let once = history(db.conn(), "thing", 1).unwrap().remove(0);
        redact_to(&mut db, &once, json!({ "a": "已删除住户#1", "b": "已删除住户#2" })).unwrap();
        assert_eq!(verify(db.conn()).unwrap().first_broken, None);
        // Going back to the first redaction's text is an edit like any other.
        db.conn().execute_batch("DROP TRIGGER audit_write_once").unwrap();
        db.conn().execute("UPDATE audit_log SET detail = ?2 WHERE id = ?1", rusqlite::params![entry.id, once.detail]).unwrap();
        assert_eq!(verify(db.conn()).unwrap().first_broken, Some(entry.id));
    }
}

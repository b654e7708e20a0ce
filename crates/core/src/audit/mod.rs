//! The append-only audit log. Each entry's hash covers its own fields and the
//! previous entry's hash, so an edited or removed entry breaks the chain.
//! The ledger rows are tied to the chain by `seal`.

pub mod seal;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;

pub mod redact;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn entry_hash(prev: &str, at: &str, actor: &str, action: &str, entity: &str, entity_id: i64, detail: &str) -> String {
    let mut h = Sha256::new();
    for field in [prev, at, actor, action, entity, &entity_id.to_string(), detail] {
        // Length-prefixed so that moving text between fields changes the hash.
        h.update((field.len() as u64).to_le_bytes());
        h.update(field.as_bytes());
    }
    hex::encode(h.finalize())
}

pub(crate) fn append(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: i64,
    detail: &serde_json::Value,
) -> Result<()> {
    let prev: String = conn
        .query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let detail = detail.to_string();
    let hash = entry_hash(&prev, at, actor, action, entity, entity_id, &detail);
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![at, actor, action, entity, entity_id, detail, prev, hash])?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub detail: String,
}

/// The entries about one thing (e.g. `("unit", 12)`), oldest first.
pub fn history(conn: &Connection, entity: &str, entity_id: i64) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![entity, entity_id], |r| {
        Ok(Entry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            detail: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Verification {
    pub entries: i64,
    /// The first entry that does not match its hash or its predecessor.
    pub first_broken: Option<i64>,
    /// The ledger rows against their seals.
    pub ledger: seal::LedgerCheck,
}

/// Walks the whole chain, checking every entry's hash and link, then checks
/// every ledger row against its seal.
pub fn verify(conn: &Connection) -> Result<Verification> {
    let mut stmt =
        conn.prepare("SELECT id, at, actor, action, entity, entity_id, detail, prev_hash, hash FROM audit_log ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut entries = 0;
    while let Some(r) = rows.next()? {
        entries += 1;
        let id: i64 = r.get(0)?;
        let stored_prev: String = r.get(7)?;
        let stored: String = r.get(8)?;
        let e = Entry { id, at: r.get(1)?, actor: r.get(2)?, action: r.get(3)?, entity: r.get(4)?, entity_id: r.get(5)?, detail: r.get(6)? };
        let expected = entry_hash(&prev, &e.at, &e.actor, &e.action, &e.entity, e.entity_id, &e.detail);
        // An entry an erasure redacted no longer matches its hash; the erasure's own entry seals it instead.
        if stored_prev != prev || (stored != expected && !redact::sealed(conn, &e, &stored)?) {
            return Ok(Verification { entries, first_broken: Some(id), ledger: seal::check(conn)? });
        }
        prev = stored;
    }
    Ok(Verification { entries, first_broken: None, ledger: seal::check(conn)? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn the_chain_verifies_and_an_edit_breaks_it() {
        let mut db = Db::in_memory("x").unwrap();
        for i in 0..3 {
            db.write("王", |tx| tx.audit("test.step", "thing", i, serde_json::json!({ "n": i }))).unwrap();
        }
        assert_eq!(verify(db.conn()).unwrap().first_broken, None);
        assert_eq!(history(db.conn(), "thing", 1).unwrap()[0].actor, "王");
        // Someone goes around the program: drop the guard and rewrite an entry.
        db.conn().execute_batch("DROP TRIGGER audit_write_once").unwrap();
        db.conn().execute("UPDATE audit_log SET actor = '李' WHERE entity_id = 1 AND entity = 'thing'", []).unwrap();
        let entry: i64 = db.conn().query_row("SELECT id FROM audit_log WHERE entity_id = 1 AND entity = 'thing'", [], |r| r.get(0)).unwrap();
        assert_eq!(verify(db.conn()).unwrap().first_broken, Some(entry));
    }

    #[test]
    fn the_database_refuses_to_edit_or_delete_entries() {
        let db = Db::in_memory("x").unwrap();
        assert!(db.conn().execute("UPDATE audit_log SET actor = 'x'", []).is_err());
        assert!(db.conn().execute("DELETE FROM audit_log", []).is_err());
    }
}

//! Numbered migrations, each applied in its own transaction and tracked by
//! `PRAGMA user_version`. A shipped migration is never edited: add a new one.

use rusqlite::Connection;

use super::DbError;
use crate::error::Result;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_ledger_indexes.sql"),
    include_str!("migrations/0003_staff.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub fn upgrade(conn: &mut Connection) -> Result<()> {
    let found = version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(DbError::TooNew { found, supported: SCHEMA_VERSION }.into());
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    /// Every older schema, as it was shipped, opens and upgrades with its rows kept.
    #[test]
    fn each_old_schema_upgrades_to_the_current_one() {
        for old in 1..SCHEMA_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("old.db");
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..old as usize] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", old).unwrap();
            conn.execute("INSERT INTO settings (key, value) VALUES ('estate_name', '旧小区')", []).unwrap();
            drop(conn);

            let db = Db::open(&path).unwrap();
            assert_eq!(version(db.conn()).unwrap(), SCHEMA_VERSION, "from version {old}");
            let name: String = db.conn().query_row("SELECT value FROM settings WHERE key = 'estate_name'", [], |r| r.get(0)).unwrap();
            assert_eq!(name, "旧小区");
            let plan: String = db
                .conn()
                .query_row("EXPLAIN QUERY PLAN SELECT id FROM bills WHERE unit_id = 1", [], |r| r.get(3))
                .unwrap();
            assert!(plan.contains("bills_by_unit"), "a unit's bills are found by index, not a scan: {plan}");
            let staff: i64 = db.conn().query_row("SELECT COUNT(*) FROM staff", [], |r| r.get(0)).unwrap();
            assert_eq!(staff, 0, "an upgraded estate has the staff table, empty");
        }
    }
}

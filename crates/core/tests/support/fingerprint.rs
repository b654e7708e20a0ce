//! What "nothing written" compares: every table's row count and a digest of
//! all its rows, read from the real file. Shared by the core's and the CLI's
//! hostile-input tests (included with `#[path]`).
#![allow(dead_code)] // each test binary uses part of it

use std::hash::{DefaultHasher, Hash, Hasher};

use estate_core::db::Db;

/// One line per table: its name, its row count and a digest of every value in it.
pub fn fingerprint(db: &Db) -> Vec<String> {
    let c = db.conn();
    let mut stmt = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    tables
        .iter()
        .map(|t| {
            let mut rows = c.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid")).or_else(|_| c.prepare(&format!("SELECT * FROM \"{t}\""))).unwrap();
            let columns = rows.column_count();
            let mut hasher = DefaultHasher::new();
            let mut count = 0;
            let mut cursor = rows.query([]).unwrap();
            while let Some(row) = cursor.next().unwrap() {
                count += 1;
                for i in 0..columns {
                    format!("{:?}", row.get_ref(i).unwrap()).hash(&mut hasher);
                }
            }
            format!("{t}={count}:{:016x}", hasher.finish())
        })
        .collect()
}

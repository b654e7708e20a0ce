//! `estate audit verify` on the 5,000-unit, five-year demo estate: the audit
//! chain walked and every ledger row's digest recomputed and compared with its
//! seal; against a bare SHA-256 pass over the same data (every audit entry's
//! fields, every column of every sealed ledger table, read with rusqlite).

use std::path::Path;
use std::time::{Duration, Instant};

use estate_core::audit;
use estate_core::db::Db;
use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

use crate::{Figure, Result, demo_db, median, ms, ratio};

pub const FLOOR: &str = "rusqlite reading every audit entry and every row of the sealed ledger tables, SHA-256 of each (no JSON, no comparison)";
const RUNS: usize = 3;
const LEDGER: [&str; 11] =
    ["billing_runs", "bills", "payments", "allocations", "waivers", "receipts", "receipt_voids", "receipt_prints", "deposits", "deposit_refunds", "day_closes"];

pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let db = demo_db(dir, units)?;
    let (mut times, mut floors) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let v = audit::verify(db.conn())?;
        times.push(start.elapsed());
        if v.first_broken.is_some() || v.ledger.problem_count > 0 {
            return Err(format!("the untouched demo estate does not verify: {v:?}").into());
        }
        last = Some(v);
        floors.push(bare_hash(&db)?);
    }
    let v = last.ok_or("no run")?;
    let (mid, floor) = (median(&times), median(&floors));
    Ok(vec![Figure {
        name: format!("audit verify: {} entries, {} ledger rows", v.entries, v.ledger.rows),
        measured: ms(mid),
        floor: ms(floor),
        ratio: ratio(mid, floor),
        target: "< 4x floor".into(),
        ok: Some(mid < floor * 4),
    }])
}

fn bare_hash(db: &Db) -> Result<Duration> {
    let start = Instant::now();
    let tables = std::iter::once("audit_log").chain(LEDGER);
    let mut digests = 0u64;
    for table in tables {
        let mut stmt = db.conn().prepare(&format!("SELECT * FROM {table}"))?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut h = Sha256::new();
            for i in 0..columns {
                match r.get_ref(i)? {
                    ValueRef::Null => h.update([0]),
                    ValueRef::Integer(n) => h.update(n.to_le_bytes()),
                    ValueRef::Real(x) => h.update(x.to_bits().to_le_bytes()),
                    ValueRef::Text(b) | ValueRef::Blob(b) => h.update(b),
                }
            }
            digests += u64::from(h.finalize()[0]);
        }
    }
    std::hint::black_box(digests);
    Ok(start.elapsed())
}

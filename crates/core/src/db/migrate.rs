//! Numbered migrations, each applied in its own transaction and tracked by
//! `PRAGMA user_version`. A shipped migration is never edited: add a new one.

use rusqlite::Connection;

use super::DbError;
use crate::error::Result;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_ledger_indexes.sql"),
    include_str!("migrations/0003_staff.sql"),
    include_str!("migrations/0004_bill_outstanding.sql"),
    include_str!("migrations/0005_late_fees.sql"),
    include_str!("migrations/0006_day_close.sql"),
    include_str!("migrations/0007_dunning.sql"),
    include_str!("migrations/0008_deposits.sql"),
    include_str!("migrations/0009_approvals_lockout.sql"),
    LEDGER_SEAL,
    include_str!("migrations/0011_erasure.sql"),
    include_str!("migrations/0012_keys.sql"),
    include_str!("migrations/0013_parcels.sql"),
    include_str!("migrations/0014_inventory.sql"),
    include_str!("migrations/0015_erasure_keys_parcels.sql"),
    include_str!("migrations/0016_renovation.sql"),
    include_str!("migrations/0017_meters.sql"),
    include_str!("migrations/0018_service.sql"),
    include_str!("migrations/0019_inspections.sql"),
    include_str!("migrations/0020_bulletins.sql"),
    include_str!("migrations/0021_surveys.sql"),
    include_str!("migrations/0022_shift_handover.sql"),
];

/// The migration after which every ledger row is sealed (audit/seal.rs).
const LEDGER_SEAL: &str = include_str!("migrations/0010_ledger_seal.sql");

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
        if *sql == LEDGER_SEAL {
            // Rows written before the seal existed are sealed once, by the upgrade itself.
            let now = chrono::Local::now().fixed_offset().to_rfc3339();
            crate::audit::seal::seal_existing(&tx, &now, "系统")?;
        }
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

    /// Version 4 works out what every existing bill still owes from the ledger rows already there.
    #[test]
    fn upgrading_to_4_fills_in_what_each_bill_owes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.db");
        let conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..3] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        conn.execute_batch(
            "INSERT INTO settings (key, value) VALUES ('estate_name', '旧小区');
             INSERT INTO buildings (id, code) VALUES (1, '1');
             INSERT INTO units (id, code, building_id, entrance, room, unit_type, area_centi, created_at)
                 VALUES (1, '1-1-101', 1, '1', '101', '住宅', 10000, '2026-01-01T09:00:00+08:00');
             INSERT INTO bills (id, unit_id, kind, period, period_end, amount, created_at)
                 VALUES (1, 1, 'opening', '2025-12', '2025-12', 30000, '2026-01-01T09:00:00+08:00');
             INSERT INTO fee_items (id, name, basis, created_at) VALUES (1, '物业服务费', 'area', '2026-01-01T09:00:00+08:00');
             INSERT INTO bills (id, unit_id, kind, fee_item_id, period, period_end, amount, created_at)
                 VALUES (2, 1, 'charge', 1, '2026-01', '2026-01', 20000, '2026-01-01T09:00:00+08:00');
             INSERT INTO payments (id, unit_id, amount, method, paid_at, operator) VALUES (1, 1, 35000, 'cash', '2026-01-05T09:00:00+08:00', '前台');
             INSERT INTO allocations (id, payment_id, bill_id, amount, created_at) VALUES (1, 1, 1, 30000, '2026-01-05T09:00:00+08:00');
             INSERT INTO allocations (id, payment_id, bill_id, amount, created_at) VALUES (2, 1, 2, 5000, '2026-01-05T09:00:00+08:00');
             INSERT INTO waivers (bill_id, amount, reason, operator, created_at) VALUES (2, 1000, '补偿', '主管', '2026-01-06T09:00:00+08:00');",
        )
        .unwrap();
        drop(conn);
        let db = Db::open(&path).unwrap();
        let owes: Vec<(i64, i64)> =
            db.conn().prepare("SELECT bill_id, outstanding FROM bill_outstanding ORDER BY bill_id").unwrap().query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect();
        assert_eq!(owes, [(1, 0), (2, 14000)]);
    }

    /// Version 5: bills gain `late_of`; one bill per unit, item and period still
    /// holds for ordinary bills, while late fees may share the month.
    #[test]
    fn upgrading_to_5_lets_late_fee_bills_share_a_month() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v4.db");
        let conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..4] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.execute_batch(
            "INSERT INTO buildings (id, code) VALUES (1, '1');
             INSERT INTO units (id, code, building_id, entrance, room, unit_type, area_centi, created_at)
                 VALUES (1, '1-1-101', 1, '1', '101', '住宅', 10000, '2026-01-01T09:00:00+08:00');
             INSERT INTO fee_items (id, name, basis, created_at) VALUES (1, '物业服务费', 'area', '2026-01-01T09:00:00+08:00');
             INSERT INTO bills (id, unit_id, kind, fee_item_id, period, period_end, amount, created_at)
                 VALUES (1, 1, 'charge', 1, '2026-11', '2026-11', 20000, '2026-11-01T09:00:00+08:00');",
        )
        .unwrap();
        drop(conn);
        let db = Db::open(&path).unwrap();
        let late_of: Option<i64> = db.conn().query_row("SELECT late_of FROM bills WHERE id = 1", [], |r| r.get(0)).unwrap();
        assert_eq!(late_of, None, "an old bill is no late fee");
        let insert = |late_of: Option<i64>| {
            db.conn().execute(
                "INSERT INTO bills (unit_id, kind, fee_item_id, period, period_end, amount, late_of, created_at)
                 VALUES (1, 'charge', 1, '2026-11', '2026-11', 891, ?1, '2026-11-23T09:00:00+08:00')",
                [late_of],
            )
        };
        assert!(insert(None).is_err(), "a second 物业服务费 for November is refused");
        assert!(insert(Some(1)).is_ok() && insert(Some(1)).is_ok(), "late fees assessed in November are not November's bill");
        let plan: String = db.conn().query_row("EXPLAIN QUERY PLAN SELECT id FROM bills WHERE late_of = 1", [], |r| r.get(3)).unwrap();
        assert!(plan.contains("bills_late_of"), "{plan}");
    }
}

//! The ledger's seal on a real estate file: a ledger row edited, deleted or
//! inserted with sqlite3-like raw SQL on the file (the guard triggers dropped
//! first, as someone going around the program would) is reported by
//! `audit::verify` with its table and id, while the audit chain itself is whole.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use std::path::{Path, PathBuf};

use estate_core::audit::{self, seal::Tamper};
use estate_core::{Db, demo};
use rusqlite::Connection;

/// A demo estate (thousands of ledger rows) in a fresh folder.
fn demo_estate() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("翠湖花园.db");
    demo::create(&path, &demo::DemoOptions { units: 120, years: 2, seed: 11 }).unwrap();
    (dir, path)
}

/// Someone with sqlite3 on the file: their own connection, no program in the way.
fn behind_the_back(path: &Path, sql: &str) {
    Connection::open(path).unwrap().execute_batch(sql).unwrap();
}

fn one(path: &Path, sql: &str) -> i64 {
    Connection::open(path).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// (table, row id, kind) of every problem `verify` lists, and the chain's first broken link.
fn problems(path: &Path) -> (Vec<(String, i64, Tamper)>, Option<i64>) {
    let v = audit::verify(Db::open(path).unwrap().conn()).unwrap();
    assert_eq!(v.ledger.problems.len(), v.ledger.problem_count.min(100), "every problem counted, the first 100 listed");
    for p in &v.ledger.problems {
        assert!(p.message.contains(&format!("第 {} 条", p.row_id)) && p.message.contains(p.table), "{}", p.message);
    }
    (v.ledger.problems.iter().map(|p| (p.table.to_string(), p.row_id, p.kind)).collect(), v.first_broken)
}

#[test]
fn an_untouched_demo_estate_verifies_clean() {
    let (_dir, path) = demo_estate();
    let db = Db::open(&path).unwrap();
    let v = audit::verify(db.conn()).unwrap();
    assert_eq!(v.first_broken, None);
    assert!(v.ledger.rows > 5_000, "thousands of ledger rows: {}", v.ledger.rows);
    assert_eq!(v.ledger.sealed, v.ledger.rows, "every ledger row is sealed once");
    assert_eq!(v.ledger.problems, []);
    let seals = one(&path, "SELECT COUNT(*) FROM audit_log WHERE action = 'ledger.seal'");
    assert!(seals >= 24, "each billing run and each month's payments sealed their rows: {seals}");
}

#[test]
fn an_edited_payment_amount_is_caught_with_its_table_and_id() {
    let (_dir, path) = demo_estate();
    let id = one(&path, "SELECT MAX(id) / 2 FROM payments");
    behind_the_back(&path, &format!("DROP TRIGGER payments_write_once; UPDATE payments SET amount = amount + 10000 WHERE id = {id};"));
    let (found, first_broken) = problems(&path);
    assert_eq!(found, [("payments".to_string(), id, Tamper::Edited)]);
    assert_eq!(first_broken, None, "the audit chain itself was not touched: only the seal sees this");
}

#[test]
fn a_deleted_receipt_is_caught() {
    let (_dir, path) = demo_estate();
    let id = one(&path, "SELECT MIN(id) + 3 FROM receipts");
    behind_the_back(&path, &format!("DROP TRIGGER receipts_keep; DELETE FROM receipts WHERE id = {id};"));
    assert_eq!(problems(&path).0, [("receipts".to_string(), id, Tamper::Deleted)]);
}

#[test]
fn an_inserted_bill_is_caught() {
    let (_dir, path) = demo_estate();
    behind_the_back(
        &path,
        "INSERT INTO bills (unit_id, kind, fee_item_id, period, period_end, price, quantity, amount, created_at)
         VALUES (1, 'charge', 1, '2019-01', '2019-01', '2.20', '89.50', 19690, '2019-01-01T09:00:00+08:00');",
    );
    let id = one(&path, "SELECT MAX(id) FROM bills");
    assert_eq!(problems(&path).0, [("bills".to_string(), id, Tamper::Unsealed)]);
    // The program's next write seals only what it wrote itself: the forged bill stays unsealed.
    let mut db = Db::open(&path).unwrap();
    db.write("前台", |tx| tx.audit("test.step", "estate", 0, serde_json::json!({}))).unwrap();
    assert_eq!(problems(&path).0, [("bills".to_string(), id, Tamper::Unsealed)]);
}

#[test]
fn a_row_written_on_the_programs_connection_outside_a_write_is_not_sealed_by_the_next_write() {
    let (_dir, path) = demo_estate();
    let mut db = Db::open(&path).unwrap();
    db.conn().execute_batch("DROP TRIGGER waivers_keep").unwrap();
    db.conn()
        .execute("INSERT INTO waivers (bill_id, amount, reason, operator, created_at) VALUES (1, 1, '手工', '某人', '2026-01-01T09:00:00+08:00')", [])
        .unwrap();
    db.write("前台", |tx| tx.audit("test.step", "estate", 0, serde_json::json!({}))).unwrap();
    let id = one(&path, "SELECT MAX(id) FROM waivers");
    assert_eq!(problems(&path).0, [("waivers".to_string(), id, Tamper::Unsealed)]);
}

#[test]
fn every_kind_of_tampering_is_listed_table_by_table() {
    let (_dir, path) = demo_estate();
    let allocation = one(&path, "SELECT MIN(id) FROM allocations");
    let bill = one(&path, "SELECT MAX(id) FROM bills");
    behind_the_back(
        &path,
        &format!(
            "DROP TRIGGER allocations_write_once; UPDATE allocations SET bill_id = bill_id + 1 WHERE id = {allocation};
             DROP TRIGGER bills_keep; DELETE FROM bill_outstanding WHERE bill_id = {bill}; DELETE FROM bills WHERE id = {bill};"
        ),
    );
    let (found, first_broken) = problems(&path);
    assert_eq!(found, [("bills".to_string(), bill, Tamper::Deleted), ("allocations".to_string(), allocation, Tamper::Edited)]);
    assert_eq!(first_broken, None);
}

#[test]
fn erasing_a_payers_name_leaves_the_seal_whole() {
    let (_dir, path) = demo_estate();
    behind_the_back(&path, "DROP TRIGGER payments_write_once; UPDATE payments SET payer = '已删除', reference = '';");
    let (found, first_broken) = problems(&path);
    assert_eq!((found, first_broken), (vec![], None), "payer and reference are free text, outside the seal");
}

#[test]
fn an_edited_seal_breaks_the_chain() {
    let (_dir, path) = demo_estate();
    let entry = one(&path, "SELECT MIN(id) FROM audit_log WHERE action = 'ledger.seal'");
    behind_the_back(&path, &format!("DROP TRIGGER audit_write_once; UPDATE audit_log SET detail = '{{}}' WHERE id = {entry};"));
    let (found, first_broken) = problems(&path);
    assert_eq!(first_broken, Some(entry), "the seal lives inside the hash chain");
    assert!(!found.is_empty() && found.iter().all(|(_, _, kind)| *kind == Tamper::Unsealed), "its rows have lost their seal: {found:?}");
}

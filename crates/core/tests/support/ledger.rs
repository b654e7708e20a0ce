//! The ledger's invariants, checked on a real estate file after any change.
//! Shared by the core's property tests and the CLI's kill test (included with
//! `#[path]`), so both prove the same rules: the file is sound, every payment
//! has exactly one receipt, receipt numbers run without gaps per series,
//! allocations never exceed the payment or the bill, no deposit gives back more
//! than it held, every unit's balance equals its entries, the trigger-kept figures equal the ledger rows, the audit
//! chain verifies and every ledger row matches its seal.
#![allow(dead_code)] // each test binary uses part of it

use estate_core::db::Db;
use estate_core::fees::{self, Period};
use estate_core::{Money, arrears, audit, register};

fn count(db: &Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Panics, naming the broken rule and `context` (the step or the kill), unless the ledger is whole.
pub fn assert_whole(db: &Db, context: &str) {
    let c = db.conn();
    let integrity: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok", "{context}: integrity_check");
    let broken = |rule: &str, sql: &str| assert_eq!(count(db, sql), 0, "{context}: {rule}");
    broken("every payment has exactly one receipt", "SELECT COUNT(*) FROM payments p WHERE (SELECT COUNT(*) FROM receipts WHERE payment_id = p.id) <> 1");
    // Each series' counter equals its receipts (fee receipts or deposit receipts), numbered 1..n: no gap, no number used twice.
    broken(
        "receipt numbers are contiguous per series",
        "WITH numbered AS (SELECT series, number FROM receipts UNION ALL SELECT series, number FROM deposit_receipts)
         SELECT COUNT(*) FROM receipt_series s WHERE s.last_number <> (SELECT COUNT(DISTINCT number) FROM numbered WHERE series = s.series)
            OR s.last_number <> (SELECT COALESCE(MAX(number), 0) FROM numbered WHERE series = s.series)
            OR (SELECT COALESCE(MIN(number), 1) FROM numbered WHERE series = s.series) <> 1",
    );
    broken("no series holds both fee and deposit receipts", "SELECT COUNT(*) FROM deposit_receipts d WHERE EXISTS (SELECT 1 FROM receipts r WHERE r.series = d.series)");
    broken(
        "every deposit taken since deposit receipts has its receipt",
        "SELECT COUNT(*) FROM deposits d WHERE d.id > COALESCE((SELECT MIN(deposit_id) FROM deposit_receipts), 1 << 62) AND NOT EXISTS (SELECT 1 FROM deposit_receipts r WHERE r.deposit_id = d.id)",
    );
    broken("no receipt outside a series", "SELECT COUNT(*) FROM receipts r WHERE NOT EXISTS (SELECT 1 FROM receipt_series s WHERE s.series = r.series)");
    broken(
        "no bill gets more than it asks, none goes below zero paid",
        "SELECT COUNT(*) FROM bills b WHERE
            (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE bill_id = b.id) + (SELECT COALESCE(SUM(amount),0) FROM waivers WHERE bill_id = b.id) > b.amount
            OR (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE bill_id = b.id) < 0",
    );
    broken("no payment gives more than it has", "SELECT COUNT(*) FROM payments p WHERE (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE payment_id = p.id) NOT BETWEEN 0 AND p.amount");
    broken(
        "a voided payment gives nothing",
        "SELECT COUNT(*) FROM payments p JOIN receipts r ON r.payment_id = p.id JOIN receipt_voids v ON v.receipt_id = r.id
            WHERE (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE payment_id = p.id) <> 0",
    );
    broken(
        "bill_outstanding equals each bill's ledger rows",
        "SELECT COUNT(*) FROM bills b LEFT JOIN bill_outstanding o ON o.bill_id = b.id WHERE o.outstanding IS NOT b.amount
            - (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE bill_id = b.id) - (SELECT COALESCE(SUM(amount),0) FROM waivers WHERE bill_id = b.id)",
    );
    broken(
        "payment_unapplied equals each payment's ledger rows",
        "SELECT COUNT(*) FROM payments p LEFT JOIN payment_unapplied u ON u.payment_id = p.id
            WHERE u.unapplied IS NOT p.amount - (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE payment_id = p.id)",
    );
    broken(
        "no deposit gives back more than was taken",
        "SELECT COUNT(*) FROM deposits d WHERE (SELECT COALESCE(SUM(refunded + deducted), 0) FROM deposit_refunds WHERE deposit_id = d.id) > d.amount",
    );
    assert_balances_equal_entries(db, context);
    let verified = audit::verify(c).unwrap();
    assert_eq!(verified.first_broken, None, "{context}: the audit chain verifies");
    assert_eq!(verified.ledger.problems, [], "{context}: every ledger row matches its seal");
    assert_eq!(verified.ledger.sealed, verified.ledger.rows, "{context}: every ledger row is sealed once");
}

/// Every unit: balance = charges − credits of its statement; the all-units arrears
/// and the arrears report (as of a day when every bill is due) owe the same.
fn assert_balances_equal_entries(db: &Db, context: &str) {
    let c = db.conn();
    let arrears = fees::arrears(c).unwrap();
    let last_billed: Option<String> = c.query_row("SELECT MAX(period_end) FROM bills", [], |r| r.get(0)).unwrap();
    let last_day = last_billed.and_then(|p| Period::parse(&p).ok()).map(Period::last_day);
    let as_of = last_day.into_iter().fold(db.now().date_naive(), |a, b| a.max(b));
    let report = arrears::report(c, as_of, &Default::default()).unwrap();
    let mut stmt = c.prepare("SELECT code FROM units ORDER BY id").unwrap();
    let codes: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    for code in codes {
        let unit = register::find_unit(c, &code).unwrap();
        let owed = fees::balance(c, &unit).unwrap().owed;
        let listed = arrears.iter().find(|(id, _)| *id == unit.id).map_or(Money::ZERO, |(_, owed)| *owed);
        assert_eq!(listed, owed, "{context}: {code}: the arrears list owes what the balance does");
        let aged = report.units.iter().find(|u| u.unit_id == unit.id).map_or(Money::ZERO, |u| u.aged.total);
        assert_eq!(aged, owed, "{context}: {code}: the arrears report owes what the balance does");
        let s = fees::statement(c, &unit).unwrap();
        let charges: Money = s.lines.iter().map(|l| l.charge).sum();
        let credits: Money = s.lines.iter().map(|l| l.credit).sum();
        assert_eq!(s.owed - s.prepaid, charges - credits, "{context}: {code}: balance = charges − credits");
        assert!(!s.owed.fen().is_negative() && !s.prepaid.fen().is_negative(), "{context}: {code}: nothing negative");
    }
}

//! Ledger invariants under random sequences of desk work, on a real database file:
//! allocations never exceed the payment or the bill, a unit's balance equals
//! charges − credits, receipt numbers are contiguous per series.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use estate_core::db::Db;
use estate_core::fees::{self, Basis, Method, NewFee, NewPayment, Period};
use estate_core::register::{self, NewUnit, UnitType, rules};
use estate_core::{Money, audit};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Bill { month: u32 },
    Pay { unit: usize, fen: i64, choose_newest: bool },
    Void { nth: usize },
    Waive { unit: usize, fen: i64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1u32..=12).prop_map(|month| Op::Bill { month }),
        (0usize..3, 1i64..60_000, any::<bool>()).prop_map(|(unit, fen, choose_newest)| Op::Pay { unit, fen, choose_newest }),
        (0usize..20).prop_map(|nth| Op::Void { nth }),
        (0usize..3, 1i64..20_000).prop_map(|(unit, fen)| Op::Waive { unit, fen }),
    ]
}

fn check(db: &Db) {
    let c = db.conn();
    let one = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    // No bill gets more than it asks, no bill goes below zero paid.
    assert_eq!(one("SELECT COUNT(*) FROM bills b WHERE
        (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE bill_id = b.id) + (SELECT COALESCE(SUM(amount),0) FROM waivers WHERE bill_id = b.id) > b.amount
        OR (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE bill_id = b.id) < 0"), 0);
    // No payment gives more than it has; a voided one gives nothing.
    assert_eq!(one("SELECT COUNT(*) FROM payments p WHERE (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE payment_id = p.id) NOT BETWEEN 0 AND p.amount"), 0);
    assert_eq!(one("SELECT COUNT(*) FROM payments p JOIN receipts r ON r.payment_id = p.id JOIN receipt_voids v ON v.receipt_id = r.id
        WHERE (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE payment_id = p.id) <> 0"), 0);
    // The trigger-kept outstanding of every bill equals its ledger rows.
    assert_eq!(one("SELECT COUNT(*) FROM bills b LEFT JOIN bill_outstanding o ON o.bill_id = b.id WHERE o.outstanding IS NOT b.amount
        - (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE bill_id = b.id) - (SELECT COALESCE(SUM(amount),0) FROM waivers WHERE bill_id = b.id)"), 0);
    // The trigger-kept unapplied money of every payment equals its ledger rows.
    assert_eq!(one("SELECT COUNT(*) FROM payments p LEFT JOIN payment_unapplied u ON u.payment_id = p.id
        WHERE u.unapplied IS NOT p.amount - (SELECT COALESCE(SUM(amount),0) FROM allocations WHERE payment_id = p.id)"), 0);
    // Receipt numbers 1..n with no gap.
    assert_eq!(one("SELECT COUNT(*) FROM receipts"), one("SELECT COALESCE(MAX(number),0) FROM receipts"));
    // Balance = charges − credits, for every unit; the all-units arrears agree.
    let arrears = fees::arrears(c).unwrap();
    // As of a day when every billed month (2026) is due and every row is made.
    let as_of = db.now().date_naive().max(chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    let report = estate_core::arrears::report(c, as_of, &Default::default()).unwrap();
    for code in ["1-1-101", "1-1-102", "S1-101"] {
        let unit = register::find_unit(c, code).unwrap();
        let listed = arrears.iter().find(|(id, _)| *id == unit.id).map_or(Money::ZERO, |(_, owed)| *owed);
        assert_eq!(listed, fees::balance(c, &unit).unwrap().owed, "{code}");
        // Every bill is due by then, so the arrears report owes what the balance does.
        let aged = report.units.iter().find(|u| u.unit_id == unit.id).map_or(Money::ZERO, |u| u.aged.total);
        assert_eq!(aged, listed, "{code}: arrears report");
        let s = fees::statement(c, &unit).unwrap();
        let charges: Money = s.lines.iter().map(|l| l.charge).sum();
        let credits: Money = s.lines.iter().map(|l| l.credit).sum();
        assert_eq!(s.owed - s.prepaid, charges - credits, "{code}");
        assert!(!s.owed.fen().is_negative() && !s.prepaid.fen().is_negative());
    }
    assert_eq!(audit::verify(c).unwrap().first_broken, None);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn the_ledger_holds_under_any_sequence(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::create(&dir.path().join("estate.db"), "不变量小区").unwrap();
        let units: Vec<_> = [("1-1-101", UnitType::Residence, "88.50"), ("1-1-102", UnitType::Residence, "120.25"), ("S1-101", UnitType::Shop, "45")]
            .into_iter()
            .map(|(code, t, area)| {
                let new = NewUnit { code: rules::parse_unit_code(code).unwrap(), unit_type: t, area: Some(rules::parse_area(area).unwrap()), handover: None };
                db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
            })
            .collect();
        db.write("测试", |tx| {
            fees::add_fee(tx, &NewFee { name: "物业服务费".into(), basis: Basis::Area, price: "1.21".parse().unwrap(), unit_type: None, cycle_months: 1 })?;
            fees::add_fee(tx, &NewFee { name: "垃圾清运费".into(), basis: Basis::Unit, price: "10".parse().unwrap(), unit_type: None, cycle_months: 1 })
        }).unwrap();
        let mut receipts: Vec<String> = Vec::new();
        for op in ops {
            match op {
                Op::Bill { month } => {
                    let period = Period::new(2026, month).unwrap();
                    db.write("测试", |tx| fees::run_billing(tx, period, period, &mut |_, _| {})).unwrap();
                }
                Op::Pay { unit, fen, choose_newest } => {
                    let u = &units[unit];
                    let bills = fees::balance(db.conn(), u).unwrap().bills;
                    let chosen = if choose_newest { bills.last().map(|b| vec![b.id]).unwrap_or_default() } else { vec![] };
                    let p = NewPayment { amount: Money(fen), method: Method::Wechat, payer: "业主".into(), reference: String::new(), bills: chosen };
                    let paid = db.write("测试", |tx| fees::pay(tx, u, &p)).unwrap();
                    let after = fees::balance(db.conn(), u).unwrap();
                    prop_assert_eq!((paid.owed_after, paid.prepaid_after), (after.owed, after.prepaid));
                    receipts.push(paid.receipt_no);
                }
                Op::Void { nth } => {
                    if let Some(no) = receipts.get(nth) {
                        // Voiding twice is refused; both outcomes keep the ledger whole.
                        let _ = db.write("主管", |tx| fees::void_receipt(tx, no, "测试作废"));
                    }
                }
                Op::Waive { unit, fen } => {
                    if let Some(b) = fees::balance(db.conn(), &units[unit]).unwrap().bills.first() {
                        let amount = Money(fen).min(b.outstanding);
                        db.write("主管", |tx| fees::waive(tx, b.id, amount, "测试减免")).unwrap();
                    }
                }
            }
            check(&db);
        }
    }
}

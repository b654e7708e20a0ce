//! The deposit ledger on a small estate with known figures.

use chrono::{FixedOffset, NaiveDate, TimeZone};

use super::*;
use crate::db::{Clock, Db};
use crate::testing::yuan;
use crate::register::{self, NewUnit, UnitType, rules as reg_rules};

fn on(db: &mut Db, date: &str) {
    let t = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap().and_hms_opt(10, 0, 0).unwrap();
    db.set_clock(Clock::Fixed(FixedOffset::east_opt(8 * 3600).unwrap().from_local_datetime(&t).unwrap()));
}

fn estate() -> (Db, Unit) {
    let mut db = Db::in_memory("测试小区").unwrap();
    on(&mut db, "2026-03-02");
    let new = NewUnit { code: reg_rules::parse_unit_code("1-1-101").unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area("90").unwrap()), handover: None };
    let unit = db.write("测试", |tx| register::add_unit(tx, &new)).unwrap();
    (db, unit)
}

fn renovation(amount: &str) -> NewDeposit {
    NewDeposit { kind: "装修".into(), amount: yuan(amount), method: Method::Transfer, payer: " 张三 ".into(), note: String::new() }
}

fn refund(refund: &str, deduct: &str, reason: &str) -> NewRefund {
    NewRefund { refund: yuan(refund), deduct: yuan(deduct), reason: reason.into() }
}

#[test]
fn a_deposit_is_held_until_refunded_less_deductions() {
    let (mut db, unit) = estate();
    let d = db.write("前台", |tx| take(tx, &unit, &renovation("2000.00"))).unwrap();
    assert_eq!((d.kind.as_str(), d.amount, d.held, d.payer.as_str(), d.method.as_str(), d.operator.as_str()), ("装修押金", yuan("2000.00"), yuan("2000.00"), "张三", "转账", "前台"));
    on(&mut db, "2026-05-20");
    let after = db.write("主管", |tx| super::refund(tx, d.id, &refund("1500.00", "300.00", "损坏楼道墙面"))).unwrap();
    assert_eq!((after.refunded, after.deducted, after.held), (yuan("1500.00"), yuan("300.00"), yuan("200.00")));
    assert_eq!(after.refunds[0].reason, "损坏楼道墙面");
    assert!(after.refunds[0].refunded_at.starts_with("2026-05-20"));
    let last = db.write("主管", |tx| super::refund(tx, d.id, &refund("200.00", "0", ""))).unwrap();
    assert_eq!(last.held, Money::ZERO);
    assert_eq!(list(db.conn(), Some(&unit), true).unwrap(), vec![]);
    assert_eq!(list(db.conn(), None, false).unwrap(), vec![last]);
}

#[test]
fn refunds_beyond_what_is_held_are_refused_and_write_nothing() {
    let (mut db, unit) = estate();
    let d = db.write("前台", |tx| take(tx, &unit, &renovation("1000.00"))).unwrap();
    let err = db.write("主管", |tx| super::refund(tx, d.id, &refund("800.00", "200.01", "清运垃圾"))).unwrap_err();
    assert_eq!(err.code(), "deposit.refund_too_large");
    assert!(err.to_string().contains("现存的 1000.00 元"), "{err}");
    assert_eq!(db.write("主管", |tx| super::refund(tx, d.id, &refund("0", "100", " "))).unwrap_err().code(), "deposit.reason_required");
    assert_eq!(db.write("主管", |tx| super::refund(tx, 99, &refund("1", "0", ""))).unwrap_err().code(), "deposit.not_found");
    db.write("主管", |tx| super::refund(tx, d.id, &refund("1000.00", "0", ""))).unwrap();
    assert_eq!(db.write("主管", |tx| super::refund(tx, d.id, &refund("0.01", "0", ""))).unwrap_err().code(), "deposit.settled");
    let rows: i64 = db.conn().query_row("SELECT COUNT(*) FROM deposit_refunds", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn the_database_itself_refuses_an_over_refund_and_edits() {
    let (mut db, unit) = estate();
    let d = db.write("前台", |tx| take(tx, &unit, &renovation("100.00"))).unwrap();
    let conn = db.conn();
    let over = conn.execute("INSERT INTO deposit_refunds (deposit_id, refunded, deducted, reason, refunded_at, operator) VALUES (?1, 10001, 0, '', 'x', 'x')", [d.id]);
    assert!(over.unwrap_err().to_string().contains("cannot exceed"));
    assert!(conn.execute("UPDATE deposits SET amount = 1", []).is_err());
    assert!(conn.execute("DELETE FROM deposits", []).is_err());
}

#[test]
fn bad_input_is_refused_in_chinese() {
    let (mut db, unit) = estate();
    let err = db.write("前台", |tx| take(tx, &unit, &NewDeposit { kind: "停车".into(), ..renovation("1") })).unwrap_err();
    assert_eq!(err.code(), "deposit.bad_kind");
    assert_eq!(db.write("前台", |tx| take(tx, &unit, &renovation("0"))).unwrap_err().code(), "amount.not_positive");
    let deposits: i64 = db.conn().query_row("SELECT COUNT(*) FROM deposits", [], |r| r.get(0)).unwrap();
    assert_eq!(deposits, 0);
}

//! The daily close on a small estate with known figures.

use chrono::{FixedOffset, TimeZone};

use super::*;
use crate::db::{Clock, Db};
use crate::fees::{self, Basis, NewFee, NewPayment, Period};
use crate::register::{self, NewUnit, Unit, UnitType, rules as reg_rules};
use crate::testing::{day, yuan};

const LI: &str = "前台小李";
const WANG: &str = "前台小王";

/// `testing::on`, at a chosen hour: a close comes at the end of the day, a void the same evening.
fn at(db: &mut Db, date: &str, hour: u32) {
    let t = day(date).and_hms_opt(hour, 0, 0).unwrap();
    db.set_clock(Clock::Fixed(FixedOffset::east_opt(8 * 3600).unwrap().from_local_datetime(&t).unwrap()));
}

fn unit(db: &mut Db, code: &str, area: &str) -> Unit {
    let new = NewUnit { code: reg_rules::parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area(area).unwrap()), handover: None };
    db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
}

fn pay(db: &mut Db, clerk: &str, u: &Unit, amount: &str, method: Method) -> crate::Result<String> {
    let p = NewPayment { amount: yuan(amount), method, payer: "业主".into(), reference: String::new(), bills: vec![] };
    db.write(clerk, |tx| fees::pay(tx, u, &p)).map(|r| r.receipt_no)
}

fn void(db: &mut Db, receipt_no: &str) -> crate::Result<fees::VoidResult> {
    db.write("主管", |tx| fees::void_receipt(tx, receipt_no, "收错房号"))
}

fn close(db: &mut Db, clerk: &str, date: &str, counted: &str, note: &str) -> crate::Result<DaySummary> {
    db.write(clerk, |tx| close_day(tx, clerk, day(date), yuan(counted), note))
}

/// 1-1-101 (100 ㎡) and 1-1-102 (50 ㎡), 物业服务费 2.00/㎡ and 垃圾清运费 10.00/户
/// a month, January and February 2026 billed on 1 January: 1-1-101 owes
/// 2 × (200 + 10) = 420.00, 1-1-102 owes 2 × (100 + 10) = 220.00.
fn estate() -> (Db, Unit, Unit) {
    let mut db = Db::in_memory("翠湖花园").unwrap();
    at(&mut db, "2026-01-01", 9);
    let a = unit(&mut db, "1-1-101", "100");
    let b = unit(&mut db, "1-1-102", "50");
    db.write("测试", |tx| {
        fees::add_fee(tx, &NewFee { name: "物业服务费".into(), basis: Basis::Area, price: "2".parse().unwrap(), unit_type: None, cycle_months: 1 })?;
        fees::add_fee(tx, &NewFee { name: "垃圾清运费".into(), basis: Basis::Unit, price: "10".parse().unwrap(), unit_type: None, cycle_months: 1 })?;
        fees::run_billing(tx, Period::new(2026, 1).unwrap(), Period::new(2026, 2).unwrap(), &mut |_, _| {})
    })
    .unwrap();
    (db, a, b)
}

/// The lines that moved: name, receipts taken, taken, net.
fn lines<'a>(ls: impl IntoIterator<Item = &'a Line>) -> Vec<(&'a str, u32, String, String)> {
    ls.into_iter().filter(|l| l.count + l.reversals > 0).map(|l| (l.name.as_str(), l.count, l.taken.to_string(), l.amount.to_string())).collect()
}

fn methods(s: &DaySummary) -> Vec<(&str, u32, String, String)> {
    lines(s.totals.by_method.iter().map(|m| &m.line))
}

#[test]
fn a_day_by_method_and_item_with_a_same_day_void() {
    let (mut db, a, b) = estate();
    at(&mut db, "2026-01-10", 9);
    // 1-1-101 pays 500.00 cash: 物业服务费 2 × 200, 垃圾清运费 2 × 10, 80.00 kept as prepayment.
    let first = pay(&mut db, LI, &a, "500", Method::Cash).unwrap();
    // 1-1-102 pays 110.00 by WeChat: January's 物业服务费 100 and 垃圾清运费 10.
    let second = pay(&mut db, LI, &b, "110", Method::Wechat).unwrap();
    // Another 50.00 cash, taken and voided the same day: listed, not in the takings.
    let third = pay(&mut db, LI, &b, "50", Method::Cash).unwrap();
    void(&mut db, &third).unwrap();
    // Another clerk's payment is not 小李's.
    pay(&mut db, WANG, &b, "10", Method::Cash).unwrap();

    let s = summary(db.conn(), LI, day("2026-01-10")).unwrap();
    assert_eq!(methods(&s), [("现金", 1, "500.00".into(), "500.00".into()), ("微信", 1, "110.00".into(), "110.00".into())]);
    assert_eq!(
        lines(&s.totals.by_item),
        [("物业服务费", 2, "500.00".into(), "500.00".into()), ("垃圾清运费", 2, "30.00".into(), "30.00".into()), ("预存款", 1, "80.00".into(), "80.00".into())]
    );
    assert_eq!((s.totals.total.count, s.totals.total.amount, s.totals.cash_expected), (2, yuan("610"), yuan("500")));
    assert_eq!((s.receipt_count, s.first_receipt.as_deref(), s.last_receipt.as_deref()), (3, Some(first.as_str()), Some(third.as_str())));
    let statuses: Vec<(&str, &str)> = s.receipts.iter().map(|r| (r.receipt_no.as_str(), r.status)).collect();
    assert_eq!(statuses, [(first.as_str(), "收款"), (second.as_str(), "收款"), (third.as_str(), "当日作废")]);
    assert_eq!(s.voided.len(), 1);
    assert_eq!((s.voided[0].receipt_no.as_str(), s.voided[0].amount, s.voided[0].reversal, s.voided[0].reason.as_str()), (third.as_str(), yuan("50"), false, "收错房号"));
    assert!(s.close.is_none());
}

#[test]
fn closing_records_the_count_and_locks_the_day() {
    let (mut db, a, _) = estate();
    at(&mut db, "2026-01-10", 9);
    pay(&mut db, LI, &a, "300", Method::Cash).unwrap();
    pay(&mut db, LI, &a, "20", Method::Alipay).unwrap();
    at(&mut db, "2026-01-10", 18);
    // 0.50 short: refused without a note, nothing written.
    let refused = close(&mut db, LI, "2026-01-10", "299.50", " ").unwrap_err();
    assert_eq!(refused.code(), "close.note_required");
    assert!(refused.to_string().contains("相差 -0.50 元"), "{refused}");
    assert!(summary(db.conn(), LI, day("2026-01-10")).unwrap().close.is_none());

    let s = close(&mut db, LI, "2026-01-10", "299.50", "找零多找 0.50 元").unwrap();
    let c = s.close.unwrap();
    assert_eq!((c.receipts, c.takings, c.cash_expected, c.cash_counted, c.difference), (2, yuan("320"), yuan("300"), yuan("299.50"), yuan("-0.50")));
    assert_eq!((c.note.as_str(), c.closed_by.as_str()), ("找零多找 0.50 元", LI));
    assert_eq!(c.closed_at, "2026-01-10T18:00:00+08:00");
    assert_eq!(closes(db.conn(), Some(Period::new(2026, 1).unwrap())).unwrap(), std::slice::from_ref(&c));
    assert!(closes(db.conn(), Some(Period::new(2026, 2).unwrap())).unwrap().is_empty());

    // The day is locked for 小李; another clerk still takes money; a second close is refused.
    let e = pay(&mut db, LI, &a, "10", Method::Cash).unwrap_err();
    assert_eq!(e.code(), "close.day_locked");
    assert_eq!(e.to_string(), "前台小李 2026-01-10 的账已经日结锁定，这笔收款不能再记入这一天。请明天再收，或由还没有日结的前台收款。");
    pay(&mut db, WANG, &a, "10", Method::Cash).unwrap();
    let again = close(&mut db, LI, "2026-01-10", "299.50", "x").unwrap_err();
    assert_eq!(again.code(), "close.already_closed");
    assert!(again.to_string().contains("前台小李 于 2026-01-10T18:00:00+08:00"), "{again}");
    // The next day is open.
    at(&mut db, "2026-01-11", 9);
    pay(&mut db, LI, &a, "10", Method::Cash).unwrap();
    let audit: String = db.conn().query_row("SELECT detail FROM audit_log WHERE action = 'day.close'", [], |r| r.get(0)).unwrap();
    assert!(audit.contains("\"difference\":\"-0.50\""), "{audit}");
}

#[test]
fn a_void_of_a_closed_days_receipt_is_a_reversal_on_the_day_of_the_void() {
    let (mut db, a, _) = estate();
    at(&mut db, "2026-01-10", 9);
    let no = pay(&mut db, LI, &a, "210", Method::Cash).unwrap();
    close(&mut db, LI, "2026-01-10", "210", "").unwrap();
    let before = summary(db.conn(), LI, day("2026-01-10")).unwrap();

    // Voided the same evening: it would land on the closed day, so it is refused.
    at(&mut db, "2026-01-10", 20);
    let e = void(&mut db, &no).unwrap_err();
    assert_eq!(e.code(), "close.day_locked");
    assert!(e.to_string().contains(&format!("收据 {no} 是 前台小李 收的")), "{e}");

    // Voided the next day: a reversal in the 11th's close, the 10th unchanged.
    at(&mut db, "2026-01-11", 9);
    void(&mut db, &no).unwrap();
    pay(&mut db, LI, &a, "100", Method::Cash).unwrap();
    let after = summary(db.conn(), LI, day("2026-01-10")).unwrap();
    assert_eq!((after.totals.clone(), after.receipts.len()), (before.totals.clone(), before.receipts.len()));
    assert_eq!(after.close.as_ref().unwrap().takings, after.totals.total.amount);

    let next = summary(db.conn(), LI, day("2026-01-11")).unwrap();
    let cash = &next.totals.by_method[0].line;
    assert_eq!((cash.count, cash.taken, cash.reversals, cash.reversed, cash.amount), (1, yuan("100"), 1, yuan("210"), yuan("-110")));
    assert_eq!(next.totals.cash_expected, yuan("-110"));
    assert_eq!(lines(&next.totals.by_item), [("物业服务费", 1, "100.00".into(), "-100.00".into()), ("垃圾清运费", 0, "0.00".into(), "-10.00".into())]);
    assert_eq!((next.receipt_count, next.voided.len(), next.voided[0].reversal, next.voided[0].paid_on), (1, 1, true, day("2026-01-10")));
    assert_eq!(next.receipts.last().map(|r| r.status), Some("冲回"));
}

#[test]
fn a_day_with_nothing_taken_closes_at_zero() {
    let (mut db, _, _) = estate();
    at(&mut db, "2026-01-10", 18);
    db.write("主管", |tx| crate::staff::create_first_supervisor(tx, "主管", "secret-01")).unwrap();
    let s = db.write("主管", |tx| close_day(tx, "主管", day("2026-01-10"), Money::ZERO, "")).unwrap();
    let c = s.close.unwrap();
    assert_eq!((c.receipts, c.takings, c.cash_expected, c.difference), (0, Money::ZERO, Money::ZERO, Money::ZERO));
    // A name nobody has, a day still to come: refused, nothing written.
    assert_eq!(close(&mut db, "张珊", "2026-01-10", "0", "").unwrap_err().code(), "close.unknown_clerk");
    let e = db.write("主管", |tx| close_day(tx, "主管", day("2026-01-11"), Money::ZERO, "")).unwrap_err();
    assert_eq!(e.code(), "close.future_day");
    assert_eq!(closes(db.conn(), None).unwrap().len(), 1);
    assert_eq!(clerks(db.conn()).unwrap(), ["主管"]);
}

#[test]
fn a_close_row_is_written_once() {
    let (mut db, a, _) = estate();
    at(&mut db, "2026-01-10", 9);
    pay(&mut db, LI, &a, "10", Method::Cash).unwrap();
    close(&mut db, LI, "2026-01-10", "10", "").unwrap();
    assert!(db.conn().execute("UPDATE day_closes SET cash_counted = 0", []).is_err());
    assert!(db.conn().execute("DELETE FROM day_closes", []).is_err());
}

#[test]
fn a_day_is_read_by_index_never_by_walking_the_ledger() {
    let (db, _, _) = estate();
    for sql in [store::items_sql(), store::receipts_sql()] {
        let mut stmt = db.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let plan: Vec<String> = stmt.query_map(params_day(), |r| r.get(3)).unwrap().map(|r| r.unwrap()).collect();
        let plan = plan.join("\n");
        assert!(plan.contains("payments_by_operator (operator=? AND paid_at>? AND paid_at<?)"), "{plan}");
        assert!(plan.contains("receipt_voids_by_time"), "voids found by their time: {plan}");
        for table in ["payments", "allocations", "receipts", "receipt_voids", "bills"] {
            assert!(!plan.contains(&format!("SCAN {table}")), "{table} scanned: {plan}");
        }
        assert!(!plan.contains("reverses_id"), "not every allocation ever made: {plan}");
    }
}

fn params_day() -> [&'static str; 3] {
    [LI, "2026-01-10", "2026-01-11"]
}

#[test]
fn late_fees_collected_are_their_own_line_of_the_day() {
    let (mut db, _, b) = estate();
    let rule = crate::latefee::Rule { daily_rate: "0.001".parse().unwrap(), grace_days: 0, cap_percent: None, from: day("2026-01-01") };
    db.write("测试", |tx| crate::latefee::set_rule(tx, "物业服务费", &rule)).unwrap();
    at(&mut db, "2026-01-21", 9);
    let due = crate::latefee::unit_late_fees(db.conn(), &b, day("2026-01-21")).unwrap().total;
    assert!(due.is_positive(), "January's 物业服务费 is 20 days late");
    // 1-1-102 pays 300.00 cash: its late fee first, then its bills, the rest kept.
    pay(&mut db, LI, &b, "300", Method::Cash).unwrap();

    let s = summary(db.conn(), LI, day("2026-01-21")).unwrap();
    let by_item = lines(&s.totals.by_item);
    let late = by_item.iter().find(|l| l.0 == "违约金").expect("a 违约金 line");
    assert_eq!((late.1, late.3.clone()), (1, due.to_string()));
    assert_eq!(by_item.iter().map(|l| l.3.parse::<rust_decimal::Decimal>().unwrap()).sum::<rust_decimal::Decimal>(), "300".parse().unwrap(), "the items add up to the takings");
}

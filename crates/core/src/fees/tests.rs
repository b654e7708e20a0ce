//! Rules of the fee ledger, on an in-memory database.

use std::str::FromStr;

use chrono::{FixedOffset, TimeZone};
use rust_decimal::Decimal;

use super::*;
use crate::error::Coded;
use crate::db::{Clock, Db, settings};
use crate::register::{self, Area, NewUnit, Unit, UnitType, rules};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

fn yuan(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn db_at(date: &str) -> Db {
    let mut db = Db::in_memory("测试小区").unwrap();
    set_day(&mut db, date);
    db
}

fn set_day(db: &mut Db, date: &str) {
    let day = rules::parse_date(date).unwrap().and_hms_opt(9, 0, 0).unwrap();
    db.set_clock(Clock::Fixed(FixedOffset::east_opt(8 * 3600).unwrap().from_local_datetime(&day).unwrap()));
}

fn unit(db: &mut Db, code: &str, t: UnitType, area: Option<&str>, handover: Option<&str>) -> Unit {
    let new = NewUnit {
        code: rules::parse_unit_code(code).unwrap(),
        unit_type: t,
        area: area.map(|a| rules::parse_area(a).unwrap()),
        handover: handover.map(|h| rules::parse_date(h).unwrap()),
    };
    db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
}

fn fee(db: &mut Db, name: &str, basis: Basis, price: &str, t: Option<UnitType>, cycle: u32) -> FeeItem {
    let f = NewFee { name: name.into(), basis, price: d(price), unit_type: t, cycle_months: cycle };
    db.write("测试", |tx| add_fee(tx, &f)).unwrap()
}

fn bill(db: &mut Db, from: &str, to: &str) -> BillingReport {
    db.write("测试", |tx| run_billing(tx, p(from), p(to), &mut |_, _| {})).unwrap()
}

fn pay_as(db: &mut Db, u: &Unit, amount: &str, bills: Vec<i64>) -> crate::Result<PaymentResult> {
    let np = NewPayment { amount: yuan(amount), method: Method::Cash, payer: "张三".into(), reference: String::new(), bills };
    db.write("前台小李", |tx| pay(tx, u, &np))
}

fn owed(db: &Db, u: &Unit) -> Money {
    balance(db.conn(), u).unwrap().owed
}

fn prepaid(db: &Db, u: &Unit) -> Money {
    balance(db.conn(), u).unwrap().prepaid
}

#[test]
fn a_bill_line_is_rounded_once_half_away_from_zero() {
    let mut db = db_at("2026-11-01");
    let u = unit(&mut db, "3-2-1502", UnitType::Residence, Some("88.50"), None);
    fee(&mut db, "物业服务费", Basis::Area, "1.21", None, 1);
    let r = bill(&mut db, "2026-11", "2026-11");
    assert_eq!((r.bills, r.total), (1, Money(10709)), "88.50 × 1.21 = 107.085 → 107.09");
    assert_eq!(balance(db.conn(), &u).unwrap().bills[0].quantity, "88.50㎡");
}

#[test]
fn running_a_billing_run_again_bills_nothing_twice() {
    let mut db = db_at("2026-11-01");
    unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    unit(&mut db, "1-1-102", UnitType::Residence, Some("80"), None);
    fee(&mut db, "物业服务费", Basis::Area, "2.00", None, 1);
    fee(&mut db, "垃圾清运费", Basis::Unit, "10", None, 1);
    let first = bill(&mut db, "2026-01", "2026-12");
    assert_eq!((first.bills, first.total), (48, Money(12 * (20000 + 16000 + 2000))));
    let again = bill(&mut db, "2026-01", "2026-12");
    assert_eq!((again.bills, again.total, again.skipped_existing), (0, Money::ZERO, 48));
    let overlap = bill(&mut db, "2026-12", "2027-01");
    assert_eq!((overlap.bills, overlap.skipped_existing), (4, 4));
}

#[test]
fn prices_by_unit_type_and_per_unit_override() {
    let mut db = db_at("2026-11-01");
    let home = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    let shop = unit(&mut db, "S1-101", UnitType::Shop, Some("50"), None);
    let spot = unit(&mut db, "P-001", UnitType::Parking, None, None);
    let special = unit(&mut db, "S1-102", UnitType::Shop, Some("50"), None);
    fee(&mut db, "物业服务费", Basis::Area, "2.00", Some(UnitType::Residence), 1);
    fee(&mut db, "物业服务费", Basis::Area, "4.50", Some(UnitType::Shop), 1);
    fee(&mut db, "车位管理费", Basis::Unit, "80", Some(UnitType::Parking), 1);
    db.write("主管", |tx| set_unit_price(tx, &special, "物业服务费", d("3.8"))).unwrap();
    bill(&mut db, "2026-11", "2026-11");
    assert_eq!(owed(&db, &home), yuan("200"));
    assert_eq!(owed(&db, &shop), yuan("225"));
    assert_eq!(owed(&db, &spot), yuan("80"), "a parking space pays no area fee, only its own");
    assert_eq!(owed(&db, &special), yuan("190"));
    let twice = NewFee { name: "物业服务费".into(), basis: Basis::Area, price: d("9"), unit_type: Some(UnitType::Shop), cycle_months: 1 };
    let err = db.write("测试", |tx| add_fee(tx, &twice)).unwrap_err();
    assert_eq!(err.code(), "fee.exists");
}

#[test]
fn handover_date_cycles_quantities_and_one_off_items() {
    let mut db = db_at("2026-11-01");
    let late = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), Some("2026-03-15"));
    let other = unit(&mut db, "1-1-102", UnitType::Residence, Some("100"), None);
    fee(&mut db, "物业服务费", Basis::Area, "1", None, 3);
    fee(&mut db, "水费", Basis::Quantity, "3.5", None, 1);
    fee(&mut db, "装修押金管理费", Basis::Once, "200", None, 1);
    db.write("测试", |tx| set_quantity(tx, &other, "水费", p("2026-02"), d("12.5"))).unwrap();
    let r = bill(&mut db, "2026-01", "2026-06");
    // Quarterly in Jan and Apr: `late` only from April (handed over in March). Water: one reading.
    let b = balance(db.conn(), &late).unwrap();
    let periods: Vec<_> = b.bills.iter().map(|x| (x.item.as_str(), x.period.as_str(), x.amount)).collect();
    assert_eq!(periods, [("装修押金管理费", "2026-03", yuan("200")), ("物业服务费", "2026-04~2026-06", yuan("300"))]);
    assert_eq!(owed(&db, &other), yuan("600") + yuan("43.75") + yuan("200"));
    assert_eq!(r.not_billed_missing_data, 9, "water for the 9 billable unit-months without a reading");
    bill(&mut db, "2026-07", "2026-12");
    let once_count = balance(db.conn(), &other).unwrap().bills.iter().filter(|x| x.item == "装修押金管理费").count();
    assert_eq!(once_count, 1, "a one-off item is billed once, ever");
}

#[test]
fn units_without_area_are_not_billed_by_area_and_are_counted() {
    let mut db = db_at("2026-11-01");
    unit(&mut db, "P-001", UnitType::Parking, None, None);
    fee(&mut db, "物业服务费", Basis::Area, "2", None, 1);
    let r = bill(&mut db, "2026-11", "2026-11");
    assert_eq!((r.bills, r.not_billed_missing_data), (0, 1));
}

#[test]
fn bad_periods_are_refused() {
    let mut db = db_at("2026-11-01");
    let err = db.write("测试", |tx| run_billing(tx, p("2026-12"), p("2026-01"), &mut |_, _| {})).unwrap_err();
    assert_eq!(err.code(), "period.range");
    let err = db.write("测试", |tx| run_billing(tx, p("2016-01"), p("2026-12"), &mut |_, _| {})).unwrap_err();
    assert_eq!(err.code(), "period.too_long");
    assert_eq!(Period::parse("2026-13").unwrap_err().to_string(), "月份“2026-13”认不出，应写成 2026-11。");
}

#[test]
fn payments_go_to_the_oldest_bills_first_and_the_rest_is_prepaid() {
    let mut db = db_at("2026-11-01");
    let u = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    db.write("测试", |tx| add_opening_balance(tx, &u, yuan("50"))).unwrap();
    fee(&mut db, "物业服务费", Basis::Area, "2.00", None, 1);
    bill(&mut db, "2026-10", "2026-11");
    let r = pay_as(&mut db, &u, "300", vec![]).unwrap();
    let got: Vec<_> = r.allocated.iter().map(|a| (a.item.as_str(), a.amount)).collect();
    assert_eq!(got, [("期初欠费", yuan("50")), ("物业服务费", yuan("200")), ("物业服务费", yuan("50"))]);
    assert_eq!((r.prepaid, r.owed_after), (Money::ZERO, yuan("150")));
    let r = pay_as(&mut db, &u, "200", vec![]).unwrap();
    assert_eq!((r.prepaid, r.owed_after, r.prepaid_after), (yuan("50"), Money::ZERO, yuan("50")));
    // The prepayment is applied at the next billing run.
    let run = bill(&mut db, "2026-12", "2026-12");
    assert_eq!(run.prepaid_applied, yuan("50"));
    assert_eq!((owed(&db, &u), prepaid(&db, &u)), (yuan("150"), Money::ZERO));
}

#[test]
fn chosen_bills_are_paid_and_others_bills_refused() {
    let mut db = db_at("2026-11-01");
    let u = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    let v = unit(&mut db, "1-1-102", UnitType::Residence, Some("100"), None);
    fee(&mut db, "物业服务费", Basis::Area, "2.00", None, 1);
    bill(&mut db, "2026-10", "2026-11");
    let bills = balance(db.conn(), &u).unwrap().bills;
    let newest = bills[1].id;
    let r = pay_as(&mut db, &u, "200", vec![newest]).unwrap();
    assert_eq!(r.allocated[0].bill_id, newest);
    assert_eq!(balance(db.conn(), &u).unwrap().bills[0].id, bills[0].id, "the older bill is still open");
    let theirs = balance(db.conn(), &v).unwrap().bills[0].id;
    assert_eq!(pay_as(&mut db, &u, "10", vec![theirs]).unwrap_err().code(), "bill.not_of_unit");
    assert_eq!(pay_as(&mut db, &u, "10", vec![newest]).unwrap_err().code(), "bill.settled");
    assert_eq!(pay_as(&mut db, &u, "10", vec![99999]).unwrap_err().code(), "bill.not_found");
}

#[test]
fn bad_amounts_are_refused_and_leave_no_trace() {
    let mut db = db_at("2026-11-01");
    let u = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    for (amount, code) in [("0", "amount.not_positive"), ("-1", "amount.not_positive"), ("20000000", "amount.too_large")] {
        assert_eq!(pay_as(&mut db, &u, amount, vec![]).unwrap_err().code(), code, "{amount}");
    }
    let n: i64 = db.conn().query_row("SELECT COUNT(*) FROM payments", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
    let r = pay_as(&mut db, &u, "10", vec![]).unwrap();
    assert_eq!(r.receipt_no, "SF0000001", "failed payments took no receipt number");
    assert_eq!(Method::parse("bitcoin").unwrap_err().code(), "payment.bad_method");
    assert_eq!(Method::parse("微信").unwrap(), Method::Wechat);
}

#[test]
fn receipt_numbers_are_contiguous_per_series() {
    let mut db = db_at("2026-11-01");
    let u = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    let nos: Vec<String> = (0..3).map(|_| pay_as(&mut db, &u, "1", vec![]).unwrap().receipt_no).collect();
    assert_eq!(nos, ["SF0000001", "SF0000002", "SF0000003"]);
    db.write("主管", |tx| {
        settings::set(tx, settings::RECEIPT_SERIES, "B")?;
        tx.audit("settings.set", "settings", 0, serde_json::json!({}))
    })
    .unwrap();
    assert_eq!(pay_as(&mut db, &u, "1", vec![]).unwrap().receipt_no, "B0000001");
}

#[test]
fn voiding_reverses_the_payment_and_keeps_the_number() {
    let mut db = db_at("2026-11-01");
    let u = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    fee(&mut db, "物业服务费", Basis::Area, "2.00", None, 1);
    bill(&mut db, "2026-11", "2026-11");
    let r = pay_as(&mut db, &u, "250", vec![]).unwrap();
    bill(&mut db, "2026-12", "2026-12"); // the 50 prepaid goes onto December
    assert_eq!(owed(&db, &u), yuan("150"));
    let reason_missing = db.write("主管", |tx| void_receipt(tx, &r.receipt_no, "  ")).unwrap_err();
    assert_eq!(reason_missing.code(), "reason.required");
    let v = db.write("主管", |tx| void_receipt(tx, &r.receipt_no, "收错户")).unwrap();
    assert_eq!((v.amount, v.owed_after, v.prepaid_after), (yuan("250"), yuan("400"), Money::ZERO));
    let again = db.write("主管", |tx| void_receipt(tx, &r.receipt_no, "再来")).unwrap_err();
    assert_eq!(again.code(), "receipt.already_void");
    assert_eq!(db.write("主管", |tx| void_receipt(tx, "SF9999999", "x")).unwrap_err().code(), "receipt.not_found");
    assert_eq!(pay_as(&mut db, &u, "1", vec![]).unwrap().receipt_no, "SF0000002", "the voided number is never reused");
}

#[test]
fn a_units_receipts_come_newest_first_with_voids_and_prints() {
    let mut db = db_at("2026-11-01");
    let u = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    let other = unit(&mut db, "1-1-102", UnitType::Residence, Some("100"), None);
    fee(&mut db, "物业服务费", Basis::Area, "2.00", None, 1);
    bill(&mut db, "2026-11", "2026-11");
    let first = pay_as(&mut db, &u, "200", vec![]).unwrap();
    pay_as(&mut db, &other, "5", vec![]).unwrap();
    let second = pay_as(&mut db, &u, "1,000.50", vec![]).unwrap();
    db.write("主管", |tx| void_receipt(tx, &first.receipt_no, "收错户")).unwrap();
    db.write("前台", |tx| print_receipt(tx, &second.receipt_no)).unwrap();
    let list = receipts(db.conn(), &u).unwrap();
    let shown: Vec<_> = list.iter().map(|r| (r.receipt_no.as_str(), r.amount, r.void_reason.as_deref(), r.prints)).collect();
    assert_eq!(shown, [(second.receipt_no.as_str(), yuan("1000.50"), None, 1), (first.receipt_no.as_str(), yuan("200"), Some("收错户"), 0)]);
    assert!(list.iter().all(|r| r.method == "现金"));
}

#[test]
fn amounts_as_clerks_type_them_or_a_refusal_naming_the_text() {
    assert_eq!(parse_amount(" ¥1,234.5 ").unwrap(), yuan("1234.50"));
    let e = crate::Error::from(parse_amount("12.345").unwrap_err());
    assert_eq!(e.code(), "amount.invalid");
    assert!(e.to_string().contains("12.345"));
}

#[test]
fn waivers_need_a_reason_and_fit_the_bill() {
    let mut db = db_at("2026-11-01");
    let u = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    fee(&mut db, "物业服务费", Basis::Area, "2.00", None, 1);
    bill(&mut db, "2026-11", "2026-11");
    let id = balance(db.conn(), &u).unwrap().bills[0].id;
    let w = |db: &mut Db, amount: &str, reason: &str| db.write("主管", |tx| waive(tx, id, yuan(amount), reason));
    assert_eq!(w(&mut db, "10", "").unwrap_err().code(), "reason.required");
    assert_eq!(w(&mut db, "0", "空置").unwrap_err().code(), "amount.not_positive");
    assert_eq!(w(&mut db, "200.01", "空置").unwrap_err().code(), "waiver.too_large");
    assert_eq!(w(&mut db, "50", "空置减免").unwrap().outstanding_after, yuan("150"));
    assert_eq!(owed(&db, &u), yuan("150"));
    w(&mut db, "150", "空置减免").unwrap();
    assert_eq!(w(&mut db, "1", "再减").unwrap_err().code(), "bill.settled");
}

#[test]
fn ledger_rows_cannot_be_edited_or_deleted() {
    let mut db = db_at("2026-11-01");
    let u = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    fee(&mut db, "物业服务费", Basis::Area, "2.00", None, 1);
    bill(&mut db, "2026-11", "2026-11");
    pay_as(&mut db, &u, "100", vec![]).unwrap();
    for sql in ["UPDATE bills SET amount = 1", "DELETE FROM bills", "UPDATE payments SET amount = 1", "DELETE FROM allocations", "UPDATE receipts SET receipt_no = 'X'"] {
        assert!(db.conn().execute(sql, []).is_err(), "{sql}");
    }
}

#[test]
fn the_statement_runs_to_the_balance() {
    let mut db = db_at("2026-11-01");
    let u = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    db.write("测试", |tx| add_opening_balance(tx, &u, yuan("50"))).unwrap();
    fee(&mut db, "物业服务费", Basis::Area, "2.00", None, 1);
    bill(&mut db, "2026-11", "2026-11");
    set_day(&mut db, "2026-11-05");
    let r = pay_as(&mut db, &u, "300", vec![]).unwrap();
    set_day(&mut db, "2026-11-06");
    db.write("主管", |tx| void_receipt(tx, &r.receipt_no, "重复收款")).unwrap();
    set_day(&mut db, "2026-11-07");
    pay_as(&mut db, &u, "400", vec![]).unwrap();
    let s = statement(db.conn(), &u).unwrap();
    let kinds: Vec<_> = s.lines.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, ["charge", "charge", "payment", "void", "payment"]);
    assert_eq!(s.lines.last().unwrap().balance, s.owed - s.prepaid);
    assert_eq!((s.owed, s.prepaid), (Money::ZERO, yuan("150")));
    let audit = crate::audit::history(db.conn(), "unit", u.id).unwrap();
    assert!(audit.iter().any(|e| e.action == "receipt.void" && e.actor == "主管"));
}

#[test]
fn an_area_is_kept_exactly() {
    assert_eq!(rules::parse_area("88.50").unwrap(), Area(8850));
}

mod preview;

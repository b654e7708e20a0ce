//! Arrears ageing on a small estate with known figures.

use rust_decimal::Decimal;

use super::*;
use crate::db::Db;
use crate::fees::{self, Basis, Method, NewFee, NewPayment};
use crate::register::{self, NewUnit, Unit, UnitType, rules as reg_rules};
use crate::testing::{day, on, yuan};

fn unit(db: &mut Db, code: &str, area: &str) -> Unit {
    let new = NewUnit {
        code: reg_rules::parse_unit_code(code).unwrap(),
        unit_type: UnitType::Residence,
        area: Some(reg_rules::parse_area(area).unwrap()),
        handover: None,
    };
    db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
}

fn pay(db: &mut Db, u: &Unit, amount: &str) -> String {
    let p = NewPayment { amount: yuan(amount), method: Method::Cash, payer: String::new(), reference: String::new(), bills: vec![] };
    db.write("前台", |tx| fees::pay(tx, u, &p)).unwrap().receipt_no
}

/// 1-1-101 (100 ㎡) and 2-1-201 (50 ㎡), 物业服务费 2.00/㎡ and 垃圾清运费 10.00/户 a
/// month, billed January to June 2026 on 1 January; 2-1-201 pays 110.00 on 10 February.
fn estate() -> (Db, Unit, Unit) {
    let mut db = Db::in_memory("测试小区").unwrap();
    on(&mut db, "2026-01-01");
    let (a, b) = (unit(&mut db, "1-1-101", "100"), unit(&mut db, "2-1-201", "50"));
    for (name, basis, price) in [("物业服务费", Basis::Area, "2.00"), ("垃圾清运费", Basis::Unit, "10.00")] {
        let f = NewFee { name: name.into(), basis, price: price.parse::<Decimal>().unwrap(), unit_type: None, cycle_months: 1 };
        db.write("测试", |tx| fees::add_fee(tx, &f)).unwrap();
    }
    let (from, to) = (fees::Period::parse("2026-01").unwrap(), fees::Period::parse("2026-06").unwrap());
    db.write("测试", |tx| fees::run_billing(tx, from, to, &mut |_, _| ())).unwrap();
    on(&mut db, "2026-02-10");
    pay(&mut db, &b, "110.00");
    (db, a, b)
}

fn money(m: &[&str; 5]) -> [Money; 5] {
    m.map(yuan)
}

#[test]
fn bills_are_aged_from_their_due_date_and_future_bills_are_not_arrears() {
    let (db, _, _) = estate();
    let r = report(db.conn(), day("2026-03-15"), &Filter::default()).unwrap();
    assert_eq!(r.units.len(), 2);
    let a = &r.units[0];
    assert_eq!((a.unit.as_str(), a.owners.as_str()), ("1-1-101", ""));
    // January (73 days) and February (42 days) are 31–90; March (14 days) is 0–30; April on are not due.
    assert_eq!(a.aged.brackets, money(&["210.00", "420.00", "0", "0", "0"]));
    assert_eq!(a.aged.total, yuan("630.00"));
    assert_eq!(a.oldest_days, 73);
    let items: Vec<(&str, Money)> = a.by_item.iter().map(|i| (i.item.as_str(), i.owed)).collect();
    assert_eq!(items, [("物业服务费", yuan("600.00")), ("垃圾清运费", yuan("30.00"))]);
    let b = &r.units[1];
    assert_eq!(b.aged.brackets, money(&["110.00", "110.00", "0", "0", "0"]), "the payment settled January");
    assert_eq!(b.oldest_days, 42);
    assert_eq!(r.total.total, yuan("850.00"));
    assert_eq!(r.total.brackets, money(&["320.00", "530.00", "0", "0", "0"]));
}

#[test]
fn a_report_for_an_earlier_day_ignores_later_payments() {
    let (db, _, _) = estate();
    let r = report(db.conn(), day("2026-02-05"), &Filter::default()).unwrap();
    let b = r.units.iter().find(|u| u.unit == "2-1-201").unwrap();
    assert_eq!(b.aged.brackets, money(&["110.00", "110.00", "0", "0", "0"]), "January 35 days, February 4 days; paid on the 10th");
}

#[test]
fn a_voided_payment_owes_again_from_the_day_of_the_void() {
    let (mut db, _, b) = estate();
    on(&mut db, "2026-03-01");
    let no = pay(&mut db, &b, "110.00");
    on(&mut db, "2026-03-10");
    db.write("主管", |tx| fees::void_receipt(tx, &no, "收错户")).unwrap();
    let owed = |d: &str| report(db.conn(), day(d), &Filter::default()).unwrap().units.iter().find(|u| u.unit == "2-1-201").map(|u| u.aged.total);
    assert_eq!(owed("2026-03-05"), Some(yuan("110.00")), "February paid on the 1st, March still open");
    assert_eq!(owed("2026-03-10"), Some(yuan("220.00")), "after the void February is owed again");
}

#[test]
fn waivers_reduce_arrears_from_their_day() {
    let (mut db, a, _) = estate();
    on(&mut db, "2026-03-20");
    let jan = fees::balance(db.conn(), &a).unwrap().bills[0].id;
    db.write("主管", |tx| fees::waive(tx, jan, yuan("50.00"), "漏水补偿")).unwrap();
    let total = |d: &str| report(db.conn(), day(d), &Filter::default()).unwrap().units[0].aged.total;
    assert_eq!(total("2026-03-15"), yuan("630.00"));
    assert_eq!(total("2026-03-20"), yuan("580.00"));
}

#[test]
fn the_due_day_setting_moves_every_due_date() {
    let (mut db, _, _) = estate();
    db.write("主管", |tx| settings::change(tx, settings::DUE_DAY, "15")).unwrap();
    let r = report(db.conn(), day("2026-03-15"), &Filter::default()).unwrap();
    assert_eq!(r.due_day, 15);
    // January due 15 Jan (59 days), February 15 Feb (28), March today (0).
    assert_eq!(r.units[0].aged.brackets, money(&["420.00", "210.00", "0", "0", "0"]));
    assert_eq!(r.units[0].oldest_days, 59);
    assert!(db.write("主管", |tx| settings::change(tx, settings::DUE_DAY, "32")).is_err());
}

#[test]
fn filters_pick_units_and_the_totals_follow() {
    let (db, _, _) = estate();
    let as_of = day("2026-03-15");
    let only = |f: Filter| report(db.conn(), as_of, &f).unwrap();
    let old = only(Filter { min_days: 60, ..Filter::default() });
    assert_eq!(old.units.iter().map(|u| u.unit.as_str()).collect::<Vec<_>>(), ["1-1-101"]);
    assert_eq!(old.total.total, yuan("630.00"));
    let building = only(Filter { building: Some("2栋".into()), ..Filter::default() });
    assert_eq!(building.units.iter().map(|u| u.unit.as_str()).collect::<Vec<_>>(), ["2-1-201"]);
    assert_eq!(building.by_building, [Group { name: "2".into(), aged: building.units[0].aged }]);
    let big = only(Filter { min_amount: yuan("300.00"), ..Filter::default() });
    assert_eq!(big.units.len(), 1);
    let err = report(db.conn(), as_of, &Filter { building: Some("3-2".into()), ..Filter::default() }).unwrap_err();
    assert!(err.to_string().contains("楼栋“3-2”认不出"), "{err}");
}

#[test]
fn the_breakdowns_tie_out_to_the_total() {
    let (db, _, _) = estate();
    let r = report(db.conn(), day("2026-06-30"), &Filter::default()).unwrap();
    let sum = |list: &[Group]| list.iter().fold(Aged::default(), |mut acc, g| (acc.merge(&g.aged), acc).1);
    assert_eq!(sum(&r.by_building), r.total);
    assert_eq!(sum(&r.by_item), r.total);
    let units = r.units.iter().fold(Aged::default(), |mut acc, u| (acc.merge(&u.aged), acc).1);
    assert_eq!(units, r.total);
    assert_eq!(r.total.brackets.iter().copied().fold(Money(0), |a, b| a + b), r.total.total);
    assert_eq!(r.by_item.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["垃圾清运费", "物业服务费"]);
}

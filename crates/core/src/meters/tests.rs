//! Meters on a real (in-memory) database with the clock fixed: readings,
//! replacement, rollover, every anomaly, confirmation and correction, tiered
//! bills and 公摊 shares through the fee ledger's billing run, and the import.

use rust_decimal::Decimal;

use super::*;
use crate::db::Db;
use crate::fees::{NewFee, run_billing};
use crate::register::{NewPerson, NewUnit, Role, UnitType, rules as reg_rules};
use crate::register::import::ImportOptions;
use crate::testing::{day, on};

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// 1-1-101 (88.5㎡, 张三 lives there), 1-1-102 (120.25㎡, 李四), 1-1-103 (66㎡, empty);
/// fee items 水费 (2.70), 电费 (0.5283), 公摊电费 (1.00), all by quantity.
fn estate() -> Db {
    let mut db = Db::in_memory("测试小区").unwrap();
    on(&mut db, "2026-11-28");
    for (code, area, owner) in [("1-1-101", "88.5", Some("张三")), ("1-1-102", "120.25", Some("李四")), ("1-1-103", "66", None)] {
        let new = NewUnit { code: reg_rules::parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area(area).unwrap()), handover: None };
        let unit = db.write("测试", |tx| register::add_unit(tx, &new)).unwrap();
        if let Some(name) = owner {
            let person = NewPerson { name: name.into(), phones: vec![], id_number: None };
            db.write("测试", |tx| register::add_occupant(tx, &unit, &person, Role::Owner, day("2020-01-01"))).unwrap();
        }
    }
    for (name, price) in [("水费", "2.70"), ("电费", "0.5283"), ("公摊电费", "1.00")] {
        let fee = NewFee { name: name.into(), basis: Basis::Quantity, price: dec(price), unit_type: None, cycle_months: 1 };
        db.write("测试", |tx| fees::add_fee(tx, &fee)).unwrap();
    }
    db
}

fn add(db: &mut Db, unit: &str, kind: &str, start: &str, period: &str) -> Meter {
    let new = NewMeter { kind: kind.into(), unit: unit.into(), start: start.into(), period: period.into(), ..Default::default() };
    db.write("王前台", |tx| add_meter(tx, &new)).unwrap()
}

fn read_at(db: &mut Db, meter: &Meter, period: &str, value: &str) -> ReadingLine {
    db.write("王前台", |tx| read(tx, meter, p(period), value)).unwrap()
}

fn code(e: crate::Error) -> &'static str {
    e.code()
}

fn kinds(line: &ReadingLine) -> Vec<AnomalyKind> {
    line.anomalies.iter().map(|a| a.kind).collect()
}

#[test]
fn meters_are_added_and_found() {
    let mut db = estate();
    let water = add(&mut db, "1-1-101", "水", "1000", "2026-10");
    assert_eq!((water.label(), water.fee.as_str(), water.digits, water.start.as_str()), ("1-1-101 水表".to_string(), "水费", 5, "1000"));
    add(&mut db, "1-1-101", "电", "", "2026-10");
    // A unit has one meter of a kind; a unit with two needs the kind named.
    let again = NewMeter { kind: "water".into(), unit: "1-1-101".into(), ..Default::default() };
    assert_eq!(code(db.write("王前台", |tx| add_meter(tx, &again)).unwrap_err()), "meter.exists");
    assert_eq!(code(find_meter(db.conn(), "1-1-101", None).unwrap_err()), "meter.which_kind");
    assert_eq!(find_meter(db.conn(), "1栋1单元101", Some(MeterKind::Water)).unwrap().id, water.id);
    assert_eq!(code(find_meter(db.conn(), "1-1-102", None).unwrap_err()), "meter.not_found");
    // A meter billed on an item that is not by quantity, or on none, is refused.
    let fee = NewFee { name: "物业服务费".into(), basis: Basis::Area, price: dec("2.5"), unit_type: None, cycle_months: 1 };
    db.write("测试", |tx| fees::add_fee(tx, &fee)).unwrap();
    let wrong = NewMeter { kind: "gas".into(), unit: "1-1-102".into(), fee: "物业服务费".into(), ..Default::default() };
    assert_eq!(code(db.write("王前台", |tx| add_meter(tx, &wrong)).unwrap_err()), "meter.fee_not_quantity");
    let none = NewMeter { kind: "gas".into(), unit: "1-1-102".into(), ..Default::default() };
    assert_eq!(code(db.write("王前台", |tx| add_meter(tx, &none)).unwrap_err()), "meter.no_fee_item");
    let both = NewMeter { kind: "电".into(), unit: "1-1-102".into(), name: "1栋电梯".into(), ..Default::default() };
    assert_eq!(code(db.write("王前台", |tx| add_meter(tx, &both)).unwrap_err()), "meter.name_or_unit");
    // A unit meter under a shared meter of another kind is refused.
    let lift = NewMeter { kind: "电".into(), name: "1栋电梯".into(), building: "1栋".into(), ..Default::default() };
    let lift = db.write("李主管", |tx| add_meter(tx, &lift)).unwrap();
    assert_eq!((lift.building.as_deref(), lift.fee.as_str(), lift.label()), (Some("1"), "公摊电费", "1栋电梯（公用电表）".to_string()));
    let under = NewMeter { kind: "水".into(), unit: "1-1-102".into(), under: "1栋电梯".into(), ..Default::default() };
    assert_eq!(code(db.write("王前台", |tx| add_meter(tx, &under)).unwrap_err()), "meter.kind_mismatch");
    assert_eq!(meters(db.conn()).unwrap().len(), 3);
}

#[test]
fn readings_give_usage_and_refuse_a_second_entry() {
    let mut db = estate();
    let m = add(&mut db, "1-1-101", "水", "1000", "2026-10");
    let line = read_at(&mut db, &m, "2026-10", "1012");
    assert_eq!((line.last.as_str(), line.value.as_deref(), line.usage.as_deref()), ("1000", Some("1012"), Some("12")));
    let line = read_at(&mut db, &m, "2026-11", "1036.01");
    assert_eq!(line.usage.as_deref(), Some("24.01"));
    let e = db.write("王前台", |tx| read(tx, &m, p("2026-11"), "1040")).unwrap_err();
    assert_eq!(code(e), "meter.already_read");
    assert_eq!(code(db.write("王前台", |tx| read(tx, &m, p("2026-09"), "990")).unwrap_err()), "meter.before_start");
    assert_eq!(code(db.write("王前台", |tx| read(tx, &m, p("2026-12"), "100000")).unwrap_err()), "meter.bad_reading");
    let audit: i64 = db.conn().query_row("SELECT count(*) FROM audit_log WHERE action = 'meter.read'", [], |r| r.get(0)).unwrap();
    assert_eq!(audit, 2);
}

#[test]
fn rollover_is_usage_not_an_anomaly() {
    let mut db = estate();
    let m = add(&mut db, "1-1-101", "电", "99900", "2026-10");
    read_at(&mut db, &m, "2026-10", "99950");
    let line = read_at(&mut db, &m, "2026-11", "00030");
    assert_eq!((line.usage.as_deref(), line.rollover), (Some("80"), true));
    assert!(line.anomalies.is_empty());
}

#[test]
fn replacement_in_one_step_adds_both_registers() {
    let mut db = estate();
    let m = add(&mut db, "1-1-101", "水", "1100", "2026-10");
    read_at(&mut db, &m, "2026-10", "1200");
    // Final reading below the last one is refused.
    let bad = NewSwap { period: "2026-11".into(), old_final: "1150".into(), new_start: "0".into(), ..Default::default() };
    assert_eq!(code(db.write("王前台", |tx| replace(tx, &m, &bad)).unwrap_err()), "meter.final_below_last");
    let swap = NewSwap { period: "2026-11".into(), old_final: "1250".into(), new_start: "0".into(), digits: "6".into(), serial: "W2026-118".into(), note: "表坏".into() };
    let m = db.write("王前台", |tx| replace(tx, &m, &swap)).unwrap();
    assert_eq!(m.serial, "W2026-118");
    assert_eq!(code(db.write("王前台", |tx| replace(tx, &m, &swap)).unwrap_err()), "meter.already_swapped");
    // The new register reads 30: 1250 − 1200 on the old one + 30 − 0 on the new one.
    let line = read_at(&mut db, &m, "2026-11", "30");
    assert_eq!((line.last.as_str(), line.usage.as_deref(), line.swapped.as_deref()), ("0", Some("80"), Some("50")));
    assert!(line.anomalies.is_empty(), "a lower value after a replacement is not lower than last");
    // The new register has 6 digits.
    assert_eq!(read_at(&mut db, &m, "2026-12", "120000").usage.as_deref(), Some("119970"));
}

/// Twelve months of 12 a month from 2025-11 to 2026-10 on 1-1-101's water meter.
fn with_history(db: &mut Db) -> Meter {
    let m = add(db, "1-1-101", "水", "0", "2025-11");
    for i in 0..12 {
        read_at(db, &m, &p("2025-11").plus(i).to_string(), &(12 * (i + 1)).to_string());
    }
    m
}

#[test]
fn each_anomaly_is_found_by_the_check() {
    let mut db = estate();
    let m = with_history(&mut db);
    // Spike: 36.01 against an average of 12 at 3×; 36.00 would not be.
    let line = read_at(&mut db, &m, "2026-11", "180.01");
    assert_eq!((line.usage.as_deref(), line.average.as_deref()), (Some("36.01"), Some("12")));
    assert_eq!(kinds(&line), vec![AnomalyKind::Spike]);
    assert!(line.anomalies[0].message.contains("36.01") && line.anomalies[0].message.contains("3 倍"), "{}", line.anomalies[0].message);
    // 1-1-102 (lived in) reads the same as it started: zero on an occupied unit.
    let z = add(&mut db, "1-1-102", "水", "500", "2026-11");
    assert_eq!(kinds(&read_at(&mut db, &z, "2026-11", "500")), vec![AnomalyKind::ZeroOccupied]);
    // 1-1-103 (empty) reads zero too: not an anomaly.
    let e = add(&mut db, "1-1-103", "水", "10", "2026-11");
    assert!(read_at(&mut db, &e, "2026-11", "10").anomalies.is_empty());
    // Lower than last, not a rollover.
    let l = add(&mut db, "1-1-101", "电", "1200", "2026-11");
    assert_eq!(kinds(&read_at(&mut db, &l, "2026-11", "1100")), vec![AnomalyKind::Lower]);
    // Missing: 1-1-103's electricity has no reading.
    add(&mut db, "1-1-103", "电", "0", "2026-11");
    let report = check(db.conn(), p("2026-11")).unwrap();
    assert_eq!((report.meters, report.readings, report.unconfirmed), (5, 4, 4));
    let found: Vec<(Option<&str>, AnomalyKind)> = report.anomalies.iter().map(|a| (a.unit.as_deref(), a.kind)).collect();
    assert_eq!(
        found,
        vec![
            (Some("1-1-101"), AnomalyKind::Lower),
            (Some("1-1-101"), AnomalyKind::Spike),
            (Some("1-1-102"), AnomalyKind::ZeroOccupied),
            (Some("1-1-103"), AnomalyKind::Missing),
        ]
    );
}

#[test]
fn the_spike_multiple_is_a_setting() {
    let mut db = estate();
    let m = with_history(&mut db);
    let line = read_at(&mut db, &m, "2026-11", "174");
    assert!(line.anomalies.is_empty(), "30 is under 3 × 12");
    db.write("李主管", |tx| settings::change(tx, settings::METER_SPIKE_MULTIPLE, "2")).unwrap();
    assert_eq!(kinds(&reading_list(db.conn(), p("2026-11")).unwrap()[0]), vec![AnomalyKind::Spike]);
    assert!(db.write("李主管", |tx| settings::change(tx, settings::METER_SPIKE_MULTIPLE, "1")).is_err());
    assert!(db.write("李主管", |tx| settings::change(tx, settings::METER_SHARE_BASIS, "按户")).is_ok());
    assert_eq!(meter_settings(db.conn()).unwrap().share_basis, ShareBasis::Household);
}

#[test]
fn confirmation_holds_for_the_value_it_saw_and_correction_clears_it() {
    let mut db = estate();
    let m = with_history(&mut db);
    read_at(&mut db, &m, "2026-11", "180.01");
    assert_eq!(code(db.write("王前台", |tx| confirm(tx, &m, p("2026-11"), AnomalyKind::Spike, " ")).unwrap_err()), "meter.note_required");
    assert_eq!(code(db.write("王前台", |tx| confirm(tx, &m, p("2026-11"), AnomalyKind::Lower, "x")).unwrap_err()), "meter.no_such_anomaly");
    let a = db.write("王前台", |tx| confirm(tx, &m, p("2026-11"), AnomalyKind::Spike, "已电话核实，家里来了亲戚")).unwrap();
    assert_eq!(a.confirmed.as_ref().map(|c| c.by.as_str()), Some("王前台"));
    assert_eq!(check(db.conn(), p("2026-11")).unwrap().unconfirmed, 0);
    // A correction needs a reason; the confirmation was for 36.01, not for the new value.
    assert_eq!(code(db.write("王前台", |tx| correct(tx, &m, p("2026-11"), "190", "")).unwrap_err()), "meter.reason_required");
    let line = db.write("王前台", |tx| correct(tx, &m, p("2026-11"), "190", "照片核对，抄错")).unwrap();
    assert_eq!((line.usage.as_deref(), line.anomalies[0].confirmed.is_none()), (Some("46"), true));
    let line = db.write("王前台", |tx| correct(tx, &m, p("2026-11"), "160", "再次核对")).unwrap();
    assert!(line.anomalies.is_empty(), "16 is no spike");
    let audit: String = db.conn().query_row("SELECT detail FROM audit_log WHERE action = 'meter.correct' ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(audit.contains("180.01") && audit.contains("190") && audit.contains("照片核对"), "{audit}");
    let n = db.write("王前台", |tx| correct(tx, &m, p("2026-12"), "1", "x")).unwrap_err();
    assert_eq!(code(n), "meter.nothing_to_correct");
}

fn bill(db: &mut Db, period: &str) -> crate::Result<fees::BillingReport> {
    db.write("李主管", |tx| run_billing(tx, p(period), p(period), &mut |_, _| {}))
}

fn bills_of(db: &Db, unit: &str, item: &str) -> Vec<(String, String, String, Money)> {
    let unit = register::find_unit(db.conn(), unit).unwrap();
    fees::bills(db.conn(), &unit).unwrap().into_iter().filter(|b| b.item == item).map(|b| (b.period, b.price, b.quantity, b.amount)).collect()
}

#[test]
fn billing_refuses_unconfirmed_anomalies_then_bills_tiered_usage_once() {
    let mut db = estate();
    db.write("李主管", |tx| set_tiers(tx, "水费", "50:2.70,80:3.55,:4.80")).unwrap();
    let a = add(&mut db, "1-1-101", "水", "1000", "2026-11");
    let b = add(&mut db, "1-1-102", "水", "2000", "2026-11");
    let c = add(&mut db, "1-1-103", "水", "0", "2026-11");
    read_at(&mut db, &a, "2026-11", "1035");
    read_at(&mut db, &b, "2026-11", "2080");
    // 1-1-103's reading is missing: nothing is billed, and the refusal names the unit.
    let e = bill(&mut db, "2026-11").unwrap_err();
    assert_eq!(e.code(), "meter.unconfirmed");
    assert!(e.to_string().contains("1-1-103") && !e.to_string().contains("1-1-101"), "{e}");
    assert!(bills_of(&db, "1-1-101", "水费").is_empty());
    db.write("王前台", |tx| confirm(tx, &c, p("2026-11"), AnomalyKind::Missing, "空置，表前阀关闭")).unwrap();
    let report = bill(&mut db, "2026-11").unwrap();
    // 35 m³ × 2.70 = 94.50; 80 m³ = 50 × 2.70 + 30 × 3.55 = 241.50.
    assert_eq!(bills_of(&db, "1-1-101", "水费"), vec![("2026-11".into(), "阶梯".into(), "35".into(), Money(9450))]);
    assert_eq!(bills_of(&db, "1-1-102", "水费"), vec![("2026-11".into(), "阶梯".into(), "80".into(), Money(24150))]);
    assert!(bills_of(&db, "1-1-103", "水费").is_empty());
    let water = report.items.iter().find(|i| i.item == "水费").unwrap();
    assert_eq!((water.bills, water.total), (2, Money(33_600)));
    // Running it again bills nothing more.
    let again = bill(&mut db, "2026-11").unwrap();
    assert_eq!((again.bills, again.skipped_existing), (0, 2));
    // A billed month's reading can no longer be corrected.
    assert_eq!(code(db.write("王前台", |tx| correct(tx, &a, p("2026-11"), "1036", "x")).unwrap_err()), "meter.billed");
}

#[test]
fn electricity_without_tiers_is_usage_times_price_rounded_once() {
    let mut db = estate();
    let m = add(&mut db, "1-1-101", "电", "0", "2026-11");
    read_at(&mut db, &m, "2026-11", "195");
    bill(&mut db, "2026-11").unwrap();
    // 195 × 0.5283 = 103.0185 → 103.02.
    assert_eq!(bills_of(&db, "1-1-101", "电费"), vec![("2026-11".into(), "0.5283".into(), "195".into(), Money(10302))]);
    db.write("李主管", |tx| set_tiers(tx, "电费", "180:0.5283,280:0.5783,:0.8283")).unwrap();
    read_at(&mut db, &m, "2026-12", "390");
    bill(&mut db, "2026-12").unwrap();
    // 180 × 0.5283 + 15 × 0.5783 = 103.7685 → 103.77 (each tier rounded alone would give 103.76).
    assert_eq!(bills_of(&db, "1-1-101", "电费")[0].3, Money(10377));
    assert_eq!(code(db.write("李主管", |tx| set_tiers(tx, "电费", "50:1")).unwrap_err()), "meter.bad_tiers");
    assert_eq!(all_tiers(db.conn()).unwrap()[0].0, "电费");
}

fn shared(db: &mut Db, name: &str, building: &str) -> Meter {
    let new = NewMeter { kind: "电".into(), name: name.into(), building: building.into(), period: "2026-11".into(), ..Default::default() };
    db.write("李主管", |tx| add_meter(tx, &new)).unwrap()
}

#[test]
fn shared_usage_is_split_by_household_and_by_area_to_the_fen() {
    let mut db = estate();
    let light = shared(&mut db, "1栋公共照明", "1");
    read_at(&mut db, &light, "2026-11", "1000");
    let a = db.write("李主管", |tx| allocate(tx, &light, p("2026-11"), Some(ShareBasis::Household))).unwrap();
    // 1,000 kWh × 1.00 = 1,000.00 over three households: 333.34 / 333.33 / 333.33.
    assert_eq!(a.total, Money(100_000));
    let shares: Vec<(&str, Money)> = a.shares.iter().map(|s| (s.unit.as_str(), s.amount)).collect();
    assert_eq!(shares, vec![("1-1-101", Money(33_334)), ("1-1-102", Money(33_333)), ("1-1-103", Money(33_333))]);
    assert!(!a.replaced);
    // By area 88.5 / 120.25 / 66: 322.11 / 437.67 / 240.22; it replaces the first.
    let a = db.write("李主管", |tx| allocate(tx, &light, p("2026-11"), None)).unwrap();
    assert_eq!(a.basis, ShareBasis::Area);
    assert!(a.replaced);
    let shares: Vec<(&str, &str, Money)> = a.shares.iter().map(|s| (s.unit.as_str(), s.weight.as_str(), s.amount)).collect();
    assert_eq!(shares, vec![("1-1-101", "88.5", Money(32_211)), ("1-1-102", "120.25", Money(43_767)), ("1-1-103", "66", Money(24_022))]);
    assert_eq!(allocations(db.conn(), p("2026-11")).unwrap().len(), 1);
    // The shares are billed as their own item, once.
    bill(&mut db, "2026-11").unwrap();
    assert_eq!(bills_of(&db, "1-1-102", "公摊电费"), vec![("2026-11".into(), "公摊".into(), "按分摊表".into(), Money(43_767))]);
    assert_eq!(bill(&mut db, "2026-11").unwrap().bills, 0);
    // Billed: no more re-allocation.
    assert_eq!(code(db.write("李主管", |tx| allocate(tx, &light, p("2026-11"), None)).unwrap_err()), "meter.billed");
}

#[test]
fn a_master_meter_shares_what_the_unit_meters_under_it_did_not_use() {
    let mut db = estate();
    let master = shared(&mut db, "1栋总电表", "1");
    let mut unit_meters = Vec::new();
    for code in ["1-1-101", "1-1-102"] {
        let new = NewMeter { kind: "电".into(), unit: code.into(), under: "1栋总电表".into(), period: "2026-11".into(), ..Default::default() };
        unit_meters.push(db.write("王前台", |tx| add_meter(tx, &new)).unwrap());
    }
    read_at(&mut db, &master, "2026-11", "1300");
    read_at(&mut db, &unit_meters[0], "2026-11", "120");
    // 1-1-102 under it has no reading: unconfirmed, so no allocation.
    let e = db.write("李主管", |tx| allocate(tx, &master, p("2026-11"), Some(ShareBasis::Household))).unwrap_err();
    assert!(e.code() == "meter.unconfirmed" && e.to_string().contains("1-1-102"), "{e}");
    read_at(&mut db, &unit_meters[1], "2026-11", "180");
    let a = db.write("李主管", |tx| allocate(tx, &master, p("2026-11"), Some(ShareBasis::Household))).unwrap();
    // 1300 − (120 + 180) = 1000 shared by the two units under it.
    assert_eq!((a.meter_usage.as_str(), a.units_usage.as_str(), a.shared_usage.as_str(), a.total), ("1300", "300", "1000", Money(100_000)));
    assert_eq!(a.shares.iter().map(|s| s.amount).collect::<Vec<_>>(), vec![Money(50_000), Money(50_000)]);
    // A unit reading corrected after the allocation: billing refuses until it is allocated again.
    db.write("王前台", |tx| correct(tx, &unit_meters[1], p("2026-11"), "190", "复核")).unwrap();
    assert_eq!(bill(&mut db, "2026-11").unwrap_err().code(), "meter.stale_allocation");
    let a = db.write("李主管", |tx| allocate(tx, &master, p("2026-11"), Some(ShareBasis::Household))).unwrap();
    assert_eq!((a.total, a.replaced), (Money(99_000), true));
    bill(&mut db, "2026-11").unwrap();
    assert_eq!(bills_of(&db, "1-1-101", "公摊电费")[0].3, Money(49_500));
    // Unit meters using more than the master: refused.
    read_at(&mut db, &master, "2026-12", "1400");
    read_at(&mut db, &unit_meters[0], "2026-12", "220");
    read_at(&mut db, &unit_meters[1], "2026-12", "290");
    let e = db.write("李主管", |tx| allocate(tx, &master, p("2026-12"), None)).unwrap_err();
    assert_eq!(e.code(), "meter.negative_share");
}

#[test]
fn area_basis_needs_areas_and_shares_need_a_reading() {
    let mut db = estate();
    let new = NewUnit { code: reg_rules::parse_unit_code("1-1-001").unwrap(), unit_type: UnitType::Parking, area: None, handover: None };
    db.write("测试", |tx| register::add_unit(tx, &new)).unwrap();
    let light = shared(&mut db, "全小区路灯", "");
    assert_eq!(code(db.write("李主管", |tx| allocate(tx, &light, p("2026-11"), None)).unwrap_err()), "meter.no_usage");
    read_at(&mut db, &light, "2026-11", "10");
    let e = db.write("李主管", |tx| allocate(tx, &light, p("2026-11"), Some(ShareBasis::Area))).unwrap_err();
    assert!(e.code() == "meter.no_area" && e.to_string().contains("1-1-001"), "{e}");
    let a = db.write("李主管", |tx| allocate(tx, &light, p("2026-11"), Some(ShareBasis::Household))).unwrap();
    assert_eq!(a.shares.len(), 4);
    assert_eq!(a.shares.iter().map(|s| s.amount).sum::<Money>(), Money(1000));
    let unit_meter = add(&mut db, "1-1-101", "水", "0", "2026-11");
    assert_eq!(code(db.write("李主管", |tx| allocate(tx, &unit_meter, p("2026-11"), None)).unwrap_err()), "meter.not_shared");
}

fn import_csv(db: &mut Db, text: &str, options: &ImportOptions) -> ReadingImport {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("抄表.csv");
    std::fs::write(&path, text).unwrap();
    import::import_readings(db, "王前台", &path, p("2026-11"), Some(MeterKind::Water), options, &mut |_, _| {}).unwrap()
}

const SHEET: &str = "\u{feff}翠湖花园 2026年11月 抄表记录\n工程部 制表\n楼 号, 单元, 房 号 ,表类,上月读数,本月读数（m³）,备注\n\
1栋,1单元,101,水,1000,1035,\n1,1,102,水表,2000,2080.5,\n1,1,103,,0,abc,\n1,1,104,水,0,5,\n合计,,,,,,\n";

#[test]
fn import_uses_the_register_importers_rules() {
    let mut db = estate();
    for (code, start) in [("1-1-101", "1000"), ("1-1-102", "2000"), ("1-1-103", "0")] {
        add(&mut db, code, "水", start, "2026-11");
    }
    // Two bad rows, named by Excel row and column; nothing written.
    let r = import_csv(&mut db, SHEET, &ImportOptions::default());
    assert_eq!((r.rows, r.written, r.skipped), (4, 0, 0));
    let errors: Vec<(usize, &str, &str)> = r.errors.iter().map(|e| (e.row, e.column.as_str(), e.code)).collect();
    assert_eq!(errors, vec![(6, "本月读数（m³）", "import.bad_reading"), (7, "房 号", "import.unknown_meter")]);
    assert!(check(db.conn(), p("2026-11")).unwrap().readings == 0);
    // A dry run with the bad rows skipped counts what would be written, and writes nothing.
    let dry = import_csv(&mut db, SHEET, &ImportOptions { dry_run: true, skip_bad_rows: true, ..Default::default() });
    assert_eq!((dry.written, dry.skipped), (2, 2));
    assert_eq!(check(db.conn(), p("2026-11")).unwrap().readings, 0);
    let done = import_csv(&mut db, SHEET, &ImportOptions { skip_bad_rows: true, ..Default::default() });
    assert_eq!((done.written, done.skipped), (2, 2));
    let list = reading_list(db.conn(), p("2026-11")).unwrap();
    assert_eq!(list.iter().map(|l| l.usage.clone()).collect::<Vec<_>>(), vec![Some("35".to_string()), Some("80.5".to_string()), None]);
    // The same file again changes nothing; a different value for a read month is a row problem.
    let again = import_csv(&mut db, SHEET, &ImportOptions { skip_bad_rows: true, ..Default::default() });
    assert_eq!((again.written, again.unchanged), (0, 2));
    let changed = import_csv(&mut db, "房号,读数\n1-1-101,1040\n", &ImportOptions::default());
    assert_eq!(changed.errors[0].code, "import.already_read");
    // A sheet without a reading column is refused as a whole.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.csv");
    std::fs::write(&path, "房号,业主\n1-1-101,张三\n").unwrap();
    let e = import::import_readings(&mut db, "王前台", &path, p("2026-11"), None, &ImportOptions::default(), &mut |_, _| {}).unwrap_err();
    assert_eq!(e.code(), "import.no_header");
}

#[test]
fn import_reads_an_excel_sheet_with_numbers_and_shared_meters() {
    let mut db = estate();
    add(&mut db, "1-1-101", "电", "99900", "2026-11");
    let lift = shared(&mut db, "1栋电梯", "1");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("电表.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "1栋电表抄表").unwrap();
    for (c, h) in ["房号", "表名", "表类", "本月读数"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_string(2, 0, "1-1-101").unwrap();
    sheet.write_string(2, 2, "电").unwrap();
    sheet.write_number(2, 3, 36.01).unwrap();
    sheet.write_string(3, 1, "1栋电梯").unwrap();
    sheet.write_number(3, 3, 420.0).unwrap();
    book.save(&path).unwrap();
    let r = import::import_readings(&mut db, "王前台", &path, p("2026-11"), None, &ImportOptions::default(), &mut |_, _| {}).unwrap();
    assert_eq!((r.written, r.errors.len()), (2, 0), "{:?}", r.errors);
    let list = reading_list(db.conn(), p("2026-11")).unwrap();
    let lift_line = list.iter().find(|l| l.meter_id == lift.id).unwrap();
    assert_eq!(lift_line.usage.as_deref(), Some("420"));
    // 99900 → 36.01 on five digits rolled over: 136.01.
    let unit_line = list.iter().find(|l| l.unit.as_deref() == Some("1-1-101")).unwrap();
    assert_eq!((unit_line.usage.as_deref(), unit_line.rollover), (Some("136.01"), true));
}

/// The month with a spike confirmed, a missing reading, a rollover, and the lighting shared by area.
fn november(db: &mut Db) {
    let m = with_history(db);
    read_at(db, &m, "2026-11", "180.01");
    db.write("王前台", |tx| confirm(tx, &m, p("2026-11"), AnomalyKind::Spike, "已电话核实")).unwrap();
    let e = add(db, "1-1-102", "电", "99900", "2026-11");
    read_at(db, &e, "2026-11", "120");
    add(db, "1-1-103", "水", "0", "2026-11");
    let light = shared(db, "1栋公共照明", "1");
    read_at(db, &light, "2026-11", "1000");
    db.write("李主管", |tx| allocate(tx, &light, p("2026-11"), Some(ShareBasis::Area))).unwrap();
}

/// With METER_PDF_OUT set to a folder, keeps the PDF and its first page as PNG there, for a person to look at.
fn keep(name: &str, pdf: &[u8]) {
    let Ok(dir) = std::env::var("METER_PDF_OUT") else { return };
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let _ = std::process::Command::new("pdftoppm").args(["-r", "60", "-png"]).arg(&path).arg(dir.join(name)).status();
}

#[test]
fn the_reading_list_and_allocation_table_print_and_read_back() {
    let mut db = estate();
    november(&mut db);
    let pdf = view::reading_pdf(db.conn(), p("2026-11"), "2026-11-28T10:00:00+08:00").unwrap();
    keep("meters-readings", &pdf);
    let text = crate::testing::pdf_text(&pdf);
    for want in ["抄表清单", "测试小区物业服务中心", "2026年11月", "1-1-101 水表", "180.01", "36.01", "用量突增，已确认（王前台", "未抄", "表盘翻转", "1栋公共照明（公用电表）", "抄表人（签字）", "抄表清单 2026-11 · 打印于 2026-11-28 10:00"] {
        assert!(text.contains(want), "{want} missing in:\n{text}");
    }
    let pdf = view::allocation_pdf(db.conn(), p("2026-11"), "2026-11-28T10:00:00+08:00").unwrap();
    keep("meters-allocation", &pdf);
    let text = crate::testing::pdf_text(&pdf);
    for want in ["公摊分摊表", "1栋公共照明（公摊电费，按面积）", "1,000.00", "322.11", "437.67", "240.22", "274.75", "合计 3 户", "主管（签字）"] {
        assert!(text.contains(want), "{want} missing in:\n{text}");
    }
    assert_eq!(crate::testing::pdf_page_mm(&pdf).0.round(), 210.0);
}

#[test]
fn the_monthly_workbook_has_the_readings_and_the_allocation_after_the_count() {
    use calamine::{Data, Reader, Xlsx};
    let mut db = estate();
    november(&mut db);
    let m = crate::handover::monthly(db.conn(), p("2026-11")).unwrap();
    let (bytes, sheets) = m.workbook().unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    let after_count = names.iter().position(|n| *n == "盘点").unwrap() + 1;
    assert_eq!(names[after_count..after_count + 2], ["抄表", "公摊分摊"]);
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let readings = book.worksheet_range("抄表").unwrap();
    let row = |r: &calamine::Range<Data>, i: usize| -> Vec<String> { (0..9).map(|c| r.get((i, c)).map(|d| d.to_string()).unwrap_or_default()).collect() };
    assert_eq!(row(&readings, 0)[..6], ["表", "表类", "房号 / 表名", "上次读数", "本月读数", "用量"]);
    assert_eq!(row(&readings, 1)[..6], ["1栋公共照明（公用电表）", "电", "1栋公共照明", "0", "1000", "1000"]);
    let water = (1..6).map(|i| row(&readings, i)).find(|r| r[0] == "1-1-101 水表").unwrap();
    assert_eq!(water[5..], ["36.01", "12", "1", "用量突增，已确认（王前台：已电话核实）"]);
    let shares = book.worksheet_range("公摊分摊").unwrap();
    let amounts: Vec<Data> = (1..4).map(|i| shares.get((i, 7)).cloned().unwrap()).collect();
    assert_eq!(amounts, [Data::Float(322.11), Data::Float(437.67), Data::Float(240.22)]);
    assert_eq!(shares.get((4, 7)), Some(&Data::Float(1000.0)), "the totals row adds up to the total");
}

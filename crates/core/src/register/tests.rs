//! Rules of the register, on an in-memory database.

use chrono::NaiveDate;

use super::*;
use crate::db::Db;

fn date(s: &str) -> NaiveDate {
    rules::parse_date(s).unwrap()
}

fn person(name: &str, phone: &str) -> NewPerson {
    NewPerson { name: name.into(), phones: rules::parse_phones(phone).unwrap(), id_number: None }
}

fn setup() -> (Db, Unit) {
    let mut db = Db::in_memory("测试小区").unwrap();
    let new = NewUnit {
        code: rules::parse_unit_code("3栋2单元1502室").unwrap(),
        unit_type: UnitType::Residence,
        area: Some(Area(8850)),
        handover: Some(date("2019-05-01")),
    };
    let unit = db.write("前台", |tx| add_unit(tx, &new)).unwrap();
    (db, unit)
}

#[test]
fn a_unit_is_found_however_its_code_is_typed() {
    let (db, unit) = setup();
    assert_eq!(unit.code, "3-2-1502");
    for typed in ["3-2-1502", "3栋2单元1502", "3号楼2单元1502室", " 3 - 2 - 1502 "] {
        assert_eq!(find_unit(db.conn(), typed).unwrap().id, unit.id, "{typed}");
    }
    assert_eq!(find_unit(db.conn(), "3-2-1503").unwrap_err().code(), "unit.not_found");
    assert_eq!(find_unit(db.conn(), "张三").unwrap_err().code(), "register.bad_input");
}

#[test]
fn a_unit_is_registered_once_and_homes_need_an_area() {
    let (mut db, _) = setup();
    let again = NewUnit { code: rules::parse_unit_code("3-2-1502").unwrap(), unit_type: UnitType::Residence, area: Some(Area(1)), handover: None };
    assert_eq!(db.write("前台", |tx| add_unit(tx, &again)).unwrap_err().code(), "unit.exists");
    let no_area = NewUnit { code: rules::parse_unit_code("3-2-1503").unwrap(), area: None, ..again.clone() };
    assert_eq!(db.write("前台", |tx| add_unit(tx, &no_area)).unwrap_err().code(), "unit.area_required");
    let spot = NewUnit { code: rules::parse_unit_code("P-001").unwrap(), unit_type: UnitType::Parking, area: None, handover: None };
    assert!(db.write("前台", |tx| add_unit(tx, &spot)).is_ok(), "a parking space may have no area");
}

#[test]
fn the_same_person_is_kept_once() {
    let (mut db, unit) = setup();
    let (a, created) = db.write("前台", |tx| add_occupant(tx, &unit, &person("张三", "13800000001"), Role::Owner, date("2019-05-01"))).unwrap();
    assert!(created);
    let (b, created) = db.write("前台", |tx| add_occupant(tx, &unit, &person("张三", "138-0000-0001"), Role::Owner, date("2019-05-01"))).unwrap();
    assert!(!created);
    assert_eq!(a.id, b.id);
    assert_eq!(unit_card(db.conn(), &unit).unwrap().occupancies.len(), 1, "no second occupancy for the same role");
    let (other, created) = db.write("前台", |tx| add_occupant(tx, &unit, &person("张三", "13900000009"), Role::Tenant, date("2020-01-01"))).unwrap();
    assert!(created && other.id != a.id, "a namesake with another phone is another person");
}

#[test]
fn bad_people_are_refused() {
    let (mut db, unit) = setup();
    let blank = person("  ", "");
    assert_eq!(db.write("前台", |tx| add_occupant(tx, &unit, &blank, Role::Owner, date("2020-01-01"))).unwrap_err().code(), "person.name_required");
    let bad_id = NewPerson { id_number: Some("110105194912310021".into()), ..person("李四", "") };
    assert_eq!(db.write("前台", |tx| add_occupant(tx, &unit, &bad_id, Role::Owner, date("2020-01-01"))).unwrap_err().code(), "register.bad_input");
}

#[test]
fn a_transfer_ends_the_old_owners_and_keeps_history_and_ledger() {
    let (mut db, unit) = setup();
    db.write("前台", |tx| {
        add_occupant(tx, &unit, &person("张三", "13800000001"), Role::Owner, date("2019-05-01"))?;
        add_occupant(tx, &unit, &person("王芳", "13800000002"), Role::Family, date("2019-05-01"))?;
        add_occupant(tx, &unit, &person("赵租", "13800000003"), Role::Tenant, date("2024-01-01"))
    })
    .unwrap();
    db.write("前台", |tx| crate::fees::add_opening_balance(tx, &unit, crate::Money(5000))).unwrap();
    let t = db.write("前台", |tx| transfer(tx, &unit, &person("李四", "13900000000"), date("2026-06-01"), "二手房买卖")).unwrap();
    assert_eq!((t.from_people.as_str(), t.to_person.as_str()), ("张三", "李四"));
    let card = unit_card(db.conn(), &unit).unwrap();
    let current: Vec<_> = card.occupancies.iter().filter(|o| o.to.is_none()).map(|o| (o.person.name.as_str(), o.role)).collect();
    assert_eq!(current.len(), 2);
    assert!(current.contains(&("李四", Role::Owner)) && current.contains(&("赵租", Role::Tenant)));
    let ended: Vec<_> = card.occupancies.iter().filter(|o| o.to.is_some()).map(|o| (o.person.name.as_str(), o.to)).collect();
    assert!(ended.contains(&("张三", Some(date("2026-05-31")))) && ended.contains(&("王芳", Some(date("2026-05-31")))));
    assert_eq!(card.transfers.len(), 1);
    assert_eq!(crate::fees::balance(db.conn(), &unit).unwrap().owed, crate::Money(5000), "arrears stay with the unit");
    assert_eq!(owner_names(db.conn(), &unit).unwrap(), "李四");
    let same = db.write("前台", |tx| transfer(tx, &unit, &person("李四", "13900000000"), date("2026-07-01"), ""));
    assert_eq!(same.unwrap_err().code(), "transfer.same_owner");
}

#[test]
fn a_transfer_needs_a_current_owner() {
    let (mut db, unit) = setup();
    let r = db.write("前台", |tx| transfer(tx, &unit, &person("李四", ""), date("2026-06-01"), ""));
    assert_eq!(r.unwrap_err().code(), "transfer.no_owner");
}

#[test]
fn vehicles_are_registered_once_with_a_plausible_plate() {
    let (mut db, unit) = setup();
    let v = db.write("前台", |tx| add_vehicle(tx, &unit, "浙a·12345", None)).unwrap();
    assert_eq!(v.plate, "浙A12345");
    assert!(db.write("前台", |tx| add_vehicle(tx, &unit, "浙AD12345", None)).is_ok(), "new-energy plates have 8 characters");
    assert_eq!(db.write("前台", |tx| add_vehicle(tx, &unit, "浙A12345", None)).unwrap_err().code(), "vehicle.plate_taken");
    assert_eq!(db.write("前台", |tx| add_vehicle(tx, &unit, "12345", None)).unwrap_err().code(), "vehicle.bad_plate");
    assert_eq!(unit_card(db.conn(), &unit).unwrap().vehicles.len(), 2);
}

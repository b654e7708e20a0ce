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

fn audit_detail(db: &Db, action: &str) -> serde_json::Value {
    let text: String = db
        .conn()
        .query_row("SELECT detail FROM audit_log WHERE action = ?1 ORDER BY id DESC LIMIT 1", [action], |r| r.get(0))
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_units_type_area_and_handover_are_corrected_and_audited() {
    let (mut db, unit) = setup();
    let shop = UnitDetails { unit_type: UnitType::Shop, area: Some(Area(12050)), handover: Some(date("2020-01-15")) };
    let edited = db.write("前台", |tx| edit_unit(tx, &unit, &shop)).unwrap();
    assert_eq!((edited.code.as_str(), edited.unit_type, edited.area), ("3-2-1502", UnitType::Shop, Some(Area(12050))));
    let again = find_unit(db.conn(), "3-2-1502").unwrap();
    assert_eq!((again.unit_type, again.area, again.handover), (UnitType::Shop, Some(Area(12050)), Some(date("2020-01-15"))));
    let detail = audit_detail(&db, "unit.edit");
    assert_eq!(detail["before"]["area"], "88.50");
    assert_eq!(detail["after"]["type"], "商铺");

    let no_area = UnitDetails { area: None, ..shop.clone() };
    assert_eq!(db.write("前台", |tx| edit_unit(tx, &again, &no_area)).unwrap_err().code(), "unit.area_required");
    assert_eq!(find_unit(db.conn(), "3-2-1502").unwrap().area, Some(Area(12050)), "a refused edit writes nothing");
    let parking = UnitDetails { unit_type: UnitType::Parking, area: None, handover: None };
    assert_eq!(db.write("前台", |tx| edit_unit(tx, &again, &parking)).unwrap().area, None, "a parking space may lose its area");
}

#[test]
fn a_persons_name_phones_and_id_number_are_corrected() {
    let (mut db, unit) = setup();
    let (p, _) = db.write("前台", |tx| add_occupant(tx, &unit, &person("张三", "13800000001"), Role::Owner, date("2019-05-01"))).unwrap();
    let fixed = NewPerson { name: "张叁".into(), phones: vec!["13900000002".into()], id_number: Some("11010519491231002x".into()) };
    let saved = db.write("前台", |tx| edit_person(tx, p.id, &fixed)).unwrap();
    assert_eq!((saved.name.as_str(), saved.id_number.as_deref()), ("张叁", Some("11010519491231002X")));
    let card = unit_card(db.conn(), &unit).unwrap();
    assert_eq!((card.occupancies[0].person.name.as_str(), card.occupancies[0].person.phones.as_slice()), ("张叁", ["13900000002".to_string()].as_slice()));
    let detail = audit_detail(&db, "person.edit");
    assert_eq!((detail["name_before"].as_str(), detail["phones_changed"].as_bool()), (Some("张三"), Some(true)));
    assert!(!detail.to_string().contains("13900000002") && !detail.to_string().contains("002X"), "no phone or ID number in the log");

    let keep_id = NewPerson { name: "张叁".into(), phones: vec![], id_number: None };
    let kept = db.write("前台", |tx| edit_person(tx, p.id, &keep_id)).unwrap();
    assert_eq!(kept.id_number.as_deref(), Some("11010519491231002X"), "a blank ID number keeps the one on file");
    let json = serde_json::to_value(&kept).unwrap();
    assert_eq!(json["id_masked"], "110105********002X");
    assert!(json.get("id_number").is_none());
}

#[test]
fn phones_leave_the_core_masked_and_a_masked_phone_sent_back_keeps_the_number_on_file() {
    let (mut db, unit) = setup();
    let (p, _) = db.write("前台", |tx| add_occupant(tx, &unit, &person("张三", "13800000001/0571-88886666"), Role::Owner, date("2019-05-01"))).unwrap();
    let json = serde_json::to_value(unit_card(db.conn(), &unit).unwrap()).unwrap();
    assert_eq!(json["occupancies"][0]["person"]["phones"], serde_json::json!(["138****0001", "057******6666"]));
    assert!(!json.to_string().contains("13800000001"));

    // The edit dialog shows the masked numbers; sent back with one new number added, the old ones stay whole.
    let form = PersonForm { name: "张三".into(), phones: "138****0001 / 13900000002".into(), id_number: String::new() };
    let saved = db.write("前台", |tx| edit_person(tx, p.id, &form.read().unwrap())).unwrap();
    assert_eq!(saved.phones, ["13800000001", "13900000002"]);
    let unknown = PersonForm { name: "张三".into(), phones: "137****0001".into(), id_number: String::new() };
    let err = db.write("前台", |tx| edit_person(tx, p.id, &unknown.read().unwrap())).unwrap_err();
    assert_eq!(err.code(), "person.masked_phone");
    let new_person = db.write("前台", |tx| add_occupant(tx, &unit, &unknown.read().unwrap(), Role::Tenant, date("2024-01-01"))).unwrap_err();
    assert_eq!(new_person.code(), "person.masked_phone", "a new person needs the whole number");
    let bad = PersonForm { name: "张三".into(), phones: "1380000000".into(), id_number: String::new() }.read().unwrap_err().to_string();
    assert!(bad.contains("138***0000") && !bad.contains("1380000000"), "a refusal shows the number masked: {bad}");
}

#[test]
fn bad_person_edits_are_refused_and_write_nothing() {
    let (mut db, unit) = setup();
    let (a, _) = db.write("前台", |tx| add_occupant(tx, &unit, &NewPerson { id_number: Some("11010519491231002X".into()), ..person("张三", "") }, Role::Owner, date("2019-05-01"))).unwrap();
    let (b, _) = db.write("前台", |tx| add_occupant(tx, &unit, &person("李四", "13800000004"), Role::Tenant, date("2024-01-01"))).unwrap();
    let edit = |id_number: &str, name: &str| NewPerson { name: name.into(), phones: vec![], id_number: Some(id_number.into()) };
    let taken = db.write("前台", |tx| edit_person(tx, b.id, &edit("11010519491231002X", "李四")));
    assert_eq!(taken.unwrap_err().code(), "person.id_number_taken");
    assert_eq!(db.write("前台", |tx| edit_person(tx, b.id, &edit("110105194912310021", "李四"))).unwrap_err().code(), "register.bad_input");
    assert_eq!(db.write("前台", |tx| edit_person(tx, b.id, &person(" ", ""))).unwrap_err().code(), "person.name_required");
    assert_eq!(db.write("前台", |tx| edit_person(tx, 999, &person("王五", ""))).unwrap_err().code(), "person.not_found");
    assert!(db.write("前台", |tx| edit_person(tx, a.id, &edit("11010519491231002X", "张三"))).is_ok(), "one's own ID number is no conflict");
    let card = unit_card(db.conn(), &unit).unwrap();
    assert!(card.occupancies.iter().any(|o| o.person.name == "李四" && o.person.id_number.is_none() && o.person.phones == ["13800000004"]));
}

#[test]
fn an_occupancy_ends_once_on_its_own_unit_and_not_before_it_began() {
    let (mut db, unit) = setup();
    let other = db.write("前台", |tx| add_unit(tx, &NewUnit { code: rules::parse_unit_code("P-001").unwrap(), unit_type: UnitType::Parking, area: None, handover: None })).unwrap();
    db.write("前台", |tx| add_occupant(tx, &unit, &person("赵租", "13800000003"), Role::Tenant, date("2024-01-01"))).unwrap();
    let tenancy = unit_card(db.conn(), &unit).unwrap().occupancies[0].id;
    let end = |db: &mut Db, u: &Unit, to: &str| db.write("前台", |tx| end_occupancy(tx, u, tenancy, date(to)));
    assert_eq!(end(&mut db, &other, "2025-01-01").unwrap_err().code(), "occupancy.not_found");
    assert_eq!(end(&mut db, &unit, "2023-12-31").unwrap_err().code(), "occupancy.ends_before_start");
    end(&mut db, &unit, "2025-01-01").unwrap();
    assert_eq!(unit_card(db.conn(), &unit).unwrap().occupancies[0].to, Some(date("2025-01-01")), "history stays on the card");
    assert_eq!(end(&mut db, &unit, "2025-02-01").unwrap_err().code(), "occupancy.ended");
}

#[test]
fn the_list_has_every_unit_in_code_order_with_owners_and_arrears() {
    let (mut db, unit) = setup();
    for code in ["3-2-902", "S1-105", "12-1-101"] {
        let new = NewUnit { code: rules::parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(Area(5000)), handover: None };
        db.write("前台", |tx| add_unit(tx, &new)).unwrap();
    }
    db.write("前台", |tx| {
        add_occupant(tx, &unit, &person("张三", "13800000001"), Role::Owner, date("2019-05-01"))?;
        add_occupant(tx, &unit, &person("王芳", "13800000002"), Role::CoOwner, date("2019-05-01"))?;
        add_occupant(tx, &unit, &person("赵租", "13800000003"), Role::Tenant, date("2024-01-01"))?;
        crate::fees::add_opening_balance(tx, &unit, crate::Money(12345))
    })
    .unwrap();
    let list = unit_list(db.conn()).unwrap();
    let codes: Vec<&str> = list.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes, ["3-2-902", "3-2-1502", "12-1-101", "S1-105"]);
    assert_eq!(list.iter().map(|u| u.order).collect::<Vec<_>>(), [0, 1, 2, 3]);
    let row = &list[1];
    assert_eq!((row.owners.as_str(), row.occupants, row.owed, row.building.as_str(), row.entrance.as_str()), ("张三、王芳", 3, crate::Money(12345), "3", "2"));
    assert_eq!((list[0].owners.as_str(), list[0].owed), ("", crate::Money(0)));
    let buildings = buildings(db.conn()).unwrap();
    let counts: Vec<(&str, usize)> = buildings.iter().map(|b| (b.code.as_str(), b.units)).collect();
    assert_eq!(counts, [("3", 2), ("12", 1), ("S1", 1)]);
}

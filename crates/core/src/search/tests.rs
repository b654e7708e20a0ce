//! The index on an in-memory register: ranking, limits, refresh.

use chrono::NaiveDate;

use super::*;
use crate::Db;
use crate::register::{self, NewPerson, NewUnit, UnitType, rules::parse_unit_code};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
}

/// Adds a unit with one occupant; returns nothing, the index is read afterwards.
fn add(db: &mut Db, code: &str, name: &str, phone: &str, role: Role) {
    db.write("前台", |tx| {
        let code = parse_unit_code(code).unwrap();
        let unit = match register::store::unit_by_code(tx, &code.to_string())? {
            Some(u) => u,
            None => register::add_unit(tx, &NewUnit { code, unit_type: UnitType::Residence, area: Some(register::Area(8950)), handover: None })?,
        };
        let person = NewPerson { name: name.into(), phones: vec![phone.into()], id_number: None };
        register::add_occupant(tx, &unit, &person, role, day()).map(drop)
    })
    .unwrap();
}

fn titles(index: &Index, query: &str) -> Vec<String> {
    index.find(query, 20).into_iter().map(|h| h.title).collect()
}

fn estate() -> Db {
    let mut db = Db::in_memory("测试小区").unwrap();
    add(&mut db, "3-2-1502", "张三丰", "13800001502", Role::Owner);
    add(&mut db, "3-2-1501", "张三", "13800001501", Role::Owner);
    add(&mut db, "3-2-902", "李张三", "13900000902", Role::Owner);
    add(&mut db, "13-2-1501", "王五", "13700001234", Role::Owner);
    add(&mut db, "3-2-1501", "赵四", "13600001234", Role::Tenant);
    db
}

#[test]
fn codes_rank_whole_then_start_in_code_order() {
    let index = Index::load(estate().conn()).unwrap();
    assert_eq!(titles(&index, "3-2-15"), ["3-2-1501 张三", "3-2-1502 张三丰"]);
    let hits = index.find("3-2-1502", 20);
    assert_eq!(hits[0].why, Why::Code);
    assert_eq!(hits.len(), 1);
    // "3" is the start of building 3's codes but not of 13's: a dash follows the building.
    assert_eq!(titles(&index, "3栋"), ["3-2-902 李张三", "3-2-1501 张三", "3-2-1502 张三丰"]);
    assert_eq!(titles(&index, "3-2-"), ["3-2-902 李张三", "3-2-1501 张三", "3-2-1502 张三丰"]);
}

#[test]
fn names_rank_whole_then_pinyin_then_part() {
    let index = Index::load(estate().conn()).unwrap();
    let hits = index.find("张三", 20);
    let got: Vec<(&str, Why)> = hits.iter().map(|h| (h.title.as_str(), h.why)).collect();
    assert_eq!(got, [("3-2-1501 张三", Why::Name), ("3-2-1502 张三丰", Why::NamePart), ("3-2-902 李张三", Why::NamePart)]);
    // Names the letters spell to their end come first (赵四 is zs too; a tenant after
    // the owner), then a longer name they only start.
    assert_eq!(titles(&index, "zs"), ["3-2-1501 张三", "3-2-1501 赵四", "3-2-1502 张三丰"]);
    assert_eq!(titles(&index, "zhangsanf"), ["3-2-1502 张三丰"]);
}

#[test]
fn phones_by_their_end_owners_before_tenants() {
    let index = Index::load(estate().conn()).unwrap();
    let hits = index.find("1234", 20);
    let got: Vec<(&str, &str)> = hits.iter().map(|h| (h.title.as_str(), h.detail.as_str())).collect();
    assert_eq!(got, [("13-2-1501 王五", "业主 · 137****1234"), ("3-2-1501 赵四", "租户 · 136****1234")]);
    assert!(hits.iter().all(|h| h.why == Why::Phone && h.kind == HitKind::Person));
    // A whole number typed from its start.
    assert_eq!(titles(&index, "1380000150"), ["3-2-1501 张三", "3-2-1502 张三丰"]);
    assert!(index.find("123", 20).is_empty(), "three digits are not enough for a phone");
}

#[test]
fn limit_and_stable_order() {
    let index = Index::load(estate().conn()).unwrap();
    assert_eq!(index.find("3", 2).len(), 2);
    assert_eq!(index.find("3", 0).len(), 0);
    assert_eq!(index.find("z", 20), index.find("z", 20));
    assert_eq!(index.find("3", 2), index.find("3", 20)[..2].to_vec());
}

#[test]
fn refresh_reads_new_writes_and_the_index_can_be_shared() {
    fn shared<T: Send + Sync>(_: &T) {}
    let mut db = estate();
    let mut index = Index::load(db.conn()).unwrap();
    shared(&index);
    assert!(index.find("孙七", 5).is_empty());
    add(&mut db, "5-1-101", "孙七", "13500000007", Role::Owner);
    index.refresh(db.conn()).unwrap();
    assert_eq!(titles(&index, "孙七"), ["5-1-101 孙七"]);
    assert_eq!(index.size(), IndexSize { units: 5, people: 6, vehicles: 0 });
}

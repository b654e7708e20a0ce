//! The search box on a real estate file: codes as clerks type them, names,
//! pinyin with surnames read as surnames, phones, plates, and someone who
//! has moved out.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use chrono::NaiveDate;
use estate_core::Db;
use estate_core::register::{self, Area, NewPerson, NewUnit, Role, UnitType, rules::parse_unit_code};
use estate_core::search::{HitKind, Index, Why};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn person(name: &str, phone: &str) -> NewPerson {
    NewPerson { name: name.into(), phones: vec![phone.into()], id_number: None }
}

/// One unit per owner, a plate on the first, and 3-2-1501 sold from 刘备 to 关羽.
fn estate(dir: &std::path::Path) -> Db {
    let mut db = Db::create(&dir.join("estate.db"), "翠湖花园").unwrap();
    let owners = [
        ("3-2-1502", "张三", "13800001234"),
        ("3-2-1402", "单丽", "13900000001"),
        ("5-1-101", "曾伟", "13900000002"),
        ("5-1-102", "解芳", "13900000003"),
        ("5-1-201", "仇敏", "13900000004"),
        ("5-1-202", "区静", "13900000005"),
        ("5-1-301", "查强", "13900000006"),
        ("5-1-302", "覃磊", "13900000007"),
        ("5-1-401", "尉迟恭", "13900000008"),
        ("3-2-1501", "刘备", "13700005678"),
    ];
    db.write("前台", |tx| {
        for (code, name, phone) in owners {
            let new = NewUnit { code: parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(Area(8950)), handover: None };
            let unit = register::add_unit(tx, &new)?;
            register::add_occupant(tx, &unit, &person(name, phone), Role::Owner, date("2019-05-01"))?;
        }
        let unit = register::find_unit(tx, "3-2-1502")?;
        register::add_vehicle(tx, &unit, "京A12345", None)?;
        Ok(())
    })
    .unwrap();
    db.write("前台", |tx| {
        let unit = register::find_unit(tx, "3-2-1501")?;
        register::transfer(tx, &unit, &person("关羽", "13700009999"), date("2024-03-01"), "买卖").map(drop)
    })
    .unwrap();
    db
}

fn loaded() -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let db = estate(dir.path());
    drop(db);
    // Read back from the file, as the app does at launch.
    let db = Db::open(&dir.path().join("estate.db")).unwrap();
    let index = Index::load(db.conn()).unwrap();
    (dir, index)
}

fn first_title(index: &Index, query: &str) -> String {
    index.find(query, 10).first().map(|h| h.title.clone()).unwrap_or_default()
}

#[test]
fn pinyin_initials_find_people_with_surnames_read_as_surnames() {
    let (_dir, index) = loaded();
    let zs = index.find("zs", 10);
    assert_eq!(zs[0].title, "3-2-1502 张三");
    assert_eq!(zs[0].why, Why::Pinyin);
    assert_eq!(zs[0].kind, HitKind::Person);
    for (typed, want) in [
        ("sl", "3-2-1402 单丽"),
        ("zw", "5-1-101 曾伟"),
        ("xf", "5-1-102 解芳"),
        ("qm", "5-1-201 仇敏"),
        ("oj", "5-1-202 区静"),
        ("zq", "5-1-301 查强"),
        ("ql", "5-1-302 覃磊"),
        ("ycg", "5-1-401 尉迟恭"),
        ("shanli", "3-2-1402 单丽"),
        ("ZS", "3-2-1502 张三"),
    ] {
        assert_eq!(first_title(&index, typed), want, "{typed}");
    }
    assert!(index.find("dl", 10).iter().all(|h| h.title != "3-2-1402 单丽"), "单 is not read dān as a surname");
}

#[test]
fn units_by_code_as_clerks_write_it() {
    let (_dir, index) = loaded();
    for typed in ["3-2-1502", "3栋2单元1502", "3-2-1502室", "3号楼2单元1502", " 3 - 2 - 1502 "] {
        let hits = index.find(typed, 10);
        assert_eq!(hits[0].unit_code, "3-2-1502", "{typed}");
        assert_eq!(hits[0].why, Why::Code, "{typed}");
        assert_eq!(hits[0].kind, HitKind::Unit);
        assert_eq!(hits[0].title, "3-2-1502 张三");
        assert_eq!(hits[0].detail, "住宅 · 89.50㎡ · 京A12345");
    }
    let typing: Vec<String> = index.find("3-2-15", 10).into_iter().map(|h| h.unit_code).collect();
    assert_eq!(typing, ["3-2-1501", "3-2-1502"]);
    assert!(index.find("3-2-15", 10).iter().all(|h| h.why == Why::CodePrefix));
}

#[test]
fn phones_by_their_last_digits_shown_masked() {
    let (_dir, index) = loaded();
    let hits = index.find("1234", 10);
    // The phone first; the plate 京A12345 has 1234 in it too and comes after.
    assert_eq!(hits.len(), 2);
    assert_eq!((hits[1].kind, hits[1].why), (HitKind::Vehicle, Why::Plate));
    assert_eq!(hits[0].title, "3-2-1502 张三");
    assert_eq!(hits[0].detail, "业主 · 138****1234 · 京A12345");
    assert_eq!(hits[0].why, Why::Phone);
    assert_eq!(first_title(&index, "01234"), "3-2-1502 张三");
    assert_eq!(first_title(&index, "13800001234"), "3-2-1502 张三");
    let json = serde_json::to_string(&index.find("1234", 10)).unwrap();
    assert!(!json.contains("13800001234"), "a phone never leaves the index unmasked: {json}");
}

#[test]
fn plates_by_any_part_in_any_case() {
    let (_dir, index) = loaded();
    for typed in ["A12", "a12", "京A", "京A12345", "12345", "京a·12345"] {
        let hits = index.find(typed, 10);
        let plate = hits.iter().find(|h| h.kind == HitKind::Vehicle).unwrap_or_else(|| panic!("{typed}: {hits:?}"));
        assert_eq!(plate.title, "3-2-1502 京A12345");
        assert_eq!(plate.detail, "业主 张三 · 138****1234");
        assert_eq!(plate.why, Why::Plate);
    }
}

#[test]
fn blank_queries_find_nothing() {
    let (_dir, index) = loaded();
    for typed in ["", " ", "\u{3000}", "\t\n"] {
        assert!(index.find(typed, 10).is_empty(), "{typed:?}");
    }
    assert!(index.find("没有这个人", 10).is_empty());
}

#[test]
fn someone_who_moved_out_is_found_as_the_former_owner() {
    let (_dir, index) = loaded();
    let liu = index.find("刘备", 10);
    assert_eq!(liu.len(), 1);
    assert_eq!(liu[0].title, "3-2-1501 刘备");
    assert_eq!(liu[0].detail, "原业主 · 137****5678");
    // The unit now shows its new owner; people of the unit list the current one first.
    assert_eq!(first_title(&index, "3-2-1501"), "3-2-1501 关羽");
    let by_unit_people: Vec<(String, String)> =
        index.find("137", 10).into_iter().map(|h| (h.title, h.detail)).collect();
    assert!(by_unit_people.is_empty(), "three digits are not a phone: {by_unit_people:?}");
    let both: Vec<String> = index.find("13700", 10).into_iter().map(|h| h.detail).collect();
    assert!(both.is_empty(), "13700 is the end of neither phone: {both:?}");
    let both: Vec<String> = index.find("1370000", 10).into_iter().map(|h| h.detail).collect();
    assert_eq!(both, ["业主 · 137****9999", "原业主 · 137****5678"], "current before former");
}

#[test]
fn hits_serialise_for_the_screen() {
    let (_dir, index) = loaded();
    let v = serde_json::to_value(&index.find("zs", 1)[0]).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["detail", "kind", "person_id", "title", "unit_code", "unit_id", "why", "why_label"]);
    assert_eq!(v["kind"], "person");
    assert_eq!(v["why"], "pinyin");
    assert_eq!(v["why_label"], "拼音");
    assert_eq!(v["unit_code"], "3-2-1502");
}

/// The README's first steps: on the demo estate, typing zs finds 张三 among the first hits.
#[test]
fn the_demo_estate_has_zhang_san_for_the_first_steps() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    estate_core::demo::create(&path, &estate_core::demo::DemoOptions { units: 40, years: 1, seed: 7 }).unwrap();
    let db = Db::open(&path).unwrap();
    let hits = Index::load(db.conn()).unwrap().find("zs", 12);
    assert!(hits.iter().any(|h| h.title.contains("张三")), "{:?}", hits.iter().map(|h| &h.title).collect::<Vec<_>>());
}

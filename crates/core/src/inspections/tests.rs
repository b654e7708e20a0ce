//! Inspections on a real (in-memory) database with the clock fixed: the seeded
//! checklists and their editing, a weekly round with a fault that opens a work
//! order, a vacant home's round, every refusal, what is due, what the database
//! itself refuses, who may do what, and the round's sheet read back.

use super::*;
use crate::db::Db;
use crate::register::{self, NewPerson, NewUnit, Role, rules as reg_rules};
use crate::service::{self, Area, Category};
use crate::staff::{Staff, StaffRole};
use crate::testing::{day, on, pdf_text};

fn unit(db: &mut Db, code: &str, kind: UnitType) -> Unit {
    let new = NewUnit { code: reg_rules::parse_unit_code(code).unwrap(), unit_type: kind, area: Some(reg_rules::parse_area("90").unwrap()), handover: None };
    db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
}

/// 3-2-1502 lived in by 张三; 3-2-1601 empty (its key held by an authorised neighbour); 3-2-1701 empty; a parking space.
fn estate() -> (Db, Unit, Unit) {
    let mut db = Db::in_memory("翠湖花园").unwrap();
    on(&mut db, "2026-11-02");
    let lived = unit(&mut db, "3-2-1502", UnitType::Residence);
    let owner = NewPerson { name: "张三".into(), phones: vec!["13800001234".into()], id_number: None };
    db.write("测试", |tx| register::add_occupant(tx, &lived, &owner, Role::Owner, day("2020-01-01"))).unwrap();
    let empty = unit(&mut db, "3-2-1601", UnitType::Residence);
    let keeper = NewPerson { name: "钱五".into(), phones: vec![], id_number: None };
    db.write("测试", |tx| register::add_occupant(tx, &empty, &keeper, Role::Authorised, day("2020-01-01"))).unwrap();
    unit(&mut db, "3-2-1701", UnitType::Residence);
    unit(&mut db, "P-1-001", UnitType::Parking);
    (db, lived, empty)
}

fn public_round(on_day: &str) -> NewRound {
    NewRound { checklist: "公共区域".into(), inspector: "巡检员老周".into(), on: on_day.into(), ..NewRound::default() }
}

fn names(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.name.as_str()).collect()
}

fn code(e: crate::Error) -> &'static str {
    e.code()
}

fn staff(role: StaffRole, name: &str) -> Staff {
    Staff { id: 1, name: name.into(), role, active: true, created_at: String::new(), locked_until: None }
}

#[test]
fn the_two_checklists_come_seeded_in_their_order() {
    let (db, ..) = estate();
    assert_eq!(names(&items(db.conn(), Checklist::Public, false).unwrap()), ["楼道照明", "清洁卫生", "路面铺装", "井盖", "游乐设施", "单元门及对讲", "电梯", "绿化"]);
    assert_eq!(names(&items(db.conn(), Checklist::Vacant, false).unwrap()), ["门窗", "水电已关闭", "渗漏", "垃圾杂物"]);
}

#[test]
fn a_weekly_round_with_a_fault_opens_one_public_work_order() {
    let (mut db, ..) = estate();
    on(&mut db, "2026-11-23");
    let r = db.write("王前台", |tx| start(tx, &public_round("2026-11-22"))).unwrap();
    assert_eq!((r.round_no.as_str(), r.title, r.inspected_on.as_str(), r.inspector.as_str(), r.items, r.answered), ("XJ20261123-001", "每周公共区域巡检", "2026-11-22", "巡检员老周", 8, 0));
    assert_eq!(r.status_label, "进行中");
    let r = db.write("王前台", |tx| record(tx, r.id, "电梯", false, "2 号楼电梯按钮失灵")).unwrap();
    for n in 1..=8 {
        if n != 7 {
            db.write("王前台", |tx| record(tx, r.id, &n.to_string(), true, "")).unwrap();
        }
    }
    let r = db.write("李前台", |tx| finish(tx, r.id)).unwrap();
    assert_eq!((r.finished, r.faults, r.finished_by.as_deref()), (true, 1, Some("李前台")));
    let lift = &r.answers[6];
    assert_eq!((lift.item.as_str(), lift.result_label, lift.note.as_str(), lift.answered_by.as_deref()), ("电梯", "异常", "2 号楼电梯按钮失灵", Some("王前台")));

    let o = db.write("王前台", |tx| open_order(tx, r.id, "7", &NewFindingOrder { category: "公共设施".into(), ..Default::default() })).unwrap();
    assert_eq!((o.order_no.as_str(), o.source, o.source_ref.as_str(), o.area, o.unit.as_str()), ("WX20261123-001", "巡检", "XJ20261123-001/7", Area::Public, ""));
    assert_eq!((o.category, o.location.as_str(), o.description.as_str()), (Category::Facilities, "电梯", "每周公共区域巡检 2026-11-22发现电梯异常：2 号楼电梯按钮失灵"));
    assert_eq!(o.source_text(), "巡检 XJ20261123-001/7");
    let r = round(db.conn(), r.id).unwrap();
    assert_eq!((r.orders, r.answers[6].order_no.as_deref(), r.answers[6].order_status_label), (1, Some("WX20261123-001"), Some("已报修")));

    let e = db.write("王前台", |tx| open_order(tx, r.id, "电梯", &NewFindingOrder { category: "其他".into(), ..Default::default() })).unwrap_err();
    assert_eq!(e.to_string(), "XJ20261123-001 的“电梯”已开维修单 WX20261123-001，一个异常项只开一张。请到维修单里跟进。");
    let e = db.write("王前台", |tx| open_order(tx, r.id, "绿化", &NewFindingOrder { category: "其他".into(), ..Default::default() })).unwrap_err();
    assert_eq!((code(e),), ("inspect.ok_item",));
    // The order follows the service desk's path like any other.
    db.write("王前台", |tx| service::dispatch(tx, o.id, "赵工程", "")).unwrap();
    assert_eq!(round(db.conn(), r.id).unwrap().answers[6].order_status_label, Some("已派工"));
    let audit: i64 = db.conn().query_row("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'inspect.%'", [], |r| r.get(0)).unwrap();
    assert_eq!(audit, 10, "start, eight answers, finish");
}

#[test]
fn a_round_is_answered_once_each_item_before_it_is_finished_and_never_changed_after() {
    let (mut db, ..) = estate();
    on(&mut db, "2026-11-23");
    let r = db.write("王前台", |tx| start(tx, &public_round(""))).unwrap();
    assert_eq!(r.inspected_on, "2026-11-23", "blank is today");
    let e = db.write("王前台", |tx| finish(tx, r.id)).unwrap_err();
    assert_eq!(e.to_string(), "XJ20261123-001 还有 8 项没填：楼道照明、清洁卫生、路面铺装、井盖、游乐设施、单元门及对讲、电梯、绿化。每项都填了正常或异常，才能完成巡检。");
    assert_eq!(code(db.write("王前台", |tx| record(tx, r.id, "井盖", false, "  ")).unwrap_err()), "inspect.fault_note");
    assert_eq!(code(db.write("王前台", |tx| record(tx, r.id, "9", true, "")).unwrap_err()), "inspect.item_not_on_round");
    let e = db.write("王前台", |tx| record(tx, r.id, "喷泉", true, "")).unwrap_err();
    assert!(e.to_string().contains("可填序号或名称：1 楼道照明、2 清洁卫生"), "{e}");
    assert_eq!(code(db.write("王前台", |tx| open_order(tx, r.id, "井盖", &NewFindingOrder { category: "其他".into(), ..Default::default() })).unwrap_err()), "inspect.ok_item");
    db.write("王前台", |tx| record(tx, r.id, "井盖", false, "东门井盖松动")).unwrap();
    let e = db.write("王前台", |tx| record(tx, r.id, "井盖", true, "")).unwrap_err();
    assert_eq!(e.to_string(), "XJ20261123-001 的“井盖”已经填过（异常），巡检结果只写一次，不再修改。");
    let e = db.write("王前台", |tx| finish(tx, r.id)).unwrap_err();
    assert!(matches!(&e, crate::Error::Inspect(InspectError::Unanswered { count: 7, .. })), "{e}");
    for n in 1..=8 {
        if n != 4 {
            db.write("王前台", |tx| record(tx, r.id, &n.to_string(), true, "")).unwrap();
        }
    }
    db.write("王前台", |tx| finish(tx, r.id)).unwrap();
    assert_eq!(code(db.write("王前台", |tx| finish(tx, r.id)).unwrap_err()), "inspect.finished");
    assert_eq!(code(db.write("王前台", |tx| record(tx, r.id, "井盖", true, "")).unwrap_err()), "inspect.finished");
    // A finished round's finding still opens its order.
    db.write("王前台", |tx| open_order(tx, r.id, "井盖", &NewFindingOrder { category: "公共设施".into(), location: "东门".into(), ..Default::default() })).unwrap();

    let e = db.write("王前台", |tx| start(tx, &public_round("2026-11-24"))).unwrap_err();
    assert_eq!(e.to_string(), "巡检日期 2026-11-24 还没到，请写巡检实际进行的日期。");
    assert_eq!(code(db.write("王前台", |tx| start(tx, &NewRound { unit: "3-2-1701".into(), ..public_round("") })).unwrap_err()), "inspect.unit_public");
    assert_eq!(code(db.write("王前台", |tx| start(tx, &NewRound { inspector: " ".into(), ..public_round("") })).unwrap_err()), "inspect.required");
    assert_eq!(code(db.write("王前台", |tx| start(tx, &NewRound { checklist: "消防".into(), ..public_round("") })).unwrap_err()), "inspect.bad_checklist");
    let second = db.write("王前台", |tx| start(tx, &public_round(""))).unwrap();
    assert_eq!(second.round_no, "XJ20261123-002");
}

#[test]
fn a_vacant_round_is_of_a_home_nobody_lives_in_and_its_finding_opens_an_in_unit_order() {
    let (mut db, _, empty) = estate();
    on(&mut db, "2026-11-23");
    let vacant = |u: &str| NewRound { checklist: "空置房".into(), unit: u.into(), inspector: "巡检员老周".into(), on: String::new() };
    let e = db.write("王前台", |tx| start(tx, &vacant("3-2-1502"))).unwrap_err();
    assert_eq!(e.to_string(), "3-2-1502 现登记有住户（张三），不是空置房。空置房巡检只查没有人居住的住宅；住户已迁出的，请先在业户登记里结束入住。");
    assert_eq!(code(db.write("王前台", |tx| start(tx, &vacant("P-1-001"))).unwrap_err()), "inspect.not_home");
    assert_eq!(code(db.write("王前台", |tx| start(tx, &vacant(""))).unwrap_err()), "inspect.unit_required");
    assert_eq!(code(db.write("王前台", |tx| start(tx, &vacant("9-9-999"))).unwrap_err()), "unit.not_found");

    let r = db.write("王前台", |tx| start(tx, &vacant("3栋2单元1601"))).unwrap();
    assert_eq!((r.unit.as_str(), r.title, r.items), ("3-2-1601", "每月空置房巡检", 4));
    let r = db.write("王前台", |tx| record(tx, r.id, "渗漏", false, "卫生间顶棚有水渍")).unwrap();
    let o = db.write("王前台", |tx| open_order(tx, r.id, "渗漏", &NewFindingOrder { category: "给排水".into(), ..Default::default() })).unwrap();
    assert_eq!((o.area, o.unit.as_str(), o.location.as_str(), o.source_ref.as_str()), (Area::Unit, "3-2-1601", "3-2-1601 渗漏", "XJ20261123-001/3"));
    assert_eq!(list(db.conn(), None, Some(empty.id)).unwrap().len(), 1);
}

#[test]
fn checklist_items_are_added_renamed_moved_and_retired_and_past_rounds_keep_what_they_had() {
    let (mut db, ..) = estate();
    on(&mut db, "2026-11-23");
    let old = db.write("王前台", |tx| start(tx, &public_round(""))).unwrap();
    let added = db.write("李主管", |tx| add_item(tx, Checklist::Public, " 消防通道 ")).unwrap();
    assert_eq!((added.name.as_str(), added.position, added.used), ("消防通道", 9, false));
    assert_eq!(code(db.write("李主管", |tx| add_item(tx, Checklist::Public, "电梯")).unwrap_err()), "inspect.item_exists");
    assert_eq!(code(db.write("李主管", |tx| add_item(tx, Checklist::Public, "")).unwrap_err()), "inspect.required");
    let renamed = db.write("李主管", |tx| rename_item(tx, Checklist::Public, "楼道照明", "楼道及地库照明")).unwrap();
    assert!(renamed.used, "the open round has it");
    assert_eq!(code(db.write("李主管", |tx| rename_item(tx, Checklist::Public, "绿化", "电梯")).unwrap_err()), "inspect.item_exists");
    let retired = db.write("李主管", |tx| retire_item(tx, Checklist::Public, "游乐设施")).unwrap();
    assert!(retired.retired);
    let e = db.write("李主管", |tx| retire_item(tx, Checklist::Public, "游乐设施")).unwrap_err();
    assert_eq!(code(e), "inspect.item_not_found", "a retired item is not among the active ones");
    let all = db.write("李主管", |tx| move_item(tx, Checklist::Public, "消防通道", "1")).unwrap();
    assert_eq!(names(&all), ["消防通道", "楼道及地库照明", "清洁卫生", "路面铺装", "井盖", "单元门及对讲", "电梯", "绿化", "游乐设施"]);
    assert_eq!(code(db.write("李主管", |tx| move_item(tx, Checklist::Public, "电梯", "9")).unwrap_err()), "inspect.bad_position");

    let new = db.write("王前台", |tx| start(tx, &public_round(""))).unwrap();
    assert_eq!(new.answers.iter().map(|a| a.item.as_str()).collect::<Vec<_>>(), ["消防通道", "楼道及地库照明", "清洁卫生", "路面铺装", "井盖", "单元门及对讲", "电梯", "绿化"]);
    let old = round(db.conn(), old.id).unwrap();
    assert_eq!(old.answers.iter().map(|a| a.item.as_str()).collect::<Vec<_>>(), ["楼道照明", "清洁卫生", "路面铺装", "井盖", "游乐设施", "单元门及对讲", "电梯", "绿化"], "a started round keeps its items as they were");
    db.write("王前台", |tx| record(tx, old.id, "游乐设施", true, "")).unwrap();

    // The vacant checklist cannot be emptied.
    for name in ["门窗", "水电已关闭", "渗漏"] {
        db.write("李主管", |tx| retire_item(tx, Checklist::Vacant, name)).unwrap();
    }
    let e = db.write("李主管", |tx| retire_item(tx, Checklist::Vacant, "垃圾杂物")).unwrap_err();
    assert_eq!(e.to_string(), "空置房巡检表只剩“垃圾杂物”一项，不能停用。请先添加新的检查项。");
    // A retired name may come back as a new item.
    db.write("李主管", |tx| add_item(tx, Checklist::Vacant, "门窗")).unwrap();
    assert_eq!(names(&items(db.conn(), Checklist::Vacant, true).unwrap()), ["垃圾杂物", "门窗", "门窗", "水电已关闭", "渗漏"]);
}

#[test]
fn what_is_due_is_the_public_areas_after_a_week_and_each_vacant_home_each_month() {
    let (mut db, ..) = estate();
    on(&mut db, "2026-11-23");
    let due_now = |db: &Db, d: &str| due(db.conn(), day(d)).unwrap().into_iter().map(|d| (d.unit, d.text)).collect::<Vec<_>>();
    assert_eq!(
        due_now(&db, "2026-11-23"),
        [
            (String::new(), "近 7 天没有公共区域巡检（从未巡检）".to_string()),
            ("3-2-1601".to_string(), "本月还没有空置房巡检（从未巡检）".to_string()),
            ("3-2-1701".to_string(), "本月还没有空置房巡检（从未巡检）".to_string())
        ]
    );
    let r = db.write("王前台", |tx| start(tx, &public_round("2026-11-20"))).unwrap();
    assert_eq!(due(db.conn(), day("2026-11-23")).unwrap()[0].open_round.as_deref(), Some("XJ20261123-001"), "begun, not finished: still due");
    for n in 1..=8 {
        db.write("王前台", |tx| record(tx, r.id, &n.to_string(), true, "")).unwrap();
    }
    db.write("王前台", |tx| finish(tx, r.id)).unwrap();
    let v = db.write("王前台", |tx| start(tx, &NewRound { checklist: "vacant".into(), unit: "3-2-1601".into(), inspector: "老周".into(), on: "2026-11-01".into() })).unwrap();
    for n in 1..=4 {
        db.write("王前台", |tx| record(tx, v.id, &n.to_string(), true, "")).unwrap();
    }
    db.write("王前台", |tx| finish(tx, v.id)).unwrap();
    assert_eq!(due_now(&db, "2026-11-26"), [("3-2-1701".to_string(), "本月还没有空置房巡检（从未巡检）".to_string())]);
    assert_eq!(due_now(&db, "2026-11-27")[0].1, "近 7 天没有公共区域巡检（上次 2026-11-20）");
    assert_eq!(due_now(&db, "2026-12-01")[1].1, "本月还没有空置房巡检（上次 2026-11-01）");
    // The month's list and a unit's.
    assert_eq!(list(db.conn(), Some(crate::fees::Period::parse("2026-11").unwrap()), None).unwrap().len(), 2);
    assert!(list(db.conn(), Some(crate::fees::Period::parse("2026-10").unwrap()), None).unwrap().is_empty());
}

#[test]
fn the_database_itself_keeps_rounds_written_once_and_one_order_per_finding() {
    let (mut db, ..) = estate();
    on(&mut db, "2026-11-23");
    let r = db.write("王前台", |tx| start(tx, &public_round(""))).unwrap();
    let c = db.conn();
    assert!(c.execute("UPDATE inspection_rounds SET finished_at = 'x', finished_by = 'x' WHERE id = ?1", [r.id]).is_err(), "not with items unanswered");
    assert!(c.execute("UPDATE inspection_rounds SET inspector = 'x' WHERE id = ?1", [r.id]).is_err());
    assert!(c.execute("DELETE FROM inspection_rounds WHERE id = ?1", [r.id]).is_err());
    assert!(c.execute("DELETE FROM inspection_items WHERE name = '电梯'", []).is_err());
    assert!(c.execute("UPDATE inspection_results SET ok = 0 WHERE round_id = ?1", [r.id]).is_err(), "a fault needs its note");
    assert!(c.execute("INSERT INTO inspection_results (round_id, item_id, item_name, position) VALUES (?1, 9, 'x', 99)", [r.id]).is_ok(), "items come at the start");
    db.write("王前台", |tx| record(tx, r.id, "电梯", false, "停运")).unwrap();
    let c = db.conn();
    assert!(c.execute("UPDATE inspection_results SET ok = 1 WHERE round_id = ?1 AND position = 7", [r.id]).is_err(), "answered once");
    assert!(c.execute("INSERT INTO inspection_results (round_id, item_id, item_name, position) VALUES (?1, 10, 'x', 98)", [r.id]).is_err(), "no item added once answering began");
    let order = |r: &str, area: &str| {
        c.execute(
            "INSERT INTO work_orders (order_no, source, source_ref, area, category, location, description, reported_at, recorded_at, operator)
             VALUES ('WX-T' || abs(random()), 'inspection', ?1, ?2, 'other', 'x', 'x', 'x', 'x', 'x')",
            rusqlite::params![r, area],
        )
    };
    assert!(order("XJ20261123-001/1", "public").is_err(), "an unanswered item is no finding");
    assert!(order("XJ20261123-001/7", "unit").is_err(), "a public finding is a public order");
    assert!(order("XJ20261123-001/7", "public").is_ok());
    assert!(order("XJ20261123-001/7", "public").is_err(), "one order per finding");
    assert!(order("XJ20261123-009/1", "public").is_err());
}

#[test]
fn a_clerk_walks_rounds_and_a_supervisor_edits_the_checklists() {
    let (mut db, ..) = estate();
    on(&mut db, "2026-11-23");
    let (clerk, boss, finance) = (staff(StaffRole::Clerk, "王前台"), staff(StaffRole::Supervisor, "李主管"), staff(StaffRole::Finance, "赵财务"));
    let r = crate::desk::inspect_start(&mut db, &clerk, &public_round("")).unwrap();
    crate::desk::inspect_record(&mut db, &clerk, &r.round_no.to_lowercase(), "1", true, "").unwrap();
    assert_eq!(code(crate::desk::inspect_record(&mut db, &finance, &r.round_no, "2", true, "").unwrap_err()), "staff.forbidden");
    assert_eq!(code(crate::desk::inspect_item_add(&mut db, &clerk, Checklist::Public, "消防通道").unwrap_err()), "staff.forbidden");
    assert_eq!(code(crate::desk::inspect_item_retire(&mut db, &clerk, Checklist::Public, "电梯").unwrap_err()), "staff.forbidden");
    crate::desk::inspect_item_add(&mut db, &boss, Checklist::Public, "消防通道").unwrap();
    crate::desk::inspect_item_move(&mut db, &boss, Checklist::Public, "消防通道", "2").unwrap();
    assert_eq!(code(crate::desk::inspect_finish(&mut db, &clerk, "XJ20991231-001").unwrap_err()), "inspect.not_found");
}

#[test]
fn the_rounds_sheet_reads_back_blank_before_and_filled_in_after() {
    let (mut db, ..) = estate();
    on(&mut db, "2026-11-23");
    let r = db.write("王前台", |tx| start(tx, &public_round("2026-11-22"))).unwrap();
    let blank = pdf_text(&round_pdf(db.conn(), r.id, "2026-11-23T09:00:00+08:00", "王前台").unwrap());
    for want in ["每周公共区域巡检记录表", "翠湖花园物业服务中心", "XJ20261123-001", "2026-11-22", "巡检员老周", "进行中（已填 0/8 项）", "单元门及对讲", "□正常 □异常", "巡检人（签字）"] {
        assert!(blank.contains(want), "{want} missing:\n{blank}");
    }
    db.write("王前台", |tx| record(tx, r.id, "电梯", false, "2 号楼电梯按钮失灵")).unwrap();
    for n in [1, 2, 3, 4, 5, 6, 8] {
        db.write("王前台", |tx| record(tx, r.id, &n.to_string(), true, "")).unwrap();
    }
    db.write("王前台", |tx| finish(tx, r.id)).unwrap();
    db.write("王前台", |tx| open_order(tx, r.id, "电梯", &NewFindingOrder { category: "公共设施".into(), ..Default::default() })).unwrap();
    let filled = pdf_text(&round_pdf(db.conn(), r.id, "2026-11-23T10:00:00+08:00", "王前台").unwrap());
    for want in ["已完成（2026-11-23 09:00）", "1 项，已开维修单 1 张", "2 号楼电梯按钮失灵", "WX20261123-001（已报修）", "打印于 2026-11-23 10:00 · 王前台"] {
        assert!(filled.contains(want), "{want} missing:\n{filled}");
    }
    assert!(!filled.contains("□正常"));
}

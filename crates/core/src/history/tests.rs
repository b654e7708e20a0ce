//! The unit's history on a real (in-memory) database: every kind of event,
//! newest first, with its reference; nothing of another unit.

use super::*;
use crate::db::Db;
use crate::dunning::{self, ContactForm, DeliveryForm};
use crate::register::{self, NewPerson, NewUnit, Role, UnitType, rules as reg_rules};
use crate::reno;
use crate::service::{self, NewDone, NewOrder, NewRequest, NewStep};
use crate::testing::{day, on, reno_application, yuan};

fn add_unit(db: &mut Db, code: &str) -> Unit {
    let new = NewUnit { code: reg_rules::parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area("90").unwrap()), handover: None };
    db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
}

fn person(name: &str) -> NewPerson {
    NewPerson { name: name.into(), phones: vec![], id_number: None }
}

#[test]
fn the_timeline_holds_the_units_big_events_newest_first() {
    let mut db = Db::in_memory("测试小区").unwrap();
    on(&mut db, "2026-01-05");
    let unit = add_unit(&mut db, "1-1-101");
    let other = add_unit(&mut db, "1-1-102");
    db.write("测试", |tx| register::add_occupant(tx, &unit, &person("张三"), Role::Owner, day("2020-01-01"))).unwrap();
    db.write("测试", |tx| register::add_occupant(tx, &unit, &person("李四"), Role::Tenant, day("2025-03-01"))).unwrap();
    let tenancy = register::unit_card(db.conn(), &unit).unwrap().occupancies.into_iter().find(|o| o.role == Role::Tenant).unwrap();
    db.write("测试", |tx| register::end_occupancy(tx, &unit, tenancy.id, day("2025-12-31"))).unwrap();
    on(&mut db, "2026-03-01");
    db.write("测试", |tx| register::transfer(tx, &unit, &person("王五"), day("2026-02-20"), "买卖")).unwrap();

    on(&mut db, "2026-04-01");
    let a = reno_application("王五", "2026-04-05", "2026-06-30");
    let p = db.write("王前台", |tx| reno::apply(tx, &unit, &a)).unwrap();
    on(&mut db, "2026-04-02");
    db.write("李主管", |tx| reno::reject(tx, p.id, "拆改承重墙")).unwrap();

    on(&mut db, "2026-05-10");
    let c = NewRequest { kind: "投诉".into(), subject: "毗邻关系".into(), caller: "王五".into(), channel: "来访".into(), content: "楼上装修噪音，晚上十点还在施工".into(), ..NewRequest::default() };
    let r = db.write("王前台", |tx| service::record(tx, Some(&unit), &c)).unwrap();
    db.write("王前台", |tx| service::withhold(tx, r.id, "")).unwrap();
    let o = NewOrder { area: "户内".into(), unit: "1-1-101".into(), category: "给排水".into(), location: "厨房水槽".into(), description: "下水堵塞".into(), ..NewOrder::default() };
    let o = db.write("王前台", |tx| service::open_order(tx, &o)).unwrap();
    db.write("王前台", |tx| service::dispatch(tx, o.id, "钱师傅", "")).unwrap();
    on(&mut db, "2026-05-11");
    db.write("王前台", |tx| service::arrive(tx, o.id, "")).unwrap();
    db.write("王前台", |tx| service::done(tx, o.id, &NewDone { charge: Some(yuan("80")), ..NewDone::default() })).unwrap();
    // A public repair and another unit's complaint are not this unit's history.
    let public = NewOrder { area: "公共区域".into(), category: "电路".into(), location: "1栋楼道".into(), description: "灯不亮".into(), ..NewOrder::default() };
    db.write("王前台", |tx| service::open_order(tx, &public)).unwrap();
    db.write("王前台", |tx| service::record(tx, Some(&other), &NewRequest { caller: "赵六".into(), ..c.clone() })).unwrap();
    // A consultation is not a big event either.
    db.write("王前台", |tx| service::record(tx, Some(&unit), &NewRequest { kind: "咨询".into(), subject: String::new(), ..c.clone() })).unwrap();
    db.write("王前台", |tx| service::step(tx, r.id, &NewStep { step: "定性".into(), valid: Some(true), ..NewStep::default() })).unwrap();

    on(&mut db, "2026-06-01");
    // The repair charge was left owing: the legal contact records the 80.00 owed that day.
    let legal = ContactForm { unit: "1-1-101".into(), stage: "legal".into(), channel: "律师".into(), date: "2026-06-01".into(), outcome: "发律师函".into(), promised: String::new(), dispute: String::new() };
    let contact = db.write("王前台", |tx| dunning::record_contact(tx, &legal)).unwrap();
    let reminder = ContactForm { stage: "reminder".into(), channel: "电话".into(), outcome: "未接".into(), ..legal.clone() };
    db.write("王前台", |tx| dunning::record_contact(tx, &reminder)).unwrap();
    let delivered = DeliveryForm { letter_no: String::new(), contact_id: Some(contact.id), date: "2026-06-01".into(), signed_by: String::new(), mail_no: "XA123456789CN".into(), note: String::new() };
    db.write("王前台", |tx| dunning::record_delivery(tx, &delivered)).unwrap();

    let events = unit_history(db.conn(), &unit).unwrap();
    let lines: Vec<(&str, &str, &str, &str)> = events.iter().map(|e| (e.at.as_str(), e.kind_label, e.text.as_str(), e.reference.as_str())).collect();
    let cid = format!("催缴记录 #{}", contact.id);
    assert_eq!(
        lines,
        [
            ("2026-06-01", "法律催缴", "律师函·诉讼送达（挂号 XA123456789CN）", cid.as_str()),
            ("2026-06-01", "法律催缴", "律师函·诉讼（律师，欠费 80.00 元）：发律师函", cid.as_str()),
            ("2026-05-11 09:00", "维修", "户内维修完工：给排水 厨房水槽，维修费 80.00 元", "WX20260510-001"),
            ("2026-05-10 09:00", "投诉", "毗邻关系投诉：楼上装修噪音，晚上十点还在施工（已定性，业主以此拒缴）", "TS20260510-001"),
            ("2026-04-02 09:00", "装修", "装修申请驳回：拆改承重墙", "装修申请 #1"),
            ("2026-04-01 09:00", "装修", "装修申请（美家装饰公司，2026-04-05 至 2026-06-30）", "装修申请 #1"),
            ("2026-02-20", "过户", "产权过户：张三 → 王五（买卖）", "过户 #1"),
            ("2025-12-31", "迁出", "租户 李四 迁出", "住户 #2"),
            ("2025-03-01", "入住", "租户 李四 入住登记", "住户 #2"),
            ("2020-01-01", "入住", "业主 张三 入住登记", "住户 #1"),
        ]
    );
    assert!(unit_history(db.conn(), &other).unwrap().iter().all(|e| e.kind == EventKind::Complaint), "the other unit has its complaint only");
    let json = serde_json::to_value(&events[0]).unwrap();
    assert_eq!((json["kind"].as_str(), json["kind_label"].as_str()), (Some("legal"), Some("法律催缴")));
}

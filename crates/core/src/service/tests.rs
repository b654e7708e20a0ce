//! The service desk on a real (in-memory) database with the clock fixed: a
//! complaint from the phone call to its close, every refusal, work orders
//! with a charge through the fee ledger, what is late, the arrears link, the
//! month's summary, the work order PDF and erasure.

use chrono::{FixedOffset, NaiveDateTime, TimeZone};

use super::*;
use crate::db::{Clock, Db};
use crate::fees::Method;
use crate::money::Money;
use crate::register::{self, NewPerson, NewUnit, Role, UnitType, rules as reg_rules};
use crate::testing::{day, pdf_text, yuan};

/// Sets the clock to a local time (+08:00), "2026-11-23 09:00".
fn at(db: &mut Db, t: &str) {
    let t = NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").unwrap();
    db.set_clock(Clock::Fixed(FixedOffset::east_opt(8 * 3600).unwrap().from_local_datetime(&t).unwrap()));
}

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// 3-2-1502 owned by 张三, with a tenant 李四 who moved out in October.
fn estate() -> (Db, Unit) {
    let mut db = Db::in_memory("翠湖花园").unwrap();
    at(&mut db, "2026-11-02 09:00");
    let new = NewUnit { code: reg_rules::parse_unit_code("3-2-1502").unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area("90").unwrap()), handover: None };
    let unit = db.write("测试", |tx| register::add_unit(tx, &new)).unwrap();
    let owner = NewPerson { name: "张三".into(), phones: vec!["13800001234".into()], id_number: None };
    db.write("测试", |tx| register::add_occupant(tx, &unit, &owner, Role::Owner, day("2020-01-01"))).unwrap();
    (db, unit)
}

fn complaint() -> NewRequest {
    NewRequest {
        kind: "投诉".into(),
        subject: "收费".into(),
        urgency: "紧急".into(),
        caller: "张三".into(),
        phone: "13800001234".into(),
        channel: "电话".into(),
        received_at: "2026-11-23 08:50".into(),
        content: "楼上漏水三天没人管，物业费先不交了".into(),
    }
}

fn step_of(step: &str) -> NewStep {
    NewStep { step: step.into(), ..NewStep::default() }
}

fn write_step(db: &mut Db, who: &str, id: i64, s: NewStep) -> Result<Request> {
    db.write(who, |tx| step(tx, id, &s))
}

fn code(e: crate::Error) -> &'static str {
    e.code()
}

#[test]
fn a_complaint_goes_from_the_phone_call_to_its_close_and_each_step_names_who_and_when() {
    let (mut db, unit) = estate();
    at(&mut db, "2026-11-23 09:00");
    let r = db.write("王前台", |tx| record(tx, Some(&unit), &complaint())).unwrap();
    assert_eq!((r.request_no.as_str(), r.kind_label, r.subject_label, r.urgency_label, r.channel_label), ("TS20261123-001", "投诉", Some("收费"), "紧急", "电话"));
    assert_eq!((r.unit.as_str(), r.received_at.as_str(), r.owner.as_str(), r.status), ("3-2-1502", "2026-11-23 08:50", "王前台", Status::Recorded));
    assert_eq!(r.next, "下一步：定性（有效或无效投诉）。");

    at(&mut db, "2026-11-23 09:10");
    let r = write_step(&mut db, "王前台", r.id, NewStep { valid: Some(true), ..step_of("定性") }).unwrap();
    assert_eq!((r.status, r.steps[0].valid, r.steps[0].happened_at.as_str()), (Status::Classified, Some(true), "2026-11-23 09:10"));
    at(&mut db, "2026-11-23 10:00");
    let r = write_step(&mut db, "赵工程", r.id, NewStep { note: "1602 卫生间防水层破损".into(), ..step_of("investigated") }).unwrap();
    let r = write_step(&mut db, "王前台", r.id, NewStep { responsible: "赵工程".into(), deadline: "2026-11-25".into(), ..step_of("指派责任人") }).unwrap();
    assert_eq!((r.steps[2].responsible.as_deref(), r.steps[2].deadline.as_deref()), (Some("赵工程"), Some("2026-11-25 18:00")));
    let r = write_step(&mut db, "赵工程", r.id, NewStep { note: "通知 1602 业主维修防水，物业先修复 1502 吊顶".into(), ..step_of("proposed") }).unwrap();
    at(&mut db, "2026-11-24 16:00");
    let reply = NewStep { reply_channel: "电话".into(), at: "2026-11-24 15:30".into(), note: "已约 1602 周四维修，吊顶由物业负责修复".into(), ..step_of("答复") };
    let r = write_step(&mut db, "王前台", r.id, reply).unwrap();
    assert_eq!((r.steps[4].reply_channel_label, r.steps[4].happened_at.as_str(), r.steps[4].at.as_str()), (Some("电话"), "2026-11-24 15:30", "2026-11-24T16:00:00+08:00"));
    at(&mut db, "2026-11-27 10:00");
    let r = write_step(&mut db, "李前台", r.id, NewStep { satisfied: Some(true), note: "已不漏，满意".into(), ..step_of("回访") }).unwrap();
    let r = write_step(&mut db, "王前台", r.id, NewStep { note: "漏水投诉要当天派人查看".into(), lesson: "楼上楼下漏水先止水再定责".into(), ..step_of("summarised") }).unwrap();
    let r = write_step(&mut db, "王前台", r.id, step_of("关闭")).unwrap();
    assert_eq!(r.status, Status::Closed);
    assert_eq!(
        r.steps.iter().map(|s| (s.label, s.operator.as_str())).collect::<Vec<_>>(),
        [("已定性", "王前台"), ("已查明原因", "赵工程"), ("已指派", "王前台"), ("已拟定方案", "赵工程"), ("已答复", "王前台"), ("已回访", "李前台"), ("已总结", "王前台"), ("已关闭", "王前台")]
    );
    assert_eq!(r.owner, "王前台", "whoever took it stays its owner");
    let audit: i64 = db.conn().query_row("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'service.%'", [], |r| r.get(0)).unwrap();
    assert_eq!(audit, 9);
}

#[test]
fn closing_with_no_reply_visiting_before_the_reply_and_skipping_steps_are_refused() {
    let (mut db, unit) = estate();
    at(&mut db, "2026-11-23 09:00");
    let r = db.write("王前台", |tx| record(tx, Some(&unit), &complaint())).unwrap();
    let e = write_step(&mut db, "王前台", r.id, step_of("关闭")).unwrap_err();
    assert_eq!((code(e),), ("service.close_without_reply",));
    let e = write_step(&mut db, "王前台", r.id, NewStep { satisfied: Some(true), ..step_of("回访") }).unwrap_err();
    assert_eq!(e.to_string(), "还没有答复业主，不能回访 TS20261123-001。请先登记答复，再回访。");
    let e = write_step(&mut db, "王前台", r.id, NewStep { responsible: "赵工程".into(), deadline: "2026-11-25".into(), ..step_of("指派责任人") }).unwrap_err();
    assert!(e.to_string().contains("不能跳过“定性”"), "{e}");
    assert_eq!(code(write_step(&mut db, "王前台", r.id, step_of("定性")).unwrap_err()), "service.valid_required");
    assert_eq!(code(write_step(&mut db, "王前台", r.id, NewStep { valid: Some(false), ..step_of("定性") }).unwrap_err()), "service.invalid_needs_reason");
    let e = write_step(&mut db, "王前台", r.id, NewStep { at: "2026-11-23 08:00".into(), valid: Some(true), ..step_of("定性") }).unwrap_err();
    assert_eq!(e.to_string(), "时间 2026-11-23 08:00 早于上一步的时间 2026-11-23 08:50，请核对。");
    // Nothing of the refusals was written.
    assert!(request(db.conn(), r.id, t("2026-11-23 09:00")).unwrap().steps.is_empty());

    // An invalid complaint closes at once, with its reason; nothing else follows it.
    let r = write_step(&mut db, "王前台", r.id, NewStep { valid: Some(false), note: "属业主之间的私人纠纷，已建议找居委会调解".into(), ..step_of("定性") }).unwrap();
    assert_eq!(r.next, "无效投诉：写明原因后关闭。");
    assert_eq!(code(write_step(&mut db, "王前台", r.id, NewStep { note: "x".into(), ..step_of("investigated") }).unwrap_err()), "service.wrong_step");
    let r = write_step(&mut db, "王前台", r.id, step_of("closed")).unwrap();
    assert_eq!(r.status, Status::Closed);
    assert_eq!(code(write_step(&mut db, "王前台", r.id, step_of("closed")).unwrap_err()), "service.wrong_step");
}

#[test]
fn the_database_itself_keeps_the_steps_in_order_and_written_once() {
    let (mut db, unit) = estate();
    at(&mut db, "2026-11-23 09:00");
    let r = db.write("王前台", |tx| record(tx, Some(&unit), &complaint())).unwrap();
    let c = db.conn();
    let insert = |step: &str| c.execute("INSERT INTO service_steps (request_id, step, happened_at, note, at, operator) VALUES (?1, ?2, '2026-11-23 09:00', 'x', 'x', 'x')", rusqlite::params![r.id, step]);
    assert!(insert("closed").unwrap_err().to_string().contains("out of order"));
    assert!(insert("replied").is_err(), "a reply needs its channel, and comes after the path");
    assert!(c.execute("UPDATE service_requests SET status = 'closed' WHERE id = ?1", [r.id]).is_err());
    assert!(c.execute("UPDATE service_requests SET content = 'x' WHERE id = ?1", [r.id]).is_err());
    assert!(c.execute("DELETE FROM service_requests WHERE id = ?1", [r.id]).is_err());
}

#[test]
fn requests_other_than_complaints_are_answered_then_closed_and_numbered_apart() {
    let (mut db, unit) = estate();
    at(&mut db, "2026-11-23 09:00");
    let ask = NewRequest { kind: "咨询".into(), caller: "王五".into(), channel: "来访".into(), content: "停车月卡怎么办理".into(), ..NewRequest::default() };
    let a = db.write("王前台", |tx| record(tx, None, &ask)).unwrap();
    let b = db.write("王前台", |tx| record(tx, Some(&unit), &NewRequest { kind: "repair".into(), ..ask.clone() })).unwrap();
    let c = db.write("王前台", |tx| record(tx, Some(&unit), &complaint())).unwrap();
    assert_eq!([a.request_no.as_str(), b.request_no.as_str(), c.request_no.as_str()], ["XQ20261123-001", "XQ20261123-002", "TS20261123-001"]);
    assert_eq!((a.unit.as_str(), a.urgency, a.received_at.as_str()), ("", Urgency::Normal, "2026-11-23 09:00"));
    at(&mut db, "2026-11-24 09:00");
    let d = db.write("王前台", |tx| record(tx, None, &ask)).unwrap();
    assert_eq!(d.request_no, "XQ20261124-001", "numbers start again each day");

    assert_eq!(code(write_step(&mut db, "王前台", a.id, step_of("close")).unwrap_err()), "service.bad_choice");
    assert_eq!(code(write_step(&mut db, "王前台", a.id, step_of("closed")).unwrap_err()), "service.close_without_reply");
    assert_eq!(code(write_step(&mut db, "王前台", a.id, NewStep { note: "x".into(), ..step_of("定性") }).unwrap_err()), "service.complaint_only");
    let a = write_step(&mut db, "王前台", a.id, NewStep { reply_channel: "面谈".into(), note: "带行驶证到前台办理".into(), ..step_of("答复") }).unwrap();
    let a = write_step(&mut db, "王前台", a.id, step_of("关闭")).unwrap();
    assert_eq!(a.status, Status::Closed);

    for (bad, what) in [
        (NewRequest { kind: "表扬".into(), ..ask.clone() }, "service.bad_choice"),
        (NewRequest { kind: "投诉".into(), ..ask.clone() }, "service.no_subject"),
        (NewRequest { subject: "收费".into(), ..ask.clone() }, "service.subject_not_complaint"),
        (NewRequest { channel: String::new(), ..ask.clone() }, "service.required"),
        (NewRequest { content: " ".into(), ..ask.clone() }, "service.required"),
        (NewRequest { phone: "123".into(), ..ask.clone() }, "service.bad_phone"),
        (NewRequest { received_at: "2026-11-24 10:00".into(), ..ask.clone() }, "service.future_time"),
    ] {
        assert_eq!(code(db.write("王前台", |tx| record(tx, None, &bad)).unwrap_err()), what);
    }
}

#[test]
fn late_steps_are_listed_for_the_start_screen_by_urgency_deadline_and_visit() {
    let (mut db, unit) = estate();
    at(&mut db, "2026-11-23 09:00");
    let urgent = db.write("王前台", |tx| record(tx, Some(&unit), &complaint())).unwrap();
    let normal = db.write("王前台", |tx| record(tx, None, &NewRequest { kind: "服务".into(), caller: "王五".into(), channel: "电话".into(), content: "3 栋大堂灯不亮".into(), ..NewRequest::default() })).unwrap();
    let late_now = |db: &Db, now: &str| late(db.conn(), t(now)).unwrap().iter().map(|l| (l.request_no.clone(), l.late.clone().unwrap().what)).collect::<Vec<_>>();
    assert!(late_now(&db, "2026-11-23 12:50").is_empty());
    assert_eq!(late_now(&db, "2026-11-23 12:51"), [("TS20261123-001".to_string(), "response")], "urgent: 4 hours from 08:50");
    assert_eq!(late_now(&db, "2026-11-24 09:01").len(), 2);
    // The office shortens the hours: the normal one is late sooner.
    db.write("主管", |tx| crate::db::settings::change(tx, crate::db::settings::SERVICE_RESPONSE_HOURS, "8,2,1")).unwrap();
    assert_eq!(late_now(&db, "2026-11-23 17:01").len(), 2);
    assert_eq!(code(db.write("主管", |tx| crate::db::settings::change(tx, crate::db::settings::SERVICE_RESPONSE_HOURS, "8,2")).unwrap_err()), "settings.invalid");

    let r = write_step(&mut db, "王前台", normal.id, NewStep { responsible: "赵工程".into(), deadline: "2026-11-23 17:00".into(), ..step_of("指派责任人") }).unwrap();
    assert_eq!(r.late, None);
    let l = late(db.conn(), t("2026-11-23 17:30")).unwrap();
    let mine = l.iter().find(|l| l.id == normal.id).unwrap().late.clone().unwrap();
    assert_eq!((mine.what, mine.due.as_str()), ("deadline", "2026-11-23 17:00"));
    assert_eq!(l[0].id, urgent.id, "the longest overdue first");
}

#[test]
fn a_complaint_over_which_the_owner_withholds_fees_shows_in_arrears_dunning_and_on_the_unit_card() {
    let (mut db, unit) = estate();
    at(&mut db, "2026-11-23 09:00");
    let r = db.write("王前台", |tx| record(tx, Some(&unit), &complaint())).unwrap();
    // The unit owes an unpaid repair charge (a bill of this month).
    let o = db.write("王前台", |tx| open_order(tx, &NewOrder { request: r.request_no.clone(), area: "户内".into(), category: "给排水".into(), location: "卫生间吊顶".into(), ..NewOrder::default() })).unwrap();
    db.write("王前台", |tx| dispatch(tx, o.id, "赵工程", "")).unwrap();
    db.write("王前台", |tx| arrive(tx, o.id, "")).unwrap();
    db.write("王前台", |tx| done(tx, o.id, &NewDone { charge: Some(yuan("80")), materials: "石膏板 1 张".into(), ..NewDone::default() })).unwrap();

    let r = db.write("王前台", |tx| withhold(tx, r.id, "业主说漏水修好前不交物业费")).unwrap();
    assert_eq!(r.withheld.as_ref().map(|w| w.operator.as_str()), Some("王前台"));
    assert_eq!(code(db.write("王前台", |tx| withhold(tx, r.id, "")).unwrap_err()), "service.withholding_twice");
    let ask = db.write("王前台", |tx| record(tx, Some(&unit), &NewRequest { kind: "咨询".into(), caller: "张三".into(), channel: "电话".into(), content: "x".into(), ..NewRequest::default() })).unwrap();
    assert_eq!(code(db.write("王前台", |tx| withhold(tx, ask.id, "")).unwrap_err()), "service.withholding_not_complaint");

    let report = crate::arrears::report(db.conn(), day("2026-11-23"), &crate::arrears::Filter::default()).unwrap();
    assert_eq!((report.units[0].aged.total, report.units[0].complaints.clone()), (yuan("80"), vec!["TS20261123-001 收费投诉（已登记）".to_string()]));
    let pick = crate::dunning::Pick::read("", 0, "", "").unwrap();
    let list = crate::dunning::units(db.conn(), day("2026-11-23"), &pick).unwrap();
    assert_eq!(list.units[0].complaints, ["TS20261123-001 收费投诉（已登记）"]);
    let card = register::unit_card(db.conn(), &unit).unwrap();
    assert_eq!(card.complaints.iter().map(|c| (c.request_no.as_str(), c.withholding, c.open)).collect::<Vec<_>>(), [("TS20261123-001", true, true)]);
    let list = list_all(&db);
    assert!(list.iter().any(|l| l.request_no == "TS20261123-001" && l.withholding));

    // Closed, it no longer stands against the arrears; the card keeps it.
    let mut r = r;
    for s in [
        NewStep { valid: Some(true), ..step_of("定性") },
        NewStep { note: "防水".into(), ..step_of("investigated") },
        NewStep { responsible: "赵工程".into(), deadline: "2026-11-25".into(), ..step_of("assigned") },
        NewStep { note: "修".into(), ..step_of("proposed") },
        NewStep { reply_channel: "电话".into(), note: "已修".into(), ..step_of("replied") },
        NewStep { satisfied: Some(false), note: "嫌慢".into(), ..step_of("visited") },
        NewStep { note: "要快".into(), ..step_of("summarised") },
        step_of("closed"),
    ] {
        r = write_step(&mut db, "王前台", r.id, s).unwrap();
    }
    let report = crate::arrears::report(db.conn(), day("2026-11-23"), &crate::arrears::Filter::default()).unwrap();
    assert!(report.units[0].complaints.is_empty());
    assert!(!register::unit_card(db.conn(), &unit).unwrap().complaints[0].open);
}

fn list_all(db: &Db) -> Vec<RequestLine> {
    list(db.conn(), &Query::default(), t("2026-11-23 09:00")).unwrap()
}

#[test]
fn an_in_unit_repair_from_a_request_is_charged_through_the_fee_ledger_and_closed_after_the_return_visit() {
    let (mut db, unit) = estate();
    at(&mut db, "2026-11-23 09:00");
    let ask = NewRequest { kind: "报修".into(), caller: "张三".into(), phone: "13800001234".into(), channel: "电话".into(), received_at: "2026-11-23 08:30".into(), content: "厨房水龙头漏水".into(), ..NewRequest::default() };
    let r = db.write("王前台", |tx| record(tx, Some(&unit), &ask)).unwrap();
    let o = db.write("王前台", |tx| open_order(tx, &NewOrder { request: r.request_no.to_lowercase(), area: "unit".into(), category: "water".into(), location: "厨房".into(), ..NewOrder::default() })).unwrap();
    assert_eq!((o.order_no.as_str(), o.unit.as_str(), o.description.as_str(), o.reported_at.as_str()), ("WX20261123-001", "3-2-1502", "厨房水龙头漏水", "2026-11-23 08:30"));
    assert_eq!(request(db.conn(), r.id, t("2026-11-23 09:00")).unwrap().orders, ["WX20261123-001"]);

    let e = db.write("王前台", |tx| visit(tx, o.id, true, "", "")).unwrap_err();
    assert_eq!(e.to_string(), "还没有完工，不能回访 WX20261123-001。请先登记完工（estate order done）。");
    assert_eq!(code(db.write("王前台", |tx| close_order(tx, o.id, "")).unwrap_err()), "service.not_done");
    db.write("王前台", |tx| dispatch(tx, o.id, "赵工程", "2026-11-23 09:00")).unwrap();
    at(&mut db, "2026-11-23 11:00");
    db.write("王前台", |tx| arrive(tx, o.id, "2026-11-23 09:20")).unwrap();
    assert_eq!(code(db.write("王前台", |tx| check(tx, o.id, true, "")).unwrap_err()), "service.not_done");
    let d = NewDone { at: "2026-11-23 10:45".into(), materials: "水龙头 1 个".into(), charge: Some(yuan("80")), pay: Some(Method::Cash), payer: String::new(), note: String::new() };
    let o = db.write("王前台", |tx| done(tx, o.id, &d)).unwrap();
    assert_eq!((o.charge, o.outstanding, o.receipt_no.as_deref(), o.hours_to_finish), (yuan("80"), Money::ZERO, Some("SF0000001"), Some(2.3)));
    assert_eq!((o.technician.as_str(), o.materials.as_str(), o.done_at.as_deref()), ("赵工程", "水龙头 1 个", Some("2026-11-23 10:45")));
    let bills = crate::fees::bills(db.conn(), &unit).unwrap();
    assert!(bills.iter().any(|b| b.item == orders::REPAIR_ITEM && b.amount == yuan("80") && b.outstanding == Money::ZERO), "{bills:?}");
    let receipts = crate::fees::receipts(db.conn(), &unit).unwrap();
    assert_eq!(receipts.len(), 1);

    assert_eq!(code(db.write("王前台", |tx| check(tx, o.id, true, "")).unwrap_err()), "service.unit_has_no_check");
    let o = db.write("李前台", |tx| visit(tx, o.id, true, "已不漏", "")).unwrap();
    let o = db.write("李前台", |tx| close_order(tx, o.id, "")).unwrap();
    assert_eq!(o.status, OrderStatus::Closed);
    assert_eq!(o.steps.iter().map(|s| s.label).collect::<Vec<_>>(), ["已派工", "已到场", "已完工", "已回访", "已关闭"]);
}

#[test]
fn a_public_repair_is_checked_by_the_desk_never_charged_and_dispatched_again_when_found_wanting() {
    let (mut db, unit) = estate();
    at(&mut db, "2026-11-23 09:00");
    let new = NewOrder { area: "公共区域".into(), category: "公共设施".into(), location: "3 栋 2 单元大堂".into(), description: "单元门禁不能刷卡".into(), ..NewOrder::default() };
    assert_eq!(code(db.write("王前台", |tx| open_order(tx, &NewOrder { unit: unit.code.clone(), ..new.clone() })).unwrap_err()), "service.area_unit");
    assert_eq!(code(db.write("王前台", |tx| open_order(tx, &NewOrder { area: "户内".into(), ..new.clone() })).unwrap_err()), "service.area_unit");
    let o = db.write("王前台", |tx| open_order(tx, &new)).unwrap();
    assert_eq!((o.source, o.unit.as_str(), o.reported_at.as_str()), ("前台", "", "2026-11-23 09:00"));
    db.write("王前台", |tx| dispatch(tx, o.id, "赵工程", "")).unwrap();
    db.write("王前台", |tx| arrive(tx, o.id, "")).unwrap();
    assert_eq!(code(db.write("王前台", |tx| done(tx, o.id, &NewDone { charge: Some(yuan("50")), ..NewDone::default() })).unwrap_err()), "service.charge_public");
    db.write("王前台", |tx| done(tx, o.id, &NewDone { materials: "读卡模块".into(), ..NewDone::default() })).unwrap();
    assert_eq!(code(db.write("王前台", |tx| visit(tx, o.id, true, "", "")).unwrap_err()), "service.public_has_no_visit");
    assert_eq!(code(db.write("王前台", |tx| check(tx, o.id, false, "还是刷不了")).unwrap_err()), "service.check_failed");
    db.write("王前台", |tx| dispatch(tx, o.id, "钱电工", "")).unwrap();
    db.write("王前台", |tx| arrive(tx, o.id, "")).unwrap();
    db.write("王前台", |tx| done(tx, o.id, &NewDone::default())).unwrap();
    db.write("王前台", |tx| check(tx, o.id, true, "刷卡正常")).unwrap();
    let o = db.write("王前台", |tx| close_order(tx, o.id, "")).unwrap();
    assert_eq!((o.technician.as_str(), o.status), ("钱电工", OrderStatus::Closed));
    assert_eq!(code(db.write("王前台", |tx| open_order(tx, &NewOrder { request: "XQ20990101-001".into(), ..new.clone() })).unwrap_err()), "service.not_found");
}

#[test]
fn the_months_summary_carries_unfinished_orders_over_and_averages_the_time_to_finish() {
    let (mut db, unit) = estate();
    let public = |what: &str| NewOrder { area: "公共区域".into(), category: "电路".into(), location: "车库".into(), description: what.into(), ..NewOrder::default() };
    // October: one finished the same day, one left unfinished.
    at(&mut db, "2026-10-30 09:00");
    let a = db.write("王前台", |tx| open_order(tx, &public("灯不亮"))).unwrap();
    let b = db.write("王前台", |tx| open_order(tx, &public("插座没电"))).unwrap();
    db.write("王前台", |tx| dispatch(tx, a.id, "钱电工", "")).unwrap();
    db.write("王前台", |tx| arrive(tx, a.id, "")).unwrap();
    at(&mut db, "2026-10-30 11:00");
    db.write("王前台", |tx| done(tx, a.id, &NewDone::default())).unwrap();
    // November: the October one is finished (3 days later), a new in-unit one stays open.
    at(&mut db, "2026-11-02 09:00");
    db.write("王前台", |tx| dispatch(tx, b.id, "钱电工", "")).unwrap();
    db.write("王前台", |tx| arrive(tx, b.id, "")).unwrap();
    db.write("王前台", |tx| done(tx, b.id, &NewDone::default())).unwrap();
    db.write("王前台", |tx| open_order(tx, &NewOrder { area: "户内".into(), unit: unit.code.clone(), category: "门窗锁具".into(), location: "入户门".into(), description: "门锁坏".into(), ..NewOrder::default() })).unwrap();
    db.write("王前台", |tx| record(tx, Some(&unit), &NewRequest { received_at: "2026-11-02 08:00".into(), ..complaint() })).unwrap();

    let oct = month_summary(db.conn(), crate::fees::Period::parse("2026-10").unwrap()).unwrap();
    let electric = |s: &MonthSummary| s.orders.iter().find(|l| l.category == "电路").cloned().unwrap();
    let e = electric(&oct);
    assert_eq!((e.carried_in, e.reported, e.finished, e.average_minutes, e.unfinished_at_end, e.open_at_end), (0, 2, 1, Some(120), 1, 2));
    let nov = month_summary(db.conn(), crate::fees::Period::parse("2026-11").unwrap()).unwrap();
    let e = electric(&nov);
    assert_eq!((e.carried_in, e.reported, e.finished, e.average_minutes, e.unfinished_at_end), (1, 0, 1, Some(72 * 60), 0));
    assert_eq!((nov.total.reported, nov.total.unfinished_at_end, nov.total.open_at_end), (1, 1, 3));
    assert_eq!(nov.orders.len(), Category::ALL.len());
    assert_eq!(nov.requests.iter().map(|r| (r.request_no.as_str(), r.status_label)).collect::<Vec<_>>(), [("TS20261102-001", "已登记")]);
    assert!(oct.requests.is_empty());
}

#[test]
fn the_monthly_workbook_ends_with_the_requests_and_the_repair_summary() {
    use calamine::{Data, Reader, Xlsx};
    let (mut db, unit) = estate();
    at(&mut db, "2026-11-23 09:00");
    let r = db.write("王前台", |tx| record(tx, Some(&unit), &complaint())).unwrap();
    db.write("王前台", |tx| withhold(tx, r.id, "")).unwrap();
    let o = db.write("王前台", |tx| open_order(tx, &NewOrder { request: r.request_no.clone(), area: "户内".into(), category: "给排水".into(), location: "吊顶".into(), ..NewOrder::default() })).unwrap();
    db.write("王前台", |tx| dispatch(tx, o.id, "赵工程", "")).unwrap();
    db.write("王前台", |tx| arrive(tx, o.id, "")).unwrap();
    at(&mut db, "2026-11-23 10:20");
    db.write("王前台", |tx| done(tx, o.id, &NewDone::default())).unwrap();
    let m = crate::handover::monthly(db.conn(), crate::fees::Period::parse("2026-11").unwrap()).unwrap();
    let (bytes, sheets) = m.workbook().unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names[names.len() - 3..], ["业户需求", "维修汇总", "满意度调查"]);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let asked = book.worksheet_range("业户需求").unwrap();
    assert_eq!(asked.get_value((1, 0)), Some(&Data::String("TS20261123-001".into())));
    assert_eq!(asked.get_value((1, 10)), Some(&Data::String("已登记".into())));
    assert_eq!(asked.get_value((1, 11)), Some(&Data::Float(1.0)), "fees withheld over it");
    let repairs = book.worksheet_range("维修汇总").unwrap();
    let water: Vec<String> = (0..7).map(|c| repairs.get_value((1, c)).map(|d| d.to_string()).unwrap_or_default()).collect();
    assert_eq!(water, ["给排水", "0", "1", "1", "90", "0", "1"], "reported 08:50, done 10:20");
    assert_eq!(repairs.get_value((7, 0)), Some(&Data::String("合计".into())));
}

#[test]
fn the_work_order_pdf_reads_back_with_its_times_charge_and_masked_phone() {
    let (mut db, unit) = estate();
    at(&mut db, "2026-11-23 09:00");
    let ask = NewRequest { kind: "报修".into(), caller: "张三".into(), phone: "13800001234".into(), channel: "电话".into(), received_at: "2026-11-23 08:30".into(), content: "厨房水龙头漏水，关不紧，滴水声很大，晚上影响休息，请尽快派人".into(), ..NewRequest::default() };
    let r = db.write("王前台", |tx| record(tx, Some(&unit), &ask)).unwrap();
    let o = db.write("王前台", |tx| open_order(tx, &NewOrder { request: r.request_no.clone(), area: "户内".into(), category: "给排水".into(), location: "厨房".into(), ..NewOrder::default() })).unwrap();
    db.write("王前台", |tx| dispatch(tx, o.id, "赵工程", "")).unwrap();
    at(&mut db, "2026-11-23 10:00");
    db.write("王前台", |tx| arrive(tx, o.id, "2026-11-23 09:20")).unwrap();
    db.write("王前台", |tx| done(tx, o.id, &NewDone { materials: "水龙头 1 个".into(), charge: Some(yuan("80")), pay: Some(Method::Cash), ..NewDone::default() })).unwrap();
    let pdf = order_pdf(db.conn(), o.id, "2026-11-23T10:05:00+08:00", "王前台").unwrap();
    let text = pdf_text(&pdf);
    for want in ["工程维修单", "翠湖花园物业服务中心", "WX20261123-001", "业户需求 XQ20261123-001", "3-2-1502", "138****1234", "2026-11-23 08:30", "2026-11-23 09:20", "赵工程", "水龙头 1 个", "80.00 元（已收，收据 SF0000001）", "1.5 小时", "业主确认（签字）", "打印于 2026-11-23 10:05"] {
        assert!(text.contains(want), "{want} missing in:\n{text}");
    }
    assert!(!text.contains("13800001234"), "the phone is masked");
    let (w, h) = crate::testing::pdf_page_mm(&pdf);
    assert!((w - 210.0).abs() < 0.1 && (h - 297.0).abs() < 0.1, "{w}×{h} mm");
    if let Ok(dir) = std::env::var("SERVICE_PDF_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("work_order.pdf"), &pdf).unwrap();
    }
}

#[test]
fn erasing_a_former_tenant_reaches_the_requests_they_made() {
    let (mut db, unit) = estate();
    let tenant = NewPerson { name: "李四".into(), phones: vec!["13900005678".into()], id_number: None };
    db.write("测试", |tx| register::add_occupant(tx, &unit, &tenant, Role::Tenant, day("2025-01-01"))).unwrap();
    let card = register::unit_card(db.conn(), &unit).unwrap();
    let occ = card.occupancies.iter().find(|o| o.person.name == "李四").unwrap().clone();
    db.write("测试", |tx| register::end_occupancy(tx, &unit, occ.id, day("2026-10-31"))).unwrap();
    at(&mut db, "2026-11-23 09:00");
    let r = db.write("王前台", |tx| record(tx, Some(&unit), &NewRequest { kind: "咨询".into(), caller: "李四".into(), phone: "13900005678".into(), channel: "电话".into(), content: "押金什么时候退".into(), ..NewRequest::default() })).unwrap();
    let erased = db.write("主管", |tx| crate::privacy::erase(tx, occ.person.id, "本人申请")).unwrap();
    assert_eq!(erased.service_records, 1);
    let r = request(db.conn(), r.id, t("2026-11-23 09:00")).unwrap();
    assert_eq!((r.caller.clone(), r.phone.as_str()), (erased.placeholder, ""));
}

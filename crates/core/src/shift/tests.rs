//! The shift handover on a real (in-memory) database with the clock fixed:
//! what a handover holds and keeps, who may acknowledge it, and every refusal.

use super::*;
use crate::db::Db;
use crate::keys::{self, AuthKind, BorrowerKind, NewAuthorisation, NewKey, NewLoan};
use crate::parcels::{self, NewParcel};
use crate::register::{self, NewPerson, NewUnit, Role, Unit, UnitType, rules as reg_rules};
use crate::reno::{self, PayFees};
use crate::service::{NewOrder, NewRequest};
use crate::testing::{day, on, reno_application};

fn at(db: &mut Db, when: &str) {
    db.set_clock(crate::db::Clock::Fixed(chrono::DateTime::parse_from_rfc3339(when).unwrap()));
}

/// 1-1-101 (90㎡) owned by 张三.
fn estate() -> (Db, Unit) {
    let mut db = Db::in_memory("测试小区").unwrap();
    on(&mut db, "2026-11-02");
    let new = NewUnit { code: reg_rules::parse_unit_code("1-1-101").unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area("90").unwrap()), handover: None };
    let unit = db.write("测试", |tx| register::add_unit(tx, &new)).unwrap();
    let owner = NewPerson { name: "张三".into(), phones: vec!["13800001234".into()], id_number: None };
    db.write("测试", |tx| register::add_occupant(tx, &unit, &owner, Role::Owner, day("2020-01-01"))).unwrap();
    (db, unit)
}

fn complaint(content: &str) -> NewRequest {
    NewRequest { kind: "投诉".into(), subject: "服务质量".into(), urgency: "特急".into(), caller: "张三".into(), phone: "13800001234".into(), channel: "电话".into(), content: content.into(), ..NewRequest::default() }
}

/// A renovation issued in November, planned to end 2027-01-31.
fn renovation(db: &mut Db, unit: &Unit) {
    let a = reno_application("张三", "2026-11-05", "2027-01-31");
    let p = db.write("王前台", |tx| reno::apply(tx, unit, &a)).unwrap();
    db.write_approved("王前台", Some("李主管"), |tx| reno::approve(tx, p.id, "")).unwrap();
    let cash = PayFees { method: crate::fees::Method::Cash, payer: "张三".into(), reference: String::new(), amount: None };
    db.write("王前台", |tx| reno::pay(tx, p.id, &cash)).unwrap();
    db.write("王前台", |tx| reno::issue(tx, p.id)).unwrap();
}

/// On 2027-02-01: 王前台's urgent complaint (特急: late after an hour) and a consultation of 赵前台's, a work
/// order, a key lent until 18:00, a parcel on the shelf since 2027-01-25, the
/// renovation past its end.
fn busy_day() -> (Db, Unit) {
    let (mut db, unit) = estate();
    renovation(&mut db, &unit);
    at(&mut db, "2027-01-25T10:00:00+08:00");
    let parcel = NewParcel { kind: String::new(), carrier: String::new(), tracking_no: "SF1234567890123".into(), unit: "1-1-101".into(), recipient: String::new(), size: String::new(), shelf: "A3".into() };
    db.write("王前台", |tx| parcels::intake(tx, &parcel)).unwrap();
    at(&mut db, "2027-02-01T09:00:00+08:00");
    let r = db.write("王前台", |tx| service::record(tx, Some(&unit), &complaint("保洁没有清理楼道垃圾，已经三天"))).unwrap();
    assert_eq!(r.status_label, "已登记");
    let consult = NewRequest { kind: "咨询".into(), caller: "李四".into(), channel: "来访".into(), content: "停车月卡怎么办".into(), ..NewRequest::default() };
    db.write("赵前台", |tx| service::record(tx, None, &consult)).unwrap();
    let order = NewOrder { area: "公共区域".into(), category: "公共设施".into(), location: "3栋大堂".into(), description: "门禁坏了".into(), ..NewOrder::default() };
    let o = db.write("赵前台", |tx| service::open_order(tx, &order)).unwrap();
    db.write("赵前台", |tx| service::dispatch(tx, o.id, "钱师傅", "")).unwrap();
    let key = NewKey {
        hook: "A-01".into(),
        key_count: 2,
        description: "入户门".into(),
        deposited_by: "张三".into(),
        deposited_on: None,
        note: String::new(),
        authorisations: vec![NewAuthorisation { kind: AuthKind::Engineering, name: String::new(), from: None, to: None }],
    };
    let k = db.write("王前台", |tx| keys::deposit(tx, &unit, &key)).unwrap();
    let loan = NewLoan { borrower: "工程部 钱师傅".into(), borrower_kind: BorrowerKind::Staff, id_type: "工作证".into(), id_last4: "0007".into(), purpose: "检修水管".into(), due: String::new(), override_reason: None };
    db.write("王前台", |tx| keys::lend(tx, k.id, &loan)).unwrap();
    (db, unit)
}

fn count(db: &Db, table: &str) -> i64 {
    db.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn a_handover_holds_what_was_open_and_keeps_it_as_written() {
    let (mut db, _) = busy_day();
    at(&mut db, "2027-02-01T19:00:00+08:00");
    let h = db.write("王前台", |tx| hand_over(tx, "  1-1-101 业主明早来电，请跟进保洁投诉 ")).unwrap();
    assert_eq!((h.day.as_str(), h.operator.as_str(), h.note.as_str(), h.ack.is_none()), ("2027-02-01", "王前台", "1-1-101 业主明早来电，请跟进保洁投诉", true));
    let s = &h.snapshot;
    assert_eq!(s.requests.len(), 1, "only the requests the clerk owns: 赵前台's consultation is not 王前台's");
    let r = &s.requests[0];
    assert_eq!((r.reference.as_str(), r.unit.as_str(), r.since.as_str()), ("TS20270201-001", "1-1-101", "2027-02-01 09:00"));
    assert_eq!(r.text, "投诉（服务质量）已登记：保洁没有清理楼道垃圾，已经三天");
    assert!(r.late.as_deref().unwrap().contains("响应时限"), "the complaint is late: {:?}", r.late);
    assert_eq!((s.orders.len(), s.orders[0].unit.as_str()), (1, ""));
    assert_eq!(s.orders[0].text, "公共区域公共设施 3栋大堂：已派工，钱师傅");
    assert_eq!((s.keys[0].reference.as_str(), s.keys[0].unit.as_str(), s.keys[0].late.as_deref()), ("挂钩 A-01", "1-1-101", Some("超过应还时间未还")));
    assert_eq!(s.keys[0].text, "钥匙借给员工（检修水管），应于 2027-02-01 18:00 归还");
    assert_eq!((s.parcels.len(), s.parcels[0].text.as_str()), (1, "快递 顺丰速运 尾号0123，已放 7 天"));
    assert_eq!((s.renovations[0].reference.as_str(), s.renovations[0].late.as_deref()), ("ZX2026-0001", Some("超过完工日期 2027-01-31")));
    assert_eq!((h.open_count, h.late_count), (5, 4));
    let json = serde_json::to_string(&h).unwrap();
    assert!(!json.contains("张三") && !json.contains("13800001234") && !json.contains("工程部"), "no resident's name or phone in the snapshot: {json}");

    // Things move on; the handover stays as it was handed over.
    let o = crate::service::find_order(db.conn(), &s.orders[0].reference).unwrap();
    at(&mut db, "2027-02-01T19:30:00+08:00");
    db.write("赵前台", |tx| service::arrive(tx, o, "")).unwrap();
    assert_eq!(handover(db.conn(), h.id).unwrap(), h);
    assert_eq!(snapshot(db.conn(), "王前台", db.now()).unwrap().orders[0].text, "公共区域公共设施 3栋大堂：已到场，钱师傅");
    let audit: String = db.conn().query_row("SELECT detail FROM audit_log WHERE action = 'shift.handover'", [], |r| r.get(0)).unwrap();
    assert!(audit.contains("\"requests\":1") && !audit.contains("保洁"), "counts only: {audit}");
}

#[test]
fn the_next_clerk_acknowledges_once_and_never_their_own() {
    let (mut db, _) = busy_day();
    at(&mut db, "2027-02-01T19:00:00+08:00");
    let h = db.write("王前台", |tx| hand_over(tx, "")).unwrap();
    assert_eq!(awaiting(db.conn(), "王前台").unwrap(), vec![], "one's own handover does not await oneself");
    assert_eq!(awaiting(db.conn(), "赵前台").unwrap().iter().map(|h| h.id).collect::<Vec<_>>(), [h.id]);

    let own = db.write("王前台", |tx| acknowledge(tx, h.id, "")).unwrap_err();
    assert_eq!(own.code(), "shift.own_handover");
    assert!(own.to_string().contains("接班的同事"), "{own}");
    at(&mut db, "2027-02-02T08:30:00+08:00");
    let done = db.write("赵前台", |tx| acknowledge(tx, h.id, " 已看，保洁投诉我来跟 ")).unwrap();
    let ack = done.ack.clone().unwrap();
    assert_eq!((ack.operator.as_str(), ack.at.as_str(), ack.note.as_str()), ("赵前台", "2027-02-02T08:30:00+08:00", "已看，保洁投诉我来跟"));
    assert_eq!(done.snapshot, h.snapshot);
    let twice = db.write("李主管", |tx| acknowledge(tx, h.id, "")).unwrap_err();
    assert_eq!(twice.code(), "shift.already_acknowledged");
    assert!(twice.to_string().contains("赵前台") && twice.to_string().contains("2027-02-02 08:30"), "{twice}");
    assert!(awaiting(db.conn(), "李主管").unwrap().is_empty());
    assert_eq!((list(db.conn(), true).unwrap().len(), list(db.conn(), false).unwrap().len()), (0, 1));
    assert_eq!(count(&db, "shift_acks"), 1);
}

#[test]
fn refusals_say_why_and_write_nothing() {
    let (mut db, _) = busy_day();
    at(&mut db, "2027-02-01T19:00:00+08:00");
    let h = db.write("王前台", |tx| hand_over(tx, "")).unwrap();
    let again = db.write("王前台", |tx| hand_over(tx, "补充")).unwrap_err();
    assert_eq!(again.code(), "shift.already_made");
    assert!(again.to_string().contains(&format!("交班记录 {}", h.id)), "{again}");
    // Another clerk hands over the same day; the same clerk may the next day.
    db.write("赵前台", |tx| hand_over(tx, "")).unwrap();
    at(&mut db, "2027-02-02T18:00:00+08:00");
    db.write("王前台", |tx| hand_over(tx, "")).unwrap();
    let long = "长".repeat(NOTE_MAX + 1);
    assert_eq!(db.write("赵前台", |tx| hand_over(tx, &long)).unwrap_err().code(), "shift.too_long");
    assert_eq!(db.write("赵前台", |tx| acknowledge(tx, h.id, &long)).unwrap_err().code(), "shift.too_long");
    assert_eq!(db.write("赵前台", |tx| acknowledge(tx, 999, "")).unwrap_err().code(), "shift.not_found");
    assert_eq!(find(db.conn(), "abc").unwrap_err().code(), "shift.not_found");
    assert_eq!(find(db.conn(), &format!("#{}", h.id)).unwrap(), h.id);
    assert_eq!((count(&db, "shift_handovers"), count(&db, "shift_acks")), (3, 0));
    // The newest first; the acknowledged ones leave the open list.
    let all = list(db.conn(), false).unwrap();
    assert_eq!(all.iter().map(|h| (h.day.as_str(), h.operator.as_str())).collect::<Vec<_>>(), [("2027-02-02", "王前台"), ("2027-02-01", "赵前台"), ("2027-02-01", "王前台")]);
}

#[test]
fn the_database_refuses_an_own_acknowledgement_and_any_change() {
    let (mut db, _) = busy_day();
    let h = db.write("王前台", |tx| hand_over(tx, "")).unwrap();
    let c = db.conn();
    assert!(c.execute("INSERT INTO shift_acks (handover_id, operator, at, note) VALUES (?1, '王前台', 'x', '')", [h.id]).is_err());
    assert!(c.execute("UPDATE shift_handovers SET note = 'x'", []).is_err());
    assert!(c.execute("DELETE FROM shift_handovers", []).is_err());
    assert!(c.execute("INSERT INTO shift_handovers (day, operator, made_at, snapshot) VALUES ('2027-02-01', '王前台', 'x', '{}')", []).is_err(), "one per clerk and day");
    assert!(c.execute("INSERT INTO shift_handovers (day, operator, made_at, snapshot) VALUES ('2027-02-03', '王前台', 'x', 'not json')", []).is_err());
}

#[test]
fn a_quiet_day_hands_over_nothing_open() {
    let (mut db, _) = estate();
    let h = db.write("王前台", |tx| hand_over(tx, "今天没有遗留事项")).unwrap();
    assert_eq!((h.open_count, h.late_count, h.snapshot.clone()), (0, 0, Snapshot::default()));
}

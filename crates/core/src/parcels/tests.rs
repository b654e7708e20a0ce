//! The parcel desk on a small estate: two units, an owner with a mobile, a
//! family member, a unit with nobody's phone on file.

use chrono::NaiveDate;

use super::*;
use crate::db::Db;
use crate::register::{NewPerson, NewUnit, Role, UnitType, rules as reg_rules};
use crate::testing::{day, on};

fn estate() -> Db {
    let mut db = Db::in_memory("翠湖花园").unwrap();
    on(&mut db, "2026-11-20");
    db.write("测试", |tx| {
        for code in ["1-1-101", "1-1-102"] {
            let new = NewUnit { code: reg_rules::parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area("90").unwrap()), handover: None };
            register::add_unit(tx, &new)?;
        }
        let unit = register::find_unit(tx, "1-1-101")?;
        let person = |name: &str, phone: &str| NewPerson { name: name.into(), phones: vec![phone.into()], id_number: None };
        register::add_occupant(tx, &unit, &person("张三", "13800001234"), Role::Owner, day("2020-01-01"))?;
        register::add_occupant(tx, &unit, &person("张小明", "13900005678"), Role::Family, day("2020-01-01"))?;
        crate::db::settings::change(tx, "office_phone", "0571-88886666")
    })
    .unwrap();
    db
}

fn scanned(number: &str, unit: &str) -> NewParcel {
    NewParcel { tracking_no: number.into(), unit: unit.into(), shelf: "A".into(), ..NewParcel::default() }
}

fn take_in(db: &mut Db, new: &NewParcel) -> Result<Parcel> {
    db.write("前台小王", |tx| intake(tx, new))
}

fn today(db: &Db) -> NaiveDate {
    db.now().date_naive()
}

fn by(collector: Collector, note: &str) -> NewPickup {
    NewPickup { code: None, collector, collector_name: String::new(), note: note.into() }
}

fn count(db: &Db, table: &str) -> i64 {
    db.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn a_scanned_number_is_taken_in_with_its_carrier_a_guessed_recipient_and_a_pickup_code() {
    let mut db = estate();
    let p = take_in(&mut db, &scanned("sf1234567890123", "1栋1单元101")).unwrap();
    assert_eq!((p.carrier.as_str(), p.tracking_no.as_str(), p.unit.as_str()), ("顺丰速运", "SF1234567890123", "1-1-101"));
    assert_eq!((p.recipient.as_str(), p.person_id.is_some()), ("张三", true), "the owner's name is the guess");
    assert_eq!((p.pickup_code.as_str(), p.status, p.size, p.operator.as_str()), ("A-1001", Status::Waiting, Some(Size::Small), "前台小王"));
    let second = take_in(&mut db, &NewParcel { recipient: "张小明".into(), size: "大".into(), ..scanned("JT0001234567890", "1-1-101") }).unwrap();
    assert_eq!((second.pickup_code.as_str(), second.carrier.as_str(), second.size_label), ("A-1002", "极兔速递", "大件"));
    let unit = register::find_unit(db.conn(), "1-1-101").unwrap();
    assert_eq!(likely_recipient(db.conn(), &unit).unwrap().as_deref(), Some("张小明"), "the last name used for the unit");
    let audit: String = db.conn().query_row("SELECT detail FROM audit_log WHERE action = 'parcel.in' ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(audit.contains("A-1001") && !audit.contains("张三"), "{audit}");
}

#[test]
fn a_number_of_digits_only_needs_its_carrier_chosen() {
    let mut db = estate();
    let err = take_in(&mut db, &scanned("75312345678901", "1-1-101")).unwrap_err();
    assert_eq!(err.code(), "parcel.carrier_needed");
    let p = take_in(&mut db, &NewParcel { carrier: "中通".into(), ..scanned("75312345678901", "1-1-101") }).unwrap();
    assert_eq!(p.carrier, "中通快递");
    assert_eq!(count(&db, "parcels"), 1);
}

#[test]
fn the_same_number_twice_while_waiting_is_refused_but_may_come_again_once_collected() {
    let mut db = estate();
    let first = take_in(&mut db, &scanned("SF1234567890123", "1-1-101")).unwrap();
    let err = take_in(&mut db, &scanned("sf 1234567890123", "1-1-102")).unwrap_err();
    assert_eq!(err.code(), "parcel.duplicate");
    assert!(err.to_string().contains("A-1001"), "{err}");
    db.write("前台", |tx| pickup_by_code(tx, "A-1001", &by(Collector::Recipient, ""))).unwrap();
    let again = take_in(&mut db, &scanned("SF1234567890123", "1-1-101")).unwrap();
    assert_ne!(again.id, first.id);
    let raw = db.conn().execute("INSERT INTO parcel_waiting (parcel_id, pickup_key, tracking_no) VALUES (?1, 'Z9999', 'SF1234567890123')", [first.id]);
    assert!(raw.is_err(), "the database refuses a second waiting parcel with the number too");
}

#[test]
fn bad_intake_is_refused_and_writes_nothing() {
    let mut db = estate();
    let audit_before = count(&db, "audit_log");
    let cases = [
        (scanned("", "1-1-101"), "parcel.tracking_needed"),
        (scanned("12 34", "1-1-101"), "parcel.bad_tracking"),
        (NewParcel { carrier: "闪送".into(), ..scanned("SF1234567890123", "1-1-101") }, "parcel.bad_carrier"),
        (NewParcel { size: "巨大".into(), ..scanned("SF1234567890123", "1-1-101") }, "parcel.bad_size"),
        (NewParcel { shelf: "A-1".into(), ..scanned("SF1234567890123", "1-1-101") }, "parcel.bad_shelf"),
        (NewParcel { kind: "箱子".into(), ..scanned("SF1234567890123", "1-1-101") }, "parcel.bad_kind"),
        (NewParcel { recipient: "名".repeat(41), ..scanned("SF1234567890123", "1-1-101") }, "parcel.recipient_too_long"),
        (scanned("SF1234567890123", "9-9-999"), "unit.not_found"),
    ];
    for (new, code) in cases {
        assert_eq!(take_in(&mut db, &new).unwrap_err().code(), code, "{new:?}");
    }
    assert_eq!((count(&db, "parcels"), count(&db, "audit_log")), (0, audit_before), "nothing written, not even an audit entry");
}

#[test]
fn codes_are_unique_among_waiting_parcels_and_freed_when_they_leave() {
    let mut db = estate();
    let a = take_in(&mut db, &scanned("SF1000000000001", "1-1-101")).unwrap();
    let other_shelf = take_in(&mut db, &NewParcel { shelf: "b2".into(), ..scanned("SF1000000000002", "1-1-101") }).unwrap();
    assert_eq!(other_shelf.pickup_code, "B2-1002");
    // Numbers go on in turn across shelves: the third parcel gets 1003.
    let c = take_in(&mut db, &scanned("SF1000000000003", "1-1-102")).unwrap();
    assert_eq!(c.pickup_code, "A-1003");
    let waiting: Vec<String> = list(db.conn(), &Filter { status: Some(Status::Waiting), ..Filter::default() }, today(&db)).unwrap().into_iter().map(|p| p.pickup_code).collect();
    let unique: std::collections::BTreeSet<_> = waiting.iter().collect();
    assert_eq!(unique.len(), waiting.len());
    assert_eq!(a.pickup_code, "A-1001");
}

#[test]
fn a_taken_code_is_skipped() {
    let mut db = estate();
    // A parcel on shelf A got 1001; the next number in turn on shelf A is 1002, but if
    // 1002 is on the shelf already (a wrap-round), the one after is used.
    take_in(&mut db, &scanned("SF1000000000001", "1-1-101")).unwrap();
    db.conn().execute_batch("INSERT INTO parcels (kind, carrier, tracking_no, unit_id, recipient, size, shelf, pickup_code, received_at, operator) VALUES ('parcel', '其他', 'X00000001', 1, '', 'small', 'A', 'A-1003', '2026-11-20T09:00:00+08:00', 'x')").unwrap();
    let next = take_in(&mut db, &scanned("SF1000000000002", "1-1-101")).unwrap();
    assert_eq!(next.pickup_code, "A-1004", "1003 is the next in turn but taken");
}

#[test]
fn pickup_by_code_unit_or_phone_tail_and_each_parcel_leaves_once() {
    let mut db = estate();
    let a = take_in(&mut db, &scanned("SF1000000000001", "1-1-101")).unwrap();
    let b = take_in(&mut db, &scanned("SF1000000000002", "1-1-101")).unwrap();
    take_in(&mut db, &scanned("SF1000000000003", "1-1-102")).unwrap();
    let t = today(&db);
    assert_eq!(find_waiting(db.conn(), &Find::Code("a 1001".into()), t).unwrap()[0].id, a.id);
    assert_eq!(find_waiting(db.conn(), &Find::Unit("1-1-101".into()), t).unwrap().len(), 2);
    assert_eq!(find_waiting(db.conn(), &Find::PhoneTail("5678".into()), t).unwrap().len(), 2, "the family member's phone finds the unit's parcels");
    assert_eq!(find_waiting(db.conn(), &Find::Code("A-9999".into()), t).unwrap_err().code(), "parcel.code_not_found");
    assert_eq!(find_waiting(db.conn(), &Find::PhoneTail("0000".into()), t).unwrap_err().code(), "parcel.none_waiting");
    assert_eq!(find_waiting(db.conn(), &Find::PhoneTail("12".into()), t).unwrap_err().code(), "parcel.bad_phone_tail");

    on(&mut db, "2026-11-21");
    let got = db.write("前台小李", |tx| pickup_by_code(tx, "A1001", &NewPickup { collector_name: "邻居王姐".into(), ..by(Collector::Proxy, "") })).unwrap();
    let k = got.pickup.clone().unwrap();
    assert_eq!((got.status, k.with_code, k.collector_label, k.collector_name.as_str(), k.operator.as_str(), got.days), (Status::Collected, true, "他人代取", "邻居王姐", "前台小李", 1));
    assert!(k.picked_at.starts_with("2026-11-21"));
    let again = db.write("前台", |tx| pickup(tx, &[a.id], &by(Collector::Recipient, ""))).unwrap_err();
    assert_eq!(again.code(), "parcel.already_collected");
    assert_eq!(db.write("前台", |tx| pickup_by_code(tx, "A-1001", &by(Collector::Recipient, ""))).unwrap_err().code(), "parcel.code_not_found", "a collected code no longer finds anything");
    // Someone else's parcel found by unit, without the code: the clerk writes why.
    assert_eq!(db.write("前台", |tx| pickup(tx, &[b.id], &by(Collector::Family, ""))).unwrap_err().code(), "parcel.note_needed");
    assert_eq!(db.write("前台", |tx| pickup(tx, &[b.id], &NewPickup { code: Some("A-1003".into()), ..by(Collector::Family, "") })).unwrap_err().code(), "parcel.wrong_code");
    assert_eq!(db.write("前台", |tx| pickup(tx, &[b.id], &by(Collector::Mailbox, ""))).unwrap_err().code(), "parcel.mailbox_letters_only");
    let family = db.write("前台", |tx| pickup(tx, &[b.id], &by(Collector::Family, "儿子张小明，核对了身份证"))).unwrap();
    assert_eq!((family[0].pickup.as_ref().unwrap().note.as_str(), family[0].pickup.as_ref().unwrap().with_code), ("儿子张小明，核对了身份证", false));
    assert_eq!(count(&db, "parcel_pickups"), 2);
    let raw = db.conn().execute("INSERT INTO parcel_pickups (parcel_id, collector, with_code, picked_at, operator) VALUES (?1, 'recipient', 0, 'x', 'x')", [a.id]);
    assert!(raw.is_err(), "the database refuses a second pickup too");
    let raw = db.conn().execute("INSERT INTO parcel_pickups (parcel_id, collector, with_code, picked_at, operator) VALUES (3, 'proxy', 0, 'x', 'x')", []);
    assert!(raw.is_err(), "and someone else's pickup with neither code nor note");
}

#[test]
fn a_pickup_of_several_is_all_or_nothing() {
    let mut db = estate();
    let a = take_in(&mut db, &scanned("SF1000000000001", "1-1-101")).unwrap();
    let b = take_in(&mut db, &scanned("SF1000000000002", "1-1-101")).unwrap();
    db.write("前台", |tx| pickup(tx, &[b.id], &by(Collector::Recipient, ""))).unwrap();
    assert_eq!(db.write("前台", |tx| pickup(tx, &[a.id, b.id], &by(Collector::Recipient, ""))).unwrap_err().code(), "parcel.already_collected");
    assert_eq!(get(&db, a.id).status, Status::Waiting, "the first was not handed over either");
    assert_eq!(db.write("前台", |tx| pickup(tx, &[], &by(Collector::Recipient, ""))).unwrap_err().code(), "parcel.none_selected");
    assert_eq!(db.write("前台", |tx| pickup(tx, &[99], &by(Collector::Recipient, ""))).unwrap_err().code(), "parcel.not_found");
}

fn get(db: &Db, id: i64) -> Parcel {
    parcel(db.conn(), id, today(db)).unwrap()
}

#[test]
fn letters_need_no_number_and_may_go_into_the_mailbox() {
    let mut db = estate();
    let letter = take_in(&mut db, &NewParcel { kind: "信件".into(), unit: "1-1-102".into(), recipient: "李四".into(), shelf: "L".into(), ..NewParcel::default() }).unwrap();
    assert_eq!((letter.kind, letter.carrier.as_str(), letter.tracking_no.as_str(), letter.size, letter.pickup_code.as_str()), (Kind::Letter, "邮政EMS", "", None, "L-1001"));
    let into_box = db.write("前台", |tx| pickup(tx, &[letter.id], &by(Collector::Mailbox, ""))).unwrap();
    assert_eq!(into_box[0].pickup.as_ref().unwrap().collector_label, "投入信箱");
    // Two letters without numbers may wait at once: only real numbers are unique.
    take_in(&mut db, &NewParcel { kind: "letter".into(), unit: "1-1-101".into(), ..NewParcel::default() }).unwrap();
    take_in(&mut db, &NewParcel { kind: "letter".into(), unit: "1-1-101".into(), ..NewParcel::default() }).unwrap();
    assert_eq!(summary(db.conn(), today(&db)).unwrap().letters_waiting, 2);
}

#[test]
fn a_parcel_goes_back_to_the_courier_once_with_who_took_it() {
    let mut db = estate();
    let p = take_in(&mut db, &scanned("SF1000000000001", "1-1-101")).unwrap();
    assert_eq!(db.write("前台", |tx| return_to_courier(tx, p.id, " ", "超期")).unwrap_err().code(), "parcel.taken_by_needed");
    on(&mut db, "2026-11-27");
    let back = db.write("前台", |tx| return_to_courier(tx, p.id, "顺丰小李", "超期未取")).unwrap();
    let r = back.returned.clone().unwrap();
    assert_eq!((back.status_label, r.taken_by.as_str(), r.reason.as_str(), back.days, back.overdue), ("已退回", "顺丰小李", "超期未取", 7, false));
    assert!(r.returned_at.starts_with("2026-11-27"));
    assert_eq!(db.write("前台", |tx| return_to_courier(tx, p.id, "x", "")).unwrap_err().code(), "parcel.already_returned");
    assert_eq!(db.write("前台", |tx| pickup(tx, &[p.id], &by(Collector::Recipient, ""))).unwrap_err().code(), "parcel.already_returned");
    assert_eq!(db.write("前台", |tx| return_to_courier(tx, 99, "x", "")).unwrap_err().code(), "parcel.not_found");
    assert!(db.conn().execute("UPDATE parcels SET unit_id = 2", []).is_err(), "written once");
    assert!(db.conn().execute("DELETE FROM parcel_returns", []).is_err(), "never deleted");
}

#[test]
fn notification_texts_carry_the_code_and_are_recorded_once_sent() {
    let mut db = estate();
    let a = take_in(&mut db, &scanned("SF1000000000001", "1-1-101")).unwrap();
    let nobody = take_in(&mut db, &NewParcel { recipient: "王五".into(), ..scanned("SF1000000000002", "1-1-102") }).unwrap();
    on(&mut db, "2026-11-20");
    let sent = db.write("前台", |tx| notify(tx, None, Phones::Full)).unwrap();
    assert_eq!(sent.messages.len(), 1);
    let m = &sent.messages[0];
    assert_eq!((m.parcel_id, m.phone.as_str(), m.pickup_code.as_str()), (a.id, "13800001234", "A-1001"));
    assert_eq!(m.text, "【翠湖花园】张三您好，您的顺丰速运快递（单号尾号0001）已到物业服务中心，取件码 A-1001，请凭取件码到前台领取。咨询电话：0571-88886666");
    assert_eq!(sent.without_phone.iter().map(|p| p.id).collect::<Vec<_>>(), [nobody.id], "nobody's mobile on file for 1-1-102");
    assert!(get(&db, a.id).notified_at.unwrap().starts_with("2026-11-20"));
    assert!(get(&db, nobody.id).notified_at.is_none(), "not texted, not recorded");
    assert_eq!(db.write("前台", |tx| notify(tx, None, Phones::Full)).unwrap().messages.len(), 0, "already notified");
    // Picked again by hand, masked for a role that may not see phones; the template from the setting.
    db.write("主管", |tx| crate::db::settings::change(tx, "parcel_message_text", "{收件人}，{房号}的{快递}到了，取件码{取件码}")).unwrap();
    let masked = db.write("前台", |tx| notify(tx, Some(&[a.id]), Phones::Masked)).unwrap();
    assert_eq!((masked.messages[0].phone.as_str(), masked.messages[0].text.as_str()), ("138****1234", "张三，1-1-101的顺丰速运快递到了，取件码A-1001"));
    assert_eq!(count(&db, "parcel_notices"), 2);
    // A text for someone named on the parcel goes to their own phone.
    let son = take_in(&mut db, &NewParcel { recipient: "张小明".into(), ..scanned("SF1000000000003", "1-1-101") }).unwrap();
    let to_son = db.write("前台", |tx| notify(tx, Some(&[son.id]), Phones::Full)).unwrap();
    assert_eq!(to_son.messages[0].phone, "13900005678");
}

#[test]
fn the_sheets_for_the_messaging_service_read_back() {
    use calamine::{Data, Reader, Xlsx};
    let mut db = estate();
    take_in(&mut db, &NewParcel { recipient: "=HYPERLINK(\"x\")".into(), ..scanned("SF1000000000001", "1-1-101") }).unwrap();
    let sent = db.write("前台", |tx| notify(tx, None, Phones::Full)).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(messages_xlsx(&sent).unwrap())).unwrap();
    let sheet = book.worksheet_range("取件通知").unwrap();
    assert_eq!(sheet.get_value((0, 6)), Some(&Data::String("短信内容".into())));
    assert_eq!(sheet.get_value((1, 0)), Some(&Data::String("13800001234".into())), "the phone as text, every digit");
    assert_eq!(sheet.get_value((1, 3)), Some(&Data::String("A-1001".into())));
    let csv = String::from_utf8(messages_csv(&sent).unwrap()).unwrap();
    assert!(csv.starts_with("\u{feff}手机号,收件人,房号,取件码,快递公司,到件时间,短信内容\n"), "{csv}");
    assert!(csv.contains("13800001234,\"'=HYPERLINK(\"\"x\"\")\",1-1-101,A-1001,顺丰速运,2026-11-20 09:00,"), "a formula stays text: {csv}");
}

#[test]
fn overdue_parcels_are_reminded_once_a_day_and_counted_on_the_home_card() {
    let mut db = estate();
    let old = take_in(&mut db, &scanned("SF1000000000001", "1-1-101")).unwrap();
    on(&mut db, "2026-11-22");
    take_in(&mut db, &scanned("SF1000000000002", "1-1-101")).unwrap();
    on(&mut db, "2026-11-23");
    let s = summary(db.conn(), today(&db)).unwrap();
    assert_eq!((s.waiting, s.overdue, s.not_notified, s.remind_days), (2, 1, 2, 3));
    assert_eq!(s.oldest.iter().map(|p| (p.id, p.days, p.overdue)).collect::<Vec<_>>(), [(old.id, 3, true)]);
    let r = db.write("前台", |tx| remind(tx, Phones::Full)).unwrap();
    assert_eq!(r.messages.len(), 1);
    assert!(r.messages[0].text.ends_with("（提醒：已存放 3 天，请尽快领取）"), "{}", r.messages[0].text);
    assert!(get(&db, old.id).reminded_at.unwrap().starts_with("2026-11-23"));
    assert_eq!(db.write("前台", |tx| remind(tx, Phones::Full)).unwrap().messages.len(), 0, "not twice the same day");
    on(&mut db, "2026-11-25");
    assert_eq!(db.write("前台", |tx| remind(tx, Phones::Full)).unwrap().messages.len(), 2, "two days on, both are due");
    db.write("主管", |tx| crate::db::settings::change(tx, "parcel_remind_days", "10")).unwrap();
    assert_eq!(summary(db.conn(), today(&db)).unwrap().overdue, 0);
    assert_eq!(db.write("主管", |tx| crate::db::settings::change(tx, "parcel_remind_days", "0")).unwrap_err().code(), "settings.invalid");
}

#[test]
fn the_list_filters_by_days_status_unit_and_kind_newest_first() {
    let mut db = estate();
    on(&mut db, "2026-10-01");
    take_in(&mut db, &scanned("SF1000000000001", "1-1-101")).unwrap();
    on(&mut db, "2026-11-20");
    let b = take_in(&mut db, &scanned("SF1000000000002", "1-1-101")).unwrap();
    let c = take_in(&mut db, &scanned("SF1000000000003", "1-1-102")).unwrap();
    db.write("前台", |tx| pickup(tx, &[c.id], &by(Collector::Recipient, ""))).unwrap();
    let t = today(&db);
    let recent = Filter { from: Some(day("2026-10-22")), to: Some(t), ..Filter::default() };
    assert_eq!(list(db.conn(), &recent, t).unwrap().iter().map(|p| p.id).collect::<Vec<_>>(), [c.id, b.id]);
    let collected = Filter { status: Some(Status::Collected), ..recent.clone() };
    assert_eq!(list(db.conn(), &collected, t).unwrap().len(), 1);
    let unit = Filter { unit_id: Some(b.unit_id), status: Some(Status::Waiting), ..Filter::default() };
    assert_eq!(list(db.conn(), &unit, t).unwrap().len(), 2);
    assert_eq!(list(db.conn(), &Filter { kind: Some(Kind::Letter), ..Filter::default() }, t).unwrap().len(), 0);
    let one_day = Filter { from: Some(day("2026-10-01")), to: Some(day("2026-10-01")), ..Filter::default() };
    assert_eq!(list(db.conn(), &one_day, t).unwrap().len(), 1, "a day's bounds take the whole day");
}

#[test]
fn labels_are_small_pages_with_the_code_read_back() {
    let mut db = estate();
    let p = take_in(&mut db, &NewParcel { size: "中".into(), ..scanned("SF1234567890123", "1-1-101") }).unwrap();
    let letter = take_in(&mut db, &NewParcel { kind: "letter".into(), unit: "1-1-102".into(), recipient: "李四".into(), ..NewParcel::default() }).unwrap();
    let pdf = labels_pdf(db.conn(), &[p.id, letter.id], today(&db)).unwrap();
    let text = crate::testing::pdf_text(&pdf);
    let (w, h) = crate::testing::pdf_page_mm(&pdf);
    assert!((w - 60.0).abs() < 0.1 && (h - 40.0).abs() < 0.1, "{w}×{h} mm");
    for expected in ["A-1001", "1-1-101", "张三", "顺丰速运 尾号0123", "中件", "货架 A", "翠湖花园", "2026-11-20", "1002", "信件 邮政EMS", "李四"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(!text.contains("13800001234") && !text.contains("1234****"), "no phone on a label");
    assert_eq!(labels_pdf(db.conn(), &[], today(&db)).unwrap_err().code(), "parcel.none_selected");
}

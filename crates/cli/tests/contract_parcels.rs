//! The `estate parcel` contract: intake from a scanned number, texts for the
//! messaging service, pickup by code, unit and phone tail, returns, reminders
//! and labels, through the built binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use serde_json::Value;

mod support;
use support::*;

fn estate() -> Estate {
    let e = Estate::new();
    e.json(&["init", "--name", "翠湖花园"]);
    e.json(&["unit", "add", "1-1-101", "--area", "90"]);
    e.json(&["unit", "add", "1-1-102", "--area", "90"]);
    e.json(&["unit", "occupant", "1-1-101", "--name", "张三", "--phone", "13800001234"]);
    e
}

fn refused(v: &(i32, Value), code: &str) {
    assert_eq!((v.0, v.1["code"].as_str()), (2, Some(code)), "{}", v.1);
    assert!(v.1["message"].as_str().unwrap().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", v.1);
}

#[test]
fn parcels_come_in_from_a_scanned_number_with_a_code_and_are_never_taken_in_twice() {
    let e = estate();
    let (code, v) = e.json(&["parcel", "in", "sf1234567890123", "--unit", "1栋1单元101"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((&v["pickup_code"], &v["carrier"], &v["recipient"], &v["status"], &v["operator"]), (&"A-1001".into(), &"顺丰速运".into(), &"张三".into(), &"waiting".into(), &"前台小王".into()));
    refused(&e.json(&["parcel", "in", "SF1234567890123", "--unit", "1-1-102"]), "parcel.duplicate");
    refused(&e.json(&["parcel", "in", "75312345678901", "--unit", "1-1-101"]), "parcel.carrier_needed");
    let (code, v) = e.json(&["parcel", "in", "75312345678901", "--unit", "1-1-101", "--carrier", "中通", "--shelf", "b3", "--size", "大"]);
    assert_eq!((code, &v["pickup_code"], &v["carrier"], &v["size"]), (0, &"B3-1002".into(), &"中通快递".into(), &"large".into()), "{v}");
    let (code, v) = e.json(&["parcel", "in", "--kind", "letter", "--unit", "1-1-102", "--recipient", "李四", "--shelf", "L"]);
    assert_eq!((code, &v["kind"], &v["pickup_code"], &v["tracking_no"]), (0, &"letter".into(), &"L-1003".into(), &"".into()), "{v}");
    refused(&e.json(&["parcel", "in", "--unit", "1-1-101"]), "parcel.tracking_needed");
    refused(&e.json(&["parcel", "in", "SF1234567890999", "--unit", "9-9-999"]), "unit.not_found");
    let (code, text, _) = e.text(&["parcel", "in", "JT0001234567890", "--unit", "1-1-101"]);
    assert!(code == 0 && text.contains("取件码") && text.contains("A-1004") && text.contains("极兔速递"), "{text}");
    let (_, v) = e.json(&["parcel", "list"]);
    assert_eq!((&v["count"], &v["waiting"], &v["overdue"]), (&4.into(), &4.into(), &0.into()), "{v}");
    let (code, text, _) = e.text(&["parcel", "list", "--unit", "1-1-102"]);
    assert!(code == 0 && text.contains("快递信件 1 件") && text.contains("L-1003"), "{text}");
}

#[test]
fn texts_are_exported_with_whole_mobiles_and_recorded_once() {
    use calamine::{Data, Reader, Xlsx};
    let e = estate();
    e.json(&["parcel", "in", "SF1234567890123", "--unit", "1-1-101"]);
    e.json(&["parcel", "in", "SF1234567890124", "--unit", "1-1-102", "--recipient", "李四"]);
    let out = e.dir.join("通知.xlsx");
    let (code, v) = e.json(&["parcel", "notify", "--out", out.to_str().unwrap()]);
    assert_eq!((code, &v["messages"], v["without_phone"].as_array().unwrap().len()), (0, &1.into(), 1), "{v}");
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let sheet = book.worksheet_range("取件通知").unwrap();
    assert_eq!(sheet.get_value((1, 0)), Some(&Data::String("13800001234".into())));
    let text = sheet.get_value((1, 6)).unwrap().to_string();
    assert!(text.contains("取件码 A-1001") && text.contains("翠湖花园"), "{text}");
    refused(&e.json(&["parcel", "notify", "--out", out.to_str().unwrap()]), "parcel.nothing_to_send");
    let csv = e.dir.join("again.csv");
    let (code, v) = e.json(&["parcel", "notify", "--id", "1", "--out", csv.to_str().unwrap()]);
    assert_eq!((code, &v["messages"]), (0, &1.into()), "{v}");
    assert!(std::fs::read_to_string(&csv).unwrap().contains("13800001234,张三,1-1-101,A-1001,顺丰速运"));
    let nowhere = e.dir.join("no-such-folder").join("x.xlsx");
    e.json(&["parcel", "in", "SF1234567890125", "--unit", "1-1-101"]);
    refused(&e.json(&["parcel", "notify", "--out", nowhere.to_str().unwrap()]), "file.cannot_write");
    let (_, v) = e.json(&["parcel", "list", "--status", "waiting"]);
    let third = v["parcels"].as_array().unwrap().iter().find(|p| p["pickup_code"] == "A-1003").unwrap().clone();
    assert_eq!(third["notified_at"], Value::Null, "a text not saved is not recorded");
}

#[test]
fn pickup_by_code_unit_or_phone_tail_once_with_a_note_for_someone_else() {
    let e = estate();
    for n in ["SF1234567890123", "SF1234567890124", "SF1234567890125"] {
        e.json(&["parcel", "in", n, "--unit", "1-1-101"]);
    }
    e.json(&["parcel", "in", "--kind", "letter", "--unit", "1-1-102"]);
    let (code, v) = e.json(&["parcel", "pickup", "--code", "a 1001", "--by", "proxy", "--name", "王姐"]);
    assert_eq!(code, 0, "{v}");
    let p = &v["parcels"][0];
    assert_eq!((&p["status"], &p["pickup"]["with_code"], &p["pickup"]["collector_label"], &p["pickup"]["collector_name"]), (&"collected".into(), &true.into(), &"他人代取".into(), &"王姐".into()));
    refused(&e.json(&["parcel", "pickup", "--code", "A-1001"]), "parcel.code_not_found");
    refused(&e.json(&["parcel", "pickup", "--id", "1"]), "parcel.already_collected");
    refused(&e.json(&["parcel", "pickup", "--unit", "1-1-101", "--by", "family"]), "parcel.note_needed");
    refused(&e.json(&["parcel", "pickup", "--phone", "12"]), "parcel.bad_phone_tail");
    refused(&e.json(&["parcel", "pickup", "--phone", "9999"]), "parcel.none_waiting");
    refused(&e.json(&["parcel", "pickup", "--id", "2", "--by", "mailbox"]), "parcel.mailbox_letters_only");
    refused(&e.json(&["parcel", "pickup", "--id", "2", "--by", "快递员"]), "parcel.bad_collector");
    let (code, v) = e.json(&["parcel", "pickup", "--phone", "1234", "--by", "family", "--note", "儿子，看过短信"]);
    assert_eq!((code, &v["count"]), (0, &2.into()), "{v}");
    let (code, v) = e.json(&["parcel", "pickup", "--id", "4", "--by", "mailbox"]);
    assert_eq!((code, &v["parcels"][0]["pickup"]["collector_label"]), (0, &"投入信箱".into()), "{v}");
    refused(&e.json(&["parcel", "pickup", "--unit", "1-1-101"]), "parcel.none_waiting");
    let (code, _, err) = e.text(&["parcel", "pickup", "--by", "family"]);
    assert!(code == 2 && err.contains("cli.usage"), "one of code, unit, phone or id is needed: {err}");
}

#[test]
fn returns_reminders_and_labels() {
    let e = estate();
    e.json(&["parcel", "in", "SF1234567890123", "--unit", "1-1-101", "--size", "medium"]);
    e.json(&["parcel", "in", "SF1234567890124", "--unit", "1-1-101"]);
    refused(&e.json(&["parcel", "return", "1", "--taken-by", " "]), "parcel.taken_by_needed");
    let (code, v) = e.json(&["parcel", "return", "1", "--taken-by", "顺丰小李", "--reason", "拒收"]);
    assert_eq!((code, &v["status"], &v["returned"]["taken_by"]), (0, &"returned".into(), &"顺丰小李".into()), "{v}");
    refused(&e.json(&["parcel", "return", "1", "--taken-by", "x"]), "parcel.already_returned");
    refused(&e.json(&["parcel", "return", "99", "--taken-by", "x"]), "parcel.not_found");
    let (_, v) = e.json(&["parcel", "list", "--status", "returned"]);
    assert_eq!(v["count"], 1);

    let reminders = e.dir.join("催取.xlsx");
    refused(&e.json(&["parcel", "remind", "--out", reminders.to_str().unwrap()]), "parcel.nothing_to_send");
    // A parcel that came in five days ago, as an older program day would have written it.
    let db = estate_core::Db::open(&e.db).unwrap();
    let five_days_ago = (chrono::Local::now() - chrono::Duration::days(5)).fixed_offset().to_rfc3339();
    db.conn()
        .execute(
            "INSERT INTO parcels (kind, carrier, tracking_no, unit_id, recipient, size, shelf, pickup_code, received_at, operator) VALUES ('parcel', '中通快递', '75300000000001', 1, '张三', 'small', 'A', 'A-1099', ?1, '前台')",
            [five_days_ago],
        )
        .unwrap();
    drop(db);
    let (code, v) = e.json(&["parcel", "remind", "--out", reminders.to_str().unwrap()]);
    assert_eq!((code, &v["messages"]), (0, &1.into()), "{v}");
    let (_, v) = e.json(&["parcel", "list", "--status", "waiting"]);
    assert_eq!(v["overdue"], 1, "{v}");
    e.json(&["settings", "set", "parcel_remind_days", "7"]);
    let (_, v) = e.json(&["parcel", "list", "--status", "waiting"]);
    assert_eq!(v["overdue"], 0, "{v}");
    refused(&e.json(&["settings", "set", "parcel_remind_days", "0"]), "settings.invalid");

    let labels = e.dir.join("标签.pdf");
    let (code, v) = e.json(&["parcel", "label", "1", "2", "--out", labels.to_str().unwrap()]);
    assert_eq!((code, &v["labels"]), (0, &2.into()), "{v}");
    let text = pdftotext(&labels);
    assert!(text.contains("A-1001") && text.contains("A-1002") && text.contains("1-1-101") && text.contains("张三") && text.contains("中件"), "{text}");
    refused(&e.json(&["parcel", "label", "98", "--out", labels.to_str().unwrap()]), "parcel.not_found");
}

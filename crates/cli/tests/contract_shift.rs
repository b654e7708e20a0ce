//! The `estate shift` and `estate unit history` contract through the built
//! binary, with staff accounts signed in as the desk does: a clerk hands over
//! with an open complaint, a colleague acknowledges it (never the clerk
//! themself, never twice, never finance), the handover stays as written, and
//! the unit's history lists the complaint.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use support::*;

const A: (&str, &str) = ("王前台", "desk-2026");
const B: (&str, &str) = ("赵前台", "zhao-2026x");
const BOSS: (&str, &str) = ("李主管", "boss-2026");

/// 1-1-101 owned by 张三; accounts 李主管, 王前台, 赵前台 (clerks) and 钱会计 (finance).
fn estate() -> Estate {
    let e = Estate::new();
    e.json(&["init", "--name", "测试小区"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["unit", "occupant", "1-1-101", "--name", "张三", "--phone", "13800000001"]);
    staff_cmd(&e, &["staff", "add", BOSS.0, "--role", "主管"], &[], "boss-2026\n");
    for (name, role, pw) in [(A.0, "前台", A.1), (B.0, "前台", B.1), ("钱会计", "财务", "qian-2026x")] {
        let (code, v) = staff_cmd(&e, &["--operator", BOSS.0, "staff", "add", name, "--role", role], &[], &format!("{pw}\n{}\n", BOSS.1));
        assert_eq!(code, 0, "{v}");
    }
    e
}

#[test]
fn a_clerk_hands_over_an_open_complaint_and_the_next_one_acknowledges_it() {
    let e = estate();
    let (code, v) = as_staff(&e, A, &["request", "add", "1-1-101", "--kind", "投诉", "--subject", "服务质量", "--caller", "张三", "--phone", "13800000001", "--channel", "电话", "--content", "电梯异响"], &[]);
    assert_eq!(code, 0, "{v}");
    let ts = v["request_no"].as_str().unwrap().to_string();

    let (code, v) = as_staff(&e, A, &["shift", "handover", "--note", "电梯投诉请明早回电"], &[]);
    assert_eq!((code, &v["operator"], &v["note"], &v["open_count"], &v["ack"]), (0, &"王前台".into(), &"电梯投诉请明早回电".into(), &1.into(), &serde_json::Value::Null), "{v}");
    assert_eq!((&v["snapshot"]["requests"][0]["reference"], &v["snapshot"]["requests"][0]["unit"]), (&ts.as_str().into(), &"1-1-101".into()), "{v}");
    assert!(!v.to_string().contains("13800000001") && !v.to_string().contains("张三"), "no resident's name or phone: {v}");
    let id = v["id"].as_i64().unwrap().to_string();

    let (code, v) = as_staff(&e, A, &["shift", "handover"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("shift.already_made")), "{v}");
    let (code, v) = as_staff(&e, A, &["shift", "ack", &id], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("shift.own_handover")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("接班的同事"), "{v}");
    let (code, v) = as_staff(&e, ("钱会计", "qian-2026x"), &["shift", "ack", &id], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.forbidden")), "{v}");
    let (code, v) = as_staff(&e, B, &["shift", "ack", &id], &[("ESTATE_PASSWORD", "wrong-pass")]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.bad_credentials")), "{v}");

    let (code, v) = e.json(&["shift", "list", "--open"]);
    assert_eq!((code, &v["count"]), (0, &1.into()), "{v}");
    let (code, v) = as_staff(&e, B, &["shift", "ack", &id, "--note", "已回电"], &[]);
    assert_eq!((code, &v["ack"]["operator"], &v["ack"]["note"]), (0, &"赵前台".into(), &"已回电".into()), "{v}");
    let (code, v) = as_staff(&e, BOSS, &["shift", "ack", &id], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("shift.already_acknowledged")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("赵前台"), "{v}");
    let (code, v) = e.json(&["shift", "list", "--open"]);
    assert_eq!((code, &v["count"]), (0, &0.into()), "{v}");

    // The complaint moves on; the handover shows it as it was handed over.
    assert_eq!(as_staff(&e, B, &["request", "step", &ts, "定性", "--valid", "yes"], &[]).0, 0);
    let (code, v) = e.json(&["shift", "show", &id]);
    assert_eq!((code, &v["snapshot"]["requests"][0]["text"]), (0, &"投诉（服务质量）已登记：电梯异响".into()), "{v}");
    let (code, text, _) = e.text(&["shift", "show", &id]);
    assert!(code == 0 && text.contains("未办结的业户需求（1 件）") && text.contains(&ts) && text.contains("赵前台 于") && text.contains("电梯投诉请明早回电"), "{text}");
    let (code, text, _) = e.text(&["shift", "list"]);
    assert!(code == 0 && text.contains("交班记录 1 份") && text.contains("王前台"), "{text}");

    let (code, v) = e.json(&["shift", "show", "99"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("shift.not_found")), "{v}");
}

#[test]
fn the_unit_history_lists_the_units_complaint_and_its_people() {
    let e = estate();
    as_staff(&e, A, &["request", "add", "1-1-101", "--kind", "投诉", "--subject", "毗邻关系", "--caller", "张三", "--channel", "来访", "--content", "楼上噪音"], &[]);
    let (code, v) = e.json(&["unit", "history", "1-1-101"]);
    assert_eq!(code, 0, "{v}");
    let events = v["events"].as_array().unwrap();
    assert_eq!((events.len(), &events[0]["kind"], &events[0]["text"]), (2, &"complaint".into(), &"毗邻关系投诉：楼上噪音（已登记）".into()), "{v}");
    assert!(events[0]["reference"].as_str().unwrap().starts_with("TS"), "{v}");
    assert_eq!((&events[1]["kind_label"], &events[1]["text"]), (&"入住".into(), &"业主 张三 入住登记".into()), "{v}");
    let (code, text, _) = e.text(&["unit", "history", "1-1-101"]);
    assert!(code == 0 && text.contains("1-1-101 大事记 2 条") && text.contains("楼上噪音"), "{text}");
    let (code, v) = e.json(&["unit", "history", "9-9-999"]);
    assert_eq!(code, 2, "{v}");
}

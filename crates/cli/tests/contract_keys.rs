//! The `estate key` contract: keys deposited, lent, refused, overridden,
//! returned, handed back to the owner, listed and printed, through the built binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use support::*;

/// Tomorrow at noon: a due time that is ahead whatever the hour the test runs.
fn tomorrow_noon() -> String {
    format!("{} 12:00", chrono::Local::now().date_naive().succ_opt().unwrap())
}

fn estate() -> Estate {
    let e = Estate::new();
    e.json(&["init", "--name", "测试小区"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["unit", "occupant", "1-1-101", "--name", "张三", "--phone", "13800000001"]);
    let (code, v) = e.json(&["key", "deposit", "1-1-101", "--hook", "A-01", "--count", "2", "--description", "入户门", "--by", "张三", "--authorise", "李四", "--engineering"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((&v["hook"], &v["key_count"], &v["status"], &v["authorisations"][0]["name"], &v["authorisations"][1]["name"]), (&"A-01".into(), &2.into(), &"in".into(), &"李四".into(), &"工程部".into()));
    e
}

fn lend<'a>(borrower: &'a str, kind: &'a str, due: &'a str) -> Vec<&'a str> {
    vec!["key", "lend", "A-01", "--borrower", borrower, "--as", kind, "--id-type", "身份证", "--id-last4", "123x", "--purpose", "开窗通风", "--due", due]
}

#[test]
fn a_key_is_lent_and_returned() {
    let e = estate();
    let due = tomorrow_noon();
    let (code, v) = e.json(&lend("李四", "authorised", &due));
    assert_eq!(code, 0, "{v}");
    assert_eq!((&v["borrower"], &v["borrower_kind"], &v["id_last4"], &v["operator"], &v["approved_by"]), (&"李四".into(), &"authorised".into(), &"123X".into(), &"前台小王".into(), &serde_json::Value::Null));
    assert!(v["due_at"].as_str().unwrap().contains("T12:00:00"), "{v}");
    let (code, v) = e.json(&lend("张三", "owner", &due));
    assert_eq!((code, v["code"].as_str()), (2, Some("key.already_out")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("已借给“李四”"), "{v}");
    let (_, v) = e.json(&["key", "list"]);
    assert_eq!((&v["count"], &v["out"], &v["keys"][0]["status"]), (&1.into(), &1.into(), &"out".into()));
    let (code, v) = e.json(&["key", "return", "A-01", "--by", "李四", "--condition", "完好"]);
    assert_eq!((code, &v["returned"]["returned_by"], &v["returned"]["condition"]), (0, &"李四".into(), &"完好".into()), "{v}");
    let (code, v) = e.json(&["key", "return", "A-01", "--by", "李四"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("key.not_out")));
    let (code, text, _) = e.text(&["key", "loans"]);
    assert!(code == 0 && text.contains("借用记录 1 条") && text.contains("李四（授权人）"), "{text}");
}

#[test]
fn an_unauthorised_borrower_is_refused_with_the_reason_and_a_clerk_needs_a_supervisor_to_override() {
    let e = estate();
    let due = tomorrow_noon();
    let (code, v) = e.json(&lend("王五", "authorised", &due));
    assert_eq!((code, v["code"].as_str()), (2, Some("key.not_authorised")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("业主的书面授权里没有这个人"), "{v}");
    let (code, v) = e.json(&lend("老陈", "contractor", &due));
    assert_eq!((code, v["code"].as_str()), (2, Some("key.not_authorised")), "{v}");

    staff_cmd(&e, &["staff", "add", "李主管", "--role", "主管"], &[], "boss-2026\n");
    staff_cmd(&e, &["--operator", "李主管", "staff", "add", "王前台", "--role", "前台"], &[], "desk-2026\nboss-2026\n");
    let clerk = ("王前台", "desk-2026");
    let mut overridden = lend("王五", "authorised", &due);
    overridden.extend(["--override", "业主电话同意"]);
    let (code, v) = as_staff(&e, clerk, &overridden, &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approval_needed")), "{v}");
    let approved = [&["--approver", "李主管"], &overridden[..]].concat();
    let (code, v) = as_staff(&e, clerk, &approved, &[("ESTATE_APPROVER_PASSWORD", "boss-2026")]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((&v["operator"], &v["approved_by"], &v["override_reason"]), (&"王前台".into(), &"李主管".into(), &"业主电话同意".into()));
    // An authorised loan by a clerk needs no approver.
    as_staff(&e, clerk, &["key", "return", "A-01", "--by", "王五"], &[]);
    let (code, v) = as_staff(&e, clerk, &lend("李四", "authorised", &due), &[]);
    assert_eq!(code, 0, "{v}");
}

#[test]
fn only_the_last_four_characters_of_an_id_are_taken() {
    let e = estate();
    let due = tomorrow_noon();
    let mut args = lend("李四", "authorised", &due);
    args[10] = "110101198001010011";
    let (code, v) = e.json(&args);
    assert_eq!((code, v["code"].as_str()), (2, Some("key.bad_id_tail")), "{v}");
    assert!(!v.to_string().contains("110101198001010011"), "the number is not echoed: {v}");
    let (code, v) = e.json(&["key", "lend", "A-01", "--borrower", "李四", "--as", "邻居", "--id-last4", "1234", "--purpose", "x"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("key.bad_borrower_kind")), "{v}");
    let (_, v) = e.json(&["key", "loans"]);
    assert_eq!(v["count"], 0);
}

#[test]
fn hooks_are_unique_among_keys_held_and_a_key_back_with_its_owner_is_not_lent() {
    let e = estate();
    let (code, v) = e.json(&["key", "deposit", "1-1-101", "--hook", "A-01", "--by", "张三"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("key.hook_taken")), "{v}");
    let (code, v) = e.json(&["key", "deposit", "1-1-101", "--hook", "A-09", "--by", "张三", "--contractor", "美家装饰"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("key.contractor_dates")), "{v}");
    let (code, v) = e.json(&["key", "release", "A-01", "--to", "张三"]);
    assert_eq!((code, &v["status"], &v["returned_to"]), (0, &"released".into(), &"张三".into()), "{v}");
    let (code, v) = e.json(&lend("张三", "owner", &tomorrow_noon()));
    assert_eq!((code, v["code"].as_str()), (2, Some("key.released")), "{v}");
    let (_, v) = e.json(&["key", "list"]);
    assert_eq!(v["count"], 0);
    let (_, v) = e.json(&["key", "list", "--all"]);
    assert_eq!(v["count"], 1);
    let (code, v) = e.json(&["key", "deposit", "1-1-101", "--hook", "A-01", "--by", "张三"]);
    assert_eq!(code, 0, "the hook is free again: {v}");
}

#[test]
fn the_register_prints_as_a_pdf_and_overdue_keys_are_listed() {
    let e = estate();
    let (code, v) = e.json(&lend("李四", "authorised", &tomorrow_noon()));
    assert_eq!(code, 0, "{v}");
    let (_, v) = e.json(&["key", "list", "--overdue"]);
    assert_eq!(v["count"], 0, "due tomorrow: not overdue yet");
    let today = chrono::Local::now().date_naive();
    let out = e.dir.join("钥匙借用登记表.pdf");
    let (code, v) = e.json(&["key", "pdf", "--from", &today.to_string(), "--to", &today.to_string(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    let text = pdftotext(&out);
    assert!(text.contains("钥匙借用登记表") && text.contains("李四 授权人") && text.contains("123X") && text.contains("开窗通风"), "{text}");
    let (code, v) = e.json(&["key", "pdf", "--from", "2026-11-30", "--to", "2026-11-01", "--out", out.to_str().unwrap()]);
    assert_eq!((code, v["code"].as_str()), (2, Some("key.bad_period")), "{v}");
    let (code, text, _) = e.text(&["key", "list"]);
    assert!(code == 0 && text.contains("钥匙 1 串，借出 1 串") && text.contains("A-01"), "{text}");
}

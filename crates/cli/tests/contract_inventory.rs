//! The `estate` contract for cards, handsets and the monthly count (盘点):
//! stock, issue with a deposit and its 押金收据, return with the refund, the
//! count from start to a supervisor's sign-off, through the built binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use support::*;

/// An estate with one unit and its owner and family member.
fn estate() -> Estate {
    let e = Estate::new();
    e.json(&["init", "--name", "翠湖花园"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["unit", "add", "1-1-102", "--area", "100"]);
    let (code, v) = e.json(&["unit", "occupant", "1-1-101", "--name", "张三", "--role", "owner", "--from", "2020-01-01"]);
    assert_eq!(code, 0, "{v}");
    e.json(&["unit", "occupant", "1-1-101", "--name", "张小明", "--role", "family", "--from", "2020-01-01"]);
    e
}

#[test]
fn a_card_is_issued_with_its_deposit_and_receipt_then_returned_with_the_refund() {
    let e = estate();
    let (code, v) = e.json(&["card", "add", "--kind", "住户卡", "ZH0001..ZH0003"]);
    assert_eq!((code, &v["added"]), (0, &3.into()), "{v}");
    let (code, v) = e.json(&["card", "add", "--kind", "resident", "ZH0003"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.serial_taken")), "{v}");
    let (code, v) = e.json(&["settings", "set", "inventory_card_deposit", "50"]);
    assert_eq!(code, 0, "{v}");
    let (code, v) = e.json(&["card", "issue", "1-1-101", "--kind", "住户卡", "--serial", "ZH0001", "--to", "张小明", "--method", "wechat"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((&v["holder"], &v["deposit"]["amount"], &v["deposit"]["kind"], &v["deposit"]["receipt_no"]), (&"张小明".into(), &"50.00".into(), &"门禁卡押金".into(), &"YJ0000001".into()));
    let deposit = v["deposit"]["id"].to_string();
    let (code, v) = e.json(&["card", "issue", "1-1-101", "--kind", "住户卡", "--serial", "ZH0001"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.already_out")), "{v}");
    let (code, v) = e.json(&["card", "issue", "1-1-101", "--kind", "住户卡", "--serial", "ZH0002", "--to", "李四"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.not_of_unit")), "{v}");
    let (code, v) = e.json(&["card", "issue", "1-1-102", "--kind", "住户卡", "--serial", "ZH0002"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.no_holder")), "{v}");
    let (code, v) = e.json(&["card", "issue", "1-1-101", "--kind", "门票", "--serial", "ZH0002"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.bad_kind")), "{v}");
    // The receipt, then a reprint marked so, read back.
    let pdf = e.dir.join("押金收据.pdf");
    let (code, v) = e.json(&["deposit", "receipt", &deposit, "--out", pdf.to_str().unwrap()]);
    assert_eq!((code, &v["receipt_no"], &v["reprint"]), (0, &"YJ0000001".into(), &0.into()), "{v}");
    let text = pdftotext(&pdf);
    for expected in ["翠湖花园押金收据", "YJ0000001", "1-1-101", "张小明", "门禁卡押金（住户卡 ZH0001）", "50.00", "伍拾元整", "押金退还时凭本收据办理"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let (_, v) = e.json(&["deposit", "receipt", &deposit, "--out", pdf.to_str().unwrap()]);
    assert_eq!(v["reprint"], 1);
    assert!(pdftotext(&pdf).contains("补打"));
    let (code, text, _) = e.text(&["card", "list"]);
    assert!(code == 0 && text.contains("在库 2，已发出 1") && text.contains("张小明") && text.contains("YJ0000001"), "{text}");
    let (code, v) = e.json(&["card", "return", "ZH0001", "--deduct", "10"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.reason_required")), "{v}");
    let (code, v) = e.json(&["card", "return", "ZH0001", "--deduct", ""]);
    assert_eq!((code, v["code"].as_str()), (2, Some("amount.invalid")), "a blank amount is a mistake on the command line: {v}");
    let (code, v) = e.json(&["card", "return", "ZH0001", "--by", "张三", "--note", "完好"]);
    assert_eq!((code, &v["refunded"], &v["returned_by"], &v["deposit"]["held"]), (0, &"50.00".into(), &"张三".into(), &"0.00".into()), "{v}");
    let (code, v) = e.json(&["card", "return", "ZH0001"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.not_out")), "{v}");
    let (_, v) = e.json(&["card", "list", "--out"]);
    assert_eq!(v["count"], 0);
    let (code, text, _) = e.text(&["audit", "verify"]);
    assert_eq!(code, 0, "the seal covers deposit receipts and their prints: {text}");
}

#[test]
fn a_count_runs_from_the_expected_list_to_a_supervisors_sign_off() {
    let e = estate();
    e.json(&["card", "add", "--kind", "住户卡", "ZH0001..ZH0002"]);
    e.json(&["card", "add", "--kind", "other", "--name", "遥控器", "R1"]);
    e.json(&["card", "issue", "1-1-101", "--kind", "住户卡", "--serial", "ZH0002"]);
    let (code, v) = e.json(&["count", "start"]);
    assert_eq!(code, 0, "{v}");
    let id = v["id"].to_string();
    let lines = v["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 3);
    assert_eq!((&lines[1]["label"], &lines[1]["expected"], &lines[1]["place"]), (&"ZH0002".into(), &"out".into(), &"1-1-101 张三".into()));
    let (code, v) = e.json(&["count", "start"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.count_exists")), "{v}");
    let (code, _) = e.json(&["count", "record", &id, "1", "--found"]);
    assert_eq!(code, 0);
    let (code, v) = e.json(&["count", "record", &id, "3", "--missing"]);
    assert_eq!((code, &v["differences"], &v["unexplained"]), (0, &1.into(), &1.into()), "{v}");
    let (code, v) = e.json(&["count", "record", &id, "9", "--found"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.line_not_found")), "{v}");
    let (code, v) = e.json(&["count", "record", &id, "--extra", "C0099"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.note_required")), "{v}");
    let (code, v) = e.json(&["count", "record", &id, "1"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("cli.usage")), "found, missing or extra is required: {v}");
    let (code, v) = e.json(&["count", "close", &id]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.unexplained")), "{v}");
    let (code, _) = e.json(&["count", "record", &id, "3", "--missing", "--note", "借给保安队未登记，已追回"]);
    assert_eq!(code, 0);
    // No accounts yet: the operator acts as the file's creator, a supervisor.
    let (code, v) = e.json(&["count", "close", &id]);
    assert_eq!((code, &v["closed"]["signed_off_by"], &v["closed"]["differences"]), (0, &"前台小王".into(), &1.into()), "{v}");
    let (code, v) = e.json(&["count", "record", &id, "1", "--missing", "--note", "x"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.count_closed")), "{v}");
    let (code, text, _) = e.text(&["count", "show", &id]);
    assert!(code == 0 && text.contains("借给保安队未登记") && text.contains("缺失") && text.contains("遥控器 R1"), "{text}");
    let (code, text, _) = e.text(&["count", "list"]);
    assert!(code == 0 && text.contains("已结束") && text.contains("前台小王"), "{text}");
    let pdf = e.dir.join("盘点表.pdf");
    let (code, v) = e.json(&["count", "pdf", &id, "--out", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    let text = pdftotext(&pdf);
    for expected in ["卡证与钥匙盘点表", "差异及说明", "借给保安队未登记，已追回", "ZH0002", "1-1-101 张三", "主管（签字）"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let (code, v) = e.json(&["count", "show", "99"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("inventory.count_not_found")));
}

#[test]
fn a_clerk_counts_and_a_supervisor_signs_off_on_the_spot() {
    let e = estate();
    staff_cmd(&e, &["staff", "add", "李主管", "--role", "主管"], &[], "boss-2026\n");
    staff_cmd(&e, &["--operator", "李主管", "staff", "add", "王前台", "--role", "前台"], &[], "desk-2026\nboss-2026\n");
    let clerk = ("王前台", "desk-2026");
    let (code, v) = as_staff(&e, clerk, &["card", "add", "--kind", "车卡", "C1"], &[]);
    assert_eq!(code, 0, "{v}");
    let (code, v) = as_staff(&e, clerk, &["count", "start"], &[]);
    assert_eq!(code, 0, "{v}");
    let id = v["id"].to_string();
    as_staff(&e, clerk, &["count", "record", &id, "1", "--found"], &[]);
    let (code, v) = as_staff(&e, clerk, &["count", "close", &id], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approval_needed")), "{v}");
    let (code, v) = as_staff(&e, clerk, &["--approver", "李主管", "count", "close", &id], &[("ESTATE_APPROVER_PASSWORD", "wrong-pass")]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approver_bad_credentials")), "{v}");
    let (code, v) = as_staff(&e, clerk, &["--approver", "李主管", "count", "close", &id], &[("ESTATE_APPROVER_PASSWORD", "boss-2026")]);
    assert_eq!((code, &v["closed"]["closed_by"], &v["closed"]["signed_off_by"]), (0, &"王前台".into(), &"李主管".into()), "{v}");
    // A return that keeps part of a deposit is a deduction: a supervisor's.
    as_staff(&e, ("李主管", "boss-2026"), &["settings", "set", "inventory_car_card_deposit", "100"], &[]);
    as_staff(&e, clerk, &["card", "issue", "1-1-101", "--kind", "车卡", "--serial", "C1"], &[]);
    let (code, v) = as_staff(&e, clerk, &["card", "return", "C1", "--deduct", "30", "--reason", "卡面损坏"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approval_needed")), "{v}");
    let (code, v) = as_staff(&e, clerk, &["--approver", "李主管", "card", "return", "C1", "--deduct", "30", "--reason", "卡面损坏"], &[("ESTATE_APPROVER_PASSWORD", "boss-2026")]);
    assert_eq!((code, &v["refunded"], &v["deducted"], &v["deposit"]["refunds"][0]["approved_by"]), (0, &"70.00".into(), &"30.00".into(), &"李主管".into()), "{v}");
}

//! The `estate person` contract: a supervisor exports one person's data (read
//! back with calamine) and erases a former tenant's; a clerk may do neither;
//! phones and ID numbers leave `unit show` masked in text and JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use calamine::{Data, Reader, Xlsx, open_workbook};
use estate_core::db::Db;
use estate_core::register;
use support::*;

const TENANT_PHONE: &str = "13912345678";
const TENANT_ID: &str = "330106198805211232";

/// 1-1-101 owned by 张三, let to 李租户 who paid once; two accounts.
fn estate() -> Estate {
    let e = Estate::new();
    e.json(&["init", "--name", "测试"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["unit", "occupant", "1-1-101", "--name", "张三", "--phone", "13800000001", "--id-number", "11010519491231002X"]);
    let (_, v) = e.json(&["unit", "occupant", "1-1-101", "--name", "李租户", "--phone", TENANT_PHONE, "--id-number", TENANT_ID, "--role", "tenant", "--from", "2025-01-01"]);
    assert_eq!(v["created"], true, "{v}");
    e.json(&["pay", "1-1-101", "--amount", "100", "--method", "cash", "--payer", "李租户"]);
    staff_cmd(&e, &["staff", "add", "李主管", "--role", "主管"], &[], "boss-2026\n");
    staff_cmd(&e, &["--operator", "李主管", "staff", "add", "王前台", "--role", "前台"], &[], "desk-2026\nboss-2026\n");
    e
}

const BOSS: (&str, &str) = ("李主管", "boss-2026");
const CLERK: (&str, &str) = ("王前台", "desk-2026");

/// The tenant moves out (the CLI has no command for it; the desk's 迁出 does this).
fn move_out(e: &Estate) {
    let mut db = Db::open(&e.db).unwrap();
    let unit = register::find_unit(db.conn(), "1-1-101").unwrap();
    let tenant = register::unit_card(db.conn(), &unit).unwrap().occupancies.into_iter().find(|o| o.person.name == "李租户").unwrap();
    db.write("李主管", |tx| register::end_occupancy(tx, &unit, tenant.id, "2026-01-31".parse().unwrap())).unwrap();
}

#[test]
fn unit_show_masks_phones_and_id_numbers_and_names_each_persons_id() {
    let e = estate();
    let (code, text, _) = e.text(&["unit", "show", "1-1-101"]);
    assert_eq!(code, 0);
    assert!(text.contains("139****5678") && !text.contains(TENANT_PHONE), "{text}");
    assert!(text.contains("住户编号"), "{text}");
    let (_, v) = e.json(&["unit", "show", "1-1-101"]);
    let shown = v.to_string();
    assert!(!shown.contains(TENANT_PHONE) && !shown.contains(TENANT_ID), "{shown}");
    assert!(shown.contains("330106********1232") && shown.contains("139****5678"), "{shown}");
}

#[test]
fn a_supervisor_exports_one_persons_data_by_name_or_id() {
    let e = estate();
    let out = e.dir.join("李租户.xlsx");
    let out_text = out.to_str().unwrap();
    let (code, v) = as_staff(&e, CLERK, &["person", "export", "李租户", "--to", out_text], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.forbidden")), "{v}");
    assert!(!out.exists());
    let (code, v) = as_staff(&e, BOSS, &["person", "export", "李租户", "--to", out_text], &[]);
    assert_eq!((code, v["payments"].as_i64(), v["units"].as_i64()), (0, Some(1), Some(1)), "{v}");
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let details = book.worksheet_range("个人信息").unwrap();
    let text: Vec<String> = details.rows().flat_map(|r| r.iter().map(Data::to_string).collect::<Vec<_>>()).collect();
    assert!(text.contains(&TENANT_PHONE.to_string()) && text.contains(&TENANT_ID.to_string()), "their own data in full: {text:?}");
    let person_id = v["person_id"].as_i64().unwrap().to_string();
    let (code, v) = as_staff(&e, BOSS, &["person", "export", &person_id, "--to", out_text], &[]);
    assert_eq!(code, 0, "{v}");
    let (code, v) = as_staff(&e, BOSS, &["person", "export", "王五", "--to", out_text], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("person.not_found")), "{v}");
}

#[test]
fn a_supervisor_erases_a_former_tenant_and_the_ledger_stays_whole() {
    let e = estate();
    let (_, balance_before) = e.json(&["balance", "1-1-101"]);
    let (code, v) = as_staff(&e, BOSS, &["person", "erase", "李租户", "--reason", "本人申请"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("person.still_living")), "{v}");
    let (code, v) = as_staff(&e, BOSS, &["person", "erase", "张三", "--reason", "本人申请"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("person.owner_of_record")), "{v}");
    move_out(&e);
    let (code, v) = as_staff(&e, CLERK, &["person", "erase", "李租户", "--reason", "本人申请"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.forbidden")), "{v}");

    let (code, v) = as_staff(&e, BOSS, &["person", "erase", "李租户", "--reason", "租户已迁出，本人申请"], &[]);
    assert_eq!((code, v["payments"].as_i64()), (0, Some(1)), "{v}");
    let placeholder = v["placeholder"].as_str().unwrap().to_string();
    assert!(placeholder.starts_with("已删除住户#"));
    let (_, balance_after) = e.json(&["balance", "1-1-101"]);
    assert_eq!(balance_after, balance_before);
    let (code, v) = e.json(&["audit", "verify"]);
    assert_eq!(code, 0, "the chain still verifies: {v}");
    let receipt = e.dir.join("r.pdf");
    let (code, v) = as_staff(&e, CLERK, &["receipt", "pdf", "SF0000001", "--out", receipt.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{v}");
    let text = pdftotext(&receipt);
    assert!(text.contains(&placeholder) && !text.contains("李租户"), "{text}");
    let (_, shown) = e.json(&["unit", "show", "1-1-101"]);
    assert!(shown.to_string().contains(&placeholder) && !shown.to_string().contains("李租户"), "{shown}");
}

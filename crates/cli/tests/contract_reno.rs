//! The `estate reno` contract: one permit from application to close through the
//! built binary, refusals with exit 2 and a Chinese message, a clerk who needs a
//! supervisor to approve, and the lists.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use support::*;

fn day(n: i64) -> String {
    (chrono::Local::now().date_naive() + chrono::Duration::days(n)).to_string()
}

fn estate() -> Estate {
    let e = Estate::new();
    e.json(&["init", "--name", "测试小区"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["unit", "occupant", "1-1-101", "--name", "张三", "--phone", "13800000001"]);
    e
}

fn apply(e: &Estate, applicant: &str) -> (i32, serde_json::Value) {
    let (start, end) = (day(0), day(60));
    e.json(&[
        "reno", "apply", "1-1-101", "--applicant", applicant, "--contractor", "美家装饰", "--foreman", "刘工", "--foreman-phone", "13900001234",
        "--worker", "王师傅,13700001111,123x", "--scope", "墙体,水电", "--start", &start, "--end", &end, "--attachments", "平面图",
    ])
}

#[test]
fn a_permit_goes_from_application_to_close() {
    let e = estate();
    let (code, v) = apply(&e, "张三");
    assert_eq!((code, &v["status"], &v["applicant_role"], &v["workers"][0]["id_last4"]), (0, &"applied".into(), &"owner".into(), &"123X".into()), "{v}");
    let (code, text, _) = e.text(&["reno", "approve", "1"]);
    assert!(code == 0 && text.contains("合计 2600.00 元"), "{text}");
    let (code, v) = e.json(&["reno", "pay", "1", "--method", "cash", "--amount", "2600"]);
    assert_eq!((code, &v["paid"]["receipt_no"], &v["paid"]["deposit_receipt_no"], &v["paid"]["held"]), (0, &"SF0000001".into(), &"YJ0000001".into(), &"2000.00".into()), "{v}");
    let (code, v) = e.json(&["reno", "issue", "1"]);
    let permit_no = v["permit_no"].as_str().unwrap().to_string();
    assert!(code == 0 && permit_no.starts_with("ZX") && permit_no.ends_with("-0001"), "{v}");
    let (code, v) = e.json(&["reno", "inspect", &permit_no, "--inspector", "老周", "--problem", "垃圾:楼道堆放"]);
    assert_eq!((code, &v["violations"][0]["item"]), (0, &"垃圾".into()), "{v}");
    let (code, v) = e.json(&["reno", "complete", "1"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("reno.open_violations")), "{v}");
    let (code, v) = e.json(&["reno", "list", "--violations"]);
    assert_eq!((code, &v["count"]), (0, &1.into()));
    assert_eq!(e.json(&["reno", "fix", "1", "--note", "已清运"]).0, 0);
    let (code, v) = e.json(&["reno", "waterproof", "1", "--start", "2026-01-01 08:00", "--end", "2026-01-03 08:00", "--depth", "2", "--below-checked", "--result", "pass"]);
    assert_eq!((code, &v["hours"], &v["passed"]), (0, &48.into(), &true.into()), "{v}");
    let (code, v) = e.json(&["reno", "release", "1", "--items", "旧门", "--plate", "沪a12345", "--owner", "张三", "--guard", "老陈"]);
    assert!(code == 0 && v["slip_no"].as_str().unwrap().starts_with("FX"), "{v}");
    assert_eq!(e.json(&["reno", "extend", "1", "--to", &day(90), "--reason", "春节停工"]).0, 0);
    assert_eq!(e.json(&["reno", "complete", "1"]).0, 0);
    let (code, v) = e.json(&["reno", "rectify", "1", "--problem", "外立面", "--reason", "空调外机移位"]);
    assert_eq!((code, &v["status"]), (0, &"rectify".into()), "{v}");
    assert_eq!(e.json(&["reno", "complete", "1"]).0, 0);
    assert_eq!(e.json(&["reno", "accept", "1"]).0, 0);
    let (code, v) = e.json(&["reno", "refund", "1", "--deduct", "300:墙面损坏"]);
    assert_eq!((code, &v["paid"]["refunded"], &v["paid"]["deducted"]), (0, &"1700.00".into(), &"300.00".into()), "{v}");
    let (code, v) = e.json(&["reno", "close", "1"]);
    assert_eq!((code, &v["status"]), (0, &"closed".into()));
    let (code, text, _) = e.text(&["reno", "show", "1"]);
    assert!(code == 0 && text.contains("已关闭") && text.contains("139****1234") && !text.contains("13900001234"), "phones masked: {text}");
    let (_, v) = e.json(&["reno", "show", "1"]);
    assert!(!v.to_string().contains("13900001234") && !v.to_string().contains("13700001111"), "phones masked in JSON too: {v}");
    let (code, text, _) = e.text(&["reno", "list", "--summary"]);
    assert!(code == 0 && text.contains("已关闭"), "{text}");
    let (code, text, _) = e.text(&["deposit", "list"]);
    assert!(code == 0 && text.contains("在押合计 0.00 元"), "{text}");
}

#[test]
fn refusals_exit_2_with_the_reason_and_write_nothing() {
    let e = estate();
    let (code, v) = apply(&e, "路人甲");
    assert_eq!((code, v["code"].as_str()), (2, Some("reno.not_owner")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("委托书"), "{v}");
    let (code, v) = e.json(&["reno", "apply", "1-1-101", "--applicant", "张三", "--contractor", "x", "--foreman", "y", "--foreman-phone", "13900001234", "--worker", "王,110101199003071234", "--scope", "墙体", "--start", &day(0), "--end", &day(10)]);
    assert_eq!((code, v["code"].as_str()), (2, Some("reno.id_last4")), "{v}");
    assert!(!v.to_string().contains("110101199003071234"));
    let (code, v) = e.json(&["reno", "apply", "1-1-101", "--applicant", "张三", "--contractor", "x", "--foreman", "y", "--foreman-phone", "13900001234", "--scope", "屋顶", "--start", &day(0), "--end", &day(10)]);
    assert_eq!((code, v["code"].as_str()), (2, Some("reno.bad_scope")), "{v}");
    let (_, v) = e.json(&["reno", "list"]);
    assert_eq!(v["count"], 0);
    assert_eq!(apply(&e, "张三").0, 0);
    let (code, v) = e.json(&["reno", "issue", "1"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("reno.wrong_step")), "no permit before approval and fees: {v}");
    let (code, v) = e.json(&["reno", "refund", "1"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("reno.wrong_step")), "no refund before acceptance: {v}");
}

#[test]
fn a_clerk_applies_but_needs_a_supervisor_to_approve() {
    let e = estate();
    staff_cmd(&e, &["staff", "add", "李主管", "--role", "主管"], &[], "boss-2026\n");
    staff_cmd(&e, &["--operator", "李主管", "staff", "add", "王前台", "--role", "前台"], &[], "desk-2026\nboss-2026\n");
    let clerk = ("王前台", "desk-2026");
    let (start, end) = (day(0), day(60));
    let args = ["reno", "apply", "1-1-101", "--applicant", "张三", "--contractor", "美家装饰", "--foreman", "刘工", "--foreman-phone", "13900001234", "--scope", "地面", "--start", &start, "--end", &end];
    let (code, v) = as_staff(&e, clerk, &args, &[]);
    assert_eq!((code, &v["operator"]), (0, &"王前台".into()), "{v}");
    let (code, v) = as_staff(&e, clerk, &["reno", "approve", "1"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approval_needed")), "{v}");
    let (code, v) = as_staff(&e, clerk, &["--approver", "李主管", "reno", "approve", "1"], &[("ESTATE_APPROVER_PASSWORD", "boss-2026")]);
    assert_eq!((code, &v["steps"][0]["operator"], &v["steps"][0]["approved_by"]), (0, &"王前台".into(), &"李主管".into()), "{v}");
}

fn squeezed(pdf: &std::path::Path) -> String {
    pdftotext(pdf).chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_permit_slip_and_voucher_pdfs_are_refused_out_of_turn_then_saved() {
    let e = estate();
    e.json(&["settings", "set", "office_phone", "0571-88886666"]);
    apply(&e, "张三");
    let permit = e.dir.join("permit.pdf");
    let (code, v) = e.json(&["reno", "permit-pdf", "1", "--out", permit.to_str().unwrap()]);
    assert_eq!((code, v["code"].as_str()), (2, Some("reno.not_issued")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("已申请") && !permit.exists(), "{v}");
    e.json(&["reno", "approve", "1"]);
    e.json(&["reno", "pay", "1"]);
    let (_, v) = e.json(&["reno", "issue", "1"]);
    let permit_no = v["permit_no"].as_str().unwrap().to_string();
    let (code, v) = e.json(&["reno", "permit-pdf", &permit_no, "--out", permit.to_str().unwrap()]);
    assert_eq!((code, &v["permit_no"], &v["permit"]), (0, &permit_no.clone().into(), &1.into()), "{v}");
    let text = squeezed(&permit);
    assert!(text.contains(&format!("许可证号：{permit_no}")) && text.contains("施工负责人刘工电话13900001234") && text.contains("物业服务中心电话：0571-88886666"), "{text}");

    let (_, s1) = e.json(&["reno", "release", "1", "--items", "旧门 2 扇", "--plate", "沪a12345", "--owner", "张三", "--guard", "老陈", "--at", &format!("{} 15:30", day(0))]);
    let (_, s2) = e.json(&["reno", "release", "1", "--items", "废瓷砖 10 袋", "--owner", "张三", "--guard", "老陈"]);
    let (n1, n2) = (s1["slip_no"].as_str().unwrap(), s2["slip_no"].as_str().unwrap());
    let slips = e.dir.join("slips.pdf");
    let (code, v) = e.json(&["reno", "slip-pdf", n1, n2, "--out", slips.to_str().unwrap()]);
    assert_eq!((code, &v["slips"]), (0, &serde_json::json!([n1, n2])), "{v}");
    let text = squeezed(&slips);
    assert!(text.contains(&format!("No.{n1}")) && text.contains("放行物品旧门2扇") && text.contains("车牌号沪A12345") && text.contains("放行物品废瓷砖10袋"), "{text}");
    let (code, v) = e.json(&["reno", "slip-pdf", "FX20000101-001", "--out", slips.to_str().unwrap()]);
    assert_eq!((code, v["code"].as_str()), (2, Some("reno.slip_not_found")), "{v}");

    let voucher = e.dir.join("voucher.pdf");
    let (code, v) = e.json(&["reno", "voucher-pdf", "1", "--out", voucher.to_str().unwrap()]);
    assert_eq!((code, v["code"].as_str()), (2, Some("reno.not_refunded")), "{v}");
    e.json(&["reno", "waterproof", "1", "--start", "2026-01-01 08:00", "--end", "2026-01-03 08:00", "--depth", "2", "--below-checked", "--result", "pass"]);
    e.json(&["reno", "complete", "1"]);
    e.json(&["reno", "accept", "1"]);
    e.json(&["reno", "refund", "1", "--deduct", "300:墙面损坏"]);
    let (code, v) = e.json(&["reno", "voucher-pdf", "1", "--out", voucher.to_str().unwrap()]);
    assert_eq!((code, &v["deposit"], &v["deducted"], &v["refunded"]), (0, &"2000.00".into(), &"300.00".into(), &"1700.00".into()), "{v}");
    let text = squeezed(&voucher);
    assert!(text.contains("1墙面损坏300.00") && text.contains("壹仟柒佰元整¥1,700.00") && text.contains("收取押金¥2,000.00"), "{text}");
    let (code, text, _) = e.text(&["reno", "voucher-pdf", "1", "--out", voucher.to_str().unwrap()]);
    assert!(code == 0 && text.contains("实退 1700.00 元"), "{text}");
}

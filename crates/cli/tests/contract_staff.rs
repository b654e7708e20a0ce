//! The `estate` contract for staff: the first account, signing in on the command
//! line, and a clerk's supervisor-only action approved on the spot.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use support::*;

#[test]
fn staff_accounts_first_a_supervisor_then_added_by_one() {
    let e = Estate::new();
    e.json(&["init", "--name", "测试"]);
    let (code, v) = staff_cmd(&e, &["staff", "add", "王前台", "--role", "前台"], &[("ESTATE_PASSWORD", "desk-2026")], "");
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.first_must_be_supervisor")), "{v}");
    let (code, v) = staff_cmd(&e, &["staff", "add", "李主管", "--role", "supervisor"], &[], "boss-2026\n");
    assert_eq!((code, v["role"].as_str()), (0, Some("supervisor")), "{v}");
    // Later accounts need the supervisor's own password; a wrong one adds nothing.
    let (code, v) = staff_cmd(&e, &["--operator", "李主管", "staff", "add", "王前台", "--role", "前台"], &[], "desk-2026\nwrong-pw\n");
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.bad_credentials")), "{v}");
    let (code, v) = staff_cmd(&e, &["--operator", "李主管", "staff", "add", "王前台", "--role", "前台"], &[], "desk-2026\nboss-2026\n");
    assert_eq!((code, v["name"].as_str()), (0, Some("王前台")), "{v}");
    let (code, v) = staff_cmd(&e, &["staff", "add", "赵会计", "--role", "财务"], &[], "");
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.password_missing")), "{v}");
    let (_, v) = e.json(&["staff", "list"]);
    let names: Vec<&str> = v["staff"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["李主管", "王前台"]);
    assert!(!v.to_string().contains("argon2") && !v.to_string().contains("2026\""), "no password or hash: {v}");
}

#[test]
fn with_accounts_the_cli_signs_in_and_a_clerk_needs_a_supervisors_approval() {
    let e = Estate::new();
    e.json(&["init", "--name", "测试"]);
    // No accounts yet: the creator acts as the supervisor under any name (old scripts keep working).
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    let (code, v) = e.json(&["pay", "1-1-101", "--amount", "100", "--method", "cash"]);
    assert_eq!((code, v["receipt_no"].as_str()), (0, Some("SF0000001")), "{v}");
    staff_cmd(&e, &["staff", "add", "李主管", "--role", "主管"], &[], "boss-2026\n");
    staff_cmd(&e, &["--operator", "李主管", "staff", "add", "王前台", "--role", "前台"], &[], "desk-2026\nboss-2026\n");
    let boss = ("李主管", "boss-2026");
    let clerk = ("王前台", "desk-2026");

    // Now every write signs in: no password, a wrong one, a name with no account.
    let (code, v) = staff_cmd(&e, &["--operator", "王前台", "pay", "1-1-101", "--amount", "50", "--method", "cash"], &[], "");
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.password_missing")), "{v}");
    let (code, v) = as_staff(&e, ("王前台", "wrong-pass"), &["pay", "1-1-101", "--amount", "50", "--method", "cash"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.bad_credentials")), "{v}");
    let (code, v) = as_staff(&e, ("前台", "desk-2026"), &["pay", "1-1-101", "--amount", "50", "--method", "cash"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.bad_credentials")), "{v}");
    let (code, v) = as_staff(&e, clerk, &["pay", "1-1-101", "--amount", "50", "--method", "cash"], &[]);
    assert_eq!((code, v["receipt_no"].as_str()), (0, Some("SF0000002")), "{v}");

    // A clerk's void: refused without an approver, with a wrong password, with a clerk as approver.
    let void = ["receipt", "void", "SF0000002", "--reason", "收错户"];
    let (code, v) = as_staff(&e, clerk, &void, &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approval_needed")), "{v}");
    let (code, v) = as_staff(&e, clerk, &[&["--approver", "李主管"], &void[..]].concat(), &[("ESTATE_APPROVER_PASSWORD", "wrong-pass")]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approver_bad_credentials")), "{v}");
    let (code, v) = as_staff(&e, clerk, &[&["--approver", "王前台"], &void[..]].concat(), &[("ESTATE_APPROVER_PASSWORD", "desk-2026")]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approver_not_supervisor")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("不是主管"), "{v}");
    // Approved on the spot: both names recorded.
    let (code, v) = as_staff(&e, clerk, &[&["--approver", "李主管"], &void[..]].concat(), &[("ESTATE_APPROVER_PASSWORD", "boss-2026")]);
    assert_eq!((code, v["operator"].as_str(), v["approved_by"].as_str()), (0, Some("王前台"), Some("李主管")), "{v}");
    // A supervisor voids alone.
    let (code, v) = as_staff(&e, boss, &["receipt", "void", "SF0000001", "--reason", "重复"], &[]);
    assert_eq!((code, v["operator"].as_str(), v["approved_by"].as_str()), (0, Some("李主管"), None), "{v}");
    // Restoring replaces everything: a supervisor's, or a clerk's with one approving on the spot (as on the desk).
    let (code, v) = as_staff(&e, boss, &["backup"], &[]);
    assert_eq!(code, 0, "{v}");
    let copy = v["backup"]["file"].as_str().unwrap().to_string();
    let (code, v) = as_staff(&e, clerk, &["restore", &copy], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approval_needed")), "{v}");
    let (code, v) = as_staff(&e, clerk, &["--approver", "李主管", "restore", &copy], &[("ESTATE_APPROVER_PASSWORD", "wrong-pass")]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approver_bad_credentials")), "{v}");
    let (code, v) = as_staff(&e, clerk, &["--approver", "李主管", "restore", &copy], &[("ESTATE_APPROVER_PASSWORD", "boss-2026")]);
    assert_eq!((code, v["restored_by"].as_str(), v["approved_by"].as_str()), (0, Some("王前台"), Some("李主管")), "{v}");
    let (code, v) = as_staff(&e, boss, &["restore", &copy], &[]);
    assert_eq!((code, v["restored_by"].as_str(), v["approved_by"].as_str()), (0, Some("李主管"), None), "{v}");
    // Five wrong passwords lock the account, and the message says for how long.
    for _ in 0..5 {
        as_staff(&e, ("王前台", "wrong-pass"), &["pay", "1-1-101", "--amount", "1", "--method", "cash"], &[]);
    }
    let (code, v) = as_staff(&e, clerk, &["pay", "1-1-101", "--amount", "1", "--method", "cash"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.locked")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("15 分钟后再试"), "{v}");
    // A supervisor unlocks it at once (the locked clerk cannot even sign in to try; an unknown name is refused).
    let (code, v) = as_staff(&e, clerk, &["staff", "unlock", "王前台"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.locked")), "a locked clerk cannot even sign in to try: {v}");
    let (code, v) = as_staff(&e, boss, &["staff", "unlock", "赵无名"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.not_found")), "{v}");
    let (code, v) = as_staff(&e, boss, &["staff", "unlock", "王前台"], &[]);
    assert_eq!((code, v["name"].as_str(), &v["locked_until"]), (0, Some("王前台"), &serde_json::Value::Null), "{v}");
    let (code, v) = as_staff(&e, clerk, &["pay", "1-1-101", "--amount", "1", "--method", "cash"], &[]);
    assert_eq!(code, 0, "unlocked: the right password works again at once: {v}");
    let (_, text, _) = e.text(&["audit", "verify"]);
    assert!(text.contains("审计记录完整"), "{text}");
    // Reads need no sign-in.
    let (code, v) = staff_cmd(&e, &["balance", "1-1-101"], &[], "");
    assert_eq!(code, 0, "{v}");
}

//! The `estate` command-line contract, end to end through the built binary, on
//! a messy register made here: JSON shapes, exit codes, Chinese messages, and
//! a receipt PDF read back with pdftotext.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::Datelike;
use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};

struct Estate {
    _dir: tempfile::TempDir,
    db: PathBuf,
    dir: PathBuf,
}

impl Estate {
    fn new() -> Estate {
        let dir = tempfile::tempdir().unwrap();
        Estate { db: dir.path().join("estate.db"), dir: dir.path().to_path_buf(), _dir: dir }
    }

    /// Runs `estate --db … --json ARGS`; returns (exit code, the JSON object printed).
    fn json(&self, args: &[&str]) -> (i32, Value) {
        let out = Command::new(env!("CARGO_BIN_EXE_estate"))
            .arg("--db")
            .arg(&self.db)
            .arg("--json")
            .args(args)
            .env("ESTATE_OPERATOR", "前台小王")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let value = serde_json::from_str(text.trim()).unwrap_or_else(|_| panic!("not one JSON object: {text:?} {:?}", String::from_utf8_lossy(&out.stderr)));
        (out.status.code().unwrap(), value)
    }

    /// Runs without --json; returns (exit code, stdout, stderr).
    fn text(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_estate")).arg("--db").arg(&self.db).args(args).output().unwrap();
        (out.status.code().unwrap(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
    }
}

/// A register as offices keep them: a title and a note above the header, aliased
/// headers, numbers as text, room numbers as numbers, mixed date forms, two phones
/// in a cell, a blank row, and one bad row (a home with no area) at Excel row 7.
fn messy_register(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "翠湖花园业主花名册（2026年11月）").unwrap();
    ws.write(1, 0, "注：面积以房产证为准").unwrap();
    for (c, h) in ["楼号", "单元", "房间号", "类型", "面积", "姓名", "手机", "入住日期", "历史欠费"].iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    ws.write(3, 0, "3栋").unwrap();
    ws.write(3, 1, "2单元").unwrap();
    ws.write(3, 2, 1502).unwrap();
    ws.write(3, 3, "住宅").unwrap();
    ws.write(3, 4, "88.50㎡").unwrap();
    ws.write(3, 5, "张三").unwrap();
    ws.write(3, 6, "138 0000 0001/139-0000-0002").unwrap();
    ws.write(3, 7, "2019/5/1").unwrap();
    ws.write(3, 8, "1,234.50").unwrap();
    ws.write(4, 0, "3号楼").unwrap();
    ws.write(4, 1, 2).unwrap();
    ws.write(4, 2, "1501室").unwrap();
    ws.write(4, 3, "住宅").unwrap();
    ws.write(4, 4, 120.25).unwrap();
    ws.write(4, 5, "单丽").unwrap();
    ws.write(4, 6, "13800000003").unwrap();
    ws.write(4, 7, "2019.05.01").unwrap();
    // row 6 (index 5) is blank
    ws.write(6, 0, "3栋").unwrap();
    ws.write(6, 1, "2单元").unwrap();
    ws.write(6, 2, "1601").unwrap();
    ws.write(6, 3, "住宅").unwrap();
    ws.write(6, 5, "王五").unwrap();
    ws.write(6, 6, "13800000005").unwrap();
    wb.save(path).unwrap();
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed: scripts/test.sh installs it");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into()
}

#[test]
fn the_desk_day_end_to_end_on_a_messy_register() {
    let e = Estate::new();
    let (code, v) = e.json(&["init", "--name", "翠湖花园"]);
    assert_eq!(code, 0, "{v}");
    let register = e.dir.join("花名册.xlsx");
    messy_register(&register);

    let (code, v) = e.json(&["import", "owners", register.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 2, "{v}");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{v}");
    assert_eq!((errors[0]["row"].as_u64(), errors[0]["column"].as_str()), (Some(7), Some("面积")), "{v}");
    assert!(errors[0]["message"].as_str().unwrap().contains("面积"));

    let (code, v) = e.json(&["import", "owners", register.to_str().unwrap()]);
    assert_eq!((code, v["units_created"].as_u64()), (2, Some(0)), "a file with problems writes nothing: {v}");
    let (code, v) = e.json(&["import", "owners", register.to_str().unwrap(), "--skip-bad-rows"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((v["units_created"].as_u64(), v["people_created"].as_u64(), v["opening_balances"].as_u64(), v["skipped"].as_u64()), (Some(2), Some(2), Some(1), Some(1)), "{v}");
    let (_, again) = e.json(&["import", "owners", register.to_str().unwrap(), "--skip-bad-rows"]);
    assert_eq!((again["units_created"].as_u64(), again["people_created"].as_u64(), again["opening_balances"].as_u64()), (Some(0), Some(0), Some(0)), "re-import creates nothing twice: {again}");

    assert_eq!(e.json(&["fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "1.21"]).0, 0);
    let (code, v) = e.json(&["bill", "run", "--period", "2026-11"]);
    assert_eq!(code, 0);
    // 88.50 × 1.21 = 107.085 → 107.09; 120.25 × 1.21 = 145.5025 → 145.50
    assert_eq!((v["bills"].as_u64(), v["total"].as_str()), (Some(2), Some("252.59")), "{v}");
    assert_eq!(e.json(&["bill", "run", "--period", "2026-11"]).1["skipped_existing"].as_u64(), Some(2));

    let (code, v) = e.json(&["balance", "3栋2单元1502"]);
    assert_eq!(code, 0);
    assert_eq!((v["unit"].as_str(), v["owed"].as_str(), v["prepaid"].as_str()), (Some("3-2-1502"), Some("1341.59"), Some("0.00")), "{v}");
    assert_eq!(v["bills"].as_array().unwrap().len(), 2);

    let (code, v) = e.json(&["pay", "3-2-1502", "--amount", "1,400.00", "--method", "wechat", "--ref", "4200001234"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((v["receipt_no"].as_str(), v["prepaid"].as_str()), (Some("SF0000001"), Some("58.41")), "{v}");
    let allocated: Vec<&str> = v["allocated"].as_array().unwrap().iter().map(|a| a["amount"].as_str().unwrap()).collect();
    assert_eq!(allocated, ["1234.50", "107.09"]);

    // A print that cannot be saved is not counted: the next one is still the original.
    let nowhere = e.dir.join("没有这个文件夹").join("r.pdf");
    let (code, v) = e.json(&["receipt", "pdf", "SF0000001", "--out", nowhere.to_str().unwrap()]);
    assert_eq!((code, v["code"].as_str()), (2, Some("file.cannot_write")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("文件夹不存在"), "{v}");
    let pdf = e.dir.join("r.pdf");
    let (code, v) = e.json(&["receipt", "pdf", "SF0000001", "--out", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    let text = pdftotext(&pdf);
    for want in ["1,400.00", "壹仟肆佰元整", "SF0000001", "3-2-1502", "张三", "微信", "4200001234", "前台小王", "预存款"] {
        assert!(text.contains(want), "{want} missing from the receipt:\n{text}");
    }
    assert!(!text.contains("补打"));
    e.json(&["receipt", "pdf", "SF0000001", "--out", pdf.to_str().unwrap()]);
    assert!(pdftotext(&pdf).contains("补打"), "a second print is a reprint");

    let (code, v) = e.json(&["receipt", "void", "SF0000001", "--reason", "收错户"]);
    assert_eq!((code, v["owed_after"].as_str()), (0, Some("1341.59")), "{v}");
    let (code, v) = e.json(&["receipt", "void", "SF0000001", "--reason", "收错户"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("receipt.already_void")), "{v}");
    e.json(&["receipt", "pdf", "SF0000001", "--out", pdf.to_str().unwrap()]);
    assert!(pdftotext(&pdf).contains("作废"), "a voided receipt says so");

    let (code, v) = e.json(&["pay", "3-2-1502", "--amount", "0.10", "--method", "cash"]);
    assert_eq!((code, v["receipt_no"].as_str()), (0, Some("SF0000002")), "numbers are contiguous and never reused");
}

#[test]
fn bad_input_gets_exit_2_and_a_chinese_message() {
    let e = Estate::new();
    let (code, v) = e.json(&["balance", "1-1-101"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("db.not_found")), "{v}");
    e.json(&["init", "--name", "测试"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    let cases: &[(&[&str], &str)] = &[
        (&["init", "--name", "又一个"], "db.exists"),
        (&["balance", "9-9-999"], "unit.not_found"),
        (&["balance", "张三家"], "register.bad_input"),
        (&["pay", "1-1-101", "--amount", "-1", "--method", "cash"], "amount.not_positive"),
        (&["pay", "1-1-101", "--amount", "abc", "--method", "cash"], "amount.invalid"),
        (&["pay", "1-1-101", "--amount", "1.005", "--method", "cash"], "amount.invalid"),
        (&["pay", "1-1-101", "--amount", "10", "--method", "bitcoin"], "payment.bad_method"),
        (&["fee", "add", "--name", "x", "--basis", "area", "--price", "-2"], "fee.bad_price"),
        (&["fee", "add", "--name", "x", "--basis", "weight", "--price", "2"], "fee.bad_basis"),
        (&["bill", "run", "--period", "2026-13"], "period.invalid"),
        (&["bill", "run", "--from", "2026-12", "--to", "2026-01"], "period.range"),
        (&["receipt", "void", "SF0000009", "--reason", "x"], "receipt.not_found"),
        (&["settings", "set", "paper_size", "B5"], "settings.invalid"),
        (&["import", "owners", "/nonexistent/名册.xlsx"], "import.unreadable"),
        (&["unit", "add", "1-1-102"], "unit.area_required"),
        (&["unit", "add", "1-1-101", "--area", "90"], "unit.exists"),
        (&["unit", "add", "1-1-103", "--area", "约90平"], "register.bad_input"),
        (&["unit", "add", "1-1-104", "--area", "-5"], "register.bad_input"),
        (&["arrears", "--building", "3-2"], "register.bad_input"),
        (&["arrears", "--as-of", "2026-02-30"], "register.bad_input"),
        (&["arrears", "--min-amount", "abc"], "amount.invalid"),
        (&["frobnicate"], "cli.usage"),
        (&["pay", "1-1-101", "--amount", "10"], "cli.usage"),
    ];
    for (args, want) in cases {
        let (code, v) = e.json(args);
        assert_eq!((code, v["code"].as_str()), (2, Some(*want)), "{args:?} → {v}");
        let message = v["message"].as_str().unwrap();
        assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{args:?}: message in Chinese: {message}");
        assert_eq!(v.as_object().unwrap().len(), 2, "only code and message: {v}");
    }
    let (code, _, err) = e.text(&["balance", "9-9-999"]);
    assert_eq!(code, 2);
    assert!(err.contains("找不到房号 9-9-999"), "{err}");
    let (code, _, err) = e.text(&["balance", "1-1-101", "--colour", "red"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("错误：有不认识的参数：--colour"), "usage mistakes are said in Chinese first: {err}");
}

#[test]
fn human_output_is_chinese_and_aligned() {
    let e = Estate::new();
    e.json(&["init", "--name", "测试"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["unit", "occupant", "1-1-101", "--name", "欧阳娜娜", "--phone", "13800001234"]);
    e.json(&["fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "2"]);
    e.json(&["bill", "run", "--from", "2026-10", "--to", "2026-11"]);
    let (code, out, _) = e.text(&["balance", "1-1-101"]);
    assert_eq!(code, 0);
    assert!(out.contains("欠费") && out.contains("400.00 元") && out.contains("欧阳娜娜"), "{out}");
    let (_, card, _) = e.text(&["unit", "show", "1-1-101"]);
    assert!(card.contains("138****1234") && !card.contains("13800001234"), "phones are masked: {card}");
    let (_, v) = e.json(&["unit", "show", "1-1-101"]);
    assert!(!v.to_string().contains("13800001234"), "masked in JSON too: {v}");
    // The amount column lines up: every bill row ends at the same display column.
    let rows: Vec<&str> = out.lines().filter(|l| l.contains("物业服务费")).collect();
    assert_eq!(rows.len(), 2);
    let width = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>();
    assert_eq!(width(rows[0]), width(rows[1]), "{out}");
}

/// Runs `estate --json ARGS` with extra environment and text on stdin.
#[test]
fn arrears_are_aged_and_bills_not_yet_due_left_out() {
    let e = Estate::new();
    e.json(&["init", "--name", "测试"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["unit", "add", "2-1-101", "--area", "50"]);
    e.json(&["fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "2.00"]);
    // Long past (over a year overdue whatever today is) and far ahead (not due).
    e.json(&["bill", "run", "--from", "2020-01", "--to", "2020-03"]);
    e.json(&["bill", "run", "--period", "2099-01"]);
    e.json(&["pay", "2-1-101", "--amount", "300", "--method", "cash"]);
    let (code, v) = e.json(&["arrears"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["total"]["total"], "600.00", "{v}");
    assert_eq!(v["total"]["brackets"], serde_json::json!(["0.00", "0.00", "0.00", "0.00", "600.00"]));
    assert_eq!(v["units"].as_array().unwrap().len(), 1, "2-1-101 paid its three months: {v}");
    assert_eq!(v["units"][0]["unit"], "1-1-101");
    assert_eq!(v["by_item"][0]["name"], "物业服务费");
    assert_eq!(v["brackets"][4], "365天以上");
    let (_, v) = e.json(&["arrears", "--building", "2栋"]);
    assert_eq!((v["units"].as_array().unwrap().len(), &v["total"]["total"]), (0, &serde_json::json!("0.00")));
    let (code, text, _) = e.text(&["arrears", "--min-amount", "100"]);
    assert_eq!(code, 0);
    assert!(text.contains("欠费 1 户，合计 600.00 元") && text.contains("1-1-101"), "{text}");
}

#[test]
fn billing_notices_a_page_per_unit_in_reading_order_and_a_messaging_sheet() {
    let e = Estate::new();
    e.json(&["init", "--name", "翠湖花园"]);
    for (unit, area) in [("10-1-101", "60"), ("2-1-101", "50"), ("1-1-101", "100")] {
        e.json(&["unit", "add", unit, "--area", area]);
    }
    e.json(&["unit", "add", "3-1-101", "--area", "70", "--handover", "2099-01-01"]);
    e.json(&["settings", "set", "office_phone", "0571-88886666"]);
    e.json(&["fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "2.00"]);
    e.json(&["bill", "run", "--from", "2026-01", "--to", "2026-02"]);
    // 2-1-101 pays January and February and 100.00 ahead.
    e.json(&["pay", "2-1-101", "--amount", "300", "--method", "cash"]);
    let (pdf, xlsx) = (e.dir.join("通知单.pdf"), e.dir.join("短信.xlsx"));
    let (code, v) = e.json(&["bill", "notices", "--period", "2026-02", "--out", pdf.to_str().unwrap(), "--messages", xlsx.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((v["notices"].as_u64(), v["pages"].as_u64(), v["skipped"].as_u64()), (Some(3), Some(3), Some(1)), "{v}");
    assert_eq!((v["total_due"].as_str(), v["due_date"].as_str(), v["period"].as_str()), (Some("640.00"), Some("2026-02-01"), Some("2026-02")), "{v}");
    assert_eq!(v["without_mobile"].as_u64(), Some(3));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"), "an xlsx is a zip");
    let text = pdftotext(&pdf);
    let pages: Vec<String> = text.split('\u{c}').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect();
    assert_eq!(pages.len(), 3);
    for (page, (unit, due)) in pages.iter().zip([("1-1-101", "¥400.00"), ("2-1-101", "¥0.00"), ("10-1-101", "¥240.00")]) {
        assert!(page.contains(&format!("房号：{unit}")) && page.contains(due), "{unit} {due}:\n{page}");
    }
    assert!(pages[0].contains("物业服务费 2026-02 2.00 100.00㎡ 200.00") && pages[0].contains("往期欠费小计 200.00"), "{}", pages[0]);
    assert!(pages[0].contains("服务中心电话：0571-88886666"));
    let (_, v) = e.json(&["bill", "notices", "--period", "2026-02", "--out", pdf.to_str().unwrap(), "--building", "2栋"]);
    assert_eq!((v["notices"].as_u64(), v["skipped"].as_u64(), v["total_due"].as_str()), (Some(1), Some(0), Some("0.00")), "{v}");
    // The bills were made today: on an earlier day there was nothing to notify.
    let (code, v) = e.json(&["bill", "notices", "--period", "2026-02", "--out", pdf.to_str().unwrap(), "--as-of", "2026-02-15"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("notices.none")), "{v}");

    let (code, text, _) = e.text(&["bill", "notices", "--period", "2026-Q1", "--out", pdf.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(text.contains("3 份，3 页") && text.contains("640.00 元") && text.contains("1 户"), "{text}");
    let (code, v) = e.json(&["bill", "notices", "--period", "2026-Q5", "--out", pdf.to_str().unwrap()]);
    assert_eq!((code, v["code"].as_str()), (2, Some("notices.bad_period")), "{v}");
    let (code, v) = e.json(&["bill", "notices", "--period", "2025-12", "--out", pdf.to_str().unwrap()]);
    assert_eq!((code, v["code"].as_str()), (2, Some("notices.none")), "{v}");
}

fn staff_cmd(e: &Estate, args: &[&str], env: &[(&str, &str)], stdin: &str) -> (i32, Value) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_estate"))
        .arg("--db")
        .arg(&e.db)
        .arg("--json")
        .args(args)
        .env_remove("ESTATE_PASSWORD")
        .env_remove("ESTATE_OPERATOR_PASSWORD")
        .env_remove("ESTATE_APPROVER")
        .env_remove("ESTATE_APPROVER_PASSWORD")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
}

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

/// Runs as `who` (`--operator`, password from ESTATE_PASSWORD) with any other environment given.
fn as_staff(e: &Estate, who: (&str, &str), args: &[&str], env: &[(&str, &str)]) -> (i32, Value) {
    let mut all = vec![("ESTATE_OPERATOR", who.0), ("ESTATE_PASSWORD", who.1)];
    all.extend_from_slice(env);
    staff_cmd(e, args, &all, "")
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
    // Restoring replaces everything: a supervisor's, refused to a clerk (as on the desk).
    let (code, v) = as_staff(&e, boss, &["backup"], &[]);
    assert_eq!(code, 0, "{v}");
    let copy = v["backup"]["file"].as_str().unwrap().to_string();
    let (code, v) = as_staff(&e, clerk, &["restore", &copy], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.forbidden")), "{v}");
    let (code, v) = as_staff(&e, boss, &["restore", &copy], &[]);
    assert_eq!(code, 0, "{v}");
    // Five wrong passwords lock the account, and the message says for how long.
    for _ in 0..5 {
        as_staff(&e, ("王前台", "wrong-pass"), &["pay", "1-1-101", "--amount", "1", "--method", "cash"], &[]);
    }
    let (code, v) = as_staff(&e, clerk, &["pay", "1-1-101", "--amount", "1", "--method", "cash"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.locked")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("15 分钟后再试"), "{v}");
    // Reads need no sign-in.
    let (code, v) = staff_cmd(&e, &["balance", "1-1-101"], &[], "");
    assert_eq!(code, 0, "{v}");
}

#[test]
fn deposits_are_taken_refunded_less_deductions_and_never_over_refunded() {
    let e = Estate::new();
    e.json(&["init", "--name", "测试"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    let (code, v) = e.json(&["deposit", "take", "1-1-101", "--kind", "装修", "--amount", "2000", "--method", "transfer", "--payer", "张三"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((&v["kind"], &v["amount"], &v["held"], &v["method"], &v["operator"]), (&"装修押金".into(), &"2000.00".into(), &"2000.00".into(), &"转账".into(), &"前台小王".into()));
    let id = v["id"].to_string();
    let (code, v) = e.json(&["deposit", "refund", &id, "--amount", "1800", "--deduct", "300", "--reason", "墙面"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("deposit.refund_too_large")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("现存的 2000.00 元"), "{v}");
    let (code, v) = e.json(&["deposit", "refund", &id, "--amount", "1500", "--deduct", "300"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("deposit.reason_required")));
    let (code, v) = e.json(&["deposit", "refund", &id, "--amount", "1500", "--deduct", "300", "--reason", "墙面损坏"]);
    assert_eq!((code, &v["held"], &v["refunds"][0]["deducted"]), (0, &"200.00".into(), &"300.00".into()), "{v}");
    let (_, v) = e.json(&["deposit", "list", "--held"]);
    assert_eq!((&v["count"], &v["held"]), (&1.into(), &"200.00".into()));
    let (code, v) = e.json(&["deposit", "take", "1-1-101", "--kind", "停车", "--amount", "1"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("deposit.bad_kind")));
    let (code, text, _) = e.text(&["deposit", "list", "1-1-101"]);
    assert!(code == 0 && text.contains("在押合计 200.00 元") && text.contains("装修押金"), "{text}");
}

#[test]
fn the_monthly_workbook_is_written_and_its_figures_printed() {
    use calamine::{Data, Reader, Xlsx};
    let e = Estate::new();
    let month = chrono::Local::now().format("%Y-%m").to_string();
    e.json(&["init", "--name", "测试"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "2.00"]);
    e.json(&["bill", "run", "--period", &month]);
    e.json(&["pay", "1-1-101", "--amount", "250", "--method", "wechat"]);
    e.json(&["deposit", "take", "1-1-101", "--kind", "钥匙", "--amount", "100"]);
    let out = e.dir.join("月度报表.xlsx");
    let (code, v) = e.json(&["export", "monthly", "--period", &month, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    let h = &v["headline"];
    assert_eq!((&h["billed"], &h["collected"], &h["collection_rate"], &h["prepaid"], &h["deposits_held"]), (&"200.00".into(), &"250.00".into(), &"100.00%".into(), &"50.00".into(), &"100.00".into()), "{v}");
    assert_eq!(v["sheets"][0], serde_json::json!({ "name": "收款明细", "rows": 1 }));
    assert_eq!(v["sheets"].as_array().unwrap().len(), 9);
    assert_eq!(v["sheets"][8], serde_json::json!({ "name": "日结汇总", "rows": 1 }), "the day that took money is listed unclosed");
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let receipts = book.worksheet_range("收款明细").unwrap();
    assert_eq!(receipts.get_value((2, 9)), Some(&Data::Float(250.0)), "the total carries its value");
    let (code, text, _) = e.text(&["export", "monthly", "--period", &month, "--out", out.to_str().unwrap()]);
    assert!(code == 0 && text.contains("收款明细") && text.contains("收费率      100.00%"), "{text}");
    let (code, v) = e.json(&["export", "monthly", "--period", "2026-13", "--out", out.to_str().unwrap()]);
    assert_eq!((code, v["code"].as_str()), (2, Some("period.invalid")));
    let nowhere = e.dir.join("no-such-folder").join("x.xlsx");
    let (code, v) = e.json(&["export", "monthly", "--period", &month, "--out", nowhere.to_str().unwrap()]);
    assert_eq!((code, v["code"].as_str()), (2, Some("file.cannot_write")));
}

#[test]
fn dunning_contacts_letters_deliveries_warnings_and_reminders() {
    let e = Estate::new();
    e.json(&["init", "--name", "翠湖花园"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "2.00"]);
    // Bills are made today, so the story is told as of today: two months billed
    // whose first fell due a little less than three years ago (due on the 1st).
    let today = chrono::Local::now().date_naive();
    let first = (today - chrono::Months::new(36) + chrono::Months::new(1)).with_day(1).unwrap();
    let period = |d: chrono::NaiveDate| d.format("%Y-%m").to_string();
    let as_of = today.to_string();
    e.json(&["bill", "run", "--from", &period(first), "--to", &period(first + chrono::Months::new(1))]);
    let ends = first + chrono::Months::new(36);
    let (code, v) = e.json(&["dunning", "warnings", "--as-of", &as_of]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((&v["units"][0]["unit"], &v["units"][0]["level"], &v["units"][0]["ends"]), (&json!("1-1-101"), &json!("approaching"), &json!(ends.to_string())), "{v}");
    assert_eq!(v["units"][0]["bills"][0]["days_left"], (ends - today).num_days());

    let (code, v) = e.json(&["dunning", "record", "1-1-101", "--stage", "提醒", "--channel", "电话", "--outcome", "答应月底交", "--promised", &as_of, "--date", &as_of]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((&v["stage"], &v["owed"], &v["operator"]), (&json!("reminder"), &json!("400.00"), &json!("前台小王")));
    let (code, v) = e.json(&["dunning", "record", "1-1-101", "--stage", "提醒", "--channel", "飞鸽"]);
    assert_eq!((code, &v["code"]), (2, &json!("dunning.bad_channel")));
    assert!(v["message"].as_str().unwrap().contains("电话、短信、微信"));

    let pdf = e.dir.join("letters.pdf");
    let (code, v) = e.json(&["dunning", "letters", "--as-of", &as_of, "--stage", "提醒", "--with-slip", "--out", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((&v["letters"], &v["first_no"], &v["total"], &v["deadline"]), (&json!(1), &json!("CJ0000001"), &json!("400.00"), &json!((today + chrono::Days::new(15)).to_string())));
    let text = pdftotext(&pdf).replace(' ', "");
    let months = format!("{}至{}", period(first), period(first + chrono::Months::new(1)));
    for expected in ["催缴函", "CJ0000001", &months, "肆佰元整", "送达回执"] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    let (code, v) = e.json(&["dunning", "letters", "--as-of", &as_of, "--stage", "上门", "--out", pdf.to_str().unwrap()]);
    assert_eq!((code, &v["code"]), (2, &json!("dunning.nothing_picked")));

    let (code, v) = e.json(&["dunning", "deliver", "CJ0000001", "--date", &as_of]);
    assert_eq!((code, &v["code"]), (2, &json!("dunning.proof_required")));
    let (code, v) = e.json(&["dunning", "deliver", "CJ0000001", "--date", &as_of, "--mail-no", "XA123456789CN"]);
    assert_eq!(code, 0, "{v}");
    let (_, v) = e.json(&["dunning", "warnings", "--as-of", &as_of]);
    assert_eq!(v["units"], json!([]), "the delivered letter restarted the period: {v}");

    let (_, v) = e.json(&["dunning", "list", "1-1-101"]);
    assert_eq!((v["contacts"].as_array().unwrap().len(), &v["letters"][0]["delivered_on"]), (1, &json!(as_of)));
    let (_, v) = e.json(&["dunning", "list", "--as-of", &as_of]);
    assert_eq!((&v["units"][0]["stage"], &v["units"][0]["stage_label"], &v["units"][0]["warning"]), (&json!("letter"), &json!("催缴函"), &json!(null)));
    let (code, text, _) = e.text(&["dunning", "list", "--as-of", &as_of]);
    assert!(code == 0 && text.contains("欠费 1 户，合计 400.00 元") && text.contains("催缴函 CJ0000001"), "{text}");

    let xlsx = e.dir.join("reminders.xlsx");
    let (code, v) = e.json(&["dunning", "reminders", "--as-of", &as_of, "--out", xlsx.to_str().unwrap()]);
    assert_eq!((code, &v["rows"], &v["without_phone"]), (0, &json!(0), &json!(["1-1-101"])), "no owner's mobile on file: {v}");
    assert!(xlsx.exists());
}

/// Bills from 2020 are years late whatever day the test runs, so with a cap of
/// 10% every late fee is exactly 10% of its bill: 20.00 on each 200.00.
#[test]
fn late_fees_are_set_shown_collected_first_and_waived() {
    let e = Estate::new();
    e.json(&["init", "--name", "测试"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["unit", "add", "2-1-101", "--area", "100"]);
    e.json(&["fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "2.00"]);
    e.json(&["bill", "run", "--from", "2020-01", "--to", "2020-02"]);

    let (code, v) = e.json(&["late-fee", "set", "物业服务费", "--rate", "万分之三", "--grace", "15", "--cap-percent", "10", "--from", "2020-01-01"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((v["item"].as_str(), v["daily_rate"].as_str(), v["grace_days"].as_u64(), v["cap_percent"].as_u64(), v["from"].as_str()), (Some("物业服务费"), Some("0.0003"), Some(15), Some(10), Some("2020-01-01")), "{v}");
    for (args, want) in [
        (&["late-fee", "set", "物业服务费", "--rate", "0.03", "--grace", "15"][..], "late_fee.rate_too_high"),
        (&["late-fee", "set", "物业服务费", "--rate", "0.0003", "--grace", "400"][..], "late_fee.bad_grace"),
        (&["late-fee", "set", "物业服务费", "--rate", "0.0003", "--grace", "15", "--cap-percent", "0"][..], "late_fee.bad_cap"),
        (&["late-fee", "set", "水费", "--rate", "0.0003", "--grace", "15"][..], "fee.not_found"),
        (&["late-fee", "clear", "水费"][..], "fee.not_found"),
        (&["late-fee", "show", "1-1-101", "--as-of", "2020-02-30"][..], "register.bad_input"),
    ] {
        let (code, v) = e.json(args);
        assert_eq!((code, v["code"].as_str()), (2, Some(want)), "{args:?} → {v}");
    }
    let (_, v) = e.json(&["late-fee", "list"]);
    assert_eq!(v["rules"].as_array().unwrap().len(), 1, "{v}");

    let (code, v) = e.json(&["late-fee", "show", "1-1-101"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["total"], "40.00", "{v}");
    let bills = v["bills"].as_array().unwrap();
    assert_eq!((bills[0]["period"].as_str(), bills[0]["due"].as_str(), bills[0]["outstanding"].as_str(), bills[0]["late_fee"].as_str(), bills[0]["capped"].as_bool()), (Some("2020-01"), Some("2020-01-01"), Some("200.00"), Some("20.00"), Some(true)), "{v}");
    let (_, text, _) = e.text(&["late-fee", "show", "1-1-101"]);
    assert!(text.contains("合计 40.00 元") && text.contains("20.00（已封顶）") && text.contains("计费天数"), "{text}");

    // The payment meets January first: its late fee, then 80.00 of the bill.
    let (code, v) = e.json(&["pay", "1-1-101", "--amount", "100", "--method", "cash"]);
    assert_eq!((code, v["late_fees"].as_str()), (0, Some("20.00")), "{v}");
    let lines: Vec<(&str, &str)> = v["allocated"].as_array().unwrap().iter().map(|a| (a["item"].as_str().unwrap(), a["amount"].as_str().unwrap())).collect();
    assert_eq!(lines, [("违约金（物业服务费 2020-01）", "20.00"), ("物业服务费", "80.00")]);
    let (_, v) = e.json(&["pay", "1-1-101", "--amount", "10", "--method", "cash"]);
    assert_eq!(v["late_fees"], "0.00", "January's late fee is capped and already collected: {v}");
    let pdf = e.dir.join("late.pdf");
    e.json(&["receipt", "pdf", "SF0000001", "--out", pdf.to_str().unwrap()]);
    let text = pdftotext(&pdf);
    assert!(text.contains("违约金（物业服务费 2020-01）") && text.contains("20.00") && text.contains("壹佰元整"), "{text}");

    let (code, v) = e.json(&["pay", "2-1-101", "--amount", "5", "--method", "cash"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("late_fee.not_covered")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("请至少收 20.00 元"), "{v}");
    let (code, v) = e.json(&["pay", "2-1-101", "--amount", "400", "--method", "cash", "--waive-late-fee", "困难户"]);
    assert_eq!((code, v["late_fees"].as_str(), v["owed_after"].as_str()), (0, Some("0.00"), Some("0.00")), "{v}");
    let waived: Vec<&str> = v["late_fees_waived"].as_array().unwrap().iter().map(|w| w["amount"].as_str().unwrap()).collect();
    assert_eq!(waived, ["20.00", "20.00"], "{v}");
    let (_, text, _) = e.text(&["late-fee", "show", "2-1-101"]);
    assert!(text.contains("合计 0.00 元"), "{text}");
    e.json(&["receipt", "pdf", "SF0000003", "--out", pdf.to_str().unwrap()]);
    assert!(pdftotext(&pdf).contains("已减免 20.00 元"), "the receipt says what was waived");

    let (code, v) = e.json(&["late-fee", "clear", "物业服务费"]);
    assert_eq!((code, v["cleared"].as_bool()), (0, Some(true)), "{v}");
    assert_eq!(e.json(&["late-fee", "show", "1-1-101"]).1["total"], "0.00");
}

#[test]
fn the_daily_close_locks_the_clerks_day_and_prints_its_handover_sheet() {
    let e = Estate::new();
    e.json(&["init", "--name", "翠湖花园"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "2.00"]);
    e.json(&["bill", "run", "--from", "2026-01", "--to", "2026-02"]);
    // 前台小王 (ESTATE_OPERATOR) takes 300.00 cash (200.00 January, 100.00 of February) and 150.00 by WeChat.
    e.json(&["pay", "1-1-101", "--amount", "300", "--method", "cash"]);
    e.json(&["pay", "1-1-101", "--amount", "150", "--method", "wechat"]);
    let (code, v) = e.json(&["close", "show"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((v["clerk"].as_str(), v["close"].is_null()), (Some("前台小王"), true), "{v}");
    assert_eq!((&v["by_method"][0]["method"], &v["by_method"][0]["amount"], &v["by_method"][2]["amount"]), (&"cash".into(), &"300.00".into(), &"150.00".into()), "{v}");
    assert_eq!((&v["total"]["amount"], &v["total"]["count"], &v["cash_expected"]), (&"450.00".into(), &2.into(), &"300.00".into()), "{v}");
    let items: Vec<(&str, &str)> = v["by_item"].as_array().unwrap().iter().map(|l| (l["name"].as_str().unwrap(), l["amount"].as_str().unwrap())).collect();
    assert_eq!(items, [("物业服务费", "400.00"), ("预存款", "50.00")]);

    let (code, v) = e.json(&["close", "day", "--cash-counted", "299.00"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("close.note_required")), "{v}");
    let (code, v) = e.json(&["close", "day", "--cash-counted", "299.00", "--note", "找零多找一元"]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((&v["close"]["difference"], &v["close"]["takings"], &v["close"]["closed_by"]), (&"-1.00".into(), &"450.00".into(), &"前台小王".into()), "{v}");
    let (code, v) = e.json(&["pay", "1-1-101", "--amount", "10", "--method", "cash"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("close.day_locked")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("已经日结锁定"), "{v}");
    let (code, v) = e.json(&["close", "day", "--cash-counted", "299.00", "--note", "再结一次"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("close.already_closed")), "{v}");

    let (code, v) = e.json(&["close", "list"]);
    assert_eq!((code, v["closes"].as_array().unwrap().len()), (0, 1), "{v}");
    assert_eq!(e.json(&["close", "list", "--month", "2020-01"]).1["closes"].as_array().unwrap().len(), 0);
    let (code, text, _) = e.text(&["--operator", "前台小王", "close", "show"]);
    assert_eq!(code, 0);
    assert!(text.contains("已日结") && text.contains("差额      -1.00 元（短款）") && text.contains("现金       1  300.00"), "{text}");

    let pdf = e.dir.join("交接单.pdf");
    let (code, v) = e.json(&["close", "sheet", "--out", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    let text: String = pdftotext(&pdf).split_whitespace().collect();
    for want in ["收款日结交接单", "收款人：前台小王", "现金1300.00", "300.00299.00-1.00短款", "备注：找零多找一元", "交款人（收款员签字）：", "接收人（财务签字）："] {
        assert!(text.contains(want), "{want} missing from the sheet:\n{text}");
    }
}

#[test]
fn the_daily_close_refuses_bad_input_with_exit_2() {
    let e = Estate::new();
    e.json(&["init", "--name", "测试"]);
    let cases: &[(&[&str], &str)] = &[
        (&["close", "day", "--cash-counted", "abc"], "amount.invalid"),
        (&["close", "day", "--cash-counted", "0", "--date", "2099-01-01"], "close.future_day"),
        (&["close", "day", "--cash-counted", "0", "--clerk", "没这个人"], "close.unknown_clerk"),
        (&["close", "show", "--date", "2026-02-30"], "register.bad_input"),
        (&["close", "list", "--month", "2026-13"], "period.invalid"),
        (&["close", "sheet", "--date", "2020-01-01", "--out", "x.pdf"], "close.not_closed"),
        (&["close", "day"], "cli.usage"),
    ];
    for (args, want) in cases {
        let (code, v) = e.json(args);
        assert_eq!((code, v["code"].as_str()), (2, Some(*want)), "{args:?} → {v}");
    }
    // --as-of is accepted for --date, as on every command that depends on the day.
    assert_eq!(e.json(&["close", "show", "--as-of", "2020-01-01"]).0, 0);
}

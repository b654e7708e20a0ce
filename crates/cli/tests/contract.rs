//! The `estate` command-line contract, end to end through the built binary, on
//! a messy register made here: JSON shapes, exit codes, Chinese messages, and
//! a receipt PDF read back with pdftotext; arrears and billing notices.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use support::*;

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

/// A workbook that sends calamine into an endless loop: the `estate` binary reads it in a child
/// of itself, kills that at the 5 s deadline and refuses the import (exit 2), nothing written.
#[test]
fn a_workbook_that_hangs_the_reader_is_refused_at_the_deadline() {
    let e = Estate::new();
    e.json(&["init", "--name", "测试"]);
    let hang = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/hang-calamine.xls");
    let started = std::time::Instant::now();
    let (code, v) = e.json(&["import", "owners", hang.to_str().unwrap()]);
    assert_eq!((code, v["code"].as_str()), (2, Some("import.too_slow")), "{v}");
    assert!(started.elapsed() < std::time::Duration::from_secs(9), "refused at the deadline, not hung: {:?}", started.elapsed());
    assert!(v["message"].as_str().unwrap().contains("另存为新的 .xlsx"), "{v}");
    let (_, v) = e.json(&["audit", "verify"]);
    assert_eq!(v["entries"].as_i64(), Some(1), "only the estate's creation: {v}");
}

/// An office script that reads only the first line (`estate … | head -1`) closes
/// the pipe before the reply is written: the command's work is done and kept,
/// so it ends quietly with its own exit code instead of a Rust panic (101).
#[test]
fn a_reader_that_stops_early_does_not_make_the_command_panic() {
    let e = Estate::new();
    assert_eq!(e.json(&["init", "--name", "翠湖花园"]).0, 0);
    for json in [false, true] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_estate"));
        cmd.arg("--db").arg(&e.db);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.args(["unit", "add", if json { "1-1-102" } else { "1-1-101" }, "--type", "住宅", "--area", "90"]).stdout(writer).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "json {json}: {stderr}");
        assert!(!stderr.contains("panicked"), "json {json}: {stderr}");
    }
    assert_eq!(e.json(&["unit", "show", "1-1-102"]).0, 0, "the work was kept");
}

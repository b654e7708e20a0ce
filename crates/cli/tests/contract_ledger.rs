//! The `estate` contract for the month's money: deposits, the monthly workbook,
//! dunning, late fees and the daily close, through the built binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use chrono::Datelike;
use serde_json::json;

mod support;
use support::*;

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
    assert_eq!(v["sheets"].as_array().unwrap().len(), 16, "…, 盘点, 抄表, 公摊分摊, 业户需求, 维修汇总, 满意度调查");
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

#[test]
fn audit_verify_names_a_ledger_row_edited_behind_the_programs_back() {
    let e = Estate::new();
    e.json(&["init", "--name", "测试"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "2"]);
    e.json(&["bill", "run", "--period", "2026-11"]);
    assert_eq!(e.json(&["pay", "1-1-101", "--amount", "200", "--method", "cash"]).0, 0);
    let (code, v) = e.json(&["audit", "verify"]);
    assert_eq!(code, 0, "{v}");
    assert!(v["entries"].as_i64().unwrap() > 0 && v["first_broken"].is_null(), "the existing fields stay: {v}");
    assert_eq!((&v["ledger"]["problem_count"], &v["ledger"]["rows"], &v["ledger"]["sealed"]), (&0.into(), &5.into(), &5.into()), "run, bill, payment, allocation, receipt: {v}");

    // sqlite3 on the file: the guard dropped, a payment's amount rewritten.
    let db = estate_core::Db::open(&e.db).unwrap();
    db.conn().execute_batch("DROP TRIGGER payments_write_once; UPDATE payments SET amount = 20 WHERE id = 1;").unwrap();
    drop(db);
    let (code, v) = e.json(&["audit", "verify"]);
    assert_eq!(code, 1, "{v}");
    assert!(v["first_broken"].is_null(), "the chain is whole; the seal catches the row: {v}");
    let problem = &v["ledger"]["problems"][0];
    assert_eq!((&problem["table"], &problem["row_id"], &problem["kind"], &v["ledger"]["problem_count"]), (&"payments".into(), &1.into(), &"edited".into(), &1.into()), "{v}");
    let (code, text, _) = e.text(&["audit", "verify"]);
    assert_eq!(code, 1);
    assert!(text.contains("收款（payments）第 1 条在程序之外被改动过") && text.contains("审计记录完整"), "{text}");
}

//! The `estate notice` contract: notices for the notice board from the office's
//! templates through the built binary — issued with every placeholder filled,
//! refusals with exit 2 and a Chinese message naming what is wrong, the PDF
//! read back, the text for messaging, a template edited after use, withdrawal,
//! and who may do what (a clerk issues, a supervisor edits templates).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use support::*;

fn estate() -> Estate {
    let e = Estate::new();
    e.json(&["init", "--name", "翠湖花园"]);
    e.json(&["settings", "set", "office_phone", "0571-88886666"]);
    e
}

const WATER: [&str; 12] = [
    "notice", "add", "--template", "停水通知", "--set", "原因=二次供水管道检修", "--set", "开始=11月25日8:00", "--set", "结束=11月25日18:00", "--set", "范围=3栋全体住户",
];

#[test]
fn a_water_cut_notice_is_issued_printed_and_copied_as_text() {
    let e = estate();
    let (code, v) = e.json(&["notice", "template", "list"]);
    assert_eq!((code, v["count"].as_i64()), (0, Some(4)), "{v}");
    assert_eq!(v["templates"][0]["to_type"], serde_json::json!(["原因", "开始", "结束", "范围"]), "{v}");

    let (code, v) = e.json(&WATER);
    assert_eq!(code, 0, "{v}");
    let no = v["bulletin_no"].as_str().unwrap().to_string();
    assert!(no.starts_with("GG") && no.ends_with("-01"), "{v}");
    assert_eq!((&v["title"], &v["issuer"], &v["operator"]), (&"停水通知".into(), &"翠湖花园物业服务中心".into(), &"前台小王".into()), "{v}");
    assert!(v["body"].as_str().unwrap().contains("因二次供水管道检修，翠湖花园物业服务中心定于11月25日8:00至11月25日18:00对3栋全体住户暂停供水"), "{v}");

    let pdf = e.dir.join("停水通知.pdf");
    let (code, v) = e.json(&["notice", "pdf", &no, "--out", pdf.to_str().unwrap(), "--seal"]);
    assert_eq!(code, 0, "{v}");
    let text: String = pdftotext(&pdf).chars().filter(|c| !c.is_whitespace()).collect();
    for part in ["停水通知", &format!("编号：{no}"), "尊敬的各位业主、住户：", "3栋全体住户暂停供水", "0571-88886666", "翠湖花园物业服务中心", "盖章处"] {
        assert!(text.contains(part), "{part}: {text}");
    }

    let (code, text, _) = e.text(&["notice", "text", &no]);
    assert!(code == 0 && text.starts_with("停水通知\n\n尊敬的各位业主、住户：\n因二次供水管道检修"), "{text}");
    assert!(text.trim_end().ends_with("翠湖花园物业服务中心\n") || text.contains("翠湖花园物业服务中心\n20"), "{text}");
    let txt = e.dir.join("停水通知.txt");
    let (code, v) = e.json(&["notice", "text", &no, "--out", txt.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(std::fs::read_to_string(&txt).unwrap(), v["text"].as_str().unwrap());

    let (code, v) = e.json(&["notice", "list"]);
    assert_eq!((code, v["count"].as_i64(), &v["notices"][0]["bulletin_no"]), (0, Some(1), &no.clone().into()), "{v}");
    let (code, text, _) = e.text(&["notice", "show", &no.to_lowercase()]);
    assert!(code == 0 && text.contains(&no) && text.contains("暂停供水"), "{text}");
}

#[test]
fn a_missing_or_unknown_value_is_refused_by_name_and_nothing_is_issued() {
    let e = estate();
    let (code, v) = e.json(&WATER[..10]);
    assert_eq!((code, v["code"].as_str()), (2, Some("notice.missing_value")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("{范围}"), "{v}");
    let (code, v) = e.json(&[&WATER[..], &["--set", "地点=广场"][..]].concat());
    assert_eq!((code, v["code"].as_str()), (2, Some("notice.unknown_placeholder")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("{地点}"), "{v}");
    let (code, v) = e.json(&[&WATER[..], &["--set", "开始"][..]].concat());
    assert_eq!((code, v["code"].as_str()), (2, Some("notice.bad_set")), "{v}");
    let (code, v) = e.json(&[&WATER[..], &["--date", "2026-02-30"][..]].concat());
    assert_eq!((code, v["code"].as_str()), (2, Some("notice.bad_date")), "{v}");
    let (code, v) = e.json(&["notice", "add", "--template", "停气通知"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("notice.template_not_found")), "{v}");
    assert_eq!(e.json(&["notice", "list"]).1["count"].as_i64(), Some(0));
    let (code, v) = e.json(&["notice", "show", "GG20990101-01"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("notice.not_found")), "{v}");
}

#[test]
fn a_template_edited_after_use_leaves_the_notice_as_issued_and_a_withdrawn_one_is_not_printed() {
    let e = estate();
    let (_, v) = e.json(&WATER);
    let (no, body) = (v["bulletin_no"].as_str().unwrap().to_string(), v["body"].clone());
    let (code, v) = e.json(&["notice", "template", "set", "停水通知", "--body", "各位住户：\n{开始}起停水，{结束}恢复。"]);
    assert_eq!((code, &v["to_type"], v["used"].as_i64()), (0, &serde_json::json!(["开始", "结束"]), Some(1)), "{v}");
    assert_eq!(e.json(&["notice", "show", &no]).1["body"], body);
    let (code, v) = e.json(&["notice", "template", "add", "停气通知", "--title", "停气通知", "--body", "定于{开始停气"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("notice.stray_brace")), "{v}");
    let (code, v) = e.json(&["notice", "template", "add", "停气通知", "--title", "停气通知", "--body", "各位住户：\n定于{开始}停气。"]);
    assert_eq!(code, 0, "{v}");
    let (code, v) = e.json(&["notice", "add", "--template", "停气通知", "--set", "开始=明天上午", "--date", &chrono::Local::now().date_naive().to_string()]);
    assert_eq!((code, v["body"].as_str()), (0, Some("各位住户：\n定于明天上午停气。")), "{v}");

    let (code, v) = e.json(&["notice", "withdraw", &no, "--reason", "停水改期"]);
    assert_eq!((code, &v["withdrawn"]["reason"]), (0, &"停水改期".into()), "{v}");
    let (code, v) = e.json(&["notice", "withdraw", &no, "--reason", "再撤一次"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("notice.withdrawn")), "{v}");
    let pdf = e.dir.join("x.pdf");
    let (code, v) = e.json(&["notice", "pdf", &no, "--out", pdf.to_str().unwrap()]);
    assert_eq!((code, v["code"].as_str()), (2, Some("notice.withdrawn")), "{v}");
    assert!(!pdf.exists());
    let (code, v) = e.json(&["notice", "text", &no]);
    assert_eq!((code, v["code"].as_str()), (2, Some("notice.withdrawn")), "{v}");
    let (_, text, _) = e.text(&["notice", "list"]);
    assert!(text.contains("已撤回：停水改期"), "{text}");
}

#[test]
fn a_clerk_issues_and_withdraws_notices_but_templates_are_a_supervisors() {
    let e = estate();
    staff_cmd(&e, &["staff", "add", "李主管", "--role", "主管"], &[], "boss-2026\n");
    staff_cmd(&e, &["--operator", "李主管", "staff", "add", "王前台", "--role", "前台"], &[], "desk-2026\nboss-2026\n");
    let (clerk, boss) = (("王前台", "desk-2026"), ("李主管", "boss-2026"));
    let (code, v) = as_staff(&e, clerk, &["notice", "template", "set", "停水通知", "--title", "紧急停水通知"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.forbidden")), "{v}");
    let (code, v) = as_staff(&e, boss, &["notice", "template", "set", "停水通知", "--title", "紧急停水通知"], &[]);
    assert_eq!((code, &v["title"], &v["updated_by"]), (0, &"紧急停水通知".into(), &"李主管".into()), "{v}");
    let (code, v) = as_staff(&e, clerk, &WATER, &[]);
    assert_eq!((code, &v["title"], &v["operator"]), (0, &"紧急停水通知".into(), &"王前台".into()), "{v}");
    let no = v["bulletin_no"].as_str().unwrap().to_string();
    let (code, v) = as_staff(&e, clerk, &["notice", "withdraw", &no, "--reason", "写错了"], &[]);
    assert_eq!((code, &v["withdrawn"]["operator"]), (0, &"王前台".into()), "{v}");
}

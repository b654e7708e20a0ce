//! The notice board on a real (in-memory) database with the clock fixed: the
//! seeded templates, issuing with every refusal, a template edited after use,
//! withdrawal, the text for messaging and the PDF read back.

use super::*;
use crate::db::Db;
use crate::testing::{on, pdf_text};

fn estate() -> Db {
    let mut db = Db::in_memory("翠湖花园").unwrap();
    on(&mut db, "2026-11-23");
    db.write("测试", |tx| settings::change(tx, settings::OFFICE_PHONE, "0571-88886666").map(|_| ())).unwrap();
    db
}

fn set(name: &str, value: &str) -> Filled {
    Filled { name: name.into(), value: value.into() }
}

fn water() -> NewBulletin {
    NewBulletin {
        template: "停水通知".into(),
        values: vec![set("原因", "二次供水管道检修"), set("开始", "11月25日8:00"), set("结束", "11月25日18:00"), set("范围", "3栋、5栋全体住户")],
        date: String::new(),
    }
}

fn code(e: crate::Error) -> &'static str {
    e.code()
}

#[test]
fn four_templates_come_with_every_estate_and_say_what_is_typed() {
    let db = estate();
    let all = templates(db.conn(), db.now().date_naive()).unwrap();
    assert_eq!(all.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["停水通知", "停电通知", "收费期通知", "消防演练通知"]);
    let w = &all[0];
    assert_eq!(w.to_type, ["原因", "开始", "结束", "范围"]);
    assert_eq!(w.automatic, [set("小区", "翠湖花园"), set("电话", "0571-88886666")]);
    assert_eq!(all[2].to_type, ["费用", "开始", "结束", "地点"], "the fee period's title has a placeholder too");
    assert_eq!(all[3].to_type, ["开始", "地点"]);
    assert_eq!(find_template(db.conn(), " 消防演练通知 ").unwrap(), all[3].id);
    assert_eq!(find_template(db.conn(), "2").unwrap(), all[1].id);
    let err = find_template(db.conn(), "停气通知").unwrap_err();
    assert_eq!(err.code(), "notice.template_not_found");
    assert!(err.to_string().contains("停水通知、停电通知"), "{err}");
}

#[test]
fn a_notice_is_issued_with_every_placeholder_filled_numbered_dated_and_signed() {
    let mut db = estate();
    let b = db.write("王前台", |tx| issue(tx, &water())).unwrap();
    assert_eq!((b.bulletin_no.as_str(), b.title.as_str(), b.dated.as_str(), b.date_text.as_str()), ("GG20261123-01", "停水通知", "2026-11-23", "2026年11月23日"));
    assert_eq!((b.issuer.as_str(), b.operator.as_str(), b.template_name.as_str()), ("翠湖花园物业服务中心", "王前台", "停水通知"));
    assert!(b.body.starts_with("尊敬的各位业主、住户：\n因二次供水管道检修，翠湖花园物业服务中心定于11月25日8:00至11月25日18:00对3栋、5栋全体住户暂停供水。"), "{}", b.body);
    assert!(b.body.contains("请致电物业服务中心：0571-88886666。") && !b.body.contains('{'), "{}", b.body);
    assert!(b.filled.contains(&set("电话", "0571-88886666")));
    let second = db.write("王前台", |tx| issue(tx, &NewBulletin { date: "2026-11-24".into(), ..water() })).unwrap();
    assert_eq!((second.bulletin_no.as_str(), second.dated.as_str()), ("GG20261123-02", "2026-11-24"), "numbered by the day it was issued");
    assert_eq!(list(db.conn()).unwrap().iter().map(|b| b.bulletin_no.as_str()).collect::<Vec<_>>(), ["GG20261123-02", "GG20261123-01"]);
    assert_eq!(find(db.conn(), "gg20261123-01").unwrap(), b.id);
    // Each write is audited.
    let audited: i64 = db.conn().query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'bulletin.issue'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 2);
}

#[test]
fn a_notice_with_a_value_missing_or_unknown_is_refused_and_nothing_is_written() {
    let mut db = estate();
    let mut n = water();
    n.values.retain(|f| f.name != "结束" && f.name != "范围");
    let err = db.write("王前台", |tx| issue(tx, &n)).unwrap_err();
    assert_eq!(err.code(), "notice.missing_value");
    assert!(err.to_string().contains("{结束}、{范围}"), "{err}");
    let mut n = water();
    n.values.push(set("地点", "小区广场"));
    let err = db.write("王前台", |tx| issue(tx, &n)).unwrap_err();
    assert_eq!(err.code(), "notice.unknown_placeholder");
    assert!(err.to_string().contains("{地点}") && err.to_string().contains("{原因}、{开始}、{结束}、{范围}"), "{err}");
    assert_eq!(code(db.write("王前台", |tx| issue(tx, &NewBulletin { date: "2026-13-01".into(), ..water() })).unwrap_err()), "notice.bad_date");
    assert_eq!(code(db.write("王前台", |tx| issue(tx, &NewBulletin { template: "停气通知".into(), ..water() })).unwrap_err()), "notice.template_not_found");
    // No office phone set: {电话} must be typed, and the message says where it comes from.
    db.write("测试", |tx| settings::change(tx, settings::OFFICE_PHONE, "").map(|_| ())).unwrap();
    let err = db.write("王前台", |tx| issue(tx, &water())).unwrap_err();
    assert!(err.to_string().contains("{电话}") && err.to_string().contains("office_phone"), "{err}");
    assert!(list(db.conn()).unwrap().is_empty());
    let mut n = water();
    n.values.push(set("电话", "0571-12345678"));
    assert!(db.write("王前台", |tx| issue(tx, &n)).unwrap().body.contains("0571-12345678"));
}

#[test]
fn templates_are_added_and_edited_and_an_edit_changes_no_notice_issued() {
    let mut db = estate();
    let issued = db.write("王前台", |tx| issue(tx, &water())).unwrap();
    let id = find_template(db.conn(), "停水通知").unwrap();
    let edit = TemplateText { body: "各位住户：\n{开始}起停水，{结束}恢复。".into(), ..TemplateText::default() };
    let t = db.write("李主管", |tx| edit_template(tx, id, &edit)).unwrap();
    assert_eq!((t.name.as_str(), t.title.as_str(), t.to_type.clone(), t.updated_by.as_str(), t.used), ("停水通知", "停水通知", vec!["开始".to_string(), "结束".to_string()], "李主管", 1));
    assert_eq!(get(db.conn(), issued.id).unwrap(), issued, "the notice keeps the text it was issued with");
    let later = db.write("王前台", |tx| issue(tx, &NewBulletin { values: vec![set("开始", "明天8:00"), set("结束", "18:00")], ..water() })).unwrap();
    assert_eq!(later.body, "各位住户：\n明天8:00起停水，18:00恢复。");
    assert_eq!(code(db.write("李主管", |tx| edit_template(tx, id, &edit)).unwrap_err()), "notice.nothing_to_change");
    assert_eq!(code(db.write("李主管", |tx| edit_template(tx, id, &TemplateText { name: "停电通知".into(), ..TemplateText::default() })).unwrap_err()), "notice.template_exists");
    assert_eq!(code(db.write("李主管", |tx| edit_template(tx, id, &TemplateText { body: "定于{开始停水".into(), ..TemplateText::default() })).unwrap_err()), "notice.stray_brace");

    let gas = TemplateText { name: "停气通知".into(), title: "停气通知".into(), body: "尊敬的业主：\n{开始}停气，{落款}敬告。".into() };
    let t = db.write("李主管", |tx| add_template(tx, &gas)).unwrap();
    assert_eq!((t.to_type.clone(), t.automatic.clone()), (vec!["开始".to_string()], vec![set("落款", "翠湖花园物业服务中心")]));
    assert_eq!(code(db.write("李主管", |tx| add_template(tx, &gas)).unwrap_err()), "notice.template_exists");
    assert_eq!(code(db.write("李主管", |tx| add_template(tx, &TemplateText { name: "空".into(), title: "空".into(), body: " ".into() })).unwrap_err()), "notice.empty_body");
    let actions: Vec<String> = db.conn().prepare("SELECT action FROM audit_log WHERE action LIKE 'bulletin.template%' ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(actions, ["bulletin.template_edit", "bulletin.template_add"]);
}

#[test]
fn the_preview_fills_what_is_typed_and_lists_what_is_missing() {
    let db = estate();
    let id = find_template(db.conn(), "停水通知").unwrap();
    let p = preview(db.conn(), id, &[set("原因", "管道检修"), set("开始", "")], "", db.now().date_naive()).unwrap();
    assert_eq!(p.missing, ["开始", "结束", "范围"]);
    assert!(p.body.contains("因管道检修，翠湖花园物业服务中心定于{开始}至{结束}对{范围}暂停供水"), "{}", p.body);
    assert_eq!((p.issuer.as_str(), p.date_text.as_str()), ("翠湖花园物业服务中心", "2026年11月23日"));
}

#[test]
fn a_withdrawn_notice_keeps_its_reason_and_is_no_longer_printed_or_copied() {
    let mut db = estate();
    let b = db.write("王前台", |tx| issue(tx, &water())).unwrap();
    assert!(text(db.conn(), b.id).unwrap().starts_with("停水通知\n\n尊敬的各位业主、住户：\n因二次供水管道检修"));
    assert_eq!(code(db.write("王前台", |tx| withdraw(tx, b.id, " ")).unwrap_err()), "notice.required");
    let w = db.write("李主管", |tx| withdraw(tx, b.id, "停水时间改期")).unwrap();
    let gone = w.withdrawn.clone().unwrap();
    assert_eq!((gone.reason.as_str(), gone.operator.as_str()), ("停水时间改期", "李主管"));
    assert_eq!((w.body.as_str(), w.title.as_str()), (b.body.as_str(), b.title.as_str()));
    for err in [db.write("李主管", |tx| withdraw(tx, b.id, "再撤")).unwrap_err(), text(db.conn(), b.id).unwrap_err(), pdf(db.conn(), b.id, false).unwrap_err()] {
        assert_eq!(err.code(), "notice.withdrawn");
        assert!(err.to_string().contains("停水时间改期"), "{err}");
    }
    // The database itself refuses to change or delete a notice.
    assert!(db.conn().execute("UPDATE bulletins SET body = 'x'", []).is_err());
    assert!(db.conn().execute("DELETE FROM bulletin_withdrawals", []).is_err());
    assert!(db.conn().execute("DELETE FROM bulletin_templates", []).is_err());
}

#[test]
fn the_pdf_reads_back_with_its_title_body_and_signature() {
    let mut db = estate();
    let b = db.write("王前台", |tx| issue(tx, &water())).unwrap();
    let bytes = pdf(db.conn(), b.id, true).unwrap();
    assert_eq!(crate::testing::pdf_page_mm(&bytes).0.round(), 210.0);
    let text: String = pdf_text(&bytes).chars().filter(|c| !c.is_whitespace()).collect();
    for part in ["停水通知", "编号：GG20261123-01", "尊敬的各位业主、住户：", "因二次供水管道检修", "暂停供水", "0571-88886666", "翠湖花园物业服务中心", "2026年11月23日", "盖章处"] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert!(!pdf_text(&pdf(db.conn(), b.id, false).unwrap()).contains("盖章处"));
}

#[test]
fn a_long_notice_runs_onto_more_pages_with_nothing_lost() {
    let mut db = estate();
    let body = (1..=40).map(|i| format!("第{i}条：小区公共区域内请勿堆放杂物，保持消防通道畅通，违者由物业服务中心清理，所需费用由责任人承担。")).collect::<Vec<_>>().join("\n");
    let t = TemplateText { name: "管理规定".into(), title: "关于加强小区公共区域管理的通知".into(), body: format!("各位业主：\n{body}") };
    db.write("李主管", |tx| add_template(tx, &t)).unwrap();
    let b = db.write("王前台", |tx| issue(tx, &NewBulletin { template: "管理规定".into(), ..NewBulletin::default() })).unwrap();
    let bytes = pdf(db.conn(), b.id, false).unwrap();
    let text = pdf_text(&bytes);
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let pages = crate::testing::pdf_pages(&bytes);
    assert!(pages >= 3, "{pages} pages");
    assert!(flat.contains(&format!("第1页/共{pages}页")) && flat.contains(&format!("第{pages}页/共{pages}页")), "{text}");
    for i in 1..=40 {
        assert!(flat.contains(&format!("第{i}条：小区公共区域内请勿堆放杂物")), "paragraph {i} is printed whole");
    }
    assert!(flat.ends_with("翠湖花园物业服务中心2026年11月23日") || flat.contains("费用由责任人承担。翠湖花园物业服务中心2026年11月23日"), "the 落款 follows the last line");
}

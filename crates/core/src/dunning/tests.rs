//! Dunning on a small estate with known figures: contacts, stages, letters,
//! deliveries, limitation warnings and the reminder sheet, all read back.

use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::db::Db;
use crate::testing::{day, on, yuan};
use crate::fees::{self, Basis, Method, NewFee, NewPayment};
use crate::register::{NewPerson, NewUnit, Role, UnitType, rules as reg_rules};

fn unit(db: &mut Db, code: &str, area: &str, owner: &str, phones: &[&str]) -> Unit {
    let new = NewUnit { code: reg_rules::parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area(area).unwrap()), handover: None };
    let u = db.write("测试", |tx| register::add_unit(tx, &new)).unwrap();
    let person = NewPerson { name: owner.into(), phones: phones.iter().map(|p| p.to_string()).collect(), id_number: None };
    db.write("测试", |tx| register::add_occupant(tx, &u, &person, Role::Owner, day("2022-12-01"))).unwrap();
    u
}

/// 1-1-101 (张三, 100 ㎡, mobile 13800001234) and 2-1-201 (李四, 50 ㎡, no
/// mobile), 物业服务费 2.00/㎡ a month billed January to June 2023 on 1 January
/// 2023 (200.00 and 100.00 a month, due on the 1st); 李四 pays 300.00 on
/// 1 March 2023, which settles January to March.
fn estate() -> Db {
    let mut db = Db::in_memory("翠湖花园").unwrap();
    on(&mut db, "2023-01-01");
    unit(&mut db, "1-1-101", "100", "张三", &["13800001234"]);
    let b = unit(&mut db, "2-1-201", "50", "李四", &[]);
    let f = NewFee { name: "物业服务费".into(), basis: Basis::Area, price: "2.00".parse::<Decimal>().unwrap(), unit_type: None, cycle_months: 1 };
    db.write("测试", |tx| fees::add_fee(tx, &f)).unwrap();
    let (from, to) = (fees::Period::parse("2023-01").unwrap(), fees::Period::parse("2023-06").unwrap());
    db.write("测试", |tx| fees::run_billing(tx, from, to, &mut |_, _| ())).unwrap();
    on(&mut db, "2023-03-01");
    let p = NewPayment { amount: yuan("300.00"), method: Method::Cash, payer: String::new(), reference: String::new(), bills: vec![] };
    db.write("前台", |tx| fees::pay(tx, &b, &p)).unwrap();
    on(&mut db, "2026-01-15");
    db
}

fn contact(unit: &str, stage: &str, channel: &str, date: &str) -> ContactForm {
    ContactForm { unit: unit.into(), stage: stage.into(), channel: channel.into(), date: date.into(), ..ContactForm::default() }
}

fn count(db: &Db, table: &str) -> i64 {
    db.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn all(db: &Db, as_of: &str) -> DunningList {
    units(db.conn(), day(as_of), &Pick::default()).unwrap()
}

fn letters_pick() -> Pick {
    Pick::read("", 0, "", "").unwrap()
}

fn options(as_of: &str, with_slip: bool) -> LetterOptions {
    LetterOptions { as_of: day(as_of), deadline_days: rules::DEADLINE_DAYS_DEFAULT, with_slip }
}

#[test]
fn a_contact_is_recorded_with_who_made_it_and_what_was_owed_that_day() {
    let mut db = estate();
    let form = ContactForm { outcome: "答应月底交".into(), promised: "2026-01-31".into(), ..contact("1-1-101", "提醒", "电话", "2026-01-10") };
    let c = db.write("王前台", |tx| record_contact(tx, &form)).unwrap();
    assert_eq!((c.stage, c.channel.as_str(), c.operator.as_str()), (Stage::Reminder, "电话", "王前台"));
    assert_eq!(c.owed, yuan("1200.00"), "six months of 200.00, all past due");
    assert_eq!(c.promised, Some(day("2026-01-31")));
    let early = db.write("王前台", |tx| record_contact(tx, &contact("2-1-201", "提醒", "短信", "2023-04-15"))).unwrap();
    assert_eq!(early.owed, yuan("100.00"), "on 15 April 2023 only April was due and unpaid");
    let h = history(db.conn(), None).unwrap();
    assert_eq!(h.contacts.iter().map(|c| c.unit.as_str()).collect::<Vec<_>>(), ["1-1-101", "2-1-201"], "newest first");
}

#[test]
fn a_bad_contact_writes_nothing_and_says_what_to_fix() {
    let mut db = estate();
    let long = "很".repeat(201);
    let cases = [
        (contact("1-1-101", "罚款", "电话", ""), "dunning.bad_stage"),
        (contact("1-1-101", "提醒", "飞鸽", ""), "dunning.bad_channel"),
        (contact("1-1-101", "提醒", "电话", "2026-01-16"), "dunning.future_date"),
        (ContactForm { promised: "2026-01-01".into(), ..contact("1-1-101", "提醒", "电话", "2026-01-10") }, "dunning.promise_before_contact"),
        (ContactForm { dispute: long, ..contact("1-1-101", "上门", "上门", "") }, "dunning.too_long"),
        (contact("9-9-909", "提醒", "电话", ""), "unit.not_found"),
    ];
    for (form, code) in cases {
        let e = db.write("前台", |tx| record_contact(tx, &form)).unwrap_err();
        assert_eq!(e.code(), code, "{e}");
    }
    assert_eq!(count(&db, "dunning_contacts"), 0);
}

#[test]
fn the_stage_is_the_highest_since_the_arrears_began_and_starts_over_on_a_new_debt() {
    let mut db = estate();
    assert_eq!(all(&db, "2026-01-15").units.iter().map(|u| u.stage_label).collect::<Vec<_>>(), ["未催缴", "未催缴"]);
    db.write("前台", |tx| record_contact(tx, &contact("2-1-201", "上门", "上门", "2025-06-01"))).unwrap();
    db.write("前台", |tx| record_contact(tx, &contact("2-1-201", "提醒", "微信", "2025-12-20"))).unwrap();
    let b = all(&db, "2026-01-15").units.into_iter().find(|u| u.unit == "2-1-201").unwrap();
    assert_eq!((b.stage, b.arrears_began), (Some(Stage::Visit), day("2023-04-01")));
    assert_eq!((b.last_contact, b.last_note.as_str()), (Some(day("2025-12-20")), "微信：提醒"));
    // 李四 pays everything; the new bill for 2026-01 is a new debt, not yet chased.
    let unit_b = register::find_unit(db.conn(), "2-1-201").unwrap();
    let p = NewPayment { amount: yuan("300.00"), method: Method::Cash, payer: String::new(), reference: String::new(), bills: vec![] };
    db.write("前台", |tx| fees::pay(tx, &unit_b, &p)).unwrap();
    db.write("测试", |tx| fees::run_billing(tx, fees::Period::parse("2026-01").unwrap(), fees::Period::parse("2026-01").unwrap(), &mut |_, _| ())).unwrap();
    let b = all(&db, "2026-01-15").units.into_iter().find(|u| u.unit == "2-1-201").unwrap();
    assert_eq!((b.stage, b.owed, b.arrears_began), (None, yuan("100.00"), day("2026-01-01")));
}

#[test]
fn picks_filter_by_stage_amount_days_and_building() {
    let mut db = estate();
    db.write("前台", |tx| record_contact(tx, &contact("1-1-101", "律师函", "律师", "2026-01-02"))).unwrap();
    let at = |pick: Pick| units(db.conn(), day("2026-01-15"), &pick).unwrap().units.into_iter().map(|u| u.unit).collect::<Vec<_>>();
    assert_eq!(at(Pick::read("", 0, "", "律师函·诉讼").unwrap()), ["1-1-101"]);
    assert_eq!(at(Pick::read("", 0, "", "未催缴").unwrap()), ["2-1-201"]);
    assert_eq!(at(Pick::read("", 0, "", "上门").unwrap()), Vec::<String>::new());
    assert_eq!(at(Pick::read("", 0, "500", "").unwrap()), ["1-1-101"]);
    assert_eq!(at(Pick::read("2栋", 0, "", "").unwrap()), ["2-1-201"]);
    assert_eq!(at(Pick::read("", 1100, "", "").unwrap()), ["1-1-101"], "1-1-101 is 1,110 days overdue, 2-1-201 1,020");
    assert_eq!(Pick::read("", 0, "", "催款").unwrap_err().code(), "dunning.bad_stage");
}

#[test]
fn warnings_list_debts_near_or_past_three_years_and_a_delivered_demand_clears_those_still_in_time() {
    let mut db = estate();
    let w = warnings(db.conn(), day("2026-01-15")).unwrap();
    let summary: Vec<(&str, Level, NaiveDate, Money)> = w.units.iter().map(|u| (u.unit.as_str(), u.level, u.ends, u.owing)).collect();
    assert_eq!(
        summary,
        [("1-1-101", Level::Past, day("2026-01-01"), yuan("800.00")), ("2-1-201", Level::Approaching, day("2026-04-01"), yuan("100.00"))],
        "January 2023 ran out on 1 Jan 2026; February to April end within 90 days; May (106 days) is not yet a worry"
    );
    let bills: Vec<(&str, i64, Level)> = w.units[0].bills.iter().map(|b| (b.period.as_str(), b.days_left, b.level)).collect();
    assert_eq!(bills, [("2023-01", -14, Level::Past), ("2023-02", 17, Level::Approaching), ("2023-03", 45, Level::Approaching), ("2023-04", 76, Level::Approaching)]);
    assert_eq!(all(&db, "2026-01-15").units.iter().map(|u| u.warning).collect::<Vec<_>>(), [Some(Level::Past), Some(Level::Approaching)]);

    // A letter to each, then proof of delivery: 2-1-201's debt is safe until 2029;
    // 1-1-101's January 2023 had already run out, and a late demand does not revive it.
    db.write("前台", |tx| print_letters(tx, &letters_pick(), options("2026-01-15", true), &mut |_, _| ())).unwrap();
    let deliver = |no: &str| DeliveryForm { letter_no: no.into(), date: "2026-01-15".into(), signed_by: "本人".into(), ..DeliveryForm::default() };
    db.write("前台", |tx| record_delivery(tx, &deliver("CJ0000001"))).unwrap();
    db.write("前台", |tx| record_delivery(tx, &deliver("cj0000002"))).unwrap();
    let w = warnings(db.conn(), day("2026-01-15")).unwrap();
    assert_eq!(w.units.len(), 1);
    assert_eq!(w.units[0].bills.iter().map(|b| b.period.as_str()).collect::<Vec<_>>(), ["2023-01"]);
    assert_eq!(w.units[0].last_delivery, Some(day("2026-01-15")));
    assert!(warnings(db.conn(), day("2026-01-14")).unwrap().units.len() == 2, "as of the day before, the delivery had not happened");
}

#[test]
fn a_delivery_needs_a_letter_or_contact_a_proof_and_a_sensible_day() {
    let mut db = estate();
    db.write("前台", |tx| print_letters(tx, &letters_pick(), options("2026-01-10", false), &mut |_, _| ())).unwrap();
    let c = db.write("前台", |tx| record_contact(tx, &contact("2-1-201", "上门", "上门", "2026-01-12"))).unwrap();
    let form = |no: &str, date: &str, signed: &str| DeliveryForm { letter_no: no.into(), date: date.into(), signed_by: signed.into(), ..DeliveryForm::default() };
    let cases = [
        (form("CJ0000001", "2026-01-12", ""), "dunning.proof_required"),
        (form("CJ0000009", "2026-01-12", "张三"), "dunning.letter_not_found"),
        (form("CJ0000001", "2026-01-09", "张三"), "dunning.delivered_before_sent"),
        (form("CJ0000001", "2026-01-16", "张三"), "dunning.future_date"),
        (form("", "2026-01-12", "张三"), "dunning.delivery_target_required"),
        (DeliveryForm { contact_id: Some(99), ..form("", "2026-01-12", "张三") }, "dunning.contact_not_found"),
    ];
    for (f, code) in cases {
        assert_eq!(db.write("前台", |tx| record_delivery(tx, &f)).unwrap_err().code(), code);
    }
    assert_eq!(count(&db, "dunning_deliveries"), 0);
    let d = db.write("前台", |tx| record_delivery(tx, &DeliveryForm { mail_no: "XA123456789CN".into(), ..form("CJ0000001", "2026-01-13", "") })).unwrap();
    assert_eq!((d.what.as_str(), d.unit.as_str(), d.mail_no.as_str()), ("CJ0000001", "1-1-101", "XA123456789CN"));
    let again = db.write("前台", |tx| record_delivery(tx, &form("CJ0000001", "2026-01-14", "张三"))).unwrap_err();
    assert_eq!(again.code(), "dunning.already_delivered");
    let by_contact = DeliveryForm { contact_id: Some(c.id), note: "业主本人当面签收".into(), ..form("", "2026-01-12", "") };
    assert_eq!(db.write("前台", |tx| record_delivery(tx, &by_contact)).unwrap().what, format!("联系记录 #{}", c.id));
    let h = history(db.conn(), None).unwrap();
    assert_eq!(h.letters.iter().map(|l| (l.letter_no.as_str(), l.delivered_on)).collect::<Vec<_>>(), [("CJ0000002", None), ("CJ0000001", Some(day("2026-01-13")))]);
    assert_eq!(h.contacts[0].delivered_on, Some(day("2026-01-12")));
    assert_eq!(deliveries(db.conn(), None).unwrap().len(), 2);
}

/// The PDF's text, as pdftotext reads it (layout kept).
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letters.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn printing_letters_numbers_records_and_prints_one_letter_per_unit_in_unit_order() {
    let mut db = estate();
    db.write("主管", |tx| settings::change(tx, settings::OFFICE_PHONE, "0571-88886666")).unwrap();
    db.write("主管", |tx| settings::change(tx, settings::PAYMENT_INSTRUCTIONS, "服务中心前台现金、微信、支付宝；工作日 8:30–17:30")).unwrap();
    let mut seen = Vec::new();
    let (batch, pdf) = db.write("王前台", |tx| print_letters(tx, &letters_pick(), options("2026-01-15", true), &mut |d, t| seen.push((d, t)))).unwrap();
    assert_eq!((batch.letters, batch.first_no.as_str(), batch.last_no.as_str()), (2, "CJ0000001", "CJ0000002"));
    assert_eq!((batch.total, batch.deadline), (yuan("1500.00"), day("2026-01-30")));
    assert_eq!(seen, [(1, 2), (2, 2)]);
    std::fs::write(std::env::temp_dir().join("dunning-letters-test.pdf"), &pdf).unwrap();
    let text = pdf_text(&pdf);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(pages.len(), 2, "one page per letter, the slip at its foot");
    // pdftotext sets the spaced titles (催 缴 函) without their spaces: compare without any.
    let first = pages[0].replace(' ', "");
    for expected in [
        "翠湖花园物业服务中心",
        "催缴函",
        "编号：CJ0000001",
        "尊敬的1-1-101房屋业主张三：",
        "截至2026年1月15日尚欠物业服务费等费用共计人民币",
        "2023-01至2023-06",
        "1,200.00",
        "壹仟贰佰元整",
        "¥1,200.00",
        "请于2026年1月30日前缴清",
        "0571-88886666",
        "工作日8:30–17:30",
        "送达回执",
        "签收人（签字）",
    ] {
        assert!(first.contains(expected), "letter 1 lacks {expected:?}:\n{first}");
    }
    assert!(pages[1].contains("CJ0000002") && pages[1].contains("2-1-201") && pages[1].contains("2023-04至2023-06") && pages[1].contains("叁佰元整"));
    let recorded: Vec<(String, String, i64)> = db
        .conn()
        .prepare("SELECT l.letter_no, u.code, l.owed FROM dunning_letters l JOIN units u ON u.id = l.unit_id ORDER BY l.number")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(recorded, [("CJ0000001".into(), "1-1-101".into(), 120000), ("CJ0000002".into(), "2-1-201".into(), 30000)]);
    // The letters count as the 催缴函 stage; the next batch carries on the numbers.
    assert_eq!(all(&db, "2026-01-15").units.iter().map(|u| u.stage).collect::<Vec<_>>(), [Some(Stage::Letter), Some(Stage::Letter)]);
    let (next, _) = db.write("王前台", |tx| print_letters(tx, &Pick::read("1", 0, "", "").unwrap(), options("2026-01-15", false), &mut |_, _| ())).unwrap();
    assert_eq!(next.first_no, "CJ0000003");
}

/// With 物业服务费 at 万分之三 a day capped at 10%, every 2023 bill is long past its
/// cap by 2026: 1-1-101's six 200.00 bills owe 20.00 each, 2-1-201's three 100.00 bills 10.00.
#[test]
fn letters_carry_the_late_fee_to_date_and_add_it_to_the_total() {
    let mut db = estate();
    let rule = crate::latefee::read_rule("万分之三", 15, Some(10), "2023-01-01", day("2026-01-15")).unwrap();
    db.write("主管", |tx| crate::latefee::set_rule(tx, "物业服务费", &rule)).unwrap();
    let (batch, pdf) = db.write("王前台", |tx| print_letters(tx, &letters_pick(), options("2026-01-15", false), &mut |_, _| ())).unwrap();
    assert_eq!(batch.total, yuan("1650.00"), "1,500.00 owed and 150.00 late fees");
    let text = pdf_text(&pdf);
    let first = text.split('\u{c}').next().unwrap().replace(' ', "");
    for expected in ["违约金", "计至2026年1月15日", "120.00", "¥1,320.00", "壹仟叁佰贰拾元整", "1,200.00元，明细见下表"] {
        assert!(first.contains(expected), "letter 1 lacks {expected:?}:\n{first}");
    }
    let fees: Vec<i64> = db.conn().prepare("SELECT late_fee FROM dunning_letters ORDER BY number").unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
    assert_eq!(fees, [12000, 3000]);
}

#[test]
fn the_letter_body_is_the_offices_own_text_when_set() {
    let mut db = estate();
    db.write("主管", |tx| settings::change(tx, settings::DUNNING_LETTER_BODY, "{姓名}您好：{房号}欠{金额}元，限{截止日期}前交清。")).unwrap();
    let (_, pdf) = db.write("前台", |tx| print_letters(tx, &Pick::read("2", 0, "", "").unwrap(), options("2026-01-15", false), &mut |_, _| ())).unwrap();
    let text = pdf_text(&pdf);
    assert!(text.contains("李四您好：2-1-201欠300.00元，限2026年1月30日前交清。"), "{text}");
    assert!(!text.contains("送达回执"));
    assert!(!text.contains("民法典"));
}

#[test]
fn nothing_to_print_and_bad_deadlines_are_refused_before_anything_is_written() {
    let mut db = estate();
    let none = db.write("前台", |tx| print_letters(tx, &Pick::read("", 0, "5000", "").unwrap(), options("2026-01-15", false), &mut |_, _| ())).unwrap_err();
    assert_eq!(none.code(), "dunning.nothing_picked");
    let bad = LetterOptions { deadline_days: 0, ..options("2026-01-15", false) };
    assert_eq!(db.write("前台", |tx| print_letters(tx, &letters_pick(), bad, &mut |_, _| ())).unwrap_err().code(), "dunning.bad_deadline_days");
    assert_eq!((count(&db, "dunning_batches"), count(&db, "dunning_letters")), (0, 0));
}

#[test]
fn the_reminder_sheet_reads_back_with_the_owners_mobiles_and_filled_texts() {
    let mut db = estate();
    db.write("主管", |tx| settings::change(tx, settings::OFFICE_PHONE, "0571-88886666")).unwrap();
    let r = reminders(db.conn(), day("2026-01-15"), &Pick::default(), 15).unwrap();
    assert_eq!(r.without_phone, ["2-1-201"], "李四 has no mobile on file");
    let bytes = reminders_xlsx(&r).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("催缴提醒").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let s = |t: &str| Data::String(t.into());
    assert_eq!(rows[0], [s("手机号"), s("姓名"), s("房号"), s("欠费金额"), s("短信内容")]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][..4], [s("13800001234"), s("张三"), s("1-1-101"), Data::Float(1200.0)]);
    assert_eq!(
        rows[1][4],
        s("【翠湖花园】尊敬的张三业主，您的房屋1-1-101截至2026年1月15日尚欠物业服务费等费用1,200.00元，请于2026年1月30日前缴清。如已缴纳请忽略本信息。咨询电话：0571-88886666")
    );
}

#[test]
fn dunning_records_are_written_once() {
    let mut db = estate();
    db.write("前台", |tx| record_contact(tx, &contact("1-1-101", "提醒", "电话", ""))).unwrap();
    assert!(db.conn().execute("UPDATE dunning_contacts SET outcome = 'x'", []).is_err());
    assert!(db.conn().execute("DELETE FROM dunning_contacts", []).is_err());
}

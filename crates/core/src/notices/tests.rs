//! Billing notices on a small estate with known figures.

use rust_decimal::Decimal;

use super::*;
use crate::db::Db;
use crate::fees::{self, Basis, Method, NewFee, NewPayment, Period};
use crate::register::{self, NewUnit, Unit, UnitType, rules as reg_rules};
use crate::testing::{day, on, yuan};

fn unit(db: &mut Db, code: &str, area: &str, handover: Option<&str>) -> Unit {
    let new = NewUnit {
        code: reg_rules::parse_unit_code(code).unwrap(),
        unit_type: UnitType::Residence,
        area: Some(reg_rules::parse_area(area).unwrap()),
        handover: handover.map(day),
    };
    db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
}

fn pay(db: &mut Db, u: &Unit, amount: &str, bills: Vec<i64>) -> String {
    let p = NewPayment { amount: yuan(amount), method: Method::Cash, payer: String::new(), reference: String::new(), bills };
    db.write("前台", |tx| fees::pay(tx, u, &p)).unwrap().receipt_no
}

fn bill_run(db: &mut Db, from: &str, to: &str) {
    let (from, to) = (Period::parse(from).unwrap(), Period::parse(to).unwrap());
    db.write("测试", |tx| fees::run_billing(tx, from, to, &mut |_, _| ())).unwrap();
}

/// The bill of a unit for an item and month.
fn bill_id(db: &Db, u: &Unit, item: &str, period: &str) -> i64 {
    fees::bills(db.conn(), u).unwrap().into_iter().find(|b| b.item == item && b.period == period).unwrap().id
}

struct Estate {
    db: Db,
    a: Unit,
    c: Unit,
}

/// 物业服务费 2.00/㎡ and 垃圾清运费 10.00/户 a month, 水费 3.50 a tonne.
/// 1-1-101 (100 ㎡, 张三) pays nothing; 1-1-902 (80 ㎡) paid January; 2-1-201
/// (50 ㎡) paid 500.00 ahead in January; 10-1-101 (60 ㎡) was handed over in
/// March; 3-1-101 only next year. January and February billed on 1 January,
/// March on 1 March; on 2 March a waiver of 20.00 on 1-1-101's March fee, on
/// 3 March 1-1-101 pays 10.00 on its March 垃圾清运费.
fn estate() -> Estate {
    let mut db = Db::in_memory("测试小区").unwrap();
    on(&mut db, "2026-01-01");
    let a = unit(&mut db, "1-1-101", "100", None);
    unit(&mut db, "1-1-902", "80", None);
    let c = unit(&mut db, "2-1-201", "50", None);
    unit(&mut db, "10-1-101", "60", Some("2026-03-01"));
    unit(&mut db, "3-1-101", "70", Some("2027-01-01"));
    let person = register::NewPerson { name: "张三".into(), phones: vec!["057188886666".into(), "13812345678".into()], id_number: None };
    db.write("测试", |tx| register::add_occupant(tx, &a, &person, register::Role::Owner, day("2020-01-01"))).unwrap();
    for (name, basis, price) in [("物业服务费", Basis::Area, "2.00"), ("垃圾清运费", Basis::Unit, "10.00"), ("水费", Basis::Quantity, "3.50")] {
        let f = NewFee { name: name.into(), basis, price: price.parse::<Decimal>().unwrap(), unit_type: None, cycle_months: 1 };
        db.write("测试", |tx| fees::add_fee(tx, &f)).unwrap();
    }
    let march = Period::parse("2026-03").unwrap();
    db.write("测试", |tx| fees::set_quantity(tx, &a, "水费", march, "12.5".parse().unwrap())).unwrap();
    bill_run(&mut db, "2026-01", "2026-02");
    on(&mut db, "2026-01-05");
    pay(&mut db, &c, "500.00", vec![]);
    on(&mut db, "2026-02-10");
    let b = register::find_unit(db.conn(), "1-1-902").unwrap();
    pay(&mut db, &b, "170.00", vec![]);
    on(&mut db, "2026-03-01");
    bill_run(&mut db, "2026-03", "2026-03");
    on(&mut db, "2026-03-02");
    let fee = bill_id(&db, &a, "物业服务费", "2026-03");
    db.write("主管", |tx| fees::waive(tx, fee, yuan("20.00"), "漏水补偿")).unwrap();
    on(&mut db, "2026-03-03");
    let rubbish = bill_id(&db, &a, "垃圾清运费", "2026-03");
    pay(&mut db, &a, "10.00", vec![rubbish]);
    Estate { db, a, c }
}

fn batch(db: &Db, period: &str, building: &str, as_of: &str) -> NoticeBatch {
    notices(db.conn(), &Filter::read(period, building).unwrap(), day(as_of)).unwrap()
}

fn line(item: &str, period: &str, price: &str, quantity: &str, amount: &str) -> NoticeLine {
    NoticeLine { item: item.into(), period: period.into(), price: price.into(), quantity: quantity.into(), amount: yuan(amount) }
}

#[test]
fn a_notice_lists_the_months_fees_the_arrears_and_what_is_due() {
    let e = estate();
    let b = batch(&e.db, "2026-03", "", "2026-03-05");
    let units: Vec<&str> = b.notices.iter().map(|n| n.unit.as_str()).collect();
    assert_eq!(units, ["1-1-101", "1-1-902", "2-1-201", "10-1-101"], "building and unit in reading order");
    assert_eq!(b.skipped, 1, "3-1-101 is handed over next year: nothing billed, nothing owed");
    assert_eq!(b.due_date, day("2026-03-01"));

    let a = &b.notices[0];
    assert_eq!((a.owners.as_str(), a.mobile.as_deref(), a.area.map(|x| x.to_string())), ("张三", Some("13812345678"), Some("100.00".into())));
    assert_eq!(
        a.lines,
        [
            line("物业服务费", "2026-03", "2.00", "100.00㎡", "200.00"),
            line("垃圾清运费", "2026-03", "10.00", "1户", "10.00"),
            line("水费", "2026-03", "3.50", "12.5", "43.75"),
        ]
    );
    let arrears: Vec<(&str, String, usize, Money)> = a.arrears.iter().map(|l| (l.item.as_str(), l.months(), l.bills, l.owed)).collect();
    assert_eq!(arrears, [("物业服务费", "2026-01～2026-02".into(), 2, yuan("400.00")), ("垃圾清运费", "2026-01～2026-02".into(), 2, yuan("20.00"))]);
    assert_eq!(a.sums, Sums { billed: yuan("253.75"), prepaid_applied: Money::ZERO, paid: yuan("10.00"), waived: yuan("20.00"), arrears: yuan("420.00"), credit_held: Money::ZERO });
    assert_eq!(a.due.total, yuan("643.75"));

    let b902 = &b.notices[1];
    assert_eq!((b902.sums.billed, b902.sums.arrears, b902.due.total), (yuan("170.00"), yuan("170.00"), yuan("340.00")));
    assert_eq!(b902.arrears.iter().map(|l| l.months()).collect::<Vec<_>>(), ["2026-02", "2026-02"]);
    assert_eq!(b902.mobile, None);

    // 500.00 paid ahead: January and February at once, March by the billing run, 170.00 still held.
    let c = &b.notices[2];
    assert_eq!(c.sums, Sums { billed: yuan("110.00"), prepaid_applied: yuan("110.00"), arrears: Money::ZERO, credit_held: yuan("170.00"), ..Sums::default() });
    assert_eq!(c.due, Due { current_owing: Money::ZERO, credit_applied: Money::ZERO, total: Money::ZERO });

    assert_eq!(b.notices[3].due.total, yuan("130.00"));
    assert_eq!(b.total_due(), yuan("1113.75"));
    let s = b.summary();
    assert_eq!((s.notices, s.skipped, s.without_mobile, s.total_due), (4, 1, 3, yuan("1113.75")));
}

#[test]
fn the_as_of_day_decides_what_counts_as_made_paid_and_waived() {
    let e = estate();
    let a = |as_of: &str| batch(&e.db, "2026-03", "1", as_of).notices.remove(0);
    // On 2 March the waiver is given, the desk payment not yet taken.
    let before = a("2026-03-02");
    assert_eq!((before.sums.waived, before.sums.paid, before.due.total), (yuan("20.00"), Money::ZERO, yuan("653.75")));
    // On 28 February March is not billed yet: the notice has only the arrears.
    let feb = a("2026-02-28");
    assert!(feb.lines.is_empty());
    assert_eq!(feb.due.total, yuan("420.00"));
}

#[test]
fn a_void_takes_back_the_prepayment_from_its_day() {
    let mut e = estate();
    let receipt = fees::receipts(e.db.conn(), &e.c).unwrap().remove(0).receipt_no;
    on(&mut e.db, "2026-03-04");
    e.db.write("主管", |tx| fees::void_receipt(tx, &receipt, "收错户")).unwrap();
    let c = |as_of: &str| batch(&e.db, "2026-03", "2", as_of).notices.remove(0);
    assert_eq!(c("2026-03-03").due.total, Money::ZERO);
    let after = c("2026-03-04");
    assert_eq!((after.sums.prepaid_applied, after.sums.credit_held, after.sums.arrears), (Money::ZERO, Money::ZERO, yuan("220.00")));
    assert_eq!(after.due.total, yuan("330.00"));
}

#[test]
fn prepayment_still_held_pays_what_the_notice_asks() {
    let mut e = estate();
    // 1-1-101 pays 1,000.00 against its March water only: 956.25 stays prepaid.
    on(&mut e.db, "2026-03-04");
    let water = bill_id(&e.db, &e.a, "水费", "2026-03");
    pay(&mut e.db, &e.a, "1000.00", vec![water]);
    let a = batch(&e.db, "2026-03", "1栋", "2026-03-04").notices.remove(0);
    assert_eq!(a.sums.credit_held, yuan("956.25"));
    assert_eq!(a.due, Due { current_owing: yuan("180.00"), credit_applied: yuan("600.00"), total: Money::ZERO });
}

#[test]
fn a_quarter_lists_each_months_bills_and_comes_to_the_same_total() {
    let e = estate();
    let q = batch(&e.db, "2026-Q1", "", "2026-03-05");
    let m = batch(&e.db, "2026-03", "", "2026-03-05");
    let a = &q.notices[0];
    assert_eq!(a.lines.len(), 7);
    assert!(a.arrears.is_empty());
    assert_eq!(a.sums.billed, yuan("673.75"));
    for (quarter, month) in q.notices.iter().zip(&m.notices) {
        assert_eq!((quarter.unit.as_str(), quarter.due.total), (month.unit.as_str(), month.due.total));
    }
    assert_eq!(q.period.label(), "2026年第1季度");
}

#[test]
fn a_building_is_picked_and_an_empty_batch_is_refused() {
    let e = estate();
    let one = batch(&e.db, "2026-03", "1栋", "2026-03-05");
    assert_eq!(one.notices.iter().map(|n| n.unit.as_str()).collect::<Vec<_>>(), ["1-1-101", "1-1-902"]);
    assert_eq!(one.skipped, 0);
    let err = notices(e.db.conn(), &Filter::read("2025-12", "").unwrap(), day("2026-03-05")).unwrap_err();
    assert_eq!(err.code(), "notices.none");
    assert!(err.to_string().contains("2025年12月"), "{err}");
    let err = Filter::read("2026-Q5", "").unwrap_err();
    assert_eq!((err.code(), err.is_input()), ("notices.bad_period", true));
    assert!(Filter::read("2026-03", "3-2").is_err());
}

#[test]
fn the_messaging_sheet_has_a_row_per_notice_with_its_text() {
    use calamine::{Data, Reader, Xlsx};
    let mut e = estate();
    e.db.write("主管", |tx| settings::change(tx, settings::OFFICE_PHONE, "0571-88886666")).unwrap();
    let b = batch(&e.db, "2026-03", "", "2026-03-05");
    let bytes = messages_xlsx(&b, DEFAULT_TEMPLATE).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("收费通知短信").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), 5);
    let text = |r: usize, c: usize| rows[r][c].to_string();
    assert_eq!((0..7).map(|c| text(0, c)).collect::<Vec<_>>(), ["房号", "业主", "手机", "期间", "应缴金额", "缴费截止日", "短信内容"]);
    assert_eq!((text(1, 0), text(1, 1), text(1, 2), text(1, 3), text(1, 5)), ("1-1-101".into(), "张三".into(), "13812345678".into(), "2026年3月".into(), "2026-03-01".into()));
    assert_eq!(rows[1][4], Data::Float(643.75));
    assert_eq!(
        text(1, 6),
        "【测试小区】尊敬的张三：您的房屋1-1-101，2026年3月应缴物业费用共643.75元（含往期欠费），请于2026年3月1日前缴纳。如已缴纳请忽略。咨询电话：0571-88886666"
    );
    assert_eq!((text(2, 0), text(2, 2)), ("1-1-902".into(), String::new()));
    assert!(text(2, 6).contains("尊敬的业主："), "no owner on file: addressed to 业主");
    let total: f64 = rows[1..].iter().map(|r| if let Data::Float(f) = r[4] { f } else { 0.0 }).sum();
    assert_eq!(Money::round_yuan(Decimal::try_from(total).unwrap()).unwrap(), b.total_due());
}

#[test]
fn the_office_writes_its_own_message_text_and_blank_brings_back_the_built_in_one() {
    let mut e = estate();
    assert_eq!(message_template(e.db.conn()).unwrap(), DEFAULT_TEMPLATE);
    e.db.write("主管", |tx| settings::change(tx, settings::NOTICE_MESSAGE_TEXT, "{房号} {业主}：{期间}请缴 {金额} 元，{截止日}前。")).unwrap();
    let b = batch(&e.db, "2026-03", "1栋", "2026-03-05");
    let sheet = messages_xlsx(&b, &message_template(e.db.conn()).unwrap()).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(sheet)).unwrap();
    use calamine::Reader;
    let rows = book.worksheet_range("收费通知短信").unwrap();
    assert_eq!(rows.get((1, 6)).unwrap().to_string(), "1-1-101 张三：2026年3月请缴 643.75 元，2026年3月1日前。");
    let too_long = "字".repeat(301);
    let err = e.db.write("主管", |tx| settings::change(tx, settings::NOTICE_MESSAGE_TEXT, &too_long)).unwrap_err();
    assert_eq!(err.code(), "settings.invalid");
    e.db.write("主管", |tx| settings::change(tx, settings::NOTICE_MESSAGE_TEXT, "  ")).unwrap();
    assert_eq!(message_template(e.db.conn()).unwrap(), DEFAULT_TEMPLATE);
}

/// Runs a poppler tool on a PDF (poppler-utils is required: without it the test fails, it does not skip).
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notices.pdf");
    std::fs::write(&path, pdf).unwrap();
    if let Ok(out) = std::env::var("NOTICE_PDF_OUT") {
        std::fs::write(out, pdf).unwrap();
    }
    let out = std::process::Command::new(tool).args(args).arg(&path).args(if tool == "pdftotext" { &["-"][..] } else { &[][..] }).output();
    let out = out.unwrap_or_else(|e| panic!("{tool} is required (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_pdf_has_one_page_per_notice_with_its_figures() {
    let mut e = estate();
    e.db.write("主管", |tx| settings::change(tx, settings::OFFICE_PHONE, "0571-88886666")).unwrap();
    e.db.write("主管", |tx| settings::change(tx, settings::PAYMENT_INSTRUCTIONS, "前台现金、微信、支付宝；或转账至 工商银行 1202 0000 0000 0000")).unwrap();
    let b = batch(&e.db, "2026-03", "", "2026-03-05");
    let mut reports = Vec::new();
    let pdf = crate::docs::pdf::notices_pdf(&b, &mut |done, total| reports.push((done, total))).unwrap();
    assert_eq!(reports.last(), Some(&(4, 4)));
    assert!(poppler("pdfinfo", &[], &pdf).lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["Pages:", "4"]));
    assert!(pdf.len() < 120 * 1024, "the font is subset once: {} bytes", pdf.len());
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf);
    let pages: Vec<String> = text.split('\u{c}').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    let first = &pages[0];
    for expected in [
        "测试小区",
        "收费通知单",
        "业主：张三",
        "房号：1-1-101",
        "建筑面积：100.00㎡",
        "计费期间：2026年3月",
        "缴费截止日：2026年03月01日",
        "通知日期：2026年03月05日",
        "物业服务费 2026-03 2.00 100.00㎡ 200.00",
        "垃圾清运费 2026-03 10.00 1户 10.00",
        "水费 2026-03 3.50 12.5 43.75",
        "本期小计 253.75",
        "物业服务费 2026-01～2026-02 2 400.00",
        "垃圾清运费 2026-01～2026-02 2 20.00",
        "往期欠费小计 420.00",
        "已缴 -10.00",
        "减免 -20.00",
        "¥643.75",
        "人民币（大写）：陆佰肆拾叁元柒角伍分",
        "转账至 工商银行 1202 0000 0000 0000",
        "服务中心电话：0571-88886666",
        "第 1 页／共 4 页",
    ] {
        assert!(first.contains(expected), "page 1 lacks {expected:?}:\n{first}");
    }
    assert!(!first.contains("13812345678"), "the mobile is for the messaging sheet only");
    assert!(pages[1].contains("房号：1-1-902") && pages[1].contains("¥340.00"), "{}", pages[1]);
    let c = &pages[2];
    for expected in ["预存已抵扣 -110.00", "¥0.00", "零元整", "预存余额尚余 170.00 元", "无往期欠费"] {
        assert!(c.contains(expected), "page 3 lacks {expected:?}:\n{c}");
    }
    assert!(pages[3].contains("房号：10-1-101") && pages[3].contains("¥130.00"));
}

/// A late fee owing after its receipt was voided is brought forward as 违约金, never
/// listed as the month's 物业服务费: January's 200.00, 万分之三 after 14 grace days,
/// paid with its late fee (16 January to 5 March, 49 days: 2.94) on 5 March, voided on 6 March.
#[test]
fn a_late_fee_owing_is_brought_forward_as_its_own_item() {
    let mut db = Db::in_memory("测试小区").unwrap();
    on(&mut db, "2026-01-01");
    let a = unit(&mut db, "1-1-101", "100", None);
    let f = NewFee { name: "物业服务费".into(), basis: Basis::Area, price: "2.00".parse::<Decimal>().unwrap(), unit_type: None, cycle_months: 1 };
    db.write("测试", |tx| fees::add_fee(tx, &f)).unwrap();
    let rule = crate::latefee::read_rule("万分之三", 14, None, "2026-01-01", day("2026-01-01")).unwrap();
    db.write("测试", |tx| crate::latefee::set_rule(tx, "物业服务费", &rule)).unwrap();
    bill_run(&mut db, "2026-01", "2026-01");
    on(&mut db, "2026-03-01");
    bill_run(&mut db, "2026-03", "2026-03");
    on(&mut db, "2026-03-05");
    let no = pay(&mut db, &a, "202.94", vec![]);
    on(&mut db, "2026-03-06");
    db.write("主管", |tx| fees::void_receipt(tx, &no, "收错户")).unwrap();
    let b = batch(&db, "2026-03", "", "2026-03-10");
    let n = &b.notices[0];
    assert_eq!(n.lines, [line("物业服务费", "2026-03", "2.00", "100.00㎡", "200.00")]);
    let arrears: Vec<(&str, Money)> = n.arrears.iter().map(|l| (l.item.as_str(), l.owed)).collect();
    assert_eq!(arrears, [("物业服务费", yuan("200.00")), ("违约金", yuan("2.94"))]);
}

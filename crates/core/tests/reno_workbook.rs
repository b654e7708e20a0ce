//! A renovation deposit taken and refunded through the desk's reno path (a
//! clerk, a supervisor approving on the spot) shows in finance's monthly
//! workbook: held in the 押金台账 at the end of the month it was taken, refunded
//! less the deduction in the month it came back, the reason and both names kept.
#![allow(clippy::unwrap_used)]

use calamine::{Data, Range, Reader, Xlsx};
use chrono::DateTime;
use estate_core::db::{Clock, Db};
use estate_core::fees::{Method, Period};
use estate_core::register::{self, NewPerson, NewUnit, Role, rules};
use estate_core::reno::{NewApplication, NewWaterproof, PayFees, Status};
use estate_core::staff::{Approval, StaffRole};
use estate_core::{Money, desk, handover};

const PW: &str = "desk-2026";

fn at(db: &mut Db, when: &str) {
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339(when).unwrap()));
}

/// The 押金台账 sheet of the month's workbook.
fn deposit_sheet(db: &Db, dir: &std::path::Path, period: &str) -> Range<Data> {
    let out = dir.join(format!("{period}.xlsx"));
    let exported = handover::export(db.conn(), Period::parse(period).unwrap(), &out).unwrap();
    assert!(exported.sheets.iter().any(|s| s.name == "押金台账"));
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    book.worksheet_range("押金台账").unwrap()
}

/// The row of the 装修押金 as (column title, cell text or number) pairs.
fn reno_row(range: &Range<Data>) -> Vec<(String, String)> {
    let titles: Vec<String> = (0..range.width()).map(|c| range.get_value((0, c as u32)).map(|d| d.to_string()).unwrap_or_default()).collect();
    let kind = titles.iter().position(|t| t == "类别").unwrap() as u32;
    let rows: Vec<u32> = (1..range.height() as u32).filter(|&r| range.get_value((r, kind)).map(|d| d.to_string()) == Some("装修押金".into())).collect();
    assert_eq!(rows.len(), 1, "one renovation deposit row");
    titles
        .iter()
        .enumerate()
        .map(|(c, t)| {
            let cell = match range.get_value((rows[0], c as u32)) {
                // Money back to the fen from the float calamine reads.
                Some(Data::Float(f)) => format!("{:.2}", (f * 100.0).round() / 100.0),
                Some(d) => d.to_string(),
                None => String::new(),
            };
            (t.clone(), cell)
        })
        .collect()
}

fn cell<'a>(row: &'a [(String, String)], title: &str) -> &'a str {
    &row.iter().find(|(t, _)| t == title).unwrap_or_else(|| panic!("no column {title}: {row:?}")).1
}

#[test]
fn a_renovation_deposit_is_held_then_refunded_less_a_deduction_in_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("estate.db");
    let mut db = Db::create(&path, "翠湖花园").unwrap();
    at(&mut db, "2026-11-02T09:00:00+08:00");
    let boss = desk::create_first_supervisor(&mut db, "李主管", PW).unwrap();
    desk::add_staff(&mut db, &boss, "王前台", StaffRole::Clerk, PW).unwrap();
    let new = NewUnit { code: rules::parse_unit_code("1-1-101").unwrap(), unit_type: register::UnitType::Residence, area: Some(rules::parse_area("90").unwrap()), handover: None };
    let unit = desk::add_unit(&mut db, &boss, &new).unwrap();
    let owner = NewPerson { name: "张三".into(), phones: vec![], id_number: None };
    db.write("李主管", |tx| register::add_occupant(tx, &unit, &owner, Role::Owner, chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap())).unwrap();
    let clerk = desk::sign_in(&mut db, "王前台", PW).unwrap();
    let boss_ok = Approval { name: "李主管".into(), password: PW.into() };

    let a = NewApplication {
        applicant: "张三".into(),
        contractor: "美家装饰公司".into(),
        foreman: "刘工".into(),
        foreman_phone: "13900001234".into(),
        scope: vec!["地面".into(), "防水".into()],
        planned_start: "2026-11-05".into(),
        planned_end: "2026-12-31".into(),
        ..Default::default()
    };
    let p = desk::reno_apply(&mut db, &clerk, "1-1-101", &a).unwrap();
    desk::reno_approve(&mut db, &clerk, p.id, "", Some(&boss_ok)).unwrap();
    let pay = PayFees { method: Method::Cash, payer: "张三".into(), reference: String::new(), amount: Some(Money::parse("2570").unwrap()) };
    let p = desk::reno_pay(&mut db, &clerk, p.id, &pay).unwrap();
    assert_eq!(p.paid.as_ref().map(|x| x.held), Some(Money::parse("2000").unwrap()));
    desk::reno_issue(&mut db, &clerk, p.id).unwrap();

    let november = reno_row(&deposit_sheet(&db, dir.path(), "2026-11"));
    assert_eq!(
        [cell(&november, "房号"), cell(&november, "本月收取"), cell(&november, "本月退还"), cell(&november, "月末在押")],
        ["1-1-101", "2000.00", "0.00", "2000.00"],
        "held at the end of November: {november:?}"
    );

    at(&mut db, "2026-12-20T10:00:00+08:00");
    let w = NewWaterproof { started_at: "2026-12-10 09:00".into(), ended_at: "2026-12-12 09:00".into(), depth_cm: "2".into(), below_checked: true, passed: true, ..Default::default() };
    desk::reno_waterproof(&mut db, &clerk, p.id, &w).unwrap();
    desk::reno_request_completion(&mut db, &clerk, p.id, "").unwrap();
    desk::reno_accept(&mut db, &clerk, p.id, &[], "", Some(&boss_ok)).unwrap();
    let refused = desk::reno_refund(&mut db, &clerk, p.id, &["300:楼道墙面损坏修复".into()], "", None).unwrap_err();
    assert_eq!(refused.code(), "staff.approval_needed", "a clerk gives a deposit back only with a supervisor's approval");
    let p = desk::reno_refund(&mut db, &clerk, p.id, &["300:楼道墙面损坏修复".into()], "", Some(&boss_ok)).unwrap();
    assert_eq!(p.status, Status::Refunded);

    let december = reno_row(&deposit_sheet(&db, dir.path(), "2026-12"));
    assert_eq!(
        [cell(&december, "月初在押"), cell(&december, "本月收取"), cell(&december, "本月退还"), cell(&december, "本月扣除"), cell(&december, "月末在押")],
        ["2000.00", "0.00", "1700.00", "300.00", "0.00"],
        "refunded less the deduction in December: {december:?}"
    );
    assert!(cell(&december, "扣除原因").contains("楼道墙面损坏修复 300.00 元"), "{december:?}");
    assert_eq!((cell(&december, "退还经办人"), cell(&december, "授权主管")), ("王前台", "李主管"), "{december:?}");
    // November's workbook is unchanged by December's refund.
    assert_eq!(cell(&reno_row(&deposit_sheet(&db, dir.path(), "2026-11")), "月末在押"), "2000.00");
}

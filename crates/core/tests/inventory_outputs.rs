//! Cards and the monthly count on a real estate file through the desk, with
//! every output read back: the 押金收据 (pdftotext), the count sheet
//! (pdftotext) and the month's workbook sheet 盘点 (calamine); then the ledger
//! whole (deposit receipts numbered without gaps, every row sealed).
#![allow(clippy::unwrap_used)]

#[path = "support/ledger.rs"]
mod ledger;
#[path = "support/read_back.rs"]
mod read_back;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use estate_core::db::{Clock, Db, settings};
use estate_core::desk::{self, IssueForm, ReturnForm, StockForm};
use estate_core::fees::Period;
use estate_core::inventory::sheet;
use estate_core::register::{NewPerson, NewUnit, Role, UnitType, rules};
use estate_core::staff::{Approval, StaffRole};
use read_back::{pdf_text, xlsx_text};

const PW: &str = "desk-2026";

fn at(db: &mut Db, date: &str, hour: u32) {
    let t = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap().and_hms_opt(hour, 0, 0).unwrap();
    db.set_clock(Clock::Fixed(FixedOffset::east_opt(8 * 3600).unwrap().from_local_datetime(&t).unwrap()));
}

#[test]
fn a_card_with_its_deposit_receipt_and_a_signed_count_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::create(&dir.path().join("estate.db"), "翠湖花园").unwrap();
    at(&mut db, "2026-11-02", 9);
    let boss = desk::create_first_supervisor(&mut db, "李主管", PW).unwrap();
    let clerk = desk::add_staff(&mut db, &boss, "王前台", StaffRole::Clerk, PW).unwrap();
    desk::set_setting(&mut db, &boss, settings::INVENTORY_CARD_DEPOSIT, "50").unwrap();
    let unit = NewUnit { code: rules::parse_unit_code("3-2-1502").unwrap(), unit_type: UnitType::Residence, area: Some(rules::parse_area("90").unwrap()), handover: None };
    db.write("李主管", |tx| estate_core::register::add_unit(tx, &unit)).unwrap();
    let person = NewPerson { name: "张三".into(), phones: vec!["13800000001".into()], id_number: None };
    desk::add_occupant(&mut db, &clerk, "3-2-1502", &person, Role::Owner, NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()).unwrap();

    let stock = StockForm { kind: "住户卡".into(), serials: "ZH0001..ZH0003 ZH0010".into(), name: String::new() };
    assert_eq!(desk::add_stock(&mut db, &clerk, &stock).unwrap().len(), 4);
    let form = IssueForm { unit: "3栋2单元1502".into(), kind: "resident".into(), serial: "ZH0001".into(), holder: String::new(), method: "wechat".into(), note: String::new() };
    let issued = desk::issue_item(&mut db, &clerk, &form).unwrap();
    let deposit = issued.deposit.unwrap();
    let (printed, path) = desk::save_deposit_receipt(&mut db, &clerk, deposit.id, |no| Ok(dir.path().join(format!("{no}.pdf")))).unwrap();
    assert_eq!((printed.receipt_no.as_str(), printed.reprint, path.file_name().unwrap().to_str()), ("YJ0000001", 0, Some("YJ0000001.pdf")));
    let text = pdf_text(&path);
    for expected in ["翠湖花园押金收据", "押金项目", "YJ0000001", "3-2-1502", "张三", "门禁卡押金（住户卡 ZH0001）", "50.00", "伍拾元整", "微信", "王前台", "押金退还时凭本收据办理"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(!text.contains("13800000001") && !text.contains("补打"), "{text}");

    // A clerk's deduction needs a supervisor on the spot; a plain return does not.
    desk::issue_item(&mut db, &clerk, &IssueForm { serial: "ZH0002".into(), ..form.clone() }).unwrap();
    let damaged = ReturnForm { kind: String::new(), serial: "ZH0002".into(), returned_by: String::new(), note: "卡片折断".into(), deduct: "20".into(), reason: "卡片损坏".into() };
    assert_eq!(desk::return_item(&mut db, &clerk, &damaged, None).unwrap_err().code(), "staff.approval_needed");
    let ok = Approval { name: "李主管".into(), password: PW.into() };
    let back = desk::return_item(&mut db, &clerk, &damaged, Some(&ok)).unwrap();
    assert_eq!((back.refunded.fen(), back.deducted.fen()), (3000, 2000));

    at(&mut db, "2026-11-28", 16);
    let count = desk::start_count(&mut db, &clerk, "").unwrap();
    assert_eq!(count.period, "2026-11");
    let lines: Vec<(&str, &str)> = count.lines.iter().map(|l| (l.label.as_str(), l.place.as_str())).collect();
    assert_eq!(lines, [("ZH0001", "3-2-1502 张三"), ("ZH0002", "库存"), ("ZH0003", "库存"), ("ZH0010", "库存")]);
    for (line, found) in [(2, true), (3, true), (4, false)] {
        desk::record_count(&mut db, &clerk, count.id, line, found, "").unwrap();
    }
    assert_eq!(desk::close_count(&mut db, &clerk, count.id, Some(&ok)).unwrap_err().code(), "inventory.unexplained");
    desk::record_count(&mut db, &clerk, count.id, 4, false, "样卡，已交厂家检测").unwrap();
    desk::record_extra(&mut db, &clerk, count.id, "车卡", "C0099", "前台抽屉里找到").unwrap();
    assert_eq!(desk::close_count(&mut db, &clerk, count.id, None).unwrap_err().code(), "staff.approval_needed");
    let closed = desk::close_count(&mut db, &clerk, count.id, Some(&ok)).unwrap();
    assert_eq!(closed.closed.as_ref().unwrap().signed_off_by, "李主管");

    let pdf = sheet::count_sheet(db.conn(), count.id, "2026-11-28T17:00:00+08:00").unwrap();
    let path = dir.path().join("盘点表.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let text = pdf_text(&path);
    for expected in ["卡证与钥匙盘点表", "2026-11", "2 处（未说明 0 处）", "样卡，已交厂家检测", "前台抽屉里找到", "多出", "缺失", "3-2-1502 张三", "李主管", "盘点人（签字）"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }

    let book = dir.path().join("月度报表.xlsx");
    let exported = estate_core::handover::export(db.conn(), Period::parse("2026-11").unwrap(), &book).unwrap();
    assert_eq!(exported.sheets.iter().find(|s| s.name == "盘点").map(|s| s.rows), Some(5));
    let cells = xlsx_text(&book);
    for expected in ["样卡，已交厂家检测", "C0099", "差异合计", "李主管"] {
        assert!(cells.contains(expected), "{expected} in the workbook");
    }
    ledger::assert_whole(&db, "after cards and a count");
}

//! Keys in custody on a real file: a day's close lists the keys not back and
//! its handover sheet prints them; the 钥匙借用登记表 and the month's workbook
//! are read back with pdftotext and calamine.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

#[path = "support/read_back.rs"]
mod read_back;

use chrono::{DateTime, NaiveDate};
use estate_core::db::{Clock, Db};
use estate_core::fees::Period;
use estate_core::keys::{self, AuthKind, BorrowerKind, NewAuthorisation, NewKey, NewLoan, NewReturn};
use estate_core::register::{self, NewPerson, NewUnit, Role, UnitType, rules};
use estate_core::{Money, close, handover, staff};
use read_back::{pdf_text, xlsx_text};

fn at(db: &mut Db, when: &str) {
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339(when).unwrap()));
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn loan(who: &str, kind: BorrowerKind, due: &str) -> NewLoan {
    NewLoan { borrower: who.into(), borrower_kind: kind, id_type: "身份证".into(), id_last4: "042X".into(), purpose: "装修施工".into(), due: due.into(), override_reason: None }
}

/// 3-2-1502 (owner 王建国) with keys on; 美家装饰 may borrow in March.
fn estate(dir: &std::path::Path) -> (Db, i64, i64) {
    let mut db = Db::create(&dir.join("estate.db"), "翠湖花园").unwrap();
    at(&mut db, "2026-03-01T09:00:00+08:00");
    // 张丽 has an account: her day can be closed.
    db.write("张丽", |tx| staff::create_first_supervisor(tx, "张丽", "desk-2026-pw")).unwrap();
    let new = NewUnit { code: rules::parse_unit_code("3-2-1502").unwrap(), unit_type: UnitType::Residence, area: Some(rules::parse_area("100").unwrap()), handover: None };
    let unit = db.write("测试", |tx| register::add_unit(tx, &new)).unwrap();
    let owner = NewPerson { name: "王建国".into(), phones: vec!["13800001234".into()], id_number: None };
    db.write("测试", |tx| register::add_occupant(tx, &unit, &owner, Role::Owner, day("2020-01-01"))).unwrap();
    let contractor = NewAuthorisation { kind: AuthKind::Contractor, name: "美家装饰 刘工".into(), from: Some(day("2026-03-01")), to: Some(day("2026-03-31")) };
    let new_key = |hook: &str| NewKey {
        hook: hook.into(),
        key_count: 2,
        description: "入户门".into(),
        deposited_by: "王建国".into(),
        deposited_on: None,
        note: String::new(),
        authorisations: vec![contractor.clone()],
    };
    let a = db.write("张丽", |tx| keys::deposit(tx, &unit, &new_key("A-01"))).unwrap();
    let b = db.write("张丽", |tx| keys::deposit(tx, &unit, &new_key("A-02"))).unwrap();
    (db, a.id, b.id)
}

#[test]
fn the_close_hands_over_the_keys_not_back_and_the_register_prints_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, a, b) = estate(dir.path());
    at(&mut db, "2026-03-10T09:00:00+08:00");
    db.write("张丽", |tx| keys::lend(tx, a, &loan("美家装饰刘工", BorrowerKind::Contractor, "12:00"))).unwrap();
    db.write("张丽", |tx| keys::lend(tx, b, &loan("王建国", BorrowerKind::Owner, "2026-03-11 10:00"))).unwrap();
    at(&mut db, "2026-03-10T18:00:00+08:00");
    let preview = close::summary(db.conn(), "张丽", day("2026-03-10")).unwrap();
    assert_eq!(preview.overdue_keys.iter().map(|l| l.hook.as_str()).collect::<Vec<_>>(), ["A-01"], "A-02 is due tomorrow");
    db.write("张丽", |tx| close::close_day(tx, "张丽", tx.today(), Money::ZERO, "")).unwrap();
    // Returned after the close: the closed day still lists it, as it stood then.
    at(&mut db, "2026-03-10T19:00:00+08:00");
    db.write("张丽", |tx| keys::take_back(tx, a, &NewReturn { returned_by: "刘工".into(), condition: "完好".into() })).unwrap();
    let closed = close::summary(db.conn(), "张丽", day("2026-03-10")).unwrap();
    assert_eq!(closed.overdue_keys.len(), 1);
    let sheet = dir.path().join("sheet.pdf");
    std::fs::write(&sheet, close::handover_sheet(db.conn(), "张丽", day("2026-03-10"), "2026-03-10T19:05:00+08:00").unwrap()).unwrap();
    let text = pdf_text(&sheet);
    assert!(text.contains("五、到期未还的钥匙") && text.contains("美家装饰刘工") && text.contains("3-2-1502") && text.contains("12:00"), "{text}");
    // The next day: A-02 is late too, and the 首页 list has it.
    at(&mut db, "2026-03-11T11:00:00+08:00");
    let late = keys::overdue(db.conn(), db.now()).unwrap();
    assert_eq!(late.iter().map(|l| l.hook.as_str()).collect::<Vec<_>>(), ["A-02"]);

    let register = dir.path().join("register.pdf");
    std::fs::write(&register, keys::register_pdf(db.conn(), day("2026-03-01"), day("2026-03-31"), "2026-03-11T11:00:00+08:00").unwrap()).unwrap();
    if let Ok(out) = std::env::var("KEYS_PDF_OUT") {
        std::fs::copy(&register, std::path::Path::new(&out).join("register.pdf")).unwrap();
        std::fs::copy(&sheet, std::path::Path::new(&out).join("handover-sheet.pdf")).unwrap();
    }
    let text = pdf_text(&register);
    for expected in ["钥匙借用登记表", "翠湖花园物业服务中心", "2026-03-01 至 2026-03-31", "3-2-1502", "A-01", "美家装饰刘工", "042X", "03-10", "19:00", "逾期未还", "刘工，完好", "登记人（签字）"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(!text.contains("13800001234"), "no phone on the register");
}

#[test]
fn the_months_workbook_has_the_key_loans() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, a, _) = estate(dir.path());
    at(&mut db, "2026-03-10T09:00:00+08:00");
    db.write("张丽", |tx| keys::lend(tx, a, &loan("美家装饰 刘工", BorrowerKind::Contractor, "12:00"))).unwrap();
    let out = dir.path().join("月度报表.xlsx");
    let exported = handover::export(db.conn(), Period::new(2026, 3).unwrap(), &out).unwrap();
    assert_eq!(exported.sheets.iter().find(|s| s.name == "钥匙借用").map(|s| s.rows), Some(1));
    let cells = xlsx_text(&out);
    assert!(cells.contains("美家装饰 刘工") && cells.contains("逾期未还") && cells.contains("身份证 尾号042X") && cells.contains("共 1 次"), "{cells}");
}

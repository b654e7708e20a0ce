//! Key custody on a small estate: every rule and every refusal, on a real
//! (in-memory) database with the clock fixed.

use chrono::{DateTime, FixedOffset};

use super::*;
use crate::db::{Clock, Db};
use crate::register::{self, NewPerson, NewUnit, Role, UnitType, rules as reg_rules};
use crate::testing::{day, on};

fn at(db: &mut Db, when: &str) {
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339(when).unwrap()));
}

fn now(db: &Db) -> DateTime<FixedOffset> {
    db.now()
}

/// 1-1-101 owned by 张三, with keys on hook A-01: 李四 named, 工程部 allowed,
/// 美家装饰 刘工 for November.
fn estate() -> (Db, Unit, CustodyKey) {
    let mut db = Db::in_memory("测试小区").unwrap();
    on(&mut db, "2026-11-02");
    let new = NewUnit { code: reg_rules::parse_unit_code("1-1-101").unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area("90").unwrap()), handover: None };
    let unit = db.write("测试", |tx| register::add_unit(tx, &new)).unwrap();
    let owner = NewPerson { name: "张三".into(), phones: vec![], id_number: None };
    db.write("测试", |tx| register::add_occupant(tx, &unit, &owner, Role::Owner, day("2020-01-01"))).unwrap();
    let key = db.write("王前台", |tx| deposit(tx, &unit, &new_key("A-01"))).unwrap();
    (db, unit, key)
}

fn new_key(hook: &str) -> NewKey {
    NewKey {
        hook: hook.into(),
        key_count: 2,
        description: "入户门".into(),
        deposited_by: "张三".into(),
        deposited_on: None,
        note: String::new(),
        authorisations: vec![
            NewAuthorisation { kind: AuthKind::Person, name: "李四".into(), from: None, to: None },
            NewAuthorisation { kind: AuthKind::Engineering, name: String::new(), from: None, to: None },
            NewAuthorisation { kind: AuthKind::Contractor, name: "美家装饰 刘工".into(), from: Some(day("2026-11-01")), to: Some(day("2026-11-30")) },
        ],
    }
}

fn loan(borrower: &str, kind: BorrowerKind) -> NewLoan {
    NewLoan { borrower: borrower.into(), borrower_kind: kind, id_type: "身份证".into(), id_last4: "123x".into(), purpose: "装修施工".into(), due: String::new(), override_reason: None }
}

fn back(by: &str) -> NewReturn {
    NewReturn { returned_by: by.into(), condition: "完好".into() }
}

fn count(db: &Db, table: &str) -> i64 {
    db.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn a_key_is_deposited_with_its_authorisations_and_hangs_on_its_hook() {
    let (db, unit, k) = estate();
    assert_eq!((k.unit.as_str(), k.hook.as_str(), k.key_count, k.deposited_by.as_str(), k.operator.as_str()), ("1-1-101", "A-01", 2, "张三", "王前台"));
    assert_eq!((k.deposited_on, k.status, k.returned_on), (day("2026-11-02"), KeyStatus::In, None));
    let names: Vec<&str> = k.authorisations.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["李四", "工程部", "美家装饰 刘工"]);
    assert_eq!(find(db.conn(), " A-01 ").unwrap().id, k.id);
    assert_eq!(list(db.conn(), true, Some(&unit), now(&db)).unwrap(), vec![k]);
    let audit: i64 = db.conn().query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'key.deposit'", [], |r| r.get(0)).unwrap();
    assert_eq!(audit, 1);
}

#[test]
fn a_hook_holds_one_key_set_until_it_goes_back_to_the_owner() {
    let (mut db, unit, k) = estate();
    let e = db.write("王前台", |tx| deposit(tx, &unit, &new_key("A-01"))).unwrap_err();
    assert_eq!(e.code(), "key.hook_taken");
    db.write("王前台", |tx| release(tx, k.id, "张三", None)).unwrap();
    let again = db.write("王前台", |tx| deposit(tx, &unit, &new_key("A-01"))).unwrap();
    assert_eq!(find(db.conn(), "A-01").unwrap().id, again.id, "the hook is free once its key went back");
}

#[test]
fn bad_deposits_are_refused_and_write_nothing() {
    let (mut db, unit, _) = estate();
    let cases: Vec<(NewKey, &str)> = vec![
        (NewKey { hook: " ".into(), ..new_key("x") }, "key.bad_hook"),
        (NewKey { key_count: 0, ..new_key("B-01") }, "key.bad_count"),
        (NewKey { key_count: 100, ..new_key("B-01") }, "key.bad_count"),
        (NewKey { deposited_by: " ".into(), ..new_key("B-01") }, "key.missing"),
        (NewKey { deposited_on: Some(day("2026-11-03")), ..new_key("B-01") }, "key.bad_date"),
        (NewKey { description: "门".repeat(201), ..new_key("B-01") }, "key.too_long"),
        (
            NewKey { authorisations: vec![NewAuthorisation { kind: AuthKind::Contractor, name: "某装修队".into(), from: None, to: None }], ..new_key("B-01") },
            "key.contractor_dates",
        ),
    ];
    let before = (count(&db, "custody_keys"), count(&db, "key_authorisations"));
    for (k, code) in cases {
        assert_eq!(db.write("王前台", |tx| deposit(tx, &unit, &k)).unwrap_err().code(), code);
    }
    assert_eq!((count(&db, "custody_keys"), count(&db, "key_authorisations")), before);
}

#[test]
fn an_authorised_borrower_takes_the_key_and_brings_it_back() {
    let (mut db, _, k) = estate();
    at(&mut db, "2026-11-23T09:30:00+08:00");
    let l = db.write("王前台", |tx| lend(tx, k.id, &loan("美家装饰刘工", BorrowerKind::Contractor))).unwrap();
    assert_eq!((l.borrower.as_str(), l.id_type.as_str(), l.id_last4.as_str(), l.operator.as_str()), ("美家装饰刘工", "身份证", "123X", "王前台"));
    assert_eq!((l.out_at.as_str(), l.due_at.as_str()), ("2026-11-23T09:30:00+08:00", "2026-11-23T18:00:00+08:00"), "due the same day at 18:00 by default");
    assert_eq!((l.approved_by.clone(), l.override_reason.clone(), l.overdue), (None, None, false));
    let held = key(db.conn(), k.id, now(&db)).unwrap();
    assert_eq!((held.status, held.out.as_ref().map(|o| o.id)), (KeyStatus::Out, Some(l.id)));

    at(&mut db, "2026-11-23T16:00:00+08:00");
    let r = db.write("李前台", |tx| take_back(tx, k.id, &back("刘工"))).unwrap();
    let ret = r.returned.clone().unwrap();
    assert_eq!((ret.returned_at.as_str(), ret.returned_by.as_str(), ret.condition.as_str(), ret.operator.as_str()), ("2026-11-23T16:00:00+08:00", "刘工", "完好", "李前台"));
    assert!(!r.overdue);
    assert_eq!(key(db.conn(), k.id, now(&db)).unwrap().status, KeyStatus::In);
    // Owners on the register, named persons and the engineering team may borrow too.
    for (who, kind) in [("张三", BorrowerKind::Owner), ("李四", BorrowerKind::Authorised), ("老陈", BorrowerKind::Staff)] {
        db.write("王前台", |tx| lend(tx, k.id, &loan(who, kind))).unwrap();
        db.write("王前台", |tx| take_back(tx, k.id, &back(who))).unwrap();
    }
    assert_eq!((count(&db, "key_loans"), count(&db, "key_returns")), (4, 4));
}

#[test]
fn someone_not_authorised_is_refused_with_the_reason() {
    let (mut db, _, k) = estate();
    at(&mut db, "2026-11-23T09:30:00+08:00");
    let cases = [
        ("王五", BorrowerKind::Authorised, "业主的书面授权里没有这个人"),
        ("李四", BorrowerKind::Owner, "业主是“张三”"),
        ("别的装修队", BorrowerKind::Contractor, "业主没有授权这个施工方"),
    ];
    for (who, kind, reason) in cases {
        let e = db.write("王前台", |tx| lend(tx, k.id, &loan(who, kind))).unwrap_err();
        assert_eq!(e.code(), "key.not_authorised", "{who}");
        assert!(e.to_string().contains(reason) && e.to_string().contains("1-1-101"), "{e}");
        assert!(needs_override(db.conn(), k.id, &loan(who, kind), day("2026-11-23")).unwrap());
    }
    // The contractor's dates end with November.
    at(&mut db, "2026-12-01T09:00:00+08:00");
    let e = db.write("王前台", |tx| lend(tx, k.id, &loan("美家装饰 刘工", BorrowerKind::Contractor))).unwrap_err();
    assert!(e.to_string().contains("2026-11-01 至 2026-11-30"), "{e}");
    assert_eq!(count(&db, "key_loans"), 0);
}

#[test]
fn a_supervisors_override_is_recorded_with_its_reason_and_approver() {
    let (mut db, _, k) = estate();
    at(&mut db, "2026-11-23T09:30:00+08:00");
    let mut asked = loan("王五", BorrowerKind::Authorised);
    asked.override_reason = Some(" ".into());
    assert_eq!(db.write("王前台", |tx| lend(tx, k.id, &asked)).unwrap_err().code(), "key.reason_required");
    asked.override_reason = Some("业主电话同意，书面授权明天补交".into());
    let l = db.write_approved("王前台", Some("李主管"), |tx| lend(tx, k.id, &asked)).unwrap();
    assert_eq!((l.override_reason.as_deref(), l.approved_by.as_deref(), l.operator.as_str()), (Some("业主电话同意，书面授权明天补交"), Some("李主管"), "王前台"));
    let detail: String = db.conn().query_row("SELECT detail FROM audit_log WHERE action = 'key.lend'", [], |r| r.get(0)).unwrap();
    assert!(detail.contains("\"override\":true") && detail.contains("李主管"), "{detail}");
    // An authorised borrower needs no override: a reason given anyway is not recorded.
    db.write("王前台", |tx| take_back(tx, k.id, &back("王五"))).unwrap();
    let mut fine = loan("李四", BorrowerKind::Authorised);
    fine.override_reason = Some("多余".into());
    assert!(!needs_override(db.conn(), k.id, &fine, day("2026-11-23")).unwrap());
    let l = db.write_approved("王前台", Some("李主管"), |tx| lend(tx, k.id, &fine)).unwrap();
    assert_eq!((l.override_reason, l.approved_by), (None, None));
}

#[test]
fn a_key_out_is_not_lent_again_nor_one_back_with_its_owner() {
    let (mut db, unit, k) = estate();
    at(&mut db, "2026-11-23T09:30:00+08:00");
    db.write("王前台", |tx| lend(tx, k.id, &loan("李四", BorrowerKind::Authorised))).unwrap();
    let e = db.write("王前台", |tx| lend(tx, k.id, &loan("张三", BorrowerKind::Owner))).unwrap_err();
    assert_eq!(e.code(), "key.already_out");
    assert!(e.to_string().contains("已借给“李四”"), "{e}");
    assert_eq!(db.write("王前台", |tx| release(tx, k.id, "张三", None)).unwrap_err().code(), "key.out_on_loan");
    db.write("王前台", |tx| take_back(tx, k.id, &back("李四"))).unwrap();
    assert_eq!(db.write("王前台", |tx| take_back(tx, k.id, &back("李四"))).unwrap_err().code(), "key.not_out");

    let gone = db.write("王前台", |tx| release(tx, k.id, "张三", None)).unwrap();
    assert_eq!((gone.status, gone.returned_on, gone.returned_to.as_deref(), gone.returned_by.as_deref()), (KeyStatus::Released, Some(day("2026-11-23")), Some("张三"), Some("王前台")));
    for e in [
        db.write("王前台", |tx| lend(tx, k.id, &loan("张三", BorrowerKind::Owner))).unwrap_err(),
        db.write("王前台", |tx| take_back(tx, k.id, &back("张三"))).unwrap_err(),
        db.write("王前台", |tx| release(tx, k.id, "张三", None)).unwrap_err(),
        db.write("王前台", |tx| authorise(tx, k.id, &NewAuthorisation { kind: AuthKind::Person, name: "赵六".into(), from: None, to: None })).unwrap_err(),
    ] {
        assert_eq!(e.code(), "key.released");
    }
    assert_eq!(find(db.conn(), "A-01").unwrap_err().code(), "key.released", "the hook says where its key went");
    assert_eq!(find(db.conn(), "Z-99").unwrap_err().code(), "key.not_found");
    assert_eq!(list(db.conn(), true, Some(&unit), now(&db)).unwrap(), vec![]);
    assert_eq!(list(db.conn(), false, None, now(&db)).unwrap().len(), 1);
}

#[test]
fn the_database_itself_keeps_the_rules() {
    let (mut db, _, k) = estate();
    at(&mut db, "2026-11-23T09:30:00+08:00");
    let long_id = db.conn().execute(
        "INSERT INTO key_loans (key_id, borrower, borrower_kind, id_type, id_last4, purpose, out_at, due_at, operator) VALUES (?1, 'x', 'owner', '身份证', '110101198001010011', 'p', 'a', 'b', 'o')",
        [k.id],
    );
    assert!(long_id.unwrap_err().to_string().contains("CHECK"), "a whole ID number does not fit the column");
    db.write("王前台", |tx| lend(tx, k.id, &loan("李四", BorrowerKind::Authorised))).unwrap();
    let conn = db.conn();
    let again = conn.execute(
        "INSERT INTO key_loans (key_id, borrower, borrower_kind, id_type, id_last4, purpose, out_at, due_at, operator) VALUES (?1, 'x', 'owner', '身份证', '1234', 'p', 'a', 'b', 'o')",
        [k.id],
    );
    assert!(again.unwrap_err().to_string().contains("out on loan"));
    assert!(conn.execute("UPDATE key_loans SET borrower = 'y'", []).is_err());
    assert!(conn.execute("DELETE FROM key_loans", []).is_err());
    assert!(conn.execute("UPDATE custody_keys SET hook = 'B'", []).is_err());
    assert!(conn.execute("DELETE FROM custody_keys", []).is_err());
    assert!(conn.execute("UPDATE custody_keys SET returned_on = '2026-11-23'", []).unwrap_err().to_string().contains("out on loan"));
}

#[test]
fn a_loan_needs_a_name_a_document_tail_a_purpose_and_a_sensible_return() {
    let (mut db, _, k) = estate();
    at(&mut db, "2026-11-23T09:30:00+08:00");
    let with = |f: &dyn Fn(&mut NewLoan)| {
        let mut l = loan("李四", BorrowerKind::Authorised);
        f(&mut l);
        l
    };
    let cases: Vec<(NewLoan, &str)> = vec![
        (with(&|l| l.borrower = " ".into()), "key.missing"),
        (with(&|l| l.id_last4 = "110101198001010011".into()), "key.bad_id_tail"),
        (with(&|l| l.id_last4 = "123".into()), "key.bad_id_tail"),
        (with(&|l| l.id_type = "学生证".into()), "key.bad_id_type"),
        (with(&|l| l.purpose = "".into()), "key.missing"),
        (with(&|l| l.due = "08:00".into()), "key.due_not_ahead"),
        (with(&|l| l.due = "2027-03-01".into()), "key.due_too_far"),
        (with(&|l| l.due = "下午".into()), "key.bad_due"),
    ];
    for (l, code) in cases {
        let e = db.write("王前台", |tx| lend(tx, k.id, &l)).unwrap_err();
        assert_eq!(e.code(), code, "{l:?}");
        assert!(!e.to_string().contains("110101198001010011"), "never an ID number in a message");
    }
    assert_eq!(db.write("王前台", |tx| lend(tx, 999, &loan("李四", BorrowerKind::Authorised))).unwrap_err().code(), "key.not_found");
    assert_eq!(count(&db, "key_loans"), 0);
    let audit: String = db.conn().query_row("SELECT group_concat(detail) FROM audit_log", [], |r| r.get::<_, Option<String>>(0)).unwrap().unwrap_or_default();
    assert!(!audit.contains("110101198001010011"));
    // The default return time is a setting.
    db.write("主管", |tx| settings::change(tx, settings::KEY_DEFAULT_RETURN_TIME, "17:30")).unwrap();
    assert_eq!(db.write("主管", |tx| settings::change(tx, settings::KEY_DEFAULT_RETURN_TIME, "25:00")).unwrap_err().code(), "settings.invalid");
    let l = db.write("王前台", |tx| lend(tx, k.id, &loan("李四", BorrowerKind::Authorised))).unwrap();
    assert_eq!(l.due_at, "2026-11-23T17:30:00+08:00");
}

#[test]
fn keys_not_back_in_time_are_listed_until_they_come_back() {
    let (mut db, unit, k) = estate();
    let second = db.write("王前台", |tx| deposit(tx, &unit, &new_key("A-02"))).unwrap();
    at(&mut db, "2026-11-23T09:30:00+08:00");
    let late = db.write("王前台", |tx| lend(tx, k.id, &NewLoan { due: "12:00".into(), ..loan("李四", BorrowerKind::Authorised) })).unwrap();
    db.write("王前台", |tx| lend(tx, second.id, &loan("张三", BorrowerKind::Owner))).unwrap();
    at(&mut db, "2026-11-23T11:59:00+08:00");
    assert_eq!(overdue(db.conn(), now(&db)).unwrap(), vec![]);
    at(&mut db, "2026-11-23T12:01:00+08:00");
    let listed = overdue(db.conn(), now(&db)).unwrap();
    assert_eq!(listed.iter().map(|l| l.id).collect::<Vec<_>>(), vec![late.id]);
    assert!(listed[0].overdue);
    assert_eq!(key(db.conn(), k.id, now(&db)).unwrap().status, KeyStatus::Overdue);
    // Back late: no longer listed as out, but the loan stays marked late.
    at(&mut db, "2026-11-23T15:00:00+08:00");
    let r = db.write("王前台", |tx| take_back(tx, k.id, &back("李四"))).unwrap();
    assert!(r.overdue, "returned after its time");
    assert_eq!(overdue(db.conn(), now(&db)).unwrap(), vec![]);
    // As of the day's end the owner's loan (due 18:00) is late; as of noon the first one still was.
    let end = end_of_day(day("2026-11-23"), *now(&db).offset()).unwrap();
    assert_eq!(overdue_at(db.conn(), end).unwrap().iter().map(|l| l.borrower.as_str()).collect::<Vec<_>>(), ["张三"]);
    let noon = DateTime::parse_from_rfc3339("2026-11-23T13:00:00+08:00").unwrap();
    assert_eq!(overdue_at(db.conn(), noon).unwrap().iter().map(|l| l.borrower.as_str()).collect::<Vec<_>>(), ["李四"]);
}

#[test]
fn loans_are_listed_by_period_unit_and_state() {
    let (mut db, _, k) = estate();
    for (when, who) in [("2026-11-20T09:00:00+08:00", "李四"), ("2026-11-23T09:00:00+08:00", "张三")] {
        at(&mut db, when);
        db.write("王前台", |tx| lend(tx, k.id, &loan(who, if who == "张三" { BorrowerKind::Owner } else { BorrowerKind::Authorised }))).unwrap();
        if who == "李四" {
            db.write("王前台", |tx| take_back(tx, k.id, &back(who))).unwrap();
        }
    }
    let all = loans(db.conn(), &LoanFilter::default(), now(&db)).unwrap();
    assert_eq!(all.iter().map(|l| l.borrower.as_str()).collect::<Vec<_>>(), ["李四", "张三"]);
    let f = LoanFilter { from: Some(day("2026-11-21")), to: Some(day("2026-11-23")), ..LoanFilter::default() };
    assert_eq!(loans(db.conn(), &f, now(&db)).unwrap().len(), 1);
    let f = LoanFilter { to: Some(day("2026-11-20")), ..LoanFilter::default() };
    assert_eq!(loans(db.conn(), &f, now(&db)).unwrap()[0].borrower, "李四", "the last day is included whole");
    let open = LoanFilter { open_only: true, unit: Some("1栋1单元101".into()), ..LoanFilter::default() };
    assert_eq!(loans(db.conn(), &open, now(&db)).unwrap()[0].borrower, "张三");
    let other = LoanFilter { unit: Some("9-9-999".into()), ..LoanFilter::default() };
    assert_eq!(loans(db.conn(), &other, now(&db)).unwrap_err().code(), "unit.not_found");
}

#[test]
fn the_lend_dialog_offers_who_may_borrow_today() {
    let (mut db, _, k) = estate();
    at(&mut db, "2026-11-23T09:30:00+08:00");
    let c = candidates(db.conn(), k.id, day("2026-11-23")).unwrap();
    let shown: Vec<(&str, BorrowerKind)> = c.iter().map(|c| (c.name.as_str(), c.kind)).collect();
    assert_eq!(shown, [("张三", BorrowerKind::Owner), ("李四", BorrowerKind::Authorised), ("", BorrowerKind::Staff), ("美家装饰 刘工", BorrowerKind::Contractor)]);
    let december: Vec<String> = candidates(db.conn(), k.id, day("2026-12-01")).unwrap().into_iter().map(|c| c.name).collect();
    assert!(!december.contains(&"美家装饰 刘工".to_string()), "the contractor's dates are over");
}

#[test]
fn authorisations_are_added_later_in_writing() {
    let (mut db, _, k) = estate();
    at(&mut db, "2026-11-23T09:30:00+08:00");
    assert_eq!(db.write("王前台", |tx| lend(tx, k.id, &loan("赵六", BorrowerKind::Authorised))).unwrap_err().code(), "key.not_authorised");
    let k2 = db.write("王前台", |tx| authorise(tx, k.id, &NewAuthorisation { kind: AuthKind::Person, name: "赵六".into(), from: None, to: Some(day("2026-12-31")) })).unwrap();
    assert_eq!(k2.authorisations.len(), 4);
    db.write("王前台", |tx| lend(tx, k.id, &loan("赵六", BorrowerKind::Authorised))).unwrap();
    let bad = NewAuthorisation { kind: AuthKind::Person, name: "钱七".into(), from: Some(day("2026-12-31")), to: Some(day("2026-12-01")) };
    assert_eq!(db.write("王前台", |tx| authorise(tx, k.id, &bad)).unwrap_err().code(), "key.dates_reversed");
}

#[test]
fn the_register_of_loans_prints_as_an_a4_sheet() {
    let (mut db, _, k) = estate();
    at(&mut db, "2026-11-23T09:30:00+08:00");
    let mut o = loan("王五", BorrowerKind::Authorised);
    o.override_reason = Some("业主电话同意".into());
    db.write_approved("王前台", Some("李主管"), |tx| lend(tx, k.id, &o)).unwrap();
    let pdf = register_pdf(db.conn(), day("2026-11-01"), day("2026-11-30"), "2026-11-30T18:00:00+08:00").unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let e = register_pdf(db.conn(), day("2026-11-30"), day("2026-11-01"), "2026-11-30T18:00:00+08:00").unwrap_err();
    assert_eq!(e.code(), "key.bad_period");
    assert_eq!(register_pdf(db.conn(), day("2025-01-01"), day("2026-11-30"), "2026-11-30T18:00:00+08:00").unwrap_err().code(), "key.bad_period");
}

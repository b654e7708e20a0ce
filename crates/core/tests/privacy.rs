//! Personal data on a real estate file (issue 5): a supervisor reveals and
//! exports one person's data (the workbook read back with calamine), and
//! erases a former tenant's personal data while the ledger stays whole (balances
//! and receipt totals unchanged, the receipt PDF read back with pdftotext) and
//! the audit chain still verifies and still catches any other edit.
#![allow(clippy::unwrap_used)]

#[path = "support/read_back.rs"]
mod read_back;

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::DateTime;
use estate_core::db::{Clock, Db};
use estate_core::deposits::NewDeposit;
use estate_core::fees::{self, Basis, Method, NewFee, NewPayment, Period};
use estate_core::keys::{AuthKind, BorrowerKind, NewAuthorisation, NewKey, NewLoan, NewReturn};
use estate_core::parcels::{Collector, NewParcel, NewPickup};
use estate_core::register::{self, NewPerson, NewUnit, Role, rules};
use estate_core::service::{NewRequest, NewStep};
use estate_core::surveys::{NewAnswer, NewSurvey, QuestionKind};
use estate_core::staff::{Staff, StaffRole};
use estate_core::{Money, audit, desk, privacy};
use read_back::pdf_text;
use tempfile::TempDir;

const PW: &str = "desk-2026";
const TENANT_PHONE: &str = "13912345678";
const TENANT_ID: &str = "330106198805211232";
const OWNER_ID: &str = "11010519491231002X";

struct Estate {
    dir: TempDir,
    db: Db,
    boss: Staff,
    clerk: Staff,
    tenant: i64,
    owner: i64,
    receipt: String,
}

fn at(db: &mut Db, when: &str) {
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339(when).unwrap()));
}

fn payment(yuan: &str, payer: &str) -> NewPayment {
    NewPayment { amount: Money::parse(yuan).unwrap(), method: Method::Wechat, payer: payer.into(), reference: String::new(), bills: vec![] }
}

/// 1-1-101 owned by 张三 and let to 李租户 (phone, ID number, a car), who paid
/// twice, left a deposit and moved out on 2026-03-01. Today is 2026-03-10.
fn estate() -> Estate {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("estate.db");
    let mut db = Db::create(&path, "翠湖花园").unwrap();
    at(&mut db, "2025-12-20T10:00:00+08:00");
    let boss = desk::create_first_supervisor(&mut db, "李主管", PW).unwrap();
    let clerk = desk::add_staff(&mut db, &boss, "王前台", StaffRole::Clerk, PW).unwrap();
    let unit = NewUnit { code: rules::parse_unit_code("1-1-101").unwrap(), unit_type: register::UnitType::Residence, area: Some(rules::parse_area("100").unwrap()), handover: None };
    desk::add_unit(&mut db, &boss, &unit).unwrap();
    let owner = NewPerson { name: "张三".into(), phones: vec!["13800000001".into()], id_number: Some(OWNER_ID.into()) };
    let (owner, _) = desk::add_occupant(&mut db, &clerk, "1-1-101", &owner, Role::Owner, "2020-01-01".parse().unwrap()).unwrap();
    let tenant = NewPerson { name: "李租户".into(), phones: vec![TENANT_PHONE.into()], id_number: Some(TENANT_ID.into()) };
    let (tenant, _) = desk::add_occupant(&mut db, &clerk, "1-1-101", &tenant, Role::Tenant, "2025-01-01".parse().unwrap()).unwrap();
    desk::add_vehicle(&mut db, &clerk, "1-1-101", "浙A12345", Some(tenant.id)).unwrap();
    let fee = NewFee { name: "物业服务费".into(), basis: Basis::Area, price: "2".parse().unwrap(), unit_type: None, cycle_months: 1 };
    desk::add_fee(&mut db, &boss, &fee, None).unwrap();
    let (jan, mar) = (Period::new(2026, 1).unwrap(), Period::new(2026, 3).unwrap());
    desk::run_billing(&mut db, &boss, jan, mar, &mut |_, _| {}).unwrap();
    at(&mut db, "2026-01-05T10:00:00+08:00");
    let first = desk::pay(&mut db, &clerk, "1-1-101", &payment("200.00", "李租户")).unwrap();
    desk::pay(&mut db, &clerk, "1-1-101", &payment("150.00", "张三、李租户")).unwrap();
    desk::pay(&mut db, &clerk, "1-1-101", &payment("10.00", "张三")).unwrap();
    let deposit = NewDeposit { kind: "钥匙押金".into(), amount: Money::parse("50").unwrap(), method: Method::Cash, payer: "李租户".into(), note: String::new() };
    desk::take_deposit(&mut db, &clerk, "1-1-101", &deposit).unwrap();
    at(&mut db, "2026-03-10T09:00:00+08:00");
    Estate { dir, db, boss, clerk, tenant: tenant.id, owner: owner.id, receipt: first.receipt_no }
}

fn one<T: rusqlite::types::FromSql>(db: &Db, sql: &str) -> T {
    db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn move_out(e: &mut Estate) {
    let unit = register::find_unit(e.db.conn(), "1-1-101").unwrap();
    let occupancy = register::unit_card(e.db.conn(), &unit).unwrap().occupancies.into_iter().find(|o| o.person.id == e.tenant).unwrap();
    desk::end_occupancy(&mut e.db, &e.clerk, "1-1-101", occupancy.id, "2026-03-01".parse().unwrap()).unwrap();
}

/// (owed, prepaid, sum of payments, sum of deposits)
fn money_of(db: &Db) -> (Money, Money, i64, i64) {
    let b = fees::balance(db.conn(), &register::find_unit(db.conn(), "1-1-101").unwrap()).unwrap();
    (b.owed, b.prepaid, one(db, "SELECT SUM(amount) FROM payments"), one(db, "SELECT SUM(amount) FROM deposits"))
}

fn cells(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.iter().map(|c| match c { Data::Float(f) => f.to_string(), other => other.to_string() }).collect()).collect()
}

#[test]
fn a_supervisor_exports_everything_kept_about_one_person_in_full() {
    let mut e = estate();
    let out = e.dir.path().join("李租户.xlsx");
    let refused = desk::export_person(&mut e.db, &e.clerk, e.tenant, &out).unwrap_err();
    assert_eq!(refused.code(), "staff.forbidden");
    assert!(!out.exists(), "a refusal writes nothing");

    let done = desk::export_person(&mut e.db, &e.boss, e.tenant, &out).unwrap();
    assert_eq!((done.units, done.vehicles, done.payments), (1, 1, 2), "the tenant paid twice (once with the owner)");
    let details = cells(&out, "个人信息");
    let value = |label: &str| details.iter().find(|r| r[0] == label).map(|r| r[1].clone()).unwrap();
    assert_eq!(value("姓名"), "李租户");
    assert_eq!(value("电话"), TENANT_PHONE, "their own data, in full");
    assert_eq!(value("身份证号"), TENANT_ID);
    let units = cells(&out, "房屋");
    assert_eq!(units[1][..2], ["1-1-101".to_string(), "租户".to_string()]);
    assert_eq!(cells(&out, "车辆")[1][0], "浙A12345");
    let paid = cells(&out, "缴费记录");
    assert_eq!(paid.len(), 3, "header and two payments: {paid:?}");
    assert_eq!((paid[1][0].as_str(), paid[1][3].as_str()), (e.receipt.as_str(), "200"));
    assert!(paid.iter().all(|r| r[5] != "张三"), "the owner's own payment is not the tenant's");
    let log = cells(&out, "操作记录");
    assert!(log.iter().any(|r| r[3] == "occupancy.add" && r[4].contains("李租户")), "{log:?}");
    assert_eq!(cells(&out, "催缴记录")[1][0], "（没有记录）");
    assert_eq!(cells(&out, "服务需求")[1][0], "（没有记录）");
    assert_eq!(cells(&out, "满意度调查")[1][0], "（没有记录）");
    assert_eq!(one::<String>(&e.db, "SELECT actor FROM audit_log WHERE action = 'person.export'"), "李主管");
}

#[test]
fn the_export_lists_the_requests_the_person_made_on_their_units() {
    let mut e = estate();
    let asked = |caller: &str, phone: &str, content: &str| NewRequest {
        kind: "投诉".into(),
        subject: "服务质量".into(),
        caller: caller.into(),
        phone: phone.into(),
        channel: "电话".into(),
        received_at: "2026-02-10 09:30".into(),
        content: content.into(),
        ..NewRequest::default()
    };
    let mine = desk::request_add(&mut e.db, &e.clerk, "1-1-101", &asked("李租户", TENANT_PHONE, "楼道灯坏了一周")).unwrap();
    desk::request_add(&mut e.db, &e.clerk, "1-1-101", &asked("张三", "13800000001", "业主自己的投诉")).unwrap();
    desk::request_add(&mut e.db, &e.clerk, "1-1-101", &NewRequest { kind: "咨询".into(), subject: String::new(), ..asked("李租户丰", "", "同名开头的另一个人") }).unwrap();
    // A public matter carries no unit: not reached (as the erasure does not reach it).
    desk::request_add(&mut e.db, &e.clerk, "", &asked("李租户", "", "小区大门积水")).unwrap();
    let step = NewStep { step: "定性".into(), valid: Some(true), ..NewStep::default() };
    desk::request_step(&mut e.db, &e.clerk, &mine.request_no, &step).unwrap();

    let out = e.dir.path().join("export.xlsx");
    let done = desk::export_person(&mut e.db, &e.boss, e.tenant, &out).unwrap();
    assert_eq!(done.requests, 1);
    let rows = cells(&out, "服务需求");
    assert_eq!(rows[0], ["编号", "受理时间", "房号", "类型", "来人", "电话", "渠道", "内容", "状态"]);
    assert_eq!(rows.len(), 2, "the tenant's own complaint only: {rows:?}");
    assert_eq!(rows[1], [mine.request_no.as_str(), "2026-02-10 09:30", "1-1-101", "投诉（服务质量）", "李租户", TENANT_PHONE, "电话", "楼道灯坏了一周", "已定性"]);
    let audit: String = one(&e.db, "SELECT detail FROM audit_log WHERE action = 'person.export'");
    assert!(audit.contains("\"requests\":1"), "{audit}");

    // After the erasure the export of the same person still lists the request, under the placeholder and without the phone.
    move_out(&mut e);
    desk::erase_person(&mut e.db, &e.boss, e.tenant, "租户已迁出，本人申请删除").unwrap();
    let again = e.dir.path().join("again.xlsx");
    desk::export_person(&mut e.db, &e.boss, e.tenant, &again).unwrap();
    let rows = cells(&again, "服务需求");
    assert_eq!((rows.len(), rows[1][4].as_str(), rows[1][5].as_str()), (2, format!("已删除住户#{}", e.tenant).as_str(), ""));
}

#[test]
fn a_supervisor_reveals_one_persons_full_numbers_and_it_is_audited() {
    let mut e = estate();
    assert_eq!(desk::reveal_person(&mut e.db, &e.clerk, e.tenant).unwrap_err().code(), "staff.forbidden");
    let shown = desk::reveal_person(&mut e.db, &e.boss, e.tenant).unwrap();
    assert_eq!((shown.phones, shown.id_number.as_deref()), (vec![TENANT_PHONE.to_string()], Some(TENANT_ID)));
    let (actor, person): (String, i64) =
        e.db.conn().query_row("SELECT actor, entity_id FROM audit_log WHERE action = 'person.reveal'", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((actor.as_str(), person), ("李主管", e.tenant));
}

#[test]
fn erasure_is_refused_for_owners_people_still_living_there_and_clerks() {
    let mut e = estate();
    let err = desk::erase_person(&mut e.db, &e.boss, e.owner, "本人申请").unwrap_err();
    assert_eq!(err.code(), "person.owner_of_record");
    assert!(err.to_string().contains("张三 是（或曾是）1-1-101 的业主"), "{err}");
    let err = desk::erase_person(&mut e.db, &e.boss, e.tenant, "本人申请").unwrap_err();
    assert_eq!(err.code(), "person.still_living");
    assert!(err.to_string().contains("请先在房屋页办理迁出"), "{err}");
    move_out(&mut e);
    assert_eq!(desk::erase_person(&mut e.db, &e.clerk, e.tenant, "本人申请").unwrap_err().code(), "staff.forbidden");
    assert_eq!(desk::erase_person(&mut e.db, &e.boss, e.tenant, "  ").unwrap_err().code(), "person.reason_required");
    assert_eq!(one::<String>(&e.db, &format!("SELECT name FROM people WHERE id = {}", e.tenant)), "李租户", "a refusal changes nothing");
}

/// The owner's key, which the tenant was authorised to borrow, lent to and
/// brought back by the tenant; a parcel for the tenant, collected by them.
fn key_and_parcel_for_the_tenant(e: &mut Estate) {
    let tenant = "李租户".to_string();
    let auth = NewAuthorisation { kind: AuthKind::Person, name: tenant.clone(), from: None, to: None };
    let key = NewKey { hook: "A-01".into(), key_count: 1, description: String::new(), deposited_by: "张三".into(), deposited_on: None, note: String::new(), authorisations: vec![auth] };
    let key = desk::deposit_key(&mut e.db, &e.clerk, "1-1-101", &key).unwrap();
    let loan = NewLoan {
        borrower: tenant.clone(), borrower_kind: BorrowerKind::Authorised, id_type: "身份证".into(), id_last4: "1232".into(), purpose: "取物".into(), due: "18:00".into(), override_reason: None,
    };
    desk::lend_key(&mut e.db, &e.clerk, key.id, &loan, None).unwrap();
    desk::return_key(&mut e.db, &e.clerk, key.id, &NewReturn { returned_by: tenant.clone(), condition: "完好".into() }).unwrap();
    let parcel = NewParcel {
        kind: "parcel".into(), carrier: "顺丰速运".into(), tracking_no: "SF1234567890123".into(), unit: "1-1-101".into(), recipient: tenant, size: String::new(), shelf: String::new(),
    };
    let parcel = desk::parcel_in(&mut e.db, &e.clerk, &parcel).unwrap();
    let pickup = NewPickup { code: Some(parcel.pickup_code.clone()), collector: Collector::Recipient, collector_name: String::new(), note: String::new() };
    desk::parcel_pickup(&mut e.db, &e.clerk, &[parcel.id], &pickup).unwrap();
}

#[test]
fn erasing_a_former_tenant_keeps_the_ledger_whole_and_the_chain_verifiable() {
    let mut e = estate();
    move_out(&mut e);
    let before = money_of(&e.db);
    let receipt_pdf = e.dir.path().join("before.pdf");
    desk::print_receipt(&mut e.db, &e.clerk, &e.receipt, &receipt_pdf).unwrap();
    assert!(pdf_text(&receipt_pdf).contains("李租户"));

    key_and_parcel_for_the_tenant(&mut e);

    let erased = desk::erase_person(&mut e.db, &e.boss, e.tenant, "租户已迁出，本人申请删除").unwrap();
    let placeholder = format!("已删除住户#{}", e.tenant);
    assert_eq!(erased.placeholder, placeholder);
    assert_eq!((erased.payments, erased.deposits, erased.vehicles), (2, 1, 1));
    assert_eq!((erased.key_records, erased.parcel_records), (3, 2), "authorisation, loan, return; label and pickup");
    let books = "SELECT name FROM key_authorisations UNION ALL SELECT borrower FROM key_loans UNION ALL SELECT returned_by FROM key_returns
                 UNION ALL SELECT deposited_by FROM custody_keys UNION ALL SELECT recipient FROM parcels UNION ALL SELECT collector_name FROM parcel_pickups";
    let names: Vec<String> = e.db.conn().prepare(books).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(names, [placeholder.as_str(), &placeholder, &placeholder, "张三", &placeholder, &placeholder], "the key and parcel books name nobody erased");
    for edit in [
        "UPDATE key_loans SET borrower = '王五'", "UPDATE key_loans SET purpose = '改了'", "UPDATE key_returns SET returned_by = '王五'",
        "UPDATE key_authorisations SET name = '王五'", "UPDATE custody_keys SET deposited_by = '王五'", "UPDATE custody_keys SET note = '改了'",
        "UPDATE parcel_pickups SET collector_name = '王五'", "UPDATE parcels SET recipient = '王五'",
    ] {
        assert!(e.db.conn().execute(edit, []).is_err(), "{edit}: only an erasure's placeholder may replace a name");
    }
    assert!(erased.audit_entries >= 1);

    assert_eq!(money_of(&e.db), before, "balances, payments and deposits are unchanged");
    let (name, phones, id): (String, String, Option<String>) =
        e.db.conn().query_row(&format!("SELECT name, phones, id_number FROM people WHERE id = {}", e.tenant), [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    assert_eq!((name.as_str(), phones.as_str(), id), (placeholder.as_str(), "", None));
    let payers: Vec<String> = e.db.conn().prepare("SELECT payer FROM payments ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(payers, [placeholder.clone(), format!("张三、{placeholder}"), "张三".to_string()]);
    assert_eq!(one::<i64>(&e.db, "SELECT COUNT(*) FROM vehicles"), 0);

    let receipt_after = e.dir.path().join("after.pdf");
    desk::print_receipt(&mut e.db, &e.clerk, &e.receipt, &receipt_after).unwrap();
    let text = pdf_text(&receipt_after);
    assert!(text.contains(&placeholder) && !text.contains("李租户"), "the past receipt still prints, with the name replaced:\n{text}");
    assert!(text.contains("200.00"), "with its amount:\n{text}");

    assert_eq!(audit::verify(e.db.conn()).unwrap().first_broken, None, "the chain verifies after the redaction");
    for secret in ["李租户", TENANT_PHONE, TENANT_ID] {
        let left: i64 = e.db.conn().query_row("SELECT COUNT(*) FROM audit_log WHERE instr(detail, ?1) > 0", [secret], |r| r.get(0)).unwrap();
        assert_eq!(left, 0, "{secret} is gone from the audit log");
    }
    let owner_named: i64 = one(&e.db, "SELECT COUNT(*) FROM audit_log WHERE instr(detail, '张三') > 0");
    assert!(owner_named > 0, "the owner's name stays where it was");
    let again = desk::erase_person(&mut e.db, &e.boss, e.tenant, "再删一次").unwrap_err();
    assert_eq!(again.code(), "person.already_erased");
    // The person is found by the placeholder now, and exports what is left.
    assert_eq!(privacy::find_person(e.db.conn(), &placeholder).unwrap().id, e.tenant);
}

#[test]
fn verify_still_catches_any_other_edit_of_a_redacted_entry() {
    let mut e = estate();
    move_out(&mut e);
    desk::erase_person(&mut e.db, &e.boss, e.tenant, "本人申请").unwrap();
    let redacted: i64 = one(&e.db, "SELECT MIN(entry_id) FROM audit_redactions");
    // The database refuses any edit but the recorded one.
    assert!(e.db.conn().execute("UPDATE audit_log SET detail = '{}' WHERE id = ?1", [redacted]).is_err());
    assert!(e.db.conn().execute("UPDATE audit_log SET actor = '某人' WHERE id = ?1", [redacted]).is_err());
    assert!(e.db.conn().execute("UPDATE payments SET payer = '王五' WHERE id = 1", []).is_err(), "a payer may become only the placeholder");
    assert!(e.db.conn().execute("UPDATE payments SET amount = 1 WHERE id = 1", []).is_err(), "amounts never change");

    // Someone goes around the program: without the guard, edit the redacted entry's actor, then its detail.
    e.db.conn().execute_batch("DROP TRIGGER audit_write_once").unwrap();
    let actor: String = one(&e.db, &format!("SELECT actor FROM audit_log WHERE id = {redacted}"));
    e.db.conn().execute("UPDATE audit_log SET actor = '某人' WHERE id = ?1", [redacted]).unwrap();
    assert_eq!(audit::verify(e.db.conn()).unwrap().first_broken, Some(redacted));
    e.db.conn().execute("UPDATE audit_log SET actor = ?2 WHERE id = ?1", rusqlite::params![redacted, actor]).unwrap();
    assert_eq!(audit::verify(e.db.conn()).unwrap().first_broken, None);
    e.db.conn().execute("UPDATE audit_log SET detail = '{\"name\":\"李租户\"}' WHERE id = ?1", [redacted]).unwrap();
    assert_eq!(audit::verify(e.db.conn()).unwrap().first_broken, Some(redacted));
}

#[test]
fn a_redaction_recorded_outside_the_erasure_does_not_pass_verify() {
    let mut e = estate();
    let entry: i64 = one(&e.db, "SELECT id FROM audit_log WHERE action = 'occupancy.add' ORDER BY id DESC LIMIT 1");
    let later: i64 = one(&e.db, "SELECT MAX(id) FROM audit_log");
    e.db.conn().execute("INSERT INTO audit_redactions (entry_id, redaction_id, detail) VALUES (?1, ?2, '{}')", [entry, later]).unwrap();
    e.db.conn().execute("UPDATE audit_log SET detail = '{}' WHERE id = ?1", [entry]).unwrap();
    assert_eq!(audit::verify(e.db.conn()).unwrap().first_broken, Some(entry), "only an erasure's sealed redaction counts");
    // And an erasure refuses to seal over an entry already tampered with.
    move_out(&mut e);
    let err = desk::erase_person(&mut e.db, &e.boss, e.tenant, "本人申请").unwrap_err();
    assert_eq!(err.code(), "audit.tampered");
}

#[test]
fn a_person_is_named_by_id_or_by_a_name_only_one_person_has() {
    let mut e = estate();
    assert_eq!(privacy::find_person(e.db.conn(), &e.tenant.to_string()).unwrap().name, "李租户");
    assert_eq!(privacy::find_person(e.db.conn(), " 李租户 ").unwrap().id, e.tenant);
    assert_eq!(privacy::find_person(e.db.conn(), "王五").unwrap_err().code(), "person.not_found");
    let other = NewPerson { name: "李租户".into(), phones: vec!["13700000000".into()], id_number: None };
    let unit = NewUnit { code: rules::parse_unit_code("1-1-102").unwrap(), unit_type: register::UnitType::Residence, area: Some(rules::parse_area("90").unwrap()), handover: None };
    desk::add_unit(&mut e.db, &e.boss, &unit).unwrap();
    desk::add_occupant(&mut e.db, &e.clerk, "1-1-102", &other, Role::Tenant, "2026-01-01".parse().unwrap()).unwrap();
    let err = privacy::find_person(e.db.conn(), "李租户").unwrap_err();
    assert_eq!(err.code(), "person.ambiguous");
    assert!(err.to_string().contains("有 2 位住户都叫“李租户”"), "{err}");
}

#[test]
fn the_export_lists_the_survey_sheets_the_person_answered_on_their_units() {
    let mut e = estate();
    let survey = NewSurvey { name: "2026年上半年满意度调查".into(), period: "2026-H1".into(), opened_on: "2026-01-05".into(), copy_last: false };
    desk::survey_add(&mut e.db, &e.boss, &survey, None).unwrap();
    desk::survey_question(&mut e.db, &e.boss, "2026-H1", QuestionKind::Score, "客服服务", None).unwrap();
    desk::survey_question(&mut e.db, &e.boss, "2026-H1", QuestionKind::Comment, "意见建议", None).unwrap();
    let sheet = NewAnswer { respondent: "李租户".into(), visited_on: "2026-02-20".into(), visited_by: String::new(), scores: vec![4], comments: vec!["电梯常坏".into()] };
    desk::survey_answer(&mut e.db, &e.clerk, "2026-H1", "1-1-101", &sheet).unwrap();

    let out = e.dir.path().join("export.xlsx");
    let done = desk::export_person(&mut e.db, &e.boss, e.tenant, &out).unwrap();
    assert_eq!(done.surveys, 1);
    let rows = cells(&out, "满意度调查");
    assert_eq!(rows[0], ["调查", "走访日期", "房号", "答卷人", "走访人", "回答"]);
    // The visit's day is a real Excel date: serial 46073 is 2026-02-20.
    assert_eq!(rows[1], ["2026年上半年满意度调查", "46073", "1-1-101", "李租户", "王前台", "客服服务：4 分；意见建议：电梯常坏"]);
    // The owner did not answer it: their export has no sheet line.
    let owners = e.dir.path().join("owner.xlsx");
    desk::export_person(&mut e.db, &e.boss, e.owner, &owners).unwrap();
    assert_eq!(cells(&owners, "满意度调查")[1][0], "（没有记录）");
}

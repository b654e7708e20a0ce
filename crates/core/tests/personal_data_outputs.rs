//! Every output of a real estate file, read back, for personal data (issue 5):
//! ID numbers never appear in full anywhere; phones appear in full only in the
//! two sheets that go to the office's SMS service (the notices' messaging sheet
//! and the dunning reminders), whose job is the number; the audit log and the
//! error messages of writes made with real values hold neither.
#![allow(clippy::unwrap_used)]

#[path = "support/read_back.rs"]
mod read_back;

use chrono::{DateTime, NaiveDate};
use estate_core::db::{Clock, Db};
use estate_core::dunning::{LetterOptions, Pick};
use estate_core::fees::{Basis, Method, NewFee, NewPayment, Period};
use estate_core::notices::Filter;
use estate_core::register::{self, NewPerson, NewUnit, PersonForm, Role, rules};
use estate_core::search::Index;
use estate_core::staff::StaffRole;
use estate_core::{Money, desk};
use read_back::{pdf_text, xlsx_text};

const PW: &str = "desk-2026";
/// (name, mobile, ID number) of the people on file.
const PEOPLE: [(&str, &str, &str); 3] = [
    ("张三", "13800000001", "11010519491231002X"),
    ("李租户", "13912345678", "330106198805211232"),
    ("王五", "13700000002", "440301199003075610"),
];

fn secrets() -> Vec<&'static str> {
    PEOPLE.iter().flat_map(|(_, phone, id)| [*phone, *id]).collect()
}

fn ids() -> Vec<&'static str> {
    PEOPLE.iter().map(|(_, _, id)| *id).collect()
}

fn holds_none(what: &str, text: &str, of: &[&str]) {
    assert!(!text.is_empty(), "{what} has text");
    for s in of {
        assert!(!text.contains(s), "{what} shows {s} in full:\n{text}");
    }
}

#[test]
fn no_output_shows_an_id_number_and_only_the_sms_sheets_show_full_phones() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name);
    let mut db = Db::create(&out("estate.db"), "翠湖花园").unwrap();
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339("2026-03-10T09:00:00+08:00").unwrap()));
    let boss = desk::create_first_supervisor(&mut db, "李主管", PW).unwrap();
    let clerk = desk::add_staff(&mut db, &boss, "王前台", StaffRole::Clerk, PW).unwrap();
    for (code, who, role) in [("1-1-101", 0, Role::Owner), ("1-1-101", 1, Role::Tenant), ("1-1-102", 2, Role::Owner)] {
        if register::find_unit(db.conn(), code).is_err() {
            let unit = NewUnit { code: rules::parse_unit_code(code).unwrap(), unit_type: register::UnitType::Residence, area: Some(rules::parse_area("100").unwrap()), handover: None };
            desk::add_unit(&mut db, &boss, &unit).unwrap();
        }
        let (name, phone, id) = PEOPLE[who];
        let person = NewPerson { name: name.into(), phones: vec![phone.into()], id_number: Some(id.into()) };
        desk::add_occupant(&mut db, &clerk, code, &person, role, "2024-01-01".parse().unwrap()).unwrap();
    }
    let fee = NewFee { name: "物业服务费".into(), basis: Basis::Area, price: "2".parse().unwrap(), unit_type: None, cycle_months: 1 };
    desk::add_fee(&mut db, &boss, &fee, None).unwrap();
    desk::run_billing(&mut db, &boss, Period::new(2026, 1).unwrap(), Period::new(2026, 3).unwrap(), &mut |_, _| {}).unwrap();
    let payment = NewPayment { amount: Money::parse("200").unwrap(), method: Method::Cash, payer: "张三".into(), reference: String::new(), bills: vec![] };
    let paid = desk::pay(&mut db, &clerk, "1-1-101", &payment).unwrap();

    // Errors of writes made with real values name no phone or ID number.
    let mut errors = Vec::new();
    let wang = estate_core::privacy::find_person(db.conn(), "王五").unwrap();
    let taken = NewPerson { name: "王五".into(), phones: vec![], id_number: Some(PEOPLE[0].2.into()) };
    errors.push(desk::edit_person(&mut db, &clerk, wang.id, &taken).unwrap_err().to_string());
    errors.push(PersonForm { name: "赵六".into(), phones: format!("{}0", PEOPLE[0].1), id_number: String::new() }.read().unwrap_err().to_string());
    errors.push(PersonForm { name: "赵六".into(), phones: format!("{}x", PEOPLE[1].1), id_number: String::new() }.read().unwrap_err().to_string());
    let wrong_digit = NewPerson { name: "赵六".into(), phones: vec![], id_number: Some("11010519491231002Y".into()) };
    errors.push(desk::add_occupant(&mut db, &clerk, "1-1-102", &wrong_digit, Role::Family, "2024-01-01".parse().unwrap()).unwrap_err().to_string());
    holds_none("the error messages", &errors.join("\n"), &[&secrets()[..], &["11010519491231002Y", "138000000010", "13912345678x"]].concat());

    // Receipts, billing notices, dunning letters, the daily close sheet, finance's workbook.
    desk::print_receipt(&mut db, &clerk, &paid.receipt_no, &out("receipt.pdf")).unwrap();
    holds_none("the receipt", &pdf_text(&out("receipt.pdf")), &secrets());
    let march = Filter::read("2026-03", "").unwrap();
    let today: NaiveDate = "2026-03-10".parse().unwrap();
    desk::print_notices(&db, &clerk, &march, today, &out("notices.pdf"), &mut |_, _| {}).unwrap();
    holds_none("the billing notices", &pdf_text(&out("notices.pdf")), &secrets());
    let everyone = Pick::read("", 0, "", "").unwrap();
    let options = LetterOptions { as_of: today, deadline_days: 15, with_slip: true };
    desk::dunning::print_letters(&mut db, &clerk, &everyone, options, &out("letters.pdf"), &mut |_, _| {}).unwrap();
    holds_none("the dunning letters", &pdf_text(&out("letters.pdf")), &secrets());
    desk::close_day(&mut db, &clerk, "王前台", today, Money::parse("200").unwrap(), "").unwrap();
    desk::save_handover_sheet(&db, &clerk, "王前台", today, &out("close.pdf")).unwrap();
    holds_none("the daily close sheet", &pdf_text(&out("close.pdf")), &secrets());
    desk::export_monthly(&mut db, &boss, Period::new(2026, 3).unwrap(), &out("monthly.xlsx")).unwrap();
    holds_none("the monthly workbook", &xlsx_text(&out("monthly.xlsx")), &secrets());

    // The two sheets for the SMS service carry the owners' mobiles (their job), never an ID number.
    desk::export_notice_messages(&db, &clerk, &march, today, &out("messages.xlsx")).unwrap();
    let messages = xlsx_text(&out("messages.xlsx"));
    holds_none("the notices' messaging sheet", &messages, &ids());
    assert!(messages.contains(PEOPLE[0].1) && messages.contains(PEOPLE[2].1), "the service needs the owners' numbers:\n{messages}");
    assert!(!messages.contains(PEOPLE[1].1), "a tenant is not messaged:\n{messages}");
    desk::dunning::export_reminders(&db, &clerk, today, &everyone, 15, &out("reminders.xlsx")).unwrap();
    let reminders = xlsx_text(&out("reminders.xlsx"));
    holds_none("the reminder sheet", &reminders, &ids());
    assert!(reminders.contains(PEOPLE[2].1), "the unit in arrears' owner is texted:\n{reminders}");

    // What the desk and the CLI are sent: the unit card, the search box.
    let unit = register::find_unit(db.conn(), "1-1-101").unwrap();
    let card = serde_json::to_string(&register::unit_card(db.conn(), &unit).unwrap()).unwrap();
    holds_none("the unit card", &card, &secrets());
    assert!(card.contains("138****0001") && card.contains("110105********002X"), "{card}");
    let index = Index::load(db.conn()).unwrap();
    let hits = serde_json::to_string(&index.find("13800000001", 10)).unwrap();
    assert!(hits.contains("138****0001"), "found by the number, shown masked: {hits}");
    holds_none("the search hits", &hits, &secrets());

    // And the audit log of all of the above.
    let details: Vec<String> = db.conn().prepare("SELECT detail FROM audit_log").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    holds_none("the audit log", &details.join("\n"), &secrets());
}

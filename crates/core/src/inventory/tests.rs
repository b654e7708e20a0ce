//! Controlled items and the monthly count on a small estate with known figures.

use super::*;
use crate::db::Db;
use crate::fees::{Method, Period};
use crate::register::{NewPerson, NewUnit, UnitType, rules as reg_rules};
use crate::testing::{day, on, yuan};

fn estate() -> (Db, Unit, Unit) {
    let mut db = Db::in_memory("测试小区").unwrap();
    on(&mut db, "2026-11-02");
    let add = |db: &mut Db, code: &str| {
        let new = NewUnit { code: reg_rules::parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area("90").unwrap()), handover: None };
        db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
    };
    let (a, empty) = (add(&mut db, "1-1-101"), add(&mut db, "1-1-102"));
    for (name, role) in [("张三", Role::Owner), ("张小明", Role::Family)] {
        let p = NewPerson { name: name.into(), phones: vec![], id_number: None };
        db.write("测试", |tx| register::add_occupant(tx, &a, &p, role, day("2020-01-01"))).unwrap();
    }
    (db, a, empty)
}

fn stock(db: &mut Db, kind: ItemKind, serials: &[&str]) -> Vec<Item> {
    let serials: Vec<String> = serials.iter().map(|s| s.to_string()).collect();
    let name = if kind == ItemKind::Other { "遥控器" } else { "" };
    db.write("前台", |tx| add_items(tx, kind, &serials, name)).unwrap()
}

fn card(serial: &str, holder: &str) -> NewIssue {
    NewIssue { kind: ItemKind::ResidentCard, serial: serial.into(), holder: holder.into(), method: Method::Cash, note: String::new() }
}

fn back(serial: &str) -> NewReturn {
    NewReturn { kind: None, serial: serial.into(), returned_by: String::new(), note: "完好".into(), deduct: Money::ZERO, reason: String::new() }
}

fn rows(db: &Db, table: &str) -> i64 {
    db.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn set(db: &mut Db, key: &str, value: &str) {
    db.write("主管", |tx| settings::change(tx, key, value)).unwrap();
}

#[test]
fn stock_is_added_by_serial_or_range_and_a_serial_is_never_registered_twice() {
    let (mut db, ..) = estate();
    let added = stock(&mut db, ItemKind::ResidentCard, &["ZH0001..ZH0003", "ZH0010"]);
    assert_eq!(added.iter().map(|i| i.serial.as_str()).collect::<Vec<_>>(), ["ZH0001", "ZH0002", "ZH0003", "ZH0010"]);
    assert!(added.iter().all(|i| i.out.is_none() && i.added_by == "前台" && i.kind_label == "住户卡"));
    // The same number as a car card is another item.
    stock(&mut db, ItemKind::CarCard, &["ZH0001"]);
    let again = db.write("前台", |tx| add_items(tx, ItemKind::ResidentCard, &["ZH0009..ZH0011".into()], "")).unwrap_err();
    assert_eq!(again.code(), "inventory.serial_taken");
    assert!(again.to_string().contains("住户卡“ZH0010”已经登记过了"), "{again}");
    let twice = db.write("前台", |tx| add_items(tx, ItemKind::Handset, &["D1".into(), "D1".into()], "")).unwrap_err();
    assert_eq!(twice.code(), "inventory.serial_taken");
    assert_eq!(db.write("前台", |tx| add_items(tx, ItemKind::Other, &["R1".into()], " ")).unwrap_err().code(), "inventory.name_required");
    assert_eq!(db.write("前台", |tx| add_items(tx, ItemKind::Handset, &[" ".into()], "")).unwrap_err().code(), "inventory.serial_empty");
    assert_eq!(db.write("前台", |tx| add_items(tx, ItemKind::Handset, &[], "")).unwrap_err().code(), "inventory.serial_empty");
    assert_eq!(db.write("前台", |tx| add_items(tx, ItemKind::Handset, &["D9..D1".into()], "")).unwrap_err().code(), "inventory.bad_range");
    assert_eq!(rows(&db, "inventory_items"), 5, "a refused entry writes nothing");
}

#[test]
fn a_card_goes_to_a_person_of_the_unit_with_the_deposit_and_its_receipt() {
    let (mut db, unit, _) = estate();
    stock(&mut db, ItemKind::ResidentCard, &["ZH0001..ZH0002"]);
    set(&mut db, settings::INVENTORY_CARD_DEPOSIT, "50");
    let m = db.write("前台", |tx| issue(tx, &unit, &NewIssue { method: Method::Wechat, ..card("ZH0001", "张小明") })).unwrap();
    let d = m.deposit.clone().unwrap();
    assert_eq!((d.kind.as_str(), d.amount, d.held, d.payer.as_str(), d.method.as_str()), ("门禁卡押金", yuan("50"), yuan("50"), "张小明", "微信"));
    assert_eq!(d.note, "住户卡 ZH0001");
    assert_eq!(d.receipt_no.as_deref(), Some("YJ0000001"));
    let out = m.item.out.clone().unwrap();
    assert_eq!((out.unit.as_str(), out.holder.as_str(), out.deposit_held, out.receipt_no.as_deref()), ("1-1-101", "张小明", yuan("50"), Some("YJ0000001")));
    // No name: the first owner.
    let owner = db.write("前台", |tx| issue(tx, &unit, &card("ZH0002", ""))).unwrap();
    assert_eq!((owner.holder.as_str(), owner.deposit.unwrap().receipt_no.as_deref()), ("张三", Some("YJ0000002")));
    let out_list = items(db.conn(), &ItemFilter { unit_id: Some(unit.id), ..Default::default() }).unwrap();
    assert_eq!(out_list.len(), 2);
    assert!(items(db.conn(), &ItemFilter { out: Some(false), ..Default::default() }).unwrap().is_empty());
}

#[test]
fn an_issue_is_refused_when_the_item_is_out_unknown_or_the_person_not_of_the_unit() {
    let (mut db, unit, empty) = estate();
    stock(&mut db, ItemKind::ResidentCard, &["ZH0001..ZH0002"]);
    db.write("前台", |tx| issue(tx, &unit, &card("ZH0001", "张三"))).unwrap();
    let out = db.write("前台", |tx| issue(tx, &unit, &card("ZH0001", "张小明"))).unwrap_err();
    assert_eq!(out.code(), "inventory.already_out");
    assert!(out.to_string().contains("已经发给 1-1-101 张三"), "{out}");
    let stranger = db.write("前台", |tx| issue(tx, &unit, &card("ZH0002", "李四"))).unwrap_err();
    assert_eq!(stranger.code(), "inventory.not_of_unit");
    assert_eq!(db.write("前台", |tx| issue(tx, &empty, &card("ZH0002", ""))).unwrap_err().code(), "inventory.no_holder");
    assert_eq!(db.write("前台", |tx| issue(tx, &unit, &card("ZH0999", ""))).unwrap_err().code(), "inventory.item_not_found");
    let as_car = NewIssue { kind: ItemKind::CarCard, ..card("ZH0002", "") };
    assert_eq!(db.write("前台", |tx| issue(tx, &unit, &as_car)).unwrap_err().code(), "inventory.item_not_found");
    assert_eq!((rows(&db, "inventory_issues"), rows(&db, "deposits")), (1, 0), "no deposit setting: none taken; refusals write nothing");
}

#[test]
fn a_bad_deposit_setting_in_the_file_refuses_the_issue_rather_than_guess() {
    let (mut db, unit, _) = estate();
    stock(&mut db, ItemKind::Handset, &["DJ01"]);
    // Written around the setting's check, as an older program or a hand edit might.
    settings::set(db.conn(), settings::INVENTORY_HANDSET_DEPOSIT, "两百").unwrap();
    let e = db.write("前台", |tx| issue(tx, &unit, &NewIssue { kind: ItemKind::Handset, ..card("DJ01", "") })).unwrap_err();
    assert_eq!((e.code(), e.is_input()), ("inventory.bad_deposit_setting", false));
}

#[test]
fn a_return_refunds_what_the_deposit_holds_less_a_deduction_with_its_reason() {
    let (mut db, unit, _) = estate();
    stock(&mut db, ItemKind::ResidentCard, &["ZH0001..ZH0002"]);
    stock(&mut db, ItemKind::Handset, &["DJ01"]);
    set(&mut db, settings::INVENTORY_CARD_DEPOSIT, "50");
    db.write("前台", |tx| issue(tx, &unit, &card("ZH0001", "张三"))).unwrap();
    db.write("前台", |tx| issue(tx, &unit, &card("ZH0002", "张三"))).unwrap();
    db.write("前台", |tx| issue(tx, &unit, &NewIssue { kind: ItemKind::Handset, ..card("DJ01", "张三") })).unwrap();
    on(&mut db, "2026-11-20");
    let whole = db.write("前台", |tx| return_item(tx, &NewReturn { returned_by: "张小明".into(), ..back("ZH0001") })).unwrap();
    assert_eq!((whole.refunded, whole.deducted, whole.returned_by.as_str(), whole.holder.as_str()), (yuan("50"), Money::ZERO, "张小明", "张三"));
    assert_eq!(whole.deposit.as_ref().unwrap().held, Money::ZERO);
    assert!(whole.item.out.is_none(), "back in stock");
    assert_eq!(db.write("前台", |tx| return_item(tx, &back("ZH0001"))).unwrap_err().code(), "inventory.not_out");
    let no_reason = NewReturn { deduct: yuan("20"), ..back("ZH0002") };
    assert_eq!(db.write("前台", |tx| return_item(tx, &no_reason)).unwrap_err().code(), "inventory.reason_required");
    let too_much = NewReturn { deduct: yuan("50.01"), reason: "卡片损坏".into(), ..back("ZH0002") };
    assert_eq!(db.write("前台", |tx| return_item(tx, &too_much)).unwrap_err().code(), "deposit.refund_too_large");
    let negative = NewReturn { deduct: yuan("-1"), reason: "x".into(), ..back("ZH0002") };
    assert_eq!(db.write("前台", |tx| return_item(tx, &negative)).unwrap_err().code(), "deposit.negative");
    let damaged = NewReturn { deduct: yuan("20"), reason: "卡片折断".into(), ..back("ZH0002") };
    let part = db.write("前台", |tx| return_item(tx, &damaged)).unwrap();
    assert_eq!((part.refunded, part.deducted, part.returned_by.as_str()), (yuan("30"), yuan("20"), "张三"));
    assert_eq!(part.deposit.unwrap().refunds[0].reason, "卡片折断");
    // The handset was issued without a deposit: nothing to deduct from.
    let nothing = NewReturn { deduct: yuan("1"), reason: "划痕".into(), ..back("DJ01") };
    assert_eq!(db.write("前台", |tx| return_item(tx, &nothing)).unwrap_err().code(), "inventory.no_deposit");
    let plain = db.write("前台", |tx| return_item(tx, &back("DJ01"))).unwrap();
    assert!(plain.deposit.is_none() && plain.refunded.is_zero());
    assert_eq!(rows(&db, "inventory_returns"), 3);
    assert_eq!(rows(&db, "deposit_refunds"), 2);
}

#[test]
fn a_serial_shared_by_two_kinds_needs_its_kind_on_return() {
    let (mut db, unit, _) = estate();
    stock(&mut db, ItemKind::ResidentCard, &["8001"]);
    stock(&mut db, ItemKind::CarCard, &["8001"]);
    db.write("前台", |tx| issue(tx, &unit, &NewIssue { kind: ItemKind::CarCard, ..card("8001", "") })).unwrap();
    assert_eq!(db.write("前台", |tx| return_item(tx, &back("8001"))).unwrap_err().code(), "inventory.serial_ambiguous");
    let car = db.write("前台", |tx| return_item(tx, &NewReturn { kind: Some(ItemKind::CarCard), ..back("8001") })).unwrap();
    assert_eq!(car.item.kind, ItemKind::CarCard);
}

#[test]
fn the_database_refuses_a_second_issue_of_an_item_out_and_any_edit() {
    let (mut db, unit, _) = estate();
    let item = stock(&mut db, ItemKind::ResidentCard, &["ZH0001"]).remove(0);
    db.write("前台", |tx| issue(tx, &unit, &card("ZH0001", ""))).unwrap();
    let c = db.conn();
    let twice = c.execute("INSERT INTO inventory_issues (item_id, unit_id, person_id, issued_at, operator) VALUES (?1, ?2, 1, 'x', 'x')", [item.id, unit.id]);
    assert!(twice.unwrap_err().to_string().contains("the item is out"));
    assert!(c.execute("UPDATE inventory_items SET serial = 'X'", []).is_err());
    assert!(c.execute("DELETE FROM inventory_issues", []).is_err());
}

#[test]
fn deposit_receipts_run_in_their_own_series_beside_the_fee_receipts() {
    let (mut db, unit, _) = estate();
    let take = |db: &mut Db| {
        let d = deposits::NewDeposit { kind: "装修".into(), amount: yuan("2000"), method: Method::Cash, payer: "张三".into(), note: String::new() };
        db.write("前台", |tx| deposits::take(tx, &unit, &d)).unwrap()
    };
    let pay = crate::fees::NewPayment { amount: yuan("10"), method: Method::Cash, payer: String::new(), reference: String::new(), bills: vec![] };
    let paid = db.write("前台", |tx| crate::fees::pay(tx, &unit, &pay)).unwrap();
    assert_eq!(paid.receipt_no, "SF0000001");
    assert_eq!(take(&mut db).receipt_no.as_deref(), Some("YJ0000001"));
    set(&mut db, settings::DEPOSIT_RECEIPT_SERIES, "YA");
    assert_eq!(take(&mut db).receipt_no.as_deref(), Some("YA0000001"));
    // Neither setting may take the other's series, now or ever used.
    for (key, value) in [(settings::DEPOSIT_RECEIPT_SERIES, "SF"), (settings::RECEIPT_SERIES, "YA"), (settings::RECEIPT_SERIES, "YJ")] {
        let e = db.write("主管", |tx| settings::change(tx, key, value)).unwrap_err();
        assert_eq!(e.code(), "settings.series_in_use", "{key} {value}");
    }
    assert_eq!(db.write("前台", |tx| crate::fees::pay(tx, &unit, &pay)).unwrap().receipt_no, "SF0000002");
    // And the database refuses a fee receipt in a deposit series.
    let clash = db.conn().execute("INSERT INTO receipts (series, number, receipt_no, payment_id, issued_at, operator) VALUES ('YJ', 9, 'YJ9', 1, 'x', 'x')", []);
    assert!(clash.unwrap_err().to_string().contains("either for fees or for deposits"));
}

#[test]
fn a_deposit_receipt_prints_as_original_then_reprint_and_an_old_deposit_gets_its_number_then() {
    let (mut db, unit, _) = estate();
    let d = deposits::NewDeposit { kind: "钥匙".into(), amount: yuan("100"), method: Method::Cash, payer: "张三".into(), note: String::new() };
    let taken = db.write("前台", |tx| deposits::take(tx, &unit, &d)).unwrap();
    let first = db.write("前台", |tx| deposits::receipt::print(tx, taken.id)).unwrap();
    let second = db.write("前台", |tx| deposits::receipt::print(tx, taken.id)).unwrap();
    assert_eq!((first.receipt_no.as_str(), first.reprint, second.reprint), ("YJ0000001", 0, 1));
    assert!(first.pdf.starts_with(b"%PDF"));
    // A deposit written before deposits had receipts (no receipt row): numbered at its first print.
    db.conn()
        .execute("INSERT INTO deposits (unit_id, kind, amount, payer, method, note, received_at, operator) VALUES (?1, '装修押金', 5000, '张三', 'cash', '', '2026-01-05T09:00:00+08:00', '前台')", [unit.id])
        .unwrap();
    let old_id = db.conn().last_insert_rowid();
    assert_eq!(deposits::deposit(db.conn(), old_id).unwrap().receipt_no, None);
    let old = db.write("前台", |tx| deposits::receipt::print(tx, old_id)).unwrap();
    assert_eq!((old.receipt_no.as_str(), old.reprint), ("YJ0000002", 0));
    assert_eq!(db.write("前台", |tx| deposits::receipt::print(tx, 999)).unwrap_err().code(), "deposit.not_found");
}

fn counted(db: &mut Db) -> (Unit, Count) {
    let (mut fresh, unit, _) = estate();
    std::mem::swap(db, &mut fresh);
    stock(db, ItemKind::ResidentCard, &["ZH0001..ZH0003"]);
    stock(db, ItemKind::Other, &["R1"]);
    db.write("前台", |tx| issue(tx, &unit, &card("ZH0002", "张小明"))).unwrap();
    on(db, "2026-11-28");
    let c = db.write("前台", |tx| start_count(tx, None)).unwrap();
    (unit, c)
}

#[test]
fn a_count_starts_with_the_expected_list_from_the_register() {
    let mut db = Db::in_memory("x").unwrap();
    let (_, c) = counted(&mut db);
    assert_eq!((c.period.as_str(), c.started_by.as_str(), c.closed.is_some()), ("2026-11", "前台", false));
    let shown: Vec<(i64, &str, &str, Expected, &str, &str)> =
        c.lines.iter().map(|l| (l.line_no, l.kind_label.as_str(), l.label.as_str(), l.expected, l.place.as_str(), l.status)).collect();
    assert_eq!(
        shown,
        [
            (1, "住户卡", "ZH0001", Expected::InOffice, "库存", "未点"),
            (2, "住户卡", "ZH0002", Expected::Out, "1-1-101 张小明", "已发出"),
            (3, "住户卡", "ZH0003", Expected::InOffice, "库存", "未点"),
            (4, "其他", "遥控器 R1", Expected::InOffice, "库存", "未点"),
        ]
    );
    assert_eq!((c.in_office, c.recorded, c.differences), (3, 0, 0));
}

#[test]
fn one_count_a_month_never_ahead_and_an_open_one_holds_up_no_other_month() {
    let mut db = Db::in_memory("x").unwrap();
    counted(&mut db);
    let again = db.write("前台", |tx| start_count(tx, None)).unwrap_err();
    assert_eq!(again.code(), "inventory.count_exists");
    assert!(again.to_string().contains("2026-11"));
    let december = Period::parse("2026-12").unwrap();
    assert_eq!(db.write("前台", |tx| start_count(tx, Some(december))).unwrap_err().code(), "inventory.future_period");
    let october = Period::parse("2026-10").unwrap();
    let late = db.write("前台", |tx| start_count(tx, Some(october))).unwrap();
    assert_eq!((late.period.as_str(), late.lines.len()), ("2026-10", 4));
    assert_eq!(rows(&db, "inventory_counts"), 2);
}

#[test]
fn a_count_closes_with_every_difference_explained_and_a_supervisors_sign_off() {
    let mut db = Db::in_memory("x").unwrap();
    let (_, c) = counted(&mut db);
    let id = c.id;
    db.write("前台", |tx| record(tx, id, 1, true, "")).unwrap();
    db.write("前台", |tx| record(tx, id, 3, false, "")).unwrap();
    assert_eq!(db.write("前台", |tx| record(tx, id, 9, true, "")).unwrap_err().code(), "inventory.line_not_found");
    assert_eq!(db.write("前台", |tx| record(tx, 77, 1, true, "")).unwrap_err().code(), "inventory.count_not_found");
    let unrecorded = db.write_approved("前台", Some("主管"), |tx| close_count(tx, id)).unwrap_err();
    assert_eq!(unrecorded.code(), "inventory.unrecorded");
    assert!(unrecorded.to_string().contains("第 4 行"), "{unrecorded}");
    db.write("前台", |tx| record(tx, id, 4, true, "")).unwrap();
    assert_eq!(db.write("前台", |tx| record_extra(tx, id, Some(ItemKind::CarCard), "C0099", " ")).unwrap_err().code(), "inventory.note_required");
    let with_extra = db.write("前台", |tx| record_extra(tx, id, Some(ItemKind::CarCard), "C0099", "抽屉里找到，未入库")).unwrap();
    let extra = with_extra.lines.last().unwrap();
    assert_eq!((extra.line_no, extra.expected, extra.difference, extra.kind_label.as_str()), (5, Expected::Extra, Some(Difference::Extra), "车卡"));
    let unexplained = db.write_approved("前台", Some("主管"), |tx| close_count(tx, id)).unwrap_err();
    assert_eq!(unexplained.code(), "inventory.unexplained");
    assert!(unexplained.to_string().contains("第 3 行"), "{unexplained}");
    // The explanation is a later record of the line: nothing is edited.
    let explained = db.write("前台", |tx| record(tx, id, 3, false, "上月住户报失，已补卡未登记")).unwrap();
    assert_eq!((explained.differences, explained.unexplained, explained.recorded), (2, 0, 3));
    let closed = db.write_approved("前台", Some("李主管"), |tx| close_count(tx, id)).unwrap();
    let close = closed.closed.clone().unwrap();
    assert_eq!((close.closed_by.as_str(), close.signed_off_by.as_str(), close.differences), ("前台", "李主管", 2));
    // A closed count never changes: refused here, and by the database.
    assert_eq!(db.write("前台", |tx| record(tx, id, 1, false, "x")).unwrap_err().code(), "inventory.count_closed");
    assert_eq!(db.write("前台", |tx| record_extra(tx, id, None, "Z", "x")).unwrap_err().code(), "inventory.count_closed");
    assert_eq!(db.write("主管", |tx| close_count(tx, id)).unwrap_err().code(), "inventory.count_closed");
    let line_id: i64 = db.conn().query_row("SELECT id FROM inventory_count_lines WHERE count_id = ?1 AND line_no = 1", [id], |r| r.get(0)).unwrap();
    let sneak = db.conn().execute("INSERT INTO inventory_count_records (line_id, found, note, recorded_at, recorded_by) VALUES (?1, 0, '', 'x', 'x')", [line_id]);
    assert!(sneak.unwrap_err().to_string().contains("the count is closed"));
    assert_eq!(count(db.conn(), id).unwrap(), closed);
    // The next month starts once this one is closed; a supervisor alone signs for themself.
    on(&mut db, "2026-12-01");
    let next = db.write("前台", |tx| start_count(tx, None)).unwrap();
    for n in 1..=next.lines.len() as i64 {
        let note = if n == 2 { "住户已退卡，未办退回" } else { "" };
        db.write("前台", |tx| record(tx, next.id, n, true, note)).unwrap();
    }
    let dec = db.write("李主管", |tx| close_count(tx, next.id)).unwrap();
    let line2 = &dec.lines[1];
    assert_eq!((line2.expected, line2.difference, line2.status), (Expected::Out, Some(Difference::FoundButOut), "应已发出却在库"));
    assert_eq!(dec.closed.unwrap().signed_off_by, "李主管");
    let list = list_counts(db.conn()).unwrap();
    assert_eq!(list.iter().map(|c| c.period.as_str()).collect::<Vec<_>>(), ["2026-12", "2026-11"]);
}

#[test]
fn the_count_sheet_is_a_pdf_of_the_count() {
    let mut db = Db::in_memory("x").unwrap();
    let (_, c) = counted(&mut db);
    let pdf = sheet::count_sheet(db.conn(), c.id, "2026-11-28T10:00:00+08:00").unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(sheet::count_sheet(db.conn(), 42, "x").unwrap_err().code(), "inventory.count_not_found");
}

#[test]
fn keys_in_custody_are_counted_on_their_hooks_and_those_on_loan_expected_out() {
    let (mut db, unit, _) = estate();
    // Rows as the keys part writes them: one set on its hook, one lent, one back with its owner.
    db.conn()
        .execute_batch(&format!(
            "INSERT INTO custody_keys (id, unit_id, hook, key_count, description, deposited_by, deposited_on, recorded_at, operator, returned_on, returned_to, returned_by) VALUES
               (1, {u}, 'A-02', 2, '入户门', '张三', '2026-10-01', 'x', '前台', NULL, NULL, NULL),
               (2, {u}, 'A-01', 1, '', '张三', '2026-10-01', 'x', '前台', NULL, NULL, NULL),
               (3, {u}, 'A-03', 1, '信箱', '张三', '2026-10-01', 'x', '前台', '2026-10-20', '张三', '前台');
             INSERT INTO key_loans (id, key_id, borrower, borrower_kind, id_type, id_last4, purpose, out_at, due_at, operator) VALUES
               (1, 1, '美家装饰 刘工', 'contractor', '身份证', '123X', '装修', '2026-11-01T09:00:00+08:00', '2026-11-01T18:00:00+08:00', '前台'),
               (2, 2, '工程部 老陈', 'staff', '工作证', '0007', '查漏水', '2026-11-01T09:00:00+08:00', '2026-11-01T18:00:00+08:00', '前台');
             INSERT INTO key_returns (id, loan_id, returned_at, returned_by, condition, operator) VALUES (1, 2, '2026-11-01T17:00:00+08:00', '老陈', '', '前台');",
            u = unit.id
        ))
        .unwrap();
    stock(&mut db, ItemKind::Handset, &["DJ01"]);
    let c = db.write("前台", |tx| start_count(tx, None)).unwrap();
    let shown: Vec<(&str, &str, Expected, &str)> = c.lines.iter().map(|l| (l.kind_label.as_str(), l.label.as_str(), l.expected, l.place.as_str())).collect();
    assert_eq!(
        shown,
        [
            ("可视对讲机", "DJ01", Expected::InOffice, "库存"),
            ("钥匙", "1-1-101 钥匙 ×1", Expected::InOffice, "挂钩 A-01"),
            ("钥匙", "1-1-101 入户门 ×2", Expected::Out, "借出 美家装饰 刘工（挂钩 A-02）"),
        ]
    );
    let key_ids: Vec<Option<i64>> = db
        .conn()
        .prepare("SELECT key_id FROM inventory_count_lines ORDER BY line_no")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(key_ids, [None, Some(2), Some(1)]);
    // The key on its hook is counted like any item; the lent one needs nothing unless found.
    db.write("前台", |tx| record(tx, c.id, 1, true, "")).unwrap();
    db.write("前台", |tx| record(tx, c.id, 2, false, "")).unwrap();
    let e = db.write("主管", |tx| close_count(tx, c.id)).unwrap_err();
    assert_eq!(e.code(), "inventory.unexplained");
    db.write("前台", |tx| record(tx, c.id, 2, false, "业主已取回，未登记归还")).unwrap();
    assert_eq!(db.write("主管", |tx| close_count(tx, c.id)).unwrap().closed.unwrap().differences, 1);
}

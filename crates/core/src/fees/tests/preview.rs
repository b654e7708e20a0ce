//! The billing preview against the run it previews, and the price changes it reads.

use super::*;

/// Rows in every ledger table and the audit log: what "nothing written" compares.
fn written(db: &Db) -> Vec<i64> {
    ["bills", "billing_runs", "allocations", "audit_log"]
        .iter()
        .map(|t| db.conn().query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0)).unwrap())
        .collect()
}

/// An estate with every kind of line: area, quarterly, quantity, once; a unit
/// without an area, one handed over late, a per-unit price, and prepayment.
fn estate() -> (Db, Unit) {
    let mut db = db_at("2026-01-05");
    let home = unit(&mut db, "1-1-101", UnitType::Residence, Some("100"), None);
    unit(&mut db, "1-1-102", UnitType::Residence, Some("88.5"), Some("2026-03-10"));
    let shop = unit(&mut db, "S1-101", UnitType::Shop, Some("50"), None);
    unit(&mut db, "P-001", UnitType::Parking, None, None);
    fee(&mut db, "物业服务费", Basis::Area, "1.21", None, 1);
    fee(&mut db, "物业服务费", Basis::Area, "4.50", Some(UnitType::Shop), 1);
    fee(&mut db, "垃圾清运费", Basis::Unit, "30", None, 3);
    fee(&mut db, "水费", Basis::Quantity, "3.5", None, 1);
    fee(&mut db, "装修管理费", Basis::Once, "200", None, 1);
    db.write("主管", |tx| set_unit_price(tx, &shop, "物业服务费", d("3.8"))).unwrap();
    db.write("主管", |tx| set_quantity(tx, &home, "水费", p("2026-02"), d("12.5"))).unwrap();
    pay_as(&mut db, &home, "500", vec![]).unwrap();
    (db, home)
}

fn preview(db: &Db, from: &str, to: &str) -> BillingPreview {
    preview_billing(db.conn(), p(from), p(to)).unwrap()
}

/// Each unit's new bills and their sum, as the database holds them for one run.
fn billed_by_run(db: &Db, run: i64) -> Vec<(String, usize, Money)> {
    let mut stmt = db
        .conn()
        .prepare("SELECT u.code, COUNT(*), SUM(b.amount) FROM bills b JOIN units u ON u.id = b.unit_id WHERE b.run_id = ?1 GROUP BY u.id ORDER BY u.id")
        .unwrap();
    stmt.query_map([run], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize, Money(r.get(2)?)))).unwrap().map(|r| r.unwrap()).collect()
}

fn last_run(db: &Db) -> i64 {
    db.conn().query_row("SELECT MAX(id) FROM billing_runs", [], |r| r.get(0)).unwrap()
}

#[test]
fn the_preview_writes_nothing_and_is_what_the_run_then_writes() {
    let (mut db, _) = estate();
    let before = written(&db);
    let shown = preview(&db, "2026-01", "2026-06");
    assert_eq!(written(&db), before, "a preview writes nothing, not even an audit entry");
    assert!(shown.report.bills > 0 && shown.report.not_billed_missing_data > 0 && shown.report.prepaid_applied.is_positive());

    let ran = bill(&mut db, "2026-01", "2026-06");
    assert_eq!(ran, shown.report);
    let per_unit: Vec<_> = shown.units.iter().filter(|u| u.bills > 0).map(|u| (u.unit.clone(), u.bills, u.total)).collect();
    assert_eq!(billed_by_run(&db, last_run(&db)), per_unit, "unit by unit, the run wrote what the preview listed");
    let item_sum: Money = shown.report.items.iter().map(|i| i.total).sum();
    assert_eq!(item_sum, shown.report.total);
    let fees: Vec<_> = shown.report.items.iter().map(|i| (i.item.as_str(), i.bills)).collect();
    // Area: 1-1-101 and S1-101 for 6 months, 1-1-102 from March (4); the parking space has no area.
    // Rubbish: quarterly (Jan, Apr) for 4 units, 1-1-102 only in April. Water: one reading. Once: 4 units.
    assert_eq!(fees, [("物业服务费", 16), ("垃圾清运费", 7), ("水费", 1), ("装修管理费", 4)]);
    assert_eq!((shown.report.units_total, shown.report.units_billed, shown.report.units_already_billed), (4, 4, 0));
}

#[test]
fn after_a_run_the_preview_shows_everything_already_billed_and_a_second_run_bills_nothing() {
    let (mut db, _) = estate();
    let first = bill(&mut db, "2026-01", "2026-06");
    let again = preview(&db, "2026-01", "2026-06");
    assert_eq!((again.report.bills, again.report.total, again.report.prepaid_applied), (0, Money::ZERO, Money::ZERO));
    assert_eq!(again.report.skipped_existing, first.bills);
    assert_eq!((again.report.units_billed, again.report.units_already_billed), (0, 4));
    let before = written(&db);
    assert_eq!(bill(&mut db, "2026-01", "2026-06"), again.report);
    assert_eq!(written(&db)[0], before[0], "no bill was written twice");
}

#[test]
fn a_range_overlapping_an_earlier_run_previews_only_the_new_months() {
    let (mut db, home) = estate();
    bill(&mut db, "2026-01", "2026-03");
    // New prepayment and a new reading after the first run: the preview must see both.
    pay_as(&mut db, &home, "1000", vec![]).unwrap();
    db.write("主管", |tx| set_quantity(tx, &home, "水费", p("2026-05"), d("3"))).unwrap();
    let shown = preview(&db, "2026-02", "2026-07");
    let ran = bill(&mut db, "2026-02", "2026-07");
    assert_eq!(ran, shown.report);
    assert!(ran.skipped_existing > 0 && ran.bills > 0);
}

#[test]
fn the_run_reports_its_progress_up_to_the_end() {
    let (mut db, _) = estate();
    let mut seen = Vec::new();
    db.write("主管", |tx| run_billing(tx, p("2026-01"), p("2026-12"), &mut |done, total| seen.push((done, total)))).unwrap();
    let (last, total) = *seen.last().unwrap();
    assert_eq!(last, total, "the bar ends full");
    assert_eq!(total, 4 * 12 + 1, "units × months, then the one unit holding prepayment");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 == w[1].1));
}

#[test]
fn a_price_change_applies_to_later_runs_and_is_audited() {
    let (mut db, home) = estate();
    bill(&mut db, "2026-01", "2026-01");
    let item = db.write("主管", |tx| set_price(tx, "物业服务费", None, d("2.00"))).unwrap();
    assert_eq!(item.price_for("住宅"), Some(d("2")));
    let item = db.write("主管", |tx| set_price(tx, "物业服务费", Some(UnitType::Office), d("6"))).unwrap();
    assert_eq!((item.prices.len(), item.price_for("办公")), (3, Some(d("6"))), "a price for a new unit type is added");
    let detail: String =
        db.conn().query_row("SELECT detail FROM audit_log WHERE action = 'fee.price' ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(detail.contains("\"before\":\"1.21\"") && detail.contains("\"price\":\"2.00\""), "{detail}");
    bill(&mut db, "2026-02", "2026-02");
    let amounts: Vec<_> = balance(db.conn(), &home).unwrap().bills.iter().filter(|b| b.item == "物业服务费").map(|b| b.amount).collect();
    assert_eq!(amounts.last(), Some(&yuan("200.00")), "February at the new price");

    let before = written(&db);
    let e = db.write("主管", |tx| set_price(tx, "物业服务费", None, d("0"))).unwrap_err();
    assert_eq!(e.code(), "fee.bad_price");
    let e = db.write("主管", |tx| set_price(tx, "停车费", None, d("1"))).unwrap_err();
    assert_eq!(e.code(), "fee.not_found");
    let e = db.write("主管", |tx| set_unit_price(tx, &home, "物业服务费", d("-1"))).unwrap_err();
    assert_eq!(e.code(), "fee.bad_price");
    assert_eq!(written(&db), before);
}

#[test]
fn per_unit_prices_all_bills_and_waivers_in_the_statement() {
    let (mut db, home) = estate();
    let prices: Vec<_> = unit_prices(db.conn()).unwrap().into_iter().map(|u| (u.unit, u.item, price_text(u.price))).collect();
    assert_eq!(prices, [("S1-101".to_string(), "物业服务费".to_string(), "3.80".to_string())]);
    bill(&mut db, "2026-01", "2026-02");
    // The prepayment of 500 settled January: all bills lists settled ones too, newest first.
    let all = bills(db.conn(), &home).unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!((all[0].period.as_str(), all[4].period.as_str(), all[4].outstanding), ("2026-02", "2026-01", Money::ZERO));
    let other = register::find_unit(db.conn(), "1-1-102").unwrap();
    db.write("测试", |tx| add_opening_balance(tx, &other, yuan("80"))).unwrap();
    let bill_id = balance(db.conn(), &other).unwrap().bills[0].id;
    db.write("李主管", |tx| waive(tx, bill_id, yuan("30"), "困难户")).unwrap();
    let lines = statement(db.conn(), &other).unwrap().lines;
    let waiver = lines.iter().find(|l| l.kind == "waiver").unwrap();
    assert_eq!((waiver.text.as_str(), waiver.credit), ("减免 期初欠费 2026-01（困难户，李主管）", yuan("30")));
    assert_eq!(bills(db.conn(), &other).unwrap()[0].waived, yuan("30"));
}

#[test]
fn quantities_and_price_types_as_typed() {
    assert_eq!(parse_quantity(" 12.50 ").unwrap(), d("12.5"));
    assert_eq!(parse_quantity("-1").unwrap_err().to_string(), "用量“-1”不对，应为 0 到 1000000 之间的数字。");
    assert!(parse_quantity("十吨").is_err());
    assert_eq!(parse_price_type("").unwrap(), None);
    assert_eq!(parse_price_type("通用").unwrap(), None);
    assert_eq!(parse_price_type("商铺").unwrap(), Some(UnitType::Shop));
    assert_eq!(parse_price_type("别墅区").unwrap_err().code(), "fee.bad_unit_type");
}

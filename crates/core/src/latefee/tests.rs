//! Late fees on a small ledger with known figures: 1-1-101 (100 ㎡) owes
//! 物业服务费 300.00 (and 生活垃圾清运费 10.00, no rule) for 2026-08, due 1 August;
//! 万分之三 a day after 15 grace days.

use rust_decimal::Decimal;

use super::*;
use crate::db::Db;
use crate::fees::{self, Basis, Method, NewFee, NewPayment};
use crate::register::{self, NewUnit, UnitType, rules as reg_rules};
use crate::testing::{day, on, yuan};

struct Estate {
    db: Db,
    unit: Unit,
}

impl Estate {
    /// Billed for `periods` (each on its first day); the rule set on 1 January 2026.
    fn new(periods: &[&str], cap: Option<i64>) -> Estate {
        let mut db = Db::in_memory("测试小区").unwrap();
        on(&mut db, "2026-01-01");
        let new = NewUnit { code: reg_rules::parse_unit_code("1-1-101").unwrap(), unit_type: UnitType::Residence, area: Some(reg_rules::parse_area("100").unwrap()), handover: None };
        let unit = db.write("测试", |tx| register::add_unit(tx, &new)).unwrap();
        for (name, basis, price) in [("物业服务费", Basis::Area, "3.00"), ("生活垃圾清运费", Basis::Unit, "10.00")] {
            let f = NewFee { name: name.into(), basis, price: price.parse::<Decimal>().unwrap(), unit_type: None, cycle_months: 1 };
            db.write("测试", |tx| fees::add_fee(tx, &f)).unwrap();
        }
        let rule = read_rule("万分之三", 15, cap, "2026-01-01", day("2026-01-01")).unwrap();
        db.write("主管", |tx| set_rule(tx, "物业服务费", &rule)).unwrap();
        let mut e = Estate { db, unit };
        for p in periods {
            e.bill(p);
        }
        e
    }

    fn bill(&mut self, period: &str) {
        on(&mut self.db, &format!("{period}-01"));
        let p = fees::Period::parse(period).unwrap();
        self.db.write("测试", |tx| fees::run_billing(tx, p, p, &mut |_, _| ())).unwrap();
    }

    fn show(&self, as_of: &str) -> UnitLateFees {
        unit_late_fees(self.db.conn(), &self.unit, day(as_of)).unwrap()
    }

    fn pay(&mut self, date: &str, amount: &str, waivers: &Waivers) -> Result<fees::PaymentResult> {
        on(&mut self.db, date);
        let p = NewPayment { amount: yuan(amount), method: Method::Cash, payer: String::new(), reference: String::new(), bills: vec![] };
        let unit = self.unit.clone();
        self.db.write("前台", |tx| fees::pay_with(tx, &unit, &p, waivers))
    }

    fn owed(&self) -> Money {
        fees::balance(self.db.conn(), &self.unit).unwrap().owed
    }

    fn count(&self, sql: &str) -> i64 {
        self.db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

fn august() -> Estate {
    Estate::new(&["2026-08"], Some(100))
}

#[test]
fn the_worked_example_day_by_day() {
    let e = august();
    let r = e.show("2026-11-23");
    assert_eq!(r.bills.len(), 1, "生活垃圾清运费 has no rule: not listed");
    let b = &r.bills[0];
    assert_eq!((b.item.as_str(), b.period.as_str(), b.due), ("物业服务费", "2026-08", day("2026-08-01")));
    assert_eq!((b.outstanding, b.days, b.accrued, b.assessed, b.late_fee), (yuan("300.00"), 99, yuan("8.91"), Money::ZERO, yuan("8.91")));
    assert_eq!(r.total, yuan("8.91"));
    assert_eq!(e.show("2026-08-16").total, Money::ZERO, "grace days not over");
    assert_eq!(e.show("2026-08-17").total, yuan("0.09"));
}

#[test]
fn the_estate_figure_agrees_with_the_unit_figure() {
    let mut e = Estate::new(&["2026-08", "2026-09", "2026-10", "2026-11"], Some(100));
    e.pay("2026-10-20", "100.00", &Waivers::None).unwrap();
    for as_of in ["2026-08-10", "2026-09-30", "2026-10-20", "2026-11-23"] {
        let estate = estate_late_fees(e.db.conn(), day(as_of)).unwrap();
        let unit = e.show(as_of);
        assert_eq!(estate.total, unit.total, "{as_of}");
        let charged: Vec<(i64, Money)> = unit.bills.iter().filter(|b| b.late_fee.is_positive()).map(|b| (b.bill_id, b.late_fee)).collect();
        let listed: Vec<(i64, Money)> = estate.units.iter().flat_map(|u| u.bills.iter().map(|b| (b.bill_id, b.late_fee))).collect();
        assert_eq!(listed, charged, "{as_of}");
    }
    assert!(estate_late_fees(e.db.conn(), day("2026-08-10")).unwrap().units.is_empty());
}

/// 102.79 on 16 September: 2.79 late fee (31 days on 300.00) first, then 100.00
/// off the bill. By 23 November 68 more days on 200.00 have added 4.08.
#[test]
fn a_partial_payment_collects_the_late_fee_first_and_later_only_the_new_accrual() {
    let mut e = august();
    let first = e.pay("2026-09-16", "102.79", &Waivers::None).unwrap();
    assert_eq!(first.late_fees, yuan("2.79"));
    let lines: Vec<(&str, &str, Money)> = first.allocated.iter().map(|a| (a.item.as_str(), a.period.as_str(), a.amount)).collect();
    assert_eq!(lines, [("违约金（物业服务费 2026-08）", "2026-09", yuan("2.79")), ("物业服务费", "2026-08", yuan("100.00"))]);
    assert_eq!(first.owed_after, yuan("210.00"));
    assert_eq!(e.show("2026-09-16").bills[0].late_fee, Money::ZERO, "nothing more due the same day");
    let later = &e.show("2026-11-23").bills[0];
    assert_eq!((later.outstanding, later.days, later.accrued, later.assessed, later.late_fee), (yuan("200.00"), 99, yuan("6.87"), yuan("2.79"), yuan("4.08")));
    let second = e.pay("2026-11-23", "214.08", &Waivers::None).unwrap();
    assert_eq!((second.late_fees, second.owed_after, second.prepaid), (yuan("4.08"), Money::ZERO, Money::ZERO));
    assert!(e.show("2026-11-24").bills.is_empty(), "settled: nothing accrues");
    assert_eq!(e.count("SELECT COUNT(*) FROM bills WHERE late_of IS NOT NULL"), 2);
}

#[test]
fn the_day_a_bill_is_paid_is_charged_whatever_the_hour() {
    let mut e = august();
    e.pay("2026-11-23", "308.91", &Waivers::None).unwrap();
    let b = &e.show("2026-11-23").bills[0];
    assert_eq!((b.outstanding, b.days, b.accrued, b.assessed, b.late_fee), (Money::ZERO, 99, yuan("8.91"), yuan("8.91"), Money::ZERO), "just paid, still listed that day");
}

#[test]
fn a_payment_too_small_for_the_late_fee_is_refused_and_writes_nothing() {
    let mut e = Estate::new(&["2026-08", "2026-09"], Some(100));
    let before = e.count("SELECT COUNT(*) FROM payments") + e.count("SELECT COUNT(*) FROM bills");
    let err = e.pay("2026-11-23", "5.00", &Waivers::None).unwrap_err();
    assert_eq!(err.code(), "late_fee.not_covered");
    assert!(err.to_string().contains("物业服务费 2026-08的违约金是 8.91 元") && err.to_string().contains("请至少收 8.91 元"), "{err}");
    // 318.91 settles August; the next 1.00 reaches September, whose late fee (68 days: 6.12) it cannot cover.
    let err = e.pay("2026-11-23", "319.91", &Waivers::None).unwrap_err();
    assert!(err.to_string().contains("请至少收 325.03 元，或只收 318.91 元（缴到上一笔为止）"), "{err}");
    assert_eq!(e.count("SELECT COUNT(*) FROM payments") + e.count("SELECT COUNT(*) FROM bills"), before);
    assert_eq!(e.pay("2026-11-23", "308.91", &Waivers::None).unwrap().late_fees, yuan("8.91"));
}

#[test]
fn a_waived_late_fee_is_billed_and_waived_at_once() {
    let mut e = august();
    let bill = e.show("2026-11-23").bills[0].bill_id;
    let r = e.pay("2026-11-23", "300.00", &Waivers::Bills(vec![(bill, "首次逾期，主管同意".into())])).unwrap();
    assert_eq!((r.late_fees, r.owed_after), (Money::ZERO, yuan("10.00")));
    assert_eq!(r.late_fees_waived.len(), 1);
    let w = &r.late_fees_waived[0];
    assert_eq!((w.bill_id, w.item.as_str(), w.amount, w.reason.as_str()), (bill, "违约金（物业服务费 2026-08）", yuan("8.91"), "首次逾期，主管同意"));
    assert_eq!(e.count("SELECT COUNT(*) FROM waivers w JOIN bills b ON b.id = w.bill_id WHERE b.late_of IS NOT NULL AND w.amount = 891"), 1);
    assert_eq!(e.show("2026-11-23").total, Money::ZERO);
    let audit: String = e.db.conn().query_row("SELECT detail FROM audit_log WHERE action = 'payment.take'", [], |r| r.get(0)).unwrap();
    assert!(audit.contains("首次逾期，主管同意"), "{audit}");
    // Waiving everything the payment meets, as `estate pay --waive-late-fee` does.
    let mut e = august();
    let r = e.pay("2026-11-23", "300.00", &Waivers::All("疫情期间".into())).unwrap();
    assert_eq!(r.late_fees_waived.iter().map(|w| w.amount).sum::<Money>(), yuan("8.91"));
}

#[test]
fn waivers_must_name_a_late_fee_the_payment_meets_and_give_a_reason() {
    let mut e = Estate::new(&["2026-08", "2026-09"], Some(100));
    let bills: Vec<i64> = e.show("2026-11-23").bills.iter().map(|b| b.bill_id).collect();
    let err = e.pay("2026-11-23", "300.00", &Waivers::Bills(vec![(bills[0], " ".into())])).unwrap_err();
    assert_eq!(err.code(), "reason.required");
    let err = e.pay("2026-11-23", "300.00", &Waivers::Bills(vec![(bills[1], "困难户".into())])).unwrap_err();
    assert_eq!(err.code(), "late_fee.waiver_not_reached", "300.00 stops at August");
    e.bill("2026-12");
    let december = fees::balance(e.db.conn(), &e.unit).unwrap().bills.iter().find(|b| b.period == "2026-12" && b.item == "物业服务费").unwrap().id;
    let err = e.pay("2026-12-01", "1000.00", &Waivers::Bills(vec![(december, "困难户".into())])).unwrap_err();
    assert_eq!(err.code(), "late_fee.nothing_to_waive");
}

#[test]
fn a_voided_receipt_leaves_its_late_fee_bill_owing_and_it_never_accrues() {
    let mut e = august();
    let r = e.pay("2026-11-23", "308.91", &Waivers::None).unwrap();
    on(&mut e.db, "2026-11-24");
    e.db.write("主管", |tx| fees::void_receipt(tx, &r.receipt_no, "收错户")).unwrap();
    assert_eq!(e.owed(), yuan("318.91"), "the bills and the late fee are owed again");
    let balance = fees::balance(e.db.conn(), &e.unit).unwrap();
    let names: Vec<(&str, &str, Money)> = balance.bills.iter().map(|b| (b.item.as_str(), b.period.as_str(), b.outstanding)).collect();
    let late = ("违约金（物业服务费 2026-08）", "2026-11", yuan("8.91"));
    assert_eq!(names, [("物业服务费", "2026-08", yuan("300.00")), ("生活垃圾清运费", "2026-08", yuan("10.00")), late]);
    // A month on: the bill owes again from 25 November (the day after the void): 29 more days; the late-fee bill accrues nothing.
    let later = e.show("2026-12-23");
    assert_eq!(later.bills.len(), 1, "a late-fee bill is never listed as accruing");
    assert_eq!((later.bills[0].days, later.bills[0].accrued, later.bills[0].assessed, later.bills[0].late_fee), (128, yuan("11.52"), yuan("8.91"), yuan("2.61")));
    // Paying everything: the late-fee bill is paid like any bill, the new 2.61 collected before the bill.
    let r = e.pay("2026-12-23", "321.52", &Waivers::None).unwrap();
    let lines: Vec<(&str, Money)> = r.allocated.iter().map(|a| (a.item.as_str(), a.amount)).collect();
    let late = "违约金（物业服务费 2026-08）";
    assert_eq!(lines, [(late, yuan("2.61")), ("物业服务费", yuan("300.00")), ("生活垃圾清运费", yuan("10.00")), (late, yuan("8.91"))]);
    assert_eq!(r.owed_after, Money::ZERO);
}

#[test]
fn the_cap_and_the_start_date_hold() {
    let mut e = Estate::new(&["2026-08"], Some(1));
    assert_eq!(e.show("2026-11-23").bills[0].late_fee, yuan("3.00"), "1% of 300.00");
    assert!(e.show("2026-11-23").bills[0].capped);
    let later = read_rule("0.0003", 15, None, "2026-11-01", day("2026-11-01")).unwrap();
    e.db.write("主管", |tx| set_rule(tx, "物业服务费", &later)).unwrap();
    assert_eq!(e.show("2026-11-23").bills[0].late_fee, yuan("2.07"), "1–23 November only");
}

#[test]
fn opening_balances_and_items_without_a_rule_accrue_nothing() {
    let mut e = august();
    on(&mut e.db, "2026-08-01");
    let unit = e.unit.clone();
    e.db.write("测试", |tx| fees::add_opening_balance(tx, &unit, yuan("500.00"))).unwrap();
    let r = e.show("2026-11-23");
    assert_eq!(r.bills.iter().map(|b| b.item.as_str()).collect::<Vec<_>>(), ["物业服务费"]);
    // Oldest first: the opening balance (no late fee), then August with its late fee first.
    let paid = e.pay("2026-11-23", "818.91", &Waivers::None).unwrap();
    let lines: Vec<&str> = paid.allocated.iter().map(|a| a.item.as_str()).collect();
    assert_eq!(lines, ["期初欠费", "违约金（物业服务费 2026-08）", "物业服务费", "生活垃圾清运费"]);
    assert_eq!(paid.owed_after, Money::ZERO);
    e.db.write("主管", |tx| clear_rule(tx, "物业服务费")).unwrap();
    assert!(e.show("2026-11-23").bills.is_empty());
}

#[test]
fn a_late_fee_does_not_stop_the_month_being_billed() {
    let mut e = august();
    e.pay("2026-11-23", "308.91", &Waivers::None).unwrap();
    e.bill("2026-11");
    let november = e.count("SELECT COUNT(*) FROM bills WHERE period = '2026-11' AND late_of IS NULL AND fee_item_id = (SELECT id FROM fee_items WHERE name = '物业服务费')");
    assert_eq!(november, 1, "the late-fee bill assessed in November is not November's 物业服务费");
    let preview = fees::preview_billing(e.db.conn(), fees::Period::parse("2026-11").unwrap(), fees::Period::parse("2026-11").unwrap()).unwrap();
    assert_eq!(preview.report.bills, 0);
}

#[test]
fn rules_are_checked_listed_and_audited() {
    let mut e = august();
    let list = list_rules(e.db.conn()).unwrap();
    assert_eq!(list.len(), 1);
    let json = serde_json::to_value(&list[0]).unwrap();
    assert_eq!((json["item"].as_str(), json["daily_rate"].as_str(), json["grace_days"].as_u64(), json["cap_percent"].as_u64()), (Some("物业服务费"), Some("0.0003"), Some(15), Some(100)));
    let today = day("2026-11-23");
    assert_eq!(read_rule("0.03", 15, None, "", today).unwrap_err().code(), "late_fee.rate_too_high");
    assert!(read_rule("0.03", 15, None, "", today).unwrap_err().to_string().contains("超过每天 1%"));
    assert_eq!(read_rule("0.0003", -1, None, "", today).unwrap_err().code(), "late_fee.bad_grace");
    assert_eq!(read_rule("0.0003", 15, Some(150), "", today).unwrap_err().code(), "late_fee.bad_cap");
    assert_eq!(read_rule("0.0003", 15, None, "", today).unwrap().from, today, "a blank start is the day it is set");
    let rule = read_rule("0.0005", 0, None, "", today).unwrap();
    assert_eq!(e.db.write("主管", |tx| set_rule(tx, "水费", &rule)).unwrap_err().code(), "fee.not_found");
    assert_eq!(e.db.write("主管", |tx| clear_rule(tx, "生活垃圾清运费")).unwrap_err().code(), "late_fee.no_rule");
    e.db.write("主管", |tx| set_rule(tx, "生活垃圾清运费", &rule)).unwrap();
    assert_eq!(e.count("SELECT COUNT(*) FROM audit_log WHERE action = 'late_fee.set'"), 2);
    assert_eq!(list_rules(e.db.conn()).unwrap().iter().map(|r| r.item.as_str()).collect::<Vec<_>>(), ["物业服务费", "生活垃圾清运费"]);
}

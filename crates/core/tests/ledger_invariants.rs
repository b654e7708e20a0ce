//! Ledger invariants under random sequences of desk work, on a real database
//! file: payments (some waiving their late fees), voids, waivers, billing runs,
//! deposits taken and given back, and days passing so late fees accrue. After
//! every step the whole ledger is checked (`support::ledger::assert_whole`).
//! `ESTATE_INVARIANT_CASES` sets the number of sequences (48 by default).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

#[path = "support/ledger.rs"]
mod ledger;

use chrono::{DateTime, Duration, FixedOffset};
use estate_core::db::{Clock, Db};
use estate_core::deposits::{self, NewDeposit, NewRefund};
use estate_core::fees::{self, Basis, Method, NewFee, NewPayment, Period};
use estate_core::latefee::{self, Waivers};
use estate_core::register::{self, NewUnit, UnitType, rules};
use estate_core::{Money, audit};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Bill { month: u32 },
    Pay { unit: usize, fen: i64, choose_newest: bool, waive_late_fees: bool },
    Void { nth: usize },
    Waive { unit: usize, fen: i64 },
    TakeDeposit { unit: usize, fen: i64 },
    RefundDeposit { nth: usize, refund: i64, deduct: i64 },
    Days { days: i64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1u32..=12).prop_map(|month| Op::Bill { month }),
        4 => (0usize..3, 1i64..60_000, any::<bool>(), any::<bool>())
            .prop_map(|(unit, fen, choose_newest, waive_late_fees)| Op::Pay { unit, fen, choose_newest, waive_late_fees }),
        2 => (0usize..20).prop_map(|nth| Op::Void { nth }),
        2 => (0usize..3, 1i64..20_000).prop_map(|(unit, fen)| Op::Waive { unit, fen }),
        1 => (0usize..3, 1i64..500_000).prop_map(|(unit, fen)| Op::TakeDeposit { unit, fen }),
        1 => (0usize..4, 0i64..300_000, 0i64..100_000).prop_map(|(nth, refund, deduct)| Op::RefundDeposit { nth, refund, deduct }),
        1 => (1i64..40).prop_map(|days| Op::Days { days }),
    ]
}

fn audit_entries(db: &Db) -> i64 {
    audit::verify(db.conn()).unwrap().entries
}

fn cases() -> u32 {
    std::env::var("ESTATE_INVARIANT_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]
    #[test]
    fn the_ledger_holds_under_any_sequence(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::create(&dir.path().join("estate.db"), "不变量小区").unwrap();
        // Early 2027: every month billed (2026) is due, so late fees accrue.
        let mut now: DateTime<FixedOffset> = DateTime::parse_from_rfc3339("2027-01-15T10:00:00+08:00").unwrap();
        db.set_clock(Clock::Fixed(now));
        let units: Vec<_> = [("1-1-101", UnitType::Residence, "88.50"), ("1-1-102", UnitType::Residence, "120.25"), ("S1-101", UnitType::Shop, "45")]
            .into_iter()
            .map(|(code, t, area)| {
                let new = NewUnit { code: rules::parse_unit_code(code).unwrap(), unit_type: t, area: Some(rules::parse_area(area).unwrap()), handover: None };
                db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
            })
            .collect();
        let rule = latefee::read_rule("0.005", 5, Some(20), "2026-01-01", now.date_naive()).unwrap();
        db.write("测试", |tx| {
            fees::add_fee(tx, &NewFee { name: "物业服务费".into(), basis: Basis::Area, price: "1.21".parse().unwrap(), unit_type: None, cycle_months: 1 })?;
            fees::add_fee(tx, &NewFee { name: "垃圾清运费".into(), basis: Basis::Unit, price: "10".parse().unwrap(), unit_type: None, cycle_months: 1 })?;
            latefee::set_rule(tx, "物业服务费", &rule).map(|_| ())
        }).unwrap();
        let mut receipts: Vec<String> = Vec::new();
        let mut held: Vec<i64> = Vec::new();
        for (step, op) in ops.iter().enumerate() {
            let before = audit_entries(&db);
            match op.clone() {
                Op::Bill { month } => {
                    let period = Period::new(2026, month).unwrap();
                    db.write("测试", |tx| fees::run_billing(tx, period, period, &mut |_, _| {})).unwrap();
                }
                Op::Pay { unit, fen, choose_newest, waive_late_fees } => {
                    let u = &units[unit];
                    let bills = fees::balance(db.conn(), u).unwrap().bills;
                    let chosen = if choose_newest { bills.last().map(|b| vec![b.id]).unwrap_or_default() } else { vec![] };
                    let p = NewPayment { amount: Money(fen), method: Method::Wechat, payer: "业主".into(), reference: String::new(), bills: chosen };
                    let waivers = if waive_late_fees { Waivers::All("测试减免违约金".into()) } else { Waivers::None };
                    match db.write("主管", |tx| fees::pay_with(tx, u, &p, &waivers)) {
                        Ok(paid) => {
                            let after = fees::balance(db.conn(), u).unwrap();
                            prop_assert_eq!((paid.owed_after, paid.prepaid_after), (after.owed, after.prepaid));
                            receipts.push(paid.receipt_no);
                        }
                        // Too little for the late fee it meets: refused, and nothing written.
                        Err(e) => {
                            prop_assert_eq!(e.code(), "late_fee.not_covered");
                            prop_assert_eq!(audit_entries(&db), before);
                        }
                    }
                }
                Op::Void { nth } => {
                    if let Some(no) = receipts.get(nth) {
                        // Voiding twice is refused; both outcomes keep the ledger whole.
                        let _ = db.write("主管", |tx| fees::void_receipt(tx, no, "测试作废"));
                    }
                }
                Op::Waive { unit, fen } => {
                    if let Some(b) = fees::balance(db.conn(), &units[unit]).unwrap().bills.first() {
                        let amount = Money(fen).min(b.outstanding);
                        db.write("主管", |tx| fees::waive(tx, b.id, amount, "测试减免")).unwrap();
                    }
                }
                Op::TakeDeposit { unit, fen } => {
                    let d = NewDeposit { kind: "装修押金".into(), amount: Money(fen), method: Method::Cash, payer: "业主".into(), note: String::new() };
                    held.push(db.write("测试", |tx| deposits::take(tx, &units[unit], &d)).unwrap().id);
                }
                Op::RefundDeposit { nth, refund, deduct } => {
                    if let Some(&id) = held.get(nth) {
                        let r = NewRefund { refund: Money(refund), deduct: Money(deduct), reason: "损坏扣除".into() };
                        if let Err(e) = db.write("主管", |tx| deposits::refund(tx, id, &r)) {
                            // More than is held, or nothing at all: refused, nothing written.
                            prop_assert!(e.is_input(), "{}", e.code());
                            prop_assert_eq!(audit_entries(&db), before);
                        }
                    }
                }
                Op::Days { days } => {
                    now += Duration::days(days);
                    db.set_clock(Clock::Fixed(now));
                }
            }
            ledger::assert_whole(&db, &format!("step {step} {op:?}"));
        }
    }
}

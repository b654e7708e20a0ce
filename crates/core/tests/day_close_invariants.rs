//! The daily close under random sequences of desk work over several days, on a
//! real database file: the day's receipts equal the day's close, by method and
//! in total; a closed day never changes; a movement onto a closed day is
//! refused and writes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use estate_core::close::{self, DaySummary};
use estate_core::db::{Clock, Db};
use estate_core::fees::{self, Basis, Method, NewFee, NewPayment, Period};
use estate_core::register::{self, NewUnit, UnitType, rules};
use estate_core::{Money, audit};
use proptest::prelude::*;

const CLERKS: [&str; 2] = ["前台小李", "前台小王"];

#[derive(Debug, Clone)]
enum Op {
    Pay { clerk: usize, unit: usize, fen: i64, method: usize },
    Void { nth: usize },
    Close { clerk: usize, off_by: i64 },
    NextDay,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..2, 0usize..2, 1i64..40_000, 0usize..5).prop_map(|(clerk, unit, fen, method)| Op::Pay { clerk, unit, fen, method }),
        2 => (0usize..30).prop_map(|nth| Op::Void { nth }),
        1 => (0usize..2, -300i64..300).prop_map(|(clerk, off_by)| Op::Close { clerk, off_by }),
        1 => Just(Op::NextDay),
    ]
}

struct Taken {
    no: String,
    clerk: usize,
    method: usize,
    amount: Money,
    voided: bool,
}

/// What each (clerk, day) should show, kept by the test from what it did:
/// a payment adds to its clerk's day, a void takes it off the receipt's clerk's day of the void.
type Expected = HashMap<(usize, NaiveDate), [Money; 5]>;

fn set_time(db: &mut Db, day: NaiveDate, minute: i64) {
    let t = day.and_hms_opt(9, 0, 0).unwrap() + Duration::minutes(minute);
    db.set_clock(Clock::Fixed(FixedOffset::east_opt(8 * 3600).unwrap().from_local_datetime(&t).unwrap()));
}

fn check(db: &Db, expected: &Expected, closed: &HashMap<(usize, NaiveDate), DaySummary>) {
    for (&(clerk, day), by_method) in expected {
        let s = close::summary(db.conn(), CLERKS[clerk], day).unwrap();
        let shown: Vec<Money> = s.totals.by_method.iter().map(|m| m.line.amount).collect();
        assert_eq!(shown, by_method.to_vec(), "{} {day}: by method", CLERKS[clerk]);
        let total: Money = by_method.iter().copied().sum();
        assert_eq!(s.totals.total.amount, total, "{} {day}: total", CLERKS[clerk]);
        assert_eq!(s.totals.by_item.iter().map(|l| l.amount).sum::<Money>(), total, "items add up to the total");
        assert_eq!(s.totals.cash_expected, by_method[0]);
        if let Some(at_close) = closed.get(&(clerk, day)) {
            assert_eq!(s.totals, at_close.totals, "a closed day never changes");
            let c = s.close.as_ref().unwrap();
            assert_eq!((c.takings, c.cash_expected, c.receipts), (total, by_method[0], s.totals.total.count));
            assert_eq!(c.difference, c.cash_counted - c.cash_expected);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]
    #[test]
    fn the_days_receipts_equal_the_days_close(ops in proptest::collection::vec(op(), 1..45)) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::create(&dir.path().join("estate.db"), "日结小区").unwrap();
        let mut today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut minute = 0;
        set_time(&mut db, today, minute);
        let units: Vec<_> = ["1-1-101", "S1-101"]
            .into_iter()
            .map(|code| {
                let new = NewUnit { code: rules::parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(rules::parse_area("88.5").unwrap()), handover: None };
                db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
            })
            .collect();
        db.write("测试", |tx| {
            fees::add_fee(tx, &NewFee { name: "物业服务费".into(), basis: Basis::Area, price: "2.2".parse().unwrap(), unit_type: None, cycle_months: 1 })?;
            fees::add_fee(tx, &NewFee { name: "垃圾清运费".into(), basis: Basis::Unit, price: "10".parse().unwrap(), unit_type: None, cycle_months: 1 })?;
            fees::run_billing(tx, Period::new(2026, 1).unwrap(), Period::new(2026, 6).unwrap(), &mut |_, _| {})
        }).unwrap();

        let mut taken: Vec<Taken> = Vec::new();
        let mut expected: Expected = HashMap::new();
        let mut closed: HashMap<(usize, NaiveDate), DaySummary> = HashMap::new();
        for op in ops {
            minute += 7;
            set_time(&mut db, today, minute);
            match op {
                Op::Pay { clerk, unit, fen, method } => {
                    let p = NewPayment { amount: Money(fen), method: Method::ALL[method], payer: "业主".into(), reference: String::new(), bills: vec![] };
                    let locked = closed.contains_key(&(clerk, today));
                    match db.write(CLERKS[clerk], |tx| fees::pay(tx, &units[unit], &p)) {
                        Ok(paid) => {
                            prop_assert!(!locked, "a payment landed on a closed day");
                            expected.entry((clerk, today)).or_default()[method] += Money(fen);
                            taken.push(Taken { no: paid.receipt_no, clerk, method, amount: Money(fen), voided: false });
                        }
                        Err(e) => prop_assert!(locked && e.code() == "close.day_locked", "{e}"),
                    }
                }
                Op::Void { nth } => {
                    let Some(t) = taken.get_mut(nth) else { continue };
                    let locked = closed.contains_key(&(t.clerk, today));
                    match db.write("主管", |tx| fees::void_receipt(tx, &t.no, "测试作废")) {
                        Ok(_) => {
                            prop_assert!(!locked && !t.voided, "a void landed on a closed day or twice");
                            t.voided = true;
                            expected.entry((t.clerk, today)).or_default()[t.method] -= t.amount;
                        }
                        Err(e) => prop_assert!((locked && e.code() == "close.day_locked") || (t.voided && e.code() == "receipt.already_void"), "{e}"),
                    }
                }
                Op::Close { clerk, off_by } => {
                    let cash = expected.get(&(clerk, today)).map_or(Money::ZERO, |m| m[0]);
                    let counted = Money((cash.fen() + off_by).max(0));
                    let note = if counted == cash { "" } else { "清点差额" };
                    let result = db.write(CLERKS[clerk], |tx| close::close_day(tx, CLERKS[clerk], today, counted, note));
                    let known = clerk_has_paid(&taken, clerk);
                    match closed.entry((clerk, today)) {
                        Entry::Occupied(_) => prop_assert_eq!(result.unwrap_err().code(), "close.already_closed"),
                        Entry::Vacant(slot) if known => {
                            let s = result.unwrap();
                            prop_assert_eq!(s.close.as_ref().unwrap().difference, counted - cash);
                            expected.entry((clerk, today)).or_default();
                            slot.insert(s);
                        }
                        Entry::Vacant(_) => prop_assert_eq!(result.unwrap_err().code(), "close.unknown_clerk"),
                    }
                }
                Op::NextDay => {
                    today = today.succ_opt().unwrap();
                    minute = 0;
                }
            }
            check(&db, &expected, &closed);
        }
        prop_assert_eq!(audit::verify(db.conn()).unwrap().first_broken, None);
    }
}

/// A clerk with no account is known by the payments they have taken.
fn clerk_has_paid(taken: &[Taken], clerk: usize) -> bool {
    taken.iter().any(|t| t.clerk == clerk)
}

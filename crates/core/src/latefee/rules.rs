//! How a late fee accrues: pure functions, tested alone.
//!
//! A bill accrues its late fee day by day on what it still owes, from the day
//! after its due date plus the grace days (or the rule's start date, if later)
//! to the day asked about, both included. Money taken off the bill on a day
//! (a payment, a waiver) counts from the next day, so the day something is
//! paid is charged on what was owed that morning, whenever in the day the
//! question is asked. The sum is exact (Decimal), capped, and rounded once.

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use super::LateFeeError;
use crate::money::Money;

/// More than 1% a day (over 365% a year) is taken for a typo such as 0.03 for 0.0003.
pub const MAX_DAILY_RATE: Decimal = Decimal::from_parts(1, 0, 0, false, 2);
/// Grace days after the due date: up to a year.
pub const MAX_GRACE_DAYS: u32 = 365;

/// A fee item's late-fee rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Of what is owed, per day: 0.0003 = 万分之三.
    #[serde(serialize_with = "rate_text")]
    pub daily_rate: Decimal,
    pub grace_days: u32,
    /// The late fee never exceeds this percentage of the bill's amount (100 = the bill itself).
    pub cap_percent: Option<u32>,
    /// No day before this one is charged.
    pub from: NaiveDate,
}

fn rate_text<S: serde::Serializer>(rate: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rate.normalize().to_string())
}

/// Money taken off a bill on a day (a payment or a waiver); negative when put
/// back (a voided receipt's reversal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub day: NaiveDate,
    pub amount: Money,
}

/// A bill's late fee from its first charged day to the day asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Accrued {
    /// Days on which something was owed and charged.
    pub days: i64,
    /// The exact sum, capped, rounded once to the fen.
    pub amount: Money,
    /// True when the cap cut it.
    pub capped: bool,
}

/// A daily rate as typed: 0.0003, 0.03%, 万分之三 (or 万分之3), 千分之一.
pub fn parse_rate(text: &str) -> Result<Decimal, LateFeeError> {
    let t = text.trim();
    let wrong = || LateFeeError::BadRate(t.to_string());
    let rate = if let Some(pct) = t.strip_suffix(['%', '％']) {
        pct.trim().parse::<Decimal>().map_err(|_| wrong())? / Decimal::ONE_HUNDRED
    } else if let Some(n) = t.strip_prefix("万分之") {
        chinese_count(n).ok_or_else(wrong)? / Decimal::from(10_000)
    } else if let Some(n) = t.strip_prefix("千分之") {
        chinese_count(n).ok_or_else(wrong)? / Decimal::from(1_000)
    } else {
        t.parse::<Decimal>().map_err(|_| wrong())?
    };
    if rate <= Decimal::ZERO {
        return Err(wrong());
    }
    if rate > MAX_DAILY_RATE {
        return Err(LateFeeError::RateTooHigh(t.to_string()));
    }
    if rate.normalize().scale() > 8 {
        return Err(wrong());
    }
    Ok(rate.normalize())
}

/// "三", "3", "五" or "2.5" after 万分之 / 千分之.
fn chinese_count(text: &str) -> Option<Decimal> {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match DIGITS.iter().position(|d| *d == text.trim()) {
        Some(n) => Some(Decimal::from(n as u32)),
        None if text.trim() == "十" => Some(Decimal::TEN),
        None => text.trim().parse().ok(),
    }
}

pub fn check_grace(days: i64) -> Result<u32, LateFeeError> {
    u32::try_from(days).ok().filter(|d| *d <= MAX_GRACE_DAYS).ok_or(LateFeeError::BadGrace(days))
}

pub fn check_cap(percent: i64) -> Result<u32, LateFeeError> {
    u32::try_from(percent).ok().filter(|p| (1..=100).contains(p)).ok_or(LateFeeError::BadCap(percent))
}

/// The first day a bill due on `due` is charged under `rule`.
pub fn first_charged_day(rule: &Rule, due: NaiveDate) -> NaiveDate {
    (due + Duration::days(i64::from(rule.grace_days) + 1)).max(rule.from)
}

/// The late fee a bill of `amount`, due on `due`, has accrued by the end of
/// `as_of`, given what was taken off it and when (`changes`, in any order).
pub fn accrue(rule: &Rule, amount: Money, due: NaiveDate, changes: &[Change], as_of: NaiveDate) -> Accrued {
    let mut changes = changes.to_vec();
    changes.sort_by_key(|c| c.day);
    let mut day = first_charged_day(rule, due);
    let (mut owed, mut next, mut days, mut exact) = (amount, 0, 0, Decimal::ZERO);
    while day <= as_of {
        // What was owed this morning: everything taken off before today.
        while next < changes.len() && changes[next].day < day {
            owed -= changes[next].amount;
            next += 1;
        }
        // The same amount is owed up to and including the day of the next change.
        let last = changes.get(next).map_or(as_of, |c| c.day.min(as_of));
        let span = (last - day).num_days() + 1;
        if owed.is_positive() {
            exact += owed.to_decimal() * rule.daily_rate * Decimal::from(span);
            days += span;
        }
        day = last + Duration::days(1);
    }
    let mut capped = false;
    if let Some(percent) = rule.cap_percent {
        let cap = amount.to_decimal() * Decimal::from(percent) / Decimal::ONE_HUNDRED;
        if exact > cap {
            exact = cap;
            capped = true;
        }
    }
    Accrued { days, amount: Money::round_yuan(exact).unwrap_or(Money::ZERO), capped }
}

/// What is left to collect: the accrued late fee less what was already
/// assessed on the bill (its late-fee bills); never negative.
pub fn still_due(accrued: Money, assessed: Money) -> Money {
    (accrued - assessed).max(Money::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn yuan(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    fn rule(rate: &str, grace: u32, cap: Option<u32>, from: &str) -> Rule {
        Rule { daily_rate: parse_rate(rate).unwrap(), grace_days: grace, cap_percent: cap, from: d(from) }
    }

    fn paid(day: &str, amount: &str) -> Change {
        Change { day: d(day), amount: yuan(amount) }
    }

    /// 300.00 due 1 August, 15 grace days, 万分之三: charged 17 August to 23 November = 99 days.
    #[test]
    fn the_worked_example() {
        let r = rule("0.0003", 15, Some(100), "2026-01-01");
        assert_eq!(first_charged_day(&r, d("2026-08-01")), d("2026-08-17"));
        let a = accrue(&r, yuan("300.00"), d("2026-08-01"), &[], d("2026-11-23"));
        assert_eq!(a, Accrued { days: 99, amount: yuan("8.91"), capped: false });
    }

    #[test]
    fn nothing_while_the_grace_days_last() {
        let r = rule("0.0003", 15, None, "2026-01-01");
        assert_eq!(accrue(&r, yuan("300.00"), d("2026-08-01"), &[], d("2026-08-16")), Accrued::default());
        assert_eq!(accrue(&r, yuan("300.00"), d("2026-08-01"), &[], d("2026-08-17")).days, 1);
        assert_eq!(accrue(&r, yuan("300.00"), d("2026-08-01"), &[], d("2026-07-01")), Accrued::default(), "not even due");
    }

    /// 100.00 paid on 16 September: 17 August to 16 September (31 days) on
    /// 300.00, 17 September to 23 November (68 days) on 200.00.
    #[test]
    fn a_partial_payment_makes_two_segments() {
        let r = rule("0.0003", 15, None, "2026-01-01");
        let a = accrue(&r, yuan("300.00"), d("2026-08-01"), &[paid("2026-09-16", "100.00")], d("2026-11-23"));
        // 300 × 0.0003 × 31 = 2.79; 200 × 0.0003 × 68 = 4.08.
        assert_eq!(a, Accrued { days: 99, amount: yuan("6.87"), capped: false });
    }

    #[test]
    fn paid_in_full_stops_the_clock_and_a_reversal_restarts_it() {
        let r = rule("0.0003", 15, None, "2026-01-01");
        let settled = accrue(&r, yuan("300.00"), d("2026-08-01"), &[paid("2026-08-20", "300.00")], d("2026-11-23"));
        assert_eq!(settled, Accrued { days: 4, amount: yuan("0.36"), capped: false }, "17–20 August");
        let voided = [paid("2026-08-20", "300.00"), paid("2026-09-30", "-300.00")];
        let again = accrue(&r, yuan("300.00"), d("2026-08-01"), &voided, d("2026-11-23"));
        // 4 days, then from 1 October to 23 November (54 days): 58 days × 0.09.
        assert_eq!(again, Accrued { days: 58, amount: yuan("5.22"), capped: false });
    }

    #[test]
    fn changes_on_one_day_count_together_in_any_order() {
        let r = rule("0.0003", 0, None, "2026-01-01");
        let a = [paid("2026-08-10", "50.00"), paid("2026-08-05", "100.00"), paid("2026-08-10", "50.00")];
        // 2–5 Aug on 300 (4 days), 6–10 Aug on 200 (5 days), 11–31 Aug on 100 (21 days).
        let got = accrue(&r, yuan("300.00"), d("2026-08-01"), &a, d("2026-08-31"));
        assert_eq!(got, Accrued { days: 30, amount: yuan("1.29"), capped: false });
    }

    #[test]
    fn the_cap_holds_the_fee_to_a_share_of_the_bill() {
        let capped = rule("0.01", 0, Some(100), "2020-01-01");
        let a = accrue(&capped, yuan("300.00"), d("2026-01-01"), &[], d("2026-11-23"));
        assert_eq!((a.amount, a.capped), (yuan("300.00"), true));
        let thirty = rule("0.01", 0, Some(30), "2020-01-01");
        assert_eq!(accrue(&thirty, yuan("123.45"), d("2026-01-01"), &[], d("2026-11-23")).amount, yuan("37.04"), "37.035 rounds up");
        let open = rule("0.01", 0, None, "2020-01-01");
        assert_eq!(accrue(&open, yuan("300.00"), d("2026-01-01"), &[], d("2026-11-23")).amount, yuan("978.00"), "2 January to 23 November: 326 days × 3.00");
    }

    #[test]
    fn no_day_before_the_rule_starts_is_charged() {
        let r = rule("0.0003", 15, None, "2026-11-01");
        let a = accrue(&r, yuan("300.00"), d("2026-08-01"), &[], d("2026-11-23"));
        assert_eq!(a, Accrued { days: 23, amount: yuan("2.07"), capped: false });
    }

    /// 10.00 at 万分之五 is 0.005 a day. Over 97 days the exact sum is 0.485:
    /// rounded once, half away from zero, 0.49. Rounding each day first would
    /// give 0.01 × 97 = 0.97; banker's rounding would give 0.48.
    #[test]
    fn rounded_once_at_the_end_half_away_from_zero() {
        let r = rule("0.0005", 0, None, "2026-01-01");
        let a = accrue(&r, yuan("10.00"), d("2026-01-01"), &[], d("2026-04-08"));
        assert_eq!(a.days, 97);
        assert_eq!(a.amount, yuan("0.49"));
        let daily = Money::round_yuan(yuan("10.00").to_decimal() * r.daily_rate).unwrap();
        assert_ne!(Money(daily.fen() * 97), a.amount, "a rounded daily amount times the days is another figure");
    }

    #[test]
    fn what_was_assessed_already_is_not_charged_twice() {
        assert_eq!(still_due(yuan("8.91"), yuan("2.79")), yuan("6.12"));
        assert_eq!(still_due(yuan("2.00"), yuan("2.79")), Money::ZERO, "never negative");
    }

    #[test]
    fn rates_as_offices_write_them() {
        for (text, rate) in [("0.0003", "0.0003"), ("0.03%", "0.0003"), ("万分之三", "0.0003"), ("万分之3", "0.0003"), ("千分之一", "0.001"), ("万分之五", "0.0005"), (" 0.0005 ", "0.0005")] {
            assert_eq!(parse_rate(text).unwrap(), rate.parse::<Decimal>().unwrap(), "{text}");
        }
        for bad in ["", "abc", "0", "-0.0003", "万分之", "百分之三"] {
            assert!(matches!(parse_rate(bad), Err(LateFeeError::BadRate(_))), "{bad}");
        }
        assert!(matches!(parse_rate("0.03"), Err(LateFeeError::RateTooHigh(_))), "3% a day is a typo for 0.03%");
        assert!(parse_rate("0.01").is_ok(), "1% a day is the most accepted");
        assert_eq!(parse_rate("1%").unwrap(), MAX_DAILY_RATE);
        assert!(matches!(parse_rate("1.5%"), Err(LateFeeError::RateTooHigh(_))));
    }

    #[test]
    fn grace_and_cap_bounds() {
        assert_eq!(check_grace(0).unwrap(), 0);
        assert_eq!(check_grace(365).unwrap(), 365);
        assert!(check_grace(-1).is_err() && check_grace(366).is_err());
        assert_eq!(check_cap(100).unwrap(), 100);
        assert!(check_cap(0).is_err() && check_cap(101).is_err());
    }
}

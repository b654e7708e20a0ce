//! How a clerk's day adds up: pure functions over the receipts the day
//! touched, tested alone.
//!
//! A movement counts on the day it happens. A receipt taken today counts in
//! today's takings, unless it was voided today too (then it is only listed).
//! A void today of a receipt taken on an earlier day is a reversal (冲回) in
//! today's figures; the earlier day, closed or not, never changes.

use chrono::NaiveDate;
use serde::Serialize;

use super::CloseError;
use crate::fees::Method;
use crate::money::Money;

/// The line of a receipt's money kept as prepayment, as the receipt names it.
pub const PREPAID: &str = "预存款";
/// Item ranks after the fee items (whose rank is their id): 期初欠费, 违约金, 预存款.
pub const OPENING_RANK: i64 = i64::MAX - 2;
pub const LATE_FEE_RANK: i64 = i64::MAX - 1;
pub const PREPAID_RANK: i64 = i64::MAX;

/// One receipt as the close sees it.
#[derive(Debug, Clone)]
pub struct DayReceipt {
    pub receipt_no: String,
    pub unit: String,
    pub payer: String,
    pub method: Method,
    pub amount: Money,
    pub paid_at: String,
    pub paid_on: NaiveDate,
    pub void: Option<Void>,
    /// What the receipt paid, by item, as taken (fee items, 期初欠费, 违约金,
    /// then 预存款), each with the rank that orders the day's item lines.
    pub items: Vec<(i64, String, Money)>,
}

#[derive(Debug, Clone)]
pub struct Void {
    pub on: NaiveDate,
    pub at: String,
    pub reason: String,
    pub by: String,
}

/// The line a bill's money is collected under, and its rank among the day's
/// item lines: a fee item by its id, then 期初欠费 (no item), then 违约金 (a
/// late-fee bill, whatever its principal's item).
pub fn item_of(fee_item_id: Option<i64>, fee_item: Option<String>, late_fee: bool) -> (i64, String) {
    match (late_fee, fee_item_id, fee_item) {
        (true, ..) => (LATE_FEE_RANK, "违约金".into()),
        (false, Some(id), Some(name)) => (id, name),
        _ => (OPENING_RANK, "期初欠费".into()),
    }
}

/// How one receipt counts in the close of `day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counted {
    /// Taken that day and not voided that day: in the takings.
    Taken,
    /// Taken and voided that day: listed, not in the takings.
    VoidedSameDay,
    /// Taken earlier, voided that day: taken off that day's takings.
    Reversed,
    /// Not a movement of that day.
    Elsewhere,
}

pub fn counted(r: &DayReceipt, day: NaiveDate) -> Counted {
    let voided_today = r.void.as_ref().is_some_and(|v| v.on == day);
    match (r.paid_on == day, voided_today) {
        (true, false) => Counted::Taken,
        (true, true) => Counted::VoidedSameDay,
        (false, true) if r.paid_on < day => Counted::Reversed,
        _ => Counted::Elsewhere,
    }
}

/// A line of the by-method or by-item table: receipts taken, reversals, net.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Line {
    pub name: String,
    /// Receipts taken that count in the takings.
    pub count: u32,
    pub taken: Money,
    /// Reversals of earlier days' receipts voided today.
    pub reversals: u32,
    pub reversed: Money,
    /// Taken less reversed.
    pub amount: Money,
}

impl Line {
    fn named(name: &str) -> Line {
        Line { name: name.to_string(), ..Line::default() }
    }

    fn add(&mut self, how: Counted, amount: Money) {
        match how {
            Counted::Taken => {
                self.count += 1;
                self.taken += amount;
            }
            Counted::Reversed => {
                self.reversals += 1;
                self.reversed += amount;
            }
            _ => return,
        }
        self.amount = self.taken - self.reversed;
    }
}

/// The day's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Every payment method, in the order of `Method::ALL`, with or without money.
    pub by_method: Vec<MethodLine>,
    /// Fee items in their own order, then 期初欠费, 违约金, 预存款; only those that moved.
    pub by_item: Vec<Line>,
    /// All methods together.
    pub total: Line,
    /// The net cash of the day: what the drawer should hold.
    pub cash_expected: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MethodLine {
    pub method: Method,
    #[serde(flatten)]
    pub line: Line,
}

pub fn totals(receipts: &[DayReceipt], day: NaiveDate) -> Totals {
    let mut by_method: Vec<MethodLine> = Method::ALL.iter().map(|&m| MethodLine { method: m, line: Line::named(m.label()) }).collect();
    let mut items: Vec<(i64, Line)> = Vec::new();
    let mut total = Line::named("合计");
    for r in receipts {
        let how = counted(r, day);
        if !matches!(how, Counted::Taken | Counted::Reversed) {
            continue;
        }
        total.add(how, r.amount);
        if let Some(m) = by_method.iter_mut().find(|m| m.method == r.method) {
            m.line.add(how, r.amount);
        }
        for (rank, name, amount) in &r.items {
            match items.iter_mut().find(|(_, l)| l.name == *name) {
                Some((_, line)) => line.add(how, *amount),
                None => {
                    let mut line = Line::named(name);
                    line.add(how, *amount);
                    items.push((*rank, line));
                }
            }
        }
    }
    items.sort_by(|a, b| (a.0, &a.1.name).cmp(&(b.0, &b.1.name)));
    let cash_expected = by_method.iter().find(|m| m.method == Method::Cash).map_or(Money::ZERO, |m| m.line.amount);
    Totals { by_method, by_item: items.into_iter().map(|(_, l)| l).collect(), total, cash_expected }
}

/// The cash difference (counted − expected: positive 长款, negative 短款).
/// A difference must be explained in the note; a count cannot be negative.
pub fn difference(expected: Money, counted: Money, note: &str) -> Result<Money, CloseError> {
    if counted.fen() < 0 {
        return Err(CloseError::NegativeCount);
    }
    let difference = counted - expected;
    if !difference.is_zero() && note.trim().is_empty() {
        return Err(CloseError::NoteRequired { difference, expected, counted });
    }
    Ok(difference)
}

/// A day can be closed once it has begun: today or earlier.
pub fn check_day(day: NaiveDate, today: NaiveDate) -> Result<(), CloseError> {
    if day > today {
        return Err(CloseError::FutureDay { day, today });
    }
    Ok(())
}

/// 长款 / 短款 / 相符, as a difference is named on the sheet and on screen.
pub fn difference_label(difference: Money) -> &'static str {
    match difference.fen() {
        0 => "相符",
        d if d > 0 => "长款",
        _ => "短款",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    fn receipt(no: &str, method: Method, fen: i64, paid: u32, voided: Option<u32>, items: &[(i64, &str, i64)]) -> DayReceipt {
        DayReceipt {
            receipt_no: no.into(),
            unit: "1-1-101".into(),
            payer: "张三".into(),
            method,
            amount: Money(fen),
            paid_at: format!("{}T10:00:00+08:00", d(paid)),
            paid_on: d(paid),
            void: voided.map(|v| Void { on: d(v), at: format!("{}T15:00:00+08:00", d(v)), reason: "错收".into(), by: "主管".into() }),
            items: items.iter().map(|&(rank, name, fen)| (rank, name.to_string(), Money(fen))).collect(),
        }
    }

    #[test]
    fn a_movement_counts_on_its_own_day() {
        let r = receipt("SF1", Method::Cash, 100, 20, Some(22), &[]);
        assert_eq!(counted(&r, d(19)), Counted::Elsewhere);
        assert_eq!(counted(&r, d(20)), Counted::Taken, "voided later: still taken that day");
        assert_eq!(counted(&r, d(21)), Counted::Elsewhere);
        assert_eq!(counted(&r, d(22)), Counted::Reversed);
        let same = receipt("SF2", Method::Cash, 100, 20, Some(20), &[]);
        assert_eq!(counted(&same, d(20)), Counted::VoidedSameDay);
        assert_eq!(counted(&receipt("SF3", Method::Cash, 100, 20, None, &[]), d(20)), Counted::Taken);
    }

    #[test]
    fn takings_by_method_and_item_with_a_same_day_void_and_a_reversal() {
        let day = d(21);
        let receipts = [
            receipt("SF1", Method::Cash, 30_000, 21, None, &[(1, "物业服务费", 20_000), (2, "垃圾清运费", 1_000), (PREPAID_RANK, PREPAID, 9_000)]),
            receipt("SF2", Method::Wechat, 12_345, 21, None, &[(1, "物业服务费", 12_345)]),
            // Taken and voided today: listed only.
            receipt("SF3", Method::Cash, 50_000, 21, Some(21), &[(1, "物业服务费", 50_000)]),
            // Taken yesterday, voided today: a reversal today.
            receipt("SF0", Method::Cash, 8_000, 20, Some(21), &[(2, "垃圾清运费", 3_000), (PREPAID_RANK, PREPAID, 5_000)]),
            // Taken today, voided tomorrow: today it counts.
            receipt("SF4", Method::Alipay, 1_000, 21, Some(22), &[(2, "垃圾清运费", 1_000)]),
        ];
        let t = totals(&receipts, day);
        let cash = &t.by_method[0].line;
        assert_eq!((cash.name.as_str(), cash.count, cash.taken, cash.reversals, cash.reversed, cash.amount), ("现金", 1, Money(30_000), 1, Money(8_000), Money(22_000)));
        assert_eq!(t.by_method[2].line.amount, Money(12_345), "微信");
        assert_eq!(t.by_method[3].line.amount, Money(1_000), "支付宝");
        assert_eq!(t.by_method[1].line, Line::named("银行卡"), "every method is listed, even without money");
        assert_eq!(t.by_method.len(), 5);
        assert_eq!(t.cash_expected, Money(22_000));
        assert_eq!((t.total.count, t.total.taken, t.total.reversed, t.total.amount), (3, Money(43_345), Money(8_000), Money(35_345)));
        let items: Vec<(&str, u32, i64, i64)> = t.by_item.iter().map(|l| (l.name.as_str(), l.count, l.taken.fen(), l.amount.fen())).collect();
        assert_eq!(items, [("物业服务费", 2, 32_345, 32_345), ("垃圾清运费", 2, 2_000, -1_000), (PREPAID, 1, 9_000, 4_000)]);
        // The item lines add up to the methods' total.
        assert_eq!(t.by_item.iter().map(|l| l.amount).sum::<Money>(), t.total.amount);
    }

    #[test]
    fn items_are_fee_items_then_opening_balances_then_late_fees() {
        assert_eq!(item_of(Some(3), Some("物业服务费".into()), false), (3, "物业服务费".into()));
        assert_eq!(item_of(None, None, false), (OPENING_RANK, "期初欠费".into()));
        assert_eq!(item_of(Some(3), Some("物业服务费".into()), true), (LATE_FEE_RANK, "违约金".into()));
        const { assert!(OPENING_RANK < LATE_FEE_RANK && LATE_FEE_RANK < PREPAID_RANK) };
    }

    #[test]
    fn an_empty_day_has_every_method_at_zero() {
        let t = totals(&[], d(21));
        assert_eq!(t.by_method.len(), 5);
        assert!(t.by_item.is_empty());
        assert_eq!((t.total.amount, t.cash_expected), (Money::ZERO, Money::ZERO));
    }

    #[test]
    fn a_cash_difference_needs_a_note() {
        assert_eq!(difference(Money(22_000), Money(22_000), ""), Ok(Money::ZERO));
        assert_eq!(difference(Money(22_000), Money(21_950), "找零多找 0.50 元"), Ok(Money(-50)));
        assert_eq!(difference(Money(22_000), Money(22_100), "  "), Err(CloseError::NoteRequired { difference: Money(100), expected: Money(22_000), counted: Money(22_100) }));
        assert_eq!(difference(Money::ZERO, Money(-1), "x"), Err(CloseError::NegativeCount));
        assert_eq!((difference_label(Money(1)), difference_label(Money(-1)), difference_label(Money::ZERO)), ("长款", "短款", "相符"));
    }

    #[test]
    fn only_a_day_that_has_begun_can_be_closed() {
        assert_eq!(check_day(d(21), d(21)), Ok(()));
        assert_eq!(check_day(d(1), d(21)), Ok(()));
        assert_eq!(check_day(d(22), d(21)), Err(CloseError::FutureDay { day: d(22), today: d(21) }));
    }
}

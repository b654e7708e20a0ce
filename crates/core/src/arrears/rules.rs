//! When a bill falls due and how old a debt is: pure functions, tested alone.

use chrono::{Datelike, NaiveDate};

use crate::fees::Period;

/// The age brackets of an arrears report (账龄), in days past the due date.
pub const BRACKETS: [(&str, i64, i64); 5] =
    [("0–30天", 0, 30), ("31–90天", 31, 90), ("91–180天", 91, 180), ("181–365天", 181, 365), ("365天以上", 366, i64::MAX)];

/// A bill is due on day `due_day` of its first month; a day past the end of a
/// short month is that month's last day (so due day 31 means 月末).
pub fn due_date(period: Period, due_day: u32) -> NaiveDate {
    let last = period.last_day();
    period.first_day().with_day(due_day).unwrap_or(last).min(last)
}

/// Sort key of a building: numbered buildings in number order (2 before 10), then the others (S1, P) by name.
pub fn building_order(name: &str) -> (u8, u64, String) {
    match name.parse::<u64>() {
        Ok(n) => (0, n, String::new()),
        Err(_) => (1, 0, name.to_string()),
    }
}

/// Days past due on `as_of`; negative while not yet due.
pub fn days_overdue(due: NaiveDate, as_of: NaiveDate) -> i64 {
    (as_of - due).num_days()
}

/// The bracket index for a debt `days` past due (0 for 0–30 days). `None` while not yet due.
pub fn bracket(days: i64) -> Option<usize> {
    BRACKETS.iter().position(|&(_, from, to)| (from..=to).contains(&days))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn due_on_the_day_of_the_first_month_or_the_month_end() {
        let feb = Period::new(2026, 2).unwrap();
        assert_eq!(due_date(feb, 1), d(2026, 2, 1));
        assert_eq!(due_date(feb, 15), d(2026, 2, 15));
        assert_eq!(due_date(feb, 31), d(2026, 2, 28));
        assert_eq!(due_date(Period::new(2028, 2).unwrap(), 30), d(2028, 2, 29));
        assert_eq!(due_date(Period::new(2026, 12).unwrap(), 31), d(2026, 12, 31));
    }

    #[test]
    fn brackets_meet_without_gaps() {
        assert_eq!(bracket(-1), None);
        assert_eq!(bracket(0), Some(0));
        assert_eq!(bracket(30), Some(0));
        assert_eq!(bracket(31), Some(1));
        assert_eq!(bracket(90), Some(1));
        assert_eq!(bracket(91), Some(2));
        assert_eq!(bracket(180), Some(2));
        assert_eq!(bracket(181), Some(3));
        assert_eq!(bracket(365), Some(3));
        assert_eq!(bracket(366), Some(4));
        assert_eq!(bracket(10_000), Some(4));
    }

    #[test]
    fn days_count_calendar_days() {
        assert_eq!(days_overdue(d(2026, 1, 1), d(2026, 3, 1)), 59);
        assert_eq!(days_overdue(d(2026, 3, 1), d(2026, 1, 1)), -59);
        assert_eq!(days_overdue(d(2028, 2, 1), d(2028, 3, 1)), 29);
    }
}

//! The pure rules of inspections, tested alone: numbers, the day typed, when
//! a round is due, where a moved item lands.

use chrono::{Datelike, NaiveDate};

use super::InspectError;
use super::model::Checklist;

/// Days within which the public areas must have been walked.
pub const PUBLIC_DAYS: i64 = 7;

/// "XJ20261123-001": the day it was recorded and its place that day.
pub fn round_no(day: NaiveDate, n: i64) -> String {
    format!("XJ{}-{n:03}", day.format("%Y%m%d"))
}

/// What a work order names as its source: the round's number and the item's place on it.
pub fn finding(round_no: &str, position: i64) -> String {
    format!("{round_no}/{position}")
}

/// The checklist as typed, or the refusal listing the two.
pub fn checklist(text: &str) -> Result<Checklist, InspectError> {
    Checklist::parse(text).ok_or_else(|| InspectError::BadChecklist(text.trim().chars().take(20).collect()))
}

/// The day a round was walked as typed; blank is today. Never after today.
pub fn day(text: &str, today: NaiveDate) -> Result<NaiveDate, InspectError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(today);
    }
    let d = crate::register::rules::parse_date(t).map_err(|_| InspectError::BadDate(t.chars().take(20).collect()))?;
    if d > today {
        return Err(InspectError::FutureDate(d.to_string()));
    }
    Ok(d)
}

/// Is a round of `checklist` due at `today`, its last finished round walked on `last`?
/// Public areas: none in the last 7 days (today and the 6 before). A vacant unit: none this month.
pub fn due(checklist: Checklist, last: Option<NaiveDate>, today: NaiveDate) -> bool {
    match (checklist, last) {
        (_, None) => true,
        (Checklist::Public, Some(d)) => (today - d).num_days() >= PUBLIC_DAYS,
        (Checklist::Vacant, Some(d)) => (d.year(), d.month()) != (today.year(), today.month()),
    }
}

/// Why it is due, in the desk's words.
pub fn due_text(checklist: Checklist, last: Option<NaiveDate>) -> String {
    let when = match last {
        Some(d) => format!("上次 {d}"),
        None => "从未巡检".into(),
    };
    match checklist {
        Checklist::Public => format!("近 {PUBLIC_DAYS} 天没有公共区域巡检（{when}）"),
        Checklist::Vacant => format!("本月还没有空置房巡检（{when}）"),
    }
}

/// A position as typed for an item moved among `count` items: 1 to `count`.
pub fn position(text: &str, count: i64) -> Result<i64, InspectError> {
    let bad = || InspectError::BadPosition { got: text.trim().chars().take(20).collect(), max: count };
    let p: i64 = text.trim().parse().map_err(|_| bad())?;
    if (1..=count).contains(&p) { Ok(p) } else { Err(bad()) }
}

/// The new order of `ids` with `id` moved to `to` (1-based).
pub fn moved(ids: &[i64], id: i64, to: i64) -> Vec<i64> {
    let mut rest: Vec<i64> = ids.iter().copied().filter(|x| *x != id).collect();
    let at = usize::try_from(to - 1).unwrap_or(0).min(rest.len());
    rest.insert(at, id);
    rest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::day as d;

    #[test]
    fn numbers_name_the_day_and_findings_the_place() {
        assert_eq!(round_no(d("2026-11-23"), 1), "XJ20261123-001");
        assert_eq!(round_no(d("2026-11-23"), 1000), "XJ20261123-1000");
        assert_eq!(finding("XJ20261123-001", 3), "XJ20261123-001/3");
    }

    #[test]
    fn checklists_are_typed_as_codes_labels_or_titles() {
        for t in ["public", "PUBLIC", "公共区域", "公共", "每周公共区域巡检"] {
            assert_eq!(checklist(t).unwrap(), Checklist::Public, "{t}");
        }
        for t in ["vacant", "空置房", "空置", "每月空置房巡检"] {
            assert_eq!(checklist(t).unwrap(), Checklist::Vacant, "{t}");
        }
        for t in ["", "公", "楼道", "x"] {
            assert!(matches!(checklist(t), Err(InspectError::BadChecklist(_))), "{t}");
        }
    }

    #[test]
    fn the_day_is_typed_and_never_ahead_of_today() {
        let today = d("2026-11-23");
        assert_eq!(day("", today).unwrap(), today);
        assert_eq!(day("2026/11/20", today).unwrap(), d("2026-11-20"));
        assert_eq!(day("2026-11-24", today).unwrap_err().to_string(), "巡检日期 2026-11-24 还没到，请写巡检实际进行的日期。");
        assert!(matches!(day("2026-02-30", today), Err(InspectError::BadDate(_))));
        assert!(matches!(day("昨天", today), Err(InspectError::BadDate(_))));
    }

    #[test]
    fn the_public_round_is_due_after_seven_days_a_vacant_unit_each_month() {
        let today = d("2026-11-23");
        assert!(due(Checklist::Public, None, today));
        assert!(!due(Checklist::Public, Some(d("2026-11-17")), today), "six days ago is within the week");
        assert!(due(Checklist::Public, Some(d("2026-11-16")), today), "seven days ago is not");
        assert!(!due(Checklist::Vacant, Some(d("2026-11-01")), today));
        assert!(due(Checklist::Vacant, Some(d("2026-10-31")), today));
        assert!(due(Checklist::Vacant, Some(d("2025-11-23")), today), "the same month of last year is not this month");
        assert_eq!(due_text(Checklist::Public, Some(d("2026-11-16"))), "近 7 天没有公共区域巡检（上次 2026-11-16）");
        assert_eq!(due_text(Checklist::Vacant, None), "本月还没有空置房巡检（从未巡检）");
    }

    #[test]
    fn an_item_moves_to_its_place_and_the_rest_close_up() {
        assert_eq!(moved(&[1, 2, 3, 4], 4, 1), [4, 1, 2, 3]);
        assert_eq!(moved(&[1, 2, 3, 4], 1, 3), [2, 3, 1, 4]);
        assert_eq!(moved(&[1, 2, 3, 4], 2, 4), [1, 3, 4, 2]);
        assert_eq!(position("2", 4).unwrap(), 2);
        for bad in ["0", "5", "-1", "a", ""] {
            assert!(matches!(position(bad, 4), Err(InspectError::BadPosition { .. })), "{bad}");
        }
    }
}

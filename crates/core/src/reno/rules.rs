//! The pure rules of renovation permits, tested alone: what a scope, a
//! worker's ID, a period, a checklist, a deduction may be, which status allows
//! which step, and the settings' ranges.

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

use super::RenoError;
use super::model::Status;
use crate::db::settings;
use crate::money::Money;

/// What the works may cover, in the order they are printed.
pub const SCOPES: [&str; 7] = ["墙体", "地面", "水电", "防水", "门窗", "阳台", "空调"];
/// The daily inspection's checklist (日检).
pub const INSPECTION_ITEMS: [&str; 6] = ["承重墙", "防水", "消防", "垃圾", "施工时间", "楼道卫生"];
const INSPECTION_LIST: &str = "承重墙、防水、消防、垃圾、施工时间、楼道卫生";
/// The completion acceptance checklist (竣工验收).
pub const ACCEPTANCE_ITEMS: [&str; 6] = ["承重墙", "防水", "水电", "门窗", "外立面", "公共部位"];
const ACCEPTANCE_LIST: &str = "承重墙、防水、水电、门窗、外立面、公共部位";

pub const MAX_DAYS_DEFAULT: i64 = 180;
pub const WATERPROOF_HOURS_DEFAULT: i64 = 48;
pub const RULES_TEXT_DEFAULT: &str = "工作日 8:00–12:00、14:00–18:00 可施工；12:00–14:00 不得进行有噪声的作业；周日及法定节假日不得施工。装修垃圾须袋装，当日清运到指定地点，不得堆放在楼道。";
/// Days to put a violation right when the inspector names no deadline.
pub const RECTIFY_DAYS_DEFAULT: i64 = 3;

/// The scope as typed (墙体,水电 or 墙体 水电 …), in the fixed order, each once.
pub fn parse_scope(items: &[String]) -> Result<Vec<&'static str>, RenoError> {
    let mut chosen = Vec::new();
    for text in items.iter().flat_map(|s| s.split([',', '，', '、', ' '])) {
        let t = text.trim();
        if t.is_empty() {
            continue;
        }
        let found = SCOPES.into_iter().find(|s| *s == t).ok_or_else(|| RenoError::BadScope(t.chars().take(20).collect()))?;
        if !chosen.contains(&found) {
            chosen.push(found);
        }
    }
    if chosen.is_empty() {
        return Err(RenoError::NoScope);
    }
    chosen.sort_by_key(|s| SCOPES.iter().position(|x| x == s));
    Ok(chosen)
}

/// Acceptance needs a passed waterproof test when the works touch water.
pub fn needs_waterproof(scope: &[String]) -> bool {
    scope.iter().any(|s| s == "防水" || s == "水电")
}

pub fn date(text: &str) -> Result<NaiveDate, RenoError> {
    crate::register::rules::parse_date(text).map_err(|_| RenoError::BadDate(text.trim().chars().take(20).collect()))
}

/// A time as typed: 2026-11-23 09:00 (or with a T, or seconds).
pub fn time(text: &str) -> Result<NaiveDateTime, RenoError> {
    let t = text.trim();
    ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .ok_or_else(|| RenoError::BadTime(t.chars().take(20).collect()))
}

/// The planned period: starting today or later, ending after it, at most `max_days` long.
pub fn check_period(start: NaiveDate, end: NaiveDate, today: NaiveDate, max_days: i64) -> Result<(), RenoError> {
    if start < today {
        return Err(RenoError::StartInPast(start.to_string()));
    }
    if end <= start {
        return Err(RenoError::EndBeforeStart { start: start.to_string(), end: end.to_string() });
    }
    let days = (end - start).num_days() + 1;
    if days > max_days {
        return Err(RenoError::TooLong { days, max: max_days });
    }
    Ok(())
}

/// The last four characters of an ID (digits, or an X last), upper-cased.
/// A whole number (15 or 18 characters) or anything else is refused.
pub fn id_last4(worker: &str, text: &str) -> Result<String, RenoError> {
    let t = text.trim().to_uppercase();
    let ok = t.chars().count() == 4 && t.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || (i == 3 && c == 'X'));
    if !ok {
        return Err(RenoError::IdLast4(worker.chars().take(20).collect()));
    }
    Ok(t)
}

/// One phone, as the register reads phones (mobile or landline with its area code).
pub fn phone(who: &str, text: &str) -> Result<String, RenoError> {
    match crate::register::rules::parse_phones(text).as_deref() {
        Ok([one]) => Ok(one.clone()),
        _ => Err(RenoError::BadPhone(who.chars().take(20).collect(), crate::register::rules::mask_phone(text.trim()))),
    }
}

/// Checklist items named as problems, each known to the list.
fn check_items<'a>(names: impl Iterator<Item = &'a str>, list: &'static [&'static str], said: &'static str) -> Result<Vec<&'static str>, RenoError> {
    names
        .map(|n| list.iter().copied().find(|i| *i == n.trim()).ok_or_else(|| RenoError::BadCheckItem(n.trim().chars().take(20).collect(), said)))
        .collect()
}

/// An inspection's findings as typed: `item:what was found`.
pub fn findings(texts: &[String]) -> Result<Vec<(&'static str, String)>, RenoError> {
    let mut out = Vec::new();
    for t in texts {
        let (item, what) = t.split_once([':', '：']).unwrap_or((t.as_str(), ""));
        let item = check_items(std::iter::once(item), &INSPECTION_ITEMS, INSPECTION_LIST)?[0];
        let what = what.trim();
        out.push((item, if what.is_empty() { format!("{item}不合格") } else { what.to_string() }));
    }
    Ok(out)
}

/// The acceptance checklist's failed items, known to the list.
pub fn acceptance_problems(names: &[String]) -> Result<Vec<&'static str>, RenoError> {
    check_items(names.iter().map(String::as_str), &ACCEPTANCE_ITEMS, ACCEPTANCE_LIST)
}

/// The checklist as stored: every item with "ok" or "problem".
pub fn checklist(items: &[&'static str], problems: &[&str]) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> =
        items.iter().map(|i| (i.to_string(), (if problems.contains(i) { "problem" } else { "ok" }).into())).collect();
    serde_json::Value::Object(map)
}

/// A deduction as typed: `amount:reason` (300:墙面损坏修复).
pub fn deduction(text: &str) -> Result<(Money, String), RenoError> {
    let bad = || RenoError::BadDeduction(text.trim().chars().take(40).collect());
    let (amount, reason) = text.split_once([':', '：']).ok_or_else(bad)?;
    let amount = Money::parse(amount.trim()).map_err(|_| bad())?;
    let reason = reason.trim();
    if !amount.is_positive() || reason.is_empty() {
        return Err(bad());
    }
    Ok((amount, reason.to_string()))
}

/// Water depth in cm as typed (2, 2.5) → whole millimetres.
pub fn depth_mm(text: &str) -> Result<i64, RenoError> {
    let bad = || RenoError::BadDepth(text.trim().chars().take(20).collect());
    let cm: Decimal = text.trim().trim_end_matches("cm").trim_end_matches("厘米").trim().parse().map_err(|_| bad())?;
    let mm = (cm * Decimal::TEN).round();
    if mm <= Decimal::ZERO || mm > Decimal::from(1000) {
        return Err(bad());
    }
    i64::try_from(mm).map_err(|_| bad())
}

/// The permit's number: ZX, the year, the count within the year.
pub fn permit_no(year: i32, number: i64) -> String {
    format!("ZX{year}-{number:04}")
}

/// A release slip's number: FX, the day, the count within the day.
pub fn slip_no(day: NaiveDate, number: i64) -> String {
    format!("FX{}-{number:03}", day.format("%Y%m%d"))
}

/// Refuses a step the permit's status does not allow, saying what comes first.
pub fn require(id: i64, status: Status, allowed: &[Status], action: &'static str) -> Result<(), RenoError> {
    if allowed.contains(&status) {
        return Ok(());
    }
    Err(RenoError::WrongStep { id, status: status.label(), action, hint: status.next_hint() })
}

/// Whether a renovation setting's value is acceptable.
pub fn setting_valid(key: &str, value: &str) -> bool {
    let yuan = |max: i64| value.is_empty() || Money::parse(value).is_ok_and(|m| (0..=max * 100).contains(&m.fen()));
    match key {
        settings::RENO_MAX_DAYS => value.parse::<i64>().is_ok_and(|d| (1..=730).contains(&d)),
        settings::RENO_WATERPROOF_HOURS => value.parse::<i64>().is_ok_and(|h| (1..=240).contains(&h)),
        settings::RENO_RULES_TEXT => value.chars().count() <= 500,
        settings::RENO_FEE_PER_SQM => value.is_empty() || value.parse::<Decimal>().is_ok_and(|d| d >= Decimal::ZERO && d <= Decimal::from(1000)),
        settings::RENO_RUBBISH_FEE => yuan(100_000),
        settings::RENO_DEPOSIT => yuan(1_000_000),
        _ => false,
    }
}

pub fn setting_accepts(key: &str) -> &'static str {
    match key {
        settings::RENO_MAX_DAYS => "天数为 1 到 730",
        settings::RENO_WATERPROOF_HOURS => "小时数为 1 到 240",
        settings::RENO_RULES_TEXT => "最多 500 个字",
        settings::RENO_FEE_PER_SQM => "每平方米 0 到 1000 元，如 3 或 2.5",
        settings::RENO_RUBBISH_FEE => "金额为 0 到 100000 元",
        settings::RENO_DEPOSIT => "金额为 0 到 1000000 元",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::day;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_scope_is_a_subset_of_the_seven_in_their_order_and_unknown_ones_are_refused() {
        assert_eq!(parse_scope(&strings(&["水电,墙体", "水电"])).unwrap(), ["墙体", "水电"]);
        assert_eq!(parse_scope(&strings(&["防水、空调 门窗"])).unwrap(), ["防水", "门窗", "空调"]);
        assert!(matches!(parse_scope(&strings(&["墙体", "屋顶"])), Err(RenoError::BadScope(s)) if s == "屋顶"));
        assert!(matches!(parse_scope(&strings(&[" , "])), Err(RenoError::NoScope)));
        assert!(needs_waterproof(&strings(&["水电"])) && needs_waterproof(&strings(&["防水"])) && !needs_waterproof(&strings(&["墙体", "地面"])));
    }

    #[test]
    fn a_period_starts_today_or_later_ends_after_it_and_is_at_most_the_maximum() {
        let today = day("2026-11-23");
        assert!(check_period(day("2026-11-23"), day("2027-05-21"), today, 180).is_ok(), "180 days counting both ends");
        assert!(matches!(check_period(day("2026-11-23"), day("2027-05-22"), today, 180), Err(RenoError::TooLong { days: 181, max: 180 })));
        assert!(matches!(check_period(day("2026-12-01"), day("2026-12-01"), today, 180), Err(RenoError::EndBeforeStart { .. })));
        assert!(matches!(check_period(day("2026-11-22"), day("2026-12-01"), today, 180), Err(RenoError::StartInPast(_))));
    }

    #[test]
    fn only_the_last_four_of_an_id_are_taken_never_a_whole_number() {
        assert_eq!(id_last4("王", "123x").unwrap(), "123X");
        assert_eq!(id_last4("王", " 0456 ").unwrap(), "0456");
        for bad in ["110101199003071234", "11010119900307123X", "123", "12X4", "abcd", ""] {
            let e = id_last4("王师傅", bad).unwrap_err();
            assert!(!e.to_string().contains(bad) || bad.len() < 4, "the refusal never repeats the number: {e}");
            assert!(e.to_string().contains("后 4 位"), "{e}");
        }
    }

    #[test]
    fn phones_are_digits_and_a_refusal_masks_them() {
        assert_eq!(phone("李", "139-0000-1234").unwrap(), "13900001234");
        assert!(phone("李", "13900001234/13900001235").is_err(), "one phone");
        let e = phone("李", "13900001234abc").unwrap_err().to_string();
        assert!(!e.contains("13900001234"), "{e}");
    }

    #[test]
    fn findings_name_a_checklist_item_and_what_was_found() {
        let f = findings(&strings(&["垃圾:楼道堆放建筑垃圾", "施工时间"])).unwrap();
        assert_eq!(f, [("垃圾", "楼道堆放建筑垃圾".to_string()), ("施工时间", "施工时间不合格".to_string())]);
        assert!(matches!(findings(&strings(&["屋顶:漏"])), Err(RenoError::BadCheckItem(i, _)) if i == "屋顶"));
        assert_eq!(checklist(&INSPECTION_ITEMS, &["垃圾"])["垃圾"], "problem");
        assert_eq!(checklist(&INSPECTION_ITEMS, &["垃圾"])["消防"], "ok");
        assert!(acceptance_problems(&strings(&["外立面"])).is_ok() && acceptance_problems(&strings(&["消防"])).is_err());
    }

    #[test]
    fn deductions_depths_and_numbers_read_as_the_office_writes_them() {
        assert_eq!(deduction("300:墙面损坏修复").unwrap(), (Money(30000), "墙面损坏修复".into()));
        assert_eq!(deduction("50.5：垃圾清运").unwrap(), (Money(5050), "垃圾清运".into()));
        for bad in ["300", "300:", "-1:x", "abc:x", "0:x"] {
            assert!(matches!(deduction(bad), Err(RenoError::BadDeduction(_))), "{bad}");
        }
        assert_eq!(depth_mm("2").unwrap(), 20);
        assert_eq!(depth_mm("2.5cm").unwrap(), 25);
        assert!(depth_mm("0").is_err() && depth_mm("x").is_err() && depth_mm("500").is_err());
        assert_eq!(permit_no(2026, 1), "ZX2026-0001");
        assert_eq!(slip_no(day("2026-11-23"), 7), "FX20261123-007");
        assert_eq!(time("2026-11-23 09:00").unwrap().to_string(), "2026-11-23 09:00:00");
        assert!(time("昨天").is_err());
    }

    #[test]
    fn a_step_out_of_order_says_the_status_and_what_comes_first() {
        let e = require(3, Status::Approved, &[Status::Paid], "发证").unwrap_err().to_string();
        assert!(e.contains("已批准") && e.contains("不能发证") && e.contains("收"), "{e}");
        assert!(require(3, Status::Paid, &[Status::Paid], "发证").is_ok());
    }

    #[test]
    fn settings_take_their_ranges() {
        assert!(setting_valid(settings::RENO_MAX_DAYS, "180") && !setting_valid(settings::RENO_MAX_DAYS, "0"));
        assert!(setting_valid(settings::RENO_WATERPROOF_HOURS, "48") && !setting_valid(settings::RENO_WATERPROOF_HOURS, "x"));
        assert!(setting_valid(settings::RENO_FEE_PER_SQM, "2.5") && !setting_valid(settings::RENO_FEE_PER_SQM, "-1"));
        assert!(setting_valid(settings::RENO_DEPOSIT, "2000") && !setting_valid(settings::RENO_DEPOSIT, "abc"));
        assert!(!setting_valid(settings::RENO_RULES_TEXT, &"字".repeat(501)));
    }
}

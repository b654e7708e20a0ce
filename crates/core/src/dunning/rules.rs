//! The rules of dunning, pure and tested alone: escalation stages, channels,
//! the stage a unit has reached, the limitation period and its warnings, the
//! templates' placeholders, and how a letter names the months owed.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::DunningError;
use crate::fees::Period;

/// Escalation stages, mildest first (the order is the escalation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 提醒: a phone call, a text, a WeChat message.
    Reminder,
    /// 催缴函: the formal letter.
    Letter,
    /// 上门: a visit to the home.
    Visit,
    /// 律师函·诉讼: a lawyer's letter or a lawsuit.
    Legal,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::Reminder, Stage::Letter, Stage::Visit, Stage::Legal];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Reminder => "reminder",
            Stage::Letter => "letter",
            Stage::Visit => "visit",
            Stage::Legal => "legal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Reminder => "提醒",
            Stage::Letter => "催缴函",
            Stage::Visit => "上门",
            Stage::Legal => "律师函·诉讼",
        }
    }

    /// A stage as typed: its code or its Chinese name (律师函, 诉讼 and 律师函/诉讼 are one stage).
    pub fn parse(text: &str) -> Result<Stage, DunningError> {
        let t = text.trim();
        let found = match t {
            "提醒" => Some(Stage::Reminder),
            "催缴函" | "函" => Some(Stage::Letter),
            "上门" => Some(Stage::Visit),
            "律师函" | "诉讼" | "律师函·诉讼" | "律师函/诉讼" | "律师函诉讼" => Some(Stage::Legal),
            _ => Stage::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(t)),
        };
        found.ok_or_else(|| DunningError::BadStage(t.to_string()))
    }
}

/// The ways a contact is made.
pub const CHANNELS: [&str; 7] = ["电话", "短信", "微信", "上门", "邮寄", "当面", "律师"];

/// A channel as typed, checked against `CHANNELS`.
pub fn parse_channel(text: &str) -> Result<&'static str, DunningError> {
    let t = text.trim();
    CHANNELS.into_iter().find(|c| *c == t).ok_or_else(|| DunningError::BadChannel(t.to_string()))
}

/// The stage a unit has reached: the highest stage of the contacts and letters
/// dated on or after the day its current arrears began. A debt paid off and a
/// new one begun start the escalation over, because the owner has not yet been
/// reminded of the new one. `None`: in arrears, not yet contacted.
pub fn current_stage(events: impl IntoIterator<Item = (NaiveDate, Stage)>, arrears_began: NaiveDate) -> Option<Stage> {
    events.into_iter().filter(|(day, _)| *day >= arrears_began).map(|(_, s)| s).max()
}

/// The limitation period for claiming a debt (诉讼时效, 民法典 第188条): three years.
pub const LIMITATION_YEARS: u32 = 3;
/// Warn this many days before the period runs out.
pub const WARN_DAYS: i64 = 90;

/// The last day a claim on a bill due on `due` can still be made in time:
/// three years from the due date, restarted by each proven delivery of a
/// demand made while the period was still running (民法典 第195条: a demand
/// interrupts the period; one made after it ended does not revive it).
/// `deliveries` are in date order. 29 February runs to 28 February.
pub fn limitation_ends(due: NaiveDate, deliveries: &[NaiveDate]) -> NaiveDate {
    let three_years = |from: NaiveDate| from.checked_add_months(Months::new(12 * LIMITATION_YEARS)).unwrap_or(NaiveDate::MAX);
    deliveries.iter().filter(|d| **d > due).fold(three_years(due), |ends, d| if *d <= ends { three_years(*d) } else { ends })
}

/// How urgent a limitation warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The period ends within `WARN_DAYS`: deliver a demand now.
    Approaching,
    /// The period has run out: the owner may refuse on that ground.
    Past,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Approaching => "即将届满",
            Level::Past => "已届满",
        }
    }
}

/// The warning for a period ending on `ends`, seen on `as_of`: `Past` after
/// that day, `Approaching` within `WARN_DAYS` of it, else none.
pub fn warning(ends: NaiveDate, as_of: NaiveDate) -> Option<Level> {
    let left = (ends - as_of).num_days();
    if left < 0 {
        Some(Level::Past)
    } else if left <= WARN_DAYS {
        Some(Level::Approaching)
    } else {
        None
    }
}

/// Days a letter gives to pay, by default and at most.
pub const DEADLINE_DAYS_DEFAULT: u32 = 15;
pub const DEADLINE_DAYS_MAX: u32 = 90;

/// The pay-by date printed on a letter: `days` (1–90) after its date.
pub fn deadline(as_of: NaiveDate, days: u32) -> Result<NaiveDate, DunningError> {
    if !(1..=DEADLINE_DAYS_MAX).contains(&days) {
        return Err(DunningError::BadDeadlineDays(days));
    }
    Ok(as_of + chrono::Days::new(u64::from(days)))
}

/// A letter's number: CJ and seven digits.
pub fn letter_no(number: i64) -> String {
    format!("CJ{number:07}")
}

/// The placeholders a reminder or letter template may use, and what they stand for.
pub const PLACEHOLDERS: [(&str, &str); 7] = [
    ("{姓名}", "业主姓名"),
    ("{房号}", "房号"),
    ("{金额}", "欠费金额（元）"),
    ("{截止日期}", "缴费期限"),
    ("{电话}", "服务中心电话"),
    ("{小区}", "小区名称"),
    ("{日期}", "欠费计算日"),
];

/// The values for one unit, in the order of `PLACEHOLDERS`.
pub struct Fill<'a> {
    pub name: &'a str,
    pub unit: &'a str,
    pub amount: &'a str,
    pub deadline: &'a str,
    pub phone: &'a str,
    pub estate: &'a str,
    pub date: &'a str,
}

/// The template with every placeholder replaced; unknown braces stay as typed.
pub fn fill(template: &str, f: &Fill) -> String {
    let values = [f.name, f.unit, f.amount, f.deadline, f.phone, f.estate, f.date];
    PLACEHOLDERS.iter().zip(values).fold(template.to_string(), |text, ((key, _), value)| text.replace(key, value))
}

/// Months as a letter lists them: runs of consecutive months joined,
/// "2023-01至2023-06、2023-09". `periods` must be sorted.
pub fn period_ranges(periods: &[Period]) -> String {
    let mut runs: Vec<(Period, Period)> = Vec::new();
    for &p in periods {
        match runs.last_mut() {
            Some((_, last)) if last.next() == p => *last = p,
            Some((_, last)) if *last == p => {}
            _ => runs.push((p, p)),
        }
    }
    runs.iter().map(|(a, b)| if a == b { a.to_string() } else { format!("{a}至{b}") }).collect::<Vec<_>>().join("、")
}

/// "2026年11月23日", as dates are written in a letter.
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn stages_read_their_codes_and_chinese_names_and_escalate_in_order() {
        assert_eq!(Stage::parse("提醒").unwrap(), Stage::Reminder);
        assert_eq!(Stage::parse(" LETTER ").unwrap(), Stage::Letter);
        assert_eq!(Stage::parse("律师函/诉讼").unwrap(), Stage::Legal);
        assert_eq!(Stage::parse("诉讼").unwrap(), Stage::Legal);
        assert!(Stage::Reminder < Stage::Letter && Stage::Letter < Stage::Visit && Stage::Visit < Stage::Legal);
        let e = Stage::parse("罚款").unwrap_err();
        assert!(e.to_string().contains("提醒、催缴函、上门、律师函·诉讼"), "{e}");
        assert_eq!(parse_channel(" 微信").unwrap(), "微信");
        assert!(parse_channel("飞鸽").unwrap_err().to_string().contains("电话、短信、微信"));
    }

    #[test]
    fn the_stage_is_the_highest_since_the_arrears_began() {
        let events = [(d("2024-03-01"), Stage::Legal), (d("2026-02-10"), Stage::Reminder), (d("2026-03-01"), Stage::Letter)];
        assert_eq!(current_stage(events, d("2026-02-01")), Some(Stage::Letter), "the lawsuit was about an earlier debt");
        assert_eq!(current_stage(events, d("2026-03-01")), Some(Stage::Letter), "a contact on the first day counts");
        assert_eq!(current_stage(events, d("2026-03-02")), None);
        assert_eq!(current_stage(events, d("2024-01-01")), Some(Stage::Legal));
    }

    #[test]
    fn the_period_runs_three_years_from_the_due_date_or_the_last_delivered_demand() {
        assert_eq!(limitation_ends(d("2023-02-01"), &[]), d("2026-02-01"));
        assert_eq!(limitation_ends(d("2024-02-29"), &[]), d("2027-02-28"));
        assert_eq!(limitation_ends(d("2023-02-01"), &[d("2025-06-10")]), d("2028-06-10"));
        assert_eq!(limitation_ends(d("2023-02-01"), &[d("2024-01-05"), d("2026-12-01")]), d("2029-12-01"), "each demand in time restarts it");
        assert_eq!(limitation_ends(d("2023-02-01"), &[d("2022-12-01")]), d("2026-02-01"), "a demand before the bill was due does not count for it");
        assert_eq!(limitation_ends(d("2023-02-01"), &[d("2026-02-01")]), d("2029-02-01"), "the last day of the period is still in time");
        assert_eq!(limitation_ends(d("2023-02-01"), &[d("2026-02-02")]), d("2026-02-01"), "a demand after the period ended does not revive it");
    }

    #[test]
    fn warnings_start_ninety_days_before_the_end_and_turn_past_the_day_after() {
        let ends = d("2026-06-30");
        assert_eq!(warning(ends, d("2026-03-31")), None, "91 days before");
        assert_eq!(warning(ends, d("2026-04-01")), Some(Level::Approaching), "exactly 90 days");
        assert_eq!(warning(ends, d("2026-06-30")), Some(Level::Approaching), "the last day still counts");
        assert_eq!(warning(ends, d("2026-07-01")), Some(Level::Past));
    }

    #[test]
    fn deadlines_are_one_to_ninety_days_after_the_letter() {
        assert_eq!(deadline(d("2026-11-23"), 15).unwrap(), d("2026-12-08"));
        assert_eq!(deadline(d("2026-12-20"), 15).unwrap(), d("2027-01-04"));
        assert!(deadline(d("2026-11-23"), 0).is_err());
        assert!(deadline(d("2026-11-23"), 91).is_err());
        assert_eq!(letter_no(42), "CJ0000042");
    }

    #[test]
    fn templates_fill_every_placeholder_and_leave_other_text_alone() {
        let f = Fill { name: "张三", unit: "1-1-101", amount: "1,234.50", deadline: "2026年12月8日", phone: "0571-8888", estate: "翠湖花园", date: "2026年11月23日" };
        let text = fill("【{小区}】{姓名}：{房号}截至{日期}欠{金额}元，请于{截止日期}前缴清，电话{电话}{未知}", &f);
        assert_eq!(text, "【翠湖花园】张三：1-1-101截至2026年11月23日欠1,234.50元，请于2026年12月8日前缴清，电话0571-8888{未知}");
    }

    #[test]
    fn months_owed_are_written_as_runs() {
        let p = |s: &str| Period::parse(s).unwrap();
        assert_eq!(period_ranges(&[p("2023-01"), p("2023-02"), p("2023-03"), p("2023-09"), p("2023-12"), p("2024-01")]), "2023-01至2023-03、2023-09、2023-12至2024-01");
        assert_eq!(period_ranges(&[p("2026-05"), p("2026-05")]), "2026-05");
        assert_eq!(period_ranges(&[]), "");
        assert_eq!(chinese_date(d("2026-03-05")), "2026年3月5日");
    }
}

//! What a notice says, from the bills of one unit: pure functions, tested alone.

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::NoticesError;
use crate::fees::Period;
use crate::money::Money;

/// The months a notice is for: one month, or a calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticePeriod {
    pub from: Period,
    pub to: Period,
}

impl NoticePeriod {
    /// Reads a month as `Period::parse` does ("2026-11", "2026年11月") or a
    /// quarter: "2026-Q1", "2026Q1", "2026-q1", "2026年第1季度", "2026年一季度".
    pub fn parse(text: &str) -> Result<NoticePeriod, NoticesError> {
        let t = text.trim();
        let wrong = || NoticesError::BadPeriod(t.to_string());
        if let Ok(month) = Period::parse(t) {
            return Ok(NoticePeriod { from: month, to: month });
        }
        let quarter = |year: &str, q: &str| -> Option<NoticePeriod> {
            let q = match q.trim() {
                "1" | "一" => 1,
                "2" | "二" => 2,
                "3" | "三" => 3,
                "4" | "四" => 4,
                _ => return None,
            };
            let from = Period::new(year.trim().parse().ok()?, 3 * q - 2)?;
            Some(NoticePeriod { from, to: from.plus(2) })
        };
        let upper = t.to_uppercase();
        let found = match upper.split_once('Q') {
            Some((year, q)) => quarter(year.trim_end_matches(['-', '/', '.', ' ']), q),
            None => t
                .split_once('年')
                .and_then(|(year, rest)| quarter(year, rest.trim_start_matches('第').trim_end_matches("季度").trim_end_matches('季'))),
        };
        found.ok_or_else(wrong)
    }

    pub fn is_quarter(self) -> bool {
        self.from != self.to
    }

    fn quarter(self) -> u32 {
        self.from.month.div_ceil(3)
    }

    /// The months as a clerk reads them: 2026年11月, 2026年第1季度.
    pub fn label(self) -> String {
        match self.is_quarter() {
            true => format!("{}年第{}季度", self.from.year, self.quarter()),
            false => format!("{}年{}月", self.from.year, self.from.month),
        }
    }

    /// Whether a bill whose first month is `period` belongs to this notice.
    pub fn contains(self, period: &str) -> bool {
        (self.from.to_string().as_str()..=self.to.to_string().as_str()).contains(&period)
    }

    /// The notice's bills fall due with its first month's.
    pub fn due_date(self, due_day: u32) -> NaiveDate {
        crate::arrears::rules::due_date(self.from, due_day)
    }
}

/// "2026-11", or "2026-Q4" for a quarter: the form `parse` reads back.
impl std::fmt::Display for NoticePeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.is_quarter() {
            true => write!(f, "{}-Q{}", self.from.year, self.quarter()),
            false => write!(f, "{}", self.from),
        }
    }
}

impl Serialize for NoticePeriod {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// What a unit's bills of the notice's months come to, as of its day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Sums {
    /// Everything billed for the notice's months.
    pub billed: Money,
    /// Paid on those bills by prepayment, applied by a billing run.
    pub prepaid_applied: Money,
    /// Paid on those bills at the desk.
    pub paid: Money,
    pub waived: Money,
    /// Unpaid bills of earlier months.
    pub arrears: Money,
    /// Prepayment the unit still holds.
    pub credit_held: Money,
}

/// The bottom of a notice: what the unit still has to pay.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The notice's months not yet paid or waived.
    pub current_owing: Money,
    /// The part of the prepayment still held that this notice counts as paid:
    /// the next billing run applies it to these bills anyway.
    pub credit_applied: Money,
    pub total: Money,
}

/// Current bills still owing plus arrears, less what the prepayment held will pay.
pub fn due(s: &Sums) -> Due {
    let current_owing = s.billed - s.prepaid_applied - s.paid - s.waived;
    let owing = current_owing + s.arrears;
    let credit_applied = s.credit_held.min(owing).max(Money::ZERO);
    Due { current_owing, credit_applied, total: owing - credit_applied }
}

/// A unit gets a notice when something is billed for the months or something is owed.
pub fn worth_a_notice(s: &Sums) -> bool {
    s.billed.is_positive() || s.arrears.is_positive()
}

/// The months of a run of bills: "2026-01", or "2026-01～2026-03".
pub fn months(first: &str, last: &str) -> String {
    match first == last {
        true => first.to_string(),
        false => format!("{first}～{last}"),
    }
}

/// The message sent with the notice, until the office writes its own.
pub const DEFAULT_TEMPLATE: &str =
    "【{小区}】尊敬的{业主}：您的房屋{房号}，{期间}应缴物业费用共{金额}元（含往期欠费），请于{截止日}前缴纳。如已缴纳请忽略。咨询电话：{电话}";

/// Fills a message template: {小区} {业主} {房号} {期间} {金额} {截止日} {电话}.
pub fn message(template: &str, fields: &[(&str, &str)]) -> String {
    crate::docs::placeholders::fill(template, fields)
}

/// The first mobile number (11 digits starting with 1) among comma-separated phones.
pub fn mobile(phones: &str) -> Option<&str> {
    phones.split(',').map(str::trim).find(|p| p.len() == 11 && p.starts_with('1') && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> NoticePeriod {
        NoticePeriod::parse(text).unwrap()
    }

    fn yuan(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn months_and_quarters_are_read_as_typed() {
        assert_eq!((p("2026-11").from.to_string(), p("2026-11").to.to_string()), ("2026-11".into(), "2026-11".into()));
        for q in ["2026-Q2", "2026Q2", "2026-q2", "2026年第2季度", "2026年二季度", " 2026 Q2 "] {
            let n = p(q);
            assert_eq!((n.from.to_string(), n.to.to_string()), ("2026-04".into(), "2026-06".into()), "{q}");
            assert_eq!(n.to_string(), "2026-Q2");
            assert_eq!(n.label(), "2026年第2季度");
        }
        assert_eq!(p("2026-11").label(), "2026年11月");
        assert_eq!(p("2026年11月").to_string(), "2026-11");
        for bad in ["2026-Q5", "2026-Q0", "Q1", "2026-13", "", "下个月"] {
            let e = NoticePeriod::parse(bad).unwrap_err();
            assert!(e.to_string().contains("2026-Q1"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_notice_holds_bills_that_start_in_its_months_and_falls_due_with_the_first() {
        let q = p("2026-Q1");
        assert!(q.contains("2026-01") && q.contains("2026-03"));
        assert!(!q.contains("2025-12") && !q.contains("2026-04"));
        assert_eq!(q.due_date(15).to_string(), "2026-01-15");
        assert_eq!(p("2026-02").due_date(31).to_string(), "2026-02-28");
    }

    #[test]
    fn the_total_is_what_is_owing_less_the_prepayment_still_held() {
        let s = Sums { billed: yuan("210.00"), prepaid_applied: yuan("50.00"), paid: yuan("10.00"), waived: yuan("0"), arrears: yuan("100.00"), credit_held: yuan("0") };
        assert_eq!(due(&s), Due { current_owing: yuan("150.00"), credit_applied: Money::ZERO, total: yuan("250.00") });
        let held = Sums { credit_held: yuan("30.00"), ..s };
        assert_eq!(due(&held).total, yuan("220.00"));
        assert_eq!(due(&held).credit_applied, yuan("30.00"));
        // More held than owed: nothing to pay, and the rest stays prepaid.
        let rich = Sums { credit_held: yuan("1000.00"), ..s };
        assert_eq!(due(&rich), Due { current_owing: yuan("150.00"), credit_applied: yuan("250.00"), total: Money::ZERO });
    }

    #[test]
    fn units_with_nothing_billed_and_nothing_owed_get_no_notice() {
        assert!(!worth_a_notice(&Sums { credit_held: yuan("99.00"), ..Sums::default() }));
        assert!(worth_a_notice(&Sums { arrears: yuan("0.01"), ..Sums::default() }));
        // Billed and already paid in full: the notice still tells them so.
        assert!(worth_a_notice(&Sums { billed: yuan("10.00"), prepaid_applied: yuan("10.00"), ..Sums::default() }));
    }

    #[test]
    fn messages_fill_their_template_and_phones_pick_the_mobile() {
        let text = message(DEFAULT_TEMPLATE, &[("小区", "翠湖花园"), ("业主", "张三"), ("房号", "1-1-101"), ("期间", "2026年11月"), ("金额", "210.00"), ("截止日", "2026年11月1日"), ("电话", "0571-88886666")]);
        assert_eq!(text, "【翠湖花园】尊敬的张三：您的房屋1-1-101，2026年11月应缴物业费用共210.00元（含往期欠费），请于2026年11月1日前缴纳。如已缴纳请忽略。咨询电话：0571-88886666");
        assert_eq!(message("{未知}{房号}", &[("房号", "1-1-101")]), "{未知}1-1-101");
        assert_eq!(mobile("057188886666,13812345678,13900000000"), Some("13812345678"));
        assert_eq!(mobile("88886666"), None);
        assert_eq!(mobile(""), None);
        assert_eq!(months("2026-01", "2026-01"), "2026-01");
        assert_eq!(months("2025-10", "2026-01"), "2025-10～2026-01");
    }
}

//! The survey's rules as pure functions: the half-year a survey covers, the
//! scores typed at the desk, and the figures of the results in exact integer
//! arithmetic (sums and counts, rounded once at the end), so no result ever
//! drifts with floating point: 13 / 3 is 4.33 everywhere it is shown.

use std::fmt;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::SurveyError;

/// Scores go from 1 (非常不满意) to 5 (非常满意); 4 and 5 count as satisfied.
pub const LOWEST: i64 = 1;
pub const HIGHEST: i64 = 5;
pub const SATISFIED_FROM: i64 = 4;
/// A question's longest text, in characters.
pub const QUESTION_MAX: usize = 100;

/// "2026-H2" from "2026年下半年", "2026下半年", "2026-H2", "2026h2", "2026 H1", "2026年上半年".
pub fn parse_period(text: &str) -> Result<String, SurveyError> {
    let t: String = text.trim().chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let bad = || SurveyError::BadPeriod(text.trim().chars().take(20).collect());
    let year: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t[year.len()..].trim_start_matches(['年', '-', '_']);
    let half = match rest {
        "H1" | "上半年" | "1" => 1,
        "H2" | "下半年" | "2" => 2,
        _ => return Err(bad()),
    };
    match year.parse::<i32>() {
        Ok(y) if (2000..=2099).contains(&y) && year.len() == 4 => Ok(format!("{y}-H{half}")),
        _ => Err(bad()),
    }
}

/// "2026年下半年" for "2026-H2" (a stored code is shown as is if it is not one).
pub fn period_label(code: &str) -> String {
    match code.split_once("-H") {
        Some((y, "1")) => format!("{y}年上半年"),
        Some((y, "2")) => format!("{y}年下半年"),
        _ => code.to_string(),
    }
}

/// A day as typed (2026-11-23, 2026/11/23); blank is `today`; never after `today`.
pub fn day(text: &str, today: NaiveDate) -> Result<NaiveDate, SurveyError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(today);
    }
    let d = crate::register::rules::parse_date(t).map_err(|_| SurveyError::BadDate(t.chars().take(20).collect()))?;
    if d > today {
        return Err(SurveyError::FutureDate(d.to_string()));
    }
    Ok(d)
}

/// Scores typed as "5,4,3" (commas of either width, spaces or nothing between single digits: "543").
pub fn parse_scores(text: &str) -> Result<Vec<i64>, SurveyError> {
    let t = text.trim();
    let bad = || SurveyError::BadScore(t.chars().take(30).collect());
    let parts: Vec<&str> = if t.contains([',', '，', ' ', '、']) {
        t.split([',', '，', ' ', '、']).filter(|p| !p.is_empty()).collect()
    } else {
        t.char_indices().map(|(i, c)| &t[i..i + c.len_utf8()]).collect()
    };
    if parts.is_empty() {
        return Err(bad());
    }
    parts.iter().map(|p| score(p).ok_or_else(bad)).collect()
}

/// One score, 1 to 5, written as a whole number.
pub fn score(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok().filter(|s| (LOWEST..=HIGHEST).contains(s))
}

/// A figure kept in hundredths: an average score (433 = 4.33) or a rate in
/// percent (8333 = 83.33%), shown and serialised with two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Hundredths(pub i64);

impl Hundredths {
    /// `num / den` × `scale` in hundredths, rounded half away from zero; `None` over nothing.
    pub fn ratio(num: i64, den: i64, scale: i64) -> Option<Hundredths> {
        if den == 0 {
            return None;
        }
        let n = num * scale * 100;
        let (q, r) = (n / den, n % den);
        let up = 2 * r.abs() >= den.abs();
        Some(Hundredths(if up { q + n.signum() * den.signum() } else { q }))
    }

    /// "+0.25", "-1.00", "0.00": a change from one survey to the next.
    pub fn signed(self) -> String {
        if self.0 > 0 { format!("+{self}") } else { self.to_string() }
    }

    /// As a plain number (a spreadsheet cell): 4.33.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl fmt::Display for Hundredths {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{:02}", self.0.abs() / 100, self.0.abs() % 100)
    }
}

impl Serialize for Hundredths {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Scores added up: how many, their sum, how many were 4 or 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub count: i64,
    pub sum: i64,
    pub satisfied: i64,
}

impl Tally {
    pub fn add(&mut self, other: Tally) {
        self.count += other.count;
        self.sum += other.sum;
        self.satisfied += other.satisfied;
    }

    /// The average score to two decimals (sum ÷ count, rounded once).
    pub fn average(self) -> Option<Hundredths> {
        Hundredths::ratio(self.sum, self.count, 1)
    }

    /// 满意率: the share of scores of 4 or 5, in percent to two decimals.
    pub fn rate(self) -> Option<Hundredths> {
        Hundredths::ratio(self.satisfied, self.count, 100)
    }
}

/// How a figure reads on paper and at the terminal: "4.33", or "—" where there is nothing.
pub fn shown(h: Option<Hundredths>) -> String {
    h.map_or_else(|| "—".into(), |h| h.to_string())
}

/// A rate: "83.33%", or "—".
pub fn percent(h: Option<Hundredths>) -> String {
    h.map_or_else(|| "—".into(), |h| format!("{h}%"))
}

/// A change since the previous survey: "+0.25", "-0.10", "0.00", or "—".
pub fn moved(h: Option<Hundredths>) -> String {
    h.map_or_else(|| "—".into(), Hundredths::signed)
}

/// The change between two shown figures (new − old, as printed, so the reader can check it by subtraction).
pub fn change(now: Option<Hundredths>, before: Option<Hundredths>) -> Option<Hundredths> {
    Some(Hundredths(now?.0 - before?.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_a_half_year_however_it_is_typed() {
        for t in ["2026年下半年", "2026下半年", "2026-H2", "2026h2", " 2026 H2 ", "2026-2"] {
            assert_eq!(parse_period(t).unwrap(), "2026-H2", "{t}");
        }
        assert_eq!(parse_period("2027年上半年").unwrap(), "2027-H1");
        for t in ["", "2026", "2026年第三季度", "26-H2", "2026-H3", "下半年"] {
            assert!(parse_period(t).unwrap_err().to_string().contains("2026年下半年"), "{t}");
        }
        assert_eq!(period_label("2026-H2"), "2026年下半年");
        assert_eq!(period_label("2027-H1"), "2027年上半年");
    }

    #[test]
    fn scores_are_whole_numbers_from_one_to_five() {
        assert_eq!(parse_scores("5,4,3").unwrap(), [5, 4, 3]);
        assert_eq!(parse_scores("5，4 3、1").unwrap(), [5, 4, 3, 1]);
        assert_eq!(parse_scores("543").unwrap(), [5, 4, 3]);
        for t in ["", "6", "5,0", "5,4.5", "5,,x", "五", "5,-1", "55,4"] {
            let e = parse_scores(t).unwrap_err();
            assert!(matches!(e, SurveyError::BadScore(_)), "{t}");
            assert!(e.to_string().contains("1 到 5 分"), "{e}");
        }
    }

    #[test]
    fn averages_and_rates_are_exact_and_rounded_once() {
        let t = Tally { count: 3, sum: 13, satisfied: 2 };
        assert_eq!((t.average().unwrap().to_string(), t.rate().unwrap().to_string()), ("4.33".into(), "66.67".into()));
        // 0.1 + 0.2 style drift cannot happen: 10 scores of 4.1 average are integers all the way.
        let t = Tally { count: 2000, sum: 8201, satisfied: 1501 };
        assert_eq!((t.average().unwrap().to_string(), t.rate().unwrap().to_string()), ("4.10".into(), "75.05".into()));
        // Half rounds up: 4.125 → 4.13, 4.115 → 4.12 (not 4.11 as binary floats give).
        assert_eq!(Tally { count: 8, sum: 33, satisfied: 0 }.average().unwrap().to_string(), "4.13");
        assert_eq!(Tally { count: 200, sum: 823, satisfied: 0 }.average().unwrap().to_string(), "4.12");
        assert_eq!(Tally::default().average(), None);
        assert_eq!(change(Some(Hundredths(433)), Some(Hundredths(450))).unwrap().signed(), "-0.17");
        assert_eq!(change(Some(Hundredths(450)), Some(Hundredths(433))).unwrap().signed(), "+0.17");
        assert_eq!(change(Some(Hundredths(450)), Some(Hundredths(450))).unwrap().signed(), "0.00");
        assert_eq!(change(Some(Hundredths(450)), None), None);
        assert_eq!(Hundredths(-5).to_string(), "-0.05");
    }
}

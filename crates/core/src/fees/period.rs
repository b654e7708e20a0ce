//! A billing period: one calendar month.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

use super::FeesError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    pub fn new(year: i32, month: u32) -> Option<Period> {
        ((1..=12).contains(&month) && (1900..=2200).contains(&year)).then_some(Period { year, month })
    }

    pub fn of(date: NaiveDate) -> Period {
        Period { year: date.year(), month: date.month() }
    }

    /// Reads "2026-11", "2026/11", "2026.11", "202611", "2026年11月".
    pub fn parse(text: &str) -> Result<Period, FeesError> {
        let t = text.trim().trim_end_matches('月');
        let wrong = || FeesError::BadPeriod(text.trim().to_string());
        let (y, m) = match t.split_once(['-', '/', '.', '年']) {
            Some((y, m)) => (y, m),
            None if t.len() == 6 && t.is_ascii() => t.split_at(4),
            None => return Err(wrong()),
        };
        let (y, m) = (y.parse().map_err(|_| wrong())?, m.parse().map_err(|_| wrong())?);
        Period::new(y, m).ok_or_else(wrong)
    }

    pub fn next(self) -> Period {
        self.plus(1)
    }

    pub fn plus(self, months: i32) -> Period {
        let index = self.index() + months;
        Period { year: index.div_euclid(12), month: (index.rem_euclid(12) + 1) as u32 }
    }

    /// Months since year 0: handy for distances between periods.
    pub fn index(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or_default()
    }

    /// Every period from `self` to `to`, both included.
    pub fn through(self, to: Period) -> impl Iterator<Item = Period> {
        (self.index()..=to.index()).map(move |i| self.plus(i - self.index()))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_and_step() {
        for t in ["2026-11", "2026/11", "2026.11", "202611", "2026年11月", "2026-1"] {
            assert!(Period::parse(t).is_ok(), "{t}");
        }
        assert_eq!(Period::parse("2026-11").unwrap().to_string(), "2026-11");
        for t in ["2026-13", "2026-00", "11-2026", "", "明年"] {
            assert!(Period::parse(t).is_err(), "{t}");
        }
        let dec = Period::parse("2025-12").unwrap();
        assert_eq!(dec.next().to_string(), "2026-01");
        assert_eq!(dec.plus(-12).to_string(), "2024-12");
        assert_eq!(dec.through(Period::parse("2026-02").unwrap()).count(), 3);
        assert_eq!(Period::parse("2024-02").unwrap().last_day().to_string(), "2024-02-29");
    }
}

//! Helpers the unit tests share: days, amounts and the clock as tests write them.

use chrono::{FixedOffset, NaiveDate, TimeZone};

use crate::db::{Clock, Db};
use crate::money::Money;

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn yuan(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// Sets the database's clock to 09:00 (+08:00) on `date`: what is written next happens that day.
pub fn on(db: &mut Db, date: &str) {
    let t = day(date).and_hms_opt(9, 0, 0).unwrap();
    db.set_clock(Clock::Fixed(FixedOffset::east_opt(8 * 3600).unwrap().from_local_datetime(&t).unwrap()));
}

//! The daily close's summary of the busiest clerk-day on the 5,000-unit demo
//! (the demo's clerk takes a month's payments in one day): receipts by method
//! and by fee item, voids, receipt range; against the bare SQL sum of that
//! day's payments by method.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use estate_core::close;
use estate_core::db::Db;

use crate::{Figure, Result, demo_db, median, ms, ratio};

pub const FLOOR: &str = "one SQL pass summing that clerk's payments of the day by method (payments by operator and time, GROUP BY method)";
const RUNS: usize = 15;

pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let db = demo_db(dir, units)?;
    let (clerk, day, payments): (String, String, i64) = db.conn().query_row(
        "SELECT operator, substr(paid_at, 1, 10) AS day, COUNT(*) AS n FROM payments GROUP BY 1, 2 ORDER BY n DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d")?;
    let (mut times, mut floors) = (Vec::new(), Vec::new());
    let mut receipts = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        receipts = close::summary(db.conn(), &clerk, day)?.receipts.len();
        times.push(start.elapsed());
        floors.push(bare_sum(&db, &clerk, day)?);
    }
    let (mid, floor) = (median(&times), median(&floors));
    Ok(vec![Figure {
        name: format!("daily close summary, busiest day ({payments} payments, {receipts} receipts listed)"),
        measured: ms(mid),
        floor: ms(floor),
        ratio: ratio(mid, floor),
        target: "< 200 ms".into(),
        ok: Some(mid < Duration::from_millis(200)),
    }])
}

fn bare_sum(db: &Db, clerk: &str, day: NaiveDate) -> Result<Duration> {
    let start = Instant::now();
    let next = day.succ_opt().unwrap_or(day).to_string();
    let mut stmt = db.conn().prepare_cached(
        "SELECT method, COUNT(*), SUM(amount) FROM payments WHERE operator = ?1 AND paid_at >= ?2 AND paid_at < ?3 GROUP BY method",
    )?;
    let n = stmt.query_map(rusqlite::params![clerk, day.to_string(), next], |r| r.get::<_, i64>(2))?.count();
    std::hint::black_box(n);
    Ok(start.elapsed())
}

//! Arrears ageing of the whole estate (every unit, by bracket, building and
//! fee item) on the 5,000-unit demo with five years of history; against one
//! bare SQL pass that sums what each unit owes.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use estate_core::arrears::{self, Filter};
use estate_core::db::Db;

use crate::{Figure, Result, demo_db, median, ms, ratio};

pub const FLOOR: &str = "one SQL pass summing each unit's unpaid bills (bills LEFT JOIN summed allocations and waivers, GROUP BY unit)";
const RUNS: usize = 15;

/// The payment section's demo estate when it has been built, else the same one.
pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let db = demo_db(dir, units)?;
    let as_of = db.now().date_naive();
    let (mut times, mut floors) = (Vec::new(), Vec::new());
    let mut listed = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        listed = arrears::report(db.conn(), as_of, &Filter::default())?.units.len();
        times.push(start.elapsed());
        floors.push(bare_sums(&db, as_of)?);
    }
    let (mid, floor) = (median(&times), median(&floors));
    Ok(vec![Figure {
        name: format!("arrears ageing, whole estate ({units} units, {listed} in arrears)"),
        measured: ms(mid),
        floor: ms(floor),
        ratio: ratio(mid, floor),
        target: "< 200 ms".into(),
        ok: Some(mid < Duration::from_millis(200)),
    }])
}

fn bare_sums(db: &Db, as_of: NaiveDate) -> Result<Duration> {
    let start = Instant::now();
    let mut stmt = db.conn().prepare_cached(
        "SELECT b.unit_id, SUM(b.amount - COALESCE(a.total, 0) - COALESCE(w.total, 0)) AS owed
         FROM bills b
         LEFT JOIN (SELECT bill_id, SUM(amount) AS total FROM allocations GROUP BY bill_id) a ON a.bill_id = b.id
         LEFT JOIN (SELECT bill_id, SUM(amount) AS total FROM waivers GROUP BY bill_id) w ON w.bill_id = b.id
         WHERE substr(b.created_at, 1, 10) <= ?1
         GROUP BY b.unit_id HAVING owed > 0",
    )?;
    let n = stmt.query_map([as_of.to_string()], |r| r.get::<_, i64>(1))?.count();
    std::hint::black_box(n);
    Ok(start.elapsed())
}

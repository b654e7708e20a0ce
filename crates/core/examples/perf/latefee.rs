//! The late fee to date of every unit in arrears (what dunning letters and the
//! monthly workbook print) on the 5,000-unit demo with five years of history,
//! 物业服务费 at 万分之三 a day; against one bare SQL pass reading the same rows:
//! the open bills of items with a rule and the allocations and waivers on them.

use std::path::Path;
use std::time::{Duration, Instant};

use estate_core::db::Db;
use estate_core::latefee;

use crate::{Figure, Result, demo_db, median, ms, ratio};

pub const FLOOR: &str = "one SQL pass over the open bills of items with a rule, LEFT JOIN their allocations and waivers (the rows read, no arithmetic)";
const RUNS: usize = 15;

pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let db = demo_db(dir, units)?;
    let as_of = db.now().date_naive();
    let (mut times, mut floors) = (Vec::new(), Vec::new());
    let (mut listed, mut bills) = (0, 0);
    for _ in 0..RUNS {
        let start = Instant::now();
        let r = latefee::estate_late_fees(db.conn(), as_of)?;
        times.push(start.elapsed());
        (listed, bills) = (r.units.len(), r.units.iter().map(|u| u.bills.len()).sum::<usize>());
        floors.push(bare_rows(&db)?);
    }
    let (mid, floor) = (median(&times), median(&floors));
    Ok(vec![Figure {
        name: format!("late fees to date, whole estate ({units} units, {listed} owing, {bills} bills)"),
        measured: ms(mid),
        floor: ms(floor),
        ratio: ratio(mid, floor),
        target: "< 200 ms".into(),
        ok: Some(mid < Duration::from_millis(200)),
    }])
}

fn bare_rows(db: &Db) -> Result<Duration> {
    let start = Instant::now();
    let mut stmt = db.conn().prepare_cached(
        "SELECT b.id, b.amount, a.amount, a.created_at, w.amount, w.created_at
         FROM bill_outstanding o JOIN bills b ON b.id = o.bill_id JOIN late_fee_rules r ON r.fee_item_id = b.fee_item_id
         LEFT JOIN allocations a ON a.bill_id = b.id LEFT JOIN waivers w ON w.bill_id = b.id
         WHERE o.outstanding > 0 AND b.late_of IS NULL",
    )?;
    let n = stmt.query_map([], |r| r.get::<_, i64>(1))?.count();
    std::hint::black_box(n);
    Ok(start.elapsed())
}

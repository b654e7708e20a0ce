//! One payment (allocation to the oldest bills, receipt number, audit) in its
//! own committed write, on a demo estate with five years of history; against
//! a bare INSERT of one payment row and its commit on the same file.

use std::collections::VecDeque;
use std::path::Path;
use std::time::{Duration, Instant};

use estate_core::db::Db;
use estate_core::demo::{self, DemoOptions};
use estate_core::fees::{self, Method, NewPayment};
use estate_core::register::{self, Unit};

use crate::{Figure, Result, bare, median, ms, percentile, ratio};

/// What the floor is, as printed under the table.
pub const FLOOR: &str =
    "one bare INSERT INTO payments + commit on a copy of the same file (WAL, synchronous=FULL), taking turns with the payments";
const PAYMENTS: usize = 200;
const YEARS: u32 = 5;

pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let path = dir.join("demo.db");
    let start = Instant::now();
    let summary = demo::create(&path, &DemoOptions { units, years: YEARS, seed: 7 })?;
    let built = start.elapsed();
    eprintln!("  demo estate built in {}: {} bills, {} payments", ms(built), summary.bills, summary.payments);

    // The floor writes into a copy, so the estate itself (verified by the `verify`
    // section) holds only what the program wrote.
    let copy = dir.join("payment-floor.db");
    std::fs::copy(&path, &copy)?;
    let mut floor = bare(&copy)?;
    let mut db = Db::open(&path)?;
    let mut owing = owing_units(&db)?;
    eprintln!("  {} of {} units owe something", owing.len(), summary.units);
    let (mut times, mut floors) = (Vec::with_capacity(PAYMENTS), Vec::with_capacity(PAYMENTS));
    // Payments and bare inserts take turns, so both meet the same disk and
    // the same neighbours (another build may be running).
    while times.len() < PAYMENTS {
        let Some(unit) = owing.pop_front() else { return Err("the demo estate has no unpaid bills left".into()) };
        // Each payment settles the unit's oldest unpaid bill, as an owner paying a month does.
        let Some(oldest) = fees::balance(db.conn(), &unit)?.bills.first().map(|b| b.outstanding) else { continue };
        let payer = register::owner_names(db.conn(), &unit)?;
        let p = NewPayment { amount: oldest, method: Method::Wechat, payer, reference: String::new(), bills: vec![] };
        let start = Instant::now();
        let paid = db.write("前台", |tx| fees::pay(tx, &unit, &p))?;
        times.push(start.elapsed());
        if paid.allocated.is_empty() {
            return Err(format!("payment {} allocated nothing", paid.receipt_no).into());
        }
        floors.push(bare_payment(&mut floor, unit.id)?);
        owing.push_back(unit);
    }

    let (mid, p95) = (median(&times), percentile(&times, 95));
    let (floor_mid, floor_p95) = (median(&floors), percentile(&floors, 95));
    let n = times.len();
    let label = |what: &str| format!("payment {what} ({n} writes, {units}-unit demo x {YEARS} y)");
    Ok(vec![
        Figure {
            name: format!("demo estate build ({units} units x {YEARS} y, {} bills)", summary.bills),
            measured: ms(built),
            floor: "-".into(),
            ratio: None,
            target: "(information)".into(),
            ok: None,
        },
        Figure {
            name: label("median"),
            measured: ms(mid),
            floor: ms(floor_mid),
            ratio: ratio(mid, floor_mid),
            target: "< 5 ms".into(),
            ok: Some(mid < Duration::from_millis(5)),
        },
        Figure {
            name: label("p95"),
            measured: ms(p95),
            floor: ms(floor_p95),
            ratio: ratio(p95, floor_p95),
            target: "(information)".into(),
            ok: None,
        },
    ])
}

/// The units that owe something, in the order of the register: paid in
/// turn, the first payments all go to different units.
fn owing_units(db: &Db) -> Result<VecDeque<Unit>> {
    let codes: Vec<String> =
        db.conn().prepare("SELECT code FROM units ORDER BY id")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut owing = VecDeque::new();
    for code in &codes {
        let unit = register::find_unit(db.conn(), code)?;
        if fees::balance(db.conn(), &unit)?.owed.is_positive() {
            owing.push_back(unit);
        }
    }
    Ok(owing)
}

/// One payment row inserted and committed in its own transaction.
fn bare_payment(conn: &mut rusqlite::Connection, unit: i64) -> Result<Duration> {
    let start = Instant::now();
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.prepare_cached(
        "INSERT INTO payments (unit_id, amount, method, payer, reference, paid_at, operator)
         VALUES (?1, 10000, 'wechat', '业主', '', '2026-11-23T10:00:00+08:00', '前台')",
    )?
    .execute([unit])?;
    tx.commit()?;
    Ok(start.elapsed())
}

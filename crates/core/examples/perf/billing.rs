//! Billing 5,000 units × 3 fee items × 12 months (180,000 bills) in one write,
//! against the same rows inserted with one prepared statement in one transaction.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::DateTime;
use estate_core::db::{Clock, Db};
use estate_core::fees::{self, Basis, NewFee, Period, price_text};
use estate_core::register::{self, Area, NewUnit, UnitCode, UnitType};
use estate_core::Money;
use rust_decimal::Decimal;

use crate::{Figure, Result, bare, median, ms, ratio};

/// What the floor is, as printed under the table.
pub const FLOOR: &str =
    "the same 180,000 bill rows, amounts worked out beforehand, one prepared INSERT in one transaction, in a copy of the same estate with the same connection settings (median of 3)";
const UNITS: usize = 5000;
const MONTHS: u32 = 12;
const RUNS: usize = 3;
/// (name, basis, price in yuan): every unit is billed all three every month.
const FEES: [(&str, Basis, &str); 3] =
    [("物业服务费", Basis::Area, "2.20"), ("公共能耗分摊", Basis::Area, "0.35"), ("生活垃圾清运费", Basis::Unit, "10")];
const AREAS: [i64; 4] = [8950, 10885, 12820, 14375];

pub fn run(dir: &Path) -> Result<Vec<Figure>> {
    let base = dir.join("billing-base.db");
    build_base(&base)?;
    let (mut runs, mut floors) = (Vec::new(), Vec::new());
    for i in 0..RUNS {
        // Each run starts from a copy of the same estate: same units, same fees, no bills.
        let (real, bare) = (dir.join(format!("billing-{i}.db")), dir.join(format!("billing-floor-{i}.db")));
        std::fs::copy(&base, &real)?;
        std::fs::copy(&base, &bare)?;
        runs.push(billing(&real)?);
        floors.push(floor(&bare)?);
        let (a, b) = (totals(&real)?, totals(&bare)?);
        if a != b {
            return Err(format!("billing wrote (count, sum) {a:?} but the floor {b:?}").into());
        }
    }
    let (took, floor) = (median(&runs), median(&floors));
    Ok(vec![Figure {
        name: format!("billing {UNITS} units x 3 items x {MONTHS} months"),
        measured: ms(took),
        floor: ms(floor),
        ratio: ratio(took, floor),
        target: "<= 3x floor".into(),
        ok: Some(took <= floor * 3),
    }])
}

fn clock() -> Result<Clock> {
    Ok(Clock::Fixed(DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00")?))
}

fn code(i: usize) -> UnitCode {
    let (building, rest) = (i / 100 + 1, i % 100);
    let (entrance, floor, flat) = (rest / 50 + 1, rest % 50 / 2 + 1, rest % 2 + 1);
    UnitCode { building: building.to_string(), entrance: entrance.to_string(), room: format!("{floor}{flat:02}") }
}

/// The estate every run copies: 5,000 homes handed over before the year billed, three fee items.
fn build_base(path: &Path) -> Result<()> {
    let mut db = Db::create(path, "性能测试花园")?;
    db.set_clock(clock()?);
    db.write("perf", |tx| {
        for (name, basis, price) in FEES {
            let price = price.parse().unwrap_or_default();
            fees::add_fee(tx, &NewFee { name: name.into(), basis, price, unit_type: None, cycle_months: 1 })?;
        }
        for i in 0..UNITS {
            let area = Some(Area(AREAS[i * 7 % AREAS.len()]));
            let handover = chrono::NaiveDate::from_ymd_opt(2020, 6, 1);
            register::add_unit(tx, &NewUnit { code: code(i), unit_type: UnitType::Residence, area, handover })?;
        }
        Ok(())
    })?;
    // Fold the WAL into the file, so a copy of the file is the whole estate.
    db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    Ok(())
}

fn year() -> (Period, Period) {
    (Period { year: 2025, month: 1 }, Period { year: 2025, month: MONTHS })
}

fn billing(path: &Path) -> Result<Duration> {
    let mut db = Db::open(path)?;
    db.set_clock(clock()?);
    let (from, to) = year();
    let start = Instant::now();
    let report = db.write("perf", |tx| fees::run_billing(tx, from, to, &mut |_, _| {}))?;
    let took = start.elapsed();
    if report.bills != UNITS * 3 * MONTHS as usize {
        return Err(format!("billing made {} bills", report.bills).into());
    }
    Ok(took)
}

/// One bill row as the floor inserts it, everything worked out beforehand.
struct Row {
    unit: i64,
    item: i64,
    period: String,
    price: String,
    quantity: String,
    amount: i64,
}

fn floor(path: &Path) -> Result<Duration> {
    let mut conn = bare(path)?;
    let units: Vec<(i64, i64)> = conn
        .prepare("SELECT id, area_centi FROM units ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let items: Vec<i64> =
        conn.prepare("SELECT id FROM fee_items ORDER BY id")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let (from, to) = year();
    let mut rows = Vec::with_capacity(units.len() * 3 * MONTHS as usize);
    for period in from.through(to) {
        for (&item, (_, basis, price)) in items.iter().zip(FEES) {
            let price: Decimal = price.parse()?;
            for &(unit, area) in &units {
                let (quantity, text) = match basis {
                    Basis::Area => (Area(area).to_decimal(), format!("{}㎡", Area(area))),
                    _ => (Decimal::ONE, "1户".to_string()),
                };
                let amount = Money::round_yuan(price * quantity)?.fen();
                rows.push(Row { unit, item, period: period.to_string(), price: price_text(price), quantity: text, amount });
            }
        }
    }
    let start = Instant::now();
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO billing_runs (period_from, period_to, operator, created_at) VALUES ('2025-01', '2025-12', 'perf', 'now')",
        [],
    )?;
    let run = tx.last_insert_rowid();
    {
        let mut insert = tx.prepare(
            "INSERT INTO bills (unit_id, kind, fee_item_id, period, period_end, price, quantity, amount, run_id, created_at)
             VALUES (?1, 'charge', ?2, ?3, ?3, ?4, ?5, ?6, ?7, 'now')",
        )?;
        for r in &rows {
            insert.execute(rusqlite::params![r.unit, r.item, r.period, r.price, r.quantity, r.amount, run])?;
        }
    }
    tx.commit()?;
    Ok(start.elapsed())
}

/// (bills, sum of their amounts).
fn totals(path: &Path) -> Result<(i64, i64)> {
    let conn = rusqlite::Connection::open(path)?;
    Ok(conn.query_row("SELECT COUNT(*), SUM(amount) FROM bills", [], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

//! A month's 5,000 water readings imported from the engineering team's xlsx
//! and checked (lower than last, missing, spike against 12 months of history,
//! zero on an occupied unit), against its floor: calamine reading the same
//! file plus the same 5,000 rows inserted with one prepared statement in one
//! transaction, and a bare SELECT of the meters' readings.

use std::path::Path;
use std::time::{Duration, Instant};

use calamine::{Reader, Xlsx};
use chrono::DateTime;
use estate_core::db::{Clock, Db};
use estate_core::fees::{self, Basis, NewFee, Period};
use estate_core::meters::{self, MeterKind, NewMeter};
use estate_core::register::import::ImportOptions;
use estate_core::register::{self, NewUnit, UnitType, rules};

use crate::{Figure, Result, bare, median, ms, ratio};

pub const FLOOR: &str = "calamine reading the xlsx + 5,000 bare INSERTs of the readings (one prepared statement, one transaction) + a bare SELECT of 13 months of readings, on a copy of the same file (median of 3)";
const METERS: usize = 5000;
const RUNS: usize = 3;
/// Readings typed one by one at the grid, timed each.
const GRID: usize = 20;

fn period() -> Period {
    Period { year: 2026, month: 11 }
}

/// 5,000 units with a water meter each and twelve months of readings (10 a month).
fn estate(path: &Path) -> Result<Db> {
    let mut db = Db::create(path, "性能测试花园")?;
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00")?));
    db.write("perf", |tx| {
        fees::add_fee(tx, &NewFee { name: "水费".into(), basis: Basis::Quantity, price: "2.70".parse().unwrap_or_default(), unit_type: None, cycle_months: 1 })?;
        for i in 0..METERS {
            let unit_code = rules::parse_unit_code(&code(i)).map_err(register::RegisterError::BadInput)?;
            register::add_unit(tx, &NewUnit { code: unit_code, unit_type: UnitType::Residence, area: Some(register::Area(8950)), handover: None })?;
            meters::add_meter(tx, &NewMeter { kind: "水".into(), unit: code(i), period: "2025-10".into(), ..Default::default() })?;
        }
        Ok(())
    })?;
    let mut conn = bare(path)?;
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare("INSERT INTO meter_readings (meter_id, period, value, source, operator, created_at) VALUES (?1, ?2, ?3, 'desk', 'perf', 'now')")?;
        for m in 1..=METERS as i64 {
            for k in 1..=13 {
                insert.execute(rusqlite::params![m, period().plus(-k).to_string(), (13 - k + 1) * 1000])?;
            }
        }
    }
    tx.commit()?;
    Ok(db)
}

fn code(i: usize) -> String {
    format!("{}-{}-{}", i / 200 + 1, i / 100 % 2 + 1, 101 + i % 100)
}

fn sheet(path: &Path) -> Result<()> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet().set_name("11月抄表")?;
    ws.write_string(0, 0, "2026年11月 水表抄表记录")?;
    for (c, h) in ["房号", "表类", "上月读数", "本月读数（m³）", "抄表人"].iter().enumerate() {
        ws.write_string(1, c as u16, *h)?;
    }
    for i in 0..METERS {
        let r = (i + 2) as u32;
        ws.write_string(r, 0, code(i))?;
        ws.write_string(r, 1, "水")?;
        ws.write_number(r, 2, 130.0)?;
        // Every 50th a spike (40 against an average of 10), every 100th lower than last.
        let value = if i % 100 == 0 { 120.0 } else if i % 50 == 0 { 170.0 } else { 140.5 };
        ws.write_number(r, 3, value)?;
        ws.write_string(r, 4, "工程部")?;
    }
    book.save(path)?;
    Ok(())
}

pub fn run(dir: &Path) -> Result<Vec<Figure>> {
    let file = dir.join("readings-5000.xlsx");
    sheet(&file)?;
    let template = dir.join("meters-template.db");
    drop(estate(&template)?);
    let (mut imports, mut checks, mut floors, mut grid) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..RUNS {
        let real = dir.join(format!("meters-{i}.db"));
        let copy = dir.join(format!("meters-floor-{i}.db"));
        for p in [&real, &copy] {
            std::fs::copy(&template, p)?;
        }
        let mut db = Db::open(&real)?;
        db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00")?));
        let start = Instant::now();
        let report = meters::import::import_readings(&mut db, "perf", &file, period(), Some(MeterKind::Water), &ImportOptions::default(), &mut |_, _| {})?;
        let imported = start.elapsed();
        if report.written != METERS || !report.errors.is_empty() {
            return Err(format!("meter import wrote {} ({:?})", report.written, report.errors.first()).into());
        }
        let start = Instant::now();
        let check = meters::check(db.conn(), period())?;
        let checked = start.elapsed();
        if check.readings != METERS || check.unconfirmed != METERS / 50 {
            return Err(format!("meter check: {} readings, {} anomalies", check.readings, check.unconfirmed).into());
        }
        imports.push(imported);
        checks.push(checked);
        floors.push(floor(&copy, &file)?);
        if i + 1 == RUNS {
            // The grid: one reading typed and its line (usage, anomalies) back, as a clerk presses Enter.
            for m in meters::meters(db.conn())?.iter().take(GRID) {
                let start = Instant::now();
                db.write("perf", |tx| meters::read(tx, m, period().next(), "200"))?;
                grid.push(start.elapsed());
            }
        }
    }
    let (import, check, floor) = (median(&imports), median(&checks), median(&floors));
    let both = import + check;
    Ok(vec![
        Figure { name: format!("meter import {METERS} readings xlsx"), measured: ms(import), floor: String::new(), ratio: None, target: "-".into(), ok: None },
        Figure { name: format!("meter check {METERS} meters, 12 months"), measured: ms(check), floor: String::new(), ratio: None, target: "-".into(), ok: None },
        Figure { name: "meter one reading at the grid (median)".into(), measured: ms(median(&grid)), floor: String::new(), ratio: None, target: "-".into(), ok: None },
        Figure {
            name: format!("meter import + check {METERS}"),
            measured: ms(both),
            floor: ms(floor),
            ratio: ratio(both, floor),
            target: "< 1 s".into(),
            ok: Some(both < Duration::from_secs(1)),
        },
    ])
}

fn floor(path: &Path, file: &Path) -> Result<Duration> {
    let mut conn = bare(path)?;
    let start = Instant::now();
    let mut book: Xlsx<_> = calamine::open_workbook(file)?;
    let range = book.worksheet_range("11月抄表")?;
    let values: Vec<f64> = range.rows().skip(2).map(|r| match r.get(3) { Some(calamine::Data::Float(f)) => *f, _ => 0.0 }).collect();
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare("INSERT INTO meter_readings (meter_id, period, value, source, operator, created_at) VALUES (?1, '2026-11', ?2, 'import', 'perf', 'now')")?;
        for (i, v) in values.iter().enumerate() {
            insert.execute(rusqlite::params![i as i64 + 1, (v * 100.0).round() as i64])?;
        }
    }
    tx.commit()?;
    let mut stmt = conn.prepare("SELECT meter_id, period, value FROM meter_readings WHERE period <= '2026-11'")?;
    let n = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?.count();
    if n != METERS * 14 {
        return Err(format!("floor read {n} readings").into());
    }
    Ok(start.elapsed())
}

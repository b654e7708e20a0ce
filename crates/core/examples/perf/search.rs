//! The search box on a 5,000-unit demo estate with a car on every third home: loading the
//! index at launch, and one query as the clerk types, over a mix of queries
//! (pinyin, code start, phone end, plate, name); against a bare SQL LIKE
//! over people's names on the same file.

use std::path::Path;
use std::time::{Duration, Instant};

use estate_core::db::Db;
use estate_core::demo::{self, DemoOptions};
use estate_core::register;
use estate_core::search::Index;

use crate::{Figure, Result, median, ms, percentile, ratio};

/// What the floor is, as printed under the table.
pub const FLOOR: &str = "load: the same three SELECTs (units, occupancies with people, vehicles) read and dropped; \
     query: SELECT id, name FROM people WHERE name LIKE '%q%' LIMIT 20 for the same queries, same file and connection";
const UNITS: usize = 5000;
const LOADS: usize = 5;
const ROUNDS: usize = 20;
/// What clerks type: pinyin, the start of a code, a whole code, the end of a phone, plates, names.
const QUERIES: [&str; 10] = ["zs", "3-2-15", "1234", "京A", "张", "3栋2单元1502", "wangf", "A12", "sl", "5678"];

pub fn run(dir: &Path) -> Result<Vec<Figure>> {
    let path = dir.join("search.db");
    // The fewest years a demo has (one): the search reads only the register.
    demo::create(&path, &DemoOptions { units: UNITS, years: 1, seed: 7 })?;
    let mut db = Db::open(&path)?;
    add_cars(&mut db)?;

    let launch = Instant::now();
    let index = Index::load(db.conn())?;
    let first = index.find(QUERIES[0], 20);
    let launch = launch.elapsed();
    if first.is_empty() {
        return Err("the first query found nothing".into());
    }
    let size = index.size();
    eprintln!("  index: {} units, {} people on units, {} vehicles", size.units, size.people, size.vehicles);

    let (mut loads, mut load_floors) = (Vec::new(), Vec::new());
    for _ in 0..LOADS {
        let start = Instant::now();
        drop(Index::load(db.conn())?);
        loads.push(start.elapsed());
        load_floors.push(bare_load(&db)?);
    }
    let (mut times, mut floors) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        for q in QUERIES {
            let start = Instant::now();
            std::hint::black_box(index.find(q, 20));
            times.push(start.elapsed());
            floors.push(like(&db, q)?);
        }
    }

    let (load, load_floor) = (median(&loads), median(&load_floors));
    let (mid, floor_mid) = (median(&times), median(&floors));
    let (p95, floor_p95) = (percentile(&times, 95), percentile(&floors, 95));
    let n = times.len();
    Ok(vec![
        Figure {
            name: format!("search launch: index load + first query ({UNITS} units)"),
            measured: ms(launch),
            floor: "-".into(),
            ratio: None,
            target: "< 2 s".into(),
            ok: Some(launch < Duration::from_secs(2)),
        },
        Figure {
            name: format!("search index load (median of {LOADS})"),
            measured: ms(load),
            floor: ms(load_floor),
            ratio: ratio(load, load_floor),
            target: "(information)".into(),
            ok: None,
        },
        Figure {
            name: format!("search query median ({n} queries, {} kinds)", QUERIES.len()),
            measured: ms(mid),
            floor: ms(floor_mid),
            ratio: ratio(mid, floor_mid),
            target: "< 100 ms".into(),
            ok: Some(mid < Duration::from_millis(100)),
        },
        Figure {
            name: "search query p95".into(),
            measured: ms(p95),
            floor: ms(floor_p95),
            ratio: ratio(p95, floor_p95),
            target: "< 100 ms".into(),
            ok: Some(p95 < Duration::from_millis(100)),
        },
    ])
}

/// A plate on every third home (about 1,360), from a few provinces and city letters.
fn add_cars(db: &mut Db) -> Result<()> {
    let codes: Vec<String> = db
        .conn()
        .prepare("SELECT code FROM units WHERE unit_type = '住宅' ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    db.write("前台", |tx| {
        for (i, code) in codes.iter().step_by(3).enumerate() {
            let unit = register::find_unit(tx, code)?;
            let province = ["京", "沪", "浙", "苏", "粤"][i % 5];
            let letter = (b'A' + (i % 8) as u8) as char;
            register::add_vehicle(tx, &unit, &format!("{province}{letter}{:05}", (i * 7919) % 100_000), None)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The index's three reads with nothing done to the rows.
fn bare_load(db: &Db) -> Result<Duration> {
    let start = Instant::now();
    for sql in [
        "SELECT id, code, unit_type, area_centi FROM units",
        "SELECT o.unit_id, p.id, p.name, p.phones, o.role, o.to_date FROM occupancies o JOIN people p ON p.id = o.person_id",
        "SELECT plate, unit_id, person_id FROM vehicles",
    ] {
        let mut stmt = db.conn().prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            for i in 0..row.as_ref().column_count() {
                std::hint::black_box(row.get_ref(i)?);
            }
        }
    }
    Ok(start.elapsed())
}

fn like(db: &Db, q: &str) -> Result<Duration> {
    let start = Instant::now();
    let mut stmt = db.conn().prepare_cached("SELECT id, name FROM people WHERE name LIKE ?1 LIMIT 20")?;
    let names: Vec<(i64, String)> = stmt.query_map([format!("%{q}%")], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    std::hint::black_box(names);
    Ok(start.elapsed())
}

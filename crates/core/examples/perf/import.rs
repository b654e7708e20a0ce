//! Importing a 5,000-row owner register (.xlsx) against its floor: calamine
//! reading the file plus the same rows inserted into the real schema's
//! buildings, units, people, occupancies and bills, one prepared statement
//! per table, in one transaction.

use std::path::Path;
use std::time::{Duration, Instant};

use calamine::{Reader, ReaderRef, Xlsx};
use chrono::DateTime;
use estate_core::db::{Clock, Db};
use estate_core::register::import::{ImportOptions, import_owners};

use crate::messy_register::{self, V};
use crate::{Figure, Result, bare, median, ms, ratio};

/// What the floor is, as printed under the table.
pub const FLOOR: &str =
    "calamine reading the xlsx + the same rows into buildings/units/people/occupancies/bills, one prepared statement per table, one transaction, in a new estate file (median of 3)";
const ROWS: usize = 5000;
const RUNS: usize = 3;
/// Rooms per building: 2 entrances × 100 rooms.
const PER_BUILDING: usize = 200;

/// One register row as the database must end up holding it.
struct Owner {
    building: usize,
    entrance: usize,
    room: usize,
    area_centi: i64,
    name: String,
    phone: String,
    opening_fen: Option<i64>,
}

fn owners() -> Vec<Owner> {
    (0..ROWS)
        .map(|i| Owner {
            building: i / PER_BUILDING + 1,
            entrance: i / 100 % 2 + 1,
            room: 101 + i % 100,
            area_centi: if i % 2 == 0 { 8950 } else { 12025 },
            name: format!("业主{i}"),
            phone: format!("138{:04}{:04}", i / 10_000, i % 10_000),
            opening_fen: (i % 3 == 0).then_some(123_450),
        })
        .collect()
}

/// The sheet as a clerk keeps it: a title row, aliased headers, numbers typed
/// as numbers or as text with units, dates as Excel dates or as text.
fn register_rows(owners: &[Owner]) -> Vec<Vec<V>> {
    use V::{D, E, N, S};
    let text = |s: String| S(s.leak());
    let mut rows = vec![vec![S(messy_register::TITLE)], messy_register::header()];
    for (i, o) in owners.iter().enumerate() {
        let area = if i % 2 == 0 { S("89.50㎡") } else { N(120.25) };
        let phone = text(format!("{} {} {}", &o.phone[..3], &o.phone[3..7], &o.phone[7..]));
        let date = if i % 2 == 0 { D(2019, 5, 1) } else { S("2019/5/1") };
        let opening = if o.opening_fen.is_some() { S("1,234.50") } else { E };
        let note = if i % 7 == 0 { S("二手房") } else { E };
        rows.push(vec![
            N(o.building as f64),
            text(format!("{}单元", o.entrance)),
            N(o.room as f64),
            S("住宅"),
            area,
            text(o.name.clone()),
            phone,
            E,
            date,
            opening,
            note,
        ]);
    }
    rows
}

pub fn run(dir: &Path) -> Result<Vec<Figure>> {
    let owners = owners();
    let path = dir.join("register-5000.xlsx");
    let mut book = messy_register::workbook()?;
    messy_register::write_rows(book.add_worksheet().set_name("业主登记")?, &register_rows(&owners))?;
    book.save(&path)?;

    let (mut runs, mut floors) = (Vec::new(), Vec::new());
    for i in 0..RUNS {
        let real = dir.join(format!("import-{i}.db"));
        let bare = dir.join(format!("import-floor-{i}.db"));
        runs.push(import(&real, &path)?);
        floors.push(floor(&bare, &path, &owners)?);
        if fingerprint(&real)? != fingerprint(&bare)? {
            return Err("the import and its floor wrote different rows".into());
        }
    }
    let (took, floor) = (median(&runs), median(&floors));
    Ok(vec![Figure {
        name: format!("import {ROWS}-row owner register xlsx"),
        measured: ms(took),
        floor: ms(floor),
        ratio: ratio(took, floor),
        target: "<= 3x floor".into(),
        ok: Some(took <= floor * 3),
    }])
}

fn new_db(path: &Path) -> Result<Db> {
    let mut db = Db::create(path, "性能测试花园")?;
    // Opening balances are billed in the month of the import.
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-23T10:00:00+08:00")?));
    Ok(db)
}

fn import(db_path: &Path, register: &Path) -> Result<Duration> {
    let mut db = new_db(db_path)?;
    let start = Instant::now();
    let report = import_owners(&mut db, register, &ImportOptions::default(), &mut |_, _| {})?;
    let took = start.elapsed();
    if !report.errors.is_empty() || (report.units_created, report.people_created) != (ROWS, ROWS) {
        return Err(format!("import: {} units, {} people, problems {:?}", report.units_created, report.people_created, report.errors.first()).into());
    }
    Ok(took)
}

fn floor(db_path: &Path, register: &Path, owners: &[Owner]) -> Result<Duration> {
    drop(new_db(db_path)?);
    let mut conn = bare(db_path)?;

    let start = Instant::now();
    let mut book: Xlsx<_> = calamine::open_workbook(register)?;
    let sheet = book.sheet_names().first().cloned().ok_or("no sheet")?;
    let range = book.worksheet_range_ref(&sheet)?;
    if range.height() != ROWS + 2 {
        return Err(format!("calamine read {} rows", range.height()).into());
    }
    let read = start.elapsed();

    let start = Instant::now();
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    {
        let mut building = tx.prepare("INSERT INTO buildings (code) VALUES (?1)")?;
        let mut unit = tx.prepare(
            "INSERT INTO units (code, building_id, entrance, room, unit_type, area_centi, handover_date, created_at)
             VALUES (?1, ?2, ?3, ?4, '住宅', ?5, '2019-05-01', 'now')",
        )?;
        let mut person = tx.prepare("INSERT INTO people (name, phones, created_at) VALUES (?1, ?2, 'now')")?;
        let mut occupancy =
            tx.prepare("INSERT INTO occupancies (unit_id, person_id, role, from_date) VALUES (?1, ?2, 'owner', '2019-05-01')")?;
        let mut bill = tx.prepare(
            "INSERT INTO bills (unit_id, kind, period, period_end, amount, created_at) VALUES (?1, 'opening', '2026-11', '2026-11', ?2, 'now')",
        )?;
        let mut building_id = 0;
        for (i, o) in owners.iter().enumerate() {
            if i % PER_BUILDING == 0 {
                building_id = building.insert([o.building.to_string()])?;
            }
            let code = format!("{}-{}-{}", o.building, o.entrance, o.room);
            let unit_id = unit.insert(rusqlite::params![code, building_id, o.entrance.to_string(), o.room.to_string(), o.area_centi])?;
            let person_id = person.insert([&o.name, &o.phone])?;
            occupancy.execute([unit_id, person_id])?;
            if let Some(fen) = o.opening_fen {
                bill.execute([unit_id, fen])?;
            }
        }
    }
    tx.commit()?;
    Ok(read + start.elapsed())
}

/// What the register tables hold, in order, as one text per table.
fn fingerprint(path: &Path) -> Result<Vec<String>> {
    let conn = rusqlite::Connection::open(path)?;
    [
        "SELECT group_concat(code, ',') FROM (SELECT code FROM buildings ORDER BY id)",
        "SELECT group_concat(x, ',') FROM (SELECT code || entrance || room || unit_type || area_centi || handover_date AS x FROM units ORDER BY id)",
        "SELECT group_concat(x, ',') FROM (SELECT name || phones AS x FROM people ORDER BY id)",
        "SELECT group_concat(x, ',') FROM (SELECT unit_id || person_id || role || from_date AS x FROM occupancies ORDER BY id)",
        "SELECT group_concat(x, ',') FROM (SELECT unit_id || kind || period || amount AS x FROM bills ORDER BY id)",
    ]
    .into_iter()
    .map(|sql| Ok(conn.query_row(sql, [], |r| r.get::<_, Option<String>>(0))?.unwrap_or_default()))
    .collect()
}

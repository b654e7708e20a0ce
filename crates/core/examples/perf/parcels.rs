//! The parcel desk on the demo estate (two months of parcels): taking in a
//! parcel from a scanned number, against the same row put in by a bare INSERT
//! in its own transaction; the list of the last 30 days, against a bare SELECT
//! of the same rows with their pickups and returns.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Duration as Days;
use estate_core::parcels::{self, Filter, NewParcel};

use crate::{Figure, Result, bare, demo_db, median, ms, ratio};

pub const FLOOR: &str = "intake: one bare INSERT of the same parcel row in its own transaction (synchronous=FULL, the database's own triggers); list: one bare SELECT of the same rows joined to their unit, pickup, return and first and last texts";
const INTAKES: usize = 40;
const RUNS: usize = 15;

pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let mut db = demo_db(dir, units)?;
    let conn = bare(&dir.join("demo.db"))?;
    let on_file: i64 = db.conn().query_row("SELECT COUNT(*) FROM parcels", [], |r| r.get(0))?;
    let codes: Vec<String> = db.conn().prepare("SELECT code FROM units WHERE unit_type = '住宅' ORDER BY id LIMIT 40")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let (mut times, mut floors) = (Vec::new(), Vec::new());
    for i in 0..INTAKES {
        let new = NewParcel { tracking_no: format!("SF9{i:012}"), unit: codes[i % codes.len()].clone(), shelf: "P".into(), ..NewParcel::default() };
        let start = Instant::now();
        db.write("性能测试", |tx| parcels::intake(tx, &new))?;
        times.push(start.elapsed());
        floors.push(bare_insert(&conn, i)?);
    }
    let today = db.now().date_naive();
    let filter = Filter { from: Some(today - Days::days(29)), to: Some(today), ..Filter::default() };
    let (mut list_times, mut list_floors, mut rows) = (Vec::new(), Vec::new(), 0);
    for _ in 0..RUNS {
        let start = Instant::now();
        rows = parcels::list(db.conn(), &filter, today)?.len();
        list_times.push(start.elapsed());
        list_floors.push(bare_list(&conn, &filter.from.map(|d| d.to_string()).unwrap_or_default())?);
    }
    let (intake, intake_floor) = (median(&times), median(&floors));
    let (list, list_floor) = (median(&list_times), median(&list_floors));
    Ok(vec![
        Figure {
            name: format!("parcel intake from a scanned number ({units} units, {on_file} parcels on file)"),
            measured: ms(intake),
            floor: ms(intake_floor),
            ratio: ratio(intake, intake_floor),
            target: "< 50 ms".into(),
            ok: Some(intake < Duration::from_millis(50)),
        },
        Figure {
            name: format!("parcel list, last 30 days ({rows} parcels)"),
            measured: ms(list),
            floor: ms(list_floor),
            ratio: ratio(list, list_floor),
            target: "< 200 ms".into(),
            ok: Some(list < Duration::from_millis(200)),
        },
    ])
}

fn bare_insert(conn: &rusqlite::Connection, i: usize) -> Result<Duration> {
    let start = Instant::now();
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "INSERT INTO parcels (kind, carrier, tracking_no, unit_id, recipient, size, shelf, pickup_code, received_at, operator)
         VALUES ('parcel', '顺丰速运', ?1, 1, '张三', 'small', 'Q', ?2, '2026-11-23T10:00:00+08:00', '性能测试')",
        rusqlite::params![format!("SF8{i:012}"), format!("Q-{}", 1000 + i)],
    )?;
    tx.commit()?;
    Ok(start.elapsed())
}

fn bare_list(conn: &rusqlite::Connection, from: &str) -> Result<Duration> {
    let start = Instant::now();
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.kind, p.carrier, p.tracking_no, u.code, p.recipient, p.size, p.shelf, p.pickup_code, p.received_at, p.operator,
                k.collector, k.picked_at, r.taken_by, r.returned_at,
                (SELECT MIN(n.sent_at) FROM parcel_notices n WHERE n.parcel_id = p.id),
                (SELECT MAX(n.sent_at) FROM parcel_notices n WHERE n.parcel_id = p.id AND n.kind = 'remind')
         FROM parcels p JOIN units u ON u.id = p.unit_id
         LEFT JOIN parcel_pickups k ON k.parcel_id = p.id LEFT JOIN parcel_returns r ON r.parcel_id = p.id
         WHERE p.received_at >= ?1 ORDER BY p.id DESC",
    )?;
    let n = stmt.query_map([from], |r| r.get::<_, i64>(0))?.count();
    std::hint::black_box(n);
    Ok(start.elapsed())
}

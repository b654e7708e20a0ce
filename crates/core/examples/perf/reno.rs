//! One renovation permit's whole life (apply, approve, pay — two fee bills, a
//! payment with its receipt, a deposit with its receipt —, issue, a clean
//! inspection, completion, acceptance, the deposit refunded less a deduction,
//! close: nine committed writes) on the demo estate, and listing every permit;
//! against nine bare INSERT + commit on a copy of the same file, and a bare
//! SELECT of the permit rows.

use std::path::Path;
use std::time::{Duration, Instant};

use estate_core::fees::Method;
use estate_core::register::{self, Unit};
use estate_core::reno::{self, NewApplication, NewInspection, PayFees};

use crate::{Figure, Result, bare, demo_db, median, ms, percentile, ratio};

pub const FLOOR: &str = "nine bare INSERT + commit on a copy of the same file (WAL, synchronous=FULL) per life, taking turns with the lives; a bare SELECT of the permit rows for the list";
const LIVES: usize = 100;
const WRITES: usize = 9;

pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let db = demo_db(dir, units)?;
    let picked: Vec<Unit> = {
        let mut stmt = db.conn().prepare("SELECT code FROM units ORDER BY id DESC")?;
        let codes: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for c in codes {
            let unit = register::find_unit(db.conn(), &c)?;
            if unit.area.is_some() && reno::list(db.conn(), None, Some(&unit), db.now().date_naive())?.is_empty() {
                out.push(unit);
            }
            if out.len() == LIVES {
                break;
            }
        }
        out
    };
    let copy = dir.join("reno-floor.db");
    drop(db);
    std::fs::copy(dir.join("demo.db"), &copy)?;
    let mut db = demo_db(dir, units)?;
    let mut floor = bare(&copy)?;
    floor.execute("CREATE TABLE IF NOT EXISTS perf_floor (id INTEGER PRIMARY KEY, note TEXT NOT NULL)", [])?;
    let today = db.now().date_naive();
    let application = NewApplication {
        applicant: "业主代理人".into(),
        authorisation: "委托书".into(),
        contractor: "美家装饰".into(),
        foreman: "刘工".into(),
        foreman_phone: "13900001234".into(),
        workers: vec![],
        scope: vec!["墙体".into(), "地面".into()],
        planned_start: today.to_string(),
        planned_end: (today + chrono::Duration::days(30)).to_string(),
        attachments: String::new(),
    };
    let pay = PayFees { method: Method::Transfer, payer: "业主".into(), reference: String::new(), amount: None };
    let clean = NewInspection { inspector: "巡查员".into(), ..Default::default() };
    let (mut times, mut floors) = (Vec::new(), Vec::new());
    for unit in &picked {
        let start = Instant::now();
        let id = db.write("前台", |tx| reno::apply(tx, unit, &application))?.id;
        db.write_approved("前台", Some("主管"), |tx| reno::approve(tx, id, ""))?;
        db.write("前台", |tx| reno::pay(tx, id, &pay))?;
        db.write("前台", |tx| reno::issue(tx, id))?;
        db.write("前台", |tx| reno::inspect(tx, id, &clean))?;
        db.write("前台", |tx| reno::request_completion(tx, id, ""))?;
        db.write_approved("前台", Some("主管"), |tx| reno::accept(tx, id, &[], ""))?;
        db.write_approved("前台", Some("主管"), |tx| reno::refund(tx, id, &["100:地面划痕".into()], ""))?;
        db.write("前台", |tx| reno::close(tx, id, ""))?;
        times.push(start.elapsed());
        floors.push(bare_writes(&mut floor)?);
    }
    let (mid, p95) = (median(&times), percentile(&times, 95));
    let start = Instant::now();
    let listed = reno::list(db.conn(), None, None, today)?;
    let list_time = start.elapsed();
    let start = Instant::now();
    let _rows: i64 = floor.query_row("SELECT COUNT(*) FROM (SELECT * FROM reno_permits p JOIN units u ON u.id = p.unit_id)", [], |r| r.get(0))?;
    let list_floor = start.elapsed().max(Duration::from_micros(1));
    let label = |what: &str| format!("renovation permit apply→close {what} ({} lives, {WRITES} writes each, {units}-unit demo)", picked.len());
    Ok(vec![
        Figure { name: label("median"), measured: ms(mid), floor: ms(median(&floors)), ratio: ratio(mid, median(&floors)), target: "< 100 ms".into(), ok: Some(mid < Duration::from_millis(100)) },
        Figure { name: label("p95"), measured: ms(p95), floor: ms(percentile(&floors, 95)), ratio: ratio(p95, percentile(&floors, 95)), target: "(information)".into(), ok: None },
        Figure {
            name: format!("renovation permit list ({} permits)", listed.len()),
            measured: ms(list_time),
            floor: ms(list_floor),
            ratio: ratio(list_time, list_floor),
            target: "< 50 ms".into(),
            ok: Some(list_time < Duration::from_millis(50)),
        },
    ])
}

fn bare_writes(conn: &mut rusqlite::Connection) -> Result<Duration> {
    let start = Instant::now();
    for _ in 0..WRITES {
        let tx = conn.transaction()?;
        tx.execute("INSERT INTO perf_floor (note) VALUES ('装修')", [])?;
        tx.commit()?;
    }
    Ok(start.elapsed())
}

//! The service desk: taking a request (one committed write: its number, the
//! row, the audit entry) on the demo estate, a complaint's eight steps, and
//! listing every request with what is late; against a bare INSERT + commit on
//! a copy of the same file and a bare SELECT of the request rows on the same file.

use std::path::Path;
use std::time::{Duration, Instant};

use estate_core::register::{self, Unit};
use estate_core::service::{self, NewRequest, NewStep, Query};

use crate::{Figure, Result, bare, demo_db, median, ms, percentile, ratio};

pub const FLOOR: &str = "one bare INSERT + commit on a copy of the same file (WAL, synchronous=FULL) per request taken, taking turns with them; a bare SELECT of the request rows for the list";
const TAKEN: usize = 300;
const COMPLAINTS: usize = 30;

pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let db = demo_db(dir, units)?;
    let picked: Vec<Unit> = {
        let mut stmt = db.conn().prepare("SELECT code FROM units ORDER BY id LIMIT ?1")?;
        let codes: Vec<String> = stmt.query_map([TAKEN as i64], |r| r.get(0))?.collect::<Result<_, _>>()?;
        codes.iter().map(|c| register::find_unit(db.conn(), c)).collect::<Result<_, _>>()?
    };
    let copy = dir.join("service-floor.db");
    drop(db);
    std::fs::copy(dir.join("demo.db"), &copy)?;
    let mut db = demo_db(dir, units)?;
    let mut floor = bare(&copy)?;
    floor.execute("CREATE TABLE IF NOT EXISTS perf_floor (id INTEGER PRIMARY KEY, note TEXT NOT NULL)", [])?;
    let complaint = NewRequest {
        kind: "投诉".into(),
        subject: "服务质量".into(),
        caller: "业主".into(),
        phone: "13800001234".into(),
        channel: "电话".into(),
        content: "楼道灯坏了一周没人修".into(),
        ..NewRequest::default()
    };
    let (mut times, mut floors, mut ids) = (Vec::new(), Vec::new(), Vec::new());
    for unit in &picked {
        let start = Instant::now();
        ids.push(db.write("前台", |tx| service::record(tx, Some(unit), &complaint))?.id);
        times.push(start.elapsed());
        let start = Instant::now();
        let tx = floor.transaction()?;
        tx.execute("INSERT INTO perf_floor (note) VALUES ('需求')", [])?;
        tx.commit()?;
        floors.push(start.elapsed());
    }
    let deadline = (db.now().date_naive() + chrono::Duration::days(3)).to_string();
    let steps: Vec<NewStep> = [
        NewStep { step: "定性".into(), valid: Some(true), ..NewStep::default() },
        NewStep { step: "调查原因".into(), note: "灯管坏".into(), ..NewStep::default() },
        NewStep { step: "指派责任人".into(), responsible: "电工".into(), deadline, ..NewStep::default() },
        NewStep { step: "处理方案".into(), note: "换灯管".into(), ..NewStep::default() },
        NewStep { step: "答复".into(), reply_channel: "电话".into(), note: "今天换".into(), ..NewStep::default() },
        NewStep { step: "回访".into(), satisfied: Some(true), ..NewStep::default() },
        NewStep { step: "总结".into(), note: "巡查要看灯".into(), ..NewStep::default() },
        NewStep { step: "关闭".into(), ..NewStep::default() },
    ]
    .into();
    let mut paths = Vec::new();
    for id in ids.iter().take(COMPLAINTS) {
        let start = Instant::now();
        for s in &steps {
            db.write("前台", |tx| service::step(tx, *id, s))?;
        }
        paths.push(start.elapsed());
    }
    let now = db.now().naive_local();
    let start = Instant::now();
    let listed = service::list(db.conn(), &Query::default(), now)?;
    let list_time = start.elapsed();
    let start = Instant::now();
    let late = service::late(db.conn(), now + chrono::Duration::days(2))?;
    let late_time = start.elapsed();
    let start = Instant::now();
    let mut stmt = db.conn().prepare("SELECT * FROM service_requests ORDER BY received_at, id")?;
    let mut rows = stmt.query([])?;
    while rows.next()?.is_some() {}
    let list_floor = start.elapsed().max(Duration::from_micros(1));
    let (mid, p95, floor_mid) = (median(&times), percentile(&times, 95), median(&floors));
    Ok(vec![
        Figure {
            name: format!("taking a request, median ({} taken, {units}-unit demo)", times.len()),
            measured: ms(mid),
            floor: ms(floor_mid),
            ratio: ratio(mid, floor_mid),
            target: "< 30 ms".into(),
            ok: Some(mid < Duration::from_millis(30)),
        },
        Figure { name: "taking a request, p95".into(), measured: ms(p95), floor: ms(percentile(&floors, 95)), ratio: ratio(p95, percentile(&floors, 95)), target: "(information)".into(), ok: None },
        Figure {
            name: format!("a complaint's eight steps to close, median ({} complaints)", paths.len()),
            measured: ms(median(&paths)),
            floor: ms(floor_mid * 8),
            ratio: ratio(median(&paths), floor_mid * 8),
            target: "< 200 ms".into(),
            ok: Some(median(&paths) < Duration::from_millis(200)),
        },
        Figure { name: format!("request list with lateness ({} requests)", listed.len()), measured: ms(list_time), floor: ms(list_floor), ratio: ratio(list_time, list_floor), target: "< 50 ms".into(), ok: Some(list_time < Duration::from_millis(50)) },
        Figure { name: format!("late requests for the start screen ({} late)", late.len()), measured: ms(late_time), floor: ms(list_floor), ratio: ratio(late_time, list_floor), target: "< 50 ms".into(), ok: Some(late_time < Duration::from_millis(50)) },
    ])
}

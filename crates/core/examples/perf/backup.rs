//! A backup of the 5,000-unit demo estate as the program makes it (online
//! backup API in one step, `integrity_check` of the copy, rename, pruning),
//! against SQLite's backup API bare (rusqlite `Connection::backup`, no check)
//! and, for information, a plain file copy, the check alone, and opening the
//! estate (whose `quick_check` runs on every start).

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Local;
use estate_core::backup::{self, Reason};
use estate_core::db::Db;

use crate::{Figure, Result, demo_db, median, ms, ratio};

pub const FLOOR: &str = "rusqlite Connection::backup of the same open estate to a new file, unchecked";
const RUNS: usize = 5;

pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let db = demo_db(dir, units)?;
    let estate = backup::estate_path(db.conn())?;
    let bytes = std::fs::metadata(&estate)?.len();
    let folder = dir.join("perf-backups");
    std::fs::create_dir_all(&folder)?;
    let (mut times, mut floors, mut copies, mut checks) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..RUNS {
        let start = Instant::now();
        let made = backup::back_up_into(db.conn(), &estate, &folder, RUNS as u32, Reason::OnDemand, Local::now().naive_local())?;
        times.push(start.elapsed());

        let bare = dir.join(format!("bare-{i}.db"));
        let start = Instant::now();
        db.conn().backup(rusqlite::MAIN_DB, &bare, None::<fn(rusqlite::backup::Progress)>)?;
        floors.push(start.elapsed());

        let start = Instant::now();
        std::fs::copy(&estate, dir.join(format!("copy-{i}.db")))?;
        copies.push(start.elapsed());

        let start = Instant::now();
        let conn = rusqlite::Connection::open_with_flags(&made.backup.file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        std::hint::black_box(conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))?);
        checks.push(start.elapsed());
        std::fs::remove_file(&bare)?;
        std::fs::remove_file(dir.join(format!("copy-{i}.db")))?;
    }
    drop(db);
    let opens: Vec<Duration> = (0..RUNS).map(|_| time_open(&estate)).collect::<Result<_>>()?;
    let (mid, floor) = (median(&times), median(&floors));
    let info = |name: String, d: Duration| Figure { name, measured: ms(d), floor: "-".into(), ratio: None, target: "-".into(), ok: None };
    Ok(vec![
        Figure {
            name: format!("backup of the {units}-unit estate ({:.1} MB), verified", bytes as f64 / 1e6),
            measured: ms(mid),
            floor: ms(floor),
            ratio: ratio(mid, floor),
            target: "< 5 s".into(),
            ok: Some(mid < Duration::from_secs(5)),
        },
        info("  of which integrity_check of the copy".into(), median(&checks)),
        info("  plain file copy of the estate (information)".into(), median(&copies)),
        info("Db::open of the estate (quick_check on every start)".into(), median(&opens)),
    ])
}

fn time_open(estate: &Path) -> Result<Duration> {
    let start = Instant::now();
    drop(Db::open(estate)?);
    Ok(start.elapsed())
}

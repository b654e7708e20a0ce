//! Lending a key (the borrower checked against the register and the owner's
//! authorisations, the loan row, its audit entry) in its own committed write,
//! on the demo estate; against a bare INSERT of the same loan row and its
//! commit on a copy of the same file.

use std::path::Path;
use std::time::{Duration, Instant};

use estate_core::keys::{self, AuthKind, BorrowerKind, NewAuthorisation, NewKey, NewLoan};
use estate_core::register::{self, Unit};

use crate::{Figure, Result, bare, demo_db, median, ms, percentile, ratio};

pub const FLOOR: &str = "one bare INSERT INTO key_loans + commit on a copy of the same file (WAL, synchronous=FULL), taking turns with the loans";
const LOANS: usize = 200;

pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let mut db = demo_db(dir, units)?;
    let picked: Vec<Unit> = {
        let mut stmt = db.conn().prepare("SELECT code FROM units ORDER BY id LIMIT ?1")?;
        let codes: Vec<String> = stmt.query_map([LOANS as i64], |r| r.get(0))?.collect::<Result<_, _>>()?;
        codes.iter().map(|c| register::find_unit(db.conn(), c)).collect::<Result<_, _>>()?
    };
    let team = NewAuthorisation { kind: AuthKind::Engineering, name: String::new(), from: None, to: None };
    let mut held = Vec::new();
    for (i, unit) in picked.iter().enumerate() {
        let new = NewKey { hook: format!("P-{i:03}"), key_count: 1, description: "入户门".into(), deposited_by: "业主".into(), deposited_on: None, note: String::new(), authorisations: vec![team.clone()] };
        held.push(db.write("前台", |tx| keys::deposit(tx, unit, &new))?.id);
    }
    let copy = dir.join("keys-floor.db");
    drop(db);
    std::fs::copy(dir.join("demo.db"), &copy)?;
    let mut db = demo_db(dir, units)?;
    let mut floor = bare(&copy)?;
    // Due a day ahead, whatever the hour the benchmark runs.
    let due = (chrono::Local::now() + chrono::Duration::days(1)).format("%Y-%m-%d %H:%M").to_string();
    let loan = NewLoan { borrower: "工程部 老陈".into(), borrower_kind: BorrowerKind::Staff, id_type: "工作证".into(), id_last4: "0007".into(), purpose: "查漏水".into(), due, override_reason: None };
    let (mut times, mut floors) = (Vec::new(), Vec::new());
    for &key_id in &held {
        let start = Instant::now();
        db.write("前台", |tx| keys::lend(tx, key_id, &loan))?;
        times.push(start.elapsed());
        floors.push(bare_loan(&mut floor, key_id)?);
    }
    let (mid, p95) = (median(&times), percentile(&times, 95));
    let label = |what: &str| format!("key loan {what} ({LOANS} writes, {units}-unit demo)");
    Ok(vec![
        Figure { name: label("median"), measured: ms(mid), floor: ms(median(&floors)), ratio: ratio(mid, median(&floors)), target: "< 10 ms".into(), ok: Some(mid < Duration::from_millis(10)) },
        Figure { name: label("p95"), measured: ms(p95), floor: ms(percentile(&floors, 95)), ratio: ratio(p95, percentile(&floors, 95)), target: "(information)".into(), ok: None },
    ])
}

fn bare_loan(conn: &mut rusqlite::Connection, key_id: i64) -> Result<Duration> {
    let start = Instant::now();
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO key_loans (key_id, borrower, borrower_kind, id_type, id_last4, purpose, out_at, due_at, operator)
         VALUES (?1, '工程部 老陈', 'staff', '工作证', '0007', '查漏水', '2026-11-23T09:00:00+08:00', '2026-11-24T09:00:00+08:00', '前台')",
        [key_id],
    )?;
    tx.commit()?;
    Ok(start.elapsed())
}

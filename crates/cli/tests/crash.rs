//! Crash safety, proved on the real binary: `estate pay` and `estate receipt void`
//! run one after another on a real estate file and are killed with SIGKILL at
//! random moments. After every kill the file is opened as the next program
//! would open it and the whole ledger is checked (`support::ledger::assert_whole`:
//! integrity_check, one receipt per payment, receipt numbers without gaps per
//! series, balances equal their entries, the audit chain verifies).
//!
//! Where a kill landed is measured, not assumed: just before each kill the test
//! asks for the database's write lock without waiting; when the child holds it
//! and its write then never commits, the kill landed inside a write transaction.
//! Half the kills wait a random time (up to a full run's length); the other half
//! wait for the child to take the write lock, then a random moment more.
//!
//! `ESTATE_KILLS` sets the number of kills (200 by default), `ESTATE_KILL_SEED` the
//! random seed (printed, so a failing run can be repeated).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

#[path = "../../core/tests/support/ledger.rs"]
mod ledger;

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use estate_core::db::Db;

fn estate(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_estate"));
    c.arg("--db").arg(db).arg("--json").env_remove("ESTATE_OPERATOR").stdout(Stdio::null()).stderr(Stdio::null());
    c
}

fn ok(db: &Path, args: &[&str]) {
    let status = estate(db).args(args).status().unwrap();
    assert!(status.success(), "{args:?}: {status}");
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// True when another process holds the write lock now (asked without waiting).
fn write_lock_held(probe: &Db) -> bool {
    match probe.conn().execute_batch("BEGIN IMMEDIATE") {
        Ok(()) => {
            probe.conn().execute_batch("ROLLBACK").unwrap();
            false
        }
        Err(_) => true,
    }
}

/// What one kill met.
#[derive(Default, Debug)]
struct Tally {
    /// The child had finished before the signal: nothing to prove about a crash.
    finished_first: u64,
    /// Killed while holding the write lock, its write never committed.
    mid_transaction: u64,
    /// Killed after its write committed (printing, exiting).
    after_commit: u64,
    /// Killed before it took the write lock (starting, opening the file, reading).
    before_write: u64,
}

const UNITS: [&str; 4] = ["1-1-101", "1-1-102", "2-1-101", "S1-101"];

/// Starts one command of the loop: mostly payments, sometimes a void of a receipt still standing.
fn start_one(db: &Path, check: &Db, rng: &mut fastrand::Rng) -> (Child, String) {
    let standing: Vec<String> = check
        .conn()
        .prepare("SELECT receipt_no FROM receipts WHERE id NOT IN (SELECT receipt_id FROM receipt_voids)")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let args: Vec<String> = if !standing.is_empty() && rng.u8(0..10) < 3 {
        let no = &standing[rng.usize(..standing.len())];
        ["receipt", "void", no, "--reason", "收错户"].map(String::from).to_vec()
    } else {
        let amount = format!("{}.{:02}", rng.u32(1..800), rng.u32(0..100));
        let method = ["cash", "wechat", "alipay", "card"][rng.usize(..4)];
        ["pay", UNITS[rng.usize(..UNITS.len())], "--amount", &amount, "--method", method].map(String::from).to_vec()
    };
    (estate(db).args(&args).spawn().unwrap(), args.join(" "))
}

#[test]
fn sigkill_at_random_moments_never_breaks_the_ledger() {
    let kills = env_number("ESTATE_KILLS", 200);
    let seed = env_number("ESTATE_KILL_SEED", fastrand::u64(..));
    eprintln!("crash test: {kills} kills, seed {seed} (ESTATE_KILL_SEED={seed} repeats it)");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("estate.db");
    ok(&db, &["init", "--name", "断电小区"]);
    for unit in UNITS {
        ok(&db, &["unit", "add", unit, "--area", "96.5"]);
    }
    ok(&db, &["fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "2.35"]);
    ok(&db, &["fee", "add", "--name", "垃圾清运费", "--basis", "unit", "--price", "15"]);
    ok(&db, &["bill", "run", "--from", "2026-01", "--to", "2026-12"]);

    // A run's usual length (the median of seven), measured: the random delays span it.
    let mut runs: Vec<Duration> = (0..7)
        .map(|_| {
            let check = Db::open(&db).unwrap();
            let started = Instant::now();
            let (mut child, what) = start_one(&db, &check, &mut rng);
            assert!(child.wait().unwrap().success(), "{what}");
            started.elapsed()
        })
        .collect();
    runs.sort();
    let run_time = runs[runs.len() / 2];
    eprintln!("crash test: an uninterrupted command takes {run_time:?} (median of 7)");

    let probe = Db::open(&db).unwrap();
    probe.conn().busy_timeout(Duration::ZERO).unwrap();
    let mut tally = Tally::default();
    let started = Instant::now();
    for kill in 0..kills {
        let check = Db::open(&db).unwrap();
        let entries_before = estate_core::audit::verify(check.conn()).unwrap().entries;
        let (mut child, what) = start_one(&db, &check, &mut rng);
        drop(check);
        if kill % 2 == 0 {
            std::thread::sleep(run_time.mul_f64(rng.f64()));
        } else {
            // Wait for the write lock (or the end), then a random moment more.
            let deadline = Instant::now() + run_time * 4;
            while !write_lock_held(&probe) && child.try_wait().unwrap().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_micros(50));
            }
            std::thread::sleep(Duration::from_micros(rng.u64(0..3000)));
        }
        let held = write_lock_held(&probe);
        let _ = child.kill(); // SIGKILL; an error only means it had already been reaped
        let status = child.wait().unwrap();
        let context = format!("kill {kill} ({what}, seed {seed})");
        // The next program to open the file: it must open, and the ledger must be whole.
        let after = Db::open(&db).unwrap_or_else(|e| panic!("{context}: the file no longer opens: {}", e.body().message));
        ledger::assert_whole(&after, &context);
        let committed = estate_core::audit::verify(after.conn()).unwrap().entries > entries_before;
        match (status.signal(), committed, held) {
            (None, _, _) => tally.finished_first += 1,
            (Some(_), true, _) => tally.after_commit += 1,
            (Some(_), false, true) => tally.mid_transaction += 1,
            (Some(_), false, false) => tally.before_write += 1,
        }
        if status.signal().is_none() {
            assert!(status.success(), "{context}: finished with {status}");
        }
    }
    eprintln!("crash test: {kills} kills survived in {:?}: {tally:?}", started.elapsed());
    assert!(tally.mid_transaction > 0, "no kill landed inside a write transaction: {tally:?}");
    assert!(tally.before_write + tally.after_commit > 0, "kills landed elsewhere too: {tally:?}");
}

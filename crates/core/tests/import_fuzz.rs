//! Hostile files for the owner-register importer: real seed files (the messy
//! register as .xlsx, .xls and CSV in GBK, UTF-8 with a BOM and UTF-16) mutated
//! by bit flips, byte overwrites, truncation, spliced chunks, corrupted zip
//! entries of the xlsx (its XML edited and zipped again, so the parser sees it),
//! plus random bytes and random text. Every import runs on its own thread
//! under a deadline and must end in time, without a panic, with either a report
//! or an input error in Chinese; a dry run, a file with problems and an error
//! leave every row of the database as it was, and a real import writes exactly
//! what its report says.
//!
//! cargo-fuzz needs a nightly toolchain; this is the stable-toolchain way.
//! `ESTATE_FUZZ_CASES` sets the number of mutated files (600 by default),
//! `ESTATE_FUZZ_SEED` the seed (printed, so a failure can be repeated).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

#[path = "support/fingerprint.rs"]
mod fingerprint;
#[path = "support/ledger.rs"]
mod ledger;
#[path = "../../../tests/fixtures/messy_register.rs"]
mod messy_register;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::DateTime;
use estate_core::db::{Clock, Db};
use estate_core::register::import::{ImportOptions, ImportReport, import_owners};
use fingerprint::fingerprint;
use proptest::prelude::*;

/// Far more than any of these small files needs (a few ms) and than the reader's own
/// deadline (5 s for a small workbook, then import.too_slow); an importer that hangs misses it.
const DEADLINE: Duration = Duration::from_secs(20);

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)).unwrap()
}

/// The seed files, each with the extension the importer reads it by.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let text = messy_register::csv_text(&messy_register::messy_rows());
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    vec![
        ("xlsx", fixture("messy-register.xlsx")),
        // A mutated .xls once made calamine 0.38 loop forever (tests/fixtures/hang-calamine.xls):
        // workbooks are now read by a child process killed at its deadline (import.too_slow).
        ("xls", fixture("messy-register.xls")),
        ("csv", fixture("messy-register.csv")),
        ("csv", [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()),
        ("csv", utf16),
    ]
}

fn chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A fresh estate with a register already in it, so "nothing written" has rows to keep.
/// Workbooks are read as the programs read them: by a child process under a deadline,
/// here 1 s, since a quarter of the mutated .xls files hang the reader (a good one
/// reads in milliseconds; one refused as too slow is still a refusal that writes nothing).
fn estate(dir: &Path) -> Db {
    estate_core::register::import::use_workbook_reader(PathBuf::from(env!("CARGO_BIN_EXE_estate-read-workbook")));
    estate_core::register::import::shorten_workbook_wait(std::time::Duration::from_secs(1));
    let mut db = Db::create(&dir.join("estate.db"), "翠湖花园").unwrap();
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-23T10:00:00+08:00").unwrap()));
    let seed = dir.join("seed.xlsx");
    std::fs::write(&seed, fixture("messy-register.xlsx")).unwrap();
    assert_eq!(import_owners(&mut db, &seed, &ImportOptions::default(), &mut |_, _| {}).unwrap().units_created, 7);
    db
}

/// Runs the import on its own thread; a hang past the deadline or a panic fails the test,
/// naming the file kept for repeating it.
fn import_in_time(db: Db, path: PathBuf, options: ImportOptions, case: &str) -> (Db, estate_core::Result<ImportReport>) {
    let (tx, rx) = mpsc::channel();
    let file = path.clone();
    std::thread::spawn(move || {
        let mut db = db;
        let result = import_owners(&mut db, &file, &options, &mut |_, _| {});
        let _ = tx.send((db, result));
    });
    match rx.recv_timeout(DEADLINE) {
        Ok(done) => done,
        Err(e) => {
            let kept = std::env::temp_dir().join(format!("estate-fuzz-failure.{}", path.extension().unwrap().to_string_lossy()));
            std::fs::copy(&path, &kept).unwrap();
            let what = if matches!(e, mpsc::RecvTimeoutError::Timeout) { "hung past the deadline" } else { "panicked" };
            panic!("{case}: the import {what}; the file is kept as {}", kept.display());
        }
    }
}

fn count(db: &Db, table: &str) -> usize {
    db.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

/// Imports one hostile file and checks what it did; gives the database back.
fn try_file(db: Db, dir: &Path, ext: &str, bytes: &[u8], options: ImportOptions, case: &str) -> Db {
    let path = dir.join(format!("hostile.{ext}"));
    std::fs::write(&path, bytes).unwrap();
    let before = fingerprint(&db);
    let counts = |db: &Db| (count(db, "units"), count(db, "people"), count(db, "bills"));
    let (units, people, bills) = counts(&db);
    let (db, result) = import_in_time(db, path, options.clone(), case);
    match result {
        Err(e) => {
            assert!(e.is_input(), "{case}: {} is not an input error: {}", e.code(), e.body().message);
            assert!(chinese(&e.body().message), "{case}: not said in Chinese: {}", e.body().message);
            assert_eq!(fingerprint(&db), before, "{case}: an error wrote something");
        }
        Ok(report) => {
            for p in &report.errors {
                assert!(chinese(&p.message), "{case}: a row problem not said in Chinese: {p:?}");
            }
            let wrote = !options.dry_run && (report.errors.is_empty() || options.skip_bad_rows);
            if !wrote || report.units_created + report.people_created + report.opening_balances == 0 {
                assert_eq!(fingerprint(&db), before, "{case}: wrote something it should not have: {report:?}");
            } else {
                assert_eq!(counts(&db), (units + report.units_created, people + report.people_created, bills + report.opening_balances), "{case}: {report:?}");
                ledger::assert_whole(&db, case);
            }
        }
    }
    db
}

/// Byte-level mutations of any file.
fn mutate_bytes(rng: &mut fastrand::Rng, bytes: &mut Vec<u8>) -> &'static str {
    if bytes.is_empty() {
        bytes.push(rng.u8(..));
    }
    match rng.u8(0..5) {
        0 => {
            for _ in 0..rng.usize(1..16) {
                let i = rng.usize(..bytes.len());
                bytes[i] ^= 1 << rng.u8(0..8);
            }
            "bit flips"
        }
        1 => {
            for _ in 0..rng.usize(1..8) {
                let i = rng.usize(..bytes.len());
                bytes[i] = [0x00, 0xFF, 0x7F, 0x80, b'"', b',', b'\n', b'<'][rng.usize(..8)];
            }
            "bytes overwritten"
        }
        2 => {
            bytes.truncate(rng.usize(..bytes.len()));
            "truncated"
        }
        3 => {
            let from = rng.usize(..bytes.len());
            let chunk: Vec<u8> = bytes[from..(from + rng.usize(1..200)).min(bytes.len())].to_vec();
            let at = rng.usize(..=bytes.len());
            for _ in 0..rng.usize(1..4) {
                bytes.splice(at..at, chunk.iter().copied());
            }
            "chunk spliced"
        }
        _ => {
            let at = rng.usize(..=bytes.len());
            let junk: Vec<u8> = (0..rng.usize(1..64)).map(|_| rng.u8(..)).collect();
            bytes.splice(at..at, junk);
            "random bytes inserted"
        }
    }
}

/// Edits that reach the XML parser and calamine's own reading of cells, not the zip's checksum.
fn mutate_xml(rng: &mut fastrand::Rng, xml: &mut Vec<u8>) -> &'static str {
    let text = String::from_utf8_lossy(xml).into_owned();
    let edited = match rng.u8(0..6) {
        // A cell placed at the far corner of the sheet (XFD1048576).
        0 => ("far cell", text.replacen(" r=\"", " r=\"XFD1048576\" x=\"", 1)),
        // A shared-string index far past the table.
        1 => ("string index", text.replacen("<v>", "<v>99999999", 1)),
        // A sheet dimension claiming the whole sheet.
        2 => ("dimension", text.replacen("<dimension ref=\"", "<dimension ref=\"A1:XFD1048576\" x=\"", 1)),
        // Tags cut off.
        3 => ("tags cut", text.replacen("</", "<", rng.usize(1..4))),
        // Numbers made absurd.
        4 => ("numbers", text.replace("<v>1", "<v>1e308").replace(".5<", "e999<")),
        _ => {
            let mut bytes = text.into_bytes();
            let how = mutate_bytes(rng, &mut bytes);
            *xml = bytes;
            return how;
        }
    };
    *xml = edited.1.into_bytes();
    edited.0
}

/// The xlsx unzipped, one entry's content mutated (or dropped), zipped again.
fn mutate_zip_entry(rng: &mut fastrand::Rng, xlsx: &[u8]) -> (Vec<u8>, String) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let target = rng.usize(..archive.len());
    let drop_it = rng.u8(0..10) == 0;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut what = String::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if i == target {
            if drop_it {
                what = format!("entry {name} dropped");
                continue;
            }
            what = format!("entry {name}: {}", mutate_xml(rng, &mut content));
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&content).unwrap();
    }
    (out.finish().unwrap().into_inner(), what)
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

fn options(rng: &mut fastrand::Rng) -> ImportOptions {
    ImportOptions { sheet: None, dry_run: rng.bool(), skip_bad_rows: rng.bool() }
}

#[test]
fn mutated_register_files_never_panic_hang_or_write_partly() {
    let cases = env_number("ESTATE_FUZZ_CASES", 600);
    let seed = env_number("ESTATE_FUZZ_SEED", fastrand::u64(..));
    eprintln!("import fuzz: {cases} mutated files, seed {seed} (ESTATE_FUZZ_SEED={seed} repeats it)");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().unwrap();
    let mut db = estate(dir.path());
    let seeds = seeds();
    let started = Instant::now();
    let mut by_kind = std::collections::BTreeMap::<&str, u64>::new();
    for case in 0..cases {
        let (ext, seed_bytes) = &seeds[rng.usize(..seeds.len())];
        let mut bytes = seed_bytes.clone();
        let how = if *ext == "xlsx" && rng.bool() {
            let (zipped, what) = mutate_zip_entry(&mut rng, &bytes);
            bytes = zipped;
            what
        } else {
            let mut how = Vec::new();
            for _ in 0..rng.usize(1..4) {
                how.push(mutate_bytes(&mut rng, &mut bytes));
            }
            how.join(", ")
        };
        *by_kind.entry(ext).or_default() += 1;
        let options = options(&mut rng);
        db = try_file(db, dir.path(), ext, &bytes, options.clone(), &format!("case {case} ({ext}: {how}; {options:?}; seed {seed})"));
    }
    eprintln!("import fuzz: {cases} mutated files in {:?} ({by_kind:?})", started.elapsed());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: env_number("ESTATE_FUZZ_RANDOM_CASES", 64) as u32, ..ProptestConfig::default() })]

    /// Random bytes under every name the importer knows.
    #[test]
    fn random_bytes_are_refused_or_read(bytes in proptest::collection::vec(any::<u8>(), 0..4096), ext in prop::sample::select(vec!["xlsx", "xls", "csv"]), dry_run: bool) {
        let dir = tempfile::tempdir().unwrap();
        estate_core::register::import::use_workbook_reader(PathBuf::from(env!("CARGO_BIN_EXE_estate-read-workbook")));
        let db = Db::create(&dir.path().join("estate.db"), "翠湖花园").unwrap();
        try_file(db, dir.path(), ext, &bytes, ImportOptions { sheet: None, dry_run, skip_bad_rows: !dry_run }, &format!("random {ext}"));
    }

    /// Random text as CSV: quotes, separators, line breaks and any characters in any order.
    #[test]
    fn random_csv_text_is_refused_or_read(lines in proptest::collection::vec("[楼栋房号业主面积,;\t\"\r\n 0-9a-z\\-.㎡]{0,80}", 0..20), header: bool) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::create(&dir.path().join("estate.db"), "翠湖花园").unwrap();
        let head = if header { "楼栋,单元,房号,面积,业主\n" } else { "" };
        let text = format!("{head}{}", lines.join("\n"));
        try_file(db, dir.path(), "csv", text.as_bytes(), ImportOptions { sheet: None, dry_run: false, skip_bad_rows: true }, "random csv");
    }
}

//! Backups of the estate file with SQLite's online backup API, and restoring
//! one. A backup is written as `<name>.part`, checked with `PRAGMA
//! integrity_check`, and only then given its name (`names.rs`), so a file
//! with a backup's name is always a whole, verified copy. The folder keeps a
//! set number of generations; only our own file names are ever deleted.

mod error;
mod names;
mod restore;
#[cfg(test)]
mod tests;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Local, NaiveDateTime, Timelike};
use rusqlite::backup::StepResult;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::db::{SCHEMA_VERSION, settings};
use crate::error::{ErrorBody, Result};
pub use error::BackupError;
pub use names::Reason;
pub use restore::{Restored, restore};

/// One backup file as the list shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Backup {
    pub file: String,
    pub name: String,
    /// Local time it was made, "2026-12-04 15:30:00".
    pub taken_at: String,
    pub reason: Reason,
    pub reason_label: &'static str,
    pub bytes: u64,
}

/// A backup just made, and the old ones removed to keep the number of generations.
#[derive(Debug, Clone, Serialize)]
pub struct Made {
    pub backup: Backup,
    pub folder: String,
    pub pruned: Vec<String>,
}

/// A backup made along with another action (the daily close): the action
/// stands whether or not the backup worked, so a failure is reported, not raised.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub made: Option<Made>,
    pub problem: Option<ErrorBody>,
}

impl Outcome {
    pub fn of(result: Result<Made>) -> Outcome {
        match result {
            Ok(made) => Outcome { made: Some(made), problem: None },
            Err(e) => Outcome { made: None, problem: Some(e.body()) },
        }
    }
}

/// `backups` beside the estate file: used when no folder is chosen, and made when missing.
pub fn default_folder(estate: &Path) -> PathBuf {
    estate.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

/// The folder backups of this estate go to: the one chosen in the settings, or the default.
pub fn folder(conn: &Connection, estate: &Path) -> Result<PathBuf> {
    Ok(match settings::get(conn, settings::BACKUP_FOLDER)?.filter(|f| !f.trim().is_empty()) {
        Some(chosen) => PathBuf::from(chosen.trim()),
        None => default_folder(estate),
    })
}

/// The file behind an open connection.
pub fn estate_path(conn: &Connection) -> Result<PathBuf> {
    Ok(conn.path().filter(|p| !p.is_empty()).map(PathBuf::from).ok_or(BackupError::NoFile)?)
}

/// Backs up the open estate into its backup folder, keeping the generations the settings ask for.
pub fn back_up(conn: &Connection, reason: Reason, now: NaiveDateTime) -> Result<Made> {
    let estate = estate_path(conn)?;
    back_up_into(conn, &estate, &folder(conn, &estate)?, settings::backup_keep(conn)?, reason, now)
}

/// Before a migration: into the chosen folder, or beside the file when that
/// folder is away (a USB drive not plugged in must not stop the upgrade; the
/// settings cannot be changed before the file opens).
pub(crate) fn before_upgrade(conn: &Connection) -> Result<Made> {
    let estate = estate_path(conn)?;
    let keep = settings::backup_keep(conn)?;
    let now = Local::now().naive_local();
    let chosen = folder(conn, &estate)?;
    let folder = if chosen.is_dir() { chosen } else { default_folder(&estate) };
    back_up_into(conn, &estate, &folder, keep, Reason::Upgrade, now)
}

/// Backs up `conn` (the estate at `estate`) into `folder`, then keeps the newest `keep` of ours there.
pub fn back_up_into(conn: &Connection, estate: &Path, folder: &Path, keep: u32, reason: Reason, now: NaiveDateTime) -> Result<Made> {
    // Names carry whole seconds: compare and number within the second as the names do.
    let now = now.with_nanosecond(0).unwrap_or(now);
    let target = new_file(folder, estate, reason, now)?;
    let part = part_of(&target);
    let cannot_write = |e: &dyn std::fmt::Display| BackupError::CannotWrite(folder.to_path_buf(), e.to_string());
    copy_into(conn, &part).map_err(|e| cannot_write(&e))?;
    if !matches!(inspect(&part), Found::Estate(_)) {
        let _ = fs::remove_file(&part);
        return Err(BackupError::VerifyFailed(target).into());
    }
    fs::rename(&part, &target).map_err(|e| cannot_write(&e))?;
    let pruned = prune(folder, estate, keep)?;
    Ok(Made { backup: describe(&target, reason, now)?, folder: folder.display().to_string(), pruned })
}

/// A free name for a new backup in `folder`, making the default folder when it is missing.
fn new_file(folder: &Path, estate: &Path, reason: Reason, now: NaiveDateTime) -> Result<PathBuf> {
    if !folder.is_dir() {
        if folder != default_folder(estate) {
            return Err(BackupError::FolderMissing(folder.to_path_buf()).into());
        }
        fs::create_dir_all(folder).map_err(|e| BackupError::CannotWrite(folder.to_path_buf(), e.to_string()))?;
    }
    let stem = stem(estate);
    // Numbered on from the backups of the same second, whatever their reason, so (time, number) is the order they were made in.
    let last = ours(folder, estate)?.into_iter().filter(|(_, at, ..)| *at == now).map(|(_, _, seq, _)| seq).max().unwrap_or(0);
    let free = (last + 1..).map(|seq| folder.join(names::file_name(&stem, now, reason, seq))).find(|p| !p.exists() && !part_of(p).exists());
    Ok(free.unwrap_or_else(|| folder.join(names::file_name(&stem, now, reason, last + 1))))
}

fn part_of(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

fn stem(estate: &Path) -> String {
    estate.file_stem().map_or_else(|| "estate".into(), |s| s.to_string_lossy().into_owned())
}

/// The whole database in one step: one consistent snapshot even while the
/// desk writes through another connection (WAL lets the reader go on), and a
/// self-contained file (rollback journal, no `-wal` beside it).
fn copy_into(src: &Connection, part: &Path) -> rusqlite::Result<()> {
    let mut dst = Connection::open(part)?;
    {
        let backup = rusqlite::backup::Backup::new(src, &mut dst)?;
        let mut waits = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                // Another connection holds a lock for a moment (Busy, Locked): wait, as the busy timeout would.
                _ if waits < 100 => {
                    waits += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => return Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY), None)),
            }
        }
    }
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

/// What a file turns out to be when opened read-only.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// An estate database that passes `integrity_check`, at this schema version.
    Estate(i64),
    NotEstate,
    Corrupt,
}

pub(crate) fn inspect(file: &Path) -> Found {
    let Ok(conn) = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return Found::NotEstate;
    };
    match conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)) {
        Ok(ok) if ok == "ok" => {}
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => return Found::NotEstate,
        _ => return Found::Corrupt,
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap_or(0);
    let has_settings = conn.query_row("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'settings'", [], |r| r.get::<_, i64>(0)).unwrap_or(0) == 1;
    if version > 0 && has_settings { Found::Estate(version) } else { Found::NotEstate }
}

/// The backups of the estate at `estate` in `folder`, newest first.
pub fn list(folder: &Path, estate: &Path) -> Result<Vec<Backup>> {
    if !folder.exists() && folder == default_folder(estate) {
        return Ok(Vec::new()); // made with the first backup
    }
    let mut ours = ours(folder, estate)?;
    ours.reverse();
    ours.into_iter().map(|(path, at, _, reason)| describe(&path, reason, at)).collect()
}

/// The backups of an open estate, from its backup folder.
pub fn list_for(conn: &Connection) -> Result<Vec<Backup>> {
    let estate = estate_path(conn)?;
    list(&folder(conn, &estate)?, &estate)
}

/// Our backup files in `folder`, oldest first.
fn ours(folder: &Path, estate: &Path) -> Result<Vec<(PathBuf, NaiveDateTime, u32, Reason)>> {
    let entries = fs::read_dir(folder).map_err(|_| BackupError::FolderMissing(folder.to_path_buf()))?;
    let stem = stem(estate);
    let mut found: Vec<_> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let (at, seq, reason) = names::parse(&stem, &e.file_name().to_string_lossy())?;
            Some((e.path(), at, seq, reason))
        })
        .collect();
    found.sort_by_key(|(_, at, seq, _)| (*at, *seq));
    Ok(found)
}

/// Deletes our oldest backups beyond the newest `keep`; returns their names.
fn prune(folder: &Path, estate: &Path, keep: u32) -> Result<Vec<String>> {
    let ours = ours(folder, estate)?;
    let excess = ours.len().saturating_sub(keep.max(1) as usize);
    let mut pruned = Vec::new();
    for (path, ..) in ours.into_iter().take(excess) {
        fs::remove_file(&path).map_err(|e| BackupError::CannotWrite(folder.to_path_buf(), e.to_string()))?;
        // A safety copy of a refused file may carry its write-ahead log beside it.
        let _ = fs::remove_file(format!("{}-wal", path.display()));
        pruned.push(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    }
    Ok(pruned)
}

fn describe(path: &Path, reason: Reason, at: NaiveDateTime) -> Result<Backup> {
    let bytes = fs::metadata(path).map(|m| m.len()).map_err(|e| BackupError::CannotWrite(path.to_path_buf(), e.to_string()))?;
    Ok(Backup {
        file: path.display().to_string(),
        name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        taken_at: names::shown(at),
        reason,
        reason_label: reason.label(),
        bytes,
    })
}

/// The desktop app's timer: backs up the estate at `estate` when the newest
/// backup is older than the interval set (0 = never). Reads through its own
/// read-only connection, so the desk's writes go on meanwhile.
pub fn scheduled(estate: &Path, now: NaiveDateTime) -> Result<Option<Made>> {
    let conn = reader(estate)?;
    let every = settings::backup_interval_minutes(&conn)?;
    if every == 0 {
        return Ok(None);
    }
    let folder = folder(&conn, estate)?;
    let newest = if folder.is_dir() { ours(&folder, estate)?.last().map(|(_, at, ..)| *at) } else { None };
    if newest.is_some_and(|at| now.signed_duration_since(at) < chrono::Duration::minutes(i64::from(every))) {
        return Ok(None);
    }
    back_up_into(&conn, estate, &folder, settings::backup_keep(&conn)?, Reason::Scheduled, now).map(Some)
}

/// A read-only connection of its own to the estate file, for a backup made
/// beside the desk (the timer, the daily close): WAL lets the desk's own
/// connection write meanwhile, and nobody waits for the copy's check.
pub fn reader(estate: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(estate, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// Refuses a file that is not a whole estate database this program can read.
fn check_backup(file: &Path) -> Result<i64> {
    match inspect(file) {
        Found::Estate(v) if v > SCHEMA_VERSION => Err(BackupError::TooNew { found: v, supported: SCHEMA_VERSION }.into()),
        Found::Estate(v) => Ok(v),
        Found::NotEstate => Err(BackupError::NotEstate(file.to_path_buf()).into()),
        Found::Corrupt => Err(BackupError::Corrupt(file.to_path_buf()).into()),
    }
}

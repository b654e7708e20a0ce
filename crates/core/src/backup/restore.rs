//! Restoring a backup over the estate file: the backup is checked, the file
//! as it is now is backed up first (the safety backup), then SQLite's backup
//! API copies the backup's pages over the live file. Works on a file that
//! `Db::open` refuses (corrupt, too new): that is when a restore is needed most.

use std::fs;
use std::path::Path;

use chrono::{Local, Timelike};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use serde_json::json;

use super::{Backup, BackupError, Found, Made, Reason, back_up, check_backup, default_folder, describe, inspect, new_file, prune};
use crate::db::{Db, DbError, SCHEMA_VERSION, settings};
use crate::error::Result;

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
pub struct Restored {
    /// The backup restored.
    pub from: String,
    /// The estate file as it was just before, kept in the backup folder;
    /// `None` when there was no file yet (a backup brought to a new computer).
    pub safety: Option<Backup>,
    /// The backup's schema version (older ones were upgraded on opening).
    pub version: i64,
    /// Who restored it, and the supervisor who approved a clerk's restore on the spot.
    pub restored_by: String,
    pub approved_by: Option<String>,
}

/// Replaces the contents of the estate file at `estate` with the backup `from`,
/// and opens it (upgrading an older backup's schema). `actor`, and the
/// supervisor who approved a clerk's restore, are recorded in the audit log of
/// the restored file. Where there is no estate file yet (a new computer), the
/// backup becomes it.
pub fn restore(estate: &Path, from: &Path, actor: &str, approver: Option<&str>) -> Result<(Db, Restored)> {
    if !from.is_file() {
        return Err(BackupError::NotFound(from.to_path_buf()).into());
    }
    if fs::canonicalize(from).ok() == fs::canonicalize(estate).ok() {
        return Err(BackupError::SameFile(from.to_path_buf()).into());
    }
    let version = check_backup(from)?;
    let safety = if estate.exists() { Some(safety_backup(estate)?.backup) } else { None };
    if let Some(dir) = estate.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| DbError::CannotOpen(estate.to_path_buf(), e.to_string()))?;
    }
    let mut live = Connection::open_with_flags(estate, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
    live.busy_timeout(std::time::Duration::from_secs(5))?;
    live.restore(rusqlite::MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>)?;
    drop(live);
    let mut db = Db::open(estate)?;
    let from_text = from.display().to_string();
    let safety_name = safety.as_ref().map(|b| b.name.clone());
    db.write_approved(actor, approver, |tx| tx.audit("backup.restore", "estate", 0, json!({ "from": from_text, "safety": safety_name, "version": version })))?;
    let (restored_by, approved_by) = (actor.to_string(), approver.map(str::to_string));
    Ok((db, Restored { from: from_text, safety, version, restored_by, approved_by }))
}

/// The live file kept before it is replaced. A readable one is backed up (and
/// verified) as usual; one the program refuses is copied byte for byte beside
/// it, into the default folder (its settings cannot be read), and kept as found.
fn safety_backup(estate: &Path) -> Result<Made> {
    let now = Local::now().naive_local().with_nanosecond(0).unwrap_or_default();
    if let Found::Estate(v) = inspect(estate)
        && v <= SCHEMA_VERSION
    {
        let conn = Connection::open_with_flags(estate, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        return back_up(&conn, Reason::Restore, now);
    }
    let folder = default_folder(estate);
    let target = new_file(&folder, estate, Reason::Restore, now)?;
    let cannot_write = |e: std::io::Error| BackupError::CannotWrite(folder.clone(), e.to_string());
    fs::copy(estate, &target).map_err(cannot_write)?;
    let wal = Path::new(&format!("{}-wal", estate.display())).to_path_buf();
    if wal.is_file() {
        fs::copy(&wal, format!("{}-wal", target.display())).map_err(cannot_write)?;
    }
    let keep = settings::BACKUP_KEEP_DEFAULT;
    let pruned = prune(&folder, estate, keep)?;
    Ok(Made { backup: describe(&target, Reason::Restore, now)?, folder: folder.display().to_string(), pruned })
}

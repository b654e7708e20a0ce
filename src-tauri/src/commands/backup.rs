//! 设置 → 备份与恢复: the backups of the open estate, one made now, a restore;
//! and a restore from the start screen when the estate file is refused.

use std::path::PathBuf;

use estate_core::backup::{self, Backup, Made, Outcome, Restored};
use estate_core::db::settings;
use estate_core::staff::Approval;
use estate_core::{ErrorBody, desk};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::commands::estate::{Status, open_restored};
use crate::state::{Desk, Reply, shell_error};

/// What the screen shows: the folder and its backups (or why they cannot be
/// listed: a USB drive not plugged in), the settings, the timer's last result.
#[derive(Serialize)]
pub struct Backups {
    folder: String,
    default_folder: String,
    keep: u32,
    interval_minutes: u32,
    backups: Vec<Backup>,
    problem: Option<ErrorBody>,
    last_scheduled: Option<Outcome>,
}

#[tauri::command]
pub async fn backup_list(desk: State<'_, Desk>) -> Reply<Backups> {
    let last_scheduled = desk.last_scheduled()?;
    desk.read(|db| {
        let conn = db.conn();
        let estate = backup::estate_path(conn)?;
        let folder = backup::folder(conn, &estate)?;
        let (backups, problem) = match backup::list(&folder, &estate) {
            Ok(list) => (list, None),
            Err(e) => (Vec::new(), Some(e.body())),
        };
        Ok(Backups {
            folder: folder.display().to_string(),
            default_folder: backup::default_folder(&estate).display().to_string(),
            keep: settings::backup_keep(conn)?,
            interval_minutes: settings::backup_interval_minutes(conn)?,
            backups,
            problem,
            last_scheduled,
        })
    })
}

/// 立即备份.
#[tauri::command]
pub async fn backup_now(desk: State<'_, Desk>) -> Reply<Made> {
    desk.act(|db, staff| desk::back_up_now(db, staff))
}

/// 恢复 (主管, or a clerk with a supervisor's approval): the restored file is
/// put in use and everyone signed out.
#[tauri::command]
pub async fn restore_backup(desk: State<'_, Desk>, file: PathBuf, approval: Option<Approval>) -> Reply<Restored> {
    desk.restore(&file, approval.as_ref())
}

/// 从备份恢复 on the start screen, when `estate` was refused (corrupt, too
/// new): nobody can sign in to that file, so no one is asked to; the file as
/// found is kept in its backup folder first, and the restore is in the audit log.
#[tauri::command]
pub async fn restore_at_start(app: AppHandle, desk: State<'_, Desk>, estate: PathBuf, file: PathBuf) -> Reply<Status> {
    if desk.with_open(|_| Ok(())).is_ok() {
        return Err(shell_error("app.estate_open", "已经打开了一个小区数据库。请在 设置 → 备份与恢复 里由主管恢复。"));
    }
    let opened = backup::restore(&estate, &file, "启动页恢复", None).map(|(db, _)| db);
    open_restored(&app, &desk, &estate, opened)
}

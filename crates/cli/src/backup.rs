//! `estate backup` (now, or `list`) and `estate restore FILE`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use estate_core::backup::{self, Backup, Made, Reason};
use estate_core::db::settings;
use estate_core::staff::Permission;
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    command: Option<BackupCommand>,
    /// 备份到这个文件夹（默认为设置里的备份文件夹，未设时为数据库旁的 backups）
    #[arg(long)]
    to: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum BackupCommand {
    /// 列出备份（最新的在前）：时间、原因、大小
    List {
        /// 看这个文件夹里的备份（默认为设置里的备份文件夹）
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Args)]
pub struct RestoreArgs {
    /// 要恢复的备份文件（`estate backup list` 列出的文件）
    file: PathBuf,
}

pub fn backup(ctx: &Ctx, a: BackupArgs) -> estate_core::Result<Reply> {
    let db = ctx.open()?;
    let conn = db.conn();
    let folder = |chosen: Option<PathBuf>| -> estate_core::Result<PathBuf> { chosen.map_or_else(|| backup::folder(conn, &ctx.db_path), Ok) };
    match a.command {
        None => {
            let now = db.now().naive_local();
            let made = backup::back_up_into(conn, &ctx.db_path, &folder(a.to)?, settings::backup_keep(conn)?, Reason::OnDemand, now)?;
            Ok(Reply::new(&made, made_text(&made)))
        }
        Some(BackupCommand::List { dir }) => {
            let folder = folder(dir)?;
            let list = backup::list(&folder, &ctx.db_path)?;
            let shown = folder.display().to_string();
            let text = if list.is_empty() { format!("{shown} 里还没有这个小区的备份。") } else { format!("{shown} 里的备份：{} 份\n\n{}", list.len(), list_table(&list)) };
            Ok(Reply::new(&json!({ "folder": shown, "backups": list }), text))
        }
    }
}

pub fn restore(ctx: &Ctx, a: RestoreArgs) -> estate_core::Result<Reply> {
    // A file that opens has its accounts: a supervisor restores it, or a clerk
    // with `--approver`, as on the desk. One refused at open (damaged, too new)
    // or missing has nobody to sign in, as on the desk's start screen.
    let (actor, approver) = match ctx.open() {
        Ok(mut db) => ctx.authorize(&mut db, Permission::Restore).map(|(me, approver)| (me.name, approver))?,
        Err(_) => (ctx.operator.clone(), None),
    };
    let (_, restored) = backup::restore(&ctx.db_path, &a.file, &actor, approver.as_deref())?;
    let mut rows = vec![
        ("恢复自", restored.from.clone()),
        ("恢复前的数据另存为", restored.safety.as_ref().map_or_else(|| "（原来没有这个文件）".into(), |b| b.file.clone())),
        ("备份的结构版本", restored.version.to_string()),
        ("恢复人", restored.restored_by.clone()),
    ];
    rows.extend(restored.approved_by.clone().map(|name| ("批准人", name)));
    let text = format!("已从备份恢复：{}\n\n{}", ctx.db_path.display(), fields(&rows));
    Ok(Reply::new(&restored, text))
}

fn made_text(m: &Made) -> String {
    let mut text = format!("已备份并检查完好：{}\n\n{}", m.backup.file, list_table(std::slice::from_ref(&m.backup)));
    if !m.pruned.is_empty() {
        text += &format!("\n按保留份数删除了最旧的 {} 份：{}", m.pruned.len(), m.pruned.join("、"));
    }
    text
}

fn list_table(list: &[Backup]) -> String {
    let rows: Vec<Vec<String>> = list.iter().map(|b| vec![b.taken_at.clone(), b.reason_label.into(), size(b.bytes), b.name.clone()]).collect();
    table(&["时间", "原因", "大小", "文件"], &rows, &[2])
}

/// Bytes as a clerk reads them: 1.2 MB, 356 KB.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b => format!("{} KB", b.div_ceil(1024)),
    }
}

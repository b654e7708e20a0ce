//! What can go wrong making, listing or restoring a backup.

use std::path::PathBuf;

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("备份文件夹 {0} 不存在。如果选的是 U 盘，请插好后再试；或在 设置 → 备份与恢复 里换一个文件夹（命令行：estate settings set backup_folder 文件夹）。")]
    FolderMissing(PathBuf),
    #[error("备份写不进 {0}（{1}）。数据库本身没有改动；请确认文件夹可写、磁盘或 U 盘没有写满，再备份一次。")]
    CannotWrite(PathBuf, String),
    #[error("备份 {0} 写完后检查未通过（完整性检查失败），这份备份已删除。数据库本身没有改动；请换一个备份文件夹（U 盘可能有坏道）再备份一次。")]
    VerifyFailed(PathBuf),
    #[error("这个数据库只在内存里，没有文件可备份。")]
    NoFile,
    #[error("找不到备份文件 {0}。请确认路径；`estate backup list` 或 设置 → 备份与恢复 列出已有的备份。")]
    NotFound(PathBuf),
    #[error("{0} 不是 EstateDesk 的数据库备份，没有恢复。请选择备份文件夹里以 .db 结尾的备份文件。")]
    NotEstate(PathBuf),
    #[error("备份文件 {0} 已损坏（完整性检查未通过），没有恢复。请换一份更早的备份。")]
    Corrupt(PathBuf),
    #[error("备份文件由更新版本的 EstateDesk 创建（结构版本 {found}，本程序支持到 {supported}），没有恢复。请先升级程序。")]
    TooNew { found: i64, supported: i64 },
    #[error("{0} 就是正在使用的数据库文件本身，不能用它恢复自己。请选择备份文件夹里的一份备份。")]
    SameFile(PathBuf),
}

impl Coded for BackupError {
    fn code(&self) -> &'static str {
        match self {
            BackupError::FolderMissing(_) => "backup.folder_missing",
            BackupError::CannotWrite(..) => "backup.cannot_write",
            BackupError::VerifyFailed(_) => "backup.verify_failed",
            BackupError::NoFile => "backup.no_file",
            BackupError::NotFound(_) => "backup.not_found",
            BackupError::NotEstate(_) => "backup.not_estate",
            BackupError::Corrupt(_) => "backup.corrupt",
            BackupError::TooNew { .. } => "backup.too_new",
            BackupError::SameFile(_) => "backup.same_file",
        }
    }
    fn is_input(&self) -> bool {
        !matches!(self, BackupError::CannotWrite(..) | BackupError::VerifyFailed(_) | BackupError::NoFile)
    }
}

//! The one SQLite file: opening it safely, migrations, and the write helper
//! through which every change passes (commit on `Ok` only, audit in the same
//! transaction).

mod migrate;
pub mod settings;
mod tx;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local};
use rusqlite::{Connection, OpenFlags};

use crate::error::{Coded, Result};
pub use migrate::SCHEMA_VERSION;
pub use tx::Tx;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("数据库操作失败（{0}）。请重试；如果一再出现，请保留数据库文件并联系管理员。")]
    Sqlite(#[from] rusqlite::Error),
    #[error("文件 {0} 已存在。为保护已有数据，新建不会改动已有文件；请换一个文件名。")]
    Exists(PathBuf),
    #[error("找不到数据库文件 {0}。请先用 `estate init --name 小区名` 新建，或用 --db 指定已有的文件。")]
    NotFound(PathBuf),
    #[error("数据库文件 {0} 打不开（{1}）。请确认路径正确、文件未被其他程序占用。")]
    CannotOpen(PathBuf, String),
    #[error("这个数据库由更新版本的 EstateDesk 创建（结构版本 {found}，本程序支持到 {supported}）。请升级程序；或从备份恢复：命令行 `estate restore 备份文件`，桌面程序在打开失败的页面点“从备份恢复”。这个文件没有改动。")]
    TooNew { found: i64, supported: i64 },
    #[error("{0} 不是 EstateDesk 的数据库文件。请用 --db 指定正确的文件。")]
    NotEstate(PathBuf),
    #[error("数据库文件已损坏（完整性检查未通过）。请不要继续使用它，从最近的备份恢复：命令行 `estate restore 备份文件`，桌面程序在打开失败的页面点“从备份恢复”。这个文件没有改动，恢复前会另存一份以便检查。")]
    Corrupt,
    #[error("没有设置项“{0}”。可设的项目：{1}（各项的说明见 estate settings show）。")]
    UnknownSetting(String, String),
    #[error("设置项“{0}”不能设为“{1}”：{2}。")]
    BadSetting(String, String, String),
    #[error("字头“{0}”已经用于{1}，两种收据不能共用一个字头（否则编号不再连续）。请换一个字头。")]
    SeriesInUse(String, &'static str),
    #[error("程序内部错误：{0}。数据没有改动；请把这条信息告诉管理员。")]
    Internal(String),
}

impl Coded for DbError {
    fn code(&self) -> &'static str {
        match self {
            DbError::Sqlite(_) => "db.error",
            DbError::Exists(_) => "db.exists",
            DbError::NotFound(_) => "db.not_found",
            DbError::CannotOpen(..) => "db.cannot_open",
            DbError::TooNew { .. } => "db.too_new",
            DbError::NotEstate(_) => "db.not_estate",
            DbError::Corrupt => "db.corrupt",
            DbError::UnknownSetting(..) | DbError::BadSetting(..) => "settings.invalid",
            DbError::SeriesInUse(..) => "settings.series_in_use",
            DbError::Internal(_) => "db.internal",
        }
    }
    fn is_input(&self) -> bool {
        matches!(self, DbError::Exists(_) | DbError::NotFound(_) | DbError::NotEstate(_) | DbError::UnknownSetting(..) | DbError::BadSetting(..) | DbError::SeriesInUse(..))
    }
}

/// The default estate file: `estate.db` in the per-user data folder, shared by
/// the CLI and the desktop app (e.g. `~/.local/share/com.estatedesk.desk/estate.db`).
pub fn default_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("com.estatedesk.desk").join("estate.db")
}

/// Where "now" comes from. The demo estate and tests replay history at fixed times.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    pub fn now(self) -> DateTime<FixedOffset> {
        match self {
            Clock::System => Local::now().fixed_offset(),
            Clock::Fixed(t) => t,
        }
    }
}

/// An open estate database.
pub struct Db {
    conn: Connection,
    clock: Clock,
}

impl Db {
    /// Creates a new estate file; refuses to touch an existing one.
    pub fn create(path: &Path, estate_name: &str) -> Result<Db> {
        if path.exists() {
            return Err(DbError::Exists(path.to_path_buf()).into());
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| DbError::CannotOpen(path.to_path_buf(), e.to_string()))?;
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)
            .map_err(|e| DbError::CannotOpen(path.to_path_buf(), e.to_string()))?;
        Db::init(conn, estate_name)
    }

    /// Opens an existing estate file, upgrading its schema if it is older.
    pub fn open(path: &Path) -> Result<Db> {
        if !path.exists() {
            return Err(DbError::NotFound(path.to_path_buf()).into());
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| DbError::CannotOpen(path.to_path_buf(), e.to_string()))?;
        let checked = configure(&conn).and_then(|_| conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)));
        match checked {
            Ok(ok) if ok == "ok" => {}
            Ok(_) => return Err(DbError::Corrupt.into()),
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
                return Err(DbError::NotEstate(path.to_path_buf()).into());
            }
            Err(_) => return Err(DbError::Corrupt.into()),
        }
        let mut db = Db { conn, clock: Clock::System };
        match migrate::version(&db.conn)? {
            0 => return Err(DbError::NotEstate(path.to_path_buf()).into()),
            // The file as the older program left it, kept before this one changes its schema.
            older if older < SCHEMA_VERSION => drop(crate::backup::before_upgrade(&db.conn)?),
            _ => {}
        }
        migrate::upgrade(&mut db.conn)?;
        crate::audit::seal::watch(&db.conn)?;
        Ok(db)
    }

    /// A fresh estate in memory, for tests.
    pub fn in_memory(estate_name: &str) -> Result<Db> {
        Db::init(Connection::open_in_memory()?, estate_name)
    }

    fn init(conn: Connection, estate_name: &str) -> Result<Db> {
        configure(&conn)?;
        let mut db = Db { conn, clock: Clock::System };
        migrate::upgrade(&mut db.conn)?;
        crate::audit::seal::watch(&db.conn)?;
        let name = estate_name.trim().to_string();
        db.write("系统", |tx| {
            settings::set(tx, settings::ESTATE_NAME, &name)?;
            tx.audit("estate.create", "estate", 0, serde_json::json!({ "name": name }))
        })?;
        Ok(db)
    }

    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        self.clock.now()
    }

    /// Read-only access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction that commits only if `f` returns `Ok` and
    /// appended at least one audit entry; otherwise nothing is written.
    pub fn write<T>(&mut self, actor: &str, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        self.write_approved(actor, None, f)
    }

    /// `write`, by `actor` with the approval of the supervisor `approver` (who
    /// signed in on the spot): every audit entry and approval column names both.
    pub fn write_approved<T>(&mut self, actor: &str, approver: Option<&str>, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        let now = self.clock.now();
        let mut tx = Tx::begin(&mut self.conn, actor, approver, now)?;
        let value = f(&mut tx)?;
        tx.commit()?;
        Ok(value)
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // WAL for a reader beside the writer; FULL sync so a receipt survives a power cut.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Years of an estate's ledger are tens of MB: keep the hot part in memory
    // (the default 2 MB cache rereads index pages on every payment).
    conn.pragma_update(None, "cache_size", -65536)?;
    // The ledger seal notes each write's rows in a temporary table (audit/seal.rs): in memory, not a temp file.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_refuses_an_existing_file_and_open_refuses_a_missing_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        Db::create(&path, "翠湖花园").unwrap();
        let err = Db::create(&path, "别的").err().unwrap();
        assert_eq!(err.code(), "db.exists");
        let db = Db::open(&path).unwrap();
        assert_eq!(settings::get(db.conn(), settings::ESTATE_NAME).unwrap().as_deref(), Some("翠湖花园"));
        assert_eq!(Db::open(&dir.path().join("missing.db")).err().unwrap().code(), "db.not_found");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(&path, "这不是数据库，只是一段文字。".repeat(100)).unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = Db::open(&path).err().unwrap();
        assert_eq!(err.code(), "db.not_estate");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(Db::create(&path, "x").unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        drop(conn);
        assert_eq!(Db::open(&path).err().unwrap().code(), "db.too_new");
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let mut db = Db::in_memory("x").unwrap();
        let r: Result<()> = db.write("张", |tx| {
            settings::set(tx, "k", "v")?;
            tx.audit("test", "settings", 0, serde_json::json!({}))?;
            Err(DbError::Internal("boom".into()).into())
        });
        assert!(r.is_err());
        assert_eq!(settings::get(db.conn(), "k").unwrap(), None);
    }

    #[test]
    fn a_write_without_an_audit_entry_is_refused() {
        let mut db = Db::in_memory("x").unwrap();
        let r = db.write("张", |tx| settings::set(tx, "k", "v"));
        assert_eq!(r.err().unwrap().code(), "db.internal");
        assert_eq!(settings::get(db.conn(), "k").unwrap(), None);
    }
}

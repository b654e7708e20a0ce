//! What the app holds while it runs: the open estate file, the person signed
//! in, and the search index. Each behind its own lock; a command takes them
//! through `read`/`act`/`search`, which turn every failure into `{code, message}`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, RwLock};

use estate_core::backup::{Outcome, Restored};
use estate_core::desk;
use estate_core::search::{Hit, Index};
use estate_core::staff::{Approval, Staff};
use estate_core::{Db, ErrorBody};

/// An error of the shell itself (nothing open, nobody signed in).
pub fn shell_error(code: &str, message: &str) -> ErrorBody {
    ErrorBody { code: code.to_string(), message: message.to_string() }
}

pub type Reply<T> = Result<T, ErrorBody>;

/// The estate file in use.
pub struct Open {
    pub db: Db,
    pub path: PathBuf,
}

#[derive(Default)]
pub struct Desk {
    open: Mutex<Option<Open>>,
    staff: Mutex<Option<Staff>>,
    /// The open file's register in memory for the search box; loaded when the file is opened.
    index: RwLock<Option<Index>>,
    /// What the backup timer did last (shown on 设置 → 备份与恢复).
    last_scheduled: Mutex<Option<Outcome>>,
}

pub fn broken() -> ErrorBody {
    shell_error("app.internal", "程序内部状态异常，数据没有改动。请关闭 EstateDesk 后重新打开。")
}

fn lock<T>(m: &Mutex<T>) -> Reply<MutexGuard<'_, T>> {
    m.lock().map_err(|_| broken())
}

fn no_database() -> ErrorBody {
    shell_error("app.no_database", "还没有打开小区数据库。请新建小区、打开已有数据库，或打开演示小区。")
}

impl Desk {
    /// Puts `db` in use (closing any other), loads its search index, and signs
    /// out whoever was signed in.
    pub fn set_open(&self, db: Db, path: &Path) -> Reply<()> {
        let index = Index::load(db.conn()).map_err(|e| e.body())?;
        *self.index.write().map_err(|_| broken())? = Some(index);
        *lock(&self.open)? = Some(Open { db, path: path.to_path_buf() });
        *lock(&self.staff)? = None;
        Ok(())
    }

    pub fn close(&self) -> Reply<()> {
        *lock(&self.staff)? = None;
        *lock(&self.open)? = None;
        *self.index.write().map_err(|_| broken())? = None;
        Ok(())
    }

    /// The open file's path, for the backup timer (its own connection reads it).
    pub fn open_path(&self) -> Reply<Option<PathBuf>> {
        Ok(lock(&self.open)?.as_ref().map(|open| open.path.clone()))
    }

    pub fn last_scheduled(&self) -> Reply<Option<Outcome>> {
        Ok(lock(&self.last_scheduled)?.clone())
    }

    pub fn set_last_scheduled(&self, outcome: Outcome) -> Reply<()> {
        *lock(&self.last_scheduled)? = Some(outcome);
        Ok(())
    }

    /// Restores a backup over the open file (主管, or a clerk with a
    /// supervisor's approval on the spot; checked in the core). The file stays
    /// locked meanwhile so no other command writes; the restored estate is then
    /// put in use and everyone signed out (its accounts are the backup's).
    pub fn restore(&self, from: &Path, approval: Option<&Approval>) -> Reply<Restored> {
        let staff = self.signed_in()?;
        let mut guard = lock(&self.open)?;
        let open = guard.as_mut().ok_or_else(no_database)?;
        let path = open.path.clone();
        let (db, restored) = desk::restore(&mut open.db, &staff, &path, from, approval).map_err(|e| e.body())?;
        *guard = None;
        drop(guard);
        self.set_open(db, &path)?;
        Ok(restored)
    }

    /// The search box, for the signed-in person.
    pub fn search(&self, query: &str, limit: usize) -> Reply<Vec<Hit>> {
        self.signed_in()?;
        let index = self.index.read().map_err(|_| broken())?;
        Ok(index.as_ref().ok_or_else(no_database)?.find(query, limit))
    }

    pub fn set_staff(&self, staff: Option<Staff>) -> Reply<()> {
        *lock(&self.staff)? = staff;
        Ok(())
    }

    pub fn staff(&self) -> Reply<Option<Staff>> {
        Ok(lock(&self.staff)?.clone())
    }

    fn signed_in(&self) -> Reply<Staff> {
        self.staff()?.ok_or_else(|| shell_error("app.not_signed_in", "请先登录。"))
    }

    /// The open file, signed in or not (first start, sign-in screen).
    pub fn with_open<T>(&self, f: impl FnOnce(&mut Open) -> estate_core::Result<T>) -> Reply<T> {
        let mut guard = lock(&self.open)?;
        let open = guard.as_mut().ok_or_else(no_database)?;
        f(open).map_err(|e| e.body())
    }

    /// A query by the signed-in person.
    pub fn read<T>(&self, f: impl FnOnce(&Db) -> estate_core::Result<T>) -> Reply<T> {
        self.signed_in()?;
        self.with_open(|open| f(&open.db))
    }

    /// A desk action by the signed-in person (the core checks the permission).
    pub fn act<T>(&self, f: impl FnOnce(&mut Db, &Staff) -> estate_core::Result<T>) -> Reply<T> {
        let staff = self.signed_in()?;
        self.with_open(|open| f(&mut open.db, &staff))
    }

    /// A desk action that changes the register (units, people, vehicles, an
    /// import): on success the search index is read again, so the search box
    /// finds a new name at once. The write has committed by then, so a failed
    /// re-read is not reported as a failed action: the index keeps what it had
    /// and is read again after the next change or when the file is reopened.
    pub fn act_register<T>(&self, f: impl FnOnce(&mut Db, &Staff) -> estate_core::Result<T>) -> Reply<T> {
        let done = self.act(f)?;
        self.with_open(|open| {
            if let Ok(mut index) = self.index.write()
                && let Some(index) = index.as_mut()
            {
                let _kept_on_error = index.refresh(open.db.conn());
            }
            Ok(())
        })?;
        Ok(done)
    }

    /// Like `act`, with the estate file's path (receipts are archived beside it).
    pub fn act_at<T>(&self, f: impl FnOnce(&mut Db, &Staff, &Path) -> estate_core::Result<T>) -> Reply<T> {
        let staff = self.signed_in()?;
        self.with_open(|open| f(&mut open.db, &staff, &open.path))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use estate_core::desk;
    use estate_core::register::{NewPerson, NewUnit, Role, UnitType, rules};
    use estate_core::staff::StaffRole;

    use super::*;

    #[test]
    fn the_search_box_finds_a_person_the_moment_they_are_registered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("estate.db");
        let mut db = Db::create(&path, "翠湖花园").unwrap();
        let boss = desk::create_first_supervisor(&mut db, "李主管", "desk-2026").unwrap();
        let the_desk = Desk::default();
        the_desk.set_open(db, &path).unwrap();
        the_desk.set_staff(Some(boss)).unwrap();
        let unit = NewUnit { code: rules::parse_unit_code("3-2-1502").unwrap(), unit_type: UnitType::Residence, area: Some(rules::parse_area("90").unwrap()), handover: None };
        the_desk.act_register(|db, staff| desk::add_unit(db, staff, &unit)).unwrap();
        assert!(the_desk.search("欧阳", 10).unwrap().is_empty());
        let person = NewPerson { name: "欧阳娜娜".into(), phones: vec!["13912345678".into()], id_number: None };
        let day = rules::parse_date("2026-11-23").unwrap();
        the_desk.act_register(|db, staff| desk::add_occupant(db, staff, "3-2-1502", &person, Role::Owner, day)).unwrap();
        for typed in ["欧阳", "oyn", "5678"] {
            let hits = the_desk.search(typed, 10).unwrap();
            assert_eq!(hits.first().map(|h| h.unit_code.as_str()), Some("3-2-1502"), "{typed}");
        }
        // A refused action leaves the index as it was and says why.
        let e = the_desk.act_register(|db, staff| desk::add_unit(db, staff, &unit)).unwrap_err();
        assert_eq!(e.code, "unit.exists");
    }

    #[test]
    fn a_clerk_restores_with_a_supervisors_approval_and_then_everyone_signs_in_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("estate.db");
        let mut db = Db::create(&path, "翠湖花园").unwrap();
        let boss = desk::create_first_supervisor(&mut db, "李主管", "desk-2026").unwrap();
        let clerk = desk::add_staff(&mut db, &boss, "王前台", StaffRole::Clerk, "qiantai-2026").unwrap();
        let made = desk::back_up_now(&db, &clerk).unwrap();
        let unit = NewUnit { code: rules::parse_unit_code("3-2-1502").unwrap(), unit_type: UnitType::Residence, area: Some(rules::parse_area("90").unwrap()), handover: None };
        desk::add_unit(&mut db, &boss, &unit).unwrap();
        let the_desk = Desk::default();
        the_desk.set_open(db, &path).unwrap();
        the_desk.set_staff(Some(clerk)).unwrap();
        assert_eq!(the_desk.search("3-2-1502", 10).unwrap().len(), 1);

        let from = Path::new(&made.backup.file);
        assert_eq!(the_desk.restore(from, None).unwrap_err().code, "staff.approval_needed");
        let wrong = Approval { name: "李主管".into(), password: "not-the-one".into() };
        assert_eq!(the_desk.restore(from, Some(&wrong)).unwrap_err().code, "staff.approver_bad_credentials");
        assert!(the_desk.staff().unwrap().is_some(), "a refused restore keeps the clerk signed in");
        assert_eq!(the_desk.search("3-2-1502", 10).unwrap().len(), 1, "and the file as it was");

        let ok = Approval { name: "李主管".into(), password: "desk-2026".into() };
        let restored = the_desk.restore(from, Some(&ok)).unwrap();
        assert_eq!((restored.restored_by.as_str(), restored.approved_by.as_deref()), ("王前台", Some("李主管")));
        assert!(the_desk.staff().unwrap().is_none(), "everyone signs in again to the restored file");
        the_desk.set_staff(Some(boss)).unwrap();
        assert!(the_desk.search("3-2-1502", 10).unwrap().is_empty(), "the restored file is in use, its index read again");
    }
}

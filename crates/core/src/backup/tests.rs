//! Backups and restores on real estate files in a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::*;
use crate::db::{Db, settings};
use crate::desk;
use crate::register::{NewUnit, UnitType, rules};
use crate::staff::{Approval, Staff};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

/// An estate file with a supervisor and one unit.
fn estate(dir: &Path) -> (Db, Staff, PathBuf) {
    let path = dir.join("翠湖花园.db");
    let mut db = Db::create(&path, "翠湖花园").unwrap();
    let boss = desk::create_first_supervisor(&mut db, "李主管", "desk-2026").unwrap();
    add_unit(&mut db, &boss, "1-1-101");
    (db, boss, path)
}

fn add_unit(db: &mut Db, boss: &Staff, code: &str) {
    let unit = NewUnit { code: rules::parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(rules::parse_area("90").unwrap()), handover: None };
    desk::add_unit(db, boss, &unit).unwrap();
}

fn units(conn: &Connection) -> Vec<String> {
    conn.prepare("SELECT code FROM units ORDER BY code").unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Overwrites the middle of a closed database file with noise: still SQLite, no longer whole.
fn corrupt(path: &Path) {
    let mut bytes = fs::read(path).unwrap();
    assert!(bytes.len() > 3 * 4096, "big enough to damage a page other than the header");
    let end = bytes.len() - 16;
    for b in &mut bytes[4096 + 16..end] {
        *b = 0x5A;
    }
    fs::write(path, bytes).unwrap();
}

#[test]
fn a_backup_goes_beside_the_estate_named_for_when_and_why_and_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _, path) = estate(dir.path());
    let made = back_up(db.conn(), Reason::OnDemand, at("2026-12-04 15:30:00")).unwrap();
    let folder = dir.path().join("backups");
    assert_eq!(made.folder, folder.display().to_string());
    assert_eq!(made.backup.name, "翠湖花园-20261204-153000-手动.db");
    assert_eq!((made.backup.taken_at.as_str(), made.backup.reason_label), ("2026-12-04 15:30:00", "手动"));
    // One self-contained file: no journal, WAL or half-written part beside it.
    assert_eq!(names_in(&folder), ["翠湖花园-20261204-153000-手动.db"]);
    let file = folder.join(&made.backup.name);
    assert_eq!(made.backup.bytes, fs::metadata(&file).unwrap().len());
    assert_eq!(inspect(&file), Found::Estate(crate::db::SCHEMA_VERSION));
    assert_eq!(units(&Connection::open(&file).unwrap()), ["1-1-101"]);
    // A second in the same second gets its own name; the list is newest first.
    back_up(db.conn(), Reason::OnDemand, at("2026-12-04 15:30:00")).unwrap();
    let listed: Vec<String> = list_for(db.conn()).unwrap().into_iter().map(|b| b.name).collect();
    assert_eq!(listed, ["翠湖花园-20261204-153000-手动-2.db", "翠湖花园-20261204-153000-手动.db"]);
    // Numbered across reasons, so the list keeps the order they were made in.
    back_up(db.conn(), Reason::DayClose, at("2026-12-04 15:30:00")).unwrap();
    assert_eq!(list(&folder, &path).unwrap()[0].name, "翠湖花园-20261204-153000-日结-3.db");
    // Clocks with fractions of a second are numbered the same way.
    let later_in_that_second = at("2026-12-04 15:30:00") + chrono::Duration::milliseconds(700);
    assert_eq!(back_up(db.conn(), Reason::OnDemand, later_in_that_second).unwrap().backup.name, "翠湖花园-20261204-153000-手动-4.db");
}

#[test]
fn the_folder_keeps_the_newest_generations_and_never_touches_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, boss, path) = estate(dir.path());
    let usb = dir.path().join("U盘");
    fs::create_dir(&usb).unwrap();
    let others = ["家庭相册.jpg", "别的小区-20200101-090000-日结.db", "翠湖花园.db", "翠湖花园-20200101-090000-照片.db"];
    for other in others {
        fs::write(usb.join(other), "不是我们的").unwrap();
    }
    desk::set_setting(&mut db, &boss, settings::BACKUP_FOLDER, usb.to_str().unwrap()).unwrap();
    desk::set_setting(&mut db, &boss, settings::BACKUP_KEEP, "3").unwrap();
    let mut pruned = Vec::new();
    for hour in 10..15 {
        pruned.extend(back_up(db.conn(), Reason::Scheduled, at(&format!("2026-12-04 {hour}:00:00"))).unwrap().pruned);
    }
    assert_eq!(pruned, ["翠湖花园-20261204-100000-定时.db", "翠湖花园-20261204-110000-定时.db"]);
    let mut want: Vec<String> = others.iter().map(|s| s.to_string()).collect();
    want.extend((12..15).map(|h| format!("翠湖花园-20261204-{h}0000-定时.db")));
    want.sort();
    assert_eq!(names_in(&usb), want);
    assert!(!dir.path().join("backups").exists(), "nothing went to the default folder");
    assert_eq!(list(&usb, &path).unwrap().len(), 3);
}

#[test]
fn a_chosen_folder_that_is_missing_is_refused_and_not_made() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, boss, _) = estate(dir.path());
    let usb = dir.path().join("media").join("U盘");
    desk::set_setting(&mut db, &boss, settings::BACKUP_FOLDER, usb.to_str().unwrap()).unwrap();
    let e = back_up(db.conn(), Reason::OnDemand, at("2026-12-04 15:30:00")).unwrap_err();
    assert_eq!((e.code(), e.is_input()), ("backup.folder_missing", true));
    assert!(e.to_string().contains(usb.to_str().unwrap()) && e.to_string().contains("U 盘"), "{e}");
    assert!(!usb.exists());
    assert_eq!(list_for(db.conn()).unwrap_err().code(), "backup.folder_missing");
}

#[test]
fn a_file_that_is_not_whole_is_found_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _, _) = estate(dir.path());
    let made = back_up(db.conn(), Reason::OnDemand, at("2026-12-04 15:30:00")).unwrap();
    let file = PathBuf::from(&made.backup.file);
    corrupt(&file);
    assert_eq!(inspect(&file), Found::Corrupt);
    let text = dir.path().join("notes.db");
    fs::write(&text, "这不是数据库".repeat(1000)).unwrap();
    assert_eq!(inspect(&text), Found::NotEstate);
    let empty_sqlite = dir.path().join("empty.db");
    Connection::open(&empty_sqlite).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    assert_eq!(inspect(&empty_sqlite), Found::NotEstate);
}

#[test]
fn a_restore_brings_back_the_backup_after_a_safety_backup_of_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, boss, path) = estate(dir.path());
    let made = back_up(db.conn(), Reason::OnDemand, at("2026-12-04 09:00:00")).unwrap();
    add_unit(&mut db, &boss, "1-1-102");
    drop(db);

    let (db, restored) = restore(&path, Path::new(&made.backup.file), "李主管", None).unwrap();
    assert_eq!(units(db.conn()), ["1-1-101"], "the data as at the backup");
    let kept = restored.safety.expect("a safety backup of the file replaced");
    assert_eq!((kept.reason, restored.version), (Reason::Restore, crate::db::SCHEMA_VERSION));
    let safety = Connection::open(&kept.file).unwrap();
    assert_eq!(units(&safety), ["1-1-101", "1-1-102"], "the safety backup holds what the restore replaced");
    let (actor, detail): (String, String) =
        db.conn().query_row("SELECT actor, detail FROM audit_log WHERE action = 'backup.restore'", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(actor, "李主管");
    assert!(detail.contains(&made.backup.name) && detail.contains(&kept.name), "{detail}");
    // The restored file is an ordinary estate again: it opens, and the backup itself is unchanged.
    drop(db);
    assert_eq!(units(Db::open(&path).unwrap().conn()), ["1-1-101"]);
    assert_eq!(inspect(Path::new(&made.backup.file)), Found::Estate(crate::db::SCHEMA_VERSION));
}

#[test]
fn a_restore_refuses_what_is_not_a_whole_estate_backup_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _, path) = estate(dir.path());
    let made = back_up(db.conn(), Reason::OnDemand, at("2026-12-04 09:00:00")).unwrap();
    drop(db);
    let text = dir.path().join("notes.db");
    fs::write(&text, "这不是数据库".repeat(1000)).unwrap();
    let broken = dir.path().join("broken.db");
    fs::copy(&made.backup.file, &broken).unwrap();
    corrupt(&broken);
    let newer = dir.path().join("newer.db");
    fs::copy(&made.backup.file, &newer).unwrap();
    Connection::open(&newer).unwrap().pragma_update(None, "user_version", crate::db::SCHEMA_VERSION + 1).unwrap();
    let cases = [
        (dir.path().join("missing.db"), "backup.not_found"),
        (text, "backup.not_estate"),
        (broken, "backup.corrupt"),
        (newer, "backup.too_new"),
        (path.clone(), "backup.same_file"),
    ];
    for (file, code) in cases {
        let e = restore(&path, &file, "李主管", None).err().unwrap();
        assert_eq!((e.code(), e.is_input()), (code, true), "{}", file.display());
        assert!(e.to_string().contains("没有恢复") || e.to_string().contains("找不到") || e.to_string().contains("不能用它恢复"), "{e}");
    }
    assert_eq!(names_in(&dir.path().join("backups")).len(), 1, "no safety backup for a refused restore");
    assert_eq!(units(Db::open(&path).unwrap().conn()), ["1-1-101"]);
}

#[test]
fn a_refused_live_file_is_restored_and_kept_as_found() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _, path) = estate(dir.path());
    let made = back_up(db.conn(), Reason::OnDemand, at("2026-12-04 09:00:00")).unwrap();
    drop(db);
    corrupt(&path);
    let found = fs::read(&path).unwrap();
    assert_eq!(Db::open(&path).err().unwrap().code(), "db.corrupt");

    let (db, restored) = restore(&path, Path::new(&made.backup.file), "李主管", None).unwrap();
    assert_eq!(units(db.conn()), ["1-1-101"]);
    assert_eq!(fs::read(restored.safety.unwrap().file).unwrap(), found, "the corrupt file is kept byte for byte");
}

#[test]
fn the_timer_backs_up_when_the_newest_backup_is_older_than_the_interval() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, boss, path) = estate(dir.path());
    let made = scheduled(&path, at("2026-12-04 09:00:00")).unwrap().expect("no backup yet: one is due");
    assert_eq!(made.backup.reason, Reason::Scheduled);
    assert!(scheduled(&path, at("2026-12-04 10:59:00")).unwrap().is_none(), "two hours by default");
    assert!(scheduled(&path, at("2026-12-04 11:00:00")).unwrap().is_some());
    desk::set_setting(&mut db, &boss, settings::BACKUP_INTERVAL_MINUTES, "0").unwrap();
    assert!(scheduled(&path, at("2026-12-05 11:00:00")).unwrap().is_none(), "0 turns the timer off");
    assert_eq!(list_for(db.conn()).unwrap().len(), 2);
}

#[test]
fn the_backup_settings_take_sensible_values_only() {
    for (key, bad) in [(settings::BACKUP_KEEP, "0"), (settings::BACKUP_KEEP, "1001"), (settings::BACKUP_KEEP, "三十"), (settings::BACKUP_INTERVAL_MINUTES, "1441"), (settings::BACKUP_INTERVAL_MINUTES, "-1")] {
        assert_eq!(settings::validate(key, bad).err().unwrap().code(), "settings.invalid", "{key} {bad}");
    }
    assert!(settings::validate(settings::BACKUP_FOLDER, &"盘".repeat(501)).is_err());
    assert_eq!(settings::validate(settings::BACKUP_FOLDER, " /media/u ").unwrap(), "/media/u");
    let db = Db::in_memory("x").unwrap();
    assert_eq!((settings::backup_keep(db.conn()).unwrap(), settings::backup_interval_minutes(db.conn()).unwrap()), (30, 120));
    assert_eq!(back_up(db.conn(), Reason::OnDemand, at("2026-12-04 09:00:00")).unwrap_err().code(), "backup.no_file");
}

#[test]
fn a_refused_estate_names_the_way_out_and_is_left_as_found() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _, path) = estate(dir.path());
    drop(db);
    Connection::open(&path).unwrap().pragma_update(None, "user_version", crate::db::SCHEMA_VERSION + 1).unwrap();
    let newer = fs::read(&path).unwrap();
    let e = Db::open(&path).err().unwrap();
    assert_eq!(e.code(), "db.too_new");
    assert_eq!(fs::read(&path).unwrap(), newer, "never changed");
    for way_out in ["estate restore", "从备份恢复", "升级程序"] {
        assert!(e.to_string().contains(way_out), "{e}");
    }
    Connection::open(&path).unwrap().pragma_update(None, "user_version", crate::db::SCHEMA_VERSION).unwrap();
    corrupt(&path);
    let broken = fs::read(&path).unwrap();
    let e = Db::open(&path).err().unwrap();
    assert_eq!(e.code(), "db.corrupt");
    assert_eq!(fs::read(&path).unwrap(), broken, "never repaired or recreated");
    for way_out in ["estate restore", "从备份恢复"] {
        assert!(e.to_string().contains(way_out), "{e}");
    }
    assert!(!dir.path().join("backups").exists(), "a refused file is not upgraded, so not backed up");
}

/// The restore's entry in the restored file's audit log: who, and the detail.
fn restore_entry(db: &Db) -> (String, serde_json::Value) {
    let (actor, detail): (String, String) = db
        .conn()
        .query_row("SELECT actor, detail FROM audit_log WHERE action = 'backup.restore' ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    (actor, serde_json::from_str(&detail).unwrap())
}

#[test]
fn a_clerk_backs_up_alone_and_restores_with_a_supervisor_on_the_spot() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, boss, path) = estate(dir.path());
    let clerk = desk::add_staff(&mut db, &boss, "王前台", crate::staff::StaffRole::Clerk, "desk-2026").unwrap();
    let finance = desk::add_staff(&mut db, &boss, "赵会计", crate::staff::StaffRole::Finance, "desk-2026").unwrap();
    let made = desk::back_up_now(&db, &clerk).unwrap();
    assert_eq!(made.backup.reason, Reason::OnDemand);
    let from = Path::new(&made.backup.file);
    let ok = Approval { name: "李主管".into(), password: "desk-2026".into() };
    let wrong = Approval { password: "not-the-one".into(), ..ok.clone() };

    let e = desk::restore(&mut db, &clerk, &path, from, None).err().unwrap();
    assert_eq!((e.code(), e.to_string().as_str()), ("staff.approval_needed", "从备份恢复需要主管授权。请主管当场输入自己的姓名和密码授权，或请主管登录后操作。"));
    assert_eq!(desk::restore(&mut db, &clerk, &path, from, Some(&wrong)).err().unwrap().code(), "staff.approver_bad_credentials");
    assert_eq!(desk::restore(&mut db, &finance, &path, from, Some(&ok)).err().unwrap().code(), "staff.forbidden");
    assert_eq!(list_for(db.conn()).unwrap().len(), 1, "a refused restore makes no safety backup");

    let (restored_db, restored) = desk::restore(&mut db, &clerk, &path, from, Some(&ok)).unwrap();
    assert_eq!(restored.safety.unwrap().reason, Reason::Restore);
    let (actor, detail) = restore_entry(&restored_db);
    assert_eq!((actor.as_str(), detail["approved_by"].as_str()), ("王前台", Some("李主管")), "both names are in the restored file's log");
    drop(restored_db);

    let mut db = Db::open(&path).unwrap();
    let (restored_db, _) = desk::restore(&mut db, &boss, &path, from, None).unwrap();
    let (actor, detail) = restore_entry(&restored_db);
    assert_eq!((actor.as_str(), detail.get("approved_by")), ("李主管", None), "a supervisor restores alone");
}

#[test]
fn a_backup_brought_to_a_new_computer_becomes_its_estate_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _, _) = estate(dir.path());
    let made = back_up(db.conn(), Reason::OnDemand, at("2026-12-04 09:00:00")).unwrap();
    let new_pc = dir.path().join("新电脑").join("estate.db");
    let (db, restored) = restore(&new_pc, Path::new(&made.backup.file), "李主管", None).unwrap();
    assert!(restored.safety.is_none(), "nothing was there to keep");
    assert_eq!(units(db.conn()), ["1-1-101"]);
    assert_eq!(estate_path(db.conn()).unwrap(), new_pc);
}

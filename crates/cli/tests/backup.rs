//! `estate backup` and `estate restore` through the built binary: the JSON
//! shapes, the aligned Chinese list, exit 2 for what the user can fix, and a
//! restore that brings back the data as it was at the backup.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Runs `estate --db DB ARGS`; returns (exit code, stdout, stderr).
fn estate(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_estate")).arg("--db").arg(db).args(args).env("ESTATE_OPERATOR", "李主管").output().unwrap();
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// With --json: (exit code, the one object printed).
fn json(db: &Path, args: &[&str]) -> (i32, Value) {
    let all: Vec<&str> = ["--json"].iter().chain(args).copied().collect();
    let (code, out, err) = estate(db, &all);
    (code, serde_json::from_str(out.trim()).unwrap_or_else(|_| panic!("not one JSON object: {out:?} {err:?}")))
}

fn ok(db: &Path, args: &[&str]) -> Value {
    let (code, v) = json(db, args);
    assert_eq!(code, 0, "{args:?}: {v}");
    v
}

fn unit_codes(db: &Path) -> Vec<String> {
    let v = ok(db, &["search", "1-1"]);
    let mut codes: Vec<String> = v["hits"].as_array().unwrap().iter().map(|h| h["unit_code"].as_str().unwrap().to_string()).collect();
    codes.sort();
    codes
}

#[test]
fn a_backup_is_made_listed_and_restored_with_a_safety_backup_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("翠湖花园.db");
    ok(&db, &["init", "--name", "翠湖花园"]);
    ok(&db, &["unit", "add", "1-1-101", "--area", "90"]);

    let (code, v) = json(&db, &["backup", "list"]);
    assert_eq!((code, v["backups"].as_array().unwrap().len()), (0, 0), "{v}");
    let made = ok(&db, &["backup"]);
    let file = made["backup"]["file"].as_str().unwrap().to_string();
    assert_eq!((made["backup"]["reason"].as_str(), made["backup"]["reason_label"].as_str()), (Some("on_demand"), Some("手动")), "{made}");
    assert_eq!(made["folder"].as_str().unwrap(), dir.path().join("backups").display().to_string());
    assert!(made["backup"]["name"].as_str().unwrap().starts_with("翠湖花园-") && file.ends_with("-手动.db") && made["backup"]["bytes"].as_u64().unwrap() > 0, "{made}");

    ok(&db, &["unit", "add", "1-1-102", "--area", "90"]);
    assert_eq!(unit_codes(&db), ["1-1-101", "1-1-102"]);
    let restored = ok(&db, &["restore", &file]);
    assert_eq!(unit_codes(&db), ["1-1-101"], "the data as at the backup");
    assert_eq!((restored["from"].as_str(), restored["safety"]["reason"].as_str()), (Some(file.as_str()), Some("restore")), "{restored}");
    assert!(Path::new(restored["safety"]["file"].as_str().unwrap()).is_file());
    let audit = ok(&db, &["audit", "verify"]);
    assert!(audit["first_broken"].is_null(), "the restored file's audit chain is whole, the restore appended to it: {audit}");

    // A backup brought to a new computer becomes its estate file.
    let new_pc = dir.path().join("新电脑").join("estate.db");
    let v = ok(&new_pc, &["restore", &file]);
    assert!(v["safety"].is_null(), "{v}");
    assert_eq!(unit_codes(&new_pc), ["1-1-101"]);

    let (code, text, _) = estate(&db, &["backup", "list"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].ends_with("里的备份：2 份"), "{text}");
    assert!(lines[2].starts_with("时间") && lines[2].contains("原因") && lines[2].contains("大小"), "{text}");
    assert!(lines[3].contains("恢复前") && lines[4].contains("手动") && lines[3].contains(" KB"), "newest first:\n{text}");
}

#[test]
fn a_backup_goes_to_the_folder_chosen_and_keeps_the_generations_set() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("estate.db");
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    std::fs::write(usb.join("相片.jpg"), "别人的文件").unwrap();
    ok(&db, &["init", "--name", "翠湖花园"]);
    ok(&db, &["settings", "set", "backup_keep", "2"]);
    for _ in 0..3 {
        ok(&db, &["backup", "--to", usb.to_str().unwrap()]);
    }
    let listed = ok(&db, &["backup", "list", "--dir", usb.to_str().unwrap()]);
    assert_eq!(listed["backups"].as_array().unwrap().len(), 2, "{listed}");
    assert!(usb.join("相片.jpg").is_file(), "only our own files are pruned");
    ok(&db, &["settings", "set", "backup_folder", usb.to_str().unwrap()]);
    assert_eq!(ok(&db, &["backup", "list"])["backups"].as_array().unwrap().len(), 2);
}

#[test]
fn the_daily_close_backs_the_estate_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("estate.db");
    ok(&db, &["init", "--name", "翠湖花园"]);
    ok(&db, &["unit", "add", "1-1-101", "--area", "90"]);
    ok(&db, &["pay", "1-1-101", "--amount", "10", "--method", "cash"]);
    let v = ok(&db, &["close", "day", "--cash-counted", "10"]);
    assert_eq!(v["close"]["takings"], "10.00", "the summary is still the top level: {v}");
    assert!(v["backup"]["made"]["backup"]["name"].as_str().unwrap().ends_with("-日结.db"), "{v}");
    assert!(v["backup"]["problem"].is_null(), "{v}");
    assert_eq!(ok(&db, &["backup", "list"])["backups"][0]["reason"], "day_close");
    // The close stands when the backup cannot be made; the text says so.
    ok(&db, &["settings", "set", "backup_folder", dir.path().join("unplugged").to_str().unwrap()]);
    ok(&db, &["pay", "1-1-101", "--amount", "5", "--method", "cash", "--operator", "前台小王"]);
    let (code, text, _) = estate(&db, &["close", "day", "--cash-counted", "5", "--operator", "前台小王"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("已日结") && text.contains("备份没有做成") && text.contains("unplugged"), "{text}");
}

#[test]
fn bad_backups_and_missing_folders_get_exit_2_and_a_chinese_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("estate.db");
    ok(&db, &["init", "--name", "翠湖花园"]);
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "这不是数据库".repeat(500)).unwrap();
    let missing = dir.path().join("no-such-folder");
    let cases: &[(&[&str], &str)] = &[
        (&["restore", text.to_str().unwrap()], "backup.not_estate"),
        (&["restore", "nowhere.db"], "backup.not_found"),
        (&["restore", db.to_str().unwrap()], "backup.same_file"),
        (&["backup", "--to", missing.to_str().unwrap()], "backup.folder_missing"),
        (&["backup", "list", "--dir", missing.to_str().unwrap()], "backup.folder_missing"),
        (&["settings", "set", "backup_keep", "0"], "settings.invalid"),
        (&["restore"], "cli.usage"),
    ];
    for (args, want) in cases {
        let (code, v) = json(&db, args);
        assert_eq!((code, v["code"].as_str()), (2, Some(*want)), "{args:?} → {v}");
    }
    let (code, _, err) = estate(&db, &["backup", "--to", missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("备份文件夹") && err.contains("不存在") && err.contains("U 盘"), "{err}");
    assert!(!missing.exists() && !dir.path().join("backups").exists(), "nothing made by a refusal");
}

#[test]
fn a_database_that_is_refused_at_start_can_still_be_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("estate.db");
    ok(&db, &["init", "--name", "翠湖花园"]);
    ok(&db, &["unit", "add", "1-1-101", "--area", "90"]);
    let file = ok(&db, &["backup"])["backup"]["file"].as_str().unwrap().to_string();
    // A newer program's file (user_version, bytes 60..64 of the header, set to 99):
    // refused with the way out, exit 1 (not the user's typing).
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(&db, bytes).unwrap();
    let (code, v) = json(&db, &["backup", "list"]);
    assert_eq!((code, v["code"].as_str()), (1, Some("db.too_new")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("estate restore"), "{v}");
    let restored = ok(&db, &["restore", &file]);
    assert!(restored["safety"]["name"].as_str().unwrap().contains("-恢复前"), "{restored}");
    assert_eq!(unit_codes(&db), ["1-1-101"]);
}

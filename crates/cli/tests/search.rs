//! `estate search` through the built binary: the JSON shape, the aligned
//! Chinese table, the limit, and a blank query.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn estate(db: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_estate")).arg("--db").arg(db).args(args).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stdout).into())
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let (code, text) = estate(db, &all);
    assert_eq!(code, 0, "{args:?}: {text}");
    serde_json::from_str(text.trim()).unwrap()
}

fn register(db: &Path) {
    json(db, &["init", "--name", "翠湖花园"]);
    for (unit, name, phone) in [("3-2-1502", "张三", "13800001234"), ("3-2-1501", "单丽", "13900005678")] {
        json(db, &["unit", "add", unit, "--area", "89.50"]);
        json(db, &["unit", "occupant", unit, "--name", name, "--phone", phone]);
    }
    json(db, &["vehicle", "add", "3-2-1502", "--plate", "京A12345"]);
}

#[test]
fn search_prints_hits_as_json_and_as_an_aligned_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("estate.db");
    register(&db);

    let v = json(&db, &["search", "zs"]);
    let hit = &v["hits"][0];
    assert_eq!(hit["title"], "3-2-1502 张三");
    assert_eq!(hit["detail"], "业主 · 138****1234 · 京A12345");
    assert_eq!(hit["kind"], "person");
    assert_eq!(hit["why"], "pinyin");

    assert_eq!(json(&db, &["search", "sl"])["hits"][0]["title"], "3-2-1501 单丽");
    assert_eq!(json(&db, &["search", "3栋2单元15"])["hits"].as_array().unwrap().len(), 2);
    assert_eq!(json(&db, &["search", "3-2-15", "--limit", "1"])["hits"].as_array().unwrap().len(), 1);
    assert_eq!(json(&db, &["search", "a12"])["hits"][0]["title"], "3-2-1502 京A12345");
    assert_eq!(json(&db, &["search", " "])["hits"], Value::Array(vec![]));

    let (code, text) = estate(&db, &["search", "3-2-15"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["类别", "名称", "详情", "匹配"]);
    assert!(lines[1].starts_with("房屋  3-2-1501 单丽"), "{text}");
    // The 详情 column starts at the same display column on every line.
    let col = |line: &str| unicode_col(line, "住宅");
    assert_eq!(col(lines[1]), col(lines[2]), "{text}");

    let (code, text) = estate(&db, &["search", "没有这个人"]);
    assert_eq!(code, 0);
    assert!(text.contains("没有找到“没有这个人”"), "{text}");
}

/// Display column (a hanzi is two) where `what` starts in `line`.
fn unicode_col(line: &str, what: &str) -> usize {
    let at = line.find(what).unwrap();
    line[..at].chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

//! What the `estate` contract tests share: a scratch estate driven through the
//! built binary, a messy register to import, PDF text read back, and running as
//! a signed-in member of staff. Each test file uses its own share of it.
#![allow(dead_code)] // each test file is its own crate and uses only part of this

use std::path::{Path, PathBuf};
use std::process::Command;

use rust_xlsxwriter::Workbook;
use serde_json::Value;

pub struct Estate {
    _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub dir: PathBuf,
}

impl Estate {
    pub fn new() -> Estate {
        let dir = tempfile::tempdir().unwrap();
        Estate { db: dir.path().join("estate.db"), dir: dir.path().to_path_buf(), _dir: dir }
    }

    /// Runs `estate --db … --json ARGS`; returns (exit code, the JSON object printed).
    pub fn json(&self, args: &[&str]) -> (i32, Value) {
        let out = Command::new(env!("CARGO_BIN_EXE_estate"))
            .arg("--db")
            .arg(&self.db)
            .arg("--json")
            .args(args)
            .env("ESTATE_OPERATOR", "前台小王")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let value = serde_json::from_str(text.trim()).unwrap_or_else(|_| panic!("not one JSON object: {text:?} {:?}", String::from_utf8_lossy(&out.stderr)));
        (out.status.code().unwrap(), value)
    }

    /// Runs without --json; returns (exit code, stdout, stderr).
    pub fn text(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_estate")).arg("--db").arg(&self.db).args(args).output().unwrap();
        (out.status.code().unwrap(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
    }
}

/// A register as offices keep them: a title and a note above the header, aliased
/// headers, numbers as text, room numbers as numbers, mixed date forms, two phones
/// in a cell, a blank row, and one bad row (a home with no area) at Excel row 7.
pub fn messy_register(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "翠湖花园业主花名册（2026年11月）").unwrap();
    ws.write(1, 0, "注：面积以房产证为准").unwrap();
    for (c, h) in ["楼号", "单元", "房间号", "类型", "面积", "姓名", "手机", "入住日期", "历史欠费"].iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    ws.write(3, 0, "3栋").unwrap();
    ws.write(3, 1, "2单元").unwrap();
    ws.write(3, 2, 1502).unwrap();
    ws.write(3, 3, "住宅").unwrap();
    ws.write(3, 4, "88.50㎡").unwrap();
    ws.write(3, 5, "张三").unwrap();
    ws.write(3, 6, "138 0000 0001/139-0000-0002").unwrap();
    ws.write(3, 7, "2019/5/1").unwrap();
    ws.write(3, 8, "1,234.50").unwrap();
    ws.write(4, 0, "3号楼").unwrap();
    ws.write(4, 1, 2).unwrap();
    ws.write(4, 2, "1501室").unwrap();
    ws.write(4, 3, "住宅").unwrap();
    ws.write(4, 4, 120.25).unwrap();
    ws.write(4, 5, "单丽").unwrap();
    ws.write(4, 6, "13800000003").unwrap();
    ws.write(4, 7, "2019.05.01").unwrap();
    // row 6 (index 5) is blank
    ws.write(6, 0, "3栋").unwrap();
    ws.write(6, 1, "2单元").unwrap();
    ws.write(6, 2, "1601").unwrap();
    ws.write(6, 3, "住宅").unwrap();
    ws.write(6, 5, "王五").unwrap();
    ws.write(6, 6, "13800000005").unwrap();
    wb.save(path).unwrap();
}

pub fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed: scripts/test.sh installs it");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into()
}

/// Runs `estate --json ARGS` with extra environment and text on stdin.
pub fn staff_cmd(e: &Estate, args: &[&str], env: &[(&str, &str)], stdin: &str) -> (i32, Value) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_estate"))
        .arg("--db")
        .arg(&e.db)
        .arg("--json")
        .args(args)
        .env_remove("ESTATE_PASSWORD")
        .env_remove("ESTATE_OPERATOR_PASSWORD")
        .env_remove("ESTATE_APPROVER")
        .env_remove("ESTATE_APPROVER_PASSWORD")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
}

/// Runs as `who` (`--operator`, password from ESTATE_PASSWORD) with any other environment given.
pub fn as_staff(e: &Estate, who: (&str, &str), args: &[&str], env: &[(&str, &str)]) -> (i32, Value) {
    let mut all = vec![("ESTATE_OPERATOR", who.0), ("ESTATE_PASSWORD", who.1)];
    all.extend_from_slice(env);
    staff_cmd(e, args, &all, "")
}

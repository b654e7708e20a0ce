//! Outputs read back as a person (or a search tool) would: a PDF's text with
//! poppler's `pdftotext -layout`, every cell of a workbook with calamine.
#![allow(dead_code, clippy::expect_used)] // each test file uses part; tools missing fail loudly

use std::path::Path;
use std::process::Command;

use calamine::{Reader, Xlsx, open_workbook};

pub fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext is required (apt-get install poppler-utils)");
    assert!(out.status.success(), "{path:?} is a PDF");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every cell of every sheet, as text, tab between cells and a line per row.
pub fn xlsx_text(path: &Path) -> String {
    let mut book: Xlsx<_> = open_workbook(path).expect("a workbook");
    let mut all = String::new();
    for name in book.sheet_names() {
        for row in book.worksheet_range(&name).expect("a sheet").rows() {
            for cell in row {
                all += &cell.to_string();
                all.push('\t');
            }
            all.push('\n');
        }
    }
    all
}

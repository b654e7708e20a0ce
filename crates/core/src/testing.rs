//! Helpers the unit tests share: days, amounts and the clock as tests write them.

use chrono::{FixedOffset, NaiveDate, TimeZone};

use crate::db::{Clock, Db};
use crate::money::Money;

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn yuan(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// Sets the database's clock to 09:00 (+08:00) on `date`: what is written next happens that day.
pub fn on(db: &mut Db, date: &str) {
    let t = day(date).and_hms_opt(9, 0, 0).unwrap();
    db.set_clock(Clock::Fixed(FixedOffset::east_opt(8 * 3600).unwrap().from_local_datetime(&t).unwrap()));
}

/// A PDF's text as pdftotext reads it (layout kept), and its first page's size in mm as pdfinfo reports it.
pub fn pdf_text(pdf: &[u8]) -> String {
    poppler("pdftotext", pdf, &["-layout"], &["-"])
}

pub fn pdf_page_mm(pdf: &[u8]) -> (f32, f32) {
    let info = poppler("pdfinfo", pdf, &[], &[]);
    let line = info.lines().find(|l| l.starts_with("Page size:")).unwrap_or_default();
    let pts: Vec<f32> = line.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    (pts[0] * 25.4 / 72.0, pts[1] * 25.4 / 72.0)
}

/// How many pages pdfinfo counts.
pub fn pdf_pages(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", pdf, &[], &[]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).unwrap_or(0)
}

fn poppler(tool: &str, pdf: &[u8], before: &[&str], after: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new(tool).args(before).arg(&path).args(after).output().expect("poppler-utils is needed");
    assert!(out.status.success(), "{tool} failed");
    String::from_utf8(out.stdout).unwrap()
}

/// A renovation application by `applicant` (an owner on the register) from `start` to `end`:
/// 美家装饰公司, one worker, walls only. For tests of the rooms that read renovations.
pub fn reno_application(applicant: &str, start: &str, end: &str) -> crate::reno::NewApplication {
    crate::reno::NewApplication {
        applicant: applicant.into(),
        authorisation: String::new(),
        contractor: "美家装饰公司".into(),
        foreman: "刘工".into(),
        foreman_phone: "13900001234".into(),
        workers: vec![crate::reno::NewWorker { name: "王师傅".into(), phone: String::new(), id_last4: "123x".into() }],
        scope: vec!["墙体".into()],
        planned_start: start.into(),
        planned_end: end.into(),
        attachments: String::new(),
    }
}

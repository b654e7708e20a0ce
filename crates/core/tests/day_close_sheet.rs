//! The handover sheet (日结交接单) of a closed day, read back with poppler's
//! `pdftotext` and `pdfinfo` (Debian: poppler-utils; without them the test fails).
//! Set DAY_CLOSE_PDF_OUT=/some/dir to keep the PDF for a look.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use std::process::Command;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use estate_core::close;
use estate_core::db::{Clock, Db};
use estate_core::fees::{self, Basis, Method, NewFee, NewPayment, Period};
use estate_core::register::{self, NewUnit, UnitType, rules};
use estate_core::Money;

fn at(db: &mut Db, date: &str, hour: u32) {
    let t = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap().and_hms_opt(hour, 0, 0).unwrap();
    db.set_clock(Clock::Fixed(FixedOffset::east_opt(8 * 3600).unwrap().from_local_datetime(&t).unwrap()));
}

fn tool(name: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new(name);
    cmd.args(args).arg(&path);
    if name == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("{name} is required (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_handover_sheet_of_a_closed_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::create(&dir.path().join("estate.db"), "翠湖花园").unwrap();
    at(&mut db, "2026-03-01", 9);
    let unit = |db: &mut Db, code: &str| {
        let new = NewUnit { code: rules::parse_unit_code(code).unwrap(), unit_type: UnitType::Residence, area: Some(rules::parse_area("100").unwrap()), handover: None };
        db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
    };
    let (a, b) = (unit(&mut db, "3-2-1502"), unit(&mut db, "3-2-1501"));
    db.write("测试", |tx| {
        fees::add_fee(tx, &NewFee { name: "物业服务费".into(), basis: Basis::Area, price: "2.5".parse().unwrap(), unit_type: None, cycle_months: 1 })?;
        fees::run_billing(tx, Period::new(2026, 3).unwrap(), Period::new(2026, 3).unwrap(), &mut |_, _| {})
    })
    .unwrap();
    let pay = |db: &mut Db, u: &register::Unit, yuan: &str, method| {
        let p = NewPayment { amount: Money::parse(yuan).unwrap(), method, payer: "王建国".into(), reference: String::new(), bills: vec![] };
        db.write("张丽", |tx| fees::pay(tx, u, &p)).unwrap().receipt_no
    };
    // The 9th: 200.00 cash from 3-2-1501, not voided until the 10th.
    at(&mut db, "2026-03-09", 10);
    let earlier = pay(&mut db, &b, "200", Method::Cash);
    // The 10th: 1,250.00 cash (250.00 物业服务费, 1,000.00 prepaid), 88.00 WeChat voided the same day.
    at(&mut db, "2026-03-10", 10);
    let first = pay(&mut db, &a, "1250", Method::Cash);
    let voided = pay(&mut db, &a, "88", Method::Wechat);
    db.write("主管", |tx| fees::void_receipt(tx, &voided, "金额输错")).unwrap();
    db.write("主管", |tx| fees::void_receipt(tx, &earlier, "重复收款")).unwrap();
    at(&mut db, "2026-03-10", 18);
    // Cash expected 1,250.00 − 200.00 = 1,050.00; counted 1,049.00.
    db.write("张丽", |tx| close::close_day(tx, "张丽", tx.today(), Money::parse("1049").unwrap(), "少收一元硬币")).unwrap();

    let day = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let pdf = close::handover_sheet(db.conn(), "张丽", day, "2026-03-10T18:05:00+08:00").unwrap();
    if let Ok(out) = std::env::var("DAY_CLOSE_PDF_OUT") {
        std::fs::write(std::path::Path::new(&out).join("handover-sheet.pdf"), &pdf).unwrap();
    }
    let info = tool("pdfinfo", &[], &pdf);
    assert!(info.lines().any(|l| l.split_whitespace().eq(["Pages:", "1"])), "one page: {info}");
    assert!(info.contains("595.276 x 841.89") || info.contains("595.28 x 841.89"), "A4 portrait: {info}");
    let text = tool("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf);
    let squeezed: String = text.split_whitespace().collect();
    for phrase in [
        "翠湖花园物业服务中心",
        "收款日结交接单",
        "收款人：张丽",
        "收款日期：2026-03-10",
        &format!("收据号：{first}至{voided}（共2张，作废1张）"),
        // By method: cash 1 receipt, 1,250.00 taken, 200.00 reversed, 1,050.00 left.
        "现金11,250.00-200.00（1笔）1,050.00",
        "微信00.000.00",
        "合计11,250.00-200.00（1笔）1,050.00",
        // By item.
        "物业服务费1250.00-200.00（1笔）50.00",
        "预存款11,000.00",
        // Voids.
        &format!("{voided}3-2-1502微信88.002026-03-10当日作废金额输错（主管）"),
        &format!("{earlier}3-2-1501现金200.002026-03-09冲回重复收款（主管）"),
        "1,050.001,049.00-1.00短款",
        "备注：少收一元硬币",
        "实收合计1,050.00元（壹仟零伍拾元整）",
        "交款人（收款员签字）：",
        "接收人（财务签字）：",
        "日期：",
        "打印于2026-03-1018:05",
    ] {
        assert!(squeezed.contains(phrase), "missing {phrase} in:\n{text}");
    }

    // A day not closed has no sheet yet.
    let e = close::handover_sheet(db.conn(), "张丽", day.succ_opt().unwrap(), "").unwrap_err();
    assert_eq!(e.code(), "close.not_closed");
}

//! The `estate meter` contract: meters added, read, replaced, imported,
//! checked and confirmed, the bill run refusing then billing once, 公摊
//! allocated to the fen, the sheets as PDF, refusals with exit 2 and a
//! Chinese message, and a clerk who reads but needs a supervisor to allocate.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use support::*;

fn estate() -> Estate {
    let e = Estate::new();
    e.json(&["init", "--name", "测试小区"]);
    for (unit, area) in [("1-1-101", "88.5"), ("1-1-102", "120.25"), ("1-1-103", "66")] {
        assert_eq!(e.json(&["unit", "add", unit, "--area", area]).0, 0);
    }
    e.json(&["unit", "occupant", "1-1-101", "--name", "张三", "--phone", "13800000001"]);
    for (name, price) in [("水费", "2.70"), ("公摊电费", "1.00")] {
        assert_eq!(e.json(&["fee", "add", "--name", name, "--basis", "quantity", "--price", price]).0, 0);
    }
    e
}

#[test]
fn readings_go_from_the_grid_to_the_bill_once() {
    let e = estate();
    for unit in ["1-1-101", "1-1-102", "1-1-103"] {
        let (code, v) = e.json(&["meter", "add", unit, "--kind", "水", "--start", "1000", "--period", "2026-11"]);
        assert_eq!((code, &v["fee"], &v["digits"]), (0, &"水费".into(), &5.into()), "{v}");
    }
    let (code, v) = e.json(&["meter", "fee", "水费", "--tiers", "50:2.70,80:3.55,:4.80"]);
    assert_eq!((code, &v["text"]), (0, &"50:2.70,80:3.55,:4.80".into()), "{v}");
    let (code, v) = e.json(&["meter", "read", "1-1-101", "1035", "--period", "2026-11"]);
    assert_eq!((code, &v["usage"], &v["last"]), (0, &"35".into(), &"1000".into()), "{v}");
    // 1-1-102: replaced in November, old final 1050, new from 0 reading 30: usage 80.
    let (code, v) = e.json(&["meter", "replace", "1-1-102", "--period", "2026-11", "--old-final", "1050", "--new-start", "0", "--serial", "W-2"]);
    assert_eq!((code, &v["serial"]), (0, &"W-2".into()), "{v}");
    let (code, v) = e.json(&["meter", "read", "1-1-102", "30", "--period", "2026-11"]);
    assert_eq!((code, &v["usage"], &v["swapped"]), (0, &"80".into(), &"50".into()), "{v}");
    // 1-1-103 not read: the check lists it, the bill run refuses naming it.
    let (code, v) = e.json(&["meter", "check", "--period", "2026-11"]);
    assert_eq!((code, &v["unconfirmed"], &v["anomalies"][0]["kind"], &v["anomalies"][0]["unit"]), (0, &1.into(), &"missing".into(), &"1-1-103".into()), "{v}");
    let (code, v) = e.json(&["bill", "run", "--period", "2026-11"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("meter.unconfirmed")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("1-1-103"), "{v}");
    let (code, v) = e.json(&["meter", "confirm", "1-1-103", "--period", "2026-11", "--anomaly", "missing", "--note", "空置"]);
    assert_eq!((code, &v["confirmed"]["note"]), (0, &"空置".into()), "{v}");
    let (code, v) = e.json(&["bill", "run", "--period", "2026-11"]);
    assert_eq!((code, &v["bills"], &v["total"]), (0, &2.into(), &"336.00".into()), "94.50 + 241.50: {v}");
    assert_eq!(e.json(&["bill", "run", "--period", "2026-11"]).1["bills"], 0);
    let (_, text, _) = e.text(&["balance", "1-1-102"]);
    assert!(text.contains("241.50"), "{text}");
    let (code, text, _) = e.text(&["meter", "list", "--period", "2026-11"]);
    assert!(code == 0 && text.contains("1-1-101 水表") && text.contains("未抄表（已确认）"), "{text}");
    let pdf = e.dir.join("抄表清单.pdf");
    let (code, v) = e.json(&["meter", "sheet", "--period", "2026-11", "--out", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    let text = pdftotext(&pdf);
    assert!(text.contains("抄表清单") && text.contains("1-1-102 水表") && text.contains("换表，旧表用量 50"), "{text}");
}

#[test]
fn shared_usage_is_allocated_and_billed_as_its_own_item() {
    let e = estate();
    let (code, v) = e.json(&["meter", "add", "--kind", "电", "--name", "1栋公共照明", "--building", "1", "--period", "2026-11"]);
    assert_eq!((code, &v["fee"]), (0, &"公摊电费".into()), "{v}");
    e.json(&["meter", "read", "1栋公共照明", "1000", "--period", "2026-11"]);
    let (code, v) = e.json(&["meter", "allocate", "1栋公共照明", "--period", "2026-11", "--basis", "household"]);
    let amounts: Vec<&str> = v["shares"].as_array().unwrap().iter().map(|s| s["amount"].as_str().unwrap()).collect();
    assert_eq!((code, amounts), (0, vec!["333.34", "333.33", "333.33"]), "{v}");
    let (code, v) = e.json(&["meter", "allocate", "1栋公共照明", "--period", "2026-11", "--basis", "area"]);
    let amounts: Vec<&str> = v["shares"].as_array().unwrap().iter().map(|s| s["amount"].as_str().unwrap()).collect();
    assert_eq!((code, amounts, &v["replaced"]), (0, vec!["322.11", "437.67", "240.22"], &true.into()), "{v}");
    let (code, v) = e.json(&["bill", "run", "--period", "2026-11"]);
    assert_eq!((code, &v["total"]), (0, &"1000.00".into()), "{v}");
    let pdf = e.dir.join("公摊.pdf");
    assert_eq!(e.json(&["meter", "sheet", "--allocations", "--period", "2026-11", "--out", pdf.to_str().unwrap()]).0, 0);
    let text = pdftotext(&pdf);
    assert!(text.contains("公摊分摊表") && text.contains("437.67") && text.contains("1,000.00"), "{text}");
}

#[test]
fn an_import_with_bad_rows_writes_nothing_and_exits_2() {
    let e = estate();
    for unit in ["1-1-101", "1-1-102"] {
        e.json(&["meter", "add", unit, "--kind", "水", "--period", "2026-11"]);
    }
    let csv = e.dir.join("抄表.csv");
    std::fs::write(&csv, "工程部抄表\n房号,表类,本月读数\n1-1-101,水,12\n1-1-102,水,abc\n").unwrap();
    let (code, v) = e.json(&["meter", "import", csv.to_str().unwrap(), "--period", "2026-11"]);
    assert_eq!((code, &v["written"], &v["errors"][0]["row"], &v["errors"][0]["column"]), (2, &0.into(), &4.into(), &"本月读数".into()), "{v}");
    assert_eq!(e.json(&["meter", "check", "--period", "2026-11"]).1["readings"], 0);
    let (code, v) = e.json(&["meter", "import", csv.to_str().unwrap(), "--period", "2026-11", "--skip-bad-rows"]);
    assert_eq!((code, &v["written"], &v["skipped"]), (0, &1.into(), &1.into()), "{v}");
}

#[test]
fn refusals_exit_2_with_a_code_and_a_chinese_message() {
    let e = estate();
    e.json(&["meter", "add", "1-1-101", "--kind", "水", "--period", "2026-11"]);
    let cases: [(&[&str], &str); 7] = [
        (&["meter", "add", "1-1-101", "--kind", "水"], "meter.exists"),
        (&["meter", "add", "1-1-102", "--kind", "煤"], "meter.bad_kind"),
        (&["meter", "read", "1-1-101", "-5", "--period", "2026-11"], "meter.bad_reading"),
        (&["meter", "read", "1-1-109", "5", "--period", "2026-11"], "unit.not_found"),
        (&["meter", "correct", "1-1-101", "5", "--period", "2026-11", "--reason", "x"], "meter.nothing_to_correct"),
        (&["meter", "allocate", "1-1-101", "--period", "2026-11"], "meter.not_shared"),
        (&["meter", "fee", "水费", "--tiers", "50:2.70"], "meter.bad_tiers"),
    ];
    for (args, want) in cases {
        let (code, v) = e.json(args);
        assert_eq!((code, v["code"].as_str()), (2, Some(want)), "{args:?}: {v}");
        assert!(v["message"].as_str().unwrap().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{v}");
    }
}

#[test]
fn a_clerk_reads_but_needs_a_supervisor_to_add_meters() {
    let e = estate();
    staff_cmd(&e, &["staff", "add", "李主管", "--role", "主管"], &[], "boss-2026\n");
    staff_cmd(&e, &["--operator", "李主管", "staff", "add", "王前台", "--role", "前台"], &[], "desk-2026\nboss-2026\n");
    let clerk = ("王前台", "desk-2026");
    let add = ["meter", "add", "1-1-101", "--kind", "水", "--period", "2026-11"];
    let (code, v) = as_staff(&e, clerk, &add, &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approval_needed")), "{v}");
    let mut approved = vec!["--approver", "李主管"];
    approved.extend(add);
    let (code, v) = as_staff(&e, clerk, &approved, &[("ESTATE_APPROVER_PASSWORD", "boss-2026")]);
    assert_eq!(code, 0, "{v}");
    let (code, v) = as_staff(&e, clerk, &["meter", "read", "1-1-101", "12", "--period", "2026-11"], &[]);
    assert_eq!((code, &v["usage"]), (0, &"12".into()), "{v}");
}

//! The `estate inspect` contract: the seeded checklists and their editing, a
//! weekly round with a fault that opens a work order (followed with `estate
//! order`), a vacant home's round, what is due, the refusals with exit 2 and a
//! Chinese message, and the round's sheet read back.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use support::*;

fn estate() -> Estate {
    let e = Estate::new();
    e.json(&["init", "--name", "测试小区"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["unit", "occupant", "1-1-101", "--name", "张三", "--phone", "13800000001"]);
    e.json(&["unit", "add", "1-1-102", "--area", "90"]);
    e
}

fn refused(e: &Estate, args: &[&str], code: &str) -> String {
    let (exit, v) = e.json(args);
    assert_eq!((exit, v["code"].as_str()), (2, Some(code)), "{args:?}: {v}");
    v["message"].as_str().unwrap().to_string()
}

#[test]
fn a_weekly_round_with_a_fault_opens_a_public_work_order() {
    let e = estate();
    let (code, v) = e.json(&["inspect", "items", "--checklist", "公共区域"]);
    assert_eq!((code, v["count"].as_i64()), (0, Some(8)), "{v}");
    assert_eq!(v["items"][6]["name"], "电梯");

    let (code, v) = e.json(&["inspect", "start", "--checklist", "公共区域", "--inspector", "巡检员老周"]);
    assert_eq!((code, &v["checklist"], v["items"].as_i64(), &v["status_label"]), (0, &"public".into(), Some(8), &"进行中".into()), "{v}");
    let no = v["round_no"].as_str().unwrap().to_string();
    assert!(no.starts_with("XJ") && no.ends_with("-001"), "{no}");

    let msg = refused(&e, &["inspect", "record", &no, "电梯", "--fault"], "inspect.fault_note");
    assert!(msg.contains("要写明情况"), "{msg}");
    refused(&e, &["inspect", "record", &no, "电梯"], "inspect.ok_or_fault");
    refused(&e, &["inspect", "record", &no, "电梯", "--ok", "--fault"], "inspect.ok_or_fault");
    let (code, v) = e.json(&["inspect", "record", &no, "电梯", "--fault", "--note", "2 号楼电梯按钮失灵"]);
    assert_eq!((code, v["faults"].as_i64()), (0, Some(1)), "{v}");
    refused(&e, &["inspect", "record", &no, "7", "--ok"], "inspect.answered");
    let msg = refused(&e, &["inspect", "finish", &no], "inspect.unanswered");
    assert!(msg.contains("还有 7 项没填") && msg.contains("楼道照明"), "{msg}");
    for n in ["1", "2", "3", "4", "5", "6", "绿化"] {
        let (code, v) = e.json(&["inspect", "record", &no, n, "--ok"]);
        assert_eq!(code, 0, "{n}: {v}");
    }
    let (code, text, _) = e.text(&["inspect", "finish", &no]);
    assert!(code == 0 && text.contains("巡检完成，异常 1 项") && text.contains("2 号楼电梯按钮失灵"), "{text}");
    refused(&e, &["inspect", "record", &no, "1", "--ok"], "inspect.finished");

    refused(&e, &["inspect", "order", &no, "绿化", "--category", "公共设施"], "inspect.ok_item");
    let (code, v) = e.json(&["inspect", "order", &no, "电梯", "--category", "公共设施"]);
    assert_eq!((code, &v["area"], &v["source"], v["source_ref"].as_str()), (0, &"public".into(), &"巡检".into(), Some(format!("{no}/7").as_str())), "{v}");
    let order = v["order_no"].as_str().unwrap().to_string();
    let msg = refused(&e, &["inspect", "order", &no, "7", "--category", "其他"], "inspect.order_exists");
    assert!(msg.contains(&order), "{msg}");

    // The work order lives on in the service desk.
    let (code, text, _) = e.text(&["order", "show", &order]);
    assert!(code == 0 && text.contains(&format!("巡检 {no}/7")) && text.contains("电梯") && text.contains("已报修"), "{text}");
    let (code, _) = e.json(&["order", "dispatch", &order, "--technician", "赵师傅"]);
    assert_eq!(code, 0);
    let (_, v) = e.json(&["inspect", "show", &no]);
    assert_eq!((&v["answers"][6]["order_no"], &v["answers"][6]["order_status_label"]), (&order.as_str().into(), &"已派工".into()), "{v}");

    let (code, v) = e.json(&["inspect", "list"]);
    assert_eq!((code, v["count"].as_i64(), v["rounds"][0]["orders"].as_i64()), (0, Some(1), Some(1)), "{v}");

    let out = e.dir.join("xj.pdf");
    let (code, v) = e.json(&["inspect", "pdf", &no, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    let text = pdftotext(&out);
    assert!(text.contains("每周公共区域巡检记录表") && text.contains("2 号楼电梯按钮失灵") && text.contains(&order), "{text}");
}

#[test]
fn a_vacant_home_is_inspected_once_a_month_and_a_lived_in_one_is_refused() {
    let e = estate();
    let (code, v) = e.json(&["inspect", "due"]);
    assert_eq!((code, v["count"].as_i64()), (0, Some(2)), "public areas and 1-1-102: {v}");
    assert_eq!((&v["due"][1]["unit"], &v["due"][1]["text"]), (&"1-1-102".into(), &"本月还没有空置房巡检（从未巡检）".into()), "{v}");

    let msg = refused(&e, &["inspect", "start", "--checklist", "空置房", "--unit", "1-1-101", "--inspector", "老周"], "inspect.not_vacant");
    assert!(msg.contains("现登记有住户（张三）"), "{msg}");
    refused(&e, &["inspect", "start", "--checklist", "空置房", "--inspector", "老周"], "inspect.unit_required");
    refused(&e, &["inspect", "start", "--checklist", "公共区域", "--unit", "1-1-102", "--inspector", "老周"], "inspect.unit_public");
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Duration::days(1)).to_string();
    refused(&e, &["inspect", "start", "--checklist", "公共区域", "--inspector", "老周", "--on", &tomorrow], "inspect.future_date");
    refused(&e, &["inspect", "start", "--checklist", "消防", "--inspector", "老周"], "inspect.bad_checklist");

    let (code, v) = e.json(&["inspect", "start", "--checklist", "空置房", "--unit", "1-1-102", "--inspector", "老周"]);
    assert_eq!((code, &v["unit"], v["items"].as_i64()), (0, &"1-1-102".into(), Some(4)), "{v}");
    let no = v["round_no"].as_str().unwrap().to_string();
    e.json(&["inspect", "record", &no, "渗漏", "--fault", "--note", "卫生间顶棚有水渍"]);
    for n in ["1", "2", "4"] {
        e.json(&["inspect", "record", &no, n, "--ok"]);
    }
    let (code, v) = e.json(&["inspect", "finish", &no]);
    assert_eq!(code, 0, "{v}");
    let (code, v) = e.json(&["inspect", "order", &no, "渗漏", "--category", "给排水"]);
    assert_eq!((code, &v["area"], &v["unit"], &v["location"]), (0, &"unit".into(), &"1-1-102".into(), &"1-1-102 渗漏".into()), "{v}");
    let (_, v) = e.json(&["inspect", "due"]);
    assert_eq!((v["count"].as_i64(), &v["due"][0]["checklist"]), (Some(1), &"public".into()), "{v}");
    let (_, v) = e.json(&["inspect", "list", "--unit", "1-1-102"]);
    assert_eq!(v["count"].as_i64(), Some(1), "{v}");
}

#[test]
fn a_supervisor_edits_the_checklist_and_new_rounds_follow_it() {
    let e = estate();
    let (code, v) = e.json(&["inspect", "item-add", "--checklist", "公共区域", "消防通道"]);
    assert_eq!((code, v["position"].as_i64()), (0, Some(9)), "{v}");
    refused(&e, &["inspect", "item-add", "--checklist", "公共区域", "电梯"], "inspect.item_exists");
    let (code, _) = e.json(&["inspect", "item-rename", "--checklist", "public", "楼道照明", "楼道及地库照明"]);
    assert_eq!(code, 0);
    let (code, v) = e.json(&["inspect", "item-retire", "--checklist", "公共区域", "游乐设施"]);
    assert_eq!((code, &v["retired"]), (0, &true.into()), "{v}");
    refused(&e, &["inspect", "item-retire", "--checklist", "公共区域", "游乐设施"], "inspect.item_not_found");
    let (code, v) = e.json(&["inspect", "item-move", "--checklist", "公共区域", "消防通道", "--to", "1"]);
    assert_eq!((code, &v["items"][0]["name"]), (0, &"消防通道".into()), "{v}");
    refused(&e, &["inspect", "item-move", "--checklist", "公共区域", "消防通道", "--to", "20"], "inspect.bad_position");
    let (_, v) = e.json(&["inspect", "items", "--checklist", "公共区域", "--all"]);
    assert_eq!((v["count"].as_i64(), &v["items"][8]["retired"]), (Some(9), &true.into()), "{v}");
    let (_, v) = e.json(&["inspect", "start", "--checklist", "公共区域", "--inspector", "老周"]);
    let names: Vec<&str> = v["answers"].as_array().unwrap().iter().map(|a| a["item"].as_str().unwrap()).collect();
    assert_eq!(names, ["消防通道", "楼道及地库照明", "清洁卫生", "路面铺装", "井盖", "单元门及对讲", "电梯", "绿化"]);
    let (code, text, _) = e.text(&["inspect", "items"]);
    assert!(code == 0 && text.contains("每周公共区域巡检（8 项在用）") && text.contains("每月空置房巡检（4 项在用）"), "{text}");
}

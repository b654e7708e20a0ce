//! The `estate request` and `estate order` contract: a complaint from the
//! phone call to its close and a repair from the request to its close through
//! the built binary, refusals with exit 2 and a Chinese message, phones masked,
//! the arrears link, the lists and the work order PDF.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use support::*;

fn estate() -> Estate {
    let e = Estate::new();
    e.json(&["init", "--name", "测试小区"]);
    e.json(&["unit", "add", "1-1-101", "--area", "100"]);
    e.json(&["unit", "occupant", "1-1-101", "--name", "张三", "--phone", "13800000001"]);
    e
}

fn tomorrow() -> String {
    (chrono::Local::now().date_naive() + chrono::Duration::days(1)).to_string()
}

#[test]
fn a_complaint_goes_from_the_phone_call_to_its_close() {
    let e = estate();
    let (code, v) = e.json(&["request", "add", "1-1-101", "--kind", "投诉", "--subject", "服务质量", "--urgency", "紧急", "--caller", "张三", "--phone", "13800000001", "--channel", "电话", "--content", "保洁两天没来"]);
    assert_eq!((code, &v["kind"], &v["subject"], &v["status"], &v["owner"]), (0, &"complaint".into(), &"service_quality".into(), &"recorded".into(), &"前台小王".into()), "{v}");
    let no = v["request_no"].as_str().unwrap().to_string();
    assert!(no.starts_with("TS") && no.ends_with("-001") && v["phone"] == "138****0001", "{v}");

    let (code, v) = e.json(&["request", "step", &no, "closed"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("service.close_without_reply")), "{v}");
    assert!(v["message"].as_str().unwrap().contains("还没有答复业主"), "{v}");
    let (code, v) = e.json(&["request", "step", &no, "回访", "--satisfied", "yes"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("service.visit_before_reply")), "{v}");
    let (code, v) = e.json(&["request", "step", &no, "定性", "--valid", "maybe"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("service.bad_choice")), "{v}");

    for args in [
        vec!["定性", "--valid", "yes"],
        vec!["investigated", "--note", "保洁员请假未安排顶班"],
        vec!["指派责任人", "--responsible", "保洁主管", "--deadline", &tomorrow()],
        vec!["proposed", "--note", "今天补做，安排顶班"],
        vec!["答复", "--how", "电话", "--note", "已安排今天下午补做"],
        vec!["回访", "--satisfied", "yes", "--note", "已打扫"],
        vec!["总结", "--note", "请假要安排顶班", "--lesson", "排班表每周检查"],
        vec!["关闭"],
    ] {
        let mut all = vec!["request", "step", no.as_str()];
        all.extend(args.iter().copied());
        let (code, v) = e.json(&all);
        assert_eq!(code, 0, "{all:?}: {v}");
    }
    let (code, v) = e.json(&["request", "show", &no]);
    assert_eq!((code, &v["status"], v["steps"].as_array().unwrap().len()), (0, &"closed".into(), 8), "{v}");
    let (code, text, _) = e.text(&["request", "show", &no]);
    assert!(code == 0 && text.contains("已关闭") && text.contains("138****0001") && !text.contains("13800000001"), "{text}");
    assert!(text.contains("责任人 保洁主管") && text.contains("电话答复"), "{text}");
}

#[test]
fn a_repair_goes_from_the_request_to_its_close_with_a_charge_and_a_printed_order() {
    let e = estate();
    let (_, v) = e.json(&["request", "add", "1-1-101", "--kind", "报修", "--caller", "张三", "--channel", "来访", "--content", "卫生间下水堵了"]);
    let req = v["request_no"].as_str().unwrap().to_string();
    assert!(req.starts_with("XQ"), "{v}");
    let (code, v) = e.json(&["order", "add", "--request", &req, "--area", "户内", "--category", "给排水", "--location", "卫生间"]);
    assert_eq!((code, &v["unit"], &v["description"], &v["status"]), (0, &"1-1-101".into(), &"卫生间下水堵了".into(), &"reported".into()), "{v}");
    let wx = v["order_no"].as_str().unwrap().to_string();
    let (code, v) = e.json(&["order", "visit", &wx, "--satisfied", "yes"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("service.not_done")), "{v}");
    assert_eq!(e.json(&["order", "dispatch", &wx, "--technician", "赵师傅"]).0, 0);
    assert_eq!(e.json(&["order", "arrive", &wx]).0, 0);
    let (code, v) = e.json(&["order", "done", &wx, "--materials", "疏通", "--charge", "50", "--method", "cash"]);
    assert_eq!((code, &v["charge"], &v["receipt_no"], &v["outstanding"]), (0, &"50.00".into(), &"SF0000001".into(), &"0.00".into()), "{v}");
    let (code, v) = e.json(&["order", "check", &wx]);
    assert_eq!((code, v["code"].as_str()), (2, Some("service.unit_has_no_check")), "{v}");
    assert_eq!(e.json(&["order", "visit", &wx, "--satisfied", "满意"]).0, 0);
    let (code, v) = e.json(&["order", "close", &wx]);
    assert_eq!((code, &v["status"]), (0, &"closed".into()), "{v}");

    let pdf = e.dir.join("wx.pdf");
    let (code, v) = e.json(&["order", "pdf", &wx, "--out", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    let text = pdftotext(&pdf);
    assert!(text.contains("工程维修单") && text.contains(&wx) && text.contains("赵师傅") && text.contains("50.00 元（已收，收据 SF0000001）"), "{text}");
    let (code, v) = e.json(&["order", "list", "--open"]);
    assert_eq!((code, &v["count"]), (0, &0.into()), "{v}");
    let (code, text, _) = e.text(&["order", "list"]);
    assert!(code == 0 && text.contains(&wx) && text.contains("已关闭"), "{text}");
}

#[test]
fn a_complaint_tied_to_the_arrears_is_marked_and_the_lists_filter() {
    let e = estate();
    let (_, v) = e.json(&["request", "add", "1-1-101", "--kind", "投诉", "--subject", "收费", "--caller", "张三", "--channel", "电话", "--content", "电梯坏了还收电梯费，不交了"]);
    let no = v["request_no"].as_str().unwrap().to_string();
    let (code, v) = e.json(&["request", "withhold", &no, "--note", "电梯修好前不交"]);
    assert_eq!((code, &v["withheld"]["note"]), (0, &"电梯修好前不交".into()), "{v}");
    let (code, v) = e.json(&["request", "withhold", &no]);
    assert_eq!((code, v["code"].as_str()), (2, Some("service.withholding_twice")), "{v}");
    // A public matter, and the list's filters.
    let (code, v) = e.json(&["request", "add", "--kind", "服务", "--caller", "保安老陈", "--channel", "员工转达", "--content", "2 栋门口路灯不亮"]);
    assert_eq!((code, &v["unit"]), (0, &"".into()), "{v}");
    let (code, v) = e.json(&["request", "list", "--kind", "投诉"]);
    assert_eq!((code, &v["count"], &v["requests"][0]["withholding"]), (0, &1.into(), &true.into()), "{v}");
    let (code, v) = e.json(&["request", "list", "--late"]);
    assert_eq!((code, &v["count"]), (0, &0.into()), "nothing late yet: {v}");
    let (code, text, _) = e.text(&["request", "list", "--open"]);
    assert!(code == 0 && text.contains("业户需求 2 件") && text.contains("拒缴") && text.contains("公共"), "{text}");
    let (code, v) = e.json(&["request", "add", "1-1-101", "--kind", "投诉", "--caller", "张三", "--channel", "电话", "--content", "x"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("service.no_subject")), "{v}");
    let (code, v) = e.json(&["request", "show", "TS20000101-001"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("service.not_found")), "{v}");
    let (code, v) = e.json(&["settings", "set", "service_response_hours", "8,2"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("settings.invalid")), "{v}");
    assert_eq!(e.json(&["settings", "set", "service_response_hours", "8,2,1"]).0, 0);
}

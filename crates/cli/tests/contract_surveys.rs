//! The `estate survey` contract: a survey defined, taken over by the next
//! half-year, answered, closed; every refusal coded with exit 2 and a Chinese
//! message; the results compared with the survey before; the summary PDF read
//! back; a clerk answers but needs a supervisor to define or close.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod support;
use support::*;

fn estate() -> Estate {
    let e = Estate::new();
    e.json(&["init", "--name", "测试小区"]);
    for u in ["1-1-101", "1-1-102", "2-1-101"] {
        e.json(&["unit", "add", u, "--area", "90"]);
    }
    e.json(&["unit", "occupant", "1-1-101", "--name", "张三", "--phone", "13800000001"]);
    e
}

fn refused(e: &Estate, args: &[&str], code: &str) -> String {
    let (exit, v) = e.json(args);
    assert_eq!((exit, v["code"].as_str()), (2, Some(code)), "{args:?}: {v}");
    v["message"].as_str().unwrap().to_string()
}

#[test]
fn a_survey_is_defined_answered_closed_and_compared_with_the_one_before() {
    let e = estate();
    let (code, v) = e.json(&["survey", "add", "2026年上半年满意度调查", "--period", "2026年上半年"]);
    assert_eq!((code, &v["period"], &v["period_label"]), (0, &"2026-H1".into(), &"2026年上半年".into()), "{v}");
    let first = v["id"].to_string();
    e.json(&["survey", "question", &first, "--score", "客服服务态度"]);
    e.json(&["survey", "question", &first, "--score", "保洁"]);
    let (code, v) = e.json(&["survey", "question", &first, "--comment", "其他意见"]);
    assert_eq!((code, v["questions"].as_array().unwrap().len(), &v["questions"][2]["kind"]), (0, 3, &"comment".into()), "{v}");
    let (code, v) = e.json(&["survey", "answer", &first, "1-1-101", "--score", "4,3", "--respondent", "张三"]);
    assert_eq!((code, &v["unit"], &v["visited_by"], v["replies"].as_array().unwrap().len()), (0, &"1-1-101".into(), &"前台小王".into(), 2), "{v}");
    let (code, v) = e.json(&["survey", "close", "2026-H1"]);
    assert_eq!((code, &v["closed_by"], &v["answers"]), (0, &"前台小王".into(), &1.into()), "{v}");

    let (code, v) = e.json(&["survey", "add", "2026年下半年满意度调查", "--period", "2026-H2", "--opened", "2026-07-01", "--copy-last"]);
    assert_eq!((code, v["questions"].as_array().unwrap().len()), (0, 3), "the questions are taken over: {v}");
    let second = v["id"].to_string();
    e.json(&["survey", "question", &second, "--score", "停车管理"]);
    let (code, _) = e.json(&["survey", "answer", &second, "1-1-101", "--score", "5,4,3", "--comment", "电梯有异响", "--by", "赵客服", "--on", "2026-07-02"]);
    assert_eq!(code, 0);
    e.json(&["survey", "answer", &second, "2-1-101", "--score", "5，5，2"]);

    let (code, v) = e.json(&["survey", "results", &second]);
    assert_eq!(code, 0, "{v}");
    assert_eq!((&v["previous"]["name"], &v["overall"]["visited"], &v["overall"]["units"], &v["overall"]["coverage"]), (&"2026年上半年满意度调查".into(), &2.into(), &3.into(), &"66.67".into()), "{v}");
    let q = &v["questions"];
    assert_eq!((&q[0]["average"], &q[0]["satisfaction_rate"], &q[0]["average_change"], &q[0]["rate_change"]), (&"5.00".into(), &"100.00".into(), &"1.00".into(), &"0.00".into()), "{q}");
    assert_eq!((&q[3]["text"], &q[3]["in_previous"], &q[3]["average_change"]), (&"停车管理".into(), &false.into(), &serde_json::Value::Null), "{q}");
    let (code, text, _) = e.text(&["survey", "results", &second]);
    assert!(code == 0 && text.contains("+1.00") && text.contains("新题") && text.contains("电梯有异响") && text.contains("1栋"), "{text}");
    assert!(!text.contains("张三"), "{text}");

    let pdf = e.dir.join("survey.pdf");
    let (code, v) = e.json(&["survey", "pdf", &second, "--out", pdf.to_str().unwrap()]);
    assert_eq!((code, &v["survey"]), (0, &"2026年下半年满意度调查".into()), "{v}");
    let text = pdftotext(&pdf);
    for want in ["业主满意度调查汇总", "2026年下半年", "客服服务态度", "+1.00", "停车管理", "新题", "1-1-101", "电梯有异响"] {
        assert!(text.contains(want), "missing {want}:\n{text}");
    }
    let (code, v) = e.json(&["survey", "list"]);
    assert_eq!((code, &v["count"], &v["surveys"][0]["period"]), (0, &2.into(), &"2026-H2".into()), "{v}");
    let (code, text, _) = e.text(&["survey", "show", "2026年下半年"]);
    assert!(code == 0 && text.contains("评分题") && text.contains("停车管理"), "{text}");
}

#[test]
fn each_refusal_is_coded_and_says_what_to_do() {
    let e = estate();
    let msg = refused(&e, &["survey", "add", "首次", "--period", "2026-H1", "--copy-last"], "survey.nothing_to_copy");
    assert!(msg.contains("没有题目可以沿用"), "{msg}");
    refused(&e, &["survey", "add", "x", "--period", "2026年第三季度"], "survey.bad_period");
    e.json(&["survey", "add", "下半年", "--period", "2026-H2"]);
    refused(&e, &["survey", "add", "又一个", "--period", "2026下半年"], "survey.period_taken");
    refused(&e, &["survey", "answer", "1", "1-1-101", "--score", "5"], "survey.no_questions");
    e.json(&["survey", "question", "1", "--score", "客服"]);
    e.json(&["survey", "question", "1", "--score", "保洁"]);
    let msg = refused(&e, &["survey", "answer", "1", "1-1-101", "--score", "5,6"], "survey.bad_score");
    assert!(msg.contains("1 到 5 分"), "{msg}");
    refused(&e, &["survey", "answer", "1", "1-1-101", "--score", "5"], "survey.score_count");
    refused(&e, &["survey", "answer", "1", "9-9-999", "--score", "5,5"], "unit.not_found");
    refused(&e, &["survey", "answer", "9", "1-1-101", "--score", "5,5"], "survey.not_found");
    e.json(&["survey", "answer", "1", "1-1-101", "--score", "5,5"]);
    let msg = refused(&e, &["survey", "answer", "1", "1-1-101", "--score", "1,1"], "survey.answered");
    assert!(msg.contains("每户每次调查只收一份"), "{msg}");
    refused(&e, &["survey", "question", "1", "--score", "绿化"], "survey.questions_locked");
    let (code, v) = e.json(&["survey", "question", "1"]);
    assert_eq!((code, v["code"].as_str()), (2, Some("cli.usage")), "--score or --comment is required: {v}");
    e.json(&["survey", "close", "1"]);
    refused(&e, &["survey", "answer", "1", "1-1-102", "--score", "5,5"], "survey.closed");
    refused(&e, &["survey", "close", "1"], "survey.already_closed");
    let (_, v) = e.json(&["survey", "results", "1"]);
    assert_eq!(v["overall"]["visited"], 1, "nothing refused was written: {v}");
}

#[test]
fn a_clerk_enters_answers_and_needs_a_supervisor_to_define_or_close() {
    let e = estate();
    staff_cmd(&e, &["staff", "add", "李主管", "--role", "主管"], &[], "boss-2026\n");
    staff_cmd(&e, &["--operator", "李主管", "staff", "add", "王前台", "--role", "前台"], &[], "desk-2026\nboss-2026\n");
    let (clerk, boss) = (("王前台", "desk-2026"), ("李主管", "boss-2026"));
    let (code, v) = as_staff(&e, clerk, &["survey", "add", "下半年", "--period", "2026-H2"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approval_needed")), "{v}");
    let (code, v) = as_staff(&e, clerk, &["--approver", "李主管", "survey", "add", "下半年", "--period", "2026-H2"], &[("ESTATE_APPROVER_PASSWORD", "boss-2026")]);
    assert_eq!(code, 0, "{v}");
    as_staff(&e, boss, &["survey", "question", "1", "--score", "客服"], &[]);
    let (code, v) = as_staff(&e, clerk, &["survey", "answer", "1", "1-1-101", "--score", "4"], &[]);
    assert_eq!((code, &v["operator"]), (0, &"王前台".into()), "{v}");
    let (code, v) = as_staff(&e, clerk, &["survey", "close", "1"], &[]);
    assert_eq!((code, v["code"].as_str()), (2, Some("staff.approval_needed")), "{v}");
    let (code, v) = as_staff(&e, boss, &["survey", "close", "1"], &[]);
    assert_eq!((code, &v["closed_by"]), (0, &"李主管".into()), "{v}");
}

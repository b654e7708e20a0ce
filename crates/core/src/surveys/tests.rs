//! Surveys on a real (in-memory) database with the clock fixed: defining one,
//! every refusal, the results compared with the survey before, the PDF read
//! back and the month's sheet read back with calamine.

use calamine::{Data, Reader, Xlsx};

use super::*;
use crate::db::Db;
use crate::docs::xlsx::Book;
use crate::fees::Period;
use crate::register::{self, NewUnit, UnitType, rules as reg_rules};
use crate::testing::{on, pdf_text};

fn unit(db: &mut Db, code: &str, unit_type: UnitType) -> Unit {
    let area = (unit_type == UnitType::Residence).then(|| reg_rules::parse_area("90").unwrap());
    let new = NewUnit { code: reg_rules::parse_unit_code(code).unwrap(), unit_type, area, handover: None };
    db.write("测试", |tx| register::add_unit(tx, &new)).unwrap()
}

/// Building 1: three homes and a parking space; building 2: two homes.
fn estate() -> (Db, Vec<Unit>) {
    let mut db = Db::in_memory("翠湖花园").unwrap();
    on(&mut db, "2026-05-01");
    let units = ["1-1-101", "1-1-102", "1-1-201", "2-1-101", "2-1-102"].iter().map(|c| unit(&mut db, c, UnitType::Residence)).collect();
    unit(&mut db, "1-9-901", UnitType::Parking);
    (db, units)
}

fn new_survey(name: &str, period: &str, copy_last: bool) -> NewSurvey {
    NewSurvey { name: name.into(), period: period.into(), opened_on: String::new(), copy_last }
}

fn sheet(scores: &[i64], comments: &[&str]) -> NewAnswer {
    NewAnswer { respondent: "张三".into(), visited_on: String::new(), visited_by: String::new(), scores: scores.to_vec(), comments: comments.iter().map(|c| c.to_string()).collect() }
}

fn code(e: crate::Error) -> &'static str {
    e.code()
}

/// The first-half survey with three questions (two scored), answered by three units and closed.
fn first_half(db: &mut Db, units: &[Unit]) -> i64 {
    let s = db.write("李主管", |tx| add(tx, &new_survey("2026年上半年满意度调查", "2026年上半年", false))).unwrap();
    for (kind, text) in [(QuestionKind::Score, "客服服务态度"), (QuestionKind::Score, "保洁"), (QuestionKind::Comment, "其他意见")] {
        db.write("李主管", |tx| add_question(tx, s.id, kind, text)).unwrap();
    }
    on(db, "2026-06-10");
    for (u, scores) in units.iter().zip([[5, 3], [4, 2], [3, 4]]) {
        db.write("王前台", |tx| answer(tx, s.id, u, &sheet(&scores, &[]))).unwrap();
    }
    db.write("李主管", |tx| close(tx, s.id, "")).unwrap();
    s.id
}

#[test]
fn a_survey_is_defined_answered_and_closed_and_each_write_is_audited() {
    let (mut db, units) = estate();
    let s = db.write("李主管", |tx| add(tx, &new_survey("2026年下半年满意度调查", "2026下半年", false))).unwrap();
    assert_eq!((s.period.as_str(), s.period_label.as_str(), s.opened_on.as_str(), s.locked), ("2026-H2", "2026年下半年", "2026-05-01", false));
    let s = db.write("李主管", |tx| add_question(tx, s.id, QuestionKind::Score, "  客服服务态度 ")).unwrap();
    let s = db.write("李主管", |tx| add_question(tx, s.id, QuestionKind::Comment, "意见和建议")).unwrap();
    let s = db.write("李主管", |tx| add_question(tx, s.id, QuestionKind::Score, "维修及时")).unwrap();
    let order: Vec<(i64, &str, QuestionKind)> = s.questions.iter().map(|q| (q.position, q.text.as_str(), q.kind)).collect();
    assert_eq!(order, [(1, "客服服务态度", QuestionKind::Score), (2, "意见和建议", QuestionKind::Comment), (3, "维修及时", QuestionKind::Score)]);
    on(&mut db, "2026-11-23");
    let a = db
        .write("王前台", |tx| answer(tx, s.id, &units[0], &NewAnswer { visited_on: "2026-11-20".into(), visited_by: "赵客服".into(), ..sheet(&[5, 4], &["电梯有异响"]) }))
        .unwrap();
    assert_eq!((a.unit.as_str(), a.visited_on.as_str(), a.visited_by.as_str(), a.operator.as_str(), a.respondent.as_str()), ("1-1-101", "2026-11-20", "赵客服", "王前台", "张三"));
    let replies: Vec<(Option<i64>, Option<&str>)> = a.replies.iter().map(|r| (r.score, r.comment.as_deref())).collect();
    assert_eq!(replies, [(Some(5), None), (None, Some("电梯有异响")), (Some(4), None)]);
    // A blank visitor is the clerk entering the sheet; a blank comment is not stored.
    let b = db.write("王前台", |tx| answer(tx, s.id, &units[1], &sheet(&[3, 3], &["  "]))).unwrap();
    assert_eq!((b.visited_by.as_str(), b.visited_on.as_str(), b.replies.len()), ("王前台", "2026-11-23", 2));
    let s = db.write("李主管", |tx| close(tx, s.id, "")).unwrap();
    assert_eq!((s.closed_on.as_deref(), s.closed_by.as_deref(), s.answers, s.locked), (Some("2026-11-23"), Some("李主管"), 2, true));
    let actions: Vec<String> = db.conn().prepare("SELECT action FROM audit_log WHERE action LIKE 'survey.%' ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
    assert_eq!(actions, ["survey.add", "survey.question", "survey.question", "survey.question", "survey.answer", "survey.answer", "survey.close"]);
    let detail: String = db.conn().query_row("SELECT detail FROM audit_log WHERE action = 'survey.answer' LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(!detail.contains("张三"), "no respondent name in the audit log: {detail}");
    assert_eq!(find(db.conn(), "2026-H2").unwrap(), s.id);
    assert_eq!(find(db.conn(), "2026年下半年满意度调查").unwrap(), s.id);
    assert_eq!(find(db.conn(), &format!("#{}", s.id)).unwrap(), s.id);
    assert_eq!(code(find(db.conn(), "2030-H1").unwrap_err()), "survey.not_found");
}

#[test]
fn every_refusal_is_coded_and_writes_nothing() {
    let (mut db, units) = estate();
    let s = db.write("李主管", |tx| add(tx, &new_survey("下半年调查", "2026-H2", false))).unwrap();
    let refused = |db: &mut Db, f: &dyn Fn(&mut crate::db::Tx) -> Result<()>| code(db.write("王前台", |tx| f(tx)).unwrap_err());
    assert_eq!(refused(&mut db, &|tx| add(tx, &new_survey("另一个", "2026年下半年", false)).map(|_| ())), "survey.period_taken");
    assert_eq!(refused(&mut db, &|tx| add(tx, &new_survey("下半年调查", "2027-H1", false)).map(|_| ())), "survey.name_taken");
    assert_eq!(refused(&mut db, &|tx| add(tx, &new_survey("x", "2026年第三季度", false)).map(|_| ())), "survey.bad_period");
    assert_eq!(refused(&mut db, &|tx| add(tx, &new_survey(" ", "2027-H1", false)).map(|_| ())), "survey.required");
    assert_eq!(refused(&mut db, &|tx| add(tx, &new_survey("首次", "2025-H1", true)).map(|_| ())), "survey.nothing_to_copy");
    assert_eq!(refused(&mut db, &|tx| add(tx, &NewSurvey { opened_on: "2026-12-01".into(), ..new_survey("x", "2027-H1", false) }).map(|_| ())), "survey.future_date");
    // No score question yet: nothing to answer.
    assert_eq!(refused(&mut db, &|tx| answer(tx, s.id, &units[0], &sheet(&[5], &[])).map(|_| ())), "survey.no_questions");
    db.write("李主管", |tx| add_question(tx, s.id, QuestionKind::Score, "客服")).unwrap();
    db.write("李主管", |tx| add_question(tx, s.id, QuestionKind::Score, "保洁")).unwrap();
    db.write("李主管", |tx| add_question(tx, s.id, QuestionKind::Comment, "意见")).unwrap();
    assert_eq!(refused(&mut db, &|tx| add_question(tx, s.id, QuestionKind::Score, "客服").map(|_| ())), "survey.question_twice");
    assert_eq!(refused(&mut db, &|tx| add_question(tx, s.id, QuestionKind::Score, &"很".repeat(101)).map(|_| ())), "survey.too_long");
    let bad = db.write("王前台", |tx| answer(tx, s.id, &units[0], &sheet(&[5, 6], &[]))).unwrap_err();
    assert_eq!((bad.code(), bad.to_string().contains("1 到 5 分")), ("survey.bad_score", true));
    assert_eq!(refused(&mut db, &|tx| answer(tx, s.id, &units[0], &sheet(&[5, 0], &[])).map(|_| ())), "survey.bad_score");
    assert_eq!(refused(&mut db, &|tx| answer(tx, s.id, &units[0], &sheet(&[5], &[])).map(|_| ())), "survey.score_count");
    assert_eq!(refused(&mut db, &|tx| answer(tx, s.id, &units[0], &sheet(&[5, 4], &["a", "b"])).map(|_| ())), "survey.comment_count");
    assert_eq!(refused(&mut db, &|tx| answer(tx, s.id, &units[0], &NewAnswer { visited_on: "2026-04-30".into(), ..sheet(&[5, 4], &[]) }).map(|_| ())), "survey.before_opened");
    assert_eq!(refused(&mut db, &|tx| answer(tx, s.id, &units[0], &NewAnswer { visited_on: "明天".into(), ..sheet(&[5, 4], &[]) }).map(|_| ())), "survey.bad_date");
    let none: i64 = db.conn().query_row("SELECT COUNT(*) FROM survey_answers", [], |r| r.get(0)).unwrap();
    assert_eq!(none, 0, "no refused sheet was half-written");
    db.write("王前台", |tx| answer(tx, s.id, &units[0], &sheet(&[5, 4], &[]))).unwrap();
    let twice = db.write("王前台", |tx| answer(tx, s.id, &units[0], &sheet(&[1, 1], &[]))).unwrap_err();
    assert_eq!(twice.code(), "survey.answered");
    assert!(twice.to_string().contains("1-1-101 已经交过") && twice.to_string().contains("每户每次调查只收一份"), "{twice}");
    let locked = db.write("李主管", |tx| add_question(tx, s.id, QuestionKind::Score, "绿化")).unwrap_err();
    assert_eq!((locked.code(), locked.to_string().contains("题目不能再改")), ("survey.questions_locked", true));
    db.write("李主管", |tx| close(tx, s.id, "")).unwrap();
    assert_eq!(refused(&mut db, &|tx| answer(tx, s.id, &units[1], &sheet(&[5, 4], &[])).map(|_| ())), "survey.closed");
    assert_eq!(refused(&mut db, &|tx| close(tx, s.id, "").map(|_| ())), "survey.already_closed");
    assert_eq!(refused(&mut db, &|tx| add_question(tx, s.id, QuestionKind::Score, "绿化").map(|_| ())), "survey.closed");
}

#[test]
fn the_database_itself_refuses_what_the_rules_refuse() {
    let (mut db, units) = estate();
    let id = first_half(&mut db, &units);
    let c = db.conn();
    let q: i64 = c.query_row("SELECT id FROM survey_questions WHERE survey_id = ?1 AND kind = 'score' LIMIT 1", [id], |r| r.get(0)).unwrap();
    for sql in [
        format!("INSERT INTO survey_questions (survey_id, position, kind, text, at, operator) VALUES ({id}, 9, 'score', '新题', 'x', 'x')"),
        format!("INSERT INTO survey_answers (survey_id, unit_id, visited_on, visited_by, at, operator) VALUES ({id}, {}, '2026-06-11', 'x', 'x', 'x')", units[4].id),
        format!("UPDATE survey_replies SET score = 5 WHERE question_id = {q}"),
        format!("DELETE FROM survey_answers WHERE survey_id = {id}"),
        format!("UPDATE surveys SET closed_on = NULL, closed_by = NULL WHERE id = {id}"),
    ] {
        assert!(c.execute(&sql, []).is_err(), "{sql}");
    }
    let open = db.write("李主管", |tx| add(tx, &new_survey("下半年", "2026-H2", true))).unwrap();
    let a: i64 = db.conn().query_row("SELECT id FROM survey_answers LIMIT 1", [], |r| r.get(0)).unwrap();
    let q2: i64 = db.conn().query_row("SELECT id FROM survey_questions WHERE survey_id = ?1 AND kind = 'score' LIMIT 1", [open.id], |r| r.get(0)).unwrap();
    // A reply to another survey's question, and a score on a comment question, are refused too.
    assert!(db.conn().execute(&format!("INSERT INTO survey_replies (answer_id, question_id, score) VALUES ({a}, {q2}, 4)"), []).is_err());
    let b = db.write("王前台", |tx| answer(tx, open.id, &units[4], &sheet(&[5, 5], &[]))).unwrap();
    let comment_q: i64 = db.conn().query_row("SELECT id FROM survey_questions WHERE survey_id = ?1 AND kind = 'comment'", [open.id], |r| r.get(0)).unwrap();
    assert!(db.conn().execute(&format!("INSERT INTO survey_replies (answer_id, question_id, score) VALUES ({}, {comment_q}, 4)", b.id), []).is_err());
    assert!(db.conn().execute(&format!("INSERT INTO survey_replies (answer_id, question_id, comment) VALUES ({}, {comment_q}, '好')", b.id), []).is_ok());
}

#[test]
fn results_by_question_and_building_compare_with_the_survey_before() {
    let (mut db, units) = estate();
    first_half(&mut db, &units);
    // The second half takes over the questions, adds one, and three units (two buildings) answer.
    let s = db.write("李主管", |tx| add(tx, &new_survey("2026年下半年满意度调查", "2026-H2", true))).unwrap();
    assert_eq!(s.questions.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["客服服务态度", "保洁", "其他意见"]);
    db.write("李主管", |tx| add_question(tx, s.id, QuestionKind::Score, "停车管理")).unwrap();
    on(&mut db, "2026-11-23");
    for (u, scores, comment) in [(&units[0], [5, 4, 2], "楼道灯坏了"), (&units[3], [4, 4, 5], ""), (&units[4], [5, 1, 3], "垃圾清运不及时")] {
        db.write("王前台", |tx| answer(tx, s.id, u, &sheet(&scores, &[comment]))).unwrap();
    }
    let r = results(db.conn(), s.id).unwrap();
    assert_eq!(r.previous.as_ref().map(|p| p.period.as_str()), Some("2026-H1"));
    let q: Vec<(&str, i64, String, String, String, String, bool)> = r
        .questions
        .iter()
        .map(|q| {
            let f = &q.figures;
            let s = |h: Option<Hundredths>| h.map_or("—".to_string(), |h| h.to_string());
            (q.text.as_str(), q.answers, s(f.average), s(f.satisfaction_rate), f.average_change.map_or("—".into(), Hundredths::signed), f.rate_change.map_or("—".into(), Hundredths::signed), q.in_previous)
        })
        .collect();
    // 客服: 5,4,5 = 4.67 (before 5,4,3 = 4.00); 满意率 100% (before 66.67%).
    // 保洁: 4,4,1 = 3.00 (before 3,2,4 = 3.00); 66.67% (before 33.33%).
    assert_eq!(q[0], ("客服服务态度", 3, "4.67".into(), "100.00".into(), "+0.67".into(), "+33.33".into(), true));
    assert_eq!(q[1], ("保洁", 3, "3.00".into(), "66.67".into(), "0.00".into(), "+33.34".into(), true));
    assert_eq!(q[2], ("其他意见", 2, "—".into(), "—".into(), "—".into(), "—".into(), true), "a comment question counts its comments");
    assert_eq!(q[3], ("停车管理", 3, "3.33".into(), "33.33".into(), "—".into(), "—".into(), false), "a new question has nothing to compare");
    // Building 1: 3 homes (the parking space is not counted), 1 visited; building 2: 2 of 2.
    let b: Vec<(&str, i64, i64, String, String, String)> =
        r.buildings.iter().map(|b| (b.building.as_str(), b.visited, b.units, b.coverage.unwrap().to_string(), b.figures.average.unwrap().to_string(), b.figures.satisfaction_rate.unwrap().to_string())).collect();
    assert_eq!(b, [("1", 1, 3, "33.33".into(), "3.67".into(), "66.67".into()), ("2", 2, 2, "100.00".into(), "3.67".into(), "66.67".into())]);
    assert_eq!(r.buildings[1].figures.previous_average, None, "building 2 was not visited in the first half");
    let o = &r.overall;
    assert_eq!((o.visited, o.units, o.coverage.unwrap().to_string(), o.figures.scores), (3, 5, "60.00".into(), 9));
    // 33 / 9 = 3.666… → 3.67; before: 21 / 6 = 3.50.
    assert_eq!((o.figures.average.unwrap().to_string(), o.figures.average_change.unwrap().signed()), ("3.67".into(), "+0.17".into()));
    let comments: Vec<(&str, &str)> = r.comments.iter().map(|c| (c.unit.as_str(), c.comment.as_str())).collect();
    assert_eq!(comments, [("1-1-101", "楼道灯坏了"), ("2-1-102", "垃圾清运不及时")]);
}

#[test]
fn the_summary_pdf_prints_the_figures_and_the_comments_without_names() {
    let (mut db, units) = estate();
    first_half(&mut db, &units);
    let s = db.write("李主管", |tx| add(tx, &new_survey("2026年下半年满意度调查", "2026-H2", true))).unwrap();
    on(&mut db, "2026-11-23");
    db.write("王前台", |tx| answer(tx, s.id, &units[0], &sheet(&[5, 4], &["楼道灯坏了，请尽快修"]))).unwrap();
    db.write("王前台", |tx| answer(tx, s.id, &units[3], &sheet(&[4, 2], &[]))).unwrap();
    let pdf = results_pdf(db.conn(), s.id, "2026-11-23T10:00:00+08:00", "李主管").unwrap();
    if let Ok(dir) = std::env::var("ESTATE_KEEP_PDF") {
        std::fs::write(std::path::Path::new(&dir).join("survey-summary.pdf"), &pdf).unwrap();
    }
    let text = pdf_text(&pdf);
    for want in ["翠湖花园物业服务中心", "业主满意度调查汇总", "2026年下半年", "2 / 5 户", "40.00%", "客服服务态度", "4.50", "100.00%", "+0.50", "按楼栋", "1栋", "2栋", "全小区", "1-1-101", "楼道灯坏了", "2026年上半年满意度调查", "李主管"] {
        assert!(text.contains(want), "missing {want} in:\n{text}");
    }
    assert!(!text.contains("张三"), "no respondent names on the summary");
    assert_eq!(crate::testing::pdf_page_mm(&pdf).0.round(), 210.0);
}

#[test]
fn the_month_sheet_lists_the_surveys_closed_in_that_month() {
    let (mut db, units) = estate();
    first_half(&mut db, &units);
    let june = month_results(db.conn(), Period::parse("2026-06").unwrap()).unwrap();
    let july = month_results(db.conn(), Period::parse("2026-07").unwrap()).unwrap();
    assert_eq!((june.len(), july.len()), (1, 0), "closed on 2026-06-10");
    let mut book = Book::new("翠湖花园 2026年6月");
    let sheet = results_sheet(&mut book, "满意度调查", &june).unwrap();
    assert_eq!(sheet.rows(), 2 + 2 + 1, "two score questions, two buildings, the estate");
    sheet.finish().unwrap();
    let bytes = book.to_bytes().unwrap();
    let mut x: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = x.worksheet_range("满意度调查").unwrap();
    let row = |i: u32| (0..14).map(|c| range.get_value((i, c)).cloned().unwrap_or(Data::Empty)).collect::<Vec<_>>();
    assert_eq!(row(0)[3], Data::String("题目 / 楼栋".into()));
    assert_eq!(row(1)[3], Data::String("1. 客服服务态度".into()));
    assert_eq!((row(1)[4].clone(), row(1)[8].clone()), (Data::Float(3.0), Data::Float(4.0)));
    match row(1)[9] {
        Data::Float(f) => assert!((f - 0.6667).abs() < 1e-9, "{f}"),
        ref other => panic!("{other:?}"),
    }
    assert_eq!((row(3)[2].clone(), row(3)[3].clone(), row(3)[5].clone(), row(3)[6].clone()), (Data::String("楼栋".into()), Data::String("1栋".into()), Data::Float(3.0), Data::Float(3.0)));
    assert_eq!((row(5)[3].clone(), row(5)[8].clone()), (Data::String("全小区".into()), Data::Float(3.5)));
    assert_eq!(row(5)[10], Data::Empty, "nothing before the first survey");
}

#[test]
fn erasing_a_former_tenant_reaches_the_answer_sheets_they_gave_on_their_home() {
    let (mut db, units) = estate();
    let tenant = register::NewPerson { name: "张三".into(), phones: vec!["13900005678".into()], id_number: None };
    db.write("测试", |tx| register::add_occupant(tx, &units[0], &tenant, register::Role::Tenant, crate::testing::day("2025-01-01"))).unwrap();
    first_half(&mut db, &units);
    let card = register::unit_card(db.conn(), &units[0]).unwrap();
    let occ = card.occupancies.iter().find(|o| o.person.name == "张三").unwrap().clone();
    db.write("测试", |tx| register::end_occupancy(tx, &units[0], occ.id, crate::testing::day("2026-06-30"))).unwrap();
    on(&mut db, "2026-07-01");
    let erased = db.write("主管", |tx| crate::privacy::erase(tx, occ.person.id, "本人申请")).unwrap();
    assert_eq!(erased.service_records, 1, "the sheet of their home, not the ones other homes' 张三 gave");
    let respondents: Vec<String> =
        db.conn().prepare("SELECT respondent FROM survey_answers ORDER BY unit_id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(respondents, [erased.placeholder.as_str(), "张三", "张三"]);
}

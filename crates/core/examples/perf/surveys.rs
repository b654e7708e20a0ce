//! Satisfaction surveys: entering a visited unit's sheet (one committed write:
//! the sheet, its replies, the audit entry) against a bare INSERT + commit on a
//! copy of the same file; then the results of a survey of 2,000 sheets (by
//! question, by building, overall, beside the survey before) against the bare
//! grouped SELECT that adds the same scores up, and its summary PDF.

use std::path::Path;
use std::time::{Duration, Instant};

use estate_core::register::{self, Unit};
use estate_core::surveys::{self, NewAnswer, NewSurvey, QuestionKind};

use crate::{Figure, Result, bare, demo_db, median, ms, percentile, ratio};

pub const FLOOR: &str = "one bare INSERT + commit on a copy of the same file (WAL, synchronous=FULL) per sheet, taking turns with them; for the results, the bare SELECT … GROUP BY question, building that adds the same scores up";
const SHEETS: usize = 2000;
/// Sheets timed one by one; the rest are entered in one transaction (set-up only).
const TIMED: usize = 200;
const SCORED: usize = 6;

fn sheet(i: usize) -> NewAnswer {
    let scores = (0..SCORED).map(|q| 1 + ((i * 7 + q * 3) % 5) as i64).collect();
    let comments = if i.is_multiple_of(10) { vec!["楼道灯坏了".to_string(), String::new()] } else { Vec::new() };
    NewAnswer { visited_by: "客服".into(), scores, comments, ..NewAnswer::default() }
}

pub fn run(dir: &Path, units: usize) -> Result<Vec<Figure>> {
    let db = demo_db(dir, units)?;
    let picked: Vec<Unit> = {
        let mut stmt = db.conn().prepare("SELECT code FROM units WHERE unit_type = '住宅' ORDER BY id LIMIT ?1")?;
        let codes: Vec<String> = stmt.query_map([SHEETS as i64], |r| r.get(0))?.collect::<Result<_, _>>()?;
        codes.iter().map(|c| register::find_unit(db.conn(), c)).collect::<Result<_, _>>()?
    };
    let copy = dir.join("surveys-floor.db");
    drop(db);
    std::fs::copy(dir.join("demo.db"), &copy)?;
    let mut db = demo_db(dir, units)?;
    let mut floor = bare(&copy)?;
    floor.execute("CREATE TABLE IF NOT EXISTS perf_floor (id INTEGER PRIMARY KEY, note TEXT NOT NULL)", [])?;
    // Last half-year's survey (answered by the same units) and this one, its questions taken over.
    let mut ids = Vec::new();
    for (name, period, copy_last) in [("上半年调查", "2026-H1", false), ("下半年调查", "2026-H2", true)] {
        let s = db.write("主管", |tx| surveys::add(tx, &NewSurvey { name: name.into(), period: period.into(), opened_on: String::new(), copy_last }))?;
        if !copy_last {
            for q in 0..SCORED {
                db.write("主管", |tx| surveys::add_question(tx, s.id, QuestionKind::Score, &format!("第{}项服务", q + 1)))?;
            }
            db.write("主管", |tx| surveys::add_question(tx, s.id, QuestionKind::Comment, "意见"))?;
            db.write("主管", |tx| surveys::add_question(tx, s.id, QuestionKind::Comment, "建议"))?;
        }
        ids.push(s.id);
    }
    let (before, now) = (ids[0], ids[1]);
    db.write("客服", |tx| picked.iter().enumerate().try_for_each(|(i, u)| surveys::answer(tx, before, u, &sheet(i + 1)).map(|_| ())))?;
    let (mut times, mut floors) = (Vec::new(), Vec::new());
    for (i, unit) in picked.iter().enumerate().take(TIMED) {
        let start = Instant::now();
        db.write("客服", |tx| surveys::answer(tx, now, unit, &sheet(i)))?;
        times.push(start.elapsed());
        let start = Instant::now();
        let tx = floor.transaction()?;
        tx.execute("INSERT INTO perf_floor (note) VALUES ('答卷')", [])?;
        tx.commit()?;
        floors.push(start.elapsed());
    }
    db.write("客服", |tx| picked.iter().enumerate().skip(TIMED).try_for_each(|(i, u)| surveys::answer(tx, now, u, &sheet(i)).map(|_| ())))?;
    let start = Instant::now();
    let r = surveys::results(db.conn(), now)?;
    let results_time = start.elapsed();
    let start = Instant::now();
    let mut stmt = db.conn().prepare(
        "SELECT r.question_id, b.code, COUNT(*), SUM(r.score), SUM(r.score >= 4) FROM survey_answers a JOIN survey_replies r ON r.answer_id = a.id
         JOIN units u ON u.id = a.unit_id JOIN buildings b ON b.id = u.building_id WHERE a.survey_id = ?1 AND r.score IS NOT NULL GROUP BY r.question_id, b.code",
    )?;
    let mut rows = stmt.query([now])?;
    while rows.next()?.is_some() {}
    let results_floor = start.elapsed().max(Duration::from_micros(1));
    let start = Instant::now();
    let pdf = surveys::results_pdf(db.conn(), now, "2026-12-01T10:00:00+08:00", "主管")?;
    let pdf_time = start.elapsed();
    let (mid, p95, floor_mid) = (median(&times), percentile(&times, 95), median(&floors));
    Ok(vec![
        Figure {
            name: format!("entering a sheet ({SCORED} scores), median ({} timed, {units}-unit demo)", times.len()),
            measured: ms(mid),
            floor: ms(floor_mid),
            ratio: ratio(mid, floor_mid),
            target: "< 30 ms".into(),
            ok: Some(mid < Duration::from_millis(30)),
        },
        Figure { name: "entering a sheet, p95".into(), measured: ms(p95), floor: ms(percentile(&floors, 95)), ratio: ratio(p95, percentile(&floors, 95)), target: "(information)".into(), ok: None },
        Figure {
            name: format!("survey results, {} sheets beside the last survey ({} buildings)", r.overall.visited, r.buildings.len()),
            measured: ms(results_time),
            floor: ms(results_floor),
            ratio: ratio(results_time, results_floor),
            target: "< 300 ms".into(),
            ok: Some(results_time < Duration::from_millis(300)),
        },
        Figure { name: format!("survey summary PDF ({} KB)", pdf.len() / 1024), measured: ms(pdf_time), floor: "-".into(), ratio: None, target: "< 2 s".into(), ok: Some(pdf_time < Duration::from_secs(2)) },
    ])
}

//! The SQL of the satisfaction surveys, and only its SQL.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::*;
use super::rules::{self, Tally};
use crate::db::Tx;
use crate::error::Result;

const LINE: &str = "SELECT s.id, s.name, s.period, s.opened_on, s.closed_on, s.closed_by, s.operator,
        (SELECT COUNT(*) FROM survey_answers a WHERE a.survey_id = s.id)
     FROM surveys s";

fn line(r: &Row) -> rusqlite::Result<SurveyLine> {
    let period: String = r.get(2)?;
    Ok(SurveyLine {
        id: r.get(0)?,
        name: r.get(1)?,
        period_label: rules::period_label(&period),
        period,
        opened_on: r.get(3)?,
        closed_on: r.get(4)?,
        closed_by: r.get(5)?,
        operator: r.get(6)?,
        answers: r.get(7)?,
    })
}

pub fn survey_line(conn: &Connection, id: i64) -> Result<Option<SurveyLine>> {
    Ok(conn.prepare_cached(&format!("{LINE} WHERE s.id = ?1"))?.query_row([id], line).optional()?)
}

/// Every survey, the latest half-year first.
pub fn survey_lines(conn: &Connection) -> Result<Vec<SurveyLine>> {
    let mut stmt = conn.prepare_cached(&format!("{LINE} ORDER BY s.period DESC"))?;
    let rows = stmt.query_map([], line)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Surveys closed on a day from `from` (inclusive) until `until` (exclusive), oldest half-year first.
pub fn closed_between(conn: &Connection, from: &str, until: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM surveys WHERE closed_on >= ?1 AND closed_on < ?2 ORDER BY period")?;
    let rows = stmt.query_map([from, until], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM surveys WHERE name = ?1")?.query_row([name], |r| r.get(0)).optional()?)
}

/// The survey of a half-year: (id, name).
pub fn by_period(conn: &Connection, period: &str) -> Result<Option<(i64, String)>> {
    Ok(conn.prepare_cached("SELECT id, name FROM surveys WHERE period = ?1")?.query_row([period], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// The survey of the latest half-year before `period`.
pub fn before(conn: &Connection, period: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM surveys WHERE period < ?1 ORDER BY period DESC LIMIT 1")?.query_row([period], |r| r.get(0)).optional()?)
}

pub fn insert_survey(tx: &Tx, name: &str, period: &str, opened_on: &str) -> Result<i64> {
    tx.prepare_cached("INSERT INTO surveys (name, period, opened_on, created_at, operator) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![name, period, opened_on, tx.now_text(), tx.actor()])?;
    Ok(tx.last_insert_rowid())
}

pub fn close(tx: &Tx, id: i64, on: &str) -> Result<()> {
    tx.prepare_cached("UPDATE surveys SET closed_on = ?2, closed_by = ?3 WHERE id = ?1")?.execute(params![id, on, tx.actor()])?;
    Ok(())
}

pub fn questions(conn: &Connection, survey_id: i64) -> Result<Vec<Question>> {
    let mut stmt = conn.prepare_cached("SELECT id, position, kind, text FROM survey_questions WHERE survey_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([survey_id], |r| {
        let kind = if r.get::<_, String>(2)? == "score" { QuestionKind::Score } else { QuestionKind::Comment };
        Ok(Question { id: r.get(0)?, position: r.get(1)?, kind, kind_label: kind.label(), text: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a question at the end of the survey's list.
pub fn insert_question(tx: &Tx, survey_id: i64, kind: QuestionKind, text: &str) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO survey_questions (survey_id, position, kind, text, at, operator)
         VALUES (?1, coalesce((SELECT MAX(position) FROM survey_questions WHERE survey_id = ?1), 0) + 1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![survey_id, kind.code(), text, tx.now_text(), tx.actor()])?;
    Ok(tx.last_insert_rowid())
}

/// The sheet a unit already gave a survey: (visited_on, visited_by).
pub fn answered(conn: &Connection, survey_id: i64, unit_id: i64) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT visited_on, visited_by FROM survey_answers WHERE survey_id = ?1 AND unit_id = ?2")?
        .query_row([survey_id, unit_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub struct AnswerRow<'a> {
    pub survey_id: i64,
    pub unit_id: i64,
    pub respondent: &'a str,
    pub visited_on: &'a str,
    pub visited_by: &'a str,
}

pub fn insert_answer(tx: &Tx, a: &AnswerRow) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO survey_answers (survey_id, unit_id, respondent, visited_on, visited_by, at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![a.survey_id, a.unit_id, a.respondent, a.visited_on, a.visited_by, tx.now_text(), tx.actor()])?;
    Ok(tx.last_insert_rowid())
}

pub fn insert_reply(tx: &Tx, answer_id: i64, question_id: i64, score: Option<i64>, comment: Option<&str>) -> Result<()> {
    tx.prepare_cached("INSERT INTO survey_replies (answer_id, question_id, score, comment) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![answer_id, question_id, score, comment])?;
    Ok(())
}

pub fn answer(conn: &Connection, id: i64) -> Result<Option<Answer>> {
    let head = conn
        .prepare_cached(
            "SELECT a.id, a.survey_id, s.name, u.code, a.respondent, a.visited_on, a.visited_by, a.at, a.operator
             FROM survey_answers a JOIN surveys s ON s.id = a.survey_id JOIN units u ON u.id = a.unit_id WHERE a.id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Answer {
                id: r.get(0)?,
                survey_id: r.get(1)?,
                survey: r.get(2)?,
                unit: r.get(3)?,
                respondent: r.get(4)?,
                visited_on: r.get(5)?,
                visited_by: r.get(6)?,
                at: r.get(7)?,
                operator: r.get(8)?,
                replies: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut a) = head else { return Ok(None) };
    let mut stmt = conn.prepare_cached(
        "SELECT q.id, q.position, q.text, r.score, r.comment FROM survey_replies r JOIN survey_questions q ON q.id = r.question_id
         WHERE r.answer_id = ?1 ORDER BY q.position",
    )?;
    let rows = stmt.query_map([id], |r| Ok(Reply { question_id: r.get(0)?, position: r.get(1)?, text: r.get(2)?, score: r.get(3)?, comment: r.get(4)? }))?;
    a.replies = rows.collect::<Result<_, _>>()?;
    Ok(Some(a))
}

/// The survey's scores added up by question and building: (question id, building) → tally.
pub fn tallies(conn: &Connection, survey_id: i64) -> Result<Vec<(i64, String, Tally)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.question_id, b.code, COUNT(*), SUM(r.score), SUM(r.score >= ?2)
         FROM survey_answers a
         JOIN survey_replies r ON r.answer_id = a.id
         JOIN units u ON u.id = a.unit_id JOIN buildings b ON b.id = u.building_id
         WHERE a.survey_id = ?1 AND r.score IS NOT NULL
         GROUP BY r.question_id, b.code",
    )?;
    let rows = stmt.query_map(params![survey_id, rules::SATISFIED_FROM], |r| Ok((r.get(0)?, r.get(1)?, Tally { count: r.get(2)?, sum: r.get(3)?, satisfied: r.get(4)? })))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Sheets per question that carry a comment.
pub fn comment_counts(conn: &Connection, survey_id: i64) -> Result<HashMap<i64, i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.question_id, COUNT(*) FROM survey_answers a JOIN survey_replies r ON r.answer_id = a.id
         WHERE a.survey_id = ?1 AND r.comment IS NOT NULL GROUP BY r.question_id",
    )?;
    let rows = stmt.query_map([survey_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every building: (code, units counted, units visited). A building's units are
/// its homes, shops and offices — parking spaces and storerooms are not visited —
/// and any other unit that did answer.
pub fn coverage(conn: &Connection, survey_id: i64) -> Result<Vec<(String, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.code,
                SUM(u.unit_type NOT IN ('车位', '储藏室') OR a.id IS NOT NULL),
                COUNT(a.id)
         FROM units u JOIN buildings b ON b.id = u.building_id
         LEFT JOIN survey_answers a ON a.unit_id = u.id AND a.survey_id = ?1
         GROUP BY b.code",
    )?;
    let rows = stmt.query_map([survey_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The comments, by question then unit.
pub fn comments(conn: &Connection, survey_id: i64) -> Result<Vec<CommentLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT q.position, q.text, u.code, r.comment FROM survey_answers a
         JOIN survey_replies r ON r.answer_id = a.id JOIN survey_questions q ON q.id = r.question_id JOIN units u ON u.id = a.unit_id
         WHERE a.survey_id = ?1 AND r.comment IS NOT NULL ORDER BY q.position, u.code",
    )?;
    let rows = stmt.query_map([survey_id], |r| Ok(CommentLine { position: r.get(0)?, question: r.get(1)?, unit: r.get(2)?, comment: r.get(3)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

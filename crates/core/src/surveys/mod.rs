//! Satisfaction surveys (满意度调查): a half-yearly survey of the owners,
//! its questions defined by the office (scores 1–5, 5 = 非常满意, and
//! comments, in order; a new survey may take over the last one's so the two
//! compare), one answer sheet per visited unit, and the results by question
//! and by building, compared with the survey before, as a PDF summary and a
//! sheet of the month's workbook.
//!
//! The questions are fixed once the first sheet is in; a closed survey takes
//! no more sheets. The database keeps both rules too (0021_surveys.sql).
//! Figures are exact: sums and counts in integers, rounded once (`rules`).

mod error;
pub mod model;
mod paper;
mod results;
pub mod rules;
mod store;

use rusqlite::Connection;
use serde_json::json;

use crate::db::Tx;
use crate::error::Result;
use crate::register::Unit;
pub use error::SurveyError;
pub use model::*;
pub use paper::{month_results, results_pdf, results_sheet};
pub use results::results;
pub use rules::Hundredths;

fn required<'a>(text: &'a str, what: &'static str) -> Result<&'a str> {
    let t = text.trim();
    if t.is_empty() {
        return Err(SurveyError::Required(what).into());
    }
    Ok(t)
}

/// One survey with its questions.
pub fn survey(conn: &Connection, id: i64) -> Result<Survey> {
    let line = store::survey_line(conn, id)?.ok_or_else(|| SurveyError::NotFound(id.to_string()))?;
    Ok(Survey { locked: line.answers > 0, questions: store::questions(conn, id)?, line })
}

/// Every survey, the latest half-year first.
pub fn list(conn: &Connection) -> Result<Vec<SurveyLine>> {
    store::survey_lines(conn)
}

/// A survey named by its id (3, #3), its name, or its half-year (2026年下半年, 2026-H2).
pub fn find(conn: &Connection, text: &str) -> Result<i64> {
    let t = text.trim();
    if let Ok(id) = t.trim_start_matches('#').parse::<i64>()
        && store::survey_line(conn, id)?.is_some()
    {
        return Ok(id);
    }
    if let Some(id) = store::by_name(conn, t)? {
        return Ok(id);
    }
    if let Ok(period) = rules::parse_period(t)
        && let Some((id, _)) = store::by_period(conn, &period)?
    {
        return Ok(id);
    }
    Err(SurveyError::NotFound(t.chars().take(30).collect()).into())
}

/// Starts a survey of a half-year; with `copy_last`, the questions of the survey before it.
pub fn add(tx: &mut Tx, s: &NewSurvey) -> Result<Survey> {
    let name = required(&s.name, "调查名称")?;
    let period = rules::parse_period(required(&s.period, "调查期间")?)?;
    if let Some((_, other)) = store::by_period(tx, &period)? {
        return Err(SurveyError::PeriodTaken { period: rules::period_label(&period), name: other }.into());
    }
    if store::by_name(tx, name)?.is_some() {
        return Err(SurveyError::NameTaken(name.to_string()).into());
    }
    let opened = rules::day(&s.opened_on, tx.today())?.to_string();
    let copied = if s.copy_last {
        let last = store::before(tx, &period)?.ok_or_else(|| SurveyError::NothingToCopy(rules::period_label(&period)))?;
        Some((store::survey_line(tx, last)?.map(|l| l.name).unwrap_or_default(), store::questions(tx, last)?))
    } else {
        None
    };
    let id = store::insert_survey(tx, name, &period, &opened)?;
    if let Some((_, questions)) = &copied {
        for q in questions {
            store::insert_question(tx, id, q.kind, &q.text)?;
        }
    }
    tx.audit(
        "survey.add",
        "survey",
        id,
        json!({ "name": name, "period": period, "opened_on": opened, "copied_from": copied.as_ref().map(|(n, _)| n), "questions": copied.map_or(0, |(_, q)| q.len()) }),
    )?;
    survey(tx, id)
}

/// Adds a question at the end; refused once a sheet is in or the survey is closed.
pub fn add_question(tx: &mut Tx, id: i64, kind: QuestionKind, text: &str) -> Result<Survey> {
    let s = survey(tx, id)?;
    let text = required(text, "题目")?;
    let chars = text.chars().count();
    if chars > rules::QUESTION_MAX {
        return Err(SurveyError::TooLong(chars).into());
    }
    if s.closed_on.is_some() {
        return Err(SurveyError::Closed(s.name.clone()).into());
    }
    if s.locked {
        return Err(SurveyError::QuestionsLocked(s.name.clone()).into());
    }
    if s.questions.iter().any(|q| q.text == text) {
        return Err(SurveyError::QuestionTwice(text.to_string()).into());
    }
    let q = store::insert_question(tx, id, kind, text)?;
    tx.audit("survey.question", "survey", id, json!({ "survey": s.name, "question": q, "kind": kind.code(), "text": text }))?;
    survey(tx, id)
}

/// Enters one visited unit's sheet: a score for every score question (1–5),
/// comments optional; once per unit; refused once the survey is closed.
pub fn answer(tx: &mut Tx, id: i64, unit: &Unit, a: &NewAnswer) -> Result<Answer> {
    let s = survey(tx, id)?;
    if s.closed_on.is_some() {
        return Err(SurveyError::Closed(s.name.clone()).into());
    }
    if let Some((visited_on, by)) = store::answered(tx, id, unit.id)? {
        return Err(SurveyError::Answered { unit: unit.code.clone(), survey: s.name.clone(), visited_on, by }.into());
    }
    let (scored, commented): (Vec<&Question>, Vec<&Question>) = s.questions.iter().partition(|q| q.kind == QuestionKind::Score);
    if scored.is_empty() {
        return Err(SurveyError::NoQuestions(s.name.clone()).into());
    }
    if a.scores.len() != scored.len() {
        return Err(SurveyError::ScoreCount { want: scored.len(), got: a.scores.len() }.into());
    }
    if let Some(bad) = a.scores.iter().find(|x| rules::score(&x.to_string()).is_none()) {
        return Err(SurveyError::BadScore(bad.to_string()).into());
    }
    if a.comments.len() > commented.len() {
        return Err(SurveyError::CommentCount { want: commented.len(), got: a.comments.len() }.into());
    }
    let visited_on = rules::day(&a.visited_on, tx.today())?;
    if visited_on.to_string() < s.opened_on {
        return Err(SurveyError::BeforeOpened { date: visited_on.to_string(), opened: s.opened_on.clone() }.into());
    }
    let visited_by = if a.visited_by.trim().is_empty() { tx.actor().to_string() } else { a.visited_by.trim().to_string() };
    let row = store::AnswerRow { survey_id: id, unit_id: unit.id, respondent: a.respondent.trim(), visited_on: &visited_on.to_string(), visited_by: &visited_by };
    let answer_id = store::insert_answer(tx, &row)?;
    for (q, score) in scored.iter().zip(&a.scores) {
        store::insert_reply(tx, answer_id, q.id, Some(*score), None)?;
    }
    for (q, comment) in commented.iter().zip(&a.comments) {
        if !comment.trim().is_empty() {
            store::insert_reply(tx, answer_id, q.id, None, Some(comment.trim()))?;
        }
    }
    // The respondent's name stays out of the audit detail: erasure has less to find.
    tx.audit(
        "survey.answer",
        "survey_answer",
        answer_id,
        json!({ "survey": s.name, "unit": unit.code, "visited_on": row.visited_on, "visited_by": visited_by, "scores": a.scores }),
    )?;
    store::answer(tx, answer_id)?.ok_or_else(|| SurveyError::NotFound(id.to_string()).into())
}

/// Ends a survey: no more sheets. The day defaults to today.
pub fn close(tx: &mut Tx, id: i64, on: &str) -> Result<Survey> {
    let s = survey(tx, id)?;
    if s.closed_on.is_some() {
        return Err(SurveyError::AlreadyClosed(s.name.clone()).into());
    }
    let day = rules::day(on, tx.today())?.to_string();
    if day < s.opened_on {
        return Err(SurveyError::BeforeOpened { date: day, opened: s.opened_on.clone() }.into());
    }
    store::close(tx, id, &day)?;
    tx.audit("survey.close", "survey", id, json!({ "survey": s.name, "closed_on": day, "answers": s.answers }))?;
    survey(tx, id)
}

#[cfg(test)]
mod tests;

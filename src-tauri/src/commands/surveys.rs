//! Satisfaction surveys (满意度调查): the list, one survey with its questions,
//! starting one and its questions and closing it (a supervisor's, or a clerk's
//! with a supervisor's approval on the spot), a visited unit's sheet, the
//! results beside the survey before, and the summary PDF (saved in `满意度/`
//! beside the estate file and opened for printing).

use estate_core::desk;
use estate_core::staff::Approval;
use estate_core::surveys::{self, Answer, NewAnswer, NewSurvey, QuestionKind, Results, Survey, SurveyError, SurveyLine};
use serde::Deserialize;
use tauri::State;

use super::fees::Printed;
use crate::places;
use crate::state::{Desk, Reply};

const FOLDER: &str = "满意度";

#[tauri::command]
pub async fn survey_list(desk: State<'_, Desk>) -> Reply<Vec<SurveyLine>> {
    desk.read(|db| surveys::list(db.conn()))
}

#[tauri::command]
pub async fn survey_show(desk: State<'_, Desk>, survey: String) -> Reply<Survey> {
    desk.read(|db| {
        let id = surveys::find(db.conn(), &survey)?;
        surveys::survey(db.conn(), id)
    })
}

#[derive(Deserialize)]
pub struct SurveyForm {
    name: String,
    period: String,
    opened_on: String,
    copy_last: bool,
}

#[tauri::command]
pub async fn survey_add(desk: State<'_, Desk>, form: SurveyForm, approval: Option<Approval>) -> Reply<Survey> {
    let new = NewSurvey { name: form.name, period: form.period, opened_on: form.opened_on, copy_last: form.copy_last };
    desk.act(|db, staff| desk::survey_add(db, staff, &new, approval.as_ref()))
}

/// Adds a question at the end: kind `score` or `comment`.
#[tauri::command]
pub async fn survey_question(desk: State<'_, Desk>, survey: String, kind: String, text: String, approval: Option<Approval>) -> Reply<Survey> {
    desk.act(|db, staff| {
        let kind = QuestionKind::parse(&kind).ok_or(SurveyError::Required("题目类型"))?;
        desk::survey_question(db, staff, &survey, kind, &text, approval.as_ref())
    })
}

#[tauri::command]
pub async fn survey_close(desk: State<'_, Desk>, survey: String, on: String, approval: Option<Approval>) -> Reply<Survey> {
    desk.act(|db, staff| desk::survey_close(db, staff, &survey, &on, approval.as_ref()))
}

/// One visited unit's sheet: a score per score question in their order, comments in theirs.
#[derive(Deserialize)]
pub struct AnswerForm {
    unit: String,
    respondent: String,
    visited_on: String,
    visited_by: String,
    scores: Vec<i64>,
    comments: Vec<String>,
}

#[tauri::command]
pub async fn survey_answer(desk: State<'_, Desk>, survey: String, form: AnswerForm) -> Reply<Answer> {
    let new = NewAnswer { respondent: form.respondent, visited_on: form.visited_on, visited_by: form.visited_by, scores: form.scores, comments: form.comments };
    desk.act(|db, staff| desk::survey_answer(db, staff, &survey, &form.unit, &new))
}

#[tauri::command]
pub async fn survey_results(desk: State<'_, Desk>, survey: String) -> Reply<Results> {
    desk.read(|db| {
        let id = surveys::find(db.conn(), &survey)?;
        surveys::results(db.conn(), id)
    })
}

/// Saves the summary PDF in `满意度/` and opens it.
#[tauri::command]
pub async fn survey_print(desk: State<'_, Desk>, survey: String) -> Reply<Printed> {
    let out = desk.act_at(|db, staff, db_path| {
        let pdf = desk::survey_pdf(db, staff, &survey)?;
        // Named by its half-year: a survey's name is free text and may hold characters a file name cannot.
        let period = surveys::survey(db.conn(), surveys::find(db.conn(), &survey)?)?.period.clone();
        let out = places::dated_file(db_path, FOLDER, &format!("满意度调查汇总-{period}"), "pdf", db.now())?;
        estate_core::error::FileError::write(&out, &pdf)?;
        Ok(out)
    })?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

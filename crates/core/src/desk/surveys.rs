//! Desk actions of the satisfaction surveys. Entering a visited unit's sheet
//! is front-desk work (`Service`: the clerk who called or visited types it).
//! Starting a survey, fixing its questions and closing it decide what the
//! office will be judged on and when the count stops, so they are a
//! supervisor's (`Surveys`), or a clerk's with a supervisor's approval on the
//! spot. Surveys are named by id, name or half-year, found inside the transaction.

use crate::db::Db;
use crate::error::Result;
use crate::register::find_unit;
use crate::staff::{Approval, Permission, Staff, require};
use crate::surveys::{self, Answer, NewAnswer, NewSurvey, QuestionKind, Survey};

use super::act;

pub fn survey_add(db: &mut Db, staff: &Staff, s: &NewSurvey, approval: Option<&Approval>) -> Result<Survey> {
    act(db, staff, Permission::Surveys, approval, |tx| surveys::add(tx, s))
}

pub fn survey_question(db: &mut Db, staff: &Staff, survey: &str, kind: QuestionKind, text: &str, approval: Option<&Approval>) -> Result<Survey> {
    act(db, staff, Permission::Surveys, approval, |tx| {
        let id = surveys::find(tx, survey)?;
        surveys::add_question(tx, id, kind, text)
    })
}

pub fn survey_close(db: &mut Db, staff: &Staff, survey: &str, on: &str, approval: Option<&Approval>) -> Result<Survey> {
    act(db, staff, Permission::Surveys, approval, |tx| {
        let id = surveys::find(tx, survey)?;
        surveys::close(tx, id, on)
    })
}

pub fn survey_answer(db: &mut Db, staff: &Staff, survey: &str, unit: &str, a: &NewAnswer) -> Result<Answer> {
    require(staff, Permission::Service)?;
    db.write(&staff.name, |tx| {
        let id = surveys::find(tx, survey)?;
        let unit = find_unit(tx, unit)?;
        surveys::answer(tx, id, &unit, a)
    })
}

/// The summary as an A4 PDF, its footer naming who printed it and when.
pub fn survey_pdf(db: &Db, staff: &Staff, survey: &str) -> Result<Vec<u8>> {
    require(staff, Permission::View)?;
    let id = surveys::find(db.conn(), survey)?;
    surveys::results_pdf(db.conn(), id, &db.now().to_rfc3339(), &staff.name)
}

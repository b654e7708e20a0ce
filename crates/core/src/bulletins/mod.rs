//! Notices for the notice board (通知/公告): the office's editable templates
//! (停水通知, 停电通知, 收费期通知, 消防演练通知 to start with; any others it
//! adds), and the notices issued from them — numbered GG20261123-01, the
//! placeholders filled, dated, signed with the office's name, printed on A4
//! for the board and copied as plain text into a WeChat group or an SMS.
//!
//! A template is a title and a body with named placeholders in braces. Four
//! are filled by the program ({小区} {电话} {落款} {日期}, from the settings and
//! the notice's date); the rest are typed when the notice is issued, and a
//! notice is refused while any is left empty. The notice keeps the text as
//! filled: editing its template afterwards changes nothing posted. A notice
//! is written once; a wrong one is withdrawn (撤回) with a reason and no
//! longer printed or copied.
//!
//! Not the billing notices (收费通知单, `crate::notices`).

mod error;
pub mod model;
mod print;
pub mod rules;
mod store;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::json;

use crate::db::{Tx, settings};
use crate::error::Result;
pub use error::BulletinError;
pub use model::*;
pub use print::{pdf, text};

/// The values the program fills itself, for a notice dated `date`.
fn automatic(conn: &Connection, date: NaiveDate) -> Result<Vec<Filled>> {
    let values = [
        settings::get_or(conn, settings::ESTATE_NAME, "")?,
        settings::get_or(conn, settings::OFFICE_PHONE, "")?,
        settings::office_name(conn)?,
        crate::dunning::rules::chinese_date(date),
    ];
    Ok(rules::AUTOMATIC.iter().zip(values).map(|((name, _), value)| Filled { name: name.to_string(), value: value.trim().to_string() }).collect())
}

fn template_of(conn: &Connection, row: store::TemplateRow, today: NaiveDate) -> Result<Template> {
    let placeholders = rules::template_names(&row.title, &row.body);
    let auto = automatic(conn, today)?;
    Ok(Template {
        automatic: auto.into_iter().filter(|f| placeholders.contains(&f.name)).collect(),
        to_type: placeholders.iter().filter(|n| !rules::is_automatic(n)).cloned().collect(),
        placeholders,
        id: row.id,
        name: row.name,
        title: row.title,
        body: row.body,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
        used: row.used,
    })
}

fn names(conn: &Connection) -> Result<String> {
    Ok(store::templates(conn)?.into_iter().map(|t| t.name).collect::<Vec<_>>().join("、"))
}

/// Every template, in the order they were added; `today` dates the automatic values shown.
pub fn templates(conn: &Connection, today: NaiveDate) -> Result<Vec<Template>> {
    store::templates(conn)?.into_iter().map(|row| template_of(conn, row, today)).collect()
}

pub fn template(conn: &Connection, id: i64, today: NaiveDate) -> Result<Template> {
    let row = store::template(conn, id)?.ok_or_else(|| BulletinError::TemplateNotFound(id.to_string(), String::new()))?;
    template_of(conn, row, today)
}

/// A template named by its name (停水通知) or its id.
pub fn find_template(conn: &Connection, text: &str) -> Result<i64> {
    let t = text.trim();
    if let Some(id) = store::template_by_name(conn, t)? {
        return Ok(id);
    }
    if let Ok(id) = t.trim_start_matches('#').parse::<i64>()
        && store::template(conn, id)?.is_some()
    {
        return Ok(id);
    }
    Err(BulletinError::TemplateNotFound(t.chars().take(20).collect(), names(conn)?).into())
}

/// Adds a template.
pub fn add_template(tx: &mut Tx, t: &TemplateText) -> Result<Template> {
    let t = rules::check_template(t)?;
    if store::template_by_name(tx, &t.name)?.is_some() {
        return Err(BulletinError::TemplateExists(t.name).into());
    }
    let id = store::insert_template(tx, &t)?;
    tx.audit("bulletin.template_add", "bulletin_template", id, json!({ "name": t.name, "title": t.title, "body": t.body }))?;
    template(tx, id, tx.today())
}

/// A new version of a template: the fields given replace the old ones, blank
/// ones stay. Notices already issued keep their text; the audit entry keeps the old version.
pub fn edit_template(tx: &mut Tx, id: i64, edit: &TemplateText) -> Result<Template> {
    let old = store::template(tx, id)?.ok_or_else(|| BulletinError::TemplateNotFound(id.to_string(), String::new()))?;
    let pick = |new: &str, old: &str| if new.trim().is_empty() { old.to_string() } else { new.to_string() };
    let new = TemplateText { name: pick(&edit.name, &old.name), title: pick(&edit.title, &old.title), body: pick(&edit.body, &old.body) };
    let new = rules::check_template(&new)?;
    if new.name == old.name && new.title == old.title && new.body == old.body {
        return Err(BulletinError::NothingToChange.into());
    }
    if store::template_by_name(tx, &new.name)?.is_some_and(|other| other != id) {
        return Err(BulletinError::TemplateExists(new.name).into());
    }
    store::update_template(tx, id, &new)?;
    tx.audit(
        "bulletin.template_edit",
        "bulletin_template",
        id,
        json!({ "before": { "name": old.name, "title": old.title, "body": old.body }, "after": { "name": new.name, "title": new.title, "body": new.body } }),
    )?;
    template(tx, id, tx.today())
}

/// What the notice would say with the values typed so far (the screen's live
/// preview): nothing is refused, what is still missing is listed.
pub fn preview(conn: &Connection, template_id: i64, typed: &[Filled], date: &str, today: NaiveDate) -> Result<Preview> {
    let row = store::template(conn, template_id)?.ok_or_else(|| BulletinError::TemplateNotFound(template_id.to_string(), String::new()))?;
    let date = rules::date(date, today).unwrap_or(today);
    let names = rules::template_names(&row.title, &row.body);
    let auto = automatic(conn, date)?;
    let (values, missing) = rules::gather(&names, typed, &auto);
    Ok(Preview {
        title: rules::fill(&row.title, &values),
        body: rules::fill(&row.body, &values),
        issuer: issuer(&values, &auto),
        date_text: crate::dunning::rules::chinese_date(date),
        missing,
    })
}

/// The 落款: the {落款} value when the template has one (typed or from the settings), else the office's name.
fn issuer(values: &[Filled], automatic: &[Filled]) -> String {
    values.iter().chain(automatic).find(|f| f.name == "落款").map(|f| f.value.clone()).unwrap_or_default()
}

/// Issues a notice from a template with every placeholder filled.
pub fn issue(tx: &mut Tx, n: &NewBulletin) -> Result<Bulletin> {
    let template_id = find_template(tx, &n.template)?;
    let row = store::template(tx, template_id)?.ok_or_else(|| BulletinError::TemplateNotFound(n.template.clone(), String::new()))?;
    let date = rules::date(&n.date, tx.today())?;
    let names = rules::template_names(&row.title, &row.body);
    let auto = automatic(tx, date)?;
    let values = rules::resolve(&row.name, &names, &n.values, &auto)?;
    let (title, body) = (rules::fill(&row.title, &values), rules::fill(&row.body, &values));
    if body.trim().is_empty() {
        return Err(BulletinError::EmptyBody.into());
    }
    let issuer = issuer(&values, &auto);
    if issuer.trim().is_empty() {
        return Err(BulletinError::MissingValue { missing: "{落款}".into(), hint: "请在设置里填写小区名称或收据抬头。".into() }.into());
    }
    let prefix = rules::bulletin_no(tx.today(), 0);
    let prefix = &prefix[..prefix.len() - 2];
    let no = rules::bulletin_no(tx.today(), store::count_numbers(tx, prefix)? + 1);
    let dated = date.to_string();
    let id = store::insert_bulletin(
        tx,
        &store::BulletinRow { bulletin_no: &no, template_id, template_name: &row.name, title: &title, body: &body, issuer: &issuer, dated: &dated, filled: &values },
    )?;
    tx.audit("bulletin.issue", "bulletin", id, json!({ "bulletin_no": no, "template": row.name, "title": title, "dated": dated }))?;
    get(tx, id)
}

/// Takes a notice down, once, with the reason; it is no longer printed or copied.
pub fn withdraw(tx: &mut Tx, id: i64, reason: &str) -> Result<Bulletin> {
    let b = get(tx, id)?;
    if let Some(w) = &b.withdrawn {
        return Err(BulletinError::Withdrawn { no: b.bulletin_no, at: w.at.get(..10).unwrap_or_default().to_string(), reason: w.reason.clone(), action: "撤回" }.into());
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(BulletinError::Required("撤回原因").into());
    }
    if reason.chars().count() > rules::REASON_MAX {
        return Err(BulletinError::TooLong { what: "撤回原因", chars: reason.chars().count(), max: rules::REASON_MAX }.into());
    }
    store::insert_withdrawal(tx, id, reason)?;
    tx.audit("bulletin.withdraw", "bulletin", id, json!({ "bulletin_no": b.bulletin_no, "reason": reason }))?;
    get(tx, id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Bulletin> {
    store::bulletin_by_id(conn, id)?.ok_or_else(|| BulletinError::NotFound(id.to_string()).into())
}

/// Every notice, newest first.
pub fn list(conn: &Connection) -> Result<Vec<Bulletin>> {
    store::bulletins(conn)
}

/// A notice named by its number (GG20261123-01, any case) or its id.
pub fn find(conn: &Connection, text: &str) -> Result<i64> {
    let t = text.trim();
    if let Some(id) = store::bulletin_by_no(conn, &t.to_uppercase())? {
        return Ok(id);
    }
    if let Ok(id) = t.trim_start_matches('#').parse::<i64>()
        && store::bulletin_by_id(conn, id)?.is_some()
    {
        return Ok(id);
    }
    Err(BulletinError::NotFound(t.chars().take(20).collect()).into())
}

#[cfg(test)]
mod tests;

//! The notice board (公告通知): templates and their edits, the issue dialog's
//! live preview, the notices issued, withdrawn, printed (saved in `公告/`
//! beside the estate file and opened) and copied as text.

use estate_core::bulletins::{self, Bulletin, Filled, NewBulletin, Preview, Template, TemplateText};
use estate_core::desk;
use tauri::State;

use super::fees::Printed;
use crate::places;
use crate::state::{Desk, Reply};

const FOLDER: &str = "公告";

#[tauri::command]
pub async fn notice_templates(desk: State<'_, Desk>) -> Reply<Vec<Template>> {
    desk.read(|db| bulletins::templates(db.conn(), db.now().date_naive()))
}

#[tauri::command]
pub async fn notice_template_add(desk: State<'_, Desk>, form: TemplateText) -> Reply<Template> {
    desk.act(|db, staff| desk::notice_template_add(db, staff, &form))
}

#[tauri::command]
pub async fn notice_template_edit(desk: State<'_, Desk>, template: String, form: TemplateText) -> Reply<Template> {
    desk.act(|db, staff| desk::notice_template_edit(db, staff, &template, &form))
}

/// What the notice would say with the values typed so far; nothing is refused.
#[tauri::command]
pub async fn notice_preview(desk: State<'_, Desk>, template: String, values: Vec<Filled>, date: String) -> Reply<Preview> {
    desk.read(|db| {
        let id = bulletins::find_template(db.conn(), &template)?;
        bulletins::preview(db.conn(), id, &values, &date, db.now().date_naive())
    })
}

#[tauri::command]
pub async fn notice_issue(desk: State<'_, Desk>, form: NewBulletin) -> Reply<Bulletin> {
    desk.act(|db, staff| desk::notice_issue(db, staff, &form))
}

/// Every notice, newest first.
#[tauri::command]
pub async fn notice_list(desk: State<'_, Desk>) -> Reply<Vec<Bulletin>> {
    desk.read(|db| bulletins::list(db.conn()))
}

#[tauri::command]
pub async fn notice_withdraw(desk: State<'_, Desk>, notice: String, reason: String) -> Reply<Bulletin> {
    desk.act(|db, staff| desk::notice_withdraw(db, staff, &notice, &reason))
}

/// The plain text for a message (the screen copies it).
#[tauri::command]
pub async fn notice_text(desk: State<'_, Desk>, notice: String) -> Reply<String> {
    desk.act(|db, staff| desk::notice_text(db, staff, &notice))
}

/// Saves the notice's PDF in `公告/` and opens it.
#[tauri::command]
pub async fn notice_print(desk: State<'_, Desk>, notice: String, seal: bool) -> Reply<Printed> {
    let out = desk.act_at(|db, staff, db_path| {
        let pdf = desk::notice_pdf(db, staff, &notice, seal)?;
        // Only letters, digits and dashes of the number reach the file name, whatever the web view sent.
        let no: String = notice.trim().to_uppercase().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        let out = places::dated_file(db_path, FOLDER, &format!("公告-{no}"), "pdf", db.now())?;
        estate_core::error::FileError::write(&out, &pdf)?;
        Ok(out)
    })?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

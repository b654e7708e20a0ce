//! Billing notices: the preview's figures, the PDF (saved beside the estate
//! file and opened for printing, with a progress bar) and the messaging sheet.

use estate_core::notices::{self, Filter, Summary};
use estate_core::{arrears, desk};
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

use super::fees::Progress;
use crate::places;
use crate::state::{Desk, Reply};

/// The screen's choices as typed: a month (2026-11) or a quarter (2026-Q4), a
/// building or blank for all, a day or blank for today.
#[derive(Deserialize)]
pub struct NoticesForm {
    period: String,
    building: String,
    as_of: String,
}

impl NoticesForm {
    /// The saved file's name: 收费通知单-2026-11-全部, 收费通知单-2026-Q4-3栋.
    fn stem(&self, kind: &str, filter: &Filter) -> String {
        let building = filter.building.as_ref().map_or("全部".to_string(), |b| format!("{b}栋"));
        format!("{kind}-{}-{building}", filter.period)
    }
}

#[tauri::command]
pub async fn notices_preview(desk: State<'_, Desk>, form: NoticesForm) -> Reply<Summary> {
    desk.read(|db| {
        let filter = Filter::read(&form.period, &form.building)?;
        let as_of = arrears::read_as_of(&form.as_of, db.now().date_naive())?;
        Ok(notices::notices(db.conn(), &filter, as_of)?.summary())
    })
}

#[derive(Serialize)]
pub struct SavedNotices {
    summary: Summary,
    path: String,
    /// Set when the PDF was saved but no viewer could be opened.
    viewer_problem: Option<String>,
}

/// Saves the notices' PDF in the `notices` folder beside the estate file and opens it for printing.
#[tauri::command]
pub async fn print_notices(desk: State<'_, Desk>, form: NoticesForm, on_progress: Channel<Progress>) -> Reply<SavedNotices> {
    // A progress message the window missed is no reason to fail the job.
    let mut progress = |done, total| drop(on_progress.send(Progress { done, total }));
    let (summary, out) = desk.act_at(|db, staff, db_path| {
        let filter = Filter::read(&form.period, &form.building)?;
        let as_of = arrears::read_as_of(&form.as_of, db.now().date_naive())?;
        let out = places::notices_file(db_path, &form.stem("收费通知单", &filter), "pdf")?;
        Ok((desk::print_notices(db, staff, &filter, as_of, &out, &mut progress)?, out))
    })?;
    Ok(SavedNotices { summary, path: out.display().to_string(), viewer_problem: places::show(&out) })
}

/// Saves the messaging sheet beside the PDFs; the window shows where.
#[tauri::command]
pub async fn export_notice_messages(desk: State<'_, Desk>, form: NoticesForm) -> Reply<SavedNotices> {
    let (summary, out) = desk.act_at(|db, staff, db_path| {
        let filter = Filter::read(&form.period, &form.building)?;
        let as_of = arrears::read_as_of(&form.as_of, db.now().date_naive())?;
        let out = places::notices_file(db_path, &form.stem("通知短信", &filter), "xlsx")?;
        Ok((desk::export_notice_messages(db, staff, &filter, as_of, &out)?, out))
    })?;
    Ok(SavedNotices { summary, path: out.display().to_string(), viewer_problem: None })
}

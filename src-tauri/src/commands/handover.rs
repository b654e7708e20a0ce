//! The monthly workbook for finance: headline figures, and the export saved
//! beside the estate file with its folder opened.

use estate_core::desk;
use estate_core::fees::Period;
use estate_core::handover::{Headline, SheetInfo};
use serde::Serialize;
use tauri::State;

use crate::places;
use crate::state::{Desk, Reply};

#[tauri::command]
pub async fn monthly_headline(desk: State<'_, Desk>, period: String) -> Reply<Headline> {
    desk.act(|db, staff| desk::monthly_headline(db, staff, Period::parse(&period)?))
}

#[derive(Serialize)]
pub struct MonthlyExported {
    pub path: String,
    pub folder: String,
    pub sheets: Vec<SheetInfo>,
    pub headline: Headline,
    /// Why the folder could not be shown, when it could not.
    pub viewer_problem: Option<String>,
}

#[tauri::command]
pub async fn export_monthly(desk: State<'_, Desk>, period: String) -> Reply<MonthlyExported> {
    let done = desk.act_at(|db, staff, db_path| {
        let period = Period::parse(&period)?;
        let out = places::report_file(db_path, &format!("月度报表-{period}.xlsx"))?;
        desk::export_monthly(db, staff, period, &out)
    })?;
    let path = std::path::PathBuf::from(&done.file);
    let folder = path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    Ok(MonthlyExported {
        viewer_problem: places::show_folder(&folder),
        folder: folder.display().to_string(),
        path: done.file,
        sheets: done.sheets,
        headline: done.headline,
    })
}

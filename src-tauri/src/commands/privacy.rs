//! One person's data, for a supervisor: phones and ID number revealed on the
//! person dialog, the data-subject export saved beside the estate file, and
//! the erasure of a former tenant's personal data.

use estate_core::desk;
use estate_core::privacy::{Erasure, Exported, Revealed};
use serde::Serialize;
use tauri::State;

use crate::places;
use crate::state::{Desk, Reply};

#[tauri::command]
pub async fn reveal_person(desk: State<'_, Desk>, person_id: i64) -> Reply<Revealed> {
    desk.act(|db, staff| desk::reveal_person(db, staff, person_id))
}

#[derive(Serialize)]
pub struct PersonExported {
    pub path: String,
    pub folder: String,
    pub exported: Exported,
    /// Why the folder could not be shown, when it could not.
    pub viewer_problem: Option<String>,
}

/// Saves `<estate folder>/个人信息导出/住户<id>-<time>.xlsx` (the id, not the name:
/// a file name is seen by anyone who opens the folder) and shows the folder.
#[tauri::command]
pub async fn export_person(desk: State<'_, Desk>, person_id: i64) -> Reply<PersonExported> {
    let exported = desk.act_at(|db, staff, db_path| {
        let out = places::dated_file(db_path, "个人信息导出", &format!("住户{person_id}"), "xlsx", db.now())?;
        desk::export_person(db, staff, person_id, &out)
    })?;
    let path = std::path::PathBuf::from(&exported.file);
    let folder = path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    Ok(PersonExported { viewer_problem: places::show_folder(&folder), folder: folder.display().to_string(), path: exported.file.clone(), exported })
}

/// Erases a former tenant's personal data; the search index is read again after it.
#[tauri::command]
pub async fn erase_person(desk: State<'_, Desk>, person_id: i64, reason: String) -> Reply<Erasure> {
    desk.act_register(|db, staff| desk::erase_person(db, staff, person_id, &reason))
}

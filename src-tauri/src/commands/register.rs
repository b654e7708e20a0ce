//! The owner register: the search box, the list, the unit card, edits and the import.
//! Every write goes through `act_register`, which re-reads the search index after it.

use estate_core::staff::Approval;
use std::path::PathBuf;

use estate_core::desk;
use estate_core::register::import::{ImportOptions, ImportReport};
use estate_core::register::{
    self, BuildingRow, NewUnitForm, OccupantForm, Person, PersonForm, Transfer, TransferForm, Unit, UnitCard, UnitDetailsForm, UnitRow, Vehicle,
    read_date,
};
use estate_core::search::Hit;
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

use crate::state::{Desk, Reply};

/// The one search box: units, people (names, pinyin initials, phones), plates.
#[tauri::command]
pub async fn search(desk: State<'_, Desk>, query: String, limit: usize) -> Reply<Vec<Hit>> {
    desk.search(&query, limit)
}

#[tauri::command]
pub async fn unit_card(desk: State<'_, Desk>, unit: String) -> Reply<UnitCard> {
    desk.read(|db| register::unit_card(db.conn(), &register::find_unit(db.conn(), &unit)?))
}

/// The unit's history (单元大事记), newest first.
#[tauri::command]
pub async fn unit_history(desk: State<'_, Desk>, unit: String) -> Reply<Vec<estate_core::history::Event>> {
    desk.read(|db| estate_core::history::unit_history(db.conn(), &register::find_unit(db.conn(), &unit)?))
}

#[tauri::command]
pub async fn unit_list(desk: State<'_, Desk>) -> Reply<Vec<UnitRow>> {
    desk.read(|db| register::unit_list(db.conn()))
}

#[tauri::command]
pub async fn buildings(desk: State<'_, Desk>) -> Reply<Vec<BuildingRow>> {
    desk.read(|db| register::buildings(db.conn()))
}

#[tauri::command]
pub async fn add_unit(desk: State<'_, Desk>, form: NewUnitForm) -> Reply<Unit> {
    desk.act_register(|db, staff| desk::add_unit(db, staff, &form.read()?))
}

#[tauri::command]
pub async fn edit_unit(desk: State<'_, Desk>, unit: String, form: UnitDetailsForm, approval: Option<Approval>) -> Reply<Unit> {
    desk.act_register(|db, staff| desk::edit_unit(db, staff, &unit, &form.read()?, approval.as_ref()))
}

/// Returns the person and whether they were new (`false`: already on file, reused).
#[tauri::command]
pub async fn add_occupant(desk: State<'_, Desk>, unit: String, form: OccupantForm) -> Reply<(Person, bool)> {
    desk.act_register(|db, staff| form.read().map_err(Into::into).and_then(|(p, role, from)| desk::add_occupant(db, staff, &unit, &p, role, from)))
}

#[tauri::command]
pub async fn edit_person(desk: State<'_, Desk>, person_id: i64, form: PersonForm) -> Reply<Person> {
    desk.act_register(|db, staff| desk::edit_person(db, staff, person_id, &form.read()?))
}

#[tauri::command]
pub async fn end_occupancy(desk: State<'_, Desk>, unit: String, occupancy_id: i64, to: String) -> Reply<()> {
    desk.act_register(|db, staff| desk::end_occupancy(db, staff, &unit, occupancy_id, read_date(&to, "结束日期")?))
}

#[tauri::command]
pub async fn transfer(desk: State<'_, Desk>, unit: String, form: TransferForm) -> Reply<Transfer> {
    desk.act_register(|db, staff| form.read().map_err(Into::into).and_then(|(p, date, note)| desk::transfer(db, staff, &unit, &p, date, &note)))
}

#[tauri::command]
pub async fn add_vehicle(desk: State<'_, Desk>, unit: String, plate: String, person_id: Option<i64>) -> Reply<Vehicle> {
    desk.act_register(|db, staff| desk::add_vehicle(db, staff, &unit, &plate, person_id))
}

/// The import wizard's choices.
#[derive(Deserialize)]
pub struct ImportForm {
    path: PathBuf,
    /// Blank = the first sheet.
    sheet: String,
    dry_run: bool,
    skip_bad_rows: bool,
}

/// Rows processed so far, for the progress bar.
#[derive(Clone, Serialize)]
pub struct ImportProgress {
    pub(crate) done: usize,
    pub(crate) total: usize,
}

/// Imports (or, as a dry run, checks) an owner register, reporting progress on `on_progress`.
/// A progress message the window cannot take is dropped: the import itself goes on.
#[tauri::command]
pub async fn import_owners(desk: State<'_, Desk>, form: ImportForm, on_progress: Channel<ImportProgress>) -> Reply<ImportReport> {
    let sheet = Some(form.sheet.trim().to_string()).filter(|s| !s.is_empty());
    let options = ImportOptions { sheet, dry_run: form.dry_run, skip_bad_rows: form.skip_bad_rows };
    let mut progress = |done, total| drop(on_progress.send(ImportProgress { done, total }));
    desk.act_register(|db, staff| desk::import_owners(db, staff, &form.path, &options, &mut progress))
}

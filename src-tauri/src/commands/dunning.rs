//! Dunning (催缴): units in arrears with their stage, contacts, letters, deliveries, warnings, reminder texts.

use estate_core::arrears;
use estate_core::desk;
use estate_core::dunning::{self, Contact, ContactForm, Delivery, DeliveryForm, DunningList, History, LetterBatch, LetterOptions, Pick, Warnings};
use estate_core::register;
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

use super::fees::Progress;
use crate::places;
use crate::state::{Desk, Reply};

/// The screen's filters as typed; blanks mean "any" (and today for the day).
#[derive(Deserialize)]
pub struct PickForm {
    building: String,
    min_days: i64,
    min_amount: String,
    stage: String,
    as_of: String,
}

impl PickForm {
    fn read(&self, db: &estate_core::Db) -> estate_core::Result<(Pick, chrono::NaiveDate)> {
        let pick = Pick::read(&self.building, self.min_days, &self.min_amount, &self.stage)?;
        Ok((pick, arrears::read_as_of(&self.as_of, db.now().date_naive())?))
    }
}

#[tauri::command]
pub async fn dunning_units(desk: State<'_, Desk>, form: PickForm) -> Reply<DunningList> {
    desk.read(|db| {
        let (pick, as_of) = form.read(db)?;
        dunning::units(db.conn(), as_of, &pick)
    })
}

#[tauri::command]
pub async fn dunning_history(desk: State<'_, Desk>, unit: String) -> Reply<History> {
    desk.read(|db| dunning::history(db.conn(), Some(&register::find_unit(db.conn(), &unit)?)))
}

#[tauri::command]
pub async fn dunning_warnings(desk: State<'_, Desk>, as_of: String) -> Reply<Warnings> {
    desk.read(|db| dunning::warnings(db.conn(), arrears::read_as_of(&as_of, db.now().date_naive())?))
}

#[tauri::command]
pub async fn dunning_record_contact(desk: State<'_, Desk>, form: ContactForm) -> Reply<Contact> {
    desk.act(|db, staff| desk::dunning::record_contact(db, staff, &form))
}

#[tauri::command]
pub async fn dunning_record_delivery(desk: State<'_, Desk>, form: DeliveryForm) -> Reply<Delivery> {
    desk.act(|db, staff| desk::dunning::record_delivery(db, staff, &form))
}

/// A saved file and, when the viewer could not open it, why.
#[derive(Serialize)]
pub struct Saved<T> {
    #[serde(flatten)]
    result: T,
    path: String,
    viewer_problem: Option<String>,
}

/// Prints the filtered units' letters into `催缴函/` beside the estate file and
/// opens the PDF; progress (letters laid out) streams over `on_progress`.
#[tauri::command]
pub async fn dunning_print_letters(desk: State<'_, Desk>, form: PickForm, deadline_days: u32, with_slip: bool, on_progress: Channel<Progress>) -> Reply<Saved<LetterBatch>> {
    let mut progress = |done, total| drop(on_progress.send(Progress { done, total }));
    let (batch, out) = desk.act_at(|db, staff, db_path| {
        let (pick, as_of) = form.read(db)?;
        let out = places::dated_file(db_path, "催缴函", "催缴函", "pdf", db.now())?;
        let batch = desk::dunning::print_letters(db, staff, &pick, LetterOptions { as_of, deadline_days, with_slip }, &out, &mut progress)?;
        Ok((batch, out))
    })?;
    Ok(Saved { result: batch, viewer_problem: places::show(&out), path: out.display().to_string() })
}

/// What the reminder export wrote.
#[derive(Serialize)]
pub struct Exported {
    rows: usize,
    without_phone: Vec<String>,
}

/// Saves the reminder sheet into `导出/` beside the estate file.
#[tauri::command]
pub async fn dunning_export_reminders(desk: State<'_, Desk>, form: PickForm, deadline_days: u32) -> Reply<Saved<Exported>> {
    let (r, out) = desk.act_at(|db, staff, db_path| {
        let (pick, as_of) = form.read(db)?;
        let out = places::dated_file(db_path, "导出", "催缴短信", "xlsx", db.now())?;
        Ok((desk::dunning::export_reminders(db, staff, as_of, &pick, deadline_days, &out)?, out))
    })?;
    Ok(Saved { result: Exported { rows: r.rows.len(), without_phone: r.without_phone }, viewer_problem: None, path: out.display().to_string() })
}

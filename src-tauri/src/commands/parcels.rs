//! The parcel shelf (快递): batch intake, the list, pickup by code, unit or
//! phone tail, texts and reminders saved for the messaging service, returns,
//! labels. Files go to `快递/` beside the estate file, named by date and time.

use estate_core::arrears::read_as_of;
use estate_core::parcels::{self, Filter, Find, Kind, Messages, NewParcel, NewPickup, Parcel, Status, Summary, rules};
use estate_core::{desk, register};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::places;
use crate::state::{Desk, Reply};

const FOLDER: &str = "快递";

/// The intake form as typed: blank carrier = told from the number, blank recipient = guessed.
#[derive(Deserialize)]
pub struct ParcelForm {
    kind: String,
    carrier: String,
    tracking_no: String,
    unit: String,
    recipient: String,
    size: String,
    shelf: String,
}

#[tauri::command]
pub async fn parcel_in(desk: State<'_, Desk>, form: ParcelForm) -> Reply<Parcel> {
    let new = NewParcel { kind: form.kind, carrier: form.carrier, tracking_no: form.tracking_no, unit: form.unit, recipient: form.recipient, size: form.size, shelf: form.shelf };
    desk.act(|db, staff| desk::parcel_in(db, staff, &new))
}

/// The name the intake form offers for a unit (its last recipient, else its owner); blank when none.
#[tauri::command]
pub async fn parcel_guess_recipient(desk: State<'_, Desk>, unit: String) -> Reply<String> {
    desk.read(|db| Ok(parcels::likely_recipient(db.conn(), &register::find_unit(db.conn(), &unit)?)?.unwrap_or_default()))
}

/// The list's choices: days as typed (blank from = 30 days before `to`, blank to = today), status and kind codes or blank.
#[derive(Deserialize)]
pub struct ParcelListForm {
    from: String,
    to: String,
    status: String,
    kind: String,
}

#[tauri::command]
pub async fn parcel_list(desk: State<'_, Desk>, form: ParcelListForm) -> Reply<Vec<Parcel>> {
    desk.read(|db| {
        let today = db.now().date_naive();
        let to = read_as_of(&form.to, today)?;
        let from = read_as_of(&form.from, to - chrono::Duration::days(29))?;
        let status = match form.status.as_str() {
            "waiting" => Some(Status::Waiting),
            "collected" => Some(Status::Collected),
            "returned" => Some(Status::Returned),
            _ => None,
        };
        let kind = (!form.kind.is_empty()).then(|| Kind::from_code(&form.kind));
        parcels::list(db.conn(), &Filter { from: Some(from), to: Some(to), status, unit_id: None, kind }, today)
    })
}

#[tauri::command]
pub async fn parcel_summary(desk: State<'_, Desk>) -> Reply<Summary> {
    desk.read(|db| parcels::summary(db.conn(), db.now().date_naive()))
}

/// Waiting parcels by `by` ("code", "unit" or "phone") and what was typed.
#[tauri::command]
pub async fn parcel_find(desk: State<'_, Desk>, by: String, text: String) -> Reply<Vec<Parcel>> {
    let find = match by.as_str() {
        "unit" => Find::Unit(text),
        "phone" => Find::PhoneTail(text),
        _ => Find::Code(text),
    };
    desk.read(|db| parcels::find_waiting(db.conn(), &find, db.now().date_naive()))
}

/// The pickup as the clerk records it: the code when the collector said it.
#[derive(Deserialize)]
pub struct PickupForm {
    ids: Vec<i64>,
    code: String,
    collector: String,
    collector_name: String,
    note: String,
}

#[tauri::command]
pub async fn parcel_pickup(desk: State<'_, Desk>, form: PickupForm) -> Reply<Vec<Parcel>> {
    desk.act(|db, staff| {
        let code = Some(form.code.trim().to_string()).filter(|c| !c.is_empty());
        let how = NewPickup { code, collector: rules::parse_collector(&form.collector)?, collector_name: form.collector_name, note: form.note };
        desk::parcel_pickup(db, staff, &form.ids, &how)
    })
}

#[tauri::command]
pub async fn parcel_return(desk: State<'_, Desk>, id: i64, taken_by: String, reason: String) -> Reply<Parcel> {
    desk.act(|db, staff| desk::parcel_return(db, staff, id, &taken_by, &reason))
}

#[derive(Serialize)]
pub struct ParcelMessagesSaved {
    messages: usize,
    without_phone: Vec<Parcel>,
    path: String,
}

fn saved(m: Messages, out: &std::path::Path) -> ParcelMessagesSaved {
    ParcelMessagesSaved { messages: m.messages.len(), without_phone: m.without_phone, path: out.display().to_string() }
}

/// Texts for the parcels picked (none picked: every waiting parcel not yet notified), saved as xlsx.
#[tauri::command]
pub async fn parcel_notify(desk: State<'_, Desk>, ids: Vec<i64>) -> Reply<ParcelMessagesSaved> {
    desk.act_at(|db, staff, db_path| {
        let out = places::dated_file(db_path, FOLDER, "取件通知", "xlsx", db.now())?;
        let ids = (!ids.is_empty()).then_some(ids);
        Ok(saved(desk::parcel_notify(db, staff, ids.as_deref(), &out)?, &out))
    })
}

#[tauri::command]
pub async fn parcel_remind(desk: State<'_, Desk>) -> Reply<ParcelMessagesSaved> {
    desk.act_at(|db, staff, db_path| {
        let out = places::dated_file(db_path, FOLDER, "催取提醒", "xlsx", db.now())?;
        Ok(saved(desk::parcel_remind(db, staff, &out)?, &out))
    })
}

#[derive(Serialize)]
pub struct LabelsPrinted {
    labels: usize,
    path: String,
    viewer_problem: Option<String>,
}

/// Saves the labels of the parcels picked and opens the PDF for printing.
#[tauri::command]
pub async fn parcel_labels(desk: State<'_, Desk>, ids: Vec<i64>) -> Reply<LabelsPrinted> {
    let (labels, out) = desk.act_at(|db, staff, db_path| {
        let out = places::dated_file(db_path, FOLDER, "取件标签", "pdf", db.now())?;
        Ok((desk::parcel_labels(db, staff, &ids, &out)?, out))
    })?;
    Ok(LabelsPrinted { labels, path: out.display().to_string(), viewer_problem: places::show(&out) })
}

//! The daily close (日结): a clerk's day, closing it, the handover sheet, past closes.

use estate_core::arrears::read_as_of;
use estate_core::close::{self, Closed, DayClose, DaySummary};
use estate_core::{desk, fees};
use serde::Deserialize;
use tauri::State;

use crate::commands::fees::Printed;
use crate::places;
use crate::state::{Desk, Reply, broken};

/// Whose day and which: the date as typed, blank for today.
#[derive(Deserialize)]
pub struct DayForm {
    clerk: String,
    date: String,
}

#[derive(Deserialize)]
pub struct CloseForm {
    clerk: String,
    date: String,
    cash_counted: String,
    note: String,
}

#[tauri::command]
pub async fn day_summary(desk: State<'_, Desk>, form: DayForm) -> Reply<DaySummary> {
    desk.read(|db| close::summary(db.conn(), &form.clerk, read_as_of(&form.date, db.now().date_naive())?))
}

#[tauri::command]
pub async fn day_clerks(desk: State<'_, Desk>) -> Reply<Vec<String>> {
    desk.read(|db| close::clerks(db.conn()))
}

/// The closes of a month (YYYY-MM), or all of them when blank.
#[tauri::command]
pub async fn day_closes(desk: State<'_, Desk>, month: String) -> Reply<Vec<DayClose>> {
    desk.read(|db| close::closes(db.conn(), Some(month.trim()).filter(|m| !m.is_empty()).map(fees::Period::parse).transpose()?))
}

/// Closes the day and backs the estate up (the close stands if the backup fails; it says why).
/// The close commits first; the backup (its integrity check takes seconds on a
/// big file) then runs on a blocking thread through its own connection, so the
/// desk's file lock is free meanwhile and the window's other calls go on.
#[tauri::command]
pub async fn close_day(desk: State<'_, Desk>, form: CloseForm) -> Reply<Closed> {
    let (summary, estate, now) = desk.act_at(|db, staff, path| {
        let day = read_as_of(&form.date, db.now().date_naive())?;
        let summary = desk::close_day(db, staff, &form.clerk, day, fees::parse_amount(&form.cash_counted)?, &form.note)?;
        Ok((summary, path.to_path_buf(), db.now().naive_local()))
    })?;
    tauri::async_runtime::spawn_blocking(move || close::backed_up(&estate, summary, now)).await.map_err(|_| broken())
}

/// Saves the handover sheet beside the estate file and opens it for printing.
#[tauri::command]
pub async fn print_handover_sheet(desk: State<'_, Desk>, form: DayForm) -> Reply<Printed> {
    let out = desk.act_at(|db, staff, db_path| {
        let day = read_as_of(&form.date, db.now().date_naive())?;
        let out = places::handover_file(db_path, &form.clerk, day)?;
        desk::save_handover_sheet(db, staff, &form.clerk, day, &out).map(|_| out)
    })?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

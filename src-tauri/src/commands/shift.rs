//! The shift handover (交接班): the signed-in clerk hands over what is open,
//! the next one sees the handovers awaiting them on signing in and
//! acknowledges them. The snapshot holds no resident's name or phone.

use estate_core::desk;
use estate_core::shift::{self, Handover};
use tauri::State;

use crate::state::{Desk, Reply};

#[tauri::command]
pub async fn shift_list(desk: State<'_, Desk>, open_only: bool) -> Reply<Vec<Handover>> {
    desk.read(|db| shift::list(db.conn(), open_only))
}

#[tauri::command]
pub async fn shift_show(desk: State<'_, Desk>, handover: String) -> Reply<Handover> {
    desk.read(|db| shift::handover(db.conn(), shift::find(db.conn(), &handover)?))
}

/// The handovers of others not yet acknowledged: what the sign-in dialog shows.
#[tauri::command]
pub async fn shift_awaiting(desk: State<'_, Desk>) -> Reply<Vec<Handover>> {
    desk.act(|db, staff| shift::awaiting(db.conn(), &staff.name))
}

/// What a handover made now would hold (the dialog shows it before 交班).
#[tauri::command]
pub async fn shift_preview(desk: State<'_, Desk>) -> Reply<shift::Snapshot> {
    desk.act(|db, staff| shift::snapshot(db.conn(), &staff.name, db.now()))
}

#[tauri::command]
pub async fn shift_hand_over(desk: State<'_, Desk>, note: String) -> Reply<Handover> {
    desk.act(|db, staff| desk::shift_hand_over(db, staff, &note))
}

#[tauri::command]
pub async fn shift_acknowledge(desk: State<'_, Desk>, handover: String, note: String) -> Reply<Handover> {
    desk.act(|db, staff| desk::shift_acknowledge(db, staff, &handover, &note))
}

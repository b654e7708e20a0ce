//! Staff accounts (主管 manages them; everyone changes their own password).

use estate_core::desk;
use estate_core::staff::{self, Staff, StaffRole};
use tauri::State;

use crate::state::{Desk, Reply};

#[tauri::command]
pub async fn staff_list(desk: State<'_, Desk>) -> Reply<Vec<Staff>> {
    desk.read(|db| staff::list_staff(db.conn()))
}

#[tauri::command]
pub async fn staff_add(desk: State<'_, Desk>, name: String, role: String, password: String) -> Reply<Staff> {
    desk.act(|db, me| desk::add_staff(db, me, &name, StaffRole::parse(&role)?, &password))
}

#[tauri::command]
pub async fn staff_set_password(desk: State<'_, Desk>, name: String, password: String) -> Reply<()> {
    desk.act(|db, me| desk::set_password(db, me, &name, &password))
}

#[tauri::command]
pub async fn staff_change_password(desk: State<'_, Desk>, old: String, new: String) -> Reply<()> {
    desk.act(|db, me| desk::change_password(db, me, &old, &new))
}

#[tauri::command]
pub async fn staff_deactivate(desk: State<'_, Desk>, name: String) -> Reply<Staff> {
    desk.act(|db, me| desk::deactivate(db, me, &name))
}

#[tauri::command]
pub async fn staff_reactivate(desk: State<'_, Desk>, name: String) -> Reply<Staff> {
    desk.act(|db, me| desk::reactivate(db, me, &name))
}

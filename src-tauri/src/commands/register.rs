//! The owner register: the search box and the unit card.

use estate_core::register::{self, UnitCard};
use estate_core::search::Hit;
use tauri::State;

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

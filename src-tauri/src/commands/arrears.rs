//! Arrears: who owes, for how long.

use estate_core::arrears::{self, ArrearsReport, Filter};
use serde::Deserialize;
use tauri::State;

use crate::state::{Desk, Reply};

/// The arrears screen's filters as typed; blanks mean "any" (and today for the day).
#[derive(Deserialize)]
pub struct ArrearsForm {
    building: String,
    min_days: i64,
    min_amount: String,
    as_of: String,
}

#[tauri::command]
pub async fn arrears_report(desk: State<'_, Desk>, form: ArrearsForm) -> Reply<ArrearsReport> {
    desk.read(|db| arrears::report(db.conn(), arrears::read_as_of(&form.as_of, db.now().date_naive())?, &Filter::read(&form.building, form.min_days, &form.min_amount)?))
}

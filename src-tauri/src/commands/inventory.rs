//! Cards and handsets (卡证) and the monthly count (盘点): the stock list, issue
//! and return (the deposit taken with its 押金收据, refunded on return), the
//! count from its expected list to the supervisor's sign-off, and the sheets.

use estate_core::desk::{self, IssueForm, ReturnForm, StockForm};
use estate_core::inventory::{self, Count, CountSummary, Item, ItemFilter, ItemKind, Movement, sheet};
use estate_core::register::find_unit;
use estate_core::staff::Approval;
use serde::Deserialize;
use tauri::State;

use crate::commands::fees::Printed;
use crate::places;
use crate::state::{Desk, Reply};

/// The stock list's filter as the screen sends it: blanks mean "all".
#[derive(Deserialize)]
pub struct ItemsFilter {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    unit: String,
    /// "out", "in" or blank.
    #[serde(default)]
    state: String,
}

#[tauri::command]
pub async fn inventory_items(desk: State<'_, Desk>, filter: ItemsFilter) -> Reply<Vec<Item>> {
    desk.read(|db| {
        let kind = Some(filter.kind.trim()).filter(|k| !k.is_empty()).map(ItemKind::parse).transpose()?;
        let unit_id = Some(filter.unit.trim()).filter(|u| !u.is_empty()).map(|u| find_unit(db.conn(), u)).transpose()?.map(|u| u.id);
        let out = match filter.state.as_str() {
            "out" => Some(true),
            "in" => Some(false),
            _ => None,
        };
        inventory::items(db.conn(), &ItemFilter { kind, unit_id, out, ..Default::default() })
    })
}

#[tauri::command]
pub async fn inventory_add_stock(desk: State<'_, Desk>, form: StockForm) -> Reply<Vec<Item>> {
    desk.act(|db, staff| desk::add_stock(db, staff, &form))
}

#[tauri::command]
pub async fn inventory_issue(desk: State<'_, Desk>, form: IssueForm) -> Reply<Movement> {
    desk.act(|db, staff| desk::issue_item(db, staff, &form))
}

#[tauri::command]
pub async fn inventory_return(desk: State<'_, Desk>, form: ReturnForm, approval: Option<Approval>) -> Reply<Movement> {
    desk.act(|db, staff| desk::return_item(db, staff, &form, approval.as_ref()))
}

/// Saves a deposit's 押金收据 in the receipts archive (a reprint beside it as 补打N) and opens it.
#[tauri::command]
pub async fn deposit_print_receipt(desk: State<'_, Desk>, deposit_id: i64) -> Reply<Printed> {
    let (_, out) = desk.act_at(|db, staff, db_path| desk::save_deposit_receipt(db, staff, deposit_id, |no| places::receipt_file(db_path, no)))?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

#[tauri::command]
pub async fn inventory_counts(desk: State<'_, Desk>) -> Reply<Vec<CountSummary>> {
    desk.read(|db| inventory::list_counts(db.conn()))
}

#[tauri::command]
pub async fn inventory_count(desk: State<'_, Desk>, count_id: i64) -> Reply<Count> {
    desk.read(|db| inventory::count(db.conn(), count_id))
}

/// Starts the count of a month ("2026-11"; blank = this month).
#[tauri::command]
pub async fn inventory_count_start(desk: State<'_, Desk>, period: String) -> Reply<Count> {
    desk.act(|db, staff| desk::start_count(db, staff, &period))
}

#[tauri::command]
pub async fn inventory_count_record(desk: State<'_, Desk>, count_id: i64, line_no: i64, found: bool, note: String) -> Reply<Count> {
    desk.act(|db, staff| desk::record_count(db, staff, count_id, line_no, found, &note))
}

#[tauri::command]
pub async fn inventory_count_extra(desk: State<'_, Desk>, count_id: i64, kind: String, label: String, note: String) -> Reply<Count> {
    desk.act(|db, staff| desk::record_extra(db, staff, count_id, &kind, &label, &note))
}

#[tauri::command]
pub async fn inventory_count_close(desk: State<'_, Desk>, count_id: i64, approval: Option<Approval>) -> Reply<Count> {
    desk.act(|db, staff| desk::close_count(db, staff, count_id, approval.as_ref()))
}

/// Saves the count sheet as `盘点/盘点表-<month>-<time>.pdf` beside the estate file and opens it.
#[tauri::command]
pub async fn inventory_count_print(desk: State<'_, Desk>, count_id: i64) -> Reply<Printed> {
    let out = desk.act_at(|db, _, db_path| {
        let count = inventory::count(db.conn(), count_id)?;
        let out = places::dated_file(db_path, "盘点", &format!("盘点表-{}", count.period), "pdf", db.now())?;
        let pdf = sheet::count_sheet(db.conn(), count_id, &db.now().to_rfc3339())?;
        estate_core::error::FileError::write(&out, &pdf)?;
        Ok(out)
    })?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

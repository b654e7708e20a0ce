//! Inspections (巡检): the checklists and their editing (a supervisor), rounds
//! started, answered, finished, a work order from a finding, what is due (首页),
//! and the round's sheet (saved in `巡检记录/` beside the estate file).

use estate_core::fees::Period;
use estate_core::inspections::{self, Checklist, Due, Item, NewFindingOrder, NewRound, Round, RoundLine, rules};
use estate_core::service::Order;
use estate_core::{desk, register};
use serde::Deserialize;
use tauri::State;

use super::fees::Printed;
use crate::places;
use crate::state::{Desk, Reply};

const FOLDER: &str = "巡检记录";

fn checklist(text: &str) -> estate_core::Result<Checklist> {
    Ok(rules::checklist(text)?)
}

/// Both checklists' items in order, the retired ones after them.
#[tauri::command]
pub async fn inspect_items(desk: State<'_, Desk>) -> Reply<Vec<Item>> {
    desk.read(|db| {
        let mut all = inspections::items(db.conn(), Checklist::Public, true)?;
        all.extend(inspections::items(db.conn(), Checklist::Vacant, true)?);
        Ok(all)
    })
}

/// One edit of a checklist: add (name), rename (item, name), retire (item), move (item, to).
#[derive(Deserialize)]
pub struct ItemEditForm {
    action: String,
    checklist: String,
    item: String,
    name: String,
    to: String,
}

#[tauri::command]
pub async fn inspect_item_edit(desk: State<'_, Desk>, form: ItemEditForm) -> Reply<Vec<Item>> {
    desk.act(|db, staff| {
        let c = checklist(&form.checklist)?;
        match form.action.as_str() {
            "add" => desk::inspect_item_add(db, staff, c, &form.name).map(|_| ()),
            "rename" => desk::inspect_item_rename(db, staff, c, &form.item, &form.name).map(|_| ()),
            "retire" => desk::inspect_item_retire(db, staff, c, &form.item).map(|_| ()),
            _ => desk::inspect_item_move(db, staff, c, &form.item, &form.to).map(|_| ()),
        }?;
        let mut all = inspections::items(db.conn(), Checklist::Public, true)?;
        all.extend(inspections::items(db.conn(), Checklist::Vacant, true)?);
        Ok(all)
    })
}

/// Rounds of a month (blank: all) and of a unit (blank: all), newest first.
#[tauri::command]
pub async fn inspect_list(desk: State<'_, Desk>, month: String, unit: String) -> Reply<Vec<RoundLine>> {
    desk.read(|db| {
        let month = if month.trim().is_empty() { None } else { Some(Period::parse(&month)?) };
        let unit = if unit.trim().is_empty() { None } else { Some(register::find_unit(db.conn(), &unit)?) };
        inspections::list(db.conn(), month, unit.map(|u| u.id))
    })
}

#[tauri::command]
pub async fn inspect_show(desk: State<'_, Desk>, round: String) -> Reply<Round> {
    desk.read(|db| {
        let id = inspections::find(db.conn(), &round)?;
        inspections::round(db.conn(), id)
    })
}

/// What is due today (首页 and the screen).
#[tauri::command]
pub async fn inspect_due(desk: State<'_, Desk>) -> Reply<Vec<Due>> {
    desk.read(|db| inspections::due(db.conn(), db.now().date_naive()))
}

#[derive(Deserialize)]
pub struct StartForm {
    checklist: String,
    unit: String,
    inspector: String,
    on: String,
}

#[tauri::command]
pub async fn inspect_start(desk: State<'_, Desk>, form: StartForm) -> Reply<Round> {
    let new = NewRound { checklist: form.checklist, unit: form.unit, inspector: form.inspector, on: form.on };
    desk.act(|db, staff| desk::inspect_start(db, staff, &new))
}

#[tauri::command]
pub async fn inspect_record(desk: State<'_, Desk>, round: String, item: String, ok: bool, note: String) -> Reply<Round> {
    desk.act(|db, staff| desk::inspect_record(db, staff, &round, &item, ok, &note))
}

#[tauri::command]
pub async fn inspect_finish(desk: State<'_, Desk>, round: String) -> Reply<Round> {
    desk.act(|db, staff| desk::inspect_finish(db, staff, &round))
}

#[derive(Deserialize)]
pub struct FindingOrderForm {
    category: String,
    location: String,
    description: String,
}

/// Opens the work order of a finding; phones are not on it (no caller).
#[tauri::command]
pub async fn inspect_order(desk: State<'_, Desk>, round: String, item: String, form: FindingOrderForm) -> Reply<Order> {
    let o = NewFindingOrder { category: form.category, location: form.location, description: form.description };
    desk.act(|db, staff| desk::inspect_order(db, staff, &round, &item, &o))
}

/// Saves the round's sheet in `巡检记录/` and opens it.
#[tauri::command]
pub async fn inspect_print(desk: State<'_, Desk>, round: String) -> Reply<Printed> {
    let out = desk.act_at(|db, staff, db_path| {
        let pdf = desk::inspect_pdf(db, staff, &round)?;
        let out = places::dated_file(db_path, FOLDER, &format!("巡检记录-{}", round.trim().to_uppercase()), "pdf", db.now())?;
        estate_core::error::FileError::write(&out, &pdf)?;
        Ok(out)
    })?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

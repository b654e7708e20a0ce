//! Inspections (巡检): the estate's two checklists — 每周公共区域巡检 (the
//! public areas, weekly) and 每月空置房巡检 (each vacant home, monthly) — and
//! the rounds walked with them.
//!
//! Checklist items are the office's to edit (a supervisor: `EditSettings`):
//! added, renamed, moved, retired; never deleted, since past rounds name them.
//! A round (巡检记录, XJ20261123-001) is started with the day it was walked
//! (never ahead of today), the inspector and, for a vacant home, the unit —
//! which must be a home nobody lives in by the register (no current owner,
//! co-owner, tenant or family member). It takes the checklist's active items
//! as they are then; each is answered once, 正常 or 异常 with a note saying
//! what was found; the round is finished once every item is answered, and is
//! not changed after. A finding (an 异常 item) may open one work order
//! (`service::open_for_finding`): 公共区域 for the public areas, 户内 of the
//! unit for a vacant home. What is due: the public areas when no round was
//! finished in the last 7 days, each vacant home with none this month.

mod error;
pub mod model;
pub mod rules;
mod sheet;
mod store;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::json;

use crate::db::Tx;
use crate::error::Result;
use crate::fees::Period;
use crate::register::{Unit, UnitType, find_unit};
use crate::service::Order;
pub use error::InspectError;
pub use model::*;
pub use sheet::round_pdf;

fn required<'a>(text: &'a str, what: &'static str) -> Result<&'a str> {
    let t = text.trim();
    if t.is_empty() {
        return Err(InspectError::Required(what).into());
    }
    Ok(t)
}

/// The items of a checklist in order; the retired ones after them when asked.
pub fn items(conn: &Connection, c: Checklist, with_retired: bool) -> Result<Vec<Item>> {
    store::items(conn, c, with_retired)
}

/// An active item of a checklist named by its name or its place (1, 2, …).
pub fn find_item(conn: &Connection, c: Checklist, text: &str) -> Result<Item> {
    let t = text.trim();
    let active = store::items(conn, c, false)?;
    let found = active.iter().find(|i| i.name == t).or_else(|| t.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|n| active.get(n)));
    found.cloned().ok_or_else(|| {
        let names = active.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join("、");
        InspectError::ItemNotFound { checklist: c.label(), item: t.chars().take(20).collect(), names }.into()
    })
}

fn no_twin(conn: &Connection, c: Checklist, name: &str) -> Result<()> {
    if store::items(conn, c, false)?.iter().any(|i| i.name == name) {
        return Err(InspectError::ItemExists { checklist: c.label(), item: name.to_string() }.into());
    }
    Ok(())
}

/// Adds an item at the end of a checklist.
pub fn add_item(tx: &mut Tx, c: Checklist, name: &str) -> Result<Item> {
    let name = required(name, "检查项名称")?;
    no_twin(tx, c, name)?;
    let last = store::items(tx, c, false)?.last().map_or(0, |i| i.position);
    let id = store::insert_item(tx, c, name, last + 1)?;
    tx.audit("inspect.item_add", "inspection_item", id, json!({ "checklist": c.code(), "name": name }))?;
    item(tx, id)
}

/// Renames an item. Rounds already started keep the name they were started with.
pub fn rename_item(tx: &mut Tx, c: Checklist, item_text: &str, name: &str) -> Result<Item> {
    let it = find_item(tx, c, item_text)?;
    let name = required(name, "新名称")?;
    if name == it.name {
        return Ok(it);
    }
    no_twin(tx, c, name)?;
    store::rename_item(tx, it.id, name)?;
    tx.audit("inspect.item_rename", "inspection_item", it.id, json!({ "checklist": c.code(), "from": it.name, "to": name }))?;
    item(tx, it.id)
}

/// Retires an item: it is on no new round; rounds that have it keep it. The last active item stays.
pub fn retire_item(tx: &mut Tx, c: Checklist, item_text: &str) -> Result<Item> {
    let it = find_item(tx, c, item_text)?;
    if store::items(tx, c, false)?.len() == 1 {
        return Err(InspectError::LastItem { checklist: c.label(), item: it.name }.into());
    }
    store::retire_item(tx, it.id)?;
    tx.audit("inspect.item_retire", "inspection_item", it.id, json!({ "checklist": c.code(), "name": it.name }))?;
    item(tx, it.id)
}

/// Moves an item to place `to` (1 …) of the active items; the others close up. Returns the checklist.
pub fn move_item(tx: &mut Tx, c: Checklist, item_text: &str, to: &str) -> Result<Vec<Item>> {
    let it = find_item(tx, c, item_text)?;
    let active = store::items(tx, c, false)?;
    let to = rules::position(to, active.len() as i64)?;
    let order = rules::moved(&active.iter().map(|i| i.id).collect::<Vec<_>>(), it.id, to);
    for (i, id) in order.iter().enumerate() {
        store::set_position(tx, *id, i as i64 + 1)?;
    }
    tx.audit("inspect.item_move", "inspection_item", it.id, json!({ "checklist": c.code(), "name": it.name, "to": to }))?;
    store::items(tx, c, true)
}

fn item(conn: &Connection, id: i64) -> Result<Item> {
    store::item_by_id(conn, id)?.ok_or_else(|| InspectError::NotFound(format!("#{id}")).into())
}

/// Checks that `unit` is a home nobody lives in.
fn check_vacant(conn: &Connection, unit: &Unit) -> Result<()> {
    if unit.unit_type != UnitType::Residence {
        return Err(InspectError::NotHome { unit: unit.code.clone(), kind: unit.unit_type.label() }.into());
    }
    let who = store::residents(conn, unit.id)?;
    if !who.is_empty() {
        return Err(InspectError::NotVacant { unit: unit.code.clone(), who: who.join("、") }.into());
    }
    Ok(())
}

/// Starts a round with the checklist's active items as they are now.
pub fn start(tx: &mut Tx, r: &NewRound) -> Result<Round> {
    let c = rules::checklist(r.checklist.trim())?;
    let unit = match (c, r.unit.trim()) {
        (Checklist::Public, "") => None,
        (Checklist::Public, _) => return Err(InspectError::UnitForPublic.into()),
        (Checklist::Vacant, "") => return Err(InspectError::UnitRequired.into()),
        (Checklist::Vacant, text) => Some(find_unit(tx, text)?),
    };
    if let Some(u) = &unit {
        check_vacant(tx, u)?;
    }
    let inspector = required(&r.inspector, "巡检人")?;
    let on = rules::day(&r.on, tx.today())?.to_string();
    let items = store::items(tx, c, false)?;
    let prefix = rules::round_no(tx.today(), 0);
    let n = store::count_numbers(tx, &prefix[..prefix.len() - 3])?;
    let no = rules::round_no(tx.today(), n + 1);
    let row = store::RoundRow { round_no: &no, checklist: c, unit_id: unit.as_ref().map(|u| u.id), inspected_on: &on, inspector };
    let id = store::insert_round(tx, &row, &items)?;
    tx.audit(
        "inspect.start",
        "inspection_round",
        id,
        json!({ "round_no": no, "checklist": c.code(), "unit": unit.map(|u| u.code), "inspected_on": on, "inspector": inspector, "items": items.len() }),
    )?;
    round(tx, id)
}

/// The line of an open round named by its place (1, 2, …) or the item's name.
fn line_of(tx: &Tx, id: i64, item_text: &str) -> Result<(store::Head, Answer)> {
    let h = store::round_head(tx, id)?.ok_or_else(|| InspectError::NotFound(id.to_string()))?;
    let answers = store::answers(tx, id, &h.line.round_no)?;
    let t = item_text.trim();
    let found = answers.iter().find(|a| a.item == t).or_else(|| t.parse::<i64>().ok().and_then(|n| answers.iter().find(|a| a.position == n)));
    match found {
        Some(a) => Ok((h, a.clone())),
        None => {
            let items = answers.iter().map(|a| format!("{} {}", a.position, a.item)).collect::<Vec<_>>().join("、");
            Err(InspectError::ItemNotOnRound { no: h.line.round_no, item: t.chars().take(20).collect(), items }.into())
        }
    }
}

/// Answers one item of an open round: 正常, or 异常 with a note saying what was found. Written once.
pub fn record(tx: &mut Tx, id: i64, item_text: &str, ok: bool, note: &str) -> Result<Round> {
    let (h, a) = line_of(tx, id, item_text)?;
    if h.line.finished {
        return Err(InspectError::Finished(h.line.round_no).into());
    }
    if a.ok.is_some() {
        return Err(InspectError::Answered { no: h.line.round_no, item: a.item, result: a.result_label }.into());
    }
    let note = note.trim();
    if !ok && note.is_empty() {
        return Err(InspectError::FaultNeedsNote(a.item).into());
    }
    store::answer(tx, id, a.position, ok, note)?;
    tx.audit("inspect.record", "inspection_round", id, json!({ "round_no": h.line.round_no, "item": a.item, "position": a.position, "ok": ok, "note": note }))?;
    round(tx, id)
}

/// Finishes a round once every item is answered.
pub fn finish(tx: &mut Tx, id: i64) -> Result<Round> {
    let h = store::round_head(tx, id)?.ok_or_else(|| InspectError::NotFound(id.to_string()))?;
    if h.line.finished {
        return Err(InspectError::Finished(h.line.round_no).into());
    }
    let open: Vec<String> = store::answers(tx, id, &h.line.round_no)?.into_iter().filter(|a| a.ok.is_none()).map(|a| a.item).collect();
    if !open.is_empty() {
        return Err(InspectError::Unanswered { no: h.line.round_no, count: open.len(), items: open.join("、") }.into());
    }
    store::finish(tx, id)?;
    tx.audit("inspect.finish", "inspection_round", id, json!({ "round_no": h.line.round_no, "faults": h.line.faults }))?;
    round(tx, id)
}

/// What to type for a work order of a finding; blank location and description are filled from it.
#[derive(Debug, Clone, Default)]
pub struct NewFindingOrder {
    pub category: String,
    pub location: String,
    pub description: String,
}

/// Opens the work order of a finding: 公共区域 for the public areas, 户内 of the vacant home. One per finding.
pub fn open_order(tx: &mut Tx, id: i64, item_text: &str, o: &NewFindingOrder) -> Result<Order> {
    let (h, a) = line_of(tx, id, item_text)?;
    let no = h.line.round_no.clone();
    match a.ok {
        Some(false) => {}
        Some(true) => return Err(InspectError::OkItem { no, item: a.item, why: "是正常" }.into()),
        None => return Err(InspectError::OkItem { no, item: a.item, why: "还没填结果" }.into()),
    }
    if let Some(order) = a.order_no {
        return Err(InspectError::OrderExists { no, item: a.item, order }.into());
    }
    let unit = match h.unit_id {
        Some(u) => Some(crate::register::store::unit_by_id(tx, u)?.ok_or_else(|| InspectError::NotFound(no.clone()))?),
        None => None,
    };
    let location = match (o.location.trim(), &unit) {
        ("", Some(u)) => format!("{} {}", u.code, a.item),
        ("", None) => a.item.clone(),
        (text, _) => text.to_string(),
    };
    let description = match o.description.trim() {
        "" => format!("{} {}发现{}异常：{}", h.line.title, h.line.inspected_on, a.item, a.note),
        text => text.to_string(),
    };
    crate::service::open_for_finding(tx, &a.finding, unit.as_ref(), &o.category, &location, &description)
}

/// One round with its answers and the work orders of its findings.
pub fn round(conn: &Connection, id: i64) -> Result<Round> {
    let h = store::round_head(conn, id)?.ok_or_else(|| InspectError::NotFound(id.to_string()))?;
    Ok(Round { answers: store::answers(conn, id, &h.line.round_no)?, finished_at: h.finished_at, finished_by: h.finished_by, recorded_at: h.recorded_at, operator: h.operator, line: h.line })
}

/// Rounds walked in a month (all when none), of a unit, newest first.
pub fn list(conn: &Connection, month: Option<Period>, unit_id: Option<i64>) -> Result<Vec<RoundLine>> {
    let (from, until) = month.map_or((String::new(), String::new()), |p| (p.first_day().to_string(), p.next().first_day().to_string()));
    Ok(store::rounds(conn, &from, &until, unit_id)?.into_iter().map(|h| h.line).collect())
}

/// What is due at `today`: the public areas when no round was finished in the
/// last 7 days, then each vacant home with none finished this month. A round
/// begun and not finished is named beside it.
pub fn due(conn: &Connection, today: NaiveDate) -> Result<Vec<Due>> {
    let open = store::unfinished(conn)?;
    let open_of = |c: Checklist, unit: Option<i64>| open.iter().find(|(oc, ou, _)| *oc == c && *ou == unit).map(|(_, _, no)| no.clone());
    let day = |t: &String| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok();
    let mut out = Vec::new();
    let public_last = store::last_finished(conn, Checklist::Public)?.into_iter().find(|(u, _)| u.is_none()).and_then(|(_, d)| day(&d));
    if rules::due(Checklist::Public, public_last, today) {
        out.push(due_line(Checklist::Public, String::new(), public_last, open_of(Checklist::Public, None)));
    }
    let vacant_last = store::last_finished(conn, Checklist::Vacant)?;
    for (unit_id, code) in store::vacant_homes(conn)? {
        let last = vacant_last.iter().find(|(u, _)| *u == Some(unit_id)).and_then(|(_, d)| day(d));
        if rules::due(Checklist::Vacant, last, today) {
            out.push(due_line(Checklist::Vacant, code, last, open_of(Checklist::Vacant, Some(unit_id))));
        }
    }
    Ok(out)
}

fn due_line(c: Checklist, unit: String, last: Option<NaiveDate>, open_round: Option<String>) -> Due {
    let mut text = rules::due_text(c, last);
    if let Some(no) = &open_round {
        text = format!("{text}；{no} 进行中，填完后完成");
    }
    Due { checklist: c, checklist_label: c.label(), unit, last: last.map(|d| d.to_string()), open_round, text }
}

/// A round named by its id or its number (XJ20261123-001, any case).
pub fn find(conn: &Connection, text: &str) -> Result<i64> {
    let t = text.trim();
    if let Ok(id) = t.trim_start_matches('#').parse::<i64>()
        && store::round_head(conn, id)?.is_some()
    {
        return Ok(id);
    }
    store::round_by_no(conn, &t.to_uppercase())?.ok_or_else(|| InspectError::NotFound(t.chars().take(20).collect()).into())
}

#[cfg(test)]
mod tests;

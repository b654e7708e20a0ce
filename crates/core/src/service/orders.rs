//! Repair work orders (工程维修单, WX20261123-001): opened from a request or on
//! their own, in a public area or inside a unit; dispatched to a technician,
//! arrived, done (materials, and a cost charged to the owner through the fee
//! ledger: a bill of 维修费, paid at once with a receipt or left owing), then
//! checked by the desk (public) or the owner called back (in-unit), then
//! closed. A repair found wanting after it was done is dispatched again.

use rusqlite::Connection;
use serde_json::json;

use super::model::*;
use super::{ServiceError, now, required, rules, store, view};
use crate::db::Tx;
use crate::error::Result;
use crate::fees::{self, NewPayment, Period};
use crate::register::{Unit, find_unit};

/// The fee item a repair charged to the owner is billed on.
pub const REPAIR_ITEM: &str = "维修费";

/// Opens a work order.
pub fn open_order(tx: &mut Tx, o: &NewOrder) -> Result<Order> {
    let request = match o.request.trim() {
        "" => None,
        text => {
            let id = super::find(tx, text)?;
            let h = store::request_head(tx, id)?.ok_or_else(|| ServiceError::NotFound(text.chars().take(20).collect()))?;
            if h.kind == Kind::Consult {
                return Err(ServiceError::OrderFromConsult(h.request_no).into());
            }
            if h.status == Status::Closed {
                return Err(ServiceError::OrderFromClosed(h.request_no).into());
            }
            Some(h)
        }
    };
    let area = rules::choice("维修区域", required(&o.area, "维修区域")?, Area::parse, Area::labels)?;
    let unit = match (area, o.unit.trim(), request.as_ref().and_then(|r| r.unit_id.map(|_| r.unit.clone()))) {
        (Area::Public, "", _) => None,
        (Area::Public, _, _) => return Err(ServiceError::AreaUnit.into()),
        (Area::Unit, "", Some(code)) => Some(find_unit(tx, &code)?),
        (Area::Unit, "", None) => return Err(ServiceError::AreaUnit.into()),
        (Area::Unit, text, _) => Some(find_unit(tx, text)?),
    };
    let category = rules::choice("维修类别", required(&o.category, "维修类别")?, Category::parse, Category::labels)?;
    let location = required(&o.location, "维修位置")?;
    let description = match (o.description.trim(), &request) {
        ("", Some(r)) => r.content.clone(),
        (text, _) => required(text, "故障描述")?.to_string(),
    };
    let reported = match (o.reported_at.trim(), &request) {
        ("", Some(r)) => r.received_at.clone(),
        (text, _) => rules::time(text, now(tx))?.format(rules::TIME).to_string(),
    };
    let no = next_no(tx)?;
    let row = store::OrderRow {
        order_no: &no,
        request_id: request.as_ref().map(|r| r.id),
        source: if request.is_some() { "request" } else { "desk" },
        source_ref: "",
        area,
        unit_id: unit.as_ref().map(|u| u.id),
        category,
        location,
        description: &description,
        reported_at: &reported,
    };
    insert(tx, &row, unit.as_ref(), ("request", request.map(|r| r.request_no)))
}

/// Writes a new order and its audit entry; `from` names what opened it (request or inspection) as the audit says it.
fn insert(tx: &mut Tx, row: &store::OrderRow, unit: Option<&Unit>, from: (&str, Option<String>)) -> Result<Order> {
    let id = store::insert_order(tx, row)?;
    let mut detail = json!({ "order_no": row.order_no, "area": row.area.code(), "unit": unit.map(|u| u.code.clone()),
                             "category": row.category.code(), "reported_at": row.reported_at });
    detail[from.0] = json!(from.1);
    tx.audit("service.order", "work_order", id, detail)?;
    view::order(tx, id)
}

/// The next work order number of the day.
fn next_no(tx: &Tx) -> Result<String> {
    let prefix = rules::order_no(tx.today(), 0);
    let n = store::count_numbers(tx, ("work_orders", "order_no"), &prefix[..prefix.len() - 3])?;
    Ok(rules::order_no(tx.today(), n + 1))
}

/// A work order for an inspection finding (巡检发现的异常): source `inspection`,
/// `source_ref` naming the finding (XJ20261123-001/3); 户内 when it names a
/// unit (a vacant home), else 公共区域. Reported now. The inspection module
/// checks the finding; the database refuses a second order for it.
pub fn open_for_finding(tx: &mut Tx, finding: &str, unit: Option<&Unit>, category: &str, location: &str, description: &str) -> Result<Order> {
    let area = if unit.is_some() { Area::Unit } else { Area::Public };
    let category = rules::choice("维修类别", required(category, "维修类别")?, Category::parse, Category::labels)?;
    let location = required(location, "维修位置")?;
    let description = required(description, "故障描述")?;
    let reported = rules::time("", now(tx))?.format(rules::TIME).to_string();
    let no = next_no(tx)?;
    let row = store::OrderRow {
        order_no: &no,
        request_id: None,
        source: "inspection",
        source_ref: finding,
        area,
        unit_id: unit.map(|u| u.id),
        category,
        location,
        description,
        reported_at: &reported,
    };
    insert(tx, &row, unit, ("inspection", Some(finding.to_string())))
}

/// The order, checked to allow `want` from where it stands, and the time the step happened (typed or now).
fn at_step(tx: &Tx, id: i64, want: OrderStatus, at: &str) -> Result<(store::OrderHead, String)> {
    let h = store::order_head_by_id(tx, id)?.ok_or_else(|| ServiceError::OrderNotFound(id.to_string()))?;
    rules::check_order_step(&h.order_no, h.area, h.status, want)?;
    let happened = rules::time(at, now(tx))?.format(rules::TIME).to_string();
    let before = store::order_steps(tx, id)?.last().map_or_else(|| h.reported_at.clone(), |(s, _)| s.happened_at.clone());
    if happened < before {
        return Err(ServiceError::TimeBeforeLast { at: happened, before }.into());
    }
    Ok((h, happened))
}

fn write(tx: &mut Tx, h: &store::OrderHead, want: OrderStatus, row: &store::OrderStepRow, extra: serde_json::Value) -> Result<Order> {
    store::insert_order_step(tx, h.id, want, row)?;
    tx.audit(&format!("service.order_{}", want.code()), "work_order", h.id, json!({ "order_no": h.order_no, "happened_at": row.happened_at, "detail": extra }))?;
    view::order(tx, h.id)
}

/// Sends a technician (again, for a repair found wanting after it was done).
pub fn dispatch(tx: &mut Tx, id: i64, technician: &str, at: &str) -> Result<Order> {
    let (h, happened_at) = at_step(tx, id, OrderStatus::Dispatched, at)?;
    let technician = required(technician, "维修人员")?;
    write(tx, &h, OrderStatus::Dispatched, &store::OrderStepRow { technician: Some(technician), happened_at, ..Default::default() }, json!({ "technician": technician }))
}

pub fn arrive(tx: &mut Tx, id: i64, at: &str) -> Result<Order> {
    let (h, happened_at) = at_step(tx, id, OrderStatus::Arrived, at)?;
    write(tx, &h, OrderStatus::Arrived, &store::OrderStepRow { happened_at, ..Default::default() }, json!({}))
}

/// The repair is done. A cost charged to the owner (in-unit repairs only)
/// becomes a 维修费 bill on the unit, paid at once through `fees::pay` (a
/// receipt) when a method is given, otherwise left owing on the unit's account.
pub fn done(tx: &mut Tx, id: i64, d: &NewDone) -> Result<Order> {
    let (h, happened_at) = at_step(tx, id, OrderStatus::Done, &d.at)?;
    let charge = d.charge.unwrap_or_default();
    if charge.fen() < 0 {
        return Err(ServiceError::BadCharge(charge).into());
    }
    let mut bill_id = None;
    let mut receipt = None;
    if charge.is_positive() {
        if h.area == Area::Public {
            return Err(ServiceError::ChargePublic.into());
        }
        if h.charge.is_positive() {
            return Err(ServiceError::ChargedTwice(h.order_no).into());
        }
        let unit = crate::register::store::unit_by_id(tx, h.unit_id.unwrap_or_default())?.ok_or_else(|| ServiceError::OrderNotFound(h.order_no.clone()))?;
        let item = fees::once_item(tx, REPAIR_ITEM, "repair")?;
        let bill = fees::once_bill(tx, unit.id, item, &Period::of(tx.today()).to_string(), &charge.to_string(), "1", charge)?;
        tx.audit("bill.repair", "unit", unit.id, json!({ "bill": bill, "order": h.order_no, "item": REPAIR_ITEM, "amount": charge }))?;
        bill_id = Some(bill);
        if let Some(method) = d.pay {
            let payer = if d.payer.trim().is_empty() { crate::register::owner_names(tx, &unit)? } else { d.payer.trim().to_string() };
            let payment = NewPayment { amount: charge, method, payer, reference: h.order_no.clone(), bills: vec![bill] };
            receipt = Some(fees::pay(tx, &unit, &payment)?.receipt_no);
        }
    }
    let row = store::OrderStepRow { happened_at, materials: d.materials.trim(), charge, bill_id, note: d.note.trim(), ..Default::default() };
    write(tx, &h, OrderStatus::Done, &row, json!({ "materials": row.materials, "charge": charge, "bill": bill_id, "receipt": receipt }))
}

/// The desk checks a public repair; a repair found wanting is dispatched again instead.
pub fn check(tx: &mut Tx, id: i64, passed: bool, note: &str) -> Result<Order> {
    let (h, happened_at) = at_step(tx, id, OrderStatus::Checked, "")?;
    if !passed {
        return Err(ServiceError::CheckFailed(h.order_no).into());
    }
    write(tx, &h, OrderStatus::Checked, &store::OrderStepRow { happened_at, satisfied: Some(true), note: note.trim(), ..Default::default() }, json!({ "passed": true }))
}

/// The owner of an in-unit repair is called back (回访): satisfied or not, and what they said.
pub fn visit(tx: &mut Tx, id: i64, satisfied: bool, note: &str, at: &str) -> Result<Order> {
    let (h, happened_at) = at_step(tx, id, OrderStatus::Visited, at)?;
    write(tx, &h, OrderStatus::Visited, &store::OrderStepRow { happened_at, satisfied: Some(satisfied), note: note.trim(), ..Default::default() }, json!({ "satisfied": satisfied }))
}

pub fn close_order(tx: &mut Tx, id: i64, note: &str) -> Result<Order> {
    let (h, happened_at) = at_step(tx, id, OrderStatus::Closed, "")?;
    write(tx, &h, OrderStatus::Closed, &store::OrderStepRow { happened_at, note: note.trim(), ..Default::default() }, json!({}))
}

/// A work order named by its id or its number (WX20261123-001, any case).
pub fn find_order(conn: &Connection, text: &str) -> Result<i64> {
    let t = text.trim();
    if let Ok(id) = t.trim_start_matches('#').parse::<i64>()
        && store::order_head_by_id(conn, id)?.is_some()
    {
        return Ok(id);
    }
    store::order_by_no(conn, &t.to_uppercase())?.ok_or_else(|| ServiceError::OrderNotFound(t.chars().take(20).collect()).into())
}

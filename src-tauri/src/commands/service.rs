//! The service desk (报修投诉): requests and complaints with their steps, the
//! late ones for 首页, work orders and their PDF (saved in `维修单/` beside the
//! estate file). Phones reach the screen masked.

use estate_core::fees::{self, Method};
use estate_core::register::rules::mask_phone;
use estate_core::service::{self, Kind, NewDone, NewOrder, NewRequest, NewStep, Order, OrderLine, Query, Request, RequestLine};
use estate_core::{desk, register};
use serde::Deserialize;
use tauri::State;

use super::fees::Printed;
use crate::places;
use crate::state::{Desk, Reply};

const FOLDER: &str = "维修单";

fn masked_request(mut r: Request) -> Request {
    r.phone = mask_phone(&r.phone);
    r
}

fn masked_order(mut o: Order) -> Order {
    o.phone = mask_phone(&o.phone);
    o
}

/// The list's choices: open only, late only, a kind code (blank: every kind), a unit (blank: all).
#[derive(Deserialize)]
pub struct RequestListForm {
    open_only: bool,
    late_only: bool,
    kind: String,
    unit: String,
}

#[tauri::command]
pub async fn request_list(desk: State<'_, Desk>, form: RequestListForm) -> Reply<Vec<RequestLine>> {
    desk.read(|db| {
        let now = db.now().naive_local();
        let unit = if form.unit.trim().is_empty() { None } else { Some(register::find_unit(db.conn(), &form.unit)?) };
        let kind = Kind::parse(&form.kind);
        let mut lines = if form.late_only { service::late(db.conn(), now)? } else { service::list(db.conn(), &Query { open_only: form.open_only, kind, unit_id: unit.as_ref().map(|u| u.id), received: None }, now)? };
        lines.retain(|l| kind.is_none_or(|k| k == l.kind) && unit.as_ref().is_none_or(|u| u.code == l.unit));
        // Newest first on screen.
        lines.reverse();
        Ok(lines)
    })
}

/// What is late now, the longest overdue first (首页).
#[tauri::command]
pub async fn request_late(desk: State<'_, Desk>) -> Reply<Vec<RequestLine>> {
    desk.read(|db| service::late(db.conn(), db.now().naive_local()))
}

#[tauri::command]
pub async fn request_show(desk: State<'_, Desk>, request: String) -> Reply<Request> {
    desk.read(|db| {
        let id = service::find(db.conn(), &request)?;
        Ok(masked_request(service::request(db.conn(), id, db.now().naive_local())?))
    })
}

#[derive(Deserialize)]
pub struct RequestForm {
    unit: String,
    kind: String,
    subject: String,
    urgency: String,
    caller: String,
    phone: String,
    channel: String,
    received_at: String,
    content: String,
}

#[tauri::command]
pub async fn request_add(desk: State<'_, Desk>, form: RequestForm) -> Reply<Request> {
    let new = NewRequest { kind: form.kind, subject: form.subject, urgency: form.urgency, caller: form.caller, phone: form.phone, channel: form.channel, received_at: form.received_at, content: form.content };
    desk.act(|db, staff| desk::request_add(db, staff, &form.unit, &new)).map(masked_request)
}

#[derive(Deserialize)]
pub struct StepForm {
    step: String,
    valid: Option<bool>,
    responsible: String,
    deadline: String,
    reply_channel: String,
    at: String,
    satisfied: Option<bool>,
    note: String,
    lesson: String,
}

#[tauri::command]
pub async fn request_step(desk: State<'_, Desk>, request: String, form: StepForm) -> Reply<Request> {
    let s = NewStep { step: form.step, valid: form.valid, responsible: form.responsible, deadline: form.deadline, reply_channel: form.reply_channel, at: form.at, satisfied: form.satisfied, note: form.note, lesson: form.lesson };
    desk.act(|db, staff| desk::request_step(db, staff, &request, &s)).map(masked_request)
}

#[tauri::command]
pub async fn request_withhold(desk: State<'_, Desk>, request: String, note: String) -> Reply<Request> {
    desk.act(|db, staff| desk::request_withhold(db, staff, &request, &note)).map(masked_request)
}

#[tauri::command]
pub async fn order_list(desk: State<'_, Desk>, open_only: bool, unit: String) -> Reply<Vec<OrderLine>> {
    desk.read(|db| {
        let unit = if unit.trim().is_empty() { None } else { Some(register::find_unit(db.conn(), &unit)?) };
        let mut lines = service::orders(db.conn(), open_only, unit.map(|u| u.id))?;
        lines.reverse();
        Ok(lines)
    })
}

#[tauri::command]
pub async fn order_show(desk: State<'_, Desk>, order: String) -> Reply<Order> {
    desk.read(|db| {
        let id = service::find_order(db.conn(), &order)?;
        Ok(masked_order(service::order(db.conn(), id)?))
    })
}

#[derive(Deserialize)]
pub struct OrderForm {
    request: String,
    area: String,
    unit: String,
    category: String,
    location: String,
    description: String,
    reported_at: String,
}

#[tauri::command]
pub async fn order_add(desk: State<'_, Desk>, form: OrderForm) -> Reply<Order> {
    let new = NewOrder { request: form.request, area: form.area, unit: form.unit, category: form.category, location: form.location, description: form.description, reported_at: form.reported_at };
    desk.act(|db, staff| desk::order_add(db, staff, &new)).map(masked_order)
}

/// One step of a work order: dispatched (technician), arrived, checked (passed), visited (satisfied), closed.
#[derive(Deserialize)]
pub struct OrderStepForm {
    step: String,
    technician: String,
    at: String,
    passed: bool,
    satisfied: bool,
    note: String,
}

#[tauri::command]
pub async fn order_step(desk: State<'_, Desk>, order: String, form: OrderStepForm) -> Reply<Order> {
    desk.act(|db, staff| match form.step.as_str() {
        "dispatched" => desk::order_dispatch(db, staff, &order, &form.technician, &form.at),
        "arrived" => desk::order_arrive(db, staff, &order, &form.at),
        "checked" => desk::order_check(db, staff, &order, form.passed, &form.note),
        "visited" => desk::order_visit(db, staff, &order, form.satisfied, &form.note, &form.at),
        _ => desk::order_close(db, staff, &order, &form.note),
    })
    .map(masked_order)
}

/// The repair done: a charge as typed (blank: none), taken at once when a method is chosen.
#[derive(Deserialize)]
pub struct DoneForm {
    at: String,
    materials: String,
    charge: String,
    method: String,
    payer: String,
    note: String,
}

#[tauri::command]
pub async fn order_done(desk: State<'_, Desk>, order: String, form: DoneForm) -> Reply<Order> {
    desk.act(|db, staff| {
        let charge = if form.charge.trim().is_empty() { None } else { Some(fees::parse_amount(&form.charge)?) };
        let pay = if form.method.trim().is_empty() { None } else { Some(Method::parse(&form.method)?) };
        let d = NewDone { at: form.at, materials: form.materials, charge, pay, payer: form.payer, note: form.note };
        desk::order_done(db, staff, &order, &d)
    })
    .map(masked_order)
}

/// Saves the work order PDF in `维修单/` and opens it.
#[tauri::command]
pub async fn order_print(desk: State<'_, Desk>, order: String) -> Reply<Printed> {
    let out = desk.act_at(|db, staff, db_path| {
        let pdf = desk::order_pdf(db, staff, &order)?;
        let out = places::dated_file(db_path, FOLDER, &format!("维修单-{}", order.trim().to_uppercase()), "pdf", db.now())?;
        estate_core::error::FileError::write(&out, &pdf)?;
        Ok(out)
    })?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

//! Reading the service desk back: one request or work order with everything
//! on it, the lists, what is late, and the complaints a unit's arrears and
//! card show.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::model::*;
use super::store::{self, Head, OrderHead, Query};
use super::{ServiceError, response_hours, rules};
use crate::error::Result;
use crate::money::Money;

fn at(text: &Option<String>) -> Option<NaiveDateTime> {
    text.as_deref().and_then(rules::parse_time)
}

fn late_of(h: &Head, now: NaiveDateTime, hours: [i64; 3]) -> Option<Late> {
    let received = rules::parse_time(&h.received_at)?;
    rules::late(h.kind, h.urgency, h.status, rules::Times { received, deadline: at(&h.deadline), replied: at(&h.replied_at) }, now, hours)
}

/// One request with its steps, its work orders, and what is late at `now`.
pub fn request(conn: &Connection, id: i64, now: NaiveDateTime) -> Result<Request> {
    let h = store::request_head(conn, id)?.ok_or_else(|| ServiceError::NotFound(id.to_string()))?;
    let late = late_of(&h, now, response_hours(conn)?);
    Ok(Request {
        next: rules::next_hint(h.kind, h.status, h.valid),
        withheld: store::withholding(conn, id)?,
        steps: store::steps(conn, id)?,
        orders: store::order_numbers_of_request(conn, id)?,
        subject: h.subject,
        urgency: h.urgency,
        unit_id: h.unit_id,
        phone: h.phone.clone(),
        channel: h.channel,
        recorded_at: h.recorded_at.clone(),
        line: line(h, late),
    })
}

fn line(h: Head, late: Option<Late>) -> RequestLine {
    RequestLine {
        id: h.id,
        kind_label: h.kind.label(),
        subject_label: h.subject.map(Subject::label),
        urgency_label: h.urgency.label(),
        channel_label: h.channel.label(),
        status_label: h.status.label(),
        request_no: h.request_no,
        kind: h.kind,
        unit: h.unit,
        caller: h.caller,
        received_at: h.received_at,
        content: h.content,
        status: h.status,
        owner: h.operator,
        withholding: h.withholding,
        late,
    }
}

/// Requests the query lets through, oldest first, each marked when late at `now`.
pub fn list(conn: &Connection, q: &Query, now: NaiveDateTime) -> Result<Vec<RequestLine>> {
    let hours = response_hours(conn)?;
    Ok(store::request_heads(conn, q)?
        .into_iter()
        .map(|h| {
            let late = late_of(&h, now, hours);
            line(h, late)
        })
        .collect())
}

/// Every open request with a late step at `now`, the longest overdue first (the start screen's list).
pub fn late(conn: &Connection, now: NaiveDateTime) -> Result<Vec<RequestLine>> {
    let mut lines: Vec<RequestLine> = list(conn, &Query { open_only: true, ..Query::default() }, now)?.into_iter().filter(|l| l.late.is_some()).collect();
    lines.sort_by(|a, b| a.late.as_ref().map(|l| &l.due).cmp(&b.late.as_ref().map(|l| &l.due)));
    Ok(lines)
}

/// The complaints of a unit, oldest first (the unit card).
pub fn unit_complaints(conn: &Connection, unit_id: i64) -> Result<Vec<UnitComplaint>> {
    Ok(store::complaints(conn, Some(unit_id))?.into_iter().map(|(_, c)| c).collect())
}

/// Open complaints over which owners withhold fees, by unit id (the arrears list and dunning).
pub fn withholding_by_unit(conn: &Connection) -> Result<HashMap<i64, Vec<UnitComplaint>>> {
    let mut map: HashMap<i64, Vec<UnitComplaint>> = HashMap::new();
    for (unit_id, c) in store::complaints(conn, None)? {
        if c.open && c.withholding {
            map.entry(unit_id).or_default().push(c);
        }
    }
    Ok(map)
}

/// One work order with its steps, its charge and the charge's receipt.
pub fn order(conn: &Connection, id: i64) -> Result<Order> {
    let h = store::order_head_by_id(conn, id)?.ok_or_else(|| ServiceError::OrderNotFound(id.to_string()))?;
    let steps = store::order_steps(conn, id)?;
    let bill_id = steps.iter().find_map(|(_, b)| *b);
    let (outstanding, receipt_no) = match bill_id {
        Some(b) => (
            crate::fees::store::bill(conn, b)?.map(|(_, line)| line.outstanding).unwrap_or(Money::ZERO),
            store::receipt_of_bill(conn, b)?,
        ),
        None => (Money::ZERO, None),
    };
    let last = |s: OrderStatus| steps.iter().rev().find(|(x, _)| x.step == s).map(|(x, _)| x.happened_at.clone());
    let (caller, phone) = match h.request_id {
        Some(r) => store::request_head(conn, r)?.map(|r| (r.caller, r.phone)).unwrap_or_default(),
        None => Default::default(),
    };
    let materials = steps.iter().filter(|(s, _)| !s.materials.is_empty()).map(|(s, _)| s.materials.clone()).collect::<Vec<_>>().join("；");
    Ok(Order {
        dispatched_at: last(OrderStatus::Dispatched),
        arrived_at: last(OrderStatus::Arrived),
        hours_to_finish: hours_between(&h.reported_at, h.done_at.as_deref()),
        done_at: h.done_at,
        id: h.id,
        order_no: h.order_no,
        request_no: h.request_no,
        source: match h.source.as_str() {
            "request" => "业户需求",
            "inspection" => "巡检",
            _ => "前台",
        },
        source_ref: h.source_ref,
        area: h.area,
        area_label: h.area.label(),
        unit: h.unit,
        category: h.category,
        category_label: h.category.label(),
        location: h.location,
        description: h.description,
        caller,
        phone,
        reported_at: h.reported_at,
        technician: h.technician,
        materials,
        charge: h.charge,
        bill_id,
        outstanding,
        receipt_no,
        status: h.status,
        status_label: h.status.label(),
        recorded_at: h.recorded_at,
        operator: h.operator,
        steps: steps.into_iter().map(|(s, _)| s).collect(),
    })
}

/// Minutes from `from` to `to` (stored local times).
pub(super) fn minutes_between(from: &str, to: Option<&str>) -> Option<i64> {
    let (a, b) = (rules::parse_time(from)?, rules::parse_time(to?)?);
    Some((b - a).num_minutes())
}

/// Hours from `from` to `to`, to one decimal.
fn hours_between(from: &str, to: Option<&str>) -> Option<f64> {
    minutes_between(from, to).map(|m| (m as f64 / 6.0).round() / 10.0)
}

pub(super) fn order_line(h: OrderHead) -> OrderLine {
    OrderLine {
        id: h.id,
        area_label: h.area.label(),
        category_label: h.category.label(),
        status_label: h.status.label(),
        order_no: h.order_no,
        request_no: h.request_no,
        unit: h.unit,
        location: h.location,
        description: h.description,
        technician: h.technician,
        reported_at: h.reported_at,
        status: h.status,
        charge: h.charge,
    }
}

/// Work orders (open ones only, of a unit), oldest first.
pub fn orders(conn: &Connection, open_only: bool, unit_id: Option<i64>) -> Result<Vec<OrderLine>> {
    Ok(store::order_heads(conn, open_only, unit_id, None)?.into_iter().map(order_line).collect())
}

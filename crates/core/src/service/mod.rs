//! The service desk (业户服务): requests and complaints (业户服务需求/投诉登记)
//! and repair work orders (工程维修单) — "whoever takes it, follows it and answers it".
//!
//! A request is taken with who, which unit (none for a public matter), how it
//! came in, when, and the words said; a complaint also has its subject. A
//! complaint then walks its path, each step once, by whom and when, in an
//! order the database keeps: classified (valid, or not with the reason — an
//! invalid one may close at once) → cause investigated → a responsible person
//! and a deadline assigned → resolution proposed → the owner answered (when,
//! how, what was said) → return visit (satisfied or not) → summary and lesson
//! → closed. Consultations, service requests and repairs are answered (after
//! an optional assignment), optionally visited, and closed. Nothing closes
//! without a reply and no one is visited before being answered. The clerk who
//! took it stays its owner. What is late (past the response hours of its
//! urgency, past its deadline, a complaint not visited after the reply) is
//! listed for the start screen.
//!
//! A complaint may be tied to its unit's arrears (the owner withholds fees
//! over it): the arrears list, dunning and the unit card show it.
//!
//! Numbers: TS + the day + its place that day for complaints
//! (TS20261123-001), XQ… for the other requests, WX… for work orders (`orders`).

mod error;
pub mod model;
mod orders;
pub mod rules;
mod sheets;
mod store;
mod view;

use rusqlite::Connection;
use serde_json::json;

use crate::db::{Tx, settings};
use crate::error::Result;
use crate::register::Unit;
pub use error::ServiceError;
pub use model::*;
pub use orders::{arrive, check, close_order, dispatch, done, find_order, open_for_finding, open_order, visit};
pub use sheets::{MonthSummary, OrderMonthLine, month_summary, order_pdf, orders_sheet, requests_sheet};
pub use store::Query;
pub use view::{late, list, order, orders, request, unit_complaints, withholding_by_unit};

/// The response hours by urgency (一般, 紧急, 特急) as set, defaults filled in.
pub fn response_hours(conn: &Connection) -> Result<[i64; 3]> {
    let text = settings::text_or_default(conn, settings::SERVICE_RESPONSE_HOURS, rules::RESPONSE_HOURS_TEXT)?;
    Ok(rules::response_hours(&text).unwrap_or(rules::RESPONSE_HOURS_DEFAULT))
}

fn required<'a>(text: &'a str, what: &'static str) -> Result<&'a str> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ServiceError::Required(what).into());
    }
    Ok(t)
}

fn now(tx: &Tx) -> chrono::NaiveDateTime {
    tx.now().naive_local()
}

/// Takes a request or complaint; `unit` is none for a public matter.
pub fn record(tx: &mut Tx, unit: Option<&Unit>, r: &NewRequest) -> Result<Request> {
    let kind = rules::choice("需求类型", &r.kind, Kind::parse, Kind::labels)?;
    let subject = match (kind, r.subject.trim()) {
        (Kind::Complaint, "") => return Err(ServiceError::NoSubject(Subject::labels()).into()),
        (Kind::Complaint, text) => Some(rules::choice("投诉类别", text, Subject::parse, Subject::labels)?),
        (_, "") => None,
        (other, _) => return Err(ServiceError::SubjectNotComplaint(other.label()).into()),
    };
    let urgency = if r.urgency.trim().is_empty() { Urgency::Normal } else { rules::choice("紧急程度", &r.urgency, Urgency::parse, Urgency::labels)? };
    let channel = rules::choice("受理渠道", required(&r.channel, "受理渠道")?, Channel::parse, Channel::labels)?;
    let caller = required(&r.caller, "来人/来电人")?;
    let phone = match r.phone.trim() {
        "" => String::new(),
        text => match crate::register::rules::parse_phones(text).as_deref() {
            Ok([one]) => one.clone(),
            _ => return Err(ServiceError::BadPhone(crate::register::rules::mask_phone(text)).into()),
        },
    };
    let content = required(&r.content, "需求内容")?;
    let received = rules::time(&r.received_at, now(tx))?;
    let prefix = rules::request_no(kind, tx.today(), 0);
    let prefix = &prefix[..prefix.len() - 3];
    let n = store::count_numbers(tx, ("service_requests", "request_no"), prefix)?;
    let no = rules::request_no(kind, tx.today(), n + 1);
    let row = store::RequestRow {
        request_no: &no,
        kind,
        subject,
        urgency,
        unit_id: unit.map(|u| u.id),
        caller,
        phone: &phone,
        channel,
        received_at: &received.format(rules::TIME).to_string(),
        content,
    };
    let id = store::insert_request(tx, &row)?;
    // Names and phones stay out of the audit detail: erasure has less to find.
    tx.audit(
        "service.record",
        "service_request",
        id,
        json!({ "request_no": no, "kind": kind.code(), "subject": subject.map(Subject::code), "urgency": urgency.code(),
                "unit": unit.map(|u| u.code.clone()), "channel": channel.code(), "received_at": row.received_at }),
    )?;
    request(tx, id, now(tx))
}

/// Writes the next step of a request, checked against its path.
pub fn step(tx: &mut Tx, id: i64, s: &NewStep) -> Result<Request> {
    let h = store::request_head(tx, id)?.ok_or_else(|| ServiceError::NotFound(id.to_string()))?;
    let want = rules::choice("步骤", required(&s.step, "步骤")?, rules::parse_step, rules::step_names)?;
    rules::check_step(&h.request_no, h.kind, h.status, h.valid, want)?;
    let now = now(tx);
    let happened = rules::time(&s.at, now)?.format(rules::TIME).to_string();
    let before = store::last_happened(tx, id)?;
    if happened < before {
        return Err(ServiceError::TimeBeforeLast { at: happened, before }.into());
    }
    let note = s.note.trim();
    let mut row = store::StepRow { happened_at: happened, note, lesson: s.lesson.trim(), ..Default::default() };
    match want {
        Status::Classified => {
            let valid = s.valid.ok_or(ServiceError::ValidRequired)?;
            if !valid && note.is_empty() {
                return Err(ServiceError::InvalidNeedsReason.into());
            }
            row.valid = Some(valid);
        }
        Status::Investigated => {
            required(note, "调查到的原因")?;
        }
        Status::Assigned => {
            row.responsible = Some(required(&s.responsible, "责任人")?);
            row.deadline = Some(rules::deadline(&s.deadline, now)?.format(rules::TIME).to_string());
        }
        Status::Proposed => {
            required(note, "处理方案")?;
        }
        Status::Replied => {
            row.reply_channel = Some(rules::choice("答复方式", required(&s.reply_channel, "答复方式")?, ReplyChannel::parse, ReplyChannel::labels)?);
            required(note, "答复内容")?;
        }
        Status::Visited => row.satisfied = Some(s.satisfied.ok_or(ServiceError::SatisfiedRequired)?),
        Status::Summarised => {
            required(note, "总结")?;
        }
        Status::Recorded | Status::Closed => {}
    }
    store::insert_step(tx, id, want, &row)?;
    tx.audit(
        &format!("service.{}", want.code()),
        "service_request",
        id,
        json!({ "request_no": h.request_no, "happened_at": row.happened_at, "valid": row.valid, "responsible": row.responsible,
                "deadline": row.deadline, "reply_channel": row.reply_channel.map(ReplyChannel::code), "satisfied": row.satisfied }),
    )?;
    request(tx, id, now)
}

/// Ties an open complaint of a unit to the unit's arrears: the owner withholds fees over it (以投诉为由拒缴).
pub fn withhold(tx: &mut Tx, id: i64, note: &str) -> Result<Request> {
    let h = store::request_head(tx, id)?.ok_or_else(|| ServiceError::NotFound(id.to_string()))?;
    if h.kind != Kind::Complaint {
        return Err(ServiceError::WithholdingNotComplaint(format!("{} 是{}", h.request_no, h.kind.label())).into());
    }
    if h.unit_id.is_none() {
        return Err(ServiceError::WithholdingNotComplaint(format!("{} 是公共事项，没有房号", h.request_no)).into());
    }
    if h.status == Status::Closed {
        return Err(ServiceError::WrongStep { no: h.request_no, status: h.status.label(), action: "关联欠费", hint: "已关闭的投诉不再关联欠费。".into() }.into());
    }
    if h.withholding {
        return Err(ServiceError::WithholdingTwice(h.request_no).into());
    }
    store::insert_withholding(tx, id, note.trim())?;
    tx.audit("service.withhold", "service_request", id, json!({ "request_no": h.request_no, "unit": h.unit }))?;
    request(tx, id, now(tx))
}

/// A request named by its id (12) or its number (TS20261123-001, any case).
pub fn find(conn: &Connection, text: &str) -> Result<i64> {
    let t = text.trim();
    if let Ok(id) = t.trim_start_matches('#').parse::<i64>()
        && store::request_head(conn, id)?.is_some()
    {
        return Ok(id);
    }
    store::request_by_no(conn, &t.to_uppercase())?.ok_or_else(|| ServiceError::NotFound(t.chars().take(20).collect()).into())
}

#[cfg(test)]
mod tests;

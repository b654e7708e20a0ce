//! Shift handover (交接班): at the end of a clerk's day what is open is written
//! down for the next clerk, who acknowledges it on signing in.
//!
//! A handover is a snapshot taken when it is made — the open requests and
//! complaints the clerk owns (late ones marked, `service::list` with
//! `open_only`), every open work order, keys lent and not back, parcels
//! waiting past the reminder days, renovations overdue — with the clerk's
//! note. It is stored as written (JSON), so the next clerk sees what was
//! handed over even when things have moved since. One per clerk and day;
//! acknowledged once, by someone else (接班确认: who, when, a note).

mod error;
pub mod model;
mod store;

use chrono::{DateTime, NaiveDateTime};
use rusqlite::Connection;
use serde_json::json;

use crate::db::Tx;
use crate::docs::text::{cut, minute};
use crate::error::Result;
use crate::service::{self, Query};
use crate::{keys, parcels, reno};
pub use error::ShiftError;
pub use model::*;

/// The longest note a handover or an acknowledgement keeps, in characters.
pub const NOTE_MAX: usize = 500;

fn note_of(text: &str, what: &'static str) -> Result<String> {
    let t = text.trim();
    let len = t.chars().count();
    if len > NOTE_MAX {
        return Err(ShiftError::TooLong { what, max: NOTE_MAX, len }.into());
    }
    Ok(t.to_string())
}

/// What is open now, as `operator`'s handover would hold it.
pub fn snapshot(conn: &Connection, operator: &str, now: DateTime<chrono::FixedOffset>) -> Result<Snapshot> {
    let local: NaiveDateTime = now.naive_local();
    let today = now.date_naive();
    let requests = service::list(conn, &Query { open_only: true, ..Query::default() }, local)?
        .into_iter()
        .filter(|r| r.owner == operator)
        .map(|r| {
            let what = r.subject_label.map_or_else(|| r.kind_label.to_string(), |s| format!("{}（{s}）", r.kind_label));
            Item { text: format!("{what}{}：{}", r.status_label, cut(&r.content, 30)), since: r.received_at, late: r.late.map(|l| l.text), reference: r.request_no, unit: r.unit }
        })
        .collect();
    let orders = service::orders(conn, true, None)?
        .into_iter()
        .map(|o| {
            let who = if o.technician.is_empty() { String::new() } else { format!("，{}", o.technician) };
            Item { text: format!("{}{} {}：{}{who}", o.area_label, o.category_label, cut(&o.location, 20), o.status_label), since: o.reported_at, late: None, reference: o.order_no, unit: o.unit }
        })
        .collect();
    let filter = keys::LoanFilter { open_only: true, ..keys::LoanFilter::default() };
    let mut loans = keys::loans(conn, &filter, now)?;
    loans.sort_by(|a, b| a.due_at.cmp(&b.due_at));
    let keys = loans
        .into_iter()
        .map(|l| Item {
            text: format!("钥匙借给{}（{}），应于 {} 归还", l.borrower_kind_label, cut(&l.purpose, 16), minute(&l.due_at)),
            since: minute(&l.out_at),
            late: l.overdue.then(|| "超过应还时间未还".to_string()),
            reference: format!("挂钩 {}", l.hook),
            unit: l.unit,
        })
        .collect();
    let parcels = parcels::overdue(conn, today)?
        .into_iter()
        .map(|p| {
            let what = if p.tracking_no.is_empty() { p.kind_label.to_string() } else { format!("{} {} 尾号{}", p.kind_label, p.carrier, parcels::rules::tail(&p.tracking_no)) };
            Item { text: format!("{what}，已放 {} 天", p.days), since: minute(&p.received_at), late: Some(format!("在架 {} 天未取", p.days)), reference: p.pickup_code, unit: p.unit }
        })
        .collect();
    let renovations = reno::overdue(conn, today)?
        .into_iter()
        .map(|p| Item {
            text: format!("装修{}，应于 {} 完工", p.status_label, p.end),
            since: p.planned_start.to_string(),
            late: Some(format!("超过完工日期 {}", p.end)),
            reference: p.permit_no.unwrap_or_else(|| format!("装修申请 #{}", p.id)),
            unit: p.unit,
        })
        .collect();
    Ok(Snapshot { requests, orders, keys, parcels, renovations })
}

/// The signed-in clerk hands over: what is open now, with their note. One per clerk and day.
pub fn hand_over(tx: &mut Tx, note: &str) -> Result<Handover> {
    let note = note_of(note, "交班说明")?;
    let day = tx.today().to_string();
    let operator = tx.actor().to_string();
    if let Some(id) = store::made_on(tx, &operator, &day)? {
        return Err(ShiftError::AlreadyMade { operator, day, id }.into());
    }
    let snap = snapshot(tx, &operator, tx.now())?;
    let id = store::insert(tx, &day, &note, &snap)?;
    // Counts only: the note is the clerk's own words, kept on the handover itself.
    tx.audit(
        "shift.handover",
        "shift_handover",
        id,
        json!({ "day": day, "requests": snap.requests.len(), "orders": snap.orders.len(), "keys": snap.keys.len(),
                "parcels": snap.parcels.len(), "renovations": snap.renovations.len(), "late": snap.late() }),
    )?;
    handover(tx, id)
}

/// The signed-in clerk takes over: acknowledges someone else's handover, once.
pub fn acknowledge(tx: &mut Tx, id: i64, note: &str) -> Result<Handover> {
    let h = handover(tx, id)?;
    if h.operator == tx.actor() {
        return Err(ShiftError::OwnHandover(id).into());
    }
    if let Some(a) = &h.ack {
        return Err(ShiftError::AlreadyAcknowledged { id, by: a.operator.clone(), at: minute(&a.at) }.into());
    }
    let note = note_of(note, "接班备注")?;
    store::insert_ack(tx, id, &note)?;
    tx.audit("shift.ack", "shift_handover", id, json!({ "handed_over_by": h.operator, "day": h.day }))?;
    handover(tx, id)
}

/// One handover with its acknowledgement.
pub fn handover(conn: &Connection, id: i64) -> Result<Handover> {
    store::by_id(conn, id)?.ok_or_else(|| ShiftError::NotFound(id.to_string()).into())
}

/// A handover named by its id (12 or #12).
pub fn find(conn: &Connection, text: &str) -> Result<i64> {
    let t = text.trim();
    match t.trim_start_matches('#').parse::<i64>() {
        Ok(id) if store::by_id(conn, id)?.is_some() => Ok(id),
        _ => Err(ShiftError::NotFound(t.chars().take(20).collect()).into()),
    }
}

/// Handovers, newest first; only those not yet acknowledged when `open_only`.
pub fn list(conn: &Connection, open_only: bool) -> Result<Vec<Handover>> {
    store::list(conn, open_only)
}

/// What awaits `me` on signing in: the handovers of others not yet acknowledged, newest first.
pub fn awaiting(conn: &Connection, me: &str) -> Result<Vec<Handover>> {
    Ok(store::list(conn, true)?.into_iter().filter(|h| h.operator != me).collect())
}

#[cfg(test)]
mod tests;

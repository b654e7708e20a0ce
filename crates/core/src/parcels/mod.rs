//! Parcels and letters (快递/信件) held at the desk: intake from a scanned
//! number, a pickup code that is easy to say, notification texts for the
//! messaging service, pickup by code, unit or phone tail, reminders, return to
//! the courier, shelf labels. Every event is a row written once; whether a
//! parcel still waits is derived from them (and kept by the database in
//! `parcel_waiting`, where the code and the tracking number are unique).

mod error;
mod messages;
pub mod model;
pub mod rules;
mod store;

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use serde_json::json;

use crate::db::{Tx, settings};
use crate::error::Result;
use crate::register::{self, Unit};
pub use error::ParcelError;
pub use messages::{message_template, messages_csv, messages_xlsx, notify, remind};
pub use model::*;

/// Intake of one parcel or letter, as the scanner and the form typed it.
pub fn intake(tx: &mut Tx, new: &NewParcel) -> Result<Parcel> {
    let kind = rules::parse_kind(&new.kind)?;
    let tracking = match (new.tracking_no.trim(), kind) {
        ("", Kind::Letter) => String::new(),
        ("", Kind::Parcel) => return Err(ParcelError::TrackingNeeded.into()),
        (t, _) => rules::normalize_tracking(t)?,
    };
    let carrier = match (new.carrier.trim(), kind) {
        ("", Kind::Letter) => rules::LETTER_CARRIER,
        ("", Kind::Parcel) => rules::detect_carrier(&tracking).ok_or_else(|| ParcelError::CarrierNeeded(tracking.clone()))?,
        (typed, _) => rules::parse_carrier(typed)?,
    };
    let size = rules::parse_size(&new.size, kind)?;
    let shelf = rules::parse_shelf(&new.shelf)?;
    let recipient = rules::check_recipient(&new.recipient)?;
    let unit = register::find_unit(tx, &new.unit)?;
    if !tracking.is_empty()
        && let Some(code) = store::waiting_code_of(tx, &tracking)?
    {
        return Err(ParcelError::Duplicate { tracking, code }.into());
    }
    let recipient = if recipient.is_empty() { store::likely_recipient(tx, unit.id)?.unwrap_or_default() } else { recipient };
    let person_id = if recipient.is_empty() { None } else { store::occupant_named(tx, unit.id, &recipient)? };
    let code = store::free_code(tx, &shelf)?.ok_or_else(|| ParcelError::CodesFull(shelf.clone()))?;
    let row = store::ParcelRow { kind, carrier, tracking_no: &tracking, unit_id: unit.id, recipient: &recipient, person_id, size, shelf: &shelf, pickup_code: &code };
    let id = store::insert_parcel(tx, &row, &tx.now_text(), tx.actor())?;
    tx.audit("parcel.in", "unit", unit.id, json!({ "parcel": id, "kind": kind.code(), "carrier": carrier, "tracking_no": tracking, "code": code }))?;
    parcel(tx, id, tx.today())
}

/// The name a parcel for this unit is most likely addressed to (the form's guess): the last
/// recipient of a parcel for it, else its first current owner.
pub fn likely_recipient(conn: &Connection, unit: &Unit) -> Result<Option<String>> {
    store::likely_recipient(conn, unit.id)
}

/// Days on the shelf after which a parcel is overdue (setting `parcel_remind_days`).
pub fn remind_days(conn: &Connection) -> Result<u32> {
    Ok(settings::get(conn, settings::PARCEL_REMIND_DAYS)?.and_then(|v| v.parse().ok()).unwrap_or(rules::REMIND_DAYS_DEFAULT))
}

/// One parcel as of `today`.
pub fn parcel(conn: &Connection, id: i64, today: NaiveDate) -> Result<Parcel> {
    store::parcels(conn, &Filter::default(), Some(&[id]), today, remind_days(conn)?)?.pop().ok_or_else(|| ParcelError::NotFound(id).into())
}

/// Parcels by the filter, newest first, as of `today`.
pub fn list(conn: &Connection, filter: &Filter, today: NaiveDate) -> Result<Vec<Parcel>> {
    store::parcels(conn, filter, None, today, remind_days(conn)?)
}

/// Parcels by id (in the order asked), refusing an unknown one.
pub fn by_ids(conn: &Connection, ids: &[i64], today: NaiveDate) -> Result<Vec<Parcel>> {
    if ids.is_empty() {
        return Err(ParcelError::NoneSelected.into());
    }
    let found = store::parcels(conn, &Filter::default(), Some(ids), today, remind_days(conn)?)?;
    ids.iter().map(|id| found.iter().find(|p| p.id == *id).cloned().ok_or_else(|| ParcelError::NotFound(*id).into())).collect()
}

/// How the clerk looks for the parcels someone has come for.
#[derive(Debug, Clone)]
pub enum Find {
    Code(String),
    Unit(String),
    PhoneTail(String),
}

/// The waiting parcels asked for; none found is a refusal that says what was looked for.
pub fn find_waiting(conn: &Connection, by: &Find, today: NaiveDate) -> Result<Vec<Parcel>> {
    let waiting = Filter { status: Some(Status::Waiting), ..Filter::default() };
    let found = match by {
        Find::Code(code) => {
            let key = rules::pickup_key(code);
            let id = store::waiting_by_key(conn, &key)?.ok_or_else(|| ParcelError::CodeNotFound(code.trim().chars().take(20).collect()))?;
            by_ids(conn, &[id], today)?
        }
        Find::Unit(text) => {
            let unit = register::find_unit(conn, text)?;
            list(conn, &Filter { unit_id: Some(unit.id), ..waiting }, today)?
        }
        Find::PhoneTail(text) => {
            let tail = rules::phone_tail(text)?;
            let ids = store::waiting_ids_by_phone_tail(conn, &tail)?;
            if ids.is_empty() { Vec::new() } else { by_ids(conn, &ids, today)? }
        }
    };
    if found.is_empty() {
        let what = match by {
            Find::Code(c) => format!("取件码 {c} "),
            Find::Unit(u) => format!("房号 {} ", u.trim()),
            Find::PhoneTail(t) => format!("手机尾号 {} ", t.trim()),
        };
        return Err(ParcelError::NoneWaiting(what).into());
    }
    Ok(found)
}

fn on_shelf(p: &Parcel) -> rules::OnShelf<'_> {
    let left_at = p.pickup.as_ref().map(|k| k.picked_at.as_str()).or(p.returned.as_ref().map(|r| r.returned_at.as_str())).unwrap_or("");
    rules::OnShelf { kind: p.kind, code: &p.pickup_code, status: p.status, left_at }
}

/// Hands over the parcels picked (several for one unit at once); each is checked first, so all leave or none.
pub fn pickup(tx: &mut Tx, ids: &[i64], how: &NewPickup) -> Result<Vec<Parcel>> {
    let parcels = by_ids(tx, ids, tx.today())?;
    for p in &parcels {
        rules::check_pickup(&on_shelf(p), how.code.as_deref(), how.collector, &how.note)?;
    }
    let (now, note) = (tx.now_text(), how.note.trim());
    for p in &parcels {
        let name = match (how.collector_name.trim(), how.collector) {
            ("", Collector::Recipient) => p.recipient.as_str(),
            (name, _) => name,
        };
        let name: String = name.chars().take(40).collect();
        let row = store::PickupRow { parcel_id: p.id, collector: how.collector, name: &name, with_code: how.code.is_some(), note };
        store::insert_pickup(tx, &row, &now, tx.actor())?;
        tx.audit("parcel.pickup", "unit", p.unit_id, json!({ "parcel": p.id, "code": p.pickup_code, "collector": how.collector.code(), "with_code": how.code.is_some() }))?;
    }
    by_ids(tx, ids, tx.today())
}

/// The waiting parcel with this code, handed over to whoever said the code.
pub fn pickup_by_code(tx: &mut Tx, code: &str, how: &NewPickup) -> Result<Parcel> {
    let found = find_waiting(tx, &Find::Code(code.to_string()), tx.today())?;
    let ids: Vec<i64> = found.iter().map(|p| p.id).collect();
    let how = NewPickup { code: Some(code.to_string()), ..how.clone() };
    pickup(tx, &ids, &how)?.pop().ok_or_else(|| ParcelError::CodeNotFound(code.to_string()).into())
}

/// Gives a parcel back to the courier (not collected in time, refused, wrong address).
pub fn return_to_courier(tx: &mut Tx, id: i64, taken_by: &str, reason: &str) -> Result<Parcel> {
    let p = by_ids(tx, &[id], tx.today())?.remove(0);
    rules::check_return(&on_shelf(&p), taken_by)?;
    let (taken_by, reason): (String, String) = (taken_by.trim().chars().take(40).collect(), reason.trim().chars().take(200).collect());
    store::insert_return(tx, id, &taken_by, &reason, &tx.now_text(), tx.actor())?;
    tx.audit("parcel.return", "unit", p.unit_id, json!({ "parcel": id, "code": p.pickup_code }))?;
    parcel(tx, id, tx.today())
}

/// Waiting parcels on the shelf `remind_days` or longer, oldest first.
pub fn overdue(conn: &Connection, today: NaiveDate) -> Result<Vec<Parcel>> {
    let days = remind_days(conn)?;
    let filter = Filter { to: Some(today - Duration::days(i64::from(days))), status: Some(Status::Waiting), ..Filter::default() };
    let mut found = list(conn, &filter, today)?;
    found.reverse();
    Ok(found)
}

/// What 首页 shows: parcels waiting, those overdue, and the oldest few.
pub fn summary(conn: &Connection, today: NaiveDate) -> Result<Summary> {
    let remind_days = remind_days(conn)?;
    let (waiting, letters_waiting, overdue_count, not_notified) = store::waiting_counts(conn, today - Duration::days(i64::from(remind_days)))?;
    let oldest = overdue(conn, today)?.into_iter().take(5).collect();
    Ok(Summary { waiting, letters_waiting, overdue: overdue_count, not_notified, remind_days, oldest })
}

/// The labels of these parcels as one PDF, a 60×40 mm page each.
pub fn labels_pdf(conn: &Connection, ids: &[i64], today: NaiveDate) -> Result<Vec<u8>> {
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    let labels: Vec<crate::docs::pdf::ParcelLabel> = by_ids(conn, ids, today)?
        .into_iter()
        .map(|p| crate::docs::pdf::ParcelLabel {
            estate: estate.clone(),
            code: p.pickup_code,
            unit: p.unit,
            recipient: p.recipient,
            what: if p.tracking_no.is_empty() { format!("{} {}", p.kind_label, p.carrier) } else { format!("{} 尾号{}", p.carrier, rules::tail(&p.tracking_no)) },
            shelf: p.shelf,
            received: p.received_at.get(..10).unwrap_or_default().to_string(),
            size: p.size_label.to_string(),
        })
        .collect();
    Ok(crate::docs::pdf::parcel_labels_pdf(&labels)?)
}

#[cfg(test)]
mod tests;

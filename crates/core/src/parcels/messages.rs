//! The texts the office's messaging service sends (SMS/WeChat): one per
//! parcel, with its pickup code, filled from the office's template; the round
//! is recorded (notified or reminded, when, by whom) in the same transaction
//! as the texts are made, and saved as xlsx or CSV for the service.

use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use serde_json::json;

use super::model::{Filter, Message, Messages, Parcel, Phones, Status};
use super::{ParcelError, by_ids, list, overdue, rules, store};
use crate::db::{Tx, settings};
use crate::error::Result;
use crate::notices::rules::mobile;
use crate::register::rules::mask_phone;

/// The office's text, or the built-in one when the setting is blank.
pub fn message_template(conn: &Connection) -> Result<String> {
    settings::text_or_default(conn, settings::PARCEL_MESSAGE_TEXT, rules::DEFAULT_TEMPLATE)
}

/// Texts for the parcels picked (`None`: every waiting parcel never notified);
/// each one texted is recorded as notified now.
pub fn notify(tx: &mut Tx, ids: Option<&[i64]>, phones: Phones) -> Result<Messages> {
    let today = tx.today();
    let parcels = match ids {
        Some(ids) => by_ids(tx, ids, today)?,
        None => list(tx, &Filter { status: Some(Status::Waiting), ..Filter::default() }, today)?.into_iter().filter(|p| p.notified_at.is_none()).collect(),
    };
    let parcels: Vec<Parcel> = parcels.into_iter().filter(|p| p.status == Status::Waiting).collect();
    send(tx, parcels, "notify", phones)
}

/// Reminders for the overdue parcels (on the shelf `parcel_remind_days` or
/// longer) not already reminded today; each one texted is recorded.
pub fn remind(tx: &mut Tx, phones: Phones) -> Result<Messages> {
    let today = tx.today().to_string();
    let due: Vec<Parcel> = overdue(tx, tx.today())?.into_iter().filter(|p| !p.reminded_at.as_deref().is_some_and(|t| t.starts_with(&today))).collect();
    send(tx, due, "remind", phones)
}

fn send(tx: &mut Tx, parcels: Vec<Parcel>, kind: &str, phones: Phones) -> Result<Messages> {
    let texts = texts(tx, parcels, kind == "remind", phones)?;
    let now = tx.now_text();
    for m in &texts.messages {
        store::insert_notice(tx, m.parcel_id, kind, &now, tx.actor())?;
    }
    if !texts.messages.is_empty() {
        let ids: Vec<i64> = texts.messages.iter().map(|m| m.parcel_id).collect();
        tx.audit(&format!("parcel.{kind}"), "parcels", 0, json!({ "parcels": ids }))?;
    }
    Ok(texts)
}

/// Fills the template for each parcel whose recipient has a mobile on file.
fn texts(conn: &Connection, parcels: Vec<Parcel>, reminder: bool, phones: Phones) -> Result<Messages> {
    let template = message_template(conn)?;
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    let office = settings::get_or(conn, settings::OFFICE_PHONE, "")?;
    let on_file = store::phones_for(conn, &parcels)?;
    let mut out = Messages { messages: Vec::new(), without_phone: Vec::new() };
    for p in parcels {
        let Some(number) = on_file.get(&p.id).and_then(|lists| lists.iter().find_map(|l| mobile(l))).map(str::to_string) else {
            out.without_phone.push(p);
            continue;
        };
        let (tail, days) = (rules::tail(&p.tracking_no), p.days.to_string());
        let what = if p.tracking_no.is_empty() { p.kind_label.to_string() } else { format!("{}快递", p.carrier.trim_end_matches("快递")) };
        let fields = [("小区", estate.as_str()), ("收件人", p.recipient.as_str()), ("房号", p.unit.as_str()), ("快递", what.as_str()), ("尾号", tail.as_str()), ("取件码", p.pickup_code.as_str()), ("电话", office.as_str()), ("天数", days.as_str())];
        let mut text = rules::fill(&template, &fields);
        if reminder {
            text = format!("{text}（提醒：已存放 {days} 天，请尽快领取）");
        }
        let phone = if phones == Phones::Full { number } else { mask_phone(&number) };
        let received_at = p.received_at.get(..16).unwrap_or_default().replace('T', " ");
        out.messages.push(Message { parcel_id: p.id, phone, recipient: p.recipient, unit: p.unit, pickup_code: p.pickup_code, carrier: p.carrier, received_at, text });
    }
    Ok(out)
}

const COLUMNS: [(&str, f64); 7] = [("手机号", 14.0), ("收件人", 10.0), ("房号", 12.0), ("取件码", 10.0), ("快递公司", 11.0), ("到件时间", 17.0), ("短信内容", 90.0)];

fn cells(m: &Message) -> [&str; 7] {
    [&m.phone, &m.recipient, &m.unit, &m.pickup_code, &m.carrier, &m.received_at, &m.text]
}

/// The sheet 取件通知: a bold frozen header with filters, every cell text (phones keep every digit).
pub fn messages_xlsx(m: &Messages) -> Result<Vec<u8>> {
    let sheet_error = |e: rust_xlsxwriter::XlsxError| ParcelError::Sheet(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("取件通知").map_err(sheet_error)?;
    let header = Format::new().set_bold().set_align(FormatAlign::Center).set_background_color("#E8EEF7");
    for (col, (title, width)) in COLUMNS.into_iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, &header).map_err(sheet_error)?;
        sheet.set_column_width(col as u16, width).map_err(sheet_error)?;
    }
    for (i, row) in m.messages.iter().enumerate() {
        for (col, value) in cells(row).into_iter().enumerate() {
            sheet.write_string(i as u32 + 1, col as u16, value).map_err(sheet_error)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(sheet_error)?;
    sheet.autofilter(0, 0, m.messages.len().max(1) as u32, COLUMNS.len() as u16 - 1).map_err(sheet_error)?;
    Ok(book.save_to_buffer().map_err(sheet_error)?)
}

/// A cell Excel would take for a formula (=, +, -, @ first) is kept as text with a leading apostrophe.
fn formula_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() }
}

/// The same rows as CSV in UTF-8 with a byte-order mark, which Excel and the
/// usual messaging services read as Chinese.
pub fn messages_csv(m: &Messages) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let sheet_error = |e: csv::Error| ParcelError::Sheet(e.to_string());
    w.write_record(COLUMNS.map(|(t, _)| t)).map_err(sheet_error)?;
    for row in &m.messages {
        w.write_record(cells(row).map(formula_safe)).map_err(sheet_error)?;
    }
    w.into_inner().map_err(|e| ParcelError::Sheet(e.to_string()).into())
}

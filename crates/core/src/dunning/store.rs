//! Dunning's SQL, and only its SQL.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::{Contact, Delivery, Letter};
use super::rules::Stage;
use crate::error::Result;
use crate::money::Money;

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

fn stage(code: &str) -> Stage {
    Stage::ALL.into_iter().find(|s| s.code() == code).unwrap_or(Stage::Reminder)
}

pub struct NewContactRow<'a> {
    pub unit_id: i64,
    pub stage: Stage,
    pub channel: &'a str,
    pub date: NaiveDate,
    pub outcome: &'a str,
    pub promised: Option<NaiveDate>,
    pub dispute: &'a str,
    pub owed: Money,
}

pub fn insert_contact(conn: &Connection, c: &NewContactRow, operator: &str, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO dunning_contacts (unit_id, stage, channel, contact_date, operator, outcome, promised_date, dispute, owed, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        c.unit_id,
        c.stage.code(),
        c.channel,
        c.date.to_string(),
        operator,
        c.outcome,
        c.promised.map(|d| d.to_string()),
        c.dispute,
        c.owed.0,
        now
    ])?;
    Ok(conn.last_insert_rowid())
}

const CONTACT_SQL: &str = "SELECT c.id, u.code, c.stage, c.channel, c.contact_date, c.operator, c.outcome, c.promised_date, c.dispute, c.owed,
        (SELECT MIN(d.delivered_on) FROM dunning_deliveries d WHERE d.contact_id = c.id), c.unit_id
     FROM dunning_contacts c JOIN units u ON u.id = c.unit_id";

fn contact_from_row(r: &Row) -> rusqlite::Result<(i64, Contact)> {
    let s = stage(&r.get::<_, String>(2)?);
    let contact = Contact {
        id: r.get(0)?,
        unit: r.get(1)?,
        stage: s,
        stage_label: s.label(),
        channel: r.get(3)?,
        date: date(r.get(4)?).unwrap_or_default(),
        operator: r.get(5)?,
        outcome: r.get(6)?,
        promised: date(r.get(7)?),
        dispute: r.get(8)?,
        owed: Money(r.get(9)?),
        delivered_on: date(r.get(10)?),
    };
    Ok((r.get(11)?, contact))
}

/// Contacts of one unit (or all), newest first.
pub fn contacts(conn: &Connection, unit_id: Option<i64>) -> Result<Vec<Contact>> {
    let sql = format!("{CONTACT_SQL} WHERE ?1 IS NULL OR c.unit_id = ?1 ORDER BY c.contact_date DESC, c.id DESC");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([unit_id], contact_from_row)?;
    Ok(rows.map(|r| r.map(|(_, c)| c)).collect::<rusqlite::Result<_>>()?)
}

/// Every contact made on or before `as_of`, by unit, oldest first.
pub fn contacts_until(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, Vec<Contact>>> {
    let sql = format!("{CONTACT_SQL} WHERE c.contact_date <= ?1 ORDER BY c.contact_date, c.id");
    let mut out: HashMap<i64, Vec<Contact>> = HashMap::new();
    for row in conn.prepare_cached(&sql)?.query_map([as_of.to_string()], contact_from_row)? {
        let (unit_id, contact) = row?;
        out.entry(unit_id).or_default().push(contact);
    }
    Ok(out)
}

pub fn contact_unit(conn: &Connection, contact_id: i64) -> Result<Option<(i64, String, NaiveDate)>> {
    let row = conn
        .prepare_cached("SELECT c.unit_id, u.code, c.contact_date FROM dunning_contacts c JOIN units u ON u.id = c.unit_id WHERE c.id = ?1")?
        .query_row([contact_id], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))
        .optional()?;
    Ok(row.map(|(id, code, d)| (id, code, date(Some(d)).unwrap_or_default())))
}

/// The next letter number: one more than the last, so numbers have no gaps
/// (read inside the printing's write transaction, which holds the write lock).
pub fn next_letter_number(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COALESCE(MAX(number), 0) + 1 FROM dunning_letters", [], |r| r.get(0))?)
}

pub fn insert_batch(conn: &Connection, as_of: NaiveDate, filter: &str, letters: usize, operator: &str, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO dunning_batches (as_of, filter, letters, operator, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![as_of.to_string(), filter, letters as i64, operator, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub struct NewLetterRow<'a> {
    pub number: i64,
    pub letter_no: &'a str,
    pub batch_id: i64,
    pub unit_id: i64,
    pub addressee: &'a str,
    pub owed: Money,
    pub late_fee: Money,
    pub deadline: NaiveDate,
    pub issued_on: NaiveDate,
}

pub fn insert_letter(conn: &Connection, l: &NewLetterRow, now: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO dunning_letters (number, letter_no, batch_id, unit_id, addressee, owed, late_fee, deadline, issued_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        l.number,
        l.letter_no,
        l.batch_id,
        l.unit_id,
        l.addressee,
        l.owed.0,
        l.late_fee.0,
        l.deadline.to_string(),
        l.issued_on.to_string(),
        now
    ])?;
    Ok(())
}

const LETTER_SQL: &str = "SELECT l.id, l.letter_no, u.code, l.addressee, l.owed, l.late_fee, l.deadline, l.issued_on, l.batch_id,
        (SELECT MIN(d.delivered_on) FROM dunning_deliveries d WHERE d.letter_id = l.id), l.unit_id
     FROM dunning_letters l JOIN units u ON u.id = l.unit_id";

fn letter_from_row(r: &Row) -> rusqlite::Result<(i64, Letter)> {
    let letter = Letter {
        id: r.get(0)?,
        letter_no: r.get(1)?,
        unit: r.get(2)?,
        addressee: r.get(3)?,
        owed: Money(r.get(4)?),
        late_fee: Money(r.get(5)?),
        deadline: date(r.get(6)?).unwrap_or_default(),
        issued_on: date(r.get(7)?).unwrap_or_default(),
        batch_id: r.get(8)?,
        delivered_on: date(r.get(9)?),
    };
    Ok((r.get(10)?, letter))
}

/// Letters of one unit (or all), newest first.
pub fn letters(conn: &Connection, unit_id: Option<i64>) -> Result<Vec<Letter>> {
    let sql = format!("{LETTER_SQL} WHERE ?1 IS NULL OR l.unit_id = ?1 ORDER BY l.number DESC");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([unit_id], letter_from_row)?;
    Ok(rows.map(|r| r.map(|(_, l)| l)).collect::<rusqlite::Result<_>>()?)
}

/// Every letter issued on or before `as_of`, by unit, oldest first.
pub fn letters_until(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, Vec<Letter>>> {
    let sql = format!("{LETTER_SQL} WHERE l.issued_on <= ?1 ORDER BY l.number");
    let mut out: HashMap<i64, Vec<Letter>> = HashMap::new();
    for row in conn.prepare_cached(&sql)?.query_map([as_of.to_string()], letter_from_row)? {
        let (unit_id, letter) = row?;
        out.entry(unit_id).or_default().push(letter);
    }
    Ok(out)
}

/// A letter by its number, with its unit's id.
pub fn letter_by_no(conn: &Connection, letter_no: &str) -> Result<Option<(i64, Letter)>> {
    let sql = format!("{LETTER_SQL} WHERE l.letter_no = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([letter_no], letter_from_row).optional()?)
}

pub struct NewDeliveryRow<'a> {
    pub unit_id: i64,
    pub letter_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub delivered_on: NaiveDate,
    pub signed_by: &'a str,
    pub mail_no: &'a str,
    pub note: &'a str,
}

pub fn insert_delivery(conn: &Connection, d: &NewDeliveryRow, operator: &str, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO dunning_deliveries (unit_id, letter_id, contact_id, delivered_on, signed_by, mail_no, note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![d.unit_id, d.letter_id, d.contact_id, d.delivered_on.to_string(), d.signed_by, d.mail_no, d.note, operator, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Deliveries of one unit (or all), newest first.
pub fn deliveries(conn: &Connection, unit_id: Option<i64>) -> Result<Vec<Delivery>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, u.code, COALESCE(l.letter_no, '联系记录 #' || d.contact_id), d.delivered_on, d.signed_by, d.mail_no, d.note
         FROM dunning_deliveries d JOIN units u ON u.id = d.unit_id LEFT JOIN dunning_letters l ON l.id = d.letter_id
         WHERE ?1 IS NULL OR d.unit_id = ?1 ORDER BY d.delivered_on DESC, d.id DESC",
    )?;
    let rows = stmt.query_map([unit_id], |r| {
        Ok(Delivery {
            id: r.get(0)?,
            unit: r.get(1)?,
            what: r.get(2)?,
            delivered_on: date(r.get(3)?).unwrap_or_default(),
            signed_by: r.get(4)?,
            mail_no: r.get(5)?,
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The days demands were proven delivered to each unit, on or before `as_of`, in order.
pub fn deliveries_until(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, Vec<NaiveDate>>> {
    let mut stmt = conn.prepare_cached("SELECT unit_id, delivered_on FROM dunning_deliveries WHERE delivered_on <= ?1 ORDER BY delivered_on")?;
    let rows = stmt.query_map([as_of.to_string()], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
    for row in rows {
        let (unit, day) = row?;
        if let Some(day) = date(Some(day)) {
            out.entry(unit).or_default().push(day);
        }
    }
    Ok(out)
}

/// The first mobile number of each unit's current owners (owner before
/// co-owner, earliest registered first), for the reminder sheet.
pub fn owner_mobiles(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.unit_id, p.phones FROM occupancies o JOIN people p ON p.id = o.person_id
         WHERE o.to_date IS NULL AND o.role IN ('owner', 'co_owner') AND p.phones <> ''
         ORDER BY o.unit_id, o.role = 'co_owner', o.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (unit, phones) = row?;
        if let Some(mobile) = phones.split(',').map(str::trim).find(|p| p.len() == 11 && p.starts_with('1')) {
            out.entry(unit).or_insert_with(|| mobile.to_string());
        }
    }
    Ok(out)
}

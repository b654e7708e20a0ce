//! The SQL of the service desk, and only its SQL.

use rusqlite::types::{FromSqlError, Type};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::*;
use crate::db::Tx;
use crate::error::Result;
use crate::money::Money;

/// A stored code read back as its choice; anything else is a broken row, not a default.
fn coded<T>(row: &Row, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(FromSqlError::InvalidType)))
}

/// How many numbers of `column` in `table` start with `prefix` (the day's numbers so far).
pub fn count_numbers(conn: &Connection, table_column: (&str, &str), prefix: &str) -> Result<i64> {
    let (table, column) = table_column;
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} LIKE ?1 || '%'");
    Ok(conn.prepare_cached(&sql)?.query_row([prefix], |r| r.get(0))?)
}

pub struct RequestRow<'a> {
    pub request_no: &'a str,
    pub kind: Kind,
    pub subject: Option<Subject>,
    pub urgency: Urgency,
    pub unit_id: Option<i64>,
    pub caller: &'a str,
    pub phone: &'a str,
    pub channel: Channel,
    pub received_at: &'a str,
    pub content: &'a str,
}

pub fn insert_request(tx: &Tx, r: &RequestRow) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO service_requests (request_no, kind, subject, urgency, unit_id, caller, phone, channel, received_at, content, recorded_at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        r.request_no,
        r.kind.code(),
        r.subject.map(Subject::code),
        r.urgency.code(),
        r.unit_id,
        r.caller,
        r.phone,
        r.channel.code(),
        r.received_at,
        r.content,
        tx.now_text(),
        tx.actor()
    ])?;
    Ok(tx.last_insert_rowid())
}

/// A request's own row with what its steps say about it (deadline, reply, classification).
#[derive(Debug, Clone)]
pub struct Head {
    pub id: i64,
    pub request_no: String,
    pub kind: Kind,
    pub subject: Option<Subject>,
    pub urgency: Urgency,
    pub unit_id: Option<i64>,
    pub unit: String,
    pub caller: String,
    pub phone: String,
    pub channel: Channel,
    pub received_at: String,
    pub content: String,
    pub status: Status,
    pub recorded_at: String,
    pub operator: String,
    pub deadline: Option<String>,
    pub replied_at: Option<String>,
    pub valid: Option<bool>,
    pub withholding: bool,
}

const HEAD: &str = "SELECT r.id, r.request_no, r.kind, r.subject, r.urgency, r.unit_id, coalesce(u.code, ''), r.caller, r.phone, r.channel,
        r.received_at, r.content, r.status, r.recorded_at, r.operator,
        (SELECT s.deadline FROM service_steps s WHERE s.request_id = r.id AND s.step = 'assigned'),
        (SELECT s.happened_at FROM service_steps s WHERE s.request_id = r.id AND s.step = 'replied'),
        (SELECT s.valid FROM service_steps s WHERE s.request_id = r.id AND s.step = 'classified'),
        EXISTS (SELECT 1 FROM service_withholding w WHERE w.request_id = r.id)
     FROM service_requests r LEFT JOIN units u ON u.id = r.unit_id";

fn head(row: &Row) -> rusqlite::Result<Head> {
    Ok(Head {
        id: row.get(0)?,
        request_no: row.get(1)?,
        kind: coded(row, 2, Kind::parse)?,
        subject: row.get::<_, Option<String>>(3)?.and_then(|s| Subject::parse(&s)),
        urgency: coded(row, 4, Urgency::parse)?,
        unit_id: row.get(5)?,
        unit: row.get(6)?,
        caller: row.get(7)?,
        phone: row.get(8)?,
        channel: coded(row, 9, Channel::parse)?,
        received_at: row.get(10)?,
        content: row.get(11)?,
        status: coded(row, 12, Status::parse)?,
        recorded_at: row.get(13)?,
        operator: row.get(14)?,
        deadline: row.get(15)?,
        replied_at: row.get(16)?,
        valid: row.get(17)?,
        withholding: row.get(18)?,
    })
}

pub fn request_head(conn: &Connection, id: i64) -> Result<Option<Head>> {
    Ok(conn.prepare_cached(&format!("{HEAD} WHERE r.id = ?1"))?.query_row([id], head).optional()?)
}

pub fn request_by_no(conn: &Connection, no: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM service_requests WHERE request_no = ?1")?.query_row([no], |r| r.get(0)).optional()?)
}

/// What a list asks for; every part optional.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub open_only: bool,
    pub kind: Option<Kind>,
    pub unit_id: Option<i64>,
    /// received_at from (inclusive) until (exclusive), as stored text.
    pub received: Option<(String, String)>,
}

/// Requests, oldest first.
pub fn request_heads(conn: &Connection, q: &Query) -> Result<Vec<Head>> {
    let mut sql = format!("{HEAD} WHERE 1 = 1");
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if q.open_only {
        sql.push_str(" AND r.status <> 'closed'");
    }
    if let Some(k) = q.kind {
        args.push(k.code().to_string().into());
        sql.push_str(&format!(" AND r.kind = ?{}", args.len()));
    }
    if let Some(u) = q.unit_id {
        args.push(u.into());
        sql.push_str(&format!(" AND r.unit_id = ?{}", args.len()));
    }
    if let Some((from, until)) = &q.received {
        args.push(from.clone().into());
        args.push(until.clone().into());
        sql.push_str(&format!(" AND r.received_at >= ?{} AND r.received_at < ?{}", args.len() - 1, args.len()));
    }
    sql.push_str(" ORDER BY r.received_at, r.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), head)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What a step carries beyond who and when.
#[derive(Default)]
pub struct StepRow<'a> {
    pub valid: Option<bool>,
    pub responsible: Option<&'a str>,
    pub deadline: Option<String>,
    pub reply_channel: Option<ReplyChannel>,
    pub happened_at: String,
    pub satisfied: Option<bool>,
    pub note: &'a str,
    pub lesson: &'a str,
}

/// A step by the transaction's actor, now. The database refuses one out of order.
pub fn insert_step(tx: &Tx, request_id: i64, step: Status, s: &StepRow) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO service_steps (request_id, step, valid, responsible, deadline, reply_channel, happened_at, satisfied, note, lesson, at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        request_id,
        step.code(),
        s.valid,
        s.responsible,
        s.deadline,
        s.reply_channel.map(ReplyChannel::code),
        s.happened_at,
        s.satisfied,
        s.note,
        s.lesson,
        tx.now_text(),
        tx.actor()
    ])?;
    Ok(())
}

pub fn steps(conn: &Connection, request_id: i64) -> Result<Vec<Step>> {
    let mut stmt = conn.prepare_cached(
        "SELECT step, valid, responsible, deadline, reply_channel, happened_at, satisfied, note, lesson, at, operator
         FROM service_steps WHERE request_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([request_id], |r| {
        let step: Status = coded(r, 0, Status::parse)?;
        let reply_channel = r.get::<_, Option<String>>(4)?.and_then(|c| ReplyChannel::parse(&c));
        Ok(Step {
            step,
            label: step.label(),
            valid: r.get(1)?,
            responsible: r.get(2)?,
            deadline: r.get(3)?,
            reply_channel,
            reply_channel_label: reply_channel.map(ReplyChannel::label),
            happened_at: r.get(5)?,
            satisfied: r.get(6)?,
            note: r.get(7)?,
            lesson: r.get(8)?,
            at: r.get(9)?,
            operator: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The time the last step happened (or the request was received): later steps may not be earlier.
pub fn last_happened(conn: &Connection, request_id: i64) -> Result<String> {
    Ok(conn.prepare_cached(
        "SELECT coalesce((SELECT happened_at FROM service_steps WHERE request_id = ?1 ORDER BY id DESC LIMIT 1),
                         (SELECT received_at FROM service_requests WHERE id = ?1))",
    )?
    .query_row([request_id], |r| r.get(0))?)
}

pub fn insert_withholding(tx: &Tx, request_id: i64, note: &str) -> Result<()> {
    tx.prepare_cached("INSERT INTO service_withholding (request_id, note, at, operator) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![request_id, note, tx.now_text(), tx.actor()])?;
    Ok(())
}

pub fn withholding(conn: &Connection, request_id: i64) -> Result<Option<Withholding>> {
    Ok(conn
        .prepare_cached("SELECT note, at, operator FROM service_withholding WHERE request_id = ?1")?
        .query_row([request_id], |r| Ok(Withholding { note: r.get(0)?, at: r.get(1)?, operator: r.get(2)? }))
        .optional()?)
}

/// Every complaint of a unit (or of every unit: unit_id None), oldest first, with the unit's id.
pub fn complaints(conn: &Connection, unit_id: Option<i64>) -> Result<Vec<(i64, UnitComplaint)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.unit_id, r.request_no, r.subject, r.status, r.received_at, r.content,
                EXISTS (SELECT 1 FROM service_withholding w WHERE w.request_id = r.id)
         FROM service_requests r WHERE r.kind = 'complaint' AND r.unit_id IS NOT NULL AND (?1 IS NULL OR r.unit_id = ?1)
         ORDER BY r.received_at, r.id",
    )?;
    let rows = stmt.query_map([unit_id], |r| {
        let subject: Subject = coded(r, 2, Subject::parse)?;
        let status: Status = coded(r, 3, Status::parse)?;
        Ok((
            r.get(0)?,
            UnitComplaint {
                request_no: r.get(1)?,
                subject_label: subject.label(),
                status_label: status.label(),
                open: status != Status::Closed,
                received_at: r.get(4)?,
                content: r.get(5)?,
                withholding: r.get(6)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn order_numbers_of_request(conn: &Connection, request_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT order_no FROM work_orders WHERE request_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([request_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub struct OrderRow<'a> {
    pub order_no: &'a str,
    pub request_id: Option<i64>,
    /// desk / request / inspection, and what opened it when not a request (an inspection finding).
    pub source: &'a str,
    pub source_ref: &'a str,
    pub area: Area,
    pub unit_id: Option<i64>,
    pub category: Category,
    pub location: &'a str,
    pub description: &'a str,
    pub reported_at: &'a str,
}

/// A new order and its first step (reported), so its status always follows a step.
pub fn insert_order(tx: &Tx, o: &OrderRow) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO work_orders (order_no, request_id, source, source_ref, area, unit_id, category, location, description, reported_at, recorded_at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        o.order_no,
        o.request_id,
        o.source,
        o.source_ref,
        o.area.code(),
        o.unit_id,
        o.category.code(),
        o.location,
        o.description,
        o.reported_at,
        tx.now_text(),
        tx.actor()
    ])?;
    Ok(tx.last_insert_rowid())
}

#[derive(Default)]
pub struct OrderStepRow<'a> {
    pub technician: Option<&'a str>,
    pub happened_at: String,
    pub materials: &'a str,
    pub charge: Money,
    pub bill_id: Option<i64>,
    pub satisfied: Option<bool>,
    pub note: &'a str,
}

pub fn insert_order_step(tx: &Tx, order_id: i64, step: OrderStatus, s: &OrderStepRow) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO work_order_steps (order_id, step, technician, happened_at, materials, charge, bill_id, satisfied, note, at, operator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![order_id, step.code(), s.technician, s.happened_at, s.materials, s.charge.fen(), s.bill_id, s.satisfied, s.note, tx.now_text(), tx.actor()])?;
    Ok(())
}

/// A work order's own row and what its steps say (technician, times, charge).
#[derive(Debug, Clone)]
pub struct OrderHead {
    pub id: i64,
    pub order_no: String,
    pub request_id: Option<i64>,
    pub request_no: Option<String>,
    pub source: String,
    pub source_ref: String,
    pub area: Area,
    pub unit_id: Option<i64>,
    pub unit: String,
    pub category: Category,
    pub location: String,
    pub description: String,
    pub reported_at: String,
    pub status: OrderStatus,
    pub recorded_at: String,
    pub operator: String,
    pub technician: String,
    pub done_at: Option<String>,
    pub charge: Money,
}

const ORDER_HEAD: &str = "SELECT o.id, o.order_no, o.request_id, r.request_no, o.source, o.source_ref, o.area, o.unit_id, coalesce(u.code, ''),
        o.category, o.location, o.description, o.reported_at, o.status, o.recorded_at, o.operator,
        coalesce((SELECT s.technician FROM work_order_steps s WHERE s.order_id = o.id AND s.step = 'dispatched' ORDER BY s.id DESC LIMIT 1), ''),
        (SELECT s.happened_at FROM work_order_steps s WHERE s.order_id = o.id AND s.step = 'done' ORDER BY s.id DESC LIMIT 1),
        (SELECT coalesce(sum(s.charge), 0) FROM work_order_steps s WHERE s.order_id = o.id)
     FROM work_orders o LEFT JOIN units u ON u.id = o.unit_id LEFT JOIN service_requests r ON r.id = o.request_id";

fn order_head(row: &Row) -> rusqlite::Result<OrderHead> {
    Ok(OrderHead {
        id: row.get(0)?,
        order_no: row.get(1)?,
        request_id: row.get(2)?,
        request_no: row.get(3)?,
        source: row.get(4)?,
        source_ref: row.get(5)?,
        area: coded(row, 6, Area::parse)?,
        unit_id: row.get(7)?,
        unit: row.get(8)?,
        category: coded(row, 9, Category::parse)?,
        location: row.get(10)?,
        description: row.get(11)?,
        reported_at: row.get(12)?,
        status: coded(row, 13, OrderStatus::parse)?,
        recorded_at: row.get(14)?,
        operator: row.get(15)?,
        technician: row.get(16)?,
        done_at: row.get(17)?,
        charge: Money(row.get(18)?),
    })
}

pub fn order_head_by_id(conn: &Connection, id: i64) -> Result<Option<OrderHead>> {
    Ok(conn.prepare_cached(&format!("{ORDER_HEAD} WHERE o.id = ?1"))?.query_row([id], order_head).optional()?)
}

pub fn order_by_no(conn: &Connection, no: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM work_orders WHERE order_no = ?1")?.query_row([no], |r| r.get(0)).optional()?)
}

/// Work orders, oldest first: open only, of a unit, reported before a time (stored text).
pub fn order_heads(conn: &Connection, open_only: bool, unit_id: Option<i64>, reported_before: Option<&str>) -> Result<Vec<OrderHead>> {
    let sql = format!(
        "{ORDER_HEAD} WHERE (?1 = 0 OR o.status <> 'closed') AND (?2 IS NULL OR o.unit_id = ?2) AND (?3 IS NULL OR o.reported_at < ?3)
         ORDER BY o.reported_at, o.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![open_only, unit_id, reported_before], order_head)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn order_steps(conn: &Connection, order_id: i64) -> Result<Vec<(OrderStep, Option<i64>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT step, technician, happened_at, materials, charge, satisfied, note, at, operator, bill_id FROM work_order_steps WHERE order_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([order_id], |r| {
        let step: OrderStatus = coded(r, 0, OrderStatus::parse)?;
        Ok((
            OrderStep {
                step,
                label: step.label(),
                technician: r.get(1)?,
                happened_at: r.get(2)?,
                materials: r.get(3)?,
                charge: Money(r.get(4)?),
                satisfied: r.get(5)?,
                note: r.get(6)?,
                at: r.get(7)?,
                operator: r.get(8)?,
            },
            r.get(9)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every step of every order happened by `until` (stored text), for the month's summary: (order id, step, happened_at).
pub fn order_steps_until(conn: &Connection, until: &str) -> Result<Vec<(i64, OrderStatus, String)>> {
    let mut stmt = conn.prepare_cached("SELECT order_id, step, happened_at FROM work_order_steps WHERE happened_at < ?1 ORDER BY id")?;
    let rows = stmt.query_map([until], |r| Ok((r.get(0)?, coded(r, 1, OrderStatus::parse)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The status a request had at `until` (stored text): its last step happened before then.
pub fn request_status_at(conn: &Connection, request_id: i64, until: &str) -> Result<Status> {
    let code: Option<String> = conn
        .prepare_cached("SELECT step FROM service_steps WHERE request_id = ?1 AND happened_at < ?2 ORDER BY id DESC LIMIT 1")?
        .query_row(params![request_id, until], |r| r.get(0))
        .optional()?;
    Ok(code.and_then(|c| Status::parse(&c)).unwrap_or(Status::Recorded))
}

/// The receipt of the payment that settled a bill, if any.
pub fn receipt_of_bill(conn: &Connection, bill_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT rc.receipt_no FROM allocations a JOIN receipts rc ON rc.payment_id = a.payment_id
             WHERE a.bill_id = ?1 ORDER BY rc.id DESC LIMIT 1",
        )?
        .query_row([bill_id], |r| r.get(0))
        .optional()?)
}

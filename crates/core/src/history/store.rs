//! The SQL of the unit's history: one query per kind of event, each turned
//! into timeline lines in the order it happened.

use rusqlite::{Connection, params};

use super::{Event, EventKind, short};
use crate::dunning::rules::Stage;
use crate::error::Result;
use crate::money::Money;
use crate::register::Role;
use crate::service::{Category, Status, Subject};

fn rows<T>(conn: &Connection, sql: &str, unit_id: i64, f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let found = stmt.query_map(params![unit_id], f)?;
    Ok(found.collect::<Result<_, _>>()?)
}

pub fn transfers(conn: &Connection, unit_id: i64) -> Result<Vec<Event>> {
    let sql = "SELECT t.id, t.date, t.from_people, p.name, t.note FROM transfers t JOIN people p ON p.id = t.to_person_id WHERE t.unit_id = ?1 ORDER BY t.date, t.id";
    rows(conn, sql, unit_id, |r| {
        let (id, date, from, to, note): (i64, String, String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let from = if from.is_empty() { "（无原业主）".to_string() } else { from };
        let note = if note.trim().is_empty() { String::new() } else { format!("（{}）", short(&note, 30)) };
        Ok(Event::new(&date, EventKind::Transfer, format!("产权过户：{from} → {to}{note}"), format!("过户 #{id}")))
    })
}

/// People moving in and out. An owner's start on a transfer's day, or end the day before it (or on it),
/// is the transfer itself, not said twice.
pub fn occupancies(conn: &Connection, unit_id: i64) -> Result<Vec<Event>> {
    let sql = "SELECT o.person_id, p.name, o.role, o.from_date, o.to_date,
                      o.role IN ('owner', 'co_owner') AND EXISTS (SELECT 1 FROM transfers t WHERE t.unit_id = o.unit_id AND t.date = o.from_date),
                      o.role IN ('owner', 'co_owner') AND EXISTS (SELECT 1 FROM transfers t WHERE t.unit_id = o.unit_id AND t.date IN (o.to_date, date(o.to_date, '+1 day')))
               FROM occupancies o JOIN people p ON p.id = o.person_id WHERE o.unit_id = ?1 ORDER BY o.from_date, o.id";
    let found = rows(conn, sql, unit_id, |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, Option<String>>(4)?, r.get::<_, bool>(5)?, r.get::<_, bool>(6)?))
    })?;
    let mut events = Vec::new();
    for (person, name, role, from, to, from_transfer, to_transfer) in found {
        let role = Role::parse(&role).map_or("住户", Role::label);
        if !from_transfer {
            events.push(Event::new(&from, EventKind::MoveIn, format!("{role} {name} 入住登记"), format!("住户 #{person}")));
        }
        if let Some(to) = to.filter(|_| !to_transfer) {
            events.push(Event::new(&to, EventKind::MoveOut, format!("{role} {name} 迁出"), format!("住户 #{person}")));
        }
    }
    Ok(events)
}

/// A permit's application and its big steps (not fees, passes or refunds).
pub fn renovations(conn: &Connection, unit_id: i64) -> Result<Vec<Event>> {
    let sql = "SELECT p.id, p.applied_at, p.contractor, p.planned_start, p.planned_end, s.step, s.at, s.note,
                      (SELECT i.permit_no FROM reno_steps i WHERE i.permit_id = p.id AND i.step = 'issued')
               FROM reno_permits p LEFT JOIN reno_steps s ON s.permit_id = p.id
                    AND s.step IN ('approved', 'rejected', 'issued', 'rectify', 'accepted', 'closed')
               WHERE p.unit_id = ?1 ORDER BY p.id, s.id";
    let found = rows(conn, sql, unit_id, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, Option<String>>(8)?,
        ))
    })?;
    let mut events = Vec::new();
    let mut last = None;
    for (id, applied_at, contractor, start, end, step, at, note, permit_no) in found {
        let reference = permit_no.unwrap_or_else(|| format!("装修申请 #{id}"));
        if last != Some(id) {
            events.push(Event::new(&applied_at, EventKind::Renovation, format!("装修申请（{}，{start} 至 {end}）", short(&contractor, 20)), reference.clone()));
            last = Some(id);
        }
        let (Some(step), Some(at)) = (step, at) else { continue };
        let note = note.unwrap_or_default();
        let text = match step.as_str() {
            "approved" => "装修申请批准".to_string(),
            "rejected" => format!("装修申请驳回：{}", short(&note, 30)),
            "issued" => "发放装修许可证".to_string(),
            "rectify" => format!("竣工验收要求整改：{}", short(&note, 30)),
            "accepted" => "竣工验收通过".to_string(),
            _ => "装修结案".to_string(),
        };
        events.push(Event::new(&at, EventKind::Renovation, text, reference));
    }
    Ok(events)
}

/// Repairs inside the unit, each time one was finished (a repeat repair after a failed one too), with the charge.
pub fn repairs(conn: &Connection, unit_id: i64) -> Result<Vec<Event>> {
    let sql = "SELECT o.order_no, o.category, o.location, s.happened_at, s.charge,
                      (SELECT COUNT(*) FROM work_order_steps e WHERE e.order_id = o.id AND e.step = 'done' AND e.id < s.id)
               FROM work_orders o JOIN work_order_steps s ON s.order_id = o.id AND s.step = 'done'
               WHERE o.unit_id = ?1 ORDER BY s.happened_at, s.id";
    rows(conn, sql, unit_id, |r| {
        let (no, category, location, at, charge, before): (String, String, String, String, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let category = Category::parse(&category).map_or("维修", Category::label);
        let what = if before > 0 { "返修完工" } else { "户内维修完工" };
        let charge = Money(charge);
        let paid = if charge.is_positive() { format!("，维修费 {charge} 元") } else { "，未收费".to_string() };
        Ok(Event::new(&at, EventKind::Repair, format!("{what}：{category} {}{paid}", short(&location, 20)), no))
    })
}

/// The unit's complaints, when each came in, with where it stands now.
pub fn complaints(conn: &Connection, unit_id: i64) -> Result<Vec<Event>> {
    let sql = "SELECT r.request_no, r.subject, r.content, r.status, r.received_at, EXISTS (SELECT 1 FROM service_withholding w WHERE w.request_id = r.id)
               FROM service_requests r WHERE r.unit_id = ?1 AND r.kind = 'complaint' ORDER BY r.received_at, r.id";
    rows(conn, sql, unit_id, |r| {
        let (no, subject, content, status, at, withheld): (String, Option<String>, String, String, String, bool) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let subject = subject.as_deref().and_then(Subject::parse).map_or("", Subject::label);
        let status = Status::parse(&status).map_or("", Status::label);
        let withheld = if withheld { "，业主以此拒缴" } else { "" };
        Ok(Event::new(&at, EventKind::Complaint, format!("{subject}投诉：{}（{status}{withheld}）", short(&content, 30)), no))
    })
}

/// Dunning's legal side: contacts at the 律师函·诉讼 stage, and every demand proven delivered (it restarts the limitation period).
pub fn legal(conn: &Connection, unit_id: i64) -> Result<Vec<Event>> {
    let sql = "SELECT id, contact_date, channel, outcome, owed FROM dunning_contacts WHERE unit_id = ?1 AND stage = 'legal' ORDER BY contact_date, id";
    let mut events = rows(conn, sql, unit_id, |r| {
        let (id, date, channel, outcome, owed): (i64, String, String, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let outcome = if outcome.trim().is_empty() { String::new() } else { format!("：{}", short(&outcome, 30)) };
        Ok(Event::new(&date, EventKind::Legal, format!("{}（{channel}，欠费 {} 元）{outcome}", Stage::Legal.label(), Money(owed)), format!("催缴记录 #{id}")))
    })?;
    let sql = "SELECT d.delivered_on, l.letter_no, l.owed, c.id, c.stage, d.mail_no
               FROM dunning_deliveries d LEFT JOIN dunning_letters l ON l.id = d.letter_id LEFT JOIN dunning_contacts c ON c.id = d.contact_id
               WHERE d.unit_id = ?1 ORDER BY d.delivered_on, d.id";
    events.extend(rows(conn, sql, unit_id, |r| {
        let (date, letter, owed, contact, stage, mail_no): (String, Option<String>, Option<i64>, Option<i64>, Option<String>, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let how = if mail_no.trim().is_empty() { String::new() } else { format!("（挂号 {}）", short(&mail_no, 30)) };
        Ok(match (letter, contact) {
            (Some(no), _) => Event::new(&date, EventKind::Legal, format!("催缴函送达，欠费 {} 元{how}", Money(owed.unwrap_or(0))), no),
            (None, id) => {
                let stage = stage.as_deref().and_then(|s| Stage::parse(s).ok()).map_or("催缴", Stage::label);
                Event::new(&date, EventKind::Legal, format!("{stage}送达{how}"), format!("催缴记录 #{}", id.unwrap_or(0)))
            }
        })
    })?);
    events.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(events)
}

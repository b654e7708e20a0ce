//! The SQL that finds everything stored about one person, and that erases it.

use rusqlite::{Connection, params};

use super::model::*;
use super::rules::holds_name;
use crate::service::{Channel, Kind, Status, Subject};
use crate::error::Result;
use crate::money::Money;

/// Every tie of the person to a unit, current first.
pub fn ties(conn: &Connection, person_id: i64) -> Result<Vec<Tie>> {
    let mut stmt = conn.prepare(
        "SELECT o.unit_id, u.code, o.role, o.from_date, o.to_date FROM occupancies o JOIN units u ON u.id = o.unit_id
         WHERE o.person_id = ?1 ORDER BY o.to_date IS NOT NULL, o.from_date, o.id",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(Tie { unit_id: r.get(0)?, unit: r.get(1)?, role: r.get(2)?, from: r.get(3)?, to: r.get(4)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn vehicles(conn: &Connection, person_id: i64) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare("SELECT v.id, v.plate, u.code FROM vehicles v JOIN units u ON u.id = v.unit_id WHERE v.person_id = ?1 ORDER BY v.id")?;
    let rows = stmt.query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Transfers to the person, or from them (their name among the sellers) on a unit they were tied to.
pub fn transfers(conn: &Connection, person_id: i64, name: &str, unit_ids: &[i64]) -> Result<Vec<TransferLine>> {
    let mut stmt = conn.prepare(
        "SELECT t.unit_id, t.to_person_id, t.date, u.code, t.from_people, p.name, t.note FROM transfers t
         JOIN units u ON u.id = t.unit_id JOIN people p ON p.id = t.to_person_id ORDER BY t.date, t.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let line = TransferLine { date: r.get(2)?, unit: r.get(3)?, from_people: r.get(4)?, to_person: r.get(5)?, note: r.get(6)? };
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, line))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (unit_id, to, line) = row?;
        if to == person_id || (unit_ids.contains(&unit_id) && holds_name(&line.from_people, name)) {
            found.push(line);
        }
    }
    Ok(found)
}

/// Payments on the person's units with their name among the payers.
pub fn payments(conn: &Connection, name: &str, unit_ids: &[i64]) -> Result<Vec<PaymentLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, r.receipt_no, p.paid_at, u.code, p.amount, p.method, p.payer, v.receipt_id IS NOT NULL
         FROM payments p JOIN units u ON u.id = p.unit_id JOIN receipts r ON r.payment_id = p.id
         LEFT JOIN receipt_voids v ON v.receipt_id = r.id
         WHERE p.unit_id = ?1 AND instr(p.payer, ?2) > 0 ORDER BY p.id",
    )?;
    let mut found = Vec::new();
    for unit_id in unit_ids {
        let rows = stmt.query_map(params![unit_id, name], |r| {
            Ok(PaymentLine {
                payment_id: r.get(0)?,
                receipt_no: r.get(1)?,
                paid_at: r.get(2)?,
                unit: r.get(3)?,
                amount: Money(r.get(4)?),
                method: r.get(5)?,
                payer: r.get(6)?,
                voided: r.get(7)?,
            })
        })?;
        for row in rows {
            let line = row?;
            if holds_name(&line.payer, name) {
                found.push(line);
            }
        }
    }
    found.sort_by_key(|p| p.payment_id);
    Ok(found)
}

/// Deposits on the person's units with their name among the payers: (id, payer).
pub fn deposits(conn: &Connection, name: &str, unit_ids: &[i64]) -> Result<Vec<(i64, String)>> {
    named_rows(conn, "SELECT id, payer FROM deposits WHERE unit_id = ?1 AND instr(payer, ?2) > 0 ORDER BY id", name, unit_ids)
}

/// 催缴函 addressed to the person on their units: (id, addressee).
pub fn letters(conn: &Connection, name: &str, unit_ids: &[i64]) -> Result<Vec<(i64, String)>> {
    named_rows(conn, "SELECT id, addressee FROM dunning_letters WHERE unit_id = ?1 AND instr(addressee, ?2) > 0 ORDER BY id", name, unit_ids)
}

fn named_rows(conn: &Connection, sql: &str, name: &str, unit_ids: &[i64]) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut found = Vec::new();
    for unit_id in unit_ids {
        let rows = stmt.query_map(params![unit_id, name], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, field) = row?;
            if holds_name(&field, name) {
                found.push((id, field));
            }
        }
    }
    Ok(found)
}

/// The dunning contacts and letters of the person's units while they were tied to them.
pub fn dunning(conn: &Connection, ties: &[Tie]) -> Result<Vec<DunningLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT contact_date, stage, channel, outcome, operator FROM dunning_contacts
         WHERE unit_id = ?1 AND contact_date >= ?2 AND (?3 IS NULL OR contact_date <= ?3) ORDER BY contact_date, id",
    )?;
    let mut found = Vec::new();
    for t in ties {
        let rows = stmt.query_map(params![t.unit_id, t.from, t.to], |r| {
            Ok(DunningLine { date: r.get(0)?, unit: t.unit.clone(), stage: r.get(1)?, channel: r.get(2)?, outcome: r.get(3)?, operator: r.get(4)? })
        })?;
        for row in rows {
            found.push(row?);
        }
    }
    found.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(found)
}

/// Requests and complaints on the person's units made under their name: the
/// same rows an erasure renames (`SERVICE_NAMES`), so the person sees all of
/// it before it goes. Public matters carry no unit and are not reached.
pub fn requests(conn: &Connection, name: &str, unit_ids: &[i64]) -> Result<Vec<RequestLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.request_no, r.received_at, u.code, r.kind, r.subject, r.caller, r.phone, r.channel, r.content, r.status
         FROM service_requests r JOIN units u ON u.id = r.unit_id
         WHERE r.unit_id = ?1 AND instr(r.caller, ?2) > 0 ORDER BY r.received_at, r.id",
    )?;
    let mut found = Vec::new();
    for unit_id in unit_ids {
        let rows = stmt.query_map(params![unit_id, name], |r| {
            let (kind, subject, channel, status): (String, Option<String>, String, String) = (r.get(3)?, r.get(4)?, r.get(7)?, r.get(9)?);
            Ok(RequestLine {
                request_no: r.get(0)?,
                received_at: r.get(1)?,
                unit: r.get(2)?,
                kind_label: Kind::parse(&kind).map_or("", Kind::label),
                subject_label: subject.as_deref().and_then(Subject::parse).map(Subject::label),
                caller: r.get(5)?,
                phone: r.get(6)?,
                channel_label: Channel::parse(&channel).map_or("", Channel::label),
                content: r.get(8)?,
                status_label: Status::parse(&status).map_or("", Status::label),
            })
        })?;
        for row in rows {
            let line = row?;
            if holds_name(&line.caller, name) {
                found.push(line);
            }
        }
    }
    found.sort_by(|a, b| a.received_at.cmp(&b.received_at));
    Ok(found)
}

pub fn erase_person(conn: &Connection, person_id: i64, placeholder: &str) -> Result<()> {
    conn.execute("UPDATE people SET name = ?2, phones = '', id_number = NULL WHERE id = ?1", params![person_id, placeholder])?;
    Ok(())
}

pub fn delete_vehicle(conn: &Connection, vehicle_id: i64) -> Result<()> {
    conn.execute("DELETE FROM vehicles WHERE id = ?1", [vehicle_id])?;
    Ok(())
}

/// Replaces the payer (or addressee) of a ledger row; the database allows only the placeholder in it.
pub fn rename_payment(conn: &Connection, id: i64, payer: &str) -> Result<()> {
    conn.execute("UPDATE payments SET payer = ?2 WHERE id = ?1", params![id, payer])?;
    Ok(())
}

pub fn rename_deposit(conn: &Connection, id: i64, payer: &str) -> Result<()> {
    conn.execute("UPDATE deposits SET payer = ?2 WHERE id = ?1", params![id, payer])?;
    Ok(())
}

pub fn rename_letter(conn: &Connection, id: i64, addressee: &str) -> Result<()> {
    conn.execute("UPDATE dunning_letters SET addressee = ?2 WHERE id = ?1", params![id, addressee])?;
    Ok(())
}

pub fn registered_at(conn: &Connection, person_id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT created_at FROM people WHERE id = ?1", [person_id], |r| r.get(0))?)
}

/// Ids of the people with exactly this name.
pub fn people_named(conn: &Connection, name: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM people WHERE name = ?1 ORDER BY id")?;
    let rows = stmt.query_map([name], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A name field of the key and parcel books, on the rows of one unit: the query
/// finds the rows on unit ?1 whose field holds name ?2 (id, field), the update
/// replaces the field of row ?1 with ?2 (the database allows only the placeholder).
pub struct NameField {
    find: &'static str,
    replace: &'static str,
}

/// Borrowers, who brought a key back, authorised persons, who left a set of keys and who took it back.
pub const KEY_NAMES: [NameField; 5] = [
    NameField {
        find: "SELECT l.id, l.borrower FROM key_loans l JOIN custody_keys k ON k.id = l.key_id WHERE k.unit_id = ?1 AND instr(l.borrower, ?2) > 0 ORDER BY l.id",
        replace: "UPDATE key_loans SET borrower = ?2 WHERE id = ?1",
    },
    NameField {
        find: "SELECT r.id, r.returned_by FROM key_returns r JOIN key_loans l ON l.id = r.loan_id JOIN custody_keys k ON k.id = l.key_id
               WHERE k.unit_id = ?1 AND instr(r.returned_by, ?2) > 0 ORDER BY r.id",
        replace: "UPDATE key_returns SET returned_by = ?2 WHERE id = ?1",
    },
    NameField {
        find: "SELECT a.id, a.name FROM key_authorisations a JOIN custody_keys k ON k.id = a.key_id WHERE k.unit_id = ?1 AND instr(a.name, ?2) > 0 ORDER BY a.id",
        replace: "UPDATE key_authorisations SET name = ?2 WHERE id = ?1",
    },
    NameField {
        find: "SELECT id, deposited_by FROM custody_keys WHERE unit_id = ?1 AND instr(deposited_by, ?2) > 0 ORDER BY id",
        replace: "UPDATE custody_keys SET deposited_by = ?2 WHERE id = ?1",
    },
    NameField {
        find: "SELECT id, returned_to FROM custody_keys WHERE unit_id = ?1 AND instr(returned_to, ?2) > 0 ORDER BY id",
        replace: "UPDATE custody_keys SET returned_to = ?2 WHERE id = ?1",
    },
];

/// The name on a parcel's label and who collected it.
pub const PARCEL_NAMES: [NameField; 2] = [
    NameField {
        find: "SELECT id, recipient FROM parcels WHERE unit_id = ?1 AND instr(recipient, ?2) > 0 ORDER BY id",
        replace: "UPDATE parcels SET recipient = ?2 WHERE id = ?1",
    },
    NameField {
        find: "SELECT c.id, c.collector_name FROM parcel_pickups c JOIN parcels p ON p.id = c.parcel_id WHERE p.unit_id = ?1 AND instr(c.collector_name, ?2) > 0 ORDER BY c.id",
        replace: "UPDATE parcel_pickups SET collector_name = ?2 WHERE id = ?1",
    },
];

/// Survey answer sheets on the person's units given under their name: the
/// rows an erasure renames (`SERVICE_NAMES`), with each question's answer.
pub fn survey_sheets(conn: &Connection, name: &str, unit_ids: &[i64]) -> Result<Vec<SurveySheetLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.name, a.visited_on, u.code, a.respondent, a.visited_by,
                (SELECT group_concat(line, '；') FROM (
                    SELECT q.text || '：' || coalesce(r.score || ' 分', r.comment) AS line
                    FROM survey_replies r JOIN survey_questions q ON q.id = r.question_id
                    WHERE r.answer_id = a.id ORDER BY q.position))
         FROM survey_answers a JOIN surveys s ON s.id = a.survey_id JOIN units u ON u.id = a.unit_id
         WHERE a.unit_id = ?1 AND instr(a.respondent, ?2) > 0 ORDER BY a.visited_on, a.id",
    )?;
    let mut found = Vec::new();
    for unit_id in unit_ids {
        let rows = stmt.query_map(params![unit_id, name], |r| {
            Ok(SurveySheetLine {
                survey: r.get(0)?,
                visited_on: r.get(1)?,
                unit: r.get(2)?,
                respondent: r.get(3)?,
                visited_by: r.get(4)?,
                answers: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            })
        })?;
        for row in rows {
            let line = row?;
            if holds_name(&line.respondent, name) {
                found.push(line);
            }
        }
    }
    found.sort_by(|a, b| a.visited_on.cmp(&b.visited_on));
    Ok(found)
}

/// Who made a request or complaint at the service desk on the unit (the phone
/// they gave goes with the name: the database allows only blank), and who
/// answered a satisfaction survey's visit there (the database allows only the
/// placeholder). Requests about public matters carry no unit and are not
/// reached: see docs/DESIGN.md.
pub const SERVICE_NAMES: [NameField; 2] = [
    NameField {
        find: "SELECT id, caller FROM service_requests WHERE unit_id = ?1 AND instr(caller, ?2) > 0 ORDER BY id",
        replace: "UPDATE service_requests SET caller = ?2, phone = '' WHERE id = ?1",
    },
    NameField {
        find: "SELECT id, respondent FROM survey_answers WHERE unit_id = ?1 AND instr(respondent, ?2) > 0 ORDER BY id",
        replace: "UPDATE survey_answers SET respondent = ?2 WHERE id = ?1",
    },
];

/// Replaces the person's name in `fields` on their units' rows with `rename(field)`; how many rows changed.
pub fn rename_fields(conn: &Connection, fields: &[NameField], name: &str, unit_ids: &[i64], rename: impl Fn(&str) -> String) -> Result<usize> {
    let mut changed = 0;
    for field in fields {
        for (id, text) in named_rows(conn, field.find, name, unit_ids)? {
            conn.execute(field.replace, params![id, rename(&text)])?;
            changed += 1;
        }
    }
    Ok(changed)
}

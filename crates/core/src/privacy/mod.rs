//! Personal data (issue 5): one person's data exported for them (a
//! data-subject request), and a former tenant's personal data erased while
//! the ledger stays whole — the money history remains, the name is replaced.

mod export;
pub mod model;
pub mod rules;
mod store;

use rusqlite::Connection;
use serde_json::json;

use crate::audit::{self, redact};
use crate::db::Tx;
use crate::error::{Coded, Result};
use crate::register::{self, Person, RegisterError, Role};
pub use export::{export, export_xlsx, reveal};
pub use model::*;
use rules::Scrub;

#[derive(Debug, thiserror::Error)]
pub enum PrivacyError {
    #[error("找不到住户“{0}”。请写住户编号（estate unit show 房号 的住户表里有），或写全名。")]
    NotFound(String),
    #[error("有 {count} 位住户都叫“{name}”，请改用住户编号（estate unit show 房号 的住户表里有）。")]
    Ambiguous { name: String, count: usize },
    #[error("{name} 是（或曾是）{unit} 的{role}，产权记录须保留，不能删除个人信息。只能删除已迁出的租户、家属、授权人的个人信息；业主资料有误请用“修改住户”更正。")]
    OwnerOfRecord { name: String, unit: String, role: &'static str },
    #[error("{name} 目前仍登记在 {unit}（{role}），不能删除个人信息。请先在房屋页办理迁出（结束这条住户记录），迁出之后再删除。")]
    StillLiving { name: String, unit: String, role: &'static str },
    #[error("这位住户的个人信息已经删除过了（现名 {0}），不需要再删除。")]
    AlreadyErased(String),
    #[error("请写明删除个人信息的原因，例如：租户已迁出，本人申请删除。")]
    ReasonRequired,
    #[error("审计记录第 {0} 条已被程序以外的方式改动，为保全证据不能删除个人信息。请先运行 estate audit verify，并联系技术支持。")]
    AuditTampered(i64),
}

impl Coded for PrivacyError {
    fn code(&self) -> &'static str {
        match self {
            PrivacyError::NotFound(_) => "person.not_found",
            PrivacyError::Ambiguous { .. } => "person.ambiguous",
            PrivacyError::OwnerOfRecord { .. } => "person.owner_of_record",
            PrivacyError::StillLiving { .. } => "person.still_living",
            PrivacyError::AlreadyErased(_) => "person.already_erased",
            PrivacyError::ReasonRequired => "person.reason_required",
            PrivacyError::AuditTampered(_) => "audit.tampered",
        }
    }
    fn is_input(&self) -> bool {
        !matches!(self, PrivacyError::AuditTampered(_))
    }
}

/// A person named as the CLI names them: their id (digits), or a name only one person has.
pub fn find_person(conn: &Connection, text: &str) -> Result<Person> {
    let text = text.trim();
    let id = match text.parse::<i64>() {
        Ok(id) => id,
        Err(_) => match store::people_named(conn, text)?.as_slice() {
            [] => return Err(PrivacyError::NotFound(text.to_string()).into()),
            [id] => *id,
            many => return Err(PrivacyError::Ambiguous { name: text.to_string(), count: many.len() }.into()),
        },
    };
    register::store::person_by_id(conn, id)?.ok_or_else(|| PrivacyError::NotFound(text.to_string()).into())
}

fn person(conn: &Connection, person_id: i64) -> Result<Person> {
    register::store::person_by_id(conn, person_id)?.ok_or_else(|| RegisterError::PersonNotFound(person_id).into())
}

fn secrets(p: &Person) -> Vec<String> {
    p.phones.iter().cloned().chain(p.id_number.clone()).collect()
}

fn unit_ids(ties: &[Tie]) -> Vec<i64> {
    let mut ids: Vec<i64> = ties.iter().map(|t| t.unit_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The audit entries about the person: those on them, and those on their
/// units that name them; anywhere, those holding their phones or ID number.
/// Each with the detail it would have without their personal data.
fn audit_about(conn: &Connection, p: &Person, units: &[i64], scrub: &Scrub) -> Result<Vec<redact::Redaction>> {
    let mut about = audit::history(conn, "person", p.id)?;
    for unit in units {
        about.extend(audit::history(conn, "unit", *unit)?);
    }
    let mut found: Vec<redact::Redaction> = Vec::new();
    for entry in about {
        if let Some(detail) = scrub.detail(&entry.detail) {
            found.push(redact::Redaction { entry, detail });
        }
    }
    let elsewhere = scrub.secrets_only();
    for entry in redact::entries_mentioning(conn, &elsewhere.secrets)? {
        if found.iter().any(|f| f.entry.id == entry.id) {
            continue;
        }
        if let Some(detail) = elsewhere.detail(&entry.detail) {
            found.push(redact::Redaction { entry, detail });
        }
    }
    found.sort_by_key(|r| r.entry.id);
    Ok(found)
}

/// Everything kept about one person, in full (it is their own data).
pub fn personal_data(conn: &Connection, person_id: i64) -> Result<PersonalData> {
    let p = person(conn, person_id)?;
    let ties = store::ties(conn, p.id)?;
    let units = unit_ids(&ties);
    let scrub = Scrub { name: p.name.clone(), placeholder: rules::placeholder(p.id), secrets: secrets(&p) };
    Ok(PersonalData {
        registered_at: store::registered_at(conn, p.id)?,
        vehicles: store::vehicles(conn, p.id)?.into_iter().map(|(_, plate, unit)| (plate, unit)).collect(),
        transfers: store::transfers(conn, p.id, &p.name, &units)?,
        payments: store::payments(conn, &p.name, &units)?,
        dunning: store::dunning(conn, &ties)?,
        requests: store::requests(conn, &p.name, &units)?,
        surveys: store::survey_sheets(conn, &p.name, &units)?,
        audit: audit_about(conn, &p, &units, &scrub)?.into_iter().map(|r| r.entry).collect(),
        ties,
        person: p,
    })
}

/// Erases a former tenant's (family member's, authorised person's) personal
/// data: their name becomes 已删除住户#<id> on the register, on the payments,
/// deposits and 催缴函 that named them, in the key and parcel books of their
/// units (borrower, authorised person, recipient, collector), on the service
/// desk's requests they made on those units (their phone cleared) and in the audit
/// entries about them;
/// phones and ID number are cleared and their vehicles' plates removed. Amounts,
/// dates, units, receipts and balances do not change. Refused while they live
/// there, and for anyone who is or was an owner (ownership is kept on record).
pub fn erase(tx: &mut Tx, person_id: i64, reason: &str) -> Result<Erasure> {
    let p = person(tx, person_id)?;
    if rules::is_erased(&p.name) {
        return Err(PrivacyError::AlreadyErased(p.name).into());
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(PrivacyError::ReasonRequired.into());
    }
    // Evidence already tampered with is not sealed over (nor is the erasure written).
    if let Some(broken) = audit::verify(tx)?.first_broken {
        return Err(PrivacyError::AuditTampered(broken).into());
    }
    let ties = store::ties(tx, p.id)?;
    let label = |t: &Tie| Role::parse(&t.role).map_or("住户", Role::label);
    if let Some(t) = ties.iter().find(|t| matches!(Role::parse(&t.role), Some(Role::Owner | Role::CoOwner))) {
        return Err(PrivacyError::OwnerOfRecord { name: p.name.clone(), unit: t.unit.clone(), role: label(t) }.into());
    }
    let today = tx.today().to_string();
    if let Some(t) = ties.iter().find(|t| t.to.as_ref().is_none_or(|to| *to >= today)) {
        return Err(PrivacyError::StillLiving { name: p.name.clone(), unit: t.unit.clone(), role: label(t) }.into());
    }
    let units = unit_ids(&ties);
    let placeholder = rules::placeholder(p.id);
    let scrub = Scrub { name: p.name.clone(), placeholder: placeholder.clone(), secrets: secrets(&p) };
    let redactions = audit_about(tx, &p, &units, &scrub)?;

    let payments = store::payments(tx, &p.name, &units)?;
    for pay in &payments {
        store::rename_payment(tx, pay.payment_id, &scrub.text(&pay.payer))?;
    }
    let deposits = store::deposits(tx, &p.name, &units)?;
    for (id, payer) in &deposits {
        store::rename_deposit(tx, *id, &scrub.text(payer))?;
    }
    let letters = store::letters(tx, &p.name, &units)?;
    for (id, addressee) in &letters {
        store::rename_letter(tx, *id, &scrub.text(addressee))?;
    }
    let key_records = store::rename_fields(tx, &store::KEY_NAMES, &p.name, &units, |t| scrub.text(t))?;
    let parcel_records = store::rename_fields(tx, &store::PARCEL_NAMES, &p.name, &units, |t| scrub.text(t))?;
    let service_records = store::rename_fields(tx, &store::SERVICE_NAMES, &p.name, &units, |t| scrub.text(t))?;
    let vehicles = store::vehicles(tx, p.id)?;
    for (id, _, _) in &vehicles {
        store::delete_vehicle(tx, *id)?;
    }
    store::erase_person(tx, p.id, &placeholder)?;
    let erasure = Erasure {
        person_id: p.id,
        placeholder,
        payments: payments.len(),
        deposits: deposits.len(),
        letters: letters.len(),
        key_records,
        parcel_records,
        service_records,
        vehicles: vehicles.len(),
        audit_entries: redactions.len(),
    };
    let detail = json!({
        "placeholder": erasure.placeholder, "reason": scrub.text(reason), "payments": erasure.payments, "deposits": erasure.deposits,
        "letters": erasure.letters, "key_records": erasure.key_records, "parcel_records": erasure.parcel_records,
        "service_records": erasure.service_records, "vehicles": erasure.vehicles,
    });
    redact::redact(tx, "person", p.id, detail, &redactions)?;
    Ok(erasure)
}


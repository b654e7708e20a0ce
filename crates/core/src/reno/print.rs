//! The papers of a permit: the 装修许可证 (only once it is issued), the goods
//! release slips (物品放行条) and the deposit refund voucher (押金退还单,
//! only once the deposit is refunded). Reading them writes nothing.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::model::{Permit, ReleaseSlip, Status};
use super::{RenoError, permit, store};
use crate::db::settings;
use crate::docs::pdf::{PermitDoc, VoucherDoc, permit_pdf, refund_voucher_pdf, release_slips_pdf};
use crate::error::Result;

/// "2026年11月23日".
fn written(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The day of a stored time ("2026-11-03T10:00:00+08:00").
fn day_of(at: &str) -> String {
    at.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).map(written).unwrap_or_default()
}

/// Who prints the papers: the receipt header, or the estate's name with 物业服务中心.
fn issuer(conn: &Connection) -> Result<String> {
    settings::office_name(conn)
}

fn step_of(p: &Permit, status: Status) -> Option<&super::model::Step> {
    p.steps.iter().find(|s| s.step == status)
}

/// What the permit says; refused until the permit is issued.
pub fn permit_doc(conn: &Connection, id: i64) -> Result<PermitDoc> {
    let p = permit(conn, id, NaiveDate::MIN)?;
    let (Some(no), Some(issued)) = (p.permit_no.clone(), step_of(&p, Status::Issued)) else {
        return Err(RenoError::NotIssued { id, status: p.status.label() }.into());
    };
    let owner = if p.applicant_role == "owner" {
        format!("{}（业主）", p.applicant)
    } else {
        let unit = crate::register::store::unit_by_id(conn, p.unit_id)?.ok_or_else(|| RenoError::NotFound(id.to_string()))?;
        let owners = crate::register::owner_names(conn, &unit)?;
        let by = format!("{} 受托办理（委托书：{}）", p.applicant, p.authorisation);
        if owners.is_empty() { by } else { format!("{owners}；{by}") }
    };
    let mut period = format!("{} 至 {}", written(p.planned_start), written(p.end));
    if !p.extensions.is_empty() {
        let times = if p.extensions.len() > 1 { format!(" {} 次", p.extensions.len()) } else { String::new() };
        period += &format!("（已延期{times}，原定 {} 完工）", written(p.planned_end));
    }
    Ok(PermitDoc {
        issuer: issuer(conn)?,
        permit_no: no,
        unit: p.unit.clone(),
        owner,
        contractor: p.contractor.clone(),
        foreman: p.foreman.clone(),
        foreman_phone: p.foreman_phone.clone(),
        period,
        scope: p.scope.join("、"),
        workers: p.workers.iter().map(|w| format!("{}（出入证 {}）", w.name, w.pass_no)).collect::<Vec<_>>().join("、"),
        rules: p.rules_text.clone(),
        office_phone: settings::get_or(conn, settings::OFFICE_PHONE, "")?,
        issued_on: day_of(&issued.at),
    })
}

/// The permit as a PDF to post on the door.
pub fn permit_pdf_of(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    Ok(permit_pdf(&permit_doc(conn, id)?)?)
}

/// The slips named by their numbers (FX20261103-001, any case), in the order given.
pub fn release_slips(conn: &Connection, slip_nos: &[String]) -> Result<Vec<ReleaseSlip>> {
    let mut slips = Vec::new();
    for no in slip_nos {
        let no = no.trim().to_uppercase();
        let found = match store::slip_by_no(conn, &no)? {
            Some(id) => store::release_slips(conn, None, Some(id))?.pop(),
            None => None,
        };
        slips.push(found.ok_or_else(|| RenoError::SlipNotFound(no.chars().take(24).collect()))?);
    }
    if slips.is_empty() {
        return Err(RenoError::Required("放行条编号").into());
    }
    Ok(slips)
}

/// The slips as a PDF, three to an A4 sheet.
pub fn slips_pdf(conn: &Connection, slip_nos: &[String]) -> Result<Vec<u8>> {
    Ok(release_slips_pdf(&issuer(conn)?, &release_slips(conn, slip_nos)?)?)
}

/// What the refund voucher says; refused until the deposit is refunded.
pub fn voucher_doc(conn: &Connection, id: i64) -> Result<VoucherDoc> {
    let p = permit(conn, id, NaiveDate::MIN)?;
    let (Some(step), Some(paid)) = (step_of(&p, Status::Refunded), p.paid.as_ref()) else {
        return Err(RenoError::NotRefunded { id, status: p.status.label() }.into());
    };
    let deposit = crate::deposits::deposit(conn, paid.deposit_id)?;
    Ok(VoucherDoc {
        issuer: issuer(conn)?,
        permit_no: p.permit_no.clone().unwrap_or_default(),
        unit: p.unit.clone(),
        payer: deposit.payer,
        deposit_receipt_no: paid.deposit_receipt_no.clone().unwrap_or_default(),
        deposit: paid.deposit,
        deductions: p.deductions.iter().map(|d| (d.amount, d.reason.clone())).collect(),
        refunded: paid.refunded,
        refunded_on: day_of(&step.at),
        operator: step.operator.clone(),
        approver: step.approved_by.clone().filter(|a| *a != step.operator),
    })
}

/// The refund voucher as a PDF.
pub fn voucher_pdf(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    Ok(refund_voucher_pdf(&voucher_doc(conn, id)?)?)
}

//! Dunning (催缴): escalating from a reminder to a formal letter, a visit and
//! legal action; every contact recorded; letters printed in batches; proven
//! deliveries, which restart the three-year limitation period; warnings for
//! debts whose period is running out; reminder texts for the messaging service.
//!
//! Everything is read as of a day (`as_of`), on top of the arrears report
//! (`crate::arrears`): the same filters, the same open bills.

mod letters;
mod model;
mod reminders;
pub mod rules;
mod store;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::json;

use crate::arrears::{self, Filter};
use crate::db::{Tx, settings};
use crate::error::{Coded, Result};
use crate::fees::Period;
use crate::money::Money;
use crate::register::{self, RegisterError, Unit};
pub use letters::print_letters;
pub use model::*;
pub use reminders::{reminders, reminders_xlsx};
pub use rules::{Level, Stage};

#[derive(Debug, thiserror::Error)]
pub enum DunningError {
    #[error("催缴阶段“{0}”不认识。可选：提醒、催缴函、上门、律师函·诉讼。")]
    BadStage(String),
    #[error("联系方式“{0}”不认识。可选：电话、短信、微信、上门、邮寄、当面、律师。")]
    BadChannel(String),
    #[error("{0}是 {1}，还没到。请填已经发生的日期。")]
    FutureDate(&'static str, NaiveDate),
    #[error("承诺缴费日期 {promised} 早于联系日期 {date}，请核对。")]
    PromiseBeforeContact { promised: NaiveDate, date: NaiveDate },
    #[error("{0}最多 {1} 个字，请精简后再保存。")]
    TooLong(&'static str, usize),
    #[error("缴费期限应为 1 到 90 天，现在是 {0} 天。")]
    BadDeadlineDays(u32),
    #[error("没有编号为 {0} 的催缴函。请核对回执上的编号（如 CJ0000012）。")]
    LetterNotFound(String),
    #[error("没有第 {0} 号联系记录。请在催缴记录里核对。")]
    ContactNotFound(i64),
    #[error("请写明送达的是哪一封催缴函（编号）或哪一条联系记录。")]
    DeliveryTargetRequired,
    #[error("请填写签收人、挂号信/快递单号或送达说明中的至少一项，作为送达凭证。")]
    ProofRequired,
    #[error("{what} 已在 {on} 登记送达，不用重复登记。")]
    AlreadyDelivered { what: String, on: NaiveDate },
    #[error("送达日期 {delivered} 早于发出日期 {sent}，请核对。")]
    DeliveredBeforeSent { delivered: NaiveDate, sent: NaiveDate },
    #[error("按这些条件没有欠费的房屋，没有可打印的催缴函。请放宽条件后再试。")]
    NothingPicked,
    #[error("生成表格失败（{0}）。请重试；仍然失败请联系管理员。")]
    Sheet(String),
}

impl Coded for DunningError {
    fn code(&self) -> &'static str {
        match self {
            DunningError::BadStage(_) => "dunning.bad_stage",
            DunningError::BadChannel(_) => "dunning.bad_channel",
            DunningError::FutureDate(..) => "dunning.future_date",
            DunningError::PromiseBeforeContact { .. } => "dunning.promise_before_contact",
            DunningError::TooLong(..) => "dunning.too_long",
            DunningError::BadDeadlineDays(_) => "dunning.bad_deadline_days",
            DunningError::LetterNotFound(_) => "dunning.letter_not_found",
            DunningError::ContactNotFound(_) => "dunning.contact_not_found",
            DunningError::DeliveryTargetRequired => "dunning.delivery_target_required",
            DunningError::ProofRequired => "dunning.proof_required",
            DunningError::AlreadyDelivered { .. } => "dunning.already_delivered",
            DunningError::DeliveredBeforeSent { .. } => "dunning.delivered_before_sent",
            DunningError::NothingPicked => "dunning.nothing_picked",
            DunningError::Sheet(_) => "xlsx.failed",
        }
    }
    fn is_input(&self) -> bool {
        !matches!(self, DunningError::Sheet(_))
    }
}

/// The letter's body until the office writes its own (setting `dunning_letter_body`).
pub const LETTER_BODY_DEFAULT: &str = "经核对，您名下的{房号}房屋截至{日期}尚欠物业服务费等费用共计人民币{金额}元，明细见下表。我中心此前已多次提醒，至今仍未收到您的缴费。\n根据《中华人民共和国民法典》第九百四十四条及《物业服务合同》的约定，业主应当按照约定按时支付物业费。现特函告，请您于{截止日期}前到物业服务中心或通过下列方式缴清上述费用。逾期仍未缴纳的，我中心将依照合同约定计收违约金，并依法提起诉讼或者申请仲裁，由此产生的诉讼费、律师费等费用将由您承担。\n如您对欠费有异议，或已经缴纳，请在上述期限内携带相关凭证与我中心联系核实。感谢您对物业服务工作的理解与支持！\n特此函告。";

/// The reminder text until the office writes its own (setting `dunning_reminder_text`).
pub const REMINDER_DEFAULT: &str =
    "【{小区}】尊敬的{姓名}业主，您的房屋{房号}截至{日期}尚欠物业服务费等费用{金额}元，请于{截止日期}前缴清。如已缴纳请忽略本信息。咨询电话：{电话}";

/// Longest outcome, dispute reason or delivery note, in characters.
const NOTE_MAX: usize = 200;

impl StagePick {
    /// As typed: blank or 全部 = any; 未催缴 = not contacted yet; else a stage.
    pub fn read(text: &str) -> Result<StagePick> {
        Ok(match text.trim() {
            "" | "全部" | "any" => StagePick::Any,
            "未催缴" | "none" => StagePick::NotContacted,
            t => StagePick::At(Stage::parse(t)?),
        })
    }

    fn admits(self, stage: Option<Stage>) -> bool {
        match self {
            StagePick::Any => true,
            StagePick::NotContacted => stage.is_none(),
            StagePick::At(s) => stage == Some(s),
        }
    }
}

impl Pick {
    /// The filters as typed on a form or a command line; blanks mean "any".
    pub fn read(building: &str, min_days: i64, min_amount: &str, stage: &str) -> Result<Pick> {
        Ok(Pick { arrears: Filter::read(building, min_days, min_amount)?, stage: StagePick::read(stage)? })
    }
}

fn note(label: &'static str, text: &str) -> Result<String> {
    let text: String = text.trim().chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if text.chars().count() > NOTE_MAX {
        return Err(DunningError::TooLong(label, NOTE_MAX).into());
    }
    Ok(text)
}

/// A day as typed, blank meaning `today`, never after today.
fn past_day(label: &'static str, text: &str, today: NaiveDate) -> Result<NaiveDate> {
    let day = arrears::read_as_of(text, today)?;
    if day > today {
        return Err(DunningError::FutureDate(label, day).into());
    }
    Ok(day)
}

/// Records a contact attempt, made by the transaction's actor, with what the
/// unit owed that day. Everything is checked before anything is written.
pub fn record_contact(tx: &mut Tx, form: &ContactForm) -> Result<Contact> {
    let unit = register::find_unit(tx, &form.unit)?;
    let stage = Stage::parse(&form.stage)?;
    let channel = rules::parse_channel(&form.channel)?;
    let date = past_day("联系日期", &form.date, tx.today())?;
    let promised = match form.promised.trim() {
        "" => None,
        text => Some(register::rules::parse_date(text).map_err(RegisterError::BadInput)?),
    };
    if let Some(promised) = promised.filter(|p| *p < date) {
        return Err(DunningError::PromiseBeforeContact { promised, date }.into());
    }
    let (outcome, dispute) = (note("联系结果", &form.outcome)?, note("异议原因", &form.dispute)?);
    let owed = unit_arrears(tx, unit.id, date)?;
    let row = store::NewContactRow { unit_id: unit.id, stage, channel, date, outcome: &outcome, promised, dispute: &dispute, owed };
    let (actor, now) = (tx.actor().to_string(), tx.now_text());
    let id = store::insert_contact(tx, &row, &actor, &now)?;
    tx.audit("dunning.contact", "dunning_contacts", id, json!({ "unit": unit.code, "stage": stage.code(), "channel": channel, "date": date, "owed": owed }))?;
    Ok(Contact {
        id,
        unit: unit.code,
        stage,
        stage_label: stage.label(),
        channel: channel.into(),
        date,
        operator: actor,
        outcome,
        promised,
        dispute,
        owed,
        delivered_on: None,
    })
}

/// A unit's arrears on a day: its bills past due with money left.
fn unit_arrears(conn: &Connection, unit_id: i64, as_of: NaiveDate) -> Result<Money> {
    Ok(due_bills(conn, as_of)?.remove(&unit_id).unwrap_or_default().iter().map(|b| b.bill.owing).sum())
}

/// An open bill with its due date.
pub(crate) struct DueBill {
    pub bill: arrears::store::OwingBill,
    pub period: Period,
    pub due: NaiveDate,
}

/// Bills past due and owing on `as_of`, by unit, oldest first.
pub(crate) fn due_bills(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, Vec<DueBill>>> {
    let due_day = settings::due_day(conn)?;
    let mut out: HashMap<i64, Vec<DueBill>> = HashMap::new();
    for bill in arrears::store::owing_bills(conn, as_of)? {
        let Ok(period) = Period::parse(&bill.period) else { continue };
        let due = arrears::rules::due_date(period, due_day);
        if due <= as_of {
            out.entry(bill.unit_id).or_default().push(DueBill { bill, period, due });
        }
    }
    Ok(out)
}

/// A unit's contacts and letters, newest first; every unit's when `unit` is `None`.
pub fn history(conn: &Connection, unit: Option<&Unit>) -> Result<History> {
    let id = unit.map(|u| u.id);
    Ok(History { contacts: store::contacts(conn, id)?, letters: store::letters(conn, id)? })
}

/// The units in arrears the pick lets through, most owed first, each with its
/// stage, its last contact and its limitation warning.
pub fn units(conn: &Connection, as_of: NaiveDate, pick: &Pick) -> Result<DunningList> {
    let report = arrears::report(conn, as_of, &pick.arrears)?;
    let contacts = store::contacts_until(conn, as_of)?;
    let letters = store::letters_until(conn, as_of)?;
    let deliveries = store::deliveries_until(conn, as_of)?;
    let mut units = Vec::new();
    for u in report.units {
        let began = as_of - chrono::Days::new(u.oldest_days.max(0) as u64);
        let (cs, ls) = (contacts.get(&u.unit_id).map_or(&[][..], Vec::as_slice), letters.get(&u.unit_id).map_or(&[][..], Vec::as_slice));
        let events = cs.iter().map(|c| (c.date, c.stage)).chain(ls.iter().map(|l| (l.issued_on, Stage::Letter)));
        let stage = rules::current_stage(events, began);
        if !pick.stage.admits(stage) {
            continue;
        }
        let last_contact = cs.last().map(|c| (c.date, format!("{}：{}", c.channel, if c.outcome.is_empty() { c.stage_label } else { &c.outcome }), c.promised));
        let last_letter = ls.last().map(|l| (l.issued_on, format!("催缴函 {}", l.letter_no), None));
        let last = match (last_contact, last_letter) {
            // On the same day the letter is the stronger news.
            (Some(c), Some(l)) => Some(if l.0 >= c.0 { l } else { c }),
            (c, l) => c.or(l),
        };
        let ends = rules::limitation_ends(began, deliveries.get(&u.unit_id).map_or(&[][..], Vec::as_slice));
        units.push(DunningUnit {
            unit_id: u.unit_id,
            unit: u.unit,
            building: u.building,
            owners: u.owners,
            owed: u.aged.total,
            oldest_days: u.oldest_days,
            arrears_began: began,
            stage,
            stage_label: stage.map_or("未催缴", Stage::label),
            last_contact: last.as_ref().map(|l| l.0),
            last_note: last.as_ref().map(|l| l.1.clone()).unwrap_or_default(),
            promised: last.and_then(|l| l.2),
            warning: rules::warning(ends, as_of),
            complaints: u.complaints,
        });
    }
    let total = units.iter().map(|u| u.owed).sum();
    Ok(DunningList { as_of, units, total })
}

/// Records the proven delivery of a letter (by number) or of a contact (by id).
pub fn record_delivery(tx: &mut Tx, form: &DeliveryForm) -> Result<Delivery> {
    let letter_no = form.letter_no.trim().to_uppercase();
    let (unit_id, unit, what, sent, letter_id, contact_id, delivered) = match (letter_no.as_str(), form.contact_id) {
        ("", None) => return Err(DunningError::DeliveryTargetRequired.into()),
        ("", Some(id)) => {
            let (unit_id, unit, date) = store::contact_unit(tx, id)?.ok_or(DunningError::ContactNotFound(id))?;
            let delivered = store::contacts(tx, Some(unit_id))?.into_iter().find(|c| c.id == id).and_then(|c| c.delivered_on);
            (unit_id, unit, format!("联系记录 #{id}"), date, None, Some(id), delivered)
        }
        (no, _) => {
            let (unit_id, l) = store::letter_by_no(tx, no)?.ok_or_else(|| DunningError::LetterNotFound(no.to_string()))?;
            (unit_id, l.unit, l.letter_no, l.issued_on, Some(l.id), None, l.delivered_on)
        }
    };
    if let Some(on) = delivered {
        return Err(DunningError::AlreadyDelivered { what, on }.into());
    }
    let day = past_day("送达日期", &form.date, tx.today())?;
    if day < sent {
        return Err(DunningError::DeliveredBeforeSent { delivered: day, sent }.into());
    }
    let (signed_by, mail_no, note_text) = (note("签收人", &form.signed_by)?, note("单号", &form.mail_no)?, note("送达说明", &form.note)?);
    if signed_by.is_empty() && mail_no.is_empty() && note_text.is_empty() {
        return Err(DunningError::ProofRequired.into());
    }
    let row = store::NewDeliveryRow { unit_id, letter_id, contact_id, delivered_on: day, signed_by: &signed_by, mail_no: &mail_no, note: &note_text };
    let (actor, now) = (tx.actor().to_string(), tx.now_text());
    let id = store::insert_delivery(tx, &row, &actor, &now)?;
    tx.audit("dunning.delivery", "dunning_deliveries", id, json!({ "unit": unit, "what": what, "delivered_on": day }))?;
    Ok(Delivery { id, unit, what, delivered_on: day, signed_by, mail_no, note: note_text })
}

/// Deliveries recorded for a unit (or every unit), newest first.
pub fn deliveries(conn: &Connection, unit: Option<&Unit>) -> Result<Vec<Delivery>> {
    store::deliveries(conn, unit.map(|u| u.id))
}

/// Units with debts whose three-year limitation period (`rules::limitation_ends`)
/// ends within `rules::WARN_DAYS` of `as_of`, or has ended: past first, then
/// by the day it ends.
pub fn warnings(conn: &Connection, as_of: NaiveDate) -> Result<Warnings> {
    let deliveries = store::deliveries_until(conn, as_of)?;
    let mut units = Vec::new();
    for (unit_id, bills) in due_bills(conn, as_of)? {
        let delivered = deliveries.get(&unit_id).map_or(&[][..], Vec::as_slice);
        let at_risk: Vec<BillAtRisk> = bills
            .iter()
            .filter_map(|b| {
                let ends = rules::limitation_ends(b.due, delivered);
                let level = rules::warning(ends, as_of)?;
                Some(BillAtRisk { item: b.bill.item.clone(), period: b.period.to_string(), owing: b.bill.owing, due: b.due, ends, days_left: (ends - as_of).num_days(), level })
            })
            .collect();
        let (Some(first), Some(unit)) = (at_risk.iter().min_by_key(|b| b.ends), register::store::unit_by_id(conn, unit_id)?) else { continue };
        let level = at_risk.iter().map(|b| b.level).max().unwrap_or(first.level);
        units.push(UnitAtRisk {
            owners: register::owner_names(conn, &unit)?,
            unit: unit.code,
            level,
            level_label: level.label(),
            ends: first.ends,
            owing: at_risk.iter().map(|b| b.owing).sum(),
            last_delivery: delivered.last().copied(),
            bills: at_risk,
        });
    }
    units.sort_by(|a, b| b.level.cmp(&a.level).then(a.ends.cmp(&b.ends)).then_with(|| a.unit.cmp(&b.unit)));
    Ok(Warnings { as_of, warn_days: rules::WARN_DAYS, units })
}

#[cfg(test)]
mod tests;

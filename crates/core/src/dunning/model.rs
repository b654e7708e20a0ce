//! Dunning's types: what the desk and the CLI send and get back.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rules::{Level, Stage};
use crate::arrears::Filter;
use crate::money::Money;

/// A contact as typed on the form or the command line; blanks mean "none"
/// (and today for the date).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContactForm {
    pub unit: String,
    pub stage: String,
    pub channel: String,
    pub date: String,
    pub outcome: String,
    pub promised: String,
    pub dispute: String,
}

/// One recorded contact attempt.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Contact {
    pub id: i64,
    pub unit: String,
    pub stage: Stage,
    pub stage_label: &'static str,
    pub channel: String,
    pub date: NaiveDate,
    /// Who made the contact.
    pub operator: String,
    pub outcome: String,
    pub promised: Option<NaiveDate>,
    pub dispute: String,
    /// The unit's arrears on the day of the contact.
    pub owed: Money,
    /// The day its delivery was proven, if it was.
    pub delivered_on: Option<NaiveDate>,
}

/// One printed 催缴函.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Letter {
    pub id: i64,
    pub letter_no: String,
    pub unit: String,
    pub addressee: String,
    pub owed: Money,
    pub late_fee: Money,
    pub deadline: NaiveDate,
    pub issued_on: NaiveDate,
    pub batch_id: i64,
    pub delivered_on: Option<NaiveDate>,
}

/// A delivery as typed: the letter's number (or a contact's id), the day, and
/// at least one proof.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DeliveryForm {
    /// A letter number (CJ0000001); empty when `contact_id` is given.
    pub letter_no: String,
    pub contact_id: Option<i64>,
    pub date: String,
    pub signed_by: String,
    pub mail_no: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Delivery {
    pub id: i64,
    pub unit: String,
    /// The letter number, or "联系记录 #12".
    pub what: String,
    pub delivered_on: NaiveDate,
    pub signed_by: String,
    pub mail_no: String,
    pub note: String,
}

/// Which units a letter batch, the reminder sheet or the screen picks.
#[derive(Debug, Clone, Default)]
pub struct Pick {
    pub arrears: Filter,
    pub stage: StagePick,
}

/// The stage a unit must have reached to be picked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StagePick {
    #[default]
    Any,
    /// In arrears and not contacted since they began (未催缴).
    NotContacted,
    At(Stage),
}

/// A unit in arrears as the 催缴 screen lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DunningUnit {
    pub unit_id: i64,
    pub unit: String,
    pub building: String,
    pub owners: String,
    pub owed: Money,
    pub oldest_days: i64,
    /// The due date of the oldest unpaid bill: the day the arrears began.
    pub arrears_began: NaiveDate,
    pub stage: Option<Stage>,
    /// 未催缴 when no stage.
    pub stage_label: &'static str,
    pub last_contact: Option<NaiveDate>,
    /// "电话：答应月底交" — the channel and outcome of the last contact, or "催缴函 CJ0000012".
    pub last_note: String,
    pub promised: Option<NaiveDate>,
    pub warning: Option<Level>,
    /// Open complaints the owner withholds fees over: settle the complaint, not only the debt.
    pub complaints: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DunningList {
    pub as_of: NaiveDate,
    pub units: Vec<DunningUnit>,
    pub total: Money,
}

/// A unit's dunning history: contacts and letters, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub contacts: Vec<Contact>,
    pub letters: Vec<Letter>,
}

/// A bill whose limitation period ends soon or has ended.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BillAtRisk {
    pub item: String,
    pub period: String,
    pub owing: Money,
    pub due: NaiveDate,
    /// The last day a delivered demand still keeps the claim alive.
    pub ends: NaiveDate,
    /// Days from the as-of day to `ends`; negative once past.
    pub days_left: i64,
    pub level: Level,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitAtRisk {
    pub unit: String,
    pub owners: String,
    /// The worst level of its bills.
    pub level: Level,
    pub level_label: &'static str,
    /// The earliest end among its bills.
    pub ends: NaiveDate,
    pub owing: Money,
    pub last_delivery: Option<NaiveDate>,
    pub bills: Vec<BillAtRisk>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Warnings {
    pub as_of: NaiveDate,
    pub warn_days: i64,
    /// Past first, then by the day the period ends.
    pub units: Vec<UnitAtRisk>,
}

/// One line of the reminder sheet for the messaging service.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Reminder {
    pub phone: String,
    pub name: String,
    pub unit: String,
    pub amount: Money,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reminders {
    pub rows: Vec<Reminder>,
    /// Units picked that have no owner's mobile on file (not in the sheet).
    pub without_phone: Vec<String>,
}

/// What printing a batch of letters did.
#[derive(Debug, Clone, Serialize)]
pub struct LetterBatch {
    pub batch_id: i64,
    pub letters: usize,
    /// The first and last letter numbers.
    pub first_no: String,
    pub last_no: String,
    pub total: Money,
    pub deadline: NaiveDate,
}

/// How a batch of letters is printed.
#[derive(Debug, Clone, Copy)]
pub struct LetterOptions {
    pub as_of: NaiveDate,
    pub deadline_days: u32,
    pub with_slip: bool,
}

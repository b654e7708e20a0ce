//! What is kept about one person, as their data-subject export lists it, and
//! what an erasure changed.

use serde::Serialize;

use crate::audit::Entry;
use crate::money::Money;
use crate::register::Person;

/// A tie to a unit (an occupancy), with the role's code and dates as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Tie {
    pub unit_id: i64,
    pub unit: String,
    pub role: String,
    pub from: String,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TransferLine {
    pub date: String,
    pub unit: String,
    pub from_people: String,
    pub to_person: String,
    pub note: String,
}

/// A payment the person made (their name among its payers).
#[derive(Debug, Clone, Serialize)]
pub struct PaymentLine {
    pub payment_id: i64,
    pub receipt_no: String,
    pub paid_at: String,
    pub unit: String,
    pub amount: Money,
    pub method: String,
    pub payer: String,
    pub voided: bool,
}

/// A dunning contact on a unit while the person was tied to it.
#[derive(Debug, Clone, Serialize)]
pub struct DunningLine {
    pub date: String,
    pub unit: String,
    pub stage: String,
    pub channel: String,
    pub outcome: String,
    pub operator: String,
}

/// A request or complaint the person made at the service desk on one of their units.
#[derive(Debug, Clone, Serialize)]
pub struct RequestLine {
    pub request_no: String,
    pub received_at: String,
    pub unit: String,
    pub kind_label: &'static str,
    pub subject_label: Option<&'static str>,
    pub caller: String,
    /// As they gave it: their own number, in full.
    pub phone: String,
    pub channel_label: &'static str,
    pub content: String,
    pub status_label: &'static str,
}

/// A satisfaction survey's answer sheet given under the person's name on one of their units.
#[derive(Debug, Clone, Serialize)]
pub struct SurveySheetLine {
    pub survey: String,
    pub visited_on: String,
    pub unit: String,
    pub respondent: String,
    pub visited_by: String,
    /// Each question with its answer, in the survey's order: "客服服务：4 分；意见建议：电梯常坏".
    pub answers: String,
}

/// Everything kept about one person. Their own data, so in full: it is
/// written only into the export file, never serialised for a screen or a log.
#[derive(Debug, Clone)]
pub struct PersonalData {
    pub person: Person,
    pub registered_at: String,
    pub ties: Vec<Tie>,
    /// (plate, unit code)
    pub vehicles: Vec<(String, String)>,
    pub transfers: Vec<TransferLine>,
    pub payments: Vec<PaymentLine>,
    pub dunning: Vec<DunningLine>,
    /// Requests and complaints they made at the service desk on their units.
    pub requests: Vec<RequestLine>,
    /// Satisfaction survey sheets they answered on their units.
    pub surveys: Vec<SurveySheetLine>,
    pub audit: Vec<Entry>,
}

/// What `export` wrote: the file and how many lines each part had.
#[derive(Debug, Clone, Serialize)]
pub struct Exported {
    pub person_id: i64,
    pub file: String,
    pub units: usize,
    pub vehicles: usize,
    pub transfers: usize,
    pub payments: usize,
    pub dunning: usize,
    pub requests: usize,
    pub surveys: usize,
    pub audit: usize,
}

/// What an erasure changed.
#[derive(Debug, Clone, Serialize)]
pub struct Erasure {
    pub person_id: i64,
    /// The name the person now has everywhere: 已删除住户#<id>.
    pub placeholder: String,
    pub payments: usize,
    pub deposits: usize,
    pub letters: usize,
    /// Key loans, returns, authorisations and deposits that named them.
    pub key_records: usize,
    /// Parcels addressed to them or collected by them.
    pub parcel_records: usize,
    /// Requests and complaints they made at the service desk (name replaced, phone cleared).
    pub service_records: usize,
    pub vehicles: usize,
    pub audit_entries: usize,
}

/// A person's phones and ID number in full: what a supervisor's reveal sends
/// to the person screen (and nowhere else).
#[derive(Debug, Clone, Serialize)]
pub struct Revealed {
    pub id: i64,
    pub name: String,
    pub phones: Vec<String>,
    pub id_number: Option<String>,
}

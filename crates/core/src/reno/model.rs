//! The types of renovation permits: what is typed in, and what a permit view
//! carries (everything the 装修许可证, the slips and the refund voucher need).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::money::Money;

/// Where a permit stands. Kept in the database by the steps' trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Applied,
    Approved,
    Rejected,
    Paid,
    Issued,
    CompletionRequested,
    Rectify,
    Accepted,
    Refunded,
    Closed,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Applied,
        Status::Approved,
        Status::Rejected,
        Status::Paid,
        Status::Issued,
        Status::CompletionRequested,
        Status::Rectify,
        Status::Accepted,
        Status::Refunded,
        Status::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Applied => "applied",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Paid => "paid",
            Status::Issued => "issued",
            Status::CompletionRequested => "completion_requested",
            Status::Rectify => "rectify",
            Status::Accepted => "accepted",
            Status::Refunded => "refunded",
            Status::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Applied => "已申请",
            Status::Approved => "已批准",
            Status::Rejected => "已驳回",
            Status::Paid => "已缴费",
            Status::Issued => "施工中",
            Status::CompletionRequested => "待验收",
            Status::Rectify => "整改中",
            Status::Accepted => "已验收",
            Status::Refunded => "押金已退",
            Status::Closed => "已关闭",
        }
    }

    /// What to do next from here, said when a step out of order is refused.
    pub fn next_hint(self) -> &'static str {
        match self {
            Status::Applied => "请先由主管审批（estate reno approve）。",
            Status::Approved => "请先收装修管理费、垃圾清运费和押金（estate reno pay）。",
            Status::Rejected => "申请已驳回，请重新申请。",
            Status::Paid => "费用和押金已收，请先发放装修许可证（estate reno issue）。",
            Status::Issued => "正在施工；完工后申请竣工验收（estate reno complete）。",
            Status::CompletionRequested => "正在等待验收（estate reno accept 或 rectify）。",
            Status::Rectify => "正在整改；整改完成后重新申请验收（estate reno complete）。",
            Status::Accepted => "已验收，下一步退押金（estate reno refund）。",
            Status::Refunded => "押金已退，下一步关闭（estate reno close）。",
            Status::Closed => "这份装修登记已关闭。",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        let t = text.trim();
        Status::ALL.into_iter().find(|s| s.code() == t || s.label() == t)
    }

    /// Works are under way: inspections, waterproof tests and extensions are recorded.
    pub const WORKS: [Status; 3] = [Status::Issued, Status::CompletionRequested, Status::Rectify];
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewWorker {
    pub name: String,
    pub phone: String,
    /// The last 4 characters of an ID number; a whole number is refused.
    pub id_last4: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewApplication {
    pub applicant: String,
    /// The owner's 委托书 by reference, when the applicant is not an owner on the register.
    pub authorisation: String,
    pub contractor: String,
    pub foreman: String,
    pub foreman_phone: String,
    pub workers: Vec<NewWorker>,
    /// Scope items as typed (墙体,水电 …).
    pub scope: Vec<String>,
    pub planned_start: String,
    pub planned_end: String,
    pub attachments: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Worker {
    pub name: String,
    pub phone: String,
    pub id_last4: String,
    pub pass_no: String,
}

/// One step of the permit's life, as recorded.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub step: Status,
    pub label: &'static str,
    pub note: String,
    pub detail: serde_json::Value,
    pub at: String,
    pub operator: String,
    pub approved_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Extension {
    pub old_end: NaiveDate,
    pub new_end: NaiveDate,
    pub reason: String,
    pub at: String,
    pub operator: String,
    pub approved_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Violation {
    pub id: i64,
    pub permit_id: i64,
    pub unit: String,
    pub inspection_id: i64,
    pub day: NaiveDate,
    pub item: String,
    pub description: String,
    pub deadline: NaiveDate,
    pub fixed: Option<Fix>,
    /// Open and past its deadline (as of the day the list was read).
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fix {
    pub note: String,
    pub fixed_at: String,
    pub operator: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    pub id: i64,
    pub day: NaiveDate,
    pub inspector: String,
    pub results: serde_json::Value,
    pub note: String,
    pub at: String,
    pub operator: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewInspection {
    pub day: String,
    pub inspector: String,
    /// `item:what was found`; items not named passed.
    pub findings: Vec<String>,
    /// When the violations found must be put right (default three days on).
    pub deadline: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WaterproofTest {
    pub id: i64,
    pub started_at: String,
    pub ended_at: String,
    pub hours: i64,
    pub depth_cm: String,
    pub below_checked: bool,
    pub below_note: String,
    pub passed: bool,
    pub note: String,
    pub operator: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewWaterproof {
    pub started_at: String,
    pub ended_at: String,
    pub depth_cm: String,
    pub below_checked: bool,
    pub below_note: String,
    pub passed: bool,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReleaseSlip {
    pub id: i64,
    pub slip_no: String,
    pub permit_no: Option<String>,
    pub unit: String,
    pub items: String,
    pub plate: String,
    pub owner_confirm: String,
    pub guard: String,
    pub released_at: String,
    pub operator: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewRelease {
    pub items: String,
    pub plate: String,
    pub owner_confirm: String,
    pub guard: String,
    /// When the guard let the goods out; blank = now.
    pub released_at: String,
}

/// The fees and deposit a permit calls for, from the settings and the unit's area.
#[derive(Debug, Clone, Serialize)]
pub struct Fees {
    pub management: Money,
    /// e.g. "89.50㎡ × 3 元/㎡".
    pub management_basis: String,
    pub rubbish: Money,
    pub deposit: Money,
    pub total: Money,
}

/// What the fees and deposit were paid with: the receipts.
#[derive(Debug, Clone, Serialize)]
pub struct Paid {
    pub fees: Money,
    pub receipt_no: String,
    pub deposit: Money,
    pub deposit_id: i64,
    pub deposit_receipt_no: Option<String>,
    /// Still held of the deposit.
    pub held: Money,
    pub refunded: Money,
    pub deducted: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct Deduction {
    pub amount: Money,
    pub reason: String,
}

/// A permit with everything recorded on it.
#[derive(Debug, Clone, Serialize)]
pub struct Permit {
    pub id: i64,
    pub permit_no: Option<String>,
    #[serde(skip)]
    pub unit_id: i64,
    pub unit: String,
    pub status: Status,
    pub status_label: &'static str,
    pub applicant: String,
    pub applicant_role: String,
    pub authorisation: String,
    pub contractor: String,
    pub foreman: String,
    pub foreman_phone: String,
    pub scope: Vec<String>,
    pub planned_start: NaiveDate,
    /// As applied for.
    pub planned_end: NaiveDate,
    /// After extensions.
    pub end: NaiveDate,
    pub attachments: String,
    pub rules_text: String,
    pub applied_at: String,
    pub operator: String,
    pub workers: Vec<Worker>,
    pub steps: Vec<Step>,
    pub extensions: Vec<Extension>,
    pub paid: Option<Paid>,
    pub deductions: Vec<Deduction>,
    pub inspections: Vec<Inspection>,
    pub violations: Vec<Violation>,
    pub waterproof_tests: Vec<WaterproofTest>,
    pub release_slips: Vec<ReleaseSlip>,
    /// The planned end (after extensions) has passed and the works are not accepted.
    pub overdue: bool,
}

/// One line of a permit list.
#[derive(Debug, Clone, Serialize)]
pub struct PermitLine {
    pub id: i64,
    pub permit_no: Option<String>,
    pub unit: String,
    pub applicant: String,
    pub contractor: String,
    pub status: Status,
    pub status_label: &'static str,
    pub planned_start: NaiveDate,
    pub end: NaiveDate,
    pub open_violations: i64,
    pub overdue: bool,
}

//! The types of key custody: keys held, the owner's authorisations, loans and returns.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who takes a key out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BorrowerKind {
    /// An owner of the unit on the register.
    Owner,
    /// A person the owner named in writing.
    Authorised,
    /// The renovation contractor, within the dates the owner gave.
    Contractor,
    /// Property staff (the engineering team), when the owner allowed it.
    Staff,
}

impl BorrowerKind {
    pub const ALL: [BorrowerKind; 4] = [BorrowerKind::Owner, BorrowerKind::Authorised, BorrowerKind::Contractor, BorrowerKind::Staff];

    pub fn code(self) -> &'static str {
        match self {
            BorrowerKind::Owner => "owner",
            BorrowerKind::Authorised => "authorised",
            BorrowerKind::Contractor => "contractor",
            BorrowerKind::Staff => "staff",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BorrowerKind::Owner => "业主",
            BorrowerKind::Authorised => "授权人",
            BorrowerKind::Contractor => "施工方",
            BorrowerKind::Staff => "员工",
        }
    }

    /// The code or the Chinese label, as typed.
    pub fn parse(text: &str) -> Option<BorrowerKind> {
        let t = text.trim();
        Self::ALL.into_iter().find(|k| k.code().eq_ignore_ascii_case(t) || k.label() == t || (t == "装修施工方" && *k == BorrowerKind::Contractor) || (t == "工程部" && *k == BorrowerKind::Staff))
    }
}

/// What an owner's written authorisation allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    /// A named person (a relative, an agent).
    Person,
    /// The property's engineering team (工程部): any staff member may borrow.
    Engineering,
    /// A renovation contractor, between two dates.
    Contractor,
}

impl AuthKind {
    pub const ALL: [AuthKind; 3] = [AuthKind::Person, AuthKind::Engineering, AuthKind::Contractor];

    pub fn code(self) -> &'static str {
        match self {
            AuthKind::Person => "person",
            AuthKind::Engineering => "engineering",
            AuthKind::Contractor => "contractor",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AuthKind::Person => "授权人",
            AuthKind::Engineering => "工程部",
            AuthKind::Contractor => "施工方",
        }
    }

    pub fn parse(text: &str) -> Option<AuthKind> {
        let t = text.trim();
        Self::ALL.into_iter().find(|k| k.code().eq_ignore_ascii_case(t) || k.label() == t || (t == "装修施工方" && *k == AuthKind::Contractor))
    }
}

/// A key's state as the list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    /// On its hook.
    In,
    /// Lent, not yet due.
    Out,
    /// Lent and past its expected return.
    Overdue,
    /// Given back to the owner: no longer held.
    Released,
}

impl KeyStatus {
    pub fn label(self) -> &'static str {
        match self {
            KeyStatus::In => "在柜",
            KeyStatus::Out => "借出",
            KeyStatus::Overdue => "逾期未还",
            KeyStatus::Released => "已退还业主",
        }
    }
}

/// One authorisation, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewAuthorisation {
    pub kind: AuthKind,
    /// The person or contractor; blank for the engineering team (工程部).
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Authorisation {
    pub id: i64,
    pub kind: AuthKind,
    pub kind_label: &'static str,
    pub name: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub recorded_at: String,
    pub operator: String,
}

/// A set of keys brought to the office.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewKey {
    pub hook: String,
    pub key_count: i64,
    #[serde(default)]
    pub description: String,
    pub deposited_by: String,
    /// Default: today.
    #[serde(default)]
    pub deposited_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub authorisations: Vec<NewAuthorisation>,
}

/// A key held (or once held) and what is known of it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustodyKey {
    pub id: i64,
    #[serde(skip)]
    pub unit_id: i64,
    pub unit: String,
    pub hook: String,
    pub key_count: i64,
    pub description: String,
    pub deposited_by: String,
    pub deposited_on: NaiveDate,
    pub note: String,
    pub recorded_at: String,
    pub operator: String,
    pub returned_on: Option<NaiveDate>,
    pub returned_to: Option<String>,
    pub returned_by: Option<String>,
    pub status: KeyStatus,
    pub status_label: &'static str,
    pub authorisations: Vec<Authorisation>,
    /// The loan not yet returned, if the key is out.
    pub out: Option<Loan>,
}

/// A loan as the clerk types it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewLoan {
    pub borrower: String,
    pub borrower_kind: BorrowerKind,
    /// 身份证, 护照… (see `rules::ID_TYPES`).
    pub id_type: String,
    /// The last four characters of the document's number; nothing longer is taken.
    pub id_last4: String,
    pub purpose: String,
    /// "18:00" (today) or "2026-11-24 18:00"; blank = today at `key_default_return_time`.
    #[serde(default)]
    pub due: String,
    /// Lending to someone not authorised: a supervisor's reason (approved on the spot for a clerk).
    #[serde(default)]
    pub override_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewReturn {
    pub returned_by: String,
    #[serde(default)]
    pub condition: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Return {
    pub returned_at: String,
    pub returned_by: String,
    pub condition: String,
    pub operator: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loan {
    pub id: i64,
    pub key_id: i64,
    pub unit: String,
    pub hook: String,
    pub borrower: String,
    pub borrower_kind: BorrowerKind,
    pub borrower_kind_label: &'static str,
    pub id_type: String,
    pub id_last4: String,
    pub purpose: String,
    pub out_at: String,
    pub due_at: String,
    pub operator: String,
    pub approved_by: Option<String>,
    pub override_reason: Option<String>,
    pub returned: Option<Return>,
    /// Not back by its expected time (as of the moment asked, or of its return).
    pub overdue: bool,
}

/// Which loans a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct LoanFilter {
    /// Lent on or after this day.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Lent on or before this day.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// Only this unit's keys (a unit code as typed).
    #[serde(default)]
    pub unit: Option<String>,
    /// Only loans not yet returned.
    #[serde(default)]
    pub open_only: bool,
}

/// Who may borrow a key, as the lend dialog offers them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub name: String,
    pub kind: BorrowerKind,
    pub kind_label: &'static str,
    /// Why they may: 业主（登记册）, 书面授权, 施工授权 2026-11-01 至 2026-11-30…
    pub basis: String,
}

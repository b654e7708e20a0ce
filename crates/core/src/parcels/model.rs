//! The types of the parcel desk: what is taken in, how it leaves, and a parcel as every list shows it.

use serde::Serialize;

/// A parcel brought by a courier, or a letter (lighter: no tracking number needed, no size).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Parcel,
    Letter,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Parcel => "parcel",
            Kind::Letter => "letter",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Kind::Parcel => "快递",
            Kind::Letter => "信件",
        }
    }
    pub fn from_code(code: &str) -> Kind {
        if code == "letter" { Kind::Letter } else { Kind::Parcel }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Size {
    Small,
    Medium,
    Large,
}

impl Size {
    pub const ALL: [Size; 3] = [Size::Small, Size::Medium, Size::Large];
    pub fn code(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Medium => "medium",
            Size::Large => "large",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Size::Small => "小件",
            Size::Medium => "中件",
            Size::Large => "大件",
        }
    }
}

/// Who took the parcel away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Collector {
    /// The person it is addressed to.
    Recipient,
    /// Someone of the same household.
    Family,
    /// Anyone else: a neighbour, a colleague, someone sent with the code.
    Proxy,
    /// A letter put into the unit's mailbox by the office.
    Mailbox,
}

impl Collector {
    pub const ALL: [Collector; 4] = [Collector::Recipient, Collector::Family, Collector::Proxy, Collector::Mailbox];
    pub fn code(self) -> &'static str {
        match self {
            Collector::Recipient => "recipient",
            Collector::Family => "family",
            Collector::Proxy => "proxy",
            Collector::Mailbox => "mailbox",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Collector::Recipient => "本人",
            Collector::Family => "家人",
            Collector::Proxy => "他人代取",
            Collector::Mailbox => "投入信箱",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Waiting,
    Collected,
    Returned,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Waiting => "待取",
            Status::Collected => "已取",
            Status::Returned => "已退回",
        }
    }
}

/// A parcel as typed at the desk: text as it came from the scanner or the form,
/// checked by `intake`. Blank carrier = told from the number; blank recipient = guessed.
#[derive(Debug, Clone, Default)]
pub struct NewParcel {
    /// "parcel" (default) or "letter"; 快递/信件 accepted.
    pub kind: String,
    pub carrier: String,
    pub tracking_no: String,
    pub unit: String,
    pub recipient: String,
    /// small/medium/large (小/中/大); blank = small for a parcel, none for a letter.
    pub size: String,
    pub shelf: String,
}

/// A pickup as the clerk records it.
#[derive(Debug, Clone)]
pub struct NewPickup {
    /// The pickup code the collector said, when they gave one; checked against the parcel's.
    pub code: Option<String>,
    pub collector: Collector,
    /// Who came, when not the recipient (blank = the recipient's name for `Recipient`).
    pub collector_name: String,
    /// Why it was handed over without the code (needed for someone else's parcel).
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pickup {
    pub collector: Collector,
    pub collector_label: &'static str,
    pub collector_name: String,
    pub with_code: bool,
    pub note: String,
    /// ISO-8601 with offset.
    pub picked_at: String,
    pub operator: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Return {
    pub taken_by: String,
    pub reason: String,
    pub returned_at: String,
    pub operator: String,
}

/// A parcel or letter with what has happened to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parcel {
    pub id: i64,
    pub kind: Kind,
    pub kind_label: &'static str,
    pub carrier: String,
    pub tracking_no: String,
    #[serde(skip)]
    pub unit_id: i64,
    pub unit: String,
    pub recipient: String,
    #[serde(skip)]
    pub person_id: Option<i64>,
    pub size: Option<Size>,
    pub size_label: &'static str,
    pub shelf: String,
    pub pickup_code: String,
    /// ISO-8601 with offset.
    pub received_at: String,
    pub operator: String,
    pub status: Status,
    pub status_label: &'static str,
    /// When the first message was sent, and the last reminder.
    pub notified_at: Option<String>,
    pub reminded_at: Option<String>,
    /// Whole days on the shelf: until today while waiting, else until it left.
    pub days: i64,
    /// Waiting for `parcel_remind_days` days or more.
    pub overdue: bool,
    pub pickup: Option<Pickup>,
    pub returned: Option<Return>,
}

/// Which parcels a list shows. Days are inclusive; `None` leaves a bound open.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    pub status: Option<Status>,
    pub unit_id: Option<i64>,
    pub kind: Option<Kind>,
}

/// How phones appear in an export: whole for the messaging service, masked otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phones {
    Full,
    Masked,
}

/// One message for the messaging service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    pub parcel_id: i64,
    pub phone: String,
    pub recipient: String,
    pub unit: String,
    pub pickup_code: String,
    pub carrier: String,
    pub received_at: String,
    pub text: String,
}

/// The messages of a notification or a reminder round, and the parcels nobody could be texted about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Messages {
    pub messages: Vec<Message>,
    /// Parcels whose unit has no mobile on file: call or leave a note on the door.
    pub without_phone: Vec<Parcel>,
}

/// What 首页 shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub waiting: usize,
    pub letters_waiting: usize,
    pub overdue: usize,
    pub not_notified: usize,
    pub remind_days: u32,
    /// The longest waiting overdue parcels, oldest first (a few).
    pub oldest: Vec<Parcel>,
}

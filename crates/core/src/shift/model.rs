//! What a handover holds: the snapshot of what was open (one line per thing,
//! in five groups) as it was written, the clerk's note, and who took over.

use serde::{Deserialize, Serialize};

/// One open thing as it stood when handed over.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Its number: TS20261123-001, WX…, the key's hook, the parcel's pickup code, the permit's number.
    pub reference: String,
    /// The unit; blank for a public matter.
    pub unit: String,
    /// One line: what it is and where it stands.
    pub text: String,
    /// Since when (2026-11-23 09:05, or a day).
    pub since: String,
    /// Why it is late, when it is.
    pub late: Option<String>,
}

/// What was open at the handover. Numbers, units and short texts only: no
/// resident's name or phone (an erasure would not find them here).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The open requests and complaints the clerk owns (took), oldest first.
    pub requests: Vec<Item>,
    /// Every open work order, oldest first.
    pub orders: Vec<Item>,
    /// Keys lent and not back, oldest due first.
    pub keys: Vec<Item>,
    /// Parcels waiting `parcel_remind_days` or longer, oldest first.
    pub parcels: Vec<Item>,
    /// Renovations past their end and not accepted.
    pub renovations: Vec<Item>,
}

impl Snapshot {
    fn groups(&self) -> [&Vec<Item>; 5] {
        [&self.requests, &self.orders, &self.keys, &self.parcels, &self.renovations]
    }

    /// How many things were open.
    pub fn count(&self) -> usize {
        self.groups().iter().map(|g| g.len()).sum()
    }

    /// How many of them were late.
    pub fn late(&self) -> usize {
        self.groups().iter().flat_map(|g| g.iter()).filter(|i| i.late.is_some()).count()
    }

    /// The groups with their Chinese titles, for a sheet or a screen.
    pub fn titled(&self) -> [(&'static str, &Vec<Item>); 5] {
        [("未办结的业户需求", &self.requests), ("未关闭的维修单", &self.orders), ("借出未还的钥匙", &self.keys), ("超期未取的快递", &self.parcels), ("超期的装修", &self.renovations)]
    }
}

/// The acknowledgement (接班确认).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ack {
    pub operator: String,
    /// When (ISO-8601 with offset).
    pub at: String,
    pub note: String,
}

/// One handover as written, with its acknowledgement once there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Handover {
    pub id: i64,
    /// The clerk's day (2026-12-06).
    pub day: String,
    /// Who handed over.
    pub operator: String,
    /// When (ISO-8601 with offset).
    pub made_at: String,
    /// 交班说明.
    pub note: String,
    pub snapshot: Snapshot,
    /// How many things were open, and how many late.
    pub open_count: usize,
    pub late_count: usize,
    pub ack: Option<Ack>,
}

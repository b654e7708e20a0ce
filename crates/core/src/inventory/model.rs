//! The types of controlled items, their issues and the monthly count.

use serde::Serialize;

use super::InventoryError;
use crate::db::settings;
use crate::fees::Method;
use crate::money::Money;

/// A kind of controlled item. Stored by its code; shown by its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 住户卡: the resident's access card.
    ResidentCard,
    /// 车卡: the car park card.
    CarCard,
    /// 可视对讲机: the flat's video intercom handset.
    Handset,
    /// 其他: remote controls, parking-lock keys and the like, each named.
    Other,
}

impl ItemKind {
    pub const ALL: [ItemKind; 4] = [ItemKind::ResidentCard, ItemKind::CarCard, ItemKind::Handset, ItemKind::Other];

    pub fn code(self) -> &'static str {
        match self {
            ItemKind::ResidentCard => "resident_card",
            ItemKind::CarCard => "car_card",
            ItemKind::Handset => "handset",
            ItemKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemKind::ResidentCard => "住户卡",
            ItemKind::CarCard => "车卡",
            ItemKind::Handset => "可视对讲机",
            ItemKind::Other => "其他",
        }
    }

    /// The code, the label, a short name (住户, 车, 对讲机) or a short code (resident, car).
    pub fn parse(text: &str) -> Result<ItemKind, InventoryError> {
        let t = text.trim();
        let short = match t.to_ascii_lowercase().as_str() {
            "resident" | "住户" | "门禁卡" => Some(ItemKind::ResidentCard),
            "car" | "车" | "停车卡" => Some(ItemKind::CarCard),
            "对讲机" | "intercom" => Some(ItemKind::Handset),
            _ => None,
        };
        short
            .or_else(|| ItemKind::ALL.into_iter().find(|k| k.code().eq_ignore_ascii_case(t) || k.label() == t))
            .ok_or_else(|| InventoryError::BadKind(t.to_string()))
    }

    /// The setting that holds this kind's deposit, if the office may charge one.
    pub fn deposit_setting(self) -> Option<&'static str> {
        match self {
            ItemKind::ResidentCard => Some(settings::INVENTORY_CARD_DEPOSIT),
            ItemKind::CarCard => Some(settings::INVENTORY_CAR_CARD_DEPOSIT),
            ItemKind::Handset => Some(settings::INVENTORY_HANDSET_DEPOSIT),
            ItemKind::Other => None,
        }
    }

    /// The deposit ledger's kind for this item's deposit.
    pub fn deposit_kind(self) -> &'static str {
        match self {
            ItemKind::ResidentCard => "门禁卡押金",
            ItemKind::CarCard => "车卡押金",
            ItemKind::Handset => "对讲机押金",
            ItemKind::Other => "其他",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Who holds an item that is out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Holding {
    pub issue_id: i64,
    pub unit: String,
    pub holder: String,
    /// ISO-8601 with offset.
    pub issued_at: String,
    pub operator: String,
    pub deposit_id: Option<i64>,
    /// What the deposit still holds (0 without one).
    pub deposit_held: Money,
    pub receipt_no: Option<String>,
}

/// A controlled item: in stock (`out` empty) or issued.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub id: i64,
    pub kind: ItemKind,
    pub kind_label: &'static str,
    pub serial: String,
    /// What an "other" item is.
    pub name: String,
    pub added_at: String,
    pub added_by: String,
    pub out: Option<Holding>,
}

/// Handing an item to a person of a unit.
#[derive(Debug, Clone)]
pub struct NewIssue {
    pub kind: ItemKind,
    pub serial: String,
    /// A person registered on the unit now; blank = its first owner.
    pub holder: String,
    /// How the deposit is paid, where one is charged.
    pub method: Method,
    pub note: String,
}

/// An item coming back.
#[derive(Debug, Clone)]
pub struct NewReturn {
    /// `None`: the serial alone names the item (it must be unique across kinds).
    pub kind: Option<ItemKind>,
    pub serial: String,
    /// Who brought it back; blank = the holder.
    pub returned_by: String,
    /// Its condition.
    pub note: String,
    /// Kept out of the deposit (a damaged card), with its reason; the rest is refunded.
    pub deduct: Money,
    pub reason: String,
}

/// The result of an issue or a return.
#[derive(Debug, Clone, Serialize)]
pub struct Movement {
    pub item: Item,
    pub unit: String,
    pub holder: String,
    /// The deposit taken (issue) or settled (return), as it stands after.
    pub deposit: Option<crate::deposits::Deposit>,
    /// On a return: what was given back and kept.
    pub refunded: Money,
    pub deducted: Money,
    pub returned_by: String,
}

/// Where a count line's item should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    /// In the office: in stock, or a key on its hook.
    InOffice,
    /// Out: issued to a unit, or a key on loan.
    Out,
    /// Not on the expected list: found during the count.
    Extra,
}

impl Expected {
    pub fn code(self) -> &'static str {
        match self {
            Expected::InOffice => "in_office",
            Expected::Out => "out",
            Expected::Extra => "extra",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Expected::InOffice => "应在库",
            Expected::Out => "已发出",
            Expected::Extra => "清单外",
        }
    }

    pub fn from_code(code: &str) -> Expected {
        match code {
            "in_office" => Expected::InOffice,
            "out" => Expected::Out,
            _ => Expected::Extra,
        }
    }
}

/// A difference between the expected list and what was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Difference {
    /// Should be in the office and is not (盘亏).
    Missing,
    /// Recorded as out but found in the office.
    FoundButOut,
    /// Not on the list at all (盘盈).
    Extra,
}

impl Difference {
    pub fn label(self) -> &'static str {
        match self {
            Difference::Missing => "缺失",
            Difference::FoundButOut => "应已发出却在库",
            Difference::Extra => "多出",
        }
    }
}

/// One line of a count: what the register expected, and what was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountLine {
    pub id: i64,
    pub line_no: i64,
    /// An item kind's code, or `key`.
    pub kind: String,
    pub kind_label: String,
    pub label: String,
    pub place: String,
    pub expected: Expected,
    /// `None` until recorded (an issued item need not be: it is out as expected).
    pub found: Option<bool>,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: String,
    pub difference: Option<Difference>,
    /// The line's state as the sheet prints it: 未点, 相符, 缺失, …
    pub status: &'static str,
}

/// A count's close, signed off by a supervisor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountClose {
    pub closed_at: String,
    pub closed_by: String,
    pub signed_off_by: String,
    pub differences: i64,
}

/// A monthly count with its lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub id: i64,
    pub period: String,
    pub started_at: String,
    pub started_by: String,
    pub lines: Vec<CountLine>,
    pub closed: Option<CountClose>,
    /// Lines expected in the office, and how many of them are recorded.
    pub in_office: usize,
    pub recorded: usize,
    pub differences: usize,
    pub unexplained: usize,
}

/// A count as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountSummary {
    pub id: i64,
    pub period: String,
    pub started_at: String,
    pub started_by: String,
    pub lines: usize,
    pub differences: usize,
    pub closed: Option<CountClose>,
}

//! Types of meters, readings, anomalies and 公摊 allocations.

use rust_decimal::Decimal;
use serde::Serialize;

use super::MetersError;
use crate::money::Money;

/// What a meter measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeterKind {
    Water,
    Electricity,
    Gas,
}

impl MeterKind {
    pub const ALL: [MeterKind; 3] = [MeterKind::Water, MeterKind::Electricity, MeterKind::Gas];

    pub fn code(self) -> &'static str {
        match self {
            MeterKind::Water => "water",
            MeterKind::Electricity => "electricity",
            MeterKind::Gas => "gas",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MeterKind::Water => "水",
            MeterKind::Electricity => "电",
            MeterKind::Gas => "燃气",
        }
    }

    /// The unit its usage is counted in.
    pub fn measure(self) -> &'static str {
        match self {
            MeterKind::Water | MeterKind::Gas => "m³",
            MeterKind::Electricity => "kWh",
        }
    }

    /// The fee item a unit's meter of this kind bills on, unless told otherwise.
    pub fn default_fee(self) -> &'static str {
        match self {
            MeterKind::Water => "水费",
            MeterKind::Electricity => "电费",
            MeterKind::Gas => "燃气费",
        }
    }

    /// The fee item a shared meter's usage is allocated on, unless told otherwise.
    pub fn default_share_fee(self) -> &'static str {
        match self {
            MeterKind::Water => "公摊水费",
            MeterKind::Electricity => "公摊电费",
            MeterKind::Gas => "公摊燃气费",
        }
    }

    /// Accepts the code or the Chinese (水, 水表, 电, 电表, 燃气, 气).
    pub fn parse(text: &str) -> Result<MeterKind, MetersError> {
        let t = text.trim().trim_end_matches('表');
        MeterKind::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(t) || k.label() == t || (*k == MeterKind::Gas && t == "气"))
            .ok_or_else(|| MetersError::BadKind(text.trim().to_string()))
    }
}

/// How a shared meter's usage is split over the units under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareBasis {
    /// By each unit's building area.
    Area,
    /// The same share for every household.
    Household,
}

impl ShareBasis {
    pub fn code(self) -> &'static str {
        match self {
            ShareBasis::Area => "area",
            ShareBasis::Household => "household",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ShareBasis::Area => "按面积",
            ShareBasis::Household => "按户",
        }
    }

    pub fn parse(text: &str) -> Result<ShareBasis, MetersError> {
        let t = text.trim();
        [ShareBasis::Area, ShareBasis::Household]
            .into_iter()
            .find(|b| b.code() == t || b.label() == t || (t == "面积" && *b == ShareBasis::Area) || (t == "户" && *b == ShareBasis::Household))
            .ok_or_else(|| MetersError::BadBasis(t.to_string()))
    }
}

/// One price band of a metered fee item: up to `upto` (the last band has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tier {
    pub upto: Option<Decimal>,
    pub price: Decimal,
}

/// `{"upto": "50", "price": "2.70"}`, the last band's `upto` null.
impl Serialize for Tier {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut t = s.serialize_struct("Tier", 2)?;
        t.serialize_field("upto", &self.upto.map(|u| u.normalize().to_string()))?;
        t.serialize_field("price", &crate::fees::price_text(self.price))?;
        t.end()
    }
}

/// A meter: a unit's own, or a shared one (a building's or the estate's).
#[derive(Debug, Clone, Serialize)]
pub struct Meter {
    pub id: i64,
    pub kind: MeterKind,
    /// The unit's code for a unit's meter; `None` for a shared meter.
    pub unit: Option<String>,
    #[serde(skip)]
    pub unit_id: Option<i64>,
    /// A shared meter's name (3栋电梯); empty for a unit's meter.
    pub name: String,
    /// A shared meter's building ("3"), or `None` for the whole estate.
    pub building: Option<String>,
    /// The shared meter a unit's meter sits under, by name.
    pub parent: Option<String>,
    #[serde(skip)]
    pub parent_id: Option<i64>,
    pub digits: u32,
    /// The register's value when the meter was put on file, and the month.
    pub start: String,
    #[serde(skip)]
    pub start_value: i64,
    pub start_period: String,
    /// The fee item it bills (a unit's meter) or is allocated on (a shared meter).
    pub fee: String,
    #[serde(skip)]
    pub fee_item_id: i64,
    pub serial: String,
}

impl Meter {
    /// How the desk names it: "1-1-101 水表", "3栋电梯（公用电表）".
    pub fn label(&self) -> String {
        match &self.unit {
            Some(u) => format!("{u} {}表", self.kind.label()),
            None => format!("{}（公用{}表）", self.name, self.kind.label()),
        }
    }

    pub fn is_shared(&self) -> bool {
        self.unit_id.is_none()
    }
}

#[derive(Debug, Clone, Default)]
pub struct NewMeter {
    pub kind: String,
    /// A unit's code for a unit's meter; empty for a shared meter.
    pub unit: String,
    /// A shared meter's name; empty for a unit's meter.
    pub name: String,
    /// A shared meter's building; empty = the whole estate.
    pub building: String,
    /// The shared meter a unit's meter sits under (its name); empty = none.
    pub under: String,
    /// Register digits; empty = 5.
    pub digits: String,
    /// The register's value now; empty = 0.
    pub start: String,
    /// The month from which its readings count (YYYY-MM); empty = this month.
    pub period: String,
    /// The fee item; empty = by kind (水费 / 公摊水费 …).
    pub fee: String,
    pub serial: String,
}

/// A replacement: the old register's final reading and the new one's start, in one step.
#[derive(Debug, Clone, Default)]
pub struct NewSwap {
    pub period: String,
    pub old_final: String,
    pub new_start: String,
    /// The new register's digits; empty = as the old one.
    pub digits: String,
    pub serial: String,
    pub note: String,
}

/// What an anomaly is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnomalyKind {
    /// Lower than the last reading, and not a rollover or a replacement.
    Lower,
    /// No reading for the month.
    Missing,
    /// Usage above the spike multiple × the 12-month average.
    Spike,
    /// No usage on a unit someone lives in.
    ZeroOccupied,
}

impl AnomalyKind {
    pub const ALL: [AnomalyKind; 4] = [AnomalyKind::Lower, AnomalyKind::Missing, AnomalyKind::Spike, AnomalyKind::ZeroOccupied];

    pub fn code(self) -> &'static str {
        match self {
            AnomalyKind::Lower => "lower",
            AnomalyKind::Missing => "missing",
            AnomalyKind::Spike => "spike",
            AnomalyKind::ZeroOccupied => "zero_occupied",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AnomalyKind::Lower => "读数小于上月",
            AnomalyKind::Missing => "未抄表",
            AnomalyKind::Spike => "用量突增",
            AnomalyKind::ZeroOccupied => "有人住用量为零",
        }
    }

    pub fn parse(text: &str) -> Option<AnomalyKind> {
        AnomalyKind::ALL.into_iter().find(|k| k.code() == text.trim() || k.label() == text.trim())
    }
}

/// One meter's month in the reading list (抄表清单).
#[derive(Debug, Clone, Serialize)]
pub struct ReadingLine {
    pub meter_id: i64,
    pub meter: String,
    pub kind: MeterKind,
    pub unit: Option<String>,
    pub name: String,
    pub period: String,
    /// The register value it counts from ("" for a meter with no reading at all yet).
    pub last: String,
    /// This month's reading; `None` when not read yet.
    pub value: Option<String>,
    /// Usage; `None` when unknown (no reading, or lower than last).
    pub usage: Option<String>,
    pub rollover: bool,
    /// The old register's part when the meter was replaced this month.
    pub swapped: Option<String>,
    /// The 12-month average, when there is enough history.
    pub average: Option<String>,
    /// Usage above this is a spike (the average × the spike multiple), for marking as the clerk types.
    pub spike_above: Option<String>,
    /// The register's digits now (a lower value may be a rollover).
    pub digits: u32,
    /// Someone lives in the unit (zero usage is an anomaly).
    pub occupied: bool,
    pub anomalies: Vec<Anomaly>,
}

/// A finding of the check, and the clerk's confirmation if given.
#[derive(Debug, Clone, Serialize)]
pub struct Anomaly {
    pub kind: AnomalyKind,
    pub label: &'static str,
    pub meter_id: i64,
    pub meter: String,
    pub unit: Option<String>,
    pub period: String,
    /// What the clerk sees: "读数 1100 小于上月 1200" etc.
    pub message: String,
    pub confirmed: Option<Confirmation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Confirmation {
    pub note: String,
    pub by: String,
    pub at: String,
}

/// The month's check before billing.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub period: String,
    pub meters: usize,
    pub readings: usize,
    pub anomalies: Vec<Anomaly>,
    /// Anomalies not confirmed yet: billing refuses while any is left.
    pub unconfirmed: usize,
}

/// What an import of readings did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ReadingImport {
    pub rows: usize,
    pub written: usize,
    /// Rows whose reading was on file already with the same value.
    pub unchanged: usize,
    pub skipped: usize,
    pub errors: Vec<crate::register::import::RowProblem>,
}

/// One unit's share of a shared meter's month.
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    pub unit: String,
    /// Its weight: the area (㎡) or 1 per household.
    pub weight: String,
    pub amount: Money,
}

/// A shared meter's month split over its units.
#[derive(Debug, Clone, Serialize)]
pub struct Allocation {
    pub id: i64,
    pub meter: String,
    pub period: String,
    pub basis: ShareBasis,
    /// The shared meter's own usage, the unit meters' under it, and what is shared.
    pub meter_usage: String,
    pub units_usage: String,
    pub shared_usage: String,
    pub price: String,
    pub total: Money,
    pub fee: String,
    pub shares: Vec<Share>,
    /// True when it replaced an earlier allocation of the same meter and month.
    pub replaced: bool,
}

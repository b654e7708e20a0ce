//! What the search box shows: one line per unit, person or vehicle found.

use serde::Serialize;

/// What a line is about. The UI opens the unit's card for all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Unit,
    Person,
    Vehicle,
}

impl HitKind {
    pub fn label(self) -> &'static str {
        match self {
            HitKind::Unit => "房屋",
            HitKind::Person => "住户",
            HitKind::Vehicle => "车辆",
        }
    }
}

/// What the query matched, best first: the order of the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// The whole unit code (3-2-1502, 3栋2单元1502室).
    Code,
    /// The start of a unit code, while typing (3-2-15).
    CodePrefix,
    /// The whole name.
    Name,
    /// Pinyin from the start of the name: initials (zs) or syllables (zhangs).
    Pinyin,
    /// Part of the name.
    NamePart,
    /// The end of a phone number (its last 4 digits or more), or a whole number typed from its start.
    Phone,
    /// Part of a plate (A12 finds 京A12345).
    Plate,
}

impl Why {
    pub fn label(self) -> &'static str {
        match self {
            Why::Code => "房号",
            Why::CodePrefix => "房号开头",
            Why::Name => "姓名",
            Why::Pinyin => "拼音",
            Why::NamePart => "姓名包含",
            Why::Phone => "电话",
            Why::Plate => "车牌",
        }
    }
}

/// One line of results. Phones are masked (138****1234).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    pub unit_id: i64,
    pub unit_code: String,
    /// The person the line is about (a person line, or a vehicle's registered driver).
    pub person_id: Option<i64>,
    /// "3-2-1502 张三"; a vehicle line: "3-2-1502 京A12345".
    pub title: String,
    /// "业主 · 138****1234 · 京A12345"; a unit line: "住宅 · 89.50㎡".
    pub detail: String,
    pub why: Why,
    /// `why` in Chinese, for the screen.
    pub why_label: &'static str,
}

/// How much the index holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IndexSize {
    pub units: usize,
    /// One per person and unit they are (or were) tied to.
    pub people: usize,
    pub vehicles: usize,
}

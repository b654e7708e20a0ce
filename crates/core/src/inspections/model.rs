//! The types of inspections: the two checklists, their items, a round with
//! its answers, and what is due.

use serde::{Serialize, Serializer};

/// The estate's two checklists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Checklist {
    /// 每周公共区域巡检: the public areas, once a week.
    Public,
    /// 每月空置房巡检: each vacant home, once a month.
    Vacant,
}

impl Checklist {
    pub const ALL: [Checklist; 2] = [Checklist::Public, Checklist::Vacant];

    pub fn code(self) -> &'static str {
        match self {
            Checklist::Public => "public",
            Checklist::Vacant => "vacant",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Checklist::Public => "公共区域",
            Checklist::Vacant => "空置房",
        }
    }

    /// The sheet's title.
    pub fn title(self) -> &'static str {
        match self {
            Checklist::Public => "每周公共区域巡检",
            Checklist::Vacant => "每月空置房巡检",
        }
    }

    /// The code (any case), the label, the title, or 公共 / 空置.
    pub fn parse(text: &str) -> Option<Checklist> {
        let t = text.trim();
        Self::ALL.into_iter().find(|c| c.code().eq_ignore_ascii_case(t) || c.label() == t || c.title() == t || (t.chars().count() >= 2 && c.label().starts_with(t)))
    }
}

impl Serialize for Checklist {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// An item of a checklist. `used`: some round has it, so it can be retired but never goes away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: i64,
    pub checklist: Checklist,
    pub checklist_label: &'static str,
    pub name: String,
    pub position: i64,
    pub retired: bool,
    pub used: bool,
}

/// A round as started at the desk.
#[derive(Debug, Clone, Default)]
pub struct NewRound {
    /// 公共区域 / 空置房 (or the codes, or the titles).
    pub checklist: String,
    /// The vacant unit (空置房 only).
    pub unit: String,
    pub inspector: String,
    /// The day it was walked (2026-11-23); blank for today.
    pub on: String,
}

/// One item of a round and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub position: i64,
    pub item_id: i64,
    /// The item's name when the round was started.
    pub item: String,
    /// None until answered; true 正常, false 异常.
    pub ok: Option<bool>,
    /// 正常 / 异常 / 未填.
    pub result_label: &'static str,
    pub note: String,
    pub answered_at: Option<String>,
    pub answered_by: Option<String>,
    /// The work order opened for this finding, and where it stands.
    pub order_no: Option<String>,
    pub order_status_label: Option<&'static str>,
    /// What a work order names as its source: XJ20261123-001/3.
    pub finding: String,
}

/// A round with its answers.
#[derive(Debug, Clone, Serialize)]
pub struct Round {
    #[serde(flatten)]
    pub line: RoundLine,
    pub finished_at: Option<String>,
    pub finished_by: Option<String>,
    pub recorded_at: String,
    pub operator: String,
    pub answers: Vec<Answer>,
}

impl std::ops::Deref for Round {
    type Target = RoundLine;
    fn deref(&self) -> &RoundLine {
        &self.line
    }
}

/// A round as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct RoundLine {
    pub id: i64,
    pub round_no: String,
    pub checklist: Checklist,
    pub checklist_label: &'static str,
    pub title: &'static str,
    /// The vacant unit; blank for the public areas.
    pub unit: String,
    pub inspected_on: String,
    pub inspector: String,
    pub finished: bool,
    /// 进行中 / 已完成.
    pub status_label: &'static str,
    pub items: i64,
    pub answered: i64,
    pub faults: i64,
    /// Work orders opened from its findings.
    pub orders: i64,
}

/// A round that is due (or one begun and not finished).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    pub checklist: Checklist,
    pub checklist_label: &'static str,
    /// The vacant unit; blank for the public areas.
    pub unit: String,
    /// The day of the last finished round, if any.
    pub last: Option<String>,
    /// A round begun and not finished.
    pub open_round: Option<String>,
    /// 本周还没有巡检（上次 2026-11-10）…
    pub text: String,
}

//! The unit's history (单元大事记): what a manager would call the big events of
//! one unit, newest first, in one timeline — ownership transfers, people
//! moving in and out, renovations (applied, approved or rejected, permit
//! issued, rectification asked, accepted, closed), repairs done inside the
//! unit (with their charge), complaints (with where they stand), and the legal
//! side of dunning (contacts at the 律师函·诉讼 stage, demands delivered).
//! Read from the rows each part keeps; nothing is stored here.

mod store;

use rusqlite::Connection;
use serde::Serialize;

use crate::docs::text;
use crate::error::Result;
use crate::register::Unit;

/// What kind of event, as a code and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Transfer,
    MoveIn,
    MoveOut,
    Renovation,
    Repair,
    Complaint,
    Legal,
}

impl EventKind {
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Transfer => "过户",
            EventKind::MoveIn => "入住",
            EventKind::MoveOut => "迁出",
            EventKind::Renovation => "装修",
            EventKind::Repair => "维修",
            EventKind::Complaint => "投诉",
            EventKind::Legal => "法律催缴",
        }
    }
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// When: a day (2026-11-23) or a day and time (2026-11-23 09:05), local.
    pub at: String,
    pub kind: EventKind,
    pub kind_label: &'static str,
    /// One line saying what happened.
    pub text: String,
    /// Its number: TS…, WX…, the permit's ZX…, the letter's CJ…, 过户 #3, 住户 #12.
    pub reference: String,
}

impl Event {
    fn new(at: &str, kind: EventKind, text: String, reference: String) -> Event {
        Event { at: text::minute(at), kind, kind_label: kind.label(), text, reference }
    }
}

/// A free text cut to one line.
fn short(text: &str, max: usize) -> String {
    text::cut(&text.split_whitespace().collect::<Vec<_>>().join(" "), max)
}

/// The unit's timeline, newest first (events of one moment keep the order they happened in, reversed).
pub fn unit_history(conn: &Connection, unit: &Unit) -> Result<Vec<Event>> {
    let mut events = Vec::new();
    events.extend(store::transfers(conn, unit.id)?);
    events.extend(store::occupancies(conn, unit.id)?);
    events.extend(store::renovations(conn, unit.id)?);
    events.extend(store::repairs(conn, unit.id)?);
    events.extend(store::complaints(conn, unit.id)?);
    events.extend(store::legal(conn, unit.id)?);
    events.reverse();
    events.sort_by(|a, b| b.at.cmp(&a.at));
    Ok(events)
}

#[cfg(test)]
mod tests;

//! The one search box: finds a unit or a person by unit code (or its start
//! while typing), name, pinyin, the end of a phone number, or part of a plate.
//!
//! Why an in-memory index and no background work: the whole register of a
//! large estate (5,000 units, ~6,500 people) is a few MB of text, read in three
//! queries in milliseconds, and matching it in memory takes well under a
//! millisecond per keystroke. Pinyin comes from the `pinyin` crate's static
//! tables (compiled into the binary, nothing to build at start-up), and our own
//! table reads surnames as surnames (单 Shàn, 曾 Zēng, 尉迟 Yùchí) where the
//! crate gives the everyday reading. So the index is complete the moment
//! `load` returns, and the first search after launch waits for nothing. (The
//! alternative with a surname mode, `pinyin-converter`, carries a ~9 MB
//! dictionary that takes 1–2 s to build on first use.)
//!
//! The index is plain data (`Send + Sync`): the app keeps one and replaces it
//! with `refresh` after a register write.

mod hit;
mod model;
pub mod rules;
mod store;

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::register::{Area, Role, UnitType};
pub use model::*;
use rules::Query;

/// Everything the search box looks through, in memory.
pub struct Index {
    /// In code order (3-2-902 before 3-2-1502): a unit's position is its rank.
    units: Vec<Unit>,
    people: Vec<Person>,
    vehicles: Vec<Vehicle>,
}

struct Unit {
    id: i64,
    code: String,
    /// Upper-cased code.
    key: String,
    unit_type: UnitType,
    area: Option<Area>,
    /// People of this unit, current owners first.
    people: Vec<usize>,
    vehicles: Vec<usize>,
}

struct Person {
    id: i64,
    unit: usize,
    name: String,
    key: String,
    phones: Vec<String>,
    phone_keys: Vec<String>,
    role: Role,
    current: bool,
    spelling: Vec<Vec<&'static str>>,
}

struct Vehicle {
    plate: String,
    key: String,
    unit: usize,
    person_id: Option<i64>,
}

#[derive(Clone, Copy)]
enum Target {
    Unit(usize),
    /// With the phone that matched, if one did.
    Person(usize, Option<usize>),
    Vehicle(usize),
}

/// A match and the key it is ranked by: what matched, then current before
/// former, a finer order within the kind of match, the role, the unit's code.
struct Found {
    rank: (Why, bool, u32, u8, usize, HitKind, usize),
    target: Target,
}

impl Index {
    /// Reads the register into memory: units, everyone who is or was tied
    /// to a unit (with their phones and role), vehicles.
    pub fn load(conn: &Connection) -> Result<Index> {
        let mut rows = store::units(conn)?;
        rows.sort_by_cached_key(|u| rules::code_order(&u.code));
        let position: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
        let mut units: Vec<Unit> = rows
            .into_iter()
            .map(|u| Unit {
                key: u.code.to_uppercase(),
                id: u.id,
                code: u.code,
                unit_type: u.unit_type,
                area: u.area,
                people: Vec::new(),
                vehicles: Vec::new(),
            })
            .collect();
        let mut people: Vec<Person> = store::people(conn)?
            .into_iter()
            .filter_map(|p| {
                Some(Person {
                    unit: *position.get(&p.unit_id)?,
                    key: rules::name_key(&p.name),
                    spelling: rules::spell_name(&p.name),
                    phone_keys: p.phones.iter().map(|ph| rules::phone_key(ph)).collect(),
                    id: p.person_id,
                    name: p.name,
                    phones: p.phones,
                    role: p.role,
                    current: p.current,
                })
            })
            .collect();
        people.sort_by_key(|p| (p.unit, !p.current, rules::role_rank(p.role), p.id));
        let mut vehicles: Vec<Vehicle> = store::vehicles(conn)?
            .into_iter()
            .filter_map(|v| {
                let unit = *position.get(&v.unit_id)?;
                Some(Vehicle { key: rules::plate_key(&v.plate), plate: v.plate, unit, person_id: v.person_id })
            })
            .collect();
        vehicles.sort_by(|a, b| (a.unit, &a.key).cmp(&(b.unit, &b.key)));
        for (i, p) in people.iter().enumerate() {
            units[p.unit].people.push(i);
        }
        for (i, v) in vehicles.iter().enumerate() {
            units[v.unit].vehicles.push(i);
        }
        Ok(Index { units, people, vehicles })
    }

    /// Reads the register again (after a write). On an error the index keeps what it had.
    pub fn refresh(&mut self, conn: &Connection) -> Result<()> {
        *self = Index::load(conn)?;
        Ok(())
    }

    pub fn size(&self) -> IndexSize {
        IndexSize { units: self.units.len(), people: self.people.len(), vehicles: self.vehicles.len() }
    }

    /// The best `limit` lines for what was typed; nothing for a blank query.
    /// Order: whole code, code start, whole name, pinyin, part of a name,
    /// phone, plate; within each, current people before former, owners
    /// before others, then by unit code.
    pub fn find(&self, query: &str, limit: usize) -> Vec<Hit> {
        let Some(q) = rules::read_query(query) else { return Vec::new() };
        let mut found = Vec::new();
        self.match_units(&q, &mut found);
        self.match_people(&q, &mut found);
        self.match_vehicles(&q, &mut found);
        if found.len() > limit {
            found.select_nth_unstable_by_key(limit, |f| f.rank);
            found.truncate(limit);
        }
        found.sort_unstable_by_key(|f| f.rank);
        found.iter().map(|f| self.hit(f.target, f.rank.0)).collect()
    }

    fn match_units(&self, q: &Query, found: &mut Vec<Found>) {
        if q.code.is_none() && q.code_prefix.is_none() {
            return;
        }
        for (i, u) in self.units.iter().enumerate() {
            let why = if q.code.as_ref() == Some(&u.key) || q.code_prefix.as_ref() == Some(&u.key) {
                Why::Code
            } else if q.code_prefix.as_ref().is_some_and(|p| u.key.starts_with(p.as_str())) {
                Why::CodePrefix
            } else {
                continue;
            };
            found.push(Found { rank: (why, false, 0, 0, i, HitKind::Unit, i), target: Target::Unit(i) });
        }
    }

    fn match_people(&self, q: &Query, found: &mut Vec<Found>) {
        for (i, p) in self.people.iter().enumerate() {
            let mut phone = None;
            let (why, fine) = if p.key == q.lower {
                (Why::Name, 0)
            } else if let Some(n) = q.pinyin.then(|| rules::spells(&p.spelling, &q.lower)).flatten() {
                // The names the letters spell to the end first (zs: 张三 before 张三丰), shorter first.
                (Why::Pinyin, u32::from(n < p.spelling.len()) << 16 | p.spelling.len() as u32)
            } else if let Some(at) = p.key.find(q.lower.as_str()) {
                (Why::NamePart, (at as u32) << 16 | p.key.len() as u32)
            } else if let Some((k, fine)) = q.phone.as_deref().and_then(|d| phone_match(&p.phone_keys, d)) {
                phone = Some(k);
                (Why::Phone, fine)
            } else {
                continue;
            };
            let rank = (why, !p.current, fine, rules::role_rank(p.role), p.unit, HitKind::Person, i);
            found.push(Found { rank, target: Target::Person(i, phone) });
        }
    }

    fn match_vehicles(&self, q: &Query, found: &mut Vec<Found>) {
        // One character ("京") would list every car of the province.
        if q.upper.chars().count() < 2 {
            return;
        }
        for (i, v) in self.vehicles.iter().enumerate() {
            if let Some(at) = v.key.find(q.upper.as_str()) {
                found.push(Found { rank: (Why::Plate, false, at as u32, 0, v.unit, HitKind::Vehicle, i), target: Target::Vehicle(i) });
            }
        }
    }
}

/// Which phone ends with the digits (the last four or more), or, for 7
/// digits or more, starts with them (a number typed from its start).
fn phone_match(phones: &[String], digits: &str) -> Option<(usize, u32)> {
    let ends = phones.iter().position(|p| p.ends_with(digits)).map(|k| (k, 0));
    ends.or_else(|| (digits.len() >= 7).then(|| phones.iter().position(|p| p.starts_with(digits)).map(|k| (k, 1))).flatten())
}

#[cfg(test)]
mod tests;

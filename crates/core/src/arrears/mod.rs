//! Arrears (欠费) aged by how long each bill has been past its due date, per
//! unit, per building and per fee item, on any day (`as_of`) so a report can
//! be reproduced later. A bill not yet due on that day is not in arrears,
//! though the unit card counts it as owed.

pub mod rules;
/// Dunning letters and limitation warnings read the same open bills.
pub(crate) mod store;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::db::settings;
use crate::error::Result;
use crate::fees::Period;
use crate::money::Money;
use crate::register::{self, RegisterError};
pub use rules::BRACKETS;

/// Which units a report lists; the totals are over the units listed.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// A building as the clerk names it ("3", "3栋").
    pub building: Option<String>,
    /// Only units whose oldest unpaid bill is at least this many days past due.
    pub min_days: i64,
    /// Only units owing at least this much.
    pub min_amount: Money,
}

impl Filter {
    /// A filter as typed on a form or a command line; blanks mean "any".
    pub fn read(building: &str, min_days: i64, min_amount: &str) -> Result<Filter> {
        let building = Some(building.trim()).filter(|b| !b.is_empty()).map(String::from);
        let min_amount = match min_amount.trim() {
            "" => Money::ZERO,
            text => crate::fees::parse_amount(text)?,
        };
        Ok(Filter { building, min_days: min_days.max(0), min_amount })
    }
}

/// The report's day as typed (2026-11-23, 2026/11/23 …); blank means `today`.
pub fn read_as_of(text: &str, today: NaiveDate) -> Result<NaiveDate> {
    match text.trim() {
        "" => Ok(today),
        text => Ok(register::rules::parse_date(text).map_err(RegisterError::BadInput)?),
    }
}

/// Money owed, split by age bracket (`BRACKETS`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Aged {
    pub total: Money,
    pub brackets: [Money; 5],
}

impl Aged {
    fn add(&mut self, bracket: usize, amount: Money) {
        self.total += amount;
        self.brackets[bracket] += amount;
    }

    fn merge(&mut self, other: &Aged) {
        self.total += other.total;
        for (mine, theirs) in self.brackets.iter_mut().zip(other.brackets) {
            *mine += theirs;
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitArrears {
    pub unit_id: i64,
    pub unit: String,
    pub building: String,
    /// The current owners, joined with 、.
    pub owners: String,
    pub aged: Aged,
    /// Days past due of the oldest unpaid bill.
    pub oldest_days: i64,
    /// What is owed per fee item, in the order the items first fell due.
    pub by_item: Vec<ItemOwed>,
    /// Open complaints the owner withholds fees over (以投诉为由拒缴), as
    /// "TS20261123-001 收费投诉（已指派）".
    pub complaints: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemOwed {
    pub item: String,
    pub owed: Money,
}

/// A building's or a fee item's arrears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub name: String,
    #[serde(flatten)]
    pub aged: Aged,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArrearsReport {
    pub as_of: NaiveDate,
    /// The day of a bill's first month on which it falls due.
    pub due_day: u32,
    /// Bracket names, as `Aged::brackets` are ordered.
    pub brackets: [&'static str; 5],
    /// Most owed first.
    pub units: Vec<UnitArrears>,
    pub by_building: Vec<Group>,
    pub by_item: Vec<Group>,
    pub total: Aged,
}

/// The arrears of every unit the filter lets through, aged on `as_of`.
pub fn report(conn: &Connection, as_of: NaiveDate, filter: &Filter) -> Result<ArrearsReport> {
    let building = filter.building.as_deref().map(register::rules::building_code).transpose().map_err(RegisterError::BadInput)?;
    let due_day = settings::due_day(conn)?;
    let mut units: BTreeMap<i64, UnitArrears> = BTreeMap::new();
    let mut by_item: BTreeMap<i64, Vec<(String, Aged)>> = BTreeMap::new();
    for bill in store::owing_bills(conn, as_of)? {
        if building.as_ref().is_some_and(|b| *b != bill.building) {
            continue;
        }
        let Ok(period) = Period::parse(&bill.period) else { continue };
        let days = rules::days_overdue(rules::due_date(period, due_day), as_of);
        let Some(bracket) = rules::bracket(days) else { continue };
        let unit = units.entry(bill.unit_id).or_insert_with(|| UnitArrears {
            unit_id: bill.unit_id,
            unit: bill.unit_code.clone(),
            building: bill.building.clone(),
            owners: String::new(),
            aged: Aged::default(),
            oldest_days: days,
            by_item: Vec::new(),
            complaints: Vec::new(),
        });
        unit.aged.add(bracket, bill.owing);
        unit.oldest_days = unit.oldest_days.max(days);
        let items = by_item.entry(bill.unit_id).or_default();
        match items.iter_mut().find(|(name, _)| *name == bill.item) {
            Some((_, aged)) => aged.add(bracket, bill.owing),
            None => items.push((bill.item.clone(), aged_one(bracket, bill.owing))),
        }
    }
    let mut withheld = crate::service::withholding_by_unit(conn)?;
    let mut listed: Vec<UnitArrears> = Vec::new();
    let (mut buildings, mut items, mut total) = (BTreeMap::<String, Aged>::new(), BTreeMap::<String, Aged>::new(), Aged::default());
    for (id, mut unit) in units {
        if unit.oldest_days < filter.min_days || unit.aged.total < filter.min_amount {
            continue;
        }
        total.merge(&unit.aged);
        buildings.entry(unit.building.clone()).or_default().merge(&unit.aged);
        for (item, aged) in by_item.remove(&id).unwrap_or_default() {
            items.entry(item.clone()).or_default().merge(&aged);
            unit.by_item.push(ItemOwed { owed: aged.total, item });
        }
        let found = register::store::unit_by_id(conn, id)?;
        unit.owners = found.map(|u| register::owner_names(conn, &u)).transpose()?.unwrap_or_default();
        unit.complaints = withheld.remove(&id).unwrap_or_default().iter().map(crate::service::UnitComplaint::short).collect();
        listed.push(unit);
    }
    listed.sort_by(|a, b| b.aged.total.cmp(&a.aged.total).then_with(|| a.unit.cmp(&b.unit)));
    let by_building = sort_buildings(buildings);
    let by_item = items.into_iter().map(|(name, aged)| Group { name, aged }).collect();
    Ok(ArrearsReport { as_of, due_day, brackets: BRACKETS.map(|b| b.0), units: listed, by_building, by_item, total })
}

fn aged_one(bracket: usize, amount: Money) -> Aged {
    let mut aged = Aged::default();
    aged.add(bracket, amount);
    aged
}

/// Numbered buildings in number order (2 before 10), then the others (S1, P) by name.
fn sort_buildings(buildings: BTreeMap<String, Aged>) -> Vec<Group> {
    let mut list: Vec<Group> = buildings.into_iter().map(|(name, aged)| Group { name, aged }).collect();
    list.sort_by_key(|g| rules::building_order(&g.name));
    list
}

#[cfg(test)]
mod tests;

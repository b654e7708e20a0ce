//! Late fees (违约金): a rule per fee item (a daily rate, grace days after the
//! due date, an optional cap, a start date), the late fee to date of each open
//! bill, and the late-fee bills a payment makes when it collects or a
//! supervisor waives them.
//!
//! A late fee in the ledger is a bill: `late_of` names the bill it is for, it
//! has that bill's unit and fee item, and its period is the month it was
//! assessed. Late-fee bills never accrue late fees themselves (no compounding),
//! and opening balances have no item, so no rule.

mod error;
pub mod rules;
mod store;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

use crate::arrears;
use crate::db::{Tx, settings};
use crate::error::Result;
use crate::fees::{FeesError, Period};
use crate::money::Money;
use crate::register::{Unit, rules::parse_date};
pub use error::LateFeeError;
pub use rules::Rule;

/// A rule as typed on a form or a command line: the rate as text (0.0003,
/// 0.03%, 万分之三), a blank start date meaning `today`.
pub fn read_rule(rate: &str, grace_days: i64, cap_percent: Option<i64>, from: &str, today: NaiveDate) -> Result<Rule> {
    let from = match from.trim() {
        "" => today,
        text => parse_date(text).map_err(crate::register::RegisterError::BadInput)?,
    };
    Ok(Rule {
        daily_rate: rules::parse_rate(rate)?,
        grace_days: rules::check_grace(grace_days)?,
        cap_percent: cap_percent.map(rules::check_cap).transpose()?,
        from,
    })
}

/// A fee item's rule as listed.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub item: String,
    #[serde(flatten)]
    pub rule: Rule,
    pub set_by: String,
    pub set_at: String,
}

impl From<store::RuleRow> for RuleInfo {
    fn from(r: store::RuleRow) -> Self {
        RuleInfo { item: r.item, rule: r.rule, set_by: r.set_by, set_at: r.set_at }
    }
}

fn fee_item_id(conn: &rusqlite::Connection, name: &str) -> Result<(i64, String)> {
    let item = crate::fees::store::fee_item_by_name(conn, name.trim())?.ok_or_else(|| FeesError::FeeNotFound(name.trim().into()))?;
    Ok((item.id, item.name))
}

/// Sets (or replaces) a fee item's late-fee rule. It applies to every late
/// fee worked out from now on, over the whole time a bill has been late;
/// late fees already collected stay as they were.
pub fn set_rule(tx: &mut Tx, item: &str, rule: &Rule) -> Result<RuleInfo> {
    let (id, name) = fee_item_id(tx, item)?;
    let before = store::rule_of(tx, id)?.map(|r| r.rule);
    store::upsert_rule(tx, id, rule, tx.actor(), &tx.now_text())?;
    tx.audit("late_fee.set", "fee_item", id, json!({ "item": name, "before": before, "rule": rule }))?;
    Ok(store::rule_of(tx, id)?.map(RuleInfo::from).ok_or(LateFeeError::NoRule(name))?)
}

/// Removes a fee item's rule: its bills accrue no late fee from now on.
pub fn clear_rule(tx: &mut Tx, item: &str) -> Result<()> {
    let (id, name) = fee_item_id(tx, item)?;
    let before = store::rule_of(tx, id)?.ok_or_else(|| LateFeeError::NoRule(name.clone()))?;
    store::delete_rule(tx, id)?;
    tx.audit("late_fee.clear", "fee_item", id, json!({ "item": name, "before": before.rule }))
}

pub fn list_rules(conn: &rusqlite::Connection) -> Result<Vec<RuleInfo>> {
    Ok(store::rules(conn)?.into_iter().map(RuleInfo::from).collect())
}

/// One open bill's late fee to date.
#[derive(Debug, Clone, Serialize)]
pub struct BillLateFee {
    pub bill_id: i64,
    #[serde(skip)]
    pub unit_id: i64,
    #[serde(skip)]
    pub fee_item_id: i64,
    pub item: String,
    pub period: String,
    pub due: NaiveDate,
    /// What the bill still owes at the end of the day.
    pub outstanding: Money,
    /// Days charged so far (past the grace days, something owed).
    pub days: i64,
    /// The late fee accrued over the whole time, capped, rounded once.
    pub accrued: Money,
    /// Late fees already assessed on this bill (collected or waived, or owing after a void).
    pub assessed: Money,
    /// Accrued less assessed: what is to collect now.
    pub late_fee: Money,
    pub capped: bool,
}

impl BillLateFee {
    /// How the late fee is named on a receipt: 违约金（物业服务费 2026-08）.
    pub fn line_name(&self) -> String {
        format!("违约金（{} {}）", self.item, self.period)
    }
}

/// A unit's open bills of items with a rule, oldest first, each with its late fee to date.
#[derive(Debug, Clone, Serialize)]
pub struct UnitLateFees {
    pub unit_id: i64,
    pub unit: String,
    pub as_of: NaiveDate,
    pub bills: Vec<BillLateFee>,
    pub total: Money,
}

/// Works out the late fee to date of each bill (bills of one unit, or of the whole estate).
struct Reckoner {
    rules: HashMap<i64, Rule>,
    due_day: u32,
    assessed: HashMap<i64, Money>,
    as_of: NaiveDate,
}

impl Reckoner {
    fn new(conn: &rusqlite::Connection, unit_id: Option<i64>, as_of: NaiveDate) -> Result<Reckoner> {
        let rules = store::rules(conn)?.into_iter().map(|r| (r.fee_item_id, r.rule)).collect();
        Ok(Reckoner { rules, due_day: settings::due_day(conn)?, assessed: store::assessed(conn, unit_id, as_of)?, as_of })
    }

    /// The bill's late fee given what was taken off it (`changes`); `None` for an item without a rule.
    fn figure(&self, bill: store::OpenBill, changes: &[rules::Change]) -> Result<Option<BillLateFee>> {
        let Some(rule) = self.rules.get(&bill.fee_item_id) else { return Ok(None) };
        let due = arrears::rules::due_date(Period::parse(&bill.period)?, self.due_day);
        let accrued = rules::accrue(rule, bill.amount, due, changes, self.as_of);
        let assessed = self.assessed.get(&bill.id).copied().unwrap_or(Money::ZERO);
        Ok(Some(BillLateFee {
            bill_id: bill.id,
            unit_id: bill.unit_id,
            fee_item_id: bill.fee_item_id,
            outstanding: bill.amount - changes.iter().map(|c| c.amount).sum(),
            item: bill.item,
            period: bill.period,
            due,
            days: accrued.days,
            accrued: accrued.amount,
            assessed,
            late_fee: rules::still_due(accrued.amount, assessed),
            capped: accrued.capped,
        }))
    }
}

/// The late fee to date on `as_of` of every bill of the unit that owed
/// something when that day began (one paid during the day is listed too),
/// for items with a rule.
pub fn unit_late_fees(conn: &rusqlite::Connection, unit: &Unit, as_of: NaiveDate) -> Result<UnitLateFees> {
    let reckoner = Reckoner::new(conn, Some(unit.id), as_of)?;
    let mut bills = Vec::new();
    for bill in store::open_bills_of_unit(conn, unit.id, as_of)? {
        let changes = store::changes(conn, bill.id, as_of)?;
        bills.extend(reckoner.figure(bill, &changes)?);
    }
    let total = bills.iter().map(|b| b.late_fee).sum();
    Ok(UnitLateFees { unit_id: unit.id, unit: unit.code.clone(), as_of, bills, total })
}

/// Every unit with a late fee to collect on `as_of`.
#[derive(Debug, Clone, Serialize)]
pub struct EstateLateFees {
    pub as_of: NaiveDate,
    /// In unit order; each lists only its bills with a late fee.
    pub units: Vec<UnitLateFees>,
    pub total: Money,
}

/// The late fee to date of every unit in arrears, for dunning letters and
/// the monthly workbook: the open bills are found by index, and what was paid
/// on them read in one pass.
pub fn estate_late_fees(conn: &rusqlite::Connection, as_of: NaiveDate) -> Result<EstateLateFees> {
    let reckoner = Reckoner::new(conn, None, as_of)?;
    let changes = store::changes_of_open_bills(conn, as_of)?;
    let mut units: Vec<UnitLateFees> = Vec::new();
    for bill in store::open_bills(conn, as_of)? {
        let code = bill.unit_code.clone();
        let paid = changes.get(&bill.id).map_or(&[][..], Vec::as_slice);
        let Some(fee) = reckoner.figure(bill, paid)?.filter(|f| f.late_fee.is_positive()) else { continue };
        match units.last_mut() {
            Some(u) if u.unit_id == fee.unit_id => {
                u.total += fee.late_fee;
                u.bills.push(fee);
            }
            _ => units.push(UnitLateFees { unit_id: fee.unit_id, unit: code, as_of, total: fee.late_fee, bills: vec![fee] }),
        }
    }
    let total = units.iter().map(|u| u.total).sum();
    Ok(EstateLateFees { as_of, units, total })
}

/// Late fees a supervisor waives while a payment is taken.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Waivers {
    /// Every late fee the payment meets is collected.
    #[default]
    None,
    /// Every late fee the payment meets is waived, for this reason.
    All(String),
    /// These bills' late fees are waived, each with its reason.
    Bills(Vec<(i64, String)>),
}

impl Waivers {
    pub fn is_none(&self) -> bool {
        match self {
            Waivers::None => true,
            Waivers::All(_) => false,
            Waivers::Bills(list) => list.is_empty(),
        }
    }

    /// The reason a bill's late fee is waived, if it is.
    pub fn reason_for(&self, bill_id: i64) -> Option<&str> {
        match self {
            Waivers::None => None,
            Waivers::All(reason) => Some(reason),
            Waivers::Bills(list) => list.iter().find(|(id, _)| *id == bill_id).map(|(_, r)| r.as_str()),
        }
    }

    /// Every reason must say something; every bill named must have a late fee today.
    pub fn check(&self, due: &HashMap<i64, BillLateFee>) -> Result<()> {
        let reasons: Vec<&str> = match self {
            Waivers::None => vec![],
            Waivers::All(reason) => vec![reason],
            Waivers::Bills(list) => list.iter().map(|(_, r)| r.as_str()).collect(),
        };
        if reasons.iter().any(|r| r.trim().is_empty()) {
            return Err(FeesError::ReasonRequired.into());
        }
        if let Waivers::Bills(list) = self
            && let Some((id, _)) = list.iter().find(|(id, _)| !due.contains_key(id))
        {
            return Err(LateFeeError::NothingToWaive(*id).into());
        }
        Ok(())
    }
}

/// The late fees to collect today on a unit's bills, by bill (only those with something to collect).
pub fn due_by_bill(conn: &rusqlite::Connection, unit: &Unit, today: NaiveDate) -> Result<HashMap<i64, BillLateFee>> {
    Ok(unit_late_fees(conn, unit, today)?.bills.into_iter().filter(|b| b.late_fee.is_positive()).map(|b| (b.bill_id, b)).collect())
}

/// Assesses a bill's late fee to date as a late-fee bill of its own, billed
/// in the current month; returns its id. The caller allocates or waives it.
pub fn assess(tx: &Tx, fee: &BillLateFee) -> Result<i64> {
    let period = Period::of(tx.today()).to_string();
    let bill = store::LateFeeBill { unit_id: fee.unit_id, fee_item_id: fee.fee_item_id, late_of: fee.bill_id, period: &period, amount: fee.late_fee };
    store::insert_late_fee_bill(tx, &bill, &tx.now_text())
}

#[cfg(test)]
mod tests;

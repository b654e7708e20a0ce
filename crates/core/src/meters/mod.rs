//! Water, electricity and gas meters (抄表): each unit's meters and the shared
//! ones (a building's or the estate's common lighting, lifts, pumps) with the
//! unit meters under them; monthly readings typed at the desk or imported from
//! the engineering team's sheet; the checks before billing (lower than last,
//! missing, spike, zero on an occupied unit), each confirmed with a note or
//! corrected; the split of shared usage (公摊) by area or per household; and
//! the inputs of the fee ledger's billing run (metered usage, tiered prices,
//! allocation shares). Bills themselves are made only by `fees::run_billing`.

mod error;
pub mod import;
pub mod model;
pub mod rules;
mod store;
pub mod view;


use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use rust_decimal::Decimal;
use serde_json::json;

use crate::db::{Tx, settings};
use crate::error::Result;
use crate::fees::{self, Basis, Period};
use crate::money::Money;
use crate::register::{self, Unit};
pub use error::MetersError;
pub use model::*;
use rules::{Event, Usage};

/// The estate's meter settings, defaults filled in.
#[derive(Debug, Clone, Copy)]
pub struct MeterSettings {
    pub spike_multiple: Decimal,
    pub share_basis: ShareBasis,
}

pub fn meter_settings(conn: &Connection) -> Result<MeterSettings> {
    let multiple = settings::text_or_default(conn, settings::METER_SPIKE_MULTIPLE, rules::SPIKE_MULTIPLE_DEFAULT)?;
    let basis = settings::text_or_default(conn, settings::METER_SHARE_BASIS, "area")?;
    Ok(MeterSettings {
        spike_multiple: multiple.parse().ok().filter(|m: &Decimal| *m > Decimal::ONE).unwrap_or(Decimal::from(3)),
        share_basis: ShareBasis::parse(&basis).unwrap_or(ShareBasis::Area),
    })
}

/// Whether a value of a meter setting may be stored (see `settings::validate`).
pub fn setting_valid(key: &str, value: &str) -> bool {
    match key {
        settings::METER_SPIKE_MULTIPLE => value.parse::<Decimal>().is_ok_and(|m| m > Decimal::ONE && m <= Decimal::from(100)),
        settings::METER_SHARE_BASIS => ShareBasis::parse(value).is_ok(),
        _ => false,
    }
}

pub fn setting_accepts(key: &str) -> &'static str {
    match key {
        settings::METER_SPIKE_MULTIPLE => "倍数为大于 1、不超过 100 的数，如 3 或 2.5",
        _ => "可填 area（按面积）或 household（按户）",
    }
}

fn period_of(text: &str, tx_today: chrono::NaiveDate) -> Result<Period> {
    if text.trim().is_empty() { Ok(Period::of(tx_today)) } else { Ok(Period::parse(text)?) }
}

fn digits_of(text: &str, default: u32) -> Result<u32> {
    match text.trim() {
        "" => Ok(default),
        t => t.parse().ok().filter(|d| (rules::DIGITS_MIN..=rules::DIGITS_MAX).contains(d)).ok_or_else(|| MetersError::BadDigits(t.into()).into()),
    }
}

fn reading_of(text: &str, digits: u32) -> Result<i64> {
    rules::parse_reading(text, digits).map_err(|e| MetersError::BadReading(e).into())
}

/// A fee item that metered usage or shares can be billed on.
fn quantity_item(conn: &Connection, name: &str) -> Result<fees::FeeItem> {
    let item = fees::store::fee_item_by_name(conn, name.trim())?.ok_or_else(|| MetersError::NoFeeItem(name.trim().into()))?;
    if item.basis != Basis::Quantity {
        return Err(MetersError::FeeNotQuantity(item.name).into());
    }
    Ok(item)
}

/// Puts a meter on file: a unit's (`unit` set) or a shared one (`name` set).
pub fn add_meter(tx: &mut Tx, new: &NewMeter) -> Result<Meter> {
    let kind = MeterKind::parse(&new.kind)?;
    let (unit, name) = (new.unit.trim(), new.name.trim());
    if unit.is_empty() == name.is_empty() {
        return Err(MetersError::NameOrUnit.into());
    }
    let digits = digits_of(&new.digits, rules::DIGITS_DEFAULT)?;
    let start = if new.start.trim().is_empty() { 0 } else { reading_of(&new.start, digits)? };
    let period = period_of(&new.period, tx.today())?;
    let now = tx.now_text();
    let id = if !unit.is_empty() {
        let unit = register::find_unit(tx, unit)?;
        if store::meters_of_unit(tx, unit.id)?.iter().any(|m| m.kind == kind) {
            return Err(MetersError::MeterExists(unit.code, kind.label()).into());
        }
        let parent = match new.under.trim() {
            "" => None,
            under => {
                let p = store::shared_by_name(tx, under)?.ok_or_else(|| MetersError::NotShared(under.into()))?;
                if p.kind != kind {
                    return Err(MetersError::KindMismatch { parent: p.name, parent_kind: p.kind.label(), unit: unit.code, kind: kind.label() }.into());
                }
                Some(p.id)
            }
        };
        let fee = quantity_item(tx, if new.fee.trim().is_empty() { kind.default_fee() } else { &new.fee })?;
        store::insert_meter(tx, kind, Some(unit.id), "", None, parent, digits, start, period, fee.id, new.serial.trim(), tx.actor(), &now)?
    } else {
        if store::shared_by_name(tx, name)?.is_some() {
            return Err(MetersError::NameTaken(name.into()).into());
        }
        let building = match new.building.trim().trim_end_matches(['栋', '幢', '号']) {
            "" => None,
            b => Some(b.to_string()),
        };
        let fee = quantity_item(tx, if new.fee.trim().is_empty() { kind.default_share_fee() } else { &new.fee })?;
        store::insert_meter(tx, kind, None, name, building.as_deref(), None, digits, start, period, fee.id, new.serial.trim(), tx.actor(), &now)?
    };
    let meter = store::meter_by_id(tx, id)?.ok_or_else(|| MetersError::NotFound(format!("表 {id}")))?;
    tx.audit(
        "meter.add",
        "meter",
        id,
        json!({ "meter": meter.label(), "digits": digits, "start": meter.start, "period": period, "fee": meter.fee, "under": meter.parent }),
    )?;
    Ok(meter)
}

/// Finds a meter by a unit's code (and kind, when the unit has more than one) or a shared meter's name.
pub fn find_meter(conn: &Connection, text: &str, kind: Option<MeterKind>) -> Result<Meter> {
    let t = text.trim();
    if let Some(m) = store::shared_by_name(conn, t)? {
        return Ok(m);
    }
    // Not a shared meter's name: a unit's code (a unit not on file is said so), else no such meter.
    if register::rules::parse_unit_code(t).is_err() {
        return Err(MetersError::NotFound(format!("公用表“{t}”")).into());
    }
    let unit = register::find_unit(conn, t)?;
    let meters: Vec<Meter> = store::meters_of_unit(conn, unit.id)?.into_iter().filter(|m| kind.is_none_or(|k| m.kind == k)).collect();
    match meters.len() {
        0 => Err(MetersError::NotFound(format!("{} 的{}表", unit.code, kind.map(MeterKind::label).unwrap_or(""))).into()),
        1 => Ok(meters.into_iter().next().ok_or_else(|| MetersError::NotFound(unit.code.clone()))?),
        _ => Err(MetersError::WhichKind(unit.code, meters.iter().map(|m| format!("{}表", m.kind.label())).collect::<Vec<_>>().join("、")).into()),
    }
}

pub fn meter_by_id(conn: &Connection, id: i64) -> Result<Meter> {
    store::meter_by_id(conn, id)?.ok_or_else(|| MetersError::NotFound(format!("编号为 {id} 的表")).into())
}

pub fn meters(conn: &Connection) -> Result<Vec<Meter>> {
    store::all_meters(conn)
}

/// The register digits in force at the end of `period` (a replacement may change them).
fn digits_at(meter: &Meter, events: &[Event]) -> u32 {
    let mut swaps: Vec<(Period, u32)> = events.iter().filter_map(|e| if let Event::Swap { period, digits, .. } = e { Some((*period, *digits)) } else { None }).collect();
    swaps.sort();
    swaps.last().map(|s| s.1).unwrap_or(meter.digits)
}

fn check_start(meter: &Meter, period: Period) -> Result<()> {
    if period.to_string() < meter.start_period {
        return Err(MetersError::BeforeStart { meter: meter.label(), start: meter.start_period.clone(), period: period.to_string() }.into());
    }
    Ok(())
}

/// Refuses a change to a month already billed from this meter.
fn not_billed(conn: &Connection, meter: &Meter, period: Period) -> Result<()> {
    let billed = match meter.unit_id {
        Some(unit) => store::billed(conn, meter.fee_item_id, period, &[unit])?,
        None => match store::allocation(conn, meter.id, period)? {
            Some(a) => store::billed(conn, a.fee_item_id, period, &store::shares(conn, a.id)?.iter().map(|s| s.0).collect::<Vec<_>>())?,
            None => false,
        },
    };
    if billed {
        return Err(MetersError::Billed { meter: meter.label(), period: period.to_string() }.into());
    }
    Ok(())
}

/// Records the month's reading. A month already read is refused (see `correct`).
/// Returns the meter's line of the reading list, anomalies marked.
pub fn read(tx: &mut Tx, meter: &Meter, period: Period, value: &str) -> Result<ReadingLine> {
    check_start(meter, period)?;
    let events = store::meter_events(tx, meter.id, period)?;
    let value = reading_of(value, digits_at(meter, &events))?;
    if let Some(v) = store::reading(tx, meter.id, period)? {
        return Err(MetersError::AlreadyRead { meter: meter.label(), period: period.to_string(), value: rules::show(v) }.into());
    }
    store::insert_reading(tx, meter.id, period, value, "desk", tx.actor(), &tx.now_text())?;
    tx.audit("meter.read", "meter", meter.id, json!({ "meter": meter.label(), "period": period, "value": rules::show(value) }))?;
    line(tx, meter, period)
}

/// Corrects a month's reading, with the reason. Confirmations given for the
/// old value no longer hold; an allocation made from it must be made again.
pub fn correct(tx: &mut Tx, meter: &Meter, period: Period, value: &str, reason: &str) -> Result<ReadingLine> {
    if reason.trim().is_empty() {
        return Err(MetersError::ReasonRequired.into());
    }
    let events = store::meter_events(tx, meter.id, period)?;
    let value = reading_of(value, digits_at(meter, &events))?;
    let before = store::reading(tx, meter.id, period)?.ok_or_else(|| MetersError::NothingToCorrect { meter: meter.label(), period: period.to_string() })?;
    not_billed(tx, meter, period)?;
    if let Some(parent) = meter.parent_id
        && let Some(parent) = store::meter_by_id(tx, parent)?
    {
        not_billed(tx, &parent, period)?;
    }
    store::correct_reading(tx, meter.id, period, value, tx.actor(), &tx.now_text())?;
    tx.audit(
        "meter.correct",
        "meter",
        meter.id,
        json!({ "meter": meter.label(), "period": period, "before": rules::show(before), "after": rules::show(value), "reason": reason.trim() }),
    )?;
    line(tx, meter, period)
}

/// Replaces a meter in one step: the old register's final reading and the new
/// register's start reading (and digits, serial). The month's usage is then
/// (old final − last reading) + (new reading − new start).
pub fn replace(tx: &mut Tx, meter: &Meter, swap: &NewSwap) -> Result<Meter> {
    let period = period_of(&swap.period, tx.today())?;
    check_start(meter, period)?;
    if store::swap_exists(tx, meter.id, period)? {
        return Err(MetersError::AlreadySwapped { meter: meter.label(), period: period.to_string() }.into());
    }
    let mut events = store::meter_events(tx, meter.id, period.plus(-1))?;
    let old_digits = digits_at(meter, &events);
    let old_final = reading_of(&swap.old_final, old_digits)?;
    let digits = digits_of(&swap.digits, old_digits)?;
    let new_start = if swap.new_start.trim().is_empty() { 0 } else { reading_of(&swap.new_start, digits)? };
    let last = rules::usages(meter.start_value, meter.digits, &mut events).last().map(|u| u.value).unwrap_or(meter.start_value);
    if old_final < last {
        return Err(MetersError::FinalBelowLast { final_value: rules::show(old_final), last: rules::show(last) }.into());
    }
    store::insert_swap(tx, meter, period, old_final, new_start, digits, swap.serial.trim(), swap.note.trim(), tx.actor(), &tx.now_text())?;
    tx.audit(
        "meter.replace",
        "meter",
        meter.id,
        json!({ "meter": meter.label(), "period": period, "old_final": rules::show(old_final), "new_start": rules::show(new_start),
                "digits": digits, "old_serial": meter.serial, "new_serial": swap.serial.trim(), "note": swap.note.trim() }),
    )?;
    store::meter_by_id(tx, meter.id)?.ok_or_else(|| MetersError::NotFound(meter.label()).into())
}

/// Everything the month's list, check, allocation and billing need, read once.
struct Month {
    period: Period,
    meters: Vec<Meter>,
    usages: HashMap<i64, Vec<Usage>>,
    occupied: HashSet<i64>,
    confirmations: store::Confirmations,
    settings: MeterSettings,
    /// Register digits of meters replaced since put on file.
    digits: HashMap<i64, u32>,
}

impl Month {
    fn load(conn: &Connection, period: Period) -> Result<Month> {
        let meters: Vec<Meter> = store::all_meters(conn)?.into_iter().filter(|m| m.start_period <= period.to_string()).collect();
        let mut events = store::events_upto(conn, period)?;
        let usages = meters
            .iter()
            .map(|m| (m.id, rules::usages(m.start_value, m.digits, events.get_mut(&m.id).map(Vec::as_mut_slice).unwrap_or(&mut []))))
            .collect();
        Ok(Month {
            period,
            meters,
            usages,
            occupied: store::occupied_units(conn)?,
            confirmations: store::confirmations(conn, period)?,
            settings: meter_settings(conn)?,
            digits: store::current_digits(conn)?,
        })
    }

    /// The month of one meter only: what a reading typed at the grid needs back, at once.
    fn load_one(conn: &Connection, period: Period, meter: &Meter) -> Result<Month> {
        let mut events = store::meter_events(conn, meter.id, period)?;
        let usages = HashMap::from([(meter.id, rules::usages(meter.start_value, meter.digits, &mut events))]);
        Ok(Month {
            period,
            meters: vec![meter.clone()],
            usages,
            occupied: store::occupied_units(conn)?,
            confirmations: store::confirmations(conn, period)?,
            settings: meter_settings(conn)?,
            digits: store::current_digits(conn)?,
        })
    }

    fn current(&self, meter_id: i64) -> Option<&Usage> {
        self.usages.get(&meter_id).and_then(|u| u.iter().rev().find(|u| u.period == self.period))
    }

    /// The meter's line: its reading, usage and every anomaly (confirmed or not).
    fn line(&self, m: &Meter) -> ReadingLine {
        let history = self.usages.get(&m.id).map(Vec::as_slice).unwrap_or(&[]);
        let current = self.current(m.id);
        let average = rules::average_before(history, self.period);
        let occupied = m.unit_id.is_some_and(|u| self.occupied.contains(&u));
        let last = match current {
            Some(c) => Some(c.last),
            None => history.iter().rev().find(|u| u.period < self.period).map(|u| u.value).or(Some(m.start_value)),
        };
        let anomalies = rules::anomalies(current, average, self.settings.spike_multiple, occupied)
            .into_iter()
            .map(|kind| {
                let message = match kind {
                    AnomalyKind::Missing => format!("{} 没有读数", self.period),
                    AnomalyKind::Lower => format!(
                        "读数 {} 小于上次 {}（不是表盘翻转，也没有登记换表）",
                        current.map(|c| rules::show(c.value)).unwrap_or_default(),
                        rules::show(last.unwrap_or(0))
                    ),
                    AnomalyKind::Spike => format!(
                        "用量 {} 超过近 12 个月平均 {} 的 {} 倍",
                        current.and_then(|c| c.usage).map(rules::show).unwrap_or_default(),
                        average.map(|a| rules::show(a.round().try_into().unwrap_or(0))).unwrap_or_default(),
                        self.settings.spike_multiple.normalize()
                    ),
                    AnomalyKind::ZeroOccupied => "用量为 0，但该户有人登记居住".to_string(),
                };
                let confirmed = self.confirmations.get(&(m.id, kind)).filter(|(v, u, _)| *v == current.map(|c| c.value) && *u == current.and_then(|c| c.usage)).map(|c| c.2.clone());
                Anomaly { kind, label: kind.label(), meter_id: m.id, meter: m.label(), unit: m.unit.clone(), period: self.period.to_string(), message, confirmed }
            })
            .collect();
        ReadingLine {
            meter_id: m.id,
            meter: m.label(),
            kind: m.kind,
            unit: m.unit.clone(),
            name: m.name.clone(),
            period: self.period.to_string(),
            last: last.map(rules::show).unwrap_or_default(),
            value: current.map(|c| rules::show(c.value)),
            usage: current.and_then(|c| c.usage).map(rules::show),
            rollover: current.is_some_and(|c| c.rollover),
            swapped: current.and_then(|c| c.swapped).map(rules::show),
            average: average.map(|a| rules::show(a.round().try_into().unwrap_or(0))),
            spike_above: average.map(|a| rules::show((a * self.settings.spike_multiple).round().try_into().unwrap_or(0))),
            digits: self.digits.get(&m.id).copied().unwrap_or(m.digits),
            occupied,
            anomalies,
        }
    }

    fn lines(&self) -> Vec<ReadingLine> {
        self.meters.iter().map(|m| self.line(m)).collect()
    }
}

fn line(conn: &Connection, meter: &Meter, period: Period) -> Result<ReadingLine> {
    let month = Month::load_one(conn, period, meter)?;
    Ok(month.line(meter))
}

/// The month's reading list (抄表清单): every meter, shared ones first.
pub fn reading_list(conn: &Connection, period: Period) -> Result<Vec<ReadingLine>> {
    Ok(Month::load(conn, period)?.lines())
}

/// The check before billing: every anomaly of the month, confirmed or not.
pub fn check(conn: &Connection, period: Period) -> Result<CheckReport> {
    let month = Month::load(conn, period)?;
    let lines = month.lines();
    let readings = lines.iter().filter(|l| l.value.is_some()).count();
    let anomalies: Vec<Anomaly> = lines.into_iter().flat_map(|l| l.anomalies).collect();
    let unconfirmed = anomalies.iter().filter(|a| a.confirmed.is_none()).count();
    Ok(CheckReport { period: period.to_string(), meters: month.meters.len(), readings, anomalies, unconfirmed })
}

/// The clerk's confirmation of one anomaly, with a note saying why it is right.
pub fn confirm(tx: &mut Tx, meter: &Meter, period: Period, kind: AnomalyKind, note: &str) -> Result<Anomaly> {
    if note.trim().is_empty() {
        return Err(MetersError::NoteRequired.into());
    }
    check_start(meter, period)?;
    let month = Month::load_one(tx, period, meter)?;
    let line = Some(month.line(meter));
    let Some(found) = line.as_ref().and_then(|l| l.anomalies.iter().find(|a| a.kind == kind)) else {
        return Err(MetersError::NoSuchAnomaly { meter: meter.label(), period: period.to_string(), kind: kind.label().into() }.into());
    };
    let current = month.current(meter.id);
    store::confirm(tx, meter.id, period, kind, current.map(|c| c.value), current.and_then(|c| c.usage), note.trim(), tx.actor(), &tx.now_text())?;
    tx.audit("meter.confirm", "meter", meter.id, json!({ "meter": meter.label(), "period": period, "anomaly": kind.code(), "message": found.message, "note": note.trim() }))?;
    let confirmed = Confirmation { note: note.trim().into(), by: tx.actor().into(), at: tx.now_text() };
    Ok(Anomaly { confirmed: Some(confirmed), ..found.clone() })
}

/// Sets the tiered prices of a metered fee item ("50:2.70,80:3.55,:4.80"); an empty text removes them.
pub fn set_tiers(tx: &mut Tx, fee_name: &str, text: &str) -> Result<Vec<Tier>> {
    let item = quantity_item(tx, fee_name)?;
    let tiers = if text.trim().is_empty() { Vec::new() } else { rules::parse_tiers(text).map_err(MetersError::BadTiers)? };
    let before = store::tiers(tx)?.remove(&item.id).map(|t| rules::tiers_text(&t));
    store::set_tiers(tx, item.id, &tiers)?;
    tx.audit("meter.tiers", "fee_item", item.id, json!({ "fee": item.name, "before": before, "tiers": rules::tiers_text(&tiers) }))?;
    Ok(tiers)
}

/// One metered fee item's tiers (empty: its single price applies).
pub fn tiers_of(conn: &Connection, fee_name: &str) -> Result<Vec<Tier>> {
    let item = quantity_item(conn, fee_name)?;
    Ok(store::tiers(conn)?.remove(&item.id).unwrap_or_default())
}

/// Every metered fee item's tiers, by item name.
pub fn all_tiers(conn: &Connection) -> Result<Vec<(String, Vec<Tier>)>> {
    let tiers = store::tiers(conn)?;
    Ok(fees::store::fee_items(conn)?.into_iter().filter_map(|i| tiers.get(&i.id).map(|t| (i.name.clone(), t.clone()))).collect())
}

fn refuse_unconfirmed(period: Period, anomalies: &[&Anomaly]) -> Result<()> {
    if anomalies.is_empty() {
        return Ok(());
    }
    let mut names: Vec<String> = anomalies.iter().map(|a| a.unit.clone().unwrap_or_else(|| a.meter.clone())).collect();
    names.dedup();
    let shown = if names.len() > 20 { format!("{} 等 {} 户", names[..20].join("、"), names.len()) } else { names.join("、") };
    Err(MetersError::Unconfirmed { period: period.to_string(), count: anomalies.len(), units: shown }.into())
}

/// Splits a shared meter's month over its units (the unit meters under it, or
/// else every unit of its building or the estate), by area or per household,
/// to the fen. A second allocation of the same meter and month replaces the
/// first, until either is billed.
pub fn allocate(tx: &mut Tx, meter: &Meter, period: Period, basis: Option<ShareBasis>) -> Result<Allocation> {
    if !meter.is_shared() {
        return Err(MetersError::NotShared(meter.label()).into());
    }
    let month = Month::load(tx, period)?;
    let basis = basis.unwrap_or(month.settings.share_basis);
    let children: Vec<&Meter> = month.meters.iter().filter(|m| m.parent_id == Some(meter.id)).collect();
    let lines: Vec<ReadingLine> = std::iter::once(meter).chain(children.iter().copied()).map(|m| month.line(m)).collect();
    let no_usage = || MetersError::NoUsage { meter: meter.name.clone(), period: period.to_string() };
    if month.current(meter.id).is_none() {
        return Err(no_usage().into());
    }
    let open: Vec<&Anomaly> = lines.iter().flat_map(|l| &l.anomalies).filter(|a| a.confirmed.is_none()).collect();
    refuse_unconfirmed(period, &open)?;
    let meter_usage = month.current(meter.id).and_then(|c| c.usage).ok_or_else(no_usage)?;
    let units_usage: i64 = children.iter().filter_map(|c| month.current(c.id).and_then(|u| u.usage)).sum();
    let shared = meter_usage - units_usage;
    if shared < 0 {
        return Err(MetersError::NegativeShare { meter: meter.name.clone(), period: period.to_string(), usage: rules::show(meter_usage), units: rules::show(units_usage) }.into());
    }
    let all_units = register::store::all_units(tx)?;
    let child_units: HashSet<i64> = children.iter().filter_map(|c| c.unit_id).collect();
    let prefix = meter.building.as_ref().map(|b| format!("{b}-"));
    let units: Vec<&Unit> = all_units
        .iter()
        .filter(|u| if children.is_empty() { prefix.as_ref().is_none_or(|p| u.code.starts_with(p.as_str())) } else { child_units.contains(&u.id) })
        .filter(|u| u.handover.is_none_or(|d| d <= period.last_day()))
        .collect();
    if units.is_empty() {
        return Err(MetersError::NoUnits(meter.name.clone()).into());
    }
    let weights: Vec<Decimal> = match basis {
        ShareBasis::Household => vec![Decimal::ONE; units.len()],
        ShareBasis::Area => {
            let missing: Vec<&str> = units.iter().filter(|u| u.area.is_none()).map(|u| u.code.as_str()).collect();
            if !missing.is_empty() {
                return Err(MetersError::NoArea(missing.join("、")).into());
            }
            units.iter().map(|u| u.area.map(|a| a.to_decimal()).unwrap_or_default()).collect()
        }
    };
    let item = fees::store::fee_item_by_name(tx, &meter.fee)?.ok_or_else(|| MetersError::NoFeeItem(meter.fee.clone()))?;
    let price = item.prices.iter().find(|p| p.unit_type.is_none()).map(|p| p.price).ok_or_else(|| MetersError::NoPrice(item.name.clone()))?;
    let total = Money::round_yuan(rules::to_decimal(shared) * price).map_err(|e| MetersError::BadReading(e.to_string()))?;
    let amounts = rules::split(total, &weights);

    let replaced = match store::allocation(tx, meter.id, period)? {
        Some(old) => {
            not_billed(tx, meter, period)?;
            store::delete_allocation(tx, old.id)?;
            true
        }
        None => false,
    };
    let now = tx.now_text();
    let price_text = fees::price_text(price);
    let id = store::insert_allocation(tx, meter.id, period, basis.code(), meter_usage, units_usage, &price_text, total.fen(), item.id, tx.actor(), &now)?;
    let mut shares = Vec::with_capacity(units.len());
    for (seq, ((unit, weight), amount)) in units.iter().zip(&weights).zip(&amounts).enumerate() {
        let weight = weight.normalize().to_string();
        store::insert_share(tx, id, unit.id, seq, &weight, amount.fen())?;
        shares.push(Share { unit: unit.code.clone(), weight, amount: *amount });
    }
    tx.audit(
        "meter.allocate",
        "meter",
        meter.id,
        json!({ "meter": meter.name, "period": period, "basis": basis.code(), "shared_usage": rules::show(shared), "price": price_text,
                "total": total, "units": shares.len(), "replaced": replaced }),
    )?;
    Ok(Allocation {
        id,
        meter: meter.name.clone(),
        period: period.to_string(),
        basis,
        meter_usage: rules::show(meter_usage),
        units_usage: rules::show(units_usage),
        shared_usage: rules::show(shared),
        price: price_text,
        total,
        fee: item.name,
        shares,
        replaced,
    })
}

/// The month's allocations (公摊分摊表), by shared meter name.
pub fn allocations(conn: &Connection, period: Period) -> Result<Vec<Allocation>> {
    let names: HashMap<i64, String> = fees::store::fee_items(conn)?.into_iter().map(|i| (i.id, i.name)).collect();
    let mut out = Vec::new();
    for a in store::allocations_of(conn, period)? {
        let meter = store::meter_by_id(conn, a.meter_id)?.map(|m| m.name).unwrap_or_default();
        let shares = store::shares(conn, a.id)?.into_iter().map(|(_, unit, weight, amount)| Share { unit, weight, amount: Money(amount) }).collect();
        out.push(Allocation {
            id: a.id,
            meter,
            period: a.period,
            basis: ShareBasis::parse(&a.basis).unwrap_or(ShareBasis::Area),
            meter_usage: rules::show(a.meter_usage),
            units_usage: rules::show(a.units_usage),
            shared_usage: rules::show(a.meter_usage - a.units_usage),
            price: a.price,
            total: Money(a.total),
            fee: names.get(&a.fee_item_id).cloned().unwrap_or_default(),
            shares,
            replaced: false,
        });
    }
    Ok(out)
}

/// What the billing run takes from the meters for a range of months.
#[derive(Debug, Default)]
pub struct BillingInputs {
    /// Metered usage: (unit, fee item, month) → quantity.
    pub quantities: HashMap<(i64, i64, Period), Decimal>,
    /// Allocation shares: (unit, fee item, month) → amount.
    pub shares: HashMap<(i64, i64, Period), Money>,
    /// Tiered prices by fee item.
    pub tiers: HashMap<i64, Vec<Tier>>,
}

/// The billing run's inputs from the meters, or the refusal naming the units
/// whose anomalies are not confirmed (or whose 公摊 must be allocated again
/// after a corrected reading). Months with no reading at all are left alone.
pub fn billing_inputs(conn: &Connection, from: Period, to: Period) -> Result<BillingInputs> {
    let mut out = BillingInputs::default();
    if !store::any_meter(conn)? {
        return Ok(out);
    }
    out.tiers = store::tiers(conn)?;
    for period in store::periods_read(conn, from, to)? {
        let month = Month::load(conn, period)?;
        let lines = month.lines();
        let open: Vec<&Anomaly> = lines.iter().flat_map(|l| &l.anomalies).filter(|a| a.confirmed.is_none()).collect();
        refuse_unconfirmed(period, &open)?;
        for m in &month.meters {
            if let (Some(unit), Some(usage)) = (m.unit_id, month.current(m.id).and_then(|c| c.usage)) {
                out.quantities.insert((unit, m.fee_item_id, period), rules::to_decimal(usage));
            }
        }
        // An allocation made before a reading under it was corrected is out of date.
        for a in store::allocations_of(conn, period)? {
            let children: i64 = month.meters.iter().filter(|c| c.parent_id == Some(a.meter_id)).filter_map(|c| month.current(c.id).and_then(|u| u.usage)).sum();
            let now = month.current(a.meter_id).and_then(|c| c.usage);
            if now != Some(a.meter_usage) || children != a.units_usage {
                let name = month.meters.iter().find(|m| m.id == a.meter_id).map(|m| m.name.clone()).unwrap_or_default();
                return Err(MetersError::StaleAllocation { meter: name, period: period.to_string() }.into());
            }
        }
    }
    out.shares = store::share_amounts(conn, from, to)?.into_iter().map(|(k, v)| (k, Money(v))).collect();
    Ok(out)
}

#[cfg(test)]
mod tests;

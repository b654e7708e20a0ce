//! What a billing run bills, decided once for both the preview and the run:
//! the lines a range calls for (`Plan::each_line`) and their tally.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{Connection, params};
use rust_decimal::Decimal;

use super::{Basis, BillingReport, FeeItem, FeesError, ItemTotal, Period, UnitTotal, store};
use crate::error::Result;
use crate::money::Money;
use crate::register::{self, Unit};

/// Longest range one run may bill, as a guard against a mistyped year.
const MAX_MONTHS: i32 = 120;

/// Units between two progress reports: often enough for a smooth bar, rarely enough to cost nothing.
pub(super) const PROGRESS_EVERY: usize = 50;

/// One bill line the range calls for, before it is written.
pub(super) struct Line {
    pub period: Period,
    pub period_end: Period,
    /// The price as the bill shows it: "2.70", "阶梯" for tiered prices, "公摊" for a share.
    pub price_text: String,
    pub quantity_text: String,
    pub amount: Money,
}

/// A line the range calls for, as the plan sees it before the ledger has its say.
pub(super) enum Planned {
    Bill(Line),
    /// The unit lacks what the item needs (an area, a recorded quantity).
    MissingData,
    /// A one-off item billed to the unit before this range (reported once per run).
    OnceBefore,
}

/// What became of a line: billed now, billed before (left alone), or not billable for want of data.
pub(super) enum Outcome {
    New(Money),
    Existing,
    MissingData,
}

/// Everything a run reads before billing.
pub(super) struct Plan {
    pub from: Period,
    pub to: Period,
    items: Vec<FeeItem>,
    pub units: Vec<Unit>,
    overrides: HashMap<(i64, i64), Decimal>,
    quantities: HashMap<(i64, i64, Period), Decimal>,
    once_billed: HashSet<(i64, i64)>,
    /// Metered usage, tiered prices and 公摊 shares from the meters part.
    metered: crate::meters::BillingInputs,
}

impl Plan {
    pub fn load(conn: &Connection, from: Period, to: Period) -> Result<Plan> {
        if from > to {
            return Err(FeesError::PeriodRange { from: from.to_string(), to: to.to_string() }.into());
        }
        if to.index() - from.index() >= MAX_MONTHS {
            return Err(FeesError::PeriodTooLong { from: from.to_string(), to: to.to_string() }.into());
        }
        // Refuses while a month's meter anomalies are not confirmed (naming the units).
        let metered = crate::meters::billing_inputs(conn, from, to)?;
        let mut quantities = load_quantities(conn, from, to)?;
        for (key, usage) in &metered.quantities {
            // A quantity recorded by hand for the same unit, item and month wins.
            quantities.entry(*key).or_insert(*usage);
        }
        Ok(Plan {
            from,
            to,
            items: store::fee_items(conn)?,
            units: register::store::all_units(conn)?,
            overrides: load_overrides(conn)?,
            quantities,
            once_billed: load_once_billed(conn)?,
            metered,
        })
    }

    /// How many steps `each_line` reports progress in.
    pub fn steps(&self) -> usize {
        self.units.len() * self.from.through(self.to).count()
    }

    /// Calls `visit` for every line the range calls for, unit by unit within
    /// each period (items in their order). `progress(done)` follows the units.
    pub fn each_line<'p>(
        &'p mut self,
        progress: &mut dyn FnMut(usize),
        mut visit: impl FnMut(&'p Unit, &'p FeeItem, Planned) -> Result<()>,
    ) -> Result<()> {
        let Plan { from, to, items, units, overrides, quantities, once_billed, metered } = self;
        // Items and units are only read: lend them for as long as the lines that name them.
        let (items, units): (&'p [FeeItem], &'p [Unit]) = (items, units);
        let mut done = 0;
        let mut once_reported = HashSet::new();
        for period in from.through(*to) {
            // A cycle of n months bills in the months that start a cycle (Jan, Apr, … for 3).
            let due: Vec<&FeeItem> =
                items.iter().filter(|i| i.basis == Basis::Once || (period.month as i32 - 1) % i.cycle_months as i32 == 0).collect();
            for unit in units.iter() {
                done += 1;
                if done % PROGRESS_EVERY == 0 {
                    progress(done);
                }
                if unit.handover.is_some_and(|d| d > period.last_day()) {
                    continue;
                }
                for &item in &due {
                    let key = (unit.id, item.id);
                    if item.basis == Basis::Once && once_billed.contains(&key) {
                        if once_reported.insert(key) {
                            visit(unit, item, Planned::OnceBefore)?;
                        }
                        continue;
                    }
                    let Some(price) = overrides.get(&key).copied().or_else(|| item.price_for(unit.unit_type.label())) else {
                        continue;
                    };
                    let line = match metered.shares.get(&(unit.id, item.id, period)) {
                        // A 公摊 share is billed as allocated: the amount is already rounded and adds up.
                        Some(&amount) if item.basis == Basis::Quantity => {
                            Some(Line { period, period_end: period, price_text: "公摊".into(), quantity_text: "按分摊表".into(), amount })
                        }
                        _ => {
                            // Tiered prices apply unless the unit has a price of its own.
                            let tiers = metered.tiers.get(&item.id).filter(|_| !overrides.contains_key(&key));
                            line_for(item, unit, period, price, quantities.get(&(unit.id, item.id, period)), tiers)?
                        }
                    };
                    if line.as_ref().is_some_and(|l| !l.amount.is_positive()) {
                        continue;
                    }
                    match line {
                        Some(line) => {
                            if item.basis == Basis::Once {
                                // Billed now: not again in a later month of the range, nor reported as billed before.
                                once_billed.insert(key);
                                once_reported.insert(key);
                            }
                            visit(unit, item, Planned::Bill(line))?;
                        }
                        None => visit(unit, item, Planned::MissingData)?,
                    }
                }
            }
        }
        progress(done);
        Ok(())
    }
}

/// The bill line of one unit, item and period, or `None` when the unit lacks what the item needs.
fn line_for(item: &FeeItem, unit: &Unit, period: Period, price: Decimal, quantity: Option<&Decimal>, tiers: Option<&Vec<crate::meters::Tier>>) -> Result<Option<Line>> {
    let months = if item.basis == Basis::Once { 1 } else { item.cycle_months as i32 };
    let months_dec = Decimal::from(months);
    let per_months = |text: String| if months > 1 { format!("{text}×{months}月") } else { text };
    let (quantity, quantity_text) = match item.basis {
        Basis::Area => match unit.area {
            Some(area) => (area.to_decimal() * months_dec, per_months(format!("{area}㎡"))),
            None => return Ok(None),
        },
        Basis::Unit => (months_dec, per_months("1户".into())),
        Basis::Quantity => match quantity {
            Some(q) => (*q, q.normalize().to_string()),
            None => return Ok(None),
        },
        Basis::Once => (Decimal::ONE, "1".into()),
    };
    let (amount, price_text) = match tiers.filter(|t| item.basis == Basis::Quantity && !t.is_empty()) {
        // Each tier's price on the part of the usage inside it, rounded once for the bill.
        Some(t) => (crate::meters::rules::tiered_amount(quantity, t).map_err(|_| FeesError::AmountTooLarge(Money::ZERO))?, "阶梯".to_string()),
        None => (Money::round_yuan(price * quantity).map_err(|_| FeesError::AmountTooLarge(Money::ZERO))?, super::price_text(price)),
    };
    Ok(Some(Line { period, period_end: period.plus(months - 1), price_text, quantity_text, amount }))
}

/// Counts outcomes by item and by unit; the preview and the run keep the same books.
#[derive(Default)]
pub(super) struct Tally {
    report: BillingReport,
    items: BTreeMap<i64, ItemTotal>,
    units: BTreeMap<i64, UnitTotal>,
}

impl Tally {
    pub fn record(&mut self, unit: &Unit, item: &FeeItem, outcome: Outcome) {
        let by_item = self.items.entry(item.id).or_insert_with(|| ItemTotal { item: item.name.clone(), basis: item.basis, ..ItemTotal::default() });
        let by_unit = self.units.entry(unit.id).or_insert_with(|| UnitTotal {
            unit: unit.code.clone(),
            unit_type: unit.unit_type.label().to_string(),
            ..UnitTotal::default()
        });
        match outcome {
            Outcome::New(amount) => {
                self.report.bills += 1;
                self.report.total += amount;
                by_item.bills += 1;
                by_item.total += amount;
                by_unit.bills += 1;
                by_unit.total += amount;
            }
            Outcome::Existing => {
                self.report.skipped_existing += 1;
                by_item.skipped_existing += 1;
                by_unit.skipped_existing += 1;
            }
            Outcome::MissingData => {
                self.report.not_billed_missing_data += 1;
                by_item.not_billed_missing_data += 1;
                by_unit.not_billed_missing_data += 1;
            }
        }
    }

    /// New money billed to each unit, by unit id.
    pub fn new_by_unit(&self) -> HashMap<i64, Money> {
        self.units.iter().map(|(id, u)| (*id, u.total)).collect()
    }

    /// The report, and the units that had any line, in register order.
    pub fn finish(self, units_total: usize, prepaid_applied: Money) -> (BillingReport, Vec<UnitTotal>) {
        let units: Vec<UnitTotal> = self.units.into_values().collect();
        let report = BillingReport {
            units_total,
            units_billed: units.iter().filter(|u| u.bills > 0).count(),
            units_already_billed: units.iter().filter(|u| u.bills == 0 && u.skipped_existing > 0).count(),
            items: self.items.into_values().collect(),
            prepaid_applied,
            ..self.report
        };
        (report, units)
    }
}

fn load_overrides(conn: &Connection) -> Result<HashMap<(i64, i64), Decimal>> {
    let mut stmt = conn.prepare("SELECT unit_id, fee_item_id, price FROM unit_fee_overrides")?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get::<_, String>(2)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (key, price) = row?;
        if let Ok(p) = price.parse() {
            out.insert(key, p);
        }
    }
    Ok(out)
}

fn load_quantities(conn: &Connection, from: Period, to: Period) -> Result<HashMap<(i64, i64, Period), Decimal>> {
    let mut stmt = conn.prepare("SELECT unit_id, fee_item_id, period, quantity FROM fee_quantities WHERE period BETWEEN ?1 AND ?2")?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (unit, item, period, quantity) = row?;
        if let (Ok(p), Ok(q)) = (Period::parse(&period), quantity.parse()) {
            out.insert((unit, item, p), q);
        }
    }
    Ok(out)
}

fn load_once_billed(conn: &Connection) -> Result<HashSet<(i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT b.unit_id, b.fee_item_id FROM bills b JOIN fee_items f ON f.id = b.fee_item_id WHERE f.basis = 'once' AND b.late_of IS NULL",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

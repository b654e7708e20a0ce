//! The billing run: every eligible unit billed once per item and period.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::params;
use rust_decimal::Decimal;
use serde_json::json;

use super::{Basis, BillingReport, FeeItem, FeesError, Period, price_text, store};
use crate::db::Tx;
use crate::error::Result;
use crate::money::Money;
use crate::register::{self, Unit};

/// Longest range one run may bill, as a guard against a mistyped year.
const MAX_MONTHS: i32 = 120;

/// What one bill line is, before it is written.
struct Line {
    price: Decimal,
    quantity: Decimal,
    quantity_text: String,
}

/// Bills every eligible unit for every fee item and month from `from` to `to`.
/// A bill that exists already is not made again, so a run can be repeated safely.
/// Afterwards, prepayment held by a unit is applied to its unpaid bills.
pub fn run_billing(tx: &mut Tx, from: Period, to: Period) -> Result<BillingReport> {
    if from > to {
        return Err(FeesError::PeriodRange { from: from.to_string(), to: to.to_string() }.into());
    }
    if to.index() - from.index() >= MAX_MONTHS {
        return Err(FeesError::PeriodTooLong { from: from.to_string(), to: to.to_string() }.into());
    }
    let items = store::fee_items(tx)?;
    let units = register::store::all_units(tx)?;
    let overrides = load_overrides(tx)?;
    let quantities = load_quantities(tx, from, to)?;
    let mut once_billed = load_once_billed(tx)?;
    let now = tx.now_text();
    tx.execute(
        "INSERT INTO billing_runs (period_from, period_to, operator, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![from.to_string(), to.to_string(), tx.actor(), now],
    )?;
    let run_id = tx.last_insert_rowid();
    let mut report = BillingReport { bills: 0, total: Money::ZERO, skipped_existing: 0, not_billed_missing_data: 0, prepaid_applied: Money::ZERO };
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO bills (unit_id, kind, fee_item_id, period, period_end, price, quantity, amount, run_id, created_at)
             VALUES (?1, 'charge', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
        )?;
        for period in from.through(to) {
            for item in &items {
                let months = item.cycle_months as i32;
                // A cycle of n months bills in the months that start a cycle (Jan, Apr, … for 3).
                if item.basis != Basis::Once && (period.month as i32 - 1) % months != 0 {
                    continue;
                }
                let period_end = if item.basis == Basis::Once { period } else { period.plus(months - 1) };
                for unit in &units {
                    if unit.handover.is_some_and(|d| d > period.last_day()) {
                        continue;
                    }
                    let key = (unit.id, item.id);
                    if item.basis == Basis::Once && once_billed.contains(&key) {
                        continue;
                    }
                    let Some(price) = overrides.get(&key).copied().or_else(|| item.price_for(unit.unit_type.label())) else {
                        continue;
                    };
                    let Some(line) = line_for(item, unit, price, months, quantities.get(&(unit.id, item.id, period))) else {
                        report.not_billed_missing_data += 1;
                        continue;
                    };
                    let amount = Money::round_yuan(line.price * line.quantity).map_err(|_| FeesError::AmountTooLarge(Money::ZERO))?;
                    if !amount.is_positive() {
                        continue;
                    }
                    let written = insert.execute(params![
                        unit.id,
                        item.id,
                        period.to_string(),
                        period_end.to_string(),
                        price_text(line.price),
                        line.quantity_text,
                        amount.fen(),
                        run_id,
                        now
                    ])?;
                    if written == 1 {
                        report.bills += 1;
                        report.total += amount;
                        if item.basis == Basis::Once {
                            once_billed.insert(key);
                        }
                    } else {
                        report.skipped_existing += 1;
                    }
                }
            }
        }
    }
    report.prepaid_applied = apply_prepayments(tx, run_id)?;
    tx.audit(
        "billing.run",
        "billing_run",
        run_id,
        json!({ "from": from, "to": to, "bills": report.bills, "total": report.total,
                "skipped_existing": report.skipped_existing, "prepaid_applied": report.prepaid_applied }),
    )?;
    Ok(report)
}

/// The price and quantity of one bill line, or `None` when the unit lacks what the item needs.
fn line_for(item: &FeeItem, unit: &Unit, price: Decimal, months: i32, quantity: Option<&Decimal>) -> Option<Line> {
    let months_dec = Decimal::from(months);
    let per_months = |text: String| if months > 1 { format!("{text}×{months}月") } else { text };
    match item.basis {
        Basis::Area => {
            let area = unit.area?;
            Some(Line { price, quantity: area.to_decimal() * months_dec, quantity_text: per_months(format!("{area}㎡")) })
        }
        Basis::Unit => Some(Line { price, quantity: months_dec, quantity_text: per_months("1户".into()) }),
        Basis::Quantity => {
            let q = *quantity?;
            Some(Line { price, quantity: q, quantity_text: q.normalize().to_string() })
        }
        Basis::Once => Some(Line { price, quantity: Decimal::ONE, quantity_text: "1".into() }),
    }
}

fn load_overrides(tx: &Tx) -> Result<HashMap<(i64, i64), Decimal>> {
    let mut stmt = tx.prepare("SELECT unit_id, fee_item_id, price FROM unit_fee_overrides")?;
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

fn load_quantities(tx: &Tx, from: Period, to: Period) -> Result<HashMap<(i64, i64, Period), Decimal>> {
    let mut stmt =
        tx.prepare("SELECT unit_id, fee_item_id, period, quantity FROM fee_quantities WHERE period BETWEEN ?1 AND ?2")?;
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

fn load_once_billed(tx: &Tx) -> Result<HashSet<(i64, i64)>> {
    let mut stmt = tx.prepare(
        "SELECT DISTINCT b.unit_id, b.fee_item_id FROM bills b JOIN fee_items f ON f.id = b.fee_item_id WHERE f.basis = 'once'",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Applies every unit's prepayment to its unpaid bills, oldest bill and oldest money first.
fn apply_prepayments(tx: &Tx, run_id: i64) -> Result<Money> {
    let now = tx.now_text();
    // Ordered by unit so a run writes its allocations in the same order every time.
    let mut by_unit: BTreeMap<i64, Vec<(i64, Money)>> = BTreeMap::new();
    for (unit, payment, left) in store::all_credit(tx)? {
        by_unit.entry(unit).or_default().push((payment, left));
    }
    let mut applied = Money::ZERO;
    for (unit, mut credits) in by_unit {
        let mut credit = credits.iter_mut().peekable();
        for bill in store::unpaid_bills(tx, unit)? {
            if credit.peek().is_none() {
                break;
            }
            let mut due = bill.outstanding;
            while due.is_positive() {
                let Some((payment, left)) = credit.peek_mut() else { break };
                let take = due.min(*left);
                store::insert_allocation(tx, *payment, bill.id, take, Some(run_id), &now)?;
                applied += take;
                due -= take;
                *left -= take;
                if !left.is_positive() {
                    credit.next();
                }
            }
        }
    }
    Ok(applied)
}

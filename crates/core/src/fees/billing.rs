//! The billing run: every eligible unit billed once per item and period, and
//! its preview: the same lines from the same plan, tallied without writing.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, params};
use serde_json::json;

use super::plan::{Outcome, PROGRESS_EVERY, Plan, Planned, Tally};
use super::{BillingPreview, BillingReport, Period, store};
use crate::db::Tx;
use crate::error::Result;
use crate::money::Money;

/// Bills every eligible unit for every fee item and month from `from` to `to`.
/// A bill that exists already is not made again (the unique index decides),
/// so a run can be repeated safely. Afterwards, prepayment held by a unit is
/// applied to its unpaid bills. `progress(done, total)` follows the work.
pub fn run_billing(tx: &mut Tx, from: Period, to: Period, progress: &mut dyn FnMut(usize, usize)) -> Result<BillingReport> {
    let mut plan = Plan::load(tx, from, to)?;
    let credit = credit_by_unit(tx)?;
    let total_steps = plan.steps() + credit.len();
    let now = tx.now_text();
    tx.execute(
        "INSERT INTO billing_runs (period_from, period_to, operator, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![from.to_string(), to.to_string(), tx.actor(), now],
    )?;
    let run_id = tx.last_insert_rowid();
    let units_total = plan.units.len();
    let mut tally = Tally::default();
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO bills (unit_id, kind, fee_item_id, period, period_end, price, quantity, amount, run_id, created_at)
             VALUES (?1, 'charge', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
        )?;
        plan.each_line(&mut |done| progress(done, total_steps), |unit, item, line| {
            let outcome = match line {
                Planned::MissingData => Outcome::MissingData,
                Planned::OnceBefore => Outcome::Existing,
                Planned::Bill(l) => {
                    let written = insert.execute(params![
                        unit.id,
                        item.id,
                        l.period.to_string(),
                        l.period_end.to_string(),
                        l.price_text,
                        l.quantity_text,
                        l.amount.fen(),
                        run_id,
                        now
                    ])?;
                    if written == 1 { Outcome::New(l.amount) } else { Outcome::Existing }
                }
            };
            tally.record(unit, item, outcome);
            Ok(())
        })?;
    }
    let steps_done = total_steps - credit.len();
    let prepaid_applied = apply_prepayments(tx, run_id, credit, &mut |done| progress(steps_done + done, total_steps))?;
    let (report, _) = tally.finish(units_total, prepaid_applied);
    tx.audit(
        "billing.run",
        "billing_run",
        run_id,
        json!({ "from": from, "to": to, "bills": report.bills, "total": report.total,
                "skipped_existing": report.skipped_existing, "prepaid_applied": report.prepaid_applied }),
    )?;
    Ok(report)
}

/// What `run_billing` over the same range would write now, read without
/// writing anything: the same plan, with bills already on file looked up
/// instead of refused by the unique index, and the prepayment it would apply.
pub fn preview_billing(conn: &Connection, from: Period, to: Period) -> Result<BillingPreview> {
    let mut plan = Plan::load(conn, from, to)?;
    let billed = store::billed_keys(conn, from, to)?;
    let units_total = plan.units.len();
    let mut tally = Tally::default();
    plan.each_line(&mut |_| {}, |unit, item, line| {
        let outcome = match line {
            Planned::MissingData => Outcome::MissingData,
            Planned::OnceBefore => Outcome::Existing,
            Planned::Bill(l) if billed.contains(&(unit.id, item.id, l.period.to_string())) => Outcome::Existing,
            Planned::Bill(l) => Outcome::New(l.amount),
        };
        tally.record(unit, item, outcome);
        Ok(())
    })?;
    // A unit's prepayment pays its unpaid bills oldest first until one of them runs out.
    let owed: HashMap<i64, Money> = store::owed_by_unit(conn)?.into_iter().collect();
    let new = tally.new_by_unit();
    let prepaid_applied = credit_by_unit(conn)?
        .into_iter()
        .map(|(unit, credits)| {
            let held: Money = credits.iter().map(|(_, m)| *m).sum();
            let due = owed.get(&unit).copied().unwrap_or_default() + new.get(&unit).copied().unwrap_or_default();
            held.min(due)
        })
        .sum();
    let (report, units) = tally.finish(units_total, prepaid_applied);
    Ok(BillingPreview { from, to, report, units })
}

/// Every unit's payments that still hold money, by unit: (payment id, money left), oldest first.
fn credit_by_unit(conn: &Connection) -> Result<BTreeMap<i64, Vec<(i64, Money)>>> {
    // Ordered by unit so a run writes its allocations in the same order every time.
    let mut by_unit: BTreeMap<i64, Vec<(i64, Money)>> = BTreeMap::new();
    for (unit, payment, left) in store::all_credit(conn)? {
        by_unit.entry(unit).or_default().push((payment, left));
    }
    Ok(by_unit)
}

/// Applies every unit's prepayment to its unpaid bills, oldest bill and oldest money first.
fn apply_prepayments(tx: &Tx, run_id: i64, by_unit: BTreeMap<i64, Vec<(i64, Money)>>, progress: &mut dyn FnMut(usize)) -> Result<Money> {
    let now = tx.now_text();
    let mut applied = Money::ZERO;
    let count = by_unit.len();
    for (done, (unit, mut credits)) in by_unit.into_iter().enumerate() {
        if done % PROGRESS_EVERY == 0 {
            progress(done);
        }
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
    progress(count);
    Ok(applied)
}

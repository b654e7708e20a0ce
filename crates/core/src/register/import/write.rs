//! Checked records → units, people, owner occupancies and opening bills,
//! through the register's and the ledger's store functions, inside the
//! caller's one transaction. What is already on file is left alone, so a
//! second import of the same file creates nothing.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::RowProblem;
use super::columns::{Columns, Field};
use super::row::{Checked, CheckedRow, Record};
use crate::error::Result;
use crate::register::model::{NewUnit, Role, Unit};
use crate::register::store;

/// What applying the rows did, and every problem found (in the rows or against the database).
#[derive(Debug, Default)]
pub struct Outcome {
    pub units_created: usize,
    pub people_created: usize,
    pub opening_balances: usize,
    /// Owners added to units already on file that had none; written, not reported.
    pub occupancies_added: usize,
    pub created_codes: Vec<String>,
    pub problems: Vec<RowProblem>,
}

impl Outcome {
    pub fn wrote_nothing(&self) -> bool {
        self.units_created == 0 && self.people_created == 0 && self.opening_balances == 0 && self.occupancies_added == 0
    }

    /// Rows with at least one problem.
    pub fn bad_rows(&self) -> usize {
        self.problems.iter().map(|p| p.row).collect::<HashSet<_>>().len()
    }
}

/// The time of the transaction, taken once rather than per row.
struct When {
    /// Units on file before the import, by code: one read instead of one per row.
    /// Rows of the file name each code once (repeats are dropped when checked).
    units: HashMap<String, Unit>,
    now: String,
    today: NaiveDate,
    /// The opening balance is billed in the month of the import.
    period: String,
}

/// Applies every good row, records the bad ones, and reports progress every 100 rows.
pub fn apply_all(
    tx: &crate::db::Tx,
    rows: &[CheckedRow],
    cols: &Columns,
    out: &mut Outcome,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<()> {
    let today = tx.today();
    let units = store::all_units(tx)?.into_iter().map(|u| (u.code.clone(), u)).collect();
    let when = When { units, now: tx.now_text(), today, period: format!("{:04}-{:02}", today.year(), today.month()) };
    let total = rows.len();
    for (i, r) in rows.iter().enumerate() {
        match &r.checked {
            Checked::Bad(problems) => out.problems.extend(problems.iter().cloned()),
            Checked::Repeat => {}
            Checked::Good(record) => {
                if let Some(problem) = apply(tx, &when, record, r.number, cols, out)? {
                    out.problems.push(problem);
                }
            }
        }
        if (i + 1) % 100 == 0 {
            progress(i + 1, total);
        }
    }
    progress(total, total);
    Ok(())
}

/// One row. Everything that could refuse the row is checked before anything
/// of it is written, so a refused row (skipped with `skip_bad_rows`) leaves nothing.
fn apply(conn: &Connection, when: &When, rec: &Record, row: usize, cols: &Columns, out: &mut Outcome) -> Result<Option<RowProblem>> {
    let code = rec.code.to_string();
    let unit_id = when.units.get(&code).map(|u| u.id);
    let found = store::find_person(conn, &rec.owner, unit_id)?;
    if let Some(p) = &found
        && p.name != rec.owner.name
    {
        // find_person matched the ID number alone: it belongs to someone else on file.
        let message = format!("该身份证号已登记在“{}”名下，与这里的“{}”不符。请核对身份证号和姓名。", p.name, rec.owner.name);
        return Ok(Some(problem(row, cols, Field::IdNumber, "import.bad_id_number", message)));
    }
    if let Some(id) = unit_id {
        let owners: Vec<_> = store::occupancies(conn, id)?
            .into_iter()
            .filter(|o| o.to.is_none() && matches!(o.role, Role::Owner | Role::CoOwner))
            .collect();
        if !owners.is_empty() {
            // The same owner by identity, or by name when the phone changed since: nothing to do.
            let same = owners.iter().any(|o| found.as_ref().is_some_and(|p| p.id == o.person.id) || o.person.name == rec.owner.name);
            if !same {
                let names = owners.iter().map(|o| o.person.name.as_str()).collect::<Vec<_>>().join("、");
                let message = format!(
                    "房号 {code} 已登记业主“{names}”，与这里的“{}”不同。导入不会改动已有业主；如已换业主，请用“过户”办理。",
                    rec.owner.name
                );
                return Ok(Some(problem(row, cols, Field::Owner, "import.owner_conflict", message)));
            }
            add_opening(conn, when, id, rec, out)?;
            return Ok(None);
        }
    }

    let unit_id = match unit_id {
        Some(id) => id,
        None => {
            let unit = NewUnit { code: rec.code.clone(), unit_type: rec.unit_type, area: rec.area, handover: rec.handover };
            let id = store::insert_unit(conn, &unit, &when.now)?;
            out.units_created += 1;
            out.created_codes.push(code);
            id
        }
    };
    let person_id = match found {
        Some(p) => p.id,
        None => {
            out.people_created += 1;
            store::insert_person(conn, &rec.owner, &when.now)?
        }
    };
    // Reaching here the unit has no current owner, so this owner is not on it yet.
    store::insert_occupancy(conn, unit_id, person_id, Role::Owner, rec.handover.unwrap_or(when.today))?;
    out.occupancies_added += 1;
    add_opening(conn, when, unit_id, rec, out)?;
    Ok(None)
}

/// The arrears carried over from before EstateDesk; a unit has at most one.
fn add_opening(conn: &Connection, when: &When, unit_id: i64, rec: &Record, out: &mut Outcome) -> Result<()> {
    if rec.opening.is_positive() && crate::fees::store::insert_opening_bill(conn, unit_id, rec.opening, &when.period, &when.now)? {
        out.opening_balances += 1;
    }
    Ok(())
}

fn problem(row: usize, cols: &Columns, field: Field, code: &'static str, message: String) -> RowProblem {
    RowProblem { row, column: cols.header(field).to_string(), code, message }
}

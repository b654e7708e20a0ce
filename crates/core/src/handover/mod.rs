//! The monthly handover to finance (月度报表): one workbook per month with
//! its receipts, the fee summary, collection rates, arrears by age,
//! prepayment and deposit balances, waivers, voids and the daily closes
//! (with the days that took money unclosed). Every figure is the
//! ledger as it stood at the end of the month's last day, so the workbook of
//! a closed month comes out the same whenever it is exported; an event after
//! the month (a later void) is counted in the month it happened. The rules
//! are written out in docs/DESIGN.md ("Monthly workbook").

mod balances;
mod days;
mod keys;
mod inventory;
mod meters;
mod receipts;
mod service;
mod store;
mod summary;
mod surveys;

use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

use crate::arrears::{self, ArrearsReport, Filter};
use crate::db::{DbError, settings};
use crate::docs::xlsx::{Book, Ratio, Sheet, ratio};
use crate::error::{FileError, Result};
use crate::fees::Period;
use crate::money::Money;
pub use balances::{DepositLine, PrepaidLine};
pub use days::DayLine;
pub use receipts::{ReceiptLine, VoidLine, WaiverLine};
pub use summary::{ItemLine, RateLine};

/// The month a workbook covers, and its bounds as stored text.
#[derive(Debug, Clone)]
pub struct Month {
    pub period: Period,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// "2026-03-01": the month's first moment as stored times sort.
    from: String,
    /// "2026-04-01": the first moment after it.
    until: String,
}

impl Month {
    pub fn new(period: Period) -> Month {
        let (first, last) = (period.first_day(), period.last_day());
        Month { period, first, last, from: first.to_string(), until: period.next().first_day().to_string() }
    }

    /// Where a bill's first month stands against this month.
    fn when(&self, bill_period: &str, opening: bool) -> When {
        let this = self.period.to_string();
        match bill_period.cmp(this.as_str()) {
            _ if opening => When::Before,
            std::cmp::Ordering::Less => When::Before,
            std::cmp::Ordering::Equal => When::Current,
            std::cmp::Ordering::Greater => When::Ahead,
        }
    }

    fn contains(&self, stored_time: &str) -> bool {
        stored_time >= self.from.as_str() && stored_time < self.until.as_str()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// An earlier month's bill (or an opening balance): arrears.
    Before,
    /// The month's own bill.
    Current,
    /// A later month's bill, paid in advance.
    Ahead,
}

/// Everything in the month's workbook.
pub struct Monthly {
    pub month: Month,
    pub estate: String,
    pub receipts: Vec<ReceiptLine>,
    pub items: Vec<ItemLine>,
    pub buildings: Vec<RateLine>,
    pub overall: RateLine,
    pub arrears: ArrearsReport,
    pub prepaid: Vec<PrepaidLine>,
    pub deposits: Vec<DepositLine>,
    pub waivers: Vec<WaiverLine>,
    pub voids: Vec<VoidLine>,
    /// Every close of the month, and every clerk's day that moved money unclosed.
    pub days: Vec<DayLine>,
    /// The month's key loans (钥匙借用登记), overdue as of the month's end.
    pub key_loans: Vec<crate::keys::Loan>,
    /// The month's count of cards, handsets and keys (盘点), if one was made.
    pub count: Option<crate::inventory::Count>,
    /// The month's reading list (抄表清单): every meter, its reading, usage and anomalies.
    pub meter_readings: Vec<crate::meters::ReadingLine>,
    /// The month's 公摊 allocations.
    pub allocations: Vec<crate::meters::Allocation>,
    /// The service desk's month: requests taken, work orders by category.
    pub service: crate::service::MonthSummary,
    /// The surveys closed in the month, with their results.
    pub surveys: Vec<crate::surveys::Results>,
}

/// The figures a supervisor looks at first, as the screen and `--json` show them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    pub period: String,
    /// 应收: the month's own bills.
    pub billed: Money,
    /// 实收: money received in the month, less voids in the month.
    pub collected: Money,
    /// 收费率, e.g. "92.50%"; blank when nothing was billed.
    pub collection_rate: String,
    /// 户收费率.
    pub household_rate: String,
    /// 清缴率.
    pub clearance_rate: String,
    /// 欠费: arrears on the month's last day.
    pub arrears: Money,
    /// 预存款 held at the month's end.
    pub prepaid: Money,
    /// 押金 held at the month's end.
    pub deposits_held: Money,
    pub receipts: usize,
    pub voids: usize,
}

/// A sheet of the workbook and how many rows it has (not counting header and totals).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetInfo {
    pub name: String,
    pub rows: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Exported {
    pub file: String,
    pub sheets: Vec<SheetInfo>,
    pub headline: Headline,
}

/// Reads the month from the ledger.
pub fn monthly(conn: &Connection, period: Period) -> Result<Monthly> {
    let month = Month::new(period);
    let moved = store::moved(conn, &month.from, &month.until)?;
    let voids = store::voids(conn, &month.from, &month.until)?;
    let receipt_lines = receipts::receipt_lines(&month, store::receipts(conn, &month.from, &month.until)?, &voids, &moved)?;
    let waivers = store::waivers(conn, &month.from, &month.until)?;
    let bills = store::month_bills(conn, &period.to_string(), &month.until)?;
    let owing = arrears::store::owing_bills(conn, month.last)?;
    let collected: Money = receipt_lines.iter().map(ReceiptLine::collected).sum();
    let items = summary::item_lines(conn, &month, &bills, &moved, &waivers, collected)?;
    let (buildings, overall) = summary::rate_lines(&month, &bills, &moved, &owing);
    Ok(Monthly {
        estate: settings::get_or(conn, settings::ESTATE_NAME, "")?,
        receipts: receipt_lines,
        items,
        buildings,
        overall,
        arrears: arrears::report(conn, month.last, &Filter::default())?,
        prepaid: balances::prepaid_lines(conn, &month)?,
        deposits: balances::deposit_lines(conn, &month)?,
        waivers: waivers.into_iter().map(WaiverLine::from_row).collect::<Result<_>>()?,
        voids: voids.into_iter().map(VoidLine::from_row).collect::<Result<_>>()?,
        days: days::day_lines(conn, &month)?,
        key_loans: crate::keys::period_loans(conn, month.first, month.last)?,
        count: crate::inventory::count_by_period(conn, period)?,
        meter_readings: crate::meters::reading_list(conn, period)?,
        allocations: crate::meters::allocations(conn, period)?,
        service: crate::service::month_summary(conn, period)?,
        surveys: crate::surveys::month_results(conn, period)?,
        month,
    })
}

impl Monthly {
    pub fn headline(&self) -> Headline {
        let o = &self.overall;
        Headline {
            period: self.month.period.to_string(),
            billed: o.billed,
            collected: self.receipts.iter().map(ReceiptLine::collected).sum(),
            collection_rate: percent(o.collection_rate()),
            household_rate: percent(o.household_rate()),
            clearance_rate: percent(o.clearance_rate()),
            arrears: self.arrears.total.total,
            prepaid: self.prepaid.iter().map(|p| p.end).sum(),
            deposits_held: self.deposits.iter().map(|d| d.end()).sum(),
            receipts: self.receipts.iter().filter(|r| !r.amount.is_zero()).count(),
            voids: self.voids.len(),
        }
    }

    /// The workbook, sheet by sheet in the order finance reads them.
    pub fn workbook(&self) -> Result<(Vec<u8>, Vec<SheetInfo>)> {
        let p = self.month.period;
        let mut book = Book::new(&format!("{} {}年{}月", self.estate, p.year, p.month));
        let sheets = vec![
            receipts::receipts_sheet(&mut book, &self.receipts)?,
            summary::items_sheet(&mut book, &self.items)?,
            summary::rates_sheet(&mut book, &self.buildings, &self.overall)?,
            balances::arrears_sheet(&mut book, &self.arrears)?,
            balances::prepaid_sheet(&mut book, &self.prepaid)?,
            balances::deposits_sheet(&mut book, &self.deposits)?,
            receipts::waivers_sheet(&mut book, &self.waivers)?,
            receipts::voids_sheet(&mut book, &self.voids)?,
            days::days_sheet(&mut book, &self.days)?,
            keys::loans_sheet(&mut book, &self.key_loans)?,
            inventory::count_sheet(&mut book, self.count.as_ref())?,
            meters::readings_sheet(&mut book, &self.meter_readings)?,
            meters::allocations_sheet(&mut book, &self.allocations)?,
            service::requests_sheet(&mut book, &self.service)?,
            service::orders_sheet(&mut book, &self.service)?,
            surveys::surveys_sheet(&mut book, &self.surveys)?,
        ];
        Ok((book.to_bytes()?, sheets))
    }
}

/// Writes the month's workbook to `out`.
pub fn export(conn: &Connection, period: Period, out: &Path) -> Result<Exported> {
    let m = monthly(conn, period)?;
    let (bytes, sheets) = m.workbook()?;
    FileError::write(out, &bytes)?;
    Ok(Exported { file: out.display().to_string(), sheets, headline: m.headline() })
}

/// The totals row (labelled `total`), filter, print set-up; the sheet's name and data rows for the report.
fn finish(mut sheet: Sheet, name: &str, total: &str, ratios: &[Ratio]) -> Result<SheetInfo> {
    let rows = sheet.rows();
    sheet.totals(total, ratios)?;
    sheet.finish()?;
    Ok(SheetInfo { name: name.to_string(), rows })
}

/// "92.50%", or blank when there is nothing to divide by.
pub fn percent(r: Option<f64>) -> String {
    r.map(|r| format!("{:.2}%", r * 100.0)).unwrap_or_default()
}

fn rate(num: Money, den: Money) -> Option<f64> {
    ratio(num.fen(), den.fen())
}

/// A stored time (ISO-8601 with offset) as the local date and time it was written in.
fn local_time(stored: &str) -> Result<NaiveDateTime> {
    DateTime::parse_from_rfc3339(stored)
        .map(|t| t.naive_local())
        .map_err(|_| DbError::Internal(format!("账里的时间“{stored}”认不出")).into())
}

#[cfg(test)]
mod tests;

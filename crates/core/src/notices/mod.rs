//! Billing notices (收费通知单): for a month or a quarter, one notice per unit
//! with the fees billed for those months, the arrears brought forward, what
//! prepayment has paid or will pay, the total due, the due date and how to
//! pay. Printed as one PDF for hand delivery (`docs::pdf::notices_pdf`) and
//! exported as a spreadsheet for the office's bulk-messaging service
//! (`messages_xlsx`). Everything is as of one day, so a batch can be made again.

mod messages;
pub mod rules;
mod store;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::arrears;
use crate::db::settings;
use crate::error::{Coded, Result};
use crate::money::Money;
use crate::register::{self, Area, RegisterError};
use crate::search::rules::code_order;
pub use messages::messages_xlsx;
pub use rules::{DEFAULT_TEMPLATE, Due, NoticePeriod, Sums};

#[derive(Debug, thiserror::Error)]
pub enum NoticesError {
    #[error("期间“{0}”认不出：月份写成 2026-11，季度写成 2026-Q1。")]
    BadPeriod(String),
    #[error("{0}没有需要通知的房屋（没有本期账单，也没有欠费）。请先生成该期账单，或换一个期间、楼栋。")]
    NothingToNotify(String),
    #[error("短信表格生成失败（{0}）。请重试；仍然失败请联系管理员。")]
    Xlsx(String),
}

impl Coded for NoticesError {
    fn code(&self) -> &'static str {
        match self {
            NoticesError::BadPeriod(_) => "notices.bad_period",
            NoticesError::NothingToNotify(_) => "notices.none",
            NoticesError::Xlsx(_) => "notices.xlsx_failed",
        }
    }
    fn is_input(&self) -> bool {
        !matches!(self, NoticesError::Xlsx(_))
    }
}

/// The message text for the messaging sheet: the office's own (setting
/// `notice_message_text`), else the built-in one.
pub fn message_template(conn: &Connection) -> Result<String> {
    settings::text_or_default(conn, settings::NOTICE_MESSAGE_TEXT, DEFAULT_TEMPLATE)
}

/// Which notices to make.
#[derive(Debug, Clone)]
pub struct Filter {
    pub period: NoticePeriod,
    /// A building's code ("3"); `None` for the whole estate.
    pub building: Option<String>,
}

impl Filter {
    /// As typed on a form or a command line; a blank building means every building.
    pub fn read(period: &str, building: &str) -> Result<Filter> {
        let period = NoticePeriod::parse(period)?;
        let building = match building.trim() {
            "" => None,
            b => Some(register::rules::building_code(b).map_err(RegisterError::BadInput)?),
        };
        Ok(Filter { period, building })
    }
}

/// A fee billed for the notice's months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeLine {
    pub item: String,
    /// "2026-11", or "2026-10～2026-12" for a bill covering a quarter.
    pub period: String,
    pub price: String,
    /// What the amount is price times: "89.50㎡", "1户×3月", the tonnes recorded.
    pub quantity: String,
    pub amount: Money,
}

/// Unpaid bills of earlier months for one fee item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrearsLine {
    pub item: String,
    /// The first month of the oldest unpaid bill, and of the newest.
    pub from: String,
    pub to: String,
    pub bills: usize,
    pub owed: Money,
}

impl ArrearsLine {
    /// "2025-10～2026-01", or one month.
    pub fn months(&self) -> String {
        rules::months(&self.from, &self.to)
    }
}

/// One unit's notice.
#[derive(Debug, Clone)]
pub struct Notice {
    pub unit: String,
    pub building: String,
    pub owners: String,
    /// The first owner's mobile number, in full (the messaging service needs it); never printed on the notice.
    pub mobile: Option<String>,
    pub area: Option<Area>,
    pub lines: Vec<NoticeLine>,
    pub arrears: Vec<ArrearsLine>,
    pub sums: Sums,
    pub due: Due,
}

/// Every notice of a period, and what the office prints on each.
#[derive(Debug, Clone)]
pub struct NoticeBatch {
    pub period: NoticePeriod,
    pub as_of: NaiveDate,
    pub due_date: NaiveDate,
    pub estate_name: String,
    /// Who issues the notice: the receipt header, else the estate's name.
    pub issuer: String,
    pub office_phone: String,
    pub office_address: String,
    pub payment_instructions: String,
    /// By building and unit, in the order people read codes (3-2-902 before 3-2-1502).
    pub notices: Vec<Notice>,
    /// Units of the building (or estate) with nothing billed for the months and nothing owed.
    pub skipped: usize,
}

impl NoticeBatch {
    pub fn total_due(&self) -> Money {
        self.notices.iter().map(|n| n.due.total).sum()
    }

    pub fn summary(&self) -> Summary {
        Summary {
            period: self.period,
            period_label: self.period.label(),
            as_of: self.as_of,
            due_date: self.due_date,
            notices: self.notices.len(),
            skipped: self.skipped,
            without_mobile: self.notices.iter().filter(|n| n.mobile.is_none()).count(),
            total_due: self.total_due(),
        }
    }
}

/// What a batch comes to: for a preview, and for the CLI's reply.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub period: NoticePeriod,
    pub period_label: String,
    pub as_of: NaiveDate,
    pub due_date: NaiveDate,
    /// One notice, one page.
    pub notices: usize,
    pub skipped: usize,
    /// Notices whose owners have no mobile number on file (their message row has no phone).
    pub without_mobile: usize,
    pub total_due: Money,
}

/// The notices of `filter.period` as of `as_of`: bills made, payments taken,
/// allocations, waivers and voids on or before that day count.
pub fn notices(conn: &Connection, filter: &Filter, as_of: NaiveDate) -> Result<NoticeBatch> {
    let period = filter.period;
    let mut units = store::units(conn)?;
    units.retain(|u| filter.building.as_ref().is_none_or(|b| *b == u.building));
    units.sort_by_cached_key(|u| code_order(&u.code));
    let wanted: HashSet<i64> = units.iter().map(|u| u.id).collect();

    let mut lines: HashMap<i64, (Vec<NoticeLine>, Sums)> = HashMap::new();
    let mut current = HashSet::new();
    for bill in store::current_bills(conn, period, as_of)?.into_iter().filter(|b| wanted.contains(&b.unit_id)) {
        let (list, sums) = lines.entry(bill.unit_id).or_default();
        sums.billed += bill.amount;
        sums.prepaid_applied += bill.prepaid_applied;
        sums.paid += bill.paid;
        sums.waived += bill.waived;
        current.insert((bill.unit_id, bill.item.clone(), bill.period.clone()));
        list.push(NoticeLine {
            period: rules::months(&bill.period, &bill.period_end),
            item: bill.item,
            price: bill.price,
            quantity: bill.quantity,
            amount: bill.amount,
        });
    }

    let last_month = period.to.to_string();
    let mut arrears: HashMap<i64, Vec<ArrearsLine>> = HashMap::new();
    // Oldest first within each unit, so a line's months run from its first bill to its last.
    for bill in arrears::store::owing_bills(conn, as_of)? {
        let brought_forward = bill.period <= last_month && !current.contains(&(bill.unit_id, bill.item.clone(), bill.period.clone()));
        if !brought_forward || !wanted.contains(&bill.unit_id) {
            continue;
        }
        lines.entry(bill.unit_id).or_default().1.arrears += bill.owing;
        let list = arrears.entry(bill.unit_id).or_default();
        match list.iter_mut().find(|l| l.item == bill.item) {
            Some(line) => {
                line.to = bill.period;
                line.bills += 1;
                line.owed += bill.owing;
            }
            None => list.push(ArrearsLine { from: bill.period.clone(), to: bill.period, item: bill.item, bills: 1, owed: bill.owing }),
        }
    }

    let credit = store::credit_by_unit(conn, as_of)?;
    let mut notices = Vec::new();
    let mut skipped = 0;
    for unit in units {
        let (lines, mut sums) = lines.remove(&unit.id).unwrap_or_default();
        sums.credit_held = credit.get(&unit.id).copied().unwrap_or_default();
        if !rules::worth_a_notice(&sums) {
            skipped += 1;
            continue;
        }
        notices.push(Notice {
            mobile: rules::mobile(&unit.phones).map(String::from),
            unit: unit.code,
            building: unit.building,
            owners: unit.owners,
            area: unit.area,
            lines,
            arrears: arrears.remove(&unit.id).unwrap_or_default(),
            due: rules::due(&sums),
            sums,
        });
    }
    if notices.is_empty() {
        let building = filter.building.as_ref().map(|b| format!("{b}栋")).unwrap_or_default();
        return Err(NoticesError::NothingToNotify(format!("{}{building}", period.label())).into());
    }
    let estate_name = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    let header = settings::get_or(conn, settings::RECEIPT_HEADER, "")?;
    Ok(NoticeBatch {
        period,
        as_of,
        due_date: period.due_date(settings::due_day(conn)?),
        issuer: if header.trim().is_empty() { estate_name.clone() } else { header },
        estate_name,
        office_phone: settings::get_or(conn, settings::OFFICE_PHONE, "")?,
        office_address: settings::get_or(conn, settings::OFFICE_ADDRESS, "")?,
        payment_instructions: settings::get_or(conn, settings::PAYMENT_INSTRUCTIONS, "")?,
        notices,
        skipped,
    })
}

#[cfg(test)]
mod tests;

//! Reminder texts (提醒) for the office's bulk-messaging service: one line per
//! unit with the owner's mobile, the text filled from the office's template,
//! as a spreadsheet the service imports (手机号, 姓名, 房号, 欠费金额, 短信内容).

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};

use super::model::{Pick, Reminder, Reminders};
use super::rules::{self, Fill};
use super::{DunningError, REMINDER_DEFAULT, store};
use crate::db::settings;
use crate::error::Result;
use crate::search::rules::code_order;

/// A reminder for every unit the pick lets through that has an owner's mobile
/// on file, in unit order; the others are listed in `without_phone`.
pub fn reminders(conn: &Connection, as_of: NaiveDate, pick: &Pick, deadline_days: u32) -> Result<Reminders> {
    let deadline = rules::deadline(as_of, deadline_days)?;
    let mut units = super::units(conn, as_of, pick)?.units;
    units.sort_by_cached_key(|u| code_order(&u.unit));
    let mobiles = store::owner_mobiles(conn)?;
    let template = settings::text_or_default(conn, settings::DUNNING_REMINDER_TEXT, REMINDER_DEFAULT)?;
    let estate = settings::get_or(conn, settings::ESTATE_NAME, "")?;
    let phone = settings::get_or(conn, settings::OFFICE_PHONE, "")?;
    let (deadline, date) = (rules::chinese_date(deadline), rules::chinese_date(as_of));
    let mut out = Reminders { rows: Vec::new(), without_phone: Vec::new() };
    for u in units {
        let Some(mobile) = mobiles.get(&u.unit_id) else {
            out.without_phone.push(u.unit);
            continue;
        };
        // The first owner is the one addressed; the others are on the same account.
        let name = u.owners.split('、').next().unwrap_or_default().to_string();
        let amount = u.owed.grouped();
        let fill = Fill { name: &name, unit: &u.unit, amount: &amount, deadline: &deadline, phone: &phone, estate: &estate, date: &date };
        out.rows.push(Reminder { phone: mobile.clone(), text: rules::fill(&template, &fill), name, unit: u.unit, amount: u.owed });
    }
    Ok(out)
}

/// The sheet 催缴提醒: a bold frozen header with filters, amounts as numbers
/// (#,##0.00), phones as text so no digit is lost.
pub fn reminders_xlsx(r: &Reminders) -> Result<Vec<u8>> {
    let sheet_error = |e: rust_xlsxwriter::XlsxError| DunningError::Sheet(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("催缴提醒").map_err(sheet_error)?;
    let header = Format::new().set_bold().set_align(FormatAlign::Center).set_background_color("#E8EEF7");
    let money = Format::new().set_num_format("#,##0.00");
    let wrap = Format::new().set_text_wrap();
    for (col, (title, width)) in [("手机号", 14.0), ("姓名", 12.0), ("房号", 12.0), ("欠费金额", 14.0), ("短信内容", 90.0)].into_iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, &header).map_err(sheet_error)?;
        sheet.set_column_width(col as u16, width).map_err(sheet_error)?;
    }
    for (i, row) in r.rows.iter().enumerate() {
        let n = i as u32 + 1;
        sheet.write_string(n, 0, &row.phone).map_err(sheet_error)?;
        sheet.write_string(n, 1, &row.name).map_err(sheet_error)?;
        sheet.write_string(n, 2, &row.unit).map_err(sheet_error)?;
        // Fen to yuan: exact in f64 for any amount a ledger holds.
        sheet.write_number_with_format(n, 3, row.amount.fen() as f64 / 100.0, &money).map_err(sheet_error)?;
        sheet.write_string_with_format(n, 4, &row.text, &wrap).map_err(sheet_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(sheet_error)?;
    sheet.autofilter(0, 0, r.rows.len() as u32, 4).map_err(sheet_error)?;
    Ok(book.save_to_buffer().map_err(sheet_error)?)
}

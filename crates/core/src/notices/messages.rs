//! The notices as rows for the office's bulk-messaging service (SMS/WeChat):
//! one row per notice with the owner's mobile and the message to send.
//!
//! Not written with `docs::xlsx::Book`: a sheet there ends in a totals row,
//! and a messaging service importing this list would take that row for one
//! more recipient. The header and money look the same (`MONEY_FORMAT`).

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use super::rules::message;
use crate::docs::xlsx::MONEY_FORMAT;
use super::{NoticeBatch, NoticesError};
use crate::error::Result;

const HEADERS: [(&str, f64); 7] =
    [("房号", 12.0), ("业主", 16.0), ("手机", 14.0), ("期间", 14.0), ("应缴金额", 12.0), ("缴费截止日", 12.0), ("短信内容", 90.0)];

/// The workbook, each message filled from `template` (see `rules::message`).
pub fn messages_xlsx(batch: &NoticeBatch, template: &str) -> Result<Vec<u8>> {
    sheet(batch, template).map_err(|e| NoticesError::Xlsx(e.to_string()).into())
}

fn sheet(batch: &NoticeBatch, template: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("收费通知短信")?;
    let bold = Format::new().set_bold().set_background_color("#EEF2F7").set_align(FormatAlign::Center);
    let money = Format::new().set_num_format(MONEY_FORMAT);
    // Phones and codes stay text: a number format would drop nothing here, but a reader must not take 3-2-1502 for a date.
    let text = Format::new().set_num_format("@");
    for (col, (name, width)) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *name, &bold)?;
        ws.set_column_width(col as u16, *width)?;
    }
    let label = batch.period.label();
    let due = batch.due_date.format("%Y年%-m月%-d日").to_string();
    for (i, n) in batch.notices.iter().enumerate() {
        let row = i as u32 + 1;
        let owner = if n.owners.is_empty() { "业主" } else { n.owners.as_str() };
        let amount = n.due.total.grouped();
        let body = message(
            template,
            &[("小区", &batch.estate_name), ("业主", owner), ("房号", &n.unit), ("期间", &label), ("金额", &amount), ("截止日", &due), ("电话", &batch.office_phone)],
        );
        ws.write_string_with_format(row, 0, &n.unit, &text)?;
        ws.write_string(row, 1, &n.owners)?;
        ws.write_string_with_format(row, 2, n.mobile.as_deref().unwrap_or(""), &text)?;
        ws.write_string(row, 3, &label)?;
        ws.write_number_with_format(row, 4, n.due.total.fen() as f64 / 100.0, &money)?;
        ws.write_string(row, 5, batch.due_date.to_string())?;
        ws.write_string(row, 6, &body)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, batch.notices.len() as u32, HEADERS.len() as u16 - 1)?;
    book.save_to_buffer()
}

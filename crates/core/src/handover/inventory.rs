//! 盘点: the month's count of cards, handsets and keys, line by line, with
//! its differences and their explanations and who signed it off.

use super::{SheetInfo, finish};
use crate::docs::xlsx::{Book, Cell, Kind, col};
use crate::error::Result;
use crate::inventory::Count;

pub(super) fn count_sheet(book: &mut Book, count: Option<&Count>) -> Result<SheetInfo> {
    let columns = [
        col("行号", Kind::Number),
        col("类别", Kind::Text),
        col("编号", Kind::Text),
        col("应在", Kind::Text),
        col("位置 / 领用", Kind::Text),
        col("盘点结果", Kind::Text),
        col("差异", Kind::Count),
        col("说明", Kind::Text),
        col("记录人", Kind::Text),
        col("签字主管", Kind::Text),
    ];
    let mut sheet = book.sheet("盘点", &columns)?;
    if let Some(c) = count {
        let signed = c.closed.as_ref().map_or_else(|| "未结束".to_string(), |close| close.signed_off_by.clone());
        for l in &c.lines {
            sheet.write_row(&[
                Cell::Count(l.line_no),
                Cell::text(&l.kind_label),
                Cell::text(&l.label),
                Cell::text(l.expected.label()),
                Cell::text(&l.place),
                Cell::text(l.status),
                Cell::Count(i64::from(l.difference.is_some())),
                Cell::text(&l.note),
                Cell::text(&l.recorded_by),
                Cell::text(&signed),
            ])?;
        }
    }
    finish(sheet, "盘点", "差异合计", &[])
}

//! 抄表 and 公摊分摊: the month's meter readings (with their anomalies and
//! confirmations) and the split of shared meters, at the end of the workbook.

use super::{SheetInfo, finish};
use crate::docs::xlsx::Book;
use crate::error::Result;
use crate::meters::{Allocation, ReadingLine, view};

pub(super) fn readings_sheet(book: &mut Book, lines: &[ReadingLine]) -> Result<SheetInfo> {
    let sheet = view::reading_sheet(book, "抄表", lines)?;
    finish(sheet, "抄表", &format!("共 {} 块表", lines.len()), &[])
}

pub(super) fn allocations_sheet(book: &mut Book, all: &[Allocation]) -> Result<SheetInfo> {
    let sheet = view::allocation_sheet(book, "公摊分摊", all)?;
    finish(sheet, "公摊分摊", "合计", &[])
}

//! 业户需求 and 维修汇总: the service desk's month at the end of the workbook —
//! the requests taken and where each stood at the month's end, and the work
//! orders by category (carried in, reported, finished, average time to
//! finish, unfinished at the end and so carried over).

use super::{SheetInfo, finish};
use crate::docs::xlsx::Book;
use crate::error::Result;
use crate::service::{self, MonthSummary};

pub(super) fn requests_sheet(book: &mut Book, s: &MonthSummary) -> Result<SheetInfo> {
    let sheet = service::requests_sheet(book, "业户需求", &s.requests)?;
    finish(sheet, "业户需求", &format!("共 {} 件", s.requests.len()), &[])
}

pub(super) fn orders_sheet(book: &mut Book, s: &MonthSummary) -> Result<SheetInfo> {
    let sheet = service::orders_sheet(book, "维修汇总", s)?;
    finish(sheet, "维修汇总", "合计", &[])
}

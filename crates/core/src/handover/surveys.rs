//! 满意度调查: the results of the surveys closed in the month (by their close
//! day — a survey's figures are final only once it is closed), at the end of
//! the workbook.

use super::{SheetInfo, finish};
use crate::docs::xlsx::Book;
use crate::error::Result;
use crate::surveys::{self, Results};

pub(super) fn surveys_sheet(book: &mut Book, all: &[Results]) -> Result<SheetInfo> {
    let sheet = surveys::results_sheet(book, "满意度调查", all)?;
    finish(sheet, "满意度调查", &format!("本月结束的调查 {} 次", all.len()), &[])
}

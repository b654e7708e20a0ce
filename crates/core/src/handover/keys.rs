//! 钥匙借用: the month's key loans, the 钥匙借用登记表 as a sheet, beside the
//! money sheets so the month's paper trail is in one file.

use super::{SheetInfo, finish};
use crate::docs::xlsx::Book;
use crate::error::Result;
use crate::keys::{self, Loan};

pub(super) fn loans_sheet(book: &mut Book, loans: &[Loan]) -> Result<SheetInfo> {
    let sheet = keys::loans_sheet(book, "钥匙借用", loans)?;
    finish(sheet, "钥匙借用", &format!("共 {} 次", loans.len()), &[])
}

//! Desk actions on billing notices: saving the batch's PDF or messaging sheet.
//! They write no ledger row; anyone signed in may print notices (前台 hands
//! them out, 财务 exports them).

use std::path::Path;

use chrono::NaiveDate;

use crate::db::Db;
use crate::docs::pdf::notices_pdf;
use crate::error::{FileError, Result};
use crate::notices::{self, Filter, Summary};
use crate::staff::{Permission, Staff, require};

/// Saves the notices of `filter` as of `as_of` as one PDF at `out`; `progress(done, total)` follows the pages.
pub fn print_notices(db: &Db, staff: &Staff, filter: &Filter, as_of: NaiveDate, out: &Path, progress: &mut dyn FnMut(usize, usize)) -> Result<Summary> {
    require(staff, Permission::View)?;
    let batch = notices::notices(db.conn(), filter, as_of)?;
    FileError::write(out, &notices_pdf(&batch, progress)?)?;
    Ok(batch.summary())
}

/// Saves the same notices as the messaging sheet at `out`, in the office's message text.
pub fn export_notice_messages(db: &Db, staff: &Staff, filter: &Filter, as_of: NaiveDate, out: &Path) -> Result<Summary> {
    require(staff, Permission::View)?;
    let batch = notices::notices(db.conn(), filter, as_of)?;
    FileError::write(out, &notices::messages_xlsx(&batch, &notices::message_template(db.conn())?)?)?;
    Ok(batch.summary())
}

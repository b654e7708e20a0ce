//! The monthly workbook at the desk: for finance and supervisors.

use std::path::Path;

use crate::db::Db;
use crate::error::Result;
use crate::fees::Period;
use crate::handover::{self, Exported, Headline};
use crate::staff::{Permission, Staff, require};

/// The month's headline figures, as the 月度报表 screen shows them before exporting.
pub fn monthly_headline(db: &Db, staff: &Staff, period: Period) -> Result<Headline> {
    require(staff, Permission::ExportReports)?;
    Ok(handover::monthly(db.conn(), period)?.headline())
}

/// Writes the month's workbook to `out` and records who exported it (it names payers and owners).
pub fn export_monthly(db: &mut Db, staff: &Staff, period: Period, out: &Path) -> Result<Exported> {
    require(staff, Permission::ExportReports)?;
    let done = handover::export(db.conn(), period, out)?;
    db.write(&staff.name, |tx| tx.audit("report.export", "estate", 0, serde_json::json!({ "report": "monthly", "period": period, "file": done.file })))?;
    Ok(done)
}

//! Meters (抄表): the month's reading grid (the list, one reading at a time,
//! a correction), the check and its confirmations, the import of the
//! engineering team's sheet, 公摊 allocation, and the two sheets as PDF
//! (saved in `抄表/` beside the estate file and opened for printing).

use std::path::PathBuf;

use estate_core::desk;
use estate_core::fees::Period;
use estate_core::meters::{self, Allocation, Anomaly, AnomalyKind, CheckReport, Meter, MeterKind, MetersError, ReadingImport, ReadingLine, ShareBasis};
use estate_core::register::import::ImportOptions;
use estate_core::staff::Approval;
use serde::Deserialize;
use tauri::State;
use tauri::ipc::Channel;

use crate::commands::fees::Printed;
use crate::commands::register::ImportProgress;
use crate::places;
use crate::state::{Desk, Reply};

fn month(text: &str, db: &estate_core::Db) -> estate_core::Result<Period> {
    if text.trim().is_empty() { Ok(Period::of(db.now().date_naive())) } else { Ok(Period::parse(text)?) }
}

/// The month's reading list: every meter with its last reading, this month's, usage and anomalies.
#[tauri::command]
pub async fn meter_list(desk: State<'_, Desk>, period: String) -> Reply<Vec<ReadingLine>> {
    desk.read(|db| meters::reading_list(db.conn(), month(&period, db)?))
}

#[tauri::command]
pub async fn meter_meters(desk: State<'_, Desk>) -> Reply<Vec<Meter>> {
    desk.read(|db| meters::meters(db.conn()))
}

/// One reading typed in the grid.
#[tauri::command]
pub async fn meter_read(desk: State<'_, Desk>, meter_id: i64, period: String, value: String) -> Reply<ReadingLine> {
    desk.act(|db, staff| {
        let p = month(&period, db)?;
        desk::meter_read_id(db, staff, meter_id, p, &value)
    })
}

#[tauri::command]
pub async fn meter_correct(desk: State<'_, Desk>, meter_id: i64, period: String, value: String, reason: String) -> Reply<ReadingLine> {
    desk.act(|db, staff| {
        let p = month(&period, db)?;
        desk::meter_correct(db, staff, meter_id, p, &value, &reason)
    })
}

#[tauri::command]
pub async fn meter_check(desk: State<'_, Desk>, period: String) -> Reply<CheckReport> {
    desk.read(|db| meters::check(db.conn(), month(&period, db)?))
}

/// Confirms an anomaly (`kind` its code: lower, missing, spike, zero_occupied) with the clerk's note.
#[tauri::command]
pub async fn meter_confirm(desk: State<'_, Desk>, meter_id: i64, period: String, kind: String, note: String) -> Reply<Anomaly> {
    desk.act(|db, staff| {
        let p = month(&period, db)?;
        let k = AnomalyKind::parse(&kind).ok_or_else(|| MetersError::NoSuchAnomaly { meter: meter_id.to_string(), period: p.to_string(), kind: kind.clone() })?;
        desk::meter_confirm(db, staff, meter_id, p, k, &note)
    })
}

#[tauri::command]
pub async fn meter_allocations(desk: State<'_, Desk>, period: String) -> Reply<Vec<Allocation>> {
    desk.read(|db| meters::allocations(db.conn(), month(&period, db)?))
}

/// Splits a shared meter's month (by its name); blank basis = the estate's setting.
#[tauri::command]
pub async fn meter_allocate(desk: State<'_, Desk>, meter: String, period: String, basis: String, approval: Option<Approval>) -> Reply<Allocation> {
    desk.act(|db, staff| {
        let p = month(&period, db)?;
        let basis = if basis.trim().is_empty() { None } else { Some(ShareBasis::parse(&basis)?) };
        desk::meter_allocate(db, staff, &meter, p, basis, approval.as_ref())
    })
}

#[derive(Deserialize)]
pub struct MeterImportForm {
    path: PathBuf,
    period: String,
    /// Blank = the sheet's 表类 column says.
    kind: String,
    sheet: String,
    dry_run: bool,
    skip_bad_rows: bool,
}

#[tauri::command]
pub async fn meter_import(desk: State<'_, Desk>, form: MeterImportForm, on_progress: Channel<ImportProgress>) -> Reply<ReadingImport> {
    let sheet = Some(form.sheet.trim().to_string()).filter(|s| !s.is_empty());
    let options = ImportOptions { sheet, dry_run: form.dry_run, skip_bad_rows: form.skip_bad_rows };
    let mut progress = |done, total| drop(on_progress.send(ImportProgress { done, total }));
    desk.act(|db, staff| {
        let p = month(&form.period, db)?;
        let kind = if form.kind.trim().is_empty() { None } else { Some(MeterKind::parse(&form.kind)?) };
        desk::meter_import(db, staff, &form.path, p, kind, &options, &mut progress)
    })
}

/// Saves the reading list (or the allocation table) beside the estate file and opens it for printing.
#[tauri::command]
pub async fn meter_print(desk: State<'_, Desk>, period: String, allocations: bool) -> Reply<Printed> {
    let out = desk.act_at(|db, staff, db_path| {
        let p = month(&period, db)?;
        let name = if allocations { format!("公摊分摊表-{p}") } else { format!("抄表清单-{p}") };
        let out = places::dated_file(db_path, "抄表", &name, "pdf", db.now())?;
        desk::save_meter_sheet(db, staff, p, allocations, &out).map(|_| out)
    })?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

//! Late fees (违约金): the rules per fee item, and a unit's late fees to date.

use estate_core::staff::Approval;
use estate_core::arrears::read_as_of;
use estate_core::latefee::{self, RuleInfo, UnitLateFees};
use estate_core::{desk, register};
use serde::Deserialize;
use tauri::State;

use crate::state::{Desk, Reply};

#[tauri::command]
pub async fn late_fee_rules(desk: State<'_, Desk>) -> Reply<Vec<RuleInfo>> {
    desk.read(|db| latefee::list_rules(db.conn()))
}

/// A rule as the form sends it: the rate as typed, a blank cap = none, a blank start = today.
#[derive(Deserialize)]
pub struct RuleForm {
    item: String,
    rate: String,
    grace_days: i64,
    cap_percent: Option<i64>,
    from: String,
}

#[tauri::command]
pub async fn set_late_fee_rule(desk: State<'_, Desk>, form: RuleForm, approval: Option<Approval>) -> Reply<RuleInfo> {
    desk.act(|db, staff| {
        let rule = latefee::read_rule(&form.rate, form.grace_days, form.cap_percent, &form.from, db.now().date_naive())?;
        desk::set_late_fee_rule(db, staff, &form.item, &rule, approval.as_ref())
    })
}

#[tauri::command]
pub async fn clear_late_fee_rule(desk: State<'_, Desk>, item: String, approval: Option<Approval>) -> Reply<()> {
    desk.act(|db, staff| desk::clear_late_fee_rule(db, staff, &item, approval.as_ref()))
}

/// A unit's open bills with their late fee to date; a blank day = today.
#[tauri::command]
pub async fn unit_late_fees(desk: State<'_, Desk>, unit: String, as_of: String) -> Reply<UnitLateFees> {
    desk.read(|db| latefee::unit_late_fees(db.conn(), &register::find_unit(db.conn(), &unit)?, read_as_of(&as_of, db.now().date_naive())?))
}

//! Keys held in custody (托管钥匙): the list, loans, overdue keys, the lend
//! dialog's pick list, deposit, authorise, lend (an override approved on the
//! spot), return, hand back to the owner, and the 钥匙借用登记表.

use estate_core::desk;
use estate_core::keys::{self, AuthKind, Candidate, CustodyKey, KeyError, Loan, LoanFilter, NewAuthorisation, NewKey, NewLoan, NewReturn, rules};
use estate_core::staff::Approval;
use serde::Deserialize;
use tauri::State;

use crate::commands::fees::Printed;
use crate::places;
use crate::state::{Desk, Reply};

/// An authorisation as the form sends it: dates as typed, blank for none.
#[derive(Deserialize)]
pub struct AuthForm {
    kind: String,
    name: String,
    from: String,
    to: String,
}

fn day(text: &str) -> estate_core::Result<Option<chrono::NaiveDate>> {
    Ok(Some(text.trim()).filter(|t| !t.is_empty()).map(rules::date).transpose()?)
}

impl AuthForm {
    fn read(&self) -> estate_core::Result<NewAuthorisation> {
        let kind = AuthKind::parse(&self.kind).ok_or_else(|| KeyError::BadAuthKind(self.kind.chars().take(20).collect()))?;
        Ok(NewAuthorisation { kind, name: self.name.clone(), from: day(&self.from)?, to: day(&self.to)? })
    }
}

#[derive(Deserialize)]
pub struct DepositForm {
    unit: String,
    hook: String,
    key_count: i64,
    description: String,
    deposited_by: String,
    deposited_on: String,
    note: String,
    authorisations: Vec<AuthForm>,
}

/// The loans' filter: days as typed, blank for open-ended.
#[derive(Deserialize)]
pub struct LoansForm {
    from: String,
    to: String,
    unit: String,
    open_only: bool,
}

#[tauri::command]
pub async fn key_list(desk: State<'_, Desk>, held_only: bool) -> Reply<Vec<CustodyKey>> {
    desk.read(|db| keys::list(db.conn(), held_only, None, db.now()))
}

#[tauri::command]
pub async fn key_loans(desk: State<'_, Desk>, form: LoansForm) -> Reply<Vec<Loan>> {
    desk.read(|db| {
        let filter = LoanFilter { from: day(&form.from)?, to: day(&form.to)?, unit: Some(form.unit.clone()), open_only: form.open_only };
        keys::loans(db.conn(), &filter, db.now())
    })
}

#[tauri::command]
pub async fn key_overdue(desk: State<'_, Desk>) -> Reply<Vec<Loan>> {
    desk.read(|db| keys::overdue(db.conn(), db.now()))
}

#[tauri::command]
pub async fn key_candidates(desk: State<'_, Desk>, key_id: i64) -> Reply<Vec<Candidate>> {
    desk.read(|db| keys::candidates(db.conn(), key_id, db.now().date_naive()))
}

#[tauri::command]
pub async fn key_deposit(desk: State<'_, Desk>, form: DepositForm) -> Reply<CustodyKey> {
    desk.act(|db, staff| {
        let new = NewKey {
            hook: form.hook.clone(),
            key_count: form.key_count,
            description: form.description.clone(),
            deposited_by: form.deposited_by.clone(),
            deposited_on: day(&form.deposited_on)?,
            note: form.note.clone(),
            authorisations: form.authorisations.iter().map(AuthForm::read).collect::<estate_core::Result<_>>()?,
        };
        desk::deposit_key(db, staff, &form.unit, &new)
    })
}

#[tauri::command]
pub async fn key_authorise(desk: State<'_, Desk>, key_id: i64, form: AuthForm) -> Reply<CustodyKey> {
    desk.act(|db, staff| desk::authorise_key(db, staff, key_id, &form.read()?))
}

#[tauri::command]
pub async fn key_lend(desk: State<'_, Desk>, key_id: i64, loan: NewLoan, approval: Option<Approval>) -> Reply<Loan> {
    desk.act(|db, staff| desk::lend_key(db, staff, key_id, &loan, approval.as_ref()))
}

#[tauri::command]
pub async fn key_return(desk: State<'_, Desk>, key_id: i64, form: NewReturn) -> Reply<Loan> {
    desk.act(|db, staff| desk::return_key(db, staff, key_id, &form))
}

#[tauri::command]
pub async fn key_release(desk: State<'_, Desk>, key_id: i64, to: String, on: String) -> Reply<CustodyKey> {
    desk.act(|db, staff| desk::release_key(db, staff, key_id, &to, day(&on)?))
}

/// Saves the register of a period beside the estate file and opens it for printing.
#[tauri::command]
pub async fn key_print_register(desk: State<'_, Desk>, from: String, to: String) -> Reply<Printed> {
    let out = desk.act_at(|db, staff, db_path| {
        let (from, to) = (rules::date(&from)?, rules::date(&to)?);
        let out = places::dated_file(db_path, "钥匙登记", &format!("钥匙借用登记表-{from}-{to}"), "pdf", db.now())?;
        desk::save_key_register(db, staff, from, to, &out).map(|_| out)
    })?;
    Ok(Printed { viewer_problem: places::show(&out), path: out.display().to_string() })
}

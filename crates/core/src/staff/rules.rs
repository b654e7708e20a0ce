//! The permission table, approvals, the password rule and the lockout rule:
//! pure functions, tested alone.

use chrono::{DateTime, FixedOffset};

use super::{Permission, StaffError, StaffRole};

/// The shortest password accepted: eight characters, as most office systems
/// ask; long enough against guessing at the desk, short enough to type.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Wrong passwords in a row that lock an account.
pub const MAX_FAILED_SIGN_INS: i64 = 5;

/// How long a locked account waits (a supervisor may unlock it sooner).
pub const LOCK_MINUTES: i64 = 15;

/// The whole permission table in one place, so the rule can be read at a glance.
pub fn permits(role: StaffRole, permission: Permission) -> bool {
    use Permission::*;
    match role {
        StaffRole::Supervisor => true,
        StaffRole::Clerk => matches!(permission, TakePayment | Reprint | EditRegister | Import | Dunning | CloseDay | Keys | Parcels | Inventory | Renovation | ReadMeters | Service | View),
        StaffRole::Finance => matches!(permission, View | ExportReports),
    }
}

/// Supervisor-only actions a clerk may still do with a supervisor's sign-in
/// on the spot (主管授权), a restore from a backup among them. Finance never
/// writes, approved or not; the rest (billing runs, settings, accounts,
/// another clerk's close) wait for a supervisor to sign in.
pub fn approvable(role: StaffRole, permission: Permission) -> bool {
    use Permission::*;
    role == StaffRole::Clerk && matches!(permission, VoidReceipt | Waive | RefundDeposit | EditFees | EditBilled | Restore | OverrideKeyLoan | SignOffCount | ApproveRenovation | ManageMeters | Surveys)
}

/// The roles that may do it, as a refusal names them: "主管", "前台或主管".
pub fn who_may(permission: Permission) -> &'static str {
    let clerk = permits(StaffRole::Clerk, permission);
    let finance = permits(StaffRole::Finance, permission);
    match (clerk, finance) {
        (true, true) => "前台、主管或财务",
        (true, false) => "前台或主管",
        (false, true) => "主管或财务",
        (false, false) => "主管",
    }
}

/// Counted in characters, not bytes, so a Chinese password is judged fairly.
/// Spaces alone do not make a password long. One character repeated or a
/// plain run (12345678, abcdefgh, 87654321) is refused, as is a password
/// holding the account's own name: the first things someone at the counter tries.
pub fn check_password(password: &str, name: &str) -> Result<(), StaffError> {
    let chars: Vec<char> = password.trim().chars().flat_map(char::to_lowercase).collect();
    if chars.len() < MIN_PASSWORD_CHARS {
        return Err(StaffError::WeakPassword(MIN_PASSWORD_CHARS));
    }
    let steps: Vec<i64> = chars.windows(2).map(|w| w[1] as i64 - w[0] as i64).collect();
    if steps.iter().all(|&s| s == 0) || steps.iter().all(|&s| s == 1) || steps.iter().all(|&s| s == -1) {
        return Err(StaffError::PasswordTooSimple);
    }
    let name = name.trim().to_lowercase();
    if name.chars().count() >= 2 && chars.iter().collect::<String>().contains(&name) {
        return Err(StaffError::PasswordHasName);
    }
    Ok(())
}

/// Whole minutes (rounded up) an account is still locked at `now`; `None`
/// when it is not locked, or its lock has run out. A stored time that cannot
/// be read counts as no lock rather than locking someone out for good.
pub fn minutes_locked(locked_until: Option<&str>, now: DateTime<FixedOffset>) -> Option<i64> {
    let until = DateTime::parse_from_rfc3339(locked_until?).ok()?;
    let seconds = (until - now).num_seconds();
    (seconds > 0).then(|| (seconds + 59) / 60)
}

/// A name as stored: trimmed, not empty.
pub fn check_name(name: &str) -> Result<String, StaffError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StaffError::NameRequired);
    }
    Ok(name.to_string())
}

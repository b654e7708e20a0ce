//! The permission table and the password rule: pure functions, tested alone.

use super::{Permission, StaffError, StaffRole};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 6;

/// The whole permission table in one place, so the rule can be read at a glance.
pub fn permits(role: StaffRole, permission: Permission) -> bool {
    use Permission::*;
    match role {
        StaffRole::Supervisor => true,
        StaffRole::Clerk => matches!(permission, TakePayment | Reprint | EditRegister | Import | Dunning | CloseDay | View),
        StaffRole::Finance => matches!(permission, View | ExportReports),
    }
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
/// Spaces alone do not make a password long.
pub fn check_password(password: &str) -> Result<(), StaffError> {
    if password.trim().chars().count() < MIN_PASSWORD_CHARS {
        return Err(StaffError::WeakPassword(MIN_PASSWORD_CHARS));
    }
    Ok(())
}

/// A name as stored: trimmed, not empty.
pub fn check_name(name: &str) -> Result<String, StaffError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StaffError::NameRequired);
    }
    Ok(name.to_string())
}

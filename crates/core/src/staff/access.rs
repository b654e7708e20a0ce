//! Checking a password against an account, with the lockout, and approving a
//! clerk's supervisor-only action with a supervisor's sign-in on the spot.
//!
//! A wrong password is recorded (it counts towards the lock), so the check is
//! a write: it commits what it recorded and only then returns the refusal.

use chrono::Duration;
use serde_json::json;

use super::{Approval, Permission, Staff, StaffError, StaffRole, password, rules, store};
use crate::db::{Db, Tx};
use crate::error::{Error, Result};

/// What the password is checked for; it names the audit entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Signing in at the desk or on the command line: always recorded.
    SignIn,
    /// Unlocking the screen after the idle lock: recorded only when it clears wrong tries.
    Unlock,
    /// A supervisor approving a clerk's action: the action's own entries name them.
    Approval,
}

impl Check {
    fn code(self) -> &'static str {
        match self {
            Check::SignIn => "sign_in",
            Check::Unlock => "unlock",
            Check::Approval => "approval",
        }
    }
}

/// Checks a name and password. A wrong name and a wrong password give the same
/// refusal; a deactivated account is refused only after its password is right,
/// so the refusal reveals nothing to someone guessing. `MAX_FAILED_SIGN_INS`
/// wrong passwords in a row lock the account for `LOCK_MINUTES`; while locked
/// even the right password is refused, saying how long is left.
pub fn sign_in(db: &mut Db, name: &str, password: &str, check: Check) -> Result<Staff> {
    let name = name.trim();
    db.write(name, |tx| attempt(tx, name, password, check))?
}

/// The check inside the write: the refusal is returned as a value, so the
/// count of wrong tries it recorded commits with it.
fn attempt(tx: &mut Tx, name: &str, password: &str, check: Check) -> Result<Result<Staff>> {
    let Some((staff, stored)) = store::by_name(tx, name)? else {
        // Spend the same time as a real check, so an unknown name is not
        // recognisable by how fast the refusal comes.
        let _ = password::hash(password);
        return Ok(Err(StaffError::BadCredentials.into()));
    };
    let now = tx.now();
    let tries = rules::MAX_FAILED_SIGN_INS;
    if let Some(minutes) = rules::minutes_locked(staff.locked_until.as_deref(), now) {
        return Ok(Err(StaffError::Locked { name: staff.name, tries, minutes }.into()));
    }
    if !password::verify(password, &stored)? {
        let failed = store::failed_sign_ins(tx, staff.id)? + 1;
        let mut detail = json!({ "name": staff.name, "failed": failed, "check": check.code() });
        if failed < tries {
            store::set_lock(tx, staff.id, failed, None)?;
            tx.audit("staff.sign_in_failed", "staff", staff.id, detail)?;
            return Ok(Err(StaffError::BadCredentials.into()));
        }
        let until = (now + Duration::minutes(rules::LOCK_MINUTES)).to_rfc3339();
        store::set_lock(tx, staff.id, 0, Some(&until))?;
        detail["until"] = json!(until);
        tx.audit("staff.locked", "staff", staff.id, detail)?;
        return Ok(Err(StaffError::Locked { name: staff.name, tries, minutes: rules::LOCK_MINUTES }.into()));
    }
    if !staff.active {
        return Ok(Err(StaffError::Inactive(staff.name).into()));
    }
    let cleared = staff.locked_until.is_some() || store::failed_sign_ins(tx, staff.id)? > 0;
    if cleared {
        store::set_lock(tx, staff.id, 0, None)?;
    }
    match check {
        Check::SignIn => tx.audit("staff.sign_in", "staff", staff.id, json!({ "name": staff.name }))?,
        _ if cleared => tx.audit("staff.failures_cleared", "staff", staff.id, json!({ "name": staff.name, "check": check.code() }))?,
        _ => {}
    }
    Ok(Ok(Staff { locked_until: None, ..staff }))
}

/// Who acts on an estate with no accounts yet (a file just made by `init`):
/// its creator, as a supervisor under the name given, until the first account
/// exists. Existing scripts keep working on such a file.
pub fn creator(name: &str) -> Staff {
    Staff { id: 0, name: name.trim().to_string(), role: StaffRole::Supervisor, active: true, created_at: String::new(), locked_until: None }
}

/// What a desk action needs before it writes: `staff`'s own permission, or,
/// for a clerk's approvable action (`rules::approvable`), a supervisor's
/// sign-in on the spot. Returns the approving supervisor's name, or `None` when
/// `staff` may act alone (an approval given anyway is then not checked). A
/// refusal writes nothing but the approver's wrong-password count.
pub fn authorize(db: &mut Db, staff: &Staff, permission: Permission, approval: Option<&Approval>) -> Result<Option<String>> {
    if !staff.active {
        return Err(StaffError::Inactive(staff.name.clone()).into());
    }
    if rules::permits(staff.role, permission) {
        return Ok(None);
    }
    if !rules::approvable(staff.role, permission) {
        return Err(StaffError::Forbidden { action: permission.label(), who: rules::who_may(permission) }.into());
    }
    let action = permission.label();
    let Some(approval) = approval else {
        return Err(StaffError::ApprovalNeeded { action }.into());
    };
    let approver = match sign_in(db, &approval.name, &approval.password, Check::Approval) {
        Err(Error::Staff(StaffError::BadCredentials)) => return Err(StaffError::ApproverBadCredentials.into()),
        other => other?,
    };
    if approver.role != StaffRole::Supervisor {
        return Err(StaffError::ApproverNotSupervisor { name: approver.name, action }.into());
    }
    Ok(Some(approver.name))
}

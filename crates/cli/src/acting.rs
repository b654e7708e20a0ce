//! Who the command line acts as. `--operator` names a staff member; once the
//! estate has accounts, that member signs in with the password from
//! `$ESTATE_PASSWORD` or, on a terminal, a prompt that does not echo. Every
//! write then goes through the same permission check as the desktop app
//! (`staff::authorize`): a clerk's supervisor-only action needs `--approver`
//! (a supervisor) with `$ESTATE_APPROVER_PASSWORD` or a prompt. An estate
//! with no accounts yet acts as its creator, the supervisor (`staff::creator`).
//! Reads need no sign-in: they write nothing and mask personal data.

use std::io::IsTerminal;

use estate_core::db::{Db, Tx};
use estate_core::staff::{self, Approval, Check, Permission, Staff, StaffError};

use crate::Ctx;

/// The `--operator`'s password.
pub const PASSWORD_ENV: &str = "ESTATE_PASSWORD";
/// The `--approver`'s password.
pub const APPROVER_PASSWORD_ENV: &str = "ESTATE_APPROVER_PASSWORD";

/// A password from `env`, else asked for on the terminal without echo.
fn password(env: &str, whose: &str) -> Result<String, StaffError> {
    if let Ok(p) = std::env::var(env) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(StaffError::PasswordMissing(whose.to_string()));
    }
    rpassword::prompt_password(format!("{whose}的密码（不显示）：")).map_err(|_| StaffError::PasswordMissing(whose.to_string()))
}

impl Ctx {
    /// The staff member this run acts as (signed in; a wrong password counts towards the lock).
    pub fn staff(&self, db: &mut Db) -> estate_core::Result<Staff> {
        if !staff::has_staff(db.conn())? {
            return Ok(staff::creator(&self.operator));
        }
        let secret = password(PASSWORD_ENV, &self.operator)?;
        staff::sign_in(db, &self.operator, &secret, Check::SignIn)
    }

    /// Checks that the operator may do it (with `--approver`'s approval where a
    /// clerk needs one): the operator, and the approving supervisor's name.
    pub fn authorize(&self, db: &mut Db, permission: Permission) -> estate_core::Result<(Staff, Option<String>)> {
        let me = self.staff(db)?;
        let approval = match &self.approver {
            Some(name) if !staff::rules::permits(me.role, permission) => Some(Approval { name: name.clone(), password: password(APPROVER_PASSWORD_ENV, name)? }),
            _ => None,
        };
        let approver = staff::authorize(db, &me, permission, approval.as_ref())?;
        Ok((me, approver))
    }

    /// `authorize`, then writes as the operator, naming the approver.
    pub fn write<T>(&self, db: &mut Db, permission: Permission, f: impl FnOnce(&mut Tx) -> estate_core::Result<T>) -> estate_core::Result<T> {
        let (me, approver) = self.authorize(db, permission)?;
        db.write_approved(&me.name, approver.as_deref(), f)
    }
}

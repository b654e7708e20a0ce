//! `estate staff`: staff accounts. Passwords never come as arguments (they
//! would show in the process list): they are read from environment variables
//! or, failing that, from standard input, one per line.

use std::io::BufRead;

use clap::Subcommand;
use estate_core::staff::{self as core_staff, Staff, StaffError, StaffRole};
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, table};

/// The new account's password.
const PASSWORD_ENV: &str = "ESTATE_PASSWORD";
/// The signing-in supervisor's password (`--operator` names the supervisor).
const OPERATOR_PASSWORD_ENV: &str = "ESTATE_OPERATOR_PASSWORD";

#[derive(Subcommand)]
pub enum StaffCommand {
    /// 列出员工账号
    List,
    /// 添加员工账号。新密码取自环境变量 ESTATE_PASSWORD，没有则读标准输入第一行。
    /// 第一个账号必须是主管；之后须由主管添加：--operator 写主管姓名，
    /// 主管密码取自 ESTATE_OPERATOR_PASSWORD，没有则读标准输入下一行。
    Add {
        /// 员工姓名
        name: String,
        /// 岗位：前台、主管、财务（或 clerk、supervisor、finance）
        #[arg(long)]
        role: String,
    },
    /// 解锁因密码连续输错被锁定的账号（主管：--operator 写主管姓名，密码取自 ESTATE_PASSWORD）
    Unlock {
        /// 被锁定的员工姓名
        name: String,
    },
}

/// Reads passwords from the environment or, in order, from lines of stdin.
struct Passwords<R> {
    lines: R,
}

impl<R: BufRead> Passwords<R> {
    fn read(&mut self, env: &str, whose: &str) -> Result<String, StaffError> {
        if let Ok(p) = std::env::var(env) {
            return Ok(p);
        }
        let mut line = String::new();
        match self.lines.read_line(&mut line) {
            Ok(n) if n > 0 => Ok(line.trim_end_matches(['\r', '\n']).to_string()),
            _ => Err(StaffError::PasswordMissing(whose.to_string())),
        }
    }
}

fn role_text(s: &Staff) -> String {
    s.role.label().to_string()
}

pub fn staff(ctx: &Ctx, c: StaffCommand) -> estate_core::Result<Reply> {
    let mut db = ctx.open()?;
    match c {
        StaffCommand::List => {
            let all = core_staff::list_staff(db.conn())?;
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|s| vec![s.name.clone(), role_text(s), if s.active { "在用" } else { "已停用" }.into(), s.created_at.clone()])
                .collect();
            let text = if rows.is_empty() { "还没有员工账号。".into() } else { table(&["姓名", "岗位", "状态", "建立时间"], &rows, &[]) };
            Ok(Reply::new(&json!({ "staff": all }), text))
        }
        StaffCommand::Add { name, role } => {
            let role = StaffRole::parse(&role)?;
            let first = !core_staff::has_staff(db.conn())?;
            if first && role != StaffRole::Supervisor {
                return Err(StaffError::FirstMustBeSupervisor.into());
            }
            let mut passwords = Passwords { lines: std::io::stdin().lock() };
            let password = passwords.read(PASSWORD_ENV, name.trim())?;
            let added = if first {
                estate_core::desk::create_first_supervisor(&mut db, &name, &password)?
            } else {
                let secret = passwords.read(OPERATOR_PASSWORD_ENV, &ctx.operator)?;
                let by = estate_core::desk::sign_in(&mut db, &ctx.operator, &secret)?;
                estate_core::desk::add_staff(&mut db, &by, &name, role, &password)?
            };
            let text = format!("已添加员工 {}（{}）。", added.name, role_text(&added));
            Ok(Reply::new(&added, text))
        }
        StaffCommand::Unlock { name } => {
            let by = ctx.staff(&mut db)?;
            let unlocked = estate_core::desk::unlock_account(&mut db, &by, &name)?;
            let text = format!("已解锁员工 {}，现在可以用正确的密码登录。", unlocked.name);
            Ok(Reply::new(&unlocked, text))
        }
    }
}

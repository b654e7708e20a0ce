//! Errors of staff accounts and permissions. No message ever carries a
//! password or its hash.

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("员工姓名不能为空。")]
    NameRequired,
    #[error("员工“{0}”已经有账号了。请换一个姓名（重名可加区分，如 王芳2）。")]
    Exists(String),
    #[error("密码至少要 {0} 个字符。请换一个更长的密码。")]
    WeakPassword(usize),
    #[error("密码太简单（同一个字符重复，或 12345678、abcdefgh 这样的顺序）。请换一个不容易猜到的密码。")]
    PasswordTooSimple,
    #[error("密码里不能有自己的姓名。请换一个密码。")]
    PasswordHasName,
    #[error("账号“{name}”密码连续输错 {tries} 次，已锁定。请 {minutes} 分钟后再试，或请主管解锁。")]
    Locked { name: String, tries: i64, minutes: i64 },
    #[error("{action}需要主管授权。请主管当场输入自己的姓名和密码授权，或请主管登录后操作。")]
    ApprovalNeeded { action: &'static str },
    #[error("主管姓名或密码不对，没有授权。请主管重新输入。")]
    ApproverBadCredentials,
    #[error("“{name}”不是主管，不能授权{action}。请在岗的主管输入自己的姓名和密码。")]
    ApproverNotSupervisor { name: String, action: &'static str },
    /// One message for a wrong name and a wrong password, so the sign-in box
    /// does not tell a stranger which names exist.
    #[error("姓名或密码不对。请重新输入；忘记密码请找主管重设。")]
    BadCredentials,
    #[error("旧密码不对。请重新输入；忘记密码请找主管重设。")]
    BadOldPassword,
    #[error("账号“{0}”已停用，不能登录或操作。如需恢复，请找主管。")]
    Inactive(String),
    #[error("找不到员工“{0}”。请核对姓名。")]
    NotFound(String),
    #[error("{action}需要{who}权限。请{who}登录后操作。")]
    Forbidden { action: &'static str, who: &'static str },
    #[error("岗位“{0}”不认识。可选：前台（clerk）、主管（supervisor）、财务（finance）。")]
    BadRole(String),
    #[error("已经有员工账号了，不能再建第一个主管。请主管登录后添加员工。")]
    AlreadySetUp,
    #[error("第一个账号必须是主管（之后由主管添加其他员工）。")]
    FirstMustBeSupervisor,
    #[error("不能停用自己的账号。请由另一位主管操作。")]
    CannotDeactivateSelf,
    #[error("没有读到{0}的密码。请用环境变量或标准输入提供（不要写在命令行参数里，别人能在进程列表里看到）。")]
    PasswordMissing(String),
    #[error("密码处理失败（{0}），数据没有改动。请重试；如果一再出现，请联系管理员。")]
    Hash(String),
}

impl Coded for StaffError {
    fn code(&self) -> &'static str {
        match self {
            StaffError::NameRequired => "staff.name_required",
            StaffError::Exists(_) => "staff.exists",
            StaffError::WeakPassword(_) | StaffError::PasswordTooSimple | StaffError::PasswordHasName => "staff.weak_password",
            StaffError::Locked { .. } => "staff.locked",
            StaffError::ApprovalNeeded { .. } => "staff.approval_needed",
            StaffError::ApproverBadCredentials => "staff.approver_bad_credentials",
            StaffError::ApproverNotSupervisor { .. } => "staff.approver_not_supervisor",
            StaffError::BadCredentials => "staff.bad_credentials",
            StaffError::BadOldPassword => "staff.bad_old_password",
            StaffError::Inactive(_) => "staff.inactive",
            StaffError::NotFound(_) => "staff.not_found",
            StaffError::Forbidden { .. } => "staff.forbidden",
            StaffError::BadRole(_) => "staff.bad_role",
            StaffError::AlreadySetUp => "staff.already_set_up",
            StaffError::FirstMustBeSupervisor => "staff.first_must_be_supervisor",
            StaffError::CannotDeactivateSelf => "staff.cannot_deactivate_self",
            StaffError::PasswordMissing(_) => "staff.password_missing",
            StaffError::Hash(_) => "staff.hash_failed",
        }
    }
    fn is_input(&self) -> bool {
        !matches!(self, StaffError::Hash(_))
    }
}

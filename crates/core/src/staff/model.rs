//! Types of staff accounts and what they may do.

use serde::Serialize;

use super::StaffError;

/// A desk role (岗位). Stored by its code; shown by its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// 前台: takes payments, reprints, keeps the register.
    Clerk,
    /// 主管: everything, including voids, waivers, prices and accounts.
    Supervisor,
    /// 财务: reads and exports, writes nothing.
    Finance,
}

impl StaffRole {
    pub const ALL: [StaffRole; 3] = [StaffRole::Clerk, StaffRole::Supervisor, StaffRole::Finance];

    pub fn code(self) -> &'static str {
        match self {
            StaffRole::Clerk => "clerk",
            StaffRole::Supervisor => "supervisor",
            StaffRole::Finance => "finance",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StaffRole::Clerk => "前台",
            StaffRole::Supervisor => "主管",
            StaffRole::Finance => "财务",
        }
    }

    /// Accepts the code (any case) or the Chinese label.
    pub fn parse(text: &str) -> Result<StaffRole, StaffError> {
        let t = text.trim();
        StaffRole::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(t) || r.label() == t)
            .ok_or_else(|| StaffError::BadRole(t.to_string()))
    }
}

/// A staff account as the app holds it once signed in. It carries no
/// password hash, so it can be shown or serialised freely. It is deliberately
/// not `Deserialize`: the app keeps the one `sign_in` returned rather than
/// trusting one sent back from the web view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staff {
    pub id: i64,
    pub name: String,
    pub role: StaffRole,
    pub active: bool,
    pub created_at: String,
    /// Set while the account is locked after too many wrong passwords (ISO-8601 with offset).
    pub locked_until: Option<String>,
}

/// A supervisor's sign-in given on the spot for a clerk's supervisor-only
/// action (主管授权). It holds a password, so it is never printed or logged:
/// `Debug` shows the name only.
#[derive(Clone, serde::Deserialize)]
pub struct Approval {
    pub name: String,
    pub password: String,
}

impl std::fmt::Debug for Approval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Approval").field("name", &self.name).finish_non_exhaustive()
    }
}

/// Everything a desk action may need permission for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    TakePayment,
    Reprint,
    VoidReceipt,
    Waive,
    RunBilling,
    EditFees,
    EditRegister,
    Import,
    EditSettings,
    ManageStaff,
    /// Giving a deposit back, with or without deductions.
    RefundDeposit,
    /// The monthly workbook for finance.
    ExportReports,
    /// Recording contacts and deliveries, printing 催缴函, exporting reminder texts.
    Dunning,
    /// Close one's own day (日结).
    CloseDay,
    /// Close another clerk's day.
    CloseAnyDay,
    /// Replace the estate's data with a backup.
    Restore,
    /// Changing what bills were made from: a billed unit's type, area or handover date.
    EditBilled,
    /// A person's data in full: the data-subject export and revealing phones and ID number on screen.
    ExportPersonalData,
    /// Erasing a former tenant's personal data.
    ErasePersonalData,
    /// Keys in custody: deposit, authorisations, lend, take back, hand back to the owner.
    Keys,
    /// Lend a key to someone the owner has not authorised, with a recorded reason.
    OverrideKeyLoan,
    /// Taking in parcels and letters, handing them out, texts, reminders, returns, labels.
    Parcels,
    /// Issuing and taking back cards and handsets, adding stock, starting and recording counts.
    Inventory,
    /// Signing off a monthly count (盘点) and closing it.
    SignOffCount,
    /// Renovation permits: apply, take fees and deposit, issue, inspect, waterproof tests, release slips, request completion.
    Renovation,
    /// Approving or rejecting a renovation application, extending its period, accepting the works or requiring rectification.
    ApproveRenovation,
    /// Meter readings: typing and importing them, correcting one with a reason, confirming an anomaly with a note.
    ReadMeters,
    /// Putting meters on file, replacing them, and splitting shared meters' usage (公摊).
    ManageMeters,
    /// The service desk: taking requests and complaints, their steps, work orders.
    Service,
    /// Satisfaction surveys: starting one, its questions, closing it (answers are `Service`).
    Surveys,
    View,
}

impl Permission {
    pub const ALL: [Permission; 31] = [
        Permission::TakePayment,
        Permission::Reprint,
        Permission::VoidReceipt,
        Permission::Waive,
        Permission::RunBilling,
        Permission::EditFees,
        Permission::EditRegister,
        Permission::Import,
        Permission::EditSettings,
        Permission::ManageStaff,
        Permission::RefundDeposit,
        Permission::ExportReports,
        Permission::Dunning,
        Permission::CloseDay,
        Permission::CloseAnyDay,
        Permission::Restore,
        Permission::EditBilled,
        Permission::ExportPersonalData,
        Permission::ErasePersonalData,
        Permission::Keys,
        Permission::OverrideKeyLoan,
        Permission::Parcels,
        Permission::Inventory,
        Permission::SignOffCount,
        Permission::Renovation,
        Permission::ApproveRenovation,
        Permission::ReadMeters,
        Permission::ManageMeters,
        Permission::Service,
        Permission::Surveys,
        Permission::View,
    ];

    /// The action as a clerk would name it, used in refusals.
    pub fn label(self) -> &'static str {
        match self {
            Permission::TakePayment => "收款",
            Permission::Reprint => "打印收据",
            Permission::VoidReceipt => "作废收据",
            Permission::Waive => "减免",
            Permission::RunBilling => "计费",
            Permission::EditFees => "修改收费项目和价格",
            Permission::EditRegister => "修改业户资料",
            Permission::Import => "导入",
            Permission::EditSettings => "修改设置",
            Permission::ManageStaff => "管理员工账号",
            Permission::RefundDeposit => "退押金",
            Permission::ExportReports => "导出月度报表",
            Permission::Dunning => "催缴",
            Permission::CloseDay => "日结",
            Permission::CloseAnyDay => "替其他收款人日结",
            Permission::Restore => "从备份恢复",
            Permission::EditBilled => "修改已出账房屋的类型、面积或交房日期",
            Permission::ExportPersonalData => "查看或导出住户的完整个人信息",
            Permission::ErasePersonalData => "删除住户的个人信息",
            Permission::Keys => "钥匙托管和借还",
            Permission::OverrideKeyLoan => "把钥匙借给未经业主授权的人",
            Permission::Parcels => "快递信件收发",
            Permission::Inventory => "发放和收回卡证、盘点",
            Permission::SignOffCount => "盘点签字结束",
            Permission::Renovation => "装修登记、收费、巡查、闭水试验、放行条",
            Permission::ApproveRenovation => "审批装修申请、延期、竣工验收",
            Permission::ReadMeters => "抄表录入、导入、更正读数、确认异常",
            Permission::ManageMeters => "登记和更换水电表、公摊分摊",
            Permission::Service => "受理业户需求和投诉、维修派工",
            Permission::Surveys => "新建满意度调查、定题目、结束调查",
            Permission::View => "查看",
        }
    }
}

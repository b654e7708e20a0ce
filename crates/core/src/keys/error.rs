//! Refusals of key custody and key loans. No message ever holds an ID number:
//! only the last four characters are taken, and a wrong one is not echoed.

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("没有挂在“{0}”号挂钩上的托管钥匙。请核对挂钩号（钥匙列表里有）。")]
    NotFound(String),
    #[error("找不到编号 {0} 的钥匙记录，请刷新后再试。")]
    IdNotFound(i64),
    #[error("找不到借出记录 {0}，请刷新后再试。")]
    LoanNotFound(i64),
    #[error("挂钩“{0}”上已经挂着托管钥匙。请换一个空挂钩，或先把那串钥匙退还业主。")]
    HookTaken(String),
    #[error("挂钩号要填（例如 A-01），不超过 20 个字。")]
    BadHook,
    #[error("钥匙数量要在 1 到 99 把之间。")]
    BadCount,
    #[error("请填写{0}。")]
    Missing(&'static str),
    #[error("{0}太长了，请不超过 {1} 个字。")]
    TooLong(&'static str, usize),
    #[error("证件号码只登记最后 4 位（数字或 X，例如 123X），请不要输入完整号码。")]
    BadIdTail,
    #[error("证件类型“{0}”不认识。可选：身份证、护照、港澳通行证、台胞证、驾驶证、工作证、其他。")]
    BadIdType(String),
    #[error("借用人类别“{0}”不认识。可选：业主、授权人、施工方、员工。")]
    BadBorrowerKind(String),
    #[error("授权类别“{0}”不认识。可选：授权人、工程部、施工方。")]
    BadAuthKind(String),
    #[error("装修施工方的授权要写明起止日期（从哪天到哪天）。")]
    ContractorDates,
    #[error("授权的结束日期 {to} 早于开始日期 {from}，请核对。")]
    DatesReversed { from: String, to: String },
    #[error("日期“{0}”认不出，请写成 2026-11-23。")]
    BadDate(String),
    #[error("归还时间“{0}”认不出。请写成 18:00（今天），或 2026-11-24 18:00。")]
    BadDue(String),
    #[error("归还时间 {due} 不在借出时间 {now} 之后，请核对。")]
    DueNotAhead { due: String, now: String },
    #[error("归还时间最晚定在借出后 {0} 天内；更长的借用请分次登记。")]
    DueTooFar(i64),
    #[error("{unit} 的钥匙不能借给“{borrower}”：{reason}。请核对业主的书面授权；确需借出的，请主管特批并写明原因。")]
    NotAuthorised { unit: String, borrower: String, reason: String },
    #[error("钥匙 {hook}（{unit}）已借给“{borrower}”，还没有归还。请先登记归还再借出。")]
    AlreadyOut { hook: String, unit: String, borrower: String },
    #[error("钥匙 {hook}（{unit}）已于 {on} 退还业主，不能再借出或归还。")]
    Released { hook: String, unit: String, on: String },
    #[error("钥匙 {0} 现在没有借出，不用登记归还。")]
    NotOut(String),
    #[error("钥匙 {0} 借出还没有还回来，收回后才能退还业主。")]
    OutOnLoan(String),
    #[error("主管特批借出要写明原因（例如：业主电话同意，书面授权随后补交）。")]
    OverrideReason,
    #[error("退还业主的日期 {on} 早于存放日期 {deposited}，请核对。")]
    ReleaseBeforeDeposit { on: String, deposited: String },
    #[error("登记表的期间从 {from} 到 {to} 不对：结束不能早于开始，最长一年。")]
    BadPeriod { from: String, to: String },
}

impl Coded for KeyError {
    fn code(&self) -> &'static str {
        match self {
            KeyError::NotFound(_) | KeyError::IdNotFound(_) => "key.not_found",
            KeyError::LoanNotFound(_) => "key.loan_not_found",
            KeyError::HookTaken(_) => "key.hook_taken",
            KeyError::BadHook => "key.bad_hook",
            KeyError::BadCount => "key.bad_count",
            KeyError::Missing(_) => "key.missing",
            KeyError::TooLong(..) => "key.too_long",
            KeyError::BadIdTail => "key.bad_id_tail",
            KeyError::BadIdType(_) => "key.bad_id_type",
            KeyError::BadBorrowerKind(_) => "key.bad_borrower_kind",
            KeyError::BadAuthKind(_) => "key.bad_authorisation_kind",
            KeyError::ContractorDates => "key.contractor_dates",
            KeyError::DatesReversed { .. } => "key.dates_reversed",
            KeyError::BadDate(_) => "key.bad_date",
            KeyError::BadDue(_) => "key.bad_due",
            KeyError::DueNotAhead { .. } => "key.due_not_ahead",
            KeyError::DueTooFar(_) => "key.due_too_far",
            KeyError::NotAuthorised { .. } => "key.not_authorised",
            KeyError::AlreadyOut { .. } => "key.already_out",
            KeyError::Released { .. } => "key.released",
            KeyError::NotOut(_) => "key.not_out",
            KeyError::OutOnLoan(_) => "key.out_on_loan",
            KeyError::OverrideReason => "key.reason_required",
            KeyError::ReleaseBeforeDeposit { .. } => "key.release_before_deposit",
            KeyError::BadPeriod { .. } => "key.bad_period",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

//! Errors of the daily close. Every one is the clerk's to fix, and says how.

use chrono::NaiveDate;

use crate::error::Coded;
use crate::money::Money;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CloseError {
    #[error("{day} 还没到（今天是 {today}），不能日结。日结只能结今天或以前的账。")]
    FutureDay { day: NaiveDate, today: NaiveDate },
    #[error("{clerk} {day} 的账已经日结过了（{closed_by} 于 {closed_at}），不能再结。如有差错，请在以后的日结里冲回并写明。")]
    AlreadyClosed { clerk: String, day: NaiveDate, closed_by: String, closed_at: String },
    #[error("现金清点 {counted} 元，应有 {expected} 元，相差 {difference} 元。请在备注里写明长款或短款的原因。")]
    NoteRequired { difference: Money, expected: Money, counted: Money },
    #[error("清点的现金不能是负数，请重新清点后填写。")]
    NegativeCount,
    #[error("{clerk} {day} 的账已经日结锁定，这笔收款不能再记入这一天。请明天再收，或由还没有日结的前台收款。")]
    PaymentLocked { clerk: String, day: NaiveDate },
    #[error("收据 {receipt_no} 是 {clerk} 收的，{clerk} {day} 的账已经日结锁定，今天不能再作废。请明天作废，冲回会记入明天的日结。")]
    VoidLocked { receipt_no: String, clerk: String, day: NaiveDate },
    #[error("找不到收款人“{0}”：没有这个员工账号，也没有他收过的款。请核对姓名。")]
    UnknownClerk(String),
    #[error("{clerk} {day} 还没有日结。请先清点现金、日结，再打印交接单。")]
    NotClosed { clerk: String, day: NaiveDate },
}

impl Coded for CloseError {
    fn code(&self) -> &'static str {
        match self {
            CloseError::FutureDay { .. } => "close.future_day",
            CloseError::AlreadyClosed { .. } => "close.already_closed",
            CloseError::NoteRequired { .. } => "close.note_required",
            CloseError::NegativeCount => "close.negative_count",
            CloseError::PaymentLocked { .. } | CloseError::VoidLocked { .. } => "close.day_locked",
            CloseError::UnknownClerk(_) => "close.unknown_clerk",
            CloseError::NotClosed { .. } => "close.not_closed",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

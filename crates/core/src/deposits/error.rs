//! Refusals of the deposit ledger.

use crate::error::Coded;
use crate::money::Money;

#[derive(Debug, thiserror::Error)]
pub enum DepositError {
    #[error("押金类别“{0}”不认识。可选：装修押金、钥匙押金、门禁卡押金、车卡押金、对讲机押金、其他。")]
    BadKind(String),
    #[error("找不到押金 {0}，请核对押金编号。")]
    NotFound(i64),
    #[error("押金 {0} 已经全部退还或扣除，没有可退的了。")]
    Settled(i64),
    #[error("退还 {refund} 元加扣除 {deduct} 元，超过押金 {id} 现存的 {held} 元。请核对金额。")]
    RefundTooLarge { id: i64, refund: Money, deduct: Money, held: Money },
    #[error("扣除押金要写明原因（例如：损坏公共设施的维修费）。")]
    DeductionReason,
    #[error("退还金额和扣除金额不能都是 0。")]
    NothingToRefund,
    #[error("退还和扣除的金额不能是负数。")]
    NegativeAmount,
}

impl Coded for DepositError {
    fn code(&self) -> &'static str {
        match self {
            DepositError::BadKind(_) => "deposit.bad_kind",
            DepositError::NotFound(_) => "deposit.not_found",
            DepositError::Settled(_) => "deposit.settled",
            DepositError::RefundTooLarge { .. } => "deposit.refund_too_large",
            DepositError::DeductionReason => "deposit.reason_required",
            DepositError::NothingToRefund => "deposit.nothing_to_refund",
            DepositError::NegativeAmount => "deposit.negative",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

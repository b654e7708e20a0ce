//! Errors of late fees.

use crate::error::Coded;
use crate::money::Money;

#[derive(Debug, thiserror::Error)]
pub enum LateFeeError {
    #[error("日费率“{0}”不对，应写成 0.0003（即万分之三）、0.03% 或 万分之三。")]
    BadRate(String),
    #[error("日费率“{0}”超过每天 1%，多半是写错了（万分之三应写 0.0003 或 0.03%）。请核对后再设。")]
    RateTooHigh(String),
    #[error("宽限天数 {0} 不对，应为 0 到 365 之间的整数。")]
    BadGrace(i64),
    #[error("封顶比例 {0} 不对，应为 1 到 100 之间的整数（100 表示违约金不超过欠费本金）。")]
    BadCap(i64),
    #[error("收费项目“{0}”没有设违约金规则，不需要取消。")]
    NoRule(String),
    #[error("{}", not_covered(*needed, *fee, bill, *upto))]
    NotCovered { needed: Money, fee: Money, bill: String, upto: Money },
    #[error("账单 {0} 今天没有违约金，不需要减免。")]
    NothingToWaive(i64),
    #[error("这笔收款付不到账单 {0}，不能减免它的违约金。请多收一些，或只勾选要缴的账单。")]
    WaiverNotReached(i64),
}

fn not_covered(needed: Money, fee: Money, bill: &str, upto: Money) -> String {
    let shorter = if upto.is_positive() { format!("，或只收 {upto} 元（缴到上一笔为止）") } else { String::new() };
    format!("违约金要先收：{bill}的违约金是 {fee} 元，这笔钱不够。请至少收 {needed} 元{shorter}；如需减免违约金，请主管操作。")
}

impl Coded for LateFeeError {
    fn code(&self) -> &'static str {
        match self {
            LateFeeError::BadRate(_) => "late_fee.bad_rate",
            LateFeeError::RateTooHigh(_) => "late_fee.rate_too_high",
            LateFeeError::BadGrace(_) => "late_fee.bad_grace",
            LateFeeError::BadCap(_) => "late_fee.bad_cap",
            LateFeeError::NoRule(_) => "late_fee.no_rule",
            LateFeeError::NotCovered { .. } => "late_fee.not_covered",
            LateFeeError::NothingToWaive(_) => "late_fee.nothing_to_waive",
            LateFeeError::WaiverNotReached(_) => "late_fee.waiver_not_reached",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

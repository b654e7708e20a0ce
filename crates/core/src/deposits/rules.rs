//! What a deposit may be and how much may come back out of it: pure rules, tested alone.

use super::DepositError;
use crate::money::Money;

/// The kinds of deposit the office takes. Stored as the Chinese name, so a
/// later part (renovation, keys) can add one without a migration.
pub const KINDS: [&str; 6] = ["装修押金", "钥匙押金", "门禁卡押金", "车卡押金", "对讲机押金", "其他"];

/// A kind as typed: the name, or its short form (装修, 钥匙, 门禁卡) or an English code.
pub fn parse_kind(text: &str) -> Result<&'static str, DepositError> {
    let t = text.trim();
    let code = match t.to_ascii_lowercase().as_str() {
        "renovation" => "装修押金",
        "key" => "钥匙押金",
        "card" => "门禁卡押金",
        "car_card" => "车卡押金",
        "handset" => "对讲机押金",
        "other" => "其他",
        _ => "",
    };
    KINDS
        .into_iter()
        .find(|k| *k == t || *k == code || (!t.is_empty() && k.trim_end_matches("押金") == t))
        .ok_or_else(|| DepositError::BadKind(t.to_string()))
}

/// A refund gives back `refund` and keeps `deduct` (with a reason) out of what
/// is `held`; together they may not exceed it, and at least one is above zero.
pub fn check_refund(deposit_id: i64, held: Money, refund: Money, deduct: Money, reason: &str) -> Result<(), DepositError> {
    if refund.fen() < 0 || deduct.fen() < 0 {
        return Err(DepositError::NegativeAmount);
    }
    if refund.is_zero() && deduct.is_zero() {
        return Err(DepositError::NothingToRefund);
    }
    if !held.is_positive() {
        return Err(DepositError::Settled(deposit_id));
    }
    if refund + deduct > held {
        return Err(DepositError::RefundTooLarge { id: deposit_id, refund, deduct, held });
    }
    if deduct.is_positive() && reason.trim().is_empty() {
        return Err(DepositError::DeductionReason);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_by_name_short_name_or_code() {
        assert_eq!(parse_kind("装修押金").unwrap(), "装修押金");
        assert_eq!(parse_kind(" 装修 ").unwrap(), "装修押金");
        assert_eq!(parse_kind("key").unwrap(), "钥匙押金");
        assert_eq!(parse_kind("门禁卡").unwrap(), "门禁卡押金");
        assert_eq!(parse_kind("其他").unwrap(), "其他");
        assert_eq!(parse_kind("车卡").unwrap(), "车卡押金");
        assert_eq!(parse_kind("对讲机").unwrap(), "对讲机押金");
        assert!(parse_kind("").is_err());
        assert!(parse_kind("押金").is_err());
        assert!(parse_kind("停车").unwrap_err().to_string().contains("装修押金、钥匙押金"));
    }

    #[test]
    fn refund_and_deductions_never_exceed_what_is_held() {
        let held = Money(200000);
        assert!(check_refund(1, held, Money(150000), Money(50000), "墙面损坏").is_ok());
        assert!(check_refund(1, held, Money(200000), Money::ZERO, "").is_ok());
        assert!(check_refund(1, held, Money::ZERO, Money(200000), "全部扣除").is_ok());
        assert!(matches!(check_refund(1, held, Money(150000), Money(50001), "x"), Err(DepositError::RefundTooLarge { .. })));
        assert!(matches!(check_refund(1, held, Money(100), Money(100), " "), Err(DepositError::DeductionReason)));
        assert!(matches!(check_refund(1, held, Money::ZERO, Money::ZERO, ""), Err(DepositError::NothingToRefund)));
        assert!(matches!(check_refund(1, held, Money(-1), Money::ZERO, ""), Err(DepositError::NegativeAmount)));
        assert!(matches!(check_refund(1, Money::ZERO, Money(1), Money::ZERO, ""), Err(DepositError::Settled(1))));
    }
}

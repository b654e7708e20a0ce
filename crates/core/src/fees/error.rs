//! Errors of the fee ledger.

use crate::error::Coded;
use crate::money::Money;

#[derive(Debug, thiserror::Error)]
pub enum FeesError {
    #[error("金额必须大于 0。")]
    AmountNotPositive,
    #[error("金额“{0}”不对：{1}。请写成 300.00 这样的数字。")]
    BadAmount(String, String),
    #[error("单笔金额 {0} 元太大，请核对后再收。")]
    AmountTooLarge(Money),
    #[error("收款方式“{0}”不认识。可选：cash 现金、card 银行卡、wechat 微信、alipay 支付宝、transfer 转账。")]
    BadMethod(String),
    #[error("月份“{0}”认不出，应写成 2026-11。")]
    BadPeriod(String),
    #[error("起始月份 {from} 晚于结束月份 {to}，请调换。")]
    PeriodRange { from: String, to: String },
    #[error("一次最多计费 120 个月（{from} 至 {to} 太长），请分几次计费。")]
    PeriodTooLong { from: String, to: String },
    #[error("收费项目“{0}”已经有{1}的价格了。")]
    FeeExists(String, String),
    #[error("找不到收费项目“{0}”。")]
    FeeNotFound(String),
    #[error("收费项目名称不能为空。")]
    FeeNameRequired,
    #[error("单价“{0}”不对，应为大于 0、不超过 100000 元的数字，例如 2.00。")]
    BadPrice(String),
    #[error("计费方式“{0}”不认识。可选：area 按面积、unit 按户、quantity 按用量、once 一次性。")]
    BadBasis(String),
    #[error("房屋类型“{0}”不认识，可选：住宅、商铺、车位、储藏室、办公，或留空表示通用价格。")]
    BadUnitType(String),
    #[error("计费周期只能是 1、2、3、6 或 12 个月。")]
    BadCycle,
    #[error("用量“{0}”不对，应为 0 到 1000000 之间的数字。")]
    BadQuantity(String),
    #[error("找不到收据 {0}。请核对收据号。")]
    ReceiptNotFound(String),
    #[error("收据 {receipt_no} 已经作废过了，不能再作废。")]
    ReceiptAlreadyVoid { receipt_no: String },
    #[error("请填写原因（作废、减免都要写明原因）。")]
    ReasonRequired,
    #[error("找不到账单 {0}。")]
    BillNotFound(i64),
    #[error("账单 {bill} 不属于房号 {unit}。")]
    BillNotOfUnit { bill: i64, unit: String },
    #[error("账单 {0} 已经结清，不需要再收或减免。")]
    BillSettled(i64),
    #[error("减免金额 {asked} 元超过账单未缴的 {outstanding} 元。")]
    WaiverTooLarge { asked: Money, outstanding: Money },
}

impl Coded for FeesError {
    fn code(&self) -> &'static str {
        match self {
            FeesError::AmountNotPositive => "amount.not_positive",
            FeesError::BadAmount(..) => "amount.invalid",
            FeesError::AmountTooLarge(_) => "amount.too_large",
            FeesError::BadMethod(_) => "payment.bad_method",
            FeesError::BadPeriod(_) => "period.invalid",
            FeesError::PeriodRange { .. } => "period.range",
            FeesError::PeriodTooLong { .. } => "period.too_long",
            FeesError::FeeExists(..) => "fee.exists",
            FeesError::FeeNotFound(_) => "fee.not_found",
            FeesError::FeeNameRequired => "fee.name_required",
            FeesError::BadPrice(_) => "fee.bad_price",
            FeesError::BadBasis(_) => "fee.bad_basis",
            FeesError::BadUnitType(_) => "fee.bad_unit_type",
            FeesError::BadCycle => "fee.bad_cycle",
            FeesError::BadQuantity(_) => "fee.bad_quantity",
            FeesError::ReceiptNotFound(_) => "receipt.not_found",
            FeesError::ReceiptAlreadyVoid { .. } => "receipt.already_void",
            FeesError::ReasonRequired => "reason.required",
            FeesError::BillNotFound(_) => "bill.not_found",
            FeesError::BillNotOfUnit { .. } => "bill.not_of_unit",
            FeesError::BillSettled(_) => "bill.settled",
            FeesError::WaiverTooLarge { .. } => "waiver.too_large",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

//! Types of the fee ledger.

use rust_decimal::Decimal;
use serde::Serialize;

use super::FeesError;
use crate::money::Money;

/// What a fee item's amount is proportional to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// 元/㎡/月 × the unit's area.
    Area,
    /// A fixed amount per unit per month.
    Unit,
    /// 元 per recorded quantity (e.g. tonnes of water) for the period.
    Quantity,
    /// Billed once per unit, ever.
    Once,
}

impl Basis {
    pub fn code(self) -> &'static str {
        match self {
            Basis::Area => "area",
            Basis::Unit => "unit",
            Basis::Quantity => "quantity",
            Basis::Once => "once",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Basis::Area => "按面积",
            Basis::Unit => "按户",
            Basis::Quantity => "按用量",
            Basis::Once => "一次性",
        }
    }

    pub fn parse(text: &str) -> Result<Basis, FeesError> {
        [Basis::Area, Basis::Unit, Basis::Quantity, Basis::Once]
            .into_iter()
            .find(|b| b.code() == text.trim() || b.label() == text.trim())
            .ok_or_else(|| FeesError::BadBasis(text.to_string()))
    }
}

/// How money was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Cash,
    Card,
    Wechat,
    Alipay,
    Transfer,
}

impl Method {
    pub const ALL: [Method; 5] = [Method::Cash, Method::Card, Method::Wechat, Method::Alipay, Method::Transfer];

    pub fn code(self) -> &'static str {
        match self {
            Method::Cash => "cash",
            Method::Card => "card",
            Method::Wechat => "wechat",
            Method::Alipay => "alipay",
            Method::Transfer => "transfer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Method::Cash => "现金",
            Method::Card => "银行卡",
            Method::Wechat => "微信",
            Method::Alipay => "支付宝",
            Method::Transfer => "转账",
        }
    }

    /// The label of a stored method code; "其他" for a code this version does not know.
    pub fn label_of(code: &str) -> &'static str {
        Method::parse(code).map(Method::label).unwrap_or("其他")
    }

    /// Accepts the code or the Chinese label.
    pub fn parse(text: &str) -> Result<Method, FeesError> {
        let t = text.trim();
        Method::ALL
            .into_iter()
            .find(|m| m.code().eq_ignore_ascii_case(t) || m.label() == t)
            .ok_or_else(|| FeesError::BadMethod(t.to_string()))
    }
}

/// An amount as a clerk types it ("1,234.50", "¥50"), or the refusal that names it.
pub fn parse_amount(text: &str) -> Result<crate::money::Money, FeesError> {
    crate::money::Money::parse(text).map_err(|e| FeesError::BadAmount(text.to_string(), e.to_string()))
}

/// A price as the office sets it: exact decimal yuan per basis unit.
pub fn parse_price(text: &str) -> Result<Decimal, FeesError> {
    let cleaned = text.trim().trim_start_matches(['¥', '￥']).replace([',', '，'], "");
    match cleaned.parse::<Decimal>() {
        Ok(p) if p > Decimal::ZERO && p <= Decimal::from(MAX_PRICE_YUAN) && p.scale() <= 4 => Ok(p.normalize()),
        _ => Err(FeesError::BadPrice(text.trim().to_string())),
    }
}

/// The highest price (元) accepted: a typo guard, as `MAX_PAYMENT` is for payments.
pub const MAX_PRICE_YUAN: i64 = 100_000;
/// The highest quantity (tonnes, kWh…) recorded for one unit and month: a typo guard.
pub const MAX_QUANTITY: i64 = 1_000_000;

/// A quantity as typed ("12.5" tonnes); not negative, not absurd.
pub fn parse_quantity(text: &str) -> Result<Decimal, FeesError> {
    match text.trim().parse::<Decimal>() {
        Ok(q) if !q.is_sign_negative() && q <= Decimal::from(MAX_QUANTITY) => Ok(q.normalize()),
        _ => Err(FeesError::BadQuantity(text.trim().to_string())),
    }
}

/// The unit type a price is for: a type's name, or blank / 通用 for the general price.
pub fn parse_price_type(text: &str) -> Result<Option<crate::register::UnitType>, FeesError> {
    match text.trim() {
        "" | "通用" => Ok(None),
        t => crate::register::UnitType::parse(t).map(Some).ok_or_else(|| FeesError::BadUnitType(t.to_string())),
    }
}

/// Shows a price with at least two decimals: 2 → "2.00", 1.215 → "1.215".
pub fn price_text(p: Decimal) -> String {
    let p = p.normalize();
    if p.scale() < 2 { format!("{:.2}", p) } else { p.to_string() }
}

#[derive(Debug, Clone, Serialize)]
pub struct FeePrice {
    /// The unit type this price is for; `None` for every type without its own price.
    pub unit_type: Option<String>,
    #[serde(serialize_with = "serialize_price")]
    pub price: Decimal,
}

fn serialize_price<S: serde::Serializer>(p: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&price_text(*p))
}

#[derive(Debug, Clone, Serialize)]
pub struct FeeItem {
    pub id: i64,
    pub name: String,
    pub basis: Basis,
    pub cycle_months: u32,
    pub prices: Vec<FeePrice>,
}

impl FeeItem {
    /// The price for a unit type: its own, else the general one.
    pub fn price_for(&self, unit_type: &str) -> Option<Decimal> {
        let own = self.prices.iter().find(|p| p.unit_type.as_deref() == Some(unit_type));
        own.or_else(|| self.prices.iter().find(|p| p.unit_type.is_none())).map(|p| p.price)
    }
}

/// A price for one unit only (e.g. a shop with a negotiated rate).
#[derive(Debug, Clone, Serialize)]
pub struct UnitPrice {
    pub unit: String,
    pub item: String,
    #[serde(serialize_with = "serialize_price")]
    pub price: Decimal,
}

/// A bill with what has been paid and waived against it.
#[derive(Debug, Clone, Serialize)]
pub struct BillLine {
    pub id: i64,
    pub item: String,
    /// "2026-11", or "2026-01~2026-03" for a bill covering several months.
    pub period: String,
    pub price: String,
    pub quantity: String,
    pub amount: Money,
    pub paid: Money,
    pub waived: Money,
    pub outstanding: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct Balance {
    pub unit: String,
    /// Unpaid charges.
    pub owed: Money,
    /// Money held in advance (预存), applied to new bills at the next billing run.
    pub prepaid: Money,
    /// Unpaid bills, oldest first.
    pub bills: Vec<BillLine>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BillingReport {
    pub bills: usize,
    pub total: Money,
    /// Bills that existed already and were not made again.
    pub skipped_existing: usize,
    /// Lines not billed because the unit lacks what the item needs (an area, a recorded quantity).
    pub not_billed_missing_data: usize,
    /// Prepayment applied to the new bills.
    pub prepaid_applied: Money,
    /// Units in the register.
    pub units_total: usize,
    /// Units that got at least one new bill.
    pub units_billed: usize,
    /// Units whose every line was billed before (a repeated run).
    pub units_already_billed: usize,
    /// The same counts by fee item, in item order.
    pub items: Vec<ItemTotal>,
}

/// One fee item's share of a billing run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemTotal {
    pub item: String,
    pub basis: Basis,
    pub bills: usize,
    pub total: Money,
    pub skipped_existing: usize,
    pub not_billed_missing_data: usize,
}

impl Default for ItemTotal {
    fn default() -> Self {
        ItemTotal { item: String::new(), basis: Basis::Unit, bills: 0, total: Money::ZERO, skipped_existing: 0, not_billed_missing_data: 0 }
    }
}

/// One unit's share of a billing run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UnitTotal {
    pub unit: String,
    pub unit_type: String,
    pub bills: usize,
    pub total: Money,
    pub skipped_existing: usize,
    pub not_billed_missing_data: usize,
}

/// What a billing run over a range would write now, before anything is written.
#[derive(Debug, Clone, Serialize)]
pub struct BillingPreview {
    pub from: super::Period,
    pub to: super::Period,
    /// Exactly the report the run would return.
    pub report: BillingReport,
    /// Every unit with a line in the range, in register order.
    pub units: Vec<UnitTotal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Allocation {
    pub bill_id: i64,
    pub item: String,
    pub period: String,
    pub amount: Money,
    /// For a late fee collected: the bill it is for.
    pub late_of: Option<i64>,
}

/// A late fee a supervisor waived while a payment was taken.
#[derive(Debug, Clone, Serialize)]
pub struct WaivedLateFee {
    /// The bill the late fee was for.
    pub bill_id: i64,
    /// 违约金（物业服务费 2026-08）
    pub item: String,
    pub amount: Money,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaymentResult {
    pub receipt_no: String,
    pub unit: String,
    pub amount: Money,
    /// Bills paid, each late fee collected on its own line before the bill it is for.
    pub allocated: Vec<Allocation>,
    /// Late fees collected (included in `allocated`).
    pub late_fees: Money,
    pub late_fees_waived: Vec<WaivedLateFee>,
    /// The part of this payment kept as prepayment.
    pub prepaid: Money,
    /// The unit's balances after the payment.
    pub owed_after: Money,
    pub prepaid_after: Money,
    /// Who took it, and the supervisor who approved a clerk's late-fee waiver on the spot.
    pub operator: String,
    pub approved_by: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewPayment {
    pub amount: Money,
    pub method: Method,
    pub payer: String,
    pub reference: String,
    /// Bills chosen by the clerk; empty = oldest unpaid first.
    pub bills: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VoidResult {
    pub receipt_no: String,
    pub amount: Money,
    pub owed_after: Money,
    pub prepaid_after: Money,
    /// Who voided it, and the supervisor who approved a clerk's void on the spot.
    pub operator: String,
    pub approved_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Waiver {
    pub id: i64,
    pub bill_id: i64,
    pub amount: Money,
    pub outstanding_after: Money,
    /// Who gave it, and the supervisor who approved a clerk's waiver on the spot.
    pub operator: String,
    pub approved_by: Option<String>,
}

/// A receipt as the unit's history lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ReceiptInfo {
    pub receipt_no: String,
    /// When the money was taken (ISO-8601 with offset).
    pub paid_at: String,
    pub amount: Money,
    /// The method's Chinese label (现金, 微信, …).
    pub method: String,
    pub payer: String,
    pub reference: String,
    pub operator: String,
    /// The void reason when the receipt was voided.
    pub void_reason: Option<String>,
    /// Who voided it, and the supervisor who approved a clerk's void on the spot.
    pub voided_by: Option<String>,
    pub void_approved_by: Option<String>,
    /// How many times it has been printed (0 = not yet; more than 1 = reprinted).
    pub prints: u32,
}

/// One line of a statement of account, in date order.
#[derive(Debug, Clone, Serialize)]
pub struct StatementLine {
    pub date: String,
    pub kind: &'static str,
    pub text: String,
    /// Charges raise what is owed; payments, waivers and voids are signed accordingly.
    pub charge: Money,
    pub credit: Money,
    /// Charges minus credits so far (negative = money in hand).
    pub balance: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    pub unit: String,
    pub lines: Vec<StatementLine>,
    pub owed: Money,
    pub prepaid: Money,
}

//! Refusals of the meters part: each says why and what to do.

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum MetersError {
    #[error("表类“{0}”不认识，可填：水、电、燃气。")]
    BadKind(String),
    #[error("分摊方式“{0}”不认识，可填：按面积（area）或按户（household）。")]
    BadBasis(String),
    #[error("表盘位数“{0}”不对，应是 3 到 9 之间的整数（常见 5 位）。")]
    BadDigits(String),
    #[error("{0}。")]
    BadReading(String),
    #[error("阶梯价格不对：{0}。")]
    BadTiers(String),
    #[error("公用表要写表名（如 3栋电梯），房屋的表要写房号；两者只写一个。")]
    NameOrUnit,
    #[error("{0} 已经有{1}表了。换表请用 estate meter replace。")]
    MeterExists(String, &'static str),
    #[error("已经有名为“{0}”的公用表了，请换一个表名。")]
    NameTaken(String),
    #[error("找不到{0}。请核对房号和表类，或公用表的表名（estate meter list 可查）。")]
    NotFound(String),
    #[error("{0} 有多块表（{1}），请写明表类（--kind 水/电/燃气）。")]
    WhichKind(String, String),
    #[error("“{0}”不是公用表，房屋的表只能挂在公用表下面。")]
    NotShared(String),
    #[error("“{0}”是公用表，不能这样用：{1}")]
    IsShared(String, &'static str),
    #[error("公用表“{parent}”是{parent_kind}表，{unit}的{kind}表不能挂在它下面。")]
    KindMismatch { parent: String, parent_kind: &'static str, unit: String, kind: &'static str },
    #[error("收费项目“{0}”不存在。请先在收费设置里添加它（按用量计费），再登记表。")]
    NoFeeItem(String),
    #[error("收费项目“{0}”不是按用量计费的，抄表和公摊只能记到按用量的收费项目上。")]
    FeeNotQuantity(String),
    #[error("{meter} {period} 已录入读数 {value}。要更正请用 estate meter correct（写明原因）。")]
    AlreadyRead { meter: String, period: String, value: String },
    #[error("{meter} {period} 还没有读数，没有可更正的。请用 estate meter read 录入。")]
    NothingToCorrect { meter: String, period: String },
    #[error("{meter} 从 {start} 起才有读数，{period} 早于此。")]
    BeforeStart { meter: String, start: String, period: String },
    #[error("{meter} 的 {period} 已经出账，读数和分摊不能再改。多收少收请用减免或下月调整。")]
    Billed { meter: String, period: String },
    #[error("更正读数要写明原因（如：抄错位、照片核对）。")]
    ReasonRequired,
    #[error("确认异常要写明说明（如：已电话核实，住户出国 3 个月）。")]
    NoteRequired,
    #[error("{meter} {period} 没有“{kind}”这一异常，不用确认。请先运行检查（estate meter check）。")]
    NoSuchAnomaly { meter: String, period: String, kind: String },
    #[error("旧表最后读数 {final_value} 小于它上次的读数 {last}，请核对。")]
    FinalBelowLast { final_value: String, last: String },
    #[error("{meter} {period} 已登记过换表。")]
    AlreadySwapped { meter: String, period: String },
    #[error("{period} 还有 {count} 个抄表异常没有确认或更正，不能出账：{units}。请先在抄表检查里逐一确认（写明说明）或更正读数。")]
    Unconfirmed { period: String, count: usize, units: String },
    #[error("公用表“{meter}”{period} 的读数在分摊之后改过，不能按旧的分摊出账。请重新分摊（estate meter allocate）。")]
    StaleAllocation { meter: String, period: String },
    #[error("公用表“{meter}”{period} 没有读数，不能分摊。请先录入读数。")]
    NoUsage { meter: String, period: String },
    #[error("公用表“{meter}”{period} 用量 {usage}，小于挂在下面的分表用量之和 {units}，请核对读数。")]
    NegativeShare { meter: String, period: String, usage: String, units: String },
    #[error("按面积分摊，但这些房屋没有登记面积：{0}。请先补登面积，或改为按户分摊。")]
    NoArea(String),
    #[error("公用表“{0}”下面没有可分摊的房屋。")]
    NoUnits(String),
    #[error("收费项目“{0}”没有通用单价，公摊金额算不出来。请先设置单价。")]
    NoPrice(String),
}

impl Coded for MetersError {
    fn code(&self) -> &'static str {
        match self {
            MetersError::BadKind(_) => "meter.bad_kind",
            MetersError::BadBasis(_) => "meter.bad_basis",
            MetersError::BadDigits(_) => "meter.bad_digits",
            MetersError::BadReading(_) => "meter.bad_reading",
            MetersError::BadTiers(_) => "meter.bad_tiers",
            MetersError::NameOrUnit => "meter.name_or_unit",
            MetersError::MeterExists(..) => "meter.exists",
            MetersError::NameTaken(_) => "meter.name_taken",
            MetersError::NotFound(_) => "meter.not_found",
            MetersError::WhichKind(..) => "meter.which_kind",
            MetersError::NotShared(_) => "meter.not_shared",
            MetersError::IsShared(..) => "meter.is_shared",
            MetersError::KindMismatch { .. } => "meter.kind_mismatch",
            MetersError::NoFeeItem(_) => "meter.no_fee_item",
            MetersError::FeeNotQuantity(_) => "meter.fee_not_quantity",
            MetersError::AlreadyRead { .. } => "meter.already_read",
            MetersError::NothingToCorrect { .. } => "meter.nothing_to_correct",
            MetersError::BeforeStart { .. } => "meter.before_start",
            MetersError::Billed { .. } => "meter.billed",
            MetersError::ReasonRequired => "meter.reason_required",
            MetersError::NoteRequired => "meter.note_required",
            MetersError::NoSuchAnomaly { .. } => "meter.no_such_anomaly",
            MetersError::FinalBelowLast { .. } => "meter.final_below_last",
            MetersError::AlreadySwapped { .. } => "meter.already_swapped",
            MetersError::Unconfirmed { .. } => "meter.unconfirmed",
            MetersError::StaleAllocation { .. } => "meter.stale_allocation",
            MetersError::NoUsage { .. } => "meter.no_usage",
            MetersError::NegativeShare { .. } => "meter.negative_share",
            MetersError::NoArea(_) => "meter.no_area",
            MetersError::NoUnits(_) => "meter.no_units",
            MetersError::NoPrice(_) => "meter.no_price",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

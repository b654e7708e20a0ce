//! Refusals of renovation permits: each says why and what to do.

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum RenoError {
    #[error("找不到装修登记 {0}，请核对编号（estate reno list 可查）。")]
    NotFound(String),
    #[error("申请人“{0}”不是该户登记在册的业主。业主委托他人办理的，请写明委托书（--authorisation 委托书编号或说明）。")]
    NotOwner(String),
    #[error("{0}不能为空，请填写后再提交。")]
    Required(&'static str),
    #[error("施工范围“{0}”不认识。可选：墙体、地面、水电、防水、门窗、阳台、空调。")]
    BadScope(String),
    #[error("请至少选择一项施工范围（墙体、地面、水电、防水、门窗、阳台、空调）。")]
    NoScope,
    #[error("日期“{0}”认不出，应写成 2026-11-23。")]
    BadDate(String),
    #[error("时间“{0}”认不出，应写成 2026-11-23 09:00。")]
    BadTime(String),
    #[error("计划完工日期 {end} 要晚于开工日期 {start}，请核对。")]
    EndBeforeStart { start: String, end: String },
    #[error("计划工期 {days} 天，超过小区规定的最长 {max} 天（设置 reno_max_days）。请缩短工期，或开工后办理延期。")]
    TooLong { days: i64, max: i64 },
    #[error("开工日期 {0} 已经过去，请写今天或以后的日期。")]
    StartInPast(String),
    #[error("工人“{0}”的证件号码只登记后 4 位（如 123X），不收完整号码。")]
    IdLast4(String),
    #[error("工人“{0}”的电话“{1}”不像电话号码，请核对。")]
    BadPhone(String, String),
    #[error("该户已有一份进行中的装修登记（{0}），请先办完或关闭它再申请。")]
    AlreadyOpen(String),
    #[error("装修登记 {id} 现在是“{status}”，不能{action}。{hint}")]
    WrongStep { id: i64, status: &'static str, action: &'static str, hint: &'static str },
    #[error("驳回申请要写明原因，业主按原因修改后可重新申请。")]
    RejectReason,
    #[error("要求整改要写明整改内容。")]
    RectifyReason,
    #[error("检查项目“{0}”不认识。可选：{1}。")]
    BadCheckItem(String, &'static str),
    #[error("整改期限 {deadline} 早于检查日期 {day}，请核对。")]
    DeadlineBeforeDay { day: String, deadline: String },
    #[error("巡查日期 {0} 不在施工期内（开工前或已验收后），请核对日期。")]
    InspectionDay(String),
    #[error("还有 {0} 项违规未整改完毕，整改完成并登记复查后才能申请竣工验收。")]
    OpenViolations(usize),
    #[error("找不到违规记录 {0}，请核对编号。")]
    ViolationNotFound(i64),
    #[error("违规 {0} 已经登记整改完毕。")]
    ViolationFixed(i64),
    #[error("闭水试验只进行了 {hours} 小时，小区规定至少 {min} 小时（设置 reno_waterproof_hours）。请做满时长后再登记。")]
    WaterproofTooShort { hours: i64, min: i64 },
    #[error("蓄水深度“{0}”不对，应写成厘米数，如 2 或 2.5。")]
    BadDepth(String),
    #[error("施工范围含防水或水电，验收前须有一次合格的闭水试验（estate reno waterproof）。")]
    NeedsWaterproof,
    #[error("验收有不合格项（{0}），不能通过验收。请改为要求整改（estate reno rectify），写明整改内容。")]
    AcceptWithProblems(String),
    #[error("延期后的完工日期 {new} 要晚于现在的完工日期 {old}。")]
    ExtendNotLater { old: String, new: String },
    #[error("延期要写明原因。")]
    ExtendReason,
    #[error("扣款“{0}”写不对，应写成 金额:原因，如 300:墙面损坏修复。")]
    BadDeduction(String),
    #[error("扣款合计 {deduct} 元，超过押金现存的 {held} 元。请核对扣款金额。")]
    DeductionsTooLarge { deduct: crate::money::Money, held: crate::money::Money },
    #[error("该户本月已有一笔“{0}”账单，不能再开。请下月办理，或先核对该户账单。")]
    FeeBilledThisMonth(String),
    #[error("房屋 {0} 没有登记建筑面积，算不出装修管理费。请先在房屋资料里补上面积。")]
    NoArea(String),
    #[error("装修收费未设置：{0}。请主管先设置（estate settings set {1} 金额）。")]
    FeeNotSet(&'static str, &'static str),
    #[error("装修登记 {id} 现在是“{status}”，还没有发放许可证，不能打印许可证。请先收费并发证（estate reno issue）。")]
    NotIssued { id: i64, status: &'static str },
    #[error("装修登记 {id} 现在是“{status}”，押金还没有退还，没有退还单可打印。验收后请先退押金（estate reno refund）。")]
    NotRefunded { id: i64, status: &'static str },
    #[error("找不到放行条 {0}，请核对编号（如 FX20261103-001，estate reno show 可查）。")]
    SlipNotFound(String),
    #[error("应收 {due} 元（管理费、垃圾清运费、押金），实收 {paid} 元，不一致。请按应收金额收取。")]
    WrongAmount { due: crate::money::Money, paid: crate::money::Money },
}

impl Coded for RenoError {
    fn code(&self) -> &'static str {
        use RenoError::*;
        match self {
            NotFound(_) => "reno.not_found",
            NotOwner(_) => "reno.not_owner",
            Required(_) => "reno.required",
            BadScope(_) => "reno.bad_scope",
            NoScope => "reno.no_scope",
            BadDate(_) => "reno.bad_date",
            BadTime(_) => "reno.bad_time",
            EndBeforeStart { .. } => "reno.end_before_start",
            TooLong { .. } => "reno.too_long",
            StartInPast(_) => "reno.start_in_past",
            IdLast4(_) => "reno.id_last4",
            BadPhone(..) => "reno.bad_phone",
            AlreadyOpen(_) => "reno.already_open",
            WrongStep { .. } => "reno.wrong_step",
            RejectReason => "reno.reject_reason",
            RectifyReason => "reno.rectify_reason",
            BadCheckItem(..) => "reno.bad_check_item",
            DeadlineBeforeDay { .. } => "reno.deadline_before_day",
            InspectionDay(_) => "reno.inspection_day",
            OpenViolations(_) => "reno.open_violations",
            ViolationNotFound(_) => "reno.violation_not_found",
            ViolationFixed(_) => "reno.violation_fixed",
            WaterproofTooShort { .. } => "reno.waterproof_too_short",
            BadDepth(_) => "reno.bad_depth",
            NeedsWaterproof => "reno.needs_waterproof",
            AcceptWithProblems(_) => "reno.accept_with_problems",
            ExtendNotLater { .. } => "reno.extend_not_later",
            ExtendReason => "reno.extend_reason",
            BadDeduction(_) => "reno.bad_deduction",
            DeductionsTooLarge { .. } => "reno.deductions_too_large",
            FeeBilledThisMonth(_) => "reno.fee_billed_this_month",
            NoArea(_) => "reno.no_area",
            FeeNotSet(..) => "reno.fee_not_set",
            WrongAmount { .. } => "reno.wrong_amount",
            NotIssued { .. } => "reno.not_issued",
            NotRefunded { .. } => "reno.not_refunded",
            SlipNotFound(_) => "reno.slip_not_found",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

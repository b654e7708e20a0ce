//! Refusals of the service desk: each says why and what to do.

use crate::error::Coded;
use crate::money::Money;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("找不到业户需求 {0}，请核对编号（estate request list 可查）。")]
    NotFound(String),
    #[error("找不到维修单 {0}，请核对编号（estate order list 可查）。")]
    OrderNotFound(String),
    #[error("{0}不能为空，请填写后再提交。")]
    Required(&'static str),
    #[error("{what}“{text}”不认识。可选：{choices}。")]
    BadChoice { what: &'static str, text: String, choices: String },
    #[error("投诉要选投诉类别（{0}）。")]
    NoSubject(String),
    #[error("只有投诉才有投诉类别；{0}请不要填类别。")]
    SubjectNotComplaint(&'static str),
    #[error("时间“{0}”认不出，应写成 2026-11-23 09:00。")]
    BadTime(String),
    #[error("时间 {0} 还没到，请写已经发生的时间。")]
    FutureTime(String),
    #[error("时间 {at} 早于上一步的时间 {before}，请核对。")]
    TimeBeforeLast { at: String, before: String },
    #[error("电话“{0}”不像电话号码，请核对。")]
    BadPhone(String),
    #[error("{no} 现在是“{status}”，不能{action}。{hint}")]
    WrongStep { no: String, status: &'static str, action: &'static str, hint: String },
    #[error("还没有答复业主，不能关闭 {0}。请先登记答复（什么时间、用什么方式、答复了什么）。")]
    CloseWithoutReply(String),
    #[error("还没有答复业主，不能回访 {0}。请先登记答复，再回访。")]
    VisitBeforeReply(String),
    #[error("投诉 {0} 要依次办理：定性 → 调查原因 → 指派责任人 → 处理方案 → 答复 → 回访 → 总结 → 关闭，不能跳过“{1}”。")]
    SkipStep(String, &'static str),
    #[error("定性为无效投诉要写明原因（如：不属物业服务范围）。")]
    InvalidNeedsReason,
    #[error("定性要写明有效还是无效（--valid yes 或 no）。")]
    ValidRequired,
    #[error("回访要写明业主是否满意（--satisfied yes 或 no）。")]
    SatisfiedRequired,
    #[error("处理期限 {deadline} 早于现在，请写以后的时间。")]
    DeadlinePast { deadline: String },
    #[error("{0}只有投诉才有。咨询、服务、报修：可指派、答复、回访、关闭。")]
    ComplaintOnly(&'static str),
    #[error("只有登记在某户的投诉才能与欠费关联；{0}。")]
    WithholdingNotComplaint(String),
    #[error("{0} 已经关联了欠费（业主以投诉为由拒缴）。")]
    WithholdingTwice(String),
    #[error("户内维修要写房号；公共区域的维修不写房号。")]
    AreaUnit,
    #[error("维修单要从报修或投诉开出，{0} 是咨询，不能开维修单。")]
    OrderFromConsult(String),
    #[error("需求 {0} 已关闭，不能再开维修单。请另行登记。")]
    OrderFromClosed(String),
    #[error("还没有完工，不能{action} {no}。请先登记完工（estate order done）。")]
    NotDone { no: String, action: &'static str },
    #[error("{0} 是公共区域维修：完工后由前台验收（estate order check），没有业主回访。")]
    PublicHasNoVisit(String),
    #[error("{0} 是户内维修：完工后回访业主（estate order visit），不是验收。")]
    UnitHasNoCheck(String),
    #[error("验收不合格，不能验收通过 {0}。请重新派工返修（estate order dispatch）。")]
    CheckFailed(String),
    #[error("公共区域的维修不向业主收费。")]
    ChargePublic,
    #[error("{0} 已经收过维修费，返修不再收费。")]
    ChargedTwice(String),
    #[error("维修费 {0} 元不对，应为 0 以上的金额。")]
    BadCharge(Money),
    #[error("响应时限“{0}”写不对，应写成三个小时数：一般,紧急,特急，如 24,4,1。")]
    BadResponseHours(String),
}

impl Coded for ServiceError {
    fn code(&self) -> &'static str {
        use ServiceError::*;
        match self {
            NotFound(_) => "service.not_found",
            OrderNotFound(_) => "service.order_not_found",
            Required(_) => "service.required",
            BadChoice { .. } => "service.bad_choice",
            NoSubject(_) => "service.no_subject",
            SubjectNotComplaint(_) => "service.subject_not_complaint",
            BadTime(_) => "service.bad_time",
            FutureTime(_) => "service.future_time",
            TimeBeforeLast { .. } => "service.time_before_last",
            BadPhone(_) => "service.bad_phone",
            WrongStep { .. } => "service.wrong_step",
            CloseWithoutReply(_) => "service.close_without_reply",
            VisitBeforeReply(_) => "service.visit_before_reply",
            SkipStep(..) => "service.skip_step",
            InvalidNeedsReason => "service.invalid_needs_reason",
            ValidRequired => "service.valid_required",
            SatisfiedRequired => "service.satisfied_required",
            DeadlinePast { .. } => "service.deadline_past",
            ComplaintOnly(_) => "service.complaint_only",
            WithholdingNotComplaint(_) => "service.withholding_not_complaint",
            WithholdingTwice(_) => "service.withholding_twice",
            AreaUnit => "service.area_unit",
            OrderFromConsult(_) => "service.order_from_consult",
            OrderFromClosed(_) => "service.order_from_closed",
            NotDone { .. } => "service.not_done",
            PublicHasNoVisit(_) => "service.public_has_no_visit",
            UnitHasNoCheck(_) => "service.unit_has_no_check",
            CheckFailed(_) => "service.check_failed",
            ChargePublic => "service.charge_public",
            ChargedTwice(_) => "service.charged_twice",
            BadCharge(_) => "service.bad_charge",
            BadResponseHours(_) => "service.bad_response_hours",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

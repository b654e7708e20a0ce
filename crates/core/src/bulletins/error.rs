//! Refusals of the notice board: each says why and what to do. The codes start
//! `notice.` as the command does (`estate notice …`); the billing notices' own
//! refusals are `notices.…`.

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum BulletinError {
    #[error("找不到通知 {0}，请核对编号（estate notice list 可查）。")]
    NotFound(String),
    #[error("找不到通知模板“{0}”。现有模板：{1}。")]
    TemplateNotFound(String, String),
    #[error("已经有名为“{0}”的通知模板，请换一个名称，或修改原模板。")]
    TemplateExists(String),
    #[error("{0}不能为空，请填写后再提交。")]
    Required(&'static str),
    #[error("通知正文不能为空，请写上要告知业主的内容。")]
    EmptyBody,
    #[error("{what}太长了（{chars} 字），最多 {max} 字。")]
    TooLong { what: &'static str, chars: usize, max: usize },
    #[error("“{0}”处的大括号没有配对。占位符写成 {{开始}} 这样，名称 1 到 10 个字、不含空格；正文里不要单独使用大括号。")]
    StrayBrace(String),
    #[error("还有占位符没有填写：{missing}。{hint}")]
    MissingValue { missing: String, hint: String },
    #[error("模板“{template}”里没有 {names}，请核对。这个模板要填写：{known}。")]
    UnknownPlaceholder { template: String, names: String, known: String },
    #[error("“{0}”写不对，应写成 键=值，如 开始=11月25日8:00。")]
    BadSet(String),
    #[error("{{{0}}} 写了两次，请只写一次。")]
    SetTwice(String),
    #[error("{{{0}}} 的内容里不能有大括号，请去掉。")]
    BraceInValue(String),
    #[error("日期“{0}”认不出，应写成 2026-11-23。")]
    BadDate(String),
    #[error("通知日期 {0} 离今天超过一年，请核对。")]
    DateFar(String),
    #[error("通知 {no} 已于 {at} 撤回（{reason}），不能再{action}。如需重新张贴，请重新发布一份通知。")]
    Withdrawn { no: String, at: String, reason: String, action: &'static str },
    #[error("没有要修改的内容：请写新的名称、标题或正文。")]
    NothingToChange,
}

impl Coded for BulletinError {
    fn code(&self) -> &'static str {
        use BulletinError::*;
        match self {
            NotFound(_) => "notice.not_found",
            TemplateNotFound(..) => "notice.template_not_found",
            TemplateExists(_) => "notice.template_exists",
            Required(_) => "notice.required",
            EmptyBody => "notice.empty_body",
            TooLong { .. } => "notice.too_long",
            StrayBrace(_) => "notice.stray_brace",
            MissingValue { .. } => "notice.missing_value",
            UnknownPlaceholder { .. } => "notice.unknown_placeholder",
            BadSet(_) => "notice.bad_set",
            SetTwice(_) => "notice.set_twice",
            BraceInValue(_) => "notice.brace_in_value",
            BadDate(_) => "notice.bad_date",
            DateFar(_) => "notice.date_far",
            Withdrawn { .. } => "notice.withdrawn",
            NothingToChange => "notice.nothing_to_change",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

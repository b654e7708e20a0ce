//! Refusals of inspections: each says why and what to do.

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum InspectError {
    #[error("找不到巡检记录 {0}，请核对编号（estate inspect list 可查）。")]
    NotFound(String),
    #[error("巡检表“{0}”不认识。可选：公共区域（每周公共区域巡检）、空置房（每月空置房巡检）。")]
    BadChecklist(String),
    #[error("{0}不能为空，请填写后再提交。")]
    Required(&'static str),
    #[error("{checklist}巡检表里没有在用的检查项“{item}”。在用的：{names}。")]
    ItemNotFound { checklist: &'static str, item: String, names: String },
    #[error("{checklist}巡检表已有检查项“{item}”，请换一个名称。")]
    ItemExists { checklist: &'static str, item: String },
    #[error("{checklist}巡检表只剩“{item}”一项，不能停用。请先添加新的检查项。")]
    LastItem { checklist: &'static str, item: String },
    #[error("位置 {got} 不对，应为 1 到 {max} 之间的整数。")]
    BadPosition { got: String, max: i64 },
    #[error("日期“{0}”认不出，应写成 2026-11-23。")]
    BadDate(String),
    #[error("巡检日期 {0} 还没到，请写巡检实际进行的日期。")]
    FutureDate(String),
    #[error("公共区域巡检不写房号；空置房巡检才写房号。")]
    UnitForPublic,
    #[error("空置房巡检要写房号（哪一户空置房）。")]
    UnitRequired,
    #[error("{unit} 现登记有住户（{who}），不是空置房。空置房巡检只查没有人居住的住宅；住户已迁出的，请先在业户登记里结束入住。")]
    NotVacant { unit: String, who: String },
    #[error("{unit} 是{kind}，空置房巡检只查住宅。")]
    NotHome { unit: String, kind: &'static str },
    #[error("{no} 上没有检查项“{item}”。可填序号或名称：{items}。")]
    ItemNotOnRound { no: String, item: String, items: String },
    #[error("{no} 的“{item}”已经填过（{result}），巡检结果只写一次，不再修改。")]
    Answered { no: String, item: String, result: &'static str },
    #[error("“{0}”选了异常，要写明情况（如：5 楼楼道灯不亮），前台和维修人员才知道去哪里、修什么。")]
    FaultNeedsNote(String),
    #[error("请选正常或异常其中一个（--ok 或 --fault）。")]
    OkOrFault,
    #[error("{no} 还有 {count} 项没填：{items}。每项都填了正常或异常，才能完成巡检。")]
    Unanswered { no: String, count: usize, items: String },
    #[error("{0} 已完成，巡检记录不再修改。有新情况请另做一次巡检。")]
    Finished(String),
    #[error("{no} 的“{item}”{why}，不能开维修单；只有异常项才开维修单。")]
    OkItem { no: String, item: String, why: &'static str },
    #[error("{no} 的“{item}”已开维修单 {order}，一个异常项只开一张。请到维修单里跟进。")]
    OrderExists { no: String, item: String, order: String },
}

impl Coded for InspectError {
    fn code(&self) -> &'static str {
        use InspectError::*;
        match self {
            NotFound(_) => "inspect.not_found",
            BadChecklist(_) => "inspect.bad_checklist",
            Required(_) => "inspect.required",
            ItemNotFound { .. } => "inspect.item_not_found",
            ItemExists { .. } => "inspect.item_exists",
            LastItem { .. } => "inspect.last_item",
            BadPosition { .. } => "inspect.bad_position",
            BadDate(_) => "inspect.bad_date",
            FutureDate(_) => "inspect.future_date",
            UnitForPublic => "inspect.unit_public",
            UnitRequired => "inspect.unit_required",
            NotVacant { .. } => "inspect.not_vacant",
            NotHome { .. } => "inspect.not_home",
            ItemNotOnRound { .. } => "inspect.item_not_on_round",
            Answered { .. } => "inspect.answered",
            FaultNeedsNote(_) => "inspect.fault_note",
            OkOrFault => "inspect.ok_or_fault",
            Unanswered { .. } => "inspect.unanswered",
            Finished(_) => "inspect.finished",
            OkItem { .. } => "inspect.ok_item",
            OrderExists { .. } => "inspect.order_exists",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}

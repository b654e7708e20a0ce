//! Refusals of the shift handover: each says why and what to do.

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum ShiftError {
    #[error("找不到交班记录 {0}，请核对编号（estate shift list 可查）。")]
    NotFound(String),
    #[error("{operator} 今天（{day}）已经交过班（交班记录 {id}），每人每天交班一次。要补充的事请写进接班人确认的备注，或当面交代。")]
    AlreadyMade { operator: String, day: String, id: i64 },
    #[error("交班记录 {0} 是您自己交的班，要由接班的同事登录后确认。")]
    OwnHandover(i64),
    #[error("交班记录 {id} 已由 {by} 于 {at} 确认接班，不需要再确认。")]
    AlreadyAcknowledged { id: i64, by: String, at: String },
    #[error("{what}最多 {max} 个字，现在有 {len} 个字，请写短一些。")]
    TooLong { what: &'static str, max: usize, len: usize },
}

impl Coded for ShiftError {
    fn code(&self) -> &'static str {
        match self {
            ShiftError::NotFound(_) => "shift.not_found",
            ShiftError::AlreadyMade { .. } => "shift.already_made",
            ShiftError::OwnHandover(_) => "shift.own_handover",
            ShiftError::AlreadyAcknowledged { .. } => "shift.already_acknowledged",
            ShiftError::TooLong { .. } => "shift.too_long",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}
